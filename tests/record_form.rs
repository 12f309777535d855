//! `RecordForm` in a real browser: inputs follow the type, TTL presets and words, the usual
//! priorities, the remembered type, the keyboard, the busy save button, both languages, and
//! the server's answers at the inputs they name (cases field-hint, drf-field-map, non-field,
//! missing-permission, html-502 and network-down of shared/cases/client.md).

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod support;

use dns_dashboard::api::ApiError;
use dns_dashboard::i18n::{I18n, Lang};
use dns_dashboard::records::{LAST_TYPE_KEY, RecordForm, Unit, ttl_parts};
use dns_rules::DomainName;
use dns_rules::api::{Record, RecordWrite};
use leptos::prelude::*;
use leptos::task::tick;
use support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    root: HtmlElement,
    /// A button outside the form, standing for the control that opened it.
    opener: HtmlElement,
    i18n: I18n,
    rejection: RwSignal<Option<ApiError>>,
    submitted: RwSignal<Vec<RecordWrite>>,
    cancelled: RwSignal<usize>,
    busy: RwSignal<bool>,
    _handle: Box<dyn std::any::Any>,
}

/// A form in English that starts with no remembered type.
fn mount(existing: Option<Record>) -> Mounted {
    forget_last_type();
    mount_in(Lang::En, existing)
}

/// A form in `lang`. Like the zone page, the host marks itself busy as a save starts and
/// gives focus back to the opener when the form is cancelled.
fn mount_in(lang: Lang, existing: Option<Record>) -> Mounted {
    let root = wrapper();
    let opener: HtmlElement = document().create_element("button").unwrap().unchecked_into();
    opener.set_text_content(Some("Add record"));
    root.append_child(&opener).unwrap();
    let form_root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    root.append_child(&form_root).unwrap();

    let i18n = I18n::fixed(lang);
    let rejection = RwSignal::new(None::<ApiError>);
    let submitted = RwSignal::new(Vec::<RecordWrite>::new());
    let cancelled = RwSignal::new(0_usize);
    let busy = RwSignal::new(false);
    let zone = DomainName::parse("example.com").unwrap();
    let give_back = opener.clone();
    let handle = leptos::mount::mount_to(form_root, move || {
        provide_context(i18n);
        let zone = zone.clone();
        let give_back = give_back.clone();
        let on_submit = move |write| {
            busy.set(true);
            submitted.update(|s| s.push(write));
        };
        let on_cancel = move || {
            cancelled.update(|n| *n += 1);
            let _ = give_back.focus();
        };
        match existing.clone() {
            Some(record) => view! {
                <RecordForm
                    zone=zone
                    existing=record
                    on_submit=on_submit
                    on_cancel=on_cancel
                    rejection=rejection
                    busy=busy
                />
            }
            .into_any(),
            None => view! {
                <RecordForm
                    zone=zone
                    on_submit=on_submit
                    on_cancel=on_cancel
                    rejection=rejection
                    busy=busy
                />
            }
            .into_any(),
        }
    });
    Mounted { root, opener, i18n, rejection, submitted, cancelled, busy, _handle: Box::new(handle) }
}

impl Mounted {
    /// What the host does when the answer to a save arrives.
    async fn answer(&self, error: ApiError) {
        self.busy.set(false);
        self.rejection.set(Some(error));
        tick().await;
    }
}

fn forget_last_type() {
    let storage = window().local_storage().unwrap().unwrap();
    storage.remove_item(LAST_TYPE_KEY).unwrap();
}

fn json_error(status: u16, body: &str) -> ApiError {
    ApiError::from_response(status, None, body)
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

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

fn is_checked(root: &web_sys::Element, selector: &str) -> bool {
    find(root, selector).unchecked_into::<web_sys::HtmlInputElement>().checked()
}

/// A `keydown` that bubbles, as a key press sends it; returns whether something prevented
/// its default.
fn press(target: &web_sys::Element, key: &str, composing: bool) -> bool {
    let init = js_sys::Object::new();
    for (name, value) in [
        ("key", JsValue::from_str(key)),
        ("bubbles", JsValue::TRUE),
        ("cancelable", JsValue::TRUE),
        ("isComposing", JsValue::from_bool(composing)),
    ] {
        js_sys::Reflect::set(&init, &name.into(), &value).unwrap();
    }
    let class = js_sys::Reflect::get(&window(), &"KeyboardEvent".into()).unwrap();
    let args = js_sys::Array::of2(&"keydown".into(), &init);
    let class: &js_sys::Function = class.unchecked_ref();
    let event: web_sys::Event = js_sys::Reflect::construct(class, &args).unwrap().unchecked_into();
    target.dispatch_event(&event).unwrap();
    event.default_prevented()
}

/// `form.requestSubmit()`: what the browser does when Enter is pressed in a text input of a
/// form with a submit button (implicit submission).
async fn request_submit(root: &web_sys::Element) {
    let form = find(root, "form");
    let method = js_sys::Reflect::get(&form, &"requestSubmit".into()).unwrap();
    method.unchecked_into::<js_sys::Function>().call0(&form).unwrap();
    tick().await;
}

async fn fill_an_a_record(root: &web_sys::Element) {
    type_into(root, "[name='name']", "www").await;
    type_into(root, "[name='value']", "192.0.2.1").await;
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
    form.busy.set(false);
    tick().await;

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

/// Case field-hint.
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

/// Case drf-field-map.
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

/// Case non-field.
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

/// Case html-502: an HTML error page is reported by its status, with a retry.
#[wasm_bindgen_test]
async fn an_html_error_page_is_reported_by_status_not_parsed() {
    let form = mount(Some(mx_record()));
    tick().await;
    let root = &form.root;

    let error = ApiError::from_response(502, None, "<html>Bad gateway</html>");
    form.rejection.set(Some(error));
    tick().await;

    let notice = text_of(root, ".form-actions .action-error");
    assert!(notice.contains("502"), "notice: {notice}");
    assert!(!notice.to_lowercase().contains("json"), "no parser text: {notice}");
    assert!(!notice.contains("<html>"), "no raw body: {notice}");

    click(root, ".form-actions button.retry").await;
    assert_eq!(form.submitted.get_untracked().len(), 1, "the retry sends the save again");
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
    assert!(is_checked(root, "[name='ttl_preset'][value='custom']"), "not a preset");
    assert_eq!(text_of(root, ".ttl-words"), "", "no words for what is not a number");
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

#[wasm_bindgen_test]
fn a_ttl_is_told_in_whole_units_largest_first() {
    assert_eq!(ttl_parts(0), vec![(0, Unit::Second)]);
    assert_eq!(ttl_parts(60), vec![(1, Unit::Minute)]);
    assert_eq!(ttl_parts(3600), vec![(1, Unit::Hour)]);
    assert_eq!(ttl_parts(5400), vec![(1, Unit::Hour), (30, Unit::Minute)]);
    assert_eq!(
        ttl_parts(90061),
        vec![(1, Unit::Day), (1, Unit::Hour), (1, Unit::Minute), (1, Unit::Second)]
    );
    assert_eq!(ttl_parts(604_800), vec![(7, Unit::Day)]);
}

#[wasm_bindgen_test]
async fn ttl_presets_fill_the_seconds_and_say_them_in_words() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    assert_eq!(value_of(root, "[name='ttl']"), "3600");
    assert!(is_checked(root, "[name='ttl_preset'][value='3600']"));
    assert_eq!(text_of(root, ".ttl-words"), "3600 s = 1 hour");
    assert_eq!(text_of(root, "label:has([value='3600'])"), "1 h");

    click(root, "[name='ttl_preset'][value='86400']").await;
    assert_eq!(value_of(root, "[name='ttl']"), "86400");
    assert_eq!(text_of(root, ".ttl-words"), "86400 s = 1 day");
    assert!(!is_checked(root, "[name='ttl_preset'][value='3600']"));

    click(root, "[name='ttl_preset'][value='300']").await;
    assert_eq!(text_of(root, ".ttl-words"), "300 s = 5 minutes");

    click(root, "[name='ttl_preset'][value='custom']").await;
    assert!(has_focus(root, "[name='ttl']"), "choosing Custom moves to the seconds");
    assert!(is_checked(root, "[name='ttl_preset'][value='custom']"));
    type_into(root, "[name='ttl']", "90061").await;
    assert_eq!(text_of(root, ".ttl-words"), "90061 s = 1 day, 1 hour, 1 minute and 1 second");
    type_into(root, "[name='ttl']", "5400").await;
    assert_eq!(text_of(root, ".ttl-words"), "5400 s = 1 hour and 30 minutes");
    for preset in ["60", "300", "3600", "86400"] {
        let selector = format!("[name='ttl_preset'][value='{preset}']");
        assert!(!is_checked(root, &selector), "{preset} is not chosen");
    }

    fill_an_a_record(root).await;
    click(root, "button[type='submit']").await;
    assert_eq!(form.submitted.get_untracked()[0].ttl, Some(5400), "the custom value is sent");
}

#[wasm_bindgen_test]
async fn typing_a_preset_number_chooses_that_preset() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    type_into(root, "[name='ttl']", "60").await;
    assert!(is_checked(root, "[name='ttl_preset'][value='60']"));
    assert_eq!(text_of(root, ".ttl-words"), "60 s = 1 minute");
}

#[wasm_bindgen_test]
async fn mx_and_srv_start_with_the_priorities_people_expect() {
    let form = mount(None);
    tick().await;
    let root = &form.root;

    choose(root, "[name='record_type']", "MX").await;
    assert_eq!(value_of(root, "[name='priority']"), "10");

    choose(root, "[name='record_type']", "SRV").await;
    assert_eq!(value_of(root, "[name='priority']"), "10");
    assert_eq!(value_of(root, "[name='weight']"), "5");
    assert_eq!(value_of(root, "[name='port']"), "", "no port is usual for every service");

    type_into(root, "[name='priority']", "20").await;
    type_into(root, "[name='weight']", "0").await;
    choose(root, "[name='record_type']", "MX").await;
    choose(root, "[name='record_type']", "SRV").await;
    assert_eq!(value_of(root, "[name='priority']"), "20", "what was typed is kept");
    assert_eq!(value_of(root, "[name='weight']"), "0");
}

#[wasm_bindgen_test]
async fn a_new_record_starts_as_the_type_last_saved() {
    let first = mount(None);
    tick().await;
    let root = &first.root;
    choose(root, "[name='record_type']", "MX").await;
    type_into(root, "[name='name']", "@").await;
    type_into(root, "[name='value']", "mail.example.com").await;
    click(root, "button[type='submit']").await;
    assert_eq!(first.submitted.get_untracked().len(), 1);

    let second = mount_in(Lang::En, None);
    tick().await;
    assert_eq!(value_of(&second.root, "[name='record_type']"), "MX");
    assert_eq!(value_of(&second.root, "[name='priority']"), "10", "with its usual priority");

    // Saving an edit of another type is not a choice for the next new record.
    let txt =
        Record { record_type: "TXT".into(), value: "hello".into(), priority: None, ..mx_record() };
    let edit = mount_in(Lang::En, Some(txt));
    tick().await;
    click(&edit.root, "button[type='submit']").await;
    assert_eq!(edit.submitted.get_untracked().len(), 1);
    let third = mount_in(Lang::En, None);
    tick().await;
    assert_eq!(value_of(&third.root, "[name='record_type']"), "MX");
}

#[wasm_bindgen_test]
async fn enter_saves_through_the_form_submit() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    fill_an_a_record(root).await;

    let default_button = find(root, "form button[type='submit']");
    assert_eq!(default_button.text_content().unwrap(), "Save record", "Enter clicks Save");
    request_submit(root).await;

    let sent = form.submitted.get_untracked();
    assert_eq!(sent.len(), 1);
    assert_eq!((sent[0].name.as_str(), sent[0].value.as_str()), ("www", "192.0.2.1"));
    assert_eq!(form.cancelled.get_untracked(), 0);
}

#[wasm_bindgen_test]
async fn escape_cancels_and_focus_goes_back_to_the_opener() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    type_into(root, "[name='name']", "www").await;
    find(root, "[name='name']").unchecked_into::<HtmlElement>().focus().unwrap();

    assert!(!press(&find(root, "[name='name']"), "Escape", true), "composing: not a cancel");
    assert_eq!(form.cancelled.get_untracked(), 0);

    assert!(press(&find(root, "[name='name']"), "Escape", false), "the form took the key");
    assert_eq!(form.cancelled.get_untracked(), 1);
    tick().await;
    tick().await;
    let active = document().active_element().unwrap();
    assert_eq!(active, form.opener.clone().unchecked_into::<web_sys::Element>(), "not stolen");
    assert!(form.submitted.get_untracked().is_empty());

    press(&find(root, "[name='ttl']"), "Enter", false);
    assert_eq!(form.cancelled.get_untracked(), 1, "only Escape cancels");
    click(root, ".form-actions button:not([type='submit']):not(.retry)").await;
    assert_eq!(form.cancelled.get_untracked(), 2, "and the Cancel button");
}

#[wasm_bindgen_test]
async fn a_busy_save_button_waits_and_a_second_submit_is_ignored() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    fill_an_a_record(root).await;
    let save = || find(root, "button[type='submit']");
    assert_eq!(save().get_attribute("aria-busy").as_deref(), Some("false"));

    click(root, "button[type='submit']").await;
    assert_eq!(form.submitted.get_untracked().len(), 1);
    assert!(save().has_attribute("disabled"));
    assert_eq!(save().get_attribute("aria-busy").as_deref(), Some("true"));
    assert_eq!(save().text_content().unwrap(), "Saving…");

    click(root, "button[type='submit']").await;
    request_submit(root).await;
    assert_eq!(form.submitted.get_untracked().len(), 1, "one request while it runs");

    form.answer(json_error(400, r#"{"detail": "No", "field": "value"}"#)).await;
    assert!(!save().has_attribute("disabled"));
    assert_eq!(save().get_attribute("aria-busy").as_deref(), Some("false"));
    request_submit(root).await;
    assert_eq!(form.submitted.get_untracked().len(), 2, "saving again once it answered");
}

/// Case missing-permission: the permission is named beside the save button.
#[wasm_bindgen_test]
async fn missing_permission_is_named_beside_the_save_button() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    fill_an_a_record(root).await;
    click(root, "button[type='submit']").await;

    form.answer(json_error(
        403,
        r#"{"detail": "Token lacks dns:create permission", "error_code": "permission_denied"}"#,
    ))
    .await;

    let notice = text_of(root, ".form-actions .action-error");
    assert!(notice.contains("dns:create"), "notice: {notice}");
    assert!(notice.contains("lacks"), "notice: {notice}");
    assert!(!exists(root, ".form-actions button.retry"), "the same save would fail again");
    assert!(exists(root, ".form-actions [role='alert'] .action-error"), "announced");
    assert_eq!(value_of(root, "[name='name']"), "www", "typed values stay");
    assert_eq!(value_of(root, "[name='value']"), "192.0.2.1");
}

/// Case network-down: a notice with a retry; the form stays filled.
#[wasm_bindgen_test]
async fn network_down_offers_a_retry_and_keeps_the_form_filled() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    choose(root, "[name='record_type']", "MX").await;
    type_into(root, "[name='name']", "@").await;
    type_into(root, "[name='value']", "mail.example.com").await;
    click(root, "button[type='submit']").await;

    form.answer(ApiError::Network { message: "TypeError: Failed to fetch".into() }).await;

    let notice = text_of(root, ".form-actions [role='alert']");
    assert!(notice.contains("could not be reached"), "notice: {notice}");
    assert!(!notice.contains("TypeError"), "not the browser's words: {notice}");
    assert_eq!(value_of(root, "[name='record_type']"), "MX");
    assert_eq!(value_of(root, "[name='value']"), "mail.example.com");
    assert_eq!(value_of(root, "[name='priority']"), "10");

    click(root, ".form-actions button.retry").await;
    let sent = form.submitted.get_untracked();
    assert_eq!(sent.len(), 2, "the retry sends the save again");
    assert_eq!(sent[0], sent[1], "the same record");
}

#[wasm_bindgen_test]
async fn the_form_in_albanian() {
    forget_last_type();
    let form = mount_in(Lang::Sq, None);
    tick().await;
    let root = &form.root;

    assert_eq!(text_of(root, "h2"), "Regjistrim i ri");
    assert_eq!(text_of(root, "label[for$='-record_type']"), "Lloji");
    assert_eq!(text_of(root, "label[for$='-name']"), "Emri");
    assert_eq!(text_of(root, "label[for$='-value']"), "Adresa IPv4");
    assert_eq!(text_of(root, "button[type='submit']"), "Ruaje regjistrimin");
    assert_eq!(text_of(root, "label:has([value='3600'])"), "1 orë");
    assert_eq!(text_of(root, ".ttl-words"), "3600 s = 1 orë");

    click(root, "[name='ttl_preset'][value='86400']").await;
    assert_eq!(text_of(root, ".ttl-words"), "86400 s = 1 ditë");
    type_into(root, "[name='ttl']", "5400").await;
    assert_eq!(text_of(root, ".ttl-words"), "5400 s = 1 orë e 30 minuta");

    choose(root, "[name='record_type']", "MX").await;
    assert_eq!(text_of(root, "label[for$='-priority']"), "Përparësia");
    type_into(root, "[name='ttl']", "një orë").await;
    click(root, "button[type='submit']").await;
    let message = message_under(root, "ttl");
    assert!(message.contains("numër i plotë"), "{message}");

    type_into(root, "[name='ttl']", "3600").await;
    type_into(root, "[name='name']", "@").await;
    type_into(root, "[name='value']", "mail.example.com").await;
    click(root, "button[type='submit']").await;
    form.answer(ApiError::Network { message: "offline".into() }).await;
    assert!(text_of(root, ".action-error").contains("Serveri nuk u arrit"));
    assert_eq!(text_of(root, "button.retry"), "Provo përsëri");
}

#[wasm_bindgen_test]
async fn a_switch_of_language_rewrites_what_is_shown() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    fill_an_a_record(root).await;
    click(root, "button[type='submit']").await;
    form.answer(ApiError::from_response(502, None, "<html></html>")).await;
    assert!(text_of(root, ".action-error").starts_with("The server answered 502"));

    form.i18n.set(Lang::Sq);
    tick().await;
    assert_eq!(text_of(root, "label[for$='-name']"), "Emri");
    assert!(text_of(root, ".action-error").starts_with("Serveri u përgjigj me 502"));
    assert_eq!(value_of(root, "[name='name']"), "www", "nothing typed is lost");
    form.i18n.set(Lang::En);
}

#[wasm_bindgen_test]
async fn every_control_has_a_name_for_screen_readers() {
    let form = mount(None);
    tick().await;
    let root = &form.root;
    form.answer(ApiError::Network { message: "offline".into() }).await;

    for record_type in ["A", "MX", "TXT", "SRV", "CAA"] {
        choose(root, "[name='record_type']", record_type).await;
        for control in find_all(root, "input, select, textarea") {
            let id = control.id();
            let by_for = !id.is_empty() && exists(root, &format!("label[for='{id}']"));
            let wrapped = control.closest("label").unwrap().is_some();
            let name = control.get_attribute("name").unwrap_or_default();
            assert!(by_for || wrapped, "{record_type}: {name} has no label");
        }
        for button in find_all(root, "button") {
            assert!(!button.text_content().unwrap().trim().is_empty(), "a button without text");
        }
        for group in find_all(root, "fieldset") {
            assert!(!text_of(&group, "legend").is_empty(), "{record_type}: a group without legend");
        }
    }
    let labelled_by = find(root, "form").get_attribute("aria-labelledby").unwrap();
    assert_eq!(text_of(root, &format!("#{labelled_by}")), "New record", "the form is named");
}
