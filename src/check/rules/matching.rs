//! Match questions: at least two pairs, premises distinct and written, each
//! response written, at most one letter's worth of responses, and no `extra`
//! response that is already a pair's (it would match a premise after all).

use super::{Check, Rule, Sink};
use crate::bank::kind::matching::MIN_PAIRS;
use crate::bank::{Body, MAX_CHOICES, Question, letter};
use crate::check::Config;
use crate::diagnostic::Severity::Error;
use std::collections::HashMap;

pub const TOO_FEW_PAIRS: Rule = Rule {
    code: "too-few-pairs",
    severity: Error,
    summary: "a match question with fewer than 2 pairs",
    flags: "`kind: match` with one pair",
    passes: "`pairs: [ClientHello: nothing, Finished: the handshake keys]`",
    check: Check::Question(has_two_pairs),
};

fn has_two_pairs(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Match(m) = &q.body else { return };
    let n = m.pairs.value.len();
    if n < MIN_PAIRS {
        s.report(
            &TOO_FEW_PAIRS,
            m.pairs.pos,
            format!("a match question needs at least {MIN_PAIRS} pairs, this one has {n}"),
        );
    }
}

pub const TOO_MANY_PAIRS: Rule = Rule {
    code: "too-many-pairs",
    severity: Error,
    summary: "a match question with more than 26 premises, or more than 26 responses with the `extra` ones (one letter each)",
    flags: "20 pairs with 10 `extra` responses",
    passes: "20 pairs with 6 `extra` responses",
    check: Check::Question(has_at_most_26),
};

fn has_at_most_26(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Match(m) = &q.body else { return };
    let premises = m.pairs.value.len();
    let responses = m.responses().len();
    if premises > MAX_CHOICES || responses > MAX_CHOICES {
        s.report(
            &TOO_MANY_PAIRS,
            m.pairs.pos,
            format!(
                "a match question may have at most {MAX_CHOICES} premises and {MAX_CHOICES} responses (A to Z), this one has {premises} and {responses}"
            ),
        );
    }
}

pub const EMPTY_PAIR: Rule = Rule {
    code: "empty-pair",
    severity: Error,
    summary: "a match question's premise or response (or `extra` response) with no text",
    flags: "`- ClientHello: \"\"`",
    passes: "`- ClientHello: nothing (sent in the clear)`",
    check: Check::Question(pairs_are_written),
};

fn pairs_are_written(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Match(m) = &q.body else { return };
    for (i, pair) in m.pairs.value.iter().enumerate() {
        if pair.premise.value.trim().is_empty() {
            s.report(
                &EMPTY_PAIR,
                pair.premise.pos,
                format!("premise {} is empty", i + 1),
            );
        }
        if pair.response.value.trim().is_empty() {
            s.report(
                &EMPTY_PAIR,
                pair.response.pos,
                format!("the response of premise {} is empty", i + 1),
            );
        }
    }
    for extra in &m.extra {
        if extra.value.trim().is_empty() {
            s.report(&EMPTY_PAIR, extra.pos, "an `extra` response is empty");
        }
    }
}

pub const DUPLICATE_PREMISE: Rule = Rule {
    code: "duplicate-premise",
    severity: Error,
    summary: "two premises of a match question with the same text",
    flags: "`- ClientHello: nothing` and `- ClientHello: the early keys`",
    passes: "two premises that differ",
    check: Check::Question(premises_are_distinct),
};

fn premises_are_distinct(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Match(m) = &q.body else { return };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, pair) in m.pairs.value.iter().enumerate() {
        let text = pair.premise.value.trim();
        if text.is_empty() {
            continue;
        }
        match seen.get(text) {
            Some(first) => s.report(
                &DUPLICATE_PREMISE,
                pair.premise.pos,
                format!("premise {} repeats premise {}: {text:?}", i + 1, first + 1),
            ),
            None => {
                seen.insert(text, i);
            }
        }
    }
}

pub const DUPLICATE_RESPONSE: Rule = Rule {
    code: "duplicate-response",
    severity: Error,
    summary: "an `extra` response of a match question that is a pair's response, or another `extra` one, again: it is shown once, and would match a premise",
    flags: "`extra: [nothing]` with `- ClientHello: nothing`",
    passes: "`extra: [the early traffic keys]`",
    check: Check::Question(extra_responses_are_new),
};

fn extra_responses_are_new(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Match(m) = &q.body else { return };
    let responses = m.responses();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (at, text) in responses.iter().enumerate() {
        seen.entry(text.value.trim()).or_insert(at);
    }
    let mut extra_seen: HashMap<&str, ()> = HashMap::new();
    for extra in &m.extra {
        let text = extra.value.trim();
        if text.is_empty() {
            continue;
        }
        let pair = m
            .pairs
            .value
            .iter()
            .position(|p| p.response.value.trim() == text);
        let again = extra_seen.insert(text, ()).is_some();
        let why = match (pair, again) {
            (Some(p), _) => format!("it is the response of premise {}", p + 1),
            (None, true) => "it is given twice".to_owned(),
            (None, false) => continue,
        };
        let letter = seen.get(text).map_or('?', |&at| letter(at));
        s.report(
            &DUPLICATE_RESPONSE,
            extra.pos,
            format!(
                "`extra` response {text:?} ({letter}) is not extra: {why}; a response is shown once, and may serve several premises"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::codes_of;

    const MATCH: &str = "questions:
  - id: m
    kind: match
    question: Match each TLS 1.3 message with what protects it.
    pairs:
      - ClientHello: nothing (sent in the clear)
      - EncryptedExtensions: the handshake traffic keys
      - Finished: the handshake traffic keys
    extra: [the early traffic keys]
    explanation: Only the ClientHello goes in the clear.
    references:
      - rfc: 8446
        section: 2
";

    #[test]
    fn a_match_needs_two_pairs_with_distinct_premises() {
        assert_eq!(codes_of(MATCH, &[]), Vec::<&str>::new());
        assert_eq!(
            codes_of(
                MATCH,
                &[(
                    "      - EncryptedExtensions: the handshake traffic keys\n      - Finished: the handshake traffic keys\n",
                    ""
                )]
            ),
            ["too-few-pairs"]
        );
        assert_eq!(
            codes_of(MATCH, &[("- Finished:", "- ClientHello:")]),
            ["duplicate-premise"]
        );
        assert_eq!(
            codes_of(
                MATCH,
                &[("Finished: the handshake traffic keys", "Finished: \"\"")]
            ),
            ["empty-pair"]
        );
        assert_eq!(
            codes_of(
                MATCH,
                &[("[the early traffic keys]", "[nothing (sent in the clear)]")]
            ),
            ["duplicate-response"]
        );
    }
}
