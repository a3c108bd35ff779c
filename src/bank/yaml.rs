//! The YAML layer: text to a tree of nodes that each know their position.
//!
//! serde-saphyr does the parsing (with its budgets against alias bombs and deep
//! nesting); this module keeps every node's line, column and raw text, so that the
//! bank layer can report *every* shape problem in a file and never loses the
//! spelling of a scalar (`section: 10.10` stays "10.10").

use crate::diagnostic::Pos;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

type Raw = serde_saphyr::Spanned<Value>;

/// A parsed YAML node with its position and, for scalars, its text as written.
#[derive(Debug, Clone)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
    /// Byte offset and length of the node in the source, where the parser knows them.
    bytes: Option<(u64, u64)>,
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
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    // YAML 1.1 read `no`, `on`, `y` as booleans; in a question bank they are text.
    options.strict_booleans = true;
    let raw: Raw = serde_saphyr::from_str_with_options(src, options).map_err(syntax_error)?;
    let mut root = Node::from(raw);
    root.restore_text(src);
    Ok(root)
}

impl From<Raw> for Node {
    fn from(raw: Raw) -> Self {
        let loc = raw.referenced;
        let span = loc.span();
        Node {
            pos: Pos::new(clamp(loc.line()), clamp(loc.column())),
            bytes: span.byte_offset().zip(span.byte_len()),
            value: raw.value,
        }
    }
}

impl Node {
    /// Puts back the text of booleans and numbers as the author wrote it:
    /// `10.10` is a section number, not the float 10.1.
    fn restore_text(&mut self, src: &str) {
        match &mut self.value {
            Value::Scalar { text, kind } if *kind != ScalarKind::Str => {
                let written = self
                    .bytes
                    .and_then(|(at, len)| src.get(at as usize..(at + len) as usize))
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

fn clamp(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX).max(1)
}

fn syntax_error(err: serde_saphyr::Error) -> SyntaxError {
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
        serde_saphyr::Error::Budget { breach, .. } => budget_message(breach),
        serde_saphyr::Error::DuplicateMappingKey { key: Some(key), .. } => {
            format!("key `{key}` appears twice in the same map")
        }
        _ => {
            let text = inner.to_string();
            if text.starts_with("recursion limit exceeded") {
                "the YAML is nested too deeply".to_owned()
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

fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { .. } => "the YAML is nested too deeply".to_owned(),
        B::Aliases { .. } | B::Anchors { .. } | B::Nodes { .. } | B::Events { .. } => {
            "the YAML expands to too many values (an alias bomb?); question banks do not need this many".to_owned()
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
