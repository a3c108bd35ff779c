//! A quiz session: selection, seeded shuffling and scoring. Pure: no terminal I/O,
//! no clock, no randomness but the seed it is given.

mod scoring;
mod shuffle;

pub use scoring::Scoring;
pub use shuffle::Shuffler;

use crate::bank::{Bank, Choice, Question, letter};
use std::collections::BTreeMap;

/// How a session picks and orders its questions.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub seed: u64,
    /// Shuffle questions and choices (pinned choices stay).
    pub shuffle: bool,
    pub scoring: Scoring,
    /// Ask at most this many (the first N after shuffling).
    pub count: Option<usize>,
    /// Keep questions carrying any of these tags; empty keeps all.
    pub tags: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("no question has the tag {}", tags_list(.0))]
    NoTagMatch(Vec<String>),
    #[error("the banks have no questions")]
    Empty,
}

fn tags_list(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// How the stem tells the candidate what kind of answer it wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prompt {
    /// One correct choice.
    One,
    /// Several correct choices, and the stem says how many.
    Choose(usize),
    /// `multi: true`: select all that apply, count not told.
    SelectAll,
}

impl Prompt {
    pub fn for_question(q: &Question) -> Prompt {
        if q.multi {
            Prompt::SelectAll
        } else {
            match q.correct().len() {
                0 | 1 => Prompt::One,
                n => Prompt::Choose(n),
            }
        }
    }

    /// The hint after the stem: `(Choose 2)`, `(Select all that apply)`, or none.
    pub fn hint(self) -> Option<String> {
        match self {
            Prompt::One => None,
            Prompt::Choose(n) => Some(format!("(Choose {n})")),
            Prompt::SelectAll => Some("(Select all that apply)".to_owned()),
        }
    }

    pub fn takes_several(self) -> bool {
        self != Prompt::One
    }
}

/// One question as it is put to the candidate.
#[derive(Debug, Clone)]
pub struct Asked<'a> {
    /// 1-based position in the session, and the session's length.
    pub number: usize,
    pub total: usize,
    pub bank: &'a Bank,
    pub question: &'a Question,
    /// `order[shown] = index in the file`.
    pub order: Vec<usize>,
    pub prompt: Prompt,
}

impl<'a> Asked<'a> {
    /// The choices in the order shown, with their on-screen letters.
    pub fn choices(&self) -> impl Iterator<Item = (char, &'a Choice)> + '_ {
        self.order.iter().enumerate().filter_map(|(shown, &file)| {
            Some((letter(shown), self.question.choices.value.get(file)?))
        })
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The stem followed by its hint.
    pub fn stem(&self) -> String {
        let stem = self.question.question.value.trim();
        match self.prompt.hint() {
            Some(hint) => format!("{stem} {hint}"),
            None => stem.to_owned(),
        }
    }

    fn to_shown(&self, file_indices: &[usize]) -> Vec<usize> {
        let mut shown: Vec<usize> = file_indices
            .iter()
            .filter_map(|f| self.order.iter().position(|o| o == f))
            .collect();
        shown.sort_unstable();
        shown
    }
}

/// What answering one question came to. Indices are as shown on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub points: f64,
    pub given: Vec<usize>,
    pub expected: Vec<usize>,
    pub skipped: bool,
}

impl Outcome {
    pub fn is_right(&self) -> bool {
        self.points >= 1.0
    }
}

/// One asked question in the record of a session, in the file's own lettering.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub bank: String,
    pub tags: Vec<String>,
    pub given: Vec<char>,
    pub expected: Vec<char>,
    pub points: f64,
    pub skipped: bool,
}

/// The result of a whole session.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub seed: u64,
    pub scoring: Scoring,
    pub records: Vec<Record>,
    /// Questions selected; more than `records` when the quiz ended early.
    pub selected: usize,
}

/// Points and maximum for one tag.
#[derive(Debug, Clone, PartialEq)]
pub struct TagScore {
    pub tag: String,
    pub points: f64,
    pub max: usize,
}

impl Summary {
    pub fn points(&self) -> f64 {
        self.records.iter().map(|r| r.points).sum()
    }

    /// One point per asked question.
    pub fn max_points(&self) -> usize {
        self.records.len()
    }

    /// 0 to 100; 0 when nothing was asked.
    pub fn percent(&self) -> f64 {
        if self.records.is_empty() {
            0.0
        } else {
            100.0 * self.points() / self.max_points() as f64
        }
    }

    pub fn by_tag(&self) -> Vec<TagScore> {
        let mut tags: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
        for r in &self.records {
            for t in &r.tags {
                let e = tags.entry(t).or_default();
                e.0 += r.points;
                e.1 += 1;
            }
        }
        tags.into_iter()
            .map(|(tag, (points, max))| TagScore {
                tag: tag.to_owned(),
                points,
                max,
            })
            .collect()
    }

    /// Ids of the questions that earned less than a full point.
    pub fn missed(&self) -> Vec<&str> {
        self.records
            .iter()
            .filter(|r| r.points < 1.0)
            .map(|r| r.id.as_str())
            .collect()
    }
}

struct Item<'a> {
    bank: &'a Bank,
    question: &'a Question,
    order: Vec<usize>,
}

/// A session over some banks: ask with [`Session::next`], answer with
/// [`Session::answer`] or [`Session::skip`], end with [`Session::finish`].
pub struct Session<'a> {
    items: Vec<Item<'a>>,
    next: usize,
    records: Vec<Record>,
    options: Options,
}

impl<'a> Session<'a> {
    pub fn new(banks: &'a [Bank], options: Options) -> Result<Self, Error> {
        let mut items: Vec<Item<'a>> = banks
            .iter()
            .flat_map(|bank| bank.questions.iter().map(move |q| (bank, q)))
            .filter(|(_, q)| {
                options.tags.is_empty() || q.tags.iter().any(|t| options.tags.contains(&t.value))
            })
            .map(|(bank, question)| Item {
                bank,
                question,
                order: (0..question.choices.value.len()).collect(),
            })
            .collect();
        if items.is_empty() {
            return Err(if options.tags.is_empty() {
                Error::Empty
            } else {
                Error::NoTagMatch(options.tags.clone())
            });
        }
        if options.shuffle {
            let mut shuffler = Shuffler::new(options.seed);
            shuffler.shuffle(&mut items);
            for item in &mut items {
                let choices = &item.question.choices.value;
                item.order = shuffler.choice_order(choices.len(), |i| choices[i].pin);
            }
        }
        if let Some(count) = options.count {
            items.truncate(count.max(1));
        }
        Ok(Session {
            items,
            next: 0,
            records: Vec::new(),
            options,
        })
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Points so far and questions asked so far.
    pub fn score(&self) -> (f64, usize) {
        (
            self.records.iter().map(|r| r.points).sum(),
            self.records.len(),
        )
    }

    /// The next question, or None when all were asked.
    pub fn next(&self) -> Option<Asked<'a>> {
        let item = self.items.get(self.next)?;
        Some(Asked {
            number: self.next + 1,
            total: self.items.len(),
            bank: item.bank,
            question: item.question,
            order: item.order.clone(),
            prompt: Prompt::for_question(item.question),
        })
    }

    /// Scores `shown` (indices as shown on screen) for the current question.
    /// Indices that name no choice are ignored.
    pub fn answer(&mut self, shown: &[usize]) -> Option<Outcome> {
        self.record(shown, false)
    }

    /// Moves on without answering: no points.
    pub fn skip(&mut self) -> Option<Outcome> {
        self.record(&[], true)
    }

    fn record(&mut self, shown: &[usize], skipped: bool) -> Option<Outcome> {
        let asked = self.next()?;
        let mut given: Vec<usize> = shown.iter().copied().filter(|&i| i < asked.len()).collect();
        given.sort_unstable();
        given.dedup();
        let correct_files = asked.question.correct();
        let expected = asked.to_shown(&correct_files);
        let points = self.options.scoring.points(&given, &expected);
        let file_letters = |shown: &[usize]| -> Vec<char> {
            let mut files: Vec<usize> = shown
                .iter()
                .filter_map(|&s| asked.order.get(s).copied())
                .collect();
            files.sort_unstable();
            files.into_iter().map(letter).collect()
        };
        self.records.push(Record {
            id: asked.question.id.value.clone(),
            bank: asked.bank.name.clone(),
            tags: asked
                .question
                .tags
                .iter()
                .map(|t| t.value.clone())
                .collect(),
            given: file_letters(&given),
            expected: correct_files.into_iter().map(letter).collect(),
            points,
            skipped,
        });
        self.next += 1;
        Some(Outcome {
            points,
            given,
            expected,
            skipped,
        })
    }

    pub fn finish(self) -> Summary {
        Summary {
            seed: self.options.seed,
            scoring: self.options.scoring,
            selected: self.items.len(),
            records: self.records,
        }
    }
}
