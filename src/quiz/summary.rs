//! What a session comes to: the outcome of each answer, the record of each
//! question asked, and the summary with its score, verdict and scores by tag.

use super::{Kind, Mode, Scale, Scoring, SelfMark};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// What answering one question came to.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// From 0 to 1; for an open question, what its own mark is worth (for
    /// review), though it is not scored.
    pub points: f64,
    /// Nothing given.
    pub skipped: bool,
    /// Part of the score: false for an open question, which the candidate marks.
    pub scored: bool,
    /// An open question's own mark, once given.
    pub mark: Option<SelfMark>,
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
    /// The question's stem, as written (untrusted: shown only through `crate::safe`).
    pub stem: String,
    pub tags: Vec<String>,
    /// The blueprint domain the question was drawn for.
    pub domain: Option<String>,
    pub kind: Kind,
    /// The answer given and the one expected, in the file's own terms, as its
    /// kind words them (`A`, `C`; an order's letters in the order given).
    pub given: Vec<String>,
    pub expected: Vec<String>,
    pub points: f64,
    pub skipped: bool,
    /// Part of the score: false for an open question.
    pub scored: bool,
    /// An open question's own mark, once given.
    pub mark: Option<SelfMark>,
    /// Time spent on the question.
    pub time: Duration,
    /// Flagged when the session ended.
    pub flagged: bool,
}

/// A question flagged when the session ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Flagged {
    pub id: String,
    /// As written (untrusted: shown only through `crate::safe`).
    pub stem: String,
}

/// The result of a whole session.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub mode: Mode,
    pub seed: u64,
    pub scoring: Scoring,
    pub pass_mark: f64,
    /// Practice: the questions asked, in order. Exam: every selected question,
    /// unanswered ones with no points.
    pub records: Vec<Record>,
    /// Questions selected; more than `records` when a practice quiz ended early.
    pub selected: usize,
    /// The time limit ended the exam.
    pub time_up: bool,
    /// The time the session ran, pauses between a quit and its resume left out.
    pub time_used: Duration,
    /// The questions flagged when it ended, asked or not.
    pub flagged: Vec<Flagged>,
    pub title: Option<String>,
    /// With a scale, the verdict goes by the scaled score.
    pub scale: Option<Scale>,
    /// The blueprint's domains, in its order (empty without a blueprint).
    pub domains: Vec<String>,
}

/// Points and maximum for one tag.
#[derive(Debug, Clone, PartialEq)]
pub struct TagScore {
    pub tag: String,
    pub points: f64,
    pub max: usize,
}

impl Summary {
    /// An exam's verdict; None in practice. On a scale, the scaled score as
    /// reported (rounded) must reach the pass score.
    pub fn passed(&self) -> Option<bool> {
        (self.mode == Mode::Exam).then(|| match (self.scale, self.scaled_score()) {
            (Some(scale), Some(score)) => score >= scale.pass,
            _ => self.percent() + 1e-9 >= self.pass_mark,
        })
    }

    /// The score on the exam's scale, if it has one.
    pub fn scaled_score(&self) -> Option<u32> {
        self.scale
            .map(|scale| scale.score(self.points(), self.max_points()))
    }

    /// The records that count in the score: every question but open ones.
    pub fn scored(&self) -> impl Iterator<Item = &Record> {
        self.records.iter().filter(|r| r.scored)
    }

    pub fn points(&self) -> f64 {
        self.scored().map(|r| r.points).sum()
    }

    /// One point per asked question that is scored.
    pub fn max_points(&self) -> usize {
        self.scored().count()
    }

    /// 0 to 100; 0 when nothing scored was asked.
    pub fn percent(&self) -> f64 {
        if self.max_points() == 0 {
            0.0
        } else {
            100.0 * self.points() / self.max_points() as f64
        }
    }

    /// The open questions asked, which the candidate marks: never scored.
    pub fn open(&self) -> Vec<&Record> {
        self.records.iter().filter(|r| !r.scored).collect()
    }

    pub fn by_tag(&self) -> Vec<TagScore> {
        // Tags group without regard to case, under their first spelling.
        let mut spelling: HashMap<String, &str> = HashMap::new();
        let mut tags: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
        for r in self.scored() {
            for t in &r.tags {
                let label = *spelling
                    .entry(crate::bank::tag_key(t))
                    .or_insert(t.as_str());
                let e = tags.entry(label).or_default();
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

    /// The scored questions that earned less than a full point.
    pub fn missed(&self) -> Vec<&Record> {
        self.scored().filter(|r| r.points < 1.0).collect()
    }
}
