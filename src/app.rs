//! The shell: the session and API client in context, the routes, and the header.
//!
//! The URL drives what is shown: `/zones`, `/zones/{uuid}` and `/settings/token` are real
//! addresses the server answers, so every view can be linked and reloaded.

use leptos::prelude::*;
use leptos_router::components::{A, Redirect, Route, Router, Routes};
use leptos_router::path;

use crate::api::Api;
use crate::token::{Session, TokenSettings};
use crate::zones::{ZoneDetail, ZoneList};

/// Where the API lives when the dashboard is served by it.
pub const DEFAULT_API_BASE: &str = "/api/v1";

/// The whole dashboard.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::load();
    provide_context(session);
    provide_context(Api::new(DEFAULT_API_BASE, session));

    view! {
        <Router>
            <Shell />
        </Router>
    }
}

/// Header and routes, inside the router so that links and redirects work.
#[component]
fn Shell() -> impl IntoView {
    view! {
        <header class="app-header">
            <a class="brand" href="/zones">"DNS"</a>
            <nav aria-label="Main">
                <A href="/zones">"Zones"</A>
                <A href="/settings/token">"API token"</A>
            </nav>
        </header>
        <main class="app-main">
            <Routes fallback=|| view! { <p class="panel">"There is no such page."</p> }>
                <Route path=path!("/") view=|| view! { <Redirect path="/zones" /> } />
                <Route
                    path=path!("/zones")
                    view=|| view! { <RequireToken><ZoneList /></RequireToken> }
                />
                <Route
                    path=path!("/zones/:uuid")
                    view=|| view! { <RequireToken><ZoneDetail /></RequireToken> }
                />
                <Route path=path!("/settings/token") view=TokenSettings />
            </Routes>
        </main>
    }
}

/// Shows its children while there is a token, and the token page otherwise. A refused token
/// is dropped by the API client, so a 401 anywhere ends up here too.
#[component]
fn RequireToken(children: ChildrenFn) -> impl IntoView {
    let session = expect_context::<Session>();

    move || {
        if session.has_token() {
            children().into_any()
        } else {
            view! { <Redirect path="/settings/token" /> }.into_any()
        }
    }
}
