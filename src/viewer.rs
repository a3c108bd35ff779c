//! Opening a question's picture in the system's viewer, for the terminal
//! fronts, which cannot draw it: the program that `$QUIZ_VIEWER` names, or
//! the desktop's default for the file's type (the `open` crate: `xdg-open`,
//! `open`, `start`). The viewer runs apart from quiz, its output discarded, so
//! that it never writes over the screen.

use crate::bank::image::ImageError;
use crate::present::Picture;

/// The environment variable naming the program that opens pictures.
pub const VIEWER_VAR: &str = "QUIZ_VIEWER";

/// Why a picture was not opened.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Image(#[from] ImageError),
    #[error("no viewer could be started ({0}); set {VIEWER_VAR} to a program that shows pictures")]
    NoViewer(std::io::Error),
}

/// Finds the picture inside its bank's folder, checks it, and starts a
/// viewer on it; does not wait for the viewer.
pub fn open(picture: &Picture) -> Result<(), Error> {
    let found = picture.find()?;
    match std::env::var_os(VIEWER_VAR).filter(|v| !v.is_empty()) {
        Some(viewer) => std::process::Command::new(viewer)
            .arg(&found.file)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .map(drop),
        None => open::that_detached(&found.file),
    }
    .map_err(Error::NoViewer)
}
