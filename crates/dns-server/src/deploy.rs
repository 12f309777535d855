//! BIND9 zone files: every change to a zone rewrites `DATA/zones/<domain>.zone`.
//!
//! The text comes from `dns_rules::zonefile`; this module decides where it goes and makes the
//! replacement atomic. A name server that loads the file while it is being written must see
//! the old zone or the new one, never half of either, so the text goes to a temporary file in
//! the same directory, is flushed to disk, and is renamed over the old file.
//!
//! A change is committed to the database only after its zone file is in place; if writing the
//! file fails, the change is rolled back and the client gets a 500. At startup every zone's
//! file is written again, which repairs a file lost or left behind by a crash between the two.
//!
//! Beside the zone files lies the zone list, [`ZONE_LIST_FILE`]: one BIND9 `zone` statement
//! per zone, which a provider's `named.conf` includes. It is rewritten the same way whenever
//! a zone is created or deleted, and at startup.
//!
//! BIND9 loads a zone's file again only when the file's modification time is later than that
//! of the file it loaded last. Two changes within one tick of the file system's clock would
//! give the second file the same time as the first, and `rndc reload` would keep the first.
//! So a new file always gets a later time than the file it replaces, moved on a little if the
//! clock has not moved.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use dns_rules::zonefile::{ZoneHeader, next_serial, write_zone_file};
use dns_rules::{DomainName, RecordData};
use rusqlite::{Connection, Transaction};

use crate::error::ApiError;
use crate::records::{stored_data, zone_origin};
use crate::store::{self, ZoneRow};

/// `$TTL` of every zone file, and the SOA's own TTL.
const DEFAULT_TTL: u32 = 3600;

/// The zone list's file name in the zone directory. It cannot be taken for a zone's file,
/// which always ends in `.zone`.
pub const ZONE_LIST_FILE: &str = "named-zones.conf";

/// Where zone files go and what the provider puts in each.
#[derive(Clone, Debug)]
pub struct Deployer {
    zones_dir: PathBuf,
    nameservers: Vec<String>,
    hostmaster: String,
}

impl Deployer {
    /// `nameservers` and `hostmaster` are absolute names without the final dot.
    pub fn new(zones_dir: PathBuf, nameservers: Vec<String>, hostmaster: String) -> Self {
        Deployer { zones_dir, nameservers, hostmaster }
    }

    /// The provider's name servers, as every zone file names them.
    pub fn nameservers(&self) -> &[String] {
        &self.nameservers
    }

    /// The SOA mailbox of every zone file.
    pub fn hostmaster(&self) -> &str {
        &self.hostmaster
    }

    /// The file of the zone `domain`.
    pub fn path(&self, domain: &str) -> PathBuf {
        // A stored domain holds only letters, digits, hyphens and dots, and never starts with
        // a dot, so it cannot climb out of the directory.
        self.zones_dir.join(format!("{domain}.zone"))
    }

    /// Writes the zone file of `origin` with `serial` and `records`, replacing any old one.
    pub fn write(
        &self,
        origin: &DomainName,
        serial: u32,
        records: &[RecordData],
    ) -> io::Result<()> {
        let header = ZoneHeader {
            origin,
            serial,
            nameservers: &self.nameservers,
            hostmaster: &self.hostmaster,
            default_ttl: DEFAULT_TTL,
        };
        let text = write_zone_file(&header, records);
        write_atomically(&self.path(origin.as_str()), text.as_bytes())
    }

    /// The zone list, which a name server's configuration includes.
    pub fn zone_list_path(&self) -> PathBuf {
        self.zones_dir.join(ZONE_LIST_FILE)
    }

    /// Rewrites the zone list so that it names exactly the zones of `domains`.
    pub fn write_zone_list<'a>(
        &self,
        domains: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), ZoneListError> {
        let mut text = String::from(
            "// The zones of dns-server, rewritten by it whenever a zone is created or deleted.\n\
             // Include this file in named.conf; do not edit it.\n",
        );
        for domain in domains {
            text.push_str(&zone_statement(domain, &self.path(domain))?);
        }
        write_atomically(&self.zone_list_path(), text.as_bytes()).map_err(ZoneListError::Io)
    }

    /// Removes the zone file of `domain`; one that is already gone is not an error.
    pub fn remove(&self, domain: &str) -> io::Result<()> {
        match fs::remove_file(self.path(domain)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => sync_dir(&self.zones_dir),
        }
    }
}

/// Why the zone list could not be written.
#[derive(Debug)]
pub enum ZoneListError {
    /// A domain or path holds a character that has no safe place in a quoted BIND string.
    Unsafe {
        what: &'static str,
        text: String,
    },
    Io(io::Error),
}

impl fmt::Display for ZoneListError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZoneListError::Unsafe { what, text } => {
                write!(f, "the {what} {text:?} cannot be written into a BIND configuration")
            }
            ZoneListError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ZoneListError {}

/// One `zone` statement of the zone list.
fn zone_statement(domain: &str, file: &Path) -> Result<String, ZoneListError> {
    // A stored domain is letters, digits, hyphens, underscores and dots, which need no
    // quoting; anything else would mean the store holds what the rules never let in.
    let domain_is_plain = !domain.is_empty()
        && domain.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if !domain_is_plain {
        return Err(ZoneListError::Unsafe { what: "domain", text: domain.to_string() });
    }

    let file = conf_string(file)?;
    Ok(format!("zone \"{domain}\" {{ type primary; file \"{file}\"; }};\n"))
}

/// `path` as the inside of a quoted BIND string. BIND's parser has no escape that gives back
/// every character (a backslash stays in the string), so a path that would need one is
/// refused rather than mangled.
pub fn conf_string(path: &Path) -> Result<&str, ZoneListError> {
    let unsafe_path = || ZoneListError::Unsafe { what: "path", text: path.display().to_string() };
    let text = path.to_str().ok_or_else(unsafe_path)?;
    if text.chars().any(|c| c == '"' || c == '\\' || c.is_control()) {
        return Err(unsafe_path());
    }
    Ok(text)
}

static TEMPORARY_FILES: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `contents` so that a reader sees either the old or the new file.
fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().ok_or_else(|| io::Error::other("a zone file needs a directory"))?;
    // A short name of its own, not the zone's name plus a suffix: the longest zone file names
    // already use the file system's 255 octets. The number keeps concurrent writes apart.
    let number = TEMPORARY_FILES.fetch_add(1, Ordering::Relaxed);
    let temporary = dir.join(format!(".writing-{}-{number}.tmp", std::process::id()));

    let previous = fs::metadata(path).and_then(|metadata| metadata.modified()).ok();
    let written = File::create(&temporary).and_then(|mut file| {
        file.write_all(contents)?;
        if let Some(previous) = previous {
            make_later_than(&file, previous)?;
        }
        file.sync_all()
    });
    if let Err(error) = written.and_then(|()| fs::rename(&temporary, path)) {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }

    // The rename itself lives in the directory, which must reach the disk too.
    sync_dir(dir)
}

/// Gives `file` a modification time later than `previous`, which a name server compares to
/// decide whether the file changed. The time is moved on by a microsecond if that is enough
/// (the file system keeps nanoseconds), else by a second (it keeps seconds).
fn make_later_than(file: &File, previous: SystemTime) -> io::Result<()> {
    for step in [Duration::from_micros(1), Duration::from_secs(1)] {
        if file.metadata()?.modified()? > previous {
            return Ok(());
        }
        file.set_modified(previous + step)?;
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// The serial for a change made now, after `previous`.
pub fn serial_after(previous: u32) -> u32 {
    next_serial(previous, crate::clock::today())
}

/// Records a change to `zone` inside `tx`: a higher serial, a new version for its ETag, and
/// its zone file rewritten from the records as `tx` sees them. The caller commits.
pub fn publish_change(
    tx: &Transaction<'_>,
    deployer: &Deployer,
    zone: &ZoneRow,
) -> Result<(), ApiError> {
    let serial = serial_after(zone.serial);
    store::touch_zone(tx, zone.id, serial)?;
    publish(tx, deployer, zone, serial)
}

/// Rewrites the zone list from the zones as `connection` sees them.
pub fn publish_zone_list(connection: &Connection, deployer: &Deployer) -> Result<(), ApiError> {
    let zones = store::all_zones(connection)?;
    deployer
        .write_zone_list(zones.iter().map(|zone| zone.domain.as_str()))
        .map_err(|error| ApiError::internal("writing the zone list", error))
}

/// Writes the zone file of `zone` with `serial` from its records as `connection` sees them.
pub fn publish(
    connection: &Connection,
    deployer: &Deployer,
    zone: &ZoneRow,
    serial: u32,
) -> Result<(), ApiError> {
    let origin = zone_origin(zone)?;
    let records = store::zone_records(connection, zone.id)?
        .iter()
        .map(stored_data)
        .collect::<Result<Vec<_>, _>>()?;
    deployer
        .write(&origin, serial, &records)
        .map_err(|error| ApiError::internal(&format!("writing the zone file of {origin}"), error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deployer(dir: &Path) -> Deployer {
        Deployer::new(dir.to_path_buf(), vec!["ns1.example.net".into()], "hm.example.net".into())
    }

    fn modified(path: &Path) -> SystemTime {
        fs::metadata(path).and_then(|m| m.modified()).expect("a modification time")
    }

    #[test]
    fn every_rewrite_is_later_than_the_file_it_replaces() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("a.example.zone");

        // Many writes in a row land within one tick of the file system clock; each must
        // still be newer, or BIND would keep serving the first.
        write_atomically(&path, b"0").expect("written");
        for round in 1..50 {
            let before = modified(&path);
            write_atomically(&path, round.to_string().as_bytes()).expect("written");
            assert!(modified(&path) > before, "round {round} did not move the time on");
        }
    }

    #[test]
    fn the_zone_list_names_each_zone_with_its_absolute_file() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let deployer = deployer(dir.path());

        deployer.write_zone_list(["a.example", "_b.example"]).expect("written");

        let text = fs::read_to_string(deployer.zone_list_path()).expect("readable");
        let statements: Vec<&str> = text.lines().filter(|l| !l.starts_with("//")).collect();
        let file = |domain: &str| dir.path().join(format!("{domain}.zone")).display().to_string();
        assert_eq!(
            statements,
            [
                format!("zone \"a.example\" {{ type primary; file \"{}\"; }};", file("a.example")),
                format!(
                    "zone \"_b.example\" {{ type primary; file \"{}\"; }};",
                    file("_b.example")
                ),
            ]
        );

        deployer.write_zone_list([]).expect("written");
        let text = fs::read_to_string(deployer.zone_list_path()).expect("readable");
        assert!(text.lines().all(|line| line.starts_with("//")), "{text}");
    }

    #[test]
    fn what_a_bind_string_cannot_hold_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let deployer = deployer(dir.path());
        for domain in ["a\"; } zone \"b", "a b", "a\\b", "", "a\nb"] {
            let outcome = deployer.write_zone_list([domain]);
            assert!(matches!(outcome, Err(ZoneListError::Unsafe { .. })), "{domain:?}");
        }

        let odd = Deployer::new(dir.path().join("quote\"dir"), Vec::new(), String::new());
        assert!(matches!(odd.write_zone_list(["a.example"]), Err(ZoneListError::Unsafe { .. })));
    }
}
