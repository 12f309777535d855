//! The test harness: the real server binary over real HTTP, and BIND's own zone checker.
//!
//! Tests here see the server as its clients do. [`TestServer`] starts the built binary on a
//! free loopback port with a fresh data directory, makes tokens with the `token create`
//! command, and reads the zone files it writes; [`client::send`] speaks HTTP/1.1 to it;
//! [`check_zone_file`] has `named-checkzone` judge every zone file a test makes, since a
//! zone file that BIND refuses is a bug however right the API's answers look. [`Named`] goes
//! one step further: a real BIND9 `named` serves the server's zones, and tests ask it with
//! `dig` whether each change through the API is served. [`Proxy`] stands between the
//! browser and the server when a test needs an answer the server never gives (an HTML 502,
//! a dropped connection, a 429 with a chosen `Retry-After`), and records what the page sent.

pub mod client;
pub mod named;
pub mod proxy;
mod server;
pub mod webdriver;

use std::path::Path;
use std::process::Command;

pub use client::Response;
pub use named::Named;
pub use proxy::{Proxy, Rule};
pub use server::{TestServer, ZONE_LIST_FILE, server_binary, workspace_dir};

/// Panics unless `named-checkzone` loads the zone file at `path` (`<domain>.zone`), showing
/// its verdict and the file.
#[track_caller]
pub fn check_zone_file(path: &Path) {
    let file_name = path.file_name().and_then(|name| name.to_str()).unwrap_or_default();
    let domain = file_name
        .strip_suffix(".zone")
        .unwrap_or_else(|| panic!("{} is not named <domain>.zone", path.display()));

    let output = ["named-checkzone", "/usr/sbin/named-checkzone", "/usr/bin/named-checkzone"]
        .iter()
        .find_map(|tool| Command::new(tool).args(["-i", "local", domain]).arg(path).output().ok())
        .unwrap_or_else(|| {
            panic!("named-checkzone is missing: install bind9-utils, or run scripts/test")
        });

    if !output.status.success() {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| format!("(unreadable: {e})"));
        panic!(
            "named-checkzone refused {}:\n{}{}\n--- the file ---\n{text}",
            path.display(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
    }
}
