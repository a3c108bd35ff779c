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
