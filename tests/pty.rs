//! `quiz run` at a real terminal: the binary runs in a pseudo-terminal, so it takes
//! the dialoguer front (Select for a single-answer item, MultiSelect for a
//! multiple-answer one), and the test presses keys as a person would.
//!
//! The harness (waiting for output, pressing keys only while the program reads
//! one) is in `support/pty.rs`, shared with `tests/pty_new.rs`.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod support;

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;
use std::process::Command;
use support::{CTRL_C, DOWN, ENTER, Pty, SHOW_CURSOR, SPACE};

/// `quiz run --no-shuffle EXTRA... tests/fixtures/pty/two.yaml` in a
/// pseudo-terminal, with a history of its own.
struct Quiz {
    pty: Pty,
    /// The history of this run only, never the user's.
    _data: tempfile::TempDir,
}

impl Deref for Quiz {
    type Target = Pty;
    fn deref(&self) -> &Pty {
        &self.pty
    }
}

impl DerefMut for Quiz {
    fn deref_mut(&mut self) -> &mut Pty {
        &mut self.pty
    }
}

impl Quiz {
    fn start() -> Self {
        Self::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Self {
        let bank = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pty/two.yaml");
        let data = tempfile::tempdir().expect("a temporary data directory");
        let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
        command
            .env("QUIZ_DATA_DIR", data.path())
            .arg("run")
            .arg("--no-shuffle")
            .args(extra)
            .arg(&bank);
        Quiz {
            pty: Pty::spawn(command),
            _data: data,
        }
    }

    /// Waits for the program to end with status 0, having shown the cursor again
    /// after it last hid it.
    #[track_caller]
    fn exits_cleanly(&mut self) {
        self.exits_with(0);
        assert!(
            self.showed_cursor(),
            "quiz should show the cursor again\n{}",
            self.dump()
        );
    }
}

/// Answers the first question, a Select, with B (arrow down, Enter): right.
#[track_caller]
fn answer_first_with_b(quiz: &mut Quiz) {
    quiz.expect("Question 1 of 2");
    quiz.expect("Which record type carries the alert protocol?");
    quiz.expect("> A) handshake");
    quiz.press(DOWN);
    quiz.expect("> B) alert");
    quiz.press(ENTER);
    quiz.expect("✓ Correct: B.");
    quiz.expect("The alert protocol has its own content type.");
    // The pseudo-terminal is 80 columns wide: the link wraps whole onto its own line.
    quiz.expect(
        "RFC 5246 §6.2.1 Fragmentation:\r\n  https://www.rfc-editor.org/rfc/rfc5246#section-6.2.1",
    );
}

/// Waits for the second question, a MultiSelect, and ticks A.
#[track_caller]
fn second_question_tick_a(quiz: &mut Quiz) {
    quiz.expect("Question 2 of 2 · score 1/1");
    quiz.expect("Which two are TLS 1.3 handshake messages?");
    quiz.expect("> [ ] A) EncryptedExtensions");
    quiz.press(SPACE);
    quiz.expect("> [x] A) EncryptedExtensions");
}

#[test]
fn arrow_keys_space_and_enter_answer_both_kinds_of_question() {
    let mut quiz = Quiz::start();
    answer_first_with_b(&mut quiz);

    second_question_tick_a(&mut quiz);
    quiz.press(DOWN);
    quiz.expect("> [ ] B) ServerKeyExchange");
    quiz.press(DOWN);
    quiz.expect("> [ ] C) CertificateVerify");
    quiz.press(SPACE);
    quiz.expect("> [x] C) CertificateVerify");
    quiz.press(ENTER);
    quiz.expect("✓ Correct: A, C.");
    quiz.expect("ServerKeyExchange is gone in TLS 1.3.");
    quiz.expect(
        "RFC 8446 §4 Handshake Protocol:\r\n  https://www.rfc-editor.org/rfc/rfc8446#section-4",
    );

    quiz.expect("Summary");
    quiz.expect("Score: 2/2");
    quiz.exits_cleanly();
}

#[test]
fn a_multiple_answer_item_with_one_pick_missing_is_wrong() {
    let mut quiz = Quiz::start();
    answer_first_with_b(&mut quiz);

    second_question_tick_a(&mut quiz);
    quiz.press(ENTER);
    quiz.expect("✗ Wrong: the answer is A, C; you chose A.");

    quiz.expect("Summary");
    quiz.expect("Score: 1/2");
    quiz.expect("Missed: several");
    quiz.exits_cleanly();
}

#[test]
fn ctrl_c_at_the_first_prompt_ends_with_the_summary_and_the_cursor_shown() {
    let mut quiz = Quiz::start();
    quiz.expect("Question 1 of 2");
    quiz.expect("> A) handshake");
    quiz.press(CTRL_C);
    // The cursor comes back before the summary is printed.
    quiz.expect(SHOW_CURSOR);
    quiz.expect("Summary");
    quiz.expect("Ended early, after 0 of 2 questions.");
    quiz.expect("Score: 0/0");
    quiz.exits_cleanly();
}

#[test]
fn an_exam_flags_a_question_and_revisits_it_from_the_review_screen() {
    let mut quiz = Quiz::start_with(&["--mode", "exam", "--time-limit", "30m"]);
    quiz.expect("Question 1 of 2 · 0 answered · 30:00 left");
    quiz.expect("> A) handshake");
    // Flag the first question without answering it: the flag is the last entry.
    for entry in ["> B) alert", "> C) application_data", "> ⚑ Flag for review"] {
        quiz.press(DOWN);
        quiz.expect(entry);
    }
    quiz.press(ENTER);
    // No feedback in an exam: straight to the next question.
    quiz.expect("Question 2 of 2 · 0 answered");
    quiz.expect("> [ ] A) EncryptedExtensions");
    quiz.press(SPACE);
    quiz.expect("> [x] A) EncryptedExtensions");
    quiz.press(ENTER);
    // The review screen lists each question's state; the flagged one comes first.
    quiz.expect("Review: choose a question to change it, or submit");
    quiz.expect(">   1. [flagged   ] Which record type carries the alert protocol?");
    quiz.expect("2. [answered  ] Which two are TLS 1.3 handshake messages?");
    quiz.expect("Submit the exam (1 flagged or unanswered)");
    quiz.press(ENTER);
    quiz.expect("Question 1 of 2 · 1 answered");
    quiz.expect("· flagged");
    quiz.expect("> A) handshake");
    quiz.press(DOWN);
    quiz.expect("> B) alert");
    quiz.press(ENTER);
    quiz.expect("1. [answered  ] Which record type carries the alert protocol?");
    quiz.expect("> Submit the exam");
    quiz.press(ENTER);
    quiz.expect("Score: 1/2 (50.0%)");
    quiz.expect("Result: FAIL (pass mark 70%)");
    quiz.expect("2. Which two are TLS 1.3 handshake messages? (Choose 2)");
    quiz.expect("✗ Wrong: the answer is A, C; you chose A.");
    quiz.exits_cleanly();
}
