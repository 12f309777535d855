//! Record requests as the fuzzer builds them: free text in every field, or a shape close to
//! a valid record (an address, a host name, an SRV or CAA value) whose parts are free text.
//!
//! The shapes only make accepted records common; they promise nothing about validity. Every
//! property the targets check holds for any request, shaped or not. A few names and host
//! targets come from small fixed sets, so that records of one zone meet at the same name
//! (a CNAME beside an A record, data below a delegation, a name server inside the zone)
//! far more often than free text would make them meet.

use dns_rules::{DomainName, RecordInput, RecordType};
use libfuzzer_sys::arbitrary::{self, Arbitrary};

/// One record request, before rendering into the text fields of a [`RecordInput`].
#[derive(Arbitrary, Debug)]
pub struct ArbitraryRecord<'a> {
    pub record_type: TypeText<'a>,
    pub name: NameText<'a>,
    pub value: ValueText<'a>,
    pub ttl: TtlChoice,
    pub priority: PriorityChoice,
}

/// The `record_type` field.
#[derive(Arbitrary, Debug)]
pub enum TypeText<'a> {
    /// One of the supported types, by index, in upper or lower case.
    Known {
        index: u8,
        lower: bool,
    },
    Other(&'a str),
}

/// The `name` field.
#[derive(Arbitrary, Debug)]
pub enum NameText<'a> {
    Apex,
    /// One of [`OWNER_NAMES`], by index.
    Common(u8),
    Other(&'a str),
    /// Labels joined with dots, then perhaps the zone, with or without a final dot.
    Labels {
        labels: Vec<&'a str>,
        end: NameEnd,
    },
}

#[derive(Arbitrary, Debug)]
pub enum NameEnd {
    Relative,
    InZone,
    InZoneWithDot,
}

/// The `value` field.
#[derive(Arbitrary, Debug)]
pub enum ValueText<'a> {
    Other(&'a str),
    Ipv4([u8; 4]),
    /// All eight groups written out, so the rules must shorten them to RFC 5952 form.
    Ipv6 {
        groups: [u16; 8],
        upper: bool,
    },
    Host(HostText<'a>),
    /// `weight port target`; numbers wider than 16 bits test the range check.
    Srv {
        weight: u32,
        port: u32,
        target: HostText<'a>,
    },
    Caa {
        flags: u16,
        tag: CaaTag<'a>,
        text: &'a str,
        quoted: bool,
    },
    /// Strings each put in double quotes as they are, without escaping, then joined by a
    /// space: the presentation form a person pastes from another dashboard.
    Quoted(Vec<&'a str>),
}

#[derive(Arbitrary, Debug)]
pub enum HostText<'a> {
    Root,
    /// One of [`HOST_TARGETS`], by index, with `{zone}` filled in.
    Common(u8),
    Labels {
        labels: Vec<&'a str>,
        dot: bool,
    },
}

#[derive(Arbitrary, Debug)]
pub enum CaaTag<'a> {
    Known(u8),
    Other(&'a str),
}

#[derive(Arbitrary, Debug)]
pub enum TtlChoice {
    Default,
    /// Mapped into the allowed range, 60 to 604800.
    Allowed(u32),
    Any(i64),
}

#[derive(Arbitrary, Debug)]
pub enum PriorityChoice {
    Absent,
    Allowed(u16),
    Any(i64),
}

/// Owner names where the zone rules meet: a delegation (`sub`) with glue below it, the
/// targets of [`HOST_TARGETS`], and wildcards above and below the cut.
const OWNER_NAMES: [&str; 8] = ["www", "sub", "ns1.sub", "ns1", "mail", "*", "*.sub", "_sip._tcp"];

/// Host targets inside the zone at the names of [`OWNER_NAMES`], the zone itself, and one
/// outside it.
const HOST_TARGETS: [&str; 6] =
    ["ns1.{zone}", "ns1.sub.{zone}", "mail.{zone}", "www.{zone}", "{zone}", "ns1.vps.org"];

/// The CAA tags of the contract, so that the fuzzer reaches the checks of the value.
const CAA_TAGS: [&str; 7] =
    ["issue", "issuewild", "iodef", "contactemail", "contactphone", "issuevmc", "issuemail"];

/// The rendered text of a request; [`OwnedInput::as_input`] borrows it as a [`RecordInput`].
#[derive(Clone, Debug)]
pub struct OwnedInput {
    pub record_type: String,
    pub name: String,
    pub value: String,
    pub ttl: Option<i64>,
    pub priority: Option<i64>,
}

impl OwnedInput {
    pub fn as_input(&self) -> RecordInput<'_> {
        RecordInput {
            record_type: &self.record_type,
            name: &self.name,
            value: &self.value,
            ttl: self.ttl,
            priority: self.priority,
        }
    }
}

impl ArbitraryRecord<'_> {
    /// The request's text fields, with names in the zone spelled out against `zone`.
    pub fn render(&self, zone: &DomainName) -> OwnedInput {
        OwnedInput {
            record_type: self.record_type.render(),
            name: self.name.render(zone),
            value: self.value.render(zone),
            ttl: self.ttl.render(),
            priority: self.priority.render(),
        }
    }
}

impl TypeText<'_> {
    fn render(&self) -> String {
        match self {
            TypeText::Known { index, lower } => {
                let text = pick(&RecordType::ALL, *index).as_str();
                if *lower { text.to_ascii_lowercase() } else { text.to_string() }
            }
            TypeText::Other(text) => text.to_string(),
        }
    }
}

impl NameText<'_> {
    fn render(&self, zone: &DomainName) -> String {
        match self {
            NameText::Apex => "@".to_string(),
            NameText::Common(index) => pick(&OWNER_NAMES, *index).to_string(),
            NameText::Other(text) => text.to_string(),
            NameText::Labels { labels, end } => {
                let mut parts = labels.clone();
                if !matches!(end, NameEnd::Relative) {
                    parts.push(zone.as_str());
                }
                let mut name = parts.join(".");
                if matches!(end, NameEnd::InZoneWithDot) {
                    name.push('.');
                }
                name
            }
        }
    }
}

impl ValueText<'_> {
    fn render(&self, zone: &DomainName) -> String {
        match self {
            ValueText::Other(text) => text.to_string(),
            ValueText::Ipv4([a, b, c, d]) => format!("{a}.{b}.{c}.{d}"),
            ValueText::Ipv6 { groups, upper } => {
                let text =
                    groups.iter().map(|group| format!("{group:x}")).collect::<Vec<_>>().join(":");
                if *upper { text.to_ascii_uppercase() } else { text }
            }
            ValueText::Host(host) => host.render(zone),
            ValueText::Srv { weight, port, target } => {
                format!("{weight} {port} {}", target.render(zone))
            }
            ValueText::Caa { flags, tag, text, quoted } => {
                let tag = match tag {
                    CaaTag::Known(index) => pick(&CAA_TAGS, *index),
                    CaaTag::Other(text) => text,
                };
                if *quoted {
                    format!("{flags} {tag} \"{text}\"")
                } else {
                    format!("{flags} {tag} {text}")
                }
            }
            ValueText::Quoted(strings) => {
                strings.iter().map(|text| format!("\"{text}\"")).collect::<Vec<_>>().join(" ")
            }
        }
    }
}

impl HostText<'_> {
    fn render(&self, zone: &DomainName) -> String {
        match self {
            HostText::Root => ".".to_string(),
            HostText::Common(index) => pick(&HOST_TARGETS, *index).replace("{zone}", zone.as_str()),
            HostText::Labels { labels, dot } => {
                let mut name = labels.join(".");
                if *dot {
                    name.push('.');
                }
                name
            }
        }
    }
}

impl TtlChoice {
    fn render(&self) -> Option<i64> {
        const SPAN: u32 = 604_800 - 60 + 1;
        match self {
            TtlChoice::Default => None,
            TtlChoice::Allowed(n) => Some(i64::from(60 + n % SPAN)),
            TtlChoice::Any(n) => Some(*n),
        }
    }
}

impl PriorityChoice {
    fn render(&self) -> Option<i64> {
        match self {
            PriorityChoice::Absent => None,
            PriorityChoice::Allowed(n) => Some(i64::from(*n)),
            PriorityChoice::Any(n) => Some(*n),
        }
    }
}

/// The element of `items` that `index` picks, wrapping around.
fn pick<T: Copy>(items: &[T], index: u8) -> T {
    items[usize::from(index) % items.len()]
}
