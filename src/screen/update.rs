//! The one function that changes the screen's state: each event (a key, a click,
//! a resize, the clock's tick, a signal) becomes a command through the keymap,
//! and a command either moves the screen (the highlighted row, scrolling, a
//! dialog) or is an [`Action`] on the flow, which decides everything else. What
//! the flow's effects ask of the history is returned to the loop.

use super::event::{Event, Input};
use super::keymap::{self, Command, LineEdit};
use super::layout;
use super::state::{Confirm, Ending, Screen, State, Typing};
use super::view::plan;
use crate::flow::{Action, Effect, Phase};
use crate::present;
use crate::quiz::{Edit, Response};
use tui_input::InputRequest;

/// Applies one event; returns the flow's effects, for the history.
pub fn update(state: &mut State, event: Event) -> Vec<Effect> {
    if event.at > state.now {
        state.now = event.at;
    }
    let mut effects = Vec::new();
    match event.input {
        Input::Tick => act(state, Action::Tick, &mut effects),
        Input::Terminate => {
            act(state, Action::Leave, &mut effects);
            state.ending = Some(Ending::Interrupted);
        }
        Input::Resize(w, h) => {
            state.size = (w, h);
            follow(state);
        }
        Input::WheelUp if ready(state) => scroll_by(state, -3),
        Input::WheelDown if ready(state) => scroll_by(state, 3),
        Input::Click { column, row } if ready(state) => click(state, column, row, &mut effects),
        Input::WheelUp | Input::WheelDown | Input::Click { .. } => {}
        Input::Key(key) => {
            // A key wipes the last news; a new one may come with this key.
            state.message = None;
            if let Some(command) = keymap::command(state.key_mode(), key) {
                run(state, command, &mut effects);
            }
        }
    }
    effects
}

/// Whether the mouse does anything: not over the key list or a small window.
fn ready(state: &State) -> bool {
    !state.help && !layout::too_small(state.size)
}

/// Applies `action` to the flow, tells its notices, and keeps the screen in
/// step with where the flow went.
fn act(state: &mut State, action: Action, effects: &mut Vec<Effect>) {
    let before = (state.flow.phase(), state.opened);
    let now = state.now;
    let new = state.flow.apply(&state.session, action, now);
    for effect in &new {
        if let Effect::Notice(notice) = effect {
            state.message = Some(present::notice(notice, keymap::WORDING));
        }
    }
    effects.extend(new);
    let phase = state.flow.phase();
    if let Some(index) = state.flow.current() {
        state.last_question = index;
    }
    line_for(state);
    if (phase, state.opened) != before {
        // A new page starts at its top, its exhibit unscrolled.
        state.scroll = 0;
        state.hscroll = 0;
        match phase {
            Phase::Review => {
                let rows = state.review_rows();
                state.review_row = rows
                    .iter()
                    .position(|&i| i == state.last_question)
                    .unwrap_or(0);
            }
            Phase::Submitted => {
                // The results open at their top, the score in view.
                state.confirm = None;
                state.help = false;
                state.typing = None;
                state.results_row = 0;
                return;
            }
            _ => {}
        }
        follow(state);
    }
    if phase == Phase::Over && state.ending.is_none() {
        state.ending = Some(if state.flow.complete() {
            Ending::Done
        } else {
            Ending::Quit
        });
    }
}

fn run(state: &mut State, command: Command, effects: &mut Vec<Effect>) {
    let screen = state.screen();
    match command {
        Command::Pick(shown) => {
            act(state, Action::Edit(Edit::Pick(shown)), effects);
            let n = choice_count(state);
            let current = state.current();
            if shown < n
                && let Some(cursor) = state.cursors.get_mut(current)
            {
                *cursor = shown;
            }
            follow(state);
        }
        Command::PickHighlighted => run(state, Command::Pick(state.cursor()), effects),
        Command::Up => step(state, -1),
        Command::Down => step(state, 1),
        Command::First => step(state, isize::MIN / 2),
        Command::Last => step(state, isize::MAX / 2),
        Command::PageUp => scroll_by(state, -page(state)),
        Command::PageDown => scroll_by(state, page(state)),
        Command::Sideways(by) => {
            state.hscroll = state.hscroll.saturating_add_signed(by);
            follow(state);
        }
        Command::Answer => act(state, Action::Answer, effects),
        Command::Skip => act(state, Action::Skip, effects),
        Command::Next => act(state, Action::Next, effects),
        Command::Previous => act(state, Action::Previous, effects),
        Command::Flag => {
            let index = match screen {
                Screen::Review => state.review_rows().get(state.review_row).copied(),
                _ => Some(state.current()),
            };
            if let Some(index) = index {
                act(state, Action::Flag(index), effects);
            }
            let n = state.review_rows().len();
            state.review_row = state.review_row.min(n.saturating_sub(1));
        }
        Command::GoTo => state.typing = Some(Typing::GoTo(String::new())),
        Command::Letters(c) => {
            state.typing = Some(Typing::Order(c.to_ascii_uppercase().to_string()));
        }
        Command::Move(by) => {
            let from = state.cursor();
            let n = choice_count(state);
            let to = from.saturating_add_signed(by).min(n.saturating_sub(1));
            if to != from {
                act(state, Action::Edit(Edit::Move { from, to }), effects);
                let current = state.current();
                if let Some(cursor) = state.cursors.get_mut(current) {
                    *cursor = to;
                }
            }
            follow(state);
        }
        Command::Fill(response) => {
            let premise = state.cursor();
            let before = state.message.clone();
            act(
                state,
                Action::Edit(Edit::Fill {
                    premise,
                    response: Some(response),
                }),
                effects,
            );
            // Filled: on to the next premise.
            if state.message == before {
                step(state, 1);
            }
        }
        Command::Premise(at) => {
            if at < choice_count(state) {
                let current = state.current();
                if let Some(cursor) = state.cursors.get_mut(current) {
                    *cursor = at;
                }
                follow(state);
            }
        }
        Command::Clear => {
            let premise = state.cursor();
            act(
                state,
                Action::Edit(Edit::Fill {
                    premise,
                    response: None,
                }),
                effects,
            );
        }
        Command::Focus(c) => {
            state.focus = true;
            if let Some(c) = c {
                edit_line(state, LineEdit::Insert(c), effects);
            }
        }
        Command::Unfocus => state.focus = false,
        Command::Edit(edit) => edit_line(state, edit, effects),
        Command::Mark(mark) => {
            let index = state.current();
            act(state, Action::Edit(Edit::Mark { index, mark }), effects);
        }
        Command::Review => act(state, Action::Review, effects),
        Command::Open => match screen {
            Screen::Review => {
                if let Some(&index) = state.review_rows().get(state.review_row) {
                    act(state, Action::GoTo(index), effects);
                }
            }
            Screen::Results => {
                state.opened = state.results_order().get(state.results_row).copied();
                state.scroll = 0;
                state.hscroll = 0;
            }
            _ => {}
        },
        Command::Filter => {
            let selected = state.review_rows().get(state.review_row).copied();
            state.filter = state.filter.next();
            let rows = state.review_rows();
            state.review_row = selected
                .and_then(|s| rows.iter().position(|&i| i == s))
                .unwrap_or(0);
            state.scroll = 0;
            follow(state);
        }
        Command::Submit => state.confirm = Some(Confirm::Submit),
        Command::Leave => state.confirm = Some(Confirm::Leave),
        Command::Yes => match state.confirm.take() {
            Some(Confirm::Submit) => act(state, Action::Submit, effects),
            Some(Confirm::Leave) => {
                act(state, Action::Leave, effects);
                state.ending = Some(Ending::Quit);
            }
            None => {}
        },
        Command::No => state.confirm = None,
        Command::Back => match screen {
            Screen::Opened(_) => {
                state.opened = None;
                state.scroll = 0;
                follow(state);
            }
            _ => act(state, Action::GoTo(state.last_question), effects),
        },
        Command::Quit => {
            act(state, Action::Leave, effects);
            state.ending = Some(if state.flow.complete() {
                Ending::Done
            } else {
                Ending::Quit
            });
        }
        Command::Help => state.help = true,
        Command::CloseHelp => state.help = false,
        Command::Picture => state.open_picture = true,
        Command::Interrupt => {
            act(state, Action::Leave, effects);
            state.ending = Some(Ending::Interrupted);
        }
        Command::Type(c) => {
            // A question number has at most six digits; an order, a letter
            // per item (and what a typist adds, spaces and commas).
            let most = match &state.typing {
                Some(Typing::GoTo(_)) => 6,
                _ => 80,
            };
            let order = matches!(state.typing, Some(Typing::Order(_)));
            if let Some(typed) = state.typing.as_mut().map(Typing::text_mut)
                && typed.chars().count() < most
            {
                typed.push(if order { c.to_ascii_uppercase() } else { c });
            }
        }
        Command::Erase => {
            if let Some(typed) = state.typing.as_mut().map(Typing::text_mut) {
                typed.pop();
            }
        }
        Command::Done => match state.typing.take() {
            Some(Typing::GoTo(typed)) => match typed.trim().parse::<usize>() {
                Ok(number) if number >= 1 => act(state, Action::GoTo(number - 1), effects),
                _ => {
                    let questions = state.session.len();
                    let notice = crate::flow::Notice::NoSuchQuestion { questions };
                    state.message = Some(present::notice(&notice, keymap::WORDING));
                }
            },
            Some(Typing::Order(typed)) => {
                let letters: Option<Vec<usize>> = typed
                    .chars()
                    .filter(|c| !c.is_whitespace() && *c != ',')
                    .map(|c| {
                        c.is_ascii_alphabetic()
                            .then(|| usize::from(c.to_ascii_uppercase() as u8 - b'A'))
                    })
                    .collect();
                let edit = Edit::Set(Response::Sequence(letters.unwrap_or_default()));
                act(state, Action::Edit(edit), effects);
            }
            None => {}
        },
        Command::Cancel => state.typing = None,
    }
}

/// How many rows the question up has to move between.
fn choice_count(state: &State) -> usize {
    present::question(&state.session, &state.flow, state.current()).map_or(0, |q| q.rows())
}

/// Keeps the typed answer's line that of the question up: a question put up
/// anew gets its line from the flow's response, the cursor at its end, and
/// the keys.
fn line_for(state: &mut State) {
    let index = state.flow.current();
    if state.input_of == index {
        return;
    }
    state.input_of = index;
    state.focus = true;
    let text = index
        .and_then(|i| state.flow.response(i).typed())
        .unwrap_or("")
        .to_owned();
    state.input = tui_input::Input::new(text);
}

/// An edit of the typed answer's line; a changed text goes to the flow.
fn edit_line(state: &mut State, edit: LineEdit, effects: &mut Vec<Effect>) {
    line_for(state);
    let request = match edit {
        // A line: a line break or tab typed is a space.
        LineEdit::Insert(c) if c.is_control() => InputRequest::InsertChar(' '),
        LineEdit::Insert(c) => InputRequest::InsertChar(c),
        LineEdit::EraseBack => InputRequest::DeletePrevChar,
        LineEdit::EraseForward => InputRequest::DeleteNextChar,
        LineEdit::Left => InputRequest::GoToPrevChar,
        LineEdit::Right => InputRequest::GoToNextChar,
        LineEdit::Start => InputRequest::GoToStart,
        LineEdit::End => InputRequest::GoToEnd,
    };
    // A bound on what one answer may hold: a bank's answers are short.
    if matches!(request, InputRequest::InsertChar(_))
        && state.input.value().chars().count() >= MAX_TYPED
    {
        return;
    }
    let changed = state.input.handle(request).is_some_and(|c| c.value);
    if changed {
        let text = state.input.value().to_owned();
        act(state, Action::Edit(Edit::Type(text)), effects);
    }
}

/// The most characters a typed answer holds: an open attempt of a few
/// paragraphs' worth.
pub const MAX_TYPED: usize = 4000;

/// Up and down: the highlighted choice of a question, the highlighted row of
/// a list, or a line of a feedback screen.
fn step(state: &mut State, delta: isize) {
    match state.screen() {
        Screen::Question if state.shape() == keymap::Shape::Typed => {
            scroll_by(state, delta);
            return;
        }
        Screen::Question => {
            let n = choice_count(state);
            let current = state.current();
            if let Some(cursor) = state.cursors.get_mut(current) {
                *cursor = cursor.saturating_add_signed(delta).min(n.saturating_sub(1));
            }
        }
        Screen::Review => {
            let n = state.review_rows().len();
            state.review_row = state
                .review_row
                .saturating_add_signed(delta)
                .min(n.saturating_sub(1));
        }
        Screen::Results => {
            let n = state.session.len();
            state.results_row = state
                .results_row
                .saturating_add_signed(delta)
                .min(n.saturating_sub(1));
        }
        Screen::Feedback | Screen::Opened(_) => {
            scroll_by(state, delta);
            return;
        }
        Screen::Confirm(_) => return,
    }
    follow(state);
}

fn page(state: &State) -> isize {
    let height = plan(state).areas.body.height;
    isize::try_from(usize::from(height).saturating_sub(1).max(1)).unwrap_or(1)
}

fn scroll_by(state: &mut State, delta: isize) {
    let p = plan(state);
    let max = p
        .body
        .lines
        .len()
        .saturating_sub(usize::from(p.areas.body.height));
    state.scroll = state.scroll.min(max).saturating_add_signed(delta).min(max);
}

/// Keeps the highlighted choice or row in view, and the scroll within the body.
fn follow(state: &mut State) {
    if layout::too_small(state.size) {
        return;
    }
    let p = plan(state);
    let height = usize::from(p.areas.body.height).max(1);
    let target = match state.screen() {
        Screen::Question => Some(state.cursor()),
        Screen::Review | Screen::Confirm(_) => Some(state.review_row),
        Screen::Results => Some(state.results_row),
        _ => None,
    };
    if let Some(range) = target.and_then(|t| p.body.targets.get(t)) {
        if range.start < state.scroll {
            state.scroll = range.start;
        } else if range.end > state.scroll + height {
            state.scroll = (range.end - height).min(range.start);
        }
        // On the first choice, show the stem above it too.
        if target == Some(0) && range.end <= height {
            state.scroll = 0;
        }
    }
    let max = p.body.lines.len().saturating_sub(height);
    state.scroll = state.scroll.min(max);
    state.hscroll = state.hscroll.min(p.body.exhibit_overflow.unwrap_or(0));
}

fn click(state: &mut State, column: u16, row: u16, effects: &mut Vec<Effect>) {
    let p = plan(state);
    let area = p.areas.body;
    if row < area.y || row >= area.bottom() || column < area.x || column >= area.right() {
        return;
    }
    let line = p.top + usize::from(row - area.y);
    let Some(hit) = p.body.targets.iter().position(|r| r.contains(&line)) else {
        return;
    };
    match state.screen() {
        Screen::Question => match state.shape() {
            keymap::Shape::Pick => run(state, Command::Pick(hit), effects),
            _ => {
                let current = state.current();
                if let Some(cursor) = state.cursors.get_mut(current) {
                    *cursor = hit;
                }
            }
        },
        Screen::Review => state.review_row = hit,
        Screen::Results => state.results_row = hit,
        _ => {}
    }
}
