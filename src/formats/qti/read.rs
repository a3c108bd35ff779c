//! One QTI `assessmentItem` (2.0, 2.1 or 2.2) into a question: its choice interaction,
//! the stem around it, a `<pre>` as the exhibit, the correct response, and the
//! feedback.

use super::{CHOICE_INTERACTION, SELECT_ALL};
use crate::bank::Spanned;
use crate::diagnostic::Diagnostic;
use crate::formats::build::{Builder, Draft, DraftChoice, Extra};
use crate::formats::xhtml;
use crate::formats::xml::{self, Lines, children, inner_text};
use roxmltree::{Node, NodeId};
use std::collections::HashSet;

/// The interactions of QTI 2.1; an item with any but one choice interaction is skipped.
const INTERACTIONS: &[&str] = &[
    "associateInteraction",
    "choiceInteraction",
    "customInteraction",
    "drawingInteraction",
    "endAttemptInteraction",
    "extendedTextInteraction",
    "gapMatchInteraction",
    "graphicAssociateInteraction",
    "graphicGapMatchInteraction",
    "graphicOrderInteraction",
    "hotspotInteraction",
    "hottextInteraction",
    "inlineChoiceInteraction",
    "matchInteraction",
    "mediaInteraction",
    "orderInteraction",
    "positionObjectInteraction",
    "selectPointInteraction",
    "sliderInteraction",
    "textEntryInteraction",
    "uploadInteraction",
];

/// Reads one item file. `tags` come from the package's manifest. A file that is not
/// well-formed XML is an Err; an item quiz cannot hold is skipped with a warning.
pub(super) fn item(
    text: &str,
    tags: &[Spanned<String>],
    b: &mut Builder,
) -> Result<(), Diagnostic> {
    let doc = xml::parse(b, text, "QTI")?;
    let lines = Lines::new(text);
    let root = doc.root_element();
    let at = lines.pos(root);
    if root.tag_name().name() != "assessmentItem" {
        return Err(b.error(
            at,
            format!(
                "expected a QTI <assessmentItem>, found <{}>",
                root.tag_name().name()
            ),
        ));
    }
    let what = "the item";
    let Some(body) = children(root, "itemBody").next() else {
        b.skip(at, what, "it has no <itemBody>");
        return Ok(());
    };
    let interactions: Vec<Node> = body
        .descendants()
        .filter(|n| n.is_element() && INTERACTIONS.contains(&n.tag_name().name()))
        .collect();
    let interaction = match interactions.as_slice() {
        [one] if one.tag_name().name() == CHOICE_INTERACTION => *one,
        [] => {
            b.skip(at, what, "it has no interaction");
            return Ok(());
        }
        [one] => {
            let why = format!(
                "it is a <{}>, and quiz reads choice items only",
                one.tag_name().name()
            );
            b.skip(at, what, &why);
            return Ok(());
        }
        many => {
            let why = format!(
                "it has {} interactions, and a quiz question is one choice interaction",
                many.len()
            );
            b.skip(at, what, &why);
            return Ok(());
        }
    };
    let response_id = interaction.attribute("responseIdentifier").unwrap_or("");
    let Some(declaration) = children(root, "responseDeclaration")
        .find(|d| d.attribute("identifier") == Some(response_id))
    else {
        let why = format!("it declares no response `{response_id}`");
        b.skip(at, what, &why);
        return Ok(());
    };

    // The elements that hold the interaction or an exhibit, to look inside: marked
    // once each, walking up until an element already marked.
    let mut holders: HashSet<NodeId> = HashSet::new();
    for n in body
        .descendants()
        .filter(|n| *n == interaction || n.is_element() && n.tag_name().name() == "pre")
    {
        for a in n.ancestors().skip(1) {
            if !holders.insert(a.id()) {
                break;
            }
        }
    }
    let mut stem_parts: Vec<String> = Vec::new();
    let mut exhibits: Vec<String> = Vec::new();
    let around = Around {
        lines: &lines,
        interaction,
        holders: &holders,
    };
    around.gather(body, &mut stem_parts, &mut exhibits);
    if let Some(prompt) = children(interaction, "prompt").next() {
        stem_parts.push(xhtml::to_text(&inner_source(&lines, prompt, &[])));
    }
    stem_parts.retain(|p| !p.trim().is_empty());
    let stem_at = children(interaction, "prompt")
        .next()
        .map_or_else(|| lines.pos(body), |p| lines.pos(p));
    let mut draft = Draft::new(at, Spanned::new(stem_parts.join("\n\n"), stem_at));
    draft.name = root
        .attribute("title")
        .filter(|t| !t.trim().is_empty())
        .or_else(|| root.attribute("identifier"))
        .map(|n| Spanned::new(n.to_owned(), at));
    draft.choices_pos = lines.pos(interaction);
    draft.tags = tags.to_vec();

    let correct: Vec<String> = children(declaration, "correctResponse")
        .flat_map(|c| children(c, "value"))
        .map(|v| inner_text(v).trim().to_owned())
        .collect();
    let mapped: Vec<(String, f64)> = children(declaration, "mapping")
        .flat_map(|m| children(m, "mapEntry"))
        .filter_map(|e| {
            let value = e.attribute("mappedValue")?.trim().parse::<f64>().ok()?;
            Some((e.attribute("mapKey")?.trim().to_owned(), value))
        })
        .collect();
    let right = |id: &str| {
        if correct.is_empty() {
            mapped.iter().any(|(k, v)| k == id && *v > 0.0)
        } else {
            correct.iter().any(|c| c == id)
        }
    };
    let max_choices = interaction.attribute("maxChoices").unwrap_or("1").trim();
    draft.single = declaration.attribute("cardinality") == Some("single") || max_choices == "1";

    let feedback: Vec<Node> = children(root, "modalFeedback").collect();
    let mut extra = Extra {
        keep_order: interaction.attribute("shuffle").map(str::trim) == Some("false"),
        multi: interaction
            .attribute("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == SELECT_ALL)),
        exhibit: (!exhibits.is_empty())
            .then(|| Spanned::new(exhibits.join("\n\n"), lines.pos(body))),
        ..Extra::default()
    };
    let mut ids = Vec::new();
    for (i, choice) in children(interaction, "simpleChoice").enumerate() {
        let id = choice.attribute("identifier").unwrap_or("").to_owned();
        let pos = lines.pos(choice);
        let text = xhtml::to_text(&inner_source(&lines, choice, &["feedbackInline"]));
        let mut whys: Vec<String> = choice
            .descendants()
            .filter(|n| n.is_element() && n.tag_name().name() == "feedbackInline")
            .map(|f| xhtml::to_text(&inner_source(&lines, f, &[])))
            .collect();
        whys.extend(
            feedback
                .iter()
                .filter(|f| f.attribute("identifier") == Some(id.as_str()))
                .map(|f| xhtml::to_text(&inner_source(&lines, *f, &[]))),
        );
        whys.retain(|w| !w.trim().is_empty());
        if choice.attribute("fixed").map(str::trim) == Some("true") {
            extra.pins.push(i);
        }
        draft.choices.push(DraftChoice {
            text: Spanned::new(text, pos),
            why: (!whys.is_empty()).then(|| Spanned::new(whys.join("\n\n"), pos)),
            weight: if right(&id) { 100.0 } else { 0.0 },
        });
        ids.push(id);
    }
    if correct.is_empty() && !mapped.iter().any(|(_, v)| *v > 0.0) {
        b.skip(at, what, "it gives no correct response");
        return Ok(());
    }

    let general: Vec<Node> = feedback
        .iter()
        .copied()
        .filter(|f| {
            !ids.iter()
                .any(|id| f.attribute("identifier") == Some(id.as_str()))
        })
        .collect();
    let texts: Vec<String> = general
        .iter()
        .map(|f| xhtml::to_text(&inner_source(&lines, *f, &[])))
        .filter(|t| !t.trim().is_empty())
        .collect();
    if texts.len() > 1 {
        b.warn(
            lines.pos(general[1]),
            format!(
                "{} feedback blocks are joined into one explanation (quiz shows one after every answer)",
                texts.len()
            ),
        );
    }
    if let Some(first) = general.first() {
        draft.explanation =
            (!texts.is_empty()).then(|| Spanned::new(texts.join("\n\n"), lines.pos(*first)));
    }
    b.add_with(draft, extra);
    Ok(())
}

/// The item body around the interaction.
struct Around<'a, 'i> {
    lines: &'a Lines<'a>,
    interaction: Node<'a, 'i>,
    /// The elements with the interaction or a `<pre>` inside.
    holders: &'a HashSet<NodeId>,
}

impl Around<'_, '_> {
    /// The stem's parts and the exhibits: each `<pre>` is an exhibit, every other
    /// block is stem text. (A stack, not recursion: nesting depth is the file's choice.)
    fn gather(&self, body: Node, stem: &mut Vec<String>, exhibits: &mut Vec<String>) {
        let mut stack = vec![body.children()];
        while let Some(level) = stack.last_mut() {
            let Some(child) = level.next() else {
                stack.pop();
                continue;
            };
            if child == self.interaction {
                continue;
            }
            if child.is_text() {
                let text = xhtml::to_text(self.lines.source(child));
                if !text.trim().is_empty() {
                    stem.push(text);
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child.tag_name().name();
            if name == "pre" {
                exhibits.push(inner_text(child).trim_end_matches('\n').to_owned());
            } else if self.holders.contains(&child.id()) {
                stack.push(child.children());
            } else if !matches!(name, "rubricBlock" | "feedbackBlock" | "templateBlock") {
                stem.push(xhtml::to_text(self.lines.source(child)));
            }
        }
    }
}

/// The source of `node`'s content, leaving out the child elements named in `skip`.
fn inner_source(lines: &Lines, node: Node, skip: &[&str]) -> String {
    node.children()
        .filter(|c| !(c.is_element() && skip.contains(&c.tag_name().name())))
        .map(|c| lines.source(c))
        .collect()
}
