//! Reading a YAML node tree into a model, reporting every shape problem with its
//! position: unknown keys (with "did you mean"), wrong types, missing keys. Banks
//! and exam blueprints are both read through it.

use super::Spanned;
use super::yaml::{Node, ScalarKind, Value};
use crate::diagnostic::{Diagnostic, Pos, suggest};

/// Reads the nodes of one file, collecting its diagnostics.
pub(crate) struct Reader<'a> {
    path: &'a str,
    diags: &'a mut Vec<Diagnostic>,
}

/// The keys of a map, after unknown keys were reported.
pub(crate) struct Fields<'n> {
    pairs: Vec<(&'n str, Pos, &'n Node)>,
}

impl<'n> Fields<'n> {
    pub(crate) fn get(&self, key: &str) -> Option<&'n Node> {
        self.pairs
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }

    /// Each key, with where it is written.
    pub(crate) fn keys(&self) -> impl Iterator<Item = (&'n str, Pos)> + '_ {
        self.pairs.iter().map(|(k, pos, _)| (*k, *pos))
    }
}

impl<'a> Reader<'a> {
    pub(crate) fn new(path: &'a str, diags: &'a mut Vec<Diagnostic>) -> Self {
        Reader { path, diags }
    }

    pub(crate) fn error(&mut self, pos: Pos, code: &'static str, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::error(self.path, pos, code, message));
    }

    pub(crate) fn warning(&mut self, pos: Pos, code: &'static str, message: impl Into<String>) {
        self.diags
            .push(Diagnostic::warning(self.path, pos, code, message));
    }

    pub(crate) fn wrong_type(&mut self, node: &Node, key: &str, expected: &str) {
        let found = node.kind_name();
        self.error(
            node.pos,
            "wrong-type",
            format!("`{key}` must be {expected}, found {found}"),
        );
    }

    /// A map with only `known` keys; each unknown key is reported with a suggestion.
    pub(crate) fn map<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&str],
    ) -> Option<Fields<'n>> {
        let Value::Map(pairs) = &node.value else {
            let found = node.kind_name();
            self.error(
                node.pos,
                "wrong-type",
                format!("expected {what} (a map of keys), found {found}"),
            );
            return None;
        };
        let mut fields = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            let name = match &key.value {
                Value::Scalar { text, .. } => text.as_str(),
                _ => {
                    self.error(key.pos, "wrong-type", "a key must be a plain word");
                    continue;
                }
            };
            if known.contains(&name) {
                fields.push((name, key.pos, value));
            } else {
                let hint = match suggest(name, known) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("expected one of: {}", known.join(", ")),
                };
                self.error(
                    key.pos,
                    "unknown-key",
                    format!("unknown key `{name}` in {what}; {hint}"),
                );
            }
        }
        Some(Fields { pairs: fields })
    }

    /// Any scalar as text (`1024` is a fine choice); nothing reads as an empty string.
    pub(crate) fn text(&mut self, node: &Node, key: &str) -> Option<Spanned<String>> {
        match &node.value {
            Value::Scalar { text, .. } => Some(Spanned::new(text.clone(), node.pos)),
            Value::Null => Some(Spanned::new(String::new(), node.pos)),
            _ => {
                self.wrong_type(node, key, "text");
                None
            }
        }
    }

    /// Optional text: absent or empty both read as None.
    pub(crate) fn optional_text(
        &mut self,
        node: Option<&Node>,
        key: &str,
    ) -> Option<Spanned<String>> {
        node.and_then(|n| self.text(n, key))
            .filter(|t| !t.value.trim().is_empty())
    }

    pub(crate) fn flag(&mut self, node: Option<&Node>, key: &str) -> bool {
        match node.map(|n| (n, &n.value)) {
            None | Some((_, Value::Null)) => false,
            Some((
                _,
                Value::Scalar {
                    kind: ScalarKind::Bool(b),
                    ..
                },
            )) => *b,
            Some((n, _)) => {
                self.wrong_type(n, key, "true or false");
                false
            }
        }
    }

    /// `shuffle`: absent or null, the things it governs shuffle when the run does.
    pub(crate) fn shuffle(&mut self, node: Option<&Node>) -> bool {
        match node {
            Some(n) if !matches!(n.value, Value::Null) => self.flag(Some(n), "shuffle"),
            _ => true,
        }
    }

    pub(crate) fn list<'n>(
        &mut self,
        node: &'n Node,
        key: &str,
        expected: &str,
    ) -> Option<&'n [Node]> {
        match &node.value {
            Value::Seq(items) => Some(items),
            _ => {
                self.wrong_type(node, key, expected);
                None
            }
        }
    }

    /// The value of `key`, reported at `owner` when it is missing from `what`.
    pub(crate) fn required<'n>(
        &mut self,
        f: &Fields<'n>,
        owner: &Node,
        what: &str,
        key: &str,
    ) -> Option<&'n Node> {
        let found = f.get(key);
        if found.is_none() {
            self.error(
                owner.pos,
                "missing-key",
                format!("missing key `{key}` in {what}"),
            );
        }
        found
    }

    /// A list of short texts (`tags`, `allow`).
    pub(crate) fn words(
        &mut self,
        node: &Node,
        key: &str,
        expected: &str,
    ) -> Option<Vec<Spanned<String>>> {
        if let Value::Scalar { text, .. } = &node.value {
            // `tags: pki` meant `tags: [pki]`: an error that shows the fix, and the
            // words read as meant, so that the rest of the question is still checked.
            let words: Vec<&str> = text
                .split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .collect();
            self.error(
                node.pos,
                "wrong-type",
                format!(
                    "`{key}` must be {expected}, found a string: write `{key}: [{}]`",
                    words.join(", ")
                ),
            );
            return Some(
                words
                    .into_iter()
                    .map(|w| Spanned::new(w.to_owned(), node.pos))
                    .collect(),
            );
        }
        let items = self.list(node, key, expected)?;
        items.iter().map(|n| self.text(n, key)).collect()
    }
}
