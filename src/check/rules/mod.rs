//! The rules of `quiz check`, as a registry in the manner of ruff and clippy.
//!
//! Each rule is a [`Rule`]: a stable code, a severity, a one-line summary, an
//! example it flags and one it does not, declared beside the small function that
//! applies it. [`RULES`] lists them all; docs/rules.md's rule list is generated from
//! it (a test keeps the two equal), and `--allow`, `--deny` and `allow:` accept exactly
//! its codes.
//!
//! Rules see one question at a time ([`check_file`]), except the three that look
//! across the files of a run, which keep only compact per-question state
//! ([`Seen`], and each file's tag spellings, folded into [`Across`] in file order).

mod allow;
mod answer;
mod blueprint;
mod choices;
mod citation;
mod control;
pub mod docs;
mod ids;
mod image;
mod letters;
mod load;
mod matching;
mod near_duplicate;
mod order;
mod references;
mod stem;
mod tags;
mod typed;

pub use citation::{Ranking, rank_citations};
pub use near_duplicate::{Fingerprint, NearDuplicates};

use super::Config;
use crate::bank::{Bank, Question, Spanned, Target};
use crate::diagnostic::{Diagnostic, Pos, Severity};
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

pub use crate::bank::MAX_CHOICES;

/// One rule: what `quiz check` reports under `code`, and how it finds it.
#[derive(Debug)]
pub struct Rule {
    /// The stable code printed with each diagnostic: `negative-stem`.
    pub code: &'static str,
    /// Errors fail a check; warnings fail it only under `--strict`.
    pub severity: Severity,
    /// What the rule flags, in one line.
    pub summary: &'static str,
    /// A short example that the rule flags.
    pub flags: &'static str,
    /// A short example, close to the first, that it does not flag.
    pub passes: &'static str,
    pub check: Check,
}

/// When a rule runs.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// While a file is read: its syntax and shape (`bank::read_bank` reports it).
    Load,
    /// On each question alone.
    Question(QuestionCheck),
    /// On each question, given an RFC folder (`--rfc-dir`).
    Rfc(QuestionCheck),
    /// Across every file of a run ([`Across`]).
    Run,
    /// On an exam blueprint (`src/blueprint` reports it).
    Blueprint,
}

pub type QuestionCheck = fn(&Question, &Config, &mut Sink);

/// Every rule, in the order of docs/rules.md's list.
pub const RULES: &[&Rule] = &[
    &load::SYNTAX,
    &load::INVALID_UTF8,
    &load::FILE_TOO_LARGE,
    &load::EMPTY_BANK,
    &load::UNKNOWN_KEY,
    &load::UNKNOWN_KIND,
    &load::WRONG_TYPE,
    &load::MISSING_KEY,
    &load::INVALID_REFERENCE,
    &load::FOLDED_ITEM,
    &control::CONTROL_CHARACTER,
    &ids::INVALID_ID,
    &ids::ID_TOO_LONG,
    &ids::DUPLICATE_ID,
    &stem::EMPTY_QUESTION,
    &stem::HINT_IN_STEM,
    &stem::HINT_COUNT_MISMATCH,
    &stem::NEGATIVE_STEM,
    &stem::REPEATED_STEM_TEXT,
    &choices::TOO_FEW_CHOICES,
    &choices::TOO_MANY_CHOICES,
    &choices::EMPTY_CHOICE,
    &choices::DUPLICATE_CHOICE,
    &letters::CHOICE_NAMES_LETTERS,
    &choices::UNPINNED_CATCH_ALL,
    &choices::LONGEST_CHOICE_CUE,
    &answer::INVALID_ANSWER,
    &answer::ANSWER_OUT_OF_RANGE,
    &answer::DUPLICATE_ANSWER,
    &order::TOO_FEW_ITEMS,
    &order::TOO_MANY_ITEMS,
    &order::EMPTY_ITEM,
    &order::DUPLICATE_ITEM,
    &matching::TOO_FEW_PAIRS,
    &matching::TOO_MANY_PAIRS,
    &matching::EMPTY_PAIR,
    &matching::DUPLICATE_PREMISE,
    &matching::DUPLICATE_RESPONSE,
    &typed::INVALID_NUMBER,
    &typed::INVALID_TOLERANCE,
    &typed::EMPTY_ANSWER,
    &typed::DUPLICATE_ACCEPTED,
    &image::MISSING_IMAGE,
    &image::INVALID_IMAGE,
    &image::IMAGE_TOO_LARGE,
    &image::MISSING_ALT,
    &image::ALT_WITHOUT_IMAGE,
    &references::INVALID_RFC,
    &references::INVALID_URL,
    &references::MISSING_EXPLANATION,
    &references::MISSING_REFERENCE,
    &references::RFC_SECTION_MISSING,
    &references::RFC_TITLE_MISMATCH,
    &citation::CITATION_UNRELATED,
    &near_duplicate::NEAR_DUPLICATE,
    &tags::TAG_CASE,
    &allow::INVALID_ALLOW,
    &blueprint::INVALID_COUNT,
    &blueprint::INVALID_DURATION,
    &blueprint::INVALID_PASS_MARK,
    &blueprint::INVALID_SCALE,
    &blueprint::INVALID_SCORING,
    &blueprint::INVALID_WEIGHT,
    &blueprint::WEIGHTS_NOT_100,
    &blueprint::NO_DOMAINS,
    &blueprint::INVALID_DOMAIN,
    &blueprint::DUPLICATE_DOMAIN,
    &blueprint::BANK_NOT_FOUND,
    &blueprint::EMPTY_DOMAIN,
    &blueprint::DOMAIN_TOO_SMALL,
    &blueprint::UNKNOWN_TAG,
    &blueprint::EMPTY_SHARE,
];

/// The rule with this code.
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.code == code)
}

/// Every code, for "did you mean".
pub fn codes() -> Vec<&'static str> {
    RULES.iter().map(|r| r.code).collect()
}

/// The warnings a question's `allow` may name: those about questions.
pub fn question_warnings() -> Vec<&'static str> {
    RULES
        .iter()
        .filter(|r| r.severity == Severity::Warning)
        .filter(|r| matches!(r.check, Check::Question(_) | Check::Rfc(_) | Check::Run))
        .map(|r| r.code)
        .collect()
}

/// Where one question's rules put what they find: the severity of each finding
/// follows the run's `--allow`/`--deny` and the question's own `allow`.
pub struct Sink<'a> {
    path: &'a str,
    allows: &'a [Spanned<String>],
    config: &'a Config,
    out: &'a mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// The file the question is in, as the run names it.
    pub fn path(&self) -> &str {
        self.path
    }

    pub fn report(&mut self, rule: &Rule, pos: Pos, message: impl Into<String>) {
        self.report_as(rule, rule.severity, pos, message);
    }

    /// A finding of `rule` at `found` severity, where a rule registered as an
    /// error reports some findings as warnings (`control-character` in prose).
    pub fn report_as(
        &mut self,
        rule: &Rule,
        found: Severity,
        pos: Pos,
        message: impl Into<String>,
    ) {
        let allowed_here = self.allows.iter().any(|a| a.value.trim() == rule.code);
        if let Some(severity) = self.config.levels.severity_of(rule, found, allowed_here) {
            self.out.push(Diagnostic::new(
                self.path, pos, severity, rule.code, message,
            ));
        }
    }
}

/// What a run keeps of one question for the rules that look across files.
#[derive(Debug, Clone)]
pub struct Seen {
    pub id: Spanned<Box<str>>,
    /// Where the stem is, for the near-duplicate rule.
    pub stem: Pos,
    /// None when the near-duplicate rule is off for this question.
    pub fingerprint: Option<Fingerprint>,
}

/// What checking one file found, and what the run keeps of it.
#[derive(Debug, Default)]
pub struct FileCheck {
    pub diagnostics: Vec<Diagnostic>,
    pub seen: Vec<Seen>,
    /// References to RFCs not in the RFC folder: (RFC, how many).
    pub unchecked: BTreeMap<u32, usize>,
    /// Each spelling of a tag, at its first use in the file, for `tag-case`.
    pub tags: Vec<Spanned<Box<str>>>,
}

/// Runs every per-question rule over the questions of one file.
pub fn check_file(bank: &Bank, config: &Config) -> FileCheck {
    let mut found = FileCheck::default();
    let near = config.runs(&near_duplicate::NEAR_DUPLICATE);
    let tag_case = config.runs(&tags::TAG_CASE);
    let mut spellings: HashSet<&str> = HashSet::new();
    if let Some(title) = &bank.title
        && config.runs(&control::CONTROL_CHARACTER)
    {
        let mut sink = Sink {
            path: &bank.path,
            allows: &[],
            config,
            out: &mut found.diagnostics,
        };
        control::title(title, &mut sink);
    }
    for question in &bank.questions {
        if tag_case
            && !question
                .allow
                .iter()
                .any(|a| a.value.trim() == tags::TAG_CASE.code)
        {
            for tag in &question.tags {
                let spelling = tag.value.trim();
                if !spelling.is_empty() && spellings.insert(spelling) {
                    found.tags.push(Spanned::new(spelling.into(), tag.pos));
                }
            }
        }
        run_question(&bank.path, question, config, &mut found.diagnostics);
        if let Some(library) = &config.library {
            for r in &question.references {
                if let Target::Rfc { number, .. } = &r.target
                    && let Ok(n) = number.value.trim().parse::<u32>()
                    && n > 0
                    && library.get(n).is_none()
                {
                    *found.unchecked.entry(n).or_default() += 1;
                }
            }
        }
        let allowed = question
            .allow
            .iter()
            .any(|a| a.value.trim() == near_duplicate::NEAR_DUPLICATE.code);
        found.seen.push(Seen {
            id: Spanned::new(question.id.value.as_str().into(), question.id.pos),
            stem: question.question.pos,
            fingerprint: (near && !allowed)
                .then(|| Fingerprint::of(question))
                .flatten(),
        });
    }
    found
}

fn run_question(path: &str, question: &Question, config: &Config, out: &mut Vec<Diagnostic>) {
    let mut sink = Sink {
        path,
        allows: &question.allow,
        config,
        out,
    };
    for rule in RULES {
        let check = match rule.check {
            Check::Question(check) => check,
            Check::Rfc(check) if config.library.is_some() => check,
            _ => continue,
        };
        if config.runs(rule) {
            check(question, config, &mut sink);
        }
    }
}

/// The state of a run across its files: the ids seen, the near-duplicate
/// fingerprints, and the tags' spellings. Files are added in order; findings go to
/// the later question.
pub struct Across<'c> {
    config: &'c Config,
    ids: ids::Ids,
    near: NearDuplicates,
    tags: tags::Tags,
}

impl<'c> Across<'c> {
    pub fn new(config: &'c Config) -> Self {
        Across {
            config,
            ids: ids::Ids::default(),
            near: NearDuplicates::default(),
            tags: tags::Tags::default(),
        }
    }

    /// Adds the questions and tags of the next file; returns its duplicate ids and
    /// the tags it spells in another case than before.
    pub fn add(
        &mut self,
        path: &str,
        seen: Vec<Seen>,
        tags: Vec<Spanned<Box<str>>>,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if let Some(severity) = self.config.levels.severity(&tags::TAG_CASE, false) {
            out.extend(self.tags.add(path, tags, severity));
        }
        let file = self.near.add_file(path);
        for s in seen {
            // Kept once, for both rules.
            let id = Spanned::new(Rc::<str>::from(s.id.value), s.id.pos);
            if let Some(d) = self.ids.add(path, &id) {
                out.push(d);
            }
            if let Some(fp) = s.fingerprint {
                self.near.add(file, s.stem, id.value, fp);
            }
        }
        out
    }

    /// The near-duplicates, each at the later question.
    pub fn finish(self) -> Vec<Diagnostic> {
        let rule = &near_duplicate::NEAR_DUPLICATE;
        match self.config.levels.severity(rule, false) {
            Some(severity) => self.near.finish(severity),
            None => Vec::new(),
        }
    }
}

/// Every rule over `banks` with the default settings (no RFC folder), in file order.
pub fn run(banks: &[Bank]) -> Vec<Diagnostic> {
    let config = Config::default();
    let mut across = Across::new(&config);
    let mut out = Vec::new();
    for bank in banks {
        let found = check_file(bank, &config);
        out.extend(found.diagnostics);
        out.extend(across.add(&bank.path, found.seen, found.tags));
    }
    out.extend(across.finish());
    out
}

/// The rules of one question alone, for `quiz new` and the importers.
pub fn check_question(path: &str, question: &Question) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let imported = Config {
        imported: true,
        ..Config::default()
    };
    run_question(path, question, &imported, &mut out);
    out
}

/// Makes an imported question safe to shuffle as written: catch-all choices
/// ("All of the above") are pinned, and a question whose choices name each other
/// by letter ("Both A and C") keeps its choices in file order.
pub fn keep_order_safe(question: &mut Question) {
    let Some(question) = question.body.choices_mut() else {
        return;
    };
    if letters::names_letters(question) {
        question.shuffle = false;
    }
    for choice in &mut question.choices.value {
        if choices::is_catch_all(&choice.text.value) {
            choice.pin = true;
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Builds questions from YAML for the rules' unit tests.

    use super::*;
    use crate::bank::read_bank;

    /// A valid question with `edits` (from → to) applied to its YAML.
    pub const BASE: &str = "questions:
  - id: q1
    question: Which message carries the chosen suite?
    choices: [ClientHello, ServerHello, Finished]
    answer: B
    explanation: The ServerHello.
    references:
      - rfc: 5246
        section: 7.4.1.3
";

    pub fn question_with(edits: &[(&str, &str)]) -> Question {
        let mut text = BASE.to_owned();
        for (from, to) in edits {
            assert!(text.contains(from), "{from:?} is not in the question");
            text = text.replacen(from, to, 1);
        }
        parse(&text)
    }

    /// The first question of a bank written in full.
    pub fn parse(text: &str) -> Question {
        let mut diags = Vec::new();
        let bank = read_bank("t.yaml", text.as_bytes(), &mut diags);
        assert!(diags.is_empty(), "the YAML has shape problems: {diags:?}");
        let bank = bank.unwrap_or_else(|| panic!("no bank in {text}"));
        bank.questions.into_iter().next().expect("one question")
    }

    /// What `check` finds on `question` with the default settings.
    pub fn run_with(check: QuestionCheck, question: &Question, config: &Config) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut sink = Sink {
            path: "t.yaml",
            allows: &question.allow,
            config,
            out: &mut out,
        };
        check(question, config, &mut sink);
        out
    }

    /// The messages `check` gives on `question`, with the default settings.
    pub fn messages(check: QuestionCheck, question: &Question) -> Vec<String> {
        run_with(check, question, &Config::default())
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    /// Whether `check` flags `question`.
    pub fn flags(check: QuestionCheck, question: &Question) -> bool {
        !messages(check, question).is_empty()
    }

    /// The codes every rule gives on the base question with `edits`, in file order.
    pub fn codes(edits: &[(&str, &str)]) -> Vec<&'static str> {
        codes_of(BASE, edits)
    }

    /// The codes every rule gives on the bank `base` with `edits`, in file order.
    pub fn codes_of(base: &str, edits: &[(&str, &str)]) -> Vec<&'static str> {
        let mut text = base.to_owned();
        for (from, to) in edits {
            assert!(text.contains(from), "{from:?} is not in the bank");
            text = text.replacen(from, to, 1);
        }
        let mut diags = Vec::new();
        let banks: Vec<Bank> = read_bank("t.yaml", text.as_bytes(), &mut diags)
            .into_iter()
            .collect();
        assert!(diags.is_empty(), "the edit broke the shape: {diags:?}");
        run(&banks).iter().map(|d| d.code).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::codes;
    use super::*;

    #[test]
    fn a_valid_question_passes_every_rule() {
        assert_eq!(codes(&[]), Vec::<&str>::new());
    }

    #[test]
    fn codes_are_unique_kebab_case_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            assert!(
                seen.insert(rule.code),
                "`{}` is registered twice",
                rule.code
            );
            assert!(
                rule.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "`{}` is not kebab-case",
                rule.code
            );
            for (what, text) in [
                ("summary", rule.summary),
                ("flags", rule.flags),
                ("passes", rule.passes),
            ] {
                assert!(!text.trim().is_empty(), "`{}` has no {what}", rule.code);
                assert!(
                    !text.contains('\n'),
                    "`{}`'s {what} is not one line",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn an_imported_question_is_made_safe_to_shuffle() {
        let mut q = testing::question_with(&[(
            "[ClientHello, ServerHello, Finished]",
            "[ClientHello, ServerHello, Both A and B, All of the above]",
        )]);
        keep_order_safe(&mut q);
        let q = q.choices().expect("a choice question");
        assert!(!q.shuffle);
        assert!(q.choices.value[3].pin);
        assert!(!q.choices.value[2].pin);
    }
}
