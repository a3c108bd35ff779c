//! HTML to plain text and back, for Moodle's HTML and auto-formatted texts.
//!
//! [`to_text`] strips tags, decodes character references as a browser does (the
//! full HTML5 list, from the `htmlize` crate) and turns `<br>` and block elements
//! into line breaks (`<p>` into a blank line, `<li>` into `- `). In HTML whitespace
//! runs collapse; in Moodle's auto-format (`newlines`) the text's own line breaks and
//! spaces count. [`read`] also lists the images, audio and other files a text embeds,
//! which plain text cannot carry. [`from_text`] and [`escape_markup`] write text that
//! reads back exactly.

use std::borrow::Cow;

/// Plain text from HTML. With `newlines`, line breaks and spaces in the source are
/// kept as written (Moodle auto-format, GIFT's default); without, they collapse.
pub(super) fn to_text(html: &str, newlines: bool) -> String {
    read(html, newlines).text
}

/// A text read from HTML: the plain text, and what it embeds that plain text loses.
#[derive(Debug, Default)]
pub(super) struct Read {
    pub text: String,
    /// The files of `<img>`, `<audio>`, `<video>`, `<source>`, `<embed>`,
    /// `<object>` and `<iframe>`, and links to files stored in Moodle
    /// (`@@PLUGINFILE@@/…`), by name.
    pub media: Vec<String>,
}

/// Plain text from HTML, as [`to_text`], with the media it embeds.
pub(super) fn read(html: &str, newlines: bool) -> Read {
    let mut out = Out {
        s: String::new(),
        breaks: 0,
        raw_newlines: 0,
        space: false,
        newlines,
        link: None,
        media: Vec::new(),
    };
    let mut gt = NextGt::new(html);
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(after) = rest.strip_prefix("<!--") {
                rest = after.find("-->").map_or("", |i| &after[i + 3..]);
                continue;
            }
            let at = html.len() - rest.len();
            if let Some((tag, after)) = split_tag(rest, gt.after(at)) {
                rest = out.tag(&tag, after);
                continue;
            }
        } else if c == '&'
            && let Some((decoded, len)) = reference(rest)
        {
            out.literals(&decoded);
            rest = &rest[len..];
            continue;
        }
        if c.is_whitespace() && c != '\u{a0}' {
            out.whitespace(c);
        } else {
            out.literal(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    let mut seen = std::collections::HashSet::new();
    let mut media = out.media;
    media.retain(|m| seen.insert(m.clone()));
    Read {
        text: out.s.trim().to_owned(),
        media,
    }
}

/// A file's name from its address: `@@PLUGINFILE@@/dir/x.png?time=1` → `x.png`.
fn file_name(src: &str) -> String {
    let path = src.split(['?', '#']).next().unwrap_or(src);
    let name = path.rsplit('/').find(|p| !p.is_empty()).unwrap_or(path);
    name.trim().to_owned()
}

/// The next `>` at or after a position. Remembering it keeps a text with many `<` and
/// few `>` linear to scan.
struct NextGt<'t> {
    text: &'t str,
    /// Where the last search started, and what it found.
    last: Option<(usize, Option<usize>)>,
}

impl<'t> NextGt<'t> {
    fn new(text: &'t str) -> Self {
        NextGt { text, last: None }
    }

    /// The index of the next `>` at or after `pos`, relative to `pos`.
    fn after(&mut self, pos: usize) -> Option<usize> {
        let found = match self.last {
            Some((from, Some(at))) if from <= pos && at >= pos => Some(at),
            Some((from, None)) if from <= pos => None,
            _ => {
                let at = self.text.get(pos..)?.find('>').map(|i| i + pos);
                self.last = Some((pos, at));
                at
            }
        };
        found.map(|at| at - pos)
    }
}

/// A tag at the start of `s` (which starts with `<` and has its next `>` at `gt`): the
/// tag, and the text after it.
fn split_tag(s: &str, gt: Option<usize>) -> Option<(Tag, &str)> {
    let body = &s[1..];
    let first = body.chars().next()?;
    if !(first.is_ascii_alphabetic() || matches!(first, '/' | '!' | '?')) {
        return None;
    }
    let end = gt?.checked_sub(1)?;
    let inner = &body[..end];
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let attrs = &inner[inner.len().min(usize::from(closing) + name.len())..];
    Some((
        Tag {
            name,
            closing,
            attrs: attrs.to_owned(),
        },
        &body[end + 1..],
    ))
}

struct Tag {
    name: String,
    closing: bool,
    attrs: String,
}

impl Tag {
    /// The decoded value of attribute `name`.
    fn attr(&self, name: &str) -> Option<String> {
        let mut rest = self.attrs.as_str();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                return None;
            }
            let key_end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
                .unwrap_or(rest.len());
            let key = &rest[..key_end];
            rest = rest[key_end..].trim_start();
            let mut value = None;
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (v, next) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let inner = &after[1..];
                        let end = inner.find(q).unwrap_or(inner.len());
                        (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                value = Some(v);
                rest = next;
            }
            if key.eq_ignore_ascii_case(name) {
                return value.map(|v| htmlize::unescape_attribute(v).into_owned());
            }
            if key.is_empty() && value.is_none() {
                // Nothing parsable left (a stray `=`); stop rather than loop.
                return None;
            }
        }
    }
}

/// The text built so far and the line breaks and space waiting to be written.
struct Out {
    s: String,
    /// Line breaks asked for by tags.
    breaks: usize,
    /// Line breaks in the source text (counted only with `newlines`).
    raw_newlines: usize,
    /// Collapsed whitespace waiting.
    space: bool,
    newlines: bool,
    /// An open `<a href>`: the address and where its text starts.
    link: Option<(String, usize)>,
    /// Embedded files, by name.
    media: Vec<String>,
}

impl Out {
    fn flush(&mut self) {
        let n = self.breaks.max(self.raw_newlines);
        if !self.s.is_empty() {
            if n > 0 {
                for _ in 0..n {
                    self.s.push('\n');
                }
            } else if self.space {
                self.s.push(' ');
            }
        }
        self.breaks = 0;
        self.raw_newlines = 0;
        self.space = false;
    }

    fn literal(&mut self, c: char) {
        self.flush();
        self.s.push(c);
    }

    fn literals(&mut self, s: &str) {
        for c in s.chars() {
            self.literal(c);
        }
    }

    fn whitespace(&mut self, c: char) {
        if !self.newlines {
            self.space = true;
        } else if c == '\n' {
            self.raw_newlines += 1;
        } else if c != '\r' {
            self.literal(c);
        }
    }

    fn block(&mut self, n: usize) {
        self.breaks = self.breaks.max(n);
    }

    /// Notes the file that `tag` embeds through attribute `attr`.
    fn embed(&mut self, tag: &Tag, attr: &str) {
        if let Some(src) = tag.attr(attr).filter(|s| !s.trim().is_empty()) {
            self.media.push(file_name(&src));
        }
    }

    /// Handles a tag; returns the text after it (after the element, for those skipped whole).
    fn tag<'a>(&mut self, tag: &Tag, after: &'a str) -> &'a str {
        match tag.name.as_str() {
            "br" => self.breaks += 1,
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.block(2),
            "div" | "ul" | "ol" | "table" | "tr" | "blockquote" | "pre" | "hr" | "dl" | "dd"
            | "dt" | "section" | "article" | "header" | "footer" | "figure" | "address" => {
                self.block(1)
            }
            "li" => {
                self.block(1);
                if !tag.closing {
                    self.literals("- ");
                }
            }
            "td" | "th" if tag.closing => self.space = true,
            "img" => {
                self.embed(tag, "src");
                // The alt text, else the file's name: two different pictures
                // must not read alike (choices that are only images).
                let name = tag
                    .attr("alt")
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .or_else(|| {
                        tag.attr("src")
                            .filter(|s| !s.trim().is_empty())
                            .map(|s| file_name(&s))
                            .filter(|n| !n.is_empty())
                    });
                self.space = true;
                match name {
                    Some(name) => self.literals(&format!("[image: {name}]")),
                    None => self.literals("[image]"),
                }
                self.space = true;
            }
            "audio" | "video" | "source" | "embed" | "iframe" if !tag.closing => {
                self.embed(tag, "src");
            }
            "object" if !tag.closing => self.embed(tag, "data"),
            "a" if !tag.closing => {
                let href = tag.attr("href");
                if href
                    .as_deref()
                    .is_some_and(|h| h.contains("@@PLUGINFILE@@"))
                {
                    self.embed(tag, "href");
                }
                self.link = href.map(|href| (href, self.s.len()));
            }
            "a" => {
                if let Some((href, start)) = self.link.take() {
                    let text = self.s.get(start..).unwrap_or("").trim();
                    let web = href.starts_with("http://") || href.starts_with("https://");
                    if web && !text.is_empty() && text != href {
                        self.space = true;
                        self.literals(&format!("({href})"));
                    }
                }
            }
            "script" | "style" if !tag.closing => {
                let name = tag.name.as_bytes();
                let close = after.match_indices("</").map(|(i, _)| i).find(|&i| {
                    after.as_bytes()[i + 2..]
                        .get(..name.len())
                        .is_some_and(|n| n.eq_ignore_ascii_case(name))
                });
                return match close {
                    Some(i) => after[i..].find('>').map_or("", |j| &after[i + j + 1..]),
                    None => "",
                };
            }
            _ => {}
        }
        after
    }
}

/// `text` with its character references decoded and nothing else changed:
/// whitespace and line breaks stay (for `<pre>` blocks).
pub(super) fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        match reference(&rest[at..]) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[at + len..];
            }
            None => {
                out.push('&');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A character reference at the start of `s` (which starts with `&`), read as a
/// browser reads one in text (the WHATWG rules, with the full HTML5 list of names,
/// the legacy ones without `;` included): its characters, and the bytes it takes.
/// Anything else is not a reference and stays text. `&nbsp;` becomes a plain space.
fn reference(s: &str) -> Option<(Cow<'static, str>, usize)> {
    let bytes = s.as_bytes();
    let (text, len): (Cow<'static, str>, usize) = if bytes.get(1) == Some(&b'#') {
        let hex = matches!(bytes.get(2), Some(b'x' | b'X'));
        let digits_from = if hex { 3 } else { 2 };
        let digits = bytes[digits_from..]
            .iter()
            .take_while(|b| {
                if hex {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let mut end = digits_from + digits;
        if bytes.get(end) == Some(&b';') {
            end += 1;
        }
        // The crate maps what the standard maps: 0 and out-of-range numbers to
        // U+FFFD, and 0x80 to 0x9F as Windows-1252 does.
        (htmlize::unescape(&s[..end]).into_owned().into(), end)
    } else {
        let run = bytes[1..]
            .iter()
            .take(htmlize::ENTITY_MAX_LENGTH)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let with_semicolon = (bytes.get(1 + run) == Some(&b';'))
            .then(|| &bytes[..run + 2])
            .and_then(|name| htmlize::ENTITIES.get(name).map(|v| (*v, name.len())));
        let found = with_semicolon.or_else(|| {
            (1..=run)
                .rev()
                .find_map(|k| htmlize::ENTITIES.get(&bytes[..=k]).map(|v| (*v, k + 1)))
        })?;
        let text = std::str::from_utf8(found.0).ok()?;
        (Cow::Borrowed(text), found.1)
    };
    let text = if text == "\u{a0}" { " ".into() } else { text };
    Some((text, len))
}

/// Escapes the `&` and `<` that [`to_text`] would read as markup, and only those, so
/// that plain text stays readable (`A & B`, `x < y` are left alone).
pub(super) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gt = NextGt::new(text);
    for (i, c) in text.char_indices() {
        let after = &text[i + c.len_utf8()..];
        match c {
            '&' if reference(&text[i..]).is_some() => out.push_str("&amp;"),
            '<' if after.starts_with("!--") || split_tag(&text[i..], gt.after(i)).is_some() => {
                out.push_str("&lt;")
            }
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for an HTML element or a double-quoted attribute.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// HTML that [`to_text`] (without `newlines`) reads back as `text`: line breaks as
/// `<br>`, blank lines as paragraphs (when `paragraphs`), and the spaces that HTML
/// would collapse as `&nbsp;`.
pub(super) fn from_text(text: &str, paragraphs: bool) -> String {
    let mut out = String::new();
    let mut newlines = 0usize;
    let mut started = false;
    for line in text.split('\n') {
        if line.is_empty() {
            newlines += 1;
            continue;
        }
        if started {
            match newlines + 1 {
                n if paragraphs && n >= 2 => {
                    out.push_str("</p>\n<p>");
                    for _ in 2..n {
                        out.push_str("<br>");
                    }
                }
                n => {
                    for _ in 0..n {
                        out.push_str("<br>\n");
                    }
                }
            }
        }
        started = true;
        newlines = 0;
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                ' ' if i == 0 || i + 1 == chars.len() || chars[i - 1] == ' ' => {
                    out.push_str("&nbsp;")
                }
                '\t' => out.push_str("&#9;"),
                '\r' => out.push_str("&#13;"),
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c if c.is_whitespace() && c != ' ' => out.push_str(&format!("&#{};", c as u32)),
                c => out.push(c),
            }
        }
    }
    if paragraphs && started {
        format!("<p>{out}</p>")
    } else {
        out
    }
}

/// `%20` and its like decoded, as file names are written in a `src`.
pub(super) fn decode_uri(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_decodes_entities() {
        assert_eq!(
            to_text(
                "<p>RSA &amp; DHE &lt;b&gt; &#8212; &#x41;&nbsp;&unknown; &amp</p>",
                false
            ),
            "RSA & DHE <b> — A &unknown; &"
        );
        // The whole HTML5 list, and the legacy names a browser reads without `;`.
        assert_eq!(
            to_text(
                "x&sup2; &frac12; &rho; &NotEqualTilde; &amp i &lt &notit; &#x80;",
                true
            ),
            "x² ½ ρ \u{2242}\u{338} & i < ¬it; €"
        );
        assert_eq!(
            to_text("AT&T &ampx &#; &#x; R&D", true),
            "AT&T &x &#; &#x; R&D"
        );
        // In an attribute, a legacy name before a letter or `=` is not a reference.
        assert_eq!(
            to_text(r#"<a href="https://x.org/?a=1&copy=2&lt;3">x</a>"#, false),
            "x (https://x.org/?a=1&copy=2<3)"
        );
        assert_eq!(
            to_text("<b>bold</b>  and\n  <i>more</i>", false),
            "bold and more"
        );
        assert_eq!(to_text("x < y and a<3", false), "x < y and a<3");
    }

    #[test]
    fn breaks_and_paragraphs_become_newlines() {
        assert_eq!(
            to_text(
                "<p>One<br/>two</p>\n<p>Three</p><ul><li>a</li><li>b</li></ul>",
                false
            ),
            "One\ntwo\n\nThree\n\n- a\n- b"
        );
        assert_eq!(to_text("<div>a</div><div>b</div>", false), "a\nb");
        assert_eq!(to_text("a<br>\n<br>\nb", true), "a\n\nb");
        assert_eq!(to_text("line one\nline  two", true), "line one\nline  two");
    }

    #[test]
    fn keeps_addresses_images_and_drops_scripts() {
        assert_eq!(
            to_text(
                r#"See <a href="https://example.org/?a=1&amp;b=2">the page</a>."#,
                false
            ),
            "See the page (https://example.org/?a=1&b=2)."
        );
        assert_eq!(
            to_text(r#"<a href="https://x.org">https://x.org</a>"#, false),
            "https://x.org"
        );
        assert_eq!(
            to_text(
                r#"A <img src="@@PLUGINFILE@@/x.png" alt="diagram"> B"#,
                false
            ),
            "A [image: diagram] B"
        );
        assert_eq!(
            to_text("a<script>if (x < 1) {}</script>b<!-- c -->d", false),
            "abd"
        );
    }

    #[test]
    fn lists_what_a_text_embeds() {
        let read = read(
            r#"<p><a href="@@PLUGINFILE@@/bonjour.mp3">Listen</a> <img src="@@PLUGINFILE@@/a%20b.png?time=3" alt="logo">
            <img src="@@PLUGINFILE@@/a%20b.png"><audio src="https://x.org/s.ogg"></audio>
            <video><source src="clip.mp4"></video> <a href="https://x.org/page">page</a></p>"#,
            false,
        );
        assert_eq!(
            read.media,
            ["bonjour.mp3", "a%20b.png", "s.ogg", "clip.mp4"]
        );
        assert!(
            read.text
                .starts_with("Listen [image: logo] [image: a%20b.png]"),
            "{}",
            read.text
        );
    }

    #[test]
    fn odd_markup_never_panics() {
        for s in [
            "<",
            "<a",
            "<a href=",
            "<a href='x",
            "&#",
            "&#x;",
            "&#99999999;",
            "<img alt=>",
            "<<>>",
            "<br",
            "é<p>ü",
        ] {
            let _ = to_text(s, false);
            let _ = to_text(s, true);
        }
        assert_eq!(to_text("&#0;", false), "\u{fffd}");
    }

    #[test]
    fn written_html_reads_back_exactly() {
        for text in [
            "plain",
            "two\nlines",
            "para one\n\npara two",
            "three\n\n\nnewlines",
            "  indented\nand  double  spaces ",
            "tab\there & <tag> &amp; \"quoted\"",
            "a\n  \nb",
        ] {
            for paragraphs in [true, false] {
                let html = from_text(text, paragraphs);
                assert_eq!(to_text(&html, false), text.trim(), "{html}");
            }
        }
    }

    #[test]
    fn escaped_markup_reads_back_exactly() {
        for text in [
            "A & B",
            "x < y",
            "a<b>c</b>",
            "&amp; &#65; &nbsp",
            "&rho; &amp i &lt &copy2 &#x80",
            "<!-- no -->",
            "1 <2 >3",
        ] {
            let escaped = escape_markup(text);
            assert_eq!(to_text(&escaped, true), text, "{escaped}");
        }
        assert_eq!(escape_markup("A & B < C"), "A & B < C");
        assert_eq!(escape_markup("&rho; &lt R&D"), "&amp;rho; &amp;lt R&D");
    }
}
