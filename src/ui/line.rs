//! The line front: each question printed with its lettered choices (or items,
//! premises and responses), one line of input answers it: letters for a choice,
//! an order (`CADB`) or a match (`BCA`, one letter per premise), the value for a
//! number or a text, the attempt for an open question, which `y`, `p` or `n`
//! then marks. For pipes, scripts, screen readers and `--plain`. It reads a line
//! into an action and prints what `crate::present` says; the flow decides.

use crate::paint::Paint;
use crate::present::{self, Body, Feedback, Question, Wording, wrap};
use crate::quiz::{Answering, Edit, Response, SelfMark};
use std::io::{self, BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// How the line front names its keys in a notice: an empty line skips.
pub const WORDING: Wording = Wording {
    skip: "Enter on an empty line",
    typed: true,
};

pub struct LineFront<R, W> {
    input: R,
    output: W,
    paint: Paint,
    echo: bool,
    /// Wrap output to this width (when it goes to a terminal).
    wrap: Option<usize>,
    /// Set by a signal handler: the end of input then says why it came.
    stop: Option<Arc<AtomicBool>>,
}

/// What a line of input says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// A line with something on it, trimmed: what it answers is the
    /// question's kind's to say ([`answer`]).
    Line(String),
    /// An empty line.
    Skip,
    /// The end of input, or a signal: the quiz ends here.
    End,
}

impl<R: BufRead, W: Write> LineFront<R, W> {
    /// With `echo`, each line read is written back after the prompt, so that the
    /// output of a piped run reads as a transcript.
    pub fn new(input: R, output: W, paint: Paint, echo: bool) -> Self {
        LineFront {
            input,
            output,
            paint,
            echo,
            wrap: None,
            stop: None,
        }
    }

    /// Tells the end of input that `stop` brought (Ctrl-C, SIGTERM) from the
    /// end of the input itself.
    pub fn stopped_by(mut self, stop: Arc<AtomicBool>) -> Self {
        self.stop = Some(stop);
        self
    }

    /// Wraps the stem, the choices and the feedback at `width` columns (for
    /// output that a person reads in a terminal).
    pub fn wrap_at(mut self, width: usize) -> Self {
        self.wrap = Some(width);
        self
    }

    /// The columns the summary's lists are cut to.
    pub fn width(&self) -> usize {
        self.wrap.unwrap_or(80)
    }

    pub fn paint(&self) -> Paint {
        self.paint
    }

    /// Writes `text`, wrapped to the terminal when there is one.
    pub fn write_text(&mut self, text: &str) -> io::Result<()> {
        match self.wrap {
            Some(width) => self.output.write_all(wrap::fill(text, width).as_bytes()),
            None => self.output.write_all(text.as_bytes()),
        }
    }

    /// A blueprint exam's title and what it is, before its first question.
    pub fn header(&mut self, title: &str, line: &str) -> io::Result<()> {
        writeln!(self.output, "{}", self.paint.bold(title))?;
        writeln!(self.output, "{}\n", self.paint.dim(line))
    }

    /// A question: the line that says where the quiz is, the stem, the exhibit
    /// verbatim, the choices (or items, premises and responses), and how to
    /// answer a kind whose answer is not a choice's letters.
    pub fn question(&mut self, progress: &str, question: &Question) -> io::Result<()> {
        let p = self.paint;
        writeln!(self.output, "{}", p.dim(progress))?;
        let stem = match self.wrap {
            Some(width) => question.stem_lines(width, false).join("\n"),
            None => question.stem_and_hint(),
        };
        writeln!(self.output, "{}", p.bold(&stem))?;
        if let Some(exhibit) = &question.exhibit {
            // Verbatim, never wrapped: its columns are the point.
            writeln!(self.output, "{}", crate::report::bank::exhibit(exhibit))?;
        }
        if let Some(picture) = &question.picture {
            let line = match self.wrap {
                Some(width) => wrap::fill(&picture.line(), width),
                None => picture.line(),
            };
            writeln!(self.output, "{}", p.dim(&line))?;
        }
        for line in present::body_lines(question, self.wrap) {
            writeln!(self.output, "{line}")?;
        }
        if let Some(hint) = present::typing_hint(question) {
            let hint = match self.wrap {
                Some(width) => wrap::fill(&hint, width),
                None => hint,
            };
            writeln!(self.output, "{}", p.dim(&hint))?;
        }
        Ok(())
    }

    /// Reads one answer line.
    pub fn read(&mut self) -> io::Result<Reply> {
        self.read_after("Answer: ")
    }

    /// Reads a line after `prompt`: what it holds, an empty line, or the end.
    fn read_after(&mut self, prompt: &str) -> io::Result<Reply> {
        write!(self.output, "{prompt}")?;
        self.output.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(self.output)?;
            if self.stop.as_ref().is_some_and(|s| s.load(Ordering::SeqCst)) {
                writeln!(self.output, "Interrupted: the quiz ends here.")?;
            } else {
                writeln!(self.output, "End of input: the quiz ends here.")?;
            }
            return Ok(Reply::End);
        }
        let line = line.trim();
        if self.echo {
            // What was typed may hold anything: shown, never sent.
            writeln!(self.output, "{}", crate::safe::line(line))?;
        }
        if line.is_empty() {
            return Ok(Reply::Skip);
        }
        Ok(Reply::Line(line.to_owned()))
    }

    /// An open question's own mark: `y`, `p` or `n`; None for an empty line
    /// (left unmarked) or the end of input.
    pub fn read_mark(&mut self) -> io::Result<Option<SelfMark>> {
        loop {
            match self.read_after("Your mark (y right, p partly, n wrong): ")? {
                Reply::Skip | Reply::End => return Ok(None),
                Reply::Line(line) => match line.to_lowercase().as_str() {
                    "y" | "yes" | "right" => return Ok(Some(SelfMark::Right)),
                    "p" | "partly" => return Ok(Some(SelfMark::Partly)),
                    "n" | "no" | "wrong" => return Ok(Some(SelfMark::Wrong)),
                    _ => writeln!(
                        self.output,
                        "Type y, p or n, or nothing to leave it unmarked."
                    )?,
                },
            }
        }
    }

    /// A line of advice, plain.
    pub fn say(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output, "{text}")
    }

    /// An empty line, between the questions of an exam.
    pub fn gap(&mut self) -> io::Result<()> {
        writeln!(self.output)
    }

    /// A line of news or a refusal.
    pub fn notice(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output, "{}", self.paint.warn(text))
    }

    /// Practice: the verdict, the author's word on each choice picked wrongly
    /// or missed (another kind: its answer beside the candidate's), the
    /// explanation and the references.
    pub fn feedback(&mut self, question: &Question, feedback: &Feedback) -> io::Result<()> {
        let p = self.paint;
        if let Some(note) = &feedback.note {
            self.notice(note)?;
        }
        let mut out = present::tone(p, &feedback.verdict.text, feedback.verdict.tone);
        out.push('\n');
        if !matches!(question.body, Body::Choice { .. }) {
            for line in present::body_lines(question, None) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        for choice in question.choices() {
            let (Some(mark), Some(why)) = (choice.mark, &choice.why) else {
                continue;
            };
            if mark.right == mark.picked {
                continue;
            }
            let label = mark.label.unwrap_or_default();
            out.push_str(&format!(
                "  {}) {} ({label}): {why}\n",
                choice.letter, choice.text
            ));
        }
        out.push_str(&present::explanation_and_references(feedback, p));
        // A blank line before what comes next.
        out.push('\n');
        self.write_text(&out)
    }

    /// The closing text: the summary and whatever follows it.
    pub fn finish(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output)?;
        self.write_text(text)?;
        self.output.flush()
    }
}

/// Reads an answer line: letters in either case, separated by commas or spaces or
/// written together (`A,C`, `a c`, `AC`). Returns the shown indices, sorted, or why
/// the line is not letters. Whether they answer the question is the flow's to say.
pub fn parse_letters(line: &str) -> Result<Vec<usize>, String> {
    let mut picked = Vec::new();
    for index in letters_in_order(line, "letters such as A or A,C")? {
        if !picked.contains(&index) {
            picked.push(index);
        }
    }
    picked.sort_unstable();
    Ok(picked)
}

/// The letters of `line` in the order written (`CADB`, `c, a, d, b`), or why
/// it is not letters; `such` says what to type instead.
fn letters_in_order(line: &str, such: &str) -> Result<Vec<usize>, String> {
    line.chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .map(|c| {
            c.is_ascii_alphabetic()
                .then(|| usize::from(c.to_ascii_uppercase() as u8 - b'A'))
                .ok_or_else(|| {
                    format!(
                        "{} is not a letter. Type {such}, or nothing to skip.",
                        crate::safe::line(&format!("{c:?}"))
                    )
                })
        })
        .collect()
}

/// What a line answers to `question`, by how it is answered: letters picked, an order, a
/// letter per premise, a value typed, an attempt. Or why the line is not one.
pub fn answer(question: &Question, line: &str) -> Result<Edit, String> {
    Ok(match question.kind.answering() {
        Answering::Picks => Edit::Set(Response::Picks(parse_letters(line)?)),
        Answering::Sequence => Edit::Set(Response::Sequence(letters_in_order(
            line,
            "the letters in order, such as CADB",
        )?)),
        Answering::Pairs => Edit::Set(Response::Pairs(
            letters_in_order(line, "one letter per premise, such as BCA")?
                .into_iter()
                .map(Some)
                .collect(),
        )),
        Answering::Number => Edit::Set(Response::Number(line.to_owned())),
        Answering::Text => Edit::Set(Response::Text(line.to_owned())),
        Answering::SelfMarked => Edit::Type(line.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::parse_letters;

    #[test]
    fn reads_letters_in_every_spelling() {
        assert_eq!(parse_letters("A,C"), Ok(vec![0, 2]));
        assert_eq!(parse_letters("a c"), Ok(vec![0, 2]));
        assert_eq!(parse_letters("CA"), Ok(vec![0, 2]));
        assert_eq!(parse_letters(" c , a "), Ok(vec![0, 2]));
        assert_eq!(parse_letters("AA"), Ok(vec![0]));
    }

    #[test]
    fn refuses_what_is_not_an_answer() {
        assert!(parse_letters("1").unwrap_err().contains("not a letter"));
        assert!(parse_letters("A\u{1b}").unwrap_err().contains("\\u{1b}"));
    }
}
