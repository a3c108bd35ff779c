//! The summary printed at the end of a run.

use super::points;
use crate::paint::Paint;
use crate::quiz::Summary;
use std::fmt::Write;

/// `width`: the columns that the list of missed ids is wrapped to.
pub fn summary(s: &Summary, paint: Paint, width: usize) -> String {
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
                let terms = scale.terms();
                let _ = writeln!(out, "Result: {verdict}: scaled score {score} ({terms})");
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
    if domains.is_empty() {
        let rows = s.by_tag().into_iter().map(|t| (t.tag, t.points, t.max));
        breakdown(&mut out, "By tag:", rows.collect());
    } else {
        // A blueprint's domains are the breakdown that its exam is judged by.
        let rows = domains.into_iter().map(|d| (d.name, d.points, d.questions));
        breakdown(&mut out, "By domain, weakest first:", rows.collect());
    }
    let missed = s.missed();
    if !missed.is_empty() {
        // Wrapped between ids, never inside one, so that an id can be copied
        // from the scrollback whole.
        let options = textwrap::Options::new(width)
            .subsequent_indent("  ")
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        let line = format!("Missed: {}", missed.join(", "));
        let _ = writeln!(out, "{}", textwrap::fill(&line, options));
    }
    let _ = writeln!(
        out,
        "Seed: {} (repeat this quiz with --seed {})",
        s.seed, s.seed
    );
    out
}

/// A table of (name, points, out of): `  name  2.5/4   63%`, aligned.
fn breakdown(out: &mut String, heading: &str, rows: Vec<(String, f64, usize)>) {
    if rows.is_empty() {
        return;
    }
    let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    let scores: Vec<String> = rows
        .iter()
        .map(|(_, p, max)| format!("{}/{max}", points(*p)))
        .collect();
    let score_width = scores.iter().map(String::len).max().unwrap_or(0);
    let _ = writeln!(out, "{heading}");
    for ((name, p, max), score) in rows.iter().zip(&scores) {
        let percent = if *max == 0 {
            0.0
        } else {
            100.0 * p / *max as f64
        };
        let _ = writeln!(
            out,
            "  {name:width$}  {score:>score_width$}  {percent:>4.0}%"
        );
    }
}
