//! The application called directly, without a socket: `app(state)` is a tower service, so
//! these tests hand it requests and read its responses in memory. They pin what the server
//! does below the HTTP of the end-to-end tests: the error shape of every layer (body limit,
//! routing, JSON), and how links are built from the `Host` header.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use dns_rules::api::Permission;
use dns_server::cli::issue_token;
use dns_server::{AppState, Settings, app};
use serde_json::{Value, json};
use tower::ServiceExt;

/// The app over a fresh data directory, with an all-powerful token.
struct Fixture {
    app: Router,
    token: String,
    _data: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let data = tempfile::tempdir().expect("a temporary directory");
        let settings = Settings::new(data.path());
        let state = AppState::open(&settings).expect("the data directory opens");
        let token = issue_token(data.path(), "tester", &Permission::ALL).expect("a token");
        Fixture { app: app(state), token, _data: data }
    }

    /// Sends a request with the token and returns the status, the JSON body (or null) and
    /// the headers.
    async fn send(&self, method: &str, uri: &str, host: &str, body: Body) -> (StatusCode, Value) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("host", host)
            .header("authorization", format!("Bearer {}", self.token))
            .header("content-type", "application/json")
            .body(body)
            .expect("a valid request");
        let response = self.app.clone().oneshot(request).await.expect("the app answers");
        let status = response.status();
        let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("a body");
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    async fn json(&self, method: &str, uri: &str, body: &Value) -> (StatusCode, Value) {
        self.send(method, uri, "test.local", Body::from(body.to_string())).await
    }
}

#[tokio::test]
async fn a_zone_is_created_and_listed_without_a_socket() {
    let fixture = Fixture::new();
    let (status, zone) =
        fixture.json("POST", "/api/v1/dns-zones/", &json!({"domain": "a.example"})).await;
    assert_eq!(status, StatusCode::CREATED, "{zone}");
    assert_eq!(zone["records"], json!([]));

    let (status, list) =
        fixture.send("GET", "/api/v1/dns-zones", "test.local", Body::empty()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list[0]["domain"], "a.example");
}

#[tokio::test]
async fn every_layer_answers_in_the_contracts_error_shape() {
    let fixture = Fixture::new();
    let huge = Body::from(vec![b' '; 65 * 1024]);
    let cases = [
        (
            "POST",
            "/api/v1/dns-zones/",
            Body::from("{oops"),
            StatusCode::BAD_REQUEST,
            "malformed_json",
        ),
        ("POST", "/api/v1/dns-zones/", huge, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
        (
            "PATCH",
            "/api/v1/dns-zones/",
            Body::empty(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        ("GET", "/api/v1/dns-zonez/", Body::empty(), StatusCode::NOT_FOUND, "not_found"),
        ("GET", "/api/v1/dns-records/nope/", Body::empty(), StatusCode::NOT_FOUND, "not_found"),
    ];
    for (method, uri, body, status, code) in cases {
        let (got, error) = fixture.send(method, uri, "test.local", body).await;
        assert_eq!(got, status, "{method} {uri}: {error}");
        assert_eq!(error["error_code"], code, "{method} {uri}: {error}");
        assert!(error["detail"].as_str().is_some_and(|d| !d.is_empty()), "{error}");
    }
}

#[tokio::test]
async fn page_links_use_the_host_header_only_when_it_is_a_plain_host() {
    let fixture = Fixture::new();
    for domain in ["a.example", "b.example"] {
        fixture.json("POST", "/api/v1/dns-zones/", &json!({"domain": domain})).await;
    }

    let uri = "/api/v1/dns-zones/?page_size=1";
    let (_, page) = fixture.send("GET", uri, "dns.example.net:8080", Body::empty()).await;
    assert_eq!(page["next"], "http://dns.example.net:8080/api/v1/dns-zones/?page_size=1&page=2");

    let (_, page) = fixture.send("GET", uri, "evil.example/phish?", Body::empty()).await;
    assert_eq!(page["next"], "http://localhost/api/v1/dns-zones/?page_size=1&page=2");
}
