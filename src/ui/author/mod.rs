//! `quiz new` at a terminal: dialoguer prompts that fill in a [`Draft`], field by
//! field, checking each as it is typed with the rules of `quiz check` (and the
//! whole question, as it will be written, at the end). Prompts go to standard
//! error, so that `quiz new > item.yaml` keeps the YAML apart.
//!
//! Ctrl-C cancels at any prompt; Esc (or `q`) cancels at the menus. dialoguer's
//! text prompts do not read Esc, so there it does nothing.

mod field;
mod kinds;

use crate::author::{self, Draft, DraftReference, parse_reference, propose_id};
use crate::diagnostic::{Diagnostic, Pos};
use crate::exit::error_chain;
use crate::paint::Paint;
use crate::safe;
use console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Input, Select};
use field::Field;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Asks for a new question at the terminal. With `path`, the file is read first:
/// its ids are taken, and a file that a question cannot be appended to is refused
/// before anything is asked; a file that does not exist yet gets a title, asked
/// for here (in [`Draft::bank_title`]). Returns None when the author cancels.
///
/// Nothing is written here: the caller appends the draft (`author::append`) or
/// prints it (`author::to_yaml_item`).
pub fn new_question(path: Option<&Path>, paint: Paint) -> io::Result<Option<Draft>> {
    let term = Term::stderr();
    if !term.is_term() {
        return Err(io::Error::other(
            "`quiz new` asks its questions at a terminal, and standard error is not one",
        ));
    }
    let file = match path {
        Some(p) => Some(author::inspect(p).map_err(|e| io::Error::other(error_chain(&e)))?),
        None => None,
    };
    console::set_colors_enabled_stderr(paint.color);
    let theme: Box<dyn Theme> = if paint.color {
        Box::new(ColorfulTheme::default())
    } else {
        Box::new(SimpleTheme)
    };
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&interrupted);
    // Ctrl-C read as a key raises SIGINT too; without a handler it would kill the
    // process with the cursor hidden. A handler set before (by another front in
    // this process) is fine: the key still cancels the prompt.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let mut prompts = Prompts {
        term: term.clone(),
        theme,
        paint,
        interrupted,
    };
    let target = match (path, file) {
        (Some(path), Some(file)) => Target::File {
            path,
            exists: file.exists,
            taken: file.ids,
        },
        _ => Target::Stdout,
    };
    match prompts.run(&target) {
        Ok(draft) => Ok(Some(draft)),
        Err(Stop::Cancel) => {
            // The caller says what became of it.
            let _ = term.show_cursor();
            term.write_line("")?;
            Ok(None)
        }
        Err(Stop::Io(e)) => {
            let _ = term.show_cursor();
            Err(e)
        }
    }
}

/// Where the question goes.
enum Target<'p> {
    File {
        path: &'p Path,
        exists: bool,
        taken: Vec<(String, Pos)>,
    },
    Stdout,
}

impl Target<'_> {
    fn taken(&self) -> &[(String, Pos)] {
        match self {
            Target::File { taken, .. } => taken,
            Target::Stdout => &[],
        }
    }

    /// The message of the `duplicate-id` rule, if `id` is taken.
    fn duplicate(&self, id: &str) -> Option<String> {
        let Target::File { path, taken, .. } = self else {
            return None;
        };
        taken
            .iter()
            .find(|(t, _)| t == id)
            .map(|(_, pos)| format!("id `{id}` is already used at {}:{pos}", path.display()))
    }
}

/// Why the prompts stopped early.
enum Stop {
    Cancel,
    Io(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Io(e)
    }
}

impl From<dialoguer::Error> for Stop {
    fn from(e: dialoguer::Error) -> Self {
        match e {
            dialoguer::Error::IO(e) if e.kind() == io::ErrorKind::Interrupted => Stop::Cancel,
            dialoguer::Error::IO(e) => Stop::Io(e),
        }
    }
}

struct Prompts {
    term: Term,
    theme: Box<dyn Theme>,
    paint: Paint,
    interrupted: Arc<AtomicBool>,
}

type Step<T> = Result<T, Stop>;

impl Prompts {
    fn run(&mut self, target: &Target) -> Step<Draft> {
        let p = self.paint;
        let mut draft = Draft::default();
        match target {
            Target::File { path, exists, .. } => {
                let what = if *exists { "" } else { " (a new file)" };
                self.say(&p.bold(&format!("New question for {}{what}", path.display())))?;
                if !exists {
                    let stem = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let title =
                        self.text("Title of the new bank", None, Some(&stem), |_| Ok(()))?;
                    draft.bank_title = Some(title);
                }
            }
            Target::Stdout => {
                self.say(&p.bold("New question (its YAML goes to standard output)"))?;
            }
        }
        self.say(&p.dim("Ctrl-C cancels at any prompt; nothing is written until the end."))?;
        // The kind first: it decides what else is asked.
        self.ask(Field::Kind, &mut draft, target)?;
        for field in Field::of_kind(draft.kind).into_iter().skip(1) {
            self.ask(field, &mut draft, target)?;
        }
        loop {
            let mut problems = author::problems(&draft);
            if let Some(message) = target.duplicate(&draft.id) {
                problems.push(Diagnostic::error(
                    author::DRAFT_PATH,
                    Pos::default(),
                    "duplicate-id",
                    message,
                ));
            }
            let errors: Vec<&Diagnostic> = problems.iter().filter(|d| d.is_error()).collect();
            if !errors.is_empty() {
                self.say("")?;
                for error in &errors {
                    self.say(&format!(
                        "{}: {}",
                        p.bad("error"),
                        safe::line(&error.message)
                    ))?;
                }
                let mut fields = Vec::new();
                for error in &errors {
                    match Field::of(error) {
                        Some(field) => fields.push(field),
                        None => return Err(Stop::Io(io::Error::other(error.message.clone()))),
                    }
                }
                fields.sort_unstable();
                fields.dedup();
                for field in fields {
                    self.ask(field, &mut draft, target)?;
                }
                continue;
            }
            self.say("")?;
            self.say(&p.dim(author::to_yaml_item(&draft, 2).trim_end()))?;
            for warning in &problems {
                self.say(&format!(
                    "{}: {}",
                    p.warn("warning"),
                    safe::line(&warning.message)
                ))?;
            }
            let save = match target {
                Target::File { path, .. } => format!("Append it to {}", path.display()),
                Target::Stdout => "Print it".to_owned(),
            };
            match self.menu(
                "This question",
                &[save.as_str(), "Edit a field", "Discard it"],
            )? {
                Some(0) => return Ok(draft),
                Some(1) => {
                    let fields = Field::of_kind(draft.kind);
                    let labels: Vec<&str> = fields.iter().map(|f| f.label(draft.kind)).collect();
                    // Esc here goes back to the menu above.
                    let field = self.menu("Which field?", &labels)?;
                    if let Some(&field) = field.and_then(|i| fields.get(i)) {
                        let kind = draft.kind;
                        self.ask(field, &mut draft, target)?;
                        // Another kind asks its own fields.
                        if draft.kind != kind {
                            for field in kinds::own(draft.kind) {
                                self.ask(field, &mut draft, target)?;
                            }
                        }
                    }
                }
                _ => return Err(Stop::Cancel),
            }
        }
    }

    /// A menu; None for Esc or `q`.
    fn menu(&self, prompt: &str, items: &[&str]) -> Step<Option<usize>> {
        self.check_interrupted()?;
        let picked = Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .interact_on_opt(&self.term)?;
        Ok(picked)
    }

    /// A Ctrl-C that came between two prompts (as a signal) cancels too.
    fn check_interrupted(&self) -> Step<()> {
        if self.interrupted.load(Ordering::SeqCst) {
            Err(Stop::Cancel)
        } else {
            Ok(())
        }
    }

    fn say(&self, line: &str) -> Step<()> {
        self.term.write_line(line)?;
        Ok(())
    }

    /// Asks for one field (again, with what it has as the starting text).
    fn ask(&self, field: Field, draft: &mut Draft, target: &Target) -> Step<()> {
        match field {
            Field::Kind => draft.kind = self.kind(draft.kind)?,
            Field::Exhibit => {
                draft.exhibit = self.lines("Exhibit", draft.exhibit.as_deref(), true)?
            }
            Field::Multi => draft.multi = self.multi(draft)?,
            Field::Whys => draft.whys = self.whys(draft)?,
            Field::Shuffle => draft.keep_order = self.keep_order(draft)?,
            Field::Items => draft.items = self.items(&draft.items)?,
            Field::Pairs => draft.pairs = self.pairs(&draft.pairs)?,
            Field::Extra => draft.extra = self.extra(draft)?,
            Field::Answer => draft.answers = self.answers(draft)?,
            Field::Tolerance => draft.tolerance = self.tolerance(draft)?,
            Field::Case => draft.case_sensitive = self.case(draft.case_sensitive)?,
            Field::Question => {
                let before = draft.question.clone();
                let check = |stem: &String| {
                    let probe = Draft {
                        question: stem.trim().to_owned(),
                        ..sample()
                    };
                    problem(&probe, &["empty-question"])
                };
                draft.question = self.text("Question", Some(&before), None, check)?;
                // An id that was only proposed follows the stem.
                let taken = taken_ids(target);
                if !before.is_empty() && draft.id == propose_id(&before, &taken) {
                    draft.id = propose_id(&draft.question, &taken);
                }
            }
            Field::Id => {
                let proposed = if draft.id.is_empty() {
                    propose_id(&draft.question, &taken_ids(target))
                } else {
                    draft.id.clone()
                };
                let check = |id: &String| {
                    let id = id.trim();
                    let probe = Draft {
                        id: id.to_owned(),
                        ..sample()
                    };
                    problem(&probe, &["invalid-id"])?;
                    target.duplicate(id).map_or(Ok(()), Err)
                };
                draft.id = self.text("Id", None, Some(&proposed), check)?;
            }
            Field::Choices => {
                let before = draft.choices.clone();
                draft.choices = self.choices(&before)?;
                if draft.choices != before && !before.is_empty() {
                    // A choice's `why` goes with its text.
                    let whys = std::mem::take(&mut draft.whys);
                    draft.whys = draft
                        .choices
                        .iter()
                        .map(|c| {
                            before
                                .iter()
                                .position(|b| b == c)
                                .and_then(|i| whys.get(i).cloned())
                                .unwrap_or_default()
                        })
                        .collect();
                    // The letters may have moved: tick the right ones again.
                    let correct: Vec<usize> = draft
                        .correct
                        .iter()
                        .filter_map(|&i| before.get(i))
                        .filter_map(|text| draft.choices.iter().position(|c| c == text))
                        .collect();
                    draft.correct = self.correct(&draft.choices, &correct)?;
                }
            }
            Field::Correct => draft.correct = self.correct(&draft.choices, &draft.correct)?,
            Field::Explanation => {
                draft.explanation =
                    self.lines("Explanation", draft.explanation.as_deref(), true)?;
            }
            Field::References => draft.references = self.references(&draft.references)?,
            Field::Tags => {
                let before = draft.tags.join(", ");
                let tags = self.text(
                    "Tags, comma-separated (optional)",
                    Some(&before),
                    None,
                    |_| Ok(()),
                )?;
                draft.tags = split_tags(&tags);
            }
        }
        Ok(())
    }

    /// One line of text as typed, trailing spaces aside (an exhibit's line).
    fn raw_text(&self, prompt: &str, initial: Option<&str>) -> Step<String> {
        self.check_interrupted()?;
        let mut input = Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .allow_empty(true);
        if let Some(initial) = initial.filter(|i| !i.is_empty()) {
            input = input.with_initial_text(initial);
        }
        let answer = input.interact_text_on(&self.term)?;
        Ok(answer.trim_end().to_owned())
    }

    /// One line of text, trimmed. `initial` is there to edit; `default` is taken on
    /// an empty answer.
    fn text(
        &self,
        prompt: &str,
        initial: Option<&str>,
        default: Option<&str>,
        mut check: impl FnMut(&String) -> Result<(), String>,
    ) -> Step<String> {
        self.check_interrupted()?;
        let mut input = Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .allow_empty(true)
            .validate_with(move |s: &String| check(s));
        if let Some(initial) = initial.filter(|i| !i.is_empty()) {
            input = input.with_initial_text(initial);
        }
        if let Some(default) = default.filter(|d| !d.is_empty()) {
            input = input.default(default.to_owned());
        }
        let answer = input.interact_text_on(&self.term)?;
        Ok(answer.trim().to_owned())
    }

    /// A text of several lines (an explanation, an exhibit, a model answer),
    /// one line per prompt; an empty line ends it. Several lines are kept as
    /// lines (and written as a `|` block). An exhibit's lines keep their
    /// leading spaces: its columns are the point.
    fn lines(&self, what: &str, before: Option<&str>, optional: bool) -> Step<Option<String>> {
        let old: Vec<&str> = before.map(|b| b.lines().collect()).unwrap_or_default();
        let verbatim = what == "Exhibit";
        let mut lines: Vec<String> = Vec::new();
        loop {
            let prompt = match (lines.len(), optional) {
                (0, true) => format!("{what} (optional)"),
                (0, false) => what.to_owned(),
                (n, _) => format!("{what}, line {} (empty ends)", n + 1),
            };
            let line = if verbatim {
                self.raw_text(&prompt, old.get(lines.len()).copied())?
            } else {
                self.text(&prompt, old.get(lines.len()).copied(), None, |_| Ok(()))?
            };
            if line.trim().is_empty() {
                break;
            }
            lines.push(line);
        }
        Ok(match lines.len() {
            0 => None,
            1 if !verbatim => lines.pop(),
            _ => Some(lines.join("\n") + "\n"),
        })
    }

    /// References: an RFC number (then its section and title) or a URL (then its
    /// title), until an empty answer.
    fn references(&self, before: &[DraftReference]) -> Step<Vec<DraftReference>> {
        let mut references = Vec::new();
        loop {
            let old = before.get(references.len());
            let initial = old.map(|r| match r {
                DraftReference::Rfc { number, .. } => format!("RFC {number}"),
                DraftReference::Url { url, .. } => url.clone(),
            });
            let check = |text: &String| {
                if text.trim().is_empty() {
                    Ok(())
                } else {
                    parse_reference(text).map(|_| ())
                }
            };
            let answer = self.text(
                "Reference: an RFC number or a URL (empty ends)",
                initial.as_deref(),
                None,
                check,
            )?;
            if answer.is_empty() {
                return Ok(references);
            }
            let Ok(reference) = parse_reference(&answer) else {
                continue;
            };
            let (old_section, old_title) = match old {
                Some(DraftReference::Rfc { section, title, .. }) => {
                    (section.clone(), title.clone())
                }
                Some(DraftReference::Url { title, .. }) => (None, title.clone()),
                None => (None, None),
            };
            let optional = |s: String| (!s.is_empty()).then_some(s);
            let reference = match reference {
                DraftReference::Rfc { number, .. } => {
                    let section = self.text(
                        &format!("Section of RFC {number} (optional)"),
                        old_section.as_deref(),
                        None,
                        |_| Ok(()),
                    )?;
                    let title =
                        self.text("Title (optional)", old_title.as_deref(), None, |_| Ok(()))?;
                    DraftReference::Rfc {
                        number,
                        section: optional(section),
                        title: optional(title),
                    }
                }
                DraftReference::Url { url, .. } => {
                    let title =
                        self.text("Title (optional)", old_title.as_deref(), None, |_| Ok(()))?;
                    DraftReference::Url {
                        url,
                        title: optional(title),
                    }
                }
            };
            references.push(reference);
        }
    }
}

/// A valid question (of each kind) to try one field in.
fn sample() -> Draft {
    Draft {
        id: "x".to_owned(),
        question: "x".to_owned(),
        choices: vec!["a".to_owned(), "b".to_owned()],
        correct: vec![0],
        items: vec!["a".to_owned(), "b".to_owned(), "c".to_owned()],
        pairs: vec![
            ("a".to_owned(), "b".to_owned()),
            ("c".to_owned(), "d".to_owned()),
        ],
        answers: vec!["1".to_owned()],
        explanation: Some("x".to_owned()),
        references: vec![DraftReference::Rfc {
            number: 1,
            section: None,
            title: None,
        }],
        ..Draft::default()
    }
}

/// The check rules' first error with one of `codes`, as a prompt's complaint.
fn problem(draft: &Draft, codes: &[&str]) -> Result<(), String> {
    author::field_problem(draft, codes).map_or(Ok(()), Err)
}

fn taken_ids(target: &Target) -> Vec<String> {
    target.taken().iter().map(|(id, _)| id.clone()).collect()
}

/// `tls, handshake,, tls` → `[tls, handshake]`.
fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_split_trimmed_and_deduplicated() {
        assert_eq!(split_tags(" tls, handshake,,tls , "), ["tls", "handshake"]);
        assert!(split_tags("  ").is_empty());
    }

    #[test]
    fn every_error_about_a_question_names_a_field_to_fix() {
        use crate::check::rules::{Check, RULES};
        for rule in RULES
            .iter()
            .filter(|r| r.severity == crate::Severity::Error)
        {
            let about_a_question = matches!(rule.check, Check::Question(_))
                || matches!(rule.code, "unknown-kind" | "duplicate-id");
            // `quiz new` writes no `allow` and no picture; a control character
            // in a name is refused by the name's own rule first.
            let not_written = matches!(
                rule.code,
                "invalid-allow"
                    | "control-character"
                    | "missing-image"
                    | "invalid-image"
                    | "image-too-large"
            );
            if about_a_question && !not_written {
                let d = Diagnostic::error("x", Pos::default(), rule.code, "");
                assert!(Field::of(&d).is_some(), "`{}` names no field", rule.code);
            }
        }
    }

    #[test]
    fn every_rule_of_a_question_names_the_field_to_fix() {
        let fields: Vec<Option<Field>> = [
            "invalid-id",
            "empty-question",
            "too-few-choices",
            "answer-out-of-range",
            "invalid-url",
            "missing-explanation",
            "internal",
        ]
        .iter()
        .map(|code| Field::of(&Diagnostic::error("x", Pos::default(), code, "")))
        .collect();
        assert_eq!(
            fields,
            [
                Some(Field::Id),
                Some(Field::Question),
                Some(Field::Choices),
                Some(Field::Correct),
                Some(Field::References),
                Some(Field::Explanation),
                None
            ]
        );
    }
}
