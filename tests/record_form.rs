//! `RecordForm` in a real browser: inputs follow the type, and the server's answers land at
//! the inputs they name (cases field-hint, drf-field-map and non-field of
//! shared/cases/client.md).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod support;

use dns_dashboard::api::ApiError;
use dns_dashboard::records::RecordForm;
use dns_rules::DomainName;
use dns_rules::api::{Record, RecordWrite};
use leptos::prelude::*;
use leptos::task::tick;
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    root: web_sys::HtmlElement,
    rejection: RwSignal<Option<ApiError>>,
    submitted: RwSignal<Vec<RecordWrite>>,
    _handle: Box<dyn std::any::Any>,
}

fn mount(existing: Option<Record>) -> Mounted {
    let root = wrapper();
    let rejection = RwSignal::new(None::<ApiError>);
    let submitted = RwSignal::new(Vec::<RecordWrite>::new());
    let zone = DomainName::parse("example.com").unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_english();
        let zone = zone.clone();
        match existing.clone() {
            Some(record) => view! {
                <RecordForm
                    zone=zone
                    existing=record
                    on_submit=move |w| submitted.update(|s| s.push(w))
                    on_cancel=|| ()
                    rejection=rejection
                    busy=Signal::derive(|| false)
                />
            }
            .into_any(),
            None => view! {
                <RecordForm
                    zone=zone
                    on_submit=move |w| submitted.update(|s| s.push(w))
                    on_cancel=|| ()
                    rejection=rejection
                    busy=Signal::derive(|| false)
                />
            }
            .into_any(),
        }
    });
    Mounted { root, rejection, submitted, _handle: Box::new(handle) }
}

fn json_error(status: u16, body: &str) -> ApiError {
    ApiError::from_response(status, Some("application/json"), None, body)
}

fn mx_record() -> Record {
    Record {
        uuid: "r1".into(),
        zone: "z1".into(),
        record_type: "MX".into(),
        name: "@".into(),
        value: "mail.example.com".into(),
        ttl: 3600,
        priority: Some(10),
        created_at: "2024-01-15T10:30:00Z".into(),
        updated_at: "2024-01-15T10:30:00Z".into(),
    }
}

#[wasm_bindgen_test]
async fn inputs_follow_the_record_type() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    assert!(exists(root, "[name='value']"));
    assert!(!exists(root, "[name='priority']"), "an A record has no priority");

    choose(root, "[name='record_type']", "MX").await;
    assert!(exists(root, "[name='priority']"), "MX asks for a priority");

    choose(root, "[name='record_type']", "SRV").await;
    for name in ["priority", "weight", "port", "target"] {
        assert!(exists(root, &format!("[name='{name}']")), "SRV asks for {name}");
    }

    choose(root, "[name='record_type']", "CAA").await;
    for name in ["flags", "tag", "caa_value"] {
        assert!(exists(root, &format!("[name='{name}']")), "CAA asks for {name}");
    }
    assert!(!exists(root, "[name='priority']"), "CAA has no priority");

    choose(root, "[name='record_type']", "TXT").await;
    assert_eq!(find(root, "[name='value']").tag_name(), "TEXTAREA");
}

#[wasm_bindgen_test]
async fn srv_and_caa_parts_are_sent_as_one_value() {
    let form = mount(None);
    tick().await;
    let root = &form.root;

    choose(root, "[name='record_type']", "CAA").await;
    type_into(root, "[name='name']", "@").await;
    type_into(root, "[name='caa_value']", "letsencrypt.org").await;
    click(root, "button[type='submit']").await;

    choose(root, "[name='record_type']", "SRV").await;
    type_into(root, "[name='name']", "_sip._tcp").await;
    type_into(root, "[name='priority']", "0").await;
    type_into(root, "[name='weight']", "5").await;
    type_into(root, "[name='port']", "5060").await;
    type_into(root, "[name='target']", "sip.example.com.").await;
    click(root, "button[type='submit']").await;

    let sent = form.submitted.get_untracked();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].value, "0 issue \"letsencrypt.org\"");
    assert_eq!(sent[0].priority, None);
    assert_eq!(sent[1].value, "5 5060 sip.example.com.");
    assert_eq!(sent[1].priority, Some(0), "priority 0 is a value, not a missing one");
}

#[wasm_bindgen_test]
async fn field_hint_puts_the_message_under_priority_and_focuses_it() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    choose(root, "[name='record_type']", "MX").await;
    type_into(root, "[name='name']", "@").await;
    type_into(root, "[name='value']", "mail.example.com").await;
    click(root, "button[type='submit']").await;
    assert_eq!(form.submitted.get_untracked().len(), 1, "the request is sent to the server");

    form.rejection.set(Some(json_error(
        400,
        r#"{"detail": "MX records require a priority value",
            "error_code": "validation_error", "field": "priority"}"#,
    )));
    tick().await;

    assert_eq!(message_under(root, "priority"), "MX records require a priority value");
    assert!(has_focus(root, "[name='priority']"), "the priority input gets focus");
    assert_eq!(value_of(root, "[name='value']"), "mail.example.com", "typed values stay");
    assert_eq!(value_of(root, "[name='name']"), "@");
    assert_eq!(message_under(root, "value"), "");

    type_into(root, "[name='priority']", "10").await;
    assert_eq!(message_under(root, "priority"), "", "the message goes once the input changes");
}

#[wasm_bindgen_test]
async fn drf_field_map_puts_each_message_under_its_input() {
    let form = mount(Some(mx_record()));
    tick().await;
    let root = &form.root;

    form.rejection.set(Some(json_error(
        400,
        r#"{"priority": ["This field is required."], "value": ["Enter a valid hostname."]}"#,
    )));
    tick().await;

    assert_eq!(message_under(root, "priority"), "This field is required.");
    assert_eq!(message_under(root, "value"), "Enter a valid hostname.");
    assert_eq!(value_of(root, "[name='priority']"), "10");
    assert_eq!(value_of(root, "[name='value']"), "mail.example.com");
}

#[wasm_bindgen_test]
async fn non_field_errors_show_at_the_top_of_the_form() {
    let form = mount(Some(mx_record()));
    tick().await;
    let root = &form.root;

    form.rejection.set(Some(json_error(
        400,
        r#"{"non_field_errors": ["Record conflicts with an existing CNAME."]}"#,
    )));
    tick().await;

    let top = find(root, ".form-errors").text_content().unwrap_or_default();
    assert!(top.contains("Record conflicts with an existing CNAME."), "top: {top}");
    for name in ["name", "value", "ttl", "priority"] {
        assert_eq!(message_under(root, name), "", "nothing under {name}");
    }
}

#[wasm_bindgen_test]
async fn an_html_error_page_is_reported_by_status_not_parsed() {
    let form = mount(Some(mx_record()));
    tick().await;
    let root = &form.root;

    let error = ApiError::from_response(502, Some("text/html"), None, "<html>Bad gateway</html>");
    form.rejection.set(Some(error));
    tick().await;

    let top = find(root, ".form-errors").text_content().unwrap_or_default();
    assert!(top.contains("502"), "top: {top}");
    assert!(!top.to_lowercase().contains("json"), "no parser text: {top}");
    assert!(!top.contains("<html>"), "no raw body: {top}");
}

#[wasm_bindgen_test]
async fn the_rules_advise_as_you_type_once_an_input_was_left() {
    let form = mount(None);
    tick().await;
    let root = &form.root;

    type_into(root, "[name='name']", "www").await;
    type_into(root, "[name='value']", "192.0.2.300").await;
    assert_eq!(message_under(root, "value"), "", "no advice while still typing");

    leave(root, "[name='value']").await;
    assert_ne!(message_under(root, "value"), "", "advice once the input is left");

    type_into(root, "[name='value']", "192.0.2.30").await;
    assert_eq!(message_under(root, "value"), "");
}

#[wasm_bindgen_test]
async fn a_ttl_that_is_not_a_number_stops_the_save_at_the_ttl_input() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    type_into(root, "[name='name']", "www").await;
    type_into(root, "[name='value']", "192.0.2.1").await;
    type_into(root, "[name='ttl']", "an hour").await;
    click(root, "button[type='submit']").await;

    assert!(form.submitted.get_untracked().is_empty(), "nothing JSON can carry was sent");
    assert!(message_under(root, "ttl").contains("whole number"));
    assert!(has_focus(root, "[name='ttl']"));
}

#[wasm_bindgen_test]
async fn the_zone_file_line_is_shown_before_saving() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    assert!(!exists(root, ".preview-line"), "nothing to show for an empty form");

    type_into(root, "[name='name']", "WWW").await;
    type_into(root, "[name='value']", "192.0.2.1").await;
    assert_eq!(find(root, ".preview-line").text_content().unwrap(), "www 3600 IN A 192.0.2.1");

    choose(root, "[name='record_type']", "MX").await;
    type_into(root, "[name='name']", "@").await;
    type_into(root, "[name='priority']", "0").await;
    type_into(root, "[name='value']", "mail.example.com").await;
    assert_eq!(
        find(root, ".preview-line").text_content().unwrap(),
        "@ 3600 IN MX 0 mail.example.com.",
        "a host target is written absolute, the zone never appended"
    );

    type_into(root, "[name='value']", "mail").await;
    assert!(!exists(root, ".preview-line"), "no line for a record the rules refuse");
}

#[wasm_bindgen_test]
async fn a_long_txt_value_shows_how_it_is_split() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    choose(root, "[name='record_type']", "TXT").await;
    type_into(root, "[name='name']", "mail._domainkey").await;

    let text_area: web_sys::HtmlTextAreaElement =
        wasm_bindgen::JsCast::unchecked_into(find(root, "textarea[name='value']"));
    text_area.set_value(&"k".repeat(600));
    fire(&text_area, "input");
    tick().await;

    let preview = find(root, ".preview").text_content().unwrap();
    assert!(preview.contains("3 strings"), "{preview}");
    let line = find(root, ".preview-line").text_content().unwrap();
    assert_eq!(line.matches('"').count(), 6, "three quoted strings: {line}");
}

#[wasm_bindgen_test]
async fn a_unicode_name_is_advised_as_the_api_will_store_it() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    type_into(root, "[name='name']", "wüst").await;
    type_into(root, "[name='value']", "192.0.2.1").await;
    leave(root, "[name='name']").await;

    assert_eq!(message_under(root, "name"), "", "no advice against what the API accepts");
    assert_eq!(
        find(root, ".preview-line").text_content().unwrap(),
        "xn--wst-hoa 3600 IN A 192.0.2.1"
    );
}
