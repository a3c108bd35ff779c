//! An RFC Editor plain text into its sections: numbered headings (`7.4.1.3.  Server
//! Hello`) and appendices (`Appendix B.  ...`, `B.4.  Cipher Suites`), each with the
//! text under it. Page footers, page headers and form feeds are left out, and the
//! table of contents is never taken for headings.

use super::{Rfc, Section};
use std::collections::HashMap;

/// Parses `text`, the RFC numbered `number`.
pub fn parse(number: u32, text: &str) -> Rfc {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut sections: Vec<Section> = Vec::new();
    let mut in_contents = false;
    let mut i = 0;
    while i < lines.len() {
        let raw = lines[i].trim_end_matches('\r');
        let line_no = i + 1;
        i += 1;
        if raw.contains('\x0c') || is_footer(raw) || is_header(raw) {
            continue;
        }
        if raw.trim() == "Table of Contents" && !raw.starts_with(' ') {
            in_contents = true;
            continue;
        }
        if in_contents {
            // The contents end at the first line that is neither indented nor an
            // entry with a page number.
            if raw.trim().is_empty() || raw.starts_with([' ', '\t']) || has_page_number(raw) {
                continue;
            }
            in_contents = false;
        }
        if let Some((id, title, indent)) = heading(raw) {
            let mut title = title.to_owned();
            // A long heading wraps onto lines indented to where its title starts.
            while let Some(next) = lines.get(i).map(|l| l.trim_end_matches('\r')) {
                let lead = next.len() - next.trim_start().len();
                if next.trim().is_empty() || lead != indent || heading(next).is_some() {
                    break;
                }
                title.push(' ');
                title.push_str(next.trim());
                i += 1;
            }
            sections.push(Section {
                id,
                heading: title,
                line: u32::try_from(line_no).unwrap_or(u32::MAX),
                text: String::new(),
                end: 0,
            });
            continue;
        }
        if let Some(section) = sections.last_mut() {
            section.text.push_str(raw.trim());
            section.text.push('\n');
        }
    }
    // A heading written twice (a contents entry at column 0) counts where it is last.
    let mut last: HashMap<String, usize> = HashMap::new();
    for (k, s) in sections.iter().enumerate() {
        last.insert(s.id.clone(), k);
    }
    let mut k = 0;
    sections.retain(|s| {
        let keep = last.get(&s.id) == Some(&k);
        k += 1;
        keep
    });
    // Each section's subtree: itself and the subsections that follow it.
    for k in 0..sections.len() {
        let prefix = format!("{}.", sections[k].id);
        let mut end = k + 1;
        while end < sections.len() && sections[end].id.starts_with(&prefix) {
            end += 1;
        }
        sections[k].end = end;
    }
    Rfc::new(number, sections)
}

/// `Dierks & Rescorla     Standards Track     [Page 12]`
fn is_footer(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(']') && line.contains("[Page ")
}

/// `RFC 5246        TLS        August 2008`
fn is_header(line: &str) -> bool {
    line.strip_prefix("RFC ")
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .is_some_and(|rest| rest.starts_with("  "))
}

/// A contents entry: `7.4.1.3. Server Hello ....... 42` or `1.  Scope . . . . 3`.
fn has_page_number(line: &str) -> bool {
    let line = line.trim_end();
    let body = line.trim_end_matches(|c: char| c.is_ascii_digit());
    let leader = body.trim_end().trim_end_matches(['.', ' ']);
    body.len() < line.len() && body.trim_end().len() - leader.len() >= 3
}

/// A heading at column 0: its key (`7.4.1.3`, `B`, `B.4`), its title, and the
/// column at which the title starts.
fn heading(line: &str) -> Option<(String, &str, usize)> {
    if line.starts_with(char::is_whitespace) || has_page_number(line) {
        return None;
    }
    let (key, rest) = if let Some(rest) = line.strip_prefix("Appendix ") {
        let mut chars = rest.chars();
        let letter = chars.next().filter(char::is_ascii_uppercase)?;
        let rest = chars.as_str();
        let rest = rest
            .strip_prefix(['.', ':'])
            .or_else(|| rest.trim_start().strip_prefix('-'))
            .unwrap_or(rest);
        (letter.to_string(), rest)
    } else {
        let end = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .unwrap_or(line.len());
        let (key, rest) = line.split_at(end);
        let dotted = key.ends_with('.');
        let key = key.trim_end_matches('.');
        if !is_section_key(key) || !(dotted || rest.starts_with("  ")) {
            return None;
        }
        (key.to_owned(), rest)
    };
    let title = rest.trim();
    if title.is_empty() || !rest.starts_with(' ') {
        return None;
    }
    let indent = line.len() - rest.trim_start().len();
    Some((key, title, indent))
}

/// `7`, `7.4.1.3`, `B.4` (an appendix's letter needs a number after it).
fn is_section_key(key: &str) -> bool {
    let mut parts = key.split('.');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let numeric = |p: &str| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit());
    let head_ok = numeric(first)
        || (first.len() == 1 && first.bytes().all(|b| b.is_ascii_uppercase()) && !rest.is_empty());
    head_ok && rest.iter().all(|p| numeric(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
RFC 9999                 Example                 May 2000


Table of Contents

   1. Introduction ....................................................2
   2. Messages ........................................................3
      2.1. Hello ......................................................3
   Appendix B. Data ...................................................4

1.  Introduction

   The protocol says hello.

Author                     Informational                     [Page 1]
\x0c
RFC 9999                 Example                 May 2000


2.  Messages

2.1.  Hello

   A client sends a hello with its random value.

2.2.  A Heading That Is Long Enough That It Wraps Onto the
      Next Line

   Wrapped.

Appendix B.  Data

B.4.  Cipher Suites

   The list.
";

    fn ids(rfc: &Rfc) -> Vec<(&str, &str)> {
        rfc.sections
            .iter()
            .map(|s| (s.id.as_str(), s.heading.as_str()))
            .collect()
    }

    #[test]
    fn finds_headings_not_contents_entries() {
        let rfc = parse(9999, TEXT);
        assert_eq!(
            ids(&rfc),
            [
                ("1", "Introduction"),
                ("2", "Messages"),
                ("2.1", "Hello"),
                (
                    "2.2",
                    "A Heading That Is Long Enough That It Wraps Onto the Next Line"
                ),
                ("B", "Data"),
                ("B.4", "Cipher Suites"),
            ]
        );
        assert_eq!(rfc.sections[0].line, 11);
    }

    #[test]
    fn section_text_leaves_out_page_furniture() {
        let rfc = parse(9999, TEXT);
        let intro = &rfc.sections[0].text;
        assert!(intro.contains("The protocol says hello."), "{intro:?}");
        assert!(!intro.contains("[Page 1]"), "{intro:?}");
        assert!(!intro.contains("RFC 9999"), "{intro:?}");
        assert!(rfc.sections[2].text.contains("random value"));
    }

    #[test]
    fn subtrees_hold_the_subsections() {
        let rfc = parse(9999, TEXT);
        let messages = &rfc.sections[1];
        assert_eq!(messages.end, 4, "2 holds 2.1 and 2.2");
        assert_eq!(rfc.sections[4].end, 6, "B holds B.4");
    }

    #[test]
    fn recognises_heading_shapes() {
        assert_eq!(
            heading("7.4.1.3.  Server Hello").map(|h| (h.0, h.1)),
            Some(("7.4.1.3".to_owned(), "Server Hello"))
        );
        assert_eq!(
            heading("Appendix A.  Protocol Data").map(|h| (h.0, h.1)),
            Some(("A".to_owned(), "Protocol Data"))
        );
        assert_eq!(
            heading("1. Introduction").map(|h| h.0),
            Some("1".to_owned())
        );
        for not in [
            "   1.  Introduction",
            "Key  ^ ClientHello",
            "2008 was a year",
            "A.  Not an appendix key",
            "1.  Introduction ..........................4",
            "1.  Introduction . . . . . . . . .  4",
            "RFC 5246   TLS   August 2008",
        ] {
            assert_eq!(heading(not), None, "{not:?}");
        }
    }
}
