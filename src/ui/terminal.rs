//! The terminal front: dialoguer prompts for a person at a terminal. `Select` for a
//! single-answer item, `MultiSelect` for a multiple-answer one; Esc or q ends the
//! quiz, and so does Ctrl-C, which leaves the terminal usable and still prints the
//! summary so far.

use super::{Front, Reply, text};
use crate::paint::Paint;
use crate::quiz::{Asked, Outcome, Summary};
use crate::report;
use console::Term;
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{MultiSelect, Select};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
}

impl Front for TerminalFront {
    fn ask(&mut self, asked: &Asked, score: (f64, usize)) -> io::Result<Reply> {
        if self.quit_requested() {
            return Ok(Reply::Quit);
        }
        let p = self.paint;
        self.term.write_line("")?;
        self.term.write_line(&text::progress(asked, score, p))?;
        self.term.write_line(&p.bold(&asked.stem()))?;
        let items: Vec<String> = asked
            .choices()
            .map(|(l, c)| format!("{l}) {}", c.text.value.trim()))
            .collect();
        let picked = if asked.prompt.takes_several() {
            MultiSelect::with_theme(self.theme.as_ref())
                .with_prompt("Space selects, Enter answers (nothing selected skips), Esc ends")
                .items(&items)
                .interact_on_opt(&self.term)
                .map(|r| {
                    r.map(|v| {
                        if v.is_empty() {
                            Reply::Skip
                        } else {
                            Reply::Answer(v)
                        }
                    })
                })
        } else {
            Select::with_theme(self.theme.as_ref())
                .with_prompt("Enter answers, Esc ends")
                .items(&items)
                .default(0)
                .interact_on_opt(&self.term)
                .map(|r| r.map(|i| Reply::Answer(vec![i])))
        };
        match picked {
            Ok(Some(reply)) => Ok(reply),
            Ok(None) => Ok(Reply::Quit),
            Err(dialoguer::Error::IO(e)) if e.kind() == io::ErrorKind::Interrupted => {
                // dialoguer hid the cursor; show it again before anything else.
                let _ = self.term.show_cursor();
                self.term.write_line("")?;
                Ok(Reply::Quit)
            }
            Err(dialoguer::Error::IO(e)) => {
                let _ = self.term.show_cursor();
                Err(e)
            }
        }
    }

    fn feedback(&mut self, asked: &Asked, outcome: &Outcome) -> io::Result<()> {
        self.term
            .write_str(&text::feedback(asked, outcome, self.paint))
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.term.show_cursor()?;
        self.term.write_line("")?;
        self.term.write_str(&report::summary(summary, self.paint))
    }
}
