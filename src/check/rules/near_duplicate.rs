//! `near-duplicate`: two questions of a run, in any files, whose stems and choices
//! say nearly the same thing.
//!
//! Each question is kept as a 128-byte [`Fingerprint`]: a MinHash signature of
//! its stem's content words and one of its choices' (so reordered choices match,
//! and a reworded stem keeps most of its words). Candidates come from LSH banding:
//! 16 bands, each two stem rows and two choice rows hashed to one key, so only
//! questions that agree on a whole band are ever compared, never all pairs (the
//! keys are made at the end of a run, one band at a time, so that a run keeps only
//! the fingerprint, id and place of each question). A
//! candidate is a near-duplicate when the estimated stem and choice similarities
//! are both high; two questions that share their choices but ask different
//! things differ in their stems, and are not.

use super::{Check, Rule};
use crate::bank::Question;
use crate::diagnostic::{Diagnostic, Pos, Severity};
use crate::words::content_words;
use std::rc::Rc;

pub const NEAR_DUPLICATE: Rule = Rule {
    code: "near-duplicate",
    severity: Severity::Warning,
    summary: "two questions of a run, in any files, whose stems and choices say nearly the same (a reworded stem, reordered choices); reported at the later one, naming the other's place",
    flags: "\"Which message carries the server's chosen cipher suite?\" and, elsewhere, \"Which handshake message carries the cipher suite chosen by the server?\" with the same choices",
    passes: "two questions with the same choices that ask different things",
    check: Check::Run,
};

/// MinHash values per part (stem, choices).
const ROWS: usize = 32;
/// Each band hashes this many rows of each part.
const ROWS_PER_BAND: usize = 2;
const BANDS: usize = ROWS / ROWS_PER_BAND;
/// In a bucket of many questions, each is compared with at most this many of the
/// earliest, so that no bank makes the rule quadratic.
const BUCKET_COMPARISONS: usize = 8;

/// Both similarities at least this…
const LEAST_SIMILAR: f32 = 0.4;
/// …and together at least this: a reworded stem (0.45) with the same choices (1.0)
/// is a near-duplicate; the same choices under a different stem (0.2) are not.
const LEAST_TOGETHER: f32 = 1.3;

/// What the near-duplicate rule keeps of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    stem: [u16; ROWS],
    choices: [u16; ROWS],
    /// The question's kind: questions of two kinds ask differently, whatever
    /// their words.
    kind: u8,
}

impl Fingerprint {
    /// The fingerprint of `q`; None when its stem or its choices have no content
    /// words to compare ("Why?", choices "1" and "2").
    pub fn of(q: &Question) -> Option<Fingerprint> {
        // What the candidate reads besides the stem (choices, items, pairs);
        // for a typed answer, the answers it accepts. Only questions of one
        // kind are compared: a choice and an order question on the same
        // messages ask different things.
        let parts = q.body.model().texts();
        let asked: Vec<&str> = parts
            .iter()
            .filter(|p| p.asked)
            .map(|p| p.text.value.as_str())
            .collect();
        let body: Vec<&str> = if asked.is_empty() {
            parts.iter().map(|p| p.text.value.as_str()).collect()
        } else {
            asked
        };
        let mut print = Fingerprint::of_texts(
            std::iter::once(q.question.value.as_str())
                .chain(q.exhibit.iter().map(|e| e.value.as_str())),
            body.into_iter(),
        )?;
        print.kind = crate::bank::Kind::ALL
            .iter()
            .position(|&k| k == q.kind())
            .and_then(|i| u8::try_from(i).ok())
            .unwrap_or(0);
        Some(print)
    }

    /// The fingerprint of a stem (with its exhibit) and choices given as texts.
    pub fn of_texts<'t>(
        stem: impl Iterator<Item = &'t str>,
        choices: impl Iterator<Item = &'t str>,
    ) -> Option<Fingerprint> {
        Some(Fingerprint {
            stem: minhash(stem)?,
            choices: minhash(choices)?,
            kind: 0,
        })
    }

    /// The estimated Jaccard similarities of the stems' words and the choices' words.
    pub fn similarity(&self, other: &Fingerprint) -> (f32, f32) {
        let alike = |a: &[u16; ROWS], b: &[u16; ROWS]| {
            a.iter().zip(b).filter(|(x, y)| x == y).count() as f32 / ROWS as f32
        };
        (
            alike(&self.stem, &other.stem),
            alike(&self.choices, &other.choices),
        )
    }

    fn is_near(&self, other: &Fingerprint) -> bool {
        let (stem, choices) = self.similarity(other);
        self.kind == other.kind
            && stem >= LEAST_SIMILAR
            && choices >= LEAST_SIMILAR
            && stem + choices >= LEAST_TOGETHER
    }

    /// The key of band `band`; equal keys in a band make two questions candidates.
    fn band_key(&self, band: usize) -> u32 {
        let rows = band * ROWS_PER_BAND..(band + 1) * ROWS_PER_BAND;
        let mut h = mix(band as u64 + 1 + (u64::from(self.kind) << 32));
        for i in rows {
            h = mix(h ^ u64::from(self.stem[i]) ^ (u64::from(self.choices[i]) << 16));
        }
        (h >> 32) as u32
    }
}

/// The MinHash signature of the content words of `texts`, or None if there are none.
fn minhash<'t>(texts: impl Iterator<Item = &'t str>) -> Option<[u16; ROWS]> {
    let mut mins = [u64::MAX; ROWS];
    let mut any = false;
    for text in texts {
        content_words(text, |word| {
            any = true;
            let h = fnv(word);
            for (min, seed) in mins.iter_mut().zip(SEEDS) {
                *min = (*min).min(mix(h ^ seed));
            }
        });
    }
    // The top 16 bits of each minimum: unrelated minima collide once in 65,536.
    any.then(|| mins.map(|m| (m >> 48) as u16))
}

/// FNV-1a, 64 bits: fixed for ever, unlike std's hashers.
fn fnv(word: &str) -> u64 {
    word.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The SplitMix64 finaliser: a bijection that scrambles every bit.
const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One seed per row: XORed into a word's hash before mixing, each makes its own
/// random permutation of the words.
const SEEDS: [u64; ROWS] = {
    let mut seeds = [0u64; ROWS];
    let mut i = 0;
    while i < ROWS {
        seeds[i] = mix(0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(i as u64 + 1));
        i += 1;
    }
    seeds
};

#[derive(Debug)]
struct Entry {
    file: u32,
    pos: Pos,
    id: Rc<str>,
}

/// The fingerprints of a run, in file order. The band keys that find candidates
/// among them are made at the end, one band at a time, so that a run keeps only
/// the fingerprint, the id and the place of each question.
#[derive(Debug, Default)]
pub struct NearDuplicates {
    paths: Vec<Box<str>>,
    entries: Vec<Entry>,
    prints: Vec<Fingerprint>,
}

impl NearDuplicates {
    /// Starts the next file; its questions are added with the number it returns.
    pub fn add_file(&mut self, path: &str) -> u32 {
        self.paths.push(path.into());
        u32::try_from(self.paths.len() - 1).unwrap_or(u32::MAX)
    }

    /// Adds a question of `file`, whose stem is at `pos`.
    pub fn add(&mut self, file: u32, pos: Pos, id: impl Into<Rc<str>>, print: Fingerprint) {
        self.entries.push(Entry {
            file,
            pos,
            id: id.into(),
        });
        self.prints.push(print);
    }

    /// Each question that nearly repeats an earlier one, at the later one, naming
    /// the earliest it repeats.
    pub fn finish(self, severity: Severity) -> Vec<Diagnostic> {
        let mut earliest = vec![u32::MAX; self.entries.len()];
        // (band key, entry) of one band, sorted so that equal keys sit together.
        let mut keys: Vec<(u32, u32)> = Vec::with_capacity(self.prints.len());
        for band in 0..BANDS {
            keys.clear();
            keys.extend(
                self.prints
                    .iter()
                    .enumerate()
                    .map(|(entry, print)| (print.band_key(band), entry as u32)),
            );
            keys.sort_unstable();
            for bucket in keys.chunk_by(|a, b| a.0 == b.0) {
                for (k, &(_, later)) in bucket.iter().enumerate().skip(1) {
                    for &(_, earlier) in &bucket[..k.min(BUCKET_COMPARISONS)] {
                        let best = &mut earliest[later as usize];
                        if earlier >= *best {
                            break;
                        }
                        if self.prints[earlier as usize].is_near(&self.prints[later as usize]) {
                            *best = earlier;
                            break;
                        }
                    }
                }
            }
        }
        let mut out = Vec::new();
        for (later, &earlier) in earliest.iter().enumerate() {
            if earlier == u32::MAX {
                continue;
            }
            let (a, b) = (&self.entries[earlier as usize], &self.entries[later]);
            out.push(Diagnostic::new(
                &self.paths[b.file as usize],
                b.pos,
                severity,
                NEAR_DUPLICATE.code,
                format!(
                    "this question nearly repeats `{}` at {}:{}: their stems and choices say nearly the same; keep one, or make them ask different things",
                    a.id, self.paths[a.file as usize], a.pos
                ),
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::parse;
    use super::*;

    fn q(stem: &str, choices: &[&str]) -> Question {
        parse(&format!(
            "questions:\n  - id: x\n    question: {stem:?}\n    choices: [{}]\n    answer: A\n",
            choices
                .iter()
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }

    const SUITES: &[&str] = &["ClientHello", "ServerHello", "Finished", "Certificate"];

    fn near(a: &Question, b: &Question) -> bool {
        let (a, b) = (Fingerprint::of(a).unwrap(), Fingerprint::of(b).unwrap());
        a.is_near(&b)
    }

    #[test]
    fn a_reworded_stem_with_reordered_choices_is_a_near_duplicate() {
        let a = q(
            "Which message carries the server's chosen cipher suite?",
            SUITES,
        );
        let b = q(
            "Which handshake message carries the cipher suite chosen by the server?",
            &["Finished", "ServerHello", "Certificate", "ClientHello"],
        );
        assert!(near(&a, &b));
    }

    /// An order question of `stem` and `items`.
    fn order(stem: &str, items: &[&str]) -> Question {
        parse(&format!(
            "questions:\n  - id: x\n    kind: order\n    question: {stem:?}\n    items: [{}]\n",
            items
                .iter()
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }

    #[test]
    fn questions_of_other_kinds_compare_their_items_and_their_kind() {
        let a = order("In what order does the client send these messages?", SUITES);
        let b = order(
            "In which order are these messages sent by the client?",
            &["Finished", "ServerHello", "Certificate", "ClientHello"],
        );
        assert!(near(&a, &b));
        // The same texts asked as a choice: another question.
        let choice = q("In what order does the client send these messages?", SUITES);
        assert!(!near(&a, &choice));
        // A typed answer compares what it accepts.
        let text = |answer: &str| {
            parse(&format!(
                "questions:\n  - id: x\n    kind: text\n    question: Which extension carries the host name of the server?\n    answer: [{answer}]\n"
            ))
        };
        assert!(near(&text("server_name, SNI"), &text("SNI, server_name")));
        assert!(!near(&text("server_name"), &text("supported_groups")));
    }

    #[test]
    fn the_same_choices_asking_something_else_are_not() {
        let a = q(
            "Which message carries the server's chosen cipher suite?",
            SUITES,
        );
        let b = q("Which message does the client send first?", SUITES);
        let c = q("Which message is the last of the handshake?", SUITES);
        assert!(!near(&a, &b));
        assert!(!near(&b, &c));
    }

    #[test]
    fn the_same_stem_with_other_choices_is_not() {
        let a = q("Which of the following is true?", SUITES);
        let b = q(
            "Which of the following is true?",
            &[
                "RC4 is allowed",
                "SSL 3.0 is allowed",
                "TLS 1.0 is required",
            ],
        );
        assert!(!near(&a, &b));
    }

    #[test]
    fn a_stem_without_content_words_has_no_fingerprint() {
        assert!(Fingerprint::of(&q("Which?", SUITES)).is_none());
    }

    fn run(questions: &[(&str, Question)]) -> Vec<String> {
        let mut near = NearDuplicates::default();
        let mut last = None;
        let mut file = 0;
        for (i, (path, q)) in questions.iter().enumerate() {
            if last != Some(path) {
                file = near.add_file(path);
                last = Some(path);
            }
            let id = format!("q{i}");
            near.add(file, q.question.pos, id, Fingerprint::of(q).unwrap());
        }
        near.finish(Severity::Warning)
            .into_iter()
            .map(|d| format!("{}:{}: {}", d.path, d.pos(), d.message))
            .collect()
    }

    #[test]
    fn reported_at_the_later_naming_the_earliest() {
        let a = q(
            "Which message carries the server's chosen cipher suite?",
            SUITES,
        );
        let other = q("Which message does the client send first?", SUITES);
        let found = run(&[
            ("a.yaml", a.clone()),
            ("a.yaml", other),
            ("b.yaml", a.clone()),
            ("c.yaml", a),
        ]);
        assert_eq!(
            found,
            [
                "b.yaml:3:15: this question nearly repeats `q0` at a.yaml:3:15: their stems and choices say nearly the same; keep one, or make them ask different things",
                "c.yaml:3:15: this question nearly repeats `q0` at a.yaml:3:15: their stems and choices say nearly the same; keep one, or make them ask different things",
            ]
        );
    }

    /// A deterministic stream of words for generated questions.
    struct Words(u64);

    impl Words {
        fn next(&mut self) -> u64 {
            self.0 = mix(self.0);
            self.0
        }
        fn sentence(&mut self, n: usize) -> String {
            (0..n)
                .map(|_| format!("w{}", self.next() % 5000))
                .collect::<Vec<_>>()
                .join(" ")
        }
    }

    #[test]
    fn finds_every_planted_copy_among_many_and_nothing_else() {
        let mut near = NearDuplicates::default();
        let file = near.add_file("big.yaml");
        let count = 20_000;
        let mut planted = Vec::new();
        for i in 0..count {
            let (stem, choices) = if i % 1000 == 999 {
                // A copy of the question 500 before, its choices reordered and
                // one stem word changed.
                planted.push(i);
                let mut words = Words(1_000 + (i - 500) as u64);
                let stem = words.sentence(12);
                let choices: Vec<String> = (0..4).map(|_| words.sentence(4)).collect();
                let stem = stem.replacen("w", "v", 1);
                (stem, choices.into_iter().rev().collect::<Vec<_>>())
            } else {
                let mut own = Words(1_000 + i as u64);
                let stem = own.sentence(12);
                let choices: Vec<String> = (0..4).map(|_| own.sentence(4)).collect();
                (stem, choices)
            };
            let print = Fingerprint::of_texts(
                std::iter::once(stem.as_str()),
                choices.iter().map(String::as_str),
            );
            let pos = Pos::new(i + 1, 1);
            near.add(file, pos, format!("q{i}"), print.unwrap());
        }
        let found: Vec<u32> = near
            .finish(Severity::Warning)
            .iter()
            .map(|d| d.line - 1)
            .collect();
        assert_eq!(found, planted);
    }
}
