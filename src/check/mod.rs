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
use crate::rfc::Library;
use crate::words::plural;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{LazyLock, OnceLock};

/// How a check runs: the severities, and the RFC texts that citations are checked
/// against (none: the citation rules are off).
#[derive(Debug, Default)]
pub struct Config {
    pub levels: Levels,
    pub library: Option<Library>,
    /// Run only what can give an error (for `quiz run`'s refusal of bad banks).
    pub errors_only: bool,
    /// The question was just made by an importer, and its picture is not
    /// written beside a bank yet: the rules that open files pass it.
    pub imported: bool,
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
    let ready = OnceLock::from(Some(config));
    check_when_ready(files, &ready, parallel::threads())
}

/// [`check_files`] with the settings made by `settings` (opening the RFC folder
/// takes a while) on a thread of their own, while the first files are read.
/// An error making the settings wins over one reading the files.
pub fn check_files_with<E>(
    files: &[PathBuf],
    settings: impl FnOnce() -> Result<Config, E> + Send,
) -> Result<Report, E>
where
    E: From<bank::Error> + Send,
{
    let threads = parallel::threads();
    if threads == 1 {
        return Ok(check_files(files, &settings()?)?);
    }
    let made: OnceLock<Option<Config>> = OnceLock::new();
    let ready: OnceLock<Option<&Config>> = OnceLock::new();
    std::thread::scope(|scope| {
        let making = scope.spawn(|| {
            // Set on every way out, a panic included, so that no reader waits for ever.
            let _ready = SetOnDrop(&ready);
            let config = settings()?;
            let config = made.get_or_init(|| Some(config)).as_ref();
            let _ = ready.set(config);
            Ok(())
        });
        let checked = check_when_ready(files, &ready, threads);
        let made = making
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        made.and(checked.map_err(E::from))
    })
}

/// Sets a cell to None when dropped, unless it was set.
struct SetOnDrop<'a, T>(&'a OnceLock<Option<T>>);

impl<T> Drop for SetOnDrop<'_, T> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// Reads the files on `threads` threads and checks each once the settings in
/// `ready` are (None: they could not be made, and nothing is checked).
fn check_when_ready(
    files: &[PathBuf],
    ready: &OnceLock<Option<&Config>>,
    threads: usize,
) -> Result<Report, bank::Error> {
    let mut run: Option<Run> = None;
    let mut failed = None;
    parallel::for_each_ordered(
        files,
        threads,
        |path| {
            let file = bank::read_file(path)?;
            Ok(ready.wait().map(|config| check_read(file, config)))
        },
        |checked: Result<Option<Checked>, bank::Error>| match checked {
            Ok(Some(checked)) => {
                if let Some(config) = ready.get().copied().flatten() {
                    run.get_or_insert_with(|| Run::new(config)).add(checked);
                }
                Next::More
            }
            Ok(None) => Next::Stop,
            Err(e) => {
                failed = Some(e);
                Next::Stop
            }
        },
    );
    if let Some(e) = failed {
        return Err(e);
    }
    Ok(match (run, ready.get().copied().flatten()) {
        (Some(run), _) => run.finish(),
        (None, Some(config)) => Run::new(config).finish(),
        // The settings could not be made; their maker says why.
        (None, None) => Run::new(&EMPTY).finish(),
    })
}

/// The settings of a run that checked nothing.
static EMPTY: LazyLock<Config> = LazyLock::new(Config::default);

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

fn check_read(file: bank::File, config: &Config) -> Checked {
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
    checked
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
        self.rules
            .extend(self.across.add(path, found.seen, found.tags));
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::path::Path;

    /// Three bank files, the third repeating an id of the first.
    fn files() -> (tempfile::TempDir, Vec<PathBuf>) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let bank = |ids: &[&str]| {
            let mut text = String::from("questions:\n");
            for id in ids {
                text.push_str(&format!(
                    "  - id: {id}\n    question: What does {id} carry?\n    choices: [x {id}, y {id}]\n    answer: A\n"
                ));
            }
            text
        };
        let paths: Vec<PathBuf> = [&["a", "b"][..], &["c"], &["a"]]
            .iter()
            .enumerate()
            .map(|(i, ids)| {
                let path = dir.path().join(format!("{i}.yaml"));
                std::fs::write(&path, bank(ids)).expect("write a bank");
                path
            })
            .collect();
        (dir, paths)
    }

    fn human(report: &Report) -> String {
        String::from_utf8_lossy(&render::Format::Human.renderer(false).render(report)).into_owned()
    }

    #[test]
    fn settings_made_alongside_give_the_same_report() {
        let (_dir, paths) = files();
        let alone = check_files(&paths, &Config::default()).expect("a report");
        let alongside =
            check_files_with(&paths, || Ok::<_, bank::Error>(Config::default())).expect("a report");
        assert_eq!(human(&alongside), human(&alone));
        assert!(
            human(&alone).contains("[duplicate-id]"),
            "{}",
            human(&alone)
        );
    }

    #[test]
    fn an_error_making_the_settings_wins_and_nothing_waits_for_ever() {
        let (_dir, mut paths) = files();
        let failed = check_files_with(&paths, || Err(bank::Error::NotFound("rfc".into())));
        assert!(matches!(failed, Err(bank::Error::NotFound(p)) if p == Path::new("rfc")));
        paths.push("missing.yaml".into());
        let failed = check_files_with(&paths, || Err(bank::Error::NotFound("rfc".into())));
        assert!(matches!(failed, Err(bank::Error::NotFound(p)) if p == Path::new("rfc")));
        let panicked = catch_unwind(AssertUnwindSafe(|| {
            check_files_with(&paths, || -> Result<Config, bank::Error> {
                panic!("the settings could not be made")
            })
        }));
        assert!(panicked.is_err());
    }
}
