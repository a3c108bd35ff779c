//! One question as it is put to the candidate, and how its stem says what kind
//! of answer it wants.

use crate::bank::{Bank, Choice, Question, letter};

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
    pub fn for_question(q: &Question) -> Prompt {
        if q.multi {
            Prompt::SelectAll
        } else {
            match q.correct().len() {
                0 | 1 => Prompt::One,
                n => Prompt::Choose(n),
            }
        }
    }

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

/// One question as it is put to the candidate.
#[derive(Debug, Clone)]
pub struct Asked<'a> {
    /// 1-based position in the session, and the session's length.
    pub number: usize,
    pub total: usize,
    pub bank: &'a Bank,
    pub question: &'a Question,
    /// `order[shown] = index in the file`.
    pub order: Vec<usize>,
    pub prompt: Prompt,
}

impl<'a> Asked<'a> {
    /// The choices in the order shown, with their on-screen letters.
    pub fn choices(&self) -> impl Iterator<Item = (char, &'a Choice)> + '_ {
        self.order.iter().enumerate().filter_map(|(shown, &file)| {
            Some((letter(shown), self.question.choices.value.get(file)?))
        })
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The stem followed by its hint.
    pub fn stem(&self) -> String {
        let stem = self.question.question.value.trim();
        match self.prompt.hint() {
            Some(hint) => format!("{stem} {hint}"),
            None => stem.to_owned(),
        }
    }
}
