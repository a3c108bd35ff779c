//! A match question: each premise with a select of the responses (by
//! letter), which works with no script and from the keyboard; the script
//! lets a response be dragged onto a premise, and puts the focused premise's
//! response by its letter, as the full screen does.

use super::{Fields, exhibit, stem};
use crate::bank::letter_index;
use crate::present::{MatchView, Question};
use crate::quiz::Response;
use maud::{Markup, html};

pub(super) fn answer(question: &Question, m: &MatchView) -> Markup {
    html! {
        fieldset.question.match data-kind="match" {
            legend.stem id="stem" { (stem(question)) }
            (exhibit(question))
            ol.premise-list {
                @for premise in &m.premises {
                    li.premise data-row data-premise=(premise.number - 1) {
                        label {
                            span.number { (premise.number) "." }
                            " "
                            span.text { (premise.text) }
                            select name=(format!("slot{}", premise.number - 1)) data-slot {
                                option value="" selected[premise.slot.is_none()] { "—" }
                                @for (letter, _) in &m.responses {
                                    option value=(letter) selected[premise.slot == Some(*letter)] { (letter) }
                                }
                            }
                        }
                    }
                }
            }
            ul.response-list aria-label="Responses" {
                @for (letter, text) in &m.responses {
                    li.response draggable="true" data-letter=(letter) {
                        span.letter { (letter) ")" } " " span.text { (text) }
                    }
                }
            }
        }
    }
}

/// For each premise, the response its select names.
pub(super) fn given(premises: usize, form: &dyn Fields) -> Response {
    Response::Pairs(
        (0..premises)
            .map(|p| {
                form.get(&format!("slot{p}"))
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .and_then(letter_index)
            })
            .collect(),
    )
}
