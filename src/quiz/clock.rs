//! Time enters a session only through a [`Clock`], so that timed exams and
//! scheduling can be tested without sleeping.

use std::cell::Cell;
use std::time::{Duration, SystemTime};

pub trait Clock {
    fn now(&self) -> SystemTime;
}

/// The real wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock for tests: starts at a fixed time and moves only when told to.
#[derive(Debug)]
pub struct FakeClock {
    now: Cell<SystemTime>,
}

impl FakeClock {
    pub fn new(start: SystemTime) -> Self {
        FakeClock {
            now: Cell::new(start),
        }
    }

    pub fn advance(&self, by: Duration) {
        self.now.set(self.now.get() + by);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> SystemTime {
        self.now.get()
    }
}

/// `90m`, `45s`, `1h30m`, `2h`: a duration as people write it.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let bad = || format!("{text:?} is not a duration: write it like 90m, 45s or 1h30m");
    if text.is_empty() {
        return Err(bad());
    }
    let mut total: u64 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: u64 = number.parse().map_err(|_| bad())?;
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        total = n
            .checked_mul(unit)
            .and_then(|s| total.checked_add(s))
            .ok_or_else(bad)?;
        number.clear();
    }
    if !number.is_empty() {
        return Err(bad());
    }
    if total == 0 {
        return Err(format!(
            "{text:?} is no time at all: give a limit above zero"
        ));
    }
    Ok(Duration::from_secs(total))
}

/// `1:05:09` or `4:07`: time left, as a clock shows it.
pub fn format_left(left: Duration) -> String {
    // Round up: with 89:59.9 left, a clock shows 1:30:00 until the second is gone.
    let s = left.as_millis().div_ceil(1000) as u64;
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_people_write_them() {
        assert_eq!(parse_duration("90m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("45s"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert!(parse_duration("90").is_err());
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("1x").is_err());
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("99999999999999999999h").is_err());
    }

    #[test]
    fn time_left_reads_like_a_clock() {
        assert_eq!(format_left(Duration::from_secs(247)), "4:07");
        assert_eq!(format_left(Duration::from_secs(3909)), "1:05:09");
    }
}
