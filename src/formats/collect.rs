//! Where an import's questions go once checked: kept as a [`Bank`] (the library's
//! [`super::import`]), or written at once in quiz's YAML and dropped (`quiz
//! import`, through [`super::convert`]). Either way, what is taken is what `quiz
//! check` reads back:
//!
//! - each question written is read back and checked alone, and one that does not
//!   read back is skipped with an error (a bug in quiz, reported as such, without
//!   losing the rest);
//! - a question that takes more than [`MAX_QUESTION_BYTES`] in quiz's format is
//!   skipped with an error at its line (a 50 MB field, a 10 MB item);
//! - when written, the file stops at `quiz check`'s limit
//!   ([`crate::bank::MAX_FILE_BYTES`]): once the next question would pass it,
//!   nothing more is converted, and the command refuses the whole output.
//!
//! Written, a question costs its YAML text and nothing else, so memory grows with
//! the output (at most the file limit), not with the model of every question.

use super::yaml;
use crate::bank::{self, Question};
use crate::diagnostic::Diagnostic;

/// The most one question may take in quiz's format: a sixteenth of a bank file.
/// No real question comes near (a long exhibit is some kilobytes); one past it is
/// a field gone wrong, or hostile.
pub const MAX_QUESTION_BYTES: usize = 1024 * 1024;

/// What is done with each question taken.
pub(super) enum Collect {
    Bank(Vec<Question>),
    Yaml(Yaml),
}

/// The bank being written: `questions:` and each question's YAML.
pub(super) struct Yaml {
    pub text: String,
    pub count: usize,
    /// The file would pass the limit: nothing more is taken.
    pub full: bool,
}

/// Why a question was not taken.
pub(super) enum Refused {
    /// It takes this many bytes in quiz's format.
    TooLarge(usize),
    /// What it was written as does not read back: the first problem.
    Unreadable(String),
    /// The bank being written is full: the question is not even converted.
    Full,
}

impl Collect {
    pub fn yaml() -> Collect {
        Collect::Yaml(Yaml {
            text: String::from("questions:\n"),
            count: 0,
            full: false,
        })
    }

    /// Whether nothing more is taken.
    pub fn is_full(&self) -> bool {
        matches!(self, Collect::Yaml(Yaml { full: true, .. }))
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Collect::Bank(questions) => questions.is_empty(),
            Collect::Yaml(y) => y.count == 0,
        }
    }

    /// Takes `q` (of the file at `path`), or says why not. `unanswered` when its
    /// empty `answer` is on purpose (`quiz check` will point at it).
    pub fn take(&mut self, q: Question, path: &str, unanswered: bool) -> Result<(), Refused> {
        if self.is_full() {
            return Err(Refused::Full);
        }
        let item = yaml::question_text(&q);
        if item.len() > MAX_QUESTION_BYTES {
            return Err(Refused::TooLarge(item.len()));
        }
        match self {
            // A bank is the library's: its callers check it as they need (the
            // fuzz targets read every imported bank back).
            Collect::Bank(questions) => questions.push(q),
            Collect::Yaml(y) => {
                reads_back(&item, path, unanswered).map_err(Refused::Unreadable)?;
                let separator = usize::from(y.count > 0);
                if (y.text.len() + separator + item.len()) as u64 > bank::MAX_FILE_BYTES {
                    y.full = true;
                    return Err(Refused::Full);
                }
                if y.count > 0 {
                    y.text.push('\n');
                }
                y.text.push_str(&item);
                y.count += 1;
            }
        }
        Ok(())
    }
}

/// Whether `item`, one question in quiz's format, reads back as a bank that passes
/// `quiz check` (but for an `answer: []` left on purpose); else the first problem.
fn reads_back(item: &str, path: &str, unanswered: bool) -> Result<(), String> {
    let mut text = String::with_capacity(item.len() + 11);
    text.push_str("questions:\n");
    text.push_str(item);
    let mut found = Vec::new();
    let read = bank::read_bank(path, text.as_bytes(), &mut found);
    if let Some(bank) = &read {
        for q in &bank.questions {
            found.extend(crate::check::rules::check_question(path, q));
        }
    }
    let expected = |d: &Diagnostic| unanswered && d.code == "invalid-answer";
    if let Some(problem) = found.iter().find(|d| d.is_error() && !expected(d)) {
        return Err(problem.message.clone());
    }
    if read.is_none() {
        return Err("it does not read back as a bank".into());
    }
    Ok(())
}
