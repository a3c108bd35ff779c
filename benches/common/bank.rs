//! The generated bank of the check benchmark: files of questions on the TLS
//! vocabulary, each citing a real section of the RFC texts in `rfc/` with its real
//! heading, and saying enough of that section's words that every rule passes, the
//! RFC rules included. About 1.2 KB a question: 10,000 questions come to about 12 MB.

use super::{Rng, VOCABULARY};
use quiz::rfc::Library;
use quiz::words::content_words;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The range of an explanation's length in characters. The built-in bank averages
/// about 570 characters; with 400 to 540, 10,000 questions come to about 12 MB (the
/// rest of a question takes about 730 bytes).
const EXPLANATION: (usize, usize) = (400, 540);

/// Words a stem may turn on (`negative-stem`) or count answers with
/// (`hint-count-mismatch`): never taken from a section.
const AVOID: &[&str] = &[
    "not", "except", "least", "false", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten",
];

/// A section to cite: where it is, its heading, and the words it discusses.
pub struct Section {
    rfc: u32,
    id: String,
    heading: String,
    words: Vec<String>,
}

/// The sections of the RFC texts in `dir` worth citing: a plain heading, and at
/// least 60 content words of text.
pub fn sections(dir: &Path) -> Vec<Section> {
    let library = Library::open(dir).expect("read the RFC texts in rfc/");
    let mut out = Vec::new();
    for rfc in library.rfcs() {
        for s in &rfc.sections {
            let plain = s
                .heading
                .bytes()
                .all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\' || b == b' ');
            let lower = s.heading.to_ascii_lowercase();
            let back_matter = ["references", "acknowledg", "contributors", "author"]
                .iter()
                .any(|w| lower.contains(w));
            let mut words = Vec::new();
            content_words(&s.text, |w| {
                let plain = w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-');
                // Short words, so that no choice stands out by its length; and none
                // that a stem turns on.
                if plain && (4..=9).contains(&w.len()) && !AVOID.contains(&w) {
                    words.push(w.to_owned());
                }
            });
            if plain && !back_matter && words.len() >= 60 {
                out.push(Section {
                    rfc: rfc.number,
                    id: s.id.clone(),
                    heading: s.heading.clone(),
                    words,
                });
            }
        }
    }
    assert!(!out.is_empty(), "no section of rfc/ to cite");
    out
}

/// Writes `files` files of `per_file` questions into `dir`; returns them in the
/// order `quiz check` reads them.
pub fn generate(dir: &Path, files: usize, per_file: usize, sections: &[Section]) -> Vec<PathBuf> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..files)
        .map(|f| {
            let path = dir.join(format!("bank-{f:04}.yaml"));
            let mut text = format!("title: Generated bank {f}\nquestions:\n");
            for q in 0..per_file {
                question(&mut rng, f, q, sections, &mut text);
            }
            std::fs::write(&path, text).expect("write a bank file");
            path
        })
        .collect()
}

const TAGS: &[&str] = &[
    "handshake",
    "tls12",
    "tls13",
    "record",
    "ciphers",
    "extensions",
    "attacks",
    "pki",
    "resumption",
    "alerts",
    "psk",
    "0-rtt",
    "key-schedule",
    "configuration",
];

/// `n` words, each from the section's words with probability `cited` in 8, else
/// from [`VOCABULARY`]; the first capitalized, without the final stop.
fn words(rng: &mut Rng, n: usize, section: &Section, cited: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let mut word = "a";
        // "A only buffer." would name choice A by letter.
        while word.len() < 2 {
            word = if rng.below(8) < cited {
                section.words[rng.below(section.words.len())].as_str()
            } else {
                rng.pick(&VOCABULARY)
            };
        }
        if i == 0 {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                out.push(c.to_ascii_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

/// A sentence of `lo..=hi` words ending in `stop`.
fn sentence(
    rng: &mut Rng,
    (lo, hi): (usize, usize),
    stop: char,
    s: &Section,
    cited: usize,
) -> String {
    let n = rng.between(lo, hi);
    let mut out = words(rng, n, s, cited);
    out.push(stop);
    out
}

fn question(rng: &mut Rng, file: usize, q: usize, sections: &[Section], out: &mut String) {
    let section = &sections[rng.below(sections.len())];
    let slug = rng.pick(TAGS);
    let _ = writeln!(out, "  - id: gen-{file:04}-{q:03}-{slug}");

    // A 1-2 sentence stem: on one line, or folded over several.
    let mut stem = sentence(rng, (7, 14), '.', section, 4);
    if rng.below(2) == 0 {
        stem.push(' ');
        stem.push_str(&sentence(rng, (4, 8), '?', section, 4));
    } else {
        stem.pop();
        stem.push('?');
    }
    if stem.len() > 100 {
        out.push_str("    question: >-\n");
        out.push_str(&wrap(&stem, "      "));
    } else {
        let _ = writeln!(out, "    question: {stem}");
    }

    // 4-5 distinct choices; a quarter of the questions give each choice a `why`.
    let count = rng.between(4, 5);
    let mut choices: Vec<String> = Vec::with_capacity(count);
    while choices.len() < count {
        let c = sentence(rng, (4, 5), '.', section, 2);
        if !choices.contains(&c) {
            choices.push(c);
        }
    }
    let with_why = rng.below(4) == 0;
    out.push_str("    choices:\n");
    for c in &choices {
        if with_why {
            let _ = writeln!(out, "      - text: {c}");
            let why = sentence(rng, (5, 10), '.', section, 2);
            let _ = writeln!(out, "        why: {why}");
        } else {
            let _ = writeln!(out, "      - {c}");
        }
    }

    // One letter, or a list of two or three distinct letters.
    let letter = |i: usize| char::from(b'A' + i as u8);
    if rng.below(4) == 0 {
        let mut picked: Vec<usize> = (0..count).collect();
        let keep = rng.between(2, 3);
        while picked.len() > keep {
            let drop = rng.below(picked.len());
            picked.remove(drop);
        }
        let letters: Vec<String> = picked.iter().map(|&i| letter(i).to_string()).collect();
        let _ = writeln!(out, "    answer: [{}]", letters.join(", "));
    } else {
        let _ = writeln!(out, "    answer: {}", letter(rng.below(count)));
    }

    out.push_str("    explanation: |\n");
    let length = rng.between(EXPLANATION.0, EXPLANATION.1);
    let mut text = String::new();
    while text.len() < length {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&sentence(rng, (8, 18), '.', section, 5));
    }
    out.push_str(&wrap(&text, "      "));

    let n = rng.between(2, 4);
    let url_title = words(rng, n, section, 0);
    let _ = write!(
        out,
        "    references:\n      - rfc: {}\n        section: \"{}\"\n\
         \x20       title: \"{}\"\n\
         \x20     - url: https://example.org/tls/{file:04}-{q:03}.html\n\
         \x20       title: {url_title}\n",
        section.rfc, section.id, section.heading
    );

    let first = rng.pick(TAGS);
    let mut second = rng.pick(TAGS);
    while second == first {
        second = rng.pick(TAGS);
    }
    let _ = writeln!(out, "    tags: [{first}, {second}]\n");
}

/// `text` wrapped at 88 columns after `indent`.
fn wrap(text: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > 88 {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}
