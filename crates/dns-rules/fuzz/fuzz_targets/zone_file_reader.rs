//! Any text through the zone-file reader, as a pasted or uploaded file reaches it.
//!
//! Properties of what it reads from every text:
//! - every entry's line is within the file, and entries come in file order, one per line at
//!   most, so the preview can point at each;
//! - every record passed the API's rules: sent again in its request form (`write_form`) it is
//!   stored as the very same record;
//! - the record's own zone-file line reads back to the same record, or to one left to the
//!   provider for an NS record at the apex;
//! - the import plan has one verdict per record, each pointing at a record entry;
//! - `suggested_domain` gives a lower-case name without a final dot, or nothing.

#![no_main]

use dns_rules::api::write_form;
use dns_rules::import::plan_import;
use dns_rules::zonefile::record_line;
use dns_rules::zoneread::{EntryKind, read_zone_file, suggested_domain};
use dns_rules::{RecordInput, RecordType, validate_record};
use dns_rules_fuzz::example_zone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let zone = example_zone();
    let entries = read_zone_file(text, &zone);

    let lines = text.matches('\n').count() + 1;
    let mut previous = 0;
    for entry in &entries {
        assert!((1..=lines).contains(&entry.line), "line {} of {lines}", entry.line);
        assert!(entry.line > previous, "line {} after {previous}", entry.line);
        previous = entry.line;
    }

    for entry in &entries {
        let EntryKind::Record { record, .. } = &entry.kind else {
            continue;
        };

        let body = write_form(record);
        let input = RecordInput {
            record_type: &body.record_type,
            name: &body.name,
            value: &body.value,
            ttl: body.ttl,
            priority: body.priority,
        };
        assert_eq!(validate_record(&zone, &input).as_ref(), Ok(record), "{body:?}");

        let line = record_line(record);
        let again = read_zone_file(&line, &zone);
        let apex_ns = record.record_type == RecordType::Ns && record.name == "@";
        let want = if apex_ns {
            EntryKind::LeftToProvider { record_type: "NS".to_string() }
        } else {
            EntryKind::Record { record: record.clone(), notes: Vec::new() }
        };
        let kinds: Vec<&EntryKind> = again.iter().map(|entry| &entry.kind).collect();
        assert_eq!(kinds, [&want], "{line:?}");
    }

    let plan = plan_import(&[], &entries);
    let records =
        entries.iter().filter(|entry| matches!(entry.kind, EntryKind::Record { .. })).count();
    assert_eq!(plan.len(), records);
    for planned in &plan {
        let kind = entries.get(planned.entry).map(|entry| &entry.kind);
        assert!(matches!(kind, Some(EntryKind::Record { .. })), "{planned:?}");
    }

    if let Some(domain) = suggested_domain(text) {
        assert!(!domain.ends_with('.') && domain == domain.to_lowercase(), "{domain:?}");
    }
});
