//! `quiz run` at a real terminal: the binary runs in a pseudo-terminal, so it takes
//! the dialoguer front (Select for a single-answer item, MultiSelect for a
//! multiple-answer one), and the test presses keys as a person would.
//!
//! Keys are sent only while the program is waiting for one: console reads each key
//! with the terminal in raw mode and puts it back in canonical mode between keys,
//! and a Ctrl-C that arrives in canonical mode becomes SIGINT instead of a key.
//! Each wait has a generous limit, so a slow machine does not make the test flaky,
//! and a missed wait fails with everything the program printed.

#![cfg(unix)]

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::path::PathBuf;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long any one thing may take before the test gives up on it.
const TIMEOUT: Duration = Duration::from_secs(10);
/// How often to look again while waiting.
const POLL: Duration = Duration::from_millis(10);

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const CTRL_C: &str = "\x03";
const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

/// `quiz run --no-shuffle tests/fixtures/pty/two.yaml` in a pseudo-terminal, and
/// everything it has printed so far.
struct Quiz {
    session: OsSession,
    /// All output, as the terminal received it.
    transcript: Vec<u8>,
    /// How much of the transcript earlier waits have already matched.
    matched: usize,
    eof: bool,
    /// The history of this run only, never the user's.
    _data: tempfile::TempDir,
}

impl Quiz {
    fn start() -> Self {
        Self::start_with(&[])
    }

    /// `quiz run --no-shuffle EXTRA... two.yaml` in a pseudo-terminal.
    fn start_with(extra: &[&str]) -> Self {
        let bank = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pty/two.yaml");
        let data = tempfile::tempdir().expect("a temporary data directory");
        let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
        command
            .env("QUIZ_DATA_DIR", data.path())
            .arg("run")
            .arg("--no-shuffle")
            .args(extra)
            .arg(&bank)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("CLICOLOR_FORCE");
        let session = Session::spawn(command).expect("start quiz in a pseudo-terminal");
        Quiz {
            session,
            transcript: Vec::new(),
            matched: 0,
            eof: false,
            _data: data,
        }
    }

    /// Reads whatever is available now, without blocking.
    #[track_caller]
    fn read_available(&mut self) {
        let mut buf = [0u8; 4096];
        while !self.eof {
            match self.session.try_read(&mut buf) {
                // The pty reports the end (EIO on Linux) once the program has exited.
                Ok(0) => self.eof = true,
                Ok(n) => self.transcript.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => panic!("reading the pty failed: {e}\n{}", self.dump()),
            }
        }
    }

    /// Everything printed so far, escapes made visible, for failure messages.
    fn dump(&self) -> String {
        format!(
            "--- quiz printed so far ---\n{}\n--- end ---",
            String::from_utf8_lossy(&self.transcript).escape_debug()
        )
    }

    /// Waits until `text` appears in the output after what earlier waits matched.
    #[track_caller]
    fn expect(&mut self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.read_available();
            let rest = &self.transcript[self.matched..];
            if let Some(at) = find(rest, text.as_bytes()) {
                self.matched += at + text.len();
                return;
            }
            if self.eof {
                panic!("quiz ended without printing {text:?}\n{}", self.dump());
            }
            if Instant::now() > deadline {
                panic!(
                    "quiz did not print {text:?} within {TIMEOUT:?}\n{}",
                    self.dump()
                );
            }
            sleep(POLL);
        }
    }

    /// Whether the program is reading a key: console switches the terminal to raw
    /// mode (no ICANON) for each key. The master side of a Linux pty reports the
    /// terminal modes of the slave side the program uses.
    #[track_caller]
    fn reading_a_key(&self) -> bool {
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: the descriptor is the session's open pty master, and tcgetattr
        // fills the whole struct when it returns 0.
        let rc = unsafe { libc::tcgetattr(self.session.as_raw_fd(), termios.as_mut_ptr()) };
        assert_eq!(
            rc,
            0,
            "cannot read the pty's modes: {}",
            io::Error::last_os_error()
        );
        // SAFETY: initialized by the successful tcgetattr above.
        let termios = unsafe { termios.assume_init() };
        termios.c_lflag & libc::ICANON == 0
    }

    /// Waits until the program reads a key, then presses `key`.
    #[track_caller]
    fn press(&mut self, key: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.reading_a_key() {
            self.read_available();
            if self.eof {
                panic!(
                    "quiz ended while the test wanted to press {key:?}\n{}",
                    self.dump()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "quiz did not wait for a key within {TIMEOUT:?} (to press {key:?})\n{}",
                    self.dump()
                );
            }
            sleep(POLL);
        }
        self.session
            .write_all(key.as_bytes())
            .and_then(|()| self.session.flush())
            .unwrap_or_else(|e| panic!("cannot press {key:?}: {e}\n{}", self.dump()));
    }

    /// Waits for the program to end; returns how it ended.
    #[track_caller]
    fn wait(&mut self) -> WaitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.read_available();
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) => {}
                Ok(status) => {
                    // Whatever it printed last is still in the pty.
                    self.read_available();
                    return status;
                }
                Err(e) => panic!("cannot get quiz's exit status: {e}\n{}", self.dump()),
            }
            if Instant::now() > deadline {
                panic!("quiz did not exit within {TIMEOUT:?}\n{}", self.dump());
            }
            sleep(POLL);
        }
    }

    /// Waits for the program to end and checks that it exited with status 0 and
    /// left the cursor visible (shown after the last time it was hidden).
    #[track_caller]
    fn exits_cleanly(&mut self) {
        let pid = self.session.get_process().pid();
        let status = self.wait();
        assert_eq!(
            status,
            WaitStatus::Exited(pid, 0),
            "quiz should exit with status 0\n{}",
            self.dump()
        );
        let shown = rfind(&self.transcript, SHOW_CURSOR.as_bytes());
        let hidden = rfind(&self.transcript, HIDE_CURSOR.as_bytes());
        assert!(
            shown.is_some() && shown > hidden,
            "quiz should leave the cursor visible: the last {SHOW_CURSOR:?} must come \
             after the last {HIDE_CURSOR:?}\n{}",
            self.dump()
        );
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
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
