//! Moodle's GIFT format: one question per paragraph (blank lines separate them).
//!
//! ```text
//! // [tag:handshake]
//! ::server-hello::Which message carries the chosen cipher suite? {
//!     ~ClientHello#It lists the client's suites.
//!     =ServerHello
//!     ####The server picks one suite.
//! }
//! ```
//!
//! Read: `//` comment lines (with Moodle's `[tag:…]` and `[id:…]`), `::title::`,
//! the escapes `\:` `\=` `\~` `\#` `\{` `\}` `\\` and `\n`, a text format in brackets
//! (`[html]`, `[plain]`, `[markdown]`, `[moodle]`, the default, which is HTML whose
//! line breaks count), single-answer multiple choice (`=` right, `~` wrong),
//! multiple response with weights (`~%50%`; a positive weight marks a right choice),
//! feedback `#…` after a choice (becomes `why`), general feedback `####…` (becomes
//! the explanation), true/false (`{T}`, `{F}`, `{TRUE}`, `{FALSE}` in any case, with
//! `#wrong#right` feedback) and `$CATEGORY:` (its last part becomes a tag). Text after
//! the answer block makes a missing-word question, as in Moodle (`_____` marks the gap).
//! Short answer, numerical, matching, essay and description are skipped with a warning.
//!
//! Written: the id as the title, tags as a `// [tag:…]` comment, every text escaped,
//! `&` and `<` written as entities only where Moodle would read markup, line breaks as
//! `\n`. Pins are dropped (GIFT cannot say "do not shuffle").

use super::build::{Builder, Draft, DraftChoice, category_tag};
use super::{Format, html, partial_weights, refs, right_choices, true_false};
use crate::bank::{Question, Spanned};
use crate::diagnostic::{Diagnostic, Pos};

pub(super) struct Gift;

/// One character of a question, with where it was written and whether it was escaped.
#[derive(Debug, Clone, Copy)]
struct Ch {
    c: char,
    pos: Pos,
    esc: bool,
}

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
    fn parse(&self, text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        let mut reader = Reader { b, category: None };
        let mut lines: Vec<(u32, &str)> = Vec::new();
        let mut comments: Vec<(u32, &str)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let trimmed = line.trim();
            if trimmed.is_empty() {
                reader.block(&lines, &comments)?;
                lines.clear();
                comments.clear();
            } else if trimmed.starts_with("//") {
                comments.push((n, line));
            } else {
                lines.push((n, line));
            }
        }
        reader.block(&lines, &comments)
    }

    fn question(&self, q: &Question, out: &mut String) -> Result<(), String> {
        let right = right_choices(q)?;
        let tags: Vec<String> = q
            .tags
            .iter()
            .map(|t| t.value.trim())
            .filter(|t| {
                !t.is_empty() && !t.contains(['<', '>', '`']) && !t.chars().any(char::is_control)
            })
            .map(|t| format!("[tag:{}]", t.replace(']', "\\]")))
            .collect();
        if !tags.is_empty() {
            out.push_str(&format!("// {}\n", tags.join(" ")));
        }
        out.push_str(&format!(
            "::{}::{} {{",
            escape(&q.id.value),
            escape(&q.question.value)
        ));
        if let Some(is_true) = true_false(q) {
            let choice_why = |i: usize| {
                q.choices.value[i]
                    .why
                    .as_ref()
                    .map_or(String::new(), |w| escape(&w.value))
            };
            let (right_why, wrong_why) = if is_true {
                (choice_why(0), choice_why(1))
            } else {
                (choice_why(1), choice_why(0))
            };
            out.push_str(if is_true { "TRUE" } else { "FALSE" });
            if !wrong_why.is_empty() || !right_why.is_empty() {
                out.push_str(&format!("#{wrong_why}"));
            }
            if !right_why.is_empty() {
                out.push_str(&format!("#{right_why}"));
            }
            out.push('\n');
        } else {
            out.push('\n');
            let weights = if q.is_multiple() {
                Some(partial_weights(q)?)
            } else {
                None
            };
            for (i, c) in q.choices.value.iter().enumerate() {
                let text = escape(&c.text.value);
                let mark = match &weights {
                    Some(w) => format!("~%{}%", w[i]),
                    None if right.contains(&i) => "=".into(),
                    // A wrong choice that starts with `%` would read as a weight.
                    None if text.starts_with('%') => "~%0%".into(),
                    None => "~".into(),
                };
                out.push_str(&format!("\t{mark}{text}"));
                if let Some(why) = &c.why {
                    out.push_str(&format!("#{}", escape(&why.value)));
                }
                out.push('\n');
            }
        }
        if let Some(feedback) = refs::feedback(q) {
            out.push_str(&format!("\t####{}\n", escape(&feedback)));
        }
        out.push_str("}\n\n");
        Ok(())
    }
}

/// A text as GIFT writes it: markup and GIFT's special characters escaped, on one line.
fn escape(text: &str) -> String {
    let text = html::escape_markup(text.trim());
    let mut out = String::with_capacity(text.len() + 8);
    if text.starts_with('[') {
        // Keep a leading `[…]` from being read as a text format.
        out.push_str("[moodle]");
    }
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '~' | '=' | '#' | '{' | '}' | ':' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

struct Reader<'b> {
    b: &'b mut Builder,
    /// The tag of the last `$CATEGORY:`.
    category: Option<Spanned<String>>,
}

impl Reader<'_> {
    /// One paragraph: a category, a question, or only comments.
    fn block(&mut self, lines: &[(u32, &str)], comments: &[(u32, &str)]) -> Result<(), Diagnostic> {
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
        }
        self.question(s, comments)
    }

    fn question(&mut self, s: &[Ch], comments: &[(u32, &str)]) -> Result<(), Diagnostic> {
        let pos = s[0].pos;
        let (mut tags, id) = comment_marks(comments);
        tags.extend(self.category.clone());
        let mut name = id;
        let mut s = s;
        if starts(s, 0, "::") {
            let Some(end) = find(s, 2, "::") else {
                return Err(self.b.error(
                    pos,
                    "the title opened with `::` is not closed: write `::title::` before the question text",
                ));
            };
            let title = string(trim(&s[2..end]));
            if !title.is_empty() {
                name = Some(Spanned::new(title, pos));
            }
            s = trim(&s[end + 2..]);
        }
        let open = find(s, 0, "{");
        let close = find(s, 0, "}");
        let (open, close) = match (open, close) {
            (None, None) => {
                self.b.skip(
                    pos,
                    "a description",
                    "it has no answer block `{…}`, so it is not a question",
                );
                return Ok(());
            }
            (Some(o), None) => {
                return Err(self.b.error(
                    s[o].pos,
                    "this `{` has no closing `}` (a blank line ends a question; write `\\{` for a literal brace)",
                ));
            }
            (None, Some(c)) => return Err(self.stray_close(s[c].pos)),
            (Some(o), Some(c)) if c < o => return Err(self.stray_close(s[c].pos)),
            (Some(o), Some(c)) => (o, c),
        };
        if let Some(extra) = find(s, open + 1, "{").or_else(|| find(s, close + 1, "}")) {
            return Err(self.b.error(
                s[extra].pos,
                "a second brace: a question has one answer block `{…}` (write `\\{` and `\\}` for literal braces)",
            ));
        }
        let mut stem: Vec<Ch> = s[..open].to_vec();
        let after = trim(&s[close + 1..]);
        if !after.is_empty() {
            let gap = s[close].pos;
            stem.extend("_____".chars().map(|c| Ch {
                c,
                pos: gap,
                esc: true,
            }));
            stem.extend_from_slice(&s[close + 1..]);
        }
        let stem_slice = trim(&stem);
        let stem_pos = stem_slice.first().map_or(pos, |c| c.pos);
        let (stem_text, format) = text(stem_slice, TextFormat::Moodle);
        let mut answers = trim(&s[open + 1..close]);
        let mut explanation = None;
        if let Some(g) = rfind(answers, "####") {
            let feedback = text(&answers[g + 4..], format).0;
            if !feedback.is_empty() {
                explanation = Some(Spanned::new(feedback, answers[g].pos));
            }
            answers = trim(&answers[..g]);
        }
        let mut draft = Draft::new(pos, Spanned::new(stem_text, stem_pos));
        draft.name = name;
        draft.tags = tags;
        draft.explanation = explanation;
        draft.choices_pos = s[open].pos;
        let kind = kind_of(answers);
        match kind {
            Kind::MultipleChoice => self.multiple_choice(&mut draft, answers, format)?,
            Kind::TrueFalse(right) => true_false_choices(&mut draft, answers, right, format),
            other => {
                self.b.skip(
                    pos,
                    other.name(),
                    "quiz imports multiple-choice and true/false questions only",
                );
                return Ok(());
            }
        }
        self.b.add(draft);
        Ok(())
    }

    fn stray_close(&self, pos: Pos) -> Diagnostic {
        self.b.error(
            pos,
            "`}` without an opening `{` (write `\\}` for a literal brace)",
        )
    }

    fn multiple_choice(
        &mut self,
        draft: &mut Draft,
        answers: &[Ch],
        format: TextFormat,
    ) -> Result<(), Diagnostic> {
        let marks: Vec<usize> = (0..answers.len())
            .filter(|&i| !answers[i].esc && matches!(answers[i].c, '~' | '='))
            .collect();
        let lead = trim(&answers[..marks.first().copied().unwrap_or(answers.len())]);
        if let Some(first) = lead.first() {
            return Err(self.b.error(
                first.pos,
                "text before the first answer: each answer starts with `=` (right) or `~` (wrong)",
            ));
        }
        draft.single = marks.iter().any(|&i| answers[i].c == '=');
        for (k, &m) in marks.iter().enumerate() {
            let end = marks.get(k + 1).copied().unwrap_or(answers.len());
            let mut body = trim(&answers[m + 1..end]);
            let mut weight = if answers[m].c == '=' { 100.0 } else { 0.0 };
            if answers[m].c == '~'
                && let Some((w, len)) = weight_of(body)
            {
                if !(-100.0..=100.0).contains(&w) {
                    return Err(self.b.error(
                        body[0].pos,
                        format!("weight {w}% is out of range: Moodle takes -100% to 100%"),
                    ));
                }
                weight = w;
                body = trim(&body[len..]);
            }
            let hash = find(body, 0, "#");
            let (text_part, why_part) = match hash {
                Some(h) => (&body[..h], Some(&body[h..])),
                None => (body, None),
            };
            let why = why_part.and_then(|w| {
                let t = text(&w[1..], format).0;
                (!t.is_empty()).then(|| Spanned::new(t, w[0].pos))
            });
            draft.choices.push(DraftChoice {
                text: Spanned::new(text(text_part, format).0, answers[m].pos),
                why,
                weight,
            });
        }
        if draft.choices.len() < 2 {
            return Err(self.b.error(
                draft.choices_pos,
                "a multiple-choice question needs at least two answers",
            ));
        }
        Ok(())
    }
}

/// The choices True and False, with GIFT's `#wrong feedback#right feedback`.
fn true_false_choices(draft: &mut Draft, answers: &[Ch], right: bool, format: TextFormat) {
    let hashes: Vec<usize> = (0..answers.len())
        .filter(|&i| !answers[i].esc && answers[i].c == '#')
        .take(2)
        .collect();
    let part = |k: usize| -> Option<Spanned<String>> {
        let start = *hashes.get(k)?;
        let end = hashes.get(k + 1).copied().unwrap_or(answers.len());
        let t = text(&answers[start + 1..end], format).0;
        (!t.is_empty()).then(|| Spanned::new(t, answers[start].pos))
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
    let head = find(answers, 0, "#").map_or(answers, |h| &answers[..h]);
    match string(trim(head)).to_ascii_uppercase().as_str() {
        "T" | "TRUE" => Kind::TrueFalse(true),
        "F" | "FALSE" => Kind::TrueFalse(false),
        _ => Kind::ShortAnswer,
    }
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

/// Tags from `[tag:…]` and an id from `[id:…]` in the question's comment lines.
fn comment_marks(comments: &[(u32, &str)]) -> (Vec<Spanned<String>>, Option<Spanned<String>>) {
    let mut tags = Vec::new();
    let mut id = None;
    for &(n, line) in comments {
        let mut rest = line;
        let mut offset = 0;
        while let Some(start) = rest.find('[') {
            let after = &rest[start + 1..];
            let (kind, body) = if let Some(b) = after.strip_prefix("tag:") {
                ("tag", b)
            } else if let Some(b) = after.strip_prefix("id:") {
                ("id", b)
            } else {
                offset += start + 1;
                rest = after;
                continue;
            };
            let mut value = String::new();
            let mut end = None;
            let mut chars = body.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' if body[i + 1..].starts_with(']') => {
                        value.push(']');
                        chars.next();
                    }
                    ']' => {
                        end = Some(i);
                        break;
                    }
                    c => value.push(c),
                }
            }
            let Some(end) = end else { break };
            let col = line[..offset + start].chars().count() + 1;
            let pos = Pos::new(n, u32::try_from(col).unwrap_or(u32::MAX));
            let value = value.trim().to_owned();
            if !value.is_empty() {
                if kind == "tag" {
                    tags.push(Spanned::new(value, pos));
                } else if id.is_none() {
                    id = Some(Spanned::new(value, pos));
                }
            }
            let consumed = start + 1 + (after.len() - body.len()) + end + 1;
            offset += consumed;
            rest = &rest[consumed..];
        }
    }
    (tags, id)
}

/// The characters of a question's lines, escapes resolved, lines joined by `\n`.
fn chars(lines: &[(u32, &str)]) -> Vec<Ch> {
    let mut out = Vec::new();
    for (k, &(n, line)) in lines.iter().enumerate() {
        if k > 0 {
            let (prev_n, prev) = lines[k - 1];
            let col = u32::try_from(prev.chars().count() + 1).unwrap_or(u32::MAX);
            out.push(Ch {
                c: '\n',
                pos: Pos::new(prev_n, col),
                esc: false,
            });
        }
        let cs: Vec<char> = line.chars().collect();
        let mut j = 0;
        while j < cs.len() {
            let pos = Pos::new(n, u32::try_from(j + 1).unwrap_or(u32::MAX));
            let escaped = match (cs[j], cs.get(j + 1)) {
                ('\\', Some(&next @ (':' | '#' | '=' | '{' | '}' | '~' | '\\'))) => Some(next),
                ('\\', Some('n')) => Some('\n'),
                _ => None,
            };
            match escaped {
                Some(c) => {
                    out.push(Ch { c, pos, esc: true });
                    j += 2;
                }
                None => {
                    out.push(Ch {
                        c: cs[j],
                        pos,
                        esc: false,
                    });
                    j += 1;
                }
            }
        }
    }
    out
}

fn trim(s: &[Ch]) -> &[Ch] {
    let start = s
        .iter()
        .position(|c| !c.c.is_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|c| !c.c.is_whitespace())
        .map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

fn string(s: &[Ch]) -> String {
    s.iter().map(|c| c.c).collect()
}

/// Whether `pat` stands unescaped at `s[i..]`.
fn starts(s: &[Ch], i: usize, pat: &str) -> bool {
    let n = pat.chars().count();
    s.len() >= i + n
        && s[i..i + n]
            .iter()
            .zip(pat.chars())
            .all(|(c, p)| !c.esc && c.c == p)
}

/// The first unescaped `pat` at or after `from`.
fn find(s: &[Ch], from: usize, pat: &str) -> Option<usize> {
    (from..s.len()).find(|&i| starts(s, i, pat))
}

fn rfind(s: &[Ch], pat: &str) -> Option<usize> {
    (0..s.len()).rev().find(|&i| starts(s, i, pat))
}

/// A text with its `[format]` prefix read, as plain text; and its format.
fn text(s: &[Ch], default: TextFormat) -> (String, TextFormat) {
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
    let plain = match format {
        TextFormat::Moodle => html::to_text(body, true),
        TextFormat::Html => html::to_text(body, false),
        TextFormat::Plain | TextFormat::Markdown => body.trim().to_owned(),
    };
    (plain, format)
}

#[cfg(test)]
mod tests {
    use super::super::{Imported, Kind as Format, export, import};
    use super::*;

    fn ok(text: &str) -> Imported {
        import(Format::Gift, "quiz.gift", text)
            .unwrap_or_else(|d| panic!("{}:{}: {}", d.line, d.col, d.message))
    }

    fn err(text: &str) -> (u32, String) {
        match import(Format::Gift, "quiz.gift", text) {
            Ok(i) => panic!("expected an error, got {:?}", i.bank.questions),
            Err(d) => (d.line, d.message),
        }
    }

    fn texts(q: &Question) -> Vec<&str> {
        q.choices
            .value
            .iter()
            .map(|c| c.text.value.as_str())
            .collect()
    }

    fn whys(q: &Question) -> Vec<Option<&str>> {
        q.choices
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
        assert_eq!(q.correct(), [1]);
        assert!(!q.is_multiple());
        assert_eq!(
            q.explanation.as_ref().map(|e| e.value.as_str()),
            Some("The server picks #1.")
        );
        assert_eq!(q.pos, Pos::new(2, 1));
        assert_eq!(q.choices.value[1].text.pos, Pos::new(4, 2));
        assert_eq!(
            q.choices.value[1].why.as_ref().map(|w| w.pos),
            Some(Pos::new(4, 14))
        );
    }

    #[test]
    fn resolves_every_escape() {
        let imported =
            ok("What do \\: \\= \\~ \\# \\{ \\} \\\\ and \\n mean? { =all\\nof them ~none }");
        let q = &imported.bank.questions[0];
        assert_eq!(q.question.value, "What do : = ~ # { } \\ and \n mean?");
        assert_eq!(q.choices.value[0].text.value, "all\nof them");
    }

    #[test]
    fn weights_make_a_multiple_response_item() {
        let imported = ok(
            "::m::Which are hashes? {\n~%50%SHA-256#yes\n~%50%SHA-384\n~%-100%AES#a cipher\n~%0%RC4\n}\n\n\
                           ::one::Which is a hash? {~%100%SHA-256 ~%-50%AES}\n",
        );
        let qs = &imported.bank.questions;
        assert_eq!(qs[0].correct(), [0, 1]);
        assert!(!qs[0].multi, "two right answers say multiple already");
        assert_eq!(whys(&qs[0])[2], Some("a cipher"));
        assert_eq!(qs[1].correct(), [0]);
        assert!(qs[1].multi, "Moodle shows it with checkboxes");
    }

    #[test]
    fn partial_credit_in_a_single_answer_question_is_reported() {
        let imported = ok("Q? {=best ~%50%good ~bad}");
        assert_eq!(imported.bank.questions[0].correct(), [0]);
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
                           ::tf3::Lower case works.{true}");
        let qs = &imported.bank.questions;
        assert_eq!(texts(&qs[0]), ["True", "False"]);
        assert_eq!(qs[0].correct(), [0]);
        assert_eq!(qs[1].correct(), [1]);
        assert_eq!(
            whys(&qs[1]),
            [Some("No: POODLE."), Some("Right, it is broken.")]
        );
        assert_eq!(
            qs[1].explanation.as_ref().map(|e| e.value.as_str()),
            Some("RFC 7568.")
        );
        assert_eq!(qs[2].correct(), [0]);
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

    #[test]
    fn other_types_are_skipped_with_their_line() {
        let imported = ok("Who? {=Grant =Ulysses}\n\n\
                           When? {#1822:5}\n\n\
                           Match. {=a -> 1 =b -> 2}\n\n\
                           Write. {}\n\n\
                           Just text.\n\n\
                           ::kept::Which? {=a ~b}\n");
        assert_eq!(imported.bank.questions.len(), 1);
        assert_eq!(imported.bank.questions[0].id.value, "kept");
        let got: Vec<(u32, bool)> = imported
            .warnings
            .iter()
            .map(|w| (w.line, w.message.starts_with("skipped ")))
            .collect();
        assert_eq!(got, [(1, true), (3, true), (5, true), (7, true), (9, true)]);
        assert!(imported.warnings[0].message.contains("short-answer"));
        assert!(imported.warnings[1].message.contains("numerical"));
        assert!(imported.warnings[2].message.contains("matching"));
        assert!(imported.warnings[3].message.contains("essay"));
        assert!(imported.warnings[4].message.contains("description"));
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
        assert_eq!(err("\n\nWhich? {=a ~b\n\n~c}").0, 3);
        assert!(err("Which? {=a ~b").1.contains("no closing"));
        assert_eq!(err("x\nWhich? =a ~b}").0, 2);
        assert_eq!(err("::title Which? {=a ~b}").0, 1);
        assert_eq!(err("Which? {=a ~b} and {~c}").0, 1);
        assert!(
            err("Which? {stray ~a =b}")
                .1
                .contains("before the first answer")
        );
        assert!(err("Which? {~%150%a =b}").1.contains("out of range"));
        assert!(err("Which? {~only}").1.contains("at least two"));
        assert!(err("// only a comment\n").1.contains("no questions"));
        assert!(err("Q? {#1}").1.contains("every question was skipped"));
    }

    #[test]
    fn writes_weights_escapes_and_feedback() {
        let src = "// [tag:tls]\n::multi::Pick \\{the\\} two\\: {\n~%50%a \\= b#yes\n~%50%c\n~%-50%%d\n}\n\n\
                   ::single::One? {=x#right ~y ~%0%%z ####See RFC 5246\\: 7.4.1.3.}\n\n\
                   ::tf::True?{T#wrong#right}\n";
        let bank = ok(src).bank;
        let out = export(Format::Gift, std::slice::from_ref(&bank));
        assert!(out.warnings.is_empty(), "{:?}", out.warnings);
        let expected = "// [tag:tls]\n::multi::Pick \\{the\\} two\\: {\n\t~%50%a \\= b#yes\n\t~%50%c\n\t~%-50%%d\n}\n\n\
                        ::single::One? {\n\t=x#right\n\t~y\n\t~%0%%z\n\t####See RFC 5246\\: 7.4.1.3.\n}\n\n\
                        ::tf::True? {TRUE#wrong#right\n}\n\n";
        assert_eq!(out.text(), expected);
        let again = ok(&out.text()).bank;
        for (a, b) in bank.questions.iter().zip(&again.questions) {
            assert_eq!(a.question.value, b.question.value);
            assert_eq!(texts(a), texts(b));
            assert_eq!(whys(a), whys(b));
            assert_eq!(a.correct(), b.correct());
        }
    }

    #[test]
    fn the_hand_written_fixture() {
        let text = include_str!("../../tests/fixtures/formats/tricky.gift");
        let imported = import(Format::Gift, "tricky.gift", text)
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
                "missing-word",
                "tricky-13"
            ]
        );
        let hello = &qs[0];
        assert_eq!(
            hello.question.value,
            "Which message carries the cipher suite that the server {chose}?"
        );
        assert_eq!(hello.correct(), [1]);
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
        assert_eq!(hashes.correct(), [0, 1]);
        assert_eq!(
            hashes.explanation.as_ref().map(|e| e.value.as_str()),
            Some(
                "SHA-2 functions hash; AES and ChaCha20 encrypt.\n\nBoth kinds appear in a cipher suite."
            )
        );
        let rc4 = &qs[3];
        assert_eq!(texts(rc4), ["True", "False"]);
        assert_eq!(rc4.correct(), [1]);
        assert_eq!(
            whys(rc4),
            [
                Some("Look at RFC 7465."),
                Some("Right: RFC 7465 prohibits RC4 everywhere.")
            ]
        );
        assert_eq!(qs[4].correct(), [0]);
        assert_eq!(
            qs[5].question.value,
            "Escapes: the characters ~ = # { } and \\ must be escaped, and \\n is a backslash and n."
        );
        assert_eq!(
            qs[6].question.value,
            "TLS 1.3 needs _____ round trip for a full handshake."
        );
        assert_eq!(
            qs[7].question.value,
            "Which one is an AEAD mode & a block cipher mode?"
        );
        assert_eq!(texts(&qs[7]), ["GCM", "<CBC>"]);
        let skipped: Vec<u32> = imported.warnings.iter().map(|w| w.line).collect();
        assert_eq!(skipped, [40, 42, 44, 49, 51]);
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
