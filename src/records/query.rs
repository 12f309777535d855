//! What the record table shows of a zone: a text filter over names and values, a filter by
//! record type, and a sort order, read from and written to the page's query string.
//!
//! The URL is the truth, so a filtered view can be linked, shared and reloaded: `?q=mail`,
//! `?type=MX,TXT`, `?sort=-ttl`. Whatever a URL holds is read leniently (an unknown sort
//! falls back to the default), because a hand-edited link must never break the page.

use std::cmp::Ordering;

use dns_rules::api::Record;

/// A column the table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Owner names in DNS order (see [`dns_order`]).
    #[default]
    Name,
    Type,
    Ttl,
    Value,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::Name, SortKey::Type, SortKey::Ttl, SortKey::Value];

    /// The word for the key in the URL.
    pub fn as_str(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Type => "type",
            SortKey::Ttl => "ttl",
            SortKey::Value => "value",
        }
    }

    fn from_word(word: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|key| key.as_str() == word)
    }
}

/// The filter and sort of the record table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableQuery {
    /// Text looked for, case-insensitively, in names and values.
    pub text: String,
    /// Record types shown, upper case; empty shows every type.
    pub types: Vec<String>,
    pub sort: SortKey,
    pub descending: bool,
}

impl TableQuery {
    /// Reads `q`, `type` and `sort` through `param`, which gives a decoded query value.
    pub fn from_params(param: impl Fn(&str) -> Option<String>) -> TableQuery {
        let text = param("q").unwrap_or_default();
        let mut types: Vec<String> = param("type")
            .unwrap_or_default()
            .split(',')
            .map(|t| t.trim().to_ascii_uppercase())
            .filter(|t| !t.is_empty())
            .collect();
        types.sort();
        types.dedup();

        let sort = param("sort").unwrap_or_default();
        let (descending, word) = match sort.strip_prefix('-') {
            Some(word) => (true, word),
            None => (false, sort.as_str()),
        };
        match SortKey::from_word(word) {
            Some(sort) => TableQuery { text, types, sort, descending },
            None => TableQuery { text, types, ..TableQuery::default() },
        }
    }

    /// The query string that stands for this view, without the `?`; empty for the default
    /// view, so that an unfiltered table keeps a clean address.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.text.is_empty() {
            parts.push(format!("q={}", encode(&self.text)));
        }
        if !self.types.is_empty() {
            parts.push(format!("type={}", encode(&self.types.join(","))));
        }
        if self.sort != SortKey::Name || self.descending {
            let sign = if self.descending { "-" } else { "" };
            parts.push(format!("sort={sign}{}", self.sort.as_str()));
        }
        parts.join("&")
    }

    /// Whether some records may be hidden by this view.
    pub fn is_filtering(&self) -> bool {
        !self.text.trim().is_empty() || !self.types.is_empty()
    }

    /// This view with the type `record_type` shown or not.
    pub fn toggled_type(&self, record_type: &str) -> TableQuery {
        let mut next = self.clone();
        let record_type = record_type.to_ascii_uppercase();
        match next.types.iter().position(|t| *t == record_type) {
            Some(at) => {
                next.types.remove(at);
            }
            None => {
                next.types.push(record_type);
                next.types.sort();
            }
        }
        next
    }

    /// This view sorted by `key`: the same key again turns the direction round.
    pub fn sorted_by(&self, key: SortKey) -> TableQuery {
        let descending = self.sort == key && !self.descending;
        TableQuery { sort: key, descending, ..self.clone() }
    }

    /// Whether `record` passes the filters.
    pub fn matches(&self, record: &Record) -> bool {
        self.matches_folded(record, &self.text.trim().to_lowercase())
    }

    /// [`TableQuery::matches`] with the filter text already in lower case.
    fn matches_folded(&self, record: &Record, needle: &str) -> bool {
        let type_ok = self.types.is_empty()
            || self.types.iter().any(|t| t.eq_ignore_ascii_case(&record.record_type));
        type_ok && contains_folded(record, needle)
    }

    /// The order of two records under this view's sort; ties fall back to name, type and
    /// value, so that the order is the same on every reload.
    pub fn compare(&self, a: &Record, b: &Record) -> Ordering {
        let by_key = match self.sort {
            SortKey::Name => dns_order(&a.name, &b.name),
            SortKey::Type => a.record_type.cmp(&b.record_type),
            SortKey::Ttl => a.ttl.cmp(&b.ttl),
            SortKey::Value => folded_cmp(&a.value, &b.value),
        };
        let by_key = if self.descending { by_key.reverse() } else { by_key };
        by_key
            .then_with(|| dns_order(&a.name, &b.name))
            .then_with(|| a.record_type.cmp(&b.record_type))
            .then_with(|| folded_cmp(&a.value, &b.value))
            .then_with(|| a.uuid.cmp(&b.uuid))
    }

    /// The positions in `records` in this view's order, without filtering.
    pub fn sorted(&self, records: &[Record]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by(|&a, &b| self.compare(&records[a], &records[b]));
        order
    }

    /// The positions of `sorted` (from [`TableQuery::sorted`]) that pass the filters.
    pub fn filtered(&self, records: &[Record], sorted: &[usize]) -> Vec<usize> {
        if !self.is_filtering() {
            return sorted.to_vec();
        }
        let needle = self.text.trim().to_lowercase();
        let passes = |at: &usize| records.get(*at).is_some_and(|r| self.matches_folded(r, &needle));
        sorted.iter().copied().filter(passes).collect()
    }
}

/// Owner names in the canonical DNS order of RFC 4034 §6.1: label by label from the right,
/// each compared as lower-case octets, a name before the names below it. Names are relative
/// to the zone, `@` (or empty) being the apex, which comes first.
pub fn dns_order(a: &str, b: &str) -> Ordering {
    let mut left = relative_labels(a);
    let mut right = relative_labels(b);
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) => match folded_cmp(x, y) {
                Ordering::Equal => continue,
                unequal => return unequal,
            },
        }
    }
}

/// The labels of a relative owner name from the right; none for the apex.
fn relative_labels(name: &str) -> impl Iterator<Item = &str> {
    let name = name.trim_end_matches('.');
    let name = if name == "@" { "" } else { name };
    name.rsplit('.').filter(|label| !label.is_empty())
}

/// Compares as ASCII lower case, without building lower-case copies.
fn folded_cmp(a: &str, b: &str) -> Ordering {
    let a = a.bytes().map(|c| c.to_ascii_lowercase());
    let b = b.bytes().map(|c| c.to_ascii_lowercase());
    a.cmp(b)
}

/// Whether the name or value of `record` holds `needle` (in lower case), ignoring case.
fn contains_folded(record: &Record, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    [&record.name, &record.value].into_iter().any(|hay| {
        if hay.is_ascii() && needle.is_ascii() {
            hay.as_bytes()
                .windows(needle.len())
                .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
        } else {
            hay.to_lowercase().contains(needle)
        }
    })
}

fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}
