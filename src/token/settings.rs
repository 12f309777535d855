//! `TokenSettings`: paste a token, have it checked, keep it, see it masked, forget it.

use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{Keep, Session, check_token_form};
use crate::api::{Api, ApiError};
use crate::focus::focus;

/// Where a check of the pasted token stands.
#[derive(Clone, Debug, PartialEq)]
enum Check {
    Idle,
    Checking,
    Failed(String),
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
    let navigate = use_navigate();
    let query = use_query_map();

    let input = NodeRef::<Input>::new();
    let typed = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let check = RwSignal::new(Check::Idle);
    let warning = RwSignal::new(None::<String>);

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let token = match check_token_form(&typed.get_untracked()) {
            Ok(token) => token,
            Err(message) => {
                check.set(Check::Failed(message));
                focus(input);
                return;
            }
        };

        check.set(Check::Checking);
        let navigate = navigate.clone();
        spawn_local(async move {
            match api.verify_token(&token).await {
                Ok(lacking) => {
                    let keep = if remember.get_untracked() { Keep::Device } else { Keep::Tab };
                    session.save(token, keep);
                    typed.set(String::new());
                    check.set(Check::Idle);
                    match lacking {
                        Some(error) => warning.set(Some(format!(
                            "Saved. {} The zone list needs dns:list.",
                            error.message()
                        ))),
                        None if inline => {}
                        None => {
                            // Only a path of this site, never another origin.
                            let next = query.with_untracked(|q| q.get("next"));
                            let to = next
                                .filter(|n| n.starts_with('/') && !n.starts_with("//"))
                                .unwrap_or_else(|| "/zones".to_owned());
                            navigate(&to, NavigateOptions::default());
                        }
                    }
                }
                Err(error) => {
                    let message = match error {
                        ApiError::Unauthorized { detail } => {
                            format!("The API refused this token: {detail}")
                        }
                        other => other.message(),
                    };
                    check.set(Check::Failed(message));
                    focus(input);
                }
            }
        });
    };

    let error_text = move || match check.get() {
        Check::Failed(message) => Some(message),
        _ => None,
    };
    let checking = move || check.get() == Check::Checking;
    let kept_where = move || match session.keep() {
        Keep::Tab => "Kept for this tab only; closing the tab forgets it.",
        Keep::Device => "Kept on this device until you forget it.",
    };

    view! {
        <section class="panel token-settings" aria-labelledby="token-heading">
            <h1 id="token-heading">"API token"</h1>
            {move || {
                session
                    .refused()
                    .map(|reason| {
                        view! {
                            <p class="notice notice-error" role="alert">
                                {format!("The API refused the saved token: {reason} ")}
                                "Paste a valid token to continue."
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
                                    "In use: " <code class="token-mask">{masked}</code>
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
                                    "Forget token"
                                </button>
                            </div>
                        }
                    })
            }}
            {move || warning.get().map(|text| view! { <p class="notice notice-warning">{text}</p> })}
            <form class="form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="token-input">
                        {move || if session.has_token() { "Replace with" } else { "Token" }}
                    </label>
                    <input
                        id="token-input"
                        name="token"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="vps_…"
                        node_ref=input
                        aria-invalid=move || error_text().is_some().to_string()
                        aria-describedby="token-error"
                        prop:value=move || typed.get()
                        on:input=move |event| {
                            typed.set(event_target_value(&event));
                            if matches!(check.get_untracked(), Check::Failed(_)) {
                                check.set(Check::Idle);
                            }
                        }
                    />
                    <p id="token-error" class="field-error" aria-live="polite">
                        {error_text}
                    </p>
                    <p class="hint">
                        "Create tokens on your account's developers page. A token is shown only \
                         once there."
                    </p>
                </div>
                <div class="field field-inline">
                    <input
                        id="token-remember"
                        type="checkbox"
                        prop:checked=move || remember.get()
                        on:change=move |event| remember.set(event_target_checked(&event))
                    />
                    <label for="token-remember">"Remember on this device"</label>
                </div>
                <p class="hint">
                    "Remembered tokens stay in this browser after it closes; anyone using this \
                     device account could use them. Leave it off on shared computers."
                </p>
                <button type="submit" class="button button-primary" disabled=checking>
                    {move || if checking() { "Checking…" } else { "Save token" }}
                </button>
            </form>
        </section>
    }
}
