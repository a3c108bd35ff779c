//! Untrusted input at a real terminal: hostile banks print nothing a terminal acts
//! on, and what arrives on the terminal (a partial escape sequence and then the
//! end, a burst of keys, a storm of mouse reports) neither spins nor holds keys
//! back. Each test reads the process's state (its CPU time, how much of its
//! input it has read, whether it exited) and the screen, never the clock alone.

#![cfg(unix)]

#[path = "support/pty.rs"]
mod support;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long any one thing may take before the test gives up on it.
const TIMEOUT: Duration = Duration::from_secs(20);

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// `quiz ARGS` on a pseudo-terminal of its own, 80×24, read through vt100.
struct Term {
    master: Option<File>,
    /// A descriptor of the terminal's own side, to see how much input waits there.
    probe: File,
    child: Child,
    screen: vt100::Parser,
    transcript: Vec<u8>,
    _data: tempfile::TempDir,
}

impl Term {
    fn spawn(args: &[&str]) -> Term {
        let data = tempfile::tempdir().expect("a data directory");
        Term::spawn_in(args, data)
    }

    fn spawn_in(args: &[&str], data: tempfile::TempDir) -> Term {
        let (master, slave) = support::open_pty(24, 80);
        let clone = |f: &File| f.try_clone().expect("a second descriptor of the terminal");
        let child = Command::new(env!("CARGO_BIN_EXE_quiz"))
            .env("QUIZ_DATA_DIR", data.path())
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("TERM_PROGRAM")
            .env_remove("VTE_VERSION")
            .env_remove("FORCE_HYPERLINK")
            .args(args)
            .stdin(Stdio::from(clone(&slave)))
            .stdout(Stdio::from(clone(&slave)))
            .stderr(Stdio::from(clone(&slave)))
            .spawn()
            .expect("start quiz on the terminal");
        let cells = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
        Term {
            master: Some(master),
            probe: slave,
            child,
            screen: vt100::Parser::new(cells(24), cells(80), 0),
            transcript: Vec::new(),
            _data: data,
        }
    }

    /// Reads what quiz printed until the screen shows `text`.
    #[track_caller]
    fn until_screen(&mut self, text: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.screen.screen().contents().contains(text) {
            assert!(
                self.read_some(deadline),
                "quiz ended before showing {text:?}; it showed:\n{}",
                self.screen.screen().contents()
            );
            assert!(
                Instant::now() < deadline,
                "the screen does not show {text:?}:\n{}",
                self.screen.screen().contents()
            );
        }
    }

    /// One read from the terminal, waiting until `deadline`; false at its end.
    fn read_some(&mut self, deadline: Instant) -> bool {
        let Some(master) = &mut self.master else {
            return false;
        };
        let fd = master.as_raw_fd();
        let mut fds = [libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        }];
        let left = deadline.saturating_duration_since(Instant::now());
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 1, left.as_millis() as i32) };
        if ready <= 0 {
            return true;
        }
        let mut buf = [0u8; 8192];
        match master.read(&mut buf) {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                self.transcript.extend_from_slice(&buf[..n]);
                self.screen.process(&buf[..n]);
                true
            }
        }
    }

    /// Everything quiz printed, once it has exited.
    fn read_to_end(&mut self) -> Vec<u8> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let exited = self.child.try_wait().expect("quiz's status").is_some();
            let before = self.transcript.len();
            let open = self.read_some(Instant::now() + Duration::from_millis(50));
            let quiet = self.transcript.len() == before;
            if !open || (exited && quiet) || Instant::now() > deadline {
                return self.transcript.clone();
            }
        }
    }

    fn type_bytes(&mut self, bytes: &[u8]) {
        let master = self.master.as_mut().expect("the terminal is open");
        master.write_all(bytes).expect("type on the terminal");
        master.flush().expect("flush");
    }

    /// How many typed bytes quiz has not read yet.
    fn unread(&self) -> usize {
        let mut n: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int.
        let rc = unsafe { libc::ioctl(self.probe.as_raw_fd(), libc::FIONREAD, &mut n) };
        assert_eq!(rc, 0, "FIONREAD: {}", std::io::Error::last_os_error());
        usize::try_from(n).unwrap_or(0)
    }

    /// Waits until quiz has read everything typed, reading its screen meanwhile.
    #[track_caller]
    fn until_read(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        while self.unread() > 0 {
            self.read_some(Instant::now() + Duration::from_millis(20));
            assert!(
                Instant::now() < deadline,
                "quiz left {} bytes unread",
                self.unread()
            );
        }
    }

    /// The CPU time quiz has used so far (user and system), from /proc.
    fn cpu(&self) -> Duration {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.child.id()))
            .expect("quiz's /proc/PID/stat");
        // After the command name in parentheses: field 14 is utime, 15 stime.
        let fields: Vec<&str> = stat
            .rsplit_once(')')
            .map_or("", |(_, rest)| rest)
            .split_whitespace()
            .collect();
        let ticks: u64 =
            fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0);
        // SAFETY: sysconf has no memory effects.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
        Duration::from_millis(ticks * 1000 / hz)
    }

    /// Fails unless quiz, left alone for a second (its output read meanwhile),
    /// uses under 30 % of a core: near 0 when it waits, near 100 % when it spins.
    #[track_caller]
    fn waits_quietly(&mut self) {
        let (cpu, wall) = (self.cpu(), Instant::now());
        let until = wall + Duration::from_secs(1);
        while Instant::now() < until {
            self.read_some(until);
        }
        let share = (self.cpu() - cpu).as_secs_f64() / wall.elapsed().as_secs_f64();
        assert!(
            share < 0.3,
            "quiz uses {:.0} % of a core while waiting",
            share * 100.0
        );
    }

    /// Closes the terminal, as a closed window does; quiz's exit status.
    #[track_caller]
    fn hang_up(&mut self) -> std::process::ExitStatus {
        self.master = None;
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("quiz's status") {
                return status;
            }
            if Instant::now() > deadline {
                let spent = self.cpu();
                let _ = self.child.kill();
                panic!("quiz still runs after its terminal went away (CPU time {spent:?})");
            }
            sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn two() -> String {
    fixture("pty/two.yaml").display().to_string()
}

/// Before, quiz read `ESC [` into crossterm's buffer and, when the terminal
/// closed, spun at full speed for ever, reading nothing, deaf to every signal.
#[test]
fn the_end_of_input_after_part_of_an_escape_sequence_ends_the_quiz() {
    for partial in [&b"\x1b["[..], b"\x1b[1;", b"\x1b[200~"] {
        let mut term = Term::spawn(&["run", "--no-shuffle", &two()]);
        term.until_screen("Question 1 of 2");
        term.type_bytes(partial);
        term.until_read();
        let status = term.hang_up();
        assert_eq!(
            status.code(),
            Some(130),
            "after {partial:?}: ends as a hang-up does: {status:?}"
        );
    }
}

/// 1,025 `*` keys (flag) at once, more than one read takes: every one is applied (the
/// question ends up flagged) without waiting for one more key, and quiz then
/// waits quietly. Before, the last keys waited for another, and the screen
/// busy-looped meanwhile.
#[test]
fn a_burst_of_keys_is_applied_whole_and_then_quiz_waits() {
    let mut term = Term::spawn(&["run", "--no-shuffle", &two()]);
    term.until_screen("Question 1 of 2");
    term.type_bytes(&[b'*'; 1025]);
    term.until_read();
    term.until_screen("⚑ 1 flagged");
    term.waits_quietly();
    term.type_bytes(b"*");
    term.until_read();
    let deadline = Instant::now() + TIMEOUT;
    while term.screen.screen().contents().contains("⚑ 1 flagged") {
        assert!(Instant::now() < deadline, "the 1,026th * did not unflag");
        term.read_some(Instant::now() + Duration::from_millis(20));
    }
}

/// The screen asks for the mouse reports it uses (presses, the wheel, drags),
/// not for every move; and a storm of move reports, as any-motion tracking
/// sends, is read and ignored without spinning.
#[test]
fn mouse_moves_are_not_asked_for_and_a_storm_of_them_is_ignored() {
    let mut term = Term::spawn(&["run", "--no-shuffle", &two()]);
    term.until_screen("Question 1 of 2");
    assert_eq!(
        term.screen.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::ButtonMotion
    );
    let storm: Vec<u8> = (0..150)
        .flat_map(|i| format!("\x1b[<35;{};{}M", 1 + i % 80, 1 + i % 24).into_bytes())
        .collect();
    assert!(storm.len() > 1024);
    term.type_bytes(&storm);
    term.until_read();
    term.waits_quietly();
    // Keys after the storm still work.
    term.type_bytes(b"*");
    term.until_screen("⚑ 1 flagged");
}

/// Hostile banks at a real terminal: the bytes that reach it from every command
/// that prints bank text hold none of the sequences the fixtures carry.
#[test]
fn hostile_banks_print_nothing_the_terminal_acts_on() {
    let prose = fixture("hostile/prose.yaml").display().to_string();
    let every = fixture("hostile/every-field.yaml").display().to_string();
    let runs: Vec<Vec<&str>> = vec![
        vec!["check", &prose, &every],
        vec!["check", "--format", "github", &every],
        vec!["check", "--format", "json", &every],
        vec!["list", &prose, &every],
        vec!["show", "prose-stem", &prose],
        vec!["show", "second\rFORGED", &every],
        vec!["show", "nothing", &every],
        vec!["export", "--to", "gift", &prose],
        vec!["export", "--to", "csv", &prose],
        vec!["import", "--from", "csv", &prose],
        vec!["run", &every],
        vec!["stats", &prose],
    ];
    for args in runs {
        let mut term = Term::spawn(&args);
        let bytes = term.read_to_end();
        let text = String::from_utf8_lossy(&bytes);
        // The terminal turns each line feed into CR LF; any other CR is the bank's.
        let text = text.replace("\r\n", "\n");
        for forbidden in ["\x1b", "\x07", "\x08", "\r", "\u{9b}", "\u{202e}"] {
            assert!(
                !text.contains(forbidden),
                "quiz {args:?} sends {forbidden:?} to the terminal:\n{}",
                text.escape_debug()
            );
        }
        assert!(!text.trim().is_empty(), "quiz {args:?} printed nothing");
    }
}

/// `quiz ARGS` with the history in `data`, its input `stdin`, no terminal.
fn quiz_in(data: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_quiz"))
        .env("QUIZ_DATA_DIR", data)
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start quiz");
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().expect("quiz's output")
}

/// Two `quiz run --resume` at once on one unfinished exam: the second is refused,
/// naming the process that has it. Once that process is gone (here killed, as a
/// crash would), a resume works; and a submitted exam is not submitted again.
#[test]
fn an_open_session_is_held_by_one_quiz() {
    let data = tempfile::tempdir().expect("a data directory");
    let dir = data.path().to_owned();
    let exam = ["run", "--mode", "exam", "--no-shuffle"];
    let mut first = Term::spawn_in(&[&exam[..], &[two().as_str()]].concat(), data);
    first.until_screen("Question 1 of 2");
    let pid = first.child.id();

    let second = quiz_in(&dir, &["run", "--resume"], "");
    let said = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!(
            "quiz: cannot resume: this session is open in another quiz (process {pid})"
        )),
        "{said}"
    );

    // SIGKILL: no chance to let go of anything; the kernel does it.
    let _ = first.child.kill();
    let _ = first.child.wait();
    let resumed = quiz_in(&dir, &["run", "--resume"], "B\nA,C\n");
    let said = String::from_utf8_lossy(&resumed.stderr);
    assert!(said.contains("quiz: resuming the exam"), "{said}");
    assert_eq!(resumed.status.code(), Some(0), "{said}");

    let again = quiz_in(&dir, &["run", "--resume"], "");
    let said = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(1), "{said}");
    assert!(said.contains("nothing to resume"), "{said}");
}
