//! `quiz run --resume`: what the history keeps of a session so that it can be
//! continued (its plan), and how a session is rebuilt from it, answers,
//! flags and time left included.

use crate::bank::{self, Bank};
use crate::flow::{Kept, KeptAnswer};
use crate::quiz::{self, Mode, Planned, Response, Scoring, Session};
use crate::store::{Plan, Unfinished};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The plan of a new session: its settings, banks and questions in order.
pub fn plan(
    session: &Session<'_>,
    paths: &[PathBuf],
    time_limit: Option<Duration>,
    title: &str,
) -> Plan {
    let options = session.options();
    Plan {
        mode: options.mode.name().to_owned(),
        scoring: options.scoring.name().to_owned(),
        seed: options.seed,
        pass_mark: options.pass_mark,
        time_limit_ms: time_limit.map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
        paths: paths.iter().map(|p| absolute(p)).collect(),
        title: title.to_owned(),
        questions: session.plan(),
        domains: session.domains().to_vec(),
        exam_title: session.title().map(str::to_owned),
        scale: session.scale().map(|s| [s.min, s.max, s.pass]),
    }
}

/// A path that still names the same file when `--resume` runs from elsewhere.
fn absolute(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_owned())
        .display()
        .to_string()
}

/// The bank paths to load again; empty for the built-in bank.
pub fn paths(plan: &Plan) -> Vec<PathBuf> {
    plan.paths.iter().map(PathBuf::from).collect()
}

/// The session of `unfinished`, and what it kept: its answers, flags, the
/// questions it showed and its time left, to resume its flow from.
pub fn session<'a>(
    banks: &'a [Bank],
    unfinished: &Unfinished,
) -> Result<(Session<'a>, Kept), quiz::Error> {
    let plan = &unfinished.plan;
    let options = quiz::Options {
        mode: if plan.mode == "exam" {
            Mode::Exam
        } else {
            Mode::Practice
        },
        pass_mark: plan.pass_mark,
        seed: plan.seed,
        shuffle: true,
        scoring: if plan.scoring == "partial" {
            Scoring::Partial
        } else {
            Scoring::Strict
        },
        title: plan.exam_title.clone(),
        scale: plan
            .scale
            .map(|[min, max, pass]| quiz::Scale { min, max, pass }),
        ..quiz::Options::default()
    };
    let session = Session::replay(banks, options, &plan.questions, plan.domains.clone())?;
    let mut kept = Kept {
        flagged: unfinished.flagged.clone(),
        time_left: unfinished
            .time_left
            .or_else(|| plan.time_limit_ms.map(Duration::from_millis)),
        ..Kept::default()
    };
    for (index, Planned { id, order, .. }) in plan.questions.iter().enumerate() {
        if unfinished.seen.contains(id) {
            kept.seen.push(index);
        }
        let Some(answer) = unfinished.answers.iter().find(|a| a.question_id == *id) else {
            continue;
        };
        // The history keeps the response in the file's terms (a choice answer
        // from before the kinds: its letters); the flow wants it as shown.
        let in_file = match &answer.response {
            Some(json) => serde_json::from_str::<Response>(json).ok(),
            None => Some(Response::Picks(
                answer
                    .given
                    .split(',')
                    .filter_map(bank::letter_index)
                    .filter(|&file| file < order.len())
                    .collect(),
            )),
        };
        let Some(response) = in_file.and_then(|r| session.restored(index, &r)) else {
            continue;
        };
        kept.answers.push(KeptAnswer {
            index,
            response,
            time: answer.time,
        });
    }
    Ok((session, kept))
}
