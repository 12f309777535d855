//! The header's switches and the page's looks, in Chromium against the release build: the
//! language (strings, `<html lang>`, remembered over a reload), the theme (chosen, or the
//! system's, which Chromium is made to emulate), keyboard focus that can be seen, and a page
//! that does not jump when its data arrives.

use e2e::TestServer;
use e2e::webdriver::{Browser, keys};
use serde_json::{Value, json};

/// The text of `key` in the catalog of `language`, as the dashboard is built with it.
fn catalog_text(language: &str, key: &str) -> String {
    let path = e2e::workspace_dir().join(format!("src/i18n/catalogs/{language}/app.txt"));
    let catalog = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    catalog
        .lines()
        .filter_map(|line| line.split_once(" = "))
        .find(|(name, _)| name.trim() == key)
        .map(|(_, text)| text.trim().to_owned())
        .unwrap_or_else(|| panic!("no {key} in {}", path.display()))
}

/// Opens `path` of the dashboard with `token` saved for this tab.
fn open_signed_in(browser: &Browser, server: &TestServer, token: &str, path: &str) {
    browser.goto(&format!("{}/settings/token", server.base_url()));
    browser.execute("sessionStorage.setItem('dns-dashboard.token', arguments[0])", json!([token]));
    browser.goto(&format!("{}{path}", server.base_url()));
}

/// The text of the header's link to the zone list.
fn zones_link_text(browser: &Browser) -> String {
    browser.text(&browser.wait_for(".app-header nav a[href='/zones']"))
}

fn html_attribute(browser: &Browser, name: &str) -> Value {
    browser.execute("return document.documentElement.getAttribute(arguments[0]);", json!([name]))
}

/// The computed background colour of the page (its root element), as `rgb(…)`.
fn page_background(browser: &Browser) -> String {
    // The dashboard's root on its own page is `<html>`, which paints the page.
    let script = "return getComputedStyle(document.documentElement).backgroundColor;";
    browser.execute(script, json!([])).as_str().unwrap_or_default().to_owned()
}

/// Every `--color-…` property of the root, computed, name and value.
fn colour_tokens(browser: &Browser) -> Vec<(String, String)> {
    let script = "const style = getComputedStyle(document.documentElement); \
                  return Array.from(style) \
                    .filter(name => name.startsWith('--color-')) \
                    .sort() \
                    .map(name => [name, style.getPropertyValue(name).trim()]);";
    let answer = browser.execute(script, json!([]));
    answer
        .as_array()
        .into_iter()
        .flatten()
        .map(|pair| (pair[0].as_str().unwrap_or_default().into(), pair[1].to_string()))
        .collect()
}

/// Picks `value` in the header's select that offers it.
fn choose(browser: &Browser, value: &str) {
    browser.click(&browser.wait_for(&format!(".header-switches option[value='{value}']")));
}

#[test]
fn choosing_shqip_translates_the_page_sets_html_lang_and_survives_a_reload() {
    let server = TestServer::start();
    let token = server.token("arta", "dns:*");
    let browser = Browser::start();
    open_signed_in(&browser, &server, &token, "/zones");

    let english = catalog_text("en", "app.nav.zones");
    let albanian = catalog_text("sq", "app.nav.zones");
    assert_ne!(english, albanian, "the two catalogs differ for the test to mean anything");
    browser
        .wait_until("the English header", || (zones_link_text(&browser) == english).then_some(()));
    assert_eq!(html_attribute(&browser, "lang"), "en");

    choose(&browser, "sq");
    browser.wait_until("the Albanian header", || {
        (zones_link_text(&browser) == albanian).then_some(())
    });
    assert_eq!(html_attribute(&browser, "lang"), "sq");
    let title = browser.execute("return document.title;", json!([]));
    assert_eq!(title, catalog_text("sq", "app.title"));
    let dark_option = browser.wait_for(".header-switches option[value='dark']");
    assert_eq!(browser.text(&dark_option), catalog_text("sq", "app.theme.dark"));

    browser.reload();
    browser.wait_until("the Albanian header after a reload", || {
        (zones_link_text(&browser) == albanian).then_some(())
    });
    assert_eq!(html_attribute(&browser, "lang"), "sq");
    let chosen = browser.wait_for(".header-switches select:has(option[value='sq'])");
    assert_eq!(browser.property(&chosen, "value"), "sq", "the menu shows the remembered choice");

    choose(&browser, "en");
    browser.wait_until("English again", || (zones_link_text(&browser) == english).then_some(()));
    assert_eq!(html_attribute(&browser, "lang"), "en");
}

#[test]
fn the_theme_is_the_choice_or_else_the_systems_setting() {
    let server = TestServer::start();
    let browser = Browser::start();
    browser.emulate_color_scheme(Some("light"));
    browser.goto(&format!("{}/settings/token", server.base_url()));
    browser.wait_for("#token-input");

    // Nothing chosen: the system's light setting.
    assert_eq!(html_attribute(&browser, "data-theme"), Value::Null);
    let light = page_background(&browser);
    let light_tokens = colour_tokens(&browser);
    assert!(!light_tokens.is_empty(), "the style sheet defines --color- properties");

    // Dark, chosen in the header: another background, and remembered over a reload.
    choose(&browser, "dark");
    assert_eq!(html_attribute(&browser, "data-theme"), "dark");
    let dark = page_background(&browser);
    assert_ne!(dark, light, "the dark theme changes the page's background");
    let dark_tokens = colour_tokens(&browser);
    browser.reload();
    browser.wait_for("#token-input");
    assert_eq!(html_attribute(&browser, "data-theme"), "dark");
    assert_eq!(page_background(&browser), dark);

    // Light, chosen, wins over a dark system setting.
    browser.emulate_color_scheme(Some("dark"));
    choose(&browser, "light");
    assert_eq!(html_attribute(&browser, "data-theme"), "light");
    assert_eq!(page_background(&browser), light);

    // System follows the setting, with the very same colours as the chosen themes.
    choose(&browser, "system");
    assert_eq!(html_attribute(&browser, "data-theme"), Value::Null);
    assert_eq!(page_background(&browser), dark, "system, set to dark");
    assert_eq!(colour_tokens(&browser), dark_tokens, "system dark equals the chosen dark");
    browser.emulate_color_scheme(Some("light"));
    assert_eq!(page_background(&browser), light, "system, set to light");
    assert_eq!(colour_tokens(&browser), light_tokens);
}

#[test]
fn every_control_shows_a_ring_when_reached_with_the_keyboard() {
    let server = TestServer::start();
    let token = server.token("besa", "dns:*");
    server.create_zone(&token, "ring.example");
    let browser = Browser::start();

    for theme in ["light", "dark"] {
        open_signed_in(&browser, &server, &token, "/settings/token");
        browser
            .execute("localStorage.setItem('dns-dashboard.theme', arguments[0])", json!([theme]));
        browser.goto(&format!("{}/zones", server.base_url()));
        browser.wait_for("table.zones tbody tr");

        // Tab through the whole page, once round.
        let mut seen = Vec::new();
        for _ in 0..40 {
            browser.press_keys(keys::TAB);
            let focused = browser.execute(
                "const element = document.activeElement; \
                 if (!element || element === document.body) { return null; } \
                 const style = getComputedStyle(element); \
                 return { \
                   name: element.outerHTML.slice(0, 80), \
                   ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, \
                   colour: style.outlineColor, \
                 };",
                json!([]),
            );
            let Some(name) = focused["name"].as_str() else { break };
            if seen.iter().any(|s: &String| s == name) {
                break;
            }
            assert_eq!(focused["ring"], true, "no focus ring in {theme} theme on {name}");
            seen.push(name.to_owned());
        }
        assert!(seen.len() >= 6, "the keyboard reached only {seen:?}");
    }
}

#[test]
fn nothing_moves_when_the_zones_and_records_arrive() {
    let server = TestServer::start();
    let token = server.token("dren", "dns:*");
    let zone = server.create_zone(&token, "steady.example");
    for n in 0..30 {
        server.create_zone(&token, &format!("zone{n:02}.example"));
        let record =
            json!({ "record_type": "A", "name": format!("host{n}"), "value": "192.0.2.1" });
        server.create_record(&token, "steady.example", &record);
    }
    let browser = Browser::start();
    let zone_page = format!("/zones/{}", zone["uuid"].as_str().expect("a zone uuid"));

    for (width, phone) in [("desktop", false), ("360 px", true)] {
        if phone {
            browser.emulate_phone(360, 780);
        }
        for (path, filled) in [("/zones", "table.zones tbody tr"), (&*zone_page, "tr[data-record]")]
        {
            open_signed_in(&browser, &server, &token, path);
            browser.wait_for(filled);

            // Chromium's record of the layout shifts since the page loaded, with what moved.
            let shifts = browser.execute_async(
                "const done = arguments[arguments.length - 1]; \
                 const shifts = []; \
                 new PerformanceObserver(list => { \
                   for (const entry of list.getEntries()) { \
                     if (entry.hadRecentInput) { continue; } \
                     shifts.push({ score: entry.value, moved: entry.sources.map(source => \
                       source.node ? source.node.nodeName + '.' + (source.node.className || '') \
                                   : '?') }); \
                   } \
                 }).observe({ type: 'layout-shift', buffered: true }); \
                 setTimeout(() => done(shifts), 500);",
                json!([]),
            );
            assert_eq!(shifts, json!([]), "{path} jumped at {width} while loading: {shifts}");
        }
    }
}
