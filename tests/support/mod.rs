//! Mounting components into a wrapper and acting on them as a person would.

#![allow(dead_code, reason = "each test file uses a different part of this module")]

use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The context every component reads its strings from, in English, as the tests expect them.
pub fn provide_english() {
    provide_context(dns_dashboard::i18n::I18n::fixed(dns_dashboard::i18n::Lang::En));
}

/// A fresh element in the page's body for one test to mount into.
pub fn wrapper() -> HtmlElement {
    let document = document();
    let element = document.create_element("div").expect("create a wrapper element");
    document.body().expect("the test page has a body").append_child(&element).expect("append");
    element.unchecked_into()
}

pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .expect("a valid selector")
        .unwrap_or_else(|| panic!("nothing matches {selector} in {}", root.inner_html()))
}

pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a valid selector");
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

pub fn exists(root: &Element, selector: &str) -> bool {
    root.query_selector(selector).expect("a valid selector").is_some()
}

/// The text of the message under the input named `name`.
pub fn message_under(root: &Element, name: &str) -> String {
    let input = find(root, &format!("[name='{name}']"));
    let id = input.get_attribute("aria-describedby").expect("the input names its message");
    find(root, &format!("#{id}")).text_content().unwrap_or_default()
}

pub fn value_of(root: &Element, selector: &str) -> String {
    let element = find(root, selector);
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        return input.value();
    }
    if let Some(select) = element.dyn_ref::<HtmlSelectElement>() {
        return select.value();
    }
    element.unchecked_into::<web_sys::HtmlTextAreaElement>().value()
}

/// Types `text` into the input, as one `input` event, and lets the view update.
pub async fn type_into(root: &Element, selector: &str, text: &str) {
    let input: HtmlInputElement = find(root, selector).unchecked_into();
    input.set_value(text);
    fire(&input, "input");
    tick().await;
}

pub async fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = find(root, selector).unchecked_into();
    select.set_value(value);
    fire(&select, "change");
    tick().await;
}

pub async fn leave(root: &Element, selector: &str) {
    fire(&find(root, selector), "blur");
    tick().await;
}

pub async fn click(root: &Element, selector: &str) {
    find(root, selector).unchecked_into::<HtmlElement>().click();
    tick().await;
}

pub fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).expect("create an event");
    target.dispatch_event(&event).expect("dispatch the event");
}

/// Waits `ms` milliseconds of the browser's clock.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |done, _| {
        let window = web_sys::window().expect("a window");
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&done, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Whether the element matching `selector` has the keyboard focus.
pub fn has_focus(root: &Element, selector: &str) -> bool {
    let element = find(root, selector);
    document().active_element().is_some_and(|active| active == element)
}
