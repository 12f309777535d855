//! The router: which handler answers which path, and the request log.
//!
//! Every API path is registered with and without its final `/`, as the contract asks, and
//! anything else under `/api` is a JSON 404, so a client never has to parse an HTML page as
//! an API error. `/demo/` holds the demo pages, if the server was given some (`demo`). Every
//! other path belongs to the dashboard (`dashboard`). Cross-origin access (`cors`) wraps it
//! all when some origin is allowed.

use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{MethodRouter, any, get};

use crate::AppState;
use crate::error::ApiError;
use crate::extract::BODY_LIMIT;
use crate::{cors, dashboard, demo, records, zones};

/// The whole application, ready to serve or to be called directly by tests.
pub fn app(state: AppState) -> Router {
    let dashboard = state.dashboard.clone();
    let demo_pages = state.demo_pages.clone();
    let cors = state.cors.clone();
    let nameservers = state.deployer.nameservers().join(" ");
    let hostmaster = state.deployer.hostmaster().to_owned();

    let api = Router::new();
    let api = both(api, "/api/v1/dns-zones/", get(zones::list).post(zones::create));
    let api = both(api, "/api/v1/dns-zones/{uuid}/", get(zones::detail).delete(zones::delete));
    let api = both(
        api,
        "/api/v1/dns-zones/{uuid}/records/",
        get(records::list_in_zone).post(records::create),
    );
    let api = both(api, "/api/v1/dns-records/", get(records::list));
    let api = both(
        api,
        "/api/v1/dns-records/{uuid}/",
        get(records::detail).put(records::replace).patch(records::change).delete(records::delete),
    );

    let router = api
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(state);

    let router = match &demo_pages {
        Some(dir) => demo::serve(router, dir),
        None => router,
    };
    let router = match dashboard.filter(|dir| dashboard::built(dir)) {
        Some(dir) => dashboard::serve(router, &dir, &nameservers, &hostmaster),
        None => router.fallback(dashboard::missing),
    };

    // Layers added later run first: the log sees every answer, a refused preflight too.
    let router = match cors {
        Some(origins) => router.layer(middleware::from_fn_with_state(origins, cors::apply)),
        None => router,
    };
    router.layer(middleware::from_fn(log_request))
}

/// Registers `path` (which ends in `/`) and the same path without the final `/`.
fn both(router: Router<AppState>, path: &str, methods: MethodRouter<AppState>) -> Router<AppState> {
    router.route(path, methods.clone()).route(path.trim_end_matches('/'), methods)
}

async fn api_not_found() -> ApiError {
    ApiError::NotFound("API path")
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Logs one line per request: method, the route that matched (its template, so ids stay
/// out of the log), status and duration. Headers and bodies are never logged: the one
/// carries the token and the other the records.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = match request.extensions().get::<MatchedPath>() {
        Some(matched) => matched.as_str().to_string(),
        None if is_api(request.uri().path()) => "(unknown API path)".to_string(),
        None => "(dashboard)".to_string(),
    };
    let started = Instant::now();

    let response = next.run(request).await;

    let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        duration_ms = format_args!("{duration_ms:.1}"),
        "request"
    );
    response
}

/// Whether `path` is under `/api`, where every answer is the API's.
pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}
