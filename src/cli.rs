//! The command line, as clap types. `main` turns these into the library's plain
//! configurations before anything runs.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::time::Duration;

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
    /// Take quizzes in a web browser: serves them on this machine (or, with --listen, the network).
    Serve(ServeArgs),
    /// Validate bank files; exit 1 on errors (or warnings with --strict).
    Check(CheckArgs),
    /// Progress from the history: seen and unseen, accuracy by tag and bank, trend, reviews due.
    Stats(StatsArgs),
    /// Each bank with its title and question count, then the tags.
    List(BanksArgs),
    /// One question as its author reviews it: answer marked, feedback, explanation, links.
    Show(ShowArgs),
    /// Print the JSON Schema of the bank format, or of exam blueprints (for editor completion).
    Schema(SchemaArgs),
    /// Write a question at the terminal, checked as you go, and append it to FILE.
    New(NewArgs),
    /// Convert a GIFT, Aiken, Moodle XML, QTI, CSV or exam-dump text file into a quiz bank.
    Import(ImportArgs),
    /// Write banks as GIFT, Aiken, Moodle XML, a QTI package, an Anki package or import file, or CSV.
    Export(ExportArgs),
    /// RFC texts for checking citations: `quiz rfc fetch 8446`.
    Rfc(RfcArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man`.
    Man(ManArgs),
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
    /// RFC texts (rfcNNNN.txt) to check citations against [default: $QUIZ_RFC_DIR, else the data directory's rfc/ when it exists]
    #[arg(long, value_name = "DIR")]
    pub rfc_dir: Option<PathBuf>,
    /// Silence a warning for the whole run (repeat, or separate codes with commas).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub allow: Vec<String>,
    /// Make a warning an error for the whole run (repeat, or separate codes with commas).
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub deny: Vec<String>,
    /// The repository root that SARIF's file URIs are relative to [default: the git work tree holding each file, else the current directory]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct RfcArgs {
    #[command(subcommand)]
    pub command: RfcCommand,
}

#[derive(Debug, Subcommand)]
pub enum RfcCommand {
    /// Download RFC texts into the data directory's rfc/ folder, where `quiz check` finds them.
    Fetch(FetchArgs),
}

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// RFC numbers, such as 8446 or rfc8446.
    #[arg(required = true, value_name = "N")]
    pub numbers: Vec<String>,
    /// Download again a text that is already there.
    #[arg(long)]
    pub force: bool,
    /// The data directory [default: $QUIZ_DATA_DIR, else the platform's data directory]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// How long the whole command may take, every download included: 90s, 2m, 1h
    #[arg(long, value_name = "DURATION", default_value = "60s", value_parser = parse_duration)]
    pub timeout: Duration,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// path:line:col: error: message, then a summary
    Human,
    /// one JSON object with every diagnostic
    Json,
    /// GitHub Actions annotations (::error file=…)
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers
    Sarif,
}

/// Which questions, and how they are asked: the flags that `quiz run` and
/// `quiz serve` share.
#[derive(Debug, clap::Args)]
pub struct SelectionArgs {
    /// Bank files or directories [default: the built-in bank, or the blueprint's banks]
    pub paths: Vec<PathBuf>,
    /// A mock exam built by an exam blueprint: its count, time, pass mark and
    /// domains, in exam mode. --count, --time-limit, --pass-mark, --scoring and
    /// --seed override the file.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["tags", "missed", "review", "flagged"])]
    pub blueprint: Option<PathBuf>,
    /// practice: feedback after every answer; exam: none until submitted, then PASS or FAIL.
    /// [default: practice, or exam with --blueprint]
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Exam time limit, such as 90m, 45s or 1h30m.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub time_limit: Option<Duration>,
    /// Exam pass mark, in percent [default: 70, or the blueprint's]
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent)]
    pub pass_mark: Option<f64>,
    /// Only the questions whose latest answer scored less than full marks.
    #[arg(long, conflicts_with = "no_history")]
    pub missed: bool,
    /// The questions due for spaced-repetition review, then unseen ones (20 unless --count).
    #[arg(long, conflicts_with = "no_history")]
    pub review: bool,
    /// Only the questions flagged in the latest session that showed them.
    #[arg(long, conflicts_with = "no_history")]
    pub flagged: bool,
    /// Record nothing in the history.
    #[arg(long)]
    pub no_history: bool,
    /// Where the history lives [default: $QUIZ_DATA_DIR, else the platform's data directory]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Repeat an earlier quiz: same seed and banks, same order of questions and choices.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Keep the file order of questions and choices (an order's items and a
    /// match's responses are shuffled anyway).
    #[arg(long)]
    pub no_shuffle: bool,
    /// How multiple-answer items score [default: strict, or the blueprint's]
    #[arg(long, value_enum)]
    pub scoring: Option<ScoringArg>,
    /// Ask at most N questions (the first N after shuffling).
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub count: Option<usize>,
    /// Only questions with this tag (repeat for any of several tags).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Write the run as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Replace the --report file if it exists.
    #[arg(long, requires = "report")]
    pub force: bool,
    /// Continue the latest session that ended without finishing: same questions, answers kept.
    #[arg(long, conflicts_with_all = [
        "paths", "mode", "time_limit", "pass_mark", "missed", "review", "flagged", "no_history",
        "seed", "no_shuffle", "scoring", "count", "tags",
    ])]
    pub resume: bool,
    /// Line-by-line prompts instead of the full screen (for screen readers and scripts).
    #[arg(long)]
    pub plain: bool,
    /// When to use colour.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Serve other machines too (a phone on the same network) at ADDR, an IP
    /// address with an optional port (0.0.0.0, 192.168.1.20:8080); the printed
    /// address then carries an access token [default: 127.0.0.1, a free port, no token]
    #[arg(long, value_name = "ADDR", value_parser = parse_listen)]
    pub listen: Option<std::net::SocketAddr>,
    /// Open the address in the default browser.
    #[arg(long)]
    pub open: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorArg {
    /// when the output is a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ModeArg {
    /// feedback after every answer
    Practice,
    /// no feedback until submitted; flags, review screen, time limit, pass mark
    Exam,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Bank files or directories to report on [default: the built-in bank]
    pub paths: Vec<PathBuf>,
    /// Readiness for the exam an exam blueprint describes, by domain.
    #[arg(long, value_name = "FILE")]
    pub blueprint: Option<PathBuf>,
    /// Print JSON, for scripts.
    #[arg(long)]
    pub json: bool,
    /// Where the history lives [default: $QUIZ_DATA_DIR, else the platform's data directory]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The schema of exam blueprints instead of banks.
    #[arg(long)]
    pub blueprint: bool,
}

#[derive(Debug, clap::Args)]
pub struct BanksArgs {
    /// Bank files or directories [default: the built-in bank]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The question's id.
    pub id: String,
    /// Bank files or directories [default: the built-in bank]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The bank to append to (created, with a title, if missing) [default: print the YAML]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportFormat {
    /// Aiken: stems, A. choices, ANSWER: X (single-answer items only)
    Aiken,
    /// Moodle GIFT
    Gift,
    /// Moodle XML
    MoodleXml,
    /// IMS QTI 2.x: a package (.zip or its folder) or one item file
    Qti,
    /// CSV with a header row naming the columns (question, A, B…, answer…)
    Csv,
    /// exam-dump pages pasted into a text file (stems, A. choices, Answer: lines)
    Text,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// Aiken: stems, A. choices, ANSWER: X (single-answer items only)
    Aiken,
    /// Moodle GIFT
    Gift,
    /// Moodle XML
    MoodleXml,
    /// an IMS QTI 2.1 package (a .zip), for Canvas, Blackboard, Brightspace, TAO
    Qti,
    /// a text file for Anki's File → Import (one Basic note per question; English collections)
    Anki,
    /// an Anki package (.apkg) with quiz's own note type and a deck per bank, for any collection
    Apkg,
    /// CSV, one row per question, for spreadsheets
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The format of FILE [default: told from its name (.gift, .csv, .zip, a folder)
    /// or, for .txt and .xml, its content]
    #[arg(long, value_enum)]
    pub from: Option<ImportFormat>,
    /// The file to convert (for QTI also a package's folder).
    pub file: PathBuf,
    /// Write the bank here instead of to standard output.
    #[arg(short, long, value_name = "OUT.yaml")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The format to write.
    #[arg(long, value_enum)]
    pub to: ExportFormat,
    /// Bank files or directories [default: the built-in bank]
    pub paths: Vec<PathBuf>,
    /// Write here instead of to standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A subcommand's own page (`quiz man run` is quiz-run(1)) [default: quiz(1)]
    #[arg(conflicts_with = "dir")]
    pub command: Option<String>,
    /// Write every page (quiz.1, quiz-run.1, …) into DIR instead, creating it.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "quiz", &mut out);
    out
}

/// The manual page of quiz, or of one of its subcommands; None for an unknown one.
pub fn man_page(subcommand: Option<&str>) -> Option<std::io::Result<Vec<u8>>> {
    use clap::CommandFactory;
    let mut quiz = Cli::command();
    quiz.build();
    let page = match subcommand {
        None => quiz,
        // Built, a subcommand is named quiz-run and used as `quiz run`.
        Some(name) => quiz.find_subcommand(name)?.clone(),
    };
    Some(render_man(page))
}

/// A page as roff that is ASCII throughout: clap_mangen writes the help's `…` and
/// `→` as they are, which groff reads as invalid input characters; each becomes the
/// escape `\[uXXXX]`, which groff and mandoc both read.
fn render_man(command: clap::Command) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command).render(&mut out)?;
    let text = String::from_utf8_lossy(&out);
    let mut ascii = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            ascii.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    Ok(ascii.into_bytes())
}

/// Writes quiz.1 and one page per subcommand into `dir`, creating it; returns how
/// many pages were written.
pub fn write_man_pages(dir: &std::path::Path) -> std::io::Result<usize> {
    use clap::CommandFactory;
    fn write(command: &clap::Command, dir: &std::path::Path) -> std::io::Result<usize> {
        let mut pages = 0;
        for sub in command.get_subcommands().filter(|c| !c.is_hide_set()) {
            pages += write(sub, dir)?;
        }
        let name = format!("{}.1", command.get_display_name().unwrap_or("quiz"));
        std::fs::write(dir.join(name), render_man(command.clone())?)?;
        Ok(pages + 1)
    }
    std::fs::create_dir_all(dir)?;
    let mut quiz = Cli::command().disable_help_subcommand(true);
    quiz.build();
    write(&quiz, dir)
}

/// The names of the subcommands, for "did you mean".
pub fn subcommand_names() -> Vec<String> {
    use clap::CommandFactory;
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect()
}

/// The usage line of a subcommand, as `--help` prints it.
pub fn usage(subcommand: &str) -> String {
    use clap::CommandFactory;
    let mut quiz = Cli::command();
    quiz.build();
    quiz.find_subcommand_mut(subcommand)
        .map(|c| c.render_usage().to_string())
        .unwrap_or_default()
}

fn parse_count(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("--count must be at least 1".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "--count takes a whole number of questions, such as 10, not {text:?}"
        )),
    }
}

/// `--listen`: `0.0.0.0`, `192.168.1.20:8080`, `[::]:8080`; no port means a free one.
fn parse_listen(text: &str) -> Result<std::net::SocketAddr, String> {
    let text = text.trim();
    if let Ok(addr) = text.parse::<std::net::SocketAddr>() {
        return Ok(addr);
    }
    let bare = text.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => Ok(std::net::SocketAddr::new(ip, 0)),
        Err(_) => Err(format!(
            "{text:?} is not an address to listen on: give an IP address, with a port if you want one, such as 0.0.0.0 or 192.168.1.20:8080"
        )),
    }
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    quiz::quiz::clock::parse_duration(text)
}

fn parse_percent(text: &str) -> Result<f64, String> {
    match text.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("{text:?} is not a percentage from 0 to 100")),
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScoringArg {
    /// the point only for exactly the correct set, as certification exams score
    Strict,
    /// max(0, (right picks - wrong picks) / correct choices)
    Partial,
}
