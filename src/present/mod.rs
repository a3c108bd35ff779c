//! What a person reads about a quiz, for every front: view models of a question,
//! its feedback, the review and the results, and every sentence (verdicts,
//! notices, the summary), built from the session and its flow. A front lays
//! them out; it words nothing itself, so the screen and the line front say the
//! same things.
//!
//! Bank text is untrusted: it enters a view model only through [`Text`], made
//! by [`crate::safe`], so a front never holds raw bank text and wrapping
//! measures what is drawn.

mod printed;
mod question;
mod review;
mod summary;
pub mod words;
pub mod wrap;

pub use printed::{body_lines, typing_hint};
pub use question::{
    Body, Choice, Feedback, Mark, MatchView, OpenView, OrderItem, OrderView, PairJudged, Picture,
    Premise, Question, Reference, TypedView, Verdict, feedback, question, self_mark,
};
pub use review::{
    Breakdown, BreakdownRow, ResultRow, Results, Review, ReviewRow, leave_question, results,
    review, submit_question,
};
pub use summary::{closing, explanation_and_references, missed_questions, resumed, summary, tone};
pub use words::{Header, Part, Place, Wording, exam_line, header, notice, points};

use std::fmt;

/// Text from a bank, made safe for a terminal: control characters shown, not
/// sent (see [`crate::safe`]). Only this module makes one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(String);

impl Text {
    /// Prose or preformatted text (a stem, an exhibit): line feeds kept.
    fn prose(raw: &str) -> Text {
        Text(crate::safe::text(raw).into_owned())
    }

    /// Text for one line (an id, a tag, a title).
    fn line(raw: &str) -> Text {
        Text(crate::safe::line(raw).into_owned())
    }

    /// Prose on one line, its line breaks and runs of spaces made single spaces
    /// (a stem in a list).
    fn flat(raw: &str) -> Text {
        let joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        Text::line(&joined)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How a piece of text is to be read, for a front's colours (never its only mark).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Warn,
    Bad,
}

/// Text an author may have set (a bank's title, a blueprint's), for one line.
pub fn title(raw: &str) -> Text {
    Text::line(raw)
}
