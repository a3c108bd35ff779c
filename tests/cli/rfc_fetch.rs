//! `quiz rfc fetch` against a tiny HTTP server on 127.0.0.1: no test needs the
//! internet.

use super::Test;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A plain-text RFC, as far as `fetch` and `check` care.
const RFC_9999: &str =
    "Request for Comments: 9999\n\n1.  Introduction\n\n   Hello.\n\n2.  Greetings\n\n   More.\n";

/// Serves `responses` (path, status, body) for at most `requests` requests, or
/// until ten seconds pass; returns the address to give as `QUIZ_RFC_BASE_URL` and
/// the thread, which yields the paths asked for.
fn serve(
    responses: &'static [(&'static str, u16, &'static str)],
    requests: usize,
) -> (String, JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let base = format!("http://{}/", listener.local_addr().expect("its address"));
    listener.set_nonblocking(true).expect("non-blocking accept");
    let handle = std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut asked = Vec::new();
        while asked.len() < requests && Instant::now() < deadline {
            let Ok((stream, _)) = listener.accept() else {
                std::thread::sleep(Duration::from_millis(10));
                continue;
            };
            stream.set_nonblocking(false).expect("blocking reads");
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .expect("a read timeout");
            let mut reader = BufReader::new(stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("").to_owned();
            let (status, body) = responses
                .iter()
                .find(|(p, _, _)| *p == path)
                .map_or((404, "not found"), |(_, s, b)| (*s, *b));
            let reason = match status {
                200 => "OK",
                300..=399 => "Found",
                _ => "Not Found",
            };
            // A redirect's body is where it points.
            let location = if (300..400).contains(&status) {
                format!("Location: {body}\r\n")
            } else {
                String::new()
            };
            let mut stream = reader.into_inner();
            let _ = write!(
                stream,
                "HTTP/1.1 {status} {reason}\r\n{location}Content-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            asked.push(path);
        }
        asked
    });
    (base, handle)
}

#[test]
fn fetches_into_the_data_directory_and_check_uses_it() {
    let (base, server) = serve(&[("/rfc9999.txt", 200, RFC_9999)], 2);
    let test = Test::new().env("QUIZ_RFC_BASE_URL", &base).file(
        "bank.yaml",
        "questions:\n  - id: a\n    question: Which section greets?\n    choices: [One, Two]\n    answer: B\n    explanation: The second.\n    references:\n      - rfc: 9999\n        section: \"2.1\"\n",
    );
    let out = test.run_with(&["rfc", "fetch", "9999", "rfc5246"], "");
    out.status(1)
        .stderr_has("quiz: saved RFC 9999 (1 KB) to ")
        .stderr_has(&format!(
            "quiz: cannot fetch RFC 5246: {base}rfc5246.txt has no such RFC (HTTP 404)"
        ));
    assert_eq!(out.read(".data/rfc/rfc9999.txt"), RFC_9999);
    assert_eq!(
        server.join().expect("the server"),
        ["/rfc9999.txt", "/rfc5246.txt"]
    );

    // Already there: nothing is downloaded.
    test.run_with(&["rfc", "fetch", "rfc9999"], "")
        .status(0)
        .stderr_has("RFC 9999 is already at ")
        .stderr_has("--force downloads it again");

    test.run_with(&["check", "bank.yaml"], "")
        .status(1)
        .stdout_has("bank.yaml:9:18: error: RFC 9999 has no section \"2.1\"; section 2 has no subsections [rfc-section-missing]");
}

#[test]
fn a_web_page_is_not_saved_as_an_rfc() {
    let (base, server) = serve(
        &[("/rfc9999.txt", 200, "<!DOCTYPE html><html>Sign in</html>")],
        1,
    );
    let out = Test::new()
        .env("QUIZ_RFC_BASE_URL", &base)
        .args(&["rfc", "fetch", "9999"])
        .run();
    out.status(1).stderr_has(&format!(
        "cannot fetch RFC 9999: {base}rfc9999.txt did not send the text of RFC 9999"
    ));
    assert!(!out.dir().join(".data/rfc/rfc9999.txt").exists());
    server.join().expect("the server");
}

#[test]
fn a_bad_number_is_refused_before_any_download() {
    Test::new()
        .env("QUIZ_RFC_BASE_URL", "http://127.0.0.1:9/")
        .args(&["rfc", "fetch", "8446", "x12"])
        .run()
        .status(2)
        .stderr_has("\"x12\" is not an RFC number: give numbers such as 8446");
}

/// A server that takes connections and never answers; yields how many it took.
fn stall() -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let base = format!("http://{}/", listener.local_addr().expect("its address"));
    let taken = std::sync::Arc::new(AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&taken);
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            held.push(stream);
        }
    });
    (base, taken)
}

#[test]
fn one_deadline_holds_for_the_whole_command() {
    use std::sync::atomic::Ordering;
    let (base, taken) = stall();
    let out = Test::new()
        .env("QUIZ_RFC_BASE_URL", &base)
        .args(&["rfc", "fetch", "--timeout", "1s", "1", "2", "3"])
        .run();
    out.status(1);
    // The first download used up the time; the others were not even started.
    assert_eq!(taken.load(Ordering::SeqCst), 1, "{}", out.stderr);
    for n in 1..=3 {
        out.stderr_has(&format!(
            "quiz: cannot fetch RFC {n}: the time allowed for the whole command (1s) ran out before {base}rfc{n}.txt was downloaded; give more with --timeout"
        ));
    }
}

#[test]
fn the_base_address_must_be_https_but_on_loopback() {
    Test::new()
        .env("QUIZ_RFC_BASE_URL", "http://mirror.example/rfc/")
        .args(&["rfc", "fetch", "8446"])
        .run()
        .status(2)
        .stderr_has("QUIZ_RFC_BASE_URL=http://mirror.example/rfc/ is not an https:// address");
}

#[test]
fn a_redirect_is_followed_only_where_the_rule_holds() {
    use std::sync::atomic::Ordering;
    let (other, elsewhere) = stall();
    let to_other_port: &'static str = Box::leak(format!("{other}rfc9999.txt").into_boxed_str());
    let responses: &'static [(&'static str, u16, &'static str)] = Box::leak(Box::new([
        ("/rfc9999.txt", 302, to_other_port),
        ("/rfc9998.txt", 301, "/moved/rfc9998.txt"),
        (
            "/moved/rfc9998.txt",
            200,
            "Request for Comments: 9998\n\n1.  Intro\n",
        ),
    ]));
    let (base, server) = serve(responses, 3);
    let out = Test::new()
        .env("QUIZ_RFC_BASE_URL", &base)
        .args(&["rfc", "fetch", "9999", "9998"])
        .run();
    out.status(1)
        .stderr_has(&format!(
            "quiz: cannot fetch RFC 9999: {base}rfc9999.txt redirects to {to_other_port}, which quiz does not follow"
        ))
        .stderr_has("quiz: saved RFC 9998 (1 KB) to ");
    assert_eq!(
        server.join().expect("the server"),
        ["/rfc9999.txt", "/rfc9998.txt", "/moved/rfc9998.txt"]
    );
    // Nothing reached the other port.
    assert_eq!(elsewhere.load(Ordering::SeqCst), 0);
}
