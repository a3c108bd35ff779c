//! Lines of an imported file: splitting at every kind of line ending, and turning byte
//! offsets into lines and columns, both in time linear in the file.

use crate::diagnostic::Pos;

/// The lines of `text` with their 1-based numbers, split at `\n`, `\r\n` and a lone
/// `\r`. Moodle reads a file whose lines end in a bare `\r` (old Mac OS) line by line
/// too, for GIFT and Aiken alike.
pub(super) fn numbered(text: &str) -> impl Iterator<Item = (u32, &str)> {
    let mut rest = Some(text);
    let mut n: u32 = 0;
    std::iter::from_fn(move || {
        let s = rest?;
        n = n.saturating_add(1);
        match s.find(['\n', '\r']) {
            Some(i) => {
                let next = if s[i..].starts_with("\r\n") {
                    i + 2
                } else {
                    i + 1
                };
                rest = Some(&s[next..]);
                Some((n, &s[..i]))
            }
            None => {
                rest = None;
                (!s.is_empty() || n == 1).then_some((n, s))
            }
        }
    })
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

    #[test]
    fn every_line_ending_splits() {
        let lines: Vec<(u32, &str)> = numbered("a\nb\r\nc\rd\r\re").collect();
        assert_eq!(
            lines,
            [(1, "a"), (2, "b"), (3, "c"), (4, "d"), (5, ""), (6, "e")]
        );
        assert_eq!(numbered("a\n").collect::<Vec<_>>(), [(1, "a")]);
        assert_eq!(numbered("").collect::<Vec<_>>(), [(1, "")]);
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
