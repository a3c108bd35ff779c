//! Moodle's GIFT format: one question per paragraph (blank lines separate them).
//!
//! ```text
//! // [id:server-hello] [tag:handshake]
//! ::Server hello::Which message carries the chosen cipher suite? {
//!     ~ClientHello#It lists the client's suites.
//!     =ServerHello
//!     ####The server picks one suite.
//! }
//! ```
//!
//! Read as Moodle's own reader reads it: lines are trimmed and may end in `\n`,
//! `\r\n` or a bare `\r`; `//` comment lines (with Moodle's `[tag:…]` and `[id:…]`,
//! the id winning over the title), `::title::` (an unclosed `::` starts the text, with
//! a warning), the escapes `\:` `\=` `\~` `\#` `\{` `\}` `\\` and `\n`, a text format
//! in brackets (`[html]`, `[plain]`, `[markdown]`, `[moodle]`, the default, which is
//! HTML whose line breaks count), single-answer multiple choice (`=` right, `~`
//! wrong), multiple response with weights (`~%50%`; a positive weight marks a right
//! choice), feedback `#…` after a choice (becomes `why`), general feedback `####…`
//! (becomes the explanation), true/false (`{T}`, `{F}`, `{TRUE}`, `{FALSE}`, in
//! capitals as Moodle wants them, with `#wrong#right` feedback) and `$CATEGORY:` (its
//! last part becomes a tag). The first `{` and the first `}` bound the answers; text
//! after them makes a missing-word question (`_____` marks the gap) unless the
//! question ends in `}`, and further braces stay text, as in Moodle (with a warning),
//! except a second answer block on a later line, which means a blank line is missing
//! and is an error. An empty answer is left out; text before the first `~` or `=` is
//! an answer. Short answer, numerical, matching, essay and description are skipped
//! with a warning.
//!
//! Written: the id as `[id:…]` (when it fits Moodle's 100 characters) and as the
//! title, tags as `[tag:…]` in the same comment, every text escaped, `&` and `<`
//! written as entities only where a browser would read markup, line breaks as `\n`,
//! the explanation's paragraphs joined. Pins and `shuffle: false` are dropped with a
//! warning (GIFT cannot say "do not shuffle").

mod chars;
mod kinds;
mod marks;
mod write;

use super::build::{Builder, Draft, DraftChoice, category_tag};
use super::collect::MAX_QUESTION_BYTES;
use super::lines::{Ends, Unread};
use super::{Format, html, lines};
use crate::bank::{Kind as QuestionKind, Question, Spanned};
use crate::diagnostic::{Diagnostic, Pos};
use chars::{Ch, Line, chars, find, rfind, starts, string, trim};
use marks::comment_marks;
use std::io::BufRead;
use std::ops::Range;

pub(super) struct Gift;

/// How a text is to be read (GIFT's `[format]` prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextFormat {
    /// Moodle auto-format: HTML in which the text's own line breaks count.
    Moodle,
    Html,
    Plain,
    Markdown,
}

impl Format for Gift {
    /// A text in memory is read as a stream too.
    fn parse(&self, text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        self.stream(&mut text.as_bytes(), b)
    }

    /// A paragraph at a time: the lines up to a blank one.
    fn stream(&self, input: &mut dyn BufRead, b: &mut Builder) -> Result<(), Diagnostic> {
        let mut reader = Reader { b, category: None };
        let mut paragraph = Paragraph::default();
        let mut lines = lines::Lines::new(input, Ends::AnyBreak);
        loop {
            let (n, raw) = match lines.next() {
                Ok(Some(line)) => line,
                Ok(None) => break,
                Err(Unread::TooLong(n)) => {
                    paragraph.too_long(n);
                    continue;
                }
                Err(e) => return Err(e.error(reader.b)),
            };
            let text = raw.trim();
            let lead = raw.len() - raw.trim_start().len();
            let col = u32::try_from(raw[..lead].chars().count() + 1).unwrap_or(u32::MAX);
            let line = Line { n, col, text };
            if text.is_empty() {
                paragraph.end(&mut reader)?;
                if reader.b.is_full() {
                    // The bank is refused whole: nothing more is worth reading.
                    return Ok(());
                }
            } else {
                paragraph.push(line, text.starts_with("//"));
            }
        }
        paragraph.end(&mut reader)
    }

    /// Every kind but order: GIFT has no ordering question.
    fn kinds(&self) -> &'static [QuestionKind] {
        &[
            QuestionKind::Choice,
            QuestionKind::Match,
            QuestionKind::Number,
            QuestionKind::Text,
            QuestionKind::Open,
        ]
    }

    fn question(&self, q: &Question, out: &mut String) -> Result<(), String> {
        match super::choices_of(q) {
            Ok(c) => write::question(q, c, out),
            Err(_) => write::other(q, out, &mut Vec::new()),
        }
    }

    fn notes(&self, q: &Question) -> Vec<String> {
        match super::choices_of(q) {
            Ok(c) => write::notes(q, c),
            Err(_) => {
                let mut notes = write::id_notes(q);
                let _ = write::other(q, &mut String::new(), &mut notes);
                notes
            }
        }
    }
}

/// The most text a paragraph may take in the file: the question limit itself,
/// less than the other line formats allow ([`lines::MAX_HELD`]), because a
/// paragraph is taken apart as characters that each carry their place (16 bytes
/// a character, a few copies deep): a paragraph of 1 MiB costs about 50 MB.
const MAX_PARAGRAPH: usize = MAX_QUESTION_BYTES;

/// The paragraph being read: its lines' text in one buffer, the question lines and
/// the comment lines each with their place in it. Past [`MAX_PARAGRAPH`] it keeps
/// nothing more, and the question is skipped.
#[derive(Default)]
struct Paragraph {
    text: String,
    /// Line, column, and where the line's text lies in `text`.
    lines: Vec<(u32, u32, Range<usize>)>,
    comments: Vec<(u32, u32, Range<usize>)>,
    /// The first line of a paragraph too long to keep.
    over: Option<u32>,
    first: Option<u32>,
}

impl Paragraph {
    fn push(&mut self, line: Line, comment: bool) {
        self.first.get_or_insert(line.n);
        if self.over.is_some() {
            return;
        }
        if self.text.len() + line.text.len() > MAX_PARAGRAPH {
            return self.too_long(line.n);
        }
        let at = self.text.len()..self.text.len() + line.text.len();
        self.text.push_str(line.text);
        let kept = (line.n, line.col, at);
        if comment {
            self.comments.push(kept);
        } else {
            self.lines.push(kept);
        }
    }

    /// A line of the paragraph (line `n`, or one before it) makes it too long.
    fn too_long(&mut self, n: u32) {
        let first = *self.first.get_or_insert(n);
        self.over = Some(first);
        self.text = String::new();
        self.lines = Vec::new();
        self.comments = Vec::new();
    }

    /// Hands the paragraph to the reader, and starts the next.
    fn end(&mut self, reader: &mut Reader) -> Result<(), Diagnostic> {
        let done = std::mem::take(self);
        if let Some(first) = done.over {
            reader.b.skip_error(
                Pos::new(first, 1),
                "the question",
                &format!(
                    "its paragraph runs over {} MiB before the blank line that ends it, more than any question quiz takes; it is not read (is a blank line missing between questions?)",
                    MAX_PARAGRAPH / (1024 * 1024)
                ),
            );
            return Ok(());
        }
        let lines_of = |kept: &[(u32, u32, Range<usize>)]| -> Vec<Line> {
            kept.iter()
                .map(|(n, col, at)| Line {
                    n: *n,
                    col: *col,
                    text: &done.text[at.clone()],
                })
                .collect()
        };
        reader.block(&lines_of(&done.lines), &lines_of(&done.comments))
    }
}

struct Reader<'b> {
    b: &'b mut Builder,
    /// The tag of the last `$CATEGORY:`.
    category: Option<Spanned<String>>,
}

impl Reader<'_> {
    /// One paragraph: a category, a question, or only comments.
    fn block(&mut self, lines: &[Line], comments: &[Line]) -> Result<(), Diagnostic> {
        let all = chars(lines);
        let mut s = trim(&all);
        if s.is_empty() {
            return Ok(());
        }
        if starts(s, 0, "$CATEGORY:") {
            let end = find(s, 0, "\n").unwrap_or(s.len());
            let path = string(trim(&s[10..end]));
            self.category = category_tag(&path).map(|tag| Spanned::new(tag, s[0].pos));
            s = trim(&s[end..]);
            if s.is_empty() {
                return Ok(());
            }
            self.b.warn(
                s[0].pos,
                "no blank line after `$CATEGORY:`: quiz reads a question here, but Moodle reads the rest of the paragraph as part of the category's name",
            );
        }
        self.question(s, comments)
    }

    /// A question that cannot be read: skipped with an error at `pos`, and the
    /// file read on, as Moodle skips it and imports the others.
    fn broken(&mut self, pos: Pos, why: &str) -> Result<(), Diagnostic> {
        self.b.skip_error(pos, "the question", why);
        Ok(())
    }

    fn question(&mut self, s: &[Ch], comments: &[Line]) -> Result<(), Diagnostic> {
        let pos = s[0].pos;
        let marks = comment_marks(comments);
        let mut tags = marks.tags;
        tags.extend(self.category.clone());
        let mut title = None;
        let mut s = s;
        if starts(s, 0, "::") {
            match find(s, 2, "::") {
                Some(end) => {
                    let name = html::to_text(&string(trim(&s[2..end])), false);
                    title = (!name.is_empty()).then(|| Spanned::new(name, pos));
                    s = trim(&s[end + 2..]);
                }
                None => {
                    self.b.warn(
                        pos,
                        "the title opened with `::` is not closed, so the question has no title and its text starts after the `::`, as Moodle reads it (write `::title::`)",
                    );
                    s = trim(&s[2..]);
                }
            }
        }
        let Some(first) = s.first() else {
            self.b
                .skip(pos, "a description", "it has a title and nothing else");
            return Ok(());
        };
        let (open, close) = match (find(s, 0, "{"), find(s, 0, "}")) {
            (None, None) => {
                self.b.skip(
                    first.pos,
                    "a description",
                    "it has no answer block `{…}`, so it is not a question",
                );
                return Ok(());
            }
            (Some(o), None) => {
                return self.broken(s[o].pos, "this `{` has no closing `}` (a blank line ends a question; write `\\{` for a literal brace)");
            }
            (None, Some(c)) => {
                return self.broken(
                    s[c].pos,
                    "`}` without an opening `{` (write `\\}` for a literal brace)",
                );
            }
            (Some(o), Some(c)) if c < o => {
                return self.broken(
                    s[c].pos,
                    "`}` before the answer block's `{` (write `\\}` for a literal brace)",
                );
            }
            (Some(o), Some(c)) => (o, c),
        };
        if let Err(why) = self.stray_braces(s, open, close) {
            return self.broken(why.0, &why.1);
        }
        // Moodle cuts the answer block out, leaving a gap where text follows it,
        // unless the question ends with a `}`.
        let ends_with_brace = s.last().is_some_and(|c| !c.esc && c.c == '}');
        let mut stem: Vec<Ch> = s[..open].to_vec();
        if !ends_with_brace {
            let gap = s[close].pos;
            stem.extend("_____".chars().map(|c| Ch {
                c,
                pos: gap,
                esc: true,
            }));
        }
        stem.extend_from_slice(&s[close + 1..]);
        let stem_slice = trim(&stem);
        let stem_pos = stem_slice.first().map_or(pos, |c| c.pos);
        let mut stem_text = text(stem_slice, TextFormat::Moodle);
        let format = stem_text.format;
        let exhibit = super::exhibit::split_gift(&string(stem_slice)).map(|(stem, exhibit)| {
            stem_text.text = stem;
            Spanned::new(exhibit, stem_pos)
        });
        let mut draft = Draft::new(pos, Spanned::new(stem_text.text, stem_pos));
        draft.embeds(stem_pos, stem_text.media);
        let mut answers = trim(&s[open + 1..close]);
        if let Some(g) = rfind(answers, "####") {
            let feedback = text(&answers[g + 4..], format);
            draft.embeds(answers[g].pos, feedback.media);
            if !feedback.text.is_empty() {
                draft.explanation = Some(Spanned::new(feedback.text, answers[g].pos));
            }
            answers = trim(&answers[..g]);
        }
        draft.name = marks.id.or(title);
        draft.tags = tags;
        draft.choices_pos = s[open].pos;
        let block = s[open].pos;
        let mut notes = kinds::Notes::new();
        let kind = kind_of(answers);
        let body = match kind {
            Kind::MultipleChoice => {
                self.multiple_choice(&mut draft, answers, format);
                Ok(None)
            }
            Kind::TrueFalse(right) => {
                true_false_choices(&mut draft, answers, right, format);
                Ok(None)
            }
            Kind::ShortAnswer if lower_case_true_false(answers) => {
                self.b.skip(
                    pos,
                    "a short-answer question",
                    "Moodle reads `{true}` and `{false}` in lower case as a short answer to type; a true/false question is written `{T}`, `{TRUE}`, `{F}` or `{FALSE}`",
                );
                return Ok(());
            }
            Kind::ShortAnswer => kinds::short_answer(answers, block, format, &mut notes).map(Some),
            Kind::Numerical => kinds::numerical(&answers[1..], block, &mut notes).map(Some),
            Kind::Matching => kinds::matching(answers, block, format, &mut notes).map(Some),
            // The general feedback is the model answer.
            Kind::Essay => kinds::essay(draft.explanation.take()).map(Some),
        };
        match body {
            Ok(body) => draft.body = body,
            Err(why) => {
                self.b.skip(pos, kind.name(), &why);
                return Ok(());
            }
        }
        for (at, note) in notes {
            self.b.warn(at, note);
        }
        let extra = super::build::Extra {
            exhibit,
            split: split_in_code(answers),
            ..Default::default()
        };
        self.b.add_with(draft, extra);
        Ok(())
    }

    /// Braces besides the answer block's own: a second block on a later line is a
    /// question that lacks the blank line before it; any other brace stays text, as
    /// Moodle keeps it, with a warning.
    fn stray_braces(&mut self, s: &[Ch], open: usize, close: usize) -> Result<(), (Pos, String)> {
        if let Some(inner) = find(&s[..close], open + 1, "{") {
            self.b.warn(
                s[inner].pos,
                "a `{` inside the answer block is read as text, as Moodle reads it (write `\\{` for a literal brace)",
            );
        }
        let after = close + 1;
        if let Some(second) = find(s, after, "{") {
            let newline = (after..second).find(|&i| !s[i].esc && s[i].c == '\n');
            if let Some(nl) = newline
                && find(s, second + 1, "}").is_some()
            {
                // A first block with no answer mark is braces of the text
                // (code), not a question's answers.
                let answers = s[open + 1..close]
                    .iter()
                    .any(|c| !c.esc && matches!(c.c, '=' | '~' | '#'));
                if !answers {
                    return Err((
                        s[open].pos,
                        "the question's text holds braces `{…}` before its answer block (code, most likely): write them `\\{` and `\\}`, as Moodle cannot read the question either".to_owned(),
                    ));
                }
                let next = trim(&s[nl..]).first().map_or(s[second].pos, |c| c.pos);
                return Err((
                    s[second].pos,
                    format!(
                        "a second answer block `{{…}}`: a blank line is probably missing before line {}, where the next question starts (questions are separated by blank lines; Moodle would read both as one question, keeping this block as text)",
                        next.line
                    ),
                ));
            }
            self.b.warn(
                s[second].pos,
                "a `{` after the answer block is kept as text of the question, as Moodle keeps it (write `\\{` for a literal brace)",
            );
        } else if let Some(stray) = find(s, after, "}") {
            self.b.warn(
                s[stray].pos,
                "a `}` after the answer block is kept as text of the question, as Moodle keeps it (write `\\}` for a literal brace)",
            );
        }
        Ok(())
    }

    fn multiple_choice(&mut self, draft: &mut Draft, answers: &[Ch], format: TextFormat) {
        let marks: Vec<usize> = (0..answers.len())
            .filter(|&i| !answers[i].esc && matches!(answers[i].c, '~' | '='))
            .collect();
        draft.single = marks.iter().any(|&i| answers[i].c == '=');
        let lead = trim(&answers[..marks.first().copied().unwrap_or(answers.len())]);
        if let Some(first) = lead.first() {
            self.b.warn(
                first.pos,
                "text before the first `~` or `=` is read as a wrong answer, as Moodle reads it (each answer starts with `=` for right or `~` for wrong)",
            );
            self.choice(draft, lead, first.pos, 0.0, format);
        }
        for (k, &m) in marks.iter().enumerate() {
            let end = marks.get(k + 1).copied().unwrap_or(answers.len());
            let weight = if answers[m].c == '=' { 100.0 } else { 0.0 };
            self.choice(draft, &answers[m + 1..end], answers[m].pos, weight, format);
        }
    }

    /// One answer: a `%weight%` (after `~`), its text, and `#feedback`.
    fn choice(&mut self, draft: &mut Draft, body: &[Ch], at: Pos, weight: f64, format: TextFormat) {
        let mut body = trim(body);
        let mut weight = weight;
        if weight == 0.0
            && let Some((w, len)) = weight_of(body)
        {
            weight = w;
            body = trim(&body[len..]);
        }
        let (text_part, why_part) = match find(body, 0, "#") {
            Some(h) => (&body[..h], Some(&body[h..])),
            None => (body, None),
        };
        let why = why_part.and_then(|w| {
            let t = text(&w[1..], format);
            draft.embeds(w[0].pos, t.media);
            (!t.text.is_empty()).then(|| Spanned::new(t.text, w[0].pos))
        });
        let answer = text(text_part, format);
        draft.embeds(at, answer.media);
        draft.choices.push(DraftChoice {
            text: Spanned::new(answer.text, at),
            why,
            weight,
        });
    }
}

/// The first `=` or `~` of an answer block that stands inside backticks
/// (`` `header=True` ``), with what it did: GIFT, as Moodle reads it, starts a new
/// answer there, though the author most likely meant code.
fn split_in_code(answers: &[Ch]) -> Option<(Pos, String)> {
    let mut open: Option<usize> = None;
    for (i, ch) in answers.iter().enumerate() {
        if ch.esc {
            continue;
        }
        match (ch.c, open) {
            ('`', None) => open = Some(i),
            ('`', Some(_)) => open = None,
            ('=' | '~', Some(start)) => {
                let end = answers[i..]
                    .iter()
                    .position(|c| !c.esc && c.c == '`')
                    .map_or(answers.len(), |n| i + n + 1);
                let code = string(&answers[start..end]);
                let (mark, what) = if ch.c == '=' {
                    ('=', "a right answer")
                } else {
                    ('~', "a wrong answer")
                };
                return Some((
                    ch.pos,
                    format!(
                        "the `{mark}` in {code} (line {}) starts {what}, as GIFT and Moodle read it, though it stands inside backticks: write it `\\{mark}` to keep it in the text",
                        ch.pos.line
                    ),
                ));
            }
            _ => {}
        }
    }
    None
}

/// The choices True and False, with GIFT's `#wrong feedback#right feedback`.
fn true_false_choices(draft: &mut Draft, answers: &[Ch], right: bool, format: TextFormat) {
    let hashes: Vec<usize> = (0..answers.len())
        .filter(|&i| !answers[i].esc && answers[i].c == '#')
        .take(2)
        .collect();
    let mut part = |k: usize| -> Option<Spanned<String>> {
        let start = *hashes.get(k)?;
        let end = hashes.get(k + 1).copied().unwrap_or(answers.len());
        let t = text(&answers[start + 1..end], format);
        draft.embeds(answers[start].pos, t.media);
        (!t.text.is_empty()).then(|| Spanned::new(t.text, answers[start].pos))
    };
    let (wrong, right_why) = (part(0), part(1));
    let pos = answers.first().map_or(draft.choices_pos, |c| c.pos);
    for (label, is_true) in [("True", true), ("False", false)] {
        let is_right = is_true == right;
        draft.choices.push(DraftChoice {
            text: Spanned::new(label.into(), pos),
            why: if is_right {
                right_why.clone()
            } else {
                wrong.clone()
            },
            weight: if is_right { 100.0 } else { 0.0 },
        });
    }
    draft.single = true;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    MultipleChoice,
    /// Whether the statement is true.
    TrueFalse(bool),
    Essay,
    Numerical,
    Matching,
    ShortAnswer,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::MultipleChoice => "a multiple-choice question",
            Kind::TrueFalse(_) => "a true/false question",
            Kind::Essay => "an essay question",
            Kind::Numerical => "a numerical question",
            Kind::Matching => "a matching question",
            Kind::ShortAnswer => "a short-answer question",
        }
    }
}

/// The answers up to the first `#`, trimmed, as Moodle tells true/false by them.
fn true_false_head(answers: &[Ch]) -> String {
    let head = find(answers, 0, "#").map_or(answers, |h| &answers[..h]);
    string(trim(head))
}

/// The question type, decided as Moodle does.
fn kind_of(answers: &[Ch]) -> Kind {
    let has = |c: char| answers.iter().any(|x| !x.esc && x.c == c);
    if answers.is_empty() {
        return Kind::Essay;
    }
    if !answers[0].esc && answers[0].c == '#' {
        return Kind::Numerical;
    }
    if has('~') {
        return Kind::MultipleChoice;
    }
    if has('=') && string(answers).contains("->") {
        return Kind::Matching;
    }
    // Moodle compares case and all: `{true}` is a short answer.
    match true_false_head(answers).as_str() {
        "T" | "TRUE" => Kind::TrueFalse(true),
        "F" | "FALSE" => Kind::TrueFalse(false),
        _ => Kind::ShortAnswer,
    }
}

/// `{true}`, `{f}`…: what looks like true/false to a person but not to Moodle.
fn lower_case_true_false(answers: &[Ch]) -> bool {
    matches!(
        true_false_head(answers).to_ascii_uppercase().as_str(),
        "T" | "TRUE" | "F" | "FALSE"
    )
}

/// A weight `%50%`, `%-33.33333%` at the start: its value and length in characters.
fn weight_of(s: &[Ch]) -> Option<(f64, usize)> {
    if s.first().is_none_or(|c| c.c != '%' || c.esc) {
        return None;
    }
    let end = 1 + s[1..].iter().position(|c| c.c == '%')?;
    let inner = string(&s[1..end]);
    let digits = inner.strip_prefix('-').unwrap_or(&inner);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit());
    if !ok {
        return None;
    }
    Some((inner.parse().ok()?, end + 1))
}

/// A text read from GIFT: plain text, its format, and the files it embeds.
struct Text {
    text: String,
    format: TextFormat,
    media: Vec<String>,
}

/// A text with its `[format]` prefix read, as plain text.
fn text(s: &[Ch], default: TextFormat) -> Text {
    let raw = string(trim(s));
    let (format, body) = match raw.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((name, body)) => match name {
            "moodle" => (TextFormat::Moodle, body),
            "html" => (TextFormat::Html, body),
            "plain" => (TextFormat::Plain, body),
            "markdown" => (TextFormat::Markdown, body),
            _ => (default, raw.as_str()),
        },
        None => (default, raw.as_str()),
    };
    let read = match format {
        TextFormat::Moodle => html::read(body, true),
        TextFormat::Html => html::read(body, false),
        TextFormat::Plain | TextFormat::Markdown => html::Read {
            text: body.trim().to_owned(),
            media: Vec::new(),
        },
    };
    Text {
        text: read.text,
        format,
        media: read.media,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::texts;
    use super::super::{Imported, Kind as Format, export, import, testing};
    use super::*;
    use crate::bank::Body;

    fn ok(text: &str) -> Imported {
        testing::ok(Format::Gift, "quiz.gift", text)
    }

    fn err(text: &str) -> (u32, String) {
        testing::err(Format::Gift, "quiz.gift", text)
    }

    fn whys(q: &Question) -> Vec<Option<&str>> {
        q.as_choice()
            .choices
            .value
            .iter()
            .map(|c| c.why.as_ref().map(|w| w.value.as_str()))
            .collect()
    }

    #[test]
    fn reads_titles_choices_feedback_and_comments() {
        let imported = ok("// a comment\n\
             ::Q1: Suites::Which message \\{carries\\} the suite?{\n\
             \t~ClientHello#It lists the client's suites.\n\
             \t=ServerHello#Right\\: it carries one.\n\
             // a comment inside\n\
             \t~Finished\n\
             \t####The server picks \\#1.\n\
             }\n");
        let q = &imported.bank.questions[0];
        assert_eq!(q.id.value, "Q1-Suites");
        assert_eq!(q.question.value, "Which message {carries} the suite?");
        assert_eq!(texts(q), ["ClientHello", "ServerHello", "Finished"]);
        assert_eq!(
            whys(q),
            [
                Some("It lists the client's suites."),
                Some("Right: it carries one."),
                None
            ]
        );
        assert_eq!(q.as_choice().correct(), [1]);
        assert!(!q.as_choice().is_multiple());
        assert_eq!(
            q.explanation.as_ref().map(|e| e.value.as_str()),
            Some("The server picks #1.")
        );
        assert_eq!(q.pos, Pos::new(2, 1));
        assert_eq!(q.as_choice().choices.value[1].text.pos, Pos::new(4, 2));
        assert_eq!(
            q.as_choice().choices.value[1].why.as_ref().map(|w| w.pos),
            Some(Pos::new(4, 14))
        );
    }

    #[test]
    fn resolves_every_escape() {
        let imported =
            ok("What do \\: \\= \\~ \\# \\{ \\} \\\\ and \\n mean? { =all\\nof them ~none }");
        let q = &imported.bank.questions[0];
        assert_eq!(q.question.value, "What do : = ~ # { } \\ and \n mean?");
        assert_eq!(q.as_choice().choices.value[0].text.value, "all\nof them");
    }

    #[test]
    fn weights_make_a_multiple_response_item() {
        let imported = ok(
            "::m::Which are hashes? {\n~%50%SHA-256#yes\n~%50%SHA-384\n~%-100%AES#a cipher\n~%0%RC4\n}\n\n\
                           ::one::Which is a hash? {~%100%SHA-256 ~%-50%AES}\n",
        );
        let qs = &imported.bank.questions;
        assert_eq!(qs[0].as_choice().correct(), [0, 1]);
        assert!(
            !qs[0].as_choice().multi,
            "two right answers say multiple already"
        );
        assert_eq!(whys(&qs[0])[2], Some("a cipher"));
        assert_eq!(qs[1].as_choice().correct(), [0]);
        assert!(qs[1].as_choice().multi, "Moodle shows it with checkboxes");
    }

    #[test]
    fn partial_credit_in_a_single_answer_question_is_reported() {
        let imported = ok("Q? {=best ~%50%good ~bad}");
        assert_eq!(imported.bank.questions[0].as_choice().correct(), [0]);
        assert_eq!(imported.warnings.len(), 1);
        assert!(
            imported.warnings[0].message.contains("50 %"),
            "{:?}",
            imported.warnings
        );
    }

    #[test]
    fn true_false_becomes_two_choices() {
        let imported = ok("::tf1::TLS 1.3 removed RSA key exchange.{T}\n\n\
                           ::tf2::SSL 3.0 is safe.{FALSE#No: POODLE.#Right, it is broken.####RFC 7568.}\n\n\
                           ::tf3::Capitals only.{TRUE}");
        let qs = &imported.bank.questions;
        assert_eq!(texts(&qs[0]), ["True", "False"]);
        assert_eq!(qs[0].as_choice().correct(), [0]);
        assert_eq!(qs[1].as_choice().correct(), [1]);
        assert_eq!(
            whys(&qs[1]),
            [Some("No: POODLE."), Some("Right, it is broken.")]
        );
        assert_eq!(
            qs[1].explanation.as_ref().map(|e| e.value.as_str()),
            Some("RFC 7568.")
        );
        assert_eq!(qs[2].as_choice().correct(), [0]);
    }

    /// Moodle compares `T`, `TRUE`, `F` and `FALSE` case and all: `{true}` is a
    /// short-answer question whose answer is typed.
    #[test]
    fn lower_case_true_is_a_short_answer_as_in_moodle() {
        let imported = ok("Is this a statement?{true}\n\n::kept::Which? {=a ~b}");
        assert_eq!(imported.bank.questions.len(), 1);
        let w = &imported.warnings[0];
        assert_eq!(w.line, 1);
        assert!(
            w.message.contains("short-answer") && w.message.contains("{TRUE}"),
            "{}",
            w.message
        );
    }

    #[test]
    fn categories_and_comment_tags_become_tags() {
        let imported = ok("$CATEGORY: $course$/top/TLS/Handshake\n\n\
                           // [tag:tls13] [tag:with \\] bracket] [id:hello-1]\n\
                           Which? {=a ~b}\n\n\
                           ::named::Which? {=a ~b}");
        let qs = &imported.bank.questions;
        let tags: Vec<&str> = qs[0].tags.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(tags, ["tls13", "with ] bracket", "Handshake"]);
        assert_eq!(qs[0].id.value, "hello-1");
        assert_eq!(qs[0].tags[0].pos, Pos::new(3, 4));
        assert_eq!(qs[1].tags.len(), 1);
    }

    /// Moodle's GIFT export writes the ID number as `// [id:…]`; on import it is the
    /// question's ID number whatever the title, as `<idnumber>` is in XML.
    #[test]
    fn the_id_comment_wins_over_the_title() {
        let imported = ok(
            "// question: 12  name: Hello\n// [id:hello-1] [tag:a]\n::Hello title::Which? {=a ~b}",
        );
        let q = &imported.bank.questions[0];
        assert_eq!(q.id.value, "hello-1");
        assert_eq!(q.id.pos, Pos::new(2, 4));
    }

    #[test]
    fn every_kind_of_moodle_question_is_read_and_what_is_not_is_skipped_at_its_line() {
        let imported = ok("Who? {=Grant =Ulysses}\n\n\
                           When? {#1822:5}\n\n\
                           Match. {=a -> 1 =b -> 2 = -> 3}\n\n\
                           Write. {}\n\n\
                           Just text.\n\n\
                           ::kept::Which? {=a ~b}\n\n\
                           Why? {####A model answer.}\n\n\
                           Range? {#1..5}\n");
        let kinds: Vec<&str> = imported
            .bank
            .questions
            .iter()
            .map(|q| q.kind().name())
            .collect();
        assert_eq!(
            kinds,
            ["text", "number", "match", "choice", "open", "number"]
        );
        let got: Vec<(u32, bool)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.starts_with("skipped ")))
            .collect();
        assert_eq!(got, [(7, true), (9, true)]);
        assert!(imported.warnings[0].message.contains("essay"));
        assert!(imported.warnings[0].message.contains("no model answer"));
        assert!(imported.warnings[1].message.contains("description"));
        let qs = &imported.bank.questions;
        let Body::Match(m) = &qs[2].body else {
            panic!("a match")
        };
        assert_eq!(m.pairs.value.len(), 2);
        assert_eq!(m.extra[0].value, "3");
        let Body::Number(range) = &qs[5].body else {
            panic!("a number")
        };
        assert_eq!(
            (
                range.answer.value.as_str(),
                range.tolerance.as_ref().map(|t| t.value.as_str())
            ),
            ("3", Some("2"))
        );
        let Body::Open(open) = &qs[4].body else {
            panic!("an open question")
        };
        assert_eq!(open.answer.value, "A model answer.");
        assert!(qs[4].explanation.is_none());
    }

    /// Moodle's own GIFT fixtures hold partial credit, per-answer feedback and
    /// several numerical answers; quiz keeps the full-credit answer and says at
    /// each line what it drops.
    #[test]
    fn what_a_typed_answer_cannot_hold_is_dropped_at_its_line() {
        let imported = ok("Name? {=Grant#Yes =%50%Ulysses#Half}\n\n\
                           When? {#=1822:0#Right =%50%1822:2#Close ~Wrong}\n");
        let Body::Text(t) = &imported.bank.questions[0].body else {
            panic!("a text answer")
        };
        let accepted: Vec<&str> = t.answer.value.iter().map(|a| a.value.as_str()).collect();
        assert_eq!(accepted, ["Grant"]);
        let Body::Number(n) = &imported.bank.questions[1].body else {
            panic!("a number")
        };
        assert_eq!(n.answer.value, "1822");
        assert!(n.tolerance.is_none());
        let said: Vec<(u32, &str)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(said.len(), 7, "{said:?}");
        assert!(said.iter().all(|(line, _)| *line == 1 || *line == 3));
        assert!(said[2].1.contains("worth 50% and is dropped"), "{said:?}");
        assert!(said.iter().any(|(_, m)| m.contains("wrong answer")));
    }

    #[test]
    fn html_and_text_formats() {
        let imported = ok(
            "[html]<p>Is <b>this</b> &amp; that</p><p>bold?</p>{=yes ~[plain]<no>}\n\n\
                           Line one\nline two &lt;tag&gt; {=a ~b}",
        );
        let qs = &imported.bank.questions;
        assert_eq!(qs[0].question.value, "Is this & that\n\nbold?");
        assert_eq!(texts(&qs[0]), ["yes", "<no>"]);
        assert_eq!(qs[1].question.value, "Line one\nline two <tag>");
    }

    #[test]
    fn missing_word_questions_keep_the_gap() {
        let imported = ok("TLS 1.3 has {=one ~two} round trip.");
        assert_eq!(
            imported.bank.questions[0].question.value,
            "TLS 1.3 has _____ round trip."
        );
    }

    #[test]
    fn malformed_input_names_its_line() {
        // Each is a question skipped with an error at its line; the file
        // then has nothing to import.
        let skipped = |text: &str| -> (u32, String) {
            let failed = import(Format::Gift, "quiz.gift", text)
                .err()
                .unwrap_or_else(|| panic!("expected an error"));
            assert!(failed.error.message.contains("skipped"));
            let first = &failed.warnings[0];
            assert!(first.is_error(), "{first:?}");
            (first.line, first.message.clone())
        };
        assert_eq!(skipped("\n\nWhich? {=a ~b\n\n~c}").0, 3);
        assert!(skipped("Which? {=a ~b").1.contains("no closing"));
        assert_eq!(skipped("x\nWhich? =a ~b}").0, 2);
        assert!(
            skipped("Which? a} {=a ~b}")
                .1
                .contains("before the answer block")
        );
        assert!(err("// only a comment\n").1.contains("no questions"));
        assert!(err("Q? {}").1.contains("its one question was skipped"));
        assert!(
            err("Q? {}\n\nR? {}")
                .1
                .contains("all 2 questions were skipped")
        );
    }

    /// What quiz used to call "a second brace" is most often two questions with no
    /// blank line between them; Moodle would read them as one, the second block as
    /// text. The error says which blank line is missing, and the warnings gathered
    /// before it are kept.
    #[test]
    fn braces_in_the_text_are_named_as_such_and_the_rest_imported() {
        let imported =
            ok("::code::What does it print?\nif (x) {\n  y();\n}\n{=1 ~2}\n\n::d::Last? {=e ~f}\n");
        let ids: Vec<&str> = imported
            .bank
            .questions
            .iter()
            .map(|q| q.id.value.as_str())
            .collect();
        assert_eq!(ids, ["d"]);
        let error = imported
            .warnings
            .iter()
            .find(|w| w.is_error())
            .unwrap_or_else(|| panic!("an error: {:?}", imported.warnings));
        assert_eq!((error.line, error.col), (2, 8));
        assert!(error.message.contains("holds braces"), "{}", error.message);
        assert!(
            error.message.contains("`\\{` and `\\}`"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_missing_blank_line_is_named_and_the_rest_imported() {
        let text = "::a::A? {=x ~y ~}\n\n::b::Which one?\n{=a ~b}\n::c::Next? {=c\n~d}\n\n::d::Last? {=e ~f}\n";
        let imported = ok(text);
        let ids: Vec<&str> = imported
            .bank
            .questions
            .iter()
            .map(|q| q.id.value.as_str())
            .collect();
        assert_eq!(ids, ["a", "d"]);
        let error = imported
            .warnings
            .iter()
            .find(|w| w.is_error())
            .unwrap_or_else(|| panic!("an error: {:?}", imported.warnings));
        assert_eq!(error.line, 5);
        assert!(
            error
                .message
                .contains("a blank line is probably missing before line 5"),
            "{}",
            error.message
        );
    }

    /// Moodle takes the first `{` and the first `}` as the answer block and keeps any
    /// other brace as text; the question gets a gap only when it does not end in `}`.
    #[test]
    fn other_braces_stay_text_as_in_moodle() {
        let imported = ok("A {=x ~y} b } c\n\nB {=x ~y} then {z}\n\nC {=x { ~y}");
        let qs = &imported.bank.questions;
        assert_eq!(qs[0].question.value, "A _____ b } c");
        assert_eq!(qs[1].question.value, "B  then {z}");
        assert_eq!(qs[2].as_choice().choices.value[0].text.value, "x {");
        let at: Vec<(u32, u32)> = imported.warnings.iter().map(|w| (w.line, w.col)).collect();
        assert_eq!(at, [(1, 13), (3, 16), (5, 7)]);
        assert!(
            imported
                .warnings
                .iter()
                .all(|w| w.message.contains("as Moodle"))
        );
    }

    /// `::title` with no closing `::`: Moodle names the question from its text, which
    /// starts after the `::`.
    #[test]
    fn an_unclosed_title_starts_the_text() {
        let imported = ok("::Which message comes first? {=ClientHello ~ServerHello}");
        let q = &imported.bank.questions[0];
        assert_eq!(q.question.value, "Which message comes first?");
        assert_eq!(q.id.value, "quiz-1");
        assert!(imported.warnings[0].message.contains("not closed"));
    }

    /// Moodle trims every line, so continuation lines lose their indentation, and it
    /// reads a file whose lines end in a bare carriage return (old Mac OS) line by line.
    #[test]
    fn lines_are_trimmed_and_any_line_ending_counts() {
        let imported = ok(
            "::q1::Which message\r    comes first? {\r\t=ClientHello\r\t~ServerHello\r}\r\r::q2::Next? {=a ~b}\r",
        );
        let qs = &imported.bank.questions;
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].question.value, "Which message\ncomes first?");
        assert_eq!(qs[0].as_choice().choices.value[0].text.pos, Pos::new(3, 2));
        assert_eq!(qs[1].pos, Pos::new(7, 1));
    }

    /// An answer with no text: Moodle leaves it out and keeps the question, which
    /// then needs two answers still.
    #[test]
    fn empty_answers_are_left_out() {
        let imported = ok("Q? {=a ~ ~b #why}\n\nR? {=a ~#only feedback}");
        let qs = &imported.bank.questions;
        assert_eq!(qs.len(), 1);
        assert_eq!(texts(&qs[0]), ["a", "b"]);
        let messages: Vec<(u32, &str)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert!(messages[0].1.contains("answer 2 is empty"), "{messages:?}");
        assert_eq!(messages[1].0, 3);
        assert!(messages[1].1.contains("one answer"), "{messages:?}");
    }

    /// Moodle splits the answers at each `~` and `=`, and keeps what stands before the
    /// first one as an answer too (weighted 0 unless it starts with a `%weight%`).
    #[test]
    fn text_before_the_first_answer_is_an_answer() {
        let imported = ok("Which? {stray ~a =b}");
        let q = &imported.bank.questions[0];
        assert_eq!(texts(q), ["stray", "a", "b"]);
        assert_eq!(q.as_choice().correct(), [2]);
        assert!(imported.warnings[0].message.contains("wrong answer"));
    }

    /// Grades: out of range, a question Moodle refuses is skipped; a grade off
    /// Moodle's list, or a negative mark in a single-answer question (quiz takes no
    /// marks away), is imported with a warning at its line.
    #[test]
    fn grades_moodle_would_read_otherwise_are_named() {
        let imported =
            ok("Q? {\n~%150%a\n=b\n}\n\nR? {\n~%37%a\n~%63%b\n~%-100%c\n}\n\nS? {\n=a\n~%-50%b\n}");
        let qs = &imported.bank.questions;
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].as_choice().correct(), [0, 1]);
        assert_eq!(qs[1].as_choice().correct(), [0]);
        let at: Vec<(u32, bool)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.starts_with("skipped")))
            .collect();
        assert_eq!(at, [(1, true), (7, false), (8, false), (14, false)]);
        assert!(
            imported.warnings[1]
                .message
                .contains("37 %, a grade Moodle refuses")
        );
        assert!(imported.warnings[3].message.contains("takes no marks away"));
    }

    /// Pictures and sound live in Moodle's file store; quiz keeps the text and says
    /// which files it leaves behind.
    #[test]
    fn embedded_files_are_named() {
        let imported = ok(
            "[html]<p>Which logo is this? <img src=\"@@PLUGINFILE@@/logo.png\" alt=\"logo\"></p>{\n=Moodle#<a href\\=\"@@PLUGINFILE@@/yes.mp3\">Hear why</a>\n~Other\n}",
        );
        let q = &imported.bank.questions[0];
        assert_eq!(q.question.value, "Which logo is this? [image: logo]");
        assert_eq!(imported.warnings.len(), 1);
        let w = &imported.warnings[0];
        assert_eq!(w.line, 1);
        assert!(w.message.ends_with(": logo.png, yes.mp3"), "{}", w.message);
    }

    #[test]
    fn a_category_needs_a_blank_line_after_it_in_moodle() {
        let imported = ok("$CATEGORY: $course$/top/TLS\n::q::Which? {=a ~b}");
        let q = &imported.bank.questions[0];
        assert_eq!(q.tags[0].value, "TLS");
        assert_eq!(imported.warnings[0].line, 2);
        assert!(imported.warnings[0].message.contains("blank line"));
    }

    /// A bank of questions that share one title: ids made unique through a counter
    /// per name, each within the length limit.
    #[test]
    fn shared_titles_get_unique_ids_within_the_limit() {
        let long = "t".repeat(120);
        let text = format!("::{long}::Q? {{=a ~b}}\n\n").repeat(12);
        let imported = ok(&text);
        let ids: Vec<&str> = imported
            .bank
            .questions
            .iter()
            .map(|q| q.id.value.as_str())
            .collect();
        assert_eq!(ids[0].len(), crate::bank::MAX_ID_LEN);
        assert!(
            ids[1].ends_with("t-2") && ids[11].ends_with("t-12"),
            "{ids:?}"
        );
        assert!(ids.iter().all(|id| id.len() <= crate::bank::MAX_ID_LEN));
        let unique: std::collections::HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), 12);
    }

    #[test]
    fn writes_weights_escapes_and_feedback() {
        let src = "// [tag:tls]\n::multi::Pick \\{the\\} two\\: {\n~%50%a \\= b#yes\n~%50%c\n~%-50%%d\n}\n\n\
                   ::single::One? {=x#right ~y ~%0%%z ####See RFC 5246\\: 7.4.1.3.}\n\n\
                   ::tf::True?{T#wrong#right}\n";
        let bank = ok(src).bank;
        let out = export(Format::Gift, std::slice::from_ref(&bank));
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        let expected = "// [id:multi] [tag:tls]\n::multi::Pick \\{the\\} two\\: {\n\t~%50%a \\= b#yes\n\t~%50%c\n\t~%-50%%d\n}\n\n\
                        // [id:single]\n::single::One? {\n\t=x#right\n\t~y\n\t~%0%%z\n\t####See RFC 5246\\: 7.4.1.3.\n}\n\n\
                        // [id:tf]\n::tf::True? {TRUE#wrong#right\n}\n\n";
        assert_eq!(out.text(), expected);
        let again = ok(&out.text()).bank;
        for (a, b) in bank.questions.iter().zip(&again.questions) {
            assert_eq!(a.question.value, b.question.value);
            assert_eq!(texts(a), texts(b));
            assert_eq!(whys(a), whys(b));
            assert_eq!(a.as_choice().correct(), b.as_choice().correct());
        }
    }

    /// Text is HTML to Moodle, and a browser reads `&rho;`, `&amp i` and `&lt` as
    /// characters: written, each `&` that would start one is escaped; read, the whole
    /// HTML5 list is known.
    #[test]
    fn entities_are_written_and_read_as_a_browser_reads_them() {
        let mut bank = ok("::e::Which? {=a ~b}").bank;
        let text = "x &rho; &amp i &lt 3 & R&D AT&T";
        bank.questions[0].question.value = text.into();
        let out = export(Format::Gift, std::slice::from_ref(&bank));
        assert!(
            out.text()
                .contains("x &amp;rho; &amp;amp i &amp;lt 3 & R&D AT&T {"),
            "{}",
            out.text()
        );
        assert_eq!(ok(&out.text()).bank.questions[0].question.value, text);
        let read = ok("x&sup2; &frac12; &rho; &hellip; {=a ~b}");
        assert_eq!(read.bank.questions[0].question.value, "x² ½ ρ …");
    }

    /// GIFT has no way to keep choices in place: the export says so and names the
    /// format that can. An id past Moodle's 100-character ID number is not written
    /// as `[id:…]`.
    #[test]
    fn what_gift_cannot_hold_is_reported() {
        let mut bank =
            ok("::pinned::Which? {=a ~b ~None of these}\n\n::ordered::Which? {=a ~b}").bank;
        bank.questions[0].as_choice_mut().choices.value[2].pin = true;
        bank.questions[1].as_choice_mut().shuffle = false;
        bank.questions[1].id.value = "x".repeat(101);
        let out = export(Format::Gift, std::slice::from_ref(&bank));
        let messages: Vec<&str> = out.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].contains("choice C stays in place") && messages[0].contains("moodle-xml")
        );
        assert!(messages[1].contains("keep their order"));
        assert!(messages[2].contains("without `[id:…]`"));
        assert!(out.text().contains("// [id:pinned]\n"));
        assert!(!out.text().contains("[id:xxx"));
    }

    #[test]
    fn the_hand_written_fixture() {
        let text = include_str!("../../../tests/fixtures/formats/tricky.gift");
        let imported = import(Format::Gift, "tricky.gift", text)
            .map_err(|f| f.error)
            .unwrap_or_else(|d| panic!("{}: {}", d.line, d.message));
        let qs = &imported.bank.questions;
        let ids: Vec<&str> = qs.iter().map(|q| q.id.value.as_str()).collect();
        assert_eq!(
            ids,
            [
                "Server-Hello-the-suite",
                "Server-Hello-the-suite-2",
                "hashes",
                "rc4-in-tls13",
                "sha1",
                "tricky-6",
                "short",
                "numerical",
                "matching",
                "missing-word",
                "tricky-13"
            ]
        );
        let hello = &qs[0];
        assert_eq!(
            hello.question.value,
            "Which message carries the cipher suite that the server {chose}?"
        );
        assert_eq!(hello.as_choice().correct(), [1]);
        assert_eq!(whys(hello)[1], Some("Right: it carries exactly one suite."));
        assert_eq!(whys(hello)[2], None);
        let tags: Vec<&str> = hello.tags.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(tags, ["tls12", "server-hello", "Handshake"]);
        assert!(
            hello
                .explanation
                .as_ref()
                .is_some_and(|e| e.value.starts_with("RFC 5246 §7.4.1.3: the"))
        );
        let hashes = &qs[2];
        assert_eq!(hashes.as_choice().correct(), [0, 1]);
        assert_eq!(
            hashes.explanation.as_ref().map(|e| e.value.as_str()),
            Some(
                "SHA-2 functions hash; AES and ChaCha20 encrypt.\n\nBoth kinds appear in a cipher suite."
            )
        );
        let rc4 = &qs[3];
        assert_eq!(texts(rc4), ["True", "False"]);
        assert_eq!(rc4.as_choice().correct(), [1]);
        assert_eq!(
            whys(rc4),
            [
                Some("Look at RFC 7465."),
                Some("Right: RFC 7465 prohibits RC4 everywhere.")
            ]
        );
        assert_eq!(qs[4].as_choice().correct(), [0]);
        assert_eq!(
            qs[5].question.value,
            "Escapes: the characters ~ = # { } and \\ must be escaped, and \\n is a backslash and n."
        );
        let kinds: Vec<&str> = qs[6..9].iter().map(|q| q.kind().name()).collect();
        assert_eq!(kinds, ["text", "number", "match"]);
        assert_eq!(
            qs[9].question.value,
            "TLS 1.3 needs _____ round trip for a full handshake."
        );
        assert_eq!(
            qs[10].question.value,
            "Which one is an AEAD mode & a block cipher mode?"
        );
        assert_eq!(texts(&qs[10]), ["GCM", "<CBC>"]);
        // The essay has no model answer; the description no answer block.
        let skipped: Vec<u32> = imported.warnings.iter().map(|w| w.line).collect();
        assert_eq!(skipped, [49, 51]);
    }

    #[test]
    fn hostile_input_never_panics() {
        for s in [
            "{",
            "}",
            "::",
            "::a::",
            "{~",
            "{=",
            "{#",
            "\\",
            "{~%",
            "{~%-%a ~b}",
            "{~%1.2.3%a ~b}",
            "$CATEGORY:",
            "// [tag:",
            "é{~ü=ö}",
        ] {
            let _ = import(Format::Gift, "x.gift", s);
        }
    }
}
