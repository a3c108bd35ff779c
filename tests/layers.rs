//! The library's layers point one way: each top-level module of `src/` may use
//! the modules of its own layer or those below it, never those above, and no
//! modules form a cycle. This reads every `crate::` path in `src/` (comments
//! left out) and fails on an upward import or a cycle, naming the file and line.
//!
//! Test files (`tests.rs`, `*_tests.rs`) are left out: a test may drive two
//! layers at once. `cargo test --test layers -- --nocapture` prints the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first: docs/architecture.md says the same.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "shared pieces",
        &[
            "words",
            "prose",
            "diagnostic",
            "parallel",
            "exit",
            "safe",
            "paint",
        ],
    ),
    ("model", &["bank"]),
    ("RFC texts", &["rfc"]),
    ("session", &["quiz", "flow", "blueprint", "review"]),
    (
        "checks, formats, history, reports",
        &["check", "formats", "store", "report", "author"],
    ),
    ("presentation", &["present", "viewer"]),
    ("fronts", &["screen", "ui"]),
    ("commands", &["command"]),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS
        .iter()
        .position(|(_, modules)| modules.contains(&module))
}

/// The top-level modules of the library, from `src/lib.rs`.
fn modules(src: &Path) -> Vec<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .filter_map(|l| l.strip_suffix(';'))
        .map(str::to_owned)
        .collect()
}

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .expect("a folder of src/")
            .map(|e| e.expect("an entry").path())
            .collect();
        entries.sort();
        for entry in entries {
            files(&entry, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
}

/// The code of a line: comments left out, and string literals blanked so that
/// `"crate::x"` in a message is not an import.
fn code(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(' ');
            }
            // A char literal such as '"' must not open a string.
            '\'' if chars.clone().nth(1) == Some('\'') => {
                chars.next();
                chars.next();
            }
            '/' if chars.peek() == Some(&'/') => break,
            c => out.push(c),
        }
    }
    out
}

/// The top-level modules that `text` names after `crate::`, with the line of each:
/// `crate::bank::Question`, `crate::{bank, check::rules}` and the like.
fn uses(text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut block_comment = false;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if block_comment {
            if trimmed.contains("*/") {
                block_comment = false;
            }
            continue;
        }
        if trimmed.starts_with("/*") {
            block_comment = !trimmed.contains("*/");
            continue;
        }
        let code = code(line);
        let mut rest = code.as_str();
        while let Some(at) = rest.find("crate::") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + "crate::".len()..];
            // `quiz_crate::x` or `$crate::x` is not this crate's path.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a, b::c, d::{e, f}}`: the first segment of each item.
                let mut depth = 0;
                let mut items = vec![String::new()];
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => items.push(String::new()),
                        c if depth == 0 => items.last_mut().into_iter().for_each(|i| i.push(c)),
                        _ => {}
                    }
                }
                for item in items {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.push((name, n + 1));
                    }
                }
                // A group spread over several lines is rare; keep it on one.
                continue;
            }
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push((name, n + 1));
            }
        }
    }
    out
}

/// module → (module it uses → first place it does).
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn graph() -> (Vec<String>, Graph) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let modules = modules(&src);
    let mut graph = Graph::new();
    for module in &modules {
        let mut paths = Vec::new();
        let dir = src.join(module);
        if dir.is_dir() {
            files(&dir, &mut paths);
        } else {
            paths.push(src.join(format!("{module}.rs")));
        }
        let edges = graph.entry(module.clone()).or_default();
        // A module's test files may reach across (a screen test drives the line
        // front too): they are no part of the library's layers.
        let test_file = |p: &Path| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n == "tests.rs" || n.ends_with("_tests.rs"))
        };
        for path in paths.into_iter().filter(|p| !test_file(p)) {
            let text = std::fs::read_to_string(&path).expect("a source file");
            for (used, line) in uses(&text) {
                if used != *module && modules.contains(&used) {
                    let place = path.strip_prefix(root).unwrap_or(&path).display();
                    edges
                        .entry(used)
                        .or_insert_with(|| format!("{place}:{line}"));
                }
            }
        }
    }
    (modules, graph)
}

/// Every module that `start` reaches through its imports.
fn reach(graph: &Graph, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![start.to_owned()];
    while let Some(at) = todo.pop() {
        for next in graph.get(&at).into_iter().flat_map(BTreeMap::keys) {
            if seen.insert(next.clone()) {
                todo.push(next.clone());
            }
        }
    }
    seen
}

/// The groups of modules that reach each other (strongly connected, more than one).
fn cycles(modules: &[String], graph: &Graph) -> BTreeSet<Vec<String>> {
    let reached: BTreeMap<&String, BTreeSet<String>> =
        modules.iter().map(|m| (m, reach(graph, m))).collect();
    let mut out = BTreeSet::new();
    for module in modules {
        let group: Vec<String> = modules
            .iter()
            .filter(|other| {
                *other == module
                    || reached[module].contains(*other) && reached[other].contains(module)
            })
            .cloned()
            .collect();
        if group.len() > 1 {
            out.insert(group);
        }
    }
    out
}

#[test]
fn the_parser_finds_every_spelling_of_a_path() {
    let text = "use crate::bank::{Bank, letter};\n\
                use crate::{quiz, check::rules::{self, X}, report};\n\
                // crate::screen in a comment\n\
                let x = \"crate::ui in a string\";\n\
                let y = crate::prose::reflow(x); // crate::words\n";
    let found: Vec<String> = uses(text).into_iter().map(|(m, _)| m).collect();
    assert_eq!(found, ["bank", "quiz", "check", "report", "prose"]);
}

#[test]
fn every_module_has_a_layer() {
    let (modules, _) = graph();
    let missing: Vec<&String> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(
        missing.is_empty(),
        "give these modules a layer in tests/layers.rs and docs/architecture.md: {missing:?}"
    );
}

#[test]
fn no_import_points_up_and_no_modules_form_a_cycle() {
    let (modules, graph) = graph();
    let mut problems = Vec::new();
    for (module, edges) in &graph {
        for (used, place) in edges {
            if let (Some(from), Some(to)) = (layer_of(module), layer_of(used))
                && to > from
            {
                problems.push(format!(
                    "{place}: `{module}` ({}) uses `{used}`, in a layer above it ({})",
                    LAYERS[from].0, LAYERS[to].0
                ));
            }
        }
    }
    for found in cycles(&modules, &graph) {
        problems.push(format!("these modules form a cycle: {}", found.join(", ")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `cargo test --test layers -- --nocapture` prints this.
#[test]
fn print_the_module_graph() {
    let (_, graph) = graph();
    for (number, (name, modules)) in LAYERS.iter().enumerate().rev() {
        println!("{number} {name}");
        for module in *modules {
            let Some(edges) = graph.get(*module) else {
                continue;
            };
            let used: Vec<&str> = edges.keys().map(String::as_str).collect();
            println!("    {module:10} -> {}", used.join(" "));
        }
    }
}

/// The screen and the line front read a question only through `crate::present`,
/// whose view models hold bank text made terminal-safe: they never name the
/// model, nor ask the session for a question as written.
#[test]
fn the_fronts_hold_no_raw_bank_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src/screen"), &mut paths);
    paths.push(root.join("src/ui/line.rs"));
    paths.push(root.join("src/ui/mod.rs"));
    let mut problems = Vec::new();
    for path in paths.iter().filter(|p| !p.ends_with("tests.rs")) {
        let text = std::fs::read_to_string(path).expect("a source file");
        for (n, line) in text.lines().enumerate() {
            let code = code(line);
            for raw in ["crate::bank", ".asked(", ".question."] {
                if code.contains(raw) {
                    let place = path.strip_prefix(root).unwrap_or(path).display();
                    problems.push(format!("{place}:{}: `{raw}`", n + 1));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "a front reads bank text without crate::present:\n{}",
        problems.join("\n")
    );
}
