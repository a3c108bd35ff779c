//! Exams: flags, the review and submission by keyboard and mouse; a reload
//! mid-exam that loses nothing; and an exam of three seconds that submits
//! itself with no one pressing anything.

use super::{BANK, Browser, folder, key, serve};
use libtest_mimic::Failed;
use std::time::Duration;

const BLUEPRINT: &str = "title: Browser mock exam
count: 3
pass_mark: 60
banks: [bank.yaml]
domains:
  - name: Handshake
    tags: [handshake]
    weight: 67
  - name: Records
    tags: [record]
    weight: 33
";

pub fn flags_review_and_submission(b: &Browser) -> Result<(), Failed> {
    let dir = folder(&[("bank.yaml", BANK), ("exam.yaml", BLUEPRINT)]);
    let server = serve(dir.path(), &["--blueprint", "exam.yaml", "--no-shuffle"]);
    b.open(&server.url)?;
    let start = b.wait_for_text("Browser mock exam")?;
    assert!(start.contains("Browser bank · 3 questions"), "{start}");
    b.click("form.start button.primary")?;
    let first = b.wait_for_text("Question 1 of 3")?;
    assert!(first.contains("exam · pass mark 60%"), "{first}");
    // No verdict in an exam: a pick, a flag, and on.
    b.keys("b")?;
    b.keys("*")?;
    b.wait_for_text("Question 1 flagged.")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Question 2 of 3")?;
    b.keys("a")?;
    b.keys(&key::RIGHT.to_string())?;
    b.wait_for_text("Question 3 of 3")?;
    b.keys(&key::LEFT.to_string())?;
    b.wait_for_text("Question 2 of 3")?;
    // Esc: the review, with how each stands.
    b.keys(&key::ESCAPE.to_string())?;
    let review =
        b.wait_for_text("3 questions · 2 answered · 1 incomplete · 1 unanswered · 1 flagged")?;
    assert!(review.contains("1 of 2 picked"), "{review}");
    b.click("a[href='/quiz?filter=flagged']")?;
    let flagged = b.wait_for_text("Flagged")?;
    assert!(flagged.contains("Which message carries"), "{flagged}");
    assert!(
        !flagged.contains("What does this record hold?"),
        "{flagged}"
    );
    // Open question 3 from the full list and answer it.
    b.click("a[href='/quiz?filter=all']")?;
    b.click("li.review-row:nth-child(3) button.open")?;
    b.wait_for_text("Question 3 of 3")?;
    b.click("li[data-row]:nth-child(1) label.choice")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Review")?;
    // s asks first; y submits.
    b.keys("s")?;
    let ask = b.wait_for_text("Submit the exam?")?;
    assert!(
        ask.contains("0 of 3 unanswered, 1 incomplete, 1 flagged."),
        "{ask}"
    );
    b.keys("y")?;
    let results = b.wait_for_text("Results")?;
    for line in [
        "PASS",
        "Score 2/3 (66.7%)",
        "By domain, weakest first",
        "Handshake",
        "Records",
    ] {
        assert!(results.contains(line), "{line} in {results}");
    }
    let handshake = results.find("Handshake").unwrap_or(0);
    let records = results.find("Records").unwrap_or(0);
    assert!(handshake < records, "weakest first: {results}");
    // A question opened from the results: its marks and the author's words.
    b.click("ol.results-list li:first-child a")?;
    let opened = b.wait_for_text("Back to the results")?;
    assert!(opened.contains("(your pick)"), "{opened}");
    b.keys(&key::ESCAPE.to_string())?;
    b.wait_for_text("Questions, missed first")?;
    Ok(())
}

pub fn survives_a_reload(b: &Browser) -> Result<(), Failed> {
    let dir = folder(&[("bank.yaml", BANK)]);
    let server = serve(
        dir.path(),
        &[
            "bank.yaml",
            "--no-shuffle",
            "--mode",
            "exam",
            "--time-limit",
            "20m",
        ],
    );
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 3")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Question 2 of 3")?;
    // A tick by mouse goes to the server at once.
    b.click("li[data-row]:nth-child(3) label.choice")?;
    b.wait_for_text("1/3 answered")?;
    b.reload()?;
    let again = b.wait_for_text("Question 2 of 3")?;
    assert!(again.contains("1/3 answered"), "{again}");
    assert!(again.contains("left"), "{again}");
    let picked =
        b.eval("return [...document.querySelectorAll('input[name=pick]')].map(i => i.checked)")?;
    assert_eq!(picked, serde_json::json!([false, false, true, false]));
    // A closed tab: the same address later finds the same place.
    b.open_keeping_cookies(&server.url)?;
    b.wait_for_text("Question 2 of 3")?;
    Ok(())
}

pub fn submits_itself(b: &Browser) -> Result<(), Failed> {
    let dir = folder(&[("bank.yaml", BANK)]);
    let server = serve(
        dir.path(),
        &[
            "bank.yaml",
            "--no-shuffle",
            "--mode",
            "exam",
            "--time-limit",
            "3s",
        ],
    );
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    let first = b.wait_for_text("Question 1 of 3")?;
    assert!(
        first.contains("0:03 left") || first.contains("0:02 left"),
        "{first}"
    );
    b.keys("b")?;
    // No key, no click: the clock runs on the server.
    std::thread::sleep(Duration::from_secs(4));
    let results = b.wait_for_text("Results")?;
    assert!(
        results.contains("Time is up: the exam was submitted with the answers given before 0:00."),
        "{results}"
    );
    assert!(results.contains("Score 1/3"), "{results}");
    Ok(())
}
