//! `quiz stats`: progress from the history.

use super::{Error, HistoryConfig, load_blueprint, load_or_builtin};
use crate::blueprint::Blueprint;
use crate::blueprint::readiness::{self, Readiness};
use crate::exit::ExitStatus;
use crate::paint::Paint;
use crate::quiz::{Clock, SystemClock};
use crate::report;
use crate::store::History;
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

/// `quiz stats`'s settings.
#[derive(Debug, Clone, Default)]
pub struct StatsConfig {
    pub paths: Vec<PathBuf>,
    /// Readiness for this blueprint's exam instead of the progress report.
    pub blueprint: Option<PathBuf>,
    pub json: bool,
    pub data_dir: Option<PathBuf>,
    pub color: bool,
}

/// Progress from the history, over the banks at `paths` (or the built-in bank).
pub fn stats(
    config: &StatsConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    if let Some(path) = &config.blueprint {
        return readiness(config, path, out, err);
    }
    let loaded = load_or_builtin(&config.paths)?;
    let history = HistoryConfig {
        enabled: true,
        data_dir: config.data_dir.clone(),
    }
    .open()?;
    let stats = stats_of(&loaded.banks, &history, SystemClock.now())?;
    print(
        config,
        out,
        || report::stats::to_json(&stats),
        |paint| report::stats::to_text(&stats, paint),
    )
}

/// Writes the JSON or the text, as `--json` asks.
fn print(
    config: &StatsConfig,
    out: &mut dyn Write,
    json: impl FnOnce() -> Vec<u8>,
    text: impl FnOnce(Paint) -> String,
) -> Result<ExitStatus, Error> {
    let bytes = if config.json {
        json()
    } else {
        text(Paint {
            color: config.color,
        })
        .into_bytes()
    };
    out.write_all(&bytes).map_err(Error::Output)?;
    Ok(ExitStatus::Success)
}

/// `quiz stats --blueprint FILE`: readiness for the blueprint's exam, over its
/// banks (or the banks at `paths`).
fn readiness(
    config: &StatsConfig,
    path: &std::path::Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let Some(blueprint) = load_blueprint(path, err)? else {
        return Ok(ExitStatus::Failure);
    };
    let loaded = if config.paths.is_empty() {
        blueprint.load_banks()?
    } else {
        load_or_builtin(&config.paths)?
    };
    let history = HistoryConfig {
        enabled: true,
        data_dir: config.data_dir.clone(),
    }
    .open()?;
    let readiness = readiness_of(&blueprint, &loaded.banks, &history)?;
    print(
        config,
        out,
        || report::readiness::to_json(&readiness),
        |paint| report::readiness::to_text(&readiness, &shell_word(path), paint),
    )
}

/// Progress over `banks` from the history.
pub(super) fn stats_of(
    banks: &[crate::bank::Bank],
    history: &History,
    now: std::time::SystemTime,
) -> Result<report::stats::Stats, Error> {
    Ok(report::stats::compute(
        banks,
        &history.answers()?,
        &history.shown_all()?,
        &history.sessions()?,
        now,
    ))
}

/// Readiness for `blueprint`'s exam over `banks`, from the history.
pub(super) fn readiness_of(
    blueprint: &Blueprint,
    banks: &[crate::bank::Bank],
    history: &History,
) -> Result<Readiness, Error> {
    // A blank answer counts where its question was shown (and not known);
    // an exam question left unanswered and never opened is not seen.
    let shown: HashSet<(i64, String)> = history
        .shown_all()?
        .into_iter()
        .filter(|s| s.shown)
        .map(|s| (s.session, s.question_id))
        .collect();
    let mut answers = history.answers()?;
    answers.retain(|a| !a.given.is_empty() || shown.contains(&(a.session, a.question_id.clone())));
    Ok(readiness::compute(blueprint, banks, &answers))
}

/// `path` as one word that a shell reads back as it is.
fn shell_word(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+,:=@".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;
    use std::path::Path;

    #[test]
    fn a_path_is_quoted_only_when_a_shell_would_split_it() {
        assert_eq!(
            shell_word(Path::new("blueprints/tls.yaml")),
            "blueprints/tls.yaml"
        );
        assert_eq!(
            shell_word(Path::new("my exams/a.yaml")),
            "'my exams/a.yaml'"
        );
        assert_eq!(shell_word(Path::new("it's.yaml")), r"'it'\''s.yaml'");
    }
}
