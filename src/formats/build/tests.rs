//! The builder: ids, right choices, skipping, and the limits of what it takes.
use super::*;

fn draft(name: Option<&str>) -> Draft {
    let pos = Pos::new(3, 1);
    let mut d = Draft::new(pos, Spanned::new("Which?".into(), pos));
    d.name = name.map(|n| Spanned::new(n.into(), pos));
    for (i, text) in ["Yes", "No"].iter().enumerate() {
        d.choices.push(DraftChoice {
            text: Spanned::new((*text).into(), Pos::new(4 + i as u32, 1)),
            why: None,
            weight: if i == 0 { 100.0 } else { 0.0 },
        });
    }
    d
}

#[test]
fn slugs_are_valid_ids() {
    assert_eq!(
        slug("Which TLS version?").as_deref(),
        Some("Which-TLS-version")
    );
    assert_eq!(
        slug("Frage über TLS 1.3").as_deref(),
        Some("Frage-uber-TLS-1.3")
    );
    assert_eq!(slug("  --tls_1.2--  ").as_deref(), Some("tls_1.2"));
    assert_eq!(slug("日本語"), None);
    assert_eq!(slug(""), None);
    let long = "word ".repeat(40);
    let id = slug(&long).unwrap_or_default();
    assert!(id.len() <= MAX_ID && id.ends_with("word"), "{id}");
}

#[test]
fn categories_become_their_last_part() {
    assert_eq!(
        category_tag("$course$/top/TLS/Handshake").as_deref(),
        Some("Handshake")
    );
    assert_eq!(category_tag("$course$/top/Default for C1").as_deref(), None);
    assert_eq!(category_tag("TLS 1.3").as_deref(), Some("TLS 1.3"));
    assert_eq!(category_tag("$module$/top/a//b").as_deref(), Some("a/b"));
    assert_eq!(category_tag("$course$/top"), None);
}

#[test]
fn ids_are_unique_and_derived_from_the_file_without_a_name() {
    let mut b = Builder::new("dir/My Bank.gift");
    b.add(draft(Some("Q 1")));
    b.add(draft(Some("Q-1")));
    b.add(draft(None));
    b.add(draft(Some("???")));
    let ids: Vec<String> = b.taken().iter().map(|q| q.id.value.clone()).collect();
    assert_eq!(ids, ["Q-1", "Q-1-2", "My-Bank-3", "My-Bank-4"]);
    let imported = b.finish().map_err(|f| f.error.message);
    assert_eq!(imported.map(|i| i.bank.name), Ok("My Bank".to_owned()));
}

#[test]
fn a_taken_name_gets_the_next_free_suffix() {
    let mut b = Builder::new("x.gift");
    for name in ["Q", "Q", "Q-3", "Q", "Q"] {
        b.add(draft(Some(name)));
    }
    let ids: Vec<&str> = b.taken().iter().map(|q| q.id.value.as_str()).collect();
    assert_eq!(ids, ["Q", "Q-2", "Q-3", "Q-4", "Q-5"]);
}

#[test]
fn single_answer_with_two_full_marks_is_skipped() {
    let mut b = Builder::new("x.gift");
    let mut d = draft(None);
    d.choices[1].weight = 100.0;
    b.add(d);
    assert!(b.taken().is_empty());
    assert!(
        b.warnings[0].line == 3 && b.warnings[0].message.starts_with("skipped "),
        "{:?}",
        b.warnings
    );
    let err = b.finish().err().map(|f| (f.error.line, f.error.message));
    assert!(
        matches!(&err, Some((3, m)) if m.starts_with("nothing to import")),
        "{err:?}"
    );
}

#[test]
fn a_question_quiz_rejects_is_skipped_with_the_reason() {
    let mut b = Builder::new("x.gift");
    let mut d = draft(None);
    d.choices[1].text.value = "Yes".into();
    b.add(d);
    b.add(draft(None));
    assert_eq!(b.taken().len(), 1);
    assert_eq!(b.taken()[0].id.value, "x-2");
    assert!(
        b.warnings[0].message.contains("repeats choice A"),
        "{:?}",
        b.warnings
    );
}
