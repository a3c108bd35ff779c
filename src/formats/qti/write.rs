//! One question as a QTI 2.1 `assessmentItem`, and the package's `imsmanifest.xml`.
//!
//! Every kind shares the item's frame: the stem and the exhibit before the
//! interaction, the `SCORE`, `MAXSCORE` and `FEEDBACK` outcomes, and the explanation
//! as a `modalFeedback`. What a kind asks is an [`Interaction`]: its response
//! declaration, its markup, and its scoring, written by the kind's module (choice
//! items here).

use super::{
    CHOICE_INTERACTION, GENERAL_FEEDBACK, ITEM_TYPE, QTI_NS, SELECT_ALL, entry, extended, matching,
    order,
};
use crate::bank::{Body, Choices, Question, letter};
use crate::formats::xml::escape;
use crate::formats::{refs, right_choices, xhtml};
use crate::quiz::Shuffler;
use std::fmt::Write;

/// An item's file in the package, and what the manifest says of it.
pub(super) struct Entry {
    pub href: String,
    pub tags: Vec<String>,
    /// The interaction the manifest names, where it names one.
    pub interaction: Option<&'static str>,
    /// The picture the item shows, its path in the package.
    pub picture: Option<String>,
}

/// What a kind writes of an item.
pub(super) struct Interaction {
    /// The interaction the manifest names (None for a text entry: see `entry`).
    pub listed: Option<&'static str>,
    /// The `responseDeclaration`, indented as the item's children are.
    pub declaration: String,
    /// The interaction and what goes with it, after the stem and the exhibit.
    pub body: String,
    /// The rules that set `SCORE` (none for an open question, which a person marks).
    pub scoring: String,
    /// Rules that add to `FEEDBACK` after the explanation's (a choice's `why`s).
    pub feedback: String,
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

/// The item and the interaction the manifest names, or why the question cannot be
/// one.
/// `picture`: the `src` of the question's picture in the package, relative to
/// the item.
pub(super) fn item(
    q: &Question,
    picture: Option<&str>,
) -> Result<(String, Option<&'static str>), String> {
    let interaction = match &q.body {
        Body::Choice(c) => choice(c)?,
        Body::Order(o) => order::write(&q.id.value, o)?,
        Body::Match(m) => matching::write(&q.id.value, m)?,
        Body::Number(n) => entry::number(n)?,
        Body::Text(t) => entry::text(t),
        Body::Open(o) => extended::write(o),
    };
    Ok((frame(q, &interaction, picture), interaction.listed))
}

/// The item around its interaction.
fn frame(q: &Question, interaction: &Interaction, picture: Option<&str>) -> String {
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
    out.push_str(&interaction.declaration);
    out.push_str(
        "  <outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\">\n    \
         <defaultValue><value>0</value></defaultValue>\n  </outcomeDeclaration>\n  \
         <outcomeDeclaration identifier=\"MAXSCORE\" cardinality=\"single\" baseType=\"float\">\n    \
         <defaultValue><value>1</value></defaultValue>\n  </outcomeDeclaration>\n  \
         <outcomeDeclaration identifier=\"FEEDBACK\" cardinality=\"multiple\" baseType=\"identifier\"/>\n",
    );
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
    if let Some(src) = picture {
        let alt = q.alt.as_ref().map_or("", |a| a.value.trim());
        let _ = writeln!(
            out,
            "    <div class=\"picture\"><img src=\"{}\" alt=\"{}\"/></div>",
            escape(src),
            escape(alt)
        );
    }
    out.push_str(&interaction.body);
    out.push_str("  </itemBody>\n");
    let feedback = general_feedback(q);
    let mut rules = interaction.scoring.clone();
    if feedback.is_some() {
        let _ = writeln!(
            rules,
            "    <setOutcomeValue identifier=\"FEEDBACK\"><multiple><baseValue baseType=\"identifier\">{GENERAL_FEEDBACK}</baseValue></multiple></setOutcomeValue>"
        );
    }
    rules.push_str(&interaction.feedback);
    if !rules.is_empty() {
        let _ = write!(
            out,
            "  <responseProcessing>\n{rules}  </responseProcessing>\n"
        );
    }
    if let Some(feedback) = feedback {
        let _ = writeln!(
            out,
            "  <modalFeedback outcomeIdentifier=\"FEEDBACK\" identifier=\"{GENERAL_FEEDBACK}\" showHide=\"show\" title=\"Explanation\">\
             <div class=\"explanation\">{feedback}</div></modalFeedback>"
        );
    }
    out.push_str("</assessmentItem>\n");
    out
}

/// A `responseDeclaration` of `RESPONSE`: its `correctResponse` with `correct`,
/// then `rest` (a mapping), each line indented under it.
pub(super) fn declaration(
    cardinality: &str,
    base_type: &str,
    correct: &[String],
    rest: &str,
) -> String {
    let mut out = format!(
        "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"{cardinality}\" baseType=\"{base_type}\">\n"
    );
    out.push_str("    <correctResponse>\n");
    for value in correct {
        let _ = writeln!(out, "      <value>{}</value>", escape(value));
    }
    out.push_str("    </correctResponse>\n");
    out.push_str(rest);
    out.push_str("  </responseDeclaration>\n");
    out
}

/// A `mapping` of `entries` (`mapEntry` elements, see [`map_entry`]), its sum
/// clamped to `lower`…`upper`, 0 for anything else.
pub(super) fn mapping(lower: f64, upper: f64, entries: impl IntoIterator<Item = String>) -> String {
    let mut out =
        format!("    <mapping lowerBound=\"{lower}\" upperBound=\"{upper}\" defaultValue=\"0\">\n");
    for entry in entries {
        let _ = writeln!(out, "      {entry}");
    }
    out.push_str("    </mapping>\n");
    out
}

/// A `mapEntry`: `key` (escaped here) is worth `value`.
pub(super) fn map_entry(key: &str, value: f64) -> String {
    format!(
        "<mapEntry mapKey=\"{}\" mappedValue=\"{value}\"/>",
        escape(key)
    )
}

/// A fixed order of `n` things drawn from `id`, never `0, 1, …, n − 1`.
pub(super) fn scrambled(id: &str, n: usize) -> Vec<usize> {
    // FNV-1a: the same seed for the same id on every platform and in every version.
    let seed = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut order = Shuffler::new(seed).choice_order(n, |_| false);
    if order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

/// The condition of the `match_correct` template: the response is the correct one.
pub(super) const MATCH_CORRECT: &str =
    "<match><variable identifier=\"RESPONSE\"/><correct identifier=\"RESPONSE\"/></match>";

/// `SCORE` 1 when `condition` holds, else 0: the `match_correct` template written
/// out, for any condition.
pub(super) fn score_when(condition: &str) -> String {
    format!(
        "    <responseCondition>\n      <responseIf>\n        {condition}\n        \
         <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">1</baseValue></setOutcomeValue>\n      \
         </responseIf>\n      <responseElse>\n        \
         <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">0</baseValue></setOutcomeValue>\n      \
         </responseElse>\n    </responseCondition>\n"
    )
}

/// `SCORE` `mapped` (an expression of the mapping), 0 when nothing was given: the
/// `map_response` template written out.
pub(super) fn score_mapped(mapped: &str) -> String {
    format!(
        "    <responseCondition>\n      <responseIf>\n        \
         <isNull><variable identifier=\"RESPONSE\"/></isNull>\n        \
         <setOutcomeValue identifier=\"SCORE\"><baseValue baseType=\"float\">0</baseValue></setOutcomeValue>\n      \
         </responseIf>\n      <responseElse>\n        \
         <setOutcomeValue identifier=\"SCORE\">{mapped}</setOutcomeValue>\n      \
         </responseElse>\n    </responseCondition>\n"
    )
}

/// A choice item: a `choiceInteraction`, scored by `match_correct`, or for a
/// multiple-answer item by `map_response` over [`mapped_values`].
fn choice(c: &Choices) -> Result<Interaction, String> {
    let correct = right_choices(c)?;
    let multiple = c.is_multiple();
    let cardinality = if multiple { "multiple" } else { "single" };
    let values: Vec<String> = correct.iter().map(|&i| letter(i).to_string()).collect();
    let rest = if multiple {
        let entries = mapped_values(c, &correct)
            .into_iter()
            .enumerate()
            .map(|(i, value)| map_entry(&letter(i).to_string(), value));
        mapping(0.0, 1.0, entries)
    } else {
        String::new()
    };
    let scoring = if multiple {
        score_mapped("<mapResponse identifier=\"RESPONSE\"/>")
    } else {
        score_when(MATCH_CORRECT)
    };
    Ok(Interaction {
        listed: Some(CHOICE_INTERACTION),
        declaration: declaration(cardinality, "identifier", &values, &rest),
        body: choice_body(c, multiple),
        scoring,
        feedback: whys(c, &correct, multiple),
    })
}

/// The choices with their `why`.
fn choice_body(c: &Choices, multiple: bool) -> String {
    let mut out = String::new();
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
    let _ = writeln!(out, "    </{CHOICE_INTERACTION}>");
    out
}

/// The feedback rules of the choices: each `why` shown as `quiz run` shows it, when
/// its choice is ticked wrongly or missed.
fn whys(c: &Choices, correct: &[usize], multiple: bool) -> String {
    let mut out = String::new();
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
    out
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
        if let Some(interaction) = entry.interaction {
            let _ = writeln!(
                out,
                "        <qtiMetadata xmlns=\"http://www.imsglobal.org/xsd/imsqti_metadata_v2p1\">\
                 <interactionType>{interaction}</interactionType></qtiMetadata>"
            );
        }
        let _ = writeln!(out, "      </metadata>\n      <file href=\"{href}\"/>");
        if let Some(picture) = &entry.picture {
            let _ = writeln!(out, "      <file href=\"{}\"/>", escape(picture));
        }
        out.push_str("    </resource>\n");
    }
    out.push_str("  </resources>\n</manifest>\n");
    out
}
