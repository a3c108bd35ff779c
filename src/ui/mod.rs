//! The line front and the loop that drives it: [`LineFront`] (one line of input
//! per question, for pipes, scripts, screen readers and `--plain`) behind the
//! [`Front`] trait, driven by [`drive`], which runs a [`Session`] in practice or
//! exam mode. A person at a terminal gets the full screen instead
//! ([`crate::screen`]); the [`Recorder`] serves both.

pub mod author;
mod interrupt;
mod line;
pub(crate) mod text;

pub use interrupt::Interruptible;
pub use line::{LineFront, parse_letters};

use crate::quiz::{Asked, Clock, Mode, Outcome, Session, Status, Summary};
use std::io;
use std::time::{Duration, SystemTime};

/// What the candidate did with a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Indices of the choices picked, as shown.
    Answer(Vec<usize>),
    Skip,
    /// Exam: flag for review, with whatever was picked (possibly nothing).
    Flag(Vec<usize>),
    /// End the quiz now (end of input, Esc, Ctrl-C); the summary still comes.
    Quit,
}

/// What a front shows around a question.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub mode: Mode,
    /// Practice: points and questions answered so far.
    pub score: (f64, usize),
    /// Exam: questions answered so far.
    pub answered: usize,
    pub time_left: Option<Duration>,
    /// Exam, when revisiting: the answer given before.
    pub previous: Option<Vec<usize>>,
    pub flagged: bool,
}

/// One line of the exam's review screen.
#[derive(Debug, Clone)]
pub struct ReviewRow {
    pub number: usize,
    pub status: Status,
    pub stem: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewChoice {
    Revisit(usize),
    Submit,
}

pub trait Front {
    /// The header of an exam that has a title (a blueprint's), before its first
    /// question: the title, then a line such as `40 questions · 1:00:00 · pass
    /// mark 75%`.
    fn header(&mut self, _title: &str, _line: &str) -> io::Result<()> {
        Ok(())
    }
    /// Puts a question.
    fn ask(&mut self, asked: &Asked, progress: &Progress) -> io::Result<Reply>;
    /// Practice: whether the answer was right, and why. `note` is a remark such
    /// as "this question changed since you last answered it".
    fn feedback(&mut self, asked: &Asked, outcome: &Outcome, note: Option<&str>) -> io::Result<()>;
    /// Exam: the review screen before submitting. A front that cannot go back
    /// submits at once.
    fn review(
        &mut self,
        _rows: &[ReviewRow],
        _time_left: Option<Duration>,
    ) -> io::Result<ReviewChoice> {
        Ok(ReviewChoice::Submit)
    }
    /// A line of news, such as "Time is up".
    fn notice(&mut self, text: &str) -> io::Result<()>;
    /// The summary; for an exam, then every missed question.
    fn finish(&mut self, summary: &Summary, missed: &[(Asked, Outcome)]) -> io::Result<()>;
}

/// Keeps each answer as it is given (the history), and remarks on a question.
pub trait Recorder {
    fn record(&mut self, asked: &Asked, outcome: &Outcome, taken: Duration);
    fn note(&self, _asked: &Asked) -> Option<String> {
        None
    }
    /// Why recording stopped, if it did.
    fn failure(&self) -> Option<String> {
        None
    }
    /// Keeps what a resume needs besides the answers: an exam's time left and
    /// the positions of the flagged questions.
    fn progress(&mut self, _time_left: Option<Duration>, _flagged: &[usize]) {}
    /// The session is complete (everything asked, or the exam submitted).
    fn finished(&mut self) {}
}

/// Records nothing (`--no-history`, tests).
pub struct NoRecorder;

impl Recorder for NoRecorder {
    fn record(&mut self, _: &Asked, _: &Outcome, _: Duration) {}
}

/// What a run needs besides the session and the front.
pub struct Context<'c> {
    pub clock: &'c dyn Clock,
    /// Exam only: the exam ends at the first prompt after it.
    pub time_limit: Option<Duration>,
    pub recorder: &'c mut dyn Recorder,
}

struct Timer<'c> {
    clock: &'c dyn Clock,
    deadline: Option<SystemTime>,
}

impl Timer<'_> {
    fn left(&self) -> Option<Duration> {
        let now = self.clock.now();
        self.deadline
            .map(|d| d.duration_since(now).unwrap_or(Duration::ZERO))
    }

    fn expired(&self) -> bool {
        self.left() == Some(Duration::ZERO)
    }

    fn since(&self, then: SystemTime) -> Duration {
        self.clock.now().duration_since(then).unwrap_or_default()
    }
}

/// Runs a session to its end (or until the candidate quits) through `front`.
pub fn drive(session: Session<'_>, front: &mut dyn Front, cx: Context<'_>) -> io::Result<Summary> {
    if let Some(title) = session.title() {
        front.header(title, &text::header(&session, cx.time_limit))?;
    }
    match session.mode() {
        Mode::Practice => practice(session, front, cx),
        Mode::Exam => exam(session, front, cx),
    }
}

fn practice(
    mut session: Session<'_>,
    front: &mut dyn Front,
    cx: Context<'_>,
) -> io::Result<Summary> {
    let timer = Timer {
        clock: cx.clock,
        deadline: None,
    };
    while let Some(asked) = session.next() {
        let progress = Progress {
            mode: Mode::Practice,
            score: session.score(),
            ..Progress::default()
        };
        let shown_at = cx.clock.now();
        let outcome = match front.ask(&asked, &progress)? {
            Reply::Answer(picked) | Reply::Flag(picked) => session.answer(&picked),
            Reply::Skip => session.skip(),
            Reply::Quit => break,
        };
        if let Some(outcome) = outcome {
            cx.recorder.record(&asked, &outcome, timer.since(shown_at));
            front.feedback(&asked, &outcome, cx.recorder.note(&asked).as_deref())?;
        }
    }
    let summary = session.finish(false);
    front.finish(&summary, &[])?;
    Ok(summary)
}

fn exam(mut session: Session<'_>, front: &mut dyn Front, cx: Context<'_>) -> io::Result<Summary> {
    let timer = Timer {
        clock: cx.clock,
        deadline: cx.time_limit.map(|limit| cx.clock.now() + limit),
    };
    let mut time_up = false;
    let mut quit = false;
    // Ask every question once, in order; then review until submitted.
    for index in 0..session.len() {
        match visit(&mut session, index, front, &timer, cx.recorder)? {
            Visit::Done => {}
            Visit::Quit => {
                quit = true;
                break;
            }
            Visit::TimeUp => {
                time_up = true;
                break;
            }
        }
    }
    while !quit && !time_up {
        if timer.expired() {
            time_up = true;
            break;
        }
        let rows: Vec<ReviewRow> = (0..session.len())
            .filter_map(|i| {
                let asked = session.asked(i)?;
                Some(ReviewRow {
                    number: i + 1,
                    status: session.status(i),
                    stem: asked.question.question.value.trim().to_owned(),
                })
            })
            .collect();
        let choice = front.review(&rows, timer.left())?;
        if timer.expired() {
            time_up = true;
            break;
        }
        match choice {
            ReviewChoice::Submit => break,
            ReviewChoice::Revisit(index) => {
                match visit(&mut session, index, front, &timer, cx.recorder)? {
                    Visit::Done => {}
                    Visit::Quit => quit = true,
                    Visit::TimeUp => time_up = true,
                }
            }
        }
    }
    if time_up {
        front
            .notice("Time is up: the exam is submitted with the answers given before the limit.")?;
    }
    // A question left unanswered at submission scores nothing, and the history
    // says so, so that `--missed` and reviews bring it back.
    for index in 0..session.len() {
        let unanswered = session.given(index).is_none_or(<[usize]>::is_empty);
        if let (true, Some(asked), Some(outcome)) =
            (unanswered, session.asked(index), session.result(index))
        {
            cx.recorder.record(&asked, &outcome, Duration::ZERO);
        }
    }
    let missed: Vec<(Asked, Outcome)> = (0..session.len())
        .filter_map(|i| Some((session.asked(i)?, session.result(i)?)))
        .filter(|(_, outcome)| !outcome.is_right())
        .collect();
    let summary = session.finish(time_up);
    front.finish(&summary, &missed)?;
    Ok(summary)
}

enum Visit {
    Done,
    Quit,
    TimeUp,
}

/// Asks exam question `index` (again); an answer that comes after the limit does not count.
fn visit(
    session: &mut Session<'_>,
    index: usize,
    front: &mut dyn Front,
    timer: &Timer<'_>,
    recorder: &mut dyn Recorder,
) -> io::Result<Visit> {
    let Some(asked) = session.asked(index) else {
        return Ok(Visit::Done);
    };
    if timer.expired() {
        return Ok(Visit::TimeUp);
    }
    let progress = Progress {
        mode: Mode::Exam,
        answered: (0..session.len())
            .filter(|&i| session.given(i).is_some_and(|g| !g.is_empty()))
            .count(),
        time_left: timer.left(),
        previous: session.given(index).map(<[usize]>::to_vec),
        flagged: session.status(index) == Status::Flagged,
        ..Progress::default()
    };
    let shown_at = timer.clock.now();
    let reply = front.ask(&asked, &progress)?;
    if timer.expired() {
        return Ok(Visit::TimeUp);
    }
    let (picked, flag) = match reply {
        Reply::Answer(picked) => (picked, false),
        Reply::Flag(picked) => (picked, true),
        Reply::Skip => (Vec::new(), false),
        Reply::Quit => return Ok(Visit::Quit),
    };
    session.answer_at(index, &picked);
    session.set_flag(index, flag);
    if let (false, Some(outcome)) = (picked.is_empty(), session.outcome(index)) {
        recorder.record(&asked, &outcome, timer.since(shown_at));
    }
    Ok(Visit::Done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::read_bank;
    use crate::paint::Paint;
    use crate::quiz::{FakeClock, Options};
    use std::io::{BufRead, Cursor, Read};

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

    fn banks() -> Vec<crate::bank::Bank> {
        let mut text = String::from("questions:\n");
        for id in ["one", "two", "three"] {
            text.push_str(&format!(
                "  - id: {id}\n    question: Pick A for {id}\n    choices: [a, b]\n    answer: A\n"
            ));
        }
        let mut diags = Vec::new();
        read_bank("t.yaml", text.as_bytes(), &mut diags)
            .into_iter()
            .collect()
    }

    fn exam(input: &str, per_line: Duration, limit: Duration) -> (Summary, String) {
        let banks = banks();
        let options = Options {
            mode: Mode::Exam,
            pass_mark: 50.0,
            ..Options::default()
        };
        let session = Session::new(&banks, options).expect("session");
        let clock = FakeClock::new(SystemTime::UNIX_EPOCH);
        let input = Thinking {
            lines: Cursor::new(input.to_owned()),
            clock: &clock,
            per_line,
        };
        let mut out = Vec::new();
        let mut front = LineFront::new(input, &mut out, Paint::PLAIN, true);
        let cx = Context {
            clock: &clock,
            time_limit: Some(limit),
            recorder: &mut NoRecorder,
        };
        let summary = drive(session, &mut front, cx).expect("drive");
        (summary, String::from_utf8_lossy(&out).into_owned())
    }

    const MINUTE: Duration = Duration::from_secs(60);

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
            out.contains("Question 1 of 3 · 0 answered · 10:00 left"),
            "{out}"
        );
        assert!(
            out.contains("Question 3 of 3 · 2 answered · 8:00 left"),
            "{out}"
        );
    }

    #[test]
    fn an_answer_after_the_limit_does_not_count_and_ends_the_exam() {
        // Answers come at 1, 2 and 3 minutes; the limit is 2.5 minutes.
        let (summary, out) = exam("A\nA\nA\n", MINUTE, MINUTE * 5 / 2);
        assert!(summary.time_up, "{out}");
        assert!(out.contains("Time is up"), "{out}");
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
}
