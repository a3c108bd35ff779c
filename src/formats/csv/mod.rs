//! CSV, for banks kept in a spreadsheet: one row per question under a header row that
//! names the columns, so that their order is free. RFC 4180 quoting, through the
//! `csv` crate.
//!
//! | column | holds |
//! | --- | --- |
//! | `id` | the id (optional: without it ids come from the file name and row) |
//! | `question` | the stem (required) |
//! | `exhibit` | preformatted text shown under the stem |
//! | `image`, `alt` | the question's picture (a path relative to the bank) and what it shows |
//! | `A` … `Z` | the choices (`A` and `B` required), in order, no gaps |
//! | `why A` … `why Z` | feedback on each choice |
//! | `answer` | the right letters: `B`, or `A, C` (required) |
//! | `multi` | `true` for "(Select all that apply)" |
//! | `shuffle` | `false` keeps the choices in file order |
//! | `pin` | the letters that keep their place when the others shuffle: `D` |
//! | `explanation` | shown after answering |
//! | `references` | one per line: `RFC 8446 §4.1.3`, an address, or `label: address` |
//! | `tags` | separated by commas |
//! | `kind` | `choice` (empty: the same), `order`, `match`, `number`, `text` or `open`; the other kinds' columns are in [`kinds`] |
//!
//! Reading takes commas, semicolons or tabs (whichever the header row uses), ignores
//! blank rows, warns about columns it does not know, and fails naming a required
//! column that is missing. A row with an empty `answer` is written with `answer: []`
//! and reported, so that the author fills it in. Writing gives only the columns the
//! banks use (always `id`, `question`, the choices, `answer`, `explanation`,
//! `references`, `tags`), references as `label: address`.
//!
//! **Formulas.** A spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab
//! or a carriage return as a formula (CSV injection). Writing guards such a cell
//! with a leading `'`, as OWASP recommends, which spreadsheets show as text and do
//! not display; a cell that begins with `'` gets one more, so that reading takes
//! exactly one `'` off a cell that begins with `'` and then one of those
//! characters (or another `'`), and a round trip gives the text back exactly.

mod kinds;

use super::build::{Builder, Draft, DraftChoice, Extra};
use super::{Format, Kind, left_out, lines, refs};
use crate::bank::{
    Bank, Body, Choices, Kind as QuestionKind, Question, Reference, Spanned, Target, letter,
    letter_index,
};
use crate::diagnostic::{Diagnostic, Pos};
use std::cell::Cell;
use std::collections::HashMap;
use std::io::{BufRead, Read};

pub(super) struct Csv;

/// The columns a file of choice questions must have; with a `kind` column,
/// only `question` (each row then has what its kind needs).
const REQUIRED: [&str; 4] = ["question", "answer", "A", "B"];
const NAMED: [&str; 16] = [
    "id",
    "kind",
    "question",
    "exhibit",
    "image",
    "alt",
    "answer",
    "tolerance",
    "case",
    "extra",
    "multi",
    "shuffle",
    "pin",
    "explanation",
    "references",
    "tags",
];

/// A column of the header: one of [`NAMED`], a choice, or a choice's `why`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Column {
    Named(&'static str),
    Choice(usize),
    Why(usize),
    /// A match premise's response: `match A`.
    Response(usize),
}

impl Column {
    fn parse(header: &str) -> Option<Column> {
        let h = header.trim();
        if let Some(named) = NAMED.iter().find(|n| n.eq_ignore_ascii_case(h)) {
            return Some(Column::Named(named));
        }
        if h.len() == 1 {
            return letter_index(h).map(Column::Choice);
        }
        if let Some(rest) = h
            .get(..6)
            .filter(|p| p.eq_ignore_ascii_case("match "))
            .and_then(|_| h.get(6..))
        {
            return letter_index(rest).map(Column::Response);
        }
        let rest = h.get(..4)?.eq_ignore_ascii_case("why ").then(|| &h[4..])?;
        letter_index(rest).map(Column::Why)
    }

    fn name(self) -> String {
        match self {
            Column::Named(n) => n.to_owned(),
            Column::Choice(i) => letter(i).to_string(),
            Column::Why(i) => format!("why {}", letter(i)),
            Column::Response(i) => format!("match {}", letter(i)),
        }
    }
}

impl Format for Csv {
    /// A text in memory is read as a stream too.
    fn parse(&self, text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        self.stream(&mut text.as_bytes(), b)
    }

    /// A row at a time.
    fn stream(&self, input: &mut dyn BufRead, b: &mut Builder) -> Result<(), Diagnostic> {
        let head = first_line(input).map_err(|e| csv_error(b, &RowError::Io(e)))?;
        let delimiter = delimiter(&String::from_utf8_lossy(&head));
        let mut records = Rows::new(
            ::csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .has_headers(false)
                .flexible(true),
            std::io::Cursor::new(head).chain(input),
        );
        let header = loop {
            match records.next() {
                None => return Err(b.error(Pos::new(1, 1), "the file is empty: it needs a header row naming the columns (question, A, B, answer…)")),
                Some(Err(e)) => return Err(csv_error(b, &e)),
                Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
                Some(Ok(r)) => break r,
            }
        };
        let header_pos = line_of(&header);
        let mut columns: HashMap<Column, usize> = HashMap::new();
        for (i, cell) in header.iter().enumerate() {
            if cell.trim().is_empty() {
                continue;
            }
            let at = Pos::new(header_pos.line, u32::try_from(i + 1).unwrap_or(u32::MAX));
            match Column::parse(cell) {
                Some(c) => {
                    if columns.insert(c, i).is_some() {
                        return Err(b.error(
                            at,
                            format!("the header names column `{}` twice", c.name()),
                        ));
                    }
                }
                None => b.warn(
                    at,
                    format!(
                        "column `{}` is not one quiz reads (id, kind, question, exhibit, image, alt, A…Z, why A…why Z, match A…match Z, answer, tolerance, case, extra, multi, shuffle, pin, explanation, references, tags); it is ignored",
                        cell.trim()
                    ),
                ),
            }
        }
        let required: &[&str] = if columns.contains_key(&Column::Named("kind")) {
            &REQUIRED[..1]
        } else {
            &REQUIRED
        };
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|r| Column::parse(r).is_none_or(|c| !columns.contains_key(&c)))
            .collect();
        if !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
            return Err(b.error(
                header_pos,
                format!(
                    "the header row has no {} column{}: name the columns in the first row (question, A, B, …, answer)",
                    names.join(", "),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        let choice_columns = (0..26)
            .take_while(|&i| columns.contains_key(&Column::Choice(i)))
            .count();
        for record in records {
            if b.is_full() {
                // The bank is refused whole: nothing more is worth reading.
                return Ok(());
            }
            let record = record.map_err(|e| csv_error(b, &e))?;
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let row = Row {
                record: &record,
                columns: &columns,
                pos: line_of(&record),
            };
            row.read(choice_columns, b);
        }
        Ok(())
    }

    fn kinds(&self) -> &'static [QuestionKind] {
        QuestionKind::ALL
    }

    /// The picture's path and words are columns; the file stays where it is.
    fn pictures(&self) -> bool {
        true
    }

    fn write(&self, kind: Kind, banks: &[Bank], warnings: &mut Vec<Diagnostic>) -> Vec<u8> {
        let questions: Vec<_> = super::carried(kind, banks, warnings);
        let choices = questions
            .iter()
            .map(|(_, q)| {
                q.choices()
                    .map_or_else(|| kinds::width(q), |c| c.choices.value.len())
            })
            .max()
            .unwrap_or(2)
            .clamp(2, 26);
        let any_choice = |f: &dyn Fn(&Choices) -> bool| {
            questions.iter().any(|(_, q)| q.choices().is_some_and(f))
        };
        let any = |f: &dyn Fn(&Question) -> bool| questions.iter().any(|(_, q)| f(q));
        let mut header: Vec<Column> = vec![Column::Named("id")];
        if any(&|q| q.choices().is_none()) {
            header.push(Column::Named("kind"));
        }
        header.push(Column::Named("question"));
        if any(&|q| q.exhibit.is_some()) {
            header.push(Column::Named("exhibit"));
        }
        if any(&|q| q.image.is_some()) {
            header.extend([Column::Named("image"), Column::Named("alt")]);
        }
        header.extend((0..choices).map(Column::Choice));
        for i in 0..choices {
            if any_choice(&|c| c.choices.value.get(i).is_some_and(|c| c.why.is_some())) {
                header.push(Column::Why(i));
            }
        }
        let pairs = questions
            .iter()
            .filter_map(|(_, q)| match_of(q).map(|m| m.pairs.value.len()))
            .max()
            .unwrap_or(0)
            .min(26);
        header.extend((0..pairs).map(Column::Response));
        header.push(Column::Named("answer"));
        if any(&|q| matches!(q.body, Body::Number(_))) {
            header.push(Column::Named("tolerance"));
        }
        if any(&|q| matches!(&q.body, Body::Text(t) if t.case_sensitive)) {
            header.push(Column::Named("case"));
        }
        if any(&|q| match_of(q).is_some_and(|m| !m.extra.is_empty())) {
            header.push(Column::Named("extra"));
        }
        if any_choice(&|c| c.multi) {
            header.push(Column::Named("multi"));
        }
        if any_choice(&|c| !c.shuffle) || any(&|q| match_of(q).is_some_and(|m| !m.shuffle)) {
            header.push(Column::Named("shuffle"));
        }
        if any_choice(&|c| c.choices.value.iter().any(|c| c.pin)) {
            header.push(Column::Named("pin"));
        }
        header.extend(["explanation", "references", "tags"].map(Column::Named));

        let mut out = ::csv::Writer::from_writer(Vec::new());
        let mut rows: Vec<Vec<String>> = vec![header.iter().map(|c| c.name()).collect()];
        for (bank, q) in questions {
            let width = q
                .choices()
                .map_or_else(|| kinds::width(q), |c| c.choices.value.len());
            if width > 26 {
                warnings.push(left_out(
                    kind,
                    bank,
                    q,
                    "it has more than 26 choices, items or pairs",
                ));
                continue;
            }
            rows.push(header.iter().map(|&col| guard(cell(q, col))).collect());
        }
        for row in rows {
            if let Err(e) = out.write_record(&row) {
                warnings.push(Diagnostic::error(
                    "(export)",
                    Pos::new(1, 1),
                    super::EXPORT,
                    format!("could not write the CSV: {e}"),
                ));
                return Vec::new();
            }
        }
        out.into_inner().unwrap_or_default()
    }
}

/// A match question's body.
fn match_of(q: &Question) -> Option<&crate::bank::kind::matching::Match> {
    match &q.body {
        Body::Match(m) => Some(m),
        _ => None,
    }
}

/// The delimiter of the header row: the most frequent of comma, semicolon and tab.
fn delimiter(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (first.bytes().filter(|&c| c == d).count(), d == b','))
        .unwrap_or(b',')
}

fn line_of(record: &::csv::StringRecord) -> Pos {
    let line = record.position().map_or(1, |p| p.line());
    Pos::new(u32::try_from(line).unwrap_or(u32::MAX).max(1), 1)
}

fn csv_error(b: &Builder, e: &RowError) -> Diagnostic {
    let e = match e {
        RowError::Csv(e) => e,
        RowError::TooLong(line) => {
            let line = u32::try_from(*line).unwrap_or(u32::MAX).max(1);
            return b.error(
                Pos::new(line, 1),
                format!(
                    "the row that starts here runs over {} MiB, more than any question quiz takes; quiz stops here (is a quote left open?)",
                    lines::MAX_HELD / (1024 * 1024)
                ),
            );
        }
        RowError::Io(e) => {
            return b.error(Pos::new(1, 1), format!("the file could not be read: {e}"));
        }
    };
    let line = e.position().map_or(1, |p| p.line());
    let pos = Pos::new(u32::try_from(line).unwrap_or(u32::MAX).max(1), 1);
    match e.kind() {
        ::csv::ErrorKind::Utf8 { .. } => b.error(
            pos,
            "the file is not valid UTF-8; save it as UTF-8 CSV and try again",
        ),
        _ => b.error(pos, format!("this CSV cannot be read: {e}")),
    }
}

/// The file's start up to the end of its first line that is not blank (the header
/// row, whose delimiter is the file's), at most [`super::GUESS_BYTES`] of it; a
/// leading byte-order mark dropped.
fn first_line(input: &mut dyn BufRead) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::new();
    loop {
        let room = super::GUESS_BYTES.saturating_sub(head.len());
        let start = head.len();
        let n = (&mut *input)
            .take(room as u64)
            .read_until(b'\n', &mut head)?;
        if n == 0 || room == 0 || !String::from_utf8_lossy(&head[start..]).trim().is_empty() {
            break;
        }
    }
    if head.starts_with("\u{feff}".as_bytes()) {
        head.drain(..3);
    }
    Ok(head)
}

/// Why a row could not be read.
#[derive(Debug)]
enum RowError {
    Csv(::csv::Error),
    /// The row starting at this line runs over [`lines::MAX_HELD`].
    TooLong(u64),
    Io(std::io::Error),
}

/// The rows of a CSV stream, one at a time, none longer than [`lines::MAX_HELD`]:
/// the csv crate holds a row whole however long it is, so its input refuses to
/// run on past that length.
struct Rows<R> {
    reader: ::csv::Reader<Bounded<R>>,
    /// How far the row being read may take its input.
    limit: std::rc::Rc<Limit>,
}

/// How far [`Bounded`] reads, and whether it stopped there.
#[derive(Default)]
struct Limit {
    at: Cell<u64>,
    reached: Cell<bool>,
}

/// What the csv crate reads ahead of the row it parses (its buffer's size).
const READ_AHEAD: usize = 8 * 1024;

impl<R: Read> Rows<R> {
    fn new(builder: &mut ::csv::ReaderBuilder, input: R) -> Self {
        let limit = std::rc::Rc::new(Limit::default());
        let reader = builder.buffer_capacity(READ_AHEAD).from_reader(Bounded {
            input,
            read: 0,
            limit: limit.clone(),
        });
        Rows { reader, limit }
    }
}

impl<R: Read> Iterator for Rows<R> {
    type Item = Result<::csv::StringRecord, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.reader.position().clone();
        let room = (lines::MAX_HELD + 2 * READ_AHEAD) as u64;
        self.limit.at.set(start.byte().saturating_add(room));
        let mut record = ::csv::StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(true) => Some(Ok(record)),
            Ok(false) => None,
            Err(_) if self.limit.reached.get() => Some(Err(RowError::TooLong(start.line()))),
            Err(e) => Some(Err(RowError::Csv(e))),
        }
    }
}

/// The CSV reader's input, which fails once it is asked to read past its limit.
struct Bounded<R> {
    input: R,
    read: u64,
    limit: std::rc::Rc<Limit>,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let room = self.limit.at.get().saturating_sub(self.read);
        if room == 0 && !buf.is_empty() {
            self.limit.reached.set(true);
            return Err(std::io::Error::other("a row runs past the limit"));
        }
        let len = buf.len().min(usize::try_from(room).unwrap_or(usize::MAX));
        let n = self.input.read(&mut buf[..len])?;
        self.read += n as u64;
        Ok(n)
    }
}

/// One row of the file, with the header's columns.
struct Row<'r> {
    record: &'r ::csv::StringRecord,
    columns: &'r HashMap<Column, usize>,
    pos: Pos,
}

impl Row<'_> {
    fn get(&self, c: Column) -> Option<Spanned<String>> {
        let i = *self.columns.get(&c)?;
        let value = unguard(self.record.get(i)?.trim());
        let col = u32::try_from(i + 1).unwrap_or(u32::MAX);
        (!value.is_empty())
            .then(|| Spanned::new(value.replace("\r\n", "\n"), Pos::new(self.pos.line, col)))
    }

    fn named(&self, name: &'static str) -> Option<Spanned<String>> {
        self.get(Column::Named(name))
    }

    /// Hands the row to the builder, or skips it with a warning.
    fn read(&self, choice_columns: usize, b: &mut Builder) {
        let what = "the row";
        let stem = self
            .named("question")
            .unwrap_or_else(|| Spanned::new(String::new(), self.pos));
        let mut draft = Draft::new(self.pos, stem);
        draft.name = self.named("id");
        // The picture's path, relative to the bank, and its words.
        draft.image = self.named("image");
        draft.alt = self.named("alt");
        let kind = match self.named("kind") {
            None => QuestionKind::Choice,
            Some(k) => match QuestionKind::from_name(&k.value.trim().to_ascii_lowercase()) {
                Some(kind) => kind,
                None => {
                    let names: Vec<&str> = QuestionKind::ALL.iter().map(|k| k.name()).collect();
                    let why = format!("kind `{}` is none of {}", k.value.trim(), names.join(", "));
                    return b.skip_error(k.pos, what, &why);
                }
            },
        };
        if kind != QuestionKind::Choice {
            match kinds::read(self, kind, choice_columns) {
                Ok(body) => draft.body = Some(body),
                Err(why) => return b.skip_error(self.pos, what, &why),
            }
            draft.explanation = self.explanation(b);
            draft.tags = self.tags();
            let extra = Extra {
                exhibit: self.exhibit(),
                ..Extra::default()
            };
            if let Some(Body::Match(m)) = draft.body.as_mut() {
                m.shuffle = self.flag(b, "shuffle", true);
            }
            return b.add_with(draft, extra);
        }
        let texts: Vec<Option<Spanned<String>>> = (0..choice_columns)
            .map(|i| self.get(Column::Choice(i)))
            .collect();
        let count = texts.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
        if let Some(gap) = texts[..count].iter().position(Option::is_none) {
            let why = format!(
                "choice {} is empty while {} is not: choices are lettered in order",
                letter(gap),
                letter(count - 1)
            );
            return b.skip_error(self.pos, what, &why);
        }
        let mut extra = Extra::default();
        let mut right = vec![false; count];
        match self.named("answer") {
            None => extra.unanswered = true,
            Some(answer) => match letters(&answer.value) {
                Some(ls) if !ls.is_empty() => {
                    for l in ls {
                        match right.get_mut(l) {
                            Some(r) => *r = true,
                            None => {
                                let why = format!(
                                    "answer `{}` names no choice: the row has {count}",
                                    letter(l)
                                );
                                return b.skip_error(self.pos, what, &why);
                            }
                        }
                    }
                }
                _ => {
                    let why = format!(
                        "answer {:?} is not a letter or a list of letters such as `A, C`",
                        answer.value
                    );
                    return b.skip_error(answer.pos, what, &why);
                }
            },
        }
        let n_right = right.iter().filter(|&&r| r).count();
        extra.multi = self.flag(b, "multi", false);
        draft.single = n_right <= 1 && !extra.multi;
        for (i, text) in texts.into_iter().take(count).enumerate() {
            let Some(text) = text else { continue };
            draft.choices.push(DraftChoice {
                text,
                why: self.get(Column::Why(i)),
                weight: if right[i] { 100.0 } else { 0.0 },
            });
        }
        if let Some(pos) = self.columns.get(&Column::Choice(0)) {
            draft.choices_pos = Pos::new(self.pos.line, u32::try_from(pos + 1).unwrap_or(1));
        }
        draft.explanation = self.explanation(b);
        draft.tags = self.tags();
        extra.exhibit = self.exhibit();
        extra.keep_order = !self.flag(b, "shuffle", true);
        if let Some(pins) = self.named("pin") {
            match letters(&pins.value) {
                Some(ls) => extra.pins = ls.into_iter().filter(|&i| i < count).collect(),
                None => b.warn(
                    pins.pos,
                    format!(
                        "pin {:?} is not a list of letters; no choice is pinned",
                        pins.value
                    ),
                ),
            }
        }
        b.add_with(draft, extra);
    }

    /// The tags, separated by commas or lines.
    fn tags(&self) -> Vec<Spanned<String>> {
        self.named("tags")
            .map(|t| {
                t.value
                    .split([',', '\n'])
                    .map(|s| Spanned::new(s.trim().to_owned(), t.pos))
                    .filter(|s| !s.value.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The exhibit, its indentation kept.
    fn exhibit(&self) -> Option<Spanned<String>> {
        self.named("exhibit")
            .map(|e| Spanned::new(raw_cell(self, "exhibit").unwrap_or(e.value), e.pos))
    }

    /// A `true`/`false` column (also yes/no, 1/0, x); empty gives `default`.
    fn flag(&self, b: &mut Builder, name: &'static str, default: bool) -> bool {
        let Some(v) = self.named(name) else {
            return default;
        };
        match v.value.to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "1" | "x" => true,
            "false" | "no" | "n" | "0" => false,
            _ => {
                b.warn(
                    v.pos,
                    format!(
                        "{name} {:?} is not true or false; taken as {default}",
                        v.value
                    ),
                );
                default
            }
        }
    }

    /// The explanation with the references column added as a `References:` block, the
    /// form the builder reads back into references.
    fn explanation(&self, b: &mut Builder) -> Option<Spanned<String>> {
        let explanation = self.named("explanation");
        let Some(cell) = self.named("references") else {
            return explanation;
        };
        let mut lines = Vec::new();
        for l in cell.value.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match reference(l, cell.pos) {
                Some(r) => {
                    let (label, link) = refs::parts(&r);
                    lines.push(format!("{label}: {link}"));
                }
                None => b.warn(
                    cell.pos,
                    format!("reference {l:?} is not `RFC 8446 §4.1.3`, an address, or `label: address`; left out"),
                ),
            }
        }
        if lines.is_empty() {
            return explanation;
        }
        let block = format!("{}\n{}", refs::HEADING, lines.join("\n"));
        Some(match explanation {
            Some(e) => Spanned::new(format!("{}\n\n{block}", e.value), e.pos),
            None => Spanned::new(block, cell.pos),
        })
    }
}

/// The exhibit's cell as written (only surrounding blank lines dropped): its
/// indentation is part of it.
fn raw_cell(row: &Row, name: &'static str) -> Option<String> {
    let i = *row.columns.get(&Column::Named(name))?;
    let value = unguard(row.record.get(i)?).replace("\r\n", "\n");
    Some(value.trim_matches('\n').trim_end().to_owned())
}

/// What a spreadsheet takes a cell beginning with for a formula (OWASP).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` with a leading `'` when a spreadsheet would run it as a formula, or
/// when it begins with `'` itself (so that [`unguard`] is exact).
fn guard(cell: String) -> String {
    if cell.starts_with(FORMULA_STARTS) || cell.starts_with('\'') {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A cell as written before [`guard`]: one leading `'` off, when what follows
/// is what `guard` protects. Any other `'` is the author's.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => cell,
    }
}

/// `A, C`, `A C`, `AC`, `a;c` → the indices; None if anything else is there.
fn letters(text: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for c in text.chars() {
        match c {
            c if c.is_ascii_alphabetic() => out.push(letter_index(&c.to_string())?),
            ',' | ';' | ' ' | '\t' | '/' | '&' => {}
            _ => return None,
        }
    }
    Some(out)
}

/// One line of the references column.
fn reference(line: &str, pos: Pos) -> Option<Reference> {
    let written = format!("{}\n{line}", refs::HEADING);
    let (rest, found) = refs::split(&Spanned::new(written, pos));
    if rest.is_none() && found.len() == 1 {
        return found.into_iter().next();
    }
    if let Some(r) = refs::parse_rfc(line, pos) {
        return Some(r);
    }
    let web = line.starts_with("https://") || line.starts_with("http://");
    (web && !line.contains(char::is_whitespace)).then(|| Reference {
        pos,
        target: Target::Url(Spanned::new(line.to_owned(), pos)),
        title: None,
    })
}

/// A question's cell in `column`: a kind's own ([`kinds::cell`]), what every
/// question has, or a choice question's.
fn cell(q: &Question, column: Column) -> String {
    if let Some(cell) = kinds::cell(q, column) {
        return cell;
    }
    let letters = |is: Vec<usize>| {
        is.iter()
            .map(|&i| letter(i).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let choice = q.choices();
    let text = |t: Option<&Spanned<String>>| t.map_or(String::new(), |t| t.value.trim().to_owned());
    match column {
        Column::Choice(i) => text(choice.and_then(|c| c.choices.value.get(i)).map(|c| &c.text)),
        Column::Why(i) => text(
            choice
                .and_then(|c| c.choices.value.get(i))
                .and_then(|c| c.why.as_ref()),
        ),
        Column::Response(_) => String::new(),
        Column::Named(name) => match (name, choice) {
            ("id", _) => q.id.value.clone(),
            ("question", _) => q.question.value.trim().to_owned(),
            ("exhibit", _) => q
                .exhibit
                .as_ref()
                .map_or(String::new(), |e| e.value.trim_end().to_owned()),
            ("explanation", _) => text(q.explanation.as_ref()),
            ("image", _) => text(q.image.as_ref()),
            ("alt", _) => text(q.alt.as_ref()),
            ("references", _) => q
                .references
                .iter()
                .map(|r| {
                    let (label, link) = refs::parts(r);
                    format!("{label}: {link}")
                })
                .collect::<Vec<_>>()
                .join("\n"),
            ("tags", _) => q
                .tags
                .iter()
                .map(|t| t.value.trim().to_owned())
                .collect::<Vec<_>>()
                .join(", "),
            ("answer", Some(c)) => letters(c.correct()),
            ("multi", Some(c)) => if c.multi { "true" } else { "" }.to_owned(),
            ("shuffle", Some(c)) => if c.shuffle { "" } else { "false" }.to_owned(),
            ("pin", Some(c)) => letters(
                c.choices
                    .value
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.pin)
                    .map(|(i, _)| i)
                    .collect(),
            ),
            _ => String::new(),
        },
    }
}

#[cfg(test)]
mod tests;
