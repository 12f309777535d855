//! The built dashboard: its page, under a strict Content-Security-Policy, and its files.
//!
//! The dashboard is a single-page app. Every path that is not the API or a file of the
//! build gets its `index.html`, so that a deep link such as `/zones/<uuid>` loads the app,
//! which then reads the URL itself. The page goes out with [`CONTENT_SECURITY_POLICY`]; the
//! files go out under fixed names (`dns-dashboard.js`, `dns-dashboard_bg.wasm`, `main.css`),
//! which other people's pages import, so every answer says `Cache-Control: no-cache`: a
//! browser may keep a copy but asks (cheaply, with `If-Modified-Since`) whether a new build
//! replaced it.

use std::path::Path;

use axum::Router;
use axum::handler::HandlerWithoutStateExt;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY as CSP_HEADER};
use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

/// The policy of the dashboard's own page. The release build satisfies it: the theme and
/// the loader are files (`boot/`), not inline scripts; WebAssembly needs
/// `'wasm-unsafe-eval'` and nothing else is evaluated; styles come only from `main.css` (the
/// app changes single properties through the DOM's style object, which the policy allows,
/// and writes no `style` attributes); and the page talks to this server alone. No form is
/// ever submitted by the browser itself (the app handles every submit), so `form-action
/// 'none'` keeps a token typed into a form from ever reaching a URL. Frames: only pages of
/// this server may frame the dashboard; other sites embed it through its JavaScript, where
/// a click is theirs to ask for, rather than in a frame they could hide it in.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; \
    script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
    connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; \
    frame-ancestors 'self'";

/// A browser keeps a copy but asks the server before each use.
const NO_CACHE: HeaderValue = HeaderValue::from_static("no-cache");

/// Whether `dir` holds a built dashboard.
pub fn built(dir: &Path) -> bool {
    dir.join("index.html").is_file()
}

/// `router` with the dashboard built in `dir` as its fallback, its page naming the
/// provider's `nameservers` (space-separated) and `hostmaster`.
pub fn serve<S>(router: Router<S>, dir: &Path, nameservers: &str, hostmaster: &str) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let page = Page(index_page(dir, nameservers, hostmaster));
    let index = move || std::future::ready(page.clone());

    let files = ServeDir::new(dir)
        .append_index_html_on_directories(false)
        .fallback(index.clone().into_service());
    let files = SetResponseHeader::if_not_present(files, CACHE_CONTROL, NO_CACHE);
    router.route("/index.html", get(index)).fallback_service(files)
}

/// The dashboard's page, sent with its policy.
#[derive(Clone)]
struct Page(String);

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        let headers = [
            (CSP_HEADER, HeaderValue::from_static(CONTENT_SECURITY_POLICY)),
            (CACHE_CONTROL, NO_CACHE),
        ];
        (headers, Html(self.0)).into_response()
    }
}

/// The dashboard's `index.html`, with the provider's name servers and SOA mailbox in its
/// `<meta>` tags, so that its exported zone files and `dig` commands name the same servers as
/// this server's zone files. Read once: the build does not change while the server runs.
fn index_page(dir: &Path, nameservers: &str, hostmaster: &str) -> String {
    let page = match std::fs::read_to_string(dir.join("index.html")) {
        Ok(page) => page,
        Err(error) => {
            tracing::error!(%error, "cannot read the dashboard's index.html");
            return "<!doctype html><p>The dashboard's index.html cannot be read.".into();
        }
    };
    let page = set_meta(&page, "dns-nameservers", nameservers);
    set_meta(&page, "dns-hostmaster", hostmaster)
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
pub async fn missing(uri: Uri) -> Response {
    let page = "<!doctype html><meta charset=utf-8><title>DNS dashboard</title>\
        <p>The DNS API is running under <code>/api/v1/</code>, but the dashboard is not built. \
        Run <code>scripts/run</code> to build and serve it.</p>\n";
    let status = if uri.path() == "/" { StatusCode::OK } else { StatusCode::NOT_FOUND };
    (status, Html(page)).into_response()
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
