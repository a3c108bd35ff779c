//! Text that both fronts print: the question block and the feedback after an answer.

use crate::bank::letter;
use crate::paint::Paint;
use crate::quiz::{Asked, Outcome};
use crate::report::points;
use std::fmt::Write;

/// `Question 3 of 20 · score 2/2`.
pub fn progress(asked: &Asked, score: (f64, usize), paint: Paint) -> String {
    paint.dim(&format!(
        "Question {} of {} · score {}/{}",
        asked.number,
        asked.total,
        points(score.0),
        score.1
    ))
}

fn letters(shown: &[usize]) -> String {
    if shown.is_empty() {
        return "nothing".to_owned();
    }
    shown
        .iter()
        .map(|&i| letter(i).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Right or wrong, the correct letters as shown, the `why` of each choice picked
/// wrongly or missed, the explanation and the references with their links.
pub fn feedback(asked: &Asked, outcome: &Outcome, paint: Paint) -> String {
    let mut out = String::new();
    let answer = letters(&outcome.expected);
    let verdict = if outcome.skipped {
        paint.warn(&format!("Skipped. The answer is {answer}."))
    } else if outcome.is_right() {
        paint.good(&format!("✓ Correct: {answer}."))
    } else if outcome.points > 0.0 {
        paint.warn(&format!(
            "◐ Partly right ({} point): the answer is {answer}; you chose {}.",
            points(outcome.points),
            letters(&outcome.given)
        ))
    } else {
        paint.bad(&format!(
            "✗ Wrong: the answer is {answer}; you chose {}.",
            letters(&outcome.given)
        ))
    };
    let _ = writeln!(out, "{verdict}");
    for (shown, (l, choice)) in asked.choices().enumerate() {
        let picked = outcome.given.contains(&shown);
        let right = outcome.expected.contains(&shown);
        if picked == right || outcome.skipped && !right {
            continue;
        }
        if let Some(why) = &choice.why {
            let mark = if right { "missed" } else { "not right" };
            let _ = writeln!(
                out,
                "  {l}) {} ({mark}): {}",
                choice.text.value.trim(),
                why.value.trim()
            );
        }
    }
    if let Some(explanation) = &asked.question.explanation {
        let _ = writeln!(out);
        for line in explanation.value.trim_end().lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !asked.question.references.is_empty() {
        let _ = writeln!(out);
        for r in &asked.question.references {
            let title = match (&r.title, &r.target) {
                (Some(t), crate::bank::Target::Rfc { .. }) => format!(" {}", t.value),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}{title}: {}",
                paint.bold(&r.label()),
                paint.link(&r.link())
            );
        }
    }
    out
}
