//! The question model and loading banks from files, directories and the built-in bank.
//!
//! Every value that a diagnostic may point at keeps its position ([`Spanned`]).
//! Loading never stops at the first problem: it reports each shape problem of a file
//! (unknown keys, wrong types, missing keys) as a [`Diagnostic`] and keeps what it can.

mod from_yaml;
mod hint;
pub mod image;
pub mod kind;
pub(crate) mod reader;
mod schema;
mod source;
pub mod write;
pub mod yaml;

pub use kind::choice::{Choice, Choices, Prompt};
pub use kind::{Body, Kind};
pub use schema::json_schema;

pub use source::{
    BUILTIN_LABEL, Content, Error, File, Loaded, MAX_FILE_BYTES, bank_files, load_builtin,
    load_paths, read_bank, read_file,
};
pub(crate) use source::{parse_yaml, read_limited, too_large};

use crate::diagnostic::Pos;

/// The longest id a question may have, in characters. `check` enforces it and
/// every importer keeps to it, so an id survives export and import unchanged; 100
/// is what Moodle's `idnumber` column holds.
pub const MAX_ID_LEN: usize = 100;

/// A tag as tags are compared everywhere (`--tag`, blueprints, stats): trimmed, and
/// without regard to case, so `TLS13` is `tls13`.
pub fn tag_key(tag: &str) -> String {
    tag.trim().to_lowercase()
}

/// A value with the position it was written at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> Spanned<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Spanned { value, pos }
    }
}

/// A quiz question bank: an optional title and a list of questions.
///
/// The JSON Schema of the format (`quiz schema`) is derived from these types
/// and the kinds' own (`schema.rs`); their doc comments are what editors show.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[schemars(title = "quiz question bank", deny_unknown_fields)]
pub struct Bank {
    /// The path as shown in diagnostics and reports.
    #[schemars(skip)]
    pub path: String,
    /// A short name for the bank: the file name without its extension.
    #[schemars(skip)]
    pub name: String,
    /// The bank's title, shown by `quiz list`.
    pub title: Option<Spanned<String>>,
    /// The questions, at least one.
    #[schemars(length(min = 1))]
    pub questions: Vec<Question>,
}

impl Bank {
    /// The title, or the name when the file has none.
    pub fn display_title(&self) -> &str {
        self.title.as_ref().map_or(&self.name, |t| &t.value)
    }
}

/// One question: what every kind has, and its [`Body`], which its kind owns
/// (`bank::kind`).
#[derive(Debug, Clone)]
pub struct Question {
    /// Where the question's map starts (its first key).
    pub pos: Pos,
    /// A stable id: letters, digits, `.`, `_` and `-`, unique across the banks of a
    /// run. Keep it when you reword the question: the history follows it.
    pub id: Spanned<String>,
    /// The stem, standing on its own.
    pub question: Spanned<String>,
    /// Preformatted text shown verbatim under the stem, never re-wrapped: router
    /// output, a packet dump, a config file. Write it as a literal block (`|`).
    pub exhibit: Option<Spanned<String>>,
    /// A picture shown with the question (a topology diagram, a screenshot): a
    /// PNG, JPEG, SVG or WebP file, its path relative to the bank file's folder.
    pub image: Option<Spanned<String>>,
    /// What the picture shows, in words: read out by screen readers, and shown
    /// by the terminal fronts in its place.
    pub alt: Option<Spanned<String>>,
    /// What its kind asks and expects.
    pub body: Body,
    /// Why the right answer is right and the tempting ones wrong; shown after answering.
    pub explanation: Option<Spanned<String>>,
    /// Where the answer is settled: RFC sections or web pages.
    pub references: Vec<Reference>,
    /// Topic tags, for `--tag` and the breakdown by tag.
    pub tags: Vec<Spanned<String>>,
    /// Warning codes silenced for this question alone (`allow: [negative-stem]`);
    /// write the reason in a comment beside it.
    pub allow: Vec<Spanned<String>>,
}

impl Question {
    pub fn kind(&self) -> Kind {
        self.body.kind()
    }

    /// The choice question, if it is one.
    pub fn choices(&self) -> Option<&Choices> {
        self.body.choices()
    }

    /// The choice question it must be: for tests.
    #[cfg(test)]
    pub fn as_choice(&self) -> &Choices {
        self.choices().expect("a choice question")
    }

    #[cfg(test)]
    pub fn as_choice_mut(&mut self) -> &mut Choices {
        self.body.choices_mut().expect("a choice question")
    }

    /// A fingerprint of what is asked: the stem and what the kind asks and
    /// expects (a choice question: its choices, answer and `multi`). A reworded
    /// explanation or a new tag does not change it; a changed stem or answer
    /// does, and the history then treats the question as new.
    pub fn content_hash(&self) -> String {
        // FNV-1a, 64 bits: tiny, and fixed for ever, unlike std's hashers.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |text: &str| {
            for byte in text.bytes().chain([0xff]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        feed(self.question.value.trim());
        // A choice question hashes as it always did; the others say their kind.
        if self.kind() != Kind::Choice {
            feed(self.kind().name());
        }
        self.body.model().hash(&mut feed);
        format!("{hash:016x}")
    }
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub pos: Pos,
    pub target: Target,
    pub title: Option<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub enum Target {
    /// `rfc` as written (validated by `check`), with an optional section.
    Rfc {
        number: Spanned<String>,
        section: Option<Spanned<String>>,
    },
    Url(Spanned<String>),
}

impl Reference {
    /// `RFC 5246 §7.4.1.3`, or the title (else the address) of a URL reference.
    pub fn label(&self) -> String {
        match &self.target {
            Target::Rfc { number, section } => match section {
                Some(s) => format!("RFC {} §{}", number.value, s.value),
                None => format!("RFC {}", number.value),
            },
            Target::Url(url) => self
                .title
                .as_ref()
                .map_or_else(|| url.value.clone(), |t| t.value.clone()),
        }
    }

    /// The link to read: the RFC Editor's page, at the section or appendix.
    pub fn link(&self) -> String {
        match &self.target {
            Target::Rfc { number, section } => {
                let base = format!("https://www.rfc-editor.org/rfc/rfc{}", number.value);
                match section {
                    Some(s) => format!("{base}#{}", section_anchor(&s.value)),
                    None => base,
                }
            }
            Target::Url(url) => url.value.clone(),
        }
    }
}

/// `7.4.1.3` → `section-7.4.1.3`; `B.4` → `appendix-B.4`.
pub fn section_anchor(section: &str) -> String {
    let section = section.trim().trim_end_matches('.');
    if section.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("appendix-{section}")
    } else {
        format!("section-{section}")
    }
}

/// `A` → 0, `b` → 1; anything but one letter → None.
pub fn letter_index(letter: &str) -> Option<usize> {
    let mut chars = letter.trim().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => {
            Some((c.to_ascii_uppercase() as u8 - b'A') as usize)
        }
        _ => None,
    }
}

/// The most choices a question may have: one per letter.
pub const MAX_CHOICES: usize = 26;

/// 0 → `A`. Callers keep indices below [`MAX_CHOICES`].
pub fn letter(index: usize) -> char {
    (b'A' + (index % 26) as u8) as char
}

/// The banks of `text`, read as one file that must have no diagnostics: for
/// tests across the library.
#[cfg(test)]
pub fn from_text(text: &str) -> Vec<Bank> {
    let mut diagnostics = Vec::new();
    let banks: Vec<Bank> = read_bank("t.yaml", text.as_bytes(), &mut diagnostics)
        .into_iter()
        .collect();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    banks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_sections_and_appendices() {
        assert_eq!(section_anchor("7.4.1.3"), "section-7.4.1.3");
        assert_eq!(section_anchor("B.4"), "appendix-B.4");
        assert_eq!(section_anchor("10.10"), "section-10.10");
    }

    #[test]
    fn letters_round_trip() {
        assert_eq!(letter_index("A"), Some(0));
        assert_eq!(letter_index("c"), Some(2));
        assert_eq!(letter_index("AB"), None);
        assert_eq!(letter_index("1"), None);
        assert_eq!(letter(25), 'Z');
    }
}
