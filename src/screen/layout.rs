//! Where each part of the screen goes, for a window of a given size: shared by
//! the view, which draws there, and the update, which scrolls and maps mouse
//! clicks by the same measures.

use super::state::Screen;
use ratatui::layout::Rect;

/// The smallest window the screen works in; smaller, it asks for more room.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// Two rows: the title and mode, then the position, score or clock, flags.
    pub header: Rect,
    /// One row under the header on feedback screens (the verdict); else empty.
    pub status: Rect,
    /// The scrolling part, with a column of margin on each side.
    pub body: Rect,
    /// Rows for news and advice (one, or more when the news is long), and how
    /// much more there is to scroll.
    pub message: Rect,
    /// One row naming the keys.
    pub footer: Rect,
}

pub fn too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

/// The areas of a window of `size` showing `screen`, with `message_rows` rows
/// of news above the footer (at least one, at most three).
pub fn areas(size: (u16, u16), screen: Screen, message_rows: u16) -> Areas {
    let (w, h) = size;
    let status_rows = u16::from(matches!(screen, Screen::Feedback | Screen::Opened(_)));
    let header = Rect::new(0, 0, w, 2.min(h));
    let status = Rect::new(0, header.bottom(), w, status_rows.min(h - header.height));
    let footer_y = h.saturating_sub(1);
    let message_rows = message_rows.clamp(1, 3);
    let message_y = h.saturating_sub(1 + message_rows);
    let body_y = status.bottom();
    let body = Rect::new(
        1.min(w),
        body_y,
        w.saturating_sub(2),
        message_y.saturating_sub(body_y),
    );
    Areas {
        header,
        status,
        body,
        message: Rect::new(0, message_y, w, message_rows.min(h)),
        footer: Rect::new(0, footer_y, w, 1.min(h)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_gets_what_header_and_footer_leave() {
        let a = areas((80, 24), Screen::Question, 1);
        assert_eq!(a.body, Rect::new(1, 2, 78, 20));
        let f = areas((80, 24), Screen::Feedback, 1);
        assert_eq!((f.status.y, f.body.y, f.body.height), (2, 3, 19));
        assert_eq!((f.message.y, f.footer.y), (22, 23));
        let long = areas((60, 20), Screen::Question, 2);
        assert_eq!(
            (long.body.height, long.message.y, long.message.height),
            (15, 17, 2)
        );
    }
}
