//! The screen's keys turned into the flow's actions, tested through what a
//! person sees: every letter picks, Enter with nothing picked, "(Choose 2)",
//! the flag, the review's dialogs, go-to, a window too small, a click; and the
//! line front saying the same words for the same session.

use super::tests::*;
use super::*;
use crate::flow::{Effect, Flow, Kept};
use crate::quiz::{Mode, Session};
use std::time::Duration;

#[test]
fn letters_digits_and_space_pick_and_enter_answers() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Char('2'), Key::Enter, Key::Enter]);
    assert_eq!((s.current(), s.screen()), (1, Screen::Question));
    // A multiple-answer item: letters and Space tick, and untick.
    press(
        &mut s,
        &[
            Key::Char('a'),
            Key::Down,
            Key::Down,
            Key::Char(' '),
            Key::Char('d'),
            Key::Char('D'),
        ],
    );
    assert_eq!(s.flow.response(1).picks(), [0, 2]);
    press(&mut s, &[Key::Enter]);
    assert_eq!(s.flow.score(&s.session), (2.0, 2));
}

#[test]
fn enter_with_nothing_picked_answers_nothing_in_practice_and_moves_on_in_an_exam() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    // The highlighted choice is not an answer: picking is.
    let effects = press(&mut s, &[Key::Down, Key::Enter]);
    assert!(effects.iter().all(|e| !matches!(e, Effect::Record { .. })));
    assert_eq!(s.screen(), Screen::Question);
    for (w, h) in [(80, 24), (60, 20)] {
        let shown = screen(&mut s, w, h);
        assert!(
            shown.contains("Pick a choice first, or press → to skip."),
            "{w}×{h}\n{shown}"
        );
    }
    let mut e = state(&b, Mode::Exam, None);
    press(&mut e, &[Key::Down, Key::Enter]);
    assert_eq!(e.current(), 1);
    assert!(!e.flow.answered(0));
}

#[test]
fn right_arrow_skips_in_practice() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Right]);
    assert_eq!(s.screen(), Screen::Feedback);
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("Skipped. The answer is B."), "{shown}");
    press(&mut s, &[Key::Right]);
    assert_eq!((s.current(), s.screen()), (1, Screen::Question));
}

#[test]
fn every_letter_picks_its_choice_on_a_question_of_26() {
    let mut text =
        String::from("questions:\n  - id: many\n    question: Which letter?\n    choices: [");
    let letters: Vec<String> = ('a'..='z').map(|c| format!("choice {c}")).collect();
    text.push_str(&letters.join(", "));
    text.push_str("]\n    answer: Q\n");
    let b = banks(&text);
    for mode in [Mode::Practice, Mode::Exam] {
        let mut s = state(&b, mode, None);
        for c in "fgjknpqs".chars() {
            press(&mut s, &[Key::Char(c)]);
            let shown = c as usize - 'a' as usize;
            assert_eq!(s.flow.response(0).picks(), [shown], "{mode:?} {c}");
            assert!(
                !s.flow.flagged(0) && s.screen() == Screen::Question,
                "{mode:?} {c}"
            );
        }
    }
}

#[test]
fn choose_two_refuses_a_third_tick_and_the_review_counts_it_incomplete() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(600)));
    press(&mut s, &[Key::Char('b'), Key::Right]);
    press(&mut s, &chars("abc"));
    assert_eq!(s.flow.response(1).picks(), [0, 1]);
    let shown = screen(&mut s, 60, 20);
    assert!(
        shown.contains("This question asks for 2: untick one first."),
        "{shown}"
    );
    press(&mut s, &[Key::Char('b'), Key::Esc]);
    let review = screen(&mut s, 80, 24);
    assert!(review.contains("2  ◐ 1 of 2 picked"), "{review}");
    assert!(review.contains("1 incomplete"), "{review}");
    press(&mut s, &[Key::Char('s')]);
    let confirm = screen(&mut s, 80, 24);
    assert!(
        confirm.contains("2 of 4 unanswered, 1 incomplete, 0 flagged."),
        "{confirm}"
    );
}

#[test]
fn a_flag_never_touches_the_answer() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(600)));
    press(&mut s, &[Key::Char('b'), Key::Char('*')]);
    assert!(s.flow.flagged(0));
    assert_eq!(s.flow.response(0).picks(), [1]);
    press(&mut s, &[Key::Char('*')]);
    assert!(!s.flow.flagged(0));
    assert_eq!(s.flow.response(0).picks(), [1]);
}

#[test]
fn esc_and_ctrl_c_in_an_exam_open_the_review_and_never_submit() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(600)));
    for key in [Key::Esc, Key::CtrlC] {
        press(&mut s, &[key]);
        assert_eq!(s.screen(), Screen::Review, "{key:?}");
        assert!(!s.flow.submitted() && s.ending.is_none());
        press(&mut s, &[Key::Esc]);
        assert_eq!(s.screen(), Screen::Question);
    }
    // q on a question is the choice Q: not there, and said so.
    press(&mut s, &[Key::Char('q')]);
    assert_eq!(s.screen(), Screen::Question);
    assert_eq!(
        s.message.as_deref(),
        Some("Q is not a choice here: the choices are A to D.")
    );
    // Submitting asks first; n keeps working.
    press(&mut s, &[Key::Esc, Key::Char('s')]);
    assert_eq!(s.screen(), Screen::Confirm(Confirm::Submit));
    press(&mut s, &[Key::Char('n')]);
    assert_eq!((s.screen(), s.flow.submitted()), (Screen::Review, false));
    // Leaving asks too, and at 60×20 its wrapped text leaves its keys in view.
    press(&mut s, &[Key::Char('q')]);
    assert_eq!(s.screen(), Screen::Confirm(Confirm::Leave));
    let shown = screen(&mut s, 60, 20);
    assert!(
        shown.contains("│ Your answers are kept: `quiz run --resume` continues"),
        "{shown}"
    );
    assert!(shown.contains("│ y leave    n or Esc stay"), "{shown}");
    press(&mut s, &[Key::Char('y')]);
    assert_eq!(s.ending, Some(Ending::Quit));
    assert!(!s.flow.complete());
}

#[test]
fn the_exam_goes_to_a_question_by_number() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, None);
    press(&mut s, &[Key::Char('#'), Key::Char('3'), Key::Enter]);
    assert_eq!(s.current(), 2);
    press(&mut s, &[Key::Char('#'), Key::Char('9'), Key::Enter]);
    assert_eq!(s.current(), 2);
    assert_eq!(
        s.message.as_deref(),
        Some("Type a question number from 1 to 4.")
    );
    // While typing, a letter is text, not a choice.
    press(&mut s, &[Key::Char('#'), Key::Char('a'), Key::Esc]);
    assert!(s.flow.response(2).picks().is_empty());
}

#[test]
fn a_small_window_asks_for_more_room_and_takes_no_key_but_quit() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    let shown = screen(&mut s, 50, 12);
    assert!(
        shown.contains("This window is 50×12; quiz needs at least"),
        "{shown}"
    );
    let effects = press(
        &mut s,
        &[Key::Char('c'), Key::Enter, Key::Char('*'), Key::Right],
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert!(s.flow.response(0).is_blank() && !s.flow.flagged(0));
    assert_eq!(s.screen(), Screen::Question);
    press(&mut s, &[Key::Char('q')]);
    assert_eq!(s.ending, Some(Ending::Quit));
}

#[test]
fn a_click_picks_the_choice_it_lands_on() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    let shown = screen(&mut s, 80, 24);
    let row = shown
        .lines()
        .position(|l| l.contains("C) The router IDs"))
        .expect("choice C on screen");
    update(
        &mut s,
        Event::new(
            Input::Click {
                column: 10,
                row: row as u16,
            },
            t0(),
        ),
    );
    assert_eq!(s.flow.response(0).picks(), [2]);
}

#[test]
fn both_fronts_say_the_same_verdict_notice_and_summary() {
    use crate::flow::NoRecorder;
    use crate::paint::Paint;
    use crate::ui::{Context, LineFront};
    let b = banks(BANK);
    // The screen: E on a 4-choice question, then A, C on question 2 and Enter.
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Right, Key::Right, Key::Char('e')]);
    let notice = s.message.clone().expect("a notice");
    press(&mut s, &chars("ab"));
    press(&mut s, &[Key::Enter]);
    let screen_verdict = screen(&mut s, 80, 24);
    press(&mut s, &[Key::Esc]);
    let screen_summary = crate::present::summary(&s.flow.summary(&s.session), Paint::PLAIN, 80);
    // The line front: the same answers, typed.
    let session = Session::new(&b, options(Mode::Practice)).expect("a session");
    let clock = crate::quiz::FakeClock::new(t0());
    let (mut flow, _) = Flow::start(&session, None, Kept::default(), t0());
    let mut out = Vec::new();
    let input = std::io::Cursor::new("\nE\nAB\n");
    let mut front = LineFront::new(input, &mut out, Paint::PLAIN, true);
    let cx = Context {
        clock: &clock,
        time_limit: None,
        recorder: &mut NoRecorder,
        notes: &[],
        title: "Routing and TLS",
    };
    crate::ui::drive(&session, &mut flow, &mut front, cx).expect("the line front");
    let printed = String::from_utf8_lossy(&out).into_owned();
    assert!(printed.contains(&notice), "{notice:?} in\n{printed}");
    let verdict = "✗ Wrong: the answer is A, C; you chose A, B.";
    assert!(
        screen_verdict.contains(verdict) && printed.contains(verdict),
        "{printed}"
    );
    let line_summary = crate::present::summary(&flow.summary(&session), Paint::PLAIN, 80);
    let without_time = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("Time used"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(without_time(&screen_summary), without_time(&line_summary));
    assert!(
        printed.contains(
            &without_time(&line_summary)
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned()
        )
    );
}
