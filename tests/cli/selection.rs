//! What `quiz run` says when its flags leave nothing to ask, or make no sense
//! together: each message names what emptied the selection and what to try.

use super::Test;

/// Three questions: two tagged `tls13`, one tagged `pki`.
const BANK: &str = "questions:
  - id: hello
    question: Which message starts a TLS 1.3 handshake?
    choices: [ClientHello, ServerHello]
    answer: A
    tags: [tls13]
  - id: finished
    question: Which message ends a TLS 1.3 handshake?
    choices: [Finished, Alert]
    answer: A
    tags: [tls13]
  - id: ocsp
    question: What does OCSP check?
    choices: [Revocation, Expiry]
    answer: A
    tags: [pki]
";

fn test() -> Test {
    Test::new().file("bank.yaml", BANK)
}

#[test]
fn missed_with_a_tag_none_of_whose_questions_was_answered() {
    let t = test();
    // Only the pki question is answered (wrongly).
    t.run_with(&["run", "--no-shuffle", "--tag", "pki", "bank.yaml"], "B\n")
        .status(0);
    t.run_with(&["run", "--missed", "--tag", "tls13", "bank.yaml"], "")
        .status(1)
        .stderr_has("quiz: --missed found nothing to ask: none of the 2 questions tagged `tls13` has been answered yet.\nLeave out --missed to be asked them.\n");
}

#[test]
fn missed_before_any_answer() {
    test()
        .args(&["run", "--missed", "bank.yaml"])
        .run()
        .status(1)
        .stderr_has("quiz: --missed found nothing to ask: no answers are recorded yet.\nTake a quiz first (`quiz run`); --missed then asks again what you got wrong.\n");
}

#[test]
fn an_unknown_tag_suggests_the_nearest_and_points_to_list() {
    test()
        .args(&["run", "--tag", "tsl13", "bank.yaml"])
        .run()
        .status(1)
        .stderr_has("quiz: no question has the tag `tsl13`; did you mean `tls13` (2 questions)?\n`quiz list` shows every tag with its count\n");
    // A typo beside a known tag does not silently shrink the quiz.
    test()
        .args(&["run", "--tag", "pki", "--tag", "tls31", "bank.yaml"])
        .run()
        .status(1)
        .stderr_has("no question has the tag `tls31`; did you mean `tls13` (2 questions)?")
        .stdout_lacks("Question 1");
    test()
        .args(&["run", "--tag", "x509", "bank.yaml"])
        .run()
        .status(1)
        .stderr_has("quiz: no question has the tag `x509`\n`quiz list` shows every tag");
}

#[test]
fn count_must_be_at_least_one() {
    test()
        .args(&["run", "--count", "0", "bank.yaml"])
        .run()
        .status(2)
        .stderr_has("--count must be at least 1");
    test()
        .args(&["run", "--count", "ten", "bank.yaml"])
        .run()
        .status(2)
        .stderr_has("--count takes a whole number of questions, such as 10, not \"ten\"");
}

#[test]
fn exam_only_flags_are_refused_alike_outside_an_exam() {
    for (flag, value) in [("--pass-mark", "80"), ("--time-limit", "10m")] {
        test()
            .args(&["run", flag, value, "bank.yaml"])
            .run()
            .status(2)
            .stderr_has(&format!(
                "quiz: {flag} is for exams: add --mode exam, or leave {flag} out\n"
            ))
            .stdout_lacks("Question 1");
    }
    test()
        .args(&[
            "run",
            "--no-shuffle",
            "--mode",
            "exam",
            "--pass-mark",
            "50",
            "bank.yaml",
        ])
        .stdin("A\nA\nA\n")
        .run()
        .status(0)
        .stdout_has("Result: PASS (pass mark 50%)");
}

#[test]
fn an_existing_report_is_replaced_only_with_force() {
    let t = test().file("r.json", "keep me");
    t.run_with(&["run", "--report", "r.json", "bank.yaml"], "A\n")
        .status(2)
        .stderr_has("quiz: r.json already exists: give --force to replace it, or another name")
        .stdout_lacks("Question 1");
    assert_eq!(
        std::fs::read_to_string(t.path("r.json")).ok().as_deref(),
        Some("keep me")
    );
    t.run_with(
        &[
            "run",
            "--report",
            "r.json",
            "--force",
            "--count",
            "1",
            "bank.yaml",
        ],
        "A\n",
    )
    .status(0);
    let report = std::fs::read_to_string(t.path("r.json")).unwrap_or_default();
    assert!(report.contains("\"max_points\": 1"), "{report}");
}
