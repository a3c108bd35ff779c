//! The id proposed for a new question: a slug of the first words of its stem.

/// The most words, and characters, of an id proposed from a stem.
const ID_MAX_WORDS: usize = 6;
const ID_MAX_CHARS: usize = 40;

/// An id for a question with this stem: a slug of its first words (at most six,
/// and 40 characters), made unique against `taken` with `-2`, `-3`…
///
/// "Which message carries the chosen suite?" → `which-message-carries-the-chosen-suite`.
pub fn propose_id(stem: &str, taken: &[String]) -> String {
    let words = slug_words(stem);
    let mut picked: Vec<&str> = Vec::new();
    let mut len = 0;
    for word in &words {
        let added = if picked.is_empty() {
            word.len()
        } else {
            word.len() + 1
        };
        if picked.len() == ID_MAX_WORDS || len + added > ID_MAX_CHARS {
            break;
        }
        picked.push(word);
        len += added;
    }
    let cut = picked.len() < words.len();
    // A slug cut short does not end on "the" or "of".
    while cut && picked.len() > 1 && picked.last().is_some_and(|w| STOP_WORDS.contains(w)) {
        picked.pop();
    }
    let mut base = picked.join("-");
    if base.is_empty() {
        // The first word alone is longer than an id may be.
        base = words
            .first()
            .map(|w| w.chars().take(ID_MAX_CHARS).collect::<String>())
            .unwrap_or_default();
        base = base.trim_end_matches(['-', '.', '_']).to_owned();
    }
    if base.is_empty() {
        base = "question".to_owned();
    }
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "is", "of", "on", "or", "that",
    "the", "to", "with",
];

/// Lower-case ASCII words of `stem`: accents dropped, apostrophes joined
/// (`server's` → `servers`), a dot kept between digits (`1.3`).
fn slug_words(stem: &str) -> Vec<String> {
    let chars: Vec<char> = stem.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        if let Some(ascii) = fold(c) {
            word.push_str(ascii);
        } else if matches!(c, '\'' | '’')
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric)
        {
            // server's → servers
        } else if c == '.'
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            word.push('.');
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `c` as lower-case ASCII letters or digits, or None for a separator.
fn fold(c: char) -> Option<&'static str> {
    const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    if c.is_ascii_alphanumeric() {
        let lower = c.to_ascii_lowercase();
        let at = ASCII.find(lower)?;
        return ASCII.get(at..at + 1);
    }
    let folded = match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(folded)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::author::field_problem;
    use crate::author::testing::draft;

    #[test]
    fn proposes_a_slug_of_the_stem() {
        let id = propose_id("Which message carries the chosen suite?", &[]);
        assert_eq!(id, "which-message-carries-the-chosen-suite");
        assert_eq!(
            propose_id(
                "What does TLS 1.3 remove from the handshake of TLS 1.2?",
                &[]
            ),
            "what-does-tls-1.3-remove"
        );
        assert_eq!(
            propose_id("Why is the server's key used?", &[]),
            "why-is-the-servers-key-used"
        );
        assert_eq!(
            propose_id("Qu'est-ce que l'échange de clés ?", &[]),
            "quest-ce-que-lechange-de-cles"
        );
        assert_eq!(propose_id("  ¿¡?!  ", &[]), "question");
        assert_eq!(propose_id("", &[]), "question");
        assert_eq!(propose_id("RSA", &[]), "rsa");
    }

    #[test]
    fn a_proposed_id_is_short_and_does_not_end_on_a_small_word() {
        // Six words would end on "of"; the slug stops before it.
        assert_eq!(
            propose_id("Which of the following is one of the steps?", &[]),
            "which-of-the-following-is-one"
        );
        assert_eq!(
            propose_id("Which one is the purpose of the Finished message?", &[]),
            "which-one-is-the-purpose"
        );
        let long = propose_id(
            "Internationalization considerations notwithstanding, cryptographic agility matters",
            &[],
        );
        assert!(long.len() <= ID_MAX_CHARS, "{long}");
        assert_eq!(long, "internationalization-considerations");
        let one_word = propose_id(&"x".repeat(100), &[]);
        assert_eq!(one_word.len(), ID_MAX_CHARS);
    }

    #[test]
    fn a_proposed_id_is_unique_in_the_file() {
        let taken = vec!["rsa".to_owned(), "rsa-2".to_owned()];
        assert_eq!(propose_id("RSA?", &taken), "rsa-3");
        assert_eq!(propose_id("DH?", &taken), "dh");
    }

    #[test]
    fn a_proposed_id_passes_the_id_rule() {
        for stem in [
            "Ça va?",
            "α β γ",
            "A_b.c-d",
            "1.2.3",
            "x..y",
            "--",
            "🎉 party",
        ] {
            let mut d = draft();
            d.id = propose_id(stem, &[]);
            assert!(
                field_problem(&d, &["invalid-id"]).is_none(),
                "{stem:?} gave {:?}",
                d.id
            );
        }
    }
}
