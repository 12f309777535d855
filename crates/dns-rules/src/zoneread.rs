//! Reading a zone file (RFC 1035 §5, as BIND writes and reads them) to import its records.
//!
//! People move a domain by pasting the zone file their old host exports. Such files are
//! written by many programs and by hand, so the reader takes everything BIND takes that can
//! become an API record: directives, relative and blank owners, TTL units, parentheses,
//! comments, escapes and multi-string TXT. What it cannot import it still reports, one entry
//! per record in file order, so the preview can say what happens to every line.
//!
//! Each record is turned into what a client would send and passed through
//! [`validate_record`], so an imported record is decided by the very rules that decide a
//! typed one, and the reasons shown are the same sentences.
//!
//! A mistake in the file never hides the lines after it: an unclosed quote ends at the end of
//! its line, and an unclosed parenthesis ends where a line plainly starts a new record.

use crate::record::article;
use crate::{
    DomainName, RecordData, RecordInput, RecordType, Ttl, txt_to_zone_strings, validate_record,
};

/// One record or directive of a zone file, and what an import would do with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZoneFileEntry {
    /// The 1-based line where the entry starts.
    pub line: usize,
    /// The entry's text as in the file: its lines joined, comments dropped, trimmed.
    pub source: String,
    pub kind: EntryKind,
}

/// What an import does with one entry of a zone file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A record the API can take; `record` passed `validate_record`, in stored form.
    Record {
        record: RecordData,
        /// Adjustments made, in plain English, e.g. "TTL 1 raised to 60, the lowest allowed".
        notes: Vec<String>,
    },
    /// SOA, and NS records at the zone apex: the provider writes these itself.
    LeftToProvider { record_type: String },
    /// A type the API does not support (PTR, SSHFP, HTTPS, ...), or a `$GENERATE` line.
    Unsupported { record_type: String },
    /// Could not be read or the API's rules refuse it: the reason says what is wrong and,
    /// where possible, what to do.
    Unreadable { reason: String },
}

/// Reads `text` as a zone file for `zone` (the initial `$ORIGIN`). Directives that read
/// correctly give no entry; everything else gives one, in file order.
pub fn read_zone_file(text: &str, zone: &DomainName) -> Vec<ZoneFileEntry> {
    let mut reader = Reader {
        zone,
        origin: zone.as_str().to_string(),
        default_ttl: None,
        last_ttl: None,
        last_owner: None,
    };

    let mut entries = Vec::new();
    for raw in split_entries(text) {
        if let Some(kind) = reader.read(&raw) {
            entries.push(ZoneFileEntry { line: raw.line, source: raw.source, kind });
        }
    }
    entries
}

/// The domain a pasted file is for: its first `$ORIGIN`, else the owner of its SOA if
/// absolute; lower-case, no final dot. Used to suggest the domain when a zone is created
/// from a file.
pub fn suggested_domain(text: &str) -> Option<String> {
    let entries = split_entries(text);
    let as_domain = |token: &Token| {
        let (name, absolute) = decode_name(token).ok()?;
        let domain = DomainName::parse(&name).ok()?;
        absolute.then(|| domain.as_str().to_string())
    };

    // Only the first `$ORIGIN` says what the file is for; later ones move within it.
    let first_origin = entries.iter().find(|raw| raw.directive().is_some_and(is_origin));
    if let Some(domain) = first_origin.and_then(|raw| raw.tokens.get(1)).and_then(as_domain) {
        return Some(domain);
    }

    entries.iter().filter(|raw| !raw.owner_blank).find_map(|raw| {
        let header = Header::read(&raw.tokens, 1).ok()?;
        let is_soa = header.record_type?.raw.eq_ignore_ascii_case("SOA");
        if is_soa { raw.tokens.first().and_then(as_domain) } else { None }
    })
}

fn is_origin(directive: &str) -> bool {
    directive.eq_ignore_ascii_case("$ORIGIN")
}

/// The default TTL of the contract, for a record when the file names none at all.
const FALLBACK_TTL: u32 = 3600;

/// The state that carries from one entry to the next (RFC 1035 §5.1).
struct Reader<'a> {
    zone: &'a DomainName,
    /// The current origin, absolute, lower-case, without the final dot ("" for the root).
    origin: String,
    /// The last `$TTL` (RFC 2308 §4).
    default_ttl: Option<u32>,
    /// The last TTL written on a record, which BIND uses when there is no `$TTL`.
    last_ttl: Option<u32>,
    /// The last owner written, which a line starting with a blank repeats, or the line of
    /// that owner when it could not be read.
    last_owner: Option<Result<String, usize>>,
}

impl Reader<'_> {
    /// What `raw` is for the import, or `None` for a directive that was read and applied.
    fn read(&mut self, raw: &RawEntry) -> Option<EntryKind> {
        if let Some(directive) = raw.directive() {
            return self.directive(directive, raw);
        }

        // A broken line may still name the owner that the lines after it repeat, and a name
        // that cannot be read must not leave them to repeat an older one.
        let owner = match (raw.owner_blank, raw.tokens.first()) {
            (false, Some(token)) => {
                let owner = absolute_name(token, &self.origin);
                self.last_owner = Some(owner.clone().map_err(|_| raw.line));
                Some(owner)
            }
            _ => None,
        };
        if let Some(problem) = &raw.problem {
            return unreadable(problem.clone());
        }
        let owner = match (owner, &self.last_owner) {
            (Some(Ok(name)), _) => name,
            (None, Some(Ok(name))) => name.clone(),
            (Some(Err(reason)), _) => return unreadable(reason),
            (None, Some(Err(line))) => {
                return unreadable(format!(
                    "This line starts with a blank, which repeats the owner name of line \
                     {line}, and that name could not be read."
                ));
            }
            (None, None) => {
                return unreadable(
                    "This line starts with a blank, which repeats the owner name of the record \
                     before it, but no record comes before it. Write the name at the start of \
                     the line.",
                );
            }
        };

        Some(self.record(raw, owner).unwrap_or_else(|reason| EntryKind::Unreadable { reason }))
    }

    /// Applies `$ORIGIN` or `$TTL`, or says why another directive cannot be imported.
    fn directive(&mut self, directive: &str, raw: &RawEntry) -> Option<EntryKind> {
        if let Some(problem) = &raw.problem {
            return unreadable(problem.clone());
        }
        let upper = directive.to_ascii_uppercase();
        let arguments = raw.tokens.get(1..).unwrap_or_default();
        match upper.as_str() {
            "$ORIGIN" | "$TTL" if arguments.len() != 1 => unreadable(format!(
                "{upper} takes one value, such as {}, and this line has {}.",
                if upper == "$TTL" { "3600" } else { "example.com." },
                arguments.len()
            )),
            "$ORIGIN" => {
                let origin = arguments.first().map(|name| absolute_name(name, &self.origin))?;
                match origin {
                    Ok(origin) => {
                        self.origin = origin;
                        None
                    }
                    Err(reason) => unreadable(reason),
                }
            }
            "$TTL" => match arguments.first().map(|ttl| parse_ttl(&ttl.raw))? {
                Ok(seconds) => {
                    self.default_ttl = Some(seconds);
                    None
                }
                Err(reason) => unreadable(reason),
            },
            "$INCLUDE" => {
                let file = arguments.first().map_or("another file", |file| file.raw.as_str());
                unreadable(format!(
                    "$INCLUDE reads the records of {file}, which an import cannot reach. Paste \
                     the contents of that file here in place of this line."
                ))
            }
            "$GENERATE" => Some(EntryKind::Unsupported { record_type: upper }),
            _ => unreadable(format!(
                "{directive} is not a zone-file directive; the directives are $ORIGIN, $TTL, \
                 $INCLUDE and $GENERATE."
            )),
        }
    }

    /// A record line, owner already known: its TTL, class, type and data, then the API rules.
    fn record(&mut self, raw: &RawEntry, owner: String) -> Result<EntryKind, String> {
        let first = usize::from(!raw.owner_blank);
        let header = Header::read(&raw.tokens, first)?;
        if header.ttl.is_some() {
            self.last_ttl = header.ttl;
        }

        if let Some(class) = &header.class
            && !matches!(class.as_str(), "IN" | "CLASS1")
        {
            return Err(format!(
                "This record is of class {class}; only records of class IN (the Internet) can \
                 be imported."
            ));
        }

        let zone = self.zone.as_str();
        if !in_zone(&owner, zone) {
            let shown = if owner.is_empty() { "." } else { owner.as_str() };
            return Err(format!(
                "{shown} is outside {zone}, so it cannot be imported into this zone. Import it \
                 into the zone it belongs to."
            ));
        }

        let Some(type_token) = header.record_type else {
            return Err("The line has no record type, such as A, MX or TXT.".to_string());
        };
        let mnemonic = type_token.raw.to_ascii_uppercase();
        let at_apex = owner == zone;
        let record_type = match mnemonic.as_str() {
            "SOA" if at_apex => return Ok(EntryKind::LeftToProvider { record_type: mnemonic }),
            "SOA" => {
                return Err(format!(
                    "An SOA record belongs only at the top of its zone, and {owner} is below \
                     {zone}; it starts a zone of its own, which is not imported here."
                ));
            }
            "NS" if at_apex => return Ok(EntryKind::LeftToProvider { record_type: mnemonic }),
            _ if type_token.quoted => {
                let quoted = &type_token.raw;
                return Err(format!("\"{quoted}\" is in quotes where the record type belongs."));
            }
            other => match other.parse::<RecordType>() {
                Ok(record_type) => record_type,
                Err(_) if is_type_mnemonic(other) => {
                    return Ok(EntryKind::Unsupported { record_type: mnemonic });
                }
                Err(_) => {
                    return Err(format!(
                        "{} is where the record type belongs, but it is not a record type; \
                         the API takes A, AAAA, CNAME, MX, TXT, NS, SRV and CAA.",
                        type_token.raw
                    ));
                }
            },
        };

        let data = raw.tokens.get(header.next..).unwrap_or_default();
        let (value, priority) = record_value(record_type, data, &self.origin)?;

        let written = header.ttl.or(self.default_ttl).or(self.last_ttl).unwrap_or(FALLBACK_TTL);
        let (ttl, mut notes) = clamp_ttl(written);

        // Unquoted words are strings of their own, which DNS joins without the spaces between
        // them: `v=spf1 mx -all` is served as `v=spf1mx-all`. That is what the file says, but
        // seldom what its author meant, so the preview points it out.
        let words = data.iter().filter(|token| !token.quoted).count();
        if record_type == RecordType::Txt && words > 0 && data.len() > 1 {
            notes.push(format!(
                "the {} strings were joined without spaces, as DNS joins them; {words} of them \
                 had no quotes, so put the text in quotes if the spaces belong to it",
                data.len()
            ));
        }

        let name = format!("{owner}.");
        let input = RecordInput {
            record_type: record_type.as_str(),
            name: &name,
            value: &value,
            ttl: Some(i64::from(ttl)),
            priority,
        };
        match validate_record(self.zone, &input) {
            Ok(record) => Ok(EntryKind::Record { record, notes }),
            Err(error) => Err(error.message),
        }
    }
}

fn unreadable(reason: impl Into<String>) -> Option<EntryKind> {
    Some(EntryKind::Unreadable { reason: reason.into() })
}

/// A TTL within the contract's range, and a note when it had to be moved into it. Other
/// hosts export TTLs the API refuses (Cloudflare writes 1 for "automatic"); refusing every
/// such record would make their exports useless.
fn clamp_ttl(seconds: u32) -> (u32, Vec<String>) {
    if seconds < Ttl::MIN {
        let note = format!("TTL {seconds} raised to {}, the lowest allowed", Ttl::MIN);
        (Ttl::MIN, vec![note])
    } else if seconds > Ttl::MAX {
        let note = format!("TTL {seconds} lowered to {}, the highest allowed", Ttl::MAX);
        (Ttl::MAX, vec![note])
    } else {
        (seconds, Vec::new())
    }
}

/// The value and priority a client would send for a record of `record_type` whose data in
/// the file is `data`.
fn record_value(
    record_type: RecordType,
    data: &[Token],
    origin: &str,
) -> Result<(String, Option<i64>), String> {
    let (count, shape) = match record_type {
        RecordType::A => (1, "one IPv4 address"),
        RecordType::Aaaa => (1, "one IPv6 address"),
        RecordType::Cname | RecordType::Ns => (1, "one host name"),
        RecordType::Mx => (2, "a preference and a host name"),
        RecordType::Srv => (4, "a priority, a weight, a port and a target"),
        RecordType::Caa => (3, "flags, a tag and a value"),
        RecordType::Txt => (0, "one or more strings of text"),
    };
    if data.is_empty() {
        return Err(format!(
            "{} record needs {shape} after its type, and this line has none.",
            capitalised(&article(record_type))
        ));
    }
    if count != 0 && data.len() != count {
        let values = if data.len() == 1 { "1 value" } else { "values" };
        let count = if data.len() == 1 { String::new() } else { format!("{} ", data.len()) };
        return Err(format!(
            "{} record takes {shape}, and this line has {count}{values} after its type.",
            capitalised(&article(record_type)),
        ));
    }

    let at = |index: usize| data.get(index).ok_or_else(|| "A value is missing.".to_string());
    match record_type {
        RecordType::A | RecordType::Aaaa => Ok((plain_text(at(0)?)?, None)),
        RecordType::Cname | RecordType::Ns => Ok((host_target(at(0)?, origin)?, None)),
        RecordType::Mx => {
            let preference = number(at(0)?, "MX preference")?;
            Ok((host_target(at(1)?, origin)?, Some(preference)))
        }
        RecordType::Srv => {
            let priority = number(at(0)?, "SRV priority")?;
            let weight = plain_text(at(1)?)?;
            let port = plain_text(at(2)?)?;
            let target = at(3)?;
            let target =
                if target.raw == "." { ".".to_string() } else { host_target(target, origin)? };
            Ok((format!("{weight} {port} {target}"), Some(priority)))
        }
        RecordType::Caa => {
            let flags = plain_text(at(0)?)?;
            let tag = plain_text(at(1)?)?;
            let property = plain_text(at(2)?)?;
            Ok((format!("{flags} {tag} \"{property}\""), None))
        }
        RecordType::Txt => {
            // The strings of one record are one text (RFC 7208 §3.3, RFC 6376 §3.6.2.2).
            let mut octets = Vec::new();
            for token in data {
                octets.extend(decode_text(&token.raw)?);
            }
            let text = String::from_utf8(octets).map_err(|_| {
                "The TXT text holds octets that are not UTF-8 text, which the API cannot store."
                    .to_string()
            })?;
            // The zone-file form is read back to exactly this text, where the bare text would
            // lose a layer of quotes if it looked quoted itself.
            Ok((txt_to_zone_strings(&text), None))
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A value that is text, escapes decoded, which must be UTF-8.
fn plain_text(token: &Token) -> Result<String, String> {
    let octets = decode_text(&token.raw)?;
    String::from_utf8(octets)
        .map_err(|_| format!("{} holds octets that are not UTF-8 text.", token.raw))
}

/// A decimal number for a priority; the range is left to `validate_record`.
fn number(token: &Token, what: &str) -> Result<i64, String> {
    let text = token.raw.as_str();
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<i64>() {
        Ok(number) if digits && !token.quoted => Ok(number),
        _ => Err(format!("The {what} must be a whole number from 0 to 65535, and {text} is not.")),
    }
}

/// A host target made absolute with `origin` (RFC 1035 §5.1), with one final dot.
fn host_target(token: &Token, origin: &str) -> Result<String, String> {
    let name = absolute_name(token, origin)?;
    Ok(format!("{name}."))
}

/// Whether absolute `name` is `zone` or below it.
fn in_zone(name: &str, zone: &str) -> bool {
    name == zone
        || name
            .len()
            .checked_sub(zone.len() + 1)
            .and_then(|split| name.get(split..))
            .and_then(|tail| tail.strip_prefix('.'))
            .is_some_and(|tail| tail == zone)
}

/// The absolute name `token` stands for, lower-case, without the final dot: `@` is the
/// origin, and a name without a final dot is completed with it.
fn absolute_name(token: &Token, origin: &str) -> Result<String, String> {
    if token.raw == "@" && !token.quoted {
        return Ok(origin.to_string());
    }
    let (name, absolute) = decode_name(token)?;
    let name = name.to_ascii_lowercase();
    if absolute {
        return Ok(name.strip_suffix('.').unwrap_or(&name).to_string());
    }
    if origin.is_empty() { Ok(name) } else { Ok(format!("{name}.{origin}")) }
}

/// The text of a name with its escapes decoded, and whether it ends in a dot. A dot escaped
/// into a label, or an octet outside ASCII, makes a name the API cannot store.
fn decode_name(token: &Token) -> Result<(String, bool), String> {
    if token.quoted {
        return Err(format!("\"{}\" is in quotes, but a name is never quoted.", token.raw));
    }
    let raw = token.raw.as_str();
    let mut name = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    // Only a final dot that is not escaped ends a name (`a\\.` does, `a\.` does not).
    let mut absolute = false;
    while let Some(c) = chars.next() {
        absolute = c == '.';
        if c != '\\' {
            name.push(c);
            continue;
        }
        let decoded = match chars.next() {
            Some(digit) if digit.is_ascii_digit() => {
                let octet = decimal_escape(digit, &mut chars)?;
                char::from(octet)
            }
            Some(other) => other,
            None => return Err(format!("The name {raw} ends in a lone backslash.")),
        };
        if decoded == '.' || !decoded.is_ascii() {
            return Err(format!(
                "The name {raw} holds an escaped {}, which no name the API stores can hold.",
                if decoded == '.' { "dot inside a label".to_string() } else { describe(decoded) }
            ));
        }
        name.push(decoded);
    }
    Ok((name, absolute))
}

fn describe(c: char) -> String {
    format!("character U+{:04X}", u32::from(c))
}

/// The octet of a `\DDD` escape (RFC 1035 §5.1) whose first digit is `first`.
fn decimal_escape(first: char, rest: &mut std::str::Chars<'_>) -> Result<u8, String> {
    let mut value = first.to_digit(10).unwrap_or(0);
    for _ in 0..2 {
        match rest.next().and_then(|c| c.to_digit(10)) {
            Some(digit) => value = value * 10 + digit,
            None => {
                return Err(
                    "A \\DDD escape needs exactly three digits, such as \\032 for a space."
                        .to_string(),
                );
            }
        }
    }
    u8::try_from(value).map_err(|_| format!("\\{value} is not an octet; \\DDD is at most \\255."))
}

/// The octets of a quoted or unquoted value with its escapes decoded (RFC 1035 §5.1).
fn decode_text(raw: &str) -> Result<Vec<u8>, String> {
    let mut octets = Vec::with_capacity(raw.len());
    let mut chars = raw.chars();
    let mut buffer = [0u8; 4];
    while let Some(c) = chars.next() {
        let c = if c == '\\' {
            match chars.next() {
                Some(digit) if digit.is_ascii_digit() => {
                    octets.push(decimal_escape(digit, &mut chars)?);
                    continue;
                }
                Some(other) => other,
                None => return Err("The value ends in a lone backslash.".to_string()),
            }
        } else {
            c
        };
        octets.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
    }
    Ok(octets)
}

/// The fields before a record's data: TTL and class in either order, then the type.
struct Header<'a> {
    ttl: Option<u32>,
    /// Upper case.
    class: Option<String>,
    record_type: Option<&'a Token>,
    /// The index of the first data token.
    next: usize,
}

impl<'a> Header<'a> {
    /// Reads the header from `tokens`, starting after the owner at `first`.
    fn read(tokens: &'a [Token], first: usize) -> Result<Header<'a>, String> {
        let mut header = Header { ttl: None, class: None, record_type: None, next: first };
        while let Some(token) = tokens.get(header.next).filter(|token| !token.quoted) {
            if header.class.is_none() && is_class(&token.raw) {
                header.class = Some(token.raw.to_ascii_uppercase());
            } else if header.ttl.is_none() && token.raw.starts_with(|c: char| c.is_ascii_digit()) {
                header.ttl = Some(parse_ttl(&token.raw)?);
            } else {
                break;
            }
            header.next += 1;
        }
        header.record_type = tokens.get(header.next);
        header.next += 1;
        Ok(header)
    }
}

/// A TTL as BIND reads it: seconds, or numbers each with a unit (`1h30m`, `2d`, `1W`).
fn parse_ttl(text: &str) -> Result<u32, String> {
    let invalid = || {
        format!(
            "{text} is not a TTL: write seconds, such as 3600, or a duration such as 1h30m \
             (w, d, h, m and s stand for weeks, days, hours, minutes and seconds)."
        )
    };
    let too_large = || format!("The TTL {text} is too large; the most the API allows is a week.");

    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    let mut has_unit = false;
    for c in text.chars() {
        if let Some(digit) = c.to_digit(10) {
            let grown =
                number.unwrap_or(0).checked_mul(10).and_then(|n| n.checked_add(digit.into()));
            number = Some(grown.ok_or_else(too_large)?);
            continue;
        }
        let unit: u64 = match c.to_ascii_lowercase() {
            'w' => 604_800,
            'd' => 86_400,
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(invalid()),
        };
        let count = number.take().ok_or_else(invalid)?;
        let seconds = count.checked_mul(unit).ok_or_else(too_large)?;
        total = total.checked_add(seconds).ok_or_else(too_large)?;
        has_unit = true;
    }
    match (number, has_unit) {
        (Some(seconds), false) => total = seconds,
        // A bare number after a unit (`1h30`) could mean minutes or seconds.
        (Some(_), true) | (None, false) => return Err(invalid()),
        (None, true) => {}
    }
    u32::try_from(total).map_err(|_| too_large())
}

/// The classes of RFC 1035 §3.2.4 and RFC 3597's `CLASSnn`.
fn is_class(word: &str) -> bool {
    let upper = word.to_ascii_uppercase();
    matches!(upper.as_str(), "IN" | "CH" | "CS" | "HS" | "ANY" | "NONE")
        || is_numbered(&upper, "CLASS")
}

fn is_numbered(upper: &str, prefix: &str) -> bool {
    upper
        .strip_prefix(prefix)
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

/// Record types in use besides the API's, from the IANA registry, and RFC 3597's `TYPEnn`.
// One name after another reads better than one a line, and rustfmt would split them.
#[rustfmt::skip]
const OTHER_TYPES: &[&str] = &[
    "SOA", "PTR", "SSHFP", "TLSA", "DS", "DNSKEY", "HTTPS", "SVCB", "SPF", "NAPTR", "LOC", "HINFO",
    "RP", "AFSDB", "CERT", "DNAME", "URI", "OPENPGPKEY", "SMIMEA", "CDS", "CDNSKEY", "RRSIG",
    "NSEC", "NSEC3", "NSEC3PARAM", "ZONEMD", "KEY", "SIG", "APL", "DHCID", "IPSECKEY", "CSYNC",
    "HIP", "MINFO", "MB", "MG", "MR", "WKS", "X25", "ISDN", "RT", "KX", "EUI48", "EUI64", "NID",
    "L32", "L64", "LP", "AVC", "RESINFO", "WALLET", "DLV", "TA", "NXT", "MD", "MF", "NULL", "A6",
    "GPOS", "PX", "NSAP", "NSAP-PTR", "ATMA", "SINK", "TKEY", "TSIG",
];

fn is_type_mnemonic(word: &str) -> bool {
    let upper = word.to_ascii_uppercase();
    upper.parse::<RecordType>().is_ok()
        || OTHER_TYPES.contains(&upper.as_str())
        || is_numbered(&upper, "TYPE")
}

/// One token of an entry: quotes removed, escapes left for the caller to decode, since a
/// name and a text decode them differently.
#[derive(Debug)]
struct Token {
    raw: String,
    quoted: bool,
}

/// One entry of the file before it is interpreted.
#[derive(Debug)]
struct RawEntry {
    line: usize,
    /// The entry's first line starts with a blank, so it repeats the previous owner.
    owner_blank: bool,
    tokens: Vec<Token>,
    source: String,
    /// What is wrong with the entry's syntax, if anything.
    problem: Option<String>,
}

impl RawEntry {
    fn new(line: usize, owner_blank: bool) -> RawEntry {
        RawEntry { line, owner_blank, tokens: Vec::new(), source: String::new(), problem: None }
    }

    /// The directive (`$ORIGIN`, `$TTL`, ...) this entry is, if it is one.
    fn directive(&self) -> Option<&str> {
        let first = self.tokens.first().filter(|token| !token.quoted && !self.owner_blank)?;
        first.raw.starts_with('$').then_some(first.raw.as_str())
    }

    fn add_problem(&mut self, problem: String) {
        // The first problem is the one to fix first; later ones often follow from it.
        self.problem.get_or_insert(problem);
    }
}

/// Cuts `text` into entries: lines, joined while a parenthesis is open (RFC 1035 §5.1).
fn split_entries(text: &str) -> Vec<RawEntry> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut splitter = Splitter {
        entries: Vec::new(),
        current: RawEntry::new(1, starts_blank(text)),
        word: None,
        depth: 0,
        paren_line: 1,
        line: 1,
        line_text: String::new(),
    };

    let mut chars = text.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        match c {
            '"' => {
                splitter.end_word();
                splitter.line_text.push(c);
                splitter.quoted(&mut chars);
            }
            ';' => {
                // A comment runs to the end of the line, which still ends the line.
                while chars.next_if(|&(_, next)| next != '\n').is_some() {}
            }
            '(' => {
                splitter.end_word();
                splitter.line_text.push(c);
                if splitter.depth == 0 {
                    splitter.paren_line = splitter.line;
                }
                splitter.depth += 1;
            }
            ')' => {
                splitter.end_word();
                splitter.line_text.push(c);
                if splitter.depth == 0 {
                    let line = splitter.line;
                    splitter.current.add_problem(format!(
                        "The ) on line {line} closes no parenthesis; remove it, or add the ( \
                         that belongs before it."
                    ));
                } else {
                    splitter.depth -= 1;
                }
            }
            '\\' => {
                // An escaped character is part of the word whatever it is, except a line end.
                let word = splitter.word.get_or_insert_with(String::new);
                word.push(c);
                splitter.line_text.push(c);
                if let Some((_, next)) = chars.next_if(|&(_, next)| next != '\n') {
                    word.push(next);
                    splitter.line_text.push(next);
                }
            }
            '\n' => {
                splitter.end_word();
                splitter.end_line();
                let rest = text.get(index + 1..).unwrap_or("");
                if splitter.depth > 0 && !starts_new_entry(rest) {
                    continue;
                }
                if splitter.depth > 0 {
                    let (opened, next) = (splitter.paren_line, splitter.line);
                    splitter.current.add_problem(format!(
                        "The parenthesis opened on line {opened} is not closed before line \
                         {next}, where a new record starts; add the closing )."
                    ));
                }
                splitter.end_entry(starts_blank(rest));
            }
            ' ' | '\t' | '\r' => {
                splitter.end_word();
                if c != '\r' {
                    splitter.line_text.push(c);
                }
            }
            _ => {
                splitter.word.get_or_insert_with(String::new).push(c);
                splitter.line_text.push(c);
            }
        }
    }

    splitter.end_word();
    splitter.end_line();
    if splitter.depth > 0 {
        let opened = splitter.paren_line;
        splitter.current.add_problem(format!(
            "The parenthesis opened on line {opened} is never closed; add the closing ) after \
             the record's last value."
        ));
    }
    splitter.end_entry(false);
    splitter.entries
}

/// Whether a line starts with a blank, which makes it repeat the previous owner.
fn starts_blank(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

/// The state of [`split_entries`].
struct Splitter {
    entries: Vec<RawEntry>,
    current: RawEntry,
    word: Option<String>,
    depth: usize,
    /// The line of the outermost open parenthesis.
    paren_line: usize,
    line: usize,
    /// The current line's text, without its comment.
    line_text: String,
}

impl Splitter {
    /// Reads a quoted string after its opening quote. A line end inside it means the closing
    /// quote is missing: the entry ends there, so the lines after it are read on their own.
    fn quoted(&mut self, chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) {
        let opened = self.line;
        let mut string = String::new();
        while let Some((_, c)) = chars.next() {
            match c {
                '"' => {
                    self.line_text.push(c);
                    self.current.tokens.push(Token { raw: string, quoted: true });
                    return;
                }
                '\\' => {
                    string.push(c);
                    self.line_text.push(c);
                    if let Some((_, next)) = chars.next_if(|&(_, next)| next != '\n') {
                        string.push(next);
                        self.line_text.push(next);
                    }
                }
                '\n' => {
                    self.end_line();
                    self.current.add_problem(format!(
                        "The quoted text that starts on line {opened} is not closed on that \
                         line; add the closing \"."
                    ));
                    let next_blank =
                        chars.peek().is_some_and(|&(_, next)| next == ' ' || next == '\t');
                    self.end_entry(next_blank);
                    return;
                }
                '\r' => {}
                _ => {
                    string.push(c);
                    self.line_text.push(c);
                }
            }
        }
        self.current.add_problem(format!(
            "The quoted text that starts on line {opened} is never closed; add the closing \"."
        ));
    }

    fn end_word(&mut self) {
        if let Some(word) = self.word.take() {
            self.current.tokens.push(Token { raw: word, quoted: false });
        }
    }

    /// Ends a physical line: its text joins the entry's source, and the line count moves on.
    fn end_line(&mut self) {
        let text = self.line_text.trim();
        if !text.is_empty() {
            if !self.current.source.is_empty() {
                self.current.source.push(' ');
            }
            self.current.source.push_str(text);
        }
        self.line_text.clear();
        self.line += 1;
    }

    /// Ends the current entry, keeping it if it holds anything, and starts the next.
    fn end_entry(&mut self, next_owner_blank: bool) {
        self.depth = 0;
        let next = RawEntry::new(self.line, next_owner_blank);
        let entry = std::mem::replace(&mut self.current, next);
        if !entry.tokens.is_empty() || entry.problem.is_some() {
            self.entries.push(entry);
        }
    }
}

/// Whether a line met while a parenthesis is open plainly starts a new entry, which means
/// the parenthesis was never closed. Only the shapes a record's data never takes count: a
/// directive, a name at the start of the line followed by a class or type, or a blank-owner
/// line that starts with a class (or a TTL and a class). Data lines of an SOA or a long TXT
/// are numbers, names or quoted strings and never match.
///
/// Limitation: a valid file whose data, inside parentheses, continues at the very start of a
/// line with a word followed by a type or class name (unquoted TXT words such as `a mx -all`
/// written at column 0) is cut there and reported as an unclosed parenthesis, because only a
/// guess can tell such a line from a new record; BIND reads it, and quoting the text or
/// indenting the line makes this reader read it too.
fn starts_new_entry(rest: &str) -> bool {
    let line = rest.split('\n').next().unwrap_or("");
    let content = line.split(';').next().unwrap_or("");
    if content.starts_with('$') {
        return true;
    }

    let words: Vec<&str> = content.split_whitespace().take(4).collect();
    let Some(first) = words.first() else {
        return false;
    };
    if first.starts_with(['"', '(', ')']) {
        return false;
    }
    let second_is_class = words.get(1).is_some_and(|word| is_class(word));
    if starts_blank(content) {
        return is_class(first) || (parse_ttl(first).is_ok() && second_is_class);
    }

    // Words of an SPF or DKIM text (`v=spf1`, `include:x`) and numbers are data, not names.
    let data_like =
        first.contains(['=', ':', '/']) || first.starts_with(|c: char| c.is_ascii_digit());
    !data_like && words.iter().skip(1).any(|word| is_class(word) || is_type_mnemonic(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone() -> DomainName {
        DomainName::parse("example.com").expect("example.com is a domain")
    }

    fn kinds(text: &str) -> Vec<(usize, EntryKind)> {
        read_zone_file(text, &zone()).into_iter().map(|entry| (entry.line, entry.kind)).collect()
    }

    fn record(kind: &EntryKind) -> Option<(&str, &str, &str, u32, Option<u16>)> {
        match kind {
            EntryKind::Record { record, .. } => Some((
                record.record_type.as_str(),
                record.name.as_str(),
                record.value.as_str(),
                record.ttl.seconds(),
                record.priority,
            )),
            _ => None,
        }
    }

    fn reason(kind: &EntryKind) -> &str {
        match kind {
            EntryKind::Unreadable { reason } => reason,
            _ => "",
        }
    }

    #[test]
    fn ttl_units_in_any_case() {
        let rows = [
            ("3600", Ok(3600)),
            ("1h30m", Ok(5400)),
            ("2d", Ok(172_800)),
            ("1W", Ok(604_800)),
            ("60s", Ok(60)),
            ("1H1m1S", Ok(3661)),
            ("0", Ok(0)),
            ("4294967295", Ok(u32::MAX)),
        ];
        for (text, want) in rows {
            assert_eq!(parse_ttl(text), want, "{text}");
        }
        for text in ["1h30", "h", "1x", "4294967296", "99999999999999999999999", "1.5h", ""] {
            assert!(parse_ttl(text).is_err(), "{text}");
        }
    }

    #[test]
    fn ttl_and_class_in_either_order_and_defaults() {
        let text = "a IN 300 A 192.0.2.1\nb 400 IN A 192.0.2.2\nc A 192.0.2.3\n$TTL 2h\n\
                    d A 192.0.2.4\ne in a 192.0.2.5\n";
        let ttls: Vec<u32> =
            kinds(text).iter().filter_map(|(_, kind)| record(kind)).map(|r| r.3).collect();
        assert_eq!(ttls, [300, 400, 400, 7200, 7200]);
    }

    #[test]
    fn without_any_ttl_the_contract_default_is_used() {
        let entries = kinds("www A 192.0.2.1");
        assert_eq!(record(&entries[0].1), Some(("A", "www", "192.0.2.1", 3600, None)));
    }

    #[test]
    fn blank_owner_repeats_the_previous_one_and_needs_one() {
        let entries = kinds(" A 192.0.2.1\nwww A 192.0.2.2\n\tAAAA 2001:db8::1\n");
        assert!(reason(&entries[0].1).contains("no record comes before it"), "{entries:?}");
        assert_eq!(record(&entries[2].1).map(|r| r.1), Some("www"));

        let entries = kinds("www A 192.0.2.1\nbad\\.name A 192.0.2.2\n  TXT hi\n");
        assert!(reason(&entries[2].1).contains("owner name of line 2"), "{entries:?}");
    }

    #[test]
    fn unclosed_parenthesis_stops_at_a_new_record() {
        let text = "a TXT ( \"one\"\n  \"two\"\nb A 192.0.2.1\n";
        let entries = kinds(text);
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert!(reason(&entries[0].1).contains("opened on line 1"), "{entries:?}");
        assert_eq!(entries[1].0, 3);
        assert_eq!(record(&entries[1].1).map(|r| r.2), Some("192.0.2.1"));
    }

    #[test]
    fn unclosed_quote_stops_at_its_line_end() {
        let entries = kinds("a TXT \"one\nb A 192.0.2.1\n");
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert!(reason(&entries[0].1).contains("starts on line 1"), "{entries:?}");
        assert_eq!(record(&entries[1].1).map(|r| r.1), Some("b"));
    }

    #[test]
    fn escapes_in_names_and_text() {
        let text = "w\\119w A 192.0.2.1\nt TXT \"a\\\"b\\\\c\\059\" d\\;e\nx\\.y A 192.0.2.1\n";
        let entries = kinds(text);
        assert_eq!(record(&entries[0].1).map(|r| r.1), Some("www"));
        assert_eq!(record(&entries[1].1).map(|r| r.2), Some("a\"b\\c;d;e"));
        assert!(reason(&entries[2].1).contains("dot inside a label"), "{entries:?}");

        let name = |raw: &str| decode_name(&Token { raw: raw.to_string(), quoted: false });
        assert_eq!(name("a\\\\."), Ok(("a\\.".to_string(), true)));
        assert_eq!(name("a.b."), Ok(("a.b.".to_string(), true)));
        assert_eq!(name("a.b"), Ok(("a.b".to_string(), false)));
        assert!(name("a\\.").is_err());
    }

    #[test]
    fn suggested_domain_from_origin_or_soa() {
        let rows = [
            ("$ORIGIN Example.COM.\n@ SOA a b 1 2 3 4 5", Some("example.com")),
            ("$origin sub\nexample.org. IN SOA a. b. 1 2 3 4 5", Some("example.org")),
            ("example.net. 300 IN SOA a. b. ( 1 2 3 4 5 )", Some("example.net")),
            ("@ IN SOA a. b. 1 2 3 4 5", None),
            ("www A 192.0.2.1", None),
            ("", None),
        ];
        for (text, want) in rows {
            assert_eq!(suggested_domain(text).as_deref(), want, "{text}");
        }
    }
}
