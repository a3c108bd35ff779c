//! `quiz check`: the rules run over loaded banks, and the report they make.
//!
//! The rules are a registry in [`rules`], one small function each; [`levels`]
//! holds the run's `--allow` and `--deny`; renderers for people, JSON, GitHub
//! Actions and SARIF live in [`render`], one per file. Each file is checked alone,
//! files on several threads at once ([`check_files`]), and what the cross-file
//! rules need of it is folded in, in file order, so the report does not depend on
//! the threads.

pub mod levels;
pub mod render;
pub mod rules;

pub use levels::Levels;

use crate::bank::{self, Content, Loaded};
use crate::blueprint;
use crate::diagnostic::{Diagnostic, Severity};
use crate::parallel::{self, Next};
use crate::report::plural;
use crate::rfc::Library;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

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
    /// `found` at this run's severities (`--allow`, `--deny`), the allowed left out.
    fn apply(&self, found: impl Iterator<Item = Diagnostic>) -> Vec<Diagnostic> {
        found
            .filter_map(|d| {
                let severity = self.levels.apply(d.code, d.severity)?;
                Some(Diagnostic { severity, ..d })
            })
            .collect()
    }

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

/// Runs every rule over banks already loaded and returns the report, including the
/// problems found while loading. Diagnostics keep file order, and within a file go
/// by position; a cross-file finding is at the later question.
pub fn check_with(loaded: &Loaded, config: &Config) -> Report {
    let mut run = Run::new(config);
    run.load = config.apply(loaded.diagnostics.iter().cloned());
    run.paths.clone_from(&loaded.paths);
    parallel::for_each_ordered(
        &loaded.banks,
        parallel::threads(),
        |bank| (bank.path.as_str(), rules::check_file(bank, config)),
        |(path, found)| {
            run.add_bank(path, found);
            Next::More
        },
    );
    run.questions = loaded.question_count();
    run.finish()
}

/// Reads and checks the files `files` ([`bank::bank_files`]) on several threads
/// ([`parallel`]). Each file is read, parsed, checked and reduced to what the
/// cross-file rules need before its tree is dropped, so memory grows with the
/// largest file and the ids and fingerprints of the run, not with the bank's text.
/// The report is the same as [`check_with`]'s on the same files, whatever the
/// number of threads.
pub fn check_files(files: &[PathBuf], config: &Config) -> Result<Report, bank::Error> {
    let mut run = Run::new(config);
    let mut failed = None;
    parallel::for_each_ordered(
        files,
        parallel::threads(),
        |path| check_file_at(path, config),
        |checked| match checked {
            Ok(checked) => {
                run.add(checked);
                Next::More
            }
            Err(e) => {
                failed = Some(e);
                Next::Stop
            }
        },
    );
    match failed {
        Some(e) => Err(e),
        None => Ok(run.finish()),
    }
}

/// What the report keeps of one file.
struct Checked {
    path: String,
    /// The problems found reading it, at the run's severities.
    load: Vec<Diagnostic>,
    /// A blueprint's problems, at the run's severities.
    blueprint: Vec<Diagnostic>,
    found: rules::FileCheck,
    questions: usize,
}

fn check_file_at(path: &Path, config: &Config) -> Result<Checked, bank::Error> {
    let file = bank::read_file(path)?;
    let mut checked = Checked {
        load: config.apply(file.diagnostics.into_iter()),
        blueprint: Vec::new(),
        found: rules::FileCheck::default(),
        questions: 0,
        path: file.path,
    };
    match &file.content {
        Content::Bank(bank) => {
            checked.found = rules::check_file(bank, config);
            checked.questions = bank.questions.len();
        }
        Content::Blueprint(root) => {
            let mut found = Vec::new();
            if let Some(blueprint) = blueprint::read(&checked.path, root, &mut found) {
                found.extend(blueprint::check(&blueprint));
            }
            checked.blueprint = config.apply(found.into_iter());
        }
        Content::Nothing => {}
    }
    Ok(checked)
}

/// A check's findings so far, gathered file by file in order.
struct Run<'c> {
    across: rules::Across<'c>,
    config: &'c Config,
    paths: Vec<String>,
    load: Vec<Diagnostic>,
    blueprint: Vec<Diagnostic>,
    rules: Vec<Diagnostic>,
    unchecked: BTreeMap<u32, usize>,
    questions: usize,
}

impl<'c> Run<'c> {
    fn new(config: &'c Config) -> Self {
        Run {
            across: rules::Across::new(config),
            config,
            paths: Vec::new(),
            load: Vec::new(),
            blueprint: Vec::new(),
            rules: Vec::new(),
            unchecked: BTreeMap::new(),
            questions: 0,
        }
    }

    fn add(&mut self, checked: Checked) {
        self.load.extend(checked.load);
        self.blueprint.extend(checked.blueprint);
        self.add_bank(&checked.path, checked.found);
        self.questions += checked.questions;
        self.paths.push(checked.path);
    }

    /// The findings of the next bank, and what the cross-file rules keep of it.
    fn add_bank(&mut self, path: &str, found: rules::FileCheck) {
        self.rules.extend(found.diagnostics);
        self.rules.extend(self.across.add(path, found.seen));
        for (rfc, n) in found.unchecked {
            *self.unchecked.entry(rfc).or_default() += n;
        }
    }

    fn finish(self) -> Report {
        let mut diagnostics = self.load;
        diagnostics.extend(self.blueprint);
        diagnostics.extend(self.rules);
        diagnostics.extend(self.across.finish());
        debug_assert!(
            diagnostics.iter().all(|d| rules::find(d.code).is_some()),
            "a diagnostic's code is not in the registry (src/check/rules): {:?}",
            diagnostics
                .iter()
                .find(|d| rules::find(d.code).is_none())
                .map(|d| d.code)
        );
        // Files were read in order; within a file, diagnostics go by position (a
        // stable sort: at the same position, in the order they were found).
        let order: HashMap<&str, usize> = self
            .paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.as_str(), i))
            .collect();
        diagnostics.sort_by_cached_key(|d| (order.get(d.path.as_str()).copied(), d.line, d.col));
        Report {
            files: self.paths.len(),
            questions: self.questions,
            diagnostics,
            unchecked: self.unchecked.into_iter().collect(),
            rfc_dir: self
                .config
                .library
                .as_ref()
                .map(|l| l.dir().display().to_string()),
        }
    }
}
