//! The one error type of the rules: which request field is wrong, and what to do about it.

use std::fmt;

/// A field of an API request, named as the API names it in its `field` hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Domain,
    RecordType,
    Name,
    Value,
    Ttl,
    Priority,
}

impl Field {
    /// The JSON name of the field, as sent in the API's `field` hint.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Domain => "domain",
            Field::RecordType => "record_type",
            Field::Name => "name",
            Field::Value => "value",
            Field::Ttl => "ttl",
            Field::Priority => "priority",
        }
    }

    /// Reads the API's `field` hint back; `None` for a field this crate does not know.
    pub fn from_hint(hint: &str) -> Option<Field> {
        [Field::Domain, Field::RecordType, Field::Name, Field::Value, Field::Ttl, Field::Priority]
            .into_iter()
            .find(|field| field.as_str() == hint)
    }
}

/// Why one field of a request cannot be accepted.
///
/// `message` is a full sentence for the person who typed the value: what is wrong and, where
/// it helps, what to type instead. It is English, as the API sends it. `code` names the rule
/// and `args` the values its sentence names, so that a client can say the same in another
/// language: its catalog holds one sentence per code with the same `{placeholders}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub field: Field,
    /// A stable name of the message, such as `name.empty_label`.
    pub code: &'static str,
    pub args: Vec<(&'static str, RuleArg)>,
    pub message: String,
}

impl RuleError {
    /// `english` is the message with a `{name}` placeholder for each of `args`; the English
    /// `message` is that text filled in. `code` must be a string literal here, where the
    /// dashboard's build finds it and checks that every language has the message.
    pub fn new(
        code: &'static str,
        field: Field,
        english: &str,
        args: &[(&'static str, RuleArg)],
    ) -> Self {
        let message = fill_message(english, args, |fragment| fragment.english.to_string());
        RuleError { field, code, args: args.to_vec(), message }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.as_str(), self.message)
    }
}

impl std::error::Error for RuleError {}

/// One value a message names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleArg {
    /// Text shown as it is in every language: what was typed, a name, a number.
    Text(String),
    /// Words of the sentence chosen by the rule ("a space", "an MX record"), which a
    /// translation replaces with its own.
    Fragment(Fragment),
}

impl RuleArg {
    pub fn text(value: impl fmt::Display) -> RuleArg {
        RuleArg::Text(value.to_string())
    }
}

impl From<Fragment> for RuleArg {
    fn from(fragment: Fragment) -> RuleArg {
        RuleArg::Fragment(fragment)
    }
}

/// A piece of a message chosen by code, with its English words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fragment {
    /// A stable name such as `fragment.space`, translated like a message code.
    pub code: &'static str,
    pub english: &'static str,
}

/// A [`Fragment`]; `code` must be a string literal here, for the same reason as in
/// [`RuleError::new`].
pub const fn fragment(code: &'static str, english: &'static str) -> Fragment {
    Fragment { code, english }
}

/// `template` with each `{name}` replaced by the value of argument `name`, a fragment by
/// `words`. One pass, so a typed value that holds braces is never read as a placeholder; a
/// placeholder without an argument is left as it is.
pub fn fill_message(
    template: &str,
    args: &[(&str, RuleArg)],
    words: impl Fn(&Fragment) -> String,
) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let (_, arg) = args.iter().find(|(n, _)| *n == name)?;
            Some((close, arg))
        });
        match value {
            Some((close, arg)) => {
                match arg {
                    RuleArg::Text(text) => out.push_str(text),
                    RuleArg::Fragment(fragment) => out.push_str(&words(fragment)),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
