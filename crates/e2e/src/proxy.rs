//! A fault-injecting HTTP proxy on loopback, between the browser and the [`TestServer`].
//!
//! Some answers the dashboard must handle never come from the reference server: an HTML 502
//! from a gateway, a 429 with a chosen `Retry-After`, a connection that dies, a token refused
//! in the middle of a session, a list paged when the server would send it whole. The test
//! opens the dashboard through this proxy, so the page and its API calls share one origin and
//! every request passes here, and sets [`Rule`]s while it runs: the next N requests that
//! match a method and path answer a canned response, lose their connection, wait, or go on
//! with a changed query. Everything else is forwarded untouched, `Host` included, so the
//! links the server builds (`next`) point back at the proxy.
//!
//! A request may also be held: sent on to the server at once while its answer is held back for
//! a while, or for good (the server acted, the browser never hears of it), or never sent on at
//! all. And every page (a `text/html` answer) can carry a line the test adds to its head, such
//! as a `<meta>` tag that sets the dashboard's request timeout.
//!
//! Every request is recorded with the moment it arrived and what became of it, so a test can
//! assert what the page sent: that a 429 was retried exactly once, and how long after.
//!
//! One request per connection: each answer says `Connection: close`, and browsers open a new
//! connection for the next request, which keeps the proxy a plain loop over a socket.
//! Chromium resends a GET once by itself when its connection closes without an answer, so a
//! test that means "the network is down" drops every matching request (`always()`) until it
//! clears the rule.
//!
//! [`TestServer`]: crate::TestServer

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// How long the proxy waits on either side before it gives up on a connection.
const TIMEOUT: Duration = Duration::from_secs(60);

/// A running proxy, stopped when dropped.
pub struct Proxy {
    port: u16,
    shared: Arc<Shared>,
}

/// What the proxy threads and the test share.
struct Shared {
    upstream: String,
    rules: Mutex<Vec<Rule>>,
    log: Mutex<Vec<Exchange>>,
    /// Put before `</head>` of every page forwarded.
    into_pages: Mutex<String>,
    stopping: AtomicBool,
}

/// Which requests a [`Rule`] applies to.
#[derive(Clone, Debug)]
enum PathMatch {
    /// The path (without the query) starts with this.
    Prefix(String),
    /// The path (without the query) is exactly this.
    Exact(String),
}

/// What the proxy does with a request a rule matched.
#[derive(Clone, Debug)]
pub enum Action {
    /// Answers this instead of the server.
    Respond { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Closes the connection without a byte of answer, as a network failure looks to fetch.
    Drop,
    /// Sends the head and the first half of the body of the server's answer, then closes:
    /// an answer cut off on the way.
    Cut,
    /// Waits, then forwards.
    Delay(Duration),
    /// Forwards with `name=value` added to the query, unless `name` is already in it.
    AddQuery { name: String, value: String },
    /// Forwards at once (when `forward`), then holds the answer back for `wait`, or for as
    /// long as the browser keeps the connection open when `wait` is `None`.
    Hold { forward: bool, wait: Option<Duration> },
}

/// "The next N requests matching METHOD and path: do this."
#[derive(Clone, Debug)]
pub struct Rule {
    method: Option<String>,
    path: PathMatch,
    /// How many more requests this rule applies to; `None` for every one.
    remaining: Option<usize>,
    action: Action,
}

impl Rule {
    /// A rule for the next request with `method` (any, if empty) whose path starts with
    /// `path_prefix`. It forwards until an action is set.
    pub fn on(method: &str, path_prefix: &str) -> Rule {
        Rule {
            method: (!method.is_empty()).then(|| method.to_ascii_uppercase()),
            path: PathMatch::Prefix(path_prefix.to_owned()),
            remaining: Some(1),
            action: Action::Delay(Duration::ZERO),
        }
    }

    /// Matches only the path given to [`Rule::on`] itself, whatever the query.
    pub fn exact(mut self) -> Rule {
        let (PathMatch::Prefix(path) | PathMatch::Exact(path)) = self.path;
        self.path = PathMatch::Exact(path);
        self
    }

    /// Applies to the next `count` matching requests instead of one.
    pub fn times(mut self, count: usize) -> Rule {
        self.remaining = Some(count);
        self
    }

    /// Applies to every matching request from now on.
    pub fn always(mut self) -> Rule {
        self.remaining = None;
        self
    }

    /// Answers `status` with `headers` and `body`.
    pub fn respond(mut self, status: u16, headers: &[(&str, &str)], body: &str) -> Rule {
        let headers = headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        self.action = Action::Respond { status, headers, body: body.as_bytes().to_vec() };
        self
    }

    /// Answers `status` with a JSON body, labelled `application/json`.
    pub fn respond_json(self, status: u16, body: &serde_json::Value) -> Rule {
        self.respond(status, &[("Content-Type", "application/json")], &body.to_string())
    }

    pub fn drop_connection(mut self) -> Rule {
        self.action = Action::Drop;
        self
    }

    pub fn cut_answer(mut self) -> Rule {
        self.action = Action::Cut;
        self
    }

    pub fn delay(mut self, wait: Duration) -> Rule {
        self.action = Action::Delay(wait);
        self
    }

    /// The server gets the request at once; its answer reaches the browser `wait` later.
    pub fn hold_answer(mut self, wait: Duration) -> Rule {
        self.action = Action::Hold { forward: true, wait: Some(wait) };
        self
    }

    /// The server gets the request and acts on it, but its answer never reaches the browser:
    /// the connection stays open, silent, until the browser gives up on it.
    pub fn never_answer(mut self) -> Rule {
        self.action = Action::Hold { forward: true, wait: None };
        self
    }

    /// The request never reaches the server, and the connection stays open, silent, until the
    /// browser gives up on it.
    pub fn swallow(mut self) -> Rule {
        self.action = Action::Hold { forward: false, wait: None };
        self
    }

    pub fn add_query(mut self, name: &str, value: &str) -> Rule {
        self.action = Action::AddQuery { name: name.to_owned(), value: value.to_owned() };
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self.method.as_deref().is_none_or(|wanted| wanted == method);
        let path_ok = match &self.path {
            PathMatch::Prefix(prefix) => path.starts_with(prefix.as_str()),
            PathMatch::Exact(exact) => path == exact,
        };
        method_ok && path_ok && self.remaining != Some(0)
    }
}

/// What became of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Sent on to the server, which answered this status (0: no answer from it).
    Forwarded(u16),
    /// Answered by a rule with this status.
    Injected(u16),
    /// The connection was closed without an answer.
    Dropped,
    /// The answer was cut off after part of the body.
    Cut,
    /// The server answered this status (0: it was not asked), and the answer was held back
    /// until the browser closed the connection: the browser never saw it.
    Held(u16),
}

/// One request as the proxy received it.
#[derive(Clone, Debug)]
pub struct Exchange {
    /// When the whole request had arrived.
    pub at: Instant,
    pub method: String,
    /// The path and query as the browser sent them.
    pub target: String,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub outcome: Outcome,
}

impl Exchange {
    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(key, _)| *key == name).map(|(_, value)| value.as_str())
    }
}

impl Proxy {
    /// Starts a proxy on a free loopback port that forwards to `upstream_base`
    /// (`http://127.0.0.1:PORT`, as [`TestServer::base_url`] gives it).
    ///
    /// [`TestServer::base_url`]: crate::TestServer::base_url
    pub fn start(upstream_base: &str) -> Proxy {
        let upstream = upstream_base
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("not an http URL: {upstream_base}"))
            .trim_end_matches('/')
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("a bound address").port();
        let shared = Arc::new(Shared {
            upstream,
            rules: Mutex::new(Vec::new()),
            log: Mutex::new(Vec::new()),
            into_pages: Mutex::new(String::new()),
            stopping: AtomicBool::new(false),
        });

        let accepting = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&accepting);
                thread::spawn(move || serve(&shared, stream));
            }
        });
        Proxy { port, shared }
    }

    /// `http://127.0.0.1:PORT` of the proxy: open the dashboard here.
    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Adds `rule` after the rules already set; the first rule that matches a request wins.
    pub fn rule(&self, rule: Rule) {
        self.shared.rules.lock().unwrap_or_else(PoisonError::into_inner).push(rule);
    }

    /// Puts `html` (a `<meta>` tag, say) before `</head>` of every page forwarded from now on.
    pub fn add_to_pages(&self, html: &str) {
        self.shared.into_pages.lock().unwrap_or_else(PoisonError::into_inner).push_str(html);
    }

    /// Removes every rule: from now on everything is forwarded.
    pub fn clear_rules(&self) {
        self.shared.rules.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }

    /// Every request answered so far, in the order they arrived.
    pub fn requests(&self) -> Vec<Exchange> {
        let mut log = self.shared.log.lock().unwrap_or_else(PoisonError::into_inner).clone();
        log.sort_by_key(|exchange| exchange.at);
        log
    }

    /// The requests so far with `method` whose path starts with `path_prefix`.
    pub fn requests_to(&self, method: &str, path_prefix: &str) -> Vec<Exchange> {
        let mut found = self.requests();
        found
            .retain(|e| e.method.eq_ignore_ascii_case(method) && e.path().starts_with(path_prefix));
        found
    }

    /// Forgets the requests recorded so far.
    pub fn clear_requests(&self) {
        self.shared.log.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wakes the accepting thread, which then sees the flag and ends.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// A request read from the browser.
struct Request {
    method: String,
    target: String,
    /// Header lines as received, names in their original case.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

/// Handles the one request of a connection.
fn serve(shared: &Shared, mut client: TcpStream) {
    let _ = client.set_read_timeout(Some(TIMEOUT));
    let _ = client.set_write_timeout(Some(TIMEOUT));
    let Some(mut request) = read_request(&client) else { return };
    let at = Instant::now();

    let action = take_action(shared, &request);
    let outcome = match action {
        Some(Action::Respond { status, headers, body }) => {
            let _ = client.write_all(&canned(status, &headers, &body));
            Outcome::Injected(status)
        }
        Some(Action::Drop) => Outcome::Dropped,
        Some(Action::Cut) => {
            let answer = forward(&shared.upstream, &request).unwrap_or_default();
            let _ = client.write_all(cut_in_half(&answer));
            Outcome::Cut
        }
        Some(Action::Hold { forward, wait }) => {
            let answer = if forward { forward_to(shared, &request) } else { Vec::new() };
            let status = status_of(&answer);
            if hold(&client, wait) {
                let _ = client.write_all(&answer);
                Outcome::Forwarded(status)
            } else {
                Outcome::Held(status)
            }
        }
        other => {
            if let Some(Action::Delay(wait)) = other {
                thread::sleep(wait);
            }
            if let Some(Action::AddQuery { name, value }) = other {
                request.target = with_query(&request.target, &name, &value);
            }
            let answer = forward_to(shared, &request);
            let _ = client.write_all(&answer);
            Outcome::Forwarded(status_of(&answer))
        }
    };
    let _ = client.flush();
    let _ = client.shutdown(Shutdown::Both);

    let headers = request.headers.iter().map(|(k, v)| (k.to_ascii_lowercase(), v.clone()));
    let exchange = Exchange {
        at,
        method: request.method,
        target: request.target,
        headers: headers.collect(),
        outcome,
    };
    shared.log.lock().unwrap_or_else(PoisonError::into_inner).push(exchange);
}

/// Forwards `request` and returns the server's answer (empty without one), a page with the
/// test's addition in its head.
fn forward_to(shared: &Shared, request: &Request) -> Vec<u8> {
    let answer = forward(&shared.upstream, request).unwrap_or_default();
    let addition = shared.into_pages.lock().unwrap_or_else(PoisonError::into_inner).clone();
    if addition.is_empty() { answer } else { add_to_page(answer, &addition) }
}

/// Waits `wait`, or while the browser keeps the connection open when `wait` is `None`.
/// Returns whether the browser is still there to be answered.
fn hold(client: &TcpStream, wait: Option<Duration>) -> bool {
    let until = Instant::now() + wait.unwrap_or(TIMEOUT);
    let _ = client.set_nonblocking(true);
    let mut byte = [0_u8; 1];
    let still_open = loop {
        match client.peek(&mut byte) {
            Ok(0) => break false,
            Err(error) if error.kind() != std::io::ErrorKind::WouldBlock => break false,
            _ => {}
        }
        if Instant::now() >= until {
            break wait.is_some();
        }
        thread::sleep(Duration::from_millis(20));
    };
    let _ = client.set_nonblocking(false);
    still_open
}

/// `answer` with `addition` before `</head>` when it is a whole (not chunked) `text/html`
/// answer, its `Content-Length` set to match; any other answer as it was.
fn add_to_page(answer: Vec<u8>, addition: &str) -> Vec<u8> {
    let Some(head_end) = answer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return answer;
    };
    let head = String::from_utf8_lossy(&answer[..head_end]).into_owned();
    let lower = head.to_ascii_lowercase();
    let is_page = lower.contains("content-type: text/html") && !lower.contains("chunked");
    let body = String::from_utf8_lossy(&answer[head_end + 4..]).into_owned();
    let Some(at) = body.find("</head>").filter(|_| is_page) else { return answer };

    let body = format!("{}{addition}{}", &body[..at], &body[at..]);
    let mut lines: Vec<String> = head
        .split("\r\n")
        .filter(|line| !line.to_ascii_lowercase().starts_with("content-length:"))
        .map(str::to_owned)
        .collect();
    lines.push(format!("Content-Length: {}", body.len()));
    let mut bytes = format!("{}\r\n\r\n", lines.join("\r\n")).into_bytes();
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

/// The action of the first rule matching `request`, spending one of its uses.
fn take_action(shared: &Shared, request: &Request) -> Option<Action> {
    let path = request.target.split('?').next().unwrap_or_default();
    let mut rules = shared.rules.lock().unwrap_or_else(PoisonError::into_inner);
    let rule = rules.iter_mut().find(|rule| rule.matches(&request.method, path))?;
    if let Some(remaining) = &mut rule.remaining {
        *remaining -= 1;
    }
    Some(rule.action.clone())
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();

    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }

    // Browsers send a fetch body with its length; chunked request bodies are not needed here.
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { method, target, headers, body })
}

/// Sends `request` to the server on a connection of its own and returns the raw answer.
fn forward(upstream: &str, request: &Request) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).ok()?;
    server.set_read_timeout(Some(TIMEOUT)).ok()?;

    let mut head = format!("{} {} HTTP/1.1\r\n", request.method, request.target);
    let hop_by_hop = ["connection", "keep-alive", "proxy-connection"];
    for (name, value) in &request.headers {
        if !hop_by_hop.contains(&name.to_ascii_lowercase().as_str()) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("Connection: close\r\n\r\n");
    server.write_all(head.as_bytes()).ok()?;
    server.write_all(&request.body).ok()?;

    let mut answer = Vec::new();
    server.read_to_end(&mut answer).ok()?;
    Some(answer)
}

fn canned(status: u16, headers: &[(String, String)], body: &[u8]) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", body.len()));
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// The head of `answer` and half of its body.
fn cut_in_half(answer: &[u8]) -> &[u8] {
    let head_end = answer.windows(4).position(|w| w == b"\r\n\r\n").map_or(0, |at| at + 4);
    let body = answer.len() - head_end;
    &answer[..head_end + body / 2]
}

/// `target` with `name=value` in its query, unless a parameter `name` is already there.
fn with_query(target: &str, name: &str, value: &str) -> String {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let present = query.split('&').any(|pair| pair.split('=').next() == Some(name));
    match (present, query.is_empty()) {
        (true, _) => target.to_owned(),
        (false, true) => format!("{path}?{name}={value}"),
        (false, false) => format!("{path}?{query}&{name}={value}"),
    }
}

fn status_of(answer: &[u8]) -> u16 {
    let line = answer.split(|&b| b == b'\r').next().unwrap_or_default();
    let line = String::from_utf8_lossy(line);
    line.split_whitespace().nth(1).and_then(|code| code.parse().ok()).unwrap_or(0)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        412 => "Precondition Failed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_parameter_is_added_only_when_absent() {
        assert_eq!(with_query("/z/", "page_size", "100"), "/z/?page_size=100");
        assert_eq!(with_query("/z/?domain=a", "page_size", "100"), "/z/?domain=a&page_size=100");
        assert_eq!(with_query("/z/?page_size=1", "page_size", "100"), "/z/?page_size=1");
    }

    #[test]
    fn a_rule_matches_its_method_and_path_until_it_is_spent() {
        let rule = Rule::on("get", "/api/v1/dns-zones/").exact();
        assert!(rule.matches("GET", "/api/v1/dns-zones/"));
        assert!(!rule.matches("GET", "/api/v1/dns-zones/abc/"));
        assert!(!rule.matches("POST", "/api/v1/dns-zones/"));
        let prefix = Rule::on("", "/api/").times(0);
        assert!(!prefix.matches("GET", "/api/v1/"), "a spent rule matches nothing");
        assert!(Rule::on("", "/api/").matches("DELETE", "/api/v1/"));
    }

    #[test]
    fn a_page_gets_the_addition_in_its_head_and_a_length_to_match() {
        let page = b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: 26\r\n\r\n\
                     <html><head></head></html>";
        let changed = add_to_page(page.to_vec(), "<meta>");
        let text = String::from_utf8(changed).expect("text");
        assert!(text.ends_with("<html><head><meta></head></html>"), "{text}");
        assert!(text.contains("Content-Length: 32\r\n\r\n"), "{text}");
        assert!(!text.contains("content-length: 26"), "{text}");

        let json = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n\"</head>\"";
        assert_eq!(add_to_page(json.to_vec(), "<meta>"), json.to_vec(), "not a page");
    }

    #[test]
    fn a_cut_answer_keeps_the_head_and_half_the_body() {
        let answer = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nabcd";
        assert_eq!(cut_in_half(answer), b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nab");
    }
}
