//! A quiz binary in a pseudo-terminal, driven as a person would drive it: shared
//! by the end-to-end tests of `quiz run` (tests/pty.rs) and `quiz new`
//! (tests/pty_new.rs).
//!
//! Keys are sent only while the program is waiting for one: console reads each key
//! with the terminal in raw mode and puts it back in canonical mode between keys,
//! and a Ctrl-C that arrives in canonical mode becomes SIGINT instead of a key.
//! Each wait has a generous limit, so a slow machine does not make a test flaky,
//! and a missed wait fails with everything the program printed.

#![allow(dead_code)] // Each test crate uses its own part of the harness.

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use std::io::{self, Write};
use std::num::NonZeroU16;
use std::os::fd::AsRawFd;
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long any one thing may take before the test gives up on it.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How often to look again while waiting.
const POLL: Duration = Duration::from_millis(10);

const ROWS: NonZeroU16 = NonZeroU16::new(24).unwrap();
const COLUMNS: NonZeroU16 = NonZeroU16::new(80).unwrap();

pub const DOWN: &str = "\x1b[B";
pub const ENTER: &str = "\r";
pub const SPACE: &str = " ";
pub const ESC: &str = "\x1b";
pub const CTRL_C: &str = "\x03";
pub const SHOW_CURSOR: &str = "\x1b[?25h";
pub const HIDE_CURSOR: &str = "\x1b[?25l";

/// The program in its pseudo-terminal (80 columns by 24 rows), and everything it
/// has printed so far.
pub struct Pty {
    session: OsSession,
    /// All output, as the terminal received it.
    pub transcript: Vec<u8>,
    /// A terminal emulator fed with the same output: the screen as a person sees it.
    terminal: vt100::Parser,
    /// How much of the transcript earlier waits have already matched.
    matched: usize,
    eof: bool,
}

impl Pty {
    /// Starts `command` with colour off and a plain terminal type.
    pub fn spawn(mut command: Command) -> Self {
        command
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("CLICOLOR_FORCE");
        let session = Session::spawn(command).expect("start quiz in a pseudo-terminal");
        Pty {
            session,
            transcript: Vec::new(),
            terminal: vt100::Parser::new(ROWS, COLUMNS, 0),
            matched: 0,
            eof: false,
        }
    }

    /// Resizes the window, as a person dragging its corner would: the program
    /// gets SIGWINCH, and the emulator reading the screen takes the new size.
    pub fn resize(&mut self, columns: NonZeroU16, rows: NonZeroU16) {
        self.session
            .get_process_mut()
            .set_window_size(columns.get(), rows.get())
            .expect("resize the pseudo-terminal");
        self.terminal.screen_mut().set_size(rows, columns);
    }

    /// Turns the terminal's echo off; console keeps it off, since it restores the
    /// modes it found after each key.
    pub fn echo_off(&self) {
        let fd = self.session.as_raw_fd();
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: `fd` is the session's open pty master; tcgetattr fills the whole
        // struct when it returns 0, and only then is it read.
        unsafe {
            assert_eq!(libc::tcgetattr(fd, termios.as_mut_ptr()), 0);
            let mut termios = termios.assume_init();
            termios.c_lflag &= !(libc::ECHO | libc::ECHONL);
            assert_eq!(libc::tcsetattr(fd, libc::TCSANOW, &termios), 0);
        }
    }

    /// Reads whatever is available now, without blocking.
    #[track_caller]
    fn read_available(&mut self) {
        let mut buf = [0u8; 4096];
        while !self.eof {
            match self.session.try_read(&mut buf) {
                // The pty reports the end (EIO on Linux) once the program has exited.
                Ok(0) => self.eof = true,
                Ok(n) => {
                    self.transcript.extend_from_slice(&buf[..n]);
                    self.terminal.process(&buf[..n]);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => panic!("reading the pty failed: {e}\n{}", self.dump()),
            }
        }
    }

    /// Everything printed so far, escapes made visible, for failure messages.
    pub fn dump(&self) -> String {
        format!(
            "--- quiz printed so far ---\n{}\n--- end ---",
            String::from_utf8_lossy(&self.transcript).escape_debug()
        )
    }

    /// Waits until `text` appears in the output after what earlier waits matched.
    #[track_caller]
    pub fn expect(&mut self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.read_available();
            let rest = &self.transcript[self.matched..];
            if let Some(at) = find(rest, text.as_bytes()) {
                self.matched += at + text.len();
                return;
            }
            if self.eof {
                panic!("quiz ended without printing {text:?}\n{}", self.dump());
            }
            if Instant::now() > deadline {
                panic!(
                    "quiz did not print {text:?} within {TIMEOUT:?}\n{}",
                    self.dump()
                );
            }
            sleep(POLL);
        }
    }

    /// The screen as a person sees it now: its text, row by row.
    pub fn screen(&mut self) -> String {
        self.read_available();
        self.terminal.screen().contents()
    }

    /// Waits until `text` is on the screen (as the terminal emulator shows it,
    /// not merely somewhere in the output).
    #[track_caller]
    pub fn expect_screen(&mut self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.screen().contains(text) {
                return;
            }
            if self.eof || Instant::now() > deadline {
                panic!(
                    "the screen does not show {text:?}; it shows:\n{}\n{}",
                    self.screen(),
                    self.dump()
                );
            }
            sleep(POLL);
        }
    }

    /// The process id, for signals.
    pub fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    /// Sends `signal` to the program.
    pub fn signal(&self, signal: i32) {
        // SAFETY: kill has no memory effects; the pid is our own child.
        let rc = unsafe { libc::kill(self.pid(), signal) };
        assert_eq!(rc, 0, "cannot signal quiz: {}", io::Error::last_os_error());
    }

    /// Types `text` without waiting for a raw-mode read (for line input).
    #[track_caller]
    pub fn type_text(&mut self, text: &str) {
        self.session
            .write_all(text.as_bytes())
            .and_then(|()| self.session.flush())
            .unwrap_or_else(|e| panic!("cannot type {text:?}: {e}\n{}", self.dump()));
    }

    /// Whether the terminal is as the program found it: the normal screen, the
    /// cursor shown, no mouse reporting, and line editing (canonical mode, echo) on.
    pub fn terminal_restored(&mut self) -> bool {
        self.read_available();
        let screen = self.terminal.screen();
        let normal = !screen.alternate_screen()
            && !screen.hide_cursor()
            && screen.mouse_protocol_mode() == vt100::MouseProtocolMode::None;
        normal && !self.reading_a_key()
    }

    /// Whether the program is reading a key: console switches the terminal to raw
    /// mode (no ICANON) for each key. The master side of a Linux pty reports the
    /// terminal modes of the slave side the program uses.
    #[track_caller]
    fn reading_a_key(&self) -> bool {
        let mut termios = std::mem::MaybeUninit::<libc::termios>::uninit();
        // SAFETY: the descriptor is the session's open pty master, and tcgetattr
        // fills the whole struct when it returns 0.
        let rc = unsafe { libc::tcgetattr(self.session.as_raw_fd(), termios.as_mut_ptr()) };
        assert_eq!(
            rc,
            0,
            "cannot read the pty's modes: {}",
            io::Error::last_os_error()
        );
        // SAFETY: initialized by the successful tcgetattr above.
        let termios = unsafe { termios.assume_init() };
        termios.c_lflag & libc::ICANON == 0
    }

    /// Waits until the program reads a key, then presses `key`.
    #[track_caller]
    pub fn press(&mut self, key: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.reading_a_key() {
            self.read_available();
            if self.eof {
                panic!(
                    "quiz ended while the test wanted to press {key:?}\n{}",
                    self.dump()
                );
            }
            if Instant::now() > deadline {
                panic!(
                    "quiz did not wait for a key within {TIMEOUT:?} (to press {key:?})\n{}",
                    self.dump()
                );
            }
            sleep(POLL);
        }
        self.session
            .write_all(key.as_bytes())
            .and_then(|()| self.session.flush())
            .unwrap_or_else(|e| panic!("cannot press {key:?}: {e}\n{}", self.dump()));
    }

    /// Waits for the program to end; returns how it ended.
    #[track_caller]
    pub fn wait(&mut self) -> WaitStatus {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.read_available();
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) => {}
                Ok(status) => {
                    // Whatever it printed last is still in the pty.
                    self.read_available();
                    return status;
                }
                Err(e) => panic!("cannot get quiz's exit status: {e}\n{}", self.dump()),
            }
            if Instant::now() > deadline {
                panic!("quiz did not exit within {TIMEOUT:?}\n{}", self.dump());
            }
            sleep(POLL);
        }
    }

    /// Waits for the program to end with `code`, the cursor left visible (shown
    /// after the last time it was hidden, if it ever was).
    #[track_caller]
    pub fn exits_with(&mut self, code: i32) {
        let pid = self.session.get_process().pid();
        let status = self.wait();
        assert_eq!(
            status,
            WaitStatus::Exited(pid, code),
            "quiz should exit with status {code}\n{}",
            self.dump()
        );
        let shown = rfind(&self.transcript, SHOW_CURSOR.as_bytes());
        let hidden = rfind(&self.transcript, HIDE_CURSOR.as_bytes());
        assert!(
            hidden.is_none() || shown > hidden,
            "quiz should leave the cursor visible: the last {SHOW_CURSOR:?} must come \
             after the last {HIDE_CURSOR:?}\n{}",
            self.dump()
        );
    }

    /// Whether the program ever showed the cursor.
    pub fn showed_cursor(&self) -> bool {
        rfind(&self.transcript, SHOW_CURSOR.as_bytes()).is_some()
    }
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A new pseudo-terminal of `rows` by `columns`: its master (the side a terminal
/// emulator holds) and its slave (the program's terminal). Neither is inherited
/// by a child but as the standard streams it is given, or the terminal would
/// never hang up when the test drops the master.
pub fn open_pty(rows: u16, columns: u16) -> (std::fs::File, std::fs::File) {
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: rows,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors, which the files below own.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", io::Error::last_os_error());
    for fd in [master, slave] {
        // SAFETY: fcntl on a descriptor we own.
        let rc = unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        assert_eq!(rc, 0, "fcntl: {}", io::Error::last_os_error());
    }
    // SAFETY: both descriptors are open and owned by nothing else.
    unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    }
}
