//! `quiz check`'s content lint through the binary: codes, paths and lines as
//! `--format json` gives them, the RFC folder, and `--allow`/`--deny`.

use super::{Test, bank};
use serde_json::Value;

/// The RFC excerpts kept for these tests.
const RFC_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/rfc");

/// A bank of one question, written out in full.
fn one(id: &str, stem: &str, choices: &str, answer: &str, rest: &str) -> String {
    format!(
        "questions:
  - id: {id}
    question: {stem}
    choices: {choices}
    answer: {answer}
    explanation: The server picks one suite from the client's list.
{rest}"
    )
}

/// (code, path, line, column) of each diagnostic, and the JSON.
fn findings(out: &super::Outcome) -> (Vec<(String, String, u64, u64)>, Value) {
    let json = out.json();
    let list = json["diagnostics"]
        .as_array()
        .expect("a list of diagnostics")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["path"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    (list, json)
}

fn check_json(files: &[(&str, &str)], extra: &[&str]) -> super::Outcome {
    let mut test = Test::new();
    for (name, text) in files {
        test = test.file(name, text);
    }
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    args.extend(files.iter().map(|(n, _)| *n));
    test.args(&args).run()
}

fn refs(rfc: u32, section: &str, title: &str) -> String {
    format!(
        "    references:\n      - rfc: {rfc}\n        section: \"{section}\"\n        title: {title}\n"
    )
}

#[test]
fn content_rules_report_code_path_and_line() {
    let text = "questions:
  - id: letters
    question: Which messages are sent in the clear?
    choices: [ClientHello, ServerHello, Both A and B]
    answer: C
    explanation: Both hellos precede the key exchange.
    references: [{rfc: 5246, section: '7.4.1'}]
  - id: catch-all
    question: Which messages carry a random value?
    choices: [ClientHello, ServerHello, All of the above]
    answer: C
    explanation: Both hellos carry a random.
    references: [{rfc: 5246, section: '7.4.1'}]
  - id: count
    question: Which two messages carry the session id?
    choices: [ClientHello, ServerHello, Finished]
    answer: A
    explanation: Both hellos carry it.
    references: [{rfc: 5246, section: '7.4.1'}]
  - id: negative
    question: Which message is not encrypted in TLS 1.2?
    choices: [ClientHello, Finished]
    answer: A
    explanation: Finished is the first protected message.
    references: [{rfc: 5246, section: '7.4.9'}]
";
    let out = check_json(&[("bank.yaml", text)], &[]);
    out.status(1);
    let (found, _) = findings(&out);
    assert_eq!(
        found,
        [
            ("choice-names-letters".into(), "bank.yaml".into(), 4, 41),
            ("unpinned-catch-all".into(), "bank.yaml".into(), 10, 41),
            ("hint-count-mismatch".into(), "bank.yaml".into(), 15, 15),
            ("negative-stem".into(), "bank.yaml".into(), 21, 15),
        ]
    );
}

#[test]
fn an_unshuffled_or_pinned_item_may_name_letters_and_catch_alls() {
    let text = "questions:
  - id: letters
    question: Which messages are sent in the clear?
    shuffle: false
    choices: [ClientHello, ServerHello, Both A and B, An A record]
    answer: C
    explanation: Both hellos precede the key exchange.
    references: [{rfc: 5246, section: '7.4.1'}]
  - id: catch-all
    question: Which messages carry a random value?
    choices: [ClientHello, ServerHello, {text: All of the above, pin: true}]
    answer: C
    explanation: Both hellos carry a random.
    references: [{rfc: 5246, section: '7.4.1'}]
";
    Test::new()
        .file("bank.yaml", text)
        .args(&["check", "--strict", "bank.yaml"])
        .run()
        .status(0);
}

#[test]
fn longest_choice_and_repeated_stem_are_warnings() {
    let text = one(
        "cue",
        "Which message carries the chosen suite? Which message carries the chosen suite?",
        "[ClientHello, 'The ServerHello, which carries the single cipher suite the server selected', Finished]",
        "B",
        "    references: [{rfc: 5246, section: '7.4.1.3'}]\n",
    );
    let out = check_json(&[("bank.yaml", &text)], &[]);
    out.status(0);
    let (found, json) = findings(&out);
    assert_eq!(
        found,
        [
            ("repeated-stem-text".into(), "bank.yaml".into(), 3, 15),
            ("longest-choice-cue".into(), "bank.yaml".into(), 4, 28),
        ]
    );
    assert_eq!(json["warnings"], 2);
}

#[test]
fn a_near_duplicate_in_another_file_is_reported_at_the_later_one() {
    let first = one(
        "suite-a",
        "Which message carries the server's chosen cipher suite?",
        "[ClientHello, ServerHello, Finished, Certificate]",
        "B",
        "",
    );
    let reworded = one(
        "suite-b",
        "Which handshake message carries the cipher suite chosen by the server?",
        "[Finished, Certificate, ServerHello, ClientHello]",
        "C",
        "",
    );
    let other = one(
        "first-message",
        "Which message does the client send first?",
        "[ClientHello, ServerHello, Finished, Certificate]",
        "A",
        "",
    );
    let out = check_json(
        &[
            ("a.yaml", &first),
            ("b.yaml", &other),
            ("c.yaml", &reworded),
        ],
        &["--allow", "missing-reference"],
    );
    let (found, json) = findings(&out);
    assert_eq!(found, [("near-duplicate".into(), "c.yaml".into(), 3, 15)]);
    assert_eq!(
        json["diagnostics"][0]["message"],
        "this question nearly repeats `suite-a` at a.yaml:3:15: their stems and choices say nearly the same; keep one, or make them ask different things"
    );
}

/// The example: a question on cipher-suite negotiation citing a section
/// on session tickets.
fn negotiation(section_refs: &str) -> String {
    format!(
        "questions:
  - id: negotiation
    question: How do the client and the server agree on the cipher suite of a TLS 1.2 handshake?
    choices:
      - The client lists the suites it supports in ClientHello, and the server selects one in ServerHello
      - The server lists its suites in ServerHello, and the client selects one in Finished
      - Both sides use the first suite of the IANA registry
    answer: A
    explanation: |
      The ClientHello's cipher_suites list holds the suites the client supports, in order
      of preference; the ServerHello's cipher_suite is the single suite the server selected
      from that list.
{section_refs}"
    )
}

#[test]
fn a_citation_of_an_unrelated_section_is_flagged_with_better_candidates() {
    let out = check_json(
        &[(
            "bank.yaml",
            &negotiation(&refs(8446, "4.6.1", "New Session Ticket Message")),
        )],
        &["--rfc-dir", RFC_DIR],
    );
    out.status(0);
    let (found, json) = findings(&out);
    assert_eq!(
        found,
        [("citation-unrelated".into(), "bank.yaml".into(), 14, 9)]
    );
    let message = json["diagnostics"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.starts_with("RFC 8446 §4.6.1 hardly discusses what this question asks")
            && message.contains("did you mean RFC 5246 §7.4.1.2 Client Hello"),
        "{message}"
    );

    let related = negotiation(&refs(5246, "7.4.1.3", "Server Hello"));
    check_json(
        &[("bank.yaml", &related)],
        &["--rfc-dir", RFC_DIR, "--strict"],
    )
    .status(0);
}

#[test]
fn a_missing_section_is_an_error_and_a_wrong_title_a_warning() {
    let text = negotiation(&format!(
        "{}      - rfc: 5246\n        section: \"7.4.1.2\"\n        title: Server Hello\n",
        refs(5246, "7.4.1.9", "Hello Messages")
    ));
    let out = check_json(&[("bank.yaml", &text)], &["--rfc-dir", RFC_DIR]);
    out.status(1);
    let (found, json) = findings(&out);
    assert_eq!(
        found,
        [
            ("rfc-section-missing".into(), "bank.yaml".into(), 15, 18),
            ("rfc-title-mismatch".into(), "bank.yaml".into(), 19, 16),
        ]
    );
    assert_eq!(
        json["diagnostics"][0]["message"],
        "RFC 5246 has no section \"7.4.1.9\"; the sections under 7.4.1 are 7.4.1.1 to 7.4.1.3"
    );
    assert_eq!(
        json["diagnostics"][1]["message"],
        "the title \"Server Hello\" is not the heading of RFC 5246 §7.4.1.2, which is \"Client Hello\""
    );
}

#[test]
fn references_to_rfcs_not_in_the_folder_are_counted_in_the_summary() {
    let text = negotiation(&format!(
        "{}      - rfc: 4507\n        section: \"3.3\"\n      - rfc: 4507\n      - rfc: 7627\n",
        refs(5246, "7.4.1.3", "Server Hello")
    ));
    let out = Test::new()
        .file("bank.yaml", &text)
        .args(&["check", "--rfc-dir", RFC_DIR, "bank.yaml"])
        .run();
    out.status(0).stdout_is(&format!(
        "1 file, 1 question: 0 errors, 0 warnings; 3 references not checked, to RFCs not in {RFC_DIR}: RFC 4507 (2), RFC 7627\n"
    ));
    let json = Test::new()
        .file("bank.yaml", &text)
        .args(&[
            "check",
            "--format",
            "json",
            "--rfc-dir",
            RFC_DIR,
            "bank.yaml",
        ])
        .run()
        .json();
    assert_eq!(
        json["not_checked"],
        serde_json::json!([{"rfc": 4507, "references": 2}, {"rfc": 7627, "references": 1}])
    );
}

#[test]
fn the_rfc_folder_comes_from_the_flag_the_environment_or_the_data_directory() {
    let text = negotiation(&refs(5246, "7.4.1.9", "Hello"));
    Test::new()
        .file("bank.yaml", &text)
        .env("QUIZ_RFC_DIR", RFC_DIR)
        .args(&["check", "bank.yaml"])
        .run()
        .status(1)
        .stdout_has("[rfc-section-missing]");
    let fixture = std::fs::read_to_string(format!("{RFC_DIR}/rfc5246.txt")).expect("the fixture");
    Test::new()
        .file("bank.yaml", &text)
        .file(".data/rfc/rfc5246.txt", &fixture)
        .args(&["check", "bank.yaml"])
        .run()
        .status(1)
        .stdout_has("[rfc-section-missing]");
    // Without any folder, citations are not checked.
    Test::new()
        .file("bank.yaml", &text)
        .args(&["check", "bank.yaml"])
        .run()
        .status(0);
    Test::new()
        .file("bank.yaml", &text)
        .args(&["check", "--rfc-dir", "no-such-folder", "bank.yaml"])
        .run()
        .status(2)
        .stderr_has("no-such-folder: no such folder (the RFC texts, named rfcNNNN.txt)");
}

#[test]
fn allow_and_deny_set_the_level_of_a_warning_for_the_run() {
    let text = bank(&["a"]).replace(
        "Which message carries the server's chosen cipher suite?",
        "Which message is not sent by the client?",
    );
    let run = |args: &[&str]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        all.push("bank.yaml");
        Test::new().file("bank.yaml", &text).args(&all).run()
    };
    run(&[])
        .status(0)
        .stdout_has("warning: the stem turns on \"not\"");
    run(&["--strict", "--allow", "negative-stem"])
        .status(0)
        .stdout_is("1 file, 1 question: 0 errors, 0 warnings\n");
    run(&["--deny", "negative-stem,near-duplicate"])
        .status(1)
        .stdout_has("error: the stem turns on \"not\"");
    run(&["--allow", "negative-stems"])
        .status(2)
        .stderr_has("--allow negative-stems: no rule has this code; did you mean `negative-stem`?");
    run(&["--deny", "negativ-stem"])
        .status(2)
        .stderr_has("did you mean `negative-stem`?");
    run(&["--allow", "duplicate-id"])
        .status(2)
        .stderr_has("`duplicate-id` is an error, and --allow silences only warnings");
}

#[test]
fn a_question_allows_its_own_warnings_and_only_known_ones() {
    let text = bank(&["a"])
        .replace(
            "Which message carries the server's chosen cipher suite?",
            "Which message is not sent by the client?",
        )
        .replace(
            "    tags: [handshake]\n",
            "    tags: [handshake]\n    allow: [negative-stem]  # asks what the client leaves to the server\n",
        );
    Test::new()
        .file("bank.yaml", &text)
        .args(&["check", "--strict", "--deny", "negative-stem", "bank.yaml"])
        .run()
        .status(0);
    let typo = text.replace(
        "allow: [negative-stem]",
        "allow: [negative-stem, negative-stems]",
    );
    let out = check_json(&[("bank.yaml", &typo)], &[]);
    out.status(1);
    let (found, json) = findings(&out);
    assert_eq!(
        found,
        [("invalid-allow".into(), "bank.yaml".into(), 13, 28)]
    );
    assert_eq!(
        json["diagnostics"][0]["message"],
        "`allow` names no rule `negative-stems`; did you mean `negative-stem`?"
    );
}

#[test]
fn show_and_the_moodle_export_keep_an_unshuffled_item_in_order() {
    let text = bank(&["a", "b"]).replacen(
        "    choices: [ClientHello",
        "    shuffle: false\n    choices: [ClientHello",
        1,
    );
    Test::new()
        .file("bank.yaml", &text)
        .args(&["show", "a", "bank.yaml"])
        .run()
        .status(0)
        .stdout_has("one answer · choices in file order");
    Test::new()
        .file("bank.yaml", &text)
        .args(&["show", "b", "bank.yaml"])
        .run()
        .status(0)
        .stdout_lacks("file order");
    let xml = Test::new()
        .file("bank.yaml", &text)
        .args(&["export", "--to", "moodle-xml", "bank.yaml"])
        .run();
    xml.status(0);
    let flags: Vec<&str> = xml
        .stdout
        .lines()
        .filter(|l| l.contains("<shuffleanswers>"))
        .map(str::trim)
        .collect();
    assert_eq!(
        flags,
        [
            "<shuffleanswers>false</shuffleanswers>",
            "<shuffleanswers>true</shuffleanswers>"
        ]
    );
}

#[test]
fn a_list_item_or_key_folded_into_the_text_above_is_a_warning() {
    let text = "questions:
  - id: tcp
    question: Which flags does the server send back?
    choices:
      - SYN
      - ACK
        - SYN, ACK, SYN-ACK
      - FIN
    answer: C
    explanation: The server answers SYN with SYN-ACK.
    references: [{rfc: 9293}]
  - id: rst
    question: Which flag aborts a connection
      at once?
    choices:
      - text: RST
        why: It resets.
      - text: FIN
          pin:true
    answer: A
    explanation: RST aborts.
    references: [{rfc: 9293}]
  - id: list
    question: |
      Which of these comes first:
      - the SYN
      - the ACK
    choices: [SYN, ACK]
    answer: A
    explanation: SYN opens.
    references: [{rfc: 9293}]
";
    let out = Test::new()
        .file("b.yaml", text)
        .args(&["check", "b.yaml"])
        .run();
    out.status(0);
    assert_eq!(
        out.diagnostics(),
        [
            "b.yaml:7:9: warning: `- SYN, ACK, SYN-ACK` reads as a list item, but YAML folded it into the text of this choice above: it is indented deeper than the `- ` items beside it; line it up with them, or put the text in quotes if the line belongs to it [folded-item]",
            "b.yaml:19:11: warning: `pin:true` reads as a key, but YAML folded it into the text of this choice above: a key lines up with the keys beside it and has a space after its `:`; write it so, or put the text in quotes if the line belongs to it [folded-item]",
        ]
    );
}
