//! A question as a person reads it: its stem with the hint of how many to pick,
//! its exhibit and lettered choices; once its verdict is out, each choice's mark
//! and the author's word on it, the explanation and the references.

use super::words::{self, letters};
use super::{Text, Tone};
use crate::bank::Target;
use crate::flow::Flow;
use crate::quiz::{Mode, Outcome, Session};

/// A question as put, or as judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    pub number: usize,
    pub total: usize,
    pub stem: Text,
    /// How many to pick, after the stem: `(Choose 2)`.
    pub hint: Option<String>,
    /// Shown as written, never re-wrapped.
    pub exhibit: Option<Text>,
    /// Several answers: the choices are ticked, not picked.
    pub several: bool,
    pub choices: Vec<Choice>,
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
    pub fn of(outcome: &Outcome, exam: bool) -> Verdict {
        let answer = letters(&outcome.expected);
        if outcome.skipped {
            let word = if exam { "Not answered" } else { "Skipped" };
            Verdict {
                text: format!("{word}. The answer is {answer}."),
                tone: Tone::Warn,
            }
        } else if outcome.is_right() {
            Verdict {
                text: format!("✓ Correct: {answer}."),
                tone: Tone::Good,
            }
        } else if outcome.points > 0.0 {
            Verdict {
                text: format!(
                    "◐ Partly right ({} point): the answer is {answer}; you chose {}.",
                    words::points(outcome.points),
                    letters(&outcome.given)
                ),
                tone: Tone::Warn,
            }
        } else {
            Verdict {
                text: format!(
                    "✗ Wrong: the answer is {answer}; you chose {}.",
                    letters(&outcome.given)
                ),
                tone: Tone::Bad,
            }
        }
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

/// Question `index` as the flow has it: its picks, and once the verdict is out,
/// the marks.
pub fn question(session: &Session, flow: &Flow, index: usize) -> Option<Question> {
    let asked = session.asked(index)?;
    let picks = flow.response(index).picks();
    let outcome = judged(flow, index)
        .then(|| flow.outcome(session, index))
        .flatten();
    let choices = asked
        .choices()
        .enumerate()
        .map(|(shown, (letter, choice))| {
            let (mark, why, why_repeats_mark) = match &outcome {
                Some(outcome) => {
                    let right = outcome.expected.contains(&shown);
                    let picked = outcome.given.contains(&shown);
                    let why = choice.why.as_ref();
                    let repeats = why.is_some_and(|w| crate::prose::only_says(&w.value, right));
                    let several = asked.prompt.takes_several();
                    let mark = Mark::of(right, picked, several);
                    (Some(mark), why.map(|w| Text::flat(&w.value)), repeats)
                }
                None => (None, None, false),
            };
            Choice {
                letter,
                text: Text::flat(&choice.text.value),
                picked: picks.contains(&shown),
                mark,
                why,
                why_repeats_mark,
            }
        })
        .collect();
    Some(Question {
        number: asked.number,
        total: asked.total,
        stem: Text::prose(asked.question.question.value.trim()),
        hint: asked.prompt.hint(),
        exhibit: asked
            .question
            .exhibit
            .as_ref()
            .map(|e| Text::prose(e.value.trim_end_matches('\n'))),
        several: asked.prompt.takes_several(),
        choices,
    })
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
    let outcome = flow.outcome(session, index)?;
    let asked = session.asked(index)?;
    let exam = flow.mode() == Mode::Exam;
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
        verdict: Verdict::of(&outcome, exam),
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
