//! A question's picture: its file is there, inside the bank's folder, a picture
//! of a type every browser shows, not too large, and described in words.

use super::{Check, Rule, Sink};
use crate::bank::image::{self, ImageError};
use crate::bank::{BUILTIN_LABEL, Question};
use crate::check::Config;
use crate::diagnostic::Severity::{Error, Warning};
use std::path::Path;

pub const MISSING_IMAGE: Rule = Rule {
    code: "missing-image",
    severity: Error,
    summary: "`image` names no file inside the bank file's folder (absent, an absolute path, `..`, or a symlink out)",
    flags: "`image: ../secret/topology.png`",
    passes: "`image: img/topology.png`, beside the bank file",
    check: Check::Question(image_is_found),
};

pub const INVALID_IMAGE: Rule = Rule {
    code: "invalid-image",
    severity: Error,
    summary: "`image` is not a PNG, JPEG, SVG or WebP file, by its name and by its first bytes",
    flags: "`image: topology.gif`, or a `.png` that holds a web page",
    passes: "`image: topology.png` holding a PNG",
    check: Check::Question(image_is_a_picture),
};

pub const IMAGE_TOO_LARGE: Rule = Rule {
    code: "image-too-large",
    severity: Error,
    summary: "the `image` file is over 4 MiB",
    flags: "`image: photo.jpg`, 12 MB straight from a camera",
    passes: "`image: topology.png`, 80 kB",
    check: Check::Question(image_is_small),
};

pub const MISSING_ALT: Rule = Rule {
    code: "missing-alt",
    severity: Warning,
    summary: "a question with an `image` has no `alt` text: screen readers and the terminal have nothing to show for it",
    flags: "`image: topology.png` alone",
    passes: "`image: topology.png` with `alt: Two routers, R1 and R2, joined by a serial link`",
    check: Check::Question(image_has_alt),
};

pub const ALT_WITHOUT_IMAGE: Rule = Rule {
    code: "alt-without-image",
    severity: Warning,
    summary: "`alt` describes a picture, but the question has no `image`",
    flags: "`alt: The topology` with no `image`",
    passes: "`alt: The topology` with `image: topology.png`",
    check: Check::Question(alt_has_image),
};

/// Finds the question's picture, if it names one and is in a file (the
/// built-in bank has no folder to hold one).
fn found(q: &Question, config: &Config, s: &Sink) -> Option<Result<image::Found, ImageError>> {
    let path = q.image.as_ref()?;
    if config.imported || s.path().starts_with(BUILTIN_LABEL) {
        return None;
    }
    Some(image::find(Path::new(s.path()), &path.value))
}

fn image_is_found(q: &Question, config: &Config, s: &mut Sink) {
    let (Some(path), Some(Err(e))) = (&q.image, found(q, config, s)) else {
        return;
    };
    if matches!(
        e,
        ImageError::Absolute(_)
            | ImageError::Escapes(_)
            | ImageError::NotFound { .. }
            | ImageError::OutsideFolder(_)
            | ImageError::NotAFile(_)
            | ImageError::Io { .. }
    ) {
        s.report(&MISSING_IMAGE, path.pos, e.to_string());
    }
}

fn image_is_a_picture(q: &Question, config: &Config, s: &mut Sink) {
    let (Some(path), Some(Err(e))) = (&q.image, found(q, config, s)) else {
        return;
    };
    if matches!(
        e,
        ImageError::UnknownExtension(_) | ImageError::WrongType { .. }
    ) {
        s.report(&INVALID_IMAGE, path.pos, e.to_string());
    }
}

fn image_is_small(q: &Question, config: &Config, s: &mut Sink) {
    let (Some(path), Some(Err(e))) = (&q.image, found(q, config, s)) else {
        return;
    };
    if matches!(e, ImageError::TooLarge { .. }) {
        s.report(&IMAGE_TOO_LARGE, path.pos, e.to_string());
    }
}

fn image_has_alt(q: &Question, _: &Config, s: &mut Sink) {
    if let Some(path) = &q.image
        && q.alt.as_ref().is_none_or(|a| a.value.trim().is_empty())
    {
        s.report(
            &MISSING_ALT,
            path.pos,
            "the picture has no `alt` text; add `alt:` saying what it shows, for screen readers and the terminal",
        );
    }
}

fn alt_has_image(q: &Question, _: &Config, s: &mut Sink) {
    if let (Some(alt), None) = (&q.alt, &q.image) {
        s.report(
            &ALT_WITHOUT_IMAGE,
            alt.pos,
            "`alt` describes a picture, but there is no `image`; add `image:` or remove `alt`",
        );
    }
}
