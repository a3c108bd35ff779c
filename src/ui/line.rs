//! The line front: each question printed with its lettered choices, one line of
//! input answers it. For pipes, scripts and tests.

use super::{Front, Progress, Reply, text};
use crate::bank::letter;
use crate::paint::Paint;
use crate::quiz::{Asked, Outcome, Summary};
use std::io::{self, BufRead, Write};

pub struct LineFront<R, W> {
    input: R,
    output: W,
    paint: Paint,
    echo: bool,
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
    fn ask(&mut self, asked: &Asked, progress: &Progress) -> io::Result<Reply> {
        let p = self.paint;
        if progress.mode == crate::quiz::Mode::Exam && asked.number > 1 {
            writeln!(self.output)?;
        }
        writeln!(self.output, "{}", text::progress(asked, progress, p))?;
        writeln!(self.output, "{}", p.bold(&asked.stem()))?;
        for (l, choice) in asked.choices() {
            writeln!(self.output, "  {l}) {}", choice.text.value.trim())?;
        }
        loop {
            write!(self.output, "Answer: ")?;
            self.output.flush()?;
            let mut line = String::new();
            if self.input.read_line(&mut line)? == 0 {
                writeln!(self.output)?;
                writeln!(self.output, "End of input: the quiz ends here.")?;
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
        writeln!(
            self.output,
            "{}",
            text::feedback(asked, outcome, false, self.paint)
        )
    }

    fn notice(&mut self, text: &str) -> io::Result<()> {
        writeln!(self.output, "{}", self.paint.warn(text))
    }

    fn finish(&mut self, summary: &Summary, missed: &[(Asked, Outcome)]) -> io::Result<()> {
        writeln!(self.output)?;
        write!(self.output, "{}", text::finish(summary, missed, self.paint))?;
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
