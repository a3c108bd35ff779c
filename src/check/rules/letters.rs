//! `choice-names-letters`: a choice that points at other choices by their letters
//! ("Both A and C", "All except D"), which stops being true once choices shuffle.

use super::{Check, Rule, Sink};
use crate::bank::{Question, letter};
use crate::check::Config;
use crate::diagnostic::Severity::Error;

pub const CHOICE_NAMES_LETTERS: Rule = Rule {
    code: "choice-names-letters",
    severity: Error,
    summary: "a choice that refers to other choices by letter (\"Both A and C\", \"A and B only\", \"All except D\"), which shuffling breaks",
    flags: "`- Both A and C`",
    passes: "`- An A record and an AAAA record`, `- Plan B`, or the item with `shuffle: false`",
    check: Check::Question(choices_name_no_letters),
};

/// Words after which a single capital letter is a name, not a choice: "Type A",
/// "Plan B", "Class C networks".
const NAMING: &[&str] = &[
    "annex", "appendix", "category", "class", "exhibit", "figure", "grade", "group", "level",
    "model", "part", "plan", "schedule", "section", "table", "tier", "type", "vitamin",
];

/// Words after which a single capital letter points at a choice: "Both A",
/// "All except D", "option B".
const POINTING: &[&str] = &[
    "answer", "answers", "both", "but", "choice", "choices", "except", "neither", "only", "option",
    "options",
];

/// Words that join letters into a list: "A and C", "A, B or D".
const JOINING: &[&str] = &["and", "or", "nor", "&", ","];

#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    /// A capital letter standing alone, as a choice letter would.
    Letter(char),
}

/// A character of a word, as [`tokens`] splits them.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-' || c == '\''
}

/// Whether `text` has a word of one capital letter (`A`), which [`tokens`] makes a
/// [`Token::Letter`].
fn has_lone_capital(text: &str) -> bool {
    let mut before: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_uppercase()
            && !before.is_some_and(in_word)
            && !chars.peek().is_some_and(|&n| in_word(n))
        {
            return true;
        }
        before = Some(c);
    }
    false
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Token>| {
        if word.is_empty() {
            return;
        }
        let mut chars = word.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_uppercase() => out.push(Token::Letter(c)),
            _ => out.push(Token::Word(word.to_lowercase())),
        }
        word.clear();
    };
    for c in text.chars() {
        if in_word(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            if c == ',' || c == '&' {
                out.push(Token::Word(c.to_string()));
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// The letters in `text` that point at choices of a question with `count` choices.
pub fn letters_named(text: &str, count: usize) -> Vec<char> {
    // Most choices hold no letter standing alone: nothing to tokenize.
    if !has_lone_capital(text) {
        return Vec::new();
    }
    let tokens = tokens(text);
    let is_choice = |t: Option<&Token>| match t {
        Some(Token::Letter(c)) => ((*c as u8 - b'A') as usize) < count,
        _ => false,
    };
    fn word(t: Option<&Token>) -> &str {
        match t {
            Some(Token::Word(w)) => w.as_str(),
            _ => "",
        }
    }
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !is_choice(tokens.get(i)) {
            i += 1;
            continue;
        }
        // The run of letters joined by "and", "or", ",": "A, B and D".
        let start = i;
        let mut end = i + 1;
        loop {
            let mut j = end;
            while JOINING.contains(&word(tokens.get(j))) {
                j += 1;
            }
            if j > end && is_choice(tokens.get(j)) {
                end = j + 1;
            } else {
                break;
            }
        }
        let letters: Vec<char> = tokens[start..end]
            .iter()
            .filter_map(|t| match t {
                Token::Letter(c) => Some(*c),
                Token::Word(_) => None,
            })
            .collect();
        let before = start.checked_sub(1).map_or("", |b| word(tokens.get(b)));
        let after = word(tokens.get(end));
        let named = NAMING.contains(&before);
        let pointed = letters.len() > 1 || POINTING.contains(&before) || after == "only";
        if pointed && !named {
            found.extend(letters);
        }
        i = end;
    }
    found
}

/// Whether any choice of `q` names other choices by letter.
pub fn names_letters(q: &crate::bank::Choices) -> bool {
    let n = q.choices.value.len();
    q.choices
        .value
        .iter()
        .any(|c| !letters_named(&c.text.value, n).is_empty())
}

fn choices_name_no_letters(q: &Question, _: &Config, s: &mut Sink) {
    let Some(q) = q.choices() else { return };
    if !q.shuffle {
        return;
    }
    let n = q.choices.value.len();
    for (i, c) in q.choices.value.iter().enumerate() {
        let named = letters_named(&c.text.value, n);
        if named.is_empty() {
            continue;
        }
        let list: Vec<String> = named.iter().map(char::to_string).collect();
        s.report(
            &CHOICE_NAMES_LETTERS,
            c.text.pos,
            format!(
                "choice {} ({:?}) names {} {} by letter, which shuffling changes: name what they say, or give the question `shuffle: false`",
                letter(i),
                c.text.value.trim(),
                if list.len() == 1 { "choice" } else { "choices" },
                list.join(" and ")
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{flags, messages, question_with};
    use super::*;

    #[test]
    fn letters_that_point_at_choices() {
        for (text, letters) in [
            ("Both A and C", "AC"),
            ("A and B only", "AB"),
            ("All except D", "D"),
            ("A, B and D", "ABD"),
            ("Neither A nor B", "AB"),
            ("Only C", "C"),
            ("Option B", "B"),
            ("A & C", "AC"),
            ("(A) and (C)", "AC"),
        ] {
            let found: String = letters_named(text, 5).into_iter().collect();
            assert_eq!(found, letters, "{text:?}");
        }
    }

    #[test]
    fn letters_that_are_names() {
        for text in [
            "An A record and an AAAA record",
            "Plan B",
            "Type A",
            "A",
            "Class A and B networks",
            "A record",
            "Vitamin C only",
            "I and II",
            "Both I and J",
        ] {
            assert!(letters_named(text, 5).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn a_choice_naming_letters_is_an_error_unless_unshuffled() {
        let q = question_with(&[(
            "[ClientHello, ServerHello, Finished]",
            "[ClientHello, ServerHello, Both A and B]",
        )]);
        assert_eq!(
            messages(choices_name_no_letters, &q),
            [
                "choice C (\"Both A and B\") names choices A and B by letter, which shuffling changes: name what they say, or give the question `shuffle: false`"
            ]
        );
        let mut fixed = q.clone();
        if let Some(c) = fixed.body.choices_mut() {
            c.shuffle = false;
        }
        assert!(!flags(choices_name_no_letters, &fixed));
        let record = question_with(&[(
            "[ClientHello, ServerHello, Finished]",
            "[An A record and an AAAA record, Plan B, Type A]",
        )]);
        assert!(!flags(choices_name_no_letters, &record));
    }
}
