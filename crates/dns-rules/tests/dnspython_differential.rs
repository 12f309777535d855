//! Our zone files and our verdicts, compared with dnspython's: a second reader of DNS text
//! that shares none of our code and none of our understanding of the syntax.
//!
//! The unit tests compare the rules with expectations written by the people who wrote the
//! rules, and `named_checkzone.rs` shows that BIND loads the files. This test asks two more
//! questions of some twenty thousand generated inputs (random, but from a fixed seed that
//! it prints, so any failure can be replayed):
//!
//! - Does dnspython read every record of our zone file as the record we stored: the same type,
//!   owner name, TTL and data, TXT text down to the octet?
//! - For values that both sides can judge alone (everything but TXT, whose text we take as it
//!   is), do both call the same values valid?
//!
//! The contract asks for more than DNS syntax in places (no single-label targets, seven CAA
//! tags, no look-alike characters), so dnspython accepts some values that we refuse, and a
//! form field is not a zone-file line, so the reverse happens too. Each such difference is in
//! [`KNOWN_DIFFERENCES`] with its reason; any other difference fails the test.
//!
//! dnspython comes from PyPI into `.tools/venv`, installed by `scripts/setup test`, which
//! `scripts/test` runs; `DNSPYTHON` may name another interpreter that has it. Without one the
//! test fails: passing without dnspython would claim a comparison that was never made.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io::ErrorKind;
use std::net::Ipv6Addr;
use std::path::PathBuf;
use std::process::Command;

use dns_rules::zonefile::{ZoneHeader, write_zone_file};
use dns_rules::{
    DomainName, Field, RecordData, RecordInput, RecordType, RuleError, Ttl, check_lookalikes,
    check_zone_rules, txt_to_zone_strings, validate_record,
};
use serde_json::Value;

/// The seed of every generated input, unless `DNS_DIFFERENTIAL_SEED` gives another.
const SEED: u64 = 0x0D15_EA5E_2026_1204;

const HELPER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/dnspython_read.py");
const VENV_PYTHON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../.tools/venv/bin/python");

const ZONE: &str = "example.com";
const PROVIDER_NAMESERVERS: [&str; 2] = ["ns1.vps.org", "ns2.vps.org"];

/// Inputs per record type for the zone file, and cases per type for the verdicts.
const INPUTS_PER_TYPE: usize = 2500;
const CASES_PER_TYPE: usize = 1500;

/// In-zone hosts (`host-0` to `host-9`) that get an address first, so that the MX, NS and SRV
/// targets pointing at them pass `named-checkzone`'s integrity checks.
const HOSTS: usize = 10;

/// The CAA tags of the contract.
const CAA_TAGS: [&str; 7] =
    ["issue", "issuewild", "iodef", "contactemail", "contactphone", "issuevmc", "issuemail"];

// The two comparisons.

#[test]
fn dnspython_reads_every_generated_record_as_we_stored_it() {
    let seed = seed();
    let mut rng = Rng::new(seed, 1);
    let zone = DomainName::parse(ZONE).expect("test zone is a domain");
    let mut file = LoadableZone::new();

    for host in 0..HOSTS {
        let name = format!("host-{host}");
        let value = format!("192.0.2.{}", host + 1);
        let input =
            RecordInput { record_type: "A", name: &name, value: &value, ..Default::default() };
        file.add(validate_record(&zone, &input).expect("host address"));
    }

    let mut counts: BTreeMap<RecordType, [usize; 3]> = BTreeMap::new();
    for record_type in RecordType::ALL {
        for index in 0..INPUTS_PER_TYPE {
            let input = generate_input(&mut rng, record_type, index);
            let [generated, accepted, written] = counts.entry(record_type).or_default();
            *generated += 1;
            // A refused input has nothing to write; the verdicts test compares refusals.
            let Ok(record) = validate_record(&zone, &input.as_record_input()) else { continue };
            *accepted += 1;
            if file.add(record) {
                *written += 1;
            }
        }
    }
    println!("record type: generated, accepted, written to the zone file");
    for (record_type, [generated, accepted, written]) in &counts {
        println!("  {:5} {generated:5} {accepted:5} {written:5}", record_type.as_str());
        assert!(*written * 2 > *generated, "too few {record_type} records reached the file");
    }

    let dir = TempDir::new("read");
    let nameservers = PROVIDER_NAMESERVERS.map(str::to_string);
    let header = ZoneHeader {
        origin: &zone,
        serial: 2026120400,
        nameservers: &nameservers,
        hostmaster: "hostmaster.vps.org",
        default_ttl: 3600,
    };
    let text = write_zone_file(&header, &file.records);
    let path = dir.0.join(format!("{ZONE}.zone"));
    std::fs::write(&path, &text).expect("write the zone file");
    let path = path.to_str().expect("temporary paths are UTF-8");

    let answer = run_helper(&["read", &format!("{ZONE}."), path]);
    let records = answer["records"].as_array().expect("the helper lists records");
    let mut theirs: Vec<Read> = records.iter().map(Read::from_dnspython).collect();
    let mut ours: Vec<Read> = file.records.iter().map(Read::from_ours).collect();
    ours.extend(PROVIDER_NAMESERVERS.iter().map(|ns| Read {
        owner: format!("{ZONE}."),
        record_type: "NS".to_string(),
        ttl: 3600,
        data: Data::Host(format!("{ns}.")),
        octets: ns.len() as u64 + 2,
    }));

    // The SOA is the provider's, not a record of ours: it is checked once and set aside.
    let soa: Vec<Read> = theirs.iter().filter(|r| r.record_type == "SOA").cloned().collect();
    assert_eq!(soa.len(), 1, "one SOA: {soa:?}");
    assert_eq!(soa[0].owner, format!("{ZONE}."));
    theirs.retain(|r| r.record_type != "SOA");

    ours.sort();
    theirs.sort();
    let only_ours = multiset_minus(&ours, &theirs);
    let only_theirs = multiset_minus(&theirs, &ours);
    assert!(
        only_ours.is_empty() && only_theirs.is_empty(),
        "seed {seed:#x}: dnspython read {} record(s) differently.\n\
         ours, not read back by dnspython ({}):\n{}\n\
         dnspython's, not among ours ({}):\n{}",
        only_ours.len().max(only_theirs.len()),
        only_ours.len(),
        shown(&only_ours),
        only_theirs.len(),
        shown(&only_theirs),
    );
    println!("dnspython read all {} records (and the SOA) as we stored them", ours.len());

    // BIND's reading too, after dnspython's, so that a fault shows dnspython's view of it first.
    named_checkzone(path);
}

#[test]
fn values_judged_alone_are_valid_alike_but_for_listed_differences() {
    let seed = seed();
    let mut rng = Rng::new(seed, 2);
    let zone = DomainName::parse(ZONE).expect("test zone is a domain");

    let mut cases: Vec<Case> = Vec::new();
    for record_type in RecordType::ALL.into_iter().filter(|&t| t != RecordType::Txt) {
        for _ in 0..CASES_PER_TYPE {
            let (value, priority) = generate_value(&mut rng, record_type, Targets::Absolute);
            let core = cases.len();
            cases.push(Case { record_type, value: value.clone(), priority, padded_from: None });
            // A copy in surrounding whitespace, as a form or a pasted line carries it.
            if rng.percent(20) {
                let (before, after) = *rng.pick(&PADDING);
                let value = format!("{before}{value}{after}");
                cases.push(Case { record_type, value, priority, padded_from: Some(core) });
            }
        }
    }

    let ours: Vec<Result<RecordData, RuleError>> = cases
        .iter()
        .map(|case| {
            let input = RecordInput {
                record_type: case.record_type.as_str(),
                name: "v",
                value: &case.value,
                ttl: None,
                priority: case.priority,
            };
            validate_record(&zone, &input)
        })
        .collect();

    let dir = TempDir::new("judge");
    let path = dir.0.join("cases.json");
    let pairs: Vec<(String, String)> =
        cases.iter().map(|case| (case.record_type.to_string(), case.dnspython_text())).collect();
    std::fs::write(&path, serde_json::to_vec(&pairs).expect("cases as JSON")).expect("write");
    let answer = run_helper(&["judge", path.to_str().expect("temporary paths are UTF-8")]);
    let theirs: Vec<Option<String>> = answer["verdicts"]
        .as_array()
        .expect("the helper gives verdicts")
        .iter()
        .map(|verdict| verdict.as_str().map(str::to_string))
        .collect();
    assert_eq!(theirs.len(), cases.len(), "one verdict per case");

    let mut agreed = 0;
    // Each listed difference met: how often, and the first case of it.
    let mut explained: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let (ours_ok, theirs_ok) = (ours[index].is_ok(), theirs[index].is_none());
        if ours_ok == theirs_ok {
            agreed += 1;
            continue;
        }
        let core_agrees = case
            .padded_from
            .is_some_and(|core| ours[core].is_ok() == ours_ok && theirs[core].is_none() == ours_ok);
        match known_difference(case, ours_ok, core_agrees) {
            Some(id) => {
                let (count, example) = explained.entry(id).or_default();
                if *count == 0 {
                    *example = format!("{} {:?}", case.record_type, case.value);
                }
                *count += 1;
            }
            None => unexplained.push(format!(
                "{} {:?} (priority {:?}): ours {}, dnspython {}",
                case.record_type,
                case.value,
                case.priority,
                match &ours[index] {
                    Ok(record) => format!("accepts as {:?}", record.value),
                    Err(error) => format!("refuses ({error})"),
                },
                match &theirs[index] {
                    None => "accepts".to_string(),
                    Some(why) => format!("refuses ({why})"),
                },
            )),
        }
    }

    println!("{} cases; {agreed} judged alike; listed differences:", cases.len());
    for (id, reason) in KNOWN_DIFFERENCES {
        match explained.get(id) {
            Some((count, example)) => println!("  {count:5} {id}, such as {example}: {reason}"),
            None => println!("  {:5} {id}: {reason}", 0),
        }
    }
    assert!(
        unexplained.is_empty(),
        "seed {seed:#x}: {} verdict(s) differ from dnspython's for no listed reason:\n{}",
        unexplained.len(),
        unexplained.join("\n"),
    );
}

// Known, justified differences between our verdicts and dnspython's.

/// Where we judge a value differently from dnspython on purpose: the contract's stricter rules,
/// and the API's value being a form field rather than a zone-file line. Each entry is an id
/// and the reason; [`known_difference`] decides, from the input alone, which one a difference
/// is. A difference that none explains fails the test.
const KNOWN_DIFFERENCES: [(&str, &str); 12] = [
    (
        "lookalike",
        "the contract refuses typographic quotes, dashes and odd spaces where syntax matters; \
         dnspython takes them into a name (by IDNA) or a CAA value",
    ),
    (
        "surrounding-whitespace",
        "we drop a form field's surrounding whitespace (record.rs); dnspython's tokenizer ends \
         the record at a newline and reads other spaces as text (checked: the unpadded value \
         is judged alike)",
    ),
    (
        "single-label-target",
        "a host target is a name of two or more labels, never completed with the zone \
         (contract; RFC 1034 §3.1)",
    ),
    (
        "root-target",
        "a lone dot means 'no service' for SRV only (contract); for CNAME, NS and the null MX \
         of RFC 7505 we refuse it",
    ),
    (
        "host-name-syntax",
        "a host target keeps to letters, digits, inner hyphens and underscores (RFC 952, RFC \
         1123 §2.1, RFC 8552); dnspython takes any octet in a label (RFC 2181 §11)",
    ),
    (
        "numeric-last-label",
        "a target ending in a number is a mistyped address: no top-level domain is all digits \
         (RFC 1123 §2.1, RFC 3696 §2)",
    ),
    ("caa-tag-list", "CAA tags are the contract's seven; dnspython takes any alphanumeric tag"),
    (
        "caa-value-quoting",
        "a CAA value is one double-quoted string without escapes, or one bare word (record.rs); \
         dnspython reads 'single quotes' as text and \\ escapes in the string",
    ),
    (
        "caa-printable-ascii",
        "a CAA value holds printable ASCII only (record.rs); dnspython keeps any octet",
    ),
    (
        "zone-file-syntax",
        "outside double quotes, dnspython's tokenizer reads ; as the start of a comment and ( \
         or ) as a group; an API value is one field of a form, where they are text",
    ),
    (
        "priority-field",
        "MX and SRV carry the priority in a field of its own, which the contract requires; \
         without it dnspython reads the value's first number as the priority",
    ),
    (
        "unicode-name",
        "without the idna feature we refuse Unicode names with a hint to convert them; with it, \
         UTS #46 decides, where dnspython's default is IDNA 2003",
    ),
];

/// Which of [`KNOWN_DIFFERENCES`] explains that we judged `case` `ours_ok` and dnspython the
/// opposite. `core_agrees` says that for the case's unpadded value both sides gave our verdict.
fn known_difference(case: &Case, ours_ok: bool, core_agrees: bool) -> Option<&'static str> {
    let value = case.value.trim();
    let target = case.target();
    let caa = (case.record_type == RecordType::Caa).then(|| caa_parts(value)).flatten();
    if core_agrees {
        return Some("surrounding-whitespace");
    }
    if unquoted_text(value).contains([';', '(', ')']) {
        return Some("zone-file-syntax");
    }

    if ours_ok {
        // We accept what dnspython refuses.
        if cfg!(feature = "idna") && target.is_some_and(|t| !t.is_ascii()) {
            return Some("unicode-name");
        }
        return None;
    }

    // We refuse what dnspython accepts.
    if case.record_type.takes_priority() && case.priority.is_none() {
        return Some("priority-field");
    }
    if check_lookalikes(value, Field::Value).is_err() {
        return Some("lookalike");
    }
    if let Some(target) = target {
        let name = target.strip_suffix('.').unwrap_or(target);
        let labels: Vec<&str> = name.split('.').collect();
        if !target.is_ascii() {
            return Some("unicode-name");
        }
        if target == "." && case.record_type != RecordType::Srv {
            return Some("root-target");
        }
        if !name.is_empty() && labels.len() == 1 {
            return Some("single-label-target");
        }
        let host_label = |label: &&str| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        if !labels.iter().all(host_label) {
            return Some("host-name-syntax");
        }
        if labels.last().is_some_and(|last| last.bytes().all(|b| b.is_ascii_digit())) {
            return Some("numeric-last-label");
        }
    }
    if let Some((_, tag, property)) = caa {
        if tag.bytes().all(|b| b.is_ascii_alphanumeric())
            && !CAA_TAGS.contains(&tag.to_ascii_lowercase().as_str())
        {
            return Some("caa-tag-list");
        }
        if property.contains('\\') || property.starts_with('\'') || property.ends_with('\'') {
            return Some("caa-value-quoting");
        }
        if !property.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
            return Some("caa-printable-ascii");
        }
    }
    None
}

/// `value` without its double-quoted strings, where a zone file's syntax characters are text.
fn unquoted_text(value: &str) -> String {
    let mut quoted = false;
    let mut previous = ' ';
    let mut text = String::new();
    for c in value.chars() {
        if c == '"' && previous != '\\' {
            quoted = !quoted;
        } else if !quoted {
            text.push(c);
        }
        previous = c;
    }
    text
}

/// A CAA value's flags, tag and property, split as our parser splits them.
fn caa_parts(value: &str) -> Option<(&str, &str, &str)> {
    let (flags, rest) = value.split_once(char::is_whitespace)?;
    let (tag, property) = rest.trim_start().split_once(char::is_whitespace)?;
    Some((flags, tag, property.trim_start()))
}

/// One value judged by both sides.
struct Case {
    record_type: RecordType,
    value: String,
    priority: Option<i64>,
    /// For a value in surrounding whitespace, the index of the same value without it.
    padded_from: Option<usize>,
}

impl Case {
    /// The record data as a zone file would hold it, which is what dnspython judges: the
    /// priority of MX and SRV goes in front of the value.
    fn dnspython_text(&self) -> String {
        match (self.record_type, self.priority) {
            (RecordType::Mx | RecordType::Srv, Some(priority)) => {
                format!("{priority} {}", self.value)
            }
            _ => self.value.clone(),
        }
    }

    /// The host name of a CNAME, MX, NS or SRV value, when the value has the shape of one.
    fn target(&self) -> Option<&str> {
        let value = self.value.trim();
        match self.record_type {
            RecordType::Cname | RecordType::Ns | RecordType::Mx => Some(value),
            RecordType::Srv => {
                let parts: Vec<&str> = value.split_whitespace().collect();
                (parts.len() == 3).then(|| parts[2])
            }
            _ => None,
        }
    }
}

/// Surrounding whitespace as forms and pasted lines carry it.
const PADDING: [(&str, &str); 9] = [
    (" ", ""),
    ("\t", " "),
    ("", "\n"),
    ("\n", ""),
    ("\r\n", "\r\n"),
    ("\u{00A0}", ""),
    ("", "\u{3000}"),
    ("\u{000B}", ""),
    ("  ", "\t"),
];

// What dnspython read, and what we stored, in one comparable form.

/// One record as read from a zone file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Read {
    /// The absolute owner name, with its final dot.
    owner: String,
    record_type: String,
    ttl: u64,
    data: Data,
    /// The length of the data on the wire, names uncompressed: ours from
    /// `RecordData::rdata_octets`, which the zone rules add up, dnspython's from its encoder.
    octets: u64,
}

/// Record data field by field. Names are absolute, in dnspython's text form (which escapes
/// anything unusual, so an odd octet cannot pass for a plain one); octet strings are octets.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Data {
    A(String),
    Aaaa(Ipv6Addr),
    Host(String),
    Mx { preference: u64, exchange: String },
    Srv { priority: u64, weight: u64, port: u64, target: String },
    Txt(Octets),
    Caa { flags: u64, tag: Octets, value: Octets },
    Other(String),
}

impl Read {
    fn from_ours(record: &RecordData) -> Read {
        let owner = match record.name.as_str() {
            "@" => format!("{ZONE}."),
            name => format!("{name}.{ZONE}."),
        };
        let value = record.value.as_str();
        let absolute = |name: &str| if name == "." { ".".to_string() } else { format!("{name}.") };
        let priority = u64::from(record.priority.unwrap_or(0));
        let data = match record.record_type {
            RecordType::A => Data::A(value.to_string()),
            RecordType::Aaaa => Data::Aaaa(value.parse().expect("stored AAAA is an address")),
            RecordType::Cname | RecordType::Ns => Data::Host(absolute(value)),
            RecordType::Mx => Data::Mx { preference: priority, exchange: absolute(value) },
            RecordType::Srv => {
                let parts: Vec<&str> = value.split(' ').collect();
                let [weight, port, target] = parts[..] else { panic!("stored SRV {value:?}") };
                Data::Srv {
                    priority,
                    weight: weight.parse().expect("stored SRV weight"),
                    port: port.parse().expect("stored SRV port"),
                    target: absolute(target),
                }
            }
            RecordType::Txt => Data::Txt(Octets(value.as_bytes().to_vec())),
            RecordType::Caa => {
                let (flags, rest) = value.split_once(' ').expect("stored CAA flags");
                let (tag, quoted) = rest.split_once(' ').expect("stored CAA tag");
                let text = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"'));
                Data::Caa {
                    flags: flags.parse().expect("stored CAA flags"),
                    tag: Octets(tag.as_bytes().to_vec()),
                    value: Octets(text.expect("stored CAA value is quoted").as_bytes().to_vec()),
                }
            }
        };
        Read {
            owner,
            record_type: record.record_type.to_string(),
            ttl: u64::from(record.ttl.seconds()),
            data,
            octets: record.rdata_octets() as u64,
        }
    }

    fn from_dnspython(record: &Value) -> Read {
        let text = |key: &str| record["data"][key].as_str().expect(key).to_string();
        let number = |key: &str| record["data"][key].as_u64().expect(key);
        let octets = |key: &str| Octets(hex_octets(record["data"][key].as_str().expect(key)));
        let record_type = record["type"].as_str().expect("type").to_string();
        let data = match record_type.as_str() {
            "A" => Data::A(text("address")),
            "AAAA" => Data::Aaaa(text("address").parse().expect("dnspython's AAAA")),
            "CNAME" | "NS" => Data::Host(text("target")),
            "MX" => Data::Mx { preference: number("preference"), exchange: text("exchange") },
            "SRV" => Data::Srv {
                priority: number("priority"),
                weight: number("weight"),
                port: number("port"),
                target: text("target"),
            },
            "TXT" => {
                let strings = record["data"]["strings"].as_array().expect("TXT strings");
                let mut joined = Vec::new();
                for string in strings {
                    let string = hex_octets(string.as_str().expect("hex"));
                    assert!(string.len() <= 255, "a TXT string of {} octets", string.len());
                    joined.extend(string);
                }
                Data::Txt(Octets(joined))
            }
            "CAA" => {
                Data::Caa { flags: number("flags"), tag: octets("tag"), value: octets("value") }
            }
            _ => Data::Other(record["data"].to_string()),
        };
        Read {
            owner: record["owner"].as_str().expect("owner").to_string(),
            record_type,
            ttl: record["ttl"].as_u64().expect("ttl"),
            data,
            octets: record["octets"].as_u64().expect("octets"),
        }
    }
}

/// Octets that show as a byte string, with anything unprintable escaped.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Octets(Vec<u8>);

impl fmt::Debug for Octets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

fn hex_octets(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("dnspython's hex"))
        .collect()
}

/// The elements of sorted `a` that sorted `b` lacks, counting repeats.
fn multiset_minus(a: &[Read], b: &[Read]) -> Vec<Read> {
    let mut rest = Vec::new();
    let mut j = 0;
    for item in a {
        while j < b.len() && b[j] < *item {
            j += 1;
        }
        if j < b.len() && b[j] == *item {
            j += 1;
        } else {
            rest.push(item.clone());
        }
    }
    rest
}

/// The first few records of a difference, one a line.
fn shown(records: &[Read]) -> String {
    let lines: Vec<String> = records.iter().take(20).map(|r| format!("  {r:?}")).collect();
    lines.join("\n")
}

// The zone file: every accepted record that it can hold.

/// The accepted records, kept loadable by the test's own bookkeeping: the test compares what
/// the per-record rules accept, and `check_zone_rules` on the whole zone would refuse much of
/// what is generated for reasons of its own (a delegation's neighbours, say) on which no
/// reader disagrees. It sees each record's own set only, to keep that set within its size.
struct LoadableZone {
    records: Vec<RecordData>,
    /// Type, name and value of every record, because a zone holds each record once.
    seen: HashSet<(RecordType, String, String)>,
    /// The types at each name: a CNAME stands alone, and the apex holds the SOA and NS.
    types_at: HashMap<String, HashSet<RecordType>>,
    /// The records of each name and type, a set that must fit in one DNS message.
    sets: HashMap<(String, RecordType), Vec<RecordData>>,
    /// The TTL of each set.
    set_ttl: HashMap<(String, RecordType), Ttl>,
}

impl LoadableZone {
    fn new() -> LoadableZone {
        let mut zone = LoadableZone {
            records: Vec::new(),
            seen: HashSet::new(),
            types_at: HashMap::new(),
            sets: HashMap::new(),
            set_ttl: HashMap::new(),
        };
        zone.types_at.entry("@".to_string()).or_default().insert(RecordType::Ns);
        let default_ttl = Ttl::new(3600).expect("3600 is a TTL");
        zone.set_ttl.insert(("@".to_string(), RecordType::Ns), default_ttl);
        for ns in PROVIDER_NAMESERVERS {
            zone.seen.insert((RecordType::Ns, "@".to_string(), ns.to_string()));
        }
        zone
    }

    /// Adds `record` unless the zone cannot hold it beside the others; says whether it did.
    fn add(&mut self, mut record: RecordData) -> bool {
        let key = (record.record_type, record.name.clone(), record.value.clone());
        if self.seen.contains(&key) {
            return false;
        }
        let types = self.types_at.entry(record.name.clone()).or_default();
        let is_cname = record.record_type == RecordType::Cname;
        if (is_cname && !types.is_empty()) || types.contains(&RecordType::Cname) {
            return false;
        }

        let set_key = (record.name.clone(), record.record_type);
        let set = self.sets.entry(set_key.clone()).or_default();
        if check_zone_rules(set, &record).is_err() {
            return false;
        }

        // Limitation: records of one name and type take the set's first TTL here, because
        // readers disagree on a set of mixed TTLs (BIND keeps the first, dnspython the
        // lowest; see zonefile.rs), so a per-record TTL could not be compared.
        record.ttl = *self.set_ttl.entry(set_key).or_insert(record.ttl);

        types.insert(record.record_type);
        self.seen.insert(key);
        set.push(record.clone());
        self.records.push(record);
        true
    }
}

// Generated inputs: random but seeded, with names, values and text near every edge.

/// A record as a client sends it, owning its text.
struct Input {
    record_type: RecordType,
    name: String,
    value: String,
    ttl: Option<i64>,
    priority: Option<i64>,
}

impl Input {
    fn as_record_input(&self) -> RecordInput<'_> {
        RecordInput {
            record_type: self.record_type.as_str(),
            name: &self.name,
            value: &self.value,
            ttl: self.ttl,
            priority: self.priority,
        }
    }
}

/// Whether generated host targets always end in a dot, as dnspython must be given them to
/// read them as the absolute names the contract makes of them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Targets {
    Absolute,
    Either,
}

/// The `index`th input of `record_type` for the zone file.
///
/// Owner names keep clear of the zone's fixed parts: every CNAME has a name of its own
/// (`cname-N`), delegations are at `deleg-N`, and generated labels never begin with `c` or `d`,
/// so no other record lands at or below either.
fn generate_input(rng: &mut Rng, record_type: RecordType, index: usize) -> Input {
    let name = match record_type {
        RecordType::Cname => {
            let name = format!("cname-{index}");
            match rng.below(6) {
                0 => format!("*.{name}"),
                1 => format!("{}.Example.COM.", name.to_ascii_uppercase()),
                2 => format!("{name}.example.com"),
                _ => name,
            }
        }
        RecordType::Ns if rng.percent(50) => {
            let name = format!("deleg-{}", rng.below(25));
            if rng.percent(20) { format!("{}.example.COM.", mixed_case(rng, &name)) } else { name }
        }
        RecordType::Srv if rng.percent(60) => {
            let service = rng.pick(&["_sip", "_xmpp-server", "_ldap", "_443", "_h", "_imaps"]);
            let protocol = rng.pick(&["_tcp", "_udp", "_tls"]);
            format!("{service}.{protocol}")
        }
        _ => owner_name(rng),
    };
    let (value, priority) = generate_value(rng, record_type, Targets::Either);
    let ttl = match rng.below(20) {
        0..=12 => None,
        13 => Some(*rng.pick(&[59, 604_801, 0, -1, 60, 604_800])),
        _ => Some(rng.between(60, 604_800) as i64),
    };
    Input { record_type, name, value, ttl, priority }
}

/// A value of `record_type`, and the priority that goes with it (for MX and SRV).
fn generate_value(
    rng: &mut Rng,
    record_type: RecordType,
    targets: Targets,
) -> (String, Option<i64>) {
    let priority = if record_type.takes_priority() {
        match rng.below(25) {
            0 => *rng.pick(&[None, Some(-1), Some(65_536), Some(i64::MAX)]),
            1 => Some(*rng.pick(&[0, 65_535])),
            _ => Some(rng.between(0, 65_535) as i64),
        }
    } else {
        None
    };
    let value = match record_type {
        RecordType::A => ipv4(rng),
        RecordType::Aaaa => ipv6(rng),
        RecordType::Cname | RecordType::Ns => host_target(rng, targets),
        RecordType::Mx if rng.percent(4) => format!("10 {}", host_target(rng, targets)),
        RecordType::Mx => host_target(rng, targets),
        RecordType::Txt => txt(rng),
        RecordType::Srv => srv(rng, targets),
        RecordType::Caa => caa(rng),
    };
    (value, priority)
}

/// A label of 1 to 10 octets, or now and then the longest (63): letters, digits, `_` and
/// inner hyphens, never beginning with `c` or `d` (see [`generate_input`]).
fn label(rng: &mut Rng) -> String {
    const FIRST: &[u8] = b"abefghijklmnopqrstuvwxyz0123456789_";
    const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-_";
    let length = if rng.percent(8) { 63 } else { rng.between(1, 10) as usize };
    let mut label = String::from(char::from(*rng.pick(FIRST)));
    while label.len() < length {
        label.push(char::from(*rng.pick(REST)));
    }
    if label.ends_with('-') {
        label.pop();
        label.push('z');
    }
    label
}

fn labels(rng: &mut Rng, count: u64) -> String {
    let labels: Vec<String> = (0..count).map(|_| label(rng)).collect();
    labels.join(".")
}

/// `text` with each ASCII letter upper-cased at random.
fn mixed_case(rng: &mut Rng, text: &str) -> String {
    text.chars().map(|c| if rng.percent(50) { c.to_ascii_uppercase() } else { c }).collect()
}

/// A name of exactly `length` octets: labels of `letter`, at most 63 each, joined by dots.
fn name_of_length(length: usize, letter: char) -> String {
    let mut name = String::new();
    while name.len() < length {
        if !name.is_empty() {
            name.push('.');
        }
        let room = length - name.len();
        // Leave room for a dot and a further label unless this one ends the name.
        let take = if room <= 63 { room } else { (room - 2).min(63) };
        name.extend(std::iter::repeat_n(letter, take));
    }
    name
}

/// An owner name in any form a client sends: `@`, relative, wildcard, with underscores, the
/// longest labels and names, Unicode, mixed case, or ending in the zone with or without a dot.
fn owner_name(rng: &mut Rng) -> String {
    let relative = match rng.below(14) {
        0 => {
            return rng
                .pick(&["@", "example.com", "EXAMPLE.com.", " @ ", "Example.Com"])
                .to_string();
        }
        1 => "*".to_string(),
        2 => format!("*.{}", label(rng)),
        3 => rng
            .pick(&["_dmarc", "_sip._tcp", "_acme-challenge", "mail._domainkey", "www", "0"])
            .to_string(),
        // With ".example.com" (12 octets) a relative name of 241 octets is the longest; 242
        // is refused.
        4 => name_of_length(rng.between(236, 242) as usize, 'h'),
        5 => rng.pick(&["bücher", "straße.a", "日本", "ÉCOLE", "😀", "xn--bcher-kva"]).to_string(),
        6 => {
            rng.pick(&["a..b", "-a", "a-", "a b", "a*", "a.*", "www.example.org.", ""]).to_string()
        }
        _ => {
            let count = rng.between(1, 3);
            labels(rng, count)
        }
    };
    let relative = if rng.percent(30) { mixed_case(rng, &relative) } else { relative };
    match rng.below(10) {
        0 => format!("{relative}.example.com"),
        1 => format!("{relative}.Example.COM."),
        _ => relative,
    }
}

/// Host targets that are refused, odd, or both.
const TARGET_EDGES: [&str; 26] = [
    "mail",
    "localhost",
    ".",
    "",
    "192.0.2.1",
    "2001:db8::1",
    "*.example.net",
    "-mail.example.net",
    "mail-.example.net",
    "a..example.net",
    "a b.example.net",
    "a/b.example.net",
    "a\\065.example.net",
    "a\"b.example.net",
    "a;b.example.net",
    "a(b.example.net",
    "x.example.123",
    "1.2.3.4.5",
    "mail\u{2013}x.example.net",
    "mail.example.net\u{00A0}x",
    "\u{201C}mail.example.net\u{201D}",
    "@",
    "mail.example.net;",
    "mail.example.net ; comment",
    "mail.example.net..",
    "MAIL.EXAMPLE.NET",
];

/// A host name for a CNAME, MX, NS or SRV target.
fn host_target(rng: &mut Rng, targets: Targets) -> String {
    let name = match rng.below(16) {
        0 | 1 => format!("host-{}.example.com", rng.below(HOSTS)),
        2 => format!("{}.example.net", "t".repeat(63)),
        // ".example.org" is 12 octets; 253 in all is the longest name.
        3 => format!("{}.example.org", name_of_length(rng.between(238, 242) as usize, 'l')),
        4 => format!("_{}._tcp.example.org", label(rng)),
        5 => rng.pick(&TARGET_EDGES).to_string(),
        6 => rng
            .pick(&["bücher.example", "straße.example", "日本.example", "😀.example", "ÉCOLE.fr"])
            .to_string(),
        _ => {
            let count = rng.between(1, 3);
            let tld = rng.pick(&["net", "org", "example", "test", "xn--p1ai", "io"]);
            format!("{}.{tld}", labels(rng, count))
        }
    };
    let name = if rng.percent(25) { mixed_case(rng, &name) } else { name };
    let dotted = name.is_empty() || name.ends_with('.');
    if !dotted && (targets == Targets::Absolute || rng.percent(50)) {
        format!("{name}.")
    } else {
        name
    }
}

/// An IPv4 address, mostly valid, sometimes in a form the contract refuses.
fn ipv4(rng: &mut Rng) -> String {
    const EDGES: [&str; 22] = [
        "0.0.0.0",
        "255.255.255.255",
        "256.0.0.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4",
        "1.2.3.04",
        "0x7f.0.0.1",
        "127.1",
        "1..2.3",
        "1.2.3.4.",
        "+1.2.3.4",
        "1.2.3.-4",
        "::1",
        "1.2.3.4/24",
        "1.2.3.4 5",
        "1.2.3.\u{0664}",
        "\u{FF11}.2.3.4",
        "",
        "a.b.c.d",
        "1.2.3.4:53",
        "4294967295",
    ];
    if rng.percent(12) {
        return rng.pick(&EDGES).to_string();
    }
    let octet = |rng: &mut Rng| match rng.below(8) {
        0 => 0,
        1 => 255,
        _ => rng.between(0, 255),
    };
    let octets: Vec<String> = (0..4).map(|_| octet(rng).to_string()).collect();
    octets.join(".")
}

/// An IPv6 address in one of its many text forms, or a near miss.
fn ipv6(rng: &mut Rng) -> String {
    const EDGES: [&str; 26] = [
        "::",
        "::1",
        "1::",
        "::ffff:192.0.2.1",
        "::192.0.2.1",
        "64:ff9b::192.0.2.1",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::8",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        ":1::",
        "1::2:",
        "00001::",
        "0001:0db8::",
        "2001:DB8::1",
        "[2001:db8::1]",
        "fe80::1%eth0",
        "2001:db8::g",
        "::ffff:01.2.3.4",
        "::ffff:1.2.3",
        "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4",
        "2001:db8::1/64",
        "",
    ];
    if rng.percent(12) {
        return rng.pick(&EDGES).to_string();
    }
    let groups: [u16; 8] =
        std::array::from_fn(|_| if rng.percent(40) { 0 } else { rng.between(0, 0xffff) as u16 });
    let text = match rng.below(5) {
        0 => groups.iter().map(|g| format!("{g:04x}")).collect::<Vec<_>>().join(":"),
        1 => groups.iter().map(|g| format!("{g:x}")).collect::<Vec<_>>().join(":"),
        2 => {
            // Any run of zero groups may be the `::`, not only the longest (RFC 4291 §2.2).
            let text: Vec<String> = groups.iter().map(|g| format!("{g:x}")).collect();
            match (0..8).find(|&i| groups[i] == 0 && rng.percent(50)) {
                Some(start) => {
                    let end = (start..8).find(|&i| groups[i] != 0).unwrap_or(8);
                    format!("{}::{}", text[..start].join(":"), text[end..].join(":"))
                }
                None => text.join(":"),
            }
        }
        3 => {
            // The last 32 bits as a dotted quad (RFC 4291 §2.2, form 3).
            let [.., a, b, c, d] = Ipv6Addr::from(groups).octets();
            let head: Vec<String> = groups[..6].iter().map(|g| format!("{g:x}")).collect();
            format!("{}:{a}.{b}.{c}.{d}", head.join(":"))
        }
        _ => Ipv6Addr::from(groups).to_string(),
    };
    if rng.percent(20) { text.to_ascii_uppercase() } else { text }
}

/// An SRV value, `weight port target`, or a near miss.
fn srv(rng: &mut Rng, targets: Targets) -> String {
    let number = |rng: &mut Rng| match rng.below(12) {
        0 => rng
            .pick(&["65535", "0", "65536", "-1", "007", "x", "1e3", "99999999999999999999"])
            .to_string(),
        _ => rng.between(0, 65_535).to_string(),
    };
    let target = if rng.percent(10) { ".".to_string() } else { host_target(rng, targets) };
    let (weight, port) = (number(rng), number(rng));
    match rng.below(25) {
        0 => format!("{} {weight} {port} {target}", number(rng)),
        1 => format!("{weight} {target}"),
        2 => format!("{weight}\t{port}  {target}"),
        _ => format!("{weight} {port} {target}"),
    }
}

/// A CAA value, `flags tag "value"`, with every part now and then at or past an edge.
fn caa(rng: &mut Rng) -> String {
    let flags = if rng.percent(85) {
        match rng.below(4) {
            0 => "0".to_string(),
            1 => "128".to_string(),
            2 => "255".to_string(),
            _ => rng.between(0, 255).to_string(),
        }
    } else {
        rng.pick(&["256", "+5", "-1", "00", "0128", "x", "1e2"]).to_string()
    };

    let tag = if rng.percent(80) {
        let tag = rng.pick(&CAA_TAGS).to_string();
        if rng.percent(20) { mixed_case(rng, &tag) } else { tag }
    } else {
        let long = "a".repeat(256);
        rng.pick(&["tbs", "issue1", "x-y", "issue_wild", "policy", "Z", long.as_str()]).to_string()
    };

    const EDGES: [&str; 19] = [
        "'letsencrypt.org'",
        "\"a\\\"b\"",
        "\"a\\\\b\"",
        "\"a\\065\"",
        "\"unterminated",
        "\"a\" \"b\"",
        "\"a\tb\"",
        "\"caf\u{e9}\"",
        "\"\u{201C}x\u{201D}\"",
        "\u{201C}letsencrypt.org\u{201D}",
        "a b",
        "a(b",
        "a)b",
        "a;b",
        "\"\"",
        "\"a\"b\"",
        "\"x\u{1}\"",
        "\"x\u{7f}\"",
        "\"ca.example; account=1 (x)\"",
    ];
    let value = match rng.below(10) {
        0 => rng.pick(&EDGES).to_string(),
        1 => {
            const WORD: &[u8] = b"abcxyz019.-_:/@=;$!?+%";
            let length = rng.between(1, 20);
            (0..length).map(|_| char::from(*rng.pick(WORD))).collect()
        }
        _ => {
            const TEXT: &[u8] = b"abcdefxyz0123456789 .-_:/@=;()$!?+%'#";
            let length = rng.between(0, 40);
            let text: String = (0..length).map(|_| char::from(*rng.pick(TEXT))).collect();
            format!("\"{text}\"")
        }
    };
    let gap = rng.pick(&[" ", " ", " ", "  ", "\t"]);
    format!("{flags}{gap}{tag} {value}")
}

/// Pieces of hostile TXT text: zone-file syntax, escapes, control characters, look-alikes and
/// multi-octet UTF-8.
const TXT_PIECES: [&str; 34] = [
    "\"",
    "\\",
    "\\\"",
    "\\065",
    "\\\\",
    ";",
    "; comment",
    "(",
    ")",
    "\n",
    "\r\n",
    "\t",
    "\0",
    "\u{1}",
    "\u{1b}[31m",
    "\u{7f}",
    "$ORIGIN evil.example.",
    "$INCLUDE /etc/passwd",
    "\" IN A 192.0.2.66\n@ IN A 192.0.2.67 ; ",
    "@",
    " ",
    "é",
    "😀",
    "日本語",
    "\u{202E}",
    "\u{FEFF}",
    "\u{00A0}",
    "\u{2013}",
    "\u{201C}",
    "e\u{301}",
    "v=spf1 ",
    "-all",
    "v=DKIM1; k=rsa; p=",
    "\u{10FFFF}",
];

/// TXT text, hostile more often than not, with lengths at the 255-octet string boundary and
/// the 4096-octet limit.
fn txt(rng: &mut Rng) -> String {
    match rng.below(10) {
        0 | 1 => {
            let length = *rng.pick(&[1, 254, 255, 256, 257, 510, 511, 4095, 4096, 4097]);
            let prefix = rng.below(4);
            let mut text = "a".repeat(prefix);
            let characters = ['é', '😀', '€', 'x', '日', '"', '\\', '\n'];
            while text.len() < length {
                let c = *rng.pick(&characters);
                if text.len() + c.len_utf8() > length {
                    text.push('z');
                } else {
                    text.push(c);
                }
            }
            text
        }
        2 => {
            // A text sent in presentation form, which is read back to the text itself.
            let inner: String = (0..rng.between(1, 6)).map(|_| *rng.pick(&TXT_PIECES)).collect();
            txt_to_zone_strings(&inner)
        }
        3 => rng
            .pick(&["\"a\" \"b\"", "\"unclosed", "\"a\" b", "\"\\256\"", "   ", "\"\""])
            .to_string(),
        _ => {
            let mut text = String::new();
            for _ in 0..rng.between(1, 12) {
                if rng.percent(50) {
                    let piece = *rng.pick(&TXT_PIECES);
                    text.push_str(piece);
                } else {
                    let word = label(rng);
                    text.push_str(&mixed_case(rng, &word));
                }
            }
            text
        }
    }
}

/// A small, seeded random number generator (SplitMix64), so that the test needs no crate and
/// the same seed gives the same inputs on every machine.
struct Rng(u64);

impl Rng {
    /// `stream` keeps the two tests' inputs apart while both follow the one seed.
    fn new(seed: u64, stream: u64) -> Rng {
        Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from 0 to `n - 1`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number from `low` to `high`, both included.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    fn percent(&mut self, chance: u64) -> bool {
        self.next() % 100 < chance
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// The other readers: dnspython, and BIND's named-checkzone.

/// The seed, printed so that a failure can be replayed with `DNS_DIFFERENTIAL_SEED`.
fn seed() -> u64 {
    let seed = match std::env::var("DNS_DIFFERENTIAL_SEED") {
        Ok(text) => {
            let digits = text.trim_start_matches("0x");
            u64::from_str_radix(digits, 16).expect("DNS_DIFFERENTIAL_SEED is a hex number")
        }
        Err(_) => SEED,
    };
    println!("seed {seed:#x} (DNS_DIFFERENTIAL_SEED=<hex> replays another)");
    seed
}

/// The Python that has dnspython: `DNSPYTHON`, else the project's `.tools/venv`.
fn python() -> PathBuf {
    let hint = "Run scripts/test, which installs dnspython into .tools/venv (scripts/setup test \
                installs it alone), or set DNSPYTHON to a Python that has it.";
    if let Some(path) = std::env::var_os("DNSPYTHON") {
        let path = PathBuf::from(path);
        assert!(path.exists(), "DNSPYTHON is {}, which does not exist. {hint}", path.display());
        return path;
    }
    let venv = PathBuf::from(VENV_PYTHON);
    assert!(
        venv.exists(),
        "dnspython is not installed: DNSPYTHON is unset and {VENV_PYTHON} does not exist, so our \
         zone files cannot be compared with dnspython's reading of them. {hint}"
    );
    venv
}

/// Runs `dnspython_read.py` with `args` and gives back its JSON answer.
fn run_helper(args: &[&str]) -> Value {
    let python = python();
    let output = Command::new(&python)
        .arg(HELPER)
        .args(args)
        .output()
        .unwrap_or_else(|error| panic!("cannot run {}: {error}", python.display()));
    assert!(
        output.status.success(),
        "dnspython_read.py {} failed (run scripts/test if dnspython is missing):\n{}",
        args[0],
        String::from_utf8_lossy(&output.stderr),
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("the helper answers JSON");
    println!("dnspython {}", answer["dnspython"]);
    answer
}

/// Checks the zone file with BIND's `named-checkzone`, as `named_checkzone.rs` does.
fn named_checkzone(path: &str) {
    let output = match Command::new("named-checkzone").args(["-i", "local", ZONE, path]).output() {
        Ok(output) => output,
        Err(error) if error.kind() == ErrorKind::NotFound => panic!(
            "named-checkzone is not installed. Run scripts/test, which installs bind9-utils."
        ),
        Err(error) => panic!("cannot run named-checkzone: {error}"),
    };
    assert!(
        output.status.success(),
        "named-checkzone refused the generated zone:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
}

/// A folder under the system's temporary directory, removed when the test ends.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        let path = std::env::temp_dir()
            .join(format!("dns-rules-dnspython-{}-{label}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Cleaning up is a courtesy; a folder left behind must not fail the test.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
