//! Order questions as an `orderInteraction`: the items are `simpleChoice`s,
//! `shuffle="true"`, and the right order is the `correctResponse` of an `ordered`
//! response, scored by `match_correct` (all or nothing: QTI has no expression
//! for `--scoring partial`'s longest run in order).
//!
//! The items are written in a scrambled order of their own, never the right one,
//! so that a tool that ignores `shuffle` does not show the answer; the scramble is
//! drawn from the question's id, so a package is the same bytes every time.
//! Canvas reads such an item as a matching question of positions, TAO as it is.

use super::ORDER_INTERACTION;
use super::read::{Item, Skip};
use super::write::{Interaction, MATCH_CORRECT, declaration, score_when, scrambled};
use crate::bank::kind::order::Order;
use crate::bank::{Body, Spanned, letter};
use crate::formats::xhtml;
use crate::formats::xml::children;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// The most items an order item holds (its identifiers are the letters).
const MAX_ITEMS: usize = 26;

/// The item's interaction, or why the question cannot be one.
pub(super) fn write(id: &str, o: &Order) -> Result<Interaction, String> {
    let items = &o.items.value;
    if items.len() > MAX_ITEMS {
        return Err(format!(
            "it has {} items, and quiz letters at most {MAX_ITEMS}",
            items.len()
        ));
    }
    // `shown[k]` is the place in the right order of the item written k-th, which
    // is lettered `letter(k)`.
    let shown = scrambled(id, items.len());
    let correct: Vec<String> = (0..items.len())
        .filter_map(|right| shown.iter().position(|&s| s == right))
        .map(|k| letter(k).to_string())
        .collect();
    let mut body =
        format!("    <{ORDER_INTERACTION} responseIdentifier=\"RESPONSE\" shuffle=\"true\">\n");
    for (k, &right) in shown.iter().enumerate() {
        let _ = writeln!(
            body,
            "      <simpleChoice identifier=\"{}\">{}</simpleChoice>",
            letter(k),
            xhtml::inline(items[right].value.trim())
        );
    }
    let _ = writeln!(body, "    </{ORDER_INTERACTION}>");
    Ok(Interaction {
        listed: Some(ORDER_INTERACTION),
        declaration: declaration("ordered", "identifier", &correct, ""),
        body,
        scoring: score_when(MATCH_CORRECT),
        feedback: String::new(),
    })
}

/// An order item: its choices in the order of the correct response.
pub(super) fn read(item: &Item) -> Result<Body, Skip> {
    let choices: HashMap<&str, _> = children(item.interaction, "simpleChoice")
        .map(|c| (c.attribute("identifier").unwrap_or("").trim(), c))
        .collect();
    let correct = item.correct();
    if correct.is_empty() {
        return Err(Skip::Unheld("it gives no correct order".into()));
    }
    let mut seen = HashSet::new();
    let mut items = Vec::new();
    for (id, value) in &correct {
        let Some(choice) = choices.get(id.as_str()) else {
            return Err(Skip::Broken(
                item.pos(*value),
                format!("its correct order names `{id}`, which is none of its choices"),
            ));
        };
        if !seen.insert(id.as_str()) {
            return Err(Skip::Broken(
                item.pos(*value),
                format!("its correct order names `{id}` twice"),
            ));
        }
        items.push(Spanned::new(item.text(*choice), item.pos(*choice)));
    }
    if items.len() < choices.len() {
        return Err(Skip::Unheld(format!(
            "its correct order places {} of its {} choices, and a quiz order places every item",
            items.len(),
            choices.len()
        )));
    }
    Ok(Body::Order(Order {
        items: Spanned::new(items, item.pos(item.interaction)),
    }))
}

#[cfg(test)]
mod tests {
    use super::super::write::scrambled;

    #[test]
    fn the_written_order_is_never_the_right_one() {
        for n in 2..=26 {
            for id in ["a", "b", "tls12-client-flight-order", "0-x"] {
                let order = scrambled(id, n);
                let mut sorted = order.clone();
                sorted.sort_unstable();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                assert_ne!(order, sorted, "{id} {n}");
                assert_eq!(order, scrambled(id, n));
            }
        }
    }
}
