//! How long the near-duplicate rule takes, and whether it finds exactly the planted
//! near-duplicates, on 10,000 and 100,000 generated questions.
//!
//! The goal: correct on 100,000 questions, and well under a second per 10,000.
//! Each question is a stem of 7 to 14 words and 4 or 5 choices of 3 to 6 words from
//! the check benchmark's vocabulary of TLS words; every 500th question is a near-duplicate of one 250
//! before it (a stem word changed, the choices reversed). Timed: fingerprinting every
//! question, adding them in file order (100 files), and finding the near-duplicates.
//!
//! `cargo bench --bench near_duplicate` runs both sizes; without `--bench` (as
//! `cargo test --benches` runs it) only a small smoke run. It prints wall-clock and
//! CPU time: on a shared machine the wall clock also counts other programs' turns.

mod common;

use common::{Rng, VOCABULARY};
use quiz::check::rules::{Fingerprint, NearDuplicates};
use quiz::diagnostic::{Pos, Severity};
use std::time::Instant;

/// `lo..=hi` words of the vocabulary.
fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.between(lo, hi);
    (0..n)
        .map(|_| rng.pick(&VOCABULARY))
        .collect::<Vec<_>>()
        .join(" ")
}

struct Item {
    stem: String,
    choices: Vec<String>,
}

fn item(seed: u64) -> Item {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let stem = sentence(&mut rng, 7, 14);
    let count = rng.between(4, 5);
    let choices = (0..count).map(|_| sentence(&mut rng, 3, 6)).collect();
    Item { stem, choices }
}

/// The bank; the indices of the planted near-duplicates.
fn generate(n: usize) -> (Vec<Item>, Vec<usize>) {
    let mut planted = Vec::new();
    let items = (0..n)
        .map(|i| {
            if i % 500 == 499 {
                planted.push(i);
                let mut copy = item((i - 250) as u64);
                copy.stem = format!("which {}", copy.stem.replacen(' ', " exactly ", 1));
                copy.choices.reverse();
                copy
            } else {
                item(i as u64)
            }
        })
        .collect();
    (items, planted)
}

/// The CPU time this process has used, in seconds.
fn cpu_seconds() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::uninit();
    // SAFETY: getrusage fills the whole struct when it returns 0, and only then is
    // it read.
    unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return 0.0;
        }
        let usage = usage.assume_init();
        let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

fn run(n: usize) {
    let (items, planted) = generate(n);
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let mut near = NearDuplicates::default();
    let files = 100.min(n);
    let per_file = n.div_ceil(files);
    let mut file = 0;
    for (i, it) in items.iter().enumerate() {
        if i % per_file == 0 {
            file = near.add_file(&format!("bank-{:03}.yaml", i / per_file));
        }
        let print = Fingerprint::of_texts(
            std::iter::once(it.stem.as_str()),
            it.choices.iter().map(String::as_str),
        )
        .expect("generated questions have words");
        let line = u32::try_from(i + 1).unwrap_or(u32::MAX);
        near.add(file, Pos::new(line, 1), format!("q{i}"), print);
    }
    let found = near.finish(Severity::Warning);
    let elapsed = start.elapsed();
    let cpu = cpu_seconds() - cpu_start;
    let found_lines: Vec<usize> = found.iter().map(|d| d.line as usize - 1).collect();
    let per_10k = elapsed.as_secs_f64() * 10_000.0 / n as f64;
    let cpu_per_10k = cpu * 10_000.0 / n as f64;
    println!(
        "{n} questions: {:.1} ms wall, {:.1} ms CPU ({:.1} ms wall and {:.1} ms CPU per 10,000); \
         {} near-duplicates found, {} planted",
        elapsed.as_secs_f64() * 1e3,
        cpu * 1e3,
        per_10k * 1e3,
        cpu_per_10k * 1e3,
        found.len(),
        planted.len()
    );
    assert_eq!(found_lines, planted, "exactly the planted near-duplicates");
    let verdict = if per_10k < 1.0 { "PASS" } else { "FAIL" };
    println!("{verdict}: {per_10k:.3} s per 10,000 questions (goal: well under 1 s)");
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if full { &[10_000, 100_000] } else { &[2_000] };
    for &n in sizes {
        run(n);
    }
}
