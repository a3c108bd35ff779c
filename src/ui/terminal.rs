//! The terminal front: dialoguer prompts for a person at a terminal. `Select` for a
//! single-answer item, `MultiSelect` for a multiple-answer one; Esc or q ends the
//! quiz, and so does Ctrl-C, which leaves the terminal usable and still prints the
//! summary so far.

use super::{Front, Progress, Reply, ReviewChoice, ReviewRow, text};
use crate::paint::Paint;
use crate::quiz::clock::format_left;
use crate::quiz::{Asked, Mode, Outcome, Status, Summary};
use console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{MultiSelect, Select};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub struct TerminalFront {
    term: Term,
    theme: Box<dyn Theme>,
    paint: Paint,
    interrupted: Arc<AtomicBool>,
}

impl TerminalFront {
    /// A front on standard output. Installs a Ctrl-C handler that ends the quiz
    /// gracefully instead of killing the process with the cursor hidden.
    pub fn new(paint: Paint) -> Self {
        let interrupted = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&interrupted);
        // If a handler is already set (a second front in one process), the
        // first one's flag still ends the quiz; nothing is lost.
        let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
        console::set_colors_enabled(paint.color);
        let theme: Box<dyn Theme> = if paint.color {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        TerminalFront {
            term: Term::stdout(),
            theme,
            paint,
            interrupted,
        }
    }

    fn quit_requested(&self) -> bool {
        self.interrupted.load(Ordering::SeqCst)
    }

    /// Writes `text` wrapped to the terminal's width (at most 100 columns, for reading).
    fn write_wrapped(&self, text: &str) -> io::Result<()> {
        let width = usize::from(self.term.size().1).clamp(40, 100);
        self.term.write_str(&text::wrap(text, width))
    }
}

/// The extra entry of an exam question's menu.
const FLAG: &str = "⚑ Flag for review";

impl TerminalFront {
    fn cursor_back<T>(&self, result: dialoguer::Result<Option<T>>) -> io::Result<Option<T>> {
        match result {
            Ok(value) => Ok(value),
            Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => {
                // dialoguer hid the cursor; show it again before anything else.
                let _ = self.term.show_cursor();
                self.term.write_line("")?;
                Ok(None)
            }
            Err(dialoguer::Error::IO(e)) => {
                let _ = self.term.show_cursor();
                Err(e)
            }
        }
    }
}

impl Front for TerminalFront {
    fn header(&mut self, title: &str, line: &str) -> io::Result<()> {
        self.term.write_line(&self.paint.bold(title))?;
        self.term.write_line(&self.paint.dim(line))
    }

    fn ask(&mut self, asked: &Asked, progress: &Progress) -> io::Result<Reply> {
        if self.quit_requested() {
            return Ok(Reply::Quit);
        }
        let p = self.paint;
        let exam = progress.mode == Mode::Exam;
        self.term.write_line("")?;
        self.term.write_line(&text::progress(asked, progress, p))?;
        self.write_wrapped(&format!("{}\n", p.bold(&asked.stem())))?;
        let mut items: Vec<String> = asked
            .choices()
            .map(|(l, c)| format!("{l}) {}", c.text.value.trim()))
            .collect();
        let previous = progress.previous.clone().unwrap_or_default();
        if exam {
            items.push(FLAG.to_owned());
        }
        let flag_index = asked.len();
        let reply = if asked.prompt.takes_several() {
            let mut checked: Vec<bool> = (0..items.len()).map(|i| previous.contains(&i)).collect();
            if exam {
                checked[flag_index] = progress.flagged;
            }
            let prompt = if exam {
                "Space ticks, Enter answers; tick the flag to come back to it"
            } else {
                "Space ticks, Enter answers (nothing ticked skips), Esc ends"
            };
            let picked = MultiSelect::with_theme(self.theme.as_ref())
                .with_prompt(prompt)
                .items(&items)
                .defaults(&checked)
                .interact_on_opt(&self.term);
            self.cursor_back(picked)?.map(|mut v| {
                let flagged = exam && v.contains(&flag_index);
                v.retain(|&i| i != flag_index);
                match (flagged, v.is_empty()) {
                    (true, _) => Reply::Flag(v),
                    (false, true) => Reply::Skip,
                    (false, false) => Reply::Answer(v),
                }
            })
        } else {
            let prompt = if exam {
                "Enter answers; choose the flag to come back to it"
            } else {
                "Enter answers, Esc ends"
            };
            let picked = Select::with_theme(self.theme.as_ref())
                .with_prompt(prompt)
                .items(&items)
                .default(previous.first().copied().unwrap_or(0))
                .interact_on_opt(&self.term);
            self.cursor_back(picked)?.map(|i| {
                if exam && i == flag_index {
                    Reply::Flag(previous.clone())
                } else {
                    Reply::Answer(vec![i])
                }
            })
        };
        Ok(reply.unwrap_or(Reply::Quit))
    }

    fn feedback(&mut self, asked: &Asked, outcome: &Outcome, note: Option<&str>) -> io::Result<()> {
        if let Some(note) = note {
            self.term.write_line(&self.paint.warn(note))?;
        }
        self.write_wrapped(&text::feedback(asked, outcome, false, self.paint))
    }

    fn review(
        &mut self,
        rows: &[ReviewRow],
        time_left: Option<Duration>,
    ) -> io::Result<ReviewChoice> {
        if self.quit_requested() {
            return Ok(ReviewChoice::Submit);
        }
        let p = self.paint;
        self.term.write_line("")?;
        let mut heading = "Review: choose a question to change it, or submit".to_owned();
        if let Some(left) = time_left {
            heading.push_str(&format!(" · {} left", format_left(left)));
        }
        self.term.write_line(&p.bold(&heading))?;
        let width = console::Term::stdout().size().1 as usize;
        let mut items: Vec<String> = rows
            .iter()
            .map(|r| {
                let status = match r.status {
                    Status::Answered => "answered  ",
                    Status::Flagged => "flagged   ",
                    Status::Unanswered => "unanswered",
                };
                let line = format!("{:>3}. [{status}] {}", r.number, r.stem);
                console::truncate_str(&line, width.saturating_sub(4).max(20), "…").into_owned()
            })
            .collect();
        let open = rows.iter().filter(|r| r.status != Status::Answered).count();
        items.push(if open == 0 {
            "Submit the exam".to_owned()
        } else {
            format!("Submit the exam ({open} flagged or unanswered)")
        });
        let default = rows
            .iter()
            .position(|r| r.status != Status::Answered)
            .unwrap_or(rows.len());
        let picked = Select::with_theme(self.theme.as_ref())
            .with_prompt("Enter opens a question; Esc submits")
            .items(&items)
            .default(default)
            .max_length(15)
            .interact_on_opt(&self.term);
        Ok(match self.cursor_back(picked)? {
            Some(i) if i < rows.len() => ReviewChoice::Revisit(i),
            _ => ReviewChoice::Submit,
        })
    }

    fn notice(&mut self, text: &str) -> io::Result<()> {
        self.term.write_line(&self.paint.warn(text))
    }

    fn finish(&mut self, summary: &Summary, missed: &[(Asked, Outcome)]) -> io::Result<()> {
        self.term.show_cursor()?;
        self.term.write_line("")?;
        self.write_wrapped(&text::finish(summary, missed, self.paint))
    }
}
