//! The YAML layer: text to a tree of nodes that each know their position.
//!
//! serde-saphyr does the parsing (with its budgets against alias bombs and deep
//! nesting); this module keeps every node's line, column and raw text, so that the
//! bank layer can report *every* shape problem in a file and never loses the
//! spelling of a scalar (`section: 10.10` stays "10.10").

use crate::diagnostic::Pos;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::budget::{BudgetBreach, BudgetReport};
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

type Raw = serde_saphyr::Spanned<Value>;

/// A parsed YAML node with its position and, for scalars, its text as written.
#[derive(Debug, Clone)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
    /// Byte offset and length of the node in the source, where the parser knows them.
    bytes: Option<(u64, u64)>,
    /// For a plain (unquoted, not `|` or `>`) string that runs over several lines,
    /// its lines as written: YAML folded them into one, and what a later line held
    /// (`- SYN, ACK`) may have been meant as a list item of its own.
    pub folded: Option<Box<str>>,
}

#[derive(Debug, Clone)]
pub enum Value {
    Null,
    /// A boolean, number or string; `text` is the string value (for strings) or
    /// the scalar as written in the file (for booleans and numbers).
    Scalar {
        text: String,
        kind: ScalarKind,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    Bool(bool),
    Int(i64),
    Float,
    Str,
}

impl Node {
    /// What this node is, in the words an author uses ("a list", "a number").
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "nothing",
            Value::Scalar { kind, .. } => match kind {
                ScalarKind::Bool(_) => "true/false",
                ScalarKind::Int(_) | ScalarKind::Float => "a number",
                ScalarKind::Str => "a string",
            },
            Value::Seq(_) => "a list",
            Value::Map(_) => "a map",
        }
    }
}

/// A syntax problem that stopped the parse, with the position the parser gave.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parses one YAML document. Positions are relative to `src`.
pub fn parse(src: &str) -> Result<Node, SyntaxError> {
    let mut options = options(src.len());
    // Whether the document has aliases tells an alias bomb from a merely dense file.
    let aliases = Rc::new(Cell::new(0));
    let seen = Rc::clone(&aliases);
    options.budget_report_cb = Some(Rc::new(RefCell::new(move |report: BudgetReport| {
        seen.set(report.aliases);
    })));
    let raw: Raw = serde_saphyr::from_str_with_options(src, options)
        .map_err(|e| syntax_error(e, aliases.get() > 0))?;
    let mut root = Node::from(raw);
    root.restore_text(src);
    Ok(root)
}

/// The fewest bytes per value of any bank written by hand: `[a, b]` takes three
/// per choice, and a question of its four keys about four per value. The node
/// budget allows one value per two bytes of the file, so a bank of any size
/// loads, while hostile input costs at most twice what a real bank of its size does
/// (and the 16 MiB cap on bank files bounds that).
const BYTES_PER_NODE: usize = 2;

/// The deepest nesting read. A bank needs five levels (the bank's map, the
/// `questions` list, a question's map, its `choices` list, a choice's map).
const MAX_DEPTH: usize = 16;

/// The parser's settings for a document of `len` bytes.
fn options(len: usize) -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    // YAML 1.1 read `no`, `on`, `y` as booleans; in a question bank they are text.
    options.strict_booleans = true;
    // `question: !Important read this` would silently lose `!Important`.
    options.reject_unsupported_tags = true;
    // serde-saphyr's budgets are fixed counts (250,000 values) that a bank of
    // 23,000 questions exceeds. Values and events grow with the file; the limits
    // against alias bombs (aliases, anchors, replayed events) stay at the
    // library's defaults, since no bank needs more.
    let mut budget = serde_saphyr::Budget::default();
    // Nesting is lower than the library's 64 levels: each level is a level of
    // recursion in the deserializer, with frames so large in a debug build that 64
    // overflow a 2 MiB thread stack.
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_nodes = budget.max_nodes.max(len / BYTES_PER_NODE);
    // Each value is at most a start and an end event; aliases are one each.
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    options.budget = Some(budget);
    options
}

impl From<Raw> for Node {
    fn from(raw: Raw) -> Self {
        let loc = raw.referenced;
        let span = loc.span();
        Node {
            pos: Pos::new(clamp(loc.line()), clamp(loc.column())),
            bytes: span.byte_offset().zip(span.byte_len()),
            value: raw.value,
            folded: None,
        }
    }
}

impl Node {
    /// Puts back the text of booleans and numbers as the author wrote it:
    /// `10.10` is a section number, not the float 10.1. A quoted scalar with a
    /// tag (`!!int "5246"`) has the text inside its quotes. Keeps the lines of a
    /// plain string written over several ([`Node::folded`]).
    fn restore_text(&mut self, src: &str) {
        match &mut self.value {
            Value::Scalar {
                kind: ScalarKind::Str,
                ..
            } => {
                let written = self
                    .bytes
                    .and_then(|(at, len)| src.get(at as usize..(at + len) as usize));
                if let Some(written) = written
                    && !written.starts_with(['"', '\''])
                    && written.contains('\n')
                    && let Some((at, _)) = self.bytes
                    && !after_block_header(&src[..at as usize])
                {
                    self.folded = Some(written.into());
                }
            }
            Value::Scalar { text, kind } if *kind != ScalarKind::Str => {
                let written = self
                    .bytes
                    .and_then(|(at, len)| src.get(at as usize..(at + len) as usize))
                    .and_then(|s| unquoted(s.trim()))
                    .map(str::trim)
                    .filter(|s| !s.is_empty());
                if let Some(written) = written {
                    *text = written.to_owned();
                }
            }
            Value::Seq(items) => items.iter_mut().for_each(|n| n.restore_text(src)),
            Value::Map(pairs) => pairs.iter_mut().for_each(|(k, v)| {
                k.restore_text(src);
                v.restore_text(src);
            }),
            _ => {}
        }
    }
}

/// Whether a scalar that starts after `before` is a block (`|` or `>`): its span
/// starts on the line after the header, whose last token is the indicator, with
/// its chomping and indentation (`|-`, `>2`), and maybe a comment.
fn after_block_header(before: &str) -> bool {
    let header = before.trim_end().rsplit('\n').next().unwrap_or("");
    let header = match header.find(" #") {
        Some(comment) => &header[..comment],
        None => header,
    };
    let token = header.trim_end().rsplit([' ', '\t']).next().unwrap_or("");
    let mut chars = token.chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| matches!(c, '-' | '+' | '0'..='9'))
}

/// The text of a scalar as written: inside its quotes, if it has any. None for a
/// quoted scalar that escapes or folds, whose parsed value is then the text.
fn unquoted(written: &str) -> Option<&str> {
    let inner = |quote: char| {
        written
            .strip_prefix(quote)
            .and_then(|s| s.strip_suffix(quote))
            .filter(|s| !s.contains(['\\', '\n', quote]))
    };
    match written.chars().next() {
        Some('"') => inner('"'),
        Some('\'') => inner('\''),
        _ => Some(written),
    }
}

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX).max(1)
}

/// The parser's error in an author's words. `aliases`: the document has some.
fn syntax_error(err: serde_saphyr::Error, aliases: bool) -> SyntaxError {
    let pos = err
        .location()
        .map(|l| Pos::new(clamp(l.line()), clamp(l.column())))
        .unwrap_or(Pos::new(1, 1));
    let mut inner = &err;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = inner
    {
        inner = error;
    }
    let message = match inner {
        serde_saphyr::Error::Budget { breach, .. } => budget_message(breach, aliases),
        serde_saphyr::Error::AliasReplayLimitExceeded { .. }
        | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
        | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. }
        | serde_saphyr::Error::AliasReplayCounterOverflow { .. } => ALIAS_BOMB.to_owned(),
        serde_saphyr::Error::UnsupportedTag { tag, .. } => format!(
            "`{tag}` is a YAML tag, which a bank does not use; if it is part of the text, put the text in quotes"
        ),
        serde_saphyr::Error::TaggedScalarCannotDeserializeIntoString { .. } => {
            format!("this YAML tag is not one a bank can use; {TAGS}")
        }
        serde_saphyr::Error::InvalidScalar { .. }
        | serde_saphyr::Error::InvalidBooleanStrict { .. } => {
            format!("the value does not fit its YAML tag; {TAGS}")
        }
        serde_saphyr::Error::DuplicateMappingKey { key: Some(key), .. } => {
            format!("key `{key}` appears twice in the same map")
        }
        _ => {
            let text = inner.to_string();
            if text.starts_with("recursion limit exceeded") {
                too_deep()
            } else {
                // The position is reported separately, in the `path:line:col` prefix.
                match text.find(" at line ") {
                    Some(i) => text[..i].to_owned(),
                    None => text,
                }
            }
        }
    };
    SyntaxError { pos, message }
}

/// What a bank may tag its values with, and why it rarely needs to.
const TAGS: &str = "a bank reads `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` (`!!int 5246`, `!!bool true`), and needs none of them";

const ALIAS_BOMB: &str = "the YAML's aliases (`*name`) expand to too many values (an alias bomb?); a bank may use a few aliases, not aliases of aliases by the thousand";

fn too_deep() -> String {
    format!("the YAML is nested too deeply (more than {MAX_DEPTH} levels; a bank needs 5)")
}

/// A refusal by the parser's budget, worded by its cause. The value and event
/// counts include what aliases expand to, so with aliases they mean a bomb.
fn budget_message(breach: &BudgetBreach, aliases: bool) -> String {
    use BudgetBreach as B;
    match breach {
        B::Depth { .. } => too_deep(),
        B::Aliases { .. }
        | B::Anchors { .. }
        | B::AliasAnchorRatio { .. }
        | B::RecordedAnchorEvents { .. }
        | B::RecordedAnchorBytes { .. } => ALIAS_BOMB.to_owned(),
        B::Nodes { .. } | B::Events { .. } if aliases => ALIAS_BOMB.to_owned(),
        B::Nodes { nodes } => format!(
            "the YAML holds more values ({nodes}) than a bank of this size can: a real bank takes more than {BYTES_PER_NODE} bytes per value"
        ),
        B::Events { events } => format!(
            "the YAML holds more items ({events}) than a bank of this size can: a real bank takes more than a byte per item"
        ),
        B::Documents { .. } => {
            "the file holds many YAML documents (`---`); a bank file is one document".to_owned()
        }
        other => format!("the YAML exceeds a safety limit ({other:?})"),
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

fn scalar(text: String, kind: ScalarKind) -> Value {
    Value::Scalar { text, kind }
}

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(scalar(v.to_string(), ScalarKind::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(scalar(v.to_string(), ScalarKind::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(scalar(
            v.to_string(),
            i64::try_from(v).map_or(ScalarKind::Float, ScalarKind::Int),
        ))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(scalar(v.to_string(), ScalarKind::Float))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(scalar(v.to_string(), ScalarKind::Float))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(scalar(v.to_string(), ScalarKind::Float))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(scalar(v.to_owned(), ScalarKind::Str))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(scalar(v, ScalarKind::Str))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Raw>()? {
            items.push(Node::from(item));
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut pairs = Vec::new();
        while let Some(key) = map.next_key::<Raw>()? {
            let value = map.next_value::<Raw>()?;
            pairs.push((Node::from(key), Node::from(value)));
        }
        Ok(Value::Map(pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of key `a` in `a: VALUE`.
    fn value_of(src: &str) -> Value {
        let root = parse(src).unwrap_or_else(|e| panic!("{src:?}: {}", e.message));
        match root.value {
            Value::Map(mut pairs) => pairs.remove(0).1.value,
            other => panic!("{src:?}: {other:?}"),
        }
    }

    fn error_of(src: &str) -> String {
        match parse(src) {
            Ok(root) => panic!("{src:?} parsed: {root:?}"),
            Err(e) => e.message,
        }
    }

    #[track_caller]
    fn scalar_is(src: &str, expected: &str, expected_kind: ScalarKind) {
        match value_of(src) {
            Value::Scalar { text, kind } => {
                assert_eq!((text.as_str(), kind), (expected, expected_kind), "{src:?}");
            }
            other => panic!("{src:?}: {other:?}"),
        }
    }

    #[test]
    fn a_plain_string_over_lines_keeps_them() {
        let root = parse("a:\n  - SYN\n  - ACK\n      - SYN, ACK\n  - 'x\n    y'\n").expect("YAML");
        let Value::Map(pairs) = root.value else {
            panic!("a map")
        };
        let Value::Seq(items) = &pairs[0].1.value else {
            panic!("a list")
        };
        let folded: Vec<Option<&str>> = items.iter().map(|n| n.folded.as_deref()).collect();
        assert_eq!(folded, [None, Some("ACK\n      - SYN, ACK"), None]);
        // Blocks keep their lines anyway.
        let root = parse("a: |\n  one\n  - two\nb: >- # folded\n  x\n  - y\nc:\n  p\n  - q\n")
            .expect("YAML");
        let Value::Map(pairs) = root.value else {
            panic!("a map")
        };
        let folded: Vec<Option<&str>> = pairs.iter().map(|(_, n)| n.folded.as_deref()).collect();
        assert_eq!(folded, [None, None, Some("p\n  - q")]);
    }

    #[test]
    fn tags_are_honoured_and_quoted_text_loses_its_quotes() {
        scalar_is("a: !!int \"5246\"", "5246", ScalarKind::Int(5246));
        scalar_is("a: !!int '5246' # c", "5246", ScalarKind::Int(5246));
        scalar_is("a: !!int 5246", "5246", ScalarKind::Int(5246));
        scalar_is("a: !!str 5246", "5246", ScalarKind::Str);
        scalar_is("a: !!str true", "true", ScalarKind::Str);
        scalar_is("a: !!str ~", "~", ScalarKind::Str);
        scalar_is("a: !!float \"10.10\"", "10.10", ScalarKind::Float);
        scalar_is("a: !!float 10.10", "10.10", ScalarKind::Float);
        scalar_is("a: !!bool \"true\"", "true", ScalarKind::Bool(true));
        scalar_is("a: !<tag:yaml.org,2002:int> \"7\"", "7", ScalarKind::Int(7));
        // An escape in the quotes: the parsed value is the text.
        scalar_is("a: !!int \"\\x31\"", "1", ScalarKind::Int(1));
        scalar_is("a: ! 12", "12", ScalarKind::Str);
        assert!(matches!(value_of("a: !!null ''"), Value::Null));
    }

    #[test]
    fn tags_a_bank_cannot_use_are_refused_in_words() {
        assert_eq!(
            error_of("a: !Important read this"),
            "`!Important` is a YAML tag, which a bank does not use; if it is part of the text, put the text in quotes"
        );
        for src in ["a: !!timestamp 2001-12-14", "a: !!int abc", "a: !!bool yes"] {
            let message = error_of(src);
            assert!(
                message.contains("`!!int`, `!!float`, `!!bool`"),
                "{src:?}: {message}"
            );
        }
    }

    #[test]
    fn the_value_budget_grows_with_the_file() {
        // 30,000 questions of 11 values each: over serde-saphyr's 250,000.
        let mut src = String::from("questions:\n");
        for i in 0..30_000 {
            src.push_str(&format!(
                "- {{id: q{i}, question: Q, choices: [a, b], answer: A}}\n"
            ));
        }
        let root = parse(&src).unwrap_or_else(|e| panic!("{}", e.message));
        let Value::Map(pairs) = root.value else {
            panic!("not a map")
        };
        assert!(matches!(&pairs[0].1.value, Value::Seq(items) if items.len() == 30_000));
    }

    #[test]
    fn refusals_name_their_cause() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g"]
            .iter()
            .zip("bcdefgh".chars())
        {
            let refs = vec![format!("*{prev}"); 9].join(", ");
            bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        assert_eq!(error_of(&bomb), ALIAS_BOMB);
        // No aliases, but more values than bytes: `{a},` is three values in four bytes.
        let dense = format!("[{}]", "{a},".repeat(100_000));
        let message = error_of(&dense);
        assert!(
            message.starts_with("the YAML holds more values ("),
            "{message}"
        );
        let deep = "the YAML is nested too deeply (more than 16 levels; a bank needs 5)";
        assert_eq!(
            error_of(&format!("a: {}{}", "[".repeat(100), "]".repeat(100))),
            deep
        );
        assert_eq!(error_of(&"- ".repeat(100)), deep);
        assert_eq!(
            error_of(&format!("{}b{}", "{a: ".repeat(100), "}".repeat(100))),
            deep
        );
    }
}
