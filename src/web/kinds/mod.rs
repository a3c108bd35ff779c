//! Each kind of question as the browser asks and judges it: one module per
//! way of answering, fed by `crate::present`'s view model of the question.
//! A form is the whole response: the choices ticked, each item's place, each
//! premise's response, the line or the attempt typed; [`given`] reads it back
//! into the flow's [`Response`]. Every control works with no script, by
//! mouse, touch and keyboard; the script adds drag and drop and the keys.

mod choice;
mod matching;
mod order;
mod typed;

use crate::bank::Kind;
use crate::present::{Body, Question};
use crate::quiz::Response;
use maud::{Markup, html};

/// The stem with its hint, and the exhibit as written, and the picture.
pub(super) fn stem(question: &Question) -> Markup {
    html! {
        span.text { (question.stem) }
        @if let Some(hint) = &question.hint {
            " " span.hint { (hint) }
        }
    }
}

/// The exhibit as written, and the picture: shown in the page, and opened
/// full size (to zoom) by a click or a tap.
pub(super) fn exhibit(question: &Question) -> Markup {
    // Found (and checked) once: shown, or said to be missing.
    let picture = question.picture.as_ref().map(|p| (p, p.find().is_ok()));
    html! {
        @if let Some(exhibit) = &question.exhibit {
            pre.exhibit tabindex="0" aria-label="Exhibit" { (exhibit) }
        }
        @if let Some((p, true)) = picture {
            @let src = format!("/picture/{}", question.number);
            figure.picture {
                a href=(src) target="_blank" rel="noopener" aria-label="Open the picture full size" {
                    img src=(src) alt=(p.alt.as_ref().map_or("", |a| a.as_str()));
                }
            }
        }
        @if let Some((p, false)) = picture {
            p.picture-missing { (p.line()) " (the file cannot be shown)" }
        }
    }
}

/// The question to answer: its stem, exhibit and the controls of its kind,
/// inside the sitting's form.
pub fn answer(question: &Question) -> Markup {
    match &question.body {
        Body::Choice { .. } => choice::answer(question),
        Body::Order(o) => order::answer(question, o),
        Body::Match(m) => matching::answer(question, m),
        Body::Typed(t) => typed::line(question, t),
        Body::Open(o) => typed::attempt(question, o),
    }
}

/// The question judged: each part of the answer marked, with the author's word.
pub fn judged(question: &Question) -> Markup {
    match &question.body {
        Body::Choice { .. } => choice::judged(question),
        _ => html! {
            section.question.judged aria-labelledby="stem" {
                h2.stem id="stem" { (stem(question)) }
                (exhibit(question))
                ul.judged-lines {
                    @for line in crate::present::body_lines(question, None) {
                        li { (line.trim_start()) }
                    }
                }
            }
        },
    }
}

/// A form's fields, as the routes read them.
pub trait Fields {
    fn get(&self, name: &str) -> Option<&str>;
    fn all<'a>(&'a self, name: &'a str) -> Box<dyn Iterator<Item = &'a str> + 'a>;
}

/// The response a question form sent, for a question of `kind` that shows
/// `shown` choices, items or premises.
pub fn given(kind: Kind, shown: usize, form: &dyn Fields) -> Response {
    match kind {
        Kind::Choice => {
            let mut picks: Vec<usize> = form.all("pick").filter_map(|p| p.parse().ok()).collect();
            picks.sort_unstable();
            picks.dedup();
            Response::Picks(picks)
        }
        Kind::Order => order::given(shown, form),
        Kind::Match => matching::given(shown, form),
        Kind::Number => Response::Number(form.get("typed").unwrap_or("").to_owned()),
        Kind::Text => Response::Text(form.get("typed").unwrap_or("").to_owned()),
        Kind::Open => Response::Open {
            attempt: form.get("typed").unwrap_or("").to_owned(),
            mark: None,
        },
    }
}
