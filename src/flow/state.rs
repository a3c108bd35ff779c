//! What the flow tells the fronts: where it is, each question's response and
//! status, the clock, the score and the summary.

use super::{Done, Flow, Phase, Status};
use crate::quiz::{Flagged, Mode, Outcome, Progress, Response, Session, Summary, Taken};
use std::time::Duration;
use std::time::SystemTime;

impl Flow {
    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The question up, or whose verdict is shown.
    pub fn current(&self) -> Option<usize> {
        match self.phase {
            Phase::Asking(index) | Phase::Feedback(index) => Some(index),
            _ => None,
        }
    }

    pub(super) fn running_exam(&self) -> bool {
        self.mode == Mode::Exam && matches!(self.phase, Phase::Asking(_) | Phase::Review)
    }

    /// The response to question `index` so far.
    pub fn response(&self, index: usize) -> &Response {
        static BLANK: Response = Response::Picks(Vec::new());
        self.slots.get(index).map_or(&BLANK, |s| &s.response)
    }

    pub fn flagged(&self, index: usize) -> bool {
        self.slots.get(index).is_some_and(|s| s.flagged)
    }

    pub fn flagged_count(&self) -> usize {
        self.slots.iter().filter(|s| s.flagged).count()
    }

    /// Positions of the flagged questions.
    pub fn flagged_positions(&self) -> Vec<usize> {
        (0..self.slots.len()).filter(|&i| self.flagged(i)).collect()
    }

    /// Whether question `index` has an answer: in practice one given (not
    /// skipped), in an exam a response that is not blank.
    pub fn answered(&self, index: usize) -> bool {
        self.slots.get(index).is_some_and(|s| match self.mode {
            Mode::Practice => s.done == Some(Done::Answered),
            Mode::Exam => !s.response.is_blank(),
        })
    }

    pub fn answered_count(&self) -> usize {
        (0..self.slots.len()).filter(|&i| self.answered(i)).count()
    }

    /// Practice: answered or skipped.
    pub fn done(&self, index: usize) -> bool {
        self.slots.get(index).is_some_and(|s| s.done.is_some())
    }

    /// Where question `index` stands, for the review.
    pub fn status(&self, session: &Session, index: usize) -> Status {
        if !self.answered(index) {
            return Status::Unanswered;
        }
        match session.progress(index, self.response(index)) {
            Progress::Partial { done, of } => Status::Incomplete { done, of },
            Progress::Blank | Progress::Complete => Status::Answered,
        }
    }

    /// How many questions are answered, but not completely.
    pub fn incomplete_count(&self, session: &Session) -> usize {
        (0..self.slots.len())
            .filter(|&i| matches!(self.status(session, i), Status::Incomplete { .. }))
            .count()
    }

    /// What question `index` scores now: its verdict in practice (once
    /// answered or skipped), in an exam what it would score if submitted now.
    pub fn outcome(&self, session: &Session, index: usize) -> Option<Outcome> {
        let slot = self.slots.get(index)?;
        if self.mode == Mode::Practice && slot.done.is_none() {
            return None;
        }
        session.outcome(index, &slot.response)
    }

    /// Practice: points so far, and questions answered or skipped (open
    /// questions, which the candidate marks, aside).
    pub fn score(&self, session: &Session) -> (f64, usize) {
        (0..self.slots.len())
            .filter_map(|i| self.outcome(session, i))
            .filter(|o| o.scored)
            .fold((0.0, 0), |(p, n), o| (p + o.points, n + 1))
    }

    /// Practice: everything asked. Exam: submitted. Nothing is left to resume.
    pub fn complete(&self) -> bool {
        match self.mode {
            Mode::Practice => self.slots.iter().all(|s| s.done.is_some()),
            Mode::Exam => self.submitted,
        }
    }

    /// Exam: submitted (and scored).
    pub fn submitted(&self) -> bool {
        self.submitted
    }

    pub fn time_up(&self) -> bool {
        self.time_up
    }

    /// Exam: the time left at `now`; None without a limit.
    pub fn time_left(&self, now: SystemTime) -> Option<Duration> {
        self.deadline
            .map(|d| d.duration_since(now).unwrap_or(Duration::ZERO))
    }

    /// Exam: the whole time limit.
    pub fn limit(&self) -> Option<Duration> {
        self.limit
    }

    /// The time used so far, up to the last action.
    pub fn time_used(&self) -> Duration {
        self.used
    }

    /// What the session comes to: in practice the questions answered or
    /// skipped, in an exam every question (unanswered ones score nothing).
    pub fn summary(&self, session: &Session) -> Summary {
        let records = (0..self.slots.len())
            .filter_map(|index| {
                let slot = &self.slots[index];
                let outcome = self.outcome(session, index)?;
                let taken = Taken {
                    time: slot.spent,
                    flagged: slot.flagged,
                };
                session.record(index, &outcome, &slot.response, taken)
            })
            .collect();
        let flagged = (0..self.slots.len())
            .filter(|&i| self.flagged(i))
            .filter_map(|i| session.asked(i))
            .map(|asked| Flagged {
                id: asked.question.id.value.clone(),
                stem: asked.question.question.value.trim().to_owned(),
            })
            .collect();
        let mut summary = session.summary(records, self.time_up, self.used);
        summary.flagged = flagged;
        summary
    }
}
