//! Choice questions: lettered choices, one right or several (`answer: [A, C]`),
//! shuffled unless `shuffle: false`, a choice kept in place with `pin: true`.
//! Scored all or nothing, or partly: max(0, (right − wrong) / k).

use super::{
    Answering, Arrange, Edit, Model, Part, Progress, Raw, Read, Refusal, Response, Scoring, What,
};
use crate::bank::reader::{Fields, Reader};
use crate::bank::write;
use crate::bank::yaml::{Node, Value};
use crate::bank::{Spanned, letter, letter_index};
use std::fmt::Write as _;

/// A choice question.
#[derive(Debug, Clone)]
pub struct Choices {
    /// `true` presents the item as "(Select all that apply)" without telling how
    /// many choices are right.
    pub multi: bool,
    /// `false` keeps the choices in file order even when a run shuffles.
    pub shuffle: bool,
    /// 2 to 26 choices, lettered A, B, C… in file order.
    pub choices: Spanned<Vec<Choice>>,
    /// The correct choice: one letter, or a list of letters (kept as written;
    /// `check` validates the letters).
    pub answer: Spanned<Vec<Spanned<String>>>,
}

/// One choice.
#[derive(Debug, Clone)]
pub struct Choice {
    pub text: Spanned<String>,
    /// Feedback on this choice, shown after answering.
    pub why: Option<Spanned<String>>,
    /// Keeps its position when choices are shuffled.
    pub pin: bool,
}

/// How the stem tells the candidate what kind of answer it wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// One correct choice.
    One,
    /// Several correct choices, and the stem says how many.
    Choose(usize),
    /// `multi: true`: select all that apply, count not told.
    SelectAll,
}

impl Prompt {
    /// The hint after the stem: `(Choose 2)`, `(Select all that apply)`, or none.
    pub fn hint(self) -> Option<String> {
        match self {
            Prompt::One => None,
            Prompt::Choose(n) => Some(format!("(Choose {n})")),
            Prompt::SelectAll => Some("(Select all that apply)".to_owned()),
        }
    }

    pub fn takes_several(self) -> bool {
        self != Prompt::One
    }
}

impl Choices {
    /// Indices (0-based, file order) of the correct choices. Letters that name no
    /// choice are left out; `check` reports them.
    pub fn correct(&self) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .answer
            .value
            .iter()
            .filter_map(|l| letter_index(&l.value))
            .filter(|&i| i < self.choices.value.len())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// True for an item with more than one correct choice, or marked `multi`.
    pub fn is_multiple(&self) -> bool {
        self.multi || self.answer.value.len() > 1
    }

    pub fn prompt(&self) -> Prompt {
        if self.multi {
            Prompt::SelectAll
        } else {
            match self.correct().len() {
                0 | 1 => Prompt::One,
                n => Prompt::Choose(n),
            }
        }
    }

    /// The right choices as shown, sorted.
    fn expected_shown(&self, shown: &[usize]) -> Vec<usize> {
        let mut expected: Vec<usize> = self
            .correct()
            .iter()
            .filter_map(|f| shown.iter().position(|o| o == f))
            .collect();
        expected.sort_unstable();
        expected
    }
}

impl Model for Choices {
    fn hash(&self, feed: &mut dyn FnMut(&str)) {
        for choice in &self.choices.value {
            feed(choice.text.value.trim());
        }
        for i in self.correct() {
            feed(&letter(i).to_string());
        }
        feed(if self.multi { "multi" } else { "" });
    }

    fn texts(&self) -> Vec<Part<'_>> {
        let mut out = Vec::new();
        for (i, c) in self.choices.value.iter().enumerate() {
            out.push(Part {
                what: What::Choice(i),
                text: &c.text,
                asked: true,
            });
            if let Some(why) = &c.why {
                out.push(Part {
                    what: What::Why(i),
                    text: why,
                    asked: false,
                });
            }
        }
        out
    }

    fn arrange(&self) -> Arrange {
        Arrange::Choices {
            n: self.choices.value.len(),
            shuffle: self.shuffle,
            pinned: self.choices.value.iter().map(|c| c.pin).collect(),
        }
    }

    fn blank(&self) -> Response {
        Response::Picks(Vec::new())
    }

    fn edit(
        &self,
        shown: &[usize],
        response: &Response,
        edit: &Edit,
        exam: bool,
    ) -> Result<Response, Refusal> {
        let prompt = self.prompt();
        let choices = shown.len();
        let picks = response.picks();
        match edit {
            Edit::Pick(shown) => {
                let shown = *shown;
                if shown >= choices {
                    return Err(Refusal::NotAChoice {
                        picked: shown,
                        choices,
                    });
                }
                if !prompt.takes_several() {
                    let cleared = exam && picks == [shown];
                    return Ok(Response::Picks(if cleared {
                        Vec::new()
                    } else {
                        vec![shown]
                    }));
                }
                let mut next = picks.to_vec();
                match next.iter().position(|&p| p == shown) {
                    Some(at) => {
                        next.remove(at);
                    }
                    None => {
                        if let Prompt::Choose(allowed) = prompt
                            && next.len() >= allowed
                        {
                            return Err(Refusal::TooMany { allowed });
                        }
                        next.push(shown);
                        next.sort_unstable();
                    }
                }
                Ok(Response::Picks(next))
            }
            Edit::Set(Response::Picks(given)) => {
                let mut next = given.clone();
                next.sort_unstable();
                next.dedup();
                if let Some(&past) = next.iter().find(|&&p| p >= choices) {
                    return Err(Refusal::NotAChoice {
                        picked: past,
                        choices,
                    });
                }
                match prompt {
                    Prompt::One if next.len() > 1 => Err(Refusal::OneAnswer),
                    Prompt::Choose(allowed) if next.len() > allowed => {
                        Err(Refusal::TooMany { allowed })
                    }
                    _ => Ok(Response::Picks(next)),
                }
            }
            _ => Err(Refusal::NotHere),
        }
    }

    fn progress(&self, _shown: &[usize], response: &Response) -> Progress {
        let picked = response.picks().len();
        match self.prompt() {
            _ if picked == 0 => Progress::Blank,
            Prompt::Choose(wanted) if picked < wanted => Progress::Partial {
                done: picked,
                of: wanted,
            },
            _ => Progress::Complete,
        }
    }

    fn score(&self, shown: &[usize], response: &Response, scoring: Scoring) -> Option<f64> {
        let given: Vec<usize> = response
            .picks()
            .iter()
            .copied()
            .filter(|&i| i < shown.len())
            .collect();
        Some(scoring.points(&given, &self.expected_shown(shown)))
    }

    fn kept(&self, shown: &[usize], response: &Response) -> Response {
        let mut files: Vec<usize> = response
            .picks()
            .iter()
            .filter_map(|&s| shown.get(s).copied())
            .collect();
        files.sort_unstable();
        Response::Picks(files)
    }

    fn restored(&self, shown: &[usize], kept: &Response) -> Response {
        let mut picks: Vec<usize> = kept
            .picks()
            .iter()
            .filter_map(|&file| shown.iter().position(|&o| o == file))
            .collect();
        picks.sort_unstable();
        Response::Picks(picks)
    }

    fn given(&self, kept: &Response) -> Vec<String> {
        kept.picks()
            .iter()
            .map(|&i| letter(i).to_string())
            .collect()
    }

    fn expected(&self) -> Vec<String> {
        self.correct()
            .into_iter()
            .map(|i| letter(i).to_string())
            .collect()
    }

    fn view<'a>(
        &'a self,
        shown: &[usize],
        response: &'a Response,
        judged: bool,
    ) -> super::View<Raw<'a>> {
        let picks = response.picks();
        let expected = self.expected_shown(shown);
        let several = self.prompt().takes_several();
        let choices = shown
            .iter()
            .enumerate()
            .filter_map(|(at, &file)| {
                let choice = self.choices.value.get(file)?;
                let right = expected.contains(&at);
                let why = choice.why.as_ref().filter(|_| judged);
                Some(Row {
                    letter: letter(at),
                    text: Raw::flat(&choice.text.value),
                    picked: picks.contains(&at),
                    right: judged.then_some(right),
                    why_repeats_mark: why.is_some_and(|w| crate::prose::only_says(&w.value, right)),
                    why: why.map(|w| Raw::flat(&w.value)),
                })
            })
            .collect();
        super::View::Choice(View {
            several,
            hint: self.prompt().hint(),
            choices,
        })
    }
}

/// A choice question as a front draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct View<T> {
    /// Several answers: the choices are ticked, not picked.
    pub several: bool,
    /// How many to pick, after the stem: `(Choose 2)`.
    pub hint: Option<String>,
    /// In the order shown.
    pub choices: Vec<Row<T>>,
}

/// One choice as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<T> {
    pub letter: char,
    pub text: T,
    pub picked: bool,
    /// Once judged: whether it is a right choice.
    pub right: Option<bool>,
    /// Once judged: the author's word on it.
    pub why: Option<T>,
    /// The author's word says only what the mark says ("Correct." beside ✓).
    pub why_repeats_mark: bool,
}

impl<T> View<T> {
    pub fn map<U>(self, f: &mut impl FnMut(T) -> U) -> View<U> {
        View {
            several: self.several,
            hint: self.hint,
            choices: self
                .choices
                .into_iter()
                .map(|r| Row {
                    letter: r.letter,
                    text: f(r.text),
                    picked: r.picked,
                    right: r.right,
                    why: r.why.map(&mut *f),
                    why_repeats_mark: r.why_repeats_mark,
                })
                .collect(),
        }
    }
}

impl Read for Choices {
    const KEYS: &'static [&'static str] = &["multi", "shuffle", "choices", "answer"];
    const ANSWERING: Answering = Answering::Picks;

    fn write(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        if self.multi {
            let _ = writeln!(out, "{pad}multi: true");
        }
        if !self.shuffle {
            let _ = writeln!(out, "{pad}shuffle: false");
        }
        let _ = writeln!(out, "{pad}choices:");
        for c in &self.choices.value {
            if c.why.is_none() && !c.pin {
                let _ = writeln!(out, "{pad}  - {}", write::value(&c.text.value, indent + 4));
                continue;
            }
            let _ = writeln!(
                out,
                "{pad}  - text: {}",
                write::value(&c.text.value, indent + 6)
            );
            if let Some(why) = &c.why {
                let _ = writeln!(
                    out,
                    "{pad}    why: {}",
                    write::value(&why.value, indent + 6)
                );
            }
            if c.pin {
                let _ = writeln!(out, "{pad}    pin: true");
            }
        }
        let letters: Vec<String> = self
            .answer
            .value
            .iter()
            .map(|l| match letter_index(&l.value) {
                Some(i) if i < 26 => letter(i).to_string(),
                _ => write::value(&l.value, indent + 2),
            })
            .collect();
        match letters.as_slice() {
            [one] => {
                let _ = writeln!(out, "{pad}answer: {one}");
            }
            many => {
                let _ = writeln!(out, "{pad}answer: [{}]", many.join(", "));
            }
        }
    }

    fn read(r: &mut Reader, f: &Fields, node: &Node) -> Option<Self> {
        let multi = r.flag(f.get("multi"), "multi");
        // Absent or null: choices shuffle when the run does.
        let shuffle = r.shuffle(f.get("shuffle"));
        let choices = r
            .required(f, node, "a question", "choices")
            .and_then(|n| read_choices(r, n));
        let answer = r
            .required(f, node, "a question", "answer")
            .and_then(|n| read_answer(r, n));
        Some(Choices {
            multi,
            shuffle,
            choices: choices?,
            answer: answer?,
        })
    }

    fn schema() -> (serde_json::Value, &'static [&'static str]) {
        let letter = serde_json::json!({ "type": "string", "pattern": "^[A-Za-z]$" });
        let text = super::schema_text("The choice's text.");
        let properties = serde_json::json!({
            "multi": {
                "type": "boolean",
                "description": "`true` presents the item as \"(Select all that apply)\" without telling how many choices are right."
            },
            "shuffle": {
                "type": "boolean",
                "default": true,
                "description": "`false` keeps the choices in file order even when a run shuffles (an item whose choices must stay put, such as \"Both A and C\")."
            },
            "choices": {
                "type": "array",
                "minItems": 2,
                "maxItems": 26,
                "description": "2 to 26 choices, lettered A, B, C… in file order.",
                "items": {
                    "description": "A choice: its text, or a map with the text, feedback and pinning.",
                    "anyOf": [
                        text,
                        {
                            "type": "object",
                            "additionalProperties": false,
                            "required": ["text"],
                            "properties": {
                                "text": text,
                                "why": { "type": "string", "description": "Feedback on this choice, shown after answering." },
                                "pin": { "type": "boolean", "description": "Keep this choice in place when choices are shuffled (for \"None of these\")." }
                            }
                        }
                    ]
                }
            },
            "answer": {
                "description": "The correct choice: one letter, or a list of letters for a multiple-answer item.",
                "anyOf": [
                    letter,
                    { "type": "array", "items": letter, "minItems": 1, "uniqueItems": true }
                ]
            }
        });
        (properties, &["choices", "answer"])
    }
}

fn read_choices(r: &mut Reader, node: &Node) -> Option<Spanned<Vec<Choice>>> {
    let items = r.list(node, "choices", "a list of choices")?;
    let mut ok = true;
    let mut choices = Vec::with_capacity(items.len());
    for item in items {
        match read_choice(r, item) {
            Some(c) => choices.push(c),
            None => ok = false,
        }
    }
    ok.then(|| Spanned::new(choices, node.pos))
}

const CHOICE_KEYS: &[&str] = &["text", "why", "pin"];

fn read_choice(r: &mut Reader, node: &Node) -> Option<Choice> {
    if let Value::Map(_) = node.value {
        let f = r.map(node, "a choice", CHOICE_KEYS)?;
        let Some(text_node) = f.get("text") else {
            r.error(node.pos, "missing-key", "missing key `text` in a choice");
            return None;
        };
        r.folded(text_node, "this choice");
        let text = r.text(text_node, "text");
        let why = r.optional_text(f.get("why"), "why");
        let pin = r.flag(f.get("pin"), "pin");
        return Some(Choice {
            text: text?,
            why,
            pin,
        });
    }
    match &node.value {
        Value::Seq(_) => {
            r.wrong_type(node, "a choice", "text or a map with `text`");
            None
        }
        _ => Some(Choice {
            text: {
                r.folded(node, "this choice");
                r.text(node, "choice")?
            },
            why: None,
            pin: false,
        }),
    }
}

fn read_answer(r: &mut Reader, node: &Node) -> Option<Spanned<Vec<Spanned<String>>>> {
    let letters = match &node.value {
        Value::Scalar { .. } | Value::Null => {
            r.folded(node, "the answer");
            vec![r.text(node, "answer")?]
        }
        Value::Seq(items) => {
            let mut letters = Vec::with_capacity(items.len());
            for item in items {
                r.folded(item, "the answer");
                match &item.value {
                    Value::Scalar { text, .. } => {
                        letters.push(Spanned::new(text.clone(), item.pos))
                    }
                    _ => r.wrong_type(item, "answer", "a letter"),
                }
            }
            letters
        }
        Value::Map(_) => {
            r.wrong_type(node, "answer", "a letter or a list of letters");
            return None;
        }
    };
    Some(Spanned::new(letters, node.pos))
}

/// The keys of a choice's map, for the loader's "did you mean".
pub(crate) const ITEM_KEYS: &[&str] = CHOICE_KEYS;
