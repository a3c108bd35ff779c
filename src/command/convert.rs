//! `quiz import` and `quiz export`: banks to and from Moodle's GIFT, Aiken and XML,
//! QTI packages, Anki, CSV and exam-dump text.

use super::{Error, create_output, load_or_builtin, refuse_errors};
use crate::bank;
use crate::check::render::human;
use crate::diagnostic::Diagnostic;
use crate::exit::ExitStatus;
use crate::formats::{self, Kind};
use crate::safe;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The bytes read from the input at a time.
const STREAM_BUFFER: usize = 64 * 1024;

/// `quiz import`'s settings.
#[derive(Debug, Clone)]
pub struct ImportConfig {
    /// None tells the format from the file's name and content.
    pub from: Option<Kind>,
    /// A file, or (for QTI) the folder a package was unpacked into.
    pub input: PathBuf,
    /// None writes to standard output.
    pub output: Option<PathBuf>,
    /// Replace `output` if it exists.
    pub force: bool,
    /// Standard output is a terminal: the bank written there is shown
    /// terminal-safe ([`crate::safe::text`]).
    pub to_terminal: bool,
}

/// `quiz export`'s settings.
#[derive(Debug, Clone)]
pub struct ExportConfig {
    pub to: Kind,
    /// Empty means the built-in bank.
    pub paths: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub force: bool,
    /// Standard output is a terminal: a binary package is not written there, and
    /// text is shown terminal-safe ([`crate::safe::text`]): a bank's escape
    /// sequences are shown, not sent. `-o FILE` or a redirection keeps every byte.
    pub to_terminal: bool,
    /// When the export is made, which an Anki package stamps on its notes (the
    /// clock, or `$SOURCE_DATE_EPOCH` for reproducible files).
    pub now: std::time::SystemTime,
}

/// `PATH:LINE: severity: message`, as the import and export warnings and errors
/// read (terminal-safe, as every diagnostic is).
fn say(err: &mut dyn Write, d: &Diagnostic) -> Result<(), Error> {
    writeln!(err, "{}", human::brief(d)).map_err(Error::Output)
}

/// Writes `text` to `output` (refusing to replace a file unless `force`) or to `out`,
/// terminal-safe when `out` is a terminal.
fn deliver(
    bytes: &[u8],
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
    to_terminal: bool,
) -> Result<(), Error> {
    let Some(path) = output else {
        if to_terminal && let Ok(text) = std::str::from_utf8(bytes) {
            return out
                .write_all(safe::text(text).as_bytes())
                .map_err(Error::Output);
        }
        return out.write_all(bytes).map_err(Error::Output);
    };
    create_output(path, force)?
        .write_all(bytes)
        .map_err(|source| Error::Write {
            path: path.to_owned(),
            source,
        })
}

/// The files under `dir` (with `/`-separated paths relative to it), for a package
/// unpacked into a folder.
fn folder_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_owned();
            Error::Load(bank::Error::Io {
                path,
                source: e.into(),
            })
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // A file too large to be an item is not read at all.
        if entry
            .metadata()
            .is_ok_and(|m| m.len() > formats::MAX_PACKAGE_FILE)
        {
            files.push((name.join("/"), formats::OVERSIZED.to_vec()));
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|source| {
            Error::Load(bank::Error::Io {
                path: entry.path().to_owned(),
                source,
            })
        })?;
        files.push((name.join("/"), bytes));
    }
    Ok(files)
}

/// The format to read: `--from`, else told from the file, saying what was
/// assumed when only the content told it; None (after saying why) when nothing did.
fn from(
    config: &ImportConfig,
    is_dir: bool,
    bytes: &[u8],
    err: &mut dyn Write,
) -> Result<Option<Kind>, Error> {
    if let Some(kind) = config.from {
        return Ok(Some(kind));
    }
    let shown = safe::line(&config.input.display().to_string()).into_owned();
    match formats::guess(&config.input, is_dir, bytes) {
        Some(guess) => {
            if guess.by_content {
                writeln!(
                    err,
                    "quiz: reading {shown} as {} (give --from to read it as another format)",
                    guess.kind.describe()
                )
                .map_err(Error::Output)?;
            }
            Ok(Some(guess.kind))
        }
        None if matches!(
            config.input.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        ) =>
        {
            writeln!(
                err,
                "quiz: {shown} is in quiz's own format already: `quiz check {shown}` checks it, `quiz run {shown}` asks it"
            )
            .map_err(Error::Output)?;
            Ok(None)
        }
        None => {
            let names: Vec<&str> = Kind::IMPORTED.iter().map(|k| k.name()).collect();
            writeln!(
                err,
                "quiz: cannot tell the format of {shown} from its name or content: give --from ({})",
                names.join(", ")
            )
            .map_err(Error::Output)?;
            Ok(None)
        }
    }
}

pub fn import(
    config: &ImportConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let shown = config.input.display().to_string();
    let read_err = |source: std::io::Error| {
        Error::Load(match source.kind() {
            std::io::ErrorKind::NotFound => bank::Error::NotFound(config.input.clone()),
            _ => bank::Error::Io {
                path: config.input.clone(),
                source,
            },
        })
    };
    let is_dir = std::fs::metadata(&config.input).map_err(read_err)?.is_dir();
    // The file is read as a stream: its start tells the format, and the line
    // formats read the rest a question at a time.
    let mut file = None;
    let mut head = Vec::new();
    if !is_dir {
        let mut opened = std::fs::File::open(&config.input).map_err(read_err)?;
        (&mut opened)
            .take(formats::GUESS_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(read_err)?;
        file = Some(opened);
    }
    let Some(kind) = from(config, is_dir, &head, err)? else {
        return Ok(ExitStatus::Usage);
    };
    let converted = match file {
        None => {
            let files = folder_files(&config.input)?;
            formats::convert_folder(kind, &shown, &files)
        }
        Some(file) => {
            let mut input = std::io::BufReader::with_capacity(
                STREAM_BUFFER,
                std::io::Cursor::new(head).chain(file),
            );
            formats::convert(kind, &shown, &mut input)
        }
    };
    let converted = match converted {
        Ok(converted) => converted,
        Err(failed) => {
            // The warnings first: they often explain the error.
            for w in &failed.warnings {
                say(err, w)?;
            }
            say(err, &failed.error)?;
            return Ok(ExitStatus::Failure);
        }
    };
    for w in &converted.warnings {
        say(err, w)?;
    }
    // What import writes, `quiz check` reads: each question was read back as it
    // was written (see formats::Converted), and a bank over check's file limit is
    // refused whole, before anything is written.
    if converted.full {
        writeln!(
            err,
            "quiz: the imported bank would be larger than {} MiB (it reached that after {} questions), more than `quiz check` reads in one file; nothing was written: split {} into smaller files and import each",
            crate::bank::MAX_FILE_BYTES / (1024 * 1024),
            converted.questions,
            safe::line(&config.input.display().to_string()),
        )
        .map_err(Error::Output)?;
        return Ok(ExitStatus::Failure);
    }
    // The pictures go beside the bank; one that would replace a different file
    // refuses the import before anything is written.
    let pictures = match &config.output {
        Some(path) => pictures_beside(path, &converted.pictures, config.force)?,
        None => Vec::new(),
    };
    deliver(
        converted.yaml.as_bytes(),
        config.output.as_deref(),
        config.force,
        out,
        config.to_terminal,
    )?;
    for (target, bytes) in &pictures {
        write_picture(target, bytes)?;
    }
    if config.output.is_none() && !converted.pictures.is_empty() {
        let n = converted.pictures.len();
        writeln!(
            err,
            "quiz: the questions show {n} picture{}, which are not written to standard output: give -o FILE to write them beside the bank (in images/)",
            if n == 1 { "" } else { "s" },
        )
        .map_err(Error::Output)?;
    }
    let n = converted.questions;
    if let Some(path) = &config.output {
        writeln!(
            err,
            "quiz: imported {n} question{} into {}",
            if n == 1 { "" } else { "s" },
            safe::line(&path.display().to_string())
        )
        .map_err(Error::Output)?;
    }
    let missing = converted.unanswered;
    if missing > 0 {
        writeln!(
            err,
            "quiz: {missing} question{} {} no answer: fill in each `answer: []` (`quiz check` points at them)",
            if missing == 1 { "" } else { "s" },
            if missing == 1 { "has" } else { "have" },
        )
        .map_err(Error::Output)?;
    }
    let over = converted
        .warnings
        .iter()
        .filter(|d| d.is_error())
        .count()
        .saturating_sub(missing);
    if over > 0 {
        writeln!(
            err,
            "quiz: {over} question{} skipped with an error (above); the others were imported",
            if over == 1 { " was" } else { "s were" },
        )
        .map_err(Error::Output)?;
    }
    Ok(if missing + over > 0 {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}

/// Where each picture of an imported bank goes: `images/…` in the folder of
/// the bank file `output`. A file already there with other bytes is refused
/// unless `force`; one with the same bytes is left as it is.
fn pictures_beside(
    output: &Path,
    pictures: &[(String, Vec<u8>)],
    force: bool,
) -> Result<Vec<(PathBuf, Vec<u8>)>, Error> {
    let folder = crate::bank::image::folder_of(output);
    let mut out = Vec::new();
    for (name, bytes) in pictures {
        let target = folder.join(name);
        match std::fs::read(&target) {
            Ok(there) if there == *bytes => continue,
            Ok(_) if !force => return Err(Error::Exists(target)),
            _ => out.push((target, bytes.clone())),
        }
    }
    Ok(out)
}

fn write_picture(target: &Path, bytes: &[u8]) -> Result<(), Error> {
    let failed = |source| Error::Write {
        path: target.to_owned(),
        source,
    };
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    std::fs::write(target, bytes).map_err(failed)
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
    if config.to.is_binary() && config.output.is_none() && config.to_terminal {
        let (what, extension) = match config.to {
            Kind::Apkg => ("an Anki package", "apkg"),
            _ => ("a QTI package", "zip"),
        };
        writeln!(
            err,
            "quiz: {what} is a zip file: give -o FILE.{extension} (or redirect standard output)"
        )
        .map_err(Error::Output)?;
        return Ok(ExitStatus::Usage);
    }
    let exported = formats::export_at(config.to, &loaded.banks, config.now);
    for w in &exported.warnings {
        say(err, w)?;
    }
    if exported.warnings.iter().any(Diagnostic::is_error) {
        return Ok(ExitStatus::Failure);
    }
    deliver(
        &exported.bytes,
        config.output.as_deref(),
        config.force,
        out,
        config.to_terminal,
    )?;
    Ok(ExitStatus::Success)
}
