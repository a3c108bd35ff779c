//! The screen's keys, in one table: each binding maps keys to a [`Command`] in
//! a mode, and gives the footer and the `?` list their labels, so that the three
//! cannot drift (atuin's `keybindings/actions.rs` is the model).
//!
//! On a question, every letter A–Z is the question's own: it picks a choice,
//! starts typing an order's letters, fills a premise's slot, or goes into the
//! typed answer; no command there is a letter. Commands are named keys (Enter,
//! Esc, arrows, Tab) and three signs: `*` flags, `#` goes to a question by
//! number, `?` lists the keys. Screens without choices (the review, the
//! results, the dialogs, the mark of an open question) may use letters. A
//! typing mode (the number after `#`, an order's letters, a typed answer's
//! line) takes every printable key as text until Enter, Esc or Tab.

use super::event::Key;
use crate::quiz::{Mode as QuizMode, SelfMark};

/// How a question is answered with keys: its kind's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Choices picked by letter.
    Pick,
    /// Items moved into order.
    Arrange,
    /// A letter put beside each premise.
    Pair,
    /// A number, a text or an open attempt typed, its line out of focus (Tab
    /// gave the keys back to the commands).
    Typed,
}

/// What the keys do depends on what is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A question being answered, in practice or an exam.
    Question(QuizMode, Shape),
    /// A number, text or open attempt being typed: its line has the keys.
    Input(QuizMode),
    /// Practice: the verdict on a question; `true` for an open question to mark.
    Feedback(bool),
    /// Exam: every question, before submitting.
    Review,
    /// Exam: "Submit the exam?"
    ConfirmSubmit,
    /// Exam: "Leave without submitting?"
    ConfirmLeave,
    /// Exam, submitted: the score and every question.
    Results,
    /// Exam, submitted: a question's feedback, opened from the results; `true`
    /// for an open question to mark.
    Opened(bool),
    /// Text being typed: the question number after `#`, or an order's letters.
    Typing,
    /// The `?` list is up: any key closes it.
    Help,
    /// The window is below 60×20: only quitting does anything.
    TooSmall,
}

/// What a key asks the screen to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Pick (or tick) the choice at this position.
    Pick(usize),
    PickHighlighted,
    /// Order: start typing the items' letters, with this one.
    Letters(char),
    /// Order: move the selected item up (-1) or down (1).
    Move(isize),
    /// Match: put this response (by position) beside the selected premise.
    Fill(usize),
    /// Match: select the premise at this position.
    Premise(usize),
    /// Match: empty the selected premise's slot.
    Clear,
    /// A typed answer: take the line, and this character into it.
    Focus(Option<char>),
    /// A typed answer: give the keys back to the commands.
    Unfocus,
    /// A typed answer: the line's own editing.
    Edit(LineEdit),
    /// An open question: the candidate's own mark.
    Mark(SelfMark),
    Up,
    Down,
    First,
    Last,
    PageUp,
    PageDown,
    /// Scroll a wide exhibit sideways, by this many columns.
    Sideways(isize),
    Answer,
    Skip,
    Next,
    Previous,
    Flag,
    GoTo,
    Review,
    /// Open the highlighted row.
    Open,
    Filter,
    Submit,
    Leave,
    Yes,
    No,
    Back,
    Quit,
    Help,
    CloseHelp,
    Interrupt,
    /// Open the question's picture in the system's viewer.
    Picture,
    Type(char),
    Erase,
    Done,
    Cancel,
}

/// An edit of a typed answer's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    Insert(char),
    EraseBack,
    EraseForward,
    Left,
    Right,
    Start,
    End,
}

/// Which keys a binding takes.
#[derive(Debug, Clone, Copy)]
enum Keys {
    These(&'static [Key]),
    /// a–z and A–Z: the choice, item or response of that letter.
    Letters,
    /// 1–9: the choice or premise of that number.
    Digits,
    /// Any printable character (typing).
    Printable,
    /// Any key at all (closing the help).
    Any,
}

/// When the footer shows a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Footer {
    Never,
    /// Shown while it fits, the lowest first: 0 is always shown.
    Rank(u8),
    /// Only when the exhibit is wider than the window.
    WideExhibit(u8),
}

struct Binding {
    modes: &'static [Mode],
    keys: Keys,
    command: Command,
    /// The key as the footer and the list name it; `A–Z` for letters is
    /// narrowed to the question's choices in the footer.
    key: &'static str,
    /// A word or two, for the footer.
    short: &'static str,
    /// A line, for the `?` list.
    long: &'static str,
    footer: Footer,
}

use Footer::{Never, Rank, WideExhibit};
use Mode::*;
use Shape::{Arrange, Pair, Pick, Typed};

const P: QuizMode = QuizMode::Practice;
const E: QuizMode = QuizMode::Exam;
const P_PICK: Mode = Question(P, Pick);
const P_ORDER: Mode = Question(P, Arrange);
const P_PAIR: Mode = Question(P, Pair);
const P_TYPED: Mode = Question(P, Typed);
const E_PICK: Mode = Question(E, Pick);
const E_ORDER: Mode = Question(E, Arrange);
const E_PAIR: Mode = Question(E, Pair);
const E_TYPED: Mode = Question(E, Typed);
/// A practice question, its typed line out of focus (where the signs are commands).
const PRACTICE: &[Mode] = &[P_PICK, P_ORDER, P_PAIR, P_TYPED];
const EXAM: &[Mode] = &[E_PICK, E_ORDER, E_PAIR, E_TYPED];
const QUESTIONS: &[Mode] = &[
    P_PICK, P_ORDER, P_PAIR, P_TYPED, E_PICK, E_ORDER, E_PAIR, E_TYPED,
];
const PICKING: &[Mode] = &[P_PICK, E_PICK];
const ARRANGING: &[Mode] = &[P_ORDER, E_ORDER];
const PAIRING: &[Mode] = &[P_PAIR, E_PAIR];
const ROWS: &[Mode] = &[P_PICK, E_PICK, P_ORDER, E_ORDER, P_PAIR, E_PAIR];
const TYPED: &[Mode] = &[P_TYPED, E_TYPED];
const INPUT: &[Mode] = &[Input(P), Input(E)];
const MARKING: &[Mode] = &[Feedback(true), Opened(true)];
const FEEDBACK: &[Mode] = &[Feedback(false), Feedback(true)];
const OPENED: &[Mode] = &[Opened(false), Opened(true)];
const SCROLLING: &[Mode] = &[Feedback(false), Feedback(true), Opened(false), Opened(true)];
const LISTS: &[Mode] = &[Review, Results];
const SIDEWAYS: &[Mode] = &[
    P_PICK,
    P_ORDER,
    P_PAIR,
    P_TYPED,
    E_PICK,
    E_ORDER,
    E_PAIR,
    E_TYPED,
    Feedback(false),
    Feedback(true),
    Opened(false),
    Opened(true),
];
const PAGES: &[Mode] = &[
    P_PICK,
    P_ORDER,
    P_PAIR,
    P_TYPED,
    E_PICK,
    E_ORDER,
    E_PAIR,
    E_TYPED,
    Input(P),
    Input(E),
    Feedback(false),
    Feedback(true),
    Opened(false),
    Opened(true),
    Review,
    Results,
];
const PRACTICE_ESC: &[Mode] = &[
    P_PICK,
    P_ORDER,
    P_PAIR,
    P_TYPED,
    Input(P),
    Feedback(false),
    Feedback(true),
];
const EXAM_ESC: &[Mode] = &[E_PICK, E_ORDER, E_PAIR, E_TYPED, Input(E)];
const HELPED: &[Mode] = &[
    P_PICK,
    P_ORDER,
    P_PAIR,
    P_TYPED,
    E_PICK,
    E_ORDER,
    E_PAIR,
    E_TYPED,
    Feedback(false),
    Feedback(true),
    Review,
    Results,
    Opened(false),
    Opened(true),
];
const AFTER: &[Mode] = &[Results, Opened(false), Opened(true)];
/// Wherever a question is on the screen, its line being typed included.
const PICTURED: &[Mode] = &[
    P_PICK,
    P_ORDER,
    P_PAIR,
    P_TYPED,
    E_PICK,
    E_ORDER,
    E_PAIR,
    E_TYPED,
    Input(P),
    Input(E),
    Feedback(false),
    Feedback(true),
    Opened(false),
    Opened(true),
];

const fn bind(
    modes: &'static [Mode],
    keys: Keys,
    command: Command,
    key: &'static str,
    short: &'static str,
    long: &'static str,
    footer: Footer,
) -> Binding {
    Binding {
        modes,
        keys,
        command,
        key,
        short,
        long,
        footer,
    }
}

const fn these(keys: &'static [Key]) -> Keys {
    Keys::These(keys)
}

/// Every binding, in the order the footer and the list show them: one line
/// each, so that the table reads as one.
#[rustfmt::skip]
const BINDINGS: &[Binding] = &[
    bind(&[Help], Keys::Any, Command::CloseHelp, "any key", "closes the list", "close this list", Rank(0)),
    bind(&[TooSmall], these(&[Key::Char('q'), Key::Esc, Key::CtrlC]), Command::Quit, "q", "quit", "quit", Rank(0)),
    // Typing: every printable key is text.
    bind(&[Typing], Keys::Printable, Command::Type(' '), "0–9 A–Z", "type", "type the question's number, or the items' letters", Never),
    bind(&[Typing], these(&[Key::Backspace]), Command::Erase, "Backspace", "erase", "erase the last character", Never),
    bind(&[Typing], these(&[Key::Enter]), Command::Done, "Enter", "done", "go to that question, or put the items in that order", Rank(0)),
    bind(&[Typing], these(&[Key::Esc, Key::Tab]), Command::Cancel, "Esc", "cancel", "cancel (Tab too)", Rank(0)),
    bind(&[Typing], these(&[Key::CtrlC]), Command::Cancel, "Ctrl-C", "cancel", "cancel", Never),
    // A typed answer's line: every printable key is text.
    bind(INPUT, Keys::Printable, Command::Edit(LineEdit::Insert(' ')), "A–Z 0–9", "type", "type the answer", Never),
    bind(INPUT, these(&[Key::Backspace]), Command::Edit(LineEdit::EraseBack), "Backspace", "erase", "erase before the cursor", Never),
    bind(INPUT, these(&[Key::Delete]), Command::Edit(LineEdit::EraseForward), "Delete", "erase", "erase after the cursor", Never),
    bind(INPUT, these(&[Key::Left, Key::Right]), Command::Edit(LineEdit::Left), "←→", "cursor", "move the cursor", Never),
    bind(INPUT, these(&[Key::Home, Key::End]), Command::Edit(LineEdit::Start), "Home End", "start/end", "the start or the end of the line", Never),
    bind(&[Input(P)], these(&[Key::Enter]), Command::Answer, "Enter", "answer", "answer (an open question: see the model answer)", Rank(1)),
    bind(&[Input(E)], these(&[Key::Enter]), Command::Answer, "Enter", "next", "keep the answer, next question", Rank(1)),
    bind(INPUT, these(&[Key::Tab]), Command::Unfocus, "Tab", "more keys", "leave the line for the other keys: skip, flag, go to, this list (Tab again comes back)", Rank(0)),
    bind(INPUT, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "scroll", "scroll a line", Never),
    // The dialogs.
    bind(&[ConfirmSubmit], these(&[Key::Char('y'), Key::Char('Y'), Key::Enter]), Command::Yes, "y or Enter", "submit", "submit the exam", Rank(0)),
    bind(&[ConfirmLeave], these(&[Key::Char('y'), Key::Char('Y')]), Command::Yes, "y", "leave", "leave, not submitted", Rank(0)),
    bind(&[ConfirmSubmit], these(&[Key::Char('n'), Key::Char('N'), Key::Esc, Key::Char('q')]), Command::No, "n or Esc", "keep working", "back to the review", Rank(0)),
    bind(&[ConfirmLeave], these(&[Key::Char('n'), Key::Char('N'), Key::Esc, Key::Char('q')]), Command::No, "n or Esc", "stay", "back to the review", Rank(0)),
    // A choice question: its letters pick.
    bind(PICKING, Keys::Letters, Command::Pick(0), "A–Z", "pick", "pick that choice (tick it, if several): every letter, always", Rank(1)),
    bind(PICKING, Keys::Digits, Command::Pick(0), "1–9", "pick", "the same, by number", Never),
    bind(PICKING, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "move", "move between the choices", Rank(5)),
    bind(PICKING, these(&[Key::Char(' ')]), Command::PickHighlighted, "Space", "pick", "pick or tick the highlighted choice", Never),
    // An order: an item moved, or the letters typed.
    bind(ARRANGING, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "select", "select an item", Rank(1)),
    bind(ARRANGING, these(&[Key::ShiftUp, Key::ShiftDown]), Command::Move(-1), "Shift+↑↓", "move it", "move the selected item up or down (Ctrl+↑↓ too)", Rank(1)),
    bind(ARRANGING, Keys::Letters, Command::Letters('a'), "A–Z", "type the order", "type the items' letters, first to last, then Enter", Rank(4)),
    // A match: a letter beside each premise.
    bind(PAIRING, Keys::Letters, Command::Fill(0), "A–Z", "match", "put that response beside the selected premise", Rank(1)),
    bind(PAIRING, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "premise", "select a premise", Rank(1)),
    bind(PAIRING, Keys::Digits, Command::Premise(0), "1–9", "premise", "select the premise of that number", Never),
    bind(PAIRING, these(&[Key::Backspace, Key::Delete, Key::Char(' ')]), Command::Clear, "Space", "empty", "empty the selected premise's slot (Backspace, Delete too)", Rank(5)),
    // A typed answer out of its line: letters and digits go back into it.
    bind(TYPED, these(&[Key::Tab]), Command::Focus(None), "Tab", "type", "back to the answer's line", Rank(1)),
    bind(TYPED, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "scroll", "scroll a line", Never),
    bind(ROWS, these(&[Key::Home, Key::End]), Command::First, "Home End", "first/last", "the first or last row", Never),
    bind(PRACTICE, these(&[Key::Enter]), Command::Answer, "Enter", "answer", "answer (an order: as it stands)", Rank(1)),
    bind(EXAM, these(&[Key::Enter]), Command::Answer, "Enter", "next", "keep the answer, next question (none given: left unanswered)", Rank(1)),
    bind(PRACTICE, these(&[Key::Right]), Command::Skip, "→", "skip", "skip: see the answer, no point", Rank(2)),
    bind(EXAM, these(&[Key::Left, Key::Right]), Command::Next, "←→", "previous/next", "the previous or next question, this one as it is", Rank(3)),
    bind(QUESTIONS, these(&[Key::Char('*')]), Command::Flag, "*", "flag", "flag or unflag the question (the answer stays)", Rank(2)),
    bind(EXAM, these(&[Key::Char('#')]), Command::GoTo, "#", "go to", "go to a question by its number", Rank(4)),
    // An open question's own mark, once its model answer is shown.
    bind(MARKING, these(&[Key::Char('y'), Key::Char('Y')]), Command::Mark(SelfMark::Right), "y", "right", "mark your answer right", Rank(0)),
    bind(MARKING, these(&[Key::Char('p'), Key::Char('P')]), Command::Mark(SelfMark::Partly), "p", "partly", "mark your answer partly right", Rank(0)),
    bind(MARKING, these(&[Key::Char('n'), Key::Char('N')]), Command::Mark(SelfMark::Wrong), "n", "wrong", "mark your answer wrong", Rank(0)),
    // The verdict, and a question opened from the results.
    bind(FEEDBACK, these(&[Key::Enter, Key::Right]), Command::Next, "Enter/→", "next question", "the next question", Rank(1)),
    bind(SCROLLING, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "scroll", "scroll a line", Rank(2)),
    bind(FEEDBACK, these(&[Key::Char('*')]), Command::Flag, "*", "flag", "flag or unflag the question", Rank(3)),
    bind(OPENED, these(&[Key::Esc, Key::Enter, Key::Left]), Command::Back, "Esc", "back to results", "back to the results (Enter or ← too)", Rank(1)),
    // The lists.
    bind(LISTS, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "move", "move between the questions", Rank(4)),
    bind(LISTS, these(&[Key::Home, Key::End]), Command::First, "Home End", "first/last", "the first or last question", Never),
    bind(&[Review], these(&[Key::Enter]), Command::Open, "Enter", "open", "open the question", Rank(1)),
    bind(&[Results], these(&[Key::Enter, Key::Right]), Command::Open, "Enter", "open", "open the question's feedback (an open question: to mark it)", Rank(1)),
    bind(&[Review], these(&[Key::Char('s')]), Command::Submit, "s", "submit", "submit the exam (asks first)", Rank(1)),
    bind(&[Review], these(&[Key::Tab]), Command::Filter, "Tab", "filter", "all, only flagged, only unanswered", Rank(2)),
    bind(&[Review], these(&[Key::Char('*')]), Command::Flag, "*", "flag", "flag or unflag the question", Rank(3)),
    bind(&[Review], these(&[Key::Esc]), Command::Back, "Esc", "back", "back to the question", Rank(2)),
    bind(&[Review], these(&[Key::Char('q')]), Command::Leave, "q", "leave", "leave, not submitted (asks first)", Rank(3)),
    // Scrolling, anywhere.
    bind(PAGES, these(&[Key::PageUp, Key::PageDown]), Command::PageUp, "PgUp PgDn", "scroll", "scroll a page", Never),
    bind(SCROLLING, these(&[Key::Home, Key::End]), Command::First, "Home End", "top/end", "the top or the end", Never),
    bind(SIDEWAYS, these(&[Key::Char('<'), Key::Char('>'), Key::ShiftLeft, Key::ShiftRight]), Command::Sideways(0), "< >", "exhibit sideways", "scroll a wide exhibit sideways (Shift+← → too)", WideExhibit(3)),
    // Leaving.
    bind(PRACTICE_ESC, these(&[Key::Esc]), Command::Quit, "Esc", "quit", "end the quiz, with the summary", Rank(2)),
    bind(EXAM_ESC, these(&[Key::Esc]), Command::Review, "Esc", "review", "the review screen, to submit (submits nothing)", Rank(1)),
    bind(&[Results], these(&[Key::Esc, Key::Char('q')]), Command::Quit, "Esc", "quit", "quit, with the summary (q too)", Rank(2)),
    bind(EXAM_ESC, these(&[Key::CtrlC]), Command::Review, "Ctrl-C", "review", "the review screen (submits nothing)", Never),
    bind(PRACTICE_ESC, these(&[Key::CtrlC]), Command::Interrupt, "Ctrl-C", "end now", "end now, with the summary (exit status 130)", Never),
    bind(&[Review, ConfirmSubmit, ConfirmLeave], these(&[Key::CtrlC]), Command::Interrupt, "Ctrl-C", "leave now", "leave now, not submitted (exit status 130)", Never),
    bind(AFTER, these(&[Key::CtrlC]), Command::Interrupt, "Ctrl-C", "quit now", "quit now (exit status 130)", Never),
    // A control key, so that it works while typing and never takes a choice's letter.
    bind(PICTURED, these(&[Key::CtrlO]), Command::Picture, "Ctrl-O", "picture", "open the question's picture in the system's viewer (its line says so when it has one)", Never),
    bind(HELPED, these(&[Key::Char('?')]), Command::Help, "?", "keys", "this list", Rank(0)),
    // Last, so that the signs above are commands: any other key types again.
    bind(TYPED, Keys::Printable, Command::Focus(None), "A–Z 0–9", "type", "back to the line, typing", Never),
];

/// The command `key` gives in `mode`, if any.
pub fn command(mode: Mode, key: Key) -> Option<Command> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .find_map(|b| {
            let command = match (b.keys, key) {
                (Keys::Any, _) => b.command,
                (Keys::These(keys), key) if keys.contains(&key) => directed(b.command, key),
                (Keys::Letters, Key::Char(c)) if c.is_ascii_alphabetic() => {
                    let at = usize::from(c.to_ascii_uppercase() as u8 - b'A');
                    match b.command {
                        Command::Letters(_) => Command::Letters(c),
                        Command::Fill(_) => Command::Fill(at),
                        _ => Command::Pick(at),
                    }
                }
                (Keys::Digits, Key::Char(c @ '1'..='9')) => {
                    let at = usize::from(c as u8 - b'1');
                    match b.command {
                        Command::Premise(_) => Command::Premise(at),
                        _ => Command::Pick(at),
                    }
                }
                (Keys::Printable, Key::Char(c)) if !c.is_control() => match b.command {
                    Command::Edit(_) => Command::Edit(LineEdit::Insert(c)),
                    Command::Focus(_) => Command::Focus(Some(c)),
                    _ => Command::Type(c),
                },
                _ => return None,
            };
            Some(command)
        })
}

/// One binding's second key goes the other way: Down after Up, End after Home.
fn directed(command: Command, key: Key) -> Command {
    match (command, key) {
        (Command::Move(_), Key::ShiftDown) => Command::Move(1),
        (Command::Edit(LineEdit::Left), Key::Right) => Command::Edit(LineEdit::Right),
        (Command::Edit(LineEdit::Start), Key::End) => Command::Edit(LineEdit::End),
        (Command::Up, Key::Down) => Command::Down,
        (Command::First, Key::End) => Command::Last,
        (Command::PageUp, Key::PageDown) => Command::PageDown,
        (Command::Next, Key::Left) => Command::Previous,
        (Command::Sideways(_), Key::Char('<') | Key::ShiftLeft) => Command::Sideways(-8),
        (Command::Sideways(_), _) => Command::Sideways(8),
        (command, _) => command,
    }
}

/// What the footer may show in `mode`: (key, words), most important first.
/// `choices`: the question's choices (the letters named); `several`: ticks.
pub fn footer(
    mode: Mode,
    choices: usize,
    several: bool,
    wide_exhibit: bool,
) -> Vec<(u8, String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .filter_map(|b| {
            let rank = match b.footer {
                Never => return None,
                Rank(r) => r,
                WideExhibit(r) if wide_exhibit => r,
                WideExhibit(_) => return None,
            };
            let (key, short) = match b.keys {
                Keys::Letters => (
                    format!(
                        "A–{}",
                        crate::present::words::letter(choices.saturating_sub(1))
                    ),
                    if several { "tick" } else { b.short },
                ),
                _ => (b.key.to_owned(), b.short),
            };
            Some((rank, key, short))
        })
        .collect()
}

/// Every key of `mode`, for the `?` list: (key, what it does).
pub fn list(mode: Mode) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .map(|b| (b.key, b.long))
        .collect()
}

/// The keys of a dialog, as its last line says them: `y or Enter submit    n or Esc keep working`.
pub fn dialog_keys(mode: Mode) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.modes.contains(&mode) && b.footer == Rank(0))
        .map(|b| (b.key, b.short))
        .collect()
}

/// How a notice names the key that skips a question.
pub const WORDING: crate::present::Wording = crate::present::Wording {
    skip: "→",
    typed: false,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_is_the_questions_own_on_every_question() {
        for (i, c) in ('a'..='z').enumerate() {
            for upper in [c, c.to_ascii_uppercase()] {
                for mode in PICKING {
                    assert_eq!(command(*mode, Key::Char(upper)), Some(Command::Pick(i)));
                }
                for mode in ARRANGING {
                    assert_eq!(
                        command(*mode, Key::Char(upper)),
                        Some(Command::Letters(upper))
                    );
                }
                for mode in PAIRING {
                    assert_eq!(command(*mode, Key::Char(upper)), Some(Command::Fill(i)));
                }
                for mode in TYPED {
                    assert_eq!(
                        command(*mode, Key::Char(upper)),
                        Some(Command::Focus(Some(upper)))
                    );
                }
                for mode in INPUT {
                    assert_eq!(
                        command(*mode, Key::Char(upper)),
                        Some(Command::Edit(LineEdit::Insert(upper)))
                    );
                }
            }
        }
    }

    #[test]
    fn no_command_on_a_question_is_a_letter() {
        for b in BINDINGS.iter().filter(|b| {
            b.modes
                .iter()
                .any(|m| QUESTIONS.contains(m) || INPUT.contains(m))
        }) {
            if let Keys::These(keys) = b.keys {
                for key in keys {
                    assert!(
                        !matches!(key, Key::Char(c) if c.is_alphabetic()),
                        "{key:?} is a letter, and the question's"
                    );
                }
            }
        }
    }

    #[test]
    fn an_items_moves_with_shift_or_ctrl_and_the_arrows() {
        for mode in ARRANGING {
            assert_eq!(command(*mode, Key::ShiftUp), Some(Command::Move(-1)));
            assert_eq!(command(*mode, Key::ShiftDown), Some(Command::Move(1)));
            assert_eq!(command(*mode, Key::Down), Some(Command::Down));
        }
    }

    #[test]
    fn typing_takes_every_printable_key_until_enter_esc_or_tab() {
        for c in ['3', 'q', '*', '#', '?', ' ', 'é'] {
            assert_eq!(command(Typing, Key::Char(c)), Some(Command::Type(c)));
            for mode in INPUT {
                assert_eq!(
                    command(*mode, Key::Char(c)),
                    Some(Command::Edit(LineEdit::Insert(c)))
                );
            }
        }
        assert_eq!(command(Typing, Key::Enter), Some(Command::Done));
        assert_eq!(command(Typing, Key::Esc), Some(Command::Cancel));
        assert_eq!(command(Typing, Key::Tab), Some(Command::Cancel));
        assert_eq!(command(Typing, Key::Backspace), Some(Command::Erase));
        assert_eq!(command(Input(P), Key::Tab), Some(Command::Unfocus));
        assert_eq!(command(Input(P), Key::Enter), Some(Command::Answer));
        assert_eq!(
            command(Input(E), Key::Right),
            Some(Command::Edit(LineEdit::Right))
        );
        // Out of the line, its signs are commands again.
        assert_eq!(command(P_TYPED, Key::Char('*')), Some(Command::Flag));
        assert_eq!(command(P_TYPED, Key::Tab), Some(Command::Focus(None)));
    }

    #[test]
    fn a_small_window_takes_only_quit() {
        assert_eq!(command(TooSmall, Key::Char('q')), Some(Command::Quit));
        for key in [
            Key::Char('c'),
            Key::Enter,
            Key::Char('*'),
            Key::Down,
            Key::Char('?'),
        ] {
            assert_eq!(command(TooSmall, key), None, "{key:?}");
        }
    }

    #[test]
    fn every_mode_shows_its_keys_and_the_question_mark_or_tab_is_always_in_the_footer() {
        for mode in QUESTIONS
            .iter()
            .chain(FEEDBACK)
            .chain(OPENED)
            .chain(&[Review, Results])
        {
            let footer = footer(*mode, 4, false, false);
            assert!(
                footer.iter().any(|(rank, key, _)| *rank == 0 && key == "?"),
                "{mode:?}"
            );
            assert!(list(*mode).iter().any(|(key, _)| *key == "?"), "{mode:?}");
        }
        // In the line, `?` is text: Tab, always shown, leads to the list.
        for mode in INPUT {
            let footer = footer(*mode, 0, false, false);
            assert!(
                footer
                    .iter()
                    .any(|(rank, key, _)| *rank == 0 && key == "Tab")
            );
        }
    }
}
