//! The shell: the session and API client in context, the routes, and the header.
//!
//! The URL drives what is shown: `/zones`, `/zones/{uuid}` and `/settings/token` are real
//! addresses the server answers, so every view can be linked and reloaded.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::api::Api;
use crate::i18n::{I18n, LanguageSwitch, t, tf};
use crate::provider::Provider;
use crate::theme::{self, ThemeSwitch};
use crate::token::{Session, TokenSettings};
use crate::zonefiles::PendingImport;
use crate::zones::{ZoneDetail, ZoneList};

/// Where the API lives when the dashboard is served by it.
pub const DEFAULT_API_BASE: &str = "/api/v1";

/// The whole dashboard.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::load();
    provide_context(session);
    provide_context(I18n::load());
    provide_context(theme::load());
    provide_context(Api::new(DEFAULT_API_BASE, session));
    provide_context(Provider::from_page());
    provide_context(PendingImport::new());
    crate::shortcuts::install();

    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// Header and routes, inside the router so that links and redirects work.
#[component]
fn Shell() -> impl IntoView {
    // The window's title, in the chosen language.
    Effect::new(move |_| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&t("app.title"));
        }
    });

    // A 429 makes a call wait before its one retry; the person sees why nothing happens yet.
    let api = expect_context::<Api>();
    let retry_notice = move || {
        api.waiting_to_retry().map(|seconds| {
            let text = tf("app.waiting_to_retry", &[("seconds", &seconds.to_string())]);
            view! { <p class="notice notice-warning">{text}</p> }
        })
    };

    view! {
        <header class="app-header">
            <a class="brand" href="/zones">{move || t("app.brand")}</a>
            <nav aria-label=move || t("app.nav")>
                <A href="/zones">{move || t("app.nav.zones")}</A>
                <A href="/settings/token">{move || t("app.nav.token")}</A>
            </nav>
            <div class="header-switches">
                <LanguageSwitch />
                <ThemeSwitch />
            </div>
        </header>
        <div class="retry-notice" role="status" aria-live="polite">{retry_notice}</div>
        <main class="app-main">
            <Routes fallback=|| view! { <p class="panel">{move || t("app.no_such_page")}</p> }>
                <Route path=path!("/") view=|| view! { <Redirect path="/zones" /> } />
                <Route
                    path=path!("/zones")
                    view=|| view! { <RequireToken><ZoneList /></RequireToken> }
                />
                <Route
                    path=path!("/zones/:uuid")
                    view=|| view! { <RequireToken><ZoneDetail /></RequireToken> }
                />
                <Route path=path!("/settings/token") view=|| view! { <TokenSettings /> } />
            </Routes>
        </main>
    }
}

/// Shows its children while there is a token. Without one at the start, it leads to the
/// token page, which comes back here afterwards. When the API refuses the token later, the
/// page stays mounted but hidden under an inline token form, so nothing typed is lost, and it
/// returns as it was once a valid token is saved.
#[component]
fn RequireToken(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();
    let location = use_location();

    if !session.has_token_untracked() {
        let back = location.pathname.get_untracked();
        let to = format!("/settings/token?next={}", js_sys::encode_uri_component(&back));
        return view! { <Redirect path=to /> }.into_any();
    }

    view! {
        <Show when=move || !session.has_token()>
            <TokenSettings inline=true />
        </Show>
        <div class="guarded" style:display=move || if session.has_token() { "" } else { "none" }>
            {children()}
        </div>
    }
    .into_any()
}
