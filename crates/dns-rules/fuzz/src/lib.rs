//! Helpers shared by the fuzz targets in `fuzz_targets/`.
//!
//! A fuzzer that sends only random text to `validate_record` spends nearly all its time on
//! values every rule refuses in its first line, and so checks the properties of accepted
//! records almost never. [`record_input`] gives the fuzzer shapes close to valid records to
//! mutate as well as free text. [`presentation`] reads the zone-file text back without using
//! the crate's own reader, so a mistake shared by the writer and the reader cannot hide.

pub mod presentation;
pub mod record_input;

use dns_rules::DomainName;

/// The zone every record target works in.
pub fn example_zone() -> DomainName {
    // A fixed literal that the crate's own tests parse; failing here is a broken build.
    DomainName::parse("example.com").expect("example.com is a domain")
}
