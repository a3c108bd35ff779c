//! What an action had for effects: what the history must keep, what a front
//! must tell, and the one trait through which the history keeps them.

use super::Flow;
use crate::quiz::{Kind, Outcome, Refusal, Session};
use std::time::{Duration, SystemTime};

/// One effect of an action. A front passes each to its [`Recorder`] and tells
/// the candidate what it says; the flow's state already holds the rest.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Question `index` was put up for the first time in this sitting.
    Shown { index: usize },
    /// Keep this answer in the history (a blank one: skipped, or left unanswered).
    Record {
        index: usize,
        outcome: Outcome,
        /// Time spent on the question so far.
        time: Duration,
    },
    /// Practice: the verdict on question `index` is up.
    Verdict { index: usize },
    /// A question was flagged or unflagged.
    Flagged { index: usize, flagged: bool },
    /// Keep what a resume needs besides the answers: the time left, the flags.
    Progress,
    /// The time limit ended the exam.
    TimeUp,
    /// The exam was submitted and scored.
    Submitted,
    /// Nothing is left to resume: everything asked, or the exam submitted.
    Finished,
    /// Something to tell the candidate: a refusal, or news.
    Notice(Notice),
}

/// News and refusals, as data: `crate::present` says them in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Practice: Enter with nothing picked (or typed, or matched) answers
    /// nothing; the kind says what is missing.
    NothingPicked(Kind),
    /// An edit the question's kind refuses.
    Refused(Refusal),
    /// Exam: there is no question before the first.
    FirstQuestion,
    /// Exam: a question number past the last.
    NoSuchQuestion {
        questions: usize,
    },
    Flagged {
        number: usize,
        flagged: bool,
    },
}

/// Keeps the effects that outlast the process: the history.
pub trait Recorder {
    fn keep(&mut self, session: &Session, flow: &Flow, effect: &Effect, now: SystemTime);
    /// Why keeping stopped, if it did: said once, at the end.
    fn failure(&self) -> Option<String> {
        None
    }
}

/// Keeps nothing (`--no-history`, tests).
pub struct NoRecorder;

impl Recorder for NoRecorder {
    fn keep(&mut self, _: &Session, _: &Flow, _: &Effect, _: SystemTime) {}
}
