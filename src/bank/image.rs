//! A question's picture (`image:`): where its file is, and what it is.
//!
//! The path is relative to the bank file's folder and must stay inside it: a bank
//! downloaded from the web names files, and quiz opens or serves only those that
//! lie in the bank's own folder (no absolute path, no `..`, no symlink out). The
//! type is read from the file's first bytes, not trusted from its name, and the
//! two must agree: an `.svg` that holds a PNG, or a `.png` that holds a page, is
//! refused.

use std::fs;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// The largest picture a question may have, in bytes: a screenshot or a
/// topology diagram is well under it; a photo straight from a camera is not.
pub const MAX_IMAGE_BYTES: u64 = 4 * 1024 * 1024;

/// The kinds of picture a question may show: what every browser displays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageType {
    Png,
    Jpeg,
    Svg,
    Webp,
}

impl ImageType {
    /// Every type, for messages.
    pub const ALL: [ImageType; 4] = [Self::Png, Self::Jpeg, Self::Svg, Self::Webp];

    /// The type a file name's extension says, if it is one of ours.
    pub fn from_extension(path: &str) -> Option<ImageType> {
        let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Self::Png),
            "jpg" | "jpeg" => Some(Self::Jpeg),
            "svg" => Some(Self::Svg),
            "webp" => Some(Self::Webp),
            _ => None,
        }
    }

    /// The type a file's first bytes show, if it is one of ours.
    pub fn sniff(head: &[u8]) -> Option<ImageType> {
        if head.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if head.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(Self::Jpeg)
        } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
            Some(Self::Webp)
        } else if is_svg(head) {
            Some(Self::Svg)
        } else {
            None
        }
    }

    /// The media type it is served as.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Svg => "image/svg+xml",
            Self::Webp => "image/webp",
        }
    }

    /// Its usual name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
            Self::Svg => "SVG",
            Self::Webp => "WebP",
        }
    }
}

/// Whether a file starts as an SVG document does: an `<svg` element, after an
/// optional byte-order mark, XML declaration, comments and doctype.
fn is_svg(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    let mut rest = text.trim_start();
    loop {
        if rest.starts_with("<svg") {
            return true;
        }
        let close = if rest.starts_with("<?") {
            "?>"
        } else if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<!") {
            ">"
        } else {
            return false;
        };
        match rest.find(close) {
            Some(end) => rest = rest[end + close.len()..].trim_start(),
            None => return false,
        }
    }
}

/// Why a question's picture cannot be shown.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("`{0}` is an absolute path; write it relative to the bank file's folder")]
    Absolute(String),
    #[error("`{0}` leaves the bank file's folder (`..`); keep pictures in or under it")]
    Escapes(String),
    #[error("`{path}` does not exist beside the bank (looked for {})", .looked.display())]
    NotFound { path: String, looked: PathBuf },
    #[error("`{0}` is a symlink to a file outside the bank file's folder")]
    OutsideFolder(String),
    #[error("`{0}` is not a file")]
    NotAFile(String),
    #[error("`{path}` could not be read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}` is {size} bytes, over the limit of {} MiB; make it smaller", MAX_IMAGE_BYTES / (1024 * 1024))]
    TooLarge { path: String, size: u64 },
    #[error("`{0}` is not a PNG, JPEG, SVG or WebP picture (by its name)")]
    UnknownExtension(String),
    #[error("`{path}` is named as {named} but holds {}", held.map_or("no picture quiz shows", ImageType::name))]
    WrongType {
        path: String,
        named: &'static str,
        held: Option<ImageType>,
    },
}

/// A picture found and checked: its file (canonical) and its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub file: PathBuf,
    pub kind: ImageType,
    pub size: u64,
}

/// The folder a bank file's pictures are relative to.
pub fn folder_of(bank_file: &Path) -> PathBuf {
    match bank_file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Finds the picture `image` that the bank file `bank_file` names, and checks
/// it: inside the bank's folder, a file, of an allowed type by both its name and
/// its content, within [`MAX_IMAGE_BYTES`]. Reads only its first bytes.
pub fn find(bank_file: &Path, image: &str) -> Result<Found, ImageError> {
    let written = image.trim();
    let relative = Path::new(written);
    if relative.is_absolute() || relative.has_root() {
        return Err(ImageError::Absolute(written.to_owned()));
    }
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(ImageError::Escapes(written.to_owned()));
    }
    let named = ImageType::from_extension(written)
        .ok_or_else(|| ImageError::UnknownExtension(written.to_owned()))?;
    let folder = folder_of(bank_file);
    let looked = if folder == Path::new(".") {
        relative.to_path_buf()
    } else {
        folder.join(relative)
    };
    let io = |source| ImageError::Io {
        path: written.to_owned(),
        source,
    };
    let file = match looked.canonicalize() {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ImageError::NotFound {
                path: written.to_owned(),
                looked,
            });
        }
        Err(e) => return Err(io(e)),
    };
    let root = folder.canonicalize().map_err(io)?;
    if !file.starts_with(&root) {
        return Err(ImageError::OutsideFolder(written.to_owned()));
    }
    let meta = fs::metadata(&file).map_err(io)?;
    if !meta.is_file() {
        return Err(ImageError::NotAFile(written.to_owned()));
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(ImageError::TooLarge {
            path: written.to_owned(),
            size: meta.len(),
        });
    }
    let mut head = Vec::with_capacity(1024);
    fs::File::open(&file)
        .map_err(io)?
        .take(1024)
        .read_to_end(&mut head)
        .map_err(io)?;
    let held = ImageType::sniff(&head);
    if held != Some(named) {
        return Err(ImageError::WrongType {
            path: written.to_owned(),
            named: named.name(),
            held,
        });
    }
    Ok(Found {
        file,
        kind: named,
        size: meta.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("bank.yaml"), "questions: []").expect("write");
        dir
    }

    #[test]
    fn sniffs_each_type_and_nothing_else() {
        assert_eq!(ImageType::sniff(PNG), Some(ImageType::Png));
        assert_eq!(
            ImageType::sniff(b"\xff\xd8\xff\xe0JFIF"),
            Some(ImageType::Jpeg)
        );
        assert_eq!(
            ImageType::sniff(b"RIFF\x10\0\0\0WEBPVP8 "),
            Some(ImageType::Webp)
        );
        assert_eq!(
            ImageType::sniff(b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n<!DOCTYPE svg>\n<svg xmlns=\"\">"),
            Some(ImageType::Svg)
        );
        assert_eq!(ImageType::sniff(b"<html><svg>"), None);
        assert_eq!(ImageType::sniff(b"GIF89a"), None);
        assert_eq!(ImageType::sniff(b"<?xml"), None);
    }

    #[test]
    fn finds_a_picture_beside_the_bank() {
        let dir = folder();
        fs::create_dir(dir.path().join("img")).expect("mkdir");
        fs::write(dir.path().join("img/net.png"), PNG).expect("write");
        let found = find(&dir.path().join("bank.yaml"), "img/net.png").expect("found");
        assert_eq!(found.kind, ImageType::Png);
        assert!(found.file.ends_with("img/net.png"));
    }

    #[test]
    fn refuses_what_leaves_the_folder_or_lies_about_its_type() {
        let dir = folder();
        let bank = dir.path().join("bank.yaml");
        fs::write(dir.path().join("page.png"), "<html>").expect("write");
        fs::write(dir.path().join("pic.gif"), "GIF89a").expect("write");
        let err = |path: &str| find(&bank, path).map(|_| ()).unwrap_err().to_string();
        assert!(
            err("/etc/passwd.png").contains("absolute"),
            "{}",
            err("/etc/passwd.png")
        );
        assert!(err("../x.png").contains("leaves"));
        assert!(err("a/../../x.png").contains("leaves"));
        assert!(err("nosuch.png").contains("does not exist"));
        assert!(err("page.png").contains("holds no picture"));
        assert!(err("pic.gif").contains("not a PNG"));
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_symlink_out_of_the_folder() {
        let outside = tempfile::tempdir().expect("a temporary folder");
        fs::write(outside.path().join("secret.png"), PNG).expect("write");
        let dir = folder();
        std::os::unix::fs::symlink(
            outside.path().join("secret.png"),
            dir.path().join("link.png"),
        )
        .expect("symlink");
        let err = find(&dir.path().join("bank.yaml"), "link.png").unwrap_err();
        assert!(matches!(err, ImageError::OutsideFolder(_)), "{err}");
    }

    #[test]
    fn refuses_a_picture_over_the_limit() {
        let dir = folder();
        let mut big = PNG.to_vec();
        big.resize(MAX_IMAGE_BYTES as usize + 1, 0);
        fs::write(dir.path().join("big.png"), big).expect("write");
        let err = find(&dir.path().join("bank.yaml"), "big.png").unwrap_err();
        assert!(matches!(err, ImageError::TooLarge { .. }), "{err}");
    }
}
