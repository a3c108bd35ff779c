//! A choice question: radio buttons for one answer, checkboxes for several,
//! each choice a label to click or tap, picked by its letter or number from
//! the keyboard (the script's `choice` module); judged, each choice with its
//! mark, what the candidate did with it, and the author's word on it.

use super::{exhibit, stem};
use crate::present::{Choice, Question};
use crate::web::pages::tone;
use maud::{Markup, html};

/// The keys that pick a choice: its letter, and its number up to 9.
fn keys(index: usize, choice: &Choice) -> String {
    let letter = choice.letter.to_ascii_lowercase();
    match index {
        0..=8 => format!("{letter} {}", index + 1),
        _ => letter.to_string(),
    }
}

pub fn answer(question: &Question) -> Markup {
    let kind = if question.several() {
        "checkbox"
    } else {
        "radio"
    };
    html! {
        fieldset.question.choices data-kind="choice" {
            legend.stem id="stem" { (stem(question)) }
            (exhibit(question))
            ol.choice-list {
                @for (index, choice) in question.choices().iter().enumerate() {
                    li data-row {
                        label.choice {
                            input type=(kind) name="pick" value=(index)
                                checked[choice.picked]
                                data-keys=(keys(index, choice));
                            span.letter { (choice.letter) ")" }
                            " "
                            span.text { (choice.text) }
                        }
                    }
                }
            }
        }
    }
}

pub fn judged(question: &Question) -> Markup {
    html! {
        section.question.judged aria-labelledby="stem" {
            h2.stem id="stem" { (stem(question)) }
            (exhibit(question))
            ol.choice-list {
                @for choice in question.choices() {
                    @let mark = choice.mark;
                    li class=(format!("choice {}", mark.map_or("tone-plain", |m| tone(m.tone)))) {
                        span.mark { (mark.map_or(" ", |m| m.symbol)) }
                        span.letter { (choice.letter) ")" }
                        " "
                        span.text { (choice.text) }
                        @if let Some(label) = mark.and_then(|m| m.label) {
                            " " span.label { "(" (label) ")" }
                        }
                        @if let Some(why) = choice.why.as_ref().filter(|_| !choice.why_repeats_mark) {
                            p.why { (why) }
                        }
                    }
                }
            }
        }
    }
}
