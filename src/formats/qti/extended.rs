//! Open questions as an `extendedTextInteraction`, with the model answer in a
//! `<rubricBlock view="scorer">` after it, and no scoring: a person marks it.
//!
//! Why a rubric block and not the `correctResponse`: QTI gives rubric blocks for
//! "instructions to one or more of the actors that view the item", and the scorer
//! is the one who needs a model answer (the IMS examples put an essay's marking
//! guide there); players that honour `view` keep it from the candidate. A correct
//! response is a value the engine compares the response with, and Canvas turns an
//! extended text item with one into a short-answer question, marked right only
//! when the essay is the model answer word for word; with a rubric block it stays
//! an essay, and the block stays out of the question text. On import a rubric
//! block for the scorer is read first, else the correct response.

use super::EXTENDED_TEXT_INTERACTION;
use super::read::{Item, Skip, inner_source};
use super::write::Interaction;
use crate::bank::kind::open::Open;
use crate::bank::{Body, Spanned};
use crate::formats::xhtml;

/// An open question's interaction.
pub(super) fn write(o: &Open) -> Interaction {
    Interaction {
        listed: Some(EXTENDED_TEXT_INTERACTION),
        declaration: "  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"string\"/>\n".into(),
        body: format!(
            "    <{EXTENDED_TEXT_INTERACTION} responseIdentifier=\"RESPONSE\"/>\n    <rubricBlock view=\"scorer\">{}</rubricBlock>\n",
            xhtml::blocks(o.answer.value.trim())
        ),
        scoring: String::new(),
        feedback: String::new(),
    }
}

/// An extended text item: the model answer from its rubric blocks for the
/// scorer, else from its correct response.
pub(super) fn read(item: &Item) -> Result<Body, Skip> {
    let rubrics: Vec<_> = item
        .root
        .descendants()
        .filter(|n| {
            n.is_element()
                && n.tag_name().name() == "rubricBlock"
                && n.attribute("view")
                    .is_some_and(|v| v.split_whitespace().any(|v| v == "scorer"))
        })
        .map(|n| {
            let text = xhtml::to_text(&inner_source(item.lines, n, &[]));
            (text.trim().to_owned(), item.pos(n))
        })
        .filter(|(t, _)| !t.is_empty())
        .collect();
    let (texts, pos): (Vec<String>, Vec<_>) = if rubrics.is_empty() {
        item.correct()
            .into_iter()
            .filter(|(v, _)| !v.is_empty())
            .map(|(v, n)| (v, item.pos(n)))
            .unzip()
    } else {
        rubrics.into_iter().unzip()
    };
    let Some(&at) = pos.first() else {
        return Err(Skip::Unheld(
            "it gives no model answer (a <rubricBlock view=\"scorer\"> or a correct response), which a quiz open question shows after the attempt".into(),
        ));
    };
    Ok(Body::Open(Open {
        answer: Spanned::new(texts.join("\n\n"), at),
    }))
}
