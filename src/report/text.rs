//! The summary printed at the end of a run.

use super::points;
use crate::paint::Paint;
use crate::quiz::Summary;
use std::fmt::Write;

pub fn summary(s: &Summary, paint: Paint) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint.bold("Summary"));
    if s.records.len() < s.selected {
        let _ = writeln!(
            out,
            "Ended early, after {} of {} questions.",
            s.records.len(),
            s.selected
        );
    }
    let _ = writeln!(
        out,
        "Score: {}/{} ({:.1}%), {} scoring",
        points(s.points()),
        s.max_points(),
        s.percent(),
        s.scoring.name()
    );
    if let Some(passed) = s.passed() {
        let verdict = if passed {
            paint.good("PASS")
        } else {
            paint.bad("FAIL")
        };
        let _ = writeln!(out, "Result: {verdict} (pass mark {}%)", s.pass_mark);
        if s.time_up {
            let _ = writeln!(out, "The time limit ended the exam.");
        }
    }
    let tags = s.by_tag();
    if !tags.is_empty() {
        let width = tags
            .iter()
            .map(|t| t.tag.chars().count())
            .max()
            .unwrap_or(0);
        let _ = writeln!(out, "By tag:");
        for t in &tags {
            let _ = writeln!(
                out,
                "  {:width$}  {}/{}  {:.0}%",
                t.tag,
                points(t.points),
                t.max,
                100.0 * t.points / t.max as f64
            );
        }
    }
    let missed = s.missed();
    if !missed.is_empty() {
        let _ = writeln!(out, "Missed: {}", missed.join(", "));
    }
    let _ = writeln!(
        out,
        "Seed: {} (repeat this quiz with --seed {})",
        s.seed, s.seed
    );
    out
}
