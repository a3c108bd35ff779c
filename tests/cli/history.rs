//! The history: every answer recorded as given, surviving SIGKILL and concurrent
//! runs, migrated on open, and used by `--missed`, `--review` and `stats`.

use super::{Test, bank};
use rusqlite::Connection;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn ids(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("q{i}")).collect()
}

fn bank_of(n: usize) -> String {
    let ids = ids(n);
    bank(&ids.iter().map(String::as_str).collect::<Vec<_>>())
}

fn rows(test: &Test, sql: &str) -> Vec<Vec<String>> {
    let conn = Connection::open(test.history()).expect("open the history");
    let mut stmt = conn.prepare(sql).expect("prepare");
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| {
                let v: rusqlite::types::Value = r.get(i)?;
                Ok(match v {
                    rusqlite::types::Value::Null => "NULL".into(),
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    rusqlite::types::Value::Real(f) => f.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    rusqlite::types::Value::Blob(_) => "blob".into(),
                })
            })
            .collect()
    })
    .expect("query")
    .collect::<Result<_, _>>()
    .expect("rows")
}

fn count(test: &Test, sql: &str) -> usize {
    rows(test, sql)[0][0].parse().expect("a count")
}

#[test]
fn every_answer_is_recorded_with_its_session() {
    let t = Test::new().file("bank.yaml", &bank_of(3));
    t.run_with(
        &["run", "--no-shuffle", "--seed", "9", "bank.yaml"],
        "B\nA\n\n",
    )
    .status(0);
    assert_eq!(
        rows(
            &t,
            "SELECT question_id, bank, given, points, length(content_hash) FROM answers ORDER BY id"
        ),
        [
            ["q1", "bank", "B", "1", "16"],
            ["q2", "bank", "A", "0", "16"],
            ["q3", "bank", "", "0", "16"],
        ]
    );
    assert_eq!(
        rows(&t, "SELECT mode, seed, scoring, banks FROM sessions"),
        [["practice", "9", "strict", "[\"bank.yaml\"]"]]
    );
    assert_eq!(rows(&t, "PRAGMA user_version"), [["4"]]);
}

#[test]
fn no_history_records_nothing() {
    let t = Test::new().file("bank.yaml", &bank_of(2));
    t.run_with(&["run", "--no-history", "bank.yaml"], "B\nB\n")
        .status(0);
    assert!(!t.history().exists());
}

#[test]
fn data_dir_flag_wins_over_the_environment() {
    let t = Test::new().file("bank.yaml", &bank_of(1));
    t.run_with(&["run", "--data-dir", "elsewhere", "bank.yaml"], "B\n")
        .status(0);
    assert!(t.path("elsewhere/history.sqlite3").exists());
    assert!(!t.history().exists());
}

#[test]
fn answers_survive_sigkill() {
    let t = Test::new()
        .file("bank.yaml", &bank_of(5))
        .args(&["run", "--no-shuffle", "bank.yaml"]);
    let mut child = t.command().spawn().expect("start quiz");
    let mut stdin = child.stdin.take().expect("stdin");
    use std::io::Write;
    stdin.write_all(b"B\nA\n").expect("answer two questions");
    stdin.flush().expect("flush");
    // Wait until both answers are in the database, then kill without warning.
    let start = Instant::now();
    loop {
        let n = t.history().exists().then(|| {
            Connection::open(t.history())
                .and_then(|c| {
                    c.query_row("SELECT COUNT(*) FROM answers", [], |r| r.get::<_, i64>(0))
                })
                .unwrap_or(0)
        });
        if n == Some(2) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the answers never reached the history"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    drop(stdin);
    assert_eq!(
        rows(&t, "SELECT question_id, points FROM answers ORDER BY id"),
        [["q1", "1"], ["q2", "0"]]
    );
}

#[test]
fn two_quizzes_at_once_keep_all_their_answers() {
    let t = Test::new()
        .file("bank.yaml", &bank_of(30))
        .args(&["run", "bank.yaml"]);
    let answers = "B\n".repeat(30);
    let children: Vec<_> = (0..2)
        .map(|_| {
            let mut child = t.command().spawn().expect("start quiz");
            let mut stdin = child.stdin.take().expect("stdin");
            let input = answers.clone();
            std::thread::spawn(move || {
                use std::io::Write;
                let _ = stdin.write_all(input.as_bytes());
            });
            child
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(count(&t, "SELECT COUNT(*) FROM answers"), 60);
    assert_eq!(
        count(&t, "SELECT COUNT(DISTINCT session_id) FROM answers"),
        2
    );
}

#[test]
fn an_older_database_is_migrated() {
    let t = Test::new().file("bank.yaml", &bank_of(1));
    std::fs::create_dir_all(t.path(".data")).expect("data dir");
    // A database from before the schema existed: version 0, no tables.
    let conn = Connection::open(t.history()).expect("create");
    conn.execute_batch("CREATE TABLE unrelated (x INTEGER); INSERT INTO unrelated VALUES (1);")
        .expect("old content");
    drop(conn);
    t.run_with(&["run", "bank.yaml"], "B\n").status(0);
    assert_eq!(rows(&t, "PRAGMA user_version"), [["4"]]);
    assert_eq!(count(&t, "SELECT COUNT(*) FROM answers"), 1);
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM unrelated"),
        1,
        "nothing already saved is lost"
    );
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let t = Test::new().file("bank.yaml", &bank_of(1));
    std::fs::create_dir_all(t.path(".data")).expect("data dir");
    let conn = Connection::open(t.history()).expect("create");
    conn.pragma_update(None, "user_version", 7)
        .expect("version");
    drop(conn);
    t.run_with(&["run", "bank.yaml"], "B\n")
        .status(2)
        .stderr_has("was written by a newer quiz (schema version 7; this quiz knows up to 4)");
    assert_eq!(rows(&t, "PRAGMA user_version"), [["7"]]);
}

#[test]
fn missed_asks_only_what_was_missed_last_time() {
    let t = Test::new().file("bank.yaml", &bank_of(4));
    // q1 right, q2 wrong, q3 skipped, q4 right.
    t.run_with(&["run", "--no-shuffle", "bank.yaml"], "B\nA\n\nB\n");
    // q2 is answered right later: its latest answer is full marks.
    t.run_with(
        &[
            "run",
            "--no-shuffle",
            "--tag",
            "handshake",
            "--count",
            "2",
            "bank.yaml",
        ],
        "B\nB\n",
    );
    t.run_with(&["run", "--missed", "--no-shuffle", "bank.yaml"], "")
        .status(0)
        .stdout_has("Question 1 of 1 ·")
        .stdout_has("Ended early, after 0 of 1 questions.");
    let out = t.run_with(
        &[
            "run",
            "--missed",
            "--no-shuffle",
            "--report",
            "r.json",
            "bank.yaml",
        ],
        "\n",
    );
    let report: serde_json::Value = serde_json::from_str(&out.read("r.json")).expect("report");
    assert_eq!(report["questions"][0]["id"], "q3");
    // Nothing missed: what emptied the selection, what to try, and status 1.
    let clean = Test::new().file("bank.yaml", &bank_of(2));
    clean.run_with(&["run", "--no-shuffle", "--count", "1", "bank.yaml"], "B\n");
    clean
        .run_with(&["run", "--missed", "bank.yaml"], "")
        .status(1)
        .stderr_has("quiz: --missed found nothing to ask: the 1 answered question scored full marks on its latest answer; 1 more not answered yet.\nLeave out --missed to practise anyway, or try --review for what is due.\n");
}

/// The ids of the questions asked, in order, from the report in `r.json`.
fn asked_ids(out: &super::Outcome) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(&out.read("r.json")).expect("report");
    report["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["id"].as_str().map(str::to_owned))
        .collect()
}

/// Writes answers straight into a history, as if given `days_ago`.
fn prepare(t: &Test, answers: &[(&str, f64, u64)]) {
    t.run_with(&["run", "--count", "1", "bank.yaml"], "")
        .status(0);
    let loaded = quiz::bank::load_paths(&[t.path("bank.yaml")]).expect("load");
    let conn = Connection::open(t.history()).expect("open");
    conn.execute("DELETE FROM answers", []).expect("clear");
    conn.execute("DELETE FROM shown", []).expect("clear");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("time")
        .as_millis() as i64;
    for (id, points, days_ago) in answers {
        let q = loaded.banks[0]
            .questions
            .iter()
            .find(|q| q.id.value == *id)
            .expect("question");
        conn.execute(
            "INSERT INTO answers (session_id, answered_at, bank, question_id, content_hash, given, points, time_ms)
             VALUES (1, ?1, 'bank', ?2, ?3, 'A', ?4, 1000)",
            rusqlite::params![now - (*days_ago as i64) * 86_400_000, id, q.content_hash(), points],
        )
        .expect("insert");
    }
}

#[test]
fn review_asks_what_is_due_then_what_is_unseen() {
    let t = Test::new().file("bank.yaml", &bank_of(4));
    // q1 missed 30 days ago and q2 missed 10 days ago are due (q1 more overdue);
    // q3 was right yesterday, so it is not due; q4 was never seen.
    prepare(&t, &[("q1", 0.0, 30), ("q2", 0.0, 10), ("q3", 1.0, 1)]);
    // --count bounds the review (no answer is given, so nothing is rescheduled).
    t.run_with(&["run", "--review", "--count", "1", "bank.yaml"], "")
        .stdout_has("Question 1 of 1 ·");
    let out = t.run_with(
        &["run", "--review", "--report", "r.json", "bank.yaml"],
        "\n\n\n\n",
    );
    out.status(0).stdout_has("Question 1 of 3 ·");
    let asked = asked_ids(&out);
    assert_eq!(asked, ["q1", "q2", "q4"]);
    // Each was just answered: nothing is due now.
    t.run_with(&["run", "--review", "bank.yaml"], "")
        .status(1)
        .stderr_has("quiz: --review found nothing to ask: all 4 questions have been answered and none is due for review yet (the next falls due on ")
        .stderr_has(").\nLeave out --review to practise anyway.\n");
}

#[test]
fn a_changed_question_says_so_and_counts_as_new() {
    let t = Test::new().file("bank.yaml", &bank_of(1));
    t.run_with(&["run", "bank.yaml"], "B\n");
    t.run_with(&["run", "bank.yaml"], "B\n")
        .status(0)
        .stdout_lacks("changed since");
    let reworded = bank_of(1).replace("chosen cipher suite?", "selected cipher suite?");
    let t2 = t.file("bank.yaml", &reworded);
    t2.run_with(&["run", "bank.yaml"], "B\n").stdout_has(
        "This question changed since you last answered it; it counts as new for review.",
    );
}

#[test]
fn stats_reports_progress() {
    let t = Test::new().file("bank.yaml", &bank_of(4));
    prepare(&t, &[("q1", 0.0, 30), ("q2", 1.0, 10), ("q3", 0.5, 3)]);
    let json = t.run_with(&["stats", "--json", "bank.yaml"], "").json();
    assert_eq!(json["questions"], 4);
    assert_eq!(json["seen"], 3);
    assert_eq!(json["unseen"], 1);
    assert_eq!(json["answers"], 3);
    assert_eq!(json["accuracy"], 50.0);
    assert_eq!(json["by_tag"][0]["name"], "handshake");
    assert!(json["due_now"].as_u64().unwrap_or(0) >= 1, "{json}");
    let text = t.run_with(&["stats", "bank.yaml"], "");
    text.status(0)
        .stdout_has("4 questions: 3 seen, 1 unseen\n")
        .stdout_has("Accuracy: 50.0% over 3 answers\n")
        .stdout_has("By tag, weakest first:\n  handshake   50.0%  (3 answers)\n");
}

#[test]
fn stats_before_any_answer() {
    Test::new()
        .file("bank.yaml", &bank_of(2))
        .args(&["stats", "bank.yaml"])
        .run()
        .status(0)
        .stdout_has("2 questions: 0 seen, 2 unseen\nNo answers yet: `quiz run` records them.\n");
}

#[test]
fn resume_continues_a_practice_quiz_where_it_stopped() {
    let t = Test::new().file("bank.yaml", &bank_of(3));
    // The input ends after the first answer: two questions are left.
    t.run_with(&["run", "--no-shuffle", "bank.yaml"], "B\n")
        .status(0)
        .stdout_has("Ended early, after 1 of 3 questions.");
    t.run_with(&["run", "--resume"], "A\nB\n")
        .status(0)
        .stderr_has("quiz: resuming the practice quiz of ")
        .stderr_has(": 1 of 3 answered")
        .stdout_has("Question 2 of 3 · score 1/1")
        .stdout_has("Score: 2/3");
    assert_eq!(
        count(&t, "SELECT COUNT(DISTINCT session_id) FROM answers"),
        1
    );
    assert_eq!(
        count(
            &t,
            "SELECT COUNT(*) FROM sessions WHERE finished_at IS NULL"
        ),
        0
    );
    t.run_with(&["run", "--resume"], "")
        .status(1)
        .stderr_has("quiz: nothing to resume: every session in ");
}

#[test]
fn resume_keeps_the_shuffles_and_refuses_a_changed_bank() {
    let t = Test::new().file("bank.yaml", &bank_of(4));
    let first = t.run_with(&["run", "--seed", "5", "bank.yaml"], "A\n");
    let order = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| l.starts_with("  ") && l.contains(") "))
            .map(str::to_owned)
            .collect()
    };
    // The first run put question 2 before its input ended.
    let first = order(&first.stdout);
    assert_eq!(first.len(), 8);
    let resumed = t.run_with(&["run", "--resume"], "");
    assert_eq!(order(&resumed.stdout), first[4..]);

    // A question gone from the bank: nothing to replay.
    let t = Test::new().file("bank.yaml", &bank_of(2));
    t.run_with(&["run", "--no-shuffle", "bank.yaml"], "B\n")
        .status(0);
    std::fs::write(t.path("bank.yaml"), bank_of(1)).expect("rewrite the bank");
    t.run_with(&["run", "--resume"], "")
        .status(1)
        .stderr_has("quiz: cannot resume: question `q2` is no longer in the banks");
}

#[test]
fn sessions_from_before_resume_existed_are_not_resumed() {
    let t = Test::new().file("bank.yaml", &bank_of(1));
    std::fs::create_dir_all(t.path(".data")).expect("data dir");
    let conn = Connection::open(t.history()).expect("create");
    conn.execute_batch(
        "CREATE TABLE sessions (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, mode TEXT NOT NULL,
             seed TEXT NOT NULL, scoring TEXT NOT NULL, banks TEXT NOT NULL);
         CREATE TABLE answers (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, answered_at INTEGER NOT NULL,
             bank TEXT NOT NULL, question_id TEXT NOT NULL, content_hash TEXT NOT NULL, given TEXT NOT NULL,
             points REAL NOT NULL, time_ms INTEGER NOT NULL);
         CREATE INDEX answers_by_question ON answers(question_id, answered_at);
         INSERT INTO sessions VALUES (1, 0, 'practice', '1', 'strict', '[]');
         PRAGMA user_version = 1;",
    )
    .expect("a version 1 history");
    drop(conn);
    t.run_with(&["run", "--resume"], "")
        .status(1)
        .stderr_has("nothing to resume");
    assert_eq!(rows(&t, "PRAGMA user_version"), [["4"]]);
    assert_eq!(
        rows(&t, "SELECT finished_at, plan FROM sessions"),
        [["0", "NULL"]]
    );
}

#[test]
fn review_with_missed_asks_the_missed_questions_that_are_due() {
    let t = Test::new().file("bank.yaml", &bank_of(4));
    // q1 and q2 missed long ago (due, q1 more overdue); q3 missed just now (not
    // due yet); q4 right long ago and never seen since.
    prepare(
        &t,
        &[
            ("q1", 0.0, 40),
            ("q2", 0.0, 20),
            ("q3", 0.0, 0),
            ("q4", 1.0, 40),
        ],
    );
    let out = t.run_with(
        &[
            "run",
            "--review",
            "--missed",
            "--report",
            "r.json",
            "bank.yaml",
        ],
        "\n\n",
    );
    out.status(0).stdout_has("Question 1 of 2 ·");
    let asked = asked_ids(&out);
    assert_eq!(asked, ["q1", "q2"]);
}

#[test]
fn review_with_missed_says_when_no_missed_question_is_due() {
    let t = Test::new().file("bank.yaml", &bank_of(3));
    prepare(&t, &[("q1", 0.0, 0), ("q2", 1.0, 0)]);
    t.run_with(&["run", "--review", "--missed", "bank.yaml"], "")
        .status(1)
        .stderr_has("quiz: --review --missed found nothing to ask: the only missed question is not due for review yet (the next falls due on ")
        .stderr_has(").\nLeave out --review to be asked every missed question now.\n");
}

#[test]
fn stats_counts_read_naturally() {
    let t = Test::new().file("bank.yaml", &bank_of(1));
    t.run_with(&["run", "--no-shuffle", "bank.yaml"], "A\n")
        .status(0);
    t.run_with(&["stats", "bank.yaml"], "")
        .status(0)
        .stdout_has("1 question: 1 seen, 0 unseen\n")
        .stdout_has("Accuracy: 0.0% over 1 answer\n")
        .stdout_has("  handshake    0.0%  (1 answer)\n");
}

#[test]
fn stats_trend_covers_only_the_banks_given() {
    let t = Test::new()
        .file("a.yaml", &bank(&["a1", "a2"]))
        .file("b.yaml", &bank(&["b1"]));
    t.run_with(&["run", "--no-shuffle", "a.yaml"], "B\nA\n")
        .status(0);
    t.run_with(&["stats", "a.yaml"], "")
        .stdout_has("Recent sessions, oldest first:\n")
        .stdout_has("practice     2/2 answered   50.0%");
    t.run_with(&["stats", "b.yaml"], "")
        .status(0)
        .stdout_has("No answers yet")
        .stdout_lacks("Recent sessions");
}

#[test]
fn stats_shows_an_exam_left_unanswered_as_unanswered() {
    let t = Test::new().file("bank.yaml", &bank_of(3));
    // The input ends at once: the exam is submitted with nothing answered.
    t.run_with(&["run", "--mode", "exam", "bank.yaml"], "")
        .status(0);
    // Only the first question was shown; none is an answer; all three were
    // left blank, and count against the exam, not the accuracy.
    t.run_with(&["stats", "bank.yaml"], "")
        .stdout_has(
            "3 questions: 1 seen, 2 unseen
",
        )
        .stdout_has(
            "No answers yet; 3 left blank: `quiz run` records them.
",
        )
        .stdout_has("exam         0/3 answered    0.0%");
    let json = t.run_with(&["stats", "--json", "bank.yaml"], "").json();
    assert_eq!(json["recent"][0]["asked"], 3);
    assert_eq!(json["recent"][0]["answered"], 0);
    assert_eq!(json["answers"], 0);
    assert_eq!(json["left_blank"], 3);
}

#[test]
fn stats_count_only_what_was_shown_and_only_answers_given() {
    let t = Test::new().file("bank.yaml", &bank_of(4));
    // An exam of four: q1 right, q2 wrong, then the input ends: q3 shown and
    // left blank, q4 never opened.
    t.run_with(
        &["run", "--mode", "exam", "--no-shuffle", "bank.yaml"],
        "B
A
",
    )
    .status(0);
    t.run_with(&["stats", "bank.yaml"], "")
        .stdout_has(
            "4 questions: 3 seen, 1 unseen
",
        )
        .stdout_has(
            "Accuracy: 50.0% over 2 answers; 2 left blank
",
        );
}

#[test]
fn in_a_history_from_before_shown_questions_were_kept_a_blank_answer_is_not_seen() {
    let t = Test::new().file("bank.yaml", &bank_of(3));
    std::fs::create_dir_all(t.path(".data")).expect("data dir");
    let hash = |id: &str| {
        let loaded = quiz::bank::load_paths(&[t.path("bank.yaml")]).expect("load");
        loaded.banks[0]
            .questions
            .iter()
            .find(|q| q.id.value == id)
            .map(|q| q.content_hash())
            .expect("a question")
    };
    let conn = Connection::open(t.history()).expect("create");
    conn.execute_batch(
        "CREATE TABLE sessions (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, mode TEXT NOT NULL,
             seed TEXT NOT NULL, scoring TEXT NOT NULL, banks TEXT NOT NULL,
             plan TEXT, time_left_ms INTEGER, flagged TEXT, finished_at INTEGER);
         CREATE TABLE answers (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, answered_at INTEGER NOT NULL,
             bank TEXT NOT NULL, question_id TEXT NOT NULL, content_hash TEXT NOT NULL, given TEXT NOT NULL,
             points REAL NOT NULL, time_ms INTEGER NOT NULL);
         CREATE INDEX answers_by_question ON answers(question_id, answered_at);
         INSERT INTO sessions VALUES (1, 0, 'exam', '1', 'strict', '[]', NULL, NULL, NULL, 0);
         PRAGMA user_version = 2;",
    )
    .expect("a version 2 history");
    // A submitted exam of three: q1 answered, q2 and q3 left unanswered.
    for (id, given, points) in [("q1", "B", 1.0), ("q2", "", 0.0), ("q3", "", 0.0)] {
        conn.execute(
            "INSERT INTO answers (session_id, answered_at, bank, question_id, content_hash, given, points, time_ms)
             VALUES (1, 1000, 'bank', ?1, ?2, ?3, ?4, 0)",
            rusqlite::params![id, hash(id), given, points],
        )
        .expect("an answer");
    }
    drop(conn);
    t.run_with(&["stats", "bank.yaml"], "")
        .status(0)
        .stdout_has(
            "3 questions: 1 seen, 2 unseen
",
        )
        .stdout_has(
            "Accuracy: 100.0% over 1 answer; 2 left blank
",
        );
    assert_eq!(rows(&t, "PRAGMA user_version"), [["4"]]);
}

#[test]
fn flagged_asks_again_what_was_flagged_where_it_was_last_shown() {
    let t = Test::new().file("bank.yaml", &bank_of(3));
    t.run_with(&["run", "--flagged", "bank.yaml"], "")
        .status(1)
        .stderr_has("quiz: --flagged found nothing to ask");
    // The line front cannot flag; the history is what the screen would write.
    t.run_with(
        &["run", "--no-shuffle", "bank.yaml"],
        "B
B
B
",
    )
    .status(0);
    let conn = Connection::open(t.history()).expect("open");
    conn.execute(
        "UPDATE shown SET flagged = 1 WHERE question_id IN ('q1', 'q3')",
        [],
    )
    .expect("flag");
    drop(conn);
    let out = t.run_with(
        &["run", "--flagged", "--no-shuffle", "bank.yaml"],
        "B

",
    );
    out.status(0)
        .stdout_has("Question 1 of 2 ·")
        .stdout_lacks("Question 3");
    // That session showed q1 (unflagged now) and q3 (left blank, unflagged):
    // nothing is flagged any more.
    t.run_with(&["run", "--flagged", "bank.yaml"], "")
        .status(1)
        .stderr_has("--flagged found nothing to ask");
}

#[test]
fn review_with_missed_when_nothing_was_missed_suggests_the_review_alone() {
    let t = Test::new().file("bank.yaml", &bank_of(2));
    prepare(&t, &[("q1", 1.0, 0)]);
    t.run_with(&["run", "--review", "--missed", "bank.yaml"], "")
        .status(1)
        .stderr_has("quiz: --review --missed found nothing to ask: the 1 answered question scored full marks on its latest answer; 1 more not answered yet.\nLeave out --missed to review everything that is due.\n");
}
