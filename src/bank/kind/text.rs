//! Text questions: a short answer typed, right if it is one of the accepted
//! answers (`answer: [server_name, SNI]`). Case, outer spaces and runs of
//! spaces are ignored, unless `case: sensitive` keeps the case.

use super::{Answering, Arrange, Edit, Model, Part, Raw, Read, Refusal, Response, Scoring, What};
use crate::bank::Spanned;
use crate::bank::reader::{Fields, Reader};
use crate::bank::write;
use crate::bank::yaml::{Node, Value};
use std::fmt::Write as _;

/// A text question.
#[derive(Debug, Clone)]
pub struct TextAnswer {
    /// The accepted answers, at least one.
    pub answer: Spanned<Vec<Spanned<String>>>,
    /// `case: sensitive`: the case of what is typed must match.
    pub case_sensitive: bool,
}

/// `text` without its outer spaces, its runs of spaces made one, and in lower
/// case unless `sensitive`.
pub fn normalize(text: &str, sensitive: bool) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if sensitive {
        joined
    } else {
        joined.to_lowercase()
    }
}

impl TextAnswer {
    /// Whether `typed` is one of the accepted answers.
    pub fn accepts(&self, typed: &str) -> bool {
        let typed = normalize(typed, self.case_sensitive);
        !typed.is_empty()
            && self
                .answer
                .value
                .iter()
                .any(|a| normalize(&a.value, self.case_sensitive) == typed)
    }
}

/// The edit of a typed response (a number or a text answer): the text typed.
pub(super) fn edit_typed(
    edit: &Edit,
    shape: fn(String) -> Response,
    fits: fn(&Response) -> bool,
) -> Result<Response, Refusal> {
    match edit {
        Edit::Type(text) => Ok(shape(text.clone())),
        Edit::Set(response) if fits(response) => Ok(response.clone()),
        _ => Err(Refusal::NotHere),
    }
}

impl Model for TextAnswer {
    fn hash(&self, feed: &mut dyn FnMut(&str)) {
        for answer in &self.answer.value {
            feed(answer.value.trim());
        }
        feed(if self.case_sensitive { "sensitive" } else { "" });
    }

    fn texts(&self) -> Vec<Part<'_>> {
        self.answer
            .value
            .iter()
            .enumerate()
            .map(|(i, text)| Part {
                what: What::Answer(i),
                text,
                asked: false,
            })
            .collect()
    }

    fn arrange(&self) -> Arrange {
        Arrange::Nothing
    }

    fn blank(&self) -> Response {
        Response::Text(String::new())
    }

    fn edit(
        &self,
        _shown: &[usize],
        _response: &Response,
        edit: &Edit,
        _exam: bool,
    ) -> Result<Response, Refusal> {
        edit_typed(edit, Response::Text, |r| matches!(r, Response::Text(_)))
    }

    fn score(&self, _shown: &[usize], response: &Response, _scoring: Scoring) -> Option<f64> {
        let right = matches!(response, Response::Text(typed) if self.accepts(typed));
        Some(if right { 1.0 } else { 0.0 })
    }

    fn kept(&self, _shown: &[usize], response: &Response) -> Response {
        match response {
            Response::Text(_) => response.clone(),
            _ => self.blank(),
        }
    }

    fn restored(&self, shown: &[usize], kept: &Response) -> Response {
        self.kept(shown, kept)
    }

    fn given(&self, kept: &Response) -> Vec<String> {
        typed_words(kept)
    }

    fn expected(&self) -> Vec<String> {
        self.answer
            .value
            .iter()
            .map(|a| a.value.trim().to_owned())
            .collect()
    }

    fn view<'a>(
        &'a self,
        _shown: &[usize],
        response: &'a Response,
        judged: bool,
    ) -> super::View<Raw<'a>> {
        super::View::Typed(View {
            numeric: false,
            typed: Raw::flat(response.typed().unwrap_or("")),
            answer: judged.then(|| {
                self.answer
                    .value
                    .iter()
                    .map(|a| Raw::flat(&a.value))
                    .collect()
            }),
            tolerance: None,
        })
    }
}

/// What was typed, as one word for the history: nothing when blank.
pub(super) fn typed_words(kept: &Response) -> Vec<String> {
    match kept.typed().map(str::trim) {
        Some(typed) if !typed.is_empty() => vec![typed.to_owned()],
        _ => Vec::new(),
    }
}

/// A number or text question as a front draws it: one typed line.
#[derive(Debug, Clone, PartialEq)]
pub struct View<T> {
    /// A number is asked for.
    pub numeric: bool,
    /// What the candidate typed.
    pub typed: T,
    /// Once judged: the answer, or the accepted answers.
    pub answer: Option<Vec<T>>,
    /// Once judged, for a number: how far off it may be (`1%`, `0.5`).
    pub tolerance: Option<T>,
}

impl<T> View<T> {
    pub fn map<U>(self, f: &mut impl FnMut(T) -> U) -> View<U> {
        View {
            numeric: self.numeric,
            typed: f(self.typed),
            answer: self.answer.map(|a| a.into_iter().map(&mut *f).collect()),
            tolerance: self.tolerance.map(f),
        }
    }
}

impl Read for TextAnswer {
    const KEYS: &'static [&'static str] = &["answer", "case"];
    const ANSWERING: Answering = Answering::Text;

    fn write(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let answers: Vec<String> = self
            .answer
            .value
            .iter()
            .map(|a| write::scalar(&a.value, true))
            .collect();
        let _ = writeln!(out, "{pad}answer: [{}]", answers.join(", "));
        if self.case_sensitive {
            let _ = writeln!(out, "{pad}case: sensitive");
        }
    }

    fn read(r: &mut Reader, f: &Fields, node: &Node) -> Option<Self> {
        let case_sensitive = match f.get("case") {
            None => false,
            Some(n) => match &n.value {
                Value::Null => false,
                Value::Scalar { text, .. } if text.trim() == "sensitive" => true,
                Value::Scalar { text, .. } if text.trim() == "insensitive" => false,
                _ => {
                    r.error(
                        n.pos,
                        "wrong-type",
                        "`case` is `sensitive` (the case of what is typed must match) or `insensitive` (the default)",
                    );
                    false
                }
            },
        };
        let answer = r.required(f, node, "a text question", "answer")?;
        let answers = match &answer.value {
            Value::Seq(items) => items
                .iter()
                .map(|i| r.text(i, "an accepted answer"))
                .collect::<Option<Vec<_>>>()?,
            Value::Map(_) => {
                r.wrong_type(answer, "answer", "an accepted answer or a list of them");
                return None;
            }
            _ => vec![r.text(answer, "answer")?],
        };
        Some(TextAnswer {
            answer: Spanned::new(answers, answer.pos),
            case_sensitive,
        })
    }

    fn schema() -> (serde_json::Value, &'static [&'static str]) {
        let text = super::schema_text("An accepted answer.");
        let properties = serde_json::json!({
            "answer": {
                "description": "The accepted answers: one, or a list. Case, outer spaces and runs of spaces are ignored.",
                "anyOf": [
                    text,
                    { "type": "array", "items": text, "minItems": 1 }
                ]
            },
            "case": {
                "enum": ["sensitive", "insensitive"],
                "default": "insensitive",
                "description": "`sensitive`: the case of what is typed must match an accepted answer's."
            }
        });
        (properties, &["answer"])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    fn accepting(answers: &[&str], case_sensitive: bool) -> TextAnswer {
        TextAnswer {
            answer: Spanned::new(
                answers
                    .iter()
                    .map(|a| Spanned::new((*a).to_owned(), Pos::new(1, 1)))
                    .collect(),
                Pos::new(1, 1),
            ),
            case_sensitive,
        }
    }

    #[test]
    fn case_outer_spaces_and_runs_of_spaces_are_ignored() {
        let t = accepting(&["server_name", "Server Name Indication"], false);
        assert!(t.accepts("  SERVER_NAME "));
        assert!(t.accepts("server   name\tindication"));
        assert!(!t.accepts("server_names"));
        assert!(!t.accepts("   "));
        let sensitive = accepting(&["TLS_AES_128_GCM_SHA256"], true);
        assert!(sensitive.accepts(" TLS_AES_128_GCM_SHA256"));
        assert!(!sensitive.accepts("tls_aes_128_gcm_sha256"));
    }
}
