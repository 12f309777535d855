//! Internationalised domain names in the browser.
//!
//! To A-labels the browser's own URL parser converts (it implements UTS #46), so the wasm
//! download carries no Unicode tables. Back to Unicode, for display only, a small RFC 3492
//! Punycode decoder suffices.

use dns_rules::DomainName;

use crate::i18n::{rule_message, t, tf};

/// Characters a URL gives a meaning of its own, which the URL parser would not keep in a
/// host name.
const NOT_IN_A_DOMAIN: &str = "/\\:@?#%[] ";

/// A domain as typed, checked and converted to the form the API stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedDomain {
    pub ascii: DomainName,
    /// The Unicode form, when it differs from the stored one.
    pub unicode: Option<String>,
}

/// Checks a domain the way the server will, converting Unicode to A-labels first.
pub fn check_domain(input: &str) -> Result<TypedDomain, String> {
    let trimmed = input.trim();
    let ascii = if trimmed.is_ascii() { trimmed.to_owned() } else { to_ascii(trimmed)? };
    let ascii = DomainName::parse(&ascii).map_err(|error| rule_message(&error))?;
    let unicode = unicode_form(ascii.as_str());
    Ok(TypedDomain { ascii, unicode })
}

/// The Unicode form of a stored domain, when any label is an A-label.
pub fn unicode_form(domain: &str) -> Option<String> {
    if !domain.split('.').any(|label| label.starts_with("xn--")) {
        return None;
    }
    let labels: Option<Vec<String>> = domain
        .split('.')
        .map(|label| match label.strip_prefix("xn--") {
            Some(encoded) => decode_punycode(encoded),
            None => Some(label.to_owned()),
        })
        .collect();
    labels.map(|labels| labels.join("."))
}

/// A name with Unicode labels in A-label form, by the browser's URL parser; a message for
/// the person when it cannot be converted.
pub fn to_ascii(domain: &str) -> Result<String, String> {
    if domain.contains(|c: char| NOT_IN_A_DOMAIN.contains(c)) {
        return Err(t("zones.idn.bad_characters"));
    }
    ascii_form(domain).ok_or_else(|| tf("zones.idn.not_convertible", &[("domain", domain)]))
}

/// The A-label form of `domain` by the browser's URL parser (which also maps case and
/// normalises as UTS #46 says), or `None` when it is no host name.
pub fn ascii_form(domain: &str) -> Option<String> {
    if domain.is_empty() || domain.contains(|c: char| NOT_IN_A_DOMAIN.contains(c)) {
        return None;
    }
    web_sys::Url::new(&format!("http://{domain}/")).ok().map(|url| url.hostname())
}

/// RFC 3492 §6.2, with the parameters of §5.
fn decode_punycode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;

    let (basic, extended) = match input.rfind('-') {
        Some(at) => (&input[..at], &input[at + 1..]),
        None => ("", input),
    };
    let mut output: Vec<char> = basic.chars().collect();
    let mut n: u32 = 128;
    let mut i: u32 = 0;
    let mut bias: u32 = 72;
    let mut digits = extended.chars();

    while digits.clone().next().is_some() {
        let old_i = i;
        let mut weight: u32 = 1;
        let mut k = BASE;
        loop {
            let digit = match digits.next()? {
                c @ 'a'..='z' => c as u32 - 'a' as u32,
                c @ 'A'..='Z' => c as u32 - 'A' as u32,
                c @ '0'..='9' => c as u32 - '0' as u32 + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(weight)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias + T_MAX {
                T_MAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            weight = weight.checked_mul(BASE - t)?;
            k += BASE;
        }
        let length = u32::try_from(output.len()).ok()? + 1;
        bias = adapt(i - old_i, length, old_i == 0);
        n = n.checked_add(i / length)?;
        i %= length;
        output.insert(usize::try_from(i).ok()?, char::from_u32(n)?);
        i += 1;
    }
    Some(output.into_iter().collect())
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / 700 } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((36 - 1) * 26) / 2 {
        delta /= 36 - 1;
        k += 36;
    }
    k + (36 * delta) / (delta + 38)
}
