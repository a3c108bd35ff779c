//! `quiz run`: a practice quiz or an exam, recorded in the history.

use super::{
    Error, create_output, empty, load_blueprint, load_or_builtin, open_for_writing, refuse_errors,
    resume,
};
use crate::bank;
use crate::blueprint::{self, Blueprint};
use crate::exit::{ExitStatus, error_chain};
use crate::flow::{Effect, Flow, Kept, NoRecorder, Recorder};
use crate::paint::Paint;
use crate::present;
use crate::quiz::{self, Asked, Clock, Mode, Scoring, Session, SystemClock, Taken};
use crate::report;
use crate::review;
use crate::safe;
use crate::screen::{self, Ending, State, Theme};
use crate::store::{self, History, NewAnswer, SessionInfo};
use crate::ui::{self, Context, Interruptible, LineFront};
use std::collections::{HashMap, HashSet};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

/// `quiz run`'s settings.
#[derive(Debug, Clone, Default)]
pub struct RunConfig {
    /// Bank files or directories; empty means the built-in bank (or a
    /// blueprint's banks).
    pub paths: Vec<PathBuf>,
    /// An exam blueprint to draw the questions by; the settings below, when
    /// given, override its own.
    pub blueprint: Option<PathBuf>,
    pub mode: Mode,
    /// Exam: the exam ends at the first prompt after this.
    pub time_limit: Option<Duration>,
    /// Exam: percent needed to pass; None means the blueprint's, else
    /// [`blueprint::DEFAULT_PASS_MARK`].
    pub pass_mark: Option<f64>,
    /// None draws a seed, which the summary and report print.
    pub seed: Option<u64>,
    pub shuffle: bool,
    /// None means the blueprint's, else strict.
    pub scoring: Option<Scoring>,
    pub count: Option<usize>,
    pub tags: Vec<String>,
    /// Only the questions whose latest answer scored less than full marks.
    pub missed: bool,
    /// The questions due for review, then unseen ones.
    pub review: bool,
    /// Only the questions flagged in the latest session that showed them.
    pub flagged: bool,
    pub report: Option<PathBuf>,
    /// Replace the report file if it exists.
    pub force: bool,
    pub history: HistoryConfig,
    /// Use the full-screen front (stdin and stdout are terminals, no `--plain`).
    pub interactive: bool,
    pub color: bool,
    /// Continue the latest session that ended without finishing.
    pub resume: bool,
    /// The terminal shows OSC 8 hyperlinks (the screen links the references).
    pub hyperlinks: bool,
}

/// Where the history lives, or that there is none.
#[derive(Debug, Clone, Default)]
pub struct HistoryConfig {
    pub enabled: bool,
    /// `--data-dir` or `$QUIZ_DATA_DIR`; None means the platform's data directory.
    pub data_dir: Option<PathBuf>,
}

impl HistoryConfig {
    pub(crate) fn open(&self) -> Result<History, Error> {
        let dir = super::data_dir(self.data_dir.as_deref()).ok_or(Error::NoDataDir)?;
        Ok(History::open(&dir)?)
    }
}

/// `--review` asks this many unless `--count` says otherwise.
pub const REVIEW_COUNT: usize = 20;

/// Asks the questions, then prints the summary and writes the report.
pub fn run(config: &RunConfig, err: &mut dyn Write) -> Result<ExitStatus, Error> {
    let clock = SystemClock;
    let history = if config.history.enabled || config.resume {
        Some(config.history.open()?)
    } else {
        None
    };
    let unfinished = match (&history, config.resume) {
        (Some(history), true) => match history.latest_unfinished()? {
            Some(unfinished) => Some(unfinished),
            None => {
                writeln!(
                    err,
                    "quiz: nothing to resume: every session in {} has finished",
                    history.path().display()
                )
                .map_err(Error::Output)?;
                return Ok(ExitStatus::Failure);
            }
        },
        _ => None,
    };
    // One quiz at a time holds a session: the one to resume is taken first, then
    // read again, as its last holder may have answered or submitted meanwhile.
    let mut held = None;
    let unfinished = match (&history, unfinished) {
        (Some(history), Some(found)) => match history.hold(found.id) {
            Ok(lock) => {
                held = Some(lock);
                match history.latest_unfinished()? {
                    Some(again) if again.id == found.id => Some(again),
                    _ => {
                        writeln!(
                            err,
                            "quiz: nothing to resume: another quiz finished the session meanwhile"
                        )
                        .map_err(Error::Output)?;
                        return Ok(ExitStatus::Failure);
                    }
                }
            }
            Err(e @ store::Error::Held { .. }) => {
                writeln!(err, "quiz: cannot resume: {e}").map_err(Error::Output)?;
                return Ok(ExitStatus::Failure);
            }
            Err(e) => return Err(e.into()),
        },
        (_, unfinished) => unfinished,
    };
    let plan = match (&config.blueprint, &unfinished) {
        (Some(path), None) => match load_blueprint(path, err)? {
            Some(blueprint) => Some(blueprint),
            None => return Ok(ExitStatus::Failure),
        },
        _ => None,
    };
    let loaded = match (&plan, &unfinished) {
        (_, Some(unfinished)) => load_or_builtin(&resume::paths(&unfinished.plan))?,
        (Some(blueprint), None) if config.paths.is_empty() => blueprint.load_banks()?,
        _ => load_or_builtin(&config.paths)?,
    };
    if loaded.banks.is_empty()
        && let Some((path, _)) = loaded.blueprints.first()
    {
        let path = safe::line(path);
        writeln!(
            err,
            "quiz: {path} is an exam blueprint, not a bank: run it with `quiz run --blueprint {path}`"
        )
        .map_err(Error::Output)?;
        return Ok(ExitStatus::Usage);
    }
    if refuse_errors(&loaded, err)? {
        return Ok(ExitStatus::Failure);
    }
    if let Some(why) = empty::unknown_tags(&loaded.banks, &config.tags) {
        writeln!(err, "quiz: {}", safe::text(&why)).map_err(Error::Output)?;
        return Ok(ExitStatus::Failure);
    }
    // Fail now, not after a long quiz, if the report cannot be written; an
    // existing file is replaced only with --force, as `export -o` does.
    if let Some(path) = &config.report {
        create_output(path, config.force)?;
    }
    let settings = Settings::new(config, plan.as_ref());
    // Read once: it serves the selection here and the "changed since" notes below.
    let answers = match &history {
        Some(history) => history.answers()?,
        None => Vec::new(),
    };
    let built = match &unfinished {
        Some(unfinished) => resume::session(&loaded.banks, unfinished),
        None => match new_session(
            config,
            &settings,
            plan.as_ref(),
            &loaded,
            &answers,
            history.as_ref(),
            err,
        )? {
            Some(built) => built.map(|session| (session, Kept::default())),
            None => return Ok(ExitStatus::Failure),
        },
    };
    let (session, kept) = match built {
        Ok(built) => built,
        Err(quiz::Error::NothingSelected(_)) => {
            let why = empty::explain(&empty::Selection {
                banks: &loaded.banks,
                tags: &config.tags,
                missed: config.missed,
                review: config.review,
                flagged: config.flagged,
                answers: &answers,
                now: clock.now(),
            });
            writeln!(err, "quiz: {}", safe::text(&why)).map_err(Error::Output)?;
            return Ok(ExitStatus::Failure);
        }
        Err(e @ quiz::Error::Changed(_)) => {
            // The id comes from the history, written from a bank: shown, not sent.
            writeln!(
                err,
                "quiz: cannot resume: {} since the session started; start a new one with `quiz run`",
                safe::line(&e.to_string())
            )
            .map_err(Error::Output)?;
            return Ok(ExitStatus::Failure);
        }
        Err(e) => {
            writeln!(err, "quiz: {}", safe::line(&e.to_string())).map_err(Error::Output)?;
            return Ok(ExitStatus::Failure);
        }
    };
    let mode = session.mode();
    let title = match &unfinished {
        Some(unfinished) => unfinished.plan.title.clone(),
        None => title(&session),
    };
    // The whole limit; a resumed exam keeps what was left of it.
    let time_limit = match &unfinished {
        Some(u) => u.plan.time_limit_ms.map(Duration::from_millis),
        None => settings.time_limit,
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
    let mut last_hash = HashMap::new();
    let mut recorder = match &history {
        Some(history) => {
            let session_id = match &unfinished {
                Some(u) => u.id,
                None => {
                    let info = SessionInfo {
                        mode: mode.name().to_owned(),
                        seed: session.options().seed,
                        scoring: session.options().scoring.name().to_owned(),
                        banks: loaded.paths.clone(),
                    };
                    let id = history.begin(&info, clock.now())?;
                    // Held before it can be resumed: its plan makes it resumable.
                    held = Some(history.hold(id)?);
                    let plan = resume::plan(&session, &config.paths, time_limit, &title);
                    history.save_plan(id, &plan)?;
                    id
                }
            };
            last_hash = answers
                .into_iter()
                .filter(|a| a.session != session_id)
                .map(|a| (a.question_id, a.content_hash))
                .collect();
            Box::new(HistoryRecorder {
                history,
                session_id,
                failure: None,
                lock: held.take(),
            }) as Box<dyn Recorder + '_>
        }
        None => Box::new(NoRecorder),
    };
    let now = clock.now();
    for effect in &started {
        recorder.keep(&session, &flow, effect, now);
    }
    let notes: Vec<Option<String>> = (0..session.len())
        .map(|i| session.asked(i).and_then(|a| changed(&last_hash, &a)))
        .collect();
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

/// "This question changed since…", when it did since it was last answered.
fn changed(last_hash: &HashMap<String, String>, asked: &Asked) -> Option<String> {
    let before = last_hash.get(&asked.question.id.value)?;
    (*before != asked.question.content_hash()).then(|| {
        "This question changed since you last answered it; it counts as new for review.".to_owned()
    })
}

/// A new session from the flags (the selection, `--missed`, `--review`) or the
/// blueprint. None when the blueprint cannot be filled (said on `err`).
fn new_session<'b>(
    config: &RunConfig,
    settings: &Settings,
    plan: Option<&Blueprint>,
    loaded: &'b bank::Loaded,
    answers: &[store::Answer],
    history: Option<&History>,
    err: &mut dyn Write,
) -> Result<Option<Result<Session<'b>, quiz::Error>>, Error> {
    let mut options = quiz::Options {
        mode: config.mode,
        pass_mark: settings.pass_mark,
        seed: config.seed.unwrap_or_else(random_seed),
        shuffle: config.shuffle,
        scoring: settings.scoring,
        count: config.count,
        tags: config.tags.clone(),
        only: None,
        keep_order: false,
        title: plan.map(Blueprint::display_title),
        scale: settings.scale,
    };
    if config.history.enabled {
        if config.missed {
            options.only = Some(missed_ids(answers));
        }
        if let (true, Some(history)) = (config.flagged, history) {
            let flagged = history.flagged_ids()?;
            options.only = Some(match options.only.take() {
                Some(only) => flagged.into_iter().filter(|id| only.contains(id)).collect(),
                None => flagged,
            });
        }
        if config.review {
            let standings = review::standings(&loaded.banks, answers);
            let now = SystemClock.now();
            let mut ids = review::due_then_unseen(&standings, &loaded.banks, now);
            // With --missed: the missed questions that are due, most overdue first.
            if let Some(only) = &options.only {
                let missed: HashSet<&String> = only.iter().collect();
                ids.retain(|id| missed.contains(id));
            }
            options.only = Some(ids);
            options.keep_order = true;
            options.count = Some(config.count.unwrap_or(REVIEW_COUNT));
        }
    }
    let Some(blueprint) = plan else {
        return Ok(Some(Session::new(&loaded.banks, options)));
    };
    let count = config.count.unwrap_or(blueprint.count.value);
    match blueprint.draw(&loaded.banks, count, options.seed, config.shuffle) {
        Ok(drawn) => Ok(Some(Session::from_draw(&loaded.banks, &drawn, options))),
        Err(shortfalls) => {
            for shortfall in &shortfalls {
                let why = blueprint.explain(shortfall, count);
                writeln!(err, "quiz: {}", safe::text(&why)).map_err(Error::Output)?;
            }
            writeln!(
                err,
                "quiz: the banks cannot fill this exam: add questions with those tags, or lower `count` (or --count)"
            )
            .map_err(Error::Output)?;
            Ok(None)
        }
    }
}

/// What the run goes by: the command line, else the blueprint, else the defaults.
struct Settings {
    pass_mark: f64,
    scale: Option<quiz::Scale>,
    scoring: Scoring,
    time_limit: Option<Duration>,
}

impl Settings {
    fn new(config: &RunConfig, plan: Option<&Blueprint>) -> Self {
        let scale = plan.and_then(|b| b.scale.as_ref()).map(|s| s.value);
        // A pass mark in percent on the command line moves a scale's pass
        // score to the score that percentage maps to.
        let scale = match (scale, config.pass_mark) {
            (Some(scale), Some(percent)) => Some(quiz::Scale {
                pass: scale.at_percent(percent),
                ..scale
            }),
            (scale, _) => scale,
        };
        let pass_mark = match (config.pass_mark, plan, scale) {
            (Some(percent), _, _) => percent,
            (None, _, Some(scale)) => scale.pass_percent(),
            (None, Some(plan), None) => plan.pass_percent(),
            (None, None, None) => blueprint::DEFAULT_PASS_MARK,
        };
        let from_file = |b: &Blueprint| b.time_limit.as_ref().map(|t| t.value);
        Settings {
            pass_mark,
            scale,
            scoring: config
                .scoring
                .or_else(|| plan.and_then(|b| b.scoring.as_ref()).map(|s| s.value))
                .unwrap_or_default(),
            // A blueprint's time limit is for exams; practice has none.
            time_limit: config.time_limit.or_else(|| {
                plan.filter(|_| config.mode == Mode::Exam)
                    .and_then(from_file)
            }),
        }
    }
}

/// The header's title: the blueprint's, else the bank's when every question
/// comes from one bank, else what the banks are.
fn title(session: &Session<'_>) -> String {
    if let Some(title) = session.title() {
        return title.to_owned();
    }
    let mut seen = std::collections::HashSet::new();
    let banks: Vec<&bank::Bank> = (0..session.len())
        .filter_map(|i| session.asked(i))
        .map(|asked| asked.bank)
        .filter(|b| seen.insert(std::ptr::from_ref(*b)))
        .collect();
    match banks.as_slice() {
        [one] => one.display_title().to_owned(),
        many if many.iter().all(|b| b.path.starts_with(bank::BUILTIN_LABEL)) => {
            "Built-in TLS bank".to_owned()
        }
        many => format!("{} banks", many.len()),
    }
}

/// The columns that text printed to the terminal is wrapped to: the window's
/// width, within bounds that keep lines readable.
fn window_width() -> usize {
    usize::from(console::Term::stdout().size().1).clamp(40, 100)
}

/// Ids whose latest answer scored less than full marks.
fn missed_ids(answers: &[store::Answer]) -> Vec<String> {
    let mut latest: HashMap<&str, f64> = HashMap::new();
    for a in answers {
        latest.insert(&a.question_id, a.points);
    }
    latest
        .into_iter()
        .filter(|(_, points)| *points < 1.0)
        .map(|(id, _)| id.to_owned())
        .collect()
}

/// Keeps the flow's effects in the history as they happen. A failed write does
/// not stop the quiz: it is reported once, at the end.
struct HistoryRecorder<'h> {
    history: &'h History,
    session_id: i64,
    failure: Option<String>,
    /// This process's hold on the session, for as long as it runs it.
    lock: Option<store::SessionLock>,
}

impl Recorder for HistoryRecorder<'_> {
    fn keep(&mut self, session: &Session, flow: &Flow, effect: &Effect, now: SystemTime) {
        if self.failure.is_some() {
            return;
        }
        let asked = |index: usize| session.asked(index);
        let id = self.session_id;
        let kept = match effect {
            Effect::Record {
                index,
                outcome,
                time,
            } => {
                let Some(asked) = asked(*index) else {
                    return;
                };
                let response = flow.response(*index);
                let (Some(kept), Some(record)) = (
                    session.kept(*index, response),
                    session.record(*index, outcome, response, Taken::default()),
                ) else {
                    return;
                };
                let hash = asked.question.content_hash();
                let answer = NewAnswer {
                    bank: &asked.bank.name,
                    question_id: &asked.question.id.value,
                    content_hash: &hash,
                    kind: record.kind.name(),
                    given: record.given.join(","),
                    response: serde_json::to_string(&kept).ok(),
                    points: outcome.points,
                    time: *time,
                    at: SystemTime::now(),
                };
                self.history.record(id, &answer)
            }
            Effect::Shown { index } => match asked(*index) {
                Some(a) => self
                    .history
                    .shown(id, &a.bank.name, &a.question.id.value, now),
                None => Ok(()),
            },
            Effect::Flagged { index, flagged } => match asked(*index) {
                Some(a) => self
                    .history
                    .flag(id, &a.bank.name, &a.question.id.value, *flagged),
                None => Ok(()),
            },
            Effect::Progress => {
                self.history
                    .save_progress(id, flow.time_left(now), &flow.flagged_positions())
            }
            Effect::Finished => {
                let finished = self.history.finish(id, SystemTime::now());
                if finished.is_ok()
                    && let Some(lock) = &mut self.lock
                {
                    lock.finished();
                }
                finished
            }
            Effect::Verdict { .. } | Effect::TimeUp | Effect::Submitted | Effect::Notice(_) => {
                Ok(())
            }
        };
        if let Err(e) = kept {
            self.failure = Some(format!(
                "the history at {} could not be updated after this point: {}",
                self.history.path().display(),
                error_chain(&e)
            ));
        }
    }

    fn failure(&self) -> Option<String> {
        self.failure.clone()
    }
}

/// A fresh seed, short enough to type back in: from the OS-seeded hasher keys,
/// so no extra dependency is needed for it.
fn random_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now()) % 1_000_000
}
