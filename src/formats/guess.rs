//! `quiz import FILE` without `--from`: the format told from the file's name and,
//! where a name is shared (Moodle exports GIFT as `.txt`; Moodle XML and QTI
//! items are both `.xml`), from its first bytes.

use super::Kind;
use std::path::Path;

/// How much of a file is looked at to tell its format: [`guess`] needs no more
/// of it than these first bytes.
pub const GUESS_BYTES: usize = 64 * 1024;

/// What the file was taken for, and whether the name alone settled it (when it
/// did not, the user is told what was assumed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess {
    pub kind: Kind,
    pub by_content: bool,
}

/// The format of `path` (a folder is an unpacked QTI package); None when
/// neither its name nor its content tells. `bytes` is the file's start (its
/// first [`GUESS_BYTES`] or more).
pub fn guess(path: &Path, is_dir: bool, bytes: &[u8]) -> Option<Guess> {
    let by_name = |kind| {
        Some(Guess {
            kind,
            by_content: false,
        })
    };
    let by_content = |kind| {
        Some(Guess {
            kind,
            by_content: true,
        })
    };
    if is_dir {
        return by_name(Kind::Qti);
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(GUESS_BYTES)]);
    match extension.as_deref() {
        Some("zip") => by_name(Kind::Qti),
        Some("gift") => by_name(Kind::Gift),
        Some("csv") => by_name(Kind::Csv),
        Some("xml") => {
            if head.contains("<assessmentItem") || head.contains("<manifest") {
                by_content(Kind::Qti)
            } else if head.contains("<quiz") {
                by_content(Kind::MoodleXml)
            } else {
                None
            }
        }
        Some("txt" | "text") | None => {
            if looks_like_gift(&head) {
                by_content(Kind::Gift)
            } else if looks_like_aiken(&head) {
                by_content(Kind::Aiken)
            } else {
                by_content(Kind::Text)
            }
        }
        Some(_) => None,
    }
}

/// A `::title::` at the start of a line, or answers in braces (`{=right ~wrong}`,
/// `{T}`).
fn looks_like_gift(text: &str) -> bool {
    let mut open = false;
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        if line.starts_with("::") {
            return true;
        }
        if let Some(at) = line.find('{') {
            open = true;
            let rest = line[at + 1..].trim_start();
            if rest.starts_with(['=', '~', '}']) || rest.starts_with("T}") || rest.starts_with("F}")
            {
                return true;
            }
        } else if open && line.starts_with(['=', '~']) {
            return true;
        }
        if line.contains('}') {
            open = false;
        }
    }
    false
}

/// Aiken as Moodle reads it: each question ends with `ANSWER: X` in capitals,
/// and nothing numbers the questions the way exam-dump pages do.
fn looks_like_aiken(text: &str) -> bool {
    let mut answers = 0;
    for line in text.lines() {
        let line = line.trim();
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("QUESTION") || upper.starts_with("CORRECT ANSWER") {
            return false;
        }
        if let Some(rest) = line.strip_prefix("ANSWER:") {
            let rest = rest.trim();
            if rest.len() != 1 || !rest.chars().all(|c| c.is_ascii_uppercase()) {
                return false;
            }
            answers += 1;
        } else if upper.starts_with("ANSWER") {
            return false;
        }
    }
    answers > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, text: &str) -> Option<(Kind, bool)> {
        guess(Path::new(name), false, text.as_bytes()).map(|g| (g.kind, g.by_content))
    }

    #[test]
    fn the_name_settles_gift_csv_and_packages() {
        assert_eq!(kind("a.gift", ""), Some((Kind::Gift, false)));
        assert_eq!(kind("a.CSV", ""), Some((Kind::Csv, false)));
        assert_eq!(kind("a.zip", ""), Some((Kind::Qti, false)));
        assert_eq!(
            guess(Path::new("unpacked"), true, b"").map(|g| g.kind),
            Some(Kind::Qti)
        );
        assert_eq!(kind("a.docx", "ANSWER: A"), None);
    }

    #[test]
    fn xml_is_told_by_its_root() {
        assert_eq!(
            kind("q.xml", "<?xml version=\"1.0\"?>\n<quiz>\n"),
            Some((Kind::MoodleXml, true))
        );
        assert_eq!(
            kind(
                "i.xml",
                "<assessmentItem xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\">"
            ),
            Some((Kind::Qti, true))
        );
        assert_eq!(kind("other.xml", "<html></html>"), None);
    }

    #[test]
    fn a_text_file_is_gift_aiken_or_an_exam_dump() {
        // Moodle exports GIFT as .txt.
        let gift = "// question: 1\n::Alert::Which type carries alerts? {\n=21\n~22\n}\n";
        assert_eq!(kind("moodle.txt", gift), Some((Kind::Gift, true)));
        assert_eq!(
            kind("tf.txt", "TLS 1.3 removed renegotiation. {T}\n"),
            Some((Kind::Gift, true))
        );
        let aiken = "Which type carries alerts?\nA. 21\nB. 22\nANSWER: A\n";
        assert_eq!(kind("aiken.txt", aiken), Some((Kind::Aiken, true)));
        let dump = "QUESTION 1\nWhich type carries alerts?\nA. 21\nB. 22\nAnswer: A\n";
        assert_eq!(kind("dump.txt", dump), Some((Kind::Text, true)));
        let two = "Which two?\nA. x\nB. y\nC. z\nANSWER: AC\n";
        assert_eq!(kind("two.txt", two), Some((Kind::Text, true)));
        assert_eq!(kind("pasted", dump), Some((Kind::Text, true)));
    }
}
