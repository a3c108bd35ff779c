//! `quiz new`: writing a question interactively and appending it to a bank file.
//!
//! This is the pure part, with no terminal: the [`Draft`] an author fills in (a
//! question of any kind), the id proposed from its stem, its YAML, the check
//! rules run on exactly that YAML, and [`append`], which adds the item to a bank
//! file without changing a byte that is already there. The prompts live in
//! `ui::author`.

mod appending;
mod atomic;
mod id;
mod item;

pub use appending::{BankFile, append, append_bytes, inspect};
pub use id::propose_id;
pub use item::to_yaml_item;

use crate::bank::{Body, Kind, Question, Reference, Target, letter_index, read_bank, write};
use crate::check::rules::check_question;
use crate::diagnostic::{Diagnostic, Pos};
use item::nonblank;
use std::fmt::Write as _;
use std::io;
use std::path::PathBuf;

/// The path shown in the diagnostics of a draft (it is not in a file yet).
pub const DRAFT_PATH: &str = "(new question)";

/// A question as the author gave it, before it is written. Which of its
/// fields are written depends on its kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub kind: Kind,
    /// The stem.
    pub question: String,
    /// Preformatted text under the stem; several lines are a `|` block.
    pub exhibit: Option<String>,
    /// A choice question's choices.
    pub choices: Vec<String>,
    /// Each choice's `why` (empty: none), beside `choices`.
    pub whys: Vec<String>,
    /// Indices into `choices` (0 is A), as they will be written.
    pub correct: Vec<usize>,
    /// `multi: true`: "(Select all that apply)", the count not told.
    pub multi: bool,
    /// `shuffle: false`: a choice question's choices, or a match's responses,
    /// stay in file order.
    pub keep_order: bool,
    /// An order question's items, in the right order.
    pub items: Vec<String>,
    /// A match question's premises, each with its response.
    pub pairs: Vec<(String, String)>,
    /// A match question's responses that match no premise.
    pub extra: Vec<String>,
    /// A number question's answer (one), a text question's accepted answers,
    /// an open question's model answer (one, maybe of several lines).
    pub answers: Vec<String>,
    /// A number question's tolerance: `0.5`, `1%`.
    pub tolerance: Option<String>,
    /// A text question's `case: sensitive`.
    pub case_sensitive: bool,
    /// Several lines are written as a `|` block.
    pub explanation: Option<String>,
    pub references: Vec<DraftReference>,
    pub tags: Vec<String>,
    /// The `title:` of the bank file when [`append`] creates it; the terminal front
    /// asks for it when the file does not exist yet. It wins over `title_if_new`.
    pub bank_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftReference {
    Rfc {
        number: u32,
        section: Option<String>,
        title: Option<String>,
    },
    Url {
        url: String,
        title: Option<String>,
    },
}

/// Why a question could not be appended. Nothing was written when one of these
/// comes back.
#[derive(Debug, thiserror::Error)]
pub enum AuthorError {
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: the folder {} does not exist", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("{}: cannot add a question to a file that does not load; `quiz check` says:{}", path.display(), lines(.diagnostics))]
    DoesNotLoad {
        path: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    #[error("{}: cannot add a question here without rewriting the file: {reason}; edit it by hand", path.display())]
    NotAppendable { path: PathBuf, reason: String },
    #[error("{}: id `{id}` is already used at {}:{pos}", path.display(), path.display())]
    DuplicateId { path: PathBuf, id: String, pos: Pos },
    #[error("the question has errors:{}", messages(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("{}: nothing was written, because the file would not read back as expected after adding the question ({reason}); please report this", path.display())]
    Unverified { path: PathBuf, reason: String },
}

/// The messages alone: a draft's positions are in YAML the author has not seen.
fn messages(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().fold(String::new(), |mut out, d| {
        let _ = write!(
            out,
            "\n  {}: {} [{}]",
            d.severity.as_str(),
            d.message,
            d.code
        );
        out
    })
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().fold(String::new(), |mut out, d| {
        let _ = write!(
            out,
            "\n  {}:{}: {}: {} [{}]",
            d.path,
            d.pos(),
            d.severity.as_str(),
            d.message,
            d.code
        );
        out
    })
}

// ----------------------------------------------------------------------------
// Checking

/// The check rules (those of `quiz check` for one question) run on exactly what
/// [`to_yaml_item`] writes, read back with `read_bank`. Positions are in that YAML,
/// under [`DRAFT_PATH`]; the messages are those `quiz check` prints.
pub fn problems(draft: &Draft) -> Vec<Diagnostic> {
    let yaml = format!("questions:\n{}", to_yaml_item(draft, 2));
    let mut diags = Vec::new();
    let Some(bank) = read_bank(DRAFT_PATH, yaml.as_bytes(), &mut diags) else {
        return diags;
    };
    let Some(question) = bank.questions.first() else {
        return diags;
    };
    diags.extend(check_question(DRAFT_PATH, question));
    if let Err(reason) = same_question(question, draft) {
        diags.push(Diagnostic::error(
            DRAFT_PATH,
            question.pos,
            "internal",
            format!("the YAML written for this question reads back differently ({reason}); please report this"),
        ));
    }
    diags
}

/// The message of the first error, if any, among the rules' diagnostics for
/// these `codes`: for checking one field as the author types it.
pub fn field_problem(draft: &Draft, codes: &[&str]) -> Option<String> {
    problems(draft)
        .into_iter()
        .find(|d| d.is_error() && codes.contains(&d.code))
        .map(|d| d.message)
}

/// The reference an author typed: an RFC number (`5246`, `RFC 5246`) or an
/// http(s) address. The error is phrased as `quiz check` phrases it.
pub fn parse_reference(input: &str) -> Result<DraftReference, String> {
    let input = input.trim();
    let lower = input.to_ascii_lowercase();
    let looks_like_rfc =
        lower.starts_with("rfc") || input.starts_with(|c: char| c.is_ascii_digit());
    if looks_like_rfc {
        let number = lower.trim_start_matches("rfc").trim();
        match number.parse::<u32>() {
            Ok(number) if number > 0 => Ok(DraftReference::Rfc {
                number,
                section: None,
                title: None,
            }),
            _ => Err(reference_message("rfc", number)),
        }
    } else {
        let message = reference_message("url", input);
        if message.is_empty() {
            Ok(DraftReference::Url {
                url: input.to_owned(),
                title: None,
            })
        } else {
            Err(message)
        }
    }
}

/// What the `invalid-rfc` or `invalid-url` rule says about this reference (""
/// if fine), read from YAML as `quiz check` reads it.
fn reference_message(key: &str, value: &str) -> String {
    let yaml = format!(
        "questions:\n  - id: x\n    question: x\n    choices: [a, b]\n    answer: A\n    references:\n      - {key}: {}\n",
        write::double_quoted(value)
    );
    let mut diags = Vec::new();
    let bank = read_bank(DRAFT_PATH, yaml.as_bytes(), &mut diags);
    bank.iter()
        .flat_map(|b| &b.questions)
        .flat_map(|q| check_question(DRAFT_PATH, q))
        .chain(diags)
        .find(|d| matches!(d.code, "invalid-rfc" | "invalid-url"))
        .map(|d| d.message)
        .unwrap_or_default()
}

/// Whether `question` (read back from YAML) says what `draft` says.
fn same_question(question: &Question, draft: &Draft) -> Result<(), String> {
    if question.kind() != draft.kind {
        return Err("`kind` differs".to_owned());
    }
    let exhibit = question.exhibit.as_ref().map(|e| e.value.as_str());
    let wanted_exhibit = draft.exhibit.as_deref().filter(|e| !e.trim().is_empty());
    let body = same_body(&question.body, draft).map_err(|key| format!("`{key}` differs"));
    let explanation = question.explanation.as_ref().map(|e| e.value.as_str());
    let wanted_explanation = draft
        .explanation
        .as_deref()
        .filter(|e| !e.trim().is_empty());
    let references: Vec<DraftReference> = question.references.iter().map(as_draft).collect();
    let tags: Vec<&str> = question.tags.iter().map(|t| t.value.as_str()).collect();
    body?;
    let checks = [
        ("id", question.id.value == draft.id),
        ("question", question.question.value == draft.question),
        ("exhibit", exhibit == wanted_exhibit),
        ("explanation", explanation == wanted_explanation),
        ("references", references == normalized(&draft.references)),
        ("tags", tags == draft.tags),
    ];
    match checks.iter().find(|(_, same)| !same) {
        Some((key, _)) => Err(format!("`{key}` differs")),
        None => Ok(()),
    }
}

/// Whether a question's body (read back) holds what `draft` gives for its
/// kind; else the key that differs.
fn same_body(body: &Body, draft: &Draft) -> Result<(), &'static str> {
    let texts = |list: &[crate::bank::Spanned<String>]| -> Vec<String> {
        list.iter().map(|t| t.value.clone()).collect()
    };
    let same = |key: &'static str, equal: bool| if equal { Ok(()) } else { Err(key) };
    match body {
        Body::Choice(c) => {
            let choices: Vec<&str> = c
                .choices
                .value
                .iter()
                .map(|c| c.text.value.as_str())
                .collect();
            same("choices", choices == draft.choices)?;
            let whys: Vec<&str> = c
                .choices
                .value
                .iter()
                .map(|c| c.why.as_ref().map_or("", |w| w.value.as_str()))
                .collect();
            let wanted: Vec<&str> = (0..draft.choices.len())
                .map(|i| draft.whys.get(i).map_or("", |w| w.as_str()))
                .map(|w| if w.trim().is_empty() { "" } else { w })
                .collect();
            same("why", whys == wanted)?;
            let answer: Vec<Option<usize>> = c
                .answer
                .value
                .iter()
                .map(|l| letter_index(&l.value))
                .collect();
            let wanted: Vec<Option<usize>> = draft
                .correct
                .iter()
                .map(|&i| (i < 26).then_some(i))
                .collect();
            same("answer", answer == wanted)?;
            same("multi", c.multi == draft.multi)?;
            same("shuffle", c.shuffle != draft.keep_order)
        }
        Body::Order(o) => same("items", texts(&o.items.value) == draft.items),
        Body::Match(m) => {
            let pairs: Vec<(String, String)> = m
                .pairs
                .value
                .iter()
                .map(|p| (p.premise.value.clone(), p.response.value.clone()))
                .collect();
            same("pairs", pairs == draft.pairs)?;
            same("extra", texts(&m.extra) == draft.extra)?;
            same("shuffle", m.shuffle != draft.keep_order)
        }
        Body::Number(n) => {
            same("answer", [n.answer.value.clone()][..] == draft.answers[..])?;
            let tolerance = n.tolerance.as_ref().map(|t| t.value.as_str());
            let wanted = draft.tolerance.as_deref().filter(|t| !t.trim().is_empty());
            same("tolerance", tolerance == wanted)
        }
        Body::Text(t) => {
            same("answer", texts(&t.answer.value) == draft.answers)?;
            same("case", t.case_sensitive == draft.case_sensitive)
        }
        Body::Open(o) => same("answer", [o.answer.value.clone()][..] == draft.answers[..]),
    }
}

fn as_draft(reference: &Reference) -> DraftReference {
    let title = reference.title.as_ref().map(|t| t.value.clone());
    match &reference.target {
        Target::Rfc { number, section } => DraftReference::Rfc {
            number: number.value.trim().parse().unwrap_or(0),
            section: section.as_ref().map(|s| s.value.clone()),
            title,
        },
        Target::Url(url) => DraftReference::Url {
            url: url.value.clone(),
            title,
        },
    }
}

/// References as they read back: blank sections and titles are left out.
fn normalized(references: &[DraftReference]) -> Vec<DraftReference> {
    let keep = |t: &Option<String>| nonblank(t).map(str::to_owned);
    references
        .iter()
        .map(|r| match r {
            DraftReference::Rfc {
                number,
                section,
                title,
            } => DraftReference::Rfc {
                number: *number,
                section: keep(section),
                title: keep(title),
            },
            DraftReference::Url { url, title } => DraftReference::Url {
                url: url.clone(),
                title: keep(title),
            },
        })
        .collect()
}

/// What the tests of `quiz new` share.
#[cfg(test)]
mod testing {
    use super::{Draft, DraftReference};

    /// A draft with no problems.
    pub fn draft() -> Draft {
        Draft {
            id: "which-message".to_owned(),
            question: "Which message carries the chosen suite?".to_owned(),
            choices: vec!["ClientHello".to_owned(), "ServerHello".to_owned()],
            correct: vec![1],
            explanation: Some("The server picks one suite.".to_owned()),
            references: vec![DraftReference::Rfc {
                number: 5246,
                section: Some("7.4.1.3".to_owned()),
                title: Some("Server Hello".to_owned()),
            }],
            tags: vec!["tls".to_owned(), "handshake".to_owned()],
            ..Draft::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::draft;
    use super::*;

    #[test]
    fn problems_are_the_check_rules_on_what_is_written() {
        assert_eq!(problems(&draft()), Vec::new());
        let mut d = draft();
        d.id = "has space".to_owned();
        d.question = "  ".to_owned();
        d.choices = vec!["same".to_owned(), " same ".to_owned(), String::new()];
        d.correct = vec![];
        d.explanation = None;
        d.references = vec![DraftReference::Url {
            url: "ftp://x".to_owned(),
            title: None,
        }];
        let codes: Vec<&str> = problems(&d).iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            [
                "invalid-id",
                "empty-question",
                "empty-choice",
                "duplicate-choice",
                "invalid-answer",
                "invalid-url",
                "missing-explanation"
            ]
        );
        let messages: Vec<String> = problems(&d).into_iter().map(|p| p.message).collect();
        assert!(messages.contains(&"choice B repeats choice A: \"same\"".to_owned()));

        let mut one = draft();
        one.choices.truncate(1);
        one.correct = vec![2];
        assert_eq!(
            field_problem(&one, &["too-few-choices"]).as_deref(),
            Some("a question needs at least 2 choices, this one has 1")
        );
        assert_eq!(
            field_problem(&one, &["answer-out-of-range"]).as_deref(),
            Some("answer `C` names no choice: this question has 1 choices (A)")
        );
        let mut none = draft();
        none.references.clear();
        let warnings: Vec<&str> = problems(&none).iter().map(|p| p.code).collect();
        assert_eq!(warnings, ["missing-reference"]);
    }

    #[test]
    fn parses_references_and_phrases_errors_as_check_does() {
        assert_eq!(
            parse_reference("RFC 8446"),
            Ok(DraftReference::Rfc {
                number: 8446,
                section: None,
                title: None
            })
        );
        assert!(matches!(
            parse_reference("rfc5246"),
            Ok(DraftReference::Rfc { number: 5246, .. })
        ));
        assert!(matches!(
            parse_reference(" 793 "),
            Ok(DraftReference::Rfc { number: 793, .. })
        ));
        assert_eq!(
            parse_reference("https://example.com/x"),
            Ok(DraftReference::Url {
                url: "https://example.com/x".to_owned(),
                title: None
            })
        );
        assert_eq!(
            parse_reference("RFC 0").unwrap_err(),
            "`rfc` must be a positive integer such as 5246, found \"0\""
        );
        assert_eq!(
            parse_reference("rfc x").unwrap_err(),
            "`rfc` must be a positive integer such as 5246, found \"x\""
        );
        assert_eq!(
            parse_reference("www.example.com").unwrap_err(),
            "`url` must be an http:// or https:// address, found \"www.example.com\""
        );
    }
}
