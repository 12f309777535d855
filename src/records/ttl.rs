//! Time to live: the presets the form offers, and a number of seconds said in words, so that
//! "86400" reads as "1 day" without anyone doing the sum.

use crate::i18n::{plural, tf};

/// The TTLs most records want, in seconds: 1 minute, 5 minutes, 1 hour, 1 day.
pub const TTL_PRESETS: [u32; 4] = [60, 300, 3600, 86400];

/// A unit a TTL is told in, largest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Hour,
    Minute,
    Second,
}

impl Unit {
    const ALL: [Unit; 4] = [Unit::Day, Unit::Hour, Unit::Minute, Unit::Second];

    fn seconds(self) -> u64 {
        match self {
            Unit::Day => 86_400,
            Unit::Hour => 3_600,
            Unit::Minute => 60,
            Unit::Second => 1,
        }
    }
}

/// `seconds` as whole units, largest first, leaving out the units that are zero:
/// 90061 is 1 day, 1 hour, 1 minute and 1 second; 0 is 0 seconds.
pub fn ttl_parts(seconds: u64) -> Vec<(u64, Unit)> {
    if seconds == 0 {
        return vec![(0, Unit::Second)];
    }

    let mut left = seconds;
    let mut parts = Vec::new();
    for unit in Unit::ALL {
        let count = left / unit.seconds();
        left %= unit.seconds();
        if count > 0 {
            parts.push((count, unit));
        }
    }
    parts
}

/// "3600 s = 1 hour" in the language in context, or nothing for text that is not a number of
/// seconds. Reactive when read inside a closure.
pub fn ttl_in_words(text: &str) -> Option<String> {
    let seconds: u64 = text.trim().parse().ok()?;

    let mut said: Vec<String> = ttl_parts(seconds).into_iter().map(unit_in_words).collect();
    let last = said.pop()?;
    let words = match said.split_first() {
        None => last,
        Some((first, middle)) => {
            let rest = middle.iter().fold(first.clone(), |rest, next| {
                tf("records.ttl.list", &[("rest", &rest), ("next", next)])
            });
            tf("records.ttl.and", &[("rest", &rest), ("last", &last)])
        }
    };
    Some(tf("records.ttl.words", &[("seconds", &seconds.to_string()), ("words", &words)]))
}

fn unit_in_words((count, unit): (u64, Unit)) -> String {
    let n = usize::try_from(count).unwrap_or(usize::MAX);
    match unit {
        Unit::Day => plural("records.ttl.day", n),
        Unit::Hour => plural("records.ttl.hour", n),
        Unit::Minute => plural("records.ttl.minute", n),
        Unit::Second => plural("records.ttl.second", n),
    }
}
