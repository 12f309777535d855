//! The real server binary, started on a free loopback port with its own data directory.
//!
//! Each test starts its own server, so tests share no state and run in parallel; starting
//! one takes milliseconds. The server is found as a built binary, never linked into the
//! tests, so what is tested is exactly what `scripts/run` serves.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, SystemTime};

use serde_json::Value;

use crate::client::{self, Response};
use crate::named::Named;

/// The zone list's name in the zone directory, as the server's README documents it.
pub const ZONE_LIST_FILE: &str = "named-zones.conf";

/// How long the server may take to say it is listening.
const STARTUP: Duration = Duration::from_secs(30);

/// A running `dns-server serve`, killed when dropped.
pub struct TestServer {
    child: Child,
    binary: PathBuf,
    base_url: String,
    logs: Arc<Mutex<String>>,
    // Dropped after the child is killed, which `Drop` does first.
    data_dir: tempfile::TempDir,
}

/// The workspace root, two levels above this crate.
pub fn workspace_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// The server binary: `DNS_SERVER_BIN` if set, else the newer of the release and debug
/// builds in the target directory.
///
/// The newer, not the release build first: after `scripts/run` built a release binary, a
/// developer who changes the server and runs `cargo build -p dns-server` must not be tested
/// against the stale release one.
pub fn server_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("DNS_SERVER_BIN") {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "DNS_SERVER_BIN={} is not a file", path.display());
        return path;
    }

    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_dir().join("target"));
    let modified = |path: &PathBuf| path.metadata().and_then(|m| m.modified()).ok();
    ["release", "debug"]
        .map(|profile| target.join(profile).join("dns-server"))
        .into_iter()
        .filter_map(|path| Some((modified(&path)?, path)))
        .max_by_key(|(time, _): &(SystemTime, PathBuf)| *time)
        .map(|(_, path)| path)
        .unwrap_or_else(|| {
            panic!(
                "no dns-server binary in {}: run `cargo build -p dns-server` first, or \
                 scripts/test, or set DNS_SERVER_BIN",
                target.display()
            )
        })
}

impl TestServer {
    /// Starts a server with the default settings.
    pub fn start() -> TestServer {
        TestServer::start_with(&[])
    }

    /// Starts a server with `extra_args` after the usual `serve` flags; a `--dashboard` among
    /// them replaces the workspace's.
    pub fn start_with(extra_args: &[&str]) -> TestServer {
        let data_dir = tempfile::tempdir().expect("a temporary data directory");
        TestServer::spawn(data_dir, extra_args)
    }

    /// Starts a `named` serving this server's zones, then the server with `extra_args` and
    /// the reload and reconfig commands of that `named`.
    ///
    /// `named` starts first, so that its ports, which the commands name, are known and final
    /// when the server starts. Its configuration includes the server's zone list, which must
    /// exist by then: an empty one is put in place, and the server rewrites it at startup.
    pub fn start_with_named(extra_args: &[&str]) -> (TestServer, Named) {
        let data_dir = tempfile::tempdir().expect("a temporary data directory");
        let zones_dir = data_dir.path().join("zones");
        std::fs::create_dir_all(&zones_dir).expect("the zone directory is made");
        let zone_list = zones_dir.join(ZONE_LIST_FILE);
        std::fs::write(&zone_list, "// No zones yet.\n").expect("an empty zone list is written");

        let named = Named::start(&zone_list);
        let (reload, reconfig) = (named.reload_command(), named.reconfig_command());
        let mut args = vec!["--reload-command", &reload, "--reconfig-command", &reconfig];
        args.extend_from_slice(extra_args);
        (TestServer::spawn(data_dir, &args), named)
    }

    fn spawn(data_dir: tempfile::TempDir, extra_args: &[&str]) -> TestServer {
        let binary = server_binary();
        let mut command = Command::new(&binary);
        command.args(["serve", "--listen", "127.0.0.1:0", "--data-dir"]).arg(data_dir.path());
        let own_dashboard = extra_args.iter().any(|arg| arg.starts_with("--dashboard"));
        if let Some(dashboard) = dashboard_dir().filter(|_| !own_dashboard) {
            command.arg("--dashboard").arg(dashboard);
        }
        let mut child = command
            .args(extra_args)
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));

        // stderr is the log; a thread keeps reading it so the server never blocks on it.
        let logs = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let sink = Arc::clone(&logs);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut logs = sink.lock().unwrap_or_else(PoisonError::into_inner);
                logs.push_str(&line);
                logs.push('\n');
            }
        });

        // stdout says where the server listens; the rest of it is kept draining.
        let stdout = child.stdout.take().expect("stdout is piped");
        let (first_line, received) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = first_line.send(lines.next().and_then(Result::ok));
            lines.map_while(Result::ok).for_each(drop);
        });
        let line = received.recv_timeout(STARTUP).ok().flatten();

        let base_url = match line.as_deref().and_then(|l| l.strip_prefix("listening on ")) {
            Some(url) => url.trim().to_string(),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                thread::sleep(Duration::from_millis(100));
                let logs = logs.lock().unwrap_or_else(PoisonError::into_inner);
                panic!("the server did not say where it listens (stdout: {line:?}); log:\n{logs}");
            }
        };
        TestServer { child, binary, base_url, logs, data_dir }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The URL of API path `path` (`/dns-zones/`): `http://127.0.0.1:PORT/api/v1/dns-zones/`.
    pub fn api_url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base_url)
    }

    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// A new token for `account` (created if new) with `permissions` (`dns:list,dns:create`
    /// or `dns:*`), made by the `token create` command as a person would.
    pub fn token(&self, account: &str, permissions: &str) -> String {
        let output =
            self.run(&["token", "create", "--account", account, "--permissions", permissions]);
        assert!(
            output.status.success(),
            "token create failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let token = String::from_utf8_lossy(&output.stdout).trim().to_string();
        assert!(token.starts_with("vps_"), "token create printed {token:?}");
        token
    }

    /// Revokes `token` with the `token revoke` command.
    pub fn revoke(&self, token: &str) {
        let mut child = Command::new(&self.binary)
            .args(["token", "revoke", "--data-dir"])
            .arg(self.data_dir())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("token revoke starts");
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(format!("{token}\n").as_bytes()).expect("the token is sent");
        }
        let output = child.wait_with_output().expect("token revoke finishes");
        assert!(
            output.status.success(),
            "token revoke failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Runs the server binary with `args` and `--data-dir` of this server appended.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(&self.binary)
            .args(args)
            .arg("--data-dir")
            .arg(self.data_dir())
            .stdin(Stdio::null())
            .output()
            .expect("the server binary runs")
    }

    /// Where the zone file of `domain` is (or would be).
    pub fn zone_file_path(&self, domain: &str) -> PathBuf {
        self.data_dir().join("zones").join(format!("{domain}.zone"))
    }

    /// The text of the zone file of `domain`; panics if there is none.
    pub fn zone_file(&self, domain: &str) -> String {
        let path = self.zone_file_path(domain);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The server's log so far.
    pub fn logs(&self) -> String {
        self.logs.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Sends `method` to API path `path` with `token` (if any) and a JSON `body` (if any).
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Response {
        let authorization = token.map(|token| format!("Bearer {token}"));
        let mut headers = Vec::new();
        if let Some(value) = &authorization {
            headers.push(("Authorization", value.as_str()));
        }
        let body = body.map(|body| body.to_string().into_bytes());
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        client::send(method, &self.api_url(path), &headers, body.as_deref())
    }

    /// Creates zone `domain`, asserting 201; returns the zone.
    pub fn create_zone(&self, token: &str, domain: &str) -> Value {
        let body = serde_json::json!({ "domain": domain });
        let response = self.call("POST", "/dns-zones/", Some(token), Some(&body));
        response.assert_status(201);
        response.json()
    }

    /// The uuid of the zone `domain`, found through the list filter.
    pub fn zone_uuid(&self, token: &str, domain: &str) -> String {
        let path = format!("/dns-zones/?domain={domain}");
        let response = self.call("GET", &path, Some(token), None);
        response.assert_status(200);
        let zones = response.json();
        zones[0]["uuid"].as_str().unwrap_or_else(|| panic!("no zone {domain}: {zones}")).to_string()
    }

    /// Creates a record in zone `domain` from JSON `body`, asserting 201; returns the record.
    pub fn create_record(&self, token: &str, domain: &str, body: &Value) -> Value {
        let path = format!("/dns-zones/{}/records/", self.zone_uuid(token, domain));
        let response = self.call("POST", &path, Some(token), Some(body));
        response.assert_status(201);
        response.json()
    }

    /// Sends a record create that the server refuses (JSON text `body`, in zone `domain`)
    /// and returns the refusal's `detail`, which a client must show as it is.
    pub fn create_record_detail(&self, token: &str, domain: &str, body: &str) -> String {
        let body: Value = serde_json::from_str(body).expect("the body is JSON");
        let path = format!("/dns-zones/{}/records/", self.zone_uuid(token, domain));
        let response = self.call("POST", &path, Some(token), Some(&body));
        assert!(response.status >= 400, "the server accepted {body}: {}", response.text());
        response.json()["detail"].as_str().expect("an error has a detail").to_string()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The built dashboard to serve: `DASHBOARD_DIST`, else the workspace's `dist` if built.
fn dashboard_dir() -> Option<PathBuf> {
    std::env::var_os("DASHBOARD_DIST")
        .map(PathBuf::from)
        .or_else(|| Some(workspace_dir().join("dist")))
        .filter(|dir| dir.is_dir())
}
