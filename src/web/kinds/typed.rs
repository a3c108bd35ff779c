//! A number or text question: one line to type; an open question: an
//! attempt to write, then (practice, or the exam's results) the model answer
//! and the candidate's own mark.

use super::{exhibit, stem};
use crate::present::{OpenView, Question, TypedView};
use maud::{Markup, html};

pub(super) fn line(question: &Question, t: &TypedView) -> Markup {
    let (mode, what) = if t.numeric {
        ("decimal", "Your answer (a number)")
    } else {
        ("text", "Your answer")
    };
    html! {
        fieldset.question.typed data-kind=(if t.numeric { "number" } else { "text" }) {
            legend.stem id="stem" { (stem(question)) }
            (exhibit(question))
            label.typed {
                span { (what) }
                input type="text" name="typed" value=(t.typed) inputmode=(mode)
                    autocomplete="off" autocapitalize="off" spellcheck="false" data-typed;
            }
        }
    }
}

pub(super) fn attempt(question: &Question, o: &OpenView) -> Markup {
    html! {
        fieldset.question.open data-kind="open" {
            legend.stem id="stem" { (stem(question)) " " span.hint { "(In your own words: you mark it against a model answer)" } }
            (exhibit(question))
            label.attempt {
                span { "Your answer" }
                textarea name="typed" rows="6" data-typed { (o.attempt) }
            }
        }
    }
}
