//! Zones: the list of the account's zones, and one zone with its records, and the parts both
//! pages share: a failed load with a retry, and the confirmation of a deletion.

mod detail;
pub mod idn;
mod list;

use leptos::prelude::*;

pub use detail::ZoneDetail;
pub use list::{ListQuery, Sort, SortKey, ZoneBrowser, ZoneIndex, ZoneList, count_line};

use crate::api::ApiError;
use crate::focus::focus;
use crate::i18n::{t, tf, use_i18n};
use crate::token::Session;

/// Reads `resource` again when a token is saved and its last read failed (a refused token,
/// most often). A read that succeeded is kept, with everything the person did on the page.
fn reload_failed_on_new_token<T: Send + Sync + 'static>(
    session: Session,
    resource: LocalResource<Result<T, ApiError>>,
) {
    Effect::new(move |_| {
        session.track();
        let failed = resource.with_untracked(|result| matches!(result, Some(Err(_))));
        if failed && session.has_token_untracked() {
            resource.refetch();
        }
    });
}

/// What a page shows when its data could not be read: the reason, and a way to try again.
/// Never an empty list, which would claim there is nothing.
#[component]
fn LoadFailed(
    /// What could not be loaded, in English: `The zones` and `The zone` have their own whole
    /// sentence in each language (subject and verb agree differently in each); anything else
    /// is named as given.
    what: &'static str,
    /// Why.
    error: ApiError,
    /// Called when the person asks to try again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    let failed = move || match what {
        "The zones" => t("zones.load_failed.zones"),
        "The zone" => t("zones.load_failed.zone"),
        other => tf("zones.load_failed.other", &[("what", other)]),
    };
    let reason = error.message();

    view! {
        <div class="notice notice-error" role="alert">
            <p>{move || format!("{} {reason}", failed())}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {move || t("zones.try_again")}
            </button>
        </div>
    }
}

/// An RFC 3339 timestamp as a date and time of the chosen language, in UTC; anything the
/// browser cannot read as it came.
pub fn format_time(timestamp: &str) -> String {
    use_i18n().date_time(timestamp)
}

/// A table row that asks to confirm a deletion which cannot be undone, naming what goes.
#[component]
fn ConfirmDelete(
    /// How many columns the row spans.
    columns: u8,
    /// The question, naming what will be deleted.
    question: String,
    /// The confirming button's text.
    confirm: String,
    /// True while the deletion is under way; the button waits.
    #[prop(into)]
    busy: Signal<bool>,
    /// Why the last attempt failed, if it did.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Called when the person confirms.
    #[prop(into)]
    on_confirm: Callback<()>,
    /// Called when the person cancels.
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    // Focus moves to Cancel, the harmless choice, so that Escape reaches the confirmation
    // and a stray Enter deletes nothing.
    let cancel_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if cancel_button.get().is_some() {
            focus(cancel_button);
        }
    });
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            on_cancel.run(());
        }
    };

    view! {
        <tr class="confirm-row">
            <td colspan=columns>
                <div
                    class="confirm"
                    role="alertdialog"
                    aria-label=move || t("zones.confirm.label")
                    on:keydown=on_keydown
                >
                    <p>{question}</p>
                    <button
                        type="button"
                        class="button button-danger"
                        disabled=move || busy.get()
                        on:click=move |_| on_confirm.run(())
                    >
                        {confirm}
                    </button>
                    <button
                        type="button"
                        class="button"
                        node_ref=cancel_button
                        on:click=move |_| on_cancel.run(())
                    >
                        {move || t("zones.confirm.cancel")}
                    </button>
                    <p class="action-error" role="alert">{move || error.get()}</p>
                </div>
            </td>
        </tr>
    }
}
