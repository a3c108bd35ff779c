//! Text and number questions as a `textEntryInteraction`.
//!
//! A **text** question is a `string` response: its first accepted answer is the
//! `correctResponse` (a `single` response holds one value), and every accepted
//! answer a `mapEntry` worth 1 with `caseSensitive` from `case:`, summed by
//! `map_response` and clamped to 1. QTI compares the typed text as it is: quiz's
//! trimming of outer spaces and runs of spaces has no QTI counterpart.
//!
//! A **number** is a `float` response (an `integer` one would refuse `16384.0`)
//! whose `correctResponse` is the answer, scored by the `equal` operator with the
//! answer first: `toleranceMode="exact"` without a tolerance, `"absolute"` with
//! `tolerance="0.5"`, `"relative"` with `tolerance="1"` for `1%` (QTI's relative
//! tolerance is a percentage of the first operand). That operator is QTI 2.1's own
//! word for a tolerance; `equalRounded` rounds both sides to a number of figures,
//! which says neither ±0.5 nor 1 %, and a `gte`/`lte` range would lose whether
//! the tolerance was a percentage. On import those are read too, each with a
//! warning where quiz's one tolerance says less.
//!
//! Canvas reads a text entry's answers from its `correctResponse`, but only when
//! the manifest does not name the interaction (naming it sends the item down
//! Canvas's multiple-dropdown path, which finds no answer): so the manifest leaves
//! the interaction of these items unnamed.

use super::TEXT_ENTRY_INTERACTION;
use super::read::{Item, Notes, Skip};
use super::write::{Interaction, declaration, mapping, score_mapped, score_when};
use crate::bank::kind::number::{Number, Tolerance, parse, parse_tolerance};
use crate::bank::kind::text::{TextAnswer, normalize};
use crate::bank::{Body, Spanned};
use crate::formats::xml::{children, escape, inner_text};
use roxmltree::Node;
use std::collections::HashSet;

/// The interaction, alone in its block after the stem.
fn body() -> String {
    format!(
        "    <div class=\"answer\"><{TEXT_ENTRY_INTERACTION} responseIdentifier=\"RESPONSE\"/></div>\n"
    )
}

/// A text question's interaction.
pub(super) fn text(t: &TextAnswer) -> Interaction {
    let answers: Vec<&str> = t
        .answer
        .value
        .iter()
        .map(|a| a.value.trim())
        .filter(|a| !a.is_empty())
        .collect();
    let correct: Vec<String> = answers
        .first()
        .map(|a| (*a).to_owned())
        .into_iter()
        .collect();
    let entries = answers.iter().map(|a| {
        format!(
            "<mapEntry mapKey=\"{}\" mappedValue=\"1\" caseSensitive=\"{}\"/>",
            escape(a),
            t.case_sensitive
        )
    });
    Interaction {
        listed: None,
        declaration: declaration("single", "string", &correct, &mapping(0.0, 1.0, entries)),
        body: body(),
        scoring: score_mapped("<mapResponse identifier=\"RESPONSE\"/>"),
        feedback: String::new(),
    }
}

/// A number question's interaction, or why it cannot be one.
pub(super) fn number(n: &Number) -> Result<Interaction, String> {
    let answer = double(&n.answer.value)
        .ok_or_else(|| format!("its answer `{}` is not a number", n.answer.value.trim()))?;
    let tolerance = match &n.tolerance {
        None => String::new(),
        Some(t) => {
            let bad = || format!("its tolerance `{}` is not one", t.value.trim());
            let (mode, amount) = match parse_tolerance(&t.value).ok_or_else(bad)? {
                Tolerance::Absolute(_) => ("absolute", t.value.trim()),
                Tolerance::Percent(_) => ("relative", t.value.trim().trim_end_matches('%')),
            };
            let amount = double(amount).ok_or_else(bad)?;
            format!(" toleranceMode=\"{mode}\" tolerance=\"{amount}\"")
        }
    };
    let mode = if tolerance.is_empty() {
        " toleranceMode=\"exact\""
    } else {
        ""
    };
    let condition = format!(
        "<equal{mode}{tolerance}><baseValue baseType=\"float\">{answer}</baseValue><variable identifier=\"RESPONSE\"/></equal>"
    );
    Ok(Interaction {
        listed: None,
        declaration: declaration("single", "float", &[answer], ""),
        body: body(),
        scoring: score_when(&condition),
        feedback: String::new(),
    })
}

/// A number as an XML Schema double: as written when it is one (`16384`, `1e3`,
/// `-1.5`), else its value (`16,384` is `16384`). None if it is no number.
fn double(text: &str) -> Option<String> {
    let text = text.trim();
    let value = parse(text)?;
    Some(if is_double(text) {
        text.to_owned()
    } else {
        value.to_string()
    })
}

/// Whether `text` is an `xs:double` quiz reads as written: an optional sign,
/// digits with an optional point (and digits on one side at least), an optional
/// exponent.
fn is_double(text: &str) -> bool {
    let text = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (text, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    digits(whole)
        && digits(fraction)
        && !(whole.is_empty() && fraction.is_empty())
        && exponent.is_none_or(|e| !e.is_empty() && digits(e))
}

/// A text entry item: a number for a `float` or `integer` response, else a text.
pub(super) fn read(item: &Item, notes: &mut Notes) -> Result<Body, Skip> {
    match item.declaration.attribute("baseType").map(str::trim) {
        Some("float" | "integer") => read_number(item, notes),
        None | Some("string") => read_text(item, notes),
        Some(other) => Err(Skip::Unheld(format!(
            "its text entry gives a response of base type `{other}`, and quiz reads text and numbers"
        ))),
    }
}

/// A text: the mapping's entries worth the most (others are partial credit,
/// noted and left out), the strings a `stringMatch` compares the response with,
/// and the correct response. Each is case-sensitive as QTI compares it unless it
/// says otherwise.
fn read_text(item: &Item, notes: &mut Notes) -> Result<Body, Skip> {
    let mut answers: Vec<Spanned<String>> = Vec::new();
    let mut cases: Vec<bool> = Vec::new();
    let mapping = item.mapping();
    let top = mapping.iter().map(|e| e.value).fold(0.0, f64::max);
    for e in &mapping {
        if e.value <= 0.0 || e.key.is_empty() {
            continue;
        }
        if e.value < top {
            notes.push((
                item.pos(e.node),
                format!(
                    "the answer `{}` is worth {} of {top}, and quiz has no partial credit: it is left out",
                    e.key, e.value
                ),
            ));
            continue;
        }
        answers.push(Spanned::new(e.key.clone(), item.pos(e.node)));
        // QTI compares a mapEntry with its case unless it says otherwise.
        cases.push(e.case_sensitive.unwrap_or(true));
    }
    for compare in item.comparisons() {
        if compare.tag_name().name() != "stringMatch" {
            continue;
        }
        for value in children(compare, "baseValue") {
            let text = inner_text(value).trim().to_owned();
            if !text.is_empty() {
                answers.push(Spanned::new(text, item.pos(value)));
                cases.push(compare.attribute("caseSensitive").map(str::trim) != Some("false"));
            }
        }
    }
    let sensitive = match (cases.iter().all(|c| *c), cases.iter().any(|c| *c)) {
        (true, _) => true,
        (false, false) => false,
        (false, true) => {
            notes.push((
                answers.first().map_or_else(|| item.pos(item.declaration), |a| a.pos),
                "some of its answers are compared with their case and others without, and a quiz text question has one rule: case is ignored".into(),
            ));
            false
        }
    };
    let mut known: HashSet<String> = answers
        .iter()
        .map(|a| normalize(&a.value, sensitive))
        .collect();
    for (value, node) in item.correct() {
        if !value.is_empty() && known.insert(normalize(&value, sensitive)) {
            answers.push(Spanned::new(value, item.pos(node)));
        }
    }
    let Some(first) = answers.first() else {
        return Err(Skip::Unheld("it gives no correct response".into()));
    };
    let pos = first.pos;
    Ok(Body::Text(TextAnswer {
        answer: Spanned::new(answers, pos),
        case_sensitive: sensitive,
    }))
}

/// How the response processing accepts a number.
enum Rule<'a, 'i> {
    /// `equal`: its mode, its tolerances, and the value compared.
    Equal {
        node: Node<'a, 'i>,
        mode: String,
        tolerance: Vec<String>,
        value: Option<String>,
    },
    /// `equalRounded`: both sides rounded to `figures` decimal places or
    /// significant figures.
    Rounded {
        node: Node<'a, 'i>,
        places: bool,
        figures: i32,
        value: Option<String>,
    },
    /// From `low` to `high`, by `gte`/`gt` and `lte`/`lt` under one `and`.
    Range {
        node: Node<'a, 'i>,
        low: Option<f64>,
        high: Option<f64>,
    },
}

/// The value of the `baseValue` among `node`'s children.
fn base_value(node: Node) -> Option<String> {
    children(node, "baseValue")
        .next()
        .map(|v| inner_text(v).trim().to_owned())
}

/// The rules of the response processing that compare the response with a number.
fn rules<'a, 'i>(item: &Item<'a, 'i>) -> Vec<Rule<'a, 'i>> {
    let mut out = Vec::new();
    let mut bounds: Vec<(Node, bool, f64)> = Vec::new();
    for node in item.comparisons() {
        let value = base_value(node);
        match node.tag_name().name() {
            "equal" => out.push(Rule::Equal {
                node,
                mode: node
                    .attribute("toleranceMode")
                    .unwrap_or("exact")
                    .trim()
                    .to_owned(),
                tolerance: node
                    .attribute("tolerance")
                    .unwrap_or("")
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                value,
            }),
            "equalRounded" => out.push(Rule::Rounded {
                node,
                places: node.attribute("roundingMode").map(str::trim) == Some("decimalPlaces"),
                figures: node
                    .attribute("figures")
                    .and_then(|f| f.trim().parse().ok())
                    .unwrap_or(0),
                value,
            }),
            op @ ("gte" | "gt" | "lte" | "lt") => {
                let Some(bound) = value.as_deref().and_then(parse) else {
                    continue;
                };
                // `<gte><variable/><baseValue/></gte>` is a low bound; with the
                // operands the other way round, a high one.
                let variable_first = node
                    .children()
                    .find(|c| c.is_element())
                    .is_some_and(|c| c.tag_name().name() == "variable");
                let low = op.starts_with('g') == variable_first;
                bounds.push((node, low, bound));
            }
            _ => {}
        }
    }
    // The bounds under one `and` make a range.
    let mut i = 0;
    while i < bounds.len() {
        let parent = bounds[i].0.parent();
        let (mut low, mut high) = (None, None);
        let first = bounds[i].0;
        while i < bounds.len() && bounds[i].0.parent() == parent {
            let (_, is_low, bound) = bounds[i];
            if is_low {
                low = Some(bound);
            } else {
                high = Some(bound);
            }
            i += 1;
        }
        out.push(Rule::Range {
            node: first,
            low,
            high,
        });
    }
    out.sort_by_key(|r| match r {
        Rule::Equal { node, .. } | Rule::Rounded { node, .. } | Rule::Range { node, .. } => {
            node.range().start
        }
    });
    out
}

/// A number: the correct response (else the value the processing compares
/// with), and the tolerance of the first rule that compares the response, if any.
fn read_number(item: &Item, notes: &mut Notes) -> Result<Body, Skip> {
    let rules = rules(item);
    let rule = rules.first();
    if let Some(second) = rules.get(1) {
        let node = match second {
            Rule::Equal { node, .. } | Rule::Rounded { node, .. } | Rule::Range { node, .. } => {
                *node
            }
        };
        notes.push((
            item.pos(node),
            format!(
                "the response is compared {} times, and a quiz number has one answer and one tolerance: the first comparison is kept",
                rules.len()
            ),
        ));
    }
    let correct = item.correct().into_iter().next();
    let (answer, at) = match (&correct, rule) {
        (Some((value, node)), _) => (value.clone(), item.pos(*node)),
        (
            None,
            Some(Rule::Equal {
                value: Some(v),
                node,
                ..
            }),
        )
        | (
            None,
            Some(Rule::Rounded {
                value: Some(v),
                node,
                ..
            }),
        ) => (v.clone(), item.pos(*node)),
        (
            None,
            Some(Rule::Range {
                low: Some(l),
                high: Some(h),
                node,
            }),
        ) => (decimal((l + h) / 2.0), item.pos(*node)),
        _ => return Err(Skip::Unheld("it gives no correct response".into())),
    };
    let Some(value) = parse(&answer) else {
        return Err(Skip::Broken(
            at,
            format!("its correct response `{answer}` is not a number"),
        ));
    };
    let tolerance = match rule {
        None => None,
        Some(rule) => tolerance(item, rule, value, notes)?,
    };
    Ok(Body::Number(Number {
        answer: Spanned::new(answer, at),
        tolerance: tolerance.map(|t| Spanned::new(t, at)),
    }))
}

/// The tolerance `rule` gives around `answer`, as quiz writes it.
fn tolerance(
    item: &Item,
    rule: &Rule,
    answer: f64,
    notes: &mut Notes,
) -> Result<Option<String>, Skip> {
    match rule {
        Rule::Equal {
            node,
            mode,
            tolerance,
            ..
        } => {
            let percent = match mode.as_str() {
                "absolute" => "",
                "relative" => "%",
                _ => return Ok(None),
            };
            let amounts: Vec<(&String, f64)> = tolerance
                .iter()
                .filter_map(|t| parse(t).filter(|v| *v >= 0.0).map(|v| (t, v)))
                .collect();
            let Some(&(first, low)) = amounts.first() else {
                return Ok(None);
            };
            let mut kept = (first, low);
            if let Some(&(second, high)) = amounts.get(1)
                && high != low
            {
                if high < low {
                    kept = (second, high);
                }
                notes.push((
                    item.pos(*node),
                    format!(
                        "the response may be {first}{percent} below the answer and {second}{percent} above, and a quiz number has one tolerance: the smaller, {}{percent}, is kept",
                        kept.0
                    ),
                ));
            }
            Ok(Some(format!("{}{percent}", kept.0)))
        }
        Rule::Rounded {
            node,
            places,
            figures,
            ..
        } => {
            // Rounding to n places accepts what lies within half a unit of the
            // n-th place; to n significant figures, of the answer's n-th figure.
            let exponent = if *places {
                -figures
            } else if answer == 0.0 {
                return Ok(None);
            } else {
                answer.abs().log10().floor() as i32 - figures + 1
            };
            let half = half_unit(exponent);
            notes.push((
                item.pos(*node),
                format!(
                    "the response is rounded to {figures} {} and compared, which quiz reads as a tolerance of {half}",
                    if *places { "decimal places" } else { "significant figures" }
                ),
            ));
            Ok(Some(half))
        }
        Rule::Range { node, low, high } => {
            let (Some(low), Some(high)) = (low, high) else {
                return Err(Skip::Unheld(
                    "it accepts every number on one side of a bound, and a quiz number has an answer and a tolerance".into(),
                ));
            };
            if answer < *low || answer > *high {
                return Err(Skip::Broken(
                    item.pos(*node),
                    format!(
                        "its correct response {answer} lies outside the range it accepts, {low} to {high}"
                    ),
                ));
            }
            let (below, above) = (answer - low, high - answer);
            let kept = below.min(above);
            if (below - above).abs() > 1e-9 * answer.abs().max(1.0) {
                notes.push((
                    item.pos(*node),
                    format!(
                        "the response may be {} below the answer and {} above, and a quiz number has one tolerance: the smaller, {}, is kept",
                        decimal(below),
                        decimal(above),
                        decimal(kept)
                    ),
                ));
            }
            Ok(Some(decimal(kept)))
        }
    }
}

/// 0.5 × 10^`exponent`, written out: `0.005`, `0.5`, `50`.
fn half_unit(exponent: i32) -> String {
    match exponent {
        e if e > 0 => format!("5{}", "0".repeat(e as usize - 1)),
        e => format!("0.{}5", "0".repeat(e.unsigned_abs() as usize)),
    }
}

/// `value` in decimals, to 12 significant figures (what a sum of decimal bounds
/// means, without its binary noise).
fn decimal(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return "0".into();
    }
    let magnitude = value.abs().log10().floor() as i32;
    let places = (11 - magnitude).clamp(0, 20) as usize;
    let text = format!("{value:.places$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    text.to_owned()
}

#[cfg(test)]
mod tests {
    use super::{decimal, double, half_unit, is_double};

    #[test]
    fn numbers_are_written_as_xml_schema_doubles() {
        for ok in ["16384", "-1.5", "1e3", "+2", ".5", "5.", "1E-7"] {
            assert!(is_double(ok), "{ok}");
            assert_eq!(double(ok).as_deref(), Some(ok));
        }
        for not in ["", ".", "e3", "1e", "1,000", "1 000", "0x10", "1.2.3"] {
            assert!(!is_double(not), "{not}");
        }
        assert_eq!(double("16,384").as_deref(), Some("16384"));
        assert_eq!(double("1_000.5").as_deref(), Some("1000.5"));
        assert_eq!(double("abc"), None);
    }

    #[test]
    fn tolerances_read_from_rounding_and_ranges_are_plain_decimals() {
        assert_eq!(half_unit(-2), "0.005");
        assert_eq!(half_unit(0), "0.5");
        assert_eq!(half_unit(2), "50");
        assert_eq!(decimal(5.05 - 5.0), "0.05");
        assert_eq!(decimal((4.95 + 5.05) / 2.0), "5");
        assert_eq!(decimal(1234.5), "1234.5");
        assert_eq!(decimal(0.0), "0");
    }
}
