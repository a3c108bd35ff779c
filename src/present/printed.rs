//! A question's body for fronts that print it line by line (the line front, and
//! the missed questions printed after an exam): each choice, item, premise and
//! response, and once judged, the marks with the right answer beside the
//! candidate's. And how such a front asks for each kind's answer.

use super::question::{Body, Question};
use super::{Text, wrap};
use crate::quiz::Answering;

/// `head` then `text`, wrapped under itself at `width` when there is one.
fn hang(head: &str, text: &str, width: Option<usize>) -> String {
    match width {
        Some(width) => wrap::hanging(head, text, width),
        None => format!("{head}{text}"),
    }
}

/// Prose under a heading, indented, each of its lines wrapped.
fn block(out: &mut Vec<String>, heading: &str, text: &Text, width: Option<usize>) {
    out.push(format!("  {heading}"));
    if text.trim().is_empty() {
        out.push("    (nothing)".to_owned());
        return;
    }
    for line in text.lines() {
        out.push(hang("    ", line, width));
    }
}

/// The body of `q` as printed: as put while it is asked, with its marks and
/// the right answer once judged. Choices show their mark and `why` only when
/// `marks` (the missed questions do; practice feedback tells them apart).
pub fn body_lines(q: &Question, width: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    match &q.body {
        Body::Choice { choices, .. } => {
            for choice in choices {
                let head = match choice.mark {
                    Some(mark) => format!("  {} {}) ", mark.symbol, choice.letter),
                    None => format!("  {}) ", choice.letter),
                };
                let label = choice
                    .mark
                    .and_then(|m| m.label)
                    .map(|l| format!(" ({l})"))
                    .unwrap_or_default();
                out.push(hang(&head, &format!("{}{label}", choice.text), width));
                if let Some(why) = choice.why.as_ref().filter(|_| !choice.why_repeats_mark) {
                    out.push(hang("       ", why, width));
                }
            }
        }
        Body::Order(o) => match &o.answer {
            None => {
                for item in &o.items {
                    out.push(hang(&format!("  {}) ", item.letter), &item.text, width));
                }
            }
            Some(answer) => {
                // Untouched (skipped), the shown order is not the candidate's.
                if o.touched {
                    out.push("  Your order:".to_owned());
                }
                for (place, item) in o.items.iter().enumerate().filter(|_| o.touched) {
                    let mark = match item.right_place {
                        Some(true) => "✓",
                        Some(false) => "✗",
                        None => " ",
                    };
                    let head = format!("  {mark} {}. {}) ", place + 1, item.letter);
                    out.push(hang(&head, &item.text, width));
                }
                if o.touched && o.items.iter().all(|i| i.right_place == Some(true)) {
                    return out;
                }
                out.push("  The right order:".to_owned());
                for (place, (letter, text)) in answer.iter().enumerate() {
                    out.push(hang(&format!("    {}. {letter}) ", place + 1), text, width));
                }
            }
        },
        Body::Match(m) => {
            let judged = m.premises.iter().any(|p| p.answer.is_some());
            for premise in &m.premises {
                let Some(answer) = &premise.answer else {
                    out.push(hang(
                        &format!("  {}. ", premise.number),
                        &premise.text,
                        width,
                    ));
                    continue;
                };
                let (mark, _) = super::Mark::of_right(answer.right);
                let given = match premise.slot {
                    Some(letter) => m
                        .responses
                        .iter()
                        .find(|(l, _)| *l == letter)
                        .map_or_else(|| letter.to_string(), |(l, t)| format!("{l}) {t}")),
                    None => "nothing".to_owned(),
                };
                let mut line = format!("{} → {given}", premise.text);
                if !answer.right {
                    line.push_str(&format!(" (right: {}) {})", answer.letter, answer.text));
                }
                out.push(hang(
                    &format!("  {mark} {}. ", premise.number),
                    &line,
                    width,
                ));
            }
            if !judged {
                for (letter, text) in &m.responses {
                    out.push(hang(&format!("  {letter}) "), text, width));
                }
            }
        }
        Body::Typed(_) => {}
        Body::Open(o) => {
            if let Some(model) = &o.model {
                block(&mut out, "Your answer:", &o.attempt, width);
                block(&mut out, "Model answer:", model, width);
            }
        }
    }
    out
}

/// How a printing front asks for an answer to a question of `kind`, where the
/// kind needs saying: `Put them in order: type their letters, first to last
/// (such as CADB).`
pub fn typing_hint(q: &Question) -> Option<String> {
    Some(match (&q.body, q.kind.answering()) {
        (Body::Order(o), _) => {
            let shown: String = o.items.iter().map(|i| i.letter).collect();
            format!(
                "Put them in order: type their letters, first to last ({shown} keeps the order shown)."
            )
        }
        (Body::Match(m), _) => format!(
            "Match each numbered premise: type {} letters, one per premise in turn (a response may serve several).",
            m.premises.len()
        ),
        (Body::Typed(_), Answering::Number) => "Type a number.".to_owned(),
        (Body::Typed(_), _) => "Type your answer.".to_owned(),
        (Body::Open(_), _) => {
            "Write your answer on one line (or leave it empty): the model answer follows, and you mark yours against it.".to_owned()
        }
        (Body::Choice { .. }, _) => return None,
    })
}
