//! The README and docs/ as tests: every command example runs and prints what the
//! page shows, every YAML example passes `quiz check` (or fails it as the page
//! says), every picture of the screen is in the screen's snapshots, and the rule
//! list is the registry's. docs/development.md ("How the docs are tested") explains
//! the marks; `QUIZ_UPDATE_DOCS=1 cargo test --test docs` takes what quiz prints now.

mod console;
mod markdown;
mod page;

use std::fmt::Write;

/// One test per page, so that `cargo test --test docs check` runs docs/check.md.
macro_rules! pages {
    ($($test:ident => $path:literal,)*) => {
        $(
            #[test]
            fn $test() {
                page::check($path);
            }
        )*
        const PAGES: &[&str] = &[$($path),*];
    };
}

pages! {
    readme => "README.md",
    index => "docs/README.md",
    bank_format => "docs/bank-format.md",
    kinds => "docs/kinds.md",
    run => "docs/run.md",
    screen => "docs/screen.md",
    serve => "docs/serve.md",
    exams => "docs/exams.md",
    history => "docs/history.md",
    check => "docs/check.md",
    rules => "docs/rules.md",
    formats => "docs/formats/README.md",
    format_gift => "docs/formats/gift.md",
    format_moodle_xml => "docs/formats/moodle-xml.md",
    format_aiken => "docs/formats/aiken.md",
    format_qti => "docs/formats/qti.md",
    format_anki => "docs/formats/anki.md",
    format_csv => "docs/formats/csv.md",
    format_text => "docs/formats/text.md",
    ci => "docs/ci.md",
    shell => "docs/shell.md",
    development => "docs/development.md",
    architecture => "docs/architecture.md",
}

#[test]
fn every_page_is_tested() {
    let root = page::repo();
    let mut found = vec!["README.md".to_owned()];
    for entry in walkdir::WalkDir::new(root.join("docs")).sort_by_file_name() {
        let entry = entry.expect("read docs/");
        if entry.path().extension().is_some_and(|e| e == "md") {
            let rel = entry
                .path()
                .strip_prefix(root)
                .expect("inside the repository");
            found.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    let missing: Vec<&String> = found
        .iter()
        .filter(|p| !PAGES.contains(&p.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "add each page to `pages!` in tests/docs/main.rs, so that its examples run: {missing:?}"
    );
    for page in PAGES {
        assert!(
            root.join(page).exists(),
            "{page} is listed in tests/docs/main.rs but missing"
        );
    }
}

/// Every page of docs/ is reachable from the index.
#[test]
fn the_index_links_every_page() {
    let root = page::repo();
    let index = std::fs::read_to_string(root.join("docs/README.md")).expect("read docs/README.md");
    let mut missing = String::new();
    for page in PAGES
        .iter()
        .filter(|p| p.starts_with("docs/") && **p != "docs/README.md")
    {
        let link = format!("]({})", &page["docs/".len()..]);
        if !index.contains(&link) {
            let _ = writeln!(missing, "{page}");
        }
    }
    assert!(
        missing.is_empty(),
        "docs/README.md links no page at:\n{missing}"
    );
}

/// docs/rules.md's table is the registry's (src/check/rules/).
#[test]
fn the_rule_list_is_the_registry() {
    use quiz::check::rules::docs::{END, START, markdown};
    generated("docs/rules.md", START, END, &markdown(), "rule_list");
}

/// docs/ci.md's table of the action's inputs is action.yml's.
#[test]
fn the_action_inputs_are_documented() {
    let action = std::fs::read_to_string(page::repo().join("action.yml")).expect("read action.yml");
    let action: serde_json::Value = serde_saphyr::from_str(&action).expect("action.yml is YAML");
    let inputs = action["inputs"].as_object().expect("action.yml has inputs");
    let mut table = String::from("| input | default | what it does |\n| --- | --- | --- |\n");
    for (name, input) in inputs {
        let default = match input["default"].as_str() {
            Some("") | None => "none".to_owned(),
            Some(value) => format!("`{value}`"),
        };
        let what = input["description"]
            .as_str()
            .unwrap_or_default()
            .replace('|', "\\|");
        let _ = writeln!(table, "| `{name}` | {default} | {what} |");
    }
    generated(
        "docs/ci.md",
        "<!-- inputs of action.yml -->",
        "<!-- end of inputs -->",
        &table,
        "action_inputs",
    );
}

/// Checks that the text between `start` and `end` in the page at `rel` is
/// `expected`, or rewrites it with QUIZ_UPDATE_DOCS.
fn generated(rel: &str, start: &str, end: &str, expected: &str, test: &str) {
    let path = page::repo().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let (Some(from), Some(to)) = (text.find(start), text.find(end)) else {
        panic!("{rel} lacks the markers {start:?} and {end:?}");
    };
    let expected = format!("\n{expected}");
    if text[from + start.len()..to] == expected {
        return;
    }
    if std::env::var_os(page::UPDATE).is_some() {
        let updated = format!("{}{expected}{}", &text[..from + start.len()], &text[to..]);
        std::fs::write(&path, updated).unwrap_or_else(|e| panic!("{rel}: {e}"));
    } else {
        panic!(
            "{rel} is generated between {start:?} and {end:?}, and differs from its source; \
             `{}=1 cargo test --test docs {test}` rewrites it. Expected:{expected}",
            page::UPDATE
        );
    }
}

/// Every relative link of the pages reaches a file, and its `#anchor` a heading of
/// that page (as GitHub names headings).
#[test]
fn links_between_pages_resolve() {
    let root = page::repo();
    let mut broken = String::new();
    for rel in PAGES {
        let text = std::fs::read_to_string(root.join(rel)).expect("read the page");
        let dir = root.join(rel).parent().expect("a folder").to_owned();
        for (n, line) in outside_code(&text) {
            for target in line.split("](").skip(1).filter_map(|t| t.split(')').next()) {
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
                let path = if file.is_empty() {
                    root.join(rel)
                } else {
                    dir.join(file)
                };
                if !path.exists() {
                    let _ = writeln!(broken, "{rel}:{n}: no such file: {target}");
                    continue;
                }
                if anchor.is_empty() || path.is_dir() {
                    continue;
                }
                let page = std::fs::read_to_string(&path).unwrap_or_default();
                let found = outside_code(&page)
                    .filter_map(|(_, l)| l.strip_prefix('#'))
                    .any(|h| slug(h.trim_start_matches('#')) == anchor);
                if !found {
                    let _ = writeln!(broken, "{rel}:{n}: no heading for #{anchor} in {file}");
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{broken}");
}

/// The lines of a page outside its code blocks, numbered from 1.
fn outside_code(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut code = false;
    text.lines().enumerate().filter_map(move |(i, line)| {
        if line.starts_with("```") {
            code = !code;
            return None;
        }
        (!code).then_some((i + 1, line))
    })
}

/// GitHub's anchor for a heading: lower case, spaces to `-`, other punctuation
/// dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}
