//! `quiz new` at a real terminal: the binary runs in a pseudo-terminal, the test
//! answers every dialoguer prompt as an author would, and then reads the bank file
//! back: the old bytes are all there, and the new question loads as typed.
//!
//! As in `tests/pty.rs`, keys go only to a program that is waiting for one (console
//! reads each key in raw mode). Typed text is sent in one piece once the program
//! waits for its first key; the terminal's echo is off, so that text arriving
//! between two keys (when console has put the terminal back in canonical mode) is
//! still read in order, and never echoed into the transcript.

#![cfg(unix)]

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use quiz::bank::{Target, read_bank};
use std::io::{self, Write};
use std::os::fd::AsRawFd;
use std::path::Path;
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
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";
const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

/// The fixture bank: comments, blank lines between items, and no final newline.
fn fixture() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/new/bank.yaml");
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// `quiz new [FILE]` in a pseudo-terminal, and everything it has printed so far.
struct Author {
    session: OsSession,
    transcript: Vec<u8>,
    /// How much of the transcript earlier waits have already matched.
    matched: usize,
    eof: bool,
}

impl Author {
    fn start(file: Option<&Path>) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
        command.arg("new");
        if let Some(file) = file {
            command.arg(file);
        }
        command
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("CLICOLOR_FORCE");
        let session = Session::spawn(command).expect("start quiz in a pseudo-terminal");
        let author = Author {
            session,
            transcript: Vec::new(),
            matched: 0,
            eof: false,
        };
        author.echo_off();
        author
    }

    /// Turns the terminal's echo off; console keeps it off, since it restores the
    /// modes it found after each key.
    fn echo_off(&self) {
        let fd = self.session.as_raw_fd();
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: `fd` is the session's open pty master; tcgetattr fills the whole
        // struct when it returns 0, and only then is it read.
        unsafe {
            assert_eq!(libc::tcgetattr(fd, termios.as_mut_ptr()), 0);
            let mut termios = termios.assume_init();
            termios.c_lflag &= !(libc::ECHO | libc::ECHONL);
            assert_eq!(libc::tcsetattr(fd, libc::TCSANOW, &termios), 0);
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
                Err(_) => self.eof = true,
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

    /// Whether the program is reading a key (console's raw mode: no ICANON).
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

    /// Waits until the program reads a key, then sends `keys`.
    #[track_caller]
    fn press(&mut self, keys: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.reading_a_key() {
            self.read_available();
            if self.eof {
                panic!(
                    "quiz ended while the test wanted to press {keys:?}\n{}",
                    self.dump()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "quiz did not wait for a key within {TIMEOUT:?} (to press {keys:?})\n{}",
                    self.dump()
                );
            }
            sleep(POLL);
        }
        self.session
            .write_all(keys.as_bytes())
            .and_then(|()| self.session.flush())
            .unwrap_or_else(|e| panic!("cannot press {keys:?}: {e}\n{}", self.dump()));
    }

    /// Waits for `prompt`, then types `text` and Enter.
    #[track_caller]
    fn answer(&mut self, prompt: &str, text: &str) {
        self.expect(prompt);
        self.press(&format!("{text}{ENTER}"));
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

    /// Waits for the program to end with status 0, the cursor left visible.
    #[track_caller]
    fn exits_cleanly(&mut self) {
        self.exits_with(0);
    }

    /// Waits for the program to end with `code`, the cursor left visible (shown
    /// after the last time it was hidden, if it ever was).
    #[track_caller]
    fn exits_with(&mut self, code: i32) {
        let pid = self.session.get_process().pid();
        let status = self.wait();
        assert_eq!(
            status,
            WaitStatus::Exited(pid, code),
            "quiz should exit with status {code}\n{}",
            self.dump()
        );
        let shown = rfind(&self.transcript, SHOW_CURSOR.as_bytes());
        let hidden = rfind(&self.transcript, HIDE_CURSOR.as_bytes());
        assert!(
            hidden.is_none() || shown > hidden,
            "quiz should leave the cursor visible\n{}",
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

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The stem typed in the tests: a colon, a hash and quotes, all of which YAML
/// would misread unquoted.
const STEM: &str = "Which message carries the chosen suite: \"ServerHello\" or #2?";

/// Answers the prompts from the stem to the tags, including ids and a repeated
/// choice that the check rules refuse (and are then fixed). `taken` is an id the
/// file already has.
#[track_caller]
fn write_the_question(author: &mut Author, taken: Option<&str>) {
    const ID: &str = "Id [which-message-carries-the-chosen-suite]: ";
    author.answer("Question: ", STEM);
    // Ids that `quiz check` would refuse are refused in its words; then the
    // proposed one is taken.
    author.answer(ID, "has space");
    author.expect("error: id `has space` has ' ': use only letters, digits, `.`, `_` and `-`");
    if let Some(taken) = taken {
        author.answer(ID, taken);
        author.expect(&format!("error: id `{taken}` is already used at "));
        author.expect("bank.yaml:");
    }
    author.answer(ID, "");
    author.answer("Choice A: ", "ClientHello");
    author.answer("Choice B: ", "ServerHello");
    author.answer("Choice C (empty ends): ", "ClientHello");
    author.expect("error: choice C repeats choice A: \"ClientHello\"");
    author.answer("Choice C (empty ends): ", "- Finished");
    author.answer("Choice D (empty ends): ", "");

    author.expect("Which are correct? Space ticks, Enter confirms");
    author.expect("> [ ] A) ClientHello");
    author.press(ENTER);
    author.expect("error: `answer` is empty");
    author.expect("> [ ] A) ClientHello");
    author.press(DOWN);
    author.expect("> [ ] B) ServerHello");
    author.press(SPACE);
    author.expect("> [x] B) ServerHello");
    author.press(ENTER);

    author.answer("Explanation (optional): ", "The server picks one suite:");
    author.answer(
        "Explanation, line 2 (empty ends): ",
        "the one in ServerHello.",
    );
    author.answer("Explanation, line 3 (empty ends): ", "");
    author.answer(
        "Reference: an RFC number or a URL (empty ends): ",
        "RFC 5246",
    );
    author.answer("Section of RFC 5246 (optional): ", "7.4.1.3");
    author.answer("Title (optional): ", "Server Hello");
    author.answer(
        "Reference: an RFC number or a URL (empty ends): ",
        "ftp://example.com",
    );
    author.expect("error: `url` must be an http:// or https:// address");
    author.answer(
        "Reference: an RFC number or a URL (empty ends): ",
        "https://example.com/tls#suite",
    );
    author.answer("Title (optional): ", "");
    author.answer("Reference: an RFC number or a URL (empty ends): ", "");
    author.answer("Tags, comma-separated (optional): ", "tls, handshake, tls");
}

/// The question as `write_the_question` typed it, read back from `bytes`.
#[track_caller]
fn assert_has_the_question(bytes: &[u8]) {
    let mut diags = Vec::new();
    let bank = read_bank("bank.yaml", bytes, &mut diags)
        .unwrap_or_else(|| panic!("the bank does not load: {diags:?}"));
    assert!(diags.is_empty(), "{diags:?}");
    let q = bank.questions.last().expect("a question");
    assert_eq!(q.id.value, "which-message-carries-the-chosen-suite");
    assert_eq!(q.question.value, STEM);
    let choices: Vec<&str> = q
        .choices
        .value
        .iter()
        .map(|c| c.text.value.as_str())
        .collect();
    assert_eq!(choices, ["ClientHello", "ServerHello", "- Finished"]);
    assert_eq!(q.correct(), [1]);
    assert_eq!(
        q.explanation.as_ref().map(|e| e.value.as_str()),
        Some("The server picks one suite:\nthe one in ServerHello.\n")
    );
    let references: Vec<(String, String)> =
        q.references.iter().map(|r| (r.label(), r.link())).collect();
    assert_eq!(
        references,
        [
            (
                "RFC 5246 §7.4.1.3".to_owned(),
                "https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3".to_owned()
            ),
            (
                "https://example.com/tls#suite".to_owned(),
                "https://example.com/tls#suite".to_owned()
            ),
        ]
    );
    assert!(matches!(q.references[0].target, Target::Rfc { .. }));
    let tags: Vec<&str> = q.tags.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(tags, ["tls", "handshake"]);
}

#[test]
fn every_prompt_answered_appends_the_question_and_keeps_the_file() {
    let dir = temp_dir();
    let path = dir.path().join("bank.yaml");
    let old = fixture();
    std::fs::write(&path, &old).expect("copy the fixture");

    let mut author = Author::start(Some(&path));
    author.expect("New question for ");
    write_the_question(&mut author, Some("record-alert"));
    // The question as it will be written, then the choice to write it.
    author.expect("- id: which-message-carries-the-chosen-suite");
    author
        .expect("question: \"Which message carries the chosen suite: \\\"ServerHello\\\" or #2?\"");
    author.expect("> Append it to ");
    author.press(ENTER);
    author.exits_cleanly();

    let new = read(&path);
    assert!(
        new.starts_with(&old),
        "the old bytes changed:\n{}",
        String::from_utf8_lossy(&new)
    );
    let added = String::from_utf8_lossy(&new[old.len()..]).into_owned();
    // The fixture has no final newline and blank lines between its items.
    assert!(
        added.starts_with("\n\n  - id: which-message-carries-the-chosen-suite\n"),
        "{added}"
    );
    assert_has_the_question(&new);
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list the folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(files, ["bank.yaml"], "a temporary file was left behind");
}

#[test]
fn a_missing_file_is_created_with_the_title_asked_for() {
    let dir = temp_dir();
    let path = dir.path().join("fresh.yaml");
    let mut author = Author::start(Some(&path));
    author.expect("(a new file)");
    author.answer("Title of the new bank [fresh]: ", "TLS: the basics");
    write_the_question(&mut author, None);
    author.expect("> Append it to ");
    author.press(ENTER);
    author.exits_cleanly();

    let new = read(&path);
    let text = String::from_utf8_lossy(&new);
    assert!(
        text.starts_with("title: \"TLS: the basics\"\nquestions:\n  - id: which-message"),
        "{text}"
    );
    assert_has_the_question(&new);
}

#[test]
fn without_a_file_the_question_goes_to_standard_output() {
    let mut author = Author::start(None);
    author.expect("its YAML goes to standard output");
    write_the_question(&mut author, None);
    author.expect("> Print it");
    author.press(ENTER);
    author.expect("- id: which-message-carries-the-chosen-suite");
    author.expect("tags: [tls, handshake]");
    author.exits_cleanly();
}

#[test]
fn a_field_can_be_edited_before_saving() {
    let dir = temp_dir();
    let path = dir.path().join("bank.yaml");
    std::fs::write(&path, fixture()).expect("copy the fixture");
    let mut author = Author::start(Some(&path));
    write_the_question(&mut author, Some("tls13-messages"));
    author.expect("> Append it to ");
    author.press(DOWN);
    author.expect("> Edit a field");
    author.press(ENTER);
    author.expect("> Question");
    for field in [
        "Id",
        "Choices",
        "Correct answers",
        "Explanation",
        "References",
        "Tags",
    ] {
        author.press(DOWN);
        author.expect(&format!("> {field}"));
    }
    author.press(ENTER);
    // The tags so far are there to edit: add one.
    author.answer("Tags, comma-separated (optional): ", ", tls13");
    author.expect("tags: [tls, handshake, tls13]");
    author.expect("> Append it to ");
    author.press(ENTER);
    author.exits_cleanly();
    let text = String::from_utf8_lossy(&read(&path)).into_owned();
    assert!(
        text.ends_with("    tags: [tls, handshake, tls13]\n"),
        "{text}"
    );
}

/// Presses `key` at the first text prompt, or at the checklist of correct
/// choices: quiz says it cancelled, exits with status 1 with the cursor shown, and
/// the file is as it was.
#[track_caller]
fn cancelled_leaves_the_file_as_it_was(at_the_checklist: bool, key: &str) {
    let dir = temp_dir();
    let path = dir.path().join("bank.yaml");
    let old = fixture();
    std::fs::write(&path, &old).expect("copy the fixture");
    let mut author = Author::start(Some(&path));
    if at_the_checklist {
        author.answer("Question: ", "Which?");
        author.answer("Id [which]: ", "");
        author.answer("Choice A: ", "a");
        author.answer("Choice B: ", "b");
        author.answer("Choice C (empty ends): ", "");
        author.expect("> [ ] A) a");
    } else {
        author.expect("Question: ");
    }
    author.press(key);
    author.expect("cancelled; nothing was written");
    author.exits_with(1);
    assert_eq!(read(&path), old);
}

#[test]
fn ctrl_c_at_a_text_prompt_cancels_and_writes_nothing() {
    cancelled_leaves_the_file_as_it_was(false, CTRL_C);
}

#[test]
fn ctrl_c_at_the_checklist_cancels_and_writes_nothing() {
    cancelled_leaves_the_file_as_it_was(true, CTRL_C);
}

#[test]
fn esc_at_the_checklist_cancels_and_writes_nothing() {
    cancelled_leaves_the_file_as_it_was(true, ESC);
}

#[test]
fn a_file_with_a_flow_list_is_refused_before_any_question() {
    let dir = temp_dir();
    let path = dir.path().join("flow.yaml");
    let old = "questions: [{id: a, question: q, choices: [x, y], answer: A}]\n";
    std::fs::write(&path, old).expect("write the bank");
    let mut author = Author::start(Some(&path));
    author.expect("`questions` is a flow list");
    author.exits_with(2);
    assert!(
        find(&author.transcript, b"Question: ").is_none(),
        "{}",
        author.dump()
    );
    assert_eq!(read(&path), old.as_bytes());
}
