//! The question screen: `quiz run` at a terminal, full screen (ratatui on
//! crossterm). A [`State`] over the pure [`crate::quiz::Session`], changed by
//! [`update`] one [`Event`] at a time (key, click, resize, tick, signal) and
//! drawn by [`view`]; [`run`] is the loop that feeds it from the terminal and
//! hands its effects to the history.

mod body;
pub mod event;
mod input;
mod keys;
pub mod layout;
mod state;
mod terminal;
mod text;
mod theme;
mod update;
mod view;

pub use event::{Event, Input, Key};
pub use keys::all_for as keys_for;
pub use state::{
    Breakdown, BreakdownRow, Confirm, Draft, Effect, Ending, Filter, Results, Screen, State,
};
pub use theme::Theme;
pub use update::update;
pub use view::{view, visible_links};

use crate::quiz::{Clock, Mode, Summary};
use crate::ui::Recorder;
use input::Read;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How a run of the screen ended, for the summary and the exit status.
#[derive(Debug, Clone)]
pub struct Ended {
    pub ending: Ending,
    /// Everything asked (practice) or submitted (exam): nothing left to resume.
    pub complete: bool,
    /// Practice: what was asked. Exam: the result, once submitted.
    pub summary: Option<Summary>,
    pub answered: usize,
    pub total: usize,
    /// Exam: the time left when it was left unsubmitted.
    pub time_left: Option<Duration>,
}

/// How often the clock ticks, and how long a key may wait before a signal is seen.
const TICK: Duration = Duration::from_secs(1);
const POLL: Duration = Duration::from_millis(100);

/// Runs the screen until the candidate leaves it; the terminal is restored
/// before this returns, whichever way it does.
/// With `hyperlinks`, the addresses on feedback screens are terminal hyperlinks
/// too (OSC 8), for terminals that support them.
pub fn run(
    mut state: State<'_>,
    clock: &dyn Clock,
    recorder: &mut dyn Recorder,
    hyperlinks: bool,
) -> io::Result<Ended> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut hooks = Vec::new();
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        hooks.push(signal_hook::flag::register(signal, Arc::clone(&stop))?);
    }
    let result = drive(&mut state, clock, recorder, &stop, hyperlinks);
    for hook in hooks {
        signal_hook::low_level::unregister(hook);
    }
    result?;
    let mode = state.mode();
    let complete = state.complete();
    let summary = match mode {
        Mode::Practice => Some(state.session.summary(false)),
        Mode::Exam => state.results.as_ref().map(|r| r.summary.clone()),
    };
    Ok(Ended {
        ending: state.ending.unwrap_or(Ending::Done),
        complete,
        summary,
        answered: state.answered_count(),
        total: state.session.len(),
        time_left: state.time_left(),
    })
}

fn drive(
    state: &mut State<'_>,
    clock: &dyn Clock,
    recorder: &mut dyn Recorder,
    stop: &AtomicBool,
    hyperlinks: bool,
) -> io::Result<()> {
    let mut guard = terminal::Guard::enter()?;
    let size = guard.terminal.size()?;
    update(
        state,
        Event::new(Input::Resize(size.width, size.height), clock.now()),
    );
    let mut reader = input::Reader::new()?;
    let mut progress_due = false;
    let mut next_tick = Instant::now() + TICK;
    while state.ending.is_none() {
        // After a burst of input, one drawing once every key is applied.
        if !reader.has_pending() {
            let area = guard.terminal.draw(|frame| view(state, frame))?.area;
            if hyperlinks {
                let links = visible_links(state, (area.width, area.height));
                link(guard.terminal.backend_mut(), &links, state.theme)?;
            }
        }
        let input = loop {
            if stop.load(Ordering::SeqCst) {
                break Input::Terminate;
            }
            let wait = next_tick
                .saturating_duration_since(Instant::now())
                .min(POLL);
            match reader.next(wait)? {
                Read::Input(input) => break input,
                // As a signal would: answers are kept, the session can be resumed.
                Read::HungUp => break Input::Terminate,
                Read::Timeout if Instant::now() >= next_tick => {
                    next_tick += TICK;
                    break Input::Tick;
                }
                Read::Timeout => {}
            }
        };
        update(state, Event::new(input, clock.now()));
        for effect in std::mem::take(&mut state.effects) {
            // Progress (time left, flags) is saved whole each time: during a
            // burst of keys, once at its end rather than once per key.
            if matches!(effect, Effect::Progress) && reader.has_pending() {
                progress_due = true;
                continue;
            }
            apply(state, effect, recorder);
        }
        if progress_due && !reader.has_pending() {
            progress_due = false;
            apply(state, Effect::Progress, recorder);
        }
    }
    drop(guard);
    Ok(())
}

/// Writes each address again over its drawn text, inside an OSC 8 hyperlink.
fn link(
    out: &mut impl io::Write,
    links: &[(u16, u16, String, String)],
    theme: Theme,
) -> io::Result<()> {
    use ratatui::crossterm::style::{Attribute, Color, Print, SetAttribute, SetForegroundColor};
    use ratatui::crossterm::{cursor::MoveTo, queue};
    for (x, y, url, shown) in links {
        queue!(out, MoveTo(*x, *y), SetAttribute(Attribute::Underlined))?;
        if theme.color {
            queue!(out, SetForegroundColor(Color::Cyan))?;
        }
        queue!(
            out,
            Print(format!("\x1b]8;;{url}\x1b\\{shown}\x1b]8;;\x1b\\")),
            SetAttribute(Attribute::Reset)
        )?;
    }
    out.flush()
}

/// Hands one effect of an update to the history.
fn apply(state: &State<'_>, effect: Effect, recorder: &mut dyn Recorder) {
    match effect {
        Effect::Record {
            index,
            outcome,
            taken,
        } => {
            if let Some(asked) = state.session.asked(index) {
                recorder.record(&asked, &outcome, taken);
            }
        }
        Effect::Progress => recorder.progress(state.time_left(), &state.flagged_positions()),
        Effect::Finished => recorder.finished(),
    }
}

#[cfg(test)]
mod tests;
