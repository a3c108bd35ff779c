//! The kinds beyond choice in a spreadsheet row, under a `kind` column:
//!
//! | kind | columns |
//! | --- | --- |
//! | `order` | the items in `A`, `B`, `C`… in the right order |
//! | `match` | the premises in `A`, `B`…, each one's response in `match A`, `match B`…; `extra` responses one per line; `shuffle` |
//! | `number` | `answer` the number, `tolerance` (`0.5`, `1%`) |
//! | `text` | `answer` the accepted answers, one per line; `case` `sensitive` |
//! | `open` | `answer` the model answer |

use super::{Column, Row};
use crate::bank::kind::matching::{Match, Pair};
use crate::bank::kind::number::Number;
use crate::bank::kind::open::Open;
use crate::bank::kind::order::Order;
use crate::bank::kind::text::TextAnswer;
use crate::bank::{Body, Kind, Question, Spanned, letter};

/// The body of a row of `kind` (not choice), or why it cannot be read.
pub(super) fn read(row: &Row, kind: Kind, choice_columns: usize) -> Result<Body, String> {
    let texts: Vec<Option<Spanned<String>>> = (0..choice_columns)
        .map(|i| row.get(Column::Choice(i)))
        .collect();
    let count = texts.iter().rposition(Option::is_some).map_or(0, |i| i + 1);
    if let Some(gap) = texts[..count].iter().position(Option::is_none) {
        return Err(format!(
            "{} {} is empty while {} is not: they are lettered in order",
            if kind == Kind::Match {
                "premise"
            } else {
                "item"
            },
            letter(gap),
            letter(count - 1)
        ));
    }
    let texts: Vec<Spanned<String>> = texts.into_iter().take(count).flatten().collect();
    let at = row.pos;
    let answer = || {
        row.named("answer")
            .ok_or_else(|| format!("a {} question needs its `answer`", kind.name()))
    };
    Ok(match kind {
        Kind::Order => Body::Order(Order {
            items: Spanned::new(texts, at),
        }),
        Kind::Match => {
            let mut pairs = Vec::with_capacity(texts.len());
            for (i, premise) in texts.into_iter().enumerate() {
                let Some(response) = row.get(Column::Response(i)) else {
                    return Err(format!(
                        "premise {} has no response in column `match {}`",
                        letter(i),
                        letter(i)
                    ));
                };
                pairs.push(Pair {
                    pos: premise.pos,
                    premise,
                    response,
                });
            }
            let extra = row
                .named("extra")
                .map(|cell| lines(&cell))
                .unwrap_or_default();
            Body::Match(Match {
                pairs: Spanned::new(pairs, at),
                extra,
                shuffle: true,
            })
        }
        Kind::Number => Body::Number(Number {
            answer: answer()?,
            tolerance: row.named("tolerance"),
        }),
        Kind::Text => {
            let cell = answer()?;
            let sensitive = row
                .named("case")
                .is_some_and(|c| c.value.trim().eq_ignore_ascii_case("sensitive"));
            Body::Text(TextAnswer {
                answer: Spanned::new(lines(&cell), cell.pos),
                case_sensitive: sensitive,
            })
        }
        Kind::Open => Body::Open(Open { answer: answer()? }),
        Kind::Choice => return Err("a choice row is read by the caller".into()),
    })
}

/// A cell's lines, trimmed, the empty ones left out.
fn lines(cell: &Spanned<String>) -> Vec<Spanned<String>> {
    cell.value
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Spanned::new(l.to_owned(), cell.pos))
        .collect()
}

/// How many lettered columns a question of another kind fills.
pub(super) fn width(q: &Question) -> usize {
    match &q.body {
        Body::Order(o) => o.items.value.len(),
        Body::Match(m) => m.pairs.value.len(),
        _ => 0,
    }
}

/// A cell of a question of another kind than choice; None where the column
/// is a choice question's alone.
pub(super) fn cell(q: &Question, column: Column) -> Option<String> {
    let join = |items: &[Spanned<String>]| {
        items
            .iter()
            .map(|a| a.value.trim())
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some(match (&q.body, column) {
        (Body::Choice(_), _) => return None,
        (_, Column::Named("kind")) => q.kind().name().to_owned(),
        (Body::Order(o), Column::Choice(i)) => o
            .items
            .value
            .get(i)
            .map_or(String::new(), |t| t.value.trim().to_owned()),
        (Body::Match(m), Column::Choice(i)) => m
            .pairs
            .value
            .get(i)
            .map_or(String::new(), |p| p.premise.value.trim().to_owned()),
        (Body::Match(m), Column::Response(i)) => m
            .pairs
            .value
            .get(i)
            .map_or(String::new(), |p| p.response.value.trim().to_owned()),
        (Body::Match(m), Column::Named("extra")) => join(&m.extra),
        (Body::Match(m), Column::Named("shuffle")) => {
            if m.shuffle { "" } else { "false" }.to_owned()
        }
        (Body::Number(n), Column::Named("answer")) => n.answer.value.trim().to_owned(),
        (Body::Number(n), Column::Named("tolerance")) => n
            .tolerance
            .as_ref()
            .map_or(String::new(), |t| t.value.trim().to_owned()),
        (Body::Text(t), Column::Named("answer")) => join(&t.answer.value),
        (Body::Text(t), Column::Named("case")) => {
            if t.case_sensitive { "sensitive" } else { "" }.to_owned()
        }
        (Body::Open(o), Column::Named("answer")) => o.answer.value.trim().to_owned(),
        _ => return None,
    })
}
