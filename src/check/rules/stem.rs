//! The stem: not empty, no hint of its own, a count that agrees with the answer,
//! asked positively, and each sentence said once.

use super::{Check, Rule, Sink};
use crate::bank::Question;
use crate::check::Config;
use crate::diagnostic::Severity::{Error, Warning};
use std::collections::HashMap;

pub const EMPTY_QUESTION: Rule = Rule {
    code: "empty-question",
    severity: Error,
    summary: "the stem is empty",
    flags: "`question: \"\"`",
    passes: "`question: Which message carries the chosen cipher suite?`",
    check: Check::Question(question_is_not_empty),
};

fn question_is_not_empty(q: &Question, _: &Config, s: &mut Sink) {
    if q.question.value.trim().is_empty() {
        s.report(&EMPTY_QUESTION, q.question.pos, "`question` is empty");
    }
}

pub const HINT_IN_STEM: Rule = Rule {
    code: "hint-in-stem",
    severity: Warning,
    summary: "the stem writes its own \"(Choose 2)\", which quiz already adds from `answer`",
    flags: "`question: Which two are AEAD modes? (Choose two.)`",
    passes: "`question: Which two are AEAD modes?`",
    check: Check::Question(stem_has_no_hint),
};

/// quiz adds "(Choose 2)" or "(Select all that apply)" itself; a stem that
/// writes its own shows the hint twice.
fn stem_has_no_hint(q: &Question, _: &Config, s: &mut Sink) {
    // Only a choice question gets a hint.
    if q.choices().is_none() {
        return;
    }
    let stem = q.question.value.to_lowercase();
    for hint in ["(choose ", "(select all", "(select two", "(select three"] {
        if stem.contains(hint) {
            s.report(
                &HINT_IN_STEM,
                q.question.pos,
                "the stem gives its own answer hint; quiz adds \"(Choose N)\" or \"(Select all that apply)\" from `answer` and `multi`",
            );
            return;
        }
    }
}

pub const HINT_COUNT_MISMATCH: Rule = Rule {
    code: "hint-count-mismatch",
    severity: Error,
    summary: "the stem asks for a number of answers (\"Which two\", \"Choose three\", \"Select 2\") that `answer` does not give",
    flags: "`question: Which two are AEAD modes?` with `answer: B`",
    passes: "`question: Which two are AEAD modes?` with `answer: [B, D]`",
    check: Check::Question(hint_count_matches),
};

/// The words that ask for a count when a number follows them.
const ASKING: &[&str] = &[
    "which", "what", "choose", "select", "pick", "identify", "name", "give", "list", "mark",
];

/// How many answers the stem asks for, if it says: "Which two", "(Choose 3)",
/// "select the two". A hyphenated number ("Which two-byte field") is not a count.
pub fn asked_count(stem: &str) -> Option<usize> {
    let lower = stem.to_lowercase();
    let words: Vec<(usize, &str)> = word_spans(&lower);
    for (i, &(_, word)) in words.iter().enumerate() {
        if !ASKING.contains(&word) {
            continue;
        }
        let mut j = i + 1;
        if words.get(j).is_some_and(|&(_, w)| w == "the" || w == "any") {
            j += 1;
        }
        let Some(&(at, next)) = words.get(j) else {
            continue;
        };
        let hyphenated = lower[at + next.len()..].starts_with('-');
        if let Some(n) = number(next).filter(|_| !hyphenated) {
            return Some(n);
        }
    }
    None
}

fn number(word: &str) -> Option<usize> {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return Some(i + 1);
    }
    word.parse().ok().filter(|n| (1..=26).contains(n))
}

/// The words of `text` (letters and digits) with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

fn hint_count_matches(q: &Question, _: &Config, s: &mut Sink) {
    let Some(asked) = asked_count(&q.question.value) else {
        return;
    };
    let Some(choices) = q.choices() else {
        return;
    };
    let given = choices.correct().len();
    if given != asked && given > 0 {
        let answers = |n: usize| if n == 1 { "answer" } else { "answers" };
        s.report(
            &HINT_COUNT_MISMATCH,
            q.question.pos,
            format!(
                "the stem asks for {asked} {}, but `answer` gives {given}: make them agree",
                answers(asked)
            ),
        );
    }
}

pub const NEGATIVE_STEM: Rule = Rule {
    code: "negative-stem",
    severity: Warning,
    summary: "the stem turns on \"not\", \"except\", \"least\" or \"false\" in lower case; ask positively, or write it in capitals (NOT) so it is seen",
    flags: "`question: Which is not a stream cipher?`",
    passes: "`question: Which is NOT a stream cipher?`",
    check: Check::Question(stem_is_positive),
};

const NEGATIVES: &[&str] = &["not", "except", "least", "false"];

/// Phrases that contain a negative word without turning the question on it.
const NOT_NEGATIVE: &[&[&str]] = &[
    &["at", "least"],
    &["true", "or", "false"],
    &["or", "not"],
    &["not", "only"],
    &["false", "start"],
];

/// The first negative word of `stem` not written in capitals, if any.
pub fn negative_word(stem: &str) -> Option<&str> {
    let words: Vec<&str> = word_spans(stem).into_iter().map(|(_, w)| w).collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    'words: for (i, word) in words.iter().enumerate() {
        if !NEGATIVES.contains(&lower[i].as_str()) || word.chars().all(|c| c.is_uppercase()) {
            continue;
        }
        for phrase in NOT_NEGATIVE {
            let Some(k) = phrase.iter().position(|p| *p == lower[i]) else {
                continue;
            };
            let Some(start) = i.checked_sub(k) else {
                continue;
            };
            let matches = phrase
                .iter()
                .enumerate()
                .all(|(j, p)| lower.get(start + j).is_some_and(|w| w == p));
            if matches {
                continue 'words;
            }
        }
        return Some(word);
    }
    None
}

fn stem_is_positive(q: &Question, _: &Config, s: &mut Sink) {
    if let Some(word) = negative_word(&q.question.value) {
        s.report(
            &NEGATIVE_STEM,
            q.question.pos,
            format!(
                "the stem turns on {word:?}: ask positively, or write {} so that it is seen",
                word.to_uppercase()
            ),
        );
    }
}

pub const REPEATED_STEM_TEXT: Rule = Rule {
    code: "repeated-stem-text",
    severity: Warning,
    summary: "a sentence that occurs more than once in the stem (a scraped stem printed twice)",
    flags: "`question: Which suite is mandatory? Which suite is mandatory?`",
    passes: "`question: Which suite is mandatory?`",
    check: Check::Question(stem_says_each_sentence_once),
};

/// The sentences of `text`, normalised (lower case, single spaces, no final stop),
/// with fewer than three words left out.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    let mut flush = |current: &mut String| {
        let s: Vec<&str> = current.split_whitespace().collect();
        if s.len() >= 3 {
            out.push(s.join(" ").to_lowercase());
        }
        current.clear();
    };
    while let Some(c) = chars.next() {
        let ends = (matches!(c, '.' | '?' | '!') && chars.peek().is_none_or(|n| n.is_whitespace()))
            || (c == '\n' && chars.peek() == Some(&'\n'));
        if ends {
            flush(&mut current);
        } else {
            current.push(c);
        }
    }
    flush(&mut current);
    out
}

/// Whether `text` may hold two sentences: a sentence end (as [`sentences`] finds
/// them) before its last word. Most stems are one question, and need no more.
fn may_hold_two_sentences(text: &str) -> bool {
    let text = text.trim_end();
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        // Followed by a space, or by a character beyond ASCII that may be one.
        b'.' | b'?' | b'!' => bytes
            .get(i + 1)
            .is_some_and(|n| n.is_ascii_whitespace() || *n >= 0x80),
        b'\n' => bytes.get(i + 1) == Some(&b'\n'),
        _ => false,
    })
}

fn stem_says_each_sentence_once(q: &Question, _: &Config, s: &mut Sink) {
    if !may_hold_two_sentences(&q.question.value) {
        return;
    }
    let sentences = sentences(&q.question.value);
    if sentences.len() < 2 {
        return;
    }
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut order = Vec::new();
    for sentence in sentences {
        let n = count.entry(sentence.clone()).or_default();
        *n += 1;
        if *n == 2 {
            order.push(sentence);
        }
    }
    for sentence in order {
        let times = count.get(&sentence).copied().unwrap_or(0);
        s.report(
            &REPEATED_STEM_TEXT,
            q.question.pos,
            format!("the stem says {sentence:?} {times} times: keep it once"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, flags, messages, question_with};
    use super::*;

    fn stem(text: &str) -> Question {
        question_with(&[(
            "question: Which message carries the chosen suite?",
            &format!("question: {text:?}"),
        )])
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
    fn every_kind_is_asked_positively_but_only_a_choice_gets_a_hint_or_a_count() {
        let order = "questions:
  - id: o
    kind: order
    question: Which two steps does the client not take, in order? (Choose 2)
    items: [ClientHello, Certificate, Finished]
    explanation: E.
    references: [{rfc: 5246, section: 7.3}]
";
        assert_eq!(
            super::super::testing::codes_of(order, &[]),
            ["negative-stem"]
        );
    }

    #[test]
    fn counts_asked_for() {
        assert_eq!(asked_count("Which two statements are true?"), Some(2));
        assert_eq!(asked_count("Which are true? (Choose three.)"), Some(3));
        assert_eq!(asked_count("Select 2 of these."), Some(2));
        assert_eq!(asked_count("Choose the two AEAD modes."), Some(2));
        assert_eq!(asked_count("Which one is mandatory?"), Some(1));
        assert_eq!(asked_count("Which two-byte field holds the length?"), None);
        assert_eq!(asked_count("Which message is sent two times?"), None);
        assert_eq!(asked_count("Which of the following are true?"), None);
    }

    #[test]
    fn a_count_that_differs_from_the_answer_is_an_error() {
        let q = stem("Which two messages are encrypted?");
        assert_eq!(
            messages(hint_count_matches, &q),
            ["the stem asks for 2 answers, but `answer` gives 1: make them agree"]
        );
        let two = question_with(&[
            (
                "question: Which message carries the chosen suite?",
                "question: Which two messages are encrypted?",
            ),
            ("answer: B", "answer: [B, C]"),
        ]);
        assert!(!flags(hint_count_matches, &two));
        let paren = question_with(&[
            (
                "question: Which message carries the chosen suite?",
                "question: \"Which are encrypted? (Choose two.)\"",
            ),
            ("answer: B", "answer: [A, B, C]"),
        ]);
        assert!(flags(hint_count_matches, &paren));
    }

    #[test]
    fn negative_words_in_lower_case_are_flagged_and_capitals_are_not() {
        assert!(flags(
            stem_is_positive,
            &stem("Which is not a stream cipher?")
        ));
        assert!(flags(
            stem_is_positive,
            &stem("All are AEAD modes except which?")
        ));
        assert!(flags(stem_is_positive, &stem("Which is the least secure?")));
        assert!(flags(stem_is_positive, &stem("Which statement is false?")));
        assert!(flags(
            stem_is_positive,
            &stem("Not every suite is AEAD: which is?")
        ));
        assert!(!flags(
            stem_is_positive,
            &stem("Which is NOT a stream cipher?")
        ));
        assert!(!flags(
            stem_is_positive,
            &stem("Which needs at least 2048 bits?")
        ));
        assert!(!flags(
            stem_is_positive,
            &stem("True or false: RC4 is banned.")
        ));
        assert!(!flags(
            stem_is_positive,
            &stem("Is it known whether or not it resumes?")
        ));
        assert!(!flags(stem_is_positive, &stem("Which is notable?")));
        assert_eq!(
            messages(stem_is_positive, &stem("Which is not a stream cipher?")),
            ["the stem turns on \"not\": ask positively, or write NOT so that it is seen"]
        );
    }

    #[test]
    fn a_sentence_said_twice_is_flagged_once() {
        let q =
            stem("Which suite is mandatory? Which suite is mandatory? Which suite is mandatory?");
        assert_eq!(
            messages(stem_says_each_sentence_once, &q),
            ["the stem says \"which suite is mandatory\" 3 times: keep it once"]
        );
        assert!(!flags(
            stem_says_each_sentence_once,
            &stem("TLS 1.2 is old. TLS 1.3 is new. Which is mandatory?")
        ));
        assert!(!flags(
            stem_says_each_sentence_once,
            &stem("See e.g. RFC 8446. See e.g. RFC 5246. Why?")
        ));
    }
}
