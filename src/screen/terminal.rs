//! The one guard over the terminal: raw mode, the alternate screen, mouse
//! reporting (clicks, the wheel, drags: [`ButtonMouse`]) and a hidden cursor
//! while the screen is up, all undone when the
//! guard drops, whatever the path out: the end, `q`, Ctrl-C, a signal, an
//! error, or a panic (whose hook restores the terminal before the message is
//! printed, so that it lands on the normal screen).

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
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
            ButtonMouse(true),
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

/// Gives the terminal back: the normal screen, the cursor shown, raw mode off.
/// Does nothing if it was already given back.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            io::stdout(),
            ButtonMouse(false),
            LeaveAlternateScreen,
            cursor::Show
        );
        let _ = disable_raw_mode();
    }
}

/// The mouse reports the screen uses, and no others: presses and releases with
/// the wheel (1000), drags while a button is held (1002, button-event tracking),
/// in SGR encoding (1006). Not any-motion tracking (1003), which has every mouse
/// move send a report: a burst of input for nothing. (Crossterm's
/// `EnableMouseCapture` asks for 1003 too.) Off, it turns off 1003 and 1015 as
/// well, in case an earlier program left them on.
struct ButtonMouse(bool);

impl ratatui::crossterm::Command for ButtonMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        if self.0 {
            f.write_str("\x1b[?1000h\x1b[?1002h\x1b[?1006h")
        } else {
            f.write_str("\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l")
        }
    }

    #[cfg(windows)]
    fn execute_winapi(&self) -> io::Result<()> {
        use ratatui::crossterm::Command;
        use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
        if self.0 {
            EnableMouseCapture.execute_winapi()
        } else {
            DisableMouseCapture.execute_winapi()
        }
    }
}
