//! The time, in the two forms the server writes it: API timestamps and zone serial dates.
//!
//! Both are UTC, so the stored data reads the same wherever the server runs.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Now, as the API writes timestamps: RFC 3339 in UTC, whole seconds (`2024-01-15T10:30:00Z`).
pub fn now_rfc3339() -> String {
    let now = OffsetDateTime::now_utc();
    let now = now.replace_nanosecond(0).unwrap_or(now);
    now.format(&Rfc3339).unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

/// Today's UTC date as `YYYYMMDD`, the date part of a zone serial (RFC 1912 §2.2).
pub fn today() -> u32 {
    let date = OffsetDateTime::now_utc().date();
    let year = u32::try_from(date.year()).unwrap_or(0);
    year * 10_000 + u32::from(u8::from(date.month())) * 100 + u32::from(date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_have_whole_seconds_and_a_z() {
        let now = now_rfc3339();
        assert_eq!(now.len(), "2024-01-15T10:30:00Z".len(), "{now}");
        assert!(now.ends_with('Z'), "{now}");
    }

    #[test]
    fn today_is_a_plausible_date() {
        let today = today();
        assert!((20_240_101..30_000_101).contains(&today), "{today}");
    }
}
