//! `citation-unrelated`: a cited section that does not discuss what the question
//! asks. Every section of the RFC texts at hand is ranked by BM25 against the
//! stem, the choices and the explanation (the index is built once per run); a
//! citation whose section, with its subsections, scores far below the best is
//! flagged, naming the best candidates.

use super::references::cited;
use super::{Check, Rule, Sink};
use crate::bank::Question;
use crate::check::Config;
use crate::diagnostic::Severity::Warning;
use crate::rfc::{Library, Scores};
use std::cell::RefCell;

pub const CITATION_UNRELATED: Rule = Rule {
    code: "citation-unrelated",
    severity: Warning,
    summary: "the cited section does not discuss what the question asks: it ranks far below the best section for the stem, choices and explanation; the best candidates are named",
    flags: "a question on cipher-suite negotiation citing RFC 8446 §4.6.1 (New Session Ticket)",
    passes: "the same question citing RFC 5246 §7.4.1.3 (Server Hello)",
    check: Check::Rfc(citations_are_related),
};

/// A cited section is unrelated when it ranks below the best seventh of the
/// sections at hand (at least [`MIN_ABOVE`] sections match the question better)…
pub const RANK_SHARE: usize = 7;
pub const MIN_ABOVE: usize = 3;
/// …and scores under half the best section's score (a near tie is never flagged).
pub const SHARE_OF_BEST: f32 = 0.5;

/// How much a word weighs in the query for each text it occurs in: the stem says
/// what is asked, so it weighs most.
pub const STEM_WEIGHT: f32 = 1.0;
pub const CHOICE_WEIGHT: f32 = 1.0;
pub const EXPLANATION_WEIGHT: f32 = 1.0;

/// How many better sections a finding names.
const SUGGESTIONS: usize = 2;

thread_local! {
    /// One question's scores at a time, reused: a query touches few sections.
    static SCORES: RefCell<Scores> = RefCell::new(Scores::default());
}

/// How a cited section ranks for a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    /// The best score of the section and its subsections.
    pub score: f32,
    /// The best score of any section.
    pub best: f32,
    /// How many sections score above it.
    pub above: usize,
    /// How many sections there are.
    pub sections: usize,
    /// When the citation is unrelated, the best sections outside the cited one,
    /// best first: `RFC 5246 §7.4.1.3 Server Hello` (else none: naming them costs).
    pub better: Vec<String>,
}

impl Ranking {
    pub fn unrelated(&self) -> bool {
        let far = self.above > MIN_ABOVE && self.above * RANK_SHARE > self.sections;
        far && self.best > 0.0 && self.score < SHARE_OF_BEST * self.best
    }
}

/// The ranking of each of `q`'s citations that names a section of `library`, in
/// reference order: (reference index, ranking).
pub fn rank_citations(q: &Question, library: &Library) -> Vec<(usize, Ranking)> {
    let index = library.index();
    let citations: Vec<(usize, usize, usize, usize)> = cited(q, library)
        .filter_map(|c| {
            let section = c.found?;
            let end = c.rfc.sections[section].end;
            let at = q
                .references
                .iter()
                .position(|r| std::ptr::eq(r, c.reference))?;
            Some((at, c.rfc_index, section, end))
        })
        .collect();
    if citations.is_empty() {
        return Vec::new();
    }
    // What a candidate reads (choices, items, pairs) and what answers it
    // (accepted answers, a model answer), but not the feedback on choices.
    let model = q.body.model();
    let parts: Vec<_> = model
        .texts()
        .into_iter()
        .filter(|p| p.asked || !matches!(p.what, crate::bank::kind::What::Why(_)))
        .collect();
    SCORES.with_borrow_mut(|scores| {
        let texts = std::iter::once((q.question.value.as_str(), STEM_WEIGHT))
            .chain(q.exhibit.iter().map(|e| (e.value.as_str(), STEM_WEIGHT)))
            .chain(parts.iter().map(|p| (p.text.value.as_str(), CHOICE_WEIGHT)))
            .chain(
                q.explanation
                    .iter()
                    .map(|e| (e.value.as_str(), EXPLANATION_WEIGHT)),
            );
        index.score(texts, scores);
        let top = scores.top(SUGGESTIONS + 1);
        let best = top.first().map_or(0.0, |t| t.1);
        citations
            .into_iter()
            .map(|(at, rfc, section, end)| {
                let range = index.document(rfc, section)..index.document(rfc, end);
                let score = scores.best_in(range.clone());
                let mut ranking = Ranking {
                    score,
                    best,
                    above: scores.above(score),
                    sections: index.len(),
                    better: Vec::new(),
                };
                if ranking.unrelated() {
                    ranking.better = top
                        .iter()
                        .filter(|(doc, _)| !range.contains(doc))
                        .take(SUGGESTIONS)
                        .map(|&(doc, _)| {
                            let (r, s) = index.locate(doc);
                            library.rfcs()[r].describe(s)
                        })
                        .collect();
                }
                (at, ranking)
            })
            .collect()
    })
}

fn citations_are_related(q: &Question, config: &Config, s: &mut Sink) {
    let Some(library) = &config.library else {
        return;
    };
    for (at, ranking) in rank_citations(q, library) {
        if !ranking.unrelated() {
            continue;
        }
        let reference = &q.references[at];
        let hint = match ranking.better.as_slice() {
            [] => String::new(),
            [one] => format!("; did you mean {one}?"),
            [one, two, ..] => format!("; did you mean {one}, or {two}?"),
        };
        s.report(
            &CITATION_UNRELATED,
            reference.pos,
            format!(
                "{} hardly discusses what this question asks ({} of the {} sections at hand match it better){hint}",
                reference.label(),
                ranking.above,
                ranking.sections
            ),
        );
    }
}
