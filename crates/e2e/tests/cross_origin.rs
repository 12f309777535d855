//! Cross-origin access (`serve --cors-origin`): over HTTP, the headers each answer carries
//! for an allowed origin, a refused one and a server that allows none; in Chromium, a page
//! of another origin calling the API with a token, allowed and refused.

use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use e2e::client::{Response, send};
use e2e::webdriver::Browser;
use e2e::{TestServer, workspace_dir};
use serde_json::json;

/// The origin the tests allow, written as a person might (upper case, default port, final
/// `/`); browsers send it as `http://app.example`.
const ALLOWED_AS_GIVEN: &str = "HTTP://App.Example:80/";
const ALLOWED: &str = "http://app.example";

/// Every API path shape: collection, item, nested, without the final `/`, and unknown.
const API_PATHS: [&str; 5] = [
    "/dns-zones/",
    "/dns-zones/00000000-0000-4000-8000-000000000000/",
    "/dns-zones/00000000-0000-4000-8000-000000000000/records",
    "/dns-records/00000000-0000-4000-8000-000000000000/",
    "/no-such-thing/",
];

/// Every value of the headers called `name`, in order.
fn all(response: &Response, name: &str) -> Vec<String> {
    response.headers.iter().filter(|(key, _)| key == name).map(|(_, v)| v.clone()).collect()
}

/// Panics if the answer carries any `Access-Control-…` header.
#[track_caller]
fn assert_no_cors_headers(response: &Response) {
    let cors: Vec<_> =
        response.headers.iter().filter(|(key, _)| key.starts_with("access-control-")).collect();
    assert!(cors.is_empty(), "CORS headers {cors:?} on a {} answer", response.status);
}

/// Whether the answer varies by `Origin`, among however many `Vary` headers it has.
fn varies_by_origin(response: &Response) -> bool {
    all(response, "vary")
        .iter()
        .flat_map(|value| value.split(','))
        .any(|name| name.trim().eq_ignore_ascii_case("origin"))
}

/// Sends a browser's preflight for `method` with `headers` to API path `path`.
fn preflight(server: &TestServer, path: &str, origin: &str, method: &str) -> Response {
    let headers = [
        ("Origin", origin),
        ("Access-Control-Request-Method", method),
        ("Access-Control-Request-Headers", "authorization,content-type,if-match"),
    ];
    send("OPTIONS", &server.api_url(path), &headers, None)
}

/// Sends `method` to API path `path` from `origin` with `token`.
fn from_origin(
    server: &TestServer,
    method: &str,
    path: &str,
    origin: &str,
    token: &str,
) -> Response {
    let authorization = format!("Bearer {token}");
    let headers = [("Origin", origin), ("Authorization", authorization.as_str())];
    send(method, &server.api_url(path), &headers, None)
}

#[test]
fn without_cors_origin_no_answer_carries_a_cors_header() {
    let server = TestServer::start();
    let token = server.token("alice", "dns:*");

    let answer = from_origin(&server, "GET", "/dns-zones/", ALLOWED, &token);
    answer.assert_status(200);
    assert_no_cors_headers(&answer);
    assert!(!varies_by_origin(&answer), "no Vary: Origin when nothing depends on it");

    // A preflight is no different from any OPTIONS: the API has no such method.
    let answer = preflight(&server, "/dns-zones/", ALLOWED, "POST");
    answer.assert_error(405, "method_not_allowed");
    assert_no_cors_headers(&answer);
}

#[test]
fn an_allowed_origin_is_answered_in_its_preflight_and_may_read_every_answer() {
    let server = TestServer::start_with(&[
        "--cors-origin",
        "https://first.example",
        "--cors-origin",
        ALLOWED_AS_GIVEN,
    ]);
    let token = server.token("alice", "dns:*");

    // Preflights on every kind of API path, for every method the API uses.
    for path in API_PATHS {
        for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
            let answer = preflight(&server, path, ALLOWED, method);
            answer.assert_status(204);
            assert!(answer.body.is_empty(), "a preflight has no body: {}", answer.text());
            assert_eq!(answer.header("access-control-allow-origin"), Some(ALLOWED));
            let methods = answer.header("access-control-allow-methods").unwrap_or_default();
            for expected in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
                assert!(methods.contains(expected), "{expected} in {methods:?}");
            }
            let allowed = answer.header("access-control-allow-headers").unwrap_or_default();
            for header in ["authorization", "content-type", "if-match"] {
                assert!(allowed.to_ascii_lowercase().contains(header), "{header} in {allowed:?}");
            }
            let max_age = answer.header("access-control-max-age").and_then(|v| v.parse().ok());
            assert!(max_age.is_some_and(|seconds: u32| seconds >= 600), "max-age {max_age:?}");
            assert!(varies_by_origin(&answer));
            assert_eq!(answer.header("access-control-allow-credentials"), None);
        }
    }

    // The answers themselves, successes and errors alike, may be read with their ETag.
    let zone = server.create_zone(&token, "cors.example");
    let path = format!("/dns-zones/{}/", zone["uuid"].as_str().expect("a zone uuid"));
    let answers = [
        from_origin(&server, "GET", &path, ALLOWED, &token),
        from_origin(&server, "GET", "/dns-zones/", ALLOWED, "vps_unknown"),
        from_origin(&server, "DELETE", "/dns-zones/", ALLOWED, &token),
    ];
    for (answer, status) in answers.iter().zip([200, 401, 405]) {
        answer.assert_status(status);
        assert_eq!(answer.header("access-control-allow-origin"), Some(ALLOWED));
        let exposed = answer.header("access-control-expose-headers").unwrap_or_default();
        for header in ["etag", "retry-after"] {
            assert!(exposed.to_ascii_lowercase().contains(header), "{header} in {exposed:?}");
        }
        assert!(varies_by_origin(answer), "Vary: Origin on the {status}");
    }
    assert!(answers[0].header("etag").is_some(), "the zone has its ETag");

    // The other allowed origin too; and an answer to no origin at all still varies by it.
    let other = from_origin(&server, "GET", "/dns-zones/", "https://first.example", &token);
    assert_eq!(other.header("access-control-allow-origin"), Some("https://first.example"));
    let no_origin = server.call("GET", "/dns-zones/", Some(&token), None);
    assert_no_cors_headers(&no_origin);
    assert!(varies_by_origin(&no_origin), "a cache must not give it to an allowed origin");

    // The dashboard's files, which a page elsewhere loads in CORS mode, may be read too.
    if workspace_dir().join("dist/dns-dashboard.js").is_file() {
        let headers = [("Origin", ALLOWED)];
        let script =
            send("GET", &format!("{}/dns-dashboard.js", server.base_url()), &headers, None);
        script.assert_status(200);
        assert_eq!(script.header("access-control-allow-origin"), Some(ALLOWED));
    }
}

#[test]
fn a_refused_origin_gets_no_cors_header_and_its_preflight_is_403() {
    let server = TestServer::start_with(&["--cors-origin", ALLOWED_AS_GIVEN]);
    let token = server.token("alice", "dns:*");

    // Near misses: another port, scheme, host or subdomain, a longer name, and `null`, which
    // sandboxed frames and files send.
    let refused = [
        "http://app.example:8080",
        "https://app.example",
        "http://www.app.example",
        "http://app.example.evil.test",
        "null",
    ];
    for origin in refused {
        for path in API_PATHS {
            let answer = preflight(&server, path, origin, "POST");
            answer.assert_error(403, "origin_not_allowed");
            assert_no_cors_headers(&answer);
            assert!(varies_by_origin(&answer));
        }

        // A request sent anyway (a browser never would, after the 403) is served as to any
        // client, without a header that would let a page read it.
        let answer = from_origin(&server, "GET", "/dns-zones/", origin, &token);
        answer.assert_status(200);
        assert_no_cors_headers(&answer);
    }

    // An OPTIONS that is no preflight is what it always was.
    let headers = [("Origin", ALLOWED)];
    let answer = send("OPTIONS", &server.api_url("/dns-zones/"), &headers, None);
    answer.assert_error(405, "method_not_allowed");
}

#[test]
fn a_429_lets_an_allowed_origin_read_retry_after() {
    let server = TestServer::start_with(&["--rate-limit", "1", "--cors-origin", ALLOWED]);
    let token = server.token("alice", "dns:*");

    let limited = (0..10)
        .map(|_| from_origin(&server, "GET", "/dns-zones/", ALLOWED, &token))
        .find(|answer| answer.status == 429)
        .expect("ten quick requests exceed 1 per second");
    assert!(limited.header("retry-after").is_some());
    assert_eq!(limited.header("access-control-allow-origin"), Some(ALLOWED));
    let exposed = limited.header("access-control-expose-headers").unwrap_or_default();
    assert!(exposed.contains("Retry-After"), "{exposed:?}");
}

#[test]
fn a_preflight_is_logged_in_one_line_without_its_origin() {
    let secret_origin = "http://secret-name.example:8443";
    let server = TestServer::start_with(&["--cors-origin", secret_origin]);
    preflight(&server, "/dns-zones/", secret_origin, "POST").assert_status(204);
    preflight(&server, "/dns-zones/", "http://other-secret.example", "POST").assert_status(403);

    let deadline = Instant::now() + Duration::from_secs(5);
    let lines = loop {
        let logs = server.logs();
        let lines: Vec<String> =
            logs.lines().filter(|line| line.contains(" request ")).map(String::from).collect();
        if lines.len() >= 2 || Instant::now() > deadline {
            break lines;
        }
        thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(lines.len(), 2, "one line per preflight: {lines:#?}");
    assert!(lines[0].contains("method=OPTIONS") && lines[0].contains("status=204"), "{lines:?}");
    assert!(lines[1].contains("status=403"), "{lines:?}");
    let logs = server.logs();
    for secret in ["secret-name", "other-secret"] {
        assert!(!logs.contains(secret), "the log shows {secret}:\n{logs}");
    }
}

#[test]
fn command_line_origins_are_checked() {
    let server = TestServer::start();
    for origin in ["*", "app.example", "https://app.example/path", "https://bücher.example"] {
        let output = server.run(&["serve", "--listen", "127.0.0.1:0", "--cors-origin", origin]);
        assert_eq!(output.status.code(), Some(2), "--cors-origin {origin} is refused");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("--cors-origin"), "{stderr}");
    }
}

/// Starts a server whose only use is to give Chromium a page of its own origin without the
/// dashboard's policy (which lets a page call no other origin): `/demo/blank.html`.
fn page_server(pages: &Path) -> TestServer {
    std::fs::write(pages.join("blank.html"), "<!doctype html><title>Another site</title>")
        .expect("the page is written");
    TestServer::start_with(&["--demo-pages", pages.to_str().expect("a UTF-8 path")])
}

/// Run in the page: reads zone `zone` and the ETag of record `record` from the API at `api`
/// with `token`. Gives what the page could read, or the name and message of what was thrown
/// (as `thrown`: a result with an `error` key would pass for WebDriver's own error).
const READ: &str = "
    const [api, zone, record, token, done] = arguments;
    const headers = { Authorization: `Bearer ${token}` };
    (async () => {
      const answer = await fetch(`${api}/dns-zones/${zone}/`, { headers });
      const body = await answer.json();
      const etag = (await fetch(`${api}/dns-records/${record}/`, { headers }))
        .headers.get('ETag');
      done({ status: answer.status, domain: body.domain, etag });
    })().catch(error => done({ thrown: error.name, message: error.message }));
";

/// Run in the page: changes the value of record `record` with `If-Match: etag`. Gives the
/// status, or the name and message of what was thrown.
const WRITE: &str = "
    const [api, record, token, etag, done] = arguments;
    fetch(`${api}/dns-records/${record}/`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'If-Match': etag,
      },
      body: JSON.stringify({ value: '192.0.2.2' }),
    })
      .then(answer => done({ status: answer.status }))
      .catch(error => done({ thrown: error.name, message: error.message }));
";

#[test]
fn a_page_of_an_allowed_origin_calls_the_api_and_one_of_another_origin_cannot() {
    let allowed_pages = tempfile::tempdir().expect("a temporary directory");
    let other_pages = tempfile::tempdir().expect("a temporary directory");
    let allowed_site = page_server(allowed_pages.path());
    let other_site = page_server(other_pages.path());
    let api = TestServer::start_with(&["--cors-origin", allowed_site.base_url()]);
    let token = api.token("alice", "dns:*");
    let zone = api.create_zone(&token, "elsewhere.example");
    let body = json!({"record_type": "A", "name": "www", "value": "192.0.2.1"});
    let record = api.create_record(&token, "elsewhere.example", &body);
    let (zone, record) = (&zone["uuid"], &record["uuid"]);
    let base = api.api_url("");
    let browser = Browser::start();

    // From the allowed origin: a read with the token and the ETag, then a change with
    // If-Match, each after its preflight.
    browser.goto(&format!("{}/demo/blank.html", allowed_site.base_url()));
    let read = browser.execute_async(READ, json!([base, zone, record, token]));
    assert_eq!(read["status"], 200, "{read}");
    assert_eq!(read["domain"], "elsewhere.example", "{read}");
    let etag = read["etag"].as_str().unwrap_or_else(|| panic!("the ETag is readable: {read}"));
    let written = browser.execute_async(WRITE, json!([base, record, token, etag]));
    assert_eq!(written, json!({"status": 200}));
    assert!(api.zone_file("elsewhere.example").contains("192.0.2.2"), "the change was made");

    // From another origin both fail as network errors, with nothing to read; the change is
    // never sent, because its preflight is refused.
    api.call(
        "PATCH",
        &format!("/dns-records/{}/", record.as_str().expect("a uuid")),
        Some(&token),
        Some(&json!({"value": "192.0.2.1"})),
    )
    .assert_status(200);
    browser.goto(&format!("{}/demo/blank.html", other_site.base_url()));
    let failed = json!({"thrown": "TypeError", "message": "Failed to fetch"});
    assert_eq!(browser.execute_async(READ, json!([base, zone, record, token])), failed);
    assert_eq!(browser.execute_async(WRITE, json!([base, record, token, "*"])), failed);
    assert!(api.zone_file("elsewhere.example").contains("192.0.2.1"), "nothing was changed");

    let logs = api.logs();
    let lines = |method: &str, status: u16| {
        let (method, status) = (format!("method={method}"), format!("status={status}"));
        logs.lines().filter(|l| l.contains(&method) && l.contains(&status)).count()
    };
    assert_eq!(lines("PATCH", 200), 2, "the allowed page's change and the test's own:\n{logs}");
    assert_eq!(lines("OPTIONS", 403), 2, "the other page's two preflights:\n{logs}");
    assert_eq!(
        lines("GET", 200),
        3,
        "the test's look-up and the allowed page's two reads:\n{logs}"
    );
}
