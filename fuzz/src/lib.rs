//! What each fuzz target checks: one function per target, taking the fuzzer's bytes
//! and panicking only on a bug in quiz (a panic of quiz itself, a hang, or a broken
//! promise such as "an imported bank passes `quiz check`").
//!
//! The cargo-fuzz targets in `fuzz_targets/` are one line each around these
//! functions, and `tests/fuzz_regressions.rs` in the main crate includes this file
//! to replay every input kept under `fuzz/regressions/<target>/` on stable Rust,
//! so CI guards them without a nightly toolchain. This file uses quiz's public API
//! and the standard library only.

use quiz::Pos;
use quiz::author::{self, AuthorError, Draft, DraftReference};
use quiz::bank::{Bank, Loaded, Question, Target, letter, letter_index, read_bank};
use quiz::check::{self, render::Format, rules};
use quiz::formats::{self, Kind};
use quiz::quiz::clock::{format_left, parse_duration};
use quiz::ui::parse_letters;
use std::path::Path;

/// What a target checks, given the fuzzer's bytes.
pub type Check = fn(&[u8]);

/// Every target but the importers: its name (of its file in `fuzz_targets/` and
/// its folder in `regressions/`) and its check.
pub const TARGETS: &[(&str, Check)] = &[
    ("bank", bank),
    ("yaml_writer", yaml_writer),
    ("append", append),
    ("answer_line", answer_line),
    ("duration", duration),
    ("safe", safe),
];

/// The formats quiz imports, each with a target that runs [`importer`].
pub fn importers() -> impl Iterator<Item = Kind> {
    Kind::ALL.into_iter().filter(|k| k.can_import())
}

/// The target of the importer of `kind`: `import_gift`, `import_moodle_xml`.
pub fn importer_target(kind: Kind) -> String {
    format!("import_{}", kind.name().replace('-', "_"))
}

/// Bank loading and `quiz check` from bytes: up to four files, split at NUL bytes
/// (which a bank cannot hold) so that the rules across files run too. Every
/// diagnostic points into its file, and every report format renders.
pub fn bank(data: &[u8]) {
    let mut loaded = Loaded::default();
    let files: Vec<&[u8]> = data.split(|&b| b == 0).take(4).collect();
    for (i, bytes) in files.iter().enumerate() {
        let path = format!("bank{i}.yaml");
        if let Some(bank) = read_bank(&path, bytes, &mut loaded.diagnostics) {
            loaded.banks.push(bank);
        }
        loaded.paths.push(path);
    }
    let report = check::check(&loaded);
    for d in &report.diagnostics {
        let i = loaded.paths.iter().position(|p| *p == d.path);
        let i = i.unwrap_or_else(|| panic!("a diagnostic names no file read: {d:?}"));
        assert!(d.line >= 1 && d.col >= 1, "{d:?}");
        assert!(
            d.line <= line_count(files[i]),
            "past the end of the file: {d:?}"
        );
        assert!(!d.message.trim().is_empty(), "{d:?}");
    }
    for format in [Format::Human, Format::Json, Format::Github] {
        for color in [false, true] {
            assert!(!format.renderer(color).render(&report).is_empty());
        }
    }
}

/// The YAML writer: a bank that loads with no problem is written by
/// `formats::to_yaml` into YAML that loads with no problem and the same rule
/// findings, and holds the same bank, field by field.
pub fn yaml_writer(data: &[u8]) {
    let mut diags = Vec::new();
    let Some(bank) = read_bank("fuzz.yaml", data, &mut diags) else {
        return;
    };
    if !diags.is_empty() {
        return;
    }
    let back = written_and_read_back(&bank);
    let codes = |b: &Bank| {
        let mut codes: Vec<&str> = rules::run(std::slice::from_ref(b))
            .iter()
            .map(|d| d.code)
            .collect();
        codes.sort_unstable();
        codes
    };
    assert_eq!(codes(&bank), codes(&back), "the rules find other things");
}

/// An importer: on any bytes it gives a bank or an error at a real line, never a
/// panic; and whatever it accepts passes `quiz check` once written as YAML (but for
/// the `answer: []` of a question the source gives no answer to, which `quiz import`
/// reports), and reads back equal field by field; and `quiz import`'s conversion
/// (`formats::convert_bytes`) writes that very bank. A new format's target is a
/// call of this.
pub fn importer(kind: Kind, data: &[u8]) {
    let path = format!("fuzz.{}", kind.extension());
    let imported = match formats::import_bytes(kind, &path, data) {
        Ok(imported) => imported,
        Err(failed) => {
            let d = &failed.error;
            assert!(d.is_error(), "{d:?}");
            assert!(d.line >= 1 && d.col >= 1, "{d:?}");
            assert!(!d.message.trim().is_empty(), "{d:?}");
            for w in &failed.warnings {
                assert!(w.line >= 1 && w.col >= 1, "{w:?}");
            }
            return;
        }
    };
    for w in &imported.warnings {
        assert!(w.line >= 1 && w.col >= 1, "{w:?}");
    }
    passes_check(&imported.bank, "the imported bank");
    passes_check(&written_and_read_back(&imported.bank), "the written bank");
    // `quiz import`'s path, which writes each question as it comes, writes the
    // same bank with the same findings.
    match formats::convert_bytes(kind, &path, data) {
        Ok(converted) => {
            assert!(!converted.full, "a fuzz input fills a bank file");
            assert_eq!(converted.yaml, formats::to_yaml(&imported.bank));
            assert_eq!(converted.questions, imported.bank.questions.len());
            assert_eq!(converted.warnings, imported.warnings);
            assert_eq!(converted.unanswered, imported.unanswered);
        }
        Err(failed) => panic!("imported, but not converted: {:?}", failed.error),
    }
}

/// `quiz check` finds no error in `bank`, but `invalid-answer` on an empty answer.
fn passes_check(bank: &Bank, what: &str) {
    let unanswered: Vec<Pos> = bank
        .questions
        .iter()
        .filter_map(|q| q.choices())
        .filter(|c| c.answer.value.is_empty())
        .map(|c| c.answer.pos)
        .collect();
    let errors: Vec<_> = rules::run(std::slice::from_ref(bank))
        .into_iter()
        .filter(|d| d.is_error())
        .filter(|d| !(d.code == "invalid-answer" && unanswered.contains(&d.pos())))
        .collect();
    assert!(errors.is_empty(), "{what} fails check: {errors:?}");
}

/// `quiz new`'s append to an existing file of any bytes: a clean refusal, or the
/// old bytes followed by the new question, which loads as drafted, with every
/// question already there read as before. The draft is one of a few, picked by
/// the input's length.
pub fn append(data: &[u8]) {
    let drafts = drafts();
    let draft = &drafts[data.len() % drafts.len()];
    match author::append_bytes(Path::new("fuzz.yaml"), data, draft) {
        Ok(new) => {
            assert!(new.starts_with(data), "the old bytes changed");
            let mut diags = Vec::new();
            let bank = read_bank("fuzz.yaml", &new, &mut diags);
            let bank = bank.unwrap_or_else(|| panic!("the new file does not load: {diags:?}"));
            let (last, before) = bank.questions.split_last().expect("the new question");
            assert_eq!(last.id.value, draft.id);
            assert_eq!(last.question.value, draft.question);
            let old = read_bank("fuzz.yaml", data, &mut Vec::new());
            let old = old.map_or_else(Vec::new, |b| b.questions);
            let fields_of = |qs: &[Question]| qs.iter().map(fields).collect::<Vec<_>>();
            assert_eq!(
                fields_of(&old),
                fields_of(before),
                "a question already there changed"
            );
        }
        Err(e @ (AuthorError::Unverified { .. } | AuthorError::Invalid(_))) => {
            panic!("a bug, not a refusal: {e}")
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// Answer-line parsing, against a plain reading of its rule: letters (either case)
/// separated by spaces or commas or not at all (which of them are choices is the
/// flow's to say).
pub fn answer_line(data: &[u8]) {
    let Ok(line) = std::str::from_utf8(data) else {
        return;
    };
    let mut expected: Option<Vec<usize>> = Some(Vec::new());
    for c in line.chars() {
        if c.is_whitespace() || c == ',' {
            continue;
        }
        match (letter_index(&c.to_string()), expected.as_mut()) {
            (Some(i), Some(picked)) if !picked.contains(&i) => picked.push(i),
            (Some(_), _) => {}
            (None, _) => expected = None,
        }
    }
    if let Some(picked) = expected.as_mut() {
        picked.sort_unstable();
    }
    match parse_letters(line) {
        Ok(picked) => assert_eq!(Some(picked), expected, "{line:?}"),
        Err(message) => {
            assert_eq!(expected, None, "{line:?}: {message}");
            assert!(!message.is_empty());
            // What was typed is shown in the message, never sent.
            assert!(!message.chars().any(quiz::safe::is_unsafe), "{message:?}");
        }
    }
}

/// Duration parsing, against a plain reading of its rule: numbers each followed by
/// `h`, `m` or `s`, adding up to more than zero seconds and fitting in 64 bits.
pub fn duration(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut total: Option<u128> = Some(0);
    let mut digits = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => 0,
        };
        let n = digits.parse::<u64>().ok().map(u128::from);
        total = total
            .zip(n)
            .filter(|_| unit > 0)
            .map(|(t, n)| t + n * unit)
            .filter(|&t| t <= u128::from(u64::MAX));
        digits.clear();
    }
    let expected = total.filter(|&t| t > 0 && digits.is_empty());
    match parse_duration(text) {
        Ok(d) => {
            assert_eq!(Some(u128::from(d.as_secs())), expected, "{text:?}");
            assert!(format_left(d).contains(':'));
        }
        Err(message) => {
            assert_eq!(expected, None, "{text:?}: {message}");
            assert!(!message.is_empty());
        }
    }
}

/// `bank` written by `to_yaml` and read back: it must load with no problem and
/// hold the same bank.
fn written_and_read_back(bank: &Bank) -> Bank {
    let yaml = formats::to_yaml(bank);
    let mut diags = Vec::new();
    let back = read_bank(&bank.path, yaml.as_bytes(), &mut diags);
    assert!(
        diags.is_empty(),
        "the written YAML has problems: {diags:?}\n{yaml}"
    );
    let back = back.unwrap_or_else(|| panic!("the written YAML does not load:\n{yaml}"));
    assert_eq!(
        bank.title.as_ref().map(|t| &t.value),
        back.title.as_ref().map(|t| &t.value),
        "title\n{yaml}"
    );
    assert_eq!(bank.questions.len(), back.questions.len(), "{yaml}");
    for (a, b) in bank.questions.iter().zip(&back.questions) {
        assert_eq!(fields(a), fields(b), "\n{yaml}");
    }
    back
}

/// Every field of a question that a file can hold, without positions.
fn fields(q: &Question) -> String {
    let text = |s: &Option<quiz::bank::Spanned<String>>| s.as_ref().map(|s| s.value.clone());
    // The importers make choice questions only.
    let Some(c) = q.choices() else {
        return format!("{} question {:?}", q.kind().name(), q.id.value);
    };
    let choices: Vec<_> = c
        .choices
        .value
        .iter()
        .map(|c| (&c.text.value, text(&c.why), c.pin))
        .collect();
    // The writer spells a letter as a capital, as `check` reads it.
    let answer: Vec<String> = c
        .answer
        .value
        .iter()
        .map(|l| match letter_index(&l.value) {
            Some(i) if i < 26 => letter(i).to_string(),
            _ => l.value.clone(),
        })
        .collect();
    let references: Vec<_> = q
        .references
        .iter()
        .map(|r| {
            let target = match &r.target {
                Target::Rfc { number, section } => {
                    format!("rfc {:?} section {:?}", number.value, text(section))
                }
                Target::Url(url) => format!("url {:?}", url.value),
            };
            (target, text(&r.title))
        })
        .collect();
    let words = |w: &[quiz::bank::Spanned<String>]| w.iter().map(|s| s.value.clone()).collect();
    let tags: Vec<String> = words(&q.tags);
    let allow: Vec<String> = words(&q.allow);
    format!(
        "id {:?}\nquestion {:?}\nexhibit {:?}\nmulti {} shuffle {}\nchoices {choices:?}\nanswer {answer:?}\nexplanation {:?}\nreferences {references:?}\ntags {tags:?}\nallow {allow:?}",
        q.id.value,
        q.question.value,
        text(&q.exhibit),
        c.multi,
        c.shuffle,
        text(&q.explanation),
    )
}

/// The number of lines a diagnostic may point at: one more than the line breaks,
/// which in YAML are `\n`, `\r\n` and a lone `\r`.
fn line_count(bytes: &[u8]) -> u32 {
    let breaks = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count();
    u32::try_from(breaks + 1).unwrap_or(u32::MAX)
}

/// Drafts to append: plain; with a block explanation, references and tags; and
/// with text that YAML would misread unquoted.
fn drafts() -> [Draft; 3] {
    let plain = Draft {
        id: "fuzz-new".to_owned(),
        question: "Which message carries the chosen suite?".to_owned(),
        choices: vec!["ClientHello".to_owned(), "ServerHello".to_owned()],
        correct: vec![1],
        ..Draft::default()
    };
    let full = Draft {
        id: "fuzz-full".to_owned(),
        explanation: Some("The ServerHello carries\none suite.\n".to_owned()),
        references: vec![
            DraftReference::Rfc {
                number: 5246,
                section: Some("7.4.1.3".to_owned()),
                title: Some("Server Hello".to_owned()),
            },
            DraftReference::Url {
                url: "https://www.rfc-editor.org/rfc/rfc8446".to_owned(),
                title: None,
            },
        ],
        tags: vec!["tls".to_owned(), "hand shake".to_owned()],
        ..plain.clone()
    };
    let nasty = Draft {
        id: "fuzz.nasty_2".to_owned(),
        question: "Is `- x: y # z` \"quoted\"?\n\tOr not?".to_owned(),
        choices: vec!["yes".to_owned(), "~".to_owned(), "[a, b]".to_owned()],
        correct: vec![0, 2],
        ..plain.clone()
    };
    [plain, full, nasty]
}

/// The terminal-safe text functions (`quiz::safe`), on any text (the bytes read
/// as UTF-8, invalid sequences replaced): what `text` gives holds no control
/// character but the line feed, no tab and no bidirectional override; what `line`
/// gives holds no line feed either; text with nothing to change comes back as it
/// was; `link` makes a link only of a plain web address; and `json` writes no
/// such character either.
pub fn safe(data: &[u8]) {
    use quiz::safe;
    let input = String::from_utf8_lossy(data);
    let text = safe::text(&input);
    let line = safe::line(&input);
    for (name, out) in [("text", &text), ("line", &line)] {
        if let Some(c) = out
            .chars()
            .find(|&c| safe::is_unsafe(c) || c == '\t' || (c.is_control() && c != '\n'))
        {
            panic!("safe::{name} lets {c:?} through: {input:?} gave {out:?}");
        }
    }
    assert!(
        !line.contains('\n'),
        "safe::line keeps a line feed: {input:?}"
    );
    assert_eq!(
        text.lines().count(),
        input.lines().count(),
        "safe::text changed the lines of {input:?}"
    );
    if !input.chars().any(|c| safe::is_unsafe(c) || c == '\t') {
        assert_eq!(text, input, "safe::text changed plain text");
    }
    if let Some(link) = safe::link(&input) {
        assert_eq!(link, input);
        assert!(
            !input
                .chars()
                .any(|c| safe::is_unsafe(c) || c.is_whitespace()),
            "safe::link makes a link of {input:?}"
        );
        // Schemes are case-insensitive: `HTTPS://` is a web address too.
        let lower = input.to_ascii_lowercase();
        assert!(
            lower.starts_with("http://") || lower.starts_with("https://"),
            "{input:?}"
        );
    }
    let json = safe::json(input.as_ref());
    let json = String::from_utf8(json).expect("safe::json writes UTF-8");
    assert!(
        !json
            .trim_end()
            .chars()
            .any(|c| safe::is_unsafe(c) || c.is_control()),
        "safe::json lets a control through: {json:?}"
    );
}
