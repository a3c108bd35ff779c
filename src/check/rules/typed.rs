//! Typed answers: a number question's answer must read as a number and its
//! tolerance be 0 or more; a text question needs an accepted answer, each
//! written and none the same as another once case and spaces are ignored; an
//! open question needs its model answer.

use super::{Check, Rule, Sink};
use crate::bank::kind::number::{parse, parse_tolerance};
use crate::bank::kind::text::normalize;
use crate::bank::{Body, Question};
use crate::check::Config;
use crate::diagnostic::Severity::{Error, Warning};
use std::collections::HashMap;

pub const INVALID_NUMBER: Rule = Rule {
    code: "invalid-number",
    severity: Error,
    summary: "a number question's `answer` that does not read as a number",
    flags: "`kind: number` with `answer: 16 KiB`",
    passes: "`answer: 16384`, `answer: 16,384`, `answer: 1e3`",
    check: Check::Question(answer_is_a_number),
};

fn answer_is_a_number(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Number(n) = &q.body else { return };
    if parse(&n.answer.value).is_none() {
        s.report(
            &INVALID_NUMBER,
            n.answer.pos,
            format!(
                "`answer` {:?} is not a number: write a plain decimal such as 16384, -1.5 or 1e3",
                n.answer.value.trim()
            ),
        );
    }
}

pub const INVALID_TOLERANCE: Rule = Rule {
    code: "invalid-tolerance",
    severity: Error,
    summary: "a number question's `tolerance` that is not an amount of 0 or more, or such a percentage",
    flags: "`tolerance: -1`, `tolerance: about 2`",
    passes: "`tolerance: 0.5`, `tolerance: 1%`",
    check: Check::Question(tolerance_is_valid),
};

fn tolerance_is_valid(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Number(n) = &q.body else { return };
    let Some(t) = &n.tolerance else { return };
    if parse_tolerance(&t.value).is_none() {
        s.report(
            &INVALID_TOLERANCE,
            t.pos,
            format!(
                "`tolerance` {:?} is not an amount of 0 or more (`0.5`) or a percentage of the answer (`1%`)",
                t.value.trim()
            ),
        );
    }
}

pub const EMPTY_ANSWER: Rule = Rule {
    code: "empty-answer",
    severity: Error,
    summary: "a text question's accepted answer with no text, or an open question's empty model answer",
    flags: "`kind: text` with `answer: \"\"`",
    passes: "`answer: [server_name, SNI]`",
    check: Check::Question(answers_are_written),
};

fn answers_are_written(q: &Question, _: &Config, s: &mut Sink) {
    match &q.body {
        Body::Text(t) => {
            if t.answer.value.is_empty() {
                s.report(
                    &EMPTY_ANSWER,
                    t.answer.pos,
                    "`answer` is empty: give at least one accepted answer",
                );
            }
            let many = t.answer.value.len() > 1;
            for (i, answer) in t.answer.value.iter().enumerate() {
                if answer.value.trim().is_empty() {
                    let what = if many {
                        format!("accepted answer {} is empty", i + 1)
                    } else {
                        "`answer` is empty: give at least one accepted answer".to_owned()
                    };
                    s.report(&EMPTY_ANSWER, answer.pos, what);
                }
            }
        }
        Body::Open(o) if o.answer.value.trim().is_empty() => s.report(
            &EMPTY_ANSWER,
            o.answer.pos,
            "the model answer is empty: write the answer the candidate marks theirs against",
        ),
        _ => {}
    }
}

pub const DUPLICATE_ACCEPTED: Rule = Rule {
    code: "duplicate-accepted",
    severity: Warning,
    summary: "two accepted answers of a text question that are the same once case and spaces are ignored (unless `case: sensitive`)",
    flags: "`answer: [server_name, Server_Name]`",
    passes: "`answer: [server_name, SNI]`",
    check: Check::Question(accepted_answers_differ),
};

fn accepted_answers_differ(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Text(t) = &q.body else { return };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, answer) in t.answer.value.iter().enumerate() {
        let key = normalize(&answer.value, t.case_sensitive);
        if key.is_empty() {
            continue;
        }
        match seen.get(&key) {
            Some(first) => s.report(
                &DUPLICATE_ACCEPTED,
                answer.pos,
                format!(
                    "accepted answer {} ({:?}) is accepted answer {} again, case and spaces aside: keep one",
                    i + 1,
                    answer.value.trim(),
                    first + 1
                ),
            ),
            None => {
                seen.insert(key, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::codes_of;

    const NUMBER: &str = "questions:
  - id: n
    kind: number
    question: What is the largest fragment a TLSPlaintext record may carry, in bytes?
    answer: 16384
    tolerance: 0
    explanation: 2^14 bytes.
    references:
      - rfc: 5246
        section: 6.2.1
";

    const TEXT: &str = "questions:
  - id: t
    kind: text
    question: Which extension carries the host name the client wants?
    answer: [server_name, SNI]
    explanation: Server Name Indication.
    references:
      - rfc: 6066
        section: 3
";

    #[test]
    fn a_number_reads_as_one_and_its_tolerance_is_not_negative() {
        assert_eq!(codes_of(NUMBER, &[]), Vec::<&str>::new());
        assert_eq!(
            codes_of(NUMBER, &[("answer: 16384", "answer: 16 KiB")]),
            ["invalid-number"]
        );
        assert_eq!(
            codes_of(NUMBER, &[("tolerance: 0", "tolerance: -1")]),
            ["invalid-tolerance"]
        );
        assert_eq!(
            codes_of(NUMBER, &[("tolerance: 0", "tolerance: 1%")]),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_text_question_accepts_something_and_says_it_once() {
        assert_eq!(codes_of(TEXT, &[]), Vec::<&str>::new());
        assert_eq!(
            codes_of(TEXT, &[("[server_name, SNI]", "\"\"")]),
            ["empty-answer"]
        );
        assert_eq!(
            codes_of(
                TEXT,
                &[("[server_name, SNI]", "[server_name, \" Server_Name\"]")]
            ),
            ["duplicate-accepted"]
        );
        assert_eq!(
            codes_of(
                TEXT,
                &[
                    ("[server_name, SNI]", "[SNI, sni]"),
                    ("    explanation", "    case: sensitive\n    explanation")
                ]
            ),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn an_open_question_has_a_model_answer() {
        let open = TEXT
            .replace("kind: text", "kind: open")
            .replace("[server_name, SNI]", "\"\"");
        assert_eq!(codes_of(&open, &[]), ["empty-answer"]);
    }
}
