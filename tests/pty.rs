//! `quiz run` at a real terminal: the binary runs in a pseudo-terminal, so it
//! takes the full screen, and the test presses keys as a person would and reads
//! the screen as a person sees it, through a terminal emulator (vt100) fed with
//! everything the program printed.
//!
//! The harness (waiting for output, pressing keys only while the program reads
//! one) is in `support/pty.rs`, shared with `tests/pty_new.rs`.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod support;

use std::num::NonZeroU16;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use support::{CTRL_C, ENTER, Pty};

const ESC: &str = "\x1b";
const LEFT: &str = "\x1b[D";
const RIGHT: &str = "\x1b[C";

/// `quiz run EXTRA... tests/fixtures/pty/two.yaml` in a pseudo-terminal, with a
/// history of its own.
struct Quiz {
    pty: Pty,
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

fn bank() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pty/two.yaml")
}

impl Quiz {
    /// `quiz run` with `args` and the history in `data`.
    fn run(data: &Path, args: &[&str]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
        command.env("QUIZ_DATA_DIR", data).arg("run").args(args);
        Quiz {
            pty: Pty::spawn(command),
        }
    }

    /// `quiz run --no-shuffle EXTRA... two.yaml`.
    fn start(data: &Path, extra: &[&str]) -> Self {
        let bank = bank();
        let mut args = vec!["--no-shuffle"];
        args.extend_from_slice(extra);
        args.push(bank.to_str().expect("a UTF-8 path"));
        Quiz::run(data, &args)
    }

    /// Presses Esc alone: a pause after it tells it from the start of an escape
    /// sequence.
    fn esc(&mut self) {
        self.press(ESC);
        std::thread::sleep(Duration::from_millis(50));
    }

    /// Waits for the end with `code`, the terminal given back as it was.
    #[track_caller]
    fn ends_with(&mut self, code: i32) {
        self.exits_with(code);
        assert!(
            self.terminal_restored(),
            "the terminal should be restored; the screen shows:\n{}",
            self.screen()
        );
    }
}

fn data() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary data directory")
}

#[test]
fn a_wrong_answer_shows_the_verdict_and_the_explanation_on_one_screen() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &[]);
    quiz.expect_screen("Question 1 of 2");
    quiz.expect_screen("❯ ( ) A) handshake");
    quiz.press("a");
    quiz.expect_screen("❯ (•) A) handshake");
    quiz.press(ENTER);
    quiz.expect_screen("✗ Wrong: the answer is B; you chose A.");
    let screen = quiz.screen();
    assert!(
        screen.contains("The alert protocol has its own content type."),
        "{screen}"
    );
    assert!(screen.contains("https://www.rfc-editor.org/rfc/rfc5246#section-6.2.1"));
    quiz.press(ENTER);
    quiz.expect_screen("Which two are TLS 1.3 handshake messages? (Choose 2)");
    quiz.press("a");
    quiz.press("c");
    quiz.expect_screen("[x] C) CertificateVerify");
    quiz.press(ENTER);
    quiz.expect_screen("✓ Correct: A, C.");
    quiz.press(ENTER);
    quiz.ends_with(0);
    // The summary stays on the normal screen, in the scrollback.
    let screen = quiz.screen();
    assert!(screen.contains("Score: 1/2 (50.0%)"), "{screen}");
}

#[test]
fn esc_in_an_exam_opens_the_review_screen_and_submits_nothing() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &["--mode", "exam", "--time-limit", "30m"]);
    quiz.expect_screen("Question 1 of 2");
    quiz.expect_screen("30:00 left");
    quiz.press("b");
    quiz.esc();
    quiz.expect_screen("Review");
    quiz.expect_screen("2 questions · 1 answered · 1 unanswered · 0 flagged");
    quiz.expect_screen("1  ✓ answered");
    quiz.expect_screen("2  ○ unanswered");
    assert!(!quiz.screen().contains("Score"), "{}", quiz.screen());
    // Leaving asks first, and says how to come back.
    quiz.press("q");
    quiz.expect_screen("Leave without submitting?");
    quiz.press("y");
    quiz.ends_with(0);
    let screen = quiz.screen();
    assert!(
        screen.contains("The exam was not submitted: 1 of 2 answered"),
        "{screen}"
    );
    assert!(!screen.contains("Summary"), "{screen}");
}

#[test]
fn a_three_second_exam_submits_itself_at_0_00() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &["--mode", "exam", "--time-limit", "3s"]);
    quiz.expect_screen("0:03 left");
    quiz.press("b");
    quiz.expect_screen("Time is up: the exam was submitted with the answers given before 0:00.");
    quiz.expect_screen("Score 1/2 (50.0%) · FAIL");
    quiz.press("q");
    quiz.ends_with(0);
    let screen = quiz.screen();
    assert!(
        screen.contains("Time is up: the exam was submitted with the answers given before 0:00."),
        "{screen}"
    );
    assert!(screen.contains("Time used: 0:0"), "{screen}");
}

#[test]
fn after_sigkill_resume_continues_with_the_answers_kept() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &["--mode", "exam", "--time-limit", "30m"]);
    quiz.expect_screen("Question 1 of 2");
    quiz.press("b");
    quiz.press("*");
    quiz.press(ENTER);
    quiz.expect_screen("Question 2 of 2");
    quiz.signal(libc::SIGKILL);
    quiz.wait();

    let mut resumed = Quiz::run(data.path(), &["--resume"]);
    resumed.expect_screen("Resumed the exam of");
    resumed.expect_screen("1/2 answered · ⚑ 1 flagged");
    resumed.expect_screen("Question 2 of 2");
    resumed.press(LEFT);
    resumed.expect_screen("(•) B) alert");
    resumed.esc();
    resumed.expect_screen("Review");
    resumed.press("s");
    resumed.expect_screen("1 of 2 unanswered, 1 flagged.");
    resumed.press("y");
    resumed.expect_screen("Score 1/2 (50.0%)");
    resumed.press("q");
    resumed.ends_with(0);

    // Finished: nothing is left to resume.
    let mut again = Quiz::run(data.path(), &["--resume"]);
    again.expect("quiz: nothing to resume");
    again.exits_with(1);
}

#[test]
fn esc_in_practice_restores_the_terminal_and_prints_the_summary() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &[]);
    quiz.expect_screen("Question 1 of 2");
    quiz.esc();
    quiz.ends_with(0);
    let screen = quiz.screen();
    assert!(
        screen.contains("Ended early, after 0 of 2 questions."),
        "{screen}"
    );
    assert!(
        screen.contains("`quiz run --resume` continues it"),
        "{screen}"
    );
}

#[test]
fn ctrl_c_restores_the_terminal_and_exits_130() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &[]);
    quiz.expect_screen("Question 1 of 2");
    quiz.press(CTRL_C);
    quiz.ends_with(130);
    assert!(quiz.screen().contains("Summary"), "{}", quiz.screen());
}

#[test]
fn sigterm_restores_the_terminal_and_exits_130() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &["--mode", "exam"]);
    quiz.expect_screen("Question 1 of 2");
    quiz.signal(libc::SIGTERM);
    quiz.ends_with(130);
    assert!(
        quiz.screen().contains("The exam was not submitted"),
        "{}",
        quiz.screen()
    );
}

#[test]
fn esc_on_the_review_screen_goes_back_to_the_question() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &["--mode", "exam"]);
    quiz.expect_screen("Question 1 of 2");
    quiz.press(ESC);
    quiz.expect_screen("Review");
    // A lone Esc is told from an escape sequence by a pause.
    std::thread::sleep(Duration::from_millis(50));
    quiz.press(ESC);
    quiz.expect_screen("Question 1 of 2");
    quiz.press(CTRL_C);
    quiz.expect_screen("Review");
    quiz.press(CTRL_C);
    quiz.ends_with(130);
}

#[test]
fn plain_uses_the_line_front_at_a_terminal() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &["--plain"]);
    quiz.expect("Question 1 of 2");
    quiz.expect("  B) alert");
    quiz.expect("Answer: ");
    quiz.type_text("B\r");
    quiz.expect("✓ Correct: B.");
    quiz.expect("Answer: ");
    quiz.type_text(CTRL_C);
    quiz.expect("Summary");
    quiz.exits_with(130);
}

#[test]
fn references_are_terminal_hyperlinks_where_the_terminal_has_them() {
    let data = data();
    let bank = bank();
    let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
    command
        .env("QUIZ_DATA_DIR", data.path())
        .env("FORCE_HYPERLINK", "1")
        .args(["run", "--no-shuffle"])
        .arg(&bank);
    let mut quiz = Quiz {
        pty: Pty::spawn(command),
    };
    quiz.expect_screen("Question 1 of 2");
    quiz.press("b");
    quiz.press(ENTER);
    let url = "https://www.rfc-editor.org/rfc/rfc5246#section-6.2.1";
    quiz.expect(&format!("\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\"));
    // The address still reads as text.
    quiz.expect_screen(&format!("  {url}"));
    quiz.esc();
    quiz.ends_with(0);
}

/// A terminal that goes away under the screen (its window closed, an ssh
/// connection dropped) ends the quiz, even where no SIGHUP arrives. Here quiz is
/// not the terminal's session leader, as under tmux, so only the terminal itself
/// can tell it; before, it read an endless end of input at full speed for ever.
#[test]
fn a_terminal_that_hangs_up_ends_the_quiz() {
    use std::fs::File;
    use std::io::Read;
    use std::time::Instant;

    let data = data();
    let (mut master, slave) = support::open_pty(24, 80);
    let clone = |f: &File| f.try_clone().expect("a second descriptor of the terminal");
    let mut child = Command::new(env!("CARGO_BIN_EXE_quiz"))
        .env("QUIZ_DATA_DIR", data.path())
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .args(["run", "--no-shuffle"])
        .arg(bank())
        .stdin(clone(&slave))
        .stdout(clone(&slave))
        .stderr(slave)
        .spawn()
        .expect("start quiz on the terminal");
    let cells = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
    let mut screen = vt100::Parser::new(cells(24), cells(80), 0);
    let mut buf = [0; 4096];
    while !screen.screen().contents().contains("Question 1 of 2") {
        let n = master.read(&mut buf).expect("read the terminal");
        assert!(n > 0, "quiz closed the terminal before its first question");
        screen.process(&buf[..n]);
    }
    drop(master);
    let deadline = Instant::now() + support::TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("quiz's status") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("quiz still runs after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(
        status.code(),
        Some(130),
        "ends as a signal would: {status:?}"
    );
}

#[test]
fn the_built_in_bank_is_named_in_the_header() {
    let data = data();
    // Ten questions of this seed come from several of its files.
    let mut quiz = Quiz::run(data.path(), &["--count", "10", "--seed", "1"]);
    quiz.expect_screen("Built-in TLS bank");
    quiz.expect_screen("Question 1 of 10");
    quiz.esc();
    quiz.ends_with(0);
}

#[test]
fn leaving_after_one_of_two_says_one_question_is_left() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &[]);
    quiz.expect_screen("Question 1 of 2");
    quiz.press(RIGHT);
    quiz.expect_screen("Enter/→ next question");
    quiz.press(ENTER);
    quiz.expect_screen("Question 2 of 2");
    quiz.esc();
    quiz.ends_with(0);
    let screen = quiz.screen();
    assert!(
        screen.contains("1 of 2 questions is left: `quiz run --resume` continues it."),
        "{screen}"
    );
}

#[test]
fn the_summary_lists_missed_questions_cut_to_a_narrow_window() {
    let data = data();
    let mut quiz = Quiz::run(
        data.path(),
        &["--mode", "exam", "--count", "20", "--seed", "3"],
    );
    quiz.resize(NonZeroU16::new(60).unwrap(), NonZeroU16::new(20).unwrap());
    quiz.expect_screen("Question 1 of 20");
    // Leave every question unanswered: all 20 are missed.
    quiz.esc();
    quiz.expect_screen("Review");
    quiz.press("s");
    quiz.expect_screen("Submit the exam?");
    quiz.press("y");
    quiz.expect_screen("Results");
    quiz.press("q");
    quiz.ends_with(0);
    let transcript = String::from_utf8_lossy(&quiz.transcript).into_owned();
    let summary = &transcript[transcript
        .rfind("Missed:")
        .expect("a list of missed questions")..];
    let lines: Vec<&str> = summary
        .lines()
        .skip(1)
        .take_while(|line| !line.starts_with("Seed:"))
        .collect();
    assert_eq!(lines.len(), 20, "{summary}");
    for line in &lines {
        assert!(
            line.chars().count() <= 60,
            "wider than the window: {line:?}"
        );
        // The stem, cut to fit, then the id whole.
        assert!(line.ends_with(')') && line.contains("  ("), "{line:?}");
    }
}

#[test]
fn leaving_an_exam_in_a_narrow_window_wraps_the_way_back_between_words() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &["--mode", "exam", "--time-limit", "30m"]);
    quiz.resize(NonZeroU16::new(60).unwrap(), NonZeroU16::new(20).unwrap());
    quiz.expect_screen("Question 1 of 2");
    quiz.press("b");
    quiz.esc();
    quiz.expect_screen("Review");
    quiz.press("q");
    // The dialog grows to fit its wrapped text, keys included.
    quiz.expect_screen("y leave    n or Esc stay");
    quiz.press("y");
    quiz.ends_with(0);
    let transcript = String::from_utf8_lossy(&quiz.transcript).into_owned();
    let note = &transcript[transcript
        .rfind("The exam was not submitted")
        .expect("the way back")..];
    let lines: Vec<&str> = note.lines().collect();
    assert!(lines.len() >= 2, "{note}");
    for line in &lines {
        assert!(
            line.chars().count() <= 60,
            "wider than the window: {line:?}"
        );
    }
    assert!(note.contains("--resume"), "{note}");
}

#[test]
fn a_flag_is_listed_in_the_summary_and_flagged_asks_it_again() {
    let data = data();
    let mut quiz = Quiz::start(data.path(), &[]);
    quiz.expect_screen("Question 1 of 2");
    quiz.press("*");
    quiz.expect_screen("Question 1 flagged.");
    quiz.press("b");
    quiz.press(ENTER);
    quiz.expect_screen("✓ Correct: B.");
    quiz.esc();
    quiz.ends_with(0);
    let screen = quiz.screen();
    assert!(
        screen.contains(
            "Flagged (`quiz run --flagged` asks them again):\n  Which record type carries the alert protocol?  (single)"
        ),
        "{screen}"
    );
    assert!(screen.contains("Time used: "), "{screen}");

    let bank = bank();
    let mut again = Quiz::run(
        data.path(),
        &["--flagged", bank.to_str().expect("a UTF-8 path")],
    );
    again.expect_screen("Question 1 of 1");
    again.expect_screen("Which record type carries the alert protocol?");
    again.esc();
    again.ends_with(0);
}
