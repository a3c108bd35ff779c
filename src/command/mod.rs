//! What each subcommand does, given a plain configuration (no clap types here).
//! One file per subcommand; this module holds what they share.

mod author;
mod check;
mod convert;
mod empty;
mod new;
mod resume;
mod rfc;
mod run;
mod serve;
mod sitting;
mod stats;

pub use author::{list, schema, show};
pub use check::{CheckConfig, check, files};
pub use convert::{ExportConfig, ImportConfig, export, import};
pub use new::{NewConfig, new};
pub use rfc::{FetchConfig, fetch};
pub use run::{RunConfig, run};
pub use serve::{ServeConfig, serve};
pub use sitting::{HistoryConfig, REVIEW_COUNT, Selection};
pub use stats::{StatsConfig, stats};

use crate::bank::{self, Loaded};
use crate::blueprint::{self, Blueprint};
use crate::check::render::Format;
use crate::diagnostic::Diagnostic;
use crate::store;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Problems that stop a command before it can do its work: exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] bank::Error),
    #[error("cannot write output")]
    Output(#[source] io::Error),
    #[error(transparent)]
    History(#[from] store::Error),
    #[error(transparent)]
    Rfc(#[from] crate::rfc::Error),
    #[error(transparent)]
    Fetch(#[from] crate::rfc::fetch::Error),
    #[error(transparent)]
    Levels(#[from] crate::check::levels::Error),
    #[error("{0:?} is not an RFC number: give numbers such as 8446")]
    NotAnRfcNumber(String),
    #[error(
        "no data directory is known on this system: give one with --data-dir or $QUIZ_DATA_DIR"
    )]
    NoDataDir,
    #[error("{} already exists: give --force to replace it, or another name", .0.display())]
    Exists(PathBuf),
    #[error(
        "no PATH given, and there is no `questions` folder here to check by default: give the bank files or folders to check, such as `quiz check banks/`"
    )]
    NoDefaultBanks,
    #[error("--root {}: no such folder: give the repository's root folder", .0.display())]
    NoRoot(PathBuf),
    #[error("cannot listen on {addr}: give another address or port with --listen")]
    Listen {
        addr: std::net::SocketAddr,
        #[source]
        source: io::Error,
    },
    #[error("the server stopped")]
    Serve(#[source] io::Error),
    #[error("cannot write to {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// The data directory: `explicit` (from `--data-dir` or `$QUIZ_DATA_DIR`), else
/// the platform's (`~/.local/share/quiz` on Linux).
pub(crate) fn data_dir(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(dir) => Some(dir.to_owned()),
        None => dirs::data_dir().map(|d| d.join("quiz")),
    }
}

pub(crate) fn load_or_builtin(paths: &[PathBuf]) -> Result<Loaded, Error> {
    Ok(if paths.is_empty() {
        bank::load_builtin()
    } else {
        bank::load_paths(paths)?
    })
}

/// Refuses banks with errors, printing them as `check` would. True when refused.
pub(crate) fn refuse_errors(loaded: &Loaded, err: &mut dyn Write) -> Result<bool, Error> {
    let errors_only = crate::check::Config {
        errors_only: true,
        ..Default::default()
    };
    let checked = crate::check::check_with(loaded, &errors_only);
    if checked.errors() == 0 {
        return Ok(false);
    }
    print_errors(checked, err)?;
    writeln!(
        err,
        "quiz: the banks have errors; fix them first (`quiz check` shows the same list)"
    )
    .map_err(Error::Output)?;
    Ok(true)
}

/// The errors of `report` (not its warnings), as `check` prints them.
fn print_errors(report: crate::check::Report, err: &mut dyn Write) -> Result<(), Error> {
    let only_errors = crate::check::Report {
        diagnostics: report
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect(),
        ..report
    };
    let text = Format::Human.renderer(false).render(&only_errors);
    err.write_all(&text).map_err(Error::Output)
}

/// Reads the blueprint at `path`; one with errors is refused, its errors printed
/// as `check` prints them. None when refused.
pub(crate) fn load_blueprint(path: &Path, err: &mut dyn Write) -> Result<Option<Blueprint>, Error> {
    let read = blueprint::load(path)?;
    let errors = read.errors();
    if let (0, Some(blueprint)) = (errors, read.blueprint) {
        return Ok(Some(blueprint));
    }
    let report = crate::check::Report {
        files: 1,
        questions: 0,
        diagnostics: read.diagnostics,
        unchecked: Vec::new(),
        rfc_dir: None,
    };
    print_errors(report, err)?;
    writeln!(
        err,
        "quiz: the blueprint has errors; fix them first (`quiz check {}` shows the same list)",
        crate::safe::line(&path.display().to_string())
    )
    .map_err(Error::Output)?;
    Ok(None)
}

/// Creates `path` for writing, refusing to replace an existing file unless `force`
/// (then it is emptied first).
pub(crate) fn create_output(path: &Path, force: bool) -> Result<std::fs::File, Error> {
    std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .create_new(!force)
        .truncate(true)
        .open(path)
        .map_err(|source| {
            if source.kind() == io::ErrorKind::AlreadyExists {
                Error::Exists(path.to_owned())
            } else {
                Error::Write {
                    path: path.to_owned(),
                    source,
                }
            }
        })
}

/// Opens `path` for writing, creating it; `truncate` empties it first.
pub(crate) fn open_for_writing(path: &Path, truncate: bool) -> Result<std::fs::File, Error> {
    std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .truncate(truncate)
        .open(path)
        .map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
}
