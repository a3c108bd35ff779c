//! The line front and the loop that drives it: [`LineFront`] (one line of input
//! per question, for pipes, scripts, screen readers and `--plain`) and [`drive`],
//! which turns each line into an action on the [`Flow`] and prints what
//! `crate::present` makes of it. A person at a terminal gets the full screen
//! instead (`crate::screen`); `quiz new` has its own prompts ([`author`]).

pub mod author;
mod interrupt;
mod line;

pub use interrupt::Interruptible;
pub use line::{LineFront, Reply, WORDING, parse_letters};

use crate::flow::{Action, Effect, Flow, Phase, Recorder};
use crate::present::{self, Place};
use crate::quiz::{Clock, Edit, Mode, Response, Session};
use std::io::{self, BufRead, Write};
use std::time::Duration;

/// What a run needs besides the session, its flow and the front.
pub struct Context<'c> {
    pub clock: &'c dyn Clock,
    /// Exam: the whole time limit, for the exam's header line.
    pub time_limit: Option<Duration>,
    pub recorder: &'c mut dyn Recorder,
    /// Remarks per question, such as "this question changed since…".
    pub notes: &'c [Option<String>],
    /// The bank's (or the blueprint's) title.
    pub title: &'c str,
}

/// Runs `flow` (started) to its end, or until the input ends: practice then
/// stops where it is, an exam is submitted with what was answered.
pub fn drive<R: BufRead, W: Write>(
    session: &Session,
    flow: &mut Flow,
    front: &mut LineFront<R, W>,
    cx: Context<'_>,
) -> io::Result<()> {
    if let Some(title) = session.title() {
        let line = present::exam_line(session, cx.time_limit);
        front.header(&present::title(title), &line)?;
    }
    let title = present::title(cx.title);
    let mut apply = |flow: &mut Flow, action: Action| {
        let now = cx.clock.now();
        let effects = flow.apply(session, action, now);
        for effect in &effects {
            cx.recorder.keep(session, flow, effect, now);
        }
        effects
    };
    loop {
        // No question is put after the limit: the clock submits first.
        apply(flow, Action::Tick);
        match flow.phase() {
            Phase::Asking(index) => {
                let now = cx.clock.now();
                let header = present::header(session, flow, &title, Place::Question(index), now);
                let Some(question) = present::question(session, flow, index) else {
                    break;
                };
                if flow.mode() == Mode::Exam && index > 0 {
                    front.gap()?;
                }
                front.question(&header.line(), &question)?;
                loop {
                    match front.read()? {
                        Reply::End if flow.mode() == Mode::Exam => apply(flow, Action::Submit),
                        Reply::End => apply(flow, Action::Leave),
                        Reply::Skip => apply(flow, Action::Skip),
                        Reply::Letters(picks) => {
                            let edit = Action::Edit(Edit::Set(Response::Picks(picks)));
                            if let Some(refused) = notice_of(&apply(flow, edit)) {
                                front.notice(&present::notice(&refused, WORDING))?;
                                continue;
                            }
                            apply(flow, Action::Answer)
                        }
                    };
                    break;
                }
            }
            Phase::Feedback(index) => {
                let note = cx.notes.get(index).cloned().flatten();
                if let (Some(question), Some(feedback)) = (
                    present::question(session, flow, index),
                    present::feedback(session, flow, index, note.as_deref()),
                ) {
                    front.feedback(&question, &feedback)?;
                }
                apply(flow, Action::Next);
            }
            // The line front cannot go back: the review submits at once.
            Phase::Review => {
                apply(flow, Action::Submit);
            }
            Phase::Start => {
                apply(flow, Action::Resume(Default::default()));
            }
            Phase::Submitted | Phase::Over => break,
        }
    }
    let summary = flow.summary(session);
    let mut text = present::summary(&summary, front.paint(), front.width());
    if flow.mode() == Mode::Exam {
        text.push_str(&present::missed_questions(session, flow, front.paint()));
    }
    front.finish(&text)
}

fn notice_of(effects: &[Effect]) -> Option<crate::flow::Notice> {
    effects.iter().find_map(|e| match e {
        Effect::Notice(n) => Some(*n),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
