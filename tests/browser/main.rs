//! `quiz serve` in a real browser: Debian's headless Chromium driven over
//! WebDriver (chromedriver, through fantoccini), one browser for every test,
//! the tests one after another. Each test starts its own `quiz serve` in a
//! folder of its own and clicks, taps and types as a candidate would.
//!
//! `.ci/run` installs chromium and chromium-driver when missing. Without them
//! every test fails and says how to install them.
//!
//! `QUIZ_SCREENSHOTS=1 cargo test --test browser screenshots` writes the
//! layout pictures of docs/ (1280×800 and 375×667, light and dark).

#[path = "../support/serve.rs"]
mod support;

mod a11y;
mod exam;
mod hostile;
mod kinds;
mod practice;
mod screenshots;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use support::Server;

pub const QUIZ: &str = env!("CARGO_BIN_EXE_quiz");
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long a page may take to show what a test waits for.
pub const WAIT: Duration = Duration::from_secs(10);

/// The one browser, and the runtime its client runs on.
pub struct Browser {
    pub rt: tokio::runtime::Runtime,
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

type Test = fn(&Browser) -> Result<(), Failed>;

static BROWSER: OnceLock<Result<Browser, String>> = OnceLock::new();

fn main() {
    let args = Arguments::from_args();
    let tests: Vec<(&str, Test, bool)> = vec![
        ("practice_by_mouse", practice::by_mouse, false),
        ("practice_by_keyboard", practice::by_keyboard, false),
        ("every_kind_by_mouse", kinds::by_mouse, false),
        ("every_kind_by_keyboard", kinds::by_keyboard, false),
        ("a_picture_is_shown", kinds::a_picture_is_shown, false),
        (
            "exam_with_flags_review_and_submission",
            exam::flags_review_and_submission,
            false,
        ),
        ("exam_survives_a_reload", exam::survives_a_reload, false),
        (
            "exam_of_three_seconds_submits_itself",
            exam::submits_itself,
            false,
        ),
        (
            "hostile_banks_show_as_text_and_run_nothing",
            hostile::show_as_text,
            false,
        ),
        ("axe_finds_nothing_serious", a11y::axe, false),
        (
            "screenshots",
            screenshots::write,
            std::env::var_os("QUIZ_SCREENSHOTS").is_none(),
        ),
    ];
    let trials: Vec<Trial> = tests
        .into_iter()
        .map(|(name, test, ignored)| {
            // The one browser, started by the first test that runs.
            let run = move || match BROWSER.get_or_init(Browser::start) {
                Ok(browser) => test(browser),
                Err(why) => Err(why.clone().into()),
            };
            Trial::test(name, run).with_ignored_flag(ignored)
        })
        .collect();
    let mut args = args;
    args.test_threads = Some(1);
    let conclusion = libtest_mimic::run(&args, trials);
    if let Some(Ok(browser)) = BROWSER.get() {
        browser.stop();
    }
    conclusion.exit();
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9515)
}

impl Browser {
    fn start() -> Result<Browser, String> {
        for (path, package) in [(CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")] {
            if !Path::new(path).exists() {
                return Err(format!(
                    "{path} is missing: install Debian's {package} (`apt-get install chromium chromium-driver`; .ci/run does)"
                ));
            }
        }
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start chromedriver: {e}"))?;
        let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", profile.path().display()),
                    "--window-size=1280,800",
                ],
            }),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            let attempt = rt.block_on(
                ClientBuilder::new(connector)
                    .capabilities(caps.clone())
                    .connect(&url),
            );
            match attempt {
                Ok(client) => break client,
                Err(e) if Instant::now() > deadline => {
                    return Err(format!("cannot start Chromium through chromedriver: {e}"));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        };
        Ok(Browser {
            rt,
            client,
            driver,
            _profile: profile,
        })
    }

    fn stop(&self) {
        let client = self.client.clone();
        let _ = self.rt.block_on(client.close());
        let _ = Command::new("kill")
            .arg(self.driver.id().to_string())
            .status();
    }

    /// Runs `f` on the browser's runtime.
    pub fn run<T>(&self, f: impl std::future::Future<Output = T>) -> T {
        self.rt.block_on(f)
    }

    /// Opens `url` with no cookie of an earlier test, at 1280×800, light.
    pub fn open(&self, url: &str) -> Result<(), Failed> {
        self.run(async {
            self.client.goto("about:blank").await?;
            self.cdp(
                "Emulation.setEmulatedMedia",
                serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": "light"}]}),
            )
            .await?;
            self.cdp(
                "Emulation.setDeviceMetricsOverride",
                serde_json::json!({"width": 1280, "height": 800, "deviceScaleFactor": 1, "mobile": false}),
            )
            .await?;
            self.client.goto(url).await?;
            self.client.delete_all_cookies().await?;
            self.client.goto(url).await?;
            Ok::<_, fantoccini::error::CmdError>(())
        })
        .map_err(failed)
    }

    /// Opens `url` in a new tab, the old one closed, cookies kept.
    pub fn open_keeping_cookies(&self, url: &str) -> Result<(), Failed> {
        self.run(async {
            self.client.goto("about:blank").await?;
            self.client.goto(url).await
        })
        .map_err(failed)
    }

    /// A Chrome DevTools command, through chromedriver.
    pub async fn cdp(
        &self,
        cmd: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, fantoccini::error::CmdError> {
        self.client
            .issue_cmd(Cdp {
                body: serde_json::json!({"cmd": cmd, "params": params}).to_string(),
            })
            .await
    }

    /// The text of what `css` finds first, once it is there.
    pub fn text(&self, css: &str) -> Result<String, Failed> {
        self.run(async {
            let el = self
                .client
                .wait()
                .at_most(WAIT)
                .for_element(Locator::Css(css))
                .await?;
            el.text().await
        })
        .map_err(failed)
    }

    /// Waits until the page's `main` shows `wanted`; fails with what it shows.
    pub fn wait_for_text(&self, wanted: &str) -> Result<String, Failed> {
        let deadline = Instant::now() + WAIT;
        loop {
            // A page that is being replaced may vanish under the reading.
            let shown = self
                .run(async { self.client.find(Locator::Css("body")).await?.text().await })
                .unwrap_or_default();
            if shown.contains(wanted) {
                return Ok(shown);
            }
            if Instant::now() > deadline {
                return Err(format!("the page never showed {wanted:?}; it shows:\n{shown}").into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn click(&self, css: &str) -> Result<(), Failed> {
        self.run(async {
            let el = self
                .client
                .wait()
                .at_most(WAIT)
                .for_element(Locator::Css(css))
                .await?;
            el.click().await
        })
        .map_err(failed)
    }

    /// Types `keys` (fantoccini's key codes for named keys) where the focus is.
    pub fn keys(&self, keys: &str) -> Result<(), Failed> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        self.run(async {
            let mut actions = KeyActions::new("keys".to_owned());
            for c in keys.chars() {
                actions = actions
                    .then(KeyAction::Down { value: c })
                    .then(KeyAction::Up { value: c });
            }
            self.client.perform_actions(actions).await
        })
        .map_err(failed)?;
        // Each key may load a page: let it.
        std::thread::sleep(Duration::from_millis(150));
        Ok(())
    }

    /// Presses `key` while `held` (Shift, Control) is down.
    pub fn chord(&self, held: char, key: char) -> Result<(), Failed> {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        self.run(async {
            let actions = KeyActions::new("chord".to_owned())
                .then(KeyAction::Down { value: held })
                .then(KeyAction::Down { value: key })
                .then(KeyAction::Up { value: key })
                .then(KeyAction::Up { value: held });
            self.client.perform_actions(actions).await
        })
        .map_err(failed)?;
        std::thread::sleep(Duration::from_millis(150));
        Ok(())
    }

    /// A script's value in the page.
    pub fn eval(&self, script: &str) -> Result<serde_json::Value, Failed> {
        self.run(self.client.execute(script, Vec::new()))
            .map_err(failed)
    }

    pub fn source(&self) -> Result<String, Failed> {
        self.run(self.client.source()).map_err(failed)
    }

    pub fn reload(&self) -> Result<(), Failed> {
        self.run(self.client.refresh()).map_err(failed)
    }
}

pub fn failed(e: impl std::fmt::Display) -> Failed {
    e.to_string().into()
}

/// chromedriver's own endpoint for DevTools commands.
#[derive(Debug)]
struct Cdp {
    body: String,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (axum::http::Method::POST, Some(self.body.clone()))
    }
}

/// A folder with these files, for one server.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a folder");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(path, text).expect("write a file");
    }
    dir
}

pub fn serve(dir: &Path, args: &[&str]) -> Server {
    Server::start(Path::new(QUIZ), dir, args)
}

/// The repository's root, for fixtures and docs.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A bank of three questions in a fixed order: one answer, two answers, and
/// one with an exhibit, explanations and a reference.
pub const BANK: &str = "title: Browser bank
questions:
  - id: first
    question: Which message carries the server's chosen cipher suite?
    choices:
      - text: ClientHello
        why: The client only offers suites.
      - text: ServerHello
      - text: Finished
    answer: B
    explanation: The ServerHello carries the single suite the server selected.
    references:
      - url: https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3
        title: Server Hello
    tags: [handshake]
  - id: second
    question: Which two are TLS 1.3 handshake messages?
    choices: [EncryptedExtensions, ServerKeyExchange, CertificateVerify, ChangeCipherSpec]
    answer: [A, C]
    tags: [handshake]
  - id: third
    question: What does this record hold?
    exhibit: |
      16 03 01 00 f4   handshake, TLS 1.0 on the wire
    choices: [A handshake message, An alert, Application data]
    answer: A
    tags: [record]
";

/// What a test needs from fantoccini's key codes.
pub mod key {
    pub const ENTER: char = '\u{e007}';
    pub const ESCAPE: char = '\u{e00c}';
    pub const RIGHT: char = '\u{e014}';
    pub const LEFT: char = '\u{e012}';
    pub const DOWN: char = '\u{e015}';
    pub const UP: char = '\u{e013}';
    pub const SHIFT: char = '\u{e008}';
}
