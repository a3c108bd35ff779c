//! The sentences and labels a front shows around a question: the header, the
//! notices, how a review row stands, points and letters and times.

use super::{Text, Tone};
use crate::flow::{Flow, Notice, Status};
use crate::quiz::clock::format_left;
use crate::quiz::{Answering, Kind, Mode, Refusal, Session};
use std::time::{Duration, SystemTime};

pub use crate::bank::letter;
pub use crate::report::points;

/// `A, C` for the choices shown first and third; `nothing` for none.
pub fn letters(shown: &[usize]) -> String {
    if shown.is_empty() {
        return "nothing".to_owned();
    }
    shown
        .iter()
        .map(|&i| letter(i).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A time left as a clock shows it: `4:07`, `1:05:09` (rounded up: with 0.4 s
/// left, the clock still says 0:01).
pub fn clock(time: Duration) -> String {
    format_left(time)
}

/// A time used, in the same form, in whole seconds gone by.
pub fn elapsed(time: Duration) -> String {
    format_left(Duration::from_secs(time.as_secs()))
}

/// How the time limit ended an exam, wherever it is said.
pub const TIME_UP: &str = "Time is up: the exam was submitted with the answers given before 0:00.";

/// Where in the quiz a front is, for the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Question(usize),
    Review,
    Results,
    /// A question's feedback opened from the results.
    Opened(usize),
}

/// The header: the title and the mode, then where the candidate is and how it goes.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub title: Text,
    /// `practice`, `exam · pass mark 70%`, `exam · pass at 750 on 100–900`.
    pub mode: String,
    /// `Question 3 of 20`, `Review`, `Results`.
    pub place: String,
    /// Most important first, so that a narrow front drops from the end: the
    /// clock is the last thing it may drop.
    pub parts: Vec<Part>,
}

/// One piece of the header's news: `⏱ 12:30 left`, `3/20 answered`, `⚑ 2 flagged`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// A mark for fronts that show symbols; the words say it all without it.
    pub symbol: Option<&'static str>,
    pub words: String,
    pub tone: Tone,
}

impl Part {
    fn new(symbol: Option<&'static str>, words: String, tone: Tone) -> Part {
        Part {
            symbol,
            words,
            tone,
        }
    }

    /// With its symbol, if it has one.
    pub fn shown(&self) -> String {
        match self.symbol {
            Some(symbol) => format!("{symbol} {}", self.words),
            None => self.words.clone(),
        }
    }
}

impl Header {
    /// The place and the parts on one line, in words: `Question 3 of 20 ·
    /// 12:30 left · 2/20 answered`.
    pub fn line(&self) -> String {
        std::iter::once(self.place.clone())
            .chain(self.parts.iter().map(|p| p.words.clone()))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// The header at `now`, at `place`.
pub fn header(
    session: &Session,
    flow: &Flow,
    title: &Text,
    place: Place,
    now: SystemTime,
) -> Header {
    let n = session.len();
    let mode = match flow.mode() {
        Mode::Practice => "practice".to_owned(),
        Mode::Exam => match session.scale() {
            Some(scale) => format!("exam · {}", scale.pass_at()),
            None => format!("exam · pass mark {}%", points(session.pass_mark())),
        },
    };
    let place_words = match place {
        Place::Question(i) => format!("Question {} of {n}", i + 1),
        Place::Opened(i) => format!("Question {} of {n} · results", i + 1),
        Place::Review => "Review".to_owned(),
        Place::Results => "Results".to_owned(),
    };
    let mut parts = Vec::new();
    match flow.mode() {
        Mode::Practice => {
            let (got, asked) = flow.score(session);
            parts.push(Part::new(
                None,
                format!("score {}/{asked}", points(got)),
                Tone::Plain,
            ));
        }
        Mode::Exam if !flow.submitted() => {
            if let Some(left) = flow.time_left(now) {
                let tenth = flow.limit().map_or(Duration::ZERO, |l| l / 10);
                let tone = if left <= Duration::from_secs(60) {
                    Tone::Bad
                } else if left <= tenth {
                    Tone::Warn
                } else {
                    Tone::Plain
                };
                parts.push(Part::new(Some("⏱"), format!("{} left", clock(left)), tone));
            }
            parts.push(Part::new(
                None,
                format!("{}/{n} answered", flow.answered_count()),
                Tone::Plain,
            ));
        }
        Mode::Exam => parts.push(Part::new(None, "submitted".to_owned(), Tone::Plain)),
    }
    let flagged = flow.flagged_count();
    if flagged > 0 {
        parts.push(Part::new(
            Some("⚑"),
            format!("{flagged} flagged"),
            Tone::Plain,
        ));
    }
    if let Place::Question(i) = place
        && flow.flagged(i)
    {
        parts.push(Part::new(
            Some("⚑"),
            "this one flagged".to_owned(),
            Tone::Plain,
        ));
    }
    Header {
        title: title.clone(),
        mode,
        place: place_words,
        parts,
    }
}

/// What an exam is, under its title: `Exam · 40 questions · 1:00:00 · pass
/// mark 75%`, or `pass at 750 on 100–900` on a scale.
pub fn exam_line(session: &Session, time_limit: Option<Duration>) -> String {
    let n = session.len();
    let mut line = format!(
        "{} · {}",
        match session.mode() {
            Mode::Practice => "Practice",
            Mode::Exam => "Exam",
        },
        crate::words::plural(n, "question")
    );
    if session.mode() == Mode::Exam {
        if let Some(limit) = time_limit {
            line.push_str(&format!(" · {}", clock(limit)));
        }
        match session.scale() {
            Some(scale) => line.push_str(&format!(" · {}", scale.pass_at())),
            None => line.push_str(&format!(" · pass mark {}%", points(session.pass_mark()))),
        }
    }
    line
}

/// How a front lets the candidate do what a notice advises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wording {
    /// The key that skips a question, as the front names it.
    pub skip: &'static str,
    /// Answers are typed as letters (the line front), not picked with keys.
    pub typed: bool,
}

/// A notice in words, short enough for one line of a 60-column screen.
pub fn notice(notice: &Notice, wording: Wording) -> String {
    match *notice {
        Notice::NothingPicked(kind) => {
            let first = match kind.answering() {
                Answering::Pairs => "Match a premise first",
                Answering::Number | Answering::Text if wording.typed => "Type an answer",
                Answering::Number | Answering::Text => "Type an answer first",
                _ => "Pick a choice first",
            };
            format!("{first}, or press {} to skip.", wording.skip)
        }
        Notice::Refused(Refusal::NotAChoice { picked, choices }) => format!(
            "{} is not a choice here: the choices are A to {}.",
            letter(picked),
            letter(choices.saturating_sub(1))
        ),
        Notice::Refused(Refusal::OneAnswer) if wording.typed => {
            "This question has one answer: type one letter.".to_owned()
        }
        Notice::Refused(Refusal::OneAnswer) => "This question has one answer.".to_owned(),
        Notice::Refused(Refusal::TooMany { allowed }) if wording.typed => {
            format!("This question asks for {allowed}: type at most {allowed} letters.")
        }
        Notice::Refused(Refusal::TooMany { allowed }) => {
            format!("This question asks for {allowed}: untick one first.")
        }
        Notice::Refused(Refusal::NotAnOrder { items }) => format!(
            "Give each letter A to {} once, in the order you want.",
            letter(items.saturating_sub(1))
        ),
        Notice::Refused(Refusal::NotAResponse { picked, responses }) => format!(
            "{} is not a response here: they are A to {}.",
            letter(picked),
            letter(responses.saturating_sub(1))
        ),
        Notice::Refused(Refusal::PairCount { premises }) => {
            format!("Type {premises} letters, one for each premise in turn.")
        }
        Notice::Refused(Refusal::NotANumber) => "Type a number, such as 16384 or -1.5.".to_owned(),
        Notice::Refused(Refusal::NotHere) => "That does not apply to this question.".to_owned(),
        Notice::FirstQuestion => "This is the first question.".to_owned(),
        Notice::NoSuchQuestion { questions } => {
            format!("Type a question number from 1 to {questions}.")
        }
        Notice::Flagged { number, flagged } => format!(
            "Question {number} {}.",
            if flagged { "flagged" } else { "unflagged" }
        ),
    }
}

/// How a question of `kind` stands in the review: a mark, its words and tone.
pub fn status(status: Status, kind: Kind) -> (&'static str, String, Tone) {
    match status {
        Status::Answered => ("✓", "answered".to_owned(), Tone::Good),
        Status::Incomplete { done, of } => {
            let what = if kind.answering() == Answering::Pairs {
                "matched"
            } else {
                "picked"
            };
            ("◐", format!("{done} of {of} {what}"), Tone::Warn)
        }
        Status::Unanswered => ("○", "unanswered".to_owned(), Tone::Warn),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::Refusal;

    #[test]
    fn every_notice_fits_a_60_column_screen() {
        let wordings = [
            Wording {
                skip: "→",
                typed: false,
            },
            Wording {
                skip: "Enter",
                typed: true,
            },
        ];
        let notices = [
            Notice::NothingPicked(Kind::Choice),
            Notice::NothingPicked(Kind::Match),
            Notice::NothingPicked(Kind::Number),
            Notice::Refused(Refusal::NotAnOrder { items: 26 }),
            Notice::Refused(Refusal::NotAResponse {
                picked: 25,
                responses: 26,
            }),
            Notice::Refused(Refusal::PairCount { premises: 26 }),
            Notice::Refused(Refusal::NotANumber),
            Notice::Refused(Refusal::NotHere),
            Notice::Refused(Refusal::NotAChoice {
                picked: 25,
                choices: 26,
            }),
            Notice::Refused(Refusal::OneAnswer),
            Notice::Refused(Refusal::TooMany { allowed: 12 }),
            Notice::FirstQuestion,
            Notice::NoSuchQuestion { questions: 999 },
            Notice::Flagged {
                number: 999,
                flagged: false,
            },
        ];
        for wording in wordings {
            for n in &notices {
                let text = notice(n, wording);
                assert!(text.chars().count() <= 58, "{text:?}");
            }
        }
    }
}
