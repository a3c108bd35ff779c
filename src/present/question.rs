//! A question as a person reads it: its stem with the hint of how many to pick,
//! its exhibit, and its body as its kind shows it (lettered choices, items to
//! order, premises to match, a line to type, an attempt); once its verdict is
//! out, the marks and the right answer beside the candidate's, the explanation
//! and the references. Every text in it is made safe by [`Text`].

use super::words::{self, letters};
use super::{Text, Tone};
use crate::bank::Target;
use crate::flow::Flow;
use crate::quiz::{Kind, Mode, Outcome, Raw, SelfMark, Session, View};

pub use crate::bank::kind::matching::{Judged as PairJudged, Premise};
pub use crate::bank::kind::order::Item as OrderItem;

/// An order question's view, its text safe.
pub type OrderView = crate::bank::kind::order::View<Text>;
/// A match question's view.
pub type MatchView = crate::bank::kind::matching::View<Text>;
/// A number or text question's view: one typed line.
pub type TypedView = crate::bank::kind::text::View<Text>;
/// An open question's view.
pub type OpenView = crate::bank::kind::open::View<Text>;

/// A question as put, or as judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub number: usize,
    pub total: usize,
    pub kind: Kind,
    pub stem: Text,
    /// How many to pick, after the stem: `(Choose 2)`.
    pub hint: Option<String>,
    /// Shown as written, never re-wrapped.
    pub exhibit: Option<Text>,
    /// Its picture, which a terminal shows as words.
    pub picture: Option<Picture>,
    /// What its kind shows.
    pub body: Body,
}

/// A question's picture, as a front that cannot draw it shows it: what it
/// shows (its `alt`) and its file's path, both safe; and where to find the
/// file, to open it in the system's viewer.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub alt: Option<Text>,
    pub path: Text,
    bank_file: String,
    written: String,
}

impl Picture {
    /// The words a terminal shows in the picture's place:
    /// `Picture: Two routers joined by a serial link (img/topology.png)`.
    pub fn line(&self) -> String {
        match &self.alt {
            Some(alt) => format!("Picture: {} ({})", alt.as_str(), self.path.as_str()),
            None => format!("Picture: {} (no description)", self.path.as_str()),
        }
    }

    /// Its file, found inside its bank's folder and checked (`bank::image`).
    pub fn find(&self) -> Result<crate::bank::image::Found, crate::bank::image::ImageError> {
        crate::bank::image::find(std::path::Path::new(&self.bank_file), &self.written)
    }
}

/// A question's body as its kind shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Choice {
        /// Several answers: the choices are ticked, not picked.
        several: bool,
        choices: Vec<Choice>,
    },
    Order(OrderView),
    Match(MatchView),
    Typed(TypedView),
    Open(OpenView),
}

impl Question {
    /// The choices of a choice question (none for another kind).
    pub fn choices(&self) -> &[Choice] {
        match &self.body {
            Body::Choice { choices, .. } => choices,
            _ => &[],
        }
    }

    /// Whether its choices are ticked, several at once.
    pub fn several(&self) -> bool {
        matches!(self.body, Body::Choice { several: true, .. })
    }

    /// How many things have a letter (the choices, an order's items, a
    /// match's responses).
    pub fn letters(&self) -> usize {
        match &self.body {
            Body::Choice { choices, .. } => choices.len(),
            Body::Order(o) => o.items.len(),
            Body::Match(m) => m.responses.len(),
            Body::Typed(_) | Body::Open(_) => 0,
        }
    }

    /// How many things a front lets the candidate move between with ↑↓ (the
    /// choices, an order's items, a match's premises).
    pub fn rows(&self) -> usize {
        match &self.body {
            Body::Choice { choices, .. } => choices.len(),
            Body::Order(o) => o.items.len(),
            Body::Match(m) => m.premises.len(),
            Body::Typed(_) | Body::Open(_) => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub letter: char,
    pub text: Text,
    /// Picked in the response.
    pub picked: bool,
    /// Once the verdict is out: how the choice went.
    pub mark: Option<Mark>,
    /// Once the verdict is out: the author's word on it.
    pub why: Option<Text>,
    /// The author's word says only what the mark says ("Correct." beside ✓):
    /// a front that shows the mark leaves it out.
    pub why_repeats_mark: bool,
}

/// A choice after the verdict: `✓` with "your pick", `○` "not picked" (a right
/// one missed; "the answer" where there is one), `✗` "your pick" (a wrong one),
/// or nothing. The label says what the
/// candidate did, never right or wrong again: the mark and the author's `why` do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub symbol: &'static str,
    pub label: Option<&'static str>,
    pub tone: Tone,
    pub right: bool,
    pub picked: bool,
}

impl Mark {
    fn of(right: bool, picked: bool, several: bool) -> Mark {
        let (symbol, label, tone) = match (right, picked) {
            (true, true) => ("✓", Some("your pick"), Tone::Good),
            (true, false) if several => ("○", Some("not picked"), Tone::Warn),
            (true, false) => ("○", Some("the answer"), Tone::Warn),
            (false, true) => ("✗", Some("your pick"), Tone::Bad),
            (false, false) => (" ", None, Tone::Plain),
        };
        Mark {
            symbol,
            label,
            tone,
            right,
            picked,
        }
    }

    /// `✓` or `✗`, for a judged item or pair.
    pub fn of_right(right: bool) -> (&'static str, Tone) {
        if right {
            ("✓", Tone::Good)
        } else {
            ("✗", Tone::Bad)
        }
    }
}

/// What follows a verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub verdict: Verdict,
    /// A remark about the question, such as that it changed since last answered.
    pub note: Option<String>,
    /// The explanation as paragraphs (an empty one between them).
    pub explanation: Vec<Text>,
    pub references: Vec<Reference>,
}

/// `✓ Correct: B.`, `✗ Wrong: the answer is A, C; you chose A, B.` and the like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub text: String,
    pub tone: Tone,
}

impl Verdict {
    /// The verdict on `outcome`, in the words of the question's kind: the
    /// right answer beside the candidate's.
    pub fn of(outcome: &Outcome, body: &Body, exam: bool) -> Verdict {
        let skipped = if exam { "Not answered" } else { "Skipped" };
        let partly = |answer: &str, given: &str| Verdict {
            text: format!(
                "◐ Partly right ({} point): {answer}; {given}.",
                words::points(outcome.points)
            ),
            tone: Tone::Warn,
        };
        let wrong = |answer: &str, given: &str| Verdict {
            text: format!("✗ Wrong: {answer}; {given}."),
            tone: Tone::Bad,
        };
        let judge = |answer: String, right: String, given: String| {
            if outcome.skipped {
                Verdict {
                    text: format!("{skipped}. {}.", capital(&answer)),
                    tone: Tone::Warn,
                }
            } else if outcome.is_right() {
                Verdict {
                    text: format!("✓ Correct: {right}."),
                    tone: Tone::Good,
                }
            } else if outcome.points > 0.0 {
                partly(&answer, &given)
            } else {
                wrong(&answer, &given)
            }
        };
        match body {
            Body::Choice { choices, .. } => {
                let picked = |f: fn(&Mark) -> bool| -> Vec<usize> {
                    (0..choices.len())
                        .filter(|&i| choices[i].mark.as_ref().is_some_and(f))
                        .collect()
                };
                let answer = letters(&picked(|m| m.right));
                let given = letters(&picked(|m| m.picked));
                judge(
                    format!("the answer is {answer}"),
                    answer,
                    format!("you chose {given}"),
                )
            }
            Body::Order(o) => {
                let right: Vec<char> = o
                    .answer
                    .iter()
                    .flatten()
                    .map(|(letter, _)| *letter)
                    .collect();
                let yours: Vec<char> = o.items.iter().map(|i| i.letter).collect();
                let joined =
                    |l: &[char]| l.iter().map(char::to_string).collect::<Vec<_>>().join(", ");
                judge(
                    format!("the right order is {}", joined(&right)),
                    joined(&right),
                    format!("yours is {}", joined(&yours)),
                )
            }
            Body::Match(m) => {
                let answer: String = m
                    .premises
                    .iter()
                    .filter_map(|p| p.answer.as_ref().map(|a| a.letter))
                    .collect();
                let yours: String = m.premises.iter().map(|p| p.slot.unwrap_or('-')).collect();
                let right = m
                    .premises
                    .iter()
                    .filter(|p| p.answer.as_ref().is_some_and(|a| a.right))
                    .count();
                judge(
                    format!("the answer is {answer}"),
                    format!("{answer}, every pair"),
                    format!(
                        "you gave {yours} ({right} of {} pairs right)",
                        m.premises.len()
                    ),
                )
            }
            Body::Typed(t) => {
                let accepted: Vec<&str> = t.answer.iter().flatten().map(Text::as_str).collect();
                let mut answer = format!("the answer is {}", accepted.first().unwrap_or(&""));
                if let Some(tolerance) = &t.tolerance {
                    answer.push_str(&format!(" (give or take {tolerance})"));
                }
                if accepted.len() > 1 {
                    answer.push_str(&format!(" (also accepted: {})", accepted[1..].join(", ")));
                }
                judge(
                    answer,
                    t.typed.trim().to_owned(),
                    format!("you typed {}", t.typed.trim()),
                )
            }
            Body::Open(o) => match (o.mark, outcome.skipped) {
                (_, true) => Verdict {
                    text: format!("{skipped}. The model answer is below."),
                    tone: Tone::Warn,
                },
                (None, _) => Verdict {
                    text: "Mark your answer against the model answer below.".to_owned(),
                    tone: Tone::Warn,
                },
                (Some(mark), _) => Verdict {
                    text: format!(
                        "{} (your own mark; open questions are not scored).",
                        self_mark(mark)
                    ),
                    tone: match mark {
                        SelfMark::Right => Tone::Good,
                        SelfMark::Partly => Tone::Warn,
                        SelfMark::Wrong => Tone::Bad,
                    },
                },
            },
        }
    }
}

/// A self mark in words: `✓ Marked right`.
pub fn self_mark(mark: SelfMark) -> &'static str {
    match mark {
        SelfMark::Right => "✓ Marked right",
        SelfMark::Partly => "◐ Marked partly right",
        SelfMark::Wrong => "✗ Marked wrong",
    }
}

/// `the answer is B` → `The answer is B`.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A reference: what it is (`RFC 5246 §6.2.1 Fragmentation`, or a page's
/// title), its address as text, and the address to link, if it may be a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub label: Text,
    pub address: Text,
    /// Only where [`crate::safe::link`] allows it: the address shown, exactly.
    pub link: Option<String>,
}

/// Whether the verdict on question `index` is out: practice once it is
/// answered or skipped, an exam once submitted.
fn judged(flow: &Flow, index: usize) -> bool {
    match flow.mode() {
        Mode::Practice => flow.done(index),
        Mode::Exam => flow.submitted(),
    }
}

/// Question `index` as the flow has it: its response, and once the verdict
/// is out, the marks and the answer.
pub fn question(session: &Session, flow: &Flow, index: usize) -> Option<Question> {
    let asked = session.asked(index)?;
    let judged = judged(flow, index);
    let view = session.view(index, flow.response(index), judged)?;
    let mut hint = None;
    let body = match view.map(&mut safe) {
        View::Choice(v) => {
            hint = v.hint;
            let several = v.several;
            let choices = v
                .choices
                .into_iter()
                .map(|row| Choice {
                    letter: row.letter,
                    text: row.text,
                    picked: row.picked,
                    mark: row.right.map(|right| Mark::of(right, row.picked, several)),
                    why: row.why,
                    why_repeats_mark: row.why_repeats_mark,
                })
                .collect();
            Body::Choice { several, choices }
        }
        View::Order(v) => Body::Order(v),
        View::Match(v) => Body::Match(v),
        View::Typed(v) => Body::Typed(v),
        View::Open(v) => Body::Open(v),
    };
    Some(Question {
        number: asked.number,
        total: asked.total,
        kind: asked.question.kind(),
        stem: Text::prose(asked.question.question.value.trim()),
        hint,
        exhibit: asked
            .question
            .exhibit
            .as_ref()
            .map(|e| Text::prose(e.value.trim_end_matches('\n'))),
        picture: asked.question.image.as_ref().map(|image| Picture {
            alt: asked
                .question
                .alt
                .as_ref()
                .map(|a| a.value.trim())
                .filter(|a| !a.is_empty())
                .map(Text::flat),
            path: Text::line(image.value.trim()),
            bank_file: asked.bank.path.clone(),
            written: image.value.trim().to_owned(),
        }),
        body,
    })
}

/// A kind's raw text, made safe: prose keeps its lines, the rest is one line.
fn safe(raw: Raw<'_>) -> Text {
    if raw.prose {
        Text::prose(raw.text.trim_end())
    } else {
        Text::flat(raw.text)
    }
}

/// The feedback on question `index`, once its verdict is out. `note` is a
/// remark from outside the flow (the history's).
pub fn feedback(
    session: &Session,
    flow: &Flow,
    index: usize,
    note: Option<&str>,
) -> Option<Feedback> {
    if !judged(flow, index) {
        return None;
    }
    let mut outcome = flow.outcome(session, index)?;
    // An open question answered with no attempt was answered all the same
    // (its attempt is optional): the model answer is there to mark it by.
    if outcome.skipped && flow.answered(index) {
        outcome.skipped = false;
    }
    let asked = session.asked(index)?;
    let exam = flow.mode() == Mode::Exam;
    let shown = question(session, flow, index)?;
    let explanation = asked
        .question
        .explanation
        .as_ref()
        .map(|e| {
            crate::prose::reflow(&crate::safe::text(&e.value))
                .into_iter()
                .map(Text)
                .collect()
        })
        .unwrap_or_default();
    let references = asked
        .question
        .references
        .iter()
        .map(|r| {
            let label = match (&r.title, &r.target) {
                (Some(title), Target::Rfc { .. }) => format!("{} {}", r.label(), title.value),
                _ => r.label(),
            };
            let address = r.link();
            Reference {
                label: Text::flat(&label),
                link: crate::safe::link(&address).map(str::to_owned),
                address: Text::line(&address),
            }
        })
        .collect();
    Some(Feedback {
        verdict: Verdict::of(&outcome, &shown.body, exam),
        note: note.map(str::to_owned),
        explanation,
        references,
    })
}

impl Question {
    /// The stem followed by its hint, on one line where the two fit: the lines
    /// of both wrapped to `width`, the hint never split (its spaces are
    /// no-break spaces while wrapping).
    pub fn stem_lines(&self, width: usize, break_words: bool) -> Vec<String> {
        let Some(hint) = &self.hint else {
            return super::wrap::wrapped(&self.stem, width, break_words);
        };
        let glued = hint.replace(' ', "\u{a0}");
        let text = format!("{} {glued}", self.stem);
        super::wrap::wrapped(&text, width, break_words)
            .into_iter()
            .map(|line| line.replace(&glued, hint))
            .collect()
    }

    /// The stem and its hint, unwrapped.
    pub fn stem_and_hint(&self) -> String {
        match &self.hint {
            Some(hint) => format!("{} {hint}", self.stem),
            None => self.stem.to_string(),
        }
    }
}
