//! Lines of an imported file: read from a stream one at a time (the line formats
//! hold no more of the file than the question they are reading), and byte offsets
//! turned into lines and columns (the XML formats, which read the file whole), both
//! in time linear in the file.

use super::build::Builder;
use super::collect::MAX_QUESTION_BYTES;
use crate::diagnostic::{Diagnostic, Pos};
use std::io::BufRead;

/// The most text one question of a line format (GIFT, Aiken, CSV, exam-dump text)
/// may take in the file, four times what it may take in quiz's format
/// ([`MAX_QUESTION_BYTES`]). What the formats strip (markup, comments, page
/// residue) is rarely more than the text kept, so a question this long is a file
/// gone wrong (a quote left open, a blank line missing between every question) or
/// hostile: it is not read, and the memory a question costs stays bounded.
pub(super) const MAX_HELD: usize = 4 * MAX_QUESTION_BYTES;

/// Where lines end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ends {
    /// At `\n`, `\r\n` and a lone `\r`: Moodle reads a file whose lines end in a
    /// bare `\r` (old Mac OS) line by line too, for GIFT and Aiken alike. An empty
    /// file is one empty line.
    AnyBreak,
    /// At `\n`, a `\r` before it dropped, as [`str::lines`] splits: an empty file
    /// has no lines.
    Newline,
}

/// Why a line could not be read.
#[derive(Debug)]
pub(super) enum Unread {
    /// Line `n` is longer than [`MAX_HELD`]: it was read through, not kept.
    TooLong(u32),
    /// The file is not UTF-8 at this place.
    NotUtf8(Pos),
    /// Reading failed after line `n - 1`.
    Io(u32, std::io::Error),
}

impl Unread {
    /// The import error that stops the reading here.
    pub fn error(&self, b: &Builder) -> Diagnostic {
        match self {
            Unread::TooLong(n) => b.error(
                Pos::new(*n, 1),
                format!(
                    "this line is longer than {} MiB, more than any question quiz takes; quiz stops here (is this the right file?)",
                    MAX_HELD / (1024 * 1024)
                ),
            ),
            Unread::NotUtf8(pos) => b.error(
                *pos,
                "the file is not valid UTF-8; save it as UTF-8 and try again",
            ),
            Unread::Io(n, e) => b.error(
                Pos::new(*n, 1),
                format!("the file could not be read past this point: {e}"),
            ),
        }
    }
}

/// The lines of a stream with their 1-based numbers, one at a time: only the line
/// being read is held, and a leading byte-order mark is dropped. A line is checked
/// as UTF-8 on its own, which is the same as checking the file (a line break is
/// never part of a longer character).
pub(super) struct Lines<'r> {
    input: &'r mut dyn BufRead,
    ends: Ends,
    line: Vec<u8>,
    /// The number of the line read last.
    n: u32,
    /// The last line ended in `\r`: a `\n` right after it belongs to that ending.
    after_cr: bool,
    done: bool,
}

impl<'r> Lines<'r> {
    pub fn new(input: &'r mut dyn BufRead, ends: Ends) -> Self {
        Lines {
            input,
            ends,
            line: Vec::new(),
            n: 0,
            after_cr: false,
            done: false,
        }
    }

    /// The next line and its number; None at the end of the file. After an
    /// [`Unread::TooLong`], reading goes on with the line after it.
    pub fn next(&mut self) -> Result<Option<(u32, &str)>, Unread> {
        if self.done {
            return Ok(None);
        }
        self.line.clear();
        let mut too_long = false;
        let ended = loop {
            let buf = match self.input.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.done = true;
                    return Err(Unread::Io(self.n.saturating_add(1), e));
                }
            };
            if buf.is_empty() {
                break false;
            }
            if self.after_cr {
                self.after_cr = false;
                if buf[0] == b'\n' {
                    self.input.consume(1);
                    continue;
                }
            }
            let at = match self.ends {
                Ends::AnyBreak => buf.iter().position(|&b| b == b'\n' || b == b'\r'),
                Ends::Newline => buf.iter().position(|&b| b == b'\n'),
            };
            let part = &buf[..at.unwrap_or(buf.len())];
            if too_long || self.line.len() + part.len() > MAX_HELD {
                too_long = true;
                self.line.clear();
            } else {
                self.line.extend_from_slice(part);
            }
            match at {
                Some(i) => {
                    self.after_cr = buf[i] == b'\r';
                    self.input.consume(i + 1);
                    break true;
                }
                None => {
                    let len = buf.len();
                    self.input.consume(len);
                }
            }
        };
        self.n = self.n.saturating_add(1);
        if !ended {
            self.done = true;
            let last_is_empty = self.line.is_empty() && !too_long;
            let kept = match self.ends {
                Ends::AnyBreak => !last_is_empty || self.n == 1,
                Ends::Newline => !last_is_empty,
            };
            if !kept {
                return Ok(None);
            }
        }
        if too_long {
            return Err(Unread::TooLong(self.n));
        }
        if ended && self.ends == Ends::Newline && self.line.last() == Some(&b'\r') {
            self.line.pop();
        }
        let bom = if self.n == 1 && self.line.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        match std::str::from_utf8(&self.line[bom..]) {
            Ok(text) => Ok(Some((self.n, text))),
            Err(e) => {
                let good = &self.line[bom..bom + e.valid_up_to()];
                let col = String::from_utf8_lossy(good).chars().count() + 1;
                Err(Unread::NotUtf8(Pos::new(
                    self.n,
                    u32::try_from(col).unwrap_or(u32::MAX),
                )))
            }
        }
    }
}

/// The text read since the last question was handed to the builder: what a parser
/// that reads line by line may be holding for the question it is reading. Past
/// [`MAX_HELD`], the reading stops with an error where that text began.
#[derive(Debug, Default)]
pub(super) struct Held {
    /// How many questions the builder had seen when counting began.
    seen: usize,
    bytes: usize,
    from: u32,
}

impl Held {
    /// Counts line `n`, of `len` bytes.
    pub fn line(&mut self, b: &Builder, n: u32, len: usize) -> Result<(), Diagnostic> {
        if b.seen() != self.seen || self.from == 0 {
            self.seen = b.seen();
            self.bytes = 0;
            self.from = n;
        }
        self.bytes += len + 1;
        if self.bytes > MAX_HELD {
            return Err(b.error(
                Pos::new(self.from, 1),
                format!(
                    "the question that starts here runs on past line {n}, over {} MiB, more than any question quiz takes; quiz stops here (is a line that ends it missing?)",
                    MAX_HELD / (1024 * 1024)
                ),
            ));
        }
        Ok(())
    }
}

/// Where each line starts, and how many characters come before every block of bytes,
/// so that a byte offset becomes a line and column in O(log n + 64) however long the
/// line (roxmltree's own `text_pos_at` scans from the start of the file every time).
pub(super) struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
    /// Characters before byte `k * BLOCK`.
    chars_before: Vec<usize>,
}

const BLOCK: usize = 64;

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let bytes = text.as_bytes();
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before.push(count);
            count += block.iter().filter(|&&b| !is_continuation(b)).count();
        }
        chars_before.push(count);
        LineIndex {
            text,
            starts,
            chars_before,
        }
    }

    /// Characters in the text before byte `at`.
    fn chars_to(&self, at: usize) -> usize {
        let at = at.min(self.text.len());
        let block = at / BLOCK;
        let from = block * BLOCK;
        let base = self.chars_before.get(block).copied().unwrap_or(0);
        base + self.text.as_bytes()[from..at]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count()
    }

    /// The line and column of byte `at`.
    pub fn pos(&self, at: usize) -> Pos {
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts[line - 1];
        let col = self.chars_to(at).saturating_sub(self.chars_to(start));
        Pos::new(
            u32::try_from(line).unwrap_or(u32::MAX),
            u32::try_from(col + 1).unwrap_or(u32::MAX),
        )
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &[u8], ends: Ends) -> Vec<Result<(u32, String), String>> {
        let mut input = text;
        let mut lines = Lines::new(&mut input, ends);
        let mut out = Vec::new();
        loop {
            match lines.next() {
                Ok(Some((n, line))) => out.push(Ok((n, line.to_owned()))),
                Ok(None) => return out,
                Err(e) => out.push(Err(format!("{e:?}"))),
            }
        }
    }

    fn ok(lines: &[(u32, &str)]) -> Vec<Result<(u32, String), String>> {
        lines.iter().map(|&(n, l)| Ok((n, l.to_owned()))).collect()
    }

    #[test]
    fn every_line_ending_splits() {
        assert_eq!(
            all(b"a\nb\r\nc\rd\r\re", Ends::AnyBreak),
            ok(&[(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, ""), (6, "e")])
        );
        assert_eq!(all(b"a\n", Ends::AnyBreak), ok(&[(1, "a")]));
        assert_eq!(all(b"", Ends::AnyBreak), ok(&[(1, "")]));
        assert_eq!(all(b"\xef\xbb\xbfa\r", Ends::AnyBreak), ok(&[(1, "a")]));
    }

    /// Exam-dump text is split as `str::lines` splits.
    #[test]
    fn newline_ends_split_as_str_lines() {
        for text in [
            "a\r",
            "a\rb\n",
            "a\r\n\r\n",
            "",
            "\n",
            "a\n\r",
            "x\r\r\n",
            "a\n\nb",
        ] {
            let expected: Vec<(u32, &str)> = (1..).zip(text.lines()).collect();
            assert_eq!(
                all(text.as_bytes(), Ends::Newline),
                ok(&expected),
                "{text:?}"
            );
        }
    }

    /// However the stream hands the bytes over: a `\r\n` split between two reads
    /// is one line ending.
    #[test]
    fn a_line_ending_split_between_reads_is_one() {
        let text = b"one\r\ntwo\rthree\r";
        for size in 1..4 {
            let mut input = std::io::BufReader::with_capacity(size, &text[..]);
            let mut lines = Lines::new(&mut input, Ends::AnyBreak);
            let mut got = Vec::new();
            while let Ok(Some((n, line))) = lines.next() {
                got.push((n, line.to_owned()));
            }
            let expected = [(1, "one"), (2, "two"), (3, "three")].map(|(n, l)| (n, l.to_owned()));
            assert_eq!(got, expected, "{size}");
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_placed() {
        assert_eq!(
            all(b"fine\n\xc3\xa9t\xe9\nnext", Ends::AnyBreak),
            [
                Ok((1, "fine".to_owned())),
                Err(format!("{:?}", Unread::NotUtf8(Pos::new(2, 3)))),
                Ok((3, "next".to_owned()))
            ]
        );
    }

    #[test]
    fn a_line_too_long_is_read_through_and_not_kept() {
        let mut text = b"before\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_HELD + 1));
        text.extend(b"\nafter");
        assert_eq!(
            all(&text, Ends::Newline),
            [
                Ok((1, "before".to_owned())),
                Err("TooLong(2)".to_owned()),
                Ok((3, "after".to_owned()))
            ]
        );
    }

    /// The importers that read lines, on a text past [`MAX_HELD`]: where they stop
    /// or what they skip, and the rest read at the right lines.
    mod importers {
        use super::super::MAX_HELD;
        use crate::formats::{Kind, import};

        fn over() -> String {
            "x".repeat(MAX_HELD / 64 + 1) + "\n"
        }

        /// A GIFT paragraph is held to the question limit (1 MiB).
        #[test]
        fn a_gift_paragraph_past_the_limit_is_skipped_and_the_rest_read() {
            let mut text =
                String::from("::a::First? {=yes ~no}\n\n// about the next\n::b::Long?\n");
            text.push_str(&over().repeat(16));
            text.push_str("{=yes ~no}\n\n::c::Last? {=yes ~no}\n");
            let imported = import(Kind::Gift, "big.gift", &text)
                .unwrap_or_else(|f| panic!("{}", f.error.message));
            let ids: Vec<&str> = imported
                .bank
                .questions
                .iter()
                .map(|q| q.id.value.as_str())
                .collect();
            assert_eq!(ids, ["a", "c"]);
            assert_eq!(imported.bank.questions[1].pos.line, 23);
            let skipped = &imported.warnings[0];
            assert!(skipped.is_error(), "{skipped:?}");
            assert_eq!(skipped.line, 3);
            assert!(
                skipped.message.contains("over 1 MiB"),
                "{}",
                skipped.message
            );
        }

        #[test]
        fn a_line_past_the_limit_skips_its_gift_paragraph() {
            let text = format!(
                "::a::First? {{=yes ~no}}\n\n::b::Long? {{=yes ~no}}\n{}\n\n::c::Last? {{=yes ~no}}\n",
                "y".repeat(MAX_HELD + 1)
            );
            let imported = import(Kind::Gift, "big.gift", &text)
                .unwrap_or_else(|f| panic!("{}", f.error.message));
            assert_eq!(imported.bank.questions.len(), 2);
            assert_eq!(imported.bank.questions[1].pos.line, 6);
            assert_eq!(imported.warnings[0].line, 3);
        }

        #[test]
        fn aiken_and_exam_dump_text_stop_where_the_long_question_starts() {
            let head = "Which?\nA. one\nB. two\nANSWER: A\n\nWhich, at length?\n";
            let text = format!("{head}{}", over().repeat(64));
            let failed = import(Kind::Aiken, "big.txt", &text).err();
            let error = failed.map(|f| (f.error.line, f.error.message));
            let (line, message) = error.unwrap_or_default();
            assert_eq!(line, 5);
            assert!(
                message.contains("runs on past line 70, over 4 MiB"),
                "{message}"
            );
            let failed = import(Kind::Text, "big.txt", &text).err();
            assert_eq!(failed.map(|f| f.error.line), Some(1));
        }

        #[test]
        fn a_csv_row_past_the_limit_stops_the_reading_at_its_line() {
            let text = format!(
                "question,A,B,answer\nWhich?,one,two,A\n\"Open quote?,one,two,A\n{}",
                over().repeat(65)
            );
            let failed = import(Kind::Csv, "big.csv", &text).err();
            let error = failed.map(|f| (f.error.line, f.error.message));
            let (line, message) = error.unwrap_or_default();
            assert_eq!(line, 3);
            assert!(message.contains("is a quote left open?"), "{message}");
        }

        /// Bytes that are not UTF-8 stop the reading where they are.
        #[test]
        fn bytes_not_utf8_are_an_error_at_their_line() {
            for kind in [Kind::Gift, Kind::Aiken, Kind::Text] {
                let text = b"Which?\nA. one\nB. tw\xffo\nANSWER: A\n";
                let failed = crate::formats::import_bytes(kind, "bad.txt", text).err();
                let at = failed.map(|f| (f.error.line, f.error.col));
                assert_eq!(at, Some((3, 6)), "{kind:?}");
            }
        }
    }

    /// However small the reads of the stream, every line format reads a file as it
    /// reads it from memory: the same bank, the same diagnostics at the same lines.
    #[test]
    fn the_size_of_the_reads_changes_nothing() {
        use crate::formats::{Kind, convert, convert_bytes, export};
        let csv = export(Kind::Csv, &crate::bank::load_builtin().banks).bytes;
        let files: [(Kind, &[u8]); 9] = [
            (
                Kind::Gift,
                include_bytes!("../../tests/fixtures/formats/tricky.gift"),
            ),
            (
                Kind::Gift,
                include_bytes!("../../tests/fixtures/formats/moodle-cases.gift"),
            ),
            (
                Kind::Gift,
                include_bytes!("../../tests/fixtures/formats/broken.gift"),
            ),
            (
                Kind::Aiken,
                include_bytes!("../../tests/fixtures/formats/tricky.txt"),
            ),
            (
                Kind::Aiken,
                include_bytes!("../../tests/fixtures/formats/moodle-cases.txt"),
            ),
            (
                Kind::Aiken,
                include_bytes!("../../tests/fixtures/formats/broken.txt"),
            ),
            (
                Kind::Text,
                include_bytes!("../../tests/fixtures/formats/dump.txt"),
            ),
            (
                Kind::Text,
                b"\xef\xbb\xbfQ1. Which?\r\nA. one\r\nB) two\r\nAnswer: B\r\n",
            ),
            (Kind::Csv, &csv),
        ];
        let outcome = |r: Result<crate::formats::Converted, crate::formats::Failed>| match r {
            Ok(c) => (c.yaml, c.warnings, None),
            Err(f) => (String::new(), f.warnings, Some(f.error)),
        };
        for (kind, bytes) in files {
            let whole = outcome(convert_bytes(kind, "f", bytes));
            for size in [1, 2, 3, 7, 64] {
                let mut input = std::io::BufReader::with_capacity(size, bytes);
                let streamed = outcome(convert(kind, "f", &mut input));
                assert_eq!(streamed, whole, "{kind:?} read {size} bytes at a time");
            }
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = format!("ab\n{}x\ny", "é".repeat(100));
        let index = LineIndex::new(&text);
        assert_eq!(index.pos(0), Pos::new(1, 1));
        assert_eq!(index.pos(3), Pos::new(2, 1));
        let x = text.find('x').unwrap_or_default();
        assert_eq!(index.pos(x), Pos::new(2, 101));
        assert_eq!(index.pos(text.len() - 1), Pos::new(3, 1));
        assert_eq!(index.pos(text.len() + 10), Pos::new(3, 2));
    }
}
