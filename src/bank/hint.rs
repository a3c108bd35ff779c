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
