//! The words of a text for matching by meaning: lower-case tokens without stop
//! words, plurals folded. The near-duplicate rule and the RFC index both read text
//! through [`content_words`], so "Messages" in a stem meets "message" in an RFC.
//! And the other way, how quiz writes a count with its noun: [`plural`].

/// `1 question`, `17 questions`: a count with its noun, as a person writes it.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Calls `each` with every content word of `text`, in order, repeats included.
///
/// A word is a run of letters, digits and `_`; a `.` between digits stays inside it
/// (`1.3`, `7.4.1`). `pre_master_secret` gives itself and then `pre`, `master`,
/// `secret`, so that it meets both spellings. Stop words and one-character words
/// are left out; a plural `s` is dropped (`suites` → `suite`).
pub fn content_words(text: &str, mut each: impl FnMut(&str)) {
    // A word is a slice of `text`, read a byte at a time while it is ASCII; only a
    // word with capitals or letters beyond ASCII is copied, lower-cased, into `lower`.
    let bytes = text.as_bytes();
    let mut lower = String::new();
    let mut at = 0;
    while at < bytes.len() {
        // Spaces and punctuation, a byte at a time; a dot starts no word.
        if matches!(CLASS[usize::from(bytes[at])], SEPARATOR | DOT) {
            at += 1;
            continue;
        }
        let (end, plain, underscore) = word_end(text, at);
        if end == at {
            // A character beyond ASCII that is not a letter or digit: step over it.
            at += text[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let word = &text[at..end];
        if plain {
            emit(word, underscore, &mut each);
        } else {
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.extend(word.chars().flat_map(char::to_lowercase));
            }
            emit(&lower, underscore, &mut each);
        }
        at = end;
    }
}

/// What a byte is to [`word_end`].
const SEPARATOR: u8 = 0;
const LOWER_OR_DIGIT: u8 = 1;
const UPPER: u8 = 2;
const UNDERSCORE: u8 = 3;
const DOT: u8 = 4;
const BEYOND_ASCII: u8 = 5;

static CLASS: [u8; 256] = {
    let mut class = [SEPARATOR; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c.is_ascii_lowercase() || c.is_ascii_digit() {
            LOWER_OR_DIGIT
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c == b'_' {
            UNDERSCORE
        } else if c == b'.' {
            DOT
        } else if c >= 0x80 {
            BEYOND_ASCII
        } else {
            SEPARATOR
        };
        b += 1;
    }
    class
};

/// Where the word starting at `start` ends (`start` itself if none starts there),
/// whether it is already lower-case ASCII, and whether it has a `_`.
#[inline]
fn word_end(text: &str, start: usize) -> (usize, bool, bool) {
    let bytes = text.as_bytes();
    let (mut end, mut plain, mut underscore) = (start, true, false);
    while let Some(&b) = bytes.get(end) {
        // Most bytes of most words.
        if b.is_ascii_lowercase() {
            end += 1;
            continue;
        }
        match CLASS[usize::from(b)] {
            LOWER_OR_DIGIT => end += 1,
            UPPER => {
                plain = false;
                end += 1;
            }
            UNDERSCORE => {
                underscore = true;
                end += 1;
            }
            // `1.3`, `7.4.1`: a dot between digits.
            DOT if end > start
                && bytes[end - 1].is_ascii_digit()
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) =>
            {
                end += 1;
            }
            BEYOND_ASCII => match text[end..].chars().next() {
                Some(c) if c.is_alphanumeric() => {
                    plain = false;
                    end += c.len_utf8();
                }
                _ => break,
            },
            _ => break,
        }
    }
    (end, plain, underscore)
}

fn emit(word: &str, underscore: bool, each: &mut impl FnMut(&str)) {
    if !underscore {
        return keep(word, each);
    }
    let word = word.trim_matches('_');
    if word.contains('_') {
        keep(word, each);
        for part in word.split('_') {
            keep(part, each);
        }
    } else {
        keep(word, each);
    }
}

fn keep(word: &str, each: &mut impl FnMut(&str)) {
    let short = match word.len() {
        0 | 1 => true,
        // Two bytes may be one character (`é`).
        2..=4 => word.chars().count() < 2,
        _ => false,
    };
    if short || is_stop_word(word) {
        return;
    }
    each(singular(word));
}

/// `suites` → `suite`, `keys` → `key`; `class`, `tls`, `status` stay.
fn singular(word: &str) -> &str {
    let long = word.len() > 3;
    match word.strip_suffix('s') {
        Some(stem) if long && !stem.ends_with(['s', 'u', 'i']) => stem,
        _ => word,
    }
}

/// Function words and the words every quiz stem uses; sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "during", "each", "either", "for", "from", "further",
    "had", "has", "have", "having", "he", "her", "here", "his", "how", "i", "if", "in", "into",
    "is", "it", "its", "itself", "may", "more", "most", "must", "neither", "no", "nor", "not",
    "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "same",
    "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up",
    "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your",
];

/// The stop words packed as numbers ([`pack`]) in an open-addressing table built
/// at compile time: looking a word up hashes one number and compares a few.
static STOP_TABLE: [u64; STOP_SLOTS] = {
    let mut table = [0u64; STOP_SLOTS];
    let mut i = 0;
    while i < STOP_WORDS.len() {
        let packed = pack(STOP_WORDS[i].as_bytes());
        let mut slot = slot_of(packed);
        while table[slot] != 0 {
            slot = (slot + 1) % STOP_SLOTS;
        }
        table[slot] = packed;
        i += 1;
    }
    table
};

/// Four slots per stop word or more, so that probes are short.
const STOP_SLOTS: usize = 512;

const fn slot_of(packed: u64) -> usize {
    // Fibonacci hashing: the top 9 bits of the product.
    (packed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 55) as usize
}

/// A word of at most 8 bytes as one number. Words hold no NUL byte, so no two
/// pack alike, and none packs to 0 (an empty slot).
const fn pack(word: &[u8]) -> u64 {
    let mut n = 0u64;
    let mut i = 0;
    while i < word.len() {
        n = n << 8 | word[i] as u64;
        i += 1;
    }
    n
}

fn is_stop_word(word: &str) -> bool {
    // Every stop word has 1 to 8 bytes (a test checks it).
    if word.is_empty() || word.len() > 8 {
        return false;
    }
    let packed = pack(word.as_bytes());
    let mut slot = slot_of(packed);
    loop {
        match STOP_TABLE[slot] {
            0 => return false,
            p if p == packed => return true,
            _ => slot = (slot + 1) % STOP_SLOTS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        content_words(text, |w| out.push(w.to_owned()));
        out
    }

    #[test]
    fn stop_words_are_sorted_and_short() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        // Longer ones could not be packed, so would never be found.
        assert!(STOP_WORDS.iter().all(|w| w.len() <= 8));
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        assert!(!is_stop_word("ab") && !is_stop_word("withouts") && !is_stop_word("through-"));
    }

    #[test]
    fn reads_capitals_and_letters_beyond_ascii() {
        assert_eq!(words("Élan VITAL naïve"), ["élan", "vital", "naïve"]);
        assert_eq!(
            words("RFC 8446 §4.1.2: ÜBER-Cipher"),
            ["rfc", "8446", "4.1.2", "über", "cipher"]
        );
        assert_eq!(words("v1.3. 1.x 22."), ["v1.3", "22"]);
    }

    /// The first way words were read: a char at a time into a buffer.
    fn reference(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut chars = text.chars().peekable();
        let mut push = |word: &str| emit(word, true, &mut |w: &str| out.push(w.to_owned()));
        while let Some(c) = chars.next() {
            let digit_dot = c == '.'
                && word.chars().last().is_some_and(|l| l.is_ascii_digit())
                && chars.peek().is_some_and(char::is_ascii_digit);
            if c.is_alphanumeric() || c == '_' || digit_dot {
                word.extend(c.to_lowercase());
            } else if !word.is_empty() {
                push(&word);
                word.clear();
            }
        }
        if !word.is_empty() {
            push(&word);
        }
        out
    }

    #[test]
    fn reads_as_the_char_at_a_time_reader_did() {
        for text in [
            "Which messages carry the Cipher Suites? TLS 1.3 and §7.4.1.3.",
            "the pre_master_secret. __x__ a_b_ _under_ 1.2.3.4 v1..2 .5 5. x.5",
            "İstanbul ΣΑΣ straße ǅemal Ⅻ ²³ 1.²",
            "MixedCase and ALLCAPS, digits9 and 9digits; e-mail; x",
            "",
            ".",
            "ünïcödé_wörds_ÂND_CAPS",
            "中 中文 𠀀 𠀀𠀀 é é1 _é_ a_é",
            "through throughs WITHOUT Withouts x.1 1.x 1..1 1.1. ._. _1.2_",
        ] {
            assert_eq!(words(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn keeps_content_words_lower_case_and_singular() {
        assert_eq!(
            words("Which messages carry the Cipher Suites?"),
            ["message", "carry", "cipher", "suite"]
        );
        assert_eq!(words("TLS 1.3 and §7.4.1.3."), ["tls", "1.3", "7.4.1.3"]);
        assert_eq!(words("the class status"), ["class", "status"]);
    }

    #[test]
    fn splits_identifiers_and_keeps_them_whole() {
        assert_eq!(
            words("the pre_master_secret."),
            ["pre_master_secret", "pre", "master", "secret"]
        );
    }
}
