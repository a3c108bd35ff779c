//! `path:line:col: error: message [code]`, the way rustc and gcc print, so that
//! editors and terminals can jump to the spot; then the summary line.
//!
//! A diagnostic's path and message may quote the bank (an id, a key, a file
//! name), and the bank is untrusted: every one is shown through
//! [`crate::safe::line`] here, once for every rule, so that nothing a file holds
//! reaches the terminal as an escape sequence or a line of its own.

use super::{Render, Report};
use crate::diagnostic::{Diagnostic, Severity};
use crate::safe;
use console::Style;
use std::fmt::Write;

pub struct Human {
    pub color: bool,
}

impl Render for Human {
    fn render(&self, report: &Report) -> Vec<u8> {
        let paint = |style: Style, text: &str| {
            if self.color {
                style.force_styling(true).apply_to(text).to_string()
            } else {
                text.to_owned()
            }
        };
        let mut out = String::new();
        for d in &report.diagnostics {
            let severity = match d.severity {
                Severity::Error => paint(Style::new().red().bold(), "error"),
                Severity::Warning => paint(Style::new().yellow().bold(), "warning"),
            };
            let place = paint(
                Style::new().bold(),
                &format!("{}:{}:{}", safe::line(&d.path), d.line, d.col),
            );
            let code = paint(Style::new().dim(), &format!("[{}]", d.code));
            let _ = writeln!(
                out,
                "{place}: {severity}: {} {code}",
                safe::line(&d.message)
            );
        }
        let _ = writeln!(out, "{}", safe::line(&report.summary()));
        out.into_bytes()
    }
}

/// `path:line: error: message`, the shorter form of the import and export
/// warnings (a converted question is found by its line), as safe as [`Human`]'s.
pub fn brief(d: &Diagnostic) -> String {
    format!(
        "{}:{}: {}: {}",
        safe::line(&d.path),
        d.line,
        d.severity.as_str(),
        safe::line(&d.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    #[test]
    fn paths_and_messages_are_shown_not_sent() {
        let d = Diagnostic::error(
            "ban\x1b]0;k.yaml",
            Pos::new(2, 3),
            "invalid-id",
            "id `a\x1b[2J\nforged.yaml:1:1: error: x` is invalid",
        );
        let report = Report {
            files: 1,
            questions: 1,
            diagnostics: vec![d.clone()],
            unchecked: Vec::new(),
            rfc_dir: None,
        };
        let text = String::from_utf8(Human { color: false }.render(&report)).expect("UTF-8");
        assert_eq!(
            text.lines().next(),
            Some(
                "ban␛]0;k.yaml:2:3: error: id `a␛[2J␊forged.yaml:1:1: error: x` is invalid [invalid-id]"
            )
        );
        assert_eq!(text.lines().count(), 2, "{text}");
        assert_eq!(
            brief(&d),
            "ban␛]0;k.yaml:2: error: id `a␛[2J␊forged.yaml:1:1: error: x` is invalid"
        );
    }
}
