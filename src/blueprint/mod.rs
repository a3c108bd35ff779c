//! Exam blueprints: a mock exam built like the real one. A blueprint names the
//! exam's length, time and pass mark (or scaled score), and its domains: tags
//! that pick the questions, each with a weight in percent of the exam.
//!
//! This module owns the model and its loading (with `path:line:col`
//! diagnostics, through the bank loader's reader), the draw by domain
//! ([`draw`]), the checks against the banks it draws from ([`check`]), and the
//! readiness estimate from the history ([`readiness`]).

mod check;
pub mod draw;
mod from_yaml;
pub mod readiness;
mod schema;

pub use check::check;
pub use draw::Shortfall;
pub use schema::json_schema;

use crate::bank::{self, Spanned};
use crate::diagnostic::{Diagnostic, Pos};
use crate::quiz::{Drawn, Scale, Scoring};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The pass mark when a blueprint gives neither `pass_mark` nor `scale`, as for `quiz run`.
pub const DEFAULT_PASS_MARK: f64 = 70.0;

/// An exam blueprint. The JSON Schema of the file (`quiz schema --blueprint`) is
/// derived from these types; their doc comments are what editors show.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[schemars(title = "quiz exam blueprint", deny_unknown_fields)]
pub struct Blueprint {
    /// The path as shown in diagnostics.
    #[schemars(skip)]
    pub path: String,
    /// The folder that relative `banks` paths start from.
    #[schemars(skip)]
    pub dir: PathBuf,
    /// The exam's title, shown in its header and results.
    pub title: Option<Spanned<String>>,
    /// How many questions the exam asks.
    #[schemars(range(min = 1))]
    pub count: Spanned<usize>,
    /// The time limit, such as 90m, 45s or 1h30m.
    #[serde(default)]
    #[schemars(schema_with = "schema::duration")]
    pub time_limit: Option<Spanned<Duration>>,
    /// The mark to pass, in percent (default 70). Give this or `scale`.
    #[serde(default)]
    #[schemars(schema_with = "schema::pass_mark")]
    pub pass_mark: Option<Spanned<f64>>,
    /// A scaled score, such as {min: 100, max: 900, pass: 750}: the score is
    /// linear from `min` at 0 % to `max` at 100 %, and the exam is passed at
    /// `pass`. Give this or `pass_mark`.
    pub scale: Option<Spanned<Scale>>,
    /// How multiple-answer items score: `strict` (default) or `partial`.
    #[serde(default)]
    #[schemars(schema_with = "schema::scoring")]
    pub scoring: Option<Spanned<Scoring>>,
    /// Bank files or folders, relative to this file [default: the built-in bank].
    #[serde(default)]
    #[schemars(schema_with = "schema::banks")]
    pub banks: Vec<Spanned<String>>,
    /// The exam's domains, at least one; their weights add up to 100.
    #[schemars(length(min = 1))]
    pub domains: Vec<Domain>,
    /// Where the `domains` list starts.
    #[schemars(skip)]
    pub domains_pos: Pos,
}

/// One domain of the exam.
#[derive(Debug, Clone, schemars::JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Domain {
    /// Where the domain's map starts.
    #[schemars(skip)]
    pub pos: Pos,
    /// The domain's name, as the results show it.
    #[schemars(schema_with = "schema::name")]
    pub name: Spanned<String>,
    /// Questions with any of these tags belong to the domain.
    #[schemars(schema_with = "schema::tags")]
    pub tags: Vec<Spanned<String>>,
    /// The domain's share of the questions, in percent.
    #[schemars(schema_with = "schema::weight")]
    pub weight: Spanned<Weight>,
}

/// A weight in percent, kept exactly: in thousandths of a percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weight(u32);

impl Weight {
    /// Thousandths of a percent in 100 %.
    pub const WHOLE: u32 = 100_000;

    pub fn from_thousandths(thousandths: u32) -> Self {
        Weight(thousandths)
    }

    pub fn thousandths(self) -> u32 {
        self.0
    }

    pub fn percent(self) -> f64 {
        f64::from(self.0) / 1000.0
    }
}

impl std::fmt::Display for Weight {
    /// `25`, `12.5`, `33.333`: as few decimals as it needs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let whole = self.0 / 1000;
        let frac = self.0 % 1000;
        if frac == 0 {
            write!(f, "{whole}")
        } else {
            let digits = format!("{frac:03}");
            write!(f, "{whole}.{}", digits.trim_end_matches('0'))
        }
    }
}

impl Blueprint {
    /// The title, or the file's name without its extension.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) => t.value.clone(),
            None => Path::new(&self.path)
                .file_stem()
                .map_or_else(|| self.path.clone(), |s| s.to_string_lossy().into_owned()),
        }
    }

    /// The pass mark in percent: `pass_mark`, or where the scale's pass score
    /// lies, or [`DEFAULT_PASS_MARK`].
    pub fn pass_percent(&self) -> f64 {
        match (&self.pass_mark, &self.scale) {
            (Some(mark), _) => mark.value,
            (None, Some(scale)) => scale.value.pass_percent(),
            (None, None) => DEFAULT_PASS_MARK,
        }
    }

    /// Where the `banks` entries point, relative ones taken from this file's folder.
    pub fn bank_paths(&self) -> Vec<PathBuf> {
        self.banks.iter().map(|b| self.dir.join(&b.value)).collect()
    }

    /// The banks the blueprint draws from: its `banks`, or the built-in bank.
    pub fn load_banks(&self) -> Result<bank::Loaded, bank::Error> {
        if self.banks.is_empty() {
            Ok(bank::load_builtin())
        } else {
            bank::load_paths(&self.bank_paths())
        }
    }

    /// Each domain's number of questions in an exam of `count`: its weight's
    /// share by the largest-remainder method.
    pub fn quotas(&self, count: usize) -> Vec<usize> {
        let weights: Vec<Weight> = self.domains.iter().map(|d| d.weight.value).collect();
        draw::quotas(&weights, count)
    }

    /// Draws an exam of `count` questions from `banks`: each domain's share, no
    /// question twice, the same for the same seed. `shuffle: false` takes each
    /// domain's first questions in file order and asks them in that order.
    pub fn draw(
        &self,
        banks: &[bank::Bank],
        count: usize,
        seed: u64,
        shuffle: bool,
    ) -> Result<Drawn, Vec<Shortfall>> {
        let domains: Vec<draw::DomainSpec> = self
            .domains
            .iter()
            .zip(self.quotas(count))
            .map(|(d, quota)| draw::DomainSpec {
                name: d.name.value.clone(),
                tags: d.tags.iter().map(|t| t.value.clone()).collect(),
                quota,
            })
            .collect();
        draw::draw(banks, &domains, seed, shuffle)
    }

    /// What a shortfall of the draw means, in words: which domain, what it has
    /// and what it needs.
    pub fn explain(&self, shortfall: &Shortfall, count: usize) -> String {
        let quotas = self.quotas(count);
        let names: Vec<String> = shortfall
            .domains
            .iter()
            .filter_map(|&d| self.domains.get(d))
            .map(|d| format!("`{}`", d.name.value))
            .collect();
        let alone = match shortfall.domains.as_slice() {
            [d] => self.domains.get(*d),
            _ => None,
        };
        match alone {
            Some(domain) => {
                let tags: Vec<&str> = domain.tags.iter().map(|t| t.value.as_str()).collect();
                format!(
                    "domain `{}` has {} question{} (tagged {}) and needs {}: its {}% of {count}",
                    domain.name.value,
                    shortfall.has,
                    if shortfall.has == 1 { "" } else { "s" },
                    tags.join(" or "),
                    shortfall.needs,
                    domain.weight.value,
                )
            }
            None => {
                let shares: Vec<String> = shortfall
                    .domains
                    .iter()
                    .filter_map(|&d| quotas.get(d))
                    .map(usize::to_string)
                    .collect();
                format!(
                    "domains {} share their questions: between them they have {} and need {} ({}) for an exam of {count}",
                    join_names(&names),
                    shortfall.has,
                    shortfall.needs,
                    shares.join(" + "),
                )
            }
        }
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A blueprint file as read: the blueprint if the file parsed, and every problem found.
#[derive(Debug)]
pub struct Loaded {
    pub path: String,
    pub blueprint: Option<Blueprint>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Reads the blueprint at `path`. Shape problems are diagnostics; a file that
/// cannot be read at all is an error.
pub fn load(path: &Path) -> Result<Loaded, bank::Error> {
    let shown = path.display().to_string();
    let bytes = match bank::read_limited(path) {
        Ok(bytes) => bytes,
        Err(bank::Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Err(bank::Error::NotFound(path.to_owned()));
        }
        Err(e) => return Err(e),
    };
    let mut diagnostics = Vec::new();
    let blueprint = match bytes {
        Ok(bytes) => bank::parse_yaml(&shown, &bytes, &mut diagnostics)
            .and_then(|root| read(&shown, &root, &mut diagnostics)),
        Err(size) => {
            diagnostics.push(bank::too_large(&shown, size));
            None
        }
    };
    Ok(Loaded {
        path: shown,
        blueprint,
        diagnostics,
    })
}

/// Reads a blueprint from its parsed YAML; `path` is the file's as shown, and
/// its folder is where relative `banks` start.
pub fn read(path: &str, root: &bank::yaml::Node, diags: &mut Vec<Diagnostic>) -> Option<Blueprint> {
    let dir = Path::new(path)
        .parent()
        .map_or_else(PathBuf::new, Path::to_path_buf);
    from_yaml::blueprint(path, &dir, root, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_print_with_the_decimals_they_need() {
        assert_eq!(Weight(25_000).to_string(), "25");
        assert_eq!(Weight(12_500).to_string(), "12.5");
        assert_eq!(Weight(33_333).to_string(), "33.333");
        assert_eq!(Weight(50).to_string(), "0.05");
    }

    #[test]
    fn names_join_as_a_sentence() {
        let n = |v: &[&str]| join_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&["a"]), "a");
        assert_eq!(n(&["a", "b"]), "a and b");
        assert_eq!(n(&["a", "b", "c"]), "a, b and c");
    }
}
