//! One JSON object: the counts of the summary line, every diagnostic with its
//! path, line, column, severity, rule code and message, and the references that
//! were not checked for want of their RFC's text.

use super::{Render, Report};
use serde::Serialize;

pub struct Json;

#[derive(Serialize)]
struct Document<'a> {
    files: usize,
    questions: usize,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [crate::diagnostic::Diagnostic],
    /// References to RFCs not in the RFC folder, by RFC.
    not_checked: Vec<NotChecked>,
}

#[derive(Serialize)]
struct NotChecked {
    rfc: u32,
    references: usize,
}

impl Render for Json {
    fn render(&self, report: &Report) -> Vec<u8> {
        let doc = Document {
            files: report.files,
            questions: report.questions,
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics: &report.diagnostics,
            not_checked: report
                .unchecked
                .iter()
                .map(|&(rfc, references)| NotChecked { rfc, references })
                .collect(),
        };
        // Strings as JSON escapes them, and DEL, C1 controls and bidi overrides too.
        crate::safe::json(&doc)
    }
}
