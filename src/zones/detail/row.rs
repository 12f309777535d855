//! One record as a table row: its box for bulk actions, copy buttons for the name and the
//! value, a long value shortened with a way to see all of it, and the row's own actions.

use dns_rules::api::Record;
use leptos::ev::MouseEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::super::ConfirmDelete;
use crate::i18n::{t, tf, use_i18n};
use crate::records::selection::Selection;

/// How many columns a row has; rows that span the table (forms, notices) use it.
pub const COLUMNS: u8 = 7;

/// Values longer than this many characters (DKIM keys, long TXT text) are shortened.
const LONG_VALUE: usize = 80;

/// How many characters a shortened value keeps.
const SHORT_VALUE: usize = 60;

/// What was last copied, for the page's one status line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copied {
    /// The text put on the clipboard, or that could not be.
    pub text: String,
    /// Whether the browser accepted it.
    pub done: bool,
}

/// What every row of the table shares: the selection, the open confirmation, the failures
/// and the handlers.
#[derive(Clone, Copy)]
pub struct RowShared {
    pub selection: RwSignal<Selection>,
    /// The uuids the table shows, in its order: the range a shift-click spans.
    pub shown: Memo<Vec<String>>,
    /// The uuid of the record whose delete awaits confirmation.
    pub confirming: RwSignal<Option<String>>,
    /// The uuids of the records whose delete is under way; their confirm buttons wait.
    pub deleting: RwSignal<Vec<String>>,
    /// The last failed action on a row: its uuid and message.
    pub row_error: RwSignal<Option<(String, String)>>,
    pub copied: RwSignal<Option<Copied>>,
    /// The uuids of the rows whose `dig` command is shown.
    pub digging: RwSignal<Vec<String>>,
    /// A `dig` command that asks the provider's name server for a record.
    pub dig_command: Callback<Record, String>,
    /// Called with the uuid when the person asks to edit.
    pub on_edit: Callback<String>,
    /// Called with the uuid once the person confirmed the delete.
    pub on_delete: Callback<String>,
}

/// A button or box of a row, named by its `data-action`: the table listens once for all of
/// them, rather than each row for its own, which keeps a redraw of many rows quick.
const SELECT: &str = "select";
const COPY_NAME: &str = "copy-name";
const COPY_VALUE: &str = "copy-value";
const EDIT: &str = "edit";
const DELETE: &str = "delete";
const DIG: &str = "dig";

/// The table body's one click listener: finds the row and the action clicked and does it.
pub fn on_row_click(
    shared: RowShared,
    records: RwSignal<Vec<Record>>,
) -> impl Fn(MouseEvent) + Copy + 'static {
    move |event: MouseEvent| {
        let Some(target) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let closest = |selector: &str| target.closest(selector).ok().flatten();
        let (Some(control), Some(row)) = (closest("[data-action]"), closest("tr[data-record]"))
        else {
            return;
        };
        let (Some(action), Some(uuid)) =
            (control.get_attribute("data-action"), row.get_attribute("data-record"))
        else {
            return;
        };
        let field = |read: fn(&Record) -> &String| {
            records.with_untracked(|all| all.iter().find(|r| r.uuid == uuid).map(read).cloned())
        };

        match action.as_str() {
            SELECT => shared.shown.with_untracked(|order| {
                shared.selection.update(|s| s.click(&uuid, event.shift_key(), order));
            }),
            COPY_NAME => {
                if let Some(name) = field(|r| &r.name) {
                    copy_to_clipboard(name, shared.copied);
                }
            }
            COPY_VALUE => {
                if let Some(value) = field(|r| &r.value) {
                    copy_to_clipboard(value, shared.copied);
                }
            }
            EDIT => shared.on_edit.run(uuid),
            DELETE => shared.confirming.set(Some(uuid)),
            DIG => shared.digging.update(|open| match open.iter().position(|u| *u == uuid) {
                Some(at) => {
                    open.remove(at);
                }
                None => open.push(uuid),
            }),
            _ => {}
        }
    }
}

/// One record as a table row, with its confirmed delete. Its words are read once: the table
/// draws its rows again when the language changes.
#[component]
pub fn RecordRow(
    /// The record shown.
    record: Record,
    /// The table's shared state.
    shared: RowShared,
) -> impl IntoView {
    let RowShared {
        selection,
        confirming,
        deleting,
        row_error,
        digging,
        dig_command,
        on_delete,
        ..
    } = shared;
    let uuid = StoredValue::new(record.uuid.clone());
    let is_selected = move || uuid.with_value(|u| selection.with(|s| s.contains(u)));
    let is_digging = move || uuid.with_value(|u| digging.with(|open| open.contains(u)));
    let is_confirming = move || uuid.with_value(|u| confirming.get().as_deref() == Some(u));
    let error_here =
        move || row_error.get().filter(|(u, _)| uuid.with_value(|mine| u == mine)).map(|(_, m)| m);

    let words = untrack(|| {
        let kind_name = [("type", record.record_type.as_str()), ("name", record.name.as_str())];
        RowWords {
            select: tf("table.row.select", &kind_name),
            question: tf("table.row.delete_question", &kind_name),
            copy: t("table.copy"),
            copy_name: tf("table.copy.name", &[("name", &record.name)]),
            copy_value: t("table.copy.value"),
            ttl: t("table.col.ttl"),
            priority: t("table.col.priority"),
            edit: t("table.row.edit"),
            delete: t("table.row.delete"),
            confirm: t("table.row.delete_confirm"),
        }
    });
    let question = StoredValue::new((words.question, words.confirm));
    let record = StoredValue::new(record);

    // The rows under the record (its dig command, the delete question, a failure) are each
    // drawn by a plain closure rather than a `Show`, which costs a memo more.
    let dig_row = move || {
        is_digging().then(|| {
            let command = record.with_value(|r| dig_command.run(r.clone()));
            view! {
                <tr class="dig-row">
                    <td colspan=COLUMNS>
                        <CopyCommand command=command />
                    </td>
                </tr>
            }
        })
    };
    let confirm_row = move || {
        is_confirming().then(|| {
            let (question, confirm) = question.get_value();
            view! {
                <ConfirmDelete
                    columns=COLUMNS
                    question=question
                    confirm=confirm
                    busy=Signal::derive(move || {
                        uuid.with_value(|u| deleting.with(|d| d.contains(u)))
                    })
                    error=Signal::derive(|| None::<String>)
                    on_confirm=move || on_delete.run(uuid.get_value())
                    on_cancel=move || confirming.set(None)
                />
            }
        })
    };
    let error_row = move || {
        error_here().map(|message| {
            view! {
                <tr class="error-row">
                    <td colspan=COLUMNS class="action-error" role="alert">
                        {message}
                    </td>
                </tr>
            }
        })
    };
    let Record { record_type, name, value, ttl, priority, .. } = record.get_value();
    let priority = priority.map(|p| p.to_string()).unwrap_or_default();

    view! {
        <tr data-record=uuid.get_value() class:selected=is_selected>
            <td class="select">
                <input
                    type="checkbox"
                    class="select-row"
                    data-action=SELECT
                    aria-label=words.select
                    prop:checked=is_selected
                />
            </td>
            <td class="type">{record_type}</td>
            <td class="name">
                <span class="name-text">{name}</span>
                <button
                    type="button"
                    class="button button-small copy-button"
                    data-action=COPY_NAME
                    aria-label=words.copy_name
                >
                    {words.copy.clone()}
                </button>
            </td>
            <td class="value">
                <LongValue value=value />
                <button
                    type="button"
                    class="button button-small copy-button"
                    data-action=COPY_VALUE
                    aria-label=words.copy_value
                >
                    {words.copy}
                </button>
            </td>
            // On a phone the row is a card: these cells say what their number is.
            <td class="numeric ttl" data-label=words.ttl>{ttl}</td>
            <td class="numeric priority" data-label=words.priority>{priority}</td>
            <td class="actions">
                <button type="button" class="button button-small edit-button" data-action=EDIT>
                    {words.edit}
                </button>
                <button type="button" class="button button-small delete-button" data-action=DELETE>
                    {words.delete}
                </button>
                <button
                    type="button"
                    class="button button-small"
                    data-action=DIG
                    aria-expanded=move || is_digging().to_string()
                >
                    "dig"
                </button>
            </td>
        </tr>
        {dig_row}
        {confirm_row}
        {error_row}
    }
}

/// A row's words in the chosen language.
struct RowWords {
    select: String,
    question: String,
    copy: String,
    copy_name: String,
    copy_value: String,
    ttl: String,
    priority: String,
    edit: String,
    delete: String,
    confirm: String,
}

/// A value in full when it is short; otherwise its start, a visible ellipsis and a button
/// that shows all of it, so a long key is never cut without saying so.
#[component]
pub fn LongValue(value: String) -> impl IntoView {
    let length = value.chars().count();
    if length <= LONG_VALUE {
        return view! { <span class="value-text">{value}</span> }.into_any();
    }

    let start: String = value.chars().take(SHORT_VALUE).collect();
    let expanded = RwSignal::new(false);
    let shown = move || if expanded.get() { value.clone() } else { format!("{start}…") };
    let label = move || {
        if expanded.get() {
            t("table.value.show_less")
        } else {
            tf("table.value.show_all", &[("n", &use_i18n().number(length))])
        }
    };

    view! {
        <span class="value-text" class:value-full=move || expanded.get()>{shown}</span>
        " "
        <button
            type="button"
            class="button button-small show-all"
            aria-expanded=move || expanded.get().to_string()
            on:click=move |_| expanded.update(|on| *on = !*on)
        >
            {label}
        </button>
    }
    .into_any()
}

/// A small button that puts `text` on the clipboard and says so in the page's status line.
#[component]
pub fn CopyButton(
    /// What is copied.
    text: String,
    /// What the button copies, for screen readers ("Copy the name www").
    label: Signal<String>,
    /// The page's last copy, which its status line reports.
    copied: RwSignal<Option<Copied>>,
) -> impl IntoView {
    let text = StoredValue::new(text);

    view! {
        <button
            type="button"
            class="button button-small copy-button"
            aria-label=move || label.get()
            on:click=move |_| copy_to_clipboard(text.get_value(), copied)
        >
            {move || t("table.copy")}
        </button>
    }
}

/// Writes `text` to the clipboard and records the outcome in `copied`.
pub fn copy_to_clipboard(text: String, copied: RwSignal<Option<Copied>>) {
    let Some(window) = web_sys::window() else { return };
    let promise = window.navigator().clipboard().write_text(&text);
    spawn_local(async move {
        let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        copied.try_set(Some(Copied { text, done }));
    });
}

/// The status line that reports the last copy.
#[component]
pub fn CopyStatus(copied: RwSignal<Option<Copied>>) -> impl IntoView {
    let message = move || {
        copied.get().map(|Copied { text, done }| {
            if done {
                tf("table.copied", &[("text", &shorten(&text, 40))])
            } else {
                t("table.copy_failed")
            }
        })
    };

    view! { <p class="copy-status hint" role="status">{message}</p> }
}

/// `text` cut to `limit` characters with a visible ellipsis.
pub fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let start: String = text.chars().take(limit).collect();
    format!("{start}…")
}

/// A command to run, shown in full with a button that copies it.
#[component]
fn CopyCommand(command: String) -> impl IntoView {
    let copied = RwSignal::new(None::<Copied>);
    let label = Signal::derive(|| t("table.dig.copy"));

    view! {
        <div class="copy-command">
            <p class="hint">{move || t("table.dig.hint")}</p>
            <code class="dig">{command.clone()}</code>
            " "
            <CopyButton text=command label=label copied=copied />
            <CopyStatus copied=copied />
        </div>
    }
}

/// Says that the record changed since the form was opened, shows what it holds now, and
/// offers the two ways on.
#[component]
pub fn StaleNotice(
    /// The record as it is now.
    latest: Record,
    /// Called to take the other change and edit from it.
    #[prop(into)]
    on_reload: Callback<()>,
    /// Called to save this form's values over the other change.
    #[prop(into)]
    on_overwrite: Callback<()>,
) -> impl IntoView {
    let priority = latest.priority.map(|p| format!(" {p}")).unwrap_or_default();
    let now = format!(
        "{} {} {} TTL {}{priority}",
        latest.record_type, latest.name, latest.value, latest.ttl
    );

    view! {
        <div class="notice notice-warning stale" role="alert">
            <p>{move || t("table.stale.message")}</p>
            <pre class="preview-line">{now}</pre>
            <button type="button" class="button" on:click=move |_| on_reload.run(())>
                {move || t("table.stale.reload")}
            </button>
            " "
            <button
                type="button"
                class="button button-danger"
                on:click=move |_| on_overwrite.run(())
            >
                {move || t("table.stale.overwrite")}
            </button>
        </div>
    }
}
