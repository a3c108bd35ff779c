//! BM25 over every section of the RFC texts at hand: built once per run, then
//! queried once per question by the `citation-unrelated` rule.
//!
//! Each section is a document: its heading (counted twice, as a field boost) and
//! its text, read through [`crate::words::content_words`]; lists of references and
//! acknowledgements are left out, since they name topics without discussing them. Postings hold each
//! term's BM25 weight (idf included), so a query only adds up the postings of its
//! terms, and only its [`MAX_QUERY_TERMS`] rarest terms: a question costs the length
//! of a few short postings lists, not a pass over every section.

use super::Rfc;
use crate::words::content_words;
use std::collections::HashMap;

/// BM25's term-frequency saturation and length normalisation, at their usual values.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The most terms of a query that are scored: those that weigh most (idf times
/// the query weight). Besides bounding the work, this keeps a long explanation's
/// common words from drowning the few that say what the question is about.
pub const MAX_QUERY_TERMS: usize = 48;

/// An inverted index over the sections of some RFCs.
#[derive(Debug, Default)]
pub struct Index {
    terms: HashMap<Box<str>, Term>,
    /// The document number of each RFC's first section: RFC `r`'s section `s` is
    /// document `offsets[r] + s`.
    offsets: Vec<u32>,
    documents: usize,
}

#[derive(Debug)]
struct Term {
    idf: f32,
    /// (document, BM25 weight of the term in it), by document.
    postings: Vec<(u32, f32)>,
}

impl Index {
    pub fn build(rfcs: &[Rfc]) -> Index {
        let mut counts: HashMap<Box<str>, Vec<(u32, u32)>> = HashMap::new();
        let mut lengths: Vec<u32> = Vec::new();
        let mut offsets = Vec::with_capacity(rfcs.len());
        let mut here: HashMap<String, u32> = HashMap::new();
        for rfc in rfcs {
            offsets.push(u32::try_from(lengths.len()).unwrap_or(u32::MAX));
            for section in &rfc.sections {
                let doc = u32::try_from(lengths.len()).unwrap_or(u32::MAX);
                here.clear();
                let mut length = 0u32;
                let mut add = |w: &str| {
                    length += 1;
                    *here.entry(w.to_owned()).or_default() += 1;
                };
                if !is_back_matter(&section.heading) {
                    content_words(&section.heading, &mut add);
                    content_words(&section.heading, &mut add);
                    content_words(&section.text, &mut add);
                }
                lengths.push(length);
                for (word, &tf) in &here {
                    counts
                        .entry(word.as_str().into())
                        .or_default()
                        .push((doc, tf));
                }
            }
        }
        let documents = lengths.len();
        let average = lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / documents.max(1) as f64;
        let average = average.max(1.0) as f32;
        let n = documents as f32;
        let terms = counts
            .into_iter()
            .map(|(word, mut docs)| {
                docs.sort_unstable();
                let df = docs.len() as f32;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                let postings = docs
                    .into_iter()
                    .map(|(doc, tf)| {
                        let tf = tf as f32;
                        let norm = 1.0 - B + B * lengths[doc as usize] as f32 / average;
                        (doc, idf * tf * (K1 + 1.0) / (tf + K1 * norm))
                    })
                    .collect();
                (word, Term { idf, postings })
            })
            .collect();
        Index {
            terms,
            offsets,
            documents,
        }
    }

    /// The number of documents (sections).
    pub fn len(&self) -> usize {
        self.documents
    }

    pub fn is_empty(&self) -> bool {
        self.documents == 0
    }

    /// The document of the `rfc`-th RFC's `section`-th section.
    pub fn document(&self, rfc: usize, section: usize) -> usize {
        self.offsets
            .get(rfc)
            .map_or(usize::MAX, |&o| o as usize + section)
    }

    /// The (RFC position, section index) of a document.
    pub fn locate(&self, document: usize) -> (usize, usize) {
        let rfc = self
            .offsets
            .partition_point(|&o| o as usize <= document)
            .saturating_sub(1);
        (
            rfc,
            document - self.offsets.get(rfc).map_or(0, |&o| o as usize),
        )
    }

    /// Scores every section against the words of `texts`, each given with its
    /// weight, into `scores`. A word weighs the sum of the weights of the texts it
    /// occurs in (counted once per text).
    pub fn score<'t>(&self, texts: impl IntoIterator<Item = (&'t str, f32)>, scores: &mut Scores) {
        scores.clear(self.documents);
        let mut weights: HashMap<*const Term, (&Term, f32)> = HashMap::new();
        let mut this_text: Vec<&Term> = Vec::new();
        for (text, weight) in texts {
            this_text.clear();
            content_words(text, |w| {
                if let Some(t) = self.terms.get(w) {
                    this_text.push(t);
                }
            });
            this_text.sort_unstable_by_key(|t| *t as *const Term);
            this_text.dedup_by(|a, b| std::ptr::eq(*a, *b));
            for &t in &this_text {
                weights
                    .entry(t as *const Term)
                    .and_modify(|(_, w)| *w += weight)
                    .or_insert((t, weight));
            }
        }
        // The terms that weigh most, rarest first among equals.
        let mut terms: Vec<(&Term, f32)> = weights.into_values().collect();
        terms.sort_unstable_by(|a, b| {
            (b.0.idf * b.1)
                .total_cmp(&(a.0.idf * a.1))
                .then(b.0.idf.total_cmp(&a.0.idf))
        });
        for (term, weight) in terms.iter().take(MAX_QUERY_TERMS) {
            for &(doc, w) in &term.postings {
                scores.add(doc as usize, w * weight);
            }
        }
    }
}

/// Lists of references, thanks and addresses: they name every topic and discuss
/// none, so they are left out of the index (they stay sections that can be cited).
fn is_back_matter(heading: &str) -> bool {
    let h = heading.to_ascii_lowercase();
    h.ends_with("references")
        || h.starts_with("acknowledg")
        || h.starts_with("contributors")
        || h.starts_with("author")
}

/// The scores of one query: dense by document, with the list of documents that
/// scored, so that clearing and ranking cost only what the query touched.
#[derive(Debug, Default)]
pub struct Scores {
    score: Vec<f32>,
    touched: Vec<u32>,
}

impl Scores {
    fn clear(&mut self, documents: usize) {
        for &d in &self.touched {
            self.score[d as usize] = 0.0;
        }
        self.touched.clear();
        self.score.resize(documents, 0.0);
    }

    fn add(&mut self, doc: usize, weight: f32) {
        if self.score[doc] == 0.0 {
            self.touched.push(doc as u32);
        }
        self.score[doc] += weight;
    }

    /// A document's score (0 for one no query word is in).
    pub fn get(&self, doc: usize) -> f32 {
        self.score.get(doc).copied().unwrap_or(0.0)
    }

    /// The best score of the documents `range`: a section with its subsections.
    pub fn best_in(&self, range: std::ops::Range<usize>) -> f32 {
        range.map(|d| self.get(d)).fold(0.0, f32::max)
    }

    /// How many documents score above `score`.
    pub fn above(&self, score: f32) -> usize {
        self.touched
            .iter()
            .filter(|&&d| self.score[d as usize] > score)
            .count()
    }

    /// The `n` best documents, best first, with their scores.
    pub fn top(&self, n: usize) -> Vec<(usize, f32)> {
        let mut best: Vec<(usize, f32)> = self
            .touched
            .iter()
            .map(|&d| (d as usize, self.score[d as usize]))
            .collect();
        best.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(n);
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rfc::parse;

    fn rfcs() -> Vec<Rfc> {
        vec![
            parse(
                1,
                "1.  Hello Messages\n\n   The server hello carries the selected cipher suite.\n\n\
                 2.  Alerts\n\n   A fatal alert closes the connection.\n",
            ),
            parse(
                2,
                "1.  Session Tickets\n\n   A ticket lets a client resume a session without server state.\n",
            ),
        ]
    }

    #[test]
    fn the_section_about_the_words_ranks_first() {
        let index = Index::build(&rfcs());
        assert_eq!(index.len(), 3);
        let mut scores = Scores::default();
        index.score(
            [("Which message carries the selected cipher suite?", 1.0)],
            &mut scores,
        );
        let top = scores.top(3);
        assert_eq!(top[0].0, index.document(0, 0));
        index.score(
            [("How does a client resume without server state?", 1.0)],
            &mut scores,
        );
        assert_eq!(scores.top(1)[0].0, index.document(1, 0));
        assert_eq!(
            scores.get(index.document(0, 1)),
            0.0,
            "cleared between queries"
        );
        assert_eq!(scores.above(scores.top(1)[0].1), 0);
    }

    #[test]
    fn documents_locate_their_section() {
        let index = Index::build(&rfcs());
        assert_eq!(index.locate(0), (0, 0));
        assert_eq!(index.locate(1), (0, 1));
        assert_eq!(index.locate(2), (1, 0));
        assert_eq!(index.document(1, 0), 2);
    }

    #[test]
    fn a_word_used_everywhere_weighs_little() {
        let index = Index::build(&rfcs());
        let mut scores = Scores::default();
        index.score([("connection", 1.0)], &mut scores);
        let rare = scores.get(index.document(0, 1));
        index.score([("server", 1.0)], &mut scores);
        let common = scores.top(1)[0].1;
        assert!(rare > common, "{rare} > {common}");
    }
}
