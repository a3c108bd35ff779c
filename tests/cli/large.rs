//! Large banks and imports: no fixed count of questions or values is refused below
//! the 16 MiB cap on a bank file, and YAML tags mean what they say.

use super::Test;

/// Questions as compact as a generated bank writes them: about 60 bytes each.
fn compact_bank(questions: usize) -> String {
    let mut text = String::from("questions:\n");
    for i in 0..questions {
        text.push_str(&format!(
            "- {{id: q{i}, question: Q{i}?, choices: [a{i}, b{i}], answer: A}}\n"
        ));
    }
    text
}

#[test]
fn a_bank_of_23000_questions_is_checked() {
    // 11 values a question: 253,000 in all, over serde-saphyr's default of 250,000.
    let bank = compact_bank(23_000);
    Test::new()
        .file("big.yaml", &bank)
        .args(&["check", "big.yaml", "--format", "json"])
        .run()
        .status(0)
        .stdout_has("\"questions\": 23000")
        .stdout_lacks("\"severity\": \"error\"");
}

#[test]
fn an_import_of_23000_questions_passes_check() {
    let mut gift = String::new();
    for i in 0..23_000 {
        gift.push_str(&format!("::q{i}:: What is {i}? {{=a{i} ~b{i} ~c{i}}}\n\n"));
    }
    let test = Test::new().file("big.gift", &gift);
    test.run_with(
        &["import", "--from", "gift", "big.gift", "-o", "big.yaml"],
        "",
    )
    .status(0)
    .stderr_has("imported 23000 questions into big.yaml");
    test.run_with(&["check", "big.yaml"], "")
        .status(0)
        .stdout_has("23000 questions: 0 errors");
}

#[test]
fn a_tagged_rfc_number_is_the_number() {
    let bank = "questions:
  - id: tagged
    question: Which message carries the suite the server chose?
    choices: [ClientHello, ServerHello]
    answer: B
    explanation: The ServerHello carries the one suite the server selected.
    references:
      - rfc: !!int \"5246\"
        section: !!str 7.4.1.3
    multi: !!bool \"false\"
";
    Test::new()
        .file("bank.yaml", bank)
        .args(&["check", "--strict", "bank.yaml"])
        .run()
        .status(0)
        .stdout_is("1 file, 1 question: 0 errors, 0 warnings\n");
}

#[test]
fn a_tag_a_bank_cannot_use_says_to_quote_the_text() {
    let out = Test::new()
        .file(
            "bank.yaml",
            "questions:\n  - id: a\n    question: !Important read the RFC\n    choices: [x, y]\n    answer: A\n",
        )
        .args(&["check", "bank.yaml"])
        .run();
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "bank.yaml:3:26: error: `!Important` is a YAML tag, which a bank does not use; if it is part of the text, put the text in quotes [syntax]"
        ]
    );
}
