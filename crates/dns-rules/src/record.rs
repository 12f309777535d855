//! Record types and the per-record rules: what each type's value must look like, and the
//! stored form it is turned into.

use std::fmt;
use std::str::FromStr;

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::name::parse_host_target;
use crate::txt::txt_rdata_octets;
use crate::{
    DomainName, Field, Fragment, OwnerName, RuleArg, RuleError, check_lookalikes, fragment,
    txt_from_input,
};

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
                    "record.type_unknown",
                    Field::RecordType,
                    "Choose one of A, AAAA, CNAME, MX, TXT, NS, SRV or CAA.",
                    &[],
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
                RuleError::new(
                    "record.ttl_range",
                    Field::Ttl,
                    "TTL must be between {min} and {max} seconds.",
                    &[("min", RuleArg::text(Self::MIN)), ("max", RuleArg::text(Self::MAX))],
                )
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

impl RecordData {
    /// The length of the record's data on the wire (RDLENGTH, RFC 1035 §3.2.1), names
    /// uncompressed: what the record adds to every answer that carries it. The zone rules
    /// need it to keep a set of records within one DNS message.
    pub fn rdata_octets(&self) -> usize {
        // A name on the wire: a length octet before each label, and the root's empty label.
        let name = |name: &str| if name == "." { 1 } else { name.len() + 2 };
        let value = self.value.as_str();
        match self.record_type {
            RecordType::A => 4,
            RecordType::Aaaa => 16,
            RecordType::Cname | RecordType::Ns => name(value),
            // The preference, then the exchange (RFC 1035 §3.3.9).
            RecordType::Mx => 2 + name(value),
            // Priority, weight and port, then the target (RFC 2782).
            RecordType::Srv => 6 + name(value.rsplit(' ').next().unwrap_or(".")),
            RecordType::Txt => txt_rdata_octets(value),
            // The flags, the tag's length and the tag, then the value (RFC 8659 §4.1). The
            // stored form is `flags tag "value"`, so the value is what lies between the quotes.
            RecordType::Caa => {
                let mut parts = value.splitn(3, ' ').skip(1);
                let tag = parts.next().unwrap_or("");
                let quoted = parts.next().unwrap_or("");
                2 + tag.len() + quoted.len().saturating_sub(2)
            }
        }
    }
}

/// Applies every per-record rule of the contract to `input` in `zone`. The first field at
/// fault is reported, in the order type, name, value, TTL, priority.
pub fn validate_record(
    zone: &DomainName,
    input: &RecordInput<'_>,
) -> Result<RecordData, RuleError> {
    let record_type: RecordType = input.record_type.parse()?;

    let name = OwnerName::parse(input.name, zone)?;
    if record_type == RecordType::Ns && name.is_wildcard() {
        // RFC 4592 §4.2: a wildcard cannot delegate, and BIND refuses to load such a zone.
        return Err(RuleError::new(
            "record.ns_wildcard",
            Field::Name,
            "NS records cannot be at a wildcard name; delegate each subdomain by its own name.",
            &[],
        ));
    }

    let value = parse_value(record_type, input.value, zone)?;

    let ttl = match input.ttl {
        Some(seconds) => Ttl::new(seconds)?,
        None => Ttl::DEFAULT,
    };

    let priority = parse_priority(record_type, input.priority)?;

    Ok(RecordData { record_type, name: name.as_str().to_string(), value, ttl, priority })
}

/// The stored form of a value of type `record_type`. Every type but TXT ignores surrounding
/// whitespace, which a form or a copied line so often carries; in TXT it may be the text.
fn parse_value(record_type: RecordType, raw: &str, zone: &DomainName) -> Result<String, RuleError> {
    let value = raw.trim();
    if record_type != RecordType::Txt {
        check_lookalikes(value, Field::Value)?;
    }
    match record_type {
        RecordType::A => parse_ipv4(value),
        RecordType::Aaaa => parse_ipv6(value),
        RecordType::Cname => {
            parse_host_target(value, zone, fragment("fragment.target.cname", "a CNAME record"))
        }
        RecordType::Mx => parse_mx(value, zone),
        RecordType::Txt => parse_txt(raw),
        RecordType::Ns => {
            parse_host_target(value, zone, fragment("fragment.target.ns", "an NS record"))
        }
        RecordType::Srv => parse_srv(value, zone),
        RecordType::Caa => parse_caa(value),
    }
}

/// A: the dotted-quad form of RFC 1123 §2.1 and nothing else. `inet_aton` also reads
/// `0x7f.1`, `127.1` and octal `010`; accepting those would store an address that other
/// software reads differently.
fn parse_ipv4(value: &str) -> Result<String, RuleError> {
    let shape = || {
        RuleError::new(
            "record.ipv4_shape",
            Field::Value,
            "Enter an IPv4 address as four numbers from 0 to 255 separated by dots, such as \
             192.0.2.1.",
            &[],
        )
    };
    if value.is_empty() {
        return Err(shape());
    }
    if value.parse::<Ipv6Addr>().is_ok() {
        return Err(RuleError::new(
            "record.ipv4_is_ipv6",
            Field::Value,
            "{value} is an IPv6 address; use an AAAA record for it.",
            &[("value", RuleArg::text(value))],
        ));
    }

    let parts: Vec<&str> = value.split('.').collect();
    let numeric = parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if parts.len() != 4 || !numeric {
        if value.bytes().any(|b| b.is_ascii_alphabetic()) {
            return Err(RuleError::new(
                "record.ipv4_shape_not_name",
                Field::Value,
                "Enter an IPv4 address as four numbers from 0 to 255 separated by dots, such as \
                 192.0.2.1. To point a name at a host name, use a CNAME record.",
                &[],
            ));
        }
        return Err(shape());
    }

    for part in parts {
        if part.len() > 1 && part.starts_with('0') {
            return Err(RuleError::new(
                "record.ipv4_leading_zero",
                Field::Value,
                "Write {part} without its leading zero: some software reads a leading 0 as \
                 octal, so 010 could mean 8.",
                &[("part", RuleArg::text(part))],
            ));
        }
        if part.parse::<u8>().is_err() {
            return Err(RuleError::new(
                "record.ipv4_number_range",
                Field::Value,
                "Each number of an IPv4 address is 0 to 255, and {part} is larger.",
                &[("part", RuleArg::text(part))],
            ));
        }
    }
    Ok(value.to_string())
}

/// AAAA: any text form of RFC 4291 §2.2, stored in the canonical form of RFC 5952 §4 (lower
/// case, leading zeros dropped, the longest run of zero groups as `::`), so that one address
/// typed two ways is one record.
fn parse_ipv6(value: &str) -> Result<String, RuleError> {
    if let Ok(address) = value.parse::<Ipv6Addr>() {
        // The standard library's `Display` writes the RFC 5952 form.
        return Ok(address.to_string());
    }

    let error = if value.parse::<Ipv4Addr>().is_ok() {
        RuleError::new(
            "record.ipv6_is_ipv4",
            Field::Value,
            "{value} is an IPv4 address; use an A record for it.",
            &[("value", RuleArg::text(value))],
        )
    } else if value.starts_with('[') {
        RuleError::new(
            "record.ipv6_brackets",
            Field::Value,
            "Write the IPv6 address without square brackets, such as 2001:db8::1.",
            &[],
        )
    } else if value.contains('%') {
        RuleError::new(
            "record.ipv6_zone_index",
            Field::Value,
            "A zone index (%...) has no meaning in DNS; write the address alone, such as \
             2001:db8::1.",
            &[],
        )
    } else {
        RuleError::new(
            "record.ipv6_shape",
            Field::Value,
            "Enter an IPv6 address, such as 2001:db8::1.",
            &[],
        )
    };
    Err(error)
}

/// MX: the exchange's host name; the preference goes in `priority` (RFC 1035 §3.3.9).
fn parse_mx(value: &str, zone: &DomainName) -> Result<String, RuleError> {
    // Limitation: the "null MX" of RFC 7505 (`0 .`) is refused, because the contract gives a
    // lone dot its meaning for SRV only; accepting `.` here would need the contract to say so.
    if let Some((first, rest)) = value.split_once(char::is_whitespace)
        && !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(RuleError::new(
            "record.mx_priority_in_value",
            Field::Value,
            "Put the priority {priority} in the priority field, and only the host name ({host}) \
             here.",
            &[("priority", RuleArg::text(first)), ("host", RuleArg::text(rest.trim()))],
        ));
    }
    parse_host_target(value, zone, fragment("fragment.target.mx", "an MX record"))
}

/// SRV: `weight port target` (RFC 2782); the priority goes in `priority`. A target of `.`
/// says the service is not offered at this name.
fn parse_srv(value: &str, zone: &DomainName) -> Result<String, RuleError> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let numeric = |part: &&str| part.bytes().all(|b| b.is_ascii_digit());
    if parts.len() == 4 && parts.iter().take(3).all(numeric) {
        return Err(RuleError::new(
            "record.srv_priority_in_value",
            Field::Value,
            "An SRV value is weight port target; put the priority {priority} in the priority \
             field.",
            &[("priority", RuleArg::text(parts[0]))],
        ));
    }
    let [weight, port, target] = parts[..] else {
        return Err(RuleError::new(
            "record.srv_shape",
            Field::Value,
            "Enter an SRV value as weight port target, such as 5 5060 sip.example.com.",
            &[],
        ));
    };

    let weight = parse_u16(weight, fragment("fragment.srv.weight", "weight"))?;
    let port = parse_u16(port, fragment("fragment.srv.port", "port"))?;
    let target = if target == "." {
        ".".to_string()
    } else {
        parse_host_target(target, zone, fragment("fragment.target.srv", "an SRV record"))?
    };
    Ok(format!("{weight} {port} {target}"))
}

/// A decimal number from 0 to 65535, written with digits only.
fn parse_u16(text: &str, what: Fragment) -> Result<u16, RuleError> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        // Leading zeros are harmless here and are dropped; a long run of digits fails to parse.
        if let Ok(number) = text.parse::<u16>() {
            return Ok(number);
        }
    }
    Err(RuleError::new(
        "record.number_range",
        Field::Value,
        "The {what} must be a whole number from 0 to 65535, and {text} is not.",
        &[("what", what.into()), ("text", RuleArg::text(text))],
    ))
}

/// The CAA property tags the contract allows: RFC 8659 §4.2 to §4.4 (`issue`, `issuewild`,
/// `iodef`), RFC 8657's contact tags as the CA/Browser Forum uses them (`contactemail`,
/// `contactphone`), and `issuevmc` and `issuemail` (RFC 9495).
const CAA_TAGS: [&str; 7] =
    ["issue", "issuewild", "iodef", "contactemail", "contactphone", "issuevmc", "issuemail"];

/// CAA: `flags tag "value"` (RFC 8659 §4.1), stored with single spaces, the tag in lower
/// case and the value in double quotes.
fn parse_caa(value: &str) -> Result<String, RuleError> {
    let shape = || {
        RuleError::new(
            "record.caa_shape",
            Field::Value,
            "Enter a CAA value as flags tag \"value\", such as 0 issue \"letsencrypt.org\".",
            &[],
        )
    };
    let Some((flags, rest)) = value.split_once(char::is_whitespace) else {
        return Err(shape());
    };
    let Some((tag, property)) = rest.trim_start().split_once(char::is_whitespace) else {
        return Err(shape());
    };
    let property = property.trim_start();

    // `u8::from_str` would also take `+5`, which no zone file reads as a number.
    let digits = flags.bytes().all(|b| b.is_ascii_digit());
    let flags = match flags.parse::<u8>() {
        Ok(number) if digits => number,
        _ => {
            return Err(RuleError::new(
                "record.caa_flags",
                Field::Value,
                "CAA flags are a number from 0 to 255 (0, or 128 for critical), and {flags} is \
                 not.",
                &[("flags", RuleArg::text(flags))],
            ));
        }
    };

    let tag = tag.to_ascii_lowercase();
    if !CAA_TAGS.contains(&tag.as_str()) {
        return Err(RuleError::new(
            "record.caa_tag",
            Field::Value,
            "{tag} is not a CAA tag this service accepts; use issue, issuewild, iodef, \
             contactemail, contactphone, issuevmc or issuemail.",
            &[("tag", RuleArg::text(tag))],
        ));
    }

    let text = caa_property_text(property)?;
    Ok(format!("{flags} {tag} \"{text}\""))
}

/// The text of a CAA property value, given in double quotes or as one unquoted word.
fn caa_property_text(property: &str) -> Result<&str, RuleError> {
    if property.starts_with('\'') || property.ends_with('\'') {
        return Err(RuleError::new(
            "record.caa_single_quotes",
            Field::Value,
            "Only double quotes delimit a CAA value: write \"letsencrypt.org\", not \
             'letsencrypt.org'.",
            &[],
        ));
    }

    let text = if let Some(quoted) = property.strip_prefix('"') {
        let Some(inner) = quoted.strip_suffix('"') else {
            return Err(RuleError::new(
                "record.caa_unclosed",
                Field::Value,
                "The CAA value is missing its closing \".",
                &[],
            ));
        };
        inner
    } else if property.contains(char::is_whitespace) {
        return Err(RuleError::new(
            "record.caa_unquoted",
            Field::Value,
            "Put the CAA value in double quotes, as in \"{value}\".",
            &[("value", RuleArg::text(property))],
        ));
    } else {
        property
    };

    // The stored value is written to the zone file as it is, so it must hold nothing that a
    // zone file reads as syntax: no inner quote, no backslash escape, no control octet.
    if let Some(bad) = text.chars().find(|&c| c == '"' || c == '\\') {
        return Err(RuleError::new(
            "record.caa_bad_character",
            Field::Value,
            "A CAA value cannot contain {character}; enter it as one quoted string.",
            &[("character", RuleArg::text(bad))],
        ));
    }
    if !text.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
        return Err(RuleError::new(
            "record.caa_not_ascii",
            Field::Value,
            "A CAA value holds printable ASCII only; write a Unicode domain in its xn-- form.",
            &[],
        ));
    }
    Ok(text)
}

/// TXT: the text itself, at most 4096 octets of UTF-8. A longer record would need several
/// kilobytes in every answer, past what most resolvers will carry over UDP (RFC 6891 §6.2.5).
fn parse_txt(raw: &str) -> Result<String, RuleError> {
    const MAX_TXT_OCTETS: usize = 4096;

    let text = txt_from_input(raw);
    if text.is_empty() {
        return Err(RuleError::new(
            "record.txt_empty",
            Field::Value,
            "Enter the text of the TXT record.",
            &[],
        ));
    }
    if text.len() > MAX_TXT_OCTETS {
        return Err(RuleError::new(
            "record.txt_too_long",
            Field::Value,
            "The text is {length} octets long, and a TXT record holds at most {limit} (a \
             character outside ASCII takes 2 to 4 octets).",
            &[("length", RuleArg::text(text.len())), ("limit", RuleArg::text(MAX_TXT_OCTETS))],
        ));
    }

    // An SPF policy (RFC 7208 §4.5) is syntax, where a pasted en dash or non-breaking space
    // silently changes its meaning; other TXT text is free text and may hold any Unicode.
    let policy = text.trim_start();
    if policy.get(..6).is_some_and(|start| start.eq_ignore_ascii_case("v=spf1")) {
        check_lookalikes(&text, Field::Value)?;
    }
    Ok(text)
}

/// MX and SRV need a priority, where 0 is a value like any other; other types take none.
fn parse_priority(
    record_type: RecordType,
    priority: Option<i64>,
) -> Result<Option<Priority>, RuleError> {
    match (record_type.takes_priority(), priority) {
        (true, None) => Err(RuleError::new(
            "record.priority_missing",
            Field::Priority,
            "{type} records require a priority from 0 to 65535; 0 is allowed.",
            &[("type", RuleArg::text(record_type))],
        )),
        (true, Some(number)) => Priority::try_from(number).map(Some).map_err(|_| {
            RuleError::new(
                "record.priority_range",
                Field::Priority,
                "Priority must be a whole number from 0 to 65535.",
                &[],
            )
        }),
        (false, None) => Ok(None),
        (false, Some(_)) => Err(RuleError::new(
            "record.priority_not_taken",
            Field::Priority,
            "Only MX and SRV records take a priority; leave it empty for {article} {type} \
             record.",
            &[
                ("article", indefinite_article(record_type).into()),
                ("type", RuleArg::text(record_type)),
            ],
        )),
    }
}

/// The type with its indefinite article, as a sentence needs it ("an A", "a TXT").
pub(crate) fn article(record_type: RecordType) -> String {
    format!("{} {record_type}", indefinite_article(record_type).english)
}

/// The indefinite article before the type's name: "an A", "a TXT".
pub(crate) fn indefinite_article(record_type: RecordType) -> Fragment {
    // The letters are read by name, so the article follows their sound: "an A", "an NS".
    let vowel_sound = matches!(
        record_type,
        RecordType::A | RecordType::Aaaa | RecordType::Mx | RecordType::Ns | RecordType::Srv
    );
    if vowel_sound {
        fragment("fragment.article.an", "an")
    } else {
        fragment("fragment.article.a", "a")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> DomainName {
        DomainName::parse("example.com").expect("example.com is a domain")
    }

    fn validate(
        record_type: &str,
        value: &str,
        priority: Option<i64>,
    ) -> Result<RecordData, RuleError> {
        let input = RecordInput { record_type, name: "www", value, ttl: None, priority };
        validate_record(&zone(), &input)
    }

    /// Type, value, priority, then `Ok(stored value)` or `Err(text the message on the value
    /// field must contain)`.
    type ValueRow<'a> = (&'a str, &'a str, Option<i64>, Result<&'a str, &'a str>);

    /// Type, TTL, priority, then `Ok((stored TTL, stored priority))` or the field at fault.
    type NumberRow<'a> = (&'a str, Option<i64>, Option<i64>, Result<(u32, Option<u16>), Field>);

    fn check_values(rows: &[ValueRow<'_>]) {
        for (record_type, value, priority, expected) in rows {
            let got = validate(record_type, value, *priority);
            match (expected, got) {
                (Ok(want), Ok(data)) => assert_eq!(data.value, *want, "{record_type} {value:?}"),
                (Err(want), Err(error)) => {
                    assert_eq!(error.field, Field::Value, "{record_type} {value:?}: {error}");
                    assert!(error.message.contains(want), "{record_type} {value:?}: {error}");
                }
                (expected, got) => {
                    panic!("{record_type} {value:?}: expected {expected:?}, got {got:?}")
                }
            }
        }
    }

    fn check_numbers(rows: &[NumberRow<'_>]) {
        for (record_type, ttl, priority, expected) in rows {
            let value = match *record_type {
                "MX" => "mail.example.com",
                "SRV" => "5 5060 sip.example.com",
                "TXT" => "text",
                _ => "192.0.2.1",
            };
            let input =
                RecordInput { record_type, name: "www", value, ttl: *ttl, priority: *priority };
            let got = validate_record(&zone(), &input)
                .map(|data| (data.ttl.seconds(), data.priority))
                .map_err(|error| error.field);
            assert_eq!(&got, expected, "{record_type} ttl {ttl:?} priority {priority:?}");
        }
    }

    #[test]
    fn record_type_is_case_insensitive_and_unknown_types_are_refused() {
        for (text, want) in [("a", Ok(RecordType::A)), (" aaaa ", Ok(RecordType::Aaaa))] {
            assert_eq!(text.parse::<RecordType>().map_err(|e| e.field), want);
        }
        for text in ["", "PTR", "SPF", "A AAAA"] {
            let input =
                RecordInput { record_type: text, name: "www", value: "x", ..Default::default() };
            let error = validate_record(&zone(), &input).expect_err(text);
            assert_eq!(error.field, Field::RecordType, "{text:?}");
        }
    }

    #[test]
    fn fields_are_checked_in_order_type_name_value_ttl_priority() {
        let zone = zone();
        let all_bad = RecordInput {
            record_type: "A",
            name: "bad name",
            value: "not an address",
            ttl: Some(1),
            priority: Some(5),
        };
        let order = [Field::Name, Field::Value, Field::Ttl, Field::Priority];
        let mut input = all_bad.clone();
        for (step, field) in order.iter().enumerate() {
            let error = validate_record(&zone, &input).expect_err("still invalid");
            assert_eq!(error.field, *field, "step {step}");
            match field {
                Field::Name => input.name = "www",
                Field::Value => input.value = "192.0.2.1",
                Field::Ttl => input.ttl = Some(60),
                _ => input.priority = None,
            }
        }
        assert!(validate_record(&zone, &input).is_ok());
        let wrong_type = RecordInput { record_type: "XYZ", ..all_bad };
        assert_eq!(
            validate_record(&zone, &wrong_type).map_err(|e| e.field),
            Err(Field::RecordType)
        );
    }

    #[test]
    fn a_is_a_strict_dotted_quad() {
        check_values(&[
            ("A", "192.0.2.1", None, Ok("192.0.2.1")),
            ("A", "  192.0.2.1\t", None, Ok("192.0.2.1")),
            ("A", "0.0.0.0", None, Ok("0.0.0.0")),
            ("A", "255.255.255.255", None, Ok("255.255.255.255")),
            ("A", "192.0.2.010", None, Err("leading zero")),
            ("A", "010.0.2.1", None, Err("leading zero")),
            ("A", "192.000.002.001", None, Err("leading zero")),
            ("A", "192.0.2.256", None, Err("0 to 255")),
            ("A", "192.0.2.9999", None, Err("0 to 255")),
            ("A", "192.0.2", None, Err("four numbers")),
            ("A", "192.0.2.1.5", None, Err("four numbers")),
            ("A", "192.0.2.1.", None, Err("four numbers")),
            ("A", "127.1", None, Err("four numbers")),
            ("A", "0x7f.0.0.1", None, Err("four numbers")),
            ("A", "+1.2.3.4", None, Err("four numbers")),
            ("A", "192.0.2.-1", None, Err("four numbers")),
            ("A", "192..2.1", None, Err("four numbers")),
            ("A", "www.example.com", None, Err("CNAME")),
            ("A", "2001:db8::1", None, Err("AAAA record")),
            ("A", "", None, Err("four numbers")),
            ("A", "192.0.2.1\u{00A0}x", None, Err("no-break space")),
            ("A", "١٩٢.0.2.1", None, Err("four numbers")),
        ]);
    }

    #[test]
    fn aaaa_takes_any_ipv6_text_and_stores_rfc5952() {
        check_values(&[
            ("AAAA", "2001:0DB8:0000:0000:0000:0000:0000:9001", None, Ok("2001:db8::9001")),
            ("AAAA", "2001:db8::1", None, Ok("2001:db8::1")),
            ("AAAA", "2001:DB8::A", None, Ok("2001:db8::a")),
            ("AAAA", "2001:db8:0:0:1:0:0:1", None, Ok("2001:db8::1:0:0:1")),
            ("AAAA", "2001:db8:0:1:1:1:1:1", None, Ok("2001:db8:0:1:1:1:1:1")),
            ("AAAA", "::", None, Ok("::")),
            ("AAAA", "::1", None, Ok("::1")),
            ("AAAA", "::ffff:192.0.2.1", None, Ok("::ffff:192.0.2.1")),
            ("AAAA", "::FFFF:C000:0201", None, Ok("::ffff:192.0.2.1")),
            ("AAAA", "64:ff9b::192.0.2.1", None, Ok("64:ff9b::c000:201")),
            ("AAAA", " 2001:db8::1 ", None, Ok("2001:db8::1")),
            ("AAAA", "192.0.2.1", None, Err("A record")),
            ("AAAA", "[2001:db8::1]", None, Err("square brackets")),
            ("AAAA", "fe80::1%eth0", None, Err("zone index")),
            ("AAAA", "2001:db8::1::2", None, Err("such as 2001:db8::1")),
            ("AAAA", "2001:db8:0:0:0:0:0:0:1", None, Err("such as 2001:db8::1")),
            ("AAAA", "2001:db8::g", None, Err("such as 2001:db8::1")),
            ("AAAA", "", None, Err("such as 2001:db8::1")),
            ("AAAA", "2001:db8::1\u{2013}", None, Err("en dash")),
        ]);
    }

    #[test]
    fn host_targets_are_absolute_without_the_zone_appended() {
        check_values(&[
            ("CNAME", "shops.example.net.", None, Ok("shops.example.net")),
            ("CNAME", "_acme-challenge.example.net.", None, Ok("_acme-challenge.example.net")),
            ("CNAME", " Site.Example.NET ", None, Ok("site.example.net")),
            ("CNAME", "shop", None, Err("such as shop.example.com")),
            ("CNAME", "192.0.2.1", None, Err("IP address")),
            ("CNAME", "site.example.net..", None, Err("empty label")),
            ("CNAME", "site\u{2014}x.example.net", None, Err("em dash")),
            ("MX", "mail.example.com.", Some(10), Ok("mail.example.com")),
            ("MX", "mail", Some(10), Err("such as mail.example.com")),
            ("MX", "10 mail.example.com", Some(10), Err("priority field")),
            ("MX", ".", Some(0), Err("lone dot")),
            ("MX", "2001:db8::25", Some(10), Err("IP address")),
            ("NS", "ns1.example.net.", None, Ok("ns1.example.net")),
            ("NS", "ns1", None, Err("full host name")),
            ("NS", "192.0.2.53", None, Err("IP address")),
        ]);
    }

    #[test]
    fn srv_is_weight_port_target() {
        check_values(&[
            ("SRV", "0 0 .", Some(0), Ok("0 0 .")),
            ("SRV", "5 5060 sip.example.com.", Some(10), Ok("5 5060 sip.example.com")),
            ("SRV", "  5\t 5060   Sip.Example.com ", Some(10), Ok("5 5060 sip.example.com")),
            ("SRV", "65535 65535 _x.example.net", Some(1), Ok("65535 65535 _x.example.net")),
            ("SRV", "007 080 sip.example.com", Some(1), Ok("7 80 sip.example.com")),
            ("SRV", "5 65536 sip.example.com", Some(1), Err("port must be")),
            ("SRV", "65536 5060 sip.example.com", Some(1), Err("weight must be")),
            ("SRV", "-1 5060 sip.example.com", Some(1), Err("weight must be")),
            ("SRV", "+1 5060 sip.example.com", Some(1), Err("weight must be")),
            ("SRV", "5 99999999999999999999 x.example.com", Some(1), Err("port must be")),
            ("SRV", "10 5 5060 sip.example.com", Some(10), Err("priority field")),
            ("SRV", "5 5060", Some(1), Err("weight port target")),
            ("SRV", "", Some(1), Err("weight port target")),
            ("SRV", "5 5060 sip", Some(1), Err("full host name")),
            ("SRV", "5 5060 192.0.2.1", Some(1), Err("IP address")),
            ("SRV", "5\u{00A0}5060 sip.example.com", Some(1), Err("no-break space")),
        ]);
    }

    #[test]
    fn caa_is_flags_tag_and_double_quoted_value() {
        check_values(&[
            ("CAA", "0 issue \"letsencrypt.org\"", None, Ok("0 issue \"letsencrypt.org\"")),
            ("CAA", "0 ISSUE \"letsencrypt.org\"", None, Ok("0 issue \"letsencrypt.org\"")),
            ("CAA", " 128  issuewild\t\"ca.example\" ", None, Ok("128 issuewild \"ca.example\"")),
            ("CAA", "0 issue letsencrypt.org", None, Ok("0 issue \"letsencrypt.org\"")),
            ("CAA", "0 issue \";\"", None, Ok("0 issue \";\"")),
            ("CAA", "0 issue \"\"", None, Ok("0 issue \"\"")),
            (
                "CAA",
                "0 issue \"ca.example; account=12 x\"",
                None,
                Ok("0 issue \"ca.example; account=12 x\""),
            ),
            (
                "CAA",
                "0 iodef \"mailto:sec@example.com\"",
                None,
                Ok("0 iodef \"mailto:sec@example.com\""),
            ),
            (
                "CAA",
                "0 contactemail \"sec@example.com\"",
                None,
                Ok("0 contactemail \"sec@example.com\""),
            ),
            ("CAA", "0 contactphone \"+1 555 0100\"", None, Ok("0 contactphone \"+1 555 0100\"")),
            ("CAA", "0 issuevmc \"ca.example\"", None, Ok("0 issuevmc \"ca.example\"")),
            ("CAA", "0 issuemail \"ca.example\"", None, Ok("0 issuemail \"ca.example\"")),
            ("CAA", "255 issue \"ca.example\"", None, Ok("255 issue \"ca.example\"")),
            ("CAA", "0 issue \"it's.example\"", None, Ok("0 issue \"it's.example\"")),
            ("CAA", "256 issue \"ca.example\"", None, Err("0 to 255")),
            ("CAA", "-1 issue \"ca.example\"", None, Err("0 to 255")),
            ("CAA", "+1 issue \"ca.example\"", None, Err("0 to 255")),
            ("CAA", "x issue \"ca.example\"", None, Err("0 to 255")),
            ("CAA", "0 issuer \"ca.example\"", None, Err("issuer is not a CAA tag")),
            ("CAA", "0 tbs \"ca.example\"", None, Err("not a CAA tag")),
            ("CAA", "128 issue 'letsencrypt.org'", None, Err("Only double quotes")),
            ("CAA", "0 issue 'letsencrypt.org", None, Err("Only double quotes")),
            ("CAA", "0 issue letsencrypt.org'", None, Err("Only double quotes")),
            (
                "CAA",
                "0 issuewild \u{201C}letsencrypt.org\u{201D}",
                None,
                Err("left double quotation"),
            ),
            ("CAA", "0 issue \u{2018}letsencrypt.org\u{2019}", None, Err("left single quotation")),
            ("CAA", "0 issue \u{201E}letsencrypt.org\u{201C}", None, Err("double low-9")),
            ("CAA", "0 issue \"letsencrypt.org", None, Err("closing")),
            ("CAA", "0 issue \"a\"b\"", None, Err("cannot contain \"")),
            ("CAA", "0 issue \"a\\\"b\"", None, Err("cannot contain")),
            ("CAA", "0 issue lets encrypt", None, Err("double quotes, as in")),
            ("CAA", "0 issue \"ca\nexample\"", None, Err("printable ASCII")),
            ("CAA", "0 issue \"bücher.example\"", None, Err("xn--")),
            ("CAA", "0 issue", None, Err("flags tag")),
            ("CAA", "0", None, Err("flags tag")),
            ("CAA", "", None, Err("flags tag")),
        ]);
    }

    #[test]
    fn txt_is_stored_as_its_text_up_to_4096_octets() {
        let at_limit = "é".repeat(2048);
        let over_limit = format!("{at_limit}x");
        let dkim = format!("v=DKIM1; k=rsa; p={}", "A".repeat(400));
        check_values(&[
            ("TXT", "\"0 5 25 sip.example.com.\"", None, Ok("0 5 25 sip.example.com.")),
            ("TXT", "a=test b=1", None, Ok("a=test b=1")),
            ("TXT", "  padded  ", None, Ok("  padded  ")),
            ("TXT", "v=DMARC1; p=quarantine", None, Ok("v=DMARC1; p=quarantine")),
            (
                "TXT",
                "\u{201C}Hello\u{201D} \u{2014} it\u{2019}s fine",
                None,
                Ok("\u{201C}Hello\u{201D} \u{2014} it\u{2019}s fine"),
            ),
            ("TXT", "a\u{00A0}b", None, Ok("a\u{00A0}b")),
            ("TXT", "<img src=x onerror=alert(1)>", None, Ok("<img src=x onerror=alert(1)>")),
            ("TXT", "line\nbreak\ttab", None, Ok("line\nbreak\ttab")),
            ("TXT", &dkim, None, Ok(&dkim)),
            ("TXT", &at_limit, None, Ok(&at_limit)),
            ("TXT", &over_limit, None, Err("4097 octets")),
            ("TXT", &"x".repeat(5000), None, Err("at most 4096")),
            ("TXT", "", None, Err("Enter the text")),
            ("TXT", "\"\"", None, Err("Enter the text")),
        ]);
    }

    #[test]
    fn spf_policy_refuses_lookalikes_but_other_text_may_hold_them() {
        check_values(&[
            (
                "TXT",
                "v=spf1 include:_spf.example.net -all",
                None,
                Ok("v=spf1 include:_spf.example.net -all"),
            ),
            ("TXT", "v=spf1 include:_spf.example.net \u{2013}all", None, Err("en dash")),
            ("TXT", "v=spf1 include:_spf.example.net \u{2014}all", None, Err("em dash")),
            ("TXT", "v=spf1 include:_spf.example.net \u{2212}all", None, Err("minus sign")),
            ("TXT", "v=spf1\u{00A0}-all", None, Err("no-break space")),
            ("TXT", "v=spf1 a\u{202F}-all", None, Err("narrow no-break space")),
            ("TXT", "V=SPF1 \u{2013}all", None, Err("en dash")),
            ("TXT", "  v=spf1 \u{2013}all", None, Err("en dash")),
            ("TXT", "\"v=spf1 \u{2013}all\"", None, Err("en dash")),
            ("TXT", "v=spf1 exp=\u{201C}x\u{201D} -all", None, Err("left double quotation")),
            ("TXT", "x v=spf1 \u{2013}all", None, Ok("x v=spf1 \u{2013}all")),
            ("TXT", "v=spf \u{2013}all", None, Ok("v=spf \u{2013}all")),
            ("TXT", "v=DMARC1; \u{2013}", None, Ok("v=DMARC1; \u{2013}")),
            ("TXT", "v=sp\u{00E9}", None, Ok("v=sp\u{00E9}")),
        ]);
    }

    #[test]
    fn wildcard_ns_is_refused_on_the_name() {
        let zone = zone();
        for name in ["*", "*.dev"] {
            let input = RecordInput {
                record_type: "NS",
                name,
                value: "ns1.example.net",
                ..Default::default()
            };
            let error = validate_record(&zone, &input).expect_err(name);
            assert_eq!(error.field, Field::Name, "{name}");
        }
        let input = RecordInput {
            record_type: "A",
            name: "*.dev",
            value: "192.0.2.1",
            ..Default::default()
        };
        assert_eq!(validate_record(&zone, &input).map(|d| d.name), Ok("*.dev".to_string()));
    }

    #[test]
    fn name_is_stored_relative() {
        let zone = zone();
        for (name, want) in
            [("www.example.com.", Ok("www")), ("www.example.org.", Err(Field::Name))]
        {
            let input =
                RecordInput { record_type: "A", name, value: "192.0.2.1", ..Default::default() };
            let got = validate_record(&zone, &input).map(|d| d.name).map_err(|e| e.field);
            assert_eq!(got, want.map(str::to_string), "{name}");
        }
    }

    #[test]
    fn ttl_defaults_to_3600_and_must_be_60_to_604800() {
        check_numbers(&[
            ("A", None, None, Ok((3600, None))),
            ("A", Some(60), None, Ok((60, None))),
            ("A", Some(604_800), None, Ok((604_800, None))),
            ("A", Some(59), None, Err(Field::Ttl)),
            ("A", Some(604_801), None, Err(Field::Ttl)),
            ("A", Some(0), None, Err(Field::Ttl)),
            ("A", Some(-1), None, Err(Field::Ttl)),
            ("A", Some(i64::MAX), None, Err(Field::Ttl)),
            ("A", Some(i64::MIN), None, Err(Field::Ttl)),
            ("A", Some(4_294_967_356), None, Err(Field::Ttl)),
        ]);
    }

    #[test]
    fn priority_is_required_for_mx_and_srv_and_refused_elsewhere() {
        check_numbers(&[
            ("MX", None, Some(0), Ok((3600, Some(0)))),
            ("MX", None, Some(10), Ok((3600, Some(10)))),
            ("MX", None, Some(65_535), Ok((3600, Some(65_535)))),
            ("MX", None, Some(65_536), Err(Field::Priority)),
            ("MX", None, Some(-1), Err(Field::Priority)),
            ("MX", None, Some(i64::MIN), Err(Field::Priority)),
            ("MX", None, None, Err(Field::Priority)),
            ("SRV", None, Some(0), Ok((3600, Some(0)))),
            ("SRV", None, None, Err(Field::Priority)),
            ("SRV", None, Some(65_536), Err(Field::Priority)),
            ("A", None, Some(10), Err(Field::Priority)),
            ("A", None, Some(0), Err(Field::Priority)),
            ("TXT", None, Some(1), Err(Field::Priority)),
        ]);
    }

    #[test]
    fn priority_messages_say_what_to_do() {
        let zone = zone();
        let mx = RecordInput {
            record_type: "MX",
            name: "@",
            value: "mail.example.com",
            ..Default::default()
        };
        let error = validate_record(&zone, &mx).expect_err("no priority");
        assert!(error.message.contains("MX records require a priority"), "{error}");
        let a = RecordInput {
            record_type: "A",
            name: "@",
            value: "192.0.2.1",
            priority: Some(1),
            ..Default::default()
        };
        let error = validate_record(&zone, &a).expect_err("priority on A");
        assert!(error.message.contains("leave it empty for an A record"), "{error}");
    }

    #[test]
    fn rdata_octets_are_the_wire_length_of_each_type() {
        let long_txt = "é".repeat(128);
        let rows: [(&str, &str, usize); 13] = [
            ("A", "192.0.2.1", 4),
            ("AAAA", "2001:db8::1", 16),
            // 5 "shops", 7 "example", 3 "net", a length octet for each, and the root's.
            ("CNAME", "shops.example.net", 19),
            ("NS", "ns1.example.net.", 17),
            ("MX", "mail.example.com", 2 + 18),
            ("SRV", "5 5060 sip.example.com", 6 + 17),
            ("SRV", "0 0 .", 6 + 1),
            ("TXT", "v=spf1 -all", 1 + 11),
            ("TXT", &"x".repeat(255), 1 + 255),
            ("TXT", &"x".repeat(256), 2 + 256),
            // 256 octets of two-octet characters: 127 fit in the first string, 1 in the next.
            ("TXT", &long_txt, 2 + 256),
            ("CAA", "0 issue \"letsencrypt.org\"", 2 + 5 + 15),
            ("CAA", "128 iodef \"\"", 2 + 5),
        ];
        for (record_type, value, octets) in rows {
            let priority = matches!(record_type, "MX" | "SRV").then_some(10);
            let record = validate(record_type, value, priority).expect(value);
            assert_eq!(record.rdata_octets(), octets, "{record_type} {value:?}");
        }
    }
}
