//! What a candidate gives in answer to a question: a response whose shape its
//! kind defines (today the picks of a choice question; an order, pairs, a number
//! or a text as kinds are added), how an edit changes it under the kind's rules,
//! and whether it is blank or complete.

use super::Prompt;
use serde::{Deserialize, Serialize};

/// A response, as shown: a choice question's picks are positions on screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The choices picked, as shown, sorted; none is a blank answer.
    Picks(Vec<usize>),
}

impl Default for Response {
    fn default() -> Self {
        Response::Picks(Vec::new())
    }
}

/// A change to a response, as a front asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Choice: pick the choice shown at this position. With one answer it
    /// replaces the pick (in an exam, picking it again clears it); with several
    /// it ticks or unticks.
    Pick(usize),
    /// The whole response at once, as the line front reads it from a line.
    Set(Response),
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
}

impl Response {
    /// Nothing given.
    pub fn is_blank(&self) -> bool {
        match self {
            Response::Picks(picks) => picks.is_empty(),
        }
    }

    /// The choices picked, as shown.
    pub fn picks(&self) -> &[usize] {
        match self {
            Response::Picks(picks) => picks,
        }
    }

    /// How many are picked of how many the question asks for, when it asks for
    /// a number and fewer are picked: "1 of 2 picked".
    pub fn incomplete(&self, prompt: Prompt) -> Option<(usize, usize)> {
        let picked = self.picks().len();
        match prompt {
            Prompt::Choose(wanted) if picked > 0 && picked < wanted => Some((picked, wanted)),
            _ => None,
        }
    }

    /// The response after `edit`, for a question of `prompt` with `choices`
    /// choices; `exam` lets a single pick be cleared by picking it again.
    pub fn edited(
        &self,
        edit: &Edit,
        prompt: Prompt,
        choices: usize,
        exam: bool,
    ) -> Result<Response, Refusal> {
        let picks = self.picks();
        match edit {
            Edit::Pick(shown) => {
                let shown = *shown;
                if shown >= choices {
                    return Err(Refusal::NotAChoice {
                        picked: shown,
                        choices,
                    });
                }
                if !prompt.takes_several() {
                    let cleared = exam && picks == [shown];
                    return Ok(Response::Picks(if cleared {
                        Vec::new()
                    } else {
                        vec![shown]
                    }));
                }
                let mut next = picks.to_vec();
                match next.iter().position(|&p| p == shown) {
                    Some(at) => {
                        next.remove(at);
                    }
                    None => {
                        if let Prompt::Choose(allowed) = prompt
                            && next.len() >= allowed
                        {
                            return Err(Refusal::TooMany { allowed });
                        }
                        next.push(shown);
                        next.sort_unstable();
                    }
                }
                Ok(Response::Picks(next))
            }
            Edit::Set(Response::Picks(given)) => {
                let mut next = given.clone();
                next.sort_unstable();
                next.dedup();
                if let Some(&past) = next.iter().find(|&&p| p >= choices) {
                    return Err(Refusal::NotAChoice {
                        picked: past,
                        choices,
                    });
                }
                match prompt {
                    Prompt::One if next.len() > 1 => Err(Refusal::OneAnswer),
                    Prompt::Choose(allowed) if next.len() > allowed => {
                        Err(Refusal::TooMany { allowed })
                    }
                    _ => Ok(Response::Picks(next)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picks(v: &[usize]) -> Response {
        Response::Picks(v.to_vec())
    }

    #[test]
    fn one_answer_replaces_and_an_exam_clears_by_picking_again() {
        let r = picks(&[1]);
        assert_eq!(
            r.edited(&Edit::Pick(2), Prompt::One, 4, false),
            Ok(picks(&[2]))
        );
        assert_eq!(
            r.edited(&Edit::Pick(1), Prompt::One, 4, false),
            Ok(picks(&[1]))
        );
        assert_eq!(
            r.edited(&Edit::Pick(1), Prompt::One, 4, true),
            Ok(picks(&[]))
        );
        assert_eq!(
            r.edited(&Edit::Pick(4), Prompt::One, 4, false),
            Err(Refusal::NotAChoice {
                picked: 4,
                choices: 4
            })
        );
        assert_eq!(
            r.edited(&Edit::Set(picks(&[0, 2])), Prompt::One, 4, false),
            Err(Refusal::OneAnswer)
        );
    }

    #[test]
    fn choose_n_refuses_more_than_n_and_allows_fewer() {
        let two = Prompt::Choose(2);
        let r = picks(&[0, 2]);
        assert_eq!(
            r.edited(&Edit::Pick(3), two, 5, false),
            Err(Refusal::TooMany { allowed: 2 })
        );
        assert_eq!(r.edited(&Edit::Pick(2), two, 5, false), Ok(picks(&[0])));
        assert_eq!(picks(&[0]).incomplete(two), Some((1, 2)));
        assert_eq!(r.incomplete(two), None);
        assert_eq!(picks(&[]).incomplete(two), None);
        assert_eq!(
            picks(&[]).edited(&Edit::Set(picks(&[2, 0, 1])), two, 5, false),
            Err(Refusal::TooMany { allowed: 2 })
        );
        // Select-all questions take any number.
        let all = picks(&[0, 1, 2, 3]);
        assert_eq!(
            all.edited(&Edit::Pick(4), Prompt::SelectAll, 5, false),
            Ok(picks(&[0, 1, 2, 3, 4]))
        );
    }
}
