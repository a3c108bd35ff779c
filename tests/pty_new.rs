//! `quiz new` at a real terminal: the binary runs in a pseudo-terminal, the test
//! answers every dialoguer prompt as an author would, and then reads the bank file
//! back: the old bytes are all there, and the new question loads as typed.
//!
//! As in `tests/pty.rs`, keys go only to a program that is waiting for one (console
//! reads each key in raw mode). Typed text is sent in one piece once the program
//! waits for its first key; the terminal's echo is off, so that text arriving
//! between two keys (when console has put the terminal back in canonical mode) is
//! still read in order, and never echoed into the transcript.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod support;

use quiz::bank::{Target, read_bank};
use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::process::Command;
use support::{CTRL_C, DOWN, ENTER, ESC, Pty, SPACE, find};

/// The fixture bank: comments, blank lines between items, and no final newline.
fn fixture() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/new/bank.yaml");
    std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// `quiz new [FILE]` in a pseudo-terminal, echo off.
struct Author(Pty);

impl Deref for Author {
    type Target = Pty;
    fn deref(&self) -> &Pty {
        &self.0
    }
}

impl DerefMut for Author {
    fn deref_mut(&mut self) -> &mut Pty {
        &mut self.0
    }
}

impl Author {
    fn start(file: Option<&Path>) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_quiz"));
        command.arg("new");
        if let Some(file) = file {
            command.arg(file);
        }
        let pty = Pty::spawn(command);
        pty.echo_off();
        Author(pty)
    }

    /// Waits for `prompt`, then types `text` and Enter.
    #[track_caller]
    fn answer(&mut self, prompt: &str, text: &str) {
        self.expect(prompt);
        self.press(&format!("{text}{ENTER}"));
    }

    /// Waits for the program to end with status 0, the cursor left visible.
    #[track_caller]
    fn exits_cleanly(&mut self) {
        self.exits_with(0);
    }
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

/// The stem typed in the tests: a colon, a hash and quotes, all of which YAML
/// would misread unquoted.
const STEM: &str = "Which message carries the chosen suite: \"ServerHello\" or #2?";

/// Answers the prompts from the stem to the tags, including ids and a repeated
/// choice that the check rules refuse (and are then fixed). `taken` is an id the
/// file already has.
#[track_caller]
fn write_the_question(author: &mut Author, taken: Option<&str>) {
    const ID: &str = "Id [which-message-carries-the-chosen-suite]: ";
    // The kind first; a choice question is the first in the menu.
    author.expect("Kind of question");
    author.expect("> choice  Choose the right choices from a lettered list.");
    author.press(ENTER);
    author.answer("Question: ", STEM);
    // Ids that `quiz check` would refuse are refused in its words; then the
    // proposed one is taken.
    author.answer(ID, "has space");
    author.expect("error: id `has space` has ' ': use only letters, digits, `.`, `_` and `-`");
    if let Some(taken) = taken {
        author.answer(ID, taken);
        author.expect(&format!("error: id `{taken}` is already used at "));
        author.expect("bank.yaml:");
    }
    author.answer(ID, "");
    // An exhibit keeps its columns, leading spaces too.
    author.answer("Exhibit (optional): ", "Handshake Protocol: Server Hello");
    author.answer("Exhibit, line 2 (empty ends): ", "    Cipher Suite: 0x1301");
    author.answer("Exhibit, line 3 (empty ends): ", "");
    author.answer("Choice A: ", "ClientHello");
    author.answer("Choice B: ", "ServerHello");
    author.answer("Choice C (empty ends): ", "ClientHello");
    author.expect("error: choice C repeats choice A: \"ClientHello\"");
    author.answer("Choice C (empty ends): ", "- Finished");
    author.answer("Choice D (empty ends): ", "");

    author.expect("Which are correct? Space ticks, Enter confirms");
    author.expect("> [ ] A) ClientHello");
    author.press(ENTER);
    author.expect("error: `answer` is empty");
    author.expect("> [ ] A) ClientHello");
    author.press(DOWN);
    author.expect("> [ ] B) ServerHello");
    author.press(SPACE);
    author.expect("> [x] B) ServerHello");
    author.press(ENTER);
    // One right answer: told as such, or as "select all that apply".
    author.expect("How is it asked?");
    author.expect("> Tell nothing: one answer is picked");
    author.press(DOWN);
    author.expect("> (Select all that apply), without the count (multi: true)");
    author.press(ENTER);
    author.answer("Why A) ClientHello (optional): ", "");
    author.answer(
        "Why B) ServerHello, right (optional): ",
        "It names the suite: the server's choice.",
    );
    author.answer("Why C) - Finished (optional): ", "");
    author.expect("The choices' order");
    author.press(DOWN);
    author.expect("> Keep the choices in this order (shuffle: false)");
    author.press(ENTER);

    author.answer("Explanation (optional): ", "The server picks one suite:");
    author.answer(
        "Explanation, line 2 (empty ends): ",
        "the one in ServerHello.",
    );
    author.answer("Explanation, line 3 (empty ends): ", "");
    author.answer(
        "Reference: an RFC number or a URL (empty ends): ",
        "RFC 5246",
    );
    author.answer("Section of RFC 5246 (optional): ", "7.4.1.3");
    author.answer("Title (optional): ", "Server Hello");
    author.answer(
        "Reference: an RFC number or a URL (empty ends): ",
        "ftp://example.com",
    );
    author.expect("error: `url` must be an http:// or https:// address");
    author.answer(
        "Reference: an RFC number or a URL (empty ends): ",
        "https://example.com/tls#suite",
    );
    author.answer("Title (optional): ", "");
    author.answer("Reference: an RFC number or a URL (empty ends): ", "");
    author.answer("Tags, comma-separated (optional): ", "tls, handshake, tls");
}

/// The question as `write_the_question` typed it, read back from `bytes`.
#[track_caller]
fn assert_has_the_question(bytes: &[u8]) {
    let mut diags = Vec::new();
    let bank = read_bank("bank.yaml", bytes, &mut diags)
        .unwrap_or_else(|| panic!("the bank does not load: {diags:?}"));
    assert!(diags.is_empty(), "{diags:?}");
    let q = bank.questions.last().expect("a question");
    assert_eq!(q.id.value, "which-message-carries-the-chosen-suite");
    assert_eq!(q.question.value, STEM);
    let c = q.choices().expect("a choice question");
    let choices: Vec<&str> = c
        .choices
        .value
        .iter()
        .map(|c| c.text.value.as_str())
        .collect();
    assert_eq!(choices, ["ClientHello", "ServerHello", "- Finished"]);
    assert_eq!(c.correct(), [1]);
    assert!(c.multi && !c.shuffle);
    assert_eq!(
        c.choices.value[1].why.as_ref().map(|w| w.value.as_str()),
        Some("It names the suite: the server's choice.")
    );
    assert!(c.choices.value[0].why.is_none());
    assert_eq!(
        q.exhibit.as_ref().map(|e| e.value.as_str()),
        Some("Handshake Protocol: Server Hello\n    Cipher Suite: 0x1301\n")
    );
    assert_eq!(
        q.explanation.as_ref().map(|e| e.value.as_str()),
        Some("The server picks one suite:\nthe one in ServerHello.\n")
    );
    let references: Vec<(String, String)> =
        q.references.iter().map(|r| (r.label(), r.link())).collect();
    assert_eq!(
        references,
        [
            (
                "RFC 5246 §7.4.1.3".to_owned(),
                "https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3".to_owned()
            ),
            (
                "https://example.com/tls#suite".to_owned(),
                "https://example.com/tls#suite".to_owned()
            ),
        ]
    );
    assert!(matches!(q.references[0].target, Target::Rfc { .. }));
    let tags: Vec<&str> = q.tags.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(tags, ["tls", "handshake"]);
}

#[test]
fn every_prompt_answered_appends_the_question_and_keeps_the_file() {
    let dir = temp_dir();
    let path = dir.path().join("bank.yaml");
    let old = fixture();
    std::fs::write(&path, &old).expect("copy the fixture");

    let mut author = Author::start(Some(&path));
    author.expect("New question for ");
    write_the_question(&mut author, Some("record-alert"));
    // The question as it will be written, then the choice to write it.
    author.expect("- id: which-message-carries-the-chosen-suite");
    author
        .expect("question: \"Which message carries the chosen suite: \\\"ServerHello\\\" or #2?\"");
    author.expect("> Append it to ");
    author.press(ENTER);
    author.exits_cleanly();

    let new = read(&path);
    assert!(
        new.starts_with(&old),
        "the old bytes changed:\n{}",
        String::from_utf8_lossy(&new)
    );
    let added = String::from_utf8_lossy(&new[old.len()..]).into_owned();
    // The fixture has no final newline and blank lines between its items.
    assert!(
        added.starts_with("\n\n  - id: which-message-carries-the-chosen-suite\n"),
        "{added}"
    );
    assert_has_the_question(&new);
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list the folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert_eq!(files, ["bank.yaml"], "a temporary file was left behind");
}

#[test]
fn a_missing_file_is_created_with_the_title_asked_for() {
    let dir = temp_dir();
    let path = dir.path().join("fresh.yaml");
    let mut author = Author::start(Some(&path));
    author.expect("(a new file)");
    author.answer("Title of the new bank [fresh]: ", "TLS: the basics");
    write_the_question(&mut author, None);
    author.expect("> Append it to ");
    author.press(ENTER);
    author.exits_cleanly();

    let new = read(&path);
    let text = String::from_utf8_lossy(&new);
    assert!(
        text.starts_with("title: \"TLS: the basics\"\nquestions:\n  - id: which-message"),
        "{text}"
    );
    assert_has_the_question(&new);
}

#[test]
fn without_a_file_the_question_goes_to_standard_output() {
    let mut author = Author::start(None);
    author.expect("its YAML goes to standard output");
    write_the_question(&mut author, None);
    author.expect("> Print it");
    author.press(ENTER);
    author.expect("- id: which-message-carries-the-chosen-suite");
    author.expect("tags: [tls, handshake]");
    author.exits_cleanly();
}

#[test]
fn a_field_can_be_edited_before_saving() {
    let dir = temp_dir();
    let path = dir.path().join("bank.yaml");
    std::fs::write(&path, fixture()).expect("copy the fixture");
    let mut author = Author::start(Some(&path));
    write_the_question(&mut author, Some("tls13-messages"));
    author.expect("> Append it to ");
    author.press(DOWN);
    author.expect("> Edit a field");
    author.press(ENTER);
    author.expect("> Kind");
    for field in [
        "Question",
        "Id",
        "Exhibit",
        "Choices",
        "Correct answers",
        "How many to pick: told, or select all that apply",
        "Feedback on each choice (why)",
        "Shuffling",
        "Explanation",
        "References",
        "Tags",
    ] {
        author.press(DOWN);
        author.expect(&format!("> {field}"));
    }
    author.press(ENTER);
    // The tags so far are there to edit: add one.
    author.answer("Tags, comma-separated (optional): ", ", tls13");
    author.expect("tags: [tls, handshake, tls13]");
    author.expect("> Append it to ");
    author.press(ENTER);
    author.exits_cleanly();
    let text = String::from_utf8_lossy(&read(&path)).into_owned();
    assert!(
        text.ends_with("    tags: [tls, handshake, tls13]\n"),
        "{text}"
    );
}

/// Presses `key` at the first text prompt, or at the checklist of correct
/// choices: quiz says it cancelled, exits with status 1 with the cursor shown, and
/// the file is as it was.
#[track_caller]
fn cancelled_leaves_the_file_as_it_was(at_the_checklist: bool, key: &str) {
    let dir = temp_dir();
    let path = dir.path().join("bank.yaml");
    let old = fixture();
    std::fs::write(&path, &old).expect("copy the fixture");
    let mut author = Author::start(Some(&path));
    if at_the_checklist {
        author.expect("Kind of question");
        author.press(ENTER);
        author.answer("Question: ", "Which?");
        author.answer("Id [which]: ", "");
        author.answer("Exhibit (optional): ", "");
        author.answer("Choice A: ", "a");
        author.answer("Choice B: ", "b");
        author.answer("Choice C (empty ends): ", "");
        author.expect("> [ ] A) a");
    } else {
        author.expect("Kind of question");
        author.press(ENTER);
        author.expect("Question: ");
    }
    author.press(key);
    author.expect("cancelled; nothing was written");
    author.exits_with(1);
    assert_eq!(read(&path), old);
}

#[test]
fn ctrl_c_at_a_text_prompt_cancels_and_writes_nothing() {
    cancelled_leaves_the_file_as_it_was(false, CTRL_C);
}

#[test]
fn ctrl_c_at_the_checklist_cancels_and_writes_nothing() {
    cancelled_leaves_the_file_as_it_was(true, CTRL_C);
}

#[test]
fn esc_at_the_checklist_cancels_and_writes_nothing() {
    cancelled_leaves_the_file_as_it_was(true, ESC);
}

/// `quiz new` on a bank file holding `old` says `why` and exits with status 2
/// before asking anything, leaving the file as it was.
#[track_caller]
fn refused_before_any_question(old: &str, why: &str) {
    let dir = temp_dir();
    let path = dir.path().join("bank.yaml");
    std::fs::write(&path, old).expect("write the bank");
    let mut author = Author::start(Some(&path));
    author.expect(why);
    author.exits_with(2);
    assert!(
        find(&author.transcript, b"Question: ").is_none(),
        "{}",
        author.dump()
    );
    assert_eq!(read(&path), old.as_bytes());
}

#[test]
fn a_file_with_a_flow_list_is_refused_before_any_question() {
    refused_before_any_question(
        "questions: [{id: a, question: q, choices: [x, y], answer: A}]\n",
        "`questions` is a flow list",
    );
}

#[test]
fn a_file_holding_only_a_null_document_is_refused_before_any_question() {
    for old in ["~\n", "null\n"] {
        refused_before_any_question(old, "only an empty YAML document (`~`, `null`)");
    }
}

/// `quiz new` to standard output: picks `kind` in the menu (DOWN `downs`
/// times), answers the stem and id, no exhibit; then `answer` the kind's own
/// prompts, and the common ones after them empty.
fn new_of_kind(kind: &str, downs: usize, answer: impl FnOnce(&mut Author)) -> String {
    let mut author = Author::start(None);
    author.expect("Kind of question");
    for _ in 0..downs {
        author.press(DOWN);
    }
    author.expect(&format!("> {kind}"));
    author.press(ENTER);
    author.answer("Question: ", &format!("A question of kind {kind}?"));
    author.answer("Id [", "");
    author.answer("Exhibit (optional): ", "");
    answer(&mut author);
    author.answer("Explanation (optional): ", "Because.");
    author.answer("Explanation, line 2 (empty ends): ", "");
    author.answer("Reference: an RFC number or a URL (empty ends): ", "8446");
    author.answer("Section of RFC 8446 (optional): ", "2");
    author.answer("Title (optional): ", "");
    author.answer("Reference: an RFC number or a URL (empty ends): ", "");
    author.answer("Tags, comma-separated (optional): ", "tls");
    author.expect("> Print it");
    author.press(ENTER);
    author.exits_cleanly();
    let out = String::from_utf8_lossy(&author.transcript).into_owned();
    let at = out
        .rfind("- id: a-question-of-kind")
        .unwrap_or_else(|| panic!("no YAML printed:\n{out}"));
    out[at..].replace("\r\n", "\n")
}

/// The YAML printed reads back as a bank that `quiz check` passes.
#[track_caller]
fn reads_back(yaml: &str) -> quiz::bank::Question {
    let text = format!("questions:\n  {}", yaml.trim_end());
    let text: String = text
        .lines()
        .take_while(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    let mut diags = Vec::new();
    let bank = read_bank("new.yaml", text.as_bytes(), &mut diags)
        .unwrap_or_else(|| panic!("does not load: {diags:?}\n{text}"));
    assert!(diags.is_empty(), "{diags:?}\n{text}");
    let found = quiz::check::rules::run(std::slice::from_ref(&bank));
    assert!(found.iter().all(|d| !d.is_error()), "{found:?}\n{text}");
    bank.questions.into_iter().next().expect("a question")
}

#[test]
fn an_order_question_asks_its_items_in_the_right_order() {
    let yaml = new_of_kind("order", 1, |a| {
        a.answer("Item 1, the first: ", "ClientHello");
        a.answer("Item 2: ", "ClientKeyExchange");
        a.answer("Item 3: ", "ClientHello");
        a.expect("error: item 3 repeats item 1");
        a.answer("Item 3: ", "Finished");
        a.answer("Item 4 (empty ends): ", "");
    });
    assert!(
        yaml.contains("kind: order\n")
            && yaml.contains(
                "items:\n      - ClientHello\n      - ClientKeyExchange\n      - Finished\n"
            ),
        "{yaml}"
    );
    assert_eq!(reads_back(&yaml).kind(), quiz::bank::Kind::Order);
}

#[test]
fn a_match_question_asks_its_pairs_extra_responses_and_their_order() {
    let yaml = new_of_kind("match", 2, |a| {
        a.answer("Premise 1: ", "ClientHello");
        a.answer("Response to premise 1 (ClientHello): ", "nothing");
        a.answer("Premise 2: ", "ClientHello");
        a.expect("error: premise 2 repeats premise 1");
        a.answer("Premise 2: ", "Finished: server");
        a.answer(
            "Response to premise 2 (Finished: server): ",
            "the handshake keys",
        );
        a.answer("Premise 3 (empty ends): ", "");
        a.answer(
            "Extra response 1, matching no premise (empty ends): ",
            "nothing",
        );
        a.expect("is not extra");
        a.answer(
            "Extra response 1, matching no premise (empty ends): ",
            "the early keys",
        );
        a.answer("Extra response 2, matching no premise (empty ends): ", "");
        a.expect("The responses' order");
        a.press(ENTER);
    });
    assert!(
        yaml.contains("pairs:\n      - ClientHello: nothing\n      - \"Finished: server\": the handshake keys\n    extra:\n      - the early keys\n"),
        "{yaml}"
    );
    assert_eq!(reads_back(&yaml).kind(), quiz::bank::Kind::Match);
}

#[test]
fn a_number_question_asks_a_number_and_its_tolerance() {
    let yaml = new_of_kind("number", 3, |a| {
        a.answer("Answer (a number): ", "16 KiB");
        a.expect("is not a number");
        a.answer("Answer (a number): ", "16,384");
        a.answer(
            "Tolerance (optional: an amount such as 0.5, or a percentage such as 1%): ",
            "-1",
        );
        a.expect("is not an amount of 0 or more");
        a.answer(
            "Tolerance (optional: an amount such as 0.5, or a percentage such as 1%): ",
            "1%",
        );
    });
    assert!(
        yaml.contains("answer: \"16,384\"\n    tolerance: \"1%\"\n"),
        "{yaml}"
    );
    assert_eq!(reads_back(&yaml).kind(), quiz::bank::Kind::Number);
}

#[test]
fn a_text_question_asks_its_accepted_answers_and_case() {
    let yaml = new_of_kind("text", 4, |a| {
        a.answer("Accepted answer: ", "server_name");
        a.answer("Accepted answer 2 (empty ends): ", "Server_Name");
        a.expect("is accepted answer 1 again");
        a.answer("Accepted answer 2 (empty ends): ", "SNI");
        a.answer("Accepted answer 3 (empty ends): ", "");
        a.expect("Case in the answers");
        a.press(DOWN);
        a.press(ENTER);
    });
    assert!(
        yaml.contains("answer:\n      - server_name\n      - SNI\n    case: sensitive\n"),
        "{yaml}"
    );
    assert_eq!(reads_back(&yaml).kind(), quiz::bank::Kind::Text);
}

#[test]
fn an_open_question_asks_its_model_answer() {
    let yaml = new_of_kind("open", 5, |a| {
        a.answer("Model answer: ", "");
        a.expect("error: an open question needs a model answer");
        a.answer("Model answer: ", "So that a passive observer");
        a.answer(
            "Model answer, line 2 (empty ends): ",
            "cannot see the certificate.",
        );
        a.answer("Model answer, line 3 (empty ends): ", "");
    });
    assert!(
        yaml.contains(
            "answer: |\n      So that a passive observer\n      cannot see the certificate.\n"
        ),
        "{yaml}"
    );
    assert_eq!(reads_back(&yaml).kind(), quiz::bank::Kind::Open);
}
