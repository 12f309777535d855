//! Zones: the list of the account's zones, and one zone with its records.

mod detail;
pub mod idn;
mod list;

pub use detail::ZoneDetail;
pub use list::ZoneList;

/// `2024-01-15T10:30:00Z` as `2024-01-15 10:30 UTC`; anything else as it came.
pub fn format_time(timestamp: &str) -> String {
    let bytes = timestamp.as_bytes();
    let looks_right = bytes.len() >= 16 && bytes.get(10) == Some(&b'T');
    match (looks_right, timestamp.get(..10), timestamp.get(11..16)) {
        (true, Some(date), Some(time)) if timestamp.ends_with('Z') => format!("{date} {time} UTC"),
        _ => timestamp.to_owned(),
    }
}
