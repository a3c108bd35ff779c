//! What `quiz run` and `quiz serve` share to open a sitting: the selection
//! flags and the settings they come to with a blueprint, the banks loaded and
//! refused when they have errors, a new session drawn from them or the one to
//! resume from the history (held by this process while it runs it), and the
//! recorder that keeps the flow's effects in the history.

use super::{Error, empty, load_blueprint, load_or_builtin, refuse_errors, resume};
use crate::bank;
use crate::blueprint::{self, Blueprint};
use crate::exit::{ExitStatus, error_chain};
use crate::flow::{Effect, Flow, Kept, Recorder};
use crate::quiz::{self, Asked, Clock, Mode, Scoring, Session, SystemClock, Taken};
use crate::review;
use crate::safe;
use crate::store::{self, History, NewAnswer, SessionInfo, SessionLock, Unfinished};
use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// Which questions, and how they are asked: what `quiz run` and `quiz serve`
/// take from the same flags.
#[derive(Debug, Clone, Default)]
pub struct Selection {
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
    pub history: HistoryConfig,
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

/// The blueprint and the banks a sitting draws from, loaded without errors.
pub(super) struct Loaded {
    pub plan: Option<Blueprint>,
    pub loaded: bank::Loaded,
}

/// Loads what `selection` names (or, resuming, the banks `unfinished` was drawn
/// from), refusing banks with errors and unknown tags: said on `err`, with the
/// exit status to end with.
pub(super) fn load(
    selection: &Selection,
    unfinished: Option<&Unfinished>,
    err: &mut dyn Write,
) -> Result<Result<Loaded, ExitStatus>, Error> {
    let plan = match (&selection.blueprint, unfinished) {
        (Some(path), None) => match load_blueprint(path, err)? {
            Some(blueprint) => Some(blueprint),
            None => return Ok(Err(ExitStatus::Failure)),
        },
        _ => None,
    };
    let loaded = match (&plan, unfinished) {
        (_, Some(unfinished)) => load_or_builtin(&resume::paths(&unfinished.plan))?,
        (Some(blueprint), None) if selection.paths.is_empty() => blueprint.load_banks()?,
        _ => load_or_builtin(&selection.paths)?,
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
        return Ok(Err(ExitStatus::Usage));
    }
    if refuse_errors(&loaded, err)? {
        return Ok(Err(ExitStatus::Failure));
    }
    if let Some(why) = empty::unknown_tags(&loaded.banks, &selection.tags) {
        writeln!(err, "quiz: {}", safe::text(&why)).map_err(Error::Output)?;
        return Ok(Err(ExitStatus::Failure));
    }
    Ok(Ok(Loaded { plan, loaded }))
}

/// The latest unfinished session, taken for this process; Err says, without
/// `quiz: `, why there is none to resume.
pub(super) fn take_unfinished(
    history: &History,
) -> Result<Result<(Unfinished, SessionLock), String>, Error> {
    let Some(found) = history.latest_unfinished()? else {
        return Ok(Err(format!(
            "nothing to resume: every session in {} has finished",
            history.path().display()
        )));
    };
    // One quiz at a time holds a session: the one to resume is taken first, then
    // read again, as its last holder may have answered or submitted meanwhile.
    match history.hold(found.id) {
        Ok(lock) => match history.latest_unfinished()? {
            Some(again) if again.id == found.id => Ok(Ok((again, lock))),
            _ => Ok(Err(
                "nothing to resume: another quiz finished the session meanwhile".to_owned(),
            )),
        },
        Err(e @ store::Error::Held { .. }) => Ok(Err(format!("cannot resume: {e}"))),
        Err(e) => Err(e.into()),
    }
}

/// A new session from `selection` over `loaded`, or why none could be drawn
/// (said on `err`).
pub(super) fn draw<'b>(
    selection: &Selection,
    loaded: &'b Loaded,
    answers: &[store::Answer],
    history: Option<&History>,
    err: &mut dyn Write,
) -> Result<Option<Session<'b>>, Error> {
    let settings = Settings::new(selection, loaded.plan.as_ref());
    let drawn = new_session(
        selection,
        &settings,
        loaded.plan.as_ref(),
        &loaded.loaded,
        answers,
        history,
        err,
    )?;
    match drawn {
        None => Ok(None),
        Some(Ok(session)) => Ok(Some(session)),
        Some(Err(quiz::Error::NothingSelected(_))) => {
            let why = empty::explain(&empty::Selection {
                banks: &loaded.loaded.banks,
                tags: &selection.tags,
                missed: selection.missed,
                review: selection.review,
                flagged: selection.flagged,
                answers,
                now: SystemClock.now(),
            });
            writeln!(err, "quiz: {}", safe::text(&why)).map_err(Error::Output)?;
            Ok(None)
        }
        Some(Err(e)) => {
            writeln!(err, "quiz: {}", safe::line(&e.to_string())).map_err(Error::Output)?;
            Ok(None)
        }
    }
}

/// The session `unfinished` was, and what it kept; None when its banks changed
/// since (said on `err`).
pub(super) fn replay<'b>(
    banks: &'b [bank::Bank],
    unfinished: &Unfinished,
    err: &mut dyn Write,
) -> Result<Option<(Session<'b>, Kept)>, Error> {
    match resume::session(banks, unfinished) {
        Ok(built) => Ok(Some(built)),
        Err(e @ quiz::Error::Changed(_)) => {
            // The id comes from the history, written from a bank: shown, not sent.
            writeln!(
                err,
                "quiz: cannot resume: {} since the session started; start a new one with `quiz run`",
                safe::line(&e.to_string())
            )
            .map_err(Error::Output)?;
            Ok(None)
        }
        Err(e) => {
            writeln!(err, "quiz: {}", safe::line(&e.to_string())).map_err(Error::Output)?;
            Ok(None)
        }
    }
}

/// Starts a new session in the history and holds it for this process; its
/// plan (which makes it resumable) is saved once it is held.
pub(super) fn begin(
    history: &History,
    session: &Session,
    selection: &Selection,
    loaded: &Loaded,
    time_limit: Option<Duration>,
    title: &str,
    now: SystemTime,
) -> Result<(i64, SessionLock), Error> {
    let info = SessionInfo {
        mode: session.mode().name().to_owned(),
        seed: session.options().seed,
        scoring: session.options().scoring.name().to_owned(),
        banks: loaded.loaded.paths.clone(),
    };
    let id = history.begin(&info, now)?;
    let lock = history.hold(id)?;
    // A blueprint's own banks, when no PATH was given: a resume loads them again.
    let paths = match &loaded.plan {
        Some(blueprint) if selection.paths.is_empty() => blueprint.bank_paths(),
        _ => selection.paths.clone(),
    };
    let plan = resume::plan(session, &paths, time_limit, title);
    history.save_plan(id, &plan)?;
    Ok((id, lock))
}

/// The time limit of a new session: the flag's, else (for an exam) the blueprint's.
pub(super) fn time_limit(selection: &Selection, loaded: &Loaded) -> Option<Duration> {
    Settings::new(selection, loaded.plan.as_ref()).time_limit
}

/// A remark per question of `session`: that it changed since it was last
/// answered, outside session `current`.
pub(super) fn notes(
    session: &Session,
    answers: Vec<store::Answer>,
    current: Option<i64>,
) -> Vec<Option<String>> {
    let last_hash: HashMap<String, String> = answers
        .into_iter()
        .filter(|a| Some(a.session) != current)
        .map(|a| (a.question_id, a.content_hash))
        .collect();
    (0..session.len())
        .map(|i| session.asked(i).and_then(|a| changed(&last_hash, &a)))
        .collect()
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
    config: &Selection,
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
pub(super) struct Settings {
    pub pass_mark: f64,
    pub scale: Option<quiz::Scale>,
    pub scoring: Scoring,
    pub time_limit: Option<Duration>,
}

impl Settings {
    pub fn new(config: &Selection, plan: Option<&Blueprint>) -> Self {
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
pub(super) fn title(session: &Session<'_>) -> String {
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
pub(super) struct HistoryRecorder<H> {
    /// The history, or a handle on it: `&History`, or a `History` of its own.
    history: H,
    session_id: i64,
    failure: Option<String>,
    /// This process's hold on the session, for as long as it runs it.
    lock: Option<store::SessionLock>,
}

impl<H: Borrow<History>> Recorder for HistoryRecorder<H> {
    fn keep(&mut self, session: &Session, flow: &Flow, effect: &Effect, now: SystemTime) {
        if self.failure.is_some() {
            return;
        }
        let history: &History = self.history.borrow();
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
                history.record(id, &answer)
            }
            Effect::Shown { index } => match asked(*index) {
                Some(a) => history.shown(id, &a.bank.name, &a.question.id.value, now),
                None => Ok(()),
            },
            Effect::Flagged { index, flagged } => match asked(*index) {
                Some(a) => history.flag(id, &a.bank.name, &a.question.id.value, *flagged),
                None => Ok(()),
            },
            Effect::Progress => {
                history.save_progress(id, flow.time_left(now), &flow.flagged_positions())
            }
            Effect::Finished => {
                let finished = history.finish(id, SystemTime::now());
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
                history.path().display(),
                error_chain(&e)
            ));
        }
    }

    fn failure(&self) -> Option<String> {
        self.failure.clone()
    }
}

impl<H> HistoryRecorder<H> {
    /// Keeps effects in session `session_id` of `history`, held by `lock`.
    pub(super) fn new(history: H, session_id: i64, lock: Option<SessionLock>) -> Self {
        HistoryRecorder {
            history,
            session_id,
            failure: None,
            lock,
        }
    }
}

/// A fresh seed, short enough to type back in: from the OS-seeded hasher keys,
/// so no extra dependency is needed for it.
fn random_seed() -> u64 {
    use std::hash::{BuildHasher, RandomState};
    RandomState::new().hash_one(std::time::SystemTime::now()) % 1_000_000
}
