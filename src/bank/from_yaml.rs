//! Node tree to question model, reporting every shape problem on the way.
//!
//! A question that lacks a required key, or has one of the wrong type, is left out
//! of the bank after its problems are reported, so that `check`'s rules only ever
//! see whole questions.

use super::kind::{Kind, choice};
use super::reader::Reader;
use super::yaml::{Node, Value};
use super::{Bank, Question, Reference, Spanned, Target};
use crate::diagnostic::{Diagnostic, Pos, suggest};
use std::sync::LazyLock;

const BANK_KEYS: &[&str] = &["title", "questions"];
/// The keys every question has, whatever its kind.
pub const COMMON_KEYS: &[&str] = &[
    "id",
    "kind",
    "question",
    "exhibit",
    "image",
    "alt",
    "explanation",
    "references",
    "tags",
    "allow",
];
const REFERENCE_KEYS: &[&str] = &["rfc", "section", "url", "title"];

/// Every key a question may have: the common ones, then each kind's, once.
static QUESTION_KEYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut keys: Vec<&'static str> = COMMON_KEYS.to_vec();
    for kind in Kind::ALL {
        for key in kind.keys() {
            if !keys.contains(key) {
                keys.push(key);
            }
        }
    }
    keys
});

/// Other names of the kinds (Moodle's and QTI's, and the obvious), for "did
/// you mean": lower case, without hyphens, underscores or spaces.
const KIND_WORDS: &[(&str, Kind)] = &[
    ("multichoice", Kind::Choice),
    ("multiplechoice", Kind::Choice),
    ("truefalse", Kind::Choice),
    ("ordering", Kind::Order),
    ("sequence", Kind::Order),
    ("matching", Kind::Match),
    ("numerical", Kind::Number),
    ("numeric", Kind::Number),
    ("shortanswer", Kind::Text),
    ("short", Kind::Text),
    ("essay", Kind::Open),
    ("extendedtext", Kind::Open),
];

/// Whether `word` is a key of the bank format.
fn is_key(word: &str) -> bool {
    [BANK_KEYS, &QUESTION_KEYS, choice::ITEM_KEYS, REFERENCE_KEYS]
        .iter()
        .any(|keys| keys.contains(&word))
}

pub(super) fn bank(
    path: &str,
    name: &str,
    root: &Node,
    diags: &mut Vec<Diagnostic>,
) -> Option<Bank> {
    let mut r = Reader::new(path, diags);
    if matches!(root.value, Value::Null) {
        r.error(
            root.pos,
            "empty-bank",
            "the file is empty: a bank needs a `questions` list",
        );
        return None;
    }
    let fields = r.map(root, "a bank", BANK_KEYS)?;
    let title = fields.get("title").and_then(|n| r.text(n, "title"));
    let Some(list_node) = fields.get("questions") else {
        r.error(
            root.pos,
            "missing-key",
            "missing key `questions`: a bank needs a list of questions",
        );
        return None;
    };
    let items = r.list(list_node, "questions", "a list of questions")?;
    if items.is_empty() {
        r.error(
            list_node.pos,
            "empty-bank",
            "`questions` is empty: a bank needs at least one question",
        );
        return None;
    }
    let questions = items.iter().filter_map(|n| r.question(n)).collect();
    Some(Bank {
        path: path.to_owned(),
        name: name.to_owned(),
        title,
        questions,
    })
}

impl Reader<'_> {
    fn question(&mut self, node: &Node) -> Option<Question> {
        let f = self.map(node, "a question", &QUESTION_KEYS)?;
        // Read every key before giving up on a missing one, so all problems show.
        let id = self
            .required(&f, node, "a question", "id")
            .and_then(|n| self.text(n, "id"));
        let question = self
            .required(&f, node, "a question", "question")
            .and_then(|n| {
                self.folded(n, "the stem");
                self.text(n, "question")
            });
        let exhibit = self.optional_text(f.get("exhibit"), "exhibit");
        let image = self.optional_text(f.get("image"), "image");
        let alt = self.optional_text(f.get("alt"), "alt");
        let kind = match f.get("kind") {
            None => Some((Kind::Choice, false)),
            Some(n) => self.kind(n).map(|k| (k, true)),
        };
        if let Some((kind, written)) = kind {
            for (key, pos) in f.keys() {
                if COMMON_KEYS.contains(&key) || kind.keys().contains(&key) {
                    continue;
                }
                let owners: Vec<String> = Kind::having(key)
                    .iter()
                    .map(|k| format!("`{}`", k.name()))
                    .collect();
                let kinds = if owners.len() == 1 { "kind" } else { "kinds" };
                let fix = match (written, Kind::having(key).as_slice()) {
                    (false, [only]) => format!(
                        " (the default, with no `kind` key): write `kind: {}` if it is one",
                        only.name()
                    ),
                    _ => String::new(),
                };
                self.error(
                    pos,
                    "unknown-key",
                    format!(
                        "`{key}` belongs to {kinds} {}; this question is kind `{}`{fix}",
                        owners.join(" and "),
                        kind.name()
                    ),
                );
            }
        }
        let body = kind.and_then(|(kind, _)| kind.read(self, &f, node));
        let explanation = self.optional_text(f.get("explanation"), "explanation");
        let references = f.get("references").map(|n| self.references(n));
        let tags = f.get("tags").map(|n| self.tags(n));
        let allow = f
            .get("allow")
            .map(|n| self.words(n, "allow", "a list of rule codes"));
        Some(Question {
            pos: node.pos,
            id: id?,
            question: question?,
            exhibit,
            image,
            alt,
            body: body?,
            explanation,
            references: references.unwrap_or(Some(Vec::new()))?,
            tags: tags.unwrap_or(Some(Vec::new()))?,
            allow: allow.unwrap_or(Some(Vec::new()))?,
        })
    }

    /// The `kind` of a question: one of the kinds' names.
    fn kind(&mut self, node: &Node) -> Option<Kind> {
        let name = self.text(node, "kind")?;
        let written = name.value.trim();
        if let Some(kind) = Kind::from_name(written) {
            return Some(kind);
        }
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        // What other tools call them (Moodle, QTI), and near spellings.
        let lower = written.to_lowercase();
        let known = KIND_WORDS
            .iter()
            .find(|(word, _)| lower.replace(['-', '_', ' '], "") == *word)
            .map(|(_, kind)| kind.name());
        let hint = match known.or_else(|| suggest(written, &names)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("a question's kind is one of: {}", names.join(", ")),
        };
        self.error(
            node.pos,
            "unknown-kind",
            format!("`kind: {written}` is not a kind of question; {hint}"),
        );
        None
    }

    /// Warns when `node`, a plain text written over several lines, holds on a later
    /// line what reads as a list item (`- SYN, ACK`) or a key (`pin:true`): YAML
    /// folded that line into the text (it is indented deeper than the items or keys
    /// beside it), and the author most likely meant it as an item or key of its own.
    pub(crate) fn folded(&mut self, node: &Node, what: &str) {
        let Some(lines) = &node.folded else { return };
        for (i, line) in lines.split('\n').enumerate().skip(1) {
            let body = line.trim();
            let reads_as = if body == "-" || body.starts_with("- ") {
                "a list item"
            } else if body.split_once(':').is_some_and(|(key, _)| is_key(key)) {
                "a key"
            } else {
                continue;
            };
            let indent = line.len() - line.trim_start().len();
            let at = Pos::new(
                node.pos
                    .line
                    .saturating_add(u32::try_from(i).unwrap_or(u32::MAX)),
                u32::try_from(indent + 1).unwrap_or(u32::MAX),
            );
            let fix = if reads_as == "a key" {
                "a key lines up with the keys beside it and has a space after its `:`; write it so"
            } else {
                "it is indented deeper than the `- ` items beside it; line it up with them"
            };
            self.warning(
                at,
                "folded-item",
                format!(
                    "`{body}` reads as {reads_as}, but YAML folded it into the text of {what} above: {fix}, or put the text in quotes if the line belongs to it"
                ),
            );
            return;
        }
    }

    fn references(&mut self, node: &Node) -> Option<Vec<Reference>> {
        let items = self.list(node, "references", "a list of references")?;
        Some(items.iter().filter_map(|n| self.reference(n)).collect())
    }

    fn reference(&mut self, node: &Node) -> Option<Reference> {
        let f = self.map(node, "a reference", REFERENCE_KEYS)?;
        let title = self.optional_text(f.get("title"), "title");
        let target = match (f.get("rfc"), f.get("url")) {
            (Some(rfc), None) => {
                let number = self.text(rfc, "rfc")?;
                let section = self.optional_text(f.get("section"), "section");
                Target::Rfc { number, section }
            }
            (None, Some(url)) => {
                if let Some(section) = f.get("section") {
                    self.error(
                        section.pos,
                        "unknown-key",
                        "`section` belongs to an `rfc` reference, not a `url` one",
                    );
                }
                Target::Url(self.text(url, "url")?)
            }
            (Some(_), Some(url)) => {
                self.error(
                    url.pos,
                    "invalid-reference",
                    "a reference has either `rfc` or `url`, not both",
                );
                return None;
            }
            (None, None) => {
                self.error(
                    node.pos,
                    "invalid-reference",
                    "a reference needs `rfc` (with an optional `section`) or `url`",
                );
                return None;
            }
        };
        Some(Reference {
            pos: node.pos,
            target,
            title,
        })
    }

    fn tags(&mut self, node: &Node) -> Option<Vec<Spanned<String>>> {
        self.words(node, "tags", "a list of tags")
    }
}

#[cfg(test)]
mod tests {
    use crate::bank::read_bank;

    /// The (line, col, code) of every problem loading `text` finds.
    fn problems(text: &str) -> Vec<(u32, u32, &'static str)> {
        let mut diags = Vec::new();
        read_bank("t.yaml", text.as_bytes(), &mut diags);
        diags.iter().map(|d| (d.line, d.col, d.code)).collect()
    }

    const ONE: &str =
        "questions:\n  - id: a\n    question: Q?\n    choices: [x, y]\n    answer: A\n";

    #[test]
    fn unknown_keys_anywhere() {
        assert_eq!(
            problems(&format!("titel: T\n{ONE}")),
            [(1, 1, "unknown-key")]
        );
        assert_eq!(
            problems(&ONE.replace("answer:", "answr:")),
            [(5, 5, "unknown-key"), (2, 5, "missing-key")]
        );
        assert_eq!(
            problems(&ONE.replace("[x, y]", "[x, {text: y, wy: z}]")),
            [(4, 28, "unknown-key")]
        );
    }

    #[test]
    fn wrong_types_point_at_the_value() {
        assert_eq!(problems("questions: {a: 1}\n"), [(1, 12, "wrong-type")]);
        assert_eq!(
            problems(&ONE.replace("question: Q?", "question: [Q]")),
            [(3, 15, "wrong-type")]
        );
        assert_eq!(
            problems(&ONE.replace("answer: A", "answer: {A: 1}")),
            [(5, 13, "wrong-type")]
        );
        assert_eq!(
            problems(&format!("{ONE}    multi: 2\n")),
            [(6, 12, "wrong-type")]
        );
    }

    #[test]
    fn a_string_for_a_list_of_tags_shows_the_fix_and_keeps_the_question() {
        let mut diags = Vec::new();
        let text = format!("{ONE}    tags: pki, tls\n");
        let bank = read_bank("t.yaml", text.as_bytes(), &mut diags).expect("a bank");
        assert_eq!(
            diags[0].message,
            "`tags` must be a list of tags, found a string: write `tags: [pki, tls]`"
        );
        let tags: Vec<&str> = bank.questions[0]
            .tags
            .iter()
            .map(|t| t.value.as_str())
            .collect();
        assert_eq!(tags, ["pki", "tls"]);
    }

    #[test]
    fn every_missing_key_is_named() {
        assert_eq!(
            problems("questions:\n  - id: a\n"),
            [
                (2, 5, "missing-key"),
                (2, 5, "missing-key"),
                (2, 5, "missing-key")
            ]
        );
        assert_eq!(problems("title: T\n"), [(1, 1, "missing-key")]);
    }

    #[test]
    fn a_reference_is_rfc_or_url() {
        let with = |r: &str| format!("{ONE}    references:\n      - {r}\n");
        assert_eq!(problems(&with("{title: T}")), [(7, 9, "invalid-reference")]);
        assert_eq!(
            problems(&with("{rfc: 1, url: https://x.org}")),
            [(7, 23, "invalid-reference")]
        );
        assert_eq!(
            problems(&with("{url: https://x.org, section: 1}")),
            [(7, 39, "unknown-key")]
        );
        assert!(problems(&with("{rfc: 8446, section: B.4}")).is_empty());
    }

    #[test]
    fn scalars_keep_their_spelling() {
        let mut diags = Vec::new();
        let text = format!("{ONE}    references:\n      - {{rfc: 5246, section: 10.10}}\n")
            .replace("[x, y]", "[1024, yes]");
        let bank = read_bank("t.yaml", text.as_bytes(), &mut diags).expect("a bank");
        let q = &bank.questions[0];
        assert_eq!(q.as_choice().choices.value[0].text.value, "1024");
        assert_eq!(q.as_choice().choices.value[1].text.value, "yes");
        assert_eq!(q.references[0].label(), "RFC 5246 §10.10");
    }

    /// The messages of every problem loading `text` finds.
    fn messages(text: &str) -> Vec<String> {
        let mut diags = Vec::new();
        read_bank("t.yaml", text.as_bytes(), &mut diags);
        diags.into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_question_without_kind_is_a_choice_question() {
        let mut diags = Vec::new();
        let bank = read_bank("t.yaml", ONE.as_bytes(), &mut diags).expect("a bank");
        assert!(diags.is_empty());
        assert_eq!(bank.questions[0].kind(), crate::bank::Kind::Choice);
        let explicit = ONE.replace("    question:", "    kind: choice\n    question:");
        assert!(problems(&explicit).is_empty());
    }

    #[test]
    fn a_key_of_another_kind_says_whose_it_is() {
        assert_eq!(
            messages(&format!("{ONE}    items: [a, b, c]\n")),
            [
                "`items` belongs to kind `order`; this question is kind `choice` (the default, with no `kind` key): write `kind: order` if it is one"
            ]
        );
        let order = "questions:\n  - id: o\n    kind: order\n    question: Q?\n    items: [a, b, c]\n    shuffle: false\n";
        assert_eq!(
            messages(order),
            ["`shuffle` belongs to kinds `choice` and `match`; this question is kind `order`"]
        );
        assert_eq!(problems(order), [(6, 5, "unknown-key")]);
        // A missing key of its own kind is missing; a key no kind has is unknown.
        let number =
            "questions:\n  - id: n\n    kind: number\n    question: Q?\n    tolerence: 1\n";
        assert_eq!(
            messages(number),
            [
                "unknown key `tolerence` in a question; did you mean `tolerance`?",
                "missing key `answer` in a number question"
            ]
        );
    }

    #[test]
    fn an_unknown_kind_is_named_with_the_nearest() {
        let text = ONE.replace("    question:", "    kind: ordering\n    question:");
        assert_eq!(problems(&text), [(3, 11, "unknown-kind")]);
        assert_eq!(
            messages(&text),
            ["`kind: ordering` is not a kind of question; did you mean `order`?"]
        );
    }

    #[test]
    fn every_kind_reads_its_keys_as_text() {
        let text = "questions:
  - id: m
    kind: match
    question: Q?
    pairs:
      - 1024: 10.10
      - yes: no
    extra: [3.0]
    shuffle: false
  - id: n
    kind: number
    question: Q?
    answer: 16384
    tolerance: 1%
  - id: t
    kind: text
    question: Q?
    answer: SNI
    case: sensitive
  - id: p
    kind: open
    question: Q?
    answer: |
      Two lines
      of a model answer.
";
        let mut diags = Vec::new();
        let bank = read_bank("t.yaml", text.as_bytes(), &mut diags).expect("a bank");
        assert!(diags.is_empty(), "{diags:?}");
        use crate::bank::Body;
        let Body::Match(m) = &bank.questions[0].body else {
            panic!("a match")
        };
        let pairs: Vec<(&str, &str)> = m
            .pairs
            .value
            .iter()
            .map(|p| (p.premise.value.as_str(), p.response.value.as_str()))
            .collect();
        assert_eq!(pairs, [("1024", "10.10"), ("yes", "no")]);
        assert_eq!(m.extra[0].value, "3.0");
        assert!(!m.shuffle);
        let Body::Number(n) = &bank.questions[1].body else {
            panic!("a number")
        };
        assert_eq!(n.answer.value, "16384");
        assert_eq!(n.tolerance.as_ref().map(|t| t.value.as_str()), Some("1%"));
        let Body::Text(t) = &bank.questions[2].body else {
            panic!("a text")
        };
        assert!(t.case_sensitive && t.answer.value[0].value == "SNI");
        let Body::Open(o) = &bank.questions[3].body else {
            panic!("an open")
        };
        assert_eq!(o.answer.value, "Two lines\nof a model answer.\n");
    }

    #[test]
    fn a_pair_is_one_key_and_its_value() {
        let text = "questions:\n  - id: m\n    kind: match\n    question: Q?\n    pairs:\n      - a\n      - {b: c, d: e}\n      - [f]\n";
        assert_eq!(
            messages(text),
            [
                "a pair is written `- premise: response` (one key and its value), found a string",
                "a pair is written `- premise: response` (one key and its value), found a map of 2 keys",
                "a pair is written `- premise: response` (one key and its value), found a list"
            ]
        );
        assert_eq!(
            problems(
                "questions:\n  - id: t\n    kind: text\n    question: Q?\n    answer: x\n    case: upper\n"
            ),
            [(6, 11, "wrong-type")]
        );
    }
}
