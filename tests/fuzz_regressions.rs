//! The fuzz targets' checks on stable Rust: every input kept under
//! `fuzz/regressions/<target>/` (each made a target fail once), and the seeds of
//! the corpora (`questions/`, `tests/fixtures/`, the built-in bank exported in each
//! format), go through the very functions the cargo-fuzz targets call.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use quiz::formats;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The files under `dir`, recursively and sorted; none when it does not exist.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if !entry.file_name().to_string_lossy().starts_with('.') {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Runs `check` on each input and fails naming every input that panicked.
fn replay(target: &str, inputs: &[(String, Vec<u8>)], check: &dyn Fn(&[u8])) {
    let failed: Vec<&str> = inputs
        .iter()
        .filter(|(_, bytes)| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(bytes))).is_err()
        })
        .map(|(name, _)| name.as_str())
        .collect();
    assert!(failed.is_empty(), "{target} fails on {failed:?}");
}

fn read(paths: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    paths
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), bytes)
        })
        .collect()
}

fn regressions(target: &str) -> Vec<(String, Vec<u8>)> {
    read(&files_under(&root().join("fuzz/regressions").join(target)))
}

/// A target's name and its check.
type Target = (String, Box<dyn Fn(&[u8])>);

/// Every target with its check, the importers' from [`Kind::ALL`].
fn targets() -> Vec<Target> {
    let mut all: Vec<Target> = harness::TARGETS
        .iter()
        .map(|&(name, check)| (name.to_owned(), Box::new(check) as Box<dyn Fn(&[u8])>))
        .collect();
    for kind in harness::importers() {
        all.push((
            harness::importer_target(kind),
            Box::new(move |data| harness::importer(kind, data)),
        ));
    }
    all
}

#[test]
fn every_input_that_failed_once_passes() {
    for (name, check) in targets() {
        replay(&name, &regressions(&name), &check);
    }
}

#[test]
fn regressions_are_filed_under_a_target() {
    let names: Vec<String> = targets().into_iter().map(|(name, _)| name).collect();
    let folders = std::fs::read_dir(root().join("fuzz/regressions")).expect("fuzz/regressions");
    for folder in folders.filter_map(Result::ok) {
        let folder = folder.file_name().to_string_lossy().into_owned();
        assert!(
            names.contains(&folder) || folder.starts_with('.') || folder == "README.md",
            "fuzz/regressions/{folder} is no target's; the targets are {names:?}"
        );
    }
}

/// A new format, or a new check in `fuzz/src/lib.rs`, needs its cargo-fuzz target.
#[test]
fn every_target_is_built_by_cargo_fuzz() {
    let manifest =
        std::fs::read_to_string(root().join("fuzz/Cargo.toml")).expect("fuzz/Cargo.toml");
    for (name, _) in targets() {
        let source = format!("fuzz_targets/{name}.rs");
        assert!(
            manifest.contains(&format!("name = \"{name}\"\npath = \"{source}\"")),
            "fuzz/Cargo.toml lacks the [[bin]] of target {name}"
        );
        assert!(
            root().join("fuzz").join(&source).is_file(),
            "fuzz/{source} is missing"
        );
    }
}

#[test]
fn the_seeds_pass() {
    let yaml: Vec<PathBuf> = files_under(&root().join("questions"))
        .into_iter()
        .chain(files_under(&root().join("tests/fixtures")))
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    let yaml = read(&yaml);
    replay("bank", &yaml, &harness::bank);
    replay("yaml_writer", &yaml, &harness::yaml_writer);
    replay("append", &yaml, &harness::append);
    let builtin = quiz::bank::load_builtin().banks;
    for kind in harness::importers() {
        let fixtures: Vec<PathBuf> = files_under(&root().join("tests/fixtures/formats"))
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == kind.extension()))
            .collect();
        let mut inputs = read(&fixtures);
        if kind.can_export() {
            let exported = formats::export(kind, &builtin).bytes;
            inputs.push((format!("the built-in bank as {}", kind.name()), exported));
        }
        assert!(!inputs.is_empty(), "no seed for {}", kind.name());
        replay(&harness::importer_target(kind), &inputs, &|data| {
            harness::importer(kind, data)
        });
    }
    let lines = ["A", "a, c", "AC", " b d ", "", "A,,B", "Z", "1", "é"];
    let lines: Vec<(String, Vec<u8>)> = lines
        .iter()
        .map(|l| (l.to_string(), l.as_bytes().to_vec()))
        .collect();
    replay("answer_line", &lines, &harness::answer_line);
    let durations = [
        "90m",
        "1h30m",
        "45s",
        "0s",
        "90",
        "m",
        "99999999999999999999h",
        " 2h ",
    ];
    let durations: Vec<(String, Vec<u8>)> = durations
        .iter()
        .map(|l| (l.to_string(), l.as_bytes().to_vec()))
        .collect();
    replay("duration", &durations, &harness::duration);
    let mut texts = read(&files_under(&root().join("tests/fixtures/hostile")));
    texts.extend(
        [
            "plain",
            "a\x1b]52;c;Y3VybA==\x07b",
            "\t\r\n\u{85}\u{9b}\u{7f}",
            "x\u{202e}y \u{200f}\u{2067}z\u{2069}",
            "https://example.org/a",
            "https://",
            "https://x.example/\x1b]8;;file:///etc/passwd\x1b\\",
        ]
        .iter()
        .map(|t| (t.escape_debug().to_string(), t.as_bytes().to_vec())),
    );
    replay("safe", &texts, &harness::safe);
}
