//! `quiz new`: writing a question interactively and appending it to a bank file.
//!
//! This is the pure part, with no terminal: the [`Draft`] an author fills in, the id
//! proposed from its stem, its YAML, the check rules run on exactly that YAML, and
//! [`append`], which adds the item to a bank file without changing a byte that is
//! already there. The prompts live in `ui::author`.

use crate::bank::yaml::{self, Node, Value};
use crate::bank::{
    Bank, Choice, Question, Reference, Target, letter, letter_index, read_bank, write,
};
use crate::check::rules::check_question;
use crate::diagnostic::{Diagnostic, Pos};
use crate::formats::to_yaml;
use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// The path shown in the diagnostics of a draft (it is not in a file yet).
pub const DRAFT_PATH: &str = "(new question)";

/// The most words, and characters, of an id proposed from a stem.
const ID_MAX_WORDS: usize = 6;
const ID_MAX_CHARS: usize = 40;

/// A question as the author gave it, before it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    /// The stem.
    pub question: String,
    pub choices: Vec<String>,
    /// Indices into `choices` (0 is A), as they will be written.
    pub correct: Vec<usize>,
    /// Several lines are written as a `|` block.
    pub explanation: Option<String>,
    pub references: Vec<DraftReference>,
    pub tags: Vec<String>,
    /// The `title:` of the bank file when [`append`] creates it; the terminal front
    /// asks for it when the file does not exist yet. It wins over `title_if_new`.
    pub bank_title: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftReference {
    Rfc {
        number: u32,
        section: Option<String>,
        title: Option<String>,
    },
    Url {
        url: String,
        title: Option<String>,
    },
}

/// Why a question could not be appended. Nothing was written when one of these
/// comes back.
#[derive(Debug, thiserror::Error)]
pub enum AuthorError {
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: the folder {} does not exist", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("{}: cannot add a question to a file that does not load; `quiz check` says:{}", path.display(), lines(.diagnostics))]
    DoesNotLoad {
        path: PathBuf,
        diagnostics: Vec<Diagnostic>,
    },
    #[error("{}: cannot add a question here without rewriting the file: {reason}; edit it by hand", path.display())]
    NotAppendable { path: PathBuf, reason: String },
    #[error("{}: id `{id}` is already used at {}:{pos}", path.display(), path.display())]
    DuplicateId { path: PathBuf, id: String, pos: Pos },
    #[error("the question has errors:{}", messages(.0))]
    Invalid(Vec<Diagnostic>),
    #[error("{}: nothing was written, because the file would not read back as expected after adding the question ({reason}); please report this", path.display())]
    Unverified { path: PathBuf, reason: String },
}

/// The messages alone: a draft's positions are in YAML the author has not seen.
fn messages(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().fold(String::new(), |mut out, d| {
        let _ = write!(
            out,
            "\n  {}: {} [{}]",
            d.severity.as_str(),
            d.message,
            d.code
        );
        out
    })
}

fn lines(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().fold(String::new(), |mut out, d| {
        let _ = write!(
            out,
            "\n  {}:{}: {}: {} [{}]",
            d.path,
            d.pos(),
            d.severity.as_str(),
            d.message,
            d.code
        );
        out
    })
}

// ----------------------------------------------------------------------------
// Ids

/// An id for a question with this stem: a slug of its first words (at most six,
/// and 40 characters), made unique against `taken` with `-2`, `-3`…
///
/// "Which message carries the chosen suite?" → `which-message-carries-the-chosen-suite`.
pub fn propose_id(stem: &str, taken: &[String]) -> String {
    let words = slug_words(stem);
    let mut picked: Vec<&str> = Vec::new();
    let mut len = 0;
    for word in &words {
        let added = if picked.is_empty() {
            word.len()
        } else {
            word.len() + 1
        };
        if picked.len() == ID_MAX_WORDS || len + added > ID_MAX_CHARS {
            break;
        }
        picked.push(word);
        len += added;
    }
    let cut = picked.len() < words.len();
    // A slug cut short does not end on "the" or "of".
    while cut && picked.len() > 1 && picked.last().is_some_and(|w| STOP_WORDS.contains(w)) {
        picked.pop();
    }
    let mut base = picked.join("-");
    if base.is_empty() {
        // The first word alone is longer than an id may be.
        base = words
            .first()
            .map(|w| w.chars().take(ID_MAX_CHARS).collect::<String>())
            .unwrap_or_default();
        base = base.trim_end_matches(['-', '.', '_']).to_owned();
    }
    if base.is_empty() {
        base = "question".to_owned();
    }
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or(base)
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "by", "for", "from", "in", "is", "of", "on", "or", "that",
    "the", "to", "with",
];

/// Lower-case ASCII words of `stem`: accents dropped, apostrophes joined
/// (`server's` → `servers`), a dot kept between digits (`1.3`).
fn slug_words(stem: &str) -> Vec<String> {
    let chars: Vec<char> = stem.chars().collect();
    let mut words = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        if let Some(ascii) = fold(c) {
            word.push_str(ascii);
        } else if matches!(c, '\'' | '’')
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric)
        {
            // server's → servers
        } else if c == '.'
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            word.push('.');
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// `c` as lower-case ASCII letters or digits, or None for a separator.
fn fold(c: char) -> Option<&'static str> {
    const ASCII: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    if c.is_ascii_alphanumeric() {
        let lower = c.to_ascii_lowercase();
        let at = ASCII.find(lower)?;
        return ASCII.get(at..at + 1);
    }
    let folded = match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
        'ł' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ř' => "r",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(folded)
}

// ----------------------------------------------------------------------------
// YAML

/// The draft as one item of a `questions:` list, its dash `indent` spaces in, each
/// line ending in `\n`. Text is written plain where YAML reads it back as the same
/// string, else double-quoted with escapes; an explanation of several lines is a
/// `|` block.
pub fn to_yaml_item(draft: &Draft, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    // `{pad}- ` then every key of the item at `{key}`.
    let key = format!("{pad}  ");
    let _ = writeln!(out, "{pad}- id: {}", write::scalar(&draft.id, false));
    let _ = writeln!(
        out,
        "{key}question: {}",
        write::scalar(&draft.question, false)
    );
    if draft.choices.is_empty() {
        let _ = writeln!(out, "{key}choices: []");
    } else {
        let _ = writeln!(out, "{key}choices:");
        for choice in &draft.choices {
            let _ = writeln!(out, "{key}  - {}", write::scalar(choice, false));
        }
    }
    let _ = writeln!(out, "{key}answer: {}", answer(&draft.correct));
    if let Some(explanation) = draft
        .explanation
        .as_deref()
        .filter(|e| !e.trim().is_empty())
    {
        let _ = writeln!(
            out,
            "{key}explanation: {}",
            write::value(explanation, key.len() + 2)
        );
    }
    if !draft.references.is_empty() {
        let _ = writeln!(out, "{key}references:");
        for reference in &draft.references {
            let title = match reference {
                DraftReference::Rfc {
                    number,
                    section,
                    title,
                } => {
                    let _ = writeln!(out, "{key}  - rfc: {number}");
                    if let Some(section) = nonblank(section) {
                        let _ =
                            writeln!(out, "{key}    section: {}", write::scalar(section, false));
                    }
                    title
                }
                DraftReference::Url { url, title } => {
                    let _ = writeln!(out, "{key}  - url: {}", write::scalar(url, false));
                    title
                }
            };
            if let Some(title) = nonblank(title) {
                let _ = writeln!(out, "{key}    title: {}", write::scalar(title, false));
            }
        }
    }
    if !draft.tags.is_empty() {
        let tags: Vec<String> = draft.tags.iter().map(|t| write::scalar(t, true)).collect();
        let _ = writeln!(out, "{key}tags: [{}]", tags.join(", "));
    }
    out
}

fn nonblank(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|t| !t.trim().is_empty())
}

/// `B`, or `[A, C]`; an index past Z (which no valid question has) is written so
/// that `check` reports it.
fn answer(correct: &[usize]) -> String {
    let letters: Vec<String> = correct
        .iter()
        .map(|&i| {
            if i < 26 {
                letter(i).to_string()
            } else {
                format!("\"{}\"", i + 1)
            }
        })
        .collect();
    match letters.as_slice() {
        [one] => one.clone(),
        _ => format!("[{}]", letters.join(", ")),
    }
}

// ----------------------------------------------------------------------------
// Checking

/// The check rules (those of `quiz check` for one question) run on exactly what
/// [`to_yaml_item`] writes, read back with `read_bank`. Positions are in that YAML,
/// under [`DRAFT_PATH`]; the messages are those `quiz check` prints.
pub fn problems(draft: &Draft) -> Vec<Diagnostic> {
    let yaml = format!("questions:\n{}", to_yaml_item(draft, 2));
    let mut diags = Vec::new();
    let Some(bank) = read_bank(DRAFT_PATH, yaml.as_bytes(), &mut diags) else {
        return diags;
    };
    let Some(question) = bank.questions.first() else {
        return diags;
    };
    diags.extend(check_question(DRAFT_PATH, question));
    if let Err(reason) = same_question(question, draft) {
        diags.push(Diagnostic::error(
            DRAFT_PATH,
            question.pos,
            "internal",
            format!("the YAML written for this question reads back differently ({reason}); please report this"),
        ));
    }
    diags
}

/// The message of the first error, if any, among the rules' diagnostics for
/// these `codes`: for checking one field as the author types it.
pub fn field_problem(draft: &Draft, codes: &[&str]) -> Option<String> {
    problems(draft)
        .into_iter()
        .find(|d| d.is_error() && codes.contains(&d.code))
        .map(|d| d.message)
}

/// The reference an author typed: an RFC number (`5246`, `RFC 5246`) or an
/// http(s) address. The error is phrased as `quiz check` phrases it.
pub fn parse_reference(input: &str) -> Result<DraftReference, String> {
    let input = input.trim();
    let lower = input.to_ascii_lowercase();
    let looks_like_rfc =
        lower.starts_with("rfc") || input.starts_with(|c: char| c.is_ascii_digit());
    if looks_like_rfc {
        let number = lower.trim_start_matches("rfc").trim();
        match number.parse::<u32>() {
            Ok(number) if number > 0 => Ok(DraftReference::Rfc {
                number,
                section: None,
                title: None,
            }),
            _ => Err(reference_message("rfc", number)),
        }
    } else {
        let message = reference_message("url", input);
        if message.is_empty() {
            Ok(DraftReference::Url {
                url: input.to_owned(),
                title: None,
            })
        } else {
            Err(message)
        }
    }
}

/// What the `invalid-rfc` or `invalid-url` rule says about this reference (""
/// if fine), read from YAML as `quiz check` reads it.
fn reference_message(key: &str, value: &str) -> String {
    let yaml = format!(
        "questions:\n  - id: x\n    question: x\n    choices: [a, b]\n    answer: A\n    references:\n      - {key}: {}\n",
        write::double_quoted(value)
    );
    let mut diags = Vec::new();
    let bank = read_bank(DRAFT_PATH, yaml.as_bytes(), &mut diags);
    bank.iter()
        .flat_map(|b| &b.questions)
        .flat_map(|q| check_question(DRAFT_PATH, q))
        .chain(diags)
        .find(|d| matches!(d.code, "invalid-rfc" | "invalid-url"))
        .map(|d| d.message)
        .unwrap_or_default()
}

/// Whether `question` (read back from YAML) says what `draft` says.
fn same_question(question: &Question, draft: &Draft) -> Result<(), String> {
    let choices: Vec<&str> = question
        .choices
        .value
        .iter()
        .map(|c: &Choice| c.text.value.as_str())
        .collect();
    let answer: Vec<Option<usize>> = question
        .answer
        .value
        .iter()
        .map(|l| letter_index(&l.value))
        .collect();
    let wanted_answer: Vec<Option<usize>> = draft
        .correct
        .iter()
        .map(|&i| (i < 26).then_some(i))
        .collect();
    let explanation = question.explanation.as_ref().map(|e| e.value.as_str());
    let wanted_explanation = draft
        .explanation
        .as_deref()
        .filter(|e| !e.trim().is_empty());
    let references: Vec<DraftReference> = question.references.iter().map(as_draft).collect();
    let tags: Vec<&str> = question.tags.iter().map(|t| t.value.as_str()).collect();
    let checks = [
        ("id", question.id.value == draft.id),
        ("question", question.question.value == draft.question),
        ("choices", choices == draft.choices),
        ("answer", answer == wanted_answer),
        ("explanation", explanation == wanted_explanation),
        ("references", references == normalized(&draft.references)),
        ("tags", tags == draft.tags),
    ];
    match checks.iter().find(|(_, same)| !same) {
        Some((key, _)) => Err(format!("`{key}` differs")),
        None => Ok(()),
    }
}

fn as_draft(reference: &Reference) -> DraftReference {
    let title = reference.title.as_ref().map(|t| t.value.clone());
    match &reference.target {
        Target::Rfc { number, section } => DraftReference::Rfc {
            number: number.value.trim().parse().unwrap_or(0),
            section: section.as_ref().map(|s| s.value.clone()),
            title,
        },
        Target::Url(url) => DraftReference::Url {
            url: url.value.clone(),
            title,
        },
    }
}

/// References as they read back: blank sections and titles are left out.
fn normalized(references: &[DraftReference]) -> Vec<DraftReference> {
    let keep = |t: &Option<String>| nonblank(t).map(str::to_owned);
    references
        .iter()
        .map(|r| match r {
            DraftReference::Rfc {
                number,
                section,
                title,
            } => DraftReference::Rfc {
                number: *number,
                section: keep(section),
                title: keep(title),
            },
            DraftReference::Url { url, title } => DraftReference::Url {
                url: url.clone(),
                title: keep(title),
            },
        })
        .collect()
}

// ----------------------------------------------------------------------------
// Appending

/// What [`append`] would find at a path: for asking the right questions (and
/// refusing early) before the author types anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankFile {
    /// False when the file does not exist yet: it will be created, with a title.
    pub exists: bool,
    /// The ids already in the file, with where each is.
    pub ids: Vec<(String, Pos)>,
}

/// How the new item fits at the end of an existing file.
#[derive(Debug)]
struct Layout {
    /// The column of the existing items' dashes (spaces before `-`).
    indent: usize,
    /// The file has no `questions:` yet (it is empty, or only comments): it gets
    /// `title:` and `questions:` lines before the item.
    needs_header: bool,
    /// The items are separated by a blank line.
    blank_between: bool,
    /// The number of items in the list now.
    items: usize,
    ids: Vec<(String, Pos)>,
}

/// Reads the file at `path` (if it exists) and says whether a question can be
/// appended to it, with the ids it has.
pub fn inspect(path: &Path) -> Result<BankFile, AuthorError> {
    match read_existing(path)? {
        None => {
            folder_exists(path)?;
            Ok(BankFile {
                exists: false,
                ids: Vec::new(),
            })
        }
        Some(bytes) => {
            let layout = layout(path, &bytes)?;
            Ok(BankFile {
                exists: true,
                ids: layout.ids,
            })
        }
    }
}

/// Appends the draft to the bank file at `path` as the last item of its
/// `questions:` list, keeping every byte already there (comments, blank lines,
/// CRLF line ends, a byte-order mark). A missing file is created with a `title:`
/// (`draft.bank_title`, else `title_if_new`). The new text is read back before it
/// is written: it must load, with the new question in it as drafted. It is written
/// to a temporary file in the same folder that is then renamed over the file, so a
/// crash leaves the old file or the new one, never half of one.
///
/// Refused, with nothing written: a draft with errors (see [`problems`]), an id the
/// file already has, a file that does not load, and a file whose `questions:` is
/// not a block list at its end (a flow list `[...]`, or keys after it).
pub fn append(path: &Path, draft: &Draft, title_if_new: &str) -> Result<(), AuthorError> {
    let errors: Vec<Diagnostic> = problems(draft)
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    if !errors.is_empty() {
        return Err(AuthorError::Invalid(errors));
    }
    // Write through a symbolic link to the file it names, not over the link.
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let new = match read_existing(&target)? {
        None => {
            folder_exists(path)?;
            let title = draft.bank_title.as_deref().unwrap_or(title_if_new);
            let new = new_file(title, draft);
            verify(path, &new, draft, 0)?;
            new
        }
        Some(bytes) => append_bytes(path, &bytes, draft)?,
    };
    write_atomically(&target, &new).map_err(|source| AuthorError::Io {
        path: path.to_owned(),
        source,
    })
}

/// What [`append`] writes over an existing bank file of `old` bytes: every old
/// byte, then the draft as the last item, read back and verified. `path` only
/// names the file in errors. Pure, so that it can be fuzzed: any bytes give a
/// refusal or a verified append.
pub fn append_bytes(path: &Path, old: &[u8], draft: &Draft) -> Result<Vec<u8>, AuthorError> {
    let shown = path.display().to_string();
    let before = read_bank(&shown, old, &mut Vec::new());
    // A blank line between items is the file's style, but after a block that
    // keeps its final line breaks (`|+`) it would become part of that block.
    for separate in [true, false] {
        let (new, items_before) = appended(path, old, draft, separate)?;
        verify(path, &new, draft, items_before)?;
        if keeps_questions(before.as_ref(), &new, &shown) {
            return Ok(new);
        }
    }
    Err(AuthorError::NotAppendable {
        path: path.to_owned(),
        reason: "the last question ends in a block that keeps its final line breaks (`|+` or `>+`), and a question after it would change that block".to_owned(),
    })
}

/// Whether the questions of `before` (the file as it was) read the same in `new`,
/// where the new question follows them. Compared as `to_yaml` writes them, which
/// writes every field exactly and nothing of positions.
fn keeps_questions(before: Option<&Bank>, new: &[u8], shown: &str) -> bool {
    let Some(mut after) = read_bank(shown, new, &mut Vec::new()) else {
        return false;
    };
    after.questions.pop();
    match before {
        Some(before) => to_yaml(before) == to_yaml(&after),
        None => after.questions.is_empty(),
    }
}

fn read_existing(path: &Path) -> Result<Option<Vec<u8>>, AuthorError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(AuthorError::Io {
            path: path.to_owned(),
            source,
        }),
    }
}

fn folder_exists(path: &Path) -> Result<(), AuthorError> {
    let folder = folder_of(path);
    if folder.is_dir() {
        Ok(())
    } else {
        Err(AuthorError::NoFolder {
            path: path.to_owned(),
            folder: folder.to_owned(),
        })
    }
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A new bank file: its title, `questions:`, and the item.
fn new_file(title: &str, draft: &Draft) -> Vec<u8> {
    let mut text = String::new();
    if !title.trim().is_empty() {
        let _ = writeln!(text, "title: {}", write::scalar(title.trim(), false));
    }
    text.push_str("questions:\n");
    text.push_str(&to_yaml_item(draft, 2));
    text.into_bytes()
}

/// The file's bytes with the item added, and how many items it had.
/// `separate`: put a blank line before the item when the file's items have one
/// between them.
fn appended(
    path: &Path,
    bytes: &[u8],
    draft: &Draft,
    separate: bool,
) -> Result<(Vec<u8>, usize), AuthorError> {
    let layout = layout(path, bytes)?;
    if let Some((_, pos)) = layout.ids.iter().find(|(id, _)| *id == draft.id) {
        return Err(AuthorError::DuplicateId {
            path: path.to_owned(),
            id: draft.id.clone(),
            pos: *pos,
        });
    }
    let crlf = bytes
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && bytes[i - 1] == b'\r');
    let mut item = String::new();
    if layout.needs_header {
        if let Some(title) = draft.bank_title.as_deref().filter(|t| !t.trim().is_empty()) {
            let _ = writeln!(item, "title: {}", write::scalar(title.trim(), false));
        }
        item.push_str("questions:\n");
    }
    item.push_str(&to_yaml_item(draft, layout.indent));
    let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out = bytes.to_vec();
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.extend_from_slice(eol);
    }
    if separate && layout.blank_between && !ends_with_blank_line(&out) {
        out.extend_from_slice(eol);
    }
    for line in item.split_inclusive('\n') {
        out.extend_from_slice(line.trim_end_matches('\n').as_bytes());
        out.extend_from_slice(eol);
    }
    Ok((out, layout.items))
}

fn ends_with_blank_line(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines().rev();
    lines.next().is_some_and(|l| l.trim().is_empty())
}

/// Where the file's `questions:` list is, and whether an item can go after it.
fn layout(path: &Path, bytes: &[u8]) -> Result<Layout, AuthorError> {
    let does_not_load = |diagnostics: Vec<Diagnostic>| AuthorError::DoesNotLoad {
        path: path.to_owned(),
        diagnostics,
    };
    let refuse = |reason: String| AuthorError::NotAppendable {
        path: path.to_owned(),
        reason,
    };
    let shown = path.display().to_string();
    let Ok(text) = std::str::from_utf8(bytes) else {
        let mut diags = Vec::new();
        read_bank(&shown, bytes, &mut diags);
        return Err(does_not_load(diags));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root = yaml::parse(text)
        .map_err(|e| does_not_load(vec![Diagnostic::error(&shown, e.pos, "syntax", e.message)]))?;
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let pairs = match &root.value {
        Value::Null if !only_comments(&lines) => {
            return Err(refuse(
                "it holds only an empty YAML document (`~`, `null`) where the bank should be"
                    .to_owned(),
            ));
        }
        // Empty, or only comments: the header comes with the item.
        Value::Null => {
            return Ok(Layout {
                indent: 2,
                needs_header: true,
                blank_between: false,
                items: 0,
                ids: Vec::new(),
            });
        }
        Value::Map(pairs) if !starts_flow(&lines, root.pos) => pairs,
        Value::Map(_) => return Err(refuse("the file is one flow map `{...}`".to_owned())),
        _ => {
            let mut diags = Vec::new();
            read_bank(&shown, bytes, &mut diags);
            return Err(does_not_load(diags));
        }
    };
    let Some(index) = pairs.iter().position(|(k, _)| is_key(k, "questions")) else {
        let mut diags = Vec::new();
        read_bank(&shown, bytes, &mut diags);
        return Err(does_not_load(diags));
    };
    if let Some((after, _)) = pairs.get(index + 1) {
        return Err(refuse(format!(
            "`questions` is not the last key: line {} has another one after it",
            after.pos.line
        )));
    }
    let (key, value) = &pairs[index];
    let items: &[Node] = match &value.value {
        Value::Seq(items) => items,
        Value::Null => &[],
        _ => {
            let mut diags = Vec::new();
            read_bank(&shown, bytes, &mut diags);
            return Err(does_not_load(diags));
        }
    };
    let key_line = key.pos.line as usize;
    let key_indent = key.pos.col.saturating_sub(1) as usize;
    let line = lines.get(key_line - 1).copied().unwrap_or_default();
    let after_key = line
        .char_indices()
        .nth(key_indent)
        .map_or("", |(i, _)| &line[i..]);
    let rest = after_key
        .strip_prefix("questions")
        .map(|r| r.trim_start_matches([' ', '\t']));
    let Some(rest) = rest.and_then(|r| r.strip_prefix(':')) else {
        return Err(refuse(format!(
            "line {key_line}: write the key as a plain `questions:`"
        )));
    };
    let rest = rest.trim_matches([' ', '\t']);
    if rest.starts_with('[') {
        return Err(refuse(
            "`questions` is a flow list `[...]`; it must be a block list of `- id: ...` items"
                .to_owned(),
        ));
    }
    if !(rest.is_empty() || rest.starts_with('#')) {
        return Err(refuse(format!(
            "line {key_line}: `questions:` must be followed by its `- id: ...` items on the next lines"
        )));
    }
    // The lines after `questions:` that are not blank or comments.
    let content = lines
        .iter()
        .enumerate()
        .skip(key_line)
        .filter(|(_, l)| {
            let t = l.trim_start_matches(' ');
            !(t.trim().is_empty() || t.starts_with('#'))
        })
        .map(|(i, l)| (i + 1, *l));
    let mut indent = None;
    let mut dash_lines = Vec::new();
    for (number, line) in content {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        let is_dash = is_dash(&line[spaces..]);
        match indent {
            None if is_dash && spaces >= key_indent => indent = Some(spaces),
            None => {
                return Err(refuse(format!(
                    "line {number} follows `questions:` but is not a `- ` item of its list"
                )));
            }
            Some(n) if spaces > n => {}
            Some(n) if spaces == n && is_dash => {}
            Some(_) => {
                return Err(refuse(format!(
                    "line {number} comes after the `questions` list, so a new item cannot go at the end of the file"
                )));
            }
        }
        if is_dash && Some(spaces) == indent {
            dash_lines.push(number);
        }
    }
    if dash_lines.len() != items.len() {
        return Err(refuse(
            "the items of `questions` are not laid out one `- ` per item".to_owned(),
        ));
    }
    let blank_between = dash_lines.get(1).is_some_and(|&n| {
        n >= 2
            && lines
                .get(n - 2)
                .is_some_and(|l| l.trim_matches([' ', '\t']).is_empty())
    });
    Ok(Layout {
        indent: indent.unwrap_or(key_indent + 2),
        needs_header: false,
        blank_between,
        items: items.len(),
        ids: items.iter().filter_map(item_id).collect(),
    })
}

/// Whether the lines hold nothing but blanks, comments, directives and a `---`
/// that starts the document: text after which a `questions:` line may follow.
fn only_comments(lines: &[&str]) -> bool {
    lines.iter().all(|line| {
        let line = line.trim_matches([' ', '\t']);
        let rest = line.strip_prefix("---").unwrap_or(line);
        line.starts_with('%')
            || rest.is_empty()
            || rest.starts_with('#')
            || (rest.starts_with([' ', '\t']) && rest.trim_start().starts_with('#'))
    })
}

fn is_key(node: &Node, name: &str) -> bool {
    matches!(&node.value, Value::Scalar { text, .. } if text == name)
}

/// `- ...` or a lone `-`: a block sequence entry.
fn is_dash(text: &str) -> bool {
    text == "-" || text.starts_with("- ") || text.starts_with("-\t")
}

/// Whether the node at `pos` starts with `{` or `[` (flow style).
fn starts_flow(lines: &[&str], pos: Pos) -> bool {
    lines
        .get((pos.line as usize).saturating_sub(1))
        .and_then(|l| l.chars().nth((pos.col as usize).saturating_sub(1)))
        .is_some_and(|c| c == '{' || c == '[')
}

fn item_id(item: &Node) -> Option<(String, Pos)> {
    let Value::Map(pairs) = &item.value else {
        return None;
    };
    pairs
        .iter()
        .find(|(k, _)| is_key(k, "id"))
        .and_then(|(_, v)| match &v.value {
            Value::Scalar { text, .. } => Some((text.clone(), v.pos)),
            _ => None,
        })
}

/// The new text loads, has one more question than before, and the last one is the
/// draft as written.
fn verify(path: &Path, new: &[u8], draft: &Draft, items_before: usize) -> Result<(), AuthorError> {
    let unverified = |reason: String| AuthorError::Unverified {
        path: path.to_owned(),
        reason,
    };
    let shown = path.display().to_string();
    let mut diags = Vec::new();
    let Some(bank) = read_bank(&shown, new, &mut diags) else {
        return Err(unverified(diags.first().map_or_else(
            || "it does not load".to_owned(),
            |d| d.message.clone(),
        )));
    };
    let text = String::from_utf8_lossy(new);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let items = match yaml::parse(text).map(|root| root.value) {
        Ok(Value::Map(pairs)) => {
            pairs
                .iter()
                .find(|(k, _)| is_key(k, "questions"))
                .map_or(0, |(_, v)| match &v.value {
                    Value::Seq(items) => items.len(),
                    _ => 0,
                })
        }
        _ => 0,
    };
    if items != items_before + 1 {
        return Err(unverified(format!(
            "it would have {items} questions instead of {}",
            items_before + 1
        )));
    }
    let Some(question) = bank.questions.iter().rfind(|q| q.id.value == draft.id) else {
        return Err(unverified("the new question is not in it".to_owned()));
    };
    same_question(question, draft).map_err(unverified)
}

/// Writes `bytes` to a new file next to `path` and renames it over `path`, keeping
/// the old file's permissions.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let folder = folder_of(path);
    let name = path
        .file_name()
        .map_or_else(|| "bank".into(), |n| n.to_string_lossy().into_owned());
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let (temp, mut file) = create_temp(folder, &name)?;
    let written = (|| {
        file.write_all(bytes)?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written?;
    // The rename itself is durable once the folder is synced (where that is possible).
    if let Ok(dir) = std::fs::File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(())
}

fn create_temp(folder: &Path, name: &str) -> io::Result<(PathBuf, std::fs::File)> {
    let pid = std::process::id();
    let mut last = None;
    for attempt in 0..100u32 {
        let temp = folder.join(format!(".{name}.quiz-new-{pid}-{attempt}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("cannot create a temporary file")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> Draft {
        Draft {
            id: "which-message".to_owned(),
            question: "Which message carries the chosen suite?".to_owned(),
            choices: vec!["ClientHello".to_owned(), "ServerHello".to_owned()],
            correct: vec![1],
            explanation: Some("The server picks one suite.".to_owned()),
            references: vec![DraftReference::Rfc {
                number: 5246,
                section: Some("7.4.1.3".to_owned()),
                title: Some("Server Hello".to_owned()),
            }],
            tags: vec!["tls".to_owned(), "handshake".to_owned()],
            bank_title: None,
        }
    }

    /// The draft's item in a bank of its own, read back.
    fn read_back(draft: &Draft) -> Question {
        let yaml = format!("questions:\n{}", to_yaml_item(draft, 2));
        let mut diags = Vec::new();
        let bank = read_bank("t.yaml", yaml.as_bytes(), &mut diags);
        assert!(diags.is_empty(), "{yaml}\n{diags:?}");
        let bank = bank.unwrap_or_else(|| panic!("does not load:\n{yaml}"));
        assert_eq!(bank.questions.len(), 1, "{yaml}");
        bank.questions[0].clone()
    }

    #[test]
    fn proposes_a_slug_of_the_stem() {
        let id = propose_id("Which message carries the chosen suite?", &[]);
        assert_eq!(id, "which-message-carries-the-chosen-suite");
        assert_eq!(
            propose_id(
                "What does TLS 1.3 remove from the handshake of TLS 1.2?",
                &[]
            ),
            "what-does-tls-1.3-remove"
        );
        assert_eq!(
            propose_id("Why is the server's key used?", &[]),
            "why-is-the-servers-key-used"
        );
        assert_eq!(
            propose_id("Qu'est-ce que l'échange de clés ?", &[]),
            "quest-ce-que-lechange-de-cles"
        );
        assert_eq!(propose_id("  ¿¡?!  ", &[]), "question");
        assert_eq!(propose_id("", &[]), "question");
        assert_eq!(propose_id("RSA", &[]), "rsa");
    }

    #[test]
    fn a_proposed_id_is_short_and_does_not_end_on_a_small_word() {
        // Six words would end on "of"; the slug stops before it.
        assert_eq!(
            propose_id("Which of the following is one of the steps?", &[]),
            "which-of-the-following-is-one"
        );
        assert_eq!(
            propose_id("Which one is the purpose of the Finished message?", &[]),
            "which-one-is-the-purpose"
        );
        let long = propose_id(
            "Internationalization considerations notwithstanding, cryptographic agility matters",
            &[],
        );
        assert!(long.len() <= ID_MAX_CHARS, "{long}");
        assert_eq!(long, "internationalization-considerations");
        let one_word = propose_id(&"x".repeat(100), &[]);
        assert_eq!(one_word.len(), ID_MAX_CHARS);
    }

    #[test]
    fn a_proposed_id_is_unique_in_the_file() {
        let taken = vec!["rsa".to_owned(), "rsa-2".to_owned()];
        assert_eq!(propose_id("RSA?", &taken), "rsa-3");
        assert_eq!(propose_id("DH?", &taken), "dh");
    }

    #[test]
    fn a_proposed_id_passes_the_id_rule() {
        for stem in [
            "Ça va?",
            "α β γ",
            "A_b.c-d",
            "1.2.3",
            "x..y",
            "--",
            "🎉 party",
        ] {
            let mut d = draft();
            d.id = propose_id(stem, &[]);
            assert!(
                field_problem(&d, &["invalid-id"]).is_none(),
                "{stem:?} gave {:?}",
                d.id
            );
        }
    }

    #[test]
    fn writes_a_plain_item_like_the_readme() {
        assert_eq!(
            to_yaml_item(&draft(), 2),
            "  - id: which-message
    question: Which message carries the chosen suite?
    choices:
      - ClientHello
      - ServerHello
    answer: B
    explanation: The server picks one suite.
    references:
      - rfc: 5246
        section: \"7.4.1.3\"
        title: Server Hello
    tags: [tls, handshake]
"
        );
        let mut several = draft();
        several.correct = vec![0, 1];
        several.references = vec![DraftReference::Url {
            url: "https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3".to_owned(),
            title: None,
        }];
        several.explanation = Some("Line one.\nLine two.\n".to_owned());
        several.tags.clear();
        assert_eq!(
            to_yaml_item(&several, 0),
            "- id: which-message
  question: Which message carries the chosen suite?
  choices:
    - ClientHello
    - ServerHello
  answer: [A, B]
  explanation: |
    Line one.
    Line two.
  references:
    - url: https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3
"
        );
    }

    const NASTY: &[&str] = &[
        "a: b",
        "a:b",
        "ends with:",
        "#hash",
        "x #not a comment",
        "x#y",
        "'single'",
        "\"double\"",
        "it's",
        "say \"hi\"",
        "- dash",
        "-dash",
        "--",
        "---",
        "...",
        "* star",
        "*alias",
        "&anchor",
        "!tag",
        "!!str",
        "{a: 1}",
        "[a, b]",
        "a, b",
        "%percent",
        "@at",
        "`tick`",
        "| bar",
        "> gt",
        "? q",
        "?",
        ":",
        "-",
        "123",
        "007",
        "1.5",
        "10.10",
        "0x1F",
        "0o17",
        "1e3",
        "-1",
        "+1",
        ".5",
        ".inf",
        "-.inf",
        ".NaN",
        "1_000",
        "1:30",
        "2001-12-14",
        "true",
        "False",
        "TRUE",
        "null",
        "Null",
        "~",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        "<<",
        "=",
        "",
        " ",
        " lead",
        "trail ",
        "tab\tin",
        "back\\slash",
        "\\n",
        "new\nline",
        "cr\rret",
        "crlf\r\n",
        "bell\u{7}",
        "nul\u{0}",
        "esc\u{1b}[0m",
        "del\u{7f}",
        "nel\u{85}",
        "nbsp\u{a0}x",
        "ls\u{2028}ps\u{2029}",
        "\u{feff}bom",
        "noncharacter\u{fffe}",
        "é ü 中文 🎉",
        "RFC 5246 §7.4.1.3",
        "50%",
        "a  b",
        "trailing\n",
        "\nleading",
    ];

    #[test]
    fn nasty_text_round_trips_exactly() {
        for &text in NASTY {
            let mut d = draft();
            d.question = text.to_owned();
            d.choices = vec![text.to_owned(), format!("other {text}")];
            d.tags = vec![text.to_owned(), "plain".to_owned()];
            d.references = vec![
                DraftReference::Rfc {
                    number: 1,
                    section: Some(text.to_owned()),
                    title: Some(text.to_owned()),
                },
                DraftReference::Url {
                    url: "https://example.com/a#b".to_owned(),
                    title: Some(text.to_owned()),
                },
            ];
            d.explanation = Some(text.to_owned());
            let q = read_back(&d);
            assert_eq!(q.question.value, text, "{}", to_yaml_item(&d, 2));
            let choices: Vec<&str> = q
                .choices
                .value
                .iter()
                .map(|c| c.text.value.as_str())
                .collect();
            assert_eq!(choices, [text, &format!("other {text}")]);
            let tags: Vec<&str> = q.tags.iter().map(|t| t.value.as_str()).collect();
            assert_eq!(tags, [text, "plain"], "{}", to_yaml_item(&d, 2));
            assert_eq!(
                same_question(&q, &d),
                Ok(()),
                "{text:?}:\n{}",
                to_yaml_item(&d, 2)
            );
            assert!(
                !problems(&d).iter().any(|p| p.code == "internal"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn nasty_ids_round_trip_exactly() {
        for id in ["123", "1.5", "true", "null", "-x", "a b", "x: y", "", "é"] {
            let mut d = draft();
            d.id = id.to_owned();
            assert_eq!(read_back(&d).id.value, id);
        }
    }

    #[test]
    fn explanations_of_several_lines_are_blocks_that_round_trip() {
        let cases = [
            ("one\ntwo", "|-"),
            ("one\ntwo\n", "|\n"),
            ("one\n\ntwo\n\n\n", "|+"),
            ("\nstarts empty\nthen text", "|-"),
            ("first\n  indented: yes # really\n- dash", "|-"),
            ("tabs\tinside\n\tand first", "|-"),
            ("  starts indented\nx", "\""),
            ("blank\n   \nline", "\""),
            ("control\u{7}\nx", "\""),
            ("crlf\r\nx", "\""),
        ];
        for (text, style) in cases {
            let mut d = draft();
            d.explanation = Some(text.to_owned());
            let item = to_yaml_item(&d, 4);
            assert!(
                item.contains(&format!("explanation: {style}")),
                "{text:?}:\n{item}"
            );
            let q = read_back(&d);
            assert_eq!(
                q.explanation.map(|e| e.value).as_deref(),
                Some(text),
                "{item}"
            );
        }
    }

    #[test]
    fn problems_are_the_check_rules_on_what_is_written() {
        assert_eq!(problems(&draft()), Vec::new());
        let mut d = draft();
        d.id = "has space".to_owned();
        d.question = "  ".to_owned();
        d.choices = vec!["same".to_owned(), " same ".to_owned(), String::new()];
        d.correct = vec![];
        d.explanation = None;
        d.references = vec![DraftReference::Url {
            url: "ftp://x".to_owned(),
            title: None,
        }];
        let codes: Vec<&str> = problems(&d).iter().map(|p| p.code).collect();
        assert_eq!(
            codes,
            [
                "invalid-id",
                "empty-question",
                "empty-choice",
                "duplicate-choice",
                "invalid-answer",
                "invalid-url",
                "missing-explanation"
            ]
        );
        let messages: Vec<String> = problems(&d).into_iter().map(|p| p.message).collect();
        assert!(messages.contains(&"choice B repeats choice A: \"same\"".to_owned()));

        let mut one = draft();
        one.choices.truncate(1);
        one.correct = vec![2];
        assert_eq!(
            field_problem(&one, &["too-few-choices"]).as_deref(),
            Some("a question needs at least 2 choices, this one has 1")
        );
        assert_eq!(
            field_problem(&one, &["answer-out-of-range"]).as_deref(),
            Some("answer `C` names no choice: this question has 1 choices (A)")
        );
        let mut none = draft();
        none.references.clear();
        let warnings: Vec<&str> = problems(&none).iter().map(|p| p.code).collect();
        assert_eq!(warnings, ["missing-reference"]);
    }

    #[test]
    fn parses_references_and_phrases_errors_as_check_does() {
        assert_eq!(
            parse_reference("RFC 8446"),
            Ok(DraftReference::Rfc {
                number: 8446,
                section: None,
                title: None
            })
        );
        assert!(matches!(
            parse_reference("rfc5246"),
            Ok(DraftReference::Rfc { number: 5246, .. })
        ));
        assert!(matches!(
            parse_reference(" 793 "),
            Ok(DraftReference::Rfc { number: 793, .. })
        ));
        assert_eq!(
            parse_reference("https://example.com/x"),
            Ok(DraftReference::Url {
                url: "https://example.com/x".to_owned(),
                title: None
            })
        );
        assert_eq!(
            parse_reference("RFC 0").unwrap_err(),
            "`rfc` must be a positive integer such as 5246, found \"0\""
        );
        assert_eq!(
            parse_reference("rfc x").unwrap_err(),
            "`rfc` must be a positive integer such as 5246, found \"x\""
        );
        assert_eq!(
            parse_reference("www.example.com").unwrap_err(),
            "`url` must be an http:// or https:// address, found \"www.example.com\""
        );
    }

    // --- appending -----------------------------------------------------------

    const BANK: &str = "# A bank with comments.\ntitle: TLS # inline comment\nquestions:\n  - id: first # the first\n    question: What?\n    choices: [a, b]\n    answer: A\n\n  - id: second\n    question: Why?\n    choices:\n      - a\n      - b\n    answer: B\n    # a comment at the end\n";

    fn bank_file(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path
    }

    fn read(path: &Path) -> Vec<u8> {
        std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// The file after `append`: it starts with every old byte and loads with the
    /// draft as its last question.
    #[track_caller]
    fn appended_ok(old: &[u8], d: &Draft) -> String {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bank.yaml", old);
        append(&path, d, "unused").unwrap_or_else(|e| panic!("{e}"));
        let new = read(&path);
        assert!(
            new.starts_with(old),
            "old bytes changed:\n{}",
            String::from_utf8_lossy(&new)
        );
        let mut diags = Vec::new();
        let bank = read_bank("bank.yaml", &new, &mut diags);
        let bank = bank.unwrap_or_else(|| panic!("{diags:?}"));
        let last = bank
            .questions
            .last()
            .unwrap_or_else(|| panic!("no questions"));
        assert_eq!(same_question(last, d), Ok(()));
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["bank.yaml"], "a temporary file was left behind");
        String::from_utf8(new).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn appending_keeps_every_byte_and_comment() {
        let new = appended_ok(BANK.as_bytes(), &draft());
        let added = &new[BANK.len()..];
        // The items are separated by blank lines, so the new one is too.
        assert!(
            added.starts_with("\n  - id: which-message\n    question: Which"),
            "{added}"
        );
        let mut diags = Vec::new();
        let bank = read_bank("b", new.as_bytes(), &mut diags);
        let ids: Vec<String> = bank
            .map(|b| b.questions.into_iter().map(|q| q.id.value).collect())
            .unwrap_or_default();
        assert_eq!(ids, ["first", "second", "which-message"]);
    }

    #[test]
    fn appending_matches_the_items_indentation() {
        let zero = "questions:\n- id: a\n  question: q\n  choices: [x, y]\n  answer: A\n";
        let new = appended_ok(zero.as_bytes(), &draft());
        assert!(
            new[zero.len()..].starts_with("- id: which-message\n  question:"),
            "{new}"
        );
        let four = "questions:\n    - id: a\n      question: q\n      choices: [x, y]\n      answer: A\n    - id: b\n      question: q\n      choices: [x, y]\n      answer: A\n";
        let new = appended_ok(four.as_bytes(), &draft());
        assert!(
            new[four.len()..].starts_with("    - id: which-message\n      question:"),
            "{new}"
        );
    }

    #[test]
    fn appending_to_a_crlf_file_with_a_bom_and_no_final_newline() {
        let old = "\u{feff}title: T\r\nquestions:\r\n  - id: a\r\n    question: q\r\n    choices: [x, y]\r\n    answer: A";
        let new = appended_ok(old.as_bytes(), &draft());
        let added = &new[old.len()..];
        assert!(
            added.starts_with("\r\n  - id: which-message\r\n"),
            "{added:?}"
        );
        assert!(!added.replace("\r\n", "").contains('\n'), "{added:?}");
        assert!(added.ends_with("\r\n"));
    }

    #[test]
    fn appending_a_multi_line_explanation_to_a_crlf_file() {
        let old = "questions:\r\n  - id: a\r\n    question: q\r\n    choices: [x, y]\r\n    answer: A\r\n";
        let mut d = draft();
        d.explanation = Some("one\ntwo\n".to_owned());
        let new = appended_ok(old.as_bytes(), &d);
        assert!(
            new.contains("    explanation: |\r\n      one\r\n      two\r\n"),
            "{new:?}"
        );
    }

    #[test]
    fn appending_under_an_empty_questions_key_or_to_an_empty_file() {
        let empty_list = "title: T\nquestions: # none yet\n\n# trailing\n";
        let new = appended_ok(empty_list.as_bytes(), &draft());
        assert!(
            new[empty_list.len()..].starts_with("  - id: which-message\n"),
            "{new}"
        );

        let mut d = draft();
        d.bank_title = Some("New: bank".to_owned());
        for old in [
            "",
            "# just a comment",
            "\n\n",
            "---\n",
            "%YAML 1.2\n--- # a comment\n",
        ] {
            let new = appended_ok(old.as_bytes(), &d);
            let added = new[old.len()..].trim_start_matches('\n');
            assert!(
                added.starts_with("title: \"New: bank\"\nquestions:\n  - id: which-message\n"),
                "{new}"
            );
        }
    }

    #[test]
    fn a_block_that_keeps_its_line_breaks_is_left_as_it_was() {
        let item = |id: &str| {
            format!(
                "  - id: {id}\n    question: Q?\n    choices: [x, y]\n    answer: A\n    explanation: |+\n      text\n"
            )
        };
        // The items are separated by blank lines, but one after `b`'s block would
        // become part of it.
        let old = format!("questions:\n{}\n{}", item("a"), item("b"));
        let new = appended_ok(old.as_bytes(), &draft());
        assert!(
            new[old.len()..].starts_with("  - id: which-message"),
            "{new}"
        );
        let explanations = |text: &str| {
            let bank = read_bank("b", text.as_bytes(), &mut Vec::new());
            bank.map(|b| {
                b.questions
                    .into_iter()
                    .map(|q| q.explanation.map(|e| e.value))
                    .collect::<Vec<_>>()
            })
        };
        let mut after = explanations(&new).unwrap_or_default();
        after.pop();
        assert_eq!(Some(after), explanations(&old));
    }

    #[test]
    fn a_missing_file_is_created_with_a_title() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("new.yaml");
        assert_eq!(
            inspect(&path).map_err(|e| e.to_string()),
            Ok(BankFile {
                exists: false,
                ids: Vec::new()
            })
        );
        append(&path, &draft(), "TLS basics").unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8(read(&path)).unwrap_or_default();
        assert_eq!(
            text,
            format!(
                "title: TLS basics\nquestions:\n{}",
                to_yaml_item(&draft(), 2)
            )
        );
        // The draft's own title wins.
        let other = dir.path().join("other.yaml");
        let mut d = draft();
        d.bank_title = Some("Asked".to_owned());
        append(&other, &d, "TLS basics").unwrap_or_else(|e| panic!("{e}"));
        assert!(
            String::from_utf8(read(&other))
                .unwrap_or_default()
                .starts_with("title: Asked\n")
        );

        let nowhere = dir.path().join("no/such/folder/x.yaml");
        let err = append(&nowhere, &draft(), "T").map(|()| "").unwrap_err();
        assert!(matches!(err, AuthorError::NoFolder { .. }), "{err}");
        assert!(inspect(&nowhere).is_err());
    }

    #[test]
    fn a_duplicate_id_is_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bank.yaml", BANK.as_bytes());
        let file = inspect(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            file.ids,
            [
                ("first".to_owned(), Pos::new(4, 9)),
                ("second".to_owned(), Pos::new(9, 9))
            ]
        );
        let mut d = draft();
        d.id = "second".to_owned();
        let err = append(&path, &d, "T").map(|()| String::new()).unwrap_err();
        assert!(matches!(err, AuthorError::DuplicateId { .. }));
        let shown = path.display().to_string();
        assert_eq!(
            err.to_string(),
            format!("{shown}: id `second` is already used at {shown}:9:9")
        );
        assert_eq!(read(&path), BANK.as_bytes());
    }

    #[test]
    fn a_draft_with_errors_is_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bank.yaml", BANK.as_bytes());
        let mut d = draft();
        d.choices.pop();
        let err = append(&path, &d, "T").map(|()| String::new()).unwrap_err();
        assert!(
            err.to_string()
                .contains("a question needs at least 2 choices"),
            "{err}"
        );
        assert_eq!(read(&path), BANK.as_bytes());
    }

    #[test]
    fn files_that_cannot_take_an_item_at_the_end_are_refused_untouched() {
        let refused = [
            (
                "title: T\nquestions: [{id: a, question: q, choices: [x, y], answer: A}]\n",
                "flow list",
            ),
            ("title: T\nquestions: []\n", "flow list"),
            (
                "{title: T, questions: [{id: a, question: q, choices: [x, y], answer: A}]}\n",
                "flow map",
            ),
            (
                "questions:\n  - id: a\n    question: q\n    choices: [x, y]\n    answer: A\ntitle: T\n",
                "not the last key",
            ),
            (
                "questions:\n- id: a\n  question: q\n  choices: [x, y]\n  answer: A\n...\n",
                "comes after",
            ),
            (
                "questions:\n  - id: a\n    question: q\n    choices: [x, y]\n    answer: A\n---\nquestions: []\n",
                "does not load",
            ),
            (
                "\"questions\":\n  - id: a\n    question: q\n    choices: [x, y]\n    answer: A\n",
                "plain `questions:`",
            ),
            (
                "questions: !!seq\n  - id: a\n    question: q\n    choices: [x, y]\n    answer: A\n",
                "on the next lines",
            ),
            ("questions:\n  - id: a\n    question: [\n", "does not load"),
            ("questions: 3\n", "does not load"),
            ("- a\n- b\n", "does not load"),
            ("title: T\n", "does not load"),
            ("~\n", "only an empty YAML document"),
            ("null", "only an empty YAML document"),
            ("# a comment\n--- ~\n", "only an empty YAML document"),
            ("---\n...\n", "only an empty YAML document"),
            ("!!null\n", "only an empty YAML document"),
        ];
        for (old, why) in refused {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let path = bank_file(&dir, "bank.yaml", old.as_bytes());
            let err = append(&path, &draft(), "T")
                .map(|()| String::new())
                .unwrap_err();
            assert!(err.to_string().contains(why), "{old:?}: {err}");
            assert!(inspect(&path).is_err(), "{old:?}");
            assert_eq!(read(&path), old.as_bytes(), "{old:?}");
        }
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bad.yaml", b"questions:\n  - id: \xff\n");
        let err = append(&path, &draft(), "T")
            .map(|()| String::new())
            .unwrap_err();
        assert!(err.to_string().contains("invalid-utf8"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn appending_keeps_permissions_and_writes_through_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = bank_file(&dir, "bank.yaml", BANK.as_bytes());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640))
            .unwrap_or_else(|e| panic!("{e}"));
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&path, &link).unwrap_or_else(|e| panic!("{e}"));
        append(&link, &draft(), "T").unwrap_or_else(|e| panic!("{e}"));
        assert!(std::fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        let meta = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(meta.permissions().mode() & 0o777, 0o640);
        assert!(read(&path).starts_with(BANK.as_bytes()));
        assert!(read(&path).len() > BANK.len());
    }
}
