//! `TokenSettings` in a real browser: a token's form is checked before anything is sent.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod support;

use dns_dashboard::api::Api;
use dns_dashboard::token::{Session, TokenSettings, check_token_form, mask};
use leptos::prelude::*;
use leptos::task::tick;
use leptos_router::components::Router;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn token_form_rules() {
    assert!(check_token_form("").is_err());
    assert!(check_token_form("abc123").unwrap_err().contains("vps_"));
    assert!(check_token_form("vps_").is_err());
    assert!(check_token_form("vps_abc def").unwrap_err().contains("space"));
    assert_eq!(check_token_form("  vps_abc123  ").unwrap(), "vps_abc123");
}

#[wasm_bindgen_test]
fn a_masked_token_shows_only_its_ends() {
    let token = "vps_0123456789abcdefghij";
    let masked = mask(token);
    assert!(masked.starts_with("vps_0123"));
    assert!(masked.ends_with("ghij"));
    assert!(!masked.contains("456789abcdef"));
}

#[wasm_bindgen_test]
async fn a_token_without_the_prefix_is_refused_before_any_request() {
    let root = wrapper();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        let session = Session::in_memory(None);
        provide_context(session);
        support::provide_english();
        provide_context(Api::new("/no-api-here", session));
        view! {
            <Router>
                <TokenSettings />
            </Router>
        }
    });
    tick().await;

    type_into(&root, "#token-input", "abc123").await;
    click(&root, "button[type='submit']").await;

    let message = find(&root, "#token-error").text_content().unwrap_or_default();
    assert!(message.contains("starts with vps_"), "message: {message}");
    assert!(has_focus(&root, "#token-input"));
    assert_eq!(value_of(&root, "#token-input"), "abc123", "what was typed stays");
    assert!(
        !find(&root, "button[type='submit']")
            .text_content()
            .unwrap_or_default()
            .contains("Checking"),
        "no request was started"
    );
}
