//! The kinds of question: choice, order, match, number, text and open. Each
//! kind is one module that owns everything about it at the model layer: its
//! fields and their positions, how it is read from YAML and described in the
//! JSON Schema, its content hash, what of it is shuffled, how an edit changes
//! a response and what a response scores, how a response is kept in the history
//! and read back, and the view a front draws (its text still raw: `crate::present`
//! makes it safe). The layers above reach a kind only through [`Body`] and the
//! [`Model`] trait; [`kinds!`]'s table below is the one place that lists them.

pub mod choice;
pub mod matching;
pub mod number;
pub mod open;
pub mod order;
mod response;
mod scoring;
pub mod text;

pub use response::{Answering, Edit, Progress, Refusal, Response, SelfMark};
pub use scoring::Scoring;

use super::Spanned;
use super::reader::{Fields, Reader};
use super::yaml::Node;

/// What a kind is, at the model layer: every kind implements it, and the
/// layers above use nothing else of a kind (besides its view).
pub trait Model {
    /// Feeds what is asked, besides the stem, to the content hash: a changed
    /// answer makes the question new to the history.
    fn hash(&self, feed: &mut dyn FnMut(&str));

    /// The texts of the question's body, each with what it is, for the rules
    /// that read every text (control characters, citations, near-duplicates).
    fn texts(&self) -> Vec<Part<'_>>;

    /// What of the question is shuffled, and when.
    fn arrange(&self) -> Arrange;

    /// A response that gives nothing.
    fn blank(&self) -> Response;

    /// The response after `edit`, given the order shown (`shown[i]` is the
    /// file index of what is shown at `i`); `exam` lets a single pick be
    /// cleared by picking it again.
    fn edit(
        &self,
        shown: &[usize],
        response: &Response,
        edit: &Edit,
        exam: bool,
    ) -> Result<Response, Refusal>;

    /// The response that Enter gives: the same, but for an order, whose shown
    /// arrangement then becomes the answer.
    fn confirm(&self, _shown: &[usize], response: &Response) -> Response {
        response.clone()
    }

    /// Why `response` cannot stand as an answer yet (a number that does not
    /// read as one), checked when it is answered.
    fn refuse(&self, _response: &Response) -> Option<Refusal> {
        None
    }

    /// Whether Enter on a blank response answers it (an open question's
    /// attempt is optional: Enter shows the model answer); else it asks for
    /// something first.
    fn answers_blank(&self) -> bool {
        false
    }

    /// How far `response` has got.
    fn progress(&self, shown: &[usize], response: &Response) -> Progress {
        let _ = shown;
        if response.is_blank() {
            Progress::Blank
        } else {
            Progress::Complete
        }
    }

    /// What `response` scores, from 0 to 1; None for a kind that is not
    /// scored (an open question is marked by the candidate).
    fn score(&self, shown: &[usize], response: &Response, scoring: Scoring) -> Option<f64>;

    /// `response` in the file's terms (positions as in the file, not as
    /// shown), for the history.
    fn kept(&self, shown: &[usize], response: &Response) -> Response;

    /// A response kept in the file's terms, as shown in `shown`.
    fn restored(&self, shown: &[usize], kept: &Response) -> Response;

    /// A response in the file's terms, in words for the history's `given`
    /// column and the reports: `A,C`; empty when blank.
    fn given(&self, kept: &Response) -> Vec<String>;

    /// The answer in the same words as [`Model::given`].
    fn expected(&self) -> Vec<String>;

    /// The view a front draws, `judged` once the verdict is out.
    fn view<'a>(&'a self, shown: &[usize], response: &'a Response, judged: bool) -> View<Raw<'a>>;
}

/// A text of a question's body, for the rules that read them all.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    pub what: What,
    pub text: &'a Spanned<String>,
    /// Prose a candidate reads to answer (a choice, an item), as against an
    /// answer key or feedback (a `why`, accepted answers, a model answer).
    pub asked: bool,
}

/// Which text of a question's body a [`Part`] is: `choice B`, `item 2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Choice(usize),
    /// A choice's `why`.
    Why(usize),
    Item(usize),
    Premise(usize),
    /// A match's response, from a pair or `extra`.
    Response(usize),
    /// One of the accepted answers (the only one of a number or an open question).
    Answer(usize),
    Tolerance,
}

impl std::fmt::Display for What {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let letter = |i: usize| crate::bank::letter(i);
        match *self {
            What::Choice(i) => write!(f, "choice {}", letter(i)),
            What::Why(i) => write!(f, "the `why` of choice {}", letter(i)),
            What::Item(i) => write!(f, "item {}", i + 1),
            What::Premise(i) => write!(f, "premise {}", i + 1),
            What::Response(i) => write!(f, "response {}", letter(i)),
            What::Answer(0) => write!(f, "the answer"),
            What::Answer(i) => write!(f, "accepted answer {}", i + 1),
            What::Tolerance => write!(f, "the tolerance"),
        }
    }
}

/// A JSON Schema for text that YAML may write as a number or a boolean
/// (`1024` is fine text): the loader reads every scalar as text.
pub(crate) fn schema_text(description: &str) -> serde_json::Value {
    serde_json::json!({ "type": ["string", "number", "boolean"], "description": description })
}

/// What of a question is shuffled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrange {
    /// Nothing: it is shown as written.
    Nothing,
    /// Choices: `n` of them, shuffled when the run shuffles unless the
    /// question says `shuffle: false`; the pinned ones keep their place.
    Choices {
        n: usize,
        shuffle: bool,
        pinned: Vec<bool>,
    },
    /// `n` things shuffled whatever the run says, any order as likely as
    /// another (a match's responses: in file order, lettered as the premises
    /// come, they would give the answer away).
    Random(usize),
    /// `n` things always shuffled, and never left in file order (an order's
    /// items: shown in the right order, it would answer itself).
    Always(usize),
    /// Shown in this order (`order[shown]` is the index in the file): a
    /// match's responses under `shuffle: false`, in a fixed order that is not
    /// the file's.
    Fixed(Vec<usize>),
}

impl Arrange {
    /// How many things are arranged (the length of the order shown).
    pub fn len(&self) -> usize {
        match self {
            Arrange::Nothing => 0,
            Arrange::Choices { n, .. } | Arrange::Random(n) | Arrange::Always(n) => *n,
            Arrange::Fixed(order) => order.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Text for a view, as the bank or the candidate wrote it: never shown as it
/// is, but through `crate::present`, which makes it safe for a terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raw<'a> {
    pub text: &'a str,
    /// Prose whose lines and paragraphs matter (a model answer); else text for
    /// one line, its line breaks and runs of spaces made single spaces.
    pub prose: bool,
}

impl<'a> Raw<'a> {
    pub fn flat(text: &'a str) -> Raw<'a> {
        Raw { text, prose: false }
    }

    pub fn prose(text: &'a str) -> Raw<'a> {
        Raw { text, prose: true }
    }
}

/// What a front draws of a question's body, by kind, its text of type `T`
/// (raw here; `crate::present` maps it to safe text).
#[derive(Debug, Clone, PartialEq)]
pub enum View<T> {
    Choice(choice::View<T>),
    Order(order::View<T>),
    Match(matching::View<T>),
    /// A number or a text answer: one typed line.
    Typed(text::View<T>),
    Open(open::View<T>),
}

impl<T> View<T> {
    /// The same view with its text mapped by `f`.
    pub fn map<U>(self, f: &mut impl FnMut(T) -> U) -> View<U> {
        match self {
            View::Choice(v) => View::Choice(v.map(f)),
            View::Order(v) => View::Order(v.map(f)),
            View::Match(v) => View::Match(v.map(f)),
            View::Typed(v) => View::Typed(v.map(f)),
            View::Open(v) => View::Open(v.map(f)),
        }
    }
}

/// How a kind is read: the keys it has besides the common ones, and the reading.
pub(crate) trait Read: Sized {
    /// Its keys, besides `id`, `kind`, `question`, `exhibit`, `explanation`,
    /// `references`, `tags` and `allow`.
    const KEYS: &'static [&'static str];

    /// How it is answered.
    const ANSWERING: Answering;

    /// The kind from the fields of its question's map (`node`); problems are
    /// reported, and a kind with a required key missing or unreadable is None.
    fn read(r: &mut Reader, f: &Fields, node: &Node) -> Option<Self>;

    /// Its keys' JSON Schema (`properties`), and the ones it requires.
    fn schema() -> (serde_json::Value, &'static [&'static str]);

    /// Its keys in quiz's YAML, as [`Read::read`] reads them back, each line
    /// indented by `indent` spaces (the question's keys' indentation).
    fn write(&self, indent: usize, out: &mut String);
}

/// The table of kinds: each line is a kind's variant, its type and its name in
/// a bank (`kind: order`), with a line of description. Adding a kind is a module
/// and a line here.
macro_rules! kinds {
    ($($variant:ident($ty:ty) = $name:literal: $doc:literal;)*) => {
        /// A question's body: what its kind asks and expects.
        #[derive(Debug, Clone)]
        pub enum Body {
            $(#[doc = $doc] $variant($ty),)*
        }

        /// A kind of question, by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Kind {
            $(#[doc = $doc] $variant,)*
        }

        impl Kind {
            /// Every kind, in the table's order.
            pub const ALL: &[Kind] = &[$(Kind::$variant,)*];

            /// Its name in a bank: `choice`, `order`…
            pub fn name(self) -> &'static str {
                match self {
                    $(Kind::$variant => $name,)*
                }
            }

            /// What it asks, in a line.
            pub fn describe(self) -> &'static str {
                match self {
                    $(Kind::$variant => $doc,)*
                }
            }

            /// How its questions are answered.
            pub fn answering(self) -> Answering {
                match self {
                    $(Kind::$variant => <$ty as Read>::ANSWERING,)*
                }
            }

            /// Whether the candidate marks its questions, which are then never
            /// scored.
            pub fn self_marked(self) -> bool {
                self.answering() == Answering::SelfMarked
            }

            /// The keys of its questions besides the common ones.
            pub fn keys(self) -> &'static [&'static str] {
                match self {
                    $(Kind::$variant => <$ty as Read>::KEYS,)*
                }
            }

            /// Its keys' JSON Schema and the ones it requires.
            pub fn schema(self) -> (serde_json::Value, &'static [&'static str]) {
                match self {
                    $(Kind::$variant => <$ty as Read>::schema(),)*
                }
            }

            pub(crate) fn read(self, r: &mut Reader, f: &Fields, node: &Node) -> Option<Body> {
                match self {
                    $(Kind::$variant => <$ty as Read>::read(r, f, node).map(Body::$variant),)*
                }
            }
        }

        impl Body {
            pub fn kind(&self) -> Kind {
                match self {
                    $(Body::$variant(_) => Kind::$variant,)*
                }
            }

            /// Its kind's keys in quiz's YAML, each line indented by `indent`
            /// spaces: what `kind: …` and the common keys leave to it.
            pub fn write(&self, indent: usize, out: &mut String) {
                match self {
                    $(Body::$variant(k) => <$ty as Read>::write(k, indent, out),)*
                }
            }

            /// The kind's model, which the layers above go through.
            pub fn model(&self) -> &dyn Model {
                match self {
                    $(Body::$variant(k) => k,)*
                }
            }
        }
    };
}

kinds! {
    Choice(choice::Choices) = "choice": "Choose the right choices from a lettered list.";
    Order(order::Order) = "order": "Put items in the right order.";
    Match(matching::Match) = "match": "Match each premise with its response.";
    Number(number::Number) = "number": "Type a number, right within a tolerance.";
    Text(text::TextAnswer) = "text": "Type a short answer, one of those accepted.";
    Open(open::Open) = "open": "Write an answer in your own words, then mark it against a model answer.";
}

impl Default for Kind {
    /// A question without a `kind` is a choice question.
    fn default() -> Self {
        Kind::Choice
    }
}

impl Kind {
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// The kinds whose questions have `key`.
    pub fn having(key: &str) -> Vec<Kind> {
        Kind::ALL
            .iter()
            .copied()
            .filter(|k| k.keys().contains(&key))
            .collect()
    }
}

impl Body {
    /// The choice question, if it is one.
    pub fn choices(&self) -> Option<&choice::Choices> {
        match self {
            Body::Choice(c) => Some(c),
            _ => None,
        }
    }

    pub fn choices_mut(&mut self) -> Option<&mut choice::Choices> {
        match self {
            Body::Choice(c) => Some(c),
            _ => None,
        }
    }
}

/// A place in a list of `n` given as a letter: `A` is 0.
pub fn letter_at(letter: char, n: usize) -> Option<usize> {
    letter
        .is_ascii_alphabetic()
        .then(|| usize::from(letter.to_ascii_uppercase() as u8 - b'A'))
        .filter(|&i| i < n)
}
