//! What `quiz check` says about a blueprint beyond its shape, from the banks it
//! draws from: that its `banks` exist, that its domains' tags pick questions,
//! and that every domain can have its share of `count`.

use super::Blueprint;
use crate::bank::{self, Bank, tag_key};
use crate::diagnostic::{Diagnostic, suggest};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The diagnostics of `blueprint` against its banks, at its own lines.
pub fn check(blueprint: &Blueprint) -> Vec<Diagnostic> {
    let path = blueprint.path.as_str();
    let mut out = Vec::new();
    let Some(banks) = banks(blueprint, &mut out) else {
        // The rest would only repeat that a bank is missing.
        return out;
    };
    // Tags match without regard to case: each tag of the banks by its key, with its
    // first spelling for "did you mean".
    let mut known: BTreeMap<String, &str> = BTreeMap::new();
    for t in banks
        .iter()
        .flat_map(|b| &b.questions)
        .flat_map(|q| &q.tags)
    {
        known.entry(tag_key(&t.value)).or_insert(t.value.trim());
    }
    let known_keys: Vec<&str> = known.keys().map(String::as_str).collect();
    let mut picks_nothing = false;
    for domain in &blueprint.domains {
        let unknown: Vec<_> = domain
            .tags
            .iter()
            .filter(|t| !known.contains_key(&tag_key(&t.value)))
            .collect();
        let hint = |tag: &str| {
            suggest(&tag_key(tag), &known_keys)
                .and_then(|key| known.get(key))
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default()
        };
        if unknown.len() == domain.tags.len() {
            picks_nothing = true;
            let tags: Vec<String> = domain
                .tags
                .iter()
                .map(|t| format!("`{}`{}", t.value, hint(&t.value)))
                .collect();
            out.push(Diagnostic::error(
                path,
                domain.name.pos,
                "empty-domain",
                format!(
                    "domain `{}` picks no question: none has the tag {}",
                    domain.name.value,
                    tags.join(" or ")
                ),
            ));
            continue;
        }
        for tag in unknown {
            out.push(Diagnostic::warning(
                path,
                tag.pos,
                "unknown-tag",
                format!(
                    "no question has the tag `{}`{}",
                    tag.value,
                    hint(&tag.value)
                ),
            ));
        }
    }
    let count = blueprint.count.value;
    for (domain, quota) in blueprint.domains.iter().zip(blueprint.quotas(count)) {
        if quota == 0 {
            out.push(Diagnostic::warning(
                path,
                domain.weight.pos,
                "empty-share",
                format!(
                    "domain `{}` gets no question in an exam of {count}: its {}% is less than one question",
                    domain.name.value, domain.weight.value
                ),
            ));
        }
    }
    if !picks_nothing && let Err(shortfalls) = blueprint.draw(&banks, count, 0, false) {
        for shortfall in shortfalls {
            let at = shortfall
                .domains
                .first()
                .and_then(|&d| blueprint.domains.get(d))
                .map_or(blueprint.domains_pos, |d| d.name.pos);
            out.push(Diagnostic::error(
                path,
                at,
                "domain-too-small",
                blueprint.explain(&shortfall, count),
            ));
        }
    }
    out
}

/// The banks `blueprint` draws from; None after reporting an entry of `banks`
/// that cannot be read.
fn banks(blueprint: &Blueprint, out: &mut Vec<Diagnostic>) -> Option<Vec<Bank>> {
    if blueprint.banks.is_empty() {
        return Some(bank::load_builtin().banks);
    }
    let mut banks = Vec::new();
    let mut ok = true;
    // Entries that reach the same file (`banks: [pki, pki/x.yaml]`) count it once.
    let mut seen = HashSet::new();
    for (entry, path) in blueprint.banks.iter().zip(blueprint.bank_paths()) {
        match bank::load_paths(std::slice::from_ref(&path)) {
            Ok(loaded) => banks.extend(loaded.banks.into_iter().filter(|b| {
                let path = Path::new(&b.path);
                seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
            })),
            Err(e) => {
                ok = false;
                let why = match e {
                    bank::Error::NotFound(_) => "no such file or folder".to_owned(),
                    bank::Error::NoBankFiles(_) => {
                        "a folder without *.yaml or *.yml files".to_owned()
                    }
                    e => crate::exit::error_chain(&e),
                };
                out.push(Diagnostic::error(
                    &blueprint.path,
                    entry.pos,
                    "bank-not-found",
                    format!(
                        "bank `{}` ({}): {why}; `banks` paths start from the blueprint's folder",
                        entry.value,
                        path.display()
                    ),
                ));
            }
        }
    }
    ok.then_some(banks)
}
