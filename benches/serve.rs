//! `cargo bench --bench serve`: 200 sessions at once answering through `quiz
//! serve` on loopback, each a client of its own that keeps its cookie and CSRF
//! token (tests/support/serve.rs), over a bank of every kind (choice, order,
//! match, number, text, in turn). Prints the time per answer (the form's POST
//! and the next question's GET), p50 and p99; the server's peak memory (its
//! VmHWM); and the weight of each kind's question page with its sheet and
//! script.

#[path = "../tests/support/serve.rs"]
mod support;

use std::path::Path;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};
use support::{Http, Server};

const SESSIONS: usize = 200;
const QUESTIONS: usize = 20;

/// The kinds in turn, as question `i` has them.
const KINDS: [&str; 5] = ["choice", "order", "match", "number", "text"];

fn bank() -> String {
    let mut text = String::from("title: Load\nquestions:\n");
    for i in 0..QUESTIONS {
        let body = match KINDS[i % KINDS.len()] {
            "choice" => "    choices: [alpha, bravo, charlie, delta]\n    answer: B\n".to_owned(),
            "order" => "    kind: order\n    items: [alpha, bravo, charlie, delta]\n".to_owned(),
            "match" => "    kind: match\n    pairs:\n      - A: alpha\n      - B: bravo\n      - C: charlie\n    extra: [delta]\n".to_owned(),
            "number" => "    kind: number\n    answer: 16384\n".to_owned(),
            _ => "    kind: text\n    answer: [bravo]\n".to_owned(),
        };
        text.push_str(&format!(
            "  - id: q{i}\n    question: What is question {i}'s answer, of the NATO alphabet's first letters?\n{body}    explanation: Because bravo is the second letter of the NATO alphabet.\n    tags: [load]\n"
        ));
    }
    text
}

/// The form's fields that answer question `i` (its kind's).
fn answer(i: usize) -> Vec<(String, String)> {
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    match KINDS[i % KINDS.len()] {
        "choice" => vec![pair("pick", "1")],
        "order" => (0..4)
            .map(|p| (format!("place{p}"), format!("{}", 4 - p)))
            .collect(),
        "match" => vec![pair("slot0", "A"), pair("slot1", "B"), pair("slot2", "C")],
        "number" => vec![pair("typed", "16384")],
        _ => vec![pair("typed", "bravo")],
    }
}

fn session(port: u16) -> Vec<Duration> {
    let mut http = Http::new(port);
    let start = http.get("/");
    let csrf = start.field("csrf").expect("a token");
    let started = http.post("/start", &[("csrf", &csrf), ("mode", "exam")]);
    assert_eq!(started.status, 303, "{}", started.body);
    http.get("/quiz");
    let mut times = Vec::with_capacity(QUESTIONS);
    for i in 0..QUESTIONS {
        let at = format!("q{i}");
        let began = Instant::now();
        if i % KINDS.len() == 0 {
            // A choice is picked through the script's request first.
            let edit = http.post(
                "/quiz/edit",
                &[("csrf", &csrf), ("at", &at), ("toggle", "1")],
            );
            assert_eq!(edit.status, 200);
        }
        let given = answer(i);
        let mut fields: Vec<(&str, &str)> = vec![("csrf", &csrf), ("at", &at), ("do", "answer")];
        fields.extend(given.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let posted = http.post("/quiz", &fields);
        assert_eq!(posted.status, 303);
        let next = http.get("/quiz");
        assert_eq!(next.status, 200);
        times.push(began.elapsed());
    }
    times
}

fn peak_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let dir = tempfile::tempdir().expect("a folder");
    std::fs::write(dir.path().join("bank.yaml"), bank()).expect("the bank");
    let server = Server::start(
        Path::new(env!("CARGO_BIN_EXE_quiz")),
        dir.path(),
        &["bank.yaml", "--no-shuffle"],
    );
    let idle = peak_kb(server.id());
    // The page's weight, alone first.
    let mut http = server.http();
    let page = http.get("/");
    let csrf = page.field("csrf").expect("a token");
    http.post("/start", &[("csrf", &csrf), ("mode", "exam")]);
    let question = http.get("/quiz");
    let assets: usize = question
        .body
        .split("/assets/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|name| http.get(&format!("/assets/{name}")).body.len())
        .sum();
    // Each kind's page, in turn.
    let mut weights = vec![(KINDS[0], question.body.len())];
    for (i, kind) in KINDS.iter().enumerate().skip(1) {
        let at = format!("q{}", i - 1);
        http.post("/quiz", &[("csrf", &csrf), ("at", &at), ("do", "next")]);
        let page = http.get("/quiz");
        assert!(
            page.body.contains(&format!("data-kind=\"{kind}\"")),
            "{kind}: {}",
            page.body
        );
        weights.push((kind, page.body.len()));
    }
    let barrier = Arc::new(Barrier::new(SESSIONS));
    let began = Instant::now();
    let threads: Vec<_> = (0..SESSIONS)
        .map(|_| {
            let barrier = Arc::clone(&barrier);
            let port = server.port;
            std::thread::Builder::new()
                .stack_size(256 * 1024)
                .spawn(move || {
                    barrier.wait();
                    session(port)
                })
                .expect("a thread")
        })
        .collect();
    let mut times: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("a session"))
        .collect();
    let wall = began.elapsed();
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    let peak = peak_kb(server.id());
    println!("quiz serve: {SESSIONS} sessions at once, {QUESTIONS} answers each, history on");
    println!(
        "  time per answer (pick, answer, next page): p50 {:.1} ms, p99 {:.1} ms; {} answers in {:.1} s",
        at(0.5).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        times.len(),
        wall.as_secs_f64()
    );
    println!(
        "  server peak memory (VmHWM): {} KB idle, {} KB after",
        idle.unwrap_or(0),
        peak.unwrap_or(0)
    );
    for (kind, bytes) in weights {
        println!(
            "  {kind} question page: {bytes} bytes, with its sheet and script {} bytes (goal: under 100 KB)",
            bytes + assets
        );
    }
    drop(server);
}
