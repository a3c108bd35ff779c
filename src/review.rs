//! Spaced repetition: which questions are due, by FSRS, replayed from the history.
//!
//! Nothing derived is stored: each question's card is rebuilt by replaying its
//! answers through the scheduler, oldest first. Only answers to the question's
//! current content count, so a changed question starts again as new. A full
//! point rates Good, part of a point Hard, nothing Again. The long-term scheduler
//! is used (intervals in days, no same-day learning steps): a quiz is practised
//! in sessions, not card by card.

use crate::bank::{Bank, Kind};
use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating};
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

/// One answer as the history (`crate::store`) reads it back: for exams, only the last answer a session gave to a
/// question counts, so a changed answer is not two reviews.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub session: i64,
    pub bank: String,
    pub question_id: String,
    pub content_hash: String,
    /// The answer in words (empty when skipped); an open question's own mark,
    /// or `unmarked`.
    pub given: String,
    pub points: f64,
    pub time: Duration,
    pub at: SystemTime,
    /// The question's kind when it was answered: `choice`, `order`…
    pub kind: String,
}

/// What an open question's answer holds before the candidate marks it.
pub const UNMARKED: &str = "unmarked";

impl Answer {
    /// The answer to a question the candidate marks (open): never scored.
    pub fn is_self_marked(&self) -> bool {
        Kind::from_name(&self.kind).is_some_and(Kind::self_marked)
    }

    /// An open question answered but never marked: no evidence of what the
    /// candidate knows, so review does not count it.
    pub fn is_unmarked(&self) -> bool {
        self.is_self_marked() && self.given == UNMARKED
    }
}

/// Where one question stands for review.
#[derive(Debug, Clone, PartialEq)]
pub enum Standing {
    /// Never answered in its current form.
    Unseen,
    Scheduled {
        due: SystemTime,
        reviews: usize,
    },
}

fn rating(points: f64) -> Rating {
    if points >= 1.0 {
        Rating::Good
    } else if points > 0.0 {
        Rating::Hard
    } else {
        Rating::Again
    }
}

/// The standing of every question in `banks`, from `answers` (oldest first).
pub fn standings(banks: &[Bank], answers: &[Answer]) -> HashMap<String, Standing> {
    let fsrs = FSRS::new(Parameters {
        enable_short_term: false,
        ..Parameters::default()
    });
    let mut by_question: HashMap<&str, Vec<&Answer>> = HashMap::new();
    for a in answers {
        by_question
            .entry(a.question_id.as_str())
            .or_default()
            .push(a);
    }
    let mut out = HashMap::new();
    for q in banks.iter().flat_map(|b| &b.questions) {
        let hash = q.content_hash();
        let history: Vec<&&Answer> = by_question
            .get(q.id.value.as_str())
            .map(|v| {
                v.iter()
                    .filter(|a| a.content_hash == hash && !a.is_unmarked())
                    .collect()
            })
            .unwrap_or_default();
        let standing = match history.first() {
            None => Standing::Unseen,
            Some(first) => {
                let start: DateTime<Utc> = first.at.into();
                let mut card = Card {
                    due: start,
                    last_review: start,
                    ..Card::default()
                };
                for a in &history {
                    card = fsrs.next(card, a.at.into(), rating(a.points)).card;
                }
                Standing::Scheduled {
                    due: card.due.into(),
                    reviews: history.len(),
                }
            }
        };
        out.insert(q.id.value.clone(), standing);
    }
    out
}

/// For `run --review`: the ids due at `now`, most overdue first, then the unseen
/// ones in bank order.
pub fn due_then_unseen(
    standings: &HashMap<String, Standing>,
    banks: &[Bank],
    now: SystemTime,
) -> Vec<String> {
    let mut due: Vec<(SystemTime, &str)> = Vec::new();
    let mut unseen = Vec::new();
    for q in banks.iter().flat_map(|b| &b.questions) {
        match standings.get(&q.id.value) {
            Some(Standing::Scheduled { due: when, .. }) if *when <= now => {
                due.push((*when, &q.id.value))
            }
            Some(Standing::Unseen) => unseen.push(q.id.value.clone()),
            _ => {}
        }
    }
    due.sort();
    due.into_iter()
        .map(|(_, id)| id.to_owned())
        .chain(unseen)
        .collect()
}

/// How many are due by `now`, and within the week after it.
pub fn due_counts(standings: &HashMap<String, Standing>, now: SystemTime) -> (usize, usize) {
    let week = now + Duration::from_secs(7 * 24 * 3600);
    let mut now_count = 0;
    let mut week_count = 0;
    for s in standings.values() {
        if let Standing::Scheduled { due, .. } = s {
            if *due <= now {
                now_count += 1;
            }
            if *due <= week {
                week_count += 1;
            }
        }
    }
    (now_count, week_count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::read_bank;

    fn banks() -> Vec<Bank> {
        let text = "questions:\n  - id: a\n    question: Q?\n    choices: [x, y]\n    answer: A\n  - id: b\n    question: R?\n    choices: [x, y]\n    answer: B\n";
        let mut diags = Vec::new();
        read_bank("t.yaml", text.as_bytes(), &mut diags)
            .into_iter()
            .collect()
    }

    fn answer(bank: &[Bank], id: &str, points: f64, at: SystemTime) -> Answer {
        let q = bank[0]
            .questions
            .iter()
            .find(|q| q.id.value == id)
            .expect("question");
        Answer {
            session: 1,
            bank: "t".into(),
            question_id: id.into(),
            content_hash: q.content_hash(),
            given: String::new(),
            points,
            time: Duration::ZERO,
            at,
            kind: "choice".into(),
        }
    }

    #[test]
    fn a_miss_comes_back_sooner_than_a_hit() {
        let b = banks();
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let s = standings(&b, &[answer(&b, "a", 0.0, t0), answer(&b, "b", 1.0, t0)]);
        let due = |id: &str| match &s[id] {
            Standing::Scheduled { due, .. } => *due,
            Standing::Unseen => panic!("{id} should be scheduled"),
        };
        assert!(due("a") < due("b"));
        assert!(due("a") > t0);
    }

    #[test]
    fn changed_content_is_unseen_again() {
        let b = banks();
        let mut old = answer(&b, "a", 1.0, SystemTime::UNIX_EPOCH);
        old.content_hash = "0000000000000000".into();
        let s = standings(&b, &[old]);
        assert_eq!(s["a"], Standing::Unseen);
    }

    #[test]
    fn due_first_then_unseen() {
        let b = banks();
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let s = standings(&b, &[answer(&b, "b", 0.0, t0)]);
        let much_later = t0 + Duration::from_secs(365 * 24 * 3600);
        assert_eq!(due_then_unseen(&s, &b, much_later), ["b", "a"]);
        assert_eq!(due_then_unseen(&s, &b, t0), ["a"]);
        assert_eq!(due_counts(&s, much_later), (1, 1));
    }
}
