//! The JSON report of `run --report`: letters in the file's own lettering (A is the
//! first choice in the file), so that reports compare across shuffled runs.

use crate::quiz::{Scale, Summary};
use serde::Serialize;
use serde_json::Number;

#[derive(Serialize)]
struct Report<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    passed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pass_mark: Option<f64>,
    time_up: bool,
    /// The time the session ran, in milliseconds.
    time_ms: u64,
    seed: u64,
    scoring: &'static str,
    points: Number,
    max_points: usize,
    percent: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    scaled_score: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scale: Option<Scale>,
    /// A blueprint's domains, weakest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    domains: Vec<Domain<'a>>,
    questions: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct Domain<'a> {
    name: &'a str,
    questions: usize,
    points: Number,
    percent: f64,
}

#[derive(Serialize)]
struct Question<'a> {
    id: &'a str,
    bank: &'a str,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<&'a str>,
    /// As the kind words it, in the file's terms: letters, an order's letters
    /// in the order given, a match's letter per premise, what was typed.
    given: &'a [String],
    expected: &'a [String],
    points: Number,
    skipped: bool,
    /// Left out for the questions that count; false for an open question,
    /// which the candidate marks and no score includes.
    #[serde(skip_serializing_if = "is_true")]
    scored: bool,
    /// An open question's own mark: `right`, `partly` or `wrong`.
    #[serde(skip_serializing_if = "Option::is_none")]
    self_mark: Option<&'static str>,
    /// Time spent on the question, in milliseconds.
    time_ms: u64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    flagged: bool,
}

/// Whole points as integers (`3`, not `3.0`); fractions as they are.
fn number(p: f64) -> Number {
    let p = p + 0.0;
    if p.fract() == 0.0 && p.abs() < 1e15 {
        Number::from(p as i64)
    } else {
        Number::from_f64((p * 1e4).round() / 1e4).unwrap_or_else(|| Number::from(0))
    }
}

fn is_true(b: &bool) -> bool {
    *b
}

fn millis(d: std::time::Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

/// Two decimals.
fn percent(p: f64) -> f64 {
    (p * 100.0).round() / 100.0
}

pub fn to_json(s: &Summary) -> Vec<u8> {
    let domains = s.by_domain();
    let report = Report {
        title: s.title.as_deref(),
        mode: s.mode.name(),
        passed: s.passed(),
        pass_mark: s.passed().map(|_| s.pass_mark),
        time_up: s.time_up,
        time_ms: millis(s.time_used),
        seed: s.seed,
        scoring: s.scoring.name(),
        points: number(s.points()),
        max_points: s.max_points(),
        percent: percent(s.percent()),
        scaled_score: s.scaled_score(),
        scale: s.scale,
        domains: domains
            .iter()
            .map(|d| Domain {
                name: &d.name,
                questions: d.questions,
                points: number(d.points),
                percent: percent(d.percent()),
            })
            .collect(),
        questions: s
            .records
            .iter()
            .map(|r| Question {
                id: &r.id,
                bank: &r.bank,
                kind: r.kind.name(),
                domain: r.domain.as_deref(),
                given: &r.given,
                expected: &r.expected,
                points: number(r.points),
                skipped: r.skipped,
                scored: r.scored,
                self_mark: r.mark.map(|m| m.name()),
                time_ms: millis(r.time),
                flagged: r.flagged,
            })
            .collect(),
    };
    crate::safe::json(&report)
}
