//! The rules of exam blueprints (`src/blueprint`): their shape, and whether the
//! banks they draw from can give each domain its share. The blueprint module
//! reports them; they are here so that the registry, docs/rules.md, `--allow` and
//! `--deny` know them.

use super::{Check, Rule};
use crate::diagnostic::Severity::{Error, Warning};

pub const INVALID_COUNT: Rule = Rule {
    code: "invalid-count",
    severity: Error,
    summary: "a blueprint's `count` that is not a whole number of at least 1",
    flags: "`count: 0`",
    passes: "`count: 40`",
    check: Check::Blueprint,
};

pub const INVALID_DURATION: Rule = Rule {
    code: "invalid-duration",
    severity: Error,
    summary: "a blueprint's `time_limit` that is not a duration",
    flags: "`time_limit: soon`",
    passes: "`time_limit: 1h30m`",
    check: Check::Blueprint,
};

pub const INVALID_PASS_MARK: Rule = Rule {
    code: "invalid-pass-mark",
    severity: Error,
    summary: "a blueprint's `pass_mark` out of 0–100, or given with `scale`",
    flags: "`pass_mark: 120`",
    passes: "`pass_mark: 75`",
    check: Check::Blueprint,
};

pub const INVALID_SCALE: Rule = Rule {
    code: "invalid-scale",
    severity: Error,
    summary: "a blueprint's `scale` whose `min`, `max` and `pass` are not whole numbers with min < max and pass between them",
    flags: "`scale: {min: 900, max: 100, pass: 750}`",
    passes: "`scale: {min: 100, max: 900, pass: 750}`",
    check: Check::Blueprint,
};

pub const INVALID_SCORING: Rule = Rule {
    code: "invalid-scoring",
    severity: Error,
    summary: "a blueprint's `scoring` other than `strict` or `partial`",
    flags: "`scoring: lenient`",
    passes: "`scoring: partial`",
    check: Check::Blueprint,
};

pub const INVALID_WEIGHT: Rule = Rule {
    code: "invalid-weight",
    severity: Error,
    summary: "a domain's `weight` that is not a percentage above 0 with at most three decimals",
    flags: "`weight: -5`",
    passes: "`weight: 12.5`",
    check: Check::Blueprint,
};

pub const WEIGHTS_NOT_100: Rule = Rule {
    code: "weights-not-100",
    severity: Error,
    summary: "a blueprint whose domain weights do not add up to exactly 100",
    flags: "weights 50, 30 and 10",
    passes: "weights 50, 30 and 20",
    check: Check::Blueprint,
};

pub const NO_DOMAINS: Rule = Rule {
    code: "no-domains",
    severity: Error,
    summary: "a blueprint with an empty `domains` list",
    flags: "`domains: []`",
    passes: "`domains:` with one domain of weight 100",
    check: Check::Blueprint,
};

pub const INVALID_DOMAIN: Rule = Rule {
    code: "invalid-domain",
    severity: Error,
    summary: "a domain with an empty name or no tags",
    flags: "`- {name: Extensions, tags: [], weight: 10}`",
    passes: "`- {name: Extensions, tags: [extensions], weight: 10}`",
    check: Check::Blueprint,
};

pub const DUPLICATE_DOMAIN: Rule = Rule {
    code: "duplicate-domain",
    severity: Error,
    summary: "two domains with the same name",
    flags: "two domains named `Extensions`",
    passes: "`Extensions` and `Known attacks`",
    check: Check::Blueprint,
};

pub const BANK_NOT_FOUND: Rule = Rule {
    code: "bank-not-found",
    severity: Error,
    summary: "a blueprint's `banks` entry that does not exist, at its line",
    flags: "`banks: [../questoins]`",
    passes: "`banks: [../questions]`",
    check: Check::Blueprint,
};

pub const EMPTY_DOMAIN: Rule = Rule {
    code: "empty-domain",
    severity: Error,
    summary: "a domain none of whose tags is on any question of its banks: its share could never be drawn",
    flags: "`tags: [pki]` on banks without `pki` questions",
    passes: "`tags: [handshake]` on the built-in bank",
    check: Check::Blueprint,
};

pub const DOMAIN_TOO_SMALL: Rule = Rule {
    code: "domain-too-small",
    severity: Error,
    summary: "a domain, or domains that share their questions, with fewer questions than their share of `count`",
    flags: "a 10 % domain with 3 questions in a 40-question exam",
    passes: "the same domain with 4 questions",
    check: Check::Blueprint,
};

pub const UNKNOWN_TAG: Rule = Rule {
    code: "unknown-tag",
    severity: Warning,
    summary: "a domain's tag that is on no question (with \"did you mean\"); its other tags still pick questions",
    flags: "`tags: [handshake, handshakes]`",
    passes: "`tags: [handshake]`",
    check: Check::Blueprint,
};

pub const EMPTY_SHARE: Rule = Rule {
    code: "empty-share",
    severity: Warning,
    summary: "a domain weight too small to give the domain a question at `count`",
    flags: "`weight: 1` in a 40-question exam",
    passes: "`weight: 5` in a 40-question exam",
    check: Check::Blueprint,
};
