//! Secrets the browser carries: the access token of `--listen`, a visitor's
//! key, a form's CSRF token. Each is 128 bits from the operating system's
//! random source, written in hex, and compared in constant time.

/// A fresh secret: 32 hex digits from the OS's random source.
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    // Without the OS's randomness there is nothing safe to hand out: the
    // clock and the process id mixed by SipHash's random keys are the fallback,
    // which std seeds from the same source where it can.
    if getrandom::fill(&mut bytes).is_err() {
        use std::hash::{BuildHasher, RandomState};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let word = RandomState::new().hash_one((std::time::SystemTime::now(), i));
            chunk.copy_from_slice(&word.to_le_bytes()[..chunk.len()]);
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `given` is `secret`, in a time that does not depend on where they differ.
pub fn same(given: &str, secret: &str) -> bool {
    let (a, b) = (given.as_bytes(), secret.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_hex_and_compared_whole() {
        let a = random_token();
        let b = random_token();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        assert!(same(&a, &a.clone()));
        assert!(!same(&a, &b));
        assert!(!same(&a[..31], &a));
        assert!(!same("", &a));
    }
}
