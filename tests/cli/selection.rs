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

#[test]
fn tags_match_without_regard_to_case_and_a_typo_gets_the_nearest() {
    let t = test();
    t.run_with(
        &[
            "run",
            "--no-shuffle",
            "--no-history",
            "--tag",
            "TLS13",
            "bank.yaml",
        ],
        "A\nA\n",
    )
    .status(0)
    .stdout_has("Score: 2/2");
    t.run_with(&["run", "--tag", "TLS31", "bank.yaml"], "")
        .status(1)
        .stderr_has("quiz: no question has the tag `TLS31`; did you mean `tls13` (2 questions)?");
}

#[test]
fn check_warns_of_a_tag_spelt_in_two_cases_once_per_spelling() {
    let other = BANK
        .replace("id: hello", "id: hello2")
        .replace("id: finished", "id: finished2")
        .replace("id: ocsp", "id: ocsp2")
        .replace("tags: [tls13]", "tags: [TLS13]")
        .replace("TLS 1.3", "TLS 1.2")
        .replace("OCSP check", "OCSP stapling carry");
    let out = test()
        .file("other.yaml", &other)
        .args(&[
            "check",
            "--allow",
            "missing-explanation,missing-reference,near-duplicate",
            "bank.yaml",
            "other.yaml",
        ])
        .run();
    out.status(0);
    assert_eq!(
        out.diagnostics(),
        [
            "other.yaml:6:12: warning: tag `TLS13` differs only in case from `tls13` (at bank.yaml:6:12): both pick the same questions, since tags match without regard to case; write it one way [tag-case]"
        ]
    );
}
