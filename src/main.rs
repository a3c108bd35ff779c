//! The `quiz` binary: parse the command line, run the library, map the outcome to
//! an exit status.

mod cli;

use clap::Parser;
use cli::{Cli, Command, FormatArg};
use quiz::ExitStatus;
use quiz::check::render::Format;
use quiz::command::{self, CheckConfig};
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
        Err(e) => {
            eprintln!("quiz: {e:#}");
            ExitStatus::Usage.into()
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    match cli.command {
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
