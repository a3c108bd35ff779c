//! Downloading RFC texts from the RFC Editor (`quiz rfc fetch`), over HTTPS with
//! rustls. The address is configurable, so that tests can serve texts from
//! 127.0.0.1 and a user can point at a mirror: it must be `https://`, but for a
//! loopback address (`127.0.0.1`, `::1`, `localhost`), which may be plain
//! `http://`. A redirect is followed only to an address that keeps that rule, and
//! a plain `http://` one only on the same scheme, host and port. One deadline
//! holds for a whole command, however many RFCs it downloads.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use url::Url;

/// Where RFC texts are published: `{base}rfc8446.txt`.
pub const DEFAULT_BASE_URL: &str = "https://www.rfc-editor.org/rfc/";

/// The environment variable that replaces [`DEFAULT_BASE_URL`].
pub const BASE_URL_ENV: &str = "QUIZ_RFC_BASE_URL";

/// The largest text accepted; the longest RFCs are a few megabytes.
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// How long a whole `quiz rfc fetch` may take by default, every download and
/// connection included (`--timeout` changes it).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How many redirects one download follows.
const MAX_REDIRECTS: usize = 5;

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
    #[error(
        "{BASE_URL_ENV}={url} is not an https:// address: give one (plain http:// is for a loopback address such as http://127.0.0.1:8080/ only)"
    )]
    Insecure { url: String },
    #[error(
        "{url} redirects to {to}, which quiz does not follow: a redirect must stay https:// (or, for plain http://, on the same loopback address and port)"
    )]
    Redirect { url: String, to: String },
    #[error("{url} redirects more than {MAX_REDIRECTS} times")]
    TooManyRedirects { url: String },
    #[error(
        "the time allowed for the whole command ({allowed:?}) ran out before {url} was downloaded; give more with --timeout"
    )]
    TimedOut { url: String, allowed: Duration },
}

/// Downloads RFC texts from one base address, all before one deadline.
pub struct Fetcher {
    agent: ureq::Agent,
    base: String,
    deadline: Instant,
    allowed: Duration,
}

impl Fetcher {
    /// A fetcher for `base` (`https://www.rfc-editor.org/rfc/`; a missing final
    /// `/` is added) whose downloads must all be done within `allowed` from now.
    /// Refuses a base that is not https:// (but for a loopback address).
    pub fn new(base: &str, allowed: Duration) -> Result<Fetcher, Error> {
        let mut base = base.trim().to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        if !Url::parse(&base).is_ok_and(|u| allowed_base(&u)) {
            return Err(Error::Insecure { url: base });
        }
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(allowed))
            // Redirects are followed here, each checked (see `follow`).
            .max_redirects(0)
            .user_agent(concat!("quiz/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Ok(Fetcher {
            agent,
            base,
            deadline: Instant::now() + allowed,
            allowed,
        })
    }

    /// The address of RFC `number`'s text.
    pub fn url(&self, number: u32) -> String {
        format!("{}rfc{number}.txt", self.base)
    }

    /// Downloads RFC `number`'s text and checks that it is one.
    pub fn fetch(&self, number: u32) -> Result<String, Error> {
        let url = self.url(number);
        let mut response = self.follow(&url)?;
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

impl Fetcher {
    /// The time left before the deadline, or the error saying it ran out.
    fn left(&self, url: &str) -> Result<Duration, Error> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Error::TimedOut {
                url: url.to_owned(),
                allowed: self.allowed,
            });
        }
        Ok(left)
    }

    /// GETs `url`, following redirects that keep the address rule, within the time left.
    fn follow(&self, url: &str) -> Result<ureq::http::Response<ureq::Body>, Error> {
        let mut at = url.to_owned();
        for _ in 0..=MAX_REDIRECTS {
            let left = self.left(url)?;
            let response = self
                .agent
                .get(&at)
                .config()
                .timeout_global(Some(left))
                .build()
                .call()
                .map_err(|e| match e {
                    ureq::Error::StatusCode(404) => Error::NotFound { url: at.clone() },
                    ureq::Error::StatusCode(status) => Error::Status {
                        url: at.clone(),
                        status,
                    },
                    ureq::Error::Timeout(_) => Error::TimedOut {
                        url: url.to_owned(),
                        allowed: self.allowed,
                    },
                    source => Error::Transport {
                        url: at.clone(),
                        source,
                    },
                })?;
            if !response.status().is_redirection() {
                return Ok(response);
            }
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .unwrap_or_default();
            let from = Url::parse(&at).map_err(|_| Error::Insecure { url: at.clone() })?;
            let to = from
                .join(location)
                .ok()
                .filter(|to| may_redirect(&from, to));
            match to {
                Some(to) => at = to.into(),
                None => {
                    return Err(Error::Redirect {
                        url: at,
                        to: location.to_owned(),
                    });
                }
            }
        }
        Err(Error::TooManyRedirects {
            url: url.to_owned(),
        })
    }
}

/// Whether `url` may be downloaded from: https://, or http:// on a loopback address.
fn allowed_base(url: &Url) -> bool {
    match url.scheme() {
        "https" => url.host().is_some(),
        "http" => is_loopback(url),
        _ => false,
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// Whether a redirect from `from` to `to` is followed: to https:// anywhere, or
/// to plain http:// only on the same loopback scheme, host and port.
fn may_redirect(from: &Url, to: &Url) -> bool {
    match to.scheme() {
        "https" => to.host().is_some(),
        "http" => is_loopback(to) && from.origin() == to.origin(),
        _ => false,
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
        let f = Fetcher::new("http://127.0.0.1:9/rfc", DEFAULT_TIMEOUT).expect("a loopback base");
        assert_eq!(f.url(5246), "http://127.0.0.1:9/rfc/rfc5246.txt");
    }

    #[test]
    fn plain_http_is_for_loopback_addresses_only() {
        for ok in [
            "https://www.rfc-editor.org/rfc/",
            "https://mirror.example/rfc",
            "http://127.0.0.1:8080/",
            "http://127.9.9.9/",
            "http://[::1]:9/",
            "http://localhost/rfc/",
        ] {
            assert!(Fetcher::new(ok, DEFAULT_TIMEOUT).is_ok(), "{ok}");
        }
        for bad in [
            "http://www.rfc-editor.org/rfc/",
            "http://10.0.0.1/",
            "ftp://127.0.0.1/",
            "file:///etc/",
            "https://",
            "not a url",
        ] {
            assert!(
                matches!(
                    Fetcher::new(bad, DEFAULT_TIMEOUT),
                    Err(Error::Insecure { .. })
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn redirects_keep_the_rule() {
        let url = |u: &str| Url::parse(u).expect("a url");
        let local = url("http://127.0.0.1:8080/rfc/rfc1.txt");
        assert!(may_redirect(
            &local,
            &url("http://127.0.0.1:8080/other/rfc1.txt")
        ));
        assert!(!may_redirect(&local, &url("http://127.0.0.1:9/rfc1.txt")));
        assert!(!may_redirect(&local, &url("http://evil.example/rfc1.txt")));
        assert!(may_redirect(
            &local,
            &url("https://www.rfc-editor.org/rfc/rfc1.txt")
        ));
        let tls = url("https://www.rfc-editor.org/rfc/rfc1.txt");
        assert!(!may_redirect(
            &tls,
            &url("http://www.rfc-editor.org/rfc/rfc1.txt")
        ));
        assert!(!may_redirect(&tls, &url("file:///etc/passwd")));
        assert!(may_redirect(&tls, &url("https://mirror.example/rfc1.txt")));
    }
}
