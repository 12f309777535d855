//! What can go wrong when the dashboard talks to the API, in the terms a page acts on.
//!
//! The reference server always answers `{"detail", "error_code", "field"}`, but the provider's
//! API and the proxies in front of it also send Django REST framework field maps, bare
//! `non_field_errors` lists and HTML error pages. Every one of those becomes an [`ApiError`]
//! here, so the pages never see a raw body and never show a JSON parser's complaint.
//!
//! The sentences around an error are the dashboard's own and come from the `api` catalog, in
//! the language in context; the API's `detail` inside them is shown as the API sent it. Where
//! the API sent no text, the error holds an empty `detail` and the sentence says it instead.

use std::fmt;

use leptos::prelude::untrack;
use leptos::reactive::graph::Observer;
use serde_json::Value;

use crate::i18n::{Lang, use_i18n};

/// A failed API call, sorted by what the page must do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// 401: the token is missing, malformed, unknown or revoked. The person must enter one.
    /// `detail` is empty when the API gave no reason.
    Unauthorized { detail: String },
    /// 403: the token lacks a permission. `permission` is `dns:create` and the like, when the
    /// server named it. `detail` is empty when the API gave no reason.
    Forbidden { detail: String, permission: Option<String> },
    /// 404: no such zone or record, or it belongs to another account. `detail` may be empty.
    NotFound { detail: String },
    /// 400, 409, 413 and the like: the request was refused; messages say where and why.
    Rejected(Rejection),
    /// 412: the record changed since it was read. `detail` may be empty.
    Stale { detail: String },
    /// 429, still after the one retry the client makes.
    RateLimited { retry_after: Option<u32> },
    /// 5xx, or any answer whose body is not the API's JSON (an HTML page from a proxy).
    Server { status: u16, detail: Option<String> },
    /// The request never got an answer: offline, refused, or cut off.
    Network { message: String },
    /// No whole answer came within `waited_ms`, and the client gave up on the request. When
    /// `change_unknown`, it was a write the server may have made all the same: the person is
    /// told so, and checks before sending it again.
    TimedOut { waited_ms: u32, change_unknown: bool },
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
    /// Both lists are empty when the API said nothing the dashboard can read.
    pub general: Vec<String>,
}

impl Rejection {
    /// The message for `field`, if the server named it.
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|(name, _)| name == field).map(|(_, message)| message.as_str())
    }
}

impl ApiError {
    /// Reads an error response. `retry_after` is the header of that name; `body` the raw text.
    pub fn from_response(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
        // The body is read as JSON whatever its `Content-Type` says: a proxy or framework may
        // label the API's JSON as text, and an HTML error page never parses as an object.
        let parsed = serde_json::from_str::<Value>(body).ok();
        let Some(Value::Object(map)) = parsed else {
            return match status {
                401 => ApiError::Unauthorized { detail: String::new() },
                429 => ApiError::RateLimited { retry_after: parse_retry_after(retry_after) },
                _ => ApiError::Server { status, detail: None },
            };
        };

        let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
        let detail = text("detail");
        let error_code = text("error_code");
        let sent = || detail.clone().unwrap_or_default();

        match status {
            401 => ApiError::Unauthorized { detail: sent() },
            403 => {
                let detail = sent();
                let permission = permission_named_in(&detail);
                ApiError::Forbidden { detail, permission }
            }
            404 => ApiError::NotFound { detail: sent() },
            412 => ApiError::Stale { detail: sent() },
            429 => ApiError::RateLimited { retry_after: parse_retry_after(retry_after) },
            400..=499 => ApiError::Rejected(rejection_from(status, error_code, detail, &map)),
            _ => ApiError::Server { status, detail },
        }
    }

    /// The one sentence to show where the failed action was, in the language in context
    /// (English where there is none, as in a task spawned outside any component).
    ///
    /// Read it inside a view's closure so that a switch of language rewrites it.
    pub fn message(&self) -> String {
        // Outside a reactive closure (a click handler, a task) the language is read without
        // subscribing, which Leptos would otherwise warn about on the console.
        let i18n = use_i18n();
        let lang = if Observer::get().is_some() { i18n.lang() } else { untrack(|| i18n.lang()) };
        self.message_in(lang)
    }

    /// [`ApiError::message`] in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let words = Words(lang);

        match self {
            ApiError::Unauthorized { detail } if detail.is_empty() => {
                words.t("api.unauthorized.no_detail")
            }
            ApiError::Unauthorized { detail } => {
                words.tf("api.unauthorized", &[("detail", detail)])
            }
            ApiError::Forbidden { permission: Some(permission), .. } => {
                words.tf("api.forbidden.permission", &[("permission", permission)])
            }
            ApiError::Forbidden { detail, .. } if detail.is_empty() => words.t("api.forbidden"),
            ApiError::Forbidden { detail, .. } => detail.clone(),
            ApiError::NotFound { detail } if detail.is_empty() => words.t("api.not_found"),
            ApiError::NotFound { detail } => detail.clone(),
            ApiError::Rejected(rejection) => rejection_summary(rejection, &words),
            ApiError::Stale { detail } if detail.is_empty() => words.t("api.stale"),
            ApiError::Stale { detail } => detail.clone(),
            ApiError::RateLimited { .. } => words.t("api.rate_limited"),
            ApiError::Server { status, detail: Some(detail) } => words
                .tf("api.server.detail", &[("status", &status.to_string()), ("detail", detail)]),
            ApiError::Server { status, detail: None } => {
                words.tf("api.server", &[("status", &status.to_string())])
            }
            // The browser's own words ("TypeError: Failed to fetch") help nobody here.
            ApiError::Network { .. } => words.t("api.network"),
            ApiError::TimedOut { waited_ms, change_unknown } => {
                let seconds = waited_ms.div_ceil(1000).to_string();
                let key = if *change_unknown { "api.timed_out.change" } else { "api.timed_out" };
                words.tf(key, &[("seconds", &seconds)])
            }
            ApiError::BadResponse { status, message } => words
                .tf("api.bad_response", &[("status", &status.to_string()), ("message", message)]),
        }
    }

    /// Whether trying the same request again may succeed without changing it.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Server { .. }
                | ApiError::Network { .. }
                | ApiError::RateLimited { .. }
                | ApiError::TimedOut { .. }
        )
    }

    /// Whether the write may have been made although it failed: the page then offers to
    /// check, and says so before the person sends it again.
    pub fn change_unknown(&self) -> bool {
        matches!(self, ApiError::TimedOut { change_unknown: true, .. })
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
    rejection
}

fn messages_in(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Array(items) => items.iter().flat_map(messages_in).collect(),
        _ => Vec::new(),
    }
}

/// Every message of a refusal in one line; field messages are prefixed with the API's field
/// name, which is the same in every language.
fn rejection_summary(rejection: &Rejection, words: &Words) -> String {
    let mut parts: Vec<String> = rejection.general.clone();
    parts.extend(rejection.fields.iter().map(|(field, message)| format!("{field}: {message}")));
    if parts.is_empty() {
        return words.tf("api.rejected", &[("status", &rejection.status.to_string())]);
    }
    parts.join(" ")
}

/// The catalog of one language, without the reactive context that [`I18n`] needs: errors
/// are also described where there is no component, as in a spawned task.
struct Words(Lang);

impl Words {
    fn t(&self, key: &str) -> String {
        self.0.text(key)
    }

    fn tf(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut out = self.0.text(key);
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
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
