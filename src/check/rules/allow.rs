//! `invalid-allow`: a question's `allow` may name only warnings that exist.

use super::{Check, Rule, Sink, codes, find, question_warnings};
use crate::bank::Question;
use crate::check::Config;
use crate::diagnostic::{Severity, Severity::Error, suggest};

pub const INVALID_ALLOW: Rule = Rule {
    code: "invalid-allow",
    severity: Error,
    summary: "an `allow` entry that is not the code of a warning (errors cannot be allowed); the nearest code is suggested",
    flags: "`allow: [negative-stems]`",
    passes: "`allow: [negative-stem]  # the item is about what TLS 1.3 does not do`",
    check: Check::Question(allows_name_warnings),
};

fn allows_name_warnings(q: &Question, _: &Config, s: &mut Sink) {
    for entry in &q.allow {
        let code = entry.value.trim();
        match find(code) {
            Some(rule) if question_warnings().contains(&rule.code) => {}
            Some(rule) if rule.severity == Severity::Warning => s.report(
                &INVALID_ALLOW,
                entry.pos,
                format!(
                    "`{}` is not about questions, so a question cannot allow it",
                    rule.code
                ),
            ),
            Some(rule) => s.report(
                &INVALID_ALLOW,
                entry.pos,
                format!(
                    "`{}` is an error, and `allow` silences only warnings: fix what it finds",
                    rule.code
                ),
            ),
            None => {
                let hint = suggest(code, &codes())
                    .map(|near| format!("did you mean `{near}`?"))
                    .unwrap_or_else(|| "docs/rules.md lists every rule".to_owned());
                s.report(
                    &INVALID_ALLOW,
                    entry.pos,
                    format!("`allow` names no rule `{code}`; {hint}"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{messages, question_with};
    use super::*;

    fn allowing(codes: &str) -> Question {
        question_with(&[("answer: B", &format!("answer: B\n    allow: [{codes}]"))])
    }

    #[test]
    fn allow_names_warnings_only() {
        assert!(messages(allows_name_warnings, &allowing("negative-stem")).is_empty());
        assert_eq!(
            messages(allows_name_warnings, &allowing("negative-stems")),
            ["`allow` names no rule `negative-stems`; did you mean `negative-stem`?"]
        );
        assert_eq!(
            messages(allows_name_warnings, &allowing("duplicate-id")),
            ["`duplicate-id` is an error, and `allow` silences only warnings: fix what it finds"]
        );
        assert_eq!(
            messages(allows_name_warnings, &allowing("unknown-tag")),
            ["`unknown-tag` is not about questions, so a question cannot allow it"]
        );
    }
}
