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
/// D) Finished, so BCAD is right.
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
        "BCAD\nABC\n16 384\n  server_name \nIt hides the server's identity\ny\nB\n",
    );
    out.status(0)
        .stdout_has("  A) ChangeCipherSpec\n  B) ClientHello\n  C) ClientKeyExchange\n  D) Finished\nPut them in order: type their letters, first to last (ABCD keeps the order shown).\nAnswer: BCAD\n✓ Correct: B, C, A, D.\n")
        .stdout_has("  1. ClientHello\n  2. EncryptedExtensions\n  3. NewSessionTicket\n  A) nothing (sent in the clear)\n  B) the handshake traffic keys\n  C) the application traffic keys\n  D) the early traffic keys\nMatch each numbered premise: type 3 letters, one per premise in turn (a response may serve several).\nAnswer: ABC\n✓ Correct: ABC, every pair.\n")
        .stdout_has("Type a number.\nAnswer: 16 384\n✓ Correct: 16 384.\n")
        .stdout_has("Type your answer.\nAnswer: server_name\n✓ Correct: server_name.\n")
        .stdout_has("Answer: It hides the server's identity\nCompare your answer with the model answer below, and mark it: right, partly or wrong.\n  Your answer:\n    It hides the server's identity\n  Model answer:\n    So that a passive observer cannot see which certificate, and so which server identity, the connection uses.\n")
        .stdout_has("Your mark (y right, p partly, n wrong): y\n✓ Marked right (your own mark; open questions are not scored).\n")
        // The open question is reported apart and scores nothing.
        .stdout_has("Score: 5/5 (100.0%), strict scoring\n")
        .stdout_has("Open questions, as you marked them (not scored):\n  right   Why does TLS 1.3 encrypt the server's Cert…  (why-encrypt-certificate)\n");
}

#[test]
fn wrong_answers_show_the_right_one_beside_them() {
    let out = run_every_kind(&[], "ABCD\nACC\n16385\nSNI extension\n\nA\n");
    out.status(0)
        .stdout_has("✗ Wrong: the right order is B, C, A, D; yours is A, B, C, D.\n  Your order:\n  ✗ 1. A) ChangeCipherSpec\n  ✗ 2. B) ClientHello\n  ✗ 3. C) ClientKeyExchange\n  ✓ 4. D) Finished\n  The right order:\n    1. B) ClientHello\n    2. C) ClientKeyExchange\n    3. A) ChangeCipherSpec\n    4. D) Finished\n")
        .stdout_has("✗ Wrong: the answer is ABC; you gave ACC (2 of 3 pairs right).\n  ✓ 1. ClientHello → A) nothing (sent in the clear)\n  ✗ 2. EncryptedExtensions → C) the application traffic keys (right: B) the handshake traffic keys)\n  ✓ 3. NewSessionTicket → C) the application traffic keys\n")
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
    run_every_kind(&["--scoring", "partial"], "BCDA\nACC\n\n\n\n\n")
        .status(0)
        .stdout_has(
            "◐ Partly right (0.67 point): the right order is B, C, A, D; yours is B, C, D, A.\n",
        )
        .stdout_has(
            "◐ Partly right (0.67 point): the answer is ABC; you gave ACC (2 of 3 pairs right).\n",
        )
        .stdout_has("Score: 1.33/5 (26.7%), partial scoring\n");
}

#[test]
fn a_line_that_is_no_answer_says_why_and_asks_again() {
    run_every_kind(&[], "BCA\nBCAE\nBC,A,D\nAB\nA-C\nABC\n16 KiB\n16384\n\n\n\n")
        .status(0)
        .stdout_has("Answer: BCA\nGive each letter A to D once, in the order you want.\nAnswer: BCAE\nGive each letter A to D once, in the order you want.\nAnswer: BC,A,D\n✓ Correct")
        .stdout_has("Answer: AB\nType 3 letters, one for each premise in turn.\nAnswer: A-C\n'-' is not a letter. Type one letter per premise, such as BCA, or nothing to skip.\nAnswer: ABC\n✓ Correct")
        .stdout_has("Answer: 16 KiB\nType a number, such as 16384 or -1.5.\nAnswer: 16384\n✓ Correct");
}

/// In an exam, an open question is marked once the exam is submitted, beside
/// its model answer; its mark is reported apart, and PASS or FAIL goes by the
/// scored questions alone.
#[test]
fn an_exam_marks_open_questions_after_submission_and_scores_without_them() {
    let out = run_every_kind(
        &["--mode", "exam", "--pass-mark", "80", "--report", "r.json"],
        "BCAD\nABC\n16384\nSNI\nMy attempt\nB\nn\n",
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
