//! The one error type of the API and how each case reaches the client.
//!
//! Every handler and extractor returns [`ApiError`], so every failure, whether a client's
//! mistake or the server's own, leaves in the contract's shape: `{"detail", "error_code",
//! "field"}` with a JSON content type. A client's mistake is not logged here: the request log
//! line already records its status, and a log full of other people's typos hides real faults.
//! A server fault is logged once, here, and the client sees only that something went wrong on
//! our side, never the SQL, the path or the OS error behind it.

use std::fmt;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use dns_rules::api::{ErrorBody, Permission, error_code};
use dns_rules::{RuleError, ViolationKind, ZoneViolation};

/// Why a request failed, with what the client needs to put it right.
#[derive(Debug)]
pub enum ApiError {
    /// 400: a field (or, with `None`, the request as a whole) is invalid.
    Validation { field: Option<&'static str>, detail: String },
    /// 400: the domain is already hosted, by this account or another.
    ZoneExists { domain: String },
    /// 400: the body is not JSON, or not a JSON object.
    MalformedJson(String),
    /// 401: no `Authorization` header.
    NotAuthenticated,
    /// 401: a malformed, unknown or revoked token.
    InvalidToken,
    /// 403: the token lacks this permission.
    PermissionDenied(Permission),
    /// 404: no such zone, record, page or API path, or it belongs to another account.
    NotFound(&'static str),
    /// 405: the path exists but not with this method.
    MethodNotAllowed,
    /// 403: a CORS preflight from an origin that `--cors-origin` does not name.
    OriginNotAllowed,
    /// 409: the change breaks a zone rule.
    Conflict { field: &'static str, detail: String },
    /// 412: `If-Match` names a version that is no longer current.
    PreconditionFailed,
    /// 413: the body is over the server's limit.
    PayloadTooLarge { limit: usize },
    /// 429: the token spent its request budget; try again after this many seconds.
    RateLimited { retry_after: u64 },
    /// 500: the server's own fault. The text is for the log only.
    Internal(String),
}

impl ApiError {
    /// A 400 on one named field.
    pub fn field(field: &'static str, detail: impl Into<String>) -> Self {
        ApiError::Validation { field: Some(field), detail: detail.into() }
    }

    /// A server fault; `context` says what the server was doing, for the log.
    pub fn internal(context: &str, error: impl fmt::Display) -> Self {
        ApiError::Internal(format!("{context}: {error}"))
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Validation { .. } | ApiError::ZoneExists { .. } => StatusCode::BAD_REQUEST,
            ApiError::MalformedJson(_) => StatusCode::BAD_REQUEST,
            ApiError::NotAuthenticated | ApiError::InvalidToken => StatusCode::UNAUTHORIZED,
            ApiError::PermissionDenied(_) | ApiError::OriginNotAllowed => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn body(&self) -> ErrorBody {
        let (error_code, detail, field) = match self {
            ApiError::Validation { field, detail } => {
                (error_code::VALIDATION_ERROR, detail.clone(), *field)
            }
            ApiError::ZoneExists { domain } => (
                error_code::ZONE_EXISTS,
                format!("A DNS zone for {domain} already exists."),
                Some("domain"),
            ),
            ApiError::MalformedJson(detail) => (error_code::MALFORMED_JSON, detail.clone(), None),
            ApiError::NotAuthenticated => (
                error_code::NOT_AUTHENTICATED,
                "Authentication credentials were not provided. Send Authorization: Bearer \
                 vps_..."
                    .to_string(),
                None,
            ),
            ApiError::InvalidToken => {
                (error_code::INVALID_TOKEN, "Invalid or revoked API token.".to_string(), None)
            }
            ApiError::PermissionDenied(permission) => (
                error_code::PERMISSION_DENIED,
                format!("Token lacks {} permission.", permission.as_str()),
                None,
            ),
            ApiError::NotFound(what) => (error_code::NOT_FOUND, format!("{what} not found."), None),
            ApiError::MethodNotAllowed => {
                ("method_not_allowed", "This method is not allowed on this path.".to_string(), None)
            }
            ApiError::OriginNotAllowed => (
                "origin_not_allowed",
                "Cross-origin requests from this origin are not allowed by this server."
                    .to_string(),
                None,
            ),
            ApiError::Conflict { field, detail } => {
                (error_code::CONFLICT, detail.clone(), Some(*field))
            }
            ApiError::PreconditionFailed => (
                error_code::PRECONDITION_FAILED,
                "The resource changed since you loaded it (If-Match does not match its ETag). \
                 Reload it and apply your change again."
                    .to_string(),
                None,
            ),
            ApiError::PayloadTooLarge { limit } => (
                error_code::PAYLOAD_TOO_LARGE,
                format!("The request body is larger than {limit} bytes."),
                None,
            ),
            ApiError::RateLimited { retry_after } => (
                error_code::RATE_LIMITED,
                format!("Too many requests; try again in {retry_after} s."),
                None,
            ),
            ApiError::Internal(_) => {
                ("internal_error", "The server failed to complete the request.".to_string(), None)
            }
        };
        ErrorBody { detail, error_code: error_code.to_string(), field: field.map(str::to_string) }
    }
}

impl fmt::Display for ApiError {
    /// The client's message, or for a server fault the cause, which only the log may see.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Internal(cause) => f.write_str(cause),
            other => f.write_str(&other.body().detail),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(%cause, "server fault");
        }

        let mut response = (self.status(), Json(self.body())).into_response();
        let headers = response.headers_mut();
        match self {
            ApiError::NotAuthenticated | ApiError::InvalidToken => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            ApiError::RateLimited { retry_after } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
            }
            _ => {}
        }
        response
    }
}

impl From<RuleError> for ApiError {
    fn from(error: RuleError) -> Self {
        ApiError::Validation { field: Some(error.field.as_str()), detail: error.message }
    }
}

impl From<ZoneViolation> for ApiError {
    fn from(violation: ZoneViolation) -> Self {
        let field = violation.field.as_str();
        match violation.kind {
            ViolationKind::Conflict => ApiError::Conflict { field, detail: violation.message },
            ViolationKind::Duplicate => {
                ApiError::Validation { field: Some(field), detail: violation.message }
            }
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        ApiError::internal("database", error)
    }
}
