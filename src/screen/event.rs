//! What can happen to the screen: a key, a mouse click or wheel turn, a resize,
//! the clock's tick, or a request to stop (SIGTERM). Each event carries the time
//! it arrived, read from the session's clock, so that [`super::update`] needs no
//! clock of its own and tests can run an exam's hour in a moment.

use ratatui::crossterm::event::{
    Event as Crossterm, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};
use std::time::SystemTime;

/// A key, as the screen understands it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Esc,
    Up,
    Down,
    Left,
    Right,
    /// Shift+← and Shift+→: the exhibit sideways.
    ShiftLeft,
    ShiftRight,
    /// Shift+↑ and Shift+↓ (or Ctrl, where a terminal sends no Shift+arrows):
    /// an order's item moved.
    ShiftUp,
    ShiftDown,
    PageUp,
    PageDown,
    Home,
    End,
    Tab,
    Backspace,
    Delete,
    CtrlC,
    /// Ctrl+O: open the question's picture.
    CtrlO,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    /// A left click at this column and row of the screen.
    Click {
        column: u16,
        row: u16,
    },
    WheelUp,
    WheelDown,
    /// The window's new width and height.
    Resize(u16, u16),
    /// A second went by.
    Tick,
    /// SIGTERM, SIGHUP or SIGINT from outside: leave now, as Ctrl-C does.
    Terminate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Event {
    pub input: Input,
    pub at: SystemTime,
}

impl Event {
    pub fn new(input: Input, at: SystemTime) -> Self {
        Event { input, at }
    }

    pub fn key(key: Key, at: SystemTime) -> Self {
        Event::new(Input::Key(key), at)
    }
}

/// The screen's reading of a crossterm event; None for what it ignores (key
/// releases, mouse moves, focus, paste).
pub fn from_crossterm(event: &Crossterm) -> Option<Input> {
    match event {
        Crossterm::Key(key) => from_key(key).map(Input::Key),
        Crossterm::Mouse(mouse) => match mouse.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Input::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            MouseEventKind::ScrollUp => Some(Input::WheelUp),
            MouseEventKind::ScrollDown => Some(Input::WheelDown),
            _ => None,
        },
        Crossterm::Resize(w, h) => Some(Input::Resize(*w, *h)),
        _ => None,
    }
}

fn from_key(key: &KeyEvent) -> Option<Key> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Key::CtrlC,
        KeyCode::Char('o') if ctrl => Key::CtrlO,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Up if shift || ctrl => Key::ShiftUp,
        KeyCode::Down if shift || ctrl => Key::ShiftDown,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left if shift => Key::ShiftLeft,
        KeyCode::Right if shift => Key::ShiftRight,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Tab | KeyCode::BackTab => Key::Tab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        _ => return None,
    })
}

/// The screen's reading of an event parsed from the terminal's bytes
/// ([`super::input`]); None for what it ignores, as [`from_crossterm`].
#[cfg(unix)]
pub fn from_termina(event: &termina::Event) -> Option<Input> {
    use termina::event::{
        KeyCode as K, KeyEventKind as Kind, Modifiers, MouseButton as Button,
        MouseEventKind as Mouse,
    };
    match event {
        termina::Event::Key(key) => {
            if key.kind == Kind::Release {
                return None;
            }
            let ctrl = key.modifiers.contains(Modifiers::CONTROL);
            let shift = key.modifiers.contains(Modifiers::SHIFT);
            Some(Input::Key(match key.code {
                K::Char('c') if ctrl => Key::CtrlC,
                K::Char('o') if ctrl => Key::CtrlO,
                K::Char(_) if ctrl => return None,
                K::Char(c) => Key::Char(c),
                K::Enter => Key::Enter,
                K::Escape => Key::Esc,
                K::Up if shift || ctrl => Key::ShiftUp,
                K::Down if shift || ctrl => Key::ShiftDown,
                K::Up => Key::Up,
                K::Down => Key::Down,
                K::Left if shift => Key::ShiftLeft,
                K::Right if shift => Key::ShiftRight,
                K::Left => Key::Left,
                K::Right => Key::Right,
                K::PageUp => Key::PageUp,
                K::PageDown => Key::PageDown,
                K::Home => Key::Home,
                K::End => Key::End,
                K::Tab | K::BackTab => Key::Tab,
                K::Backspace => Key::Backspace,
                K::Delete => Key::Delete,
                _ => return None,
            }))
        }
        termina::Event::Mouse(mouse) => match mouse.kind {
            Mouse::Down(Button::Left) => Some(Input::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            Mouse::ScrollUp => Some(Input::WheelUp),
            Mouse::ScrollDown => Some(Input::WheelDown),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_c_is_its_own_key_and_releases_are_ignored() {
        let press = |code, modifiers| Crossterm::Key(KeyEvent::new(code, modifiers));
        assert_eq!(
            from_crossterm(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Input::Key(Key::CtrlC))
        );
        assert_eq!(
            from_crossterm(&press(KeyCode::Char('B'), KeyModifiers::SHIFT)),
            Some(Input::Key(Key::Char('B')))
        );
        let mut release = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(from_crossterm(&Crossterm::Key(release)), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_terminals_bytes_are_read_as_keys_clicks_and_the_wheel() {
        let read = |bytes: &[u8]| {
            let mut parser = termina::Parser::default();
            parser.parse(bytes, false);
            std::iter::from_fn(|| parser.pop())
                .filter_map(|e| from_termina(&e))
                .collect::<Vec<_>>()
        };
        use Key::*;
        assert_eq!(
            read(b"a\r\x1b[A\x1b[1;2D\x1bOC\x1b[5~\x1b[Z\x7f\x03\t\x0f"),
            [
                Char('a'),
                Enter,
                Up,
                ShiftLeft,
                Right,
                PageUp,
                Tab,
                Backspace,
                CtrlC,
                Tab,
                CtrlO
            ]
            .map(Input::Key)
        );
        // Shift+↑, Ctrl+↓ (xterm's modifier 2 and 5), Delete.
        assert_eq!(
            read(b"\x1b[1;2A\x1b[1;5B\x1b[3~"),
            [ShiftUp, ShiftDown, Delete].map(Input::Key)
        );
        // A lone ESC at the end of what was read is the Esc key.
        assert_eq!(read(b"\x1b"), [Input::Key(Esc)]);
        // SGR mouse: a left press, its release (ignored), the wheel, a motion (ignored).
        assert_eq!(
            read(b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<64;1;1M\x1b[<65;1;1M\x1b[<35;3;3M"),
            [
                Input::Click { column: 9, row: 4 },
                Input::WheelUp,
                Input::WheelDown
            ]
        );
    }
}
