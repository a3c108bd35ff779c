//! Text as XHTML, for the formats that show HTML (QTI, Anki), and back.
//!
//! Written text is reflowed as `quiz run` shows it: the author's line breaks inside a
//! paragraph are joined, while blank lines, list items and indented lines keep their
//! own lines. What is written is XML as well as HTML (`<br/>`, numeric references),
//! and [`to_text`] reads it back as the reflowed text.

use super::html;
use super::xml::escape;
use crate::prose::reflow;

/// One line: escaped, its leading spaces as no-break spaces so that HTML keeps them.
fn line(text: &str) -> String {
    let body = text.trim_start_matches(' ');
    let lead = text.len() - body.len();
    format!("{}{}", "&#160;".repeat(lead), escape(body))
}

/// Paragraphs (`<p>`), for a stem, an explanation, a card's back.
pub(super) fn blocks(text: &str) -> String {
    paragraphs(reflow(text))
}

/// Paragraphs (`<p>`) as written, each line break kept as `<br/>`: for a stem in
/// Anki, where the author's lines are all the card has of its layout.
pub(super) fn lines(text: &str) -> String {
    paragraphs(text.lines().map(|l| {
        if l.trim().is_empty() {
            ""
        } else {
            l.trim_end()
        }
    }))
}

/// Lines as paragraphs: an empty line ends one, the others are joined by `<br/>`.
fn paragraphs<S: AsRef<str>>(lines: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    let mut open = false;
    for l in lines {
        let l = l.as_ref();
        if l.is_empty() {
            if open {
                out.push_str("</p>");
                open = false;
            }
            continue;
        }
        out.push_str(if open { "<br/>" } else { "<p>" });
        open = true;
        out.push_str(&line(l));
    }
    if open {
        out.push_str("</p>");
    }
    out
}

/// Inline text (a choice, a `why`): lines joined with `<br/>`, a blank line as two.
pub(super) fn inline(text: &str) -> String {
    let lines = reflow(text);
    let mut out = String::new();
    let mut pending = 0;
    for l in lines {
        if l.is_empty() {
            pending += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(&"<br/>".repeat(1 + pending.min(1)));
        }
        pending = 0;
        out.push_str(&line(&l));
    }
    out
}

/// Plain text from markup written by [`blocks`] or [`inline`] (or any HTML): tags
/// stripped, paragraphs as blank lines, `<br/>` as line breaks, and the no-break
/// spaces that hold a line's indentation back as spaces.
pub(super) fn to_text(markup: &str) -> String {
    let text = html::to_text(markup, false);
    let mut out = String::with_capacity(text.len());
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let lead = l.chars().take_while(|&c| c == '\u{a0}').count();
        out.extend(std::iter::repeat_n(' ', lead));
        out.push_str(l.trim_start_matches('\u{a0}'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_reflowed_and_read_back() {
        let text = "One line\nstill the same & <more>.\n\nA list:\n- first\n  indented";
        let html = blocks(text);
        assert_eq!(
            html,
            "<p>One line still the same &amp; &lt;more&gt;.</p><p>A list:<br/>- first<br/>&#160;&#160;indented</p>"
        );
        assert_eq!(
            to_text(&html),
            "One line still the same & <more>.\n\nA list:\n- first\n  indented"
        );
    }

    #[test]
    fn kept_lines_stay_lines() {
        assert_eq!(
            lines("First line\n  second <b>\n\n\nThird\n"),
            "<p>First line<br/>&#160;&#160;second &lt;b&gt;</p><p>Third</p>"
        );
    }

    #[test]
    fn inline_text_keeps_its_lines() {
        let html = inline("a\n\nb\n- c");
        assert_eq!(html, "a<br/><br/>b<br/>- c");
        assert_eq!(to_text(&html), "a\n\nb\n- c");
    }

    #[test]
    fn characters_xml_cannot_hold_are_left_out() {
        assert_eq!(inline("a\u{1}b\tc"), "ab\tc");
    }
}
