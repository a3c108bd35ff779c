//! `quiz check`: the validation rules run over loaded banks, and the report they make.
//!
//! Each rule is a small named function in [`rules`]; renderers for people, JSON and
//! GitHub Actions live in [`render`], one per file.

pub mod render;
pub mod rules;

use crate::bank::Loaded;
use crate::diagnostic::{Diagnostic, Severity};
use std::collections::HashMap;

/// What a check found: every diagnostic, sorted by file and position, and the counts
/// that the summary line gives.
#[derive(Debug)]
pub struct Report {
    pub files: usize,
    pub questions: usize,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether the check fails: any error, or any warning when `strict`.
    pub fn fails(&self, strict: bool) -> bool {
        self.errors() > 0 || (strict && self.warnings() > 0)
    }

    /// `3 files, 41 questions: 2 errors, 1 warning`.
    pub fn summary(&self) -> String {
        format!(
            "{}, {}: {}, {}",
            plural(self.files, "file"),
            plural(self.questions, "question"),
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning"),
        )
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Runs every rule over `loaded` and returns the report, including the problems
/// found while loading. Diagnostics keep file order, and within a file go by position.
pub fn check(loaded: &Loaded) -> Report {
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(rules::run(&loaded.banks));
    // Files were read in order; within a file, diagnostics go by position.
    let order: HashMap<&str, usize> = loaded
        .paths
        .iter()
        .enumerate()
        .map(|(i, p)| (p.as_str(), i))
        .collect();
    diagnostics.sort_by_key(|d| (order.get(d.path.as_str()).copied(), d.line, d.col));
    Report {
        files: loaded.paths.len(),
        questions: loaded.question_count(),
        diagnostics,
    }
}
