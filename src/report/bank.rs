//! How authors look at banks: `quiz list` (banks and tags) and `quiz show` (one
//! question, the way an author reviews it).
//!
//! Everything taken from a bank is shown through [`crate::safe`]: a downloaded
//! bank's text never reaches the terminal as an escape sequence.

use crate::bank::{Bank, Body, Prompt, Question, letter};
use crate::paint::Paint;
use crate::safe;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Each bank with its title and question count, then the tags with their counts.
pub fn list(banks: &[Bank], paint: Paint) -> String {
    let mut out = String::new();
    let paths: Vec<_> = banks.iter().map(|b| safe::line(&b.path)).collect();
    let width = paths.iter().map(|p| p.chars().count()).max().unwrap_or(0);
    for (b, path) in banks.iter().zip(&paths) {
        let n = b.questions.len();
        let _ = writeln!(
            out,
            "{path:width$}  {:>3} question{}  {}",
            n,
            if n == 1 { " " } else { "s" },
            safe::line(b.display_title())
        );
    }
    let total: usize = banks.iter().map(|b| b.questions.len()).sum();
    let _ = writeln!(
        out,
        "{} bank{}, {total} question{}",
        banks.len(),
        if banks.len() == 1 { "" } else { "s" },
        if total == 1 { "" } else { "s" }
    );
    // Counted as `--tag` picks them: without regard to case, under the first spelling.
    let mut tags: BTreeMap<String, (&str, usize)> = BTreeMap::new();
    for t in banks
        .iter()
        .flat_map(|b| &b.questions)
        .flat_map(|q| &q.tags)
    {
        tags.entry(crate::bank::tag_key(&t.value))
            .or_insert((t.value.as_str(), 0))
            .1 += 1;
    }
    if !tags.is_empty() {
        let mut tags: Vec<(&str, usize)> = tags.into_values().collect();
        tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let tags: Vec<_> = tags.into_iter().map(|(t, n)| (safe::line(t), n)).collect();
        let width = tags
            .iter()
            .map(|(t, _)| t.chars().count())
            .max()
            .unwrap_or(0);
        let _ = writeln!(out, "\n{}", paint.bold("Tags:"));
        for (tag, n) in tags {
            let _ = writeln!(out, "  {tag:width$}  {n:>3}");
        }
    }
    out
}

/// One question as its author reviews it: in file order, the answer marked
/// (the correct choices, the right order, each premise's response, the accepted
/// answers, the model answer), every `why`, the explanation, and the references
/// with their links.
pub fn show(bank: &Bank, q: &Question, paint: Paint) -> String {
    let mut out = String::new();
    let kind = match &q.body {
        Body::Choice(c) => {
            let answers = match c.prompt() {
                Prompt::One => "one answer".to_owned(),
                Prompt::Choose(n) => format!("choose {n}"),
                Prompt::SelectAll => "select all that apply".to_owned(),
            };
            let order = if c.shuffle {
                ""
            } else {
                " · choices in file order"
            };
            format!("{answers}{order}")
        }
        Body::Match(m) if !m.shuffle => "match · responses in file order".to_owned(),
        other => other.kind().name().to_owned(),
    };
    let _ = writeln!(
        out,
        "{}  {}",
        paint.bold(&safe::line(&q.id.value)),
        paint.dim(&format!(
            "{}:{} · {kind}",
            safe::line(&bank.path),
            q.pos.line
        ))
    );
    if !q.tags.is_empty() {
        let tags: Vec<_> = q.tags.iter().map(|t| safe::line(&t.value)).collect();
        let _ = writeln!(out, "{}", paint.dim(&format!("tags: {}", tags.join(", "))));
    }
    let _ = writeln!(out, "\n{}", safe::text(q.question.value.trim()));
    if let Some(exhibit) = &q.exhibit {
        let _ = writeln!(out, "{}", self::exhibit(&safe::text(&exhibit.value)));
    }
    if let Some(image) = &q.image {
        let what = q
            .alt
            .as_ref()
            .map(|a| a.value.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty());
        let _ = match what {
            Some(alt) => writeln!(
                out,
                "Picture: {} ({})",
                safe::line(&alt),
                safe::line(image.value.trim())
            ),
            None => writeln!(
                out,
                "Picture: {} (no description)",
                safe::line(image.value.trim())
            ),
        };
    }
    body(&q.body, paint, &mut out);
    if let Some(e) = &q.explanation {
        let _ = writeln!(out, "\n{}", paint.bold("Explanation:"));
        for line in safe::text(e.value.trim_end()).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    if !q.references.is_empty() {
        let _ = writeln!(out, "\n{}", paint.bold("References:"));
        for r in &q.references {
            let title = match (&r.title, &r.target) {
                (Some(t), crate::bank::Target::Rfc { .. }) => format!(" {}", safe::line(&t.value)),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}{title}: {}",
                safe::line(&r.label()),
                paint.link(&safe::line(&r.link()))
            );
        }
    }
    out
}

/// The body of a question as `show` lays it out: the answer in place.
fn body(body: &Body, paint: Paint, out: &mut String) {
    let text = |t: &str| safe::text(t.trim()).into_owned();
    match body {
        Body::Choice(c) => {
            let correct = c.correct();
            for (i, choice) in c.choices.value.iter().enumerate() {
                let mark = if correct.contains(&i) {
                    paint.good("✓")
                } else {
                    " ".to_owned()
                };
                let pin = if choice.pin {
                    paint.dim(" (pinned)")
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "{mark} {}) {}{pin}",
                    letter(i),
                    text(&choice.text.value)
                );
                if let Some(why) = &choice.why {
                    for line in safe::text(why.value.trim()).lines() {
                        let _ = writeln!(out, "     {}", paint.dim(line));
                    }
                }
            }
            let letters: Vec<String> = correct.iter().map(|&i| letter(i).to_string()).collect();
            let _ = writeln!(out, "\nAnswer: {}", letters.join(", "));
        }
        Body::Order(o) => {
            let _ = writeln!(
                out,
                "\n{}",
                paint.dim("In the right order (shown shuffled):")
            );
            for (i, item) in o.items.value.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", i + 1, text(&item.value));
            }
        }
        Body::Match(m) => {
            let _ = writeln!(out);
            let responses = m.responses();
            for (i, (pair, answer)) in m.pairs.value.iter().zip(m.answers()).enumerate() {
                let _ = writeln!(
                    out,
                    "  {}. {} → {}) {}",
                    i + 1,
                    text(&pair.premise.value),
                    letter(answer),
                    text(&pair.response.value)
                );
            }
            let extra: Vec<String> = (m.pairs.value.len()..responses.len())
                .filter(|&i| !m.answers().contains(&i))
                .map(|i| format!("{}) {}", letter(i), text(&responses[i].value)))
                .collect();
            if !extra.is_empty() {
                let _ = writeln!(
                    out,
                    "{} {}",
                    paint.dim("Matching no premise:"),
                    extra.join(", ")
                );
            }
        }
        Body::Number(n) => {
            let tolerance = n
                .tolerance
                .as_ref()
                .filter(|t| !crate::bank::kind::number::Number::none_tolerated(t))
                .map(|t| format!(" (give or take {})", text(&t.value)))
                .unwrap_or_default();
            let _ = writeln!(out, "\nAnswer: {}{tolerance}", text(&n.answer.value));
        }
        Body::Text(t) => {
            let answers: Vec<String> = t.answer.value.iter().map(|a| text(&a.value)).collect();
            let case = if t.case_sensitive {
                paint.dim(" (case-sensitive)")
            } else {
                String::new()
            };
            let _ = writeln!(out, "\nAccepted: {}{case}", answers.join(", "));
        }
        Body::Open(o) => {
            let _ = writeln!(out, "\n{}", paint.bold("Model answer:"));
            for line in safe::text(o.answer.value.trim_end()).lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
    }
}

/// An exhibit for the line front and `show`: each line as written, indented by
/// four spaces, between rules, so that its columns stay as the author set them.
pub fn exhibit(text: &str) -> String {
    let mut out = String::from("  ----\n");
    for line in text.trim_end_matches('\n').lines() {
        let _ = writeln!(out, "    {}", line.trim_end());
    }
    out.push_str("  ----");
    out
}
