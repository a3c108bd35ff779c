//! Ids: a safe alphabet, a bounded length, and one question per id in a run.

use super::{Check, Rule, Sink};
use crate::bank::{MAX_ID_LEN, Question, Spanned};
use crate::check::Config;
use crate::diagnostic::{Diagnostic, Pos, Severity::Error};
use foldhash::fast::FixedState;
use std::collections::HashMap;
use std::rc::Rc;

pub const INVALID_ID: Rule = Rule {
    code: "invalid-id",
    severity: Error,
    summary: "an id that is empty or has characters other than letters, digits, `.`, `_` and `-`",
    flags: "`id: tls 1.3 hello`",
    passes: "`id: tls13-hello`",
    check: Check::Question(id_is_valid),
};

fn id_is_valid(q: &Question, _: &Config, s: &mut Sink) {
    let id = &q.id.value;
    if id.is_empty() {
        s.report(&INVALID_ID, q.id.pos, "`id` is empty");
    } else if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        s.report(
            &INVALID_ID,
            q.id.pos,
            format!("id `{id}` has {bad:?}: use only letters, digits, `.`, `_` and `-`"),
        );
    }
}

pub const ID_TOO_LONG: Rule = Rule {
    code: "id-too-long",
    severity: Error,
    summary: "an id longer than 100 characters, which Moodle's `idnumber` cannot hold",
    flags: "an id of 101 characters",
    passes: "an id of 100 characters",
    check: Check::Question(id_is_short),
};

fn id_is_short(q: &Question, _: &Config, s: &mut Sink) {
    let n = q.id.value.chars().count();
    if n > MAX_ID_LEN {
        s.report(
            &ID_TOO_LONG,
            q.id.pos,
            format!("id is {n} characters long; an id may have at most {MAX_ID_LEN}"),
        );
    }
}

pub const DUPLICATE_ID: Rule = Rule {
    code: "duplicate-id",
    severity: Error,
    summary: "an id already used by another question of the run, in any file; reported at the later one",
    flags: "`id: tls-hello` in a.yaml and again in b.yaml",
    passes: "`id: tls12-hello` and `id: tls13-hello`",
    check: Check::Run,
};

/// The ids of a run so far, each with where it was first used.
#[derive(Debug, Default)]
pub struct Ids {
    first: HashMap<Rc<str>, (u32, Pos), FixedState>,
    paths: Vec<Box<str>>,
}

impl Ids {
    /// Records `id` of a question in `path`; a diagnostic if it was used before.
    pub fn add(&mut self, path: &str, id: &Spanned<Rc<str>>) -> Option<Diagnostic> {
        if id.value.is_empty() {
            return None;
        }
        if let Some(&(file, pos)) = self.first.get(&id.value) {
            let other = &self.paths[file as usize];
            return Some(Diagnostic::error(
                path,
                id.pos,
                DUPLICATE_ID.code,
                format!("id `{}` is already used at {other}:{pos}", id.value),
            ));
        }
        if self.paths.last().is_none_or(|p| **p != *path) {
            self.paths.push(path.into());
        }
        let file = u32::try_from(self.paths.len() - 1).unwrap_or(u32::MAX);
        self.first.insert(Rc::clone(&id.value), (file, id.pos));
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, flags, question_with};
    use super::*;
    use crate::bank::{Bank, read_bank};

    #[test]
    fn ids_use_a_safe_alphabet() {
        assert_eq!(codes(&[("id: q1", "id: \"q 1\"")]), ["invalid-id"]);
        assert_eq!(codes(&[("id: q1", "id: \"\"")]), ["invalid-id"]);
        assert_eq!(codes(&[("id: q1", "id: tls-1.3_x")]), Vec::<&str>::new());
    }

    #[test]
    fn ids_are_at_most_a_hundred_characters() {
        let long = "x".repeat(MAX_ID_LEN + 1);
        let q = question_with(&[("id: q1", &format!("id: {long}"))]);
        assert!(flags(id_is_short, &q));
        let q = question_with(&[("id: q1", &format!("id: {}", &long[1..]))]);
        assert!(!flags(id_is_short, &q));
    }

    #[test]
    fn an_id_is_used_once_across_banks() {
        let text = "questions:\n  - id: same\n    question: Q?\n    choices: [a, b]\n    answer: A\n    explanation: E.\n    references: [{url: https://example.org}]\n";
        let mut diags = Vec::new();
        let banks: Vec<Bank> = ["a.yaml", "b.yaml"]
            .iter()
            .filter_map(|p| read_bank(p, text.as_bytes(), &mut diags))
            .collect();
        let found: Vec<Diagnostic> = super::super::run(&banks)
            .into_iter()
            .filter(|d| d.code == "duplicate-id")
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "b.yaml");
        assert_eq!(found[0].message, "id `same` is already used at a.yaml:2:9");
    }
}
