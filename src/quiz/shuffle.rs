//! Seeded shuffling whose results never change: ChaCha8 from a seed laid out by
//! hand (not `seed_from_u64`, whose expansion belongs to rand_core), a Fisher–Yates
//! pass written here, and unbiased bounded draws. Same seed, same order, on every
//! platform and in every future version; `tests::orders_are_stable` pins it.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

pub struct Shuffler {
    rng: ChaCha8Rng,
}

impl Shuffler {
    pub fn new(seed: u64) -> Self {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        Shuffler {
            rng: ChaCha8Rng::from_seed(key),
        }
    }

    /// A uniform draw from `0..n` (n > 0), by rejection so that no value is favoured.
    fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.rng.next_u64();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }

    /// Fisher–Yates, from the end.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// The order in which to show `n` choices: the pinned ones keep their place,
    /// the others are shuffled among the remaining places.
    pub fn choice_order(&mut self, n: usize, pinned: impl Fn(usize) -> bool) -> Vec<usize> {
        let mut free: Vec<usize> = (0..n).filter(|&i| !pinned(i)).collect();
        self.shuffle(&mut free);
        let mut free = free.into_iter();
        (0..n)
            .map(|i| {
                if pinned(i) {
                    i
                } else {
                    free.next().unwrap_or(i)
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_are_stable() {
        // If this changes, every replayed `--seed` changes with it: don't.
        let mut s = Shuffler::new(7);
        let mut v: Vec<u32> = (0..10).collect();
        s.shuffle(&mut v);
        assert_eq!(v, [0, 5, 7, 4, 1, 3, 2, 8, 6, 9]);
    }

    #[test]
    fn pinned_choices_stay() {
        for seed in 0..50 {
            let order = Shuffler::new(seed).choice_order(5, |i| i == 4);
            assert_eq!(order[4], 4);
            let mut sorted = order.clone();
            sorted.sort();
            assert_eq!(sorted, [0, 1, 2, 3, 4]);
        }
    }

    #[test]
    fn every_position_is_reachable() {
        let mut seen = [[false; 4]; 4];
        for seed in 0..200 {
            let order = Shuffler::new(seed).choice_order(4, |_| false);
            for (shown, &file) in order.iter().enumerate() {
                seen[shown][file] = true;
            }
        }
        assert!(seen.iter().flatten().all(|&b| b));
    }
}
