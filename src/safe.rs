//! The one way untrusted text reaches a terminal. Bank files come from anywhere
//! (exam dumps off the web), so their text may hold escape sequences that would
//! retitle the window, write the clipboard or forge output. [`text`] and
//! [`line`] turn such text into text that a terminal shows and never interprets:
//! C0 and C1 controls and DEL become visible, bidirectional overrides are shown
//! as what they are, and the marks and isolates that right-to-left text needs
//! pass unchanged. Nothing else changes, so ordinary text is borrowed, not copied.

use serde_json::ser::{Formatter, PrettyFormatter};
use std::borrow::Cow;
use std::io;

/// How many columns a tab advances to: the next multiple of this.
pub const TAB_STOP: usize = 8;

/// Prose and preformatted text (a stem, an exhibit, an explanation): line feeds
/// stay, a tab becomes the spaces to the next tab stop, and every other control
/// character is shown instead of sent.
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// Text that must stay on one line (an id, a tag, a title, a path, a message):
/// as [`text`], and a line feed is shown as `␊` too.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// The address to make a terminal hyperlink (OSC 8) of, if `url` may be one: an
/// `http` or `https` address with a host, that parses, and that holds nothing
/// [`text`] would change and no space. Anything else is shown as text only: a
/// link's target is invisible, so it must be exactly the address shown.
pub fn link(url: &str) -> Option<&str> {
    if url.chars().any(|c| is_unsafe(c) || c.is_whitespace()) {
        return None;
    }
    // `https:///x` and `https:x` parse, as a host of `x`: a link must begin with
    // its scheme and `//`, and name its host as written.
    let prefix = |scheme: &str| {
        url.get(..scheme.len())
            .filter(|p| p.eq_ignore_ascii_case(scheme))
            .map(|_| &url[scheme.len()..])
    };
    let rest = prefix("https://").or_else(|| prefix("http://"))?;
    if rest.is_empty() || rest.starts_with(['/', '\\']) {
        return None;
    }
    let parsed = url::Url::parse(url).ok()?;
    let web = matches!(parsed.scheme(), "http" | "https");
    (web && parsed.host_str().is_some_and(|h| !h.is_empty())).then_some(url)
}

/// Whether [`text`] would change `c` (a tab or a line feed aside): a C0 or C1
/// control, DEL, or a bidirectional embedding or override. `quiz check` flags these.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n' || is_bidi_override(c)
}

/// U+202A–U+202E: embeddings and overrides, which reorder the text after them
/// until a pop that may never come ("Trojan Source"). The marks U+200E and
/// U+200F and the isolates U+2066–U+2069 end at the paragraph and pass.
fn is_bidi_override(c: char) -> bool {
    ('\u{202a}'..='\u{202e}').contains(&c)
}

/// `value` as pretty-printed JSON whose strings hold no character that a terminal
/// would act on: serde_json escapes C0 controls itself (`\u001b`), and this also
/// escapes DEL, the C1 controls and the bidirectional overrides, which JSON lets
/// stand raw. Decoded, the strings are exactly the values; printed to a terminal
/// (`quiz check --format json`, `quiz stats --json`), nothing in them is interpreted.
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut out = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut out, JsonFormatter(PrettyFormatter::new()));
    // Serializing plain strings, numbers and maps with string keys cannot fail.
    if value.serialize(&mut serializer).is_err() {
        out.clear();
    }
    out.push(b'\n');
    out
}

/// serde_json's pretty printer, with [`is_unsafe`] characters escaped as `\uXXXX`.
struct JsonFormatter(PrettyFormatter<'static>);

impl Formatter for JsonFormatter {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(is_unsafe) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            // Every such character is in the Basic Multilingual Plane: one escape.
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

fn clean(s: &str, keep_line_feed: bool) -> Cow<'_, str> {
    let needs_work = |c: char| is_unsafe(c) || c == '\t' || (c == '\n' && !keep_line_feed);
    let Some(first) = s.find(needs_work) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    // The column within the line, for tab stops; counted only once it matters.
    let mut column = s[..first]
        .rsplit('\n')
        .next()
        .map_or(0, |l| l.chars().count());
    for c in s[first..].chars() {
        match c {
            '\n' if keep_line_feed => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
                continue;
            }
            // C0 controls and DEL have pictures of their own (U+2400–U+2421).
            '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('�')),
            '\u{7f}' => out.push('\u{2421}'),
            // C1 controls and the overrides have none: their code point, escaped.
            c if c.is_control() || is_bidi_override(c) => {
                let escaped = format!("\\u{{{:x}}}", c as u32);
                out.push_str(&escaped);
                column += escaped.len() - 1;
            }
            c => out.push(c),
        }
        column += 1;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_text_is_borrowed() {
        let s = "Which of the following are not steps? — Ἀθῆναι, 東京, مرحبا\nline two";
        assert!(matches!(text(s), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_are_shown_not_sent() {
        let hostile = "a\x1b]52;c;Y3VybA==\x07b\x1b[2Jc\rd\x08e";
        assert_eq!(text(hostile), "a␛]52;c;Y3VybA==␇b␛[2Jc␍d␈e");
    }

    #[test]
    fn c1_controls_and_del_are_shown() {
        assert_eq!(text("a\u{9b}31m\u{7f}"), "a\\u{9b}31m␡");
        assert_eq!(text("\u{85}"), "\\u{85}");
    }

    #[test]
    fn bidi_overrides_are_shown_but_marks_and_isolates_pass() {
        assert_eq!(text("x\u{202e}gnp.exe"), "x\\u{202e}gnp.exe");
        let rtl = "\u{200f}\u{2067}שלום\u{2069}\u{200e}";
        assert_eq!(text(rtl), rtl);
    }

    #[test]
    fn tabs_become_spaces_to_the_next_stop() {
        assert_eq!(text("ab\tc"), "ab      c");
        assert_eq!(text("x\n\ty"), "x\n        y");
        assert_eq!(text("\u{1b}\tz"), "␛       z");
    }

    #[test]
    fn only_plain_web_addresses_become_links() {
        let good = "https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2";
        assert_eq!(link(good), Some(good));
        assert_eq!(link("http://example.com/"), Some("http://example.com/"));
        for bad in [
            "https://x.example/\x1b\\\x1b]52;c;Y3VybA==\x07",
            "https://x.example/\x1b]8;;file:///etc/passwd\x1b\\",
            "https://x.example/\u{202e}fdp.exe",
            "https://",
            "https:///path",
            "https:example.com/x",
            "https:'/ex\\a`xttps://example.org/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "https://a b.example/",
            "not a url",
        ] {
            assert_eq!(link(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn line_shows_line_feeds() {
        assert_eq!(line("title\nforged: line"), "title␊forged: line");
        assert_eq!(text("two\nlines"), "two\nlines");
    }

    #[test]
    fn the_output_never_holds_a_control_character() {
        let every: String = (0u32..0x300)
            .chain(0x2000..0x2100)
            .filter_map(char::from_u32)
            .collect();
        for out in [text(&every), line(&every)] {
            assert!(out.chars().all(|c| !is_unsafe(c) && c != '\t'), "{out:?}");
        }
        assert!(!line(&every).contains('\n'));
    }

    #[test]
    fn json_escapes_every_control_and_override_and_decodes_to_the_same() {
        let hostile = "a\x1b]0;x\x07 \u{7f}\u{9b}2J \u{202e}b\tc\nd";
        let bytes = json(&serde_json::json!({ "k\x1b": hostile }));
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        assert!(text.chars().all(|c| !is_unsafe(c) && c != '\t'), "{text:?}");
        assert!(text.contains("\\u001b]0;x\\u0007"), "{text}");
        assert!(text.contains("\\u007f\\u009b2J \\u202eb\\tc\\nd"), "{text}");
        let back: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(back["k\x1b"], hostile);
        // Still pretty: one key a line.
        assert!(text.starts_with("{\n  \""), "{text}");
    }
}
