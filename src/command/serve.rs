//! `quiz serve`: the quizzes of `quiz run` in a web browser. The banks (or the
//! blueprint) are loaded and checked once, as `quiz run` does; each browser's
//! sitting is made as `quiz run` makes one, recorded in the same history and
//! resumed from it ([`super::sitting`]). The server itself is the browser
//! front, [`crate::web`].

use super::Error;
use super::sitting::{self, HistoryRecorder, Loaded, Selection};
use super::stats::{readiness_of, stats_of};
use crate::exit::{ExitStatus, error_chain};
use crate::flow::{Flow, Kept, NoRecorder, Recorder};
use crate::present;
use crate::quiz::Mode;
use crate::store::History;
use crate::web::{self, Choice, Offer, Office, Sitting};
use std::collections::HashMap;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// `quiz serve`'s settings.
#[derive(Debug, Clone, Default)]
pub struct ServeConfig {
    /// Which questions, and how they are asked (the start page may change the
    /// mode, the count and the time limit).
    pub selection: Selection,
    /// `--listen`: serve the network at this address, with an access token.
    pub listen: Option<SocketAddr>,
    /// Open the address in the default browser.
    pub open: bool,
}

/// Serves until SIGINT or SIGTERM; the address goes to `out`.
pub fn serve(
    config: &ServeConfig,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitStatus, Error> {
    let selection = &config.selection;
    let loaded = match sitting::load(selection, None, err)? {
        Ok(loaded) => loaded,
        Err(status) => return Ok(status),
    };
    // A history that cannot be opened is said now, not on the first page.
    if selection.history.enabled {
        selection.history.open()?;
    }
    let addr = config
        .listen
        .unwrap_or(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0));
    let listener = TcpListener::bind(addr).map_err(|source| Error::Listen { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| Error::Listen { addr, source })?;
    let token = config.listen.map(|_| web::random_token());
    let query = token
        .as_ref()
        .map(|t| format!("?token={t}"))
        .unwrap_or_default();
    let shown = |ip: IpAddr| match ip {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    };
    let here = format!("http://127.0.0.1:{}/{query}", addr.port());
    let mut lines = vec![format!("quiz: serving at {here}")];
    if token.is_some() {
        if addr.ip().is_unspecified() {
            lines.push(format!(
                "quiz: from another machine: http://THIS-MACHINE:{}/{query} (this machine's address or name)",
                addr.port()
            ));
        } else if !addr.ip().is_loopback() {
            lines[0] = format!(
                "quiz: serving at http://{}:{}/{query}",
                shown(addr.ip()),
                addr.port()
            );
        }
        lines.push(
            "quiz: the token in the address lets a browser in; keep it to yourself".to_owned(),
        );
    }
    lines.push("quiz: Ctrl-C stops it (an exam under way is kept, to resume)".to_owned());
    for line in &lines {
        writeln!(out, "{line}").map_err(Error::Output)?;
    }
    out.flush().map_err(Error::Output)?;
    if config.open {
        let url = if token.is_some() && !addr.ip().is_unspecified() && !addr.ip().is_loopback() {
            format!("http://{}:{}/{query}", shown(addr.ip()), addr.port())
        } else {
            here.clone()
        };
        if let Err(e) = open::that_detached(&url) {
            writeln!(
                err,
                "quiz: warning: cannot open a browser ({e}): open {url}"
            )
            .map_err(Error::Output)?;
        }
    }
    let office = Served {
        selection: selection.clone(),
        loaded: Box::leak(Box::new(loaded)),
        resumed: Mutex::default(),
    };
    let options = web::Options { addr, token };
    web::serve(listener, options, Arc::new(office)).map_err(Error::Serve)?;
    Ok(ExitStatus::Success)
}

/// What `quiz serve` offers: the banks loaded once, for the life of the
/// process, and the banks of sessions resumed from the history.
struct Served {
    selection: Selection,
    loaded: &'static Loaded,
    /// The banks of resumed sessions, by their paths, loaded once each.
    resumed: Mutex<HashMap<Vec<String>, &'static Loaded>>,
}

/// What a command wrote to its error stream, as lines without `quiz: `.
fn said(text: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(text)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.strip_prefix("quiz: ").unwrap_or(l).to_owned())
        .collect()
}

fn failed(e: &Error) -> Vec<String> {
    vec![error_chain(e)]
}

impl Served {
    fn history(&self) -> Result<Option<History>, Vec<String>> {
        if !self.selection.history.enabled {
            return Ok(None);
        }
        self.selection
            .history
            .open()
            .map(Some)
            .map_err(|e| failed(&e))
    }

    /// The banks `unfinished` was drawn from.
    fn banks_of(
        &self,
        unfinished: &crate::store::Unfinished,
    ) -> Result<&'static Loaded, Vec<String>> {
        let key = unfinished.plan.paths.clone();
        let mut resumed = self
            .resumed
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(loaded) = resumed.get(&key) {
            return Ok(loaded);
        }
        let mut err = Vec::new();
        // Its own session's banks, not this command's tags, decide.
        let selection = Selection {
            tags: Vec::new(),
            ..self.selection.clone()
        };
        match sitting::load(&selection, Some(unfinished), &mut err) {
            Ok(Ok(loaded)) => {
                let loaded: &'static Loaded = Box::leak(Box::new(loaded));
                resumed.insert(key, loaded);
                Ok(loaded)
            }
            Ok(Err(_)) => Err(said(&err)),
            Err(e) => Err(failed(&e)),
        }
    }
}

/// Hands what starting the flow did to the recorder.
fn kept(
    recorder: &mut dyn Recorder,
    sitting: (&crate::quiz::Session, &Flow),
    effects: &[crate::flow::Effect],
    now: SystemTime,
) {
    for effect in effects {
        recorder.keep(sitting.0, sitting.1, effect, now);
    }
}

impl Office for Served {
    fn offer(&self) -> Offer {
        let exam = Selection {
            mode: Mode::Exam,
            ..self.selection.clone()
        };
        let plan = self.loaded.plan.as_ref();
        Offer {
            banks: self
                .loaded
                .loaded
                .banks
                .iter()
                .map(|b| (present::title(b.display_title()), b.questions.len()))
                .collect(),
            blueprint: plan.map(|b| present::title(&b.display_title())),
            mode: self.selection.mode,
            count: self.selection.count.or_else(|| plan.map(|b| b.count.value)),
            time_limit: sitting::time_limit(&exam, self.loaded),
            history: self.selection.history.enabled,
        }
    }

    fn start(&self, choice: Choice, now: SystemTime) -> Result<Sitting, Vec<String>> {
        let selection = Selection {
            mode: choice.mode,
            count: choice.count,
            time_limit: choice.time_limit.filter(|_| choice.mode == Mode::Exam),
            ..self.selection.clone()
        };
        let history = self.history()?;
        let answers = match &history {
            Some(h) => h.answers().map_err(|e| failed(&e.into()))?,
            None => Vec::new(),
        };
        let mut err = Vec::new();
        let session = match sitting::draw(
            &selection,
            self.loaded,
            &answers,
            history.as_ref(),
            &mut err,
        ) {
            Ok(Some(session)) => session,
            Ok(None) => return Err(said(&err)),
            Err(e) => return Err(failed(&e)),
        };
        let title = sitting::title(&session);
        let time_limit = sitting::time_limit(&selection, self.loaded);
        let (flow, started) = Flow::start(&session, time_limit, Kept::default(), now);
        let (mut recorder, id): (Box<dyn Recorder + Send>, _) = match history {
            Some(history) => {
                let (id, lock) = sitting::begin(
                    &history,
                    &session,
                    &selection,
                    self.loaded,
                    time_limit,
                    &title,
                    now,
                )
                .map_err(|e| failed(&e))?;
                (
                    Box::new(HistoryRecorder::new(history, id, Some(lock))),
                    Some(id),
                )
            }
            None => (Box::new(NoRecorder), None),
        };
        kept(recorder.as_mut(), (&session, &flow), &started, now);
        let notes = sitting::notes(&session, answers, id);
        Ok(Sitting {
            session,
            flow,
            recorder,
            title: present::title(&title),
            notes,
            news: None,
        })
    }

    fn unfinished(&self) -> Option<String> {
        let history = self.history().ok()??;
        let found = history.latest_unfinished().ok()??;
        // Held by a sitting here or by another quiz: not to offer.
        let lock = history.hold(found.id).ok()?;
        drop(lock);
        Some(present::browser::unfinished(
            &found.plan.mode,
            &found.plan.title,
            found.started,
        ))
    }

    fn resume(&self, now: SystemTime) -> Result<Sitting, Vec<String>> {
        let Some(history) = self.history()? else {
            return Err(vec![present::browser::NO_HISTORY.to_owned()]);
        };
        let (unfinished, lock) = match sitting::take_unfinished(&history) {
            Ok(Ok(taken)) => taken,
            Ok(Err(why)) => return Err(vec![why]),
            Err(e) => return Err(failed(&e)),
        };
        let loaded = self.banks_of(&unfinished)?;
        let mut err = Vec::new();
        let (session, kept_answers) =
            match sitting::replay(&loaded.loaded.banks, &unfinished, &mut err) {
                Ok(Some(built)) => built,
                Ok(None) => return Err(said(&err)),
                Err(e) => return Err(failed(&e)),
            };
        let time_limit = unfinished.plan.time_limit_ms.map(Duration::from_millis);
        let (flow, started) = Flow::start(&session, time_limit, kept_answers, now);
        let what = present::resumed(&session, &flow, unfinished.started, now);
        let answers = history.answers().map_err(|e| failed(&e.into()))?;
        let mut recorder: Box<dyn Recorder + Send> =
            Box::new(HistoryRecorder::new(history, unfinished.id, Some(lock)));
        kept(recorder.as_mut(), (&session, &flow), &started, now);
        let notes = sitting::notes(&session, answers, Some(unfinished.id));
        Ok(Sitting {
            session,
            flow,
            recorder,
            title: present::title(&unfinished.plan.title),
            notes,
            news: Some(format!("Resumed the {what}.")),
        })
    }

    fn history(&self, now: SystemTime) -> Result<Option<web::History>, String> {
        let Some(history) = self.history().map_err(|lines| lines.join(" "))? else {
            return Ok(None);
        };
        let banks = &self.loaded.loaded.banks;
        let stats = stats_of(banks, &history, now).map_err(|e| error_chain(&e))?;
        let readiness = match &self.loaded.plan {
            Some(blueprint) => {
                Some(readiness_of(blueprint, banks, &history).map_err(|e| error_chain(&e))?)
            }
            None => None,
        };
        Ok(Some(web::History { stats, readiness }))
    }
}
