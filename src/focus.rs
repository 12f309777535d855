//! Moving keyboard focus to where the person's attention is needed: the input a message
//! points at, after a refused save or a failed check.

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use wasm_bindgen::JsCast;

/// Focuses the element (an input, a text area), if it is on the page.
pub fn focus<E>(element: NodeRef<E>)
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    if let Some(element) = element.get_untracked()
        && let Some(html) = element.dyn_ref::<web_sys::HtmlElement>()
    {
        let _ = html.focus();
    }
}
