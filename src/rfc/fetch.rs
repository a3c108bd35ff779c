//! Downloading RFC texts from the RFC Editor (`quiz rfc fetch`), over HTTPS with
//! rustls. The address is configurable, so that tests can serve texts from
//! 127.0.0.1 and a user can point at a mirror.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where RFC texts are published: `{base}rfc8446.txt`.
pub const DEFAULT_BASE_URL: &str = "https://www.rfc-editor.org/rfc/";

/// The environment variable that replaces [`DEFAULT_BASE_URL`].
pub const BASE_URL_ENV: &str = "QUIZ_RFC_BASE_URL";

/// The largest text accepted; the longest RFCs are a few megabytes.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How long one download may take, connecting included.
const TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{url} has no such RFC (HTTP 404)")]
    NotFound { url: String },
    #[error("{url} answered HTTP {status}")]
    Status { url: String, status: u16 },
    #[error("{url} is larger than {} MiB", MAX_BYTES / (1024 * 1024))]
    TooLarge { url: String },
    #[error("{url} did not send the text of RFC {number}")]
    NotAnRfc { url: String, number: u32 },
    #[error("cannot download {url}")]
    Transport {
        url: String,
        #[source]
        source: ureq::Error,
    },
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Downloads RFC texts from one base address.
pub struct Fetcher {
    agent: ureq::Agent,
    base: String,
}

impl Fetcher {
    /// A fetcher for `base` (`https://www.rfc-editor.org/rfc/`); a missing final
    /// `/` is added.
    pub fn new(base: &str) -> Fetcher {
        let mut base = base.trim().to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("quiz/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Fetcher { agent, base }
    }

    /// The address of RFC `number`'s text.
    pub fn url(&self, number: u32) -> String {
        format!("{}rfc{number}.txt", self.base)
    }

    /// Downloads RFC `number`'s text and checks that it is one.
    pub fn fetch(&self, number: u32) -> Result<String, Error> {
        let url = self.url(number);
        let mut response = self.agent.get(&url).call().map_err(|e| match e {
            ureq::Error::StatusCode(404) => Error::NotFound { url: url.clone() },
            ureq::Error::StatusCode(status) => Error::Status {
                url: url.clone(),
                status,
            },
            source => Error::Transport {
                url: url.clone(),
                source,
            },
        })?;
        let bytes = response
            .body_mut()
            .with_config()
            .limit(MAX_BYTES)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => Error::TooLarge { url: url.clone() },
                source => Error::Transport {
                    url: url.clone(),
                    source,
                },
            })?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if !is_rfc_text(&text, number) {
            return Err(Error::NotAnRfc { url, number });
        }
        Ok(text)
    }
}

/// Whether `text` is the plain text of RFC `number`: it names itself on its first
/// page or in its page headers, and is not a web page.
pub fn is_rfc_text(text: &str, number: u32) -> bool {
    let head: String = text.chars().take(4096).collect::<String>().to_lowercase();
    if head.contains("<html") || head.contains("<!doctype") {
        return false;
    }
    text.contains(&format!("Request for Comments: {number}"))
        || text.contains(&format!("RFC {number} "))
}

/// Writes `text` as `dir/rfcNNNN.txt`, whole or not at all (a temporary file renamed
/// into place), creating `dir`.
pub fn save(dir: &Path, number: u32, text: &str) -> Result<PathBuf, Error> {
    let path = dir.join(format!("rfc{number}.txt"));
    let partial = dir.join(format!(".rfc{number}.txt.part"));
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_owned(),
        source,
    })?;
    std::fs::write(&partial, text).map_err(|source| Error::Write {
        path: partial.clone(),
        source,
    })?;
    std::fs::rename(&partial, &path).map_err(|source| Error::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// `8446`, `rfc8446`, `RFC8446` → 8446.
pub fn parse_number(text: &str) -> Option<u32> {
    let t = text.trim();
    let digits = t
        .strip_prefix("rfc")
        .or_else(|| t.strip_prefix("RFC"))
        .unwrap_or(t)
        .trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n: &u32| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_several_ways() {
        assert_eq!(parse_number("8446"), Some(8446));
        assert_eq!(parse_number("rfc8446"), Some(8446));
        assert_eq!(parse_number("RFC 8446"), Some(8446));
        assert_eq!(parse_number("0"), None);
        assert_eq!(parse_number("84x6"), None);
        assert_eq!(parse_number("99999999999"), None);
    }

    #[test]
    fn a_web_page_is_not_an_rfc() {
        assert!(is_rfc_text("Request for Comments: 8446\n...", 8446));
        assert!(!is_rfc_text("Request for Comments: 8447\n", 8446));
        assert!(!is_rfc_text("<!DOCTYPE html><html>RFC 8446 </html>", 8446));
    }

    #[test]
    fn the_base_gets_its_slash() {
        let f = Fetcher::new("http://127.0.0.1:9/rfc");
        assert_eq!(f.url(5246), "http://127.0.0.1:9/rfc/rfc5246.txt");
    }
}
