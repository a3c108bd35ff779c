//! The line front: its lines turned into actions, and what it prints of them.

use super::*;
use crate::flow::{Kept, NoRecorder};
use crate::paint::Paint;
use crate::quiz::{FakeClock, Options};
use std::io::{BufRead, Cursor, Read};
use std::time::SystemTime;

/// Input from a candidate who thinks for `per_line` before each answer.
struct Thinking<'c> {
    lines: Cursor<String>,
    clock: &'c FakeClock,
    per_line: Duration,
}

impl Read for Thinking<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.lines.read(buf)
    }
}

impl BufRead for Thinking<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.lines.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.lines.consume(n);
    }
    fn read_line(&mut self, buf: &mut String) -> io::Result<usize> {
        self.clock.advance(self.per_line);
        self.lines.read_line(buf)
    }
}

use crate::bank::from_text as banks;

fn three() -> String {
    let mut text = String::from("questions:\n");
    for id in ["one", "two", "three"] {
        text.push_str(&format!(
            "  - id: {id}\n    question: Pick A for {id}\n    choices: [a, b]\n    answer: A\n"
        ));
    }
    text
}

/// Runs `input` through the line front, each line taking `per_line`; returns
/// the summary and what was printed.
fn run(
    text: &str,
    mode: Mode,
    input: &str,
    per_line: Duration,
    limit: Option<Duration>,
    width: Option<usize>,
) -> (crate::quiz::Summary, String) {
    let banks = banks(text);
    let options = Options {
        mode,
        pass_mark: 50.0,
        ..Options::default()
    };
    let session = Session::new(&banks, options).expect("session");
    let clock = FakeClock::new(SystemTime::UNIX_EPOCH);
    let (mut flow, _) = Flow::start(&session, limit, Kept::default(), clock.now());
    let input = Thinking {
        lines: Cursor::new(input.to_owned()),
        clock: &clock,
        per_line,
    };
    let mut out = Vec::new();
    let front = LineFront::new(input, &mut out, Paint::PLAIN, true);
    let mut front = match width {
        Some(width) => front.wrap_at(width),
        None => front,
    };
    let cx = Context {
        clock: &clock,
        time_limit: limit,
        recorder: &mut NoRecorder,
        notes: &[],
        title: "T",
    };
    drive(&session, &mut flow, &mut front, cx).expect("drive");
    let summary = flow.summary(&session);
    (summary, String::from_utf8_lossy(&out).into_owned())
}

const MINUTE: Duration = Duration::from_secs(60);

fn exam(input: &str, per_line: Duration, limit: Duration) -> (crate::quiz::Summary, String) {
    run(&three(), Mode::Exam, input, per_line, Some(limit), None)
}

#[test]
fn an_exam_within_its_time_counts_every_answer() {
    let (summary, out) = exam("A\nA\nB\n", MINUTE, 10 * MINUTE);
    assert!(!summary.time_up);
    assert_eq!(summary.points(), 2.0);
    assert_eq!(summary.passed(), Some(true));
    // No feedback while the exam runs: verdicts come only after submitting.
    let running = &out[..out.find("Summary").expect("summary")];
    assert!(!running.contains('✓') && !running.contains('✗'), "{out}");
    assert!(
        out.contains("Question 1 of 3 · 10:00 left · 0/3 answered"),
        "{out}"
    );
    assert!(
        out.contains("Question 3 of 3 · 8:00 left · 2/3 answered"),
        "{out}"
    );
    assert!(out.contains("Time used: 3:00"), "{out}");
}

#[test]
fn an_answer_after_the_limit_does_not_count_and_ends_the_exam() {
    // Answers come at 1, 2 and 3 minutes; the limit is 2.5 minutes.
    let (summary, out) = exam("A\nA\nA\n", MINUTE, MINUTE * 5 / 2);
    assert!(summary.time_up, "{out}");
    assert!(out.contains(present::words::TIME_UP), "{out}");
    assert_eq!(
        summary.records.len(),
        3,
        "unanswered questions are in the result"
    );
    assert_eq!(summary.points(), 2.0, "{out}");
    assert!(summary.records[2].given.is_empty());
    assert_eq!(summary.passed(), Some(true));
}

#[test]
fn no_prompt_after_the_limit() {
    // The first answer already comes after the limit: nothing else is asked.
    let (summary, out) = exam("A\nA\nA\n", 2 * MINUTE, MINUTE);
    assert!(summary.time_up);
    assert!(!out.contains("Question 2 of 3"), "{out}");
    assert_eq!(summary.points(), 0.0);
    assert_eq!(summary.passed(), Some(false));
}

const CHOOSE_TWO: &str = "questions:
  - id: two
    question: Which two are TLS 1.3 handshake messages, of the four listed below?
    choices:
      - EncryptedExtensions, which the server sends right after its ServerHello
      - ServerKeyExchange
      - CertificateVerify
      - ChangeCipherSpec
    answer: [A, C]
";

#[test]
fn three_letters_for_choose_two_are_refused_with_a_word_and_asked_again() {
    let (summary, out) = run(CHOOSE_TWO, Mode::Practice, "ABC\nAC\n", MINUTE, None, None);
    assert!(
        out.contains("Answer: ABC\nThis question asks for 2: type at most 2 letters.\nAnswer: AC\n✓ Correct: A, C."),
        "{out}"
    );
    assert_eq!(summary.points(), 1.0);
    // Fewer is an answer, and scores as one.
    let (summary, _) = run(CHOOSE_TWO, Mode::Practice, "A\n", MINUTE, None, None);
    assert_eq!((summary.records.len(), summary.points()), (1, 0.0));
}

#[test]
fn at_a_terminal_the_stem_and_choices_wrap_between_words() {
    let (_, out) = run(CHOOSE_TWO, Mode::Practice, "", MINUTE, None, Some(40));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.iter().all(|l| l.chars().count() <= 40), "{out}");
    // The hint stays whole, and a choice hangs under its own text.
    assert!(out.contains("(Choose 2)"), "{out}");
    assert!(
        out.contains("  A) EncryptedExtensions, which the\n     server sends right after its\n     ServerHello\n"),
        "{out}"
    );
}
