//! Zone files read by `read_zone_file`: fixtures in the shapes real files take, and the
//! writer's own output read back.
//!
//! Each fixture in `tests/zonefiles/` pins what an import makes of every entry: its line,
//! what kind it is, and the exact stored record. A fixture that reads without an unreadable
//! line claims to be a whole zone, so BIND's `named-checkzone` must load it too; otherwise
//! the reader would accept what the DNS software it imitates refuses.

mod support;

use std::collections::HashSet;
use std::path::Path;

use dns_rules::zonefile::{ZoneHeader, write_zone_file};
use dns_rules::zoneread::{EntryKind, ZoneFileEntry, read_zone_file, suggested_domain};
use dns_rules::{DomainName, RecordData, RecordInput, validate_record};
use support::{TempDir, named_checkzone, path_text};

/// What one entry of a fixture must be.
#[derive(Debug)]
enum Want {
    /// Type, stored name, stored value, TTL, priority, and the notes.
    Record(&'static str, &'static str, &'static str, u32, Option<u16>, &'static [&'static str]),
    Provider(&'static str),
    Unsupported(&'static str),
    /// Text the reason must contain.
    Unreadable(&'static str),
}

use Want::{Provider, Record, Unreadable, Unsupported};

const NO_NOTES: &[&str] = &[];
const TTL_1: &[&str] = &["TTL 1 raised to 60, the lowest allowed"];

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/zonefiles").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn domain(name: &str) -> DomainName {
    DomainName::parse(name).expect("test zone is a domain")
}

/// Checks every entry of `entries` against `want`, in order, line by line.
fn check(file: &str, entries: &[ZoneFileEntry], want: &[(usize, Want)]) {
    for (index, (entry, (line, want))) in entries.iter().zip(want).enumerate() {
        let at = format!("{file} entry {index} ({:?})", entry.source);
        assert_eq!(entry.line, *line, "{at}");
        match (&entry.kind, want) {
            (
                EntryKind::Record { record, notes },
                Record(record_type, name, value, ttl, priority, want_notes),
            ) => {
                let got = (
                    record.record_type.as_str(),
                    record.name.as_str(),
                    record.value.as_str(),
                    record.ttl.seconds(),
                    record.priority,
                );
                assert_eq!(got, (*record_type, *name, *value, *ttl, *priority), "{at}");
                assert_eq!(notes, want_notes, "{at}");
            }
            (EntryKind::LeftToProvider { record_type }, Provider(want))
            | (EntryKind::Unsupported { record_type }, Unsupported(want)) => {
                assert_eq!(record_type, want, "{at}");
            }
            (EntryKind::Unreadable { reason }, Unreadable(want)) => {
                assert!(reason.contains(want), "{at}: {reason:?} lacks {want:?}");
            }
            (got, want) => panic!("{at}: expected {want:?}, got {got:?}"),
        }
    }
    assert_eq!(entries.len(), want.len(), "{file}: {entries:#?}");
}

/// Runs `named-checkzone` on `text` as the zone `origin`, failing the test if BIND refuses it.
fn assert_bind_loads(dir: &TempDir, stem: &str, origin: &str, text: &str) {
    let file = dir.0.join(format!("{stem}.zone"));
    std::fs::write(&file, text).expect("write the zone file");
    let output = named_checkzone(&["-i", "local", origin, path_text(&file)]);
    assert!(
        output.status.success(),
        "named-checkzone refused {stem}:\n{}{}\n--- zone file ---\n{text}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
}

#[test]
fn every_supported_type_is_read_in_stored_form() {
    let entries = read_zone_file(&fixture("every-type.zone"), &domain("example.com"));
    check(
        "every-type.zone",
        &entries,
        &[
            (4, Provider("SOA")),
            (5, Provider("NS")),
            (6, Provider("NS")),
            (7, Record("A", "@", "192.0.2.1", 3600, None, NO_NOTES)),
            (8, Record("A", "www", "192.0.2.2", 300, None, NO_NOTES)),
            (9, Record("AAAA", "www", "2001:db8::1", 3600, None, NO_NOTES)),
            (10, Record("A", "*.dev", "192.0.2.3", 3600, None, NO_NOTES)),
            (11, Record("CNAME", "shop", "shops.example.net", 3600, None, NO_NOTES)),
            (12, Record("CNAME", "blog", "www.example.com", 3600, None, NO_NOTES)),
            (13, Record("MX", "@", "mail.example.com", 3600, Some(10), NO_NOTES)),
            (14, Record("MX", "@", "mail.example.net", 3600, Some(20), NO_NOTES)),
            (15, Record("A", "mail", "192.0.2.25", 3600, None, NO_NOTES)),
            (16, Record("NS", "sub", "ns1.sub.example.com", 3600, None, NO_NOTES)),
            (17, Record("A", "ns1.sub", "192.0.2.53", 3600, None, NO_NOTES)),
            (18, Record("TXT", "_dmarc", "v=DMARC1; p=quarantine", 3600, None, NO_NOTES)),
            (19, Record("TXT", "@", "google-site-verification=abc123", 3600, None, NO_NOTES)),
            (20, Record("SRV", "_sip._tcp", "5 5060 sip.example.com", 3600, Some(10), NO_NOTES)),
            (21, Record("A", "sip", "192.0.2.60", 3600, None, NO_NOTES)),
            (22, Record("SRV", "_imap._tcp", "0 0 .", 3600, Some(0), NO_NOTES)),
            (23, Record("CAA", "@", "0 issue \"letsencrypt.org\"", 3600, None, NO_NOTES)),
            (
                24,
                Record(
                    "CAA",
                    "@",
                    "128 iodef \"mailto:security@example.com\"",
                    3600,
                    None,
                    NO_NOTES,
                ),
            ),
        ],
    );
}

#[test]
fn parentheses_comments_blank_owners_and_units() {
    let entries = read_zone_file(&fixture("parentheses-and-comments.zone"), &domain("example.org"));
    let dkim = "v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwIDAQAB";
    check(
        "parentheses-and-comments.zone",
        &entries,
        &[
            (4, Provider("SOA")),
            (10, Provider("NS")),
            (11, Provider("NS")),
            (13, Record("A", "@", "192.0.2.10", 86_400, None, NO_NOTES)),
            (14, Record("A", "@", "192.0.2.11", 1800, None, NO_NOTES)),
            (15, Record("A", "www", "192.0.2.12", 5400, None, NO_NOTES)),
            (16, Record("AAAA", "www", "2001:db8::12", 3600, None, NO_NOTES)),
            (
                17,
                Record(
                    "TXT",
                    "_dmarc",
                    "v=DMARC1; p=reject; rua=mailto:dmarc@example.org",
                    3600,
                    None,
                    NO_NOTES,
                ),
            ),
            (19, Record("TXT", "sel1._domainkey", dkim, 300, None, NO_NOTES)),
            (
                22,
                Record(
                    "TXT",
                    "quotes",
                    "say \"hi\" \\ (not a paren; not a comment)",
                    3600,
                    None,
                    NO_NOTES,
                ),
            ),
            (23, Record("MX", "mail", "mx1.example.net", 600, Some(10), NO_NOTES)),
        ],
    );

    // The source of an entry in parentheses is its lines joined, without the comments.
    let sources: Vec<&str> = entries.iter().map(|entry| entry.source.as_str()).collect();
    assert_eq!(
        sources[0],
        "@ IN SOA ns1.example.net. hostmaster.example.org. ( 2024010101 2h 15M 2w 300 )"
    );
    assert_eq!(sources[2], "IN NS ns2.example.net.");
    assert_eq!(
        sources[7],
        "_dmarc  TXT ( \"v=DMARC1; p=reject; \" \"rua=mailto:dmarc@example.org\" )"
    );
    assert_eq!(sources[10], "mail    10m in mx ( 10 mx1.example.net. )");
}

#[test]
fn another_hosts_export_is_read_with_its_quirks() {
    let entries = read_zone_file(&fixture("cloudflare-export.zone"), &domain("example.com"));
    let dkim =
        "v=DKIM1; h=sha256; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1w8kTf3n9AQAB";
    check(
        "cloudflare-export.zone",
        &entries,
        &[
            (8, Provider("SOA")),
            (11, Provider("NS")),
            (12, Provider("NS")),
            (15, Record("A", "@", "192.0.2.1", 60, None, TTL_1)),
            (16, Record("A", "www", "192.0.2.1", 60, None, TTL_1)),
            (19, Record("AAAA", "@", "2001:db8::1", 60, None, TTL_1)),
            (22, Record("CAA", "@", "0 issue \"letsencrypt.org\"", 60, None, TTL_1)),
            (25, Record("CNAME", "shop", "shops.example.net", 60, None, TTL_1)),
            (28, Unsupported("HTTPS")),
            (31, Record("MX", "@", "route1.mx.example.net", 60, Some(10), TTL_1)),
            (32, Record("MX", "@", "route2.mx.example.net", 300, Some(20), NO_NOTES)),
            (35, Record("SRV", "_sip._tcp", "5 5060 sip.example.net", 60, Some(10), TTL_1)),
            (38, Unsupported("SSHFP")),
            (41, Record("TXT", "@", "v=spf1 include:_spf.example.net ~all", 60, None, TTL_1)),
            (42, Record("TXT", "sel1._domainkey", dkim, 60, None, TTL_1)),
        ],
    );
    // The provider's tags ride in comments, which the source leaves out.
    assert_eq!(entries[3].source, "example.com.\t1\tIN\tA\t192.0.2.1");
}

#[test]
fn broken_lines_are_reported_and_never_hide_the_good_ones() {
    let entries = read_zone_file(&fixture("broken.zone"), &domain("example.com"));
    check(
        "broken.zone",
        &entries,
        &[
            (4, Record("A", "good1", "192.0.2.1", 300, None, NO_NOTES)),
            (5, Unreadable("256 is larger")),
            (6, Unreadable("class CH; only records of class IN")),
            (7, Record("AAAA", "good2", "2001:db8::2", 300, None, NO_NOTES)),
            (8, Unreadable("quoted text that starts on line 8 is not closed")),
            (9, Record("A", "good3", "192.0.2.3", 300, None, NO_NOTES)),
            (10, Unreadable("An MX record needs a preference and a host name")),
            (11, Unreadable("elsewhere.example.org is outside example.com")),
            (12, Unreadable("Paste the contents of that file")),
            (13, Record("TXT", "good4", "still read", 300, None, NO_NOTES)),
            (14, Unreadable("parenthesis opened on line 14 is not closed before line 15")),
            (15, Record("A", "good5", "192.0.2.5", 300, None, NO_NOTES)),
            (16, Unreadable("The ) on line 16 closes no parenthesis")),
            (17, Unreadable("1x is not a TTL")),
            (18, Record("A", "badttl", "192.0.2.8", 300, None, NO_NOTES)),
            (19, Unsupported("PTR")),
            (20, Unsupported("$GENERATE")),
            (21, Unreadable("this line has 1 value after its type")),
            (22, Record("MX", "good6", "good1.example.com", 300, Some(10), NO_NOTES)),
        ],
    );
}

#[test]
fn unclosed_parenthesis_at_the_end_is_reported_from_its_line() {
    let text = "a A 192.0.2.1\nb TXT ( \"one\"\n  \"two\"\n";
    let entries = read_zone_file(text, &domain("example.com"));
    check(
        "inline",
        &entries,
        &[
            (1, Record("A", "a", "192.0.2.1", 3600, None, NO_NOTES)),
            (2, Unreadable("The parenthesis opened on line 2 is never closed")),
        ],
    );
}

#[test]
fn crlf_bom_and_tabs_read_as_plain_lines() {
    let text = fixture("every-type.zone");
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n").replace("    ", "\t"));
    let zone = domain("example.com");
    let kinds = |text: &str| -> Vec<(usize, EntryKind)> {
        read_zone_file(text, &zone).into_iter().map(|entry| (entry.line, entry.kind)).collect()
    };
    assert_eq!(kinds(&windows), kinds(&text));
    assert!(read_zone_file(&windows, &zone).iter().all(|entry| !entry.source.contains('\r')));
}

#[test]
fn unquoted_txt_words_are_joined_with_a_note() {
    const JOINED: &[&str] = &["the 3 strings were joined without spaces, as DNS joins them; 3 \
                               of them had no quotes, so put the text in quotes if the spaces \
                               belong to it"];
    let entries = read_zone_file("@ TXT v=spf1 mx -all\n", &domain("example.com"));
    check("inline", &entries, &[(1, Record("TXT", "@", "v=spf1mx-all", 3600, None, JOINED))]);
}

#[test]
fn suggested_domain_of_each_fixture() {
    let rows = [
        ("every-type.zone", Some("example.com")),
        ("parentheses-and-comments.zone", Some("example.org")),
        ("cloudflare-export.zone", Some("example.com")),
        ("broken.zone", Some("example.com")),
    ];
    for (file, want) in rows {
        assert_eq!(suggested_domain(&fixture(file)).as_deref(), want, "{file}");
    }
}

#[test]
fn every_fixture_without_unreadable_lines_passes_named_checkzone() {
    let dir = TempDir::new("fixtures-in");
    let rows = [
        ("every-type", "example.com", true),
        ("parentheses-and-comments", "example.org", true),
        ("cloudflare-export", "example.com", true),
        ("broken", "example.com", false),
    ];
    for (stem, origin, whole) in rows {
        let text = fixture(&format!("{stem}.zone"));
        let entries = read_zone_file(&text, &domain(origin));
        let readable =
            entries.iter().all(|entry| !matches!(entry.kind, EntryKind::Unreadable { .. }));
        assert_eq!(readable, whole, "{stem}");
        if readable {
            assert_bind_loads(&dir, stem, origin, &text);
        }
    }
}

/// TXT texts that zone-file syntax could misread.
fn hostile_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "say \"hello\"",
        "\"a\" \"b\"",
        "\\",
        "ends in a backslash \\",
        "C:\\path \\065 \\\"",
        "; not a comment",
        "( not a paren ) ((",
        "line\nbreak\r\n\ttab",
        "ünïcödé 😀 日本語 \u{201C}curly\u{201D}",
        "$ORIGIN evil.example.",
        "\" IN A 192.0.2.66\n@ IN A 192.0.2.67 ; ",
        " padded ",
    ]
    .iter()
    .map(|text| text.to_string())
    .collect();
    texts.push("x".repeat(600));
    texts.push("é😀x".repeat(120));
    texts
}

fn stored(zone: &DomainName, rows: &[(&str, &str, &str, Option<i64>)]) -> Vec<RecordData> {
    rows.iter()
        .map(|&(record_type, name, value, priority)| {
            let input = RecordInput { record_type, name, value, ttl: Some(300), priority };
            validate_record(zone, &input).unwrap_or_else(|error| panic!("{value}: {error}"))
        })
        .collect()
}

#[test]
fn written_zone_file_reads_back_to_the_same_records_and_writes_the_same_lines() {
    let zone = domain("example.com");
    let mut records = stored(
        &zone,
        &[
            ("A", "@", "192.0.2.1", None),
            ("AAAA", "www", "2001:db8::1", None),
            ("A", "*.dev", "192.0.2.3", None),
            ("CNAME", "shop", "shops.example.net", None),
            ("MX", "@", "mail.example.com", Some(10)),
            ("MX", "@", "mx.example.net", Some(0)),
            ("A", "mail", "192.0.2.25", None),
            ("NS", "sub", "ns1.sub.example.com", None),
            ("A", "ns1.sub", "192.0.2.53", None),
            ("SRV", "_sip._tcp", "5 5060 sip.example.net", Some(10)),
            ("SRV", "_imap._tcp", "0 0 .", Some(0)),
            ("CAA", "@", "0 issue \"letsencrypt.org\"", None),
            ("CAA", "@", "128 iodef \"mailto:sec@example.com; x=(1)\"", None),
        ],
    );
    for (index, text) in hostile_texts().iter().enumerate() {
        let name = format!("t{index}");
        let value = dns_rules::txt_to_zone_strings(text);
        let record = stored(&zone, &[("TXT", &name, &value, None)]);
        assert_eq!(record[0].value, *text, "the TXT text is stored as it is");
        records.extend(record);
    }

    let nameservers = ["ns1.vps.org".to_string(), "ns2.vps.org".to_string()];
    let header = ZoneHeader {
        origin: &zone,
        serial: 2026120401,
        nameservers: &nameservers,
        hostmaster: "hostmaster.vps.org",
        default_ttl: 3600,
    };
    let text = write_zone_file(&header, &records);
    let dir = TempDir::new("written-in");
    assert_bind_loads(&dir, "written", zone.as_str(), &text);

    let entries = read_zone_file(&text, &zone);
    let provider: Vec<(usize, &EntryKind)> = entries
        .iter()
        .filter(|entry| matches!(entry.kind, EntryKind::LeftToProvider { .. }))
        .map(|entry| (entry.line, &entry.kind))
        .collect();
    let left = |record_type: &str| EntryKind::LeftToProvider { record_type: record_type.into() };
    assert_eq!(provider, [(4, &left("SOA")), (5, &left("NS")), (6, &left("NS"))]);

    let read: Vec<RecordData> = entries
        .iter()
        .filter_map(|entry| match &entry.kind {
            EntryKind::Record { record, notes } if notes.is_empty() => Some(record.clone()),
            EntryKind::LeftToProvider { .. } => None,
            other => panic!("line {}: {other:?}", entry.line),
        })
        .collect();
    let want: HashSet<&RecordData> = records.iter().collect();
    let got: HashSet<&RecordData> = read.iter().collect();
    assert_eq!(got, want);
    assert_eq!(read.len(), records.len());

    assert_eq!(
        write_zone_file(&header, &read).lines().collect::<Vec<_>>(),
        text.lines().collect::<Vec<_>>()
    );
}
