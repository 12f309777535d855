//! What can go wrong when the dashboard talks to the API, in the terms a page acts on.
//!
//! The reference server always answers `{"detail", "error_code", "field"}`, but the provider's
//! API and the proxies in front of it also send Django REST framework field maps, bare
//! `non_field_errors` lists and HTML error pages. Every one of those becomes an [`ApiError`]
//! here, so the pages never see a raw body and never show a JSON parser's complaint.

use std::fmt;

use serde_json::Value;

/// A failed API call, sorted by what the page must do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// 401: the token is missing, malformed, unknown or revoked. The person must enter one.
    Unauthorized { detail: String },
    /// 403: the token lacks a permission. `permission` is `dns:create` and the like, when the
    /// server named it.
    Forbidden { detail: String, permission: Option<String> },
    /// 404: no such zone or record, or it belongs to another account.
    NotFound { detail: String },
    /// 400, 409, 413 and the like: the request was refused; messages say where and why.
    Rejected(Rejection),
    /// 412: the record changed since it was read.
    Stale { detail: String },
    /// 429, still after the one retry the client makes.
    RateLimited { retry_after: Option<u32> },
    /// 5xx, or any answer whose body is not the API's JSON (an HTML page from a proxy).
    Server { status: u16, detail: Option<String> },
    /// The request never got an answer: offline, refused, or cut off.
    Network { message: String },
    /// A success status whose body is not the shape the API documents.
    BadResponse { status: u16, message: String },
}

/// A refused request: messages for named fields, and messages for the request as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rejection {
    pub status: u16,
    pub error_code: Option<String>,
    /// `(field, message)` pairs, in the order the server sent them.
    pub fields: Vec<(String, String)>,
    /// Messages that name no field (`non_field_errors`, or a `detail` without `field`).
    pub general: Vec<String>,
}

impl Rejection {
    /// The message for `field`, if the server named it.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|(name, _)| name == field).map(|(_, message)| message.as_str())
    }
}

impl ApiError {
    /// Reads an error response. `content_type` and `retry_after` are the headers of the same
    /// name; `body` is the raw text.
    pub fn from_response(
        status: u16,
        content_type: Option<&str>,
        retry_after: Option<&str>,
        body: &str,
    ) -> ApiError {
        let is_json = content_type.is_some_and(|ct| ct.contains("json"));
        let parsed = if is_json { serde_json::from_str::<Value>(body).ok() } else { None };
        let Some(Value::Object(map)) = parsed else {
            return match status {
                401 => ApiError::Unauthorized { detail: "The token was refused.".into() },
                429 => ApiError::RateLimited { retry_after: parse_retry_after(retry_after) },
                _ => ApiError::Server { status, detail: None },
            };
        };

        let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
        let detail = text("detail");
        let error_code = text("error_code");
        let detail_or = |fallback: &str| detail.clone().unwrap_or_else(|| fallback.to_owned());

        match status {
            401 => ApiError::Unauthorized { detail: detail_or("The token was refused.") },
            403 => {
                let detail = detail_or("The token lacks a permission for this.");
                let permission = permission_named_in(&detail);
                ApiError::Forbidden { detail, permission }
            }
            404 => ApiError::NotFound { detail: detail_or("Not found.") },
            412 => ApiError::Stale { detail: detail_or("It changed since it was read.") },
            429 => ApiError::RateLimited { retry_after: parse_retry_after(retry_after) },
            400..=499 => ApiError::Rejected(rejection_from(status, error_code, detail, &map)),
            _ => ApiError::Server { status, detail },
        }
    }

    /// The one sentence to show where the failed action was.
    pub fn message(&self) -> String {
        match self {
            ApiError::Unauthorized { detail } => format!("{detail} Enter a valid API token."),
            ApiError::Forbidden { detail, .. } => detail.clone(),
            ApiError::NotFound { detail } => detail.clone(),
            ApiError::Rejected(rejection) => rejection_summary(rejection),
            ApiError::Stale { detail } => detail.clone(),
            ApiError::RateLimited { .. } => {
                "The server is receiving too many requests. Wait a moment and try again.".into()
            }
            ApiError::Server { status, detail } => match detail {
                Some(detail) => format!("The server answered {status}: {detail}"),
                None => format!("The server answered {status}. Try again in a moment."),
            },
            // The browser's own words ("TypeError: Failed to fetch") help nobody here.
            ApiError::Network { .. } => {
                "The server could not be reached. Check the connection, then try again.".into()
            }
            ApiError::BadResponse { status, message } => {
                format!(
                    "The server answered {status} with a body the dashboard cannot read: {message}"
                )
            }
        }
    }

    /// Whether trying the same request again may succeed without changing it.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Server { .. } | ApiError::Network { .. } | ApiError::RateLimited { .. }
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// Builds a [`Rejection`] from the contract's shape or from a DRF field map.
fn rejection_from(
    status: u16,
    error_code: Option<String>,
    detail: Option<String>,
    map: &serde_json::Map<String, Value>,
) -> Rejection {
    let mut rejection = Rejection { status, error_code, ..Rejection::default() };

    if let Some(detail) = detail {
        match map.get("field").and_then(Value::as_str) {
            Some(field) => rejection.fields.push((field.to_owned(), detail)),
            None => rejection.general.push(detail),
        }
        return rejection;
    }

    // A DRF map: every key is a field, or `non_field_errors`; values are lists of messages.
    for (key, value) in map {
        let messages = messages_in(value);
        if messages.is_empty() {
            continue;
        }
        if key == "non_field_errors" || key == "error_code" {
            rejection.general.extend(messages);
        } else {
            rejection.fields.push((key.clone(), messages.join(" ")));
        }
    }
    if rejection.fields.is_empty() && rejection.general.is_empty() {
        rejection.general.push(format!("The server refused the request ({status})."));
    }
    rejection
}

fn messages_in(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Array(items) => items.iter().flat_map(messages_in).collect(),
        _ => Vec::new(),
    }
}

fn rejection_summary(rejection: &Rejection) -> String {
    let mut parts: Vec<String> = rejection.general.clone();
    parts.extend(rejection.fields.iter().map(|(field, message)| format!("{field}: {message}")));
    parts.join(" ")
}

/// Finds `dns:create` and the like in a 403 message.
fn permission_named_in(detail: &str) -> Option<String> {
    let start = detail.find("dns:")?;
    let name: String = detail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '*' || *c == '_')
        .collect();
    (name.len() > "dns:".len()).then_some(name)
}

/// `Retry-After` in seconds. The HTTP-date form is read as "unknown".
fn parse_retry_after(header: Option<&str>) -> Option<u32> {
    header.and_then(|value| value.trim().parse().ok())
}
