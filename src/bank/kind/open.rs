//! Open questions: written in the candidate's own words (the attempt may be
//! left empty), then marked by the candidate against the model answer: right,
//! partly or wrong. Not scored: the mark is reported apart, and feeds review.

use super::{
    Answering, Arrange, Edit, Model, Part, Progress, Raw, Read, Refusal, Response, Scoring,
    SelfMark, What,
};
use crate::bank::Spanned;
use crate::bank::reader::{Fields, Reader};
use crate::bank::write;
use crate::bank::yaml::Node;
use std::fmt::Write as _;

/// An open question.
#[derive(Debug, Clone)]
pub struct Open {
    /// The model answer, shown after the attempt.
    pub answer: Spanned<String>,
}

/// The attempt and mark of `response` (an open response, else a blank one).
fn parts(response: &Response) -> (&str, Option<SelfMark>) {
    match response {
        Response::Open { attempt, mark } => (attempt, *mark),
        _ => ("", None),
    }
}

impl Model for Open {
    fn hash(&self, feed: &mut dyn FnMut(&str)) {
        feed(self.answer.value.trim());
    }

    fn texts(&self) -> Vec<Part<'_>> {
        vec![Part {
            what: What::Answer(0),
            text: &self.answer,
            asked: false,
        }]
    }

    fn arrange(&self) -> Arrange {
        Arrange::Nothing
    }

    fn blank(&self) -> Response {
        Response::Open {
            attempt: String::new(),
            mark: None,
        }
    }

    fn edit(
        &self,
        _shown: &[usize],
        response: &Response,
        edit: &Edit,
        _exam: bool,
    ) -> Result<Response, Refusal> {
        let (attempt, mark) = parts(response);
        match edit {
            Edit::Type(text) => Ok(Response::Open {
                attempt: text.clone(),
                mark,
            }),
            Edit::Mark { mark, .. } => Ok(Response::Open {
                attempt: attempt.to_owned(),
                mark: Some(*mark),
            }),
            Edit::Set(response @ Response::Open { .. }) => Ok(response.clone()),
            _ => Err(Refusal::NotHere),
        }
    }

    fn answers_blank(&self) -> bool {
        true
    }

    fn progress(&self, _shown: &[usize], response: &Response) -> Progress {
        if parts(response).0.trim().is_empty() {
            Progress::Blank
        } else {
            Progress::Complete
        }
    }

    fn score(&self, _shown: &[usize], _response: &Response, _scoring: Scoring) -> Option<f64> {
        None
    }

    fn kept(&self, _shown: &[usize], response: &Response) -> Response {
        match response {
            Response::Open { .. } => response.clone(),
            _ => self.blank(),
        }
    }

    fn restored(&self, shown: &[usize], kept: &Response) -> Response {
        self.kept(shown, kept)
    }

    fn given(&self, kept: &Response) -> Vec<String> {
        if kept.is_blank() {
            return Vec::new();
        }
        vec![parts(kept).1.map_or("unmarked", SelfMark::name).to_owned()]
    }

    fn expected(&self) -> Vec<String> {
        Vec::new()
    }

    fn view<'a>(
        &'a self,
        _shown: &[usize],
        response: &'a Response,
        judged: bool,
    ) -> super::View<Raw<'a>> {
        let (attempt, mark) = parts(response);
        super::View::Open(View {
            attempt: Raw::prose(attempt),
            model: judged.then(|| Raw::prose(&self.answer.value)),
            mark,
        })
    }
}

/// An open question as a front draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct View<T> {
    /// The candidate's attempt (it may be empty).
    pub attempt: T,
    /// Once judged: the model answer.
    pub model: Option<T>,
    /// The candidate's own mark, once given.
    pub mark: Option<SelfMark>,
}

impl<T> View<T> {
    pub fn map<U>(self, f: &mut impl FnMut(T) -> U) -> View<U> {
        View {
            attempt: f(self.attempt),
            model: self.model.map(f),
            mark: self.mark,
        }
    }
}

impl Read for Open {
    const KEYS: &'static [&'static str] = &["answer"];
    const ANSWERING: Answering = Answering::SelfMarked;

    fn write(&self, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let _ = writeln!(
            out,
            "{pad}answer: {}",
            write::value(&self.answer.value, indent + 2)
        );
    }

    fn read(r: &mut Reader, f: &Fields, node: &Node) -> Option<Self> {
        let answer = r.required(f, node, "an open question", "answer")?;
        Some(Open {
            answer: r.text(answer, "answer")?,
        })
    }

    fn schema() -> (serde_json::Value, &'static [&'static str]) {
        let properties = serde_json::json!({
            "answer": {
                "type": "string",
                "minLength": 1,
                "description": "The model answer, shown after the attempt; the candidate marks the attempt against it."
            }
        });
        (properties, &["answer"])
    }
}
