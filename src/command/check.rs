//! `quiz check`: find the files, check them, render, and decide the exit status.

use super::Error;
use crate::bank;
use crate::check::render::sarif::{self, Sarif, uri::Uris};
use crate::check::render::{Format, Render};
use crate::check::{self, Levels};
use crate::exit::ExitStatus;
use crate::rfc::Library;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `quiz check` reads when given no path.
pub const DEFAULT_FOLDER: &str = "questions";

/// `quiz check`'s settings.
#[derive(Debug, Clone, Default)]
pub struct CheckConfig {
    pub paths: Vec<PathBuf>,
    pub strict: bool,
    pub format: Format,
    pub color: bool,
    /// `--rfc-dir` or `$QUIZ_RFC_DIR`: must exist.
    pub rfc_dir: Option<PathBuf>,
    /// `$QUIZ_DATA_DIR`; None means the platform's. Its `rfc/` is used when it
    /// exists and no `rfc_dir` is given.
    pub data_dir: Option<PathBuf>,
    pub allow: Vec<String>,
    pub deny: Vec<String>,
    /// `--root`: the folder SARIF's URIs are relative to [default: the git work
    /// tree holding each file, else the working directory].
    pub root: Option<PathBuf>,
}

impl CheckConfig {
    /// The RFC texts to check citations against, parsed once for the run.
    fn library(&self) -> Result<Option<Library>, Error> {
        if let Some(dir) = &self.rfc_dir {
            return Ok(Some(Library::open(dir)?));
        }
        match super::data_dir(self.data_dir.as_deref()) {
            Some(data) if data.join("rfc").is_dir() => Ok(Some(Library::open(&data.join("rfc"))?)),
            _ => Ok(None),
        }
    }
}

/// The bank files to check: those at `paths`, or under `questions/` when there
/// are none; each once.
pub fn files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, bank::Error> {
    if paths.is_empty() {
        bank::bank_files(&[PathBuf::from(DEFAULT_FOLDER)])
    } else {
        bank::bank_files(paths)
    }
}

/// Checks the banks (and the exam blueprints among the files) and writes the
/// report; fails on errors, or warnings when strict. A check that cannot run
/// writes, in SARIF, a log that says why (the caller tells the error too).
pub fn check(config: &CheckConfig, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let (report, files) = match checked(config) {
        Ok(checked) => checked,
        Err(e) => {
            if config.format == Format::Sarif {
                let log = sarif::failed(&crate::exit::error_chain(&e));
                out.write_all(&log).map_err(Error::Output)?;
            }
            return Err(e);
        }
    };
    let bytes = match config.format {
        Format::Sarif => {
            let cwd = std::env::current_dir().unwrap_or_default();
            let uris = Uris::find(&files, &cwd, config.root.as_deref());
            Sarif { uris }.render(&report)
        }
        format => format.renderer(config.color).render(&report),
    };
    out.write_all(&bytes).map_err(Error::Output)?;
    Ok(if report.fails(config.strict) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// The report on the files to check, and the files.
fn checked(config: &CheckConfig) -> Result<(check::Report, Vec<PathBuf>), Error> {
    if config.paths.is_empty() && !Path::new(DEFAULT_FOLDER).exists() {
        return Err(Error::NoDefaultBanks);
    }
    if let Some(root) = &config.root
        && !root.is_dir()
    {
        return Err(Error::NoRoot(root.clone()));
    }
    let levels = Levels::new(&config.allow, &config.deny)?;
    let files = match files(&config.paths) {
        Ok(files) => files,
        Err(e) => {
            // A bad RFC folder is said first, as when it was opened first.
            config.library()?;
            return Err(e.into());
        }
    };
    // The RFC texts are parsed while the first files are read.
    let report = check::check_files_with(&files, || {
        Ok::<_, Error>(check::Config {
            levels,
            library: config.library()?,
            errors_only: false,
            imported: false,
        })
    })?;
    Ok((report, files))
}
