//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), which GitHub
//! code scanning and other viewers read: one run whose tool lists every rule as a
//! `reportingDescriptor`, and one result per diagnostic at its file, line and column.

use super::{Render, Report};
use crate::check::rules::{RULES, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use serde_json::{Value, json};
use std::collections::HashMap;

pub struct Sarif;

/// Where the schema of the format lives, for the `$schema` key.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

impl Render for Sarif {
    fn render(&self, report: &Report) -> Vec<u8> {
        let mut rules: Vec<Value> = RULES.iter().map(|r| descriptor(r)).collect();
        let mut index: HashMap<&str, usize> =
            RULES.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
        // A code outside the registry still gets a descriptor, so that every
        // result's ruleIndex points at one.
        for d in &report.diagnostics {
            if !index.contains_key(d.code) {
                index.insert(d.code, rules.len());
                rules.push(json!({
                    "id": d.code,
                    "defaultConfiguration": {"level": level(d.severity)},
                }));
            }
        }
        let results: Vec<Value> = report
            .diagnostics
            .iter()
            .map(|d| result(d, index.get(d.code).copied()))
            .collect();
        let doc = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "quiz",
                    "fullName": "quiz check",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }},
                // quiz counts columns in characters, not UTF-16 code units.
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        // Strings as JSON escapes them, and DEL, C1 controls and bidi overrides too.
        crate::safe::json(&doc)
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A rule as SARIF describes it: its code, summary, level, and an example of what
/// it flags and what it does not.
fn descriptor(rule: &Rule) -> Value {
    json!({
        "id": rule.code,
        "shortDescription": {"text": rule.summary},
        "help": {"text": format!("Flagged: {}\nNot flagged: {}", rule.flags, rule.passes)},
        "defaultConfiguration": {"level": level(rule.severity)},
    })
}

fn result(d: &Diagnostic, rule_index: Option<usize>) -> Value {
    let mut r = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact(&d.path),
            "region": {"startLine": d.line.max(1), "startColumn": d.col.max(1)},
        }}],
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    r
}

/// A relative path becomes a relative URI against the checkout (`%SRCROOT%`), the
/// way code scanning matches results to files; an absolute one a `file:` URI.
fn artifact(path: &str) -> Value {
    let slashed = path.replace('\\', "/");
    let mut relative = slashed.as_str();
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest;
    }
    if let Some(absolute) = absolute(&slashed) {
        json!({"uri": format!("file://{}", encode(&absolute))})
    } else {
        json!({"uri": encode(relative), "uriBaseId": "%SRCROOT%"})
    }
}

/// `/a/b` stays; a Windows drive path `C:/a` becomes `/C:/a`.
fn absolute(slashed: &str) -> Option<String> {
    if slashed.starts_with('/') {
        return Some(slashed.to_owned());
    }
    let bytes = slashed.as_bytes();
    (bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/')
        .then(|| format!("/{slashed}"))
}

/// Percent-encodes what may not stand in a URI path (RFC 3986), byte by byte.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uris() {
        assert_eq!(
            artifact("./banks/tls 1.3.yaml"),
            json!({"uri": "banks/tls%201.3.yaml", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact("banks\\pki.yaml"),
            json!({"uri": "banks/pki.yaml", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(
            artifact("/tmp/b#1.yaml"),
            json!({"uri": "file:///tmp/b%231.yaml"})
        );
        assert_eq!(artifact("C:\\b.yaml"), json!({"uri": "file:///C:/b.yaml"}));
        assert_eq!(encode("ü"), "%C3%BC");
    }
}
