//! The SQLite database: accounts, tokens, zones and records, and every query on them.
//!
//! One connection serves the whole process, behind a mutex, and each request's work runs on
//! tokio's blocking pool so a slow disk never stalls the async workers. One connection is
//! plenty for a reference server, and it makes every change, together with the zone file it
//! regenerates, one serialised step. The database runs in WAL mode, so the `token create`
//! command can add a token while the server runs.
//!
//! Rows come back as plain structs in stored form; turning them into API shapes or rule
//! types is the business of the modules that need those.

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::error::ApiError;

/// The schema version this code writes, kept in SQLite's `user_version`.
const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS tokens (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        hash TEXT NOT NULL UNIQUE,
        permissions TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revoked_at TEXT
    );
    CREATE TABLE IF NOT EXISTS zones (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        domain TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        serial INTEGER NOT NULL,
        version INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS records (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        zone_id INTEGER NOT NULL REFERENCES zones(id) ON DELETE CASCADE,
        record_type TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        ttl INTEGER NOT NULL,
        priority INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS records_by_zone ON records(zone_id, id);
";

/// The shared connection. Cloning shares it.
#[derive(Clone)]
pub struct Store {
    connection: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens (creating if need be) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, rusqlite::Error> {
        let connection = open_connection(path)?;
        Ok(Store { connection: Arc::new(Mutex::new(connection)) })
    }

    /// Runs `work` with the connection on the blocking pool.
    pub async fn call<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let connection = Arc::clone(&self.connection);
        let job = tokio::task::spawn_blocking(move || {
            // A panic while the lock was held cannot leave a half-made change behind: an
            // unfinished transaction rolls back when it is dropped. So a poisoned lock is
            // still safe to use.
            let mut guard = connection.lock().unwrap_or_else(PoisonError::into_inner);
            work(&mut guard)
        });
        job.await.map_err(|error| ApiError::internal("blocking task", error))?
    }

    /// Runs `work` with the connection on the current thread, for startup and the CLI.
    pub fn with<T>(&self, work: impl FnOnce(&mut Connection) -> T) -> T {
        let mut guard = self.connection.lock().unwrap_or_else(PoisonError::into_inner);
        work(&mut guard)
    }
}

/// Opens one connection with the pragmas every user of the database needs.
pub fn open_connection(path: &Path) -> Result<Connection, rusqlite::Error> {
    let connection = Connection::open(path)?;

    // WAL lets the CLI write while the server holds its connection; the busy timeout makes
    // either side wait for the other's short transactions instead of failing at once.
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    connection.busy_timeout(std::time::Duration::from_secs(5))?;

    let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if version < SCHEMA_VERSION {
        connection.execute_batch(SCHEMA)?;
        connection.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    Ok(connection)
}

/// A token as authentication needs it.
pub struct TokenRow {
    pub id: i64,
    pub account_id: i64,
    pub permissions: String,
    pub revoked: bool,
}

/// A zone as stored, with the number of its records.
#[derive(Clone, Debug)]
pub struct ZoneRow {
    pub id: i64,
    pub uuid: String,
    pub domain: String,
    pub created_at: String,
    pub serial: u32,
    pub version: i64,
    pub record_count: u64,
}

/// A record as stored, with its zone's uuid.
#[derive(Clone, Debug)]
pub struct RecordRow {
    pub id: i64,
    pub uuid: String,
    pub zone_id: i64,
    pub zone_uuid: String,
    pub record_type: String,
    pub name: String,
    pub value: String,
    pub ttl: u32,
    pub priority: Option<u32>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

/// The fields a record write stores; the rest is kept or made by the store.
pub struct RecordValues<'a> {
    pub record_type: &'a str,
    pub name: &'a str,
    pub value: &'a str,
    pub ttl: u32,
    pub priority: Option<u16>,
}

// Accounts and tokens.

/// The id of the account called `name`, created if it is new.
pub fn ensure_account(tx: &Transaction<'_>, name: &str, now: &str) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO accounts (name, created_at) VALUES (?1, ?2) ON CONFLICT(name) DO NOTHING",
        params![name, now],
    )?;
    tx.query_row("SELECT id FROM accounts WHERE name = ?1", [name], |row| row.get(0))
}

pub fn insert_token(
    tx: &Transaction<'_>,
    account_id: i64,
    hash: &str,
    permissions: &str,
    now: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO tokens (account_id, hash, permissions, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![account_id, hash, permissions, now],
    )?;
    Ok(())
}

/// Marks the token with this hash revoked; false when there is no such token.
pub fn revoke_token(connection: &Connection, hash: &str, now: &str) -> rusqlite::Result<bool> {
    let changed = connection.execute(
        "UPDATE tokens SET revoked_at = ?2 WHERE hash = ?1 AND revoked_at IS NULL",
        params![hash, now],
    )?;
    Ok(changed > 0)
}

pub fn token_by_hash(connection: &Connection, hash: &str) -> rusqlite::Result<Option<TokenRow>> {
    connection
        .query_row(
            "SELECT id, account_id, permissions, revoked_at IS NOT NULL FROM tokens WHERE hash = ?1",
            [hash],
            |row| {
                Ok(TokenRow {
                    id: row.get(0)?,
                    account_id: row.get(1)?,
                    permissions: row.get(2)?,
                    revoked: row.get(3)?,
                })
            },
        )
        .optional()
}

// Zones.

const ZONE_COLUMNS: &str = "z.id, z.uuid, z.domain, z.created_at, z.serial, z.version,
    (SELECT COUNT(*) FROM records r WHERE r.zone_id = z.id)";

fn zone_from_row(row: &Row<'_>) -> rusqlite::Result<ZoneRow> {
    Ok(ZoneRow {
        id: row.get(0)?,
        uuid: row.get(1)?,
        domain: row.get(2)?,
        created_at: row.get(3)?,
        serial: row.get(4)?,
        version: row.get(5)?,
        record_count: row.get(6)?,
    })
}

/// The account's zones by domain; only the one with `domain` when it is given.
pub fn list_zones(
    connection: &Connection,
    account_id: i64,
    domain: Option<&str>,
) -> rusqlite::Result<Vec<ZoneRow>> {
    let sql = format!(
        "SELECT {ZONE_COLUMNS} FROM zones z
         WHERE z.account_id = ?1 AND (?2 IS NULL OR z.domain = ?2)
         ORDER BY z.domain"
    );
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map(params![account_id, domain], zone_from_row)?;
    rows.collect()
}

/// The account's zone with this uuid; another account's zone is as good as absent.
pub fn zone_by_uuid(
    connection: &Connection,
    account_id: i64,
    uuid: &str,
) -> rusqlite::Result<Option<ZoneRow>> {
    let sql = format!("SELECT {ZONE_COLUMNS} FROM zones z WHERE z.uuid = ?1 AND z.account_id = ?2");
    connection.query_row(&sql, params![uuid, account_id], zone_from_row).optional()
}

pub fn zone_by_id(connection: &Connection, id: i64) -> rusqlite::Result<ZoneRow> {
    let sql = format!("SELECT {ZONE_COLUMNS} FROM zones z WHERE z.id = ?1");
    connection.query_row(&sql, [id], zone_from_row)
}

/// Every zone of every account, for rewriting their files at startup.
pub fn all_zones(connection: &Connection) -> rusqlite::Result<Vec<ZoneRow>> {
    let sql = format!("SELECT {ZONE_COLUMNS} FROM zones z ORDER BY z.domain");
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map([], zone_from_row)?;
    rows.collect()
}

/// Whether any account hosts `domain`.
pub fn domain_taken(connection: &Connection, domain: &str) -> rusqlite::Result<bool> {
    connection.query_row("SELECT EXISTS (SELECT 1 FROM zones WHERE domain = ?1)", [domain], |row| {
        row.get(0)
    })
}

pub fn insert_zone(
    tx: &Transaction<'_>,
    account_id: i64,
    uuid: &str,
    domain: &str,
    now: &str,
    serial: u32,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO zones (uuid, account_id, domain, created_at, serial, version)
         VALUES (?1, ?2, ?3, ?4, ?5, 1)",
        params![uuid, account_id, domain, now, serial],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Records a change of the zone: its new serial, and one more version for its ETag.
pub fn touch_zone(tx: &Transaction<'_>, zone_id: i64, serial: u32) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE zones SET serial = ?2, version = version + 1 WHERE id = ?1",
        params![zone_id, serial],
    )?;
    Ok(())
}

/// Deletes the zone; its records go with it through the foreign key.
pub fn delete_zone(tx: &Transaction<'_>, zone_id: i64) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM zones WHERE id = ?1", [zone_id])?;
    Ok(())
}

// Records.

const RECORD_COLUMNS: &str = "r.id, r.uuid, r.zone_id, z.uuid, r.record_type, r.name, r.value,
    r.ttl, r.priority, r.created_at, r.updated_at, r.version";

fn record_from_row(row: &Row<'_>) -> rusqlite::Result<RecordRow> {
    Ok(RecordRow {
        id: row.get(0)?,
        uuid: row.get(1)?,
        zone_id: row.get(2)?,
        zone_uuid: row.get(3)?,
        record_type: row.get(4)?,
        name: row.get(5)?,
        value: row.get(6)?,
        ttl: row.get(7)?,
        priority: row.get(8)?,
        created_at: row.get(9)?,
        updated_at: row.get(10)?,
        version: row.get(11)?,
    })
}

/// The zone's records in the order they were created.
pub fn zone_records(connection: &Connection, zone_id: i64) -> rusqlite::Result<Vec<RecordRow>> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM records r JOIN zones z ON z.id = r.zone_id
         WHERE r.zone_id = ?1 ORDER BY r.id"
    );
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map([zone_id], record_from_row)?;
    rows.collect()
}

/// The account's records in the order they were created, optionally of one zone (by uuid)
/// and one type.
pub fn account_records(
    connection: &Connection,
    account_id: i64,
    zone_uuid: Option<&str>,
    record_type: Option<&str>,
) -> rusqlite::Result<Vec<RecordRow>> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM records r JOIN zones z ON z.id = r.zone_id
         WHERE z.account_id = ?1 AND (?2 IS NULL OR z.uuid = ?2)
           AND (?3 IS NULL OR r.record_type = ?3)
         ORDER BY r.id"
    );
    let mut statement = connection.prepare(&sql)?;
    let rows = statement.query_map(params![account_id, zone_uuid, record_type], record_from_row)?;
    rows.collect()
}

/// The account's record with this uuid; another account's record is as good as absent.
pub fn record_by_uuid(
    connection: &Connection,
    account_id: i64,
    uuid: &str,
) -> rusqlite::Result<Option<RecordRow>> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM records r JOIN zones z ON z.id = r.zone_id
         WHERE r.uuid = ?1 AND z.account_id = ?2"
    );
    connection.query_row(&sql, params![uuid, account_id], record_from_row).optional()
}

pub fn record_by_id(connection: &Connection, id: i64) -> rusqlite::Result<RecordRow> {
    let sql = format!(
        "SELECT {RECORD_COLUMNS} FROM records r JOIN zones z ON z.id = r.zone_id WHERE r.id = ?1"
    );
    connection.query_row(&sql, [id], record_from_row)
}

pub fn insert_record(
    tx: &Transaction<'_>,
    zone_id: i64,
    uuid: &str,
    values: &RecordValues<'_>,
    now: &str,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO records (uuid, zone_id, record_type, name, value, ttl, priority,
                              created_at, updated_at, version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 1)",
        params![
            uuid,
            zone_id,
            values.record_type,
            values.name,
            values.value,
            values.ttl,
            values.priority,
            now
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

pub fn update_record(
    tx: &Transaction<'_>,
    id: i64,
    values: &RecordValues<'_>,
    now: &str,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE records SET record_type = ?2, name = ?3, value = ?4, ttl = ?5, priority = ?6,
                            updated_at = ?7, version = version + 1
         WHERE id = ?1",
        params![
            id,
            values.record_type,
            values.name,
            values.value,
            values.ttl,
            values.priority,
            now
        ],
    )?;
    Ok(())
}

pub fn delete_record(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM records WHERE id = ?1", [id])?;
    Ok(())
}
