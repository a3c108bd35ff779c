//! Practice, one question by mouse and one by keyboard alone.

use super::{BANK, Browser, folder, key, serve};
use libtest_mimic::Failed;

pub fn by_mouse(b: &Browser) -> Result<(), Failed> {
    let dir = folder(&[("bank.yaml", BANK)]);
    let server = serve(dir.path(), &["bank.yaml", "--no-shuffle", "--no-history"]);
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 3")?;
    // A click on the choice's words picks it.
    b.click("label.choice:nth-of-type(1) ")?;
    b.click("li[data-row]:nth-child(2) label.choice .text")?;
    b.click("button[value=answer]")?;
    let shown = b.wait_for_text("✓ Correct: B.")?;
    assert!(shown.contains("The client only offers suites."), "{shown}");
    assert!(
        shown.contains("The ServerHello carries the single suite"),
        "{shown}"
    );
    let link = b.eval("return document.querySelector('.references a').getAttribute('rel')")?;
    assert_eq!(link, "noopener noreferrer");
    b.click("button[value=next]")?;
    b.wait_for_text("Question 2 of 3")?;
    // Two to tick; a third is refused, and stays unticked.
    for n in [1, 3, 2] {
        b.click(&format!("li[data-row]:nth-child({n}) label.choice"))?;
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    b.wait_for_text("This question asks for 2: untick one first.")?;
    let ticked =
        b.eval("return [...document.querySelectorAll('input[name=pick]')].map(i => i.checked)")?;
    assert_eq!(ticked, serde_json::json!([true, false, true, false]));
    b.click("button[value=answer]")?;
    b.wait_for_text("✓ Correct: A, C.")?;
    b.click("button[value=leave]")?;
    let summary = b.wait_for_text("Summary")?;
    assert!(summary.contains("Score: 2/2 (100.0%)"), "{summary}");
    let _ = key::ENTER;
    Ok(())
}

pub fn by_keyboard(b: &Browser) -> Result<(), Failed> {
    let dir = folder(&[("bank.yaml", BANK)]);
    let server = serve(dir.path(), &["bank.yaml", "--no-shuffle", "--no-history"]);
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 3")?;
    // The full screen's keys: a letter picks, Enter answers.
    b.keys("a")?;
    b.keys(&key::ENTER.to_string())?;
    let shown = b.wait_for_text("✗ Wrong: the answer is B; you chose A.")?;
    assert!(shown.contains("(your pick)"), "{shown}");
    // → or Enter: the next question; → again skips it.
    b.keys(&key::RIGHT.to_string())?;
    b.wait_for_text("Question 2 of 3")?;
    b.keys(&key::RIGHT.to_string())?;
    b.wait_for_text("Skipped. The answer is A, C.")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Question 3 of 3")?;
    // ↓ moves between the choices, Space picks, * flags.
    b.keys(&format!("{}{} ", key::DOWN, key::DOWN))?;
    let picked =
        b.eval("return [...document.querySelectorAll('input[name=pick]')].map(i => i.checked)")?;
    assert_eq!(picked, serde_json::json!([false, true, false]));
    b.keys("*")?;
    b.wait_for_text("Question 3 flagged.")?;
    b.keys("1")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("✓ Correct: A.")?;
    b.keys(&key::ESCAPE.to_string())?;
    let summary = b.wait_for_text("Summary")?;
    assert!(summary.contains("Score: 1/3"), "{summary}");
    Ok(())
}
