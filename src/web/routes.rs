//! The server's addresses and what each does. Pages are read with GET and
//! change nothing but the clock; every change is a POST of a form that carries
//! the visitor's CSRF token and the place it was made for, answered by a
//! redirect to the page (so a reload never sends it twice). The script's one
//! request, `/quiz/edit`, changes the response to the question up and answers
//! in JSON with the picks and the news: never an answer.
//!
//! | address | |
//! | --- | --- |
//! | `GET /` | the start page (or the quiz under way) |
//! | `POST /start`, `POST /resume` | a new sitting, or the unfinished one |
//! | `GET /quiz` | where the sitting is: a question, its feedback, the review, the results |
//! | `POST /quiz` | an action: answer, skip, flag, go to, review, submit, leave… |
//! | `POST /quiz/edit` | the script: pick or untick a choice |
//! | `GET /quiz/results/N` | question N of a submitted exam, with its feedback |
//! | `GET /history` | `quiz stats` as a page |
//! | `GET /assets/…` | the CSS and the script |

use super::desk::{self, Desk, Visitor, lock};
use super::guard::{self, cookie, set_cookie};
use super::keys::Do;
use super::pages::{self, Cx, review::Ask};
use super::{Choice, Office, Options, assets};
use crate::flow::{Action, Notice, Phase};
use crate::present;
use crate::quiz::{Edit, Mode, Response as Given};
use crate::screen::Filter;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// The most a request's body may hold: a form of a question with its picks is
/// well under a kilobyte.
pub const BODY_LIMIT: usize = 16 * 1024;

/// How often the server's clock ticks the exams under way: an exam at 0:00 is
/// submitted even with no browser open, and its time left is saved to resume.
const TICK: Duration = Duration::from_secs(1);

pub struct App {
    pub options: Options,
    pub office: Arc<dyn Office>,
    pub desk: Desk,
    /// Without a token: the names `Host` may give.
    pub hosts: Vec<String>,
    pub visitor_cookie: String,
    pub access_cookie: String,
}

impl App {
    pub fn new(options: Options, office: Arc<dyn Office>) -> Arc<App> {
        // Cookies are kept by host, not by port: each server names its own, so
        // that two on one machine do not take each other's.
        let port = options.addr.port();
        Arc::new(App {
            hosts: options.hosts(),
            visitor_cookie: format!("quiz{port}"),
            access_cookie: format!("quiz{port}access"),
            options,
            office,
            desk: Desk::default(),
        })
    }

    /// The address a browser on this machine opens.
    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}/", self.options.addr.port())
    }

    /// Leaves every sitting: what the exams under way need to resume is kept.
    pub fn leave_all(&self, now: SystemTime) {
        for visitor in self.desk.all() {
            desk::leave(&mut lock(&visitor), now);
        }
    }
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(start_page))
        .route("/start", post(start))
        .route("/resume", post(resume))
        .route("/quiz", get(quiz_page).post(quiz_act))
        .route("/quiz/edit", post(edit))
        .route("/quiz/results/{number}", get(opened))
        .route("/picture/{number}", get(picture))
        .route("/history", get(history))
        .route("/assets/{name}", get(asset))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&app),
            guard::guard,
        ))
        .with_state(app)
}

/// Ticks every exam under way, once a [`TICK`].
pub async fn tick(app: Arc<App>) {
    let mut interval = tokio::time::interval(TICK);
    loop {
        interval.tick().await;
        let now = SystemTime::now();
        for visitor in app.desk.all() {
            let Ok(mut v) = visitor.try_lock() else {
                continue;
            };
            let running = v
                .sitting
                .as_ref()
                .is_some_and(|s| s.flow.mode() == Mode::Exam && s.flow.time_left(now).is_some());
            if running && v.busy() {
                desk::act(&mut v, Action::Tick, now);
                v.news.clear();
            }
        }
    }
}

/// A redirect after a POST: the page is then read with GET.
fn see(path: &str) -> Response {
    let location = HeaderValue::from_str(path).unwrap_or(HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

fn page(markup: maud::Markup) -> Response {
    markup.into_response()
}

fn refuse(status: StatusCode, why: &str) -> Response {
    (status, pages::refusal(why)).into_response()
}

/// A visitor, shared between its requests and the clock.
type Shared = Arc<Mutex<Visitor>>;

/// The visitor of this request, made on a first visit (with the cookie to set).
fn visitor(app: &App, headers: &HeaderMap) -> Result<(Shared, Option<HeaderValue>), Box<Response>> {
    if let Some(found) = cookie(headers, &app.visitor_cookie).and_then(|key| app.desk.find(key)) {
        return Ok((found, None));
    }
    match app.desk.admit() {
        Some((key, visitor)) => Ok((visitor, Some(set_cookie(&app.visitor_cookie, &key)))),
        None => Err(Box::new(refuse(
            StatusCode::SERVICE_UNAVAILABLE,
            "Every place is taken by a quiz under way: try again later.",
        ))),
    }
}

fn with_cookie(mut response: Response, set: Option<HeaderValue>) -> Response {
    if let Some(value) = set {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// A form's fields, in order.
struct Form(Vec<(String, String)>);

impl Form {
    fn read(body: &Bytes) -> Form {
        Form(
            url::form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn number(&self, name: &str) -> Option<usize> {
        self.get(name).and_then(|v| v.trim().parse().ok())
    }
}

/// The visitor a form comes from, if it carries that visitor's CSRF token.
fn sender(
    app: &App,
    headers: &HeaderMap,
    form: &Form,
) -> Result<Arc<Mutex<Visitor>>, Box<Response>> {
    let refused = || Box::new(refuse(StatusCode::FORBIDDEN, present::browser::NO_TOKEN));
    let visitor = cookie(headers, &app.visitor_cookie)
        .and_then(|key| app.desk.find(key))
        .ok_or_else(refused)?;
    let given = form.get("csrf").unwrap_or_default();
    let ok = super::token::same(given, &lock(&visitor).csrf);
    if ok { Ok(visitor) } else { Err(refused()) }
}

/// A form, and the visitor who sent it with its token.
fn sent(app: &App, headers: &HeaderMap, body: &Bytes) -> Result<(Form, Shared), Box<Response>> {
    let form = Form::read(body);
    let visitor = sender(app, headers, &form)?;
    Ok((form, visitor))
}

/// Where the flow is, as the forms name it: a form made elsewhere does nothing.
fn place(phase: Phase) -> String {
    match phase {
        Phase::Start => "start".to_owned(),
        Phase::Asking(i) => format!("q{i}"),
        Phase::Feedback(i) => format!("f{i}"),
        Phase::Review => "review".to_owned(),
        Phase::Submitted => "results".to_owned(),
        Phase::Over => "over".to_owned(),
    }
}

async fn start_page(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let (visitor, set) = match visitor(&app, &headers) {
        Ok(found) => found,
        Err(response) => return *response,
    };
    let mut v = lock(&visitor);
    if v.busy() {
        return with_cookie(see("/quiz"), set);
    }
    let news = std::mem::take(&mut v.news);
    let offer = app.office.offer();
    let start = pages::start::Start {
        offer: &offer,
        unfinished: app.office.unfinished(),
        current: v.sitting.is_some(),
    };
    let cx = Cx {
        csrf: &v.csrf,
        news: &news,
    };
    with_cookie(page(pages::start(&cx, &start)), set)
}

async fn start(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let (form, visitor) = match sent(&app, &headers, &body) {
        Ok(sent) => sent,
        Err(response) => return *response,
    };
    let offer = app.office.offer();
    let mode = match form.get("mode") {
        Some("exam") => Mode::Exam,
        Some("practice") => Mode::Practice,
        _ => offer.mode,
    };
    let mut v = lock(&visitor);
    let count = match form.get("count").map(str::trim).filter(|c| !c.is_empty()) {
        None => None,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                v.news.push(format!(
                    "The number of questions is a whole number of at least 1, not {text:?}."
                ));
                return see("/");
            }
        },
    };
    let time_limit = match form.get("limit").map(str::trim).filter(|c| !c.is_empty()) {
        Some(text) if mode == Mode::Exam => match crate::quiz::clock::parse_duration(text) {
            Ok(limit) => Some(limit),
            Err(why) => {
                v.news.push(why);
                return see("/");
            }
        },
        _ => None,
    };
    let now = SystemTime::now();
    let choice = Choice {
        mode,
        count,
        time_limit,
    };
    // The sitting under way is left first: its session may be the one to draw
    // from, and its lock is let go.
    desk::leave(&mut v, now);
    match app.office.start(choice, now) {
        Ok(sitting) => begin(&mut v, sitting),
        Err(why) => {
            v.news = why;
            see("/")
        }
    }
}

fn begin(v: &mut Visitor, mut sitting: super::Sitting) -> Response {
    v.news.extend(sitting.news.take());
    v.last = sitting.flow.current().unwrap_or(0);
    v.sitting = Some(sitting);
    see("/quiz")
}

async fn resume(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let (_, visitor) = match sent(&app, &headers, &body) {
        Ok(sent) => sent,
        Err(response) => return *response,
    };
    let mut v = lock(&visitor);
    let now = SystemTime::now();
    desk::leave(&mut v, now);
    match app.office.resume(now) {
        Ok(sitting) => begin(&mut v, sitting),
        Err(why) => {
            v.news = why;
            see("/")
        }
    }
}

/// The query's value of `name`.
fn query(uri: &Uri, name: &str) -> Option<String> {
    url::form_urlencoded::parse(uri.query()?.as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

fn filter(uri: &Uri) -> Filter {
    match query(uri, "filter").as_deref() {
        Some("flagged") => Filter::Flagged,
        Some("unanswered") => Filter::Unanswered,
        _ => Filter::All,
    }
}

async fn quiz_page(State(app): State<Arc<App>>, headers: HeaderMap, uri: Uri) -> Response {
    let (visitor, set) = match visitor(&app, &headers) {
        Ok(found) => found,
        Err(response) => return *response,
    };
    let mut v = lock(&visitor);
    let now = SystemTime::now();
    desk::act(&mut v, Action::Tick, now);
    let news = std::mem::take(&mut v.news);
    let Some(phase) = v.sitting.as_ref().map(|s| s.flow.phase()) else {
        return with_cookie(see("/"), set);
    };
    if let Phase::Asking(index) = phase {
        v.last = index;
    }
    let v = &*v;
    let Some(sitting) = v.sitting.as_ref() else {
        return with_cookie(see("/"), set);
    };
    let cx = Cx {
        csrf: &v.csrf,
        news: &news,
    };
    let markup = match phase {
        Phase::Start => return with_cookie(see("/"), set),
        Phase::Asking(index) => pages::question(&cx, sitting, index, now),
        Phase::Feedback(index) => pages::feedback(&cx, sitting, index, now),
        Phase::Review => {
            let ask = match query(&uri, "ask").as_deref() {
                Some("submit") => Some(Ask::Submit),
                Some("leave") => Some(Ask::Leave),
                _ => None,
            };
            pages::review(&cx, sitting, filter(&uri), ask, now)
        }
        Phase::Submitted => pages::results(&cx, sitting, now),
        Phase::Over if sitting.flow.submitted() => pages::results(&cx, sitting, now),
        Phase::Over if sitting.flow.mode() == Mode::Practice => pages::summary(&cx, sitting),
        Phase::Over => return with_cookie(see("/"), set),
    };
    with_cookie(page(markup), set)
}

/// The question a path names by its number (1, 2…), if the sitting has it.
fn question_index(sitting: &super::Sitting, number: &str) -> Option<usize> {
    number
        .parse::<usize>()
        .ok()
        .filter(|n| (1..=sitting.session.len()).contains(n))
        .map(|n| n - 1)
}

async fn opened(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let (visitor, set) = match visitor(&app, &headers) {
        Ok(found) => found,
        Err(response) => return *response,
    };
    let v = lock(&visitor);
    let Some(sitting) = v.sitting.as_ref().filter(|s| s.flow.submitted()) else {
        return with_cookie(see("/quiz"), set);
    };
    let Some(index) = question_index(sitting, &number) else {
        return with_cookie(see("/quiz"), set);
    };
    let cx = Cx {
        csrf: &v.csrf,
        news: &[],
    };
    with_cookie(
        page(pages::opened(&cx, sitting, index, SystemTime::now())),
        set,
    )
}

impl super::kinds::Fields for Form {
    fn get(&self, name: &str) -> Option<&str> {
        Form::get(self, name)
    }

    fn all<'a>(&'a self, name: &'a str) -> Box<dyn Iterator<Item = &'a str> + 'a> {
        Box::new(Form::all(self, name))
    }
}

/// The response a question form sent, and whether it says anything: an
/// order as shown, a match with no response put, an empty line or no pick
/// is no answer, and leaves an untouched question untouched.
fn given(sitting: &super::Sitting, index: usize, form: &Form) -> (Given, bool) {
    let kind = sitting
        .session
        .kind(index)
        .unwrap_or(crate::bank::Kind::Choice);
    let shown = match present::question(&sitting.session, &sitting.flow, index).map(|q| q.body) {
        Some(present::Body::Order(o)) => o.items.len(),
        Some(present::Body::Match(m)) => m.premises.len(),
        _ => 0,
    };
    let given = super::kinds::given(kind, shown, form);
    // Clearing an answer given before says something too.
    let says = !given.is_blank() || !sitting.flow.response(index).is_blank();
    (given, says)
}

async fn quiz_act(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let (form, visitor) = match sent(&app, &headers, &body) {
        Ok(sent) => sent,
        Err(response) => return *response,
    };
    let mut v = lock(&visitor);
    let now = SystemTime::now();
    desk::act(&mut v, Action::Tick, now);
    let Some(phase) = v.sitting.as_ref().map(|s| s.flow.phase()) else {
        return see("/");
    };
    if form.get("at") != Some(place(phase).as_str()) {
        v.news.push(present::browser::STALE.to_owned());
        return see("/quiz");
    }
    let does = form.get("do").and_then(Do::parse);
    let mode = v.sitting.as_ref().map_or(Mode::Practice, |s| s.flow.mode());
    match phase {
        Phase::Asking(index) => {
            // The form's picks first (a form is the whole response), unless
            // they are refused: then nothing else is done.
            let Some((given, says)) = v.sitting.as_ref().map(|s| given(s, index, &form)) else {
                return see("/");
            };
            // An order left as shown is untouched: answered, the flow takes
            // it as it stands; moved past, it stays unanswered.
            let changed = says
                && v.sitting
                    .as_ref()
                    .is_some_and(|s| *s.flow.response(index) != given);
            if changed {
                let before = v.news.len();
                desk::act(&mut v, Action::Edit(Edit::Set(given)), now);
                if v.news.len() > before {
                    return see("/quiz");
                }
            }
            let action = match does {
                Some(Do::Answer) => Some(Action::Answer),
                Some(Do::Skip) => Some(Action::Skip),
                Some(Do::Next) => Some(Action::Next),
                Some(Do::Previous) => Some(Action::Previous),
                Some(Do::Flag) => Some(Action::Flag(index)),
                Some(Do::Review) => Some(Action::Review),
                Some(Do::Leave) if mode == Mode::Practice => Some(Action::Leave),
                Some(Do::GoTo) => match form.number("number") {
                    Some(n) if n >= 1 => Some(Action::GoTo(n - 1)),
                    _ => {
                        let questions = v.sitting.as_ref().map_or(0, |s| s.session.len());
                        let notice = Notice::NoSuchQuestion { questions };
                        v.news
                            .push(present::notice(&notice, crate::screen::keymap::WORDING));
                        None
                    }
                },
                _ => None,
            };
            if let Some(action) = action {
                desk::act(&mut v, action, now);
            }
            see("/quiz")
        }
        Phase::Feedback(index) => {
            let action = match does {
                Some(mark) if mark.mark().is_some() => mark
                    .mark()
                    .map(|mark| Action::Edit(Edit::Mark { index, mark })),
                Some(Do::Next) => Some(Action::Next),
                Some(Do::Flag) => Some(Action::Flag(index)),
                Some(Do::Leave) => Some(Action::Leave),
                _ => None,
            };
            if let Some(action) = action {
                desk::act(&mut v, action, now);
            }
            see("/quiz")
        }
        Phase::Review => {
            let back = form
                .get("filter")
                .filter(|f| ["flagged", "unanswered"].contains(f))
                .map_or("/quiz".to_owned(), |f| format!("/quiz?filter={f}"));
            if let Some(n) = form.number("goto") {
                desk::act(&mut v, Action::GoTo(n), now);
                return see("/quiz");
            }
            if let Some(n) = form.number("flag") {
                desk::act(&mut v, Action::Flag(n), now);
                return see(&back);
            }
            match does {
                Some(Do::Submit) => see("/quiz?ask=submit"),
                Some(Do::Leave) => see("/quiz?ask=leave"),
                Some(Do::Confirm) => {
                    desk::act(&mut v, Action::Submit, now);
                    see("/quiz")
                }
                Some(Do::ConfirmLeave) => {
                    desk::leave(&mut v, now);
                    see("/")
                }
                Some(Do::Back) => {
                    let last = v.last;
                    desk::act(&mut v, Action::GoTo(last), now);
                    see("/quiz")
                }
                _ => see(&back),
            }
        }
        // A question opened from the results: an open question's own mark.
        Phase::Submitted => {
            if let (Some(mark), Some(n)) = (does.and_then(Do::mark), form.number("question")) {
                desk::act(&mut v, Action::Edit(Edit::Mark { index: n, mark }), now);
                return see(&format!("/quiz/results/{}", n + 1));
            }
            see("/quiz")
        }
        Phase::Start | Phase::Over => see("/quiz"),
    }
}

/// The script's pick: the response to the question up, changed by one choice,
/// and what the header and the news say now. Never a verdict.
async fn edit(State(app): State<Arc<App>>, headers: HeaderMap, body: Bytes) -> Response {
    let (form, visitor) = match sent(&app, &headers, &body) {
        Ok(sent) => sent,
        Err(response) => return *response,
    };
    let mut v = lock(&visitor);
    let now = SystemTime::now();
    desk::act(&mut v, Action::Tick, now);
    let phase = v.sitting.as_ref().map(|s| s.flow.phase());
    let (Some(Phase::Asking(index)), Some(pick)) = (phase, form.number("toggle")) else {
        return json(&serde_json::json!({ "stale": true }));
    };
    if form.get("at") != Some(place(Phase::Asking(index)).as_str()) {
        return json(&serde_json::json!({ "stale": true }));
    }
    desk::act(&mut v, Action::Edit(Edit::Pick(pick)), now);
    let news = std::mem::take(&mut v.news);
    let Some(sitting) = v.sitting.as_ref() else {
        return json(&serde_json::json!({ "stale": true }));
    };
    let header = present::header(
        &sitting.session,
        &sitting.flow,
        &sitting.title,
        present::Place::Question(index),
        now,
    );
    let parts: Vec<serde_json::Value> = header
        .parts
        .iter()
        .map(|p| serde_json::json!({ "text": p.shown(), "tone": pages::tone(p.tone), "clock": p.symbol == Some("⏱") }))
        .collect();
    json(&serde_json::json!({
        "picks": sitting.flow.response(index).picks(),
        "news": news,
        "parts": parts,
    }))
}

fn json(value: &serde_json::Value) -> Response {
    (
        [(header::CONTENT_TYPE, "application/json")],
        value.to_string(),
    )
        .into_response()
}

async fn history(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let (visitor, set) = match visitor(&app, &headers) {
        Ok(found) => found,
        Err(response) => return *response,
    };
    let history = app.office.history(SystemTime::now());
    let v = lock(&visitor);
    let (history, news) = match history {
        Ok(history) => (history, Vec::new()),
        Err(why) => (None, vec![why]),
    };
    let cx = Cx {
        csrf: &v.csrf,
        news: &news,
    };
    with_cookie(page(pages::history(&cx, history.as_ref())), set)
}

async fn asset(Path(name): Path<String>) -> Response {
    let wanted = format!("/assets/{name}");
    match assets::ALL.iter().find(|a| a.path() == wanted) {
        Some(asset) => (
            [
                (header::CONTENT_TYPE, asset.content_type),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            asset.body,
        )
            .into_response(),
        None => not_found().await,
    }
}

/// The picture of question `number` of the visitor's sitting: only a file that
/// a question names, found inside its bank's folder and checked as `quiz
/// check` checks it (`bank::image`), served with its type and a policy under
/// which nothing in it runs.
async fn picture(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let (visitor, _) = match visitor(&app, &headers) {
        Ok(found) => found,
        Err(response) => return *response,
    };
    let found = {
        let v = lock(&visitor);
        v.sitting.as_ref().and_then(|sitting| {
            let index = question_index(sitting, &number)?;
            present::question(&sitting.session, &sitting.flow, index)
                .and_then(|q| q.picture)
                .map(|p| p.find())
        })
    };
    let Some(Ok(found)) = found else {
        return not_found().await;
    };
    let file = found.file.clone();
    match tokio::task::spawn_blocking(move || std::fs::read(file)).await {
        Ok(Ok(bytes)) => (
            [
                (header::CONTENT_TYPE, found.kind.mime()),
                (header::CONTENT_SECURITY_POLICY, guard::PICTURE_CSP),
                (header::CONTENT_DISPOSITION, "inline"),
                (header::CACHE_CONTROL, "private, max-age=300"),
            ],
            bytes,
        )
            .into_response(),
        _ => not_found().await,
    }
}

async fn not_found() -> Response {
    refuse(StatusCode::NOT_FOUND, "There is no such page here.")
}
