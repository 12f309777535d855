//! The JSON shapes of the DNS API, as `shared/api-contract.md` defines them.
//!
//! Identifiers and timestamps stay strings: the provider's own API is the other party, and a
//! client that refused its identifiers for not being UUIDs would be of no use to anyone.

use serde::{Deserialize, Serialize};

/// A DNS zone. `records` is present on the detail and create responses only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    pub uuid: String,
    pub domain: String,
    pub created_at: String,
    pub record_count: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<Vec<Record>>,
}

/// A DNS record as the API returns it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub uuid: String,
    /// The uuid of the zone the record belongs to. The provider's documentation omits it on
    /// nested lists, so a client must not depend on it.
    #[serde(default)]
    pub zone: String,
    pub record_type: String,
    pub name: String,
    pub value: String,
    pub ttl: u32,
    pub priority: Option<u32>,
    pub created_at: String,
    #[serde(default)]
    pub updated_at: String,
}

/// The body of `POST /dns-zones/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewZone {
    pub domain: String,
}

/// The body of a record create or `PUT`. `ttl` absent means 3600; `priority` absent means null.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordWrite {
    pub record_type: String,
    pub name: String,
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ttl: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<i64>,
}

/// A paged list, which the API sends instead of a plain array when asked for a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub count: u64,
    pub next: Option<String>,
    pub previous: Option<String>,
    pub results: Vec<T>,
}

/// Every error the API sends: `{"detail", "error_code", "field"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub detail: String,
    pub error_code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The `error_code` values of the contract.
pub mod error_code {
    pub const VALIDATION_ERROR: &str = "validation_error";
    pub const ZONE_EXISTS: &str = "zone_exists";
    pub const MALFORMED_JSON: &str = "malformed_json";
    pub const NOT_AUTHENTICATED: &str = "not_authenticated";
    pub const INVALID_TOKEN: &str = "invalid_token";
    pub const PERMISSION_DENIED: &str = "permission_denied";
    pub const NOT_FOUND: &str = "not_found";
    pub const CONFLICT: &str = "conflict";
    pub const PRECONDITION_FAILED: &str = "precondition_failed";
    pub const PAYLOAD_TOO_LARGE: &str = "payload_too_large";
    pub const RATE_LIMITED: &str = "rate_limited";
}

/// The permissions a token can carry. `dns:*` grants all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Permission {
    List,
    Create,
    Update,
    Delete,
}

impl Permission {
    pub const ALL: [Permission; 4] =
        [Permission::List, Permission::Create, Permission::Update, Permission::Delete];

    /// The permission as the API spells it, e.g. `dns:create`.
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::List => "dns:list",
            Permission::Create => "dns:create",
            Permission::Update => "dns:update",
            Permission::Delete => "dns:delete",
        }
    }

    pub fn parse(text: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.as_str() == text)
    }
}
