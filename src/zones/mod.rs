//! Zones: the list of the account's zones, and one zone with its records.

mod detail;
pub mod idn;
mod list;

use leptos::prelude::*;

pub use detail::ZoneDetail;
pub use list::ZoneList;

use crate::api::ApiError;
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
    /// What could not be loaded, as the start of a sentence ("The zones").
    what: &'static str,
    /// Why.
    error: ApiError,
    /// Called when the person asks to try again.
    #[prop(into)]
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="notice notice-error" role="alert">
            <p>{format!("{what} could not be loaded. {}", error.message())}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </div>
    }
}

/// `2024-01-15T10:30:00Z` as `2024-01-15 10:30 UTC`; anything else as it came.
pub fn format_time(timestamp: &str) -> String {
    let bytes = timestamp.as_bytes();
    let looks_right = bytes.len() >= 16 && bytes.get(10) == Some(&b'T');
    match (looks_right, timestamp.get(..10), timestamp.get(11..16)) {
        (true, Some(date), Some(time)) if timestamp.ends_with('Z') => format!("{date} {time} UTC"),
        _ => timestamp.to_owned(),
    }
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
    view! {
        <tr class="confirm-row">
            <td colspan=columns>
                <div class="confirm" role="alertdialog" aria-label="Confirm deletion">
                    <p>{question}</p>
                    <button
                        type="button"
                        class="button button-danger"
                        disabled=move || busy.get()
                        on:click=move |_| on_confirm.run(())
                    >
                        {confirm}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                        "Cancel"
                    </button>
                    <p class="action-error" role="alert">{move || error.get()}</p>
                </div>
            </td>
        </tr>
    }
}
