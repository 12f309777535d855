//! A small W3C WebDriver client, enough to drive Chromium through ChromeDriver as a person
//! would: open a page, find things by CSS selector, type, press keys, click, read text and
//! focus. A few Chromium DevTools commands, which ChromeDriver passes on, let a test look as
//! a phone would, or as under a dark system setting, and take a picture of the whole page.
//!
//! It speaks HTTP/1.1 over a plain loopback socket, since ChromeDriver runs beside the tests;
//! a general HTTP client library would add build time and nothing else.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long `wait_for` and friends wait before failing the test: generous, because CI
/// machines have two cores shared by Chromium, the server and the test itself.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// WebDriver's codes for keys that type no character, for [`Browser::press_key`].
pub mod keys {
    pub const TAB: &str = "\u{E004}";
    pub const ENTER: &str = "\u{E007}";
    pub const ESCAPE: &str = "\u{E00C}";
}

/// A headless Chromium session, ended and cleaned up on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
    downloads: tempfile::TempDir,
    _turn: std::sync::MutexGuard<'static, ()>,
}

static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// An element found on the page.
#[derive(Clone, Debug)]
pub struct Element(String);

impl Element {
    /// The element as a script argument for [`Browser::execute`].
    pub fn as_arg(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

impl Browser {
    /// Starts ChromeDriver on a free loopback port and opens a fresh headless session.
    ///
    /// Sessions run one at a time (the returned browser holds a process-wide lock until it
    /// is dropped): two Chromiums on a two-core machine starve each other into timeouts.
    pub fn start() -> Browser {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let chromedriver = std::env::var("CHROMEDRIVER")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from("/usr/bin/chromedriver"));
        assert!(
            chromedriver.exists(),
            "{} is missing: run scripts/test, which installs chromium-driver",
            chromedriver.display()
        );

        let port = free_port();
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = tempfile::tempdir().expect("a temporary Chromium profile");
        let downloads = tempfile::tempdir().expect("a temporary download directory");

        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
            downloads,
            _turn: turn,
        };
        browser.wait_until_ready();

        let profile_arg = format!("--user-data-dir={}", browser._profile.path().display());
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--window-size=1280,900",
                        profile_arg,
                    ],
                    "prefs": {
                        "download.default_directory": browser.downloads.path(),
                        "download.prompt_for_download": false,
                    }
                }
            }}
        });
        let answer = browser.call("POST", "/session", Some(capabilities));
        browser.session = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id in {answer}"))
            .to_owned();
        browser
    }

    /// The text of the file `name` that the page downloaded, waiting until it is complete.
    /// The file is then removed, so that the next download of that name keeps the name.
    pub fn take_download(&self, name: &str) -> String {
        let path = self.downloads.path().join(name);
        let text = self.wait_until(&format!("the download {name}"), || {
            let partial = self.downloads.path().join(format!("{name}.crdownload"));
            if partial.exists() {
                return None;
            }
            std::fs::read_to_string(&path).ok()
        });
        let _ = std::fs::remove_file(&path);
        text
    }

    pub fn goto(&self, url: &str) {
        self.session_call("POST", "/url", Some(json!({ "url": url })));
    }

    /// The first element matching `css`, waiting for it to appear.
    pub fn wait_for(&self, css: &str) -> Element {
        self.wait_until(&format!("an element matching {css}"), || self.try_find(css))
    }

    /// The element matching `css` whose text contains `text`, waiting for it to appear.
    pub fn wait_for_text(&self, css: &str, text: &str) -> Element {
        self.wait_until(&format!("{css} containing {text:?}"), || {
            // The page may re-render between finding and reading; such an element is skipped
            // and found again on the next round.
            self.find_all(css)
                .into_iter()
                .find(|e| self.try_text(e).is_some_and(|shown| shown.contains(text)))
        })
    }

    /// Waits until nothing matches `css`.
    pub fn wait_for_absence(&self, css: &str) {
        self.wait_until(&format!("no element matching {css}"), || {
            self.try_find(css).is_none().then_some(())
        });
    }

    /// Waits until exactly `n` elements match `css`, and checks that it stays so a moment
    /// later: the record table draws a long list a few rows per frame.
    pub fn wait_for_count(&self, css: &str, n: usize) {
        let count = || {
            let found =
                self.execute("return document.querySelectorAll(arguments[0]).length", json!([css]));
            found.as_u64().unwrap_or_default() as usize
        };
        self.wait_until(&format!("{n} elements matching {css}"), || (count() == n).then_some(()));
        std::thread::sleep(Duration::from_millis(300));
        assert_eq!(count(), n, "{css} settled at {n} and then changed");
    }

    /// Polls `probe` until it gives a value, failing the test after [`PATIENCE`].
    pub fn wait_until<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(found) = probe() {
                return found;
            }
            if Instant::now() > deadline {
                let body = self.execute("return document.body.innerText", json!([]));
                panic!("waited {PATIENCE:?} for {what}; the page shows:\n{body}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn try_find(&self, css: &str) -> Option<Element> {
        let body = json!({ "using": "css selector", "value": css });
        let answer = self.raw_call("POST", &self.path("/element"), Some(body));
        answer["value"][ELEMENT_KEY].as_str().map(|id| Element(id.to_owned()))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let body = json!({ "using": "css selector", "value": css });
        let answer = self.session_call("POST", "/elements", Some(body));
        answer
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e[ELEMENT_KEY].as_str())
            .map(|id| Element(id.to_owned()))
            .collect()
    }

    pub fn click(&self, element: &Element) {
        self.session_call("POST", &format!("/element/{}/click", element.0), Some(json!({})));
    }

    /// Types `text` at the end of what the input holds.
    pub fn type_text(&self, element: &Element, text: &str) {
        let body = json!({ "text": text });
        self.session_call("POST", &format!("/element/{}/value", element.0), Some(body));
    }

    /// Empties the input, then types `text`.
    pub fn replace_text(&self, element: &Element, text: &str) {
        self.session_call("POST", &format!("/element/{}/clear", element.0), Some(json!({})));
        self.type_text(element, text);
    }

    /// The rendered text of an element.
    pub fn text(&self, element: &Element) -> String {
        let answer = self.session_call("GET", &format!("/element/{}/text", element.0), None);
        answer.as_str().unwrap_or_default().to_owned()
    }

    /// The rendered text, or `None` when the element is no longer on the page.
    pub fn try_text(&self, element: &Element) -> Option<String> {
        let answer =
            self.raw_call("GET", &self.path(&format!("/element/{}/text", element.0)), None);
        answer["value"].as_str().map(str::to_owned)
    }

    /// A DOM property, such as an input's `value`, as text.
    pub fn property(&self, element: &Element, name: &str) -> String {
        let path = format!("/element/{}/property/{name}", element.0);
        match self.session_call("GET", &path, None) {
            Value::String(text) => text,
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }

    /// Whether `element` has the keyboard focus.
    pub fn is_focused(&self, element: &Element) -> bool {
        let active = self.session_call("GET", "/element/active", None);
        active[ELEMENT_KEY].as_str() == Some(element.0.as_str())
    }

    /// Runs `script` in the page with `args` and returns its result.
    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.session_call("POST", "/execute/sync", Some(json!({ "script": script, "args": args })))
    }

    /// Runs `script` in the page with `args` and returns what it passes to its callback, the
    /// last argument, which it must call within ChromeDriver's script timeout (30 s).
    pub fn execute_async(&self, script: &str, args: Value) -> Value {
        let body = json!({ "script": script, "args": args });
        self.session_call("POST", "/execute/async", Some(body))
    }

    /// Reloads the page, as the browser's reload button does.
    pub fn reload(&self) {
        self.session_call("POST", "/refresh", Some(json!({})));
    }

    /// The text of the `alert`, `confirm` or `prompt` dialog open on the page, if any.
    pub fn open_dialog(&self) -> Option<String> {
        let answer = self.raw_call("GET", &self.path("/alert/text"), None);
        answer["value"].as_str().map(str::to_owned)
    }

    /// Presses and releases each key of `keys` at whatever has the focus, as a person
    /// typing would; the codes of [`keys`] work too.
    pub fn press_keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|key| {
                let key = key.to_string();
                [
                    json!({ "type": "keyDown", "value": key }),
                    json!({ "type": "keyUp", "value": key }),
                ]
            })
            .collect();
        let body = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] });
        self.session_call("POST", "/actions", Some(body));
        self.session_call("DELETE", "/actions", None);
    }

    /// Clicks `element` with Shift held down.
    pub fn shift_click(&self, element: &Element) {
        self.execute("arguments[0].scrollIntoView({block: 'center'})", json!([element.as_arg()]));
        const SHIFT: &str = "\u{E008}";
        let pause = json!({ "type": "pause", "duration": 0 });
        let keys = json!({ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": SHIFT }, pause, pause, pause,
            { "type": "keyUp", "value": SHIFT },
        ]});
        let mouse = json!({
            "type": "pointer", "id": "mouse", "parameters": { "pointerType": "mouse" },
            "actions": [
                pause,
                { "type": "pointerMove", "origin": element.as_arg(), "x": 0, "y": 0 },
                { "type": "pointerDown", "button": 0 },
                { "type": "pointerUp", "button": 0 },
                pause,
            ]
        });
        self.session_call("POST", "/actions", Some(json!({ "actions": [keys, mouse] })));
        self.session_call("DELETE", "/actions", None);
    }

    /// Lets the page read and write the clipboard without asking.
    pub fn allow_clipboard(&self) {
        for name in ["clipboard-read", "clipboard-write"] {
            let body = json!({ "descriptor": { "name": name }, "state": "granted" });
            self.session_call("POST", "/permissions", Some(body));
        }
    }

    /// A PNG screenshot of the window.
    pub fn screenshot(&self) -> Vec<u8> {
        let encoded = self.session_call("GET", "/screenshot", None);
        decode_base64(encoded.as_str().unwrap_or_default())
    }

    /// A PNG picture of the whole page, as tall as its content, at the viewport's width.
    pub fn full_page_screenshot(&self) -> Vec<u8> {
        let size = self.execute(
            "const root = document.documentElement; \
             return [root.clientWidth, Math.max(root.scrollHeight, window.innerHeight)];",
            json!([]),
        );
        let (width, height) =
            (size[0].as_f64().unwrap_or(1280.0), size[1].as_f64().unwrap_or(900.0));
        let params = json!({
            "format": "png",
            "captureBeyondViewport": true,
            "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
        });
        let answer = self.devtools("Page.captureScreenshot", params);
        decode_base64(answer["data"].as_str().unwrap_or_default())
    }

    /// Lays the page out as on a phone `width` CSS pixels wide and `height` tall (touch,
    /// overlay scroll bars, the viewport meta tag honoured), until [`Browser::desktop`].
    pub fn emulate_phone(&self, width: u32, height: u32) {
        let params = json!({
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": true,
        });
        self.devtools("Emulation.setDeviceMetricsOverride", params);
    }

    /// Back to the window's own size after [`Browser::emulate_phone`].
    pub fn desktop(&self) {
        self.devtools("Emulation.clearDeviceMetricsOverride", json!({}));
    }

    /// Makes the page see `prefers-color-scheme: scheme` (`"light"` or `"dark"`), or the
    /// browser's own setting again with `None`.
    pub fn emulate_color_scheme(&self, scheme: Option<&str>) {
        let features = json!([{ "name": "prefers-color-scheme", "value": scheme.unwrap_or("") }]);
        self.devtools("Emulation.setEmulatedMedia", json!({ "features": features }));
    }

    /// A Chromium DevTools Protocol command, through ChromeDriver, and its result.
    /// From the next page on, collects each page's uncaught errors and console errors (a
    /// panic of the wasm is both), for [`Browser::page_errors`].
    pub fn record_page_errors(&self) {
        let source = json!({ "source": RECORD_ERRORS });
        self.devtools("Page.addScriptToEvaluateOnNewDocument", source);
    }

    /// The errors the current page reported since it loaded (see
    /// [`Browser::record_page_errors`]).
    pub fn page_errors(&self) -> Vec<String> {
        let errors = self.execute("return window.pageErrors || []", json!([]));
        errors.as_array().into_iter().flatten().map(|e| e.as_str().unwrap_or("?").into()).collect()
    }

    pub fn devtools(&self, command: &str, params: Value) -> Value {
        let body = json!({ "cmd": command, "params": params });
        self.session_call("POST", "/goog/cdp/execute", Some(body))
    }

    fn path(&self, tail: &str) -> String {
        format!("/session/{}{tail}", self.session)
    }

    fn session_call(&self, method: &str, tail: &str, body: Option<Value>) -> Value {
        self.call(method, &self.path(tail), body)
    }

    /// A WebDriver command whose failure fails the test.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let answer = self.raw_call(method, path, body);
        if answer["value"]["error"].is_string() {
            panic!("WebDriver {method} {path} failed: {}", answer["value"]);
        }
        answer["value"].clone()
    }

    fn raw_call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let (_, text) = http(self.port, method, path, body.map(|b| b.to_string()));
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("WebDriver answered: {text}"))
    }

    fn wait_until_ready(&self) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                let (status, _) = http(self.port, "GET", "/status", None);
                if status == 200 {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("chromedriver did not start on port {}", self.port);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = std::panic::catch_unwind(|| http(self.port, "DELETE", &path, None));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    listener.local_addr().expect("a bound address").port()
}

/// One HTTP/1.1 exchange with a server on loopback: the status and the body.
fn http(port: u16, method: &str, path: &str, body: Option<String>) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to chromedriver");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("set a read timeout");
    let body = body.unwrap_or_default();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send to chromedriver");

    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).expect("read the status line");
    let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);

    let mut length = None;
    let mut chunked = false;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read a header");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(value) = lower.strip_prefix("content-length:") {
            length = value.trim().parse::<usize>().ok();
        }
        if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }

    let mut bytes = Vec::new();
    if chunked {
        loop {
            let mut size_line = String::new();
            reader.read_line(&mut size_line).expect("read a chunk size");
            let size = usize::from_str_radix(size_line.trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).expect("read a chunk");
            bytes.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = length {
        bytes.resize(length, 0);
        reader.read_exact(&mut bytes).expect("read the body");
    } else {
        reader.read_to_end(&mut bytes).expect("read the body");
    }
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let sextets: Vec<u8> = text.bytes().filter_map(value).collect();
    sextets
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk.iter().fold(0u32, |acc, &s| (acc << 6) | u32::from(s))
                << (6 * (4 - chunk.len()));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(chunk.len().saturating_sub(1))
        })
        .collect()
}

/// The page script behind [`Browser::record_page_errors`].
const RECORD_ERRORS: &str = "window.pageErrors = []; \
    window.addEventListener('error', (e) => window.pageErrors.push(String(e.message))); \
    window.addEventListener('unhandledrejection', (e) => \
      window.pageErrors.push(String(e.reason))); \
    const plainError = console.error; \
    console.error = (...parts) => { \
      window.pageErrors.push(parts.map(String).join(' ')); \
      plainError.apply(console, parts); \
    };";
