//! The record type last saved from a new-record form, kept on the device: someone adding
//! five MX records should not have to choose MX five times.

use dns_rules::RecordType;

/// The `localStorage` key that holds the type, e.g. `MX`.
pub const LAST_TYPE_KEY: &str = "dns-dashboard.last-record-type";

/// The type a new record starts as: the one last used, else A.
pub fn remembered_type() -> RecordType {
    storage()
        .and_then(|s| s.get_item(LAST_TYPE_KEY).ok().flatten())
        .and_then(|text| text.parse().ok())
        .unwrap_or(RecordType::A)
}

/// Keeps `record_type` for the next new record. A browser that refuses storage (a private
/// window with storage off) simply starts with A again.
pub fn remember_type(record_type: RecordType) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LAST_TYPE_KEY, record_type.as_str());
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
