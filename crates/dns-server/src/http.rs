//! The router: which handler answers which path, the request log, and the pages that are
//! not the API.
//!
//! Every API path is registered with and without its final `/`, as the contract asks, and
//! anything else under `/api` is a JSON 404, so a client never has to parse an HTML page as
//! an API error. Other paths belong to the dashboard, a single-page app: a file of the build
//! if there is one by that name, else its `index.html`, so that a deep link such as
//! `/zones/<uuid>` loads the app, which then reads the URL itself.

use std::path::Path;
use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::handler::HandlerWithoutStateExt;
use axum::http::{StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{MethodRouter, any, get};
use tower_http::services::ServeDir;

use crate::AppState;
use crate::error::ApiError;
use crate::extract::BODY_LIMIT;
use crate::{records, zones};

/// The whole application, ready to serve or to be called directly by tests.
pub fn app(state: AppState) -> Router {
    let dashboard = state.dashboard.clone();
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

    let router = match dashboard.filter(|dir| dashboard_built(dir)) {
        Some(dir) => {
            let page = index_page(&dir, &nameservers, &hostmaster);
            let index = move || std::future::ready(page.clone());
            let files = ServeDir::new(&dir)
                .append_index_html_on_directories(false)
                .fallback(index.clone().into_service());
            router.route("/index.html", get(index)).fallback_service(files)
        }
        None => router.fallback(dashboard_missing),
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

/// The dashboard's `index.html`, with the provider's name servers and SOA mailbox in its
/// `<meta>` tags, so that its exported zone files and `dig` commands name the same servers as
/// this server's zone files. Read once: the build does not change while the server runs.
fn index_page(dir: &Path, nameservers: &str, hostmaster: &str) -> Html<String> {
    let page = match std::fs::read_to_string(dir.join("index.html")) {
        Ok(page) => page,
        Err(error) => {
            tracing::error!(%error, "cannot read the dashboard's index.html");
            return Html("<!doctype html><p>The dashboard's index.html cannot be read.".into());
        }
    };
    let page = set_meta(&page, "dns-nameservers", nameservers);
    Html(set_meta(&page, "dns-hostmaster", hostmaster))
}

/// `page` with its `<meta>` tag named `name` made `<meta name="{name}" content="{content}">`.
/// `content` is host names and spaces only, so it needs no escaping. The tag is found with
/// or without quotes around its name, in any attribute order, since the build minifies the
/// page. A page without the tag is returned as it is.
fn set_meta(page: &str, name: &str, content: &str) -> String {
    let names = [format!("name={name}"), format!("name=\"{name}\"")];
    let mut from = 0;
    while let Some(found) = page[from..].find("<meta") {
        let start = from + found;
        let Some(length) = page[start..].find('>') else { break };
        let end = start + length + 1;
        let tag = &page[start..end];
        let named = names.iter().any(|wanted| {
            tag.match_indices(wanted.as_str()).any(|(at, _)| {
                let after = tag[at + wanted.len()..].chars().next();
                matches!(after, Some(' ' | '>' | '/'))
            })
        });
        if named {
            let tag = format!("<meta name=\"{name}\" content=\"{content}\">");
            return format!("{}{tag}{}", &page[..start], &page[end..]);
        }
        from = end;
    }
    page.to_owned()
}

/// What `/` shows when the dashboard has not been built.
async fn dashboard_missing(uri: Uri) -> Response {
    let page = "<!doctype html><meta charset=utf-8><title>DNS dashboard</title>\
        <p>The DNS API is running under <code>/api/v1/</code>, but the dashboard is not built. \
        Run <code>scripts/run</code> to build and serve it.</p>\n";
    let status = if uri.path() == "/" { StatusCode::OK } else { StatusCode::NOT_FOUND };
    (status, Html(page)).into_response()
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

fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// Whether `dir` holds a built dashboard.
pub fn dashboard_built(dir: &Path) -> bool {
    dir.join("index.html").is_file()
}

#[cfg(test)]
mod tests {
    use super::set_meta;

    #[test]
    fn meta_content_is_replaced_and_the_rest_kept() {
        let written = "<head><meta name=\"dns-nameservers\" content=\"ns1.vps.org\" />\
                       <meta name=\"x\" content=\"y\"></head>";
        assert_eq!(
            set_meta(written, "dns-nameservers", "a.example.net b.example.net"),
            "<head><meta name=\"dns-nameservers\" content=\"a.example.net b.example.net\">\
             <meta name=\"x\" content=\"y\"></head>"
        );

        let minified = "<meta content=\"ns1 ns2\" name=dns-nameservers><meta content=h \
                        name=dns-nameservers-other><title>t</title>";
        assert_eq!(
            set_meta(minified, "dns-nameservers", "a.example.net"),
            "<meta name=\"dns-nameservers\" content=\"a.example.net\"><meta content=h \
             name=dns-nameservers-other><title>t</title>"
        );
        assert_eq!(set_meta(minified, "dns-hostmaster", "z"), minified);
    }
}
