//! Banks are untrusted: whatever a downloaded bank holds, no command prints it
//! where a terminal would act on it. The hostile banks of `tests/fixtures/hostile`
//! hold escape sequences (clipboard writes, window titles, hyperlinks, a cleared
//! screen), C1 controls, carriage returns, backspaces and bidi overrides; every
//! command that prints bank text, its refusals and diagnostics included, prints
//! none of them. (`tests/pty_untrusted.rs` does the same at a real terminal.)

use super::{Outcome, Test};

const PROSE: &str = include_str!("../fixtures/hostile/prose.yaml");
const EVERY_FIELD: &str = include_str!("../fixtures/hostile/every-field.yaml");

/// A file name of its own that a terminal would act on.
const HOSTILE_NAME: &str = "x\u{1b}]0;owned\u{7}.yaml";

fn hostile() -> Test {
    Test::new()
        .file("prose.yaml", PROSE)
        .file("every-field.yaml", EVERY_FIELD)
        .file(HOSTILE_NAME, PROSE)
}

/// Fails naming the first character of `text` that a terminal would act on: any
/// control character but the line feed, or a bidi override. (Colour is off in a
/// pipe, so quiz itself sends no escape either.)
#[track_caller]
fn inert(what: &str, text: &str) {
    let bad = text
        .char_indices()
        .find(|&(_, c)| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c));
    if let Some((at, c)) = bad {
        let from = text[..at]
            .char_indices()
            .rev()
            .nth(40)
            .map_or(0, |(i, _)| i);
        panic!(
            "{what} sends {c:?} to the terminal, after {:?}",
            &text[from..at]
        );
    }
}

#[track_caller]
fn both_inert(what: &str, out: &Outcome) {
    inert(&format!("{what} (stdout)"), &out.stdout);
    inert(&format!("{what} (stderr)"), &out.stderr);
}

#[test]
fn check_in_every_format() {
    let t = hostile();
    for file in ["prose.yaml", "every-field.yaml", HOSTILE_NAME] {
        for format in ["human", "json", "github", "sarif"] {
            let out = t.run_with(&["check", "--format", format, file], "");
            both_inert(&format!("check --format {format} {file:?}"), &out);
            assert!(
                out.stdout.contains("control-character"),
                "{format}: {}",
                out.stdout
            );
        }
    }
    // Prose alone is a warning: the bank still passes.
    t.run_with(&["check", "prose.yaml"], "").status(0);
    t.run_with(&["check", "every-field.yaml"], "").status(1);
}

#[test]
fn json_and_sarif_encode_what_they_do_not_show() {
    let t = hostile();
    let out = t.run_with(&["check", "--format", "json", HOSTILE_NAME], "");
    let json = out.json();
    let first = &json["diagnostics"][0];
    // Decoded, the strings are the file's own: nothing was lost, only encoded.
    assert_eq!(first["path"], HOSTILE_NAME);
    assert!(
        out.stdout.contains(r"x\u001b]0;owned\u0007.yaml"),
        "{}",
        out.stdout
    );
    let out = t.run_with(&["check", "--format", "json", "every-field.yaml"], "");
    let json = out.json();
    let invalid_id = json["diagnostics"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["code"] == "invalid-id"))
        .expect("an invalid-id diagnostic");
    assert_eq!(
        invalid_id["message"],
        "id `bad\u{1b}]0;owned\u{7}id` has '\\u{1b}': use only letters, digits, `.`, `_` and `-`"
    );
    assert!(
        out.stdout.contains(r"bad\u001b]0;owned\u0007id"),
        "{}",
        out.stdout
    );
    let out = t.run_with(&["check", "--format", "sarif", HOSTILE_NAME], "");
    // A SARIF location is a URI: the name is percent-encoded.
    assert!(
        out.stdout.contains(r#""uri": "x%1B%5D0;owned%07.yaml""#),
        "{}",
        out.stdout
    );
}

#[test]
fn github_annotations_show_escapes_and_forge_no_command() {
    let out = hostile().run_with(&["check", "--format", "github", "every-field.yaml"], "");
    // The id `second\rFORGED` stays inside its own annotation.
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        lines[..lines.len() - 1].iter().all(|l| l.starts_with("::")),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("second␍FORGED"), "{}", out.stdout);
    assert!(out.stdout.contains("bad␛]0;owned␇id"), "{}", out.stdout);
}

#[test]
fn list_and_show() {
    let t = hostile();
    let out = t.run_with(
        &["list", "prose.yaml", "every-field.yaml", HOSTILE_NAME],
        "",
    );
    both_inert("list", &out);
    out.stdout_has("Hostile ␛]0;owned␇ bank ␛[2J")
        .stdout_has("x\\u{9b}31m")
        .stdout_has("x␛]0;owned␇.yaml");
    for (id, file) in [
        ("prose-stem", "prose.yaml"),
        ("prose-second", "prose.yaml"),
        ("bad\u{1b}]0;owned\u{7}id", "every-field.yaml"),
        ("second\rFORGED", "every-field.yaml"),
        ("prose-stem", HOSTILE_NAME),
    ] {
        let out = t.run_with(&["show", id, file], "");
        both_inert(&format!("show {id:?}"), &out);
        out.status(0);
    }
    let out = t.run_with(&["show", "prose-stem", "prose.yaml"], "");
    out.stdout_has("Which record type ␛]52;c;Y3VybCBldmlsLnNoIHwgc2g=␇ carries alerts?␍FORGED␈␈")
        .stdout_has("application_data ␡␈");
    // Not found: the id asked for, and the id suggested, both shown safely.
    let out = t.run_with(&["show", "bad\u{1b}]0;owned\u{7}i", "every-field.yaml"], "");
    both_inert("show (not found)", &out);
    out.status(1)
        .stderr_has("no question has the id `bad␛]0;owned␇i`; did you mean `bad␛]0;owned␇id`?");
}

#[test]
fn stats_and_its_json() {
    let t = hostile();
    // Some history: both questions of the prose bank answered.
    t.run_with(&["run", "--no-shuffle", "prose.yaml"], "B\nA,C\n");
    let out = t.run_with(&["stats", "prose.yaml"], "");
    both_inert("stats", &out);
    out.status(0).stdout_has("Hostile ␛]0;owned␇ bank ␛[2J");
    let out = t.run_with(&["stats", "--json", "prose.yaml"], "");
    both_inert("stats --json", &out);
    assert_eq!(
        out.json()["by_bank"][0]["name"],
        "Hostile \u{1b}]0;owned\u{7} bank \u{1b}[2J"
    );
}

#[test]
fn refusals_list_the_errors_safely() {
    let t = hostile();
    for args in [
        &["run", "every-field.yaml"][..],
        &["export", "--to", "gift", "every-field.yaml"],
        &["stats", "--blueprint", "every-field.yaml"],
    ] {
        let out = t.run_with(args, "");
        both_inert(&format!("{args:?}"), &out);
        assert_ne!(out.status, 0, "{args:?} should refuse");
    }
    // A file that does not parse, under a hostile name, and a missing one.
    let t = t.file("y\u{1b}[2J.yaml", "questions: [\n");
    for args in [
        &["check", "y\u{1b}[2J.yaml"][..],
        &["run", "y\u{1b}[2J.yaml"],
        &["list", "missing\u{1b}]0;x\u{7}.yaml"],
    ] {
        let out = t.run_with(args, "");
        both_inert(&format!("{args:?}"), &out);
        assert_ne!(out.status, 0, "{args:?} should fail");
        assert!(
            out.stderr.contains('␛') || out.stdout.contains('␛'),
            "{args:?}: {}{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn a_hostile_blueprint() {
    let blueprint = "title: \"Mock \\e]0;owned\\a exam\"
count: 2
banks: [prose.yaml]
domains:
  - name: \"Records \\e[2J\"
    tags: [records]
    weight: 50
  - name: \"TLS 1.3 \\u202e\"
    tags: [tls13]
    weight: 50
";
    let t = hostile().file("exam.yaml", blueprint);
    for args in [
        &["check", "exam.yaml"][..],
        &["stats", "--blueprint", "exam.yaml"],
        &["stats", "--json", "--blueprint", "exam.yaml"],
    ] {
        let out = t.run_with(args, "");
        both_inert(&format!("{args:?}"), &out);
    }
    t.run_with(&["stats", "--blueprint", "exam.yaml"], "")
        .stdout_has("Mock ␛]0;owned␇ exam: readiness by domain")
        .stdout_has("Records ␛[2J");
}

#[test]
fn import_and_export_messages() {
    let xml = "<?xml version=\"1.0\"?>
<quiz>
  <question type=\"x\u{1b}]0;owned\u{7}\">
    <name><text>a</text></name>
  </question>
  <question type=\"multichoice\">
    <name><text>n\u{1b}[2J</text></name>
    <questiontext format=\"plain_text\"><text>Which \u{1b}]52;c;YQ==\u{7} one?</text></questiontext>
    <answer fraction=\"100\"><text>right \u{9b}31m</text></answer>
    <answer fraction=\"0\"><text>wrong \u{202e}</text></answer>
  </question>
</quiz>
";
    // XML 1.0 cannot hold ESC: the reader refuses it, at its line, safely.
    let t = hostile().file("in\u{1b}]0;x\u{7}.xml", xml);
    let out = t.run_with(&["import", "in\u{1b}]0;x\u{7}.xml"], "");
    both_inert("import of Moodle XML", &out);
    let csv = "id,question,A,B,answer,tags\nq\u{1b}1,\"Which \u{1b}]0;owned\u{7}?\",\"a \u{202e}\",b,A,\"t\u{1b}[2J\"\nq2,Plain?,a,b,Z,x\n";
    let t = t.file("in\u{1b}[2J.csv", csv);
    for args in [
        &["import", "in\u{1b}[2J.csv"][..],
        &["import", "in\u{1b}[2J.csv", "-o", "out\u{1b}]0;x\u{7}.yaml"],
        &["import", "--from", "gift", "prose.yaml"],
        &["import", "prose.yaml"],
        &["export", "--to", "aiken", "prose.yaml"],
    ] {
        let out = t.run_with(args, "");
        // Standard output is a pipe: export writes the file's bytes there as
        // they are (a file format); everything said on standard error is safe.
        inert(&format!("{args:?} (stderr)"), &out.stderr);
        if args[0] == "import" {
            inert(&format!("{args:?} (stdout)"), &out.stdout);
        }
    }
}
