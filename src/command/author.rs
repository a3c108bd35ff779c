//! What authors look at: `quiz list`, `quiz show` and `quiz schema`.

use super::{Error, load_or_builtin};
use crate::bank::{self, Loaded};
use crate::exit::ExitStatus;
use crate::paint::Paint;
use crate::report;
use crate::safe;
use std::io::Write;
use std::path::PathBuf;

/// Loads banks for looking at them (`list`, `show`): problems do not stop it, but
/// the count of errors is said, pointing at `quiz check`.
fn load_for_authors(paths: &[PathBuf], err: &mut dyn Write) -> Result<Loaded, Error> {
    let loaded = load_or_builtin(paths)?;
    let errors_only = crate::check::Config {
        errors_only: true,
        ..Default::default()
    };
    let errors = crate::check::check_with(&loaded, &errors_only).errors();
    if errors > 0 {
        writeln!(
            err,
            "quiz: warning: the banks have {errors} error{}; `quiz check` lists them",
            if errors == 1 { "" } else { "s" }
        )
        .map_err(Error::Output)?;
    }
    Ok(loaded)
}

/// `quiz list`: each bank with its title and question count, then the tags.
pub fn list(
    paths: &[PathBuf],
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let loaded = load_for_authors(paths, err)?;
    out.write_all(report::bank::list(&loaded.banks, Paint { color }).as_bytes())
        .map_err(Error::Output)?;
    Ok(ExitStatus::Success)
}

/// `quiz show ID`: one question as its author reviews it.
pub fn show(
    id: &str,
    paths: &[PathBuf],
    color: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let loaded = load_for_authors(paths, err)?;
    let found = loaded
        .banks
        .iter()
        .flat_map(|b| b.questions.iter().map(move |q| (b, q)))
        .find(|(_, q)| q.id.value == id);
    let Some((bank, question)) = found else {
        let ids: Vec<&str> = loaded
            .banks
            .iter()
            .flat_map(|b| &b.questions)
            .map(|q| q.id.value.as_str())
            .collect();
        let hint = crate::diagnostic::suggest(id, &ids)
            .map(|near| format!("; did you mean `{}`?", safe::line(near)))
            .unwrap_or_default();
        writeln!(
            err,
            "quiz: no question has the id `{}`{hint}",
            safe::line(id)
        )
        .map_err(Error::Output)?;
        return Ok(ExitStatus::Failure);
    };
    out.write_all(report::bank::show(bank, question, Paint { color }).as_bytes())
        .map_err(Error::Output)?;
    Ok(ExitStatus::Success)
}

/// `quiz schema`: the JSON Schema of the bank format, or of exam blueprints.
pub fn schema(blueprint: bool, out: &mut dyn Write) -> Result<ExitStatus, Error> {
    let schema = if blueprint {
        crate::blueprint::json_schema()
    } else {
        bank::json_schema(&crate::check::rules::question_warnings())
    };
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    out.write_all(text.as_bytes()).map_err(Error::Output)?;
    Ok(ExitStatus::Success)
}
