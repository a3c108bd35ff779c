//! Round trips of the built-in bank through QTI, CSV and exam-dump text, field by
//! field; Anki's file, which quiz does not read, checked line by line; and inputs
//! built to make the new readers quadratic.

use super::round_trip::{all_questions, builtin, passes_check, reference};
use super::{Kind, export, import, import_bytes};
use crate::bank::{Bank, Question, Spanned, letter};
use crate::diagnostic::Pos;
use crate::prose::reflow;

/// bank → format → bank, with no warning either way.
fn through(kind: Kind, banks: &[Bank]) -> Bank {
    let out = export(kind, banks);
    assert!(out.warnings.is_empty(), "{kind:?}: {:?}", out.warnings);
    let path = format!("builtin.{}", kind.extension());
    match import_bytes(kind, &path, &out.bytes).map_err(|f| f.error) {
        Ok(imported) => {
            assert!(
                imported.warnings.is_empty(),
                "{kind:?}: {:?}",
                imported.warnings
            );
            imported.bank
        }
        Err(d) => panic!("{kind:?}: {}:{}:{}: {}", d.path, d.line, d.col, d.message),
    }
}

/// What a reader sees of a text: its paragraphs, soft line breaks joined. HTML
/// formats write explanations that way; the text formats keep them exactly.
fn shown(text: Option<&Spanned<String>>) -> Option<Vec<String>> {
    text.map(|t| reflow(t.value.trim()))
}

/// Every field a round trip keeps: id, stem, exhibit, choices, `why`, answer,
/// `multi`, order and pins, explanation, references and (where kept) tags.
fn assert_same(kind: Kind, a: &Question, b: &Question, exact: bool) {
    let at = format!("{kind:?}, question `{}`", a.id.value);
    assert_eq!(a.id.value, b.id.value, "{at}: id");
    let text = |t: &Spanned<String>| {
        if exact {
            vec![t.value.trim().to_owned()]
        } else {
            reflow(t.value.trim())
        }
    };
    assert_eq!(text(&a.question), text(&b.question), "{at}: stem");
    assert_eq!(
        a.exhibit.as_ref().map(|e| e.value.trim_end()),
        b.exhibit.as_ref().map(|e| e.value.trim_end()),
        "{at}: exhibit"
    );
    assert_eq!(
        a.as_choice().choices.value.len(),
        b.as_choice().choices.value.len(),
        "{at}: choices"
    );
    for (i, (ca, cb)) in a
        .as_choice()
        .choices
        .value
        .iter()
        .zip(&b.as_choice().choices.value)
        .enumerate()
    {
        assert_eq!(text(&ca.text), text(&cb.text), "{at}: choice {}", letter(i));
        assert_eq!(
            ca.why.as_ref().map(text),
            cb.why.as_ref().map(text),
            "{at}: why of {}",
            letter(i)
        );
        assert_eq!(ca.pin, cb.pin, "{at}: pin of {}", letter(i));
    }
    assert_eq!(
        a.as_choice().correct(),
        b.as_choice().correct(),
        "{at}: answer"
    );
    assert_eq!(a.as_choice().multi, b.as_choice().multi, "{at}: multi");
    assert_eq!(
        a.as_choice().shuffle,
        b.as_choice().shuffle,
        "{at}: shuffle"
    );
    if exact {
        assert_eq!(
            a.explanation.as_ref().map(|e| e.value.trim()),
            b.explanation.as_ref().map(|e| e.value.trim()),
            "{at}: explanation"
        );
    } else {
        assert_eq!(
            shown(a.explanation.as_ref()),
            shown(b.explanation.as_ref()),
            "{at}: explanation"
        );
    }
    let refs = |q: &Question| q.references.iter().map(reference).collect::<Vec<_>>();
    assert_eq!(refs(a), refs(b), "{at}: references");
    let tags = |q: &Question| q.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
    assert_eq!(tags(a), tags(b), "{at}: tags");
}

/// The built-in bank plus a question with what the bank does not use: an exhibit
/// with indentation, choices kept in order, a `multi` item with one right choice, a
/// leading digit in the id.
fn with_extras() -> Vec<Bank> {
    let mut banks = builtin();
    let mut extra = banks[0].questions[0].clone();
    extra.id.value = "0-extra".into();
    extra.exhibit = Some(Spanned::new(
        "Cipher Suite: TLS_AES_128_GCM_SHA256\n  Extension: key_share\n\tgroup: x25519\n".into(),
        Pos::new(1, 1),
    ));
    extra.as_choice_mut().shuffle = false;
    extra.as_choice_mut().multi = true;
    extra.as_choice_mut().choices.value[1].pin = true;
    extra.as_choice_mut().choices.value[0].why = Some(Spanned::new(
        "It is the client's offer,\nnot the choice.\n\n- a list item".into(),
        Pos::new(1, 1),
    ));
    banks[0].questions.push(extra);
    banks
}

fn round_trip(kind: Kind, exact: bool) {
    let banks = with_extras();
    let once = through(kind, &banks);
    let original = all_questions(&banks);
    assert_eq!(once.questions.len(), original.len(), "{kind:?}");
    for (a, b) in original.iter().zip(&once.questions) {
        assert_same(kind, a, b, exact);
    }
    // A second trip changes nothing at all.
    let twice = through(kind, std::slice::from_ref(&once));
    for (a, b) in once.questions.iter().zip(&twice.questions) {
        assert_same(kind, a, b, true);
    }
    passes_check(&once);
}

#[test]
fn qti_keeps_every_field_of_the_builtin_bank() {
    round_trip(Kind::Qti, false);
}

#[test]
fn csv_keeps_every_field_of_the_builtin_bank_exactly() {
    round_trip(Kind::Csv, true);
}

#[test]
fn qti_packages_are_the_same_bytes_every_time() {
    let banks = builtin();
    assert_eq!(
        export(Kind::Qti, &banks).bytes,
        export(Kind::Qti, &banks).bytes
    );
}

/// The built-in bank as an exam-dump page would print it.
fn as_dump_page(banks: &[Bank]) -> String {
    let mut out = String::from("Free TLS dumps – updated daily\n\n");
    for (n, q) in all_questions(banks).iter().enumerate() {
        out.push_str(&format!("NEW QUESTION {}\n", n + 1));
        let stem = q.question.value.trim();
        out.push_str(&format!("{stem}\n{stem}\n\n"));
        for (i, c) in q.as_choice().choices.value.iter().enumerate() {
            if i % 2 == 0 {
                out.push_str(&format!("{}. {}\n", letter(i), c.text.value.trim()));
            } else {
                out.push_str(&format!("{})\n{}\n", letter(i), c.text.value.trim()));
            }
        }
        let letters: String = q.as_choice().correct().into_iter().map(letter).collect();
        out.push_str(&format!("\nCorrect Answer: {letters}\n"));
        if let Some(e) = &q.explanation {
            out.push_str(&format!("Explanation:\n{}\n", e.value.trim()));
        }
        out.push_str(
            "\nLeave a Reply\nYour email address will not be published. Required fields are marked *\n\
             Comment *\nName *\nEmail *\nPost Comment\nShare this:\nFacebook\nTwitter\n\n",
        );
    }
    out
}

#[test]
fn exam_dump_text_keeps_stems_choices_answers_and_explanations() {
    let banks = builtin();
    let page = as_dump_page(&banks);
    let imported = import(Kind::Text, "dump.txt", &page)
        .map_err(|f| f.error)
        .unwrap_or_else(|d| panic!("{}", d.message));
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let original = all_questions(&banks);
    assert_eq!(imported.bank.questions.len(), original.len());
    for (a, b) in original.iter().zip(&imported.bank.questions) {
        let at = format!("`{}`", a.id.value);
        // `multi` and the "(Choose 2)" hints aside, as the page shows them.
        assert_eq!(a.question.value.trim(), b.question.value, "{at}: stem");
        let texts = |q: &Question| {
            q.as_choice()
                .choices
                .value
                .iter()
                .map(|c| c.text.value.trim().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(a), texts(b), "{at}: choices");
        assert_eq!(
            a.as_choice().correct(),
            b.as_choice().correct(),
            "{at}: answer"
        );
        assert_eq!(
            a.explanation.as_ref().map(|e| e.value.trim()),
            b.explanation.as_ref().map(|e| e.value.as_str()),
            "{at}: explanation"
        );
    }
    passes_check(&imported.bank);
}

#[test]
fn anki_writes_one_note_per_question_with_five_fields() {
    let banks = with_extras();
    let out = export(Kind::Anki, &banks);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    let text = out.text();
    let notes: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let questions = all_questions(&banks);
    assert_eq!(notes.len(), questions.len());
    for (note, q) in notes.iter().zip(&questions) {
        let fields: Vec<&str> = note.split('\t').collect();
        assert_eq!(fields.len(), 5, "`{}`: {note}", q.id.value);
        assert_eq!(fields[4], format!("quiz-{}", q.id.value));
        for i in 0..q.as_choice().choices.value.len() {
            assert!(
                fields[0].contains(&format!("<div>{}. ", letter(i))),
                "`{}`: choice {} missing from the front",
                q.id.value,
                letter(i)
            );
        }
        for &i in &q.as_choice().correct() {
            assert!(
                fields[1].contains(&format!("<b>{}. ", letter(i))),
                "`{}`: the answer is not on the back",
                q.id.value
            );
        }
        for r in &q.references {
            assert!(
                fields[1].contains(&format!("<a href=\"{}\">", r.link())),
                "`{}`",
                q.id.value
            );
        }
    }
}

/// Inputs built to make a naive reader quadratic are read as they should be (up
/// to a megabyte each); `tests/scaling.rs` holds their time to account.
#[test]
fn pathological_inputs_stay_linear() {
    let _ = import(Kind::Text, "big.txt", &"A.\n".repeat(300_000));
    let _ = import(
        Kind::Text,
        "big.txt",
        &"Answer: A\nExplanation:\nA. x\n".repeat(30_000),
    );
    let _ = import(Kind::Text, "big.txt", &"word ".repeat(300_000));
    let _ = import(
        Kind::Text,
        "big.txt",
        &"Q?\n\nA. x\nB. y\nLeave a Reply\n".repeat(20_000),
    );
    let _ = import(
        Kind::Csv,
        "big.csv",
        &format!("question,A,B,answer\n{}", "\"q\n\",a,b,A\n".repeat(40_000)),
    );
    let nested = format!(
        "<assessmentItem><itemBody>{}<choiceInteraction/>{}</itemBody></assessmentItem>",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    let _ = import(Kind::Qti, "deep.xml", &nested);
    let banks = builtin();
    let csv = export(Kind::Csv, &banks).text().into_owned();
    let (head, body) = csv.split_once('\n').unwrap_or_default();
    let big = format!("{head}\n{}", body.repeat(10));
    let imported = import(Kind::Csv, "big.csv", &big).map_err(|f| f.error.message);
    assert_eq!(imported.map(|i| i.bank.questions.len()), Ok(66 * 10));
    let page = as_dump_page(&banks).repeat(10);
    let imported = import(Kind::Text, "big.txt", &page).map_err(|f| f.error.message);
    assert_eq!(imported.map(|i| i.bank.questions.len()), Ok(66 * 10));
}
