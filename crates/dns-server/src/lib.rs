//! The reference server of the DNS API: the contract in `shared/api-contract.md`, served by
//! axum over SQLite, with a BIND9 zone file rewritten on every change.
//!
//! It exists so that the dashboard runs, and is tested, against something real. The rules of
//! DNS themselves (what a valid name, value or zone is) live in the shared `dns-rules` crate,
//! which the dashboard also compiles; this crate adds what only a server has: accounts and
//! tokens, storage, HTTP, and deployment.
//!
//! [`app`] builds the whole application from an [`AppState`], so tests can send it requests
//! without a socket; the binary (`src/main.rs`) only reads the command line and serves it.

mod auth;
pub mod cli;
mod clock;
mod cors;
mod dashboard;
mod demo;
mod deploy;
mod error;
mod extract;
mod http;
mod pagination;
mod ratelimit;
mod records;
mod reload;
mod store;
mod zones;

use std::fs;
use std::path::PathBuf;
use std::sync::Arc;

pub use cors::parse_origin;
pub use dashboard::CONTENT_SECURITY_POLICY;
pub use deploy::ZONE_LIST_FILE;
pub use http::app;
pub use reload::{CommandTemplate, TemplateError};

use crate::cors::AllowedOrigins;
use crate::deploy::{Deployer, conf_string, publish, publish_zone_list};
use crate::ratelimit::RateLimiter;
use crate::reload::Reloader;
use crate::store::Store;

/// The provider's name servers, written into every zone unless `--nameservers` says others.
pub const DEFAULT_NAMESERVERS: [&str; 2] = ["ns1.vps.org", "ns2.vps.org"];

/// The SOA's responsible mailbox unless `--hostmaster` says another.
pub const DEFAULT_HOSTMASTER: &str = "hostmaster.vps.org";

/// How the server is set up: where its data lives and what it writes into zone files.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Holds `dns.sqlite3` and `zones/`; created if missing.
    pub data_dir: PathBuf,
    /// The built dashboard; `None` or a directory without `index.html` serves a notice.
    pub dashboard: Option<PathBuf>,
    /// Absolute names without the final dot.
    pub nameservers: Vec<String>,
    pub hostmaster: String,
    /// Requests per second per token; `None` for no limit.
    pub rate_limit: Option<u32>,
    /// Run after a zone's file changed, `{zone}` replaced by its domain; `None` for none.
    pub reload_command: Option<CommandTemplate>,
    /// Run after zones were created or deleted, before the new zone's reload; `None` for
    /// none.
    pub reconfig_command: Option<CommandTemplate>,
    /// Origins whose pages may call the API from a browser, as [`parse_origin`] writes
    /// them; none by default.
    pub cors_origins: Vec<String>,
    /// Pages served at `/demo/` as stand-ins for other people's pages; `None` for none.
    pub demo_pages: Option<PathBuf>,
}

impl Settings {
    /// The defaults for a data directory: provider name servers, no dashboard, no limit.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Settings {
            data_dir: data_dir.into(),
            dashboard: None,
            nameservers: DEFAULT_NAMESERVERS.map(String::from).to_vec(),
            hostmaster: DEFAULT_HOSTMASTER.to_string(),
            rate_limit: None,
            reload_command: None,
            reconfig_command: None,
            cors_origins: Vec::new(),
            demo_pages: None,
        }
    }

    /// The SQLite database file.
    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("dns.sqlite3")
    }

    /// The directory of the zone files.
    pub fn zones_dir(&self) -> PathBuf {
        self.data_dir.join("zones")
    }
}

/// What every request handler shares. Cloning is cheap.
#[derive(Clone)]
pub struct AppState {
    store: Store,
    deployer: Arc<Deployer>,
    reloader: Reloader,
    rate_limiter: Option<Arc<RateLimiter>>,
    dashboard: Option<PathBuf>,
    /// An absolute path, links resolved, so that what a page name resolves to can be
    /// compared with it.
    demo_pages: Option<PathBuf>,
    /// `None` when no origin is allowed: then no answer carries a CORS header.
    cors: Option<AllowedOrigins>,
    /// The host and port that links in paged lists name when a request's `Host` header
    /// cannot be used.
    public_host: Arc<str>,
}

impl AppState {
    /// Opens the data directory (creating it and the database if new) and rewrites every
    /// zone's file and the zone list from the database, which repairs any file that a crash
    /// left out of step. Then, if there are name server commands, it asks for a reconfig and
    /// a reload of every zone, so that a name server already running catches up too.
    pub fn open(settings: &Settings) -> Result<AppState, StartError> {
        let demo_pages = match &settings.demo_pages {
            Some(dir) => Some(demo_directory(dir)?),
            None => None,
        };

        let zones_dir = settings.zones_dir();
        fs::create_dir_all(&zones_dir).map_err(|e| StartError::new(&zones_dir, e))?;
        // The zone list names files by absolute path, since the name server reads it from a
        // directory of its own; and the path must fit in a quoted BIND string.
        let zones_dir = fs::canonicalize(&zones_dir).map_err(|e| StartError::new(&zones_dir, e))?;
        conf_string(&zones_dir).map_err(|e| StartError::new(&zones_dir, e))?;
        let database = settings.database_path();
        let store = Store::open(&database).map_err(|e| StartError::new(&database, e))?;

        let deployer = Deployer::new(
            zones_dir.clone(),
            settings.nameservers.clone(),
            settings.hostmaster.clone(),
        );
        let zones = store
            .with(|connection| -> Result<Vec<store::ZoneRow>, error::ApiError> {
                let zones = store::all_zones(connection)?;
                for zone in &zones {
                    publish(connection, &deployer, zone, zone.serial)?;
                }
                publish_zone_list(connection, &deployer)?;
                Ok(zones)
            })
            .map_err(|e| StartError::new(&zones_dir, e))?;

        let reloader =
            Reloader::start(settings.reload_command.clone(), settings.reconfig_command.clone())
                .map_err(|e| StartError(format!("cannot start the reload thread: {e}")))?;
        reloader.zone_list_changed();
        for zone in &zones {
            reloader.zone_changed(&zone.domain);
        }

        Ok(AppState {
            store,
            deployer: Arc::new(deployer),
            reloader,
            rate_limiter: settings.rate_limit.map(|n| Arc::new(RateLimiter::new(n))),
            dashboard: settings.dashboard.clone(),
            demo_pages,
            cors: (!settings.cors_origins.is_empty())
                .then(|| AllowedOrigins::new(&settings.cors_origins)),
            public_host: Arc::from("localhost"),
        })
    }

    /// Names `host` (such as `127.0.0.1:8080`) in links when a request's `Host` is unusable.
    pub fn with_public_host(mut self, host: &str) -> Self {
        self.public_host = Arc::from(host);
        self
    }
}

/// `dir` resolved, if it is a directory: a mistyped `--demo-pages` stops the server rather
/// than serving 404s.
fn demo_directory(dir: &std::path::Path) -> Result<PathBuf, StartError> {
    let resolved = fs::canonicalize(dir).map_err(|e| StartError::new(dir, e))?;
    if resolved.is_dir() {
        Ok(resolved)
    } else {
        Err(StartError::new(dir, "not a directory (--demo-pages)"))
    }
}

/// Why the server could not start: which file or directory, and what went wrong with it.
#[derive(Debug)]
pub struct StartError(String);

impl StartError {
    fn new(path: &std::path::Path, error: impl std::fmt::Display) -> Self {
        StartError(format!("{}: {error}", path.display()))
    }
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}
