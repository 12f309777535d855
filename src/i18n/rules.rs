//! The advice of the shared DNS rules in the chosen language.
//!
//! `dns-rules` is shared with the server, which answers in English, so it has no catalog; each
//! [`RuleError`] carries a code and its arguments beside its English sentence, and the
//! `rules.<code>` messages of the catalogs say the same in each language. `build.rs` checks
//! that every code the crate uses has a message.

use dns_rules::{Fragment, RuleError, fill_message};

use super::use_i18n;

/// The message of `error` in the language in context: `rules.<code>` with its arguments
/// filled in, the words a rule chose (a [`Fragment`]) translated as well. A code without a
/// message, which the build prevents, falls back to the English sentence.
pub fn rule_message(error: &RuleError) -> String {
    let lang = use_i18n().lang();
    let key = format!("rules.{}", error.code);
    let template = lang.text(&key);
    if template == key {
        return error.message.clone();
    }

    let words = |fragment: &Fragment| {
        let key = format!("rules.{}", fragment.code);
        let text = lang.text(&key);
        if text == key { fragment.english.to_owned() } else { text }
    };
    fill_message(&template, &error.args, words)
}
