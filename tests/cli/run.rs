//! `quiz run` through the line front (stdin is a pipe in tests).

use super::{Test, bank};

/// Two questions: one single-answer, one "Choose 2" with feedback on a choice,
/// and a pinned last choice on the first.
const BANK: &str = "title: Run test
questions:
  - id: single
    question: Which message carries the server's chosen cipher suite?
    choices:
      - ClientHello
      - ServerHello
      - Finished
      - text: None of these
        pin: true
    answer: B
    explanation: The ServerHello carries the single suite the server selected.
    references:
      - rfc: 5246
        section: 10.10
        title: Not a real section, but it must keep its text
      - rfc: 8446
        section: B.4
        title: Cipher Suites
    tags: [handshake]
  - id: double
    question: Which two are TLS 1.3 handshake messages?
    choices:
      - EncryptedExtensions
      - text: ServerKeyExchange
        why: TLS 1.3 has no ServerKeyExchange; key shares travel in extensions.
      - CertificateVerify
      - ChangeCipherSpec
    answer: [A, C]
    explanation: Both are defined in RFC 8446 section 4.
    references:
      - url: https://example.org/tls13
        title: Notes on TLS 1.3
    tags: [tls13]
";

fn quiz(input: &str, extra: &[&str]) -> super::Outcome {
    let mut args = vec!["run", "--no-shuffle", "bank.yaml"];
    args.extend_from_slice(extra);
    Test::new()
        .file("bank.yaml", BANK)
        .args(&args)
        .stdin(input)
        .run()
}

#[test]
fn asks_in_file_order_and_scores() {
    quiz("B\nA,C\n", &[])
        .status(0)
        .stdout_has("Question 1 of 2 · score 0/0\nWhich message carries the server's chosen cipher suite?\n  A) ClientHello\n  B) ServerHello\n  C) Finished\n  D) None of these\nAnswer: B\n✓ Correct: B.\n")
        .stdout_has("Question 2 of 2 · score 1/1\nWhich two are TLS 1.3 handshake messages? (Choose 2)\n")
        .stdout_has("Score: 2/2 (100.0%), strict scoring\n");
}

#[test]
fn every_spelling_of_letters_is_an_answer() {
    for answer in ["A,C", "a c", "AC", "ca", " C , a "] {
        quiz(&format!("B\n{answer}\n"), &[]).stdout_has("Score: 2/2 (100.0%)");
    }
}

#[test]
fn feedback_cites_references_with_links() {
    quiz("A\n", &[])
        .stdout_has("✗ Wrong: the answer is B; you chose A.\n")
        .stdout_has("  The ServerHello carries the single suite the server selected.\n")
        // A bare 10.10 keeps its text; an appendix links to #appendix-.
        .stdout_has("  RFC 5246 §10.10 Not a real section, but it must keep its text: https://www.rfc-editor.org/rfc/rfc5246#section-10.10\n")
        .stdout_has("  RFC 8446 §B.4 Cipher Suites: https://www.rfc-editor.org/rfc/rfc8446#appendix-B.4\n");
}

#[test]
fn feedback_explains_wrong_and_missed_choices() {
    quiz("B\nA,B\n", &[])
        .stdout_has("✗ Wrong: the answer is A, C; you chose A, B.\n")
        .stdout_has("  B) ServerKeyExchange (your pick): TLS 1.3 has no ServerKeyExchange; key shares travel in extensions.\n")
        .stdout_has("  Notes on TLS 1.3: https://example.org/tls13\n");
}

#[test]
fn invalid_input_is_explained_and_asked_again() {
    quiz("F\n1\nA,B\nB\n", &[])
        .stdout_has("Answer: F\nF is not a choice here: the choices are A to D.\n")
        .stdout_has(
            "Answer: 1\n'1' is not a letter. Type letters such as A or A,C, or nothing to skip.\n",
        )
        .stdout_has(
            "Answer: A,B\nThis question has one answer: type one letter.\nAnswer: B\n✓ Correct: B.",
        );
}

#[test]
fn an_empty_line_skips() {
    quiz("\nA,C\n", &[])
        .stdout_has("Skipped. The answer is B.\n")
        .stdout_has("Score: 1/2 (50.0%)")
        .stdout_has(
            "Missed:\n  Which message carries the server's chosen cipher suite?  (single)\n",
        );
}

#[test]
fn end_of_input_ends_early_with_summary_and_report() {
    let out = quiz("B\n", &["--report", "out.json", "--seed", "3"]);
    out.status(0)
        .stdout_has("End of input: the quiz ends here.\n")
        .stdout_has("Ended early, after 1 of 2 questions.\n")
        .stdout_has("Score: 1/1 (100.0%)");
    let report: serde_json::Value =
        serde_json::from_str(&out.read("out.json")).expect("JSON report");
    assert_eq!(report["max_points"], 1);
    assert_eq!(report["questions"].as_array().map(Vec::len), Some(1));
}

#[test]
fn partial_scoring_gives_part_of_a_point() {
    quiz("B\nA\n", &["--scoring", "partial"])
        .stdout_has("◐ Partly right (0.5 point): the answer is A, C; you chose A.")
        .stdout_has("Score: 1.5/2 (75.0%), partial scoring");
    // A wrong pick takes back a right one: (1 - 1) / 2.
    quiz("B\nAB\n", &["--scoring", "partial"]).stdout_has("Score: 1/2 (50.0%), partial scoring");
    // And "(Choose 2)" takes no more than two.
    quiz("B\nABCD\n", &["--scoring", "partial"])
        .stdout_has("Answer: ABCD\nThis question asks for 2: type at most 2 letters.\n");
    quiz("B\nA\n", &[]).stdout_has("Score: 1/2 (50.0%), strict scoring");
}

#[test]
fn the_report_uses_the_file_lettering() {
    // Seeded shuffles move the choices; the report still names them as in the file.
    for seed in ["1", "2", "3", "4", "5"] {
        let out = Test::new()
            .file("bank.yaml", BANK)
            .args(&[
                "run",
                "--seed",
                seed,
                "--tag",
                "tls13",
                "--report",
                "r.json",
                "bank.yaml",
            ])
            .stdin("\n")
            .run();
        let report: serde_json::Value =
            serde_json::from_str(&out.read("r.json")).expect("JSON report");
        assert_eq!(report["seed"], seed.parse::<u64>().unwrap_or_default());
        assert_eq!(report["scoring"], "strict");
        assert_eq!(report["questions"][0]["id"], "double");
        assert_eq!(
            report["questions"][0]["expected"],
            serde_json::json!(["A", "C"])
        );
    }
}

#[test]
fn a_full_report() {
    let out = quiz("B\nA,B\n", &["--report", "r.json", "--seed", "7"]);
    let mut report: serde_json::Value =
        serde_json::from_str(&out.read("r.json")).expect("JSON report");
    // The times are the run's own: there, and in whole milliseconds.
    let time = |v: &mut serde_json::Value| {
        let ms = v.as_object_mut().and_then(|o| o.remove("time_ms"));
        assert!(ms.is_some_and(|ms| ms.is_u64()), "{v}");
    };
    time(&mut report);
    for q in report["questions"].as_array_mut().expect("questions") {
        time(q);
    }
    assert_eq!(
        report,
        serde_json::json!({
            "mode": "practice", "time_up": false,
            "seed": 7, "scoring": "strict", "points": 1, "max_points": 2, "percent": 50.0,
            "questions": [
                {"id": "single", "bank": "bank", "kind": "choice", "given": ["B"], "expected": ["B"], "points": 1, "skipped": false},
                {"id": "double", "bank": "bank", "kind": "choice", "given": ["A", "B"], "expected": ["A", "C"], "points": 0, "skipped": false},
            ]
        })
    );
}

#[test]
fn a_seed_repeats_the_order() {
    let ids: Vec<String> = (1..=12).map(|i| format!("q{i}")).collect();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let text = bank(&ids);
    // The time used is the run's own.
    let run = |seed: &str| {
        let out = Test::new()
            .file("bank.yaml", &text)
            .args(&["run", "--seed", seed, "bank.yaml"])
            .run()
            .stdout;
        out.lines()
            .filter(|l| !l.starts_with("Time used: "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(run("42"), run("42"));
    assert_ne!(run("42"), run("43"));
    // The seed is printed so that any run can be replayed.
    assert!(run("42").contains("Seed: 42 (repeat this quiz with --seed 42)"));
}

#[test]
fn without_a_seed_one_is_drawn_and_printed() {
    let out = quiz("", &[]);
    let line = out
        .stdout
        .lines()
        .find(|l| l.starts_with("Seed: "))
        .expect("a seed line");
    let seed: u64 = line["Seed: ".len()..]
        .split(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("a number");
    assert!(line.ends_with(&format!("--seed {seed})")));
}

#[test]
fn pinned_choices_keep_their_place() {
    for seed in 0..20 {
        Test::new()
            .file("bank.yaml", BANK)
            .args(&[
                "run",
                "--seed",
                &seed.to_string(),
                "--tag",
                "handshake",
                "bank.yaml",
            ])
            .run()
            .stdout_has("  D) None of these\n");
    }
}

#[test]
fn count_and_tag_select() {
    quiz("", &["--count", "1"]).stdout_has("Question 1 of 1 ·");
    quiz("", &["--tag", "tls13"])
        .stdout_has("Question 1 of 1 ·")
        .stdout_has("Which two are");
    quiz("", &["--tag", "tls13", "--tag", "handshake"]).stdout_has("Question 1 of 2 ·");
    quiz("", &["--tag", "nothing"])
        .status(1)
        .stderr_has("quiz: no question has the tag `nothing`");
}

#[test]
fn a_bank_with_errors_is_refused() {
    Test::new()
        .file("bank.yaml", &bank(&["a"]).replace("answer: B", "answer: Z"))
        .args(&["run", "bank.yaml"])
        .run()
        .status(1)
        .stderr_has("bank.yaml:6:13: error: answer `Z` names no choice: this question has 4 choices (A to D) [answer-out-of-range]")
        .stdout_lacks("Question 1");
}

#[test]
fn the_built_in_bank_runs_from_any_folder() {
    Test::new()
        .args(&["run", "--count", "3", "--seed", "1"])
        .stdin("A\n")
        .run()
        .status(0)
        .stdout_has("Question 1 of 3 ·")
        .stdout_has("https://www.rfc-editor.org/rfc/rfc")
        .stdout_has("Ended early, after 1 of 3 questions.");
}

#[test]
fn no_colour_in_a_pipe() {
    quiz("A\n", &[]).stdout_lacks("\u{1b}[");
}

#[test]
fn the_line_front_and_show_print_an_exhibit_verbatim() {
    let exhibit = "    exhibit: |\n      Interface   Status\n      Gi0/0       up\n        indented line that is long enough to pass any wrapping width we might choose here\n    choices:";
    let t = Test::new().file("bank.yaml", &bank(&["a"]).replace("    choices:", exhibit));
    t.run_with(&["run", "--no-history", "bank.yaml"], "B\n")
        .status(0)
        .stdout_has("  ----\n    Interface   Status\n    Gi0/0       up\n      indented line that is long enough to pass any wrapping width we might choose here\n  ----\n");
    t.run_with(&["show", "a", "bank.yaml"], "")
        .status(0)
        .stdout_has("    Interface   Status\n    Gi0/0       up\n");
}

/// Starts `quiz run` on a pipe that stays open, waits for the first prompt, sends
/// `signal`, and returns what it printed and its exit status.
#[cfg(unix)]
fn signalled_at_the_first_prompt(args: &[&str], signal: i32) -> (String, Option<i32>) {
    use std::io::Read;
    let t = Test::new().file("bank.yaml", &bank(&["a", "b"])).args(args);
    let mut child = t.command().spawn().expect("start quiz");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("Answer: ") {
        match stdout.read(&mut byte) {
            Ok(1) => seen.push(byte[0]),
            _ => panic!(
                "quiz ended before its prompt: {}",
                String::from_utf8_lossy(&seen)
            ),
        }
    }
    let pid = i32::try_from(child.id()).expect("a pid");
    // SAFETY: kill has no memory effects; the pid is our own child's.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    stdout
        .read_to_end(&mut seen)
        .expect("the rest of the output");
    let status = child.wait().expect("quiz's exit status");
    (String::from_utf8_lossy(&seen).into_owned(), status.code())
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_with_output_redirected_still_print_the_summary() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let (out, code) =
            signalled_at_the_first_prompt(&["run", "--no-history", "bank.yaml"], signal);
        assert_eq!(code, Some(130), "signal {signal}: {out}");
        assert!(out.contains("Interrupted: the quiz ends here."), "{out}");
        assert!(
            out.contains("Ended early, after 0 of 2 questions."),
            "{out}"
        );
    }
}

#[test]
fn missed_questions_are_listed_by_their_stem_cut_to_the_width_with_their_id() {
    let out = Test::new()
        .args(&["run", "--no-shuffle", "--count", "12", "--no-history"])
        .stdin(&"\n".repeat(12))
        .run();
    out.status(0);
    let lines: Vec<&str> = out
        .stdout
        .lines()
        .skip_while(|l| *l != "Missed:")
        .skip(1)
        .take_while(|l| !l.starts_with("Seed: "))
        .collect();
    assert_eq!(lines.len(), 12, "one line each:\n{}", out.stdout);
    for line in &lines {
        assert!(line.chars().count() <= 80, "{line:?}");
        // The stem, cut with a marker where it is long, then the id whole.
        assert!(line.starts_with("  ") && line.ends_with(')'), "{line:?}");
        let id = &line[line.rfind("  (").expect("an id") + 3..line.len() - 1];
        assert!(!id.is_empty() && !id.contains(' '), "{line:?}");
    }
    assert!(lines.iter().any(|l| l.contains('…')), "{lines:?}");
}
