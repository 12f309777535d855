//! Every case of `cases/client.md`, end to end: Chromium, driven through WebDriver, uses the
//! release build of the dashboard served by the real server, as a person would.
//!
//! The page is opened through a fault-injecting [`Proxy`], so that its API calls pass there
//! too: answers the real server gives are forwarded untouched, and those it never gives (an
//! HTML 502, a 429 with `Retry-After: 2`, a dropped connection, a DRF field map) are put in
//! by rules the test sets while it runs. One test per case, named after it; the tests beside
//! each case are its neighbours, other faults of the same kind.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use e2e::TestServer;
use e2e::proxy::{Exchange, Outcome, Proxy, Rule};
use e2e::webdriver::{Browser, Element};
use serde_json::{Value, json};

/// The zone list, as the dashboard requests it.
const ZONES: &str = "/api/v1/dns-zones/";

/// The record value of the hostile-value case.
const HOSTILE: &str = "<img src=x onerror=alert(1)>";

/// Words of a JSON parser's complaint, or of a raw body, which a person must never see.
const PARSER_WORDS: [&str; 6] =
    ["json", "expected value", "parse", "line 1 column", "<html", "eof"];

/// A server, a proxy in front of it and a browser that opens the dashboard through the proxy.
struct Scene {
    // Declared first, so the browser session ends before the proxy and server go away.
    browser: Browser,
    proxy: Proxy,
    server: TestServer,
    token: String,
}

impl Scene {
    /// A fresh server with a token of `permissions` for account `alice`.
    fn start(permissions: &str) -> Scene {
        let server = TestServer::start();
        let token = server.token("alice", permissions);
        let proxy = Proxy::start(server.base_url());
        let browser = Browser::start();
        Scene { browser, proxy, server, token }
    }

    /// `path` on the proxy's origin, where the dashboard is opened.
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.proxy.base_url())
    }

    /// Opens the dashboard, saves the token and waits until the zone list was answered, so
    /// that a rule set afterwards meets only the requests the test makes the page send.
    fn sign_in(&self) {
        let answered_before = self.zone_list_requests().len();
        self.browser.goto(&self.url("/"));
        self.browser.type_text(&self.browser.wait_for("#token-input"), &self.token);
        self.browser.click(&self.browser.wait_for("form button[type='submit']"));
        self.browser.wait_for("#new-zone-domain");
        self.browser.wait_until("the zone list to be answered", || {
            (self.zone_list_requests().len() > answered_before).then_some(())
        });
    }

    /// Signs in, then opens the page of zone `uuid` and waits for its heading.
    fn open_zone(&self, uuid: &str, domain: &str) {
        self.sign_in();
        self.browser.goto(&self.url(&format!("/zones/{uuid}")));
        self.browser.wait_for_text("h1", domain);
    }

    /// Creates zone `domain` with the scene's token; returns its uuid.
    fn zone(&self, domain: &str) -> String {
        let zone = self.server.create_zone(&self.token, domain);
        zone["uuid"].as_str().expect("a zone uuid").to_owned()
    }

    /// The requests for the zone list itself, not a token check (`page_size=1`).
    fn zone_list_requests(&self) -> Vec<Exchange> {
        let mut found = self.proxy.requests_to("GET", ZONES);
        found.retain(|e| {
            e.path() == ZONES && !e.target.split(['?', '&']).any(|p| p == "page_size=1")
        });
        found
    }

    /// The records path of zone `uuid`, as the dashboard requests it.
    fn records_path(uuid: &str) -> String {
        format!("{ZONES}{uuid}/records/")
    }

    /// Opens the new-record form and fills it: `fields` are input names and texts.
    /// Opens the new-record form and types each field's text over what the form suggests
    /// (an MX starts with priority 10).
    fn fill_new_record(&self, record_type: &str, fields: &[(&str, &str)]) {
        self.browser.click(&self.browser.wait_for_text("button", "Add record"));
        choose_type(&self.browser, record_type);
        for (name, text) in fields {
            self.clear_input(name);
            self.browser.type_text(&self.input(name), text);
        }
    }

    /// Empties the input named `name` as a person would, with Backspace, so the page sees
    /// each keystroke.
    fn clear_input(&self, name: &str) {
        let input = self.input(name);
        let length = self.browser.property(&input, "value").chars().count();
        self.browser.type_text(&input, &"\u{E003}".repeat(length));
    }

    /// The input (or textarea) named `name` in the open record form.
    fn input(&self, name: &str) -> Element {
        self.browser.wait_for(&format!(".record-form [name='{name}']"))
    }

    /// What the input named `name` of the record form holds now.
    fn typed(&self, name: &str) -> String {
        self.browser.property(&self.input(name), "value")
    }

    fn save_record(&self) {
        self.browser.click(&self.browser.wait_for_text(".record-form button", "Save record"));
    }

    /// Waits until the message under input `name` of the record form reads `expected`.
    fn wait_for_message_under(&self, name: &str, expected: &str) {
        self.browser.wait_until(&format!("{expected:?} under {name}"), || {
            (message_under(&self.browser, name).as_deref() == Some(expected)).then_some(())
        });
    }

    /// The page's visible text.
    fn page_text(&self) -> String {
        let text = self.browser.execute("return document.body.innerText", json!([]));
        text.as_str().unwrap_or_default().to_owned()
    }

    /// Panics if the page shows a JSON parser's complaint or a raw response body.
    #[track_caller]
    fn assert_no_parser_words(&self) {
        let text = self.page_text().to_lowercase();
        for word in PARSER_WORDS {
            assert!(!text.contains(word), "the page shows {word:?}:\n{text}");
        }
    }

    /// The records of zone `domain` as the server has them.
    fn stored_records(&self, domain: &str) -> Vec<Value> {
        let uuid = self.server.zone_uuid(&self.token, domain);
        let response =
            self.server.call("GET", &format!("/dns-zones/{uuid}/"), Some(&self.token), None);
        response.assert_status(200);
        response.json()["records"].as_array().cloned().unwrap_or_default()
    }
}

/// Picks a record type in the open record form.
fn choose_type(browser: &Browser, record_type: &str) {
    let option =
        browser.wait_for(&format!("select[name='record_type'] option[value='{record_type}']"));
    browser.click(&option);
}

/// The message shown under the input named `name` of the record form: the element its
/// `aria-describedby` names, else the message element of its field.
fn message_under(browser: &Browser, name: &str) -> Option<String> {
    let script = "const input = document.querySelector(arguments[0]); \
                  if (!input) return null; \
                  const id = input.getAttribute('aria-describedby'); \
                  const field = input.closest('.field, .field-group'); \
                  const message = (id && document.getElementById(id)) \
                      || (field && field.querySelector('.field-error')); \
                  return message ? message.textContent : null;";
    let selector = format!(".record-form [name='{name}']");
    browser.execute(script, json!([selector])).as_str().map(str::to_owned)
}

/// A 401 body as the provider sends it.
fn invalid_token_body() -> Value {
    json!({ "detail": "Invalid token", "error_code": "invalid_token" })
}

/// Creates `count` zones `zone-001.example` and on, straight at the server.
fn create_zones(scene: &Scene, count: usize) {
    for n in 1..=count {
        scene.server.create_zone(&scene.token, &format!("zone-{n:03}.example"));
    }
}

// ---------------------------------------------------------------------------------------
// paged-zones
// ---------------------------------------------------------------------------------------

/// Case `paged-zones`: the zone list answered as pages of 100 (`count` 150, `next` to page
/// 2) is shown whole after following `next`, and a search finds a zone from page 2.
#[test]
fn paged_zones() {
    let scene = Scene::start("dns:*");
    create_zones(&scene, 150);
    // The server pages when asked to; the proxy asks for pages of 100 on the page's behalf.
    scene.proxy.rule(Rule::on("GET", ZONES).exact().always().add_query("page_size", "100"));
    let second_page = scene.server.call("GET", "/dns-zones/?page=2", Some(&scene.token), None);
    let from_page_two =
        second_page.json()["results"][0]["domain"].as_str().expect("page 2 has a zone").to_owned();

    scene.sign_in();
    scene.browser.wait_for_text(".count", "150 zones");
    let rows = scene.browser.find_all("table.zones tbody tr:not(.confirm-row)");
    assert_eq!(rows.len(), 150, "every zone has a row");
    let link = format!(
        "table.zones a[href$='/zones/{}']",
        scene.server.zone_uuid(&scene.token, &from_page_two)
    );
    scene.browser.wait_for(&link);

    // The list came as an envelope, and `next` was followed to the end.
    let list = scene.zone_list_requests();
    let targets: Vec<&str> = list.iter().map(|e| e.target.as_str()).collect();
    assert_eq!(targets.len(), 2, "page 1 and page 2 were read: {targets:?}");
    assert!(targets[1].contains("page=2"), "the second read follows next: {targets:?}");
    assert!(list.iter().all(|e| e.outcome == Outcome::Forwarded(200)), "{list:?}");

    // The search box finds a zone of page 2 and leaves out the others.
    let search = scene.browser.wait_for("[data-shortcut='search'], #zone-filter");
    scene.browser.type_text(&search, &from_page_two);
    scene.browser.wait_until("only the zone from page 2 to be listed", || {
        let rows = scene.browser.find_all("table.zones tbody tr:not(.confirm-row)");
        (rows.len() == 1).then_some(rows)
    });
    scene.browser.wait_for_text("table.zones tbody a", &from_page_two);
}

/// Neighbour of `paged-zones`: a page that fails on the way (a 502 on page 2) shows no part
/// of the list as if it were all of it.
#[test]
fn paged_zones_with_a_failed_second_page_shows_no_partial_list() {
    let scene = Scene::start("dns:*");
    create_zones(&scene, 120);
    scene.sign_in();
    // Page 1 is forwarded as a page of 100; the request for page 2 meets a gateway's 502.
    scene.proxy.rule(Rule::on("GET", ZONES).exact().add_query("page_size", "100"));
    scene.proxy.rule(Rule::on("GET", ZONES).exact().respond(
        502,
        &[("Content-Type", "text/html")],
        "<html>Bad gateway</html>",
    ));

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("[role='alert']", "502");
    assert!(scene.browser.try_find("table.zones td.domain").is_none(), "no partial table");
    let text = scene.page_text();
    assert!(!text.contains("100 zones"), "no partial count:\n{text}");

    // Trying again reads both pages.
    scene.proxy.rule(Rule::on("GET", ZONES).exact().always().add_query("page_size", "100"));
    scene.browser.click(&scene.browser.wait_for_text("[role='alert'] button", "Try again"));
    scene.browser.wait_for_text(".count", "120 zones");
}

// ---------------------------------------------------------------------------------------
// paged-records
// ---------------------------------------------------------------------------------------

/// Case `paged-records`: a zone whose detail carries only part of its records, and whose
/// records list is answered as pages of 100, shows every record; the count says 150.
#[test]
fn paged_records() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("many.example");
    let already = scene.stored_records("many.example").len();
    for n in already..150 {
        let body = json!({
            "record_type": "A",
            "name": format!("host-{n:03}"),
            "value": format!("192.0.2.{}", n % 250 + 1),
        });
        scene.server.create_record(&scene.token, "many.example", &body);
    }

    // A provider may cut the detail's records short; this one sends the first 100.
    let detail_path = format!("/dns-zones/{uuid}/");
    let mut detail = scene.server.call("GET", &detail_path, Some(&scene.token), None).json();
    assert_eq!(detail["record_count"], 150, "{detail}");
    let all = detail["records"].as_array().cloned().unwrap_or_default();
    detail["records"] = Value::Array(all[..100].to_vec());
    let last_name = all[149]["name"].as_str().expect("a record name").to_owned();

    scene.sign_in();
    scene.proxy.rule(
        Rule::on("GET", &format!("{ZONES}{uuid}/")).exact().always().respond_json(200, &detail),
    );
    let records = Scene::records_path(&uuid);
    scene.proxy.rule(Rule::on("GET", &records).exact().always().add_query("page_size", "100"));
    scene.browser.goto(&scene.url(&format!("/zones/{uuid}")));

    scene.browser.wait_for_text(".zone-header .count, h1 ~ .count", "150 records");
    scene.browser.wait_for_count("tr[data-record]", 150);
    scene.browser.wait_for_text("tr[data-record] td.name", &last_name);

    let reads = scene.proxy.requests_to("GET", &records);
    assert_eq!(reads.len(), 2, "both pages were read: {reads:?}");
    assert!(reads[1].target.contains("page=2"), "next was followed: {reads:?}");
}

// ---------------------------------------------------------------------------------------
// invalid-token
// ---------------------------------------------------------------------------------------

/// Case `invalid-token`: a 401 on the zone list brings a prompt to enter a token again,
/// never an empty list; a valid token then shows the zones.
#[test]
fn invalid_token() {
    let scene = Scene::start("dns:*");
    scene.zone("kept.example");
    scene.sign_in();
    scene.proxy.rule(Rule::on("", "/api/").respond_json(401, &invalid_token_body()));

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for("#token-input");
    scene.browser.wait_for_text("[role='alert']", "Invalid token");
    assert!(scene.browser.try_find(".empty").is_none(), "no empty list:\n{}", scene.page_text());
    assert!(!scene.page_text().contains("0 zones"), "{}", scene.page_text());

    scene.browser.type_text(&scene.browser.wait_for("#token-input"), &scene.token);
    scene.browser.click(&scene.browser.wait_for_text("form button", "Save token"));
    scene.browser.wait_for_text("table.zones a", "kept.example");
}

/// Neighbour of `invalid-token`: a 401 when a zone page opens asks for a token, and shows no
/// zone as empty.
#[test]
fn invalid_token_on_a_zone_page() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("kept.example");
    scene.server.create_record(
        &scene.token,
        "kept.example",
        &json!({ "record_type": "A", "name": "www", "value": "192.0.2.1" }),
    );
    scene.sign_in();
    scene.proxy.rule(Rule::on("GET", ZONES).respond_json(401, &invalid_token_body()));

    scene.browser.goto(&scene.url(&format!("/zones/{uuid}")));
    scene.browser.wait_for("#token-input");
    let text = scene.page_text();
    assert!(!text.contains("no records"), "no empty zone:\n{text}");
    assert!(!text.contains("0 records"), "no empty zone:\n{text}");

    scene.browser.type_text(&scene.browser.wait_for("#token-input"), &scene.token);
    scene.browser.click(&scene.browser.wait_for_text("form button", "Save token"));
    scene.browser.wait_for_text("tr[data-record] td.value", "192.0.2.1");
}

/// Neighbour of `invalid-token`: a 401 during a save keeps what was typed; after a new token
/// the form is back as it was and saves.
#[test]
fn invalid_token_during_a_save_keeps_the_typed_form() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("keep.example");
    scene.open_zone(&uuid, "keep.example");
    scene.fill_new_record("TXT", &[("name", "typed"), ("value", "typed with care")]);
    scene.proxy.rule(
        Rule::on("POST", &Scene::records_path(&uuid)).respond_json(401, &invalid_token_body()),
    );
    scene.save_record();

    scene.browser.wait_for("#token-input");
    scene.browser.type_text(&scene.browser.wait_for("#token-input"), &scene.token);
    scene.browser.click(&scene.browser.wait_for_text("form button", "Save token"));
    scene.browser.wait_for_absence("#token-input");
    assert_eq!(scene.typed("name"), "typed");
    assert_eq!(scene.typed("value"), "typed with care");

    scene.save_record();
    scene.browser.wait_for_text("tr[data-record] td.value", "typed with care");
    assert!(scene.server.zone_file("keep.example").contains("typed with care"));
}

/// Neighbour of `invalid-token`: a 401 on a delete asks for a token, and the record is still
/// listed after a new one, since it was never deleted.
#[test]
fn invalid_token_on_a_delete_keeps_the_record() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("keep.example");
    let body = json!({ "record_type": "A", "name": "www", "value": "192.0.2.7" });
    scene.server.create_record(&scene.token, "keep.example", &body);
    scene.open_zone(&uuid, "keep.example");
    scene
        .proxy
        .rule(Rule::on("DELETE", "/api/v1/dns-records/").respond_json(401, &invalid_token_body()));

    scene.browser.click(&scene.browser.wait_for_text("tr[data-record] button", "Delete"));
    scene.browser.click(&scene.browser.wait_for_text(".confirm button", "Delete record"));
    scene.browser.wait_for("#token-input");
    scene.browser.type_text(&scene.browser.wait_for("#token-input"), &scene.token);
    scene.browser.click(&scene.browser.wait_for_text("form button", "Save token"));
    scene.browser.wait_for_absence("#token-input");
    scene.browser.wait_for_text("tr[data-record] td.value", "192.0.2.7");
    assert_eq!(scene.stored_records("keep.example").len(), 1, "nothing was deleted");
}

// ---------------------------------------------------------------------------------------
// missing-permission
// ---------------------------------------------------------------------------------------

/// Case `missing-permission`: the server's 403 on creating a zone names the missing
/// permission beside the Create button, and the typed domain stays.
#[test]
fn missing_permission() {
    let scene = Scene::start("dns:list,dns:update,dns:delete");
    scene.sign_in();
    let domain = scene.browser.wait_for("#new-zone-domain");
    scene.browser.type_text(&domain, "blocked.example");
    scene.browser.click(&scene.browser.wait_for_text("button", "Create zone"));

    let notice = scene.browser.wait_for_text("[role='alert']", "dns:create");
    assert!(beside(&scene.browser, &notice, "Create zone"), "the message is in the create form");
    assert_eq!(scene.browser.property(&domain, "value"), "blocked.example", "typing is kept");
    let posts = scene.proxy.requests_to("POST", ZONES);
    assert_eq!(posts.iter().map(|e| &e.outcome).collect::<Vec<_>>(), [&Outcome::Forwarded(403)]);
    assert!(!scene.server.zone_file_path("blocked.example").exists());
}

/// Whether `notice` is inside the same form as the button reading `action`.
fn beside(browser: &Browser, notice: &Element, action: &str) -> bool {
    let script = "const notice = arguments[0]; \
                  const form = notice.closest('form'); \
                  return !!form && [...form.querySelectorAll('button')] \
                      .some(b => b.textContent.includes(arguments[1]));";
    browser.execute(script, json!([notice.as_arg(), action])) == json!(true)
}

/// Neighbour of `missing-permission`: a 403 on creating a record names `dns:create` in the
/// record form, and keeps what was typed.
#[test]
fn missing_permission_on_a_record_create() {
    let scene = Scene::start("dns:list,dns:update,dns:delete");
    let owner = scene.server.token("alice", "dns:*");
    let zone = scene.server.create_zone(&owner, "shop.example");
    let uuid = zone["uuid"].as_str().expect("a uuid");
    scene.open_zone(uuid, "shop.example");
    scene.fill_new_record("A", &[("name", "www"), ("value", "192.0.2.5")]);
    scene.save_record();

    let notice = scene.browser.wait_for_text(".record-form [role='alert']", "dns:create");
    assert!(beside(&scene.browser, &notice, "Save record"));
    assert_eq!(scene.typed("name"), "www");
    assert_eq!(scene.typed("value"), "192.0.2.5");
}

/// Neighbour of `missing-permission`: a 403 on a delete names `dns:delete` at that record's
/// row, and the record stays.
#[test]
fn missing_permission_on_a_delete() {
    let scene = Scene::start("dns:list,dns:create,dns:update");
    let uuid = scene.zone("shop.example");
    let body = json!({ "record_type": "A", "name": "www", "value": "192.0.2.8" });
    scene.server.create_record(&scene.token, "shop.example", &body);
    scene.open_zone(&uuid, "shop.example");

    scene.browser.click(&scene.browser.wait_for_text("tr[data-record] button", "Delete"));
    scene.browser.click(&scene.browser.wait_for_text(".confirm button", "Delete record"));
    scene.browser.wait_for_text("[role='alert']", "dns:delete");
    scene.browser.wait_for_text("tr[data-record] td.value", "192.0.2.8");
    assert_eq!(scene.stored_records("shop.example").len(), 1);
}

// ---------------------------------------------------------------------------------------
// field-hint, drf-field-map, non-field
// ---------------------------------------------------------------------------------------

/// Case `field-hint`: the server's 400 naming `priority` appears under the priority input,
/// which gets focus; the other inputs keep their values.
#[test]
fn field_hint() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("mail.example");
    scene.open_zone(&uuid, "mail.example");
    scene.fill_new_record("MX", &[("name", "@"), ("value", "mx.mail.example")]);
    scene.clear_input("priority");
    scene.browser.replace_text(&scene.input("ttl"), "600");
    scene.save_record();

    let server_says = scene.server.create_record_detail(
        &scene.token,
        "mail.example",
        r#"{"record_type": "MX", "name": "@", "value": "mx.mail.example", "ttl": 600}"#,
    );
    scene.wait_for_message_under("priority", &server_says);
    let refused = scene.proxy.requests_to("POST", &Scene::records_path(&uuid));
    assert_eq!(refused.last().map(|e| &e.outcome), Some(&Outcome::Forwarded(400)));
    assert!(scene.browser.is_focused(&scene.input("priority")), "the priority input has focus");
    assert_eq!(scene.typed("name"), "@");
    assert_eq!(scene.typed("value"), "mx.mail.example");
    assert_eq!(scene.typed("ttl"), "600");
}

/// Case `drf-field-map`: a Django REST framework field map puts each message under its own
/// input, and keeps what was typed.
#[test]
fn drf_field_map() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("mail.example");
    scene.open_zone(&uuid, "mail.example");
    let map = json!({
        "priority": ["This field is required."],
        "value": ["Enter a valid hostname."],
    });
    scene.proxy.rule(Rule::on("POST", &Scene::records_path(&uuid)).respond_json(400, &map));
    scene.fill_new_record("MX", &[("name", "@"), ("priority", "10"), ("value", "mx.mail.example")]);
    scene.save_record();

    scene.wait_for_message_under("priority", "This field is required.");
    scene.wait_for_message_under("value", "Enter a valid hostname.");
    assert_eq!(message_under(&scene.browser, "name").unwrap_or_default(), "", "name is fine");
    assert_eq!(scene.typed("name"), "@");
    assert_eq!(scene.typed("priority"), "10");
    assert_eq!(scene.typed("value"), "mx.mail.example");
    assert!(scene.stored_records("mail.example").iter().all(|r| r["record_type"] != "MX"));
}

/// Case `non-field`: `non_field_errors` appear at the top of the form; the inputs keep their
/// values.
#[test]
fn non_field() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("alias.example");
    scene.open_zone(&uuid, "alias.example");
    let body = json!({ "non_field_errors": ["Record conflicts with an existing CNAME."] });
    scene.proxy.rule(Rule::on("POST", &Scene::records_path(&uuid)).respond_json(400, &body));
    scene.fill_new_record("A", &[("name", "www"), ("value", "192.0.2.9")]);
    scene.save_record();

    assert_at_top_of_form(&scene.browser, "Record conflicts with an existing CNAME.");
    assert_eq!(scene.typed("name"), "www");
    assert_eq!(scene.typed("value"), "192.0.2.9");
}

/// Waits for `text` in the record form, then panics unless the innermost element showing it
/// comes before the form's first input.
#[track_caller]
fn assert_at_top_of_form(browser: &Browser, text: &str) {
    let script = "const form = document.querySelector('.record-form'); \
                  if (!form) return null; \
                  const has = (e) => e.textContent.includes(arguments[0]); \
                  const shows = [...form.querySelectorAll('*')] \
                      .filter(e => has(e) && ![...e.children].some(has)); \
                  if (shows.length === 0) return null; \
                  const first = form.querySelector('input, select, textarea'); \
                  return !!(shows[0].compareDocumentPosition(first) \
                      & Node.DOCUMENT_POSITION_FOLLOWING);";
    let above = browser.wait_until(&format!("{text:?} in the record form"), || {
        browser.execute(script, json!([text])).as_bool()
    });
    assert!(above, "{text:?} is shown below the form's first input");
}

/// Neighbour of `non-field`: a contract-shaped 409 without `field` goes to the top of the
/// form too, shown as the server sent it.
#[test]
fn non_field_conflict_in_the_contract_shape() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("alias.example");
    scene.open_zone(&uuid, "alias.example");
    let body = json!({ "detail": "A CNAME exists at www.", "error_code": "conflict" });
    scene.proxy.rule(Rule::on("POST", &Scene::records_path(&uuid)).respond_json(409, &body));
    scene.fill_new_record("A", &[("name", "www"), ("value", "192.0.2.9")]);
    scene.save_record();

    assert_at_top_of_form(&scene.browser, "A CNAME exists at www.");
    assert_eq!(scene.typed("value"), "192.0.2.9");
}

/// Neighbour of `field-hint`: the API's JSON error labelled `text/plain` by something on the
/// way is still the API's message, shown under its input, never a parser's complaint.
///
/// Fails until `ApiError::from_response` (src/api/error.rs) reads a JSON object body whatever
/// its content type: now the page says "The server answered 400. Try again in a moment."
#[test]
fn field_hint_with_a_wrong_content_type() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("mail.example");
    scene.open_zone(&uuid, "mail.example");
    let body = json!({
        "detail": "MX records require a priority value",
        "error_code": "validation_error",
        "field": "priority",
    });
    scene.proxy.rule(Rule::on("POST", &Scene::records_path(&uuid)).respond(
        400,
        &[("Content-Type", "text/plain")],
        &body.to_string(),
    ));
    scene.fill_new_record("MX", &[("name", "@"), ("value", "mx.mail.example")]);
    scene.save_record();

    scene.wait_for_message_under("priority", "MX records require a priority value");
    scene.assert_no_parser_words();
    assert_eq!(scene.typed("value"), "mx.mail.example");
}

/// Neighbour of `paged-zones`: a list whose JSON is labelled `text/html` is still read.
#[test]
fn a_zone_list_with_a_wrong_content_type_is_read() {
    let scene = Scene::start("dns:*");
    scene.zone("labelled.example");
    let list = scene.server.call("GET", "/dns-zones/", Some(&scene.token), None).text();
    scene.sign_in();
    scene.proxy.rule(Rule::on("GET", ZONES).exact().respond(
        200,
        &[("Content-Type", "text/html")],
        &list,
    ));

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("table.zones a", "labelled.example");
    scene.assert_no_parser_words();
}

// ---------------------------------------------------------------------------------------
// html-502 and other pages from gateways
// ---------------------------------------------------------------------------------------

/// An HTML page a gateway sends instead of the API's answer.
fn gateway_page(scene: &Scene, status: u16, body: &str) {
    scene.proxy.rule(Rule::on("GET", ZONES).exact().respond(
        status,
        &[("Content-Type", "text/html; charset=utf-8")],
        body,
    ));
}

/// Opens the zone list behind a gateway page of `status`: the page says the server answered
/// `status`, offers to try again, shows no parser text, and trying again shows the zones.
fn zone_list_behind_a_gateway_page(status: u16, body: &str) {
    let scene = Scene::start("dns:*");
    scene.zone("behind.example");
    scene.sign_in();
    gateway_page(&scene, status, body);

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("[role='alert']", &format!("answered {status}"));
    assert!(scene.browser.try_find("table.zones td.domain").is_none(), "no list was shown");
    scene.assert_no_parser_words();
    assert!(scene.browser.open_dialog().is_none(), "nothing in the page ran");

    scene.browser.click(&scene.browser.wait_for_text("[role='alert'] button", "Try again"));
    scene.browser.wait_for_text("table.zones a", "behind.example");
}

/// Case `html-502`: a 502 with an HTML body says "the server answered 502" with a retry, and
/// no JSON parse error text.
#[test]
fn html_502() {
    zone_list_behind_a_gateway_page(502, "<html>Bad gateway</html>");
}

/// Neighbour of `html-502`: a 503 page, with a script that must not run.
#[test]
fn html_503() {
    zone_list_behind_a_gateway_page(
        503,
        "<html><body><h1>Service unavailable</h1><script>alert(3)</script></body></html>",
    );
}

/// Neighbour of `html-502`: a 504 page.
#[test]
fn html_504() {
    zone_list_behind_a_gateway_page(504, "<html><body>Gateway Timeout</body></html>");
}

/// Neighbour of `html-502`: a 502 page during a save keeps the form filled and says 502.
#[test]
fn html_502_during_a_save_keeps_the_form() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("save.example");
    scene.open_zone(&uuid, "save.example");
    scene.fill_new_record("TXT", &[("name", "note"), ("value", "kept text")]);
    scene.proxy.rule(Rule::on("POST", &Scene::records_path(&uuid)).respond(
        502,
        &[("Content-Type", "text/html")],
        "<html>Bad gateway</html>",
    ));
    scene.save_record();

    scene.browser.wait_for_text(".record-form", "502");
    scene.assert_no_parser_words();
    assert_eq!(scene.typed("name"), "note");
    assert_eq!(scene.typed("value"), "kept text");

    scene.save_record();
    scene.browser.wait_for_text("tr[data-record] td.value", "kept text");
}

/// Neighbour of `html-502`: a 500 in the API's own shape shows its `detail`.
#[test]
fn server_error_with_a_detail() {
    let scene = Scene::start("dns:*");
    scene.sign_in();
    let body = json!({ "detail": "The database is locked.", "error_code": "server_error" });
    scene.proxy.rule(Rule::on("GET", ZONES).exact().respond_json(500, &body));

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("[role='alert']", "The database is locked.");
    scene.browser.wait_for_text("[role='alert'] button", "Try again");
}

// ---------------------------------------------------------------------------------------
// rate-limited
// ---------------------------------------------------------------------------------------

/// A 429 as the provider sends it, with `retry_after` when given.
fn too_many(retry_after: Option<&str>, count: usize) -> Rule {
    let body =
        json!({ "detail": "Request was throttled.", "error_code": "rate_limited" }).to_string();
    let mut headers = vec![("Content-Type", "application/json")];
    if let Some(seconds) = retry_after {
        headers.push(("Retry-After", seconds));
    }
    Rule::on("GET", ZONES).exact().times(count).respond(429, &headers, &body)
}

/// Case `rate-limited`: a 429 with `Retry-After: 2` while the zone list loads: a notice
/// says so while the dashboard waits, and the request is retried exactly once, 2 s later.
///
/// The notice is looked for between the 429 and the retry: an element announced to the
/// person (`role=status`, `role=alert`, `.notice`) that is not the loading placeholder and is
/// gone once the retry succeeded.
///
/// Fails until a notice is shown during the wait: `Api::waiting_to_retry` (src/api/mod.rs)
/// says when a call waits, and nothing on the page shows it yet.
#[test]
fn rate_limited() {
    let scene = Scene::start("dns:*");
    scene.zone("busy.example");
    scene.sign_in();
    scene.proxy.clear_requests();
    scene.proxy.rule(too_many(Some("2"), 1));

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_until("the 429 to be answered", || {
        (!scene.zone_list_requests().is_empty()).then_some(())
    });
    let mut during_wait = BTreeSet::new();
    let give_up = Instant::now() + Duration::from_secs(10);
    while scene.zone_list_requests().len() < 2 && Instant::now() < give_up {
        during_wait.extend(notices(&scene.browser));
        std::thread::sleep(Duration::from_millis(100));
    }

    scene.browser.wait_for_text("table.zones a", "busy.example");
    let list = scene.zone_list_requests();
    assert_retried_once_after(&list, Duration::from_secs(2));
    let after = notices(&scene.browser);
    let noticed: Vec<&String> = during_wait.difference(&after).collect();
    assert!(!noticed.is_empty(), "no notice was shown while the dashboard waited to retry");
}

/// The texts of the notices the page shows, but for loading placeholders.
fn notices(browser: &Browser) -> BTreeSet<String> {
    let script = "return [...document.querySelectorAll('[role=status], [role=alert], .notice')] \
                  .filter(e => !e.closest('.loading, [aria-busy=true]')) \
                  .map(e => e.textContent.trim()) \
                  .filter(t => t && !/^Loading/.test(t));";
    let texts = browser.execute(script, json!([]));
    texts.as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

/// Panics unless `list` is a 429 followed by exactly one retry at least `wait` later (less
/// 50 ms for the coarseness of browser timers) and not more than 3 s beyond it.
#[track_caller]
fn assert_retried_once_after(list: &[Exchange], wait: Duration) {
    let outcomes: Vec<&Outcome> = list.iter().map(|e| &e.outcome).collect();
    assert_eq!(outcomes.len(), 2, "one request and one retry: {list:#?}");
    assert_eq!(outcomes[0], &Outcome::Injected(429));
    let gap = list[1].at.duration_since(list[0].at);
    assert!(gap + Duration::from_millis(50) >= wait, "retried after {gap:?}, before {wait:?}");
    assert!(gap < wait + Duration::from_secs(3), "retried only after {gap:?}");
}

/// Neighbour of `rate-limited`: a 429 that persists after the one retry shows a notice with
/// a way to try again, and no more requests are sent on their own.
#[test]
fn rate_limited_twice_shows_a_notice_with_retry() {
    let scene = Scene::start("dns:*");
    scene.zone("busy.example");
    scene.sign_in();
    scene.proxy.clear_requests();
    scene.proxy.rule(too_many(Some("2"), 2));

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("[role='alert']", "too many requests");
    let list = scene.zone_list_requests();
    assert_eq!(list.len(), 2, "exactly one retry: {list:#?}");
    assert_eq!(list[1].outcome, Outcome::Injected(429));
    let gap = list[1].at.duration_since(list[0].at);
    assert!(gap + Duration::from_millis(50) >= Duration::from_secs(2), "retried after {gap:?}");

    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(scene.zone_list_requests().len(), 2, "no further retries on their own");
    scene.browser.click(&scene.browser.wait_for_text("[role='alert'] button", "Try again"));
    scene.browser.wait_for_text("table.zones a", "busy.example");
}

/// Neighbour of `rate-limited`: a 429 without `Retry-After` is retried once, after a pause
/// rather than at once.
#[test]
fn rate_limited_without_retry_after() {
    let scene = Scene::start("dns:*");
    scene.zone("busy.example");
    scene.sign_in();
    scene.proxy.clear_requests();
    scene.proxy.rule(too_many(None, 1));

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("table.zones a", "busy.example");
    assert_retried_once_after(&scene.zone_list_requests(), Duration::from_secs(1));
}

/// Neighbour of `rate-limited`: a `Retry-After` longer than the dashboard waits on its own
/// is not waited out silently: the notice comes at once, with a way to try again.
#[test]
fn rate_limited_for_long_says_so_at_once() {
    let scene = Scene::start("dns:*");
    scene.zone("busy.example");
    scene.sign_in();
    scene.proxy.clear_requests();
    scene.proxy.rule(too_many(Some("120"), 1));

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("[role='alert']", "too many requests");
    assert_eq!(scene.zone_list_requests().len(), 1, "no retry within the page's patience");
    scene.browser.click(&scene.browser.wait_for_text("[role='alert'] button", "Try again"));
    scene.browser.wait_for_text("table.zones a", "busy.example");
}

// ---------------------------------------------------------------------------------------
// network-down
// ---------------------------------------------------------------------------------------

/// Case `network-down`: the save's connection dies without an answer: a notice says the
/// server could not be reached, the form stays filled, and once the network is back, saving
/// again stores the record.
#[test]
fn network_down() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("offline.example");
    scene.open_zone(&uuid, "offline.example");
    let records = Scene::records_path(&uuid);
    scene.proxy.rule(Rule::on("POST", &records).always().drop_connection());
    scene.fill_new_record("TXT", &[("name", "note"), ("value", "written offline")]);
    scene.browser.replace_text(&scene.input("ttl"), "300");
    scene.save_record();

    scene.browser.wait_for_text(".record-form [role='alert']", "could not be reached");
    scene.assert_no_parser_words();
    assert_eq!(scene.typed("name"), "note");
    assert_eq!(scene.typed("value"), "written offline");
    assert_eq!(scene.typed("ttl"), "300");
    assert!(scene.stored_records("offline.example").iter().all(|r| r["name"] != "note"));

    // The retry: the same save again, which now reaches the server.
    scene.proxy.clear_rules();
    let save = scene.browser.wait_for_text(".record-form button", "Save record");
    assert_eq!(scene.browser.property(&save, "disabled"), "false", "saving can be retried");
    scene.save_record();
    scene.browser.wait_for_text("tr[data-record] td.value", "written offline");
    let posts = scene.proxy.requests_to("POST", &records);
    let outcomes: Vec<&Outcome> = posts.iter().map(|e| &e.outcome).collect();
    assert_eq!(outcomes, [&Outcome::Dropped, &Outcome::Forwarded(201)]);
}

/// Neighbour of `network-down`: the zone list's connection dies: a notice with a retry, and
/// no empty list.
#[test]
fn network_down_while_the_zone_list_loads() {
    let scene = Scene::start("dns:*");
    scene.zone("there.example");
    scene.sign_in();
    // Down until the rule is cleared: Chromium resends a GET once by itself when a connection
    // closes without an answer.
    scene.proxy.rule(Rule::on("GET", ZONES).exact().always().drop_connection());

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("[role='alert']", "could not be reached");
    assert!(scene.browser.try_find(".empty").is_none(), "no empty list");
    scene.proxy.clear_rules();
    scene.browser.click(&scene.browser.wait_for_text("[role='alert'] button", "Try again"));
    scene.browser.wait_for_text("table.zones a", "there.example");
}

/// Neighbour of `network-down`: an answer cut off halfway is a failed request, not a parse
/// error, and the list is not shown in part.
#[test]
fn network_down_with_the_answer_cut_off() {
    let scene = Scene::start("dns:*");
    create_zones(&scene, 20);
    scene.sign_in();
    scene.proxy.rule(Rule::on("GET", ZONES).exact().cut_answer());

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("[role='alert']", "Try again");
    scene.assert_no_parser_words();
    assert!(scene.browser.try_find("table.zones td.domain").is_none(), "no partial list");
    scene.browser.click(&scene.browser.wait_for_text("[role='alert'] button", "Try again"));
    scene.browser.wait_for_text(".count", "20 zones");
}

/// Neighbour of `network-down`: a slow answer keeps the save button waiting, so the record
/// is not sent twice.
#[test]
fn network_slow_save_is_sent_once() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("slow.example");
    scene.open_zone(&uuid, "slow.example");
    let records = Scene::records_path(&uuid);
    scene.proxy.rule(Rule::on("POST", &records).delay(Duration::from_secs(2)));
    scene.fill_new_record("A", &[("name", "www"), ("value", "192.0.2.30")]);
    scene.save_record();

    let busy = scene.browser.wait_for(".record-form button[type='submit']");
    scene.browser.wait_until("the save button to wait", || {
        (scene.browser.property(&busy, "disabled") == "true").then_some(())
    });
    scene.browser.wait_for_text("tr[data-record] td.value", "192.0.2.30");
    assert_eq!(scene.proxy.requests_to("POST", &records).len(), 1);
    assert_eq!(scene.stored_records("slow.example").len(), 1);
}

// ---------------------------------------------------------------------------------------
// stale-edit
// ---------------------------------------------------------------------------------------

/// Opens the edit form of the one record of zone `domain` in the browser, then has someone
/// else change its value to `theirs` and saves `mine`: the server answers 412.
fn edit_meets_a_newer_change(scene: &Scene, domain: &str, mine: &str, theirs: &str) -> String {
    let record = &scene.stored_records(domain)[0];
    let record_path = format!("/dns-records/{}/", record["uuid"].as_str().expect("a uuid"));

    scene.browser.click(&scene.browser.wait_for_text("tr[data-record] button", "Edit"));
    scene.browser.replace_text(&scene.input("value"), mine);
    let change = json!({ "value": theirs });
    scene.server.call("PATCH", &record_path, Some(&scene.token), Some(&change)).assert_status(200);
    scene.save_record();
    format!("/api/v1{record_path}")
}

/// Case `stale-edit`: a 412 on a PATCH sent with `If-Match` says the record changed since it
/// was opened, shows its new value, and offers to reload or to overwrite.
#[test]
fn stale_edit() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("stale.example");
    let body = json!({ "record_type": "A", "name": "www", "value": "192.0.2.10" });
    scene.server.create_record(&scene.token, "stale.example", &body);
    scene.open_zone(&uuid, "stale.example");

    let path = edit_meets_a_newer_change(&scene, "stale.example", "192.0.2.20", "192.0.2.99");
    let notice = scene.browser.wait_for_text(".stale", "192.0.2.99");
    assert!(scene.browser.text(&notice).contains("changed"), "{}", scene.browser.text(&notice));
    scene.browser.wait_for_text(".stale button", "Reload");
    scene.browser.wait_for_text(".stale button", "Save mine over it");
    assert_eq!(scene.typed("value"), "192.0.2.20", "what was typed stays");

    // The PATCH carried the version the form was opened with, and the server refused it.
    let patches = scene.proxy.requests_to("PATCH", &path);
    let refused = patches.last().expect("a PATCH was sent");
    assert_eq!(refused.outcome, Outcome::Forwarded(412));
    assert!(refused.header("if-match").is_some_and(|tag| !tag.is_empty()), "{refused:?}");

    // Overwriting saves this person's value over the newer one.
    scene.browser.click(&scene.browser.wait_for_text(".stale button", "Save mine over it"));
    scene.browser.wait_for_absence(".record-form");
    scene.browser.wait_for_text("tr[data-record] td.value", "192.0.2.20");
    assert_eq!(scene.stored_records("stale.example")[0]["value"], "192.0.2.20");

    // Reloading takes the other change and goes on editing from it.
    edit_meets_a_newer_change(&scene, "stale.example", "192.0.2.21", "192.0.2.77");
    scene.browser.click(&scene.browser.wait_for_text(".stale button", "Reload"));
    scene.browser.wait_for_absence(".stale");
    scene.browser.wait_until("the form to hold the newer value", || {
        let script = "const i = document.querySelector(\".record-form [name='value']\"); \
                      return i ? i.value : null;";
        (scene.browser.execute(script, json!([])) == "192.0.2.77").then_some(())
    });
    assert_eq!(scene.stored_records("stale.example")[0]["value"], "192.0.2.77");
}

/// Neighbour of `stale-edit`: when the newer record cannot be read after the 412 (the
/// connection dies), the form keeps what was typed and says what happened.
#[test]
fn stale_edit_whose_newer_value_cannot_be_read() {
    let scene = Scene::start("dns:*");
    let uuid = scene.zone("stale.example");
    let body = json!({ "record_type": "A", "name": "www", "value": "192.0.2.10" });
    scene.server.create_record(&scene.token, "stale.example", &body);
    scene.open_zone(&uuid, "stale.example");

    scene.browser.click(&scene.browser.wait_for_text("tr[data-record] button", "Edit"));
    scene.browser.replace_text(&scene.input("value"), "192.0.2.20");
    let record = &scene.stored_records("stale.example")[0];
    let record_path = format!("/dns-records/{}/", record["uuid"].as_str().expect("a uuid"));
    scene.server.call(
        "PATCH",
        &record_path,
        Some(&scene.token),
        Some(&json!({ "value": "192.0.2.99" })),
    );
    let newer = format!("/api/v1{record_path}");
    scene.proxy.rule(Rule::on("GET", &newer).always().drop_connection());
    scene.save_record();

    scene.browser.wait_for_text(".record-form [role='alert']", "could not be reached");
    assert_eq!(scene.typed("value"), "192.0.2.20");
    assert_eq!(scene.stored_records("stale.example")[0]["value"], "192.0.2.99", "not overwritten");
}

// ---------------------------------------------------------------------------------------
// hostile-value
// ---------------------------------------------------------------------------------------

/// Replaces `alert`, `confirm` and `prompt` with recorders, and records every `img` element
/// added to the page, so that a script that ran, or an element that existed only for a
/// moment, is seen. Survives navigation inside the page, not a reload.
fn watch_for_script(browser: &Browser) {
    let script = "window.__ran = []; window.__imgs = 0; \
                  for (const name of ['alert', 'confirm', 'prompt']) { \
                    window[name] = (m) => { window.__ran.push(name + ':' + m); }; \
                  } \
                  new MutationObserver((changes) => { for (const c of changes) { \
                    for (const n of c.addedNodes) { \
                      if (n.nodeType === 1 && (n.tagName === 'IMG' || n.querySelector('img'))) \
                        window.__imgs += 1; } } }) \
                    .observe(document.documentElement, { childList: true, subtree: true });";
    browser.execute(script, json!([]));
}

/// Panics if a script ran, an `img` was added or is on the page, a dialog is open, or the
/// page asked the server for the image `x`.
#[track_caller]
fn assert_nothing_ran(scene: &Scene) {
    assert_eq!(scene.browser.open_dialog(), None, "a dialog opened");
    let seen = scene.browser.execute(
        "return { ran: window.__ran, imgs: window.__imgs, \
                  now: document.querySelectorAll('img').length };",
        json!([]),
    );
    assert_eq!(seen, json!({ "ran": [], "imgs": 0, "now": 0 }), "something ran");
    let fetched: Vec<String> = scene
        .proxy
        .requests()
        .into_iter()
        .filter(|e| e.path().ends_with("/x") || e.path().ends_with("/y"))
        .map(|e| e.target)
        .collect();
    assert!(fetched.is_empty(), "the page fetched {fetched:?}");
}

/// Case `hostile-value`: a TXT record whose value is `<img src=x onerror=alert(1)>` is shown
/// as that text, in the table, the edit form and the zone-file line; nothing runs.
#[test]
fn hostile_value() {
    let scene = Scene::start("dns:*");
    scene.zone("hostile.example");
    let body = json!({ "record_type": "TXT", "name": "probe", "value": HOSTILE });
    scene.server.create_record(&scene.token, "hostile.example", &body);

    // The zone is opened from the list, inside the page, so the watch is already in place.
    scene.sign_in();
    watch_for_script(&scene.browser);
    scene.browser.click(&scene.browser.wait_for_text("table.zones a", "hostile.example"));
    let cell = scene.browser.wait_for_text("tr[data-record] td.value", "onerror");
    // The cell may hold buttons beside the value (copy, show all); the value is its text.
    let shown = scene.browser.execute(
        "const cell = arguments[0]; \
         return (cell.querySelector('.value-text') || cell).textContent.trim();",
        json!([cell.as_arg()]),
    );
    assert_eq!(shown, HOSTILE);
    assert_nothing_ran(&scene);

    scene.browser.click(&scene.browser.wait_for_text("tr[data-record] button", "Edit"));
    assert_eq!(scene.typed("value"), HOSTILE);
    scene.browser.wait_for_text(".record-form .preview-line", "onerror=alert(1)");
    scene.browser.click(&scene.browser.wait_for_text(".record-form button", "Cancel"));
    scene.browser.click(&scene.browser.wait_for_text("tr[data-record] button", "dig"));
    scene.browser.wait_for("code.dig");
    assert_nothing_ran(&scene);
    assert!(scene.page_text().contains(HOSTILE), "the value is shown as text");
}

/// Neighbour of `hostile-value`: markup in the server's error message is shown as text.
#[test]
fn hostile_value_in_an_error_message() {
    let scene = Scene::start("dns:*");
    scene.zone("hostile.example");
    scene.sign_in();
    watch_for_script(&scene.browser);
    scene.browser.click(&scene.browser.wait_for_text("table.zones a", "hostile.example"));
    scene.browser.wait_for_text("h1", "hostile.example");
    let hostile_detail = "<img src=y onerror=alert(2)> is not allowed";
    let body =
        json!({ "detail": hostile_detail, "error_code": "validation_error", "field": "value" });
    scene.proxy.rule(Rule::on("POST", "/api/v1/dns-zones/").respond_json(400, &body));
    scene.fill_new_record("TXT", &[("name", "probe"), ("value", "plain")]);
    scene.save_record();

    scene.wait_for_message_under("value", hostile_detail);
    assert_nothing_ran(&scene);
}
