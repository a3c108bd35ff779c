//! `quiz check`: load, run the rules, render, and decide the exit status.

use super::Error;
use crate::bank::{self, Loaded};
use crate::blueprint;
use crate::check::{self, render::Format};
use crate::diagnostic::Diagnostic;
use crate::exit::ExitStatus;
use std::io::Write;
use std::path::PathBuf;

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

/// Checks the banks (and the exam blueprints among the files) and writes the
/// report; fails on errors, or warnings when strict.
pub fn check(config: &CheckConfig, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let mut loaded = load(&config.paths)?;
    let found = check_blueprints(&loaded);
    loaded.diagnostics.extend(found);
    let report = check::check(&loaded);
    let bytes = config.format.renderer(config.color).render(&report);
    out.write_all(&bytes).map_err(Error::Output)?;
    Ok(if report.fails(config.strict) {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Each blueprint found among the files: its shape, then its banks, tags and
/// shares (`blueprint::check`).
fn check_blueprints(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, root) in &loaded.blueprints {
        if let Some(found) = blueprint::read(path, root, &mut out) {
            out.extend(blueprint::check(&found));
        }
    }
    out
}
