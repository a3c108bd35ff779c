//! `quiz run`: a practice quiz or an exam, recorded in the history.

use super::{Error, load_blueprint, load_or_builtin, open_for_writing, refuse_errors};
use crate::bank;
use crate::blueprint::{self, Blueprint};
use crate::exit::{ExitStatus, error_chain};
use crate::paint::Paint;
use crate::quiz::{self, Asked, Clock, Mode, Outcome, Scoring, Session, SystemClock};
use crate::report;
use crate::review;
use crate::store::{self, History, NewAnswer, SessionInfo};
use crate::ui::{self, Context, Front, LineFront, NoRecorder, Recorder, TerminalFront};
use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
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
    pub report: Option<PathBuf>,
    pub history: HistoryConfig,
    /// Use the dialoguer front (stdin and stdout are terminals).
    pub interactive: bool,
    pub color: bool,
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
    let plan = match &config.blueprint {
        Some(path) => match load_blueprint(path, err)? {
            Some(blueprint) => Some(blueprint),
            None => return Ok(ExitStatus::Failure),
        },
        None => None,
    };
    let loaded = match &plan {
        Some(blueprint) if config.paths.is_empty() => blueprint.load_banks()?,
        _ => load_or_builtin(&config.paths)?,
    };
    if loaded.banks.is_empty()
        && let Some((path, _)) = loaded.blueprints.first()
    {
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
    // Fail now, not after a long quiz, if the report cannot be written.
    if let Some(path) = &config.report {
        open_for_writing(path, false)?;
    }
    let history = if config.history.enabled {
        Some(config.history.open()?)
    } else {
        None
    };
    let settings = Settings::new(config, plan.as_ref());
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
        title: plan.as_ref().map(Blueprint::display_title),
        scale: settings.scale,
    };
    // Read once: it serves the selection here and the "changed since" notes below.
    let answers = match &history {
        Some(history) => history.answers()?,
        None => Vec::new(),
    };
    if history.is_some() {
        if config.missed {
            options.only = Some(missed_ids(&answers));
        }
        if config.review {
            let standings = review::standings(&loaded.banks, &answers);
            let mut ids = review::due_then_unseen(&standings, &loaded.banks, clock.now());
            if let Some(only) = &options.only {
                ids.retain(|id| only.contains(id));
            }
            options.only = Some(ids);
            options.keep_order = true;
            options.count = Some(config.count.unwrap_or(REVIEW_COUNT));
        }
    }
    let session = match &plan {
        Some(blueprint) => {
            let count = config.count.unwrap_or(blueprint.count.value);
            match blueprint.draw(&loaded.banks, count, options.seed, config.shuffle) {
                Ok(drawn) => Session::from_draw(&loaded.banks, &drawn, options.clone()),
                Err(shortfalls) => {
                    for shortfall in &shortfalls {
                        writeln!(err, "quiz: {}", blueprint.explain(shortfall, count))
                            .map_err(Error::Output)?;
                    }
                    writeln!(
                        err,
                        "quiz: the banks cannot fill this exam: add questions with those tags, or lower `count` (or --count)"
                    )
                    .map_err(Error::Output)?;
                    return Ok(ExitStatus::Failure);
                }
            }
        }
        None => Session::new(&loaded.banks, options.clone()),
    };
    let session = match session {
        Ok(session) => session,
        Err(quiz::Error::NothingSelected(_)) if config.review => {
            writeln!(
                err,
                "quiz: nothing is due for review, and every question has been seen"
            )
            .map_err(Error::Output)?;
            return Ok(ExitStatus::Failure);
        }
        Err(quiz::Error::NothingSelected(_)) if config.missed => {
            writeln!(
                err,
                "quiz: no missed questions: every latest answer scored full marks"
            )
            .map_err(Error::Output)?;
            return Ok(ExitStatus::Failure);
        }
        Err(e) => {
            writeln!(err, "quiz: {e}").map_err(Error::Output)?;
            return Ok(ExitStatus::Failure);
        }
    };
    let mut recorder = match &history {
        Some(history) => {
            let info = SessionInfo {
                mode: config.mode.name().to_owned(),
                seed: options.seed,
                scoring: settings.scoring.name().to_owned(),
                banks: loaded.paths.clone(),
            };
            let session_id = history.begin(&info, clock.now())?;
            let last_hash = answers
                .into_iter()
                .map(|a| (a.question_id, a.content_hash))
                .collect();
            Box::new(HistoryRecorder {
                history,
                session_id,
                last_hash,
                failure: None,
            }) as Box<dyn Recorder + '_>
        }
        None => Box::new(NoRecorder),
    };
    let cx = Context {
        clock: &clock,
        time_limit: settings.time_limit,
        recorder: recorder.as_mut(),
    };
    let paint = Paint {
        color: config.color,
    };
    let summary = if config.interactive {
        ui::drive(session, &mut TerminalFront::new(paint), cx)
    } else {
        let stdin = io::stdin();
        let echo = !stdin.is_terminal();
        let stdout = io::stdout();
        let width = stdout
            .is_terminal()
            .then(|| usize::from(console::Term::stdout().size().1).clamp(40, 100));
        let front = LineFront::new(stdin.lock(), stdout.lock(), paint, echo);
        let mut front = match width {
            Some(width) => front.wrap_at(width),
            None => front,
        };
        ui::drive(session, &mut front as &mut dyn Front, cx)
    }
    .map_err(Error::Output)?;
    if let Some(problem) = recorder.failure() {
        writeln!(err, "quiz: warning: {problem}").map_err(Error::Output)?;
    }
    if let Some(path) = &config.report {
        open_for_writing(path, true)?
            .write_all(&report::to_json(&summary))
            .map_err(|source| Error::Write {
                path: path.clone(),
                source,
            })?;
    }
    Ok(ExitStatus::Success)
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

/// Records each answer in the history as it is given. A failed write does not
/// stop the quiz: it is reported once, at the end.
struct HistoryRecorder<'h> {
    history: &'h History,
    session_id: i64,
    /// The content hash each question had when it was last answered.
    last_hash: HashMap<String, String>,
    failure: Option<String>,
}

impl Recorder for HistoryRecorder<'_> {
    fn record(&mut self, asked: &Asked, outcome: &Outcome, taken: Duration) {
        if self.failure.is_some() {
            return;
        }
        let mut given: Vec<char> = outcome
            .given
            .iter()
            .filter_map(|&s| asked.order.get(s).map(|&f| bank::letter(f)))
            .collect();
        given.sort_unstable();
        let hash = asked.question.content_hash();
        let answer = NewAnswer {
            bank: &asked.bank.name,
            question_id: &asked.question.id.value,
            content_hash: &hash,
            given: given
                .iter()
                .map(char::to_string)
                .collect::<Vec<_>>()
                .join(","),
            points: outcome.points,
            time: taken,
            at: SystemTime::now(),
        };
        if let Err(e) = self.history.record(self.session_id, &answer) {
            self.failure = Some(format!(
                "answers after this point were not saved to {}: {}",
                self.history.path().display(),
                error_chain(&e)
            ));
        }
    }

    fn note(&self, asked: &Asked) -> Option<String> {
        let before = self.last_hash.get(&asked.question.id.value)?;
        (*before != asked.question.content_hash()).then(|| {
            "This question changed since you last answered it; it counts as new for review."
                .to_owned()
        })
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
