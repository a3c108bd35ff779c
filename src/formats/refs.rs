//! References in the general feedback: written after the explanation under a
//! `References:` line, one per line as `quiz run` shows them, and read back from a
//! trailing block of exactly that form, so that round trips keep them as references.

use crate::bank::{Question, Reference, Spanned, Target};
use crate::diagnostic::Pos;

pub(super) const HEADING: &str = "References:";

/// `RFC 5246 §7.4.1.3 Server Hello` (the label, and an RFC reference's title) and
/// the address, as `quiz run` shows them.
pub(super) fn parts(r: &Reference) -> (String, String) {
    let label = match (&r.target, &r.title) {
        (Target::Rfc { .. }, Some(title)) => format!("{} {}", r.label(), title.value.trim()),
        _ => r.label(),
    };
    (label, r.link())
}

/// The explanation with the author's line wraps joined, as the screen shows it: the
/// lines of a paragraph become one, blank lines, list items and indented lines stay.
/// None when there is none.
pub(super) fn explanation(q: &Question) -> Option<String> {
    q.explanation
        .as_ref()
        .map(|e| crate::prose::reflowed(e.value.trim()))
        .filter(|e| !e.is_empty())
}

fn line(r: &Reference) -> String {
    let (label, link) = parts(r);
    format!("{label}: {link}")
}

/// The explanation and the references of a question, as plain text: what goes into
/// a general feedback. None when the question has neither.
pub(super) fn feedback(q: &Question) -> Option<String> {
    let mut out = explanation(q).unwrap_or_default();
    if !q.references.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(HEADING);
        for r in &q.references {
            out.push('\n');
            out.push_str(&line(r));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Splits a general feedback into the explanation and the references of a trailing
/// `References:` block. A block with any line that is not a reference stays text.
pub(super) fn split(text: &Spanned<String>) -> (Option<Spanned<String>>, Vec<Reference>) {
    let whole = text.value.trim();
    let keep = |s: &str| {
        let s = s.trim();
        (!s.is_empty()).then(|| Spanned::new(s.to_owned(), text.pos))
    };
    let heading = format!("{HEADING}\n");
    let (head, block) = if let Some(block) = whole.strip_prefix(&heading) {
        ("", block)
    } else if let Some(i) = whole.rfind(&format!("\n\n{heading}")) {
        (&whole[..i], &whole[i + 2 + heading.len()..])
    } else {
        return (keep(whole), Vec::new());
    };
    let mut references = Vec::new();
    for l in block.lines() {
        match parse_line(l.trim(), text) {
            Some(r) => references.push(r),
            None => return (keep(whole), Vec::new()),
        }
    }
    (keep(head), references)
}

/// One line written by [`line`], back into a reference.
fn parse_line(l: &str, at: &Spanned<String>) -> Option<Reference> {
    let split = [": https://", ": http://"]
        .iter()
        .filter_map(|sep| l.rfind(sep))
        .max()?;
    let (label, url) = (&l[..split], &l[split + 2..]);
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    let s = |v: &str| Spanned::new(v.to_owned(), at.pos);
    if let Some(r) = parse_rfc(label, at.pos)
        && line(&r) == l
    {
        return Some(r);
    }
    let title = (label != url && !label.is_empty()).then(|| s(label));
    let r = Reference {
        pos: at.pos,
        target: Target::Url(s(url)),
        title,
    };
    (line(&r) == l).then_some(r)
}

/// `RFC 5246 §7.4.1.3 Server Hello` → rfc 5246, section 7.4.1.3, title Server Hello.
pub(super) fn parse_rfc(label: &str, pos: Pos) -> Option<Reference> {
    let s = |v: &str| Spanned::new(v.to_owned(), pos);
    let rest = label.strip_prefix("RFC ")?;
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    if digits == 0 {
        return None;
    }
    let (number, mut rest) = rest.split_at(digits);
    let mut section = None;
    if let Some(after) = rest.strip_prefix(" §") {
        let end = after.find(' ').unwrap_or(after.len());
        section = Some(s(&after[..end]));
        rest = &after[end..];
    }
    let title = match rest.strip_prefix(' ') {
        Some(t) if !t.is_empty() => Some(s(t)),
        _ if rest.is_empty() => None,
        _ => return None,
    };
    Some(Reference {
        pos,
        target: Target::Rfc {
            number: s(number),
            section,
        },
        title,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Spanned<String> {
        Spanned::new(s.to_owned(), Pos::new(9, 5))
    }

    fn lines_of(refs: &[Reference]) -> Vec<String> {
        refs.iter().map(line).collect()
    }

    #[test]
    fn reads_back_what_it_writes() {
        let fb = "Because.\n\nReferences:\n\
                  RFC 5246 §7.4.1.3 Server Hello: https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3\n\
                  RFC 8446: https://www.rfc-editor.org/rfc/rfc8446\n\
                  RFC 5246 §B.4: https://www.rfc-editor.org/rfc/rfc5246#appendix-B.4\n\
                  TLS 1.3 ServerHello: https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3\n\
                  https://example.org/a: https://example.org/a";
        let (explanation, refs) = split(&text(fb));
        assert_eq!(explanation.map(|e| e.value).as_deref(), Some("Because."));
        assert_eq!(refs.len(), 5);
        assert!(
            matches!(&refs[0].target, Target::Rfc { number, section: Some(s) } if number.value == "5246" && s.value == "7.4.1.3")
        );
        assert_eq!(
            refs[0].title.as_ref().map(|t| t.value.as_str()),
            Some("Server Hello")
        );
        assert!(matches!(&refs[3].target, Target::Url(u) if u.value.ends_with("section-4.1.3")));
        assert!(refs[4].title.is_none());
        assert_eq!(lines_of(&refs), fb.lines().skip(3).collect::<Vec<_>>());
        assert_eq!(refs[0].pos, Pos::new(9, 5));
    }

    #[test]
    fn a_block_with_other_lines_stays_text() {
        let fb = "Because.\n\nReferences:\nthe RFC, somewhere";
        let (explanation, refs) = split(&text(fb));
        assert_eq!(explanation.map(|e| e.value).as_deref(), Some(fb));
        assert!(refs.is_empty());
    }

    #[test]
    fn references_alone_leave_no_explanation() {
        let (explanation, refs) = split(&text(
            "References:\nRFC 1: https://www.rfc-editor.org/rfc/rfc1",
        ));
        assert!(explanation.is_none());
        assert_eq!(refs.len(), 1);
    }

    #[test]
    fn an_rfc_label_with_another_address_is_a_url_reference() {
        let (_, refs) = split(&text("References:\nRFC 5246: https://example.org/tls"));
        assert!(matches!(&refs[0].target, Target::Url(_)));
        assert_eq!(
            refs[0].title.as_ref().map(|t| t.value.as_str()),
            Some("RFC 5246")
        );
    }
}
