//! What the screen remembers: the session and its [`Flow`] (which hold every
//! answer, flag and the clock), and what is the screen's alone: the highlighted
//! row of each question (a choice, an order's item, a match's premise), the
//! cursor of a typed answer's line and whether it has the keys, scrolling, the
//! window's size, the review's filter and row, the results' row, a dialog, the
//! key list, a line of news.
//! [`super::update`] changes it; [`super::view`] draws it and changes nothing.
//! Nothing drawn is kept here.

use super::keymap::{self, Shape};
use super::layout;
use super::theme::Theme;
use crate::flow::{Flow, Phase};
use crate::present::{Place, Text};
use crate::quiz::{Answering, Kind, Mode, Session};
use std::time::SystemTime;
use tui_input::Input;

/// What is being typed in the line above the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typing {
    /// The question number after `#`.
    GoTo(String),
    /// An order's letters, first to last.
    Order(String),
}

impl Typing {
    pub fn text(&self) -> &str {
        match self {
            Typing::GoTo(t) | Typing::Order(t) => t,
        }
    }

    pub fn text_mut(&mut self) -> &mut String {
        match self {
            Typing::GoTo(t) | Typing::Order(t) => t,
        }
    }
}

/// Which screen is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// A question being answered.
    Question,
    /// Practice: the same question, turned into its feedback.
    Feedback,
    /// Exam: every question with its two marks, before submitting.
    Review,
    /// Exam: a question asked over the review screen.
    Confirm(Confirm),
    /// Exam, submitted: the score, the breakdown, every question.
    Results,
    /// Exam, submitted: the feedback of question n (0-based), opened from the results.
    Opened(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Submit the exam?
    Submit,
    /// Leave without submitting (to resume later)?
    Leave,
}

/// Which questions the review screen lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Flagged,
    Unanswered,
}

impl Filter {
    pub fn next(self) -> Filter {
        match self {
            Filter::All => Filter::Flagged,
            Filter::Flagged => Filter::Unanswered,
            Filter::Unanswered => Filter::All,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Filter::All => "all questions",
            Filter::Flagged => "flagged only",
            Filter::Unanswered => "unanswered only",
        }
    }
}

/// How the candidate left the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The end of the quiz, or quitting after it (exit status 0).
    Done,
    /// Quitting before the end (exit status 0; a resume may continue it).
    Quit,
    /// Ctrl-C or a signal (exit status 130).
    Interrupted,
}

pub struct State<'a> {
    pub session: Session<'a>,
    pub flow: Flow,
    /// The header's title: the bank's (or the blueprint's).
    pub title: Text,
    /// Remarks per question, such as "this question changed since…".
    pub notes: Vec<Option<String>>,
    /// The time of the latest event.
    pub now: SystemTime,
    /// Width and height of the window.
    pub size: (u16, u16),
    /// The highlighted row of each question, as shown: a choice, an order's
    /// place, a match's premise.
    pub cursors: Vec<usize>,
    /// The line of the typed answer up (a number, a text, an open attempt):
    /// its text is the flow's response; its cursor is the screen's.
    pub input: Input,
    /// Which question `input` is the line of.
    pub input_of: Option<usize>,
    /// The typed answer's line has the keys (Tab gives them back).
    pub focus: bool,
    /// The first body line shown.
    pub scroll: usize,
    /// Columns the exhibit is scrolled sideways.
    pub hscroll: usize,
    /// The key list over the screen.
    pub help: bool,
    /// Typing mode: what was typed after `#`, or an order's letters.
    pub typing: Option<Typing>,
    pub filter: Filter,
    /// The highlighted row of the review (of its filtered list).
    pub review_row: usize,
    /// The highlighted row of the results.
    pub results_row: usize,
    /// The question opened from the results.
    pub opened: Option<usize>,
    pub confirm: Option<Confirm>,
    /// Exam: the last question shown, for Esc on the review.
    pub last_question: usize,
    /// One line of news or advice above the footer.
    pub message: Option<String>,
    /// Ctrl-O was pressed: the loop opens the question's picture (outside the
    /// pure update, as it starts a program).
    pub open_picture: bool,
    pub ending: Option<Ending>,
    pub theme: Theme,
}

impl<'a> State<'a> {
    /// The screen for `session` and its flow, started.
    pub fn new(
        session: Session<'a>,
        flow: Flow,
        title: &str,
        now: SystemTime,
        theme: Theme,
    ) -> Self {
        let n = session.len();
        let cursors = (0..n)
            .map(|i| flow.response(i).picks().first().copied().unwrap_or(0))
            .collect();
        let current = flow.current();
        let line = current
            .and_then(|i| flow.response(i).typed())
            .unwrap_or("")
            .to_owned();
        State {
            last_question: flow.current().unwrap_or(0),
            session,
            flow,
            title: crate::present::title(title),
            notes: vec![None; n],
            now,
            size: (80, 24),
            cursors,
            input: Input::new(line),
            input_of: current,
            focus: true,
            scroll: 0,
            hscroll: 0,
            help: false,
            typing: None,
            filter: Filter::All,
            review_row: 0,
            results_row: 0,
            opened: None,
            confirm: None,
            message: None,
            open_picture: false,
            ending: None,
            theme,
        }
    }

    pub fn with_notes(mut self, notes: Vec<Option<String>>) -> Self {
        self.notes = notes;
        self.notes.resize(self.session.len(), None);
        self
    }

    pub fn mode(&self) -> Mode {
        self.flow.mode()
    }

    /// Which screen is up.
    pub fn screen(&self) -> Screen {
        match self.flow.phase() {
            Phase::Start | Phase::Asking(_) => Screen::Question,
            Phase::Feedback(_) => Screen::Feedback,
            Phase::Review => match self.confirm {
                Some(confirm) => Screen::Confirm(confirm),
                None => Screen::Review,
            },
            Phase::Submitted | Phase::Over => match self.opened {
                Some(index) => Screen::Opened(index),
                None => Screen::Results,
            },
        }
    }

    /// The question up (or whose feedback is shown).
    pub fn current(&self) -> usize {
        match self.screen() {
            Screen::Opened(index) => index,
            _ => self.flow.current().unwrap_or(self.last_question),
        }
    }

    /// The highlighted choice of the question up.
    pub fn cursor(&self) -> usize {
        self.cursors.get(self.current()).copied().unwrap_or(0)
    }

    /// Where the header says the candidate is.
    pub fn place(&self) -> Place {
        match self.screen() {
            Screen::Question | Screen::Feedback => Place::Question(self.current()),
            Screen::Review | Screen::Confirm(_) => Place::Review,
            Screen::Results => Place::Results,
            Screen::Opened(index) => Place::Opened(index),
        }
    }

    /// The keymap's mode: what the keys do now.
    pub fn key_mode(&self) -> keymap::Mode {
        if layout::too_small(self.size) {
            return keymap::Mode::TooSmall;
        }
        if self.help {
            return keymap::Mode::Help;
        }
        if self.typing.is_some() {
            return keymap::Mode::Typing;
        }
        self.screen_mode()
    }

    /// What the keys of the screen up do, the help, typing and the window's
    /// size aside.
    pub fn screen_mode(&self) -> keymap::Mode {
        match self.screen() {
            Screen::Question => match self.shape() {
                Shape::Typed if self.focus => keymap::Mode::Input(self.mode()),
                shape => keymap::Mode::Question(self.mode(), shape),
            },
            Screen::Feedback => keymap::Mode::Feedback(self.to_mark()),
            Screen::Review => keymap::Mode::Review,
            Screen::Confirm(Confirm::Submit) => keymap::Mode::ConfirmSubmit,
            Screen::Confirm(Confirm::Leave) => keymap::Mode::ConfirmLeave,
            Screen::Results => keymap::Mode::Results,
            Screen::Opened(_) => keymap::Mode::Opened(self.to_mark()),
        }
    }

    /// The kind of the question up.
    pub fn kind(&self) -> Kind {
        self.session.kind(self.current()).unwrap_or(Kind::Choice)
    }

    /// How the question up is answered with keys.
    pub fn shape(&self) -> Shape {
        match self.kind().answering() {
            Answering::Picks => Shape::Pick,
            Answering::Sequence => Shape::Arrange,
            Answering::Pairs => Shape::Pair,
            Answering::Number | Answering::Text | Answering::SelfMarked => Shape::Typed,
        }
    }

    /// Whether the question up is an open question whose model answer is
    /// shown, for the candidate to mark.
    pub fn to_mark(&self) -> bool {
        let index = self.current();
        self.kind().self_marked()
            && self.flow.answered(index)
            && matches!(self.screen(), Screen::Feedback | Screen::Opened(_))
    }

    /// The positions the review screen lists under its filter.
    pub fn review_rows(&self) -> Vec<usize> {
        (0..self.session.len())
            .filter(|&i| match self.filter {
                Filter::All => true,
                Filter::Flagged => self.flow.flagged(i),
                Filter::Unanswered => !self.flow.answered(i),
            })
            .collect()
    }

    /// The positions the results list, in their order: missed first.
    pub fn results_order(&self) -> Vec<usize> {
        crate::present::results(&self.session, &self.flow)
            .rows
            .into_iter()
            .map(|r| r.index)
            .collect()
    }
}
