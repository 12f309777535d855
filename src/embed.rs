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

use std::cell::Cell;

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

/// The dashboard's root in context.
pub fn use_root() -> Option<Root> {
    use_context::<Root>().or_else(Root::page)
}

/// A mounted dashboard, as the host page holds it.
#[wasm_bindgen]
pub struct Mounted {
    handle: Option<Box<dyn std::any::Any>>,
    element: web_sys::HtmlElement,
}

#[wasm_bindgen]
impl Mounted {
    /// Takes the dashboard out of its element: its nodes, listeners, timers and context go,
    /// and the style sheet with the last mount. Calling it twice does nothing more.
    pub fn unmount(&mut self) {
        let Some(handle) = self.handle.take() else { return };
        drop(handle);
        let _ = self.element.class_list().remove_1(ROOT_CLASS);
        let _ = self.element.remove_attribute("data-theme");
        let _ = self.element.remove_attribute("lang");
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
        Some(base) if base.starts_with('/') => {
            Routing::Address { base: base.trim_end_matches('/').to_owned() }
        }
        Some(base) => return Err(JsError::new(&format!("routeBase {base:?} must start with /"))),
        None => Routing::Memory { start: text("start")?.unwrap_or_else(|| "/zones".into()) },
    };
    let token = text("token")?.filter(|t| !t.trim().is_empty());
    let config = Config {
        api_base: text("apiBase")?.unwrap_or_else(|| crate::app::DEFAULT_API_BASE.to_owned()),
        host_token: token,
        language,
        routing,
        part,
    };
    let stylesheet = text("stylesheet")?;

    let _ = element.class_list().add_1(ROOT_CLASS);
    hold_style_sheet(stylesheet);
    let root = Root::embedded(element.clone().into());
    let handle = leptos::mount::mount_to(element.clone(), move || {
        provide_context(root);
        view! { <App config=config /> }
    });
    Ok(Mounted { handle: Some(Box::new(handle)), element })
}

thread_local! {
    /// How many mounts share the style sheet.
    static STYLE_USERS: Cell<u32> = const { Cell::new(0) };
}

/// The `id` of the style sheet's `<link>` in the host's `<head>`.
const STYLE_LINK_ID: &str = "dns-dashboard-style";

/// Adds the style sheet for one more mount (the first one adds the `<link>`).
fn hold_style_sheet(href: Option<String>) {
    let users = STYLE_USERS.with(|u| {
        u.set(u.get() + 1);
        u.get()
    });
    if users > 1 {
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
    let users = STYLE_USERS.with(|u| {
        u.set(u.get().saturating_sub(1));
        u.get()
    });
    if users > 0 {
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
