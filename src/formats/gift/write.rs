//! Writing a question as GIFT: the id as `[id:…]` (when it fits Moodle's ID number)
//! and as the title, tags in the same comment, texts escaped for GIFT and for the
//! HTML Moodle makes of them.

use super::super::{fixed_order, html, partial_weights, refs, right_choices, true_false};
use crate::bank::{Choices, MAX_ID_LEN, Question};

/// The comment with the id and tags, the title and the stem, up to the `{`.
fn head(q: &Question, out: &mut String) {
    let mut marks: Vec<String> = Vec::new();
    if q.id.value.chars().count() <= MAX_ID_LEN {
        marks.push(format!("[id:{}]", q.id.value.replace(']', "\\]")));
    }
    marks.extend(
        q.tags
            .iter()
            .map(|t| t.value.trim())
            .filter(|t| {
                !t.is_empty() && !t.contains(['<', '>', '`']) && !t.chars().any(char::is_control)
            })
            .map(|t| format!("[tag:{}]", t.replace(']', "\\]"))),
    );
    if !marks.is_empty() {
        out.push_str(&format!("// {}\n", marks.join(" ")));
    }
    let stem = match &q.exhibit {
        Some(exhibit) => super::super::exhibit::gift_stem(&q.question.value, &exhibit.value),
        None => escape(&q.question.value),
    };
    out.push_str(&format!("::{}::{stem} {{", escape(&q.id.value)));
}

/// A question of another kind than choice ([`super::kinds`]); `notes` gets
/// what it loses.
pub(super) fn other(q: &Question, out: &mut String, notes: &mut Vec<String>) -> Result<(), String> {
    let (block, model) = super::kinds::write(q, escape, notes)?;
    head(q, out);
    out.push_str(&block);
    let feedback = match model {
        Some(model) => Some(model),
        None => refs::feedback(q),
    };
    if let Some(feedback) = feedback {
        let lead = if block.is_empty() || block.ends_with('\n') {
            "\t"
        } else {
            "\n\t"
        };
        out.push_str(&format!("{lead}####{}\n", general_feedback(q, &feedback)));
    } else if !block.ends_with('\n') && !block.is_empty() {
        out.push('\n');
    }
    out.push_str("}\n\n");
    Ok(())
}

/// The general feedback, escaped. It takes the stem's text format unless it says
/// its own: after an `[html]` stem (one with an exhibit) it says `[moodle]`, in
/// which its line breaks count, so that its paragraphs and references come back.
fn general_feedback(q: &Question, text: &str) -> String {
    let escaped = escape(text);
    if q.exhibit.is_some() && !escaped.starts_with("[moodle]") {
        format!("[moodle]{escaped}")
    } else {
        escaped
    }
}

/// What an id too long for Moodle's ID number loses.
pub(super) fn id_notes(q: &Question) -> Vec<String> {
    let mut notes = Vec::new();
    if q.id.value.chars().count() > MAX_ID_LEN {
        notes.push(format!(
            "its id is longer than the {MAX_ID_LEN} characters of Moodle's ID number, so it is written as the title only, without `[id:…]`"
        ));
    }
    notes
}

pub(super) fn question(q: &Question, c: &Choices, out: &mut String) -> Result<(), String> {
    let right = right_choices(c)?;
    head(q, out);
    if let Some(is_true) = true_false(c) {
        let choice_why = |i: usize| {
            c.choices.value[i]
                .why
                .as_ref()
                .map_or(String::new(), |w| escape(&w.value))
        };
        let (right_why, wrong_why) = if is_true {
            (choice_why(0), choice_why(1))
        } else {
            (choice_why(1), choice_why(0))
        };
        out.push_str(if is_true { "TRUE" } else { "FALSE" });
        if !wrong_why.is_empty() || !right_why.is_empty() {
            out.push_str(&format!("#{wrong_why}"));
        }
        if !right_why.is_empty() {
            out.push_str(&format!("#{right_why}"));
        }
        out.push('\n');
    } else {
        out.push('\n');
        let weights = if c.is_multiple() {
            Some(partial_weights(c)?)
        } else {
            None
        };
        for (i, c) in c.choices.value.iter().enumerate() {
            let text = escape(&c.text.value);
            let mark = match &weights {
                Some(w) => format!("~%{}%", w[i]),
                None if right.contains(&i) => "=".into(),
                // A wrong choice that starts with `%` would read as a weight.
                None if text.starts_with('%') => "~%0%".into(),
                None => "~".into(),
            };
            out.push_str(&format!("\t{mark}{text}"));
            if let Some(why) = &c.why {
                out.push_str(&format!("#{}", escape(&why.value)));
            }
            out.push('\n');
        }
    }
    if let Some(feedback) = refs::feedback(q) {
        out.push_str(&format!("\t####{}\n", general_feedback(q, &feedback)));
    }
    out.push_str("}\n\n");
    Ok(())
}

pub(super) fn notes(q: &Question, c: &Choices) -> Vec<String> {
    let mut notes = Vec::new();
    // A true/false question shows True, then False, in Moodle as in quiz.
    if let Some(order) = fixed_order(c).filter(|_| true_false(c).is_none()) {
        notes.push(format!(
            "{order}, and GIFT cannot say so: Moodle may shuffle the choices (export to moodle-xml, whose <shuffleanswers>false</shuffleanswers> keeps them in order)"
        ));
    }
    notes.extend(id_notes(q));
    notes
}

/// A text as GIFT writes it: markup and GIFT's special characters escaped, on one line.
fn escape(text: &str) -> String {
    let text = html::escape_markup(text.trim());
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with('[') {
        // Keep a leading `[…]` from being read as a text format.
        out.push_str("[moodle]");
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}
