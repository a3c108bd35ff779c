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
