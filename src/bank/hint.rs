//! What a problem found while reading a file most likely means, in an author's
//! words: the YAML parser speaks of "block mappings" and "indicators", while the
//! author needs to hear "this line is indented differently" and how to fix it.
//! Also tells a file that is not a bank at all (a README) from a broken bank.

use super::yaml::{Node, Value};
use std::path::Path;

/// The parser's `message`, followed by what it most likely means and how to fix it.
pub fn syntax(message: &str) -> String {
    let message = normalize(message);
    match likely_cause(&message) {
        Some(hint) => format!("{message}: {hint}"),
        None => message,
    }
}

/// [`syntax`] for an error at `line` of `text`: a line under a block (`exhibit: |`)
/// that is indented less than the block's lines ends the block there, whatever the
/// parser then makes of it, so that is what the message says.
pub fn syntax_at(message: &str, text: &str, line: u32) -> String {
    match short_block_line(text, line) {
        Some(block) => format!(
            "{}: this line is indented less than the block it follows (`{}` at line {}, whose lines start at column {}; this one at column {}), and YAML ends a block at the first line indented less than its lines: indent this line as far as the rest of the block",
            normalize(message),
            block.header,
            block.line,
            block.column,
            block.this_column,
        ),
        None => syntax(message),
    }
}

/// A block scalar that a line indented less than its lines cut short.
struct ShortBlock<'t> {
    /// The block's key and indicator, `exhibit: |`.
    header: &'t str,
    /// The header's line.
    line: usize,
    /// Where the block's lines start.
    column: usize,
    /// Where the cutting line starts.
    this_column: usize,
}

/// The block that line `line` of `text` (1-based) comes just after, indented less
/// than the block's lines though deeper than its key or at it: what an author who
/// meant the line as part of the block wrote.
fn short_block_line(text: &str, line: u32) -> Option<ShortBlock<'_>> {
    let at = usize::try_from(line).ok()?.checked_sub(1)?;
    let lines: Vec<&str> = text.lines().take(at + 1).collect();
    let this = lines.get(at)?;
    if this.trim().is_empty() {
        return None;
    }
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let this_indent = indent(this);
    let mut content: Option<usize> = None;
    for i in (0..at).rev() {
        let l = lines[i];
        if l.trim().is_empty() {
            continue;
        }
        let ind = indent(l);
        if let Some(c) = content
            && is_block_header(l)
        {
            // At the key's indentation, a key or list item ends the block rightly.
            let body = this.trim();
            let a_key_or_item = body.starts_with("- ")
                || body.split_once(':').is_some_and(|(key, rest)| {
                    !key.contains(' ') && (rest.is_empty() || rest.starts_with(' '))
                });
            if ind == this_indent && a_key_or_item {
                return None;
            }
            return (ind <= this_indent && this_indent < c).then(|| ShortBlock {
                header: l.trim(),
                line: i + 1,
                column: c + 1,
                this_column: this_indent + 1,
            });
        }
        if ind <= this_indent {
            return None;
        }
        content = Some(content.map_or(ind, |c| c.min(ind)));
    }
    None
}

/// Whether `line` opens a block scalar: `key: |`, `- >-`, `key: |2`.
fn is_block_header(line: &str) -> bool {
    let line = line.split(" #").next().unwrap_or(line).trim_end();
    let Some((before, indicator)) = line.rsplit_once(' ') else {
        return false;
    };
    let mut chars = indicator.chars();
    matches!(chars.next(), Some('|' | '>'))
        && chars.all(|c| matches!(c, '-' | '+' | '1'..='9'))
        && (before.trim_end().ends_with(':') || before.trim() == "-")
}

/// The parser quotes a character as `c', which reads badly next to backticks.
fn normalize(message: &str) -> String {
    match quoted_char(message) {
        Some(c) if message.starts_with("unexpected character") => {
            format!("unexpected character '{c}'")
        }
        _ => message.to_owned(),
    }
}

fn likely_cause(message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    let hint = if m.contains("did not find expected key") {
        "most likely the indentation: this line is indented differently from the keys \
         before it. The keys of a question line up with its `id:`, and the `- ` items of \
         a list line up with each other, deeper than the key they belong to"
            .to_owned()
    } else if m.contains("did not find expected '-' indicator") {
        "most likely the indentation: this line is indented as if it belonged to the \
         list above it, but it is not a `- ` item. Line up a question's keys with its \
         `id:`, and start each new question with `- `"
            .to_owned()
    } else if m.contains("simple key expected") || m.contains("could not find expected ':'") {
        "most likely a text that goes on to the next line at the indentation of the \
         keys: indent the rest of the text further than its key, or write it as a block \
         (`explanation: |`, then the text on the lines below, indented)"
            .to_owned()
    } else if m.contains("mapping values are not allowed") {
        "most likely a `: ` inside a text, which YAML reads as a new key: put the text \
         in quotes (`question: \"Which one: A or B?\"`), or write it as a block \
         (`question: |`)"
            .to_owned()
    } else if m.contains("unexpected character") || m.contains("cannot start any token") {
        match message.split('\'').nth(1).and_then(|c| c.chars().next()) {
            Some(c) => format!("a text that starts with '{c}' must be in quotes, such as \"{c}…\""),
            None => "a text that starts with this character must be in quotes".to_owned(),
        }
    } else if m.contains("tab") {
        "YAML indents with spaces only: replace the tab with spaces".to_owned()
    } else if m.contains("unclosed quote") || m.contains("found unexpected end of stream") {
        "a quoted text is not closed: add the closing quote; inside double quotes, \
         write a quote mark as `\\\"`"
            .to_owned()
    } else if m.contains("bracket")
        || m.contains("flow sequence")
        || m.contains("flow mapping")
        || m.contains("placement of ':'")
    {
        "most likely a list or map in brackets (`[…]` or `{…}`) that is not closed, or \
         closed with the other kind of bracket; a text with `,`, `[` or `:` inside \
         brackets needs quotes"
            .to_owned()
    } else {
        return None;
    };
    Some(hint)
}

/// The character the parser names in `unexpected character: `@'`.
fn quoted_char(message: &str) -> Option<char> {
    let start = message.find('`')?;
    let mut rest = message[start + 1..].chars();
    let c = rest.next()?;
    (rest.next() == Some('\'')).then_some(c)
}

/// Whether the file at `path` could be meant as a bank (or an exam blueprint): not
/// a document by its extension (Markdown, text, HTML), its first line of content is
/// a YAML key or `{`, and some line starts with the `questions` key (a blueprint's:
/// `domains`), plain or quoted.
pub fn looks_like_a_bank(path: &str, text: &str) -> bool {
    if matches!(
        extension(path).as_deref(),
        Some("md" | "markdown" | "txt" | "rst" | "html" | "htm" | "adoc")
    ) {
        return false;
    }
    let first = text.lines().map(str::trim).find(|l| {
        !(l.is_empty() || l.starts_with('#') || l.starts_with("---") || l.starts_with('%'))
    });
    let starts_as_yaml = first.is_some_and(|l| {
        l.starts_with('{')
            || l.split_once(':').is_some_and(|(key, _)| {
                let key = key.trim_matches(['"', '\'']);
                !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
            })
    });
    let has_questions = text.trim_start().starts_with('{')
        || text.lines().any(|line| {
            let key = line.trim_start_matches(['"', '\'']);
            // A bank's `questions`, or an exam blueprint's `domains`.
            ["questions", "domains"].iter().any(|name| {
                key.starts_with(name)
                    && key[name.len()..]
                        .trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with(':')
            })
        });
    starts_as_yaml && has_questions
}

fn extension(path: &str) -> Option<String> {
    Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// For a file with no `questions` key that failed to parse (`parse_error`) or is
/// not a map (`root`): the message that says it does not look like a bank.
pub fn not_a_bank(path: &str, root: Option<&Node>, parse_error: Option<&str>) -> String {
    let kind = match extension(path).as_deref() {
        Some("md" | "markdown") => " (it looks like Markdown)",
        Some("txt") => " (it looks like plain text)",
        Some("json") => " (it looks like JSON)",
        _ => "",
    };
    let what = match (parse_error, root.map(|n| &n.value)) {
        (Some(e), _) => format!("this file is not valid YAML ({})", normalize(e)),
        (None, Some(Value::Seq(_))) => {
            return "expected a bank (a map with `title` and `questions`), found a list: \
                    if these are questions, write `questions:` on the first line and \
                    indent the list under it"
                .to_owned();
        }
        (None, Some(Value::Scalar { .. })) => "this file holds only text".to_owned(),
        (None, _) => "this file has none".to_owned(),
    };
    format!(
        "this does not look like a question bank{kind}: a bank is a YAML file with a \
         `questions:` list, and {what}. Check that this is the file you meant"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_line_indented_less_than_its_block_is_named() {
        let text = "questions:\n  - id: a\n    exhibit: |\n      one\n        two\n    less\n    answer: A\n";
        let m = super::syntax_at("simple key expected ':'", text, 6);
        assert_eq!(
            m,
            "simple key expected ':': this line is indented less than the block it follows (`exhibit: |` at line 3, whose lines start at column 7; this one at column 5), and YAML ends a block at the first line indented less than its lines: indent this line as far as the rest of the block"
        );
        let deeper = text.replace("    less", "     less");
        assert!(
            super::syntax_at("did not find expected key", &deeper, 6)
                .contains("(`exhibit: |` at line 3")
        );
        // A key after the block ends it rightly: its error is its own.
        let key = text.replace("    less", "    choices: [a, b");
        assert!(
            !super::syntax_at("did not find expected ','", &key, 6).contains("block it follows")
        );
        // A line after a plain text is not under a block.
        let plain = text.replace("exhibit: |", "exhibit: x");
        assert!(
            !super::syntax_at("simple key expected ':'", &plain, 6).contains("block it follows")
        );
    }

    use super::*;

    #[test]
    fn parser_messages_get_their_likely_cause() {
        assert!(
            syntax("while parsing a block mapping, did not find expected key")
                .contains("most likely the indentation")
        );
        assert!(syntax("mapping values are not allowed in this context").contains("quotes"));
        assert_eq!(
            syntax("unexpected character: `@'"),
            "unexpected character '@': a text that starts with '@' must be in quotes, such as \"@…\""
        );
        assert_eq!(syntax("something new"), "something new");
    }

    #[test]
    fn a_bank_has_a_questions_key() {
        let bank = |text: &str| looks_like_a_bank("b.yaml", text);
        assert!(bank("title: T\nquestions:\n  - id: a\n"));
        assert!(bank(
            "# yaml-language-server: $schema=x\n---\nquestions: [\n"
        ));
        assert!(bank("\"questions\": []\n"));
        assert!(bank("{\"questions\": []}"));
        assert!(!bank("# Notes\n\nSome `code`.\n"));
        assert!(!bank("questionsx: 1\n"));
        // A README that shows a bank is still a README.
        let readme = "# quiz\n\n`quiz` asks questions.\n\n```yaml\nquestions:\n```\n";
        assert!(!bank(readme));
        assert!(!looks_like_a_bank("README.md", "title: T\nquestions: []\n"));
    }
}
