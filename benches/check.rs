//! How long `quiz check` takes on a large bank, against deserializing the same files.
//!
//! The goal: `quiz check` on a bank of 10,000 questions (about 12 MB over 100 files)
//! takes at most 1.5 times as long as deserializing the same files alone.
//!
//! `cargo bench --bench check` generates that bank into a temporary directory, runs
//! each phase once to warm up, then times 11 rounds that run every phase once (in
//! rotating order), and prints each phase's median and fastest time:
//!
//! - deserialize: read every file and parse it into the YAML node tree
//!   (`quiz::bank::yaml::parse`, which is serde-saphyr's deserialization);
//! - load: read every file and turn it into the bank's types (`read_bank`);
//! - check: what `quiz check` does in-process (`load_paths`, `check`, the human report);
//! - binary: the `quiz check DIR` executable (`CARGO_BIN_EXE_quiz`), as a subprocess.
//!
//! It is a measurement, not a test: it exits 0 whether or not the goal is met. Run
//! without `--bench` (as `cargo test --benches` does), it only checks on a small bank
//! that every phase works.

mod common;

use common::{Rng, VOCABULARY};
use quiz::bank::{self, yaml};
use quiz::check::{self, render::Format};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A named piece of work to time.
type Phase<'a> = (&'static str, Box<dyn FnMut() + 'a>);

/// The most that `check` may take, as a multiple of `deserialize`.
const GOAL: f64 = 1.5;

/// The range of an explanation's length in characters. The built-in bank averages
/// about 570 characters; with 400 to 540, 10,000 questions come to about 12 MB as in
/// the goal (the rest of a question takes about 730 bytes).
const EXPLANATION: (usize, usize) = (400, 540);

struct Size {
    files: usize,
    questions_per_file: usize,
    runs: usize,
}

const FULL: Size = Size {
    files: 100,
    questions_per_file: 100,
    runs: 11,
};

const SMOKE: Size = Size {
    files: 3,
    questions_per_file: 10,
    runs: 1,
};

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let size = if full { FULL } else { SMOKE };

    let dir = tempfile::tempdir().expect("create a temporary directory");
    let files = generate(dir.path(), &size);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).expect("stat a generated file").len())
        .sum();
    let questions = size.files * size.questions_per_file;
    println!(
        "bank: {} files, {questions} questions, {bytes} bytes ({:.2} MB, {:.2} MiB)",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / (1024.0 * 1024.0),
    );

    // The bank must check clean, so that the benchmark measures the real path
    // (every question loaded and every rule run), not an early exit on errors.
    let report = check::check(&bank::load_paths(&[dir.path().to_owned()]).expect("load the bank"));
    assert!(
        report.errors() == 0 && report.questions == questions,
        "the generated bank must check with 0 errors and keep all {questions} questions, \
         but `quiz check` says: {}\n{}",
        report.summary(),
        String::from_utf8_lossy(&Format::Human.renderer(false).render(&report)),
    );
    println!("check: {}", report.summary());

    let runs = size.runs;
    let root = [dir.path().to_owned()];
    let binary = Path::new(env!("CARGO_BIN_EXE_quiz"));
    let mut phases: [Phase; 4] = [
        (
            "deserialize (read + yaml::parse)",
            Box::new(|| {
                for file in &files {
                    let text = std::fs::read_to_string(file).expect("read a bank file");
                    black_box(yaml::parse(&text).expect("parse a bank file"));
                }
            }),
        ),
        (
            "load (read + read_bank)",
            Box::new(|| {
                let mut diags = Vec::new();
                for file in &files {
                    let bytes = std::fs::read(file).expect("read a bank file");
                    let shown = file.display().to_string();
                    let bank = bank::read_bank(&shown, &bytes, &mut diags);
                    black_box(bank.expect("load a bank file"));
                }
                assert!(diags.is_empty(), "loading reported problems: {diags:?}");
            }),
        ),
        (
            "check (load_paths + check + render)",
            Box::new(|| {
                let loaded = bank::load_paths(&root).expect("load the bank");
                let report = check::check(&loaded);
                black_box(Format::Human.renderer(false).render(&report));
            }),
        ),
        (
            "binary (`quiz check DIR`)",
            Box::new(|| {
                let status = Command::new(binary)
                    .arg("check")
                    .arg(&root[0])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .expect("run the quiz binary");
                assert!(status.success(), "`quiz check` failed: {status}");
            }),
        ),
    ];

    // One warm-up round, then rounds that run every phase once, each round starting
    // at the next phase, so that a slow spell of the machine hits them all alike.
    println!("timing: median of {runs} rounds after 1 warm-up round, phases interleaved");
    for (_, run) in &mut phases {
        run();
    }
    let mut times = vec![Vec::with_capacity(runs); phases.len()];
    for round in 0..runs {
        for k in 0..phases.len() {
            let i = (round + k) % phases.len();
            let start = Instant::now();
            (phases[i].1)();
            times[i].push(start.elapsed());
        }
    }
    let medians: Vec<(Duration, Duration)> = times
        .iter_mut()
        .map(|t| {
            t.sort_unstable();
            (t[t.len() / 2], t[0])
        })
        .collect();

    let [deserialize, load, in_process, binary_time] = [0, 1, 2, 3].map(|i| medians[i].0);
    let mb = bytes as f64 / 1e6;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<36} {:>10} {:>8} {:>8} {:>9} {:>7}",
        "phase", "median ms", "min ms", "MB/s", "÷ deser.", "÷ load"
    );
    for ((name, _), (median, min)) in phases.iter().zip(&medians) {
        let s = median.as_secs_f64();
        let _ = writeln!(
            table,
            "{name:<36} {:>10.1} {:>8.1} {:>8.1} {:>8.2}× {:>6.2}×",
            s * 1e3,
            min.as_secs_f64() * 1e3,
            mb / s,
            s / deserialize.as_secs_f64(),
            s / load.as_secs_f64(),
        );
    }
    print!("{table}");

    let ratio = in_process.as_secs_f64() / deserialize.as_secs_f64();
    let binary_ratio = binary_time.as_secs_f64() / deserialize.as_secs_f64();
    // On a busy machine the medians wander; the fastest runs are a second opinion.
    let fastest_ratio = medians[2].1.as_secs_f64() / medians[0].1.as_secs_f64();
    if full {
        let verdict = if ratio <= GOAL { "PASS" } else { "FAIL" };
        println!(
            "{verdict}: check takes {ratio:.2}× deserialize (goal: at most {GOAL}×; \
             fastest runs: {fastest_ratio:.2}×); the binary takes {binary_ratio:.2}×"
        );
    } else {
        println!("smoke run on a small bank (no verdict); run `cargo bench --bench check`");
    }
}

/// Writes the bank into `dir` and returns its files in the order `quiz check` reads them.
fn generate(dir: &Path, size: &Size) -> Vec<PathBuf> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..size.files)
        .map(|f| {
            let path = dir.join(format!("bank-{f:03}.yaml"));
            let text = bank_file(&mut rng, f, size.questions_per_file);
            std::fs::write(&path, text).expect("write a bank file");
            path
        })
        .collect()
}

const TAGS: &[&str] = &[
    "handshake",
    "tls12",
    "tls13",
    "record",
    "ciphers",
    "extensions",
    "attacks",
    "pki",
    "resumption",
    "alerts",
    "psk",
    "0-rtt",
    "key-schedule",
    "configuration",
];

const RFCS: &[&str] = &[
    "5246", "8446", "6066", "7457", "7525", "5746", "7366", "7627",
];

const RFC_TITLES: &[&str] = &[
    "Client Hello",
    "Server Hello",
    "Key Schedule",
    "Record Payload Protection",
    "Handshake Protocol",
    "Alert Protocol",
    "Pre-Shared Key Extension",
    "Server Name Indication",
    "Strict TLS",
    "Renegotiation Indication Extension",
];

/// `n` words from [`VOCABULARY`], the first capitalized, without the final stop.
fn words(rng: &mut Rng, n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let word = rng.pick(&VOCABULARY);
        if i == 0 {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.push(c.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

/// A sentence of `lo..=hi` words ending in `stop`.
fn sentence(rng: &mut Rng, lo: usize, hi: usize, stop: char) -> String {
    let n = rng.between(lo, hi);
    let mut s = words(rng, n);
    s.push(stop);
    s
}

/// Sentences up to about `chars` characters, wrapped at 88 columns after `indent`.
fn paragraph(rng: &mut Rng, chars: usize, indent: &str) -> String {
    let mut text = String::new();
    while text.len() < chars {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&sentence(rng, 8, 18, '.'));
    }
    wrap(&text, indent)
}

fn bank_file(rng: &mut Rng, file: usize, questions: usize) -> String {
    let mut out = format!("title: Generated bank {file}\nquestions:\n");
    for q in 0..questions {
        question(rng, file, q, &mut out);
    }
    out
}

fn question(rng: &mut Rng, file: usize, q: usize, out: &mut String) {
    let slug = rng.pick(TAGS);
    let _ = writeln!(out, "  - id: gen-{file:03}-{q:03}-{slug}");

    // A 1-2 sentence stem: on one line, or folded over several.
    let mut stem = sentence(rng, 7, 14, '.');
    if rng.below(2) == 0 {
        stem.push(' ');
        stem.push_str(&sentence(rng, 4, 8, '?'));
    } else {
        stem.pop();
        stem.push('?');
    }
    if stem.len() > 100 {
        out.push_str("    question: >-\n");
        out.push_str(&wrap(&stem, "      "));
    } else {
        let _ = writeln!(out, "    question: {stem}");
    }

    // 4-5 distinct choices; a quarter of the questions give each choice a `why`.
    let count = rng.between(4, 5);
    let mut choices: Vec<String> = Vec::with_capacity(count);
    while choices.len() < count {
        let c = sentence(rng, 3, 6, '.');
        if !choices.contains(&c) {
            choices.push(c);
        }
    }
    let with_why = rng.below(4) == 0;
    out.push_str("    choices:\n");
    for c in &choices {
        if with_why {
            let _ = writeln!(out, "      - text: {c}");
            let _ = writeln!(out, "        why: {}", sentence(rng, 5, 10, '.'));
        } else {
            let _ = writeln!(out, "      - {c}");
        }
    }

    // One letter, or a list of two or three distinct letters.
    let letter = |i: usize| char::from(b'A' + i as u8);
    if rng.below(4) == 0 {
        let mut picked: Vec<usize> = (0..count).collect();
        let keep = rng.between(2, 3);
        while picked.len() > keep {
            let drop = rng.below(picked.len());
            picked.remove(drop);
        }
        let letters: Vec<String> = picked.iter().map(|&i| letter(i).to_string()).collect();
        let _ = writeln!(out, "    answer: [{}]", letters.join(", "));
    } else {
        let _ = writeln!(out, "    answer: {}", letter(rng.below(count)));
    }

    out.push_str("    explanation: |\n");
    let length = rng.between(EXPLANATION.0, EXPLANATION.1);
    out.push_str(&paragraph(rng, length, "      "));

    let rfc = rng.pick(RFCS);
    let (major, minor, sub) = (rng.between(1, 9), rng.between(1, 12), rng.below(4));
    let rfc_title = rng.pick(RFC_TITLES);
    let n = rng.between(2, 4);
    let url_title = words(rng, n);
    let _ = write!(
        out,
        "    references:\n      - rfc: {rfc}\n        section: \"{major}.{minor}.{sub}\"\n\
         \x20       title: {rfc_title}\n\
         \x20     - url: https://example.org/tls/{file:03}-{q:03}.html\n\
         \x20       title: {url_title}\n"
    );

    let first = rng.pick(TAGS);
    let mut second = rng.pick(TAGS);
    while second == first {
        second = rng.pick(TAGS);
    }
    let _ = writeln!(out, "    tags: [{first}, {second}]\n");
}

/// `text` wrapped at 88 columns after `indent`.
fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > 88 {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}
