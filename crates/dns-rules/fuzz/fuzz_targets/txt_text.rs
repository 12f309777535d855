//! Any UTF-8 text through the TXT zone-file writer and back.
//!
//! Properties of the zone-file form of every text:
//! - it is printable ASCII, so no octet of the text can end the record or start a comment;
//! - it is quoted strings of at most 255 data octets each (RFC 1035 §3.3), each whole UTF-8;
//! - read back as a zone-file parser reads it, the strings joined are the text's octets;
//! - `txt_from_input` reads it back to the text, so pasting a zone file's value stores the
//!   text and not the quotes;
//! - `txt_zone_strings` gives the same strings that `txt_to_zone_strings` joins.

#![no_main]

use dns_rules::{txt_from_input, txt_to_zone_strings, txt_zone_strings};
use dns_rules_fuzz::presentation::{is_printable_ascii, read_quoted_strings};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let zone_form = txt_to_zone_strings(text);
    assert!(is_printable_ascii(&zone_form), "not printable ASCII: {zone_form:?}");

    let strings = match read_quoted_strings(&zone_form) {
        Ok(strings) => strings,
        Err(problem) => panic!("{problem} in {zone_form:?}"),
    };
    let mut joined = Vec::with_capacity(text.len());
    for data in &strings {
        assert!(data.len() <= 255, "a string of {} octets in {zone_form:?}", data.len());
        assert!(std::str::from_utf8(data).is_ok(), "a character cut in two: {zone_form:?}");
        joined.extend_from_slice(data);
    }
    assert_eq!(joined, text.as_bytes(), "the strings do not read back to the text");
    if strings.len() > 1 {
        assert!(strings.iter().all(|data| !data.is_empty()), "an empty string in a split");
    }

    assert_eq!(txt_from_input(&zone_form), text, "txt_from_input of {zone_form:?}");
    assert_eq!(txt_zone_strings(text).join(" "), zone_form);
});
