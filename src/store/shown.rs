//! Which questions each session showed, and which it left flagged: what `quiz
//! stats` counts as seen, and what `quiz run --flagged` asks again.

use super::{Error, History, millis};
use rusqlite::params;
use std::time::SystemTime;

/// One question of one session, as the history keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub session: i64,
    pub question_id: String,
    /// Put up on the screen (not only flagged from a list).
    pub shown: bool,
    pub flagged: bool,
}

impl History {
    /// Question `question_id` was shown in session `session` at `at` (the first
    /// time counts).
    pub fn shown(
        &self,
        session: i64,
        bank: &str,
        question_id: &str,
        at: SystemTime,
    ) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO shown (session_id, question_id, bank, shown_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (session_id, question_id) DO UPDATE SET shown_at = COALESCE(shown_at, excluded.shown_at)",
            params![session, question_id, bank, millis(at)],
        )?;
        Ok(())
    }

    /// Question `question_id` was flagged or unflagged in session `session`.
    pub fn flag(
        &self,
        session: i64,
        bank: &str,
        question_id: &str,
        flagged: bool,
    ) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO shown (session_id, question_id, bank, flagged) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (session_id, question_id) DO UPDATE SET flagged = excluded.flagged",
            params![session, question_id, bank, i64::from(flagged)],
        )?;
        Ok(())
    }

    /// Every question every session showed or flagged.
    pub fn shown_all(&self) -> Result<Vec<Shown>, Error> {
        let mut stmt = self.conn.prepare(
            "SELECT session_id, question_id, shown_at IS NOT NULL, flagged FROM shown ORDER BY session_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Shown {
                session: r.get(0)?,
                question_id: r.get(1)?,
                shown: r.get(2)?,
                flagged: r.get::<_, i64>(3)? != 0,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The ids of the questions flagged in the latest session that had them.
    pub fn flagged_ids(&self) -> Result<Vec<String>, Error> {
        let mut stmt = self.conn.prepare(
            "SELECT question_id FROM shown s
             WHERE flagged = 1
               AND session_id = (SELECT MAX(session_id) FROM shown t WHERE t.question_id = s.question_id)
             ORDER BY question_id",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The ids of the questions session `id` showed.
    pub(super) fn seen_in(&self, id: i64) -> Result<Vec<String>, Error> {
        let mut stmt = self.conn.prepare(
            "SELECT question_id FROM shown WHERE session_id = ?1 AND shown_at IS NOT NULL",
        )?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SessionInfo;
    use std::time::UNIX_EPOCH;

    #[test]
    fn the_latest_session_that_had_a_question_says_whether_it_is_flagged() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::open(dir.path()).expect("open");
        let info = SessionInfo {
            mode: "practice".into(),
            seed: 1,
            scoring: "strict".into(),
            banks: Vec::new(),
        };
        let first = h.begin(&info, UNIX_EPOCH).expect("begin");
        h.shown(first, "b", "q1", UNIX_EPOCH).expect("shown");
        h.flag(first, "b", "q1", true).expect("flag");
        h.shown(first, "b", "q2", UNIX_EPOCH).expect("shown");
        h.flag(first, "b", "q2", true).expect("flag");
        let second = h.begin(&info, UNIX_EPOCH).expect("begin");
        // Shown again and left unflagged: no longer flagged.
        h.shown(second, "b", "q2", UNIX_EPOCH).expect("shown");
        assert_eq!(h.flagged_ids().expect("flags"), ["q1"]);
        h.flag(second, "b", "q2", true).expect("flag");
        h.flag(second, "b", "q2", false).expect("unflag");
        h.flag(second, "b", "q2", true).expect("flag");
        assert_eq!(h.flagged_ids().expect("flags"), ["q1", "q2"]);
        // Showing it again does not forget when it was first shown, nor its flag.
        h.shown(second, "b", "q2", UNIX_EPOCH).expect("shown");
        let all = h.shown_all().expect("all");
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|s| s.shown));
        assert_eq!(h.seen_in(second).expect("seen"), ["q2"]);
    }
}
