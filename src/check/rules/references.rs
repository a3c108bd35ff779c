//! The explanation and references: present, well formed, and (with an RFC folder)
//! naming sections that exist, by their headings.

use super::{Check, Rule, Sink};
use crate::bank::{Question, Reference, Spanned, Target};
use crate::check::Config;
use crate::diagnostic::Severity::{Error, Warning};
use crate::rfc::{Library, Rfc};
use crate::safe;

pub const MISSING_EXPLANATION: Rule = Rule {
    code: "missing-explanation",
    severity: Warning,
    summary: "a question without an explanation",
    flags: "a question with no `explanation`",
    passes: "`explanation: The ServerHello carries the selected suite.`",
    check: Check::Question(has_explanation),
};

fn has_explanation(q: &Question, _: &Config, s: &mut Sink) {
    if q.explanation.is_none() {
        s.report(
            &MISSING_EXPLANATION,
            q.pos,
            format!("question `{}` has no explanation", q.id.value),
        );
    }
}

pub const MISSING_REFERENCE: Rule = Rule {
    code: "missing-reference",
    severity: Warning,
    summary: "a question without references",
    flags: "a question with no `references`",
    passes: "`references: [{rfc: 5246, section: 7.4.1.3}]`",
    check: Check::Question(has_reference),
};

fn has_reference(q: &Question, _: &Config, s: &mut Sink) {
    if q.references.is_empty() {
        s.report(
            &MISSING_REFERENCE,
            q.pos,
            format!("question `{}` has no references", q.id.value),
        );
    }
}

pub const INVALID_RFC: Rule = Rule {
    code: "invalid-rfc",
    severity: Error,
    summary: "an `rfc` that is not a positive integer",
    flags: "`rfc: RFC5246`",
    passes: "`rfc: 5246`",
    check: Check::Question(rfc_numbers_are_valid),
};

fn rfc_numbers_are_valid(q: &Question, _: &Config, s: &mut Sink) {
    for r in &q.references {
        if let Target::Rfc { number, .. } = &r.target
            && rfc_number(number).is_none()
        {
            s.report(
                &INVALID_RFC,
                number.pos,
                format!(
                    "`rfc` must be a positive integer such as 5246, found {:?}",
                    number.value
                ),
            );
        }
    }
}

fn rfc_number(number: &Spanned<String>) -> Option<u32> {
    number.value.trim().parse::<u32>().ok().filter(|&n| n > 0)
}

pub const INVALID_URL: Rule = Rule {
    code: "invalid-url",
    severity: Error,
    summary: "a `url` that is not an http:// or https:// address with a host, or that holds a space, a control character or a bidi override",
    flags: "`url: ftp://example.org/tls`, `url: https://`",
    passes: "`url: https://example.org/tls`",
    check: Check::Question(urls_are_valid),
};

/// A `url` must be what the screen may make a link of ([`safe::link`]): the
/// address shown is the address opened, and nothing in it reaches the terminal
/// as an escape sequence.
fn urls_are_valid(q: &Question, _: &Config, s: &mut Sink) {
    for r in &q.references {
        if let Target::Url(url) = &r.target {
            let u = url.value.trim();
            if safe::link(u).is_some() {
                continue;
            }
            let shown = safe::line(u);
            let why = if let Some(c) = u.chars().find(|&c| safe::is_unsafe(c)) {
                format!(
                    "`url` holds {}, which a terminal would act on; found {shown:?}",
                    super::control::describe(c)
                )
            } else if !(u.starts_with("https://") || u.starts_with("http://"))
                || u.contains(char::is_whitespace)
            {
                format!("`url` must be an http:// or https:// address, found {shown:?}")
            } else {
                format!(
                    "`url` must name a host after `//`, such as https://example.org/tls, found {shown:?}"
                )
            };
            s.report(&INVALID_URL, url.pos, why);
        }
    }
}

/// An RFC reference whose RFC is in the folder: the RFC, its position in the
/// library, and the section it names, if it names one and that exists.
pub struct Cited<'a> {
    pub reference: &'a Reference,
    pub rfc: &'a Rfc,
    pub rfc_index: usize,
    pub section: Option<&'a Spanned<String>>,
    pub found: Option<usize>,
}

/// The references of `q` to RFCs in `library`.
pub fn cited<'a>(q: &'a Question, library: &'a Library) -> impl Iterator<Item = Cited<'a>> {
    q.references.iter().filter_map(move |r| {
        let Target::Rfc { number, section } = &r.target else {
            return None;
        };
        let (rfc_index, rfc) = library.get(rfc_number(number)?)?;
        let found = section.as_ref().and_then(|s| rfc.find(&s.value));
        Some(Cited {
            reference: r,
            rfc,
            rfc_index,
            section: section.as_ref(),
            found,
        })
    })
}

pub const RFC_SECTION_MISSING: Rule = Rule {
    code: "rfc-section-missing",
    severity: Error,
    summary: "the cited section is not in that RFC's text",
    flags: "`{rfc: 5246, section: 7.4.1.9}`",
    passes: "`{rfc: 5246, section: 7.4.1.3}`",
    check: Check::Rfc(sections_exist),
};

fn sections_exist(q: &Question, config: &Config, s: &mut Sink) {
    let Some(library) = &config.library else {
        return;
    };
    for c in cited(q, library) {
        if let (Some(section), None) = (c.section, c.found) {
            s.report(
                &RFC_SECTION_MISSING,
                section.pos,
                format!(
                    "RFC {} has no section {:?}{}",
                    c.rfc.number,
                    section.value.trim(),
                    nearby(c.rfc, &section.value)
                ),
            );
        }
    }
}

/// "; its sections under 7.4.1 are 7.4.1.1 to 7.4.1.4": where to look instead.
fn nearby(rfc: &Rfc, written: &str) -> String {
    let key = crate::rfc::section_key(written);
    let parent = key.rsplit_once('.').map(|(p, _)| p.to_owned());
    let under = |p: &str| {
        rfc.sections
            .iter()
            .filter(|s| s.id.rsplit_once('.').is_some_and(|(q, _)| q == p))
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>()
    };
    match parent {
        Some(p) if rfc.find(&p).is_some() => {
            let kids = under(&p);
            match (kids.first(), kids.last()) {
                (Some(first), Some(last)) if first != last => {
                    format!("; the sections under {p} are {first} to {last}")
                }
                (Some(only), _) => format!("; the only section under {p} is {only}"),
                _ => format!("; section {p} has no subsections"),
            }
        }
        _ => String::new(),
    }
}

pub const RFC_TITLE_MISMATCH: Rule = Rule {
    code: "rfc-title-mismatch",
    severity: Warning,
    summary: "the reference's `title` is not the section's heading (case, punctuation and spacing aside)",
    flags: "`{rfc: 5246, section: 7.4.1.3, title: Client Hello}`",
    passes: "`{rfc: 5246, section: 7.4.1.3, title: server hello}`",
    check: Check::Rfc(titles_are_headings),
};

/// The words of a title, lower case: letters and digits only.
fn words(title: &str) -> impl Iterator<Item = impl Iterator<Item = char> + '_> + '_ {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase))
}

/// Whether two titles are the same, case, punctuation and spacing aside.
fn same_title(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (words(a), words(b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                if !x.eq(y) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

fn titles_are_headings(q: &Question, config: &Config, s: &mut Sink) {
    let Some(library) = &config.library else {
        return;
    };
    for c in cited(q, library) {
        let (Some(found), Some(title)) = (c.found, &c.reference.title) else {
            continue;
        };
        let heading = &c.rfc.sections[found].heading;
        if !same_title(&title.value, heading) {
            s.report(
                &RFC_TITLE_MISMATCH,
                title.pos,
                format!(
                    "the title {:?} is not the heading of RFC {} §{}, which is {heading:?}",
                    title.value.trim(),
                    c.rfc.number,
                    c.rfc.sections[found].id
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, messages, question_with, run_with};
    use super::*;

    #[test]
    fn references_are_checkable() {
        assert_eq!(codes(&[("rfc: 5246", "rfc: 0")]), ["invalid-rfc"]);
        assert_eq!(codes(&[("rfc: 5246", "rfc: RFC5246")]), ["invalid-rfc"]);
        assert_eq!(
            codes(&[(
                "- rfc: 5246\n        section: 7.4.1.3",
                "- url: ftp://example.org"
            )]),
            ["invalid-url"]
        );
    }

    #[test]
    fn a_url_must_be_a_plain_web_address_with_a_host() {
        let url = |u: &str| {
            let q = question_with(&[(
                "- rfc: 5246\n        section: 7.4.1.3",
                &format!("- url: {u}"),
            )]);
            messages(urls_are_valid, &q)
        };
        assert_eq!(url("https://example.org/tls"), Vec::<String>::new());
        assert_eq!(url("http://127.0.0.1:8080/x"), Vec::<String>::new());
        assert_eq!(
            url("https://"),
            [
                "`url` must name a host after `//`, such as https://example.org/tls, found \"https://\""
            ]
        );
        assert_eq!(
            url("\"https://x.example/\\e]52;c;YQ==\\a\""),
            [
                "`url` holds U+001B (ESC), which a terminal would act on; found \"https://x.example/␛]52;c;YQ==␇\""
            ]
        );
        assert_eq!(
            url("\"https://x.example/\\u202efdp.exe\""),
            [
                "`url` holds U+202E (RIGHT-TO-LEFT OVERRIDE), which a terminal would act on; found \"https://x.example/\\\\u{202e}fdp.exe\""
            ]
        );
        assert_eq!(url("javascript:alert(1)").len(), 1);
        assert_eq!(url("https:///etc/passwd").len(), 1);
    }

    #[test]
    fn explanation_and_references_are_expected() {
        assert_eq!(
            codes(&[("    explanation: The ServerHello.\n", "")]),
            ["missing-explanation"]
        );
        assert_eq!(
            codes(&[(
                "    references:\n      - rfc: 5246\n        section: 7.4.1.3\n",
                ""
            )]),
            ["missing-reference"]
        );
    }

    fn config() -> Config {
        let text = "\
7.4.1.  Hello Messages\n\n   Hellos.\n\n\
7.4.1.2.  Client Hello\n\n   The client hello.\n\n\
7.4.1.3.  Server Hello\n\n   The server hello.\n";
        Config {
            library: Some(Library::from_texts([(5246, text)])),
            ..Config::default()
        }
    }

    #[test]
    fn a_missing_section_says_where_to_look() {
        let q = question_with(&[("section: 7.4.1.3", "section: 7.4.1.9")]);
        let found: Vec<String> = run_with(sections_exist, &q, &config())
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            found,
            [
                "RFC 5246 has no section \"7.4.1.9\"; the sections under 7.4.1 are 7.4.1.2 to 7.4.1.3"
            ]
        );
        let ok = question_with(&[]);
        assert!(run_with(sections_exist, &ok, &config()).is_empty());
        // Without an RFC folder, nothing is known.
        assert!(messages(sections_exist, &q).is_empty());
    }

    #[test]
    fn a_title_must_be_the_heading_case_and_punctuation_aside() {
        let titled = |t: &str| {
            question_with(&[(
                "section: 7.4.1.3",
                &format!("section: 7.4.1.3\n        title: {t}"),
            )])
        };
        let found: Vec<String> = run_with(titles_are_headings, &titled("Client Hello"), &config())
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(
            found,
            [
                "the title \"Client Hello\" is not the heading of RFC 5246 §7.4.1.3, which is \"Server Hello\""
            ]
        );
        assert!(run_with(titles_are_headings, &titled("server  hello."), &config()).is_empty());
        assert!(same_title("Ä-Über  Straße", "ä über straße."));
        assert!(!same_title("Server Hello", "Server Hellos"));
        assert!(!same_title("Server Hello", "ServerHello"));
        assert!(!same_title("Server", "Server Hello"));
    }
}
