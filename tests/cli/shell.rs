//! What a shell needs: completion scripts (`quiz completions SHELL`) and manual
//! pages (`quiz man`).

use super::Test;
use std::process::Command;

#[test]
fn bash_completes_subcommands_and_flags() {
    let out = Test::new().args(&["completions", "bash"]).run();
    out.status(0);
    let script = out.dir().join("quiz.bash");
    std::fs::write(&script, &out.stdout).expect("write the script");
    // Load the script into a real bash and call its function as bash does when Tab
    // is pressed after `words`: with the command, the current and the previous word.
    let complete = |words: &[&str]| {
        let current = words.len() - 1;
        let program = format!(
            "source {}; COMP_WORDS=({}); COMP_CWORD={current}; _quiz quiz {} {}; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display(),
            words.join(" "),
            words[current],
            words[current - 1],
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &program])
            .output()
            .expect("run bash");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(complete(&["quiz", "ch"]), "check\n");
    assert!(complete(&["quiz", "run", "--co"]).contains("--count\n"));
    assert_eq!(complete(&["quiz", "check", "--format", "sa"]), "sarif\n");
}

#[test]
fn every_shell_gets_its_script() {
    for (shell, marker) in [
        ("zsh", "#compdef quiz"),
        ("fish", "complete -c quiz"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion:arg-completer[quiz]"),
    ] {
        Test::new()
            .args(&["completions", shell])
            .run()
            .status(0)
            .stdout_has(marker);
    }
    Test::new()
        .args(&["completions", "tcsh"])
        .run()
        .status(2)
        .stderr_has("invalid value 'tcsh'");
}

#[test]
fn man_prints_the_page_of_quiz_or_of_a_subcommand() {
    Test::new()
        .args(&["man"])
        .run()
        .status(0)
        .stdout_has(".TH quiz 1")
        .stdout_has(".SH SUBCOMMANDS")
        .stdout_has("quiz\\-run(1)");
    Test::new()
        .args(&["man", "run"])
        .run()
        .status(0)
        .stdout_has(".TH quiz-run 1")
        .stdout_has("\\fBquiz run\\fR")
        .stdout_has("\\fB\\-\\-time\\-limit\\fR");
    Test::new()
        .args(&["man", "rnu"])
        .run()
        .status(2)
        .stderr_has("quiz: no command `rnu` to show a manual page for; did you mean `run`?");
}

#[test]
fn man_dir_writes_every_page() {
    let t = Test::new();
    let out = t.run_with(&["man", "--dir", "man/man1"], "");
    out.status(0);
    let written = std::fs::read_dir(t.path("man/man1"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert!(written > 10, "{written} pages");
    out.stdout_has(&format!("Wrote {written} manual pages to man/man1\n"));
    for page in ["quiz.1", "quiz-run.1", "quiz-check.1", "quiz-completions.1"] {
        let text = std::fs::read_to_string(t.path("man/man1").join(page)).unwrap_or_default();
        assert!(text.contains(".TH quiz"), "{page}: {text:.200}");
    }
}

/// Every page is ASCII roff that groff reads without a warning (`-ww`: all of
/// them). Where groff is missing the test says so on standard error and passes,
/// except in CI (`$CI` set), where `.ci/run` installs it.
#[test]
fn every_man_page_is_ascii_roff_that_groff_reads_without_a_warning() {
    let t = Test::new();
    t.run_with(&["man", "--dir", "man"], "").status(0);
    let mut pages: Vec<std::path::PathBuf> = std::fs::read_dir(t.path("man"))
        .expect("the pages")
        .map(|e| e.expect("a page").path())
        .collect();
    pages.sort();
    for page in &pages {
        let text = std::fs::read_to_string(page).expect("a page");
        assert!(text.is_ascii(), "{}: {text}", page.display());
    }
    let check = std::fs::read_to_string(t.path("man/quiz-check.1")).unwrap_or_default();
    assert!(check.contains(r"(::error file=\[u2026])"), "{check}");
    if Command::new("groff").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "groff is not installed; .ci/run installs it (groff-base)"
        );
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED: the groff check of the manual pages: groff is not installed (apt-get install groff-base)"
        );
        return;
    }
    for page in &pages {
        let out = Command::new("groff")
            .args(["-ww", "-man", "-Tutf8"])
            .arg(page)
            .output()
            .expect("run groff");
        let warnings = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && warnings.is_empty(),
            "{}: {warnings}",
            page.display()
        );
        if page.ends_with("quiz-check.1") {
            let shown = String::from_utf8_lossy(&out.stdout);
            assert!(shown.contains("(::error file=…)"), "{shown}");
        }
    }
}
