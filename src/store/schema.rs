//! The schema and its migrations. Each migration moves the database from version
//! N to N + 1 and runs in one transaction; `user_version` says where a file is.
//! Never edit a released migration: add the next one.

use super::Error;
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

const MIGRATIONS: &[&str] = &[
    // 0 → 1: sessions and answers.
    "CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,        -- Unix time, milliseconds
        mode TEXT NOT NULL,                 -- practice | exam
        seed TEXT NOT NULL,
        scoring TEXT NOT NULL,              -- strict | partial
        banks TEXT NOT NULL                 -- JSON list of bank paths
    );
    CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        answered_at INTEGER NOT NULL,       -- Unix time, milliseconds
        bank TEXT NOT NULL,
        question_id TEXT NOT NULL,
        content_hash TEXT NOT NULL,         -- the question as answered; see Question::content_hash
        given TEXT NOT NULL,                -- letters in the file's lettering, e.g. A,C
        points REAL NOT NULL,
        time_ms INTEGER NOT NULL
    );
    CREATE INDEX answers_by_question ON answers(question_id, answered_at);",
    // 1 → 2: what a resume needs. Sessions from before have no plan and cannot be
    // resumed; they count as finished.
    "ALTER TABLE sessions ADD COLUMN plan TEXT;             -- JSON: what replays the session (store::Plan)
    ALTER TABLE sessions ADD COLUMN time_left_ms INTEGER;   -- exam: time left when last saved
    ALTER TABLE sessions ADD COLUMN flagged TEXT;           -- JSON list of flagged positions (0-based)
    ALTER TABLE sessions ADD COLUMN finished_at INTEGER;    -- Unix ms; NULL while it may be resumed
    UPDATE sessions SET finished_at = started_at;",
    // 2 → 3: which questions each session showed, and which it left flagged, so
    // that stats count as seen only what was shown and `run --flagged` finds the
    // flags. Sessions from before have no rows: their blank answers count as not
    // seen (an unanswered exam question may never have been opened).
    "CREATE TABLE shown (
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        question_id TEXT NOT NULL,
        bank TEXT NOT NULL,
        shown_at INTEGER,                   -- Unix ms, first shown; NULL: flagged, never shown
        flagged INTEGER NOT NULL DEFAULT 0, -- 1 while flagged
        PRIMARY KEY (session_id, question_id)
    );",
    // 3 → 4: questions of other kinds than choice (order, match, number, text,
    // open). Each answer keeps its question's kind and its response in the
    // kind's own shape; `given` keeps the answer in words (letters for a choice
    // as before, an order's letters, what was typed, an open question's own
    // mark). Answers from before are choice answers, read from `given`.
    "ALTER TABLE answers ADD COLUMN kind TEXT NOT NULL DEFAULT 'choice'; -- the question's kind
    ALTER TABLE answers ADD COLUMN response TEXT;  -- JSON: the response in the file's terms (quiz::Response); NULL: a choice answer from before",
];

/// The version this quiz writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), Error> {
    // IMMEDIATE takes the write lock first, so two processes never migrate at once.
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > VERSION {
        return Err(Error::Newer {
            path: path.to_owned(),
            found,
            known: VERSION,
        });
    }
    for (from, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", from as i64 + 1)?;
    }
    tx.commit()?;
    Ok(())
}
