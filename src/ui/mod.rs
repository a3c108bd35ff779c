//! The line front and the loop that drives it: [`LineFront`] (one line of input
//! per question, for pipes, scripts, screen readers and `--plain`) and [`drive`],
//! which turns each line into an action on the [`Flow`] and prints what
//! `crate::present` makes of it. A person at a terminal gets the full screen
//! instead (`crate::screen`); `quiz new` has its own prompts ([`author`]).

pub mod author;
mod interrupt;
mod line;

pub use interrupt::Interruptible;
pub use line::{LineFront, Reply, WORDING, answer, parse_letters};

use crate::flow::{Action, Effect, Flow, Phase, Recorder};
use crate::present::{self, Place};
use crate::quiz::{Clock, Edit, Kind, Mode, Session};
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
                        Reply::Line(line) => {
                            let edit = match answer(&question, &line) {
                                Ok(edit) => edit,
                                Err(why) => {
                                    front.say(&why)?;
                                    continue;
                                }
                            };
                            if let Some(refused) = notice_of(&apply(flow, Action::Edit(edit))) {
                                front.notice(&present::notice(&refused, WORDING))?;
                                continue;
                            }
                            let answered = apply(flow, Action::Answer);
                            if let Some(refused) = notice_of(&answered) {
                                front.notice(&present::notice(&refused, WORDING))?;
                                continue;
                            }
                            answered
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
                // An open question answered is marked by the candidate, now.
                if session.kind(index).is_some_and(Kind::self_marked) && flow.answered(index) {
                    if let Some(mark) = front.read_mark()? {
                        apply(flow, Action::Edit(Edit::Mark { index, mark }));
                        if let Some(f) = present::feedback(session, flow, index, None) {
                            front.notice(&f.verdict.text)?;
                        }
                    }
                    front.gap()?;
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
            Phase::Submitted => {
                mark_open_questions(session, flow, front, &mut apply)?;
                break;
            }
            Phase::Over => break,
        }
    }
    let summary = flow.summary(session);
    let mut text = present::summary(&summary, front.paint(), front.width());
    if flow.mode() == Mode::Exam {
        text.push_str(&present::missed_questions(session, flow, front.paint()));
    }
    front.finish(&text)
}

/// After an exam, each open question with an attempt, beside its model answer,
/// for the candidate to mark: these marks are reported apart, never scored.
fn mark_open_questions<R: BufRead, W: Write>(
    session: &Session,
    flow: &mut Flow,
    front: &mut LineFront<R, W>,
    apply: &mut impl FnMut(&mut Flow, Action) -> Vec<Effect>,
) -> io::Result<()> {
    let open: Vec<usize> = (0..session.len())
        .filter(|&i| session.kind(i).is_some_and(Kind::self_marked) && flow.answered(i))
        .collect();
    if open.is_empty() {
        return Ok(());
    }
    front.gap()?;
    front.say(
        &front
            .paint()
            .bold("Open questions: mark each answer against the model answer (not scored)"),
    )?;
    for index in open {
        let Some(question) = present::question(session, flow, index) else {
            continue;
        };
        front.gap()?;
        front.say(&front.paint().bold(&format!(
            "{}. {}",
            question.number,
            question.stem_and_hint()
        )))?;
        for line in present::body_lines(&question, Some(front.width())) {
            front.say(&line)?;
        }
        if let Some(mark) = front.read_mark()? {
            apply(flow, Action::Edit(Edit::Mark { index, mark }));
        }
    }
    Ok(())
}

fn notice_of(effects: &[Effect]) -> Option<crate::flow::Notice> {
    effects.iter().find_map(|e| match e {
        Effect::Notice(n) => Some(*n),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
