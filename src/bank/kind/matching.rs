//! Match questions: `pairs` of a premise and its response (`- ClientHello:
//! nothing`), and `extra` responses that match no premise. The premises keep
//! their order and are numbered; the responses (each text once, a response may
//! serve several premises) are lettered and shuffled, whatever `--no-shuffle`
//! says: in the file's order, which follows the premises, they would give the
//! answer away. `shuffle: false` shows them sorted instead (numbers by value,
//! the rest alphabetically), for responses that read best in order.
//! Strict scoring wants every pair; partial gives right pairs ÷ pairs.

use super::{
    Answering, Arrange, Edit, Model, Part, Progress, Raw, Read, Refusal, Response, Scoring, What,
};
use crate::bank::reader::{Fields, Reader};
use crate::bank::write;
use crate::bank::yaml::{Node, Value};
use crate::bank::{Spanned, letter};
use crate::diagnostic::Pos;
use std::fmt::Write as _;

/// A match question.
#[derive(Debug, Clone)]
pub struct Match {
    /// The premises, each with its response, in file order.
    pub pairs: Spanned<Vec<Pair>>,
    /// Responses that match no premise.
    pub extra: Vec<Spanned<String>>,
    /// `false` keeps the responses in file order even when a run shuffles.
    pub shuffle: bool,
}

#[derive(Debug, Clone)]
pub struct Pair {
    /// Where the pair is written (its `- `).
    pub pos: Pos,
    pub premise: Spanned<String>,
    pub response: Spanned<String>,
}

/// The fewest pairs a match may have.
pub const MIN_PAIRS: usize = 2;

impl Match {
    /// The responses as lettered in the file: each pair's response, once (a
    /// response may serve several premises), in order, then the extra ones.
    pub fn responses(&self) -> Vec<&Spanned<String>> {
        let mut out: Vec<&Spanned<String>> = Vec::new();
        let texts = self
            .pairs
            .value
            .iter()
            .map(|p| &p.response)
            .chain(&self.extra);
        for text in texts {
            if !out.iter().any(|o| o.value.trim() == text.value.trim()) {
                out.push(text);
            }
        }
        out
    }

    /// For each premise, the index of its response in [`Match::responses`].
    pub fn answers(&self) -> Vec<usize> {
        let responses = self.responses();
        self.pairs
            .value
            .iter()
            .map(|p| {
                responses
                    .iter()
                    .position(|r| r.value.trim() == p.response.value.trim())
                    .unwrap_or(0)
            })
            .collect()
    }

    fn premises(&self) -> usize {
        self.pairs.value.len()
    }

    /// The slots of `response`, one per premise (all empty for another shape).
    fn slots(&self, response: &Response) -> Vec<Option<usize>> {
        match response {
            Response::Pairs(slots) if slots.len() == self.premises() => slots.clone(),
            _ => vec![None; self.premises()],
        }
    }
}

impl Model for Match {
    fn hash(&self, feed: &mut dyn FnMut(&str)) {
        for pair in &self.pairs.value {
            feed(pair.premise.value.trim());
            feed(pair.response.value.trim());
        }
        for extra in &self.extra {
            feed(extra.value.trim());
        }
    }

    fn texts(&self) -> Vec<Part<'_>> {
        let premises = self.pairs.value.iter().enumerate().map(|(i, p)| Part {
            what: What::Premise(i),
            text: &p.premise,
            asked: true,
        });
        let responses = self
            .responses()
            .into_iter()
            .enumerate()
            .map(|(i, text)| Part {
                what: What::Response(i),
                text,
                asked: true,
            });
        premises.chain(responses).collect()
    }

    fn arrange(&self) -> Arrange {
        let responses = self.responses();
        if self.shuffle {
            return Arrange::Random(responses.len());
        }
        let mut order: Vec<usize> = (0..responses.len()).collect();
        order.sort_by(|&a, &b| sorted(&responses[a].value, &responses[b].value));
        Arrange::Fixed(order)
    }

    fn blank(&self) -> Response {
        Response::Pairs(vec![None; self.premises()])
    }

    fn edit(
        &self,
        shown: &[usize],
        response: &Response,
        edit: &Edit,
        _exam: bool,
    ) -> Result<Response, Refusal> {
        let responses = shown.len();
        let premises = self.premises();
        let check = |slot: Option<usize>| match slot {
            Some(picked) if picked >= responses => Err(Refusal::NotAResponse { picked, responses }),
            _ => Ok(()),
        };
        match edit {
            Edit::Fill {
                premise,
                response: slot,
            } if *premise < premises => {
                check(*slot)?;
                let mut slots = self.slots(response);
                slots[*premise] = *slot;
                Ok(Response::Pairs(slots))
            }
            Edit::Set(Response::Pairs(slots)) => {
                if slots.len() != premises {
                    return Err(Refusal::PairCount { premises });
                }
                slots.iter().try_for_each(|s| check(*s))?;
                Ok(Response::Pairs(slots.clone()))
            }
            _ => Err(Refusal::NotHere),
        }
    }

    fn progress(&self, _shown: &[usize], response: &Response) -> Progress {
        let slots = self.slots(response);
        let done = slots.iter().filter(|s| s.is_some()).count();
        match done {
            0 => Progress::Blank,
            d if d < slots.len() => Progress::Partial {
                done: d,
                of: slots.len(),
            },
            _ => Progress::Complete,
        }
    }

    fn score(&self, shown: &[usize], response: &Response, scoring: Scoring) -> Option<f64> {
        let premises = self.premises();
        if premises == 0 {
            return Some(0.0);
        }
        let right = self
            .slots(response)
            .iter()
            .zip(self.answers())
            .filter(|(slot, answer)| slot.and_then(|s| shown.get(s)) == Some(answer))
            .count();
        Some(scoring.share(right as f64 / premises as f64))
    }

    fn kept(&self, shown: &[usize], response: &Response) -> Response {
        let slots = self.slots(response);
        Response::Pairs(
            slots
                .into_iter()
                .map(|s| s.and_then(|s| shown.get(s).copied()))
                .collect(),
        )
    }

    fn restored(&self, shown: &[usize], kept: &Response) -> Response {
        let slots = self.slots(kept);
        Response::Pairs(
            slots
                .into_iter()
                .map(|f| f.and_then(|f| shown.iter().position(|&s| s == f)))
                .collect(),
        )
    }

    fn given(&self, kept: &Response) -> Vec<String> {
        if kept.is_blank() {
            return Vec::new();
        }
        self.slots(kept)
            .into_iter()
            .map(|s| s.map_or_else(|| "-".to_owned(), |f| letter(f).to_string()))
            .collect()
    }

    fn expected(&self) -> Vec<String> {
        self.answers()
            .into_iter()
            .map(|i| letter(i).to_string())
            .collect()
    }

    fn view<'a>(
        &'a self,
        shown: &[usize],
        response: &'a Response,
        judged: bool,
    ) -> super::View<Raw<'a>> {
        let responses = self.responses();
        let answers = self.answers();
        let slots = self.slots(response);
        let premises = self
            .pairs
            .value
            .iter()
            .zip(&slots)
            .zip(&answers)
            .enumerate()
            .map(|(i, ((pair, slot), &answer))| {
                let at = shown.iter().position(|&s| s == answer).unwrap_or(0);
                Premise {
                    number: i + 1,
                    text: Raw::flat(&pair.premise.value),
                    slot: slot.map(letter),
                    answer: judged.then(|| Judged {
                        right: slot.and_then(|s| shown.get(s)) == Some(&answer),
                        letter: letter(at),
                        text: Raw::flat(&pair.response.value),
                    }),
                }
            })
            .collect();
        let lettered = shown
            .iter()
            .enumerate()
            .filter_map(|(at, &file)| Some((letter(at), Raw::flat(&responses.get(file)?.value))))
            .collect();
        super::View::Match(View {
            premises,
            responses: lettered,
        })
    }
}

/// How `shuffle: false` sorts responses: numbers by value and before text,
/// text without regard to case.
fn sorted(a: &str, b: &str) -> std::cmp::Ordering {
    let number = |t: &str| super::number::parse(t);
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a
            .trim()
            .to_lowercase()
            .cmp(&b.trim().to_lowercase())
            .then_with(|| a.cmp(b)),
    }
}

/// A match question as a front draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct View<T> {
    pub premises: Vec<Premise<T>>,
    /// The responses as shown, with their letters.
    pub responses: Vec<(char, T)>,
}

/// One premise, with the letter in its slot.
#[derive(Debug, Clone, PartialEq)]
pub struct Premise<T> {
    /// 1, 2…
    pub number: usize,
    pub text: T,
    /// The letter of the response put beside it.
    pub slot: Option<char>,
    /// Once judged: whether its slot is right, and the right response.
    pub answer: Option<Judged<T>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Judged<T> {
    pub right: bool,
    pub letter: char,
    pub text: T,
}

impl<T> View<T> {
    pub fn map<U>(self, f: &mut impl FnMut(T) -> U) -> View<U> {
        View {
            premises: self
                .premises
                .into_iter()
                .map(|p| Premise {
                    number: p.number,
                    text: f(p.text),
                    slot: p.slot,
                    answer: p.answer.map(|j| Judged {
                        right: j.right,
                        letter: j.letter,
                        text: f(j.text),
                    }),
                })
                .collect(),
            responses: self.responses.into_iter().map(|(l, t)| (l, f(t))).collect(),
        }
    }
}

impl Read for Match {
    const KEYS: &'static [&'static str] = &["pairs", "extra", "shuffle"];
    const ANSWERING: Answering = Answering::Pairs;

    fn write(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let _ = writeln!(out, "{pad}pairs:");
        for pair in &self.pairs.value {
            let _ = writeln!(
                out,
                "{pad}  - {}: {}",
                write::scalar(&pair.premise.value, false),
                write::scalar(&pair.response.value, false)
            );
        }
        if !self.extra.is_empty() {
            let _ = writeln!(out, "{pad}extra:");
            for extra in &self.extra {
                let _ = writeln!(out, "{pad}  - {}", write::scalar(&extra.value, false));
            }
        }
        if !self.shuffle {
            let _ = writeln!(out, "{pad}shuffle: false");
        }
    }

    fn read(r: &mut Reader, f: &Fields, node: &Node) -> Option<Self> {
        let shuffle = r.shuffle(f.get("shuffle"));
        let extra = match f.get("extra") {
            None => Some(Vec::new()),
            Some(n) if matches!(n.value, Value::Null) => Some(Vec::new()),
            Some(n) => r
                .list(n, "extra", "a list of responses")
                .and_then(|items| items.iter().map(|i| r.text(i, "a response")).collect()),
        };
        let pairs = r
            .required(f, node, "a match question", "pairs")
            .and_then(|n| read_pairs(r, n));
        Some(Match {
            pairs: pairs?,
            extra: extra?,
            shuffle,
        })
    }

    fn schema() -> (serde_json::Value, &'static [&'static str]) {
        let text = super::schema_text("A response.");
        let properties = serde_json::json!({
            "pairs": {
                "type": "array",
                "minItems": MIN_PAIRS,
                "maxItems": 26,
                "description": "The premises, each with its response: `- premise: response`. Premise and response are text, even when they look like numbers.",
                "items": {
                    "type": "object",
                    "minProperties": 1,
                    "maxProperties": 1,
                    "additionalProperties": text
                }
            },
            "extra": {
                "type": "array",
                "items": text,
                "description": "Responses that match no premise."
            },
            "shuffle": {
                "type": "boolean",
                "default": true,
                "description": "`false` shows the responses sorted (numbers by value, the rest alphabetically) instead of shuffled."
            }
        });
        (properties, &["pairs"])
    }
}

fn read_pairs(r: &mut Reader, node: &Node) -> Option<Spanned<Vec<Pair>>> {
    let items = r.list(node, "pairs", "a list of pairs, `- premise: response`")?;
    let mut ok = true;
    let mut pairs = Vec::with_capacity(items.len());
    for item in items {
        let one = match &item.value {
            Value::Map(entries) if entries.len() == 1 => {
                let (key, value) = &entries[0];
                match (&key.value, r.text(value, "a response")) {
                    (Value::Scalar { text, .. }, Some(response)) => Some(Pair {
                        pos: item.pos,
                        premise: Spanned::new(text.clone(), key.pos),
                        response,
                    }),
                    (Value::Scalar { .. }, None) => None,
                    _ => {
                        r.wrong_type(key, "a premise", "text");
                        None
                    }
                }
            }
            _ => {
                let found = item.kind_name();
                r.error(
                    item.pos,
                    "wrong-type",
                    format!(
                        "a pair is written `- premise: response` (one key and its value), found {}",
                        match &item.value {
                            Value::Map(entries) => format!("a map of {} keys", entries.len()),
                            _ => found.to_owned(),
                        }
                    ),
                );
                None
            }
        };
        match one {
            Some(pair) => pairs.push(pair),
            None => ok = false,
        }
    }
    ok.then(|| Spanned::new(pairs, node.pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanned(text: &str) -> Spanned<String> {
        Spanned::new(text.to_owned(), Pos::new(1, 1))
    }

    fn three() -> Match {
        let pair = |p: &str, r: &str| Pair {
            pos: Pos::new(1, 1),
            premise: spanned(p),
            response: spanned(r),
        };
        Match {
            pairs: Spanned::new(
                vec![pair("one", "x"), pair("two", "y"), pair("three", "x")],
                Pos::new(1, 1),
            ),
            extra: vec![spanned("z")],
            shuffle: true,
        }
    }

    #[test]
    fn a_response_serves_several_premises_and_counts_once() {
        let m = three();
        let texts: Vec<&str> = m.responses().iter().map(|r| r.value.as_str()).collect();
        assert_eq!(texts, ["x", "y", "z"]);
        assert_eq!(m.answers(), [0, 1, 0]);
        assert_eq!(m.expected(), ["A", "B", "A"]);
    }

    #[test]
    fn responses_shuffle_whatever_the_run_says_and_sort_under_shuffle_false() {
        let mut m = three();
        assert_eq!(m.arrange(), Arrange::Random(3));
        m.shuffle = false;
        // x, y, z as lettered in the file; sorted, numbers first by value.
        m.extra = vec![spanned("10"), spanned("9"), spanned("Alpha")];
        let order = match m.arrange() {
            Arrange::Fixed(order) => order,
            other => panic!("{other:?}"),
        };
        let shown: Vec<&str> = order
            .iter()
            .map(|&i| m.responses()[i].value.as_str())
            .collect();
        assert_eq!(shown, ["9", "10", "Alpha", "x", "y"]);
    }

    #[test]
    fn partial_scoring_counts_right_pairs() {
        let m = three();
        // Shown: z, x, y.
        let shown = [2, 0, 1];
        let right = Response::Pairs(vec![Some(1), Some(2), Some(1)]);
        assert_eq!(m.score(&shown, &right, Scoring::Strict), Some(1.0));
        let one_wrong = Response::Pairs(vec![Some(1), Some(0), None]);
        assert_eq!(
            m.score(&shown, &one_wrong, Scoring::Partial),
            Some(1.0 / 3.0)
        );
        assert_eq!(m.score(&shown, &one_wrong, Scoring::Strict), Some(0.0));
        assert_eq!(
            m.progress(&shown, &one_wrong),
            Progress::Partial { done: 2, of: 3 }
        );
        let kept = m.kept(&shown, &one_wrong);
        assert_eq!(m.given(&kept), ["A", "C", "-"]);
        assert_eq!(m.restored(&shown, &kept), one_wrong);
        assert_eq!(
            m.edit(
                &shown,
                &right,
                &Edit::Fill {
                    premise: 0,
                    response: Some(3)
                },
                false
            ),
            Err(Refusal::NotAResponse {
                picked: 3,
                responses: 3
            })
        );
    }
}
