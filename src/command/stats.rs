//! `quiz stats`: progress from the history.

use super::{Error, HistoryConfig, load_or_builtin};
use crate::exit::ExitStatus;
use crate::paint::Paint;
use crate::quiz::{Clock, SystemClock};
use crate::report;
use std::io::Write;
use std::path::PathBuf;

/// `quiz stats`'s settings.
#[derive(Debug, Clone, Default)]
pub struct StatsConfig {
    pub paths: Vec<PathBuf>,
    pub json: bool,
    pub data_dir: Option<PathBuf>,
    pub color: bool,
}

/// Progress from the history, over the banks at `paths` (or the built-in bank).
pub fn stats(config: &StatsConfig, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let loaded = load_or_builtin(&config.paths)?;
    let history = HistoryConfig {
        enabled: true,
        data_dir: config.data_dir.clone(),
    }
    .open()?;
    let stats = report::stats::compute(
        &loaded.banks,
        &history.answers()?,
        &history.recent_sessions(10)?,
        SystemClock.now(),
    );
    let bytes = if config.json {
        report::stats::to_json(&stats)
    } else {
        report::stats::to_text(
            &stats,
            Paint {
                color: config.color,
            },
        )
        .into_bytes()
    };
    out.write_all(&bytes).map_err(Error::Output)?;
    Ok(ExitStatus::Success)
}
