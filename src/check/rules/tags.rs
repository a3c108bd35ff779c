//! Tags: two spellings of one tag, differing only in case, in a run. Tags match
//! without regard to case (`--tag TLS13` picks `tls13`), so both pick the same
//! questions, but lists and stats show one of them, and the other is a slip.

use super::{Check, Rule};
use crate::bank::{Spanned, tag_key};
use crate::diagnostic::{Diagnostic, Pos, Severity};
use std::collections::{HashMap, HashSet};

pub const TAG_CASE: Rule = Rule {
    code: "tag-case",
    severity: Severity::Warning,
    summary: "a tag that differs only in case from a tag used before in the run, in any file; reported once per spelling, at its first use",
    flags: "`tags: [TLS13]` in b.yaml after `tags: [tls13]` in a.yaml",
    passes: "`tags: [tls13]` in both",
    check: Check::Run,
};

/// The tags of a run so far: each tag's first spelling and where it was, and the
/// other spellings already reported.
#[derive(Debug, Default)]
pub struct Tags {
    first: HashMap<String, (Box<str>, usize, Pos)>,
    paths: Vec<Box<str>>,
    reported: HashSet<Box<str>>,
}

impl Tags {
    /// The next file's tags (each spelling once, at its first use in the file);
    /// a warning for each new spelling of a tag seen before in another spelling.
    pub fn add(
        &mut self,
        path: &str,
        tags: Vec<Spanned<Box<str>>>,
        severity: Severity,
    ) -> Vec<Diagnostic> {
        let file = self.paths.len();
        self.paths.push(path.into());
        let mut out = Vec::new();
        for tag in tags {
            let spelling = tag.value.trim();
            let key = tag_key(spelling);
            match self.first.get(&key) {
                None => {
                    self.first.insert(key, (spelling.into(), file, tag.pos));
                }
                Some((first, at, pos)) => {
                    if &**first != spelling && self.reported.insert(spelling.into()) {
                        out.push(Diagnostic::new(
                            path,
                            tag.pos,
                            severity,
                            TAG_CASE.code,
                            format!(
                                "tag `{spelling}` differs only in case from `{first}` (at {}:{}:{}): both pick the same questions, since tags match without regard to case; write it one way",
                                self.paths[*at], pos.line, pos.col
                            ),
                        ));
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::codes;

    #[test]
    fn a_second_spelling_is_flagged_once() {
        assert_eq!(codes(&[]), Vec::<&str>::new());
        let two = "questions:
  - id: a
    question: Which message carries the chosen suite?
    choices: [ClientHello, ServerHello]
    answer: B
    explanation: x
    references: [{rfc: 5246}]
    tags: [tls13, TLS13, Tls13]
  - id: b
    question: Which record carries the alert?
    choices: [Handshake, Alert]
    answer: B
    explanation: x
    references: [{rfc: 5246}]
    tags: [TLS13, other]
";
        let mut diags = Vec::new();
        let banks: Vec<_> = crate::bank::read_bank("t.yaml", two.as_bytes(), &mut diags)
            .into_iter()
            .collect();
        let found = super::super::run(&banks);
        let messages: Vec<&str> = found
            .iter()
            .filter(|d| d.code == "tag-case")
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages.len(), 2, "{found:?}");
        assert!(
            messages[0]
                .starts_with("tag `TLS13` differs only in case from `tls13` (at t.yaml:8:12)"),
            "{}",
            messages[0]
        );
        assert!(messages[1].starts_with("tag `Tls13`"), "{}", messages[1]);
    }
}
