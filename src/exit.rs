//! Exit statuses, typed, so that every command says which one it means; and how
//! an error is told on the one line it gets.

/// How a run of `quiz` ended, as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything went as asked.
    Success = 0,
    /// The banks have errors (or warnings under `--strict`), or nothing matched.
    Failure = 1,
    /// `quiz` could not run: a bad flag, a missing path, an unreadable file.
    Usage = 2,
    /// Ctrl-C or SIGTERM ended it (128 + SIGINT, as shells report it).
    Interrupted = 130,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status as u8)
    }
}

/// An error and its causes on one line: `cannot open x: permission denied`.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
