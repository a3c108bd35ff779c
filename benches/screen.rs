//! How long the question screen takes to draw one frame.
//!
//! The goal: a 26-choice question with a 200-line explanation, drawn at 200×60,
//! takes under 2 ms per frame.
//!
//! `cargo bench --bench screen` builds that question, then draws it on ratatui's
//! `TestBackend` (the whole of `view` plus ratatui's diff against the last
//! frame, everything but the bytes a real terminal would be sent): first the
//! question, then its feedback with the explanation, each scrolled by one line
//! between frames (by `update`, not timed) so that every frame differs from the
//! one before. Each is timed over 11 rounds of 200 frames; the median and
//! fastest time per frame are printed.
//!
//! It is a measurement, not a test: it exits 0 whether or not the goal is met.
//! Run without `--bench` (as `cargo test --benches` does), it draws a few frames
//! only, to show that it works.

use quiz::bank::{Bank, read_bank};
use quiz::flow::{Flow, Kept};
use quiz::quiz::{Mode, Options, Session};
use quiz::screen::{Event, Input, Key, Screen, State, Theme, update, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::fmt::Write as _;
use std::time::{Duration, Instant, SystemTime};

const GOAL: Duration = Duration::from_millis(2);
const SIZE: (u16, u16) = (200, 60);

fn bank() -> Vec<Bank> {
    let mut text = String::from("title: Bench\nquestions:\n  - id: big\n");
    text.push_str("    question: Which of these statements about the TLS 1.3 handshake are true of a server that supports every extension listed below? (a long stem)\n");
    text.push_str("    exhibit: |\n");
    for i in 0..12 {
        let _ = writeln!(
            text,
            "      line {i:>2}  Gi0/{i}   10.0.{i}.1   up   up   {}",
            "x".repeat(i * 10)
        );
    }
    text.push_str("    choices:\n");
    for i in 0..26 {
        let _ = writeln!(
            text,
            "      - text: Choice number {i}, a sentence long enough to wrap at least once on a narrow window, which it will\n        why: Because choice {i} says so, and this feedback says why at some length."
        );
    }
    text.push_str("    answer: [A, C, E]\n    explanation: |\n");
    for i in 0..200 {
        let _ = writeln!(
            text,
            "      - Line {i} of the explanation, which says what the RFC says about it."
        );
    }
    let mut diagnostics = Vec::new();
    let banks: Vec<Bank> = read_bank("bench.yaml", text.as_bytes(), &mut diagnostics)
        .into_iter()
        .collect();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    banks
}

/// Draws `frames` frames, scrolling one line between them (the scrolling is not
/// timed); the drawing time per frame.
fn per_frame(state: &mut State, terminal: &mut Terminal<TestBackend>, frames: usize) -> Duration {
    let mut drawing = Duration::ZERO;
    for i in 0..frames {
        let key = if i % 40 < 20 { Key::Down } else { Key::Up };
        let at = state.now;
        update(state, Event::key(key, at));
        let start = Instant::now();
        terminal.draw(|frame| view(state, frame)).expect("a frame");
        drawing += start.elapsed();
    }
    drawing / u32::try_from(frames).unwrap_or(1)
}

fn measure(name: &str, state: &mut State, rounds: usize, frames: usize) {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).expect("a terminal");
    per_frame(state, &mut terminal, frames.min(20));
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| per_frame(state, &mut terminal, frames))
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{name:<10} median {:>7.3} ms/frame   fastest {:>7.3} ms/frame   goal < {:.0} ms: {}",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        GOAL.as_secs_f64() * 1e3,
        if median < GOAL { "met" } else { "NOT met" }
    );
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let (rounds, frames) = if benching { (11, 200) } else { (1, 3) };
    let banks = bank();
    let options = Options {
        mode: Mode::Practice,
        ..Options::default()
    };
    let session = Session::new(&banks, options).expect("a session");
    let now = SystemTime::UNIX_EPOCH;
    let (flow, _) = Flow::start(&session, None, Kept::default(), now);
    let mut state = State::new(session, flow, "Bench", now, Theme { color: true });
    update(&mut state, Event::new(Input::Resize(SIZE.0, SIZE.1), now));
    println!(
        "a 26-choice question with a 200-line explanation at {}×{}:",
        SIZE.0, SIZE.1
    );
    measure("question", &mut state, rounds, frames);
    for key in [Key::Char('a'), Key::Char('c'), Key::Enter] {
        update(&mut state, Event::key(key, now));
    }
    assert_eq!(
        state.screen(),
        Screen::Feedback,
        "the feedback screen is up"
    );
    measure("feedback", &mut state, rounds, frames);
}
