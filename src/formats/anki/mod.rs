//! Anki: a text file for File → Import (`--to anki`), and a package of quiz's own
//! note type and decks (`--to apkg`, [`package`]). Quiz does not read either.
//!
//! The text file, one Basic note per question:
//!
//! ```text
//! #separator:tab
//! #html:true
//! #notetype:Basic
//! #tags column:3
//! #deck column:4
//! #guid column:5
//! <p>Which message…?</p><div>A. ClientHello</div>… ⇥ <p><b>B. ServerHello</b></p>… ⇥ tls12 handshake ⇥ TLS 1.2 handshake ⇥ quiz-sh-suite
//! ```
//!
//! (⇥ stands for a tab.)
//!
//! The header lines are those Anki's own reader takes (rslib
//! `import_export/text/csv/metadata.rs`), so the import needs no settings changed:
//! tab-separated, fields in HTML, the Basic note type (Front, Back). The deck is a
//! column because a `#deck:` line names a deck only if it exists already, while a
//! deck column creates it: each bank becomes a deck named by its title. The guid
//! column (`quiz-` and the id) makes a second import update the notes instead of
//! adding copies. `#notetype:` matches by name, which a collection in another
//! language does not have (its Basic is "Einfach"): there the dialog takes the note
//! type selected last, and the package is the export to use.
//!
//! There is no `#columns:` line, though it would name the columns in the dialog:
//! once columns are named, Anki maps them to fields by name alone, and in a German
//! collection ("Vorderseite", "Rückseite") the back of every note then arrives
//! empty, without a word. Unnamed, they map by position, in any language.
//!
//! A note holds the stem (its line breaks kept), the exhibit, the hint quiz shows
//! ("(Choose 2)") and the lettered choices, in file order; then the answer, each
//! `why`, the explanation and the references as links. Tags become Anki tags (a space
//! inside a tag becomes `_`). Every text is escaped for HTML and for Anki's own
//! markup ([`markup`]), so a `[sound:…]` or `\(…\)` in a bank is shown, not played or
//! typeset.

mod kinds;
mod markup;
pub(super) mod package;

use super::build::Builder;
use super::xml::escape;
use super::{Format, Kind, refs, right_choices, xhtml};
use crate::bank::{Bank, Body, Choices, Kind as QuestionKind, Question, letter};
use crate::diagnostic::{Diagnostic, Pos};
use markup::{defuse, defuse_attribute};
use std::fmt::Write;

pub(super) struct Anki;

const HEADER: &str =
    "#separator:tab\n#html:true\n#notetype:Basic\n#tags column:3\n#deck column:4\n#guid column:5\n";

impl Format for Anki {
    fn kinds(&self) -> &'static [QuestionKind] {
        QuestionKind::ALL
    }

    fn parse(&self, _text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        Err(b.error(
            Pos::new(1, 1),
            "quiz does not read Anki files; it writes them (`quiz export --to anki`)",
        ))
    }

    fn write(&self, kind: Kind, banks: &[Bank], warnings: &mut Vec<Diagnostic>) -> Vec<u8> {
        let mut out = String::from(HEADER);
        for (bank, q) in super::carried(kind, banks, warnings) {
            let deck = deck(bank);
            {
                match Note::of(q) {
                    Ok(note) => {
                        let fields = [
                            note.question,
                            format!("{}{}{}", note.answer, note.explanation, note.references),
                            tags(q).join(" "),
                            deck.clone(),
                            guid(q),
                        ];
                        out.push_str(&row(&fields));
                    }
                    Err(reason) => warnings.push(super::left_out(kind, bank, q, &reason)),
                }
            }
        }
        out.into_bytes()
    }
}

/// The deck of a bank's notes: its title, on one line.
fn deck(bank: &Bank) -> String {
    bank.display_title()
        .replace(['\t', '\n', '\r'], " ")
        .trim()
        .to_owned()
}

/// A question's tags as Anki tags: no spaces inside.
fn tags(q: &Question) -> Vec<String> {
    q.tags
        .iter()
        .map(|t| t.value.split_whitespace().collect::<Vec<_>>().join("_"))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The note's guid, by which a second import updates it.
fn guid(q: &Question) -> String {
    format!("quiz-{}", q.id.value)
}

/// One line of the file. Fields hold no tab or line break (the HTML says `<br/>` and
/// `&#9;`), so none needs quoting, except one that starts with `"`, which Anki's CSV
/// reader would take for a quote: it is quoted, with its quotes doubled.
fn row(fields: &[String]) -> String {
    let cells: Vec<String> = fields
        .iter()
        .map(|f| {
            let f = f.replace(['\t', '\n', '\r'], " ");
            if f.starts_with('"') {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f
            }
        })
        .collect();
    format!("{}\n", cells.join("\t"))
}

/// A question's note, in HTML: what both exports write, the text file on two sides
/// of a Basic note and the package in the fields of its own note type.
struct Note {
    /// The stem, the exhibit, the hint and the lettered choices.
    question: String,
    /// The right choices, and each choice's `why`.
    answer: String,
    explanation: String,
    references: String,
}

impl Note {
    /// A question's note: its stem and exhibit, then what its kind shows on
    /// the front and gives on the back ([`kinds`]).
    fn of(q: &Question) -> Result<Note, String> {
        let mut question = defuse(&xhtml::lines(q.question.value.trim()));
        // A line starting with `#` is a comment to Anki's text reader: the stem must
        // not start with one.
        if let Some(rest) = question.strip_prefix("<p>#") {
            question = format!("<p>&#35;{rest}");
        }
        if let Some(exhibit) = &q.exhibit {
            let lines: Vec<String> = exhibit
                .value
                .trim_end_matches('\n')
                .split('\n')
                .map(|l| defuse(&escape(l)))
                .collect();
            let _ = write!(question, "<pre>{}</pre>", lines.join("<br/>"));
        }
        let answer = match &q.body {
            Body::Choice(c) => choice(c, &mut question)?,
            body => kinds::sides(body, &mut question),
        };
        let explanation = q
            .explanation
            .as_ref()
            .map(|e| defuse(&xhtml::blocks(e.value.trim())))
            .unwrap_or_default();
        let mut references = String::new();
        if !q.references.is_empty() {
            let _ = write!(references, "<p>{}", refs::HEADING);
            for r in &q.references {
                let (label, link) = refs::parts(r);
                let _ = write!(
                    references,
                    "<br/><a href=\"{}\">{}</a>",
                    defuse_attribute(&escape(&link)),
                    defuse(&escape(&label))
                );
            }
            references.push_str("</p>");
        }
        Ok(Note {
            question,
            answer,
            explanation,
            references,
        })
    }
}

/// A choice question's hint and lettered choices, onto the front; its back:
/// the right choices and each `why`.
fn choice(c: &Choices, question: &mut String) -> Result<String, String> {
    let correct = right_choices(c)?;
    {
        if c.is_multiple() {
            let hint = if c.multi {
                "(Select all that apply)".to_owned()
            } else {
                format!("(Choose {})", correct.len())
            };
            let _ = write!(question, "<p><i>{hint}</i></p>");
        }
        for (i, c) in c.choices.value.iter().enumerate() {
            let _ = write!(
                question,
                "<div>{}. {}</div>",
                letter(i),
                defuse(&xhtml::inline(c.text.value.trim()))
            );
        }

        let mut answer = String::new();
        for &i in &correct {
            let _ = write!(
                answer,
                "<p><b>{}. {}</b></p>",
                letter(i),
                defuse(&xhtml::inline(c.choices.value[i].text.value.trim()))
            );
        }
        let whys: Vec<String> = c
            .choices
            .value
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let why = c.why.as_ref().filter(|w| !w.value.trim().is_empty())?;
                Some(format!(
                    "<li>{}: {}</li>",
                    letter(i),
                    defuse(&xhtml::inline(why.value.trim()))
                ))
            })
            .collect();
        if !whys.is_empty() {
            let _ = write!(answer, "<ul>{}</ul>", whys.concat());
        }
        Ok(answer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Choice, Spanned};

    pub(super) fn question() -> Question {
        let s = |t: &str| Spanned::new(t.to_owned(), Pos::new(1, 1));
        Question {
            pos: Pos::new(1, 1),
            id: s("hello"),
            question: s("#1: which\nmessage [sound:a.mp3]?"),
            exhibit: Some(s("a\tb\n  c\n")),
            image: None,
            alt: None,
            body: crate::bank::Body::Choice(crate::bank::Choices {
                multi: false,
                shuffle: true,
                choices: Spanned::new(
                    ["One", "\"Two\"", "Th\tree \\(x\\)"]
                        .iter()
                        .map(|t| Choice {
                            text: s(t),
                            why: (*t == "One").then(|| s("Because <1>.")),
                            pin: false,
                        })
                        .collect(),
                    Pos::new(1, 1),
                ),
                answer: Spanned::new(vec![s("A"), s("C")], Pos::new(1, 1)),
            }),
            explanation: Some(s("It is\nso {{c1::x}}.")),
            references: Vec::new(),
            tags: vec![s("tls 1.3"), s("x")],
            allow: Vec::new(),
        }
    }

    #[test]
    fn a_note_has_one_line_with_five_fields() {
        let bank = Bank {
            path: "b.yaml".into(),
            name: "b".into(),
            title: None,
            questions: vec![question()],
        };
        let mut warnings = Vec::new();
        let out =
            String::from_utf8(Anki.write(Kind::Anki, &[bank], &mut warnings)).unwrap_or_default();
        assert!(warnings.is_empty());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(&lines[..6], HEADER.lines().collect::<Vec<_>>().as_slice());
        assert_eq!(lines.len(), 7);
        let fields: Vec<&str> = lines[6].split('\t').collect();
        assert_eq!(fields.len(), 5, "{fields:?}");
        assert_eq!(
            fields[0],
            "<p>&#35;1: which<br/>message &#91;sound:a.mp3]?</p><pre>a&#9;b<br/>  c</pre><p><i>(Choose 2)</i></p>\
             <div>A. One</div><div>B. &quot;Two&quot;</div><div>C. Th&#9;ree <span>\\</span>(x<span>\\</span>)</div>"
        );
        assert_eq!(
            fields[1],
            "<p><b>A. One</b></p><p><b>C. Th&#9;ree <span>\\</span>(x<span>\\</span>)</b></p>\
             <ul><li>A: Because &lt;1&gt;.</li></ul><p>It is so &#123;&#123;c1::x}}.</p>"
        );
        assert_eq!(&fields[2..], ["tls_1.3 x", "b", "quiz-hello"]);
    }
}
