//! Order questions: at least three items (with two, the only wrong order is
//! the reverse), at most one per letter, each written and each distinct.

use super::{Check, Rule, Sink};
use crate::bank::kind::order::MIN_ITEMS;
use crate::bank::{Body, MAX_CHOICES, Question};
use crate::check::Config;
use crate::diagnostic::Severity::Error;
use std::collections::HashMap;

pub const TOO_FEW_ITEMS: Rule = Rule {
    code: "too-few-items",
    severity: Error,
    summary: "an order question with fewer than 3 items",
    flags: "`kind: order` with `items: [ClientHello, ServerHello]`",
    passes: "`items: [ClientHello, ServerHello, Finished]`",
    check: Check::Question(has_three_items),
};

fn has_three_items(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Order(o) = &q.body else { return };
    let n = o.items.value.len();
    if n < MIN_ITEMS {
        s.report(
            &TOO_FEW_ITEMS,
            o.items.pos,
            format!(
                "an order question needs at least {MIN_ITEMS} items (with two, the only wrong order is the reverse), this one has {n}"
            ),
        );
    }
}

pub const TOO_MANY_ITEMS: Rule = Rule {
    code: "too-many-items",
    severity: Error,
    summary: "an order question with more than 26 items (one per letter)",
    flags: "27 items",
    passes: "26 items, A to Z",
    check: Check::Question(has_at_most_26_items),
};

fn has_at_most_26_items(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Order(o) = &q.body else { return };
    let n = o.items.value.len();
    if n > MAX_CHOICES {
        s.report(
            &TOO_MANY_ITEMS,
            o.items.pos,
            format!(
                "an order question may have at most {MAX_CHOICES} items (A to Z), this one has {n}"
            ),
        );
    }
}

pub const EMPTY_ITEM: Rule = Rule {
    code: "empty-item",
    severity: Error,
    summary: "an order question's item with no text",
    flags: "`items: [ClientHello, \"\", Finished]`",
    passes: "`items: [ClientHello, ServerHello, Finished]`",
    check: Check::Question(items_are_not_empty),
};

fn items_are_not_empty(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Order(o) = &q.body else { return };
    for (i, item) in o.items.value.iter().enumerate() {
        if item.value.trim().is_empty() {
            s.report(&EMPTY_ITEM, item.pos, format!("item {} is empty", i + 1));
        }
    }
}

pub const DUPLICATE_ITEM: Rule = Rule {
    code: "duplicate-item",
    severity: Error,
    summary: "two items of an order question with the same text: no order tells them apart",
    flags: "`items: [ClientHello, Finished, Finished]`",
    passes: "`items: [ClientHello, client Finished, server Finished]`",
    check: Check::Question(items_are_distinct),
};

fn items_are_distinct(q: &Question, _: &Config, s: &mut Sink) {
    let Body::Order(o) = &q.body else { return };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, item) in o.items.value.iter().enumerate() {
        let text = item.value.trim();
        if text.is_empty() {
            continue;
        }
        match seen.get(text) {
            Some(first) => s.report(
                &DUPLICATE_ITEM,
                item.pos,
                format!(
                    "item {} repeats item {}: {text:?}; no order tells two items of the same text apart",
                    i + 1,
                    first + 1
                ),
            ),
            None => {
                seen.insert(text, i);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes_of, messages, parse};
    use super::*;

    const ORDER: &str = "questions:
  - id: o
    kind: order
    question: In what order does a TLS 1.2 client send these?
    items: [ClientHello, ClientKeyExchange, Finished]
    explanation: The ClientHello opens, the Finished closes.
    references:
      - rfc: 5246
        section: 7.3
";

    #[test]
    fn an_order_needs_three_distinct_items() {
        assert_eq!(codes_of(ORDER, &[]), Vec::<&str>::new());
        assert_eq!(codes_of(ORDER, &[(", Finished]", "]")]), ["too-few-items"]);
        assert_eq!(
            codes_of(ORDER, &[("ClientKeyExchange", "Finished")]),
            ["duplicate-item"]
        );
        assert_eq!(
            codes_of(ORDER, &[("ClientKeyExchange", "\"\"")]),
            ["empty-item"]
        );
        let q = parse(&ORDER.replace("ClientKeyExchange", "Finished"));
        assert_eq!(
            messages(items_are_distinct, &q),
            [
                "item 3 repeats item 2: \"Finished\"; no order tells two items of the same text apart"
            ]
        );
    }

    #[test]
    fn the_finding_is_at_the_item() {
        let q = parse(&ORDER.replace("ClientKeyExchange", "\" \""));
        let found = super::super::testing::run_with(items_are_not_empty, &q, &Config::default());
        assert_eq!((found[0].line, found[0].col), (5, 26));
    }
}
