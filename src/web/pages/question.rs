//! A question up, its practice feedback, and a question opened from an exam's
//! results: the header, the question of its kind, the verdict with the
//! explanation and references, and the buttons with their keys.

use super::{Clock, Cx, Frame, button, frame, hidden, tone};
use crate::flow::Flow;
use crate::present::{self, Feedback, Header, Place};
use crate::quiz::Mode;
use crate::screen::keymap::{Command, Mode as KeyMode};
use crate::web::Sitting;
use crate::web::keys::{Do, button as key_button};
use crate::web::kinds;
use maud::{Markup, html};
use std::time::{Duration, SystemTime};

/// The header of a sitting at `place`, and its clock for the script.
pub fn header(sitting: &Sitting, place: Place, now: SystemTime) -> (Header, Option<Clock>) {
    let header = present::header(&sitting.session, &sitting.flow, &sitting.title, place, now);
    let clock = clock(&sitting.flow, now);
    (header, clock)
}

/// An exam's clock, while it runs: the time left, and when the header's tone
/// changes (the last tenth of the limit, the last minute), as `present` says.
pub fn clock(flow: &Flow, now: SystemTime) -> Option<Clock> {
    if flow.submitted() {
        return None;
    }
    let left = flow.time_left(now)?;
    Some(Clock {
        left,
        warn: flow.limit().map_or(Duration::ZERO, |l| l / 10),
        bad: Duration::from_secs(60),
    })
}

/// Question `index`, to answer.
pub fn question(cx: &Cx, sitting: &Sitting, index: usize, now: SystemTime) -> Markup {
    let (header, clock) = header(sitting, Place::Question(index), now);
    let Some(question) = present::question(&sitting.session, &sitting.flow, index) else {
        return super::refusal("There is no such question.");
    };
    let mode = sitting.flow.mode();
    let shape = match question.kind {
        crate::bank::Kind::Choice => crate::screen::keymap::Shape::Pick,
        crate::bank::Kind::Order => crate::screen::keymap::Shape::Arrange,
        crate::bank::Kind::Match => crate::screen::keymap::Shape::Pair,
        _ => crate::screen::keymap::Shape::Typed,
    };
    let keys = KeyMode::Question(mode, shape);
    let buttons = match mode {
        Mode::Practice => vec![
            key_button(Do::Answer, "Answer", keys, Command::Answer).primary(),
            key_button(Do::Skip, "Skip", keys, Command::Skip),
            key_button(
                Do::Flag,
                flag_label(&sitting.flow, index),
                keys,
                Command::Flag,
            ),
            key_button(Do::Leave, "Quit", keys, Command::Quit),
        ],
        Mode::Exam => vec![
            key_button(Do::Answer, "Next", keys, Command::Answer).primary(),
            key_button(Do::Previous, "Previous", keys, Command::Previous),
            key_button(Do::Next, "Skip", keys, Command::Next),
            key_button(
                Do::Flag,
                flag_label(&sitting.flow, index),
                keys,
                Command::Flag,
            ),
            key_button(Do::Review, "Review", keys, Command::Review),
        ],
    };
    let goto = key_button(Do::GoTo, "Go", keys, Command::GoTo);
    let body = html! {
        form.sheet method="post" action="/quiz" id="sheet" data-mode=(mode.name()) {
            (hidden(cx, &format!("q{index}")))
            (kinds::answer(&question))
            div.actions {
                @for b in &buttons { (button(b)) }
            }
            @if mode == Mode::Exam {
                div.goto {
                    label for="number" { "Go to question" }
                    input id="number" name="number" type="number" min="1"
                        max=(sitting.session.len()) inputmode="numeric"
                        data-focus-keys=(crate::web::keys::data_keys(&goto.keys));
                    button type="submit" name="do" value=(goto.does.value()) id="goto" { "Go" }
                }
            }
        }
    };
    frame(Frame {
        title: format!("{} · {}", header.place, header.title),
        header: Some(&header),
        clock,
        news: cx.news,
        keys: Some(keys),
        body,
    })
}

fn flag_label(flow: &Flow, index: usize) -> &'static str {
    if flow.flagged(index) {
        "Unflag"
    } else {
        "Flag"
    }
}

/// The verdict and the note, then the question judged, then the explanation
/// and the references.
fn verdict(feedback: &Feedback, question: &present::Question) -> Markup {
    html! {
        p class=(format!("verdict {}", tone(feedback.verdict.tone))) { (feedback.verdict.text) }
        @if let Some(note) = &feedback.note {
            p.note { (note) }
        }
        (kinds::judged(question))
        @if feedback.explanation.iter().any(|p| !p.is_empty()) {
            div.explanation {
                @for paragraph in feedback.explanation.iter().filter(|p| !p.is_empty()) {
                    p { (paragraph) }
                }
            }
        }
        @if !feedback.references.is_empty() {
            ul.references {
                @for r in &feedback.references {
                    li {
                        @match &r.link {
                            Some(link) => {
                                a href=(link) rel="noopener noreferrer" target="_blank" { (r.label) }
                            }
                            None => { span.label { (r.label) } }
                        }
                        ": " span.address { (r.address) }
                    }
                }
            }
        }
    }
}

/// An open question's three marks, once its model answer is shown.
fn marks(keys: KeyMode) -> [crate::web::keys::Button; 3] {
    use crate::quiz::SelfMark;
    [
        key_button(Do::MarkRight, "Right", keys, Command::Mark(SelfMark::Right)),
        key_button(
            Do::MarkPartly,
            "Partly right",
            keys,
            Command::Mark(SelfMark::Partly),
        ),
        key_button(Do::MarkWrong, "Wrong", keys, Command::Mark(SelfMark::Wrong)),
    ]
}

/// Practice: the verdict on question `index`.
pub fn feedback(cx: &Cx, sitting: &Sitting, index: usize, now: SystemTime) -> Markup {
    let (header, clock) = header(sitting, Place::Question(index), now);
    let note = sitting.notes.get(index).cloned().flatten();
    let (Some(question), Some(feedback)) = (
        present::question(&sitting.session, &sitting.flow, index),
        present::feedback(&sitting.session, &sitting.flow, index, note.as_deref()),
    ) else {
        return super::refusal("There is no such question.");
    };
    let open = question.kind == crate::bank::Kind::Open;
    let keys = KeyMode::Feedback(open);
    let mut buttons = Vec::new();
    if open {
        buttons.extend(marks(keys));
    }
    buttons.extend([
        key_button(Do::Next, "Next question", keys, Command::Next).primary(),
        key_button(
            Do::Flag,
            flag_label(&sitting.flow, index),
            keys,
            Command::Flag,
        ),
        key_button(Do::Leave, "Quit", keys, Command::Quit),
    ]);
    let body = html! {
        (verdict(&feedback, &question))
        form.sheet method="post" action="/quiz" {
            (hidden(cx, &format!("f{index}")))
            @if open {
                p { "Mark your answer against the model answer:" }
            }
            div.actions {
                @for b in &buttons { (button(b)) }
            }
        }
    };
    frame(Frame {
        title: format!("{} · {}", header.place, header.title),
        header: Some(&header),
        clock,
        news: cx.news,
        keys: Some(keys),
        body,
    })
}

/// An exam, submitted: question `index` with its marks and feedback.
pub fn opened(cx: &Cx, sitting: &Sitting, index: usize, now: SystemTime) -> Markup {
    let session = &sitting.session;
    let (header, _) = header(sitting, Place::Opened(index), now);
    let (Some(question), Some(feedback)) = (
        present::question(session, &sitting.flow, index),
        present::feedback(session, &sitting.flow, index, None),
    ) else {
        return super::refusal("There is no such question.");
    };
    let open = question.kind == crate::bank::Kind::Open;
    let keys = KeyMode::Opened(open);
    let back = crate::web::keys::keys(keys, Command::Back);
    let body = html! {
        (verdict(&feedback, &question))
        @if open {
            form.sheet method="post" action="/quiz" {
                (hidden(cx, "results"))
                input type="hidden" name="question" value=(index);
                p { "Mark your answer against the model answer:" }
                div.actions {
                    @for b in &marks(keys) { (button(b)) }
                }
            }
        }
        p.actions {
            a.button.primary href="/quiz" data-keys=(crate::web::keys::data_keys(&back)) {
                "Back to the results"
                @for key in &back { " " kbd { (crate::web::keys::shown(*key)) } }
            }
        }
    };
    frame(Frame {
        title: format!("{} · {}", header.place, header.title),
        header: Some(&header),
        clock: None,
        news: cx.news,
        keys: Some(keys),
        body,
    })
}
