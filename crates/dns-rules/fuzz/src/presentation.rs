//! Zone-file text read back as a zone-file parser reads it (RFC 1035 §5.1), written apart
//! from `dns_rules` so that the targets never check the writer with its own reader.

/// Whether `line` holds only printable ASCII (space to `~`): no line break, no tab, no
/// control octet, nothing that a zone file could read as the end of a record.
pub fn is_printable_ascii(line: &str) -> bool {
    line.bytes().all(|octet| (0x20..=0x7e).contains(&octet))
}

/// The data octets of each quoted string in `text`, which must be one or more `"…"` strings
/// separated by single spaces. Inside the quotes `\DDD` is a decimal octet and a backslash
/// before any other character stands for that character, as RFC 1035 §5.1 reads them; a bare
/// quote ends the string. Anything else is described in the error.
pub fn read_quoted_strings(text: &str) -> Result<Vec<Vec<u8>>, String> {
    let bytes = text.as_bytes();
    let mut strings = Vec::new();
    let mut i = 0;

    loop {
        if bytes.get(i) != Some(&b'"') {
            return Err(format!("expected an opening quote at octet {i}"));
        }
        i += 1;

        let mut data = Vec::new();
        loop {
            match bytes.get(i) {
                None => return Err("a string is not closed".to_string()),
                Some(b'"') => {
                    i += 1;
                    break;
                }
                Some(b'\\') => {
                    let (octet, used) = escape_at(&bytes[i + 1..])?;
                    data.push(octet);
                    i += 1 + used;
                }
                Some(&octet) => {
                    data.push(octet);
                    i += 1;
                }
            }
        }
        strings.push(data);

        match bytes.get(i) {
            None => return Ok(strings),
            Some(b' ') => i += 1,
            Some(&other) => return Err(format!("octet {other} after a string at {i}")),
        }
    }
}

/// The octet an escape stands for and how many octets after the backslash it used.
fn escape_at(rest: &[u8]) -> Result<(u8, usize), String> {
    match rest.first() {
        None => Err("a backslash ends the text".to_string()),
        Some(digit) if digit.is_ascii_digit() => {
            let digits = rest.get(..3).ok_or("a \\DDD escape is cut short")?;
            if !digits.iter().all(u8::is_ascii_digit) {
                return Err("a \\DDD escape has fewer than three digits".to_string());
            }
            let number = digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            let octet = u8::try_from(number).map_err(|_| format!("\\{number} is above 255"))?;
            Ok((octet, 3))
        }
        Some(&other) => Ok((other, 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text, then the data octets of each string, or `Err` when the text must be refused.
    type Row<'a> = (&'a str, Result<Vec<&'a [u8]>, ()>);

    #[test]
    fn reads_strings_and_escapes() {
        let rows: [Row<'_>; 8] = [
            ("\"\"", Ok(vec![b""])),
            ("\"a\" \"b\"", Ok(vec![b"a", b"b"])),
            ("\"\\\"\\\\\\065\\x\"", Ok(vec![b"\"\\Ax"])),
            ("\"\\195\\169\"", Ok(vec!["é".as_bytes()])),
            ("\"a\"  \"b\"", Err(())),
            ("\"a\"b", Err(())),
            ("\"\\256\"", Err(())),
            ("\"open", Err(())),
        ];
        for (text, want) in rows {
            let got = read_quoted_strings(text).map_err(|_| ());
            let want = want.map(|strings| strings.iter().map(|s| s.to_vec()).collect::<Vec<_>>());
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn printable_ascii_excludes_line_breaks_and_controls() {
        assert!(is_printable_ascii("www 3600 IN TXT \"a ~\""));
        for text in ["a\nb", "a\rb", "a\tb", "a\u{7f}", "é"] {
            assert!(!is_printable_ascii(text), "{text:?}");
        }
    }
}
