//! Exam blueprints: `quiz run --blueprint`, `quiz stats --blueprint`, `quiz
//! check` on a blueprint, and `quiz schema --blueprint`.

use super::{Test, tagged_question as question};
use serde_json::json;

/// One question in both domains, then four handshake, three record and two
/// attack questions.
fn bank() -> String {
    let mut text = String::from("title: TLS\nquestions:\n");
    text.push_str(&question("both", "handshake, record"));
    for i in 1..=4 {
        text.push_str(&question(&format!("hs{i}"), "handshake"));
    }
    for i in 1..=3 {
        text.push_str(&question(&format!("rec{i}"), "record"));
    }
    for i in 1..=2 {
        text.push_str(&question(&format!("att{i}"), "attacks"));
    }
    text
}

const EXAM: &str = "title: Mock TLS exam
count: 5
time_limit: 30m
scale: {min: 100, max: 900, pass: 700}
banks: [banks]
domains:
  - name: Handshake
    tags: [handshake]
    weight: 60
  - name: Record layer
    tags: [record]
    weight: 40
";

fn exam_test() -> Test {
    Test::new()
        .file("banks/tls.yaml", &bank())
        .file("exam.yaml", EXAM)
}

fn report(out: &super::Outcome) -> serde_json::Value {
    serde_json::from_str(&out.read("r.json")).expect("a JSON report")
}

fn ids(report: &serde_json::Value) -> Vec<String> {
    report["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_mock_exam_through_the_line_front_with_its_report() {
    // Without shuffling: each domain's first questions in file order. The
    // handshake domain draws `both` first (it is the tighter of the two only
    // by order), so the record layer takes rec1 and rec2.
    let out = exam_test()
        .args(&[
            "run",
            "--blueprint",
            "exam.yaml",
            "--no-shuffle",
            "--report",
            "r.json",
        ])
        .stdin("B\nB\nA\nB\nA\n")
        .run();
    out.status(0)
        .stdout_has("Mock TLS exam\nExam · 5 questions · 30:00 · pass at 700 on 100–900\n\nQuestion 1 of 5 · 30:00 left · 0/5 answered\n")
        .stdout_has("Question 5 of 5 · 30:00 left · 4/5 answered")
        .stdout_has("Summary: Mock TLS exam\n")
        .stdout_has("Score: 3/5 (60.0%), strict scoring\n")
        // 100 + 800 × 3/5 = 580.
        .stdout_has("Result: FAIL: scaled score 580 (scale 100–900, pass at 700)\n")
        .stdout_has("By domain, weakest first:\n  Record layer  1/2    50%\n  Handshake     2/3    67%\n")
        .stdout_lacks("By tag:");
    let report = report(&out);
    assert_eq!(ids(&report), ["both", "hs1", "hs2", "rec1", "rec2"]);
    assert_eq!(report["title"], "Mock TLS exam");
    assert_eq!(report["mode"], "exam");
    assert_eq!(report["passed"], false);
    assert_eq!(report["pass_mark"], 75.0);
    assert_eq!(report["scaled_score"], 580);
    assert_eq!(
        report["scale"],
        json!({"min": 100, "max": 900, "pass": 700})
    );
    assert_eq!(
        report["domains"],
        json!([
            {"name": "Record layer", "questions": 2, "points": 1, "percent": 50.0},
            {"name": "Handshake", "questions": 3, "points": 2, "percent": 66.67},
        ])
    );
    assert_eq!(report["questions"][0]["domain"], "Handshake");
    assert_eq!(report["questions"][3]["domain"], "Record layer");
}

#[test]
fn passing_on_the_scale() {
    // 4 of 5: 100 + 800 × 0.8 = 740, over 700.
    exam_test()
        .args(&["run", "--blueprint", "exam.yaml", "--no-shuffle"])
        .stdin("B\nB\nB\nB\nA\n")
        .run()
        .status(0)
        .stdout_has("Result: PASS: scaled score 740 (scale 100–900, pass at 700)\n");
}

#[test]
fn the_same_seed_draws_the_same_exam_and_each_domain_its_share() {
    let t = exam_test();
    let run = |seed: &str| {
        let out = t.run_with(
            &[
                "run",
                "--blueprint",
                "exam.yaml",
                "--seed",
                seed,
                "--report",
                "r.json",
                "--force",
            ],
            "",
        );
        out.status(0);
        report(&out)
    };
    let first = run("11");
    assert_eq!(ids(&run("11")), ids(&first));
    let mut differs = false;
    for seed in 12..20 {
        let other = run(&seed.to_string());
        differs |= ids(&other) != ids(&first);
        let questions = other["questions"].as_array().expect("questions");
        let count = |domain: &str| questions.iter().filter(|q| q["domain"] == domain).count();
        assert_eq!((count("Handshake"), count("Record layer")), (3, 2));
        let mut unique = ids(&other);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 5, "no question twice: {:?}", ids(&other));
        assert!(!ids(&other).iter().any(|id| id.starts_with("att")));
    }
    assert!(differs, "other seeds draw other exams");
}

#[test]
fn flags_override_the_file() {
    exam_test()
        .args(&[
            "run",
            "--blueprint",
            "exam.yaml",
            "--no-shuffle",
            "--count",
            "3",
            "--time-limit",
            "10m",
            "--pass-mark",
            "50",
            "--scoring",
            "partial",
        ])
        .stdin("B\nB\nA\n")
        .run()
        .status(0)
        // 50 % on 100–900 is 500.
        .stdout_has("Exam · 3 questions · 10:00 · pass at 500 on 100–900\n")
        .stdout_has("Score: 2/3 (66.7%), partial scoring\n")
        .stdout_has("Result: PASS: scaled score 633 (scale 100–900, pass at 500)\n");
}

#[test]
fn practice_on_a_blueprint_draws_by_domain_without_a_verdict() {
    exam_test()
        .args(&[
            "run",
            "--blueprint",
            "exam.yaml",
            "--mode",
            "practice",
            "--no-shuffle",
        ])
        .stdin("B\n")
        .run()
        .status(0)
        .stdout_has("Mock TLS exam\nPractice · 5 questions\n")
        .stdout_has("✓ Correct: B.")
        .stdout_has("By domain, weakest first:\n  Handshake  1/1   100%\n")
        .stdout_lacks("Result:")
        .stdout_lacks("left");
}

#[test]
fn a_domain_short_of_questions_stops_before_the_exam() {
    exam_test()
        .args(&["run", "--blueprint", "exam.yaml", "--count", "10"])
        .run()
        .status(1)
        .stdout_lacks("Question 1")
        .stderr_has("quiz: domain `Handshake` has 5 questions (tagged handshake) and needs 6: its 60% of 10\n")
        .stderr_has("lower `count` (or --count)");
}

#[test]
fn domains_short_between_them_are_named_together() {
    // Each domain alone has its 3, but they share the same 4 questions.
    let mut shared = String::from("questions:\n");
    for i in 1..=4 {
        shared.push_str(&question(&format!("s{i}"), "a, b"));
    }
    Test::new()
        .file("bank.yaml", &shared)
        .file(
            "exam.yaml",
            "count: 6\nbanks: bank.yaml\ndomains:\n  - {name: A, tags: [a], weight: 50}\n  - {name: B, tags: [b], weight: 50}\n",
        )
        .args(&["run", "--blueprint", "exam.yaml"])
        .run()
        .status(1)
        .stderr_has("quiz: domains `A` and `B` share their questions: between them they have 4 and need 6 (3 + 3) for an exam of 6\n");
}

#[test]
fn a_bad_blueprint_is_refused_at_its_line() {
    let bad = EXAM
        .replace("weight: 40", "weight: 30")
        .replace("time_limit: 30m", "time_limit: 30");
    let t = exam_test().file("bad.yaml", &bad);
    t.run_with(&["run", "--blueprint", "bad.yaml"], "")
        .status(1)
        .stdout_lacks("Question 1")
        .stderr_has("bad.yaml:3:13: error: `time_limit` needs a unit: write 30m for minutes, or 1h30m, 45s [invalid-duration]\n")
        .stderr_has("bad.yaml:7:3: error: the domains' weights add up to 90, not 100 [weights-not-100]\n")
        .stderr_has("quiz: the blueprint has errors; fix them first (`quiz check bad.yaml` shows the same list)\n");
    let out = t.run_with(&["check", "bad.yaml"], "");
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "bad.yaml:3:13: error: `time_limit` needs a unit: write 30m for minutes, or 1h30m, 45s [invalid-duration]",
            "bad.yaml:7:3: error: the domains' weights add up to 90, not 100 [weights-not-100]",
        ]
    );
    t.run_with(&["run", "--blueprint", "missing.yaml"], "")
        .status(2)
        .stderr_has("quiz: missing.yaml: no such file or directory");
    t.run_with(&["run", "--blueprint", "banks/tls.yaml"], "")
        .status(1)
        .stderr_has("banks/tls.yaml:1:1: error: this is a question bank (it has `questions`), not an exam blueprint");
}

#[test]
fn check_knows_a_blueprint_in_a_folder_of_banks() {
    let t = exam_test();
    // The test bank's questions differ only in their ids and tags.
    t.run_with(&["check", "--strict", "--allow", "near-duplicate", "."], "")
        .status(0)
        .stdout_is("2 files, 10 questions: 0 errors, 0 warnings\n");
    // A run over the folder takes the bank and leaves the blueprint alone.
    t.run_with(&["run", ".", "--count", "1", "--no-shuffle"], "B\n")
        .status(0)
        .stdout_has("Score: 1/1");
    // Given alone as a bank, it says how to run it.
    t.run_with(&["run", "exam.yaml"], "")
        .status(2)
        .stderr_has("quiz: exam.yaml is an exam blueprint, not a bank: run it with `quiz run --blueprint exam.yaml`\n");
}

#[test]
fn check_looks_up_banks_and_tags() {
    let blueprint = "count: 4
banks: [banks, nowhere]
domains:
  - name: Handshake
    tags: [handshake, handshakes]
    weight: 50
  - name: Records
    tags: [recod]
    weight: 49
  - name: Rare
    tags: [attacks]
    weight: 1
";
    let t = exam_test().file("plan.yaml", blueprint);
    let out = t.run_with(&["check", "plan.yaml"], "");
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "plan.yaml:2:16: error: bank `nowhere` (nowhere): no such file or folder; `banks` paths start from the blueprint's folder [bank-not-found]"
        ]
    );
    let fixed = blueprint.replace(", nowhere", "");
    let t = t.file("plan.yaml", &fixed);
    let out = t.run_with(&["check", "plan.yaml"], "");
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "plan.yaml:5:23: warning: no question has the tag `handshakes`; did you mean `handshake`? [unknown-tag]",
            "plan.yaml:7:11: error: domain `Records` picks no question: none has the tag `recod`; did you mean `record`? [empty-domain]",
            "plan.yaml:12:13: warning: domain `Rare` gets no question in an exam of 4: its 1% is less than one question [empty-share]",
        ]
    );
    let t = t.file(
        "plan.yaml",
        &fixed
            // Tags match without regard to case.
            .replace("[recod]", "[RECORD]")
            .replace("count: 4", "count: 20"),
    );
    let out = t.run_with(&["check", "plan.yaml"], "");
    assert!(
        out.stdout.contains("plan.yaml:7:11: error: domain `Records` has 4 questions (tagged RECORD) and needs 10: its 49% of 20 [domain-too-small]"),
        "{}",
        out.stdout
    );
}

#[test]
fn relative_banks_start_from_the_blueprint_folder() {
    Test::new()
        .file("banks/tls.yaml", &bank())
        .file("exams/exam.yaml", &EXAM.replace("[banks]", "[../banks]"))
        .args(&["run", "--blueprint", "exams/exam.yaml", "--no-shuffle"])
        .stdin("B\n")
        .run()
        .status(0)
        .stdout_has("Question 1 of 5");
}

#[test]
fn readiness_by_domain_from_the_history() {
    let t = exam_test();
    let stats = |args: &[&str]| {
        let mut all = vec!["stats", "--blueprint", "exam.yaml"];
        all.extend_from_slice(args);
        t.run_with(&all, "")
    };
    stats(&[])
        .status(0)
        .stdout_has("Mock TLS exam: readiness by domain, weakest first\n")
        .stdout_has("Overall: not known until every domain has answers")
        .stdout_has("Not yet: the pass mark is 75%. Held back by Handshake (no answers yet), Record layer (no answers yet).\n");
    // Every question of both domains, all right: 8 of 8.
    t.run_with(
        &[
            "run",
            "banks",
            "--tag",
            "handshake",
            "--tag",
            "record",
            "--no-shuffle",
        ],
        "B\nB\nB\nB\nB\nB\nB\nB\n",
    )
    .status(0);
    let json = stats(&["--json"]);
    json.status(0);
    let r = json.json();
    assert_eq!(r["estimate"], 100.0);
    // Wilson at 90 % for 5 of 5: 1.6449² = 2.7057, and 5 / 7.7057 = 64.9 %.
    let handshake = &r["domains"][1];
    assert_eq!(handshake["name"], "Handshake");
    assert_eq!(handshake["seen"], 5);
    assert_eq!(handshake["unseen"], 0);
    assert_eq!(handshake["lower"], 64.9);
    // 4 of 4: 4 / 6.7057 = 59.7 %, the weakest.
    assert_eq!(r["domains"][0]["name"], "Record layer");
    assert_eq!(r["domains"][0]["lower"], 59.7);
    // Overall: n = 1 / (0.6²/5 + 0.4²/4) = 8.93 answers' worth, so the lower
    // bound is 8.93 / 11.63 = 76.7 %, over the pass mark (700 is 75 %).
    assert_eq!(r["lower"], 76.7);
    assert_eq!(r["pass_mark"], 75.0);
    assert_eq!(r["ready"], true);
    assert_eq!(r["holding_back"], json!([]));
    stats(&[])
        .status(0)
        .stdout_has("Ready: the lower bound 76.7% clears the pass mark 75%.\n");
    // A higher pass mark needs more evidence than two small domains can give.
    let t = t.file("exam.yaml", &EXAM.replace("pass: 700", "pass: 800"));
    t.run_with(&["stats", "--blueprint", "exam.yaml"], "")
        .status(0)
        .stdout_has("Not yet: the lower bound 76.7% is below the pass mark 87.5%. Too little evidence to be sure in Record layer (4 of 4 seen), Handshake (5 of 5 seen).\n");
    // A wrong answer puts its domain below the pass mark: it holds it back.
    // (`both`, first, stays right; rec1 is now wrong.)
    t.run_with(
        &[
            "run",
            "banks",
            "--tag",
            "record",
            "--no-shuffle",
            "--count",
            "2",
        ],
        "B\nA\n",
    )
    .status(0);
    let r = t
        .run_with(&["stats", "--blueprint", "exam.yaml", "--json"], "")
        .json();
    assert_eq!(r["ready"], false);
    assert_eq!(r["holding_back"], json!(["Record layer"]));
}

#[test]
fn the_shipped_blueprint_checks_and_sits() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/blueprints/tls.yaml");
    Test::new()
        .args(&["check", "--strict", path])
        .run()
        .status(0);
    let out = Test::new()
        .args(&[
            "run",
            "--blueprint",
            path,
            "--seed",
            "3",
            "--report",
            "r.json",
        ])
        // Every question left unanswered (an empty line), whatever its kind.
        .stdin(&"\n".repeat(40))
        .run();
    out.status(0)
        .stdout_has(
            "TLS practitioner (mock)\nExam · 40 questions · 1:00:00 · pass at 750 on 100–900\n",
        )
        .stdout_has("Question 40 of 40");
    let report = report(&out);
    let questions = report["questions"].as_array().expect("questions");
    let count = |domain: &str| questions.iter().filter(|q| q["domain"] == domain).count();
    assert_eq!(
        [
            count("Handshakes (TLS 1.2 and 1.3)"),
            count("TLS 1.3 and its key schedule"),
            count("Record layer and cipher suites"),
            count("Extensions"),
            count("Known attacks"),
            count("Secure configuration"),
        ],
        [10, 8, 6, 4, 6, 6]
    );
}

#[test]
fn the_blueprint_schema_takes_the_shipped_blueprint() {
    let out = Test::new().args(&["schema", "--blueprint"]).run();
    out.status(0);
    let validator = jsonschema::validator_for(&out.json()).expect("a valid JSON Schema");
    let shipped = include_str!("../../blueprints/tls.yaml");
    let as_json = |text: &str| -> serde_json::Value { serde_saphyr::from_str(text).expect("YAML") };
    let errors: Vec<String> = validator
        .iter_errors(&as_json(shipped))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(validator.is_valid(&as_json(EXAM)));
    assert!(!validator.is_valid(&as_json(&EXAM.replace("count:", "cuont:"))));
    assert!(
        !validator.is_valid(&as_json(&format!("{EXAM}pass_mark: 80\n"))),
        "pass_mark and scale, not both"
    );
    // Editors read schema/quiz-blueprint.schema.json (the modeline atop
    // blueprints/tls.yaml); regenerate it with
    // `quiz schema --blueprint > schema/quiz-blueprint.schema.json`.
    out.stdout_is(include_str!("../../schema/quiz-blueprint.schema.json"));
}

#[test]
fn readiness_counts_no_question_an_exam_never_opened() {
    let t = exam_test();
    // A mock exam of five: the first answered, then the input ends; the other
    // four are submitted unanswered, and of them only the second was shown.
    let out = t.run_with(
        &[
            "run",
            "--blueprint",
            "exam.yaml",
            "--seed",
            "1",
            "--report",
            "r.json",
        ],
        "B\n",
    );
    out.status(0);
    let asked = ids(&report(&out));
    let r = t
        .run_with(&["stats", "--blueprint", "exam.yaml", "--json"], "")
        .json();
    let seen: u64 = r["domains"]
        .as_array()
        .expect("domains")
        .iter()
        .map(|d| d["seen"].as_u64().unwrap_or(0))
        .sum();
    // The two shown, each in every domain its tags put it in (`both` in two).
    let domains = |id: &str| if id == "both" { 2 } else { 1 };
    assert_eq!(
        seen,
        domains(&asked[0]) + domains(&asked[1]),
        "{asked:?}\n{r}"
    );
}
