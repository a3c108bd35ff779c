//! `quiz new`'s prompts for what a question's kind owns: the kind itself, a
//! choice question's choices, answer, `multi`, `why`s and `shuffle: false`, an order's items, a
//! match's pairs and extra responses, a number's answer and tolerance, a
//! text's accepted answers and case, an open question's model answer. Each is
//! checked as it is typed with the rules of `quiz check`.

use super::{Field, Prompts, Step, Stop, problem, sample};
use crate::author::Draft;
use crate::bank::{Kind, letter};
use dialoguer::MultiSelect;

/// The fields a question of `kind` owns, in the order asked.
pub(super) fn own(kind: Kind) -> Vec<Field> {
    Field::of_kind(kind)
        .into_iter()
        .filter(|f| {
            !matches!(
                f,
                Field::Kind | Field::Question | Field::Id | Field::Exhibit
            )
        })
        .filter(|f| !matches!(f, Field::Explanation | Field::References | Field::Tags))
        .collect()
}

impl Prompts {
    /// Choices, one per prompt; an empty one ends the list (after two).
    pub(super) fn choices(&self, before: &[String]) -> Step<Vec<String>> {
        let mut choices: Vec<String> = Vec::new();
        while choices.len() < crate::bank::MAX_CHOICES {
            let i = choices.len();
            let prompt = if i < 2 {
                format!("Choice {}", letter(i))
            } else {
                format!("Choice {} (empty ends)", letter(i))
            };
            let so_far = choices.clone();
            let check = move |text: &String| {
                let mut all = so_far.clone();
                let text = text.trim();
                if text.is_empty() {
                    let probe = Draft {
                        choices: so_far.clone(),
                        ..sample()
                    };
                    return problem(&probe, &["too-few-choices"]);
                }
                all.push(text.to_owned());
                let probe = Draft {
                    choices: all,
                    ..sample()
                };
                problem(&probe, &["duplicate-choice"])
            };
            let choice = self.text(&prompt, before.get(i).map(String::as_str), None, check)?;
            if choice.is_empty() {
                return Ok(choices);
            }
            choices.push(choice);
        }
        self.say(&self.paint.dim(&format!(
            "{} choices (A to Z) are the most a question may have.",
            crate::bank::MAX_CHOICES
        )))?;
        Ok(choices)
    }

    /// Which choices are correct: a checklist, at least one ticked.
    pub(super) fn correct(&self, choices: &[String], before: &[usize]) -> Step<Vec<usize>> {
        let items: Vec<String> = choices
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{}) {c}", letter(i)))
            .collect();
        let mut ticked: Vec<bool> = (0..choices.len()).map(|i| before.contains(&i)).collect();
        loop {
            self.check_interrupted()?;
            let picked = MultiSelect::with_theme(self.theme.as_ref())
                .with_prompt("Which are correct? Space ticks, Enter confirms")
                .items(&items)
                .defaults(&ticked)
                .interact_on_opt(&self.term)?;
            let Some(picked) = picked else {
                return Err(Stop::Cancel);
            };
            if !picked.is_empty() {
                return Ok(picked);
            }
            let probe = Draft {
                choices: choices.to_vec(),
                correct: Vec::new(),
                ..sample()
            };
            if let Err(message) = problem(&probe, &["invalid-answer"]) {
                self.say(&format!("{}: {message}", self.paint.bad("error")))?;
            }
            ticked = vec![false; choices.len()];
        }
    }

    /// A menu whose Esc cancels, as the others do.
    fn pick(&self, prompt: &str, items: &[&str], default: usize) -> Step<usize> {
        self.check_interrupted()?;
        let picked = dialoguer::Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact_on_opt(&self.term)?;
        picked.ok_or(Stop::Cancel)
    }

    /// The kind of question: choice, order, match, number, text or open.
    pub(super) fn kind(&self, before: Kind) -> Step<Kind> {
        let items: Vec<String> = Kind::ALL
            .iter()
            .map(|k| format!("{:<7} {}", k.name(), k.describe()))
            .collect();
        let labels: Vec<&str> = items.iter().map(String::as_str).collect();
        let at = Kind::ALL.iter().position(|&k| k == before).unwrap_or(0);
        let picked = self.pick("Kind of question", &labels, at)?;
        Ok(Kind::ALL.get(picked).copied().unwrap_or(Kind::Choice))
    }

    /// `multi: true` or not: whether the stem's hint tells how many are right.
    pub(super) fn multi(&self, draft: &Draft) -> Step<bool> {
        let right = draft.correct.len();
        let told = match right {
            1 => "Tell nothing: one answer is picked".to_owned(),
            n => format!("Tell how many: (Choose {n})"),
        };
        let items = [
            told.as_str(),
            "(Select all that apply), without the count (multi: true)",
        ];
        let picked = self.pick("How is it asked?", &items, usize::from(draft.multi))?;
        Ok(picked == 1)
    }

    /// Each choice's `why`, the author's word on it after the verdict.
    pub(super) fn whys(&self, draft: &Draft) -> Step<Vec<String>> {
        let mut whys = Vec::with_capacity(draft.choices.len());
        for (i, choice) in draft.choices.iter().enumerate() {
            let right = if draft.correct.contains(&i) {
                ", right"
            } else {
                ""
            };
            let prompt = format!("Why {}) {choice}{right} (optional)", letter(i));
            let before = draft.whys.get(i).map(String::as_str);
            whys.push(self.text(&prompt, before, None, |_| Ok(()))?);
        }
        Ok(whys)
    }

    /// `shuffle: false` or not: a choice question's choices, or a match's
    /// responses, kept in file order when a run shuffles.
    pub(super) fn keep_order(&self, draft: &Draft) -> Step<bool> {
        let what = if draft.kind == Kind::Match {
            "responses"
        } else {
            "choices"
        };
        let shuffle = format!("Shuffle the {what} when the run shuffles");
        let keep = format!("Keep the {what} in this order (shuffle: false)");
        let picked = self.pick(
            &format!("The {what}' order"),
            &[shuffle.as_str(), keep.as_str()],
            usize::from(draft.keep_order),
        )?;
        Ok(picked == 1)
    }

    /// A list of texts, one per prompt, an empty one ending it once `least`
    /// are given; each checked with `check` against those before it.
    fn list(
        &self,
        name: impl Fn(usize) -> String,
        before: &[String],
        least: usize,
        check: impl Fn(&[String], &str) -> Result<(), String>,
    ) -> Step<Vec<String>> {
        let mut texts: Vec<String> = Vec::new();
        while texts.len() < crate::bank::MAX_CHOICES {
            let i = texts.len();
            let prompt = if i < least {
                name(i)
            } else {
                format!("{} (empty ends)", name(i))
            };
            let so_far = texts.clone();
            let checked = |text: &String| check(&so_far, text.trim());
            let text = self.text(&prompt, before.get(i).map(String::as_str), None, checked)?;
            if text.is_empty() {
                return Ok(texts);
            }
            texts.push(text);
        }
        Ok(texts)
    }

    /// An order's items, in the right order: at least three.
    pub(super) fn items(&self, before: &[String]) -> Step<Vec<String>> {
        let name = |i: usize| match i {
            0 => "Item 1, the first".to_owned(),
            n => format!("Item {}", n + 1),
        };
        self.list(name, before, 3, |so_far, text| {
            let mut items = so_far.to_vec();
            let codes = if text.is_empty() {
                &["too-few-items"][..]
            } else {
                items.push(text.to_owned());
                &["duplicate-item"][..]
            };
            problem(
                &Draft {
                    kind: Kind::Order,
                    items,
                    ..sample()
                },
                codes,
            )
        })
    }

    /// A match's pairs: a premise, then its response, until an empty premise
    /// (after two).
    pub(super) fn pairs(&self, before: &[(String, String)]) -> Step<Vec<(String, String)>> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        while pairs.len() < crate::bank::MAX_CHOICES {
            let i = pairs.len();
            let prompt = if i < 2 {
                format!("Premise {}", i + 1)
            } else {
                format!("Premise {} (empty ends)", i + 1)
            };
            let so_far = pairs.clone();
            let check = |text: &String| {
                let mut probe = so_far.clone();
                let codes = if text.trim().is_empty() {
                    &["too-few-pairs"][..]
                } else {
                    probe.push((text.trim().to_owned(), "x".to_owned()));
                    &["duplicate-premise"][..]
                };
                problem(
                    &Draft {
                        kind: Kind::Match,
                        pairs: probe,
                        ..sample()
                    },
                    codes,
                )
            };
            let old = before.get(i);
            let premise = self.text(&prompt, old.map(|p| p.0.as_str()), None, check)?;
            if premise.is_empty() {
                return Ok(pairs);
            }
            let response = self.text(
                &format!("Response to premise {i} ({premise})", i = i + 1),
                old.map(|p| p.1.as_str()),
                None,
                |text: &String| {
                    if text.trim().is_empty() {
                        Err("a premise needs its response".to_owned())
                    } else {
                        Ok(())
                    }
                },
            )?;
            pairs.push((premise, response));
        }
        Ok(pairs)
    }

    /// A match's responses that match no premise (optional).
    pub(super) fn extra(&self, draft: &Draft) -> Step<Vec<String>> {
        let pairs = draft.pairs.clone();
        self.list(
            |i| format!("Extra response {}, matching no premise", i + 1),
            &draft.extra,
            0,
            move |so_far, text| {
                if text.is_empty() {
                    return Ok(());
                }
                let mut extra = so_far.to_vec();
                extra.push(text.to_owned());
                problem(
                    &Draft {
                        kind: Kind::Match,
                        pairs: pairs.clone(),
                        extra,
                        ..sample()
                    },
                    &["duplicate-response"],
                )
            },
        )
    }

    /// A number's answer, a text's accepted answers, an open question's model
    /// answer.
    pub(super) fn answers(&self, draft: &Draft) -> Step<Vec<String>> {
        match draft.kind {
            Kind::Number => {
                let check = |text: &String| {
                    problem(
                        &Draft {
                            kind: Kind::Number,
                            answers: vec![text.trim().to_owned()],
                            ..sample()
                        },
                        &["invalid-number"],
                    )
                };
                let before = draft.answers.first().map(String::as_str);
                Ok(vec![self.text("Answer (a number)", before, None, check)?])
            }
            Kind::Text => self.list(
                |i| match i {
                    0 => "Accepted answer".to_owned(),
                    n => format!("Accepted answer {}", n + 1),
                },
                &draft.answers,
                1,
                |so_far, text| {
                    if text.is_empty() {
                        return match so_far {
                            [] => Err("give at least one accepted answer".to_owned()),
                            _ => Ok(()),
                        };
                    }
                    let mut answers = so_far.to_vec();
                    answers.push(text.to_owned());
                    let codes = &["empty-answer", "duplicate-accepted"];
                    let probe = Draft {
                        kind: Kind::Text,
                        answers,
                        ..sample()
                    };
                    // The repeat is a warning in `check`; here it is refused.
                    match crate::author::problems(&probe)
                        .into_iter()
                        .find(|d| codes.contains(&d.code))
                    {
                        Some(d) => Err(d.message),
                        None => Ok(()),
                    }
                },
            ),
            _ => loop {
                let before = draft.answers.first().map(String::as_str);
                if let Some(model) = self.lines("Model answer", before, false)? {
                    break Ok(vec![model]);
                }
                self.say(&format!(
                    "{}: an open question needs a model answer, to mark the attempt against",
                    self.paint.bad("error")
                ))?;
            },
        }
    }

    /// A number's tolerance: an amount or a percentage (optional).
    pub(super) fn tolerance(&self, draft: &Draft) -> Step<Option<String>> {
        let check = |text: &String| {
            if text.trim().is_empty() {
                return Ok(());
            }
            problem(
                &Draft {
                    kind: Kind::Number,
                    tolerance: Some(text.trim().to_owned()),
                    ..sample()
                },
                &["invalid-tolerance"],
            )
        };
        let text = self.text(
            "Tolerance (optional: an amount such as 0.5, or a percentage such as 1%)",
            draft.tolerance.as_deref(),
            None,
            check,
        )?;
        Ok((!text.is_empty()).then_some(text))
    }

    /// `case: sensitive` or not.
    pub(super) fn case(&self, before: bool) -> Step<bool> {
        let items = [
            "Case does not matter (SNI is sni)",
            "Case matters (case: sensitive)",
        ];
        Ok(self.pick("Case in the answers", &items, usize::from(before))? == 1)
    }
}
