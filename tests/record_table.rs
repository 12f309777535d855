//! The record table's plain rules, in the browser they run in: the view read from and written
//! to the URL, DNS order, filtering, and how clicks change the selection.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

use std::cmp::Ordering;
use std::collections::HashMap;

use dns_dashboard::records::query::{SortKey, TableQuery, dns_order};
use dns_dashboard::records::selection::Selection;
use dns_dashboard::shortcuts::Shortcut;
use dns_rules::api::Record;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn record(uuid: &str, record_type: &str, name: &str, value: &str, ttl: u32) -> Record {
    Record {
        uuid: uuid.to_owned(),
        zone: String::new(),
        record_type: record_type.to_owned(),
        name: name.to_owned(),
        value: value.to_owned(),
        ttl,
        priority: None,
        created_at: String::new(),
        updated_at: String::new(),
    }
}

/// Reads a query string the way the router hands it over: decoded values by key.
fn parse(search: &str) -> TableQuery {
    let params: HashMap<String, String> = search
        .split('&')
        .filter_map(|part| part.split_once('='))
        .map(|(k, v)| {
            let value = js_sys::decode_uri_component(v).unwrap();
            (k.to_owned(), String::from(value))
        })
        .collect();
    TableQuery::from_params(|key| params.get(key).cloned())
}

#[wasm_bindgen_test]
fn dns_order_compares_labels_from_the_right() {
    let mut names = vec!["www", "b.a", "@", "a", "*.a", "mail", "A.b", "z.a", "_dmarc", "a.b"];
    names.sort_by(|a, b| dns_order(a, b));
    // The apex first; a name before the names below it; `*` (0x2a) before letters and `_`
    // (0x5f) after digits and before lower-case letters, as octets compare.
    assert_eq!(names, vec!["@", "_dmarc", "a", "*.a", "b.a", "z.a", "A.b", "a.b", "mail", "www"]);
    assert_eq!(dns_order("WWW", "www"), Ordering::Equal, "case does not count");
    assert_eq!(dns_order("@", ""), Ordering::Equal, "@ and empty are both the apex");
}

#[wasm_bindgen_test]
fn the_view_goes_through_the_url_and_back() {
    let cases = [
        TableQuery::default(),
        TableQuery { text: "mail & co/ü?".into(), ..TableQuery::default() },
        TableQuery { types: vec!["MX".into(), "TXT".into()], ..TableQuery::default() },
        TableQuery { sort: SortKey::Ttl, descending: true, ..TableQuery::default() },
        TableQuery { sort: SortKey::Value, ..TableQuery::default() },
    ];
    for view in cases {
        let search = view.to_query_string();
        assert_eq!(parse(&search), view, "through {search:?}");
    }
    assert_eq!(TableQuery::default().to_query_string(), "", "the default view adds nothing");
}

#[wasm_bindgen_test]
fn a_hand_edited_url_is_read_leniently() {
    let view = parse("type=mx,,txt,MX&sort=-height");
    assert_eq!(view.types, vec!["MX".to_owned(), "TXT".to_owned()]);
    assert_eq!((view.sort, view.descending), (SortKey::Name, false), "unknown sort: default");
    assert_eq!(parse("sort=-value").sort, SortKey::Value);
}

#[wasm_bindgen_test]
fn sorting_twice_by_a_column_turns_it_round() {
    let view = TableQuery::default();
    let by_ttl = view.sorted_by(SortKey::Ttl);
    assert_eq!((by_ttl.sort, by_ttl.descending), (SortKey::Ttl, false));
    let back = by_ttl.sorted_by(SortKey::Ttl);
    assert_eq!((back.sort, back.descending), (SortKey::Ttl, true));
    assert!(!back.sorted_by(SortKey::Type).descending, "a new column starts ascending");
}

#[wasm_bindgen_test]
fn the_filter_looks_in_names_and_values_and_types() {
    let records = vec![
        record("1", "A", "www", "192.0.2.1", 3600),
        record("2", "MX", "@", "Mail.example.com", 300),
        record("3", "TXT", "mail", "v=spf1 -all", 60),
        record("4", "AAAA", "www", "2001:db8::1", 3600),
    ];
    let uuids = |view: &TableQuery| {
        let sorted = view.sorted(&records);
        view.filtered(&records, &sorted)
            .iter()
            .map(|&i| records[i].uuid.clone())
            .collect::<Vec<_>>()
    };

    let mail = TableQuery { text: "MAIL".into(), ..TableQuery::default() };
    assert_eq!(uuids(&mail), vec!["2", "3"], "in the value of one, the name of the other");
    assert!(mail.is_filtering());

    let mx_or_txt = TableQuery::default().toggled_type("mx").toggled_type("TXT");
    assert_eq!(uuids(&mx_or_txt), vec!["2", "3"]);
    assert_eq!(uuids(&mx_or_txt.toggled_type("MX")), vec!["3"], "a second toggle removes it");

    let by_ttl_down = TableQuery { sort: SortKey::Ttl, descending: true, ..TableQuery::default() };
    assert_eq!(uuids(&by_ttl_down), vec!["1", "4", "2", "3"], "ties by name, then type");
    assert_eq!(uuids(&TableQuery::default()), vec!["2", "3", "1", "4"], "DNS order by name");
}

#[wasm_bindgen_test]
fn a_shift_click_takes_the_range_from_the_last_click() {
    let shown: Vec<String> = (1..=6).map(|n| n.to_string()).collect();
    let mut selection = Selection::default();

    selection.click("2", false, &shown);
    selection.click("5", true, &shown);
    assert_eq!(selection.count_in(&shown), 4, "2 to 5");
    assert!(["2", "3", "4", "5"].iter().all(|u| selection.contains(u)));

    // A shift-click on a chosen box clears the range up to it.
    selection.click("3", true, &shown);
    assert!(!selection.contains("3") && !selection.contains("4") && !selection.contains("5"));
    assert!(selection.contains("2"));

    // Without an earlier click a shift-click is a plain click.
    let mut fresh = Selection::default();
    fresh.click("4", true, &shown);
    assert_eq!(fresh.len(), 1);
}

#[wasm_bindgen_test]
fn select_all_takes_what_is_shown_and_then_none() {
    let shown: Vec<String> = ["a", "b", "c"].map(str::to_owned).to_vec();
    let mut selection = Selection::default();
    selection.click("z", false, &[]);
    selection.toggle_all(&shown);
    assert_eq!(selection.len(), 4, "the shown ones join what was chosen");
    selection.toggle_all(&shown);
    assert_eq!(selection.len(), 1, "all shown were chosen: now none of them");
    selection.retain(|u| u != "z");
    assert!(selection.is_empty());
}

#[wasm_bindgen_test]
fn shortcut_keys() {
    assert_eq!(Shortcut::from_key("/"), Some(Shortcut::Search));
    assert_eq!(Shortcut::from_key("n"), Some(Shortcut::New));
    assert_eq!(Shortcut::from_key("N"), None, "Shift+N is not a shortcut");
    assert_eq!(Shortcut::New.mark(), "new");
}
