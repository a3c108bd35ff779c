//! The exhibit in formats that have no field for it (Moodle XML, GIFT): written
//! after the stem as an HTML `<pre>` block, which Moodle shows verbatim, and read
//! back from the last `<pre>` block of a stem, so that a round trip keeps it.

use super::html;

/// The stem as HTML with the exhibit after it in `<pre>`; its line breaks are
/// written `&#10;` so that the whole stays on one line (GIFT ends a question at
/// a blank line).
pub(super) fn stem_html(stem: &str, exhibit: &str) -> String {
    let pre = html::escape(exhibit.trim_end_matches('\n')).replace('\n', "&#10;");
    format!("{}<pre>{pre}</pre>", html::from_text(stem.trim(), true))
}

/// A stem's HTML without its last `<pre>` block, and that block's text, exactly
/// as written (entities decoded, nothing collapsed); None without a `<pre>`.
pub(super) fn split(html: &str) -> Option<(String, String)> {
    let lower = html.to_ascii_lowercase();
    let open = lower.rfind("<pre")?;
    let body = open + lower[open..].find('>')? + 1;
    let close = body + lower[body..].find("</pre>")?;
    let rest = format!("{}{}", &html[..open], &html[close + "</pre>".len()..]);
    let text = html::decode_entities(&html[body..close]);
    // A line break right after <pre> is not part of the text (HTML's own rule).
    let text = text.strip_prefix('\n').unwrap_or(&text);
    Some((rest, format!("{}\n", text.trim_end_matches('\n'))))
}

/// The stem and exhibit as GIFT writes them: `[html]` text, GIFT's special
/// characters escaped, on one line.
pub(super) fn gift_stem(stem: &str, exhibit: &str) -> String {
    let html = stem_html(stem, exhibit);
    let mut out = String::from("[html]");
    for c in html.chars() {
        if matches!(c, '\\' | '~' | '=' | '#' | '{' | '}' | ':') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A GIFT stem written `[html]…<pre>…</pre>`: the stem as plain text and the
/// exhibit.
pub(super) fn split_gift(raw: &str) -> Option<(String, String)> {
    let body = raw.trim().strip_prefix("[html]")?;
    let (rest, exhibit) = split(body)?;
    Some((html::to_text(&rest, false), exhibit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exhibit_reads_back_as_written() {
        let exhibit = "R1# show ip route\n  C  10.0.0.0/8 <connected> & {up}\n\tdone\n";
        let html = stem_html("Why is the route missing?", exhibit);
        assert!(!html.contains('\n'), "{html}");
        let (rest, back) = split(&html).expect("a <pre> block");
        assert_eq!(back, exhibit);
        assert_eq!(html::to_text(&rest, false), "Why is the route missing?");
        assert_eq!(split("<p>No exhibit</p>"), None);
    }

    const BANK: &str = "questions:
  - id: route
    question: Why is 10.1.0.0/16 missing from the table?
    exhibit: |
      R1# show ip route
      Gateway of last resort is not set
            10.0.0.0/8 is variably subnetted, 2 subnets
      C        10.0.0.0/24 is directly connected, Gi0/0 {#1}
    choices: [It is filtered, It was never advertised]
    answer: B
";

    #[test]
    fn gift_and_moodle_xml_keep_the_exhibit_and_aiken_says_it_drops_it() {
        use super::super::{Kind, export, import};
        let banks: Vec<crate::bank::Bank> =
            crate::bank::read_bank("b.yaml", BANK.as_bytes(), &mut Vec::new())
                .into_iter()
                .collect();
        let exhibit = banks[0].questions[0]
            .exhibit
            .clone()
            .expect("an exhibit")
            .value;
        for kind in [Kind::Gift, Kind::MoodleXml] {
            let out = export(kind, &banks);
            assert!(out.warnings.is_empty(), "{kind:?}: {:?}", out.warnings);
            let back = import(kind, "b", &out.text())
                .unwrap_or_else(|d| panic!("{kind:?}: {}", d.error.message))
                .bank;
            let q = &back.questions[0];
            assert_eq!(
                q.exhibit.as_ref().map(|e| e.value.as_str()),
                Some(exhibit.as_str()),
                "{kind:?}"
            );
            assert_eq!(
                q.question.value, "Why is 10.1.0.0/16 missing from the table?",
                "{kind:?}"
            );
        }
        let aiken = export(Kind::Aiken, &banks);
        assert!(
            aiken.text().contains("Why is 10.1.0.0/16 missing"),
            "{}",
            aiken.text()
        );
        assert!(!aiken.text().contains("R1#"));
        assert_eq!(aiken.warnings.len(), 1);
        assert!(
            aiken.warnings[0]
                .message
                .contains("its exhibit is left out"),
            "{:?}",
            aiken.warnings
        );
    }
}
