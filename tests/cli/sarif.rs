//! `quiz check --format sarif`: SARIF 2.1.0 that validates against the schema's
//! parts we use (tests/fixtures/sarif), with every rule described and each result
//! at its file's relative URI, line and column.

use super::{Test, bank};

fn schema() -> jsonschema::Validator {
    let text = include_str!("../fixtures/sarif/sarif-2.1.0-subset.schema.json");
    let schema: serde_json::Value = serde_json::from_str(text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("a valid JSON Schema")
}

fn assert_valid(doc: &serde_json::Value) {
    let errors: Vec<String> = schema()
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{doc:#}");
}

#[test]
fn diagnostics_become_results_at_their_file_line_and_column() {
    let broken = bank(&["a"]).replace("answer: B", "answer: Z").replace(
        "    explanation: The ServerHello carries the single suite the server selected.\n",
        "",
    );
    let out = Test::new()
        .file("banks/tls 1.yaml", &broken)
        .args(&["check", "--format", "sarif", "./banks"])
        .run();
    out.status(1);
    let doc = out.json();
    assert_valid(&doc);
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "quiz");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    for code in [
        "syntax",
        "unknown-key",
        "answer-out-of-range",
        "missing-explanation",
    ] {
        assert!(ids.contains(&code), "{code} is described: {ids:?}");
    }
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 2, "{results:#?}");
    let error = &results[1];
    assert_eq!(error["ruleId"], "answer-out-of-range");
    assert_eq!(error["level"], "error");
    let rule = &rules[error["ruleIndex"].as_u64().expect("ruleIndex") as usize];
    assert_eq!(rule["id"], "answer-out-of-range");
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    assert!(
        rule["shortDescription"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    let place = &error["locations"][0]["physicalLocation"];
    assert_eq!(place["artifactLocation"]["uri"], "banks/tls%201.yaml");
    assert_eq!(place["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(place["region"]["startLine"], 6);
    assert_eq!(place["region"]["startColumn"], 13);
    assert_eq!(results[0]["level"], "warning");
    assert!(
        error["message"]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("answer `Z` names no choice"))
    );
}

#[test]
fn a_clean_bank_has_no_results() {
    let out = Test::new()
        .file("bank.yaml", &bank(&["a"]))
        .args(&["check", "--format", "sarif", "bank.yaml"])
        .run();
    out.status(0);
    let doc = out.json();
    assert_valid(&doc);
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn the_schema_catches_what_sarif_forbids() {
    // The fixture is not a schema that accepts everything.
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]});
    assert!(!schema().is_valid(&bad), "a driver needs a name");
    let bad = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "q"}},
        "results": [{"message": {"text": "m"}, "level": "fatal"}]}]});
    assert!(!schema().is_valid(&bad), "level is an enumeration");
}

/// Runs `quiz check --format sarif` with `args` in the test's folder `dir`.
fn sarif_in(t: &Test, dir: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["check", "--format", "sarif"];
    all.extend_from_slice(args);
    let mut cmd = t.command_with(&all);
    cmd.current_dir(t.path(dir));
    let out = t.finish(cmd, "");
    let doc = out.json();
    assert_valid(&doc);
    doc
}

/// The URI and base of every result's file, each once.
fn uris(doc: &serde_json::Value) -> Vec<(String, String)> {
    doc["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let at = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                at["uri"].as_str().unwrap_or("none").to_owned(),
                at["uriBaseId"].as_str().unwrap_or("none").to_owned(),
            )
        })
        .fold(Vec::new(), |mut seen, uri| {
            if !seen.contains(&uri) {
                seen.push(uri);
            }
            seen
        })
}

fn unexplained(id: &str) -> String {
    bank(&[id]).replace(
        "    explanation: The ServerHello carries the single suite the server selected.\n",
        "",
    )
}

#[test]
fn uris_are_relative_to_the_repository_however_the_path_is_given() {
    let t = Test::new()
        .file("repo/.git/HEAD", "ref: refs/heads/main\n")
        .file("repo/banks/tls 1.yaml", &unexplained("a"));
    let expected = vec![("banks/tls%201.yaml".to_owned(), "%SRCROOT%".to_owned())];
    let absolute = t.path("repo/banks").display().to_string();
    for (dir, path) in [
        ("repo/banks", "."),
        ("repo/banks", "tls 1.yaml"),
        ("repo", "banks"),
        ("repo", "./banks/../banks/tls 1.yaml"),
        (".", "repo/banks"),
        (".", absolute.as_str()),
    ] {
        assert_eq!(
            uris(&sarif_in(&t, dir, &[path])),
            expected,
            "{path} in {dir}"
        );
    }
}

#[test]
fn a_linked_worktree_is_a_repository_and_root_names_another() {
    let t = Test::new()
        .file("repo/.git/HEAD", "ref: refs/heads/main\n")
        .file("repo/wt/.git", "gitdir: ../.git/worktrees/wt\n")
        .file("repo/wt/banks/a.yaml", &unexplained("a"));
    assert_eq!(
        uris(&sarif_in(&t, "repo", &["wt/banks"])),
        vec![("banks/a.yaml".to_owned(), "%SRCROOT%".to_owned())]
    );
    assert_eq!(
        uris(&sarif_in(&t, "repo/wt/banks", &["--root", "../..", "."])),
        vec![("wt/banks/a.yaml".to_owned(), "%SRCROOT%".to_owned())]
    );
}

#[test]
fn outside_a_repository_uris_are_relative_to_the_working_directory() {
    let t = Test::new()
        .file("banks/a.yaml", &unexplained("a"))
        .file("other/b.yaml", &unexplained("b"));
    let absolute = t.path("banks/a.yaml").display().to_string();
    let doc = sarif_in(&t, "other", &[&absolute, "b.yaml"]);
    assert_eq!(
        uris(&doc),
        vec![
            ("../banks/a.yaml".to_owned(), "%SRCROOT%".to_owned()),
            ("b.yaml".to_owned(), "%SRCROOT%".to_owned()),
        ]
    );
}

#[test]
fn a_missing_root_is_refused_with_a_log_that_says_so() {
    let t = Test::new().file("a.yaml", &bank(&["a"]));
    let out = t.run_with(
        &["check", "--format", "sarif", "--root", "nowhere", "a.yaml"],
        "",
    );
    out.status(2).stderr_has("--root nowhere: no such folder");
    let doc = out.json();
    assert_valid(&doc);
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn a_check_that_cannot_run_still_writes_a_log_that_says_why() {
    let out = Test::new()
        .args(&["check", "--format", "sarif", "nosuch"])
        .run();
    out.status(2)
        .stderr_has("nosuch: no such file or directory");
    let doc = out.json();
    assert_valid(&doc);
    let invocation = &doc["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(
        notes[0]["message"]["text"],
        "nosuch: no such file or directory"
    );
    assert!(doc["runs"][0].get("results").is_none());
}

#[test]
fn a_check_that_ran_says_so() {
    let out = Test::new()
        .file("a.yaml", &unexplained("a"))
        .args(&["check", "--format", "sarif", "a.yaml"])
        .run();
    out.status(0);
    let invocation = &out.json()["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], true);
    assert_eq!(
        invocation["toolExecutionNotifications"],
        serde_json::json!([])
    );
}

#[test]
fn past_25000_results_the_most_severe_are_kept_and_the_rest_counted() {
    // 8,400 questions with three warnings each (no explanation, no references, a
    // negative stem), then one with an error: 25,201 diagnostics.
    let mut text = String::from("questions:\n");
    for i in 0..8_400 {
        text.push_str(&format!(
            "  - id: q{i}\n    question: Which cipher number {i} is not in use?\n    choices: [a{i}, b{i}]\n    answer: A\n"
        ));
    }
    text.push_str("  - id: last\n    question: Which one?\n    choices: [a, b]\n    answer: C\n    explanation: x\n    references: [{rfc: 1}]\n");
    let out = Test::new()
        .file("big.yaml", &text)
        .args(&[
            "check",
            "--format",
            "sarif",
            "--allow",
            "near-duplicate",
            "big.yaml",
        ])
        .run();
    out.status(1);
    let doc = out.json();
    assert_valid(&doc);
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 25_000);
    let last = results.last().expect("a result");
    assert_eq!(last["ruleId"], "answer-out-of-range", "the error is kept");
    let notes = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notes.len(), 1, "{notes:#?}");
    let text = notes[0]["message"]["text"].as_str().expect("a message");
    assert!(
        text.starts_with("201 results left out: GitHub code scanning takes at most 25000 results"),
        "{text}"
    );
}
