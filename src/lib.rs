//! quiz: an exam-question quiz engine.
//!
//! Banks of questions written in YAML are loaded ([`bank`]), validated ([`check`]),
//! and asked in the terminal ([`quiz`] for the session, [`ui`] for the fronts);
//! exam blueprints ([`blueprint`]) build mock exams from them by domain.
//! The binary only parses arguments; [`command`] holds what each subcommand does.

pub mod author;
pub mod bank;
pub mod blueprint;
pub mod check;
pub mod command;
pub mod diagnostic;
pub mod exit;
pub mod flow;
pub mod formats;
pub mod paint;
pub mod parallel;
pub mod present;
pub mod prose;
pub mod quiz;
pub mod report;
pub mod review;
pub mod rfc;
pub mod safe;
pub mod screen;
pub mod store;
pub mod ui;
pub mod viewer;
pub mod words;

pub use diagnostic::{Diagnostic, Pos, Severity};
pub use exit::ExitStatus;
