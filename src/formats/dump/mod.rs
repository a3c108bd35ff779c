//! Exam-dump text: question pages copied from exam-dump sites into a file.
//!
//! ```text
//! QUESTION 12
//! Which message carries the server's chosen cipher suite?
//! Which message carries the server's chosen cipher suite?
//! A. ClientHello
//! B)
//! ServerHello
//! Correct Answer: B
//! Explanation:
//! The ServerHello names the one suite the server picked.
//! Leave a Reply
//! Your email address will not be published. Required fields are marked *
//! ```
//!
//! A question is its stem, then choices labelled `A.`, `A)` or `(A)` (text on the
//! same line or the next), then optionally `Answer: C` / `Correct Answer: AC` /
//! `Suggested Answer: A, C`, then optionally an `Explanation:` block. A header line
//! (`QUESTION 12`, `NEW QUESTION 3`, `Question #5 Topic 1`) starts a question and is
//! dropped, with any page text before it. A stem printed two or three times is kept
//! once, numbering (`12.`) is dropped, and a "(Choose two.)" hint that the answer
//! bears out is dropped (quiz shows its own). Page residue ("Leave a Reply", comment
//! forms, share buttons) ends the question; buttons such as "Reveal Solution" and
//! vote tallies are skipped. Text after the answer is its explanation, labelled or
//! not; without a header, the paragraph just before the next `A.` line (and the
//! copies of it just before) is the next stem. A question whose page gives no answer (or one quiz
//! cannot read) is written with `answer: []` and reported, so that the author fills
//! it in.

mod lines;
#[cfg(test)]
mod tests;

use super::Format;
use super::build::{Builder, Draft, DraftChoice, Extra};
use super::lines::{self as stream, Ends};
use crate::bank::kind::order::Order;
use crate::bank::{Body, Spanned, letter};
use crate::diagnostic::{Diagnostic, Pos};
use lines::{Line, answer_letters, classify};
use std::io::BufRead;

pub(super) struct Dump;

impl Format for Dump {
    /// A text in memory is read as a stream too.
    fn parse(&self, text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        self.stream(&mut text.as_bytes(), b)
    }

    /// A line at a time.
    fn stream(&self, input: &mut dyn BufRead, b: &mut Builder) -> Result<(), Diagnostic> {
        let mut reader = Reader {
            b,
            state: State::Stem,
            q: Open::default(),
            tail: Vec::new(),
        };
        let mut lines = stream::Lines::new(input, Ends::Newline);
        let mut held = stream::Held::default();
        while let Some((n, raw)) = lines.next().map_err(|e| e.error(reader.b))? {
            if reader.b.is_full() {
                // The bank is refused whole: nothing more is worth reading.
                return Ok(());
            }
            held.line(reader.b, n, raw.len())?;
            let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
            let pos = Pos::new(n, u32::try_from(lead + 1).unwrap_or(u32::MAX));
            reader.line(pos, raw);
        }
        reader.end();
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Reading a stem.
    Stem,
    Choices,
    /// Just after the answer (whose letters may be on this line).
    AfterAnswer,
    Explanation,
    /// After page residue: only the next question matters.
    Residue,
}

/// A line kept: its text (empty for a blank line) and where it is.
#[derive(Debug, Clone)]
struct Piece {
    pos: Pos,
    text: String,
}

/// The question being read.
#[derive(Debug, Default)]
struct Open {
    stem: Vec<Piece>,
    choices: Vec<Piece>,
    /// Whether the labels are lower case (`a)`).
    lower: bool,
    /// A blank line since the last choice line.
    blank: bool,
    answer: Option<Piece>,
    /// An `Answer:` line with nothing after the colon: the letters may be on the next.
    answer_next: bool,
    explanation: Vec<Piece>,
}

struct Reader<'b> {
    b: &'b mut Builder,
    state: State,
    q: Open,
    /// Lines after residue: the next question's stem if `A.` follows.
    tail: Vec<Piece>,
}

impl Reader<'_> {
    fn line(&mut self, pos: Pos, raw: &str) {
        let kind = classify(raw);
        let piece = |text: &str| Piece {
            pos,
            text: text.trim().to_owned(),
        };
        match kind {
            Line::Noise => return,
            Line::Header => {
                self.finish();
                self.tail.clear();
                self.state = State::Stem;
                return;
            }
            _ => {}
        }
        let first_choice = matches!(
            kind,
            Line::Choice {
                label: 'A' | 'a',
                ..
            }
        );
        match self.state {
            State::Stem => match kind {
                Line::Blank => push_blank(&mut self.q.stem, pos),
                Line::Residue => {}
                Line::Choice { label, text } if first_choice => {
                    self.start_choices(pos, label, text)
                }
                _ => self.q.stem.push(piece(raw)),
            },
            State::Choices => match kind {
                Line::Blank => self.q.blank = true,
                Line::Choice { label, text } if self.is_next(label) => {
                    self.q.choices.push(piece(text));
                    self.q.blank = false;
                }
                Line::Answer(rest) => {
                    self.answer(pos, rest);
                    self.state = State::AfterAnswer;
                }
                Line::Explanation(rest) => {
                    self.state = State::Explanation;
                    if !rest.is_empty() {
                        self.q.explanation.push(piece(rest));
                    }
                }
                Line::Reference => {
                    self.state = State::Explanation;
                    self.q.explanation.push(piece(raw));
                }
                Line::Residue => {
                    self.state = State::Residue;
                    self.tail.clear();
                }
                _ => self.choice_text(pos, raw),
            },
            State::AfterAnswer => {
                if self.q.answer_next
                    && let Line::Text(t) = kind
                    && answer_letters(t).is_some()
                {
                    self.q.answer = Some(piece(t));
                    self.q.answer_next = false;
                    return;
                }
                // Text after the answer explains it, labelled or not.
                self.q.answer_next = false;
                self.state = State::Explanation;
                self.line(pos, raw);
            }
            State::Explanation => match kind {
                Line::Blank => push_blank(&mut self.q.explanation, pos),
                Line::Residue => {
                    self.tail.clear();
                    self.state = State::Residue;
                }
                Line::Choice { label, text } if first_choice => {
                    let stem = pop_stem(&mut self.q.explanation);
                    self.next_question(stem, pos, label, text);
                }
                Line::Answer(rest) if self.q.answer.is_none() => self.answer(pos, rest),
                Line::Explanation(rest) => {
                    if !rest.is_empty() {
                        self.q.explanation.push(piece(rest));
                    }
                }
                _ => self.q.explanation.push(piece(raw)),
            },
            State::Residue => match kind {
                Line::Residue => self.tail.clear(),
                Line::Blank => push_blank(&mut self.tail, pos),
                Line::Choice { label, text } if first_choice => {
                    let stem = std::mem::take(&mut self.tail);
                    self.next_question(stem, pos, label, text);
                }
                _ => self.tail.push(piece(raw)),
            },
        }
    }

    fn is_next(&self, label: char) -> bool {
        label.is_ascii_lowercase() == self.q.lower
            && label.to_ascii_uppercase() == letter(self.q.choices.len())
    }

    fn start_choices(&mut self, pos: Pos, label: char, text: &str) {
        self.q.lower = label.is_ascii_lowercase();
        self.q.choices.push(Piece {
            pos,
            text: text.to_owned(),
        });
        self.q.blank = false;
        self.state = State::Choices;
    }

    /// A line in the choices that is not a label: the text of a label standing alone,
    /// the rest of the last choice, or (after a blank line) the next question's stem.
    fn choice_text(&mut self, pos: Pos, raw: &str) {
        let text = raw.trim();
        let blank = self.q.blank;
        match self.q.choices.last_mut() {
            Some(last) if last.text.is_empty() => {
                last.text = text.to_owned();
                last.pos = pos;
            }
            Some(last) if !blank => {
                last.text.push(' ');
                last.text.push_str(text);
            }
            _ => {
                self.finish();
                self.q.stem.push(Piece {
                    pos,
                    text: text.to_owned(),
                });
                self.state = State::Stem;
            }
        }
    }

    fn answer(&mut self, pos: Pos, rest: &str) {
        self.q.answer = (!rest.is_empty()).then(|| Piece {
            pos,
            text: rest.to_owned(),
        });
        self.q.answer_next = rest.is_empty();
    }

    /// Ends the open question and starts the next with `stem` and its first choice.
    fn next_question(&mut self, stem: Vec<Piece>, pos: Pos, label: char, text: &str) {
        self.finish();
        self.q.stem = stem;
        self.start_choices(pos, label, text);
    }

    /// Hands the open question (if it has choices) to the builder.
    fn finish(&mut self) {
        let q = std::mem::take(&mut self.q);
        self.state = State::Stem;
        if q.choices.is_empty() {
            return;
        }
        let stem_text = clean_stem(&join(&q.stem));
        let at = q
            .stem
            .iter()
            .find(|p| !p.text.is_empty())
            .map_or(q.choices[0].pos, |p| p.pos);
        let mut draft = Draft::new(at, Spanned::new(stem_text, at));
        draft.choices_pos = q.choices[0].pos;
        let mut extra = Extra::default();
        let right = self.right_letters(&q);
        if let Some(order) = right
            .as_ref()
            .filter(|r| is_order(r, q.choices.len(), &draft.stem.value))
        {
            // `Answer: C, A, D, B` over every choice: the items in that order.
            let items = order
                .iter()
                .map(|&i| Spanned::new(q.choices[i].text.clone(), q.choices[i].pos))
                .collect();
            draft.body = Some(Body::Order(Order {
                items: Spanned::new(items, draft.choices_pos),
            }));
            let explanation = join(&q.explanation);
            if let Some(first) = q.explanation.iter().find(|p| !p.text.is_empty()) {
                draft.explanation = Some(Spanned::new(explanation, first.pos));
            }
            return self.b.add_with(draft, extra);
        }
        match &right {
            Some(right) => {
                draft.single = right.len() == 1;
                if right.len() > 1
                    && let Some(stem) = strip_hint(&draft.stem.value, right.len())
                {
                    draft.stem.value = stem;
                }
            }
            None => extra.unanswered = true,
        }
        for (i, c) in q.choices.iter().enumerate() {
            let is_right = right.as_ref().is_some_and(|r| r.contains(&i));
            draft.choices.push(DraftChoice {
                text: Spanned::new(c.text.clone(), c.pos),
                why: None,
                weight: if is_right { 100.0 } else { 0.0 },
            });
        }
        let explanation = join(&q.explanation);
        if !explanation.is_empty()
            && let Some(first) = q.explanation.iter().find(|p| !p.text.is_empty())
        {
            draft.explanation = Some(Spanned::new(explanation, first.pos));
        }
        self.b.add_with(draft, extra);
    }

    /// The right choices by the answer line, or None (with a warning when the line is
    /// there but cannot be read).
    fn right_letters(&mut self, q: &Open) -> Option<Vec<usize>> {
        let answer = q.answer.as_ref()?;
        let Some(letters) = answer_letters(&answer.text) else {
            self.b.warn(
                answer.pos,
                format!(
                    "cannot read the answer {:?}: quiz reads letters such as `C` or `A, C`",
                    answer.text
                ),
            );
            return None;
        };
        let mut out = Vec::new();
        for l in letters {
            let i = usize::from(l as u8 - b'A');
            if i >= q.choices.len() {
                self.b.warn(
                    answer.pos,
                    format!(
                        "answer `{l}` names no choice: the question has {} ({}–{})",
                        q.choices.len(),
                        letter(0),
                        letter(q.choices.len() - 1)
                    ),
                );
                return None;
            }
            if !out.contains(&i) {
                out.push(i);
            }
        }
        Some(out)
    }

    fn end(mut self) {
        let leftover = match self.state {
            State::Stem if self.q.choices.is_empty() => self.q.stem.clone(),
            State::Residue => self.tail.clone(),
            _ => Vec::new(),
        };
        self.finish();
        if let Some(first) = leftover.iter().find(|p| !p.text.is_empty()) {
            self.b.warn(
                first.pos,
                "text with no choices after it is left out (a question needs `A.` choices)",
            );
        }
    }
}

/// Whether an answer line orders the choices rather than picks them: it
/// names every one of three or more choices, once each, and either not in
/// the letters' order or under a stem that asks for an order.
fn is_order(letters: &[usize], choices: usize, stem: &str) -> bool {
    if choices < 3 || letters.len() != choices {
        return false;
    }
    let ascending = letters.windows(2).all(|w| w[0] < w[1]);
    let lower = stem.to_lowercase();
    let asks = [
        "order",
        "sequence",
        "arrange",
        "drag and drop",
        "first to last",
    ]
    .iter()
    .any(|w| lower.contains(w));
    !ascending || asks
}

/// Adds a blank line, unless the text is empty or already ends with one.
fn push_blank(lines: &mut Vec<Piece>, pos: Pos) {
    if lines.last().is_some_and(|p| !p.text.is_empty()) {
        lines.push(Piece {
            pos,
            text: String::new(),
        });
    }
}

/// The lines as text: one blank line between paragraphs, none at the ends.
fn join(lines: &[Piece]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for p in lines {
        if p.text.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&p.text);
    }
    out
}

/// The last paragraph of an explanation, taken as the next question's stem (with the
/// one or two copies of it before it, when the page repeats the stem).
fn pop_stem(lines: &mut Vec<Piece>) -> Vec<Piece> {
    let last = |lines: &mut Vec<Piece>| {
        while lines.last().is_some_and(|p| p.text.is_empty()) {
            lines.pop();
        }
        let start = lines
            .iter()
            .rposition(|p| p.text.is_empty())
            .map_or(0, |i| i + 1);
        lines.split_off(start)
    };
    let stem = last(lines);
    let words = |ps: &[Piece]| -> String {
        let text: Vec<&str> = ps.iter().flat_map(|p| p.text.split_whitespace()).collect();
        text.join(" ")
    };
    let mut out = stem.clone();
    let key = words(&stem);
    for _ in 0..2 {
        let mut copy = last(lines);
        if copy.is_empty() || words(&copy) != key {
            lines.append(&mut copy);
            break;
        }
        copy.push(Piece {
            pos: copy[0].pos,
            text: String::new(),
        });
        copy.append(&mut out);
        out = copy;
    }
    out
}

/// The stem without its number (`12.`, `Q12:`) and, when the page prints it two or
/// three times over, one copy.
fn clean_stem(stem: &str) -> String {
    let stem = strip_number(stem.trim());
    one_copy(stem).to_owned()
}

/// `12. Which…`, `Q12: Which…`, `Question 12) Which…` → `Which…`.
fn strip_number(stem: &str) -> &str {
    let mut rest = stem;
    for prefix in ["question", "q"] {
        if rest
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        {
            rest = rest[prefix.len()..].trim_start();
            break;
        }
    }
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return stem;
    }
    let after = &rest[digits..];
    match after.strip_prefix(['.', ')', ':']) {
        Some(text) if text.starts_with([' ', '\t']) && !text.trim().is_empty() => text.trim_start(),
        _ => stem,
    }
}

/// A stem that is two or three identical copies of its words, cut after the first.
fn one_copy(stem: &str) -> &str {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in stem.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                words.push((s, &stem[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push((s, &stem[s..]));
    }
    let n = words.len();
    for k in [3, 2] {
        if n == 0 || !n.is_multiple_of(k) {
            continue;
        }
        let m = n / k;
        let first = || words[..m].iter().map(|w| w.1);
        if (1..k).all(|c| words[c * m..(c + 1) * m].iter().map(|w| w.1).eq(first())) {
            return stem[..words[m].0].trim_end();
        }
    }
    stem
}

/// The stem without a "(Choose two.)" or "(Select 3)" hint that says `k`.
fn strip_hint(stem: &str, k: usize) -> Option<String> {
    let lower = stem.to_ascii_lowercase();
    for open in ["(choose ", "(select "] {
        let Some(i) = lower.rfind(open) else { continue };
        let Some(close) = lower[i..].find(')').map(|j| i + j) else {
            continue;
        };
        let word = lower[i + open.len()..close].trim().trim_end_matches('.');
        let n = match word.trim() {
            "two" | "2" => 2,
            "three" | "3" => 3,
            "four" | "4" => 4,
            "five" | "5" => 5,
            "six" | "6" => 6,
            _ => continue,
        };
        if n == k {
            let cut = format!(
                "{} {}",
                stem[..i].trim_end(),
                stem[close + 1..].trim_start()
            );
            return Some(cut.trim().to_owned());
        }
    }
    None
}
