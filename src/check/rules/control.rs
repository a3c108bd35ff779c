//! Control characters and bidirectional overrides in a bank's text: what a
//! terminal would act on (ESC starts the sequences that retitle a window or
//! write the clipboard) or what reorders the text after it. quiz shows them
//! safely wherever it prints ([`crate::safe`]), so in prose they are a warning
//! and the bank still runs; in the fields that name things (ids, tags, urls,
//! RFC numbers and sections, `allow` codes) they are an error, since there the
//! text must be exactly what it looks like.

use super::{Check, Rule, Sink};
use crate::bank::{Question, Spanned, Target};
use crate::check::Config;
use crate::diagnostic::Severity::{self, Error, Warning};
use crate::safe;

pub const CONTROL_CHARACTER: Rule = Rule {
    code: "control-character",
    // Registered as an error, so that `quiz run`'s refusal of bad banks looks for
    // it too; in prose it is reported as a warning.
    severity: Error,
    summary: "a control character (ESC, BEL, CR, DEL, C1) or bidi override (U+202A–U+202E): a warning in prose (stem, choices, why, explanation, exhibit, `alt`, titles), where quiz shows it safely; an error in ids, tags, urls, `image` paths, RFC numbers and sections, `allow`",
    flags: "`question: \"Which \\e]0;owned\\a alert?\"`, `id: \"q\\e[2J\"`",
    passes: "`question: Which alert?`, a tab or a line break in an exhibit",
    check: Check::Question(control_characters),
};

fn control_characters(q: &Question, _: &Config, s: &mut Sink) {
    let mut prose = |what: &str, text: &Spanned<String>| look(s, Warning, what, text);
    prose("the stem", &q.question);
    if let Some(exhibit) = &q.exhibit {
        prose("the exhibit", exhibit);
    }
    if let Some(alt) = &q.alt {
        prose("the `alt` text", alt);
    }
    for part in q.body.model().texts() {
        prose(&part.what.to_string(), part.text);
    }
    if let Some(e) = &q.explanation {
        prose("the explanation", e);
    }
    for r in &q.references {
        if let Some(title) = &r.title {
            prose("a reference's title", title);
        }
    }
    look(s, Error, "the id", &q.id);
    if let Some(image) = &q.image {
        look(s, Error, "the `image` path", image);
    }
    for tag in &q.tags {
        look(s, Error, "a tag", tag);
    }
    for allow in &q.allow {
        look(s, Error, "an `allow` code", allow);
    }
    for r in &q.references {
        match &r.target {
            Target::Url(url) => look(s, Error, "a `url`", url),
            Target::Rfc { number, section } => {
                look(s, Error, "an `rfc` number", number);
                if let Some(section) = section {
                    look(s, Error, "an RFC `section`", section);
                }
            }
        }
    }
}

/// The bank's own title: prose, a warning. (Not a question's field, so
/// `check_file` looks at it once per file.)
pub fn title(title: &Spanned<String>, s: &mut Sink) {
    look(s, Warning, "the bank's title", title);
}

/// Reports the first control character or override of `text`, if any, naming
/// its code point and where in the value it stands, and how many more follow.
fn look(s: &mut Sink, severity: Severity, what: &str, text: &Spanned<String>) {
    let Some((at, c)) = text.value.char_indices().find(|&(_, c)| safe::is_unsafe(c)) else {
        return;
    };
    let before = &text.value[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let place = if text.value.contains('\n') {
        format!("line {line}, character {column} of its text")
    } else {
        format!("character {column}")
    };
    let more = text.value[at..]
        .chars()
        .filter(|&c| safe::is_unsafe(c))
        .count()
        - 1;
    let more = match more {
        0 => String::new(),
        1 => " (and 1 more)".to_owned(),
        n => format!(" (and {n} more)"),
    };
    let consequence = match severity {
        Warning => "quiz shows it as text, but other programs may act on it",
        Error => "a name must be exactly what it looks like",
    };
    s.report_as(
        &CONTROL_CHARACTER,
        severity,
        text.pos,
        format!(
            "{what} holds {} at {place}{more}: {consequence}; remove it",
            describe(c)
        ),
    );
}

/// `U+001B (ESC)`: the code point, and its name where it has a short one.
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{7}' => "BEL",
        '\u{8}' => "BACKSPACE",
        '\u{b}' => "VT",
        '\u{c}' => "FF",
        '\r' => "CR",
        '\u{1b}' => "ESC",
        '\u{7f}' => "DEL",
        '\u{85}' => "NEL",
        '\u{9b}' => "CSI",
        '\u{9d}' => "OSC",
        '\u{202a}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202b}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202c}' => "POP DIRECTIONAL FORMATTING",
        '\u{202d}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202e}' => "RIGHT-TO-LEFT OVERRIDE",
        c if c.is_control() => "a control character",
        _ => return format!("U+{:04X}", c as u32),
    };
    format!("U+{:04X} ({name})", c as u32)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{parse, run_with};
    use super::*;
    use crate::diagnostic::Diagnostic;

    fn found(yaml: &str) -> Vec<Diagnostic> {
        run_with(control_characters, &parse(yaml), &Config::default())
    }

    #[test]
    fn prose_gives_a_warning_naming_the_code_point_and_its_place() {
        let d = found(
            "questions:
  - id: q1
    question: \"Which \\e]0;owned\\a record?\"
    choices: [a, \"b \\u202e\"]
    answer: A
",
        );
        let seen: Vec<(Severity, u32, u32, &str)> = d
            .iter()
            .map(|d| (d.severity, d.line, d.col, d.message.as_str()))
            .collect();
        assert_eq!(
            seen,
            [
                (
                    Warning,
                    3,
                    15,
                    "the stem holds U+001B (ESC) at character 7 (and 1 more): quiz shows it as text, but other programs may act on it; remove it"
                ),
                (
                    Warning,
                    4,
                    18,
                    "choice B holds U+202E (RIGHT-TO-LEFT OVERRIDE) at character 3: quiz shows it as text, but other programs may act on it; remove it"
                ),
            ]
        );
    }

    #[test]
    fn names_give_an_error() {
        let d = found(
            "questions:
  - id: \"q\\e[2J\"
    question: Q?
    choices: [a, b]
    answer: A
    tags: [\"t\\x9b\"]
    references:
      - url: \"https://x.example/\\x07\"
      - rfc: 8446
        section: \"4.1\\e\"
",
        );
        let errors: Vec<(u32, &str)> = d
            .iter()
            .filter(|d| d.severity == Error)
            .map(|d| (d.line, d.message.split(':').next().unwrap_or("")))
            .collect();
        assert_eq!(
            errors,
            [
                (2, "the id holds U+001B (ESC) at character 2"),
                (6, "a tag holds U+009B (CSI) at character 2"),
                (8, "a `url` holds U+0007 (BEL) at character 19"),
                (10, "an RFC `section` holds U+001B (ESC) at character 4"),
            ]
        );
    }

    #[test]
    fn tabs_line_breaks_and_right_to_left_marks_pass() {
        let d = found(
            "questions:
  - id: q1
    question: \"ab\\tc\\nשלום \\u200f\\u2067x\\u2069\"
    exhibit: \"a\\tb\\n\\tc\"
    choices: [a, b]
    answer: A
",
        );
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn a_multi_line_text_says_which_line() {
        let d = found(
            "questions:
  - id: q1
    question: Q?
    exhibit: \"one\\ntwo \\e[31m\"
    choices: [a, b]
    answer: A
",
        );
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message
                .starts_with("the exhibit holds U+001B (ESC) at line 2, character 5 of its text"),
            "{}",
            d[0].message
        );
    }
}
