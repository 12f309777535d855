//! Moving keyboard focus to where the person's attention is needed: the input a message
//! points at, after a refused save or a failed check.

use leptos::html::Input;
use leptos::prelude::*;

/// Focuses the input, if it is on the page.
pub fn focus(input: NodeRef<Input>) {
    if let Some(element) = input.get_untracked() {
        let _ = element.focus();
    }
}
