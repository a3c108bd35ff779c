//! The history: every answer, recorded as it is given, in an SQLite database.
//!
//! Each answer is its own committed transaction in WAL mode, so a process killed
//! mid-quiz keeps every answer given before, and several quiz processes can
//! write at once (they wait for each other up to [`BUSY_TIMEOUT`]). The schema
//! carries a version (`PRAGMA user_version`) and is migrated on open.

mod lock;
mod resume;
mod schema;
mod shown;

pub use lock::SessionLock;
pub use resume::{Plan, Unfinished, UnfinishedAnswer};
pub use shown::Shown;

use rusqlite::{Connection, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How long a write waits for another quiz process to finish its own.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The database file inside the data directory.
pub const FILE_NAME: &str = "history.sqlite3";

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot create the data directory {}", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the history at {}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "the history at {} was written by a newer quiz (schema version {found}; this quiz knows up to {known}); upgrade quiz, or use another --data-dir",
        path.display()
    )]
    Newer {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("the history database failed")]
    Sql(#[from] rusqlite::Error),
    #[error(
        "this session is open in another quiz{}: finish or leave it there first (a session is taken by one quiz at a time)",
        pid.map(|p| format!(" (process {p})")).unwrap_or_default()
    )]
    Held { session: i64, pid: Option<u32> },
    #[error("cannot take the session's lock file {}", path.display())]
    Lock {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A session as the history keeps it.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    pub mode: String,
    pub seed: u64,
    pub scoring: String,
    /// The banks' paths as shown to the user.
    pub banks: Vec<String>,
}

/// One answer to record.
#[derive(Debug, Clone)]
pub struct NewAnswer<'a> {
    pub bank: &'a str,
    pub question_id: &'a str,
    pub content_hash: &'a str,
    /// The question's kind: `choice`, `order`…
    pub kind: &'a str,
    /// The answer in words, in the file's own terms: letters such as `A,C`
    /// for a choice, an order's letters in the order given, a match's letter
    /// per premise, what was typed, an open question's own mark (`right`,
    /// `partly`, `wrong`, or `unmarked`); empty when skipped.
    pub given: String,
    /// The response in the file's terms, as JSON (`quiz::Response`): what a
    /// resume reads back.
    pub response: Option<String>,
    pub points: f64,
    pub time: Duration,
    pub at: SystemTime,
}

pub use crate::review::Answer;

/// A past session: when it started and in which mode.
#[derive(Debug, Clone, PartialEq)]
pub struct PastSession {
    pub id: i64,
    pub started: SystemTime,
    pub mode: String,
}

pub struct History {
    conn: Connection,
    path: PathBuf,
}

fn millis(t: SystemTime) -> i64 {
    t.duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn from_millis(ms: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(ms).unwrap_or(0))
}

/// Puts the database in WAL mode. Switching needs the whole file to itself, and
/// SQLite answers "busy" at once there instead of waiting as for a write: two
/// quizzes started together on a new history would have one fail. So it waits
/// here, as long as a write would.
fn wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            done => return done,
        }
    }
}

impl History {
    /// Opens (creating if needed) the history in `dir`, and migrates it.
    pub fn open(dir: &Path) -> Result<History, Error> {
        std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir {
            path: dir.to_owned(),
            source,
        })?;
        let path = dir.join(FILE_NAME);
        let open_err = |source| Error::Open {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(open_err)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
        // WAL lets readers and one writer work at once; NORMAL sync is durable
        // against a killed process (not against power loss), at a fraction of the cost.
        wal(&conn).map_err(open_err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open_err)?;
        schema::migrate(&mut conn, &path)?;
        Ok(History { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Starts a session; its answers are recorded under the returned id.
    pub fn begin(&self, info: &SessionInfo, at: SystemTime) -> Result<i64, Error> {
        let banks = serde_json::to_string(&info.banks).unwrap_or_else(|_| "[]".to_owned());
        self.conn.execute(
            "INSERT INTO sessions (started_at, mode, seed, scoring, banks) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![millis(at), info.mode, info.seed.to_string(), info.scoring, banks],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records one answer, committed at once.
    pub fn record(&self, session: i64, a: &NewAnswer) -> Result<(), Error> {
        self.conn.execute(
            "INSERT INTO answers (session_id, answered_at, bank, question_id, content_hash, given, points, time_ms, kind, response)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                session,
                millis(a.at),
                a.bank,
                a.question_id,
                a.content_hash,
                a.given,
                a.points,
                i64::try_from(a.time.as_millis()).unwrap_or(i64::MAX),
                a.kind,
                a.response
            ],
        )?;
        Ok(())
    }

    /// Every answer that counts, oldest first: the last one per session and question.
    pub fn answers(&self) -> Result<Vec<Answer>, Error> {
        let mut stmt = self.conn.prepare(
            "SELECT a.session_id, a.bank, a.question_id, a.content_hash, a.given, a.points, a.time_ms, a.answered_at, a.kind
             FROM answers a
             JOIN (SELECT MAX(id) AS id FROM answers GROUP BY session_id, question_id) last ON a.id = last.id
             ORDER BY a.answered_at, a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Answer {
                session: r.get(0)?,
                bank: r.get(1)?,
                question_id: r.get(2)?,
                content_hash: r.get(3)?,
                given: r.get(4)?,
                points: r.get(5)?,
                time: Duration::from_millis(u64::try_from(r.get::<_, i64>(6)?).unwrap_or(0)),
                at: from_millis(r.get(7)?),
                kind: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every session, oldest first. What each scored is read from
    /// [`History::answers`], so that callers count only the questions they are
    /// interested in.
    pub fn sessions(&self) -> Result<Vec<PastSession>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, started_at, mode FROM sessions ORDER BY started_at, id")?;
        let rows = stmt.query_map([], |r| {
            Ok(PastSession {
                id: r.get(0)?,
                started: from_millis(r.get(1)?),
                mode: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, Error> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .optional()?
            .unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer<'a>(id: &'a str, points: f64, at: SystemTime) -> NewAnswer<'a> {
        NewAnswer {
            bank: "b",
            question_id: id,
            content_hash: "h",
            kind: "choice",
            given: "A".into(),
            response: None,
            points,
            time: Duration::from_millis(1500),
            at,
        }
    }

    #[test]
    fn records_and_reads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let h = History::open(dir.path()).expect("open");
        let info = SessionInfo {
            mode: "practice".into(),
            seed: 7,
            scoring: "strict".into(),
            banks: vec!["b.yaml".into()],
        };
        let s = h.begin(&info, UNIX_EPOCH).expect("begin");
        let t = UNIX_EPOCH + Duration::from_secs(100);
        h.record(s, &answer("q1", 0.0, t)).expect("record");
        // A changed exam answer replaces the first one of the same session.
        h.record(s, &answer("q1", 1.0, t + Duration::from_secs(5)))
            .expect("record");
        h.record(s, &answer("q2", 0.5, t + Duration::from_secs(9)))
            .expect("record");
        let all = h.answers().expect("answers");
        assert_eq!(all.len(), 2);
        assert_eq!((all[0].question_id.as_str(), all[0].points), ("q1", 1.0));
        assert_eq!(all[1].time, Duration::from_millis(1500));
        let sessions = h.sessions().expect("sessions");
        assert_eq!(sessions.len(), 1);
        assert_eq!((sessions[0].id, sessions[0].mode.as_str()), (s, "practice"));
        // Opening again keeps everything and does not migrate twice.
        drop(h);
        let h = History::open(dir.path()).expect("reopen");
        assert_eq!(h.answers().expect("answers").len(), 2);
        assert_eq!(h.schema_version().expect("version"), schema::VERSION);
    }

    #[test]
    fn a_newer_schema_is_refused_not_touched() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = Connection::open(dir.path().join(FILE_NAME)).expect("create");
        conn.pragma_update(None, "user_version", 99)
            .expect("set version");
        drop(conn);
        let err = History::open(dir.path()).err().expect("refused");
        assert!(err.to_string().contains("schema version 99"), "{err}");
    }
}
