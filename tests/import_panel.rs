//! `ImportPanel` and the zone-file helpers in a real browser: the preview compares a file with
//! the records the zone has, and nothing is sent before the person applies it.

#![allow(clippy::unwrap_used, reason = "a failed unwrap is a failed test")]

mod support;

use dns_dashboard::api::Api;
use dns_dashboard::i18n::{I18n, Lang};
use dns_dashboard::provider::Provider;
use dns_dashboard::token::Session;
use dns_dashboard::zonefiles::{ImportPanel, dig_command, export_text, stored_form};
use dns_rules::DomainName;
use dns_rules::api::Record;
use leptos::prelude::*;
use leptos::task::tick;
use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn zone() -> DomainName {
    DomainName::parse("example.com").unwrap()
}

fn record(record_type: &str, name: &str, value: &str, ttl: u32, priority: Option<u32>) -> Record {
    Record {
        uuid: format!("{record_type}-{name}-{value}"),
        zone: String::new(),
        record_type: record_type.into(),
        name: name.into(),
        value: value.into(),
        ttl,
        priority,
        created_at: "2026-12-04T10:00:00Z".into(),
        updated_at: String::new(),
    }
}

/// Mounts the import panel of example.com holding `live`, with an API that answers nothing.
async fn mount_panel(live: Vec<Record>) -> (web_sys::HtmlElement, RwSignal<Vec<Record>>) {
    mount_panel_in(Lang::En, live).await
}

/// [`mount_panel`] in the language `lang`.
async fn mount_panel_in(
    lang: Lang,
    live: Vec<Record>,
) -> (web_sys::HtmlElement, RwSignal<Vec<Record>>) {
    let root = wrapper();
    let records = RwSignal::new(live);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let session = Session::in_memory(Some("vps_test".into()));
        provide_context(session);
        provide_context(I18n::fixed(lang));
        provide_context(Api::new("/no-api-here", session));
        provide_context(Provider::default());
        view! {
            <ImportPanel
                zone=zone()
                zone_uuid="zone-1".to_owned()
                records=records
                text=None
                on_close=|| ()
            />
        }
    });
    handle.forget();
    tick().await;
    (root, records)
}

async fn paste(root: &web_sys::Element, text: &str) {
    let area: web_sys::HtmlTextAreaElement = find(root, "#import-text").unchecked_into();
    area.set_value(text);
    fire(&area, "input");
    tick().await;
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_preview_compares_the_file_with_the_live_zone() {
    let live = vec![
        record("A", "www", "192.0.2.1", 3600, None),
        record("A", "shop", "192.0.2.9", 3600, None),
    ];
    let (root, records) = mount_panel(live).await;
    let file = "\
$ORIGIN example.com.
www 300 A 192.0.2.1
shop CNAME shops.example.net.
mail A 192.0.2.3
mail A 192.0.2.3
bad A 192.0.2.999
host PTR example.net.
";
    paste(&root, file).await;
    click(&root, ".import button.button-primary").await;

    assert_eq!(
        text_of(&root, ".import-summary"),
        "1 new, 1 already in the zone, 1 repeated in the file, 1 in conflict, 1 skipped, \
         1 could not be read."
    );
    let present = text_of(&root, "tr[data-line='2'] .verdict");
    assert!(present.contains("Already in the zone") && present.contains("300"), "{present}");
    assert!(text_of(&root, "tr[data-line='3'] .verdict").starts_with("Conflict: "));
    assert_eq!(text_of(&root, "tr[data-line='5'] .verdict"), "Repeats line 4 of the file.");
    assert!(text_of(&root, ".import-unreadable li[data-line='6']").contains("192.0.2.999"));
    assert!(text_of(&root, ".import-unsupported li[data-line='7']").contains("PTR"));

    // Only the new record is chosen; present and repeated ones cannot be.
    let chosen = |line: u32| {
        let selector = format!("tr[data-line='{line}'] input[type='checkbox']");
        find(&root, &selector).unchecked_into::<web_sys::HtmlInputElement>()
    };
    assert!(chosen(4).checked());
    assert!(!chosen(3).checked() && !chosen(3).disabled(), "a conflict may be tried");
    assert!(chosen(2).disabled() && chosen(5).disabled());
    assert_eq!(text_of(&root, ".import .form-actions .button-primary"), "Create 1 record");

    click(&root, ".import .toolbar button:last-child").await;
    let create = find(&root, ".import .form-actions .button-primary");
    assert_eq!(create.text_content().unwrap_or_default(), "Create 0 records");
    assert!(create.unchecked_into::<web_sys::HtmlButtonElement>().disabled());
    assert_eq!(records.get_untracked().len(), 2, "the preview changed nothing");
}

#[wasm_bindgen_test]
async fn an_empty_file_is_refused_at_its_input() {
    let (root, _) = mount_panel(Vec::new()).await;
    click(&root, ".import button.button-primary").await;
    assert!(text_of(&root, "#import-file-message").contains("Paste a zone file"));
    assert!(has_focus(&root, "#import-text"));
}

#[wasm_bindgen_test]
fn stored_form_keeps_txt_text_that_looks_quoted() {
    let quoted = record("TXT", "@", "\"v=spf1 -all\"", 3600, None);
    assert_eq!(stored_form(&zone(), &quoted).unwrap().value, "\"v=spf1 -all\"");
    let mx = record("MX", "@", "mail.example.com", 300, Some(0));
    assert_eq!(stored_form(&zone(), &mx).unwrap().priority, Some(0));
}

#[wasm_bindgen_test]
fn export_leaves_out_what_breaks_a_rule_and_says_how_many() {
    let records =
        vec![record("A", "@", "192.0.2.1", 3600, None), record("A", "old", "192.0.2.1", 30, None)];
    let (text, left_out) = export_text(&zone(), &records, &Provider::default(), 20261204);
    assert_eq!(left_out, 1);
    assert!(text.contains("$ORIGIN example.com.\n"), "{text}");
    assert!(text.contains("( 2026120400 "), "a date serial: {text}");
    assert!(text.contains("@ 3600 IN NS ns1.vps.org.\n"), "{text}");
    assert!(text.contains("@ 3600 IN A 192.0.2.1\n") && !text.contains("old"), "{text}");
}

#[wasm_bindgen_test]
fn dig_commands_name_the_record_absolutely_and_quote_wildcards() {
    let provider = Provider::default();
    let apex = record("MX", "@", "mail.example.com", 300, Some(10));
    assert_eq!(
        dig_command(&zone(), &apex, &provider),
        "dig @ns1.vps.org example.com. MX +norecurse"
    );
    let wildcard = record("A", "*.apps", "192.0.2.5", 300, None);
    assert_eq!(
        dig_command(&zone(), &wildcard, &provider),
        "dig @ns1.vps.org '*.apps.example.com.' A +norecurse"
    );
}

#[wasm_bindgen_test]
async fn the_panel_speaks_albanian() {
    let live = vec![record("A", "www", "192.0.2.1", 3600, None)];
    let (root, _) = mount_panel_in(Lang::Sq, live).await;
    assert_eq!(text_of(&root, "#import-heading"), "Importo një skedar zone");
    assert_eq!(text_of(&root, "label[for='import-text']"), "Skedari i zonës");
    assert_eq!(text_of(&root, ".import button.button-primary"), "Shiko paraprakisht importin");

    click(&root, ".import button.button-primary").await;
    assert_eq!(
        text_of(&root, "#import-file-message"),
        "Ngjitni një skedar zone ose zgjidhni një për ta ngarkuar."
    );

    let file = "\
$ORIGIN example.com.
www 3600 A 192.0.2.1
mail A 192.0.2.3
host PTR example.net.
";
    paste(&root, file).await;
    click(&root, ".import button.button-primary").await;
    assert_eq!(
        text_of(&root, ".import-summary"),
        "1 të reja, 1 tashmë në zonë, 0 të përsëritura në skedar, 0 në konflikt, \
         1 të anashkaluara, 0 të palexueshme."
    );
    assert_eq!(text_of(&root, "tr[data-line='2'] .verdict"), "Ndodhet tashmë në zonë.");
    assert_eq!(text_of(&root, "tr[data-line='3'] .verdict"), "I ri");
    assert_eq!(
        text_of(&root, ".import-unsupported h3"),
        "Të anashkaluara: lloj që nuk mbështetet (1)"
    );
    let skipped = text_of(&root, ".import-unsupported li[data-line='4']");
    assert!(skipped.starts_with("Rreshti 4: "), "{skipped}");
    assert!(skipped.ends_with("API-ja DNS nuk i mbështet regjistrimet PTR."), "{skipped}");
    assert_eq!(text_of(&root, ".import .form-actions .button-primary"), "Krijo 1 regjistrim");

    let shown = root.text_content().unwrap_or_default();
    for english in ["Create", "Cancel", "Choose", "Back to", "already", "Skipped", "Line "] {
        assert!(!shown.contains(english), "{english:?} in {shown}");
    }
}
