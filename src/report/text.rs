//! The summary printed at the end of a run.

use super::points;
use crate::paint::Paint;
use crate::quiz::Summary;
use std::fmt::Write;

pub fn summary(s: &Summary, paint: Paint) -> String {
    let mut out = String::new();
    let heading = match &s.title {
        Some(title) => format!("Summary: {title}"),
        None => "Summary".to_owned(),
    };
    let _ = writeln!(out, "{}", paint.bold(&heading));
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
        match (s.scale, s.scaled_score()) {
            (Some(scale), Some(score)) => {
                let _ = writeln!(
                    out,
                    "Result: {verdict}: scaled score {score} (scale {}–{}, pass at {})",
                    scale.min, scale.max, scale.pass
                );
            }
            _ => {
                let _ = writeln!(out, "Result: {verdict} (pass mark {}%)", s.pass_mark);
            }
        }
        if s.time_up {
            let _ = writeln!(out, "The time limit ended the exam.");
        }
    }
    let domains = s.by_domain();
    if !domains.is_empty() {
        let width = domains
            .iter()
            .map(|d| d.name.chars().count())
            .max()
            .unwrap_or(0);
        let scores: Vec<String> = domains
            .iter()
            .map(|d| format!("{}/{}", points(d.points), d.questions))
            .collect();
        let score_width = scores.iter().map(String::len).max().unwrap_or(0);
        let _ = writeln!(out, "By domain, weakest first:");
        for (d, score) in domains.iter().zip(&scores) {
            let _ = writeln!(
                out,
                "  {:width$}  {score:>score_width$}  {:>4.0}%",
                d.name,
                d.percent()
            );
        }
    }
    // A blueprint's domains are the breakdown that its exam is judged by.
    let tags = if domains.is_empty() {
        s.by_tag()
    } else {
        Vec::new()
    };
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
