//! `quiz import` and `quiz export`: banks to and from Moodle's GIFT, Aiken and XML.

use super::{Error, load_or_builtin, refuse_errors};
use crate::bank;
use crate::diagnostic::Diagnostic;
use crate::exit::ExitStatus;
use crate::formats::{self, Kind};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `quiz import`'s settings.
#[derive(Debug, Clone)]
pub struct ImportConfig {
    pub from: Kind,
    pub input: PathBuf,
    /// None writes to standard output.
    pub output: Option<PathBuf>,
    /// Replace `output` if it exists.
    pub force: bool,
}

/// `quiz export`'s settings.
#[derive(Debug, Clone)]
pub struct ExportConfig {
    pub to: Kind,
    /// Empty means the built-in bank.
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub force: bool,
}

/// `PATH:LINE: message`, as the import and export warnings and errors read.
fn say(err: &mut dyn Write, d: &Diagnostic) -> Result<(), Error> {
    let severity = if d.is_error() { "error" } else { "warning" };
    writeln!(err, "{}:{}: {severity}: {}", d.path, d.line, d.message).map_err(Error::Output)
}

/// Writes `text` to `output` (refusing to replace a file unless `force`) or to `out`.
fn deliver(
    text: &str,
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let Some(path) = output else {
        return out.write_all(text.as_bytes()).map_err(Error::Output);
    };
    let write_err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .create_new(!force)
        .truncate(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Exists(path.to_owned())
            } else {
                write_err(e)
            }
        })?;
    file.write_all(text.as_bytes()).map_err(write_err)
}

pub fn import(
    config: &ImportConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let shown = config.input.display().to_string();
    let bytes = std::fs::read(&config.input).map_err(|source| {
        Error::Load(match source.kind() {
            std::io::ErrorKind::NotFound => bank::Error::NotFound(config.input.clone()),
            _ => bank::Error::Io {
                path: config.input.clone(),
                source,
            },
        })
    })?;
    let Ok(text) = String::from_utf8(bytes) else {
        writeln!(
            err,
            "{shown}:1: error: the file is not valid UTF-8; save it as UTF-8 and try again"
        )
        .map_err(Error::Output)?;
        return Ok(ExitStatus::Failure);
    };
    let imported = match formats::import(config.from, &shown, &text) {
        Ok(imported) => imported,
        Err(problem) => {
            say(err, &problem)?;
            return Ok(ExitStatus::Failure);
        }
    };
    for w in &imported.warnings {
        say(err, w)?;
    }
    let yaml = formats::to_yaml(&imported.bank);
    // The promise is a bank that `quiz check` accepts: hold the written text to it.
    let mut diags = Vec::new();
    let reread = bank::read_bank(&shown, yaml.as_bytes(), &mut diags);
    diags.extend(crate::check::rules::run(reread.as_slice()));
    if diags.iter().any(Diagnostic::is_error) {
        writeln!(
            err,
            "quiz: the imported bank does not pass `quiz check`; this is a bug in quiz:"
        )
        .map_err(Error::Output)?;
        for d in diags.iter().filter(|d| d.is_error()) {
            writeln!(err, "  {}:{}: {}", d.line, d.col, d.message).map_err(Error::Output)?;
        }
        return Ok(ExitStatus::Failure);
    }
    deliver(&yaml, config.output.as_deref(), config.force, out)?;
    let n = imported.bank.questions.len();
    if let Some(path) = &config.output {
        writeln!(
            err,
            "quiz: imported {n} question{} into {}",
            if n == 1 { "" } else { "s" },
            path.display()
        )
        .map_err(Error::Output)?;
    }
    Ok(ExitStatus::Success)
}

pub fn export(
    config: &ExportConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let loaded = load_or_builtin(&config.paths)?;
    if refuse_errors(&loaded, err)? {
        return Ok(ExitStatus::Failure);
    }
    let exported = formats::export(config.to, &loaded.banks);
    for w in &exported.warnings {
        say(err, w)?;
    }
    deliver(&exported.text, config.output.as_deref(), config.force, out)?;
    Ok(ExitStatus::Success)
}
