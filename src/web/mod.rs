//! The browser front: `quiz serve`'s pages over the one exam flow, served by
//! axum on tokio from this process. Like the screen and the line front, it
//! turns what the candidate does (a click, a key, a form) into
//! [`crate::flow::Action`]s and lays out `crate::present`'s view models; it
//! decides nothing. Every page is HTML made by maud, which escapes every value;
//! the CSS and the one small script are in the binary.
//!
//! Each browser is a [`desk::Visitor`], known by a cookie, holding at most one
//! [`Sitting`]: a session, its flow and the recorder that keeps its effects in
//! the history. The command gives the front what it cannot make itself
//! through an [`Office`]: new sittings, the one to resume, the history's
//! figures.
//!
//! What keeps a hostile page or network away is in [`guard`]: the Host and
//! Origin of every request, the access token with `--listen`, a CSRF token on
//! every form, the size of bodies, and the headers of every answer (a Content
//! Security Policy that allows no inline script or style).

mod assets;
mod desk;
mod guard;
mod keys;
mod kinds;
mod pages;
mod routes;
mod token;

use crate::blueprint::readiness::Readiness;
use crate::flow::{Flow, Recorder};
use crate::present::Text;
use crate::quiz::{Mode, Session};
use crate::report::stats::Stats;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

pub use token::random_token;

/// One sitting of a session in a browser: the paper, what was done with it,
/// and where its effects are kept.
pub struct Sitting {
    pub session: Session<'static>,
    pub flow: Flow,
    pub recorder: Box<dyn Recorder + Send>,
    /// The header's title.
    pub title: Text,
    /// Remarks per question, such as "this question changed since…".
    pub notes: Vec<Option<String>>,
    /// A line of news for the first page, such as "Resumed the exam.".
    pub news: Option<String>,
}

/// What the start page offers: the banks or the blueprint, and the settings
/// the command line gave, which the form may change.
#[derive(Debug, Clone)]
pub struct Offer {
    /// Each bank's title and number of questions.
    pub banks: Vec<(Text, usize)>,
    /// The blueprint's title, when the questions are drawn by one.
    pub blueprint: Option<Text>,
    pub mode: Mode,
    pub count: Option<usize>,
    pub time_limit: Option<Duration>,
    /// Answers are kept in a history (none with `--no-history`).
    pub history: bool,
}

/// What the candidate chose on the start page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub mode: Mode,
    pub count: Option<usize>,
    /// Exam only.
    pub time_limit: Option<Duration>,
}

/// The history page's figures.
pub struct History {
    pub stats: Stats,
    /// With a blueprint: readiness for its exam.
    pub readiness: Option<Readiness>,
}

/// What the command gives the front: sittings and the history, made as `quiz
/// run` makes them. Refusals are the lines `quiz run` would print.
pub trait Office: Send + Sync + 'static {
    fn offer(&self) -> Offer;
    /// A new sitting, as chosen.
    fn start(&self, choice: Choice, now: SystemTime) -> Result<Sitting, Vec<String>>;
    /// The session a resume would continue, in words; None when there is none.
    fn unfinished(&self) -> Option<String>;
    /// The latest unfinished session, taken for this process.
    fn resume(&self, now: SystemTime) -> Result<Sitting, Vec<String>>;
    /// None without a history.
    fn history(&self, now: SystemTime) -> Result<Option<History>, String>;
}

/// How the server is reached.
#[derive(Debug, Clone)]
pub struct Options {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// With `--listen`: the access token every browser must show once (in
    /// the printed address), kept after that in a cookie. Then any Host is
    /// taken; without, only this machine's names for the address.
    pub token: Option<String>,
}

impl Options {
    /// The names a browser on this machine may give in `Host`, without a token.
    fn hosts(&self) -> Vec<String> {
        let port = self.addr.port();
        vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
        ]
    }
}

/// Serves `office`'s quizzes on `listener` until SIGINT or SIGTERM, then leaves
/// every sitting (an exam's time left and last answers kept, to resume).
pub fn serve(
    listener: std::net::TcpListener,
    options: Options,
    office: Arc<dyn Office>,
) -> io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = routes::App::new(options, office);
        let ticker = tokio::spawn(routes::tick(Arc::clone(&app)));
        axum::serve(listener, routes::router(Arc::clone(&app)))
            .with_graceful_shutdown(stopped())
            .await?;
        ticker.abort();
        app.leave_all(SystemTime::now());
        Ok(())
    })
}

/// Resolves on SIGINT (Ctrl-C), SIGTERM or SIGHUP.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut streams = Vec::new();
        for kind in [
            SignalKind::interrupt(),
            SignalKind::terminate(),
            SignalKind::hangup(),
        ] {
            if let Ok(stream) = signal(kind) {
                streams.push(stream);
            }
        }
        let waits = streams.iter_mut().map(|s| Box::pin(s.recv()));
        let _ = futures_select(waits.collect()).await;
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The first of several futures to finish.
#[cfg(unix)]
async fn futures_select<F: std::future::Future + Unpin>(mut futures: Vec<F>) {
    std::future::poll_fn(|cx| {
        for f in futures.iter_mut() {
            if std::pin::Pin::new(f).poll(cx).is_ready() {
                return std::task::Poll::Ready(());
            }
        }
        if futures.is_empty() {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await
}
