//! Round trips over the built-in bank: bank → format → bank keeps every stem, choice,
//! answer, `why`, explanation (its paragraphs, as the screen shows them) and
//! reference; the choices' order where the format can hold it; a second trip changes
//! nothing more; and the YAML written for an imported bank passes `quiz check`.

use super::{Kind, export, import, to_yaml};
use crate::bank::{Bank, Question, Reference, Target, load_builtin, read_bank};
use crate::check::rules;
use crate::diagnostic::Diagnostic;
use crate::prose::reflowed;

const BUILTIN_QUESTIONS: usize = 93;

pub(super) fn builtin() -> Vec<Bank> {
    let loaded = load_builtin();
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.question_count(), BUILTIN_QUESTIONS);
    // The formats carry choice questions only, so far: their round trips are
    // over the built-in bank's choice questions.
    let mut banks = loaded.banks;
    for bank in &mut banks {
        bank.questions.retain(|q| q.choices().is_some());
    }
    banks
}

/// The bank after export and import, and the export's warnings.
fn through(kind: Kind, banks: &[Bank]) -> (Bank, Vec<Diagnostic>) {
    let out = export(kind, banks);
    let path = format!("builtin.{}", kind.extension());
    match import(kind, &path, &out.text()).map_err(|f| f.error) {
        Ok(imported) => {
            assert!(
                imported.warnings.is_empty(),
                "{kind:?}: {:?}",
                imported.warnings
            );
            (imported.bank, out.warnings)
        }
        Err(d) => panic!("{kind:?}: {}:{}: {}", d.line, d.col, d.message),
    }
}

pub(super) fn all_questions(banks: &[Bank]) -> Vec<&Question> {
    banks.iter().flat_map(|b| &b.questions).collect()
}

pub(super) fn reference(r: &Reference) -> (String, String, Option<String>) {
    let title = r.title.as_ref().map(|t| t.value.trim().to_owned());
    match &r.target {
        Target::Rfc { number, section } => (
            format!("rfc {}", number.value),
            section.as_ref().map_or(String::new(), |s| s.value.clone()),
            title,
        ),
        Target::Url(u) => ("url".into(), u.value.clone(), title),
    }
}

/// Everything a round trip must keep, field by field, as comparable values.
fn assert_same(kind: Kind, a: &Question, b: &Question, tags: bool) {
    let at = format!("{kind:?}, question `{}`", a.id.value);
    assert_eq!(a.id.value, b.id.value, "{at}: id");
    assert_eq!(
        a.question.value.trim(),
        b.question.value.trim(),
        "{at}: stem"
    );
    assert_eq!(
        a.as_choice().choices.value.len(),
        b.as_choice().choices.value.len(),
        "{at}: choice count"
    );
    for (i, (ca, cb)) in a
        .as_choice()
        .choices
        .value
        .iter()
        .zip(&b.as_choice().choices.value)
        .enumerate()
    {
        assert_eq!(
            ca.text.value.trim(),
            cb.text.value.trim(),
            "{at}: choice {i}"
        );
        assert_eq!(
            ca.why.as_ref().map(|w| w.value.trim()),
            cb.why.as_ref().map(|w| w.value.trim()),
            "{at}: why of choice {i}"
        );
    }
    assert_eq!(
        a.as_choice().correct(),
        b.as_choice().correct(),
        "{at}: answer"
    );
    assert_eq!(
        a.as_choice().is_multiple(),
        b.as_choice().is_multiple(),
        "{at}: multiple answer"
    );
    assert_eq!(
        a.explanation.as_ref().map(|e| reflowed(e.value.trim())),
        b.explanation.as_ref().map(|e| reflowed(e.value.trim())),
        "{at}: explanation"
    );
    let refs = |q: &Question| q.references.iter().map(reference).collect::<Vec<_>>();
    assert_eq!(refs(a), refs(b), "{at}: references");
    if tags {
        let tags = |q: &Question| q.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
        assert_eq!(tags(a), tags(b), "{at}: tags");
    }
}

/// Whether the choices of `q` may all move when a run shuffles.
fn free_order(q: &Question) -> bool {
    q.as_choice().shuffle && q.as_choice().choices.value.iter().all(|c| !c.pin)
}

fn round_trip(kind: Kind) {
    let banks = builtin();
    let (once, warnings) = through(kind, &banks);
    let original = all_questions(&banks);
    assert_eq!(once.questions.len(), original.len());
    let fixed: Vec<&&Question> = original.iter().filter(|q| !free_order(q)).collect();
    assert!(!fixed.is_empty(), "the built-in bank has pinned choices");
    for (a, b) in original.iter().zip(&once.questions) {
        assert_same(kind, a, b, true);
        // No format writes pins, but the importer pins catch-alls ("None of these")
        // again, and those are the only pins of the built-in bank.
        let pins = |q: &Question| -> Vec<bool> {
            q.as_choice().choices.value.iter().map(|c| c.pin).collect()
        };
        assert_eq!(pins(a), pins(b), "{kind:?}: pins of `{}`", a.id.value);
        match kind {
            // `<shuffleanswers>false` keeps the pinned choice, and every other, in place.
            Kind::MoodleXml => assert_eq!(free_order(a), b.as_choice().shuffle, "`{}`", a.id.value),
            // GIFT cannot keep an order, and says so.
            _ => assert!(b.as_choice().shuffle, "`{}`", a.id.value),
        }
    }
    match kind {
        Kind::MoodleXml => assert!(warnings.is_empty(), "{warnings:?}"),
        _ => {
            assert_eq!(warnings.len(), fixed.len(), "{warnings:?}");
            for (w, q) in warnings.iter().zip(&fixed) {
                assert_eq!(w.line, q.pos.line, "{w:?}");
                assert!(w.message.contains("stays in place"), "{w:?}");
                assert!(w.message.contains("moodle-xml"), "{w:?}");
            }
        }
    }
    // A second trip: nothing is added (references are not duplicated into the text),
    // and what the first kept is kept exactly.
    let (twice, _) = through(kind, std::slice::from_ref(&once));
    for (a, b) in once.questions.iter().zip(&twice.questions) {
        assert_same(kind, a, b, true);
        assert_eq!(
            a.explanation.as_ref().map(|e| &e.value),
            b.explanation.as_ref().map(|e| &e.value)
        );
        assert_eq!(
            a.as_choice().shuffle,
            b.as_choice().shuffle,
            "{kind:?}: order of `{}`",
            a.id.value
        );
        assert_eq!(
            a.as_choice().multi,
            b.as_choice().multi,
            "{kind:?}: multi of `{}`",
            a.id.value
        );
    }
    passes_check(&once);
}

pub(super) fn passes_check(bank: &Bank) {
    let yaml = to_yaml(bank);
    let mut diags = Vec::new();
    let reread = read_bank("imported.yaml", yaml.as_bytes(), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let reread = reread.unwrap_or_else(|| panic!("no bank read back"));
    let errors: Vec<_> = rules::run(std::slice::from_ref(&reread))
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn gift_keeps_every_field_of_the_builtin_bank() {
    round_trip(Kind::Gift);
}

#[test]
fn moodle_xml_keeps_every_field_of_the_builtin_bank() {
    round_trip(Kind::MoodleXml);
}

/// Explanations are written with the author's line wraps joined: in Moodle each
/// newline would be a line break mid-sentence.
#[test]
fn explanations_are_written_as_paragraphs() {
    let banks = builtin();
    let wrapped = all_questions(&banks)
        .into_iter()
        .find(|q| {
            q.explanation.as_ref().is_some_and(|e| {
                e.value.trim().lines().count() > 1 && !reflowed(e.value.trim()).contains('\n')
            })
        })
        .unwrap_or_else(|| panic!("the built-in bank has a wrapped one-paragraph explanation"));
    let bank = Bank {
        questions: vec![wrapped.clone()],
        ..banks[0].clone()
    };
    let joined = reflowed(wrapped.explanation.as_ref().map_or("", |e| e.value.trim()));
    let gift = export(Kind::Gift, std::slice::from_ref(&bank))
        .text()
        .into_owned();
    let first_words: String = joined.chars().take(30).collect();
    assert!(gift.contains(&format!("####{first_words}")), "{gift}");
    let feedback = gift
        .lines()
        .find(|l| l.contains("####"))
        .unwrap_or_default();
    let explanation = feedback
        .split("\\n\\nReferences")
        .next()
        .unwrap_or_default();
    assert!(!explanation.contains("\\n"), "{feedback}");
    let xml = export(Kind::MoodleXml, std::slice::from_ref(&bank))
        .text()
        .into_owned();
    let general = xml
        .split("<generalfeedback")
        .nth(1)
        .and_then(|g| g.split("References:").next())
        .unwrap_or_default();
    assert!(general.contains(&first_words), "{general}");
    assert!(!general.contains("<br>"), "{general}");
}

#[test]
fn aiken_keeps_what_it_can_hold() {
    let banks = builtin();
    let out = export(Kind::Aiken, &banks);
    let original = all_questions(&banks);
    let single: Vec<&&Question> = original
        .iter()
        .filter(|q| !q.as_choice().is_multiple())
        .collect();
    let left_out = out
        .warnings
        .iter()
        .filter(|w| w.message.contains("left out"))
        .count();
    assert_eq!(left_out, original.len() - single.len());
    let pinned = single.iter().filter(|q| !free_order(q)).count();
    assert_eq!(out.warnings.len(), left_out + pinned, "{:?}", out.warnings);
    for w in &out.warnings {
        assert!(
            w.path.starts_with("(built-in) questions/") && w.line > 0,
            "{w:?}"
        );
    }
    let back = match import(Kind::Aiken, "builtin.txt", &out.text()).map_err(|f| f.error) {
        Ok(i) => i.bank,
        Err(d) => panic!("{}: {}", d.line, d.message),
    };
    assert_eq!(back.questions.len(), single.len());
    for (a, b) in single.iter().zip(&back.questions) {
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(one_line(&a.question.value), b.question.value);
        assert_eq!(a.as_choice().correct(), b.as_choice().correct());
        let texts = |q: &Question| {
            q.as_choice()
                .choices
                .value
                .iter()
                .map(|c| one_line(&c.text.value))
                .collect::<Vec<_>>()
        };
        assert_eq!(texts(a), texts(b));
    }
    passes_check(&back);
}

#[test]
fn yaml_writes_the_builtin_bank_back_exactly() {
    for bank in builtin() {
        let yaml = to_yaml(&bank);
        let mut diags = Vec::new();
        let back = read_bank(&bank.path, yaml.as_bytes(), &mut diags);
        assert!(diags.is_empty(), "{diags:?}");
        let back = back.unwrap_or_else(|| panic!("{} did not read back", bank.path));
        assert_eq!(
            back.title.map(|t| t.value),
            bank.title.as_ref().map(|t| t.value.clone())
        );
        assert_eq!(back.questions.len(), bank.questions.len());
        for (a, b) in bank.questions.iter().zip(&back.questions) {
            // Exactly, whitespace included.
            assert_eq!(a.id.value, b.id.value);
            assert_eq!(a.question.value, b.question.value);
            assert_eq!(a.as_choice().multi, b.as_choice().multi);
            let choices = |q: &Question| {
                q.as_choice()
                    .choices
                    .value
                    .iter()
                    .map(|c| {
                        (
                            c.text.value.clone(),
                            c.why.as_ref().map(|w| w.value.clone()),
                            c.pin,
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(choices(a), choices(b));
            let answer = |q: &Question| {
                q.as_choice()
                    .answer
                    .value
                    .iter()
                    .map(|l| l.value.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(answer(a), answer(b));
            assert_eq!(
                a.explanation.as_ref().map(|e| &e.value),
                b.explanation.as_ref().map(|e| &e.value)
            );
            let refs = |q: &Question| q.references.iter().map(reference).collect::<Vec<_>>();
            assert_eq!(refs(a), refs(b));
            let tags = |q: &Question| q.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>();
            assert_eq!(tags(a), tags(b));
        }
    }
}

/// Inputs built to make a naive parser quadratic are read as they should be
/// (about a megabyte each); `tests/scaling.rs` holds their time to account.
#[test]
fn pathological_inputs_stay_linear() {
    let many_lt = "<a".repeat(300_000);
    assert_eq!(super::html::to_text(&many_lt, false), many_lt);
    assert_eq!(
        super::html::to_text(&super::html::escape_markup(&many_lt), true),
        many_lt
    );
    let _ = super::html::to_text(&"<script>x".repeat(100_000), false);
    let _ = super::html::to_text(&"<!--".repeat(100_000), false);
    let _ = super::html::to_text(&"&amp".repeat(200_000), false);
    let one_block = format!("Q? {{{}}}", "~x\\{ ".repeat(100_000));
    let _ = import(Kind::Gift, "big.gift", &one_block);
    let _ = import(Kind::Gift, "big.gift", &"::".repeat(300_000));
    let _ = import(Kind::Aiken, "big.txt", &"Q?\n".repeat(300_000));
    let banks = builtin();
    let xml = export(Kind::MoodleXml, &banks).text().into_owned();
    let body = xml
        .trim_start_matches("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n")
        .trim_end_matches("</quiz>\n");
    let big = format!("<quiz>\n{}</quiz>\n", body.repeat(40));
    let imported = import(Kind::MoodleXml, "big.xml", &big)
        .map_err(|f| f.error)
        .map_err(|d| d.message);
    assert_eq!(imported.map(|i| i.bank.questions.len()), Ok(66 * 40));
    let gift = export(Kind::Gift, &banks).text().repeat(40);
    let imported = import(Kind::Gift, "big.gift", &gift)
        .map_err(|f| f.error)
        .map_err(|d| d.message);
    assert_eq!(imported.map(|i| i.bank.questions.len()), Ok(66 * 40));
}

/// Every imported value points into its source: 1-based lines and columns, never 0.
#[test]
fn imported_values_have_real_positions() {
    use crate::diagnostic::Pos;
    let fixtures = [
        (
            Kind::Gift,
            include_str!("../../tests/fixtures/formats/tricky.gift"),
        ),
        (
            Kind::MoodleXml,
            include_str!("../../tests/fixtures/formats/tricky.xml"),
        ),
        (
            Kind::Aiken,
            include_str!("../../tests/fixtures/formats/tricky.txt"),
        ),
    ];
    for (kind, text) in fixtures {
        let imported = import(kind, "fixture", text)
            .map_err(|f| f.error)
            .unwrap_or_else(|d| panic!("{}", d.message));
        let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX);
        for q in &imported.bank.questions {
            let mut all: Vec<Pos> = vec![q.pos, q.id.pos, q.question.pos];
            if let Some(choice) = q.choices() {
                all.extend([choice.choices.pos, choice.answer.pos]);
                for c in &choice.choices.value {
                    all.push(c.text.pos);
                    all.extend(c.why.as_ref().map(|w| w.pos));
                }
                all.extend(choice.answer.value.iter().map(|l| l.pos));
            }
            for part in q.body.model().texts() {
                all.push(part.text.pos);
            }
            all.extend(q.explanation.as_ref().map(|e| e.pos));
            all.extend(q.references.iter().map(|r| r.pos));
            all.extend(q.tags.iter().map(|t| t.pos));
            for p in all {
                assert!(
                    p.line >= 1 && p.col >= 1 && p.line <= lines,
                    "{kind:?} `{}`: {p:?}",
                    q.id.value
                );
            }
        }
        for w in &imported.warnings {
            assert!(w.line >= 1 && w.col >= 1, "{w:?}");
        }
    }
}
