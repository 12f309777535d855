//! BIND9 zone-file text (RFC 1035 §5) for a zone and its records.

use crate::{DomainName, RecordData};

/// What the provider adds to every zone it serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneHeader<'a> {
    pub origin: &'a DomainName,
    /// SOA serial; see [`next_serial`].
    pub serial: u32,
    /// The provider's name servers, absolute, without the final dot (`ns1.vps.org`). The first
    /// is the SOA's primary.
    pub nameservers: &'a [String],
    /// The SOA's responsible mailbox as a domain name (`hostmaster.vps.org`).
    pub hostmaster: &'a str,
    /// `$TTL` and the SOA's own TTL.
    pub default_ttl: u32,
}

/// The complete zone file: `$ORIGIN`, `$TTL`, SOA, the provider's NS records, then `records`.
pub fn write_zone_file(header: &ZoneHeader<'_>, records: &[RecordData]) -> String {
    let _ = (header, records);
    String::new()
}

/// The serial after `previous` on the day `today` (as `YYYYMMDD`): `YYYYMMDDnn`, always larger
/// than `previous`, even after 99 changes in a day or when the clock goes back.
pub fn next_serial(previous: u32, today: u32) -> u32 {
    let _ = today;
    previous.wrapping_add(1)
}
