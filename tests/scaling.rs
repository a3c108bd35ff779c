//! Scaling: no input makes quiz quadratic. Each test builds one shape of input at
//! two sizes ten times apart and requires the larger to take less than 20 times as
//! long as the smaller (linear work takes about 10 times; quadratic, 100).
//!
//! A test on ratios, not on absolute time: it holds on a slow machine and in a
//! debug build. The time is this thread's CPU time (other processes on a busy
//! machine do not count; loading and checking run on this thread alone), the best
//! of three runs, and the tests take turns so that they do not slow one another
//! through the shared caches.

#![cfg(unix)]

use quiz::bank::{Loaded, load_paths, read_bank};
use quiz::check;
use quiz::formats::{Kind, export, import_bytes};
use std::sync::Mutex;
use std::time::Duration;

/// How many times longer the larger input may take.
const LIMIT: f64 = 20.0;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    assert_eq!(status, 0, "clock_gettime");
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The least CPU time of three runs of `work` on `input`.
fn best_of_three<T>(input: &T, work: &impl Fn(&T)) -> Duration {
    (0..3)
        .map(|_| {
            let start = thread_cpu_time();
            work(input);
            thread_cpu_time().saturating_sub(start)
        })
        .min()
        .unwrap_or_default()
}

/// `work` on `make(small)` and on `make(10 * small)`: the second within [`LIMIT`]
/// times the first.
#[track_caller]
fn scales_linearly<T>(shape: &str, small: usize, make: impl Fn(usize) -> T, work: impl Fn(&T)) {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Loading and checking use several threads; on one, this thread's CPU time
    // sees all the work.
    quiz::parallel::set_threads(std::num::NonZeroUsize::MIN);
    let (a, b) = (make(small), make(10 * small));
    work(&a); // warm up: first allocations, lazy statics
    let (ta, tb) = (best_of_three(&a, &work), best_of_three(&b, &work));
    let ratio = tb.as_secs_f64() / ta.as_secs_f64().max(1e-9);
    let report = format!(
        "{shape}: {small} took {ta:?}, {} took {tb:?}: {ratio:.1} times as long for 10 times the input",
        10 * small
    );
    println!("{report}");
    assert!(ratio < LIMIT, "{report}");
}

// --- check ---------------------------------------------------------------------

fn question(i: usize, stem: &str) -> String {
    format!(
        "  - id: q{i}\n    question: {stem}\n    choices: [one {i}, two {i}, three {i}]\n    answer: B\n    explanation: Because.\n    references: [{{rfc: 5246, section: 7.4.1.{i}}}]\n    tags: [t{}]\n",
        i % 7
    )
}

fn bank_of(questions: impl Iterator<Item = String>) -> String {
    let mut text = String::from("title: T\nquestions:\n");
    questions.for_each(|q| text.push_str(&q));
    text
}

/// What `quiz check` does once the bytes are read: load, rules, report.
fn check_texts(files: &[(String, String)]) {
    let mut loaded = Loaded::default();
    for (path, text) in files {
        if let Some(bank) = read_bank(path, text.as_bytes(), &mut loaded.diagnostics) {
            loaded.banks.push(bank);
        }
        loaded.paths.push(path.clone());
    }
    checks_clean(&loaded);
}

fn checks_clean(loaded: &Loaded) {
    let report = check::check(loaded);
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics.first());
}

#[test]
fn check_many_questions_in_one_file() {
    scales_linearly(
        "questions in one file",
        200,
        |n| {
            let stems = (0..n).map(|i| question(i, &format!("Which is number {i}?")));
            vec![("bank.yaml".to_owned(), bank_of(stems))]
        },
        |files: &Vec<(String, String)>| check_texts(files),
    );
}

/// A folder of `n` files of five questions each.
fn files_of_five(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for f in 0..n {
        let questions = (0..5).map(|q| question(f * 5 + q, &format!("Question {f}.{q}?")));
        std::fs::write(dir.path().join(format!("b{f:05}.yaml")), bank_of(questions))
            .expect("write a bank");
    }
    dir
}

#[test]
fn check_many_files() {
    scales_linearly("files", 40, files_of_five, |dir: &tempfile::TempDir| {
        checks_clean(&load_paths(&[dir.path().to_owned()]).expect("load"));
    });
}

#[test]
fn check_many_files_as_quiz_check_reads_them() {
    scales_linearly(
        "files, read and checked one by one",
        40,
        files_of_five,
        |dir: &tempfile::TempDir| {
            let files = quiz::bank::bank_files(&[dir.path().to_owned()]).expect("list");
            let report = check::check_files(&files, &check::Config::default()).expect("check");
            assert_eq!(report.errors(), 0, "{:?}", report.diagnostics.first());
        },
    );
}

#[test]
fn check_long_lines() {
    scales_linearly(
        "a long stem, choice and explanation",
        20_000,
        |n| {
            let words = "Which handshake message carries the chosen suite ".repeat(n / 50);
            let text = format!(
                "questions:\n  - id: long\n    question: {words}?\n    choices: [\"{words}A\", \"{words}B\"]\n    answer: A\n    explanation: {words}\n    references: [{{rfc: 5246}}]\n"
            );
            vec![("long.yaml".to_owned(), text)]
        },
        |files: &Vec<(String, String)>| check_texts(files),
    );
}

// --- importers -------------------------------------------------------------------

fn imports(kind: Kind, text: &str) {
    imports_bytes(kind, text.as_bytes());
}

fn imports_bytes(kind: Kind, bytes: &[u8]) {
    let imported =
        import_bytes(kind, "in", bytes).unwrap_or_else(|f| panic!("{}", f.error.message));
    assert!(!imported.bank.questions.is_empty());
}

/// A bank of `n` questions written in `kind` by quiz's own exporter.
fn exported(kind: Kind, n: usize) -> Vec<u8> {
    let yaml = bank_of((0..n).map(|i| question(i, &format!("Which is number {i}?"))));
    let bank = read_bank("gen.yaml", yaml.as_bytes(), &mut Vec::new()).expect("a bank");
    export(kind, &[bank]).bytes
}

fn gift_question(title: &str, i: usize) -> String {
    format!("::{title}::Which is number {i}? {{=right {i} ~wrong {i} ~other {i}}}\n\n")
}

fn xml_question(name: &str, i: usize) -> String {
    format!(
        "<question type=\"multichoice\">\n<name><text>{name}</text></name>\n<questiontext format=\"html\"><text>Which is number {i}?</text></questiontext>\n<single>true</single>\n<answer fraction=\"100\"><text>right {i}</text></answer>\n<answer fraction=\"0\"><text>wrong {i}</text></answer>\n</question>\n"
    )
}

fn moodle_xml(questions: impl Iterator<Item = String>) -> String {
    let mut text = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    questions.for_each(|q| text.push_str(&q));
    text.push_str("</quiz>\n");
    text
}

#[test]
fn gift_with_distinct_titles() {
    scales_linearly(
        "GIFT, a title each",
        300,
        |n| {
            (0..n)
                .map(|i| gift_question(&format!("t{i}"), i))
                .collect::<String>()
        },
        |text: &String| imports(Kind::Gift, text),
    );
}

#[test]
fn gift_with_one_shared_title() {
    scales_linearly(
        "GIFT, one title shared",
        300,
        |n| (0..n).map(|i| gift_question("same", i)).collect::<String>(),
        |text: &String| imports(Kind::Gift, text),
    );
}

#[test]
fn gift_comment_line_with_many_id_marks() {
    scales_linearly(
        "GIFT, [id:] marks on one comment line",
        5_000,
        |n| format!("// {}\n{}", "[id:x] ".repeat(n), gift_question("t", 1)),
        |text: &String| imports(Kind::Gift, text),
    );
}

#[test]
fn aiken_questions() {
    scales_linearly(
        "Aiken",
        300,
        |n| {
            (0..n)
                .map(|i| format!("Which is number {i}?\nA. right {i}\nB. wrong {i}\nANSWER: A\n\n"))
                .collect::<String>()
        },
        |text: &String| imports(Kind::Aiken, text),
    );
}

#[test]
fn aiken_long_lines() {
    scales_linearly(
        "Aiken, long lines",
        20_000,
        |n| {
            let words = "which message carries the suite ".repeat(n / 32);
            format!("{words}?\nA. {words}1\nB. {words}2\nANSWER: A\n")
        },
        |text: &String| imports(Kind::Aiken, text),
    );
}

#[test]
fn moodle_xml_with_distinct_names() {
    scales_linearly(
        "Moodle XML, a name each",
        200,
        |n| moodle_xml((0..n).map(|i| xml_question(&format!("n{i}"), i))),
        |text: &String| imports(Kind::MoodleXml, text),
    );
}

#[test]
fn moodle_xml_with_one_shared_name() {
    scales_linearly(
        "Moodle XML, one name shared",
        200,
        |n| moodle_xml((0..n).map(|i| xml_question("same", i))),
        |text: &String| imports(Kind::MoodleXml, text),
    );
}

#[test]
fn moodle_xml_on_one_line() {
    scales_linearly(
        "Moodle XML on one line",
        200,
        |n| moodle_xml((0..n).map(|i| xml_question(&format!("n{i}"), i))).replace('\n', ""),
        |text: &String| imports(Kind::MoodleXml, text),
    );
}

#[test]
fn qti_items() {
    scales_linearly(
        "QTI package",
        100,
        |n| exported(Kind::Qti, n),
        |zip: &Vec<u8>| imports_bytes(Kind::Qti, zip),
    );
}

#[test]
fn csv_rows_with_one_shared_id() {
    scales_linearly(
        "CSV, one id shared",
        200,
        |n| {
            let csv = String::from_utf8(exported(Kind::Csv, n)).expect("UTF-8");
            let (header, rows) = csv.split_once('\n').expect("a header");
            let rows = rows.lines().map(|row| match row.split_once(',') {
                Some((_, rest)) => format!("same,{rest}\n"),
                None => format!("{row}\n"),
            });
            format!("{header}\n{}", rows.collect::<String>())
        },
        |text: &String| imports(Kind::Csv, text),
    );
}

#[test]
fn exam_dump_questions() {
    scales_linearly(
        "exam-dump text",
        200,
        |n| {
            (0..n)
                .map(|i| {
                    format!("QUESTION {i}\nWhich is number {i}?\n\nA. right {i}\nB. wrong {i}\n\nAnswer: A\n\n")
                })
                .collect::<String>()
        },
        |text: &String| imports(Kind::Text, text),
    );
}

/// Degenerate inputs, each built to make a naive reader quadratic: a run of one
/// token, nothing but labels, one huge answer block. Most are not questions at
/// all; an error is as good an answer as a bank, so long as it comes in linear time.
/// A shape: its name, the format it is read as, and how to make it at a size.
type Shape = (&'static str, Kind, fn(usize) -> String);

#[test]
fn degenerate_inputs() {
    let shapes: &[Shape] = &[
        ("GIFT, one block of escaped choices", Kind::Gift, |n| {
            format!("Q? {{{}}}", "~x\\{ ".repeat(n))
        }),
        ("GIFT, a run of `::`", Kind::Gift, |n| "::".repeat(n)),
        ("Aiken, stems only", Kind::Aiken, |n| "Q?\n".repeat(n)),
        ("Moodle XML, a run of `<a`", Kind::MoodleXml, |n| {
            format!(
                "<quiz><question type=\"multichoice\"><questiontext format=\"html\"><text>{}</text></questiontext></question></quiz>",
                "&lt;a".repeat(n)
            )
        }),
        ("exam dump, labels only", Kind::Text, |n| "A.\n".repeat(n)),
        (
            "exam dump, answers and explanations only",
            Kind::Text,
            |n| "Answer: A\nExplanation:\nA. x\n".repeat(n / 10),
        ),
        ("exam dump, one paragraph", Kind::Text, |n| {
            "word ".repeat(n)
        }),
        ("exam dump, page residue", Kind::Text, |n| {
            "Q?\n\nA. x\nB. y\nLeave a Reply\n".repeat(n / 10)
        }),
        ("CSV, multi-line stems", Kind::Csv, |n| {
            format!("question,A,B,answer\n{}", "\"q\n\",a,b,A\n".repeat(n / 10))
        }),
        ("QTI, deep nesting", Kind::Qti, |n| {
            format!(
                "<assessmentItem><itemBody>{}<choiceInteraction/>{}</itemBody></assessmentItem>",
                "<div>".repeat(n / 10),
                "</div>".repeat(n / 10)
            )
        }),
        ("QTI, a text entry deep in a sentence", Kind::Qti, |n| {
            format!(
                "<assessmentItem><responseDeclaration identifier=\"R\" baseType=\"string\"><correctResponse><value>a</value></correctResponse></responseDeclaration><itemBody><p>Say {}<textEntryInteraction responseIdentifier=\"R\"/>{}</p></itemBody></assessmentItem>",
                "<span>w ".repeat(n / 10),
                "</span>".repeat(n / 10)
            )
        }),
        ("QTI, an order of many choices", Kind::Qti, |n| {
            let ids = 0..n / 40;
            format!(
                "<assessmentItem><responseDeclaration identifier=\"R\" cardinality=\"ordered\"><correctResponse>{}</correctResponse></responseDeclaration><itemBody><orderInteraction responseIdentifier=\"R\">{}</orderInteraction></itemBody></assessmentItem>",
                ids.clone()
                    .rev()
                    .map(|i| format!("<value>c{i}</value>"))
                    .collect::<String>(),
                ids.map(|i| format!("<simpleChoice identifier=\"c{i}\">x</simpleChoice>"))
                    .collect::<String>()
            )
        }),
        ("QTI, a match of many pairs", Kind::Qti, |n| {
            let ids = 0..n / 60;
            let set = |p: char| {
                ids.clone()
                    .map(|i| format!("<simpleAssociableChoice identifier=\"{p}{i}\">x</simpleAssociableChoice>"))
                    .collect::<String>()
            };
            format!(
                "<assessmentItem><responseDeclaration identifier=\"R\" baseType=\"directedPair\"><correctResponse>{}</correctResponse></responseDeclaration><itemBody><matchInteraction responseIdentifier=\"R\"><simpleMatchSet>{}</simpleMatchSet><simpleMatchSet>{}</simpleMatchSet></matchInteraction></itemBody></assessmentItem>",
                ids.clone()
                    .map(|i| format!("<value>p0 r{i}</value>"))
                    .collect::<String>(),
                set('p'),
                set('r')
            )
        }),
        ("QTI, a text of many answers", Kind::Qti, |n| {
            let ids = 0..n / 60;
            format!(
                "<assessmentItem><responseDeclaration identifier=\"R\" baseType=\"string\"><correctResponse>{}</correctResponse><mapping>{}</mapping></responseDeclaration><itemBody><p>Say <textEntryInteraction responseIdentifier=\"R\"/></p></itemBody></assessmentItem>",
                ids.clone()
                    .map(|i| format!("<value>v{i}</value>"))
                    .collect::<String>(),
                ids.map(|i| format!("<mapEntry mapKey=\"k{i}\" mappedValue=\"1\"/>"))
                    .collect::<String>()
            )
        }),
    ];
    for (shape, kind, make) in shapes {
        scales_linearly(shape, 10_000, make, |text: &String| {
            let _ = import_bytes(*kind, "in", text.as_bytes());
        });
    }
}
