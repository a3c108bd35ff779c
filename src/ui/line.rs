//! The line front: each question printed with its lettered choices, one line of
//! input answers it. For pipes, scripts and tests.

use super::{Front, Progress, Reply, text};
use crate::bank::letter;
use crate::paint::Paint;
use crate::quiz::{Asked, Outcome, Summary};
use std::io::{self, BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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

    /// Wraps the stem and the feedback at `width` columns (for output that a
    /// person reads in a terminal).
    pub fn wrap_at(mut self, width: usize) -> Self {
        self.wrap = Some(width);
        self
    }

    fn write_text(&mut self, text: &str) -> io::Result<()> {
        match self.wrap {
            Some(width) => self.output.write_all(text::wrap(text, width).as_bytes()),
            None => self.output.write_all(text.as_bytes()),
        }
    }
}

/// Reads an answer line: letters in either case, separated by commas or spaces or
/// written together (`A,C`, `a c`, `AC`). Returns the shown indices, sorted, or why
/// the line is not an answer to a question with `n` choices.
pub fn parse_letters(line: &str, n: usize) -> Result<Vec<usize>, String> {
    let mut picked = Vec::new();
    for c in line.chars().filter(|c| !c.is_whitespace() && *c != ',') {
        let index = c
            .is_ascii_alphabetic()
            .then(|| (c.to_ascii_uppercase() as u8 - b'A') as usize)
            .ok_or_else(|| {
                format!("{c:?} is not a letter. Type letters such as A or A,C, or nothing to skip.")
            })?;
        if index >= n {
            return Err(format!(
                "{} is not one of the choices: type letters from A to {}.",
                c.to_ascii_uppercase(),
                letter(n.saturating_sub(1))
            ));
        }
        if !picked.contains(&index) {
            picked.push(index);
        }
    }
    picked.sort_unstable();
    Ok(picked)
}

impl<R: BufRead, W: Write> Front for LineFront<R, W> {
    fn header(&mut self, title: &str, line: &str) -> io::Result<()> {
        writeln!(self.output, "{}", self.paint.bold(title))?;
        writeln!(self.output, "{}\n", self.paint.dim(line))
    }

    fn ask(&mut self, asked: &Asked, progress: &Progress) -> io::Result<Reply> {
        let p = self.paint;
        if progress.mode == crate::quiz::Mode::Exam && asked.number > 1 {
            writeln!(self.output)?;
        }
        writeln!(self.output, "{}", text::progress(asked, progress, p))?;
        self.write_text(&format!("{}\n", p.bold(&asked.stem())))?;
        if let Some(exhibit) = &asked.question.exhibit {
            // Verbatim, never wrapped: its columns are the point.
            writeln!(
                self.output,
                "{}",
                crate::report::bank::exhibit(&exhibit.value)
            )?;
        }
        for (l, choice) in asked.choices() {
            writeln!(self.output, "  {l}) {}", choice.text.value.trim())?;
        }
        loop {
            write!(self.output, "Answer: ")?;
            self.output.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                writeln!(self.output)?;
                if self.stop.as_ref().is_some_and(|s| s.load(Ordering::SeqCst)) {
                    writeln!(self.output, "Interrupted: the quiz ends here.")?;
                } else {
                    writeln!(self.output, "End of input: the quiz ends here.")?;
                }
                return Ok(Reply::Quit);
            }
            let line = line.trim();
            if self.echo {
                writeln!(self.output, "{line}")?;
            }
            if line.is_empty() {
                return Ok(Reply::Skip);
            }
            match parse_letters(line, asked.len()) {
                Ok(picked) if picked.len() > 1 && !asked.prompt.takes_several() => {
                    writeln!(
                        self.output,
                        "This question has one answer: type one letter."
                    )?;
                }
                Ok(picked) => return Ok(Reply::Answer(picked)),
                Err(why) => writeln!(self.output, "{why}")?,
            }
        }
    }

    fn feedback(&mut self, asked: &Asked, outcome: &Outcome, note: Option<&str>) -> io::Result<()> {
        if let Some(note) = note {
            writeln!(self.output, "{}", self.paint.warn(note))?;
        }
        let feedback = text::feedback(asked, outcome, false, self.paint);
        self.write_text(&format!("{feedback}\n"))
    }

    fn notice(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output, "{}", self.paint.warn(text))
    }

    fn finish(&mut self, summary: &Summary, missed: &[(Asked, Outcome)]) -> io::Result<()> {
        writeln!(self.output)?;
        let finish = text::finish(summary, missed, self.paint, self.wrap.unwrap_or(80));
        self.write_text(&finish)?;
        self.output.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::parse_letters;

    #[test]
    fn reads_letters_in_every_spelling() {
        assert_eq!(parse_letters("A,C", 5), Ok(vec![0, 2]));
        assert_eq!(parse_letters("a c", 5), Ok(vec![0, 2]));
        assert_eq!(parse_letters("CA", 5), Ok(vec![0, 2]));
        assert_eq!(parse_letters(" c , a ", 5), Ok(vec![0, 2]));
        assert_eq!(parse_letters("AA", 5), Ok(vec![0]));
    }

    #[test]
    fn refuses_what_is_not_an_answer() {
        assert!(parse_letters("F", 5).unwrap_err().contains("from A to E"));
        assert!(parse_letters("1", 5).unwrap_err().contains("not a letter"));
    }
}
