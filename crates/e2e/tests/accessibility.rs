//! Every view of the dashboard, checked by axe-core in Chromium in the light and the dark
//! theme, at a desktop's width and at a 360 px phone's, and pictured for a reviewer.
//!
//! axe-core comes from npm, pinned in `.tools/package-lock.json` and installed by
//! `scripts/setup`; it is injected into the page as it is. Every serious or critical
//! violation fails the test, listed with its rule, the elements it found and axe's summary;
//! lesser ones are printed. At phone width the page must also be no wider than the screen.
//! A full-page PNG of each view goes to `target/screenshots/`, and the test prints the paths.

use std::fmt::Write as _;
use std::path::PathBuf;

use e2e::TestServer;
use e2e::webdriver::Browser;
use serde_json::{Value, json};

/// A phone's viewport in CSS pixels: the narrowest width the dashboard is laid out for.
const PHONE: (u32, u32) = (360, 780);

/// A zone file to import into `shop.example`: one line already there, new ones, and one the
/// reader cannot read, so that the preview shows each kind of verdict.
const ZONE_FILE: &str = "$ORIGIN shop.example.\n$TTL 3600\n\
                         www IN A 192.0.2.10\n\
                         api IN A 192.0.2.20\n\
                         @ IN MX 20 backup-mail.shop.example.\n\
                         @ IN TXT \"v=spf1 include:_spf.shop.example -all\"\n\
                         this line is not a record\n";

#[derive(Clone, Copy, Debug)]
enum View {
    Token,
    Zones,
    CreatingZone,
    ZoneDetail,
    RecordForm,
    ImportPanel,
    Confirmation,
}

impl View {
    const ALL: [View; 7] = [
        View::Token,
        View::Zones,
        View::CreatingZone,
        View::ZoneDetail,
        View::RecordForm,
        View::ImportPanel,
        View::Confirmation,
    ];

    fn name(self) -> &'static str {
        match self {
            View::Token => "token",
            View::Zones => "zones",
            View::CreatingZone => "zones-creating",
            View::ZoneDetail => "zone-detail",
            View::RecordForm => "record-form",
            View::ImportPanel => "import-panel",
            View::Confirmation => "confirm-delete",
        }
    }
}

/// A server with an account that has zones, one of them with records of several types.
struct Fixture {
    server: TestServer,
    token: String,
    shop_uuid: String,
}

impl Fixture {
    fn start() -> Fixture {
        let server = TestServer::start();
        let token = server.token("ada", "dns:*");
        let shop = server.create_zone(&token, "shop.example");
        server.create_zone(&token, "xn--bcher-kva.example");
        server.create_zone(&token, "a-rather-long-subdomain-name.of-an-organisation.example");

        let records = [
            json!({ "record_type": "A", "name": "www", "value": "192.0.2.10" }),
            json!({ "record_type": "AAAA", "name": "www", "value": "2001:db8::10" }),
            json!({ "record_type": "MX", "name": "@", "value": "mail.shop.example",
                    "priority": 10 }),
            json!({ "record_type": "TXT", "name": "@",
                    "value": "v=spf1 include:_spf.shop.example ip4:192.0.2.0/24 -all" }),
            json!({ "record_type": "CNAME", "name": "shop", "value": "www.shop.example" }),
        ];
        for record in &records {
            server.create_record(&token, "shop.example", record);
        }

        let shop_uuid = shop["uuid"].as_str().expect("a zone uuid").to_owned();
        Fixture { server, token, shop_uuid }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.server.base_url())
    }
}

/// Opens `view` afresh in `theme`, as a person would get there.
fn open(browser: &Browser, fixture: &Fixture, view: View, theme: &str) {
    // A page of the dashboard's origin first, so that its storage can be set.
    browser.goto(&fixture.url("/settings/token"));
    let signed_in = !matches!(view, View::Token);
    browser.execute(
        "localStorage.setItem('dns-dashboard.theme', arguments[0]); \
         localStorage.removeItem('dns-dashboard.token'); \
         if (arguments[1]) { sessionStorage.setItem('dns-dashboard.token', arguments[1]); } \
         else { sessionStorage.removeItem('dns-dashboard.token'); }",
        json!([theme, if signed_in { Value::from(fixture.token.as_str()) } else { Value::Null }]),
    );

    let zone_page = format!("/zones/{}", fixture.shop_uuid);
    match view {
        View::Token => {
            browser.goto(&fixture.url("/settings/token"));
            browser.wait_for("#token-input");
        }
        View::Zones => {
            browser.goto(&fixture.url("/zones"));
            browser.wait_for("table.zones tbody tr");
        }
        View::CreatingZone => {
            browser.goto(&fixture.url("/zones"));
            browser.wait_for("table.zones tbody tr");
            browser.type_text(&browser.wait_for("#new-zone-domain"), "not a domain!");
            browser.wait_until("the domain's message", || {
                let message = browser.text(&browser.wait_for("#new-zone-message"));
                (!message.trim().is_empty()).then_some(())
            });
            browser.click(&browser.wait_for(".start-file summary"));
            browser.wait_for("#new-zone-file");
        }
        View::ZoneDetail => {
            browser.goto(&fixture.url(&zone_page));
            browser.wait_for("tr[data-record]");
        }
        View::RecordForm => {
            browser.goto(&fixture.url(&zone_page));
            browser.wait_for("tr[data-record]");
            browser.click(&browser.wait_for(".toolbar .button-primary"));
            browser.wait_for(".record-form select");
        }
        View::ImportPanel => {
            browser.goto(&fixture.url(&zone_page));
            browser.wait_for("tr[data-record]");
            browser.click(&browser.wait_for(".toolbar button[aria-expanded]"));
            browser.type_text(&browser.wait_for("#import-text"), ZONE_FILE);
            browser.click(&browser.wait_for(".import .form-actions .button-primary"));
            browser.wait_for(".import-records tbody tr");
        }
        View::Confirmation => {
            browser.goto(&fixture.url(&zone_page));
            browser.click(&browser.wait_for_text("tr[data-record] button", "Delete"));
            browser.wait_for(".confirm button");
        }
    }
}

/// axe-core's script, from the npm packages `scripts/setup` installs.
fn axe_source() -> String {
    let path = e2e::workspace_dir().join(".tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!("{}: {error}; run scripts/setup test, which installs axe-core", path.display())
    })
}

/// Runs axe on the whole page and returns its violations.
fn run_axe(browser: &Browser, axe: &str) -> Vec<Value> {
    let loaded = browser.execute("return typeof window.axe === 'object';", json!([]));
    if loaded != true {
        browser.execute(axe, json!([]));
    }
    let answer = browser.execute_async(
        "const done = arguments[arguments.length - 1]; \
         axe.run(document, { resultTypes: ['violations'] }) \
           .then(results => done({ violations: results.violations })) \
           .catch(error => done({ error: String(error) }));",
        json!([]),
    );
    if let Some(error) = answer["error"].as_str() {
        panic!("axe failed to run: {error}");
    }
    answer["violations"].as_array().cloned().unwrap_or_default()
}

/// One line per element a violation found: its selector and axe's summary of what to fix.
fn describe(violation: &Value) -> String {
    let mut text = format!(
        "{} ({}): {}",
        violation["id"].as_str().unwrap_or("?"),
        violation["impact"].as_str().unwrap_or("?"),
        violation["help"].as_str().unwrap_or_default(),
    );
    for node in violation["nodes"].as_array().into_iter().flatten() {
        let summary = node["failureSummary"].as_str().unwrap_or_default().replace('\n', " ");
        let _ = write!(text, "\n      at {}: {summary}", node["target"]);
    }
    text
}

/// Where pictures go: `target/screenshots/`, or under `CARGO_TARGET_DIR`.
fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| e2e::workspace_dir().join("target"));
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).expect("the screenshot directory is made");
    dir
}

/// How much wider than the screen the page is, in CSS pixels, and the widest element.
fn overflow(browser: &Browser) -> Option<String> {
    let answer = browser.execute(
        "const root = document.documentElement; \
         const extra = root.scrollWidth - root.clientWidth; \
         if (extra <= 0) { return null; } \
         let widest = null; \
         for (const element of document.body.querySelectorAll('*')) { \
           const right = element.getBoundingClientRect().right; \
           if (right > root.clientWidth && (!widest || right > widest.right)) { \
             widest = { right, name: element.tagName.toLowerCase() + \
               (element.className ? '.' + String(element.className).split(' ').join('.') : '') }; \
           } \
         } \
         return extra + ' px too wide; widest: ' + (widest ? widest.name : '?');",
        json!([]),
    );
    answer.as_str().map(str::to_owned)
}

#[test]
fn every_view_passes_axe_in_both_themes_on_desktop_and_phone() {
    let fixture = Fixture::start();
    let browser = Browser::start();
    let axe = axe_source();
    let pictures = screenshot_dir();
    browser.emulate_color_scheme(Some("light"));

    // The harness first proves it sees faults: a button without a name, and pale text,
    // coloured through the style object, since the page's policy refuses style attributes.
    open(&browser, &fixture, View::Token, "light");
    browser.execute(
        "const main = document.querySelector('main'); \
         main.insertAdjacentHTML('beforeend', '<button class=\"canary\"></button><p>faint</p>'); \
         main.lastElementChild.style.color = '#bbb';",
        json!([]),
    );
    let found: Vec<Value> = run_axe(&browser, &axe).iter().map(|v| v["id"].clone()).collect();
    assert!(
        found.contains(&json!("button-name")) && found.contains(&json!("color-contrast")),
        "axe missed the planted faults; it found {found:?}"
    );

    let mut failures = Vec::new();
    let mut notes = Vec::new();
    for theme in ["light", "dark"] {
        for view in View::ALL {
            open(&browser, &fixture, view, theme);
            for (width, phone) in [("desktop", false), ("360px", true)] {
                if phone {
                    browser.emulate_phone(PHONE.0, PHONE.1);
                } else {
                    browser.desktop();
                }
                let place = format!("{} in {theme} theme at {width}", view.name());

                if phone && let Some(excess) = overflow(&browser) {
                    failures.push(format!("{place}: the page is {excess}"));
                }

                for violation in run_axe(&browser, &axe) {
                    let serious =
                        matches!(violation["impact"].as_str(), Some("serious" | "critical"));
                    let line = format!("{place}: {}", describe(&violation));
                    if serious { failures.push(line) } else { notes.push(line) }
                }

                let path = pictures.join(format!("{}-{theme}-{width}.png", view.name()));
                std::fs::write(&path, browser.full_page_screenshot()).expect("a picture is saved");
                println!("screenshot: {}", path.display());
            }
            browser.desktop();
        }
    }

    for note in &notes {
        println!("axe, minor or moderate: {note}");
    }
    assert!(
        failures.is_empty(),
        "{} problems (serious or critical axe findings, or a page wider than a phone):\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}
