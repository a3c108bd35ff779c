//! Many files at once: `check` reads them on several threads and prints the same
//! report whatever their number; a file reached twice is read once, by every
//! command that reads banks.

use super::{Outcome, Test, bank, question};

/// [`question`] reworded: its stem in other words, its choices in another order.
fn near(id: &str) -> String {
    question(id)
        .replace(
            "Which message carries the server's chosen cipher suite?",
            "Which handshake message carries the cipher suite chosen by the server?",
        )
        .replace(
            "[ClientHello, ServerHello, Finished, Certificate]",
            "[Finished, ServerHello, Certificate, ClientHello]",
        )
}

const WORDS: &[&str] = &[
    "record",
    "alert",
    "ticket",
    "nonce",
    "curve",
    "padding",
    "cookie",
    "binder",
    "label",
    "epoch",
    "window",
    "replay",
    "oracle",
    "stapling",
    "anchor",
    "chain",
    "digest",
    "salt",
    "context",
    "transcript",
    "fragment",
    "sequence",
    "version",
    "extension",
    "group",
    "share",
    "signature",
    "verifier",
    "finished",
    "renegotiation",
    "compression",
    "mac",
    "iv",
    "tag",
    "length",
    "buffer",
    "timeout",
    "retry",
    "socket",
    "peer",
    "identity",
    "resumption",
    "secret",
    "master",
    "random",
    "downgrade",
    "sentinel",
    "cipher",
];

/// `n` words of [`WORDS`], drawn by a fixed stream from `seed`.
fn words(seed: usize, n: usize) -> String {
    let mut x = (seed as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            WORDS[(x % WORDS.len() as u64) as usize]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A question of words drawn from `seed`: unlike any other seed's.
fn drawn(id: &str, seed: usize) -> String {
    format!(
        "  - id: {id}
    question: Which {}?
    choices: [{}, {}, {}, {}]
    answer: A
    explanation: The {} does.
    references:
      - url: https://example.org/handshake/{seed}
    tags: [handshake]
",
        words(seed, 8),
        words(seed + 10_000, 2),
        words(seed + 20_000, 2),
        words(seed + 30_000, 2),
        words(seed + 40_000, 2),
        words(seed + 50_000, 3),
    )
}

/// Distinct filler questions, so that the files differ in size (and so in how long
/// each takes): file `f` has `3 + (f * 7) % 11` of them.
fn filler(f: usize) -> String {
    (0..3 + (f * 7) % 11)
        .map(|q| drawn(&format!("f{f}-q{q}"), f * 100 + q))
        .collect()
}

/// Twelve files whose later ones repeat ids of earlier ones and nearly repeat
/// questions of earlier ones, with a file that does not parse in the middle.
fn crowded() -> Test {
    let mut test = Test::new();
    for f in 0..12 {
        let mut text = format!("title: Bank {f}\nquestions:\n{}", filler(f));
        match f {
            1 => text.push_str(&question("suite-a")),
            4 => text.push_str(&near("suite-b")),
            9 => text.push_str(&near("suite-c")),
            _ => {}
        }
        if f % 3 == 2 {
            // The id of a question two files back, on another question.
            let id = format!("f{}-q1", f - 2);
            text.push_str(&drawn(&id, 5_000 + f));
        }
        if f == 6 {
            text = "questions: [unclosed\n".into();
        }
        test = test.file(&format!("banks/b{f:02}.yaml"), &text);
    }
    test
}

fn check_with_threads(test: &Test, threads: &str, format: &str) -> Outcome {
    let mut cmd = test.command_with(&["check", "--format", format, "banks"]);
    cmd.env("QUIZ_THREADS", threads);
    test.finish(cmd, "")
}

#[test]
fn the_report_is_the_same_whatever_the_number_of_threads() {
    let test = crowded();
    let one = check_with_threads(&test, "1", "human");
    one.status(1);
    // In file order; each cross-file problem at the later question. (b08's id
    // repeats one of b06, which does not parse: no question of it counts.)
    let found: Vec<(&str, &str)> = one
        .diagnostics()
        .iter()
        .map(|l| {
            let file = l.split(':').next().unwrap_or("");
            let code = l.rsplit('[').next().unwrap_or("").trim_end_matches(']');
            (file, code)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("banks/b02.yaml", "duplicate-id"),
            ("banks/b04.yaml", "near-duplicate"),
            ("banks/b05.yaml", "duplicate-id"),
            ("banks/b06.yaml", "syntax"),
            ("banks/b09.yaml", "near-duplicate"),
            ("banks/b11.yaml", "duplicate-id"),
        ],
        "{}",
        one.stdout
    );
    // Both near-duplicates name the earliest question they repeat.
    assert_eq!(
        one.stdout
            .matches("nearly repeats `suite-a` at banks/b01.yaml:")
            .count(),
        2,
        "{}",
        one.stdout
    );
    for threads in ["2", "3", "8"] {
        let many = check_with_threads(&test, threads, "human");
        assert_eq!(many.status, one.status);
        assert_eq!(many.stdout, one.stdout, "{threads} threads");
        assert_eq!(many.stderr, one.stderr, "{threads} threads");
    }
    let json = check_with_threads(&test, "1", "json");
    for threads in ["2", "5"] {
        assert_eq!(
            check_with_threads(&test, threads, "json").stdout,
            json.stdout,
            "{threads} threads"
        );
    }
}

#[test]
fn a_bad_thread_count_is_refused() {
    Test::new()
        .file("b.yaml", &bank(&["a"]))
        .env("QUIZ_THREADS", "0")
        .args(&["check", "b.yaml"])
        .run()
        .status(2)
        .stderr_has("QUIZ_THREADS=0 is not a number of threads: give a whole number of at least 1");
}

/// A folder with two banks, given with one of its files again.
fn given_twice() -> Test {
    Test::new()
        .file("banks/pki.yaml", &bank(&["pki-1", "pki-2"]))
        .file("banks/tls.yaml", &bank(&["tls-1"]))
}

#[test]
fn check_reads_a_file_given_twice_once() {
    let test = given_twice();
    for args in [
        &[
            "check",
            "--allow",
            "near-duplicate",
            "banks",
            "banks/pki.yaml",
        ][..],
        &[
            "check",
            "--allow",
            "near-duplicate",
            "banks/pki.yaml",
            "banks",
            "./banks/pki.yaml",
        ],
        &["check", "--allow", "near-duplicate", "banks", "banks/"],
    ] {
        test.run_with(args, "")
            .status(0)
            .stdout_lacks("duplicate-id")
            .stdout_has(": 0 errors");
    }
    test.run_with(
        &[
            "check",
            "--allow",
            "near-duplicate",
            "banks",
            "banks/pki.yaml",
        ],
        "",
    )
    .stdout_is("2 files, 3 questions: 0 errors, 0 warnings\n");
}

#[test]
fn run_list_and_export_read_a_file_given_twice_once() {
    let test = given_twice();
    test.run_with(
        &[
            "run",
            "--no-history",
            "--no-shuffle",
            "banks",
            "banks/pki.yaml",
        ],
        "",
    )
    .status(0)
    .stdout_has("Question 1 of 3");
    let list = test.run_with(&["list", "banks", "banks/pki.yaml"], "");
    list.status(0);
    assert_eq!(
        list.stdout.matches("pki").count(),
        1,
        "pki listed once: {}",
        list.stdout
    );
    let gift = test.run_with(&["export", "--to", "gift", "banks", "banks/pki.yaml"], "");
    gift.status(0);
    assert_eq!(
        gift.stdout.matches("::pki-1::").count(),
        1,
        "pki-1 exported once: {}",
        gift.stdout
    );
}

#[test]
fn a_blueprint_counts_a_bank_reached_twice_once() {
    let exam = |banks: &str| {
        format!(
            "title: Mock exam\ncount: 4\nbanks: {banks}\ndomains:\n  - name: Handshake\n    tags: [handshake]\n    weight: 100\n"
        )
    };
    // Three handshake questions: too few for four, however the banks are named.
    let test = given_twice()
        .file("once.yaml", &exam("[banks]"))
        .file("twice.yaml", &exam("[banks, banks/pki.yaml]"));
    for blueprint in ["once.yaml", "twice.yaml"] {
        test.run_with(&["check", blueprint], "")
            .status(1)
            .stdout_has("[domain-too-small]");
    }
    test.run_with(&["run", "--no-history", "--blueprint", "twice.yaml"], "")
        .status(1)
        .stderr_has("cannot fill this exam");
}
