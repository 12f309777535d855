//! Deleting many records at once: a confirmation that names every one, progress while they
//! go one request at a time, a failure reported per record, and an undo that creates the
//! deleted ones again as they were, for some seconds after.
//!
//! Every request's outcome is recorded as it arrives, so the page always knows which records
//! are gone: a record leaves the table only when the API said it was deleted, and only the
//! records it deleted are offered back by the undo.

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use dns_rules::api::{Record, RecordWrite};
use dns_rules::{RecordType, txt_to_zone_strings};
use leptos::html::{Button, Div};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::row::shorten;
use crate::api::Api;
use crate::embed::dom_id;
use crate::focus::focus;
use crate::i18n::{plural, t, tf, use_i18n};
use crate::records::selection::Selection;

/// How long the undo is offered after a bulk delete.
pub const UNDO_SECONDS: u32 = 10;

/// How many records are deleted (or created again) before the table is redrawn: each redraw
/// sorts the zone again, which for thousands of records costs more than the request.
const REDRAW_EVERY: usize = 20;

/// A record that a request failed for, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub record: Record,
    pub message: String,
}

/// Where a bulk action is.
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Idle,
    /// The person is asked about these records.
    Confirming(Vec<Record>),
    /// Deleting (or, for an undo, creating again) `done` of `total`.
    Working {
        restoring: bool,
        total: usize,
        done: usize,
    },
    /// Deleted these; the others failed, or were not sent after a stop.
    Deleted {
        deleted: Vec<Record>,
        failed: Vec<Failure>,
        not_sent: usize,
    },
    /// Created these again; the others failed.
    Restored {
        restored: usize,
        failed: Vec<Failure>,
    },
}

/// The request body that creates `record` again as it was. TXT text is sent in its zone-file
/// form, as the import does, so a text that itself looks quoted keeps its quotes.
// Limitation: a record created again is a new record to the API, with a new uuid and
// creation time, because the API has no way to restore a deleted one; links to the old
// uuid no longer lead anywhere.
pub fn recreate_body(record: &Record) -> RecordWrite {
    let value = match record.record_type.parse() {
        Ok(RecordType::Txt) => txt_to_zone_strings(&record.value),
        _ => record.value.clone(),
    };
    RecordWrite {
        record_type: record.record_type.clone(),
        name: record.name.clone(),
        value,
        ttl: Some(i64::from(record.ttl)),
        priority: record.priority.map(i64::from),
    }
}

/// The bulk action bar above the table, its confirmation, progress and outcome.
#[component]
pub fn BulkActions(
    /// The zone's uuid, for creating records again.
    zone_uuid: String,
    /// Every record of the zone; deleted ones leave it, restored ones come back.
    records: RwSignal<Vec<Record>>,
    /// The chosen records.
    selection: RwSignal<Selection>,
    /// The uuids the table shows, in its order, for listing the chosen in that order.
    shown: Memo<Vec<String>>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let zone_uuid = StoredValue::new(zone_uuid);
    let stage = RwSignal::new(Stage::Idle);
    let stop = RwSignal::new(false);
    let opener = NodeRef::<Button>::new();
    let panel = NodeRef::<Div>::new();
    let timer = StoredValue::new(None::<IntervalHandle>);
    // Seconds the undo is still offered; its own signal, so the countdown redraws the
    // button's text and nothing else.
    let undo_left = RwSignal::new(0_u32);

    let stop_timer = move || {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    };
    on_cleanup(stop_timer);

    // The chosen records in the table's order, then any chosen that the filter now hides:
    // the confirmation lists every record that will go.
    let chosen = move || {
        let order = shown.get_untracked();
        records.with_untracked(|all| {
            selection.with_untracked(|s| {
                let by_uuid: HashMap<&str, &Record> =
                    all.iter().map(|r| (r.uuid.as_str(), r)).collect();
                let in_view: HashSet<&str> = order.iter().map(String::as_str).collect();
                let mut list: Vec<Record> = order
                    .iter()
                    .filter(|u| s.contains(u))
                    .filter_map(|u| by_uuid.get(u.as_str()).map(|r| (*r).clone()))
                    .collect();
                let hidden = all.iter().filter(|r| s.contains(&r.uuid));
                list.extend(hidden.filter(|r| !in_view.contains(r.uuid.as_str())).cloned());
                list
            })
        })
    };

    let ask = move |_| {
        stop_timer();
        stage.set(Stage::Confirming(chosen()));
        request_animation_frame(move || {
            if let Some(panel) = panel.get_untracked()
                && let Ok(Some(button)) = panel.query_selector("button.cancel")
                && let Ok(button) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(button)
            {
                let _ = button.focus();
            }
        });
    };
    let cancel = move || {
        stage.set(Stage::Idle);
        request_animation_frame(move || focus(opener));
    };

    let start_undo_timer = move || {
        stop_timer();
        undo_left.set(UNDO_SECONDS);
        let handle = set_interval_with_handle(
            move || {
                let left = undo_left.try_update(|left| {
                    *left = left.saturating_sub(1);
                    *left
                });
                if left.unwrap_or(0) == 0 {
                    stop_timer();
                }
            },
            Duration::from_secs(1),
        );
        timer.set_value(handle.ok());
    };

    let delete_all = move |_| {
        let Stage::Confirming(list) = stage.get_untracked() else { return };
        stop.set(false);
        let total = list.len();
        stage.set(Stage::Working { restoring: false, total, done: 0 });
        request_animation_frame(move || focus(panel));
        spawn_local(async move {
            let (mut deleted, mut failed, mut not_sent) = (Vec::new(), Vec::new(), 0);
            let mut gone = HashSet::new();
            for (index, record) in list.into_iter().enumerate() {
                if stop.try_get_untracked().unwrap_or(true) {
                    not_sent = total - index;
                    break;
                }
                match api.delete_record(&record.uuid).await {
                    Ok(()) => {
                        gone.insert(record.uuid.clone());
                        deleted.push(record);
                    }
                    Err(error) => failed.push(Failure { record, message: error.message() }),
                }
                if gone.len() >= REDRAW_EVERY {
                    take_out(records, selection, std::mem::take(&mut gone));
                }
                stage.try_set(Stage::Working { restoring: false, total, done: index + 1 });
            }
            take_out(records, selection, gone);

            let any_deleted = !deleted.is_empty();
            undo_left.try_set(0);
            stage.try_set(Stage::Deleted { deleted, failed, not_sent });
            if any_deleted {
                start_undo_timer();
            }
        });
    };

    let undo = move |_| {
        let Stage::Deleted { deleted, .. } = stage.get_untracked() else { return };
        stop_timer();
        undo_left.set(0);
        let total = deleted.len();
        let zone = zone_uuid.get_value();
        stage.set(Stage::Working { restoring: true, total, done: 0 });
        spawn_local(async move {
            let (mut restored, mut failed) = (0, Vec::new());
            let mut created = Vec::new();
            for (index, record) in deleted.into_iter().enumerate() {
                match api.create_record(&zone, &recreate_body(&record)).await {
                    Ok(record) => {
                        created.push(record);
                        restored += 1;
                    }
                    Err(error) => failed.push(Failure { record, message: error.message() }),
                }
                if created.len() >= REDRAW_EVERY {
                    let batch = std::mem::take(&mut created);
                    records.try_update(|all| all.extend(batch));
                }
                stage.try_set(Stage::Working { restoring: true, total, done: index + 1 });
            }
            records.try_update(|all| all.extend(created));
            stage.try_set(Stage::Restored { restored, failed });
        });
    };

    let undo_offered = move || undo_left.get() > 0;
    let dismiss = move |_| {
        stop_timer();
        stage.set(Stage::Idle);
    };

    let on_key = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" && matches!(stage.get_untracked(), Stage::Confirming(_)) {
            event.prevent_default();
            cancel();
        }
    };

    let count = move || selection.with(Selection::len);
    let bar = move || {
        (count() > 0).then(|| {
            view! {
                <p class="bulk-count" role="status">
                    {move || plural("table.bulk.selected", count())}
                </p>
                <button
                    type="button"
                    class="button button-danger"
                    node_ref=opener
                    disabled=move || matches!(stage.get(), Stage::Working { .. })
                    on:click=ask
                >
                    {move || t("table.bulk.delete")}
                </button>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| selection.update(Selection::clear)
                >
                    {move || t("table.bulk.clear")}
                </button>
            }
        })
    };

    let body = move || match stage.get() {
        Stage::Idle => ().into_any(),
        Stage::Confirming(list) => {
            let n = list.len();
            view! {
                <div class="bulk-confirm" role="alertdialog" aria-labelledby=dom_id("bulk-question")>
                    <p id=dom_id("bulk-question")>{move || plural("table.bulk.question", n)}</p>
                    <ul class="bulk-list">
                        {list.into_iter().map(|r| view! { <li>{describe(&r)}</li> }).collect_view()}
                    </ul>
                    <p class="hint">
                        {move || {
                            tf("table.bulk.undo_hint", &[("seconds", &UNDO_SECONDS.to_string())])
                        }}
                    </p>
                    <button type="button" class="button button-danger confirm" on:click=delete_all>
                        {move || plural("table.bulk.confirm", n)}
                    </button>
                    " "
                    <button type="button" class="button cancel" on:click=move |_| cancel()>
                        {move || t("table.bulk.cancel")}
                    </button>
                </div>
            }
            .into_any()
        }
        Stage::Working { restoring, total, done } => {
            let i18n = use_i18n();
            let numbers = [("done", i18n.number(done)), ("total", i18n.number(total))];
            let values: Vec<(&str, &str)> = numbers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let text = if restoring {
                tf("table.bulk.restoring", &values)
            } else {
                tf("table.bulk.deleting", &values)
            };
            view! {
                <div class="bulk-progress" role="status">
                    <p>{text}</p>
                    <progress max=total value=done></progress>
                    {(!restoring).then(|| view! {
                        <button
                            type="button"
                            class="button"
                            disabled=move || stop.get()
                            on:click=move |_| stop.set(true)
                        >
                            {move || t("table.bulk.stop")}
                        </button>
                    })}
                </div>
            }
            .into_any()
        }
        Stage::Deleted { deleted, failed, not_sent } => {
            let n = deleted.len();
            view! {
                <div class="bulk-result notice" role="status">
                    <p class="bulk-done">{move || plural("table.bulk.deleted", n)}</p>
                    <FailureList failed=failed restoring=false />
                    {(not_sent > 0).then(|| view! {
                        <p class="hint">{move || plural("table.bulk.not_sent", not_sent)}</p>
                    })}
                    <Show when=undo_offered>
                        <button type="button" class="button undo" on:click=undo>
                            {move || {
                                let seconds = undo_left.get().to_string();
                                tf("table.bulk.undo", &[("seconds", &seconds)])
                            }}
                        </button>
                    </Show>
                    " "
                    <button type="button" class="button" on:click=dismiss>
                        {move || t("table.bulk.dismiss")}
                    </button>
                </div>
            }
            .into_any()
        }
        Stage::Restored { restored, failed } => view! {
            <div class="bulk-result notice" role="status">
                <p class="bulk-done">{move || plural("table.bulk.restored", restored)}</p>
                <FailureList failed=failed restoring=true />
                <button type="button" class="button" on:click=dismiss>
                    {move || t("table.bulk.dismiss")}
                </button>
            </div>
        }
        .into_any(),
    };

    view! {
        <div class="bulk-bar">{bar}</div>
        <div class="bulk-panel" node_ref=panel tabindex="-1" on:keydown=on_key>
            {body}
        </div>
    }
}

/// Takes the records the API deleted out of the table and the selection.
fn take_out(records: RwSignal<Vec<Record>>, selection: RwSignal<Selection>, gone: HashSet<String>) {
    if gone.is_empty() {
        return;
    }
    records.try_update(|all| all.retain(|r| !gone.contains(&r.uuid)));
    selection.try_update(|s| s.retain(|u| !gone.contains(u)));
}

/// The records a bulk action failed for, each with the API's reason.
#[component]
fn FailureList(
    failed: Vec<Failure>,
    /// Whether they failed to be created again, rather than deleted.
    restoring: bool,
) -> impl IntoView {
    if failed.is_empty() {
        return ().into_any();
    }
    let n = failed.len();
    let heading = move || {
        if restoring {
            plural("table.bulk.failed_restore", n)
        } else {
            plural("table.bulk.failed_delete", n)
        }
    };

    view! {
        <div class="bulk-failures" role="alert">
            <p>{heading}</p>
            <ul>
                {failed
                    .into_iter()
                    .map(|f| view! { <li>{format!("{}: {}", describe(&f.record), f.message)}</li> })
                    .collect_view()}
            </ul>
        </div>
    }
    .into_any()
}

/// A record in one line, as the confirmation lists it: type, name and the start of its value.
fn describe(record: &Record) -> String {
    format!("{} {} {}", record.record_type, record.name, shorten(&record.value, 48))
}
