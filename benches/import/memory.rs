//! Peak memory of `quiz import` on the inputs that once took over a gigabyte: each
//! import runs in a child process, and the kernel's account of its peak resident
//! set (`ru_maxrss` from `wait4`) is the figure. That account also counts the
//! spawning process's own peak (the child shares its memory until `exec`), so
//! this part runs first, and writes its inputs to files as streams, keeping the
//! bench itself at a few megabytes.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// An input written to a file: its path, and the bytes quiz reads of it.
type Input = (std::path::PathBuf, u64);

/// Writes an input into a folder.
type Make = fn(&Path) -> Input;

/// The goal: peak ≤ 10 × bytes read + 64 MB.
const PER_BYTE: u64 = 10;
const OVERHEAD: u64 = 64 * 1000 * 1000;

/// 500,000 rows of `Q n?,an,bn,A`: 13.7 MB.
fn csv(dir: &Path) -> Input {
    let path = dir.join("rows.csv");
    let mut out = Counted::create(&path);
    let _ = out.write_all(b"question,A,B,answer\n");
    for i in 0..500_000 {
        let _ = writeln!(out, "Q {i}?,a{i},b{i},A");
    }
    (path, out.finish())
}

/// Moodle XML questions up to 60 MB.
fn moodle_xml(dir: &Path) -> Input {
    let path = dir.join("questions.xml");
    let mut out = Counted::create(&path);
    let _ = out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut i = 0;
    while out.bytes < 60_000_000 {
        let _ = write!(
            out,
            "<question type=\"multichoice\">
  <name><text>Question {i}</text></name>
  <questiontext format=\"html\"><text><![CDATA[<p>Which of these is the right answer to question {i}?</p>]]></text></questiontext>
  <generalfeedback format=\"html\"><text>Because it is.</text></generalfeedback>
  <single>true</single>
  <shuffleanswers>true</shuffleanswers>
  <answer fraction=\"100\" format=\"html\"><text>right {i}</text><feedback format=\"html\"><text>Yes.</text></feedback></answer>
  <answer fraction=\"0\" format=\"html\"><text>wrong {i}</text><feedback format=\"html\"><text>No.</text></feedback></answer>
</question>
"
        );
        i += 1;
    }
    let _ = out.write_all(b"</quiz>\n");
    (path, out.finish())
}

/// The size of the large line-format inputs: about 100 MB each.
const LARGE: u64 = 100_000_000;

/// Writes `question(i)` for i = 0, 1, … until the file holds `bytes` (or
/// `count` questions, when given), after `head`.
fn questions(path: &Path, head: &str, until: Until, question: impl Fn(usize) -> String) -> Input {
    let mut out = Counted::create(path);
    let _ = out.write_all(head.as_bytes());
    let mut i = 0;
    while match until {
        Until::Bytes(bytes) => out.bytes < bytes,
        Until::Count(count) => i < count,
    } {
        let _ = out.write_all(question(i).as_bytes());
        i += 1;
    }
    (path.to_owned(), out.finish())
}

#[derive(Clone, Copy)]
enum Until {
    Bytes(u64),
    Count(usize),
}

fn gift_question(i: usize) -> String {
    format!(
        "// [tag:bench]\n::q{i:08}::Which of these is the right answer to question {i:08}? {{\n  =right {i:08}#Yes.\n  ~wrong {i:08}#No.\n  ####Because it is.\n}}\n\n"
    )
}

/// GIFT: about 100 MB of small questions, blocks between blank lines.
fn gift(dir: &Path) -> Input {
    questions(
        &dir.join("large.gift"),
        "",
        Until::Bytes(LARGE),
        gift_question,
    )
}

/// CSV: 2,000,000 small rows.
fn csv_large(dir: &Path) -> Input {
    questions(
        &dir.join("large.csv"),
        "question,A,B,answer,explanation\n",
        Until::Count(2_000_000),
        |i| format!("Which is right for {i}?,right {i},wrong {i},A,Because it is.\n"),
    )
}

/// Aiken: about 100 MB.
fn aiken(dir: &Path) -> Input {
    questions(&dir.join("aiken.txt"), "", Until::Bytes(LARGE), |i| {
        format!(
            "Which of these is the right answer to question {i}?\nA. right {i}\nB. wrong {i}\nANSWER: A\n\n"
        )
    })
}

/// Exam-dump text: about 100 MB of pages.
fn text(dir: &Path) -> Input {
    questions(&dir.join("dump.txt"), "", Until::Bytes(LARGE), |i| {
        format!(
            "QUESTION {i}\nWhich of these is the right answer to question {i}?\nA. right {i}\nB. wrong {i}\nCorrect Answer: A\nExplanation:\nBecause it is.\n\n"
        )
    })
}

/// GIFT whose bank comes to just under `quiz check`'s 16 MiB: imported whole.
/// Every question takes the same room in quiz's format (the numbers have eight
/// digits), measured on a sample.
fn gift_under_the_limit(dir: &Path) -> Input {
    let sample = |n: usize| -> usize {
        let text: String = (0..n).map(gift_question).collect();
        quiz::formats::convert_bytes(quiz::formats::Kind::Gift, "large.gift", text.as_bytes())
            .map_or(0, |c| c.yaml.len())
    };
    let each = (sample(200) - sample(100)) / 100;
    let room = quiz::bank::MAX_FILE_BYTES as usize - sample(1) - 64 * 1024;
    questions(
        &dir.join("large.gift"),
        "",
        Until::Count(1 + room / each),
        gift_question,
    )
}

/// `text` written to `path`.
fn written(path: &Path, text: &str) -> Input {
    std::fs::write(path, text).expect("write the input");
    (path.to_owned(), text.len() as u64)
}

/// Words up to `bytes`: one long question's text.
fn words(bytes: usize) -> String {
    "word ".repeat(bytes / 5)
}

/// GIFT: one question just under the 1 MiB a paragraph may take, which is
/// imported: what one question can cost GIFT, whose reader holds each character
/// with its place.
fn gift_one_question(dir: &Path) -> Input {
    let text = format!(
        "::long::Which? {} {{=yes ~no}}\n",
        words(quiz::formats::MAX_QUESTION_BYTES - 100)
    );
    written(&dir.join("one.gift"), &text)
}

/// CSV: one row just under the 4 MiB a question may take in the file of the other
/// line formats (skipped: over 1 MiB in quiz's format).
fn csv_one_row(dir: &Path) -> Input {
    let text = format!(
        "question,A,B,answer\n\"{}\",yes,no,A\nLast?,yes,no,A\n",
        words(4 * 1024 * 1024 - 100)
    );
    written(&dir.join("one.csv"), &text)
}

/// Lines of words, just under the 4 MiB a question of the line formats but GIFT
/// may take in the file.
fn long_stem() -> String {
    let line = words(1000) + "\n";
    line.repeat((4 * 1024 * 1024 - 200) / line.len())
}

/// Aiken: one question of 4 MiB in lines (skipped, as for CSV).
fn aiken_one_question(dir: &Path) -> Input {
    let text = format!(
        "Which?\n{}A. yes\nB. no\nANSWER: A\n\nLast?\nA. yes\nB. no\nANSWER: A\n",
        long_stem()
    );
    written(&dir.join("one.txt"), &text)
}

/// Exam-dump text: one question of 4 MiB in lines (skipped, as for CSV).
fn text_one_question(dir: &Path) -> Input {
    let text = format!(
        "QUESTION 1\n{}A. yes\nB. no\nAnswer: A\n\nQUESTION 2\nLast?\nA. yes\nB. no\nAnswer: A\n",
        long_stem()
    );
    written(&dir.join("one.text"), &text)
}

/// A file written through a buffer, counting its bytes.
struct Counted {
    out: BufWriter<std::fs::File>,
    bytes: u64,
}

impl Counted {
    fn create(path: &Path) -> Counted {
        let file = std::fs::File::create(path).expect("create the input");
        Counted {
            out: BufWriter::new(file),
            bytes: 0,
        }
    }

    fn finish(mut self) -> u64 {
        self.out.flush().expect("write the input");
        self.bytes
    }
}

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A QTI package whose one item is 240 MB of `<b/>`: about 234 KB packed. What
/// quiz reads of it is the zip and the unpacked bytes it looks at before it stops.
fn qti_bomb(dir: &Path) -> Input {
    let path = dir.join("bomb.zip");
    let manifest = "<?xml version=\"1.0\"?><manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"m\"><resources><resource identifier=\"r\" type=\"imsqti_item_xmlv2p1\" href=\"item.xml\"><file href=\"item.xml\"/></resource></resources></manifest>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(true);
    zip.start_file("imsmanifest.xml", options).expect("entry");
    zip.write_all(manifest.as_bytes()).expect("write");
    zip.start_file("item.xml", options).expect("entry");
    zip.write_all(b"<?xml version=\"1.0\"?><assessmentItem><itemBody><div>")
        .expect("write");
    let chunk = b"<b/>".repeat(25_000);
    for _ in 0..2400 {
        zip.write_all(&chunk).expect("write");
    }
    zip.write_all(b"</div></itemBody></assessmentItem>")
        .expect("write");
    let bytes = zip.finish().expect("the zip").into_inner();
    std::fs::write(&path, &bytes).expect("write the zip");
    // Unpacked: the manifest, and at most the package-file limit of the item.
    let read = bytes.len() as u64 + manifest.len() as u64 + quiz::formats::MAX_PACKAGE_FILE + 1;
    (path, read)
}

/// `quiz import FILE -o OUT`'s peak resident memory in bytes, how it ended, and
/// how long it took.
fn peak(file: &Path, out: &Path) -> (u64, i32, std::time::Duration) {
    let started = std::time::Instant::now();
    // Waited for with wait4 below, which std's Child cannot do.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(env!("CARGO_BIN_EXE_quiz"))
        .arg("import")
        .arg(file)
        .arg("-o")
        .arg(out)
        .arg("--force")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run quiz import");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is valid; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet waited for; the pointers are valid.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(rc, pid, "wait4: {}", std::io::Error::last_os_error());
    // Linux reports kilobytes.
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (usage.ru_maxrss as u64 * 1024, code, started.elapsed())
}

/// What a peak is held to.
#[derive(Clone, Copy)]
enum Goal {
    /// The issue's: 10 × the bytes read + 64 MB.
    PerByte,
    /// A stream's: 64 MB + twice the 16 MiB a bank may take (its text, and the
    /// room it grows into), whatever the file's size.
    Held,
}

pub fn report() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("out.yaml");
    let inputs: [(&str, Make, Goal); 12] = [
        ("CSV, 500,000 rows", csv, Goal::PerByte),
        ("Moodle XML, 60 MB", moodle_xml, Goal::PerByte),
        ("QTI zip of 240 MB of <b/>", qti_bomb, Goal::PerByte),
        ("GIFT, 100 MB of small questions", gift, Goal::Held),
        ("CSV, 2,000,000 rows", csv_large, Goal::Held),
        ("Aiken, 100 MB", aiken, Goal::Held),
        ("exam-dump text, 100 MB", text, Goal::Held),
        (
            "GIFT, a bank just under 16 MiB",
            gift_under_the_limit,
            Goal::Held,
        ),
        (
            "GIFT, one question of 1 MiB",
            gift_one_question,
            Goal::PerByte,
        ),
        ("CSV, one row of 4 MiB", csv_one_row, Goal::PerByte),
        (
            "Aiken, one question of 4 MiB",
            aiken_one_question,
            Goal::PerByte,
        ),
        (
            "exam-dump text, one question of 4 MiB",
            text_one_question,
            Goal::PerByte,
        ),
    ];
    println!(
        "\nPeak memory of `quiz import` (goal: at most {PER_BYTE} × the file's bytes + 64 MB; for the line formats' large files, 64 MB + 2 × 16 MiB whatever their size):"
    );
    let only = std::env::var("IMPORT_BENCH_ONLY").unwrap_or_default();
    for (name, make, goal) in inputs {
        if !name.to_lowercase().contains(&only.to_lowercase()) {
            continue;
        }
        let (file, read) = make(dir.path());
        let (peak, code, took) = peak(&file, &out);
        let goal = match goal {
            Goal::PerByte => PER_BYTE * read + OVERHEAD,
            Goal::Held => OVERHEAD + 2 * quiz::bank::MAX_FILE_BYTES,
        };
        let verdict = if peak <= goal { "ok" } else { "OVER THE GOAL" };
        println!(
            "{name}: {:.1} MB, peak {:.1} MB (goal {:.1} MB: {verdict}), exit {code}, {:.1} s",
            read as f64 / 1e6,
            peak as f64 / 1e6,
            goal as f64 / 1e6,
            took.as_secs_f64(),
        );
        let _ = std::fs::remove_file(&file);
    }
}
