//! A page's view (search, filters, order) kept in its address, so it can be shared and comes
//! back on reload.
//!
//! The page follows a change of view at once and writes the address once the person pauses:
//! the browser takes several milliseconds to replace an address, which a keystroke need not
//! wait for. The address is replaced, not pushed, so the back button leaves the page rather
//! than taking back one letter at a time; going back or forward to the page brings its view.

use std::time::Duration;

use leptos::prelude::*;

use crate::routes::use_location;

/// How long the address waits after the last change of the view before it is written.
const WRITE_DELAY: Duration = Duration::from_millis(300);

/// A view that an address query stands for.
pub trait InAddress: Clone + PartialEq + Send + Sync + 'static {
    /// The view of a query, from its decoded values (`param("q")`).
    fn from_params(param: &dyn Fn(&str) -> Option<String>) -> Self;

    /// The query that brings this view back, without the `?`; empty for the default view,
    /// so the plain address stays plain.
    fn to_query(&self) -> String;
}

/// The page's view, and a way to change it.
pub struct AddressView<Q: InAddress> {
    pub query: Memo<Q>,
    pub set: Callback<Q>,
}

// Copied like the signals it holds, whatever the view (a derive would ask `Q: Copy`).
impl<Q: InAddress> Clone for AddressView<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q: InAddress> Copy for AddressView<Q> {}

/// Reads the view from the current address, follows the address when it changes (back and
/// forward), and writes changes back to it once the person pauses.
pub fn use_address_view<Q: InAddress>() -> AddressView<Q> {
    let location = use_location();

    let in_address = Memo::new(move |_| {
        let values = web_sys::UrlSearchParams::new_with_str(&location.query()).ok();
        Q::from_params(&|key| values.as_ref()?.get(key))
    });
    let current = RwSignal::new(in_address.get_untracked());
    let writes = StoredValue::new(0_u32);
    let written = StoredValue::new(None::<Q>);
    Effect::new(move |_| {
        let from_address = in_address.get();
        if written.with_value(|w| w.as_ref() == Some(&from_address)) {
            return;
        }
        // Back or forward: the address wins over a write still waiting.
        writes.update_value(|n| *n = n.wrapping_add(1));
        if current.with_untracked(|now| *now != from_address) {
            current.set(from_address);
        }
    });

    let set = Callback::new(move |next: Q| {
        current.set(next);
        writes.update_value(|n| *n = n.wrapping_add(1));
        let write = writes.get_value();
        let path = location.path_untracked().unwrap_or_default();
        let later = move || {
            // Only the last change is written, and only while its page is still open.
            let still_here = location.path_untracked().as_ref() == Some(&path);
            if writes.try_get_value() != Some(write) || !still_here {
                return;
            }
            let Some(view) = current.try_get_untracked() else { return };
            let query = view.to_query();
            written.set_value(Some(view));
            let url = if query.is_empty() { path } else { format!("{path}?{query}") };
            location.navigate(&url, true);
        };
        set_timeout(later, WRITE_DELAY);
    });
    AddressView { query: Memo::new(move |_| current.get()), set }
}
