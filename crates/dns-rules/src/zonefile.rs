//! BIND9 zone-file text (RFC 1035 §5) for a zone and its records.
//!
//! The file is the one place where stored values meet zone-file syntax, so everything that
//! syntax would read differently is settled here: host targets get their final dot (or the
//! origin would be appended), TXT text is quoted and escaped down to plain ASCII, and the
//! file is checked against BIND's own `named-checkzone` in this crate's tests.
//!
//! Limitation: `named-checkzone` accepts `_` in the owner of an A, AAAA or MX record and in
//! an MX, NS or SRV target with a warning only, but `named` itself refuses such a zone under
//! its default `check-names primary fail`, because the contract lets every label hold `_`;
//! a server running BIND needs `check-names primary warn;` (or the contract a narrower rule).
//!
//! Limitation: records of one name and type with different TTLs are written as given, and
//! BIND serves them all with the first one's TTL (RFC 2181 §5.2), because the contract keeps
//! a TTL per record; refusing a differing TTL in the zone rules would fix it.

use std::fmt::Write as _;

use crate::{DomainName, RecordData, RecordType, txt_to_zone_strings};

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

/// The SOA timers (RFC 1035 §3.3.13) as RFC 1912 §2.2 and RIPE-203 suggest them: secondaries
/// check hourly, retry every 15 minutes, give up after two weeks, and a negative answer is
/// cached for five minutes (RFC 2308 §4), so a name added just after a lookup appears soon.
const SOA_REFRESH: u32 = 3600;
const SOA_RETRY: u32 = 900;
const SOA_EXPIRE: u32 = 1_209_600;
const SOA_MINIMUM: u32 = 300;

/// The complete zone file: `$ORIGIN`, `$TTL`, SOA, the provider's NS records, then `records`.
///
/// `records` must have passed [`crate::validate_record`]: their values are written as they
/// are stored, so a value built by hand could carry zone-file syntax. Owner names are written
/// relative to `$ORIGIN`; every host target is written absolute, with one final dot, so the
/// origin is never appended to it. A record that repeats one of the provider's NS records is
/// left out, since that line is already written.
pub fn write_zone_file(header: &ZoneHeader<'_>, records: &[RecordData]) -> String {
    let mut out = String::new();
    let origin = absolute(header.origin.as_str());

    // Writing to a `String` cannot fail, so the `fmt::Result`s below are ignored on purpose.
    let _ = writeln!(out, "; Zone file for {origin} written from the DNS API; edits are lost.");
    let _ = writeln!(out, "$ORIGIN {origin}");
    let _ = writeln!(out, "$TTL {}", header.default_ttl);

    // Limitation: with no provider name servers the SOA names the zone itself as primary and
    // the zone has only the customer's NS records, which BIND refuses if there are none;
    // the server is expected to configure at least one.
    let primary = header.nameservers.first().map_or_else(|| origin.clone(), |ns| absolute(ns));
    let _ = writeln!(
        out,
        "@ {} IN SOA {primary} {} ( {} {SOA_REFRESH} {SOA_RETRY} {SOA_EXPIRE} {SOA_MINIMUM} )",
        header.default_ttl,
        absolute(header.hostmaster),
        header.serial,
    );
    for nameserver in header.nameservers {
        let _ = writeln!(out, "@ {} IN NS {}", header.default_ttl, absolute(nameserver));
    }

    for record in records {
        // The same NS record twice would put one RR in the file twice, which BIND merges
        // under the first line's TTL (RFC 2181 §5). The record stays stored, so it is written
        // again if the provider's name servers ever change.
        if is_provider_nameserver(record, header.nameservers) {
            continue;
        }
        let _ = writeln!(out, "{}", record_line(record));
    }
    out
}

/// Whether `record` is an NS record at the apex naming one of the provider's `nameservers`.
fn is_provider_nameserver(record: &RecordData, nameservers: &[String]) -> bool {
    record.record_type == RecordType::Ns
        && record.name == "@"
        && nameservers.iter().any(|ns| ns.trim_end_matches('.').eq_ignore_ascii_case(&record.value))
}

/// The line `record` takes in its zone file, owner relative to `$ORIGIN`. The dashboard shows
/// it before a save, so that what will be served is never a surprise.
pub fn record_line(record: &RecordData) -> String {
    format!(
        "{} {} IN {} {}",
        record.name,
        record.ttl.seconds(),
        record.record_type,
        record_data(record)
    )
}

/// The RDATA of one record in zone-file syntax (RFC 1035 §5.1).
fn record_data(record: &RecordData) -> String {
    let priority = record.priority.unwrap_or(0);
    match record.record_type {
        RecordType::A | RecordType::Aaaa | RecordType::Caa => record.value.clone(),
        RecordType::Cname | RecordType::Ns => absolute(&record.value),
        RecordType::Mx => format!("{priority} {}", absolute(&record.value)),
        RecordType::Srv => {
            // The stored value is `weight port target`; only the target needs its dot.
            let mut parts = record.value.split_whitespace();
            let weight = parts.next().unwrap_or("0");
            let port = parts.next().unwrap_or("0");
            let target = parts.next().unwrap_or(".");
            format!("{priority} {weight} {port} {}", absolute(target))
        }
        RecordType::Txt => txt_to_zone_strings(&record.value),
    }
}

/// `name` with exactly one final dot; the root stays `.`.
fn absolute(name: &str) -> String {
    format!("{}.", name.trim_end_matches('.'))
}

/// The serial after `previous` on the day `today` (as `YYYYMMDD`): `YYYYMMDDnn`, always larger
/// than `previous`, even after 99 changes in a day or when the clock goes back.
pub fn next_serial(previous: u32, today: u32) -> u32 {
    // The date form of RFC 1912 §2.2 is used while it is ahead; otherwise the serial counts
    // on from `previous`. At `u32::MAX` it wraps to 0, which RFC 1982 serial arithmetic, the
    // comparison secondaries use, still counts as one step larger.
    let counted = previous.wrapping_add(1);
    match today.checked_mul(100) {
        Some(dated) if dated > counted => dated,
        _ => counted,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RecordInput, validate_record};

    fn record(zone: &DomainName, record_type: &str, name: &str, value: &str) -> RecordData {
        let priority = matches!(record_type, "MX" | "SRV").then_some(10);
        let input = RecordInput { record_type, name, value, ttl: Some(300), priority };
        validate_record(zone, &input).expect(value)
    }

    #[test]
    fn zone_file_has_origin_ttl_soa_provider_ns_then_records() {
        let zone = DomainName::parse("example.com").expect("domain");
        let nameservers = ["ns1.vps.org".to_string(), "ns2.vps.org.".to_string()];
        let header = ZoneHeader {
            origin: &zone,
            serial: 2026120401,
            nameservers: &nameservers,
            hostmaster: "hostmaster.vps.org",
            default_ttl: 3600,
        };
        let records = [
            record(&zone, "A", "@", "192.0.2.1"),
            record(&zone, "AAAA", "www", "2001:DB8::1"),
            record(&zone, "CNAME", "shop", "shops.example.net."),
            record(&zone, "MX", "@", "mail.example.com"),
            record(&zone, "NS", "sub", "ns.example.net"),
            record(&zone, "SRV", "_sip._tcp", "5 5060 sip.example.com"),
            record(&zone, "SRV", "_imap._tcp", "0 0 ."),
            record(&zone, "TXT", "_dmarc", "v=DMARC1; p=none"),
            record(&zone, "CAA", "@", "0 issue letsencrypt.org"),
        ];
        let expected = "\
; Zone file for example.com. written from the DNS API; edits are lost.
$ORIGIN example.com.
$TTL 3600
@ 3600 IN SOA ns1.vps.org. hostmaster.vps.org. ( 2026120401 3600 900 1209600 300 )
@ 3600 IN NS ns1.vps.org.
@ 3600 IN NS ns2.vps.org.
@ 300 IN A 192.0.2.1
www 300 IN AAAA 2001:db8::1
shop 300 IN CNAME shops.example.net.
@ 300 IN MX 10 mail.example.com.
sub 300 IN NS ns.example.net.
_sip._tcp 300 IN SRV 10 5 5060 sip.example.com.
_imap._tcp 300 IN SRV 10 0 0 .
_dmarc 300 IN TXT \"v=DMARC1; p=none\"
@ 300 IN CAA 0 issue \"letsencrypt.org\"
";
        assert_eq!(write_zone_file(&header, &records), expected);
    }

    #[test]
    fn zone_file_without_provider_nameservers_still_has_an_soa() {
        let zone = DomainName::parse("example.com").expect("domain");
        let header = ZoneHeader {
            origin: &zone,
            serial: 1,
            nameservers: &[],
            hostmaster: "hostmaster.example.com.",
            default_ttl: 300,
        };
        let file = write_zone_file(&header, &[]);
        assert!(file.contains("@ 300 IN SOA example.com. hostmaster.example.com. ( 1 "), "{file}");
    }

    /// Found by the `zone_file` fuzz target: a customer's `NS @ ns1.vps.org` was written a
    /// second time after the provider's own line for it.
    #[test]
    fn customer_ns_naming_a_provider_nameserver_is_written_once() {
        let zone = DomainName::parse("example.com").expect("domain");
        let nameservers = ["ns1.vps.org".to_string(), "NS2.vps.org.".to_string()];
        let header = ZoneHeader {
            origin: &zone,
            serial: 1,
            nameservers: &nameservers,
            hostmaster: "hostmaster.vps.org",
            default_ttl: 3600,
        };
        let records = [
            record(&zone, "NS", "@", "ns1.vps.org"),
            record(&zone, "NS", "@", "ns2.vps.org."),
            record(&zone, "NS", "@", "ns3.example.net"),
            record(&zone, "NS", "sub", "ns1.vps.org"),
        ];
        let file = write_zone_file(&header, &records);
        let records_part = file.split_once("@ 3600 IN NS NS2.vps.org.\n").map(|(_, rest)| rest);
        assert_eq!(
            records_part,
            Some("@ 300 IN NS ns3.example.net.\nsub 300 IN NS ns1.vps.org.\n"),
            "{file}"
        );
        assert_eq!(file.matches("IN NS ns1.vps.org.").count(), 2, "{file}");
    }

    #[test]
    fn serial_is_date_based_and_always_rises() {
        let rows = [
            // previous, today, next
            (0, 20261204, 2026120400),
            (2026120400, 20261204, 2026120401),
            (2026120499, 20261204, 2026120500),
            (2026120417, 20261205, 2026120500),
            (2026120500, 20261204, 2026120501),
            (1, 20261204, 2026120400),
            (4_000_000_000, 20261204, 4_000_000_001),
            (7, 0, 8),
            (7, u32::MAX, 8),
            (u32::MAX - 1, 20261204, u32::MAX),
            (u32::MAX, 20261204, 2026120400),
            (u32::MAX, u32::MAX, 0),
        ];
        for (previous, today, next) in rows {
            assert_eq!(next_serial(previous, today), next, "{previous} on {today}");
        }
    }
}
