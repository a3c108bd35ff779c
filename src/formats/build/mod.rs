//! What every importer shares: a question as the source states it ([`Draft`]), and the
//! [`Builder`] that turns drafts into checked questions with valid, unique ids.

use super::collect::{Collect, MAX_QUESTION_BYTES, Refused};
use super::{Converted, Failed, IMPORT, Imported, is_moodle_grade, refs};
use crate::bank::{Bank, Body, Choice, Choices, Question, Spanned, letter};
use crate::check::rules;
use crate::diagnostic::{Diagnostic, Pos, Severity};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Ids longer than this are cut (at a `-` where possible).
const MAX_ID: usize = crate::bank::MAX_ID_LEN;

/// What reading a question notes about it, each a warning at its line.
pub(super) type Notes = Vec<(Pos, String)>;

/// A question as read from the source, before quiz's rules are applied.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    /// Where the question starts.
    pub pos: Pos,
    /// The source's name for the question (GIFT `[id:…]` or title, XML idnumber or
    /// name), if any.
    pub name: Option<Spanned<String>>,
    pub stem: Spanned<String>,
    pub choices: Vec<DraftChoice>,
    /// Where the choices start.
    pub choices_pos: Pos,
    /// Moodle's single-answer mode: the right choice is the one worth 100 %. Otherwise
    /// (multiple response) every choice with a positive weight is right.
    pub single: bool,
    pub explanation: Option<Spanned<String>>,
    pub tags: Vec<Spanned<String>>,
    /// False when the source keeps the choices in file order.
    pub shuffle: bool,
    /// Images, audio and other files the texts embed, which quiz cannot show.
    pub media: Vec<Spanned<String>>,
    /// A question of another kind than choice, as the source gives it (its
    /// `choices`, `single` and `shuffle` then go unused): the builder checks and
    /// takes it as it does a choice question.
    pub body: Option<Body>,
    /// The question's picture, as a file the builder was given ([`Builder::attach`]),
    /// and what it shows.
    pub image: Option<Spanned<String>>,
    pub alt: Option<Spanned<String>>,
}

#[derive(Debug, Clone)]
pub(super) struct DraftChoice {
    pub text: Spanned<String>,
    pub why: Option<Spanned<String>>,
    /// In percent: 100 for a right choice, 0 for a wrong one, anything between -100
    /// and 100 for Moodle's weights.
    pub weight: f64,
}

impl Draft {
    pub fn new(pos: Pos, stem: Spanned<String>) -> Self {
        Draft {
            pos,
            name: None,
            stem,
            choices: Vec::new(),
            choices_pos: pos,
            single: true,
            explanation: None,
            tags: Vec::new(),
            shuffle: true,
            media: Vec::new(),
            body: None,
            image: None,
            alt: None,
        }
    }

    /// Notes the media of a text read at `pos`.
    pub fn embeds(&mut self, pos: Pos, media: Vec<String>) {
        self.media
            .extend(media.into_iter().map(|m| Spanned::new(m, pos)));
    }
}

/// What some sources say beyond a [`Draft`] (QTI, CSV, exam-dump text), set on the
/// question before it is checked.
#[derive(Debug, Clone, Default)]
pub(super) struct Extra {
    pub exhibit: Option<Spanned<String>>,
    /// True keeps the choices in file order (QTI `shuffle="false"`).
    pub keep_order: bool,
    /// Indices of the choices that keep their place (QTI `fixed="true"`).
    pub pins: Vec<usize>,
    /// The source says "select all that apply" (`multi: true`) outright.
    pub multi: bool,
    /// The source gives no answer: the question is kept with an empty `answer`, which
    /// `quiz check` points at, and reported as an error so that the author fills it in.
    pub unanswered: bool,
    /// Where the source split an answer the author most likely meant whole (a GIFT
    /// `=` inside backticks), and what to write instead: said with the reason a
    /// skipped question gives, or as a warning of its own.
    pub split: Option<(Pos, String)>,
}

/// Collects the questions of one imported file.
pub(super) struct Builder {
    path: String,
    /// The file that diagnostics name: `path`, or the file of a package being read.
    source: String,
    /// The file name without its extension: the bank's name.
    name: String,
    /// The stem as an id prefix.
    prefix: String,
    /// How many questions the source has had so far, skipped ones included.
    ordinal: usize,
    /// How many were skipped.
    skipped: usize,
    ids: HashSet<String>,
    /// For each id already taken, the next suffix to try: `base-2`, `base-3`… Asking
    /// this map instead of counting up from 2 each time keeps a file whose questions
    /// all share one name linear.
    next_suffix: HashMap<String, usize>,
    /// Where the questions taken go: a bank, or quiz's YAML at once.
    out: Collect,
    /// How many were taken without an answer (`answer: []`).
    unanswered: usize,
    warnings: Vec<Diagnostic>,
    /// The pictures the questions show, to be written beside the bank: each
    /// file's name (`images/…`) and bytes.
    pictures: Vec<(String, Vec<u8>)>,
}

impl Builder {
    /// A builder that writes each question in quiz's YAML as it comes and keeps
    /// only that text, up to `quiz check`'s file limit ([`super::collect`]).
    pub fn writing(path: &str) -> Self {
        Builder {
            out: Collect::yaml(),
            ..Builder::new(path)
        }
    }

    /// A builder that keeps the questions as a bank.
    pub fn new(path: &str) -> Self {
        let name = Path::new(path)
            .file_stem()
            .map_or_else(|| path.to_owned(), |s| s.to_string_lossy().into_owned());
        let prefix = slug(&name).unwrap_or_else(|| "question".into());
        Builder {
            path: path.to_owned(),
            source: path.to_owned(),
            name,
            prefix,
            ordinal: 0,
            skipped: 0,
            ids: HashSet::new(),
            next_suffix: HashMap::new(),
            out: Collect::Bank(Vec::new()),
            unanswered: 0,
            warnings: Vec::new(),
            pictures: Vec::new(),
        }
    }

    /// Keeps a picture that a question of the source shows (a file of a
    /// package, an embedded file), to be written beside the bank; gives the
    /// path its question names it by (`images/topology.png`), or None, with
    /// a warning at `pos`, for a file that is not a picture quiz shows or is
    /// too large. The name is the source's file name made safe (letters,
    /// digits, `.`, `-`, `_`), its extension the type its bytes show, and it
    /// is made unique among the package's pictures.
    pub fn attach(&mut self, pos: Pos, wanted: &str, bytes: Vec<u8>) -> Option<String> {
        use crate::bank::image::{ImageType, MAX_IMAGE_BYTES};
        let base = wanted
            .rsplit(['/', '\\'])
            .find(|p| !p.trim().is_empty())
            .unwrap_or("picture");
        let Some(kind) = ImageType::sniff(&bytes) else {
            self.warn(
                pos,
                format!(
                    "the picture `{base}` is not a PNG, JPEG, SVG or WebP file; it is left out"
                ),
            );
            return None;
        };
        if bytes.len() as u64 > MAX_IMAGE_BYTES {
            self.warn(
                pos,
                format!(
                    "the picture `{base}` is over {} MiB; it is left out",
                    MAX_IMAGE_BYTES / 1024 / 1024
                ),
            );
            return None;
        }
        let stem = Path::new(base)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut safe: String = stem
            .chars()
            .map(|c| match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '_' => c,
                _ => '-',
            })
            .take(60)
            .collect();
        if safe.trim_matches('-').is_empty() {
            safe = "picture".into();
        }
        let extension = match kind {
            ImageType::Png => "png",
            ImageType::Jpeg => "jpg",
            ImageType::Svg => "svg",
            ImageType::Webp => "webp",
        };
        let mut n = 1;
        loop {
            let name = match n {
                1 => format!("images/{safe}.{extension}"),
                n => format!("images/{safe}-{n}.{extension}"),
            };
            match self.pictures.iter().find(|(have, _)| *have == name) {
                Some((_, same)) if *same == bytes => return Some(name),
                Some(_) => n += 1,
                None => {
                    self.pictures.push((name.clone(), bytes));
                    return Some(name);
                }
            }
        }
    }

    /// Names `path` (a file inside a package) in the diagnostics that follow.
    pub fn set_source(&mut self, path: &str) {
        self.source = path.to_owned();
    }

    /// The file that diagnostics name now.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How many questions the source has had so far, skipped ones included.
    pub fn seen(&self) -> usize {
        self.ordinal
    }

    /// Whether the bank being written is full ([`super::collect`]): nothing more
    /// is taken, and a reader may stop.
    pub fn is_full(&self) -> bool {
        self.out.is_full()
    }

    /// An import error at `pos`.
    pub fn error(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.source, pos, IMPORT, message)
    }

    pub fn warn(&mut self, pos: Pos, message: impl Into<String>) {
        self.warnings
            .push(Diagnostic::warning(&self.source, pos, IMPORT, message));
    }

    /// The warnings so far, for a file whose import failed.
    pub fn into_warnings(self) -> Vec<Diagnostic> {
        self.warnings
    }

    /// The questions taken so far into a bank.
    #[cfg(test)]
    fn taken(&self) -> &[Question] {
        match &self.out {
            Collect::Bank(questions) => questions,
            Collect::Yaml(_) => &[],
        }
    }

    /// The warnings so far, taken out, for a package whose import failed.
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.warnings)
    }

    /// A question of the source that quiz leaves out: `what` says what it is, `why`
    /// why it is left out.
    pub fn skip(&mut self, pos: Pos, what: &str, why: &str) {
        self.ordinal += 1;
        self.skipped(pos, what, why);
    }

    fn skipped(&mut self, pos: Pos, what: &str, why: &str) {
        self.skipped += 1;
        self.warn(pos, format!("skipped {what}: {why}"));
    }

    /// A question of the source left out for a reason that fails the import (it is
    /// over a limit): an error, though the rest are imported.
    pub fn skip_error(&mut self, pos: Pos, what: &str, why: &str) {
        self.ordinal += 1;
        self.skipped_error(pos, what, why);
    }

    /// As [`Builder::skip_error`], for a question already counted.
    fn skipped_error(&mut self, pos: Pos, what: &str, why: &str) {
        self.skipped += 1;
        self.warnings.push(Diagnostic::error(
            &self.source,
            pos,
            IMPORT,
            format!("skipped {what}: {why}"),
        ));
    }

    /// Adds a question, or skips it with a warning when quiz cannot hold it.
    pub fn add(&mut self, draft: Draft) {
        self.add_with(draft, Extra::default());
    }

    /// [`Builder::add`], with what the source says beyond the draft. The warnings
    /// about a question that is added are given only then: a skipped question gets
    /// the one that says why.
    pub fn add_with(&mut self, mut draft: Draft, extra: Extra) {
        self.ordinal += 1;
        if self.out.is_full() {
            // The output is refused whole: the rest costs no more work.
            return;
        }
        let what = "the question";
        let mut notes: Vec<(Pos, String)> = Vec::new();
        if let Some(body) = draft.body.take() {
            let question = self.question(&draft, body, &extra);
            return self.take(draft, question, extra, notes);
        }
        // Moodle leaves out an answer with no text and keeps the rest.
        let mut n = 0;
        draft.choices.retain(|c| {
            n += 1;
            let keep = !c.text.value.trim().is_empty();
            if !keep {
                notes.push((
                    c.text.pos,
                    format!("answer {n} is empty and is left out, as Moodle leaves it out"),
                ));
            }
            keep
        });
        if draft.choices.len() < 2 {
            let why = match draft.choices.len() {
                0 => "it has no answers".to_owned(),
                _ => "it has one answer, and a multiple-choice question needs two".to_owned(),
            };
            return self.skipped(draft.pos, what, &with_split(why, &extra));
        }
        let correct = if extra.unanswered {
            Vec::new()
        } else {
            match right_choices(&draft, &mut notes) {
                Ok(correct) => correct,
                Err(why) => return self.skipped(draft.pos, what, &with_split(why, &extra)),
            }
        };
        if let Some(split) = &extra.split {
            notes.push(split.clone());
        }
        let multi = !draft.single && correct.len() == 1;
        let answer = correct
            .iter()
            .map(|&i| {
                let pos = draft
                    .choices
                    .get(i)
                    .map_or(draft.choices_pos, |c| c.text.pos);
                Spanned::new(letter(i).to_string(), pos)
            })
            .collect();
        let choices = draft
            .choices
            .iter()
            .map(|c| Choice {
                text: c.text.clone(),
                why: c.why.clone().filter(|w| !w.value.trim().is_empty()),
                pin: false,
            })
            .collect();
        let body = Body::Choice(Choices {
            multi: multi || extra.multi,
            shuffle: draft.shuffle && !extra.keep_order,
            choices: Spanned::new(choices, draft.choices_pos),
            answer: Spanned::new(answer, draft.choices_pos),
        });
        let mut question = self.question(&draft, body, &extra);
        if let Some(c) = question.body.choices_mut() {
            for &i in &extra.pins {
                if let Some(choice) = c.choices.value.get_mut(i) {
                    choice.pin = true;
                }
            }
        }
        // "All of the above" stays last, and "Both A and C" keeps its letters.
        rules::keep_order_safe(&mut question);
        self.take(draft, question, extra, notes)
    }

    /// The question a draft makes with `body`: its id, stem, exhibit,
    /// explanation and references, and its tags once each.
    fn question(&mut self, draft: &Draft, body: Body, extra: &Extra) -> Question {
        let (explanation, references) = match &draft.explanation {
            Some(e) => refs::split(e),
            None => (None, Vec::new()),
        };
        let mut seen = HashSet::new();
        let mut tags: Vec<Spanned<String>> = Vec::new();
        for tag in &draft.tags {
            let value = tag.value.trim();
            if !value.is_empty() && seen.insert(value) {
                tags.push(Spanned::new(value.to_owned(), tag.pos));
            }
        }
        Question {
            pos: draft.pos,
            id: self.id(draft),
            question: draft.stem.clone(),
            exhibit: extra.exhibit.clone(),
            image: draft.image.clone(),
            alt: draft.alt.clone(),
            body,
            explanation,
            references,
            tags,
            allow: Vec::new(),
        }
    }

    /// Checks a question made from `draft` by quiz's own rules and takes it, or
    /// skips it saying why; then gives the notes about it as warnings.
    fn take(
        &mut self,
        draft: Draft,
        question: Question,
        extra: Extra,
        mut notes: Vec<(Pos, String)>,
    ) {
        let what = "the question";
        let problems = rules::check_question(&self.path, &question);
        // An unanswered question is kept on purpose: `quiz check` flags its `answer`.
        let expected = |d: &Diagnostic| extra.unanswered && d.code == "invalid-answer";
        if let Some(problem) = problems
            .iter()
            .find(|d| d.severity == Severity::Error && !expected(d))
        {
            let why = format!("quiz cannot hold it: {}", problem.message);
            return self.skipped(draft.pos, what, &why);
        }
        let id = question.id.value.clone();
        match self.out.take(question, &self.path, extra.unanswered) {
            Ok(()) => {}
            Err(Refused::Full) => return,
            Err(Refused::TooLarge(bytes)) => {
                let why = format!(
                    "it takes {} in quiz's format, and a question may take at most {}: shorten it, or split it into several",
                    mib(bytes as u64),
                    mib(MAX_QUESTION_BYTES as u64)
                );
                return self.skipped_error(draft.pos, what, &why);
            }
            Err(Refused::Unreadable(problem)) => {
                let why = format!(
                    "what quiz wrote for it does not read back ({problem}); this is a bug in quiz: please report it"
                );
                return self.skipped_error(draft.pos, what, &why);
            }
        }
        if extra.unanswered {
            self.unanswered += 1;
            self.warnings.push(Diagnostic::error(
                &self.source,
                draft.pos,
                IMPORT,
                format!(
                    "no answer given: `{id}` is written with `answer: []`; fill in the right letters"
                ),
            ));
        }
        if let Some(first) = draft.media.first() {
            let mut names: Vec<&str> = Vec::new();
            for m in &draft.media {
                if !names.contains(&m.value.as_str()) {
                    names.push(&m.value);
                }
            }
            notes.push((
                first.pos,
                format!(
                    "the question embeds {} that quiz does not import (it keeps text only; an image shows as [image: …]): {}",
                    if names.len() == 1 { "a file" } else { "files" },
                    names.join(", ")
                ),
            ));
        }
        notes.sort_by_key(|(pos, _)| *pos);
        for (pos, note) in notes {
            self.warn(pos, note);
        }
        self.ids.insert(id);
    }

    /// A valid id of at most [`MAX_ID`] characters, unique in this bank: from the
    /// source's name, else from the file name and the question's number.
    fn id(&mut self, draft: &Draft) -> Spanned<String> {
        let (base, pos) = match draft
            .name
            .as_ref()
            .and_then(|n| slug(&n.value).map(|s| (s, n.pos)))
        {
            Some(found) => found,
            None => (
                cut(&format!("{}-{}", self.prefix, self.ordinal), MAX_ID),
                draft.pos,
            ),
        };
        if !self.ids.contains(&base) {
            return Spanned::new(base, pos);
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        let id = loop {
            let suffix = format!("-{n}");
            let candidate = format!("{}{suffix}", cut(&base, MAX_ID - suffix.len()));
            n += 1;
            if !self.ids.contains(&candidate) {
                break candidate;
            }
        };
        self.next_suffix.insert(base, n);
        Spanned::new(id, pos)
    }

    /// The bank, or an error when the file held nothing quiz can ask.
    pub fn finish(self) -> Result<Imported, Failed> {
        let (out, rest) = self.checked()?;
        Ok(Imported {
            bank: Bank {
                path: rest.path,
                name: rest.name,
                title: None,
                questions: match out {
                    Collect::Bank(questions) => questions,
                    Collect::Yaml(_) => Vec::new(),
                },
            },
            warnings: rest.warnings,
            unanswered: rest.unanswered,
            pictures: rest.pictures,
        })
    }

    /// The bank written in quiz's YAML (a builder made by [`Builder::writing`]),
    /// or an error when the file held nothing quiz can ask.
    pub fn finish_yaml(self) -> Result<Converted, Failed> {
        let (out, rest) = self.checked()?;
        let (yaml, questions, full) = match out {
            Collect::Yaml(y) => (y.text, y.count, y.full),
            Collect::Bank(questions) => {
                let bank = Bank {
                    path: rest.path.clone(),
                    name: rest.name.clone(),
                    title: None,
                    questions,
                };
                let n = bank.questions.len();
                (super::to_yaml(&bank), n, false)
            }
        };
        Ok(Converted {
            yaml,
            questions,
            full,
            warnings: rest.warnings,
            unanswered: rest.unanswered,
            pictures: rest.pictures,
        })
    }

    /// What was taken, and the rest of the builder; an error when nothing was.
    fn checked(mut self) -> Result<(Collect, Builder), Failed> {
        let out = std::mem::replace(&mut self.out, Collect::Bank(Vec::new()));
        if out.is_empty() {
            let message = match self.skipped {
                0 => "nothing to import: the file has no questions".to_owned(),
                1 => "nothing to import: its one question was skipped (the warning above says why)"
                    .to_owned(),
                n => format!(
                    "nothing to import: all {n} questions were skipped (the warnings above say why)"
                ),
            };
            let pos = self
                .warnings
                .first()
                .map_or(Pos::new(1, 1), |w| Pos::new(w.line, w.col));
            return Err(Failed {
                error: Diagnostic::error(&self.path, pos, IMPORT, message),
                warnings: self.warnings,
            });
        }
        Ok((out, self))
    }
}

/// A skipped question's reason, with what split its answers, if that is known.
fn with_split(why: String, extra: &Extra) -> String {
    match &extra.split {
        Some((_, split)) => format!("{why}; {split}"),
        None => why,
    }
}

/// Indices of the right choices, by Moodle's rules for the draft's mode; or why there
/// are none that quiz can use. What quiz reads differently from Moodle goes to `notes`.
fn right_choices(draft: &Draft, notes: &mut Vec<(Pos, String)>) -> Result<Vec<usize>, String> {
    for (i, c) in draft.choices.iter().enumerate() {
        let w = c.weight;
        if !(-100.0..=100.0).contains(&w) {
            return Err(format!(
                "choice {} is worth {w} %, outside -100 % to 100 %, and Moodle refuses it too",
                letter(i)
            ));
        }
        if !is_moodle_grade(w) {
            notes.push((
                c.text.pos,
                format!(
                    "choice {} is worth {w} %, a grade Moodle refuses on import (it takes 100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5, 11.11111, 10, 5 or 0 %, or their negatives)",
                    letter(i)
                ),
            ));
        }
    }
    if draft.single {
        let right: Vec<usize> = (0..draft.choices.len())
            .filter(|&i| draft.choices[i].weight >= 99.999)
            .collect();
        match right.len() {
            0 => return Err("no choice is worth 100 %".into()),
            1 => {}
            n => {
                return Err(format!(
                    "{n} choices are each fully right, and a quiz single-answer item has one"
                ));
            }
        }
        for (i, c) in draft.choices.iter().enumerate() {
            if c.weight > 0.0 && c.weight < 99.999 {
                notes.push((
                    c.text.pos,
                    format!(
                        "choice {} is worth {} % in a single-answer question; quiz has no partial credit, so it counts as wrong",
                        letter(i),
                        c.weight
                    ),
                ));
            } else if c.weight < 0.0 {
                notes.push((
                    c.text.pos,
                    format!(
                        "choice {} costs {} % in a single-answer question; quiz takes no marks away, so it counts as wrong (0 points)",
                        letter(i),
                        -c.weight
                    ),
                ));
            }
        }
        Ok(right)
    } else {
        let right: Vec<usize> = (0..draft.choices.len())
            .filter(|&i| draft.choices[i].weight > 0.0)
            .collect();
        if right.is_empty() {
            return Err("no choice has a positive weight".into());
        }
        Ok(right)
    }
}

/// `1.5 MiB`, `300 KiB`.
fn mib(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// `text` cut to at most `max` characters, at a `-` in its second half where there is one.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind('-') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    cut.trim_end_matches(['-', '.']).to_owned()
}

/// `Which TLS version?` → `Which-TLS-version`: letters, digits, `.`, `_` and `-` kept,
/// accents dropped from Latin letters, anything else a single `-`. None if nothing is left.
pub(super) fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        let folded = fold(c);
        let kept: Vec<char> = folded
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
            .collect();
        if kept.is_empty() || folded.is_empty() {
            dash = true;
            continue;
        }
        if dash && !out.is_empty() {
            out.push('-');
        }
        dash = false;
        out.extend(kept);
    }
    let out = cut(out.trim_matches(|c| c == '-' || c == '.'), MAX_ID);
    (!out.is_empty()).then_some(out)
}

/// The tag a Moodle category path stands for: its last part (`$course$/top/TLS/Handshake`
/// → `Handshake`), leaving out Moodle's placeholders, `top` and "Default for …".
pub(super) fn category_tag(path: &str) -> Option<String> {
    // Moodle writes a `/` inside a category name as `//`.
    let path = path.trim().replace("//", "\u{0}");
    path.split('/')
        .map(|part| part.replace('\u{0}', "/").trim().to_owned())
        .rfind(|part| {
            let placeholder = part.starts_with('$') && part.ends_with('$');
            let moodle = part == "top" || part.starts_with("Default for ");
            !(part.is_empty() || placeholder || moodle)
        })
}

/// An accented Latin letter without its accent; other characters as they are.
fn fold(c: char) -> String {
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Ć' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ğ' => "g",
        'Ğ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => "I",
        'ł' | 'ľ' | 'ĺ' => "l",
        'Ł' | 'Ľ' | 'Ĺ' => "L",
        'ñ' | 'ń' | 'ň' => "n",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ř' | 'ŕ' => "r",
        'Ř' | 'Ŕ' => "R",
        'ś' | 'š' | 'ş' => "s",
        'Ś' | 'Š' | 'Ş' => "S",
        'ß' => "ss",
        'ť' | 'ţ' => "t",
        'Ť' | 'Ţ' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => return c.to_string(),
    };
    s.to_owned()
}

#[cfg(test)]
mod tests;
