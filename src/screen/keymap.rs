//! The screen's keys, in one table: each binding maps keys to a [`Command`] in
//! a mode, and gives the footer and the `?` list their labels, so that the three
//! cannot drift (atuin's `keybindings/actions.rs` is the model).
//!
//! On a question, every letter A–Z picks its choice, whatever the number of
//! choices: no command there is a letter. Commands are named keys (Enter, Esc,
//! arrows, Tab) and three signs: `*` flags, `#` goes to a question by number,
//! `?` lists the keys. Screens without choices (the review, the results, the
//! dialogs) may use letters. A typing mode (the number after `#`, and the typed
//! answers to come) takes every printable key as text until Enter, Esc or Tab.

use super::event::Key;
use crate::quiz::Mode as QuizMode;

/// What the keys do depends on what is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A question being answered, in practice or an exam.
    Question(QuizMode),
    /// Practice: the verdict on a question.
    Feedback,
    /// Exam: every question, before submitting.
    Review,
    /// Exam: "Submit the exam?"
    ConfirmSubmit,
    /// Exam: "Leave without submitting?"
    ConfirmLeave,
    /// Exam, submitted: the score and every question.
    Results,
    /// Exam, submitted: a question's feedback, opened from the results.
    Opened,
    /// Text being typed: the question number after `#`.
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
    Type(char),
    Erase,
    Done,
    Cancel,
}

/// Which keys a binding takes.
#[derive(Debug, Clone, Copy)]
enum Keys {
    These(&'static [Key]),
    /// a–z and A–Z: the choice of that letter.
    Letters,
    /// 1–9: the choice of that number.
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

const PRACTICE: Mode = Question(QuizMode::Practice);
const EXAM: Mode = Question(QuizMode::Exam);
const QUESTIONS: &[Mode] = &[PRACTICE, EXAM];
const SCROLLING: &[Mode] = &[Feedback, Opened];
const LISTS: &[Mode] = &[Review, Results];

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
    bind(&[Typing], Keys::Printable, Command::Type(' '), "0–9", "type", "type the question's number", Never),
    bind(&[Typing], these(&[Key::Backspace]), Command::Erase, "Backspace", "erase", "erase the last digit", Never),
    bind(&[Typing], these(&[Key::Enter]), Command::Done, "Enter", "go", "go to that question", Rank(0)),
    bind(&[Typing], these(&[Key::Esc, Key::Tab]), Command::Cancel, "Esc", "cancel", "cancel (Tab too)", Rank(0)),
    bind(&[Typing], these(&[Key::CtrlC]), Command::Cancel, "Ctrl-C", "cancel", "cancel", Never),
    // The dialogs.
    bind(&[ConfirmSubmit], these(&[Key::Char('y'), Key::Char('Y'), Key::Enter]), Command::Yes, "y or Enter", "submit", "submit the exam", Rank(0)),
    bind(&[ConfirmLeave], these(&[Key::Char('y'), Key::Char('Y')]), Command::Yes, "y", "leave", "leave, not submitted", Rank(0)),
    bind(&[ConfirmSubmit], these(&[Key::Char('n'), Key::Char('N'), Key::Esc, Key::Char('q')]), Command::No, "n or Esc", "keep working", "back to the review", Rank(0)),
    bind(&[ConfirmLeave], these(&[Key::Char('n'), Key::Char('N'), Key::Esc, Key::Char('q')]), Command::No, "n or Esc", "stay", "back to the review", Rank(0)),
    // A question.
    bind(QUESTIONS, Keys::Letters, Command::Pick(0), "A–Z", "pick", "pick that choice (tick it, if several): every letter, always", Rank(1)),
    bind(QUESTIONS, Keys::Digits, Command::Pick(0), "1–9", "pick", "the same, by number", Never),
    bind(QUESTIONS, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "move", "move between the choices", Rank(5)),
    bind(QUESTIONS, these(&[Key::Home, Key::End]), Command::First, "Home End", "first/last", "the first or last choice", Never),
    bind(QUESTIONS, these(&[Key::Char(' ')]), Command::PickHighlighted, "Space", "pick", "pick or tick the highlighted choice", Never),
    bind(&[PRACTICE], these(&[Key::Enter]), Command::Answer, "Enter", "answer", "answer (pick one first)", Rank(1)),
    bind(&[EXAM], these(&[Key::Enter]), Command::Answer, "Enter", "next", "keep the answer, next question (none picked: left unanswered)", Rank(1)),
    bind(&[PRACTICE], these(&[Key::Right]), Command::Skip, "→", "skip", "skip: see the answer, no point", Rank(2)),
    bind(&[EXAM], these(&[Key::Left, Key::Right]), Command::Next, "←→", "previous/next", "the previous or next question, this one as it is", Rank(3)),
    bind(QUESTIONS, these(&[Key::Char('*')]), Command::Flag, "*", "flag", "flag or unflag the question (the answer stays)", Rank(2)),
    bind(&[EXAM], these(&[Key::Char('#')]), Command::GoTo, "#", "go to", "go to a question by its number", Rank(4)),
    // The verdict, and a question opened from the results.
    bind(&[Feedback], these(&[Key::Enter, Key::Right]), Command::Next, "Enter/→", "next question", "the next question", Rank(1)),
    bind(SCROLLING, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "scroll", "scroll a line", Rank(2)),
    bind(&[Feedback], these(&[Key::Char('*')]), Command::Flag, "*", "flag", "flag or unflag the question", Rank(3)),
    bind(&[Opened], these(&[Key::Esc, Key::Enter, Key::Left]), Command::Back, "Esc", "back to results", "back to the results (Enter or ← too)", Rank(1)),
    // The lists.
    bind(LISTS, these(&[Key::Up, Key::Down]), Command::Up, "↑↓", "move", "move between the questions", Rank(4)),
    bind(LISTS, these(&[Key::Home, Key::End]), Command::First, "Home End", "first/last", "the first or last question", Never),
    bind(&[Review], these(&[Key::Enter]), Command::Open, "Enter", "open", "open the question", Rank(1)),
    bind(&[Results], these(&[Key::Enter, Key::Right]), Command::Open, "Enter", "open", "open the question's feedback", Rank(1)),
    bind(&[Review], these(&[Key::Char('s')]), Command::Submit, "s", "submit", "submit the exam (asks first)", Rank(1)),
    bind(&[Review], these(&[Key::Tab]), Command::Filter, "Tab", "filter", "all, only flagged, only unanswered", Rank(2)),
    bind(&[Review], these(&[Key::Char('*')]), Command::Flag, "*", "flag", "flag or unflag the question", Rank(3)),
    bind(&[Review], these(&[Key::Esc]), Command::Back, "Esc", "back", "back to the question", Rank(2)),
    bind(&[Review], these(&[Key::Char('q')]), Command::Leave, "q", "leave", "leave, not submitted (asks first)", Rank(3)),
    // Scrolling, anywhere.
    bind(&[PRACTICE, EXAM, Feedback, Opened, Review, Results], these(&[Key::PageUp, Key::PageDown]), Command::PageUp, "PgUp PgDn", "scroll", "scroll a page", Never),
    bind(SCROLLING, these(&[Key::Home, Key::End]), Command::First, "Home End", "top/end", "the top or the end", Never),
    bind(&[PRACTICE, EXAM, Feedback, Opened], these(&[Key::Char('<'), Key::Char('>'), Key::ShiftLeft, Key::ShiftRight]), Command::Sideways(0), "< >", "exhibit sideways", "scroll a wide exhibit sideways (Shift+← → too)", WideExhibit(3)),
    // Leaving.
    bind(&[PRACTICE, Feedback], these(&[Key::Esc]), Command::Quit, "Esc", "quit", "end the quiz, with the summary", Rank(2)),
    bind(&[EXAM], these(&[Key::Esc]), Command::Review, "Esc", "review", "the review screen, to submit (submits nothing)", Rank(1)),
    bind(&[Results], these(&[Key::Esc, Key::Char('q')]), Command::Quit, "Esc", "quit", "quit, with the summary (q too)", Rank(2)),
    bind(&[EXAM], these(&[Key::CtrlC]), Command::Review, "Ctrl-C", "review", "the review screen (submits nothing)", Never),
    bind(&[PRACTICE, Feedback], these(&[Key::CtrlC]), Command::Interrupt, "Ctrl-C", "end now", "end now, with the summary (exit status 130)", Never),
    bind(&[Review, ConfirmSubmit, ConfirmLeave], these(&[Key::CtrlC]), Command::Interrupt, "Ctrl-C", "leave now", "leave now, not submitted (exit status 130)", Never),
    bind(&[Results, Opened], these(&[Key::CtrlC]), Command::Interrupt, "Ctrl-C", "quit now", "quit now (exit status 130)", Never),
    bind(&[PRACTICE, EXAM, Feedback, Review, Results, Opened], these(&[Key::Char('?')]), Command::Help, "?", "keys", "this list", Rank(0)),
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
                    Command::Pick(usize::from(c.to_ascii_uppercase() as u8 - b'A'))
                }
                (Keys::Digits, Key::Char(c @ '1'..='9')) => {
                    Command::Pick(usize::from(c as u8 - b'1'))
                }
                (Keys::Printable, Key::Char(c)) if !c.is_control() => Command::Type(c),
                _ => return None,
            };
            Some(command)
        })
}

/// One binding's second key goes the other way: Down after Up, End after Home.
fn directed(command: Command, key: Key) -> Command {
    match (command, key) {
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
    fn every_letter_picks_its_choice_on_every_question() {
        for mode in QUESTIONS {
            for (i, c) in ('a'..='z').enumerate() {
                assert_eq!(
                    command(*mode, Key::Char(c)),
                    Some(Command::Pick(i)),
                    "{mode:?} {c}"
                );
                let upper = c.to_ascii_uppercase();
                assert_eq!(
                    command(*mode, Key::Char(upper)),
                    Some(Command::Pick(i)),
                    "{mode:?} {upper}"
                );
            }
        }
    }

    #[test]
    fn no_command_on_a_question_is_a_letter() {
        for b in BINDINGS
            .iter()
            .filter(|b| b.modes.iter().any(|m| QUESTIONS.contains(m)))
        {
            if let Keys::These(keys) = b.keys {
                for key in keys {
                    assert!(
                        !matches!(key, Key::Char(c) if c.is_alphabetic()),
                        "{key:?} is a letter, and a choice's"
                    );
                }
            }
        }
    }

    #[test]
    fn typing_takes_every_printable_key_until_enter_esc_or_tab() {
        for c in ['3', 'q', '*', '#', '?', ' ', 'é'] {
            assert_eq!(command(Typing, Key::Char(c)), Some(Command::Type(c)));
        }
        assert_eq!(command(Typing, Key::Enter), Some(Command::Done));
        assert_eq!(command(Typing, Key::Esc), Some(Command::Cancel));
        assert_eq!(command(Typing, Key::Tab), Some(Command::Cancel));
        assert_eq!(command(Typing, Key::Backspace), Some(Command::Erase));
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
    fn every_mode_shows_its_keys_and_the_question_mark_is_always_in_the_footer() {
        for mode in [PRACTICE, EXAM, Feedback, Review, Results, Opened] {
            let footer = footer(mode, 4, false, false);
            assert!(
                footer.iter().any(|(rank, key, _)| *rank == 0 && key == "?"),
                "{mode:?}"
            );
            assert!(list(mode).iter().any(|(key, _)| *key == "?"), "{mode:?}");
        }
    }
}
