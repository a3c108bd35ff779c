//! Moodle's `[tag:…]` and `[id:…]` marks in a question's comment lines.

use super::chars::Line;
use crate::bank::Spanned;
use crate::diagnostic::Pos;

/// The tags and the id that a question's comment lines declare.
pub(super) struct Marks {
    pub tags: Vec<Spanned<String>>,
    pub id: Option<Spanned<String>>,
}

/// Moodle's `[tag:…]` and `[id:…]` in the comment lines; the first id counts.
pub(super) fn comment_marks(comments: &[Line]) -> Marks {
    let mut tags = Vec::new();
    let mut id = None;
    for line in comments {
        let at = |col: usize| {
            Pos::new(
                line.n,
                line.col
                    .saturating_add(u32::try_from(col).unwrap_or(u32::MAX)),
            )
        };
        for (col, value) in marks_in(line.text, "[tag:", false) {
            tags.push(Spanned::new(value, at(col)));
        }
        if id.is_none() {
            id = marks_in(line.text, "[id:", true)
                .pop()
                .map(|(col, value)| Spanned::new(value, at(col)));
        }
    }
    Marks { tags, id }
}

/// Each `[tag:…]` (or `[id:…]`, after `open`) in `line`, with the column (from 0) it
/// starts at, read as Moodle's patterns read them: the value ends at the first `]`
/// not written `\]`, and holds no control character, no `<` or `>` in a tag and no
/// `[` in an id, whose value is not empty; a mark that breaks these rules is not a
/// mark. With `first`, only the first. Each character is looked at a bounded number
/// of times and columns are counted on the way, so a line with very many marks stays
/// linear.
fn marks_in(line: &str, open: &str, first: bool) -> Vec<(usize, String)> {
    let tag = open == "[tag:";
    let mut out = Vec::new();
    let mut i = 0;
    let mut col = 0;
    while let Some(k) = line[i..].find(open) {
        col += line[i..i + k].chars().count();
        let start = i + k;
        let mut value = String::new();
        let mut end = None;
        let mut chars = line[start + open.len()..].char_indices();
        let mut stop = line.len();
        while let Some((j, c)) = chars.next() {
            let at = start + open.len() + j;
            match c {
                '\\' if line[at + 1..].starts_with(']') => {
                    value.push(']');
                    chars.next();
                }
                ']' => {
                    end = Some(at);
                    break;
                }
                c if c.is_control() || (tag && matches!(c, '<' | '>')) || (!tag && c == '[') => {
                    stop = at;
                    break;
                }
                c => value.push(c),
            }
        }
        let next = match end {
            Some(e) if tag || !value.trim().is_empty() => {
                out.push((col, value.trim().to_owned()));
                if first {
                    break;
                }
                e + 1
            }
            Some(e) => e + 1,
            None => stop.max(start + 1),
        };
        col += line[start..next].chars().count();
        i = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases of Moodle's own tests of its comment reader: marks anywhere in any
    /// comment line, trimmed values, `\]` inside a value, the first id only, no mark
    /// split over two lines, and no `<`, `>` in a tag nor `[` in an id.
    #[test]
    fn comment_marks_are_read_as_moodle_reads_them() {
        let marks = |comments: &[&str]| {
            let lines: Vec<Line> = comments
                .iter()
                .enumerate()
                .map(|(i, text)| Line {
                    n: u32::try_from(i + 1).unwrap_or(0),
                    col: 1,
                    text,
                })
                .collect();
            let m = comment_marks(&lines);
            let tags: Vec<String> = m.tags.into_iter().map(|t| t.value).collect();
            (m.id.map(|i| i.value), tags)
        };
        assert_eq!(marks(&["// A comment."]), (None, vec![]));
        assert_eq!(
            marks(&[
                "// [tag:  basic] Here is  ",
                "// a [id:   four   ] que[tag:add   ]stion."
            ]),
            (Some("four".into()), vec!["basic".into(), "add".into()])
        );
        assert_eq!(
            marks(&["// Ceci n'est pas une [tag:", "\\ frog]."]),
            (None, vec![])
        );
        assert_eq!(
            marks(&["// [id:i\\]d]. [tag:t\\]ag]"]),
            (Some("i]d".into()), vec!["t]ag".into()])
        );
        assert_eq!(
            marks(&["// [id:one] [id:two]"]),
            (Some("one".into()), vec![])
        );
        assert_eq!(
            marks(&["// [tag:<b>] [id:a[b] [id:] [id:c] [tag:x [id:y]"]),
            (Some("c".into()), vec!["x [id:y".into()])
        );
    }

    /// A comment line of very many marks: every one is found, at its own column.
    #[test]
    fn many_marks_on_one_line_keep_their_columns() {
        let line = format!("// {}", "[tag:é] ".repeat(2000));
        let m = comment_marks(&[Line {
            n: 1,
            col: 1,
            text: &line,
        }]);
        assert_eq!(m.tags.len(), 2000);
        assert_eq!(m.tags[0].pos, Pos::new(1, 4));
        assert_eq!(m.tags[1999].pos, Pos::new(1, 4 + 8 * 1999));
    }
}
