//! Readiness for the exam a blueprint describes, from the history. Open
//! questions, which the candidate marks and no exam scores, are left out.
//!
//! Per domain: the accuracy over the latest answer to each of its questions (an
//! answer to an earlier wording of a question does not count, as for review),
//! with a 90 % Wilson score interval. Overall: the domains' accuracies weighted
//! by the blueprint, p = Σ wᵢ·pᵢ, with a Wilson interval at Kish's effective
//! sample size n = 1 / Σ (wᵢ² / nᵢ), which is the plain Wilson interval when the
//! answers fall in proportion to the weights. The verdict is "ready" when that
//! interval's lower bound clears the pass mark; a domain without answers leaves
//! the estimate open and the verdict "not yet".

use super::Blueprint;
use super::draw::membership;
use crate::bank::{Bank, Question};
use crate::review::Answer;
use serde::Serialize;
use std::collections::HashMap;

/// The normal quantile of a two-sided 90 % interval.
pub const Z_90: f64 = 1.6449;

/// The Wilson score interval of `successes` out of `n` trials at quantile `z`,
/// as fractions from 0 to 1; (0, 1) with no trials. Successes may be fractional
/// (partly right answers).
pub fn wilson(successes: f64, n: f64, z: f64) -> (f64, f64) {
    if n <= 0.0 {
        return (0.0, 1.0);
    }
    let p = (successes / n).clamp(0.0, 1.0);
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// How ready the candidate is, overall and by domain.
#[derive(Debug, Clone, Serialize)]
pub struct Readiness {
    pub title: String,
    /// Percent.
    pub pass_mark: f64,
    /// The intervals' confidence, in percent.
    pub confidence: f64,
    /// Weakest first: by the interval's lower bound.
    pub domains: Vec<DomainReadiness>,
    /// The weighted estimate, in percent; None while a domain has no answers.
    pub estimate: Option<f64>,
    /// The weighted estimate's interval, in percent.
    pub lower: f64,
    pub upper: f64,
    pub ready: bool,
    /// When not ready, weakest first: the domains without answers or with an
    /// accuracy below the pass mark; if there are none, those whose lower
    /// bound is below it (too few answers to be sure).
    pub holding_back: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainReadiness {
    pub name: String,
    /// Percent of the exam.
    pub weight: f64,
    /// The questions of the banks that belong to the domain.
    pub questions: usize,
    pub seen: usize,
    pub unseen: usize,
    /// Mean points over the latest answers, in percent; None before the first.
    pub accuracy: Option<f64>,
    /// The 90 % Wilson interval, in percent.
    pub lower: f64,
    pub upper: f64,
}

/// Readiness for `blueprint` over `banks`, from `answers` (oldest first).
pub fn compute(blueprint: &Blueprint, banks: &[Bank], answers: &[Answer]) -> Readiness {
    let latest = latest_points(banks, answers);
    let pass_mark = blueprint.pass_percent();
    let tags: Vec<Vec<&str>> = blueprint
        .domains
        .iter()
        .map(|d| d.tags.iter().map(|t| t.value.as_str()).collect())
        .collect();
    // (questions, seen, points) of each domain; a question counts in each
    // domain whose tags it carries.
    let mut tally = vec![(0usize, 0usize, 0.0f64); blueprint.domains.len()];
    let questions = banks.iter().flat_map(|b| &b.questions);
    for (q, of) in questions.zip(membership(banks, &tags)) {
        // An exam scores no open question: it says nothing of readiness.
        if q.kind().self_marked() {
            continue;
        }
        let latest = latest.get(q.id.value.as_str());
        for d in of {
            tally[d].0 += 1;
            if let Some(p) = latest {
                tally[d].1 += 1;
                tally[d].2 += p;
            }
        }
    }
    let mut domains = Vec::with_capacity(blueprint.domains.len());
    // (weight as a fraction, accuracy as a fraction, answers) for the overall figure.
    let mut parts = Vec::with_capacity(blueprint.domains.len());
    for (domain, (questions, seen, points)) in blueprint.domains.iter().zip(tally) {
        let n = seen as f64;
        let (lower, upper) = wilson(points, n, Z_90);
        let weight = domain.weight.value.percent();
        parts.push((weight / 100.0, (seen > 0).then(|| points / n), n));
        domains.push(DomainReadiness {
            name: domain.name.value.clone(),
            weight,
            questions,
            seen,
            unseen: questions - seen,
            accuracy: (seen > 0).then(|| round(100.0 * points / n)),
            lower: round(100.0 * lower),
            upper: round(100.0 * upper),
        });
    }
    let (estimate, lower, upper) = overall(&parts);
    let ready = lower * 100.0 + 1e-9 >= pass_mark;
    // Weakest first; a stable sort keeps the blueprint's order among equals.
    domains.sort_by(|a, b| a.lower.total_cmp(&b.lower));
    let holding_back = if ready {
        Vec::new()
    } else {
        // The domains below the pass mark pull the estimate down; when none
        // is, the evidence is too thin where the lower bounds are below it.
        let below = |d: &&DomainReadiness| d.accuracy.is_none_or(|a| a < pass_mark);
        let thin = |d: &&DomainReadiness| d.lower < pass_mark;
        let mut held: Vec<String> = domains
            .iter()
            .filter(below)
            .map(|d| d.name.clone())
            .collect();
        if held.is_empty() {
            held = domains
                .iter()
                .filter(thin)
                .map(|d| d.name.clone())
                .collect();
        }
        if held.is_empty() {
            held = domains.iter().take(1).map(|d| d.name.clone()).collect();
        }
        held
    };
    Readiness {
        title: blueprint.display_title(),
        pass_mark,
        confidence: 90.0,
        domains,
        estimate: estimate.map(|e| round(100.0 * e)),
        lower: round(100.0 * lower),
        upper: round(100.0 * upper),
        ready,
        holding_back,
    }
}

/// The weighted estimate and its interval (as fractions) from each domain's
/// (weight, accuracy, answers).
fn overall(parts: &[(f64, Option<f64>, f64)]) -> (Option<f64>, f64, f64) {
    let total_weight: f64 = parts.iter().map(|p| p.0).sum();
    if total_weight <= 0.0 || parts.iter().any(|p| p.1.is_none()) {
        return (None, 0.0, 1.0);
    }
    let mut estimate = 0.0;
    let mut spread = 0.0;
    for &(weight, accuracy, n) in parts {
        let w = weight / total_weight;
        estimate += w * accuracy.unwrap_or(0.0);
        spread += w * w / n;
    }
    let effective = 1.0 / spread;
    let (lower, upper) = wilson(estimate * effective, effective, Z_90);
    (Some(estimate), lower, upper)
}

/// The points of the latest answer to each question's current wording, by id.
fn latest_points<'b>(banks: &'b [Bank], answers: &[Answer]) -> HashMap<&'b str, f64> {
    let hashes: HashMap<&str, String> = banks
        .iter()
        .flat_map(|b| &b.questions)
        .map(|q: &Question| (q.id.value.as_str(), q.content_hash()))
        .collect();
    let mut latest = HashMap::new();
    for a in answers {
        if let Some((&id, hash)) = hashes.get_key_value(a.question_id.as_str())
            && *hash == a.content_hash
        {
            latest.insert(id, a.points);
        }
    }
    latest
}

/// One decimal, as the stats print percentages.
fn round(percent: f64) -> f64 {
    (percent * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: (f64, f64), expected: (f64, f64)) {
        // Published values have four decimals.
        let ok = (actual.0 - expected.0).abs() < 6e-5 && (actual.1 - expected.1).abs() < 6e-5;
        assert!(ok, "{actual:?} is not {expected:?}");
    }

    #[test]
    fn wilson_matches_published_intervals() {
        // Newcombe (1998), "Two-sided confidence intervals for the single
        // proportion", Table I, method 3 (Wilson score, 95 %).
        close(wilson(81.0, 263.0, 1.96), (0.2553, 0.3662));
        close(wilson(15.0, 148.0, 1.96), (0.0624, 0.1605));
        close(wilson(0.0, 20.0, 1.96), (0.0, 0.1611));
        close(wilson(1.0, 29.0, 1.96), (0.0061, 0.1718));
    }

    #[test]
    fn wilson_at_90_percent() {
        // None right: the upper bound is z² / (n + z²) = 2.70570 / 12.70570.
        close(wilson(0.0, 10.0, Z_90), (0.0, 0.21295));
        // All right: the mirror image.
        close(wilson(10.0, 10.0, Z_90), (0.78705, 1.0));
        close(wilson(8.0, 10.0, Z_90), (0.54079, 0.93144));
        assert_eq!(wilson(0.0, 0.0, Z_90), (0.0, 1.0));
    }

    #[test]
    fn wilson_bounds_are_where_the_score_test_reaches_z() {
        // The interval is the set of p with |p̂ − p| ≤ z·√(p(1 − p)/n): at each
        // bound the two sides are equal.
        for (x, n) in [(8.0, 10.0), (45.0, 60.0), (3.0, 7.0), (19.5, 25.0)] {
            let p_hat = x / n;
            let (lower, upper) = wilson(x, n, Z_90);
            for bound in [lower, upper] {
                let score = (p_hat - bound).abs() / (bound * (1.0 - bound) / n).sqrt();
                assert!((score - Z_90).abs() < 1e-9, "{x}/{n}: {score}");
            }
        }
    }

    #[test]
    fn the_overall_interval_is_wilson_at_the_effective_sample_size() {
        // Weights in proportion to the answers: exactly the pooled interval.
        let (estimate, lower, upper) = overall(&[(0.5, Some(0.8), 20.0), (0.5, Some(0.6), 20.0)]);
        assert_eq!(estimate, Some(0.7));
        close((lower, upper), wilson(28.0, 40.0, Z_90));
        // Out of proportion: fewer effective answers than the 40 given.
        // n = 1 / (0.25/10 + 0.25/30) = 30.
        let (_, lower, upper) = overall(&[(0.5, Some(0.8), 10.0), (0.5, Some(0.6), 30.0)]);
        close((lower, upper), wilson(21.0, 30.0, Z_90));
        // A domain without answers leaves it open.
        assert_eq!(
            overall(&[(0.5, Some(1.0), 10.0), (0.5, None, 0.0)]),
            (None, 0.0, 1.0)
        );
    }
}
