//! The scrolling part of each screen, as lines: the question (or its feedback)
//! with its exhibit and choices, the review list, the exam's results. Built
//! from the state for a given width, so that the view draws it and the update
//! scrolls and maps clicks by the same lines.

use super::state::{Draft, Screen, State};
use super::text::{exhibit_box, wrap_hanging, wrapped};
use super::theme::Theme;
use crate::bank::Target;
use crate::quiz::{Asked, Outcome};
use crate::report::points;
use crate::ui::text::letters;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

/// The lines of a screen's body, and which lines each target (a choice, a
/// review row, a result row) takes, so that a cursor can be kept in view and a
/// click mapped to what it hit.
#[derive(Debug, Default)]
pub struct Body {
    pub lines: Vec<Line<'static>>,
    pub targets: Vec<Range<usize>>,
    /// How many columns the exhibit is wider than the body, when it is.
    pub exhibit_overflow: Option<usize>,
    /// The addresses shown, to make terminal hyperlinks of them.
    pub links: Vec<Link>,
}

/// An address shown on one line of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub line: usize,
    /// Columns from the body's left edge.
    pub column: usize,
    pub url: String,
}

impl Body {
    fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }

    fn extend(&mut self, lines: impl IntoIterator<Item = Line<'static>>) {
        self.lines.extend(lines);
    }
}

/// What a question's body depends on: scrolling and the clock's ticks leave it
/// alone, so that a redraw for them reuses the lines already wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    screen: Screen,
    index: usize,
    width: usize,
    draft: Draft,
    hscroll: usize,
    color: bool,
}

/// The last question body built, and what it was built from.
pub type Cache = RefCell<Option<(Key, Rc<Body>)>>;

/// The body of the current screen at `width` columns, from the cache when the
/// question, the picks and the width are the same as last time.
pub fn build(state: &State, width: usize) -> Rc<Body> {
    let index = match state.screen {
        Screen::Question | Screen::Feedback => state.current,
        Screen::Opened(index) => index,
        _ => return Rc::new(fresh(state, width)),
    };
    let key = Key {
        screen: state.screen,
        index,
        width,
        draft: state.drafts.get(index).cloned().unwrap_or_default(),
        hscroll: state.hscroll,
        color: state.theme.color,
    };
    let mut cache = state.body_cache.borrow_mut();
    if let Some((cached, body)) = cache.as_ref()
        && *cached == key
    {
        return Rc::clone(body);
    }
    let body = Rc::new(fresh(state, width));
    *cache = Some((key, Rc::clone(&body)));
    body
}

/// The body of the current screen at `width` columns, built anew.
fn fresh(state: &State, width: usize) -> Body {
    match state.screen {
        Screen::Question => question(state, state.current, None, width),
        Screen::Feedback | Screen::Opened(_) => match state.shown_outcome() {
            Some((index, outcome)) => question(state, index, Some(outcome), width),
            None => question(state, state.current, None, width),
        },
        Screen::Review | Screen::Confirm(_) => review(state, width),
        Screen::Results => results(state, width),
    }
}

/// A question: the stem, its exhibit, the choices; with an outcome, its feedback:
/// each choice marked with its `why`, the explanation and the references.
pub fn question(state: &State, index: usize, outcome: Option<&Outcome>, width: usize) -> Body {
    let mut body = Body::default();
    let Some(asked) = state.session.asked(index) else {
        return body;
    };
    let t = state.theme;
    for line in wrapped(&asked.stem(), width) {
        body.push(Line::styled(line, t.bold()));
    }
    if let Some(exhibit) = &asked.question.exhibit {
        body.blank();
        let (lines, overflow) = exhibit_box(&exhibit.value, width, state.hscroll, t);
        body.extend(lines);
        body.exhibit_overflow = overflow;
    }
    body.blank();
    let draft = state.drafts.get(index).cloned().unwrap_or_default();
    let several = asked.prompt.takes_several();
    for (shown, (l, choice)) in asked.choices().enumerate() {
        let start = body.lines.len();
        let text = choice.text.value.trim();
        match outcome {
            None => {
                let cursor = shown == draft.cursor;
                let picked = draft.picks.contains(&shown);
                let mark = match (several, picked) {
                    (true, true) => "[x]",
                    (true, false) => "[ ]",
                    (false, true) => "(•)",
                    (false, false) => "( )",
                };
                let pointer = if cursor { "❯ " } else { "  " };
                let style = if cursor { t.cursor() } else { Style::new() };
                let head = vec![
                    Span::styled(pointer, t.bold()),
                    Span::raw(format!("{mark} ")),
                    Span::styled(format!("{l}) "), t.bold()),
                ];
                body.extend(wrap_hanging(head, text, width, style));
            }
            Some(outcome) => {
                let right = outcome.expected.contains(&shown);
                let picked = outcome.given.contains(&shown);
                let (mark, label, style) = match (right, picked) {
                    (true, true) => ("✓", Some("your pick"), t.good()),
                    (true, false) if several => ("○", Some("missed"), t.warn()),
                    (true, false) => ("○", Some("the answer"), t.warn()),
                    (false, true) => ("✗", Some("your pick"), t.bad()),
                    (false, false) => (" ", None, Style::new()),
                };
                let head = vec![
                    Span::styled(format!("{mark} "), style),
                    Span::styled(format!("{l}) "), t.bold()),
                ];
                let text = match label {
                    Some(label) => format!("{text}  ({label})"),
                    None => text.to_owned(),
                };
                body.extend(wrap_hanging(head, &text, width, Style::new()));
                // Feedback that only says "Correct." beside a ✓ says it twice.
                if let Some(why) = choice
                    .why
                    .as_ref()
                    .filter(|w| !crate::prose::only_says(&w.value, right))
                {
                    for line in wrapped(why.value.trim(), width.saturating_sub(5)) {
                        body.push(Line::from(vec![
                            Span::raw("     "),
                            Span::styled(line, t.dim().add_modifier(Modifier::ITALIC)),
                        ]));
                    }
                }
            }
        }
        body.targets.push(start..body.lines.len());
    }
    if outcome.is_some() {
        feedback_tail(&mut body, &asked, width, t);
    }
    body
}

/// The explanation and the references, after the choices.
fn feedback_tail(body: &mut Body, asked: &Asked, width: usize, t: Theme) {
    if let Some(explanation) = &asked.question.explanation {
        body.blank();
        body.push(Line::styled("Explanation", t.bold()));
        for paragraph in crate::prose::reflow(&explanation.value) {
            let indent = paragraph.len() - paragraph.trim_start().len();
            let rest = width.saturating_sub(indent);
            for line in wrapped(paragraph.trim_start(), rest) {
                body.push(Line::raw(format!("{}{line}", " ".repeat(indent))));
            }
        }
    }
    if !asked.question.references.is_empty() {
        body.blank();
        body.push(Line::styled("References", t.bold()));
        for r in &asked.question.references {
            let title = match (&r.title, &r.target) {
                (Some(title), Target::Rfc { .. }) => format!("{} {}", r.label(), title.value),
                _ => r.label(),
            };
            for line in wrapped(&title, width) {
                body.push(Line::raw(line));
            }
            body.links.push(Link {
                line: body.lines.len(),
                column: 2,
                url: r.link(),
            });
            body.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(r.link(), t.link()),
            ]));
        }
    }
}

/// The verdict line of a feedback screen.
pub fn verdict(outcome: &Outcome, exam: bool, t: Theme) -> Line<'static> {
    let answer = letters(&outcome.expected);
    let (text, style) = if outcome.skipped {
        let word = if exam { "Not answered" } else { "Skipped" };
        (format!("{word}. The answer is {answer}."), t.warn())
    } else if outcome.is_right() {
        (format!("✓ Right: {answer}."), t.good())
    } else if outcome.points > 0.0 {
        (
            format!(
                "◐ Partly right, {} point: the answer is {answer}; you chose {}.",
                points(outcome.points),
                letters(&outcome.given)
            ),
            t.warn(),
        )
    } else {
        (
            format!(
                "✗ Wrong: the answer is {answer}; you chose {}.",
                letters(&outcome.given)
            ),
            t.bad(),
        )
    };
    Line::styled(text, style)
}

/// The review screen: counts, the filter, then one row per question with its
/// two marks (answered or not, flagged or not) and the start of its stem.
fn review(state: &State, width: usize) -> Body {
    let t = state.theme;
    let mut body = Body::default();
    let n = state.session.len();
    let answered = state.answered_count();
    body.push(Line::styled(
        format!(
            "{n} questions · {answered} answered · {} unanswered · {} flagged",
            n - answered,
            state.flagged_count()
        ),
        t.bold(),
    ));
    body.push(Line::raw(format!(
        "Showing {} (Tab: {})",
        state.review.filter.name(),
        state.review.filter.next().name()
    )));
    body.blank();
    let rows = state.review_rows();
    if rows.is_empty() {
        body.push(Line::raw(match state.review.filter {
            super::state::Filter::Flagged => "No question is flagged.",
            _ => "Every question is answered.",
        }));
    }
    let digits = n.to_string().len();
    for (row, &index) in rows.iter().enumerate() {
        let selected = row == state.review.selected;
        let answered = if state.answered(index) {
            Span::styled("✓ answered  ", t.good())
        } else {
            Span::styled("○ unanswered", t.warn())
        };
        let flag = if state.session.flagged(index) {
            Span::styled("⚑ flagged", t.warn())
        } else {
            Span::raw("         ")
        };
        let stem = state
            .session
            .asked(index)
            .map(|a| a.question.question.value.trim().replace('\n', " "))
            .unwrap_or_default();
        let head = format!("{:>digits$}  ", index + 1);
        let used = 2 + head.len() + 12 + 2 + 9 + 2;
        let stem = super::text::truncate(&stem, width.saturating_sub(used));
        let pointer = if selected { "❯ " } else { "  " };
        let style = if selected { t.cursor() } else { Style::new() };
        let start = body.lines.len();
        body.push(Line::from(vec![
            Span::styled(pointer, t.bold()),
            Span::styled(head, style),
            answered.patch_style(style),
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
    let Some(results) = &state.results else {
        return body;
    };
    let s = &results.summary;
    let verdict = match s.passed() {
        Some(true) => Span::styled("PASS", t.good()),
        _ => Span::styled("FAIL", t.bad()),
    };
    body.push(Line::from(vec![
        Span::styled(
            format!(
                "Score {}/{} ({:.1}%) · ",
                points(s.points()),
                s.max_points(),
                s.percent()
            ),
            t.bold(),
        ),
        verdict,
        Span::raw(match s.scale {
            Some(_) => String::new(),
            None => format!(" · pass mark {}%", points(s.pass_mark)),
        }),
    ]));
    // On a scale, the verdict goes by the scaled score: on a line of its own.
    if let (Some(scale), Some(score)) = (s.scale, s.scaled_score()) {
        body.push(Line::raw(format!(
            "Scaled score {score} ({})",
            scale.terms()
        )));
    }
    if s.time_up {
        body.push(Line::styled(
            "Time is up: the exam was submitted with the answers given before 0:00.",
            t.warn(),
        ));
    }
    if !results.breakdown.rows.is_empty() {
        body.blank();
        body.push(Line::styled(results.breakdown.heading.clone(), t.bold()));
        let label_width = results
            .breakdown
            .rows
            .iter()
            .map(|r| super::text::width(&r.label))
            .max()
            .unwrap_or(0)
            // Room for "  ", the label, "  ", "10/10", "  ", "100%".
            .min(width.saturating_sub(17));
        for r in &results.breakdown.rows {
            let percent = if r.max == 0 {
                0.0
            } else {
                100.0 * r.points / r.max as f64
            };
            let label = super::text::truncate(&r.label, label_width);
            let pad = label_width.saturating_sub(super::text::width(&label));
            body.push(Line::raw(format!(
                "  {label}{}  {:>5}  {percent:>3.0}%",
                " ".repeat(pad),
                format!("{}/{}", points(r.points), r.max)
            )));
        }
    }
    body.blank();
    body.push(Line::styled(
        "Every question, missed first (Enter opens one)",
        t.bold(),
    ));
    let digits = state.session.len().to_string().len();
    for (row, &index) in results.order.iter().enumerate() {
        let Some(outcome) = results.outcomes.get(index) else {
            continue;
        };
        let selected = row == results.selected;
        let (mark, style) = if outcome.is_right() {
            ("✓", t.good())
        } else if outcome.skipped {
            ("○", t.warn())
        } else {
            ("✗", t.bad())
        };
        let stem = state
            .session
            .asked(index)
            .map(|a| a.question.question.value.trim().replace('\n', " "))
            .unwrap_or_default();
        let score = format!("{}/1", points(outcome.points));
        let head = format!("{:>digits$}  ", index + 1);
        let used = 2 + 2 + head.len() + score.len() + 2;
        let stem = super::text::truncate(&stem, width.saturating_sub(used));
        let pad = width.saturating_sub(used + super::text::width(&stem));
        let line_style = if selected { t.cursor() } else { Style::new() };
        let start = body.lines.len();
        body.push(Line::from(vec![
            Span::styled(if selected { "❯ " } else { "  " }, t.bold()),
            Span::styled(format!("{mark} "), style.patch(line_style)),
            Span::styled(
                format!("{head}{stem}{}  {score}", " ".repeat(pad)),
                line_style,
            ),
        ]));
        body.targets.push(start..start + 1);
    }
    body
}
