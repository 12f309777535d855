//! A DNS management dashboard for the browser.
//!
//! It talks to the provider's DNS API (or the reference server in this workspace) with the
//! account holder's bearer token, and checks every form with the same rules the server uses
//! (the `dns-rules` crate). See ARCHITECTURE.md for the map of modules.

pub mod address;
pub mod api;
pub mod app;
pub mod embed;
pub mod focus;
pub mod i18n;
pub mod provider;
pub mod records;
pub mod routes;
pub mod shortcuts;
pub mod theme;
pub mod token;
pub mod zonefiles;
pub mod zones;

/// Whether this page is the dashboard's own (its `<html>` carries the dashboard's class),
/// rather than a host page that will mount it.
pub fn is_own_page() -> bool {
    embed::Root::page().is_some_and(|root| root.element().class_list().contains(embed::ROOT_CLASS))
}

/// Mounts the dashboard into the page's body, as its own page.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(|| {
        use leptos::prelude::*;
        view! { <app::App config=app::Config::own_page() /> }
    });
}
