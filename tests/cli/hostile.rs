//! Hostile input gets a clear error naming the file: no panic, no stack overflow,
//! no hang, bounded memory.

use super::Test;

fn rejects(name: &str, contents: &[u8], message: &str) {
    let out = Test::new()
        .bytes(name, contents)
        .args(&["check", name])
        .run();
    out.status(1);
    let lines = out.diagnostics();
    assert_eq!(lines.len(), 1, "one diagnostic expected: {lines:?}");
    assert!(
        lines[0].starts_with(&format!("{name}:")),
        "names the file: {lines:?}"
    );
    assert!(lines[0].contains(message), "{message:?} in {lines:?}");
}

#[test]
fn an_alias_bomb() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    rejects(
        "bomb.yaml",
        text.as_bytes(),
        "aliases (`*name`) expand to too many values",
    );
}

#[test]
fn deeply_nested_brackets() {
    let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    rejects("deep.yaml", text.as_bytes(), "nested too deeply");
}

#[test]
fn deeply_nested_block_lists() {
    let text = format!("{}x\n", "- ".repeat(5_000));
    rejects("deep.yaml", text.as_bytes(), "nested too deeply");
}

#[test]
fn a_100_mb_file() {
    let test = Test::new();
    let path = test.path("huge.yaml");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(100 * 1024 * 1024)
        .expect("grow the file (sparse)");
    let out = test.args(&["check", "huge.yaml"]).run();
    out.status(1);
    assert_eq!(
        out.diagnostics(),
        [
            "huge.yaml:1:1: error: the file is too large (100.0 MiB; a bank file may be at most 16 MiB) [file-too-large]"
        ]
    );
}

#[test]
fn binary_garbage() {
    // A fixed pseudo-random byte stream (xorshift), so the test is repeatable.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    rejects("garbage.yaml", &bytes, "not valid UTF-8");
}

#[test]
fn control_characters_in_valid_utf8() {
    rejects(
        "nul.yaml",
        b"title: \x00\x01\x02\nquestions: [\x07]\n",
        "[syntax]",
    );
}

#[test]
fn a_document_that_is_not_a_map() {
    rejects(
        "list.yaml",
        b"- a\n- b\n",
        "expected a bank (a map with `title` and `questions`), found a list: if these are questions, write `questions:` on the first line",
    );
    rejects(
        "scalar.yaml",
        b"just words\n",
        "this does not look like a question bank: a bank is a YAML file with a `questions:` list, and this file holds only text",
    );
}
