//! Node tree to blueprint, reporting every problem on the way, each at the key or
//! value it is about: the same reader, and the same `path:line:col` diagnostics,
//! as a bank's.

use super::{Blueprint, Domain, Weight};
use crate::bank::Spanned;
use crate::bank::reader::{Fields, Reader};
use crate::bank::yaml::{Node, ScalarKind, Value};
use crate::diagnostic::{Diagnostic, suggest};
use crate::quiz::{Scale, Scoring, clock};
use std::collections::HashSet;
use std::path::Path;

const KEYS: &[&str] = &[
    "title",
    "count",
    "time_limit",
    "pass_mark",
    "scale",
    "scoring",
    "banks",
    "domains",
];
const DOMAIN_KEYS: &[&str] = &["name", "tags", "weight"];
const SCALE_KEYS: &[&str] = &["min", "max", "pass"];
const SCORINGS: &[&str] = &["strict", "partial"];

pub(super) fn blueprint(
    path: &str,
    dir: &Path,
    root: &Node,
    diags: &mut Vec<Diagnostic>,
) -> Option<Blueprint> {
    let mut r = Reader::new(path, diags);
    if matches!(root.value, Value::Null) {
        r.error(
            root.pos,
            "missing-key",
            "the file is empty: a blueprint needs `count` and `domains`",
        );
        return None;
    }
    if let Value::Map(pairs) = &root.value {
        let is_bank = pairs
            .iter()
            .any(|(k, _)| matches!(&k.value, Value::Scalar { text, .. } if text == "questions"));
        if is_bank {
            r.error(
                root.pos,
                "missing-key",
                "this is a question bank (it has `questions`), not an exam blueprint, which has `domains`; `quiz schema --blueprint` describes one",
            );
            return None;
        }
    }
    let f = r.map(root, "a blueprint", KEYS)?;
    let title = r.optional_text(f.get("title"), "title");
    let count = r
        .required(&f, root, "a blueprint", "count")
        .and_then(|n| count(&mut r, n));
    let time_limit = f
        .get("time_limit")
        .filter(|n| !matches!(n.value, Value::Null))
        .and_then(|n| duration(&mut r, n));
    let pass_mark = f
        .get("pass_mark")
        .filter(|n| !matches!(n.value, Value::Null))
        .and_then(|n| pass_mark(&mut r, n));
    let scale = f
        .get("scale")
        .filter(|n| !matches!(n.value, Value::Null))
        .and_then(|n| scale(&mut r, n));
    if let (Some(mark), Some(_)) = (&pass_mark, &scale) {
        r.error(
            mark.pos,
            "invalid-pass-mark",
            "`pass_mark` and `scale` both say how to pass: keep one",
        );
    }
    let scoring = f
        .get("scoring")
        .filter(|n| !matches!(n.value, Value::Null))
        .and_then(|n| scoring(&mut r, n));
    let banks = match f.get("banks") {
        None => Some(Vec::new()),
        Some(n) => banks(&mut r, n),
    };
    let domains_node = r.required(&f, root, "a blueprint", "domains");
    let domains = domains_node.and_then(|n| domains(&mut r, n));
    Some(Blueprint {
        path: path.to_owned(),
        dir: dir.to_owned(),
        title,
        count: count?,
        time_limit,
        pass_mark,
        scale,
        scoring,
        banks: banks?,
        domains: domains?,
        domains_pos: domains_node?.pos,
    })
}

/// A whole number as written (`40`), or None after saying what is wrong.
fn whole(r: &mut Reader, node: &Node, key: &str) -> Option<i64> {
    match &node.value {
        Value::Scalar {
            kind: ScalarKind::Int(n),
            ..
        } => Some(*n),
        _ => {
            r.wrong_type(node, key, "a whole number");
            None
        }
    }
}

fn count(r: &mut Reader, node: &Node) -> Option<Spanned<usize>> {
    let n = whole(r, node, "count")?;
    match usize::try_from(n) {
        Ok(n) if n >= 1 => Some(Spanned::new(n, node.pos)),
        _ => {
            r.error(
                node.pos,
                "invalid-count",
                format!("`count` must be at least 1, found {n}"),
            );
            None
        }
    }
}

fn duration(r: &mut Reader, node: &Node) -> Option<Spanned<std::time::Duration>> {
    let Value::Scalar { text, kind } = &node.value else {
        r.wrong_type(node, "time_limit", "a duration such as 90m");
        return None;
    };
    if let ScalarKind::Int(_) | ScalarKind::Float = kind {
        r.error(
            node.pos,
            "invalid-duration",
            format!("`time_limit` needs a unit: write {text}m for minutes, or 1h30m, 45s"),
        );
        return None;
    }
    match clock::parse_duration(text) {
        Ok(d) if !d.is_zero() => Some(Spanned::new(d, node.pos)),
        Ok(_) => {
            r.error(
                node.pos,
                "invalid-duration",
                "`time_limit` must be longer than nothing; leave it out for no limit",
            );
            None
        }
        Err(why) => {
            r.error(node.pos, "invalid-duration", format!("`time_limit`: {why}"));
            None
        }
    }
}

/// A number as written, with an optional `%`: `75`, `62.5`, `75%`.
fn percent_text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar {
            text,
            kind: ScalarKind::Int(_) | ScalarKind::Float | ScalarKind::Str,
        } => Some(text.trim().trim_end_matches('%').trim_end()),
        _ => None,
    }
}

fn pass_mark(r: &mut Reader, node: &Node) -> Option<Spanned<f64>> {
    let parsed = percent_text(node).and_then(|t| t.parse::<f64>().ok());
    match parsed {
        Some(p) if (0.0..=100.0).contains(&p) => Some(Spanned::new(p, node.pos)),
        Some(p) => {
            r.error(
                node.pos,
                "invalid-pass-mark",
                format!("`pass_mark` is a percentage from 0 to 100, found {p}"),
            );
            None
        }
        None => {
            r.wrong_type(node, "pass_mark", "a percentage such as 75");
            None
        }
    }
}

fn scale(r: &mut Reader, node: &Node) -> Option<Spanned<Scale>> {
    let f = r.map(node, "`scale`", SCALE_KEYS)?;
    let mut part = |key: &str| -> Option<u32> {
        let value = r.required(&f, node, "`scale`", key)?;
        let n = whole(r, value, key)?;
        match u32::try_from(n) {
            Ok(n) => Some(n),
            Err(_) => {
                r.error(
                    value.pos,
                    "invalid-scale",
                    format!("`{key}` must be a whole number from 0, found {n}"),
                );
                None
            }
        }
    };
    let (min, max, pass) = (part("min"), part("max"), part("pass"));
    let (min, max, pass) = (min?, max?, pass?);
    if min >= max {
        r.error(
            node.pos,
            "invalid-scale",
            format!("the scale's `min` ({min}) must be below its `max` ({max})"),
        );
        return None;
    }
    if !(min..=max).contains(&pass) {
        let at = f.get("pass").map_or(node.pos, |n| n.pos);
        r.error(
            at,
            "invalid-scale",
            format!("the pass score {pass} is off the scale {min}–{max}"),
        );
        return None;
    }
    Some(Spanned::new(Scale { min, max, pass }, node.pos))
}

fn scoring(r: &mut Reader, node: &Node) -> Option<Spanned<Scoring>> {
    let text = r.text(node, "scoring")?;
    match text.value.trim() {
        "strict" => Some(Spanned::new(Scoring::Strict, node.pos)),
        "partial" => Some(Spanned::new(Scoring::Partial, node.pos)),
        other => {
            let hint = suggest(other, SCORINGS)
                .map(|near| format!("; did you mean `{near}`?"))
                .unwrap_or_default();
            r.error(
                node.pos,
                "invalid-scoring",
                format!("`scoring` is `strict` or `partial`, found `{other}`{hint}"),
            );
            None
        }
    }
}

/// One path, or a list of them.
fn banks(r: &mut Reader, node: &Node) -> Option<Vec<Spanned<String>>> {
    let list = match &node.value {
        Value::Scalar { .. } => vec![r.text(node, "banks")?],
        Value::Seq(_) => r.words(node, "banks", "a list of bank files or folders")?,
        _ => {
            r.wrong_type(node, "banks", "a list of bank files or folders");
            return None;
        }
    };
    let mut ok = true;
    for entry in &list {
        if entry.value.trim().is_empty() {
            r.error(
                entry.pos,
                "wrong-type",
                "a `banks` entry is empty: give a bank file or folder",
            );
            ok = false;
        }
    }
    ok.then_some(list)
}

fn domains(r: &mut Reader, node: &Node) -> Option<Vec<Domain>> {
    let items = r.list(node, "domains", "a list of domains")?;
    if items.is_empty() {
        r.error(
            node.pos,
            "no-domains",
            "`domains` is empty: a blueprint needs at least one domain",
        );
        return None;
    }
    let mut domains = Vec::with_capacity(items.len());
    let mut complete = true;
    for item in items {
        match domain(r, item) {
            Some(d) => domains.push(d),
            None => complete = false,
        }
    }
    let mut names = HashSet::new();
    for d in &domains {
        if !names.insert(d.name.value.trim()) {
            r.error(
                d.name.pos,
                "duplicate-domain",
                format!(
                    "domain `{}` is named twice: each domain needs its own name",
                    d.name.value
                ),
            );
            complete = false;
        }
    }
    if !complete {
        return None;
    }
    let total: u64 = domains
        .iter()
        .map(|d| u64::from(d.weight.value.thousandths()))
        .sum();
    if total != u64::from(Weight::WHOLE) {
        let shown = Weight::from_thousandths(u32::try_from(total).unwrap_or(u32::MAX));
        r.error(
            node.pos,
            "weights-not-100",
            format!("the domains' weights add up to {shown}, not 100"),
        );
        return None;
    }
    Some(domains)
}

fn domain(r: &mut Reader, node: &Node) -> Option<Domain> {
    let f: Fields = r.map(node, "a domain", DOMAIN_KEYS)?;
    let name = r
        .required(&f, node, "a domain", "name")
        .and_then(|n| r.text(n, "name"));
    let name = match name {
        Some(n) if n.value.trim().is_empty() => {
            r.error(n.pos, "invalid-domain", "a domain's `name` is empty");
            None
        }
        other => other,
    };
    let tags = r
        .required(&f, node, "a domain", "tags")
        .and_then(|n| tags(r, n));
    let weight = r
        .required(&f, node, "a domain", "weight")
        .and_then(|n| weight(r, n));
    Some(Domain {
        pos: node.pos,
        name: name?,
        tags: tags?,
        weight: weight?,
    })
}

fn tags(r: &mut Reader, node: &Node) -> Option<Vec<Spanned<String>>> {
    let tags = match &node.value {
        // One tag may be written without brackets.
        Value::Scalar { .. } => vec![r.text(node, "tags")?],
        _ => r.words(node, "tags", "a list of tags")?,
    };
    if tags.iter().all(|t| t.value.trim().is_empty()) {
        r.error(
            node.pos,
            "invalid-domain",
            "`tags` is empty: a domain needs at least one tag to pick its questions",
        );
        return None;
    }
    Some(tags)
}

/// A percentage with at most three decimals, above 0 and at most 100.
fn weight(r: &mut Reader, node: &Node) -> Option<Spanned<Weight>> {
    let Some(text) = percent_text(node) else {
        r.wrong_type(node, "weight", "a percentage such as 25");
        return None;
    };
    match parse_weight(text) {
        Ok(w) => Some(Spanned::new(w, node.pos)),
        Err(why) => {
            r.error(node.pos, "invalid-weight", why);
            None
        }
    }
}

fn parse_weight(text: &str) -> Result<Weight, String> {
    let bad = || format!("`weight` is a percentage such as 25 or 12.5, found `{text}`");
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    if frac.len() > 3 {
        return Err(format!(
            "`weight` {text} has more than three decimals; round it, keeping the total at 100"
        ));
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| bad())?
    };
    let frac: u32 = format!("{frac:0<3}").parse().map_err(|_| bad())?;
    let thousandths = whole
        .checked_mul(1000)
        .and_then(|w| w.checked_add(frac))
        .filter(|&t| t <= Weight::WHOLE)
        .ok_or_else(|| format!("`weight` is at most 100, found {text}"))?;
    if thousandths == 0 {
        return Err("`weight` must be more than 0: leave the domain out instead".to_owned());
    }
    Ok(Weight::from_thousandths(thousandths))
}

#[cfg(test)]
mod tests {
    use super::parse_weight;
    use crate::bank::parse_yaml;

    /// The (line, col, code) of every problem reading `text` finds.
    fn problems(text: &str) -> Vec<(u32, u32, &'static str)> {
        let mut diags = Vec::new();
        if let Some(root) = parse_yaml("b.yaml", text.as_bytes(), &mut diags) {
            super::super::read("b.yaml", &root, &mut diags);
        }
        diags.iter().map(|d| (d.line, d.col, d.code)).collect()
    }

    const GOOD: &str = "title: Mock
count: 40
time_limit: 60m
pass_mark: 75
scoring: partial
banks: [../questions]
domains:
  - name: Handshake
    tags: [tls12, tls13]
    weight: 60
  - name: Attacks
    tags: [attacks]
    weight: 40
";

    #[test]
    fn a_good_blueprint_reads_whole() {
        assert_eq!(problems(GOOD), []);
        let mut diags = Vec::new();
        let root = parse_yaml("b/bp.yaml", GOOD.as_bytes(), &mut diags).expect("YAML");
        let bp = super::super::read("b/bp.yaml", &root, &mut diags).expect("a blueprint");
        assert_eq!(bp.count.value, 40);
        assert_eq!(
            bp.time_limit.as_ref().map(|t| t.value.as_secs()),
            Some(3600)
        );
        assert_eq!(bp.domains[1].tags[0].value, "attacks");
        assert_eq!(
            bp.bank_paths(),
            [std::path::Path::new("b").join("../questions")]
        );
        assert_eq!(bp.pass_percent(), 75.0);
    }

    #[test]
    fn unknown_keys_and_wrong_types_point_at_their_line() {
        assert_eq!(
            problems(&GOOD.replace("count: 40", "cuont: 40")),
            [(2, 1, "unknown-key"), (1, 1, "missing-key")]
        );
        assert_eq!(
            problems(&GOOD.replace("    weight: 40", "    wieght: 40")),
            [(13, 5, "unknown-key"), (11, 5, "missing-key")]
        );
        assert_eq!(
            problems(&GOOD.replace("count: 40", "count: forty")),
            [(2, 8, "wrong-type")]
        );
        assert_eq!(
            problems(&GOOD.replace("tags: [attacks]", "tags: {a: 1}")),
            [(12, 11, "wrong-type")]
        );
    }

    #[test]
    fn values_out_of_range_are_named() {
        assert_eq!(
            problems(&GOOD.replace("count: 40", "count: 0")),
            [(2, 8, "invalid-count")]
        );
        assert_eq!(
            problems(&GOOD.replace("60m", "60")),
            [(3, 13, "invalid-duration")]
        );
        assert_eq!(
            problems(&GOOD.replace("pass_mark: 75", "pass_mark: 175")),
            [(4, 12, "invalid-pass-mark")]
        );
        assert_eq!(
            problems(&GOOD.replace("partial", "partail")),
            [(5, 10, "invalid-scoring")]
        );
        assert_eq!(
            problems(&GOOD.replace("weight: 40", "weight: 0")),
            [(13, 13, "invalid-weight")]
        );
    }

    #[test]
    fn weights_must_add_up_to_100() {
        assert_eq!(
            problems(&GOOD.replace("weight: 40", "weight: 30")),
            [(8, 3, "weights-not-100")]
        );
        let mut diags = Vec::new();
        let text = GOOD.replace("weight: 40", "weight: 39.5");
        let root = parse_yaml("b.yaml", text.as_bytes(), &mut diags).expect("YAML");
        super::super::read("b.yaml", &root, &mut diags);
        assert_eq!(
            diags[0].message,
            "the domains' weights add up to 99.5, not 100"
        );
    }

    #[test]
    fn a_scale_or_a_pass_mark_not_both() {
        let scaled = GOOD.replace("pass_mark: 75", "scale: {min: 100, max: 900, pass: 750}");
        assert_eq!(problems(&scaled), []);
        assert_eq!(
            problems(&GOOD.replace(
                "pass_mark: 75",
                "pass_mark: 75\nscale: {min: 100, max: 900, pass: 750}"
            )),
            [(4, 12, "invalid-pass-mark")]
        );
        assert_eq!(
            problems(&scaled.replace("pass: 750", "pass: 950")),
            [(4, 35, "invalid-scale")]
        );
        assert_eq!(
            problems(&scaled.replace("min: 100", "min: 900")),
            [(4, 8, "invalid-scale")]
        );
    }

    #[test]
    fn domains_need_distinct_names_and_some_tags() {
        assert_eq!(
            problems(&GOOD.replace("name: Attacks", "name: Handshake")),
            [(11, 11, "duplicate-domain")]
        );
        assert_eq!(
            problems(&GOOD.replace("tags: [attacks]", "tags: []")),
            [(12, 11, "invalid-domain")]
        );
        let empty = "count: 4\ndomains: []\n";
        assert_eq!(problems(empty), [(2, 10, "no-domains")]);
    }

    #[test]
    fn a_bank_is_not_a_blueprint() {
        assert_eq!(
            problems("title: T\nquestions: []\n"),
            [(1, 1, "missing-key")]
        );
    }

    #[test]
    fn weights_are_exact_to_a_thousandth() {
        assert_eq!(parse_weight("25").map(|w| w.thousandths()), Ok(25_000));
        assert_eq!(parse_weight("12.5").map(|w| w.thousandths()), Ok(12_500));
        assert_eq!(parse_weight("33.333").map(|w| w.thousandths()), Ok(33_333));
        assert_eq!(parse_weight(".5").map(|w| w.thousandths()), Ok(500));
        assert!(parse_weight("33.3333").is_err());
        assert!(parse_weight("100.001").is_err());
        assert!(parse_weight("-5").is_err());
        assert!(parse_weight("1e2").is_err());
        assert!(parse_weight("0").is_err());
    }
}
