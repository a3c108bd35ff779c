//! The `quiz` binary: parse the command line, run the library, map the outcome to
//! an exit status.

mod cli;

use anyhow::Context;
use clap::Parser;
use cli::{
    Cli, ColorArg, Command, ExportFormat, FormatArg, ImportFormat, ModeArg, RfcCommand, ScoringArg,
    SelectionArgs,
};
use quiz::ExitStatus;
use quiz::check::render::Format;
use quiz::command::{
    self, CheckConfig, ExportConfig, FetchConfig, HistoryConfig, ImportConfig, NewConfig,
    RunConfig, Selection, ServeConfig, StatsConfig,
};
use quiz::formats::Kind;
use quiz::quiz::{Mode, Scoring};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
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
    if let Err(message) = threads_from_env() {
        eprintln!("quiz: {message}");
        return ExitStatus::Usage.into();
    }
    match run(cli) {
        Ok(status) => status.into(),
        // A closed pipe (`quiz run | head`) is the reader's choice, not an error.
        Err(e) if is_broken_pipe(&e) => ExitStatus::Success.into(),
        Err(e) => {
            // Not eprintln!, which panics when standard error is gone. An error may
            // quote a file's name or content: shown, never sent to the terminal.
            let _ = writeln!(
                std::io::stderr(),
                "quiz: {}",
                quiz::safe::line(&format!("{e:#}"))
            );
            ExitStatus::Usage.into()
        }
    }
}

/// `$QUIZ_THREADS`: how many threads read and check files (default: one per core).
fn threads_from_env() -> Result<(), String> {
    let Some(value) = std::env::var_os("QUIZ_THREADS").filter(|v| !v.is_empty()) else {
        return Ok(());
    };
    match value.to_str().and_then(|v| v.trim().parse().ok()) {
        Some(n) => {
            quiz::parallel::set_threads(n);
            Ok(())
        }
        None => Err(format!(
            "QUIZ_THREADS={} is not a number of threads: give a whole number of at least 1, or unset it",
            value.to_string_lossy()
        )),
    }
}

/// The time an export records: `$SOURCE_DATE_EPOCH` (seconds since 1970, the
/// reproducible-builds convention) when set, else the clock's.
fn source_date_epoch() -> Result<std::time::SystemTime, String> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH").filter(|v| !v.is_empty()) else {
        return Ok(std::time::SystemTime::now());
    };
    match value.to_str().and_then(|v| v.trim().parse::<u64>().ok()) {
        Some(secs) => Ok(std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs)),
        None => Err(format!(
            "SOURCE_DATE_EPOCH={} is not a time: give whole seconds since 1970, or unset it",
            value.to_string_lossy()
        )),
    }
}

/// Colour is off when `NO_COLOR` is set to anything (https://no-color.org).
fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn import_kind(arg: ImportFormat) -> Kind {
    match arg {
        ImportFormat::Aiken => Kind::Aiken,
        ImportFormat::Gift => Kind::Gift,
        ImportFormat::MoodleXml => Kind::MoodleXml,
        ImportFormat::Qti => Kind::Qti,
        ImportFormat::Csv => Kind::Csv,
        ImportFormat::Text => Kind::Text,
    }
}

fn export_kind(arg: ExportFormat) -> Kind {
    match arg {
        ExportFormat::Aiken => Kind::Aiken,
        ExportFormat::Gift => Kind::Gift,
        ExportFormat::MoodleXml => Kind::MoodleXml,
        ExportFormat::Qti => Kind::Qti,
        ExportFormat::Anki => Kind::Anki,
        ExportFormat::Apkg => Kind::Apkg,
        ExportFormat::Csv => Kind::Csv,
    }
}

/// `--data-dir`, else `$QUIZ_DATA_DIR`; None leaves the platform default.
fn data_dir(flag: Option<PathBuf>) -> Option<PathBuf> {
    flag.or_else(|| env_path("QUIZ_DATA_DIR"))
}

/// A path from the environment; unset and empty are alike.
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The selection flags that `quiz run` and `quiz serve` share, as the library
/// takes them; Err says why they do not go together.
fn selection(args: SelectionArgs) -> Result<Selection, String> {
    // A blueprint is a mock exam unless practice is asked for.
    let mode = match (args.mode, &args.blueprint) {
        (Some(ModeArg::Practice), _) | (None, None) => Mode::Practice,
        (Some(ModeArg::Exam), _) | (None, Some(_)) => Mode::Exam,
    };
    // Exam-only flags are refused alike outside an exam, never silently ignored.
    let exam_only = [
        ("--time-limit", args.time_limit.is_some()),
        ("--pass-mark", args.pass_mark.is_some()),
    ];
    if let (Some((flag, _)), false) = (
        exam_only.iter().find(|(_, given)| *given),
        mode == Mode::Exam,
    ) {
        return Err(format!(
            "{flag} is for exams: add --mode exam, or leave {flag} out"
        ));
    }
    Ok(Selection {
        paths: args.paths,
        blueprint: args.blueprint,
        mode,
        time_limit: args.time_limit,
        pass_mark: args.pass_mark,
        missed: args.missed,
        review: args.review,
        flagged: args.flagged,
        history: HistoryConfig {
            enabled: !args.no_history,
            data_dir: data_dir(args.data_dir),
        },
        seed: args.seed,
        shuffle: !args.no_shuffle,
        scoring: args.scoring.map(|s| match s {
            ScoringArg::Strict => Scoring::Strict,
            ScoringArg::Partial => Scoring::Partial,
        }),
        count: args.count,
        tags: args.tags,
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && no_color_unset();
    match cli.command {
        Command::Run(args) => {
            let selection = match selection(args.selection) {
                Ok(selection) => selection,
                Err(message) => {
                    eprintln!("quiz: {message}");
                    return Ok(ExitStatus::Usage);
                }
            };
            let config = RunConfig {
                selection,
                report: args.report,
                force: args.force,
                interactive: std::io::stdin().is_terminal() && stdout.is_terminal() && !args.plain,
                color: match args.color {
                    ColorArg::Auto => color,
                    ColorArg::Always => true,
                    ColorArg::Never => false,
                },
                resume: args.resume,
                hyperlinks: supports_hyperlinks::on(supports_hyperlinks::Stream::Stdout),
            };
            Ok(command::run(&config, &mut std::io::stderr())?)
        }
        Command::Serve(args) => {
            let selection = match selection(args.selection) {
                Ok(selection) => selection,
                Err(message) => {
                    eprintln!("quiz: {message}");
                    return Ok(ExitStatus::Usage);
                }
            };
            let config = ServeConfig {
                selection,
                listen: args.listen,
                open: args.open,
            };
            Ok(command::serve(
                &config,
                &mut stdout.lock(),
                &mut std::io::stderr(),
            )?)
        }
        Command::Stats(args) => {
            let config = StatsConfig {
                paths: args.paths,
                blueprint: args.blueprint,
                json: args.json,
                data_dir: data_dir(args.data_dir),
                color,
            };
            Ok(command::stats(
                &config,
                &mut stdout.lock(),
                &mut std::io::stderr(),
            )?)
        }
        Command::List(args) => Ok(command::list(
            &args.paths,
            color,
            &mut stdout.lock(),
            &mut std::io::stderr(),
        )?),
        Command::Show(args) => Ok(command::show(
            &args.id,
            &args.paths,
            color,
            &mut stdout.lock(),
            &mut std::io::stderr(),
        )?),
        Command::Schema(args) => Ok(command::schema(args.blueprint, &mut stdout.lock())?),
        Command::New(args) => {
            // Prompts go to standard error, so their colour follows it.
            let color = std::io::stderr().is_terminal() && no_color_unset();
            let config = NewConfig {
                file: args.file,
                color,
            };
            Ok(command::new(
                &config,
                &mut stdout.lock(),
                &mut std::io::stderr(),
            )?)
        }
        Command::Import(args) => {
            let config = ImportConfig {
                from: args.from.map(import_kind),
                input: args.file,
                output: args.output,
                force: args.force,
                to_terminal: std::io::stdout().is_terminal(),
            };
            Ok(command::import(
                &config,
                &mut stdout.lock(),
                &mut std::io::stderr(),
            )?)
        }
        Command::Export(args) => {
            let config = ExportConfig {
                to: export_kind(args.to),
                paths: args.paths,
                output: args.output,
                force: args.force,
                to_terminal: std::io::stdout().is_terminal(),
                now: match source_date_epoch() {
                    Ok(now) => now,
                    Err(message) => {
                        eprintln!("quiz: {message}");
                        return Ok(ExitStatus::Usage);
                    }
                },
            };
            Ok(command::export(
                &config,
                &mut stdout.lock(),
                &mut std::io::stderr(),
            )?)
        }
        Command::Check(args) => {
            let config = CheckConfig {
                paths: args.paths,
                strict: args.strict,
                format: match args.format {
                    FormatArg::Human => Format::Human,
                    FormatArg::Json => Format::Json,
                    FormatArg::Github => Format::Github,
                    FormatArg::Sarif => Format::Sarif,
                },
                color,
                rfc_dir: args.rfc_dir.or_else(|| env_path("QUIZ_RFC_DIR")),
                data_dir: data_dir(None),
                allow: args.allow,
                deny: args.deny,
                root: args.root,
            };
            match command::check(&config, &mut stdout.lock()) {
                Err(e @ command::Error::NoDefaultBanks) => {
                    eprintln!("quiz: {e}\n\n{}", cli::usage("check"));
                    Ok(ExitStatus::Usage)
                }
                other => Ok(other?),
            }
        }
        Command::Rfc(args) => match args.command {
            RfcCommand::Fetch(fetch) => {
                let config = FetchConfig {
                    numbers: fetch.numbers,
                    force: fetch.force,
                    data_dir: data_dir(fetch.data_dir),
                    base_url: std::env::var(quiz::rfc::fetch::BASE_URL_ENV)
                        .ok()
                        .filter(|v| !v.is_empty())
                        .unwrap_or_else(|| quiz::rfc::fetch::DEFAULT_BASE_URL.to_owned()),
                    timeout: fetch.timeout,
                };
                Ok(command::fetch(&config, &mut std::io::stderr())?)
            }
        },
        Command::Completions(args) => {
            stdout.lock().write_all(&cli::completions(args.shell))?;
            Ok(ExitStatus::Success)
        }
        Command::Man(cli::ManArgs { dir: Some(dir), .. }) => {
            let pages = cli::write_man_pages(&dir)
                .with_context(|| format!("cannot write manual pages to {}", dir.display()))?;
            println!("Wrote {pages} manual pages to {}", dir.display());
            Ok(ExitStatus::Success)
        }
        Command::Man(args) => match cli::man_page(args.command.as_deref()) {
            Some(page) => {
                stdout.lock().write_all(&page?)?;
                Ok(ExitStatus::Success)
            }
            None => {
                let name = args.command.unwrap_or_default();
                let names = cli::subcommand_names();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let hint = match quiz::diagnostic::suggest(&name, &names) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the commands are: {}", names.join(", ")),
                };
                eprintln!("quiz: no command `{name}` to show a manual page for; {hint}");
                Ok(ExitStatus::Usage)
            }
        },
    }
}
