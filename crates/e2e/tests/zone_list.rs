//! End to end: the zone list in Chromium against the real server: a search as you type by
//! either form of a name, sorting, the view kept in the address across a reload, the counts,
//! the error state, and every zone of an account whose list the server sends in pages
//! (`paged-zones` of shared/cases/client.md).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use e2e::TestServer;
use e2e::webdriver::Browser;
use serde_json::{Value, json};

/// Opens the dashboard at `base_url` and saves `token` on the token page.
fn sign_in(browser: &Browser, base_url: &str, token: &str) {
    browser.goto(&format!("{base_url}/"));
    let input = browser.wait_for("#token-input");
    browser.type_text(&input, token);
    browser.click(&browser.wait_for("form button[type='submit']"));
}

/// The domains of the rows the list shows, in order.
fn shown_domains(browser: &Browser) -> Vec<String> {
    let script = "return Array.from(document.querySelectorAll('table.zones tbody tr[data-zone]'))\
                  .map(row => row.dataset.zone);";
    match browser.execute(script, json!([])) {
        Value::Array(rows) => rows.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
        other => panic!("no list of rows: {other}"),
    }
}

/// Waits until the list shows exactly `expected`, in that order.
fn wait_for_rows(browser: &Browser, expected: &[&str]) {
    browser.wait_until(&format!("the rows {expected:?}"), || {
        (shown_domains(browser) == expected).then_some(())
    });
}

/// The page's address after the path: `?q=…&sort=…`, or empty.
fn address_query(browser: &Browser) -> String {
    browser.execute("return location.search", json!([])).as_str().unwrap_or_default().to_owned()
}

/// Waits until the address's query is `query`: the page writes it once typing pauses.
fn wait_for_address(browser: &Browser, query: &str) {
    browser.wait_until(&format!("the address query {query:?}"), || {
        (address_query(browser) == query).then_some(())
    });
}

/// Adds `n` A records to zone `domain`.
fn add_records(server: &TestServer, token: &str, domain: &str, n: usize) {
    for i in 0..n {
        let body = json!({ "record_type": "A", "name": format!("host{i}"), "value": "192.0.2.1" });
        server.create_record(token, domain, &body);
    }
}

#[test]
fn search_and_sort_follow_the_address_and_survive_a_reload() {
    let server = TestServer::start();
    let token = server.token("frank", "dns:*");
    // The API writes creation times in whole seconds; a pause makes each zone's its own.
    for domain in ["shop.example", "xn--bcher-kva.example", "alpha.example"] {
        server.create_zone(&token, domain);
        thread::sleep(Duration::from_millis(1100));
    }
    add_records(&server, &token, "shop.example", 2);
    add_records(&server, &token, "alpha.example", 3);
    let browser = Browser::start();
    sign_in(&browser, server.base_url(), &token);

    // The API counts two NS records per zone (the provider's) besides the ones added here,
    // so the total is read from the API rather than assumed.
    let zones = server.call("GET", "/dns-zones/", Some(&token), None).json();
    let records: u64 = zones
        .as_array()
        .expect("a list of zones")
        .iter()
        .map(|zone| zone["record_count"].as_u64().expect("a record count"))
        .sum();
    browser.wait_for_text(".count", &format!("3 zones · {records} records"));
    wait_for_rows(&browser, &["alpha.example", "xn--bcher-kva.example", "shop.example"]);

    // Searching as one types, by the Unicode form and by the Punycode form.
    let history_length = || browser.execute("return history.length", json!([]));
    let history_before = history_length();
    let search = browser.wait_for("[data-shortcut='search']");
    browser.type_text(&search, "bücher");
    wait_for_rows(&browser, &["xn--bcher-kva.example"]);
    browser.wait_for_text(".count", "1 of 3 zones");
    wait_for_address(&browser, "?q=b%C3%BCcher");
    browser.replace_text(&search, "xn--bcher");
    wait_for_rows(&browser, &["xn--bcher-kva.example"]);

    // Nothing found: the list says so and offers to clear the search.
    browser.replace_text(&search, "nowhere");
    browser.wait_for_text("td.empty", "No zone matches “nowhere”.");
    browser.click(&browser.wait_for_text("td.empty button", "Clear the search"));
    wait_for_rows(&browser, &["alpha.example", "xn--bcher-kva.example", "shop.example"]);
    assert_eq!(browser.property(&search, "value"), "");

    // Sorting by records: most first, then the other way.
    browser.click(&browser.wait_for("button[data-sort='records']"));
    wait_for_rows(&browser, &["alpha.example", "shop.example", "xn--bcher-kva.example"]);
    browser.click(&browser.wait_for("button[data-sort='records']"));
    wait_for_rows(&browser, &["xn--bcher-kva.example", "shop.example", "alpha.example"]);
    wait_for_address(&browser, "?sort=records");

    // Sorting by creation, newest first: the zones were created in the order above.
    browser.click(&browser.wait_for("button[data-sort='created']"));
    wait_for_rows(&browser, &["alpha.example", "xn--bcher-kva.example", "shop.example"]);
    browser.click(&browser.wait_for("button[data-sort='created']"));
    wait_for_rows(&browser, &["shop.example", "xn--bcher-kva.example", "alpha.example"]);
    wait_for_address(&browser, "?sort=created");
    assert_eq!(history_length(), history_before, "each change replaced the address");

    // A search with a sort, reloaded: the view comes back as it was.
    browser.type_text(&browser.wait_for("#zone-search"), ".example");
    wait_for_address(&browser, "?q=.example&sort=created");
    let address = browser.execute("return location.href", json!([]));
    let address = address.as_str().expect("an address").to_owned();
    browser.goto(&address);
    wait_for_rows(&browser, &["shop.example", "xn--bcher-kva.example", "alpha.example"]);
    assert_eq!(browser.property(&browser.wait_for("#zone-search"), "value"), ".example");
    let header = browser.wait_for("th[aria-sort='ascending'] button[data-sort='created']");
    assert!(browser.text(&header).contains("Created"));
    browser.wait_for_text(".count", "3 of 3 zones");
}

#[test]
fn a_list_that_cannot_be_loaded_says_so_and_offers_a_retry() {
    let server = TestServer::start();
    let token = server.token("gina", "dns:*");
    let browser = Browser::start();
    sign_in(&browser, server.base_url(), &token);
    browser.wait_for_text("td.empty", "No zones yet.");
    assert!(browser.try_find("[data-shortcut='new']#new-zone-domain").is_some());

    // `n` puts the cursor in the new zone's domain, ready to type.
    browser.execute("document.activeElement && document.activeElement.blur()", json!([]));
    browser.press_keys("n");
    let domain = browser.wait_for("#new-zone-domain");
    browser
        .wait_until("the domain input to have focus", || browser.is_focused(&domain).then_some(()));
    assert_eq!(browser.property(&domain, "value"), "", "the n was a shortcut, not text");

    // The server goes away; coming back to the list from another page of the dashboard
    // (which is already loaded) meets no answer.
    browser.click(&browser.wait_for("nav a[href='/settings/token']"));
    browser.wait_for("#token-input");
    drop(server);
    browser.click(&browser.wait_for("nav a[href='/zones']"));
    let notice = browser.wait_for_text(".notice-error", "The zones could not be loaded.");
    assert!(browser.text(&notice).contains("could not be reached"), "{}", browser.text(&notice));
    assert!(shown_domains(&browser).is_empty());
    assert!(browser.try_find("td.empty").is_none(), "never a claim that there are no zones");
    browser.click(&browser.wait_for_text(".notice-error button", "Try again"));
    browser.wait_for_text(".notice-error", "The zones could not be loaded.");
}

#[test]
fn paged_zones_are_all_shown_and_a_search_finds_one_from_page_two() {
    let server = TestServer::start();
    let token = server.token("hana", "dns:*");
    for i in 0..150 {
        server.create_zone(&token, &format!("zone-{i:03}.example"));
    }
    let proxy = PagingProxy::start(server.base_url());
    let browser = Browser::start();
    sign_in(&browser, &proxy.base_url, &token);

    // The list is whole only after following `next`: 100 zones, then 50.
    browser.wait_for_text(".count", "150 zones");
    assert_eq!(shown_domains(&browser).len(), 150);
    let requests = proxy.requests();
    assert!(
        requests.iter().any(|target| target.contains("page=2")),
        "the dashboard followed `next`: {requests:?}"
    );

    // zone-149 sorts last, on the second page.
    browser.type_text(&browser.wait_for("#zone-search"), "zone-149");
    wait_for_rows(&browser, &["zone-149.example"]);
    browser.wait_for_text(".count", "1 of 150 zones");
}

/// A provider whose server pages the zone list unasked, as the provider's server may: a
/// loopback proxy in front of the reference server that asks it for pages of 100 whenever the
/// dashboard asks for the zone list, so the answer is `{count, next, previous, results}` and
/// `next` (built from the `Host` the proxy passes on) leads back through the proxy.
struct PagingProxy {
    base_url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl PagingProxy {
    fn start(upstream_url: &str) -> PagingProxy {
        let upstream = upstream_url.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port for the proxy");
        let address = listener.local_addr().expect("the proxy's address");
        let requests = Arc::new(Mutex::new(Vec::new()));

        let seen = Arc::clone(&requests);
        thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let upstream = upstream.clone();
                let seen = Arc::clone(&seen);
                thread::spawn(move || {
                    // A broken connection fails the browser's request, which the test sees.
                    let _ = forward(client, &upstream, &seen);
                });
            }
        });
        PagingProxy { base_url: format!("http://{address}"), requests }
    }

    /// The request targets the proxy has passed on so far.
    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// Passes one request to `upstream` and its answer back, then closes both connections.
fn forward(client: TcpStream, upstream: &str, seen: &Mutex<Vec<String>>) -> std::io::Result<()> {
    client.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut from_client = BufReader::new(client.try_clone()?);
    let mut to_client = client;

    let head = read_head(&mut from_client)?;
    let Some((request_line, headers)) = head.split_first() else { return Ok(()) };
    let mut parts = request_line.splitn(3, ' ');
    let (method, target, version) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let target = if method == "GET" && target == "/api/v1/dns-zones/" {
        "/api/v1/dns-zones/?page_size=100".to_owned()
    } else {
        target.to_owned()
    };
    seen.lock().unwrap_or_else(PoisonError::into_inner).push(target.clone());

    let length = header_value(headers, "content-length").and_then(|v| v.parse().ok());
    let mut body = vec![0; length.unwrap_or(0)];
    from_client.read_exact(&mut body)?;

    let mut server = TcpStream::connect(upstream)?;
    let mut request = format!("{method} {target} {version}\r\n");
    for header in headers.iter().filter(|h| !is_connection_header(h)) {
        request.push_str(&format!("{header}\r\n"));
    }
    request.push_str("Connection: close\r\n\r\n");
    server.write_all(request.as_bytes())?;
    server.write_all(&body)?;

    let mut from_server = BufReader::new(server);
    let answer_head = read_head(&mut from_server)?;
    let mut answer = String::new();
    for line in answer_head.iter().filter(|h| !is_connection_header(h)) {
        answer.push_str(&format!("{line}\r\n"));
    }
    answer.push_str("Connection: close\r\n\r\n");
    to_client.write_all(answer.as_bytes())?;
    std::io::copy(&mut from_server, &mut to_client)?;
    to_client.flush()
}

/// The lines of an HTTP head, up to the empty line (which is read and left out).
fn read_head(reader: &mut impl BufRead) -> std::io::Result<Vec<String>> {
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(lines);
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Ok(lines);
        }
        lines.push(line.to_owned());
    }
}

fn header_value<'a>(headers: &'a [String], name: &str) -> Option<&'a str> {
    headers.iter().find_map(|header| {
        let (key, value) = header.split_once(':')?;
        key.trim().eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

fn is_connection_header(header: &str) -> bool {
    header.split_once(':').is_some_and(|(key, _)| {
        key.trim().eq_ignore_ascii_case("connection")
            || key.trim().eq_ignore_ascii_case("keep-alive")
    })
}
