//! How the dashboard's page and files are served: the Content-Security-Policy of its page,
//! which the release build must satisfy in Chromium through a whole session; the fixed
//! names and `Cache-Control` of its files; and the demo pages of `--demo-pages`.

use std::path::Path;

use e2e::client::{Response, send};
use e2e::webdriver::Browser;
use e2e::{TestServer, workspace_dir};
use serde_json::{Value, json};

/// The built dashboard the tests serve, as `TestServer` finds it.
fn dist() -> std::path::PathBuf {
    std::env::var_os("DASHBOARD_DIST")
        .map(Into::into)
        .unwrap_or_else(|| workspace_dir().join("dist"))
}

fn get(server: &TestServer, path: &str) -> Response {
    send("GET", &format!("{}{path}", server.base_url()), &[], None)
}

/// The directives of a policy, by name.
fn directives(policy: &str) -> Vec<(String, String)> {
    policy
        .split(';')
        .filter_map(|part| {
            let mut words = part.split_whitespace();
            let name = words.next()?.to_ascii_lowercase();
            Some((name, words.collect::<Vec<_>>().join(" ")))
        })
        .collect()
}

#[test]
fn the_page_carries_a_policy_without_inline_script_or_eval() {
    let server = TestServer::start();
    let root = get(&server, "/");
    assert!(!root.text().contains("not built"), "build the dashboard first (trunk build)");

    // The same policy on the page at every address the app answers.
    let policy = root.header("content-security-policy").expect("a policy").to_owned();
    for path in ["/index.html", "/zones", "/zones/00000000-0000-4000-8000-000000000000"] {
        let page = get(&server, path);
        page.assert_status(200);
        assert_eq!(page.header("content-security-policy"), Some(policy.as_str()), "{path}");
        assert_eq!(page.header("cache-control"), Some("no-cache"), "{path}");
    }

    let directives = directives(&policy);
    let value = |name: &str| {
        directives.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap_or_else(|| {
            panic!("no {name} in {policy}");
        })
    };
    assert_eq!(value("default-src"), "'none'");
    assert_eq!(value("script-src"), "'self' 'wasm-unsafe-eval'");
    assert_eq!(value("style-src"), "'self'");
    assert_eq!(value("connect-src"), "'self'");
    assert_eq!(value("object-src"), "'none'");
    for name in ["base-uri", "form-action", "frame-ancestors"] {
        assert!(!value(name).is_empty(), "{name} says something");
    }
    for loose in ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"] {
        let words: Vec<&str> = directives.iter().flat_map(|(_, v)| v.split(' ')).collect();
        assert!(!words.contains(&loose), "{loose} in {policy}");
    }

    // The API's answers are not pages, and carry no page policy.
    let api = send("GET", &server.api_url("/dns-zones/"), &[], None);
    assert_eq!(api.header("content-security-policy"), None);
}

#[test]
fn the_build_has_fixed_names_and_no_inline_script_and_its_files_are_revalidated() {
    let dist = dist();
    let index = std::fs::read_to_string(dist.join("index.html")).expect("a built index.html");
    let server = TestServer::start();

    // Every script of the page is a file.
    for tag in index.split("<script").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        assert!(tag.contains("src="), "an inline script: <script{tag}>");
    }

    // Other people's pages import these names; each build replaces their content, so a
    // browser must ask before using a copy it keeps.
    let files = [
        ("dns-dashboard.js", "text/javascript"),
        ("dns-dashboard_bg.wasm", "application/wasm"),
        ("main.css", "text/css"),
        ("start.js", "text/javascript"),
        ("theme.js", "text/javascript"),
    ];
    for (name, content_type) in files {
        assert!(dist.join(name).is_file(), "{name} is in {}", dist.display());
        assert!(index.contains(&format!("/{name}")), "index.html names {name}");
        let file = get(&server, &format!("/{name}"));
        file.assert_status(200);
        let served_type = file.header("content-type").unwrap_or_default();
        assert!(served_type.starts_with(content_type), "{name} as {served_type}");
        assert_eq!(file.header("cache-control"), Some("no-cache"), "{name}");
        assert_eq!(file.header("content-security-policy"), None, "{name} is no page");
    }
}

/// Recorded from the start of every document, before any script of the page runs: each
/// violation of the page's policy as `directive blocked-URI sample`.
const RECORD_VIOLATIONS: &str = "
    window.policyViolations = [];
    document.addEventListener('securitypolicyviolation', event => {
      window.policyViolations.push(
        `${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
    });
";

fn violations(browser: &Browser) -> Vec<Value> {
    let found = browser.execute("return window.policyViolations || null;", json!([]));
    found.as_array().cloned().expect("the recorder ran on this page")
}

/// Picks `value` in the header's select that offers it.
fn choose(browser: &Browser, value: &str) {
    browser.click(&browser.wait_for(&format!(".header-switches option[value='{value}']")));
}

#[test]
fn a_whole_session_under_the_policy_violates_nothing() {
    let server = TestServer::start();
    let token = server.token("alice", "dns:*");
    let browser = Browser::start();
    browser
        .devtools("Page.addScriptToEvaluateOnNewDocument", json!({ "source": RECORD_VIOLATIONS }));

    // Sign in, create a zone, add a record.
    browser.goto(&format!("{}/", server.base_url()));
    browser.type_text(&browser.wait_for("#token-input"), &token);
    browser.click(&browser.wait_for("form button[type='submit']"));
    browser.type_text(&browser.wait_for("#new-zone-domain"), "policy.example");
    browser.click(&browser.wait_for_text("button", "Create zone"));
    browser.wait_for_text("h1", "policy.example");
    browser.click(&browser.wait_for_text("button", "Add record"));
    browser.type_text(&browser.wait_for(".record-form [name='name']"), "www");
    browser.type_text(&browser.wait_for(".record-form [name='value']"), "192.0.2.8");
    browser.click(&browser.wait_for_text(".record-form button", "Save record"));
    browser.wait_for_text("tr[data-record] td.value", "192.0.2.8");

    // Switch the theme and the language, then reload: the boot scripts run again.
    choose(&browser, "dark");
    choose(&browser, "sq");
    browser.wait_until("Albanian", || {
        let lang = browser.execute("return document.documentElement.lang", json!([]));
        (lang == "sq").then_some(())
    });
    assert_eq!(violations(&browser), Vec::<Value>::new(), "before the reload");
    browser.reload();
    browser.wait_for_text("tr[data-record] td.value", "192.0.2.8");
    let theme = browser.execute("return document.documentElement.dataset.theme", json!([]));
    assert_eq!(theme, "dark", "the theme script ran from its file");
    assert_eq!(violations(&browser), Vec::<Value>::new(), "after the reload");

    // The app sets no `style` attribute the policy would refuse: its one inline style, the
    // guarded page's `display`, goes through the style object, which the policy allows.
    let styled = browser.execute(
        "return Array.from(document.querySelectorAll('[style]'), e => e.getAttribute('style'));",
        json!([]),
    );
    for style in styled.as_array().into_iter().flatten() {
        let style = style.as_str().unwrap_or_default();
        assert!(style.is_empty() || style.starts_with("display:"), "style=\"{style}\"");
    }

    // The policy is in force, and the recorder hears it: an inline script is refused.
    browser.execute(
        "const script = document.createElement('script'); \
         script.textContent = 'window.inlineRan = true'; document.head.append(script);",
        json!([]),
    );
    let refused = browser.wait_until("the inline script's violation", || {
        let found = violations(&browser);
        (!found.is_empty()).then_some(found)
    });
    assert!(refused[0].as_str().is_some_and(|v| v.starts_with("script-src")), "{refused:?}");
    assert_eq!(browser.execute("return window.inlineRan || false", json!([])), false);
}

// Demo pages.

/// A page directory beside a file that must stay out of reach, and a server for it.
fn demo_server() -> (TestServer, tempfile::TempDir) {
    let root = tempfile::tempdir().expect("a temporary directory");
    let pages = root.path().join("pages");
    std::fs::create_dir_all(pages.join("nested")).expect("the page directories are made");
    std::fs::write(root.path().join("secret.html"), "outside the pages").expect("written");
    std::fs::write(pages.join("host.html"), "<!doctype html><title>Host</title>").expect("");
    std::fs::write(pages.join("host.js"), "export const host = 1;\n").expect("written");
    std::fs::write(pages.join("host.css"), "body { margin: 0 }\n").expect("written");
    std::fs::write(pages.join("notes.txt"), "not a page").expect("written");
    std::fs::write(pages.join("nested").join("inner.html"), "nested").expect("written");
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.path().join("secret.html"), pages.join("link.html"))
        .expect("a link is made");

    let server = TestServer::start_with(&["--demo-pages", path_text(&pages)]);
    (server, root)
}

fn path_text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

#[test]
fn demo_pages_are_served_by_type_without_the_dashboards_policy() {
    let (server, _root) = demo_server();
    for (name, content_type, text) in [
        ("host.html", "text/html", "<title>Host</title>"),
        ("host.js", "text/javascript", "export const host"),
        ("host.css", "text/css", "margin: 0"),
    ] {
        let page = get(&server, &format!("/demo/{name}"));
        page.assert_status(200);
        assert!(page.header("content-type").unwrap_or_default().starts_with(content_type));
        assert!(page.text().contains(text), "{name}: {}", page.text());
        assert_eq!(page.header("content-security-policy"), None, "{name}");
        assert_eq!(page.header("cache-control"), Some("no-cache"), "{name}");
    }
}

#[test]
fn demo_pages_never_reach_outside_their_directory_nor_list_it() {
    let (server, _root) = demo_server();
    let refused = [
        "/demo/",
        "/demo/../secret.html",
        "/demo/..%2fsecret.html",
        "/demo/%2e%2e/secret.html",
        "/demo/%2e%2e%2fsecret.html",
        "/demo/..%5csecret.html",
        "/demo/nested/inner.html",
        "/demo/nested",
        "/demo/notes.txt",
        "/demo/link.html",
        "/demo/missing.html",
        "/demo/host.html%00.txt",
    ];
    for path in refused {
        let answer = get(&server, path);
        assert_eq!(answer.status, 404, "{path} answered {}", answer.text());
        assert_eq!(answer.text(), "No such demo page.\n", "{path}");
    }

    let output = server.run(&["serve", "--listen", "127.0.0.1:0", "--demo-pages", "/no/such/dir"]);
    assert_eq!(output.status.code(), Some(1), "a missing directory stops the server");
    assert!(String::from_utf8_lossy(&output.stderr).contains("/no/such/dir"));
}
