//! The pages, as maud templates: one function per page, fed by
//! `crate::present`'s view models, and the parts they share (the frame, the
//! header, the news, the buttons, the key list). Every value is escaped by
//! maud; nothing here writes raw HTML.

mod history;
mod question;
mod results;
pub mod review;
pub mod start;

pub use history::history;
pub use question::{feedback, opened, question};
pub use results::{results, summary};
pub use review::review;
pub use start::start;

use super::assets;
use super::keys::{self, Button};
use crate::present::{Header, Tone};
use crate::screen::keymap::Mode as KeyMode;
use maud::{DOCTYPE, Markup, html};
use std::time::Duration;

/// What every page of a sitting needs besides its own view models.
pub struct Cx<'a> {
    /// The visitor's CSRF token, for its forms.
    pub csrf: &'a str,
    /// Lines of news: notices, refusals.
    pub news: &'a [String],
}

/// An exam's clock for the script: the time left, and when its tone changes.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub left: Duration,
    pub warn: Duration,
    pub bad: Duration,
}

/// A whole page: its title, header, news, body and the key list of `keys`.
pub struct Frame<'a> {
    pub title: String,
    pub header: Option<&'a Header>,
    pub clock: Option<Clock>,
    pub news: &'a [String],
    pub keys: Option<KeyMode>,
    pub body: Markup,
}

pub fn tone(tone: Tone) -> &'static str {
    match tone {
        Tone::Plain => "tone-plain",
        Tone::Good => "tone-good",
        Tone::Warn => "tone-warn",
        Tone::Bad => "tone-bad",
    }
}

pub fn frame(page: Frame) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (page.title) }
                link rel="stylesheet" href=(assets::CSS.path());
                script src=(assets::JS.path()) defer {}
            }
            body {
                @if let Some(header) = page.header {
                    (bar(header, page.clock))
                }
                main id="main" {
                    @if page.header.is_none() {
                        h1 { (page.title) }
                    }
                    (news(page.news))
                    (page.body)
                }
                footer.foot {
                    @if let Some(mode) = page.keys {
                        (key_list(mode))
                    }
                    nav aria-label="quiz" {
                        a href="/" { "Start" }
                        " · "
                        a href="/history" { "History" }
                    }
                }
            }
        }
    }
}

/// The header: the title and the mode, where the candidate is, and how it goes.
fn bar(header: &Header, clock: Option<Clock>) -> Markup {
    html! {
        header.bar {
            p.title { (header.title) " · " span.mode { (header.mode) } }
            h1.place { (header.place) }
            ul.parts id="parts" {
                @for part in &header.parts {
                    @match clock.filter(|_| part.symbol == Some("⏱")) {
                        Some(clock) => {
                            li class=(format!("part clock {}", tone(part.tone)))
                                data-left-ms=(clock.left.as_millis())
                                data-warn-ms=(clock.warn.as_millis())
                                data-bad-ms=(clock.bad.as_millis())
                                role="timer" { (part.shown()) }
                        }
                        None => {
                            li class=(format!("part {}", tone(part.tone))) { (part.shown()) }
                        }
                    }
                }
            }
        }
    }
}

/// The news: always there, so that a screen reader hears what the script puts in it.
fn news(lines: &[String]) -> Markup {
    html! {
        div.news id="news" role="status" aria-live="polite" {
            @for line in lines {
                p { (line) }
            }
        }
    }
}

/// The `?` list: the screen's keys that a browser has.
fn key_list(mode: KeyMode) -> Markup {
    html! {
        details.keys id="keys" {
            summary data-keys="?" { "Keys " kbd { "?" } }
            dl {
                @for (key, what) in keys::list(mode) {
                    dt { kbd { (key) } }
                    dd { (what) }
                }
            }
        }
    }
}

/// The hidden fields of every form: the CSRF token, and the place the form was
/// made for (a form from a page since left does nothing).
pub fn hidden(cx: &Cx, at: &str) -> Markup {
    html! {
        input type="hidden" name="csrf" value=(cx.csrf);
        input type="hidden" name="at" value=(at);
    }
}

/// A submit button of the sitting's form, with its keys.
pub fn button(b: &Button) -> Markup {
    let keys = keys::data_keys(&b.keys);
    html! {
        button type="submit" name="do" value=(b.does.value())
            class=[b.primary.then_some("primary")]
            data-keys=[(!keys.is_empty()).then_some(&keys)]
            aria-keyshortcuts=[(!keys.is_empty()).then_some(&keys)] {
            (b.label)
            @for key in &b.keys {
                " " kbd { (keys::shown(*key)) }
            }
        }
    }
}

/// A page that refuses a request, in words.
pub fn refusal(why: &str) -> Markup {
    frame(Frame {
        title: "quiz".to_owned(),
        header: None,
        clock: None,
        news: &[],
        keys: None,
        body: html! { p.refused { (why) } },
    })
}
