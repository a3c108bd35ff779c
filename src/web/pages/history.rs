//! The history: `quiz stats` as a page, with the score of the recent sessions
//! drawn over time and accuracy (or, with a blueprint, readiness) by domain or
//! tag, as inline SVG (no script, no style attribute: the policy allows none).

use super::{Cx, Frame, frame};
use crate::present;
use crate::report::stats::{Group, Trend};
use crate::web::History;
use maud::{Markup, html};

pub fn history(cx: &Cx, history: Option<&History>) -> Markup {
    let body = match history {
        None => html! { p { (present::browser::NO_HISTORY) } },
        Some(history) => {
            let stats = &history.stats;
            html! {
                section aria-labelledby="overview" {
                    h2 id="overview" { "Overview" }
                    @for line in crate::report::stats::overview(stats) {
                        p { (line) }
                    }
                }
                @if !stats.recent.is_empty() {
                    section aria-labelledby="trend" {
                        h2 id="trend" { "Score of the recent sessions, oldest first" }
                        (trend(&stats.recent))
                    }
                }
                @if let Some(readiness) = &history.readiness {
                    section aria-labelledby="readiness" {
                        h2 id="readiness" { (present::title(&readiness.title)) ": readiness by domain, weakest first" }
                        (readiness_chart(readiness))
                        p { (crate::report::readiness::verdict(readiness)) }
                    }
                }
                @for (heading, groups) in [("By tag, weakest first", &stats.by_tag), ("By bank, weakest first", &stats.by_bank)] {
                    @if !groups.is_empty() {
                        section {
                            h2 { (heading) }
                            (bars(groups))
                        }
                    }
                }
            }
        }
    };
    frame(Frame {
        title: "History".to_owned(),
        header: None,
        clock: None,
        news: cx.news,
        keys: None,
        body,
    })
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;
const LEFT: f64 = 40.0;
const BOTTOM: f64 = 24.0;

/// The recent sessions' scores as a line over time: one point each, with its
/// date and score in its title (and in a table for those who do not see it).
fn trend(recent: &[Trend]) -> Markup {
    let n = recent.len();
    let plot_w = WIDTH - LEFT - 10.0;
    let plot_h = HEIGHT - BOTTOM - 10.0;
    let x = |i: usize| {
        if n <= 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |percent: f64| 10.0 + plot_h * (1.0 - percent.clamp(0.0, 100.0) / 100.0);
    let points: Vec<String> = recent
        .iter()
        .enumerate()
        .map(|(i, t)| format!("{:.1},{:.1}", x(i), y(t.percent)))
        .collect();
    html! {
        figure.chart {
            svg viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) role="img"
                aria-label=(format!("Score of the last {} sessions, from {:.0}% to {:.0}%", n, recent.first().map_or(0.0, |t| t.percent), recent.last().map_or(0.0, |t| t.percent))) {
                @for p in [0.0, 50.0, 100.0] {
                    line.grid x1=(LEFT) x2=(WIDTH - 10.0) y1=(y(p)) y2=(y(p)) {}
                    text.axis x=(LEFT - 6.0) y=(y(p) + 4.0) text-anchor="end" { (format!("{p:.0}%")) }
                }
                polyline.trend points=(points.join(" ")) {}
                @for (i, t) in recent.iter().enumerate() {
                    circle.point cx=(format!("{:.1}", x(i))) cy=(format!("{:.1}", y(t.percent))) r="4" {
                        title { (date(&t.started)) " · " (t.mode) " · " (format!("{:.1}%", t.percent)) }
                    }
                }
            }
            figcaption {
                table.trend-table {
                    thead { tr { th scope="col" { "Started" } th scope="col" { "Mode" } th scope="col" { "Answered" } th scope="col" { "Score" } } }
                    tbody {
                        @for t in recent {
                            tr {
                                td { (date(&t.started)) }
                                td { (t.mode) }
                                td { (t.answered) "/" (t.asked) }
                                td { (format!("{:.1}%", t.percent)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `2026-12-04 22:10`, in local time, as `quiz stats` prints it.
fn date(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map(|d| {
            d.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| rfc3339.to_owned())
}

/// One bar per group: its accuracy, with its name and figures beside it.
fn bars(groups: &[Group]) -> Markup {
    html! {
        ul.bars {
            @for g in groups {
                li {
                    span.name { (present::title(&g.name)) }
                    " "
                    svg.bar viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" {
                        rect.track x="0" y="0" width="100" height="10" {}
                        rect.fill x="0" y="0" width=(format!("{:.1}", g.percent.clamp(0.0, 100.0))) height="10" {}
                    }
                    " "
                    span.figure { (format!("{:.1}%", g.percent)) " (" (crate::words::plural(g.answers, "answer")) ")" }
                }
            }
        }
    }
}

/// Each domain's accuracy with its interval, and the pass mark across them.
fn readiness_chart(r: &crate::blueprint::readiness::Readiness) -> Markup {
    html! {
        ul.bars {
            @for d in &r.domains {
                li {
                    span.name { (present::title(&d.name)) }
                    " "
                    svg.bar viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" {
                        rect.track x="0" y="0" width="100" height="10" {}
                        @if let Some(accuracy) = d.accuracy {
                            rect.interval x=(format!("{:.1}", d.lower)) y="3" width=(format!("{:.1}", (d.upper - d.lower).max(0.5))) height="4" {}
                            rect.fill x="0" y="0" width=(format!("{:.1}", accuracy.clamp(0.0, 100.0))) height="10" {}
                        }
                        line.pass x1=(format!("{:.1}", r.pass_mark)) x2=(format!("{:.1}", r.pass_mark)) y1="0" y2="10" {}
                    }
                    " "
                    span.figure {
                        @match d.accuracy {
                            Some(a) => { (format!("{a:.1}% ({:.1}–{:.1}%), {} of {} seen", d.lower, d.upper, d.seen, d.questions)) }
                            None => { "no answers yet" }
                        }
                    }
                }
            }
        }
    }
}
