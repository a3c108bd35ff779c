//! Aiken: a question on one line, its choices as `A.` or `A)` lines, then `ANSWER: X`.
//!
//! ```text
//! Which message carries the server's chosen cipher suite?
//! A. ClientHello
//! B) ServerHello
//! ANSWER: B
//! ```
//!
//! Read as Moodle reads it: lines may end in `\n`, `\r\n` or a bare `\r`, a line of
//! fewer than two characters is ignored, and a choice label needs no space after it
//! (`A)Text`, `B.text`). A little more lenient than Moodle: a stem may run over
//! several lines (they are kept as lines), choice letters may be lower case when a
//! space follows them, and blank lines may stand anywhere. Choices must be lettered
//! in order (A, B, C…), so that `ANSWER` cannot be read two ways; a line that starts
//! like a label without its space but is not the next choice is text. Aiken has
//! single-answer items only and no feedback: writing leaves out multiple-answer items
//! (with a warning) and drops `why`, explanations, references, tags and pins and
//! `shuffle: false` (with a warning: Moodle shuffles Aiken questions); line breaks in
//! a text become spaces.

use super::build::{Builder, Draft, DraftChoice};
use super::lines::Ends;
use super::{Format, lines, right_choices};
use crate::bank::{Question, Spanned, letter, letter_index};
use crate::diagnostic::{Diagnostic, Pos};
use std::io::BufRead;

pub(super) struct Aiken;

/// A question being read: its stem lines, then its choices.
struct Open {
    draft: Draft,
    stem_done: bool,
}

impl Open {
    /// A question whose stem starts with `line`, at line `n`.
    fn new(line: &str, pos: Pos, n: u32) -> Open {
        let mut draft = Draft::new(pos, Spanned::new(line.to_owned(), pos));
        draft.choices_pos = Pos::new(n + 1, 1);
        Open {
            draft,
            stem_done: false,
        }
    }
}

impl Format for Aiken {
    /// A text in memory is read as a stream too.
    fn parse(&self, text: &str, b: &mut Builder) -> Result<(), Diagnostic> {
        self.stream(&mut text.as_bytes(), b)
    }

    /// A line at a time. A question that cannot be read is skipped with an
    /// error at its line, as Moodle skips it, and the reading goes on: the rest
    /// of a broken question (its choices and `ANSWER:` line) is passed over.
    fn stream(&self, input: &mut dyn BufRead, b: &mut Builder) -> Result<(), Diagnostic> {
        let mut open: Option<Open> = None;
        // After a broken question: its remaining choices and answer are not read.
        let mut passing = false;
        let what = "the question";
        let mut lines = lines::Lines::new(input, Ends::AnyBreak);
        let mut held = lines::Held::default();
        while let Some((n, raw)) = lines.next().map_err(|e| e.error(b))? {
            if b.is_full() {
                // The bank is refused whole: nothing more is worth reading.
                return Ok(());
            }
            held.line(b, n, raw.len())?;
            let line = raw.trim();
            // Moodle skips lines shorter than two characters.
            if line.chars().count() < 2 {
                continue;
            }
            let col = col_of(raw);
            let pos = Pos::new(n, col);
            if let Some(value) = answer_line(line) {
                if std::mem::take(&mut passing) {
                    continue;
                }
                let Some(q) = open.take() else {
                    b.skip_error(pos, what, "`ANSWER:` line with no question before it");
                    continue;
                };
                finish(q, value, pos, b);
            } else if let Some((label, choice)) = choice_line(line).or_else(|| {
                // `A)Text`: Moodle needs no space after the label; quiz takes it when
                // it is the choice expected next, so that a stem such as `B.Sc.
                // degrees…` stays text.
                let expected = letter(open.as_ref()?.draft.choices.len());
                tight_choice(line).filter(|(label, _)| *label == expected)
            }) {
                if passing {
                    continue;
                }
                let Some(q) = open.as_mut() else {
                    b.skip_error(
                        pos,
                        what,
                        &format!("choice `{label}` with no question before it: a question starts with its text on a line of its own"),
                    );
                    passing = true;
                    continue;
                };
                let expected = letter(q.draft.choices.len());
                if letter_index(&label.to_string()) != Some(q.draft.choices.len()) {
                    b.skip_error(
                        pos,
                        what,
                        &format!("choice `{label}` is out of order: expected `{expected}` (choices are lettered A, B, C… in order)"),
                    );
                    open = None;
                    passing = true;
                    continue;
                }
                q.stem_done = true;
                q.draft.choices.push(DraftChoice {
                    text: Spanned::new(choice.to_owned(), pos),
                    why: None,
                    weight: 0.0,
                });
            } else {
                // Text after a broken question starts the next one.
                passing = false;
                match open.as_mut() {
                    None => {
                        open = Some(Open::new(line, pos, n));
                    }
                    Some(q) if !q.stem_done => {
                        q.draft.stem.value.push('\n');
                        q.draft.stem.value.push_str(line);
                        q.draft.choices_pos = Pos::new(n + 1, 1);
                    }
                    Some(q) => {
                        // As Moodle: the question lacks its answer, and this line
                        // starts the next one.
                        let next = letter(q.draft.choices.len());
                        b.skip_error(
                            pos,
                            what,
                            &format!(
                                "expected choice `{next}.` or `ANSWER:` here: the question at line {} has no `ANSWER:` line before this text",
                                q.draft.pos.line
                            ),
                        );
                        open = Some(Open::new(line, pos, n));
                    }
                }
            }
        }
        if let Some(q) = open {
            b.skip_error(
                q.draft.pos,
                what,
                "this question has no `ANSWER:` line (it ends the file)",
            );
        }
        Ok(())
    }

    fn question(&self, q: &Question, out: &mut String) -> Result<(), String> {
        let c = super::choices_of(q)?;
        if c.is_multiple() {
            let what = if c.answer.value.len() > 1 {
                format!("it has {} right answers", c.answer.value.len())
            } else {
                "it is `multi: true`".to_owned()
            };
            return Err(format!("{what}, and Aiken holds single-answer items only"));
        }
        let right = right_choices(c)?;
        let stem = one_line(&q.question.value);
        if answer_line(&stem).is_some() || choice_line(&stem).is_some() {
            return Err(
                "its text starts like a choice or an `ANSWER:` line, which Aiken would misread"
                    .into(),
            );
        }
        out.push_str(&stem);
        out.push('\n');
        for (i, c) in c.choices.value.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", letter(i), one_line(&c.text.value)));
        }
        out.push_str(&format!("ANSWER: {}\n\n", letter(right[0])));
        Ok(())
    }

    fn notes(&self, q: &Question) -> Vec<String> {
        let Ok(c) = super::choices_of(q) else {
            return Vec::new();
        };
        let mut notes: Vec<String> = super::fixed_order(c)
            .map(|order| {
                format!(
                    "{order}, and Aiken cannot say so: Moodle shuffles the choices of an Aiken question (export to moodle-xml to keep them in order)"
                )
            })
            .into_iter()
            .collect();
        if q.exhibit.is_some() {
            notes.push("its exhibit is left out: Aiken has no place for it".to_owned());
        }
        notes
    }
}

/// Column of the first character that is not white space.
fn col_of(raw: &str) -> u32 {
    let lead = raw.chars().take_while(|c| c.is_whitespace()).count();
    u32::try_from(lead + 1).unwrap_or(u32::MAX)
}

/// `ANSWER: B` → `B` (the text after the colon, trimmed).
fn answer_line(line: &str) -> Option<&str> {
    let head = line.get(..7)?;
    head.eq_ignore_ascii_case("answer:")
        .then(|| line[7..].trim())
}

/// `B. text` or `b) text` → (`B`, `text`).
fn choice_line(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let label = chars.next().filter(char::is_ascii_alphabetic)?;
    chars.next().filter(|c| matches!(c, '.' | ')'))?;
    let rest = chars.as_str();
    if !rest.starts_with([' ', '\t']) || rest.trim().is_empty() {
        return None;
    }
    Some((label.to_ascii_uppercase(), rest.trim()))
}

/// `A)Text` or `B.text`: an upper-case label with no space after it, which Moodle
/// reads as a choice.
fn tight_choice(line: &str) -> Option<(char, &str)> {
    let mut chars = line.chars();
    let label = chars.next().filter(char::is_ascii_uppercase)?;
    chars.next().filter(|c| matches!(c, '.' | ')'))?;
    let rest = chars.as_str().trim();
    (!rest.is_empty()).then_some((label, rest))
}

/// Ends a question at its `ANSWER:` line: takes it, or skips it with an error.
fn finish(mut q: Open, value: &str, pos: Pos, b: &mut Builder) {
    let what = "the question";
    let n = q.draft.choices.len();
    if n == 0 {
        b.skip_error(
            pos,
            what,
            "`ANSWER:` before any choice: list the choices (`A. …`) first",
        );
        return;
    }
    let Some(i) = letter_index(value) else {
        b.skip_error(
            pos,
            what,
            &format!("`ANSWER: {value}` is not one letter: Aiken has exactly one right choice, such as `ANSWER: B`"),
        );
        return;
    };
    let Some(choice) = q.draft.choices.get_mut(i) else {
        b.skip_error(
            pos,
            what,
            &format!(
                "`ANSWER: {}` names no choice: this question has {n} (A to {})",
                value.to_ascii_uppercase(),
                letter(n - 1)
            ),
        );
        return;
    };
    choice.weight = 100.0;
    b.add(q.draft);
}

/// Text on one line: line breaks become spaces.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::testing::{self, texts};
    use super::super::{Kind, export, import};
    use super::*;

    fn ok(text: &str) -> super::super::Imported {
        testing::ok(Kind::Aiken, "dir/tls.txt", text)
    }

    #[test]
    fn reads_stems_choices_and_answers() {
        let imported = ok(
            "Which message carries the chosen suite?\nA. ClientHello\nB) ServerHello\nC. Finished\nANSWER: B\n\n\
                           Which is a hash?\r\nA) SHA-256\r\nB) AES\r\nANSWER: A\r\n",
        );
        let qs = &imported.bank.questions;
        assert_eq!(qs.len(), 2);
        assert_eq!(qs[0].id.value, "tls-1");
        assert_eq!(qs[1].id.value, "tls-2");
        assert_eq!(
            qs[0].question.value,
            "Which message carries the chosen suite?"
        );
        assert_eq!(texts(&qs[0]), ["ClientHello", "ServerHello", "Finished"]);
        assert_eq!(qs[0].as_choice().correct(), [1]);
        assert_eq!(qs[1].as_choice().correct(), [0]);
        assert_eq!(qs[1].pos, Pos::new(7, 1));
        assert_eq!(qs[0].as_choice().choices.value[1].text.pos, Pos::new(3, 1));
        assert!(imported.warnings.is_empty());
    }

    #[test]
    fn a_stem_may_span_lines_and_letters_may_be_lower_case() {
        let imported = ok(
            "  Given the handshake below,\n  which message comes first?\n a) ClientHello\n b) ServerHello\nanswer: a\n",
        );
        let q = &imported.bank.questions[0];
        assert_eq!(
            q.question.value,
            "Given the handshake below,\nwhich message comes first?"
        );
        assert_eq!(q.question.pos, Pos::new(1, 3));
        assert_eq!(q.as_choice().correct(), [0]);
    }

    /// Moodle's pattern is `^[A-Z][).][ \t]?`: the space after a label is optional.
    #[test]
    fn a_label_needs_no_space_after_it() {
        let imported =
            ok("A second good question\nA)Incorrect (no space)\nB.Correct (no space)\nANSWER: B\n");
        let q = &imported.bank.questions[0];
        assert_eq!(texts(q), ["Incorrect (no space)", "Correct (no space)"]);
        assert_eq!(q.as_choice().correct(), [1]);
        // Only the choice expected next: a stem line that merely starts like a label
        // stays text.
        let imported =
            ok("Which degree,\nB.Sc. or M.Sc., comes first?\nA)B.Sc.\nB)M.Sc.\nANSWER: A\n");
        let q = &imported.bank.questions[0];
        assert_eq!(
            q.question.value,
            "Which degree,\nB.Sc. or M.Sc., comes first?"
        );
        assert_eq!(q.as_choice().choices.value[0].text.value, "B.Sc.");
    }

    /// Moodle splits lines at a bare carriage return too, and skips lines shorter
    /// than two characters.
    #[test]
    fn old_mac_line_endings_and_one_character_lines() {
        let imported = ok("Which?\rA. one\r.\rB. two\rANSWER: B\r");
        let q = &imported.bank.questions[0];
        assert_eq!(q.as_choice().choices.value.len(), 2);
        assert_eq!(q.as_choice().choices.value[1].text.pos, Pos::new(4, 1));
        assert_eq!(q.as_choice().correct(), [1]);
    }

    #[test]
    fn a_fixed_order_is_reported_on_export() {
        let mut bank = ok("Which?\nA. one\nB. None of these\nANSWER: B\n").bank;
        bank.questions[0].as_choice_mut().choices.value[1].pin = true;
        let out = export(Kind::Aiken, std::slice::from_ref(&bank));
        assert!(out.text().contains("B. None of these"));
        assert_eq!(out.warnings.len(), 1);
        assert!(
            out.warnings[0]
                .message
                .contains("Moodle shuffles the choices")
        );
    }

    #[test]
    fn malformed_files_name_the_line() {
        // The first question skipped with an error: its line and why.
        let err = |text: &str| -> (u32, String) {
            let failed = super::super::import(super::super::Kind::Aiken, "quiz.txt", text)
                .err()
                .unwrap_or_else(|| panic!("expected an error for {text:?}"));
            match failed.warnings.iter().find(|w| w.is_error()) {
                Some(w) => (w.line, w.message.clone()),
                None => (failed.error.line, failed.error.message),
            }
        };
        assert_eq!(err("A. orphan\n").0, 1);
        assert_eq!(err("Q?\nA. x\nB. y\n").0, 1);
        let (line, message) = err("Q?\nA. x\nB. y\nANSWER: D\n");
        assert_eq!(line, 4);
        assert!(message.contains("names no choice"), "{message}");
        let (line, message) = err("Q?\nA. x\nC. y\nANSWER: A\n");
        assert_eq!(line, 3);
        assert!(message.contains("expected `B`"), "{message}");
        let (line, message) = err("Q?\nA. x\nB. y\nstray text\nANSWER: A\n");
        assert_eq!(line, 4);
        assert!(message.contains("line 1"), "{message}");
        assert_eq!(err("ANSWER: A\n").0, 1);
        assert_eq!(err("Q?\nANSWER: A\n").0, 2);
        assert!(
            err("Q?\nA. x\nB. y\nANSWER: A, B\n")
                .1
                .contains("one letter")
        );
        assert!(err("").1.contains("no questions"));
    }

    /// Moodle's `aiken_errors.txt` fixture holds good questions among broken
    /// ones, and Moodle imports the good ones; so does quiz (a file of our own,
    /// with the same kinds of fault).
    #[test]
    fn broken_questions_are_skipped_and_the_good_ones_imported() {
        let text = "Good one?\nA. yes\nB. no\nANSWER: A\n\n\
                    No answer letter?\nA. yes\nB. no\nANSWER:\n\n\
                    Good two?\nA. yes\nB. no\nANSWER: B\n\n\
                    Out of order?\nA. yes\nC. no\nD. maybe\nANSWER: A\n\n\
                    Answer names nothing?\nA. yes\nB. no\nANSWER: E\n\n\
                    Missing its answer?\nA. yes\nB. no\n\
                    Good three?\nA. yes\nB. no\nANSWER: A\n";
        let imported = ok(text);
        let stems: Vec<&str> = imported
            .bank
            .questions
            .iter()
            .map(|q| q.question.value.as_str())
            .collect();
        assert_eq!(stems, ["Good one?", "Good two?", "Good three?"]);
        let errors: Vec<u32> = imported
            .warnings
            .iter()
            .filter(|w| w.is_error())
            .map(|w| w.line)
            .collect();
        assert_eq!(errors, [9, 18, 25, 30]);
    }

    #[test]
    fn a_question_quiz_rejects_is_skipped() {
        let imported = ok("Q?\nA. same\nB. same\nANSWER: A\n\nR?\nA. x\nB. y\nANSWER: B\n");
        assert_eq!(imported.bank.questions.len(), 1);
        assert_eq!(imported.bank.questions[0].id.value, "tls-2");
        assert_eq!(imported.warnings[0].line, 1);
    }

    #[test]
    fn the_hand_written_fixture() {
        let text = include_str!("../../tests/fixtures/formats/tricky.txt");
        let imported = import(Kind::Aiken, "tricky.txt", text)
            .map_err(|f| f.error)
            .unwrap_or_else(|d| panic!("{}: {}", d.line, d.message));
        let qs = &imported.bank.questions;
        let ids: Vec<&str> = qs.iter().map(|q| q.id.value.as_str()).collect();
        assert_eq!(ids, ["tricky-1", "tricky-2", "tricky-3", "tricky-5"]);
        assert_eq!(
            qs[1].question.value,
            "Which hash does TLS 1.3 use\nin its default suite TLS_AES_128_GCM_SHA256?"
        );
        assert_eq!(qs[1].as_choice().correct(), [1]);
        assert_eq!(
            qs[2].question.value,
            "Which port does HTTPS use by default?"
        );
        assert_eq!(qs[2].as_choice().correct(), [1]);
        assert_eq!(imported.warnings.len(), 1);
        assert_eq!(imported.warnings[0].line, 21);
        assert!(
            imported.warnings[0].message.contains("repeats"),
            "{:?}",
            imported.warnings
        );
    }

    #[test]
    fn the_broken_fixture() {
        let text = include_str!("../../tests/fixtures/formats/broken.txt");
        let e = import(Kind::Aiken, "broken.txt", text)
            .map_err(|f| f.error)
            .err()
            .map(|d| (d.line, d.code));
        assert_eq!(e, Some((4, "import")));
    }

    #[test]
    fn writes_single_answer_items_and_skips_the_others() {
        let bank = ok("Which?\nA. one\nB. two\nANSWER: B\n").bank;
        let mut multi = bank.clone();
        multi.questions[0].as_choice_mut().multi = true;
        let out = export(Kind::Aiken, &[bank.clone(), multi]);
        assert_eq!(out.text(), "Which?\nA. one\nB. two\nANSWER: B\n\n");
        assert_eq!(out.warnings.len(), 1);
        assert_eq!(
            (out.warnings[0].path.as_str(), out.warnings[0].line),
            ("dir/tls.txt", 1)
        );
        assert!(
            out.warnings[0].message.contains("single-answer"),
            "{:?}",
            out.warnings
        );
        let again = ok(&out.text());
        assert_eq!(again.bank.questions[0].as_choice().correct(), [1]);
    }
}
