//! The dashboard's own router, in the browser: pages in memory leave the address alone,
//! pages under a base live in the address and follow the back button.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod support;

use dns_dashboard::routes::{Location, Routing};
use leptos::prelude::*;
use support::pause;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn address() -> String {
    let location = web_sys::window().unwrap().location();
    format!("{}{}", location.pathname().unwrap(), location.search().unwrap())
}

fn set_address(to: &str) {
    let history = web_sys::window().unwrap().history().unwrap();
    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to)).unwrap();
}

#[wasm_bindgen_test]
fn pages_in_memory_leave_the_address_alone() {
    let before = address();
    let owner = Owner::new();
    owner.with(|| {
        let location = Location::new(Routing::Memory { start: "/zones?q=shop".into() });
        assert_eq!(location.path(), "/zones");
        assert_eq!(location.query_value_untracked("q").as_deref(), Some("shop"));

        location.navigate("/zones/abc?q=a%20b&sort=-ttl", false);
        assert_eq!(location.path(), "/zones/abc");
        assert_eq!(location.query_value_untracked("q").as_deref(), Some("a b"));
        assert_eq!(location.query_value_untracked("sort").as_deref(), Some("-ttl"));
        assert_eq!(location.href("/zones"), "/zones", "a link in memory is the path itself");
    });
    assert_eq!(address(), before);
}

#[wasm_bindgen_test]
async fn pages_under_a_base_live_in_the_address_and_follow_back() {
    let before = address();
    set_address("/host/dns/zones?q=x");
    let owner = Owner::new();
    let location = owner.with(|| Location::new(Routing::Address { base: "/host/dns".into() }));
    assert_eq!(location.path(), "/zones");
    assert_eq!(location.query_value_untracked("q").as_deref(), Some("x"));
    assert_eq!(location.href("/zones/1"), "/host/dns/zones/1");

    location.navigate("/zones/1", false);
    assert_eq!(address(), "/host/dns/zones/1");
    assert_eq!(location.path(), "/zones/1");

    web_sys::window().unwrap().history().unwrap().back().unwrap();
    let mut back = false;
    for _ in 0..40 {
        if location.path_untracked().as_deref() == Some("/zones") {
            back = true;
            break;
        }
        pause(25).await;
    }
    assert!(back, "back went to {:?}", location.path_untracked());
    assert_eq!(location.query_value_untracked("q").as_deref(), Some("x"));

    drop(owner);
    set_address(&before);
}
