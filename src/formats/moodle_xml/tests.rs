use super::super::testing::texts;
use super::super::{Imported, Kind, export, import, testing};
use super::*;

fn ok(text: &str) -> Imported {
    testing::ok(Kind::MoodleXml, "moodle.xml", text)
}

fn err(text: &str) -> (u32, String) {
    testing::err(Kind::MoodleXml, "moodle.xml", text)
}

const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/TLS/Handshake</text></category>
  </question>
  <question type="multichoice">
    <name><text>Server Hello suite</text></name>
    <questiontext format="html"><text><![CDATA[<p>Which message carries the <b>chosen</b> suite?</p>]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>The server picks one.</p><p>See &amp; read.</p>]]></text></generalfeedback>
    <single>true</single>
    <shuffleanswers>1</shuffleanswers>
    <answer fraction="0" format="html"><text>ClientHello</text>
      <feedback format="html"><text><![CDATA[It lists the client's suites.<br>All of them.]]></text></feedback></answer>
    <answer fraction="100" format="html"><text>ServerHello</text><feedback><text></text></feedback></answer>
    <tags><tag><text>tls12</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>Hashes</text></name>
    <questiontext format="moodle_auto_format"><text>Which are hashes?
Pick all.</text></questiontext>
    <single>false</single>
    <shuffleanswers>false</shuffleanswers>
    <answer fraction="50"><text>SHA-256</text></answer>
    <answer fraction="50"><text>SHA-384</text></answer>
    <answer fraction="-100"><text>AES</text></answer>
  </question>
  <question type="calculated">
    <name><text>Short</text></name>
    <questiontext><text>Name a hash.</text></questiontext>
    <answer fraction="100"><text>SHA-256</text></answer>
  </question>
  <question type="truefalse">
    <name><text>TF</text></name>
    <questiontext format="plain_text"><text>TLS 1.3 removed <RSA> key exchange.</text></questiontext>
    <answer fraction="0"><text>false</text><feedback><text>It did remove it.</text></feedback></answer>
    <answer fraction="100"><text>true</text><feedback><text>Right.</text></feedback></answer>
  </question>
</quiz>
"#;

#[test]
fn reads_multichoice_truefalse_and_categories() {
    let imported = ok(&SAMPLE.replace("<RSA>", "&lt;RSA&gt;"));
    let qs = &imported.bank.questions;
    assert_eq!(qs.len(), 3);
    assert_eq!(qs[0].id.value, "Server-Hello-suite");
    assert_eq!(
        qs[0].question.value,
        "Which message carries the chosen suite?"
    );
    assert_eq!(qs[0].as_choice().correct(), [1]);
    assert_eq!(
        qs[0].as_choice().choices.value[0]
            .why
            .as_ref()
            .map(|w| w.value.as_str()),
        Some("It lists the client's suites.\nAll of them.")
    );
    assert!(qs[0].as_choice().choices.value[1].why.is_none());
    assert_eq!(
        qs[0].explanation.as_ref().map(|e| e.value.as_str()),
        Some("The server picks one.\n\nSee & read.")
    );
    let tags: Vec<&str> = qs[0].tags.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(tags, ["tls12", "Handshake"]);
    assert_eq!(qs[0].pos, Pos::new(6, 3));
    assert_eq!(qs[0].as_choice().choices.value[1].text.pos, Pos::new(14, 5));
    assert!(qs[0].as_choice().shuffle);

    assert_eq!(qs[1].question.value, "Which are hashes?\nPick all.");
    assert_eq!(qs[1].as_choice().correct(), [0, 1]);
    assert!(
        !qs[1].as_choice().shuffle,
        "shuffleanswers false keeps the order"
    );

    let tf = &qs[2];
    assert_eq!(tf.question.value, "TLS 1.3 removed <RSA> key exchange.");
    assert_eq!(texts(tf), ["True", "False"]);
    assert_eq!(tf.as_choice().correct(), [0]);
    assert_eq!(
        tf.as_choice().choices.value[0]
            .why
            .as_ref()
            .map(|w| w.value.as_str()),
        Some("Right.")
    );

    assert_eq!(imported.warnings.len(), 1);
    assert_eq!(imported.warnings[0].line, 27);
    assert!(imported.warnings[0].message.contains("type `calculated`"));
}

#[test]
fn malformed_xml_names_its_line() {
    let (line, message) = err(SAMPLE);
    assert_eq!(line, 34, "{message}");
    assert!(message.starts_with("not well-formed XML"), "{message}");
    assert_eq!(err("<quiz>\n<question type=\"multichoice\">\n").0, 2);
    assert!(err("<html></html>").1.contains("<quiz>"));
    assert!(err("").1.contains("XML"));
    let failed = import(
            Kind::MoodleXml,
            "moodle.xml",
            "<quiz>\n<question type=\"multichoice\">\n<questiontext><text>Q</text></questiontext>\n<answer fraction=\"lots\"><text>a</text></answer>\n</question></quiz>",
        )
        .err()
        .unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(failed.error.line, 2);
    assert!(
        failed
            .error
            .message
            .contains("its one question was skipped")
    );
    assert!(
        failed.warnings[0]
            .message
            .contains("\"lots\" at line 4 is not a number")
    );
    assert!(
        err("<?xml version=\"1.0\"?>\n<!DOCTYPE quiz [<!ENTITY a \"aaaa\">]>\n<quiz>&a;</quiz>")
            .1
            .contains("DTD")
    );
}

/// Moodle reads a question without a type, or without `<questiontext>`, and
/// fails on it; quiz skips that question alone, naming its line.
#[test]
fn a_question_moodle_cannot_read_is_skipped_alone() {
    let imported = ok(
        "<quiz>\n<question><name/></question>\n<question type=\"multichoice\"><name><text>no text</text></name>\n<answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer></question>\n<question type=\"multichoice\"><questiontext><text>Kept?</text></questiontext>\n<answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer></question>\n</quiz>",
    );
    assert_eq!(imported.bank.questions.len(), 1);
    let at: Vec<(u32, &str)> = imported
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(at.len(), 2, "{at:?}");
    assert!(
        at[0].0 == 2 && at[0].1.contains("no type attribute"),
        "{at:?}"
    );
    assert!(
        at[1].0 == 3 && at[1].1.contains("no <questiontext>"),
        "{at:?}"
    );
}

/// `<single>` and `<shuffleanswers>` as Moodle's `trans_single` reads them: false
/// only for `false`, `0` or nothing; a missing `<single>` is true and a missing
/// `<shuffleanswers>` false, which keeps the choices in file order.
#[test]
fn flags_are_read_as_moodle_reads_them() {
    let question = |flags: &str| {
        format!(
            "<question type=\"multichoice\"><questiontext><text>Q</text></questiontext>{flags}\n<answer fraction=\"100\"><text>a</text></answer><answer fraction=\"0\"><text>b</text></answer></question>\n"
        )
    };
    let text = format!(
        "<quiz>\n{}{}{}{}{}</quiz>",
        question(""),
        question("<single>TRUE</single><shuffleanswers>yes</shuffleanswers>"),
        question("<single/><shuffleanswers>1</shuffleanswers>"),
        question("<single>false</single><shuffleanswers>FALSE</shuffleanswers>"),
        question("<single>0</single><shuffleanswers>0</shuffleanswers>"),
    );
    let imported = ok(&text);
    let got: Vec<(bool, bool)> = imported
        .bank
        .questions
        .iter()
        .map(|q| (q.as_choice().is_multiple(), q.as_choice().shuffle))
        .collect();
    assert_eq!(
        got,
        [
            (false, false),
            (false, true),
            (true, true),
            (true, true),
            (true, false)
        ]
    );
    assert!(
        imported
            .bank
            .questions
            .iter()
            .all(|q| q.as_choice().choices.value.iter().all(|c| !c.pin))
    );
    let flagged: Vec<(u32, &str)> = imported
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(flagged.len(), 4, "{flagged:?}");
    assert!(
        flagged[0].0 == 4
            && flagged[0]
                .1
                .contains("<single>TRUE</single> is read as true")
    );
    assert!(
        flagged[1]
            .1
            .contains("<shuffleanswers>yes</shuffleanswers> is read as true")
    );
    assert!(flagged[2].0 == 6 && flagged[2].1.contains("<single/> is read as false"));
    assert!(
        flagged[3].0 == 8
            && flagged[3]
                .1
                .contains("FALSE</shuffleanswers> is read as true")
    );
}

/// An empty `<answer>` is left out, as Moodle leaves it out; the question stays.
#[test]
fn an_empty_answer_is_left_out() {
    let imported = ok(
        "<quiz><question type=\"multichoice\"><questiontext><text>Q</text></questiontext>\n<answer fraction=\"100\"><text>a</text></answer>\n<answer fraction=\"0\"><text></text></answer>\n<answer fraction=\"0\"><text>b</text></answer></question></quiz>",
    );
    let q = &imported.bank.questions[0];
    assert_eq!(texts(q), ["a", "b"]);
    assert_eq!(imported.warnings[0].line, 3);
    assert!(imported.warnings[0].message.contains("answer 2 is empty"));
}

/// Tags in a name are stripped, as Moodle's `clean_question_name` strips them, and
/// HTML characters in an ID number are read as text.
#[test]
fn names_lose_their_tags_and_id_numbers_their_markup() {
    let imported = ok(
        "<quiz><question type=\"truefalse\"><name><text><![CDATA[Grades <strong>x</strong> > 1 & x < 2]]></text></name><questiontext><text>Q</text></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question>\n<question type=\"truefalse\"><name><text>n</text></name><idnumber>T &amp; F</idnumber><questiontext><text>R</text></questiontext><answer fraction=\"100\"><text>true</text></answer><answer fraction=\"0\"><text>false</text></answer></question></quiz>",
    );
    let ids: Vec<&str> = imported
        .bank
        .questions
        .iter()
        .map(|q| q.id.value.as_str())
        .collect();
    assert_eq!(ids, ["Grades-x-1-x-2", "T-F"]);
}

/// Text formats default to HTML, as in Moodle: markup in a question text with no
/// `format` is read, not shown.
#[test]
fn the_question_text_is_html_by_default() {
    let imported = ok(
        "<quiz><question type=\"multichoice\"><questiontext><text><![CDATA[<p>Which <b>one</b>?</p>\nLine]]></text></questiontext><answer fraction=\"100\"><text>a</text></answer><answer><text>b</text></answer></question></quiz>",
    );
    assert_eq!(
        imported.bank.questions[0].question.value,
        "Which one?\n\nLine"
    );
}

/// Grades Moodle refuses, negative marks quiz does not take, and files quiz does
/// not carry (`<file>` elements, `@@PLUGINFILE@@` links, Moodle 1.9's `<image>`):
/// each is named with its line.
#[test]
fn what_quiz_reads_differently_is_named() {
    let imported = ok(r#"<quiz>
<question type="multichoice">
  <questiontext format="html"><text><![CDATA[<p><a href="@@PLUGINFILE@@/bonjour.mp3">Listen</a>: which language?</p>]]></text>
    <file name="bonjour.mp3" encoding="base64">SUQz</file></questiontext>
  <image>flag.png</image>
  <single>true</single>
  <answer fraction="100"><text>French</text></answer>
  <answer fraction="-33.33333"><text>German</text></answer>
  <answer fraction="37"><text>Dutch</text></answer>
</question>
</quiz>"#);
    let q = &imported.bank.questions[0];
    assert_eq!(q.question.value, "Listen: which language?");
    let at: Vec<(u32, &str)> = imported
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(at.len(), 4, "{at:?}");
    assert!(
        at[0].0 == 3 && at[0].1.ends_with("bonjour.mp3, flag.png"),
        "{at:?}"
    );
    assert!(
        at[1].0 == 8 && at[1].1.contains("takes no marks away"),
        "{at:?}"
    );
    assert!(
        at[2].0 == 9 && at[2].1.contains("37 %, a grade Moodle refuses"),
        "{at:?}"
    );
    assert!(
        at[3].0 == 9 && at[3].1.contains("no partial credit"),
        "{at:?}"
    );
}

/// Moodle keeps one line of XML as well as many; so does quiz, in linear time.
#[test]
fn one_line_xml_keeps_its_columns() {
    let imported = ok(&SAMPLE.replace("<RSA>", "&lt;RSA&gt;").replace('\n', " "));
    let qs = &imported.bank.questions;
    assert_eq!(qs.len(), 3);
    assert!(qs.iter().all(|q| q.pos.line == 1));
    let col = SAMPLE
        .replace('\n', " ")
        .find("<question type=\"multichoice\">")
        .unwrap_or(0);
    assert_eq!(qs[0].pos.col, u32::try_from(col + 1).unwrap_or(0));
}

#[test]
fn long_ids_leave_out_the_id_number() {
    let mut bank = ok(&SAMPLE.replace("<RSA>", "&lt;RSA&gt;")).bank;
    bank.questions[0].id.value = "x".repeat(101);
    let out = export(Kind::MoodleXml, std::slice::from_ref(&bank));
    assert!(!out.text().contains("<idnumber>xxx"), "{}", out.text());
    assert!(
        out.text()
            .contains(&format!("<text>{}</text>", "x".repeat(101)))
    );
    assert_eq!(out.warnings.len(), 1);
    assert!(out.warnings[0].message.contains("<idnumber> is left out"));
}

#[test]
fn writes_weights_pins_links_and_reads_them_back() {
    let imported = ok(&SAMPLE.replace("<RSA>", "&lt;RSA&gt;"));
    let out = export(Kind::MoodleXml, std::slice::from_ref(&imported.bank));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(out.text().contains("<single>false</single>"));
    assert!(
        out.text()
            .contains("<shuffleanswers>false</shuffleanswers>")
    );
    assert!(
        out.text()
            .contains("<answer fraction=\"50\" format=\"html\">")
    );
    assert!(
        out.text()
            .contains("<answer fraction=\"-50\" format=\"html\">")
    );
    assert!(out.text().contains("<question type=\"truefalse\">"));
    assert!(
        out.text()
            .contains("<![CDATA[<p>TLS 1.3 removed &lt;RSA&gt; key exchange.</p>]]>"),
        "{}",
        out.text()
    );
    let again = ok(&out.text());
    assert_eq!(again.bank.questions.len(), 3);
    for (a, b) in imported.bank.questions.iter().zip(&again.bank.questions) {
        assert_eq!(a.id.value, b.id.value);
        assert_eq!(a.question.value, b.question.value);
        assert_eq!(a.as_choice().correct(), b.as_choice().correct());
        assert_eq!(
            a.explanation.as_ref().map(|e| &e.value),
            b.explanation.as_ref().map(|e| &e.value)
        );
        let whys = |q: &Question| {
            q.as_choice()
                .choices
                .value
                .iter()
                .map(|c| c.why.as_ref().map(|w| w.value.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(whys(a), whys(b));
        assert_eq!(a.as_choice().shuffle, b.as_choice().shuffle);
    }
}

#[test]
fn the_hand_written_fixture() {
    let text = include_str!("../../../tests/fixtures/formats/tricky.xml");
    let imported = ok(text);
    let qs = &imported.bank.questions;
    let ids: Vec<&str> = qs.iter().map(|q| q.id.value.as_str()).collect();
    assert_eq!(
        ids,
        [
            "Record-padding-who-checks-it",
            "AEAD-suites",
            "Compression",
            "Short-answer",
            "AEAD-suites-2"
        ]
    );
    let padding = &qs[0];
    assert_eq!(
        padding.question.value,
        "In TLS 1.2 with a CBC suite, which check must a receiver do in constant time?"
    );
    assert_eq!(
        padding.as_choice().choices.value[1].text.value,
        "The MAC and the padding"
    );
    assert_eq!(padding.as_choice().correct(), [1]);
    assert_eq!(
        padding.as_choice().choices.value[0]
            .why
            .as_ref()
            .map(|w| w.value.as_str()),
        Some("No timing leak there.\nIt is public anyway.")
    );
    assert_eq!(
        padding.explanation.as_ref().map(|e| e.value.as_str()),
        Some(
            "Lucky Thirteen showed that timing differences leak.\n\nSee RFC 5246 §6.2.3.2 & RFC 7457."
        )
    );
    let tags: Vec<&str> = padding.tags.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(tags, ["cbc", "timing", "Record layer"]);
    let aead = &qs[1];
    assert_eq!(
        aead.question.value,
        "Which of these are AEAD ciphers?\nTick every one."
    );
    assert_eq!(aead.as_choice().correct(), [0, 1]);
    assert!(!aead.as_choice().shuffle);
    assert_eq!(
        aead.as_choice().choices.value[2]
            .why
            .as_ref()
            .map(|w| w.value.as_str()),
        Some("MAC-then-encrypt is not AEAD <by definition>.")
    );
    let tf = &qs[2];
    assert_eq!(tf.as_choice().correct(), [0]);
    assert_eq!(
        tf.as_choice().choices.value[1]
            .why
            .as_ref()
            .map(|w| w.value.as_str()),
        Some("See RFC 8446 §4.1.2 (https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2).")
    );
    assert_eq!(qs[3].kind().name(), "text");
    assert_eq!(
        qs[4].question.value,
        "- AES-GCM\n- AES-CCM\n\nBoth of these are:"
    );
    // The essay has no model answer: neither grader information nor feedback.
    let skipped: Vec<u32> = imported.warnings.iter().map(|w| w.line).collect();
    assert_eq!(skipped, [111]);
}

#[test]
fn cdata_cannot_be_broken_out_of() {
    assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
    assert_eq!(
        xml::escape("a\u{7}<b>&\"c\""),
        "a&lt;b&gt;&amp;&quot;c&quot;"
    );
}
