//! The README's list of rules, generated from the registry; a test keeps the
//! README's copy equal to it (`QUIZ_UPDATE_README=1 cargo test --lib readme`
//! rewrites it).

use super::{Check, RULES};
use crate::diagnostic::Severity;
use std::fmt::Write;

/// Where the generated list starts and ends in the README.
pub const START: &str = "<!-- rules: generated from src/check/rules; `QUIZ_UPDATE_README=1 cargo test --lib readme` rewrites it -->";
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_readme_lists_every_rule() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
        let readme = std::fs::read_to_string(path).expect("read README.md");
        let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
            panic!("README.md lacks the markers {START:?} and {END:?}");
        };
        let listed = &readme[start + START.len()..end];
        let expected = format!("\n{}", markdown());
        if listed != expected {
            if std::env::var_os("QUIZ_UPDATE_README").is_some() {
                let updated = format!(
                    "{}{expected}{}",
                    &readme[..start + START.len()],
                    &readme[end..]
                );
                std::fs::write(path, updated).expect("write README.md");
            } else {
                panic!(
                    "README.md's rule list differs from the registry; run \
                     `QUIZ_UPDATE_README=1 cargo test --lib readme` to rewrite it. Expected:\n{expected}"
                );
            }
        }
    }
}
