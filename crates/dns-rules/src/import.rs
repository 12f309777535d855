//! The import plan: what each record read from a zone file would do to the live zone.
//!
//! The preview shows the plan before anything is written, so every verdict is one the API
//! itself would reach: a record already in the zone would be refused as a duplicate, and one
//! that breaks a zone rule would be refused with 409. Both are decided by
//! [`check_zone_rules`], the rule the server runs, against the live records plus the records
//! of the file that would be created before it, in file order as they would be sent.

use crate::zoneread::{EntryKind, ZoneFileEntry};
use crate::{RecordData, ViolationKind, check_zone_rules};

/// What importing one record of the file would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Not in the zone, and the API would create it.
    New,
    /// The same type, name and value is already in the zone (the API would refuse it as a
    /// duplicate); `differences` lists TTL/priority that differ, e.g. "TTL 300 in the file,
    /// 3600 in the zone".
    Present { differences: Vec<String> },
    /// An earlier line of the file has the same record.
    RepeatedInFile { first_line: usize },
    /// The API would refuse it with 409 (check_zone_rules' Conflict kind, against the live
    /// records plus the earlier New ones of the file): `reason` is that message.
    Conflict { reason: String },
}

/// The verdict on one record entry of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    /// The index of the entry in the slice given to [`plan_import`].
    pub entry: usize,
    pub verdict: Verdict,
}

/// One verdict per [`EntryKind::Record`] entry of `entries`, in file order, against the
/// zone's `live` records.
pub fn plan_import(live: &[RecordData], entries: &[ZoneFileEntry]) -> Vec<Planned> {
    // The zone as it would be after each New record is created, in order.
    let mut zone: Vec<RecordData> = live.to_vec();
    let mut seen: Vec<(usize, &RecordData)> = Vec::new();
    let mut plan = Vec::new();

    for (index, entry) in entries.iter().enumerate() {
        let EntryKind::Record { record, .. } = &entry.kind else {
            continue;
        };

        let verdict = if let Some(&(first_line, _)) =
            seen.iter().find(|(_, earlier)| same_record(earlier, record))
        {
            Verdict::RepeatedInFile { first_line }
        } else if let Some(existing) = live.iter().find(|existing| same_record(existing, record)) {
            Verdict::Present { differences: differences(record, existing) }
        } else {
            match check_zone_rules(&zone, record) {
                Ok(()) => {
                    zone.push(record.clone());
                    Verdict::New
                }
                Err(violation) => Verdict::Conflict { reason: violation.message },
            }
        };

        seen.push((entry.line, record));
        plan.push(Planned { entry: index, verdict });
    }
    plan
}

/// Whether the API counts `a` and `b` as the same record. The zone rules decide it, so the
/// plan and the server never disagree on what a duplicate is.
fn same_record(a: &RecordData, b: &RecordData) -> bool {
    matches!(
        check_zone_rules(std::slice::from_ref(a), b),
        Err(violation) if violation.kind == ViolationKind::Duplicate
    )
}

/// How the file's `record` differs from the zone's `existing` one with the same value.
fn differences(record: &RecordData, existing: &RecordData) -> Vec<String> {
    let mut differences = Vec::new();
    if record.ttl != existing.ttl {
        differences.push(format!(
            "TTL {} in the file, {} in the zone",
            record.ttl.seconds(),
            existing.ttl.seconds()
        ));
    }
    if record.priority != existing.priority {
        let shown = |priority: Option<u16>| priority.map_or("none".to_string(), |p| p.to_string());
        differences.push(format!(
            "priority {} in the file, {} in the zone",
            shown(record.priority),
            shown(existing.priority)
        ));
    }
    differences
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::zoneread::read_zone_file;
    use crate::{DomainName, RecordInput, validate_record};

    fn zone() -> DomainName {
        DomainName::parse("example.com").expect("example.com is a domain")
    }

    fn live(rows: &[(&str, &str, &str, i64, Option<i64>)]) -> Vec<RecordData> {
        let zone = zone();
        rows.iter()
            .map(|&(record_type, name, value, ttl, priority)| {
                let input = RecordInput { record_type, name, value, ttl: Some(ttl), priority };
                validate_record(&zone, &input).expect(value)
            })
            .collect()
    }

    fn verdicts(live: &[RecordData], file: &str) -> Vec<(usize, Verdict)> {
        let entries = read_zone_file(file, &zone());
        plan_import(live, &entries)
            .into_iter()
            .map(|planned| (entries[planned.entry].line, planned.verdict))
            .collect()
    }

    #[test]
    fn record_not_in_the_zone_is_new() {
        let live = live(&[("A", "www", "192.0.2.1", 300, None)]);
        let plan = verdicts(&live, "www 300 A 192.0.2.2\nmail 300 A 192.0.2.1\n");
        assert_eq!(plan, [(1, Verdict::New), (2, Verdict::New)]);
    }

    #[test]
    fn record_in_the_zone_is_present_with_its_differences() {
        let live = live(&[
            ("A", "www", "192.0.2.1", 3600, None),
            ("MX", "@", "mail.example.net", 300, Some(20)),
            ("TXT", "@", "v=spf1 -all", 300, None),
        ]);
        let file =
            "WWW 300 A 192.0.2.1\n@ 300 MX 10 MAIL.example.net.\n@ 300 TXT \"v=spf1 -all\"\n";
        let plan = verdicts(&live, file);
        assert_eq!(
            plan,
            [
                (
                    1,
                    Verdict::Present {
                        differences: vec!["TTL 300 in the file, 3600 in the zone".to_string()]
                    }
                ),
                (
                    2,
                    Verdict::Present {
                        differences: vec!["priority 10 in the file, 20 in the zone".to_string()]
                    }
                ),
                (3, Verdict::Present { differences: vec![] }),
            ]
        );
    }

    #[test]
    fn txt_differing_in_case_is_a_different_record() {
        let live = live(&[("TXT", "@", "v=spf1 -all", 300, None)]);
        let plan = verdicts(&live, "@ 300 TXT \"V=SPF1 -ALL\"\n");
        assert_eq!(plan, [(1, Verdict::New)]);
    }

    #[test]
    fn same_record_twice_in_the_file_is_repeated_from_its_first_line() {
        let file = "www 300 A 192.0.2.1\nmail A 192.0.2.2\nwww.example.com. 600 IN A 192.0.2.1\n";
        let plan = verdicts(&[], file);
        assert_eq!(
            plan,
            [(1, Verdict::New), (2, Verdict::New), (3, Verdict::RepeatedInFile { first_line: 1 })]
        );
    }

    #[test]
    fn cname_beside_an_earlier_record_of_the_file_conflicts() {
        let plan = verdicts(&[], "shop A 192.0.2.1\nshop CNAME shops.example.net.\n");
        assert_eq!(plan[0], (1, Verdict::New));
        let (line, Verdict::Conflict { reason }) = &plan[1] else {
            panic!("expected a conflict: {plan:?}");
        };
        assert_eq!(*line, 2);
        assert!(reason.contains("a CNAME must be the only record"), "{reason}");
    }

    #[test]
    fn record_conflicting_with_the_live_zone_conflicts() {
        let live = live(&[("CNAME", "shop", "shops.example.net", 300, None)]);
        let plan = verdicts(&live, "shop TXT \"hello\"\n@ CNAME other.example.net.\n");
        let reasons: Vec<&str> = plan
            .iter()
            .map(|(_, verdict)| match verdict {
                Verdict::Conflict { reason } => reason.as_str(),
                _ => "",
            })
            .collect();
        assert!(reasons[0].contains("is a CNAME to shops.example.net"), "{plan:?}");
        assert!(reasons[1].contains("cannot be at the zone apex"), "{plan:?}");
    }

    #[test]
    fn a_conflicting_record_does_not_block_later_ones() {
        // The refused CNAME is never created, so the A record after it is new.
        let plan = verdicts(&[], "x TXT hi\nx CNAME a.example.net.\nx A 192.0.2.1\n");
        assert_eq!(plan[0].1, Verdict::New);
        assert!(matches!(plan[1].1, Verdict::Conflict { .. }), "{plan:?}");
        assert_eq!(plan[2].1, Verdict::New);
    }

    #[test]
    fn only_record_entries_are_planned_and_indices_point_at_them() {
        let file = "@ SOA ns. h. 1 2 3 4 5\n@ NS ns1.example.net.\nx PTR y.\nbad A 1\nok A \
                    192.0.2.1\n";
        let entries = read_zone_file(file, &zone());
        let plan = plan_import(&[], &entries);
        assert_eq!(plan, [Planned { entry: 4, verdict: Verdict::New }]);
    }
}
