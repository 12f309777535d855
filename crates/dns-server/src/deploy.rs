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

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use dns_rules::zonefile::{ZoneHeader, next_serial, write_zone_file};
use dns_rules::{DomainName, RecordData};
use rusqlite::{Connection, Transaction};

use crate::error::ApiError;
use crate::records::{stored_data, zone_origin};
use crate::store::{self, ZoneRow};

/// `$TTL` of every zone file, and the SOA's own TTL.
const DEFAULT_TTL: u32 = 3600;

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

    /// Removes the zone file of `domain`; one that is already gone is not an error.
    pub fn remove(&self, domain: &str) -> io::Result<()> {
        match fs::remove_file(self.path(domain)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => sync_dir(&self.zones_dir),
        }
    }
}

static TEMPORARY_FILES: AtomicU64 = AtomicU64::new(0);

/// Replaces `path` with `contents` so that a reader sees either the old or the new file.
fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().ok_or_else(|| io::Error::other("a zone file needs a directory"))?;
    // A short name of its own, not the zone's name plus a suffix: the longest zone file names
    // already use the file system's 255 octets. The number keeps concurrent writes apart.
    let number = TEMPORARY_FILES.fetch_add(1, Ordering::Relaxed);
    let temporary = dir.join(format!(".writing-{}-{number}.tmp", std::process::id()));

    let written = File::create(&temporary).and_then(|mut file| {
        file.write_all(contents)?;
        file.sync_all()
    });
    if let Err(error) = written.and_then(|()| fs::rename(&temporary, path)) {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }

    // The rename itself lives in the directory, which must reach the disk too.
    sync_dir(dir)
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
