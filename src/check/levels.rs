//! How severe each rule is in one run: `--allow CODE` silences a warning and
//! `--deny CODE` makes one an error, as in clippy. A question's own `allow` wins
//! over both, for that question.

use super::rules::{self, Rule};
use crate::diagnostic::{Severity, suggest};

/// The run's `--allow` and `--deny` codes, checked against the registry.
#[derive(Debug, Default, Clone)]
pub struct Levels {
    allowed: Vec<&'static str>,
    denied: Vec<&'static str>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("--{flag} {code}: no rule has this code; {hint}")]
    Unknown {
        flag: &'static str,
        code: String,
        hint: String,
    },
    #[error("--allow {0}: `{0}` is an error, and --allow silences only warnings")]
    NotAWarning(&'static str),
    #[error("`{0}` is given to both --allow and --deny")]
    Both(&'static str),
}

impl Levels {
    pub fn new(allow: &[String], deny: &[String]) -> Result<Levels, Error> {
        let known = |flag: &'static str, code: &String| {
            rules::find(code.trim()).ok_or_else(|| Error::Unknown {
                flag,
                code: code.clone(),
                hint: suggest(code.trim(), &rules::codes())
                    .map(|near| format!("did you mean `{near}`?"))
                    .unwrap_or_else(|| "docs/rules.md lists every rule".to_owned()),
            })
        };
        let mut levels = Levels::default();
        for code in allow {
            let rule = known("allow", code)?;
            if rule.severity == Severity::Error {
                return Err(Error::NotAWarning(rule.code));
            }
            levels.allowed.push(rule.code);
        }
        for code in deny {
            let rule = known("deny", code)?;
            if levels.allowed.contains(&rule.code) {
                return Err(Error::Both(rule.code));
            }
            levels.denied.push(rule.code);
        }
        Ok(levels)
    }

    pub fn is_allowed(&self, code: &str) -> bool {
        self.allowed.contains(&code)
    }

    pub fn is_denied(&self, code: &str) -> bool {
        self.denied.contains(&code)
    }

    /// The severity of a finding of `rule`, or None when it is silenced;
    /// `allowed_here` when the question's own `allow` names the rule.
    pub fn severity(&self, rule: &Rule, allowed_here: bool) -> Option<Severity> {
        self.severity_of(rule, rule.severity, allowed_here)
    }

    /// As [`Self::severity`], for a finding that its rule reports at `found`
    /// (a rule registered as an error may report some findings as warnings: those
    /// follow `--deny`; an error rule cannot be allowed).
    pub fn severity_of(
        &self,
        rule: &Rule,
        found: Severity,
        allowed_here: bool,
    ) -> Option<Severity> {
        match found {
            Severity::Error => Some(Severity::Error),
            Severity::Warning if allowed_here || self.is_allowed(rule.code) => None,
            Severity::Warning if self.is_denied(rule.code) => Some(Severity::Error),
            Severity::Warning => Some(Severity::Warning),
        }
    }

    /// The severity of a finding reported under `code` outside the rules (while
    /// loading): as registered, after `--allow` and `--deny`.
    pub fn apply(&self, code: &str, severity: Severity) -> Option<Severity> {
        match severity {
            Severity::Warning if self.is_allowed(code) => None,
            Severity::Warning if self.is_denied(code) => Some(Severity::Error),
            other => Some(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(codes: &[&str]) -> Vec<String> {
        codes.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn unknown_codes_are_refused_with_a_suggestion() {
        let err = Levels::new(&strings(&["negative-stems"]), &[]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--allow negative-stems: no rule has this code; did you mean `negative-stem`?"
        );
        let err = Levels::new(&[], &strings(&["colour"])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--deny colour: no rule has this code; docs/rules.md lists every rule"
        );
    }

    #[test]
    fn errors_cannot_be_allowed_and_a_code_has_one_level() {
        assert_eq!(
            Levels::new(&strings(&["duplicate-id"]), &[]).unwrap_err(),
            Error::NotAWarning("duplicate-id")
        );
        assert_eq!(
            Levels::new(&strings(&["negative-stem"]), &strings(&["negative-stem"])).unwrap_err(),
            Error::Both("negative-stem")
        );
    }

    #[test]
    fn allow_silences_and_deny_raises_warnings() {
        let rule = rules::find("negative-stem").unwrap();
        let levels = Levels::new(&[], &strings(&["negative-stem"])).unwrap();
        assert_eq!(levels.severity(rule, false), Some(Severity::Error));
        assert_eq!(
            levels.severity(rule, true),
            None,
            "the question's allow wins"
        );
        let levels = Levels::new(&strings(&["negative-stem"]), &[]).unwrap();
        assert_eq!(levels.severity(rule, false), None);
        let error = rules::find("duplicate-id").unwrap();
        assert_eq!(levels.severity(error, true), Some(Severity::Error));
    }
}
