//! `quiz check` on large banks, against reading and deserializing the same files;
//! and how soon `quiz run` shows its first question.
//!
//! The goals (issue 11), for `quiz check --rfc-dir rfc` (every rule on, the RFC
//! rules included): at most 1.0× the time of deserializing the same files on one
//! thread, on 10,000 and on 100,000 questions, using both cores; peak memory at
//! most 64 MiB on 100,000 questions, growing with the largest file rather than with
//! the bank; and `quiz run` on 10,000 questions showing its first question in
//! under 0.5 s.
//!
//! `cargo bench --bench check` generates banks of 10,000 and 100,000 questions
//! (about 12 MB and 120 MB, files of 100 questions; see `common/bank.rs`), checks
//! that `quiz check` finds them clean, then times rounds of these processes, each
//! round starting at the next one so that a slow spell of the machine hits them alike:
//!
//! - deserialize: this benchmark itself with `--deserialize DIR`, which reads each
//!   file and deserializes it with serde-saphyr (`quiz::bank::yaml::parse`), one
//!   file at a time, on one thread;
//! - check: `quiz check --rfc-dir rfc DIR` with `QUIZ_THREADS=1`, and with 2;
//! - first question (10,000 only): `quiz run DIR --no-history`, and `quiz run DIR
//!   --review` on an empty history (every question unseen, so all 10,000 are
//!   ranked), until it asks for the first answer.
//!
//! Each process's wall-clock time, CPU time and peak resident memory (from
//! `wait4`) are printed with the ratios to deserialize. The goal is on the wall
//! clock; the CPU time says what the work costs whatever else runs on the machine
//! (on a shared one, a second thread only helps when a second core is free). It is a measurement, not a
//! test: it exits 0 whether or not the goals are met. Run without `--bench` (as
//! `cargo test --benches` does), it only checks on a small bank that every phase
//! works. `cargo bench --bench check -- --generate DIR N` writes a bank of N
//! questions into DIR, to try by hand.

mod common;

use common::bank::{Section, generate, sections};
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The most that `check` may take, as a multiple of deserialize.
const TIME_GOAL: f64 = 1.0;
/// The most memory `check` may use on the largest bank, in MiB.
const MEMORY_GOAL: f64 = 64.0;
/// The longest `quiz run` may take to show its first question on 10,000 questions.
const FIRST_QUESTION_GOAL: Duration = Duration::from_millis(500);

/// Questions per generated file, as in the bank.
const PER_FILE: usize = 100;

struct Size {
    questions: usize,
    rounds: usize,
    /// Whether to time `quiz run`'s first question on it.
    run: bool,
}

const FULL: &[Size] = &[
    Size {
        questions: 10_000,
        rounds: 9,
        run: true,
    },
    Size {
        questions: 100_000,
        rounds: 3,
        run: false,
    },
];

const SMOKE: &[Size] = &[Size {
    questions: 300,
    rounds: 1,
    run: true,
}];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let after = |flag: &str| {
        let at = args.iter().position(|a| a == flag)?;
        args.get(at + 1)
    };
    if let Some(dir) = after("--deserialize") {
        deserialize(Path::new(dir));
        return;
    }
    let rfc_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rfc");
    let sections = sections(&rfc_dir);
    if let Some(dir) = after("--generate") {
        let n: usize = after(dir)
            .and_then(|n| n.parse().ok())
            .expect("--generate DIR N: N questions");
        std::fs::create_dir_all(dir).expect("create the bank's folder");
        let files = generate(Path::new(dir), n.div_ceil(PER_FILE), PER_FILE, &sections);
        println!("{}: {} files, {n} questions", dir, files.len());
        return;
    }
    let full = args.iter().any(|a| a == "--bench");
    let sizes = if full { FULL } else { SMOKE };
    let mut verdicts = Vec::new();
    for size in sizes {
        verdicts.extend(bench(size, &sections, &rfc_dir, full));
    }
    if full {
        println!();
        for v in verdicts {
            println!("{v}");
        }
    } else {
        println!("smoke run on a small bank (no verdict); run `cargo bench --bench check`");
    }
}

/// The baseline: read and deserialize every bank file of `dir`, one at a time.
fn deserialize(dir: &Path) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list the bank")
        .map(|e| e.expect("list the bank").path())
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read a bank file");
        std::hint::black_box(quiz::bank::yaml::parse(&text).expect("parse a bank file"));
    }
}

/// One process's run: how long it took, its CPU time and its peak memory.
#[derive(Clone, Copy)]
struct Usage {
    wall: Duration,
    cpu: Duration,
    peak_kib: u64,
}

/// Runs `cmd` to its end, its output discarded; panics unless it exits 0.
// `wait4` reaps the child, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn measure(cmd: &mut Command) -> Usage {
    let start = Instant::now();
    let child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start a process");
    let (status, usage) = wait4(&child);
    let wall = start.elapsed();
    assert!(status == 0, "{cmd:?} exited with status {status}");
    Usage {
        wall,
        cpu: usage.0,
        peak_kib: usage.1,
    }
}

/// Waits for `child`: its exit status (or -1 for a signal), CPU time and peak RSS.
fn wait4(child: &std::process::Child) -> (i32, (Duration, u64)) {
    let pid = libc::pid_t::try_from(child.id()).expect("a process id");
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: wait4 fills `usage` when it returns the child's pid, and only then
    // is it read; the child is ours and not waited for elsewhere.
    let usage = unsafe {
        let got = libc::wait4(pid, &mut status, 0, usage.as_mut_ptr());
        assert_eq!(got, pid, "wait for {pid}");
        usage.assume_init()
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let cpu = time(usage.ru_utime) + time(usage.ru_stime);
    // Linux gives ru_maxrss in KiB.
    (code, (cpu, usage.ru_maxrss as u64))
}

/// A process to time: its name and how to start it.
struct Phase {
    name: String,
    command: Box<dyn Fn() -> Command>,
}

fn quiz() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quiz"))
}

fn bench(size: &Size, sections: &[Section], rfc_dir: &Path, full: bool) -> Vec<String> {
    let dir = tempfile::tempdir().expect("create a temporary directory");
    let files = generate(
        dir.path(),
        size.questions.div_ceil(PER_FILE),
        PER_FILE,
        sections,
    );
    let sizes: Vec<u64> = files
        .iter()
        .map(|f| std::fs::metadata(f).expect("stat a generated file").len())
        .collect();
    let bytes: u64 = sizes.iter().sum();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    println!(
        "\n== {} questions: {} files, {:.1} MB (largest file {:.0} KB)",
        size.questions,
        files.len(),
        bytes as f64 / 1e6,
        largest as f64 / 1e3,
    );

    // The bank must check clean, so that what is measured is the real path: every
    // question loaded and every rule run, not an early exit or a flood of output.
    let out = quiz()
        .arg("check")
        .arg("--rfc-dir")
        .arg(rfc_dir)
        .arg(dir.path())
        .output()
        .expect("run quiz check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().last().unwrap_or("").to_owned();
    assert!(
        out.status.success() && summary.contains(" 0 errors, 0 warnings"),
        "the generated bank must check clean, but `quiz check` says:\n{stdout}"
    );
    println!("quiz check --rfc-dir rfc: {summary}");

    let data = tempfile::tempdir().expect("create a data directory");
    let bench_exe = std::env::current_exe().expect("this benchmark's path");
    let root = dir.path().to_owned();
    let mut phases = vec![Phase {
        name: "deserialize, 1 thread".into(),
        command: Box::new({
            let root = root.clone();
            move || {
                let mut c = Command::new(&bench_exe);
                c.arg("--deserialize").arg(&root);
                c
            }
        }),
    }];
    for threads in [1, 2] {
        let (root, rfc_dir) = (root.clone(), rfc_dir.to_owned());
        let data = data.path().to_owned();
        phases.push(Phase {
            name: format!(
                "check, {threads} thread{}",
                if threads == 1 { "" } else { "s" }
            ),
            command: Box::new(move || {
                let mut c = quiz();
                c.arg("check")
                    .arg("--rfc-dir")
                    .arg(&rfc_dir)
                    .arg(&root)
                    .env("QUIZ_THREADS", threads.to_string())
                    .env("QUIZ_DATA_DIR", &data);
                c
            }),
        });
    }

    let rounds = size.rounds;
    println!("timing: median of {rounds} rounds after 1 warm-up round, phases interleaved");
    let mut usages: Vec<Vec<Usage>> = vec![Vec::new(); phases.len()];
    let mut first: Vec<Duration> = Vec::new();
    let mut first_review: Vec<Duration> = Vec::new();
    for round in 0..=rounds {
        for k in 0..phases.len() {
            let i = (round + k) % phases.len();
            let usage = measure(&mut (phases[i].command)());
            if round > 0 {
                usages[i].push(usage);
            }
        }
        if size.run {
            let plain = first_question(&root, data.path(), &["--no-history"]);
            let review = first_question(&root, data.path(), &["--review"]);
            if round > 0 {
                first.push(plain);
                first_review.push(review);
            }
        }
    }

    let median = |mut v: Vec<Duration>| {
        v.sort_unstable();
        (v[v.len() / 2], v[0])
    };
    let base = median(usages[0].iter().map(|u| u.wall).collect());
    let base_cpu = median(usages[0].iter().map(|u| u.cpu).collect()).0;
    let mut table = String::new();
    let _ = writeln!(
        table,
        "{:<22} {:>8} {:>7} {:>9} {:>9} {:>7} {:>9} {:>8}",
        "phase", "median s", "min s", "÷ deser.", "(fastest)", "CPU s", "CPU ÷", "peak MiB"
    );
    let mut results = Vec::new();
    for (phase, usage) in phases.iter().zip(&usages) {
        let (wall, min) = median(usage.iter().map(|u| u.wall).collect());
        let (cpu, _) = median(usage.iter().map(|u| u.cpu).collect());
        let peak = usage.iter().map(|u| u.peak_kib).max().unwrap_or(0) as f64 / 1024.0;
        let ratio = wall.as_secs_f64() / base.0.as_secs_f64();
        let fastest = min.as_secs_f64() / base.1.as_secs_f64();
        let _ = writeln!(
            table,
            "{:<22} {:>8.3} {:>7.3} {:>8.2}× {:>8.2}× {:>7.3} {:>8.2}× {:>8.1}",
            phase.name,
            wall.as_secs_f64(),
            min.as_secs_f64(),
            ratio,
            fastest,
            cpu.as_secs_f64(),
            cpu.as_secs_f64() / base_cpu.as_secs_f64(),
            peak
        );
        results.push((ratio, peak));
    }
    print!("{table}");

    let mut verdicts = Vec::new();
    let pass = |ok: bool| if ok { "PASS" } else { "FAIL" };
    let (ratio, peak) = results[2];
    verdicts.push(format!(
        "{}: {} questions: check on 2 threads takes {ratio:.2}× deserialize (goal: at most {TIME_GOAL}×; 1 thread: {:.2}×)",
        pass(ratio <= TIME_GOAL),
        size.questions,
        results[1].0,
    ));
    if size.questions >= 100_000 {
        verdicts.push(format!(
            "{}: {} questions: check peaks at {peak:.1} MiB (goal: at most {MEMORY_GOAL} MiB; deserialize: {:.1} MiB)",
            pass(peak <= MEMORY_GOAL),
            size.questions,
            results[0].1,
        ));
    } else {
        verdicts.push(format!(
            "info: {} questions: check peaks at {peak:.1} MiB (deserialize: {:.1} MiB)",
            size.questions, results[0].1,
        ));
    }
    if size.run {
        let (took, fastest) = median(first);
        let (review, review_fastest) = median(first_review);
        println!(
            "quiz run --no-history: first question after {:.3} s (median; fastest {:.3} s)",
            took.as_secs_f64(),
            fastest.as_secs_f64()
        );
        println!(
            "quiz run --review (an empty history: every question unseen): first question after {:.3} s (median; fastest {:.3} s)",
            review.as_secs_f64(),
            review_fastest.as_secs_f64()
        );
        verdicts.push(format!(
            "{}: {} questions: `quiz run` shows its first question after {:.3} s, with --review {:.3} s (goal: under {:.1} s)",
            pass(took.max(review) < FIRST_QUESTION_GOAL),
            size.questions,
            took.as_secs_f64(),
            review.as_secs_f64(),
            FIRST_QUESTION_GOAL.as_secs_f64()
        ));
    }
    if !full {
        verdicts.clear();
    }
    verdicts
}

/// How long `quiz run DIR` with `flags` takes to ask for the first answer, through
/// the line front (stdin and stdout are pipes).
fn first_question(root: &Path, data: &Path, flags: &[&str]) -> Duration {
    let start = Instant::now();
    let mut child = quiz()
        .arg("run")
        .arg(root)
        .args(flags)
        .env("QUIZ_DATA_DIR", data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start quiz run");
    let mut stdout = child.stdout.take().expect("quiz run's output");
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let took = loop {
        let n = stdout.read(&mut buf).expect("read quiz run's output");
        assert!(
            n > 0,
            "quiz run ended before asking: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
        if seen.windows(8).any(|w| w == b"Answer: ") {
            break start.elapsed();
        }
    };
    // Closing its input ends the quiz.
    drop(child.stdin.take());
    drop(stdout);
    let _ = child.wait();
    took
}
