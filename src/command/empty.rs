//! Why `quiz run` has nothing to ask: which filter emptied the selection (an
//! unknown tag, `--missed`, `--review`), in numbers, and what to try instead.

use crate::bank::{Bank, tag_key};
use crate::diagnostic::suggest;
use crate::report::plural;
use crate::review::{self, Standing};
use crate::store::Answer;
use chrono::{DateTime, Local};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::SystemTime;

/// The filters of a run, and the history they were applied to.
pub(super) struct Selection<'a> {
    pub banks: &'a [Bank],
    pub tags: &'a [String],
    pub missed: bool,
    pub review: bool,
    pub flagged: bool,
    pub answers: &'a [Answer],
    pub now: SystemTime,
}

/// Each `--tag` that no question carries, with the nearest tag the banks have and
/// a pointer to `quiz list`; None when every tag is known. A typo never silently
/// shrinks a quiz, even when other tags match.
pub(super) fn unknown_tags(banks: &[Bank], tags: &[String]) -> Option<String> {
    // Tags match without regard to case: each known tag by its key, with its first
    // spelling and its count.
    let mut known: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    for q in banks.iter().flat_map(|b| &b.questions) {
        for t in &q.tags {
            known
                .entry(tag_key(&t.value))
                .or_insert((t.value.trim(), 0))
                .1 += 1;
        }
    }
    let names: Vec<&str> = known.keys().map(String::as_str).collect();
    let unknown: Vec<String> = tags
        .iter()
        .filter(|t| !known.contains_key(&tag_key(t)))
        .map(
            |t| match suggest(&tag_key(t), &names).map(|key| known[key]) {
                Some((near, count)) => format!(
                    "no question has the tag `{t}`; did you mean `{near}` ({})?",
                    plural(count, "question")
                ),
                None => format!("no question has the tag `{t}`"),
            },
        )
        .collect();
    if unknown.is_empty() {
        return None;
    }
    let hint = if names.is_empty() {
        "these banks have no tags at all; leave out --tag".to_owned()
    } else {
        "`quiz list` shows every tag with its count".to_owned()
    };
    Some(format!("{}\n{hint}", unknown.join("\n")))
}

/// What emptied the selection, and what to try instead.
pub(super) fn explain(s: &Selection) -> String {
    let scope: Vec<&str> = s
        .banks
        .iter()
        .flat_map(|b| &b.questions)
        .filter(|q| {
            s.tags.is_empty()
                || q.tags
                    .iter()
                    .any(|t| s.tags.iter().any(|w| tag_key(w) == tag_key(&t.value)))
        })
        .map(|q| q.id.value.as_str())
        .collect();
    let tagged = tagged(s.tags);
    if s.flagged {
        return "--flagged found nothing to ask: no question of these banks is flagged in the latest session that showed it.\nFlag questions with * as you take a quiz; --flagged then asks them again.".to_owned();
    }
    let flags = match (s.missed, s.review) {
        (true, true) => "--review --missed",
        (true, false) => "--missed",
        (false, true) => "--review",
        (false, false) => return "the banks have no questions to ask".to_owned(),
    };
    let lead = format!("{flags} found nothing to ask");
    if s.missed {
        let mut latest: HashMap<&str, f64> = HashMap::new();
        for a in s.answers {
            latest.insert(&a.question_id, a.points);
        }
        let answered = scope.iter().filter(|id| latest.contains_key(*id)).count();
        let missed: Vec<&str> = scope
            .iter()
            .copied()
            .filter(|id| latest.get(id).is_some_and(|p| *p < 1.0))
            .collect();
        if s.answers.is_empty() {
            return format!(
                "{lead}: no answers are recorded yet.\nTake a quiz first (`quiz run`); --missed then asks again what you got wrong."
            );
        }
        if answered == 0 {
            return format!(
                "{lead}: {}.\nLeave out --missed to be asked {}.",
                none_of(scope.len(), "question", &tagged, "has been answered yet"),
                if scope.len() == 1 { "it" } else { "them" }
            );
        }
        if missed.is_empty() {
            let rest = scope.len() - answered;
            let unanswered = if rest == 0 {
                String::new()
            } else {
                format!("; {rest} more not answered yet")
            };
            let each = if answered == 1 {
                format!("the 1 answered question{tagged} scored full marks on its latest answer")
            } else {
                format!(
                    "each of the {answered} answered questions{tagged} scored full marks on its latest answer"
                )
            };
            let instead = if s.review {
                "Leave out --missed to review everything that is due."
            } else {
                "Leave out --missed to practise anyway, or try --review for what is due."
            };
            return format!("{lead}: {each}{unanswered}.\n{instead}");
        }
        // Missed questions exist, so it was --review that emptied the selection.
        let next = next_due(s, &missed);
        return format!(
            "{lead}: {}{next}.\nLeave out --review to be asked every missed question now.",
            none_of(
                missed.len(),
                "missed question",
                &tagged,
                "is due for review yet"
            )
        );
    }
    // --review alone: every question has been answered, and none is due.
    let next = next_due(s, &scope);
    format!(
        "{lead}: {} answered and none is due for review yet{next}.\nLeave out --review to practise anyway.",
        match scope.len() {
            1 => format!("the 1 question{tagged} has been"),
            n => format!("all {n} questions{tagged} have been"),
        }
    )
}

/// ` (the next falls due on 2026-12-03 14:00)`, for the earliest of `ids` still to come.
fn next_due(s: &Selection, ids: &[&str]) -> String {
    let wanted: HashSet<&str> = ids.iter().copied().collect();
    let standings = review::standings(s.banks, s.answers);
    let next = standings
        .iter()
        .filter(|(id, _)| wanted.contains(id.as_str()))
        .filter_map(|(_, standing)| match standing {
            Standing::Scheduled { due, .. } if *due > s.now => Some(*due),
            _ => None,
        })
        .min();
    match next {
        Some(due) => format!(
            " (the next falls due on {})",
            DateTime::<Local>::from(due).format("%Y-%m-%d %H:%M")
        ),
        None => String::new(),
    }
}

/// ` tagged `a` or `b``, or nothing without tags.
fn tagged(tags: &[String]) -> String {
    if tags.is_empty() {
        return String::new();
    }
    let list: Vec<String> = tags.iter().map(|t| format!("`{t}`")).collect();
    format!(" tagged {}", list.join(" or "))
}

/// `none of the 17 questions tagged `tls13` has been answered yet`, or for one,
/// `the only question tagged `tls13` has not been answered yet`.
fn none_of(n: usize, word: &str, tagged: &str, has_been: &str) -> String {
    if n == 1 {
        let negated = has_been
            .replacen("has ", "has not ", 1)
            .replacen("is ", "is not ", 1);
        format!("the only {word}{tagged} {negated}")
    } else {
        format!("none of the {n} {word}s{tagged} {has_been}")
    }
}
