//! What the history keeps so that a session can be resumed: the plan that
//! replays it (settings, banks, the questions in order with their shuffles), the
//! exam's time left and flags as last saved, and whether it finished.

use super::{Error, History, from_millis, millis};
use crate::quiz::Planned;
use rusqlite::{OptionalExtension, params};
use std::time::{Duration, SystemTime};

/// Everything that replays a session: the same questions in the same order with
/// the same shuffles, under the same settings.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    /// `practice` or `exam`.
    pub mode: String,
    /// `strict` or `partial`.
    pub scoring: String,
    pub seed: u64,
    pub pass_mark: f64,
    /// Exam: the whole limit, in milliseconds.
    pub time_limit_ms: Option<u64>,
    /// The paths given to `quiz run`, made absolute; empty for the built-in bank.
    pub paths: Vec<String>,
    /// The header's title.
    pub title: String,
    pub questions: Vec<Planned>,
    /// A blueprint's domains, in its order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
    /// A blueprint's exam title, for the summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exam_title: Option<String>,
    /// A blueprint's scale: lowest, highest and passing score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<[u32; 3]>,
}

/// A session that ended without finishing, as the history has it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfinished {
    pub id: i64,
    pub started: SystemTime,
    pub plan: Plan,
    /// Exam: the time left when last saved.
    pub time_left: Option<Duration>,
    /// Positions of the flagged questions.
    pub flagged: Vec<usize>,
    /// The last answer given to each question.
    pub answers: Vec<UnfinishedAnswer>,
    /// The ids of the questions it showed.
    pub seen: Vec<String>,
}

/// The last answer a session gave to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnfinishedAnswer {
    pub question_id: String,
    /// The answer in words: for a choice answer from before the kinds, its
    /// letters in the file's lettering, such as `A,C` (empty when skipped).
    pub given: String,
    /// The response in the file's terms, as JSON; None for an answer from
    /// before the kinds, whose letters are in `given`.
    pub response: Option<String>,
    pub time: Duration,
}

impl History {
    /// Keeps the plan of session `id`, so that it can be resumed.
    pub fn save_plan(&self, id: i64, plan: &Plan) -> Result<(), Error> {
        let text = serde_json::to_string(plan).unwrap_or_default();
        self.conn.execute(
            "UPDATE sessions SET plan = ?2, finished_at = NULL WHERE id = ?1",
            params![id, text],
        )?;
        Ok(())
    }

    /// Saves an exam's time left and the flags, so that a resume finds them.
    pub fn save_progress(
        &self,
        id: i64,
        time_left: Option<Duration>,
        flagged: &[usize],
    ) -> Result<(), Error> {
        let left = time_left.map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
        let flagged = serde_json::to_string(flagged).unwrap_or_else(|_| "[]".to_owned());
        self.conn.execute(
            "UPDATE sessions SET time_left_ms = ?2, flagged = ?3 WHERE id = ?1",
            params![id, left, flagged],
        )?;
        Ok(())
    }

    /// Marks session `id` as finished: it can no longer be resumed. A session
    /// finishes once: an exam submitted keeps the time of its submission.
    pub fn finish(&self, id: i64, at: SystemTime) -> Result<(), Error> {
        self.conn.execute(
            "UPDATE sessions SET finished_at = ?2 WHERE id = ?1 AND finished_at IS NULL",
            params![id, millis(at)],
        )?;
        Ok(())
    }

    /// The latest session that can be resumed, if any.
    pub fn latest_unfinished(&self) -> Result<Option<Unfinished>, Error> {
        let row = self
            .conn
            .query_row(
                "SELECT id, started_at, plan, time_left_ms, flagged FROM sessions
                 WHERE finished_at IS NULL AND plan IS NOT NULL
                 ORDER BY started_at DESC, id DESC LIMIT 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, started, plan, left, flagged)) = row else {
            return Ok(None);
        };
        // A plan this quiz cannot read (hand-edited, or from a future version)
        // is not resumable; it is not an error to report.
        let Ok(plan) = serde_json::from_str::<Plan>(&plan) else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(
            "SELECT question_id, given, time_ms, response FROM answers WHERE session_id = ?1 ORDER BY id",
        )?;
        let mut answers: Vec<UnfinishedAnswer> = Vec::new();
        let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let rows = stmt.query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?, r.get(3)?))
        })?;
        for row in rows {
            let (question_id, given, ms, response): (String, String, i64, Option<String>) = row?;
            let answer = UnfinishedAnswer {
                question_id,
                given,
                response,
                time: Duration::from_millis(u64::try_from(ms).unwrap_or(0)),
            };
            match at.get(&answer.question_id) {
                Some(&i) => answers[i] = answer,
                None => {
                    at.insert(answer.question_id.clone(), answers.len());
                    answers.push(answer);
                }
            }
        }
        let seen = self.seen_in(id)?;
        Ok(Some(Unfinished {
            id,
            started: from_millis(started),
            plan,
            time_left: left.map(|ms| Duration::from_millis(u64::try_from(ms).unwrap_or(0))),
            flagged: flagged
                .and_then(|f| serde_json::from_str(&f).ok())
                .unwrap_or_default(),
            answers,
            seen,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{NewAnswer, SessionInfo};
    use std::time::UNIX_EPOCH;

    fn plan() -> Plan {
        Plan {
            mode: "exam".into(),
            scoring: "strict".into(),
            seed: 7,
            pass_mark: 70.0,
            time_limit_ms: Some(60_000),
            paths: vec!["/b.yaml".into()],
            title: "B".into(),
            questions: vec![Planned {
                id: "q1".into(),
                order: vec![1, 0],
                domain: None,
            }],
            domains: Vec::new(),
            exam_title: None,
            scale: None,
        }
    }

    fn info() -> SessionInfo {
        SessionInfo {
            mode: "exam".into(),
            seed: 7,
            scoring: "strict".into(),
            banks: vec!["b.yaml".into()],
        }
    }

    #[test]
    fn the_latest_unfinished_session_comes_back_with_its_answers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::open(dir.path()).expect("open");
        assert_eq!(h.latest_unfinished().expect("query"), None);
        let s = h.begin(&info(), UNIX_EPOCH).expect("begin");
        h.save_plan(s, &plan()).expect("plan");
        let answer = |given: &str| NewAnswer {
            bank: "b",
            question_id: "q1",
            content_hash: "h",
            kind: "choice",
            given: given.into(),
            response: None,
            points: 0.0,
            time: Duration::ZERO,
            at: UNIX_EPOCH,
        };
        h.record(s, &answer("A")).expect("record");
        h.record(s, &answer("B")).expect("record");
        h.save_progress(s, Some(Duration::from_secs(42)), &[0])
            .expect("progress");
        let found = h.latest_unfinished().expect("query").expect("one");
        assert_eq!(found.id, s);
        assert_eq!(found.plan, plan());
        assert_eq!(found.time_left, Some(Duration::from_secs(42)));
        assert_eq!(found.flagged, [0]);
        assert_eq!(
            found.answers,
            [UnfinishedAnswer {
                question_id: "q1".to_owned(),
                given: "B".to_owned(),
                response: None,
                time: Duration::ZERO
            }]
        );
        h.finish(s, UNIX_EPOCH).expect("finish");
        assert_eq!(h.latest_unfinished().expect("query"), None);
    }

    #[test]
    fn a_session_without_a_plan_cannot_be_resumed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::open(dir.path()).expect("open");
        h.begin(&info(), UNIX_EPOCH).expect("begin");
        assert_eq!(h.latest_unfinished().expect("query"), None);
    }
}
