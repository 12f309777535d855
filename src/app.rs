//! The shell: the session and API client in context, the routes, and the header.
//!
//! The location drives what is shown: `/zones`, `/zones/{uuid}` and `/settings/token`. On
//! the dashboard's own page they are real addresses the server answers, so every view can be
//! linked and reloaded; a host page may keep them under a base of its address or in memory.

use leptos::prelude::*;

use crate::api::Api;
use crate::embed::{Root, use_root};
use crate::i18n::{I18n, LanguageSwitch, t, tf};
use crate::provider::Provider;
use crate::routes::{Link, Location, Redirect, Routing, use_location};
use crate::theme::{self, ThemeSwitch};
use crate::token::{Session, TokenSettings};
use crate::zonefiles::PendingImport;
use crate::zones::{ZoneDetail, ZoneList};

/// Where the API lives when the dashboard is served by it.
pub const DEFAULT_API_BASE: &str = "/api/v1";

/// Which part of the dashboard a mount shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Zones, records and token settings, with the header.
    Dashboard,
    /// Only the token settings (the provider's developers page).
    TokenSettings,
}

/// How a dashboard is set up: by its own page, or by a host page through the mount API.
#[derive(Clone, Debug)]
pub struct Config {
    pub api_base: String,
    /// A token the host page gives: the person is never asked for one.
    pub host_token: Option<String>,
    /// The language to start in, instead of the remembered one.
    pub language: Option<crate::i18n::Lang>,
    pub routing: Routing,
    pub part: Part,
}

impl Config {
    /// The dashboard's own page: the whole address is its, the API on the same origin.
    pub fn own_page() -> Config {
        Config {
            api_base: DEFAULT_API_BASE.to_owned(),
            host_token: None,
            language: None,
            routing: Routing::Address { base: String::new() },
            part: Part::Dashboard,
        }
    }
}

/// `text` for as long as the page lives: each distinct API base is kept once, however many
/// times dashboards are mounted with it.
fn lasting(text: String) -> &'static str {
    thread_local! {
        static KEPT: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    KEPT.with_borrow_mut(|kept| {
        if let Some(found) = kept.iter().find(|k| **k == text) {
            return *found;
        }
        let made: &'static str = Box::leak(text.into_boxed_str());
        kept.push(made);
        made
    })
}

/// A token given by the host page: the token pages and forms are not shown.
#[derive(Clone, Copy)]
pub struct HostToken(pub bool);

/// The dashboard, or the part of it that `config` asks for.
#[component]
pub fn App(config: Config) -> impl IntoView {
    let Config { api_base, host_token, language, routing, part } = config;
    provide_context(HostToken(host_token.is_some()));
    let session = match host_token {
        Some(token) => Session::in_memory(Some(token)),
        None => Session::load_for(&api_base),
    };
    provide_context(session);
    let i18n = match language {
        Some(lang) => I18n::fixed(lang),
        None => I18n::load(),
    };
    provide_context(i18n);
    let theme = theme::load();
    provide_context(theme);
    provide_context(Api::new(lasting(api_base), session));
    provide_context(Provider::from_page());
    provide_context(PendingImport::new());
    provide_context(Location::new(routing));

    // The element the dashboard fills says its language and theme, for the style sheet and
    // for screen readers; on its own page, that is `<html>`.
    let root = use_root();
    if let Some(root) = root.clone() {
        let marked = root.clone();
        Effect::new(move |_| {
            let _ = marked.element().set_attribute("lang", i18n.lang().code());
            theme::apply(theme.get(), &marked.element());
        });
        crate::shortcuts::install(root);
    }

    match part {
        Part::Dashboard => view! { <Shell root=root /> }.into_any(),
        Part::TokenSettings => view! { <TokenSettings inline=true /> }.into_any(),
    }
}

/// A page of the dashboard, from its path.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Page {
    Start,
    Zones,
    Zone(String),
    Token,
    Unknown,
}

impl Page {
    fn of(path: &str) -> Page {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        match parts.as_slice() {
            [] => Page::Start,
            ["zones"] => Page::Zones,
            ["zones", uuid] => Page::Zone((*uuid).to_owned()),
            ["settings", "token"] => Page::Token,
            _ => Page::Unknown,
        }
    }
}

/// Header and pages.
#[component]
fn Shell(root: Option<Root>) -> impl IntoView {
    // The window's title, in the chosen language, unless a host page owns the window.
    if root.as_ref().is_some_and(|r| !r.embedded) {
        Effect::new(move |_| {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(&t("app.title"));
            }
        });
    }

    // A 429 makes a call wait before its one retry; the person sees why nothing happens yet.
    let api = expect_context::<Api>();
    let retry_notice = move || {
        api.waiting_to_retry().map(|seconds| {
            let text = tf("app.waiting_to_retry", &[("seconds", &seconds.to_string())]);
            view! { <p class="notice notice-warning">{text}</p> }
        })
    };

    let location = use_location();
    let host_token = expect_context::<HostToken>().0;
    let page = Memo::new(move |_| Page::of(&location.path()));
    let shown = move || match page.get() {
        Page::Start => view! { <Redirect path="/zones" /> }.into_any(),
        Page::Zones => view! { <RequireToken><ZoneList /></RequireToken> }.into_any(),
        Page::Zone(uuid) => {
            let uuid = Signal::stored(uuid);
            view! { <RequireToken><ZoneDetail uuid=uuid /></RequireToken> }.into_any()
        }
        Page::Token if !host_token => view! { <TokenSettings /> }.into_any(),
        Page::Token | Page::Unknown => {
            view! { <p class="panel">{move || t("app.no_such_page")}</p> }.into_any()
        }
    };

    // Embedded, the host's page has its own banner and main landmark: the dashboard's
    // header and main are then plain boxes, so a screen reader's landmarks stay the host's.
    let embedded = root.as_ref().is_some_and(|r| r.embedded);
    let header = move |children: AnyView| {
        if embedded {
            view! { <div class="app-header">{children}</div> }.into_any()
        } else {
            view! { <header class="app-header">{children}</header> }.into_any()
        }
    };
    let main = move |children: AnyView| {
        if embedded {
            view! { <div class="app-main">{children}</div> }.into_any()
        } else {
            view! { <main class="app-main">{children}</main> }.into_any()
        }
    };
    let header_parts = view! {
            <Link href="/zones" {..} class="brand">{move || t("app.brand")}</Link>
            <nav aria-label=move || t("app.nav")>
                <Link href="/zones">{move || t("app.nav.zones")}</Link>
                {(!host_token).then(|| view! {
                    <Link href="/settings/token">{move || t("app.nav.token")}</Link>
                })}
            </nav>
            <div class="header-switches">
                <LanguageSwitch />
                <ThemeSwitch />
            </div>
    }
    .into_any();

    view! {
        {header(header_parts)}
        <div class="retry-notice" role="status" aria-live="polite">{retry_notice}</div>
        {main(view! { {shown} }.into_any())}
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
    let host_token = expect_context::<HostToken>().0;

    if !session.has_token_untracked() && !host_token {
        let back = location.path_untracked().unwrap_or_default();
        let to = format!("/settings/token?next={}", js_sys::encode_uri_component(&back));
        return view! { <Redirect path=to /> }.into_any();
    }

    view! {
        <Show when=move || !session.has_token()>
            {if host_token {
                view! {
                    <p class="notice notice-error" role="alert">
                        {move || t("app.host_token_refused")}
                    </p>
                }
                .into_any()
            } else {
                view! { <TokenSettings inline=true /> }.into_any()
            }}
        </Show>
        <div class="guarded" style:display=move || if session.has_token() { "" } else { "none" }>
            {children()}
        </div>
    }
    .into_any()
}
