//! How an answer turns into points. Each question is worth one point; each kind
//! says what earns it (see its module), under one of two ways of scoring.

/// `strict`: all or nothing, as certification exams score. `partial`: part of
/// a point for part of an answer, as each kind defines it (a choice question:
/// Canvas's "partial credit with penalty", max(0, (c − w) / k)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scoring {
    #[default]
    Strict,
    Partial,
}

impl Scoring {
    pub fn name(self) -> &'static str {
        match self {
            Scoring::Strict => "strict",
            Scoring::Partial => "partial",
        }
    }

    /// Points for choosing `given` when `correct` are right (both as sets of indices).
    pub fn points(self, given: &[usize], correct: &[usize]) -> f64 {
        let hits = given.iter().filter(|g| correct.contains(g)).count();
        let misses = given.len() - hits;
        match self {
            Scoring::Strict => {
                if misses == 0 && hits == correct.len() {
                    1.0
                } else {
                    0.0
                }
            }
            Scoring::Partial => {
                if correct.is_empty() {
                    return 0.0;
                }
                ((hits as f64 - misses as f64) / correct.len() as f64).max(0.0)
            }
        }
    }

    /// Points for `part` of a whole (1.0 is all of it): the whole point or
    /// nothing when strict, the part when partial.
    pub fn share(self, part: f64) -> f64 {
        match self {
            Scoring::Strict if part >= 1.0 => 1.0,
            Scoring::Strict => 0.0,
            Scoring::Partial => part.clamp(0.0, 1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Scoring::*;

    #[test]
    fn strict_needs_the_exact_set() {
        assert_eq!(Strict.points(&[0, 2], &[0, 2]), 1.0);
        assert_eq!(Strict.points(&[0], &[0, 2]), 0.0);
        assert_eq!(Strict.points(&[0, 1, 2], &[0, 2]), 0.0);
        assert_eq!(Strict.points(&[], &[0]), 0.0);
    }

    #[test]
    fn partial_penalises_wrong_picks() {
        assert_eq!(Partial.points(&[0], &[0, 2]), 0.5);
        assert_eq!(Partial.points(&[0, 1], &[0, 2]), 0.0);
        assert_eq!(Partial.points(&[0, 2], &[0, 2]), 1.0);
        assert_eq!(Partial.points(&[0, 1, 2], &[0, 1, 2, 3]), 0.75);
        // Ticking every choice earns nothing.
        assert_eq!(Partial.points(&[0, 1, 2, 3, 4], &[0, 2]), 0.0);
        assert_eq!(Partial.points(&[1, 3], &[0, 2]), 0.0);
    }

    #[test]
    fn a_share_is_all_or_nothing_when_strict() {
        assert_eq!(Strict.share(1.0), 1.0);
        assert_eq!(Strict.share(0.99), 0.0);
        assert_eq!(Partial.share(0.5), 0.5);
    }
}
