//! TXT record text (RFC 1035 §3.3.14): stored as the text itself, written as quoted strings.
//!
//! People paste TXT values in two shapes: the bare text (`v=spf1 -all`) and the text as a
//! zone file or another provider's dashboard shows it (`"v=spf1 -all"`, or a DKIM key as
//! `"p=MIIB…" "…AQAB"`). Storing the second shape as it is would put the quotes into the
//! record, and every save would add another layer. So a value that is wholly in that shape is
//! read back to its text, and the zone file writer is the only place that adds quotes.

/// The most data octets one TXT character-string can hold (RFC 1035 §3.3).
const MAX_STRING_OCTETS: usize = 255;

/// The text a TXT value stands for. A value given wholly in presentation form (`"a" "b"`,
/// with `\"`, `\\` and `\DDD` escapes) is read back to its text (`ab`), so that saving a
/// record twice never adds quotes; any other value is the text as it is.
pub fn txt_from_input(value: &str) -> String {
    // Limitation: a text that itself looks like quoted strings (`"a"`) is read back one level
    // each time it is sent, because the API has one value field for both shapes; a client
    // that means the quotes must send the presentation form of it (`"\"a\""`).
    match parse_presentation(value) {
        Some(text) => text,
        None => value.to_string(),
    }
}

/// Reads `value` as one or more quoted strings separated by blanks, or gives `None` if any
/// part of it is not (an unquoted word, an unclosed quote, an unknown escape, or octets that
/// are not UTF-8).
fn parse_presentation(value: &str) -> Option<String> {
    let bytes = value.trim_matches(is_blank).as_bytes();
    if bytes.first() != Some(&b'"') {
        return None;
    }

    let mut octets = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        // Each string opens with a quote; blanks may stand between strings (RFC 1035 §5.1).
        if bytes[i] != b'"' {
            return None;
        }
        i += 1;
        loop {
            match *bytes.get(i)? {
                b'"' => {
                    i += 1;
                    break;
                }
                b'\\' => {
                    let (octet, used) = read_escape(bytes.get(i + 1..)?)?;
                    octets.push(octet);
                    i += 1 + used;
                }
                other => {
                    octets.push(other);
                    i += 1;
                }
            }
        }
        while bytes.get(i).is_some_and(|&b| is_blank(char::from(b))) {
            i += 1;
        }
    }

    String::from_utf8(octets).ok()
}

/// Reads the escape after a backslash: `\"`, `\\` or `\DDD` (a decimal octet, RFC 1035
/// §5.1). Gives the octet and how many bytes the escape used after the backslash. Other
/// escapes are refused, so a Windows path or a regular expression stays literal text.
fn read_escape(rest: &[u8]) -> Option<(u8, usize)> {
    match rest.first()? {
        b'"' => Some((b'"', 1)),
        b'\\' => Some((b'\\', 1)),
        b'0'..=b'9' => {
            let digits = rest.get(..3)?;
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let number = digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            u8::try_from(number).ok().map(|octet| (octet, 3))
        }
        _ => None,
    }
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// The zone-file form of TXT text: quoted strings of at most 255 octets each, with `"` and
/// `\` escaped and non-printable octets as `\DDD`, never cutting a UTF-8 sequence in two.
pub fn txt_to_zone_strings(text: &str) -> String {
    txt_zone_strings(text).join(" ")
}

/// The quoted strings of [`txt_to_zone_strings`], one per element, for showing how a long text
/// will be split.
pub fn txt_zone_strings(text: &str) -> Vec<String> {
    let quote = |chunk: &str| {
        let mut quoted = String::from("\"");
        for &octet in chunk.as_bytes() {
            push_escaped(&mut quoted, octet);
        }
        quoted.push('"');
        quoted
    };
    character_strings(text).into_iter().map(quote).collect()
}

/// The length of TXT text's record data on the wire: each character-string's octets and the
/// octet that gives its length (RFC 1035 §3.3.14).
pub(crate) fn txt_rdata_octets(text: &str) -> usize {
    character_strings(text).iter().map(|string| 1 + string.len()).sum()
}

/// `text` cut into the character-strings of a TXT record: at most 255 octets each, never
/// inside a UTF-8 sequence, and one empty string for empty text.
fn character_strings(text: &str) -> Vec<&str> {
    let mut strings = Vec::new();
    let mut start = 0;
    for (index, c) in text.char_indices() {
        if index + c.len_utf8() - start > MAX_STRING_OCTETS {
            strings.push(&text[start..index]);
            start = index;
        }
    }
    strings.push(&text[start..]);
    strings
}

/// Appends one octet as a zone file reads it inside quotes. Everything outside printable
/// ASCII is written as `\DDD`, so the file is plain ASCII whatever the text holds: a newline
/// cannot end the record and a `;` inside quotes is never read as a comment.
fn push_escaped(out: &mut String, octet: u8) {
    match octet {
        b'"' => out.push_str("\\\""),
        b'\\' => out.push_str("\\\\"),
        0x20..=0x7e => out.push(char::from(octet)),
        _ => out.push_str(&format!("\\{octet:03}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_from_input(rows: &[(&str, &str)]) {
        for (input, want) in rows {
            assert_eq!(txt_from_input(input), *want, "{input:?}");
        }
    }

    fn check_to_zone(rows: &[(&str, &str)]) {
        for (text, want) in rows {
            assert_eq!(txt_to_zone_strings(text), *want, "{text:?}");
        }
    }

    /// The data octets of each string of a zone-file TXT form written by this module.
    fn string_octets(zone: &str) -> Vec<Vec<u8>> {
        let mut strings = Vec::new();
        for part in zone.split("\" \"") {
            let inner = part.trim_matches('"');
            let text = parse_presentation(&format!("\"{inner}\"")).expect("written form");
            strings.push(text.into_bytes());
        }
        strings
    }

    #[test]
    fn presentation_form_is_read_back_to_its_text() {
        check_from_input(&[
            ("\"0 5 25 sip.example.com.\"", "0 5 25 sip.example.com."),
            ("\"a\" \"b\"", "ab"),
            ("\"a\"\"b\"", "ab"),
            ("  \"a\"\t\"b\"  ", "ab"),
            ("\"\"", ""),
            ("\"say \\\"hi\\\"\"", "say \"hi\""),
            ("\"back\\\\slash\"", "back\\slash"),
            ("\"semi;colon\"", "semi;colon"),
            ("\"caf\\195\\169\"", "café"),
            ("\"line\\010break\"", "line\nbreak"),
            ("\"v=spf1 -all\"", "v=spf1 -all"),
        ]);
    }

    #[test]
    fn value_not_wholly_in_presentation_form_is_literal() {
        check_from_input(&[
            ("a=test b=1", "a=test b=1"),
            (" padded ", " padded "),
            ("\"a\" b", "\"a\" b"),
            ("b \"a\"", "b \"a\""),
            ("\"unclosed", "\"unclosed"),
            ("\"a\" \"unclosed", "\"a\" \"unclosed"),
            ("\"C:\\path\"", "\"C:\\path\""),
            ("\"\\256\"", "\"\\256\""),
            ("\"\\12\"", "\"\\12\""),
            ("\"\\1a2\"", "\"\\1a2\""),
            ("\"ends in backslash\\\"", "\"ends in backslash\\\""),
            ("\"\\255\"", "\"\\255\""),
            ("\"\u{201C}curly\u{201D}\"", "\u{201C}curly\u{201D}"),
            ("", ""),
            ("\"", "\""),
        ]);
    }

    #[test]
    fn zone_strings_are_quoted_and_escaped() {
        check_to_zone(&[
            ("", "\"\""),
            ("v=spf1 -all", "\"v=spf1 -all\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("a\\b", "\"a\\\\b\""),
            ("a;b (c)", "\"a;b (c)\""),
            ("tab\there", "\"tab\\009here\""),
            ("new\nline\r", "\"new\\010line\\013\""),
            ("nul\0", "\"nul\\000\""),
            ("del\u{7f}", "\"del\\127\""),
            ("é", "\"\\195\\169\""),
            ("😀", "\"\\240\\159\\152\\128\""),
        ]);
    }

    #[test]
    fn long_text_splits_into_strings_of_at_most_255_octets() {
        let text = "x".repeat(600);
        let strings = string_octets(&txt_to_zone_strings(&text));
        let lengths: Vec<usize> = strings.iter().map(Vec::len).collect();
        assert_eq!(lengths, [255, 255, 90]);
    }

    #[test]
    fn split_never_cuts_a_utf8_character() {
        // Offsets 0 to 3 put a multi-octet character across every 255-octet boundary.
        for offset in 0..4 {
            let text = format!("{}{}", "a".repeat(offset), "é😀€".repeat(400));
            let zone = txt_to_zone_strings(&text);
            let strings = string_octets(&zone);
            let mut joined = Vec::new();
            for octets in &strings {
                assert!(octets.len() <= 255, "offset {offset}: {} octets", octets.len());
                assert!(std::str::from_utf8(octets).is_ok(), "offset {offset}: cut character");
                joined.extend_from_slice(octets);
            }
            assert_eq!(joined, text.as_bytes(), "offset {offset}");
        }
    }

    #[test]
    fn zone_strings_read_back_to_the_same_text() {
        let texts = [
            "",
            "plain",
            "\"quoted\"",
            "\"a\" \"b\"",
            "back\\slash \\\" \\065",
            "semi; colon ( paren )",
            "new\nline\ttab\r\0",
            " leading and trailing ",
            "日本語 😀 é",
            "<img src=x onerror=alert(1)>",
        ];
        for text in texts {
            let zone = txt_to_zone_strings(text);
            assert!(zone.is_ascii(), "{zone}");
            assert_eq!(txt_from_input(&zone), text, "{zone}");
        }
        let long = "é😀x".repeat(600);
        assert_eq!(txt_from_input(&txt_to_zone_strings(&long)), long);
    }
}
