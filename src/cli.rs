//! The command line, as clap types. `main` turns these into the library's plain
//! configurations before anything runs.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "quiz",
    version,
    about = "Practise exam questions in the terminal, and check question banks"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take a quiz: the built-in bank, or the banks at PATHs.
    Run(RunArgs),
    /// Validate bank files; exit 1 on errors (or warnings with --strict).
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Bank files or directories (searched for *.yaml and *.yml) [default: questions]
    pub paths: Vec<PathBuf>,
    /// Fail on warnings too.
    #[arg(long)]
    pub strict: bool,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// path:line:col: error: message, then a summary
    Human,
    /// one JSON object with every diagnostic
    Json,
    /// GitHub Actions annotations (::error file=…)
    Github,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// Bank files or directories [default: the built-in bank]
    pub paths: Vec<PathBuf>,
    /// Repeat an earlier quiz: same seed and banks, same order of questions and choices.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Keep the file order of questions and choices.
    #[arg(long)]
    pub no_shuffle: bool,
    /// How multiple-answer items score.
    #[arg(long, value_enum, default_value_t = ScoringArg::Strict)]
    pub scoring: ScoringArg,
    /// Ask at most N questions (the first N after shuffling).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Only questions with this tag (repeat for any of several tags).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Write the run as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScoringArg {
    /// the point only for exactly the correct set, as certification exams score
    Strict,
    /// max(0, (right picks - wrong picks) / correct choices)
    Partial,
}
