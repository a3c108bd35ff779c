//! What a candidate can do, as data: the actions a front sends the flow, and
//! what a session kept to resume from.

use crate::quiz::{Edit, Response};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// What a candidate can do. The response an edit carries is the question's
/// kind's own payload ([`Edit`]), so that a new kind adds no action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Change the response to the question up.
    Edit(Edit),
    /// Practice: answer and see the verdict (nothing picked answers nothing).
    /// Exam: keep the response and go on (nothing picked leaves it unanswered).
    Answer,
    /// Practice: see the answer for no point. Exam: go on, leaving it as it is.
    Skip,
    /// Flag or unflag a question (by position), answered or not.
    Flag(usize),
    /// Exam: put up a question by position.
    GoTo(usize),
    /// Practice: the next question after the verdict. Exam: the next question,
    /// or the review after the last.
    Next,
    /// Exam: the previous question.
    Previous,
    /// Exam: the review of every question, before submitting.
    Review,
    /// Exam: end it and score it.
    Submit,
    /// Stop here: an exam is left unsubmitted (it can be resumed), practice ends.
    Leave,
    /// The clock: an exam at 0:00 submits itself.
    Tick,
    /// Start the flow from what was kept (empty for a new one), at the first
    /// question left; or, on a flow already going (held by a server between
    /// requests), go on where it is, the clock from `time_left` if given.
    Resume(Kept),
}

/// What a session kept before a break, to resume from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    /// The responses given, by position (blank: skipped in practice).
    pub answers: Vec<KeptAnswer>,
    /// Positions of the flagged questions.
    pub flagged: Vec<usize>,
    /// Positions of the questions shown before.
    pub seen: Vec<usize>,
    /// Exam: the time left when it stopped.
    pub time_left: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptAnswer {
    pub index: usize,
    pub response: Response,
    /// Time spent on the question before.
    pub time: Duration,
}
