//! Keyboard shortcuts for the whole dashboard, from one listener: on the window for the
//! dashboard's own page, on its element when a host page embeds it (the host's keys stay
//! the host's, and two dashboards on one page each answer their own).
//!
//! Pages take part by marking elements, not by listening themselves: `/` focuses the element
//! marked `data-shortcut="search"`, `n` clicks the one marked `data-shortcut="new"`. A key
//! typed into an input, text area or select is text, not a shortcut, and a key with Ctrl,
//! Alt or Meta belongs to the browser. Escape is not handled here: whatever is open (a form,
//! a confirmation) closes itself and gives focus back to the control that opened it.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::embed::Root;

/// What a key does, if it is a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Focus the page's search or filter input.
    Search,
    /// Start something new: the page's add button.
    New,
}

impl Shortcut {
    /// The shortcut of `key` (as `KeyboardEvent.key` names it), without modifiers.
    pub fn from_key(key: &str) -> Option<Shortcut> {
        match key {
            "/" => Some(Shortcut::Search),
            "n" => Some(Shortcut::New),
            _ => None,
        }
    }

    /// The value of `data-shortcut` that marks this shortcut's element.
    pub fn mark(self) -> &'static str {
        match self {
            Shortcut::Search => "search",
            Shortcut::New => "new",
        }
    }
}

/// Listens for the shortcuts for as long as the calling owner lives.
pub fn install(root: Root) {
    let scope = root.clone();
    let on_key = move |event: KeyboardEvent| on_key(&scope, event);
    if !root.embedded {
        let handle = window_event_listener(leptos::ev::keydown, on_key);
        on_cleanup(move || handle.remove());
        return;
    }

    let listener = Closure::<dyn Fn(KeyboardEvent)>::new(on_key);
    let element = root.element();
    let _ = element.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    let remove = SendWrapper::new(move || {
        let _ = element
            .remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    });
    on_cleanup(move || (remove.take())());
}

fn on_key(root: &Root, event: KeyboardEvent) {
    if event.default_prevented() || event.ctrl_key() || event.alt_key() || event.meta_key() {
        return;
    }
    let Some(shortcut) = Shortcut::from_key(&event.key()) else { return };
    let target = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok());
    if target.as_ref().is_some_and(is_typing_place) {
        return;
    }

    let selector = format!("[data-shortcut=\"{}\"]", shortcut.mark());
    let Some(element) = root.find(&selector) else { return };

    // Without this, the `/` would also be typed into the input it just focused.
    event.prevent_default();
    // A field (the zone list's new domain) is focused; a button (a zone's "Add record") is
    // pressed.
    let field = is_typing_place(&element);
    match shortcut {
        Shortcut::Search => {
            let _ = element.focus();
        }
        Shortcut::New if field => {
            let _ = element.focus();
        }
        Shortcut::New => element.click(),
    }
}

/// Whether keys typed at `element` are text.
fn is_typing_place(element: &web_sys::HtmlElement) -> bool {
    let tag = element.tag_name().to_ascii_lowercase();
    matches!(tag.as_str(), "input" | "textarea" | "select") || element.is_content_editable()
}
