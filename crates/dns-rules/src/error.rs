//! The one error type of the rules: which request field is wrong, and what to do about it.

use std::fmt;

/// A field of an API request, named as the API names it in its `field` hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Domain,
    RecordType,
    Name,
    Value,
    Ttl,
    Priority,
}

impl Field {
    /// The JSON name of the field, as sent in the API's `field` hint.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Domain => "domain",
            Field::RecordType => "record_type",
            Field::Name => "name",
            Field::Value => "value",
            Field::Ttl => "ttl",
            Field::Priority => "priority",
        }
    }

    /// Reads the API's `field` hint back; `None` for a field this crate does not know.
    pub fn from_hint(hint: &str) -> Option<Field> {
        [Field::Domain, Field::RecordType, Field::Name, Field::Value, Field::Ttl, Field::Priority]
            .into_iter()
            .find(|field| field.as_str() == hint)
    }
}

/// Why one field of a request cannot be accepted.
///
/// `message` is a full sentence for the person who typed the value: what is wrong and, where
/// it helps, what to type instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub field: Field,
    pub message: String,
}

impl RuleError {
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        RuleError { field, message: message.into() }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.as_str(), self.message)
    }
}

impl std::error::Error for RuleError {}
