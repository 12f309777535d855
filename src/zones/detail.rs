//! `ZoneDetail`: one zone's records in a table that filters, sorts, edits in place, deletes
//! one or many with an undo, and shows the name servers the domain must point at.
//!
//! The filter and sort live in the URL (see [`crate::address`]), the rows in a signal
//! that every change updates from the API's answer. The table draws [`table::PAGE_ROWS`]
//! rows at most until asked for more, the first few in the frame of the keystroke and the
//! rest in the frames after, so typing in the filter of a large zone stays quick.

mod bulk;
mod nameservers;
mod row;
mod table;

use dns_rules::DomainName;
use dns_rules::api::{Record, RecordWrite, Zone};
use leptos::ev::KeyboardEvent;
use leptos::html::Button;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::idn::unicode_form;
use super::{LoadFailed, reload_failed_on_new_token};
use crate::address::use_address_view;
use crate::api::{Api, ApiError, Versioned};
use crate::embed::{Root, use_root};
use crate::focus::focus;
use crate::i18n::{plural, t, use_i18n};
use crate::provider::Provider;
use crate::records::query::{SortKey, TableQuery};
use crate::records::selection::Selection;
use crate::records::{RecordForm, changes, saved_as};
use crate::routes::Link;
use crate::token::Session;
use crate::zonefiles::{ExportButton, ImportPanel, PendingImport, dig_command};
use bulk::BulkActions;
use nameservers::NameServers;
use row::{COLUMNS, Copied, CopyStatus, RecordRow, RowShared, StaleNotice, on_row_click};
use table::{Drawing, FilterBar, SelectAll, ShowMore, SortHeading, TableUrl};

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
pub fn ZoneDetail(
    /// The zone's uuid, from the page's path.
    #[prop(into)]
    uuid: Signal<String>,
) -> impl IntoView {
    let api = expect_context::<Api>();

    let session = expect_context::<Session>();
    let loaded = LocalResource::new(move || load(api, uuid.get()));
    reload_failed_on_new_token(session, loaded);

    view! {
        <section class="panel zone-detail">
            <p class="breadcrumb">
                <Link href="/zones">{move || t("table.back")}</Link>
            </p>
            {move || match loaded.get() {
                None => view! { <Placeholder /> }.into_any(),
                Some(Err(ApiError::NotFound { .. })) => view! {
                    <div class="notice notice-error" role="alert">
                        <p>{move || t("table.not_found")}</p>
                        <Link href="/zones">{move || t("table.back_to_list")}</Link>
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

/// What the page shows while the zone loads: the shape of the loaded page, so nothing jumps
/// when the records arrive.
#[component]
fn Placeholder() -> impl IntoView {
    view! {
        <div class="zone-placeholder" aria-busy="true">
            <header class="zone-header">
                <h1 class="placeholder-text">"\u{a0}"</h1>
                <p class="loading" role="status">{move || t("table.loading")}</p>
            </header>
            <div class="table-wrap">
                <table class="table records">
                    <tbody>
                        {(0..8)
                            .map(|_| view! {
                                <tr class="placeholder-row">
                                    <td colspan=COLUMNS><span class="placeholder-bar"></span></td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// Focuses the first element of the dashboard matching `selector` once the page has drawn
/// its last change.
fn focus_after_render(root: StoredValue<Option<Root>>, selector: String) {
    request_animation_frame(move || {
        let element = root.with_value(|root| root.as_ref().and_then(|r| r.find(&selector)));
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// The selector of a button of the row of record `uuid`.
fn row_button(uuid: &str, class: &str) -> String {
    format!("tr[data-record=\"{}\"] button.{class}", uuid.replace(['"', '\\'], ""))
}

/// The loaded zone: heading, name servers, the record form and the records table.
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

    let root = StoredValue::new(use_root());
    let focus_in = move |selector: String| focus_after_render(root, selector);

    let records = RwSignal::new(records);
    let open = RwSignal::new(Open::Nothing);
    let add_button = NodeRef::<Button>::new();

    // A zone just created from a pasted file opens with that file's import preview.
    let imported_text = expect_context::<PendingImport>().take_for(&zone.uuid);
    let importing = RwSignal::new(imported_text.is_some());
    let imported_text = StoredValue::new(imported_text);
    let saving = RwSignal::new(false);
    let rejection = RwSignal::new(None::<ApiError>);
    // What a check after a save that timed out found, shown in the form that is still open.
    let save_note = RwSignal::new(None::<String>);
    // The last body sent by the new-record form, which a check looks for in the zone.
    let sent_new = StoredValue::new(None::<RecordWrite>);
    let confirming = RwSignal::new(None::<String>);
    let row_error = RwSignal::new(None::<(String, String)>);
    let selection = RwSignal::new(Selection::default());
    let copied = RwSignal::new(None::<Copied>);

    // The view: sorted once per change of records or order, filtered per keystroke, and drawn
    // a frame's worth of rows at a time up to a limit; a new view starts again from the top.
    let drawing = Drawing::new();
    let in_url: TableUrl = use_address_view();
    let url = TableUrl {
        query: in_url.query,
        set: Callback::new(move |next| {
            drawing.restart();
            in_url.set.run(next);
        }),
    };
    let query = url.query;
    let order = Memo::new(move |_| query.with(|q| (q.sort, q.descending)));
    let sorted = Memo::new(move |_| {
        let (sort, descending) = order.get();
        let by = TableQuery { sort, descending, ..TableQuery::default() };
        records.with(|all| by.sorted(all))
    });
    let filtered =
        Memo::new(move |_| records.with(|all| sorted.with(|s| query.with(|q| q.filtered(all, s)))));
    let shown = Memo::new(move |_| {
        records.with(|all| {
            filtered
                .with(|f| f.iter().filter_map(|&i| all.get(i)).map(|r| r.uuid.clone()).collect())
        })
    });
    let drawn = move || {
        records.with(|all| {
            filtered.with(|f| {
                let rows = || f.iter().filter_map(|&i| all.get(i));
                let count = drawing.count(rows().map(|r| r.uuid.as_str()));
                rows().take(count).cloned().collect::<Vec<_>>()
            })
        })
    };
    let types = Memo::new(move |_| {
        let mut counts: Vec<(String, usize)> = Vec::new();
        records.with(|all| {
            for record in all {
                match counts.iter_mut().find(|(t, _)| *t == record.record_type) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((record.record_type.clone(), 1)),
                }
            }
        });
        counts.sort();
        counts
    });

    let open_form = move |which: Open| {
        rejection.set(None);
        save_note.set(None);
        open.set(which);
    };
    let close_new = move || {
        open_form(Open::Nothing);
        request_animation_frame(move || focus(add_button));
    };
    let start_new = move |_| {
        open_form(Open::New);
        focus_in(".new-record .record-form input".to_owned());
    };

    // One request at a time, whichever way a save or a check was asked for.
    let save_new = move |write: RecordWrite| {
        if saving.get_untracked() {
            return;
        }
        rejection.set(None);
        save_note.set(None);
        saving.set(true);
        sent_new.set_value(Some(write.clone()));
        spawn_local(async move {
            let result = api.create_record(&zone_uuid.get_value(), &write).await;
            saving.try_set(false);
            match result {
                Ok(record) => {
                    records.try_update(|list| list.push(record));
                    close_new();
                }
                Err(error) => {
                    rejection.try_set(Some(error));
                }
            }
        });
    };

    // A create that timed out may have been made: the zone's records are read again, and the
    // record sent is looked for among those the table did not have. Found, the form closes
    // as after a save; not found, the form stays as typed and says it may be saved again.
    let check_domain = domain.clone();
    let check_new = Callback::new(move |()| {
        let (Some(write), Some(zone)) = (sent_new.get_value(), check_domain.clone()) else {
            return;
        };
        if saving.get_untracked() {
            return;
        }
        saving.set(true);
        spawn_local(async move {
            let result = api.list_records(&zone_uuid.get_value()).await;
            saving.try_set(false);
            match result {
                Ok(fresh) => {
                    let known: std::collections::HashSet<String> = records
                        .try_with_untracked(|list| list.iter().map(|r| r.uuid.clone()).collect())
                        .unwrap_or_default();
                    let made = fresh
                        .iter()
                        .any(|r| !known.contains(&r.uuid) && saved_as(&zone, &write, r));
                    records.try_set(fresh);
                    if made {
                        close_new();
                    } else {
                        rejection.try_set(None);
                        save_note.try_set(Some(t("api.check.not_saved")));
                    }
                }
                Err(error) => {
                    rejection.try_set(Some(error));
                }
            }
        });
    });

    // Editing starts from the record as it is now, with its version tag; the save sends that
    // tag, so a change someone made meanwhile is shown instead of overwritten.
    let edit_base = RwSignal::new(None::<Versioned<Record>>);
    let stale = RwSignal::new(None::<Versioned<Record>>);
    let pending = RwSignal::new(None::<RecordWrite>);
    let replace = move |fresh: Record| {
        records.try_update(|list| {
            if let Some(slot) = list.iter_mut().find(|r| r.uuid == fresh.uuid) {
                *slot = fresh;
            }
        });
    };

    // Whichever way the edit form closes, focus goes back to the Edit button of its row.
    let close_edit = move || {
        if let Some(Open::Edit(uuid)) = open.try_get_untracked() {
            edit_base.set(None);
            stale.set(None);
            open_form(Open::Nothing);
            focus_in(row_button(&uuid, "edit-button"));
        }
    };

    let start_edit = move |uuid: String| {
        row_error.set(None);
        stale.set(None);
        spawn_local(async move {
            match api.get_record(&uuid).await {
                Ok(current) => {
                    replace(current.item.clone());
                    edit_base.try_set(Some(current));
                    open_form(Open::Edit(uuid));
                    focus_in(".edit-row .record-form input".to_owned());
                }
                Err(error) => {
                    row_error.try_set(Some((uuid, error.message())));
                }
            }
        });
    };

    let save_edit = move |write: RecordWrite| {
        let Some(base) = edit_base.get_untracked() else { return };
        if saving.get_untracked() {
            return;
        }
        let body = changes(&base.item, &write);
        if body.is_empty() {
            close_edit();
            return;
        }
        rejection.set(None);
        save_note.set(None);
        pending.set(Some(write.clone()));
        saving.set(true);
        spawn_local(async move {
            let result = api.patch_record(&base.item.uuid, &body, base.etag.as_deref()).await;
            saving.try_set(false);
            match result {
                Ok(updated) => {
                    replace(updated.item);
                    close_edit();
                }
                Err(ApiError::Stale { .. }) => match api.get_record(&base.item.uuid).await {
                    Ok(latest) => {
                        pending.try_set(Some(write));
                        stale.try_set(Some(latest));
                    }
                    Err(error) => {
                        rejection.try_set(Some(error));
                    }
                },
                Err(error) => {
                    rejection.try_set(Some(error));
                }
            }
        });
    };

    // An edit that timed out may have been made: the record is read again. As sent, the form
    // closes as after a save; as it was, the form stays and says it may be saved again;
    // changed otherwise, that is someone else's change, shown as after a 412.
    let check_edit = {
        let domain = domain.clone();
        Callback::new(move |()| {
            let (Some(base), Some(write), Some(zone)) =
                (edit_base.get_untracked(), pending.get_untracked(), domain.clone())
            else {
                return;
            };
            if saving.get_untracked() {
                return;
            }
            saving.set(true);
            spawn_local(async move {
                let result = api.get_record(&base.item.uuid).await;
                saving.try_set(false);
                match result {
                    Ok(latest) if saved_as(&zone, &write, &latest.item) => {
                        replace(latest.item);
                        close_edit();
                    }
                    Ok(latest) if latest.item == base.item => {
                        rejection.try_set(None);
                        save_note.try_set(Some(t("api.check.not_saved")));
                    }
                    Ok(latest) => {
                        rejection.try_set(None);
                        stale.try_set(Some(latest));
                    }
                    Err(error) => {
                        rejection.try_set(Some(error));
                    }
                }
            });
        })
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

    // One delete per record at a time: a second click on its confirm button, which waits
    // meanwhile, sends nothing.
    let deleting = RwSignal::new(Vec::<String>::new());
    let delete = move |uuid: String| {
        if deleting.with_untracked(|d| d.contains(&uuid)) {
            return;
        }
        row_error.set(None);
        deleting.update(|d| d.push(uuid.clone()));
        spawn_local(async move {
            let result = api.delete_record(&uuid).await;
            deleting.try_update(|d| d.retain(|u| *u != uuid));
            match result {
                Ok(()) => {
                    records.try_update(|list| list.retain(|r| r.uuid != uuid));
                    selection.try_update(|s| s.retain(|u| u != uuid));
                    confirming.try_set(None);
                }
                Err(error) => {
                    row_error.try_set(Some((uuid, error.message())));
                }
            }
        });
    };

    // Escape closes what is open in the table and returns focus to the button that opened it.
    let on_table_key = move |event: KeyboardEvent| {
        if event.key() != "Escape" {
            return;
        }
        let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let inside = |selector: &str| {
            target.as_ref().and_then(|t| t.closest(selector).ok().flatten()).is_some()
        };
        if inside(".edit-row") {
            event.prevent_default();
            close_edit();
        } else if inside(".confirm-row")
            && let Some(uuid) = confirming.get_untracked()
        {
            event.prevent_default();
            confirming.set(None);
            focus_in(row_button(&uuid, "delete-button"));
        }
    };
    let on_new_key = move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            close_new();
        }
    };

    // An opened confirmation takes focus, so the keyboard is where the question is.
    Effect::new(move |_| {
        if confirming.get().is_some() {
            focus_in(".confirm-row .confirm button:not(.button-danger)".to_owned());
        }
    });

    let count = move || {
        let total = records.with(Vec::len);
        if !query.with(TableQuery::is_filtering) {
            return plural("table.count", total);
        }
        let matching = use_i18n().number(filtered.with(Vec::len));
        plural("table.count_filtered", total).replace("{shown}", &matching)
    };

    let new_form = {
        let domain = domain.clone();
        move || {
            let domain = domain.clone()?;
            (open.get() == Open::New).then(|| {
                view! {
                    <div class="new-record" on:keydown=on_new_key>
                        <RecordForm
                            zone=domain
                            on_submit=save_new
                            on_cancel=close_new
                            rejection=rejection
                            busy=saving
                            on_check=check_new
                            note=save_note
                        />
                    </div>
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
    let dig_domain = domain.clone();
    let dig_command = Callback::new(move |record: Record| {
        dig_domain.as_ref().map(|d| dig_command(d, &record, &provider)).unwrap_or_default()
    });
    let shared = RowShared {
        selection,
        shown,
        confirming,
        deleting,
        row_error,
        copied,
        digging: RwSignal::new(Vec::new()),
        dig_command,
        on_edit: Callback::new(start_edit),
        on_delete: Callback::new(delete),
    };
    let row = move |record: Record| {
        let uuid = record.uuid.clone();
        let domain = domain.clone();
        let is_editing = move || open.get() == Open::Edit(uuid.clone());
        let shown = move || {
            if !is_editing() {
                return view! { <RecordRow record=record.clone() shared=shared /> }.into_any();
            }
            let Some(domain) = domain.clone() else { return ().into_any() };
            view! {
                <tr class="edit-row" data-editing=record.uuid.clone()>
                    <td colspan=COLUMNS>
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
                            on_cancel=close_edit
                            rejection=rejection
                            busy=saving
                            on_check=check_edit
                            note=save_note
                        />
                    </td>
                </tr>
            }
            .into_any()
        };
        view! { {shown} }
    };

    let matching = Signal::derive(move || filtered.with(Vec::len));
    let heading = |key: SortKey, label: fn() -> String| {
        view! { <SortHeading url=url key=key label=Signal::derive(label) /> }
    };
    let empty = move || {
        if records.with(Vec::is_empty) {
            Some(t("table.empty"))
        } else if matching.get() == 0 {
            Some(t("table.no_match"))
        } else {
            None
        }
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
                data-shortcut="new"
                aria-keyshortcuts="n"
                node_ref=add_button
                on:click=start_new
            >
                {move || t("table.add")}
            </button>
            <button
                type="button"
                class="button"
                aria-expanded=move || importing.get().to_string()
                on:click=move |_| importing.set(true)
            >
                {move || t("table.import")}
            </button>
            {export_button}
        </div>
        {import_panel}
        {new_form}
        <FilterBar url=url types=types />
        <BulkActions
            zone_uuid=zone_uuid.get_value()
            records=records
            selection=selection
            shown=shown
        />
        <CopyStatus copied=copied />
        <div class="table-wrap" on:keydown=on_table_key>
            <table class="table records">
                <thead>
                    <tr>
                        <SelectAll selection=selection shown=shown />
                        {heading(SortKey::Type, || t("table.col.type"))}
                        {heading(SortKey::Name, || t("table.col.name"))}
                        {heading(SortKey::Value, || t("table.col.value"))}
                        <SortHeading
                            url=url
                            key=SortKey::Ttl
                            label=Signal::derive(|| t("table.col.ttl"))
                            class="numeric"
                        />
                        <th scope="col" class="numeric">{move || t("table.col.priority")}</th>
                        <th scope="col">
                            <span class="visually-hidden">{move || t("table.col.actions")}</span>
                        </th>
                    </tr>
                </thead>
                <tbody on:click=on_row_click(shared, records)>
                    // Rows read their words once, so a new language draws them again.
                    {move || {
                        use_i18n().lang();
                        view! { <For each=drawn key=row_key children=row.clone() /> }
                    }}
                </tbody>
            </table>
        </div>
        <ShowMore drawing=drawing matching=matching />
        <p class="empty">{empty}</p>
        <NameServers domain=zone.domain.clone() copied=copied />
    }
}

/// What makes a row drawn again: the record, and any change to what it shows (a provider may
/// leave `updated_at` empty, so the shown fields count too).
fn row_key(r: &Record) -> (String, String, String, u32, Option<u32>) {
    (r.uuid.clone(), r.updated_at.clone(), r.value.clone(), r.ttl, r.priority)
}
