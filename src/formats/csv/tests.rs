use super::*;
use crate::formats::{Kind, import};

fn read(text: &str) -> Result<crate::formats::Imported, Diagnostic> {
    import(Kind::Csv, "bank.csv", text).map_err(|f| f.error)
}

#[test]
fn columns_are_found_by_name_in_any_order() {
    let text = "answer;B;question;A;tags;id\nB;Two;Which?;One;x, y z;q1\n";
    let imported = read(text).map_err(|d| d.message);
    let bank = imported.map(|i| i.bank);
    let q = &bank
        .as_ref()
        .map(|b| b.questions.clone())
        .unwrap_or_default()[0];
    assert_eq!(q.id.value, "q1");
    assert_eq!(q.question.value, "Which?");
    assert_eq!(q.as_choice().correct(), [1]);
    let tags: Vec<&str> = q.tags.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(tags, ["x", "y z"]);
    assert_eq!(q.question.pos, Pos::new(2, 3));
}

#[test]
fn a_missing_required_column_is_named() {
    let err = read("question,A,C,answer\nQ?,a,c,A\n")
        .err()
        .map(|d| (d.line, d.message));
    let (line, message) = err.unwrap_or_default();
    assert_eq!(line, 1);
    assert!(message.contains("no `B` column"), "{message}");
    let err = read("id,A,B\n")
        .err()
        .map(|d| d.message)
        .unwrap_or_default();
    assert!(err.contains("no `question`, `answer` columns"), "{err}");
}

#[test]
fn references_take_three_forms() {
    let text = "question,A,B,answer,references\n\
                    Q?,a,b,A,\"RFC 8446 §4.1.3\nhttps://example.org/x\nTLS: https://example.org/tls\nnonsense\"\n";
    let imported = read(text).unwrap_or_else(|d| panic!("{}", d.message));
    let refs: Vec<String> = imported.bank.questions[0]
        .references
        .iter()
        .map(|r| format!("{} {}", r.label(), r.link()))
        .collect();
    assert_eq!(
        refs,
        [
            "RFC 8446 §4.1.3 https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3",
            "https://example.org/x https://example.org/x",
            "TLS https://example.org/tls"
        ]
    );
    assert!(imported.warnings[0].message.contains("\"nonsense\""));
}

#[test]
fn an_empty_answer_is_kept_and_reported() {
    let imported =
        read("question,A,B,answer\nQ?,a,b,\n").unwrap_or_else(|d| panic!("{}", d.message));
    assert!(
        imported.bank.questions[0]
            .as_choice()
            .answer
            .value
            .is_empty()
    );
    assert!(imported.warnings[0].is_error());
    assert!(imported.warnings[0].message.starts_with("no answer given"));
}

#[test]
fn gaps_and_bad_letters_skip_the_row() {
    let text = "question,A,B,C,answer\nQ1?,a,,c,A\nQ2?,a,b,,D\nQ3?,a,b,,A\n";
    let imported = read(text).unwrap_or_else(|d| panic!("{}", d.message));
    assert_eq!(imported.bank.questions.len(), 1);
    let messages: Vec<(u32, &str)> = imported
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert!(
        messages[0].1.contains("choice B is empty while C is not"),
        "{messages:?}"
    );
    assert_eq!(messages[1].0, 3);
    assert!(
        messages[1].1.contains("answer `D` names no choice"),
        "{messages:?}"
    );
    assert!(imported.warnings.iter().all(|w| w.is_error()));
}

#[test]
fn letters_are_read_in_every_spelling() {
    assert_eq!(letters("A, C"), Some(vec![0, 2]));
    assert_eq!(letters("ac"), Some(vec![0, 2]));
    assert_eq!(letters("B;D"), Some(vec![1, 3]));
    assert_eq!(letters("A1"), None);
}

#[test]
fn formulas_are_guarded_and_read_back_exactly() {
    for text in [
        "=1+1", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx", "'=x", "'quoted", "''",
    ] {
        assert_eq!(unguard(&guard(text.to_owned())), text, "{text:?}");
        assert!(guard(text.to_owned()).starts_with('\''), "{text:?}");
    }
    for text in ["plain", "a=b", "'Tis", "x-y"] {
        assert_eq!(unguard(text), text);
    }
    assert_eq!(guard("plain".to_owned()), "plain");
    let bank = "questions:
  - id: q1
    question: \"=HYPERLINK(\\\"http://x\\\",\\\"y\\\")\"
    choices: [\"+1\", \"-1\", \"@x\", \"'=y\"]
    answer: B
    explanation: \"=2+2 is four\"
    tags: [\"-t\"]
";
    let mut diags = Vec::new();
    let banks: Vec<Bank> = crate::bank::read_bank("b.yaml", bank.as_bytes(), &mut diags)
        .into_iter()
        .collect();
    assert!(diags.is_empty(), "{diags:?}");
    let csv = crate::formats::export(Kind::Csv, &banks)
        .text()
        .into_owned();
    let row = csv.lines().nth(1).unwrap_or_default();
    assert!(
        row.starts_with("q1,\"'=HYPERLINK(") && row.contains(",'+1,'-1,'@x,''=y,"),
        "{row}"
    );
    let back = read(&csv).unwrap_or_else(|d| panic!("{}", d.message));
    let q = &back.bank.questions[0];
    assert_eq!(q.question.value, "=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(crate::formats::testing::texts(q), ["+1", "-1", "@x", "'=y"]);
    assert_eq!(
        q.explanation.as_ref().map(|e| e.value.as_str()),
        Some("=2+2 is four")
    );
    assert_eq!(q.tags[0].value, "-t");
}
