//! Order questions: `items`, written in the right order, at least three, shown
//! shuffled and never in the right order (whatever `--no-shuffle` says: shown in
//! order, the question would answer itself). The candidate arranges them; the
//! shown order counts as an answer once an item is moved or it is confirmed.
//! Strict scoring wants the whole order; partial gives (the longest run of
//! items in the right relative order − 1) ÷ (items − 1), so a reversed order
//! scores nothing.

use super::{
    Answering, Arrange, Edit, Model, Part, Progress, Raw, Read, Refusal, Response, Scoring, What,
};
use crate::bank::reader::{Fields, Reader};
use crate::bank::write;
use crate::bank::yaml::Node;
use crate::bank::{Spanned, letter};
use std::fmt::Write as _;

/// An order question.
#[derive(Debug, Clone)]
pub struct Order {
    /// The items, in the right order.
    pub items: Spanned<Vec<Spanned<String>>>,
}

/// The fewest items an order question may have: with two, the only wrong
/// order is the reverse.
pub const MIN_ITEMS: usize = 3;

impl Order {
    fn len(&self) -> usize {
        self.items.value.len()
    }

    /// The arrangement `response` stands for, as shown positions: the shown
    /// order itself while untouched.
    fn arrangement(&self, shown: &[usize], response: &Response) -> Vec<usize> {
        match response {
            Response::Sequence(seq) if !seq.is_empty() => seq.clone(),
            _ => (0..shown.len()).collect(),
        }
    }

    /// For each place of the arrangement, the place its item has in the right
    /// order (its index in the file).
    fn ranks(shown: &[usize], arranged: &[usize]) -> Vec<usize> {
        arranged
            .iter()
            .filter_map(|&s| shown.get(s).copied())
            .collect()
    }
}

/// The length of the longest strictly increasing subsequence of `ranks`: the
/// most items that stand in the right order relative to each other
/// (patience sorting, O(n log n)).
pub fn longest_run(ranks: &[usize]) -> usize {
    let mut tails: Vec<usize> = Vec::new();
    for &r in ranks {
        match tails.binary_search(&r) {
            Ok(_) => {}
            Err(at) if at == tails.len() => tails.push(r),
            Err(at) => tails[at] = r,
        }
    }
    tails.len()
}

/// Whether `seq` holds each of `0..n` once.
fn is_permutation(seq: &[usize], n: usize) -> bool {
    let mut seen = vec![false; n];
    seq.len() == n
        && seq
            .iter()
            .all(|&i| i < n && !std::mem::replace(&mut seen[i], true))
}

impl Model for Order {
    fn hash(&self, feed: &mut dyn FnMut(&str)) {
        for item in &self.items.value {
            feed(item.value.trim());
        }
    }

    fn texts(&self) -> Vec<Part<'_>> {
        self.items
            .value
            .iter()
            .enumerate()
            .map(|(i, text)| Part {
                what: What::Item(i),
                text,
                asked: true,
            })
            .collect()
    }

    fn arrange(&self) -> Arrange {
        Arrange::Always(self.len())
    }

    fn blank(&self) -> Response {
        Response::Sequence(Vec::new())
    }

    fn edit(
        &self,
        shown: &[usize],
        response: &Response,
        edit: &Edit,
        _exam: bool,
    ) -> Result<Response, Refusal> {
        let n = shown.len();
        match edit {
            Edit::Move { from, to } if *from < n && *to < n => {
                let mut seq = self.arrangement(shown, response);
                let item = seq.remove(*from);
                seq.insert(*to, item);
                Ok(Response::Sequence(seq))
            }
            Edit::Set(Response::Sequence(seq)) => {
                if is_permutation(seq, n) {
                    Ok(Response::Sequence(seq.clone()))
                } else {
                    Err(Refusal::NotAnOrder { items: n })
                }
            }
            _ => Err(Refusal::NotHere),
        }
    }

    fn confirm(&self, shown: &[usize], response: &Response) -> Response {
        Response::Sequence(self.arrangement(shown, response))
    }

    fn progress(&self, _shown: &[usize], response: &Response) -> Progress {
        match response {
            Response::Sequence(seq) if !seq.is_empty() => Progress::Complete,
            _ => Progress::Blank,
        }
    }

    fn score(&self, shown: &[usize], response: &Response, scoring: Scoring) -> Option<f64> {
        let Response::Sequence(seq) = response else {
            return Some(0.0);
        };
        let n = self.len();
        if !is_permutation(seq, n) || shown.len() != n || n < 2 {
            return Some(0.0);
        }
        let ranks = Order::ranks(shown, seq);
        let run = longest_run(&ranks);
        Some(scoring.share((run - 1) as f64 / (n - 1) as f64))
    }

    fn kept(&self, shown: &[usize], response: &Response) -> Response {
        match response {
            Response::Sequence(seq) => Response::Sequence(Order::ranks(shown, seq)),
            _ => self.blank(),
        }
    }

    fn restored(&self, shown: &[usize], kept: &Response) -> Response {
        match kept {
            Response::Sequence(files) => Response::Sequence(
                files
                    .iter()
                    .filter_map(|&f| shown.iter().position(|&s| s == f))
                    .collect(),
            ),
            _ => self.blank(),
        }
    }

    fn given(&self, kept: &Response) -> Vec<String> {
        match kept {
            Response::Sequence(files) => files.iter().map(|&f| letter(f).to_string()).collect(),
            _ => Vec::new(),
        }
    }

    fn expected(&self) -> Vec<String> {
        (0..self.len()).map(|i| letter(i).to_string()).collect()
    }

    fn view<'a>(
        &'a self,
        shown: &[usize],
        response: &'a Response,
        judged: bool,
    ) -> super::View<Raw<'a>> {
        let arranged = self.arrangement(shown, response);
        let text = |file: usize| {
            self.items
                .value
                .get(file)
                .map_or(Raw::flat(""), |t| Raw::flat(&t.value))
        };
        let rows = arranged
            .iter()
            .enumerate()
            .filter_map(|(place, &at)| {
                let file = *shown.get(at)?;
                Some(Item {
                    letter: letter(at),
                    text: text(file),
                    right_place: judged.then_some(file == place),
                })
            })
            .collect();
        let answer = judged.then(|| {
            (0..self.len())
                .filter_map(|file| {
                    let at = shown.iter().position(|&s| s == file)?;
                    Some((letter(at), text(file)))
                })
                .collect()
        });
        super::View::Order(View {
            items: rows,
            touched: matches!(response, Response::Sequence(s) if !s.is_empty()),
            answer,
        })
    }
}

/// An order question as a front draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct View<T> {
    /// The items as the candidate has arranged them (as shown, while untouched).
    pub items: Vec<Item<T>>,
    /// Moved, or confirmed: the arrangement is an answer.
    pub touched: bool,
    /// Once judged: the right order, each item with its letter.
    pub answer: Option<Vec<(char, T)>>,
}

/// One item of the arrangement.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<T> {
    /// The letter it was shown with, which stays with it as it moves.
    pub letter: char,
    pub text: T,
    /// Once judged: whether it stands where it belongs.
    pub right_place: Option<bool>,
}

impl<T> View<T> {
    pub fn map<U>(self, f: &mut impl FnMut(T) -> U) -> View<U> {
        View {
            items: self
                .items
                .into_iter()
                .map(|i| Item {
                    letter: i.letter,
                    text: f(i.text),
                    right_place: i.right_place,
                })
                .collect(),
            touched: self.touched,
            answer: self
                .answer
                .map(|a| a.into_iter().map(|(l, t)| (l, f(t))).collect()),
        }
    }
}

impl Read for Order {
    const KEYS: &'static [&'static str] = &["items"];
    const ANSWERING: Answering = Answering::Sequence;

    fn write(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let _ = writeln!(out, "{pad}items:");
        for item in &self.items.value {
            let _ = writeln!(out, "{pad}  - {}", write::value(&item.value, indent + 4));
        }
    }

    fn read(r: &mut Reader, f: &Fields, node: &Node) -> Option<Self> {
        let items = r.required(f, node, "an order question", "items")?;
        let list = r.list(items, "items", "a list of items, in the right order")?;
        let mut texts = Vec::with_capacity(list.len());
        for item in list {
            r.folded(item, "this item");
            texts.push(r.text(item, "an item")?);
        }
        Some(Order {
            items: Spanned::new(texts, items.pos),
        })
    }

    fn schema() -> (serde_json::Value, &'static [&'static str]) {
        let properties = serde_json::json!({
            "items": {
                "type": "array",
                "minItems": MIN_ITEMS,
                "maxItems": 26,
                "items": super::schema_text("An item."),
                "description": "3 to 26 items, written in the right order; they are shown shuffled, never in that order."
            }
        });
        (properties, &["items"])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(n: usize) -> Order {
        let items = (0..n)
            .map(|i| Spanned::new(format!("item {i}"), crate::diagnostic::Pos::new(1, 1)))
            .collect();
        Order {
            items: Spanned::new(items, crate::diagnostic::Pos::new(1, 1)),
        }
    }

    #[test]
    fn the_longest_run_in_the_right_relative_order() {
        assert_eq!(longest_run(&[0, 1, 2, 3]), 4);
        assert_eq!(longest_run(&[3, 2, 1, 0]), 1);
        assert_eq!(longest_run(&[1, 0, 2, 3]), 3);
        assert_eq!(longest_run(&[2, 0, 3, 1]), 2);
        assert_eq!(longest_run(&[]), 0);
    }

    #[test]
    fn partial_scoring_counts_the_longest_run_and_a_reversed_order_scores_nothing() {
        let o = order(4);
        let shown = [2, 0, 3, 1];
        // As shown: [2, 0, 3, 1] in file terms, a run of 2: (2 − 1) / 3.
        let untouched = o.confirm(&shown, &o.blank());
        let third = o.score(&shown, &untouched, Scoring::Partial);
        assert_eq!(third, Some(1.0 / 3.0));
        assert_eq!(o.score(&shown, &untouched, Scoring::Strict), Some(0.0));
        // Shown positions of files 0, 1, 2, 3: 1, 3, 0, 2.
        let right = Response::Sequence(vec![1, 3, 0, 2]);
        assert_eq!(o.score(&shown, &right, Scoring::Strict), Some(1.0));
        let reversed = Response::Sequence(vec![2, 0, 3, 1]);
        assert_eq!(o.score(&shown, &reversed, Scoring::Partial), Some(0.0));
        // A blank order scores nothing.
        assert_eq!(o.score(&shown, &o.blank(), Scoring::Partial), Some(0.0));
    }

    #[test]
    fn moving_an_item_and_typing_an_order() {
        let o = order(3);
        let shown = [1, 2, 0];
        let moved = o
            .edit(&shown, &o.blank(), &Edit::Move { from: 2, to: 0 }, false)
            .expect("a move");
        assert_eq!(moved, Response::Sequence(vec![2, 0, 1]));
        assert_eq!(o.score(&shown, &moved, Scoring::Strict), Some(1.0));
        assert_eq!(
            o.edit(
                &shown,
                &moved,
                &Edit::Set(Response::Sequence(vec![0, 0, 1])),
                false
            ),
            Err(Refusal::NotAnOrder { items: 3 })
        );
        // In the file's terms and back.
        let kept = o.kept(&shown, &moved);
        assert_eq!(kept, Response::Sequence(vec![0, 1, 2]));
        assert_eq!(o.given(&kept), ["A", "B", "C"]);
        assert_eq!(o.restored(&shown, &kept), moved);
    }
}
