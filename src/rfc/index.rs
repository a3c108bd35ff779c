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
use foldhash::fast::FixedState;
use std::collections::HashMap;

/// BM25's term-frequency saturation and length normalisation, at their usual values.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The most terms of a query that are scored: those that weigh most (idf times
/// the query weight). Besides bounding the work, this keeps a long explanation's
/// common words from drowning the few that say what the question is about.
pub const MAX_QUERY_TERMS: usize = 48;

/// Maps with a fixed, fast hash: a query looks up each of its words.
type Map<K, V> = HashMap<K, V, FixedState>;

/// An inverted index over the sections of some RFCs.
#[derive(Debug, Default)]
pub struct Index {
    /// Each word's term, numbered in the words' order.
    ids: Map<Box<str>, u32>,
    terms: Vec<Term>,
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
        Index::from_words(&rfcs.iter().map(words_of).collect::<Vec<_>>())
    }

    /// The index over the sections whose words are `rfcs` ([`words_of`] each RFC,
    /// in order).
    pub fn from_words(rfcs: &[Vec<SectionWords>]) -> Index {
        let mut counts: Map<&str, Vec<(u32, u32)>> = Map::default();
        let mut lengths: Vec<u32> = Vec::new();
        let mut offsets = Vec::with_capacity(rfcs.len());
        for rfc in rfcs {
            offsets.push(u32::try_from(lengths.len()).unwrap_or(u32::MAX));
            for section in rfc {
                let doc = u32::try_from(lengths.len()).unwrap_or(u32::MAX);
                lengths.push(section.length);
                for (word, tf) in &section.counts {
                    counts.entry(word).or_default().push((doc, *tf));
                }
            }
        }
        let documents = lengths.len();
        let average = lengths.iter().map(|&l| f64::from(l)).sum::<f64>() / documents.max(1) as f64;
        let average = average.max(1.0) as f32;
        let n = documents as f32;
        // Numbered in the words' order, so that ties between terms always break
        // the same way.
        let mut words: Vec<_> = counts.into_iter().collect();
        words.sort_unstable_by(|a: &(&str, _), b| a.0.cmp(b.0));
        let mut ids = Map::default();
        let mut terms = Vec::with_capacity(words.len());
        for (word, mut docs) in words {
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
            ids.insert(word.into(), u32::try_from(terms.len()).unwrap_or(u32::MAX));
            terms.push(Term { idf, postings });
        }
        Index {
            ids,
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
        scores.clear(self.documents, self.terms.len());
        for (i, (text, weight)) in texts.into_iter().enumerate() {
            let text_mark = u32::try_from(i + 1).unwrap_or(u32::MAX);
            content_words(text, |w| {
                if let Some(&term) = self.ids.get(w) {
                    scores.weigh(term, text_mark, weight);
                }
            });
        }
        // The terms that weigh most, rarest first among equals, then in the
        // words' order.
        let mut ranked = std::mem::take(&mut scores.ranked);
        ranked.clear();
        ranked.extend(scores.query.iter().map(|&t| {
            let idf = self.terms[t as usize].idf;
            (idf * scores.term_weight[t as usize], idf, t)
        }));
        ranked.sort_unstable_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(a.2.cmp(&b.2))
        });
        let Scores {
            score,
            touched,
            term_weight,
            ..
        } = scores;
        for &(_, _, t) in ranked.iter().take(MAX_QUERY_TERMS) {
            let weight = term_weight[t as usize];
            for &(doc, w) in &self.terms[t as usize].postings {
                let doc = doc as usize;
                score[doc] += w * weight;
                touched[doc / 64] |= 1 << (doc % 64);
            }
        }
        scores.ranked = ranked;
    }
}

/// The words of one section of an RFC: how many in all, and how often each.
#[derive(Debug)]
pub struct SectionWords {
    length: u32,
    counts: Vec<(Box<str>, u32)>,
}

/// The words of each section of `rfc`, in order: apart from the others, so that
/// RFCs can be read on several threads.
pub fn words_of(rfc: &Rfc) -> Vec<SectionWords> {
    let mut here: Map<Box<str>, u32> = Map::default();
    rfc.sections
        .iter()
        .map(|section| {
            let mut length = 0u32;
            let mut add = |w: &str| {
                length += 1;
                match here.get_mut(w) {
                    Some(n) => *n += 1,
                    None => {
                        here.insert(w.into(), 1);
                    }
                }
            };
            if !is_back_matter(&section.heading) {
                content_words(&section.heading, &mut add);
                content_words(&section.heading, &mut add);
                content_words(&section.text, &mut add);
            }
            SectionWords {
                length,
                counts: here.drain().collect(),
            }
        })
        .collect()
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

/// The scores of one query: dense by document, with a bit per document that
/// scored, so that clearing and ranking cost about what the query touched.
#[derive(Debug, Default)]
pub struct Scores {
    score: Vec<f32>,
    /// Bit `d % 64` of word `d / 64`: document `d` scored.
    touched: Vec<u64>,
    /// The query's weight of each term, by term, and the last text (from 1) it
    /// was counted in (0: none yet).
    term_weight: Vec<f32>,
    term_text: Vec<u32>,
    /// The terms of the query.
    query: Vec<u32>,
    /// The terms of the query by weight: (idf × weight, idf, term).
    ranked: Vec<(f32, f32, u32)>,
}

impl Scores {
    fn clear(&mut self, documents: usize, terms: usize) {
        for (i, word) in self.touched.iter_mut().enumerate() {
            for d in bits(i, *word) {
                self.score[d] = 0.0;
            }
            *word = 0;
        }
        self.score.resize(documents, 0.0);
        self.touched.resize(documents.div_ceil(64), 0);
        for &t in &self.query {
            self.term_weight[t as usize] = 0.0;
            self.term_text[t as usize] = 0;
        }
        self.query.clear();
        self.term_weight.resize(terms, 0.0);
        self.term_text.resize(terms, 0);
    }

    /// Counts `term` in the query once for text number `text` (from 1).
    fn weigh(&mut self, term: u32, text: u32, weight: f32) {
        let t = term as usize;
        if self.term_text[t] == text {
            return;
        }
        if self.term_text[t] == 0 {
            self.query.push(term);
        }
        self.term_text[t] = text;
        self.term_weight[t] += weight;
    }

    /// A document's score (0 for one no query word is in).
    pub fn get(&self, doc: usize) -> f32 {
        self.score.get(doc).copied().unwrap_or(0.0)
    }

    /// The best score of the documents `range`: a section with its subsections.
    pub fn best_in(&self, range: std::ops::Range<usize>) -> f32 {
        range.map(|d| self.get(d)).fold(0.0, f32::max)
    }

    /// The documents that scored, in order.
    fn scored(&self) -> impl Iterator<Item = usize> + '_ {
        self.touched
            .iter()
            .enumerate()
            .flat_map(|(i, &word)| bits(i, word))
    }

    /// How many documents score above `score`.
    pub fn above(&self, score: f32) -> usize {
        self.scored().filter(|&d| self.score[d] > score).count()
    }

    /// The `n` best documents, best first (the first document among equals), with
    /// their scores. One pass: `n` is small, the documents many.
    pub fn top(&self, n: usize) -> Vec<(usize, f32)> {
        let mut best: Vec<(usize, f32)> = Vec::with_capacity(n + 1);
        for d in self.scored() {
            let score = self.score[d];
            // Documents come in order, so one that ties the last kept comes after it.
            if best.len() == n && best.last().is_none_or(|&(_, last)| score <= last) {
                continue;
            }
            let at =
                best.partition_point(|&(other, s)| s.total_cmp(&score).then(d.cmp(&other)).is_gt());
            if at < n {
                best.insert(at, (d, score));
                best.truncate(n);
            }
        }
        best
    }
}

/// The documents whose bits are set in `word`, the `i`-th word of a bit set.
fn bits(i: usize, mut word: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        (word != 0).then(|| {
            let bit = word.trailing_zeros() as usize;
            word &= word - 1;
            i * 64 + bit
        })
    })
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
    fn the_top_documents_head_the_full_ranking() {
        let rfcs = vec![parse(
            1,
            "1.  Hello\n\n   server hello\n\n2.  Hello\n\n   server hello\n\n\
             3.  Alerts\n\n   server alert\n\n4.  Tickets\n\n   ticket\n\n5.  Hello\n\n   hello\n",
        )];
        let index = Index::build(&rfcs);
        let mut scores = Scores::default();
        index.score([("server hello alert", 1.0)], &mut scores);
        let mut all: Vec<(usize, f32)> = (0..index.len())
            .map(|d| (d, scores.get(d)))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        assert_eq!(all.len(), 4, "{all:?}");
        assert_eq!(all[1].1, all[2].1, "sections 1 and 2 tie: {all:?}");
        for n in 0..=5 {
            assert_eq!(scores.top(n), all[..n.min(all.len())], "top {n}");
        }
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
