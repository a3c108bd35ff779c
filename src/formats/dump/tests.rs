use super::*;
use crate::formats::{Imported, Kind, import};

const PAGE: &str = include_str!("../../../tests/fixtures/formats/dump.txt");

fn read(text: &str) -> Imported {
    import(Kind::Text, "dump.txt", text)
        .map_err(|f| f.error)
        .unwrap_or_else(|d| panic!("{}:{}: {}", d.path, d.line, d.message))
}

#[test]
fn the_fixture_page_gives_its_questions() {
    let imported = read(PAGE);
    let qs = &imported.bank.questions;
    let stems: Vec<&str> = qs.iter().map(|q| q.question.value.as_str()).collect();
    assert_eq!(
        stems,
        [
            "Which message carries the server's chosen cipher suite?",
            "Which TLS 1.3 messages are encrypted under the handshake traffic keys?",
            "A company still runs TLS 1.0. Which attack exploits the predictable CBC IV of TLS 1.0?",
            "Which record content type carries alerts?",
            "Which extension lets a client name the host it connects to?",
            "Which value does the TLS 1.3 downgrade sentinel in ServerHello.random start with?",
            "Which message proves possession of the certificate's private key in TLS 1.3?",
        ]
    );
    let answers: Vec<Vec<usize>> = qs.iter().map(|q| q.as_choice().correct()).collect();
    assert_eq!(
        answers,
        [
            vec![1],
            vec![0, 2],
            vec![0],
            vec![],
            vec![1],
            vec![0],
            vec![]
        ]
    );
    let texts = |q: &crate::bank::Question| {
        q.as_choice()
            .choices
            .value
            .iter()
            .map(|c| c.text.value.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        texts(&qs[1]),
        [
            "EncryptedExtensions",
            "ClientHello",
            "Certificate",
            "ServerHello"
        ]
    );
    assert_eq!(texts(&qs[3]), ["20", "21", "22", "23"]);
    assert_eq!(
        qs[0].explanation.as_ref().map(|e| e.value.as_str()),
        Some(
            "The ServerHello names the single cipher suite that the server picked from\n\
             the client's list (RFC 5246 §7.4.1.3).\n\n\
             Reference: https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3"
        )
    );
    assert_eq!(
        qs[1].explanation.as_ref().map(|e| e.value.as_str()),
        Some("In TLS 1.3 everything after the ServerHello is encrypted.")
    );
    assert!(qs[2].explanation.is_none());
    assert_eq!(
        qs[4].explanation.as_ref().map(|e| e.value.as_str()),
        Some("SNI (RFC 6066 §3) carries the host name in the ClientHello.")
    );
    let said: Vec<(u32, &str, &str)> = imported
        .warnings
        .iter()
        .map(|w| (w.line, w.severity.as_str(), w.message.as_str()))
        .collect();
    assert_eq!(said.len(), 3, "{said:?}");
    assert_eq!(said[0].0, 63);
    assert_eq!(said[0].1, "error");
    assert!(said[0].2.starts_with("no answer given"), "{said:?}");
    assert_eq!((said[1].0, said[1].1), (91, "warning"));
    assert!(said[1].2.contains("answer `E` names no choice"), "{said:?}");
    assert_eq!((said[2].0, said[2].1), (85, "error"));
    assert_eq!(qs[6].question.pos.line, 85);
}

#[test]
fn copies_of_a_stem_are_kept_once() {
    assert_eq!(one_copy("Which? Which?"), "Which?");
    assert_eq!(one_copy("A b c\nA b\nc\nA b c"), "A b c");
    assert_eq!(one_copy("Yes no Yes no"), "Yes no");
    assert_eq!(one_copy("Yes no yes no"), "Yes no yes no");
    assert_eq!(one_copy("Which one? Which"), "Which one? Which");
    assert_eq!(one_copy(""), "");
}

#[test]
fn numbers_and_hints_are_dropped() {
    assert_eq!(strip_number("12. Which?"), "Which?");
    assert_eq!(strip_number("Q3: Which?"), "Which?");
    assert_eq!(strip_number("Question 4) Which?"), "Which?");
    assert_eq!(strip_number("3.14 is pi?"), "3.14 is pi?");
    assert_eq!(strip_number("1999. A year."), "A year.");
    assert_eq!(
        strip_hint("Which two? (Choose two.)", 2).as_deref(),
        Some("Which two?")
    );
    assert_eq!(
        strip_hint("Which? (Select 3) Pick.", 3).as_deref(),
        Some("Which? Pick.")
    );
    assert_eq!(strip_hint("Which? (Choose two.)", 3), None);
}

#[test]
fn the_stem_before_the_next_choices_leaves_the_explanation() {
    let page = "Q?\nA. a\nB. b\nAnswer: A\nExplanation: Because.\nMore on it.\n\nNext one?\n\nNext one?\nA) c\nB) d\nAnswer: B\n";
    let imported = read(page);
    let qs = &imported.bank.questions;
    assert_eq!(qs.len(), 2);
    assert_eq!(
        qs[0].explanation.as_ref().map(|e| e.value.as_str()),
        Some("Because.\nMore on it.")
    );
    assert_eq!(qs[1].question.value, "Next one?");
    assert_eq!(qs[1].question.pos.line, 8);
}

#[test]
fn answer_letters_may_stand_on_the_next_line() {
    let imported = read("Q?\na) x\nb) y\nCorrect Answer:\nB\n");
    assert_eq!(imported.bank.questions[0].as_choice().correct(), [1]);
}

#[test]
fn text_without_choices_is_reported() {
    let imported = read("Q?\nA. x\nB. y\nAnswer: A\nLeave a Reply\nSome footer text\n");
    assert_eq!(imported.bank.questions.len(), 1);
    let w = &imported.warnings[0];
    assert_eq!(w.line, 6);
    assert!(w.message.starts_with("text with no choices after it"));
    let err = import(Kind::Text, "x.txt", "Just some text.\n")
        .map_err(|f| f.error)
        .err()
        .map(|d| d.message)
        .unwrap_or_default();
    assert!(err.contains("nothing to import"), "{err}");
}

/// Dumps give a drag-and-drop order as its answer line: every choice, in the
/// right order. Letters in their own order are an order only when the stem
/// asks for one; otherwise every choice is right.
#[test]
fn an_answer_line_that_orders_every_choice_is_an_order() {
    let imported = read(
        "QUESTION 1\nDrag the messages into the order the client sends them.\n\
         A. Finished\nB. ClientHello\nC. ChangeCipherSpec\nD. ClientKeyExchange\n\
         Answer: B, D, C, A\n\n\
         QUESTION 2\nPut these steps in order.\nA. one\nB. two\nC. three\nAnswer: A, B, C\n\n\
         QUESTION 3\nWhich of these are hashes?\nA. SHA-256\nB. SHA-384\nC. SHA-512\nAnswer: A, B, C\n",
    );
    let qs = &imported.bank.questions;
    let kinds: Vec<&str> = qs.iter().map(|q| q.kind().name()).collect();
    assert_eq!(kinds, ["order", "order", "choice"]);
    let crate::bank::Body::Order(o) = &qs[0].body else {
        panic!("an order")
    };
    let items: Vec<&str> = o.items.value.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(
        items,
        [
            "ClientHello",
            "ClientKeyExchange",
            "ChangeCipherSpec",
            "Finished"
        ]
    );
}
