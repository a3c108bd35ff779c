//! `quiz stats --blueprint`: readiness by domain, for people and for scripts.

use crate::blueprint::readiness::{DomainReadiness, Readiness};
use crate::paint::Paint;
use crate::safe;
use std::collections::HashSet;
use std::fmt::Write;

pub fn to_json(readiness: &Readiness) -> Vec<u8> {
    safe::json(readiness)
}

/// A measured percentage: one decimal, always (`8.0%`).
fn percent(p: f64) -> String {
    format!("{:.1}%", p + 0.0)
}

/// A set percentage (a weight, a pass mark): the decimals it has (`75%`, `81.25%`).
fn setting(p: f64) -> String {
    let text = format!("{:.3}", p + 0.0);
    format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
}

fn interval(lower: f64, upper: f64) -> String {
    format!("{:.1}–{:.1}%", lower, upper)
}

/// `blueprint`: the file as the user named it, for the command that fills the gaps.
pub fn to_text(r: &Readiness, blueprint: &str, paint: Paint) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "{}: readiness by domain, weakest first",
            safe::line(&r.title)
        ))
    );
    let _ = writeln!(
        out,
        "Accuracy over your latest answer to each question, with a {}% Wilson interval.",
        r.confidence
    );
    let width = r
        .domains
        .iter()
        .map(|d| safe::line(&d.name).chars().count())
        .chain(["Domain".len()])
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "\n  {:width$}  {:>6}  {:>4}  {:>6}  {:>8}  {:>12}",
        "Domain", "Weight", "Seen", "Unseen", "Accuracy", "90% interval"
    );
    for d in &r.domains {
        let _ = writeln!(out, "  {}", row(d, width));
    }
    let _ = writeln!(out);
    match r.estimate {
        Some(estimate) => {
            let _ = writeln!(
                out,
                "Overall: {} ({} at 90%), the domains weighted as in the exam",
                percent(estimate),
                interval(r.lower, r.upper)
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Overall: not known until every domain has answers (`quiz run --blueprint {blueprint}` asks them all)"
            );
        }
    }
    let _ = writeln!(out, "{}", verdict_painted(r, paint));
    out
}

/// Whether the candidate is ready, and what holds them back, in words.
pub fn verdict(r: &Readiness) -> String {
    verdict_painted(r, Paint::PLAIN)
}

fn verdict_painted(r: &Readiness, paint: Paint) -> String {
    if r.ready {
        format!(
            "{}: the lower bound {} clears the pass mark {}.",
            paint.good("Ready"),
            percent(r.lower),
            setting(r.pass_mark)
        )
    } else {
        let holding: HashSet<&str> = r.holding_back.iter().map(String::as_str).collect();
        let held: Vec<&DomainReadiness> = r
            .domains
            .iter()
            .filter(|d| holding.contains(d.name.as_str()))
            .collect();
        let why = match r.estimate {
            Some(_) => format!(
                "the lower bound {} is below the pass mark {}",
                percent(r.lower),
                setting(r.pass_mark)
            ),
            None => format!("the pass mark is {}", setting(r.pass_mark)),
        };
        let thin = held
            .iter()
            .all(|d| d.accuracy.is_some_and(|a| a >= r.pass_mark));
        let names: Vec<String> = held
            .iter()
            .map(|d| match d.accuracy {
                None => format!("{} (no answers yet)", safe::line(&d.name)),
                Some(_) if thin => format!(
                    "{} ({} of {} seen)",
                    safe::line(&d.name),
                    d.seen,
                    d.questions
                ),
                Some(a) => format!("{} ({})", safe::line(&d.name), percent(a)),
            })
            .collect();
        let what = if thin {
            "Too little evidence to be sure in"
        } else {
            "Held back by"
        };
        format!(
            "{}: {why}. {what} {}.",
            paint.bad("Not yet"),
            names.join(", ")
        )
    }
}

fn row(d: &DomainReadiness, width: usize) -> String {
    let accuracy = d.accuracy.map_or_else(|| "–".to_owned(), percent);
    let range = match d.accuracy {
        Some(_) => interval(d.lower, d.upper),
        None => "–".to_owned(),
    };
    format!(
        "{:width$}  {:>6}  {:>4}  {:>6}  {:>8}  {:>12}",
        safe::line(&d.name),
        setting(d.weight),
        d.seen,
        d.unseen,
        accuracy,
        range
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domain(name: &str, weight: f64, seen: usize, accuracy: Option<f64>) -> DomainReadiness {
        DomainReadiness {
            name: name.into(),
            weight,
            questions: 10,
            seen,
            unseen: 10 - seen,
            accuracy,
            lower: if accuracy.is_some() { 41.2 } else { 0.0 },
            upper: if accuracy.is_some() { 88.0 } else { 100.0 },
        }
    }

    #[test]
    fn names_what_holds_the_candidate_back() {
        let r = Readiness {
            title: "Mock".into(),
            pass_mark: 75.0,
            confidence: 90.0,
            domains: vec![
                domain("Attacks", 40.0, 0, None),
                domain("Handshake", 60.0, 6, Some(66.7)),
            ],
            estimate: None,
            lower: 0.0,
            upper: 100.0,
            ready: false,
            holding_back: vec!["Attacks".into(), "Handshake".into()],
        };
        let text = to_text(&r, "mock.yaml", Paint::PLAIN);
        assert!(
            text.contains("  Domain     Weight  Seen  Unseen  Accuracy  90% interval\n"),
            "{text}"
        );
        assert!(
            text.contains("  Handshake     60%     6       4     66.7%    41.2–88.0%\n"),
            "{text}"
        );
        assert!(
            text.contains("  Attacks       40%     0      10         –             –\n"),
            "{text}"
        );
        assert!(
            text.contains(
                "Not yet: the pass mark is 75%. Held back by Attacks (no answers yet), Handshake (66.7%).\n"
            ),
            "{text}"
        );
        assert!(
            text.contains("(`quiz run --blueprint mock.yaml` asks them all)"),
            "{text}"
        );
    }
}
