//! The record table of a zone, end to end: Chromium drives the release build served by the
//! real server. Filter and sort live in the URL, edits happen in place, many records go at
//! once and come back with an undo, and a zone paged by its provider is shown whole.

use e2e::TestServer;
use e2e::webdriver::keys::{ENTER, ESCAPE};
use e2e::webdriver::{Browser, Element};
use serde_json::{Value, json};

/// Opens the dashboard and saves `token` on the token page.
fn sign_in(browser: &Browser, server: &TestServer, token: &str) {
    browser.goto(&format!("{}/", server.base_url()));
    let input = browser.wait_for("#token-input");
    browser.type_text(&input, token);
    browser.click(&browser.wait_for("form button[type='submit']"));
    browser.wait_for("#new-zone-domain");
}

/// A zone `domain` with `records` (JSON bodies), signed in and opened in the browser.
fn zone_with(
    server: &TestServer,
    browser: &Browser,
    domain: &str,
    records: &[Value],
) -> (String, String) {
    let token = server.token("tess", "dns:*");
    let zone = server.create_zone(&token, domain);
    let uuid = zone["uuid"].as_str().expect("a zone uuid").to_owned();
    for record in records {
        server.create_record(&token, domain, record);
    }
    sign_in(browser, server, &token);
    browser.goto(&format!("{}/zones/{uuid}", server.base_url()));
    browser.wait_for_text("h1", domain);
    (token, uuid)
}

/// The zone's records as the API has them now.
fn api_records(server: &TestServer, token: &str, zone_uuid: &str) -> Vec<Value> {
    let response =
        server.call("GET", &format!("/dns-zones/{zone_uuid}/records/"), Some(token), None);
    response.assert_status(200);
    response.json().as_array().cloned().unwrap_or_default()
}

/// What a record is, without the fields the API gives it: type, name, value, ttl, priority.
fn essence(record: &Value) -> String {
    format!(
        "{} {} {} {} {}",
        record["record_type"], record["name"], record["value"], record["ttl"], record["priority"]
    )
}

/// The texts of every element matching `css`, read in one script so a re-render in between
/// cannot mix two states.
fn texts(browser: &Browser, css: &str) -> Vec<String> {
    let script = "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);";
    let found = browser.execute(script, json!([css]));
    found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

/// The owner names of the rows, in the table's order.
fn row_names(browser: &Browser) -> Vec<String> {
    texts(browser, "tr[data-record] .name-text")
}

/// Waits until the rows show exactly `names`, in that order.
fn wait_for_rows(browser: &Browser, names: &[&str]) {
    browser
        .wait_until(&format!("the rows {names:?}"), || (row_names(browser) == names).then_some(()));
}

fn page_url(browser: &Browser) -> String {
    browser.execute("return location.href", json!([])).as_str().unwrap_or_default().to_owned()
}

/// Waits until the page's address holds `part`: the table writes it once typing pauses.
fn wait_for_url(browser: &Browser, part: &str) {
    browser.wait_until(&format!("{part} in the URL"), || {
        page_url(browser).contains(part).then_some(())
    });
}

fn a(name: &str, address: &str, ttl: u32) -> Value {
    json!({ "record_type": "A", "name": name, "value": address, "ttl": ttl })
}

/// The uuid of the first row named `name`, waiting for it.
fn row_uuid(browser: &Browser, name: &str) -> String {
    let script = "const rows = [...document.querySelectorAll('tr[data-record]')]; \
                  const row = rows.find(r => \
                    r.querySelector('.name-text').textContent === arguments[0]); \
                  return row ? row.getAttribute('data-record') : null;";
    browser.wait_until(&format!("the row of {name}"), || {
        browser.execute(script, json!([name])).as_str().map(str::to_owned)
    })
}

/// The button of class `class` in the row named `name`.
fn row_button(browser: &Browser, name: &str, class: &str) -> Element {
    let uuid = row_uuid(browser, name);
    browser.wait_for(&format!("tr[data-record='{uuid}'] button.{class}"))
}

/// The selection box of the row named `name`.
fn checkbox_of(browser: &Browser, name: &str) -> Element {
    let uuid = row_uuid(browser, name);
    browser.wait_for(&format!("tr[data-record='{uuid}'] input.select-row"))
}

#[test]
fn the_filter_and_sort_live_in_the_url_and_survive_a_reload() {
    let server = TestServer::start();
    let browser = Browser::start();
    let records = [
        a("www", "192.0.2.1", 300),
        a("z.a", "192.0.2.2", 3600),
        a("mail", "192.0.2.3", 60),
        a("a", "192.0.2.4", 7200),
        a("b.a", "192.0.2.5", 1800),
        json!({ "record_type": "MX", "name": "@", "value": "mail.sort.example", "priority": 10 }),
    ];
    let (_, uuid) = zone_with(&server, &browser, "sort.example", &records);

    // DNS order: the apex first, and each name before the names below it, so `z.a` comes
    // right after `b.a` and before `mail`, where alphabetical order would put it last.
    wait_for_rows(&browser, &["@", "a", "b.a", "z.a", "mail", "www"]);
    browser.wait_for_text(".count", "6 records");

    // A type chip filters, and says so in the count and the URL.
    browser.click(&browser.wait_for(".chip[data-type='A']"));
    wait_for_rows(&browser, &["a", "b.a", "z.a", "mail", "www"]);
    browser.wait_for_text(".count", "5 of 6 records");
    wait_for_url(&browser, "type=A");

    // Typing filters on names and values; the URL is replaced, not pushed, per keystroke.
    let history_before = browser.execute("return history.length", json!([]));
    let filter = browser.wait_for("[data-shortcut='search']");
    browser.type_text(&filter, ".a");
    wait_for_rows(&browser, &["b.a", "z.a"]);
    browser.wait_for_text(".count", "2 of 6 records");
    wait_for_url(&browser, "q=.a");
    assert_eq!(browser.execute("return history.length", json!([])), history_before);

    // Sorting by TTL, then the other way round.
    browser.click(&browser.wait_for("button.sort[data-sort='ttl']"));
    wait_for_rows(&browser, &["b.a", "z.a"]);
    browser.click(&browser.wait_for("button.sort[data-sort='ttl']"));
    wait_for_url(&browser, "sort=-ttl");
    wait_for_rows(&browser, &["z.a", "b.a"]);
    let heading = browser.wait_for("th[aria-sort='descending'] button[data-sort='ttl']");
    assert!(browser.text(&heading).contains("TTL"));

    // A reload (or a shared link) shows the same view.
    let shared = page_url(&browser);
    assert!(shared.contains(&format!("/zones/{uuid}?")), "{shared}");
    browser.goto(&shared);
    browser.wait_for_text("h1", "sort.example");
    wait_for_rows(&browser, &["z.a", "b.a"]);
    browser.wait_for_text(".count", "2 of 6 records");
    let filter = browser.wait_for("[data-shortcut='search']");
    assert_eq!(browser.property(&filter, "value"), ".a");
    browser.wait_for(".chip[data-type='A'][aria-pressed='true']");

    // Sorting by value, and back to every record.
    browser.click(&browser.wait_for(".clear-filter"));
    browser.wait_for_text(".count", "6 records");
    browser.click(&browser.wait_for("button.sort[data-sort='value']"));
    wait_for_rows(&browser, &["www", "z.a", "mail", "a", "b.a", "@"]);
}

/// The address is written once typing pauses; leaving the page before then stays left.
#[test]
fn a_filter_typed_just_before_leaving_does_not_bring_the_page_back() {
    let server = TestServer::start();
    let browser = Browser::start();
    zone_with(&server, &browser, "leave.example", &[a("www", "192.0.2.1", 300)]);
    browser.wait_for("tr[data-record]");

    let filter = browser.wait_for("[data-shortcut='search']");
    browser.type_text(&filter, "ww");
    browser.click(&browser.wait_for(".breadcrumb a"));
    browser.wait_for("table.zones td.domain");
    std::thread::sleep(std::time::Duration::from_millis(800));
    let address = page_url(&browser);
    assert!(address.ends_with("/zones"), "the zone list stays: {address}");
    browser.wait_for("table.zones td.domain");

    // Back returns to the zone page, which shows all of it (the filter was never written).
    browser.execute("history.back()", json!([]));
    browser.wait_for_text("h1", "leave.example");
    wait_for_rows(&browser, &["www"]);
    assert!(!page_url(&browser).contains("q="), "{}", page_url(&browser));

    // A filter that was written comes back with the page.
    browser.type_text(&browser.wait_for("[data-shortcut='search']"), "zz");
    browser.wait_for_text("p.empty", "No record matches");
    wait_for_url(&browser, "q=zz");
    browser.click(&browser.wait_for(".breadcrumb a"));
    browser.wait_for("table.zones td.domain");
    browser.execute("history.back()", json!([]));
    browser.wait_for_text("h1", "leave.example");
    browser.wait_for_text("p.empty", "No record matches");
    assert_eq!(browser.property(&browser.wait_for("[data-shortcut='search']"), "value"), "zz");
}

#[test]
fn an_edit_in_place_saves_with_enter_and_cancels_with_escape() {
    let server = TestServer::start();
    let browser = Browser::start();
    let (token, zone_uuid) =
        zone_with(&server, &browser, "edit.example", &[a("www", "192.0.2.1", 3600)]);

    // Enter in an input of the row's form saves; only the row's record changes.
    browser.click(&row_button(&browser, "www", "edit-button"));
    let ttl = browser.wait_for("tr.edit-row [name='ttl']");
    assert_eq!(browser.property(&ttl, "value"), "3600", "the form holds what the row had");
    let value = browser.wait_for("tr.edit-row [name='value']");
    assert_eq!(browser.property(&value, "value"), "192.0.2.1");
    browser.replace_text(&ttl, "7200");
    browser.type_text(&ttl, ENTER);
    browser.wait_for_absence("tr.edit-row");
    browser.wait_for_text("tr[data-record] td.ttl", "7200");
    assert_eq!(api_records(&server, &token, &zone_uuid)[0]["ttl"], 7200);

    // Focus is back on the row's Edit button.
    let edit = row_button(&browser, "www", "edit-button");
    browser.wait_until("focus on the Edit button", || browser.is_focused(&edit).then_some(()));

    // Escape closes the form and nothing is sent.
    browser.click(&edit);
    let value = browser.wait_for("tr.edit-row [name='value']");
    browser.replace_text(&value, "192.0.2.99");
    browser.type_text(&value, ESCAPE);
    browser.wait_for_absence("tr.edit-row");
    browser.wait_for_text("tr[data-record] td.value", "192.0.2.1");
    assert_eq!(api_records(&server, &token, &zone_uuid)[0]["value"], "192.0.2.1");
    let edit = row_button(&browser, "www", "edit-button");
    browser.wait_until("focus back on Edit", || browser.is_focused(&edit).then_some(()));

    // A refusal lands at its input, in the row.
    browser.click(&edit);
    let name = browser.wait_for("tr.edit-row [name='name']");
    browser.replace_text(&name, "www.other.example.");
    browser.type_text(&name, ENTER);
    browser.wait_until("a message under the name input", || {
        let script = "const i = document.querySelector(\"tr.edit-row [name='name']\"); \
                      const m = i && document.getElementById(i.getAttribute('aria-describedby')); \
                      return m ? m.textContent : '';";
        let text = browser.execute(script, json!([]));
        text.as_str().filter(|t| !t.is_empty()).map(str::to_owned)
    });
    assert_eq!(api_records(&server, &token, &zone_uuid)[0]["name"], "www");
}

#[test]
fn many_records_go_at_once_after_a_confirmation_and_come_back_with_undo() {
    let server = TestServer::start();
    let browser = Browser::start();
    let mut records: Vec<Value> =
        (1..=6).map(|n| a(&format!("host{n}"), &format!("192.0.2.{n}"), 300 + n)).collect();
    records.push(json!({ "record_type": "TXT", "name": "host3", "value": "\"quoted\" text" }));
    records.push(
        json!({ "record_type": "MX", "name": "host4", "value": "mx.bulk.example", "priority": 20 }),
    );
    let (token, zone_uuid) = zone_with(&server, &browser, "bulk.example", &records);
    let before: Vec<String> =
        api_records(&server, &token, &zone_uuid).iter().map(essence).collect();
    wait_for_rows(
        &browser,
        &["host1", "host2", "host3", "host3", "host4", "host4", "host5", "host6"],
    );

    // A click on host2, a shift-click on host4: host2 to host4, five rows in table order.
    browser.click(&checkbox_of(&browser, "host2"));
    let script = "return [...document.querySelectorAll('tr[data-record]')]\
                  .filter(r => r.querySelector('.name-text').textContent === 'host4')\
                  .map(r => r.getAttribute('data-record'))";
    let host4 = browser.execute(script, json!([]));
    let last_host4 =
        host4.as_array().and_then(|l| l.last()).and_then(Value::as_str).expect("host4");
    browser.shift_click(
        &browser.wait_for(&format!("tr[data-record='{last_host4}'] input.select-row")),
    );
    browser.wait_for_text(".bulk-count", "5 records selected");
    assert_eq!(
        texts(&browser, "tr.selected .name-text"),
        ["host2", "host3", "host3", "host4", "host4"]
    );

    // The confirmation says how many and lists them; Escape leaves it and nothing goes.
    browser.click(&browser.wait_for_text(".bulk-bar button", "Delete selected"));
    let question = browser.wait_for(".bulk-confirm");
    assert!(browser.text(&question).contains("Delete these 5 records?"));
    let listed = texts(&browser, ".bulk-list li");
    assert_eq!(listed.len(), 5, "{listed:?}");
    assert!(listed.iter().any(|l| l.contains("TXT host3")), "{listed:?}");
    assert!(listed.iter().any(|l| l.contains("MX host4 mx.bulk.example")), "{listed:?}");
    browser.press_keys(ESCAPE);
    browser.wait_for_absence(".bulk-confirm");
    let opener = browser.wait_for_text(".bulk-bar button", "Delete selected");
    browser
        .wait_until("focus back on Delete selected", || browser.is_focused(&opener).then_some(()));

    browser.click(&opener);
    browser.click(&browser.wait_for_text(".bulk-confirm button.confirm", "Delete 5 records"));
    browser.wait_for_text(".bulk-done", "Deleted 5 records.");
    wait_for_rows(&browser, &["host1", "host5", "host6"]);
    assert_eq!(api_records(&server, &token, &zone_uuid).len(), 3, "the API has them gone");

    // Undo creates them again as they were.
    browser.click(&browser.wait_for_text(".bulk-result button.undo", "Undo"));
    browser.wait_for_text(".bulk-done", "Created 5 records again.");
    wait_for_rows(
        &browser,
        &["host1", "host2", "host3", "host3", "host4", "host4", "host5", "host6"],
    );
    let mut after: Vec<String> =
        api_records(&server, &token, &zone_uuid).iter().map(essence).collect();
    let mut before = before;
    before.sort();
    after.sort();
    assert_eq!(after, before, "the same records, field for field");
    e2e::check_zone_file(&server.zone_file_path("bulk.example"));

    // Select-all takes only what the filter shows.
    browser.type_text(&browser.wait_for("[data-shortcut='search']"), "host1");
    wait_for_rows(&browser, &["host1"]);
    browser.click(&browser.wait_for("input.select-all"));
    browser.wait_for_text(".bulk-count", "1 record selected");
}

#[test]
fn slash_focuses_the_filter_and_n_opens_a_new_record() {
    let server = TestServer::start();
    let browser = Browser::start();
    zone_with(&server, &browser, "keys.example", &[a("www", "192.0.2.1", 300)]);
    wait_for_rows(&browser, &["www"]);

    browser.execute("document.activeElement && document.activeElement.blur()", json!([]));
    browser.press_keys("/");
    let filter = browser.wait_for("[data-shortcut='search']");
    browser.wait_until("focus in the filter", || browser.is_focused(&filter).then_some(()));
    assert_eq!(browser.property(&filter, "value"), "", "the slash is not typed");

    // Typed into the filter, `n` is text.
    browser.press_keys("n");
    assert_eq!(browser.property(&filter, "value"), "n");
    assert!(browser.try_find(".new-record").is_none());
    browser.replace_text(&filter, "");

    browser.execute("document.activeElement.blur()", json!([]));
    browser.press_keys("n");
    let name = browser.wait_for(".new-record [name='name']");
    browser.wait_until("focus in the new form", || browser.is_focused(&name).then_some(()));

    // Escape closes it and focus returns to the button that opened it.
    browser.press_keys(ESCAPE);
    browser.wait_for_absence(".new-record");
    let add = browser.wait_for("[data-shortcut='new']");
    browser.wait_until("focus back on Add record", || browser.is_focused(&add).then_some(()));
}

#[test]
fn values_copy_long_values_show_in_full_and_the_name_servers_are_named() {
    let server = TestServer::start_with(&["--nameservers", "ns1.panel.test,ns2.panel.test"]);
    let browser = Browser::start();
    let key: String = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA".repeat(6);
    let dkim = format!("v=DKIM1; k=rsa; p={key}");
    let records = [json!({ "record_type": "TXT", "name": "mail._domainkey", "value": dkim })];
    zone_with(&server, &browser, "copy.example", &records);
    // Permissions belong to an origin: the page is on the server's now.
    browser.allow_clipboard();

    // Shortened, visibly, with a control that shows all of it.
    let shown = browser.wait_for("tr[data-record] .value-text");
    let short = browser.text(&shown);
    assert!(short.ends_with('…') && short.len() < dkim.len(), "{short}");
    let toggle = browser.wait_for("tr[data-record] button.show-all");
    assert!(browser.text(&toggle).contains(&format!("{} characters", dkim.len())));
    browser.click(&toggle);
    browser.wait_until("the whole value", || (browser.text(&shown) == dkim).then_some(()));
    assert_eq!(browser.property(&toggle, "ariaExpanded"), "true");

    // The copy button puts the name on the clipboard and says so.
    browser.click(&browser.wait_for("tr[data-record] td.name button.copy-button"));
    browser.wait_for_text(".copy-status", "Copied: mail._domainkey");
    let pasted = browser.execute("return navigator.clipboard.readText()", json!([]));
    assert_eq!(pasted, "mail._domainkey");
    browser.click(&browser.wait_for("tr[data-record] td.value button.copy-button"));
    browser.wait_for_text(".copy-status", "Copied: v=DKIM1");
    assert_eq!(browser.execute("return navigator.clipboard.readText()", json!([])), dkim.as_str());

    // The panel names the server's own name servers and says where to set them.
    let panel = browser.wait_for(".nameservers");
    assert_eq!(
        texts(&browser, ".nameservers code.nameserver"),
        ["ns1.panel.test", "ns2.panel.test"]
    );
    let text = browser.text(&panel);
    assert!(text.contains("registrar") && text.contains("copy.example"), "{text}");
}

/// Neighbour of case paged-records of shared/cases/client.md (which client_cases.rs drives
/// with 150): a provider that pages the record list and leaves the detail answer short, for
/// a zone larger than the table draws at once. The browser's `fetch` is wrapped so the real
/// server is asked for pages of 100, and the detail answer carries only the first 100.
#[test]
fn a_zone_paged_by_its_provider_is_shown_whole() {
    let server = TestServer::start();
    let browser = Browser::start();
    let token = server.token("paula", "dns:*");
    let zone = server.create_zone(&token, "paged.example");
    let uuid = zone["uuid"].as_str().expect("a zone uuid").to_owned();
    for n in 0..250 {
        server.create_record(&token, "paged.example", &a(&format!("h{n:03}"), "192.0.2.1", 300));
    }

    sign_in(&browser, &server, &token);
    let wrap = "window.pagedRequests = []; \
        const plain = window.fetch.bind(window); \
        window.fetch = async (input, init) => { \
          const url = new URL(typeof input === 'string' ? input : input.url, location.href); \
          if (url.pathname.endsWith('/records/') && !url.searchParams.has('page_size')) { \
            url.searchParams.set('page_size', '100'); \
            input = new Request(url, input); \
          } \
          if (url.pathname.includes('/records/')) window.pagedRequests.push(url.search); \
          const response = await plain(input, init); \
          if (/\\/dns-zones\\/[^/]+\\/$/.test(url.pathname) && response.ok) { \
            const zone = await response.json(); \
            zone.records = (zone.records || []).slice(0, 100); \
            return new Response(JSON.stringify(zone), \
              { status: 200, headers: { 'Content-Type': 'application/json' } }); \
          } \
          return response; \
        };";
    browser.execute(wrap, json!([]));
    browser.click(&browser.wait_for(&format!("a[href='/zones/{uuid}']")));

    browser.wait_for_text(".count", "250 records");

    // The table draws its first rows and says how many more there are; all are a click away.
    let more = browser.wait_for(".show-more");
    assert!(browser.text(&more).contains("of 250 matching records"), "{}", browser.text(&more));
    browser.wait_for_count("tr[data-record]", 200);
    browser.click(&browser.wait_for_text(".show-more button", "Show all"));
    browser.wait_for_absence(".show-more");
    browser.wait_for_count("tr[data-record]", 250);
    let requests = browser.execute("return window.pagedRequests", json!([]));
    assert!(requests.to_string().contains("page=2"), "the second page was read: {requests}");
    let names = row_names(&browser);
    assert_eq!(names.first().map(String::as_str), Some("h000"));
    assert_eq!(names.last().map(String::as_str), Some("h249"));
}
