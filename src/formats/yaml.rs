//! Writes a bank in quiz's own YAML format, laid out as docs/bank-format.md shows
//! it: plain scalars where YAML reads them back as the same text, literal blocks for
//! text with line breaks, double quotes for the rest.

use crate::bank::{Bank, Body, Question, Reference, Target, write};
use std::fmt::Write;

/// Writes a bank in quiz's own YAML format, which `quiz check` accepts with no errors
/// (when the bank itself has none).
pub fn to_yaml(bank: &Bank) -> String {
    let mut out = String::new();
    if let Some(title) = &bank.title {
        let _ = writeln!(out, "title: {}", write::value(&title.value, 2));
    }
    out.push_str("questions:\n");
    for (i, q) in bank.questions.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        question(q, &mut out);
    }
    out
}

/// One question as [`to_yaml`] writes it among the others.
pub(super) fn question_text(q: &Question) -> String {
    let mut out = String::new();
    question(q, &mut out);
    out
}

fn question(q: &Question, out: &mut String) {
    let _ = writeln!(out, "  - id: {}", write::value(&q.id.value, 6));
    if !matches!(q.body, Body::Choice(_)) {
        let _ = writeln!(out, "    kind: {}", q.kind().name());
    }
    let _ = writeln!(out, "    question: {}", write::value(&q.question.value, 6));
    if let Some(exhibit) = &q.exhibit {
        let _ = writeln!(out, "    exhibit: {}", write::value(&exhibit.value, 6));
    }
    if let Some(image) = &q.image {
        let _ = writeln!(out, "    image: {}", write::value(&image.value, 6));
    }
    if let Some(alt) = &q.alt {
        let _ = writeln!(out, "    alt: {}", write::value(&alt.value, 6));
    }
    q.body.write(4, out);
    if let Some(e) = &q.explanation {
        let _ = writeln!(out, "    explanation: {}", write::value(&e.value, 6));
    }
    if !q.references.is_empty() {
        out.push_str("    references:\n");
        for r in &q.references {
            reference(r, out);
        }
    }
    if !q.tags.is_empty() {
        let tags: Vec<String> = q
            .tags
            .iter()
            .map(|t| write::scalar(&t.value, true))
            .collect();
        let _ = writeln!(out, "    tags: [{}]", tags.join(", "));
    }
    if !q.allow.is_empty() {
        let codes: Vec<String> = q
            .allow
            .iter()
            .map(|c| write::scalar(&c.value, true))
            .collect();
        let _ = writeln!(out, "    allow: [{}]", codes.join(", "));
    }
}

fn reference(r: &Reference, out: &mut String) {
    match &r.target {
        Target::Rfc { number, section } => {
            let n = &number.value;
            let number = if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                n.clone()
            } else {
                write::double_quoted(&number.value)
            };
            let _ = writeln!(out, "      - rfc: {number}");
            if let Some(s) = section {
                let _ = writeln!(out, "        section: {}", write::double_quoted(&s.value));
            }
        }
        Target::Url(url) => {
            let _ = writeln!(out, "      - url: {}", write::value(&url.value, 10));
        }
    }
    if let Some(t) = &r.title {
        let _ = writeln!(out, "        title: {}", write::value(&t.value, 10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Choice, Choices, Spanned, read_bank};
    use crate::diagnostic::Pos;

    fn reread(yaml: &str) -> Bank {
        let mut diags = Vec::new();
        let bank = read_bank("out.yaml", yaml.as_bytes(), &mut diags);
        assert!(diags.is_empty(), "{diags:?}\n{yaml}");
        bank.unwrap_or_else(|| panic!("no bank from\n{yaml}"))
    }

    const NASTY: &[&str] = &[
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
        "- dash",
        "key: value",
        "a # comment",
        "ends with colon:",
        "'single' \"double\"",
        "[flow], {map}",
        "  leading spaces",
        "trailing space ",
        "line one\nline two",
        "line one\nline two\n",
        "two trailing\n\n",
        "  indented\nblock",
        "\nleading newline",
        "tab\tin text",
        "back\\slash",
        "control \u{7} bell",
        "nel \u{85} and bom \u{feff}",
        "emoji 🦀 and é",
        "%percent",
        "@at",
        "`tick`",
        "!tag",
        "&anchor",
        "*alias",
        "| pipe",
        "> fold",
        "? question",
        "#hash",
        "a\n\n\nb",
        "line\n   \nspaces only line",
        "crlf\r\nline",
    ];

    #[test]
    fn every_string_reads_back_as_written() {
        let pos = Pos::new(1, 1);
        let s = |v: &str| Spanned::new(v.to_owned(), pos);
        for (i, text) in NASTY.iter().enumerate() {
            let bank = Bank {
                path: "x".into(),
                name: "x".into(),
                title: Some(s(text)),
                questions: vec![Question {
                    pos,
                    id: s(&format!("q{i}")),
                    question: s(text),
                    exhibit: Some(s(text)),
                    image: Some(s(text)),
                    alt: Some(s(text)),
                    body: Body::Choice(Choices {
                        multi: false,
                        shuffle: i % 2 == 0,
                        choices: Spanned::new(
                            vec![
                                Choice {
                                    text: s(text),
                                    why: Some(s(text)),
                                    pin: true,
                                },
                                Choice {
                                    text: s("other"),
                                    why: None,
                                    pin: false,
                                },
                            ],
                            pos,
                        ),
                        answer: Spanned::new(vec![s("A")], pos),
                    }),
                    explanation: Some(s(text)),
                    references: vec![Reference {
                        pos,
                        target: Target::Url(s(text)),
                        title: Some(s(text)),
                    }],
                    tags: vec![s(text), s("x")],
                    allow: vec![s("negative-stem")],
                }],
            };
            let yaml = to_yaml(&bank);
            let back = reread(&yaml);
            let q = &back.questions[0];
            assert_eq!(
                back.title.as_ref().map(|t| t.value.as_str()),
                Some(*text),
                "{yaml}"
            );
            assert_eq!(q.question.value, *text, "{yaml}");
            assert_eq!(
                q.exhibit.as_ref().map(|e| e.value.as_str()),
                Some(*text),
                "{yaml}"
            );
            assert_eq!(
                (
                    q.image.as_ref().map(|e| e.value.as_str()),
                    q.alt.as_ref().map(|e| e.value.as_str())
                ),
                (Some(*text), Some(*text)),
                "{yaml}"
            );
            assert_eq!(q.as_choice().shuffle, i % 2 == 0, "{yaml}");
            assert_eq!(q.allow[0].value, "negative-stem", "{yaml}");
            assert_eq!(q.as_choice().choices.value[0].text.value, *text, "{yaml}");
            assert_eq!(
                q.as_choice().choices.value[0]
                    .why
                    .as_ref()
                    .map(|t| t.value.as_str()),
                Some(*text)
            );
            assert!(q.as_choice().choices.value[0].pin);
            assert_eq!(
                q.explanation.as_ref().map(|t| t.value.as_str()),
                Some(*text),
                "{yaml}"
            );
            assert!(matches!(&q.references[0].target, Target::Url(u) if u.value == *text));
            assert_eq!(q.tags[0].value, *text, "{yaml}");
        }
    }

    #[test]
    fn reads_like_the_readme() {
        let yaml = "title: TLS session setup
questions:
  - id: tls-steps
    question: Which of the following are not steps in setting up a TLS session?
    multi: true
    choices:
      - Client sends Hello
      - text: 'Server sends Hello: listing suites'
        why: It sends one suite.
        pin: true
    answer: [A, B]
    explanation: |
      The ServerHello carries
      one suite.
    references:
      - rfc: 5246
        section: \"7.4.1.3\"
        title: Server Hello
      - url: https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3
        title: TLS 1.3 ServerHello
    tags: [tls, handshake]
";
        let written = to_yaml(&reread(yaml));
        assert_eq!(
            written,
            yaml.replace(
                "'Server sends Hello: listing suites'",
                "\"Server sends Hello: listing suites\""
            )
        );
    }
}
