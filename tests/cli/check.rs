//! `quiz check`: exact positions, messages and exit statuses.

use super::{Test, bank};

/// The question of the issue, loaded exactly as written.
const SEED: &str = "title: TLS session setup
questions:
  - id: tls-not-handshake-steps
    question: Which of the following are not steps in setting up a TLS session?
    multi: true
    choices:
      - Client sends Hello to Server listing all of its supported cipher suites
      - Client calculates and sends encrypted pre_master_secret
      - Server sends Hello to Client listing all of its supported cipher suites
      - Server sends Change Cipher Spec to indicate a shift to encrypted mode
      - Client and Server calculate keys from pre_master_secret
    answer: C
    explanation: |
      The ServerHello does not list the server's cipher suites: it carries the single
      cipher suite that the server selected from the list in the ClientHello. ...
    references:
      - rfc: 5246
        section: 7.4.1.3
        title: Server Hello
      - url: https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3
        title: TLS 1.3 ServerHello
    tags: [tls, handshake]
";

/// Checks one file and returns its diagnostic lines.
fn diagnostics_of(contents: &str) -> (i32, Vec<String>) {
    let out = Test::new()
        .file("bank.yaml", contents)
        .args(&["check", "bank.yaml"])
        .run();
    (
        out.status,
        out.diagnostics().iter().map(|s| s.to_string()).collect(),
    )
}

fn assert_one(contents: &str, expected: &str) {
    let (status, lines) = diagnostics_of(contents);
    assert_eq!(lines, [expected]);
    assert_eq!(status, 1);
}

#[test]
fn the_issue_example_loads_as_written() {
    // It loads; its stem turns on a lower-case "not", which the content lint notes.
    Test::new()
        .file("bank.yaml", SEED)
        .args(&["check", "bank.yaml"])
        .run()
        .status(0)
        .stdout_is("bank.yaml:4:15: warning: the stem turns on \"not\": ask positively, or write NOT so that it is seen [negative-stem]\n1 file, 1 question: 0 errors, 1 warning\n");
}

#[test]
fn no_path_means_the_questions_folder() {
    Test::new()
        .file("questions/a.yaml", &bank(&["a"]))
        .file("questions/sub/b.yml", &bank(&["b"]))
        .args(&["check", "--allow", "near-duplicate"])
        .run()
        .status(0)
        .stdout_is("2 files, 2 questions: 0 errors, 0 warnings\n");
}

#[test]
fn bad_indentation_points_at_the_wrong_line() {
    assert_one(
        "title: x\nquestions:\n  - id: a\n    question: q\n   choices: [a, b]\n    answer: A\n",
        "bank.yaml:5:4: error: while parsing a block collection, did not find expected '-' indicator: most likely the indentation: this line is indented as if it belonged to the list above it, but it is not a `- ` item. Line up a question's keys with its `id:`, and start each new question with `- ` [syntax]",
    );
}

#[test]
fn a_map_where_a_list_belongs() {
    let text = bank(&["a"]).replace(
        "choices: [ClientHello, ServerHello, Finished, Certificate]",
        "choices: {a: ClientHello}",
    );
    assert_one(
        &text,
        "bank.yaml:5:14: error: `choices` must be a list of choices, found a map [wrong-type]",
    );
}

#[test]
fn an_unknown_key_suggests_the_nearest() {
    let text = bank(&["a"]).replace("explanation:", "explaination:");
    let (status, lines) = diagnostics_of(&text);
    assert_eq!(status, 1);
    assert_eq!(
        lines,
        [
            "bank.yaml:3:5: warning: question `a` has no explanation [missing-explanation]",
            "bank.yaml:7:5: error: unknown key `explaination` in a question; did you mean `explanation`? [unknown-key]",
        ]
    );
}

#[test]
fn answer_letters_must_name_choices_once() {
    let text = bank(&["a"]).replace("answer: B", "answer: [B, F, B]");
    let (_, lines) = diagnostics_of(&text);
    assert_eq!(
        lines,
        [
            "bank.yaml:6:17: error: answer `F` names no choice: this question has 4 choices (A to D) [answer-out-of-range]",
            "bank.yaml:6:20: error: answer `B` is given twice [duplicate-answer]",
        ]
    );
}

#[test]
fn duplicate_choice_text_points_at_the_second() {
    let text = bank(&["a"]).replace("Finished, Certificate]", "Finished, ServerHello]");
    assert_one(
        &text,
        "bank.yaml:5:51: error: choice D repeats choice B: \"ServerHello\" [duplicate-choice]",
    );
}

#[test]
fn empty_question_and_too_few_choices() {
    let text = bank(&["a"])
        .replace(
            "question: Which message carries the server's chosen cipher suite?",
            "question: \"\"",
        )
        .replace(
            "choices: [ClientHello, ServerHello, Finished, Certificate]",
            "choices: [ClientHello]",
        )
        .replace("answer: B", "answer: A");
    let (status, lines) = diagnostics_of(&text);
    assert_eq!(status, 1);
    assert_eq!(
        lines,
        [
            "bank.yaml:4:15: error: `question` is empty [empty-question]",
            "bank.yaml:5:14: error: a question needs at least 2 choices, this one has 1 [too-few-choices]",
        ]
    );
}

#[test]
fn rfc_must_be_a_positive_integer() {
    let text = bank(&["a"]).replace("rfc: 5246", "rfc: 0");
    assert_one(
        &text,
        "bank.yaml:9:14: error: `rfc` must be a positive integer such as 5246, found \"0\" [invalid-rfc]",
    );
}

#[test]
fn a_repeated_id_names_the_first_use() {
    let out = Test::new()
        .file("a.yaml", &bank(&["one", "two"]))
        .file("b.yaml", &bank(&["three", "two"]))
        // The test bank's questions differ only in their ids.
        .args(&["check", "--allow", "near-duplicate", "a.yaml", "b.yaml"])
        .run();
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        ["b.yaml:13:9: error: id `two` is already used at a.yaml:13:9 [duplicate-id]"]
    );
}

#[test]
fn every_problem_of_a_file_is_reported() {
    let text = "title: Many
questions:
  - id: q1
    question: What?
    choices: [a, b, a]
    answer: [D]
    explaination: typo
    references:
      - rfc: -5
  - id: q2
    question: Why?
    choices: [x, y]
    answer: A
    multi: yes
    tags: tls
";
    let (status, lines) = diagnostics_of(text);
    assert_eq!(status, 1);
    assert_eq!(
        lines,
        [
            "bank.yaml:3:5: warning: question `q1` has no explanation [missing-explanation]",
            "bank.yaml:5:21: error: choice C repeats choice A: \"a\" [duplicate-choice]",
            "bank.yaml:6:14: error: answer `D` names no choice: this question has 3 choices (A to C) [answer-out-of-range]",
            "bank.yaml:7:5: error: unknown key `explaination` in a question; did you mean `explanation`? [unknown-key]",
            "bank.yaml:9:14: error: `rfc` must be a positive integer such as 5246, found \"-5\" [invalid-rfc]",
            // `tags: tls` shows the fix, and q2 is still checked.
            "bank.yaml:10:5: warning: question `q2` has no explanation [missing-explanation]",
            "bank.yaml:10:5: warning: question `q2` has no references [missing-reference]",
            "bank.yaml:14:12: error: `multi` must be true or false, found a string [wrong-type]",
            "bank.yaml:15:11: error: `tags` must be a list of tags, found a string: write `tags: [tls]` [wrong-type]",
        ]
    );
}

#[test]
fn a_syntax_error_does_not_stop_the_other_files() {
    let out = Test::new()
        .file("banks/a.yaml", "title: \"unclosed\nquestions: []\n")
        .file(
            "banks/b.yaml",
            &bank(&["b"]).replace("answer: B", "answer: Z"),
        )
        .args(&["check", "banks"])
        .run();
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "banks/a.yaml:1:8: error: unclosed quote: a quoted text is not closed: add the closing quote; inside double quotes, write a quote mark as `\\\"` [syntax]",
            "banks/b.yaml:6:13: error: answer `Z` names no choice: this question has 4 choices (A to D) [answer-out-of-range]",
        ]
    );
    out.stdout_has("2 files, 1 question: 2 errors, 0 warnings\n");
}

#[test]
fn missing_explanation_and_reference_are_warnings() {
    let text =
        "questions:\n  - id: bare\n    question: Pick one\n    choices: [a, b]\n    answer: A\n";
    let out = Test::new()
        .file("bank.yaml", text)
        .args(&["check", "bank.yaml"])
        .run();
    out.status(0);
    assert_eq!(
        out.diagnostics(),
        [
            "bank.yaml:2:5: warning: question `bare` has no explanation [missing-explanation]",
            "bank.yaml:2:5: warning: question `bare` has no references [missing-reference]",
        ]
    );
    out.stdout_has("1 file, 1 question: 0 errors, 2 warnings\n");
    Test::new()
        .file("bank.yaml", text)
        .args(&["check", "--strict", "bank.yaml"])
        .run()
        .status(1);
}

#[test]
fn empty_banks_are_errors() {
    assert_one(
        "",
        "bank.yaml:1:1: error: the file is empty: a bank needs a `questions` list [empty-bank]",
    );
    assert_one(
        "title: x\nquestions: []\n",
        "bank.yaml:2:12: error: `questions` is empty: a bank needs at least one question [empty-bank]",
    );
}

#[test]
fn byte_order_mark_and_crlf_are_fine() {
    let text = format!("\u{feff}{}", bank(&["a"]).replace('\n', "\r\n"));
    Test::new()
        .file("bank.yaml", &text)
        .args(&["check", "--strict", "bank.yaml"])
        .run()
        .status(0);
}

#[test]
fn invalid_utf8_says_so_with_its_line() {
    let mut bytes = b"title: x\nquestions:\n  - id: caf".to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28]);
    bytes.extend_from_slice(b"\n");
    let out = Test::new()
        .bytes("bank.yaml", &bytes)
        .args(&["check", "bank.yaml"])
        .run();
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "bank.yaml:3:12: error: the file is not valid UTF-8: bank files must be saved as UTF-8 [invalid-utf8]"
        ]
    );
}

#[test]
fn could_not_run_is_status_2() {
    Test::new()
        .args(&["check", "missing.yaml"])
        .run()
        .status(2)
        .stderr_has("quiz: missing.yaml: no such file or directory");
    Test::new().args(&["check", "--frobnicate"]).run().status(2);
    Test::new()
        .file("empty/readme.txt", "not a bank")
        .args(&["check", "empty"])
        .run()
        .status(2)
        .stderr_has("no *.yaml or *.yml files found");
}

#[test]
fn hidden_folders_are_skipped() {
    Test::new()
        .file("repo/bank.yaml", &bank(&["a"]))
        .file("repo/.github/workflows/ci.yml", "on: push\njobs: {}\n")
        .args(&["check", "repo"])
        .run()
        .status(0);
}

#[test]
fn json_format_lists_every_field() {
    let out = Test::new()
        .file("bank.yaml", &bank(&["a"]).replace("answer: B", "answer: Z"))
        .args(&["check", "--format", "json", "bank.yaml"])
        .run();
    out.status(1);
    let json = out.json();
    assert_eq!(json["errors"], 1);
    assert_eq!(json["files"], 1);
    assert_eq!(
        json["diagnostics"][0],
        serde_json::json!({
            "path": "bank.yaml",
            "line": 6,
            "column": 13,
            "severity": "error",
            "code": "answer-out-of-range",
            "message": "answer `Z` names no choice: this question has 4 choices (A to D)"
        })
    );
}

#[test]
fn github_format_is_workflow_commands() {
    Test::new()
        .file("bank.yaml", &bank(&["a"]).replace("answer: B", "answer: Z"))
        .args(&["check", "--format", "github", "bank.yaml"])
        .run()
        .status(1)
        .stdout_is(
            "::error file=bank.yaml,line=6,col=13,title=quiz check (answer-out-of-range)::answer `Z` names no choice: this question has 4 choices (A to D)\n\
             1 file, 1 question: 1 error, 0 warnings\n",
        );
}

#[test]
fn output_has_no_colour_when_not_a_terminal() {
    Test::new()
        .file("bank.yaml", &bank(&["a"]).replace("answer: B", "answer: Z"))
        .args(&["check", "bank.yaml"])
        .run()
        .stdout_lacks("\u{1b}[");
}

#[test]
fn a_stem_with_its_own_hint_is_a_warning() {
    let text = bank(&["a"])
        .replace("cipher suite?", "cipher suite? (Choose 2)")
        .replace("answer: B", "answer: [B, D]");
    let out = Test::new()
        .file("bank.yaml", &text)
        .args(&["check", "bank.yaml"])
        .run();
    out.status(0);
    assert_eq!(
        out.diagnostics(),
        [
            "bank.yaml:4:15: warning: the stem gives its own answer hint; quiz adds \"(Choose N)\" or \"(Select all that apply)\" from `answer` and `multi` [hint-in-stem]"
        ]
    );
}

#[test]
fn an_exhibit_is_checked_like_any_text() {
    let with = bank(&["a"]).replace(
        "    choices:",
        "    exhibit: |\n      R1# show ip route\n        C 10.0.0.0/8\n    choices:",
    );
    Test::new()
        .file("bank.yaml", &with)
        .args(&["check", "--strict", "bank.yaml"])
        .run()
        .status(0);
    assert_one(
        &bank(&["a"]).replace("    choices:", "    exhibit: [1, 2]\n    choices:"),
        "bank.yaml:5:14: error: `exhibit` must be text, found a list [wrong-type]",
    );
}

#[test]
fn a_syntax_error_says_what_it_most_likely_means() {
    // A list item indented one column less than the one before it.
    assert_one(
        "questions:\n  - id: a\n    question: Q?\n    choices:\n      - x\n     - y\n    answer: A\n",
        "bank.yaml:6:6: error: while parsing a block mapping, did not find expected key: most likely the indentation: this line is indented differently from the keys before it. The keys of a question line up with its `id:`, and the `- ` items of a list line up with each other, deeper than the key they belong to [syntax]",
    );
    assert_one(
        "questions:\n  - id: a\n    question: Which one: A or B?\n    choices: [x, y]\n    answer: A\n",
        "bank.yaml:3:24: error: mapping values are not allowed in this context: most likely a `: ` inside a text, which YAML reads as a new key: put the text in quotes (`question: \"Which one: A or B?\"`), or write it as a block (`question: |`) [syntax]",
    );
    assert_one(
        "questions:\n  - id: a\n    question: `ls` lists files\n    choices: [x, y]\n    answer: A\n",
        "bank.yaml:3:15: error: unexpected character '`': a text that starts with '`' must be in quotes, such as \"`…\" [syntax]",
    );
}

#[test]
fn a_file_that_is_not_a_bank_says_so() {
    let out = Test::new()
        .file("README.md", "```sh\ncargo run\n```\n")
        .args(&["check", "README.md"])
        .run();
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "README.md:1:1: error: this does not look like a question bank (it looks like Markdown): a bank is a YAML file with a `questions:` list, and this file is not valid YAML (unexpected character '`'). Check that this is the file you meant [syntax]"
        ]
    );
}

#[test]
fn this_readme_is_not_a_bank_though_it_shows_one() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("the README");
    assert!(readme.contains("\nquestions:\n"), "it shows a bank");
    let out = Test::new()
        .file("README.md", &readme)
        .args(&["check", "README.md"])
        .run();
    out.status(1);
    let lines = out.diagnostics();
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0]
            .contains("error: this does not look like a question bank (it looks like Markdown)"),
        "{lines:?}"
    );
}

#[test]
fn without_a_path_or_a_questions_folder_says_so_and_shows_usage() {
    Test::new()
        .args(&["check"])
        .run()
        .status(2)
        .stderr_has("quiz: no PATH given, and there is no `questions` folder here to check by default: give the bank files or folders to check, such as `quiz check banks/`\n\nUsage: quiz check [OPTIONS] [PATHS]...\n");
}

/// The pre-commit hook, run as pre-commit runs it: its `entry` and the user's
/// `args`, and, with `pass_filenames: false`, no file names.
#[test]
fn the_pre_commit_hook_checks_the_whole_bank() {
    let manifest = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.pre-commit-hooks.yaml"
    ))
    .expect("the hook manifest");
    let hooks: serde_json::Value = serde_saphyr::from_str(&manifest).expect("YAML");
    let hook = &hooks[0];
    assert_eq!(hook["id"], "quiz-check");
    assert_eq!(
        hook["pass_filenames"], false,
        "only changed files would miss duplicates"
    );
    let entry: Vec<&str> = hook["entry"].as_str().expect("entry").split(' ').collect();
    assert_eq!(entry[0], "quiz");
    // A commit that changes only b.yaml still finds b's id taken in a.yaml.
    let t = Test::new()
        .file("banks/a.yaml", &bank(&["same"]))
        .file("banks/b.yaml", &bank(&["same"]));
    let mut args = entry[1..].to_vec();
    args.push("banks/");
    t.run_with(&args, "").status(1).stdout_has(
        "banks/b.yaml:3:9: error: id `same` is already used at banks/a.yaml:3:9 [duplicate-id]",
    );
}

#[test]
fn an_exhibit_line_indented_less_than_its_block_is_named_as_such() {
    let text = "questions:
  - id: a
    question: Which line is wrong?
    exhibit: |
      $ openssl s_client -connect example.org:443
        CONNECTED(00000003)
     depth=2 O = Digital Signature Trust Co.
    choices: [a, b]
    answer: A
";
    Test::new()
        .file("b.yaml", text)
        .args(&["check", "b.yaml"])
        .run()
        .status(1)
        .stdout_has("b.yaml:7:6: error: ")
        .stdout_has(": this line is indented less than the block it follows (`exhibit: |` at line 4, whose lines start at column 7; this one at column 6), and YAML ends a block at the first line indented less than its lines: indent this line as far as the rest of the block [syntax]");
}
