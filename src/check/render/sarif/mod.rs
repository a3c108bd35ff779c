//! SARIF 2.1.0 (the OASIS Static Analysis Results Interchange Format), which GitHub
//! code scanning and other viewers read: one run whose tool lists every rule as a
//! `reportingDescriptor`, one result per diagnostic at its file's URI ([`uri`]),
//! line and column, and one invocation that says whether the check ran.
//!
//! GitHub refuses a run of more than [`MAX_RESULTS`] results, so the most severe
//! are kept and the invocation says how many were left out. A check that could not
//! run (exit status 2) still gets a log: an unsuccessful invocation with the reason.
//! The log is written straight from the report's diagnostics, without a tree of
//! JSON values in between.

pub mod uri;

use super::{Render, Report};
use crate::check::rules::{RULES, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::plural;
use serde::Serialize;
use std::collections::HashMap;
use uri::Uris;

/// The most results GitHub code scanning accepts in one run.
pub const MAX_RESULTS: usize = 25_000;

/// Where the schema of the format lives, for the `$schema` key.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base every result's URI is relative to: the repository root.
const SRCROOT: &str = "%SRCROOT%";

/// Renders a report as SARIF, each file at its URI in `uris`.
#[derive(Debug, Default)]
pub struct Sarif {
    pub uris: Uris,
}

impl Render for Sarif {
    fn render(&self, report: &Report) -> Vec<u8> {
        let mut rules: Vec<Descriptor> = RULES.iter().map(|r| descriptor(r)).collect();
        let mut index: HashMap<&str, usize> =
            RULES.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
        let kept = most_severe(&report.diagnostics, MAX_RESULTS);
        // A code outside the registry still gets a descriptor, so that every
        // result's ruleIndex points at one.
        for &i in &kept {
            let d = &report.diagnostics[i];
            if !index.contains_key(d.code) {
                index.insert(d.code, rules.len());
                rules.push(Descriptor {
                    id: d.code,
                    short_description: None,
                    help: None,
                    default_configuration: Configuration {
                        level: level(d.severity),
                    },
                });
            }
        }
        let left_out = report.diagnostics.len() - kept.len();
        let mut notifications = Vec::new();
        if left_out > 0 {
            notifications.push(Notification {
                level: "warning",
                message: Message {
                    text: format!(
                        "{} left out: GitHub code scanning takes at most {MAX_RESULTS} results in a run, so these are the most severe {MAX_RESULTS} of {} ({}, {}). Fix these, or check fewer files at a time, to see the rest",
                        plural(left_out, "result"),
                        report.diagnostics.len(),
                        plural(report.errors(), "error"),
                        plural(report.warnings(), "warning"),
                    ),
                },
                descriptor: Reference { id: "too-many-results" },
            });
        }
        let results = Results {
            diagnostics: &report.diagnostics,
            kept: &kept,
            index: &index,
            uris: &self.uris,
        };
        let invocation = Invocation {
            execution_successful: true,
            exit_code: None,
            tool_execution_notifications: notifications,
        };
        write(rules, Some(results), invocation)
    }
}

/// The log of a check that could not run: no results, and an unsuccessful
/// invocation whose notification gives `reason`.
pub fn failed(reason: &str) -> Vec<u8> {
    let invocation = Invocation {
        execution_successful: false,
        exit_code: Some(2),
        tool_execution_notifications: vec![Notification {
            level: "error",
            message: Message {
                text: reason.to_owned(),
            },
            descriptor: Reference { id: "check-failed" },
        }],
    };
    write(
        RULES.iter().map(|r| descriptor(r)).collect(),
        None,
        invocation,
    )
}

fn write(rules: Vec<Descriptor>, results: Option<Results>, invocation: Invocation) -> Vec<u8> {
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "quiz",
                    full_name: "quiz check",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            invocations: [invocation],
            // quiz counts columns in characters, not UTF-16 code units.
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    // Strings as JSON escapes them, and DEL, C1 controls and bidi overrides too.
    crate::safe::json(&log)
}

/// The indices of at most `max` diagnostics, errors before warnings and each in
/// report order, given back in report order.
fn most_severe(diagnostics: &[Diagnostic], max: usize) -> Vec<usize> {
    if diagnostics.len() <= max {
        return (0..diagnostics.len()).collect();
    }
    let mut kept: Vec<usize> = (0..diagnostics.len()).collect();
    kept.sort_by_key(|&i| match diagnostics[i].severity {
        Severity::Error => 0,
        Severity::Warning => 1,
    });
    kept.truncate(max);
    kept.sort_unstable();
    kept
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A rule as SARIF describes it: its code, summary, level, and an example of what
/// it flags and what it does not.
fn descriptor(rule: &Rule) -> Descriptor {
    Descriptor {
        id: rule.code,
        short_description: Some(Text {
            text: rule.summary.to_owned(),
        }),
        help: Some(Text {
            text: format!("Flagged: {}\nNot flagged: {}", rule.flags, rule.passes),
        }),
        default_configuration: Configuration {
            level: level(rule.severity),
        },
    }
}

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    column_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    results: Option<Results<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    full_name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_description: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    exit_code: Option<u8>,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Message,
    descriptor: Reference,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
struct Reference {
    id: &'static str,
}

/// The kept diagnostics as results, serialized one by one as they are written.
struct Results<'a> {
    diagnostics: &'a [Diagnostic],
    kept: &'a [usize],
    index: &'a HashMap<&'static str, usize>,
    uris: &'a Uris,
}

impl Serialize for Results<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.kept.iter().map(|&i| {
            let d = &self.diagnostics[i];
            SarifResult {
                rule_id: d.code,
                rule_index: self.index.get(d.code).copied(),
                level: level(d.severity),
                message: Borrowed { text: &d.message },
                locations: [Location {
                    physical_location: Physical {
                        artifact_location: Artifact {
                            uri: self.uris.uri(&d.path),
                            uri_base_id: SRCROOT,
                        },
                        region: Region {
                            start_line: d.line.max(1),
                            start_column: d.col.max(1),
                        },
                    },
                }],
            }
        }))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Borrowed<'a>,
    locations: [Location; 1],
}

#[derive(Serialize)]
struct Borrowed<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Physical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    uri: String,
    uri_base_id: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostic(severity: Severity, line: u32) -> Diagnostic {
        Diagnostic {
            path: "a.yaml".into(),
            line,
            col: 1,
            severity,
            code: "syntax",
            message: String::new(),
        }
    }

    #[test]
    fn errors_are_kept_before_warnings_and_in_report_order() {
        use Severity::{Error, Warning};
        let ds: Vec<Diagnostic> = [Warning, Error, Warning, Error, Error]
            .iter()
            .enumerate()
            .map(|(i, &s)| diagnostic(s, i as u32))
            .collect();
        assert_eq!(most_severe(&ds, 2), vec![1, 3]);
        assert_eq!(most_severe(&ds, 4), vec![0, 1, 3, 4]);
        assert_eq!(most_severe(&ds, 9), vec![0, 1, 2, 3, 4]);
    }
}
