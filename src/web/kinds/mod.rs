//! Each kind of question as the browser asks and judges it: one module per
//! kind, fed by `crate::present`'s view model of the question. Today's kind is
//! the choice question (one answer, or several); the others come as the model
//! grows them.

mod choice;

use crate::present::Question;
use maud::Markup;

/// The question to answer: its stem, exhibit and the controls of its kind,
/// inside the sitting's form. `exam`: no verdict will follow each answer.
pub fn answer(question: &Question) -> Markup {
    choice::answer(question)
}

/// The question judged: each part of the answer marked, with the author's word.
pub fn judged(question: &Question) -> Markup {
    choice::judged(question)
}
