//! A hostile bank at a real terminal (tests/fixtures/hostile/prose.yaml: escape
//! sequences in every piece of prose): every byte `quiz run` sends the
//! pseudo-terminal, from the full screen through to the summary after it, from
//! `--plain`, and from the `--resume` banner, holds none of the sequences the
//! fixture's README lists, and the sequences show on screen as control pictures.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use support::{CTRL_C, ENTER, Pty, find};

const END: &str = "\x1b[F";
const ESC: &str = "\x1b";

fn bank() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/prose.yaml")
}

fn quiz(data: &Path, args: &[&str]) -> Pty {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
    command
        .env("QUIZ_DATA_DIR", data)
        .env("FORCE_HYPERLINK", "1")
        .arg("run")
        .args(args);
    Pty::spawn(command)
}

/// What must never reach a terminal from a bank (the fixture's README).
const FORBIDDEN: &[(&str, &[u8])] = &[
    ("OSC 52, which writes the clipboard", b"\x1b]52"),
    ("OSC 0, which retitles the window", b"\x1b]0;"),
    ("an OSC 8 link to a file", b"\x1b]8;;file:"),
    ("ESC [ 2 J, which clears the screen", b"\x1b[2J"),
    ("BEL", b"\x07"),
    ("a backspace", b"\x08"),
    ("U+009B, the C1 CSI", "\u{9b}".as_bytes()),
    ("U+202E, a bidi override", "\u{202e}".as_bytes()),
];

#[track_caller]
fn clean(transcript: &[u8], dump: &str) {
    for (what, bytes) in FORBIDDEN {
        assert!(
            find(transcript, bytes).is_none(),
            "{what} reached the terminal\n{dump}"
        );
    }
    // A carriage return only before a line feed (the terminal's own newline).
    for (i, &b) in transcript.iter().enumerate() {
        assert!(
            b != b'\r' || transcript.get(i + 1) == Some(&b'\n'),
            "a carriage return reached the terminal at byte {i}\n{dump}"
        );
    }
}

#[test]
fn the_full_screen_and_its_summary_show_the_sequences_and_send_none() {
    let data = tempfile::tempdir().expect("a data directory");
    let bank = bank();
    let mut quiz = quiz(
        data.path(),
        &["--no-shuffle", bank.to_str().expect("UTF-8")],
    );
    quiz.expect_screen("Question 1 of 2");
    // The title's and the stem's sequences, shown.
    quiz.expect_screen("Hostile ␛]0;owned␇ bank ␛[2J");
    quiz.expect_screen("␛]52;c;Y3VybCBldmlsLnNoIHwgc2g=␇");
    quiz.expect_screen("R1# show ␛[31mred␛[0m");
    quiz.press("a");
    quiz.press(ENTER);
    quiz.expect_screen("✗ Wrong: the answer is B; you chose A.");
    quiz.expect_screen("␛]8;;file:///etc/passwd␛\\click");
    quiz.press(END);
    // The reference's address is a link (the RFC Editor's), its title shown.
    quiz.expect_screen("Fragmentation ␛]52;c;ZWNobyBoaQ==␇");
    quiz.expect("\x1b]8;;https://www.rfc-editor.org/rfc/rfc5246#section-6.2.1\x1b\\");
    quiz.press(ENTER);
    quiz.expect_screen("Question 2 of 2");
    quiz.expect_screen("D) ChangeCipherSpec ␛[?1049l");
    quiz.press("a");
    quiz.press("c");
    quiz.press(ENTER);
    quiz.expect_screen("✓ Correct: A, C.");
    quiz.press(ENTER);
    quiz.exits_with(0);
    // The summary after the screen: the missed stem, shown.
    quiz.expect_screen("Which record type ␛]52;c;");
    quiz.expect_screen("(prose-stem)");
    let dump = quiz.dump();
    clean(&quiz.transcript, &dump);
}

#[test]
fn plain_shows_the_sequences_and_sends_none() {
    let data = tempfile::tempdir().expect("a data directory");
    let bank = bank();
    let mut quiz = quiz(
        data.path(),
        &["--plain", "--no-shuffle", bank.to_str().expect("UTF-8")],
    );
    quiz.expect("Answer: ");
    quiz.type_text("A\r");
    quiz.expect("✗ Wrong: the answer is B; you chose A.");
    quiz.expect("Answer: ");
    quiz.type_text("AC\r");
    quiz.expect("Summary");
    quiz.exits_with(0);
    let printed = String::from_utf8_lossy(&quiz.transcript).into_owned();
    for shown in ["␛]0;pwned␇", "\\u{202e}gnp.exe", "␛[?1049l"] {
        assert!(printed.contains(shown), "{shown:?} in\n{printed}");
    }
    let dump = quiz.dump();
    clean(&quiz.transcript, &dump);
}

#[test]
fn the_resume_banner_shows_the_title_and_sends_nothing_of_it() {
    let data = tempfile::tempdir().expect("a data directory");
    let bank = bank();
    let mut first = quiz(
        data.path(),
        &["--no-shuffle", bank.to_str().expect("UTF-8")],
    );
    first.expect_screen("Question 1 of 2");
    first.press("b");
    first.press(ENTER);
    first.expect_screen("✓ Correct: B.");
    first.press(ENTER);
    first.expect_screen("Question 2 of 2");
    first.press(ESC);
    std::thread::sleep(Duration::from_millis(50));
    first.exits_with(0);

    let mut resumed = quiz(data.path(), &["--resume", "--plain"]);
    resumed.expect("quiz: resuming the practice quiz of ");
    resumed.expect("(Hostile ␛]0;owned␇ bank ␛[2J)");
    resumed.expect("Answer: ");
    resumed.type_text(CTRL_C);
    resumed.exits_with(130);
    let dump = resumed.dump();
    clean(&resumed.transcript, &dump);
}
