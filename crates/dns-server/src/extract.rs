//! What a request carries, read into checked values before a handler sees it: the JSON
//! object of a body, a resource's uuid from the path, the list query, and `If-Match`.
//!
//! axum's own extractors answer a bad body or path with plain text of their own; these
//! wrappers answer in the contract's error shape instead, with the contract's codes: a body
//! that is not a JSON object is `malformed_json`, an oversized one `payload_too_large`, and
//! a path id that is not a uuid simply names nothing, so it is a 404 like any unknown id.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::StatusCode;
use axum::http::header::{HOST, IF_MATCH};
use axum::http::request::Parts;
use serde_json::{Map, Value};

use crate::AppState;
use crate::error::ApiError;

/// The largest request body the server reads, in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// A request body that is a JSON object. Its fields are read by the handler, so that a field
/// of the wrong type is a `validation_error` on that field rather than a parse failure.
#[derive(Debug)]
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge { limit: BODY_LIMIT }
            } else {
                ApiError::MalformedJson("The request body could not be read.".to_string())
            }
        })?;

        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::MalformedJson(
                "The request body is empty; send a JSON object.".to_string(),
            ));
        }
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(object)) => Ok(JsonObject(object)),
            Ok(_) => Err(ApiError::MalformedJson(
                "The request body must be a JSON object, such as {\"domain\": \"example.com\"}."
                    .to_string(),
            )),
            Err(error) => Err(ApiError::MalformedJson(format!(
                "The request body is not valid JSON (line {}, column {}).",
                error.line(),
                error.column()
            ))),
        }
    }
}

/// The uuid in a resource's path, in its canonical lower-case hyphenated form.
#[derive(Clone, Debug)]
pub struct UuidPath(pub String);

impl<S: Send + Sync> FromRequestParts<S> for UuidPath {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::NotFound("Resource"))?;
        uuid::Uuid::try_parse(&raw)
            .map(|id| UuidPath(id.hyphenated().to_string()))
            .map_err(|_| ApiError::NotFound("Resource"))
    }
}

/// A list request's query, with what it takes to build links to other pages of the list.
#[derive(Clone, Debug)]
pub struct ListQuery {
    pairs: Vec<(String, String)>,
    /// `http://host/path` as the client addressed it.
    pub base_url: String,
    /// The raw query string, for links that keep every parameter but `page`.
    pub raw_query: String,
}

impl ListQuery {
    /// The value of parameter `key`; the last one when it is given twice.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

impl FromRequestParts<AppState> for ListQuery {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Query(pairs) =
            Query::<Vec<(String, String)>>::try_from_uri(&parts.uri).map_err(|_| {
                ApiError::Validation {
                    field: None,
                    detail: "The query string is malformed.".into(),
                }
            })?;

        // The Host header goes into links the client will follow, so only a plain host and
        // port is echoed; anything else falls back to the address the server listens on.
        let host = parts
            .headers
            .get(HOST)
            .and_then(|value| value.to_str().ok())
            .filter(|host| plain_host(host))
            .unwrap_or(&state.public_host);

        Ok(ListQuery {
            pairs,
            base_url: format!("http://{host}{}", parts.uri.path()),
            raw_query: parts.uri.query().unwrap_or_default().to_string(),
        })
    }
}

fn plain_host(host: &str) -> bool {
    (1..=255).contains(&host.len())
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
}

/// The `ETag` of a resource at `version`.
pub fn etag(version: i64) -> String {
    format!("\"{version}\"")
}

/// The request's `If-Match` header, if it has one.
#[derive(Clone, Debug, Default)]
pub struct IfMatch(Option<String>);

impl IfMatch {
    /// Refuses with 412 unless the header is absent, `*`, or lists `current` (an `ETag`).
    /// Entity tags compare strongly (RFC 9110 §13.1.1), so a weak `W/"…"` never matches.
    pub fn check(&self, current: &str) -> Result<(), ApiError> {
        let Some(header) = &self.0 else {
            return Ok(());
        };
        let matches = header.trim() == "*" || header.split(',').any(|tag| tag.trim() == current);
        if matches { Ok(()) } else { Err(ApiError::PreconditionFailed) }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for IfMatch {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, ApiError> {
        // A header that is not text can match no tag; it is kept so that the check fails.
        let values: Vec<String> = parts
            .headers
            .get_all(IF_MATCH)
            .iter()
            .map(|value| value.to_str().unwrap_or("\u{0}").to_string())
            .collect();
        Ok(IfMatch((!values.is_empty()).then(|| values.join(","))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_match_accepts_star_the_current_tag_or_a_list_holding_it() {
        let current = etag(3);
        for header in ["*", "\"3\"", "\"2\", \"3\"", " \"3\" "] {
            assert!(IfMatch(Some(header.to_string())).check(&current).is_ok(), "{header}");
        }
        assert!(IfMatch(None).check(&current).is_ok());
    }

    #[test]
    fn if_match_refuses_stale_weak_and_garbled_tags() {
        let current = etag(3);
        for header in ["\"2\"", "W/\"3\"", "3", "", "\u{0}"] {
            assert!(
                matches!(
                    IfMatch(Some(header.to_string())).check(&current),
                    Err(ApiError::PreconditionFailed)
                ),
                "{header:?}"
            );
        }
    }

    #[test]
    fn only_plain_hosts_go_into_links() {
        assert!(plain_host("127.0.0.1:8080"));
        assert!(plain_host("[::1]:8080"));
        assert!(plain_host("dns.example.com"));
        assert!(!plain_host("evil.example/path?"));
        assert!(!plain_host("a b"));
        assert!(!plain_host(""));
    }
}
