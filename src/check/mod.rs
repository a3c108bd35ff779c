//! `quiz check`: the rules run over loaded banks, and the report they make.
//!
//! The rules are a registry in [`rules`], one small function each; [`levels`]
//! holds the run's `--allow` and `--deny`; renderers for people, JSON, GitHub
//! Actions and SARIF live in [`render`], one per file. Each file is checked alone, and what
//! the cross-file rules need of it is folded in, in file order.

pub mod levels;
pub mod render;
pub mod rules;

pub use levels::Levels;

use crate::bank::Loaded;
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::plural;
use crate::rfc::Library;
use std::collections::{BTreeMap, HashMap};

/// How a check runs: the severities, and the RFC texts that citations are checked
/// against (none: the citation rules are off).
#[derive(Debug, Default)]
pub struct Config {
    pub levels: Levels,
    pub library: Option<Library>,
    /// Run only what can give an error (for `quiz run`'s refusal of bad banks).
    pub errors_only: bool,
}

impl Config {
    /// Whether `rule` needs to run at all in this run.
    pub fn runs(&self, rule: &rules::Rule) -> bool {
        match rule.severity {
            Severity::Error => true,
            Severity::Warning => {
                !self.levels.is_allowed(rule.code)
                    && (!self.errors_only || self.levels.is_denied(rule.code))
            }
        }
    }
}

/// What a check found: every diagnostic, sorted by file and position, and the counts
/// that the summary line gives.
#[derive(Debug)]
pub struct Report {
    pub files: usize,
    pub questions: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// References to RFCs that are not in the RFC folder, so were not checked:
    /// (RFC, how many), by RFC.
    pub unchecked: Vec<(u32, usize)>,
    /// The RFC folder, as shown, when there was one.
    pub rfc_dir: Option<String>,
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

    /// `3 files, 41 questions: 2 errors, 1 warning`, and which references were
    /// not checked for want of their RFC's text.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "{}, {}: {}, {}",
            plural(self.files, "file"),
            plural(self.questions, "question"),
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning"),
        );
        if !self.unchecked.is_empty() {
            let total: usize = self.unchecked.iter().map(|(_, n)| n).sum();
            let which: Vec<String> = self
                .unchecked
                .iter()
                .map(|(rfc, n)| match n {
                    1 => format!("RFC {rfc}"),
                    n => format!("RFC {rfc} ({n})"),
                })
                .collect();
            let dir = self.rfc_dir.as_deref().unwrap_or("the RFC folder");
            line.push_str(&format!(
                "; {} not checked, to RFCs not in {dir}: {}",
                plural(total, "reference"),
                which.join(", ")
            ));
        }
        line
    }
}

/// Runs every rule over `loaded` with the default settings (no RFC folder).
pub fn check(loaded: &Loaded) -> Report {
    check_with(loaded, &Config::default())
}

/// Runs every rule over `loaded` and returns the report, including the problems
/// found while loading. Diagnostics keep file order, and within a file go by position;
/// a cross-file finding is at the later question.
pub fn check_with(loaded: &Loaded, config: &Config) -> Report {
    let mut diagnostics: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter_map(|d| {
            let severity = config.levels.apply(d.code, d.severity)?;
            Some(Diagnostic {
                severity,
                ..d.clone()
            })
        })
        .collect();
    let mut across = rules::Across::new(config);
    let mut unchecked: BTreeMap<u32, usize> = BTreeMap::new();
    for bank in &loaded.banks {
        let found = rules::check_file(bank, config);
        diagnostics.extend(found.diagnostics);
        diagnostics.extend(across.add(&bank.path, found.seen));
        for (rfc, n) in found.unchecked {
            *unchecked.entry(rfc).or_default() += n;
        }
    }
    diagnostics.extend(across.finish());
    debug_assert!(
        diagnostics.iter().all(|d| rules::find(d.code).is_some()),
        "a diagnostic's code is not in the registry (src/check/rules): {:?}",
        diagnostics
            .iter()
            .find(|d| rules::find(d.code).is_none())
            .map(|d| d.code)
    );
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
        unchecked: unchecked.into_iter().collect(),
        rfc_dir: config
            .library
            .as_ref()
            .map(|l| l.dir().display().to_string()),
    }
}
