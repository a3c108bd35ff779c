//! What a session comes to, in words, wherever it is printed: the summary, the
//! note on a session left before its end, and the line that resumes one.

use super::words::{TIME_UP, clock, elapsed, points};
use super::{Text, wrap};
use crate::flow::Flow;
use crate::paint::Paint;
use crate::quiz::{Mode, Session, Summary};
use std::fmt::Write;
use std::time::SystemTime;

/// The summary of a session, its lists wrapped or cut to `width` columns.
pub fn summary(s: &Summary, paint: Paint, width: usize) -> String {
    let mut out = String::new();
    let heading = match &s.title {
        Some(title) => format!("Summary: {}", Text::line(title)),
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
                let _ = writeln!(
                    out,
                    "Result: {verdict} (pass mark {}%)",
                    points(s.pass_mark)
                );
            }
        }
        if s.time_up {
            let _ = writeln!(out, "{}", wrap::fill(TIME_UP, width));
        }
    }
    let _ = writeln!(out, "Time used: {}", elapsed(s.time_used));
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
        let _ = writeln!(out, "Missed:");
        for r in missed {
            let _ = writeln!(out, "{}", listed(&r.stem, &r.id, width));
        }
    }
    let open = s.open();
    if !open.is_empty() {
        let _ = writeln!(out, "Open questions, as you marked them (not scored):");
        for r in open {
            let mark = match (r.mark, r.skipped) {
                (Some(mark), _) => mark.name(),
                (None, true) => "skipped",
                (None, false) => "unmarked",
            };
            let _ = writeln!(
                out,
                "  {mark:<8}{}",
                listed(&r.stem, &r.id, width.saturating_sub(8)).trim_start_matches(' ')
            );
        }
    }
    if !s.flagged.is_empty() {
        let _ = writeln!(out, "Flagged (`quiz run --flagged` asks them again):");
        for f in &s.flagged {
            let _ = writeln!(out, "{}", listed(&f.stem, &f.id, width));
        }
    }
    let _ = writeln!(
        out,
        "Seed: {} (repeat this quiz with --seed {})",
        s.seed, s.seed
    );
    out
}

/// A question in a list: its stem on one line, cut to fit `width` with its id
/// after it, whole, so that it can be copied: `  Which record type… (alert)`.
fn listed(stem: &str, id: &str, width: usize) -> String {
    let id = Text::line(id);
    let tail = format!("  ({id})");
    let room = width.saturating_sub(2 + wrap::width(&tail)).max(12);
    format!("  {}{tail}", wrap::truncate(&Text::flat(stem), room))
}

/// A table of (name, points, out of): `  name  2.5/4   63%`, aligned.
fn breakdown(out: &mut String, heading: &str, rows: Vec<(String, f64, usize)>) {
    if rows.is_empty() {
        return;
    }
    let rows: Vec<(Text, f64, usize)> = rows
        .into_iter()
        .map(|(name, p, max)| (Text::line(&name), p, max))
        .collect();
    let width = rows.iter().map(|r| wrap::width(&r.0)).max().unwrap_or(0);
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
        let pad = " ".repeat(width - wrap::width(name));
        let _ = writeln!(out, "  {name}{pad}  {score:>score_width$}  {percent:>4.0}%");
    }
}

/// What stays on the terminal when a session ends: the summary (practice, or a
/// submitted exam) and, before its end, how to go on.
pub fn closing(
    session: &Session,
    flow: &Flow,
    now: SystemTime,
    resumable: bool,
    paint: Paint,
    width: usize,
) -> String {
    let mut out = String::new();
    let summary =
        (flow.mode() == Mode::Practice || flow.submitted()).then(|| flow.summary(session));
    if let Some(summary) = &summary {
        out.push_str(&self::summary(summary, paint, width));
    }
    if flow.complete() {
        return out;
    }
    let how = if resumable {
        "`quiz run --resume` continues it"
    } else {
        "without the history (--no-history) it cannot be resumed"
    };
    let note = match &summary {
        Some(summary) => {
            // A skipped practice question was asked: it is not left.
            let left = summary.selected.saturating_sub(summary.records.len());
            let verb = if left == 1 { "is" } else { "are" };
            format!(
                "{left} of {} questions {verb} left: {how}.\n",
                summary.selected
            )
        }
        None => format!(
            "The exam was not submitted: {} of {} answered{}; {how}.\n",
            flow.answered_count(),
            session.len(),
            flow.time_left(now)
                .map(|l| format!(", {} left", clock(l)))
                .unwrap_or_default()
        ),
    };
    // Wrapped to the window like the summary, so no word is cut at its edge.
    out.push_str(&wrap::fill(&note, width));
    out
}

/// Which session a resume takes up: `exam of 2024-05-01 14:03: 3 of 10
/// answered, 12:30 left`.
pub fn resumed(session: &Session, flow: &Flow, started: SystemTime, now: SystemTime) -> String {
    let started = chrono::DateTime::<chrono::Local>::from(started)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let (kind, answered) = match flow.mode() {
        Mode::Exam => ("exam", flow.answered_count()),
        Mode::Practice => (
            "practice quiz",
            (0..session.len()).filter(|&i| flow.done(i)).count(),
        ),
    };
    let mut text = format!(
        "{kind} of {started}: {answered} of {} answered",
        session.len()
    );
    if let Some(left) = flow.time_left(now) {
        text.push_str(&format!(", {} left", clock(left)));
    }
    text
}

/// After an exam, each question missed: as it was shown, each choice marked and
/// followed by the author's word on it, the verdict, the explanation and the
/// references. For fronts that print (the line front).
pub fn missed_questions(session: &Session, flow: &Flow, paint: Paint) -> String {
    let mut out = String::new();
    let missed: Vec<usize> = (0..session.len())
        .filter(|&i| {
            flow.outcome(session, i)
                .is_some_and(|o| o.scored && !o.is_right())
        })
        .collect();
    if missed.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n{}", paint.bold("Missed questions"));
    for index in missed {
        let (Some(question), Some(feedback)) = (
            super::question(session, flow, index),
            super::feedback(session, flow, index, None),
        ) else {
            continue;
        };
        let _ = writeln!(
            out,
            "\n{}",
            paint.bold(&format!(
                "{}. {}",
                question.number,
                question.stem_and_hint()
            ))
        );
        for line in super::body_lines(&question, None) {
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(
            out,
            "{}",
            tone(paint, &feedback.verdict.text, feedback.verdict.tone)
        );
        out.push_str(&explanation_and_references(&feedback, paint));
    }
    out
}

/// Text in a tone's colour.
pub fn tone(paint: Paint, text: &str, tone: super::Tone) -> String {
    match tone {
        super::Tone::Good => paint.good(text),
        super::Tone::Warn => paint.warn(text),
        super::Tone::Bad => paint.bad(text),
        super::Tone::Plain => text.to_owned(),
    }
}

/// The explanation, then each reference with its address, for fronts that print.
pub fn explanation_and_references(feedback: &super::Feedback, paint: Paint) -> String {
    let mut out = String::new();
    if !feedback.explanation.is_empty() {
        let _ = writeln!(out);
        for line in &feedback.explanation {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !feedback.references.is_empty() {
        let _ = writeln!(out);
        for r in &feedback.references {
            let _ = writeln!(
                out,
                "  {}: {}",
                paint.bold(&r.label),
                paint.link(&r.address)
            );
        }
    }
    out
}
