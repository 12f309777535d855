//! The JSON shapes of the DNS API, as `shared/api-contract.md` defines them.
//!
//! Identifiers and timestamps stay strings: the provider's own API is the other party, and a
//! client that refused its identifiers for not being UUIDs would be of no use to anyone.

use serde::{Deserialize, Serialize};

use crate::{RecordData, txt_to_zone_strings};

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

/// The request body that makes the API store exactly `record`, as when records read from a
/// zone file are created. TXT text goes in its zone-file form: sent bare, a text that itself
/// looks like quoted strings (`"a"`) would be read back to what is inside the quotes.
pub fn write_form(record: &RecordData) -> RecordWrite {
    let value = match record.record_type {
        crate::RecordType::Txt => txt_to_zone_strings(&record.value),
        _ => record.value.clone(),
    };
    RecordWrite {
        record_type: record.record_type.as_str().to_string(),
        name: record.name.clone(),
        value,
        ttl: Some(i64::from(record.ttl.seconds())),
        priority: record.priority.map(i64::from),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DomainName, RecordInput, validate_record};

    fn stored(record_type: &str, name: &str, value: &str, priority: Option<i64>) -> RecordData {
        let zone = DomainName::parse("example.com").expect("example.com is a domain");
        let input = RecordInput { record_type, name, value, ttl: Some(300), priority };
        validate_record(&zone, &input).expect(value)
    }

    #[test]
    fn write_form_stores_exactly_the_record_of_every_type() {
        let zone = DomainName::parse("example.com").expect("example.com is a domain");
        let records = [
            stored("A", "@", "192.0.2.1", None),
            stored("AAAA", "www", "2001:db8::1", None),
            stored("CNAME", "shop", "shops.example.net", None),
            stored("MX", "@", "mail.example.com", Some(0)),
            stored("NS", "sub", "ns1.example.net", None),
            stored("SRV", "_sip._tcp", "5 5060 sip.example.com", Some(10)),
            stored("SRV", "_imap._tcp", "0 0 .", Some(0)),
            stored("CAA", "@", "0 issue \"letsencrypt.org\"", None),
            stored("TXT", "t1", "v=spf1 -all", None),
            stored("TXT", "t2", "\"\\\"quoted\\\"\"", None),
            stored("TXT", "t3", "\"\\\"a\\\" \\\"b\\\"\"", None),
            stored("TXT", "t4", "back\\slash \\065 \\\"", None),
            stored("TXT", "t5", "ünïcödé 😀 日本語 \u{201C}curly\u{201D}", None),
            stored("TXT", "t6", "  padded; (parens)\nnewline  ", None),
            stored("TXT", "t7", &"é".repeat(2048), None),
        ];
        // The texts that look quoted must really hold their quotes for the test to mean much.
        assert_eq!(records[9].value, "\"quoted\"");
        assert_eq!(records[10].value, "\"a\" \"b\"");

        for record in &records {
            let body = write_form(record);
            let input = RecordInput {
                record_type: &body.record_type,
                name: &body.name,
                value: &body.value,
                ttl: body.ttl,
                priority: body.priority,
            };
            assert_eq!(validate_record(&zone, &input).as_ref(), Ok(record), "{body:?}");
        }
    }
}
