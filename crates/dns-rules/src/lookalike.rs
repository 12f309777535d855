//! Characters that look like DNS syntax but are not: what word processors and chat apps put
//! in place of quotes, hyphens and spaces. Pasted into a zone, they break it silently.
//!
//! A curly quote around a CAA value makes the quotes part of the value; an en dash in
//! `–all` turns an SPF policy's "fail" into an unknown mechanism; a non-breaking space
//! glues two SPF terms into one. None of these is an error a resolver reports, so the
//! rules refuse them where they are typed, and say which key to press instead.

use crate::{Field, Fragment, RuleArg, RuleError, fragment};

/// What a person meant to type when a look-alike character appears.
#[derive(Clone, Copy)]
enum Meant {
    SingleQuote,
    DoubleQuote,
    Hyphen,
    Space,
    Nothing,
}

impl Meant {
    fn advice(self) -> Fragment {
        match self {
            Meant::SingleQuote => fragment(
                "fragment.advice.single_quote",
                "Type a straight quote instead: \" around a value, or '.",
            ),
            Meant::DoubleQuote => {
                fragment("fragment.advice.double_quote", "Type a straight double quote \" instead.")
            }
            Meant::Hyphen => fragment("fragment.advice.hyphen", "Type a plain hyphen - instead."),
            Meant::Space => fragment("fragment.advice.space", "Type a plain space instead."),
            Meant::Nothing => fragment(
                "fragment.advice.nothing",
                "Delete it; type a plain space if a space belongs there.",
            ),
        }
    }
}

/// Every refused character, its Unicode name, and what was meant.
const LOOKALIKES: &[(char, Fragment, Meant)] = &[
    ('\u{2018}', fragment("fragment.char.2018", "left single quotation mark"), Meant::SingleQuote),
    ('\u{2019}', fragment("fragment.char.2019", "right single quotation mark"), Meant::SingleQuote),
    ('\u{201A}', fragment("fragment.char.201a", "single low-9 quotation mark"), Meant::SingleQuote),
    (
        '\u{201B}',
        fragment("fragment.char.201b", "single high-reversed-9 quotation mark"),
        Meant::SingleQuote,
    ),
    ('\u{2032}', fragment("fragment.char.2032", "prime"), Meant::SingleQuote),
    ('\u{201C}', fragment("fragment.char.201c", "left double quotation mark"), Meant::DoubleQuote),
    ('\u{201D}', fragment("fragment.char.201d", "right double quotation mark"), Meant::DoubleQuote),
    ('\u{201E}', fragment("fragment.char.201e", "double low-9 quotation mark"), Meant::DoubleQuote),
    (
        '\u{201F}',
        fragment("fragment.char.201f", "double high-reversed-9 quotation mark"),
        Meant::DoubleQuote,
    ),
    ('\u{2033}', fragment("fragment.char.2033", "double prime"), Meant::DoubleQuote),
    (
        '\u{00AB}',
        fragment("fragment.char.00ab", "left-pointing double angle quotation mark"),
        Meant::DoubleQuote,
    ),
    (
        '\u{00BB}',
        fragment("fragment.char.00bb", "right-pointing double angle quotation mark"),
        Meant::DoubleQuote,
    ),
    ('\u{2010}', fragment("fragment.char.2010", "hyphen"), Meant::Hyphen),
    ('\u{2011}', fragment("fragment.char.2011", "non-breaking hyphen"), Meant::Hyphen),
    ('\u{2012}', fragment("fragment.char.2012", "figure dash"), Meant::Hyphen),
    ('\u{2013}', fragment("fragment.char.2013", "en dash"), Meant::Hyphen),
    ('\u{2014}', fragment("fragment.char.2014", "em dash"), Meant::Hyphen),
    ('\u{2015}', fragment("fragment.char.2015", "horizontal bar"), Meant::Hyphen),
    ('\u{2212}', fragment("fragment.char.2212", "minus sign"), Meant::Hyphen),
    ('\u{00A0}', fragment("fragment.char.00a0", "no-break space"), Meant::Space),
    ('\u{2000}', fragment("fragment.char.2000", "en quad"), Meant::Space),
    ('\u{2001}', fragment("fragment.char.2001", "em quad"), Meant::Space),
    ('\u{2002}', fragment("fragment.char.2002", "en space"), Meant::Space),
    ('\u{2003}', fragment("fragment.char.2003", "em space"), Meant::Space),
    ('\u{2004}', fragment("fragment.char.2004", "three-per-em space"), Meant::Space),
    ('\u{2005}', fragment("fragment.char.2005", "four-per-em space"), Meant::Space),
    ('\u{2006}', fragment("fragment.char.2006", "six-per-em space"), Meant::Space),
    ('\u{2007}', fragment("fragment.char.2007", "figure space"), Meant::Space),
    ('\u{2008}', fragment("fragment.char.2008", "punctuation space"), Meant::Space),
    ('\u{2009}', fragment("fragment.char.2009", "thin space"), Meant::Space),
    ('\u{200A}', fragment("fragment.char.200a", "hair space"), Meant::Space),
    ('\u{202F}', fragment("fragment.char.202f", "narrow no-break space"), Meant::Space),
    ('\u{200B}', fragment("fragment.char.200b", "zero width space"), Meant::Nothing),
    ('\u{FEFF}', fragment("fragment.char.feff", "zero width no-break space"), Meant::Nothing),
];

/// Refuses typographic quotes, en and em dashes and non-breaking spaces in `text`, naming the
/// character found and what to type instead. `field` is the field the text came from.
pub fn check_lookalikes(text: &str, field: Field) -> Result<(), RuleError> {
    for (index, found) in text.chars().enumerate() {
        let Some(&(_, name, meant)) = LOOKALIKES.iter().find(|(c, _, _)| *c == found) else {
            continue;
        };

        // Spaces are invisible in a message, so they are shown by code point instead.
        let shown = match meant {
            Meant::Space | Meant::Nothing => format!("U+{:04X}", u32::from(found)),
            _ => found.to_string(),
        };
        return Err(RuleError::new(
            "lookalike.found",
            field,
            "{subject} contains {character} ({name}) at character {position}, which only looks \
             like plain text. {advice}",
            &[
                ("subject", subject(field).into()),
                ("character", RuleArg::text(shown)),
                ("name", name.into()),
                ("position", RuleArg::text(index + 1)),
                ("advice", meant.advice().into()),
            ],
        ));
    }
    Ok(())
}

/// How a message refers to the text of `field`.
fn subject(field: Field) -> Fragment {
    match field {
        Field::Domain => fragment("fragment.subject.domain", "The domain"),
        Field::Name => fragment("fragment.subject.name", "The name"),
        Field::Value => fragment("fragment.subject.value", "The value"),
        Field::RecordType => fragment("fragment.subject.record_type", "The record type"),
        Field::Ttl => fragment("fragment.subject.ttl", "The TTL"),
        Field::Priority => fragment("fragment.subject.priority", "The priority"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that `text` is refused and that the message names `expected` and the fix.
    fn check_refused(text: &str, expected_name: &str, expected_advice: &str) {
        let error = check_lookalikes(text, Field::Value).expect_err(text);
        assert_eq!(error.field, Field::Value);
        assert!(error.message.contains(expected_name), "{text:?}: {}", error.message);
        assert!(error.message.contains(expected_advice), "{text:?}: {}", error.message);
    }

    #[test]
    fn every_listed_lookalike_is_refused_with_its_name() {
        for &(found, Fragment { english: name, .. }, _) in LOOKALIKES {
            let text = format!("v=spf1 a{found}b");
            let error = check_lookalikes(&text, Field::Name).expect_err(name);
            assert_eq!(error.field, Field::Name);
            assert!(error.message.starts_with("The name contains"), "{}", error.message);
            assert!(error.message.contains(name), "{}", error.message);
        }
    }

    #[test]
    fn message_shows_the_character_and_what_to_type() {
        let rows = [
            ("0 issue \u{201C}ca.example\u{201D}", "\u{201C} (left double quotation mark)", "\""),
            ("\u{201E}x", "\u{201E} (double low-9 quotation mark)", "\""),
            ("\u{00AB}x\u{00BB}", "\u{00AB} (left-pointing double angle", "\""),
            ("it\u{2019}s", "\u{2019} (right single quotation mark)", "straight quote"),
            ("\u{2032}", "(prime)", "straight quote"),
            ("v=spf1 \u{2013}all", "\u{2013} (en dash)", "plain hyphen -"),
            ("v=spf1 \u{2014}all", "\u{2014} (em dash)", "plain hyphen -"),
            ("v=spf1 \u{2212}all", "\u{2212} (minus sign)", "plain hyphen -"),
            ("v=spf1\u{00A0}-all", "U+00A0 (no-break space)", "plain space"),
            ("v=spf1\u{202F}-all", "U+202F (narrow no-break space)", "plain space"),
            ("v=spf1\u{2009}-all", "U+2009 (thin space)", "plain space"),
            ("www\u{200B}", "U+200B (zero width space)", "Delete it"),
            ("\u{FEFF}www", "U+FEFF (zero width no-break space)", "Delete it"),
        ];
        for (text, name, advice) in rows {
            check_refused(text, name, advice);
        }
    }

    #[test]
    fn message_gives_the_position_of_the_first_lookalike() {
        let error = check_lookalikes("ab\u{2013}c\u{2014}", Field::Value).expect_err("dash");
        assert!(error.message.contains("at character 3"), "{}", error.message);
        assert!(error.message.contains("en dash"), "{}", error.message);
    }

    #[test]
    fn plain_text_and_other_unicode_pass() {
        let texts = ["", "v=spf1 -all", "0 issue \"ca.example\"", "bücher", "日本語 😀", "a\tb"];
        for text in texts {
            assert_eq!(check_lookalikes(text, Field::Value), Ok(()), "{text:?}");
        }
    }
}
