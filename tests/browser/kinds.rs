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

pub fn by_mouse(b: &Browser) -> Result<(), Failed> {
    let dir = folder(&[("every.yaml", &every_kind())]);
    let server = serve(
        dir.path(),
        &["every.yaml", "--no-shuffle", "--seed", "1", "--no-history"],
    );
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 6")?;
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
    let dir = folder(&[("every.yaml", &every_kind())]);
    let server = serve(
        dir.path(),
        &["every.yaml", "--no-shuffle", "--seed", "1", "--no-history"],
    );
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 6")?;
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
