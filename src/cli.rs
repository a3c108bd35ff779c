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
