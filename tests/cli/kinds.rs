//! Questions of every kind through `quiz run`'s line front, the history and the
//! reports; and choice questions exactly as before the kinds came.

use super::Test;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// A seed repeats a quiz: the questions and choices of two built-in banks, as
/// recorded (tests/fixtures/seed/seed-4242.txt) before the kinds came, by the
/// quiz of that time, with every question skipped.
#[test]
fn a_seed_shuffles_choice_questions_as_it_did_before_the_kinds() {
    let out = Test::new()
        .args(&["run", "--no-history", "--seed", "4242", &fixture("seed")])
        .stdin(&"\n".repeat(30))
        .run();
    out.status(0);
    let shown: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| {
            l.starts_with("Question ")
                || (l.len() > 4 && l.starts_with("  ") && l.as_bytes()[3] == b')')
        })
        .collect();
    let recorded = std::fs::read_to_string(fixture("seed/seed-4242.txt")).expect("the record");
    assert_eq!(shown, recorded.lines().collect::<Vec<_>>());
}

/// A choice question's content hash is what the history has kept since before
/// the kinds: its answers still count for review.
#[test]
fn choice_questions_keep_their_content_hash() {
    let t = Test::new();
    t.run_with(
        &["run", "--seed", "4242", &fixture("seed")],
        &"\n".repeat(30),
    )
    .status(0);
    let conn = rusqlite::Connection::open(t.history()).expect("the history");
    let mut stmt = conn
        .prepare("SELECT question_id, content_hash FROM answers ORDER BY question_id")
        .expect("a query");
    let kept: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    let recorded = std::fs::read_to_string(fixture("seed/hashes.txt")).expect("the record");
    assert_eq!(kept, recorded.lines().collect::<Vec<_>>());
}

/// Every kind, one question each (tests/fixtures/kinds/every-kind.yaml).
fn every_kind() -> String {
    std::fs::read_to_string(fixture("kinds/every-kind.yaml")).expect("the fixture")
}

#[test]
fn a_bank_of_every_kind_passes_check_with_the_rfc_folder() {
    Test::new()
        .args(&[
            "check",
            "--strict",
            "--rfc-dir",
            &fixture("../../rfc"),
            &fixture("kinds/every-kind.yaml"),
        ])
        .run()
        .status(0)
        .stdout_has("1 file, 6 questions: 0 errors, 0 warnings");
}

/// What `quiz check` says of each kind's mistakes, each at its line.
#[test]
fn each_kind_is_checked_at_the_line() {
    let bad = "questions:
  - id: o
    kind: order
    question: In what order?
    items: [ClientHello, Finished]
    shuffle: false
  - id: m
    kind: match
    question: Match them.
    pairs:
      - ClientHello: nothing
      - ClientHello: the handshake keys
    extra: [nothing]
  - id: n
    kind: number
    question: How many bytes?
    answer: 16 KiB
    tolerance: -1
  - id: t
    kind: text
    question: Which extension?
    answer: [server_name, Server_Name, '']
  - id: p
    kind: open
    question: Why?
    answer: ''
  - id: k
    kind: ordering
    question: Q?
";
    let out = Test::new()
        .file("bad.yaml", bad)
        .args(&[
            "check",
            "--allow",
            "missing-explanation",
            "--allow",
            "missing-reference",
            "bad.yaml",
        ])
        .run();
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "bad.yaml:5:12: error: an order question needs at least 3 items (with two, the only wrong order is the reverse), this one has 2 [too-few-items]",
            "bad.yaml:6:5: error: `shuffle` belongs to kinds `choice` and `match`; this question is kind `order` [unknown-key]",
            "bad.yaml:12:9: error: premise 2 repeats premise 1: \"ClientHello\" [duplicate-premise]",
            "bad.yaml:13:13: error: `extra` response \"nothing\" (A) is not extra: it is the response of premise 1; a response is shown once, and may serve several premises [duplicate-response]",
            "bad.yaml:17:13: error: `answer` \"16 KiB\" is not a number: write a plain decimal such as 16384, -1.5 or 1e3 [invalid-number]",
            "bad.yaml:18:16: error: `tolerance` \"-1\" is not an amount of 0 or more (`0.5`) or a percentage of the answer (`1%`) [invalid-tolerance]",
            "bad.yaml:22:27: warning: accepted answer 2 (\"Server_Name\") is accepted answer 1 again, case and spaces aside: keep one [duplicate-accepted]",
            "bad.yaml:22:40: error: accepted answer 3 is empty [empty-answer]",
            "bad.yaml:26:13: error: the model answer is empty: write the answer the candidate marks theirs against [empty-answer]",
            "bad.yaml:28:11: error: `kind: ordering` is not a kind of question; did you mean `order`? [unknown-kind]",
        ]
    );
}

/// `quiz run` over every kind, in file order; the order's items as seed 1
/// shuffles them: A) ChangeCipherSpec B) ClientHello C) ClientKeyExchange
/// D) Finished, so BCAD is right; the match's responses A) the early traffic
/// keys B) nothing C) the handshake keys D) the application keys, so BCD is.
fn run_every_kind(extra: &[&str], input: &str) -> super::Outcome {
    let mut args = vec!["run", "--no-shuffle", "--seed", "1", "every.yaml"];
    args.extend_from_slice(extra);
    Test::new()
        .file("every.yaml", &every_kind())
        .args(&args)
        .stdin(input)
        .run()
}

#[test]
fn the_line_front_answers_every_kind_in_its_own_words() {
    let out = run_every_kind(
        &[],
        "BCAD\nBCD\n16 384\n  server_name \nIt hides the server's identity\ny\nB\n",
    );
    out.status(0)
        .stdout_has("  A) ChangeCipherSpec\n  B) ClientHello\n  C) ClientKeyExchange\n  D) Finished\nPut them in order: type their letters, first to last (ABCD keeps the order shown).\nAnswer: BCAD\n✓ Correct: B, C, A, D.\n")
        .stdout_has("  1. ClientHello\n  2. EncryptedExtensions\n  3. NewSessionTicket\n  A) the early traffic keys\n  B) nothing (sent in the clear)\n  C) the handshake traffic keys\n  D) the application traffic keys\nMatch each numbered premise: type 3 letters, one per premise in turn (a response may serve several).\nAnswer: BCD\n✓ Correct: BCD, every pair.\n")
        .stdout_has("Type a number.\nAnswer: 16 384\n✓ Correct: 16 384.\n")
        .stdout_has("Type your answer.\nAnswer: server_name\n✓ Correct: server_name.\n")
        .stdout_has("Answer: It hides the server's identity\nMark your answer against the model answer below.\n  Your answer:\n    It hides the server's identity\n  Model answer:\n    So that a passive observer cannot see which certificate, and so which server identity, the connection uses.\n")
        .stdout_has("Your mark (y right, p partly, n wrong): y\n✓ Marked right (your own mark; open questions are not scored).\n")
        // The open question is reported apart and scores nothing.
        .stdout_has("Score: 5/5 (100.0%), strict scoring\n")
        .stdout_has("Open questions, as you marked them (not scored):\n  right   Why does TLS 1.3 encrypt the server's Cert…  (why-encrypt-certificate)\n");
}

#[test]
fn wrong_answers_show_the_right_one_beside_them() {
    let out = run_every_kind(&[], "ABCD\nBDD\n16385\nSNI extension\n\nA\n");
    out.status(0)
        .stdout_has("✗ Wrong: the right order is B, C, A, D; yours is A, B, C, D.\n  Your order:\n  ✗ 1. A) ChangeCipherSpec\n  ✗ 2. B) ClientHello\n  ✗ 3. C) ClientKeyExchange\n  ✓ 4. D) Finished\n  The right order:\n    1. B) ClientHello\n    2. C) ClientKeyExchange\n    3. A) ChangeCipherSpec\n    4. D) Finished\n")
        .stdout_has("✗ Wrong: the answer is BCD; you gave BDD (2 of 3 pairs right).\n  ✓ 1. ClientHello → B) nothing (sent in the clear)\n  ✗ 2. EncryptedExtensions → D) the application traffic keys (right: C) the handshake traffic keys)\n  ✓ 3. NewSessionTicket → D) the application traffic keys\n")
        .stdout_has("✗ Wrong: the answer is 16384; you typed 16385.\n")
        .stdout_has("✗ Wrong: the answer is server_name (also accepted: SNI); you typed SNI extension.\n")
        // An empty line skips an open question as any other: no mark asked.
        .stdout_has("Answer: \nSkipped. The model answer")
        .stdout_lacks("Your mark")
        .stdout_has("Score: 0/5 (0.0%), strict scoring\n");
}

#[test]
fn partial_scoring_gives_part_of_a_point_to_an_order_and_a_match() {
    // One item out of place: a run of 3 of 4, (3 − 1) / 3; two pairs of three.
    run_every_kind(&["--scoring", "partial"], "BCDA\nBDD\n\n\n\n\n")
        .status(0)
        .stdout_has(
            "◐ Partly right (0.67 point): the right order is B, C, A, D; yours is B, C, D, A.\n",
        )
        .stdout_has(
            "◐ Partly right (0.67 point): the answer is BCD; you gave BDD (2 of 3 pairs right).\n",
        )
        .stdout_has("Score: 1.33/5 (26.7%), partial scoring\n");
}

#[test]
fn a_line_that_is_no_answer_says_why_and_asks_again() {
    run_every_kind(&[], "BCA\nBCAE\nBC,A,D\nBC\nB-D\nBCD\n16 KiB\n16384\n\n\n\n")
        .status(0)
        .stdout_has("Answer: BCA\nGive each letter A to D once, in the order you want.\nAnswer: BCAE\nGive each letter A to D once, in the order you want.\nAnswer: BC,A,D\n✓ Correct")
        .stdout_has("Answer: BC\nType 3 letters, one for each premise in turn.\nAnswer: B-D\n'-' is not a letter. Type one letter per premise, such as BCA, or nothing to skip.\nAnswer: BCD\n✓ Correct")
        .stdout_has("Answer: 16 KiB\nType a number, such as 16384 or -1.5.\nAnswer: 16384\n✓ Correct");
}

/// In an exam, an open question is marked once the exam is submitted, beside
/// its model answer; its mark is reported apart, and PASS or FAIL goes by the
/// scored questions alone.
#[test]
fn an_exam_marks_open_questions_after_submission_and_scores_without_them() {
    let out = run_every_kind(
        &["--mode", "exam", "--pass-mark", "80", "--report", "r.json"],
        "BCAD\nBCD\n16384\nSNI\nMy attempt\nB\nn\n",
    );
    out.status(0)
        .stdout_has("Open questions: mark each answer against the model answer (not scored)\n\n5. Why does TLS 1.3 encrypt the server's Certificate message?\n  Your answer:\n    My attempt\n  Model answer:\n")
        .stdout_has("Your mark (y right, p partly, n wrong): n\n")
        .stdout_has("Score: 5/5 (100.0%), strict scoring\nResult: PASS (pass mark 80%)\n")
        .stdout_has("  wrong   Why does TLS 1.3");
    let report: serde_json::Value = serde_json::from_str(&out.read("r.json")).expect("JSON");
    assert_eq!(
        (report["points"].clone(), report["max_points"].clone()),
        (5.into(), 5.into())
    );
    let kinds: Vec<&str> = report["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["order", "match", "number", "text", "open", "choice"]
    );
    let q = &report["questions"];
    // BCAD as shown is the file's order: A, B, C, D in the file's letters.
    assert_eq!(q[0]["given"], serde_json::json!(["A", "B", "C", "D"]));
    assert_eq!(q[1]["given"], serde_json::json!(["A", "B", "C"]));
    assert_eq!(q[2]["given"], serde_json::json!(["16384"]));
    assert_eq!(q[3]["expected"], serde_json::json!(["server_name", "SNI"]));
    assert_eq!(q[4]["self_mark"], "wrong");
    assert_eq!(q[4]["scored"], false);
    assert_eq!(q[4]["given"], serde_json::json!(["wrong"]));
    assert_eq!(q[5]["scored"], serde_json::Value::Null);
}

fn history_rows(t: &Test, sql: &str) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(t.history()).expect("the history");
    let mut stmt = conn.prepare(sql).expect("a query");
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| {
                Ok(match r.get::<_, rusqlite::types::Value>(i)? {
                    rusqlite::types::Value::Null => "NULL".to_owned(),
                    rusqlite::types::Value::Integer(v) => v.to_string(),
                    rusqlite::types::Value::Real(v) => v.to_string(),
                    rusqlite::types::Value::Text(v) => v,
                    rusqlite::types::Value::Blob(_) => "blob".to_owned(),
                })
            })
            .collect()
    })
    .expect("rows")
    .collect::<Result<_, _>>()
    .expect("rows")
}

/// The right answers to every kind, as seed 1 shows them in file order, and
/// the open question marked right.
const ALL_RIGHT: &str = "BCAD\nBCD\n16384\nSNI\nAn attempt\ny\nB\n";

#[test]
fn the_history_keeps_each_kind_in_its_own_shape() {
    let t = Test::new().file("every.yaml", &every_kind());
    t.run_with(
        &["run", "--no-shuffle", "--seed", "1", "every.yaml"],
        "BCDA\nBD\nBDD\n16,384\n  SNI \n\n",
    )
    .status(0);
    let rows = history_rows(
        &t,
        "SELECT question_id, kind, given, points, response FROM answers ORDER BY id",
    );
    let row = |id: &str| -> Vec<String> {
        rows.iter()
            .rfind(|r| r[0] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no answer to {id}: {rows:?}"))
    };
    // In the file's terms: the order shown BCDA is items 0, 1, 3, 2.
    assert_eq!(
        row("client-flight")[1..],
        ["order", "A,B,D,C", "0", "{\"sequence\":[0,1,3,2]}"]
    );
    assert_eq!(
        row("tls13-protection")[1..],
        ["match", "A,C,C", "0", "{\"pairs\":[0,2,2]}"]
    );
    assert_eq!(
        row("max-fragment")[1..],
        ["number", "16,384", "1", "{\"number\":\"16,384\"}"]
    );
    assert_eq!(
        row("sni-name")[1..],
        ["text", "SNI", "1", "{\"text\":\"SNI\"}"]
    );
    // Skipped: blank, in its own shape.
    assert_eq!(
        row("why-encrypt-certificate")[1..],
        [
            "open",
            "",
            "0",
            "{\"open\":{\"attempt\":\"\",\"mark\":null}}"
        ]
    );
}

#[test]
fn stats_count_each_kind_and_keep_open_questions_out_of_the_accuracy() {
    let t = Test::new().file("every.yaml", &every_kind());
    t.run_with(
        &["run", "--no-shuffle", "--seed", "1", "every.yaml"],
        ALL_RIGHT,
    )
    .status(0);
    t.run_with(
        &["run", "--no-shuffle", "--seed", "1", "every.yaml"],
        "ABCD\nBCD\n1\nSNI\nAnother\nn\nA\n",
    )
    .status(0);
    let out = t.run_with(&["stats", "every.yaml"], "");
    out.status(0)
        .stdout_has("6 questions: 6 seen, 0 unseen\nAccuracy: 70.0% over 10 answers\n")
        .stdout_has("By kind, weakest first (open: your own marks, not in the accuracy):\n  choice   50.0%  (2 answers)\n  number   50.0%  (2 answers)\n  open     50.0%  (2 answers)\n  order    50.0%  (2 answers)\n  match   100.0%  (2 answers)\n  text    100.0%  (2 answers)\n");
    let json = t.run_with(&["stats", "--json", "every.yaml"], "");
    let stats: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(stats["by_kind"].as_array().map(Vec::len), Some(6));
}

#[test]
fn missed_and_review_bring_back_questions_of_every_kind() {
    let t = Test::new().file("every.yaml", &every_kind());
    // Wrong on the order and the number, the open question left unmarked.
    t.run_with(
        &["run", "--no-shuffle", "--seed", "1", "every.yaml"],
        "ABCD\nBCD\n1\nSNI\nAn attempt\n\nB\n",
    )
    .status(0);
    let out = t.run_with(
        &[
            "run",
            "--missed",
            "--no-shuffle",
            "--report",
            "r.json",
            "every.yaml",
        ],
        "\n\n\n",
    );
    out.status(0);
    let report: serde_json::Value = serde_json::from_str(&out.read("r.json")).expect("JSON");
    let ids: Vec<&str> = report["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["id"].as_str())
        .collect();
    // An open question never marked counts as not yet known.
    assert_eq!(
        ids,
        ["client-flight", "max-fragment", "why-encrypt-certificate"]
    );
    // Each was just answered (skipped, now): review has nothing due, and the
    // unmarked open question was no review of it.
    t.run_with(&["run", "--review", "every.yaml"], "")
        .status(1)
        .stderr_has("quiz: --review found nothing to ask");
}

#[test]
fn flagged_brings_back_questions_of_every_kind() {
    let t = Test::new().file("every.yaml", &every_kind());
    t.run_with(
        &["run", "--no-shuffle", "--seed", "1", "every.yaml"],
        "BCAD\nBCD\n16384\nSNI\n\nB\n",
    )
    .status(0);
    // The line front cannot flag; the history is what the screen would write.
    let conn = rusqlite::Connection::open(t.history()).expect("open");
    conn.execute(
        "UPDATE shown SET flagged = 1 WHERE question_id IN \
         ('client-flight', 'tls13-protection', 'max-fragment', 'sni-name', 'why-encrypt-certificate')",
        [],
    )
    .expect("flag");
    drop(conn);
    let out = t.run_with(
        &[
            "run",
            "--flagged",
            "--no-shuffle",
            "--report",
            "r.json",
            "every.yaml",
        ],
        "\n\n\n\n\n",
    );
    out.status(0).stdout_lacks("chosen cipher suite");
    let report: serde_json::Value = serde_json::from_str(&out.read("r.json")).expect("JSON");
    let kinds: Vec<&str> = report["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["order", "match", "number", "text", "open"]);
}

#[test]
fn a_practice_quiz_of_every_kind_resumes_with_its_answers() {
    let t = Test::new().file("every.yaml", &every_kind());
    // The input ends after the order and the match.
    t.run_with(
        &["run", "--no-shuffle", "--seed", "1", "every.yaml"],
        "BCAD\nBD\nBDD\n",
    )
    .status(0)
    .stdout_has("Ended early, after 2 of 6 questions.");
    t.run_with(&["run", "--resume"], "16384\nSNI\nAn attempt\np\nB\n")
        .status(0)
        .stderr_has(": 2 of 6 answered")
        .stdout_has("Question 3 of 6 · score 1/2")
        .stdout_has("Score: 4/5 (80.0%)")
        .stdout_has("  partly  Why does TLS 1.3");
}

/// An exam left before its end keeps every kind's response as given; the
/// resume shows them and scores them.
#[test]
fn an_exam_of_every_kind_resumes_with_its_responses() {
    let t = Test::new().file("every.yaml", &every_kind());
    std::fs::create_dir_all(t.path(".data")).expect("data dir");
    // The line front submits an exam at the end of its input; a killed
    // screen leaves it unsubmitted. Leave one by recording it so by hand:
    // start it, then take its submission back.
    t.run_with(
        &[
            "run",
            "--mode",
            "exam",
            "--no-shuffle",
            "--seed",
            "1",
            "every.yaml",
        ],
        "BCAD\n\n16384\nSNI\nMy attempt\n",
    )
    .status(0);
    let conn = rusqlite::Connection::open(t.history()).expect("the history");
    conn.execute_batch(
        "UPDATE sessions SET finished_at = NULL;
         DELETE FROM answers WHERE given = '' AND question_id <> 'tls13-protection';",
    )
    .expect("an unfinished exam");
    drop(conn);
    // From the first question left blank (the match) on: an empty line
    // keeps what was given.
    t.run_with(&["run", "--resume"], "\n\n\n\nB\ny\n")
        .status(0)
        .stderr_has(": 4 of 6 answered")
        // Answered before: scored as given; the match was left blank.
        .stdout_has("Score: 4/5 (80.0%), strict scoring")
        .stdout_has("  Your answer:\n    My attempt\n")
        .stdout_has("  right   Why does TLS 1.3");
}

/// A history written before the kinds (schema 3) is migrated, and what it
/// kept still counts: its answers for stats, its unfinished session to resume.
#[test]
fn a_history_from_before_the_kinds_is_migrated_and_still_resumes() {
    let t = Test::new().file("bank.yaml", &super::bank(&["q1", "q2"]));
    std::fs::create_dir_all(t.path(".data")).expect("data dir");
    let loaded = quiz::bank::load_paths(&[t.path("bank.yaml")]).expect("load");
    let hash = loaded.banks[0].questions[0].content_hash();
    let path = t.path("bank.yaml").display().to_string();
    let plan = serde_json::json!({
        "mode": "practice", "scoring": "strict", "seed": 1, "pass_mark": 70.0,
        "time_limit_ms": null, "paths": [path], "title": "Test bank",
        "questions": [{"id": "q1", "order": [3, 2, 1, 0]}, {"id": "q2", "order": [0, 1, 2, 3]}]
    });
    let conn = rusqlite::Connection::open(t.history()).expect("create");
    conn.execute_batch(
        "CREATE TABLE sessions (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, mode TEXT NOT NULL,
             seed TEXT NOT NULL, scoring TEXT NOT NULL, banks TEXT NOT NULL,
             plan TEXT, time_left_ms INTEGER, flagged TEXT, finished_at INTEGER);
         CREATE TABLE answers (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, answered_at INTEGER NOT NULL,
             bank TEXT NOT NULL, question_id TEXT NOT NULL, content_hash TEXT NOT NULL, given TEXT NOT NULL,
             points REAL NOT NULL, time_ms INTEGER NOT NULL);
         CREATE INDEX answers_by_question ON answers(question_id, answered_at);
         CREATE TABLE shown (session_id INTEGER NOT NULL, question_id TEXT NOT NULL, bank TEXT NOT NULL,
             shown_at INTEGER, flagged INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (session_id, question_id));
         PRAGMA user_version = 3;",
    )
    .expect("a version 3 history");
    conn.execute(
        "INSERT INTO sessions VALUES (1, 1000, 'practice', '1', 'strict', '[]', ?1, NULL, NULL, NULL)",
        [plan.to_string()],
    )
    .expect("an unfinished session");
    // q1 answered B (the file's letter): right.
    conn.execute(
        "INSERT INTO answers (session_id, answered_at, bank, question_id, content_hash, given, points, time_ms)
         VALUES (1, 2000, 'bank', 'q1', ?1, 'B', 1.0, 500)",
        [&hash],
    )
    .expect("an answer");
    drop(conn);
    t.run_with(&["run", "--resume"], "B\n")
        .status(0)
        .stderr_has(": 1 of 2 answered")
        .stdout_has("Question 2 of 2 · score 1/1")
        .stdout_has("Score: 2/2 (100.0%)");
    assert_eq!(
        history_rows(
            &t,
            "SELECT question_id, kind, given, response FROM answers ORDER BY id"
        ),
        [
            ["q1", "choice", "B", "NULL"],
            ["q2", "choice", "B", "{\"picks\":[1]}"]
        ]
    );
    assert_eq!(history_rows(&t, "PRAGMA user_version"), [["4"]]);
    t.run_with(&["stats", "bank.yaml"], "")
        .status(0)
        .stdout_has("Accuracy: 100.0% over 2 answers\n");
}

/// A blueprint draws questions of every kind; readiness leaves open ones out,
/// as an exam's score does.
#[test]
fn a_blueprint_draws_every_kind_and_readiness_leaves_open_questions_out() {
    let exam = "title: Every kind
count: 6
banks: [every.yaml]
domains:
  - name: Handshake
    tags: [handshake]
    weight: 33.333
  - name: The rest
    tags: [tls13, record, extensions]
    weight: 66.667
";
    let t = Test::new()
        .file("every.yaml", &every_kind())
        .file("exam.yaml", exam);
    let out = t.run_with(
        &["run", "--blueprint", "exam.yaml", "--report", "r.json"],
        &"\n".repeat(8),
    );
    out.status(0);
    let report: serde_json::Value = serde_json::from_str(&out.read("r.json")).expect("JSON");
    let mut kinds: Vec<&str> = report["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter_map(|q| q["kind"].as_str())
        .collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        ["choice", "match", "number", "open", "order", "text"]
    );
    // Five scored questions: the open one is in no domain's score.
    assert_eq!(report["max_points"], 5);
    let domains: u64 = report["domains"]
        .as_array()
        .expect("domains")
        .iter()
        .filter_map(|d| d["questions"].as_u64())
        .sum();
    assert_eq!(domains, 5);
    // Three questions in the rest: the open one is not among them.
    t.run_with(&["stats", "--blueprint", "exam.yaml"], "")
        .status(0)
        .stdout_has("  The rest   66.667%     3       0      0.0%");
}

#[test]
fn show_gives_each_kinds_answer_in_place() {
    let t = Test::new().file("every.yaml", &every_kind());
    t.run_with(&["show", "client-flight", "every.yaml"], "")
        .status(0)
        .stdout_has("client-flight  every.yaml:3 · order\n")
        .stdout_has("\nIn the right order (shown shuffled):\n  1. ClientHello\n  2. ClientKeyExchange\n  3. ChangeCipherSpec\n  4. Finished\n");
    t.run_with(&["show", "tls13-protection", "every.yaml"], "")
        .status(0)
        .stdout_has("  1. ClientHello → A) nothing (sent in the clear)\n  2. EncryptedExtensions → B) the handshake traffic keys\n  3. NewSessionTicket → C) the application traffic keys\nMatching no premise: D) the early traffic keys\n");
    t.run_with(&["show", "max-fragment", "every.yaml"], "")
        .status(0)
        .stdout_has("\nAnswer: 16384\n");
    t.run_with(&["show", "sni-name", "every.yaml"], "")
        .status(0)
        .stdout_has("\nAccepted: server_name, SNI\n");
    t.run_with(&["show", "why-encrypt-certificate", "every.yaml"], "")
        .status(0)
        .stdout_has("\nModel answer:\n  So that a passive observer");
}

/// A format that lacks a kind (GIFT has no ordering; Aiken holds choice
/// questions only) leaves those questions out, each with a warning at its
/// line, and writes the rest; the others carry every kind.
#[test]
fn an_export_leaves_the_kinds_a_format_lacks_out_with_a_warning_each() {
    let out = Test::new()
        .file("every.yaml", &every_kind())
        .args(&["export", "--to", "gift", "every.yaml"])
        .run();
    out.status(0)
        .stdout_has("::which-hello::")
        .stdout_has("::why-encrypt-certificate::")
        .stderr_has("every.yaml:3: warning: question `client-flight` left out of the gift file: it is a question of kind `order`, which GIFT cannot hold\n");
    assert_eq!(out.stderr.matches("it is a question of kind").count(), 1);
    for (kind, left_out) in [
        ("aiken", 5),
        ("moodle-xml", 0),
        ("qti", 0),
        ("csv", 0),
        ("anki", 0),
        ("apkg", 0),
    ] {
        let out = Test::new()
            .file("every.yaml", &every_kind())
            .args(&["export", "--to", kind, "every.yaml", "-o", "out"])
            .run();
        out.status(0);
        assert_eq!(
            out.stderr.matches("it is a question of kind").count(),
            left_out,
            "{kind}: {}",
            out.stderr
        );
    }
}
