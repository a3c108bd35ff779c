//! How an answer turns into points. Each question is worth one point.

/// `strict`: all or nothing, as certification exams score. `partial`: Canvas's
/// "partial credit with penalty", max(0, (c − w) / k).
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
}
