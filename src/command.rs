//! What each subcommand does, given a plain configuration (no clap types here).

use crate::bank::{self, Loaded};
use crate::check::{self, render::Format};
use crate::exit::ExitStatus;
use crate::paint::Paint;
use crate::quiz::{self, Scoring, Session};
use crate::report;
use crate::ui::{self, Front, LineFront, TerminalFront};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Problems that stop a command before it can do its work: exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] bank::Error),
    #[error("cannot write output")]
    Output(#[source] io::Error),
    #[error("cannot write the report to {}", path.display())]
    Report {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// `quiz check`'s settings.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    pub paths: Vec<PathBuf>,
    pub strict: bool,
    pub format: Format,
    pub color: bool,
}

/// Loads `paths`, or `questions/` when there are none.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, bank::Error> {
    if paths.is_empty() {
        bank::load_paths(&[PathBuf::from("questions")])
    } else {
        bank::load_paths(paths)
    }
}

/// Checks the banks and writes the report; fails on errors, or warnings when strict.
pub fn check(config: &CheckConfig, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let loaded = load(&config.paths)?;
    let report = check::check(&loaded);
    let bytes = config.format.renderer(config.color).render(&report);
    out.write_all(&bytes).map_err(Error::Output)?;
    Ok(if report.fails(config.strict) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// `quiz run`'s settings.
#[derive(Debug, Clone, Default)]
pub struct RunConfig {
    /// Bank files or directories; empty means the built-in bank.
    pub paths: Vec<PathBuf>,
    /// None draws a seed, which the summary and report print.
    pub seed: Option<u64>,
    pub shuffle: bool,
    pub scoring: Scoring,
    pub count: Option<usize>,
    pub tags: Vec<String>,
    pub report: Option<PathBuf>,
    /// Use the dialoguer front (stdin and stdout are terminals).
    pub interactive: bool,
    pub color: bool,
}

/// Asks the questions, then prints the summary and writes the report.
pub fn run(config: &RunConfig, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let loaded = if config.paths.is_empty() {
        bank::load_builtin()
    } else {
        bank::load_paths(&config.paths)?
    };
    let checked = check::check(&loaded);
    if checked.errors() > 0 {
        let only_errors = check::Report {
            diagnostics: checked
                .diagnostics
                .into_iter()
                .filter(|d| d.is_error())
                .collect(),
            ..checked
        };
        let text = Format::Human.renderer(false).render(&only_errors);
        err.write_all(&text).map_err(Error::Output)?;
        writeln!(
            err,
            "quiz: the banks have errors; fix them first (`quiz check` shows the same list)"
        )
        .map_err(Error::Output)?;
        return Ok(ExitStatus::Failure);
    }
    // Fail now, not after a long quiz, if the report cannot be written.
    if let Some(path) = &config.report {
        open_report(path, false)?;
    }
    let options = quiz::Options {
        seed: config.seed.unwrap_or_else(random_seed),
        shuffle: config.shuffle,
        scoring: config.scoring,
        count: config.count,
        tags: config.tags.clone(),
    };
    let session = match Session::new(&loaded.banks, options) {
        Ok(session) => session,
        Err(e) => {
            writeln!(err, "quiz: {e}").map_err(Error::Output)?;
            return Ok(ExitStatus::Failure);
        }
    };
    let paint = Paint {
        color: config.color,
    };
    let summary = if config.interactive {
        ui::drive(session, &mut TerminalFront::new(paint))
    } else {
        let stdin = io::stdin();
        let echo = !stdin.is_terminal();
        let mut front = LineFront::new(stdin.lock(), io::stdout().lock(), paint, echo);
        ui::drive(session, &mut front as &mut dyn Front)
    }
    .map_err(Error::Output)?;
    if let Some(path) = &config.report {
        open_report(path, true)?
            .write_all(&report::to_json(&summary))
            .map_err(|source| Error::Report {
                path: path.clone(),
                source,
            })?;
    }
    Ok(ExitStatus::Success)
}

fn open_report(path: &Path, truncate: bool) -> Result<std::fs::File, Error> {
    std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(truncate)
        .open(path)
        .map_err(|source| Error::Report {
            path: path.to_owned(),
            source,
        })
}

/// A fresh seed, short enough to type back in: from the OS-seeded hasher keys,
/// so no extra dependency is needed for it.
fn random_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now()) % 1_000_000
}
