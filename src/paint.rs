//! Colour for terminal output, decided once: on only for a terminal and when
//! `NO_COLOR` is not set. Everything that colours text goes through [`Paint`].

use console::Style;

#[derive(Debug, Clone, Copy, Default)]
pub struct Paint {
    pub color: bool,
}

impl Paint {
    pub const PLAIN: Paint = Paint { color: false };

    fn apply(self, style: Style, text: &str) -> String {
        if self.color {
            style.force_styling(true).apply_to(text).to_string()
        } else {
            text.to_owned()
        }
    }

    pub fn good(self, text: &str) -> String {
        self.apply(Style::new().green().bold(), text)
    }

    pub fn bad(self, text: &str) -> String {
        self.apply(Style::new().red().bold(), text)
    }

    pub fn warn(self, text: &str) -> String {
        self.apply(Style::new().yellow().bold(), text)
    }

    pub fn bold(self, text: &str) -> String {
        self.apply(Style::new().bold(), text)
    }

    pub fn dim(self, text: &str) -> String {
        self.apply(Style::new().dim(), text)
    }

    pub fn link(self, text: &str) -> String {
        self.apply(Style::new().cyan().underlined(), text)
    }
}
