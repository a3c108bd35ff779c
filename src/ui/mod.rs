//! The terminal front ends, behind one trait: [`TerminalFront`] (dialoguer prompts,
//! for a person at a terminal) and [`LineFront`] (one line of input per question,
//! for pipes, scripts and tests). Both drive the same [`Session`].

mod line;
mod terminal;
mod text;

pub use line::{LineFront, parse_letters};
pub use terminal::TerminalFront;

use crate::quiz::{Asked, Outcome, Session, Summary};
use std::io;

/// What the candidate did with a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// Indices of the choices picked, as shown.
    Answer(Vec<usize>),
    Skip,
    /// End the quiz now (end of input, Esc, Ctrl-C); the summary still comes.
    Quit,
}

pub trait Front {
    /// Puts a question; `score` is (points, questions answered) so far.
    fn ask(&mut self, asked: &Asked, score: (f64, usize)) -> io::Result<Reply>;
    /// Shows whether the answer was right, and why.
    fn feedback(&mut self, asked: &Asked, outcome: &Outcome) -> io::Result<()>;
    /// Shows the summary at the end.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// Runs a session to its end (or until the candidate quits) through `front`.
pub fn drive(mut session: Session<'_>, front: &mut dyn Front) -> io::Result<Summary> {
    while let Some(asked) = session.next() {
        let outcome = match front.ask(&asked, session.score())? {
            Reply::Answer(picked) => session.answer(&picked),
            Reply::Skip => session.skip(),
            Reply::Quit => break,
        };
        if let Some(outcome) = outcome {
            front.feedback(&asked, &outcome)?;
        }
    }
    let summary = session.finish();
    front.finish(&summary)?;
    Ok(summary)
}
