//! What authors use besides `check`: `schema`, `list` and `show`.

use super::{Test, bank};

fn schema() -> jsonschema::Validator {
    let out = Test::new().args(&["schema"]).run();
    out.status(0);
    jsonschema::validator_for(&out.json()).expect("a valid JSON Schema")
}

fn yaml_to_json(text: &str) -> serde_json::Value {
    serde_saphyr::from_str(text).expect("YAML")
}

#[test]
fn every_shipped_bank_satisfies_the_schema() {
    let validator = schema();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/questions");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("questions/") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let errors: Vec<String> = validator
            .iter_errors(&yaml_to_json(&text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        checked += 1;
    }
    assert!(checked >= 5);
}

#[test]
fn the_schema_describes_each_kind_as_its_own_branch() {
    let validator = schema();
    let every = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/kinds/every-kind.yaml"
    ))
    .expect("the fixture");
    let errors: Vec<String> = validator
        .iter_errors(&yaml_to_json(&every))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let order = "questions:\n  - id: o\n    kind: order\n    question: Q?\n    items: [a, b, c]\n";
    assert!(validator.is_valid(&yaml_to_json(order)));
    // Keys of another kind, and too few items, fail as `check` fails them.
    for bad in [
        order.replace("    items:", "    choices: [x, y]\n    items:"),
        order.replace("    kind: order\n", ""),
        order.replace("[a, b, c]", "[a, b]"),
        order.replace("kind: order", "kind: ordering"),
    ] {
        assert!(!validator.is_valid(&yaml_to_json(&bad)), "{bad}");
    }
}

#[test]
fn the_schema_rejects_what_check_rejects() {
    let validator = schema();
    let good = yaml_to_json(&bank(&["a"]));
    assert!(validator.is_valid(&good));
    let unknown_key = yaml_to_json(&bank(&["a"]).replace("explanation:", "explaination:"));
    assert!(
        !validator.is_valid(&unknown_key),
        "an unknown key fails the schema"
    );
    let one_choice = yaml_to_json(&bank(&["a"]).replace(
        "[ClientHello, ServerHello, Finished, Certificate]",
        "[ClientHello]",
    ));
    assert!(!validator.is_valid(&one_choice));
    let both = yaml_to_json(&bank(&["a"]).replace(
        "      - rfc: 5246\n",
        "      - rfc: 5246\n        url: https://x.example\n",
    ));
    assert!(
        !validator.is_valid(&both),
        "a reference is rfc or url, not both"
    );
}

#[test]
fn the_schema_accepts_the_shapes_check_accepts() {
    let text = "title: Shapes
questions:
  - id: 42
    question: Which key size?
    choices:
      - 1024
      - text: 2048
        why: The usual minimum.
      - text: None of these
        pin: true
    answer: [b]
    multi: true
    references:
      - rfc: 7525
        section: 10.10
      - url: https://example.org
    tags: [2015]
";
    Test::new()
        .file("b.yaml", text)
        .args(&["check", "b.yaml"])
        .run()
        .status(0);
    let errors: Vec<String> = schema()
        .iter_errors(&yaml_to_json(text))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn list_shows_banks_then_tags() {
    Test::new()
        .file("banks/a.yaml", &bank(&["a1", "a2"]))
        .file(
            "banks/b.yaml",
            &bank(&["b1"]).replace("title: Test bank", "title: Other"),
        )
        .args(&["list", "banks"])
        .run()
        .status(0)
        .stdout_is(
            "banks/a.yaml    2 questions  Test bank\n\
             banks/b.yaml    1 question   Other\n\
             2 banks, 3 questions\n\
             \n\
             Tags:\n  handshake    3\n",
        );
}

#[test]
fn list_the_built_in_bank() {
    Test::new()
        .args(&["list"])
        .run()
        .status(0)
        .stdout_has("6 banks, 93 questions")
        .stdout_has("  tls13 ");
}

#[test]
fn show_one_question_for_review() {
    let text = bank(&["a"]).replace(
        "choices: [ClientHello, ServerHello, Finished, Certificate]",
        "choices:\n      - ClientHello\n      - text: ServerHello\n        why: It names the chosen suite.\n      - Finished\n      - Certificate",
    );
    Test::new()
        .file("b.yaml", &text)
        .args(&["show", "a", "b.yaml"])
        .run()
        .status(0)
        .stdout_is(
            "a  b.yaml:3 · one answer\n\
             tags: handshake\n\
             \n\
             Which message carries the server's chosen cipher suite?\n\
             \x20 A) ClientHello\n\
             ✓ B) ServerHello\n\
             \x20    It names the chosen suite.\n\
             \x20 C) Finished\n\
             \x20 D) Certificate\n\
             \n\
             Answer: B\n\
             \n\
             Explanation:\n\
             \x20 The ServerHello carries the single suite the server selected.\n\
             \n\
             References:\n\
             \x20 RFC 5246 §7.4.1.3 Server Hello: https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3\n",
        );
}

#[test]
fn show_suggests_a_near_id() {
    Test::new()
        .args(&["show", "tls12-finished-fact"])
        .run()
        .status(1)
        .stderr_has("quiz: no question has the id `tls12-finished-fact`; did you mean `tls12-finished-facts`?");
}

#[test]
fn the_committed_schema_is_current() {
    // Editors read schema/quiz-bank.schema.json (see the modeline atop each file in
    // questions/); regenerate it with `quiz schema > schema/quiz-bank.schema.json`.
    let committed = include_str!("../../schema/quiz-bank.schema.json");
    Test::new()
        .args(&["schema"])
        .run()
        .status(0)
        .stdout_is(committed);
}
