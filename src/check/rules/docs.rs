//! The list of rules in docs/rules.md, generated from the registry; a test
//! (tests/docs) keeps the page's copy equal to it, and `QUIZ_UPDATE_DOCS=1 cargo
//! test --test docs rule_list` rewrites it.

use super::{Check, RULES};
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Where the generated list starts and ends in docs/rules.md.
pub const START: &str = "<!-- rules: generated from src/check/rules; `QUIZ_UPDATE_DOCS=1 cargo test --test docs rule_list` rewrites it -->";
pub const END: &str = "<!-- end of rules -->";

/// The rule list as a Markdown table.
pub fn markdown() -> String {
    let mut out = String::from(
        "| rule | kind | what it flags | flagged | not flagged |\n| --- | --- | --- | --- | --- |\n",
    );
    for rule in RULES {
        let mut kind = match rule.severity {
            Severity::Error => "error".to_owned(),
            Severity::Warning => "warning".to_owned(),
        };
        match rule.check {
            Check::Load => kind.push_str(", on reading"),
            Check::Rfc(_) => kind.push_str(", with an RFC folder"),
            Check::Run => kind.push_str(", across files"),
            Check::Blueprint => kind.push_str(", on a blueprint"),
            Check::Question(_) => {}
        }
        let _ = writeln!(
            out,
            "| `{}` | {kind} | {} | {} | {} |",
            rule.code,
            cell(rule.summary),
            cell(rule.flags),
            cell(rule.passes)
        );
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}
