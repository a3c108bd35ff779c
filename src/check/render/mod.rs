//! Turns a check [`Report`](super::Report) into bytes: one format per file, behind one
//! trait. Renderers never write anywhere; the caller decides where the bytes go.

mod github;
pub mod human;
mod json;
pub mod sarif;

pub use github::Github;
pub use human::Human;
pub use json::Json;
pub use sarif::Sarif;

use super::Report;

pub trait Render {
    fn render(&self, report: &Report) -> Vec<u8>;
}

/// The output formats a user can pick with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    Github,
    Sarif,
}

impl Format {
    /// The renderer for this format; `color` matters only to the human one.
    pub fn renderer(self, color: bool) -> Box<dyn Render> {
        match self {
            Format::Human => Box::new(Human { color }),
            Format::Json => Box::new(Json),
            Format::Github => Box::new(Github),
            Format::Sarif => Box::new(Sarif::default()),
        }
    }
}
