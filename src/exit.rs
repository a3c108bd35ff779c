//! Exit statuses, typed, so that every command says which one it means.

/// How a run of `quiz` ended, as the shell sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything went as asked.
    Success = 0,
    /// The banks have errors (or warnings under `--strict`), or nothing matched.
    Failure = 1,
    /// `quiz` could not run: a bad flag, a missing path, an unreadable file.
    Usage = 2,
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        std::process::ExitCode::from(status as u8)
    }
}
