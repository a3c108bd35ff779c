//! The question screen: `quiz run` at a terminal, full screen (ratatui on
//! crossterm). A [`State`] over the session's [`crate::flow::Flow`], changed by
//! [`update`] one [`Event`] at a time (key, click, resize, tick, signal) through
//! the [`keymap`], and drawn by [`view`] from `crate::present`'s view models;
//! [`run`] is the loop that feeds it from the terminal and hands the flow's
//! effects to the history.

mod body;
pub mod event;
mod input;
pub mod keymap;
mod kinds;
pub mod layout;
mod state;
mod terminal;
mod text;
mod theme;
mod update;
mod view;

pub use event::{Event, Input, Key};
pub use state::{Confirm, Ending, Filter, Screen, State};
pub use theme::Theme;
pub use update::update;
pub use view::{view, visible_links};

use crate::flow::{Effect, Recorder};
use crate::quiz::Clock;
use input::Read;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the clock ticks, and how long a key may wait before a signal is seen.
const TICK: Duration = Duration::from_secs(1);
const POLL: Duration = Duration::from_millis(100);

/// Runs the screen until the candidate leaves it; the terminal is restored
/// before this returns, whichever way it does. How it ended is in
/// `state.ending`, what was done in `state.flow`.
/// With `hyperlinks`, the addresses on feedback screens are terminal hyperlinks
/// too (OSC 8), for terminals that support them.
pub fn run(
    state: &mut State<'_>,
    clock: &dyn Clock,
    recorder: &mut dyn Recorder,
    hyperlinks: bool,
) -> io::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    let mut hooks = Vec::new();
    for signal in [SIGTERM, SIGHUP, SIGINT] {
        hooks.push(signal_hook::flag::register(signal, Arc::clone(&stop))?);
    }
    let result = drive(state, clock, recorder, &stop, hyperlinks);
    for hook in hooks {
        signal_hook::low_level::unregister(hook);
    }
    result
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
        let now = clock.now();
        for effect in update(state, Event::new(input, now)) {
            // Progress (time left, flags) is saved whole each time: during a
            // burst of keys, once at its end rather than once per key.
            if matches!(effect, Effect::Progress) && reader.has_pending() {
                progress_due = true;
                continue;
            }
            recorder.keep(&state.session, &state.flow, &effect, now);
        }
        if std::mem::take(&mut state.open_picture) {
            state.message = Some(open_picture(state));
        }
        if progress_due && !reader.has_pending() {
            progress_due = false;
            recorder.keep(&state.session, &state.flow, &Effect::Progress, now);
        }
    }
    drop(guard);
    Ok(())
}

/// Opens the current question's picture in the system's viewer (or
/// `$QUIZ_VIEWER`); says what happened, in one safe line.
fn open_picture(state: &State<'_>) -> String {
    let picture = crate::present::question(&state.session, &state.flow, state.current())
        .and_then(|q| q.picture);
    let Some(picture) = picture else {
        return "This question has no picture.".to_owned();
    };
    let said = match crate::viewer::open(&picture) {
        Ok(()) => format!("Opened {} in the viewer.", picture.path.as_str()),
        Err(e) => format!("The picture cannot be opened: {e}"),
    };
    crate::safe::line(&said).into_owned()
}

/// Writes each address again over its drawn text, inside an OSC 8 hyperlink.
/// The addresses are those [`crate::safe::link`] allowed, and each shows itself.
fn link(
    out: &mut impl io::Write,
    links: &[(u16, u16, String, String)],
    theme: Theme,
) -> io::Result<()> {
    use ratatui::crossterm::style::{Attribute, Color, Print, SetAttribute, SetForegroundColor};
    use ratatui::crossterm::{cursor::MoveTo, queue};
    for (x, y, url, shown) in links {
        let Some(url) = crate::safe::link(url) else {
            continue;
        };
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

#[cfg(test)]
mod keys_tests;
#[cfg(test)]
mod kinds_tests;
#[cfg(test)]
mod tests;
