//! The body of a question as each kind draws it on the screen: lettered
//! choices, an order's items to move, a match's premises with their slots and
//! the lettered responses, the line of a number or text answer, an open
//! question's attempt; and once judged, each with the right answer beside the
//! candidate's. Each row a candidate can highlight is a target (for the cursor
//! and the mouse).

use super::body::Body;
use super::text::{width as text_width, wrap_hanging, wrapped};
use super::theme::Theme;
use crate::present::{self, Body as Shown, MatchView, OpenView, OrderView, Question, TypedView};
use crate::quiz::SelfMark;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// What a kind's drawing needs of the screen besides the question.
pub struct Context<'s> {
    pub theme: Theme,
    /// The highlighted row, while the question is answered (None once judged).
    pub cursor: Option<usize>,
    /// The typed answer's line, its cursor (in characters), and whether it
    /// has the keys.
    pub line: &'s str,
    pub line_cursor: usize,
    pub focus: bool,
    /// An exam: an open question's model answer waits for its submission.
    pub exam: bool,
}

/// The question's body, after its stem and exhibit.
pub fn draw(body: &mut Body, q: &Question, cx: &Context, width: usize) {
    match &q.body {
        Shown::Choice { several, choices } => self::choices(body, *several, choices, cx, width),
        Shown::Order(o) => order(body, o, cx, width),
        Shown::Match(m) => matching(body, m, cx, width),
        Shown::Typed(t) => typed(
            body,
            t,
            q.kind.answering() == crate::quiz::Answering::Number,
            cx,
            width,
        ),
        Shown::Open(o) => open(body, o, cx, width),
    }
}

/// `❯ ` before the highlighted row, and its style.
fn pointer(here: bool, t: Theme) -> (Span<'static>, Style) {
    if here {
        (Span::styled("❯ ", t.bold()), t.cursor())
    } else {
        (Span::raw("  "), Style::new())
    }
}

fn choices(
    body: &mut Body,
    several: bool,
    choices: &[present::Choice],
    cx: &Context,
    width: usize,
) {
    let t = cx.theme;
    for (shown, choice) in choices.iter().enumerate() {
        let start = body.lines.len();
        match choice.mark {
            None => {
                let mark = match (several, choice.picked) {
                    (true, true) => "[x]",
                    (true, false) => "[ ]",
                    (false, true) => "(•)",
                    (false, false) => "( )",
                };
                let (pointer, style) = pointer(cx.cursor == Some(shown), t);
                let head = vec![
                    pointer,
                    Span::raw(format!("{mark} ")),
                    Span::styled(format!("{}) ", choice.letter), t.bold()),
                ];
                body.extend(wrap_hanging(head, &choice.text, width, style));
            }
            Some(mark) => {
                let head = vec![
                    Span::styled(format!("{} ", mark.symbol), t.tone(mark.tone)),
                    Span::styled(format!("{}) ", choice.letter), t.bold()),
                ];
                let text = match mark.label {
                    Some(label) => format!("{}  ({label})", choice.text),
                    None => choice.text.to_string(),
                };
                body.extend(wrap_hanging(head, &text, width, Style::new()));
                // Feedback that only says "Correct." beside a ✓ says it twice.
                if let Some(why) = choice.why.as_ref().filter(|_| !choice.why_repeats_mark) {
                    aside(body, why, width, t);
                }
            }
        }
        body.targets.push(start..body.lines.len());
    }
}

/// A line of the author's or the answer's word, under what it is about.
fn aside(body: &mut Body, text: &str, width: usize, t: Theme) {
    for line in wrapped(text, width.saturating_sub(5)) {
        body.push(Line::from(vec![
            Span::raw("     "),
            Span::styled(line, t.dim().add_modifier(Modifier::ITALIC)),
        ]));
    }
}

/// An order: each item in its place, with the letter it was shown with; the
/// selected one moves with Shift+↑↓. Judged: each place marked, then the
/// right order.
fn order(body: &mut Body, o: &OrderView, cx: &Context, width: usize) {
    let t = cx.theme;
    let judged = o.answer.is_some();
    if judged && o.touched {
        body.push(Line::styled("Your order", t.bold()));
    }
    let digits = o.items.len().to_string().len();
    for (place, item) in o.items.iter().enumerate() {
        let start = body.lines.len();
        if judged && !o.touched {
            // Skipped: the shown order is nobody's answer.
            body.targets.push(start..start);
            continue;
        }
        let (head, style) = match item.right_place {
            Some(right) => {
                let (mark, tone) = present::Mark::of_right(right);
                (Span::styled(format!("{mark} "), t.tone(tone)), Style::new())
            }
            None => pointer(cx.cursor == Some(place), t),
        };
        let spans = vec![
            head,
            Span::raw(format!("{:>digits$}. ", place + 1)),
            Span::styled(format!("{}) ", item.letter), t.bold()),
        ];
        body.extend(wrap_hanging(spans, &item.text, width, style));
        body.targets.push(start..body.lines.len());
    }
    let all_right = o.items.iter().all(|i| i.right_place == Some(true));
    if let Some(answer) = o.answer.as_ref().filter(|_| !all_right) {
        if o.touched {
            body.blank();
        }
        body.push(Line::styled("The right order", t.bold()));
        for (place, (letter, text)) in answer.iter().enumerate() {
            let head = vec![
                Span::raw(format!("  {:>digits$}. ", place + 1)),
                Span::styled(format!("{letter}) "), t.bold()),
            ];
            body.extend(wrap_hanging(head, text, width, Style::new()));
        }
    } else if !o.touched {
        body.blank();
        let hint = "Shown out of order: move the items (or type their letters), then Enter.";
        for line in wrapped(hint, width) {
            body.push(Line::styled(line, t.dim()));
        }
    }
}

/// A match: each premise with its slot, then the lettered responses. Judged:
/// each premise marked, with the right response where the slot is wrong.
fn matching(body: &mut Body, m: &MatchView, cx: &Context, width: usize) {
    let t = cx.theme;
    let judged = m.premises.iter().any(|p| p.answer.is_some());
    let blank = m.premises.iter().all(|p| p.slot.is_none());
    let digits = m.premises.len().to_string().len();
    for (at, premise) in m.premises.iter().enumerate() {
        let start = body.lines.len();
        let slot = premise
            .slot
            .map_or_else(|| " ".to_owned(), |c| c.to_string());
        let (head, style) = match &premise.answer {
            Some(_) if blank => (Span::raw("  "), Style::new()),
            Some(answer) => {
                let (mark, tone) = present::Mark::of_right(answer.right);
                (Span::styled(format!("{mark} "), t.tone(tone)), Style::new())
            }
            None => pointer(cx.cursor == Some(at), t),
        };
        let slot_span = if judged && blank {
            Span::raw("")
        } else {
            Span::styled(format!("[{slot}] "), t.bold())
        };
        let spans = vec![
            head,
            slot_span,
            Span::raw(format!("{:>digits$}. ", premise.number)),
        ];
        body.extend(wrap_hanging(spans, &premise.text, width, style));
        if let Some(answer) = &premise.answer
            && (blank || !answer.right)
        {
            aside(
                body,
                &format!("→ {}) {}", answer.letter, answer.text),
                width,
                t,
            );
        }
        body.targets.push(start..body.lines.len());
    }
    body.blank();
    for (letter, text) in &m.responses {
        let head = vec![Span::styled(format!("  {letter}) "), t.bold())];
        body.extend(wrap_hanging(head, text, width, Style::new()));
    }
}

/// Where each row of `chars` starts when wrapped at spaces to `width`
/// columns (a word longer than a row is broken): always at least one row.
fn rows_of(chars: &[char], width: usize) -> Vec<usize> {
    let w = |c: char| text_width(c.encode_utf8(&mut [0; 4])).max(1);
    let mut starts = vec![0];
    let mut start = 0;
    let mut used = 0;
    // The place after the last space of the row, where it may break.
    let mut after_space = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if used + w(c) > width && i > start {
            let at = match after_space {
                // Spaces run over the edge unseen; the next word goes on.
                _ if c == ' ' => {
                    i += 1;
                    after_space = Some(i);
                    continue;
                }
                Some(at) if at > start => at,
                _ => i,
            };
            starts.push(at);
            start = at;
            used = chars[start..i].iter().map(|&c| w(c)).sum();
            after_space = None;
            continue;
        }
        used += w(c);
        if c == ' ' {
            after_space = Some(i + 1);
        }
        i += 1;
    }
    starts
}

/// The typed line in a box: its text wrapped at spaces, and the cursor (a
/// reversed cell) where the keys go.
fn line_box(body: &mut Body, text: &str, cursor: usize, cx: &Context, width: usize) {
    let t = cx.theme;
    let inner = width.saturating_sub(4).max(8);
    let border = if cx.focus { t.bold() } else { t.dim() };
    body.push(Line::styled(format!("┌{}┐", "─".repeat(inner + 2)), border));
    let chars: Vec<char> = text.chars().collect();
    // Room for the cursor after the last character.
    let starts = rows_of(&chars, inner.saturating_sub(1).max(1));
    for (row, &start) in starts.iter().enumerate() {
        let end = starts.get(row + 1).copied().unwrap_or(chars.len());
        let last = row + 1 == starts.len();
        let mut spans = vec![Span::styled("│ ", border)];
        let mut filled = 0;
        for i in start..end + usize::from(last) {
            let here = cx.focus && i == cursor;
            let shown = chars.get(i).map_or_else(|| " ".to_owned(), char::to_string);
            if chars.get(i).is_none() && !here {
                break;
            }
            let cell = text_width(&shown).max(1);
            if filled + cell > inner {
                break;
            }
            filled += cell;
            let style = if here {
                Style::new().add_modifier(Modifier::REVERSED)
            } else {
                Style::new()
            };
            spans.push(Span::styled(shown, style));
        }
        spans.push(Span::raw(" ".repeat(inner.saturating_sub(filled))));
        spans.push(Span::styled(" │", border));
        body.push(Line::from(spans));
    }
    body.push(Line::styled(format!("└{}┘", "─".repeat(inner + 2)), border));
}

/// A number or a text: the line to type it in; judged, what was typed and
/// the answer (and what else is accepted).
fn typed(body: &mut Body, v: &TypedView, numeric: bool, cx: &Context, width: usize) {
    let t = cx.theme;
    match &v.answer {
        None => {
            let what = if numeric {
                "Your answer (a number)"
            } else {
                "Your answer"
            };
            body.push(Line::styled(what, t.bold()));
            line_box(body, cx.line, cx.line_cursor, cx, width);
        }
        Some(accepted) => {
            let typed = if v.typed.trim().is_empty() {
                "(nothing)".to_owned()
            } else {
                v.typed.trim().to_owned()
            };
            for line in wrapped(&format!("You typed: {typed}"), width) {
                body.push(Line::raw(line));
            }
            let mut answer = format!(
                "The answer: {}",
                accepted.first().map(|a| a.as_str()).unwrap_or("")
            );
            if let Some(tolerance) = &v.tolerance {
                answer.push_str(&format!(" (give or take {tolerance})"));
            }
            for line in wrapped(&answer, width) {
                body.push(Line::styled(line, t.bold()));
            }
            if accepted.len() > 1 {
                let also: Vec<&str> = accepted[1..].iter().map(|a| a.as_str()).collect();
                for line in wrapped(&format!("Also accepted: {}", also.join(", ")), width) {
                    body.push(Line::raw(line));
                }
            }
        }
    }
}

/// An open question: the attempt's box; once judged, the attempt, the model
/// answer and the candidate's own mark (or the keys that give it).
fn open(body: &mut Body, v: &OpenView, cx: &Context, width: usize) {
    let t = cx.theme;
    let Some(model) = &v.model else {
        let what = if cx.exam {
            "Your answer (you mark it against the model answer once the exam is submitted)"
        } else {
            "Your answer (optional: Enter shows the model answer)"
        };
        for line in wrapped(what, width) {
            body.push(Line::styled(line, t.bold()));
        }
        line_box(body, cx.line, cx.line_cursor, cx, width);
        return;
    };
    body.push(Line::styled("Your answer", t.bold()));
    if v.attempt.trim().is_empty() {
        body.push(Line::styled("  (nothing)", t.dim()));
    }
    for paragraph in v.attempt.lines() {
        for line in wrapped(paragraph, width.saturating_sub(2)) {
            body.push(Line::raw(format!("  {line}")));
        }
    }
    body.blank();
    body.push(Line::styled("Model answer", t.bold()));
    for paragraph in model.lines() {
        for line in wrapped(paragraph, width.saturating_sub(2)) {
            body.push(Line::raw(format!("  {line}")));
        }
    }
    body.blank();
    let marked = match v.mark {
        Some(mark) => Line::styled(
            format!("{} (y p n change it)", present::self_mark(mark)),
            t.tone(match mark {
                SelfMark::Right => present::Tone::Good,
                SelfMark::Partly => present::Tone::Warn,
                SelfMark::Wrong => present::Tone::Bad,
            }),
        ),
        None => Line::styled(
            "How did you do? y right · p partly · n wrong (not scored)",
            t.warn(),
        ),
    };
    body.push(marked);
}

#[cfg(test)]
mod tests {
    use super::rows_of;

    fn rows(text: &str, width: usize) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let starts = rows_of(&chars, width);
        starts
            .iter()
            .enumerate()
            .map(|(i, &s)| {
                let e = starts.get(i + 1).copied().unwrap_or(chars.len());
                chars[s..e].iter().collect()
            })
            .collect()
    }

    #[test]
    fn an_attempt_wraps_at_spaces_and_breaks_a_word_too_long() {
        assert_eq!(rows("one two three", 8), ["one two ", "three"]);
        assert_eq!(rows("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(rows("", 4), [""]);
        assert_eq!(rows("ab   cd", 3), ["ab   ", "cd"]);
    }
}
