//! One JSON object: the counts of the summary line and every diagnostic with its
//! path, line, column, severity, rule code and message.

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
}

impl Render for Json {
    fn render(&self, report: &Report) -> Vec<u8> {
        let doc = Document {
            files: report.files,
            questions: report.questions,
            errors: report.errors(),
            warnings: report.warnings(),
            diagnostics: &report.diagnostics,
        };
        // Serializing plain strings and numbers cannot fail.
        let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
        out.push(b'\n');
        out
    }
}
