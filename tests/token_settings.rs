//! `TokenSettings` in a real browser: a token's form is checked before anything is sent, and
//! the page speaks the language in context.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod support;

use dns_dashboard::api::Api;
use dns_dashboard::i18n::{I18n, Lang};
use dns_dashboard::routes::{Location, Routing};
use dns_dashboard::token::{Session, TokenProblem, TokenSettings, check_token_form, mask};
use leptos::prelude::*;
use leptos::task::tick;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn token_form_rules() {
    assert_eq!(check_token_form(""), Err(TokenProblem::Empty));
    assert_eq!(check_token_form("abc123"), Err(TokenProblem::NoPrefix));
    assert_eq!(check_token_form("vps_"), Err(TokenProblem::NothingAfterPrefix));
    assert_eq!(check_token_form("vps_abc def"), Err(TokenProblem::Character(' ')));
    assert_eq!(check_token_form("vps_abc\"def"), Err(TokenProblem::Character('"')));
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

/// The token page in `lang`, with an API that is never reached.
fn mount_in(lang: Lang, session: Session) -> (web_sys::HtmlElement, impl Sized) {
    let root = wrapper();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        provide_context(I18n::fixed(lang));
        provide_context(Api::new("/no-api-here", session));
        provide_context(Location::new(Routing::Memory { start: "/settings/token".into() }));
        view! { <TokenSettings /> }
    });
    (root, handle)
}

#[wasm_bindgen_test]
async fn a_token_without_the_prefix_is_refused_before_any_request() {
    let (root, _handle) = mount_in(Lang::En, Session::in_memory(None));
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

#[wasm_bindgen_test]
async fn the_token_page_in_albanian() {
    let session = Session::in_memory(Some("vps_0123456789abcdefghij".into()));
    let (root, _handle) = mount_in(Lang::Sq, session);
    tick().await;

    assert_eq!(find(&root, "h1").text_content().unwrap(), "Tokeni i API-së");
    assert_eq!(find(&root, "label[for='token-input']").text_content().unwrap(), "Zëvendësoje me");
    assert_eq!(
        find(&root, "label[for='token-remember']").text_content().unwrap(),
        "Mbaje mend në këtë pajisje"
    );
    let current = find(&root, ".current-token").text_content().unwrap();
    assert!(current.contains("Në përdorim:"), "{current}");
    assert!(current.contains("Ruhet vetëm për këtë skedë"), "{current}");
    assert!(current.contains("Harroje tokenin"), "{current}");
    assert_eq!(find(&root, "button[type='submit']").text_content().unwrap(), "Ruaje tokenin");

    type_into(&root, "#token-input", "vps_abc def").await;
    click(&root, "button[type='submit']").await;
    let message = find(&root, "#token-error").text_content().unwrap_or_default();
    assert!(message.contains("hapësirë"), "message: {message}");

    session.refuse(String::new());
    tick().await;
    let notice = find(&root, ".notice-error").text_content().unwrap();
    assert!(notice.contains("API-ja e refuzoi tokenin e ruajtur."), "{notice}");
    assert_eq!(find(&root, "label[for='token-input']").text_content().unwrap(), "Tokeni");
}
