//! The targets of `citation-unrelated`, measured on the built-in bank against the
//! RFC texts in `rfc/` (run with `--nocapture` to see the figures):
//!
//! - as shipped, at most 2 % of its RFC references are flagged;
//! - with each question's references moved to the question at the same place in
//!   the next file, at least 80 % of the questions are flagged.

use quiz::bank::{Bank, load_paths};
use quiz::check::rules::rank_citations;
use quiz::rfc::Library;
use std::path::Path;

fn bank_and_library() -> (Vec<Bank>, Library) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = load_paths(&[root.join("questions")]).expect("load the built-in bank");
    let library = Library::open(&root.join("rfc")).expect("read rfc/");
    (loaded.banks, library)
}

/// (flagged, checked) references of the bank as it is.
fn as_shipped(banks: &[Bank], library: &Library) -> (usize, usize) {
    let rankings: Vec<bool> = banks
        .iter()
        .flat_map(|b| &b.questions)
        .flat_map(|q| rank_citations(q, library))
        .map(|(_, r)| r.unrelated())
        .collect();
    (rankings.iter().filter(|&&u| u).count(), rankings.len())
}

/// (flagged, all) questions, each given the references of the question at the
/// same place (wrapping) in the next file.
fn moved(banks: &[Bank], library: &Library) -> (usize, usize) {
    let mut flagged = 0;
    let mut all = 0;
    for (f, bank) in banks.iter().enumerate() {
        let next = &banks[(f + 1) % banks.len()];
        for (k, q) in bank.questions.iter().enumerate() {
            let mut q = q.clone();
            q.references = next.questions[k % next.questions.len()].references.clone();
            all += 1;
            if rank_citations(&q, library)
                .iter()
                .any(|(_, r)| r.unrelated())
            {
                flagged += 1;
            }
        }
    }
    (flagged, all)
}

#[test]
fn citation_unrelated_meets_its_targets_on_the_builtin_bank() {
    let (banks, library) = bank_and_library();
    assert!(
        banks.len() > 1,
        "the measure moves references between files"
    );
    let (false_flags, checked) = as_shipped(&banks, &library);
    let (caught, questions) = moved(&banks, &library);
    let shipped = 100.0 * false_flags as f64 / checked as f64;
    let caught_share = 100.0 * caught as f64 / questions as f64;
    println!(
        "citation-unrelated: as shipped {false_flags} of {checked} references flagged ({shipped:.1} %); \
         references moved to another file's question: {caught} of {questions} questions flagged ({caught_share:.1} %)"
    );
    assert!(
        shipped <= 2.0,
        "{shipped:.1} % of the shipped references are flagged"
    );
    assert!(
        caught_share >= 80.0,
        "only {caught_share:.1} % of moved citations are caught"
    );
}
