//! The built-in bank: its size and mix cannot shrink unnoticed, every question
//! cites a checkable RFC section, and no id ever disappears.

use super::Test;
use quiz::bank::{Target, load_builtin};

/// The RFCs whose texts the bank is checked against.
const CITABLE: &[&str] = &[
    "5246", "8446", "6066", "7457", "7525", "4492", "5288", "5116", "7366", "7919",
];

#[test]
fn the_bank_checks_clean_and_strict() {
    let loaded = load_builtin();
    let config = quiz::check::Config {
        library: Some(
            quiz::rfc::Library::open(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/rfc"
            )))
            .expect("read rfc/"),
        ),
        ..Default::default()
    };
    let report = quiz::check::check_with(&loaded, &config);
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    assert!(report.unchecked.is_empty(), "{:?}", report.unchecked);
    Test::new()
        .args(&[
            "check",
            "--strict",
            "--rfc-dir",
            concat!(env!("CARGO_MANIFEST_DIR"), "/rfc"),
            concat!(env!("CARGO_MANIFEST_DIR"), "/questions"),
        ])
        .run()
        .status(0)
        .stdout_lacks("not checked");
}

#[test]
fn the_mix_holds() {
    let loaded = load_builtin();
    let questions: Vec<_> = loaded.banks.iter().flat_map(|b| &b.questions).collect();
    let choices: Vec<&quiz::bank::Choices> = questions.iter().filter_map(|q| q.choices()).collect();
    let count = |f: &dyn Fn(&quiz::bank::Choices) -> bool| choices.iter().filter(|q| f(q)).count();
    assert!(loaded.banks.len() >= 5, "files: {}", loaded.banks.len());
    assert!(questions.len() >= 60, "questions: {}", questions.len());
    assert!(
        count(&|q| q.answer.value.len() > 1) >= 15,
        "multiple-answer items"
    );
    assert!(count(&|q| q.multi) >= 5, "multi: true items");
    assert!(
        count(&|q| q.choices.value.iter().any(|c| c.why.is_some())) >= 10,
        "items with why"
    );
    assert!(
        count(&|q| q
            .choices
            .value
            .iter()
            .any(|c| c.pin && c.text.value == "None of these"))
            >= 2,
        "items with a pinned None of these"
    );
    assert_eq!(
        count(&|q| q.choices.value.iter().any(|c| c
            .text
            .value
            .to_lowercase()
            .contains("all of the above"))),
        0,
        "no all of the above"
    );
}

#[test]
fn every_question_cites_a_checkable_section() {
    for bank in &load_builtin().banks {
        for q in &bank.questions {
            let cited: Vec<_> = q
                .references
                .iter()
                .filter_map(|r| match &r.target {
                    Target::Rfc {
                        number,
                        section: Some(_),
                    } => Some(number.value.as_str()),
                    _ => None,
                })
                .collect();
            assert!(!cited.is_empty(), "{} cites no RFC section", q.id.value);
            for r in &q.references {
                if let Target::Rfc { number, .. } = &r.target {
                    assert!(
                        CITABLE.contains(&number.value.as_str()),
                        "{} cites RFC {}",
                        q.id.value,
                        number.value
                    );
                }
            }
            assert!(
                q.tags.iter().any(|t| t.value != "tls"),
                "{} has no topic tag",
                q.id.value
            );
        }
    }
}

#[test]
fn no_id_disappears() {
    // Ids are how history follows a question; a rewording keeps its id. New
    // questions add their id to this list.
    let known = include_str!("../fixtures/builtin-ids.txt");
    let loaded = load_builtin();
    let ids: Vec<&str> = loaded
        .banks
        .iter()
        .flat_map(|b| &b.questions)
        .map(|q| q.id.value.as_str())
        .collect();
    for id in known.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            ids.contains(&id),
            "the id `{id}` is gone from the built-in bank"
        );
    }
    assert!(ids.len() >= known.lines().count());
}
