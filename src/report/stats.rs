//! `quiz stats`: progress from the history, over the banks of interest.

use crate::bank::Bank;
use crate::paint::Paint;
use crate::report::plural;
use crate::review;
use crate::safe;
use crate::store::{Answer, PastSession, Shown};
use chrono::{DateTime, Local, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::time::SystemTime;

#[derive(Debug, Serialize)]
pub struct Stats {
    pub questions: usize,
    /// Shown at least once (in history from before quiz recorded what it
    /// showed: answered at least once).
    pub seen: usize,
    pub unseen: usize,
    /// Answers given to these questions (the last per session and question).
    pub answers: usize,
    /// Questions left without an answer: skipped, or unanswered in a submitted
    /// exam. They count against an exam's score, not here.
    pub left_blank: usize,
    /// Mean points per answer given, in percent; None before the first answer.
    /// Open questions, which the candidate marks, are left out (see `by_kind`).
    pub accuracy: Option<f64>,
    /// Weakest first.
    pub by_tag: Vec<Group>,
    pub by_bank: Vec<Group>,
    /// By kind of question (`choice`, `order`…), weakest first; `open` counts
    /// the candidate's own marks, and only marked answers.
    pub by_kind: Vec<Group>,
    /// The most recent sessions, oldest first, for the trend.
    pub recent: Vec<Trend>,
    pub due_now: usize,
    pub due_this_week: usize,
}

#[derive(Debug, Serialize)]
pub struct Group {
    pub name: String,
    pub answers: usize,
    pub percent: f64,
}

/// One past session, counting only the questions of the banks reported on.
#[derive(Debug, Serialize)]
pub struct Trend {
    pub started: String,
    pub mode: String,
    /// Questions recorded: answered, skipped, or left unanswered in an exam.
    pub asked: usize,
    /// Those given an answer.
    pub answered: usize,
    /// Points over `asked`, in percent.
    pub percent: f64,
}

/// How many sessions the trend shows.
pub const TREND_SESSIONS: usize = 10;

fn percent(points: f64, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        (1000.0 * points / n as f64).round() / 10.0
    }
}

fn groups(map: BTreeMap<String, (f64, usize)>) -> Vec<Group> {
    let mut out: Vec<Group> = map
        .into_iter()
        .map(|(name, (points, n))| Group {
            name,
            answers: n,
            percent: percent(points, n),
        })
        .collect();
    out.sort_by(|a, b| {
        a.percent
            .total_cmp(&b.percent)
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

pub fn compute(
    banks: &[Bank],
    answers: &[Answer],
    shown: &[Shown],
    sessions: &[PastSession],
    now: SystemTime,
) -> Stats {
    let questions: Vec<_> = banks
        .iter()
        .flat_map(|b| b.questions.iter().map(move |q| (b, q)))
        .collect();
    let by_id: HashMap<&str, (&Bank, &crate::bank::Question)> = questions
        .iter()
        .map(|&(b, q)| (q.id.value.as_str(), (b, q)))
        .collect();
    let relevant: Vec<&Answer> = answers
        .iter()
        .filter(|a| by_id.contains_key(a.question_id.as_str()))
        .collect();
    // An answer means one was given: a blank one (skipped, or left unanswered
    // in an exam) is no answer, and says nothing of what the candidate knows.
    let (all_given, blank): (Vec<&Answer>, Vec<&Answer>) =
        relevant.iter().partition(|a| !a.given.is_empty());
    // An open question's answer is the candidate's own mark: apart, by kind.
    let given: Vec<&Answer> = all_given
        .iter()
        .copied()
        .filter(|a| !a.is_self_marked())
        .collect();
    let mut by_kind: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for a in all_given.iter().filter(|a| !a.is_unmarked()) {
        let e = by_kind.entry(a.kind.clone()).or_default();
        e.0 += a.points;
        e.1 += 1;
    }
    // Seen means shown; an answer given was shown, whenever it was recorded.
    let seen: HashSet<&str> = shown
        .iter()
        .filter(|s| s.shown && by_id.contains_key(s.question_id.as_str()))
        .map(|s| s.question_id.as_str())
        .chain(all_given.iter().map(|a| a.question_id.as_str()))
        .collect();
    // Tags group without regard to case, under their first spelling.
    let mut spelling: HashMap<String, String> = HashMap::new();
    let mut by_tag: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    let mut by_bank: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for a in &given {
        if let Some((bank, q)) = by_id.get(a.question_id.as_str()) {
            for t in &q.tags {
                let label = spelling
                    .entry(crate::bank::tag_key(&t.value))
                    .or_insert_with(|| t.value.clone());
                let e = by_tag.entry(label.clone()).or_default();
                e.0 += a.points;
                e.1 += 1;
            }
            let e = by_bank.entry(bank.display_title().to_owned()).or_default();
            e.0 += a.points;
            e.1 += 1;
        }
    }
    let total: f64 = given.iter().map(|a| a.points).sum();
    let standings = review::standings(banks, answers);
    let (due_now, due_this_week) = review::due_counts(&standings, now);
    Stats {
        questions: questions.len(),
        seen: seen.len(),
        unseen: questions.len() - seen.len(),
        answers: given.len(),
        left_blank: blank.len(),
        accuracy: (!given.is_empty()).then(|| percent(total, given.len())),
        by_tag: groups(by_tag),
        by_bank: groups(by_bank),
        by_kind: groups(by_kind),
        recent: trend(sessions, &relevant),
        due_now,
        due_this_week,
    }
}

/// The last [`TREND_SESSIONS`] sessions that asked any of these questions, oldest
/// first, each counting only these questions.
fn trend(sessions: &[PastSession], relevant: &[&Answer]) -> Vec<Trend> {
    // (asked, answered, points) per session.
    let mut per: HashMap<i64, (usize, usize, f64)> = HashMap::new();
    for a in relevant {
        let e = per.entry(a.session).or_default();
        e.0 += 1;
        e.1 += usize::from(!a.given.is_empty());
        e.2 += a.points;
    }
    let mut out: Vec<Trend> = sessions
        .iter()
        .rev()
        .filter_map(|s| {
            let &(asked, answered, points) = per.get(&s.id)?;
            Some(Trend {
                started: DateTime::<Utc>::from(s.started).to_rfc3339(),
                mode: s.mode.clone(),
                asked,
                answered,
                percent: percent(points, asked),
            })
        })
        .take(TREND_SESSIONS)
        .collect();
    out.reverse();
    out
}

pub fn to_json(stats: &Stats) -> Vec<u8> {
    crate::safe::json(stats)
}

/// The first lines of `quiz stats`: what was seen, the accuracy, the reviews due.
pub fn overview(s: &Stats) -> Vec<String> {
    let mut out = vec![format!(
        "{}: {} seen, {} unseen",
        plural(s.questions, "question"),
        s.seen,
        s.unseen
    )];
    let blank = match s.left_blank {
        0 => String::new(),
        n => format!("; {n} left blank"),
    };
    out.push(match s.accuracy {
        Some(a) => format!(
            "Accuracy: {a:.1}% over {}{blank}",
            plural(s.answers, "answer")
        ),
        None => format!("No answers yet{blank}: `quiz run` records them."),
    });
    out.push(format!(
        "Due for review: {} now, {} within a week",
        s.due_now, s.due_this_week
    ));
    out
}

pub fn to_text(s: &Stats, paint: Paint) -> String {
    let mut out = String::new();
    for line in overview(s) {
        let _ = writeln!(out, "{line}");
    }
    // By kind only when there is more than one kind to compare, or open
    // questions, whose marks are in no other figure.
    let kinds = (s.by_kind.len() > 1
        || s.by_kind.iter().any(|g| {
            crate::bank::Kind::from_name(&g.name).is_some_and(crate::bank::Kind::self_marked)
        }))
    .then_some(&s.by_kind);
    for (title, list) in [
        ("By tag, weakest first:", &s.by_tag),
        ("By bank, weakest first:", &s.by_bank),
        (
            "By kind, weakest first (open: your own marks, not in the accuracy):",
            kinds.unwrap_or(&Vec::new()),
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}", paint.bold(title));
        // Tag and bank names come from the banks: shown, never sent.
        let names: Vec<_> = list.iter().map(|g| safe::line(&g.name)).collect();
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        for (g, name) in list.iter().zip(&names) {
            let _ = writeln!(
                out,
                "  {name:width$}  {:5.1}%  ({})",
                g.percent,
                plural(g.answers, "answer")
            );
        }
    }
    if !s.recent.is_empty() {
        let _ = writeln!(out, "{}", paint.bold("Recent sessions, oldest first:"));
        for t in &s.recent {
            let when = DateTime::parse_from_rfc3339(&t.started)
                .map(|d| d.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|_| t.started.clone());
            let bar = "█".repeat((t.percent / 10.0).round() as usize);
            let counts = format!("{}/{}", t.answered, t.asked);
            let _ = writeln!(
                out,
                "  {when}  {:8} {counts:>7} answered  {:5.1}%  {bar}",
                t.mode, t.percent
            );
        }
    }
    out
}
