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
