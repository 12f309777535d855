//! Benchmark, not a test: how long the record table takes to show a keystroke in its filter.
//!
//! For a zone of 2,000 and one of 10,000 records on a fresh test server, it opens the zone in
//! Chromium, types into the filter one key at a time and, in the page, measures from the
//! key's event time to the end of the next frame (a `requestAnimationFrame` callback, then a
//! task after it, so the frame's layout and paint are done). It prints min, median and max.
//!
//! Run with `scripts/bench-filter [SIZE...]` (which builds what it needs), or by hand with
//! `DNS_SERVER_BIN` and `DASHBOARD_DIST` set as for the end-to-end tests.

use std::time::Instant;

use e2e::TestServer;
use e2e::webdriver::Browser;
use serde_json::{Value, json};

const BACKSPACE: &str = "\u{E003}";

/// What is typed: each string key by key, then erased key by key, which redraws the rows
/// the filter had hidden (the slower direction).
const TYPED: [&str; 3] = ["host1", "mail", "192.0.2.7"];

/// Records in the page: each keydown's event time, and when the frame after it was done.
const PROBE: &str = "window.frameTimes = []; \
    document.addEventListener('keydown', (event) => { \
      const start = event.timeStamp; \
      requestAnimationFrame(() => setTimeout(() => { \
        window.frameTimes.push(performance.now() - start); \
      }, 0)); \
    }, true);";

/// Zone sizes from the command line (`bench-filter 2000`), else 2,000 and 10,000.
fn main() {
    let mut sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![2_000, 10_000];
    }
    for size in sizes {
        run(size);
    }
}

fn run(size: usize) {
    let server = TestServer::start();
    let token = server.token("bench", "dns:*");
    let domain = format!("bench{size}.example");
    let zone = server.create_zone(&token, &domain);
    let uuid = zone["uuid"].as_str().expect("a zone uuid").to_owned();

    let started = Instant::now();
    let path = format!("/dns-zones/{uuid}/records/");
    for n in 0..size {
        let body = record(n);
        server.call("POST", &path, Some(&token), Some(&body)).assert_status(201);
    }
    eprintln!("{size} records created in {:.1} s", started.elapsed().as_secs_f64());

    let browser = Browser::start();
    browser.goto(&format!("{}/", server.base_url()));
    browser.type_text(&browser.wait_for("#token-input"), &token);
    browser.click(&browser.wait_for("form button[type='submit']"));
    browser.wait_for("#new-zone-domain");

    let opened = Instant::now();
    browser.goto(&format!("{}/zones/{uuid}", server.base_url()));
    let count = format!("{} records", group(size));
    browser.wait_for_text(".count", &count);
    let load = opened.elapsed().as_millis();

    browser.execute(PROBE, json!([]));
    browser.execute(BARE_INPUT, json!([]));
    let (_, _, mut floor) = type_and_erase(&browser, &browser.wait_for("#bench-bare-input"));
    let filter = browser.wait_for("[data-shortcut='search']");
    browser.devtools("Performance.enable", json!({}));
    let before = metrics(&browser);
    let profile = std::env::var("BENCH_PROFILE").ok();
    if profile.is_some() {
        browser.devtools("Profiler.enable", json!({}));
        browser.devtools("Profiler.setSamplingInterval", json!({"interval": 100}));
        browser.devtools("Profiler.start", json!({}));
    }
    let (mut typing, mut erasing, mut all) = type_and_erase(&browser, &filter);
    let after = metrics(&browser);
    if let Some(path) = profile {
        let answer = browser.devtools("Profiler.stop", json!({}));
        std::fs::write(&path, answer["profile"].to_string()).expect("the profile written");
    }

    println!("zone of {size} records (page open to count shown: {load} ms)");
    report("  typing  ", &mut typing);
    report("  erasing ", &mut erasing);
    report("  all     ", &mut all);
    report("  floor: the same keys in a bare input outside the app\n          ", &mut floor);
    let per_key = |name: &str| {
        let spent = after.get(name).unwrap_or(&0.0) - before.get(name).unwrap_or(&0.0);
        spent * 1000.0 / all.len() as f64
    };
    println!(
        "  per keystroke in the page: script {:.1} ms, style {:.1} ms, layout {:.1} ms, \
         all tasks {:.1} ms",
        per_key("ScriptDuration"),
        per_key("RecalcStyleDuration"),
        per_key("LayoutDuration"),
        per_key("TaskDuration"),
    );
}

/// Chromium's running totals (seconds) of time spent on script, style, layout and tasks.
fn metrics(browser: &Browser) -> std::collections::HashMap<String, f64> {
    let answer = browser.devtools("Performance.getMetrics", json!({}));
    let metrics = answer["metrics"].as_array().cloned().unwrap_or_default();
    metrics
        .iter()
        .filter_map(|m| Some((m["name"].as_str()?.to_owned(), m["value"].as_f64()?)))
        .collect()
}

/// An input with no listener of the app, whose keystrokes show what the measurement itself
/// costs in this browser (WebDriver's key dispatch, the frame cadence of headless Chromium).
const BARE_INPUT: &str = "const input = document.createElement('input'); \
    input.id = 'bench-bare-input'; document.body.prepend(input);";

/// Types each of [`TYPED`] into `input` key by key and erases it; the frame times of typing,
/// of erasing, and of both.
fn type_and_erase(
    browser: &Browser,
    input: &e2e::webdriver::Element,
) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut typing = Vec::new();
    let mut erasing = Vec::new();
    for text in TYPED {
        for key in text.chars() {
            typing.push(keystroke(browser, input, &key.to_string()));
        }
        for _ in text.chars() {
            erasing.push(keystroke(browser, input, BACKSPACE));
        }
    }
    let all = typing.iter().chain(&erasing).copied().collect();
    (typing, erasing, all)
}

/// Sends one key to the filter and waits for the page to report its frame time.
fn keystroke(browser: &Browser, filter: &e2e::webdriver::Element, key: &str) -> f64 {
    let before = frames(browser).len();
    browser.type_text(filter, key);
    browser.wait_until("the frame after the key", || {
        let times = frames(browser);
        (times.len() > before).then(|| times[before])
    })
}

fn frames(browser: &Browser) -> Vec<f64> {
    let value = browser.execute("return window.frameTimes", json!([]));
    value.as_array().into_iter().flatten().filter_map(Value::as_f64).collect()
}

fn report(label: &str, times: &mut [f64]) {
    times.sort_by(f64::total_cmp);
    let (Some(min), Some(max)) = (times.first(), times.last()) else { return };
    let median = times[times.len() / 2];
    println!(
        "{label} {} keystrokes: min {min:.1} ms, median {median:.1} ms, max {max:.1} ms",
        times.len()
    );
}

/// A varied record: hosts under a few departments, mail, text and aliases; no two clash.
fn record(n: usize) -> Value {
    let department = n % 40;
    match n % 10 {
        0..=5 => json!({
            "record_type": "A",
            "name": format!("host{n}.dept{department}"),
            "value": format!("192.0.2.{}", n % 250 + 1),
            "ttl": 300 + n % 7 * 600,
        }),
        6 => json!({
            "record_type": "AAAA",
            "name": format!("host{n}.dept{department}"),
            "value": format!("2001:db8::{:x}", n),
        }),
        7 => json!({
            "record_type": "MX",
            "name": format!("dept{department}-{n}"),
            "value": format!("mail{}.bench.example", n % 5),
            "priority": 10 + n % 3 * 10,
        }),
        8 => json!({
            "record_type": "TXT",
            "name": format!("txt{n}"),
            "value": format!("v=spf1 include:mail{}.example ~all", n % 9),
        }),
        _ => json!({
            "record_type": "CNAME",
            "name": format!("alias{n}"),
            "value": format!("site{}.example.net", n % 13),
        }),
    }
}

/// `10000` as the English catalog writes it: `10,000`.
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
