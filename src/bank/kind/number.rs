//! Number questions: a value typed as a plain decimal (`16384`, `-1.5`, `1e3`;
//! a comma, space or underscore between groups of three digits is ignored),
//! right if it is within `tolerance` of the answer: an absolute amount, or a
//! percentage of the answer (`1%`); exactly the answer without one.

use super::text::{View, edit_typed, typed_words};
use super::{Answering, Arrange, Edit, Model, Part, Raw, Read, Refusal, Response, Scoring, What};
use crate::bank::Spanned;
use crate::bank::reader::{Fields, Reader};
use crate::bank::write;
use crate::bank::yaml::Node;
use std::fmt::Write as _;

/// A number question.
#[derive(Debug, Clone)]
pub struct Number {
    /// The answer, as written (`check` makes sure it reads as a number).
    pub answer: Spanned<String>,
    /// How far off a typed value may be, as written: `0.5`, `1%`.
    pub tolerance: Option<Spanned<String>>,
}

/// A tolerance, read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tolerance {
    Absolute(f64),
    /// A percentage of the answer.
    Percent(f64),
}

/// A number as a person types it: a sign, digits (groups of three may be set
/// apart by a comma, a space or an underscore), a decimal point and an
/// exponent. None for anything else, or what is not finite.
pub fn parse(text: &str) -> Option<f64> {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    let mut plain = String::with_capacity(text.len());
    // Separators count only in the whole part, between groups of three digits.
    let mut in_whole = true;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            ',' | ' ' | '_' | '\u{a0}' | '\u{202f}' if in_whole => {
                let before = i > 0 && chars[i - 1].is_ascii_digit();
                let group = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
                let after = chars.get(i + 1 + group);
                let ends = after.is_none_or(|c| matches!(c, '.' | 'e' | 'E') || *c == chars[i]);
                if !(before && group == 3 && ends) {
                    return None;
                }
            }
            '.' | 'e' | 'E' => {
                in_whole = false;
                plain.push(c);
            }
            '0'..='9' | '+' | '-' => plain.push(c),
            _ => return None,
        }
    }
    if !plain.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A tolerance as written: a number of at least 0, or such a percentage.
pub fn parse_tolerance(text: &str) -> Option<Tolerance> {
    let text = text.trim();
    let tolerance = match text.strip_suffix('%') {
        Some(percent) => Tolerance::Percent(parse(percent)?),
        None => Tolerance::Absolute(parse(text)?),
    };
    match tolerance {
        Tolerance::Absolute(v) | Tolerance::Percent(v) if v >= 0.0 => Some(tolerance),
        _ => None,
    }
}

impl Number {
    /// Whether `tolerance` allows nothing but the answer itself (`0`, `0%`):
    /// then it is not worth saying.
    pub fn none_tolerated(tolerance: &Spanned<String>) -> bool {
        matches!(
            parse_tolerance(&tolerance.value),
            Some(Tolerance::Absolute(v) | Tolerance::Percent(v)) if v == 0.0
        )
    }

    /// How far off a value may be, as an amount (a percentage taken of the
    /// answer); 0 without a tolerance.
    pub fn allowed(&self) -> f64 {
        let answer = parse(&self.answer.value).unwrap_or(0.0);
        self.tolerance
            .as_ref()
            .and_then(|t| parse_tolerance(&t.value))
            .map_or(0.0, |t| match t {
                Tolerance::Absolute(v) => v,
                Tolerance::Percent(p) => answer.abs() * p / 100.0,
            })
    }

    /// Whether `typed` is within the tolerance of the answer.
    pub fn accepts(&self, typed: &str) -> bool {
        let (Some(value), Some(answer)) = (parse(typed), parse(&self.answer.value)) else {
            return false;
        };
        let tolerance = self.allowed();
        // What decimal fractions cannot be exactly in binary is no error.
        let slack = 1e-9 * answer.abs().max(1.0);
        (value - answer).abs() <= tolerance + slack
    }
}

impl Model for Number {
    fn hash(&self, feed: &mut dyn FnMut(&str)) {
        feed(self.answer.value.trim());
        feed(self.tolerance.as_ref().map_or("", |t| t.value.trim()));
    }

    fn texts(&self) -> Vec<Part<'_>> {
        let answer = Part {
            what: What::Answer(0),
            text: &self.answer,
            asked: false,
        };
        let tolerance = self.tolerance.iter().map(|text| Part {
            what: What::Tolerance,
            text,
            asked: false,
        });
        std::iter::once(answer).chain(tolerance).collect()
    }

    fn arrange(&self) -> Arrange {
        Arrange::Nothing
    }

    fn blank(&self) -> Response {
        Response::Number(String::new())
    }

    fn edit(
        &self,
        _shown: &[usize],
        _response: &Response,
        edit: &Edit,
        _exam: bool,
    ) -> Result<Response, Refusal> {
        let next = edit_typed(edit, Response::Number, |r| matches!(r, Response::Number(_)))?;
        // A whole line given at once must read as a number; typing may pass
        // through what does not (`-`, `1e`), and is read when answered.
        match (edit, self.refuse(&next)) {
            (Edit::Set(_), Some(refusal)) => Err(refusal),
            _ => Ok(next),
        }
    }

    fn refuse(&self, response: &Response) -> Option<Refusal> {
        match response {
            Response::Number(typed) if !typed.trim().is_empty() && parse(typed).is_none() => {
                Some(Refusal::NotANumber)
            }
            _ => None,
        }
    }

    fn score(&self, _shown: &[usize], response: &Response, _scoring: Scoring) -> Option<f64> {
        let right = matches!(response, Response::Number(typed) if self.accepts(typed));
        Some(if right { 1.0 } else { 0.0 })
    }

    fn kept(&self, _shown: &[usize], response: &Response) -> Response {
        match response {
            Response::Number(_) => response.clone(),
            _ => self.blank(),
        }
    }

    fn restored(&self, shown: &[usize], kept: &Response) -> Response {
        self.kept(shown, kept)
    }

    fn given(&self, kept: &Response) -> Vec<String> {
        typed_words(kept)
    }

    fn expected(&self) -> Vec<String> {
        let mut answer = self.answer.value.trim().to_owned();
        if let Some(t) = &self.tolerance {
            answer.push_str(" ± ");
            answer.push_str(t.value.trim());
        }
        vec![answer]
    }

    fn view<'a>(
        &'a self,
        _shown: &[usize],
        response: &'a Response,
        judged: bool,
    ) -> super::View<Raw<'a>> {
        super::View::Typed(View {
            numeric: true,
            typed: Raw::flat(response.typed().unwrap_or("")),
            answer: judged.then(|| vec![Raw::flat(&self.answer.value)]),
            tolerance: self
                .tolerance
                .as_ref()
                .filter(|t| judged && !Number::none_tolerated(t))
                .map(|t| Raw::flat(&t.value)),
        })
    }
}

impl Read for Number {
    const KEYS: &'static [&'static str] = &["answer", "tolerance"];
    const ANSWERING: Answering = Answering::Number;

    fn write(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let _ = writeln!(
            out,
            "{pad}answer: {}",
            write::scalar(&self.answer.value, false)
        );
        if let Some(t) = &self.tolerance {
            let _ = writeln!(out, "{pad}tolerance: {}", write::scalar(&t.value, false));
        }
    }

    fn read(r: &mut Reader, f: &Fields, node: &Node) -> Option<Self> {
        let tolerance = r.optional_text(f.get("tolerance"), "tolerance");
        let answer = r.required(f, node, "a number question", "answer")?;
        Some(Number {
            answer: r.text(answer, "answer")?,
            tolerance,
        })
    }

    fn schema() -> (serde_json::Value, &'static [&'static str]) {
        let properties = serde_json::json!({
            "answer": {
                "type": ["number", "string"],
                "description": "The answer: a plain decimal such as 16384, -1.5 or 1e3."
            },
            "tolerance": {
                "type": ["number", "string"],
                "pattern": "^[0-9.eE+_, ]+%?$",
                "description": "How far off a typed value may be and still be right: an amount (0.5), or a percentage of the answer (\"1%\"). Exactly the answer when absent."
            }
        });
        (properties, &["answer"])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    #[test]
    fn numbers_read_as_people_type_them() {
        for (text, value) in [
            ("16384", 16384.0),
            ("16,384", 16384.0),
            ("16 384", 16384.0),
            ("16_384", 16384.0),
            ("1,000,000.5", 1_000_000.5),
            ("-1.5", -1.5),
            ("+2", 2.0),
            ("1e3", 1000.0),
            (" 24.5 ", 24.5),
            (".5", 0.5),
        ] {
            assert_eq!(parse(text), Some(value), "{text:?}");
        }
        for text in [
            "", "-", "1e", "16,38", "1,5", "inf", "NaN", "1 2", "12a", "0x10", "1,,000",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_tolerance_is_an_amount_or_a_percentage() {
        assert_eq!(parse_tolerance("0.5"), Some(Tolerance::Absolute(0.5)));
        assert_eq!(parse_tolerance("1%"), Some(Tolerance::Percent(1.0)));
        assert_eq!(parse_tolerance("-1"), None);
        assert_eq!(parse_tolerance("x%"), None);
        let number = |answer: &str, tolerance: Option<&str>| Number {
            answer: Spanned::new(answer.to_owned(), Pos::new(1, 1)),
            tolerance: tolerance.map(|t| Spanned::new(t.to_owned(), Pos::new(1, 1))),
        };
        let exact = number("16384", None);
        assert!(exact.accepts("16,384"));
        assert!(!exact.accepts("16385"));
        let percent = number("200", Some("1%"));
        assert!(percent.accepts("202") && percent.accepts("198") && !percent.accepts("202.5"));
        let amount = number("0.3", Some("0.1"));
        assert!(amount.accepts("0.2") && amount.accepts("0.4") && !amount.accepts("0.41"));
    }
}
