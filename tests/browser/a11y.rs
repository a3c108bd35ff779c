//! axe-core (tests/fixtures/axe/, the npm package's script) in every kind of
//! page, light and dark: no serious or critical violation.

use super::{BANK, Browser, folder, key, repo, serve};
use libtest_mimic::Failed;

/// The serious and critical violations axe finds in the page, as text.
fn check(b: &Browser, page: &str) -> Result<Vec<String>, Failed> {
    let axe = std::fs::read_to_string(repo().join("tests/fixtures/axe/axe.min.js"))
        .map_err(super::failed)?;
    b.eval(&axe)?;
    let found = b.run(b.client.execute_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, { resultTypes: ['violations'] }).then(r => done(
           r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
             .map(v => v.id + ': ' + v.help + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))));",
        Vec::new(),
    ))
    .map_err(super::failed)?;
    let list: Vec<String> = serde_json::from_value(found).map_err(super::failed)?;
    Ok(list.into_iter().map(|v| format!("{page}: {v}")).collect())
}

fn dark(b: &Browser, on: bool) -> Result<(), Failed> {
    b.run(b.cdp(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": if on { "dark" } else { "light" }}]}),
    ))
    .map_err(super::failed)?;
    Ok(())
}

pub fn axe(b: &Browser) -> Result<(), Failed> {
    let dir = folder(&[("bank.yaml", BANK)]);
    let server = serve(dir.path(), &["bank.yaml", "--no-shuffle"]);
    let mut found = Vec::new();
    let mut both = |b: &Browser, page: &str| -> Result<(), Failed> {
        for on in [false, true] {
            dark(b, on)?;
            found.extend(check(
                b,
                &format!("{page} ({})", if on { "dark" } else { "light" }),
            )?);
        }
        dark(b, false)
    };
    b.open(&server.url)?;
    both(b, "start")?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 3")?;
    both(b, "practice question")?;
    b.keys("a")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Wrong")?;
    both(b, "feedback")?;
    b.keys(&key::ESCAPE.to_string())?;
    b.wait_for_text("Summary")?;
    both(b, "summary")?;
    // An exam: its question, the review with its dialog, the results.
    b.open(&server.url)?;
    b.click("input[value=exam]")?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 3")?;
    both(b, "exam question")?;
    b.keys(&key::ESCAPE.to_string())?;
    b.wait_for_text("Review")?;
    both(b, "review")?;
    b.keys("s")?;
    b.wait_for_text("Submit the exam?")?;
    both(b, "submit dialog")?;
    b.keys("y")?;
    b.wait_for_text("Questions, missed first")?;
    both(b, "results")?;
    b.click("ol.results-list li:first-child a")?;
    b.wait_for_text("Back to the results")?;
    both(b, "opened question")?;
    b.open(&server.at("/history"))?;
    b.wait_for_text("Overview")?;
    both(b, "history")?;
    // Every kind's question page, and an open question's feedback with its marks.
    let every = std::fs::read_to_string(repo().join("tests/fixtures/kinds/every-kind.yaml"))
        .map_err(super::failed)?;
    let kinds = folder(&[("every.yaml", &every)]);
    let server = serve(
        kinds.path(),
        &["every.yaml", "--no-shuffle", "--no-history"],
    );
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    for (n, page) in [
        (1, "order"),
        (2, "match"),
        (3, "number"),
        (4, "text"),
        (5, "open"),
    ] {
        b.wait_for_text(&format!("Question {n} of 6"))?;
        both(b, &format!("{page} question"))?;
        b.click("button[value=skip]")?;
        if page == "open" {
            b.wait_for_text("Mark your answer")?;
            both(b, "open feedback")?;
        }
        b.click("button[value=next]")?;
    }
    if found.is_empty() {
        Ok(())
    } else {
        Err(found.join("\n").into())
    }
}
