//! The layout pictures of docs/: a question of an exam, a practice feedback,
//! an order and a match question, at 1280×800 and at 375×667 (a phone),
//! light and dark. Ignored
//! unless `QUIZ_SCREENSHOTS` is set: `QUIZ_SCREENSHOTS=1 cargo test --test
//! browser screenshots` writes them again.

use super::{BANK, Browser, folder, key, repo, serve};
use libtest_mimic::Failed;

const SIZES: [(&str, u32, u32, bool); 2] =
    [("desktop", 1280, 800, false), ("phone", 375, 667, true)];

fn shoot(b: &Browser, name: &str) -> Result<(), Failed> {
    for (size, width, height, mobile) in SIZES {
        for scheme in ["light", "dark"] {
            let png = b.run(async {
                b.cdp(
                    "Emulation.setDeviceMetricsOverride",
                    serde_json::json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
                )
                .await?;
                b.cdp(
                    "Emulation.setEmulatedMedia",
                    serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
                )
                .await?;
                b.client.screenshot().await
            })
            .map_err(super::failed)?;
            let path = repo().join(format!("docs/serve/{name}-{size}-{scheme}.png"));
            std::fs::create_dir_all(path.parent().expect("docs/serve")).map_err(super::failed)?;
            std::fs::write(&path, png).map_err(super::failed)?;
        }
    }
    Ok(())
}

pub fn write(b: &Browser) -> Result<(), Failed> {
    let dir = folder(&[("bank.yaml", BANK)]);
    let server = serve(dir.path(), &["bank.yaml", "--no-shuffle", "--no-history"]);
    b.open(&server.url)?;
    b.click("input[value=exam]")?;
    b.run(async {
        let limit = b.client.find(fantoccini::Locator::Css("#limit")).await?;
        limit.send_keys("20m").await
    })
    .map_err(super::failed)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 3")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Question 2 of 3")?;
    b.keys("a")?;
    b.wait_for_text("1/3 answered")?;
    shoot(b, "exam-question")?;
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 3")?;
    b.keys("a")?;
    b.keys(&key::ENTER.to_string())?;
    b.wait_for_text("Wrong")?;
    shoot(b, "practice-feedback")?;
    let every = std::fs::read_to_string(repo().join("tests/fixtures/kinds/every-kind.yaml"))
        .map_err(super::failed)?;
    let kinds = folder(&[("every.yaml", &every)]);
    let server = serve(
        kinds.path(),
        &["every.yaml", "--no-shuffle", "--seed", "1", "--no-history"],
    );
    b.open(&server.url)?;
    b.click("form.start button.primary")?;
    b.wait_for_text("Question 1 of 6")?;
    shoot(b, "order-question")?;
    b.click("button[value=skip]")?;
    b.click("button[value=next]")?;
    b.wait_for_text("Question 2 of 6")?;
    shoot(b, "match-question")
}
