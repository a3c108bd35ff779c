//! Match questions as a `matchInteraction`: the premises are the first
//! `simpleMatchSet` (`P1`, `P2`…, each matched once, kept in place with
//! `fixed="true"`), the responses the second (lettered A, B… as in the bank, each
//! usable by any number of premises: `matchMax="0"`), an `extra` response one that
//! no pair names; the responses are written scrambled, as an order's items are. The
//! answer is the `correctResponse` of a `multiple` `directedPair` response, one
//! `P1 B` per pair; a mapping worth 1 a right pair, divided by the pairs, scores
//! it as `--scoring partial` does (right pairs ÷ pairs).
//!
//! `shuffle: false` is `shuffle="false"`, the responses written in the order quiz
//! shows them (sorted): in the file's order, which follows the premises, they
//! would give the answer away. Canvas and TAO read the two sets and the pairs.

use super::MATCH_INTERACTION;
use super::read::{Item, Notes, Skip};
use super::write::{Interaction, declaration, map_entry, mapping, score_mapped, scrambled};
use crate::bank::kind::matching::{Match, Pair};
use crate::bank::kind::{Arrange, Model};
use crate::bank::{Body, Spanned, letter};
use crate::formats::xhtml;
use crate::formats::xml::children;
use roxmltree::Node;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// The most responses a match item holds (their identifiers are the letters).
const MAX_RESPONSES: usize = 26;

/// The item's interaction, or why the question cannot be one.
pub(super) fn write(id: &str, m: &Match) -> Result<Interaction, String> {
    let responses = m.responses();
    if responses.len() > MAX_RESPONSES {
        return Err(format!(
            "it has {} responses, and quiz letters at most {MAX_RESPONSES}",
            responses.len()
        ));
    }
    // `shown[k]` is the response written k-th: in the order quiz shows them under
    // `shuffle: false`, else scrambled as an order's items are. Each is lettered
    // as in the bank, so that `extra` reads back in its order.
    let shown: Vec<usize> = match m.arrange() {
        Arrange::Fixed(order) => order,
        _ => scrambled(id, responses.len()),
    };
    let pairs: Vec<String> = m
        .answers()
        .iter()
        .enumerate()
        .map(|(i, &r)| format!("P{} {}", i + 1, letter(r)))
        .collect();
    let n = pairs.len();
    let rest = mapping(0.0, n as f64, pairs.iter().map(|p| map_entry(p, 1.0)));
    let fixed = if m.shuffle { " fixed=\"true\"" } else { "" };
    let mut body = format!(
        "    <{MATCH_INTERACTION} responseIdentifier=\"RESPONSE\" shuffle=\"{}\" maxAssociations=\"{n}\">\n      <simpleMatchSet>\n",
        m.shuffle
    );
    for (i, pair) in m.pairs.value.iter().enumerate() {
        let _ = writeln!(
            body,
            "        <simpleAssociableChoice identifier=\"P{}\" matchMax=\"1\"{fixed}>{}</simpleAssociableChoice>",
            i + 1,
            xhtml::inline(pair.premise.value.trim())
        );
    }
    body.push_str("      </simpleMatchSet>\n      <simpleMatchSet>\n");
    for &r in &shown {
        let text = responses.get(r).map_or("", |t| t.value.trim());
        let _ = writeln!(
            body,
            "        <simpleAssociableChoice identifier=\"{}\" matchMax=\"0\">{}</simpleAssociableChoice>",
            letter(r),
            xhtml::inline(text)
        );
    }
    let _ = writeln!(body, "      </simpleMatchSet>\n    </{MATCH_INTERACTION}>");
    Ok(Interaction {
        listed: Some(MATCH_INTERACTION),
        declaration: declaration("multiple", "directedPair", &pairs, &rest),
        body,
        scoring: score_mapped(&format!(
            "<divide><mapResponse identifier=\"RESPONSE\"/><baseValue baseType=\"float\">{n}</baseValue></divide>"
        )),
        feedback: String::new(),
    })
}

/// The choices of a set, by identifier.
fn choices<'a, 'i>(set: Node<'a, 'i>) -> Vec<(String, Node<'a, 'i>)> {
    children(set, "simpleAssociableChoice")
        .map(|c| (c.attribute("identifier").unwrap_or("").trim().to_owned(), c))
        .collect()
}

/// A match item: the first set's choices are the premises, each with the
/// response of its pair in the correct response (else in the mapping, worth more
/// than 0), and the second set's choices that no pair names are `extra`. A
/// premise without a pair, or with several, is noted.
pub(super) fn read(item: &Item, notes: &mut Notes) -> Result<Body, Skip> {
    let sets: Vec<Node> = children(item.interaction, "simpleMatchSet").collect();
    let [first, second] = sets.as_slice() else {
        return Err(Skip::Broken(
            item.pos(item.interaction),
            format!(
                "a <matchInteraction> has two <simpleMatchSet>s, and this one has {}",
                sets.len()
            ),
        ));
    };
    let premises = choices(*first);
    let mut responses = choices(*second);
    // Responses lettered A, B… (as quiz writes them, scrambled) are the bank's in
    // letter order; others keep the file's.
    let lettered: Option<Vec<usize>> = responses
        .iter()
        .map(|(id, _)| crate::bank::letter_index(id))
        .collect();
    if let Some(mut places) = lettered {
        places.sort_unstable();
        if places.iter().enumerate().all(|(i, &p)| i == p) {
            responses.sort_by_key(|(id, _)| crate::bank::letter_index(id));
        }
    }
    let places = |list: &[(String, Node)]| -> HashMap<String, usize> {
        let mut places = HashMap::new();
        for (i, (id, _)) in list.iter().enumerate() {
            places.entry(id.clone()).or_insert(i);
        }
        places
    };
    let (premise_at, response_at) = (places(&premises), places(&responses));
    let index = |places: &HashMap<String, usize>, id: &str| places.get(id).copied();

    let mut given: Vec<(String, Node)> = item.correct();
    if given.is_empty() {
        given = item
            .mapping()
            .into_iter()
            .filter(|e| e.value > 0.0)
            .map(|e| (e.key, e.node))
            .collect();
    }
    if given.is_empty() {
        return Err(Skip::Unheld("it gives no correct response".into()));
    }
    // For each premise, the responses the pairs give it.
    let mut right: Vec<Vec<usize>> = vec![Vec::new(); premises.len()];
    let mut seen = HashSet::new();
    for (value, node) in &given {
        let ids: Vec<&str> = value.split_whitespace().collect();
        let pair = match ids.as_slice() {
            [a, b] => match (index(&premise_at, a), index(&response_at, b)) {
                (Some(p), Some(r)) => Some((p, r)),
                // Written the other way round.
                _ => index(&premise_at, b).zip(index(&response_at, a)),
            },
            _ => {
                return Err(Skip::Broken(
                    item.pos(*node),
                    format!("`{value}` is not a pair of identifiers"),
                ));
            }
        };
        let Some((p, r)) = pair else {
            return Err(Skip::Broken(
                item.pos(*node),
                format!(
                    "the pair `{value}` does not name a premise of the first set and a response of the second"
                ),
            ));
        };
        if seen.insert((p, r)) {
            right[p].push(r);
        }
    }

    let mut pairs = Vec::new();
    let mut used = vec![false; responses.len()];
    for (i, ((_, premise), rights)) in premises.iter().zip(&right).enumerate() {
        let pos = item.pos(*premise);
        let Some(&r) = rights.first() else {
            notes.push((
                pos,
                format!(
                    "premise {} has no right response, and each of a quiz match's premises has one: it is left out",
                    i + 1
                ),
            ));
            continue;
        };
        if rights.len() > 1 {
            notes.push((
                pos,
                format!(
                    "premise {} has {} right responses, and a quiz match's premise has one: the first is kept",
                    i + 1,
                    rights.len()
                ),
            ));
        }
        used[r] = true;
        let response = responses[r].1;
        pairs.push(Pair {
            pos,
            premise: Spanned::new(item.text(*premise), pos),
            response: Spanned::new(item.text(response), item.pos(response)),
        });
    }
    let extra = responses
        .iter()
        .zip(&used)
        .filter(|(_, used)| !**used)
        .map(|((_, node), _)| Spanned::new(item.text(*node), item.pos(*node)))
        .collect();
    Ok(Body::Match(Match {
        pairs: Spanned::new(pairs, item.pos(*first)),
        extra,
        shuffle: item.interaction.attribute("shuffle").map(str::trim) != Some("false"),
    }))
}
