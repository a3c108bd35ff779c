//! Rendering tests on ratatui's `TestBackend`: what the screen shows at 80×24 and
//! 60×20, driven by the same events a person sends, with a fake clock. The rules
//! are the flow's (its own tests hold them); these check the keys and the drawing.

use super::*;
pub(super) use crate::bank::Bank;
use crate::flow::{Effect, Flow, Kept};
use crate::quiz::{Mode, Options, Session};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub(super) const BANK: &str = r#"title: Routing and TLS
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

pub(super) use crate::bank::from_text as banks;

pub(super) fn t0() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

pub(super) fn options(mode: Mode) -> Options {
    Options {
        mode,
        pass_mark: 70.0,
        ..Options::default()
    }
}

pub(super) fn started<'a>(session: Session<'a>, limit: Option<Duration>, title: &str) -> State<'a> {
    let (flow, _) = Flow::start(&session, limit, Kept::default(), t0());
    State::new(session, flow, title, t0(), Theme::default())
}

pub(super) fn state<'a>(banks: &'a [Bank], mode: Mode, limit: Option<Duration>) -> State<'a> {
    let session = Session::new(banks, options(mode)).expect("a session");
    started(session, limit, "Routing and TLS")
}

/// Sends keys, each a second after the last; the flow's effects.
pub(super) fn press(state: &mut State, keys: &[Key]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for &key in keys {
        let at = state.now + Duration::from_secs(1);
        effects.extend(update(state, Event::key(key, at)));
    }
    effects
}

pub(super) fn chars(text: &str) -> Vec<Key> {
    text.chars().map(Key::Char).collect()
}

pub(super) fn render(state: &mut State, width: u16, height: u16) -> Terminal<TestBackend> {
    update(state, Event::new(Input::Resize(width, height), state.now));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| view(state, frame)).expect("draw");
    terminal
}

/// The screen as text, one line per row, trailing blanks trimmed.
pub(super) fn screen(state: &mut State, width: u16, height: u16) -> String {
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

pub(super) fn row(shown: &str, n: usize) -> &str {
    shown.lines().nth(n).unwrap_or_default()
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
fn an_exhibits_sideways_scroll_does_not_carry_into_the_feedback() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    render(&mut s, 60, 20);
    press(
        &mut s,
        &[Key::Char('>'), Key::Char('>'), Key::Char('b'), Key::Enter],
    );
    let shown = screen(&mut s, 60, 20);
    assert_eq!(s.hscroll, 0);
    assert!(
        shown.contains("│ Neighbor ID     Pri   State           Dead Time   Add› │"),
        "{shown}"
    );
}

#[test]
fn practice_feedback_after_a_wrong_answer_at_80x24() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Char('a'), Key::Enter]);
    assert_eq!(s.screen(), Screen::Feedback);
    let shown = screen(&mut s, 80, 24);
    assert!(
        shown.contains("✗ Wrong: the answer is B; you chose A."),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn practice_feedback_opens_at_the_top_and_says_what_is_above_and_below() {
    let long = BANK.replace(
        "      When the MTUs differ, the router with the smaller MTU rejects them.\n",
        &"      When the MTUs differ, the router with the smaller MTU rejects them.\n\n".repeat(12),
    );
    let b = banks(&long);
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Char('b'), Key::Enter]);
    let top = screen(&mut s, 60, 20);
    assert!(top.contains("✓ Correct: B."), "{top}");
    // The stem first: the feedback opens at its top.
    assert!(row(&top, 3).contains("Based on the output"), "{top}");
    assert!(top.contains("more lines (PgDn)"), "{top}");
    insta::assert_snapshot!(top);
    press(&mut s, &[Key::PageDown]);
    let middle = screen(&mut s, 60, 20);
    assert!(middle.contains("above · ↓"), "{middle}");
    press(&mut s, &[Key::End]);
    let bottom = screen(&mut s, 60, 20);
    assert!(
        bottom.contains("https://www.rfc-editor.org/rfc/rfc2328#section-10.6"),
        "{bottom}"
    );
    assert!(bottom.contains("more above (PgUp)"), "{bottom}");
    assert!(
        bottom.contains("✓ Correct: B."),
        "the verdict stays in view\n{bottom}"
    );
}

#[test]
fn choose_two_stays_on_one_line() {
    let text = BANK.replace(
        "question: Which two are TLS 1.3 handshake messages?",
        "question: Which two of these are TLS 1.3 handshake messages, as RFC 8446 names them?",
    );
    let b = banks(&text);
    let mut s = state(&b, Mode::Practice, None);
    press(&mut s, &[Key::Right, Key::Right]);
    for width in 60..=90 {
        let shown = screen(&mut s, width, 24);
        assert!(shown.contains("(Choose 2)"), "{width}\n{shown}");
    }
}

#[test]
fn the_exam_header_shows_the_clock_and_it_turns_red_in_the_last_minute() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(1200)));
    press(&mut s, &[Key::Char('b'), Key::Char('*'), Key::Right]);
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
fn the_clock_is_the_last_thing_the_header_drops() {
    let mut text = String::from("questions:\n");
    for i in 0..12 {
        text.push_str(&format!(
            "  - id: q{i}\n    question: Pick A\n    choices: [a, b]\n    answer: A\n"
        ));
    }
    let b = banks(&text);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(5400)));
    for _ in 0..10 {
        press(&mut s, &[Key::Char('*'), Key::Right]);
    }
    press(&mut s, &[Key::Left, Key::Char('*'), Key::Char('*')]);
    for width in 60..=80 {
        let shown = screen(&mut s, width, 24);
        assert!(row(&shown, 1).contains("left"), "{width}\n{shown}");
        assert!(
            row(&shown, 1).contains("Question 10 of 12"),
            "{width}\n{shown}"
        );
    }
}

#[test]
fn the_review_screen_shows_both_marks_of_every_question() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(3600)));
    // 1 answered and flagged, 2 answered, 3 unanswered and flagged, 4 neither.
    press(&mut s, &[Key::Char('b'), Key::Char('*'), Key::Enter]);
    press(&mut s, &chars("ac"));
    press(
        &mut s,
        &[Key::Enter, Key::Char('*'), Key::Right, Key::Right],
    );
    assert_eq!(s.screen(), Screen::Review);
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
fn the_footer_keeps_the_important_keys_and_always_the_question_mark() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Exam, Some(Duration::from_secs(600)));
    let footer = |s: &mut State, w, h| row(&screen(s, w, h), usize::from(h) - 1).to_owned();
    let exam = footer(&mut s, 80, 24);
    for key in ["A–D pick", "Enter next", "* flag", "Esc review", "? keys"] {
        assert!(exam.contains(key), "{key:?} in {exam:?}");
    }
    let narrow = footer(&mut s, 60, 20);
    assert!(
        narrow.contains("? keys") && narrow.contains("Esc review"),
        "{narrow:?}"
    );
    press(&mut s, &[Key::Esc]);
    let review = footer(&mut s, 60, 20);
    for key in ["Enter open", "s submit", "Tab filter", "Esc back", "? keys"] {
        assert!(review.contains(key), "{key:?} in {review:?}");
    }
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
    assert!(!s.flow.submitted());
    let effects = update(
        &mut s,
        Event::new(Input::Tick, t0() + Duration::from_secs(3)),
    );
    assert!(s.flow.submitted() && s.flow.time_up());
    assert_eq!(s.flow.summary(&s.session).points(), 1.0);
    assert!(effects.contains(&Effect::Finished));
    let shown = screen(&mut s, 80, 24);
    assert_eq!(shown.matches("Time is up").count(), 1, "said once\n{shown}");
    insta::assert_snapshot!(shown);
    // Every question opens its feedback from the results.
    press(&mut s, &[Key::Enter]);
    assert_eq!(s.screen(), Screen::Opened(1));
    let opened = screen(&mut s, 80, 24);
    assert!(
        opened.contains("Not answered. The answer is A, C."),
        "{opened}"
    );
    press(&mut s, &[Key::Esc, Key::Char('q')]);
    assert_eq!(s.ending, Some(Ending::Done));
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
    press(&mut s, &[Key::Char('b'), Key::Enter, Key::End]);
    let shown = screen(&mut s, 80, 24);
    let links = visible_links(&s, (80, 24));
    let url = "https://www.rfc-editor.org/rfc/rfc2328#section-10.6";
    assert_eq!(links.len(), 1, "{shown}");
    let (x, y, link, text) = &links[0];
    assert_eq!((link.as_str(), text.as_str()), (url, url));
    let row = shown.lines().nth(usize::from(*y)).expect("the row");
    assert_eq!(row.get(usize::from(*x)..), Some(url), "{shown}");
}

const HOSTILE: &str = include_str!("../../tests/fixtures/hostile/prose.yaml");

#[test]
fn a_hostile_bank_is_shown_not_obeyed() {
    let b = banks(HOSTILE);
    let mut s = state(&b, Mode::Practice, None);
    s.title = crate::present::title(b[0].display_title());
    let check = |shown: &str| {
        for c in shown.chars() {
            assert!(
                !crate::safe::is_unsafe(c),
                "{c:?} reached the screen\n{shown}"
            );
        }
    };
    let question = screen(&mut s, 80, 24);
    check(&question);
    assert!(
        question.contains("␛]0;owned␇"),
        "the title's sequence is shown\n{question}"
    );
    assert!(question.contains("␛]52;c;"), "{question}");
    assert!(
        question.contains("␛[31mred␛[0m"),
        "the exhibit's\n{question}"
    );
    press(&mut s, &[Key::Char('a'), Key::Enter]);
    let feedback = screen(&mut s, 80, 24);
    check(&feedback);
    assert!(feedback.contains("␛]8;;file:///etc/passwd"), "{feedback}");
    press(&mut s, &[Key::End]);
    check(&screen(&mut s, 80, 24));
    // Wrapping measured what is drawn: no line is wider than the window.
    for width in [60u16, 80] {
        let shown = screen(&mut s, width, 24);
        assert!(
            shown
                .lines()
                .all(|l| crate::present::wrap::width(l) <= usize::from(width))
        );
    }
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
    let mut s = started(session, None, "Mock");
    let question = screen(&mut s, 60, 20);
    assert!(
        question.contains("exam · pass at 750 on 100–900"),
        "{question}"
    );
    // Only the OSPF question is answered, and rightly: 1 of 4.
    press(&mut s, &[Key::Char('b'), Key::Enter]);
    press(&mut s, &[Key::Esc, Key::Char('s'), Key::Char('y')]);
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

#[test]
fn long_news_wraps_above_the_footer_instead_of_being_cut() {
    let b = banks(BANK);
    let mut s = state(&b, Mode::Practice, None);
    let note = "Resumed the practice quiz of 2025-05-01 14:03: 12 of 40 answered.";
    s.message = Some(note.to_owned());
    let shown = screen(&mut s, 60, 20);
    let words: Vec<&str> = shown.split_whitespace().collect();
    let said = words.join(" ");
    assert!(said.contains(note), "{shown}");
    assert!(
        row(&shown, 19).contains("? keys"),
        "the footer stays\n{shown}"
    );
}
