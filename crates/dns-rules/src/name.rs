//! Domain names and owner names (RFC 1034 §3.1, RFC 1035 §2.3.4, RFC 2181 §11).
//!
//! Three kinds of name reach the rules, and each is held to a different standard:
//!
//! - a zone's domain is a host name a registrar sells, so it keeps to the letters, digits
//!   and inner hyphens of RFC 952 and RFC 1123 §2.1;
//! - a record's owner name may also carry `_` (`_dmarc`, `_sip._tcp`, RFC 8552) and a
//!   leading wildcard label (`*.dev`, RFC 4592), and is stored relative to its zone;
//! - a host target (CNAME, MX, NS, SRV) is always an absolute name, never completed with the
//!   zone, because a zone file written without a final dot silently appends the origin and
//!   `mail.example.net` would become `mail.example.net.example.com`.
//!
//! Unicode names are converted to A-labels (RFC 5891) with UTS #46 when the `idna` feature is
//! on; without it they are refused with a hint, so the browser build stays small and never
//! stores a name the server would spell differently.

use std::net::IpAddr;

use crate::{Field, Fragment, RuleArg, RuleError, check_lookalikes, fragment};

/// The longest name in text form, without its final dot. RFC 1035 §2.3.4 allows 255 octets
/// on the wire, which are the text's characters plus one length octet per label and the root.
const MAX_NAME_OCTETS: usize = 253;

/// The longest label (RFC 1035 §2.3.4).
const MAX_LABEL_OCTETS: usize = 63;

/// A zone's domain: two or more labels, lower-case, A-label (punycode) form, no final dot.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DomainName(String);

impl DomainName {
    /// Parses a domain as a person or a client sends it: surrounding whitespace and one final
    /// dot are dropped, letters are lowered. Unicode input is converted to A-labels when the
    /// `idna` feature is on, and refused with a hint otherwise. Errors name [`Field::Domain`].
    pub fn parse(input: &str) -> Result<DomainName, RuleError> {
        let field = Field::Domain;
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(domain_missing());
        }
        check_lookalikes(trimmed, field)?;

        let ascii = to_ascii_lower(trimmed, field)?;
        let name = ascii.strip_suffix('.').unwrap_or(&ascii);
        if name.is_empty() {
            return Err(domain_missing());
        }
        check_total_length(name, field)?;

        let labels: Vec<&str> = name.split('.').collect();
        for label in &labels {
            check_label(label, LabelKind::Host, field)?;
        }
        if labels.len() < 2 {
            return Err(RuleError::new(
                "name.domain_incomplete",
                field,
                "Enter the whole domain with its ending, such as {name}.com.",
                &[("name", RuleArg::text(name))],
            ));
        }
        check_not_numeric_tld(name, field)?;

        Ok(DomainName(name.to_string()))
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
    let has_a_label = domain
        .split('.')
        .any(|label| label.get(..4).is_some_and(|prefix| prefix.eq_ignore_ascii_case("xn--")));
    if !has_a_label {
        return None;
    }
    unicode_form(domain)
}

#[cfg(feature = "idna")]
fn unicode_form(domain: &str) -> Option<String> {
    // An A-label that does not decode is shown as it is stored: a replacement character in a
    // dashboard would tell the person less than the punycode does.
    let (unicode, result) = idna::domain_to_unicode(domain);
    result.ok().map(|()| unicode)
}

#[cfg(not(feature = "idna"))]
fn unicode_form(domain: &str) -> Option<String> {
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
        let field = Field::Name;
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(RuleError::new(
                "name.owner_missing",
                field,
                "Enter a name, or @ for the zone itself.",
                &[],
            ));
        }
        check_lookalikes(trimmed, field)?;
        if trimmed == "@" {
            return Ok(OwnerName("@".to_string()));
        }

        let ascii = to_ascii_lower(trimmed, field)?;
        let (body, absolute) = match ascii.strip_suffix('.') {
            Some(body) => (body, true),
            None => (ascii.as_str(), false),
        };
        if !body.is_empty() && body.split('.').any(str::is_empty) {
            return Err(empty_label(field));
        }

        // A name equal to the zone, or ending in it, is made relative whether or not it ends
        // in a dot; only a name with a final dot is known to be meant as a full name, so only
        // that one can be outside the zone (RFC 1035 §5.1).
        let zone_text = zone.as_str();
        let relative = if body == zone_text {
            return Ok(OwnerName("@".to_string()));
        } else if let Some(prefix) =
            body.strip_suffix(zone_text).and_then(|rest| rest.strip_suffix('.'))
        {
            prefix
        } else if absolute {
            return Err(RuleError::new(
                "name.outside_zone",
                field,
                "{name} ends with a dot, which makes it a full name, and it is outside the zone \
                 {zone}. Enter a name relative to the zone, such as www, or one ending in \
                 .{zone}.",
                &[("name", RuleArg::text(trimmed)), ("zone", RuleArg::text(zone_text))],
            ));
        } else {
            body
        };

        // The stored name is relative, so one that still ends in the zone would be made
        // relative again the next time it is sent, and a record saved unchanged would move.
        // Limitation: a name that really ends in the zone twice (`www.example.com.example.com.`)
        // cannot be hosted, because the relative form cannot tell it apart from the name with
        // the zone once; storing owner names absolute would fix it.
        let repeated = if relative == zone_text {
            Some("@")
        } else {
            relative.strip_suffix(zone_text).and_then(|rest| rest.strip_suffix('.'))
        };
        if let Some(inner) = repeated {
            let full = if inner == "@" { zone_text.to_string() } else { format!("{inner}.{zone}") };
            return Err(RuleError::new(
                "name.zone_repeated",
                field,
                "{name} repeats the zone name {zone}. Enter the name with the zone once, as \
                 {full}, or relative to it, as {inner}.",
                &[
                    ("name", RuleArg::text(trimmed)),
                    ("zone", RuleArg::text(zone_text)),
                    ("full", RuleArg::text(full)),
                    ("inner", RuleArg::text(inner)),
                ],
            ));
        }

        for (index, label) in relative.split('.').enumerate() {
            if label == "@" {
                return Err(RuleError::new(
                    "name.at_in_name",
                    field,
                    "Use @ alone for the zone itself; for a name below it, write just that \
                     name, such as www.",
                    &[],
                ));
            }
            if label.contains('*') {
                // RFC 4592 §2.1.1: an asterisk is a wildcard only as the whole leftmost label.
                if label == "*" && index == 0 {
                    continue;
                }
                return Err(RuleError::new(
                    "name.wildcard_position",
                    field,
                    "The wildcard * may only be the whole leftmost label, as in * or *.dev.",
                    &[],
                ));
            }
            check_label(label, LabelKind::Underscore, field)?;
        }

        let full_length = relative.len() + 1 + zone_text.len();
        if full_length > MAX_NAME_OCTETS {
            return Err(RuleError::new(
                "name.owner_too_long",
                field,
                "The full name would be {length} characters long with the zone; the limit is \
                 {limit} (RFC 1035 §2.3.4).",
                &[
                    ("length", RuleArg::text(full_length)),
                    ("limit", RuleArg::text(MAX_NAME_OCTETS)),
                ],
            ));
        }

        Ok(OwnerName(relative.to_string()))
    }

    /// The stored form: `@` or relative lower-case labels.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_apex(&self) -> bool {
        self.0 == "@"
    }

    /// Whether the name holds a wildcard label (`*` or `*.dev`).
    pub fn is_wildcard(&self) -> bool {
        self.0 == "*" || self.0.starts_with("*.")
    }
}

/// Parses the host name a CNAME, MX, NS or SRV record points to: an absolute name of two or
/// more labels, stored lower-case without its final dot. `kind` names the record in messages
/// ("a CNAME record", "an SRV record"). `value` is already trimmed and checked for
/// look-alike characters. Errors name [`Field::Value`].
pub(crate) fn parse_host_target(
    value: &str,
    zone: &DomainName,
    kind: Fragment,
) -> Result<String, RuleError> {
    let field = Field::Value;
    let kind = RuleArg::from(kind);
    let zone = RuleArg::text(zone);
    if value.is_empty() {
        return Err(RuleError::new(
            "name.target_missing",
            field,
            "Enter the host name {kind} points to, such as mail.{zone}.",
            &[("kind", kind), ("zone", zone)],
        ));
    }

    // An address where a name belongs is the commonest mistake in these fields; saying so
    // helps more than a complaint about the last label being a number.
    let without_dot = value.strip_suffix('.').unwrap_or(value);
    if without_dot.parse::<IpAddr>().is_ok() {
        return Err(RuleError::new(
            "name.target_is_address",
            field,
            "{address} is an IP address, but {kind} must point to a host name, such as \
             mail.{zone}. To point a name at an address, use an A or AAAA record instead.",
            &[("address", RuleArg::text(without_dot)), ("kind", kind), ("zone", zone)],
        ));
    }

    let ascii = to_ascii_lower(value, field)?;
    let name = ascii.strip_suffix('.').unwrap_or(&ascii);
    if name.is_empty() {
        return Err(RuleError::new(
            "name.target_root",
            field,
            "A lone dot is the DNS root, not a host; enter a name such as mail.{zone}.",
            &[("zone", zone)],
        ));
    }
    check_total_length(name, field)?;

    let labels: Vec<&str> = name.split('.').collect();
    for label in &labels {
        check_label(label, LabelKind::Underscore, field)?;
    }
    if labels.len() < 2 {
        // RFC 1034 §3.1: a name in record data is absolute. A zone file would complete a
        // single label with the origin; the API never does, so it asks for the whole name.
        return Err(RuleError::new(
            "name.target_relative",
            field,
            "Enter the full host name, such as {name}.{zone}: a target is never completed with \
             the zone name.",
            &[("name", RuleArg::text(name)), ("zone", zone)],
        ));
    }
    check_not_numeric_tld(name, field)?;

    Ok(name.to_string())
}

/// The characters a label may hold beyond letters, digits and inner hyphens.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    /// A host name label (RFC 952, RFC 1123 §2.1): letters, digits, inner hyphens.
    Host,
    /// A label that may also hold `_`, as service and policy names do (RFC 2181 §11,
    /// RFC 8552).
    Underscore,
}

/// Checks one label of an ASCII, lower-case name.
fn check_label(label: &str, kind: LabelKind, field: Field) -> Result<(), RuleError> {
    if label.is_empty() {
        return Err(empty_label(field));
    }
    if label.len() > MAX_LABEL_OCTETS {
        return Err(RuleError::new(
            "name.label_too_long",
            field,
            "The label {label} is {length} characters long; a label may have at most {limit} \
             (RFC 1035 §2.3.4).",
            &[
                ("label", RuleArg::text(shorten(label))),
                ("length", RuleArg::text(label.len())),
                ("limit", RuleArg::text(MAX_LABEL_OCTETS)),
            ],
        ));
    }

    let allowed = |c: char| {
        c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || c == '-'
            || (c == '_' && kind == LabelKind::Underscore)
    };
    if let Some(bad) = label.chars().find(|&c| !allowed(c)) {
        let allowed = if kind == LabelKind::Underscore {
            fragment(
                "fragment.allowed_with_underscore",
                "letters a-z, digits, hyphens and underscores",
            )
        } else {
            fragment("fragment.allowed_host", "letters a-z, digits and hyphens")
        };
        return Err(RuleError::new(
            "name.bad_character",
            field,
            "The name contains {character}, but it may hold only {allowed}.",
            &[("character", describe(bad)), ("allowed", allowed.into())],
        ));
    }

    // RFC 952 and RFC 1123 §2.1: a hyphen never begins or ends a label.
    if label.starts_with('-') || label.ends_with('-') {
        return Err(RuleError::new(
            "name.label_hyphen",
            field,
            "The label {label} begins or ends with a hyphen; a hyphen may only stand between \
             other characters.",
            &[("label", RuleArg::text(shorten(label)))],
        ));
    }
    Ok(())
}

fn empty_label(field: Field) -> RuleError {
    RuleError::new(
        "name.empty_label",
        field,
        "The name has an empty label: two dots in a row, or a dot at the start.",
        &[],
    )
}

fn domain_missing() -> RuleError {
    RuleError::new(
        "name.domain_missing",
        Field::Domain,
        "Enter a domain name, such as example.com.",
        &[],
    )
}

fn check_total_length(name: &str, field: Field) -> Result<(), RuleError> {
    if name.len() > MAX_NAME_OCTETS {
        return Err(RuleError::new(
            "name.too_long",
            field,
            "The name is {length} characters long; the limit is {limit} (RFC 1035 §2.3.4).",
            &[("length", RuleArg::text(name.len())), ("limit", RuleArg::text(MAX_NAME_OCTETS))],
        ));
    }
    Ok(())
}

/// RFC 1123 §2.1 and RFC 3696 §2: no top-level domain is all digits, so a name ending in a
/// number is a mistyped address, not a host name.
fn check_not_numeric_tld(name: &str, field: Field) -> Result<(), RuleError> {
    let last = name.rsplit('.').next().unwrap_or(name);
    if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RuleError::new(
            "name.numeric_tld",
            field,
            "{name} ends in a number, and no top-level domain does; enter a host name such as \
             example.com, or use an A record for an address.",
            &[("name", RuleArg::text(name))],
        ));
    }
    Ok(())
}

/// `input` as ASCII lower case, converting Unicode labels to A-labels when that is possible.
fn to_ascii_lower(input: &str, field: Field) -> Result<String, RuleError> {
    // Limitation: an ASCII `xn--` label is accepted without checking that it decodes, because
    // the browser build has no IDNA tables and both sides must give the same answer; running
    // ASCII input through UTS #46 on the server alone would fix it at the price of that.
    if input.is_ascii() {
        return Ok(input.to_ascii_lowercase());
    }
    unicode_to_ascii(input, field)
}

#[cfg(feature = "idna")]
fn unicode_to_ascii(input: &str, field: Field) -> Result<String, RuleError> {
    // UTS #46 processing (RFC 5891 A-labels) maps case and width variants, so `Bücher.Example`
    // and `ｂücher.example` are stored alike. The permissive deny list keeps `_` and `*`, which
    // owner names need; the label checks that follow decide which characters are allowed.
    match idna::domain_to_ascii(input) {
        Ok(ascii) => Ok(ascii.to_ascii_lowercase()),
        Err(_) => Err(RuleError::new(
            "name.idna_invalid",
            field,
            "{name} is not a valid internationalised name (IDNA2008, UTS #46).",
            &[("name", RuleArg::text(input))],
        )),
    }
}

#[cfg(not(feature = "idna"))]
fn unicode_to_ascii(input: &str, field: Field) -> Result<String, RuleError> {
    let _ = input;
    Err(RuleError::new(
        "name.unicode_unsupported",
        field,
        "This name has letters outside a-z. Convert it to its A-label (punycode) form first, \
         such as xn--bcher-kva.example for bücher.example.",
        &[],
    ))
}

/// A label short enough to quote in a message.
fn shorten(label: &str) -> String {
    const SHOWN: usize = 20;
    if label.chars().count() <= SHOWN {
        label.to_string()
    } else {
        let head: String = label.chars().take(SHOWN).collect();
        format!("{head}…")
    }
}

/// A character as a message shows it: visible ones in quotes, invisible ones by name.
fn describe(c: char) -> RuleArg {
    match c {
        ' ' => fragment("fragment.space", "a space").into(),
        '\t' => fragment("fragment.tab", "a tab").into(),
        c if c.is_control() || c.is_whitespace() => {
            RuleArg::text(format!("U+{:04X}", u32::from(c)))
        }
        c => RuleArg::text(format!("\"{c}\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> DomainName {
        DomainName::parse("example.com").expect("example.com is a domain")
    }

    fn label(n: usize) -> String {
        "a".repeat(n)
    }

    /// A name of exactly `total` octets: labels of up to 63 `a`s joined by dots.
    fn dotted(total: usize) -> String {
        let mut out = String::new();
        while out.len() < total {
            if !out.is_empty() {
                out.push('.');
            }
            let room = total - out.len();
            // Leave room for a dot and one more octet unless this label ends the name.
            let take = if room <= 63 { room } else { (room - 2).min(63) };
            out.push_str(&label(take));
        }
        out
    }

    /// Each row: input, then `Ok(stored)` or `Err(text the message must contain)`.
    fn check_domain(rows: &[(&str, Result<&str, &str>)]) {
        for (input, expected) in rows {
            let got = DomainName::parse(input);
            match (expected, got) {
                (Ok(want), Ok(got)) => assert_eq!(got.as_str(), *want, "{input:?}"),
                (Err(want), Err(error)) => {
                    assert_eq!(error.field, Field::Domain, "{input:?}");
                    assert!(error.message.contains(want), "{input:?}: {}", error.message);
                }
                (expected, got) => panic!("{input:?}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    fn check_owner(rows: &[(&str, Result<&str, &str>)]) {
        let zone = zone();
        for (input, expected) in rows {
            let got = OwnerName::parse(input, &zone);
            match (expected, got) {
                (Ok(want), Ok(got)) => assert_eq!(got.as_str(), *want, "{input:?}"),
                (Err(want), Err(error)) => {
                    assert_eq!(error.field, Field::Name, "{input:?}");
                    assert!(error.message.contains(want), "{input:?}: {}", error.message);
                }
                (expected, got) => panic!("{input:?}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    fn check_target(rows: &[(&str, Result<&str, &str>)]) {
        let zone = zone();
        for (input, expected) in rows {
            let kind = fragment("fragment.target.cname", "a CNAME record");
            let got = parse_host_target(input, &zone, kind);
            match (expected, got) {
                (Ok(want), Ok(got)) => assert_eq!(got, *want, "{input:?}"),
                (Err(want), Err(error)) => {
                    assert_eq!(error.field, Field::Value, "{input:?}");
                    assert!(error.message.contains(want), "{input:?}: {}", error.message);
                }
                (expected, got) => panic!("{input:?}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn domain_is_trimmed_lowered_and_loses_one_final_dot() {
        check_domain(&[
            ("example.com", Ok("example.com")),
            ("  Example.COM.  ", Ok("example.com")),
            ("a-b.example.co.uk", Ok("a-b.example.co.uk")),
            ("xn--bcher-kva.example", Ok("xn--bcher-kva.example")),
            ("123.example", Ok("123.example")),
            ("example.com..", Err("empty label")),
            (".example.com", Err("empty label")),
            ("", Err("Enter a domain")),
            ("   ", Err("Enter a domain")),
            (".", Err("Enter a domain")),
        ]);
    }

    #[test]
    fn domain_needs_two_labels_of_letters_digits_and_inner_hyphens() {
        check_domain(&[
            ("localhost", Err("whole domain with its ending")),
            ("-example.com", Err("hyphen")),
            ("example-.com", Err("hyphen")),
            ("_dmarc.example.com", Err("\"_\"")),
            ("*.example.com", Err("\"*\"")),
            ("exa mple.com", Err("a space")),
            ("example.com/path", Err("\"/\"")),
            ("192.0.2.1", Err("ends in a number")),
        ]);
    }

    #[test]
    fn domain_label_of_63_octets_passes_and_64_fails() {
        let ok = format!("{}.com", label(63));
        let long = format!("{}.com", label(64));
        check_domain(&[(&ok, Ok(&ok)), (&long, Err("at most 63"))]);
    }

    #[test]
    fn domain_of_253_octets_passes_and_254_fails() {
        let ok = dotted(253);
        let long = dotted(254);
        assert_eq!((ok.len(), long.len()), (253, 254));
        let ok_dot = format!("{ok}.");
        check_domain(&[(&ok, Ok(&ok)), (&ok_dot, Ok(&ok)), (&long, Err("limit is 253"))]);
    }

    #[test]
    fn domain_with_lookalike_is_refused_by_name() {
        check_domain(&[
            ("exa\u{2013}mple.com", Err("en dash")),
            ("example.com\u{00A0}x", Err("no-break space")),
            ("\u{FEFF}example.com", Err("zero width no-break space")),
        ]);
    }

    #[cfg(feature = "idna")]
    #[test]
    fn unicode_domain_becomes_a_labels() {
        check_domain(&[
            ("bücher.example", Ok("xn--bcher-kva.example")),
            ("BÜCHER.example.", Ok("xn--bcher-kva.example")),
            ("ｅｘａｍｐｌｅ．com", Ok("example.com")),
            ("xn--zz.example", Ok("xn--zz.example")),
            ("bü cher.example", Err("a space")),
            ("ü.xn--zz", Err("not a valid internationalised name")),
        ]);
    }

    #[cfg(not(feature = "idna"))]
    #[test]
    fn unicode_domain_is_refused_with_a_hint_to_convert() {
        check_domain(&[("bücher.example", Err("xn--bcher-kva.example"))]);
    }

    #[cfg(feature = "idna")]
    #[test]
    fn unicode_display_decodes_a_labels() {
        let rows = [
            ("xn--bcher-kva.example", Some("bücher.example")),
            ("www.XN--BCHER-KVA.example", Some("www.bücher.example")),
            ("example.com", None),
            ("xn--zz.example", None),
            ("", None),
            ("ü", None),
        ];
        for (input, want) in rows {
            assert_eq!(to_unicode_display(input).as_deref(), want, "{input:?}");
        }
    }

    #[cfg(not(feature = "idna"))]
    #[test]
    fn unicode_display_is_none_without_idna() {
        assert_eq!(to_unicode_display("xn--bcher-kva.example"), None);
    }

    #[test]
    fn owner_apex_relative_and_names_in_the_zone() {
        check_owner(&[
            ("@", Ok("@")),
            (" @ ", Ok("@")),
            ("example.com", Ok("@")),
            ("EXAMPLE.COM.", Ok("@")),
            ("www", Ok("www")),
            ("WWW", Ok("www")),
            ("www.example.com", Ok("www")),
            ("www.example.com.", Ok("www")),
            ("a.b.example.com.", Ok("a.b")),
            ("_dmarc", Ok("_dmarc")),
            ("_sip._tcp", Ok("_sip._tcp")),
            ("mail._domainkey", Ok("mail._domainkey")),
            ("*", Ok("*")),
            ("*.dev", Ok("*.dev")),
            ("*.example.com.", Ok("*")),
            ("0", Ok("0")),
            ("myexample.com", Ok("myexample.com")),
            ("www.example.org", Ok("www.example.org")),
        ]);
    }

    #[test]
    fn owner_outside_the_zone_or_malformed_is_refused() {
        check_owner(&[
            ("", Err("Enter a name, or @ for the zone itself.")),
            ("  ", Err("Enter a name, or @ for the zone itself.")),
            ("www.example.org.", Err("outside the zone example.com")),
            ("www.", Err("outside the zone")),
            ("myexample.com.", Err("outside the zone")),
            (".", Err("outside the zone")),
            ("@.example.com", Err("Use @ alone")),
            ("www.@", Err("Use @ alone")),
            ("a.*", Err("wildcard")),
            ("a.*.dev", Err("wildcard")),
            ("*a", Err("wildcard")),
            ("*.*", Err("wildcard")),
            ("www..x", Err("empty label")),
            (".www", Err("empty label")),
            ("www.example.com..", Err("empty label")),
            ("-www", Err("hyphen")),
            ("www-", Err("hyphen")),
            ("w w", Err("a space")),
            ("w\tw", Err("a tab")),
            ("w/w", Err("\"/\"")),
            ("ww\u{2014}w", Err("em dash")),
            ("w\u{00A0}w", Err("no-break space")),
            ("www\u{200B}", Err("zero width space")),
        ]);
        // Unicode spaces at either end are trimmed like any other whitespace.
        check_owner(&[("www\u{00A0}", Ok("www"))]);
    }

    /// Found by the `record_value` fuzz target: `Ǩ.example.com.example.com.` was stored as
    /// `xn--lka.example.com`, which is made relative again (`xn--lka`) when sent back.
    #[test]
    fn owner_repeating_the_zone_is_refused_so_a_stored_name_parses_to_itself() {
        check_owner(&[
            ("www.example.com.example.com", Err("Enter the name with the zone once")),
            ("www.example.com.example.com.", Err("as www.example.com, or relative to it, as www")),
            ("example.com.example.com", Err("as example.com, or relative to it, as @")),
            ("Example.COM.example.com.", Err("repeats the zone name example.com")),
            ("www.myexample.com.example.com", Ok("www.myexample.com")),
            ("example.com.www", Ok("example.com.www")),
        ]);
        #[cfg(feature = "idna")]
        check_owner(&[("\u{1E8}.example.com.example.com.", Err("as xn--lka.example.com"))]);

        let zone = zone();
        for input in ["www.example.com.example.com.", "www.myexample.com.example.com", "www"] {
            if let Ok(owner) = OwnerName::parse(input, &zone) {
                assert_eq!(OwnerName::parse(owner.as_str(), &zone), Ok(owner), "{input}");
            }
        }
    }

    #[test]
    fn owner_label_of_63_octets_passes_and_64_fails() {
        let ok = label(63);
        let long = label(64);
        check_owner(&[(&ok, Ok(&ok)), (&long, Err("at most 63"))]);
    }

    #[test]
    fn owner_full_name_of_253_octets_passes_and_254_fails() {
        // The zone adds 12 octets (".example.com"), so the relative part may have 241.
        let ok = dotted(241);
        let ok_full = format!("{ok}.example.com.");
        let long = dotted(242);
        check_owner(&[(&ok, Ok(&ok)), (&ok_full, Ok(&ok)), (&long, Err("limit is 253"))]);
    }

    #[cfg(feature = "idna")]
    #[test]
    fn unicode_owner_becomes_a_labels() {
        check_owner(&[
            ("bücher", Ok("xn--bcher-kva")),
            ("*.Bücher", Ok("*.xn--bcher-kva")),
            ("bücher.example.com.", Ok("xn--bcher-kva")),
        ]);
    }

    #[test]
    fn owner_in_unicode_zone_made_relative() {
        let zone = DomainName::parse("xn--bcher-kva.example").expect("A-label zone");
        let owner = OwnerName::parse("www.xn--bcher-kva.example.", &zone).expect("in zone");
        assert_eq!(owner.as_str(), "www");
        assert!(OwnerName::parse("@", &zone).expect("apex").is_apex());
    }

    #[test]
    fn owner_wildcard_is_recognised() {
        let zone = zone();
        for (input, wildcard) in [("*", true), ("*.dev", true), ("www", false), ("@", false)] {
            let owner = OwnerName::parse(input, &zone).expect(input);
            assert_eq!(owner.is_wildcard(), wildcard, "{input}");
        }
    }

    #[test]
    fn host_target_is_absolute_and_stored_without_final_dot() {
        check_target(&[
            ("shops.example.net.", Ok("shops.example.net")),
            ("Shops.Example.NET", Ok("shops.example.net")),
            ("_acme-challenge.example.net.", Ok("_acme-challenge.example.net")),
            ("mail.example.com", Ok("mail.example.com")),
            ("example.com", Ok("example.com")),
            ("mail", Err("such as mail.example.com")),
            ("mail.", Err("such as mail.example.com")),
            ("mail.example.com..", Err("empty label")),
            (".", Err("lone dot")),
            ("", Err("Enter the host name")),
            ("192.0.2.1", Err("is an IP address")),
            ("192.0.2.1.", Err("is an IP address")),
            ("2001:db8::1", Err("is an IP address")),
            ("192.0.2.01", Err("ends in a number")),
            ("*.example.net", Err("\"*\"")),
            ("-mail.example.net", Err("hyphen")),
            ("mail example.net", Err("a space")),
        ]);
    }

    #[test]
    fn host_target_of_253_octets_passes_and_254_fails() {
        let ok = dotted(253);
        let long = dotted(254);
        let ok_dot = format!("{ok}.");
        check_target(&[(&ok_dot, Ok(&ok)), (&long, Err("limit is 253"))]);
    }
}
