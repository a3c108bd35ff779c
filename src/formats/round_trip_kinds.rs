//! Round trips of the built-in bank's questions of every kind through each
//! format, field by field for the kinds the format holds: what a kind asks
//! and expects (an order's items, a match's pairs and extra responses, a
//! number and its tolerance, the accepted answers and their case, a model
//! answer), with the stem, explanation and references every question has.
//! The kinds a format lacks are left out on export with a warning naming each.

use super::round_trip::reference;
use super::{Kind, export, import_bytes};
use crate::bank::kind::number::parse;
use crate::bank::{Bank, Body, Kind as QuestionKind, Question, load_builtin};
use crate::prose::reflowed;

/// What a question's kind holds, as comparable text.
fn body(q: &Question) -> String {
    match &q.body {
        Body::Choice(c) => {
            let texts: Vec<&str> = c
                .choices
                .value
                .iter()
                .map(|c| c.text.value.trim())
                .collect();
            format!("choice {texts:?} {:?}", c.correct())
        }
        Body::Order(o) => {
            let items: Vec<&str> = o.items.value.iter().map(|i| i.value.trim()).collect();
            format!("order {items:?}")
        }
        Body::Match(m) => {
            let pairs: Vec<(&str, &str)> = m
                .pairs
                .value
                .iter()
                .map(|p| (p.premise.value.trim(), p.response.value.trim()))
                .collect();
            let mut extra: Vec<&str> = m.extra.iter().map(|e| e.value.trim()).collect();
            extra.sort_unstable();
            format!("match {pairs:?} extra {extra:?}")
        }
        Body::Number(n) => {
            let answer = parse(&n.answer.value).unwrap_or(f64::NAN);
            // A percentage and the amount it makes are the same tolerance.
            format!("number {answer} ± {}", n.allowed())
        }
        Body::Text(t) => {
            let answers: Vec<&str> = t.answer.value.iter().map(|a| a.value.trim()).collect();
            format!("text {answers:?} case {}", t.case_sensitive)
        }
        Body::Open(o) => format!("open {}", reflowed(o.answer.value.trim())),
    }
}

/// The built-in bank's questions of the kinds `kinds`.
fn of_kinds(kinds: &[QuestionKind]) -> Vec<Question> {
    load_builtin()
        .banks
        .into_iter()
        .flat_map(|b| b.questions)
        .filter(|q| kinds.contains(&q.kind()))
        .collect()
}

/// Exports the whole built-in bank as `kind`, checks that each question of a
/// kind it lacks is named in a warning, imports it back, and compares every
/// question of the kinds in `held` field by field. `explanations`: whether the
/// format keeps the explanation and references of the kinds beyond choice.
fn round_trip(kind: Kind, held: &[QuestionKind], explanations: bool) {
    let banks: Vec<Bank> = load_builtin().banks;
    let out = export(kind, &banks);
    let all: Vec<&Question> = banks.iter().flat_map(|b| &b.questions).collect();
    for q in all.iter().filter(|q| !held.contains(&q.kind())) {
        assert!(
            out.warnings
                .iter()
                .any(|w| w.message.contains(&format!("`{}`", q.id.value))
                    && w.message.contains("left out")),
            "{kind:?}: no warning for `{}` ({:?})",
            q.id.value,
            q.kind()
        );
    }
    let path = format!("builtin.{}", kind.extension());
    let back = match import_bytes(kind, &path, &out.bytes) {
        Ok(imported) => imported.bank,
        Err(f) => panic!(
            "{kind:?}: {}:{}: {}",
            f.error.line, f.error.col, f.error.message
        ),
    };
    let original = of_kinds(held);
    assert_eq!(
        back.questions.len(),
        original.len(),
        "{kind:?}: every question of a kind it holds comes back"
    );
    for (a, b) in original.iter().zip(&back.questions) {
        let at = format!("{kind:?}, `{}`", a.id.value);
        assert_eq!(a.id.value, b.id.value, "{at}: id");
        assert_eq!(a.kind(), b.kind(), "{at}: kind");
        assert_eq!(
            reflowed(a.question.value.trim()),
            reflowed(b.question.value.trim()),
            "{at}: stem"
        );
        assert_eq!(body(a), body(b), "{at}: what it asks and expects");
        if a.choices().is_some() || explanations && a.kind() != QuestionKind::Open {
            assert_eq!(
                a.explanation.as_ref().map(|e| reflowed(e.value.trim())),
                b.explanation.as_ref().map(|e| reflowed(e.value.trim())),
                "{at}: explanation"
            );
            let refs = |q: &Question| q.references.iter().map(reference).collect::<Vec<_>>();
            assert_eq!(refs(a), refs(b), "{at}: references");
        }
    }
}

#[test]
fn gift_keeps_every_kind_but_order() {
    round_trip(
        Kind::Gift,
        &[
            QuestionKind::Choice,
            QuestionKind::Match,
            QuestionKind::Number,
            QuestionKind::Text,
            QuestionKind::Open,
        ],
        true,
    );
}

#[test]
fn qti_keeps_every_kind() {
    round_trip(Kind::Qti, QuestionKind::ALL, true);
}

#[test]
fn moodle_xml_keeps_every_kind() {
    round_trip(Kind::MoodleXml, QuestionKind::ALL, true);
}

#[test]
fn csv_keeps_every_kind() {
    round_trip(Kind::Csv, QuestionKind::ALL, true);
}
