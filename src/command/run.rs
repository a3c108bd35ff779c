//! `quiz run`: a practice quiz or an exam, recorded in the history.

use super::sitting::{self, HistoryRecorder, Selection};
use super::{Error, create_output, open_for_writing};
use crate::exit::ExitStatus;
use crate::flow::{Flow, Kept, NoRecorder, Recorder};
use crate::paint::Paint;
use crate::present;
use crate::quiz::{Clock, Mode, SystemClock};
use crate::report;
use crate::screen::{self, Ending, State, Theme};
use crate::ui::{self, Context, Interruptible, LineFront};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// `quiz run`'s settings.
#[derive(Debug, Clone, Default)]
pub struct RunConfig {
    /// Which questions, and how they are asked.
    pub selection: Selection,
    pub report: Option<PathBuf>,
    /// Replace the report file if it exists.
    pub force: bool,
    /// Use the full-screen front (stdin and stdout are terminals, no `--plain`).
    pub interactive: bool,
    pub color: bool,
    /// Continue the latest session that ended without finishing.
    pub resume: bool,
    /// The terminal shows OSC 8 hyperlinks (the screen links the references).
    pub hyperlinks: bool,
}

/// Asks the questions, then prints the summary and writes the report.
pub fn run(config: &RunConfig, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let clock = SystemClock;
    let selection = &config.selection;
    let history = if selection.history.enabled || config.resume {
        Some(selection.history.open()?)
    } else {
        None
    };
    let mut held = None;
    let unfinished = match (&history, config.resume) {
        (Some(history), true) => match sitting::take_unfinished(history)? {
            Ok((unfinished, lock)) => {
                held = Some(lock);
                Some(unfinished)
            }
            Err(why) => {
                writeln!(err, "quiz: {why}").map_err(Error::Output)?;
                return Ok(ExitStatus::Failure);
            }
        },
        _ => None,
    };
    let loaded = match sitting::load(selection, unfinished.as_ref(), err)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    // Fail now, not after a long quiz, if the report cannot be written; an
    // existing file is replaced only with --force, as `export -o` does.
    if let Some(path) = &config.report {
        create_output(path, config.force)?;
    }
    // Read once: it serves the selection here and the "changed since" notes below.
    let answers = match &history {
        Some(history) => history.answers()?,
        None => Vec::new(),
    };
    let built = match &unfinished {
        Some(unfinished) => sitting::replay(&loaded.loaded.banks, unfinished, err)?,
        None => sitting::draw(selection, &loaded, &answers, history.as_ref(), err)?
            .map(|session| (session, Kept::default())),
    };
    let Some((session, kept)) = built else {
        return Ok(ExitStatus::Failure);
    };
    let mode = session.mode();
    let title = match &unfinished {
        Some(unfinished) => unfinished.plan.title.clone(),
        None => sitting::title(&session),
    };
    // The whole limit; a resumed exam keeps what was left of it.
    let time_limit = match &unfinished {
        Some(u) => u.plan.time_limit_ms.map(Duration::from_millis),
        None => sitting::time_limit(selection, &loaded),
    };
    let (mut flow, started) = Flow::start(&session, time_limit, kept, clock.now());
    let resumed = unfinished
        .as_ref()
        .map(|u| present::resumed(&session, &flow, u.started, clock.now()));
    if let Some(what) = &resumed {
        writeln!(
            err,
            "quiz: resuming the {what} ({})",
            present::title(&title)
        )
        .map_err(Error::Output)?;
    }
    let resumed_note = resumed.map(|what| format!("Resumed the {what}."));
    let mut session_id = None;
    let mut recorder = match &history {
        Some(history) => {
            let id = match &unfinished {
                Some(u) => u.id,
                None => {
                    let (id, lock) = sitting::begin(
                        history,
                        &session,
                        selection,
                        &loaded,
                        time_limit,
                        &title,
                        clock.now(),
                    )?;
                    held = Some(lock);
                    id
                }
            };
            session_id = Some(id);
            Box::new(HistoryRecorder::new(history, id, held.take())) as Box<dyn Recorder + '_>
        }
        None => Box::new(NoRecorder),
    };
    let now = clock.now();
    for effect in &started {
        recorder.keep(&session, &flow, effect, now);
    }
    let notes = sitting::notes(&session, answers, session_id);
    let paint = Paint {
        color: config.color,
    };
    let resumable = history.is_some();
    // The closing text, once printed: a terminal that hung up cannot take it,
    // and that must not keep the report from being written.
    let mut printed = Ok(());
    let (session, flow, interrupted) = if config.interactive {
        let mut state = State::new(
            session,
            flow,
            &title,
            clock.now(),
            Theme {
                color: config.color,
            },
        )
        .with_notes(notes);
        state.message = resumed_note;
        screen::run(&mut state, &clock, recorder.as_mut(), config.hyperlinks)
            .map_err(Error::Output)?;
        // The window's width, read now: it may have changed during the quiz.
        let width = window_width();
        let closing = present::closing(
            &state.session,
            &state.flow,
            clock.now(),
            resumable,
            paint,
            width,
        );
        let mut out = io::stdout().lock();
        printed = out.write_all(closing.as_bytes()).and_then(|()| out.flush());
        let interrupted = state.ending == Some(Ending::Interrupted);
        (state.session, state.flow, interrupted)
    } else {
        let stop = Arc::new(AtomicBool::new(false));
        let mut hooks = Vec::new();
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            if let Ok(hook) = signal_hook::flag::register(signal, Arc::clone(&stop)) {
                hooks.push(hook);
            }
        }
        let stdin = io::stdin();
        let echo = !stdin.is_terminal();
        let stdout = io::stdout();
        let width = stdout.is_terminal().then(window_width);
        let input = Interruptible::new(io::BufReader::new(stdin), Arc::clone(&stop));
        let front = LineFront::new(input, stdout.lock(), paint, echo).stopped_by(Arc::clone(&stop));
        let mut front = match width {
            Some(width) => front.wrap_at(width),
            None => front,
        };
        let cx = Context {
            clock: &clock,
            time_limit,
            recorder: recorder.as_mut(),
            notes: &notes,
            title: &title,
        };
        ui::drive(&session, &mut flow, &mut front, cx).map_err(Error::Output)?;
        for hook in hooks {
            signal_hook::low_level::unregister(hook);
        }
        (session, flow, stop.load(Ordering::SeqCst))
    };
    if let Some(problem) = recorder.failure() {
        printed = printed.and_then(|()| writeln!(err, "quiz: warning: {problem}"));
    }
    // Practice reports what was asked; an exam, once submitted.
    let summary = (mode == Mode::Practice || flow.submitted()).then(|| flow.summary(&session));
    if let (Some(path), Some(summary)) = (&config.report, &summary) {
        open_for_writing(path, true)?
            .write_all(&report::to_json(summary))
            .map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
    }
    // Interrupted, the terminal may be gone (a closed window): nobody is left
    // to tell, and the exit status already says how it ended.
    if !interrupted {
        printed.map_err(Error::Output)?;
    }
    Ok(if interrupted {
        ExitStatus::Interrupted
    } else {
        ExitStatus::Success
    })
}

/// The columns that text printed to the terminal is wrapped to: the window's
/// width, within bounds that keep lines readable.
fn window_width() -> usize {
    usize::from(console::Term::stdout().size().1).clamp(40, 100)
}
