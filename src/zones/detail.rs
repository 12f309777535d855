//! `ZoneDetail`: one zone's records in a table, with adding, editing and deleting.

use dns_rules::DomainName;
use dns_rules::api::{Record, RecordWrite, Zone};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::idn::unicode_form;
use super::{ConfirmDelete, LoadFailed, reload_failed_on_new_token};
use crate::api::{Api, ApiError, Versioned};
use crate::provider::Provider;
use crate::records::{RecordForm, changes};
use crate::token::Session;
use crate::zonefiles::{ExportButton, ImportPanel, PendingImport, dig_command};

/// The zone and every one of its records.
#[derive(Clone, Debug, PartialEq)]
struct Loaded {
    zone: Zone,
    records: Vec<Record>,
}

/// Reads the zone, and its records in full: the detail answer carries them, but when it
/// carries fewer than `record_count` (a provider may cut them short) the list is read, page
/// by page, so the table never shows part of a zone as if it were all of it.
async fn load(api: Api, uuid: String) -> Result<Loaded, ApiError> {
    let mut zone = api.get_zone(&uuid).await?;
    let records = match zone.records.take() {
        Some(records) if records.len() as u64 == zone.record_count => records,
        _ => api.list_records(&uuid).await?,
    };
    Ok(Loaded { zone, records })
}

/// Which form is open: none, the new-record form, or the edit form of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Open {
    Nothing,
    New,
    Edit(String),
}

#[component]
pub fn ZoneDetail() -> impl IntoView {
    let api = expect_context::<Api>();
    let params = use_params_map();
    let uuid = Memo::new(move |_| params.read().get("uuid").unwrap_or_default());

    let session = expect_context::<Session>();
    let loaded = LocalResource::new(move || load(api, uuid.get()));
    reload_failed_on_new_token(session, loaded);

    view! {
        <section class="panel zone-detail">
            <p class="breadcrumb">
                <A href="/zones">"← All zones"</A>
            </p>
            {move || match loaded.get() {
                None => view! { <p class="loading" role="status">"Loading zone…"</p> }.into_any(),
                Some(Err(ApiError::NotFound { .. })) => view! {
                    <div class="notice notice-error" role="alert">
                        <p>"This zone does not exist, or it belongs to another account."</p>
                        <A href="/zones">"Back to the zone list"</A>
                    </div>
                }
                .into_any(),
                Some(Err(error)) => view! {
                    <LoadFailed what="The zone" error=error on_retry=move || loaded.refetch() />
                }
                .into_any(),
                Some(Ok(data)) => {
                    view! { <ZoneRecords zone=data.zone records=data.records /> }.into_any()
                }
            }}
        </section>
    }
}

/// The loaded zone: heading, the record form and the records table.
#[component]
fn ZoneRecords(
    /// The zone, without its records.
    zone: Zone,
    /// Every record of the zone.
    records: Vec<Record>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let zone_uuid = StoredValue::new(zone.uuid.clone());
    let domain = DomainName::parse(&zone.domain).ok();
    let unicode = unicode_form(&zone.domain);

    let records = RwSignal::new(records);
    let open = RwSignal::new(Open::Nothing);

    // A zone just created from a pasted file opens with that file's import preview.
    let imported_text = expect_context::<PendingImport>().take_for(&zone.uuid);
    let importing = RwSignal::new(imported_text.is_some());
    let imported_text = StoredValue::new(imported_text);
    let saving = RwSignal::new(false);
    let rejection = RwSignal::new(None::<ApiError>);
    let confirming = RwSignal::new(None::<String>);
    let row_error = RwSignal::new(None::<(String, String)>);

    let open_form = move |which: Open| {
        rejection.set(None);
        open.set(which);
    };

    let save_new = move |write: RecordWrite| {
        rejection.set(None);
        saving.set(true);
        spawn_local(async move {
            let result = api.create_record(&zone_uuid.get_value(), &write).await;
            saving.set(false);
            match result {
                Ok(record) => {
                    records.update(|list| list.push(record));
                    open_form(Open::Nothing);
                }
                Err(error) => rejection.set(Some(error)),
            }
        });
    };

    // Editing starts from the record as it is now, with its version tag; the save sends that
    // tag, so a change someone made meanwhile is shown instead of overwritten.
    let edit_base = RwSignal::new(None::<Versioned<Record>>);
    let stale = RwSignal::new(None::<Versioned<Record>>);
    let pending = RwSignal::new(None::<RecordWrite>);
    let replace = move |fresh: Record| {
        records.update(|list| {
            if let Some(slot) = list.iter_mut().find(|r| r.uuid == fresh.uuid) {
                *slot = fresh;
            }
        });
    };

    let start_edit = move |uuid: String| {
        row_error.set(None);
        stale.set(None);
        spawn_local(async move {
            match api.get_record(&uuid).await {
                Ok(current) => {
                    replace(current.item.clone());
                    edit_base.set(Some(current));
                    open_form(Open::Edit(uuid));
                }
                Err(error) => row_error.set(Some((uuid, error.message()))),
            }
        });
    };

    let save_edit = move |write: RecordWrite| {
        let Some(base) = edit_base.get_untracked() else { return };
        let body = changes(&base.item, &write);
        if body.is_empty() {
            open_form(Open::Nothing);
            return;
        }
        rejection.set(None);
        saving.set(true);
        spawn_local(async move {
            let result = api.patch_record(&base.item.uuid, &body, base.etag.as_deref()).await;
            saving.set(false);
            match result {
                Ok(updated) => {
                    replace(updated.item);
                    edit_base.set(None);
                    open_form(Open::Nothing);
                }
                Err(ApiError::Stale { .. }) => match api.get_record(&base.item.uuid).await {
                    Ok(latest) => {
                        pending.set(Some(write));
                        stale.set(Some(latest));
                    }
                    Err(error) => rejection.set(Some(error)),
                },
                Err(error) => rejection.set(Some(error)),
            }
        });
    };

    // The two ways out of a conflict: take the other change, or save this one over it.
    let reload_latest = move || {
        if let Some(latest) = stale.get_untracked() {
            stale.set(None);
            pending.set(None);
            rejection.set(None);
            replace(latest.item.clone());
            edit_base.set(Some(latest));
        }
    };
    let overwrite = move || {
        if let (Some(latest), Some(write)) = (stale.get_untracked(), pending.get_untracked()) {
            stale.set(None);
            pending.set(None);
            edit_base.set(Some(latest));
            save_edit(write);
        }
    };

    let delete = move |uuid: String| {
        row_error.set(None);
        spawn_local(async move {
            match api.delete_record(&uuid).await {
                Ok(()) => {
                    records.update(|list| list.retain(|r| r.uuid != uuid));
                    confirming.set(None);
                }
                Err(error) => row_error.set(Some((uuid, error.message()))),
            }
        });
    };

    let count = move || {
        let n = records.with(Vec::len);
        if n == 1 { "1 record".to_owned() } else { format!("{n} records") }
    };

    let new_form = {
        let domain = domain.clone();
        move || {
            let domain = domain.clone()?;
            (open.get() == Open::New).then(|| {
                view! {
                    <RecordForm
                        zone=domain
                        on_submit=save_new
                        on_cancel=move || open_form(Open::Nothing)
                        rejection=rejection
                        busy=saving
                    />
                }
            })
        }
    };

    let import_panel = {
        let domain = domain.clone();
        move || {
            let domain = domain.clone()?;
            importing.get().then(|| {
                view! {
                    <ImportPanel
                        zone=domain
                        zone_uuid=zone_uuid.get_value()
                        records=records
                        text=imported_text.try_update_value(Option::take).flatten()
                        on_close=move || importing.set(false)
                    />
                }
            })
        }
    };
    let export_button = domain.clone().map(|domain| {
        view! { <ExportButton zone=domain records=records /> }
    });

    let provider = expect_context::<Provider>();
    let row = move |record: Record| {
        let uuid = record.uuid.clone();
        let domain = domain.clone();
        let dig = domain.as_ref().map(|d| dig_command(d, &record, &provider)).unwrap_or_default();
        let is_editing = move || open.get() == Open::Edit(uuid.clone());
        let shown = move || {
            if !is_editing() {
                return view! {
                    <RecordRow
                        record=record.clone()
                        dig=dig.clone()
                        confirming=confirming
                        row_error=row_error
                        on_edit=start_edit
                        on_delete=delete
                    />
                }
                .into_any();
            }
            let Some(domain) = domain.clone() else { return ().into_any() };
            view! {
                <tr class="edit-row">
                    <td colspan="6">
                        {move || stale.get().map(|latest| view! {
                            <StaleNotice
                                latest=latest.item
                                on_reload=reload_latest
                                on_overwrite=overwrite
                            />
                        })}
                        <RecordForm
                            zone=domain
                            existing=record.clone()
                            on_submit=save_edit
                            on_cancel=move || open_form(Open::Nothing)
                            rejection=rejection
                            busy=saving
                        />
                    </td>
                </tr>
            }
            .into_any()
        };
        view! { {shown} }
    };

    view! {
            <header class="zone-header">
                <h1>{zone.domain.clone()}</h1>
                {unicode.map(|u| view! { <p class="unicode">{u}</p> })}
                <p class="count" aria-live="polite">{count}</p>
            </header>
            <div class="toolbar">
                <button
                    type="button"
                    class="button button-primary"
                    on:click=move |_| open_form(Open::New)
                >
                    "Add record"
                </button>
                <button
                    type="button"
                    class="button"
                    aria-expanded=move || importing.get().to_string()
                    on:click=move |_| importing.set(true)
                >
                    "Import zone file"
                </button>
                {export_button}
            </div>
            {import_panel}
            {new_form}
            <div class="table-wrap">
    <table class="table records">
                <thead>
                    <tr>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Value"</th>
                        <th scope="col" class="numeric">"TTL"</th>
                        <th scope="col" class="numeric">"Priority"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || records.get()
                        key=row_key
                        children=row
                    />
                </tbody>
            </table>
    </div>
            <Show when=move || records.with(Vec::is_empty)>
                <p class="empty">"This zone has no records yet. Add one above."</p>
            </Show>
        }
}

/// What makes a row drawn again: the record, and any change to what it shows (a provider may
/// leave `updated_at` empty, so the shown fields count too).
fn row_key(r: &Record) -> (String, String, String, u32, Option<u32>) {
    (r.uuid.clone(), r.updated_at.clone(), r.value.clone(), r.ttl, r.priority)
}

/// One record as a table row, with its confirmed delete.
#[component]
fn RecordRow(
    /// The record shown.
    record: Record,
    /// A `dig` command that asks the provider's name server for the record.
    dig: String,
    /// The uuid of the record whose delete awaits confirmation.
    confirming: RwSignal<Option<String>>,
    /// The last failed action on a row: its uuid and message.
    row_error: RwSignal<Option<(String, String)>>,
    /// Called with the uuid when the person asks to edit.
    #[prop(into)]
    on_edit: Callback<String>,
    /// Called with the uuid once the person confirmed the delete.
    #[prop(into)]
    on_delete: Callback<String>,
) -> impl IntoView {
    let uuid = StoredValue::new(record.uuid.clone());
    let question =
        format!("Delete the {} {} record? This cannot be undone.", record.record_type, record.name);
    let priority = record.priority.map(|p| p.to_string()).unwrap_or_default();
    let is_confirming = move || uuid.with_value(|u| confirming.get().as_deref() == Some(u));
    let showing_dig = RwSignal::new(false);
    let error_here =
        move || row_error.get().filter(|(u, _)| uuid.with_value(|mine| u == mine)).map(|(_, m)| m);

    view! {
        <tr data-record=uuid.get_value()>
            <td class="type">{record.record_type}</td>
            <td class="name">{record.name}</td>
            <td class="value">{record.value}</td>
            <td class="numeric ttl">{record.ttl}</td>
            <td class="numeric priority">{priority}</td>
            <td class="actions">
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| on_edit.run(uuid.get_value())
                >
                    "Edit"
                </button>
                <button
                    type="button"
                    class="button button-small"
                    on:click=move |_| confirming.set(Some(uuid.get_value()))
                >
                    "Delete"
                </button>
                <button
                    type="button"
                    class="button button-small"
                    aria-expanded=move || showing_dig.get().to_string()
                    on:click=move |_| showing_dig.update(|on| *on = !*on)
                >
                    "dig"
                </button>
            </td>
        </tr>
        <Show when=move || showing_dig.get()>
            <tr class="dig-row">
                <td colspan="6">
                    <CopyCommand command=dig.clone() />
                </td>
            </tr>
        </Show>
        <Show when=is_confirming>
            <ConfirmDelete
                columns=6
                question=question.clone()
                confirm="Delete record".to_owned()
                busy=Signal::derive(|| false)
                error=Signal::derive(|| None::<String>)
                on_confirm=move || on_delete.run(uuid.get_value())
                on_cancel=move || confirming.set(None)
            />
        </Show>
        <Show when=move || error_here().is_some()>
            <tr class="error-row">
                <td colspan="6" class="action-error" role="alert">
                    {error_here}
                </td>
            </tr>
        </Show>
    }
}

/// Says that the record changed since the form was opened, shows what it holds now, and
/// offers the two ways on.
#[component]
fn StaleNotice(
    /// The record as it is now.
    latest: Record,
    /// Called to take the other change and edit from it.
    #[prop(into)]
    on_reload: Callback<()>,
    /// Called to save this form's values over the other change.
    #[prop(into)]
    on_overwrite: Callback<()>,
) -> impl IntoView {
    let priority = latest.priority.map(|p| format!(" priority {p}")).unwrap_or_default();
    let now = format!(
        "{} {} {} (TTL {}{priority})",
        latest.record_type, latest.name, latest.value, latest.ttl
    );

    view! {
        <div class="notice notice-warning stale" role="alert">
            <p>"This record was changed by someone else since you opened it. It now reads:"</p>
            <pre class="preview-line">{now}</pre>
            <button type="button" class="button" on:click=move |_| on_reload.run(())>
                "Reload it and discard my changes"
            </button>
            " "
            <button
                type="button"
                class="button button-danger"
                on:click=move |_| on_overwrite.run(())
            >
                "Save mine over it"
            </button>
        </div>
    }
}

/// A command to run, shown in full with a button that copies it.
#[component]
fn CopyCommand(command: String) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let command = StoredValue::new(command);
    let copy = move |_| {
        let Some(clipboard) = web_sys::window().map(|w| w.navigator().clipboard()) else {
            return;
        };
        let promise = clipboard.write_text(&command.get_value());
        spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
            copied.set(Some(if done { "Copied." } else { "Select the command and copy it." }));
        });
    };

    view! {
        <div class="copy-command">
            <p class="hint">"Ask the provider's name server what it serves for this record:"</p>
            <code class="dig">{command.get_value()}</code>
            " "
            <button type="button" class="button button-small" on:click=copy>"Copy"</button>
            <span class="hint" role="status">{move || copied.get()}</span>
        </div>
    }
}
