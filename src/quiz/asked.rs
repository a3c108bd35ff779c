//! One question as it is put to the candidate.

use crate::bank::{Bank, Question};

/// One question as it is put to the candidate.
#[derive(Debug, Clone)]
pub struct Asked<'a> {
    /// 1-based position in the session, and the session's length.
    pub number: usize,
    pub total: usize,
    pub bank: &'a Bank,
    pub question: &'a Question,
    /// What its kind shuffles, as shown: `order[shown] = index in the file`.
    pub order: Vec<usize>,
}
