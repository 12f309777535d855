//! Zone files written by the rules, checked by BIND's own `named-checkzone`.
//!
//! The contract says a zone file that `named-checkzone` would refuse is a bug. Comparing our
//! text with a hand-written expectation cannot show that, because the expectation shares our
//! understanding of the syntax; BIND's parser does not. So these tests build zones from every
//! record type and from hostile TXT text, write them to a temporary folder, and run the real
//! tool on them. They then read BIND's own dump of each zone back and check that every TXT
//! record holds exactly the text that was stored: escaping that BIND reads differently from
//! how we meant it would pass a syntax check and still corrupt the record.
//!
//! Without `named-checkzone` the tests fail rather than pass unchecked; `scripts/test`
//! installs it (Debian package bind9-utils).

mod support;

use std::path::Path;

use dns_rules::zonefile::{ZoneHeader, next_serial, write_zone_file};
use dns_rules::{
    DomainName, Field, RecordData, RecordInput, RecordType, check_zone_integrity, check_zone_rules,
    txt_from_input, validate_record,
};
use support::{TempDir, named_checkzone, path_text};

/// A zone being built: every record passes the per-record and the zone rules on the way in,
/// so the file holds only what the API would accept.
struct ZoneBuilder {
    zone: DomainName,
    records: Vec<RecordData>,
}

impl ZoneBuilder {
    fn new(domain: &str) -> ZoneBuilder {
        let zone = DomainName::parse(domain).expect("test zone is a domain");
        ZoneBuilder { zone, records: Vec::new() }
    }

    fn add(&mut self, record_type: &str, name: &str, value: &str) -> &mut ZoneBuilder {
        let priority = match record_type {
            "MX" | "SRV" => Some(10),
            _ => None,
        };
        self.add_full(RecordInput { record_type, name, value, ttl: None, priority })
    }

    fn add_full(&mut self, input: RecordInput<'_>) -> &mut ZoneBuilder {
        let record = validate_record(&self.zone, &input)
            .unwrap_or_else(|error| panic!("{input:?} refused: {error}"));
        if let Err(violation) = check_zone_rules(&self.records, &record) {
            panic!("{input:?} breaks a zone rule: {}", violation.message);
        }
        self.records.push(record);
        self
    }

    /// Writes the zone file into `dir` as `stem.zone`, checks it with `named-checkzone`, and
    /// gives back BIND's dump of the zone as it loaded it. The stem is not the domain, since a
    /// 253-octet domain makes a file name longer than Linux allows (255 octets).
    fn check(&self, dir: &Path, stem: &str) -> String {
        if let Err(violation) = check_zone_integrity(&self.zone, &self.records) {
            panic!("{}: {}", self.zone, violation.message);
        }

        let nameservers = ["ns1.vps.org".to_string(), "ns2.vps.org".to_string()];
        let header = ZoneHeader {
            origin: &self.zone,
            serial: next_serial(0, 20261204),
            nameservers: &nameservers,
            hostmaster: "hostmaster.vps.org",
            default_ttl: 3600,
        };
        let text = write_zone_file(&header, &self.records);
        assert!(text.is_ascii(), "the zone file is plain ASCII");

        let file = dir.join(format!("{stem}.zone"));
        let dump = dir.join(format!("{stem}.dump"));
        std::fs::write(&file, &text).expect("write the zone file");

        let (file, dump) = (path_text(&file), path_text(&dump));
        let origin = self.zone.as_str();
        let output = named_checkzone(&["-i", "local", "-D", "-o", dump, origin, file]);
        assert!(
            output.status.success(),
            "named-checkzone refused {origin}:\n{}{}\n--- zone file ---\n{text}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        std::fs::read_to_string(dump).expect("named-checkzone wrote its dump")
    }
}

/// Every TXT record in BIND's dump, as (owner relative to `origin`, text).
fn dumped_txt(dump: &str, origin: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for line in dump.lines() {
        let mut rest = line;
        let mut fields = Vec::new();
        // Owner, TTL, class, type; the remainder of the line is the record data.
        for _ in 0..4 {
            rest = rest.trim_start();
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (field, tail) = rest.split_at(end);
            fields.push(field);
            rest = tail;
        }
        if fields.get(3) != Some(&"TXT") {
            continue;
        }
        let owner = fields[0].trim_end_matches('.');
        let relative = match owner.strip_suffix(origin) {
            Some("") => "@".to_string(),
            Some(prefix) => prefix.trim_end_matches('.').to_string(),
            None => owner.to_string(),
        };
        found.push((relative, txt_from_input(rest.trim())));
    }
    found
}

/// `prefix` followed by multi-octet characters, exactly `octets` long, so that the 255-octet
/// string boundaries fall inside characters unless the writer steps around them.
fn multibyte_text(prefix: usize, octets: usize) -> String {
    let mut text = "a".repeat(prefix);
    for c in ['é', '😀', '€', 'x', '日'].into_iter().cycle() {
        if text.len() + c.len_utf8() > octets {
            break;
        }
        text.push(c);
    }
    while text.len() < octets {
        text.push('z');
    }
    text
}

/// The hostile TXT texts, each stored at its own name (`t0`, `t1`, ...).
fn hostile_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com",
        "say \"hello\" and \"goodbye\"",
        "\"",
        "\\",
        "\\\"",
        "ends with a backslash \\",
        "C:\\path\\to\\file \\065 \\",
        "; a comment? no",
        "( parentheses ) are text",
        "line one\nline two\r\n",
        "tab\tseparated\tvalues",
        "nul \0 and del \u{7f} and bell \u{7}",
        "emoji 😀🎉 and ünïcödé and 日本語",
        "\u{201C}curly\u{201D} \u{2014} it\u{2019}s fine outside SPF\u{00A0}",
        "$ORIGIN evil.example.",
        "\" IN A 192.0.2.66\n@ IN A 192.0.2.67 ; ",
        "<img src=x onerror=alert(1)>",
        "   ",
        " leading and trailing ",
        "@",
        "v=spf1 include:_spf.example.net ip4:192.0.2.0/24 -all",
    ]
    .iter()
    .map(|text| text.to_string())
    .collect();
    texts.push("x".repeat(255));
    texts.push("x".repeat(256));
    texts.push(format!("v=DKIM1; k=rsa; p={}", "MIIBIjANBgkqhkiG9w0BAQEFAAOC".repeat(30)));
    for prefix in 0..4 {
        texts.push(multibyte_text(prefix, 4096));
    }
    texts.push("\"".repeat(4096));
    texts.push("\n".repeat(4096));
    texts
}

#[test]
fn zone_with_every_record_type_passes_named_checkzone() {
    let dir = TempDir::new("every-type");
    let mut zone = ZoneBuilder::new("example.com");
    let max_label = "a".repeat(63);
    // With ".example.com" the relative part reaches the 253-octet limit of a full name.
    let long_name = format!("{max_label}.{max_label}.{max_label}.{}", "b".repeat(49));
    zone.add("A", "@", "192.0.2.1")
        .add("A", "www", "192.0.2.2")
        .add("A", "www.example.com.", "192.0.2.3")
        .add("A", "*.dev", "192.0.2.4")
        .add("A", "*", "192.0.2.5")
        .add("A", &max_label, "192.0.2.6")
        .add("A", &long_name, "192.0.2.7")
        .add("A", "0", "192.0.2.8")
        .add("AAAA", "@", "2001:DB8:0:0:0:0:0:1")
        .add("AAAA", "v6", "2001:0DB8:0000:0000:0000:0000:0000:9001")
        .add("AAAA", "mapped", "::ffff:192.0.2.9")
        .add("AAAA", "nat64", "64:ff9b::192.0.2.10")
        .add("CNAME", "shop", "shops.example.net.")
        .add("CNAME", "_acme-challenge", "_acme-challenge.example.net.")
        .add("CNAME", "inzone", "www.example.com")
        .add("MX", "@", "mail.example.com.")
        .add("A", "mail", "192.0.2.25")
        .add("MX", "@", "mx2.example.net")
        .add("NS", "@", "ns3.example.net.")
        .add("NS", "@", "ns.example.com")
        .add("A", "ns", "192.0.2.53")
        .add("NS", "sub", "ns1.sub.example.com")
        .add("A", "ns1.sub", "192.0.2.54")
        .add("AAAA", "ns1.sub", "2001:db8::54")
        .add("NS", "sub", "ns2.example.net")
        .add("SRV", "_sip._tcp", "5 5060 sip.example.com.")
        .add("SRV", "_sips._tcp", "0 5061 sip.example.net")
        .add("SRV", "_imap._tcp", "0 0 .")
        .add("CAA", "@", "0 issue \"letsencrypt.org\"")
        .add("CAA", "@", "0 issuewild \";\"")
        .add("CAA", "@", "128 iodef \"mailto:security@example.com\"")
        .add("CAA", "@", "0 contactemail \"security@example.com\"")
        .add("CAA", "@", "0 contactphone \"+1 555 0100\"")
        .add("CAA", "@", "255 issuevmc \"ca.example; key=value\"")
        .add("CAA", "@", "0 ISSUEMAIL ca.example")
        .add("CAA", "caa", "0 issue \"\"")
        .add("TXT", "_dmarc", "v=DMARC1; p=none")
        .add("TXT", "_sip", "\"0 5 25 sip.example.com.\"")
        .add("TXT", "split", "\"part one \" \"part two\"");
    for (priority, name) in [(0, "prio0"), (65_535, "prio65535")] {
        zone.add_full(RecordInput {
            record_type: "MX",
            name,
            value: "mail.example.net",
            ttl: Some(60),
            priority: Some(priority),
        });
    }
    for (ttl, name) in [(60, "ttl60"), (604_800, "ttl604800")] {
        zone.add_full(RecordInput {
            record_type: "A",
            name,
            value: "192.0.2.100",
            ttl: Some(ttl),
            priority: None,
        });
    }
    let types: Vec<RecordType> = zone.records.iter().map(|r| r.record_type).collect();
    for record_type in RecordType::ALL {
        assert!(types.contains(&record_type), "the zone has no {record_type} record");
    }

    let dump = zone.check(&dir.0, "every-type");
    let txt = dumped_txt(&dump, "example.com");
    for (name, text) in [("_sip", "0 5 25 sip.example.com."), ("split", "part one part two")] {
        assert!(txt.contains(&(name.to_string(), text.to_string())), "{name}: {txt:?}");
    }
}

#[test]
fn hostile_txt_text_passes_named_checkzone_and_reads_back_unchanged() {
    let dir = TempDir::new("hostile-txt");
    let mut zone = ZoneBuilder::new("example.com");
    let texts = hostile_texts();
    for (index, text) in texts.iter().enumerate() {
        // A text that looks like quoted strings is sent in its own presentation form, so
        // that it is stored as it is rather than read back one level.
        let stored = dns_rules::txt_to_zone_strings(text);
        let record = RecordInput {
            record_type: "TXT",
            name: &format!("t{index}"),
            value: &stored,
            ttl: None,
            priority: None,
        };
        zone.add_full(record);
        assert_eq!(zone.records.last().map(|r| r.value.as_str()), Some(text.as_str()));
    }

    let dump = zone.check(&dir.0, "hostile-txt");
    let dumped = dumped_txt(&dump, "example.com");
    for (index, text) in texts.iter().enumerate() {
        let name = format!("t{index}");
        let found: Vec<&String> =
            dumped.iter().filter(|(owner, _)| *owner == name).map(|(_, text)| text).collect();
        assert_eq!(found, [text], "{name}: BIND read the text back differently");
    }
}

#[test]
fn txt_over_4096_octets_is_refused_before_any_zone_file() {
    let zone = DomainName::parse("example.com").expect("domain");
    for text in ["x".repeat(5000), multibyte_text(1, 4097)] {
        let input =
            RecordInput { record_type: "TXT", name: "big", value: &text, ..Default::default() };
        let error = validate_record(&zone, &input).expect_err("over the limit");
        assert_eq!(error.field, Field::Value);
    }
}

#[test]
fn largest_set_of_long_txt_records_the_rules_allow_passes_named_checkzone() {
    // The zone rules keep a set of records within one DNS message; BIND's own limit on a set
    // is a little larger, so the largest set the rules allow must load.
    let dir = TempDir::new("largest-set");
    let mut zone = ZoneBuilder::new("example.com");
    let mut count = 0;
    for index in 0.. {
        let text = format!("{index:02}{}", "x".repeat(4094));
        let input =
            RecordInput { record_type: "TXT", name: "@", value: &text, ..Default::default() };
        let record = validate_record(&zone.zone, &input).expect("TXT of 4096 octets");
        if check_zone_rules(&zone.records, &record).is_err() {
            break;
        }
        zone.records.push(record);
        count += 1;
    }
    assert_eq!(count, 15, "TXT records of 4096 octets the rules allow at one name");
    zone.check(&dir.0, "largest-set");
}

#[test]
fn internationalised_and_longest_zones_pass_named_checkzone() {
    let dir = TempDir::new("names");

    let idn = if cfg!(feature = "idna") { "bücher.example" } else { "xn--bcher-kva.example" };
    let mut zone = ZoneBuilder::new(idn);
    assert_eq!(zone.zone.as_str(), "xn--bcher-kva.example");
    zone.add("A", "www", "192.0.2.10")
        .add("A", "www.xn--bcher-kva.example.", "192.0.2.11")
        .add("CNAME", "shop", "xn--caf-dma.example.net")
        .add("MX", "@", "mail.xn--bcher-kva.example.");
    zone.check(&dir.0, "idn");

    // A 253-octet zone leaves room for nothing but the apex.
    let label = "c".repeat(63);
    let longest = format!("{label}.{label}.{label}.{}", "d".repeat(61));
    assert_eq!(longest.len(), 253);
    let mut zone = ZoneBuilder::new(&longest);
    zone.add("A", "@", "192.0.2.12").add("TXT", &format!("{longest}."), "apex text");
    zone.check(&dir.0, "longest");
}

#[test]
fn written_zone_file_text_of_a_small_zone_is_stable() {
    // One whole file as a reader sees it, so a change to the layout shows up in review.
    let mut zone = ZoneBuilder::new("example.com");
    zone.add("MX", "@", "mail.example.net").add("TXT", "@", "v=spf1 mx -all");
    let nameservers = ["ns1.vps.org".to_string()];
    let header = ZoneHeader {
        origin: &zone.zone,
        serial: 2026120400,
        nameservers: &nameservers,
        hostmaster: "hostmaster.vps.org",
        default_ttl: 3600,
    };
    let text = write_zone_file(&header, &zone.records);
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "$ORIGIN example.com.",
            "$TTL 3600",
            "@ 3600 IN SOA ns1.vps.org. hostmaster.vps.org. ( 2026120400 3600 900 1209600 300 )",
            "@ 3600 IN NS ns1.vps.org.",
            "@ 3600 IN MX 10 mail.example.net.",
            "@ 3600 IN TXT \"v=spf1 mx -all\"",
        ]
    );
}

/// Awkward inputs for every field: syntax characters of zone files, odd Unicode, boundary
/// lengths and near-misses of each value form.
fn awkward_inputs() -> Vec<String> {
    let mut inputs: Vec<String> = [
        "",
        " ",
        ".",
        "..",
        "@",
        "*",
        "\"",
        "'",
        "\\",
        ";",
        "(",
        ")",
        "$ORIGIN x.",
        "\n",
        "\r\n",
        "\t",
        "\0",
        "\u{202E}",
        "e\u{301}",
        "ａ.example",
        "é.example",
        "ü",
        "0",
        "-",
        "_",
        "a",
        "A",
        "_a",
        "a_b",
        "*.a",
        "a.*",
        "a.b",
        "a.b.",
        "_a._b.c",
        "a-.example",
        "x.example;",
        "x.example(",
        "x.example.com. ; comment",
        "xn--bcher-kva.example",
        "www.example.com.",
        "www.example.org.",
        "192.0.2.1",
        "192.0.2.1 ",
        "::1",
        "::ffff:1.2.3.4",
        "1::",
        "1:2:3:4:5:6:7:8",
        "1 2 .",
        "1 2 a.b",
        "1 2 a_b.example",
        "0 0 x.example ;",
        "0 issue \"a;b\"",
        "0 issue \"a(b\"",
        "0 issue \"a)b\"",
        "0 issue a;b",
        "0 issue (x)",
        "0 issue \"$ORIGIN\"",
        "0 iodef \"https://x.example/a b\"",
        "0 issue \"a\" \"b\"",
        "0 issue \"\"\"",
        "0 issue \"",
        "v=spf1 -all",
        "\"a\" \"b\"",
        "\"a\\",
        "\"\\0\"",
        "\"\\999\"",
    ]
    .iter()
    .map(|text| text.to_string())
    .collect();
    for length in [62, 63, 64, 252, 253, 254, 255, 256] {
        inputs.push("a".repeat(length));
        inputs.push(format!("{}.example", "b".repeat(length)));
    }
    for prefix in 0..3 {
        inputs.push(multibyte_text(prefix, 300));
    }
    inputs
}

#[test]
fn awkward_input_never_panics_and_whatever_is_accepted_passes_named_checkzone() {
    let dir = TempDir::new("awkward");
    let mut zone = ZoneBuilder::new("example.com");
    let inputs = awkward_inputs();
    let mut accepted = 0;

    for (index, value) in inputs.iter().enumerate() {
        for record_type in RecordType::ALL {
            let priority = record_type.takes_priority().then_some(1);
            let name = format!("v{index}-{}", record_type.as_str().to_ascii_lowercase());
            let input = RecordInput {
                record_type: record_type.as_str(),
                name: &name,
                value,
                ttl: None,
                priority,
            };
            let Ok(record) = validate_record(&zone.zone, &input) else { continue };
            if check_zone_rules(&zone.records, &record).is_ok() {
                zone.records.push(record);
                accepted += 1;
            }
        }
    }
    for name in &inputs {
        let input =
            RecordInput { record_type: "A", name, value: "192.0.2.1", ..Default::default() };
        let Ok(record) = validate_record(&zone.zone, &input) else { continue };
        if check_zone_rules(&zone.records, &record).is_ok() {
            zone.records.push(record);
            accepted += 1;
        }
        // The parsers must also take every input as a domain without panicking.
        let _ = DomainName::parse(name);
        let _ = dns_rules::to_unicode_display(name);
    }

    assert!(accepted > 50, "only {accepted} awkward records were accepted");
    zone.check(&dir.0, "awkward");
}
