//! Text laid out in ratatui lines: wrapping with a hanging indent, and the
//! exhibit's box, shown verbatim and clipped (or scrolled sideways) instead of
//! re-wrapped. The text comes from `crate::present`, already terminal-safe.

use super::theme::Theme;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use crate::present::wrap::{truncate, width};

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// `text` wrapped at word boundaries to `width` columns; a word longer than a
/// line is broken (a narrow window must not lose the end of a link).
pub fn wrapped(text: &str, width: usize) -> Vec<String> {
    crate::present::wrap::wrapped(text, width, true)
}

/// `head` (a marker and a letter) followed by `text` wrapped to `width`, its
/// continuation lines indented to where the text began: a hanging indent.
pub fn wrap_hanging(
    head: Vec<Span<'static>>,
    text: &str,
    width: usize,
    style: Style,
) -> Vec<Line<'static>> {
    let indent: usize = head.iter().map(|s| s.content.width()).sum();
    let lines = wrapped(text, width.saturating_sub(indent).max(10));
    let mut out = Vec::with_capacity(lines.len());
    let mut head = Some(head);
    for line in lines {
        let mut spans = head
            .take()
            .unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
        spans.push(Span::styled(line, style));
        out.push(Line::from(spans));
    }
    out
}

/// The columns `from..from + count` of `line`, padded with spaces to `count`.
fn columns(line: &str, from: usize, count: usize) -> String {
    let mut out = String::new();
    let mut column = 0;
    let mut taken = 0;
    for c in line.chars() {
        let w = char_width(c);
        if column >= from && taken + w <= count {
            out.push(c);
            taken += w;
        } else if column < from && column + w > from {
            // A wide character cut by the left edge.
            out.push(' ');
            taken += 1;
        }
        column += w;
        if taken >= count {
            break;
        }
    }
    out.extend(std::iter::repeat_n(' ', count.saturating_sub(taken)));
    out
}

/// The exhibit in a box at most `width` columns wide, its lines as written;
/// scrolled `hscroll` columns sideways. Cut lines show `‹` or `›` at the edge.
/// Also returns how many columns the exhibit is wider than the box, if it is.
pub fn exhibit_box(
    text: &str,
    width: usize,
    hscroll: usize,
    t: Theme,
) -> (Vec<Line<'static>>, Option<usize>) {
    let lines: Vec<&str> = text.trim_end_matches('\n').lines().collect();
    let content = lines.iter().map(|l| l.width()).max().unwrap_or(0).max(8);
    let inner = content.min(width.saturating_sub(4)).max(1);
    let overflow = (content > inner).then(|| content - inner);
    let hscroll = hscroll.min(overflow.unwrap_or(0));
    let border = t.dim();
    let label = if overflow.is_some() {
        "─ Exhibit (< > scroll) "
    } else {
        "─ Exhibit "
    };
    let top_fill = (inner + 2).saturating_sub(label.chars().count());
    let mut out = vec![Line::styled(
        format!("┌{label}{}┐", "─".repeat(top_fill)),
        border,
    )];
    for line in lines {
        let mut shown = columns(line, hscroll, inner);
        let cut_left = hscroll > 0 && !line.trim().is_empty();
        let cut_right = line.width() > hscroll + inner;
        if cut_right {
            shown = replace_last(&shown, '›');
        }
        if cut_left {
            shown = replace_first(&shown, '‹');
        }
        out.push(Line::from(vec![
            Span::styled("│ ", border),
            Span::raw(shown),
            Span::styled(" │", border),
        ]));
    }
    out.push(Line::styled(format!("└{}┘", "─".repeat(inner + 2)), border));
    (out, overflow)
}

fn replace_last(text: &str, marker: char) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    while chars.last().is_some_and(|&c| char_width(c) == 0) {
        chars.pop();
    }
    if let Some(last) = chars.pop() {
        // Keep the width: a wide character becomes the marker and a space.
        chars.extend(std::iter::repeat_n(' ', char_width(last).saturating_sub(1)));
        chars.push(marker);
    }
    chars.into_iter().collect()
}

fn replace_first(text: &str, marker: char) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => {
            let pad = " ".repeat(char_width(first).saturating_sub(1));
            format!("{marker}{pad}{}", chars.as_str())
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn an_exhibit_keeps_its_columns_and_marks_what_is_cut() {
        let text = crate::safe::text(
            "Interface   IP-Address\nGi0/0       10.0.0.1\n\tindented by a tab\n",
        );
        let text = text.as_ref();
        let (lines, overflow) = exhibit_box(text, 40, 0, Theme::default());
        assert_eq!(overflow, None);
        let lines = plain(&lines);
        assert_eq!(lines[1], "│ Interface   IP-Address    │");
        assert_eq!(lines[2], "│ Gi0/0       10.0.0.1      │");
        assert_eq!(lines[3], "│         indented by a tab │");
        let (narrow, overflow) = exhibit_box(text, 16, 0, Theme::default());
        assert_eq!(overflow, Some(13));
        assert_eq!(plain(&narrow)[1], "│ Interface  › │");
        assert_eq!(plain(&narrow)[2], "│ Gi0/0      › │");
        let (scrolled, _) = exhibit_box(text, 16, 12, Theme::default());
        assert_eq!(plain(&scrolled)[1], "│ ‹P-Address   │");
    }

    #[test]
    fn wrapping_hangs_under_the_text() {
        let head = vec![Span::raw("  ( ) "), Span::raw("A) ")];
        let lines = wrap_hanging(head, "one two three four five six", 20, Style::new());
        assert_eq!(
            plain(&lines),
            [
                "  ( ) A) one two",
                "         three four",
                "         five six"
            ]
        );
    }
}
