//! Everything the screen shows and remembers: the session underneath, which
//! screen is up, the candidate's picks and cursor on each question, scrolling,
//! the clock, the review screen's filter, the exam's results. [`super::update`]
//! changes it; [`super::view`] draws it and changes nothing.

use super::theme::Theme;
use crate::quiz::{Asked, Mode, Outcome, Session, Summary};
use std::time::{Duration, SystemTime};

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

/// The candidate's work on one question, kept while moving between questions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The highlighted choice, as shown.
    pub cursor: usize,
    /// The picked choices, as shown, sorted.
    pub picks: Vec<usize>,
}

/// One row of a breakdown table: by tag today; a blueprint's domains later.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakdownRow {
    pub label: String,
    pub points: f64,
    pub max: usize,
}

/// A table of results by some grouping, with its heading ("By tag").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Breakdown {
    pub heading: String,
    pub rows: Vec<BreakdownRow>,
}

impl Breakdown {
    /// A blueprint's exam by its domains, weakest first (what it is judged by);
    /// any other by tag.
    pub fn of(summary: &Summary) -> Breakdown {
        let domains = summary.by_domain();
        if domains.is_empty() {
            return Breakdown::by_tag(summary);
        }
        Breakdown {
            heading: "By domain, weakest first".to_owned(),
            rows: domains
                .into_iter()
                .map(|d| BreakdownRow {
                    label: d.name,
                    points: d.points,
                    max: d.questions,
                })
                .collect(),
        }
    }

    pub fn by_tag(summary: &Summary) -> Breakdown {
        Breakdown {
            heading: "By tag".to_owned(),
            rows: summary
                .by_tag()
                .into_iter()
                .map(|t| BreakdownRow {
                    label: t.tag,
                    points: t.points,
                    max: t.max,
                })
                .collect(),
        }
    }
}

/// An exam after submission.
#[derive(Debug, Clone)]
pub struct Results {
    pub summary: Summary,
    pub breakdown: Breakdown,
    /// What each question scored, by position.
    pub outcomes: Vec<Outcome>,
    /// Positions in the order listed: missed first, then by number.
    pub order: Vec<usize>,
    /// The highlighted row of `order`.
    pub selected: usize,
}

/// What the loop around the screen must do for it: the screen itself does no I/O.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Keep this answer in the history.
    Record {
        index: usize,
        outcome: Outcome,
        taken: Duration,
    },
    /// Keep the time left and the flags, for a resume.
    Progress,
    /// The session is complete (all asked, or submitted): it cannot be resumed.
    Finished,
}

/// How the candidate left the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The end of the quiz, or `q` after it (exit status 0).
    Done,
    /// `q` before the end (exit status 0; a resume may continue it).
    Quit,
    /// Ctrl-C or a signal (exit status 130).
    Interrupted,
}

/// The review screen's cursor and filter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Review {
    pub filter: Filter,
    /// The highlighted row of the filtered list.
    pub selected: usize,
}

pub struct State<'a> {
    pub session: Session<'a>,
    /// The header's title: the bank's (or the blueprint's).
    pub title: String,
    pub screen: Screen,
    /// The question shown (0-based position in the session).
    pub current: usize,
    pub drafts: Vec<Draft>,
    /// The first body line shown.
    pub scroll: usize,
    /// Columns the exhibit is scrolled sideways.
    pub hscroll: usize,
    /// Width and height of the window.
    pub size: (u16, u16),
    /// The time of the latest event.
    pub now: SystemTime,
    /// Exam: when the time runs out, and the whole limit.
    pub deadline: Option<SystemTime>,
    pub limit: Option<Duration>,
    /// When the current question was put, for the time taken.
    pub shown_at: SystemTime,
    /// The key list over the screen.
    pub help: bool,
    /// One line of news or advice above the footer.
    pub message: Option<String>,
    /// Remarks per question, such as "this question changed since…".
    pub notes: Vec<Option<String>>,
    /// Exam: the question number being typed after `g`.
    pub goto: Option<String>,
    pub review: Review,
    /// Practice: the outcome shown on the feedback screen.
    pub feedback: Option<Outcome>,
    /// Exam: after submission.
    pub results: Option<Results>,
    /// Exam: the answer last written to the history, per question.
    pub recorded: Vec<Option<Vec<usize>>>,
    pub effects: Vec<Effect>,
    pub ending: Option<Ending>,
    pub theme: Theme,
    /// The last question body wrapped (see [`super::body::build`]).
    pub(super) body_cache: super::body::Cache,
}

impl<'a> State<'a> {
    /// The screen for `session`, on its first (or, resumed, next) question.
    /// `time_left` starts an exam's clock.
    pub fn new(
        session: Session<'a>,
        title: String,
        now: SystemTime,
        time_left: Option<Duration>,
        theme: Theme,
    ) -> Self {
        let n = session.len();
        let drafts = (0..n)
            .map(|i| {
                let picks = session.given(i).map(<[usize]>::to_vec).unwrap_or_default();
                Draft {
                    cursor: picks.first().copied().unwrap_or(0),
                    picks,
                }
            })
            .collect();
        let recorded = (0..n)
            .map(|i| {
                session
                    .given(i)
                    .filter(|g| !g.is_empty())
                    .map(<[usize]>::to_vec)
            })
            .collect();
        let current = match session.mode() {
            Mode::Practice => session.position().min(n.saturating_sub(1)),
            Mode::Exam => (0..n).find(|&i| session.given(i).is_none()).unwrap_or(0),
        };
        State {
            title,
            screen: Screen::Question,
            current,
            drafts,
            scroll: 0,
            hscroll: 0,
            size: (80, 24),
            now,
            deadline: time_left.map(|left| now + left),
            limit: time_left,
            shown_at: now,
            help: false,
            message: None,
            notes: vec![None; n],
            goto: None,
            review: Review::default(),
            feedback: None,
            results: None,
            recorded,
            effects: Vec::new(),
            ending: None,
            theme,
            body_cache: Default::default(),
            session,
        }
    }

    /// The whole time limit when it differs from the time left at the start
    /// (a resumed exam), for the clock's colours.
    pub fn with_limit(mut self, limit: Option<Duration>) -> Self {
        if limit.is_some() {
            self.limit = limit;
        }
        self
    }

    pub fn with_notes(mut self, notes: Vec<Option<String>>) -> Self {
        self.notes = notes;
        self.notes.resize(self.session.len(), None);
        self
    }

    pub fn mode(&self) -> Mode {
        self.session.mode()
    }

    pub fn asked(&self) -> Option<Asked<'a>> {
        self.session.asked(self.current)
    }

    pub fn draft(&self) -> Draft {
        self.drafts.get(self.current).cloned().unwrap_or_default()
    }

    /// Exam: the time left now; None without a limit.
    pub fn time_left(&self) -> Option<Duration> {
        self.deadline
            .map(|d| d.duration_since(self.now).unwrap_or(Duration::ZERO))
    }

    pub fn answered(&self, index: usize) -> bool {
        self.session.given(index).is_some_and(|g| !g.is_empty())
    }

    pub fn flagged_count(&self) -> usize {
        (0..self.session.len())
            .filter(|&i| self.session.flagged(i))
            .count()
    }

    pub fn answered_count(&self) -> usize {
        (0..self.session.len())
            .filter(|&i| self.answered(i))
            .count()
    }

    /// The positions the review screen lists under its filter.
    pub fn review_rows(&self) -> Vec<usize> {
        (0..self.session.len())
            .filter(|&i| match self.review.filter {
                Filter::All => true,
                Filter::Flagged => self.session.flagged(i),
                Filter::Unanswered => !self.answered(i),
            })
            .collect()
    }

    /// Positions of the flagged questions, for a resume.
    pub fn flagged_positions(&self) -> Vec<usize> {
        (0..self.session.len())
            .filter(|&i| self.session.flagged(i))
            .collect()
    }

    /// The outcome to show on a feedback screen, and the question it belongs to.
    pub fn shown_outcome(&self) -> Option<(usize, &Outcome)> {
        match self.screen {
            Screen::Feedback => self.feedback.as_ref().map(|o| (self.current, o)),
            Screen::Opened(index) => self
                .results
                .as_ref()
                .and_then(|r| r.outcomes.get(index))
                .map(|o| (index, o)),
            _ => None,
        }
    }

    /// Whether the exam was submitted (or the practice quiz asked everything).
    pub fn complete(&self) -> bool {
        match self.mode() {
            Mode::Exam => self.results.is_some(),
            Mode::Practice => self.session.next().is_none(),
        }
    }
}
