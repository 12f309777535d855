//! Requests that take too long, in a real browser: the client gives up on them as
//! [`ApiError::TimedOut`], which says whether a write may have been made, in both languages;
//! the page sets the limit with a `<meta>` tag; and the record form offers to check a save
//! that timed out. End-to-end, through a proxy that never answers, in
//! `crates/e2e/tests/client_steady.rs`.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod support;

use dns_dashboard::api::{Api, ApiError, Timeouts};
use dns_dashboard::i18n::{I18n, Lang};
use dns_dashboard::records::RecordForm;
use dns_dashboard::token::Session;
use dns_rules::DomainName;
use leptos::prelude::*;
use leptos::task::tick;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn a_read_that_timed_out_offers_a_retry_and_claims_no_change() {
    let error = ApiError::TimedOut { waited_ms: 20_000, change_unknown: false };
    assert!(error.is_retryable());
    assert!(!error.change_unknown());
    assert_eq!(error.message_in(Lang::En), "The server did not answer within 20 s. Try again.");
    assert_eq!(error.message_in(Lang::Sq), "Serveri nuk u përgjigj brenda 20 s. Provoni përsëri.");
}

#[wasm_bindgen_test]
fn a_write_that_timed_out_says_it_may_have_been_made() {
    let error = ApiError::TimedOut { waited_ms: 1500, change_unknown: true };
    assert!(error.change_unknown());
    assert!(error.is_retryable(), "trying again is the person's choice, offered");
    let english = error.message_in(Lang::En);
    assert!(english.contains("within 2 s"), "rounded up: {english}");
    assert!(english.contains("may or may not have been made"), "{english}");
    let albanian = error.message_in(Lang::Sq);
    assert!(albanian.contains("mund të jetë bërë ose jo"), "{albanian}");
}

#[wasm_bindgen_test]
fn the_limit_is_read_from_the_page_or_is_the_default() {
    assert_eq!(Timeouts::parse(" 2500 "), Some(Timeouts { read_ms: 2500, write_ms: 2500 }));
    for wrong in ["", "0", "-5", "2.5", "soon", "99999999999"] {
        assert_eq!(Timeouts::parse(wrong), None, "{wrong:?}");
    }
    assert_eq!(Timeouts::from_page(), Timeouts::default(), "no tag: the defaults");
    assert!(Timeouts::default().write_ms > Timeouts::default().read_ms);

    let meta = document().create_element("meta").unwrap();
    meta.set_attribute("name", "dns-request-timeout-ms").unwrap();
    meta.set_attribute("content", "750").unwrap();
    document().head().unwrap().append_child(&meta).unwrap();
    let from_page = Timeouts::from_page();
    meta.remove();
    assert_eq!(from_page, Timeouts::both(750));
}

/// A limit of 0 ms runs out before any answer can arrive (the fetch's answer comes in a later
/// task than the signal's timer), so every request here times out, whatever the server.
#[wasm_bindgen_test]
async fn a_request_over_its_limit_is_given_up_as_timed_out() {
    let owner = Owner::new();
    owner.set();
    provide_context(I18n::fixed(Lang::En));
    let session = Session::in_memory(Some("vps_test".into()));
    let api = Api::with_timeouts("/api/v1", session, Timeouts::both(0));

    let read = api.list_zones().await.unwrap_err();
    assert_eq!(read, ApiError::TimedOut { waited_ms: 0, change_unknown: false });
    let write = api.create_zone("example.com").await.unwrap_err();
    assert_eq!(write, ApiError::TimedOut { waited_ms: 0, change_unknown: true });
    assert!(session.refused().is_none(), "a timeout is not a refused token");
}

struct Mounted {
    root: HtmlElement,
    rejection: RwSignal<Option<ApiError>>,
    checks: RwSignal<usize>,
    submitted: RwSignal<usize>,
    busy: RwSignal<bool>,
    note: RwSignal<Option<String>>,
    _handle: Box<dyn std::any::Any>,
}

/// A new-record form whose host counts saves and checks, and marks itself busy for either.
fn mount() -> Mounted {
    let root = wrapper();
    let rejection = RwSignal::new(None::<ApiError>);
    let checks = RwSignal::new(0_usize);
    let submitted = RwSignal::new(0_usize);
    let busy = RwSignal::new(false);
    let note = RwSignal::new(None::<String>);
    let zone = DomainName::parse("example.com").unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_english();
        view! {
            <RecordForm
                zone=zone.clone()
                on_submit=move |_| {
                    busy.set(true);
                    submitted.update(|n| *n += 1);
                }
                on_cancel=|| {}
                rejection=rejection
                busy=busy
                on_check=move || {
                    busy.set(true);
                    checks.update(|n| *n += 1);
                }
                note=note
            />
        }
    });
    Mounted { root, rejection, checks, submitted, busy, note, _handle: Box::new(handle) }
}

fn button_texts(root: &HtmlElement) -> Vec<String> {
    find_all(root, ".form-actions button").iter().filter_map(|b| b.text_content()).collect()
}

#[wasm_bindgen_test]
async fn a_save_that_timed_out_offers_a_check_and_a_retry() {
    let form = mount();
    type_into(&form.root, "[name='name']", "www").await;
    type_into(&form.root, "[name='value']", "192.0.2.1").await;
    click(&form.root, "button[type='submit']").await;
    assert_eq!(form.submitted.get_untracked(), 1);

    form.busy.set(false);
    form.rejection.set(Some(ApiError::TimedOut { waited_ms: 30_000, change_unknown: true }));
    tick().await;
    let texts = button_texts(&form.root);
    assert!(texts.iter().any(|t| t == "Check whether it was saved"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "Try again"), "{texts:?}");
    assert!(find(&form.root, ".save-failed").text_content().unwrap().contains("may or may not"));
    assert_eq!(value_of(&form.root, "[name='value']"), "192.0.2.1", "the form is kept");
    assert_eq!(form.submitted.get_untracked(), 1, "nothing was sent again by itself");

    // The check runs once; while it runs, its button waits and a second click does nothing.
    click(&form.root, "button.check").await;
    let check: HtmlElement = find(&form.root, "button.check").unchecked_into();
    assert_eq!(check.get_attribute("disabled").as_deref(), Some(""), "the check waits");
    check.click();
    tick().await;
    assert_eq!(form.checks.get_untracked(), 1);
    assert_eq!(form.submitted.get_untracked(), 1, "a check is not a save");

    // The host found it was not made: it says so beside the save button.
    form.busy.set(false);
    form.rejection.set(None);
    form.note.set(Some("It was not saved.".into()));
    tick().await;
    assert_eq!(find(&form.root, ".save-note").text_content().unwrap(), "It was not saved.");
    assert!(!exists(&form.root, "button.check"));
}

#[wasm_bindgen_test]
async fn a_failure_that_changed_nothing_offers_no_check() {
    let form = mount();
    for error in [
        ApiError::TimedOut { waited_ms: 20_000, change_unknown: false },
        ApiError::Network { message: "offline".into() },
        ApiError::Server { status: 502, detail: None },
    ] {
        form.rejection.set(Some(error.clone()));
        tick().await;
        assert!(!exists(&form.root, "button.check"), "{error:?}");
        assert!(exists(&form.root, "button.retry"), "{error:?}");
    }
}
