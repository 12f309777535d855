//! Zone files in and out of a zone: export as a BIND9 file, import a pasted or uploaded file
//! through a preview, and the `dig` command that checks what a name server serves.
//!
//! The text itself is `dns_rules`' business (the writer and the reader); this module turns
//! the API's records into the rules' stored form and back, and holds the views.

mod export;
mod import;

use dns_rules::api::Record;
use dns_rules::zonefile::{ZoneHeader, write_zone_file};
use dns_rules::{DomainName, RecordData, RecordInput, RecordType, txt_to_zone_strings};
use leptos::prelude::*;

pub use export::ExportButton;
pub use import::ImportPanel;

use crate::provider::Provider;

/// `$TTL` of an exported file. Every record carries its own TTL, so this only serves the SOA
/// and the provider's NS lines.
const EXPORT_DEFAULT_TTL: u32 = 3600;

/// A zone file waiting to be imported into a zone that was just created from it: the zone's
/// uuid and the text. `ZoneList` leaves it here; the zone's page opens its import with it.
#[derive(Clone, Copy, Debug)]
pub struct PendingImport(pub RwSignal<Option<(String, String)>>);

impl PendingImport {
    pub fn new() -> PendingImport {
        PendingImport(RwSignal::new(None))
    }

    /// The text waiting for the zone `uuid`, which is then no longer waiting.
    pub fn take_for(&self, uuid: &str) -> Option<String> {
        let waiting = self.0.with_untracked(|w| w.as_ref().is_some_and(|(u, _)| u == uuid));
        if !waiting {
            return None;
        }
        self.0.try_update(Option::take).flatten().map(|(_, text)| text)
    }
}

impl Default for PendingImport {
    fn default() -> PendingImport {
        PendingImport::new()
    }
}

/// A record the API returned, in the rules' stored form, or `None` when it breaks a rule (a
/// provider may hold records made under older rules; the export then leaves them out).
pub fn stored_form(zone: &DomainName, record: &Record) -> Option<RecordData> {
    // TXT comes back as its text; the rules read input in presentation form, so the text is
    // given in that form, or a text that itself looks quoted would lose its quotes.
    let value = match record.record_type.parse() {
        Ok(RecordType::Txt) => txt_to_zone_strings(&record.value),
        _ => record.value.clone(),
    };
    let input = RecordInput {
        record_type: &record.record_type,
        name: &record.name,
        value: &value,
        ttl: Some(i64::from(record.ttl)),
        priority: record.priority.map(i64::from),
    };
    dns_rules::validate_record(zone, &input).ok()
}

/// The zone file of `zone` with `records`, as the provider's name servers would load it, and
/// how many records had to be left out because they break a rule.
pub fn export_text(
    zone: &DomainName,
    records: &[Record],
    provider: &Provider,
    today: u32,
) -> (String, usize) {
    let stored: Vec<RecordData> = records.iter().filter_map(|r| stored_form(zone, r)).collect();
    let left_out = records.len() - stored.len();

    // The provider's serial is not in the API; a date serial (RFC 1912 §2.2) is what a
    // person loading the file elsewhere would expect, and any name server accepts it.
    let header = ZoneHeader {
        origin: zone,
        serial: today.saturating_mul(100),
        nameservers: &provider.nameservers,
        hostmaster: &provider.hostmaster,
        default_ttl: EXPORT_DEFAULT_TTL,
    };
    (write_zone_file(&header, &stored), left_out)
}

/// The name of an exported file: `example.com.zone`.
pub fn file_name(zone: &DomainName) -> String {
    format!("{}.zone", zone.as_str())
}

/// A `dig` command that asks the provider's first name server for `record`'s name and type,
/// without recursion, so the answer is what the provider serves and nothing cached.
pub fn dig_command(zone: &DomainName, record: &Record, provider: &Provider) -> String {
    let owner = match record.name.as_str() {
        "@" | "" => format!("{}.", zone.as_str()),
        name => format!("{name}.{}.", zone.as_str()),
    };
    format!("dig @{} {} {} +norecurse", provider.primary(), shell_word(&owner), record.record_type)
}

/// `word` as one shell word: quoted when it holds anything but letters, digits, `.`, `-`
/// and `_` (a wildcard owner's `*` would otherwise be expanded by the shell).
fn shell_word(word: &str) -> String {
    let plain = word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if plain { word.to_owned() } else { format!("'{}'", word.replace('\'', "'\\''")) }
}

/// Today as `YYYYMMDD`, by the browser's clock in UTC.
pub fn today() -> u32 {
    let now = js_sys::Date::new_0();
    let (year, month, day) = (now.get_utc_full_year(), now.get_utc_month() + 1, now.get_utc_date());
    year * 10_000 + month * 100 + day
}
