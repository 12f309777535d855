//! The zone list in a real browser: searching by either form of a name, sorting by each
//! column both ways, the order and search kept in the URL, the counts, and what the list says
//! when there is nothing to show.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod support;

use dns_dashboard::api::{Api, ApiError};
use dns_dashboard::routes::{Location, Routing};
use dns_dashboard::token::Session;
use dns_dashboard::zones::{ListQuery, Sort, SortKey, ZoneBrowser, ZoneIndex};
use dns_rules::api::Zone;
use leptos::prelude::*;
use leptos::task::tick;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn zone(domain: &str, records: u64, created_at: &str) -> Zone {
    Zone {
        uuid: format!("uuid-{domain}"),
        domain: domain.into(),
        created_at: created_at.into(),
        record_count: records,
        records: None,
    }
}

/// Three zones whose orders by domain, by records and by creation all differ.
fn three_zones() -> Vec<Zone> {
    vec![
        zone("shop.example", 5, "2024-03-01T09:00:00Z"),
        zone("xn--bcher-kva.example", 2, "2023-11-20T08:15:00Z"),
        zone("alpha.example", 9, "2025-01-05T12:00:00Z"),
    ]
}

fn domains(zones: &[Zone]) -> Vec<&str> {
    zones.iter().map(|zone| zone.domain.as_str()).collect()
}

fn query(search: &str, sort: Sort) -> ListQuery {
    ListQuery { search: search.into(), sort }
}

#[wasm_bindgen_test]
fn a_search_finds_a_zone_by_its_unicode_and_its_punycode_form() {
    let index = ZoneIndex::new(&three_zones());
    for search in
        ["bücher", "BÜCHER", "büch", "xn--bcher", "XN--BCHER-KVA.example", "bücher.example."]
    {
        let found = index.select(&query(search, Sort::DEFAULT));
        assert_eq!(domains(&found), ["xn--bcher-kva.example"], "searching {search:?}");
    }
    assert_eq!(index.select(&query("  ", Sort::DEFAULT)).len(), 3, "spaces are no search");
    assert!(index.select(&query("nowhere", Sort::DEFAULT)).is_empty());
}

#[wasm_bindgen_test]
fn zones_sort_by_each_key_in_both_directions() {
    let index = ZoneIndex::new(&three_zones());
    let order = |key, descending| {
        domains(&index.select(&query("", Sort { key, descending })))
            .into_iter()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };

    // By domain, the Unicode form is what a person reads: bücher comes between alpha and shop.
    let by_name = ["alpha.example", "xn--bcher-kva.example", "shop.example"];
    assert_eq!(order(SortKey::Domain, false), by_name);
    assert_eq!(order(SortKey::Domain, true), by_name.into_iter().rev().collect::<Vec<_>>());

    let by_records = ["xn--bcher-kva.example", "shop.example", "alpha.example"];
    assert_eq!(order(SortKey::Records, false), by_records);
    assert_eq!(order(SortKey::Records, true), by_records.into_iter().rev().collect::<Vec<_>>());

    let by_created = ["xn--bcher-kva.example", "shop.example", "alpha.example"];
    assert_eq!(order(SortKey::Created, false), by_created);
    assert_eq!(order(SortKey::Created, true), by_created.into_iter().rev().collect::<Vec<_>>());
}

#[wasm_bindgen_test]
fn equal_keys_fall_back_to_the_domain() {
    let zones = vec![
        zone("b.example", 3, "2024-01-01T00:00:00Z"),
        zone("a.example", 3, "2024-01-01T00:00:00Z"),
    ];
    let index = ZoneIndex::new(&zones);
    for key in [SortKey::Records, SortKey::Created] {
        for descending in [false, true] {
            let found = index.select(&query("", Sort { key, descending }));
            assert_eq!(domains(&found), ["a.example", "b.example"], "{key:?} {descending}");
        }
    }
}

#[wasm_bindgen_test]
fn the_query_string_brings_the_view_back() {
    let sort = Sort { key: SortKey::Created, descending: true };
    let view = query("bücher", sort);
    let text = view.to_query_string();
    assert_eq!(text, "?q=b%C3%BCcher&sort=-created");

    let params = web_sys::UrlSearchParams::new_with_str(&text).unwrap();
    let back = ListQuery::from_params(params.get("q").as_deref(), params.get("sort").as_deref());
    assert_eq!(back, view);

    assert_eq!(ListQuery::default().to_query_string(), "", "the plain view has a plain URL");
    assert_eq!(ListQuery::from_params(None, Some("sideways")).sort, Sort::DEFAULT);
}

#[wasm_bindgen_test]
fn a_column_turns_around_and_a_new_column_starts_its_own_way() {
    let by_domain = Sort::DEFAULT;
    assert_eq!(by_domain.choose(SortKey::Domain), Sort { key: SortKey::Domain, descending: true });
    let by_records = by_domain.choose(SortKey::Records);
    assert_eq!(by_records, Sort { key: SortKey::Records, descending: true }, "most first");
    assert!(!by_records.choose(SortKey::Records).descending, "then fewest first");
    assert_eq!(Sort::parse("-created"), Some(Sort { key: SortKey::Created, descending: true }));
    assert_eq!(Sort::parse("records"), Some(Sort { key: SortKey::Records, descending: false }));
    assert_eq!(Sort::parse("-"), None);
}

type Loaded = Option<Result<Vec<Zone>, ApiError>>;

/// Mounts the zone browser inside a router, at the test page's plain address, with zones that
/// the test sets; returns the wrapper, the zones and how often a retry was asked for.
async fn mount_browser(zones: Loaded) -> (web_sys::HtmlElement, RwSignal<Loaded>, RwSignal<u32>) {
    mount_at("", zones).await
}

/// [`mount_browser`] with `query` (`?q=…`) in the page's address, as after a reload.
async fn mount_at(
    query: &str,
    zones: Loaded,
) -> (web_sys::HtmlElement, RwSignal<Loaded>, RwSignal<u32>) {
    set_query(query);
    let root = wrapper();
    let zones = RwSignal::new(zones);
    let retries = RwSignal::new(0_u32);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let session = Session::in_memory(Some("vps_test".into()));
        provide_context(session);
        support::provide_english();
        provide_context(Api::new("/no-api-here", session));
        provide_context(Location::new(Routing::Address { base: String::new() }));
        view! {
            <ZoneBrowser
                zones=zones
                on_retry=move || retries.update(|n| *n += 1)
                on_deleted=|| ()
            />
        }
    });
    handle.forget();
    tick().await;
    (root, zones, retries)
}

/// Gives the test page's address the query `query` (`""` for none).
fn set_query(query: &str) {
    let window = web_sys::window().unwrap();
    let url = format!("{}{query}", window.location().pathname().unwrap());
    let history = window.history().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)).unwrap();
}

/// Lets the view update until `done` holds, for at most fifty ticks; whether it held.
async fn settled(mut done: impl FnMut() -> bool) -> bool {
    for _ in 0..50 {
        if done() {
            return true;
        }
        tick().await;
    }
    done()
}

fn page_query() -> String {
    web_sys::window().unwrap().location().search().unwrap()
}

/// The address's query once it is `expected` (the page writes it when typing pauses), or
/// what it is after two seconds.
async fn written_query(expected: &str) -> String {
    for _ in 0..40 {
        if page_query() == expected {
            break;
        }
        pause(50).await;
    }
    page_query()
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn shown_domains(root: &web_sys::Element) -> Vec<String> {
    find_all(root, "tbody tr[data-zone]")
        .iter()
        .filter_map(|row| row.get_attribute("data-zone"))
        .collect()
}

/// A side of the box of the element matching `selector` (`top`, `height`), in pixels.
fn box_of(root: &web_sys::Element, selector: &str, side: &str) -> f64 {
    let element = find(root, selector);
    let measure: js_sys::Function =
        js_sys::Reflect::get(&element, &"getBoundingClientRect".into()).unwrap().unchecked_into();
    let rect = measure.call0(&element).unwrap();
    js_sys::Reflect::get(&rect, &side.into()).unwrap().as_f64().unwrap()
}

fn top_of(root: &web_sys::Element, selector: &str) -> f64 {
    box_of(root, selector, "top")
}

#[wasm_bindgen_test]
async fn counts_and_a_search_as_you_type_with_the_url_following() {
    let (root, _, _) = mount_browser(Some(Ok(three_zones()))).await;
    assert_eq!(find(&root, "[data-shortcut='search']").id(), "zone-search");
    assert_eq!(text_of(&root, ".count"), "3 zones · 16 records");
    assert_eq!(shown_domains(&root), ["alpha.example", "xn--bcher-kva.example", "shop.example"]);
    let created = text_of(&root, "tr[data-zone='shop.example'] .created");
    assert!(created.contains("2024") && created.ends_with("UTC"), "{created}");

    type_into(&root, "#zone-search", "bücher").await;
    assert_eq!(shown_domains(&root), ["xn--bcher-kva.example"]);
    assert_eq!(text_of(&root, ".count"), "1 of 3 zones · 2 records");
    assert_eq!(written_query("?q=b%C3%BCcher").await, "?q=b%C3%BCcher");

    type_into(&root, "#zone-search", "xn--bcher").await;
    assert_eq!(shown_domains(&root), ["xn--bcher-kva.example"]);
    assert_eq!(written_query("?q=xn--bcher").await, "?q=xn--bcher");
    let history_length = web_sys::window().unwrap().history().unwrap().length().unwrap();

    type_into(&root, "#zone-search", "").await;
    assert_eq!(shown_domains(&root).len(), 3);
    assert_eq!(written_query("").await, "", "no search, no query");
    let after = web_sys::window().unwrap().history().unwrap().length().unwrap();
    assert_eq!(after, history_length, "typing replaces the address rather than adding to it");
}

#[wasm_bindgen_test]
async fn the_column_headers_sort_and_say_how() {
    let (root, _, _) = mount_browser(Some(Ok(three_zones()))).await;
    let header = |key: &str| find(&root, &format!("th:has(button[data-sort='{key}'])"));
    assert_eq!(header("domain").get_attribute("aria-sort").as_deref(), Some("ascending"));

    click(&root, "button[data-sort='records']").await;
    assert_eq!(shown_domains(&root), ["alpha.example", "shop.example", "xn--bcher-kva.example"]);
    assert_eq!(header("records").get_attribute("aria-sort").as_deref(), Some("descending"));
    assert_eq!(header("domain").get_attribute("aria-sort").as_deref(), Some("none"));
    assert_eq!(written_query("?sort=-records").await, "?sort=-records");

    click(&root, "button[data-sort='records']").await;
    assert_eq!(shown_domains(&root), ["xn--bcher-kva.example", "shop.example", "alpha.example"]);
    assert_eq!(written_query("?sort=records").await, "?sort=records");

    click(&root, "button[data-sort='created']").await;
    assert_eq!(shown_domains(&root), ["alpha.example", "shop.example", "xn--bcher-kva.example"]);
    assert_eq!(header("created").get_attribute("aria-sort").as_deref(), Some("descending"));
    assert_eq!(written_query("?sort=-created").await, "?sort=-created");
    set_query("");
}

#[wasm_bindgen_test]
async fn the_view_starts_from_the_query_in_the_address() {
    let (root, _, _) = mount_at("?q=shop&sort=-created", Some(Ok(three_zones()))).await;
    assert_eq!(value_of(&root, "#zone-search"), "shop");
    assert_eq!(shown_domains(&root), ["shop.example"]);
    let created = find(&root, "th:has(button[data-sort='created'])");
    assert_eq!(created.get_attribute("aria-sort").as_deref(), Some("descending"));
    set_query("");
}

#[wasm_bindgen_test]
async fn nothing_found_offers_to_clear_the_search() {
    let (root, _, _) = mount_browser(Some(Ok(three_zones()))).await;
    type_into(&root, "#zone-search", "nowhere").await;
    assert!(shown_domains(&root).is_empty());
    assert!(text_of(&root, "td.empty").contains("No zone matches “nowhere”."));
    assert_eq!(text_of(&root, ".count"), "0 of 3 zones · 0 records");

    click(&root, "td.empty button").await;
    // The address changes first; the input follows it a few ticks later.
    let cleared = settled(|| value_of(&root, "#zone-search").is_empty()).await;
    assert!(cleared, "the search still holds {:?}", value_of(&root, "#zone-search"));
    assert_eq!(written_query("").await, "");
    assert_eq!(shown_domains(&root).len(), 3);
    assert!(has_focus(&root, "#zone-search"), "the search is ready for the next try");
}

#[wasm_bindgen_test]
async fn no_zones_yet_says_how_to_create_one() {
    let (root, _, _) = mount_browser(Some(Ok(Vec::new()))).await;
    let empty = text_of(&root, "td.empty");
    assert!(empty.contains("No zones yet."), "{empty}");
    assert!(empty.contains("New zone") && empty.contains("Create zone"), "{empty}");
    assert_eq!(text_of(&root, ".count"), "0 zones · 0 records");
}

#[wasm_bindgen_test]
async fn a_failed_load_says_why_and_retries() {
    let error = ApiError::Server { status: 502, detail: None };
    let (root, _, retries) = mount_browser(Some(Err(error))).await;
    let notice = text_of(&root, "[role='alert']");
    assert!(
        notice.contains("The zones could not be loaded.") && notice.contains("502"),
        "{notice}"
    );
    assert!(shown_domains(&root).is_empty(), "never an empty list that claims there is nothing");
    assert!(!exists(&root, "td.empty"));

    click(&root, "[role='alert'] button").await;
    assert_eq!(retries.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn nothing_above_the_rows_moves_when_the_zones_arrive() {
    let (root, zones, _) = mount_browser(None).await;
    assert!(text_of(&root, "tbody").contains("Loading zones…"));
    let before = [top_of(&root, "#zone-search"), top_of(&root, ".count"), top_of(&root, "thead")];
    let count_height = box_of(&root, ".count", "height");

    zones.set(Some(Ok(three_zones())));
    tick().await;
    let after = [top_of(&root, "#zone-search"), top_of(&root, ".count"), top_of(&root, "thead")];
    assert_eq!(before, after);
    assert_eq!(box_of(&root, ".count", "height"), count_height);
    assert_eq!(shown_domains(&root).len(), 3);
    let table = find(&root, "table").unchecked_into::<web_sys::HtmlElement>();
    assert_eq!(table.get_attribute("aria-busy").as_deref(), Some("false"));
}
