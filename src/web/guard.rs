//! What every request passes before a page answers it, and what every answer
//! carries.
//!
//! - **Host.** Without `--listen`, only this machine's names for the address
//!   (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`): a page elsewhere whose
//!   name was made to resolve to 127.0.0.1 (DNS rebinding) is refused. With
//!   `--listen`, the access token guards instead, and any name of the address goes.
//! - **Origin.** A request that names an origin must name this one.
//! - **Access token** (`--listen`): the printed address carries it; the first
//!   visit trades it for a cookie, and a request with neither is refused.
//! - **Headers** of every answer: a Content Security Policy of `default-src
//!   'self'` (no inline script or style, no frames, forms only to here), no
//!   sniffing, no referrer, no caching of pages.
//!
//! The CSRF token of each form and the size of bodies are checked where the
//! body is read ([`super::routes`]).

use super::routes::App;
use super::token;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The policy of every answer: nothing but this server's own files, no inline
/// script or style, no plugins, no frames, forms only to here.
/// A question's picture: nothing loads or runs in it, and an SVG opened on its
/// own is a sandboxed document of another origin, not a page of the quiz.
pub const PICTURE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A cookie's value from the request's `Cookie` headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// A `Set-Cookie` value: sent back only to this server, never to a script,
/// never on a request from another site.
pub fn set_cookie(name: &str, value: &str) -> HeaderValue {
    let text = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000");
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

fn refuse(status: StatusCode, why: &str) -> Response {
    let mut response = (status, super::pages::refusal(why)).into_response();
    secure(response.headers_mut());
    response
}

pub async fn guard(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if app.options.token.is_none() && !app.hosts.iter().any(|h| h.eq_ignore_ascii_case(&host)) {
        return refuse(
            StatusCode::MISDIRECTED_REQUEST,
            &format!(
                "This address is not quiz's: open {} instead.",
                app.address()
            ),
        );
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let ours = format!("http://{host}");
        if !origin.to_str().is_ok_and(|o| o.eq_ignore_ascii_case(&ours)) {
            return refuse(
                StatusCode::FORBIDDEN,
                "A page of another site sent this request: quiz takes requests from its own pages only.",
            );
        }
    }
    let cross_site = headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site" || v == "same-site");
    if cross_site && request.method() != Method::GET {
        return refuse(
            StatusCode::FORBIDDEN,
            "A page of another site sent this request: quiz takes requests from its own pages only.",
        );
    }
    if let Some(secret) = &app.options.token {
        let given = request.uri().query().and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "token")
                .map(|(_, v)| v.into_owned())
        });
        match given {
            Some(given) if token::same(&given, secret) => {
                // Traded for a cookie, and taken out of the address bar.
                let path = request.uri().path().to_owned();
                let mut response = (
                    StatusCode::SEE_OTHER,
                    [(
                        header::LOCATION,
                        HeaderValue::from_str(&path).unwrap_or(HeaderValue::from_static("/")),
                    )],
                )
                    .into_response();
                response
                    .headers_mut()
                    .append(header::SET_COOKIE, set_cookie(&app.access_cookie, secret));
                secure(response.headers_mut());
                return response;
            }
            Some(_) => {
                return refuse(
                    StatusCode::FORBIDDEN,
                    "This access token is not this quiz's: open the address that `quiz serve` printed.",
                );
            }
            None => {
                let kept = cookie(request.headers(), &app.access_cookie)
                    .is_some_and(|c| token::same(c, secret));
                if !kept {
                    return refuse(
                        StatusCode::FORBIDDEN,
                        "This quiz asks for its access token: open the address that `quiz serve` printed, with its ?token=.",
                    );
                }
            }
        }
    }
    let mut response = next.run(request).await;
    secure(response.headers_mut());
    response
}

/// The headers every answer carries.
fn secure(headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    // A picture sets a stricter policy of its own ([`PICTURE_CSP`]).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    }
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    // Not no-referrer: with it, a browser sends `Origin: null` with a form, and
    // the Origin check could not tell this page from any other.
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(
        headers,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        headers,
        header::HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    );
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
}
