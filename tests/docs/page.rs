//! Checks one page: runs its commands, checks its YAML with `quiz check`, and
//! compares its screen pictures with the screen's snapshots. docs/development.md
//! ("How the docs are tested") says how a page marks its blocks.
//!
//! Each page runs in a folder of its own that holds what a clone of the repository
//! holds for examples (questions/, blueprints/, rfc/, schema/, docs/examples/) and a
//! history of its own, so that no example depends on the reader's history or on
//! another page. The page's blocks run in order: a block marked `file=NAME` is
//! written to NAME there for the commands after it.

use super::console::{self, Shell, Status};
use super::markdown::{Fence, fences};
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

/// The folders of the repository that examples may use, copied for each page.
const COPIED: &[&str] = &["questions", "blueprints", "rfc", "schema", "docs/examples"];

/// The marks a block's info string may carry after its language.
const MARKS: &[&str] = &["ignore", "fails", "fragment", "config"];
const VALUED: &[&str] = &["file", "screen"];

/// Set it to rewrite the pages' command output and screen pictures from what the
/// program does now: `QUIZ_UPDATE_DOCS=1 cargo test --test docs`.
pub const UPDATE: &str = "QUIZ_UPDATE_DOCS";

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Checks the page at `rel` (from the repository's root), panicking with every
/// failure found.
pub fn check(rel: &str) {
    let path = repo().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut page = Page::new(rel);
    match fences(&text) {
        Ok(found) => {
            for fence in &found {
                page.block(fence, &text);
            }
        }
        Err(e) => page.fail(0, e),
    }
    if !page.edits.is_empty() {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        page.edits
            .sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
        for (range, new) in page.edits {
            lines.splice(range, new);
        }
        std::fs::write(&path, lines.join("\n") + "\n").unwrap_or_else(|e| panic!("{rel}: {e}"));
        eprintln!("{rel}: rewritten from what quiz prints now; review the change");
    }
    if !page.failures.is_empty() {
        panic!(
            "{} problem(s) in {rel}:\n\n{}\n\nTo take what quiz prints now: {UPDATE}=1 cargo test --test docs",
            page.failures.len(),
            page.failures.join("\n\n")
        );
    }
}

struct Page {
    rel: String,
    shell: Shell,
    _dir: tempfile::TempDir,
    /// Files the page's blocks wrote, which later blocks may write again.
    written: HashSet<String>,
    failures: Vec<String>,
    edits: Vec<(Range<usize>, Vec<String>)>,
    update: bool,
}

impl Page {
    fn new(rel: &str) -> Page {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for sub in COPIED {
            copy_dir(&repo().join(sub), &dir.path().join(sub));
        }
        Page {
            rel: rel.to_owned(),
            shell: Shell {
                root: dir.path().to_owned(),
            },
            _dir: dir,
            written: HashSet::new(),
            failures: Vec::new(),
            edits: Vec::new(),
            update: std::env::var_os(UPDATE).is_some(),
        }
    }

    fn fail(&mut self, line: usize, message: impl std::fmt::Display) {
        self.failures
            .push(format!("{}:{line}: {message}", self.rel));
    }

    fn block(&mut self, fence: &Fence, page: &str) {
        if let Err(e) = marks(fence) {
            return self.fail(fence.line, e);
        }
        if fence.lang == "console" {
            match console::steps(fence) {
                Ok(steps) if !fence.has("ignore") => {
                    for step in steps {
                        self.step(&step);
                    }
                }
                Ok(_) => {}
                Err(e) => self.fail(fence.line, e),
            }
            return;
        }
        if fence.has("ignore") {
            return;
        }
        if let Some(name) = fence.value("file") {
            self.write(fence, name);
        }
        if fence.lang == "yaml" {
            self.yaml(fence, page);
        }
        if let Some(name) = fence.value("screen") {
            self.screen(fence, name);
        }
    }

    /// Writes the block to `name` in the page's folder. A file of the repository
    /// that the page shows must be shown as it is.
    fn write(&mut self, fence: &Fence, name: &str) {
        let target = self.shell.root.join(name);
        let text = fence.text();
        if target.exists() && !self.written.contains(name) {
            let actual = std::fs::read_to_string(&target).unwrap_or_default();
            if actual != text {
                self.fail(
                    fence.line,
                    format!("this block shows {name}, but differs from the repository's {name}"),
                );
            }
            return;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).expect("create the example's folder");
        }
        std::fs::write(&target, text).expect("write the example's file");
        self.written.insert(name.to_owned());
    }

    fn step(&mut self, step: &console::Step) {
        let ran = match self.shell.run(&step.words) {
            Ok(ran) => ran,
            Err(e) => return self.fail(step.line, e),
        };
        // Trailing blanks are invisible on a page, and editors strip them.
        let actual = trim_ends(ran.output.strip_suffix('\n').unwrap_or(&ran.output));
        let actual = actual.as_str();
        let shown = trim_ends(&step.expected);
        let assert = snapbox::Assert::new()
            .normalize_paths(false)
            .redact_with(redactions(&self.shell.root));
        let (normal, expected) = assert.normalize(
            snapbox::Data::text(actual),
            snapbox::Data::text(shown.as_str()),
        );
        let same_output = normal == expected;
        let same_status = step.status.accepts(ran.code);
        if same_output && same_status {
            return;
        }
        if self.update {
            let mut new: Vec<String> = Status::line_for(ran.code).into_iter().collect();
            let shown = normal.render().unwrap_or_default();
            // Split on every newline: output that ends in a blank line keeps it.
            if !shown.is_empty() {
                new.extend(shown.split('\n').map(str::to_owned));
            }
            let start = step.status_line.unwrap_or(step.output.start);
            self.edits.push((start..step.output.end, new));
            return;
        }
        let mut message = format!("`{}`", step.command);
        if !same_status {
            message.push_str(&format!(
                " exited with {:?}, and the page expects {:?}",
                ran.code, step.status
            ));
        }
        if !same_output {
            let diff = assert
                .try_eq(
                    Some(&"what quiz printed"),
                    snapbox::Data::text(actual),
                    snapbox::Data::text(shown.as_str()),
                )
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            message.push_str(&format!(
                " printed something else than the page shows:\n{diff}"
            ));
        }
        self.fail(step.line, message);
    }

    /// Every YAML example passes `quiz check --strict --rfc-dir rfc`; one marked
    /// `fails` fails it, and the page shows each diagnostic; a `fragment` is not a
    /// whole bank, so it fails; a `config` (a workflow, pre-commit's file) need only
    /// be YAML.
    fn yaml(&mut self, fence: &Fence, page: &str) {
        if fence.has("config") {
            if let Err(e) = serde_saphyr::from_str::<serde_json::Value>(&fence.text()) {
                self.fail(fence.line, format!("this is not valid YAML: {e}"));
            }
            return;
        }
        // Checked where the page's commands run, citations against the RFC texts
        // of rfc/; a block without a name goes under .docs/, which folder walks skip.
        let name = match fence.value("file") {
            Some(name) => name.to_owned(),
            None => {
                let name = format!(".docs/line-{}.yaml", fence.line);
                let path = self.shell.root.join(&name);
                std::fs::create_dir_all(path.parent().expect("a folder")).expect("create .docs/");
                std::fs::write(&path, fence.text()).expect("write the example");
                name
            }
        };
        let words = ["quiz", "check", "--strict", "--rfc-dir", "rfc", &name].map(str::to_owned);
        let ran = match self.shell.run(&words) {
            Ok(ran) => ran,
            Err(e) => return self.fail(fence.line, e),
        };
        if fence.has("fails") || fence.has("fragment") {
            if ran.code != Some(1) {
                return self.fail(
                    fence.line,
                    format!(
                        "this example is marked to fail `quiz check --strict`, which passes it:\n{}",
                        ran.output
                    ),
                );
            }
            if fence.has("fails") {
                // The last line is the summary; each line before it is a diagnostic,
                // `path:line:col: severity: message [code]`. The page shows its message,
                // in whichever format (human, github, json) it chose.
                let lines: Vec<&str> = ran.output.lines().collect();
                let missing: Vec<&str> = lines[..lines.len().saturating_sub(1)]
                    .iter()
                    .copied()
                    .filter(|l| !page.contains(message(l)))
                    .collect();
                if !missing.is_empty() {
                    self.fail(
                        fence.line,
                        format!(
                            "the page should show what `quiz check --strict --rfc-dir rfc {name}` \
                             says of this example:\n{}",
                            missing.join("\n")
                        ),
                    );
                }
            }
        } else if ran.code != Some(0) {
            self.fail(
                fence.line,
                format!(
                    "`quiz check --strict` finds problems in this example (mark it `fails` if \
                     they are the point, `fragment` if it is a piece of a bank):\n{}",
                    ran.output
                ),
            );
        }
    }

    /// A picture of the screen is (a part of) the snapshot that the screen's tests
    /// keep under that name, so that the docs change when the screen does. A name
    /// is the test's in `src/screen/tests.rs`, or `module::test` for another test
    /// file of the screen (`kinds_tests::…`).
    fn screen(&mut self, fence: &Fence, name: &str) {
        let (module, name) = name.split_once("::").unwrap_or(("tests", name));
        let file = repo()
            .join("src/screen/snapshots")
            .join(format!("quiz__screen__{module}__{name}.snap"));
        let Ok(snap) = std::fs::read_to_string(&file) else {
            return self.fail(
                fence.line,
                format!("no screen snapshot is named {name} (src/screen/snapshots/)"),
            );
        };
        // An insta snapshot: a `---` header, then what the screen showed.
        let body: Vec<&str> = snap
            .splitn(3, "---\n")
            .nth(2)
            .unwrap_or_default()
            .lines()
            .map(str::trim_end)
            .collect();
        let shown: Vec<&str> = fence.lines.iter().map(|l| l.trim_end()).collect();
        let contained = !shown.is_empty() && body.windows(shown.len()).any(|w| w == shown);
        if contained {
            return;
        }
        if self.update {
            let new = body.iter().map(|l| (*l).to_owned()).collect();
            self.edits
                .push((fence.first..fence.first + fence.lines.len(), new));
            return;
        }
        self.fail(
            fence.line,
            format!(
                "this picture of the screen is not in the snapshot {}; it shows:\n{}",
                file.display(),
                body.join("\n")
            ),
        );
    }
}

/// Refuses marks the harness does not know, and commands outside console blocks.
fn marks(fence: &Fence) -> Result<(), String> {
    match fence.lang.as_str() {
        "" => return Err("give the block a language: console, yaml, text…".to_owned()),
        "sh" | "bash" | "shell" | "zsh" => {
            return Err(
                "commands go in a ```console block, with `$ ` before each (run by the tests), \
                 or ```console ignore when they cannot run in a test"
                    .to_owned(),
            );
        }
        _ => {}
    }
    for mark in &fence.marks {
        let key = mark.split_once('=').map_or(mark.as_str(), |(k, _)| k);
        let known = if mark.contains('=') {
            VALUED.contains(&key)
        } else {
            MARKS.contains(&key)
        };
        if !known {
            return Err(format!("unknown mark `{mark}` on this block"));
        }
    }
    let yaml_only = ["fails", "fragment", "config"];
    if fence.lang != "yaml" && yaml_only.iter().any(|m| fence.has(m)) {
        return Err("`fails`, `fragment` and `config` mark YAML blocks".to_owned());
    }
    if fence.has("fails") && fence.value("file").is_none() {
        return Err(
            "a block marked `fails` needs `file=NAME`, the path its diagnostics name".into(),
        );
    }
    if let Some(name) = fence.value("file")
        && !console::inside(name)
    {
        return Err(format!(
            "file={name}: give a path inside the example's folder"
        ));
    }
    if fence.value("screen").is_some() && fence.lang != "text" {
        return Err("a screen picture is a ```text block".to_owned());
    }
    if fence.lang != "console" && fence.lines.iter().any(|l| l.starts_with("$ ")) {
        return Err("a command (`$ `) belongs in a ```console block".to_owned());
    }
    Ok(())
}

fn trim_ends(text: &str) -> String {
    text.split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The message of a diagnostic line, `path:line:col: severity: message [code]`.
fn message(line: &str) -> &str {
    let text = ["error: ", "warning: "]
        .iter()
        .find_map(|s| line.split_once(s).map(|(_, rest)| rest))
        .unwrap_or(line);
    text.rsplit_once(" [").map_or(text, |(message, _)| message)
}

fn redactions(root: &Path) -> snapbox::Redactions {
    let mut r = snapbox::Redactions::new();
    r.insert("[ROOT]", root.to_owned())
        .expect("a valid placeholder");
    r
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("read the repository's folder");
        let target = to.join(entry.path().strip_prefix(from).expect("inside the folder"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("create the example's folder");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy into the example's folder");
        }
    }
}
