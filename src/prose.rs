//! How quiz reads an author's prose: the line breaks inside a paragraph are only
//! where the author's editor wrapped, so the screen and the exports join them, while
//! blank lines, list items and indented lines keep their own lines.

/// An explanation as paragraphs: the author's line breaks inside a paragraph are
/// joined (the front wraps to the reader's width), while blank lines, list items
/// (`- `, `* `, `1. `) and indented lines keep their own lines.
pub fn reflow(text: &str) -> Vec<String> {
    let starts_own_line = |line: &str| {
        let t = line.trim_start();
        line.starts_with([' ', '\t'])
            || t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with("• ")
            || t.split_once(['.', ')']).is_some_and(|(n, rest)| {
                !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
            })
    };
    let mut out: Vec<String> = Vec::new();
    let mut joinable = false;
    for line in text.trim_end().lines() {
        let line = line.trim_end();
        if line.is_empty() {
            out.push(String::new());
            joinable = false;
        } else if joinable && !starts_own_line(line) {
            if let Some(last) = out.last_mut() {
                last.push(' ');
                last.push_str(line.trim_start());
            }
        } else {
            out.push(line.to_owned());
            joinable = true;
        }
    }
    out
}

/// [`reflow`]'s lines as one text.
pub fn reflowed(text: &str) -> String {
    reflow(text).join("\n")
}

/// Whether feedback says no more than "right" (or "wrong", when `right` is false),
/// which the ✓ or ✗ beside the choice already says.
pub fn only_says(why: &str, right: bool) -> bool {
    let word = why.trim().trim_end_matches(['.', '!']).to_lowercase();
    let words: &[&str] = if right {
        &["correct", "right", "true", "yes"]
    } else {
        &["wrong", "incorrect", "not right", "false", "no"]
    };
    words.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_joined_and_lists_kept() {
        let text =
            "One line\nstill the same.\n\nA list:\n- first\n- second\n  indented\n1. numbered\n";
        assert_eq!(
            reflow(text),
            [
                "One line still the same.",
                "",
                "A list:",
                "- first",
                "- second",
                "  indented",
                "1. numbered"
            ]
        );
    }

    #[test]
    fn feedback_that_only_repeats_the_mark_is_left_out() {
        assert!(only_says("Correct.", true));
        assert!(only_says(" wrong! ", false));
        assert!(
            !only_says("Correct.", false),
            "a wrong mark with \"Correct\" is news"
        );
        assert!(!only_says(
            "Wrong: TLS 1.3 has no ServerKeyExchange.",
            false
        ));
    }
}
