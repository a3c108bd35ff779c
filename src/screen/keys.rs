//! The keys of each screen, written once: the footer shows the main ones, and `?`
//! lists them all.

use super::state::{Screen, State};
use crate::bank::letter;
use crate::quiz::Mode;

/// (key, what it does) pairs.
pub type Keys = Vec<(String, &'static str)>;

fn k(key: &str, what: &'static str) -> (String, &'static str) {
    (key.to_owned(), what)
}

/// The keys shown in the footer, most useful first; `? keys` last.
pub fn footer(state: &State, wide_exhibit: bool) -> Keys {
    let exam = state.mode() == Mode::Exam;
    let n = state.asked().map_or(0, |a| a.len());
    let several = state.asked().is_some_and(|a| a.prompt.takes_several());
    let mut keys = match state.screen {
        Screen::Question => {
            let mut keys = vec![
                k(
                    &format!("A–{}", letter(n.saturating_sub(1))),
                    if several { "tick" } else { "pick" },
                ),
                k("↑↓", "move"),
                k("Enter", if exam { "answer, next" } else { "answer" }),
            ];
            if exam {
                keys.push(k("←→", "previous/next"));
                keys.push(k("g", "go to"));
            } else {
                keys.push(k("s", "skip"));
            }
            keys.push(k("f", "flag"));
            if wide_exhibit {
                keys.push(k("< >", "exhibit sideways"));
            }
            keys.push(k("q", if exam { "review" } else { "quit" }));
            keys
        }
        Screen::Feedback => vec![
            k("Enter/→", "next question"),
            k("↑↓ PgUp PgDn", "scroll"),
            k("f", "flag"),
            k("q", "quit"),
        ],
        Screen::Review | Screen::Confirm(_) => vec![
            k("↑↓", "move"),
            k("Enter", "open"),
            k("s", "submit"),
            k("Tab", "filter"),
            k("f", "flag"),
            k("Esc", "back"),
            k("q", "leave"),
        ],
        Screen::Results => vec![
            k("↑↓", "move"),
            k("Enter", "open"),
            k("PgUp PgDn", "scroll"),
            k("q", "quit"),
        ],
        Screen::Opened(_) => vec![
            k("↑↓ PgUp PgDn", "scroll"),
            k("Esc/Enter", "back to results"),
        ],
    };
    keys.push(k("?", "keys"));
    keys
}

/// Every key of the current screen, for the `?` list.
pub fn all(state: &State) -> Keys {
    all_for(state.screen, state.mode())
}

pub fn all_for(screen: Screen, mode: Mode) -> Keys {
    let exam = mode == Mode::Exam;
    let mut keys = match screen {
        Screen::Question => {
            let mut keys = vec![
                k("a–z 1–9", "pick a choice (tick, if several)"),
                k("A–Z", "the same, for F G J K N P Q S"),
                k("↑ ↓ k j", "move between the choices"),
                k("Space", "pick or tick the highlighted one"),
                k(
                    "Enter",
                    if exam {
                        "keep the answer, next question"
                    } else {
                        "answer (the highlighted one if none)"
                    },
                ),
                k(
                    "s",
                    if exam {
                        "next question, this one as it is"
                    } else {
                        "skip: see the answer, no point"
                    },
                ),
                k("f", "flag or unflag (the answer stays)"),
            ];
            if exam {
                keys.push(k("← → p n", "the previous or next question"));
                keys.push(k("g", "go to a question by number"));
                keys.push(k("q Esc Ctrl-C", "review screen (submits nothing)"));
            } else {
                keys.push(k("q Esc", "end the quiz, with the summary"));
                keys.push(k("Ctrl-C", "end now (exit status 130)"));
            }
            keys
        }
        Screen::Feedback => vec![
            k("Enter → n", "the next question"),
            k("↑ ↓ PgUp PgDn", "scroll the feedback"),
            k("f", "flag or unflag this question"),
            k("q Esc", "end the quiz, with the summary"),
            k("Ctrl-C", "end now (exit status 130)"),
        ],
        Screen::Review | Screen::Confirm(_) => vec![
            k("↑ ↓ k j", "move between the questions"),
            k("Enter", "open the question"),
            k("Tab", "all, only flagged, only unanswered"),
            k("f", "flag or unflag the question"),
            k("s", "submit the exam (asks first)"),
            k("Esc", "back to the question"),
            k("q", "leave, not submitted (asks first)"),
            k("Ctrl-C", "leave now, not submitted (130)"),
        ],
        Screen::Results => vec![
            k("↑ ↓ k j", "move between the questions"),
            k("Enter", "open the question's feedback"),
            k("PgUp PgDn", "scroll"),
            k("q Esc", "quit, with the summary"),
        ],
        Screen::Opened(_) => vec![
            k("↑ ↓ PgUp PgDn", "scroll the feedback"),
            k("Esc Enter ←", "back to the results"),
        ],
    };
    keys.push(k("< >", "scroll a wide exhibit sideways"));
    keys.push(k("?", "this list"));
    keys
}
