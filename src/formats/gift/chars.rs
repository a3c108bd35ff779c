//! A question's text as GIFT characters: escapes resolved, each character with the
//! place it was written, and the searches that skip escaped characters.

use crate::diagnostic::Pos;

/// One character of a question, with where it was written and whether it was escaped.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ch {
    pub c: char,
    pub pos: Pos,
    pub esc: bool,
}

/// A line of the source as Moodle reads it: trimmed, with its number and the column
/// of its first character.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'t> {
    pub n: u32,
    pub col: u32,
    pub text: &'t str,
}

/// The characters of a question's lines, escapes resolved, lines joined by `\n`.
pub(super) fn chars(lines: &[Line]) -> Vec<Ch> {
    let mut out = Vec::new();
    for (k, line) in lines.iter().enumerate() {
        if k > 0 {
            let prev = lines[k - 1];
            let len = u32::try_from(prev.text.chars().count()).unwrap_or(u32::MAX);
            out.push(Ch {
                c: '\n',
                pos: Pos::new(prev.n, prev.col.saturating_add(len)),
                esc: false,
            });
        }
        let cs: Vec<char> = line.text.chars().collect();
        let mut j = 0;
        while j < cs.len() {
            let col = line
                .col
                .saturating_add(u32::try_from(j).unwrap_or(u32::MAX));
            let pos = Pos::new(line.n, col);
            let escaped = match (cs[j], cs.get(j + 1)) {
                ('\\', Some(&next @ (':' | '#' | '=' | '{' | '}' | '~' | '\\'))) => Some(next),
                ('\\', Some('n')) => Some('\n'),
                _ => None,
            };
            match escaped {
                Some(c) => {
                    out.push(Ch { c, pos, esc: true });
                    j += 2;
                }
                None => {
                    out.push(Ch {
                        c: cs[j],
                        pos,
                        esc: false,
                    });
                    j += 1;
                }
            }
        }
    }
    out
}

pub(super) fn trim(s: &[Ch]) -> &[Ch] {
    let start = s
        .iter()
        .position(|c| !c.c.is_whitespace())
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|c| !c.c.is_whitespace())
        .map_or(start, |i| i + 1);
    &s[start..end.max(start)]
}

pub(super) fn string(s: &[Ch]) -> String {
    s.iter().map(|c| c.c).collect()
}

/// Whether `pat` stands unescaped at `s[i..]`.
pub(super) fn starts(s: &[Ch], i: usize, pat: &str) -> bool {
    let n = pat.chars().count();
    s.len() >= i + n
        && s[i..i + n]
            .iter()
            .zip(pat.chars())
            .all(|(c, p)| !c.esc && c.c == p)
}

/// The first unescaped `pat` at or after `from`.
pub(super) fn find(s: &[Ch], from: usize, pat: &str) -> Option<usize> {
    (from..s.len()).find(|&i| starts(s, i, pat))
}

pub(super) fn rfind(s: &[Ch], pat: &str) -> Option<usize> {
    (0..s.len()).rev().find(|&i| starts(s, i, pat))
}
