//! Any text through `DomainName::parse` and `OwnerName::parse`.
//!
//! Properties of every accepted domain:
//! - it is lower-case letters, digits, hyphens and dots, in two or more labels;
//! - it is at most 253 octets, each label 1 to 63;
//! - it parses to itself again, and so do its upper-case and final-dot forms.
//!
//! Properties of every accepted owner name, in the domain just parsed or else example.com:
//! - it is `@`, or lower-case labels of at most 63 octets, `*` only as the whole first one;
//! - with the zone it makes at most 253 octets;
//! - it parses to itself again, and so does its full form with a final dot.

#![no_main]

use dns_rules::{DomainName, OwnerName};
use dns_rules_fuzz::example_zone;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Names<'a> {
    domain: &'a str,
    owner: &'a str,
}

fuzz_target!(|names: Names<'_>| {
    let parsed = DomainName::parse(names.domain);
    if let Ok(domain) = &parsed {
        check_domain(domain);
    }

    let zone = parsed.unwrap_or_else(|_| example_zone());
    if let Ok(owner) = OwnerName::parse(names.owner, &zone) {
        check_owner(&owner, &zone);
    }
});

fn check_domain(domain: &DomainName) {
    let text = domain.as_str();
    assert!(text.len() <= 253, "{text:?} is {} octets", text.len());
    let labels: Vec<&str> = text.split('.').collect();
    assert!(labels.len() >= 2, "{text:?} has one label");
    for label in &labels {
        assert!((1..=63).contains(&label.len()), "{text:?} has a label of {}", label.len());
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        assert!(label.chars().all(allowed), "{text:?} holds other characters");
    }

    for again in [text.to_string(), text.to_ascii_uppercase(), format!("{text}.")] {
        assert_eq!(DomainName::parse(&again).as_ref(), Ok(domain), "{again:?}");
    }
}

fn check_owner(owner: &OwnerName, zone: &DomainName) {
    let text = owner.as_str();
    let full = if owner.is_apex() {
        zone.as_str().to_string()
    } else {
        for (index, label) in text.split('.').enumerate() {
            assert!((1..=63).contains(&label.len()), "{text:?} has a label of {}", label.len());
            if label.contains('*') {
                assert!(index == 0 && label == "*", "{text:?} holds * elsewhere");
                continue;
            }
            let allowed =
                |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_';
            assert!(label.chars().all(allowed), "{text:?} holds other characters");
        }
        format!("{text}.{zone}")
    };
    assert!(full.len() <= 253, "{full:?} is {} octets", full.len());

    for again in [text.to_string(), format!("{full}.")] {
        assert_eq!(OwnerName::parse(&again, zone).as_ref(), Ok(owner), "{again:?} in {zone}");
    }
}
