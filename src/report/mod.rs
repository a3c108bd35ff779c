//! Reports for scripts and authors: the JSON report of a run, `quiz stats`,
//! readiness, `list` and `show`. Renderers return text or bytes; the caller
//! decides where they go. (The summary a person reads after a run is
//! `crate::present`'s.)

pub mod bank;
mod json;
pub mod readiness;
pub mod stats;

pub use json::to_json;

/// `3` for whole points, `2.5` otherwise: what a person expects to read.
pub fn points(p: f64) -> String {
    // An empty f64 sum is -0.0; nobody wants to read "-0".
    let p = p + 0.0;
    if p.fract() == 0.0 {
        format!("{p:.0}")
    } else {
        let s = format!("{p:.2}");
        s.trim_end_matches('0').to_owned()
    }
}

pub use crate::words::plural;

#[cfg(test)]
mod tests {
    #[test]
    fn points_read_naturally() {
        assert_eq!(super::points(3.0), "3");
        assert_eq!(super::points(-0.0), "0");
        assert_eq!(super::points(2.5), "2.5");
        assert_eq!(super::points(1.0 / 3.0), "0.33");
    }
}
