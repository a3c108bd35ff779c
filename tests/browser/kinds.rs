//! Every kind of question in the browser, by mouse (or touch: the same
//! clicks) and by keyboard alone: an order, a match, a number, a short
//! answer and an open question (`tests/fixtures/kinds/every-kind.yaml`, where
//! `--seed 1` shows the order's items as A) ChangeCipherSpec B) ClientHello
//! C) ClientKeyExchange D) Finished).

use super::{Browser, folder, key, repo, serve};
use libtest_mimic::Failed;

fn every_kind() -> String {
    std::fs::read_to_string(repo().join("tests/fixtures/kinds/every-kind.yaml"))
        .expect("the every-kind fixture")
}

/// The letter the page shows a match response with.
fn letter_of(b: &Browser, response: &str) -> Result<String, Failed> {
    let found = b.eval(&format!(
        "return [...document.querySelectorAll('li.response')].find(li => li.querySelector('.text').textContent === {response:?}).getAttribute('data-letter')"
    ))?;
    Ok(found.as_str().unwrap_or_default().to_owned())
}

/// The three pairs of the match, put right with the premises' selects.
fn match_by_selects(b: &Browser, by_keyboard: bool) -> Result<(), Failed> {
    for (premise, response) in [
        (0, "nothing (sent in the clear)"),
        (1, "the handshake traffic keys"),
        (2, "the application traffic keys"),
    ] {
        let letter = letter_of(b, response)?;
        if by_keyboard {
            b.eval(&format!(
                "document.querySelector('select[name=slot{premise}]').focus(); return 0"
            ))?;
            b.keys(&letter.to_lowercase())?;
        } else {
            b.click(&format!(
                "select[name=slot{premise}] option[value='{letter}']"
            ))?;
        }
    }
    Ok(())
}

/// A practice of the every-kind bank, started, at its first question.
fn started(b: &Browser) -> Result<(tempfile::TempDir, super::Server), Failed> {
    let dir = folder(&[("every.yaml", &every_kind())]);
    let server = serve(
        dir.path(),
        &["every.yaml", "--no-shuffle", "--seed", "1", "--no-history"],
    );
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 6")?;
    Ok((dir, server))
}

pub fn by_mouse(b: &Browser) -> Result<(), Failed> {
    let (_dir, _server) = started(b)?;
    // The order: each item's place chosen in its select (B, C, A, D).
    for (item, place) in [(1, 1), (2, 2), (0, 3), (3, 4)] {
        b.click(&format!("select[name=place{item}] option[value='{place}']"))?;
    }
    let shown = b.eval(
        "return [...document.querySelectorAll('.order-list li.item .letter')].map(l => l.textContent)",
    )?;
    assert_eq!(shown, serde_json::json!(["B)", "C)", "A)", "D)"]));
    b.click("button[value=answer]")?;
    b.wait_for_text("✓ Correct: B, C, A, D.")?;
    b.click("button[value=next]")?;
    b.wait_for_text("Question 2 of 6")?;
    match_by_selects(b, false)?;
    b.click("button[value=answer]")?;
    b.wait_for_text("✓ Correct")?;
    b.click("button[value=next]")?;
    b.wait_for_text("Question 3 of 6")?;
    b.click("input[name=typed]")?;
    b.keys("16,384")?;
    b.click("button[value=answer]")?;
    b.wait_for_text("✓ Correct")?;
    b.click("button[value=next]")?;
    b.wait_for_text("Question 4 of 6")?;
    b.click("input[name=typed]")?;
    b.keys("  sni ")?;
    b.click("button[value=answer]")?;
    b.wait_for_text("✓ Correct")?;
    b.click("button[value=next]")?;
    b.wait_for_text("Question 5 of 6")?;
    b.click("textarea[name=typed]")?;
    b.keys("Nobody watching should learn which server it is.")?;
    b.click("button[value=answer]")?;
    let shown = b.wait_for_text("So that a passive observer cannot see which certificate")?;
    assert!(
        shown.contains("Nobody watching should learn which server it is."),
        "{shown}"
    );
    Ok(())
}

pub fn by_keyboard(b: &Browser) -> Result<(), Failed> {
    let (_dir, _server) = started(b)?;
    // The order: B up to first with Shift+↑, then A down under C.
    b.eval("document.querySelectorAll('.order-list li.item')[1].focus(); return 0")?;
    b.chord(key::SHIFT, key::UP)?;
    b.eval("document.querySelectorAll('.order-list li.item')[1].focus(); return 0")?;
    b.chord(key::SHIFT, key::DOWN)?;
    let shown = b.eval(
        "return [...document.querySelectorAll('.order-list li.item .letter')].map(l => l.textContent)",
    )?;
    assert_eq!(shown, serde_json::json!(["B)", "C)", "A)", "D)"]));
    b.eval("document.querySelector('button[value=answer]').focus(); return 0")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("✓ Correct: B, C, A, D.")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Question 2 of 6")?;
    match_by_selects(b, true)?;
    b.eval("document.querySelector('button[value=answer]').focus(); return 0")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("✓ Correct")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Question 3 of 6")?;
    // The line takes every key typed into it, and Enter answers.
    b.eval("document.querySelector('input[name=typed]').focus(); return 0")?;
    b.keys(&format!("16384{}", key::ENTER))?;
    b.wait_for_text("✓ Correct")?;
    Ok(())
}

/// A one-pixel PNG that a browser decodes.
const PIXEL: &[u8] = b"\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\x64\x60\xf8\x5f\x0f\x00\x02\x87\x01\x80\xeb\x47\xba\x92\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82";

/// A question's picture is shown in the page, loaded under the page's
/// policy, with its alt text, and opens full size.
pub fn a_picture_is_shown(b: &Browser) -> Result<(), Failed> {
    let bank = "questions:
  - id: topology
    question: In the topology shown, which router is the root?
    image: img/topology.png
    alt: Two routers, R1 and R2, joined by a serial link
    choices: [R1, R2]
    answer: A
";
    let dir = folder(&[("bank.yaml", bank)]);
    std::fs::create_dir_all(dir.path().join("img")).map_err(super::failed)?;
    std::fs::write(dir.path().join("img/topology.png"), PIXEL).map_err(super::failed)?;
    let server = serve(dir.path(), &["bank.yaml", "--no-history"]);
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 1")?;
    let deadline = std::time::Instant::now() + super::WAIT;
    loop {
        let loaded = b.eval(
            "const i = document.querySelector('figure.picture img'); return i && i.complete && i.naturalWidth",
        )?;
        if loaded == serde_json::json!(1) {
            break;
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("the picture did not load: {loaded}").into());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let alt = b.eval("return document.querySelector('figure.picture img').alt")?;
    assert_eq!(alt, "Two routers, R1 and R2, joined by a serial link");
    let link = b.eval("return document.querySelector('figure.picture a').getAttribute('href')")?;
    assert_eq!(link, "/picture/1");
    Ok(())
}
