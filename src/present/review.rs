//! An exam's review before submitting (every question with its two marks, and
//! what the dialogs ask) and its results after: the score, the breakdown, every
//! question, missed first.

use super::words::{self, TIME_UP, clock, points};
use super::{Text, Tone};
use crate::flow::{Flow, Status};
use crate::quiz::{Session, Summary};
use std::time::SystemTime;

/// Every question of an exam, before submitting.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// `4 questions · 2 answered · 1 incomplete · 2 unanswered · 1 flagged`.
    pub counts: String,
    pub rows: Vec<ReviewRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRow {
    /// Position in the session.
    pub index: usize,
    pub status: Status,
    /// `✓`, `◐` or `○`, with its words: `answered`, `1 of 2 picked`, `unanswered`.
    pub mark: &'static str,
    pub words: String,
    pub tone: Tone,
    pub flagged: bool,
    /// The stem on one line.
    pub stem: Text,
}

pub fn review(session: &Session, flow: &Flow) -> Review {
    let n = session.len();
    let rows: Vec<ReviewRow> = (0..n)
        .map(|index| {
            let status = flow.status(session, index);
            let kind = session.kind(index).unwrap_or(crate::quiz::Kind::Choice);
            let (mark, words, tone) = words::status(status, kind);
            ReviewRow {
                index,
                status,
                mark,
                words,
                tone,
                flagged: flow.flagged(index),
                stem: session
                    .asked(index)
                    .map(|a| Text::flat(&a.question.question.value))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let answered = flow.answered_count();
    let incomplete = flow.incomplete_count(session);
    let mut counts = format!("{n} questions · {answered} answered");
    if incomplete > 0 {
        counts.push_str(&format!(" · {incomplete} incomplete"));
    }
    counts.push_str(&format!(
        " · {} unanswered · {} flagged",
        n - answered,
        flow.flagged_count()
    ));
    Review { counts, rows }
}

/// What the submit dialog says before its keys: what is left, and what it means.
pub fn submit_question(session: &Session, flow: &Flow) -> Vec<String> {
    let n = session.len();
    let unanswered = n - flow.answered_count();
    let incomplete = flow.incomplete_count(session);
    let mut counts = format!("{unanswered} of {n} unanswered");
    if incomplete > 0 {
        counts.push_str(&format!(", {incomplete} incomplete"));
    }
    counts.push_str(&format!(", {} flagged.", flow.flagged_count()));
    let meaning = match (unanswered > 0, incomplete > 0) {
        (true, true) => "Unanswered questions score nothing, and incomplete ones may score less.",
        (true, false) => "Unanswered questions score nothing.",
        (false, true) => "Incomplete questions may score less.",
        (false, false) => "Every question has an answer.",
    };
    vec![counts, meaning.to_owned()]
}

/// What the leave dialog says before its keys.
pub fn leave_question(flow: &Flow, now: SystemTime) -> String {
    format!(
        "Your answers are kept: `quiz run --resume` continues the exam{}.",
        flow.time_left(now)
            .map(|l| format!(" with {} left", clock(l)))
            .unwrap_or_default()
    )
}

/// A table of results by some grouping, with its heading.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Breakdown {
    pub heading: String,
    pub rows: Vec<BreakdownRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownRow {
    pub label: Text,
    pub points: f64,
    pub max: usize,
}

impl BreakdownRow {
    /// `2.5/4`.
    pub fn score(&self) -> String {
        format!("{}/{}", points(self.points), self.max)
    }

    /// 0 to 100.
    pub fn percent(&self) -> f64 {
        if self.max == 0 {
            0.0
        } else {
            100.0 * self.points / self.max as f64
        }
    }
}

impl Breakdown {
    /// A blueprint's exam by its domains, weakest first (what it is judged by);
    /// any other by tag.
    pub fn of(summary: &Summary) -> Breakdown {
        let domains = summary.by_domain();
        if domains.is_empty() {
            return Breakdown {
                heading: "By tag".to_owned(),
                rows: summary
                    .by_tag()
                    .into_iter()
                    .map(|t| BreakdownRow {
                        label: Text::line(&t.tag),
                        points: t.points,
                        max: t.max,
                    })
                    .collect(),
            };
        }
        Breakdown {
            heading: "By domain, weakest first".to_owned(),
            rows: domains
                .into_iter()
                .map(|d| BreakdownRow {
                    label: Text::line(&d.name),
                    points: d.points,
                    max: d.questions,
                })
                .collect(),
        }
    }
}

/// An exam after submission.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// `Score 1/4 (25.0%)`.
    pub score: String,
    pub passed: bool,
    /// `pass mark 70%`, when not on a scale.
    pub pass_mark: Option<String>,
    /// `Scaled score 300 (scale 100–900, pass at 750)`.
    pub scaled: Option<String>,
    /// [`TIME_UP`], when the limit ended it.
    pub time_up: Option<&'static str>,
    /// `Time used 12:34`.
    pub time_used: String,
    pub breakdown: Breakdown,
    /// `Open questions (not scored): 1 to mark, 1 marked`, when there are any.
    pub open: Option<String>,
    /// Every question, missed first, open questions last.
    pub rows: Vec<ResultRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub index: usize,
    /// `✓` right, `✗` wrong, `○` unanswered; an open question: its own mark,
    /// or `?` until it is marked.
    pub mark: &'static str,
    pub tone: Tone,
    pub stem: Text,
    /// `0.5/1`; an open question: `mark it`, or the mark given.
    pub score: String,
}

pub fn results(session: &Session, flow: &Flow) -> Results {
    let s = flow.summary(session);
    // Missed first, then the right ones, then the open ones.
    let mut rows: Vec<(u8, ResultRow)> = (0..session.len())
        .filter_map(|index| {
            let outcome = flow.outcome(session, index)?;
            let stem = session
                .asked(index)
                .map(|a| Text::flat(&a.question.question.value))
                .unwrap_or_default();
            let (mark, tone, score, rank) = if !outcome.scored {
                match (outcome.mark, outcome.skipped) {
                    (_, true) => ("○", Tone::Warn, "not answered".to_owned(), 2),
                    (None, false) => ("?", Tone::Warn, "mark it".to_owned(), 2),
                    (Some(mark), false) => {
                        let (symbol, tone) = match mark {
                            crate::quiz::SelfMark::Right => ("✓", Tone::Good),
                            crate::quiz::SelfMark::Partly => ("◐", Tone::Warn),
                            crate::quiz::SelfMark::Wrong => ("✗", Tone::Bad),
                        };
                        (symbol, tone, format!("yours: {}", mark.name()), 2)
                    }
                }
            } else if outcome.is_right() {
                ("✓", Tone::Good, format!("{}/1", points(outcome.points)), 1)
            } else if outcome.skipped {
                ("○", Tone::Warn, format!("{}/1", points(outcome.points)), 0)
            } else {
                ("✗", Tone::Bad, format!("{}/1", points(outcome.points)), 0)
            };
            let row = ResultRow {
                index,
                mark,
                tone,
                stem,
                score,
            };
            Some((rank, row))
        })
        .collect();
    // A stable sort keeps each group in order.
    rows.sort_by_key(|(rank, _)| *rank);
    let open = s.open();
    let unmarked = open
        .iter()
        .filter(|r| r.mark.is_none() && !r.skipped)
        .count();
    let marked = open.iter().filter(|r| r.mark.is_some()).count();
    let open_line = (!open.is_empty()).then(|| {
        let mut parts = Vec::new();
        if unmarked > 0 {
            parts.push(format!("{unmarked} to mark (Enter opens one)"));
        }
        if marked > 0 {
            parts.push(format!("{marked} marked"));
        }
        if parts.is_empty() {
            parts.push("none answered".to_owned());
        }
        format!("Open questions, not scored: {}", parts.join(", "))
    });
    Results {
        score: format!(
            "Score {}/{} ({:.1}%)",
            points(s.points()),
            s.max_points(),
            s.percent()
        ),
        passed: s.passed() == Some(true),
        pass_mark: s
            .scale
            .is_none()
            .then(|| format!("pass mark {}%", points(s.pass_mark))),
        scaled: s
            .scale
            .zip(s.scaled_score())
            .map(|(scale, score)| format!("Scaled score {score} ({})", scale.terms())),
        time_up: s.time_up.then_some(TIME_UP),
        time_used: format!("Time used {}", words::elapsed(s.time_used)),
        breakdown: Breakdown::of(&s),
        open: open_line,
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }
}
