//! Both Anki exports, imported by Anki's own library (`tests/anki/import.py`, over
//! the `anki` package from PyPI) as the desktop app imports them: into a fresh
//! English and a fresh German collection, then again, then a later export with a
//! changed question. What Anki made of them: one note and one card per question,
//! each bank a deck, no copies on the second import, the changed note updated, and
//! every card rendered with none of Anki's markup in the bank text played, turned
//! into LaTeX or typeset by MathJax.
//!
//! Anki's library is looked for in `target/ci-tools/anki` (where `.ci/run`
//! installs it), then wherever Python finds it. Where Python or the library is
//! missing the tests say so on standard error and pass, except in CI (`$CI` set),
//! where they fail.

use super::Test;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const TLS: &str = r#"title: TLS basics
questions:
  - id: markup
    question: |-
      Which tag [sound:intro.mp3] plays?
      Second line with \(ab\), \[c\] and [$]x[/$].
    choices:
      - "A\ttab"
      - "[latex]y[/latex] and {{c1::secret}}"
      - "[$$]z[/$$]"
    answer: A
    explanation: "[anki:tts lang=en_US]hi[/anki:tts] and [sound:b.mp3]"
    references:
      - url: https://example.org/tls
  - id: suites
    question: Which two are AEAD cipher modes?
    choices: [GCM, CBC, CCM, ECB]
    answer: [A, C]
    tags: [tls13, key exchange]
  - id: flight
    kind: order
    question: In what order does a TLS 1.2 client send these?
    items: [ClientHello, ClientKeyExchange, ChangeCipherSpec, Finished]
"#;

const PKI: &str = "title: PKI
questions:
  - id: ocsp
    question: What does OCSP stapling carry?
    choices: [A certificate status, A session ticket]
    answer: A
";

/// The Python that imports `anki`, and the PYTHONPATH it needs; None, having said
/// why on standard error, when there is none outside CI.
fn anki_python() -> Option<(&'static str, Option<PathBuf>)> {
    let installed = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools/anki");
    let path = installed.is_dir().then_some(installed);
    let mut probe = Command::new("python3");
    probe.args(["-c", "import anki.collection"]);
    if let Some(p) = &path {
        probe.env("PYTHONPATH", p);
    }
    if probe.output().is_ok_and(|o| o.status.success()) {
        return Some(("python3", path));
    }
    let why = "python3 with Anki's library (the `anki` package on PyPI) is not installed";
    if std::env::var_os("CI").is_some() {
        panic!("{why}; .ci/run installs it into target/ci-tools/anki");
    }
    // Straight to standard error, past the test harness's capture, so a skip is seen.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED: the Anki import tests: {why}; `bash .ci/run` installs it, or \
         `python3 -m pip install --target target/ci-tools/anki anki==26.9.3`"
    );
    None
}

/// Exports the banks to `to` twice, the second time later and with a changed stem,
/// and has Anki import them: one JSON report per language.
fn imported(to: &str, extension: &str) -> Option<Vec<Value>> {
    let (python, path) = anki_python()?;
    let test = Test::new().file("tls.yaml", TLS).file("pki.yaml", PKI);
    let export = |name: &str, epoch: &str| {
        let out = test.command_with(&["export", "--to", to, "tls.yaml", "pki.yaml", "-o", name]);
        let mut cmd = out;
        cmd.env("SOURCE_DATE_EPOCH", epoch);
        test.finish(cmd, "").status(0);
    };
    let first = format!("first.{extension}");
    let second = format!("second.{extension}");
    export(&first, "1700000000");
    std::fs::write(
        test.path("pki.yaml"),
        PKI.replace("What does", "What, exactly, does"),
    )
    .expect("change a question");
    export(&second, "1700000100");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/anki/import.py");
    let mut cmd = Command::new(python);
    cmd.arg(script)
        .arg(if to == "apkg" { "apkg" } else { "text" })
        .arg(test.path(&first))
        .arg(test.path(&second));
    if let Some(p) = path {
        cmd.env("PYTHONPATH", p);
    }
    let out = cmd.output().expect("run the Anki import script");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "Anki's import failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON report"))
            .collect(),
    )
}

fn card<'a>(report: &'a Value, guid: &str) -> &'a Value {
    report["cards"]
        .as_array()
        .and_then(|cards| cards.iter().find(|c| c["guid"] == guid))
        .unwrap_or_else(|| panic!("no card of {guid}: {report:#}"))
}

/// What holds for both exports in every language.
fn assert_imported_as_written(report: &Value) {
    let lang = &report["lang"];
    let imports = report["imports"].as_array().expect("imports");
    let (first, again, later) = (&imports[0], &imports[1], &imports[2]);
    assert_eq!(first["log"]["new"], 4, "{lang}: {first}");
    assert_eq!(
        (&first["notes"], &first["cards"]),
        (&4.into(), &4.into()),
        "{lang}"
    );
    assert_eq!(again["log"]["new"], 0, "{lang}: {again}");
    assert_eq!(again["log"]["duplicate"], 4, "{lang}: {again}");
    assert_eq!(
        (&again["notes"], &again["cards"]),
        (&4.into(), &4.into()),
        "{lang}"
    );
    assert_eq!(later["log"]["new"], 0, "{lang}: {later}");
    assert!(
        later["log"]["updated"].as_u64() >= Some(1),
        "{lang}: {later}"
    );
    assert_eq!(
        (&later["notes"], &later["cards"]),
        (&4.into(), &4.into()),
        "{lang}"
    );

    let ocsp = card(report, "quiz-ocsp");
    assert_eq!(ocsp["deck"], "PKI", "{lang}");
    let shown = ocsp["question_seen"]["text"].as_str().unwrap_or_default();
    assert!(
        shown.contains("What, exactly, does OCSP"),
        "{lang}: updated: {shown}"
    );
    assert_eq!(
        card(report, "quiz-suites")["tags"],
        serde_json::json!(["key_exchange", "tls13"])
    );

    // An order: scrambled on the front, the right order on the back.
    let flight = card(report, "quiz-flight");
    let front = flight["question_seen"]["text"].as_str().unwrap_or_default();
    assert!(
        front.contains("(Put in order)") && front.contains("A. ClientKeyExchange"),
        "{lang}: {front:?}"
    );
    let back = flight["answer_seen"]["text"].as_str().unwrap_or_default();
    let right = [
        "D. ClientHello",
        "A. ClientKeyExchange",
        "B. ChangeCipherSpec",
        "C. Finished",
    ];
    let places: Vec<Option<usize>> = right.iter().map(|r| back.rfind(r)).collect();
    assert!(
        places.iter().all(Option::is_some) && places.is_sorted(),
        "{lang}: the right order on the back: {back:?}"
    );

    let markup = card(report, "quiz-markup");
    assert_eq!(markup["deck"], "TLS basics", "{lang}");
    assert_eq!(
        markup["sounds"], 0,
        "{lang}: a sound or TTS tag was read: {markup:#}"
    );
    assert_eq!(
        markup["latex_images"], 0,
        "{lang}: LaTeX was rendered: {markup:#}"
    );
    for side in ["question_seen", "answer_seen"] {
        assert_eq!(
            markup[side]["mathjax_runs"],
            serde_json::json!([]),
            "{lang}: MathJax would typeset these"
        );
    }
    let question = markup["question_seen"]["text"].as_str().unwrap_or_default();
    for shown in [
        "Which tag [sound:intro.mp3] plays?\nSecond line with \\(ab\\), \\[c\\] and [$]x[/$].",
        "A. A\ttab",
        "B. [latex]y[/latex] and {{c1::secret}}",
        "C. [$$]z[/$$]",
    ] {
        assert!(
            question.contains(shown),
            "{lang}: {shown:?} not in {question:?}"
        );
    }
    let answer = markup["answer_seen"]["text"].as_str().unwrap_or_default();
    for shown in [
        "[anki:tts lang=en_US]hi[/anki:tts] and [sound:b.mp3]",
        "https://example.org/tls",
    ] {
        assert!(
            answer.contains(shown),
            "{lang}: {shown:?} not in {answer:?}"
        );
    }
}

#[test]
fn the_package_imports_alike_in_english_and_german_and_updates_on_reimport() {
    let Some(reports) = imported("apkg", "apkg") else {
        return;
    };
    assert_eq!(reports.len(), 2);
    for report in &reports {
        assert_imported_as_written(report);
        let markup = card(report, "quiz-markup");
        assert_eq!(markup["notetype"], "quiz");
        let fields: Vec<&String> = markup["fields"]
            .as_object()
            .map(|f| f.keys().collect())
            .unwrap_or_default();
        let mut expected = ["Question", "Answer", "Explanation", "References", "Id"];
        expected.sort_unstable();
        assert_eq!(fields, expected, "{}", report["lang"]);
        assert_eq!(markup["fields"]["Id"], "markup");
        let types = report["notetypes"].as_array().expect("note types");
        assert_eq!(
            types.iter().filter(|t| *t == "quiz").count(),
            1,
            "one quiz note type after three imports: {types:?}"
        );
    }
}

#[test]
fn the_text_file_imports_through_the_dialog_in_english_and_german() {
    let Some(reports) = imported("anki", "txt") else {
        return;
    };
    assert_eq!(reports.len(), 2);
    for report in &reports {
        assert_imported_as_written(report);
        // Whatever the language calls Basic's fields, both sides arrive.
        let markup = card(report, "quiz-markup");
        let sides: Vec<&str> = markup["fields"]
            .as_object()
            .map(|f| f.values().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        assert_eq!(sides.len(), 2, "{markup:#}");
        assert!(
            sides.iter().all(|s| !s.is_empty()),
            "{}: {sides:?}",
            report["lang"]
        );
    }
    assert_eq!(card(&reports[1], "quiz-markup")["notetype"], "Einfach");
}
