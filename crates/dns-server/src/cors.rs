//! Cross-origin access: which other origins' pages may call the API from a browser.
//!
//! Off unless `serve --cors-origin ORIGIN` names origins, and then only for those. A request
//! whose `Origin` is named gets the headers that let its page read the answer, including
//! `ETag` (for edits with `If-Match`) and `Retry-After` (after a 429). A browser asks first,
//! with a preflight `OPTIONS`, before any request that carries a token or a JSON body; that
//! is answered here, before routing and before the token is checked, since a preflight never
//! carries the token.
//!
//! An origin that is not named gets no CORS header at all. Its requests are served as any
//! client's are (the token decides what they may do), but the browser keeps the answer from
//! the page. Its preflight is refused with a 403 `origin_not_allowed`, so the browser never
//! sends the request itself; the status only helps a person reading the network log, since
//! the missing `Access-Control-Allow-Origin` alone makes the browser refuse.
//!
//! The dashboard's own files carry the same headers for a named origin: a page elsewhere
//! that embeds the dashboard loads its JavaScript as a module and its WebAssembly with
//! `fetch`, and a browser makes both requests in CORS mode.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN,
    ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN,
    VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;
use crate::http::is_api;

/// Every method the API answers.
const ALLOW_METHODS: &str = "GET, POST, PUT, PATCH, DELETE";

/// Every request header the dashboard sends beyond the ones a browser always allows.
const ALLOW_HEADERS: &str = "Authorization, Content-Type, If-Match";

/// The response headers a page needs to read beyond the ones a browser always shows.
const EXPOSE_HEADERS: &str = "ETag, Retry-After";

/// How long a browser may keep a preflight's answer, in seconds: two hours, Chromium's
/// ceiling. The preflight is per URL, so every record a page edits costs one otherwise.
const MAX_AGE: &str = "7200";

/// The origins whose pages may read the API's answers, as browsers write them in `Origin`.
#[derive(Clone, Debug)]
pub struct AllowedOrigins(Arc<[String]>);

impl AllowedOrigins {
    /// `origins` as [`parse_origin`] gives them.
    pub fn new(origins: &[String]) -> Self {
        AllowedOrigins(origins.into())
    }

    /// The request's `Origin` if it is one of ours.
    fn allowed(&self, headers: &HeaderMap) -> Option<HeaderValue> {
        let origin = headers.get(ORIGIN)?;
        let text = origin.to_str().ok()?;
        self.0.iter().any(|allowed| allowed == text).then(|| origin.clone())
    }
}

/// Answers preflights on API paths, and adds the CORS headers to every answer for an
/// allowed origin. Installed only when some origin is allowed.
pub async fn apply(
    State(origins): State<AllowedOrigins>,
    request: Request,
    next: Next,
) -> Response {
    let allowed = origins.allowed(request.headers());
    let preflight = request.method() == Method::OPTIONS
        && request.headers().contains_key(ORIGIN)
        && request.headers().contains_key(ACCESS_CONTROL_REQUEST_METHOD);

    let mut response = match (preflight && is_api(request.uri().path()), &allowed) {
        (true, Some(_)) => preflight_answer(),
        (true, None) => ApiError::OriginNotAllowed.into_response(),
        (false, _) => next.run(request).await,
    };

    let headers = response.headers_mut();
    // Whether the answer holds CORS headers depends on `Origin`, so caches must key on it.
    headers.append(VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static(EXPOSE_HEADERS));
    }
    response
}

/// The same answer for every preflight of an allowed origin: whatever it asks, the browser
/// compares the request with these lists itself.
fn preflight_answer() -> Response {
    let headers = [
        (ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS),
        (ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS),
        (ACCESS_CONTROL_MAX_AGE, MAX_AGE),
    ];
    (StatusCode::NO_CONTENT, headers.map(|(name, value)| (name, HeaderValue::from_static(value))))
        .into_response()
}

/// Reads a `--cors-origin` value into the form a browser sends in `Origin`: the scheme and
/// host in lower case, the port only when it is not the scheme's default, and no path (a
/// final `/` is forgiven). `Err` says what is wrong.
pub fn parse_origin(text: &str) -> Result<String, String> {
    let lower = text.trim().to_ascii_lowercase();
    let (scheme, rest) = lower
        .split_once("://")
        .ok_or_else(|| format!("{text:?} is not an origin such as https://app.example.com"))?;
    let default_port = match scheme {
        "http" => "80",
        "https" => "443",
        _ => return Err(format!("{text:?} must start with http:// or https://")),
    };
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if authority.contains(['/', '?', '#', '@']) {
        return Err(format!("{text:?} is an address, not an origin: give no path or user"));
    }

    let (host, port) = match authority.strip_prefix('[') {
        Some(bracketed) => {
            let (address, after) = bracketed
                .split_once(']')
                .ok_or_else(|| format!("{text:?} opens an IPv6 address without closing it"))?;
            let address_ok = !address.is_empty()
                && address.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
            if !address_ok || !(after.is_empty() || after.starts_with(':')) {
                return Err(format!("{text:?} has no valid IPv6 address in brackets"));
            }
            (&authority[..address.len() + 2], after.strip_prefix(':'))
        }
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    let labels_ok = host.starts_with('[')
        || host.split('.').all(|label| {
            !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    if !labels_ok {
        return Err(format!(
            "{text:?} has no valid host: use letters, digits, hyphens and dots, a Unicode \
             name in its punycode form, and no wildcard"
        ));
    }

    match port {
        None => Ok(format!("{scheme}://{host}")),
        Some(port) if port == default_port => Ok(format!("{scheme}://{host}")),
        Some(port) => match port.parse::<u16>() {
            Ok(number) if number > 0 && !port.starts_with('0') => {
                Ok(format!("{scheme}://{host}:{port}"))
            }
            _ => Err(format!("{text:?} has no valid port (1 to 65535)")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::parse_origin;

    #[test]
    fn origins_are_written_as_browsers_send_them() {
        let cases = [
            ("https://app.example.com", "https://app.example.com"),
            ("HTTPS://App.Example.COM/", "https://app.example.com"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://localhost:80", "http://localhost"),
            ("https://xn--bcher-kva.example:443", "https://xn--bcher-kva.example"),
            ("https://example.com:8443", "https://example.com:8443"),
            ("http://[::1]:3000", "http://[::1]:3000"),
            ("http://[::1]", "http://[::1]"),
        ];
        for (given, expected) in cases {
            assert_eq!(parse_origin(given).as_deref(), Ok(expected), "{given}");
        }
    }

    #[test]
    fn what_is_no_origin_is_refused_with_a_reason() {
        let cases = [
            ("*", "not an origin"),
            ("null", "not an origin"),
            ("app.example.com", "not an origin"),
            ("ftp://app.example.com", "http:// or https://"),
            ("https://app.example.com/dashboard", "no path"),
            ("https://user@app.example.com", "no path or user"),
            ("https://*.example.com", "no wildcard"),
            ("https://bücher.example", "punycode"),
            ("https://", "no valid host"),
            ("https://a..example", "no valid host"),
            ("https://example.com:0", "no valid port"),
            ("https://example.com:65536", "no valid port"),
            ("https://example.com:", "no valid port"),
            ("http://[::1", "without closing"),
            ("http://[::1]x", "IPv6"),
        ];
        for (given, reason) in cases {
            match parse_origin(given) {
                Err(message) => assert!(message.contains(reason), "{given}: {message}"),
                Ok(origin) => panic!("{given} was read as {origin}"),
            }
        }
    }
}
