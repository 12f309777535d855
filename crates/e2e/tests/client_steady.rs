//! A steady client, end to end: requests that take too long, and forms that send once.
//!
//! The page is opened through the fault-injecting [`Proxy`], which adds
//! `<meta name="dns-request-timeout-ms" content="2000">` to the page, so the dashboard gives up
//! on a request after 2 s instead of its default 20 s (reads) or 30 s (writes), and holds the
//! answers a test picks: sent on to the server but never answered (the server acted, the
//! browser never hears of it), or never sent on at all.
//!
//! What a person must see: a read that took too long says so and offers to try again; a write
//! that took too long says it may or may not have been made, keeps the form as typed, sends
//! nothing more by itself, and offers to check; the check finds out which it was. And a second
//! click on a button whose request runs sends nothing.

use std::time::Duration;

use e2e::TestServer;
use e2e::proxy::{Outcome, Proxy, Rule};
use e2e::webdriver::{Browser, Element};
use serde_json::{Value, json};

/// The zone list, as the dashboard requests it.
const ZONES: &str = "/api/v1/dns-zones/";

/// The timeout the page is given, and how the dashboard says it, in seconds.
const TIMEOUT_MS: u32 = 2000;
const TIMEOUT_WORDS: &str = "did not answer within 2 s";

/// What a write that timed out says.
const MAYBE_MADE: &str = "may or may not have been made";

/// A server, a proxy that sets the page's timeout, and a browser behind it.
struct Scene {
    // Declared first, so the browser session ends before the proxy and server go away.
    browser: Browser,
    proxy: Proxy,
    server: TestServer,
    token: String,
}

impl Scene {
    fn start() -> Scene {
        let server = TestServer::start();
        let token = server.token("alice", "dns:*");
        let proxy = Proxy::start(server.base_url());
        proxy.add_to_pages(&format!(
            "<meta name=\"dns-request-timeout-ms\" content=\"{TIMEOUT_MS}\">"
        ));
        let browser = Browser::start();
        Scene { browser, proxy, server, token }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.proxy.base_url())
    }

    /// Opens the dashboard, saves the token, and waits for the zone list.
    fn sign_in(&self) {
        self.browser.goto(&self.url("/"));
        self.browser.type_text(&self.browser.wait_for("#token-input"), &self.token);
        self.browser.click(&self.browser.wait_for("form button[type='submit']"));
        self.browser.wait_for("#new-zone-domain");
        self.browser.wait_until("the zone list", || {
            let answered = self.proxy.requests_to("GET", ZONES).iter().any(|e| {
                e.path() == ZONES
                    && !e.target.contains("page_size=1")
                    && matches!(e.outcome, Outcome::Forwarded(_))
            });
            answered.then_some(())
        });
    }

    /// Creates zone `domain` straight at the server, with `records`, signs in and opens the
    /// zone's page.
    fn open_new_zone(&self, domain: &str, records: &[Value]) -> String {
        let zone = self.server.create_zone(&self.token, domain);
        let uuid = zone["uuid"].as_str().expect("a zone uuid").to_owned();
        for record in records {
            self.server.create_record(&self.token, domain, record);
        }
        self.sign_in();
        self.browser.goto(&self.url(&format!("/zones/{uuid}")));
        self.browser.wait_for_text("h1", domain);
        uuid
    }

    fn records_path(uuid: &str) -> String {
        format!("{ZONES}{uuid}/records/")
    }

    fn input(&self, name: &str) -> Element {
        self.browser.wait_for(&format!(".record-form [name='{name}']"))
    }

    fn typed(&self, name: &str) -> String {
        self.browser.property(&self.input(name), "value")
    }

    /// Opens the new-record form as a TXT record and types `name` and `value`.
    fn fill_new_txt(&self, name: &str, value: &str) {
        self.browser.click(&self.browser.wait_for_text("button", "Add record"));
        self.browser
            .click(&self.browser.wait_for("select[name='record_type'] option[value='TXT']"));
        self.browser.type_text(&self.input("name"), name);
        self.browser.type_text(&self.input("value"), value);
    }

    fn save_record(&self) {
        self.browser.click(&self.browser.wait_for_text(".record-form button", "Save record"));
    }

    /// The records of zone `domain` as the server has them.
    fn stored_records(&self, domain: &str) -> Vec<Value> {
        let uuid = self.server.zone_uuid(&self.token, domain);
        let response =
            self.server.call("GET", &format!("/dns-zones/{uuid}/"), Some(&self.token), None);
        response.assert_status(200);
        response.json()["records"].as_array().cloned().unwrap_or_default()
    }

    /// The outcomes of the requests so far with `method` whose path starts with `path`.
    fn outcomes(&self, method: &str, path: &str) -> Vec<Outcome> {
        self.proxy.requests_to(method, path).into_iter().map(|e| e.outcome).collect()
    }
}

// ---------------------------------------------------------------------------------------
// A read that takes too long
// ---------------------------------------------------------------------------------------

/// The zone list's request is never answered: after the page's timeout it says the server
/// did not answer, shows no list as if empty, and trying again once the server answers shows
/// the zones.
#[test]
fn a_zone_list_that_times_out_offers_a_retry() {
    let scene = Scene::start();
    scene.server.create_zone(&scene.token, "patient.example");
    scene.sign_in();
    scene.proxy.clear_requests();
    scene.proxy.rule(Rule::on("GET", ZONES).exact().never_answer());

    scene.browser.goto(&scene.url("/zones"));
    scene.browser.wait_for_text("[role='alert']", TIMEOUT_WORDS);
    assert!(scene.browser.try_find("table.zones td.domain").is_none(), "no list was shown");
    assert!(scene.browser.try_find(".empty").is_none(), "no empty list");
    let text = scene.browser.execute("return document.body.innerText", json!([]));
    assert!(!text.as_str().unwrap_or_default().contains(MAYBE_MADE), "a read changes nothing");

    // The browser gave up on the request: it closed the connection without the answer.
    scene.browser.wait_until("the browser to give up on the request", || {
        (scene.outcomes("GET", ZONES) == [Outcome::Held(200)]).then_some(())
    });

    scene.browser.click(&scene.browser.wait_for_text("[role='alert'] button", "Try again"));
    scene.browser.wait_for_text("table.zones a", "patient.example");
    assert_eq!(scene.outcomes("GET", ZONES), [Outcome::Held(200), Outcome::Forwarded(200)]);
}

// ---------------------------------------------------------------------------------------
// A write that takes too long
// ---------------------------------------------------------------------------------------

/// A new record's save reaches the server, which stores it, but its answer never comes: the
/// form says the change may or may not have been made, keeps what was typed, sends no second
/// request by itself, and offers to check; the check finds the record and closes the form.
#[test]
fn a_save_that_times_out_but_was_made_is_found_by_the_check() {
    let scene = Scene::start();
    let uuid = scene.open_new_zone("made.example", &[]);
    let records = Scene::records_path(&uuid);
    scene.proxy.rule(Rule::on("POST", &records).never_answer());
    scene.fill_new_txt("note", "sent once");
    scene.save_record();

    scene.browser.wait_for_text(".record-form [role='alert']", MAYBE_MADE);
    assert_eq!(scene.typed("name"), "note");
    assert_eq!(scene.typed("value"), "sent once");
    scene.browser.wait_for_text(".record-form button", "Try again");
    let save = scene.browser.wait_for(".record-form button[type='submit']");
    assert_eq!(scene.browser.property(&save, "disabled"), "false", "saving again is possible");

    // Nothing more is sent by itself, though the server made the record.
    std::thread::sleep(Duration::from_millis(u64::from(TIMEOUT_MS) + 1000));
    assert_eq!(scene.outcomes("POST", &records), [Outcome::Held(201)]);
    assert_eq!(scene.stored_records("made.example").len(), 1);

    scene.browser.click(&scene.browser.wait_for_text(".record-form button", "Check whether"));
    scene.browser.wait_for_absence(".record-form");
    scene.browser.wait_for_text("tr[data-record] td.value", "sent once");
    assert_eq!(scene.outcomes("POST", &records).len(), 1, "the check sends no save");
    assert_eq!(scene.stored_records("made.example").len(), 1, "one record, not two");
}

/// A new record's save never reaches the server and is not answered: the check finds no such
/// record and says it was not saved; the form stays as typed, and saving again stores it once.
#[test]
fn a_save_that_times_out_and_was_not_made_can_be_saved_again() {
    let scene = Scene::start();
    let uuid = scene.open_new_zone("lost.example", &[]);
    let records = Scene::records_path(&uuid);
    scene.proxy.rule(Rule::on("POST", &records).swallow());
    scene.fill_new_txt("note", "second try");
    scene.save_record();

    scene.browser.wait_for_text(".record-form [role='alert']", MAYBE_MADE);
    scene.browser.click(&scene.browser.wait_for_text(".record-form button", "Check whether"));
    scene.browser.wait_for_text(".record-form .save-note", "was not saved");
    assert_eq!(scene.typed("name"), "note");
    assert_eq!(scene.typed("value"), "second try");
    assert!(scene.stored_records("lost.example").is_empty());

    scene.save_record();
    scene.browser.wait_for_absence(".record-form");
    scene.browser.wait_for_text("tr[data-record] td.value", "second try");
    assert_eq!(scene.outcomes("POST", &records), [Outcome::Held(0), Outcome::Forwarded(201)]);
    assert_eq!(scene.stored_records("lost.example").len(), 1);
}

/// An edit whose PATCH the server makes but never answers: the same message, and the check
/// reads the record again, finds the new value and closes the form.
#[test]
fn an_edit_that_times_out_but_was_made_is_found_by_the_check() {
    let scene = Scene::start();
    let body = json!({ "record_type": "A", "name": "www", "value": "192.0.2.10" });
    scene.open_new_zone("edit.example", &[body]);
    let record = &scene.stored_records("edit.example")[0];
    let record_path = format!("/api/v1/dns-records/{}/", record["uuid"].as_str().expect("uuid"));
    scene.proxy.rule(Rule::on("PATCH", &record_path).never_answer());

    scene.browser.click(&scene.browser.wait_for_text("tr[data-record] button", "Edit"));
    scene.browser.replace_text(&scene.input("value"), "192.0.2.20");
    scene.save_record();
    scene.browser.wait_for_text(".record-form [role='alert']", MAYBE_MADE);
    assert_eq!(scene.typed("value"), "192.0.2.20");

    scene.browser.click(&scene.browser.wait_for_text(".record-form button", "Check whether"));
    scene.browser.wait_for_absence(".record-form");
    scene.browser.wait_for_text("tr[data-record] td.value", "192.0.2.20");
    assert_eq!(scene.outcomes("PATCH", &record_path), [Outcome::Held(200)]);
}

/// A zone create that the server makes but never answers: the domain stays typed, the page
/// says it may or may not have been made, and the check finds the zone and opens it.
#[test]
fn a_zone_create_that_times_out_is_found_by_the_check() {
    let scene = Scene::start();
    scene.sign_in();
    scene.proxy.rule(Rule::on("POST", ZONES).exact().never_answer());
    let domain = scene.browser.wait_for("#new-zone-domain");
    scene.browser.type_text(&domain, "slow-zone.example");
    scene.browser.click(&scene.browser.wait_for_text("button", "Create zone"));

    scene.browser.wait_for_text(".create-zone [role='alert']", MAYBE_MADE);
    assert_eq!(scene.browser.property(&domain, "value"), "slow-zone.example");
    scene.browser.click(&scene.browser.wait_for_text(".create-zone button", "Check whether"));
    scene.browser.wait_for_text("h1", "slow-zone.example");
    assert_eq!(scene.outcomes("POST", ZONES), [Outcome::Held(201)]);
}

// ---------------------------------------------------------------------------------------
// No double submit
// ---------------------------------------------------------------------------------------

/// Clicks `element` twice in one go, before the page can redraw in between: the second click
/// meets the same button, not yet disabled, so only the page's own guard stops it.
fn double_click(browser: &Browser, element: &Element) {
    browser.execute("arguments[0].click(); arguments[0].click();", json!([element.as_arg()]));
}

/// A record's delete confirmed twice at once sends one DELETE, and its button waits while
/// the delete runs.
#[test]
fn a_delete_confirmed_twice_is_sent_once() {
    let scene = Scene::start();
    let body = json!({ "record_type": "A", "name": "www", "value": "192.0.2.7" });
    scene.open_new_zone("twice.example", &[body]);
    scene
        .proxy
        .rule(Rule::on("DELETE", "/api/v1/dns-records/").hold_answer(Duration::from_secs(1)));

    scene.browser.click(&scene.browser.wait_for_text("tr[data-record] button", "Delete"));
    let confirm = scene.browser.wait_for_text(".confirm button", "Delete record");
    double_click(&scene.browser, &confirm);
    scene.browser.wait_until("the confirm button to wait", || {
        (scene.browser.try_text(&confirm).is_none()
            || scene.browser.property(&confirm, "disabled") == "true")
            .then_some(())
    });
    scene.browser.wait_for_absence("tr[data-record]");
    assert_eq!(scene.outcomes("DELETE", "/api/v1/dns-records/"), [Outcome::Forwarded(204)]);
}

/// A zone create submitted twice at once sends one POST.
#[test]
fn a_zone_create_submitted_twice_is_sent_once() {
    let scene = Scene::start();
    scene.sign_in();
    scene.proxy.rule(Rule::on("POST", ZONES).exact().hold_answer(Duration::from_secs(1)));
    scene.browser.type_text(&scene.browser.wait_for("#new-zone-domain"), "once.example");
    scene.browser.execute(
        "const form = document.querySelector('.create-zone'); \
         form.requestSubmit(); form.requestSubmit();",
        json!([]),
    );
    scene.browser.wait_for_text("h1", "once.example");
    assert_eq!(scene.outcomes("POST", ZONES), [Outcome::Forwarded(201)]);
}

/// A new record's form submitted twice at once sends one POST.
#[test]
fn a_record_form_submitted_twice_is_sent_once() {
    let scene = Scene::start();
    let uuid = scene.open_new_zone("form.example", &[]);
    let records = Scene::records_path(&uuid);
    scene.proxy.rule(Rule::on("POST", &records).hold_answer(Duration::from_secs(1)));
    scene.fill_new_txt("note", "one of it");
    scene.browser.execute(
        "const form = document.querySelector('.record-form'); \
         form.requestSubmit(); form.requestSubmit();",
        json!([]),
    );
    scene.browser.wait_for_absence(".record-form");
    assert_eq!(scene.outcomes("POST", &records), [Outcome::Forwarded(201)]);
    assert_eq!(scene.stored_records("form.example").len(), 1);
}

/// The token form submitted twice at once checks the token once.
#[test]
fn a_token_submitted_twice_is_checked_once() {
    let scene = Scene::start();
    scene.proxy.rule(Rule::on("GET", ZONES).exact().hold_answer(Duration::from_secs(1)));
    scene.browser.goto(&scene.url("/settings/token"));
    scene.browser.type_text(&scene.browser.wait_for("#token-input"), &scene.token);
    scene.browser.execute(
        "const form = document.querySelector('#token-input').form; \
         form.requestSubmit(); form.requestSubmit();",
        json!([]),
    );
    scene.browser.wait_for("#new-zone-domain");
    let checks: Vec<_> = scene
        .proxy
        .requests_to("GET", ZONES)
        .into_iter()
        .filter(|e| e.target.contains("page_size=1"))
        .collect();
    assert_eq!(checks.len(), 1, "{checks:#?}");
}
