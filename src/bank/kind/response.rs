//! What a candidate gives in answer to a question: a [`Response`] whose shape
//! the question's kind defines, the [`Edit`]s that change it, why an edit is
//! refused, how far it has got, and an open question's own mark. The flow
//! carries these as data; each kind says what they mean for it.

use serde::{Deserialize, Serialize};

/// A response, as shown: positions are those on screen (after shuffling).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// Choice: the choices picked, sorted; none is a blank answer.
    Picks(Vec<usize>),
    /// Order: the items as arranged, first to last, each by the position it was
    /// shown at (its letter); empty while the shown order is untouched.
    Sequence(Vec<usize>),
    /// Match: for each premise in turn, the response put beside it, if any.
    Pairs(Vec<Option<usize>>),
    /// Number: the value as typed.
    Number(String),
    /// Text: the answer as typed.
    Text(String),
    /// Open: the attempt as typed (it may be empty), and the candidate's own
    /// mark once the model answer was shown.
    Open {
        attempt: String,
        mark: Option<SelfMark>,
    },
}

/// How a kind is answered: the shape of its [`Response`], whatever the kind.
/// Fronts lay a question out and read its answer by this, so a new kind
/// answered in a shape they know asks nothing new of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answering {
    /// Choices picked: [`Response::Picks`].
    Picks,
    /// Items arranged: [`Response::Sequence`].
    Sequence,
    /// A response beside each premise: [`Response::Pairs`].
    Pairs,
    /// A number typed: [`Response::Number`].
    Number,
    /// A text typed: [`Response::Text`].
    Text,
    /// An attempt, then the candidate's own mark against a model answer
    /// ([`Response::Open`]): never scored.
    SelfMarked,
}

impl Default for Response {
    fn default() -> Self {
        Response::Picks(Vec::new())
    }
}

impl Response {
    /// Nothing given.
    pub fn is_blank(&self) -> bool {
        match self {
            Response::Picks(v) | Response::Sequence(v) => v.is_empty(),
            Response::Pairs(v) => v.iter().all(Option::is_none),
            Response::Number(s) | Response::Text(s) => s.trim().is_empty(),
            Response::Open { attempt, mark } => attempt.trim().is_empty() && mark.is_none(),
        }
    }

    /// The choices picked, as shown: empty for a response of another shape.
    pub fn picks(&self) -> &[usize] {
        match self {
            Response::Picks(picks) => picks,
            _ => &[],
        }
    }

    /// The text typed (a number, a text answer, an open attempt), if the
    /// response is typed.
    pub fn typed(&self) -> Option<&str> {
        match self {
            Response::Number(s) | Response::Text(s) => Some(s),
            Response::Open { attempt, .. } => Some(attempt),
            _ => None,
        }
    }
}

/// An open question's mark, given by the candidate against the model answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SelfMark {
    Right,
    Partly,
    Wrong,
}

impl SelfMark {
    pub const ALL: [SelfMark; 3] = [SelfMark::Right, SelfMark::Partly, SelfMark::Wrong];

    /// What it is worth for review: as much as a right, partly right or wrong answer.
    pub fn points(self) -> f64 {
        match self {
            SelfMark::Right => 1.0,
            SelfMark::Partly => 0.5,
            SelfMark::Wrong => 0.0,
        }
    }

    /// `right`, `partly`, `wrong`: in the history and the reports.
    pub fn name(self) -> &'static str {
        match self {
            SelfMark::Right => "right",
            SelfMark::Partly => "partly",
            SelfMark::Wrong => "wrong",
        }
    }

    pub fn from_name(name: &str) -> Option<SelfMark> {
        SelfMark::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// A change to a response, as a front asks for it. Each kind takes the edits
/// of its shape, and refuses the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Choice: pick the choice shown at this position. With one answer it
    /// replaces the pick (in an exam, picking it again clears it); with several
    /// it ticks or unticks.
    Pick(usize),
    /// Order: move the item at place `from` of the arrangement to place `to`.
    Move { from: usize, to: usize },
    /// Match: put response `response` (as shown) beside premise `premise`, or
    /// clear its slot.
    Fill {
        premise: usize,
        response: Option<usize>,
    },
    /// The whole response at once, as the line front reads it from a line.
    Set(Response),
    /// A number, a text answer or an open attempt as it stands after a key:
    /// taken as it is, and read only when answered.
    Type(String),
    /// Open: the candidate's own mark on question `index`, once the model
    /// answer is shown (practice: after the attempt; exam: once submitted).
    Mark { index: usize, mark: SelfMark },
}

/// Why an edit was refused: the response stays as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// A letter past the last choice.
    NotAChoice { picked: usize, choices: usize },
    /// Several picks where the question has one answer.
    OneAnswer,
    /// More picks than "(Choose N)" allows.
    TooMany { allowed: usize },
    /// An order that does not name each of its `items` once.
    NotAnOrder { items: usize },
    /// A letter past the last response of a match.
    NotAResponse { picked: usize, responses: usize },
    /// A match answered with another number of letters than it has premises.
    PairCount { premises: usize },
    /// A number that does not read as one.
    NotANumber,
    /// An edit of another kind's shape, or at a time it does not apply.
    NotHere,
}

/// How far a response has got, for the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Blank,
    /// Answered, but not completely: "(Choose 3)" with 2 picked, a match with
    /// a premise left empty.
    Partial {
        done: usize,
        of: usize,
    },
    Complete,
}
