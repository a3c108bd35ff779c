//! Writing a question as GIFT: the id as `[id:…]` (when it fits Moodle's ID number)
//! and as the title, tags in the same comment, texts escaped for GIFT and for the
//! HTML Moodle makes of them. Each kind GIFT has is written as Moodle writes it:
//! a match as `=premise -> response` lines (`=-> response` for an extra one), a text
//! question as `=answer` lines, a number as `#answer:tolerance`, an open question as
//! an essay whose general feedback holds the model answer.

use super::super::{fixed_order, html, partial_weights, refs, right_choices, true_false};
use super::kinds::EXPLANATION;
use crate::bank::kind::matching::Match;
use crate::bank::kind::number::{Number, Tolerance, parse, parse_tolerance};
use crate::bank::kind::text::TextAnswer;
use crate::bank::{Body, Choices, MAX_ID_LEN, Question};

pub(super) fn question(q: &Question, out: &mut String) -> Result<(), String> {
    let mut item = String::new();
    match &q.body {
        Body::Choice(c) => choice(q, c, &mut item)?,
        Body::Match(m) => matching(m, &mut item)?,
        Body::Number(n) => number(n, &mut item)?,
        Body::Text(t) => text_answer(t, &mut item)?,
        Body::Open(o) => {
            let mut feedback = o.answer.value.trim().to_owned();
            if let Some(e) = refs::explanation(q) {
                feedback.push_str(&format!("\n\n{EXPLANATION}\n{e}"));
            }
            if let Some(r) = refs::feedback(&Question {
                explanation: None,
                ..q.clone()
            }) {
                feedback.push_str(&format!("\n\n{r}"));
            }
            item.push_str(&format!("####{}", general_feedback(q, &feedback)));
            head(q, out);
            out.push_str(&item);
            out.push_str("}\n\n");
            return Ok(());
        }
        Body::Order(_) => return Err("GIFT has no ordering question".into()),
    }
    head(q, out);
    out.push_str(&item);
    if let Some(feedback) = refs::feedback(q) {
        out.push_str(&format!("\t####{}\n", general_feedback(q, &feedback)));
    }
    out.push_str("}\n\n");
    Ok(())
}

/// The comment with the id and tags, the title, the stem and the `{`.
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

fn choice(_q: &Question, c: &Choices, out: &mut String) -> Result<(), String> {
    let right = right_choices(c)?;
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
    Ok(())
}

/// `=premise -> response` lines, `=-> response` for each extra one (Moodle's
/// matching question takes an empty sub-question as a response that matches none).
fn matching(m: &Match, out: &mut String) -> Result<(), String> {
    out.push('\n');
    for pair in &m.pairs.value {
        // `->` would end the premise early; `&gt;` reads back as `>`.
        let premise = escape(&pair.premise.value).replace("->", "-&gt;");
        out.push_str(&format!(
            "\t={premise} -> {}\n",
            escape_plain(&pair.response.value)
        ));
    }
    for response in &m.extra {
        out.push_str(&format!("\t=-> {}\n", escape_plain(&response.value)));
    }
    Ok(())
}

/// `#answer:tolerance`, a percentage tolerance made absolute.
fn number(n: &Number, out: &mut String) -> Result<(), String> {
    let written = n.answer.value.trim();
    let value = parse(written).ok_or("its answer does not read as a number")?;
    // Moodle reads a plain decimal (PHP's is_numeric); `16,384` becomes `16384`.
    let answer = if written.parse::<f64>().is_ok() {
        written.to_owned()
    } else {
        format!("{value}")
    };
    out.push_str(&format!("\n\t#{answer}"));
    match n.tolerance.as_ref().map(|t| (t, parse_tolerance(&t.value))) {
        None => {}
        Some((_, None)) => return Err("its tolerance does not read as a number".into()),
        Some((t, Some(Tolerance::Absolute(_)))) => {
            let t = t.value.trim();
            let t = if t.parse::<f64>().is_ok() {
                t.to_owned()
            } else {
                format!("{}", parse(t).unwrap_or(0.0))
            };
            out.push_str(&format!(":{t}"));
        }
        Some((_, Some(Tolerance::Percent(p)))) => {
            out.push_str(&format!(":{}", value.abs() * p / 100.0));
        }
    }
    out.push('\n');
    Ok(())
}

/// `=answer` lines.
fn text_answer(t: &TextAnswer, out: &mut String) -> Result<(), String> {
    out.push('\n');
    for answer in &t.answer.value {
        if answer.value.contains("->") {
            return Err(format!(
                "its answer `{}` holds `->`, which GIFT would read as a matching pair",
                answer.value.trim()
            ));
        }
        // Moodle reads a leading `[…]` of a short answer as its text format.
        let lead = if answer.value.trim().starts_with('[') {
            "[plain]"
        } else {
            ""
        };
        out.push_str(&format!("\t={lead}{}\n", escape_plain(&answer.value)));
    }
    Ok(())
}

pub(super) fn notes(q: &Question) -> Vec<String> {
    let mut notes = Vec::new();
    let moodle_xml = "(export to moodle-xml";
    match &q.body {
        // A true/false question shows True, then False, in Moodle as in quiz.
        Body::Choice(c) => {
            if let Some(order) = fixed_order(c).filter(|_| true_false(c).is_none()) {
                notes.push(format!(
                    "{order}, and GIFT cannot say so: Moodle may shuffle the choices {moodle_xml}, whose <shuffleanswers>false</shuffleanswers> keeps them in order)"
                ));
            }
        }
        Body::Match(m) if !m.shuffle => notes.push(format!(
            "its responses keep their order (`shuffle: false`), and GIFT cannot say so: Moodle shuffles them {moodle_xml}, whose <shuffleanswers>false</shuffleanswers> keeps them in order)"
        )),
        Body::Number(n) => {
            if let Some(t) = &n.tolerance
                && let Some(Tolerance::Percent(p)) = parse_tolerance(&t.value)
            {
                notes.push(format!(
                    "its tolerance of {p} % is written as the absolute amount it allows: GIFT has no percentage tolerance"
                ));
            }
        }
        Body::Text(t) if t.case_sensitive => notes.push(format!(
            "its answers are case-sensitive (`case: sensitive`), and GIFT cannot say so: Moodle will accept them in any case {moodle_xml}, whose <usecase>1</usecase> keeps the case)"
        )),
        _ => {}
    }
    if q.id.value.chars().count() > MAX_ID_LEN {
        notes.push(format!(
            "its id is longer than the {MAX_ID_LEN} characters of Moodle's ID number, so it is written as the title only, without `[id:…]`"
        ));
    }
    notes
}

/// The general feedback, escaped. It takes the stem's text format unless it says
/// its own: after an `[html]` stem (one with an exhibit) it says `[moodle]`, in
/// which its line breaks count.
fn general_feedback(q: &Question, text: &str) -> String {
    let escaped = escape(text);
    if q.exhibit.is_some() && !escaped.starts_with("[moodle]") {
        format!("[moodle]{escaped}")
    } else {
        escaped
    }
}

/// Text that Moodle keeps as it is (a short answer, a match's response): GIFT's
/// special characters escaped, on one line, but no HTML.
fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    gift_escape(text.trim(), &mut out);
    out
}

/// A text as GIFT writes it: markup and GIFT's special characters escaped, on one line.
fn escape(text: &str) -> String {
    let text = html::escape_markup(text.trim());
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with('[') {
        // Keep a leading `[…]` from being read as a text format.
        out.push_str("[moodle]");
    }
    gift_escape(&text, &mut out);
    out
}

fn gift_escape(text: &str, out: &mut String) {
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
}
