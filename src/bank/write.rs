//! Writing scalars of quiz's YAML: plain where YAML reads the text back as the
//! same string, a `|` block for multi-line text where a block keeps it exactly,
//! else double-quoted with escapes. Shared by `quiz import` and `quiz new`, so
//! that both write the same way and round-trip under the same rules.

use std::fmt::Write;

/// One scalar after `key: ` or after `- `: plain, else double-quoted. `flow` is
/// for an item of a `[...]` list, where `,[]{}` are taken.
pub fn scalar(text: &str, flow: bool) -> String {
    if plain_safe(text, flow) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// A value after `key: `: a literal block with its lines at `indent` spaces when
/// the text has several lines and a block keeps it exactly, else [`scalar`].
/// Without a final line break.
pub fn value(text: &str, indent: usize) -> String {
    if !text.contains('\n') || !block_safe(text) {
        return scalar(text, false);
    }
    let body = text.trim_end_matches('\n');
    let trailing = text.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let pad = " ".repeat(indent);
    let mut out = format!("|{chomp}");
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    out
}

/// Characters that may stand as they are in a plain or block scalar: printable,
/// and not a line break or byte-order mark in any YAML version, nor a
/// bidirectional override (YAML lets one stand, but the file is then not what it
/// looks like, in an editor or at a terminal: it is written as `\u202E`).
fn printable(c: char) -> bool {
    !(c.is_control()
        || crate::safe::is_unsafe(c)
        || matches!(
            c,
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        ))
}

/// Whether a literal block reads back as exactly `text`: printable characters,
/// no line of only blanks, and a first line that does not start with a blank
/// (which would change the block's indentation).
fn block_safe(text: &str) -> bool {
    let printable = text
        .chars()
        .all(|c| matches!(c, '\n' | '\t') || printable(c));
    let blank_lines = text
        .split('\n')
        .any(|l| !l.is_empty() && l.trim_matches([' ', '\t']).is_empty());
    let first = text.split('\n').find(|l| !l.is_empty());
    let indented = first.is_none_or(|l| l.starts_with([' ', '\t']));
    printable && !blank_lines && !indented
}

fn plain_safe(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text
        || !text
            .chars()
            .all(|c| c == ' ' || (c != '\t' && printable(c)))
    {
        return false;
    }
    // Indicators that mean something else at the start of a scalar, and the
    // starts of numbers, dates and `~`.
    if "-?:,[]{}#&*!|>'\"%@`+.~".contains(first) || first.is_ascii_digit() {
        return false;
    }
    if text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    if flow && text.contains([',', '[', ']', '{', '}', ':', '#']) {
        return false;
    }
    // Text that YAML 1.1 or 1.2 reads as null, a boolean or a number.
    let word = text.to_ascii_lowercase();
    let reserved = [
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "=", "<<", "nan", "inf",
        "infinity",
    ];
    !reserved.contains(&word.as_str()) && text.parse::<f64>().is_err()
}

/// Always double-quoted, with YAML's escapes.
pub fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{a0}' => out.push_str("\\_"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if (c as u32) < 0x100 && !printable(c) => {
                let _ = write!(out, "\\x{:02X}", c as u32);
            }
            c if !printable(c) && (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c if !printable(c) => {
                let _ = write!(out, "\\U{:08X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `key: VALUE` read back by the bank's own YAML parser.
    fn reads_back(text: &str) {
        let yaml = format!("k: {}\nl: [{}]\n", value(text, 2), scalar(text, true));
        let root =
            crate::bank::yaml::parse(&yaml).unwrap_or_else(|e| panic!("{text:?}: {e:?}\n{yaml}"));
        let crate::bank::yaml::Value::Map(pairs) = root.value else {
            panic!("not a map: {yaml}");
        };
        let block = match &pairs[0].1.value {
            crate::bank::yaml::Value::Scalar { text, .. } => text.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(block, text, "{yaml}");
        let crate::bank::yaml::Value::Seq(items) = &pairs[1].1.value else {
            panic!("not a list: {yaml}");
        };
        match &items[0].value {
            crate::bank::yaml::Value::Scalar { text: t, .. } => assert_eq!(t, text, "{yaml}"),
            other => panic!("{other:?} in {yaml}"),
        }
    }

    #[test]
    fn text_reads_back_exactly() {
        for text in [
            "plain text",
            "yes",
            "No",
            "null",
            "~",
            "3.14",
            "10.10",
            "1e3",
            "0x1F",
            ".inf",
            "-1",
            "+1",
            "2024-01-01",
            "a: b",
            "a #b",
            "ends:",
            "- dash",
            "[x]",
            "{x}",
            "a, b",
            "#x",
            "&a",
            "*a",
            "!t",
            "|",
            ">",
            "'q'",
            "\"q\"",
            "%x",
            "@x",
            "`x`",
            " lead",
            "trail ",
            "tab\there",
            "two\nlines",
            "two\nlines\n",
            "two\nlines\n\n",
            "  indented\nblock",
            "blank\n \nline",
            "nul\0byte",
            "bell\u{7}",
            "nel\u{85}",
            "bom\u{feff}",
            "é ü 日本",
            "=",
            "<<",
            "on",
            "Y",
            "nan",
            "inf",
            "a\\b",
            "quote \" inside",
            "",
        ] {
            reads_back(text);
        }
    }
}
