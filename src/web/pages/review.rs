//! An exam's review before submitting: every question with how it stands and
//! its flag, to open, flag or filter; and the two questions asked over it
//! (submit? leave?), in the full screen's words.

use super::question::header;
use super::{Cx, Frame, button, frame, hidden, tone};
use crate::present::{self, Place};
use crate::screen::Filter;
use crate::screen::keymap::{Command, Mode as KeyMode};
use crate::web::Sitting;
use crate::web::keys::{Do, button as key_button, data_keys, keys, shown};
use maud::{Markup, html};
use std::time::SystemTime;

/// What is asked over the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Submit,
    Leave,
}

pub fn review(
    cx: &Cx,
    sitting: &Sitting,
    filter: Filter,
    ask: Option<Ask>,
    now: SystemTime,
) -> Markup {
    let (header, clock) = header(sitting, Place::Review, now);
    let review = present::review(&sitting.session, &sitting.flow);
    let rows = review.rows.iter().filter(|row| match filter {
        Filter::All => true,
        Filter::Flagged => row.flagged,
        Filter::Unanswered => !matches!(row.status, crate::flow::Status::Answered),
    });
    let mode = match ask {
        Some(Ask::Submit) => KeyMode::ConfirmSubmit,
        Some(Ask::Leave) => KeyMode::ConfirmLeave,
        None => KeyMode::Review,
    };
    let body = html! {
        @match ask {
            Some(Ask::Submit) => {
                (dialog(cx, "Submit the exam?", &present::submit_question(&sitting.session, &sitting.flow), &[
                    key_button(Do::Confirm, "Submit", KeyMode::ConfirmSubmit, Command::Yes).primary(),
                ], KeyMode::ConfirmSubmit))
            }
            Some(Ask::Leave) => {
                (dialog(cx, "Leave without submitting?", &[present::browser::leave_question(&sitting.flow, now)], &[
                    key_button(Do::ConfirmLeave, "Leave", KeyMode::ConfirmLeave, Command::Yes).primary(),
                ], KeyMode::ConfirmLeave))
            }
            None => {}
        }
        p.counts { (review.counts) }
        nav.filters aria-label="Which questions" {
            @for (f, words) in [(Filter::All, "All"), (Filter::Flagged, "Flagged"), (Filter::Unanswered, "Not answered")] {
                @if f == filter {
                    strong aria-current="page" { (words) }
                } @else {
                    a href=(format!("/quiz?filter={}", filter_name(f))) { (words) }
                }
                " "
            }
        }
        form.sheet method="post" action="/quiz" {
            (hidden(cx, "review"))
            input type="hidden" name="filter" value=(filter_name(filter));
            ol.review-list {
                @for row in rows {
                    li class=(format!("review-row {}", tone(row.tone))) data-row {
                        button.open type="submit" name="goto" value=(row.index)
                            data-row-keys="Enter" {
                            span.number { (row.index + 1) "." }
                            " "
                            span.mark { (row.mark) " " (row.words) }
                            @if row.flagged { " " span.flag { "⚑ flagged" } }
                            " "
                            span.stem { (row.stem) }
                        }
                        button.flag type="submit" name="flag" value=(row.index)
                            data-row-keys="*" aria-label=(format!("{} question {}", if row.flagged { "Unflag" } else { "Flag" }, row.index + 1)) {
                            (if row.flagged { "Unflag" } else { "Flag" }) " " kbd { "*" }
                        }
                    }
                }
            }
            div.actions {
                (button(&key_button(Do::Submit, "Submit the exam", KeyMode::Review, Command::Submit).primary()))
                (button(&key_button(Do::Back, "Back to the question", KeyMode::Review, Command::Back)))
                (button(&key_button(Do::Leave, "Leave", KeyMode::Review, Command::Leave)))
            }
        }
    };
    frame(Frame {
        title: format!("{} · {}", header.place, header.title),
        header: Some(&header),
        clock,
        news: cx.news,
        keys: Some(mode),
        body,
    })
}

pub fn filter_name(filter: Filter) -> &'static str {
    match filter {
        Filter::All => "all",
        Filter::Flagged => "flagged",
        Filter::Unanswered => "unanswered",
    }
}

/// A question over the review, its lines, its yes and its way back.
fn dialog(
    cx: &Cx,
    title: &str,
    lines: &[String],
    yes: &[crate::web::keys::Button],
    mode: KeyMode,
) -> Markup {
    let no = keys(mode, Command::No);
    html! {
        section.dialog role="alertdialog" aria-labelledby="ask" aria-describedby="ask-lines" {
            h2 id="ask" { (title) }
            div id="ask-lines" {
                @for line in lines { p { (line) } }
            }
            form.sheet method="post" action="/quiz" {
                (hidden(cx, "review"))
                div.actions {
                    @for b in yes { (button(b)) }
                    a.button href="/quiz" data-keys=(data_keys(&no)) {
                        (if mode == KeyMode::ConfirmSubmit { "Keep working" } else { "Stay" })
                        @for key in &no { " " kbd { (shown(*key)) } }
                    }
                }
            }
        }
    }
}
