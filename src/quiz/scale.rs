//! A scaled score, as certification exams report one (CompTIA: 100 to 900, pass
//! at 750): the fraction of points mapped linearly from 0 % and 100 % onto
//! [min, max], rounded to the nearest whole number, halves up.

/// The scale of an exam's reported score and its passing score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Scale {
    /// The score of 0 %.
    pub min: u32,
    /// The score of 100 %.
    pub max: u32,
    /// The lowest passing score, from `min` to `max`.
    pub pass: u32,
}

impl Scale {
    /// The scaled score of `points` out of `max_points`: `min + (max − min) ×
    /// points / max_points`, rounded to the nearest whole number (halves up).
    /// Nothing asked scores `min`.
    pub fn score(&self, points: f64, max_points: usize) -> u32 {
        let span = f64::from(self.max.saturating_sub(self.min));
        if max_points == 0 {
            return self.min;
        }
        // Multiplying first keeps `span × points` exact for whole points, so a
        // score that falls on a half is exactly a half, and rounds up.
        let points = points.clamp(0.0, max_points as f64);
        let raw = f64::from(self.min) + span * points / max_points as f64;
        raw.round().clamp(f64::from(self.min), f64::from(self.max)) as u32
    }

    /// `pass at 750 on 100–900`, as an exam's header says it.
    pub fn pass_at(&self) -> String {
        format!("pass at {} on {}–{}", self.pass, self.min, self.max)
    }

    /// `scale 100–900, pass at 750`, as results say it beside a scaled score.
    pub fn terms(&self) -> String {
        format!("scale {}–{}, pass at {}", self.min, self.max, self.pass)
    }

    /// The percentage at which the pass score lies: 81.25 for 750 on 100–900.
    pub fn pass_percent(&self) -> f64 {
        let span = f64::from(self.max.saturating_sub(self.min));
        if span == 0.0 {
            return 100.0;
        }
        100.0 * f64::from(self.pass.saturating_sub(self.min)) / span
    }

    /// The lowest whole score at or above `percent` %: the pass score that a pass
    /// mark in percent stands for on this scale.
    pub fn at_percent(&self, percent: f64) -> u32 {
        let span = f64::from(self.max.saturating_sub(self.min));
        let raw = f64::from(self.min) + span * percent.clamp(0.0, 100.0) / 100.0;
        // Tolerate the float error of an exact product (80 % of 800 is 640).
        (raw - 1e-9)
            .ceil()
            .clamp(f64::from(self.min), f64::from(self.max)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::Scale;

    const COMPTIA: Scale = Scale {
        min: 100,
        max: 900,
        pass: 750,
    };

    #[test]
    fn maps_zero_and_full_marks_onto_the_ends() {
        assert_eq!(COMPTIA.score(0.0, 40), 100);
        assert_eq!(COMPTIA.score(40.0, 40), 900);
        assert_eq!(COMPTIA.score(0.0, 0), 100);
    }

    #[test]
    fn is_linear_and_rounds_halves_up() {
        assert_eq!(COMPTIA.score(30.0, 40), 700);
        // 100 + 800 × 13/16 = 750 exactly.
        assert_eq!(COMPTIA.score(13.0, 16), 750);
        // 100 + 800 × 2/3 = 633.33…
        assert_eq!(COMPTIA.score(2.0, 3), 633);
        // 100 + 800 × 1/3 = 366.67…
        assert_eq!(COMPTIA.score(1.0, 3), 367);
        let odd = Scale {
            min: 0,
            max: 1000,
            pass: 700,
        };
        // 1000 × 1/16 = 62.5, a half: up.
        assert_eq!(odd.score(1.0, 16), 63);
        // 1000 × 3/16 = 187.5.
        assert_eq!(odd.score(3.0, 16), 188);
        // Partial points.
        assert_eq!(odd.score(2.5, 4), 625);
    }

    #[test]
    fn pass_marks_in_percent_and_on_the_scale_agree() {
        assert_eq!(COMPTIA.pass_percent(), 81.25);
        assert_eq!(COMPTIA.at_percent(80.0), 740);
        assert_eq!(COMPTIA.at_percent(81.25), 750);
        assert_eq!(COMPTIA.at_percent(75.01), 701);
        assert_eq!(COMPTIA.at_percent(0.0), 100);
        assert_eq!(COMPTIA.at_percent(100.0), 900);
    }
}
