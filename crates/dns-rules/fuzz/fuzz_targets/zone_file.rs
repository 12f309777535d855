//! A small zone built from any record requests, as the server builds one, then written out.
//!
//! Each request passes `validate_record`, then `check_zone_rules` against the records kept so
//! far and `check_zone_integrity` on the zone it would make, or is dropped, as the API would
//! refuse it. Properties of the written file:
//! - it is printable ASCII lines, each ended by a line break;
//! - no line appears twice, so no record is written twice;
//! - after the header come the records, in order, each exactly its `record_line`, except
//!   an NS record at the apex that names a provider name server, which the header already
//!   holds.
//!
//! With `DNS_RULES_FUZZ_DUMP=<folder>` in the environment each file that holds a record is
//! also written there, for checking with `named-checkzone` after a run (see README.md).

#![no_main]

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use dns_rules::zonefile::{ZoneHeader, record_line, write_zone_file};
use dns_rules::{RecordData, RecordType, check_zone_integrity, check_zone_rules, validate_record};
use dns_rules_fuzz::example_zone;
use dns_rules_fuzz::presentation::is_printable_ascii;
use dns_rules_fuzz::record_input::ArbitraryRecord;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

/// More records than this add time to every run and no new case to any rule.
const MAX_REQUESTS: usize = 12;

#[derive(Arbitrary, Debug)]
struct ZoneInput<'a> {
    serial: u32,
    requests: Vec<ArbitraryRecord<'a>>,
}

fuzz_target!(|input: ZoneInput<'_>| {
    let zone = example_zone();

    let mut records: Vec<RecordData> = Vec::new();
    for request in input.requests.iter().take(MAX_REQUESTS) {
        let Ok(record) = validate_record(&zone, &request.render(&zone).as_input()) else {
            continue;
        };
        if check_zone_rules(&records, &record).is_err() {
            continue;
        }
        records.push(record);
        if check_zone_integrity(&zone, &records).is_err() {
            records.pop();
        }
    }

    let nameservers = ["ns1.vps.org".to_string(), "ns2.vps.org".to_string()];
    let header = ZoneHeader {
        origin: &zone,
        serial: input.serial,
        nameservers: &nameservers,
        hostmaster: "hostmaster.vps.org",
        default_ttl: 3600,
    };
    let file = write_zone_file(&header, &records);

    assert!(file.ends_with('\n'), "the last line has no line break");
    let lines: Vec<&str> = file.lines().collect();
    for line in &lines {
        assert!(is_printable_ascii(line), "not one printable line: {line:?}");
    }

    let mut seen = HashSet::new();
    for line in &lines {
        assert!(seen.insert(*line), "{line:?} appears twice");
    }

    let (provider, own): (Vec<&RecordData>, Vec<&RecordData>) =
        records.iter().partition(|record| names_provider_nameserver(record, &nameservers));
    for record in provider {
        let line = format!("@ {} IN NS {}.", header.default_ttl, record.value);
        assert!(lines.contains(&line.as_str()), "{line:?} is missing for {record:?}");
    }
    // The header is a comment, `$ORIGIN`, `$TTL`, the SOA and one line per name server.
    let header_lines = 4 + nameservers.len();
    assert_eq!(lines.len(), header_lines + own.len(), "a record is missing or extra");
    for (record, line) in own.iter().zip(&lines[header_lines..]) {
        assert_eq!(*line, record_line(record), "a record's line is not where it belongs");
    }

    if !records.is_empty()
        && let Some(folder) = std::env::var_os("DNS_RULES_FUZZ_DUMP")
    {
        dump(Path::new(&folder), &file);
    }
});

/// Whether `record` repeats one of the provider's NS records.
fn names_provider_nameserver(record: &RecordData, nameservers: &[String]) -> bool {
    record.record_type == RecordType::Ns
        && record.name == "@"
        && nameservers.contains(&record.value)
}

/// Writes `file` into `folder` under a name taken from its text, so a file met twice is kept
/// once.
fn dump(folder: &Path, file: &str) {
    let mut hasher = DefaultHasher::new();
    file.hash(&mut hasher);
    let path = folder.join(format!("{:016x}.zone", hasher.finish()));
    if let Err(error) = std::fs::write(&path, file) {
        panic!("cannot write {}: {error}", path.display());
    }
}
