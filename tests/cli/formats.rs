//! `quiz import` and `quiz export`: the hand-written fixtures in every format, malformed
//! files, and round trips through the real binary, each result checked by `quiz check`.

use super::{Outcome, Test, bank, question};

const GIFT: &str = include_str!("../fixtures/formats/tricky.gift");
const XML: &str = include_str!("../fixtures/formats/tricky.xml");
const AIKEN: &str = include_str!("../fixtures/formats/tricky.txt");
const BUILTIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/questions");

/// Everything the command printed, for messages that may go to either stream.
fn output(out: &Outcome) -> String {
    format!("{}{}", out.stdout, out.stderr)
}

fn assert_output_has(out: &Outcome, text: &str) {
    assert!(
        output(out).contains(text),
        "output lacks {text:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.stdout,
        out.stderr
    );
}

/// `quiz check` on a bank written by import: no errors.
fn passes_check(yaml: &str) {
    Test::new()
        .file("imported.yaml", yaml)
        .args(&["check", "imported.yaml"])
        .run()
        .status(0)
        .stdout_has(": 0 errors");
}

/// Imports `name` (with `contents`) to out.yaml and returns the YAML, after checking it.
fn import_to_file(from: &str, name: &str, contents: &str) -> (Outcome, String) {
    let out = Test::new()
        .file(name, contents)
        .args(&["import", "--from", from, name, "-o", "out.yaml"])
        .run();
    out.status(0);
    let yaml = out.read("out.yaml");
    passes_check(&yaml);
    (out, yaml)
}

fn ids(yaml: &str) -> Vec<&str> {
    yaml.lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .collect()
}

#[test]
fn the_gift_fixture_imports_into_a_bank_that_passes_check() {
    let (out, yaml) = import_to_file("gift", "in.gift", GIFT);
    assert_eq!(
        ids(&yaml),
        [
            "Server-Hello-the-suite",
            "Server-Hello-the-suite-2",
            "hashes",
            "rc4-in-tls13",
            "sha1",
            "in-6",
            "short",
            "numerical",
            "matching",
            "missing-word",
            "in-13"
        ]
    );
    assert!(yaml.contains("answer: [A, B]"), "{yaml}");
    assert!(
        yaml.contains("why: \"Right: it carries exactly one suite.\""),
        "{yaml}"
    );
    assert!(
        yaml.contains("tags: [tls12, server-hello, Handshake]"),
        "{yaml}"
    );
    // The skipped types, each named with its line.
    for skipped in [
        "in.gift:49: warning: skipped an essay question: ",
        "in.gift:51: warning: skipped a description: ",
    ] {
        assert_output_has(&out, skipped);
    }
}

#[test]
fn the_moodle_xml_fixture_imports_into_a_bank_that_passes_check() {
    let (out, yaml) = import_to_file("moodle-xml", "in.xml", XML);
    assert_eq!(
        ids(&yaml),
        [
            "Record-padding-who-checks-it",
            "AEAD-suites",
            "Compression",
            "Short-answer",
            "AEAD-suites-2"
        ]
    );
    assert!(
        yaml.contains("question: In TLS 1.2 with a CBC suite,"),
        "{yaml}"
    );
    assert!(yaml.contains("shuffle: false"), "{yaml}");
    assert!(yaml.contains("tags: [cbc, timing, Record layer]"), "{yaml}");
    assert_output_has(
        &out,
        "in.xml:111: warning: skipped a question of type `essay`: an essay with neither <graderinfo> nor general feedback has no model answer",
    );
}

#[test]
fn the_aiken_fixture_imports_into_a_bank_that_passes_check() {
    let (out, yaml) = import_to_file("aiken", "in.txt", AIKEN);
    assert_eq!(ids(&yaml), ["in-1", "in-2", "in-3", "in-5"]);
    assert_output_has(
        &out,
        "in.txt:21: warning: skipped the question: quiz cannot hold it: ",
    );
}

/// Shapes from Moodle's own GIFT tests, read as Moodle reads them, each difference
/// from what quiz can hold named with its line.
#[test]
fn gift_is_read_as_moodle_reads_it() {
    let (out, yaml) = import_to_file(
        "gift",
        "in.gift",
        include_str!("../fixtures/formats/moodle-cases.gift"),
    );
    assert_eq!(
        ids(&yaml),
        [
            "backslashes",
            "colours",
            "tf",
            "indented",
            "in-5",
            "empty-answer",
            "penalty"
        ]
    );
    // `\\` is one backslash; continuation lines are trimmed.
    assert!(
        yaml.contains(r#"question: "A \\ B \\\\ C: which is one backslash?""#),
        "{yaml}"
    );
    assert!(
        yaml.contains("question: |-\n      Which message\n      comes first?\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("question: Which message comes last, with no closing title?"),
        "{yaml}"
    );
    for warning in [
        "in.gift:26: warning: the title opened with `::` is not closed",
        "in.gift:28: warning: answer 2 is empty and is left out",
        "in.gift:30: warning: skipped a short-answer question: Moodle reads `{true}` and `{false}` in lower case",
        "in.gift:32: warning: choice B costs 50 %",
    ] {
        assert_output_has(&out, warning);
    }
}

#[test]
fn aiken_is_read_as_moodle_reads_it() {
    let (out, yaml) = import_to_file(
        "aiken",
        "in.txt",
        include_str!("../fixtures/formats/moodle-cases.txt"),
    );
    assert_eq!(ids(&yaml), ["in-1", "in-2", "in-3"]);
    assert!(
        yaml.contains("      - Incorrect (no space)\n      - Correct (no space)\n    answer: B"),
        "{yaml}"
    );
    assert!(yaml.contains("Correct (< > &)"), "{yaml}");
    assert_output_has(
        &out,
        "in.txt:16: warning: skipped the question: it has one answer",
    );
}

#[test]
fn moodle_xml_is_read_as_moodle_reads_it() {
    let (out, yaml) = import_to_file(
        "moodle-xml",
        "in.xml",
        include_str!("../fixtures/formats/moodle-cases.xml"),
    );
    assert_eq!(
        ids(&yaml),
        [
            "T-F",
            "Question-with-invalid-grades-x-1-x-2",
            "No-shuffle-element"
        ]
    );
    // No <shuffleanswers>: Moodle keeps the file's order; <single/> is multiple response.
    assert!(
        yaml.contains("    multi: true\n    shuffle: false\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("question: \"Is [image: the logo] a lock?\""),
        "{yaml}"
    );
    for warning in [
        "in.xml:13: warning: the question embeds a file that quiz does not import",
        "in.xml:27: warning: choice B is worth 33 %, a grade Moodle refuses",
        "in.xml:36: warning: <single/> is read as false",
        "in.xml:38: warning: answer 2 is empty and is left out",
        "in.xml:42: warning: skipped the question: it has no <questiontext>",
    ] {
        assert_output_has(&out, warning);
    }
}

/// Two GIFT questions with no blank line between them: the error says so, and the
/// warnings found before it are printed too, each with its line.
#[test]
fn a_question_that_cannot_be_read_is_skipped_with_an_error_and_the_rest_imported() {
    let out = Test::new()
        .file(
            "in.gift",
            "::a::Which? {=a ~b ~}\n\n::b::Short?{=answer}\n\n::c::Which one?\n{=a ~b}\n::d::Next? {=c ~d}\n\n::e::Last? {=e ~f}\n",
        )
        .args(&["import", "--from", "gift", "in.gift", "-o", "out.yaml"])
        .run();
    out.status(1);
    let expected = "in.gift:1: warning: answer 3 is empty and is left out, as Moodle leaves it out\n\
                    in.gift:7: error: skipped the question: a second answer block `{…}`: a blank line is probably missing before line 7, where the next question starts (questions are separated by blank lines; Moodle would read both as one question, keeping this block as text)\n\
                    quiz: imported 3 questions into out.yaml\n\
                    quiz: 1 question was skipped with an error (above); the others were imported\n";
    assert_eq!(out.stderr, expected);
    let bank = out.read("out.yaml");
    for id in ["  - id: a\n", "  - id: b\n", "  - id: e\n"] {
        assert!(bank.contains(id), "{id} in\n{bank}");
    }
}

/// A file whose every question is of a type quiz cannot ask names each one.
#[test]
fn a_file_of_unsupported_questions_names_each() {
    let out = Test::new()
        .file("in.gift", "A?{}\n\nB? No block.\n\nC?{}\n")
        .args(&["import", "--from", "gift", "in.gift"])
        .run();
    out.status(1);
    for line in [
        "in.gift:1: warning: skipped an essay question: an essay with no general feedback (`####…`) has no model answer",
        "in.gift:3: warning: skipped a description",
        "in.gift:5: warning: skipped an essay question",
        "in.gift:1: error: nothing to import: all 3 questions were skipped",
    ] {
        assert_output_has(&out, line);
    }
}

#[test]
fn import_without_an_output_file_writes_the_bank_to_stdout() {
    let out = Test::new()
        .file("in.gift", "::q1::Which? {=right ~wrong}\n")
        .args(&["import", "--from", "gift", "in.gift"])
        .run();
    out.status(0)
        .stdout_has("questions:\n  - id: q1\n")
        .stdout_has("answer: A");
    passes_check(&out.stdout);
}

#[test]
fn malformed_files_name_their_line_and_fail() {
    // The GIFT file's broken question is skipped and the two around it
    // imported; the XML file cannot be read at all; the Aiken file's one
    // question is skipped, which leaves nothing to import.
    for (from, name, contents, at, written) in [
        (
            "gift",
            "broken.gift",
            include_str!("../fixtures/formats/broken.gift"),
            "broken.gift:4",
            true,
        ),
        (
            "moodle-xml",
            "broken.xml",
            include_str!("../fixtures/formats/broken.xml"),
            "broken.xml:7",
            false,
        ),
        (
            "aiken",
            "broken.txt",
            include_str!("../fixtures/formats/broken.txt"),
            "broken.txt:4",
            false,
        ),
    ] {
        let out = Test::new()
            .file(name, contents)
            .args(&["import", "--from", from, name, "-o", "out.yaml"])
            .run();
        out.status(1);
        assert_output_has(&out, at);
        assert_eq!(
            out.dir().join("out.yaml").exists(),
            written,
            "{name}: a bank is written only of what could be read"
        );
    }
}

#[test]
fn binary_garbage_is_an_error_not_a_panic() {
    for from in ["gift", "moodle-xml", "aiken"] {
        let out = Test::new()
            .bytes("junk.bin", b"\x00\xff\xfe<quiz>{{{\x00::\n\n}}}")
            .args(&["import", "--from", from, "junk.bin"])
            .run();
        assert_ne!(out.status, 0, "{from}");
        assert!(
            !output(&out).contains("panicked"),
            "{from}: {}",
            output(&out)
        );
    }
}

#[test]
fn export_writes_gift_to_stdout_or_a_file() {
    let banks = bank(&["one", "two"]);
    Test::new()
        .file("bank.yaml", &banks)
        .args(&["export", "--to", "gift", "bank.yaml"])
        .run()
        .status(0)
        .stdout_has("::one::Which message carries the server's chosen cipher suite? {\n\t~ClientHello\n\t=ServerHello\n")
        .stdout_has("References\\:\\nRFC 5246 §7.4.1.3 Server Hello\\: https\\://www.rfc-editor.org/rfc/rfc5246\\#section-7.4.1.3");
    let out = Test::new()
        .file("bank.yaml", &banks)
        .args(&["export", "--to", "moodle-xml", "bank.yaml", "-o", "out.xml"])
        .run();
    out.status(0);
    let xml = out.read("out.xml");
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(xml.contains("<idnumber>two</idnumber>"), "{xml}");
    assert!(
        xml.contains("<a href=\"https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3\">"),
        "{xml}"
    );
}

#[test]
fn aiken_export_skips_multiple_answer_items_naming_their_line() {
    let multi = question("multi").replace("answer: B", "answer: [A, B]");
    let contents = format!(
        "title: Test bank\nquestions:\n{}{multi}",
        question("single")
    );
    let out = Test::new()
        .file("bank.yaml", &contents)
        .args(&["export", "--to", "aiken", "bank.yaml"])
        .run();
    out.status(0)
        .stdout_has("Which message carries the server's chosen cipher suite?\nA. ClientHello\nB. ServerHello\nC. Finished\nD. Certificate\nANSWER: B\n");
    assert_output_has(&out, "bank.yaml:13");
    assert_output_has(&out, "single-answer");
}

/// bank → format → bank through the binary, for the whole built-in bank.
/// `count`: the built-in bank's questions of the kinds the format holds.
fn builtin_round_trip(to: &str, file: &str, count: usize) {
    let exported = Test::new()
        .args(&["export", "--to", to, BUILTIN, "-o", file])
        .run();
    exported.status(0);
    let text = exported.read(file);
    let (_, yaml) = import_to_file(to, file, &text);
    assert_eq!(ids(&yaml).len(), count, "{to}");
    // And once more: the second trip gives the same bank.
    let again = Test::new()
        .file("back.yaml", &yaml)
        .args(&["export", "--to", to, "back.yaml", "-o", file])
        .run();
    again.status(0);
    let (_, yaml_again) = import_to_file(to, file, &again.read(file));
    assert_eq!(
        yaml_again, yaml,
        "{to}: a second round trip changes the bank"
    );
}

#[test]
fn the_builtin_bank_round_trips_through_gift() {
    // Every question but the 7 to put in order: GIFT has no ordering.
    builtin_round_trip("gift", "builtin.gift", 86);
}

#[test]
fn the_builtin_bank_round_trips_through_moodle_xml() {
    builtin_round_trip("moodle-xml", "builtin.xml", 93);
}

#[test]
fn import_tells_the_format_from_the_name_or_says_what_it_assumed() {
    // By name: nothing to say.
    let out = Test::new()
        .file("in.gift", "::q1::Which? {=right ~wrong}\n")
        .args(&["import", "in.gift", "-o", "out.yaml"])
        .run();
    out.status(0)
        .stderr_has("imported 1 question into out.yaml");
    assert!(!out.stderr.contains("reading"), "{}", out.stderr);
    // Moodle exports GIFT as .txt: told by its braces, and said.
    let out = Test::new()
        .file("moodle.txt", "::q1::Which? {=right ~wrong}\n")
        .args(&["import", "moodle.txt", "-o", "out.yaml"])
        .run();
    out.status(0)
        .stderr_has("quiz: reading moodle.txt as GIFT (give --from to read it as another format)");
    passes_check(&out.read("out.yaml"));
    let out = Test::new()
        .file(
            "aiken.txt",
            "Which carries alerts?\nA. 21\nB. 22\nANSWER: A\n",
        )
        .args(&["import", "aiken.txt"])
        .run();
    out.status(0).stderr_has("as Aiken");
    let out = Test::new()
        .file(
            "page.txt",
            "QUESTION 1\nWhich two?\nA. x\nB. y\nC. z\nCorrect Answer: AC\n",
        )
        .args(&["import", "page.txt"])
        .run();
    out.status(0)
        .stderr_has("as exam-dump text")
        .stdout_has("answer: [A, C]");
}

#[test]
fn import_refuses_a_file_it_cannot_tell_and_a_bank() {
    Test::new()
        .file("notes.md", "# Notes\n")
        .args(&["import", "notes.md"])
        .run()
        .status(2)
        .stderr_has(
            "quiz: cannot tell the format of notes.md from its name or content: give --from (aiken, gift, moodle-xml, qti, csv, text)",
        );
    Test::new()
        .file("bank.yaml", "questions: []\n")
        .args(&["import", "bank.yaml"])
        .run()
        .status(2)
        .stderr_has("bank.yaml is in quiz's own format already: `quiz check bank.yaml` checks it");
    // A folder is an unpacked QTI package, and nothing else.
    Test::new()
        .file("banks/bank.yaml", "questions: []\n")
        .args(&["import", "banks"])
        .run()
        .status(1)
        .stderr_has("quiz imports a folder or a .zip only as a QTI package");
}

#[test]
fn a_gift_mark_inside_backticks_is_named_with_its_escape() {
    let gift = "::q1:: Which argument reads a header? {\n=`header=True`\n~`index_col=0`\n}\n\n::q2:: Which? {\n=yes\n~no\n}\n";
    Test::new()
        .file("t.gift", gift)
        .args(&["import", "t.gift"])
        .run()
        .status(0)
        .stderr_has("t.gift:1: warning: skipped the question: 3 choices are each fully right, and a quiz single-answer item has one; the `=` in `header=True` (line 2) starts a right answer, as GIFT and Moodle read it, though it stands inside backticks: write it `\\=` to keep it in the text\n");
    let escaped = gift
        .replace("header=True", "header\\=True")
        .replace("col=0", "col\\=0");
    Test::new()
        .file("t.gift", &escaped)
        .args(&["import", "t.gift"])
        .run()
        .status(0)
        .stdout_has("- \"`header=True`\"");
}
