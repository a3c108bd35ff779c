//! Exam domains in a session: questions drawn beforehand by domain (a
//! blueprint's draw), and the results scored by domain.

use super::{Error, Item, Options, Session, Shuffler, Summary};
use crate::bank::Bank;
use std::collections::HashMap;

/// Questions chosen before the session, in the order to ask them, each for a domain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    /// The domains' names, in the blueprint's order.
    pub domains: Vec<String>,
    pub picks: Vec<Pick>,
}

/// One drawn question: `banks[bank].questions[question]`, drawn for `domains[domain]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pick {
    pub bank: usize,
    pub question: usize,
    pub domain: usize,
}

/// One domain's result: points out of the questions drawn for it.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainScore {
    pub name: String,
    pub questions: usize,
    pub points: f64,
}

impl DomainScore {
    /// 0 to 100.
    pub fn percent(&self) -> f64 {
        if self.questions == 0 {
            0.0
        } else {
            100.0 * self.points / self.questions as f64
        }
    }
}

impl<'a> Session<'a> {
    /// A session over questions already drawn, asked in the order drawn; choices
    /// are shuffled with the seed when the options say so. `only`, `tags` and
    /// `count` do not apply: the draw decided.
    pub fn from_draw(banks: &'a [Bank], drawn: &Drawn, options: Options) -> Result<Self, Error> {
        let items: Vec<Item<'a>> = drawn
            .picks
            .iter()
            .filter_map(|pick| {
                let bank = banks.get(pick.bank)?;
                let question = bank.questions.get(pick.question)?;
                Some(Item::new(bank, question, Some(pick.domain)))
            })
            .collect();
        if items.is_empty() {
            return Err(Error::Empty);
        }
        let mut shuffler = Shuffler::new(options.seed);
        Ok(Session::with_items(
            items,
            options,
            drawn.domains.clone(),
            &mut shuffler,
        ))
    }
}

impl Summary {
    /// Each domain's result, weakest first (ties in the blueprint's order). A
    /// domain that was given no question is left out.
    pub fn by_domain(&self) -> Vec<DomainScore> {
        let mut scores: Vec<DomainScore> = self
            .domains
            .iter()
            .map(|name| DomainScore {
                name: name.clone(),
                questions: 0,
                points: 0.0,
            })
            .collect();
        let index: HashMap<&str, usize> = self
            .domains
            .iter()
            .enumerate()
            .map(|(i, name)| (name.as_str(), i))
            .collect();
        for r in self.scored() {
            let Some(&i) = r.domain.as_deref().and_then(|name| index.get(name)) else {
                continue;
            };
            scores[i].questions += 1;
            scores[i].points += r.points;
        }
        scores.retain(|s| s.questions > 0);
        // A stable sort keeps the blueprint's order among equals.
        scores.sort_by(|a, b| a.percent().total_cmp(&b.percent()));
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::read_bank;
    use crate::quiz::{Mode, Scale};

    fn banks() -> Vec<Bank> {
        let mut text = String::from("questions:\n");
        for id in ["a", "b", "c", "d"] {
            text.push_str(&format!(
                "  - id: {id}\n    question: Pick A\n    choices: [x, y]\n    answer: A\n"
            ));
        }
        read_bank("t.yaml", text.as_bytes(), &mut Vec::new())
            .into_iter()
            .collect()
    }

    fn drawn() -> Drawn {
        let pick = |question, domain| Pick {
            bank: 0,
            question,
            domain,
        };
        Drawn {
            domains: vec!["Alpha".into(), "Beta".into(), "Gamma".into()],
            picks: vec![pick(2, 1), pick(0, 0), pick(1, 0), pick(3, 1)],
        }
    }

    fn exam() -> Options {
        Options {
            mode: Mode::Exam,
            pass_mark: 70.0,
            title: Some("Mock".into()),
            ..Options::default()
        }
    }

    #[test]
    fn asks_the_drawn_questions_in_the_drawn_order() {
        let b = banks();
        let s = Session::from_draw(&b, &drawn(), exam()).expect("session");
        let ids: Vec<String> = (0..s.len())
            .filter_map(|i| s.asked(i))
            .map(|a| a.question.id.value.clone())
            .collect();
        assert_eq!(ids, ["c", "a", "b", "d"]);
        assert_eq!(s.title(), Some("Mock"));
    }

    /// The summary of `s` with `picks[i]` picked on question i (none: unanswered).
    fn finish(s: &Session, picks: &[Option<usize>]) -> Summary {
        let records = (0..s.len())
            .filter_map(|i| {
                let given = picks.get(i).copied().flatten().into_iter().collect();
                let response = crate::quiz::Response::Picks(given);
                let outcome = s.outcome(i, &response)?;
                s.record(i, &outcome, &response, crate::quiz::Taken::default())
            })
            .collect();
        s.summary(records, false, std::time::Duration::ZERO)
    }

    #[test]
    fn scores_each_domain_weakest_first() {
        let b = banks();
        let s = Session::from_draw(&b, &drawn(), exam()).expect("session");
        // c (Beta) right, a (Alpha) wrong, b (Alpha) right, d (Beta) right.
        let summary = finish(&s, &[Some(0), Some(1), Some(0), Some(0)]);
        assert_eq!(summary.records[0].domain.as_deref(), Some("Beta"));
        let domains = summary.by_domain();
        assert_eq!(
            domains,
            [
                DomainScore {
                    name: "Alpha".into(),
                    questions: 2,
                    points: 1.0
                },
                DomainScore {
                    name: "Beta".into(),
                    questions: 2,
                    points: 2.0
                },
            ],
            "Gamma got no question and is left out"
        );
        assert_eq!(domains[0].percent(), 50.0);
        assert_eq!(summary.title.as_deref(), Some("Mock"));
    }

    #[test]
    fn a_scale_decides_by_the_rounded_scaled_score() {
        let b = banks();
        let scaled = Options {
            scale: Some(Scale {
                min: 100,
                max: 900,
                pass: 700,
            }),
            ..exam()
        };
        let s = Session::from_draw(&b, &drawn(), scaled.clone()).expect("session");
        let summary = finish(&s, &[Some(0), Some(0), Some(0)]);
        // 3 of 4: 100 + 800 × 0.75 = 700, the pass score.
        assert_eq!(summary.scaled_score(), Some(700));
        assert_eq!(summary.passed(), Some(true));
        let s = Session::from_draw(&b, &drawn(), scaled).expect("session");
        let summary = finish(&s, &[Some(0)]);
        assert_eq!(summary.scaled_score(), Some(300));
        assert_eq!(summary.passed(), Some(false));
    }
}
