//! The record form's state as a plain value: what the person typed, per input, and how it
//! becomes a request.
//!
//! SRV and CAA values are typed in parts (weight, port, target; flags, tag, value) and sent
//! as the one `value` string the API stores, so this type owns both directions.

use dns_rules::api::{Record, RecordWrite};
use dns_rules::{DomainName, RecordData, RecordInput, RecordType, RuleError, validate_record};
use serde_json::{Map, Value};

/// The CAA tags the API accepts, in the order the form offers them.
pub const CAA_TAGS: [&str; 7] =
    ["issue", "issuewild", "iodef", "contactemail", "contactphone", "issuevmc", "issuemail"];

/// The priority an MX or SRV record starts with: the value most providers suggest, which
/// leaves room below for a preferred server and above for a fallback.
pub const DEFAULT_PRIORITY: &str = "10";

/// The weight an SRV record starts with, so that a second target of the same priority can
/// be given a larger or smaller share.
pub const DEFAULT_SRV_WEIGHT: &str = "5";

/// Why the form advises against an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Advice {
    /// The text is not a whole number where the API needs one; the form words this itself.
    NotANumber,
    /// A rule of `dns-rules` objects; worded in the chosen language when shown.
    Rule(RuleError),
}

/// Everything typed into the record form, as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub record_type: RecordType,
    pub name: String,
    /// The value for every type but SRV and CAA.
    pub value: String,
    pub ttl: String,
    pub priority: String,
    pub srv_weight: String,
    pub srv_port: String,
    pub srv_target: String,
    pub caa_flags: String,
    pub caa_tag: String,
    pub caa_value: String,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            record_type: RecordType::A,
            name: String::new(),
            value: String::new(),
            ttl: "3600".into(),
            priority: String::new(),
            srv_weight: String::new(),
            srv_port: String::new(),
            srv_target: String::new(),
            caa_flags: "0".into(),
            caa_tag: "issue".into(),
            caa_value: String::new(),
        }
    }
}

impl Draft {
    /// An empty form for a new record of `record_type`, with its usual priority and weight.
    pub fn new(record_type: RecordType) -> Draft {
        let mut draft = Draft::default();
        draft.set_type(record_type);
        draft
    }

    /// Changes the type and fills the priority (MX, SRV) and weight (SRV) with the values
    /// people expect, where those inputs are still empty; nothing typed is overwritten.
    pub fn set_type(&mut self, record_type: RecordType) {
        self.record_type = record_type;
        if record_type.takes_priority() && self.priority.trim().is_empty() {
            self.priority = DEFAULT_PRIORITY.to_owned();
        }
        if record_type == RecordType::Srv && self.srv_weight.trim().is_empty() {
            self.srv_weight = DEFAULT_SRV_WEIGHT.to_owned();
        }
    }

    /// The form filled in with an existing record, SRV and CAA values split into parts.
    pub fn from_record(record: &Record) -> Draft {
        let record_type = record.record_type.parse().unwrap_or(RecordType::A);
        let mut draft = Draft {
            record_type,
            name: record.name.clone(),
            ttl: record.ttl.to_string(),
            priority: record.priority.map(|p| p.to_string()).unwrap_or_default(),
            ..Draft::default()
        };

        match record_type {
            RecordType::Srv => {
                let mut parts = record.value.split_whitespace();
                draft.srv_weight = parts.next().unwrap_or_default().to_owned();
                draft.srv_port = parts.next().unwrap_or_default().to_owned();
                draft.srv_target = parts.collect::<Vec<_>>().join(" ");
            }
            RecordType::Caa => {
                let mut parts = record.value.splitn(3, ' ');
                draft.caa_flags = parts.next().unwrap_or_default().to_owned();
                draft.caa_tag = parts.next().unwrap_or_default().to_owned();
                let quoted = parts.next().unwrap_or_default();
                draft.caa_value = unquote(quoted);
            }
            _ => draft.value = record.value.clone(),
        }
        draft
    }

    /// The `value` the API receives: parts joined for SRV and CAA.
    pub fn composed_value(&self) -> String {
        match self.record_type {
            RecordType::Srv => format!(
                "{} {} {}",
                self.srv_weight.trim(),
                self.srv_port.trim(),
                self.srv_target.trim()
            ),
            RecordType::Caa => {
                let escaped = self.caa_value.trim().replace('\\', "\\\\").replace('"', "\\\"");
                format!("{} {} \"{escaped}\"", self.caa_flags.trim(), self.caa_tag.trim())
            }
            _ => self.value.clone(),
        }
    }

    /// The request body, or the fields (`ttl`, `priority`) whose text is not a whole number.
    ///
    /// Only what cannot be expressed in JSON stops a request here; every other rule is left
    /// to the server, which has the final word (see `RecordForm`).
    pub fn to_write(&self) -> Result<RecordWrite, Vec<&'static str>> {
        let mut problems = Vec::new();
        let ttl = parse_number(&self.ttl, "ttl", &mut problems);
        let priority = if self.record_type.takes_priority() {
            parse_number(&self.priority, "priority", &mut problems)
        } else {
            None
        };
        if !problems.is_empty() {
            return Err(problems);
        }

        Ok(RecordWrite {
            record_type: self.record_type.as_str().to_owned(),
            name: self.name.trim().to_owned(),
            value: self.composed_value(),
            ttl,
            priority,
        })
    }

    /// The shared rules applied to the draft, as the person types: the record in the form it
    /// would be stored in, or the first field at fault.
    pub fn validate(&self, zone: &DomainName) -> Result<RecordData, (&'static str, Advice)> {
        let write = match self.to_write() {
            Ok(write) => write,
            Err(problems) => {
                return Err((problems.first().copied().unwrap_or("ttl"), Advice::NotANumber));
            }
        };
        let input = RecordInput {
            record_type: &write.record_type,
            name: &write.name,
            value: &write.value,
            ttl: write.ttl,
            priority: write.priority,
        };
        validate_record(zone, &input).map_err(|error| (error.field.as_str(), Advice::Rule(error)))
    }
}

/// The fields of `write` that differ from `record`, as a PATCH body.
pub fn changes(record: &Record, write: &RecordWrite) -> Map<String, Value> {
    let mut changes = Map::new();
    if !write.record_type.eq_ignore_ascii_case(&record.record_type) {
        changes.insert("record_type".into(), Value::from(write.record_type.clone()));
    }
    if write.name != record.name {
        changes.insert("name".into(), Value::from(write.name.clone()));
    }
    if write.value != record.value {
        changes.insert("value".into(), Value::from(write.value.clone()));
    }
    if write.ttl != Some(i64::from(record.ttl)) {
        changes.insert("ttl".into(), write.ttl.map(Value::from).unwrap_or(Value::Null));
    }
    if write.priority != record.priority.map(i64::from) {
        changes.insert("priority".into(), write.priority.map(Value::from).unwrap_or(Value::Null));
    }
    changes
}

/// Whether `record`, as the API returned it, is what `write` asked for, which is how a save
/// that timed out is found to have been made. Both are read by the rules into their stored
/// form, so `WWW`, `www.example.com.` and `www` are one name; when the rules refuse either (a
/// provider may accept more than they do), the texts are compared as sent.
pub fn saved_as(zone: &DomainName, write: &RecordWrite, record: &Record) -> bool {
    let name = match crate::zones::idn::to_ascii(write.name.trim()) {
        Ok(ascii) if !write.name.is_ascii() => ascii,
        _ => write.name.clone(),
    };
    let input = RecordInput {
        record_type: &write.record_type,
        name: &name,
        value: &write.value,
        ttl: write.ttl,
        priority: write.priority,
    };
    let wanted = validate_record(zone, &input).ok();
    let stored = crate::zonefiles::stored_form(zone, record);
    if let (Some(wanted), Some(stored)) = (wanted, stored) {
        return wanted == stored;
    }

    write.record_type.eq_ignore_ascii_case(&record.record_type)
        && name.trim_end_matches('.').eq_ignore_ascii_case(&record.name)
        && write.value == record.value
        && write.ttl.is_none_or(|ttl| ttl == i64::from(record.ttl))
        && write.priority == record.priority.map(i64::from)
}

/// An empty input is "not given"; anything else must be a whole number.
fn parse_number(text: &str, field: &'static str, problems: &mut Vec<&'static str>) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(number) => Some(number),
        Err(_) => {
            problems.push(field);
            None
        }
    }
}

/// The text inside a CAA value's double quotes, with `\"` and `\\` read back.
fn unquote(quoted: &str) -> String {
    let inner = quoted.strip_prefix('"').and_then(|s| s.strip_suffix('"')).unwrap_or(quoted);
    let mut text = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                text.push(next);
            }
        } else {
            text.push(c);
        }
    }
    text
}
