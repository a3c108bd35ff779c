//! How the importers scale with the input shapes that once made them quadratic.
//!
//! `cargo bench --bench import` builds each shape at two sizes ten times apart, times
//! `quiz::formats::import` on each (the fastest of 3 runs) and prints both times and
//! their ratio; linear code gives about 10, and the goal is under 20:
//!
//! - GIFT whose questions all share one `::title::` (ids made unique one by one);
//! - Moodle XML whose questions all share one `<name>`;
//! - Moodle XML written on one line (positions turned into columns);
//! - a GIFT comment line with very many `[id:]` marks.
//!
//! It is a measurement, not a test: it exits 0 whatever the ratios. Run without
//! `--bench` (as `cargo test --benches` does), it only imports small inputs.
//! `IMPORT_BENCH_SIZE=N` sets the smaller size (4,000 questions by default).
//!
//! And memory (measured first): `quiz import` (the release binary) on the inputs that once took
//! over a gigabyte, each in a process of its own whose peak resident memory the
//! kernel reports (`wait4`'s `ru_maxrss`, as `/usr/bin/time -f %M` does). The goal
//! is a peak of at most 10 times the bytes quiz reads (unpacked, for a zip) plus
//! 64 MB:
//!
//! - a CSV of 500,000 short rows (13.7 MB);
//! - a Moodle XML file of 60 MB;
//! - a 234 KB QTI zip whose one item unpacks to 240 MB of `<b/>` elements;
//! - the line formats, which are read as a stream, a question at a time: about
//!   100 MB of small GIFT, Aiken and exam-dump questions, and a CSV of 2,000,000
//!   rows. Their banks would pass `quiz check`'s 16 MiB, so quiz refuses them
//!   (exit 1) once the bank is full, having held no more than that bank and the
//!   question being read: their goal is 64 MB + 2 × 16 MiB whatever their size;
//!   and a GIFT file whose bank comes to just under 16 MiB, imported whole (exit 0);
//! - one question as long as each line format reads (a GIFT paragraph of 1 MiB, a
//!   CSV row or an Aiken or exam-dump question of 4 MiB): what a question costs.
//!
//! `IMPORT_BENCH_MEMORY=0` leaves this part out; `IMPORT_BENCH_ONLY=WORD` measures
//! only the inputs whose name holds WORD (`gift`, `csv`), and nothing else.

mod memory;

use quiz::formats::{Kind, import};
use std::time::{Duration, Instant};

/// A shape: its name, its format, and how to make it with n questions.
type Shape = (&'static str, Kind, fn(usize) -> String);

/// The most the larger size may take, as a multiple of the smaller one.
const GOAL: f64 = 20.0;

fn gift_shared_title(n: usize) -> String {
    (0..n)
        .map(|i| format!("::Same title::Question {i}? {{=right {i} ~wrong {i}}}\n\n"))
        .collect()
}

fn xml_question(i: usize, name: &str) -> String {
    format!(
        "<question type=\"multichoice\"><name><text>{name}</text></name><questiontext format=\"html\"><text>Question {i}?</text></questiontext><answer fraction=\"100\"><text>right {i}</text></answer><answer fraction=\"0\"><text>wrong {i}</text></answer></question>"
    )
}

fn xml_shared_name(n: usize) -> String {
    let questions: Vec<String> = (0..n).map(|i| xml_question(i, "Same name")).collect();
    format!("<quiz>\n{}\n</quiz>\n", questions.join("\n"))
}

fn xml_one_line(n: usize) -> String {
    let questions: String = (0..n)
        .map(|i| xml_question(i, &format!("Name {i}")))
        .collect();
    format!("<quiz>{questions}</quiz>")
}

fn gift_many_marks(n: usize) -> String {
    format!("// {}\n::t::Q? {{=a ~b}}\n", "[id:x] ".repeat(n * 8))
}

/// The fastest of `runs` imports, and the number of questions imported.
fn time(kind: Kind, text: &str, runs: usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut count = 0;
    for _ in 0..runs {
        let started = Instant::now();
        let imported = import(kind, "bench", text);
        best = best.min(started.elapsed());
        count = imported.map_or(0, |i| i.bank.questions.len());
    }
    (best, count)
}

fn shapes() -> [Shape; 4] {
    [
        ("GIFT, one title for all", Kind::Gift, gift_shared_title),
        (
            "Moodle XML, one name for all",
            Kind::MoodleXml,
            xml_shared_name,
        ),
        ("Moodle XML on one line", Kind::MoodleXml, xml_one_line),
        (
            "GIFT, one comment of [id:] marks",
            Kind::Gift,
            gift_many_marks,
        ),
    ]
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    if !full {
        // A smoke run: every shape imports. Times this small say nothing of scaling.
        for (name, kind, make) in shapes() {
            assert!(time(kind, &make(40), 1).1 > 0, "{name}: nothing imported");
        }
        return;
    }
    // First, while this process is small: see `memory`.
    if !std::env::var("IMPORT_BENCH_MEMORY").is_ok_and(|v| v == "0") {
        memory::report();
    }
    if std::env::var_os("IMPORT_BENCH_ONLY").is_some() {
        return;
    }
    let small = std::env::var("IMPORT_BENCH_SIZE")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4_000);
    let runs = 3;
    for (name, kind, make) in shapes() {
        let (a, b) = (make(small), make(small * 10));
        let (ta, na) = time(kind, &a, runs);
        let (tb, nb) = time(kind, &b, runs);
        assert!(na > 0 && nb > 0, "{name}: nothing imported");
        let ratio = tb.as_secs_f64() / ta.as_secs_f64().max(1e-9);
        let verdict = if ratio < GOAL { "ok" } else { "OVER THE GOAL" };
        println!(
            "{name}: {:.1} KB in {:.3} s, {:.1} KB in {:.3} s: ×{ratio:.1} ({verdict}, goal < {GOAL})",
            a.len() as f64 / 1e3,
            ta.as_secs_f64(),
            b.len() as f64 / 1e3,
            tb.as_secs_f64(),
        );
    }
}
