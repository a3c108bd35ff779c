//! The scrolling part of each screen, as lines, laid out from the view models of
//! `crate::present`: the question (or its feedback) with its exhibit and choices,
//! the review list, the exam's results. A pure function of the state and a
//! width: the view draws it, and the update measures by it (to keep the
//! highlighted row in view and to map a click to what it hit). Nothing drawn is
//! kept.

use super::kinds;
use super::state::{Filter, Screen, State};
use super::text::{exhibit_box, truncate, width as text_width, wrapped};
use super::theme::Theme;
use crate::present::{self, Feedback, Question};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::ops::Range;

/// The lines of a screen's body, and which lines each target (a choice, a
/// review row, a result row) takes.
#[derive(Debug, Default)]
pub struct Body {
    pub lines: Vec<Line<'static>>,
    pub targets: Vec<Range<usize>>,
    /// How many columns the exhibit is wider than the body, when it is.
    pub exhibit_overflow: Option<usize>,
    /// The addresses shown that may be terminal hyperlinks.
    pub links: Vec<Link>,
}

/// An address shown on one line of the body, and the link it may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub line: usize,
    /// Columns from the body's left edge.
    pub column: usize,
    /// What [`crate::safe::link`] allowed: exactly the address shown.
    pub url: String,
}

impl Body {
    pub(super) fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    pub(super) fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    pub(super) fn extend(&mut self, lines: impl IntoIterator<Item = Line<'static>>) {
        self.lines.extend(lines);
    }
}

/// The body of the current screen at `width` columns.
pub fn build(state: &State, width: usize) -> Body {
    match state.screen() {
        Screen::Question | Screen::Feedback | Screen::Opened(_) => {
            let index = state.current();
            let Some(q) = present::question(&state.session, &state.flow, index) else {
                return Body::default();
            };
            let feedback = present::feedback(&state.session, &state.flow, index, None);
            question(state, &q, feedback.as_ref(), width)
        }
        Screen::Review | Screen::Confirm(_) => review(state, width),
        Screen::Results => results(state, width),
    }
}

/// A question: the stem, its exhibit, the choices; with its feedback, each
/// choice marked with its `why`, the explanation and the references.
fn question(state: &State, q: &Question, feedback: Option<&Feedback>, width: usize) -> Body {
    let mut body = Body::default();
    let t = state.theme;
    for line in q.stem_lines(width, true) {
        body.push(Line::styled(line, t.bold()));
    }
    if let Some(exhibit) = &q.exhibit {
        body.blank();
        let (lines, overflow) = exhibit_box(exhibit, width, state.hscroll, t);
        body.extend(lines);
        body.exhibit_overflow = overflow;
    }
    if let Some(picture) = &q.picture {
        body.blank();
        let line = format!("{} · Ctrl-O opens it", picture.line());
        for line in wrapped(&line, width) {
            body.push(Line::styled(line, t.dim()));
        }
    }
    body.blank();
    let cx = kinds::Context {
        theme: t,
        cursor: feedback.is_none().then(|| state.cursor()),
        line: state.input.value(),
        line_cursor: state.input.cursor(),
        focus: state.focus,
        exam: state.mode() == crate::quiz::Mode::Exam,
    };
    kinds::draw(&mut body, q, &cx, width);
    if let Some(feedback) = feedback {
        feedback_tail(&mut body, feedback, width, t);
    }
    body
}

/// The explanation and the references, after the choices.
fn feedback_tail(body: &mut Body, feedback: &Feedback, width: usize, t: Theme) {
    if !feedback.explanation.is_empty() {
        body.blank();
        body.push(Line::styled("Explanation", t.bold()));
        for paragraph in &feedback.explanation {
            let indent = paragraph.len() - paragraph.trim_start().len();
            let rest = width.saturating_sub(indent);
            for line in wrapped(paragraph.trim_start(), rest) {
                body.push(Line::raw(format!("{}{line}", " ".repeat(indent))));
            }
        }
    }
    if !feedback.references.is_empty() {
        body.blank();
        body.push(Line::styled("References", t.bold()));
        for r in &feedback.references {
            for line in wrapped(&r.label, width) {
                body.push(Line::raw(line));
            }
            if let Some(url) = &r.link {
                body.links.push(Link {
                    line: body.lines.len(),
                    column: 2,
                    url: url.clone(),
                });
            }
            body.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(r.address.to_string(), t.link()),
            ]));
        }
    }
}

/// The review screen: counts, the filter, then one row per question with its
/// two marks (answered or not, flagged or not) and the start of its stem.
fn review(state: &State, width: usize) -> Body {
    let t = state.theme;
    let mut body = Body::default();
    let review = present::review(&state.session, &state.flow);
    for line in wrapped(&review.counts, width) {
        body.push(Line::styled(line, t.bold()));
    }
    body.push(Line::raw(format!(
        "Showing {} (Tab: {})",
        state.filter.name(),
        state.filter.next().name()
    )));
    body.blank();
    let rows = state.review_rows();
    if rows.is_empty() {
        body.push(Line::raw(match state.filter {
            Filter::Flagged => "No question is flagged.",
            _ => "Every question is answered.",
        }));
    }
    let digits = state.session.len().to_string().len();
    let status_width = review
        .rows
        .iter()
        .map(|r| text_width(r.mark) + 1 + text_width(&r.words))
        .max()
        .unwrap_or(0);
    for (row, &index) in rows.iter().enumerate() {
        let Some(r) = review.rows.get(index) else {
            continue;
        };
        let selected = row == state.review_row;
        let status = format!("{} {}", r.mark, r.words);
        let pad = " ".repeat(status_width.saturating_sub(text_width(&status)));
        let flag = if r.flagged {
            Span::styled("⚑ flagged", t.warn())
        } else {
            Span::raw("         ")
        };
        let head = format!("{:>digits$}  ", index + 1);
        let used = 2 + head.len() + status_width + 2 + 9 + 2;
        let stem = truncate(&r.stem, width.saturating_sub(used));
        let pointer = if selected { "❯ " } else { "  " };
        let style = if selected { t.cursor() } else { Style::new() };
        let start = body.lines.len();
        body.push(Line::from(vec![
            Span::styled(pointer, t.bold()),
            Span::styled(head, style),
            Span::styled(format!("{status}{pad}"), t.tone(r.tone)).patch_style(style),
            Span::styled("  ", style),
            flag.patch_style(style),
            Span::styled("  ", style),
            Span::styled(stem, style),
        ]));
        body.targets.push(start..start + 1);
    }
    body
}

/// The exam's results: the score and verdict, the breakdown, then every
/// question, missed first.
fn results(state: &State, width: usize) -> Body {
    let t = state.theme;
    let mut body = Body::default();
    let r = present::results(&state.session, &state.flow);
    let verdict = if r.passed {
        Span::styled("PASS", t.good())
    } else {
        Span::styled("FAIL", t.bad())
    };
    let mut first = vec![Span::styled(format!("{} · ", r.score), t.bold()), verdict];
    if let Some(pass_mark) = &r.pass_mark {
        first.push(Span::raw(format!(" · {pass_mark}")));
    }
    body.push(Line::from(first));
    if let Some(scaled) = &r.scaled {
        body.push(Line::raw(scaled.clone()));
    }
    if let Some(time_up) = r.time_up {
        for line in wrapped(time_up, width) {
            body.push(Line::styled(line, t.warn()));
        }
    }
    body.push(Line::raw(r.time_used.clone()));
    if let Some(open) = &r.open {
        for line in wrapped(open, width) {
            body.push(Line::styled(line, t.warn()));
        }
    }
    if !r.breakdown.rows.is_empty() {
        body.blank();
        body.push(Line::styled(r.breakdown.heading.clone(), t.bold()));
        let label_width = r
            .breakdown
            .rows
            .iter()
            .map(|row| text_width(&row.label))
            .max()
            .unwrap_or(0)
            // Room for "  ", the label, "  ", "10/10", "  ", "100%".
            .min(width.saturating_sub(17));
        for row in &r.breakdown.rows {
            let label = truncate(&row.label, label_width);
            let pad = label_width.saturating_sub(text_width(&label));
            body.push(Line::raw(format!(
                "  {label}{}  {:>5}  {:>3.0}%",
                " ".repeat(pad),
                row.score(),
                row.percent()
            )));
        }
    }
    body.blank();
    body.push(Line::styled(
        "Every question, missed first (Enter opens one)",
        t.bold(),
    ));
    let digits = state.session.len().to_string().len();
    for (i, row) in r.rows.iter().enumerate() {
        let selected = i == state.results_row;
        let head = format!("{:>digits$}  ", row.index + 1);
        let used = 2 + 2 + head.len() + row.score.len() + 2;
        let stem = truncate(&row.stem, width.saturating_sub(used));
        let pad = width.saturating_sub(used + text_width(&stem));
        let line_style = if selected { t.cursor() } else { Style::new() };
        let start = body.lines.len();
        body.push(Line::from(vec![
            Span::styled(if selected { "❯ " } else { "  " }, t.bold()),
            Span::styled(format!("{} ", row.mark), t.tone(row.tone).patch(line_style)),
            Span::styled(
                format!("{head}{stem}{}  {}", " ".repeat(pad), row.score),
                line_style,
            ),
        ]));
        body.targets.push(start..start + 1);
    }
    body
}

/// The verdict line of a feedback screen.
/// Cut to `width` where it is longer: the body below shows each answer in full.
pub fn verdict(feedback: &Feedback, t: Theme, width: usize) -> Line<'static> {
    Line::styled(
        truncate(&feedback.verdict.text, width),
        t.tone(feedback.verdict.tone),
    )
}
