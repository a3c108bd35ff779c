//! Standard input that a signal can end: lines are read on a thread of their
//! own, so that Ctrl-C (SIGINT) or SIGTERM ends the line front's quiz as the end
//! of input does, with the summary still printed, instead of killing it.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// How often a wait for input looks at the signal flag.
const POLL: Duration = Duration::from_millis(100);

pub struct Interruptible {
    lines: Receiver<io::Result<Vec<u8>>>,
    buffer: Vec<u8>,
    at: usize,
    stop: Arc<AtomicBool>,
    ended: bool,
}

impl Interruptible {
    /// Reads `input` on a thread; `stop`, once set (by a signal handler), ends
    /// the input at the next read.
    pub fn new<R: BufRead + Send + 'static>(mut input: R, stop: Arc<AtomicBool>) -> Self {
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            loop {
                let mut line = Vec::new();
                let read = input.read_until(b'\n', &mut line);
                let done = !matches!(read, Ok(n) if n > 0);
                let item = read.map(|_| line);
                if send.send(item).is_err() || done {
                    break;
                }
            }
        });
        Interruptible {
            lines,
            buffer: Vec::new(),
            at: 0,
            stop,
            ended: false,
        }
    }

    /// Whether a signal ended the input.
    pub fn interrupted(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

impl Read for Interruptible {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Interruptible {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.at >= self.buffer.len() && !self.ended {
            if self.interrupted() {
                self.ended = true;
                break;
            }
            match self.lines.recv_timeout(POLL) {
                Ok(Ok(line)) if !line.is_empty() => {
                    self.buffer = line;
                    self.at = 0;
                }
                Ok(Ok(_)) | Err(RecvTimeoutError::Disconnected) => self.ended = true,
                Ok(Err(e)) => return Err(e),
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
        if self.ended && self.interrupted() {
            return Ok(&[]);
        }
        Ok(&self.buffer[self.at.min(self.buffer.len())..])
    }

    fn consume(&mut self, amount: usize) {
        self.at = (self.at + amount).min(self.buffer.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_come_through_and_a_signal_ends_them() {
        let stop = Arc::new(AtomicBool::new(false));
        let mut input = Interruptible::new(io::Cursor::new(b"A\nB\n".to_vec()), Arc::clone(&stop));
        let mut line = String::new();
        input.read_line(&mut line).expect("read");
        assert_eq!(line, "A\n");
        stop.store(true, Ordering::SeqCst);
        line.clear();
        // The rest of the line already buffered is dropped: the quiz ends now.
        assert_eq!(input.read_line(&mut line).expect("read"), 0);
        assert!(input.interrupted());
    }

    #[test]
    fn the_end_of_input_is_the_end() {
        let stop = Arc::new(AtomicBool::new(false));
        let mut input = Interruptible::new(io::Cursor::new(b"A".to_vec()), stop);
        let mut text = String::new();
        input.read_to_string(&mut text).expect("read");
        assert_eq!(text, "A");
        assert!(!input.interrupted());
    }
}
