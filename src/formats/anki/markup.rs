//! Anki's own markup, made plain text. Anki reads markup of its own in a field's
//! HTML before a browser sees it: `[sound:x.mp3]` plays a file, `[anki:tts]…` speaks,
//! `[latex]…[/latex]`, `[$]…[/$]` and `[$$]…[/$$]` become LaTeX images, and a cloze
//! note type reads `{{c1::…}}`. The card's MathJax then typesets `\(…\)` and `\[…\]`
//! in the text the browser shows. Bank text is none of these, so it is written so
//! that none applies and the card shows it as written.

/// `html` (escaped text, and markup that holds none of `[`, `{` or `\`) with
/// Anki's markup defused: `[` and `{` as character references, which Anki's
/// readers of the field's source do not match but the card shows as the
/// characters; a backslash before a MathJax delimiter in an element of its own,
/// since MathJax finds `\(` only within one run of text; a tab as `&#9;`, which
/// the text file's tab-separated columns would otherwise split.
pub(super) fn defuse(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut chars = html.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '[' => out.push_str("&#91;"),
            '{' => out.push_str("&#123;"),
            '\t' => out.push_str("&#9;"),
            '\\' if matches!(chars.peek(), Some('(' | ')' | '[' | ']')) => {
                out.push_str("<span>\\</span>");
            }
            c => out.push(c),
        }
    }
    out
}

/// An address for an `href`: `[` and `{` as character references, as in [`defuse`]
/// (MathJax does not read attributes).
pub(super) fn defuse_attribute(value: &str) -> String {
    value.replace('[', "&#91;").replace('{', "&#123;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_markup_is_shown_not_read() {
        assert_eq!(defuse("[sound:a.mp3]"), "&#91;sound:a.mp3]");
        assert_eq!(
            defuse("[$]x[/$] [latex]y[/latex]"),
            "&#91;$]x&#91;/$] &#91;latex]y&#91;/latex]"
        );
        assert_eq!(defuse("{{c1::x}}"), "&#123;&#123;c1::x}}");
        assert_eq!(
            defuse(r"\(ab\) \[c\]"),
            r"<span>\</span>(ab<span>\</span>) <span>\</span>&#91;c<span>\</span>]"
        );
        assert_eq!(defuse("a\tb \\n"), "a&#9;b \\n");
        assert_eq!(
            defuse_attribute("https://x/[sound:a]"),
            "https://x/&#91;sound:a]"
        );
    }
}
