//! Running BIND's `named-checkzone` from the integration tests, shared by every test file that
//! checks a zone file with it.
//!
//! Without `named-checkzone` the tests fail rather than pass unchecked; `scripts/test`
//! installs it (Debian package bind9-utils).

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A folder under the system's temporary directory, removed when the test ends.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// `label` keeps the folders of tests running at once apart.
    pub fn new(label: &str) -> TempDir {
        let path = std::env::temp_dir()
            .join(format!("dns-rules-checkzone-{}-{label}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Cleaning up is a courtesy; a folder left behind must not fail the test.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `named-checkzone` with `args`, failing the test with a hint when it is not installed.
pub fn named_checkzone(args: &[&str]) -> Output {
    match Command::new("named-checkzone").args(args).output() {
        Ok(output) => output,
        Err(error) if error.kind() == ErrorKind::NotFound => panic!(
            "named-checkzone is not installed, so the zone files cannot be checked. Run \
             scripts/test, which installs bind9-utils (or: apt-get install bind9-utils)."
        ),
        Err(error) => panic!("cannot run named-checkzone: {error}"),
    }
}

pub fn path_text(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}
