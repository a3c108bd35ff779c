//! Text measured in terminal columns, as every front lays it out: wrapped at
//! word boundaries, cut with a marker.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width in columns.
pub fn width(text: &str) -> usize {
    text.width()
}

fn options(width: usize, break_words: bool) -> textwrap::Options<'static> {
    textwrap::Options::new(width.max(1))
        .break_words(break_words)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Each line of `text` wrapped at word boundaries to `width` columns. With
/// `break_words`, a word longer than a line is broken (a narrow window must not
/// lose the end of a link); without, it overflows whole (so that it can be copied).
pub fn wrapped(text: &str, width: usize, break_words: bool) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in text.split('\n') {
        let lines = textwrap::wrap(paragraph.trim_end(), options(width, break_words));
        if lines.is_empty() {
            out.push(String::new());
        }
        out.extend(lines.into_iter().map(|l| l.into_owned()));
    }
    out
}

/// Each line of `text` wrapped at a word to `width` columns, continuing at the
/// line's own indentation. Words are never broken, nor split at hyphens, so that
/// links stay whole; colour codes do not count towards the width.
pub fn fill(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 40);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let indent = &body[..body.len() - body.trim_start().len()];
        let options = options(width, false).subsequent_indent(indent);
        out.push_str(&textwrap::fill(body, options));
        out.push_str(end);
    }
    out
}

/// `head` then `text` wrapped to `width`, its continuation lines indented to
/// where the text began: `  A) ` and a choice.
pub fn hanging(head: &str, text: &str, width: usize) -> String {
    let indent = " ".repeat(head.width());
    let options = options(width, false)
        .initial_indent(head)
        .subsequent_indent(&indent);
    textwrap::fill(text, options)
}

/// `text` cut to `max` columns, ending in `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filling_keeps_links_and_indentation() {
        let line =
            "  See https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3 for the ServerHello.\n";
        assert_eq!(
            fill(line, 40),
            "  See\n  https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3\n  for the ServerHello.\n"
        );
    }

    #[test]
    fn a_choice_hangs_under_its_text_and_no_word_is_broken() {
        assert_eq!(
            hanging(
                "  A) ",
                "The interface MTUs do not match, so DBD packets are rejected",
                30
            ),
            "  A) The interface MTUs do not\n     match, so DBD packets are\n     rejected"
        );
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
    }
}
