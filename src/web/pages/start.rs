//! The start page: the banks or the blueprint, the unfinished session to
//! continue, and the form that starts a new one (mode, count, time limit).

use super::{Cx, Frame, frame};
use crate::present;
use crate::quiz::Mode;
use crate::web::Offer;
use maud::{Markup, html};

pub struct Start<'a> {
    pub offer: &'a Offer,
    /// The unfinished session a resume would continue, in words.
    pub unfinished: Option<String>,
    /// The visitor's sitting, finished or not, to go back to.
    pub current: bool,
}

pub fn start(cx: &Cx, start: &Start) -> Markup {
    let offer = start.offer;
    let limit = offer.time_limit.map(duration).unwrap_or_default();
    let count = offer.count.map(|c| c.to_string()).unwrap_or_default();
    let body = html! {
        @if start.current {
            p { a href="/quiz" { "Back to the quiz under way" } }
        }
        @if let Some(unfinished) = &start.unfinished {
            form.resume method="post" action="/resume" {
                input type="hidden" name="csrf" value=(cx.csrf);
                p { (unfinished) }
                button.primary type="submit" { "Continue it" }
            }
        }
        section aria-labelledby="from" {
            h2 id="from" { "Questions from" }
            @if let Some(blueprint) = &offer.blueprint {
                p { "The exam blueprint " strong { (blueprint) } ", drawing from:" }
            }
            ul.banks {
                @for (title, questions) in &offer.banks {
                    li { (title) " · " (crate::words::plural(*questions, "question")) }
                }
            }
            @if !offer.history {
                p { (present::browser::NO_HISTORY) }
            }
        }
        form.start method="post" action="/start" {
            input type="hidden" name="csrf" value=(cx.csrf);
            fieldset {
                legend { "Mode" }
                label {
                    input type="radio" name="mode" value="practice" checked[offer.mode == Mode::Practice];
                    " Practice: the answer after every question"
                }
                label {
                    input type="radio" name="mode" value="exam" checked[offer.mode == Mode::Exam];
                    " Exam: flags, a review, a time limit, PASS or FAIL at the end"
                }
            }
            p {
                label for="count" { "Questions (empty: all" @if offer.blueprint.is_some() { ", or the blueprint's count" } ")" }
                " "
                input id="count" name="count" type="number" min="1" inputmode="numeric" value=(count);
            }
            p {
                label for="limit" { "Exam time limit, such as 90m or 1h30m (empty: none" @if offer.blueprint.is_some() { ", or the blueprint's" } ")" }
                " "
                input id="limit" name="limit" type="text" value=(limit) autocomplete="off" spellcheck="false";
            }
            p { button.primary type="submit" { "Start" } }
        }
    };
    frame(Frame {
        title: "quiz".to_owned(),
        header: None,
        clock: None,
        news: cx.news,
        keys: None,
        body,
    })
}

/// A time limit as `--time-limit` takes it: `90m`, `2h`, `1h30m`, `45s`.
pub fn duration(time: std::time::Duration) -> String {
    let secs = time.as_secs();
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    for (n, unit) in [(h, "h"), (m, "m"), (s, "s")] {
        if n > 0 {
            out.push_str(&format!("{n}{unit}"));
        }
    }
    if out.is_empty() { "0s".to_owned() } else { out }
}
