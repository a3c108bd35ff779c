//! The RFC texts at hand: a folder of `rfcNNNN.txt` files as the RFC Editor
//! publishes them, each parsed once into its sections ([`parse`]), with one BM25
//! index over every section of every text ([`index`]) for the citation rules of
//! `quiz check`; and `quiz rfc fetch`, which downloads texts ([`fetch`]).

pub mod fetch;
mod index;
mod parse;

pub use index::{Index, Scores};
pub use parse::parse;

use crate::parallel::{self, Next};
use foldhash::fast::FixedState;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Problems with the RFC folder that stop a check: exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such folder (the RFC texts, named rfcNNNN.txt)", .0.display())]
    NotFound(PathBuf),
    #[error("cannot read {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// One RFC, as its sections in document order.
#[derive(Debug)]
pub struct Rfc {
    pub number: u32,
    pub sections: Vec<Section>,
    by_key: HashMap<String, usize, FixedState>,
}

/// A numbered section or an appendix, with the text under its heading (its
/// subsections' text is theirs).
#[derive(Debug)]
pub struct Section {
    /// `7.4.1.3`, `B`, `B.4`.
    pub id: String,
    pub heading: String,
    /// The 1-based line of the heading in the file.
    pub line: u32,
    pub text: String,
    /// The index just past this section's last subsection: `sections[i..end]` is the
    /// section with everything under it.
    pub end: usize,
}

impl Rfc {
    fn new(number: u32, sections: Vec<Section>) -> Rfc {
        let by_key = sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.to_ascii_uppercase(), i))
            .collect();
        Rfc {
            number,
            sections,
            by_key,
        }
    }

    /// The index of the section a reference names: `7.4.1.3`, `7.4.1.3.`, `B.4`,
    /// `b.4`, `Appendix B`, `§4.1`.
    pub fn find(&self, reference: &str) -> Option<usize> {
        self.by_key.get(&section_key(reference)).copied()
    }

    /// The section's label and heading: `RFC 5246 §7.4.1.3 Server Hello`.
    pub fn describe(&self, index: usize) -> String {
        let s = &self.sections[index];
        format!("RFC {} §{} {}", self.number, s.id, s.heading)
    }
}

/// A section as written in a reference, as the key [`Rfc::find`] looks up.
pub fn section_key(reference: &str) -> String {
    let key = reference.trim();
    let key = ["Appendix ", "appendix ", "Section ", "section ", "§"]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(key);
    key.trim().trim_end_matches('.').to_ascii_uppercase()
}

/// Every RFC text of a folder, parsed, and the index over their sections.
#[derive(Debug)]
pub struct Library {
    dir: PathBuf,
    rfcs: Vec<Rfc>,
    by_number: HashMap<u32, usize, FixedState>,
    index: Index,
}

impl Library {
    /// Reads and parses every `rfcNNNN.txt` in `dir` (other files are ignored).
    pub fn open(dir: &Path) -> Result<Library, Error> {
        let entries = std::fs::read_dir(dir).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::NotFound(dir.to_owned()),
            _ => Error::Io {
                path: dir.to_owned(),
                source: e,
            },
        })?;
        let mut files = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| Error::Io {
                path: dir.to_owned(),
                source,
            })?;
            let name = entry.file_name();
            if let Some(number) = name.to_str().and_then(file_number) {
                files.push((number, entry.path()));
            }
        }
        files.sort();
        let mut texts = Vec::with_capacity(files.len());
        for (number, path) in files {
            let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            texts.push((number, String::from_utf8_lossy(&bytes).into_owned()));
        }
        let mut library = Library::from_texts(texts.iter().map(|(n, t)| (*n, t.as_str())));
        library.dir = dir.to_owned();
        Ok(library)
    }

    /// A library of texts given as (number, text), for tests and callers that have
    /// the texts already.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = (u32, &'a str)>) -> Library {
        let texts: Vec<(u32, &str)> = texts.into_iter().collect();
        // Each text parsed and its words counted on several threads: a check
        // waits for its library.
        let mut rfcs: Vec<Rfc> = Vec::with_capacity(texts.len());
        let mut words = Vec::with_capacity(texts.len());
        parallel::for_each_ordered(
            &texts,
            parallel::threads(),
            |&(n, t)| {
                let rfc = parse(n, t);
                let counted = index::words_of(&rfc);
                (rfc, counted)
            },
            |(rfc, counted)| {
                rfcs.push(rfc);
                words.push(counted);
                Next::More
            },
        );
        let by_number = rfcs
            .iter()
            .enumerate()
            .map(|(i, r)| (r.number, i))
            .collect();
        let index = Index::from_words(&words);
        Library {
            dir: PathBuf::new(),
            rfcs,
            by_number,
            index,
        }
    }

    /// The folder the texts came from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn rfcs(&self) -> &[Rfc] {
        &self.rfcs
    }

    /// The RFC numbered `number`, with its position in [`Library::rfcs`].
    pub fn get(&self, number: u32) -> Option<(usize, &Rfc)> {
        self.by_number.get(&number).map(|&i| (i, &self.rfcs[i]))
    }

    pub fn index(&self) -> &Index {
        &self.index
    }
}

/// `rfc8446.txt` → 8446.
pub fn file_number(name: &str) -> Option<u32> {
    let digits = name.strip_prefix("rfc")?.strip_suffix(".txt")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_sections_in_several_spellings() {
        let rfc = parse(
            1,
            "1.  One\n\n   x\n\n1.2.  Two\n\nAppendix B.  Bee\n\nB.4.  Four\n",
        );
        for (written, id) in [
            ("1.2", "1.2"),
            ("1.2.", "1.2"),
            ("B.4", "B.4"),
            ("b.4", "B.4"),
            ("Appendix B", "B"),
            ("§1", "1"),
        ] {
            let found = rfc.find(written).map(|i| rfc.sections[i].id.as_str());
            assert_eq!(found, Some(id), "{written:?}");
        }
        assert_eq!(rfc.find("1.3"), None);
        assert_eq!(rfc.describe(1), "RFC 1 §1.2 Two");
    }

    #[test]
    fn file_names_give_numbers() {
        assert_eq!(file_number("rfc8446.txt"), Some(8446));
        assert_eq!(file_number("rfc0.txt"), None);
        assert_eq!(file_number("rfc8446.html"), None);
        assert_eq!(file_number("README.md"), None);
    }
}
