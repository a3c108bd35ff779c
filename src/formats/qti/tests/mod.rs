use super::*;
use crate::bank::letter;
use crate::formats::{Imported, Kind, export, import, import_bytes, import_folder};
use crate::quiz::Scoring;

fn read(name: &str, bytes: &[u8]) -> Imported {
    import_bytes(Kind::Qti, name, bytes)
        .map_err(|f| f.error)
        .unwrap_or_else(|d| panic!("{}:{}: {}", d.path, d.line, d.message))
}

fn ids(imported: &Imported) -> Vec<&str> {
    imported
        .bank
        .questions
        .iter()
        .map(|q| q.id.value.as_str())
        .collect()
}

/// Every subset of ticked choices scores under `map_response` (the sum of the mapped
/// values, clamped to the mapping's bounds; nothing ticked is 0) as `--scoring
/// partial` does, for the mapping as written in the exported item.
#[test]
fn the_mapping_scores_as_partial_scoring_does() {
    let banks = crate::formats::round_trip::builtin();
    let mut seen = 0;
    for q in banks
        .iter()
        .flat_map(|b| &b.questions)
        .filter(|q| q.as_choice().is_multiple())
    {
        let xml = write::item(q, None)
            .map(|(item, _)| item)
            .unwrap_or_else(|e| panic!("{e}"));
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}"));
        let mapping = doc
            .descendants()
            .find(|n| n.has_tag_name((QTI_NS, "mapping")))
            .unwrap_or_else(|| panic!("no mapping in `{}`", q.id.value));
        let bound = |name| mapping.attribute(name).and_then(|v| v.parse::<f64>().ok());
        let (lower, upper) = (bound("lowerBound"), bound("upperBound"));
        assert_eq!((lower, upper), (Some(0.0), Some(1.0)));
        let values: Vec<f64> = mapping
            .children()
            .filter(|n| n.has_tag_name((QTI_NS, "mapEntry")))
            .map(|e| {
                e.attribute("mappedValue")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(f64::NAN)
            })
            .collect();
        let n = q.as_choice().choices.value.len();
        assert_eq!(values.len(), n);
        let correct = q.as_choice().correct();
        for set in 0u32..(1 << n) {
            let ticked: Vec<usize> = (0..n).filter(|i| set & (1 << i) != 0).collect();
            let mapped = if ticked.is_empty() {
                0.0
            } else {
                ticked
                    .iter()
                    .map(|&i| values[i])
                    .sum::<f64>()
                    .clamp(0.0, 1.0)
            };
            let partial = Scoring::Partial.points(&ticked, &correct);
            assert!(
                (mapped - partial).abs() < 1e-9,
                "`{}` {ticked:?}: {mapped} vs {partial}",
                q.id.value
            );
        }
        seen += 1;
    }
    assert!(seen > 0);
}

/// An item as another tool writes it: the stem in a `<prompt>` and in blocks around a
/// nested interaction, other identifiers, feedback as `modalFeedback` per choice and
/// for right and wrong answers.
const FOREIGN: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p2" identifier="i123" title="Question 7" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse><value>choice_2</value></correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <p>Read the configuration below.</p>
    <pre>ssl_protocols TLSv1.2 TLSv1.3;
  ssl_ciphers HIGH;</pre>
    <div class="grid-row"><div class="col-12">
      <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
        <prompt>Which protocol versions does it <strong>allow</strong>?</prompt>
        <simpleChoice identifier="choice_1" fixed="true">TLS 1.0 &amp; 1.1</simpleChoice>
        <simpleChoice identifier="choice_2">TLS 1.2 and 1.3</simpleChoice>
      </choiceInteraction>
    </div></div>
  </itemBody>
  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="choice_1" showHide="show"><p>Those are not listed.</p></modalFeedback>
  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="correct" showHide="show"><p>Right.</p></modalFeedback>
  <modalFeedback outcomeIdentifier="FEEDBACK" identifier="incorrect" showHide="show"><p>See <a href="https://nginx.org/">nginx docs</a>.</p></modalFeedback>
</assessmentItem>"#;

#[test]
fn items_from_other_tools_are_read() {
    let imported = read("item.xml", FOREIGN.as_bytes());
    let q = &imported.bank.questions[0];
    assert_eq!(q.id.value, "Question-7");
    assert_eq!(
        q.question.value,
        "Read the configuration below.\n\nWhich protocol versions does it allow?"
    );
    assert_eq!(
        q.exhibit.as_ref().map(|e| e.value.as_str()),
        Some("ssl_protocols TLSv1.2 TLSv1.3;\n  ssl_ciphers HIGH;")
    );
    assert_eq!(q.as_choice().choices.value[0].text.value, "TLS 1.0 & 1.1");
    assert_eq!(
        q.as_choice().choices.value[0]
            .why
            .as_ref()
            .map(|w| w.value.as_str()),
        Some("Those are not listed.")
    );
    assert!(q.as_choice().choices.value[0].pin && !q.as_choice().choices.value[1].pin);
    assert!(!q.as_choice().shuffle);
    assert_eq!(q.as_choice().correct(), [1]);
    assert_eq!(
        q.explanation.as_ref().map(|e| e.value.as_str()),
        Some("Right.\n\nSee nginx docs (https://nginx.org/).")
    );
    let w = &imported.warnings[0];
    assert_eq!((w.line, w.severity.as_str()), (21, "warning"));
    assert!(
        w.message.contains("2 feedback blocks are joined"),
        "{}",
        w.message
    );
}

/// A package as a zip: the manifest's order, a listed file that is missing, a broken
/// item and an item of another type are reported; the others are read.
#[test]
fn packages_report_what_they_cannot_give() {
    let text_entry = FOREIGN.replace(
        "<choiceInteraction",
        "<textEntryInteraction responseIdentifier=\"R2\"/><choiceInteraction",
    );
    let manifest = r#"<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="m">
  <organizations/>
  <resources>
    <resource identifier="r1" type="imsqti_item_xmlv2p2" href="b%20item.xml">
      <metadata><lom><general><keyword><langstring>nginx</langstring></keyword></general></lom></metadata>
    </resource>
    <resource identifier="r2" type="imsqti_item_xmlv2p1" href="./a.xml"/>
    <resource identifier="r3" type="imsqti_item_xmlv2p1" href="gone.xml"/>
    <resource identifier="r4" type="imsqti_item_xmlv2p1" href="sub/../broken.xml"/>
    <resource identifier="r5" type="imsqti_item_xmlv2p1" href="two.xml"/>
    <resource identifier="t" type="imsqti_test_xmlv2p1" href="test.xml"/>
  </resources>
</manifest>"#;
    let files = vec![
        ("pkg/imsmanifest.xml".to_owned(), manifest.to_owned()),
        ("pkg/a.xml".to_owned(), FOREIGN.replace("Question 7", "A")),
        (
            "pkg/b item.xml".to_owned(),
            FOREIGN.replace("Question 7", "B"),
        ),
        (
            "pkg/broken.xml".to_owned(),
            "<assessmentItem><itemBody>".to_owned(),
        ),
        ("pkg/two.xml".to_owned(), text_entry),
    ];
    let zipped = zip(&bytes_of(files.clone())).unwrap_or_else(|e| panic!("{e}"));
    let imported = read("pkg.zip", &zipped);
    assert_eq!(ids(&imported), ["B", "A"]);
    let tags: Vec<&str> = imported.bank.questions[0]
        .tags
        .iter()
        .map(|t| t.value.as_str())
        .collect();
    assert_eq!(tags, ["nginx"]);
    let skipped: Vec<String> = imported
        .warnings
        .iter()
        .filter(|w| w.message.starts_with("skipped"))
        .map(|w| format!("{}:{}: {}", w.path, w.line, w.message))
        .collect();
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(
        skipped[0]
            .starts_with("pkg.zip/pkg/gone.xml:1: skipped the item: the package has no such file"),
        "{skipped:?}"
    );
    assert!(
        skipped[1].starts_with("pkg.zip/pkg/broken.xml:1: skipped the item: not well-formed XML"),
        "{skipped:?}"
    );
    assert!(skipped[2].contains("it has 2 interactions"), "{skipped:?}");
    // The same files as a folder.
    let folder: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(n, t)| (n.clone(), t.clone().into_bytes()))
        .collect();
    let again = import_folder(Kind::Qti, "dir", &folder)
        .map_err(|f| f.error)
        .unwrap_or_else(|d| panic!("{}", d.message));
    assert_eq!(again.bank.questions.len(), 2);
    assert!(again.warnings.iter().any(|w| w.path == "dir/pkg/gone.xml"));
}

#[test]
fn a_package_without_a_manifest_gives_its_items_by_name() {
    let files = vec![
        ("z.xml".to_owned(), FOREIGN.replace("Question 7", "Z")),
        ("notes.xml".to_owned(), "<notes/>".to_owned()),
        ("m.xml".to_owned(), FOREIGN.replace("Question 7", "M")),
    ];
    let imported = read(
        "pkg.zip",
        &zip(&bytes_of(files)).unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(ids(&imported), ["M", "Z"]);
}

#[test]
fn what_is_not_a_package_or_an_item_is_an_error() {
    for (bytes, says) in [
        (&b"PK\x03\x04garbage"[..], "the zip package cannot be read"),
        (
            &b"\xff\xfe\x00"[..],
            "neither a zip package nor a UTF-8 item file",
        ),
        (&b"<manifest/>"[..], "this is a package's manifest"),
        (&b"<assessmentItem>"[..], "not well-formed XML"),
        (&b"<quiz/>"[..], "expected a QTI <assessmentItem>"),
    ] {
        let err = import_bytes(Kind::Qti, "x", bytes)
            .map_err(|f| f.error)
            .err()
            .map(|d| d.message)
            .unwrap_or_default();
        assert!(err.contains(says), "{err}");
    }
    let empty = zip(&[]).unwrap_or_default();
    let err = import_bytes(Kind::Qti, "x.zip", &empty)
        .map_err(|f| f.error)
        .err()
        .map(|d| d.message)
        .unwrap_or_default();
    assert!(
        err.contains("no imsmanifest.xml and no QTI item files"),
        "{err}"
    );
}

#[test]
fn hrefs_resolve_inside_the_package() {
    assert_eq!(resolve("", "items/a.xml"), "items/a.xml");
    assert_eq!(resolve("pkg/", "./items/../a%20b.xml"), "pkg/a b.xml");
    assert_eq!(resolve("", "../../x.xml"), "x.xml");
    assert_eq!(percent_decode("100%"), "100%");
}

#[test]
fn every_item_says_each_why_when_its_choice_is_ticked_wrongly_or_missed() {
    let banks = crate::formats::round_trip::builtin();
    let q = banks
        .iter()
        .flat_map(|b| &b.questions)
        .find(|q| {
            q.as_choice()
                .choices
                .value
                .iter()
                .filter(|c| c.why.is_some())
                .count()
                >= 2
        })
        .unwrap_or_else(|| panic!("no question with two `why`s"));
    let xml = write::item(q, None)
        .map(|(item, _)| item)
        .unwrap_or_default();
    for (i, c) in q.as_choice().choices.value.iter().enumerate() {
        let l = letter(i);
        let inline = format!(
            "<feedbackInline outcomeIdentifier=\"FEEDBACK\" identifier=\"{l}\" showHide=\"show\">"
        );
        assert_eq!(xml.contains(&inline), c.why.is_some(), "{l}");
        let value = format!("<baseValue baseType=\"identifier\">{l}</baseValue>");
        let negated =
            format!("<not><match><variable identifier=\"RESPONSE\"/>{value}</match></not>");
        if c.why.is_some() && !q.as_choice().is_multiple() {
            assert_eq!(
                xml.contains(&negated),
                q.as_choice().correct().contains(&i),
                "{l}"
            );
        }
    }
    let exported = export(Kind::Qti, &banks);
    assert!(exported.bytes.starts_with(b"PK\x03\x04"));
    let _ = import;
}

mod kinds;

/// Text files as the bytes a package holds.
fn bytes_of(files: Vec<(String, String)>) -> Vec<(String, Vec<u8>)> {
    files
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect()
}
