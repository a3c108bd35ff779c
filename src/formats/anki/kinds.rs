//! The kinds beyond choice on an Anki note: the front says what to do and
//! shows what the kind gives to work with; the back gives the answer.
//!
//! | kind | front | back |
//! | --- | --- | --- |
//! | order | "(Put in order)", the items lettered in a scrambled order (never the right one) | the letters and items in the right order |
//! | match | "(Match each)", the premises numbered, the responses lettered in alphabetical order | each premise's number with its response |
//! | number | "(Type a number)" | the number, and its tolerance |
//! | text | "(Type the answer)" | the answer, and the others accepted |
//! | open | "(Answer in your own words)" | the model answer |

use super::markup::defuse;
use crate::bank::kind::number::{Tolerance, parse_tolerance};
use crate::bank::{Body, letter};
use crate::formats::xhtml;
use std::fmt::Write;

/// One line of text, escaped for HTML and Anki.
fn inline(text: &str) -> String {
    defuse(&xhtml::inline(text.trim()))
}

/// Writes the front's part of `body` onto `question` and gives the back's.
pub(super) fn sides(body: &Body, question: &mut String) -> String {
    let mut back = String::new();
    match body {
        Body::Choice(_) => {}
        Body::Order(o) => {
            let items = &o.items.value;
            // Shown rotated by one: never the right order.
            let shown: Vec<usize> = (0..items.len()).map(|i| (i + 1) % items.len()).collect();
            let _ = write!(question, "<p><i>(Put in order)</i></p>");
            for (place, &i) in shown.iter().enumerate() {
                let _ = write!(
                    question,
                    "<div>{}. {}</div>",
                    letter(place),
                    inline(&items[i].value)
                );
            }
            back.push_str("<ol>");
            for (i, item) in items.iter().enumerate() {
                let place = shown.iter().position(|&s| s == i).unwrap_or(i);
                let _ = write!(
                    back,
                    "<li><b>{}. {}</b></li>",
                    letter(place),
                    inline(&item.value)
                );
            }
            back.push_str("</ol>");
        }
        Body::Match(m) => {
            let mut responses: Vec<&str> = m
                .pairs
                .value
                .iter()
                .map(|p| p.response.value.trim())
                .chain(m.extra.iter().map(|e| e.value.trim()))
                .collect();
            responses.sort_unstable();
            responses.dedup();
            let _ = write!(question, "<p><i>(Match each)</i></p>");
            for (n, pair) in m.pairs.value.iter().enumerate() {
                let _ = write!(
                    question,
                    "<div>{}. {}</div>",
                    n + 1,
                    inline(&pair.premise.value)
                );
            }
            for (i, r) in responses.iter().enumerate() {
                let _ = write!(question, "<div>{}. {}</div>", letter(i), inline(r));
            }
            for (n, pair) in m.pairs.value.iter().enumerate() {
                let at = responses
                    .iter()
                    .position(|r| *r == pair.response.value.trim())
                    .unwrap_or(0);
                let _ = write!(
                    back,
                    "<p><b>{} → {}. {}</b></p>",
                    n + 1,
                    letter(at),
                    inline(&pair.response.value)
                );
            }
        }
        Body::Number(n) => {
            let _ = write!(question, "<p><i>(Type a number)</i></p>");
            let _ = write!(back, "<p><b>{}</b></p>", inline(&n.answer.value));
            let tolerance = n.tolerance.as_ref().and_then(|t| parse_tolerance(&t.value));
            match tolerance {
                Some(Tolerance::Absolute(v)) if v > 0.0 => {
                    let _ = write!(back, "<p>(± {v})</p>");
                }
                Some(Tolerance::Percent(p)) if p > 0.0 => {
                    let _ = write!(back, "<p>(± {p}%)</p>");
                }
                _ => {}
            }
        }
        Body::Text(t) => {
            let _ = write!(question, "<p><i>(Type the answer)</i></p>");
            let mut answers = t.answer.value.iter();
            if let Some(first) = answers.next() {
                let _ = write!(back, "<p><b>{}</b></p>", inline(&first.value));
            }
            let others: Vec<String> = answers.map(|a| inline(&a.value)).collect();
            if !others.is_empty() {
                let _ = write!(back, "<p>Also accepted: {}</p>", others.join(", "));
            }
            if t.case_sensitive {
                back.push_str("<p>(Case counts.)</p>");
            }
        }
        Body::Open(o) => {
            let _ = write!(question, "<p><i>(Answer in your own words)</i></p>");
            let _ = write!(
                back,
                "<p><b>A model answer</b></p>{}",
                defuse(&xhtml::blocks(o.answer.value.trim()))
            );
        }
    }
    back
}
