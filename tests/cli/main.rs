//! Integration tests over the real `quiz` binary. Each test reads like a sentence:
//! `Test::new().file(..).args(..).run().status(1).stdout_has(..)`.

mod anki;
mod authoring;
mod blueprint;
mod builtin;
mod check;
mod citation;
mod exam;
mod formats;
mod formats_gift;
mod formats_moodle_xml;
mod formats_qti;
mod history;
mod hostile;
mod images;
mod import_limits;
mod interchange;
mod kinds;
mod large;
mod lint;
mod many_files;
mod rfc_fetch;
mod run;
mod sarif;
mod selection;
mod shell;
mod untrusted;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::rc::Rc;

/// A temporary directory with bank files, and the command to run in it.
pub struct Test {
    dir: Rc<tempfile::TempDir>,
    args: Vec<String>,
    stdin: String,
    env: Vec<(String, String)>,
}

impl Default for Test {
    fn default() -> Self {
        Self::new()
    }
}

impl Test {
    pub fn new() -> Self {
        Test {
            dir: Rc::new(tempfile::tempdir().expect("a temporary directory")),
            args: Vec::new(),
            stdin: String::new(),
            env: Vec::new(),
        }
    }

    pub fn file(self, name: &str, contents: &str) -> Self {
        self.bytes(name, contents.as_bytes())
    }

    pub fn bytes(self, name: &str, contents: &[u8]) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the fixture's folder");
        }
        std::fs::write(&path, contents).expect("write the fixture");
        self
    }

    pub fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub fn stdin(mut self, input: &str) -> Self {
        self.stdin = input.to_owned();
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The history database of this test's runs.
    pub fn history(&self) -> PathBuf {
        self.dir.path().join(".data").join("history.sqlite3")
    }

    /// The command, ready to spawn: in the test's folder, with its own history.
    pub fn command(&self) -> Command {
        self.command_with(&self.args)
    }

    pub(crate) fn command_with<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quiz"));
        cmd.args(args)
            .current_dir(self.dir.path())
            .env_remove("NO_COLOR")
            // Never the real history: each test has its own.
            .env("QUIZ_DATA_DIR", self.dir.path().join(".data"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Runs with other arguments and input, in the same folder and history.
    pub fn run_with(&self, args: &[&str], input: &str) -> Outcome {
        self.finish(self.command_with(args), input)
    }

    pub fn run(&self) -> Outcome {
        self.finish(self.command(), &self.stdin)
    }

    pub(crate) fn finish(&self, mut cmd: Command, input: &str) -> Outcome {
        let mut child = cmd.spawn().expect("run quiz");
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write;
            // The quiz may stop reading early; a closed pipe is fine.
            let _ = stdin.write_all(input.as_bytes());
        }
        let out = child.wait_with_output().expect("wait for quiz");
        Outcome {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            dir: Rc::clone(&self.dir),
        }
    }
}

/// What a run printed and how it exited.
pub struct Outcome {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
    dir: Rc<tempfile::TempDir>,
}

impl Outcome {
    fn context(&self) -> String {
        format!(
            "\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.stdout, self.stderr
        )
    }

    pub fn status(&self, expected: i32) -> &Self {
        assert_eq!(self.status, expected, "exit status{}", self.context());
        self
    }

    pub fn stdout_has(&self, text: &str) -> &Self {
        assert!(
            self.stdout.contains(text),
            "stdout lacks {text:?}{}",
            self.context()
        );
        self
    }

    pub fn stdout_lacks(&self, text: &str) -> &Self {
        assert!(
            !self.stdout.contains(text),
            "stdout has {text:?}{}",
            self.context()
        );
        self
    }

    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout{}", self.context());
        self
    }

    pub fn stderr_lacks(&self, text: &str) -> &Self {
        assert!(
            !self.stderr.contains(text),
            "stderr holds {text:?}{}",
            self.context()
        );
        self
    }

    pub fn stderr_has(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}{}",
            self.context()
        );
        self
    }

    /// The diagnostic lines (`path:line:col: ...`) of a human-format check.
    pub fn diagnostics(&self) -> Vec<&str> {
        self.stdout
            .lines()
            .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
            .collect()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}{}", self.context()))
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name))
            .unwrap_or_else(|e| panic!("read {name}: {e}"))
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

/// A valid question as YAML list item, for building banks in tests.
pub fn question(id: &str) -> String {
    tagged_question(id, "handshake")
}

/// The same question with other tags (`"a, b"`); its answer is B of four.
pub fn tagged_question(id: &str, tags: &str) -> String {
    format!(
        "  - id: {id}
    question: Which message carries the server's chosen cipher suite?
    choices: [ClientHello, ServerHello, Finished, Certificate]
    answer: B
    explanation: The ServerHello carries the single suite the server selected.
    references:
      - rfc: 5246
        section: \"7.4.1.3\"
        title: Server Hello
    tags: [{tags}]
"
    )
}

pub fn bank(ids: &[&str]) -> String {
    let mut out = String::from("title: Test bank\nquestions:\n");
    for id in ids {
        out.push_str(&question(id));
    }
    out
}
