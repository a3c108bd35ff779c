//! What the benchmarks share: a deterministic random stream, the vocabulary of
//! the generated questions, and the check benchmark's generated bank ([`bank`]).

#![allow(dead_code)] // Each benchmark uses its own part.

pub mod bank;

use std::sync::LazyLock;

/// A deterministic xorshift64* generator: the same bank on every run, no `rand`.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

/// The vocabulary of the generated text, split on whitespace.
const WORDS: &str = "\
    the client server handshake record cipher suite key exchange certificate signature \
    extension session ticket resumption nonce secret master premaster finished message \
    alert fatal warning version downgrade protection random value hash transcript \
    encrypted plaintext ciphertext padding block stream authenticated encryption \
    associated data sequence number length field fragment buffer early application \
    traffic derived label context group share curve point public private ephemeral \
    static forward secrecy attacker on-path peer endpoint connection socket timeout \
    retry renegotiation compression oracle timing side channel chain trust anchor \
    revocation stapling response request identity binder hello cookie state machine \
    transition sends receives verifies computes rejects accepts ignores aborts derives \
    encrypts signs before after during with without only every each first last a an its \
    their this that which when must may should";

pub static VOCABULARY: LazyLock<Vec<&str>> = LazyLock::new(|| WORDS.split_whitespace().collect());
