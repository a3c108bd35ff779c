//! A problem found in a bank file, with the position it points at.
//!
//! Loading and the check rules both produce [`Diagnostic`]s; the renderers in
//! `check::render` turn them into text for people, JSON, or CI annotations.

use serde::Serialize;
use std::fmt;

/// A 1-based line and column in a source file, as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One finding: where it is, how bad it is, which rule found it and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub line: u32,
    #[serde(rename = "column")]
    pub col: u32,
    pub severity: Severity,
    /// A stable rule code such as `unknown-key`, for scripts and suppressions.
    pub code: &'static str,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: &str, pos: Pos, code: &'static str, message: impl Into<String>) -> Self {
        Self::new(path, pos, Severity::Error, code, message)
    }

    pub fn warning(path: &str, pos: Pos, code: &'static str, message: impl Into<String>) -> Self {
        Self::new(path, pos, Severity::Warning, code, message)
    }

    pub fn new(
        path: &str,
        pos: Pos,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.to_owned(),
            line: pos.line,
            col: pos.col,
            severity,
            code,
            message: message.into(),
        }
    }

    pub fn pos(&self) -> Pos {
        Pos::new(self.line, self.col)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// "Did you mean": the candidate closest to `given`, if it is close enough to be a likely typo.
pub fn suggest<'a>(given: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(given, c), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_known_word() {
        let keys = ["question", "explanation", "references"];
        assert_eq!(suggest("explaination", &keys), Some("explanation"));
        assert_eq!(suggest("refrences", &keys), Some("references"));
        assert_eq!(suggest("colour", &keys), None);
    }
}
