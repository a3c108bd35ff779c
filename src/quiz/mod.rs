//! A quiz session: selection, seeded shuffling and scoring. Pure: no terminal I/O,
//! no clock, no randomness but the seed it is given. The session is the paper:
//! which questions, in which order, with which shuffles; what the candidate does
//! with it is [`crate::flow`]'s.

mod asked;
pub mod clock;
mod domain;
mod scale;
mod shuffle;
mod summary;

pub use crate::bank::Prompt;
pub use crate::bank::kind::{
    Answering, Edit, Kind, Progress, Raw, Refusal, Response, Scoring, SelfMark, View,
};
pub use asked::Asked;
pub use clock::{Clock, FakeClock, SystemClock};
pub use domain::{DomainScore, Drawn, Pick};
pub use scale::Scale;
pub use shuffle::Shuffler;
pub use summary::{Flagged, Outcome, Record, Summary, TagScore};

use crate::bank::kind::{Arrange, Model};
use crate::bank::{Bank, Question, tag_key};
use std::collections::{HashMap, HashSet};
use std::time::Duration;

/// Practice teaches after every answer; an exam says nothing until it is submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Practice,
    Exam,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Practice => "practice",
            Mode::Exam => "exam",
        }
    }
}

/// How a session picks and orders its questions.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub mode: Mode,
    /// Percent needed to pass an exam.
    pub pass_mark: f64,
    pub seed: u64,
    /// Shuffle questions and choices (pinned choices stay).
    pub shuffle: bool,
    pub scoring: Scoring,
    /// Ask at most this many (the first N after shuffling).
    pub count: Option<usize>,
    /// Keep questions carrying any of these tags; empty keeps all.
    pub tags: Vec<String>,
    /// Keep only these ids (from history: missed, due for review).
    pub only: Option<Vec<String>>,
    /// Ask `only` in its own order instead of shuffling the questions.
    pub keep_order: bool,
    /// The exam's title (a blueprint's), for the header and the summary.
    pub title: Option<String>,
    /// Report a scaled score, and pass by it.
    pub scale: Option<Scale>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("no question has the tag {}", tags_list(.0))]
    NoTagMatch(Vec<String>),
    #[error("the banks have no questions")]
    Empty,
    #[error("{0}")]
    NothingSelected(String),
    /// A resumed session's banks changed since it started.
    #[error("{0}")]
    Changed(String),
}

/// One question of a session's plan: its id and what its kind shuffles (the
/// choices, an order's items, a match's responses) in the order shown
/// (`order[shown] = index in the file`; empty when nothing is shuffled).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Planned {
    pub id: String,
    pub order: Vec<usize>,
    /// The blueprint domain it was drawn for, by position in the session's domains.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<usize>,
}

fn tags_list(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

struct Item<'a> {
    bank: &'a Bank,
    question: &'a Question,
    order: Vec<usize>,
    /// Index into the session's domains.
    domain: Option<usize>,
}

impl<'a> Item<'a> {
    /// The question with what it shuffles in file order.
    fn new(bank: &'a Bank, question: &'a Question, domain: Option<usize>) -> Self {
        Item {
            bank,
            question,
            order: (0..question.body.model().arrange().len()).collect(),
            domain,
        }
    }

    fn model(&self) -> &'a dyn Model {
        self.question.body.model()
    }
}

/// How often an order is drawn again when it comes out right (1 in n! each
/// time) before it is turned by one place instead.
const REDRAWS: usize = 32;

/// A session over some banks: the questions selected, in the order to ask
/// them, each with its choices in the order shown.
pub struct Session<'a> {
    items: Vec<Item<'a>>,
    options: Options,
    /// A blueprint's domain names, in its order.
    domains: Vec<String>,
}

impl<'a> Session<'a> {
    pub fn new(banks: &'a [Bank], options: Options) -> Result<Self, Error> {
        // Each listed id with its place in the list, looked up once per question.
        let only: Option<HashMap<&str, usize>> = options.only.as_ref().map(|ids| {
            let mut places = HashMap::with_capacity(ids.len());
            for (i, id) in ids.iter().enumerate() {
                places.entry(id.as_str()).or_insert(i);
            }
            places
        });
        // Tags match without regard to case (`--tag TLS13` picks `tls13`).
        let wanted_tags: HashSet<String> = options.tags.iter().map(|t| tag_key(t)).collect();
        let has_tag = |q: &Question| {
            q.tags
                .iter()
                .any(|t| wanted_tags.contains(&tag_key(&t.value)))
        };
        let wanted = |q: &Question| {
            let tagged = options.tags.is_empty() || has_tag(q);
            let listed = only
                .as_ref()
                .is_none_or(|places| places.contains_key(q.id.value.as_str()));
            tagged && listed
        };
        let mut items: Vec<Item<'a>> = banks
            .iter()
            .flat_map(|bank| bank.questions.iter().map(move |q| (bank, q)))
            .filter(|(_, q)| wanted(q))
            .map(|(bank, question)| Item::new(bank, question, None))
            .collect();
        if items.is_empty() {
            let tag_known = banks.iter().flat_map(|b| &b.questions).any(has_tag);
            // A known tag emptied by `only` is the history's doing, not the tag's.
            return Err(if !options.tags.is_empty() && !tag_known {
                Error::NoTagMatch(options.tags.clone())
            } else if options.only.is_some() {
                Error::NothingSelected("no question matches the selection".into())
            } else {
                Error::Empty
            });
        }
        let mut shuffler = Shuffler::new(options.seed);
        if let (Some(places), true) = (&only, options.keep_order) {
            items.sort_by_key(|item| places.get(item.question.id.value.as_str()).copied());
        } else if options.shuffle {
            shuffler.shuffle(&mut items);
        }
        if let Some(count) = options.count {
            items.truncate(count.max(1));
        }
        Ok(Session::with_items(
            items,
            options,
            Vec::new(),
            &mut shuffler,
        ))
    }

    /// The session over `items` (in the order to ask them), what each shuffles
    /// shuffled by `shuffler` when the options and the question say so (an
    /// order's items always).
    fn with_items(
        mut items: Vec<Item<'a>>,
        options: Options,
        domains: Vec<String>,
        shuffler: &mut Shuffler,
    ) -> Self {
        for item in &mut items {
            match item.model().arrange() {
                // A question with `shuffle: false` keeps its file order.
                Arrange::Choices {
                    n,
                    shuffle: true,
                    pinned,
                } if options.shuffle => {
                    item.order = shuffler.choice_order(n, |i| pinned[i]);
                }
                Arrange::Random(n) => {
                    item.order = shuffler.choice_order(n, |_| false);
                }
                Arrange::Fixed(order) => item.order = order,
                Arrange::Always(n) if n > 1 => {
                    let right: Vec<usize> = (0..n).collect();
                    let mut order = right.clone();
                    for _ in 0..REDRAWS {
                        order = shuffler.choice_order(n, |_| false);
                        if order != right {
                            break;
                        }
                    }
                    if order == right {
                        order.rotate_left(1);
                    }
                    item.order = order;
                }
                _ => {}
            }
        }
        Session {
            items,
            options,
            domains,
        }
    }

    /// The exam's title, if it has one.
    pub fn title(&self) -> Option<&str> {
        self.options.title.as_deref()
    }

    /// Percent needed to pass an exam.
    pub fn pass_mark(&self) -> f64 {
        self.options.pass_mark
    }

    /// The scale the exam's score is reported on, if any.
    pub fn scale(&self) -> Option<Scale> {
        self.options.scale
    }

    pub fn mode(&self) -> Mode {
        self.options.mode
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// What replays this session exactly: each selected question, in order, with
    /// what it shuffles in the order shown.
    pub fn plan(&self) -> Vec<Planned> {
        self.items
            .iter()
            .map(|item| Planned {
                id: item.question.id.value.clone(),
                order: item.order.clone(),
                domain: item.domain,
            })
            .collect()
    }

    /// The session that `plan` describes, over the same banks: the same
    /// questions in the same order with the same shuffles, nothing answered yet.
    /// Fails when a question is gone, or what it shuffles changed in number.
    pub fn replay(
        banks: &'a [Bank],
        options: Options,
        plan: &[Planned],
        domains: Vec<String>,
    ) -> Result<Self, Error> {
        let mut items = Vec::with_capacity(plan.len());
        for planned in plan {
            let found = banks
                .iter()
                .flat_map(|bank| bank.questions.iter().map(move |q| (bank, q)))
                .find(|(_, q)| q.id.value == planned.id);
            let Some((bank, question)) = found else {
                return Err(Error::Changed(format!(
                    "question `{}` is no longer in the banks",
                    planned.id
                )));
            };
            let n = question.body.model().arrange().len();
            let mut sorted = planned.order.clone();
            sorted.sort_unstable();
            if sorted != (0..n).collect::<Vec<_>>() {
                let what = match question.kind().answering() {
                    Answering::Picks => "choices",
                    Answering::Sequence => "items",
                    Answering::Pairs => "responses",
                    _ => "shape",
                };
                return Err(Error::Changed(format!(
                    "question `{}` no longer has the same {what}",
                    planned.id
                )));
            }
            items.push(Item {
                bank,
                question,
                order: planned.order.clone(),
                domain: planned.domain.filter(|&d| d < domains.len()),
            });
        }
        if items.is_empty() {
            return Err(Error::Empty);
        }
        Ok(Session {
            items,
            options,
            domains,
        })
    }

    /// A blueprint's domain names, in its order (empty without a blueprint).
    pub fn domains(&self) -> &[String] {
        &self.domains
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Question `index` as it is put to the candidate.
    pub fn asked(&self, index: usize) -> Option<Asked<'a>> {
        let item = self.items.get(index)?;
        Some(Asked {
            number: index + 1,
            total: self.items.len(),
            bank: item.bank,
            question: item.question,
            order: item.order.clone(),
        })
    }

    /// The kind of question `index`.
    pub fn kind(&self, index: usize) -> Option<Kind> {
        self.items.get(index).map(|item| item.question.kind())
    }

    /// A response to question `index` that gives nothing.
    pub fn blank(&self, index: usize) -> Response {
        self.items
            .get(index)
            .map_or_else(Response::default, |item| item.model().blank())
    }

    /// The response to question `index` after `edit`, under its kind's rules.
    pub fn edit(
        &self,
        index: usize,
        response: &Response,
        edit: &Edit,
        exam: bool,
    ) -> Result<Response, Refusal> {
        let item = self.items.get(index).ok_or(Refusal::NotHere)?;
        item.model().edit(&item.order, response, edit, exam)
    }

    /// The response that answering question `index` with `response` gives (an
    /// order: its shown arrangement, confirmed), or why it cannot stand.
    pub fn confirm(&self, index: usize, response: &Response) -> Result<Response, Refusal> {
        let Some(item) = self.items.get(index) else {
            return Ok(response.clone());
        };
        match item.model().refuse(response) {
            Some(refusal) => Err(refusal),
            None => Ok(item.model().confirm(&item.order, response)),
        }
    }

    /// Whether Enter on a blank response to question `index` answers it.
    pub fn answers_blank(&self, index: usize) -> bool {
        self.items
            .get(index)
            .is_some_and(|item| item.model().answers_blank())
    }

    /// How far `response` to question `index` has got.
    pub fn progress(&self, index: usize, response: &Response) -> Progress {
        self.items.get(index).map_or(Progress::Blank, |item| {
            item.model().progress(&item.order, response)
        })
    }

    /// What `response` to question `index` scores; a blank one is no answer
    /// (`skipped`), and scores nothing. An open question is not scored: its
    /// outcome carries the candidate's own mark.
    pub fn outcome(&self, index: usize, response: &Response) -> Option<Outcome> {
        let item = self.items.get(index)?;
        let model = item.model();
        let score = model.score(&item.order, response, self.options.scoring);
        Some(Outcome {
            points: match score {
                Some(points) => points,
                None => self_mark(response).map_or(0.0, SelfMark::points),
            },
            skipped: response.is_blank(),
            scored: score.is_some(),
            mark: self_mark(response),
        })
    }

    /// What a front shows of question `index`'s body with `response`, its
    /// text raw (for `crate::present`); `judged` once the verdict is out.
    pub fn view<'r>(
        &self,
        index: usize,
        response: &'r Response,
        judged: bool,
    ) -> Option<View<Raw<'r>>>
    where
        'a: 'r,
    {
        let item = self.items.get(index)?;
        Some(item.model().view(&item.order, response, judged))
    }

    /// `response` to question `index` in the file's terms, for the history.
    pub fn kept(&self, index: usize, response: &Response) -> Option<Response> {
        let item = self.items.get(index)?;
        Some(item.model().kept(&item.order, response))
    }

    /// A response kept in the file's terms, as question `index` shows it.
    pub fn restored(&self, index: usize, kept: &Response) -> Option<Response> {
        let item = self.items.get(index)?;
        Some(item.model().restored(&item.order, kept))
    }

    /// Question `index` in the record of the session, in the file's own terms.
    pub fn record(
        &self,
        index: usize,
        outcome: &Outcome,
        response: &Response,
        how: Taken,
    ) -> Option<Record> {
        let item = self.items.get(index)?;
        let model = item.model();
        let kept = model.kept(&item.order, response);
        Some(Record {
            id: item.question.id.value.clone(),
            bank: item.bank.name.clone(),
            stem: item.question.question.value.trim().to_owned(),
            tags: item.question.tags.iter().map(|t| t.value.clone()).collect(),
            domain: item.domain.and_then(|d| self.domains.get(d).cloned()),
            kind: item.question.kind(),
            given: model.given(&kept),
            expected: model.expected(),
            points: outcome.points,
            skipped: outcome.skipped,
            scored: outcome.scored,
            mark: outcome.mark,
            time: how.time,
            flagged: how.flagged,
        })
    }

    /// What the session came to, from the records of the questions asked.
    pub fn summary(&self, records: Vec<Record>, time_up: bool, time_used: Duration) -> Summary {
        Summary {
            mode: self.options.mode,
            seed: self.options.seed,
            scoring: self.options.scoring,
            pass_mark: self.options.pass_mark,
            selected: self.items.len(),
            records,
            time_up,
            time_used,
            flagged: Vec::new(),
            title: self.options.title.clone(),
            scale: self.options.scale,
            domains: self.domains.clone(),
        }
    }
}

/// An open question's own mark, if `response` is one that has it.
fn self_mark(response: &Response) -> Option<SelfMark> {
    match response {
        Response::Open { mark, .. } => *mark,
        _ => None,
    }
}

/// How a question was taken, besides the answer: for its record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Taken {
    /// Time spent on it.
    pub time: Duration,
    pub flagged: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::read_bank;

    fn banks() -> Vec<Bank> {
        let text = "questions:
  - id: one
    question: Pick B
    choices: [a, b, c]
    answer: B
    tags: [x]
  - id: two
    question: Pick A and C
    choices: [a, b, c, d]
    answer: [A, C]
    tags: [x, y]
";
        let mut diags = Vec::new();
        read_bank("t.yaml", text.as_bytes(), &mut diags)
            .into_iter()
            .collect()
    }

    fn options(mode: Mode) -> Options {
        Options {
            mode,
            pass_mark: 70.0,
            ..Options::default()
        }
    }

    #[test]
    fn an_outcome_scores_the_picks_as_shown_and_a_blank_is_no_answer() {
        let b = banks();
        let s = Session::new(&b, options(Mode::Practice)).expect("session");
        let right = s.outcome(0, &Response::Picks(vec![1])).expect("an outcome");
        assert_eq!((right.points, right.skipped), (1.0, false));
        let blank = s.outcome(0, &Response::default()).expect("an outcome");
        assert_eq!((blank.points, blank.skipped), (0.0, true));
        let picks = Response::Picks(vec![0]);
        let record = s
            .record(
                1,
                &s.outcome(1, &picks).expect("an outcome"),
                &picks,
                Taken::default(),
            )
            .expect("a record");
        assert_eq!(
            (record.given, record.expected),
            (vec!["A".to_owned()], vec!["A".to_owned(), "C".to_owned()])
        );
        assert_eq!(record.stem, "Pick A and C");
    }

    #[test]
    fn selection_by_tag_count_and_ids() {
        let b = banks();
        let tagged = Options {
            tags: vec!["y".into()],
            ..options(Mode::Practice)
        };
        assert_eq!(Session::new(&b, tagged).map(|s| s.len()), Ok(1));
        let none = Options {
            tags: vec!["z".into()],
            ..options(Mode::Practice)
        };
        assert_eq!(
            Session::new(&b, none).err(),
            Some(Error::NoTagMatch(vec!["z".into()]))
        );
        // A known tag whose questions the history leaves out is not a tag problem.
        let none_missed = Options {
            tags: vec!["y".into()],
            only: Some(vec!["one".into()]),
            ..options(Mode::Practice)
        };
        assert!(matches!(
            Session::new(&b, none_missed).err(),
            Some(Error::NothingSelected(_))
        ));
        let ordered = Options {
            only: Some(vec!["two".into(), "one".into()]),
            keep_order: true,
            shuffle: true,
            ..options(Mode::Practice)
        };
        let s = Session::new(&b, ordered).expect("session");
        assert_eq!(
            s.asked(0).map(|a| a.question.id.value.clone()),
            Some("two".into())
        );
        let counted = Options {
            count: Some(1),
            ..options(Mode::Practice)
        };
        assert_eq!(Session::new(&b, counted).map(|s| s.len()), Ok(1));
    }

    #[test]
    fn a_question_with_shuffle_false_keeps_its_choices_in_file_order() {
        let text = "questions:
  - id: kept
    question: Which?
    shuffle: false
    choices: [a, b, c, d, e, f, g, h, Both A and C]
    answer: I
";
        let b: Vec<Bank> = read_bank("t.yaml", text.as_bytes(), &mut Vec::new())
            .into_iter()
            .collect();
        for seed in 0..20 {
            let shuffled = Options {
                seed,
                shuffle: true,
                ..options(Mode::Practice)
            };
            let s = Session::new(&b, shuffled).expect("session");
            let asked = s.asked(0).expect("a question");
            assert_eq!(asked.order, (0..9).collect::<Vec<_>>(), "seed {seed}");
        }
    }
}
