//! One question as a QTI 2.1 `assessmentItem`, and the package's `imsmanifest.xml`.

use super::{CHOICE_INTERACTION, GENERAL_FEEDBACK, ITEM_TYPE, QTI_NS, SELECT_ALL};
use crate::bank::{Choices, Question, letter};
use crate::formats::xml::escape;
use crate::formats::{refs, right_choices, xhtml};
use std::fmt::Write;

/// An item's file in the package, and what the manifest says of it.
pub(super) struct Entry {
    pub href: String,
    pub tags: Vec<String>,
}

/// `id` as an XML identifier (an NCName): as it is when it starts with a letter or
/// `_`, else behind `Q_`.
pub(super) fn identifier(id: &str) -> String {
    if id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        id.to_owned()
    } else {
        format!("Q_{id}")
    }
}

/// The score of each choice of a multiple-answer item under `map_response`: +1/k for
/// each of the k right choices and −1/k for each wrong one. The mapping sums the
/// values of the choices ticked and clamps the sum to [0, 1], which is
/// `--scoring partial`: max(0, (right − wrong) / k).
pub(super) fn mapped_values(c: &Choices, correct: &[usize]) -> Vec<f64> {
    let share = 1.0 / correct.len() as f64;
    (0..c.choices.value.len())
        .map(|i| if correct.contains(&i) { share } else { -share })
        .collect()
}

/// The item, or why the question cannot be one.
pub(super) fn item(q: &Question, c: &Choices) -> Result<String, String> {
    let correct = right_choices(c)?;
    let multiple = c.is_multiple();
    let mut out = String::new();
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <assessmentItem xmlns=\"{QTI_NS}\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"{QTI_NS} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd\" \
         identifier=\"{}\" title=\"{}\" adaptive=\"false\" timeDependent=\"false\" \
         toolName=\"quiz\" toolVersion=\"{}\">\n",
        escape(&identifier(&q.id.value)),
        escape(&q.id.value),
        env!("CARGO_PKG_VERSION")
    );
    let cardinality = if multiple { "multiple" } else { "single" };
    let _ = writeln!(
        out,
        "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"{cardinality}\" baseType=\"identifier\">"
    );
    out.push_str("    <correctResponse>\n");
    for &i in &correct {
        let _ = writeln!(out, "      <value>{}</value>", letter(i));
    }
    out.push_str("    </correctResponse>\n");
    if multiple {
        out.push_str("    <mapping lowerBound=\"0\" upperBound=\"1\" defaultValue=\"0\">\n");
        for (i, value) in mapped_values(c, &correct).iter().enumerate() {
            let _ = writeln!(
                out,
                "      <mapEntry mapKey=\"{}\" mappedValue=\"{value}\"/>",
                letter(i)
            );
        }
        out.push_str("    </mapping>\n");
    }
    out.push_str("  </responseDeclaration>\n");
    out.push_str(
        "  <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\">\n    \
         <defaultValue><value>0</value></defaultValue>\n  </outcomeDeclaration>\n  \
         <outcomeDeclaration identifier=\"MAXSCORE\" cardinality=\"single\" baseType=\"float\">\n    \
         <defaultValue><value>1</value></defaultValue>\n  </outcomeDeclaration>\n  \
         <outcomeDeclaration identifier=\"FEEDBACK\" cardinality=\"multiple\" baseType=\"identifier\"/>\n",
    );
    body(q, c, multiple, &mut out);
    processing(q, c, &correct, multiple, &mut out);
    if let Some(feedback) = general_feedback(q) {
        let _ = writeln!(
            out,
            "  <modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"{GENERAL_FEEDBACK}\" showHide=\"show\" title=\"Explanation\">\
             <div class=\"explanation\">{feedback}</div></modalFeedback>"
        );
    }
    out.push_str("</assessmentItem>\n");
    Ok(out)
}

/// The stem, the exhibit, and the choices with their `why`.
fn body(q: &Question, c: &Choices, multiple: bool, out: &mut String) {
    out.push_str("  <itemBody>\n");
    let _ = writeln!(
        out,
        "    <div class=\"stem\">{}</div>",
        xhtml::blocks(&q.question.value)
    );
    if let Some(exhibit) = &q.exhibit {
        let _ = writeln!(
            out,
            "    <div class=\"exhibit\"><pre>{}</pre></div>",
            escape(exhibit.value.trim_end_matches('\n'))
        );
    }
    // `multi: true` ("select all that apply", no count given) has no QTI attribute
    // of its own: a class says it, which other tools ignore.
    let class = if c.multi {
        format!(" class=\"{SELECT_ALL}\"")
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "    <{CHOICE_INTERACTION}{class} responseIdentifier=\"RESPONSE\" shuffle=\"{}\" maxChoices=\"{}\">",
        c.shuffle,
        if multiple { 0 } else { 1 }
    );
    for (i, c) in c.choices.value.iter().enumerate() {
        let fixed = if c.pin { " fixed=\"true\"" } else { "" };
        let _ = write!(
            out,
            "      <simpleChoice identifier=\"{}\"{fixed}>{}",
            letter(i),
            xhtml::inline(c.text.value.trim())
        );
        if let Some(why) = c.why.as_ref().filter(|w| !w.value.trim().is_empty()) {
            let _ = write!(
                out,
                "<feedbackInline outcomeIdentifier=\"FEEDBACK\" identifier=\"{}\" showHide=\"show\">{}</feedbackInline>",
                letter(i),
                xhtml::inline(why.value.trim())
            );
        }
        out.push_str("</simpleChoice>\n");
    }
    let _ = writeln!(out, "    </{CHOICE_INTERACTION}>\n  </itemBody>");
}

/// The response processing: the `match_correct` template for a single-answer item and
/// `map_response` for a multiple-answer one, written out, then the feedback shown as
/// `quiz run` shows it: the explanation always, and the `why` of each choice ticked
/// wrongly or missed.
fn processing(q: &Question, c: &Choices, correct: &[usize], multiple: bool, out: &mut String) {
    out.push_str("  <responseProcessing>\n");
    if multiple {
        out.push_str(
            "    <responseCondition>\n      <responseIf>\n        \
             <isNull><variable identifier=\"RESPONSE\"/></isNull>\n        \
             <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">0</baseValue></setOutcomeValue>\n      \
             </responseIf>\n      <responseElse>\n        \
             <setOutcomeValue identifier=\"SCORE\"><mapResponse identifier=\"RESPONSE\"/></setOutcomeValue>\n      \
             </responseElse>\n    </responseCondition>\n",
        );
    } else {
        out.push_str(
            "    <responseCondition>\n      <responseIf>\n        \
             <match><variable identifier=\"RESPONSE\"/><correct identifier=\"RESPONSE\"/></match>\n        \
             <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">1</baseValue></setOutcomeValue>\n      \
             </responseIf>\n      <responseElse>\n        \
             <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">0</baseValue></setOutcomeValue>\n      \
             </responseElse>\n    </responseCondition>\n",
        );
    }
    if general_feedback(q).is_some() {
        let _ = writeln!(
            out,
            "    <setOutcomeValue identifier=\"FEEDBACK\"><multiple><baseValue baseType=\"identifier\">{GENERAL_FEEDBACK}</baseValue></multiple></setOutcomeValue>"
        );
    }
    for (i, c) in c.choices.value.iter().enumerate() {
        if c.why.as_ref().is_none_or(|w| w.value.trim().is_empty()) {
            continue;
        }
        let l = letter(i);
        let value = format!("<baseValue baseType=\"identifier\">{l}</baseValue>");
        let chosen = if multiple {
            format!("<member>{value}<variable identifier=\"RESPONSE\"/></member>")
        } else {
            format!("<match><variable identifier=\"RESPONSE\"/>{value}</match>")
        };
        // A wrong choice explains itself when ticked, a right one when missed.
        let condition = if correct.contains(&i) {
            format!("<not>{chosen}</not>")
        } else {
            chosen
        };
        let _ = writeln!(
            out,
            "    <responseCondition><responseIf>{condition}\
             <setOutcomeValue identifier=\"FEEDBACK\"><multiple><variable identifier=\"FEEDBACK\"/>{value}</multiple></setOutcomeValue>\
             </responseIf></responseCondition>"
        );
    }
    out.push_str("  </responseProcessing>\n");
}

/// The explanation and the references, as the body of the general feedback: the
/// references under a `References:` line, one per line, each address a link.
fn general_feedback(q: &Question) -> Option<String> {
    let mut out = q
        .explanation
        .as_ref()
        .map(|e| xhtml::blocks(e.value.trim()))
        .unwrap_or_default();
    if !q.references.is_empty() {
        out.push_str("<p>");
        out.push_str(refs::HEADING);
        for r in &q.references {
            let (label, link) = refs::parts(r);
            let link = escape(&link);
            let _ = write!(
                out,
                "<br/>{}: <a href=\"{link}\">{link}</a>",
                escape(&label)
            );
        }
        out.push_str("</p>");
    }
    (!out.is_empty()).then_some(out)
}

/// The manifest of a package of items.
pub(super) fn manifest(entries: &[Entry]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" \
         xmlns:imsmd=\"http://www.imsglobal.org/xsd/imsmd_v1p2\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 http://www.imsglobal.org/xsd/imscp_v1p1.xsd\" \
         identifier=\"quiz-package\">\n  \
         <metadata>\n    <schema>QTIv2.1 Package</schema>\n    <schemaversion>1.0.0</schemaversion>\n  </metadata>\n  \
         <organizations/>\n  <resources>\n",
    );
    for (n, entry) in entries.iter().enumerate() {
        let href = escape(&entry.href);
        let _ = writeln!(
            out,
            "    <resource identifier=\"item-{}\" type=\"{ITEM_TYPE}\" href=\"{href}\">\n      <metadata>",
            n + 1
        );
        if !entry.tags.is_empty() {
            out.push_str("        <imsmd:lom><imsmd:general>");
            for tag in &entry.tags {
                let _ = write!(
                    out,
                    "<imsmd:keyword><imsmd:langstring>{}</imsmd:langstring></imsmd:keyword>",
                    escape(tag)
                );
            }
            out.push_str("</imsmd:general></imsmd:lom>\n");
        }
        let _ = writeln!(
            out,
            "        <qtiMetadata xmlns=\"http://www.imsglobal.org/xsd/imsqti_metadata_v2p1\">\
             <interactionType>{CHOICE_INTERACTION}</interactionType></qtiMetadata>\n      \
             </metadata>\n      <file href=\"{href}\"/>\n    </resource>"
        );
    }
    out.push_str("  </resources>\n</manifest>\n");
    out
}
