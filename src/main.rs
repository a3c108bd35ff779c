//! The `quiz` binary: parse the command line, run the library, map the outcome to
//! an exit status.

mod cli;

use clap::Parser;
use cli::{Cli, Command, FormatArg, ScoringArg};
use quiz::ExitStatus;
use quiz::check::render::Format;
use quiz::command::{self, CheckConfig, RunConfig};
use quiz::quiz::Scoring;
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitStatus::Usage
            } else {
                ExitStatus::Success
            }
            .into();
        }
    };
    match run(cli) {
        Ok(status) => status.into(),
        // A closed pipe (`quiz run | head`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitStatus::Success.into(),
        Err(e) => {
            eprintln!("quiz: {e:#}");
            ExitStatus::Usage.into()
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match cli.command {
        Command::Run(args) => {
            let config = RunConfig {
                paths: args.paths,
                seed: args.seed,
                shuffle: !args.no_shuffle,
                scoring: match args.scoring {
                    ScoringArg::Strict => Scoring::Strict,
                    ScoringArg::Partial => Scoring::Partial,
                },
                count: args.count.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
                tags: args.tags,
                report: args.report,
                interactive: std::io::stdin().is_terminal() && stdout.is_terminal(),
                color,
            };
            Ok(command::run(&config, &mut std::io::stderr())?)
        }
        Command::Check(args) => {
            let config = CheckConfig {
                paths: args.paths,
                strict: args.strict,
                format: match args.format {
                    FormatArg::Human => Format::Human,
                    FormatArg::Json => Format::Json,
                    FormatArg::Github => Format::Github,
                },
                color,
            };
            Ok(command::check(&config, &mut stdout.lock())?)
        }
    }
}
