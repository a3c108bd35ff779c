//! The kinds beyond choice in GIFT, read as Moodle's `qformat_gift` reads them
//! and written so that it reads them back: matching (`=premise -> response`,
//! an empty premise an extra response), short answer (`=answer`, kind text),
//! numerical (`#answer:tolerance` or `#min..max`, kind number) and essay
//! (`{}`, kind open, its model answer in the general feedback `####`). GIFT
//! has no ordering.
//!
//! What Moodle holds that quiz does not is dropped with a warning at its
//! line: answers worth less than 100 % (partial credit), feedback on one
//! answer, several numerical answers, a numerical "wrong answer" feedback.

use super::chars::{Ch, find, starts, string, trim};
use super::{TextFormat, text, weight_of};
use crate::bank::Spanned;
use crate::bank::kind::matching::{Match, Pair};
use crate::bank::kind::number::{Number, parse, parse_tolerance};
use crate::bank::kind::open::Open;
use crate::bank::kind::text::TextAnswer;
use crate::bank::{Body, Question};
use crate::diagnostic::Pos;

pub(super) use crate::formats::build::Notes;

/// The parts of an answer block between unescaped `=` (the text before the
/// first, if any, is Moodle's "answers[0]": dropped when empty).
fn parts(answers: &[Ch]) -> Vec<&[Ch]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..answers.len() {
        if starts(answers, i, "=") {
            out.push(&answers[start..i]);
            start = i + 1;
        }
    }
    out.push(&answers[start..]);
    if out.first().is_some_and(|p| trim(p).is_empty()) {
        out.remove(0);
    }
    out
}

/// Where a part stands: its first character, else the block's.
fn at(part: &[Ch], block: Pos) -> Pos {
    part.first().map_or(block, |c| c.pos)
}

/// A matching question: `=premise -> response`, at least two pairs; an empty
/// premise makes an extra response that matches none.
pub(super) fn matching(
    answers: &[Ch],
    block: Pos,
    format: TextFormat,
    notes: &mut Notes,
) -> Result<Body, String> {
    let mut pairs = Vec::new();
    let mut extra = Vec::new();
    for part in parts(answers) {
        let part = trim(part);
        let pos = at(part, block);
        let Some(arrow) = find(part, 0, "->") else {
            return Err(format!(
                "line {}: a matching answer needs `premise -> response`, as Moodle requires",
                pos.line
            ));
        };
        let (premise, response) = (&part[..arrow], &part[arrow + 2..]);
        let response = trim(response);
        if find(response, 0, "#").is_some() {
            notes.push((
                pos,
                "feedback on one pair (`#…`) is dropped: quiz has none for a pair".into(),
            ));
        }
        let response_text = string(response);
        let premise = text(premise, format);
        let response = Spanned::new(response_text.trim().to_owned(), pos);
        if premise.text.trim().is_empty() {
            extra.push(response);
        } else {
            pairs.push(Pair {
                pos,
                premise: Spanned::new(premise.text, pos),
                response,
            });
        }
    }
    Ok(Body::Match(Match {
        pairs: Spanned::new(pairs, block),
        extra,
        shuffle: true,
    }))
}

/// The answers worth 100 % of a short-answer or numerical block, each with its
/// place; the others are noted as dropped (partial credit), as is each
/// answer's feedback.
fn full_credit<'a>(answers: &'a [Ch], block: Pos, notes: &mut Notes) -> Vec<(Pos, &'a [Ch])> {
    let mut out = Vec::new();
    for part in parts(answers) {
        let mut part = trim(part);
        let pos = at(part, block);
        let mut weight = 100.0;
        if let Some((w, len)) = weight_of(part) {
            weight = w;
            part = trim(&part[len..]);
        }
        if let Some(hash) = find(part, 0, "#") {
            // Moodle's own export writes a `#` after every answer, empty or not.
            if !trim(&part[hash + 1..]).is_empty() {
                notes.push((
                    pos,
                    "feedback on one answer (`#…`) is dropped: quiz shows the explanation after every answer".into(),
                ));
            }
            part = trim(&part[..hash]);
        }
        if weight < 100.0 {
            notes.push((
                pos,
                format!(
                    "the answer `{}` is worth {weight}% and is dropped: quiz gives no partial credit for a typed answer",
                    string(part)
                ),
            ));
            continue;
        }
        if !part.is_empty() {
            out.push((pos, part));
        }
    }
    out
}

/// A short-answer question: every full-credit answer is accepted; Moodle's
/// GIFT short answers ignore case, as quiz's text answers do by default.
pub(super) fn short_answer(
    answers: &[Ch],
    block: Pos,
    format: TextFormat,
    notes: &mut Notes,
) -> Result<Body, String> {
    let accepted: Vec<Spanned<String>> = full_credit(answers, block, notes)
        .into_iter()
        .map(|(pos, part)| Spanned::new(text(part, format).text, pos))
        .filter(|a| !a.value.trim().is_empty())
        .collect();
    if accepted.is_empty() {
        return Err("it has no answer worth 100%, which a typed answer needs".into());
    }
    Ok(Body::Text(TextAnswer {
        answer: Spanned::new(accepted, block),
        case_sensitive: false,
    }))
}

/// A numerical question, `#` already seen: `answer:tolerance`, `min..max` (the
/// middle and half the width), or a bare answer; the first full-credit answer
/// is kept.
pub(super) fn numerical(answers: &[Ch], block: Pos, notes: &mut Notes) -> Result<Body, String> {
    let mut answers = trim(answers);
    // Moodle's "wrong answer" feedback, after a `~`.
    if let Some(tilde) = find(answers, 0, "~") {
        notes.push((
            answers[tilde].pos,
            "the feedback for a wrong answer (`~…`) is dropped: quiz shows the explanation after every answer".into(),
        ));
        answers = trim(&answers[..tilde]);
    }
    let kept = full_credit(answers, block, notes);
    let Some(&(pos, first)) = kept.first() else {
        return Err("it has no answer worth 100%".into());
    };
    for &(other, _) in &kept[1..] {
        notes.push((
            other,
            "a second numerical answer is dropped: a number question has one answer (and one tolerance)".into(),
        ));
    }
    let written = string(first).trim().to_owned();
    let (answer, tolerance) = if let Some((min, max)) = written.split_once("..") {
        let (Some(min), Some(max)) = (parse(min), parse(max)) else {
            return Err(format!("`{written}` is not a range of numbers"));
        };
        let middle = (min + max) / 2.0;
        (number_text(middle), Some(number_text((max - middle).abs())))
    } else if let Some((answer, tolerance)) = written.split_once(':') {
        (answer.trim().to_owned(), Some(tolerance.trim().to_owned()))
    } else {
        (written.clone(), None)
    };
    if parse(&answer).is_none() {
        return Err(format!("`{answer}` is not a number"));
    }
    if let Some(t) = &tolerance
        && parse_tolerance(t).is_none()
    {
        return Err(format!("`{t}` is not a tolerance (a number of at least 0)"));
    }
    Ok(Body::Number(Number {
        answer: Spanned::new(answer, pos),
        tolerance: tolerance
            .filter(|t| parse(t) != Some(0.0))
            .map(|t| Spanned::new(t, pos)),
    }))
}

/// An essay: its model answer is the general feedback, the one text GIFT gives
/// an essay besides its stem.
pub(super) fn essay(feedback: Option<Spanned<String>>) -> Result<Body, String> {
    match feedback {
        Some(answer) if !answer.value.trim().is_empty() => Ok(Body::Open(Open { answer })),
        _ => Err(
            "an essay with no general feedback (`####…`) has no model answer, which an open question needs"
                .into(),
        ),
    }
}

/// A number as GIFT writes it: plain decimal, no digit groups.
fn number_text(value: f64) -> String {
    format!("{value}")
}

/// The answer block of a question of another kind than choice, without its
/// braces and without the general feedback (for an essay: the model answer,
/// which `feedback` then holds). Err says why GIFT cannot hold it.
pub(super) fn write(
    q: &Question,
    escape: impl Fn(&str) -> String,
    notes: &mut Vec<String>,
) -> Result<(String, Option<String>), String> {
    match &q.body {
        Body::Match(m) => {
            let mut out = String::from("\n");
            for pair in &m.pairs.value {
                for text in [&pair.premise.value, &pair.response.value] {
                    if text.contains("->") {
                        return Err(format!(
                            "`{}` holds `->`, which GIFT cannot escape in a matching question",
                            text.trim()
                        ));
                    }
                }
                out.push_str(&format!(
                    "\t={} -> {}\n",
                    escape(&pair.premise.value),
                    escape(&pair.response.value)
                ));
            }
            for extra in &m.extra {
                if extra.value.contains("->") {
                    return Err(format!(
                        "`{}` holds `->`, which GIFT cannot escape in a matching question",
                        extra.value.trim()
                    ));
                }
                out.push_str(&format!("\t= -> {}\n", escape(&extra.value)));
            }
            if !m.shuffle {
                notes.push(
                    "`shuffle: false` has no GIFT form: Moodle shuffles a matching question's responses".into(),
                );
            }
            Ok((out, None))
        }
        Body::Text(t) => {
            if t.case_sensitive {
                notes.push(
                    "`case: sensitive` has no GIFT form: Moodle's short answer then ignores case (export to moodle-xml keeps it)".into(),
                );
            }
            let mut out = String::from("\n");
            for a in &t.answer.value {
                out.push_str(&format!("\t={}\n", escape(&a.value)));
            }
            Ok((out, None))
        }
        Body::Number(n) => {
            let (answer, tolerance) = crate::formats::number_and_amount(n, "GIFT", notes)?;
            let out = if tolerance == 0.0 {
                format!("#{}", number_text(answer))
            } else {
                format!("#{}:{}", number_text(answer), number_text(tolerance))
            };
            Ok((out, None))
        }
        Body::Open(o) => {
            if q.explanation.is_some() || !q.references.is_empty() {
                notes.push(
                    "its explanation and references are not written: an essay's one feedback in GIFT holds the model answer".into(),
                );
            }
            Ok((String::new(), Some(o.answer.value.clone())))
        }
        Body::Choice(_) | Body::Order(_) => Err("GIFT has no such question".into()),
    }
}
