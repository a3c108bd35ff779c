//! A hostile bank in the browser: HTML and script in every field of our own
//! bank, and the terminal sequences of tests/fixtures/hostile/, show as text
//! and run nothing; a `javascript:` reference is no link.

use super::{Browser, folder, key, repo, serve};
use libtest_mimic::Failed;

const HTML: &str = r#"title: "<script>window.pwned = 'title'</script>Hostile"
questions:
  - id: html
    question: "Which is safe? <script>window.pwned = 'stem'</script><img src=x onerror=\"window.pwned = 'img'\">"
    exhibit: "</pre><script>window.pwned = 'exhibit'</script>"
    choices:
      - text: "<b onmouseover=\"window.pwned = 'choice'\">bold</b>"
        why: "<iframe src=\"javascript:window.pwned = 'why'\"></iframe>"
      - text: "</label></li></ol></fieldset></form><form action=\"https://evil.example\"><button>Submit</button></form>"
    answer: A
    explanation: "<a href=\"javascript:window.pwned = 'explanation'\">click me</a>"
    references:
      - url: https://example.com/ok
        title: "<script>window.pwned = 'reference title'</script>"
    tags: ["<svg onload=\"window.pwned = 'tag'\">"]
"#;

/// A reference whose address is not http(s) is an error: such a bank is not served.
const JAVASCRIPT_URL: &str = "questions:
  - id: js
    question: Which?
    choices: [a, b]
    answer: A
    references:
      - url: \"javascript:window.pwned = 'reference'\"
";

pub fn show_as_text(b: &Browser) -> Result<(), Failed> {
    let refused = folder(&[("js.yaml", JAVASCRIPT_URL)]);
    let out = std::process::Command::new(super::QUIZ)
        .args(["serve", "js.yaml", "--no-history"])
        .current_dir(refused.path())
        .output()
        .map_err(super::failed)?;
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("must be an http:// or https:// address"),
        "{said}"
    );

    let prose = std::fs::read_to_string(repo().join("tests/fixtures/hostile/prose.yaml"))
        .map_err(super::failed)?;
    let dir = folder(&[("html.yaml", HTML), ("prose.yaml", &prose)]);
    let server = serve(
        dir.path(),
        &["html.yaml", "prose.yaml", "--no-shuffle", "--no-history"],
    );
    b.open(&server.url)?;
    b.wait_for_text("<script>window.pwned = 'title'</script>Hostile")?;
    b.click("form.start button.primary")?;
    let question = b.wait_for_text("Which is safe? <script>")?;
    assert!(question.contains("<img src=x onerror="), "{question}");
    assert!(
        question.contains("</pre><script>window.pwned = 'exhibit'</script>"),
        "{question}"
    );
    assert!(question.contains("<b onmouseover="), "{question}");
    let forms = b.eval("return document.querySelectorAll('form').length")?;
    assert_eq!(forms, 1, "a choice made no form of its own");
    b.keys("a")?;
    b.keys(&key::ENTER.to_string())?;
    let feedback = b.wait_for_text("✓ Correct: A.")?;
    assert!(feedback.contains("<iframe src=\"javascript:"), "{feedback}");
    assert!(
        feedback.contains("<a href=\"javascript:window.pwned = 'explanation'\">click me</a>"),
        "{feedback}"
    );
    assert!(
        feedback.contains("<script>window.pwned = 'reference title'</script>"),
        "{feedback}"
    );
    let links = b.eval(
        "return [...document.querySelectorAll('main a[href]')].map(a => a.getAttribute('href'))",
    )?;
    assert_eq!(
        links,
        serde_json::json!(["https://example.com/ok"]),
        "only the http(s) reference links"
    );
    let made = b.eval("return document.querySelectorAll('main script, main img, main iframe, main svg:not(.bar), main b').length")?;
    assert_eq!(made, 0, "no element came from the bank");
    // The terminal's hostile bank: shown, nothing sent.
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Question 2 of")?;
    b.keys("a")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Question 2 of")?;
    let pwned = b.eval("return typeof window.pwned")?;
    assert_eq!(pwned, "undefined", "a script of the bank ran");
    Ok(())
}
