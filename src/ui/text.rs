//! Text that both fronts print: the question block and the feedback after an answer.

use super::Progress;
use crate::bank::letter;
use crate::paint::Paint;
use crate::prose::{only_says, reflow};
use crate::quiz::clock::format_left;
use crate::quiz::{Asked, Mode, Outcome, Session, Summary};
use crate::report::{self, points};
use std::fmt::Write;
use std::time::Duration;

/// `Question 3 of 20 · score 2/2`, or in an exam `Question 3 of 20 · 2 answered · 41:23 left`.
pub fn progress(asked: &Asked, progress: &Progress, paint: Paint) -> String {
    let mut line = format!("Question {} of {}", asked.number, asked.total);
    match progress.mode {
        Mode::Practice => {
            let _ = write!(
                line,
                " · score {}/{}",
                points(progress.score.0),
                progress.score.1
            );
        }
        Mode::Exam => {
            let _ = write!(line, " · {} answered", progress.answered);
            if let Some(left) = progress.time_left {
                let _ = write!(line, " · {} left", format_left(left));
            }
            if progress.flagged {
                line.push_str(" · flagged");
            }
        }
    }
    paint.dim(&line)
}

/// What an exam is, under its title: `Exam · 40 questions · 1:00:00 · pass mark
/// 75%`, or `pass at 750 on 100–900` on a scale.
pub fn header(session: &Session, time_limit: Option<Duration>) -> String {
    let n = session.len();
    let mut line = format!(
        "{} · {n} question{}",
        match session.mode() {
            Mode::Practice => "Practice",
            Mode::Exam => "Exam",
        },
        if n == 1 { "" } else { "s" }
    );
    if session.mode() == Mode::Exam {
        if let Some(limit) = time_limit {
            let _ = write!(line, " · {}", format_left(limit));
        }
        match session.scale() {
            Some(scale) => {
                let _ = write!(line, " · {}", scale.pass_at());
            }
            None => {
                let _ = write!(line, " · pass mark {}%", session.pass_mark());
            }
        }
    }
    line
}

/// The summary and, after an exam, every missed question: its choices as they
/// were shown, each marked and followed by its feedback (`why`), the answer given
/// and the right one, the explanation, the references.
pub fn finish(
    summary: &Summary,
    missed: &[(Asked, Outcome)],
    paint: Paint,
    width: usize,
) -> String {
    let mut out = report::summary(summary, paint, width);
    if !missed.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold("Missed questions"));
    }
    for (asked, outcome) in missed {
        let _ = writeln!(
            out,
            "\n{}",
            paint.bold(&format!("{}. {}", asked.number, asked.stem()))
        );
        for (shown, (l, choice)) in asked.choices().enumerate() {
            let mark = match (
                outcome.expected.contains(&shown),
                outcome.given.contains(&shown),
            ) {
                (true, true) => " ✓ your pick, right",
                (true, false) => " ✓ right",
                (false, true) => " ✗ your pick",
                (false, false) => "",
            };
            let _ = writeln!(out, "  {l}) {}{mark}", choice.text.value.trim());
            let right = outcome.expected.contains(&shown);
            if let Some(why) = choice.why.as_ref().filter(|w| !only_says(&w.value, right)) {
                for line in reflow(&why.value) {
                    let _ = writeln!(out, "     {line}");
                }
            }
        }
        let _ = writeln!(out, "{}", verdict(outcome, true, paint));
        out.push_str(&explanation_and_references(asked, paint));
    }
    out
}

/// `A, C` for the choices shown first and third; `nothing` for none.
pub(crate) fn letters(shown: &[usize]) -> String {
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
///
/// A choice's `why` is the author's verdict on it ("Wrong.", "Correct: …"), so the
/// label beside it says only what the candidate did with it, never right or wrong again.
pub fn feedback(asked: &Asked, outcome: &Outcome, exam: bool, paint: Paint) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", verdict(outcome, exam, paint));
    for (shown, (l, choice)) in asked.choices().enumerate() {
        let picked = outcome.given.contains(&shown);
        let right = outcome.expected.contains(&shown);
        if picked == right || outcome.skipped && !right {
            continue;
        }
        if let Some(why) = &choice.why {
            let did = if picked { "your pick" } else { "not picked" };
            let _ = writeln!(
                out,
                "  {l}) {} ({did}): {}",
                choice.text.value.trim(),
                why.value.trim()
            );
        }
    }
    out.push_str(&explanation_and_references(asked, paint));
    out
}

/// `✓ Correct: B.`, `✗ Wrong: the answer is A, C; you chose A, B.`, and the like.
fn verdict(outcome: &Outcome, exam: bool, paint: Paint) -> String {
    let answer = letters(&outcome.expected);
    if outcome.skipped {
        let word = if exam { "Not answered" } else { "Skipped" };
        paint.warn(&format!("{word}. The answer is {answer}."))
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
    }
}

/// The explanation, reflowed, then each reference with its link.
fn explanation_and_references(asked: &Asked, paint: Paint) -> String {
    let mut out = String::new();
    if let Some(explanation) = &asked.question.explanation {
        let _ = writeln!(out);
        for line in reflow(&explanation.value) {
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

/// Each line of `text` wrapped at a word to `width` columns, continuing at the
/// line's own indentation. Words are never broken, nor split at hyphens, so that
/// links stay whole; colour codes do not count towards the width.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 40);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let indent = &body[..body.len() - body.trim_start().len()];
        let options = textwrap::Options::new(width)
            .subsequent_indent(indent)
            .break_words(false)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        out.push_str(&textwrap::fill(body, options));
        out.push_str(end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_links_and_indentation() {
        let line =
            "  See https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3 for the ServerHello.\n";
        assert_eq!(
            wrap(line, 40),
            "  See\n  https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3\n  for the ServerHello.\n"
        );
    }
}
