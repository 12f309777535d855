//! End to end: Chromium, driven through WebDriver, uses the release build of the dashboard
//! served by the real server, as a person would from the README.

use e2e::TestServer;
use e2e::webdriver::Browser;

/// Opens the dashboard and submits `token` on the token page; a test that leaves the page
/// next must first wait for the zone list, or the token may not be kept yet.
fn sign_in(browser: &Browser, server: &TestServer, token: &str) {
    browser.goto(&format!("{}/", server.base_url()));
    let input = browser.wait_for("#token-input");
    browser.type_text(&input, token);
    browser.click(&browser.wait_for("form button[type='submit']"));
}

/// Two presses of the Backspace key, in WebDriver's code for it.
const BACKSPACE_TWICE: &str = "\u{E003}\u{E003}";

/// Picks a record type in the open record form.
fn choose_type(browser: &Browser, record_type: &str) {
    let option =
        browser.wait_for(&format!("select[name='record_type'] option[value='{record_type}']"));
    browser.click(&option);
}

/// The text of the message the input named `name` points at with `aria-describedby`.
fn message_under(browser: &Browser, name: &str) -> String {
    let script = "const input = document.querySelector(arguments[0]); \
                  const id = input && input.getAttribute('aria-describedby'); \
                  const message = id && document.getElementById(id); \
                  return message ? message.textContent : null;";
    let selector = format!(".record-form [name='{name}']");
    browser.execute(script, serde_json::json!([selector])).as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_person_manages_a_zone_from_token_to_deletion() {
    let server = TestServer::start();
    let token = server.token("alice", "dns:*");
    let browser = Browser::start();

    // Without a token the dashboard asks for one; with it, the zone list opens.
    sign_in(&browser, &server, &token);
    let domain_input = browser.wait_for("#new-zone-domain");
    browser.wait_for_text(".count, .empty", "No zones");

    // Create a zone; the dashboard opens it.
    browser.type_text(&domain_input, "shop.example");
    browser.click(&browser.wait_for_text("button", "Create zone"));
    browser.wait_for_text("h1", "shop.example");
    e2e::check_zone_file(&server.zone_file_path("shop.example"));

    // An MX record without priority (the form suggests 10, which the person deletes): the
    // server's message appears under the priority input, which gets focus, and nothing typed
    // is lost.
    browser.click(&browser.wait_for_text("button", "Add record"));
    choose_type(&browser, "MX");
    let priority = browser.wait_for(".record-form [name='priority']");
    assert_eq!(browser.property(&priority, "value"), "10", "MX starts with the usual priority");
    browser.type_text(&priority, BACKSPACE_TWICE);
    browser.type_text(&browser.wait_for(".record-form [name='name']"), "@");
    browser.type_text(&browser.wait_for(".record-form [name='value']"), "mail.shop.example");
    browser.click(&browser.wait_for_text(".record-form button", "Save record"));

    let server_says = server.create_record_detail(
        &token,
        "shop.example",
        r#"{"record_type": "MX", "name": "@", "value": "mail.shop.example"}"#,
    );
    browser.wait_until("the server's message under priority", || {
        (message_under(&browser, "priority") == server_says).then_some(())
    });
    let priority = browser.wait_for(".record-form [name='priority']");
    assert!(browser.is_focused(&priority), "the priority input has focus");
    let value = browser.wait_for(".record-form [name='value']");
    assert_eq!(browser.property(&value, "value"), "mail.shop.example");
    assert!(!server.zone_file("shop.example").contains("MX"), "nothing was stored");

    // With a priority it is saved and shown.
    browser.type_text(&priority, "10");
    browser.click(&browser.wait_for_text(".record-form button", "Save record"));
    browser.wait_for_absence(".record-form");
    browser.wait_for_text("tr[data-record] td.value", "mail.shop.example");
    assert_eq!(browser.text(&browser.wait_for("tr[data-record] td.priority")), "10");
    let zone_file = server.zone_file("shop.example");
    assert!(zone_file.contains("MX"), "the zone file has the MX record:\n{zone_file}");
    e2e::check_zone_file(&server.zone_file_path("shop.example"));

    // Change its TTL.
    browser.click(&browser.wait_for_text("tr[data-record] button", "Edit"));
    let ttl = browser.wait_for(".record-form [name='ttl']");
    assert_eq!(browser.property(&ttl, "value"), "3600");
    browser.replace_text(&ttl, "7200");
    browser.click(&browser.wait_for_text(".record-form button", "Save record"));
    browser.wait_for_absence(".record-form");
    browser.wait_for_text("tr[data-record] td.ttl", "7200");
    assert!(server.zone_file("shop.example").contains("7200"));
    e2e::check_zone_file(&server.zone_file_path("shop.example"));

    // Delete the record, after confirming.
    browser.click(&browser.wait_for_text("tr[data-record] button", "Delete"));
    browser.click(&browser.wait_for_text(".confirm button", "Delete record"));
    browser.wait_for_absence("tr[data-record]");
    assert!(!server.zone_file("shop.example").contains("MX"));
    e2e::check_zone_file(&server.zone_file_path("shop.example"));

    // Delete the zone; the confirmation names it.
    browser.click(&browser.wait_for_text("a", "All zones"));
    browser.click(&browser.wait_for_text("table.zones button", "Delete"));
    browser.wait_for_text(".confirm p", "shop.example");
    browser.click(&browser.wait_for_text(".confirm button", "Delete shop.example"));
    browser.wait_for_text(".empty", "No zones yet");
    assert!(!server.zone_file_path("shop.example").exists(), "the zone file is gone");
}

#[test]
fn a_token_without_create_permission_sees_which_permission_is_missing() {
    let server = TestServer::start();
    let token = server.token("bob", "dns:list");
    let browser = Browser::start();

    sign_in(&browser, &server, &token);
    let domain_input = browser.wait_for("#new-zone-domain");
    browser.type_text(&domain_input, "blocked.example");
    browser.click(&browser.wait_for_text("button", "Create zone"));

    let notice = browser.wait_for_text(".create-zone .action-error", "dns:create");
    assert!(browser.text(&notice).contains("lacks"), "{}", browser.text(&notice));
    assert_eq!(browser.property(&domain_input, "value"), "blocked.example", "typing is kept");
    assert!(!server.zone_file_path("blocked.example").exists());
}

#[test]
fn a_refused_token_brings_the_person_back_to_the_token_page() {
    let server = TestServer::start();
    let browser = Browser::start();

    sign_in(&browser, &server, "vps_thisTokenWasNeverIssued");
    let message = browser.wait_for_text("#token-error", "refused");
    assert!(browser.text(&message).contains("refused"));

    // A token that worked and was then replaced by an unknown one in storage: the next call
    // answers 401, and the dashboard asks for a token instead of showing an empty list.
    let token = server.token("carol", "dns:*");
    browser.replace_text(&browser.wait_for("#token-input"), &token);
    browser.click(&browser.wait_for("form button[type='submit']"));
    browser.wait_for("#new-zone-domain");
    browser.execute(
        "sessionStorage.setItem('dns-dashboard.token', 'vps_revokedOrUnknown0000')",
        serde_json::json!([]),
    );
    browser.goto(&format!("{}/zones", server.base_url()));
    browser.wait_for_text(".notice-error", "refused");
    browser.wait_for("#token-input");
}

#[test]
fn a_token_refused_while_saving_keeps_the_page_and_what_was_typed() {
    let server = TestServer::start();
    let token = server.token("dana", "dns:*");
    let zone = server.create_zone(&token, "keep.example");
    let uuid = zone["uuid"].as_str().expect("a zone uuid").to_owned();
    let browser = Browser::start();

    // A deep link without a token leads to the token page and back to the same zone.
    browser.goto(&format!("{}/zones/{uuid}", server.base_url()));
    browser.type_text(&browser.wait_for("#token-input"), &token);
    browser.click(&browser.wait_for("form button[type='submit']"));
    browser.wait_for_text("h1", "keep.example");

    // The token is revoked while a record is being typed; saving meets a 401.
    browser.click(&browser.wait_for_text("button", "Add record"));
    choose_type(&browser, "TXT");
    browser.type_text(&browser.wait_for(".record-form [name='name']"), "typed");
    browser.type_text(&browser.wait_for(".record-form [name='value']"), "typed with care");
    server.revoke(&token);
    browser.click(&browser.wait_for_text(".record-form button", "Save record"));

    // The token form appears in place; after a new token the form is back as it was.
    let input = browser.wait_for("#token-input");
    let fresh = server.token("dana", "dns:*");
    browser.type_text(&input, &fresh);
    browser.click(&browser.wait_for_text("form button", "Save token"));
    browser.wait_for_absence("#token-input");
    let value = browser.wait_for(".record-form [name='value']");
    assert_eq!(browser.property(&value, "value"), "typed with care");
    assert_eq!(browser.property(&browser.wait_for(".record-form [name='name']"), "value"), "typed");

    browser.click(&browser.wait_for_text(".record-form button", "Save record"));
    browser.wait_for_text("tr[data-record] td.value", "typed with care");
    assert!(server.zone_file("keep.example").contains("typed with care"));
}

#[test]
fn an_edit_from_a_stale_page_shows_the_newer_value_and_a_choice() {
    let server = TestServer::start();
    let token = server.token("erin", "dns:*");
    let zone = server.create_zone(&token, "stale.example");
    let body = serde_json::json!({ "record_type": "A", "name": "www", "value": "192.0.2.10" });
    let record = server.create_record(&token, "stale.example", &body);
    let record_path = format!("/dns-records/{}/", record["uuid"].as_str().expect("a uuid"));
    let browser = Browser::start();
    sign_in(&browser, &server, &token);
    browser.wait_for("#new-zone-domain");
    browser.goto(&format!("{}/zones/{}", server.base_url(), zone["uuid"].as_str().expect("uuid")));

    // Someone else changes the record while this person edits it.
    browser.click(&browser.wait_for_text("tr[data-record] button", "Edit"));
    let value = browser.wait_for(".record-form [name='value']");
    browser.replace_text(&value, "192.0.2.20");
    let change = serde_json::json!({ "value": "192.0.2.99" });
    server.call("PATCH", &record_path, Some(&token), Some(&change)).assert_status(200);
    browser.click(&browser.wait_for_text(".record-form button", "Save record"));

    // The save is refused with the newer value shown; nothing typed is lost.
    browser.wait_for_text(".stale", "192.0.2.99");
    assert_eq!(browser.property(&value, "value"), "192.0.2.20");
    assert!(server.zone_file("stale.example").contains("192.0.2.99"), "not overwritten");

    // Choosing to overwrite saves this person's value over the newer one.
    browser.click(&browser.wait_for_text(".stale button", "Save mine over it"));
    browser.wait_for_absence(".record-form");
    browser.wait_for_text("tr[data-record] td.value", "192.0.2.20");
    assert!(server.zone_file("stale.example").contains("192.0.2.20"));

    // Choosing to reload takes the other change and keeps editing from it.
    browser.click(&browser.wait_for_text("tr[data-record] button", "Edit"));
    browser.replace_text(&browser.wait_for(".record-form [name='value']"), "192.0.2.21");
    let change = serde_json::json!({ "value": "192.0.2.77" });
    server.call("PATCH", &record_path, Some(&token), Some(&change)).assert_status(200);
    browser.click(&browser.wait_for_text(".record-form button", "Save record"));
    browser.click(&browser.wait_for_text(".stale button", "Reload it"));
    browser.wait_for_absence(".stale");
    browser.wait_until("the form to hold the newer value", || {
        // Read in one script: the form is re-created on reload, so a held element may go stale.
        let script = "const i = document.querySelector(\".record-form [name='value']\"); \
                      return i ? i.value : null;";
        (browser.execute(script, serde_json::json!([])) == "192.0.2.77").then_some(())
    });
    assert!(server.zone_file("stale.example").contains("192.0.2.77"));
}

/// Real key presses in the record form: Enter in a text input saves, Escape closes the form,
/// and a TTL preset chosen with the mouse is what the server stores.
#[test]
fn the_record_form_saves_on_enter_and_closes_on_escape() {
    let server = TestServer::start();
    let token = server.token("fern", "dns:*");
    let zone = server.create_zone(&token, "keys.example");
    let uuid = zone["uuid"].as_str().expect("a zone uuid").to_owned();
    let browser = Browser::start();
    browser.record_page_errors();
    sign_in(&browser, &server, &token);
    browser.wait_for("#new-zone-domain");
    browser.goto(&format!("{}/zones/{uuid}", server.base_url()));

    browser.click(&browser.wait_for_text("button", "Add record"));
    browser.type_text(&browser.wait_for(".record-form [name='name']"), "www");
    browser.click(&browser.wait_for(".record-form [name='ttl_preset'][value='300']"));
    browser.wait_for_text(".record-form .ttl-words", "300 s = 5 minutes");
    browser.type_text(&browser.wait_for(".record-form [name='value']"), "192.0.2.7\u{E007}");
    browser.wait_for_absence(".record-form");
    browser.wait_for_text("tr[data-record] td.value", "192.0.2.7");
    let ttl = browser.wait_for("tr[data-record] td.ttl");
    assert_eq!(browser.text(&ttl), "300", "the preset TTL is stored");
    assert!(server.zone_file("keys.example").contains("192.0.2.7"));

    browser.click(&browser.wait_for_text("button", "Add record"));
    browser.type_text(&browser.wait_for(".record-form [name='name']"), "mail\u{E00C}");
    browser.wait_for_absence(".record-form");
    assert!(!server.zone_file("keys.example").contains("mail"), "nothing was saved");

    // A form that closes under the cursor leaves no error behind (its inputs are told they
    // were left after the form is gone).
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(browser.page_errors(), Vec::<String>::new(), "the page reported errors");
}
