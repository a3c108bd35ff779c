//! QTI packages of every kind through the real binary: a bank of order, match,
//! number, text, open and choice questions exported (every item valid against the
//! IMS schemas) and imported back, and a package with a broken item among good
//! ones, which imports the others and fails.

use super::Test;
use super::interchange::{unpack, unzip, validate, xmllint};
use std::io::Write;

const MIXED: &str = include_str!("../fixtures/formats/qti/mixed.yaml");
const EDGES: &str = include_str!("../fixtures/formats/qti/edges.yaml");
const ONE_BAD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/formats/qti/one-bad"
);

/// The two banks of every kind, exported to `bank.zip` with no warning.
fn exported() -> Test {
    let test = Test::new()
        .file("mixed.yaml", MIXED)
        .file("edges.yaml", EDGES)
        .args(&[
            "export",
            "--to",
            "qti",
            "mixed.yaml",
            "edges.yaml",
            "-o",
            "bank.zip",
        ]);
    let out = test.run();
    out.status(0);
    assert!(
        out.stderr.is_empty(),
        "no warnings expected:\n{}",
        out.stderr
    );
    test
}

#[test]
fn every_kind_is_exported_as_items_that_validate_against_the_ims_schemas() {
    let test = exported();
    let files = unzip(&test.path("bank.zip"));
    assert_eq!(files.len(), 1 + 30 + 6);
    let dir = test.path("unpacked");
    unpack(&files, &dir);
    let manifest = String::from_utf8_lossy(&files[0].1).into_owned();
    // The manifest names each interaction, but a text entry's (see entry.rs).
    for (interaction, n) in [
        ("choiceInteraction", 3),
        ("orderInteraction", 7),
        ("matchInteraction", 7),
        ("extendedTextInteraction", 5),
        ("textEntryInteraction", 0),
    ] {
        let named = format!("<interactionType>{interaction}</interactionType>");
        assert_eq!(manifest.matches(&named).count(), n, "{interaction}");
    }
    let Some(xmllint) = xmllint() else { return };
    let items: Vec<String> = files
        .iter()
        .skip(1)
        .map(|(name, _)| dir.join(name).display().to_string())
        .collect();
    validate(xmllint, "qtiv2p1/imsqti_v2p1.xsd", &items);
    let manifest = dir.join("imsmanifest.xml").display().to_string();
    validate(xmllint, "imscp_v1p1.xsd", &[manifest]);
}

#[test]
fn every_kind_comes_back_from_a_package_and_a_second_trip_changes_nothing() {
    let test = exported();
    let import = |zip: &str, yaml: &str| {
        let out = test.run_with(&["import", zip, "-o", yaml], "");
        out.status(0)
            .stderr_has(&format!("quiz: imported 36 questions into {yaml}\n"));
        assert_eq!(
            out.stderr.lines().count(),
            1,
            "only the summary:\n{}",
            out.stderr
        );
        test.run_with(&["check", yaml], "")
            .status(0)
            .stdout_has("36 questions: 0 errors");
        out.read(yaml)
    };
    let back = import("bank.zip", "back.yaml");
    for kind in ["order", "match", "number", "text", "open"] {
        assert!(
            back.contains(&format!("    kind: {kind}\n")),
            "no {kind}:\n{back}"
        );
    }
    // What the edges bank says beyond the drafts, as it says it.
    for line in [
        "    tolerance: \"2%\"\n",
        "    tolerance: \"0.5\"\n",
        "    answer: [TLS_AES_128_GCM_SHA256, TLS_AES_128_GCM_SHA256 <&\"'>]\n    case: sensitive\n",
        "    extra:\n      - \"25\"\n      - \"19\"\n    shuffle: false\n",
        "      - legacy change_cipher_spec in TLS 1.3: \"20\"\n",
    ] {
        assert!(back.contains(line), "no {line:?}:\n{back}");
    }
    test.run_with(
        &["export", "--to", "qti", "back.yaml", "-o", "again.zip"],
        "",
    )
    .status(0);
    assert_eq!(import("again.zip", "again.yaml"), back);
}

#[test]
fn a_package_with_a_broken_item_imports_the_others_and_fails() {
    let test = Test::new();
    let out = test.run_with(&["import", ONE_BAD, "-o", "folder.yaml"], "");
    out.status(1)
        .stderr_has(&format!(
            "{ONE_BAD}/items/cut-short.xml:12: error: skipped the item: not well-formed XML: the root node was opened but never closed\n"
        ))
        .stderr_has(&format!(
            "{ONE_BAD}/items/server-hotspot.xml:2: warning: skipped the item: it is a <hotspotInteraction>, and quiz reads choice, order, match, text entry and extended text interactions\n"
        ))
        .stderr_has("quiz: imported 6 questions into folder.yaml\nquiz: 1 question was skipped with an error (above); the others were imported\n");
    let yaml = out.read("folder.yaml");
    let ids: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .collect();
    assert_eq!(
        ids,
        [
            "handshake-order",
            "protection-match",
            "fragment-number",
            "sni-text",
            "certificate-open",
            "alert-choice"
        ]
    );
    test.run_with(&["check", "folder.yaml"], "")
        .status(0)
        .stdout_has("6 questions: 0 errors");

    // The same package as a zip.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for entry in walkdir::WalkDir::new(ONE_BAD).sort_by_file_name() {
        let entry = entry.expect("a fixture file");
        if entry.file_type().is_file() {
            let name = entry
                .path()
                .strip_prefix(ONE_BAD)
                .expect("inside the fixture")
                .to_string_lossy()
                .replace('\\', "/");
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("a zip entry");
            zip.write_all(&std::fs::read(entry.path()).expect("a fixture file"))
                .expect("write a zip entry");
        }
    }
    let bytes = zip.finish().expect("the zip").into_inner();
    let test = test.bytes("one-bad.zip", &bytes);
    let out = test.run_with(&["import", "one-bad.zip", "-o", "zip.yaml"], "");
    out.status(1)
        .stderr_has(
            "one-bad.zip/items/cut-short.xml:12: error: skipped the item: not well-formed XML",
        )
        .stderr_has("quiz: imported 6 questions into zip.yaml\n");
    assert_eq!(out.read("zip.yaml"), yaml);
}
