//! An exam's results (the score, PASS or FAIL, the scaled score, the time, the
//! breakdown weakest first, every question missed first, each opening its
//! feedback) and the summary that ends practice: the full screen's words.

use super::question::header;
use super::{Cx, Frame, frame, tone};
use crate::paint::Paint;
use crate::present::{self, Place};
use crate::screen::keymap::{Command, Mode as KeyMode};
use crate::web::Sitting;
use crate::web::keys::{data_keys, keys, shown};
use maud::{Markup, html};
use std::time::SystemTime;

pub fn results(cx: &Cx, sitting: &Sitting, now: SystemTime) -> Markup {
    let (header, _) = header(sitting, Place::Results, now);
    let results = present::results(&sitting.session, &sitting.flow);
    let quit = keys(KeyMode::Results, Command::Quit);
    let body = html! {
        section.score aria-label="Score" {
            p class=(format!("result {}", if results.passed { "tone-good" } else { "tone-bad" })) {
                strong { (if results.passed { "PASS" } else { "FAIL" }) }
                @if let Some(pass_mark) = &results.pass_mark { " · " (pass_mark) }
            }
            p { (results.score) }
            @if let Some(scaled) = &results.scaled { p { (scaled) } }
            @if let Some(time_up) = results.time_up { p.tone-warn { (time_up) } }
            p { (results.time_used) }
        }
        @if !results.breakdown.rows.is_empty() {
            section aria-labelledby="breakdown" {
                h2 id="breakdown" { (results.breakdown.heading) }
                table.breakdown {
                    tbody {
                        @for row in &results.breakdown.rows {
                            tr {
                                th scope="row" { (row.label) }
                                td { (row.score()) }
                                td { (format!("{:.0}%", row.percent())) }
                            }
                        }
                    }
                }
            }
        }
        section aria-labelledby="questions" {
            h2 id="questions" { "Questions, missed first" }
            ol.results-list {
                @for row in &results.rows {
                    li class=(format!("result-row {}", tone(row.tone))) data-row {
                        a href=(format!("/quiz/results/{}", row.index + 1)) {
                            span.mark { (row.mark) }
                            " "
                            span.number { (row.index + 1) "." }
                            " "
                            span.stem { (row.stem) }
                            " "
                            span.points { (row.score) }
                        }
                    }
                }
            }
        }
        p.actions {
            a.button.primary href="/" data-keys=(data_keys(&quit)) {
                "New quiz"
                @for key in &quit { " " kbd { (shown(*key)) } }
            }
        }
    };
    frame(Frame {
        title: format!("{} · {}", header.place, header.title),
        header: Some(&header),
        clock: None,
        news: cx.news,
        keys: Some(KeyMode::Results),
        body,
    })
}

/// Practice, ended: the summary `quiz run` prints, line by line.
pub fn summary(cx: &Cx, sitting: &Sitting) -> Markup {
    let summary = sitting.flow.summary(&sitting.session);
    let text = present::summary(&summary, Paint::PLAIN, 100);
    let body = html! {
        section.summary {
            @for line in text.lines() {
                @if line.starts_with("  ") {
                    p.indented { (line.trim_start()) }
                } @else {
                    p { (line) }
                }
            }
        }
        p.actions { a.button.primary href="/" { "New quiz" } }
    };
    frame(Frame {
        title: format!("Summary · {}", sitting.title),
        header: None,
        clock: None,
        news: cx.news,
        keys: None,
        body,
    })
}
