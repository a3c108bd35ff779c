//! The choices: how many, each written and distinct, catch-alls pinned, and no
//! length cue to the right one.

use super::{Check, MAX_CHOICES, Rule, Sink};
use crate::bank::{Question, letter};
use crate::check::Config;
use crate::diagnostic::Severity::{Error, Warning};
use std::collections::HashMap;

pub const TOO_FEW_CHOICES: Rule = Rule {
    code: "too-few-choices",
    severity: Error,
    summary: "fewer than 2 choices",
    flags: "`choices: [ServerHello]`",
    passes: "`choices: [ClientHello, ServerHello]`",
    check: Check::Question(has_two_choices),
};

fn has_two_choices(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    let n = q.choices.value.len();
    if n < 2 {
        s.report(
            &TOO_FEW_CHOICES,
            q.choices.pos,
            format!("a question needs at least 2 choices, this one has {n}"),
        );
    }
}

pub const TOO_MANY_CHOICES: Rule = Rule {
    code: "too-many-choices",
    severity: Error,
    summary: "more than 26 choices (one per letter)",
    flags: "27 choices",
    passes: "26 choices, A to Z",
    check: Check::Question(has_at_most_26_choices),
};

fn has_at_most_26_choices(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    let n = q.choices.value.len();
    if n > MAX_CHOICES {
        s.report(
            &TOO_MANY_CHOICES,
            q.choices.pos,
            format!("a question may have at most {MAX_CHOICES} choices (A to Z), this one has {n}"),
        );
    }
}

pub const EMPTY_CHOICE: Rule = Rule {
    code: "empty-choice",
    severity: Error,
    summary: "a choice with no text",
    flags: "`choices: [ClientHello, \"\"]`",
    passes: "`choices: [ClientHello, ServerHello]`",
    check: Check::Question(choices_are_not_empty),
};

fn choices_are_not_empty(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    for (i, c) in q.choices.value.iter().enumerate() {
        if c.text.value.trim().is_empty() {
            s.report(
                &EMPTY_CHOICE,
                c.text.pos,
                format!("choice {} is empty", letter(i)),
            );
        }
    }
}

pub const DUPLICATE_CHOICE: Rule = Rule {
    code: "duplicate-choice",
    severity: Error,
    summary: "two choices with the same text",
    flags: "`choices: [ServerHello, Finished, ServerHello]`",
    passes: "`choices: [ServerHello, Finished, ClientHello]`",
    check: Check::Question(choices_are_distinct),
};

fn choices_are_distinct(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, c) in q.choices.value.iter().enumerate() {
        let text = c.text.value.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(&first) = seen.get(text) {
            s.report(
                &DUPLICATE_CHOICE,
                c.text.pos,
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

pub const UNPINNED_CATCH_ALL: Rule = Rule {
    code: "unpinned-catch-all",
    severity: Error,
    summary: "\"All of the above\", \"None of these\" and the like, not pinned, in a question whose choices shuffle",
    flags: "`- All of the above`",
    passes: "`- {text: All of the above, pin: true}`, or `shuffle: false`",
    check: Check::Question(catch_alls_are_pinned),
};

/// "All of the above", "none of these", "Both of the above.", "Neither of these".
pub fn is_catch_all(text: &str) -> bool {
    let mut words = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    // The first word decides for most choices, without lowercasing the rest: no
    // word but these ASCII ones lowercases to them.
    let Some(first) = words.next() else {
        return false;
    };
    if !["all", "none", "both", "neither"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
    {
        return false;
    }
    let words: Vec<String> = std::iter::once(first)
        .chain(words)
        .map(str::to_lowercase)
        .collect();
    if words.len() > 6 {
        return false;
    }
    let last = words.last().map_or("", String::as_str);
    words.iter().any(|w| w == "above")
        || matches!(last, "these" | "those" | "others")
        || (words.iter().any(|w| w == "other") && matches!(last, "answers" | "choices" | "options"))
}

fn catch_alls_are_pinned(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    if !q.shuffle {
        return;
    }
    for (i, c) in q.choices.value.iter().enumerate() {
        if !c.pin && is_catch_all(&c.text.value) {
            s.report(
                &UNPINNED_CATCH_ALL,
                c.text.pos,
                format!(
                    "choice {} ({:?}) moves when the choices shuffle: pin it (`{{text: ..., pin: true}}`) or give the question `shuffle: false`",
                    letter(i),
                    c.text.value.trim()
                ),
            );
        }
    }
}

pub const LONGEST_CHOICE_CUE: Rule = Rule {
    code: "longest-choice-cue",
    severity: Warning,
    summary: "in a single-answer item, the correct choice is at least 1.5 times as long as every other and 30 characters longer: test-wise candidates pick the longest",
    flags: "`answer: A` where A has 90 characters and the others at most 40",
    passes: "the same item with the others lengthened to 60 characters",
    check: Check::Question(correct_choice_is_not_longest_by_far),
};

fn correct_choice_is_not_longest_by_far(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    let correct = q.correct();
    let [right] = correct[..] else {
        return;
    };
    if q.is_multiple() {
        return;
    }
    let len = |i: usize| q.choices.value[i].text.value.trim().chars().count();
    let others = (0..q.choices.value.len())
        .filter(|&i| i != right)
        .map(len)
        .max();
    let Some(other) = others else {
        return;
    };
    let right_len = len(right);
    if right_len * 2 >= other * 3 && right_len >= other + 30 {
        s.report(
            &LONGEST_CHOICE_CUE,
            q.choices.value[right].text.pos,
            format!(
                "the correct choice {} has {right_len} characters and the longest other {other}: candidates pick the longest; shorten it or give the others the same detail",
                letter(right)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, flags, messages, parse, question_with};
    use super::*;

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
    fn catch_alls_are_recognised() {
        for yes in [
            "All of the above",
            "None of the above.",
            "all of these",
            "None of these",
            "Both of the above",
            "Neither of the above",
            "All the above",
            "None of the other answers",
        ] {
            assert!(is_catch_all(yes), "{yes:?}");
        }
        for no in [
            "All messages are encrypted",
            "None",
            "Both peers send Finished",
            "All of these messages are signed by the server and the client",
        ] {
            assert!(!is_catch_all(no), "{no:?}");
        }
    }

    #[test]
    fn an_unpinned_catch_all_is_an_error_unless_pinned_or_unshuffled() {
        let with = |choice: &str| {
            question_with(&[(
                "[ClientHello, ServerHello, Finished]",
                &format!("[ClientHello, ServerHello, {choice}]"),
            )])
        };
        let q = with("All of the above");
        assert_eq!(
            messages(catch_alls_are_pinned, &q),
            [
                "choice C (\"All of the above\") moves when the choices shuffle: pin it (`{text: ..., pin: true}`) or give the question `shuffle: false`"
            ]
        );
        assert!(!flags(
            catch_alls_are_pinned,
            &with("{text: All of the above, pin: true}")
        ));
        let mut fixed = with("All of the above");
        if let Some(c) = fixed.body.choices_mut() {
            c.shuffle = false;
        }
        assert!(!flags(catch_alls_are_pinned, &fixed));
    }

    fn lengths(right: usize, other: usize, answer: &str) -> Question {
        parse(&format!(
            "questions:\n  - id: q\n    question: Q?\n    choices: [{}, {}, {}]\n    answer: {answer}\n",
            "r".repeat(right),
            "o".repeat(other),
            "p".repeat(other / 2),
        ))
    }

    #[test]
    fn a_correct_choice_much_longer_than_the_rest_is_a_cue() {
        assert!(flags(
            correct_choice_is_not_longest_by_far,
            &lengths(90, 40, "A")
        ));
        assert!(
            !flags(correct_choice_is_not_longest_by_far, &lengths(90, 61, "A")),
            "not 1.5 times"
        );
        assert!(
            !flags(correct_choice_is_not_longest_by_far, &lengths(45, 20, "A")),
            "not 30 longer"
        );
        assert!(
            !flags(correct_choice_is_not_longest_by_far, &lengths(90, 40, "B")),
            "a wrong choice"
        );
        assert!(
            !flags(
                correct_choice_is_not_longest_by_far,
                &lengths(90, 40, "[A, B]")
            ),
            "multiple"
        );
    }
}
