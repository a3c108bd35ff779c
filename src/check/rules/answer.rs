//! The answer: letters, each naming a choice, each once.

use super::{Check, MAX_CHOICES, Rule, Sink};
use crate::bank::{Question, letter, letter_index};
use crate::check::Config;
use crate::diagnostic::Severity::Error;

pub const INVALID_ANSWER: Rule = Rule {
    code: "invalid-answer",
    severity: Error,
    summary: "an `answer` that is empty or not letters",
    flags: "`answer: BC` or `answer: []`",
    passes: "`answer: B` or `answer: [B, C]`",
    check: Check::Question(answer_is_letters),
};

fn answer_is_letters(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    if q.answer.value.is_empty() {
        s.report(
            &INVALID_ANSWER,
            q.answer.pos,
            "`answer` is empty: give a letter or a list of letters",
        );
    }
    for l in &q.answer.value {
        if letter_index(&l.value).is_none() {
            s.report(
                &INVALID_ANSWER,
                l.pos,
                format!("answer {:?} is not a letter: write one letter such as `A`, or a list such as `[A, C]`", l.value),
            );
        }
    }
}

pub const ANSWER_OUT_OF_RANGE: Rule = Rule {
    code: "answer-out-of-range",
    severity: Error,
    summary: "an answer letter that names no choice",
    flags: "`answer: E` with four choices",
    passes: "`answer: D` with four choices",
    check: Check::Question(answer_names_choices),
};

fn answer_names_choices(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    let n = q.choices.value.len().min(MAX_CHOICES);
    for l in &q.answer.value {
        if letter_index(&l.value).is_some_and(|i| i >= n) {
            s.report(
                &ANSWER_OUT_OF_RANGE,
                l.pos,
                format!(
                    "answer `{}` names no choice: this question has {n} choices ({})",
                    l.value.trim(),
                    range(n)
                ),
            );
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

pub const DUPLICATE_ANSWER: Rule = Rule {
    code: "duplicate-answer",
    severity: Error,
    summary: "an answer letter given twice",
    flags: "`answer: [B, b]`",
    passes: "`answer: [B, C]`",
    check: Check::Question(answer_letters_are_distinct),
};

fn answer_letters_are_distinct(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    let mut seen = Vec::new();
    for l in &q.answer.value {
        let Some(i) = letter_index(&l.value) else {
            continue;
        };
        if seen.contains(&i) {
            s.report(
                &DUPLICATE_ANSWER,
                l.pos,
                format!("answer `{}` is given twice", letter(i)),
            );
        } else {
            seen.push(i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::codes;

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
}
