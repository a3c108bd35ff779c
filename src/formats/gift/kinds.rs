//! Reading the GIFT question types besides choices, as Moodle's reader reads them:
//! matching (`=premise -> response`, `=-> response` for a response that matches no
//! premise), short answer (`=a =b`), numerical (`#16384:0`, `#1..5`) and essay (`{}`).
//! Each gives the question's [`Body`], or why it cannot be read; what quiz does not
//! hold (partial credit, per-answer feedback, several numerical answers) is dropped
//! with a warning at its line.

use super::chars::{Ch, find, string, trim};
use super::{TextFormat, text, weight_of};
use crate::bank::kind::matching::{Match, Pair};
use crate::bank::kind::number::{Number, parse};
use crate::bank::kind::open::Open;
use crate::bank::kind::text::TextAnswer;
use crate::bank::{Body, Spanned};
use crate::diagnostic::Pos;

/// What reading a kind found: its body, or why it cannot be read (an error: Moodle
/// refuses the question too), and warnings at their lines either way.
pub(super) struct Read {
    pub body: Result<Body, String>,
    pub notes: Vec<(Pos, String)>,
    /// The body is an Err that Moodle refuses too: an error, not a warning.
    pub refused: bool,
}

/// The parts of an answer block between unescaped `=` marks, each with the place of
/// its `=` (or of its first character for text before the first mark, which Moodle
/// keeps as a part when it is not empty).
fn parts(answers: &[Ch]) -> Vec<(Pos, &[Ch])> {
    let marks: Vec<usize> = (0..answers.len())
        .filter(|&i| !answers[i].esc && answers[i].c == '=')
        .collect();
    let mut out = Vec::new();
    let lead = trim(&answers[..marks.first().copied().unwrap_or(answers.len())]);
    if let Some(first) = lead.first() {
        out.push((first.pos, lead));
    }
    for (k, &m) in marks.iter().enumerate() {
        let end = marks.get(k + 1).copied().unwrap_or(answers.len());
        out.push((answers[m].pos, trim(&answers[m + 1..end])));
    }
    out
}

/// An answer's `%weight%` (100 without one), its text and its `#feedback`.
fn weighed(part: &[Ch]) -> (f64, &[Ch], Option<&[Ch]>) {
    let (weight, rest) = match weight_of(part) {
        Some((w, len)) => (w, trim(&part[len..])),
        None => (100.0, part),
    };
    match find(rest, 0, "#") {
        Some(h) => (weight, trim(&rest[..h]), Some(trim(&rest[h + 1..]))),
        None => (weight, rest, None),
    }
}

/// Text that Moodle keeps as it is, not as HTML (a short answer, a match's
/// response): escapes resolved, a `[format]` prefix dropped, trimmed.
fn plain(s: &[Ch]) -> String {
    text(s, TextFormat::Plain).text
}

/// A matching question: `=premise -> response` each; an empty premise makes an
/// extra response, as Moodle's matching question reads an empty sub-question.
pub(super) fn matching(answers: &[Ch], format: TextFormat, pos: Pos) -> Read {
    let mut notes = Vec::new();
    let mut pairs = Vec::new();
    let mut extra = Vec::new();
    for (n, (at, part)) in parts(answers).into_iter().enumerate() {
        let Some(arrow) = find(part, 0, "->") else {
            return Read {
                body: Err(format!(
                    "answer {} has no `->` between a premise and its response, as each answer of a matching question needs",
                    n + 1
                )),
                notes,
                refused: true,
            };
        };
        let premise = text(&part[..arrow], format);
        // Moodle keeps a response as it is: no text format, no HTML.
        let response = string(trim(&part[arrow + 2..]));
        let response_pos = part.get(arrow + 2).map_or(at, |c| c.pos);
        if !premise.media.is_empty() {
            notes.push((
                at,
                format!(
                    "premise {} embeds files that quiz does not import: {}",
                    n + 1,
                    premise.media.join(", ")
                ),
            ));
        }
        if premise.text.is_empty() {
            extra.push(Spanned::new(response, response_pos));
        } else {
            pairs.push(Pair {
                pos: at,
                premise: Spanned::new(premise.text, part.first().map_or(at, |c| c.pos)),
                response: Spanned::new(response, response_pos),
            });
        }
    }
    let body = Body::Match(Match {
        pairs: Spanned::new(pairs, pos),
        extra,
        shuffle: true,
    });
    Read {
        body: Ok(body),
        notes,
        refused: false,
    }
}

/// A short-answer question: every answer worth 100 % is accepted (Moodle
/// compares them without case); the others are dropped with a warning.
pub(super) fn short_answer(answers: &[Ch], pos: Pos) -> Read {
    let mut notes = Vec::new();
    let mut accepted = Vec::new();
    for (n, (at, part)) in parts(answers).into_iter().enumerate() {
        let (weight, body, feedback) = weighed(part);
        let answer = plain(body);
        if weight < 99.999 {
            notes.push((
                at,
                format!(
                    "answer {} (`{answer}`) is worth {weight} %; quiz has no partial credit, so it is dropped",
                    n + 1
                ),
            ));
            continue;
        }
        feedback_dropped(feedback, n, &mut notes);
        if answer.is_empty() {
            continue;
        }
        accepted.push(Spanned::new(answer, at));
    }
    if accepted.is_empty() {
        return Read {
            body: Err("no answer is worth 100 %".into()),
            notes,
            refused: false,
        };
    }
    let body = Body::Text(TextAnswer {
        answer: Spanned::new(accepted, pos),
        case_sensitive: false,
    });
    Read {
        body: Ok(body),
        notes,
        refused: false,
    }
}

fn feedback_dropped(feedback: Option<&[Ch]>, n: usize, notes: &mut Vec<(Pos, String)>) {
    if let Some(f) = feedback.filter(|f| !f.is_empty()) {
        notes.push((
            f[0].pos,
            format!(
                "the feedback of answer {} is dropped: quiz keeps feedback for choices only",
                n + 1
            ),
        ));
    }
}

/// A numerical question (`answers` after its `#`): `answer:tolerance`, `min..max`
/// (the midpoint, with half the width as the tolerance) or `answer`. The first
/// answer worth 100 % is kept; any other is dropped with a warning.
pub(super) fn numerical(answers: &[Ch], pos: Pos) -> Read {
    let mut notes = Vec::new();
    let mut answers = answers;
    if let Some(tilde) = find(answers, 0, "~") {
        let wrong = &answers[tilde + 1..];
        let feedback = find(wrong, 0, "#").map(|h| trim(&wrong[h + 1..]));
        if let Some(f) = feedback.filter(|f| !f.is_empty()) {
            notes.push((
                f[0].pos,
                "the feedback for a wrong number (`~#…`) is dropped: quiz keeps feedback for choices only".into(),
            ));
        }
        answers = &answers[..tilde];
    }
    let mut kept: Option<Number> = None;
    for (n, (at, part)) in parts(answers).into_iter().enumerate() {
        let (weight, body, feedback) = weighed(part);
        let written = plain(body);
        let Some(number) = value(&written, at) else {
            return Read {
                body: Err(format!(
                    "answer {} (`{written}`) is not a number, an `answer:tolerance` or a `min..max` range",
                    n + 1
                )),
                notes,
                refused: true,
            };
        };
        if weight < 99.999 {
            notes.push((
                at,
                format!(
                    "answer {} (`{written}`) is worth {weight} %; quiz has no partial credit, so it is dropped",
                    n + 1
                ),
            ));
            continue;
        }
        if kept.is_some() {
            notes.push((
                at,
                format!(
                    "answer {} (`{written}`) is dropped: a quiz number question has one answer, and the first one worth 100 % is kept",
                    n + 1
                ),
            ));
            continue;
        }
        feedback_dropped(feedback, n, &mut notes);
        kept = Some(number);
    }
    match kept {
        Some(mut number) => {
            number.answer.pos = pos;
            Read {
                body: Ok(Body::Number(number)),
                notes,
                refused: false,
            }
        }
        None => Read {
            body: Err("no answer is worth 100 %".into()),
            notes,
            refused: false,
        },
    }
}

/// `16384`, `16384:0` or `1..5`, as a number question's answer and tolerance.
fn value(written: &str, at: Pos) -> Option<Number> {
    let spanned = |s: String| Spanned::new(s, at);
    let number = |s: &str| parse(s).map(|_| s.trim().to_owned());
    // Moodle looks for `..` and `:` after the first character (a sign may lead).
    if let Some(i) = written.get(1..).and_then(|r| r.find("..")).map(|i| i + 1) {
        let (min, max) = (parse(&written[..i])?, parse(&written[i + 2..])?);
        let mid = (min + max) / 2.0;
        return Some(Number {
            answer: spanned(format!("{mid}")),
            tolerance: Some(spanned(format!("{}", max - mid))),
        });
    }
    if let Some(i) = written.get(1..).and_then(|r| r.find(':')).map(|i| i + 1) {
        return Some(Number {
            answer: spanned(number(&written[..i])?),
            tolerance: Some(spanned(number(&written[i + 1..])?)),
        });
    }
    Some(Number {
        answer: spanned(number(written)?),
        tolerance: None,
    })
}

/// The heading that parts a model answer from the explanation in an essay's
/// general feedback, as quiz writes it.
pub(super) const EXPLANATION: &str = "Explanation:";

/// An essay: its general feedback (`feedback`) holds the model answer, then, as
/// quiz writes it, an `Explanation:` paragraph and a `References:` block. Gives
/// the body and the explanation (with the references) that follow it.
pub(super) fn essay(
    feedback: Option<&Spanned<String>>,
) -> (Result<Body, String>, Option<Spanned<String>>) {
    let Some(feedback) = feedback else {
        return (
            Err("an essay needs its model answer in the general feedback (`{####…}`), and this one has none".into()),
            None,
        );
    };
    let whole = feedback.value.trim();
    let heading = format!("\n\n{EXPLANATION}\n");
    let refs_at = |s: &str| {
        let block = format!("{}\n", super::super::refs::HEADING);
        s.strip_prefix(&block)
            .map(|_| 0)
            .or_else(|| s.rfind(&format!("\n\n{block}")))
    };
    let (model, rest) = match whole.find(&heading) {
        Some(i) => (&whole[..i], whole[i + heading.len()..].to_owned()),
        None => match refs_at(whole) {
            Some(i) if !super::super::refs::split(feedback).1.is_empty() => {
                (&whole[..i], whole[i..].to_owned())
            }
            _ => (whole, String::new()),
        },
    };
    let model = model.trim();
    if model.is_empty() {
        return (
            Err("an essay needs its model answer in the general feedback, and this one has only references".into()),
            None,
        );
    }
    let body = Body::Open(Open {
        answer: Spanned::new(model.to_owned(), feedback.pos),
    });
    let rest = rest.trim();
    (
        Ok(body),
        (!rest.is_empty()).then(|| Spanned::new(rest.to_owned(), feedback.pos)),
    )
}
