//! `TokenSettings`: paste a token, have it checked, keep it, see it masked, forget it.
//!
//! What went wrong is kept as a value and put into words only in the view, so a switch of
//! language rewrites a message that is already shown.

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Keep, Session, TokenProblem, check_token_form};
use crate::api::{Api, ApiError};
use crate::embed::dom_id;
use crate::focus::focus;
use crate::i18n::{t, tf};
use crate::routes::use_location;

/// Where a check of the pasted token stands.
#[derive(Clone, Debug, PartialEq)]
enum Check {
    Idle,
    Checking,
    Failed(Failure),
}

/// Why a pasted token was not kept.
#[derive(Clone, Debug, PartialEq)]
enum Failure {
    /// Its form is wrong; nothing was sent.
    Form(TokenProblem),
    /// The API refused it, for the reason it gave (possibly none).
    Refused(String),
    /// The check itself failed: the server or the network.
    Api(ApiError),
}

impl Failure {
    fn message(&self) -> String {
        match self {
            Failure::Form(problem) => problem.message(),
            Failure::Refused(detail) if detail.is_empty() => t("token.refused.no_detail"),
            Failure::Refused(detail) => tf("token.refused", &[("detail", detail)]),
            Failure::Api(error) => error.message(),
        }
    }
}

#[component]
pub fn TokenSettings(
    /// Shown over a page whose token was refused: saving a token returns to that page as it
    /// was, instead of going to the zone list.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let api = expect_context::<Api>();
    let location = use_location();

    let input = NodeRef::<Input>::new();
    let typed = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let check = RwSignal::new(Check::Idle);
    // A token that was kept but may not list zones: the refusal, shown as a warning.
    let warning = RwSignal::new(None::<ApiError>);

    // One check at a time: a submit while one runs (Enter, a second click) sends nothing, and
    // what was pasted stays until a token is kept.
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if check.get_untracked() == Check::Checking {
            return;
        }
        let token = match check_token_form(&typed.get_untracked()) {
            Ok(token) => token,
            Err(problem) => {
                check.set(Check::Failed(Failure::Form(problem)));
                focus(input);
                return;
            }
        };

        check.set(Check::Checking);
        spawn_local(async move {
            match api.verify_token(&token).await {
                Ok(lacking) => {
                    // The form may be gone by now (its dashboard unmounted): then this tab.
                    let device = remember.try_get_untracked().unwrap_or(false);
                    let keep = if device { Keep::Device } else { Keep::Tab };
                    session.save(token, keep);
                    typed.try_set(String::new());
                    check.try_set(Check::Idle);
                    match lacking {
                        Some(error) => {
                            warning.try_set(Some(error));
                        }
                        None if inline => {}
                        None => {
                            // Only a path of this site, never another origin.
                            let next = location.query_value_untracked("next");
                            let to = next
                                .filter(|n| n.starts_with('/') && !n.starts_with("//"))
                                .unwrap_or_else(|| "/zones".to_owned());
                            location.navigate(&to, false);
                        }
                    }
                }
                Err(error) => {
                    let failure = match error {
                        ApiError::Unauthorized { detail } => Failure::Refused(detail),
                        other => Failure::Api(other),
                    };
                    check.try_set(Check::Failed(failure));
                    focus(input);
                }
            }
        });
    };

    let error_text = move || match check.get() {
        Check::Failed(failure) => Some(failure.message()),
        _ => None,
    };
    let checking = move || check.get() == Check::Checking;
    let kept_where = move || match session.keep() {
        Keep::Tab => t("token.kept.tab"),
        Keep::Device => t("token.kept.device"),
    };
    let label = move || {
        if session.has_token() { t("token.label.replace") } else { t("token.label.new") }
    };
    let refused_text = move |reason: String| {
        if reason.is_empty() {
            t("token.refused_saved.no_reason")
        } else {
            tf("token.refused_saved", &[("reason", &reason)])
        }
    };
    let warning_text = move || {
        warning.get().map(|error| tf("token.saved_lacking", &[("message", &error.message())]))
    };

    view! {
        <section class="panel token-settings" aria-labelledby=dom_id("token-heading")>
            <h1 id=dom_id("token-heading")>{move || t("token.heading")}</h1>
            {move || {
                session
                    .refused()
                    .map(|reason| {
                        view! {
                            <p class="notice notice-error" role="alert">
                                {refused_text(reason)}
                                " "
                                {move || t("token.paste_valid")}
                            </p>
                        }
                    })
            }}
            {move || {
                session
                    .masked()
                    .map(|masked| {
                        view! {
                            <div class="current-token">
                                <p>
                                    {move || t("token.in_use")}
                                    " "
                                    <code class="token-mask">{masked}</code>
                                </p>
                                <p class="hint">{kept_where}</p>
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| {
                                        session.forget();
                                        warning.set(None);
                                    }
                                >
                                    {move || t("token.forget")}
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                warning_text().map(|text| view! { <p class="notice notice-warning">{text}</p> })
            }}
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for=dom_id("token-input")>
                        {label}
                    </label>
                    <input
                        id=dom_id("token-input")
                        name="token"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="vps_…"
                        node_ref=input
                        aria-invalid=move || error_text().is_some().to_string()
                        aria-describedby=dom_id("token-error")
                        prop:value=move || typed.get()
                        on:input=move |event| {
                            typed.set(event_target_value(&event));
                            if matches!(check.get_untracked(), Check::Failed(_)) {
                                check.set(Check::Idle);
                            }
                        }
                    />
                    <p id=dom_id("token-error") class="field-error" aria-live="polite">
                        {error_text}
                    </p>
                    <p class="hint">{move || t("token.hint.create")}</p>
                </div>
                <div class="field field-inline">
                    <input
                        id=dom_id("token-remember")
                        type="checkbox"
                        prop:checked=move || remember.get()
                        on:change=move |event| remember.set(event_target_checked(&event))
                    />
                    <label for=dom_id("token-remember")>{move || t("token.remember")}</label>
                </div>
                <p class="hint">{move || t("token.remember.warning")}</p>
                <button type="submit" class="button button-primary" disabled=checking>
                    {move || if checking() { t("token.checking") } else { t("token.save") }}
                </button>
            </form>
        </section>
    }
}
