//! The words of a text for matching by meaning: lower-case tokens without stop
//! words, plurals folded. The near-duplicate rule and the RFC index both read text
//! through [`content_words`], so "Messages" in a stem meets "message" in an RFC.

/// Calls `each` with every content word of `text`, in order, repeats included.
///
/// A word is a run of letters, digits and `_`; a `.` between digits stays inside it
/// (`1.3`, `7.4.1`). `pre_master_secret` gives itself and then `pre`, `master`,
/// `secret`, so that it meets both spellings. Stop words and one-character words
/// are left out; a plural `s` is dropped (`suites` → `suite`).
pub fn content_words(text: &str, mut each: impl FnMut(&str)) {
    let mut word = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let digit_dot = c == '.'
            && word.chars().last().is_some_and(|l| l.is_ascii_digit())
            && chars.peek().is_some_and(char::is_ascii_digit);
        if c.is_alphanumeric() || c == '_' || digit_dot {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            emit(&word, &mut each);
            word.clear();
        }
    }
    if !word.is_empty() {
        emit(&word, &mut each);
    }
}

fn emit(word: &str, each: &mut impl FnMut(&str)) {
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
    if word.chars().count() < 2 || is_stop_word(word) {
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

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
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
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
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
