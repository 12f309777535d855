//! Domain names and owner names (RFC 1034 §3.1, RFC 1035 §2.3.4, RFC 2181 §11).

use crate::{Field, RuleError};

/// A zone's domain: two or more labels, lower-case, A-label (punycode) form, no final dot.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DomainName(String);

impl DomainName {
    /// Parses a domain as a person or a client sends it: surrounding whitespace and one final
    /// dot are dropped, letters are lowered. Unicode input is converted to A-labels when the
    /// `idna` feature is on, and refused with a hint otherwise. Errors name [`Field::Domain`].
    pub fn parse(input: &str) -> Result<DomainName, RuleError> {
        let _ = input;
        Err(RuleError::new(Field::Domain, "not yet implemented"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for DomainName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The Unicode form of a domain for display (`xn--bcher-kva.example` → `bücher.example`), or
/// `None` when it has no A-labels or the `idna` feature is off.
pub fn to_unicode_display(domain: &str) -> Option<String> {
    let _ = domain;
    None
}

/// A record's owner name, relative to its zone: `@` for the apex, else lower-case labels.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OwnerName(String);

impl OwnerName {
    /// Parses `@`, a relative name (`www`, `_dmarc`, `*.dev`), or a name ending in the zone
    /// (`www.example.com` or `www.example.com.`), which becomes relative. A name ending in a
    /// dot outside the zone is refused. Errors name [`Field::Name`].
    pub fn parse(input: &str, zone: &DomainName) -> Result<OwnerName, RuleError> {
        let _ = (input, zone);
        Err(RuleError::new(Field::Name, "not yet implemented"))
    }

    /// The stored form: `@` or relative lower-case labels.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_apex(&self) -> bool {
        self.0 == "@"
    }
}
