//! The dashboard inside other people's pages, in Chromium against the real server: the
//! example admin panel (the whole dashboard in a side panel) and developers page (only the
//! token settings) that the server serves in demo mode, two dashboards on one page, a route
//! base in the host's address, and an unmount that leaves the host page as it was.

use e2e::TestServer;
use e2e::webdriver::Browser;
use e2e::workspace_dir;
use serde_json::{Value, json};

/// A server with the example host pages at `/demo/`.
fn demo_server() -> TestServer {
    let pages = workspace_dir().join("demo");
    TestServer::start_with(&["--demo-pages", pages.to_str().expect("a UTF-8 path")])
}

/// Loads the dashboard's module in the page and mounts with `call` (a JavaScript
/// expression using `mod`, e.g. `mod.mountDashboard(el, {...})`), keeping the handle as
/// `window[name]`.
fn mount(browser: &Browser, name: &str, call: &str) {
    let script = format!(
        "const done = arguments[arguments.length - 1]; \
         import('/dns-dashboard.js').then(async (mod) => {{ \
           await mod.default(); \
           window['{name}'] = {call}; \
           done(null); \
         }}).catch((error) => done(String(error)));"
    );
    let failure = browser.execute_async(&script, json!([]));
    assert_eq!(failure, Value::Null, "mounting failed");
}

/// Appends a `<div id=…>` to the host page's body.
fn host_element(browser: &Browser, id: &str) {
    let script = "const div = document.createElement('div'); div.id = arguments[0]; \
                  document.body.append(div);";
    browser.execute(script, json!([id]));
}

fn computed(browser: &Browser, css: &str, property: &str) -> String {
    let script = "return getComputedStyle(document.querySelector(arguments[0]))\
                  .getPropertyValue(arguments[1]);";
    browser.execute(script, json!([css, property])).as_str().unwrap_or_default().to_owned()
}

fn page_address(browser: &Browser) -> String {
    let script = "return location.pathname + location.search";
    browser.execute(script, json!([])).as_str().unwrap_or_default().to_owned()
}

/// How many listeners the window has, as Chromium's DevTools count them.
fn window_listeners(browser: &Browser) -> usize {
    let window = browser.devtools("Runtime.evaluate", json!({ "expression": "window" }));
    let object = window["result"]["objectId"].as_str().expect("the window's object id");
    let found = browser.devtools("DOMDebugger.getEventListeners", json!({ "objectId": object }));
    found["listeners"].as_array().map_or(0, Vec::len)
}

#[test]
fn the_admin_panel_mounts_the_dashboard_in_a_side_panel_and_takes_it_out_again() {
    let server = demo_server();
    let token = server.token("ada", "dns:*");
    server.create_zone(&token, "panel.example");
    let browser = Browser::start();
    browser.goto(&format!("{}/demo/admin-panel.html", server.base_url()));
    browser.wait_for("#open-dns");
    let listeners_before = window_listeners(&browser);
    browser.execute("document.getElementById('dns-dashboard').lang = 'de'", json!([]));

    // Opened without a token: the dashboard asks for one, inside the panel.
    browser.click(&browser.wait_for("#open-dns"));
    let input = browser.wait_for("#dns-dashboard.dns-dashboard input[id^='token-input-']");
    browser.type_text(&input, &token);
    browser.click(&browser.wait_for("#dns-dashboard form button[type='submit']"));
    browser.click(&browser.wait_for_text("#dns-dashboard table.zones td.domain a", "panel"));
    browser.wait_for_text("#dns-dashboard h1", "panel.example");

    // The dashboard's pages live in memory: the admin panel keeps its address.
    assert_eq!(page_address(&browser), "/demo/admin-panel.html");

    // The host's rules for plain elements stay out of the dashboard, and its rules out of
    // the host's page.
    let host_heading = computed(&browser, ".host-header h1", "color");
    assert_eq!(host_heading, "rgb(122, 31, 92)");
    assert_ne!(computed(&browser, "#dns-dashboard h1", "color"), host_heading);
    assert_eq!(computed(&browser, "#dns-dashboard button", "text-transform"), "none");
    assert_eq!(computed(&browser, "#close-dns", "text-transform"), "uppercase");
    assert_eq!(computed(&browser, ".host-main td", "padding-left"), "20px");
    assert_eq!(computed(&browser, "#dns-dashboard h1", "letter-spacing"), "normal");
    assert_eq!(computed(&browser, "#dns-dashboard h1", "font-style"), "normal");

    // Its ids are its own: the host's page could have the same names.
    let token_ids = "return document.querySelectorAll('[id=\"token-input\"]').length";
    assert_eq!(browser.execute(token_ids, json!([])), 0);

    // Closed: nothing of the dashboard is left in the page.
    browser.click(&browser.wait_for("#close-dns"));
    browser.wait_for_absence("#dns-dashboard *");
    assert_eq!(
        browser.execute("return document.querySelector('#dns-dashboard').className", json!([])),
        ""
    );
    assert!(browser.try_find("#dns-dashboard-style").is_none(), "the style sheet is gone");
    let lang = browser.execute("return document.getElementById('dns-dashboard').lang", json!([]));
    assert_eq!(lang, "de", "the host's own language comes back");
    assert_eq!(window_listeners(&browser), listeners_before, "no listener is left behind");

    // Opened again, it comes back with the token kept for this tab.
    browser.click(&browser.wait_for("#open-dns"));
    browser.wait_for_text("#dns-dashboard table.zones td.domain", "panel.example");
}

#[test]
fn two_dashboards_on_one_page_keep_to_themselves() {
    let server = demo_server();
    let token = server.token("bo", "dns:*");
    let zone = server.create_zone(&token, "first.example");
    server.create_zone(&token, "second.example");
    let uuid = zone["uuid"].as_str().expect("a zone uuid").to_owned();
    let browser = Browser::start();
    browser.goto(&format!("{}/demo/admin-panel.html", server.base_url()));
    host_element(&browser, "one");
    host_element(&browser, "two");

    let one = format!(
        "mod.mountDashboard(document.getElementById('one'), \
         {{ token: '{token}', language: 'sq' }})"
    );
    let two = format!(
        "mod.mountDashboard(document.getElementById('two'), \
         {{ token: '{token}', language: 'en' }})"
    );
    mount(&browser, "one", &one);
    mount(&browser, "two", &two);

    // Each in its own language, with the host's token and no token page to go to.
    browser.wait_for_text("#one .count", "zona");
    browser.wait_for_text("#two .count", "2 zones");
    assert_eq!(browser.execute("return document.getElementById('one').lang", json!([])), "sq");
    assert_eq!(browser.execute("return document.documentElement.lang", json!([])), "en");
    assert!(browser.try_find("#two a[href='/settings/token']").is_none());

    // Each label points at its own dashboard's input.
    let own_label = "const label = document.querySelector('#two label[for^=\"zone-search\"]'); \
                     return document.getElementById(label.htmlFor).closest('#two') !== null;";
    assert_eq!(browser.execute(own_label, json!([])), true);

    // A page opened in one leaves the other where it was.
    browser.click(&browser.wait_for(&format!("#one a[href='/zones/{uuid}']")));
    browser.wait_for_text("#one h1", "first.example");
    assert!(browser.try_find("#two .zone-detail").is_none());
    browser.wait_for("#two table.zones");

    // A theme chosen in one marks that one only, never the host's page.
    browser.click(&browser.wait_for("#two .header-switches option[value='dark']"));
    browser.wait_for("#two[data-theme='dark']");
    assert!(browser.try_find("#one[data-theme='dark']").is_none());
    assert!(browser.try_find("html[data-theme]").is_none());

    // `/` typed in one focuses that one's search.
    browser.execute("document.querySelector('#two table.zones a').focus()", json!([]));
    browser.press_keys("/");
    let focused =
        browser.execute("return document.activeElement.closest('#two') !== null", json!([]));
    assert_eq!(focused, true, "the search of the dashboard typed in has focus");

    // One taken out, the other goes on.
    browser.execute("window.one.unmount()", json!([]));
    browser.wait_for_absence("#one *");
    browser.click(&browser.wait_for(&format!("#two a[href='/zones/{uuid}']")));
    browser.wait_for_text("#two h1", "first.example");
    assert!(browser.try_find("#dns-dashboard-style").is_some(), "the other still needs it");
}

#[test]
fn a_route_base_keeps_the_dashboards_pages_in_the_hosts_address() {
    let server = demo_server();
    let token = server.token("cy", "dns:*");
    let zone = server.create_zone(&token, "routed.example");
    let uuid = zone["uuid"].as_str().expect("a zone uuid").to_owned();
    let browser = Browser::start();
    browser.goto(&format!("{}/demo/admin-panel.html", server.base_url()));
    host_element(&browser, "routed");

    let call = format!(
        "mod.mountDashboard(document.getElementById('routed'), \
         {{ token: '{token}', routeBase: '/demo/admin-panel.html' }})"
    );
    mount(&browser, "routed", &call);
    browser.wait_for_text("#routed table.zones td.domain", "routed.example");
    assert_eq!(page_address(&browser), "/demo/admin-panel.html/zones");

    browser.click(&browser.wait_for("#routed table.zones td.domain a"));
    browser.wait_for_text("#routed h1", "routed.example");
    assert_eq!(page_address(&browser), format!("/demo/admin-panel.html/zones/{uuid}"));

    // The host's back button goes back inside the dashboard.
    browser.execute("history.back()", json!([]));
    browser.wait_for("#routed table.zones");
    assert_eq!(page_address(&browser), "/demo/admin-panel.html/zones");
}

#[test]
fn the_developers_page_embeds_only_the_token_settings() {
    let server = demo_server();
    let token = server.token("di", "dns:list");
    let browser = Browser::start();
    browser.goto(&format!("{}/demo/developers.html", server.base_url()));

    let input = browser.wait_for("#token-settings input[id^='token-input-']");
    assert!(browser.try_find("#token-settings .app-header").is_none(), "no dashboard header");
    browser.type_text(&input, &token);
    browser.click(&browser.wait_for("#token-settings form button[type='submit']"));
    browser.wait_for("#token-settings .token-mask");

    // Kept for this tab only, and never in the address.
    let kept = browser
        .execute("return Object.values(sessionStorage).includes(arguments[0])", json!([token]));
    assert_eq!(kept, true, "the token is kept in sessionStorage");
    let on_device = browser
        .execute("return Object.values(localStorage).includes(arguments[0])", json!([token]));
    assert_eq!(on_device, false);
    assert!(!page_address(&browser).contains(&token));
    assert!(browser.text(&browser.wait_for(".host-main table")).contains("deploy bot"));

    browser.execute("window.tokenSettings.unmount()", json!([]));
    browser.wait_for_absence("#token-settings *");
}

#[test]
fn a_refused_host_token_is_said_and_no_token_form_is_offered() {
    let server = demo_server();
    let browser = Browser::start();
    browser.goto(&format!("{}/demo/admin-panel.html", server.base_url()));
    host_element(&browser, "refused");
    mount(
        &browser,
        "refused",
        "mod.mountDashboard(document.getElementById('refused'), { token: 'vps_not_a_token' })",
    );
    browser.wait_for_text("#refused [role='alert']", "refused the token this page gave");
    assert!(browser.try_find("#refused input[id^='token-input']").is_none());
}

#[test]
fn bad_options_are_refused_with_a_reason() {
    let server = demo_server();
    let browser = Browser::start();
    browser.goto(&format!("{}/demo/admin-panel.html", server.base_url()));
    host_element(&browser, "bad");
    let script = "const done = arguments[arguments.length - 1]; \
         import('/dns-dashboard.js').then(async (mod) => { \
           await mod.default(); \
           try { mod.mountDashboard(document.getElementById('bad'), { language: 'fr' }); \
                 done('mounted'); } \
           catch (error) { done(String(error.message || error)); } \
         });";
    let answer = browser.execute_async(script, json!([]));
    assert!(answer.as_str().unwrap_or_default().contains("language"), "{answer}");
    assert_eq!(browser.execute("return document.getElementById('bad').innerHTML", json!([])), "");

    for (options, word) in [
        ("{ apiBase: 'api/v1' }", "apiBase"),
        ("{ routeBase: '/' }", "routeBase"),
        ("{ token: 'vps_two\\nlines' }", "token"),
    ] {
        let script = format!(
            "const done = arguments[arguments.length - 1]; \
             import('/dns-dashboard.js').then((mod) => {{ \
               try {{ mod.mountDashboard(document.getElementById('bad'), {options}); \
                     done('mounted'); }} \
               catch (error) {{ done(String(error.message || error)); }} \
             }});"
        );
        let answer = browser.execute_async(&script, json!([]));
        assert!(answer.as_str().unwrap_or_default().contains(word), "{options}: {answer}");
    }

    // One element holds one dashboard.
    mount(&browser, "first", "mod.mountDashboard(document.getElementById('bad'), {})");
    let script = "const done = arguments[arguments.length - 1]; \
         import('/dns-dashboard.js').then((mod) => { \
           try { mod.mountDashboard(document.getElementById('bad'), {}); done('mounted'); } \
           catch (error) { done(String(error.message || error)); } \
         });";
    let answer = browser.execute_async(script, json!([]));
    assert!(answer.as_str().unwrap_or_default().contains("already"), "{answer}");
}

/// A host that drops its handle (or whose handle is collected) keeps the dashboard.
#[test]
fn a_dropped_handle_keeps_the_dashboard() {
    let server = demo_server();
    let token = server.token("fay", "dns:*");
    server.create_zone(&token, "kept.example");
    let browser = Browser::start();
    browser.goto(&format!("{}/demo/admin-panel.html", server.base_url()));
    host_element(&browser, "kept");
    let call = format!(
        "(mod.mountDashboard(document.getElementById('kept'), {{ token: '{token}' }}), null)"
    );
    mount(&browser, "dropped", &call);
    browser.wait_for_text("#kept table.zones td.domain", "kept.example");

    browser.devtools("HeapProfiler.collectGarbage", json!({}));
    std::thread::sleep(std::time::Duration::from_millis(500));
    browser.devtools("HeapProfiler.collectGarbage", json!({}));
    browser.click(&browser.wait_for("#kept table.zones td.domain a"));
    browser.wait_for_text("#kept h1", "kept.example");
}

/// A host page of one origin, with the API of another: it works when the API's server
/// allows the host's origin, and says the API could not be reached when it does not.
#[test]
fn a_host_on_another_origin_works_when_allowed_and_fails_cleanly_when_not() {
    let host = demo_server();
    let allowed = TestServer::start_with(&["--cors-origin", host.base_url()]);
    let refused = TestServer::start();
    let browser = Browser::start();
    browser.goto(&format!("{}/demo/admin-panel.html", host.base_url()));

    for (api, id) in [(&allowed, "allowed"), (&refused, "refused")] {
        let token = api.token("eve", "dns:*");
        api.create_zone(&token, &format!("{id}.example"));
        host_element(&browser, id);
        let call = format!(
            "mod.mountDashboard(document.getElementById('{id}'), \
             {{ token: '{token}', apiBase: '{}/api/v1' }})",
            api.base_url()
        );
        mount(&browser, id, &call);
    }

    browser.wait_for_text("#allowed table.zones td.domain", "allowed.example");

    // A token given for the other origin's API is kept for that API only: a dashboard of the
    // host's own API does not find it.
    host_element(&browser, "settings");
    let other = allowed.token("eve", "dns:*");
    let call = format!(
        "mod.mountTokenSettings(document.getElementById('settings'), \
         {{ apiBase: '{}/api/v1' }})",
        allowed.base_url()
    );
    mount(&browser, "settings", &call);
    browser.type_text(&browser.wait_for("#settings input[id^='token-input']"), &other);
    browser.click(&browser.wait_for("#settings form button[type='submit']"));
    browser.wait_for("#settings .token-mask");
    host_element(&browser, "own");
    mount(&browser, "own", "mod.mountDashboard(document.getElementById('own'), {})");
    browser.wait_for("#own input[id^='token-input']");
    browser.wait_for_text("#refused [role='alert']", "could not be reached");
    assert!(browser.try_find("#refused table.zones td.domain").is_none(), "no zones shown");
    assert!(browser.try_find("#refused .empty").is_none(), "never an empty list");
}

/// A host may take the dashboard out while a request of it still runs; the answer then
/// finds nothing to update, and nothing breaks.
#[test]
fn unmounting_while_a_request_runs_leaves_no_error() {
    let server = demo_server();
    let token = server.token("gus", "dns:*");
    let browser = Browser::start();
    browser.record_page_errors();
    browser.goto(&format!("{}/demo/admin-panel.html", server.base_url()));
    host_element(&browser, "busy");
    let call =
        format!("mod.mountDashboard(document.getElementById('busy'), {{ token: '{token}' }})");
    mount(&browser, "busy", &call);

    let domain = browser.wait_for("#busy input[id^='new-zone-domain']");
    browser.type_text(&domain, "gone.example");
    browser.execute(
        "document.querySelector('#busy .create-zone button[type=submit], #busy form \
         button[type=submit]').click(); window.busy.unmount();",
        json!([]),
    );
    browser.wait_for_absence("#busy *");
    std::thread::sleep(std::time::Duration::from_millis(1000));
    assert_eq!(browser.page_errors(), Vec::<String>::new(), "the page reported errors");
}
