//! GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`), which
//! show each problem inline on the pull request; then the summary as a plain line.
//!
//! The runner reads these lines from the job's log, which shows ANSI escapes: the
//! path and message (which may quote the bank) are made terminal-safe
//! ([`crate::safe::text`]: ESC and every other control shown, never sent) before
//! the runner's own escapes (`%0A` for a line feed, so none starts a command).

use super::{Render, Report};
use crate::diagnostic::Severity;
use crate::safe;
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
        let _ = writeln!(out, "{}", safe::line(&report.summary()));
        out.into_bytes()
    }
}

/// Escapes a message as the runner expects, once every control character but the
/// line feed is shown instead of sent ([`safe::text`]); a line feed becomes `%0A`,
/// a line break within the annotation, so it cannot start a forged command.
fn data(s: &str) -> String {
    safe::text(s)
        .replace('%', "%25")
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

    #[test]
    fn escapes_and_controls_are_shown_not_sent() {
        let hostile = "x\x1b]0;owned\x07 \x1b[2J\r\n::error::forged \u{9b}31m \u{202e}";
        let escaped = data(hostile);
        assert_eq!(
            escaped,
            "x␛]0;owned␇ ␛[2J␍%0A::error::forged \\u{9b}31m \\u{202e}"
        );
        assert!(!escaped.chars().any(|c| c.is_control()));
        assert!(!property(hostile).chars().any(|c| c.is_control()));
    }
}
