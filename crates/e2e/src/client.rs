//! A small blocking HTTP/1.1 client over a plain socket, for tests.
//!
//! Tests need to send what real clients send and what they should not: any method, any
//! header (or none), bodies that are not JSON or are too large, and to read every answer,
//! error statuses included, with its headers. A client library would add build time and
//! hide some of that, so this one writes the request by hand, one connection per request.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::Value;

/// How long one request may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(30);

/// A complete HTTP response.
#[derive(Clone, Debug)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers.iter().find(|(key, _)| *key == name).map(|(_, value)| value.as_str())
    }

    /// The body as text, with any invalid UTF-8 replaced.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; panics with the body when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!("{} answered a body that is not JSON ({e}): {}", self.status, self.text())
        })
    }

    /// Panics unless the status is `expected`, showing the body.
    #[track_caller]
    pub fn assert_status(&self, expected: u16) -> &Self {
        assert_eq!(self.status, expected, "unexpected status; body: {}", self.text());
        self
    }

    /// Panics unless this is the contract's error shape with `code` (and the JSON content
    /// type); returns the body.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) -> Value {
        self.assert_status(status);
        let content_type = self.header("content-type").unwrap_or_default();
        assert!(content_type.starts_with("application/json"), "content-type {content_type:?}");
        let body = self.json();
        assert_eq!(body["error_code"], code, "error body: {body}");
        assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()), "error body: {body}");
        body
    }
}

/// Sends one request to `url` (`http://host:port/path?query`) and reads the whole answer.
/// `headers` are sent as given; `Host` and `Connection: close` are added unless given, and
/// `Content-Length` whenever there is a body.
pub fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&[u8]>) -> Response {
    let rest = url.strip_prefix("http://").unwrap_or_else(|| panic!("not an http URL: {url}"));
    let (authority, target) = match rest.find('/') {
        Some(slash) => (&rest[..slash], &rest[slash..]),
        None => (rest, "/"),
    };

    let mut request = format!("{method} {target} HTTP/1.1\r\n");
    let has = |name: &str| headers.iter().any(|(key, _)| key.eq_ignore_ascii_case(name));
    if !has("host") {
        request.push_str(&format!("Host: {authority}\r\n"));
    }
    if !has("connection") {
        request.push_str("Connection: close\r\n");
    }
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body
        && !has("content-length")
    {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");

    let mut stream = TcpStream::connect(authority)
        .unwrap_or_else(|e| panic!("cannot connect to {authority}: {e}"));
    stream.set_read_timeout(Some(TIMEOUT)).expect("a read timeout can be set");
    stream.set_write_timeout(Some(TIMEOUT)).expect("a write timeout can be set");

    // A server may answer before it has read the whole body (413) and close the
    // connection; the answer is still there to read, so a failed write is not fatal.
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body.unwrap_or_default());
    let _ = stream.write_all(&bytes);

    let mut raw = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) if !raw.is_empty() && e.kind() == ErrorKind::ConnectionReset => break,
            Err(e) => panic!("{method} {url}: reading the response failed: {e}"),
        }
    }
    parse(&raw).unwrap_or_else(|| panic!("{method} {url}: not an HTTP response: {raw:?}"))
}

/// Reads a complete response: status line, headers, then a body of `Content-Length` octets,
/// in chunks, or up to the end of the connection.
fn parse(raw: &[u8]) -> Option<Response> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let rest = &raw[split + 4..];

    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let find = |name: &str| headers.iter().find(|(key, _)| key == name).map(|(_, v)| v.as_str());

    let body = if find("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else if let Some(length) = find("content-length") {
        rest.get(..length.parse::<usize>().ok()?)?.to_vec()
    } else {
        rest.to_vec()
    };
    Some(Response { status, headers, body })
}

fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_response_with_content_length() {
        let raw = b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        let response = parse(raw).expect("a response");
        assert_eq!(response.status, 404);
        assert_eq!(response.header("Content-Type"), Some("application/json"));
        assert_eq!(response.body, b"{}");
    }

    #[test]
    fn reads_a_chunked_response() {
        let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        assert_eq!(parse(raw).expect("a response").body, b"abcde");
    }
}
