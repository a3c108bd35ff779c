//! Rendering tests on ratatui's `TestBackend`: what the screen shows at 80×24 and
//! 60×20, driven by the same events a person sends, with a fake clock.

use super::*;
use crate::bank::{Bank, read_bank};
use crate::quiz::{Options, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const BANK: &str = r#"title: Routing and TLS
questions:
  - id: ospf
    question: Based on the output, why is the OSPF adjacency stuck in EXSTART?
    exhibit: |
      R1# show ip ospf neighbor
      Neighbor ID     Pri   State           Dead Time   Address         Interface
      10.0.0.2          1   EXSTART/DR      00:00:36    192.168.12.2    GigabitEthernet0/0
        MTU 1500 bytes
    choices:
      - text: The hello timers do not match
        why: Mismatched timers keep the neighbor from appearing at all.
      - text: The interface MTUs do not match, so Database Description packets are rejected
        why: An MTU mismatch is the classic cause of EXSTART.
      - The router IDs are duplicated
      - The area types differ
    answer: B
    explanation: |
      OSPF checks the interface MTU carried in Database Description packets.
      When the MTUs differ, the router with the smaller MTU rejects them.
    references:
      - rfc: 2328
        section: "10.6"
        title: Receiving Database Description Packets
    tags: [ospf]
  - id: several
    question: Which two are TLS 1.3 handshake messages?
    choices: [EncryptedExtensions, ServerKeyExchange, CertificateVerify, ChangeCipherSpec]
    answer: [A, C]
    explanation: ServerKeyExchange is gone in TLS 1.3.
    tags: [tls13]
  - id: alert
    question: Which record type carries the alert protocol?
    choices: [handshake, alert, application_data]
    answer: B
    tags: [tls12]
  - id: finished
    question: Which message is the first one protected by the new keys in TLS 1.2?
    choices: [Finished, ChangeCipherSpec, ServerHelloDone]
    answer: A
    tags: [tls12]
"#;

fn banks(text: &str) -> Vec<Bank> {
    let mut diagnostics = Vec::new();
    let banks: Vec<Bank> = read_bank("t.yaml", text.as_bytes(), &mut diagnostics)
        .into_iter()
        .collect();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    banks
}

fn t0() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn state<'a>(banks: &'a [Bank], mode: Mode, limit: Option<Duration>) -> State<'a> {
    let options = Options {
        mode,
        pass_mark: 70.0,
        ..Options::default()
    };
    let session = Session::new(banks, options).expect("a session");
    State::new(
        session,
        "Routing and TLS".to_owned(),
        t0(),
        limit,
        Theme::default(),
    )
}

/// Sends keys, each a second after the last.
fn press(state: &mut State, keys: &[Key]) {
    for &key in keys {
        let at = state.now + Duration::from_secs(1);
        update(state, Event::key(key, at));
    }
}

fn chars(text: &str) -> Vec<Key> {
    text.chars().map(Key::Char).collect()
}

fn render(state: &mut State, width: u16, height: u16) -> Terminal<TestBackend> {
    update(state, Event::new(Input::Resize(width, height), state.now));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view(state, frame)).expect("draw");
    terminal
}

/// The screen as text, one line per row, trailing blanks trimmed.
fn screen(state: &mut State, width: u16, height: u16) -> String {
    let terminal = render(state, width, height);
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn a_question_with_an_exhibit_at_80x24() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    insta::assert_snapshot!(screen(&mut s, 80, 24));
}

#[test]
fn a_question_with_an_exhibit_at_60x20_clips_it_and_scrolls_sideways() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    let narrow = screen(&mut s, 60, 20);
    assert!(
        narrow.contains("│ Neighbor ID     Pri   State           Dead Time   Add› │"),
        "{narrow}"
    );
    press(&mut s, &[Key::Char('>'), Key::Char('>')]);
    let sideways = screen(&mut s, 60, 20);
    assert!(
        sideways.contains("│ ‹ri   State           Dead Time   Address         Int› │"),
        "{sideways}"
    );
    insta::assert_snapshot!(narrow);
}

#[test]
fn practice_feedback_after_a_wrong_answer_at_80x24() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Char('a'), Key::Enter]);
    assert_eq!(s.screen, Screen::Feedback);
    let shown = screen(&mut s, 80, 24);
    assert!(
        shown.contains("✗ Wrong: the answer is B; you chose A."),
        "{shown}"
    );
    assert!(shown.contains("OSPF checks the interface MTU"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn practice_feedback_with_a_long_explanation_scrolls_at_60x20() {
    let long = BANK.replace(
        "      When the MTUs differ, the router with the smaller MTU rejects them.\n",
        &"      When the MTUs differ, the router with the smaller MTU rejects them.\n\n".repeat(12),
    );
    let b = banks(&long);
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Char('b'), Key::Enter]);
    let top = screen(&mut s, 60, 20);
    assert!(top.contains("✓ Right: B."), "{top}");
    assert!(top.contains("more lines (PgDn)"), "{top}");
    insta::assert_snapshot!(top);
    press(&mut s, &[Key::End]);
    let bottom = screen(&mut s, 60, 20);
    assert!(
        bottom.contains("https://www.rfc-editor.org/rfc/rfc2328#section-10.6"),
        "{bottom}"
    );
    assert!(
        bottom.contains("✓ Right: B."),
        "the verdict stays in view\n{bottom}"
    );
}

#[test]
fn letters_digits_and_space_pick_and_enter_moves_on() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Char('2'), Key::Enter, Key::Enter]);
    assert_eq!((s.current, s.screen), (1, Screen::Question));
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
    assert_eq!(s.draft().picks, [0, 2]);
    press(&mut s, &[Key::Enter]);
    assert_eq!(s.feedback.as_ref().map(|o| o.points), Some(1.0));
    assert_eq!(s.session.score(), (2.0, 2));
}

#[test]
fn a_flag_never_touches_the_answer() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(600)));
    press(&mut s, &[Key::Char('b'), Key::Char('f')]);
    assert!(s.session.flagged(0));
    assert_eq!(s.session.given(0), Some(&[1][..]));
    press(&mut s, &[Key::Char('f')]);
    assert!(!s.session.flagged(0));
    assert_eq!(s.session.given(0), Some(&[1][..]));
}

#[test]
fn the_exam_header_shows_the_clock_and_it_turns_red_in_the_last_minute() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(1200)));
    press(&mut s, &[Key::Char('b'), Key::Char('f'), Key::Right]);
    let shown = screen(&mut s, 80, 24);
    assert!(
        shown.contains("⏱ 19:57 left · 1/4 answered · ⚑ 1 flagged"),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
    let clock_cell = |s: &mut State| {
        let terminal = render(s, 80, 24);
        let row = terminal.backend().buffer().content()[80..160].to_vec();
        row.into_iter().find(|c| c.symbol() == "⏱").map(|c| c.fg)
    };
    s.theme = Theme { color: true };
    assert_eq!(clock_cell(&mut s), Some(Color::Reset));
    update(
        &mut s,
        Event::new(Input::Tick, t0() + Duration::from_secs(1100)),
    );
    assert_eq!(clock_cell(&mut s), Some(Color::Yellow), "the last tenth");
    update(
        &mut s,
        Event::new(Input::Tick, t0() + Duration::from_secs(1150)),
    );
    assert_eq!(clock_cell(&mut s), Some(Color::Red), "the last minute");
}

#[test]
fn q_esc_and_ctrl_c_in_an_exam_open_the_review_and_never_submit() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(600)));
    for key in [Key::Char('q'), Key::Esc, Key::CtrlC] {
        press(&mut s, &[key]);
        assert_eq!(s.screen, Screen::Review, "{key:?}");
        assert!(s.results.is_none() && s.ending.is_none());
        press(&mut s, &[Key::Esc]);
        assert_eq!(s.screen, Screen::Question);
    }
    // Submitting asks first; n keeps working.
    press(&mut s, &[Key::Char('q'), Key::Char('s')]);
    assert_eq!(s.screen, Screen::Confirm(Confirm::Submit));
    press(&mut s, &[Key::Char('n')]);
    assert_eq!((s.screen, s.results.is_some()), (Screen::Review, false));
    // Leaving asks too, and at 60×20 its wrapped text leaves its keys in view.
    press(&mut s, &[Key::Char('q')]);
    assert_eq!(s.screen, Screen::Confirm(Confirm::Leave));
    let shown = screen(&mut s, 60, 20);
    assert!(
        shown.contains("│ Your answers are kept: `quiz run --resume` continues"),
        "{shown}"
    );
    assert!(shown.contains("│ y leave    n or Esc stay"), "{shown}");
}

#[test]
fn the_review_screen_shows_both_marks_of_every_question() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(3600)));
    // 1 answered and flagged, 2 answered, 3 unanswered and flagged, 4 neither.
    press(&mut s, &[Key::Char('b'), Key::Char('f'), Key::Enter]);
    press(&mut s, &chars("ac"));
    press(
        &mut s,
        &[Key::Enter, Key::Char('f'), Key::Char('s'), Key::Char('s')],
    );
    assert_eq!(s.screen, Screen::Review);
    let shown = screen(&mut s, 80, 24);
    insta::assert_snapshot!(shown);
    press(&mut s, &[Key::Tab]);
    let flagged = screen(&mut s, 80, 24);
    assert!(flagged.contains("Showing flagged only"), "{flagged}");
    assert!(
        flagged.contains("1  ✓ answered    ⚑ flagged")
            && flagged.contains("3  ○ unanswered  ⚑ flagged"),
        "{flagged}"
    );
    assert!(!flagged.contains("  2  "), "{flagged}");
    press(&mut s, &[Key::Tab]);
    let unanswered = screen(&mut s, 80, 24);
    assert!(unanswered.contains("3  ○ unanswered") && unanswered.contains("4  ○ unanswered"));
    assert!(!unanswered.contains("✓ answered  "), "{unanswered}");
    press(&mut s, &[Key::Char('s')]);
    let confirm = screen(&mut s, 80, 24);
    assert!(
        confirm.contains("2 of 4 unanswered, 2 flagged."),
        "{confirm}"
    );
}

#[test]
fn the_exam_submits_itself_at_0_00_and_shows_the_results() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(3)));
    press(&mut s, &[Key::Char('b')]);
    update(
        &mut s,
        Event::new(Input::Tick, t0() + Duration::from_secs(2)),
    );
    assert!(s.results.is_none());
    update(
        &mut s,
        Event::new(Input::Tick, t0() + Duration::from_secs(3)),
    );
    let results = s.results.as_ref().expect("submitted");
    assert!(results.summary.time_up);
    assert_eq!(results.summary.points(), 1.0);
    assert!(s.effects.contains(&Effect::Finished));
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("Time is up"), "{shown}");
    insta::assert_snapshot!(shown);
    // Every question opens its feedback from the results.
    press(&mut s, &[Key::Enter]);
    assert_eq!(s.screen, Screen::Opened(1));
    let opened = screen(&mut s, 80, 24);
    assert!(
        opened.contains("Not answered. The answer is A, C."),
        "{opened}"
    );
    press(&mut s, &[Key::Esc, Key::Char('q')]);
    assert_eq!(s.ending, Some(Ending::Done));
}

#[test]
fn the_exam_goes_to_a_question_by_number() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, None);
    press(&mut s, &[Key::Char('g'), Key::Char('3'), Key::Enter]);
    assert_eq!(s.current, 2);
    press(&mut s, &[Key::Char('g'), Key::Char('9'), Key::Enter]);
    assert_eq!(s.current, 2);
    assert_eq!(
        s.message.as_deref(),
        Some("Type a question number from 1 to 4.")
    );
}

#[test]
fn a_small_window_asks_for_more_room() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    let shown = screen(&mut s, 50, 12);
    assert!(
        shown.contains("This window is 50×12; quiz needs at least"),
        "{shown}"
    );
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
    assert_eq!(s.draft().picks, [2]);
}

#[test]
fn no_colour_keeps_every_mark_visible() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    let terminal = render(&mut s, 80, 24);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    // The highlighted choice is in reverse video, and marked ❯.
    let row = (0..24)
        .find(|&y| buffer[(1u16, y)].symbol() == "❯")
        .expect("a cursor");
    assert!(buffer[(10u16, row)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn the_addresses_on_a_feedback_screen_are_where_the_links_go() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    assert_eq!(visible_links(&s, (80, 24)), [], "no links on a question");
    press(&mut s, &[Key::Char('b'), Key::Enter]);
    let shown = screen(&mut s, 80, 24);
    let links = visible_links(&s, (80, 24));
    let url = "https://www.rfc-editor.org/rfc/rfc2328#section-10.6";
    assert_eq!(links.len(), 1, "{shown}");
    let (x, y, link, text) = &links[0];
    assert_eq!((link.as_str(), text.as_str()), (url, url));
    let row = shown.lines().nth(usize::from(*y)).expect("the row");
    assert_eq!(row.get(usize::from(*x)..), Some(url), "{shown}");
}

#[test]
fn a_blueprint_exam_shows_its_scaled_score_and_domains_weakest_first() {
    use crate::quiz::{Drawn, Pick, Scale};
    let b = banks(BANK);
    let pick = |question, domain| Pick {
        bank: 0,
        question,
        domain,
    };
    let drawn = Drawn {
        domains: vec![
            "Routing protocols and their adjacencies".into(),
            "TLS".into(),
        ],
        picks: vec![pick(0, 0), pick(1, 1), pick(2, 1), pick(3, 1)],
    };
    let options = Options {
        mode: Mode::Exam,
        scale: Some(Scale {
            min: 100,
            max: 900,
            pass: 750,
        }),
        ..Options::default()
    };
    let session = Session::from_draw(&b, &drawn, options).expect("a session");
    let mut s = State::new(session, "Mock".to_owned(), t0(), None, Theme::default());
    let question = screen(&mut s, 60, 20);
    assert!(
        question.contains("exam · pass at 750 on 100–900"),
        "{question}"
    );
    // Only the OSPF question is answered, and rightly: 1 of 4.
    press(&mut s, &[Key::Char('b'), Key::Enter]);
    press(&mut s, &[Key::Char('q'), Key::Char('s'), Key::Char('y')]);
    let shown = screen(&mut s, 60, 20);
    assert!(shown.contains("Score 1/4 (25.0%) · FAIL"), "{shown}");
    assert!(
        shown.contains("Scaled score 300 (scale 100–900, pass at 750)"),
        "{shown}"
    );
    // The weakest domain first, its long name whole at 60 columns.
    let tls = shown.find("  TLS ").expect("the TLS domain");
    let routing = shown
        .find("  Routing protocols and their adjacencies  ")
        .expect("the routing domain, whole");
    assert!(tls < routing, "{shown}");
    assert!(!shown.contains("By tag"), "{shown}");
    insta::assert_snapshot!(shown);
}
