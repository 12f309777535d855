//! The mount API: how a host page (the provider's admin panel, its developers page) puts the
//! dashboard, or only its token settings, into an element of its own, and takes it out again.
//!
//! ```js
//! import init, { mountDashboard } from "/dns-dashboard.js";
//! await init();
//! const dashboard = mountDashboard(element, { apiBase: "https://dns.example/api/v1" });
//! dashboard.unmount();
//! ```
//!
//! Each mount is a dashboard of its own: its own context, keys listened for on its element,
//! its theme and language marked on its element, its style sheet shared and removed with the
//! last mount. Its routes live in memory unless the host gives them a base in its address.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::app::{App, Config, Part};
use crate::i18n::Lang;
use crate::routes::Routing;

/// The class that the style sheet scopes every rule under.
pub const ROOT_CLASS: &str = "dns-dashboard";

/// The element a dashboard fills: `<html>` on the dashboard's own page, the host's element
/// when embedded. Whatever the dashboard looks for in the page, it looks for inside it.
#[derive(Clone)]
pub struct Root {
    element: SendWrapper<web_sys::Element>,
    /// Whether a host page owns the document around it.
    pub embedded: bool,
}

impl Root {
    /// The document's root, for the dashboard's own page.
    pub fn page() -> Option<Root> {
        let element = web_sys::window()?.document()?.document_element()?;
        Some(Root { element: SendWrapper::new(element), embedded: false })
    }

    pub fn embedded(element: web_sys::Element) -> Root {
        Root { element: SendWrapper::new(element), embedded: true }
    }

    pub fn element(&self) -> web_sys::Element {
        (*self.element).clone()
    }

    /// The first element inside the dashboard that matches `selector`.
    pub fn find(&self, selector: &str) -> Option<web_sys::HtmlElement> {
        self.element.query_selector(selector).ok().flatten()?.dyn_into().ok()
    }
}

/// Which dashboard of the page this is, for ids that must be unique in the page: `None` on
/// the dashboard's own page, whose ids stay plain.
#[derive(Clone, Copy)]
pub struct MountNumber(pub Option<u32>);

/// The id of an element named `name`: `name` itself on the dashboard's own page, `name-N` in
/// the N-th mount, so that two dashboards (or a host's own ids) never share one and a label
/// always points at its own input.
pub fn dom_id(name: &str) -> String {
    match use_context::<MountNumber>() {
        Some(MountNumber(Some(n))) => format!("{name}-{n}"),
        _ => name.to_owned(),
    }
}

/// The dashboard's root in context.
pub fn use_root() -> Option<Root> {
    use_context::<Root>().or_else(Root::page)
}

/// A mounted dashboard, as the host page holds it: only a number. The dashboard itself is
/// kept here until `unmount`, so a host that drops its handle (or whose handle the garbage
/// collector frees) does not lose the dashboard from under the person using it.
#[wasm_bindgen]
pub struct Mounted {
    id: u32,
}

/// What a mount took over, to give back at its unmount.
struct Mount {
    handle: Box<dyn std::any::Any>,
    element: web_sys::HtmlElement,
    /// The host's own `lang` and `data-theme` on the element, which the dashboard replaces.
    host_lang: Option<String>,
    host_theme: Option<String>,
}

thread_local! {
    static MOUNTS: RefCell<Vec<(u32, Mount)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(1) };
}

#[wasm_bindgen]
impl Mounted {
    /// Takes the dashboard out of its element: its nodes, listeners, timers and context go,
    /// the element gets back its own attributes, and the style sheet goes with the last
    /// mount. Calling it again does nothing more.
    pub fn unmount(&self) {
        let found = MOUNTS.with_borrow_mut(|mounts| {
            let at = mounts.iter().position(|(id, _)| *id == self.id)?;
            Some(mounts.remove(at).1)
        });
        let Some(Mount { handle, element, host_lang, host_theme }) = found else { return };
        drop(handle);

        let _ = element.class_list().remove_1(ROOT_CLASS);
        if element.class_list().length() == 0 {
            let _ = element.remove_attribute("class");
        }
        for (name, value) in [("lang", host_lang), ("data-theme", host_theme)] {
            let _ = match value {
                Some(value) => element.set_attribute(name, &value),
                None => element.remove_attribute(name),
            };
        }
        release_style_sheet();
    }
}

/// Mounts the whole dashboard into `element`. `options` is an object (or `undefined`):
///
/// - `apiBase`: the API's URL (default `/api/v1` of the page's origin); another origin
///   must allow the host page's origin (CORS).
/// - `token`: a token the host page gives; the dashboard then never asks for one.
/// - `language`: `"en"` or `"sq"` (default: the one remembered, else the browser's).
/// - `routeBase`: a path of the host's address under which the dashboard keeps its pages
///   (`"/admin/dns"`); without it, the pages live in memory and the address stays the host's.
/// - `start`: the first page in memory (default `/zones`).
/// - `stylesheet`: the URL of the dashboard's style sheet (default: `main.css` beside this
///   module).
#[wasm_bindgen(js_name = mountDashboard)]
pub fn mount_dashboard(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<Mounted, JsError> {
    mount(element, &options, Part::Dashboard)
}

/// Mounts only the token settings (the form that checks and keeps a token) into `element`;
/// the same options as [`mount_dashboard`], of which `token` makes no sense here.
#[wasm_bindgen(js_name = mountTokenSettings)]
pub fn mount_token_settings(
    element: web_sys::HtmlElement,
    options: JsValue,
) -> Result<Mounted, JsError> {
    mount(element, &options, Part::TokenSettings)
}

fn mount(element: web_sys::HtmlElement, options: &JsValue, part: Part) -> Result<Mounted, JsError> {
    console_error_panic_hook::set_once();
    if element.class_list().contains(ROOT_CLASS) {
        return Err(JsError::new("the element already holds a dashboard: unmount that one first"));
    }
    let text = |name: &str| -> Result<Option<String>, JsError> {
        if options.is_undefined() || options.is_null() {
            return Ok(None);
        }
        let value = js_sys::Reflect::get(options, &JsValue::from_str(name))
            .map_err(|_| JsError::new("the options must be an object"))?;
        if value.is_undefined() || value.is_null() {
            return Ok(None);
        }
        value.as_string().map(Some).ok_or_else(|| JsError::new(&format!("{name} must be a string")))
    };

    let language = match text("language")? {
        Some(code) => Some(Lang::from_code(&code).ok_or_else(|| {
            JsError::new(&format!("language {code:?} is not one of \"en\", \"sq\""))
        })?),
        None => None,
    };
    let routing = match text("routeBase")? {
        Some(base) => Routing::Address { base: route_base(&base)? },
        None => Routing::Memory { start: text("start")?.unwrap_or_else(|| "/zones".into()) },
    };
    let token = match text("token")? {
        Some(_) if part == Part::TokenSettings => {
            return Err(JsError::new("token: the token settings are where a person gives one"));
        }
        Some(token) => Some(host_token(&token)?),
        None => None,
    };
    let api_base = match text("apiBase")? {
        Some(base) => api_base(&base)?,
        None => crate::app::DEFAULT_API_BASE.to_owned(),
    };
    let config = Config { api_base, host_token: token, language, routing, part };
    let stylesheet = text("stylesheet")?;

    let host_lang = element.get_attribute("lang");
    let host_theme = element.get_attribute("data-theme");
    let _ = element.class_list().add_1(ROOT_CLASS);
    hold_style_sheet(stylesheet);
    let root = Root::embedded(element.clone().into());
    let id = NEXT_ID.with(|next| {
        let id = next.get();
        next.set(id.wrapping_add(1));
        id
    });
    let handle = leptos::mount::mount_to(element.clone(), move || {
        provide_context(root);
        provide_context(MountNumber(Some(id)));
        view! { <App config=config /> }
    });

    let mount = Mount { handle: Box::new(handle), element, host_lang, host_theme };
    MOUNTS.with_borrow_mut(|mounts| mounts.push((id, mount)));
    Ok(Mounted { id })
}

/// A route base as a path prefix without its final `/`, under which the page is now.
fn route_base(base: &str) -> Result<String, JsError> {
    if !base.starts_with('/') {
        return Err(JsError::new(&format!("routeBase {base:?} must start with /")));
    }
    let base = base.trim_end_matches('/').to_owned();
    let here = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let under = here == base || here.starts_with(&format!("{base}/"));
    if base.is_empty() || !under {
        let message = format!(
            "routeBase {base:?}: the page's address {here:?} must be under it, and it must not \
             be the whole site"
        );
        return Err(JsError::new(&message));
    }
    Ok(base)
}

/// An API base as a path (`/api/v1`) or an http(s) address, without its final `/`.
fn api_base(base: &str) -> Result<String, JsError> {
    let trimmed = base.trim().trim_end_matches('/');
    let absolute = trimmed.starts_with("https://") || trimmed.starts_with("http://");
    if trimmed.is_empty() || !(trimmed.starts_with('/') || absolute) {
        let message = format!("apiBase {base:?} must be a path from / or an http(s) address");
        return Err(JsError::new(&message));
    }
    Ok(trimmed.to_owned())
}

/// A token a host gives, as the API's `Authorization` header can carry it.
fn host_token(token: &str) -> Result<String, JsError> {
    let token = token.trim();
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_graphic()) {
        return Err(JsError::new("token must be printable ASCII without spaces"));
    }
    Ok(token.to_owned())
}

/// The `id` of the style sheet's `<link>` in the host's `<head>`.
const STYLE_LINK_ID: &str = "dns-dashboard-style";

/// How many dashboards are mounted: they share one style sheet.
fn mounted() -> usize {
    MOUNTS.with_borrow(Vec::len)
}

/// Adds the style sheet for the first mount; later ones share it.
// Limitation: the `<link>` goes into the document's `<head>`: a dashboard mounted inside a
// shadow root is left without its style, and only the first mount's `stylesheet` counts.
fn hold_style_sheet(href: Option<String>) {
    if mounted() > 0 {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let (Some(head), Ok(link)) = (document.head(), document.create_element("link")) else {
        return;
    };
    let href = href.unwrap_or_else(default_style_sheet);
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", &href);
    link.set_id(STYLE_LINK_ID);
    let _ = head.append_child(&link);
}

/// Removes the style sheet with the last mount.
fn release_style_sheet() {
    if mounted() > 0 {
        return;
    }
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(STYLE_LINK_ID));
    if let Some(link) = link {
        link.remove();
    }
}

#[wasm_bindgen(
    inline_js = "export function module_dir() { return new URL('.', import.meta.url).href; }"
)]
extern "C" {
    /// The URL of the folder this module was loaded from (a snippet's folder, two levels
    /// below the module's own).
    fn module_dir() -> String;
}

/// `main.css` beside the dashboard's module: wasm-bindgen puts inline JavaScript in
/// `snippets/<crate>-<hash>/`, two folders below it.
fn default_style_sheet() -> String {
    format!("{}../../main.css", module_dir())
}
