//! Draws the state, and changes nothing: the header (title, position, score or
//! clock, flags), the body at its scroll, the news, the footer naming the keys
//! of the screen, and over them the key list or a dialog. Every word comes from
//! `crate::present` or the keymap.

use super::body::{self, Body, verdict};
use super::keymap;
use super::layout::{self, Areas, MIN_HEIGHT, MIN_WIDTH, areas};
use super::state::{Confirm, Screen, State, Typing};
use super::text::{truncate, width, wrapped};
use crate::present::{self, Part, Tone};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Where everything goes in a window of the state's size: the areas, the body
/// and its first line shown, the news and the scroll marker. The update
/// measures by it too, so that both agree.
pub struct Plan {
    pub areas: Areas,
    pub body: Body,
    /// The first body line shown: the scroll, kept within the body.
    pub top: usize,
    /// The news, wrapped to the window.
    pub message: Vec<String>,
    /// `↓ 12 more lines (PgDn)`, `↑ 3 above (PgUp)`, or nothing.
    pub marker: String,
}

/// The news shown: the state's message, else on a feedback screen the note
/// about the question.
fn news(state: &State) -> Option<String> {
    match &state.typing {
        Some(Typing::GoTo(typed)) => {
            return Some(format!(
                "Go to question (1–{}): {typed}▏",
                state.session.len()
            ));
        }
        Some(Typing::Order(typed)) => {
            return Some(format!(
                "The order, first to last: {typed}▏ (Enter puts them so)"
            ));
        }
        None => {}
    }
    state.message.clone().or_else(|| match state.screen() {
        Screen::Feedback => state.notes.get(state.current()).cloned().flatten(),
        _ => None,
    })
}

pub fn plan(state: &State) -> Plan {
    let (w, _) = state.size;
    let inner = usize::from(w).saturating_sub(2);
    let message = news(state).map(|m| wrapped(&m, inner)).unwrap_or_default();
    let mut rows = u16::try_from(message.len().max(1)).unwrap_or(1);
    let screen = state.screen();
    let width_of_body = usize::from(areas(state.size, screen, rows).body.width);
    let body = body::build(state, width_of_body);
    let marker_for = |a: &Areas| {
        let height = usize::from(a.body.height);
        let total = body.lines.len();
        let top = state.scroll.min(total.saturating_sub(height));
        let below = total.saturating_sub(top + height);
        let marker = match (top > 0, below > 0) {
            (true, true) => format!("↑ {top} above · ↓ {below} more (PgUp PgDn)"),
            (false, true) => format!(
                "↓ {below} more line{} (PgDn)",
                if below == 1 { "" } else { "s" }
            ),
            (true, false) => format!("↑ {top} more above (PgUp)"),
            (false, false) => String::new(),
        };
        (top, marker)
    };
    let mut a = areas(state.size, screen, rows);
    let (mut top, mut marker) = marker_for(&a);
    // The marker goes beside the last line of news, or on a row of its own.
    let last = message.last().map_or(0, |l| width(l));
    if !marker.is_empty() && !message.is_empty() && last + width(&marker) + 3 > inner && rows < 3 {
        rows += 1;
        a = areas(state.size, screen, rows);
        (top, marker) = marker_for(&a);
    }
    Plan {
        areas: a,
        body,
        top,
        message,
        marker,
    }
}

pub fn view(state: &State, frame: &mut Frame) {
    let area = frame.area();
    if layout::too_small((area.width, area.height)) {
        too_small(frame, area);
        return;
    }
    let plan = plan(state);
    let a = plan.areas;
    header(state, frame, a.header);
    if matches!(state.screen(), Screen::Feedback | Screen::Opened(_))
        && let Some(feedback) =
            present::feedback(&state.session, &state.flow, state.current(), None)
    {
        frame.render_widget(
            Paragraph::new(verdict(
                &feedback,
                state.theme,
                usize::from(a.status.width.saturating_sub(2)),
            )),
            inset(a.status),
        );
    }
    let height = usize::from(a.body.height);
    let shown: Vec<Line> = plan
        .body
        .lines
        .iter()
        .skip(plan.top)
        .take(height)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(shown), a.body);
    message(state, frame, &plan);
    footer(state, frame, a.footer, plan.body.exhibit_overflow.is_some());
    if let Screen::Confirm(confirm) = state.screen() {
        dialog(state, frame, area, confirm);
    }
    if state.help {
        help(state, frame, area);
    }
}

/// The addresses on screen now that may be terminal hyperlinks (OSC 8), for the
/// loop to write over the text already drawn: their column and row, the address
/// (as [`crate::safe::link`] allowed it), and the text it shows: the address.
pub fn visible_links(state: &State, size: (u16, u16)) -> Vec<(u16, u16, String, String)> {
    if layout::too_small(size)
        || state.help
        || !matches!(state.screen(), Screen::Feedback | Screen::Opened(_))
    {
        return Vec::new();
    }
    let plan = plan(state);
    let a = plan.areas;
    let height = usize::from(a.body.height);
    plan.body
        .links
        .iter()
        .filter(|l| (plan.top..plan.top + height).contains(&l.line))
        .filter_map(|l| {
            let room = usize::from(a.body.width).checked_sub(l.column)?;
            let shown = truncate(&l.url, room);
            // A cut address would link to the whole one: only whole ones link.
            (shown == l.url).then(|| {
                let x = a.body.x + u16::try_from(l.column).unwrap_or(0);
                let y = a.body.y + u16::try_from(l.line - plan.top).unwrap_or(0);
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

/// A bar with `left` and `right` parts. When they do not fit, the right parts
/// are dropped from the end (the least important) until they do; the first
/// right part is dropped last, after the left one is cut short.
fn bar(left: Span<'static>, right: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let room = w.saturating_sub(2);
    let sep = " · ";
    let mut right = right;
    let right_width = |parts: &[Span]| {
        parts.iter().map(|s| width(&s.content)).sum::<usize>()
            + width(sep) * parts.len().saturating_sub(1)
    };
    while right.len() > 1 && width(&left.content) + right_width(&right) + 1 > room {
        right.pop();
    }
    let rw = right_width(&right);
    let left_room = room.saturating_sub(if rw > 0 { rw + 1 } else { 0 });
    if left_room == 0 && rw > room {
        right.clear();
    }
    let left_text = truncate(
        &left.content,
        room.saturating_sub(if right.is_empty() { 0 } else { rw + 1 }),
    );
    let lw = width(&left_text);
    let mut spans = vec![Span::raw(" "), Span::styled(left_text, left.style)];
    let rw = right_width(&right);
    spans.push(Span::raw(" ".repeat(room.saturating_sub(lw + rw))));
    for (i, part) in right.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(sep));
        }
        spans.push(part);
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

fn header(state: &State, frame: &mut Frame, area: Rect) {
    let t = state.theme;
    let w = usize::from(area.width);
    let h = present::header(
        &state.session,
        &state.flow,
        &state.title,
        state.place(),
        state.now,
    );
    let top = bar(
        Span::styled(h.title.to_string(), t.bold()),
        vec![Span::raw(h.mode.clone())],
        w,
    );
    let parts = h.parts.iter().map(|p: &Part| {
        let style = if p.tone == Tone::Plain {
            Style::new()
        } else {
            t.tone(p.tone)
        };
        Span::styled(p.shown(), style)
    });
    let second = bar(Span::raw(h.place.clone()), parts.collect(), w);
    frame.render_widget(Paragraph::new(vec![top, second]).style(t.bar()), area);
}

fn message(state: &State, frame: &mut Frame, plan: &Plan) {
    let t = state.theme;
    let area = plan.areas.message;
    let inner = usize::from(area.width).saturating_sub(2);
    let mut lines: Vec<Line> = plan
        .message
        .iter()
        .map(|m| Line::from(vec![Span::raw(" "), Span::styled(m.clone(), t.warn())]))
        .collect();
    if !plan.marker.is_empty() {
        let marker = Span::styled(plan.marker.clone(), t.dim());
        let last = plan.message.last().map_or(0, |l| width(l));
        let fits_beside = !plan.message.is_empty() && last + width(&plan.marker) + 3 <= inner + 2;
        if fits_beside && let Some(line) = lines.last_mut() {
            let pad = inner.saturating_sub(last + width(&plan.marker));
            line.spans.push(Span::raw(" ".repeat(pad)));
            line.spans.push(marker);
        } else {
            let pad = inner.saturating_sub(width(&plan.marker));
            lines.push(Line::from(vec![Span::raw(" ".repeat(pad + 1)), marker]));
        }
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// The keys of the screen, as many as fit, chosen by importance (`?` always)
/// and shown in the table's order.
fn footer(state: &State, frame: &mut Frame, area: Rect, wide_exhibit: bool) {
    let t = state.theme;
    let w = usize::from(area.width);
    let (choices, several) = match present::question(&state.session, &state.flow, state.current()) {
        Some(q) => (q.letters(), q.several()),
        None => (0, false),
    };
    let items = keymap::footer(state.key_mode(), choices, several, wide_exhibit);
    let size = |(_, key, what): &(u8, String, &str)| width(key) + 1 + width(what) + 2;
    let mut by_rank: Vec<usize> = (0..items.len()).collect();
    by_rank.sort_by_key(|&i| items[i].0);
    let mut used = 1;
    let mut kept = vec![false; items.len()];
    for i in by_rank {
        if items[i].0 == 0 || used + size(&items[i]) <= w {
            used += size(&items[i]);
            kept[i] = true;
        }
    }
    let mut spans = vec![Span::raw(" ")];
    for (item, _) in items.iter().zip(&kept).filter(|(_, k)| **k) {
        spans.push(Span::styled(item.1.clone(), t.bold()));
        spans.push(Span::raw(format!(" {}  ", item.2)));
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
            wrapped(&text, inner)
                .into_iter()
                .map(|row| Line::styled(row, style)),
        );
    }
    out
}

fn dialog(state: &State, frame: &mut Frame, area: Rect, confirm: Confirm) {
    let t = state.theme;
    let (title, mut lines, mode) = match confirm {
        Confirm::Submit => (
            "Submit the exam?",
            present::submit_question(&state.session, &state.flow)
                .into_iter()
                .map(Line::raw)
                .collect::<Vec<_>>(),
            keymap::Mode::ConfirmSubmit,
        ),
        Confirm::Leave => (
            "Leave without submitting?",
            vec![Line::raw(present::leave_question(&state.flow, state.now))],
            keymap::Mode::ConfirmLeave,
        ),
    };
    lines.push(Line::raw(""));
    let mut keys = Vec::new();
    for (i, (key, what)) in keymap::dialog_keys(mode).into_iter().enumerate() {
        if i > 0 {
            keys.push(Span::raw("    "));
        }
        // `y or Enter`: each key bold, the words between plain.
        for (j, word) in key.split(" or ").enumerate() {
            if j > 0 {
                keys.push(Span::raw(" or "));
            }
            keys.push(Span::styled(word.to_owned(), t.bold()));
        }
        keys.push(Span::raw(format!(" {what}")));
    }
    lines.push(Line::from(keys));
    popup(frame, area, title, lines);
}

fn help(state: &State, frame: &mut Frame, area: Rect) {
    let t = state.theme;
    let mode = match state.screen() {
        Screen::Review | Screen::Confirm(_) => keymap::Mode::Review,
        _ => state.screen_mode(),
    };
    let items = keymap::list(mode);
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
