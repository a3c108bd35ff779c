//! Adding a drafted question at the end of a bank file, without changing a byte
//! that is already there, and reading back what would be written before it is.

use super::atomic::{folder_of, write_atomically};
use super::{AuthorError, Draft, problems, same_question, to_yaml_item};
use crate::bank::yaml::{self, Node, Value};
use crate::bank::{Bank, read_bank, write};
use crate::diagnostic::{Diagnostic, Pos};
use crate::formats::to_yaml;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What [`append`] would find at a path: for asking the right questions (and
/// refusing early) before the author types anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankFile {
    /// False when the file does not exist yet: it will be created, with a title.
    pub exists: bool,
    /// The ids already in the file, with where each is.
    pub ids: Vec<(String, Pos)>,
}

/// How the new item fits at the end of an existing file.
#[derive(Debug)]
struct Layout {
    /// The column of the existing items' dashes (spaces before `-`).
    indent: usize,
    /// The file has no `questions:` yet (it is empty, or only comments): it gets
    /// `title:` and `questions:` lines before the item.
    needs_header: bool,
    /// The items are separated by a blank line.
    blank_between: bool,
    /// The number of items in the list now.
    items: usize,
    ids: Vec<(String, Pos)>,
}

/// Reads the file at `path` (if it exists) and says whether a question can be
/// appended to it, with the ids it has.
pub fn inspect(path: &Path) -> Result<BankFile, AuthorError> {
    match read_existing(path)? {
        None => {
            folder_exists(path)?;
            Ok(BankFile {
                exists: false,
                ids: Vec::new(),
            })
        }
        Some(bytes) => {
            let layout = layout(path, &bytes)?;
            Ok(BankFile {
                exists: true,
                ids: layout.ids,
            })
        }
    }
}

/// Appends the draft to the bank file at `path` as the last item of its
/// `questions:` list, keeping every byte already there (comments, blank lines,
/// CRLF line ends, a byte-order mark). A missing file is created with a `title:`
/// (`draft.bank_title`, else `title_if_new`). The new text is read back before it
/// is written: it must load, with the new question in it as drafted. It is written
/// to a temporary file in the same folder that is then renamed over the file, so a
/// crash leaves the old file or the new one, never half of one.
///
/// Refused, with nothing written: a draft with errors (see [`problems`]), an id the
/// file already has, a file that does not load, and a file whose `questions:` is
/// not a block list at its end (a flow list `[...]`, or keys after it).
pub fn append(path: &Path, draft: &Draft, title_if_new: &str) -> Result<(), AuthorError> {
    let errors: Vec<Diagnostic> = problems(draft)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        return Err(AuthorError::Invalid(errors));
    }
    // Write through a symbolic link to the file it names, not over the link.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let new = match read_existing(&target)? {
        None => {
            folder_exists(path)?;
            let title = draft.bank_title.as_deref().unwrap_or(title_if_new);
            let new = new_file(title, draft);
            verify(path, &new, draft, 0)?;
            new
        }
        Some(bytes) => append_bytes(path, &bytes, draft)?,
    };
    write_atomically(&target, &new).map_err(|source| AuthorError::Io {
        path: path.to_owned(),
        source,
    })
}

/// What [`append`] writes over an existing bank file of `old` bytes: every old
/// byte, then the draft as the last item, read back and verified. `path` only
/// names the file in errors. Pure, so that it can be fuzzed: any bytes give a
/// refusal or a verified append.
pub fn append_bytes(path: &Path, old: &[u8], draft: &Draft) -> Result<Vec<u8>, AuthorError> {
    let shown = path.display().to_string();
    let before = read_bank(&shown, old, &mut Vec::new());
    // A blank line between items is the file's style, but after a block that
    // keeps its final line breaks (`|+`) it would become part of that block.
    for separate in [true, false] {
        let (new, items_before) = appended(path, old, draft, separate)?;
        verify(path, &new, draft, items_before)?;
        if keeps_questions(before.as_ref(), &new, &shown) {
            return Ok(new);
        }
    }
    Err(AuthorError::NotAppendable {
        path: path.to_owned(),
        reason: "the last question ends in a block that keeps its final line breaks (`|+` or `>+`), and a question after it would change that block".to_owned(),
    })
}

/// Whether the questions of `before` (the file as it was) read the same in `new`,
/// where the new question follows them. Compared as `to_yaml` writes them, which
/// writes every field exactly and nothing of positions.
fn keeps_questions(before: Option<&Bank>, new: &[u8], shown: &str) -> bool {
    let Some(mut after) = read_bank(shown, new, &mut Vec::new()) else {
        return false;
    };
    after.questions.pop();
    match before {
        Some(before) => to_yaml(before) == to_yaml(&after),
        None => after.questions.is_empty(),
    }
}

fn read_existing(path: &Path) -> Result<Option<Vec<u8>>, AuthorError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(AuthorError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

fn folder_exists(path: &Path) -> Result<(), AuthorError> {
    let folder = folder_of(path);
    if folder.is_dir() {
        Ok(())
    } else {
        Err(AuthorError::NoFolder {
            path: path.to_owned(),
            folder: folder.to_owned(),
        })
    }
}

/// A new bank file: its title, `questions:`, and the item.
fn new_file(title: &str, draft: &Draft) -> Vec<u8> {
    let mut text = String::new();
    if !title.trim().is_empty() {
        let _ = writeln!(text, "title: {}", write::scalar(title.trim(), false));
    }
    text.push_str("questions:\n");
    text.push_str(&to_yaml_item(draft, 2));
    text.into_bytes()
}

/// The file's bytes with the item added, and how many items it had.
/// `separate`: put a blank line before the item when the file's items have one
/// between them.
fn appended(
    path: &Path,
    bytes: &[u8],
    draft: &Draft,
    separate: bool,
) -> Result<(Vec<u8>, usize), AuthorError> {
    let layout = layout(path, bytes)?;
    if let Some((_, pos)) = layout.ids.iter().find(|(id, _)| *id == draft.id) {
        return Err(AuthorError::DuplicateId {
            path: path.to_owned(),
            id: draft.id.clone(),
            pos: *pos,
        });
    }
    let crlf = bytes
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && bytes[i - 1] == b'\r');
    let mut item = String::new();
    if layout.needs_header {
        if let Some(title) = draft.bank_title.as_deref().filter(|t| !t.trim().is_empty()) {
            let _ = writeln!(item, "title: {}", write::scalar(title.trim(), false));
        }
        item.push_str("questions:\n");
    }
    item.push_str(&to_yaml_item(draft, layout.indent));
    let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out = bytes.to_vec();
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.extend_from_slice(eol);
    }
    if separate && layout.blank_between && !ends_with_blank_line(&out) {
        out.extend_from_slice(eol);
    }
    for line in item.split_inclusive('\n') {
        out.extend_from_slice(line.trim_end_matches('\n').as_bytes());
        out.extend_from_slice(eol);
    }
    Ok((out, layout.items))
}

fn ends_with_blank_line(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines().rev();
    lines.next().is_some_and(|l| l.trim().is_empty())
}

/// Where the file's `questions:` list is, and whether an item can go after it.
fn layout(path: &Path, bytes: &[u8]) -> Result<Layout, AuthorError> {
    let does_not_load = |diagnostics: Vec<Diagnostic>| AuthorError::DoesNotLoad {
        path: path.to_owned(),
        diagnostics,
    };
    let refuse = |reason: String| AuthorError::NotAppendable {
        path: path.to_owned(),
        reason,
    };
    let shown = path.display().to_string();
    let Ok(text) = std::str::from_utf8(bytes) else {
        let mut diags = Vec::new();
        read_bank(&shown, bytes, &mut diags);
        return Err(does_not_load(diags));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = yaml::parse(text)
        .map_err(|e| does_not_load(vec![Diagnostic::error(&shown, e.pos, "syntax", e.message)]))?;
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let pairs = match &root.value {
        Value::Null if !only_comments(&lines) => {
            return Err(refuse(
                "it holds only an empty YAML document (`~`, `null`) where the bank should be"
                    .to_owned(),
            ));
        }
        // Empty, or only comments: the header comes with the item.
        Value::Null => {
            return Ok(Layout {
                indent: 2,
                needs_header: true,
                blank_between: false,
                items: 0,
                ids: Vec::new(),
            });
        }
        Value::Map(pairs) if !starts_flow(&lines, root.pos) => pairs,
        Value::Map(_) => return Err(refuse("the file is one flow map `{...}`".to_owned())),
        _ => {
            let mut diags = Vec::new();
            read_bank(&shown, bytes, &mut diags);
            return Err(does_not_load(diags));
        }
    };
    let Some(index) = pairs.iter().position(|(k, _)| is_key(k, "questions")) else {
        let mut diags = Vec::new();
        read_bank(&shown, bytes, &mut diags);
        return Err(does_not_load(diags));
    };
    if let Some((after, _)) = pairs.get(index + 1) {
        return Err(refuse(format!(
            "`questions` is not the last key: line {} has another one after it",
            after.pos.line
        )));
    }
    let (key, value) = &pairs[index];
    let items: &[Node] = match &value.value {
        Value::Seq(items) => items,
        Value::Null => &[],
        _ => {
            let mut diags = Vec::new();
            read_bank(&shown, bytes, &mut diags);
            return Err(does_not_load(diags));
        }
    };
    let key_line = key.pos.line as usize;
    let key_indent = key.pos.col.saturating_sub(1) as usize;
    let line = lines.get(key_line - 1).copied().unwrap_or_default();
    let after_key = line
        .char_indices()
        .nth(key_indent)
        .map_or("", |(i, _)| &line[i..]);
    let rest = after_key
        .strip_prefix("questions")
        .map(|r| r.trim_start_matches([' ', '\t']));
    let Some(rest) = rest.and_then(|r| r.strip_prefix(':')) else {
        return Err(refuse(format!(
            "line {key_line}: write the key as a plain `questions:`"
        )));
    };
    let rest = rest.trim_matches([' ', '\t']);
    if rest.starts_with('[') {
        return Err(refuse(
            "`questions` is a flow list `[...]`; it must be a block list of `- id: ...` items"
                .to_owned(),
        ));
    }
    if !(rest.is_empty() || rest.starts_with('#')) {
        return Err(refuse(format!(
            "line {key_line}: `questions:` must be followed by its `- id: ...` items on the next lines"
        )));
    }
    // The lines after `questions:` that are not blank or comments.
    let content = lines
        .iter()
        .enumerate()
        .skip(key_line)
        .filter(|(_, l)| {
            let t = l.trim_start_matches(' ');
            !(t.trim().is_empty() || t.starts_with('#'))
        })
        .map(|(i, l)| (i + 1, *l));
    let mut indent = None;
    let mut dash_lines = Vec::new();
    for (number, line) in content {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let is_dash = is_dash(&line[spaces..]);
        match indent {
            None if is_dash && spaces >= key_indent => indent = Some(spaces),
            None => {
                return Err(refuse(format!(
                    "line {number} follows `questions:` but is not a `- ` item of its list"
                )));
            }
            Some(n) if spaces > n => {}
            Some(n) if spaces == n && is_dash => {}
            Some(_) => {
                return Err(refuse(format!(
                    "line {number} comes after the `questions` list, so a new item cannot go at the end of the file"
                )));
            }
        }
        if is_dash && Some(spaces) == indent {
            dash_lines.push(number);
        }
    }
    if dash_lines.len() != items.len() {
        return Err(refuse(
            "the items of `questions` are not laid out one `- ` per item".to_owned(),
        ));
    }
    let blank_between = dash_lines.get(1).is_some_and(|&n| {
        n >= 2
            && lines
                .get(n - 2)
                .is_some_and(|l| l.trim_matches([' ', '\t']).is_empty())
    });
    Ok(Layout {
        indent: indent.unwrap_or(key_indent + 2),
        needs_header: false,
        blank_between,
        items: items.len(),
        ids: items.iter().filter_map(item_id).collect(),
    })
}

/// Whether the lines hold nothing but blanks, comments, directives and a `---`
/// that starts the document: text after which a `questions:` line may follow.
fn only_comments(lines: &[&str]) -> bool {
    lines.iter().all(|line| {
        let line = line.trim_matches([' ', '\t']);
        let rest = line.strip_prefix("---").unwrap_or(line);
        line.starts_with('%')
            || rest.is_empty()
            || rest.starts_with('#')
            || (rest.starts_with([' ', '\t']) && rest.trim_start().starts_with('#'))
    })
}

fn is_key(node: &Node, name: &str) -> bool {
    matches!(&node.value, Value::Scalar { text, .. } if text == name)
}

/// `- ...` or a lone `-`: a block sequence entry.
fn is_dash(text: &str) -> bool {
    text == "-" || text.starts_with("- ") || text.starts_with("-\t")
}

/// Whether the node at `pos` starts with `{` or `[` (flow style).
fn starts_flow(lines: &[&str], pos: Pos) -> bool {
    lines
        .get((pos.line as usize).saturating_sub(1))
        .and_then(|l| l.chars().nth((pos.col as usize).saturating_sub(1)))
        .is_some_and(|c| c == '{' || c == '[')
}

fn item_id(item: &Node) -> Option<(String, Pos)> {
    let Value::Map(pairs) = &item.value else {
        return None;
    };
    pairs
        .iter()
        .find(|(k, _)| is_key(k, "id"))
        .and_then(|(_, v)| match &v.value {
            Value::Scalar { text, .. } => Some((text.clone(), v.pos)),
            _ => None,
        })
}

/// The new text loads, has one more question than before, and the last one is the
/// draft as written.
fn verify(path: &Path, new: &[u8], draft: &Draft, items_before: usize) -> Result<(), AuthorError> {
    let unverified = |reason: String| AuthorError::Unverified {
        path: path.to_owned(),
        reason,
    };
    let shown = path.display().to_string();
    let mut diags = Vec::new();
    let Some(bank) = read_bank(&shown, new, &mut diags) else {
        return Err(unverified(diags.first().map_or_else(
            || "it does not load".to_owned(),
            |d| d.message.clone(),
        )));
    };
    let text = String::from_utf8_lossy(new);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let items = match yaml::parse(text).map(|root| root.value) {
        Ok(Value::Map(pairs)) => {
            pairs
                .iter()
                .find(|(k, _)| is_key(k, "questions"))
                .map_or(0, |(_, v)| match &v.value {
                    Value::Seq(items) => items.len(),
                    _ => 0,
                })
        }
        _ => 0,
    };
    if items != items_before + 1 {
        return Err(unverified(format!(
            "it would have {items} questions instead of {}",
            items_before + 1
        )));
    }
    let Some(question) = bank.questions.iter().rfind(|q| q.id.value == draft.id) else {
        return Err(unverified("the new question is not in it".to_owned()));
    };
    same_question(question, draft).map_err(unverified)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::testing::draft;
    use std::path::PathBuf;

    const BANK: &str = "# A bank with comments.\ntitle: TLS # inline comment\nquestions:\n  - id: first # the first\n    question: What?\n    choices: [a, b]\n    answer: A\n\n  - id: second\n    question: Why?\n    choices:\n      - a\n      - b\n    answer: B\n    # a comment at the end\n";

    fn bank_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    fn read(path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// The file after `append`: it starts with every old byte and loads with the
    /// draft as its last question.
    #[track_caller]
    fn appended_ok(old: &[u8], d: &Draft) -> String {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bank.yaml", old);
        append(&path, d, "unused").unwrap_or_else(|e| panic!("{e}"));
        let new = read(&path);
        assert!(
            new.starts_with(old),
            "old bytes changed:\n{}",
            String::from_utf8_lossy(&new)
        );
        let mut diags = Vec::new();
        let bank = read_bank("bank.yaml", &new, &mut diags);
        let bank = bank.unwrap_or_else(|| panic!("{diags:?}"));
        let last = bank
            .questions
            .last()
            .unwrap_or_else(|| panic!("no questions"));
        assert_eq!(same_question(last, d), Ok(()));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["bank.yaml"], "a temporary file was left behind");
        String::from_utf8(new).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn appending_keeps_every_byte_and_comment() {
        let new = appended_ok(BANK.as_bytes(), &draft());
        let added = &new[BANK.len()..];
        // The items are separated by blank lines, so the new one is too.
        assert!(
            added.starts_with("\n  - id: which-message\n    question: Which"),
            "{added}"
        );
        let mut diags = Vec::new();
        let bank = read_bank("b", new.as_bytes(), &mut diags);
        let ids: Vec<String> = bank
            .map(|b| b.questions.into_iter().map(|q| q.id.value).collect())
            .unwrap_or_default();
        assert_eq!(ids, ["first", "second", "which-message"]);
    }

    #[test]
    fn appending_matches_the_items_indentation() {
        let zero = "questions:\n- id: a\n  question: q\n  choices: [x, y]\n  answer: A\n";
        let new = appended_ok(zero.as_bytes(), &draft());
        assert!(
            new[zero.len()..].starts_with("- id: which-message\n  question:"),
            "{new}"
        );
        let four = "questions:\n    - id: a\n      question: q\n      choices: [x, y]\n      answer: A\n    - id: b\n      question: q\n      choices: [x, y]\n      answer: A\n";
        let new = appended_ok(four.as_bytes(), &draft());
        assert!(
            new[four.len()..].starts_with("    - id: which-message\n      question:"),
            "{new}"
        );
    }

    #[test]
    fn appending_to_a_crlf_file_with_a_bom_and_no_final_newline() {
        let old = "\u{feff}title: T\r\nquestions:\r\n  - id: a\r\n    question: q\r\n    choices: [x, y]\r\n    answer: A";
        let new = appended_ok(old.as_bytes(), &draft());
        let added = &new[old.len()..];
        assert!(
            added.starts_with("\r\n  - id: which-message\r\n"),
            "{added:?}"
        );
        assert!(!added.replace("\r\n", "").contains('\n'), "{added:?}");
        assert!(added.ends_with("\r\n"));
    }

    #[test]
    fn appending_a_multi_line_explanation_to_a_crlf_file() {
        let old = "questions:\r\n  - id: a\r\n    question: q\r\n    choices: [x, y]\r\n    answer: A\r\n";
        let mut d = draft();
        d.explanation = Some("one\ntwo\n".to_owned());
        let new = appended_ok(old.as_bytes(), &d);
        assert!(
            new.contains("    explanation: |\r\n      one\r\n      two\r\n"),
            "{new:?}"
        );
    }

    #[test]
    fn appending_under_an_empty_questions_key_or_to_an_empty_file() {
        let empty_list = "title: T\nquestions: # none yet\n\n# trailing\n";
        let new = appended_ok(empty_list.as_bytes(), &draft());
        assert!(
            new[empty_list.len()..].starts_with("  - id: which-message\n"),
            "{new}"
        );

        let mut d = draft();
        d.bank_title = Some("New: bank".to_owned());
        for old in [
            "",
            "# just a comment",
            "\n\n",
            "---\n",
            "%YAML 1.2\n--- # a comment\n",
        ] {
            let new = appended_ok(old.as_bytes(), &d);
            let added = new[old.len()..].trim_start_matches('\n');
            assert!(
                added.starts_with("title: \"New: bank\"\nquestions:\n  - id: which-message\n"),
                "{new}"
            );
        }
    }

    #[test]
    fn a_block_that_keeps_its_line_breaks_is_left_as_it_was() {
        let item = |id: &str| {
            format!(
                "  - id: {id}\n    question: Q?\n    choices: [x, y]\n    answer: A\n    explanation: |+\n      text\n"
            )
        };
        // The items are separated by blank lines, but one after `b`'s block would
        // become part of it.
        let old = format!("questions:\n{}\n{}", item("a"), item("b"));
        let new = appended_ok(old.as_bytes(), &draft());
        assert!(
            new[old.len()..].starts_with("  - id: which-message"),
            "{new}"
        );
        let explanations = |text: &str| {
            let bank = read_bank("b", text.as_bytes(), &mut Vec::new());
            bank.map(|b| {
                b.questions
                    .into_iter()
                    .map(|q| q.explanation.map(|e| e.value))
                    .collect::<Vec<_>>()
            })
        };
        let mut after = explanations(&new).unwrap_or_default();
        after.pop();
        assert_eq!(Some(after), explanations(&old));
    }

    #[test]
    fn a_missing_file_is_created_with_a_title() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("new.yaml");
        assert_eq!(
            inspect(&path).map_err(|e| e.to_string()),
            Ok(BankFile {
                exists: false,
                ids: Vec::new()
            })
        );
        append(&path, &draft(), "TLS basics").unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8(read(&path)).unwrap_or_default();
        assert_eq!(
            text,
            format!(
                "title: TLS basics\nquestions:\n{}",
                to_yaml_item(&draft(), 2)
            )
        );
        // The draft's own title wins.
        let other = dir.path().join("other.yaml");
        let mut d = draft();
        d.bank_title = Some("Asked".to_owned());
        append(&other, &d, "TLS basics").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            String::from_utf8(read(&other))
                .unwrap_or_default()
                .starts_with("title: Asked\n")
        );

        let nowhere = dir.path().join("no/such/folder/x.yaml");
        let err = append(&nowhere, &draft(), "T").map(|()| "").unwrap_err();
        assert!(matches!(err, AuthorError::NoFolder { .. }), "{err}");
        assert!(inspect(&nowhere).is_err());
    }

    #[test]
    fn a_duplicate_id_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bank.yaml", BANK.as_bytes());
        let file = inspect(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            file.ids,
            [
                ("first".to_owned(), Pos::new(4, 9)),
                ("second".to_owned(), Pos::new(9, 9))
            ]
        );
        let mut d = draft();
        d.id = "second".to_owned();
        let err = append(&path, &d, "T").map(|()| String::new()).unwrap_err();
        assert!(matches!(err, AuthorError::DuplicateId { .. }));
        let shown = path.display().to_string();
        assert_eq!(
            err.to_string(),
            format!("{shown}: id `second` is already used at {shown}:9:9")
        );
        assert_eq!(read(&path), BANK.as_bytes());
    }

    #[test]
    fn a_draft_with_errors_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bank.yaml", BANK.as_bytes());
        let mut d = draft();
        d.choices.pop();
        let err = append(&path, &d, "T").map(|()| String::new()).unwrap_err();
        assert!(
            err.to_string()
                .contains("a question needs at least 2 choices"),
            "{err}"
        );
        assert_eq!(read(&path), BANK.as_bytes());
    }

    #[test]
    fn files_that_cannot_take_an_item_at_the_end_are_refused_untouched() {
        let refused = [
            (
                "title: T\nquestions: [{id: a, question: q, choices: [x, y], answer: A}]\n",
                "flow list",
            ),
            ("title: T\nquestions: []\n", "flow list"),
            (
                "{title: T, questions: [{id: a, question: q, choices: [x, y], answer: A}]}\n",
                "flow map",
            ),
            (
                "questions:\n  - id: a\n    question: q\n    choices: [x, y]\n    answer: A\ntitle: T\n",
                "not the last key",
            ),
            (
                "questions:\n- id: a\n  question: q\n  choices: [x, y]\n  answer: A\n...\n",
                "comes after",
            ),
            (
                "questions:\n  - id: a\n    question: q\n    choices: [x, y]\n    answer: A\n---\nquestions: []\n",
                "does not load",
            ),
            (
                "\"questions\":\n  - id: a\n    question: q\n    choices: [x, y]\n    answer: A\n",
                "plain `questions:`",
            ),
            (
                "questions: !!seq\n  - id: a\n    question: q\n    choices: [x, y]\n    answer: A\n",
                "on the next lines",
            ),
            ("questions:\n  - id: a\n    question: [\n", "does not load"),
            ("questions: 3\n", "does not load"),
            ("- a\n- b\n", "does not load"),
            ("title: T\n", "does not load"),
            ("~\n", "only an empty YAML document"),
            ("null", "only an empty YAML document"),
            ("# a comment\n--- ~\n", "only an empty YAML document"),
            ("---\n...\n", "only an empty YAML document"),
            ("!!null\n", "only an empty YAML document"),
        ];
        for (old, why) in refused {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let path = bank_file(&dir, "bank.yaml", old.as_bytes());
            let err = append(&path, &draft(), "T")
                .map(|()| String::new())
                .unwrap_err();
            assert!(err.to_string().contains(why), "{old:?}: {err}");
            assert!(inspect(&path).is_err(), "{old:?}");
            assert_eq!(read(&path), old.as_bytes(), "{old:?}");
        }
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bad.yaml", b"questions:\n  - id: \xff\n");
        let err = append(&path, &draft(), "T")
            .map(|()| String::new())
            .unwrap_err();
        assert!(err.to_string().contains("invalid-utf8"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn appending_keeps_permissions_and_writes_through_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bank.yaml", BANK.as_bytes());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))
            .unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&path, &link).unwrap_or_else(|e| panic!("{e}"));
        append(&link, &draft(), "T").unwrap_or_else(|e| panic!("{e}"));
        assert!(std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        let meta = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(meta.permissions().mode() & 0o777, 0o640);
        assert!(read(&path).starts_with(BANK.as_bytes()));
        assert!(read(&path).len() > BANK.len());
    }
}
