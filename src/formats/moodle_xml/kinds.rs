//! The kinds beyond choice in Moodle XML, read as Moodle's `qformat_xml`
//! (and the ordering plugin, `qtype_ordering`) read them, and written so that
//! they read them back:
//!
//! | quiz | Moodle XML |
//! | --- | --- |
//! | match | `match`: each `<subquestion>` a premise with its `<answer>`; one with no text an extra response; `<shuffleanswers>` |
//! | text | `shortanswer`: each `<answer fraction="100">` accepted; `<usecase>1` for `case: sensitive` |
//! | number | `numerical`: the `<answer fraction="100">` and its `<tolerance>` |
//! | open | `essay`: the model answer in `<graderinfo>` (else the general feedback) |
//! | order | `ordering`: the `<answer>`s, their `fraction` giving the right place (1, 2, …) |
//!
//! What Moodle holds that quiz does not (answers worth less than 100 %, units,
//! several numerical answers, an essay's response template, a subset to order)
//! is dropped with a warning at its line.

use super::{cdata, child, text_of};
use crate::bank::kind::matching::{Match, Pair};
use crate::bank::kind::number::{Number, parse, parse_tolerance};
use crate::bank::kind::open::Open;
use crate::bank::kind::order::Order;
use crate::bank::kind::text::TextAnswer;
use crate::bank::{Body, Question, Spanned};
use crate::formats::build::Draft;
use crate::formats::html;
use crate::formats::xml::{Lines, children, inner_text};
use roxmltree::Node;

pub(super) use crate::formats::build::Notes;

/// Why a question is not taken.
pub(super) enum Skip {
    /// It asks what quiz cannot hold: skipped with a warning.
    Unheld(String),
    /// A value in it cannot be read (a number that is none): skipped with an
    /// error, and the other questions read.
    Broken(String),
}

impl From<&str> for Skip {
    fn from(why: &str) -> Self {
        Skip::Unheld(why.to_owned())
    }
}

/// The body of a question of Moodle type `kind` (not multichoice or
/// truefalse), or why quiz cannot hold it.
pub(super) fn read(
    kind: &str,
    q: Node,
    lines: &Lines,
    draft: &mut Draft,
    notes: &mut Notes,
) -> Result<Body, Skip> {
    match kind {
        "match" => matching(q, lines, notes),
        "shortanswer" => short_answer(q, lines, notes),
        "numerical" => numerical(q, lines, notes),
        "essay" => essay(q, lines, draft, notes),
        _ => ordering(q, lines, notes),
    }
}

/// An `<answer>`'s fraction: in percent (an ordering's: the item's place).
fn fraction(a: Node) -> f64 {
    a.attribute("fraction")
        .and_then(|f| f.trim().parse::<f64>().ok())
        .filter(|f| f.is_finite())
        .unwrap_or(0.0)
}

/// The plain text of an `<answer>` (its `format`, else `moodle_auto_format`).
fn answer_text(lines: &Lines, a: Node) -> Spanned<String> {
    let format = a.attribute("format").unwrap_or("moodle_auto_format");
    text_of(lines, a, format).0
}

/// Notes each answer's feedback that is not empty: quiz has none per answer.
fn note_feedback(lines: &Lines, a: Node, notes: &mut Notes) {
    if let Some(f) = child(a, "feedback")
        && !text_of(lines, f, "html").0.value.trim().is_empty()
    {
        notes.push((
            lines.pos(f),
            "feedback on one answer is dropped: quiz shows the explanation after every answer"
                .into(),
        ));
    }
}

fn matching(q: Node, lines: &Lines, notes: &mut Notes) -> Result<Body, Skip> {
    let at = lines.pos(q);
    let mut pairs = Vec::new();
    let mut extra = Vec::new();
    for sub in children(q, "subquestion") {
        let pos = lines.pos(sub);
        let format = sub.attribute("format").unwrap_or("html");
        let premise = text_of(lines, sub, format).0;
        let response = child(sub, "answer")
            .and_then(|a| child(a, "text"))
            .map(|t| inner_text(t).trim().to_owned())
            .unwrap_or_default();
        if response.is_empty() {
            continue;
        }
        let response = Spanned::new(response, pos);
        if premise.value.trim().is_empty() {
            extra.push(response);
        } else {
            pairs.push(Pair {
                pos,
                premise: Spanned::new(premise.value, pos),
                response,
            });
        }
    }
    let _ = notes;
    // Moodle takes a missing <shuffleanswers> as true for a match.
    let shuffle = child(q, "shuffleanswers").is_none_or(|s| {
        let v = inner_text(s);
        !matches!(v.trim(), "false" | "0" | "")
    });
    Ok(Body::Match(Match {
        pairs: Spanned::new(pairs, at),
        extra,
        shuffle,
    }))
}

/// The `<answer>`s worth 100 %, the others noted as dropped.
fn full_credit<'a, 'i>(q: Node<'a, 'i>, lines: &Lines, notes: &mut Notes) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    for a in children(q, "answer") {
        let f = fraction(a);
        note_feedback(lines, a, notes);
        if f >= 99.99 {
            out.push(a);
        } else if f > 0.0 {
            notes.push((
                lines.pos(a),
                format!(
                    "the answer `{}` is worth {}% and is dropped: quiz gives no partial credit for a typed answer",
                    answer_text(lines, a).value.trim(),
                    (f * 1000.0).round() / 1000.0
                ),
            ));
        }
    }
    out
}

fn short_answer(q: Node, lines: &Lines, notes: &mut Notes) -> Result<Body, Skip> {
    let at = lines.pos(q);
    let accepted: Vec<Spanned<String>> = full_credit(q, lines, notes)
        .into_iter()
        .map(|a| answer_text(lines, a))
        .filter(|a| !a.value.trim().is_empty())
        .collect();
    if accepted.is_empty() {
        return Err("it has no answer worth 100%, which a typed answer needs".into());
    }
    let case_sensitive = child(q, "usecase").is_some_and(|u| inner_text(u).trim() == "1");
    Ok(Body::Text(TextAnswer {
        answer: Spanned::new(accepted, at),
        case_sensitive,
    }))
}

fn numerical(q: Node, lines: &Lines, notes: &mut Notes) -> Result<Body, Skip> {
    let kept = full_credit(q, lines, notes);
    let Some(first) = kept.first() else {
        return Err("it has no answer worth 100%".into());
    };
    for other in &kept[1..] {
        notes.push((
            lines.pos(*other),
            "a second numerical answer is dropped: a number question has one answer (and one tolerance)".into(),
        ));
    }
    let pos = lines.pos(*first);
    let answer = answer_text(lines, *first).value.trim().to_owned();
    if answer == "*" || parse(&answer).is_none() {
        return Err(Skip::Broken(format!(
            "its answer `{answer}` at line {} is not a number",
            pos.line
        )));
    }
    let tolerance = child(*first, "tolerance")
        .map(|t| inner_text(t).trim().to_owned())
        .filter(|t| !t.is_empty());
    if let Some(t) = &tolerance
        && parse_tolerance(t).is_none()
    {
        return Err(Skip::Broken(format!(
            "its tolerance `{t}` at line {} is not a number of at least 0",
            pos.line
        )));
    }
    if let Some(units) = child(q, "units")
        && children(units, "unit").next().is_some()
    {
        notes.push((
            lines.pos(units),
            "its units are dropped: a number question is answered with the number alone".into(),
        ));
    }
    Ok(Body::Number(Number {
        answer: Spanned::new(answer, pos),
        tolerance: tolerance
            .filter(|t| parse(t) != Some(0.0))
            .map(|t| Spanned::new(t, pos)),
    }))
}

fn essay(q: Node, lines: &Lines, draft: &mut Draft, notes: &mut Notes) -> Result<Body, Skip> {
    if let Some(template) = child(q, "responsetemplate")
        && !text_of(lines, template, "html").0.value.trim().is_empty()
    {
        notes.push((
            lines.pos(template),
            "its response template is dropped: the candidate starts from an empty answer".into(),
        ));
    }
    let grader = child(q, "graderinfo")
        .map(|g| text_of(lines, g, "html").0)
        .filter(|g| !g.value.trim().is_empty());
    let answer = match grader {
        Some(answer) => answer,
        // Without grader information, the general feedback is the one text
        // that says what a good answer holds.
        None => draft.explanation.take().ok_or(
            "an essay with neither <graderinfo> nor general feedback has no model answer, which an open question needs",
        )?,
    };
    Ok(Body::Open(Open { answer }))
}

fn ordering(q: Node, lines: &Lines, notes: &mut Notes) -> Result<Body, Skip> {
    let at = lines.pos(q);
    if let Some(select) = child(q, "selecttype")
        && !matches!(inner_text(select).trim(), "ALL" | "0" | "")
    {
        notes.push((
            lines.pos(select),
            "only a subset of the items is asked in Moodle; quiz asks them all".into(),
        ));
    }
    let mut items: Vec<(f64, usize, Spanned<String>)> = children(q, "answer")
        .enumerate()
        .map(|(i, a)| (fraction(a), i, answer_text(lines, a)))
        .filter(|(_, _, t)| !t.value.trim().is_empty())
        .collect();
    // The right order is by fraction, then as written.
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    Ok(Body::Order(Order {
        items: Spanned::new(items.into_iter().map(|(_, _, t)| t).collect(), at),
    }))
}

/// The elements of a question of another kind than choice, after the
/// common ones: its Moodle type and what follows `<idnumber>`. `notes` gets
/// what it loses.
pub(super) fn write(
    q: &Question,
    notes: &mut Vec<String>,
) -> Result<(&'static str, String), String> {
    let mut out = String::new();
    let answer = |out: &mut String, fraction: &str, text: &str, extra: &str| {
        out.push_str(&format!(
            "    <answer fraction=\"{fraction}\" format=\"plain_text\">\n      <text>{}</text>\n{extra}    </answer>\n",
            cdata(text.trim())
        ));
    };
    let kind = match &q.body {
        Body::Match(m) => {
            out.push_str(&format!(
                "    <shuffleanswers>{}</shuffleanswers>\n",
                m.shuffle
            ));
            for pair in &m.pairs.value {
                out.push_str(&format!(
                    "    <subquestion format=\"html\">\n      <text>{}</text>\n      <answer>\n        <text>{}</text>\n      </answer>\n    </subquestion>\n",
                    cdata(&html::from_text(pair.premise.value.trim(), false)),
                    cdata(pair.response.value.trim())
                ));
            }
            for extra in &m.extra {
                out.push_str(&format!(
                    "    <subquestion format=\"html\">\n      <text></text>\n      <answer>\n        <text>{}</text>\n      </answer>\n    </subquestion>\n",
                    cdata(extra.value.trim())
                ));
            }
            "match"
        }
        Body::Text(t) => {
            out.push_str(&format!(
                "    <usecase>{}</usecase>\n",
                u8::from(t.case_sensitive)
            ));
            for a in &t.answer.value {
                answer(&mut out, "100", &a.value, "");
            }
            "shortanswer"
        }
        Body::Number(n) => {
            let (value, tolerance) = crate::formats::number_and_amount(n, "Moodle", notes)?;
            answer(
                &mut out,
                "100",
                &format!("{value}"),
                &format!("      <tolerance>{tolerance}</tolerance>\n"),
            );
            out.push_str("    <unitgradingtype>0</unitgradingtype>\n    <unitpenalty>0.1</unitpenalty>\n    <showunits>3</showunits>\n    <unitsleft>0</unitsleft>\n");
            "numerical"
        }
        Body::Open(o) => {
            out.push_str("    <responseformat>editor</responseformat>\n    <responserequired>1</responserequired>\n    <responsefieldlines>10</responsefieldlines>\n    <attachments>0</attachments>\n    <attachmentsrequired>0</attachmentsrequired>\n");
            out.push_str(&format!(
                "    <graderinfo format=\"html\">\n      <text>{}</text>\n    </graderinfo>\n    <responsetemplate format=\"html\">\n      <text></text>\n    </responsetemplate>\n",
                cdata(&html::from_text(o.answer.value.trim(), true))
            ));
            "essay"
        }
        Body::Order(o) => {
            out.push_str("    <layouttype>VERTICAL</layouttype>\n    <selecttype>ALL</selecttype>\n    <selectcount>0</selectcount>\n    <gradingtype>ALL_OR_NOTHING</gradingtype>\n    <showgrading>SHOW</showgrading>\n    <numberingstyle>none</numberingstyle>\n");
            for (i, item) in o.items.value.iter().enumerate() {
                answer(&mut out, &format!("{}", i + 1), &item.value, "");
            }
            "ordering"
        }
        Body::Choice(_) => return Err("a choice question is written by the caller".into()),
    };
    Ok((kind, out))
}
