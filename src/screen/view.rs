//! Draws the state, and changes nothing: the header (title, position, score or
//! clock, flags), the body at its scroll, a line of news, the footer naming the
//! keys of the screen, and over them the key list or a confirmation.

use super::body::{self, verdict};
use super::keys;
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH, areas};
use super::state::{Confirm, Screen, State};
use super::text::{truncate, width};
use crate::quiz::Mode;
use crate::quiz::clock::format_left;
use crate::report::points;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use std::time::Duration;

pub fn view(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let size = (area.width, area.height);
    if layout::too_small(size) {
        too_small(frame, area);
        return;
    }
    let a = areas(size, state.screen);
    header(state, frame, a.header);
    if let Some((index, outcome)) = state.shown_outcome() {
        let mut line = verdict(outcome, state.mode() == Mode::Exam, state.theme);
        if let Some(Some(note)) = state.notes.get(index) {
            line.spans.push(Span::raw("  "));
            line.spans
                .push(Span::styled(note.clone(), state.theme.warn()));
        }
        frame.render_widget(Paragraph::new(line), inset(a.status));
    }
    let built = body::build(state, usize::from(a.body.width));
    let height = usize::from(a.body.height);
    let total = built.lines.len();
    let top = state.scroll.min(total.saturating_sub(height));
    let wide_exhibit = built.exhibit_overflow.is_some();
    let shown: Vec<Line> = built.lines.iter().skip(top).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(shown), a.body);
    let below = total.saturating_sub(top + height);
    message(state, frame, a.message, top, below);
    footer(state, frame, a.footer, wide_exhibit);
    if let Screen::Confirm(confirm) = state.screen {
        dialog(state, frame, area, confirm);
    }
    if state.help {
        help(state, frame, area);
    }
}

/// The addresses on screen now, for the loop to turn into terminal hyperlinks
/// (OSC 8) over the text already drawn: their column and row, the address, and
/// as much of it as the window shows.
pub fn visible_links(state: &State, size: (u16, u16)) -> Vec<(u16, u16, String, String)> {
    if layout::too_small(size) || state.help || state.shown_outcome().is_none() {
        return Vec::new();
    }
    let a = areas(size, state.screen);
    let built = body::build(state, usize::from(a.body.width));
    let height = usize::from(a.body.height);
    let top = state.scroll.min(built.lines.len().saturating_sub(height));
    built
        .links
        .iter()
        .filter(|l| (top..top + height).contains(&l.line))
        .filter_map(|l| {
            let room = usize::from(a.body.width).checked_sub(l.column)?;
            let shown = truncate(&l.url, room);
            // A cut address would link to the whole one: only whole ones link.
            (shown == l.url).then(|| {
                let x = a.body.x + u16::try_from(l.column).unwrap_or(0);
                let y = a.body.y + u16::try_from(l.line - top).unwrap_or(0);
                (x, y, l.url.clone(), shown)
            })
        })
        .collect()
}

/// A row less a column of margin on each side.
fn inset(area: Rect) -> Rect {
    Rect::new(
        area.x + 1.min(area.width),
        area.y,
        area.width.saturating_sub(2),
        area.height,
    )
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "This window is {}×{}; quiz needs at least {MIN_WIDTH}×{MIN_HEIGHT}. \
         Make it bigger, or press q to quit.",
        area.width, area.height
    );
    let y = area.height / 2;
    let rect = Rect::new(
        0,
        y.saturating_sub(1),
        area.width,
        area.height - y.saturating_sub(1),
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// A bar with `left` and `right` parts, the right one dropped when they do not fit.
fn bar(left: Vec<Span<'static>>, right: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let lw: usize = left.iter().map(|s| width(&s.content)).sum();
    let rw: usize = right.iter().map(|s| width(&s.content)).sum();
    let mut spans = vec![Span::raw(" ")];
    if lw + rw + 3 <= w {
        spans.extend(left);
        spans.push(Span::raw(" ".repeat(w - lw - rw - 2)));
        spans.extend(right);
    } else {
        let text: String = left.iter().map(|s| s.content.as_ref()).collect();
        spans.push(Span::raw(truncate(&text, w.saturating_sub(2))));
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

fn header(state: &State, frame: &mut Frame, area: Rect) {
    let t = state.theme;
    let w = usize::from(area.width);
    let mode = match state.mode() {
        Mode::Practice => "practice".to_owned(),
        Mode::Exam => match state.session.options().scale {
            Some(scale) => format!("exam · {}", scale.pass_at()),
            None => format!(
                "exam · pass mark {}%",
                points(state.session.options().pass_mark)
            ),
        },
    };
    let top = bar(
        vec![Span::styled(state.title.clone(), t.bold())],
        vec![Span::raw(mode)],
        w,
    );
    let n = state.session.len();
    let place = match state.screen {
        Screen::Question | Screen::Feedback => format!("Question {} of {n}", state.current + 1),
        Screen::Opened(i) => format!("Question {} of {n} · results", i + 1),
        Screen::Review | Screen::Confirm(_) => "Review".to_owned(),
        Screen::Results => "Results".to_owned(),
    };
    let mut right: Vec<Span> = Vec::new();
    match state.mode() {
        Mode::Practice => {
            let (got, asked) = state.session.score();
            right.push(Span::raw(format!("Score {}/{asked}", points(got))));
        }
        Mode::Exam if state.results.is_none() => {
            if let Some(left) = state.time_left() {
                right.push(clock(state, left));
                right.push(Span::raw(" · "));
            }
            right.push(Span::raw(format!(
                "{}/{n} answered",
                state.answered_count()
            )));
        }
        Mode::Exam => right.push(Span::raw("submitted")),
    }
    let flagged = state.flagged_count();
    if flagged > 0 {
        right.push(Span::raw(format!(" · ⚑ {flagged} flagged")));
    }
    if matches!(state.screen, Screen::Question) && state.session.flagged(state.current) {
        right.push(Span::raw(" · this one ⚑"));
    }
    let second = bar(vec![Span::raw(place)], right, w);
    frame.render_widget(Paragraph::new(vec![top, second]).style(t.bar()), area);
}

/// The time left, in yellow in the last tenth and red in the last minute.
fn clock(state: &State, left: Duration) -> Span<'static> {
    let t = state.theme;
    let text = format!("⏱ {} left", format_left(left));
    let tenth = state.limit.map_or(Duration::ZERO, |l| l / 10);
    if left <= Duration::from_secs(60) {
        Span::styled(text, t.bad())
    } else if left <= tenth {
        Span::styled(text, t.warn())
    } else {
        Span::raw(text)
    }
}

fn message(state: &State, frame: &mut Frame, area: Rect, above: usize, below: usize) {
    let t = state.theme;
    let w = usize::from(area.width);
    let more = match (above > 0, below > 0) {
        (_, true) => format!(
            "↓ {below} more line{} (PgDn)",
            if below == 1 { "" } else { "s" }
        ),
        (true, false) => "↑ more above (PgUp)".to_owned(),
        (false, false) => String::new(),
    };
    let left = match &state.goto {
        Some(typed) => format!(
            "Go to question (1–{}): {typed}▏ Enter goes, Esc cancels",
            state.session.len()
        ),
        None => state.message.clone().unwrap_or_default(),
    };
    let line = bar(
        vec![Span::styled(left, t.warn())],
        vec![Span::styled(more, t.dim())],
        w,
    );
    frame.render_widget(Paragraph::new(line), area);
}

fn footer(state: &State, frame: &mut Frame, area: Rect, wide_exhibit: bool) {
    let t = state.theme;
    let w = usize::from(area.width);
    let mut spans = vec![Span::raw(" ")];
    let items = keys::footer(state, wide_exhibit);
    let size = |(key, what): &(String, &str)| width(key) + 1 + width(what) + 2;
    // The last two (quit and `?`) are always shown; the others while they fit.
    let kept = items.len().saturating_sub(2);
    let mut used = 1 + items[kept..].iter().map(size).sum::<usize>();
    let mut shown = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i >= kept || used + size(item) <= w {
            if i < kept {
                used += size(item);
            }
            shown.push(item);
        }
    }
    for (key, what) in shown {
        spans.push(Span::styled(key.to_string(), t.bold()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.bar()), area);
}

/// A box in the middle of the screen with `lines`, the screen behind cleared.
fn popup(frame: &mut Frame, area: Rect, title: &str, lines: Vec<Line<'static>>) {
    let widest = lines.iter().map(|l| l.width()).max().unwrap_or(0);
    let w = (widest + 4)
        .max(width(title) + 6)
        .min(usize::from(area.width) - 2);
    // Wrapped here, not by the paragraph, so that the box is as tall as its
    // text: a line wrapped out of sight would hide the keys under it.
    let lines = fit(lines, w.saturating_sub(4));
    let h = (lines.len() + 2).min(usize::from(area.height) - 2);
    let w = u16::try_from(w).unwrap_or(area.width);
    let h = u16::try_from(h).unwrap_or(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(format!(" {title} "))
                .padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        rect,
    );
}

/// `lines` wrapped at word boundaries to `inner` columns, each keeping its style.
fn fit(lines: Vec<Line<'static>>, inner: usize) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= inner {
            out.push(line);
            continue;
        }
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let style = line
            .spans
            .first()
            .map_or(line.style, |s| line.style.patch(s.style));
        out.extend(
            super::text::wrapped(&text, inner)
                .into_iter()
                .map(|row| Line::styled(row, style)),
        );
    }
    out
}

fn dialog(state: &State, frame: &mut Frame, area: Rect, confirm: Confirm) {
    let t = state.theme;
    let n = state.session.len();
    let unanswered = n - state.answered_count();
    let flagged = state.flagged_count();
    let (title, lines) = match confirm {
        Confirm::Submit => (
            "Submit the exam?",
            vec![
                Line::raw(format!(
                    "{unanswered} of {n} unanswered, {flagged} flagged."
                )),
                Line::raw(if unanswered > 0 {
                    "Unanswered questions score nothing."
                } else {
                    "Every question has an answer."
                }),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", t.bold()),
                    Span::raw(" or "),
                    Span::styled("Enter", t.bold()),
                    Span::raw(" submit    "),
                    Span::styled("n", t.bold()),
                    Span::raw(" or "),
                    Span::styled("Esc", t.bold()),
                    Span::raw(" keep working"),
                ]),
            ],
        ),
        Confirm::Leave => (
            "Leave without submitting?",
            vec![
                Line::raw(format!(
                    "Your answers are kept: `quiz run --resume` continues the exam{}.",
                    state
                        .time_left()
                        .map(|l| format!(" with {} left", format_left(l)))
                        .unwrap_or_default()
                )),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", t.bold()),
                    Span::raw(" leave    "),
                    Span::styled("n", t.bold()),
                    Span::raw(" or "),
                    Span::styled("Esc", t.bold()),
                    Span::raw(" stay"),
                ]),
            ],
        ),
    };
    popup(frame, area, title, lines);
}

fn help(state: &State, frame: &mut Frame, area: Rect) {
    let t = state.theme;
    let items = keys::all(state);
    let key_width = items.iter().map(|(k, _)| width(k)).max().unwrap_or(0);
    let room = usize::from(area.width).saturating_sub(8);
    let lines: Vec<Line> = items
        .into_iter()
        .flat_map(|(key, what)| {
            let head = vec![Span::styled(format!("{key:key_width$}  "), t.bold())];
            super::text::wrap_hanging(head, what, room, Style::new())
        })
        .collect();
    popup(frame, area, "Keys (any key closes)", lines);
}
