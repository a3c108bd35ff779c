//! The one guard over the terminal: raw mode, the alternate screen, mouse
//! reporting and a hidden cursor while the screen is up, all undone when the
//! guard drops, whatever the path out: the end, `q`, Ctrl-C, a signal, an
//! error, or a panic (whose hook restores the terminal before the message is
//! printed, so that it lands on the normal screen).

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use std::io::{self, Stdout};
use std::mem::ManuallyDrop;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the terminal is in the screen's modes now.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();

pub struct Guard {
    /// Never dropped: ratatui's own drop shows the cursor again and, when the
    /// terminal has gone away, reports that failure with `eprintln!`, which
    /// panics on a closed standard error. [`restore`] does the same work and
    /// ignores what cannot be done.
    pub terminal: ManuallyDrop<Terminal<CrosstermBackend<Stdout>>>,
}

impl Guard {
    /// Takes over the terminal on standard output.
    pub fn enter() -> io::Result<Guard> {
        PANIC_HOOK.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                restore();
                previous(info);
            }));
        });
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        // From here on, an early return drops a guard that restores.
        let mut stdout = io::stdout();
        let entered = execute!(
            stdout,
            EnterAlternateScreen,
            EnableMouseCapture,
            cursor::Hide
        );
        if let Err(e) = entered {
            restore();
            return Err(e);
        }
        match Terminal::new(CrosstermBackend::new(stdout)) {
            Ok(terminal) => Ok(Guard {
                terminal: ManuallyDrop::new(terminal),
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// What waiting for the keyboard came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waited {
    /// A key (or part of one) is there to read.
    Ready,
    Timeout,
    /// The terminal has gone away: its window closed, the ssh connection dropped.
    HungUp,
}

/// Waits up to `timeout` for input on the terminal. The screen waits here rather
/// than in crossterm, whose reader spins for ever at full speed on a terminal
/// that hung up (it reads an endless end of input), and which no SIGHUP reaches
/// in every set-up.
#[cfg(unix)]
pub fn wait_for_input(timeout: std::time::Duration) -> io::Result<Waited> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let stdin = io::stdin();
    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
    let timeout = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match poll(&mut fds, Some(&timeout)) {
        Ok(0) | Err(rustix::io::Errno::INTR) => Ok(Waited::Timeout),
        Ok(_)
            if fds[0]
                .revents()
                .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) =>
        {
            Ok(Waited::HungUp)
        }
        Ok(_) => Ok(Waited::Ready),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(unix))]
pub fn wait_for_input(timeout: std::time::Duration) -> io::Result<Waited> {
    Ok(if ratatui::crossterm::event::poll(timeout)? {
        Waited::Ready
    } else {
        Waited::Timeout
    })
}

/// Gives the terminal back: the normal screen, the cursor shown, raw mode off.
/// Does nothing if it was already given back.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
    }
}
