//! The validation rules. Each is a small function named for what it checks; its
//! diagnostics carry a stable code (the first argument of `Diagnostic::error`).

use crate::bank::{Bank, Question, Target, letter, letter_index};
use crate::diagnostic::{Diagnostic, Pos};
use std::collections::HashMap;

/// The most choices a question may have: one per letter.
pub const MAX_CHOICES: usize = 26;

type QuestionRule = fn(&Question, &mut Sink);

/// The rules that look at one question alone, in the order they run.
const QUESTION_RULES: &[QuestionRule] = &[
    id_is_valid,
    question_is_not_empty,
    stem_has_no_hint,
    choice_count_is_in_range,
    choices_are_not_empty,
    choices_are_distinct,
    answer_names_choices,
    references_are_valid,
    has_explanation,
    has_reference,
];

/// Collects the diagnostics of one file.
pub struct Sink<'a> {
    path: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    fn error(&mut self, pos: Pos, code: &'static str, message: String) {
        self.out
            .push(Diagnostic::error(self.path, pos, code, message));
    }

    fn warning(&mut self, pos: Pos, code: &'static str, message: String) {
        self.out
            .push(Diagnostic::warning(self.path, pos, code, message));
    }
}

/// Runs every rule over `banks`, in file order.
pub fn run(banks: &[Bank]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for bank in banks {
        let mut sink = Sink {
            path: &bank.path,
            out: &mut out,
        };
        for question in &bank.questions {
            for rule in QUESTION_RULES {
                rule(question, &mut sink);
            }
        }
    }
    ids_are_unique(banks, &mut out);
    out
}

/// Rules over one question, for unit tests and callers that check a single item.
pub fn check_question(path: &str, question: &Question) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut sink = Sink {
        path,
        out: &mut out,
    };
    for rule in QUESTION_RULES {
        rule(question, &mut sink);
    }
    out
}

fn id_is_valid(q: &Question, s: &mut Sink) {
    let id = &q.id.value;
    if id.is_empty() {
        s.error(q.id.pos, "invalid-id", "`id` is empty".into());
    } else if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        s.error(
            q.id.pos,
            "invalid-id",
            format!("id `{id}` has {bad:?}: use only letters, digits, `.`, `_` and `-`"),
        );
    }
}

fn question_is_not_empty(q: &Question, s: &mut Sink) {
    if q.question.value.trim().is_empty() {
        s.error(
            q.question.pos,
            "empty-question",
            "`question` is empty".into(),
        );
    }
}

/// quiz adds "(Choose 2)" or "(Select all that apply)" itself; a stem that
/// writes its own shows the hint twice.
fn stem_has_no_hint(q: &Question, s: &mut Sink) {
    let stem = q.question.value.to_lowercase();
    for hint in ["(choose ", "(select all", "(select two", "(select three"] {
        if stem.contains(hint) {
            s.warning(
                q.question.pos,
                "hint-in-stem",
                "the stem gives its own answer hint; quiz adds \"(Choose N)\" or \"(Select all that apply)\" from `answer` and `multi`".into(),
            );
            return;
        }
    }
}

fn choice_count_is_in_range(q: &Question, s: &mut Sink) {
    let n = q.choices.value.len();
    if n < 2 {
        s.error(
            q.choices.pos,
            "too-few-choices",
            format!("a question needs at least 2 choices, this one has {n}"),
        );
    } else if n > MAX_CHOICES {
        s.error(
            q.choices.pos,
            "too-many-choices",
            format!("a question may have at most {MAX_CHOICES} choices (A to Z), this one has {n}"),
        );
    }
}

fn choices_are_not_empty(q: &Question, s: &mut Sink) {
    for (i, c) in q.choices.value.iter().enumerate() {
        if c.text.value.trim().is_empty() {
            s.error(
                c.text.pos,
                "empty-choice",
                format!("choice {} is empty", letter(i)),
            );
        }
    }
}

fn choices_are_distinct(q: &Question, s: &mut Sink) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in q.choices.value.iter().enumerate() {
        let text = c.text.value.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(&first) = seen.get(text) {
            s.error(
                c.text.pos,
                "duplicate-choice",
                format!(
                    "choice {} repeats choice {}: {text:?}",
                    letter(i),
                    letter(first)
                ),
            );
        } else {
            seen.insert(text, i);
        }
    }
}

fn answer_names_choices(q: &Question, s: &mut Sink) {
    let n = q.choices.value.len().min(MAX_CHOICES);
    if q.answer.value.is_empty() {
        s.error(
            q.answer.pos,
            "invalid-answer",
            "`answer` is empty: give a letter or a list of letters".into(),
        );
        return;
    }
    let mut seen = Vec::new();
    for l in &q.answer.value {
        match letter_index(&l.value) {
            None => s.error(
                l.pos,
                "invalid-answer",
                format!("answer {:?} is not a letter: write one letter such as `A`, or a list such as `[A, C]`", l.value),
            ),
            Some(i) if i >= n => s.error(
                l.pos,
                "answer-out-of-range",
                format!(
                    "answer `{}` names no choice: this question has {n} choices ({})",
                    l.value.trim(),
                    range(n)
                ),
            ),
            Some(i) if seen.contains(&i) => s.error(
                l.pos,
                "duplicate-answer",
                format!("answer `{}` is given twice", letter(i)),
            ),
            Some(i) => seen.push(i),
        }
    }
}

fn range(n: usize) -> String {
    match n {
        0 => "none".into(),
        1 => "A".into(),
        _ => format!("A to {}", letter(n - 1)),
    }
}

fn references_are_valid(q: &Question, s: &mut Sink) {
    for r in &q.references {
        match &r.target {
            Target::Rfc { number, .. } => {
                if !matches!(number.value.trim().parse::<u32>(), Ok(n) if n > 0) {
                    s.error(
                        number.pos,
                        "invalid-rfc",
                        format!(
                            "`rfc` must be a positive integer such as 5246, found {:?}",
                            number.value
                        ),
                    );
                }
            }
            Target::Url(url) => {
                let u = url.value.trim();
                if !(u.starts_with("https://") || u.starts_with("http://"))
                    || u.contains(char::is_whitespace)
                {
                    s.error(
                        url.pos,
                        "invalid-url",
                        format!("`url` must be an http:// or https:// address, found {u:?}"),
                    );
                }
            }
        }
    }
}

fn has_explanation(q: &Question, s: &mut Sink) {
    if q.explanation.is_none() {
        s.warning(
            q.pos,
            "missing-explanation",
            format!("question `{}` has no explanation", q.id.value),
        );
    }
}

fn has_reference(q: &Question, s: &mut Sink) {
    if q.references.is_empty() {
        s.warning(
            q.pos,
            "missing-reference",
            format!("question `{}` has no references", q.id.value),
        );
    }
}

/// An id names one question across every file of a run.
fn ids_are_unique(banks: &[Bank], out: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, (&str, Pos)> = HashMap::new();
    for bank in banks {
        for q in &bank.questions {
            let id = q.id.value.as_str();
            if id.is_empty() {
                continue;
            }
            match first.get(id) {
                Some((path, pos)) => out.push(Diagnostic::error(
                    &bank.path,
                    q.id.pos,
                    "duplicate-id",
                    format!("id `{id}` is already used at {path}:{pos}"),
                )),
                None => {
                    first.insert(id, (&bank.path, q.id.pos));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::read_bank;

    /// One question, with `edit` applied to a valid one; the codes its rules give.
    fn codes(edit: &[(&str, &str)]) -> Vec<&'static str> {
        let mut text = "questions:
  - id: q1
    question: Which message carries the chosen suite?
    choices: [ClientHello, ServerHello, Finished]
    answer: B
    explanation: The ServerHello.
    references:
      - rfc: 5246
        section: 7.4.1.3
"
        .to_owned();
        for (from, to) in edit {
            assert!(text.contains(from), "{from:?} is not in the bank");
            text = text.replacen(from, to, 1);
        }
        let mut diags = Vec::new();
        let banks: Vec<Bank> = read_bank("t.yaml", text.as_bytes(), &mut diags)
            .into_iter()
            .collect();
        assert!(diags.is_empty(), "the edit broke the shape: {diags:?}");
        run(&banks).iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_valid_question_passes_every_rule() {
        assert_eq!(codes(&[]), Vec::<&str>::new());
    }

    #[test]
    fn ids_use_a_safe_alphabet() {
        assert_eq!(codes(&[("id: q1", "id: \"q 1\"")]), ["invalid-id"]);
        assert_eq!(codes(&[("id: q1", "id: \"\"")]), ["invalid-id"]);
        assert_eq!(codes(&[("id: q1", "id: tls-1.3_x")]), Vec::<&str>::new());
    }

    #[test]
    fn the_stem_is_not_empty_and_gives_no_hint() {
        assert_eq!(
            codes(&[("Which message carries the chosen suite?", "\" \"")]),
            ["empty-question"]
        );
        assert_eq!(codes(&[("suite?", "suite? (Choose 1)")]), ["hint-in-stem"]);
    }

    #[test]
    fn choices_are_two_to_twenty_six_distinct_texts() {
        assert_eq!(
            codes(&[
                ("[ClientHello, ServerHello, Finished]", "[ServerHello]"),
                ("answer: B", "answer: A")
            ]),
            ["too-few-choices"]
        );
        let many: Vec<String> = (0..27).map(|i| format!("c{i}")).collect();
        assert_eq!(
            codes(&[(
                "[ClientHello, ServerHello, Finished]",
                &format!("[{}]", many.join(", "))
            )]),
            ["too-many-choices"]
        );
        assert_eq!(
            codes(&[("Finished]", "ServerHello]")]),
            ["duplicate-choice"]
        );
        assert_eq!(codes(&[("Finished]", "\"\"]")]), ["empty-choice"]);
    }

    #[test]
    fn answers_name_choices_once() {
        assert_eq!(
            codes(&[("answer: B", "answer: D")]),
            ["answer-out-of-range"]
        );
        assert_eq!(
            codes(&[("answer: B", "answer: [B, b]")]),
            ["duplicate-answer"]
        );
        assert_eq!(codes(&[("answer: B", "answer: BC")]), ["invalid-answer"]);
        assert_eq!(codes(&[("answer: B", "answer: []")]), ["invalid-answer"]);
        assert_eq!(
            codes(&[("answer: B", "answer: [a, c]")]),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn references_are_checkable() {
        assert_eq!(codes(&[("rfc: 5246", "rfc: 0")]), ["invalid-rfc"]);
        assert_eq!(codes(&[("rfc: 5246", "rfc: RFC5246")]), ["invalid-rfc"]);
        assert_eq!(
            codes(&[(
                "- rfc: 5246\n        section: 7.4.1.3",
                "- url: ftp://example.org"
            )]),
            ["invalid-url"]
        );
    }

    #[test]
    fn explanation_and_references_are_expected() {
        assert_eq!(
            codes(&[("    explanation: The ServerHello.\n", "")]),
            ["missing-explanation"]
        );
        assert_eq!(
            codes(&[(
                "    references:\n      - rfc: 5246\n        section: 7.4.1.3\n",
                ""
            )]),
            ["missing-reference"]
        );
    }

    #[test]
    fn an_id_is_used_once_across_banks() {
        let text = "questions:\n  - id: same\n    question: Q?\n    choices: [a, b]\n    answer: A\n    explanation: E.\n    references: [{url: https://example.org}]\n";
        let mut diags = Vec::new();
        let banks: Vec<Bank> = ["a.yaml", "b.yaml"]
            .iter()
            .filter_map(|p| read_bank(p, text.as_bytes(), &mut diags))
            .collect();
        let found = run(&banks);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].path.as_str(), found[0].code),
            ("b.yaml", "duplicate-id")
        );
        assert_eq!(found[0].message, "id `same` is already used at a.yaml:2:9");
    }
}
