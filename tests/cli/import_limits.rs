//! What `quiz import` writes, `quiz check` reads: a question over the limits is
//! skipped with an error at its line and the rest imported; a bank over check's
//! 16 MiB file limit is refused in words before anything is written; a package
//! that unpacks to a flood, or XML made of nothing but elements, is refused before
//! it costs more. (The memory these cost is measured by `cargo bench --bench
//! import`.)

use super::Test;
use std::io::Write;

/// A CSV row whose explanation is `n` bytes long.
fn row(i: usize, explanation_bytes: usize) -> String {
    format!(
        "Question {i}?,right {i},wrong {i},A,{}\n",
        "x".repeat(explanation_bytes)
    )
}

#[test]
fn a_question_over_the_limit_is_skipped_at_its_line_and_the_rest_imported() {
    let mut csv = String::from("question,A,B,answer,explanation\n");
    csv.push_str(&row(1, 10));
    csv.push_str(&row(2, 3 * 1024 * 1024));
    csv.push_str(&row(3, 10));
    let t = Test::new().file("in.csv", &csv);
    let out = t.run_with(&["import", "in.csv", "-o", "out.yaml"], "");
    out.status(1)
        .stderr_has("in.csv:3: error: skipped the question: it takes 3.0 MiB in quiz's format, and a question may take at most 1.0 MiB")
        .stderr_has("quiz: imported 2 questions into out.yaml")
        .stderr_has("quiz: 1 question was skipped with an error (above); the others were imported");
    t.run_with(&["check", "out.yaml"], "").status(0);
}

#[test]
fn a_bank_over_the_file_limit_is_refused_before_anything_is_written() {
    // 20 questions of 900 KB: each under the question limit, 17.6 MiB in all.
    let mut csv = String::from("question,A,B,answer,explanation\n");
    for i in 0..20 {
        csv.push_str(&row(i, 900 * 1024));
    }
    let t = Test::new().file("in.csv", &csv);
    let out = t.run_with(&["import", "in.csv", "-o", "out.yaml"], "");
    out.status(1).stderr_has(
        "quiz: the imported bank would be larger than 16 MiB (it reached that after 18 questions), more than `quiz check` reads in one file; nothing was written: split in.csv into smaller files and import each",
    );
    assert!(!t.path("out.yaml").exists(), "nothing is written");
    // To standard output, likewise.
    let out = t.run_with(&["import", "in.csv"], "");
    out.status(1);
    assert!(out.stdout.is_empty(), "{} bytes written", out.stdout.len());
}

/// A QTI package: a manifest listing `items`, each (name, XML) stored deflated.
fn package(items: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let resources: String = items
        .iter()
        .map(|(name, _)| {
            format!(
                "<resource identifier=\"r-{name}\" type=\"imsqti_item_xmlv2p1\" href=\"{name}\"><file href=\"{name}\"/></resource>"
            )
        })
        .collect();
    let manifest = format!(
        "<?xml version=\"1.0\"?><manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"m\"><resources>{resources}</resources></manifest>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("imsmanifest.xml", options)
        .expect("a zip entry");
    zip.write_all(manifest.as_bytes()).expect("write it");
    for (name, data) in items {
        zip.start_file(*name, options).expect("a zip entry");
        zip.write_all(data).expect("write it");
    }
    zip.finish().expect("the zip").into_inner()
}

fn item(id: &str, stem: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?>
<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" identifier=\"{id}\" title=\"{id}\">
  <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"identifier\">
    <correctResponse><value>A</value></correctResponse>
  </responseDeclaration>
  <itemBody>
    <choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">
      <prompt>{stem}</prompt>
      <simpleChoice identifier=\"A\">right</simpleChoice>
      <simpleChoice identifier=\"B\">wrong</simpleChoice>
    </choiceInteraction>
  </itemBody>
</assessmentItem>
"
    )
    .into_bytes()
}

#[test]
fn a_package_item_too_large_or_a_flood_of_elements_is_skipped_unread_and_the_rest_imported() {
    // 24 MiB of `<b/>`, a few dozen KB packed; and an item of 2 MB of text.
    let mut bomb = b"<?xml version=\"1.0\"?><assessmentItem><itemBody><div>".to_vec();
    bomb.extend(std::iter::repeat_n(&b"<b/>"[..], 6 * 1024 * 1024).flatten());
    bomb.extend_from_slice(b"</div></itemBody></assessmentItem>");
    let zip = package(&[
        ("ok.xml", item("ok", "Which one is right?")),
        ("bomb.xml", bomb),
        ("long.xml", item("long", &"word ".repeat(400_000))),
        ("also-ok.xml", item("also-ok", "And which one here?")),
    ]);
    assert!(zip.len() < 200 * 1024, "{} bytes", zip.len());
    let t = Test::new().bytes("in.zip", &zip);
    let out = t.run_with(&["import", "in.zip", "-o", "out.yaml"], "");
    out.status(1)
        .stderr_has("in.zip/bomb.xml:1: error: skipped the item: the file unpacks to more than 16 MiB, more than any question quiz takes; it is not read")
        .stderr_has("in.zip/long.xml:")
        .stderr_has("error: skipped the question: it takes 1.9 MiB in quiz's format, and a question may take at most 1.0 MiB")
        .stderr_has("quiz: imported 2 questions into out.yaml");
    assert!(
        !out.stderr.contains("this is a bug in quiz"),
        "{}",
        out.stderr
    );
    t.run_with(&["check", "out.yaml"], "").status(0);
}

#[test]
fn xml_of_nothing_but_elements_is_refused_at_a_bound() {
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<quiz>\n");
    xml.push_str(&"<b/>".repeat(200_000));
    xml.push_str("\n</quiz>\n");
    Test::new()
        .file("in.xml", &xml)
        .args(&["import", "in.xml"])
        .run()
        .status(1)
        .stderr_has("error: the file holds more XML nodes than a Moodle XML file of its size can (one per 8 bytes); quiz stops there");
}

/// The line formats are read as a stream, a buffer at a time: the lines of a file
/// many buffers long are still counted exactly, whatever ends them (a `\r\n` split
/// between two reads is one line ending).
#[test]
fn a_long_file_read_as_a_stream_names_the_right_lines() {
    let mut gift = String::new();
    for i in 0..4000 {
        gift.push_str(&format!(
            "::q{i}::Question {i}? {{\r\n=right\r\n~wrong\r\n}}\r\n\r\n"
        ));
    }
    // Line 20,001 (4000 questions of five lines): an answer block never closed.
    gift.push_str("::bad::Which? {\r\n=right\r\n\r\n::after::Fine? {=a ~b}\r\n");
    let t = Test::new().file("long.gift", &gift);
    t.run_with(&["import", "long.gift", "-o", "out.yaml"], "")
        .status(1)
        .stderr_has("long.gift:20001: error: skipped the question: this `{` has no closing `}`");
    let mut aiken = String::new();
    for i in 0..4000 {
        aiken.push_str(&format!("Question {i}?\rA. right\rB. wrong\rANSWER: A\r\r"));
    }
    // Line 20,003: a third choice lettered out of order.
    aiken.push_str("Which?\rA. one\rC. two\rANSWER: A\r");
    let t = Test::new().file("long.txt", &aiken);
    t.run_with(
        &["import", "--from", "aiken", "long.txt", "-o", "out.yaml"],
        "",
    )
    .status(1)
    .stderr_has("long.txt:20003: error: skipped the question: choice `C` is out of order");
}

/// Bytes that are not UTF-8 are an error at their line, not at line 1.
#[test]
fn bytes_not_utf8_are_named_at_their_line() {
    let mut text = b"Which?\nA. one\nB. two\nANSWER: A\n\nAnd?\nA. caf".to_vec();
    text.extend_from_slice(b"\xe9\nB. two\nANSWER: B\n");
    Test::new()
        .bytes("latin1.txt", &text)
        .args(&["import", "--from", "aiken", "latin1.txt"])
        .run()
        .status(1)
        .stderr_has(
            "latin1.txt:7: error: the file is not valid UTF-8; save it as UTF-8 and try again",
        );
}

/// Once the bank is full, nothing more of the file is read: what follows (here a
/// question that would stop the import) costs nothing, and the refusal is given.
#[test]
fn reading_stops_once_the_bank_is_full() {
    let mut gift = String::new();
    for i in 0..20 {
        gift.push_str(&format!(
            "::q{i}::Question {i}? {{=right ~wrong ####{}}}\n\n",
            "x".repeat(900 * 1024)
        ));
    }
    gift.push_str("::bad::Never read? {=right\n");
    let t = Test::new().file("in.gift", &gift);
    let out = t.run_with(&["import", "in.gift", "-o", "out.yaml"], "");
    out.status(1).stderr_has(
        "quiz: the imported bank would be larger than 16 MiB (it reached that after 18 questions)",
    );
    assert!(!out.stderr.contains("no closing"), "{}", out.stderr);
    assert!(!t.path("out.yaml").exists(), "nothing is written");
}

/// A question whose text is too long in the file is not read: GIFT skips a
/// paragraph over 1 MiB with an error and imports the rest; CSV, whose rows cannot
/// be told apart once a quote is left open, stops at a row over 4 MiB.
#[test]
fn a_question_too_long_in_the_file_is_not_read() {
    let long = "word ".repeat(1_000_000);
    let gift = format!(
        "::a::First? {{=yes ~no}}\n\n::b::Long?\n{long}\n{{=yes ~no}}\n\n::c::Last? {{=yes ~no}}\n"
    );
    let t = Test::new().file("in.gift", &gift);
    t.run_with(&["import", "in.gift", "-o", "out.yaml"], "")
        .status(1)
        .stderr_has("in.gift:3: error: skipped the question: its paragraph runs over 1 MiB before the blank line that ends it, more than any question quiz takes; it is not read (is a blank line missing between questions?)")
        .stderr_has("quiz: imported 2 questions into out.yaml");
    t.run_with(&["check", "out.yaml"], "").status(0);
    let csv = format!("question,A,B,answer\nFirst?,yes,no,A\n\"Open?,yes,no,A\n{long}\n{long}\n");
    Test::new()
        .file("in.csv", &csv)
        .args(&["import", "in.csv"])
        .run()
        .status(1)
        .stderr_has("in.csv:3: error: the row that starts here runs over 4 MiB, more than any question quiz takes; quiz stops here (is a quote left open?)");
}
