//! A draft as YAML: one item of a bank's `questions:` list, with the keys of
//! its kind.

use super::{Draft, DraftReference};
use crate::bank::{Kind, letter, write};
use std::fmt::Write as _;

/// The draft as one item of a `questions:` list, its dash `indent` spaces in, each
/// line ending in `\n`. Text is written plain where YAML reads it back as the same
/// string, else double-quoted with escapes; an explanation of several lines is a
/// `|` block.
pub fn to_yaml_item(draft: &Draft, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    // `{pad}- ` then every key of the item at `{key}`.
    let key = format!("{pad}  ");
    let _ = writeln!(out, "{pad}- id: {}", write::scalar(&draft.id, false));
    if draft.kind != Kind::Choice {
        let _ = writeln!(out, "{key}kind: {}", draft.kind.name());
    }
    let _ = writeln!(
        out,
        "{key}question: {}",
        write::scalar(&draft.question, false)
    );
    if let Some(exhibit) = nonblank(&draft.exhibit) {
        let _ = writeln!(
            out,
            "{key}exhibit: {}",
            write::value(exhibit, key.len() + 2)
        );
    }
    body(draft, &key, &mut out);
    if let Some(explanation) = draft
        .explanation
        .as_deref()
        .filter(|e| !e.trim().is_empty())
    {
        let _ = writeln!(
            out,
            "{key}explanation: {}",
            write::value(explanation, key.len() + 2)
        );
    }
    if !draft.references.is_empty() {
        let _ = writeln!(out, "{key}references:");
        for reference in &draft.references {
            let title = match reference {
                DraftReference::Rfc {
                    number,
                    section,
                    title,
                } => {
                    let _ = writeln!(out, "{key}  - rfc: {number}");
                    if let Some(section) = nonblank(section) {
                        let _ =
                            writeln!(out, "{key}    section: {}", write::scalar(section, false));
                    }
                    title
                }
                DraftReference::Url { url, title } => {
                    let _ = writeln!(out, "{key}  - url: {}", write::scalar(url, false));
                    title
                }
            };
            if let Some(title) = nonblank(title) {
                let _ = writeln!(out, "{key}    title: {}", write::scalar(title, false));
            }
        }
    }
    if !draft.tags.is_empty() {
        let tags: Vec<String> = draft.tags.iter().map(|t| write::scalar(t, true)).collect();
        let _ = writeln!(out, "{key}tags: [{}]", tags.join(", "));
    }
    out
}

/// The keys of the draft's kind.
fn body(draft: &Draft, key: &str, out: &mut String) {
    let list = |out: &mut String, name: &str, items: &[String]| {
        if items.is_empty() {
            let _ = writeln!(out, "{key}{name}: []");
        } else {
            let _ = writeln!(out, "{key}{name}:");
            for item in items {
                let _ = writeln!(out, "{key}  - {}", write::scalar(item, false));
            }
        }
    };
    let keep_order = |out: &mut String| {
        if draft.keep_order {
            let _ = writeln!(out, "{key}shuffle: false");
        }
    };
    match draft.kind {
        Kind::Choice => {
            if draft.multi {
                let _ = writeln!(out, "{key}multi: true");
            }
            keep_order(out);
            if draft.choices.is_empty() {
                let _ = writeln!(out, "{key}choices: []");
            } else {
                let _ = writeln!(out, "{key}choices:");
                for (i, choice) in draft.choices.iter().enumerate() {
                    let text = write::scalar(choice, false);
                    match draft.whys.get(i).filter(|w| !w.trim().is_empty()) {
                        None => {
                            let _ = writeln!(out, "{key}  - {text}");
                        }
                        Some(why) => {
                            let _ = writeln!(out, "{key}  - text: {text}");
                            let why = write::value(why, key.len() + 6);
                            let _ = writeln!(out, "{key}    why: {why}");
                        }
                    }
                }
            }
            let _ = writeln!(out, "{key}answer: {}", answer(&draft.correct));
        }
        Kind::Order => list(out, "items", &draft.items),
        Kind::Match => {
            if draft.pairs.is_empty() {
                let _ = writeln!(out, "{key}pairs: []");
            } else {
                let _ = writeln!(out, "{key}pairs:");
                for (premise, response) in &draft.pairs {
                    let _ = writeln!(
                        out,
                        "{key}  - {}: {}",
                        write::scalar(premise, false),
                        write::scalar(response, false)
                    );
                }
            }
            if !draft.extra.is_empty() {
                list(out, "extra", &draft.extra);
            }
            keep_order(out);
        }
        Kind::Number => {
            let value = draft.answers.first().map_or("", String::as_str);
            let _ = writeln!(out, "{key}answer: {}", write::scalar(value, false));
            if let Some(tolerance) = nonblank(&draft.tolerance) {
                let _ = writeln!(out, "{key}tolerance: {}", write::scalar(tolerance, false));
            }
        }
        Kind::Text => {
            list(out, "answer", &draft.answers);
            if draft.case_sensitive {
                let _ = writeln!(out, "{key}case: sensitive");
            }
        }
        Kind::Open => {
            let value = draft.answers.first().map_or("", String::as_str);
            let _ = writeln!(out, "{key}answer: {}", write::value(value, key.len() + 2));
        }
    }
}

pub(super) fn nonblank(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|t| !t.trim().is_empty())
}

/// `B`, or `[A, C]`; an index past Z (which no valid question has) is written so
/// that `check` reports it.
fn answer(correct: &[usize]) -> String {
    let letters: Vec<String> = correct
        .iter()
        .map(|&i| {
            if i < 26 {
                letter(i).to_string()
            } else {
                format!("\"{}\"", i + 1)
            }
        })
        .collect();
    match letters.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", letters.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::testing::draft;
    use crate::author::{problems, same_question};
    use crate::bank::Kind;
    use crate::bank::{Question, read_bank};

    /// The draft's item in a bank of its own, read back.
    fn read_back(draft: &Draft) -> Question {
        let yaml = format!("questions:\n{}", to_yaml_item(draft, 2));
        let mut diags = Vec::new();
        let bank = read_bank("t.yaml", yaml.as_bytes(), &mut diags);
        assert!(diags.is_empty(), "{yaml}\n{diags:?}");
        let bank = bank.unwrap_or_else(|| panic!("does not load:\n{yaml}"));
        assert_eq!(bank.questions.len(), 1, "{yaml}");
        bank.questions[0].clone()
    }

    #[test]
    fn writes_a_plain_item_like_the_readme() {
        assert_eq!(
            to_yaml_item(&draft(), 2),
            "  - id: which-message
    question: Which message carries the chosen suite?
    choices:
      - ClientHello
      - ServerHello
    answer: B
    explanation: The server picks one suite.
    references:
      - rfc: 5246
        section: \"7.4.1.3\"
        title: Server Hello
    tags: [tls, handshake]
"
        );
        let mut several = draft();
        several.correct = vec![0, 1];
        several.references = vec![DraftReference::Url {
            url: "https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3".to_owned(),
            title: None,
        }];
        several.explanation = Some("Line one.\nLine two.\n".to_owned());
        several.tags.clear();
        assert_eq!(
            to_yaml_item(&several, 0),
            "- id: which-message
  question: Which message carries the chosen suite?
  choices:
    - ClientHello
    - ServerHello
  answer: [A, B]
  explanation: |
    Line one.
    Line two.
  references:
    - url: https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3
"
        );
    }

    const NASTY: &[&str] = &[
        "a: b",
        "a:b",
        "ends with:",
        "#hash",
        "x #not a comment",
        "x#y",
        "'single'",
        "\"double\"",
        "it's",
        "say \"hi\"",
        "- dash",
        "-dash",
        "--",
        "---",
        "...",
        "* star",
        "*alias",
        "&anchor",
        "!tag",
        "!!str",
        "{a: 1}",
        "[a, b]",
        "a, b",
        "%percent",
        "@at",
        "`tick`",
        "| bar",
        "> gt",
        "? q",
        "?",
        ":",
        "-",
        "123",
        "007",
        "1.5",
        "10.10",
        "0x1F",
        "0o17",
        "1e3",
        "-1",
        "+1",
        ".5",
        ".inf",
        "-.inf",
        ".NaN",
        "1_000",
        "1:30",
        "2001-12-14",
        "true",
        "False",
        "TRUE",
        "null",
        "Null",
        "~",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        "<<",
        "=",
        "",
        " ",
        " lead",
        "trail ",
        "tab\tin",
        "back\\slash",
        "\\n",
        "new\nline",
        "cr\rret",
        "crlf\r\n",
        "bell\u{7}",
        "nul\u{0}",
        "esc\u{1b}[0m",
        "del\u{7f}",
        "nel\u{85}",
        "nbsp\u{a0}x",
        "ls\u{2028}ps\u{2029}",
        "\u{feff}bom",
        "noncharacter\u{fffe}",
        "é ü 中文 🎉",
        "RFC 5246 §7.4.1.3",
        "50%",
        "a  b",
        "trailing\n",
        "\nleading",
    ];

    #[test]
    fn nasty_text_round_trips_exactly() {
        for &text in NASTY {
            let mut d = draft();
            d.question = text.to_owned();
            d.choices = vec![text.to_owned(), format!("other {text}")];
            d.tags = vec![text.to_owned(), "plain".to_owned()];
            d.references = vec![
                DraftReference::Rfc {
                    number: 1,
                    section: Some(text.to_owned()),
                    title: Some(text.to_owned()),
                },
                DraftReference::Url {
                    url: "https://example.com/a#b".to_owned(),
                    title: Some(text.to_owned()),
                },
            ];
            d.explanation = Some(text.to_owned());
            let q = read_back(&d);
            assert_eq!(q.question.value, text, "{}", to_yaml_item(&d, 2));
            let choices: Vec<&str> = q
                .as_choice()
                .choices
                .value
                .iter()
                .map(|c| c.text.value.as_str())
                .collect();
            assert_eq!(choices, [text, &format!("other {text}")]);
            let tags: Vec<&str> = q.tags.iter().map(|t| t.value.as_str()).collect();
            assert_eq!(tags, [text, "plain"], "{}", to_yaml_item(&d, 2));
            assert_eq!(
                same_question(&q, &d),
                Ok(()),
                "{text:?}:\n{}",
                to_yaml_item(&d, 2)
            );
            assert!(
                !problems(&d).iter().any(|p| p.code == "internal"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn every_kind_is_written_with_its_keys_and_reads_back_as_given() {
        let base = draft();
        let kinds = [
            Draft {
                exhibit: Some("  indented\ncolumns".to_owned()),
                whys: vec![String::new(), "It: names the suite.".to_owned()],
                multi: true,
                keep_order: true,
                ..base.clone()
            },
            Draft {
                kind: Kind::Order,
                items: vec!["ClientHello".into(), "1024".into(), "a: b".into()],
                ..base.clone()
            },
            Draft {
                kind: Kind::Match,
                pairs: vec![
                    ("ClientHello".into(), "nothing".into()),
                    ("a: b".into(), "10.10".into()),
                ],
                extra: vec!["yes".into()],
                keep_order: true,
                ..base.clone()
            },
            Draft {
                kind: Kind::Number,
                answers: vec!["16,384".into()],
                tolerance: Some("1%".into()),
                ..base.clone()
            },
            Draft {
                kind: Kind::Text,
                answers: vec!["server_name".into(), "null".into()],
                case_sensitive: true,
                ..base.clone()
            },
            Draft {
                kind: Kind::Open,
                answers: vec!["Two lines:\nof a model answer.\n".into()],
                ..base.clone()
            },
        ];
        for d in kinds {
            let q = read_back(&d);
            assert_eq!(q.kind(), d.kind, "{}", to_yaml_item(&d, 2));
            assert_eq!(same_question(&q, &d), Ok(()), "{}", to_yaml_item(&d, 2));
            let errors: Vec<_> = problems(&d).into_iter().filter(|p| p.is_error()).collect();
            assert!(errors.is_empty(), "{errors:?}\n{}", to_yaml_item(&d, 2));
        }
    }

    #[test]
    fn nasty_ids_round_trip_exactly() {
        for id in ["123", "1.5", "true", "null", "-x", "a b", "x: y", "", "é"] {
            let mut d = draft();
            d.id = id.to_owned();
            assert_eq!(read_back(&d).id.value, id);
        }
    }

    #[test]
    fn explanations_of_several_lines_are_blocks_that_round_trip() {
        let cases = [
            ("one\ntwo", "|-"),
            ("one\ntwo\n", "|\n"),
            ("one\n\ntwo\n\n\n", "|+"),
            ("\nstarts empty\nthen text", "|-"),
            ("first\n  indented: yes # really\n- dash", "|-"),
            ("tabs\tinside\n\tand first", "|-"),
            ("  starts indented\nx", "\""),
            ("blank\n   \nline", "\""),
            ("control\u{7}\nx", "\""),
            ("crlf\r\nx", "\""),
        ];
        for (text, style) in cases {
            let mut d = draft();
            d.explanation = Some(text.to_owned());
            let item = to_yaml_item(&d, 4);
            assert!(
                item.contains(&format!("explanation: {style}")),
                "{text:?}:\n{item}"
            );
            let q = read_back(&d);
            assert_eq!(
                q.explanation.map(|e| e.value).as_deref(),
                Some(text),
                "{item}"
            );
        }
    }
}
