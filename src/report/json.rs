//! The JSON report of `run --report`: letters in the file's own lettering (A is the
//! first choice in the file), so that reports compare across shuffled runs.

use crate::quiz::Summary;
use serde::Serialize;
use serde_json::Number;

#[derive(Serialize)]
struct Report<'a> {
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    passed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pass_mark: Option<f64>,
    time_up: bool,
    seed: u64,
    scoring: &'static str,
    points: Number,
    max_points: usize,
    percent: f64,
    questions: Vec<Question<'a>>,
}

#[derive(Serialize)]
struct Question<'a> {
    id: &'a str,
    bank: &'a str,
    given: Vec<String>,
    expected: Vec<String>,
    points: Number,
    skipped: bool,
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

pub fn to_json(s: &Summary) -> Vec<u8> {
    let letters = |v: &[char]| v.iter().map(char::to_string).collect();
    let report = Report {
        mode: s.mode.name(),
        passed: s.passed(),
        pass_mark: s.passed().map(|_| s.pass_mark),
        time_up: s.time_up,
        seed: s.seed,
        scoring: s.scoring.name(),
        points: number(s.points()),
        max_points: s.max_points(),
        percent: (s.percent() * 100.0).round() / 100.0,
        questions: s
            .records
            .iter()
            .map(|r| Question {
                id: &r.id,
                bank: &r.bank,
                given: letters(&r.given),
                expected: letters(&r.expected),
                points: number(r.points),
                skipped: r.skipped,
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&report).unwrap_or_default();
    out.push(b'\n');
    out
}
