//! The page's buttons and the keys that press them: the full screen's keys
//! (`crate::screen::keymap`), where they fit a browser. Each button names the
//! screen's mode and command it stands for, and its keys are read from the
//! keymap, so that a key does in the browser what it does on the screen. The
//! page carries them as `data-keys`; the script only presses the button whose
//! key was typed.

use crate::screen::Key;
use crate::screen::keymap::{self, Command, Mode};

/// What a button does, as the form sends it (`do=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Do {
    Answer,
    Skip,
    Next,
    Previous,
    Flag,
    Review,
    GoTo,
    /// The review: ask before submitting.
    Submit,
    /// The submit dialog: yes.
    Confirm,
    /// Leave an exam unsubmitted (asks first), or end practice.
    Leave,
    /// The leave dialog: yes.
    ConfirmLeave,
    /// Back to the question (the review), or to the results (a question opened).
    Back,
    /// An open question's own mark, once its model answer is shown.
    MarkRight,
    MarkPartly,
    MarkWrong,
}

impl Do {
    pub const ALL: [Do; 15] = [
        Do::Answer,
        Do::Skip,
        Do::Next,
        Do::Previous,
        Do::Flag,
        Do::Review,
        Do::GoTo,
        Do::Submit,
        Do::Confirm,
        Do::Leave,
        Do::ConfirmLeave,
        Do::Back,
        Do::MarkRight,
        Do::MarkPartly,
        Do::MarkWrong,
    ];

    pub fn value(self) -> &'static str {
        match self {
            Do::Answer => "answer",
            Do::Skip => "skip",
            Do::Next => "next",
            Do::Previous => "previous",
            Do::Flag => "flag",
            Do::Review => "review",
            Do::GoTo => "goto",
            Do::Submit => "submit",
            Do::Confirm => "confirm",
            Do::Leave => "leave",
            Do::ConfirmLeave => "confirm-leave",
            Do::Back => "back",
            Do::MarkRight => "mark-right",
            Do::MarkPartly => "mark-partly",
            Do::MarkWrong => "mark-wrong",
        }
    }

    /// The mark it gives, for the three marks.
    pub fn mark(self) -> Option<crate::quiz::SelfMark> {
        use crate::quiz::SelfMark;
        match self {
            Do::MarkRight => Some(SelfMark::Right),
            Do::MarkPartly => Some(SelfMark::Partly),
            Do::MarkWrong => Some(SelfMark::Wrong),
            _ => None,
        }
    }

    pub fn parse(value: &str) -> Option<Do> {
        Do::ALL.into_iter().find(|d| d.value() == value)
    }
}

/// A button of a page: what it does, its words, and the keys that press it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub does: Do,
    pub label: &'static str,
    pub keys: Vec<Key>,
    /// The page's main action, drawn as such.
    pub primary: bool,
}

/// Keys a browser can give and the screen binds: named keys and signs, never
/// Tab (the browser's way between controls) or Ctrl-C.
const CANDIDATES: [Key; 17] = [
    Key::Enter,
    Key::Esc,
    Key::Left,
    Key::Right,
    Key::Char('*'),
    Key::Char('#'),
    Key::Char('?'),
    Key::Char('s'),
    Key::Char('q'),
    Key::Char('y'),
    Key::Char('p'),
    Key::Char('n'),
    Key::Up,
    Key::Down,
    Key::Home,
    Key::End,
    Key::Backspace,
];

/// The keys that give `command` in the screen's `mode`.
pub fn keys(mode: Mode, command: Command) -> Vec<Key> {
    CANDIDATES
        .into_iter()
        .filter(|&key| keymap::command(mode, key) == Some(command))
        .collect()
}

pub fn button(does: Do, label: &'static str, mode: Mode, command: Command) -> Button {
    Button {
        does,
        label,
        keys: keys(mode, command),
        primary: false,
    }
}

impl Button {
    pub fn primary(self) -> Button {
        Button {
            primary: true,
            ..self
        }
    }
}

/// A key as the script reads it (`KeyboardEvent.key`).
pub fn event_name(key: Key) -> String {
    match key {
        Key::Enter => "Enter".to_owned(),
        Key::Esc => "Escape".to_owned(),
        Key::Left => "ArrowLeft".to_owned(),
        Key::Right => "ArrowRight".to_owned(),
        Key::Up => "ArrowUp".to_owned(),
        Key::Down => "ArrowDown".to_owned(),
        Key::Home => "Home".to_owned(),
        Key::End => "End".to_owned(),
        Key::Backspace => "Backspace".to_owned(),
        Key::Char(c) => c.to_string(),
        _ => String::new(),
    }
}

/// A key as a person reads it, as the screen's footer names it.
pub fn shown(key: Key) -> String {
    match key {
        Key::Enter => "Enter".to_owned(),
        Key::Esc => "Esc".to_owned(),
        Key::Left => "←".to_owned(),
        Key::Right => "→".to_owned(),
        Key::Up => "↑".to_owned(),
        Key::Down => "↓".to_owned(),
        Key::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    }
}

/// The `data-keys` of a button: its keys as the script reads them.
pub fn data_keys(keys: &[Key]) -> String {
    keys.iter()
        .map(|&k| event_name(k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys of the browser's pages for the `?` list, in the screen's words:
/// each line of the screen's list whose keys a browser has.
pub fn list(mode: Mode) -> Vec<(&'static str, &'static str)> {
    keymap::list(mode)
        .into_iter()
        .filter(|(key, _)| {
            !matches!(
                *key,
                "Tab" | "Ctrl-C" | "Ctrl-O" | "PgUp PgDn" | "< >" | "any key" | "Home End"
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::Mode as QuizMode;

    #[test]
    fn the_buttons_keys_are_the_screens() {
        let practice = Mode::Question(QuizMode::Practice, crate::screen::keymap::Shape::Pick);
        let exam = Mode::Question(QuizMode::Exam, crate::screen::keymap::Shape::Pick);
        assert_eq!(keys(practice, Command::Answer), [Key::Enter]);
        assert_eq!(keys(practice, Command::Skip), [Key::Right]);
        assert_eq!(keys(practice, Command::Flag), [Key::Char('*')]);
        assert_eq!(keys(exam, Command::Previous), [Key::Left]);
        assert_eq!(keys(exam, Command::Next), [Key::Right]);
        assert_eq!(keys(exam, Command::Review), [Key::Esc]);
        assert_eq!(keys(Mode::Review, Command::Submit), [Key::Char('s')]);
        assert_eq!(
            keys(Mode::ConfirmSubmit, Command::Yes),
            [Key::Enter, Key::Char('y')]
        );
        assert_eq!(
            keys(Mode::Feedback(false), Command::Next),
            [Key::Enter, Key::Right]
        );
        assert_eq!(data_keys(&[Key::Enter, Key::Esc]), "Enter Escape");
    }

    #[test]
    fn every_action_is_read_back() {
        for does in Do::ALL {
            assert_eq!(Do::parse(does.value()), Some(does));
        }
        assert_eq!(Do::parse("delete"), None);
    }
}
