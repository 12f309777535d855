//! The shared rules' advice in both languages: in English it is the rules' own sentence, word
//! for word, and in Albanian a sentence of its own that names the same values.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::collections::BTreeSet;

use dns_dashboard::i18n::{I18n, Lang, rule_message};
use dns_rules::{DomainName, OwnerName, RecordInput, RuleArg, RuleError, validate_record};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The English catalog, to find every rule code that needs an input below.
const ENGLISH_RULES: &str = include_str!("../src/i18n/catalogs/en/rules.txt");

/// Codes no input can reach in the browser: IDNA is checked only on the server, where the
/// `idna` feature is on.
const SERVER_ONLY: [&str; 1] = ["name.idna_invalid"];

fn zone() -> DomainName {
    DomainName::parse("example.com").unwrap()
}

fn domain(input: &str) -> RuleError {
    DomainName::parse(input).expect_err(input)
}

fn owner(input: &str) -> RuleError {
    OwnerName::parse(input, &zone()).expect_err(input)
}

fn record(record_type: &str, value: &str, ttl: Option<i64>, priority: Option<i64>) -> RuleError {
    record_at(record_type, "www", value, ttl, priority)
}

fn record_at(
    record_type: &str,
    name: &str,
    value: &str,
    ttl: Option<i64>,
    priority: Option<i64>,
) -> RuleError {
    let input = RecordInput { record_type, name, value, ttl, priority };
    validate_record(&zone(), &input).expect_err(value)
}

/// One refused input for every rule code the browser can reach.
fn every_rule_error() -> Vec<RuleError> {
    let long_label = "a".repeat(64);
    let long_owner = vec!["a".repeat(60); 4].join(".");
    let long_domain = vec!["a".repeat(63); 4].join(".");
    let long_text = "a".repeat(5000);
    vec![
        domain(""),
        domain("example"),
        domain(&format!("{long_label}.com")),
        domain("ex ample.com"),
        domain("ex\tample.com"),
        domain("-ab.com"),
        domain("a..com"),
        domain(&long_domain),
        domain("example.123"),
        domain("bücher.example"),
        domain("example\u{2013}x.com"),
        owner(""),
        owner("www.example.net."),
        owner("www.example.com.example.com"),
        owner("www.@"),
        owner("www.*"),
        owner(&long_owner),
        owner("a!b"),
        owner("it\u{2019}s"),
        owner("a\u{00A0}b"),
        record("X", "192.0.2.1", None, None),
        record("A", "192.0.2.1", Some(1), None),
        record_at("NS", "*", "ns1.example.net", None, None),
        record("A", "", None, None),
        record("A", "2001:db8::1", None, None),
        record("A", "mail.example.com", None, None),
        record("A", "192.0.2.01", None, None),
        record("A", "192.0.2.300", None, None),
        record("AAAA", "192.0.2.1", None, None),
        record("AAAA", "[2001:db8::1]", None, None),
        record("AAAA", "fe80::1%eth0", None, None),
        record("AAAA", "xyz", None, None),
        record("CNAME", "", None, None),
        record("CNAME", "192.0.2.1", None, None),
        record("CNAME", ".", None, None),
        record("CNAME", "mail", None, None),
        record("NS", "", None, None),
        record("MX", "10 mail.example.com", None, Some(10)),
        record("MX", "mail", None, Some(10)),
        record("SRV", "10 5 5060 sip.example.com", None, Some(1)),
        record("SRV", "5 5060", None, Some(1)),
        record("SRV", "5 70000 sip.example.com", None, Some(1)),
        record("SRV", "x 5060 sip.example.com", None, Some(1)),
        record("SRV", "5 5060 sip", None, Some(1)),
        record("CAA", "0", None, None),
        record("CAA", "256 issue \"ca.example\"", None, None),
        record("CAA", "0 foo \"ca.example\"", None, None),
        record("CAA", "0 issue 'ca.example'", None, None),
        record("CAA", "0 issue \"ca.example", None, None),
        record("CAA", "0 issue ca example", None, None),
        record("CAA", "0 issue \"ca\\x\"", None, None),
        record("CAA", "0 issue \"cä.example\"", None, None),
        record("CAA", "0 issue \u{201C}ca.example\u{201D}", None, None),
        record("TXT", "", None, None),
        record("TXT", &long_text, None, None),
        record("TXT", "v=spf1 \u{2212}all", None, None),
        record("MX", "mail.example.com", None, None),
        record("MX", "mail.example.com", None, Some(70_000)),
        record("A", "192.0.2.1", None, Some(5)),
        record("TXT", "hello", None, Some(5)),
    ]
}

/// `error` in `lang`, as the dashboard shows it.
fn shown_in(lang: Lang, error: &RuleError) -> String {
    Owner::new().with(|| {
        provide_context(I18n::fixed(lang));
        rule_message(error)
    })
}

#[wasm_bindgen_test]
fn every_rule_code_has_an_input_here() {
    let tested: BTreeSet<&str> = every_rule_error().iter().map(|error| error.code).collect();
    let codes = ENGLISH_RULES
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(key, _)| key))
        .filter_map(|key| key.strip_prefix("rules."))
        .filter(|code| !code.starts_with("fragment."));

    for code in codes.filter(|code| !SERVER_ONLY.contains(code)) {
        assert!(tested.contains(code), "no input above gives rule code {code}");
    }
}

#[wasm_bindgen_test]
fn english_is_the_rules_own_sentence() {
    for error in every_rule_error() {
        assert_eq!(shown_in(Lang::En, &error), error.message, "{}", error.code);
    }
}

#[wasm_bindgen_test]
fn albanian_is_its_own_sentence_with_every_value() {
    let albanian = I18n::fixed(Lang::Sq);
    for error in every_rule_error() {
        let shown = shown_in(Lang::Sq, &error);
        let code = error.code;

        assert!(!shown.trim().is_empty(), "{code}");
        assert_ne!(shown, error.message, "{code} is not translated");
        assert!(!shown.contains('{'), "{code} leaves a placeholder: {shown}");
        for (name, arg) in &error.args {
            let value = match arg {
                RuleArg::Text(text) => text.clone(),
                RuleArg::Fragment(fragment) => {
                    let words = albanian.t(&format!("rules.{}", fragment.code));
                    assert_ne!(words, fragment.english, "{} is not translated", fragment.code);
                    words
                }
            };
            assert!(shown.contains(&value), "{code}: {name} = {value:?} missing from {shown}");
        }
    }
}
