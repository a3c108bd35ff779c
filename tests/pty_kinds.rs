//! Every kind of question at a real terminal: `quiz run` in a pseudo-terminal,
//! keys pressed as a person presses them (Shift+↑ as the terminal sends it),
//! the screen read through a terminal emulator; then the summary left behind,
//! and a resumed exam whose open question is marked on its results.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use support::{ENTER, Pty};

const ESC: &str = "\x1b";
const DOWN: &str = "\x1b[B";
const RIGHT: &str = "\x1b[C";
const LEFT: &str = "\x1b[D";
/// Shift+↑ as xterm sends it, and Ctrl+↓ (for terminals with no Shift+arrows).
const SHIFT_UP: &str = "\x1b[1;2A";
const CTRL_DOWN: &str = "\x1b[1;5B";
const BACKSPACE: &str = "\x7f";
const TAB: &str = "\t";

fn bank() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kinds/every-kind.yaml")
}

/// `quiz run --no-shuffle --seed 1 EXTRA... every-kind.yaml`, its history in
/// `data`: the order's items show as A) ChangeCipherSpec B) ClientHello
/// C) ClientKeyExchange D) Finished.
fn quiz(data: &Path, extra: &[&str]) -> Pty {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
    command
        .env("QUIZ_DATA_DIR", data)
        .args(["run", "--no-shuffle", "--seed", "1"])
        .args(extra)
        .arg(bank());
    Pty::spawn(command)
}

/// Esc alone: a pause after it tells it from the start of an escape sequence.
fn esc(pty: &mut Pty) {
    pty.press(ESC);
    std::thread::sleep(Duration::from_millis(50));
}

/// Presses each key of `text` in turn.
fn keys(pty: &mut Pty, text: &str) {
    for c in text.chars() {
        pty.press(&c.to_string());
    }
}

#[test]
fn practice_every_kind_at_a_terminal() {
    let data = tempfile::tempdir().expect("a data directory");
    let mut q = quiz(data.path(), &[]);
    // The order: B up with Shift+↑, then C put second with Ctrl+↓ and Shift+↑.
    q.expect_screen("❯ 1. A) ChangeCipherSpec");
    q.press(DOWN);
    q.press(SHIFT_UP);
    q.expect_screen("❯ 1. B) ClientHello");
    q.press(DOWN);
    q.press(CTRL_DOWN);
    q.expect_screen("❯ 3. A) ChangeCipherSpec");
    q.press(SHIFT_UP);
    q.press(SHIFT_UP);
    q.expect_screen("❯ 1. A) ChangeCipherSpec");
    // That went one too far: typed letters put it right.
    keys(&mut q, "bcad");
    q.expect_screen("The order, first to last: BCAD");
    q.press(ENTER);
    q.expect_screen("❯ 1. B) ClientHello");
    q.press(ENTER);
    q.expect_screen("✓ Correct: B, C, A, D.");
    q.press(ENTER);
    // The match: a letter per premise; one wrong.
    q.expect_screen("❯ [ ] 1. ClientHello");
    keys(&mut q, "bdd");
    q.expect_screen("[D] 3. NewSessionTicket");
    q.press(ENTER);
    q.expect_screen("✗ Wrong: the answer is BCD; you gave BDD (2 of 3 pairs right).");
    q.expect_screen("→ C) the handshake traffic keys");
    q.press(ENTER);
    // The number, edited in its line.
    q.expect_screen("Your answer (a number)");
    keys(&mut q, "16x384");
    q.press(LEFT);
    q.press(LEFT);
    q.press(LEFT);
    q.press(BACKSPACE);
    q.expect_screen("│ 16384");
    q.press(ENTER);
    q.expect_screen("✓ Correct: 16384.");
    q.press(ENTER);
    // The text: Tab leaves the line, `*` flags, a letter goes back in.
    q.expect_screen("Which extension carries the host name");
    q.press(TAB);
    q.press("*");
    q.expect_screen("this one flagged");
    keys(&mut q, "sni");
    q.press(ENTER);
    q.expect_screen("✓ Correct: sni.");
    q.press(RIGHT);
    // The open question: an attempt, the model answer, the candidate's mark.
    q.expect_screen("Your answer (optional: Enter shows the model answer)");
    keys(&mut q, "It hides who the server is");
    q.press(ENTER);
    q.expect_screen("Model answer");
    q.expect_screen("How did you do? y right · p partly · n wrong (not scored)");
    q.press("p");
    q.expect_screen("◐ Marked partly right");
    q.press(ENTER);
    q.expect_screen("Which message carries the server's chosen cipher suite?");
    q.press("b");
    q.press(ENTER);
    q.press(ENTER);
    q.exits_with(0);
    let screen = q.screen();
    assert!(
        screen.contains("Score: 4/5 (80.0%), strict scoring"),
        "{screen}"
    );
    assert!(screen.contains("  partly  Why does TLS 1.3"), "{screen}");
    assert!(q.terminal_restored());
}

#[test]
fn an_exam_left_and_resumed_keeps_every_kind_and_marks_its_open_question() {
    let data = tempfile::tempdir().expect("a data directory");
    let mut q = quiz(data.path(), &["--mode", "exam"]);
    q.expect_screen("❯ 1. A) ChangeCipherSpec");
    q.press(DOWN);
    q.press(SHIFT_UP);
    q.press(ENTER);
    q.expect_screen("❯ [ ] 1. ClientHello");
    keys(&mut q, "bc");
    q.press(ENTER);
    keys(&mut q, "16384");
    q.press(ENTER);
    q.expect_screen("Which extension carries the host name");
    q.press(ENTER);
    keys(&mut q, "It hides the server");
    // Left at the review, not submitted.
    esc(&mut q);
    q.expect_screen("Review");
    q.expect_screen("2 of 3 matched");
    q.press("q");
    q.expect_screen("Leave without submitting?");
    q.press("y");
    q.exits_with(0);

    let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
    command
        .env("QUIZ_DATA_DIR", data.path())
        .args(["run", "--resume"]);
    let mut r = Pty::spawn(command);
    // At the first question left blank: the text; the others kept as given.
    r.expect_screen("Which extension carries the host name");
    r.expect_screen("4/6 answered");
    esc(&mut r);
    r.expect_screen("Review");
    r.press("s");
    r.press("y");
    r.expect_screen("Open questions, not scored: 1 to mark (Enter opens one)");
    r.expect_screen("mark it");
    // The open question is the last row: the end, then Enter.
    r.press("\x1b[F");
    r.press(ENTER);
    r.expect_screen("It hides the server");
    r.expect_screen("Model answer");
    r.press("y");
    r.expect_screen("✓ Marked right");
    esc(&mut r);
    r.expect_screen("yours: right");
    r.press("q");
    r.exits_with(0);
    let screen = r.screen();
    assert!(screen.contains("Score: 1/5 (20.0%)"), "{screen}");
    assert!(screen.contains("  right   Why does TLS 1.3"), "{screen}");
}
