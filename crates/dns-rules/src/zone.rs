//! Rules across the records of one zone: what a record may not stand beside.
//!
//! A record can be valid on its own and still break its zone: a CNAME beside an A record, or
//! a TXT record under a delegated name, makes resolvers answer inconsistently and makes BIND
//! refuse or silently hide data. These rules see the zone's other records, so the server runs
//! them on every change, and the dashboard can run them on the records it has loaded to warn
//! before sending.

use crate::record::article;
use crate::{DomainName, Field, RecordData, RecordType};

/// How the API answers a violation: 409 `conflict` or 400 `validation_error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViolationKind {
    /// 409: the change breaks a zone rule (CNAME at the apex or beside other data, data below
    /// a delegation, a set of records too large for one DNS message).
    Conflict,
    /// 400: the same type, name and value are already in the zone.
    Duplicate,
}

/// A zone rule that a candidate record would break.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneViolation {
    pub kind: ViolationKind,
    pub field: Field,
    pub message: String,
}

/// Checks `candidate` against the zone's other records. When a record is being replaced,
/// `existing` must not contain its old version.
pub fn check_zone_rules(
    existing: &[RecordData],
    candidate: &RecordData,
) -> Result<(), ZoneViolation> {
    let name = candidate.name.as_str();
    let shown = shown_name(name);

    // RFC 1034 §3.6.2 and RFC 2181 §10.1: a CNAME is the only data at its name, and the apex
    // always holds the SOA and NS records, so a CNAME can never stand there.
    if candidate.record_type == RecordType::Cname && is_apex(name) {
        return Err(conflict(
            "A CNAME record cannot be at the zone apex (@), which always holds the zone's SOA \
             and NS records. Use A and AAAA records at @ instead."
                .to_string(),
        ));
    }

    if existing.iter().any(|record| same_record(record, candidate)) {
        return Err(ZoneViolation {
            kind: ViolationKind::Duplicate,
            field: Field::Value,
            message: format!(
                "The zone already has this {} record at {shown} with the same value.",
                candidate.record_type
            ),
        });
    }

    let at_name = existing.iter().filter(|record| same_name(&record.name, name));
    if candidate.record_type == RecordType::Cname {
        if let Some(other) = at_name.clone().next() {
            return Err(conflict(format!(
                "{shown} already has {} record, and a CNAME must be the only record at its \
                 name. Remove the other records first, or add an A or AAAA record instead.",
                article(other.record_type)
            )));
        }
    } else if let Some(alias) = at_name.clone().find(|r| r.record_type == RecordType::Cname) {
        return Err(conflict(format!(
            "{shown} is a CNAME to {}, so it can hold no other record. Add the record at the \
             CNAME's target instead, or remove the CNAME first.",
            alias.value
        )));
    }

    check_delegation(existing, candidate)?;
    check_set_size(existing, candidate)
}

/// The largest DNS message: over TCP its length is a 16-bit number (RFC 1035 §4.2.2).
const MAX_MESSAGE_OCTETS: usize = 65_535;

/// What an answer holds besides the records' data: the 12-octet header and the question,
/// whose name is counted at the longest a name can be (255 octets), so that the rule needs no
/// zone name, followed by 4 octets of type and class.
const ANSWER_OVERHEAD_OCTETS: usize = 12 + 255 + 4;

/// What each record adds to an answer besides its data: its name as a 2-octet compression
/// pointer, then type, class, TTL and data length (10 octets, RFC 1035 §4.1.3).
const RECORD_OVERHEAD_OCTETS: usize = 12;

/// RFC 2181 §5: the records of one name and type are a set that is always sent whole, so
/// the set must fit in one DNS message. A few long TXT records at one name pass every
/// per-record rule and still outgrow it (16 of 4096 octets), and BIND then refuses to load
/// the zone file ("ran out of space"), so the record that would tip the set over is refused.
fn check_set_size(existing: &[RecordData], candidate: &RecordData) -> Result<(), ZoneViolation> {
    let set = existing
        .iter()
        .filter(|r| r.record_type == candidate.record_type && same_name(&r.name, &candidate.name))
        .chain([candidate]);
    let data: usize = set.map(|record| RECORD_OVERHEAD_OCTETS + record.rdata_octets()).sum();
    let octets = ANSWER_OVERHEAD_OCTETS + data;
    if octets <= MAX_MESSAGE_OCTETS {
        return Ok(());
    }
    Err(ZoneViolation {
        kind: ViolationKind::Conflict,
        field: Field::Value,
        message: format!(
            "With this record, the {} records at {} would take {octets} octets in an answer, \
             more than the {MAX_MESSAGE_OCTETS} that one DNS message can carry. Shorten or \
             remove some of them first.",
            candidate.record_type,
            shown_name(&candidate.name)
        ),
    })
}

/// RFC 1034 §4.2.1: below a zone cut the data belongs to the child zone. Only the NS records
/// at the cut and the address records (glue) of name servers inside it stay in the parent.
fn check_delegation(existing: &[RecordData], candidate: &RecordData) -> Result<(), ZoneViolation> {
    let name = candidate.name.as_str();

    let cut = existing
        .iter()
        .filter(|record| is_delegation(record))
        .find(|record| at_or_below(name, &record.name));
    if let Some(cut) = cut
        && !allowed_at_cut(candidate, &cut.name)
    {
        let cut_name = shown_name(&cut.name);
        return Err(conflict(format!(
            "{cut_name} is delegated to other name servers by its NS records, so records at \
             or below it belong in that zone. Only more NS records at {cut_name} and A or AAAA \
             glue records may be added here."
        )));
    }

    if is_delegation(candidate) {
        let in_the_way = existing
            .iter()
            .find(|record| at_or_below(&record.name, name) && !allowed_at_cut(record, name));
        if let Some(record) = in_the_way {
            let shown = shown_name(name);
            return Err(conflict(format!(
                "{shown} cannot be delegated while {} already has {} record: a delegated name \
                 may hold only NS records, with A or AAAA glue at or below it. Remove that \
                 record first.",
                shown_name(&record.name),
                article(record.record_type)
            )));
        }
    }
    Ok(())
}

/// Whether `record` may stand at or below the zone cut at `cut`.
fn allowed_at_cut(record: &RecordData, cut: &str) -> bool {
    match record.record_type {
        RecordType::Ns => same_name(&record.name, cut),
        RecordType::A | RecordType::Aaaa => true,
        _ => false,
    }
}

/// An NS record below the apex makes a zone cut (RFC 1034 §4.2.1).
fn is_delegation(record: &RecordData) -> bool {
    record.record_type == RecordType::Ns && !is_apex(&record.name)
}

/// Checks the zone-wide rules that `named-checkzone` enforces on the whole file and that no
/// single record can be judged by: every name server of the zone (the NS records at `@`) that
/// lies inside the zone needs an A or AAAA record, or BIND refuses to load it (RFC 1912 §2.3).
/// Call it with the records as they would be after a change (a create, an update or a
/// delete) and refuse the change when it fails; the message names the name server.
///
/// The provider's own name servers are not checked: they lie outside every customer zone.
pub fn check_zone_integrity(
    zone: &DomainName,
    records: &[RecordData],
) -> Result<(), ZoneViolation> {
    let apex_nameservers = records
        .iter()
        .filter(|record| record.record_type == RecordType::Ns && is_apex(&record.name));

    for ns in apex_nameservers {
        let Some(relative) = relative_to(&ns.value, zone) else {
            continue;
        };
        let has_address = records.iter().any(|record| {
            matches!(record.record_type, RecordType::A | RecordType::Aaaa)
                && same_name(&record.name, relative)
        });
        if !has_address {
            return Err(ZoneViolation {
                kind: ViolationKind::Conflict,
                field: Field::Value,
                message: format!(
                    "{} is a name server of this zone and lies inside it, so it needs an A or \
                     AAAA record at {}. Add that record first; it cannot be removed while the \
                     NS record points there.",
                    ns.value,
                    shown_name(relative)
                ),
            });
        }
    }
    Ok(())
}

/// `target` relative to `zone` (`@` for the zone itself), or `None` when it lies outside.
fn relative_to<'a>(target: &'a str, zone: &DomainName) -> Option<&'a str> {
    let zone = zone.as_str();
    if target.eq_ignore_ascii_case(zone) {
        return Some("@");
    }
    let split = target.len().checked_sub(zone.len() + 1)?;
    let (head, tail) = (target.get(..split)?, target.get(split..)?);
    let in_zone = tail.strip_prefix('.').is_some_and(|rest| rest.eq_ignore_ascii_case(zone));
    in_zone.then_some(head)
}

/// The same record twice: type, name and value alike. Names and host targets are stored in
/// lower case, so comparing them without case only guards against data stored by hand; TXT
/// text is compared exactly, since case is part of the text.
fn same_record(a: &RecordData, b: &RecordData) -> bool {
    if a.record_type != b.record_type || !same_name(&a.name, &b.name) {
        return false;
    }
    match a.record_type {
        RecordType::Txt | RecordType::Caa => a.value == b.value,
        _ => a.value.eq_ignore_ascii_case(&b.value),
    }
}

/// Owner names compare without regard to ASCII case (RFC 4343).
fn same_name(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Whether relative `name` is `cut` or a name below it. Every name is at or below the apex.
fn at_or_below(name: &str, cut: &str) -> bool {
    if is_apex(cut) || same_name(name, cut) {
        return true;
    }
    let Some(split) = name.len().checked_sub(cut.len() + 1) else {
        return false;
    };
    name.get(split..)
        .and_then(|tail| tail.strip_prefix('.'))
        .is_some_and(|tail| same_name(tail, cut))
}

fn is_apex(name: &str) -> bool {
    name == "@"
}

/// How a message shows a relative name: `@ (the zone apex)` or the name itself.
fn shown_name(name: &str) -> String {
    if is_apex(name) { "@ (the zone apex)".to_string() } else { name.to_string() }
}

fn conflict(message: String) -> ZoneViolation {
    ZoneViolation { kind: ViolationKind::Conflict, field: Field::Name, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RecordInput, validate_record};

    fn zone() -> DomainName {
        DomainName::parse("example.com").expect("example.com is a domain")
    }

    /// A record in stored form, from `"TYPE name value"` (priority 10 for MX and SRV).
    fn record(line: &str) -> RecordData {
        let mut parts = line.splitn(3, ' ');
        let record_type = parts.next().unwrap_or_default();
        let name = parts.next().unwrap_or_default();
        let value = parts.next().unwrap_or_default();
        let priority = matches!(record_type, "MX" | "SRV").then_some(10);
        let input = RecordInput { record_type, name, value, ttl: None, priority };
        validate_record(&zone(), &input).expect(line)
    }

    /// Each row: the records already in the zone, the candidate, then `Ok(())` or the kind of
    /// violation (whose message must name the `field`).
    fn check(rows: &[(&[&str], &str, Result<(), ViolationKind>)]) {
        for (existing, candidate, expected) in rows {
            let existing: Vec<RecordData> = existing.iter().map(|line| record(line)).collect();
            let got = check_zone_rules(&existing, &record(candidate));
            if let Err(violation) = &got {
                let want_field = if violation.kind == ViolationKind::Duplicate {
                    Field::Value
                } else {
                    Field::Name
                };
                assert_eq!(violation.field, want_field, "{candidate}");
                assert!(violation.message.ends_with('.'), "{}", violation.message);
            }
            assert_eq!(got.map_err(|v| v.kind), *expected, "{existing:?} + {candidate}");
        }
    }

    const CONFLICT: Result<(), ViolationKind> = Err(ViolationKind::Conflict);
    const DUPLICATE: Result<(), ViolationKind> = Err(ViolationKind::Duplicate);

    #[test]
    fn cname_cannot_be_at_the_apex() {
        check(&[
            (&[], "CNAME @ site.example.net", CONFLICT),
            (&[], "CNAME example.com. site.example.net", CONFLICT),
            (&[], "CNAME www site.example.net", Ok(())),
        ]);
    }

    #[test]
    fn cname_stands_alone_at_its_name() {
        check(&[
            (&["A www 192.0.2.20"], "CNAME www site.example.net", CONFLICT),
            (&["TXT www hello"], "CNAME WWW site.example.net", CONFLICT),
            (&["CNAME www a.example.net"], "CNAME www b.example.net", CONFLICT),
            (&["CNAME www site.example.net"], "A www 192.0.2.20", CONFLICT),
            (&["CNAME www site.example.net"], "TXT www.example.com. hello", CONFLICT),
            (&["CNAME *.dev site.example.net"], "MX *.dev mail.example.net", CONFLICT),
            (&["A www 192.0.2.20"], "CNAME www2 site.example.net", Ok(())),
            (&["CNAME www site.example.net"], "A sub.www 192.0.2.20", Ok(())),
            (&["A @ 192.0.2.1", "MX @ mail.example.net"], "CNAME shop shops.example.net", Ok(())),
        ]);
    }

    #[test]
    fn same_type_name_and_value_twice_is_a_duplicate() {
        check(&[
            (&["A dup 192.0.2.40"], "A dup 192.0.2.40", DUPLICATE),
            (&["A dup 192.0.2.40"], "A DUP.example.com. 192.0.2.40", DUPLICATE),
            (&["AAAA v6 2001:db8::1"], "AAAA v6 2001:0db8:0::1", DUPLICATE),
            (&["TXT @ \"v=spf1 -all\""], "TXT @ v=spf1 -all", DUPLICATE),
            (&["MX @ mail.example.net."], "MX @ MAIL.example.net", DUPLICATE),
            (&["CNAME www site.example.net"], "CNAME www site.example.net.", DUPLICATE),
            (&["CAA @ 0 issue letsencrypt.org"], "CAA @ 0 ISSUE \"letsencrypt.org\"", DUPLICATE),
            (&["TXT @ Hello"], "TXT @ hello", Ok(())),
            (&["A dup 192.0.2.40"], "A dup 192.0.2.41", Ok(())),
            (&["A dup 192.0.2.40"], "A dup2 192.0.2.40", Ok(())),
            (&["A dup 192.0.2.40"], "AAAA dup ::ffff:192.0.2.40", Ok(())),
        ]);
    }

    #[test]
    fn delegated_name_holds_only_its_ns_records_and_glue() {
        let delegated: &[&str] = &["NS sub ns1.sub.example.com", "A ns1.sub 192.0.2.53"];
        check(&[
            (delegated, "NS sub ns2.example.net", Ok(())),
            (delegated, "A ns2.sub 192.0.2.54", Ok(())),
            (delegated, "AAAA ns1.sub 2001:db8::53", Ok(())),
            (delegated, "A sub 192.0.2.55", Ok(())),
            (delegated, "TXT sub hello", CONFLICT),
            (delegated, "MX sub mail.example.net", CONFLICT),
            (delegated, "CNAME www.sub site.example.net", CONFLICT),
            (delegated, "TXT _acme-challenge.sub token", CONFLICT),
            (delegated, "NS deeper.sub ns.example.net", CONFLICT),
            (delegated, "A *.sub 192.0.2.56", Ok(())),
            (delegated, "TXT *.sub hello", CONFLICT),
            (delegated, "TXT notsub hello", Ok(())),
            (delegated, "TXT sub2 hello", Ok(())),
            (delegated, "TXT @ hello", Ok(())),
            (delegated, "NS @ ns3.example.net", Ok(())),
        ]);
    }

    #[test]
    fn delegating_a_name_that_already_holds_data_is_refused() {
        check(&[
            (&["TXT dev hello"], "NS dev ns1.example.net", CONFLICT),
            (&["CNAME www.dev site.example.net"], "NS dev ns1.example.net", CONFLICT),
            (&["NS a.dev ns1.example.net"], "NS dev ns1.example.net", CONFLICT),
            (&["A dev 192.0.2.1", "AAAA x.dev 2001:db8::1"], "NS dev ns1.example.net", Ok(())),
            (&["NS dev ns1.example.net"], "NS dev ns2.example.net", Ok(())),
            (&["TXT devices hello"], "NS dev ns1.example.net", Ok(())),
            (&["TXT @ hello", "MX @ mail.example.net"], "NS @ ns1.example.net", Ok(())),
        ]);
    }

    #[test]
    fn violation_messages_are_sentences_naming_the_name() {
        let existing = [record("A www 192.0.2.20")];
        let violation = check_zone_rules(&existing, &record("CNAME www site.example.net"))
            .expect_err("CNAME beside A");
        assert!(violation.message.contains("www already has an A record"), "{violation:?}");
        let violation =
            check_zone_rules(&[], &record("CNAME @ site.example.net")).expect_err("apex");
        assert!(violation.message.contains("zone apex"), "{violation:?}");
    }

    /// Each row: the zone's records after a change, then `Ok(())` or text the message holds.
    fn check_integrity(rows: &[(&[&str], Result<(), &str>)]) {
        let zone = zone();
        for (records, expected) in rows {
            let records: Vec<RecordData> = records.iter().map(|line| record(line)).collect();
            match (expected, check_zone_integrity(&zone, &records)) {
                (Ok(()), Ok(())) => {}
                (Err(want), Err(violation)) => {
                    assert_eq!(violation.field, Field::Value);
                    assert!(violation.message.contains(want), "{violation:?}");
                }
                (expected, got) => panic!("{records:?}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn nameserver_inside_the_zone_needs_an_address() {
        check_integrity(&[
            (&[], Ok(())),
            (&["NS @ ns1.example.net"], Ok(())),
            (&["NS @ ns2.example.com", "A ns2 192.0.2.53"], Ok(())),
            (&["NS @ ns2.example.com", "AAAA NS2 2001:db8::53"], Ok(())),
            (&["NS @ example.com", "A @ 192.0.2.53"], Ok(())),
            (&["NS sub ns.sub.example.com"], Ok(())),
            (&["NS @ notexample.com"], Ok(())),
            (&["NS @ ns2.example.com"], Err("needs an A or AAAA record at ns2")),
            (&["NS @ ns2.example.com", "TXT ns2 hello"], Err("ns2.example.com")),
            (&["NS @ ns2.example.com", "A *.example.com 192.0.2.1"], Err("at ns2")),
            (&["NS @ ns2.example.com", "CNAME ns2 ns.example.net"], Err("at ns2")),
            (&["NS @ example.com"], Err("at @ (the zone apex)")),
        ]);
    }

    #[test]
    fn set_too_large_for_one_dns_message_is_a_conflict() {
        // Found by the dnspython differential test (seed 0x6d): 152 TXT records at @, some of
        // 4096 octets, passed every rule, and named-checkzone refused the zone file ("ran out
        // of space"). A TXT record of 4096 octets takes 4113 on the wire, 4125 in an answer.
        let txt = |name: &str, text: &str| {
            let input = RecordInput { record_type: "TXT", name, value: text, ..Default::default() };
            validate_record(&zone(), &input).expect("TXT of up to 4096 octets")
        };
        let texts: Vec<String> = (0..16).map(|i| format!("{i:02}{}", "x".repeat(4094))).collect();

        let mut set = Vec::new();
        for text in &texts[..15] {
            let record = txt("@", text);
            assert_eq!(check_zone_rules(&set, &record), Ok(()), "{} fit", set.len() + 1);
            set.push(record);
        }
        let violation = check_zone_rules(&set, &txt("@", &texts[15])).expect_err("16 do not");
        assert_eq!((violation.kind, violation.field), (ViolationKind::Conflict, Field::Value));
        assert!(violation.message.contains("TXT records at @ (the zone apex)"), "{violation:?}");
        assert!(violation.message.contains("65535"), "{violation:?}");

        // Only the records of the same name and type count.
        assert_eq!(check_zone_rules(&set, &txt("www", &texts[15])), Ok(()));
        assert_eq!(check_zone_rules(&set, &record("A @ 192.0.2.1")), Ok(()));
        assert_eq!(check_zone_rules(&set, &txt("@", "short")), Ok(()));
    }
}
