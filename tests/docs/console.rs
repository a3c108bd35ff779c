//! The commands of a ` ```console ` block, in trycmd's notation, and the small shell
//! that runs them: `$ ` starts a command, `> ` continues it, an optional `? STATUS`
//! line (`success`, `failed` or a number) gives its exit status (`success` when
//! absent), and the lines up to the next `$ ` or the end of the block are what it
//! prints, standard error and output together. `...` alone on a line stands for any
//! lines, `[..]` within a line for any text, `[ROOT]` for the example's folder.

use super::markdown::Fence;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One command of a block, with what it must print.
pub struct Step {
    /// The line of its `$`, counted from 1.
    pub line: usize,
    /// The command as the page writes it.
    pub command: String,
    pub words: Vec<String>,
    pub status: Status,
    /// The page's line (from 0) of its `?` line, when it has one.
    pub status_line: Option<usize>,
    pub expected: String,
    /// The page's lines (from 0) that hold `expected`.
    pub output: Range<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Status {
    Success,
    Failed,
    Code(i32),
}

impl Status {
    fn parse(word: &str) -> Result<Status, String> {
        match word {
            "success" => Ok(Status::Success),
            "failed" => Ok(Status::Failed),
            _ => word
                .parse()
                .map(Status::Code)
                .map_err(|_| format!("`? {word}`: give success, failed or a number")),
        }
    }

    pub fn accepts(self, code: Option<i32>) -> bool {
        match self {
            Status::Success => code == Some(0),
            Status::Failed => code.is_some_and(|c| c != 0),
            Status::Code(c) => code == Some(c),
        }
    }

    /// The `?` line that says `code`; none for success.
    pub fn line_for(code: Option<i32>) -> Option<String> {
        match code {
            Some(0) => None,
            Some(c) => Some(format!("? {c}")),
            None => Some("? failed".to_owned()),
        }
    }
}

/// The commands of `fence`.
pub fn steps(fence: &Fence) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    let mut i = 0;
    let lines = &fence.lines;
    while i < lines.len() {
        let Some(command) = lines[i].strip_prefix("$ ") else {
            return Err(format!(
                "line {}: a console block holds commands, each starting with `$ `",
                fence.first + i + 1
            ));
        };
        let line = fence.first + i + 1;
        let mut text = command.to_owned();
        i += 1;
        while let Some(more) = lines.get(i).and_then(|l| l.strip_prefix("> ")) {
            text.push(' ');
            text.push_str(more);
            i += 1;
        }
        let mut status = Status::Success;
        let mut status_line = None;
        if let Some(word) = lines.get(i).and_then(|l| l.strip_prefix("? ")) {
            status = Status::parse(word.trim()).map_err(|e| format!("line {}: {e}", line))?;
            status_line = Some(fence.first + i);
            i += 1;
        }
        let start = i;
        while i < lines.len() && !lines[i].starts_with("$ ") {
            i += 1;
        }
        let words = shlex::split(&text)
            .ok_or_else(|| format!("line {line}: unbalanced quotes in `{text}`"))?;
        steps.push(Step {
            line,
            command: text,
            words,
            status,
            status_line,
            expected: lines[start..i].join("\n"),
            output: fence.first + start..fence.first + i,
        });
    }
    Ok(steps)
}

/// Runs the commands of the examples in one folder, with a history of their own.
pub struct Shell {
    pub root: PathBuf,
}

/// What a command did.
pub struct Ran {
    pub code: Option<i32>,
    pub output: String,
}

impl Shell {
    /// Runs `words`: `quiz ARGS`, optionally after `NAME=VALUE` settings, fed by
    /// `printf 'TEXT' |` or `< FILE`; or `cat FILE`. Nothing else, so that an
    /// example is a command a reader can type as it stands.
    pub fn run(&self, words: &[String]) -> Result<Ran, String> {
        let mut words = words.to_vec();
        let mut env = Vec::new();
        while let Some((key, value)) = words.first().and_then(|w| w.split_once('=')) {
            env.push((key.to_owned(), value.to_owned()));
            words.remove(0);
        }
        let mut stdin = None;
        if words.first().map(String::as_str) == Some("printf") {
            if words.len() < 4 || words[2] != "|" {
                return Err("write `printf 'TEXT' | quiz ...`".to_owned());
            }
            stdin = Some(unescape(&words[1]));
            words.drain(..3);
        }
        if let Some(at) = words.iter().position(|w| w == "<") {
            let Some(file) = words.get(at + 1) else {
                return Err("`<` needs a file".to_owned());
            };
            stdin = Some(self.read(file)?);
            words.drain(at..at + 2);
        }
        match words.first().map(String::as_str) {
            Some("quiz") => {}
            Some("cat") if stdin.is_none() && env.is_empty() => {
                let mut output = String::new();
                for file in &words[1..] {
                    output.push_str(&self.read(file)?);
                }
                return Ok(Ran {
                    code: Some(0),
                    output,
                });
            }
            _ => {
                return Err(format!(
                    "`{}` is not a command the docs' harness runs (quiz, `printf '…' | quiz`, \
                     `quiz … < FILE`, cat); mark the block `console ignore` if it must not run",
                    words.join(" ")
                ));
            }
        }
        let mut cmd = snapbox::cmd::Command::new(env!("CARGO_BIN_EXE_quiz"))
            .args(&words[1..])
            .current_dir(&self.root)
            // The reader's own history, RFC texts, threads and terminal never reach
            // an example.
            .env("QUIZ_DATA_DIR", self.root.join(".data"))
            .env_remove("QUIZ_RFC_DIR")
            .env_remove("QUIZ_RFC_BASE_URL")
            .env_remove("QUIZ_THREADS")
            .env_remove("NO_COLOR")
            .env_remove("FORCE_HYPERLINK")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("COLUMNS")
            .stderr_to_stdout()
            .timeout(Duration::from_secs(120));
        for (key, value) in env {
            cmd = cmd.env(key, value);
        }
        if let Some(input) = stdin {
            cmd = cmd.stdin(input);
        }
        let out = cmd
            .output()
            .map_err(|e| format!("could not run quiz: {e}"))?;
        Ok(Ran {
            code: out.status.code(),
            output: String::from_utf8_lossy(&out.stdout).into_owned(),
        })
    }

    fn read(&self, file: &str) -> Result<String, String> {
        std::fs::read_to_string(self.root.join(file)).map_err(|e| format!("{file}: {e}"))
    }
}

/// `printf`'s escapes that examples use: `\n`, `\t` and `\\`.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Whether `path` names a file inside the example's folder.
pub fn inside(path: &str) -> bool {
    let path = Path::new(path);
    path.is_relative()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printf_escapes() {
        assert_eq!(unescape(r"C\nA,D\n"), "C\nA,D\n");
        assert_eq!(unescape(r"a\\b\tc"), "a\\b\tc");
    }

    #[test]
    fn a_file_outside_the_folder_is_refused() {
        assert!(inside("docs/examples/a.yaml"));
        assert!(!inside("../a.yaml"));
        assert!(!inside("/etc/passwd"));
    }
}
