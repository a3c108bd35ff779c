//! Where banks come from: files, directories searched for `*.yaml`/`*.yml`, and the
//! built-in bank embedded in the binary at build time.

use super::{Bank, from_yaml, hint, yaml};
use crate::diagnostic::{Diagnostic, Pos};
use crate::parallel::{self, Next};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest bank file read; a larger one is reported, not loaded.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Shown instead of a directory for the files of the built-in bank.
pub const BUILTIN_LABEL: &str = "(built-in)";

include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// Problems that stop a run before any bank is read: exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: no *.yaml or *.yml files found", .0.display())]
    NoBankFiles(PathBuf),
}

/// The banks read in one run, with every problem found while reading them.
#[derive(Debug, Default)]
pub struct Loaded {
    pub banks: Vec<Bank>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, in order, including those that could not be parsed.
    pub paths: Vec<String>,
    /// The files that are exam blueprints, not banks (told apart by their
    /// `domains` key), with their parsed YAML; `check` validates them.
    pub blueprints: Vec<(String, yaml::Node)>,
}

impl Loaded {
    fn add(&mut self, file: File) {
        self.diagnostics.extend(file.diagnostics);
        match file.content {
            Content::Bank(bank) => self.banks.push(bank),
            Content::Blueprint(root) => self.blueprints.push((file.path.clone(), root)),
            Content::Nothing => {}
        }
        self.paths.push(file.path);
    }

    pub fn question_count(&self) -> usize {
        self.banks.iter().map(|b| b.questions.len()).sum()
    }
}

/// One file as read: its path as shown, what it holds, and the problems found
/// while reading it.
#[derive(Debug)]
pub struct File {
    pub path: String,
    pub content: Content,
    pub diagnostics: Vec<Diagnostic>,
}

/// What a file holds.
#[derive(Debug)]
pub enum Content {
    Bank(Bank),
    /// An exam blueprint (a `domains` key), as parsed YAML.
    Blueprint(yaml::Node),
    /// Nothing to use: the file is too large, or does not parse (see its diagnostics).
    Nothing,
}

impl File {
    /// Parses a file's bytes: UTF-8, YAML, then a bank's shape (or a blueprint's
    /// YAML).
    fn parse(path: String, bytes: &[u8]) -> File {
        let mut diagnostics = Vec::new();
        let content = match parse_yaml(&path, bytes, &mut diagnostics) {
            None => Content::Nothing,
            Some(root) if is_blueprint(&root) => Content::Blueprint(root),
            Some(root) => from_yaml::bank(&path, &bank_name(&path), &root, &mut diagnostics)
                .map_or(Content::Nothing, Content::Bank),
        };
        File {
            path,
            content,
            diagnostics,
        }
    }
}

/// Reads and parses the bank file at `path`.
pub fn read_file(path: &Path) -> Result<File, Error> {
    let shown = path.display().to_string();
    Ok(match read_limited(path)? {
        Ok(bytes) => File::parse(shown, &bytes),
        Err(size) => File {
            diagnostics: vec![too_large(&shown, size)],
            path: shown,
            content: Content::Nothing,
        },
    })
}

/// Reads the bank files at `paths` (files, or directories searched recursively in
/// sorted order, skipping hidden entries), each once, on several threads.
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, Error> {
    let files = bank_files(paths)?;
    let mut loaded = Loaded::default();
    let mut failed = None;
    parallel::for_each_ordered(
        &files,
        parallel::threads(),
        |file| read_file(file),
        |read| match read {
            Ok(file) => {
                loaded.add(file);
                Next::More
            }
            Err(e) => {
                failed = Some(e);
                Next::Stop
            }
        },
    );
    match failed {
        Some(e) => Err(e),
        None => Ok(loaded),
    }
}

/// The bank embedded in the binary from `questions/`.
pub fn load_builtin() -> Loaded {
    let mut loaded = Loaded::default();
    for (name, text) in BUILTIN {
        loaded.add(File::parse(
            format!("{BUILTIN_LABEL} questions/{name}"),
            text.as_bytes(),
        ));
    }
    loaded
}

/// The bank files at `paths`, in order: a file as given, a directory's `*.yaml`
/// and `*.yml` files. A file reached twice (`banks banks/pki.yaml`, a link to
/// another file) is listed once, where it is first reached.
pub fn bank_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in paths {
        for file in files_under(path)? {
            let same = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if seen.insert(same) {
                out.push(file);
            }
        }
    }
    Ok(out)
}

fn files_under(path: &Path) -> Result<Vec<PathBuf>, Error> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(path.to_owned()),
        _ => io(path, e),
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let at = e.path().unwrap_or(path).to_owned();
            io(&at, e.into())
        })?;
        let is_bank = matches!(
            entry.path().extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if entry.file_type().is_file() && is_bank {
            files.push(entry.into_path());
        }
    }
    if files.is_empty() {
        return Err(Error::NoBankFiles(path.to_owned()));
    }
    Ok(files)
}

/// The file's bytes, or its size when it is over [`MAX_FILE_BYTES`].
pub(crate) fn read_limited(path: &Path) -> Result<Result<Vec<u8>, u64>, Error> {
    let file = std::fs::File::open(path).map_err(|e| io(path, e))?;
    // Sized once from the file's length, not grown (and copied) as it is read.
    let expected = file
        .metadata()
        .map_or(0, |m| m.len())
        .min(MAX_FILE_BYTES + 1);
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0) + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len() as u64, |m| m.len());
        return Ok(Err(size));
    }
    Ok(Ok(bytes))
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.to_owned(),
        source,
    }
}

pub(crate) fn too_large(path: &str, size: u64) -> Diagnostic {
    let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
    Diagnostic::error(
        path,
        Pos::new(1, 1),
        "file-too-large",
        format!(
            "the file is too large ({:.1} MiB; a bank file may be at most {:.0} MiB)",
            mib(size),
            mib(MAX_FILE_BYTES)
        ),
    )
}

/// Parses one bank file's bytes: UTF-8 (a byte-order mark is fine), YAML, then the
/// bank's shape. Problems go to `diags`; the bank comes back if the file parsed.
pub fn read_bank(path: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Option<Bank> {
    let root = parse_yaml(path, bytes, diags)?;
    from_yaml::bank(path, &bank_name(path), &root, diags)
}

/// A map with `domains` and without `questions` at the top is an exam blueprint.
fn is_blueprint(root: &yaml::Node) -> bool {
    match &root.value {
        yaml::Value::Map(pairs) => {
            let has = |key: &str| {
                pairs.iter().any(
                    |(k, _)| matches!(&k.value, yaml::Value::Scalar { text, .. } if text == key),
                )
            };
            has("domains") && !has("questions")
        }
        _ => false,
    }
}

/// Parses a file's bytes: UTF-8 (a byte-order mark is fine), then YAML. A problem
/// goes to `diags`, and then there is no tree.
pub(crate) fn parse_yaml(
    path: &str,
    bytes: &[u8],
    diags: &mut Vec<Diagnostic>,
) -> Option<yaml::Node> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let pos = position_of(&bytes[..e.valid_up_to()]);
            diags.push(Diagnostic::error(
                path,
                pos,
                "invalid-utf8",
                "the file is not valid UTF-8: bank files must be saved as UTF-8",
            ));
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = match yaml::parse(text) {
        Ok(root) => root,
        Err(e) if !hint::looks_like_a_bank(path, text) => {
            let message = hint::not_a_bank(path, None, Some(&e.message));
            diags.push(Diagnostic::error(path, e.pos, "syntax", message));
            return None;
        }
        Err(e) => {
            diags.push(Diagnostic::error(
                path,
                e.pos,
                "syntax",
                hint::syntax_at(&e.message, text, e.pos.line),
            ));
            return None;
        }
    };
    if matches!(root.value, yaml::Value::Scalar { .. } | yaml::Value::Seq(_))
        && !hint::looks_like_a_bank(path, text)
    {
        let message = hint::not_a_bank(path, Some(&root), None);
        diags.push(Diagnostic::error(path, root.pos, "wrong-type", message));
        return None;
    }
    Some(root)
}

fn bank_name(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Line and column just after `valid` (the bytes before a problem), 1-based.
fn position_of(valid: &[u8]) -> Pos {
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    Pos::new(
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(col).unwrap_or(u32::MAX),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_points_at_its_line() {
        assert_eq!(
            position_of(b"title: x\nquestions:\n  - id: "),
            Pos::new(3, 9)
        );
        assert_eq!(position_of(b""), Pos::new(1, 1));
    }
}
