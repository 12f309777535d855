//! Record types and the per-record rules: what each type's value must look like, and the
//! stored form it is turned into.

use std::fmt;
use std::str::FromStr;

use crate::{DomainName, Field, RuleError};

/// The record types the API supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordType {
    A,
    Aaaa,
    Cname,
    Mx,
    Txt,
    Ns,
    Srv,
    Caa,
}

impl RecordType {
    pub const ALL: [RecordType; 8] = [
        RecordType::A,
        RecordType::Aaaa,
        RecordType::Cname,
        RecordType::Mx,
        RecordType::Txt,
        RecordType::Ns,
        RecordType::Srv,
        RecordType::Caa,
    ];

    /// The type's mnemonic, as the API and zone files spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
            RecordType::Cname => "CNAME",
            RecordType::Mx => "MX",
            RecordType::Txt => "TXT",
            RecordType::Ns => "NS",
            RecordType::Srv => "SRV",
            RecordType::Caa => "CAA",
        }
    }

    /// MX and SRV carry a priority; every other type must not.
    pub fn takes_priority(self) -> bool {
        matches!(self, RecordType::Mx | RecordType::Srv)
    }
}

impl fmt::Display for RecordType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RecordType {
    type Err = RuleError;

    /// Case-insensitive; errors name [`Field::RecordType`] and list the supported types.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        RecordType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                RuleError::new(
                    Field::RecordType,
                    "Choose one of A, AAAA, CNAME, MX, TXT, NS, SRV or CAA.",
                )
            })
    }
}

/// Time to live in seconds, 60 to 604800 (one week).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Ttl(u32);

impl Ttl {
    pub const MIN: u32 = 60;
    pub const MAX: u32 = 604_800;
    pub const DEFAULT: Ttl = Ttl(3600);

    /// Errors name [`Field::Ttl`].
    pub fn new(seconds: i64) -> Result<Ttl, RuleError> {
        u32::try_from(seconds)
            .ok()
            .filter(|s| (Self::MIN..=Self::MAX).contains(s))
            .map(Ttl)
            .ok_or_else(|| {
                RuleError::new(Field::Ttl, "TTL must be between 60 and 604800 seconds.")
            })
    }

    pub fn seconds(self) -> u32 {
        self.0
    }
}

/// MX preference or SRV priority, 0 to 65535. Zero is a value, not a missing one.
pub type Priority = u16;

/// A record as a client sends it, before any rule has been applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordInput<'a> {
    pub record_type: &'a str,
    pub name: &'a str,
    pub value: &'a str,
    /// `None` means the default TTL.
    pub ttl: Option<i64>,
    pub priority: Option<i64>,
}

/// A record that passed every per-record rule, in the form it is stored and returned in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecordData {
    pub record_type: RecordType,
    /// `@` or a relative, lower-case name.
    pub name: String,
    /// The stored value: AAAA in RFC 5952 form, host targets without a final dot, TXT as its
    /// text, CAA as `flags tag "value"`, SRV as `weight port target`.
    pub value: String,
    pub ttl: Ttl,
    pub priority: Option<Priority>,
}

/// Applies every per-record rule of the contract to `input` in `zone`. The first field at
/// fault is reported, in the order type, name, value, TTL, priority.
pub fn validate_record(zone: &DomainName, input: &RecordInput<'_>) -> Result<RecordData, RuleError> {
    let _ = (zone, input);
    Err(RuleError::new(Field::Value, "not yet implemented"))
}
