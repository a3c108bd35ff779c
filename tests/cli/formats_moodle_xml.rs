//! Moodle XML of every kind through the real binary: Moodle's shapes of a
//! match, short answer, numerical, essay and ordering question imported (what
//! quiz cannot hold named at its line, a broken question skipped with an error
//! and the rest imported), and choices that are only pictures kept apart.

use super::Test;

const KINDS: &str = include_str!("../fixtures/formats/moodle-xml/kinds.xml");

#[test]
fn every_kind_of_moodle_question_imports_and_a_broken_one_is_skipped() {
    let test = Test::new().file("kinds.xml", KINDS);
    let out = test.run_with(&["import", "kinds.xml", "-o", "bank.yaml"], "");
    out.status(1)
        .stderr_has("kinds.xml:45: warning: feedback on one answer is dropped")
        .stderr_has("kinds.xml:51: warning: the answer `host name` is worth 50% and is dropped")
        .stderr_has("kinds.xml:74: warning: its units are dropped")
        .stderr_has("kinds.xml:82: error: skipped a question of type `numerical`: its answer `many` at line 85 is not a number\n")
        .stderr_has("kinds.xml:101: warning: its response template is dropped")
        .stderr_has("quiz: imported 5 questions into bank.yaml\n")
        .stderr_has("quiz: 1 question was skipped with an error (above); the others were imported\n");
    let bank = out.read("bank.yaml");
    for part in [
        "    kind: match\n    question: Match each TLS 1.3 message with what protects it.\n    pairs:\n      - ClientHello: nothing\n",
        "    extra:\n      - the early traffic keys\n",
        "    kind: text\n    question: Which extension carries the host name?\n    answer: [server_name, SNI]\n    case: sensitive\n",
        "    kind: number\n    question: What is the largest fragment a record may carry?\n    answer: \"16384\"\n",
        "    kind: open\n",
        "    answer: So that an observer cannot see which certificate, and so which server, the client reached.\n    explanation: RFC 8446 §1.2.\n",
        "    kind: order\n    question: In what order does a TLS 1.2 client send these?\n    items:\n      - ClientHello\n      - ClientKeyExchange\n      - ChangeCipherSpec\n      - Finished\n",
    ] {
        assert!(bank.contains(part), "{part:?} in\n{bank}");
    }
    test.run_with(&["check", "bank.yaml"], "")
        .status(0)
        .stdout_has("5 questions: 0 errors");
    // And back: Moodle XML again, then quiz's format, the same bank.
    test.run_with(
        &[
            "export",
            "--to",
            "moodle-xml",
            "bank.yaml",
            "-o",
            "again.xml",
        ],
        "",
    )
    .status(0);
    let again = test.run_with(&["import", "again.xml", "-o", "again.yaml"], "");
    again.status(0);
    assert_eq!(again.read("again.yaml"), bank);
}

/// Choices that are only pictures (`<img>` with no alt text) read as their
/// file names, so that two pictures are two choices, not one repeated.
#[test]
fn choices_that_are_only_pictures_stay_apart() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>argand</text></name>
    <questiontext format="html"><text>Which diagram shows 1 + i?</text></questiontext>
    <single>true</single>
    <answer fraction="100" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/argand1.png" alt="">]]></text></answer>
    <answer fraction="0" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/argand2.png" alt="">]]></text></answer>
  </question>
</quiz>
"#;
    let out = Test::new()
        .file("pictures.xml", xml)
        .args(&["import", "pictures.xml"])
        .run();
    out.status(0)
        .stdout_has("      - \"[image: argand1.png]\"\n      - \"[image: argand2.png]\"\n")
        .stderr_has("embeds");
}
