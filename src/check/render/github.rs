//! GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), which
//! show each problem inline on the pull request; then the summary as a plain line.

use super::{Render, Report};
use crate::diagnostic::Severity;
use std::fmt::Write;

pub struct Github;

impl Render for Github {
    fn render(&self, report: &Report) -> Vec<u8> {
        let mut out = String::new();
        for d in &report.diagnostics {
            let command = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},title={}::{}",
                property(&d.path),
                d.line,
                d.col,
                property(&format!("quiz check ({})", d.code)),
                data(&d.message),
            );
        }
        let _ = writeln!(out, "{}", report.summary());
        out.into_bytes()
    }
}

/// Escapes a message as the runner expects.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators too.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_separators() {
        assert_eq!(data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
