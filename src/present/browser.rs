//! What only the browser says: the same things as the other fronts, where a
//! page cannot say them their way.

use super::words::clock;
use crate::flow::Flow;
use std::time::SystemTime;

/// What the leave dialog says: the answers stay, and how to go on.
pub fn leave_question(flow: &Flow, now: SystemTime) -> String {
    format!(
        "Your answers are kept: the start page (or `quiz run --resume`) continues the exam{}.",
        flow.time_left(now)
            .map(|l| format!(" with {} left", clock(l)))
            .unwrap_or_default()
    )
}

/// The session a resume would continue: `The exam of 2026-12-04 22:10 (Mock
/// TLS exam) was left unfinished.`
pub fn unfinished(mode: &str, title: &str, started: SystemTime) -> String {
    let started = chrono::DateTime::<chrono::Local>::from(started)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let kind = if mode == "exam" {
        "exam"
    } else {
        "practice quiz"
    };
    format!(
        "The {kind} of {started} ({}) was left unfinished.",
        super::title(title)
    )
}

/// A form sent from a page the quiz has since left.
pub const STALE: &str = "That page was out of date; here is where the quiz is now.";

/// A form without its token: sent from elsewhere, or from before a restart.
pub const NO_TOKEN: &str = "That form came without this page's token (from another site, or from before quiz restarted): nothing was changed. Try again from this page.";

/// Without a history, nothing is kept.
pub const NO_HISTORY: &str =
    "No history is kept (--no-history): answers are not recorded, and nothing can be resumed.";
