//! `quiz import` and `quiz export` for QTI packages, Anki, CSV and exam-dump text,
//! through the real binary: round trips of the built-in bank, every QTI item and
//! manifest validated against the IMS schemas, and what an author reads when a file
//! is wrong.

use super::{Outcome, Test};
use std::io::Read;
use std::path::Path;
use std::process::Command;

const BUILTIN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/questions");
const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/qti-schema");
const DUMP: &str = include_str!("../fixtures/formats/dump.txt");

fn output(out: &Outcome) -> String {
    format!("{}{}", out.stdout, out.stderr)
}

fn ids(yaml: &str) -> Vec<&str> {
    yaml.lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .collect()
}

/// Exports the built-in bank as `to` into `file` and returns the test (its folder
/// holds the file).
fn export_builtin(to: &str, file: &str) -> Test {
    let test = Test::new().args(&["export", "--to", to, BUILTIN, "-o", file]);
    let out = test.run();
    out.status(0);
    assert!(
        out.stderr.is_empty(),
        "no warnings expected:\n{}",
        out.stderr
    );
    test
}

/// `import --from FROM INPUT -o OUT` in `test`'s folder; the YAML, after `quiz check`
/// has passed it.
fn import(test: &Test, from: &str, input: &str, out: &str) -> String {
    let imported = test.run_with(&["import", "--from", from, input, "-o", out], "");
    imported.status(0);
    let yaml = imported.read(out);
    test.run_with(&["check", out], "")
        .status(0)
        .stdout_has(": 0 errors");
    yaml
}

/// The files of a zip, by name.
pub(super) fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(path).expect("open the zip");
    let mut archive = zip::ZipArchive::new(file).expect("read the zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("a zip entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("unzip an entry");
            (entry.name().expect("an entry name").into_owned(), data)
        })
        .collect()
}

pub(super) fn unpack(files: &[(String, Vec<u8>)], into: &Path) {
    for (name, data) in files {
        let path = into.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("make a folder");
        std::fs::write(path, data).expect("write an unzipped file");
    }
}

#[test]
fn the_builtin_bank_round_trips_through_a_qti_zip_and_its_folder() {
    let test = export_builtin("qti", "bank.zip");
    let yaml = import(&test, "qti", "bank.zip", "back.yaml");
    assert_eq!(ids(&yaml).len(), 93);
    let files = unzip(&test.path("bank.zip"));
    assert_eq!(files[0].0, "imsmanifest.xml");
    assert_eq!(files.len(), 94);
    unpack(&files, &test.path("unpacked"));
    let from_folder = import(&test, "qti", "unpacked", "folder.yaml");
    assert_eq!(from_folder, yaml, "the folder reads as the zip does");
    // One item alone.
    let one = test.run_with(
        &[
            "import",
            "--from",
            "qti",
            "unpacked/items/tls-not-handshake-steps.xml",
        ],
        "",
    );
    one.status(0)
        .stdout_has("  - id: tls-not-handshake-steps\n")
        .stdout_has("    multi: true\n");
    // A second trip gives the same bank.
    test.run_with(
        &["export", "--to", "qti", "back.yaml", "-o", "again.zip"],
        "",
    )
    .status(0);
    assert_eq!(import(&test, "qti", "again.zip", "again.yaml"), yaml);
}

/// Where `xmllint` is missing the test fails, saying what to install, unless
/// `QUIZ_SKIP_XMLLINT=1` says to skip it; `.ci/run` installs it.
pub(super) fn xmllint() -> Option<&'static str> {
    if Command::new("xmllint").arg("--version").output().is_ok() {
        return Some("xmllint");
    }
    if std::env::var("QUIZ_SKIP_XMLLINT").is_ok_and(|v| v == "1") {
        eprintln!("QUIZ_SKIP_XMLLINT=1: the QTI schema validation is skipped");
        return None;
    }
    panic!(
        "xmllint is not installed, and this test validates the QTI export with it: \
         install libxml2-utils (apt-get install libxml2-utils), or set QUIZ_SKIP_XMLLINT=1 to skip it"
    );
}

#[test]
fn every_qti_item_and_the_manifest_validate_against_the_ims_schemas() {
    let Some(xmllint) = xmllint() else { return };
    let test = export_builtin("qti", "bank.zip");
    let dir = test.path("unpacked");
    unpack(&unzip(&test.path("bank.zip")), &dir);
    let items: Vec<String> = std::fs::read_dir(dir.join("items"))
        .expect("the items folder")
        .map(|e| e.expect("an item").path().display().to_string())
        .collect();
    assert_eq!(items.len(), 93);
    validate(xmllint, "qtiv2p1/imsqti_v2p1.xsd", &items);
    let manifest = dir.join("imsmanifest.xml").display().to_string();
    validate(xmllint, "imscp_v1p1.xsd", &[manifest]);
}

/// Each of `files` validates against `schema` (a path under [`SCHEMAS`]).
pub(super) fn validate(xmllint: &str, schema: &str, files: &[String]) {
    let out = Command::new(xmllint)
        .args(["--noout", "--schema"])
        .arg(Path::new(SCHEMAS).join(schema))
        .args(files)
        .output()
        .expect("run xmllint");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{schema}:\n{said}");
    let valid = said.lines().filter(|l| l.ends_with(" validates")).count();
    assert_eq!(valid, files.len(), "{said}");
}

#[test]
fn the_builtin_bank_round_trips_through_csv() {
    let test = export_builtin("csv", "bank.csv");
    let header = std::fs::read_to_string(test.path("bank.csv")).expect("the CSV");
    assert!(
        header.starts_with("id,kind,question,A,B,C,D,E,F,why A,"),
        "{}",
        &header[..80]
    );
    let yaml = import(&test, "csv", "bank.csv", "back.yaml");
    assert_eq!(ids(&yaml).len(), 93);
    test.run_with(
        &["export", "--to", "csv", "back.yaml", "-o", "again.csv"],
        "",
    )
    .status(0);
    assert_eq!(import(&test, "csv", "again.csv", "again.yaml"), yaml);
}

#[test]
fn a_csv_without_a_required_column_names_it() {
    let out = Test::new()
        .file("bank.csv", "question;A;C;answer\nWhich?;one;three;A\n")
        .args(&["import", "--from", "csv", "bank.csv", "-o", "out.yaml"])
        .run();
    out.status(1).stderr_has(
        "bank.csv:1: error: the header row has no `B` column: name the columns in the first row",
    );
    assert!(!out.dir().join("out.yaml").exists());
}

#[test]
fn anki_gets_a_file_its_import_reads_without_settings() {
    let test = export_builtin("anki", "deck.txt");
    let text = std::fs::read_to_string(test.path("deck.txt")).expect("the Anki file");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.by_ref().take(6).collect();
    assert_eq!(
        header,
        [
            "#separator:tab",
            "#html:true",
            "#notetype:Basic",
            "#tags column:3",
            "#deck column:4",
            "#guid column:5"
        ]
    );
    let notes: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(notes.len(), 93);
    assert!(notes.iter().all(|n| n.len() == 5));
    // Every kind has its note: an order's back gives the right order.
    let order = notes
        .iter()
        .find(|n| n[4] == "quiz-config-limited-dh-priority")
        .expect("an order's note");
    assert!(
        order[0].contains("<p><i>(Put in order)</i></p>"),
        "{}",
        order[0]
    );
    assert!(order[1].starts_with("<ol><li><b>"), "{}", order[1]);
    let hello = notes
        .iter()
        .find(|n| n[4] == "quiz-tls-not-handshake-steps")
        .expect("the handshake steps note");
    assert!(
        hello[0].contains("<p><i>(Select all that apply)</i></p><div>A. Client sends Hello"),
        "{}",
        hello[0]
    );
    assert!(
        hello[1].starts_with("<p><b>C. Server sends Hello to Client"),
        "{}",
        hello[1]
    );
    assert!(
        hello[1].contains("<a href=\"https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3\">"),
        "{}",
        hello[1]
    );
    assert_eq!(hello[2], "tls handshake tls12");
    assert_eq!(hello[3], "TLS 1.2 handshake");
}

#[test]
fn an_exam_dump_page_imports_and_names_the_questions_without_an_answer() {
    let test = Test::new().file("page.txt", DUMP);
    let out = test.run_with(
        &["import", "--from", "text", "page.txt", "-o", "bank.yaml"],
        "",
    );
    out.status(1)
        .stderr_has("page.txt:63: error: no answer given: `page-4` is written with `answer: []`")
        .stderr_has("page.txt:85: error: no answer given: `page-7`")
        .stderr_has("page.txt:91: warning: answer `E` names no choice: the question has 4 (A–D)")
        .stderr_has("quiz: imported 7 questions into bank.yaml")
        .stderr_has("quiz: 2 questions have no answer: fill in each `answer: []`");
    let yaml = out.read("bank.yaml");
    assert!(
        yaml.contains("    question: Which message carries the server's chosen cipher suite?\n")
    );
    assert!(
        !yaml.contains("Leave a Reply") && !yaml.contains("Facebook"),
        "{yaml}"
    );
    // `quiz check` points at each answer to fill in.
    let check = test.run_with(&["check", "bank.yaml"], "");
    check.status(1);
    let errors: Vec<&str> = check
        .diagnostics()
        .into_iter()
        .filter(|d| d.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    for e in &errors {
        assert!(e.contains("`answer` is empty"), "{e}");
    }
    let line: usize = errors[0]
        .split(':')
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("a line number");
    assert_eq!(yaml.lines().nth(line - 1), Some("    answer: []"));
}

#[test]
fn formats_read_only_or_written_only_are_refused_by_the_command_line() {
    Test::new()
        .file("deck.txt", "x")
        .args(&["import", "--from", "anki", "deck.txt"])
        .run()
        .status(2);
    Test::new()
        .args(&["export", "--to", "text"])
        .run()
        .status(2);
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    for from in ["qti", "csv", "text"] {
        let out = Test::new()
            .bytes("junk.bin", b"PK\x03\x04\x00\xff\xfe<quiz>{{{\x00::\n\n}}}")
            .args(&["import", "--from", from, "junk.bin"])
            .run();
        assert_eq!(out.status, 1, "{from}: {}", output(&out));
        assert!(
            !output(&out).contains("panicked"),
            "{from}: {}",
            output(&out)
        );
    }
}
