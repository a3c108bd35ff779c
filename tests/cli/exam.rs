//! `quiz run --mode exam` in the line front: no feedback until the end, then the
//! verdict, the breakdown and every missed question.

use super::{Test, bank};

fn exam(input: &str, extra: &[&str]) -> super::Outcome {
    let mut args = vec![
        "run",
        "--mode",
        "exam",
        "--no-shuffle",
        "--report",
        "r.json",
        "bank.yaml",
    ];
    args.extend_from_slice(extra);
    Test::new()
        .file("bank.yaml", &bank(&["e1", "e2", "e3", "e4"]))
        .args(&args)
        .stdin(input)
        .run()
}

#[test]
fn no_feedback_until_submitted() {
    let out = exam("B\nA\nB\n\n", &[]);
    out.status(0);
    let running = &out.stdout[..out.stdout.find("Summary").expect("a summary")];
    assert!(
        !running.contains("Correct") && !running.contains("Wrong"),
        "{}",
        out.stdout
    );
    assert!(
        !running.contains("The ServerHello carries"),
        "no explanation while running"
    );
    out.stdout_has("Question 2 of 4 · 1/4 answered\n")
        .stdout_has("Score: 2/4 (50.0%), strict scoring\nResult: FAIL (pass mark 70%)\n")
        .stdout_has("Missed questions\n\n2. Which message carries the server's chosen cipher suite?\n  ✗ A) ClientHello (your pick)\n  ○ B) ServerHello (the answer)\n")
        .stdout_has("4. Which message carries the server's chosen cipher suite?\n")
        .stdout_has("Not answered. The answer is B.")
        .stdout_has("RFC 5246 §7.4.1.3 Server Hello: https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3");
}

#[test]
fn the_pass_mark_decides() {
    exam("B\nA\nB\n\n", &["--pass-mark", "50"]).stdout_has("Result: PASS (pass mark 50%)");
    exam("B\nB\nB\nB\n", &[])
        .stdout_has("Result: PASS (pass mark 70%)")
        .stdout_lacks("Missed questions");
    Test::new()
        .args(&["run", "--pass-mark", "120"])
        .run()
        .status(2);
}

#[test]
fn the_report_says_mode_verdict_and_time() {
    let out = exam("B\nA\n", &[]);
    let report: serde_json::Value = serde_json::from_str(&out.read("r.json")).expect("report");
    assert_eq!(report["mode"], "exam");
    assert_eq!(report["passed"], false);
    assert_eq!(report["time_up"], false);
    assert_eq!(
        report["max_points"], 4,
        "unanswered questions count in an exam"
    );
    assert_eq!(report["questions"].as_array().map(Vec::len), Some(4));
    assert_eq!(report["questions"][3]["given"], serde_json::json!([]));
}

#[test]
fn the_time_left_is_shown() {
    exam("B\n", &["--time-limit", "1h30m"])
        .stdout_has("Question 1 of 4 · 1:30:00 left · 0/4 answered\n");
    exam("B\n", &["--time-limit", "45s"]).stdout_has("· 0:45 left · 0/4 answered\n");
}

#[test]
fn bad_time_limits_are_refused() {
    Test::new()
        .args(&["run", "--mode", "exam", "--time-limit", "90"])
        .run()
        .status(2)
        .stderr_has("\"90\" is not a duration: write it like 90m, 45s or 1h30m");
    Test::new()
        .args(&["run", "--time-limit", "10m"])
        .run()
        .status(2)
        .stderr_has("--time-limit is for exams: add --mode exam");
}

/// Feedback on each choice that reads "Correct." or "Wrong." only.
const TERSE: &str = "questions:
  - id: terse
    question: Which two are TLS 1.3 handshake messages?
    choices:
      - text: EncryptedExtensions
        why: Correct.
      - text: ServerKeyExchange
        why: Wrong.
      - text: CertificateVerify
        why: Sent by the server to prove it holds its key.
      - ChangeCipherSpec
    answer: [A, C]
";

#[test]
fn feedback_never_says_right_or_wrong_twice() {
    // Practice: the label says what you did; the author's feedback says why.
    Test::new()
        .file("bank.yaml", TERSE)
        .args(&["run", "--no-shuffle", "bank.yaml"])
        .stdin("A,B\n")
        .run()
        .stdout_has("✗ Wrong: the answer is A, C; you chose A, B.\n  B) ServerKeyExchange (your pick): Wrong.\n  C) CertificateVerify (not picked): Sent by the server to prove it holds its key.\n")
        .stdout_lacks("(not right)")
        .stdout_lacks("(missed)");
    // The exam's missed list: each choice once, with its mark and its feedback,
    // leaving out feedback that only repeats the mark.
    Test::new()
        .file("bank.yaml", TERSE)
        .args(&["run", "--mode", "exam", "--no-shuffle", "bank.yaml"])
        .stdin("A,B\n")
        .run()
        .stdout_has("  ✓ A) EncryptedExtensions (your pick)\n  ✗ B) ServerKeyExchange (your pick)\n  ○ C) CertificateVerify (not picked)\n       Sent by the server to prove it holds its key.\n    D) ChangeCipherSpec\n✗ Wrong: the answer is A, C; you chose A, B.\n");
}
