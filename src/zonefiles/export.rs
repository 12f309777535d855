//! The "Export" button: the zone as a BIND9 file, downloaded as `<domain>.zone`.

use dns_rules::DomainName;
use dns_rules::api::Record;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{export_text, file_name, today};
use crate::i18n::{plural, t};
use crate::provider::Provider;

/// Downloads the zone file of `zone` with the records now shown. The file is made in the
/// browser from the same records the table shows, so what is exported is what was seen.
#[component]
pub fn ExportButton(
    /// The zone exported.
    zone: DomainName,
    /// Every record of the zone.
    records: RwSignal<Vec<Record>>,
) -> impl IntoView {
    let provider = expect_context::<Provider>();
    let zone = StoredValue::new(zone);
    let notice = RwSignal::new(None::<Notice>);

    let export = move |_| {
        let (text, left_out) = zone
            .with_value(|zone| records.with(|list| export_text(zone, list, &provider, today())));
        let name = zone.with_value(file_name);
        notice.set(match download(&name, &text) {
            Err(()) => Some(Notice::Refused),
            Ok(()) if left_out > 0 => Some(Notice::LeftOut(left_out)),
            Ok(()) => None,
        });
    };
    let notice_text = move || {
        notice.get().map(|notice| match notice {
            Notice::Refused => t("zonefiles.export.refused"),
            Notice::LeftOut(n) => plural("zonefiles.export.left_out", n),
        })
    };

    view! {
        <button type="button" class="button" on:click=export>
            {move || t("zonefiles.export.button")}
        </button>
        <p class="action-error" role="status">{notice_text}</p>
    }
}

/// What the person is told after an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Notice {
    /// The browser would not save the file.
    Refused,
    /// This many records break a current rule and are not in the file.
    LeftOut(usize),
}

/// Offers `text` to the person as the file `name`: a link to a blob, clicked and removed.
fn download(name: &str, text: &str) -> Result<(), ()> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/dns; charset=utf-8");
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| ())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ())?;

    let document = web_sys::window().and_then(|w| w.document()).ok_or(())?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| ())?.dyn_into().map_err(|_| ())?;
    link.set_href(&url);
    link.set_download(name);
    link.click();

    // The download has its own copy once started; the blob is freed on the next turn.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1_000);
    }
    Ok(())
}
