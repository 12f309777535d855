//! How long the client waits for one answer before it gives up.
//!
//! Neither the provider's documentation nor the contract says how long a request may take, and
//! a browser's own fetch waits for minutes. A page that hangs that long is worse than one that
//! says so: a read that takes too long is given up and offered again; a write that takes too
//! long is given up too, and the person is told that it may or may not have been made, since
//! the server may have acted on it all the same.
//!
//! The page may set another limit with `<meta name="dns-request-timeout-ms" content="…">`
//! (read the way [`crate::provider`] reads its tags), which tests use to meet a timeout without
//! waiting for the default one; a host mounting the dashboard can set [`Timeouts`] directly.

use wasm_bindgen::JsCast;

/// The page's `<meta>` tag that sets both limits, in milliseconds.
pub const META_NAME: &str = "dns-request-timeout-ms";

/// How long one request may take, from sending it to the last byte of its answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    /// For a `GET`. Default 20 s: far beyond a healthy answer, short enough that a person is
    /// still waiting for the page when it says something is wrong.
    pub read_ms: u32,
    /// For a `POST`, `PATCH` or `DELETE`. Default 30 s: longer than a read, because a write
    /// given up on leaves the person unsure whether it was made.
    pub write_ms: u32,
}

impl Default for Timeouts {
    fn default() -> Timeouts {
        Timeouts { read_ms: 20_000, write_ms: 30_000 }
    }
}

impl Timeouts {
    /// Both limits at `milliseconds`.
    pub fn both(milliseconds: u32) -> Timeouts {
        Timeouts { read_ms: milliseconds, write_ms: milliseconds }
    }

    /// The limits the page's `<meta name="dns-request-timeout-ms">` sets, else the defaults.
    pub fn from_page() -> Timeouts {
        meta(META_NAME).as_deref().and_then(Timeouts::parse).unwrap_or_default()
    }

    /// Reads a whole number of milliseconds above zero; anything else is `None`.
    pub fn parse(text: &str) -> Option<Timeouts> {
        text.trim().parse::<u32>().ok().filter(|ms| *ms > 0).map(Timeouts::both)
    }
}

/// The content of `<meta name="{name}">`, if the page has one.
fn meta(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let selector = format!("meta[name=\"{name}\"]");
    let element = document.query_selector(&selector).ok()??;
    element.dyn_into::<web_sys::HtmlMetaElement>().ok().map(|meta| meta.content())
}
