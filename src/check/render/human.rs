//! `path:line:col: error: message [code]`, the way rustc and gcc print, so that
//! editors and terminals can jump to the spot; then the summary line.

use super::{Render, Report};
use crate::diagnostic::Severity;
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
                &format!("{}:{}:{}", d.path, d.line, d.col),
            );
            let code = paint(Style::new().dim(), &format!("[{}]", d.code));
            let _ = writeln!(out, "{place}: {severity}: {} {code}", d.message);
        }
        let _ = writeln!(out, "{}", report.summary());
        out.into_bytes()
    }
}
