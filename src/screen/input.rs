//! Reading the terminal: keys, clicks, the wheel and resizes, one at a time, for
//! the screen's loop.
//!
//! On Unix the screen reads standard input itself and parses the bytes with
//! termina's parser. Crossterm's reader could not be used: at the end of input
//! (the terminal closed) with part of an escape sequence buffered, its read loop
//! spins for ever at full speed, reading nothing, and no signal reaches the
//! screen; and its edge-triggered readiness does not agree with a wait on the
//! terminal, so a burst of input over its 1 KB buffer left keys unread until one
//! more arrived, while the screen's wait returned at once, busy. Here every wait
//! is one `poll` on the terminal, every read is one `read` after it, the end of
//! input (a read of 0 bytes, or an error such as EIO) ends the screen as a
//! hang-up does, and the events parsed are all handed out before the next wait.

use super::event::Input;
use std::collections::VecDeque;
use std::io;
use std::time::Duration;

/// What waiting for input came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    Input(Input),
    /// Nothing within the time given (or a signal arrived: look at its flag).
    Timeout,
    /// The terminal has gone away: its window closed, the ssh connection dropped,
    /// or its input ended.
    HungUp,
}

/// The most bytes the parser may hold without giving an event: an escape
/// sequence that never ends (a stray bracketed-paste start) is dropped there, so
/// it costs a bounded amount and the keys after it work.
#[cfg(unix)]
const MAX_PENDING: usize = 4096;

/// The terminal's input, read and parsed; events parsed but not yet handed out.
pub struct Reader {
    events: VecDeque<Input>,
    #[cfg(unix)]
    unix: unix::Source,
}

impl Reader {
    /// Starts reading standard input, which must be the terminal in raw mode.
    pub fn new() -> io::Result<Reader> {
        Ok(Reader {
            events: VecDeque::new(),
            #[cfg(unix)]
            unix: unix::Source::new()?,
        })
    }

    /// Whether an event is already here, so that [`Self::next`] returns it
    /// without waiting (the screen then draws once after a burst, not per key).
    pub fn has_pending(&self) -> bool {
        !self.events.is_empty()
    }

    /// The next input: one already parsed at once, else whatever comes within
    /// `timeout`.
    pub fn next(&mut self, timeout: Duration) -> io::Result<Read> {
        if let Some(input) = self.events.pop_front() {
            return Ok(Read::Input(input));
        }
        self.wait(timeout)
    }

    #[cfg(unix)]
    fn wait(&mut self, timeout: Duration) -> io::Result<Read> {
        let read = self.unix.read(timeout, &mut self.events)?;
        Ok(match (read, self.events.pop_front()) {
            (_, Some(input)) => Read::Input(input),
            (read, None) => read,
        })
    }

    /// Elsewhere, crossterm reads (and its reader is what Windows has).
    #[cfg(not(unix))]
    fn wait(&mut self, timeout: Duration) -> io::Result<Read> {
        use ratatui::crossterm::event as crossterm_event;
        if !crossterm_event::poll(timeout)? {
            return Ok(Read::Timeout);
        }
        Ok(
            match super::event::from_crossterm(&crossterm_event::read()?) {
                Some(input) => Read::Input(input),
                None => Read::Timeout,
            },
        )
    }
}

#[cfg(unix)]
mod unix {
    use super::{Input, MAX_PENDING, Read};
    use crate::screen::event::from_termina;
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use signal_hook::consts::SIGWINCH;
    use std::collections::VecDeque;
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    /// The bytes read at once: what one burst of typing, or a paste, fills.
    const BUFFER: usize = 1024;

    pub struct Source {
        parser: termina::Parser,
        /// Bytes given to the parser since it last gave an event.
        pending: usize,
        /// Set by SIGWINCH: the window changed size.
        resized: Arc<AtomicBool>,
        hook: signal_hook::SigId,
    }

    impl Source {
        pub fn new() -> io::Result<Source> {
            let resized = Arc::new(AtomicBool::new(false));
            let hook = signal_hook::flag::register(SIGWINCH, Arc::clone(&resized))?;
            Ok(Source {
                parser: termina::Parser::default(),
                pending: 0,
                resized,
                hook,
            })
        }

        /// Waits up to `timeout` for the terminal, reads what is there once, and
        /// puts the events parsed from it in `events`.
        pub fn read(
            &mut self,
            timeout: Duration,
            events: &mut VecDeque<Input>,
        ) -> io::Result<Read> {
            if self.resized.swap(false, Ordering::SeqCst) {
                let (width, height) = ratatui::crossterm::terminal::size()?;
                events.push_back(Input::Resize(width, height));
                return Ok(Read::Timeout);
            }
            let stdin = io::stdin();
            let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
            let timeout = Timespec {
                tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(i64::MAX),
                tv_nsec: i64::from(timeout.subsec_nanos()),
            };
            match poll(&mut fds, Some(&timeout)) {
                // A signal: the caller looks at the flags, and comes back.
                Ok(0) | Err(rustix::io::Errno::INTR) => return Ok(Read::Timeout),
                Ok(_) => {}
                Err(e) => return Err(e.into()),
            }
            let revents = fds[0].revents();
            if !revents.contains(PollFlags::IN) {
                // HUP, ERR or NVAL with nothing to read: the terminal is gone.
                return Ok(Read::HungUp);
            }
            let mut buf = [0u8; BUFFER];
            // `poll` said it is readable: this read does not block. It reads the
            // descriptor itself: std's `Stdin` buffers, and bytes kept in its
            // buffer would wait unseen, since `poll` looks at the descriptor.
            let n = match rustix::io::read(&stdin, &mut buf) {
                Ok(0) => return Ok(Read::HungUp),
                Ok(n) => n,
                Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {
                    return Ok(Read::Timeout);
                }
                // EIO and the like: the end of the terminal, not an error to report.
                Err(_) => return Ok(Read::HungUp),
            };
            self.parse(&buf[..n], n == BUFFER, events);
            Ok(Read::Timeout)
        }

        fn parse(&mut self, bytes: &[u8], maybe_more: bool, events: &mut VecDeque<Input>) {
            self.parser.parse(bytes, maybe_more);
            self.pending += bytes.len();
            while let Some(event) = self.parser.pop() {
                self.pending = 0;
                events.extend(from_termina(&event));
            }
            if self.pending > MAX_PENDING {
                self.parser = termina::Parser::default();
                self.pending = 0;
            }
        }
    }

    impl Drop for Source {
        fn drop(&mut self) {
            signal_hook::low_level::unregister(self.hook);
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn source() -> Source {
            Source::new().expect("a SIGWINCH hook")
        }

        #[test]
        fn a_burst_is_parsed_whole_and_a_split_sequence_waits_for_its_end() {
            let mut s = source();
            let mut events = VecDeque::new();
            s.parse(&[b'f'; BUFFER], true, &mut events);
            assert_eq!(events.len(), BUFFER);
            events.clear();
            s.parse(b"\x1b[", false, &mut events);
            assert!(events.is_empty());
            s.parse(b"B", false, &mut events);
            assert_eq!(events, [Input::Key(crate::screen::Key::Down)]);
        }

        #[test]
        fn a_sequence_that_never_ends_is_dropped_and_keys_work_again() {
            let mut s = source();
            let mut events = VecDeque::new();
            s.parse(b"\x1b[200~", false, &mut events);
            for _ in 0..5 {
                s.parse(&[b'x'; BUFFER], true, &mut events);
            }
            s.parse(b"q", false, &mut events);
            assert_eq!(
                events.back(),
                Some(&Input::Key(crate::screen::Key::Char('q')))
            );
        }
    }
}
