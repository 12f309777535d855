//! Demo mode: the files of `serve --demo-pages DIR` at `/demo/<file>`.
//!
//! They stand in for other people's pages that embed the dashboard, so they go out without
//! the dashboard's Content-Security-Policy. Only HTML, JavaScript and CSS files are served,
//! named by one path segment of plain characters, from `DIR` itself: no subdirectory, no
//! hidden file, no listing, and nothing a `..` or a symbolic link would reach outside `DIR`.
//! `/demo/` is `DIR/index.html`, if there is one.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

/// `router` with the pages of `dir` (an absolute path, symbolic links resolved) under
/// `/demo/`.
pub fn serve<S>(router: Router<S>, dir: &Path) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    let pages = Router::new()
        .route("/demo", get(|| async { Redirect::permanent("/demo/") }))
        .route("/demo/", get(|dir: State<Arc<Path>>| page(dir, UrlPath(String::new()))))
        .route("/demo/{*file}", get(page))
        .with_state(Arc::<Path>::from(dir));
    router.merge(pages)
}

async fn page(State(dir): State<Arc<Path>>, UrlPath(file): UrlPath<String>) -> Response {
    let Some((path, content_type)) = find(&dir, &file) else { return not_found() };

    match tokio::task::spawn_blocking(move || std::fs::read(path)).await {
        Ok(Ok(bytes)) => {
            let headers = [
                (CONTENT_TYPE, HeaderValue::from_static(content_type)),
                (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
                (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            ];
            (headers, bytes).into_response()
        }
        _ => not_found(),
    }
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "No such demo page.\n").into_response()
}

/// The file that `/demo/{file}` names in `dir`, and its content type; `None` for anything
/// that is not a served page of `dir` itself. An empty name is `index.html`.
fn find(dir: &Path, file: &str) -> Option<(PathBuf, &'static str)> {
    let name = if file.is_empty() { "index.html" } else { file };
    let plain = name.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    if !plain || name.starts_with('.') {
        return None;
    }
    let content_type = match name.rsplit_once('.')?.1 {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        _ => return None,
    };

    // A symbolic link in `dir` may point anywhere; what it resolves to must be in `dir`.
    let path = dir.join(name).canonicalize().ok()?;
    (path.parent() == Some(dir) && path.is_file()).then_some((path, content_type))
}

#[cfg(test)]
mod tests {
    use super::find;

    #[test]
    fn only_plain_pages_of_the_directory_itself_are_found() {
        let temporary = tempfile::tempdir().expect("a temporary directory");
        let dir = temporary.path().canonicalize().expect("the directory resolves");
        for name in ["index.html", "embed.js", "host.css", "notes.txt", ".hidden.html"] {
            std::fs::write(dir.join(name), "x").expect("a file is written");
        }
        std::fs::create_dir(dir.join("sub.html")).expect("a directory is made");

        assert_eq!(
            find(&dir, "embed.js").map(|(_, kind)| kind),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(find(&dir, "").map(|(path, _)| path), Some(dir.join("index.html")));
        for refused in [
            "notes.txt",
            ".hidden.html",
            "sub.html",
            "../index.html",
            "a/b.html",
            "missing.html",
            "..",
            "index.html%00",
        ] {
            assert!(find(&dir, refused).is_none(), "{refused} was found");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_out_of_the_directory_is_not_followed() {
        let outside = tempfile::tempdir().expect("a temporary directory");
        let secret = outside.path().join("secret.html");
        std::fs::write(&secret, "secret").expect("a file is written");
        let temporary = tempfile::tempdir().expect("a temporary directory");
        let dir = temporary.path().canonicalize().expect("the directory resolves");
        std::os::unix::fs::symlink(&secret, dir.join("link.html")).expect("a link is made");

        assert!(find(&dir, "link.html").is_none());
    }
}
