//! The one function that changes the screen's state: each event (a key, a click,
//! a resize, the clock's tick, a signal) moves it on. Pure apart from the
//! session it drives: what must reach the history is left in `state.effects`.

use super::body;
use super::event::{Event, Input, Key};
use super::layout::{self, areas};
use super::state::{Breakdown, Confirm, Effect, Ending, Filter, Results, Screen, State};
use crate::bank::letter;
use crate::quiz::Mode;
use std::time::Duration;

/// Applies one event.
pub fn update(state: &mut State, event: Event) {
    if event.at > state.now {
        state.now = event.at;
    }
    match event.input {
        Input::Tick => tick(state),
        Input::Terminate => state.ending = Some(Ending::Interrupted),
        Input::Resize(w, h) => {
            state.size = (w, h);
            follow(state);
        }
        Input::WheelUp => scroll_by(state, -3),
        Input::WheelDown => scroll_by(state, 3),
        Input::Click { column, row } => click(state, column, row),
        Input::Key(key) => {
            // A key wipes the last advice; a new one may come with this key.
            state.message = None;
            if key == Key::CtrlC {
                ctrl_c(state);
            } else if state.help {
                state.help = false;
            } else if state.goto.is_some() {
                goto_key(state, key);
            } else {
                match state.screen {
                    Screen::Question => question_key(state, key),
                    Screen::Feedback => feedback_key(state, key),
                    Screen::Review => review_key(state, key),
                    Screen::Confirm(confirm) => confirm_key(state, confirm, key),
                    Screen::Results => results_key(state, key),
                    Screen::Opened(_) => opened_key(state, key),
                }
            }
        }
    }
}

/// The clock: an exam at 0:00 submits itself.
fn tick(state: &mut State) {
    if state.mode() != Mode::Exam || state.results.is_some() {
        return;
    }
    if state.time_left() == Some(Duration::ZERO) {
        leave_question(state);
        submit(state, true);
        state.message =
            Some("Time is up: the exam was submitted with the answers given.".to_owned());
    } else if state.deadline.is_some() {
        state.effects.push(Effect::Progress);
    }
}

/// Ctrl-C: in an exam still running, the review screen (it never submits);
/// anywhere else, leave now.
fn ctrl_c(state: &mut State) {
    let running_exam = state.mode() == Mode::Exam && state.results.is_none();
    if running_exam && matches!(state.screen, Screen::Question) {
        state.help = false;
        state.goto = None;
        open_review(state);
    } else {
        state.ending = Some(Ending::Interrupted);
    }
}

fn body_height(state: &State) -> usize {
    usize::from(areas(state.size, state.screen).body.height)
}

fn body_width(state: &State) -> usize {
    usize::from(areas(state.size, state.screen).body.width)
}

fn scroll_by(state: &mut State, delta: isize) {
    let lines = body::build(state, body_width(state)).lines.len();
    let max = lines.saturating_sub(body_height(state));
    state.scroll = state.scroll.saturating_add_signed(delta).min(max);
}

/// Keeps the highlighted choice or row in view, and the scroll within the body.
fn follow(state: &mut State) {
    let built = body::build(state, body_width(state));
    let height = body_height(state).max(1);
    let target = match state.screen {
        Screen::Question => Some(state.draft().cursor),
        Screen::Review | Screen::Confirm(_) => Some(state.review.selected),
        Screen::Results => state.results.as_ref().map(|r| r.selected),
        _ => None,
    };
    if let Some(range) = target.and_then(|t| built.targets.get(t)) {
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
    let max = built.lines.len().saturating_sub(height);
    state.scroll = state.scroll.min(max);
    if let Some(overflow) = built.exhibit_overflow {
        state.hscroll = state.hscroll.min(overflow);
    }
}

fn click(state: &mut State, column: u16, row: u16) {
    if state.help || layout::too_small(state.size) {
        return;
    }
    let area = areas(state.size, state.screen).body;
    if row < area.y || row >= area.bottom() || column < area.x || column >= area.right() {
        return;
    }
    let line = state.scroll + usize::from(row - area.y);
    let built = body::build(state, usize::from(area.width));
    let Some(hit) = built.targets.iter().position(|r| r.contains(&line)) else {
        return;
    };
    match state.screen {
        Screen::Question => pick(state, hit),
        Screen::Review => state.review.selected = hit,
        Screen::Results => {
            if let Some(r) = state.results.as_mut() {
                r.selected = hit;
            }
        }
        _ => {}
    }
}

/// Letter or digit to a choice: `a`/`A` or `1` is the first. Lowercase letters
/// that are commands (f, g, j, k, n, p, q, s) stay commands; their uppercase
/// picks the choice.
fn choice_key(c: char) -> Option<usize> {
    match c {
        'A'..='Z' => Some(c as usize - 'A' as usize),
        'a'..='z' if !"fgjknpqs".contains(c) => Some(c as usize - 'a' as usize),
        '1'..='9' => Some(c as usize - '1' as usize),
        _ => None,
    }
}

fn choice_count(state: &State) -> usize {
    state.asked().map_or(0, |a| a.len())
}

/// Picks choice `shown` (single answer) or toggles it (several).
fn pick(state: &mut State, shown: usize) {
    let n = choice_count(state);
    let several = state.asked().is_some_and(|a| a.prompt.takes_several());
    let exam = state.mode() == Mode::Exam;
    let Some(draft) = state.drafts.get_mut(state.current) else {
        return;
    };
    if shown >= n {
        state.message = Some(format!(
            "{} is not a choice here: the choices are A to {}.",
            letter(shown),
            letter(n.saturating_sub(1))
        ));
        return;
    }
    draft.cursor = shown;
    if several {
        match draft.picks.iter().position(|&p| p == shown) {
            Some(at) => {
                draft.picks.remove(at);
            }
            None => {
                draft.picks.push(shown);
                draft.picks.sort_unstable();
            }
        }
    } else if draft.picks == [shown] && exam {
        draft.picks.clear();
    } else {
        draft.picks = vec![shown];
    }
    if exam {
        let picks = draft.picks.clone();
        state.session.answer_at(state.current, &picks);
    }
    follow(state);
}

fn move_cursor(state: &mut State, delta: isize) {
    let n = choice_count(state);
    if let Some(draft) = state.drafts.get_mut(state.current) {
        draft.cursor = draft
            .cursor
            .saturating_add_signed(delta)
            .min(n.saturating_sub(1));
    }
    follow(state);
}

fn toggle_flag(state: &mut State, index: usize) {
    let flagged = !state.session.flagged(index);
    state.session.set_flag(index, flagged);
    state.message = Some(format!(
        "Question {} {}.",
        index + 1,
        if flagged { "flagged" } else { "unflagged" }
    ));
    state.effects.push(Effect::Progress);
}

/// Shows question `index` from the top.
fn show_question(state: &mut State, index: usize) {
    state.current = index.min(state.session.len().saturating_sub(1));
    state.screen = Screen::Question;
    state.scroll = 0;
    state.hscroll = 0;
    state.shown_at = state.now;
    follow(state);
}

fn page(state: &State) -> isize {
    isize::try_from(body_height(state).saturating_sub(1).max(1)).unwrap_or(1)
}

/// Keys that scroll any screen: PgUp, PgDn, Home, End, and `<`/`>` for the exhibit.
fn scroll_key(state: &mut State, key: Key) -> bool {
    match key {
        Key::PageUp => scroll_by(state, -page(state)),
        Key::PageDown => scroll_by(state, page(state)),
        Key::ShiftLeft | Key::Char('<') => {
            state.hscroll = state.hscroll.saturating_sub(8);
        }
        Key::ShiftRight | Key::Char('>') => {
            state.hscroll += 8;
            follow(state);
        }
        _ => return false,
    }
    true
}

fn question_key(state: &mut State, key: Key) {
    let exam = state.mode() == Mode::Exam;
    if scroll_key(state, key) {
        return;
    }
    match key {
        Key::Char(c) if choice_key(c).is_some() => {
            if let Some(shown) = choice_key(c) {
                pick(state, shown);
            }
        }
        Key::Up | Key::Char('k') => move_cursor(state, -1),
        Key::Down | Key::Char('j') => move_cursor(state, 1),
        Key::Home => move_cursor(state, isize::MIN / 2),
        Key::End => move_cursor(state, isize::MAX / 2),
        Key::Char(' ') => pick(state, state.draft().cursor),
        Key::Enter => answer(state),
        Key::Char('s') => skip(state),
        Key::Char('f') => toggle_flag(state, state.current),
        Key::Char('?') => state.help = true,
        Key::Char('q') | Key::Esc if exam => open_review(state),
        Key::Char('q') | Key::Esc => state.ending = Some(Ending::Quit),
        Key::Left | Key::Char('p') if exam => step(state, -1),
        Key::Right | Key::Char('n') if exam => step(state, 1),
        Key::Char('g') if exam => state.goto = Some(String::new()),
        _ => {}
    }
}

/// Enter on a question: practice answers and shows the feedback; an exam keeps
/// the answer and moves on (to the review screen after the last question).
fn answer(state: &mut State) {
    let draft = state.draft();
    let several = state.asked().is_some_and(|a| a.prompt.takes_several());
    let picks = if draft.picks.is_empty() && !several {
        vec![draft.cursor]
    } else {
        draft.picks.clone()
    };
    if picks.is_empty() {
        state.message = Some(
            "Nothing is ticked: tick choices with their letters or Space, or press s to skip."
                .to_owned(),
        );
        return;
    }
    if let Some(d) = state.drafts.get_mut(state.current) {
        d.picks.clone_from(&picks);
    }
    match state.mode() {
        Mode::Practice => {
            let outcome = state.session.answer(&picks);
            practice_feedback(state, outcome);
        }
        Mode::Exam => {
            state.session.answer_at(state.current, &picks);
            step(state, 1);
        }
    }
}

/// `s`: practice skips (the feedback then shows the answer); an exam moves on,
/// leaving the question as it is.
fn skip(state: &mut State) {
    match state.mode() {
        Mode::Practice => {
            let outcome = state.session.skip();
            practice_feedback(state, outcome);
        }
        Mode::Exam => step(state, 1),
    }
}

fn practice_feedback(state: &mut State, outcome: Option<crate::quiz::Outcome>) {
    let Some(outcome) = outcome else {
        return;
    };
    let taken = state.now.duration_since(state.shown_at).unwrap_or_default();
    state.effects.push(Effect::Record {
        index: state.current,
        outcome: outcome.clone(),
        taken,
    });
    if state.session.next().is_none() {
        state.effects.push(Effect::Finished);
    }
    state.feedback = Some(outcome);
    state.screen = Screen::Feedback;
    state.scroll = 0;
    scroll_to_choices(state);
}

/// On a feedback screen longer than the window, starts at the choices: the
/// stem was just read, and the verdict stays in view above the body.
fn scroll_to_choices(state: &mut State) {
    let built = body::build(state, body_width(state));
    let height = body_height(state);
    if built.lines.len() > height {
        let first = built.targets.first().map_or(0, |r| r.start);
        state.scroll = first.min(built.lines.len() - height);
    }
}

/// Exam: records the current question's answer in the history if it changed.
fn leave_question(state: &mut State) {
    if state.mode() != Mode::Exam || state.results.is_some() {
        return;
    }
    let index = state.current;
    let given = state.session.given(index).map(<[usize]>::to_vec);
    let before = state.recorded.get(index).cloned().flatten();
    if given == before {
        return;
    }
    let outcome = match given.as_deref() {
        Some(g) if !g.is_empty() => state.session.outcome(index),
        // Cleared after it was answered: the history must not keep the old answer.
        _ if before.is_some() => state.session.result(index),
        _ => None,
    };
    if let Some(outcome) = outcome {
        let taken = state.now.duration_since(state.shown_at).unwrap_or_default();
        state.effects.push(Effect::Record {
            index,
            outcome,
            taken,
        });
    }
    if let Some(slot) = state.recorded.get_mut(index) {
        *slot = given.filter(|g| !g.is_empty());
    }
}

/// Exam: the previous or next question; past the last, the review screen.
fn step(state: &mut State, delta: isize) {
    leave_question(state);
    let next = state.current.checked_add_signed(delta);
    match next {
        Some(i) if i < state.session.len() => show_question(state, i),
        Some(_) => open_review(state),
        None => state.message = Some("This is the first question.".to_owned()),
    }
}

fn goto_key(state: &mut State, key: Key) {
    let Some(typed) = state.goto.as_mut() else {
        return;
    };
    match key {
        Key::Char(c) if c.is_ascii_digit() && typed.len() < 6 => typed.push(c),
        Key::Backspace => {
            typed.pop();
        }
        Key::Enter => {
            let n = state.session.len();
            match typed.parse::<usize>() {
                Ok(k) if (1..=n).contains(&k) => {
                    state.goto = None;
                    leave_question(state);
                    show_question(state, k - 1);
                }
                _ => {
                    state.goto = None;
                    state.message = Some(format!("Type a question number from 1 to {n}."));
                }
            }
        }
        Key::Esc => state.goto = None,
        _ => {}
    }
}

fn feedback_key(state: &mut State, key: Key) {
    if scroll_key(state, key) {
        return;
    }
    match key {
        Key::Enter | Key::Right | Key::Char('n') => {
            state.feedback = None;
            if state.session.next().is_some() {
                let next = state.session.position();
                show_question(state, next);
            } else {
                state.ending = Some(Ending::Done);
            }
        }
        Key::Up | Key::Char('k') => scroll_by(state, -1),
        Key::Down | Key::Char('j') => scroll_by(state, 1),
        Key::Home => state.scroll = 0,
        Key::End => scroll_by(state, isize::MAX / 2),
        Key::Char('f') => toggle_flag(state, state.current),
        Key::Char('?') => state.help = true,
        Key::Char('q') | Key::Esc => {
            state.ending = Some(if state.complete() {
                Ending::Done
            } else {
                Ending::Quit
            });
        }
        _ => {}
    }
}

fn open_review(state: &mut State) {
    leave_question(state);
    state.screen = Screen::Review;
    state.scroll = 0;
    let rows = state.review_rows();
    state.review.selected = rows.iter().position(|&i| i == state.current).unwrap_or(0);
    follow(state);
}

fn review_key(state: &mut State, key: Key) {
    let rows = state.review_rows();
    let selected = rows.get(state.review.selected).copied();
    if scroll_key(state, key) {
        return;
    }
    match key {
        Key::Up | Key::Char('k') => {
            state.review.selected = state.review.selected.saturating_sub(1);
            follow(state);
        }
        Key::Down | Key::Char('j') => {
            state.review.selected = (state.review.selected + 1).min(rows.len().saturating_sub(1));
            follow(state);
        }
        Key::Home => {
            state.review.selected = 0;
            follow(state);
        }
        Key::End => {
            state.review.selected = rows.len().saturating_sub(1);
            follow(state);
        }
        Key::Enter => {
            if let Some(index) = selected {
                show_question(state, index);
            }
        }
        Key::Tab => {
            state.review.filter = state.review.filter.next();
            let rows = state.review_rows();
            state.review.selected = selected
                .and_then(|s| rows.iter().position(|&i| i == s))
                .unwrap_or(0);
            state.scroll = 0;
            follow(state);
        }
        Key::Char('f') => {
            if let Some(index) = selected {
                toggle_flag(state, index);
                if state.review.filter == Filter::Flagged {
                    let n = state.review_rows().len();
                    state.review.selected = state.review.selected.min(n.saturating_sub(1));
                }
            }
        }
        Key::Char('s') => state.screen = Screen::Confirm(Confirm::Submit),
        Key::Char('q') => state.screen = Screen::Confirm(Confirm::Leave),
        Key::Esc => show_question(state, state.current),
        Key::Char('?') => state.help = true,
        _ => {}
    }
}

fn confirm_key(state: &mut State, confirm: Confirm, key: Key) {
    match (confirm, key) {
        (Confirm::Submit, Key::Char('y' | 'Y') | Key::Enter) => submit(state, false),
        (Confirm::Leave, Key::Char('y' | 'Y')) => state.ending = Some(Ending::Quit),
        (_, Key::Char('n' | 'N') | Key::Esc | Key::Char('q')) => state.screen = Screen::Review,
        _ => {}
    }
}

/// Ends the exam: every question scored (unanswered ones score nothing and the
/// history says so), then the results screen.
fn submit(state: &mut State, time_up: bool) {
    let n = state.session.len();
    for index in 0..n {
        if !state.answered(index)
            && let Some(outcome) = state.session.result(index)
        {
            state.effects.push(Effect::Record {
                index,
                outcome,
                taken: Duration::ZERO,
            });
        }
    }
    let summary = state.session.summary(time_up);
    let outcomes: Vec<_> = (0..n).filter_map(|i| state.session.result(i)).collect();
    let mut order: Vec<usize> = (0..outcomes.len()).collect();
    order.sort_by_key(|&i| (outcomes[i].is_right(), i));
    state.results = Some(Results {
        breakdown: Breakdown::of(&summary),
        summary,
        outcomes,
        order,
        selected: 0,
    });
    state.effects.push(Effect::Finished);
    state.screen = Screen::Results;
    state.scroll = 0;
    state.help = false;
    state.goto = None;
}

fn results_key(state: &mut State, key: Key) {
    if scroll_key(state, key) {
        return;
    }
    let Some(results) = state.results.as_mut() else {
        return;
    };
    let last = results.order.len().saturating_sub(1);
    match key {
        Key::Up | Key::Char('k') => results.selected = results.selected.saturating_sub(1),
        Key::Down | Key::Char('j') => results.selected = (results.selected + 1).min(last),
        Key::Home => results.selected = 0,
        Key::End => results.selected = last,
        Key::Enter | Key::Right => {
            if let Some(&index) = results.order.get(results.selected) {
                state.screen = Screen::Opened(index);
                state.scroll = 0;
                state.hscroll = 0;
                scroll_to_choices(state);
                return;
            }
        }
        Key::Char('?') => state.help = true,
        Key::Char('q') | Key::Esc => state.ending = Some(Ending::Done),
        _ => {}
    }
    follow(state);
}

fn opened_key(state: &mut State, key: Key) {
    if scroll_key(state, key) {
        return;
    }
    match key {
        Key::Up | Key::Char('k') => scroll_by(state, -1),
        Key::Down | Key::Char('j') => scroll_by(state, 1),
        Key::Home => state.scroll = 0,
        Key::End => scroll_by(state, isize::MAX / 2),
        Key::Enter | Key::Esc | Key::Left | Key::Char('q') => {
            state.screen = Screen::Results;
            state.scroll = 0;
            follow(state);
        }
        Key::Char('?') => state.help = true,
        _ => {}
    }
}
