//! Where the dashboard is, and how it moves between its pages: in the page's address, under a
//! base path that the host page chooses, or in memory, when the host owns the address.
//!
//! A small router of our own rather than `leptos_router`'s, whose router always owns the
//! address and listens to every link click of the whole page: two dashboards on one page, or
//! a host page with links of its own, need each dashboard to keep to its own element.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

/// Where a dashboard keeps its page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Routing {
    /// In the page's address, every path under `base` (`""` for the whole site).
    Address { base: String },
    /// In memory only: the address stays the host's, and a reload starts again at `start`.
    Memory { start: String },
}

/// The dashboard's page and query, and a way to move.
#[derive(Clone, Copy)]
pub struct Location {
    /// The path inside the dashboard, from its `/`.
    path: RwSignal<String>,
    /// The query, without its `?`.
    query: RwSignal<String>,
    routing: StoredValue<Routing>,
}

impl Location {
    /// A location for `routing`, from the current address (or the memory's start); it follows
    /// the browser's back and forward for as long as the calling owner lives.
    pub fn new(routing: Routing) -> Location {
        let (path, query) = match &routing {
            Routing::Address { base } => {
                from_address(base).unwrap_or_else(|| ("/".into(), "".into()))
            }
            Routing::Memory { start } => split(start),
        };
        let location = Location {
            path: RwSignal::new(path),
            query: RwSignal::new(query),
            routing: StoredValue::new(routing),
        };

        if let Routing::Address { base } = location.routing.get_value() {
            let handle = window_event_listener(leptos::ev::popstate, move |_| {
                if let Some((path, query)) = from_address(&base) {
                    location.path.set(path);
                    location.query.set(query);
                }
            });
            on_cleanup(move || handle.remove());
        }
        location
    }

    /// The path inside the dashboard (`/zones/…`); reactive.
    pub fn path(&self) -> String {
        self.path.get()
    }

    pub fn path_untracked(&self) -> Option<String> {
        self.path.try_get_untracked()
    }

    /// The query without its `?`; reactive.
    pub fn query(&self) -> String {
        self.query.get()
    }

    /// The value of `key` in the query, read once.
    pub fn query_value_untracked(&self, key: &str) -> Option<String> {
        self.query.with_untracked(|query| query_value(query, key))
    }

    /// The address of a dashboard path, for a link's `href`.
    pub fn href(&self, to: &str) -> String {
        match self.routing.with_value(Clone::clone) {
            Routing::Address { base } => format!("{base}{to}"),
            Routing::Memory { .. } => to.to_owned(),
        }
    }

    /// Goes to `to` (a dashboard path with an optional query). A replaced entry does not add
    /// to the history: the back button leaves the page rather than undoing a keystroke.
    pub fn navigate(&self, to: &str, replace: bool) {
        let Some(routing) = self.routing.try_with_value(Clone::clone) else { return };
        if let Routing::Address { base } = routing {
            let address = format!("{base}{to}");
            let Some(history) = web_sys::window().and_then(|w| w.history().ok()) else { return };
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&address))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&address))
            };
            if !replace && let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }

        let (path, query) = split(to);
        if self.path.get_untracked() != path {
            self.path.set(path);
        }
        if self.query.get_untracked() != query {
            self.query.set(query);
        }
    }
}

/// The location in context.
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// The decoded value of `key` in `query` (no `?`), as a form would send it.
fn query_value(query: &str, key: &str) -> Option<String> {
    web_sys::UrlSearchParams::new_with_str(query).ok()?.get(key)
}

/// `path?query` split at its `?`; a path always starts with `/`.
fn split(to: &str) -> (String, String) {
    let (path, query) = to.split_once('?').unwrap_or((to, ""));
    let path = if path.starts_with('/') { path.to_owned() } else { format!("/{path}") };
    (path, query.to_owned())
}

/// The dashboard path and query of the page's address, if it is under `base`.
fn from_address(base: &str) -> Option<(String, String)> {
    let location = web_sys::window()?.location();
    let pathname = location.pathname().ok()?;
    let inside = pathname.strip_prefix(base)?;
    if !(inside.is_empty() || inside.starts_with('/')) {
        return None;
    }
    let search = location.search().ok()?;
    let path = if inside.is_empty() { "/" } else { inside };
    Some((path.to_owned(), search.trim_start_matches('?').to_owned()))
}

/// A link to a dashboard page: a plain click moves inside the dashboard; a click with a
/// modifier (a new tab) or a middle click is left to the browser, which opens the address.
// Limitation: in memory the `href` is the dashboard's path on the host's origin, so opening a
// link in a new tab (or copying it) gives an address of the host, not of the dashboard.
#[component]
pub fn Link(
    /// The dashboard path.
    #[prop(into)]
    href: String,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    let to = StoredValue::new(href.clone());
    let current = move || {
        let path = location.path();
        to.with_value(|to| path == *to || path.starts_with(&format!("{to}/"))).then_some("page")
    };
    let on_click = move |event: MouseEvent| {
        let plain = event.button() == 0
            && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key());
        if plain && !event.default_prevented() {
            event.prevent_default();
            location.navigate(&to.get_value(), false);
        }
    };

    view! {
        <a href=location.href(&href) aria-current=current on:click=on_click>
            {children()}
        </a>
    }
}

/// Moves to `path` once drawn, in place of the current entry.
#[component]
pub fn Redirect(#[prop(into)] path: String) -> impl IntoView {
    let location = use_location();
    Effect::new(move |_| location.navigate(&path, true));
}
