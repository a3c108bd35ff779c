//! The rules applied while a file is read (`bank::read_bank`): its encoding, its
//! YAML syntax and the bank's shape. They are here so that the registry, the
//! rule list in docs/rules.md and `--deny` know them; the loader reports them.

use super::{Check, Rule};
use crate::diagnostic::Severity::Error;

pub const SYNTAX: Rule = Rule {
    code: "syntax",
    severity: Error,
    summary: "the file is not valid YAML; the first syntax error is reported",
    flags: "`choices: [a, b` (the list is never closed)",
    passes: "`choices: [a, b]`",
    check: Check::Load,
};

pub const INVALID_UTF8: Rule = Rule {
    code: "invalid-utf8",
    severity: Error,
    summary: "the file is not UTF-8",
    flags: "a file saved as Latin-1 with `é` in a stem",
    passes: "the same file saved as UTF-8 (a byte-order mark is fine)",
    check: Check::Load,
};

pub const FILE_TOO_LARGE: Rule = Rule {
    code: "file-too-large",
    severity: Error,
    summary: "the file is over 16 MiB",
    flags: "a 20 MiB bank file",
    passes: "the same questions split over two files",
    check: Check::Load,
};

pub const EMPTY_BANK: Rule = Rule {
    code: "empty-bank",
    severity: Error,
    summary: "the file, or its `questions` list, is empty",
    flags: "`questions: []`",
    passes: "`questions:` with one question",
    check: Check::Load,
};

pub const UNKNOWN_KEY: Rule = Rule {
    code: "unknown-key",
    severity: Error,
    summary: "a key the format does not have (the nearest known key is suggested), or a key of another kind of question than this one's",
    flags: "`explaination: ...`, or `items:` in a choice question",
    passes: "`explanation: ...`, or `items:` with `kind: order`",
    check: Check::Load,
};

pub const UNKNOWN_KIND: Rule = Rule {
    code: "unknown-kind",
    severity: Error,
    summary: "a `kind` that is not one of choice, order, match, number, text and open; the nearest is suggested",
    flags: "`kind: ordering`",
    passes: "`kind: order`",
    check: Check::Load,
};

pub const WRONG_TYPE: Rule = Rule {
    code: "wrong-type",
    severity: Error,
    summary: "a value of the wrong kind (a map where a list belongs, a list where text belongs)",
    flags: "`choices: {a: ClientHello}`",
    passes: "`choices: [ClientHello, ServerHello]`",
    check: Check::Load,
};

pub const MISSING_KEY: Rule = Rule {
    code: "missing-key",
    severity: Error,
    summary: "a required key is missing; the question is left out of the other rules",
    flags: "a question without `answer`",
    passes: "a question with `id`, `question`, and its kind's keys (a choice question: `choices` and `answer`)",
    check: Check::Load,
};

pub const INVALID_REFERENCE: Rule = Rule {
    code: "invalid-reference",
    severity: Error,
    summary: "a reference with both `rfc` and `url`, or neither",
    flags: "`- {rfc: 5246, url: https://example.org}`",
    passes: "`- {rfc: 5246, section: 7.4.1.3}`",
    check: Check::Load,
};

pub const FOLDED_ITEM: Rule = Rule {
    code: "folded-item",
    severity: crate::diagnostic::Severity::Warning,
    summary: "a stem, choice or answer written over several lines whose later line reads as a list item (`- …`) or a key (`pin:true`): indented too deep, YAML folded it into the text above",
    flags: "`- ACK` then `- SYN, ACK` on the next line indented two spaces deeper (one choice, `ACK - SYN, ACK`)",
    passes: "the two `- ` lines at the same indentation (two choices)",
    check: Check::Load,
};
