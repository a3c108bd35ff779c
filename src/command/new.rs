//! `quiz new`: write a question at the terminal and append it to a bank file.

use super::Error;
use crate::author;
use crate::exit::{ExitStatus, error_chain};
use crate::paint::Paint;
use crate::safe;
use std::io::Write;
use std::path::PathBuf;

/// `quiz new`'s settings.
#[derive(Debug, Clone, Default)]
pub struct NewConfig {
    /// The bank to append to; None prints the question's YAML instead.
    pub file: Option<PathBuf>,
    pub color: bool,
}

pub fn new(
    config: &NewConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let paint = Paint {
        color: config.color,
    };
    let draft = match crate::ui::author::new_question(config.file.as_deref(), paint) {
        Ok(Some(draft)) => draft,
        Ok(None) => {
            writeln!(err, "quiz: cancelled; nothing was written").map_err(Error::Output)?;
            return Ok(ExitStatus::Failure);
        }
        Err(e) => {
            writeln!(err, "quiz: {}", safe::line(&e.to_string())).map_err(Error::Output)?;
            return Ok(ExitStatus::Usage);
        }
    };
    match &config.file {
        None => out
            .write_all(author::to_yaml_item(&draft, 2).as_bytes())
            .map_err(Error::Output)?,
        Some(path) => {
            let default_title = path.file_stem().map_or_else(
                || "Questions".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            );
            if let Err(e) = author::append(path, &draft, &default_title) {
                writeln!(err, "quiz: {}", safe::line(&error_chain(&e))).map_err(Error::Output)?;
                return Ok(ExitStatus::Failure);
            }
            writeln!(err, "quiz: added `{}` to {}", draft.id, path.display())
                .map_err(Error::Output)?;
        }
    }
    Ok(ExitStatus::Success)
}
