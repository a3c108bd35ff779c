//! The exam and practice flow, as data, for every front. A [`Flow`] is what the
//! candidate has done with a [`Session`]: the responses, the flags, which
//! question is up, the clock. [`Flow::apply`] takes one [`Action`] and returns
//! the [`Effect`]s it had (record this answer, the verdict, time is up, the exam
//! was submitted); it owns every rule: what counts as answered, when an answer is
//! recorded, when time runs out, what submission scores. A front translates its
//! input into actions and draws the state; it decides nothing.
//!
//! Pure: time enters only as the `now` of each action, and the state serialises,
//! so that a server can hold a flow for a browser between requests.

mod action;
mod effect;
mod state;

pub use action::{Action, Kept, KeptAnswer};
pub use effect::{Effect, NoRecorder, Notice, Recorder};

use crate::quiz::{Edit, Mode, Response, Session};
use serde::{Deserialize, Serialize};
use std::time::{Duration, SystemTime};

/// Where the flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not started: [`Action::Resume`] starts it.
    Start,
    /// A question is up, by position.
    Asking(usize),
    /// Practice: the verdict on question n.
    Feedback(usize),
    /// Exam: every question with its marks, before submitting.
    Review,
    /// Exam: submitted and scored.
    Submitted,
    /// Over: finished, or left.
    Over,
}

/// Where one question stands, for the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unanswered,
    /// Answered, but not completely: "(Choose N)" with fewer picked, a match
    /// with a premise left empty.
    Incomplete {
        done: usize,
        of: usize,
    },
    Answered,
}

/// Practice: a question answered or skipped, and so final.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Done {
    Answered,
    Skipped,
}

/// The candidate's work on one question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Slot {
    response: Response,
    /// Practice: answered or skipped.
    done: Option<Done>,
    /// Exam: the response the history holds (none, or a blank one: None), so
    /// that only a change is recorded.
    recorded: Option<Response>,
    flagged: bool,
    seen: bool,
    /// Time it was up, before the current showing.
    spent: Duration,
}

/// The state of one sitting of a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    mode: Mode,
    slots: Vec<Slot>,
    phase: Phase,
    /// Exam: when time runs out, and the whole limit.
    deadline: Option<SystemTime>,
    limit: Option<Duration>,
    /// Time used up to `since`, the time of the last action.
    used: Duration,
    since: SystemTime,
    /// When the question up was put up.
    shown_at: SystemTime,
    submitted: bool,
    time_up: bool,
}

impl Flow {
    /// A flow over `session`, not started; `limit` is an exam's time limit.
    pub fn new(session: &Session, limit: Option<Duration>) -> Flow {
        let mode = session.mode();
        Flow {
            mode,
            slots: (0..session.len())
                .map(|i| Slot {
                    response: session.blank(i),
                    ..Slot::default()
                })
                .collect(),
            phase: Phase::Start,
            deadline: None,
            limit: limit.filter(|_| mode == Mode::Exam),
            used: Duration::ZERO,
            since: SystemTime::UNIX_EPOCH,
            shown_at: SystemTime::UNIX_EPOCH,
            submitted: false,
            time_up: false,
        }
    }

    /// A flow over `session`, started at `now` from `kept` (empty for a new one).
    pub fn start(
        session: &Session,
        limit: Option<Duration>,
        kept: Kept,
        now: SystemTime,
    ) -> (Flow, Vec<Effect>) {
        let mut flow = Flow::new(session, limit);
        let effects = flow.apply(session, Action::Resume(kept), now);
        (flow, effects)
    }

    /// Applies `action`, taken at `now`, and says what it had for effects.
    pub fn apply(&mut self, session: &Session, action: Action, now: SystemTime) -> Vec<Effect> {
        let mut out = Vec::new();
        if let Action::Resume(kept) = action {
            self.resume(kept, now, &mut out);
            return out;
        }
        if now > self.since {
            self.used += now.duration_since(self.since).unwrap_or_default();
            self.since = now;
        }
        // At 0:00, whatever the action, the exam is submitted with what was
        // given before: an answer that comes after the limit does not count.
        if self.running_exam() && self.time_left(now) == Some(Duration::ZERO) {
            self.close_question(session, now, &mut out);
            self.submit(session, true, &mut out);
            return out;
        }
        match (self.phase, &action) {
            (_, Action::Tick) => {
                if self.running_exam() && self.deadline.is_some() {
                    out.push(Effect::Progress);
                }
            }
            (Phase::Start | Phase::Over, _) => {}
            (_, Action::Flag(index)) => self.flag(*index, &mut out),
            (Phase::Submitted, Action::Leave) => self.phase = Phase::Over,
            // An open question's own mark: on its feedback in practice, on the
            // results once an exam is submitted.
            (Phase::Feedback(_) | Phase::Submitted, Action::Edit(Edit::Mark { index, mark })) => {
                self.mark(session, *index, *mark, &mut out);
            }
            (Phase::Submitted, _) => {}
            (Phase::Asking(index), Action::Edit(edit)) => self.edit(session, index, edit, &mut out),
            (_, Action::Edit(_)) => {}
            (_, Action::Leave) => {
                self.close_question(session, now, &mut out);
                if self.mode == Mode::Exam {
                    out.push(Effect::Progress);
                }
                self.phase = Phase::Over;
            }
            _ if self.mode == Mode::Practice => self.practice(session, action, now, &mut out),
            _ => self.exam(session, action, now, &mut out),
        }
        out
    }

    fn practice(
        &mut self,
        session: &Session,
        action: Action,
        now: SystemTime,
        out: &mut Vec<Effect>,
    ) {
        match (self.phase, action) {
            (Phase::Asking(index), Action::Answer) => {
                let Some(confirmed) = self.confirm(session, index, out) else {
                    return;
                };
                if confirmed.is_blank() && !session.answers_blank(index) {
                    let kind = session.kind(index).unwrap_or(crate::quiz::Kind::Choice);
                    out.push(Effect::Notice(Notice::NothingPicked(kind)));
                } else {
                    if let Some(slot) = self.slots.get_mut(index) {
                        slot.response = confirmed;
                    }
                    self.conclude(session, index, Done::Answered, now, out);
                }
            }
            (Phase::Asking(index), Action::Skip | Action::Next) => {
                if let Some(slot) = self.slots.get_mut(index) {
                    slot.response = session.blank(index);
                }
                self.conclude(session, index, Done::Skipped, now, out);
            }
            (Phase::Feedback(_), Action::Next | Action::Answer | Action::Skip) => {
                match self.slots.iter().position(|s| s.done.is_none()) {
                    Some(next) => self.show(next, now, out),
                    None => self.phase = Phase::Over,
                }
            }
            _ => {}
        }
    }

    /// Practice: question `index` answered or skipped, for good.
    fn conclude(
        &mut self,
        session: &Session,
        index: usize,
        done: Done,
        now: SystemTime,
        out: &mut Vec<Effect>,
    ) {
        self.close_question(session, now, out);
        let Some(slot) = self.slots.get_mut(index) else {
            return;
        };
        slot.done = Some(done);
        if let Some(outcome) = session.outcome(index, &slot.response) {
            out.push(Effect::Record {
                index,
                outcome,
                time: slot.spent,
            });
        }
        out.push(Effect::Verdict { index });
        self.phase = Phase::Feedback(index);
        if self.complete() {
            out.push(Effect::Finished);
        }
    }

    fn exam(&mut self, session: &Session, action: Action, now: SystemTime, out: &mut Vec<Effect>) {
        let n = self.slots.len();
        match (self.phase, action) {
            (Phase::Asking(index), Action::Answer) => {
                // Enter keeps the response: an order's shown arrangement too.
                let Some(confirmed) = self.confirm(session, index, out) else {
                    return;
                };
                if let Some(slot) = self.slots.get_mut(index) {
                    slot.response = confirmed;
                }
                self.close_question(session, now, out);
                if index + 1 < n {
                    self.show(index + 1, now, out);
                } else {
                    self.phase = Phase::Review;
                }
            }
            (Phase::Asking(index), Action::Skip | Action::Next) => {
                self.close_question(session, now, out);
                if index + 1 < n {
                    self.show(index + 1, now, out);
                } else {
                    self.phase = Phase::Review;
                }
            }
            (Phase::Asking(index), Action::Previous) => {
                if index == 0 {
                    out.push(Effect::Notice(Notice::FirstQuestion));
                } else {
                    self.close_question(session, now, out);
                    self.show(index - 1, now, out);
                }
            }
            (Phase::Asking(_) | Phase::Review, Action::GoTo(index)) => {
                if index < n {
                    self.close_question(session, now, out);
                    self.show(index, now, out);
                } else {
                    out.push(Effect::Notice(Notice::NoSuchQuestion { questions: n }));
                }
            }
            (Phase::Asking(_), Action::Review) => {
                self.close_question(session, now, out);
                self.phase = Phase::Review;
            }
            (Phase::Asking(_) | Phase::Review, Action::Submit) => {
                self.close_question(session, now, out);
                self.submit(session, false, out);
            }
            _ => {}
        }
    }

    fn edit(&mut self, session: &Session, index: usize, edit: &Edit, out: &mut Vec<Effect>) {
        let exam = self.mode == Mode::Exam;
        // A mark waits for the model answer: after the attempt.
        if matches!(edit, Edit::Mark { .. }) {
            return;
        }
        let Some(slot) = self.slots.get_mut(index) else {
            return;
        };
        match session.edit(index, &slot.response, edit, exam) {
            Ok(response) => slot.response = response,
            Err(refusal) => out.push(Effect::Notice(Notice::Refused(refusal))),
        }
    }

    /// The response to question `index` as Enter gives it (an order's shown
    /// arrangement, confirmed), or None with the refusal told (a number that
    /// does not read as one).
    fn confirm(&self, session: &Session, index: usize, out: &mut Vec<Effect>) -> Option<Response> {
        match session.confirm(index, self.response(index)) {
            Ok(response) => Some(response),
            Err(refusal) => {
                out.push(Effect::Notice(Notice::Refused(refusal)));
                None
            }
        }
    }

    /// An open question's own mark on question `index`: in practice on its
    /// feedback, once answered; in an exam once submitted, if it has an attempt.
    fn mark(
        &mut self,
        session: &Session,
        index: usize,
        mark: crate::quiz::SelfMark,
        out: &mut Vec<Effect>,
    ) {
        let allowed = match (self.phase, self.mode) {
            (Phase::Feedback(up), Mode::Practice) => up == index && self.answered(index),
            (Phase::Submitted, Mode::Exam) => self.answered(index),
            _ => false,
        };
        let Some(slot) = self.slots.get_mut(index).filter(|_| allowed) else {
            return;
        };
        let edit = Edit::Mark { index, mark };
        let Ok(response) = session.edit(index, &slot.response, &edit, false) else {
            return;
        };
        if response == slot.response {
            return;
        }
        slot.response = response;
        if let Some(outcome) = session.outcome(index, &slot.response) {
            out.push(Effect::Record {
                index,
                outcome,
                time: slot.spent,
            });
        }
        if self.mode == Mode::Exam {
            slot.recorded = Some(slot.response.clone());
        }
    }

    fn flag(&mut self, index: usize, out: &mut Vec<Effect>) {
        let Some(slot) = self.slots.get_mut(index) else {
            return;
        };
        slot.flagged = !slot.flagged;
        out.push(Effect::Flagged {
            index,
            flagged: slot.flagged,
        });
        out.push(Effect::Notice(Notice::Flagged {
            number: index + 1,
            flagged: slot.flagged,
        }));
        out.push(Effect::Progress);
    }

    /// Puts question `index` up.
    fn show(&mut self, index: usize, now: SystemTime, out: &mut Vec<Effect>) {
        let Some(slot) = self.slots.get_mut(index) else {
            return;
        };
        self.phase = Phase::Asking(index);
        self.shown_at = now;
        if !slot.seen {
            slot.seen = true;
            out.push(Effect::Shown { index });
        }
    }

    /// Takes the question up down: its time counted and, in an exam, its
    /// response recorded if it changed since last recorded.
    fn close_question(&mut self, session: &Session, now: SystemTime, out: &mut Vec<Effect>) {
        let Phase::Asking(index) = self.phase else {
            return;
        };
        let shown_at = self.shown_at;
        self.shown_at = now;
        let exam = self.mode == Mode::Exam;
        let Some(slot) = self.slots.get_mut(index) else {
            return;
        };
        slot.spent += now.duration_since(shown_at).unwrap_or_default();
        if !exam {
            return;
        }
        let now_given = (!slot.response.is_blank()).then(|| slot.response.clone());
        if now_given == slot.recorded {
            return;
        }
        // Cleared after it was answered: the history must not keep the old answer.
        if let Some(outcome) = session.outcome(index, &slot.response) {
            out.push(Effect::Record {
                index,
                outcome,
                time: slot.spent,
            });
        }
        slot.recorded = now_given;
    }

    /// Ends the exam: every question scored, the unanswered ones recorded as
    /// such (they score nothing, and `--missed` brings them back).
    fn submit(&mut self, session: &Session, time_up: bool, out: &mut Vec<Effect>) {
        for (index, slot) in self.slots.iter().enumerate() {
            if slot.response.is_blank()
                && let Some(outcome) = session.outcome(index, &slot.response)
            {
                out.push(Effect::Record {
                    index,
                    outcome,
                    time: slot.spent,
                });
            }
        }
        self.submitted = true;
        self.time_up = time_up;
        self.phase = Phase::Submitted;
        if time_up {
            out.push(Effect::TimeUp);
        }
        out.push(Effect::Submitted);
        out.push(Effect::Finished);
    }

    fn resume(&mut self, kept: Kept, now: SystemTime, out: &mut Vec<Effect>) {
        let exam = self.mode == Mode::Exam;
        for answer in kept.answers {
            let Some(slot) = self.slots.get_mut(answer.index) else {
                continue;
            };
            let blank = answer.response.is_blank();
            if exam {
                slot.recorded = (!blank).then(|| answer.response.clone());
            } else {
                slot.done = Some(if blank { Done::Skipped } else { Done::Answered });
            }
            slot.response = answer.response;
            slot.spent = answer.time;
            slot.seen |= !blank;
        }
        for index in kept.flagged {
            if let Some(slot) = self.slots.get_mut(index) {
                slot.flagged = true;
            }
        }
        for index in kept.seen {
            if let Some(slot) = self.slots.get_mut(index) {
                slot.seen = true;
            }
        }
        let starting = self.phase == Phase::Start;
        // The time between a break and its resume is not the candidate's: the
        // clock goes on from what was left (a new exam: the whole limit).
        match (kept.time_left, self.limit) {
            (Some(left), Some(limit)) => {
                self.deadline = Some(now + left);
                self.used = limit.saturating_sub(left);
            }
            (None, Some(limit)) if starting => self.deadline = Some(now + limit),
            _ if starting => self.used = self.slots.iter().map(|s| s.spent).sum(),
            _ => {}
        }
        self.since = now;
        self.shown_at = now;
        if !starting {
            return;
        }
        let first = match self.mode {
            Mode::Practice => self.slots.iter().position(|s| s.done.is_none()),
            Mode::Exam => Some(
                self.slots
                    .iter()
                    .position(|s| s.response.is_blank())
                    .unwrap_or(0),
            ),
        };
        match first {
            Some(index) => self.show(index, now, out),
            None => self.phase = Phase::Over,
        }
    }
}

#[cfg(test)]
mod tests;
