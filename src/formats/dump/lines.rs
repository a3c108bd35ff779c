//! What one line of an exam-dump page is: a question header, a choice label, an
//! answer, the start of an explanation, page residue, or text.

/// A line, classified.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Line<'t> {
    Blank,
    /// `QUESTION 12`, `NEW QUESTION 3`, `Question #5 Topic 1`: a question starts.
    Header,
    /// `B.`, `B)`, `(B)`, with the text after it (empty when it is on the next line).
    Choice {
        label: char,
        text: &'t str,
    },
    /// `Answer: C`, `Correct Answer: AC`, `Suggested Answer: A, C`: what follows the colon.
    Answer(&'t str),
    /// `Explanation:`, `Explanation/Reference:`, with any text after the colon.
    Explanation(&'t str),
    /// `Reference:` / `References:` lines after an answer belong to the explanation.
    Reference,
    /// A comment form, share buttons, "Leave a Reply": the question's page is over.
    Residue,
    /// Buttons and labels inside a question ("Reveal Solution", "Topic 1",
    /// "Community vote distribution"): skipped wherever they are.
    Noise,
    Text(&'t str),
}

/// Lines after which the page holds no more of the question.
const RESIDUE: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "leave a reply cancel reply",
    "cancel reply",
    "post comment",
    "submit comment",
    "your email address will not be published",
    "required fields are marked",
    "comment *",
    "comment",
    "name *",
    "email *",
    "website",
    "save my name, email, and website in this browser for the next time i comment",
    "you must be logged in to post a comment",
    "share this",
    "share this:",
    "share on",
    "share",
    "like this:",
    "like this",
    "related",
    "related posts",
    "related posts:",
    "previous post",
    "next post",
    "previous question",
    "next question",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "telegram",
    "email",
    "print",
    "tweet",
    "copyright",
    "all rights reserved",
    "privacy policy",
    "terms of use",
];

/// Prefixes of residue lines that go on with more words.
const RESIDUE_STARTS: &[&str] = &[
    "leave a reply",
    "your email address will not be published",
    "save my name, email",
    "you must be logged in",
    "share this",
    "share on ",
    "posted in ",
    "tagged ",
    "related posts",
    "copyright ",
    "© ",
    "click to share",
    "click to email",
    "click to print",
    "this entry was posted",
    "« previous",
    "next »",
];

/// Buttons and labels to skip.
const NOISE: &[&str] = &[
    "reveal solution",
    "hide solution",
    "show answer",
    "hide answer",
    "show suggested answer",
    "hide suggested answer",
    "community vote distribution",
    "discussion",
    "report",
    "upvote",
    "most voted",
    "section: (none)",
    "loading...",
];

pub(super) fn classify(raw: &str) -> Line<'_> {
    let line = raw.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches([':', '.', '!']).trim();
    if NOISE.contains(&lower.as_str()) || NOISE.contains(&bare) || is_topic(bare) || is_vote(line) {
        return Line::Noise;
    }
    if RESIDUE.contains(&lower.as_str())
        || RESIDUE.contains(&bare)
        || RESIDUE_STARTS.iter().any(|s| lower.starts_with(s))
    {
        return Line::Residue;
    }
    if is_header(&lower) {
        return Line::Header;
    }
    if let Some(rest) = after_label(line, &lower, &["explanation/reference", "explanation"]) {
        return Line::Explanation(rest);
    }
    if lower == "explanation" {
        return Line::Explanation("");
    }
    if after_label(line, &lower, &["references", "reference"]).is_some() {
        return Line::Reference;
    }
    let answer_labels = [
        "correct answers",
        "correct answer",
        "suggested answers",
        "suggested answer",
        "right answer",
        "answers",
        "answer",
    ];
    if let Some(rest) = after_label(line, &lower, &answer_labels) {
        return Line::Answer(rest);
    }
    if let Some((label, text)) = choice(line) {
        return Line::Choice { label, text };
    }
    Line::Text(line)
}

/// The text after `label:` (or `label :`) when the line starts with one of `labels`.
fn after_label<'t>(line: &'t str, lower: &str, labels: &[&str]) -> Option<&'t str> {
    for label in labels {
        if let Some(rest) = lower.strip_prefix(label) {
            let rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix(':') {
                let skip = lower.len() - after.len();
                return Some(line.get(skip..).unwrap_or("").trim());
            }
        }
    }
    None
}

/// `A. text`, `A) text`, `(A) text`, or the label alone; upper or lower case.
fn choice(line: &str) -> Option<(char, &str)> {
    let (label, rest) = if let Some(inner) = line.strip_prefix('(') {
        let mut chars = inner.chars();
        let label = chars.next()?;
        (label, chars.as_str().strip_prefix(')')?)
    } else {
        let mut chars = line.chars();
        let label = chars.next()?;
        let rest = chars.as_str();
        (label, rest.strip_prefix(['.', ')'])?)
    };
    if !label.is_ascii_alphabetic() || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some((label, rest.trim()))
}

/// `question 12`, `new question 3`, `question #5 topic 1`, `question no: 7`, `q12`,
/// `question 4 of 50`.
fn is_header(lower: &str) -> bool {
    let rest = lower.strip_prefix("new ").unwrap_or(lower).trim_start();
    let Some(rest) = rest
        .strip_prefix("question")
        .or_else(|| rest.strip_prefix('q'))
    else {
        return false;
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("no.")
        .or_else(|| rest.strip_prefix("no"))
        .unwrap_or(rest);
    let rest = rest.trim_start_matches(['#', ':', '.', ' ']);
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let tail = rest[digits..].trim_start_matches([':', '.', ')', '-', ' ']);
    tail.is_empty()
        || is_topic(tail)
        || tail
            .strip_prefix("of ")
            .is_some_and(|n| !n.is_empty() && n.trim().chars().all(|c| c.is_ascii_digit()))
}

/// `topic 1`, `topic #: 2`.
fn is_topic(lower: &str) -> bool {
    lower.strip_prefix("topic").is_some_and(|n| {
        let n = n.trim_start_matches(['#', ':', ' ']);
        !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())
    })
}

/// A vote tally: `C (100%)`, `AC (67%) BD (33%)`.
fn is_vote(line: &str) -> bool {
    line.ends_with("%)")
        && line
            .split(['(', ')', ' ', '%'])
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            })
}

/// The letters of an answer: `C`, `AC`, `A, C`, `A and C`, `B D`; a trailing
/// explanation in parentheses or after a full stop is left out. None when anything
/// else is there.
pub(super) fn answer_letters(text: &str) -> Option<Vec<char>> {
    let text = text
        .split(['(', '–', '—'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    let mut out = Vec::new();
    for word in text.split([' ', ',', ';', '&', '/', '\t']) {
        // `and`, and the emoji some sites put after the letters.
        if word.eq_ignore_ascii_case("and") || !word.chars().any(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        if !word.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        out.extend(word.chars());
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_classified() {
        assert_eq!(classify("  "), Line::Blank);
        for header in [
            "QUESTION 12",
            "NEW QUESTION 3",
            "Question #5 Topic 1",
            "Question #: 5",
            "QUESTION NO: 7",
            "Q12",
            "Question 4 of 50",
        ] {
            assert_eq!(classify(header), Line::Header, "{header}");
        }
        assert_eq!(
            classify("Question 4 asks about TLS"),
            Line::Text("Question 4 asks about TLS")
        );
        assert_eq!(
            classify("B. ServerHello"),
            Line::Choice {
                label: 'B',
                text: "ServerHello"
            }
        );
        assert_eq!(
            classify("C)"),
            Line::Choice {
                label: 'C',
                text: ""
            }
        );
        assert_eq!(
            classify("(d) x"),
            Line::Choice {
                label: 'd',
                text: "x"
            }
        );
        assert_eq!(
            classify("A.B. Smith said so"),
            Line::Text("A.B. Smith said so")
        );
        assert_eq!(classify("Correct Answer: AC"), Line::Answer("AC"));
        assert_eq!(classify("Answer : B"), Line::Answer("B"));
        assert_eq!(classify("Suggested Answer: D 🗳️"), Line::Answer("D 🗳️"));
        assert_eq!(
            classify("Explanation: Because."),
            Line::Explanation("Because.")
        );
        assert_eq!(classify("Explanation/Reference:"), Line::Explanation(""));
        assert_eq!(classify("Explanation"), Line::Explanation(""));
        assert_eq!(classify("Reference: https://x.org"), Line::Reference);
        assert_eq!(classify("Leave a Reply Cancel reply"), Line::Residue);
        assert_eq!(
            classify("Your email address will not be published. Required fields are marked *"),
            Line::Residue
        );
        assert_eq!(classify("Facebook"), Line::Residue);
        assert_eq!(classify("Reveal Solution"), Line::Noise);
        assert_eq!(classify("Topic 1"), Line::Noise);
        assert_eq!(classify("C (100%)"), Line::Noise);
    }

    #[test]
    fn answers_are_read_in_their_spellings() {
        assert_eq!(answer_letters("C"), Some(vec!['C']));
        assert_eq!(answer_letters("AC"), Some(vec!['A', 'C']));
        assert_eq!(answer_letters("A, C and E."), Some(vec!['A', 'C', 'E']));
        assert_eq!(answer_letters("B (see RFC 5246)"), Some(vec!['B']));
        assert_eq!(answer_letters("Option B"), None);
        assert_eq!(answer_letters(""), None);
    }
}
