//! A quiz session: selection, seeded shuffling and scoring. Pure: no terminal I/O,
//! no clock, no randomness but the seed it is given.

mod asked;
pub mod clock;
mod domain;
mod scale;
mod scoring;
mod shuffle;
mod summary;

pub use asked::{Asked, Prompt};
pub use clock::{Clock, FakeClock, SystemClock};
pub use domain::{DomainScore, Drawn, Pick};
pub use scale::Scale;
pub use scoring::Scoring;
pub use shuffle::Shuffler;
pub use summary::{Outcome, Record, Summary, TagScore};

use crate::bank::{Bank, Question, letter, tag_key};
use std::collections::{HashMap, HashSet};

/// Practice teaches after every answer; an exam says nothing until it is submitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

/// One question of a session's plan: its id and its choices in the order shown
/// (`order[shown] = index in the file`).
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
    /// The question with its choices in file order.
    fn new(bank: &'a Bank, question: &'a Question, domain: Option<usize>) -> Self {
        Item {
            bank,
            question,
            order: (0..question.choices.value.len()).collect(),
            domain,
        }
    }
}

/// Where a question of the session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Unanswered,
    Answered,
    /// Flagged for review, answered or not.
    Flagged,
}

#[derive(Debug, Clone, Default)]
struct Response {
    given: Option<Vec<usize>>,
    skipped: bool,
    flagged: bool,
}

/// A session over some banks. Practice asks in order with [`Session::next`];
/// an exam may answer, flag and revisit any question by index until
/// [`Session::finish`].
pub struct Session<'a> {
    items: Vec<Item<'a>>,
    responses: Vec<Response>,
    /// Practice: the next question to ask.
    cursor: usize,
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

    /// The session over `items` (in the order to ask them), their choices shuffled
    /// by `shuffler` when the options say so.
    fn with_items(
        mut items: Vec<Item<'a>>,
        options: Options,
        domains: Vec<String>,
        shuffler: &mut Shuffler,
    ) -> Self {
        if options.shuffle {
            // A question with `shuffle: false` keeps its file order.
            for item in items.iter_mut().filter(|item| item.question.shuffle) {
                let choices = &item.question.choices.value;
                item.order = shuffler.choice_order(choices.len(), |i| choices[i].pin);
            }
        }
        Session {
            responses: vec![Response::default(); items.len()],
            items,
            cursor: 0,
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
    /// its choices in the order shown.
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
    /// Fails when a question is gone or its choices changed in number.
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
            let n = question.choices.value.len();
            let mut sorted = planned.order.clone();
            sorted.sort_unstable();
            if sorted != (0..n).collect::<Vec<_>>() {
                return Err(Error::Changed(format!(
                    "question `{}` no longer has the same choices",
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
            responses: vec![Response::default(); items.len()],
            items,
            cursor: 0,
            options,
            domains,
        })
    }

    /// A blueprint's domain names, in its order (empty without a blueprint).
    pub fn domains(&self) -> &[String] {
        &self.domains
    }

    /// Puts back an answer given before a resume: indices as shown; empty means
    /// skipped in practice and unanswered in an exam. Practice then goes on at
    /// the first question not answered.
    pub fn restore(&mut self, index: usize, shown: &[usize]) {
        if shown.is_empty() && self.options.mode == Mode::Practice {
            if let Some(r) = self.responses.get_mut(index) {
                r.given = Some(Vec::new());
                r.skipped = true;
            }
        } else {
            self.answer_at(index, shown);
        }
        self.cursor = self
            .responses
            .iter()
            .position(|r| r.given.is_none())
            .unwrap_or(self.responses.len());
    }

    /// Practice: the position of the next question to ask.
    pub fn position(&self) -> usize {
        self.cursor
    }

    /// Whether question `index` is flagged.
    pub fn flagged(&self, index: usize) -> bool {
        self.responses.get(index).is_some_and(|r| r.flagged)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Points so far and questions answered or skipped so far.
    pub fn score(&self) -> (f64, usize) {
        let mut points = 0.0;
        let mut asked = 0;
        for i in 0..self.items.len() {
            if let Some(outcome) = self.outcome(i) {
                points += outcome.points;
                asked += 1;
            }
        }
        (points, asked)
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
            prompt: Prompt::for_question(item.question),
        })
    }

    /// Practice: the next question, or None when all were asked.
    pub fn next(&self) -> Option<Asked<'a>> {
        self.asked(self.cursor)
    }

    /// Practice: answers the current question and moves on. An answer that
    /// names no choice is a skip.
    pub fn answer(&mut self, shown: &[usize]) -> Option<Outcome> {
        let index = self.cursor;
        self.answer_at(index, shown)?;
        if self.given(index).is_none() {
            return self.skip();
        }
        self.cursor += 1;
        self.outcome(index)
    }

    /// Practice: moves on without answering: no points.
    pub fn skip(&mut self) -> Option<Outcome> {
        let index = self.cursor;
        let response = self.responses.get_mut(index)?;
        response.given = Some(Vec::new());
        response.skipped = true;
        self.cursor += 1;
        self.outcome(index)
    }

    /// Answers (or changes the answer to) question `index`; indices as shown,
    /// those that name no choice ignored. An empty answer leaves it unanswered.
    pub fn answer_at(&mut self, index: usize, shown: &[usize]) -> Option<()> {
        let n = self.items.get(index)?.order.len();
        let mut given: Vec<usize> = shown.iter().copied().filter(|&i| i < n).collect();
        given.sort_unstable();
        given.dedup();
        let response = self.responses.get_mut(index)?;
        response.skipped = given.is_empty();
        response.given = (!given.is_empty()).then_some(given);
        Some(())
    }

    pub fn set_flag(&mut self, index: usize, flagged: bool) {
        if let Some(r) = self.responses.get_mut(index) {
            r.flagged = flagged;
        }
    }

    pub fn status(&self, index: usize) -> Status {
        match self.responses.get(index) {
            Some(r) if r.flagged => Status::Flagged,
            Some(Response { given: Some(g), .. }) if !g.is_empty() => Status::Answered,
            _ => Status::Unanswered,
        }
    }

    /// The answer given to question `index` so far, as shown.
    pub fn given(&self, index: usize) -> Option<&[usize]> {
        self.responses.get(index)?.given.as_deref()
    }

    /// What question `index` scores now; None if it was never answered or skipped.
    pub fn outcome(&self, index: usize) -> Option<Outcome> {
        let item = self.items.get(index)?;
        let response = self.responses.get(index)?;
        let given = response.given.clone()?;
        Some(self.score_of(item, given, response.skipped))
    }

    fn score_of(&self, item: &Item, given: Vec<usize>, skipped: bool) -> Outcome {
        let correct: Vec<usize> = item.question.correct();
        let mut expected: Vec<usize> = correct
            .iter()
            .filter_map(|f| item.order.iter().position(|o| o == f))
            .collect();
        expected.sort_unstable();
        let points = self.options.scoring.points(&given, &expected);
        Outcome {
            points,
            given,
            expected,
            skipped,
        }
    }

    /// What question `index` scores if the session ended now: unanswered
    /// questions score nothing.
    pub fn result(&self, index: usize) -> Option<Outcome> {
        let item = self.items.get(index)?;
        Some(
            self.outcome(index)
                .unwrap_or_else(|| self.score_of(item, Vec::new(), true)),
        )
    }

    /// A question in the record: in an exam every one, answered or not; in
    /// practice only those asked.
    fn record(&self, index: usize) -> Option<Record> {
        let item = self.items.get(index)?;
        let outcome = match self.options.mode {
            Mode::Exam => self.result(index)?,
            Mode::Practice => self.outcome(index)?,
        };
        let file_letters = |shown: &[usize]| -> Vec<char> {
            let mut files: Vec<usize> = shown
                .iter()
                .filter_map(|&s| item.order.get(s).copied())
                .collect();
            files.sort_unstable();
            files.into_iter().map(letter).collect()
        };
        Some(Record {
            id: item.question.id.value.clone(),
            bank: item.bank.name.clone(),
            tags: item.question.tags.iter().map(|t| t.value.clone()).collect(),
            domain: item.domain.and_then(|d| self.domains.get(d).cloned()),
            given: file_letters(&outcome.given),
            expected: item.question.correct().into_iter().map(letter).collect(),
            points: outcome.points,
            skipped: outcome.skipped,
        })
    }

    /// Ends the session. `time_up` when an exam's time limit ended it.
    pub fn finish(self, time_up: bool) -> Summary {
        self.summary(time_up)
    }

    /// What the session comes to if it ended now, without ending it (the exam's
    /// results screen still opens each question afterwards).
    pub fn summary(&self, time_up: bool) -> Summary {
        let records = (0..self.items.len())
            .filter_map(|i| self.record(i))
            .collect();
        Summary {
            mode: self.options.mode,
            seed: self.options.seed,
            scoring: self.options.scoring,
            pass_mark: self.options.pass_mark,
            selected: self.items.len(),
            records,
            time_up,
            title: self.options.title.clone(),
            scale: self.options.scale,
            domains: self.domains.clone(),
        }
    }
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
    fn practice_scores_in_order_and_an_empty_answer_is_a_skip() {
        let b = banks();
        let mut s = Session::new(&b, options(Mode::Practice)).expect("session");
        assert_eq!(s.next().map(|a| a.prompt), Some(Prompt::One));
        assert_eq!(s.answer(&[1]).map(|o| o.points), Some(1.0));
        assert_eq!(
            s.next().map(|a| a.stem()),
            Some("Pick A and C (Choose 2)".to_owned())
        );
        let skipped = s.answer(&[9]).expect("an outcome");
        assert!(skipped.skipped && skipped.points == 0.0);
        assert!(s.next().is_none());
        let summary = s.finish(false);
        assert_eq!(summary.points(), 1.0);
        assert_eq!(summary.missed(), ["two"]);
        assert_eq!(summary.passed(), None);
        let tags = summary.by_tag();
        assert_eq!(
            (tags[0].tag.as_str(), tags[0].points, tags[0].max),
            ("x", 1.0, 2)
        );
    }

    #[test]
    fn an_exam_can_change_answers_and_counts_the_unanswered() {
        let b = banks();
        let mut s = Session::new(&b, options(Mode::Exam)).expect("session");
        s.answer_at(0, &[0]);
        s.answer_at(0, &[1]);
        s.set_flag(1, true);
        assert_eq!(
            (s.status(0), s.status(1)),
            (Status::Answered, Status::Flagged)
        );
        let summary = s.finish(true);
        assert_eq!(summary.records.len(), 2);
        assert_eq!(summary.records[0].given, ['B']);
        assert!(summary.records[1].skipped);
        assert_eq!(summary.percent(), 50.0);
        assert_eq!(summary.passed(), Some(false));
        assert!(summary.time_up);
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
            s.next().map(|a| a.question.id.value.clone()),
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
            let asked = s.next().expect("a question");
            assert_eq!(asked.order, (0..9).collect::<Vec<_>>(), "seed {seed}");
        }
    }
}
