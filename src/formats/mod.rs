//! Import and export of other quiz formats: Aiken, Moodle GIFT and Moodle XML, IMS QTI
//! 2.1 packages, Anki's text import, CSV and exam-dump text, one file (or folder) per
//! format behind the [`Format`] trait, and [`to_yaml`] for quiz's own format.
//!
//! Formatters return bytes (text, or the zip of a QTI package) and never touch files
//! or standard output; the caller decides where they go. Readers take the file as a
//! stream (or, for a QTI package unpacked into a folder, its files), and each is
//! linear in its input. The line formats (GIFT, Aiken, CSV, exam-dump text) read it
//! a question at a time ([`lines`]), so that `quiz import` ([`convert`]) holds the
//! question being read and the bank written so far, never the file; Moodle XML and
//! QTI are read whole, as the XML tree they are.
//!
//! The reference for GIFT, Aiken and Moodle XML is Moodle's own reader
//! (`question/format/{gift,aiken,xml}/format.php` and their tests): quiz reads such a
//! file as Moodle would, and says with a warning at the line wherever what it keeps
//! differs from what Moodle would make of it.
//!
//! # What maps to what
//!
//! | quiz | GIFT | Moodle XML | Aiken |
//! | --- | --- | --- | --- |
//! | `id` | `// [id:x]` comment, else `::title::` | `<idnumber>`, else `<name>` | derived |
//! | `question` | question text | `<questiontext>` | first line |
//! | `exhibit` | `[html]` text, the stem then a `<pre>` | a `<pre>` after the stem | dropped, with a warning |
//! | choice, answer | `=right` `~wrong`, or `~%w%` weights | `<answer fraction>` | `A.` lines, `ANSWER:` |
//! | `why` | `#feedback` after a choice | `<answer><feedback>` | lost |
//! | `explanation`, `references` | `####general feedback` | `<generalfeedback>` | lost |
//! | `shuffle: false`, `pin` | lost (warned) | `<shuffleanswers>false` | lost (warned) |
//! | `tags` | `// [tag:x]` comment, `$CATEGORY:` | `<tags>`, category | none |
//!
//! And for the formats beyond Moodle (Anki is written only, exam-dump text read only):
//!
//! | quiz | QTI 2.1 | Anki | CSV | exam-dump text |
//! | --- | --- | --- | --- | --- |
//! | `id` | item `title` (and `identifier`, `Q_` before a digit) | guid `quiz-<id>` | `id` | derived |
//! | `question` | `<div class="stem">`, `<prompt>` | front | `question` | the stem, once |
//! | `exhibit` | `<pre>` in the item body | `<pre>` on the front | `exhibit` | none |
//! | choices | `simpleChoice` A, B, … | `A.` lines on the front | `A` … `Z` | `A.` / `A)` lines |
//! | answer | `correctResponse` (+ `mapping`) | bold on the back | `answer` | `Answer:` line |
//! | `multi` | `maxChoices="0"`, class `quiz-select-all` | "(Select all that apply)" | `multi` | none |
//! | `shuffle: false` | `shuffle="false"` | (file order) | `shuffle` | none |
//! | `pin` | `fixed="true"` | (file order) | `pin` | none |
//! | `why` | `feedbackInline` in the choice | a list on the back | `why A` … | none |
//! | `explanation`, `references` | `modalFeedback` (`general_fb`), links | the back, links | `explanation`, `references` | `Explanation:` block |
//! | `tags` | LOM keywords in the manifest | Anki tags | `tags` | none |
//!
//! **QTI scoring**: a single-answer item is processed as the `match_correct`
//! template does (1 for the correct response, else 0); a multiple-answer item as
//! `map_response` does, with each right choice mapped to +1/k and each wrong one to
//! −1/k, bounds 0 and 1: the sum of what was ticked, clamped, which is
//! `--scoring partial`'s max(0, (right − wrong) / k) exactly. The processing is
//! written out (not referenced by template URI), so that it can also set the
//! `FEEDBACK` outcome: the explanation always, and each `why` when its choice is
//! ticked wrongly or missed, as `quiz run` shows them. HTML texts (QTI, Anki) are
//! reflowed as the screen does: the author's line breaks inside a paragraph are
//! joined; CSV keeps texts exactly.
//!
//! **Multiple-answer items** (more than one right letter, or `multi: true`) become
//! Moodle multiple-response questions: `<single>false</single>` in XML, and in GIFT
//! weights on every choice with no `=` (which is how GIFT says "several may be right").
//! Each right choice gets +100/k % and each wrong one −100/k % for k right choices;
//! Moodle adds the weights of the ticked choices and clamps the total at 0, which is
//! exactly `--scoring partial`: max(0, (right − wrong) / k). Moodle accepts only
//! the grades of its list (1/k for k = 1…10 and 20, 5/6, 2/3, 3/4, … and their
//! negatives, matched to within 0.00001), so the weights are written as 100, 50,
//! 33.33333, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10 and 5; an item with 11 to
//! 19 or 21 or more right choices cannot be graded that way and is skipped with a
//! warning. Moodle has no strict (all-or-nothing) multiple-response grading in core.
//!
//! On import the rule is reversed: a question that Moodle treats as single-answer
//! (GIFT with a `=` choice, XML `<single>` true or missing) has as its answer the one
//! choice worth 100 % (other positive weights are partial credit that quiz cannot
//! give, and negative ones marks it does not take away: both are reported); a
//! multiple-response question has as its answer every choice with a positive weight.
//! A grade off Moodle's list is reported (Moodle refuses the file); one outside
//! −100 % to 100 % skips the question. Moodle shows a multiple-response question as
//! "Select one or more" without the count; quiz shows "(Choose k)", so `multi: true`
//! is set only where the answer alone would not make the item multiple-answer (one
//! right choice).
//!
//! **`multi: true`** itself has no counterpart: it is implied by the multiple-response
//! mapping above, and a round trip keeps the item multiple-answer.
//!
//! **Order.** `shuffle: false` keeps every choice in file order and `pin` keeps one in
//! place while the others shuffle; Moodle can only turn shuffling off for a whole
//! question. Moodle XML therefore writes `<shuffleanswers>false</shuffleanswers>`
//! for either (the pinned choice then stays where it is, and so do the others), and
//! an XML question whose shuffling is off, or not stated (Moodle's reader takes a
//! missing `<shuffleanswers>` as false), imports as `shuffle: false`. GIFT and Aiken
//! have no way to say it: the export warns and points to Moodle XML.
//!
//! **Explanations** are written as the screen shows them: the author's line wraps
//! inside a paragraph are joined ([`crate::prose::reflow`]), blank lines, list items
//! and indented lines kept; otherwise every wrap would be a line break in Moodle.
//!
//! **References** are written into the general feedback after the explanation, under
//! a `References:` line, one per line as `quiz run` shows them (`RFC 5246 §7.4.1.3
//! Server Hello: https://www.rfc-editor.org/rfc/rfc5246#section-7.4.1.3`); in Moodle
//! XML the address is a link. On import a trailing block of exactly that form is read
//! back into references, so a round trip neither loses nor duplicates them.
//!
//! **Ids** come from the GIFT `[id:…]` comment (what Moodle writes for an ID number),
//! else the title; from the XML `<idnumber>`, else `<name>` with its HTML tags
//! stripped. They are made valid (letters, digits, `.`, `_`, `-`; accented Latin
//! letters lose their accents; other characters become `-`), cut to
//! [`crate::bank::MAX_ID_LEN`] characters, and made unique within the bank (`-2`,
//! `-3`, … on a clash, through a counter per name, within the same limit). A question
//! with no name gets `<file-stem>-<n>`, n counting the file's questions (skipped ones
//! too) from 1, so ids stay put when another question is reworded. Export writes the
//! id as the title or `<name>`, and as `[id:…]` or `<idnumber>` only when it fits
//! Moodle's 100-character ID number (a longer one makes Moodle refuse the whole
//! file), with a warning otherwise.
//!
//! **HTML** (Moodle XML `html` texts, the default, GIFT `[html]` and GIFT's default
//! Moodle auto-format) is turned into plain text by [`html::to_text`]: tags are
//! stripped, character references decoded as a browser decodes them (the full HTML5
//! list), `<br>` and block elements become line breaks, `<p>` a blank line, list items
//! `- `, a link whose text is not its address keeps the address in parentheses, an
//! image its alt text. Images, audio and other embedded files are not imported; each
//! question that has them gets a warning naming them. Export writes HTML that this
//! reads back exactly, escaping `&` wherever a browser would read a reference.
//!
//! A question that quiz cannot hold (another question type, fewer than two answers
//! once empty ones are left out, two identical choices…) is skipped with a warning at
//! its line, so that the imported bank always passes `quiz check`. A file that cannot
//! be read as the format at all is an error at the line where reading stopped, given
//! together with every warning found before it ([`Failed`]).

mod aiken;
mod anki;
mod build;
mod collect;
mod csv;
mod dump;
mod exhibit;
mod gift;
mod guess;
mod html;
mod lines;
mod moodle_xml;
mod qti;
mod refs;
#[cfg(test)]
mod round_trip;
#[cfg(test)]
mod round_trip_kinds;
#[cfg(test)]
mod round_trip_new;
mod xhtml;
mod xml;
mod yaml;

pub use collect::MAX_QUESTION_BYTES;
pub use guess::{GUESS_BYTES, Guess, guess};
pub use yaml::to_yaml;

use crate::bank::{Bank, Choices, Kind as QuestionKind, Question};
use crate::diagnostic::{Diagnostic, Pos};
use build::Builder;
use std::borrow::Cow;
use std::io::BufRead;

/// The formats quiz reads and writes besides its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Aiken,
    Gift,
    MoodleXml,
    Qti,
    Anki,
    Apkg,
    Csv,
    Text,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Aiken,
        Kind::Gift,
        Kind::MoodleXml,
        Kind::Qti,
        Kind::Anki,
        Kind::Apkg,
        Kind::Csv,
        Kind::Text,
    ];

    /// The name used on the command line: `aiken`, `gift`, `moodle-xml`, `qti`,
    /// `anki`, `apkg`, `csv`, `text`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Aiken => "aiken",
            Kind::Gift => "gift",
            Kind::MoodleXml => "moodle-xml",
            Kind::Qti => "qti",
            Kind::Anki => "anki",
            Kind::Apkg => "apkg",
            Kind::Csv => "csv",
            Kind::Text => "text",
        }
    }

    /// The formats quiz reads, in the order `--from` lists them.
    pub const IMPORTED: [Kind; 6] = [
        Kind::Aiken,
        Kind::Gift,
        Kind::MoodleXml,
        Kind::Qti,
        Kind::Csv,
        Kind::Text,
    ];

    /// The format in words: `Moodle XML`, `exam-dump text`.
    pub fn describe(self) -> &'static str {
        match self {
            Kind::Aiken => "Aiken",
            Kind::Gift => "GIFT",
            Kind::MoodleXml => "Moodle XML",
            Kind::Qti => "QTI",
            Kind::Anki => "an Anki import file",
            Kind::Apkg => "an Anki package",
            Kind::Csv => "CSV",
            Kind::Text => "exam-dump text",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Kind::Aiken | Kind::Anki | Kind::Text => "txt",
            Kind::Gift => "gift",
            Kind::MoodleXml => "xml",
            Kind::Qti => "zip",
            Kind::Apkg => "apkg",
            Kind::Csv => "csv",
        }
    }

    /// Whether quiz reads this format (Anki's are written only).
    pub fn can_import(self) -> bool {
        !matches!(self, Kind::Anki | Kind::Apkg)
    }

    /// Whether the format is binary (a zip), not text for a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Kind::Qti | Kind::Apkg)
    }

    /// Whether quiz writes this format (exam-dump text is read only).
    pub fn can_export(self) -> bool {
        self != Kind::Text
    }

    fn format(self) -> &'static dyn Format {
        match self {
            Kind::Aiken => &aiken::Aiken,
            Kind::Gift => &gift::Gift,
            Kind::MoodleXml => &moodle_xml::MoodleXml,
            Kind::Qti => &qti::Qti,
            Kind::Anki => &anki::Anki,
            Kind::Apkg => &anki::package::Package,
            Kind::Csv => &csv::Csv,
            Kind::Text => &dump::Dump,
        }
    }
}

/// A bank read from another format, with what was skipped or changed on the way.
#[derive(Debug)]
pub struct Imported {
    pub bank: Bank,
    /// What was skipped or changed. An error among them (a question that the source
    /// gives without an answer, written with `answer: []`) fails the import once the
    /// bank is written.
    pub warnings: Vec<Diagnostic>,
    /// How many questions the source gives without an answer (`answer: []`).
    pub unanswered: usize,
    /// The pictures its questions show (`image:`), to be written beside the
    /// bank: each file's path relative to the bank's folder, and its bytes.
    pub pictures: Vec<(String, Vec<u8>)>,
}

/// A file converted to quiz's YAML as it was read (`quiz import`): the text, and
/// what was skipped or changed. Only that text is kept, never every question's
/// model, so converting costs the input and the output ([`collect`]).
#[derive(Debug)]
pub struct Converted {
    /// The bank in quiz's format, as `to_yaml` writes it.
    pub yaml: String,
    pub questions: usize,
    /// The bank would pass `quiz check`'s file limit
    /// ([`crate::bank::MAX_FILE_BYTES`]): `yaml` stops short, and the import
    /// must be refused.
    pub full: bool,
    /// As [`Imported::warnings`], with an error for each question over a limit.
    pub warnings: Vec<Diagnostic>,
    pub unanswered: usize,
    /// As [`Imported::pictures`].
    pub pictures: Vec<(String, Vec<u8>)>,
}

/// A file that could not be imported: the error that stopped it, and the warnings
/// gathered before it (each names its line, and each is worth reading: they often
/// explain the error).
#[derive(Debug)]
pub struct Failed {
    pub error: Diagnostic,
    pub warnings: Vec<Diagnostic>,
}

/// Banks written in another format, with the questions that had to be left out.
#[derive(Debug)]
pub struct Exported {
    /// The file: UTF-8 text, except for QTI and Anki packages, which are zips.
    pub bytes: Vec<u8>,
    pub warnings: Vec<Diagnostic>,
}

impl Exported {
    /// The file as text (a QTI zip is not).
    pub fn text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.bytes)
    }
}

/// The most one file of a package (a zip entry, or a file of its folder) may
/// hold: an item that large could not become a question quiz takes
/// ([`MAX_QUESTION_BYTES`] in its format) however much markup it held. A file
/// past it is skipped unread, with an error.
pub const MAX_PACKAGE_FILE: u64 = 16 * 1024 * 1024;

/// What stands for a package's file over [`MAX_PACKAGE_FILE`] among the files
/// given to [`import_folder`] and [`convert_folder`]: bytes no XML file holds.
pub const OVERSIZED: &[u8] = b"\0over the limit";

/// The code of import errors and warnings.
pub const IMPORT: &str = "import";
/// The code of export warnings.
pub const EXPORT: &str = "export";

/// Parses `text` (the contents of the file at `path`). A malformed file is an Err with
/// the line (col 1 if unknown) and a clear message, code "import", together with the
/// warnings gathered before it; never a panic.
pub fn import(kind: Kind, path: &str, text: &str) -> Result<Imported, Failed> {
    import_bytes(kind, path, text.as_bytes())
}

/// [`import`] from the file's bytes: text that must be UTF-8, or for QTI a zip
/// package or a single item file.
pub fn import_bytes(kind: Kind, path: &str, bytes: &[u8]) -> Result<Imported, Failed> {
    let mut builder = Builder::new(path);
    match kind.format().stream(&mut { bytes }, &mut builder) {
        Ok(()) => builder.finish(),
        Err(error) => Err(Failed {
            error,
            warnings: builder.into_warnings(),
        }),
    }
}

/// [`import_bytes`], written in quiz's YAML as it is read, up to `quiz check`'s
/// file limit ([`Converted`]).
pub fn convert_bytes(kind: Kind, path: &str, bytes: &[u8]) -> Result<Converted, Failed> {
    convert(kind, path, &mut { bytes })
}

/// [`convert_bytes`] from a stream (`quiz import`): the line formats read it a
/// question at a time, and stop reading once the bank is full; Moodle XML and QTI
/// read it whole.
pub fn convert(kind: Kind, path: &str, input: &mut dyn BufRead) -> Result<Converted, Failed> {
    let mut builder = Builder::writing(path);
    match kind.format().stream(input, &mut builder) {
        Ok(()) => builder.finish_yaml(),
        Err(error) => Err(Failed {
            error,
            warnings: builder.into_warnings(),
        }),
    }
}

/// [`import_folder`], written in quiz's YAML as it is read ([`Converted`]).
pub fn convert_folder(
    kind: Kind,
    path: &str,
    files: &[(String, Vec<u8>)],
) -> Result<Converted, Failed> {
    let mut builder = Builder::writing(path);
    read_folder(kind, path, files, &mut builder)?;
    builder.finish_yaml()
}

/// Imports a package unpacked into a folder: `files` holds each file's path inside
/// the folder (with `/` between parts) and its bytes. Only QTI comes as a folder.
pub fn import_folder(
    kind: Kind,
    path: &str,
    files: &[(String, Vec<u8>)],
) -> Result<Imported, Failed> {
    let mut builder = Builder::new(path);
    read_folder(kind, path, files, &mut builder)?;
    builder.finish()
}

fn read_folder(
    kind: Kind,
    path: &str,
    files: &[(String, Vec<u8>)],
    builder: &mut Builder,
) -> Result<(), Failed> {
    if kind != Kind::Qti {
        return Err(Failed {
            error: Diagnostic::error(
                path,
                Pos::new(1, 1),
                IMPORT,
                format!(
                    "this is a folder; only a QTI package can be read from a folder: name the {} file itself",
                    kind.name()
                ),
            ),
            warnings: Vec::new(),
        });
    }
    qti::read_files(files, builder).map_err(|error| Failed {
        error,
        warnings: builder.take_warnings(),
    })
}

/// Writes banks in another format; items it cannot express are skipped with a warning
/// naming the question's file:line. A format that stamps what it writes with a time
/// (an Anki package) gets 1970's first second: a real export is [`export_at`].
pub fn export(kind: Kind, banks: &[Bank]) -> Exported {
    export_at(kind, banks, std::time::UNIX_EPOCH)
}

/// [`export`] at the time `now`, which an Anki package stamps on its notes so that a
/// later export updates them on import.
pub fn export_at(kind: Kind, banks: &[Bank], now: std::time::SystemTime) -> Exported {
    let mut warnings = Vec::new();
    let bytes = kind.format().write_at(kind, banks, &mut warnings, now);
    Exported { bytes, warnings }
}

/// The warning for a question that a format cannot hold.
fn left_out(kind: Kind, bank: &Bank, q: &Question, reason: &str) -> Diagnostic {
    Diagnostic::warning(
        &bank.path,
        q.pos,
        EXPORT,
        format!(
            "question `{}` left out of the {} file: {reason}",
            q.id.value,
            kind.name()
        ),
    )
}

/// The warning for a question of a kind that the format cannot hold.
fn of_another_kind(kind: Kind, bank: &Bank, q: &Question) -> Diagnostic {
    left_out(
        kind,
        bank,
        q,
        &format!(
            "it is a question of kind `{}`, which {} cannot hold",
            q.kind().name(),
            kind.describe()
        ),
    )
}

/// The questions of `banks` that the format `kind` can hold ([`Format::kinds`]),
/// in order. Each question of another kind is left out with a warning naming it:
/// this is the one place that decides it, for every format.
fn carried<'b>(
    kind: Kind,
    banks: &'b [Bank],
    warnings: &mut Vec<Diagnostic>,
) -> Vec<(&'b Bank, &'b Question)> {
    let holds = kind.format().kinds();
    let pictures = kind.format().pictures();
    let mut out = Vec::new();
    for bank in banks {
        for q in &bank.questions {
            if holds.contains(&q.kind()) {
                if let (Some(image), false) = (&q.image, pictures) {
                    warnings.push(noted(
                        bank,
                        q,
                        &format!(
                            "its picture `{}` is not written: {} has no place for one (QTI does)",
                            image.value.trim(),
                            kind.describe()
                        ),
                    ));
                }
                out.push((bank, q));
            } else {
                warnings.push(of_another_kind(kind, bank, q));
            }
        }
    }
    out
}

/// A choice question's choices, for a format's writer: every question handed to
/// it is of a kind it declared ([`Format::kinds`]), so the error is only a guard.
fn choices_of(q: &Question) -> Result<&Choices, String> {
    q.choices()
        .ok_or_else(|| format!("it is a question of kind `{}`", q.kind().name()))
}

/// A question's picture, for a format that carries the file: its name (the
/// file's own, made safe) and its bytes, found beside the bank and checked
/// as `quiz check` checks it.
fn picture(bank: &Bank, image: &crate::bank::Spanned<String>) -> Result<(String, Vec<u8>), String> {
    let found = crate::bank::image::find(std::path::Path::new(&bank.path), &image.value)
        .map_err(|e| e.to_string())?;
    let bytes = std::fs::read(&found.file).map_err(|e| format!("`{}`: {e}", image.value.trim()))?;
    let name: String = found
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' | '.' => c,
            _ => '-',
        })
        .collect();
    Ok((name, bytes))
}

/// A number question's answer and tolerance as amounts, for a format whose
/// tolerance is one (Moodle's): a percentage is written as the amount it
/// makes, which `notes` says, naming `format`.
fn number_and_amount(
    n: &crate::bank::kind::number::Number,
    format: &str,
    notes: &mut Vec<String>,
) -> Result<(f64, f64), String> {
    use crate::bank::kind::number::{Tolerance, parse, parse_tolerance};
    let answer = parse(&n.answer.value)
        .ok_or_else(|| format!("`{}` is not a number", n.answer.value.trim()))?;
    match n.tolerance.as_ref().map(|t| parse_tolerance(&t.value)) {
        Some(None) => return Err("its tolerance is not a number".into()),
        Some(Some(Tolerance::Percent(p))) => notes.push(format!(
            "its tolerance of {p}% is written as {} either side: {format}'s tolerance is an amount",
            n.allowed()
        )),
        _ => {}
    }
    Ok((answer, n.allowed()))
}

/// The warning for what a written question loses in a format.
fn noted(bank: &Bank, q: &Question, note: &str) -> Diagnostic {
    Diagnostic::warning(
        &bank.path,
        q.pos,
        EXPORT,
        format!("question `{}`: {note}", q.id.value),
    )
}

/// One format: how to read a file of it, and how to write questions in it.
trait Format: Sync {
    /// Reads `text`, handing each question to `builder`. An Err stops the import.
    fn parse(&self, text: &str, builder: &mut Builder) -> Result<(), Diagnostic>;

    /// Reads a file's bytes: by default UTF-8 text (a leading BOM dropped) for `parse`.
    fn read(&self, bytes: &[u8], builder: &mut Builder) -> Result<(), Diagnostic> {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return Err(builder.error(
                Pos::new(1, 1),
                "the file is not valid UTF-8; save it as UTF-8 and try again",
            ));
        };
        self.parse(text.strip_prefix('\u{feff}').unwrap_or(text), builder)
    }

    /// Reads the file from a stream: by default all of it, for `read`. The line
    /// formats read it a question at a time ([`lines`]).
    fn stream(&self, input: &mut dyn BufRead, builder: &mut Builder) -> Result<(), Diagnostic> {
        let mut bytes = Vec::new();
        if let Err(e) = input.read_to_end(&mut bytes) {
            return Err(builder.error(Pos::new(1, 1), format!("the file could not be read: {e}")));
        }
        self.read(&bytes, builder)
    }

    /// The kinds of question the format can hold when it is written; a question
    /// of another kind is left out with a warning ([`carried`]).
    fn kinds(&self) -> &'static [QuestionKind] {
        &[QuestionKind::Choice]
    }

    /// Whether the format carries a question's picture (`image:`); for one
    /// that does not, [`carried`] says that each picture is left out.
    fn pictures(&self) -> bool {
        false
    }

    /// Writes what comes before the first question.
    fn begin(&self, _out: &mut String) {}

    /// Writes one question of a kind in [`Format::kinds`], or says why it cannot
    /// be written. (Formats that override `write` need not.)
    fn question(&self, _q: &Question, _out: &mut String) -> Result<(), String> {
        Err("this format is written whole, by `write`".into())
    }

    /// [`Format::question`], for a format that needs the question's bank (to
    /// read its picture beside it).
    fn question_of(&self, _bank: &Bank, q: &Question, out: &mut String) -> Result<(), String> {
        self.question(q, out)
    }

    /// What a written question loses in this format, each worth a warning.
    fn notes(&self, _q: &Question) -> Vec<String> {
        Vec::new()
    }

    /// Writes what comes after the last question.
    fn end(&self, _out: &mut String) {}

    /// [`Format::write`] at the time `now`, for a format that records when it was
    /// written.
    fn write_at(
        &self,
        kind: Kind,
        banks: &[Bank],
        warnings: &mut Vec<Diagnostic>,
        _now: std::time::SystemTime,
    ) -> Vec<u8> {
        self.write(kind, banks, warnings)
    }

    /// Writes the whole file: by default `begin`, each question, `end`; a question that
    /// cannot be written is left out with a warning.
    fn write(&self, kind: Kind, banks: &[Bank], warnings: &mut Vec<Diagnostic>) -> Vec<u8> {
        let mut text = String::new();
        self.begin(&mut text);
        for (bank, q) in carried(kind, banks, warnings) {
            let mut item = String::new();
            match self.question_of(bank, q, &mut item) {
                Ok(()) => {
                    text.push_str(&item);
                    warnings.extend(self.notes(q).iter().map(|n| noted(bank, q, n)));
                }
                Err(reason) => warnings.push(left_out(kind, bank, q, &reason)),
            }
        }
        self.end(&mut text);
        text.into_bytes()
    }
}

/// The Moodle weight, in percent, of each of `k` right choices of a multiple-response
/// item, as Moodle spells its grades; None where Moodle has no grade 1/k.
fn equal_share(k: usize) -> Option<&'static str> {
    Some(match k {
        1 => "100",
        2 => "50",
        3 => "33.33333",
        4 => "25",
        5 => "20",
        6 => "16.66667",
        7 => "14.28571",
        8 => "12.5",
        9 => "11.11111",
        10 => "10",
        20 => "5",
        _ => return None,
    })
}

/// The grades (in percent) that Moodle takes for an answer, besides their negatives;
/// on import it refuses any other, comparing to within 0.001 %.
const MOODLE_GRADES: [f64; 21] = [
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

/// Whether Moodle accepts `percent` as an answer's grade.
fn is_moodle_grade(percent: f64) -> bool {
    MOODLE_GRADES
        .iter()
        .any(|g| (percent.abs() - g).abs() < 0.001)
}

/// The weights (in percent, as text) of each choice of a multiple-response item, or
/// why Moodle cannot grade it as `--scoring partial` does.
fn partial_weights(c: &Choices) -> Result<Vec<String>, String> {
    let correct = c.correct();
    let share = equal_share(correct.len()).ok_or_else(|| {
        format!(
            "Moodle cannot weight {} right choices equally (its grades allow 1/k only for k up to 10 and 20)",
            correct.len()
        )
    })?;
    Ok((0..c.choices.value.len())
        .map(|i| {
            if correct.contains(&i) {
                share.to_owned()
            } else {
                format!("-{share}")
            }
        })
        .collect())
}

/// The right choices, or why there are none to write.
fn right_choices(c: &Choices) -> Result<Vec<usize>, String> {
    let correct = c.correct();
    if correct.is_empty() {
        return Err("its answer names no choice".into());
    }
    Ok(correct)
}

/// What keeps a question's choices in place, for the formats that cannot say it:
/// `shuffle: false` or its pinned choices. None when the choices may all move.
fn fixed_order(c: &Choices) -> Option<String> {
    if !c.shuffle {
        return Some("its choices keep their order (`shuffle: false`)".into());
    }
    let pinned: Vec<String> = (0..c.choices.value.len())
        .filter(|&i| c.choices.value[i].pin)
        .map(|i| crate::bank::letter(i).to_string())
        .collect();
    match pinned.as_slice() {
        [] => None,
        [one] => Some(format!("choice {one} stays in place (`pin: true`)")),
        many => Some(format!(
            "choices {} stay in place (`pin: true`)",
            many.join(", ")
        )),
    }
}

/// True/false when the question is exactly the two choices `True`, `False` in that
/// order with one right answer: Some(whether True is right).
fn true_false(c: &Choices) -> Option<bool> {
    let texts: Vec<&str> = c
        .choices
        .value
        .iter()
        .map(|choice| choice.text.value.trim())
        .collect();
    if texts != ["True", "False"] || c.is_multiple() {
        return None;
    }
    match c.correct().as_slice() {
        [0] => Some(true),
        [1] => Some(false),
        _ => None,
    }
}

/// What the format tests share: importing a text that must import, or must not.
#[cfg(test)]
mod testing {
    use super::{Imported, Kind, import};
    use crate::bank::Question;

    /// The file imported; a failure panics with its line and message.
    pub fn ok(kind: Kind, path: &str, text: &str) -> Imported {
        import(kind, path, text)
            .unwrap_or_else(|f| panic!("{}:{}: {}", f.error.line, f.error.col, f.error.message))
    }

    /// The line and message of the error that stops the import.
    pub fn err(kind: Kind, path: &str, text: &str) -> (u32, String) {
        match import(kind, path, text) {
            Ok(i) => panic!("expected an error, got {:?}", i.bank.questions),
            Err(f) => {
                assert_eq!(f.error.code, super::IMPORT);
                (f.error.line, f.error.message)
            }
        }
    }

    /// The texts of the choices, in order.
    pub fn texts(q: &Question) -> Vec<&str> {
        q.as_choice()
            .choices
            .value
            .iter()
            .map(|c| c.text.value.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::{equal_share, is_moodle_grade};

    #[test]
    fn every_weight_written_is_a_grade_moodle_takes() {
        for k in 1..=30 {
            if let Some(share) = equal_share(k) {
                let w: f64 = share.parse().unwrap_or(f64::NAN);
                assert!(is_moodle_grade(w) && is_moodle_grade(-w), "{k}: {share}");
            }
        }
    }

    #[test]
    fn grades_outside_moodles_list_are_refused() {
        for ok in [100.0, -100.0, 0.0, 33.33333, -33.333, 12.5, 5.0, 83.33333] {
            assert!(is_moodle_grade(ok), "{ok}");
        }
        for bad in [33.0, 37.0, 99.0, 1.0, -45.0, 150.0] {
            assert!(!is_moodle_grade(bad), "{bad}");
        }
    }
}
