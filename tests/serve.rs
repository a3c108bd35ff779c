//! `quiz serve` over HTTP, as any client (or attacker) reaches it: what it
//! refuses (a foreign Host or Origin, a form without its token, a body too
//! large, a browser without the access token of `--listen`), the headers of
//! every answer, that an exam's pages and answers never hold the right answers,
//! and that a stopped server's exam resumes with its time, held by one process
//! at a time. The pages in a real browser: tests/browser/.

#[path = "support/serve.rs"]
mod support;

use std::path::Path;
use support::{Http, Reply, Server};

const QUIZ: &str = env!("CARGO_BIN_EXE_quiz");

/// Two questions whose whys and explanations say SECRET, so that a page that
/// shows any of them is found; `answer` sets the right letters of both.
fn bank(answer: (&str, &str)) -> String {
    format!(
        "title: Sealed
questions:
  - id: one
    question: Which is the first letter?
    choices:
      - text: alpha
        why: SECRET-WHY-alpha
      - text: bravo
        why: SECRET-WHY-bravo
      - text: charlie
    answer: {}
    explanation: SECRET-EXPLANATION-one
    references:
      - url: https://example.com/secret-reference
        title: SECRET-REFERENCE
    tags: [letters]
  - id: two
    question: Which two are vowels?
    choices: [a, b, c, e]
    answer: {}
    explanation: SECRET-EXPLANATION-two
    tags: [letters]
",
        answer.0, answer.1
    )
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a folder");
    for (name, text) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(path, text).expect("write a bank");
    }
    dir
}

fn serve(dir: &Path, args: &[&str]) -> Server {
    Server::start(Path::new(QUIZ), dir, args)
}

/// Starts a sitting from the start page's form.
fn start(http: &mut Http, fields: &[(&str, &str)]) -> Reply {
    let page = http.get("/");
    assert_eq!(page.status, 200, "{}", page.body);
    let csrf = page.field("csrf").expect("the start form's token");
    let mut form = vec![("csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    let started = http.post("/start", &form);
    assert_eq!(started.status, 303, "{}", started.body);
    http.get("/quiz")
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

#[test]
fn every_answer_carries_the_policy_and_strangers_are_refused() {
    let dir = folder(&[("bank.yaml", &bank(("A", "[A, D]")))]);
    let server = serve(dir.path(), &["bank.yaml", "--no-shuffle"]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let mut http = server.http();
    let page = http.get("/");
    assert_eq!(page.status, 200);
    for path in ["/", "/nowhere", "/history"] {
        let reply = http.get(path);
        assert_eq!(reply.header("content-security-policy"), Some(CSP), "{path}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("x-frame-options"), Some("DENY"));
        assert_eq!(reply.header("referrer-policy"), Some("same-origin"));
    }
    // The page names its sheet and script, which are in the binary.
    let css = page
        .body
        .split("href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a sheet");
    let sheet = http.get(css);
    assert_eq!(
        (sheet.status, sheet.header("content-type")),
        (200, Some("text/css; charset=utf-8"))
    );
    assert!(
        !page.body.contains("<style") && !page.body.contains(" style="),
        "no inline style"
    );
    assert!(!page.body.contains("<script>"), "no inline script");

    // DNS rebinding: a page elsewhere whose name now points here.
    let mut rebound = server.http();
    rebound.host = format!("evil.example:{}", server.port);
    assert_eq!(rebound.get("/").status, 421);

    // A form sent by another site's page, even with the visitor's cookie.
    let mut forged = server.http();
    forged.cookies = http.cookies.clone();
    forged
        .extra
        .push(("Origin".into(), "http://evil.example".into()));
    let csrf = page.field("csrf").expect("a token");
    assert_eq!(forged.post("/start", &[("csrf", &csrf)]).status, 403);

    // The visitor's own cookie without the form's token changes nothing.
    let no_token = http.post("/start", &[("mode", "exam")]);
    assert_eq!(no_token.status, 403);
    assert!(
        no_token.body.contains("without this page&#39;s token")
            || no_token.body.contains("without this page's token"),
        "{}",
        no_token.body
    );
    assert_eq!(http.get("/quiz").status, 303, "no sitting was started");
    let wrong = http.post("/start", &[("csrf", "0123456789abcdef0123456789abcdef")]);
    assert_eq!(wrong.status, 403);

    // A body past the limit is refused before it is read.
    let big = "x".repeat(64 * 1024);
    let reply = http.post("/start", &[("csrf", &csrf), ("filler", &big)]);
    assert_eq!(reply.status, 413);
    // And the right form goes through.
    let question = start(&mut http, &[("mode", "practice")]);
    assert_eq!(question.status, 200);
    assert!(
        question.body.contains("Which is the first letter?"),
        "{}",
        question.body
    );
}

#[test]
fn listen_lets_in_only_the_browser_that_shows_the_token() {
    let dir = folder(&[("bank.yaml", &bank(("A", "[A, D]")))]);
    let server = serve(dir.path(), &["bank.yaml", "--listen", "127.0.0.1"]);
    let token = server
        .url
        .split("?token=")
        .nth(1)
        .expect("the printed address carries the token")
        .to_owned();
    assert_eq!(token.len(), 32, "{}", server.url);
    assert!(
        server
            .printed
            .iter()
            .any(|l| l.contains("keep it to yourself")),
        "{:?}",
        server.printed
    );

    let mut stranger = server.http();
    assert_eq!(stranger.get("/").status, 403);
    assert_eq!(
        stranger
            .get("/?token=00000000000000000000000000000000")
            .status,
        403
    );
    // Any name of the address goes: the token guards.
    let mut phone = server.http();
    phone.host = format!("laptop.local:{}", server.port);
    let first = phone.get(&format!("/?token={token}"));
    assert_eq!(first.status, 303);
    assert_eq!(
        first.header("location"),
        Some("/"),
        "the token leaves the address bar"
    );
    assert!(
        phone.cookies.iter().any(|(_, v)| *v == token),
        "kept in a cookie"
    );
    assert_eq!(phone.get("/").status, 200);
    assert_eq!(phone.get("/history").status, 200);
    // Another server's token, or a copied cookie of another name, does not.
    stranger.cookies = vec![(format!("quiz{}access", server.port), "f".repeat(32))];
    assert_eq!(stranger.get("/").status, 403);
}

/// Every page and answer of an exam before submission, with the body of each.
fn exam_walk(dir: &Path) -> (Vec<String>, Server, Http) {
    let server = serve(
        dir,
        &["bank.yaml", "--no-shuffle", "--seed", "3", "--no-history"],
    );
    let mut http = server.http();
    let mut seen = Vec::new();
    let question = start(&mut http, &[("mode", "exam")]);
    seen.push(question.body.clone());
    let csrf = question.field("csrf").expect("a token");
    // Picks through the script's request, then through the form.
    for toggle in ["0", "1", "1"] {
        let edit = http.post(
            "/quiz/edit",
            &[("csrf", &csrf), ("at", "q0"), ("toggle", toggle)],
        );
        assert_eq!(edit.status, 200);
        assert!(edit.body.starts_with("{\"news\""), "{}", edit.body);
        seen.push(edit.body);
    }
    let next = http.post(
        "/quiz",
        &[
            ("csrf", &csrf),
            ("at", "q0"),
            ("pick", "1"),
            ("do", "answer"),
        ],
    );
    assert_eq!(next.status, 303);
    let second = http.get("/quiz");
    assert!(
        second.body.contains("Which two are vowels?"),
        "{}",
        second.body
    );
    seen.push(second.body);
    http.post(
        "/quiz",
        &[
            ("csrf", &csrf),
            ("at", "q1"),
            ("pick", "0"),
            ("pick", "2"),
            ("do", "flag"),
        ],
    );
    http.post(
        "/quiz",
        &[
            ("csrf", &csrf),
            ("at", "q1"),
            ("pick", "0"),
            ("pick", "2"),
            ("do", "review"),
        ],
    );
    for path in [
        "/quiz",
        "/quiz?filter=flagged",
        "/quiz?ask=submit",
        "/quiz?ask=leave",
        "/quiz/results/1",
        "/history",
        "/",
    ] {
        let reply = http.get(path);
        seen.push(format!("{path}\n{}", reply.body));
    }
    (seen, server, http)
}

/// A page without what differs between two runs: tokens.
fn masked(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("value=\"") {
        out.push_str(&rest[..at + 7]);
        rest = &rest[at + 7..];
        let end = rest.find('"').unwrap_or(0);
        let value = &rest[..end];
        out.push_str(if value.len() == 32 { "TOKEN" } else { value });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn an_exam_never_sends_the_answers_before_it_is_submitted() {
    let a = folder(&[("bank.yaml", &bank(("A", "[A, D]")))]);
    let b = folder(&[("bank.yaml", &bank(("C", "[B, C]")))]);
    let (pages_a, server, mut http) = exam_walk(a.path());
    let (pages_b, _other, _) = exam_walk(b.path());
    for (page_a, page_b) in pages_a.iter().zip(&pages_b) {
        for secret in [
            "SECRET",
            "secret-reference",
            "✗",
            "Correct:",
            "(your pick)",
            "(the answer)",
            "(not picked)",
            "The answer is",
        ] {
            assert!(!page_a.contains(secret), "{secret} in\n{page_a}");
        }
        // Banks that differ only in their answers give the same pages.
        assert_eq!(masked(page_a), masked(page_b));
    }
    // Once submitted, they are there: the check above could fail.
    let review = http.get("/quiz");
    let csrf = review.field("csrf").expect("a token");
    http.post(
        "/quiz",
        &[("csrf", &csrf), ("at", "review"), ("do", "confirm")],
    );
    let results = http.get("/quiz");
    assert!(results.body.contains("FAIL"), "{}", results.body);
    let opened = http.get("/quiz/results/1");
    assert!(
        opened.body.contains("SECRET-EXPLANATION-one"),
        "{}",
        opened.body
    );
    assert!(opened.body.contains("SECRET-WHY-bravo"), "{}", opened.body);
    drop(server);
}

#[test]
fn a_stopped_server_resumes_its_exam_with_the_time_it_had_held_by_one_quiz() {
    let dir = folder(&[("bank.yaml", &bank(("A", "[A, D]")))]);
    let server = serve(dir.path(), &["bank.yaml", "--no-shuffle"]);
    let mut http = server.http();
    let question = start(&mut http, &[("mode", "exam"), ("limit", "10m")]);
    assert!(
        question.body.contains("10:00 left") || question.body.contains("9:59 left"),
        "{}",
        question.body
    );
    let csrf = question.field("csrf").expect("a token");
    http.post(
        "/quiz",
        &[("csrf", &csrf), ("at", "q0"), ("pick", "0"), ("do", "flag")],
    );
    // While this server runs the exam, `quiz run --resume` cannot take it.
    let other = std::process::Command::new(QUIZ)
        .args(["run", "--resume", "--plain"])
        .current_dir(dir.path())
        .env("QUIZ_DATA_DIR", dir.path().join(".data"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run quiz");
    assert_eq!(other.status.code(), Some(1));
    let said = String::from_utf8_lossy(&other.stderr);
    assert!(
        said.contains("this session is open in another quiz"),
        "{said}"
    );
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(server.stop().success());

    // Stopped for a while: that time is not the candidate's.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let server = serve(dir.path(), &["bank.yaml", "--no-shuffle"]);
    let mut http = server.http();
    let page = http.get("/");
    assert!(page.body.contains("was left unfinished"), "{}", page.body);
    let csrf = page.field("csrf").expect("a token");
    assert_eq!(http.post("/resume", &[("csrf", &csrf)]).status, 303);
    let resumed = http.get("/quiz");
    assert!(
        resumed.body.contains("Resumed the exam of "),
        "{}",
        resumed.body
    );
    assert!(
        ["9:57 left", "9:58 left", "9:59 left"]
            .iter()
            .any(|t| resumed.body.contains(t)),
        "{}",
        resumed.body
    );
    // At the first question left unanswered; the first keeps its pick and flag.
    assert!(resumed.body.contains("Question 2 of 2"), "{}", resumed.body);
    assert!(resumed.body.contains("1/2 answered"), "{}", resumed.body);
    let csrf = resumed.field("csrf").expect("a token");
    http.post(
        "/quiz",
        &[("csrf", &csrf), ("at", "q1"), ("do", "previous")],
    );
    let first = http.get("/quiz");
    assert!(first.body.contains("⚑ this one flagged"), "{}", first.body);
    assert!(
        first.body.contains("value=\"0\" checked"),
        "the pick is kept: {}",
        first.body
    );
    // The start page no longer offers it: this server holds it.
    let again = server.http().get("/");
    assert!(
        !again.body.contains("was left unfinished"),
        "{}",
        again.body
    );
}

/// An exam of every kind, walked over HTTP with each kind's form: no page
/// holds an answer, a model answer or an explanation before submission (the
/// order's items never stand in the right order; no accepted answer, number
/// or model answer is sent), and the forms' answers count once submitted.
#[test]
fn an_exam_of_every_kind_keeps_its_answers_until_submitted_and_takes_each_kind_s_form() {
    let every = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/kinds/every-kind.yaml"),
    )
    .expect("the every-kind fixture");
    let dir = folder(&[("bank.yaml", &every)]);
    let server = serve(
        dir.path(),
        &["bank.yaml", "--no-shuffle", "--seed", "1", "--no-history"],
    );
    let mut http = server.http();
    let first = start(&mut http, &[("mode", "exam")]);
    let csrf = first.field("csrf").expect("a token");
    let secrets = [
        "16384",
        "server_name",
        "SNI",
        "passive observer",
        "Everything after the ServerHello",
        "The length MUST NOT exceed",
        "Correct",
        "The answer is",
    ];
    let mut pages = vec![first.body.clone()];
    // The order, B C A D: each item's place.
    let order = [
        ("place0", "3"),
        ("place1", "1"),
        ("place2", "2"),
        ("place3", "4"),
    ];
    let mut fields: Vec<(&str, &str)> = vec![("csrf", &csrf), ("at", "q0"), ("do", "answer")];
    fields.extend_from_slice(&order);
    assert_eq!(http.post("/quiz", &fields).status, 303);
    // The match: nothing put (left unanswered).
    let page = http.get("/quiz");
    assert!(page.body.contains("data-kind=\"match\""), "{}", page.body);
    pages.push(page.body);
    http.post("/quiz", &[("csrf", &csrf), ("at", "q1"), ("do", "next")]);
    // The number, typed with digit groups.
    let page = http.get("/quiz");
    assert!(page.body.contains("inputmode=\"decimal\""), "{}", page.body);
    pages.push(page.body);
    http.post(
        "/quiz",
        &[
            ("csrf", &csrf),
            ("at", "q2"),
            ("typed", "16,384"),
            ("do", "answer"),
        ],
    );
    // The text, wrong.
    pages.push(http.get("/quiz").body);
    http.post(
        "/quiz",
        &[
            ("csrf", &csrf),
            ("at", "q3"),
            ("typed", "ALPN"),
            ("do", "answer"),
        ],
    );
    // The open question, an attempt.
    let page = http.get("/quiz");
    assert!(
        page.body.contains("<textarea name=\"typed\""),
        "{}",
        page.body
    );
    pages.push(page.body);
    http.post(
        "/quiz",
        &[
            ("csrf", &csrf),
            ("at", "q4"),
            ("typed", "To hide who it is."),
            ("do", "answer"),
        ],
    );
    // The last, a choice question, left: to the review.
    pages.push(http.get("/quiz").body);
    http.post("/quiz", &[("csrf", &csrf), ("at", "q5"), ("do", "review")]);
    for page in &pages {
        for secret in secrets {
            assert!(!page.contains(secret), "{secret} in\n{page}");
        }
    }
    // The order as first shown is not the right one.
    let first_order: Vec<&str> = [
        "ChangeCipherSpec",
        "ClientHello",
        "ClientKeyExchange",
        "Finished",
    ]
    .into_iter()
    .collect();
    let at = |name: &str| pages[0].find(name).unwrap_or(usize::MAX);
    assert!(
        first_order.windows(2).all(|w| at(w[0]) < at(w[1])),
        "{}",
        pages[0]
    );
    // Submitted: the order and the number were right, the text wrong, the
    // match and the choice unanswered, the open question not scored.
    let review = http.get("/quiz");
    let csrf = review.field("csrf").expect("a token");
    http.post(
        "/quiz",
        &[("csrf", &csrf), ("at", "review"), ("do", "confirm")],
    );
    let results = http.get("/quiz");
    assert!(results.body.contains("Score 2/5"), "{}", results.body);
    let order = http.get("/quiz/results/1");
    assert!(order.body.contains("B, C, A, D"), "{}", order.body);
    // The open question: its model answer now, and the candidate's own mark.
    let open = http.get("/quiz/results/5");
    assert!(open.body.contains("passive observer"), "{}", open.body);
    let csrf = open.field("csrf").expect("a token");
    let marked = http.post(
        "/quiz",
        &[
            ("csrf", &csrf),
            ("at", "results"),
            ("question", "4"),
            ("do", "mark-partly"),
        ],
    );
    assert_eq!(marked.status, 303);
    let results = http.get("/quiz");
    assert!(results.body.contains("yours: partly"), "{}", results.body);
    drop(server);
}

/// A question's picture: served only as the file its question names, inside
/// the bank's folder, with its type and a policy under which nothing in it
/// runs; anything else is not found.
#[cfg(unix)]
#[test]
fn pictures_are_served_only_as_their_questions_name_them() {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
    let bank = "questions:
  - id: net
    question: Which router is the root?
    image: img/net.png
    alt: Two routers joined by a serial link
    choices: [R1, R2]
    answer: A
  - id: drawn
    question: Which link is down?
    image: img/drawn.svg
    alt: A drawing of three links
    choices: [one, two]
    answer: A
  - id: moved
    question: Which switch is the root?
    image: img/moved.png
    alt: Three switches
    choices: [S1, S2]
    answer: A
  - id: none
    question: Which port does HTTPS use?
    choices: ['443', '80']
    answer: A
";
    let dir = folder(&[
        ("bank.yaml", bank),
        (
            "img/drawn.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
        ),
        ("secret.txt", "not for the browser"),
    ]);
    std::fs::write(dir.path().join("img/net.png"), PNG).expect("write");
    std::fs::write(dir.path().join("img/moved.png"), PNG).expect("write");
    let outside = tempfile::tempdir().expect("a folder");
    std::fs::write(outside.path().join("elsewhere.png"), PNG).expect("write");
    let server = serve(dir.path(), &["bank.yaml", "--no-shuffle", "--no-history"]);
    let mut http = server.http();
    let question = start(&mut http, &[]);
    assert!(
        question
            .body
            .contains("<img src=\"/picture/1\" alt=\"Two routers joined by a serial link\">"),
        "{}",
        question.body
    );
    let png = http.get("/picture/1");
    assert_eq!(png.status, 200);
    assert_eq!(png.header("content-type"), Some("image/png"));
    assert_eq!(png.header("x-content-type-options"), Some("nosniff"));
    assert!(
        png.header("content-security-policy")
            .is_some_and(|p| p.contains("sandbox") && p.contains("default-src 'none'")),
        "{:?}",
        png.headers
    );
    let svg = http.get("/picture/2");
    assert_eq!(svg.header("content-type"), Some("image/svg+xml"));
    assert!(
        svg.header("content-security-policy")
            .is_some_and(|p| p.contains("sandbox")),
        "{:?}",
        svg.headers
    );
    // The file swapped for a symlink out of the folder after the start.
    std::fs::remove_file(dir.path().join("img/moved.png")).expect("rm");
    std::os::unix::fs::symlink(
        outside.path().join("elsewhere.png"),
        dir.path().join("img/moved.png"),
    )
    .expect("symlink");
    for path in [
        "/picture/3",
        "/picture/4",
        "/picture/5",
        "/picture/0",
        "/picture/..%2Fsecret.txt",
        "/picture/1/../../secret.txt",
        "/secret.txt",
    ] {
        assert_eq!(http.get(path).status, 404, "{path}");
    }
    drop(server);
}
