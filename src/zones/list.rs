//! `ZoneList`: every zone of the account, a filter, and creating and deleting zones.

use dns_rules::api::Zone;
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use super::idn::{check_domain, unicode_form};
use super::{ConfirmDelete, LoadFailed, format_time, reload_failed_on_new_token};
use crate::api::{Api, ApiError};
use crate::focus::focus;
use crate::token::Session;
use crate::zonefiles::PendingImport;

#[component]
pub fn ZoneList() -> impl IntoView {
    let api = expect_context::<Api>();
    let navigate = use_navigate();

    let session = expect_context::<Session>();
    let zones = LocalResource::new(move || async move { api.list_zones().await });
    reload_failed_on_new_token(session, zones);
    let filter = RwSignal::new(String::new());

    // Creating a zone: the domain is checked as it is typed; the server's word wins.
    let new_domain = RwSignal::new(String::new());
    let domain_input = NodeRef::<Input>::new();
    let server_error = RwSignal::new(None::<String>);
    let action_error = RwSignal::new(None::<String>);
    let creating = RwSignal::new(false);

    // A new zone may start from a pasted zone file, imported through its preview once the zone
    // exists; an empty domain is filled in from the file's `$ORIGIN`.
    let start_file = RwSignal::new(String::new());
    let pending_import = expect_context::<PendingImport>();
    let on_start_file = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        if new_domain.with_untracked(|d| d.trim().is_empty())
            && let Some(domain) = dns_rules::zoneread::suggested_domain(&text)
        {
            new_domain.set(domain);
        }
        start_file.set(text);
    };
    let typed = Memo::new(move |_| {
        let text = new_domain.get();
        (!text.trim().is_empty()).then(|| check_domain(&text))
    });

    let on_create = move |event: SubmitEvent| {
        event.prevent_default();
        let checked = match typed.get_untracked() {
            Some(Ok(checked)) => checked,
            Some(Err(message)) => {
                server_error.set(Some(message));
                focus(domain_input);
                return;
            }
            None => {
                server_error.set(Some("Enter a domain, like example.com.".into()));
                focus(domain_input);
                return;
            }
        };

        creating.set(true);
        action_error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = api.create_zone(checked.ascii.as_str()).await;
            creating.set(false);
            match result {
                Ok(zone) => {
                    new_domain.set(String::new());
                    let file = start_file.get_untracked();
                    if !file.trim().is_empty() {
                        pending_import.0.set(Some((zone.uuid.clone(), file)));
                        start_file.set(String::new());
                    }
                    navigate(&format!("/zones/{}", zone.uuid), NavigateOptions::default());
                }
                Err(ApiError::Rejected(rejection)) => {
                    let message = rejection
                        .message_for("domain")
                        .map(str::to_owned)
                        .unwrap_or_else(|| ApiError::Rejected(rejection.clone()).message());
                    server_error.set(Some(message));
                    focus(domain_input);
                }
                Err(other) => action_error.set(Some(other.message())),
            }
        });
    };

    let domain_message = move || {
        server_error.get().or_else(|| match typed.get() {
            Some(Err(message)) => Some(message),
            _ => None,
        })
    };
    let conversion_hint = move || match typed.get() {
        Some(Ok(checked)) => checked.unicode.map(|unicode| {
            if new_domain.with(|typed| typed.is_ascii()) {
                format!("This is {unicode}.")
            } else {
                format!("Will be created as {}", checked.ascii)
            }
        }),
        _ => None,
    };

    let listing = move || match zones.get() {
        None => view! { <p class="loading" role="status">"Loading zones…"</p> }.into_any(),
        Some(Err(error)) => view! {
            <LoadFailed what="The zones" error=error on_retry=move || zones.refetch() />
        }
        .into_any(),
        Some(Ok(list)) => view! {
            <ZoneTable zones=list filter=filter.into() on_deleted=move || zones.refetch() />
        }
        .into_any(),
    };

    view! {
        <section class="panel" aria-labelledby="zones-heading">
            <h1 id="zones-heading">"DNS zones"</h1>
            <form class="form form-row create-zone" on:submit=on_create novalidate>
                <div class="field">
                    <label for="new-zone-domain">"New zone"</label>
                    <input
                        id="new-zone-domain"
                        name="domain"
                        type="text"
                        placeholder="example.com"
                        autocomplete="off"
                        spellcheck="false"
                        node_ref=domain_input
                        aria-invalid=move || domain_message().is_some().to_string()
                        aria-describedby="new-zone-message"
                        prop:value=move || new_domain.get()
                        on:input=move |event| {
                            new_domain.set(event_target_value(&event));
                            server_error.set(None);
                        }
                    />
                    <p id="new-zone-message" class="field-error" aria-live="polite">
                        {domain_message}
                    </p>
                    <p class="hint">{conversion_hint}</p>
                </div>
                <details class="start-file">
                    <summary>"Start from a zone file"</summary>
                    <div class="field">
                        <label for="new-zone-file">"Zone file to import (optional)"</label>
                        <textarea
                            id="new-zone-file"
                            rows="8"
                            class="code"
                            spellcheck="false"
                            prop:value=move || start_file.get()
                            on:input=on_start_file
                        ></textarea>
                        <p class="hint">
                            "After the zone is created you will see what the file adds, and \
                             choose what to import."
                        </p>
                    </div>
                </details>
                <div class="form-actions">
                    <button
                        type="submit"
                        class="button button-primary"
                        disabled=move || creating.get()
                    >
                        {move || if creating.get() { "Creating…" } else { "Create zone" }}
                    </button>
                    <p class="action-error" role="alert">{move || action_error.get()}</p>
                </div>
            </form>
            <div class="field filter">
                <label for="zone-filter">"Filter"</label>
                <input
                    id="zone-filter"
                    type="search"
                    placeholder="Domain contains…"
                    prop:value=move || filter.get()
                    on:input=move |event| filter.set(event_target_value(&event))
                />
            </div>
            {listing}
        </section>
    }
}

/// The table of zones, filtered, with a confirmed delete per row.
#[component]
fn ZoneTable(
    /// Every zone of the account.
    zones: Vec<Zone>,
    /// Text a shown zone's domain (or its Unicode form) contains.
    filter: Signal<String>,
    /// Called after a zone was deleted.
    #[prop(into)]
    on_deleted: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let total = zones.len();
    let zones = StoredValue::new(zones);
    let confirming = RwSignal::new(None::<String>);
    let deleting = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);

    let shown = Memo::new(move |_| {
        let needle = filter.get().trim().to_lowercase();
        zones.with_value(|all| {
            all.iter()
                .filter(|zone| {
                    needle.is_empty()
                        || zone.domain.contains(&needle)
                        || unicode_form(&zone.domain).is_some_and(|u| u.contains(&needle))
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let delete = move |uuid: String| {
        deleting.set(true);
        delete_error.set(None);
        spawn_local(async move {
            let result = api.delete_zone(&uuid).await;
            deleting.set(false);
            match result {
                Ok(()) => {
                    confirming.set(None);
                    on_deleted.run(());
                }
                Err(error) => delete_error.set(Some(error.message())),
            }
        });
    };

    let count_text = move || {
        let count = shown.with(Vec::len);
        if count == total { format!("{total} zones") } else { format!("{count} of {total} zones") }
    };

    view! {
            <p class="count" aria-live="polite">{count_text}</p>
            <Show
                when=move || { total > 0 }
                fallback=|| view! { <p class="empty">"No zones yet. Create one above."</p> }
            >
                <div class="table-wrap">
    <table class="table zones">
                    <thead>
                        <tr>
                            <th scope="col">"Domain"</th>
                            <th scope="col" class="numeric">"Records"</th>
                            <th scope="col">"Created"</th>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|zone| zone.uuid.clone() let:zone>
                            {
                                let uuid = zone.uuid.clone();
                                let domain = zone.domain.clone();
                                let unicode = unicode_form(&zone.domain);
                                let records = zone.record_count;
                                let question = format!(
                                    "Delete the zone {domain} and its {records} records? \
                                     This cannot be undone."
                                );
                                let confirm_label = format!("Delete {domain}");
                                let is_confirming = {
                                    let uuid = uuid.clone();
                                    move || confirming.get().as_deref() == Some(uuid.as_str())
                                };
                                view! {
                                    <tr>
                                        <td>
                                            <A href=format!("/zones/{uuid}")>{domain}</A>
                                            {unicode.map(|u| {
                                                view! { <span class="unicode">{u}</span> }
                                            })}
                                        </td>
                                        <td class="numeric">{records}</td>
                                        <td>{format_time(&zone.created_at)}</td>
                                        <td class="actions">
                                            <button
                                                type="button"
                                                class="button button-small"
                                                on:click={
                                                    let uuid = uuid.clone();
                                                    move |_| {
                                                        delete_error.set(None);
                                                        confirming.set(Some(uuid.clone()));
                                                    }
                                                }
                                            >
                                                "Delete"
                                            </button>
                                        </td>
                                    </tr>
                                    <Show when=is_confirming>
                                        <ConfirmDelete
                                            columns=4
                                            question=question.clone()
                                            confirm=confirm_label.clone()
                                            busy=deleting
                                            error=delete_error
                                            on_confirm={
                                                let uuid = uuid.clone();
                                                move || delete(uuid.clone())
                                            }
                                            on_cancel=move || confirming.set(None)
                                        />
                                    </Show>
                                }
                            }
                        </For>
                    </tbody>
                </table>
    </div>
            </Show>
        }
}
