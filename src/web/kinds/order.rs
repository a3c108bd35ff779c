//! An order question: the items as a list to rearrange. Each item has a
//! place (a select, which works with no script and from the keyboard); the
//! script lets the list be dragged, and moves the focused item with
//! Shift+↑/↓ as the full screen does, keeping the places in step.

use super::{Fields, exhibit, stem};
use crate::bank::letter_index;
use crate::present::{OrderView, Question};
use crate::quiz::Response;
use maud::{Markup, html};

pub(super) fn answer(question: &Question, o: &OrderView) -> Markup {
    let n = o.items.len();
    html! {
        fieldset.question.order data-kind="order" {
            legend.stem id="stem" { (stem(question)) " " span.hint { "(Put them in order, first to last)" } }
            (exhibit(question))
            ol.order-list {
                @for (place, item) in o.items.iter().enumerate() {
                    @let shown = letter_index(&item.letter.to_string()).unwrap_or(place);
                    li.item draggable="true" data-row data-item=(shown) tabindex="0"
                        aria-label=(format!("{}) {}, place {} of {n}", item.letter, item.text.as_str(), place + 1)) {
                        span.grip aria-hidden="true" { "⠿" }
                        span.letter { (item.letter) ")" }
                        " "
                        span.text { (item.text) }
                        label.place {
                            span.visually-hidden { "Place of " (item.letter) }
                            select name=(format!("place{shown}")) {
                                @for p in 0..n {
                                    option value=(p + 1) selected[p == place] { (p + 1) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The items in the places the form gives them (ties by their letters), each
/// by the position it was shown at; none while they stand as shown (the
/// flow's untouched order, which an answer takes as it stands).
pub(super) fn given(shown: usize, form: &dyn Fields) -> Response {
    let mut placed: Vec<(usize, usize)> = (0..shown)
        .map(|i| {
            let place = form
                .get(&format!("place{i}"))
                .and_then(|p| p.trim().parse::<usize>().ok())
                .unwrap_or(usize::MAX);
            (place, i)
        })
        .collect();
    placed.sort_unstable();
    let sequence: Vec<usize> = placed.into_iter().map(|(_, i)| i).collect();
    let untouched = sequence.iter().enumerate().all(|(place, &i)| place == i);
    Response::Sequence(if untouched { Vec::new() } else { sequence })
}
