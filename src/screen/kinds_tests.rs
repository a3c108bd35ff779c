//! Every kind on the screen: its keys and what it shows, asked and judged, at
//! 80×24 and 60×20 (the pictures are insta snapshots).

use super::tests::*;
use super::*;
use crate::flow::Effect;
use crate::quiz::{Mode, Response, SelfMark, Session};

/// The fixture of every kind (tests/fixtures/kinds), its first five questions.
const KINDS: &str = include_str!("../../tests/fixtures/kinds/every-kind.yaml");

/// The session without question shuffling, seed 1: the order's items are
/// shown A) ChangeCipherSpec B) ClientHello C) ClientKeyExchange D) Finished.
fn kinds<'a>(banks: &'a [Bank], mode: Mode) -> State<'a> {
    let options = crate::quiz::Options {
        seed: 1,
        ..options(mode)
    };
    let session = Session::new(banks, options).expect("a session");
    started(session, None, "Every kind")
}

/// Practice: skips the questions up to question `n`: a typed one's line
/// first gives the keys back (Tab), then → skips and Enter goes on.
fn skip_to(s: &mut State, n: usize) {
    while s.current() < n {
        if matches!(s.key_mode(), keymap::Mode::Input(_)) {
            press(s, &[Key::Tab]);
        }
        press(s, &[Key::Right, Key::Enter]);
    }
}

fn records(effects: &[Effect]) -> usize {
    effects
        .iter()
        .filter(|e| matches!(e, Effect::Record { .. }))
        .count()
}

#[test]
fn an_order_is_arranged_with_shift_and_the_arrows_at_80x24() {
    let b = banks(KINDS);
    let mut s = kinds(&b, Mode::Practice);
    insta::assert_snapshot!(screen(&mut s, 80, 24));
    // B) up to the top, then C) up to second place.
    press(
        &mut s,
        &[Key::Down, Key::ShiftUp, Key::Down, Key::Down, Key::ShiftUp],
    );
    let shown = screen(&mut s, 80, 24);
    assert!(
        shown.contains("   1. B) ClientHello\n ❯ 2. C) ClientKeyExchange\n   3. A) ChangeCipherSpec\n   4. D) Finished\n"),
        "{shown}"
    );
    // Moving past the ends does nothing.
    press(&mut s, &[Key::Home, Key::ShiftUp]);
    assert_eq!(s.flow.response(0), &Response::Sequence(vec![1, 2, 0, 3]));
    let effects = press(&mut s, &[Key::Enter]);
    assert_eq!(records(&effects), 1);
    assert_eq!(s.flow.score(&s.session), (1.0, 1));
}

#[test]
fn an_order_typed_as_letters_and_judged_beside_the_right_one() {
    let b = banks(KINDS);
    let mut s = kinds(&b, Mode::Practice);
    press(&mut s, &chars("dcb"));
    let typing = screen(&mut s, 60, 20);
    assert!(
        typing.contains("The order, first to last: DCB▏"),
        "{typing}"
    );
    // Three letters of four: refused, with what to type.
    press(&mut s, &[Key::Enter]);
    let refused = screen(&mut s, 60, 20);
    assert!(
        refused.contains("Give each letter A to D once, in the order you want."),
        "{refused}"
    );
    press(&mut s, &chars("dcba"));
    press(&mut s, &[Key::Enter, Key::Enter]);
    assert_eq!(s.screen(), Screen::Feedback);
    insta::assert_snapshot!(screen(&mut s, 60, 20));
}

#[test]
fn a_match_fills_each_premise_with_a_letter_at_60x20() {
    let b = banks(KINDS);
    let mut s = kinds(&b, Mode::Exam);
    press(&mut s, &[Key::Right]);
    assert_eq!(s.current(), 1);
    // B fills premise 1 and moves on; Space empties; 3 selects premise 3.
    press(&mut s, &chars("bc"));
    press(
        &mut s,
        &[Key::Up, Key::Char(' '), Key::Char('3'), Key::Char('d')],
    );
    assert_eq!(
        s.flow.response(1),
        &Response::Pairs(vec![Some(1), None, Some(3)])
    );
    insta::assert_snapshot!(screen(&mut s, 60, 20));
    // A letter past the responses is refused in words.
    press(&mut s, &[Key::Char('2'), Key::Char('z')]);
    let shown = screen(&mut s, 60, 20);
    assert!(
        shown.contains("Z is not a response here: they are A to D."),
        "{shown}"
    );
    // Half filled: incomplete in the review.
    press(&mut s, &[Key::Esc]);
    let review = screen(&mut s, 80, 24);
    assert!(review.contains("2 of 3 matched"), "{review}");
}

#[test]
fn a_match_judged_shows_each_pair_right_or_wrong_with_its_right_response() {
    let b = banks(KINDS);
    let mut s = kinds(&b, Mode::Practice);
    press(&mut s, &[Key::Right, Key::Enter]);
    press(&mut s, &chars("bdd"));
    press(&mut s, &[Key::Enter]);
    insta::assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn a_number_is_typed_in_a_line_that_edits() {
    let b = banks(KINDS);
    let mut s = kinds(&b, Mode::Practice);
    skip_to(&mut s, 2);
    assert_eq!(s.key_mode(), keymap::Mode::Input(Mode::Practice));
    // `16x84`, the cursor back over `84`, the `x` erased, a `3` put in.
    press(&mut s, &chars("16x84"));
    press(
        &mut s,
        &[Key::Left, Key::Left, Key::Backspace, Key::Char('3')],
    );
    press(&mut s, &[Key::Home, Key::Delete, Key::Char('1'), Key::End]);
    assert_eq!(s.flow.response(2), &Response::Number("16384".into()));
    insta::assert_snapshot!(screen(&mut s, 60, 20));
    press(&mut s, &[Key::Char('x'), Key::Enter]);
    let refused = screen(&mut s, 60, 20);
    assert!(
        refused.contains("Type a number, such as 16384 or -1.5."),
        "{refused}"
    );
    assert_eq!(s.screen(), Screen::Question);
    press(&mut s, &[Key::Backspace, Key::Enter]);
    let right = screen(&mut s, 60, 20);
    assert!(right.contains("✓ Correct: 16384."), "{right}");
    assert!(
        right.contains("You typed: 16384\n The answer: 16384"),
        "{right}"
    );
}

#[test]
fn tab_leaves_a_typed_line_for_the_keys_and_a_letter_comes_back() {
    let b = banks(KINDS);
    let mut s = kinds(&b, Mode::Practice);
    skip_to(&mut s, 3);
    // In the line, `*` and `?` are text.
    press(&mut s, &chars("s*?"));
    assert_eq!(s.flow.response(3), &Response::Text("s*?".into()));
    press(
        &mut s,
        &[Key::Backspace, Key::Backspace, Key::Tab, Key::Char('*')],
    );
    assert!(s.flow.flagged(3));
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains(" Tab type  Enter answer  → skip"), "{shown}");
    press(&mut s, &chars("ni"));
    assert_eq!(s.key_mode(), keymap::Mode::Input(Mode::Practice));
    press(&mut s, &[Key::Enter]);
    let judged = screen(&mut s, 80, 24);
    assert!(judged.contains("✓ Correct: sni."), "{judged}");
    assert!(
        judged.contains("You typed: sni\n The answer: server_name\n Also accepted: SNI\n"),
        "{judged}"
    );
}

#[test]
fn an_open_attempt_then_the_model_answer_then_the_own_mark() {
    let b = banks(KINDS);
    let mut s = kinds(&b, Mode::Practice);
    skip_to(&mut s, 4);
    press(
        &mut s,
        &chars("So that a passive observer cannot see the server's identity in its certificate"),
    );
    insta::assert_snapshot!(screen(&mut s, 60, 20));
    let effects = press(&mut s, &[Key::Enter]);
    assert_eq!(records(&effects), 1);
    assert_eq!(s.key_mode(), keymap::Mode::Feedback(true));
    insta::assert_snapshot!(screen(&mut s, 80, 24));
    let effects = press(&mut s, &[Key::Char('p')]);
    assert_eq!(records(&effects), 1);
    let marked = screen(&mut s, 80, 24);
    assert!(
        marked.contains("◐ Marked partly right (your own mark; open questions are not scored)."),
        "{marked}"
    );
    // Not scored: the score stays as it was.
    assert_eq!(s.flow.score(&s.session), (0.0, 4));
}

#[test]
fn an_exams_open_question_is_marked_from_the_results() {
    let b = banks(KINDS);
    let mut s = kinds(&b, Mode::Exam);
    press(&mut s, &[Key::Char('#')]);
    press(&mut s, &chars("5"));
    press(&mut s, &[Key::Enter]);
    // No model answer before the submission: y is text here.
    press(&mut s, &chars("y because"));
    press(&mut s, &[Key::Esc, Key::Char('s'), Key::Char('y')]);
    assert_eq!(s.screen(), Screen::Results);
    insta::assert_snapshot!(screen(&mut s, 80, 24));
    let rows = s.results_order();
    let at = rows
        .iter()
        .position(|&i| i == 4)
        .expect("the open question");
    press(&mut s, &[Key::Home]);
    for _ in 0..at {
        press(&mut s, &[Key::Down]);
    }
    press(&mut s, &[Key::Enter]);
    assert_eq!(s.key_mode(), keymap::Mode::Opened(true));
    let effects = press(&mut s, &[Key::Char('n')]);
    assert_eq!(records(&effects), 1);
    press(&mut s, &[Key::Esc]);
    let results = screen(&mut s, 80, 24);
    assert!(results.contains("yours: wrong"), "{results}");
    assert!(
        results.contains("Open questions, not scored: 1 marked"),
        "{results}"
    );
    let summary = s.flow.summary(&s.session);
    assert_eq!(summary.open()[0].mark, Some(SelfMark::Wrong));
    assert_eq!(summary.max_points(), 5);
}
