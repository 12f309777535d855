//! The record endpoints: create in a zone, list, read, replace (PUT), change (PATCH), delete.
//!
//! Every write goes through the same three checks before anything is stored: the record on
//! its own (`dns_rules::validate_record`), the record beside the zone's other records
//! (`check_zone_rules`, leaving out the record being replaced), and the zone as a whole after
//! the change (`check_zone_integrity`). A write that passes is stored, the zone's serial rises
//! and its zone file is rewritten, all under one transaction; once it is committed, the name
//! server is told to reload the zone (`crate::reload`).
//!
//! The body's fields are read here rather than by serde, so that a field of the wrong JSON
//! type (`"ttl": "abc"`) is a `validation_error` naming that field, as a person filling in a
//! form needs, instead of a `malformed_json` about the body as a whole.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::ETAG;
use axum::response::{IntoResponse, Response};
use dns_rules::api::Record;
use dns_rules::{
    DomainName, RecordData, RecordInput, RecordType, Ttl, check_zone_integrity, check_zone_rules,
    validate_record,
};
use rusqlite::{Connection, Transaction};
use serde_json::{Map, Value};

use crate::AppState;
use crate::auth::Auth;
use crate::clock::now_rfc3339;
use crate::deploy::publish_change;
use crate::error::ApiError;
use crate::extract::{IfMatch, JsonObject, ListQuery, UuidPath, etag};
use crate::pagination;
use crate::store::{self, RecordRow, RecordValues, ZoneRow};

/// `GET /dns-zones/{uuid}/records/`: the zone's records, in the order they were created.
pub async fn list_in_zone(
    State(state): State<AppState>,
    auth: Auth,
    UuidPath(zone_uuid): UuidPath,
    query: ListQuery,
) -> Result<Response, ApiError> {
    let rows = state
        .store
        .call(move |connection| {
            let zone = store::zone_by_uuid(connection, auth.account_id, &zone_uuid)?
                .ok_or(ApiError::NotFound("Zone"))?;
            Ok(store::zone_records(connection, zone.id)?)
        })
        .await?;
    pagination::respond(rows.iter().map(to_api).collect(), &query)
}

/// `GET /dns-records/?zone=&record_type=`: the account's records, in the order they were
/// created. An empty filter is no filter, as in the provider's (Django) API.
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    query: ListQuery,
) -> Result<Response, ApiError> {
    let zone = match query.get("zone").filter(|text| !text.trim().is_empty()) {
        None => None,
        Some(text) => Some(
            uuid::Uuid::try_parse(text.trim())
                .map(|id| id.hyphenated().to_string())
                .map_err(|_| ApiError::field("zone", "zone must be a zone's uuid."))?,
        ),
    };
    let record_type = match query.get("record_type").filter(|text| !text.trim().is_empty()) {
        None => None,
        Some(text) => Some(text.parse::<RecordType>()?),
    };

    let rows = state
        .store
        .call(move |connection| {
            let record_type = record_type.map(RecordType::as_str);
            Ok(store::account_records(connection, auth.account_id, zone.as_deref(), record_type)?)
        })
        .await?;
    pagination::respond(rows.iter().map(to_api).collect(), &query)
}

/// `POST /dns-zones/{uuid}/records/`.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    UuidPath(zone_uuid): UuidPath,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let fields = Fields::read(&body)?;
    let deployer = state.deployer.clone();
    let reloader = state.reloader.clone();

    let row = state
        .store
        .call(move |connection| {
            let tx = connection.transaction()?;
            let zone = store::zone_by_uuid(&tx, auth.account_id, &zone_uuid)?
                .ok_or(ApiError::NotFound("Zone"))?;
            let origin = zone_origin(&zone)?;

            let data = validate_record(&origin, &fields.whole()?)?;
            let existing = zone_data(&tx, zone.id, None)?;
            check_zone(&origin, &existing, &data)?;

            let now = now_rfc3339();
            let uuid = uuid::Uuid::new_v4().to_string();
            let id = store::insert_record(&tx, zone.id, &uuid, &values(&data), &now)?;
            publish_change(&tx, &deployer, &zone)?;
            let row = store::record_by_id(&tx, id)?;
            tx.commit()?;

            reloader.zone_changed(&zone.domain);
            Ok(row)
        })
        .await?;
    Ok(respond(StatusCode::CREATED, &row))
}

/// `GET /dns-records/{uuid}/`.
pub async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    UuidPath(uuid): UuidPath,
) -> Result<Response, ApiError> {
    let row = state.store.call(move |connection| find(connection, auth.account_id, &uuid)).await?;
    Ok(respond(StatusCode::OK, &row))
}

/// `PUT /dns-records/{uuid}/`: every writable field given; an absent TTL is the default and
/// an absent priority is none.
pub async fn replace(
    State(state): State<AppState>,
    auth: Auth,
    UuidPath(uuid): UuidPath,
    if_match: IfMatch,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let fields = Fields::read(&body)?;
    update(state, auth, uuid, if_match, move |_| fields.whole().map(Owned::from)).await
}

/// `PATCH /dns-records/{uuid}/`: only the given fields change, and the record they make is
/// checked in full, so patching an MX record's value keeps its priority.
pub async fn change(
    State(state): State<AppState>,
    auth: Auth,
    UuidPath(uuid): UuidPath,
    if_match: IfMatch,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let fields = Fields::read(&body)?;
    update(state, auth, uuid, if_match, move |stored| Ok(fields.merged(stored))).await
}

/// `DELETE /dns-records/{uuid}/`.
pub async fn delete(
    State(state): State<AppState>,
    auth: Auth,
    UuidPath(uuid): UuidPath,
    if_match: IfMatch,
) -> Result<Response, ApiError> {
    let deployer = state.deployer.clone();
    let reloader = state.reloader.clone();
    state
        .store
        .call(move |connection| {
            let tx = connection.transaction()?;
            let record = find(&tx, auth.account_id, &uuid)?;
            if_match.check(&etag(record.version))?;
            let zone = store::zone_by_id(&tx, record.zone_id)?;

            // Removing a name server's address can leave the zone one BIND refuses to load.
            let remaining = zone_data(&tx, zone.id, Some(record.id))?;
            check_zone_integrity(&zone_origin(&zone)?, &remaining)?;

            store::delete_record(&tx, record.id)?;
            publish_change(&tx, &deployer, &zone)?;
            tx.commit()?;

            reloader.zone_changed(&zone.domain);
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The shared path of PUT and PATCH: `input` builds the new record from the stored one.
async fn update(
    state: AppState,
    auth: Auth,
    uuid: String,
    if_match: IfMatch,
    input: impl FnOnce(&RecordRow) -> Result<Owned, ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    let deployer = state.deployer.clone();
    let reloader = state.reloader.clone();
    let row = state
        .store
        .call(move |connection| {
            let tx = connection.transaction()?;
            let record = find(&tx, auth.account_id, &uuid)?;
            if_match.check(&etag(record.version))?;
            let zone = store::zone_by_id(&tx, record.zone_id)?;
            let origin = zone_origin(&zone)?;

            let new = input(&record)?;
            let mut data = validate_record(&origin, &new.as_input())?;
            if new.keeps_value_of(&record) {
                // The stored value is already in stored form. Reading it again could change
                // it: TXT text that itself looks like quoted strings would lose its quotes.
                data.value.clone_from(&record.value);
            }
            let others = zone_data(&tx, zone.id, Some(record.id))?;
            check_zone(&origin, &others, &data)?;

            store::update_record(&tx, record.id, &values(&data), &now_rfc3339())?;
            publish_change(&tx, &deployer, &zone)?;
            let row = store::record_by_id(&tx, record.id)?;
            tx.commit()?;

            reloader.zone_changed(&zone.domain);
            Ok(row)
        })
        .await?;
    Ok(respond(StatusCode::OK, &row))
}

/// The account's record `uuid`, or 404.
fn find(connection: &Connection, account_id: i64, uuid: &str) -> Result<RecordRow, ApiError> {
    store::record_by_uuid(connection, account_id, uuid)?.ok_or(ApiError::NotFound("Record"))
}

/// `candidate` beside the zone's `others`, then the zone as it would be with it.
fn check_zone(
    origin: &DomainName,
    others: &[RecordData],
    candidate: &RecordData,
) -> Result<(), ApiError> {
    check_zone_rules(others, candidate)?;

    let mut after = others.to_vec();
    after.push(candidate.clone());
    check_zone_integrity(origin, &after)?;
    Ok(())
}

/// The zone's records as rule data, leaving out record `except`.
fn zone_data(
    tx: &Transaction<'_>,
    zone_id: i64,
    except: Option<i64>,
) -> Result<Vec<RecordData>, ApiError> {
    store::zone_records(tx, zone_id)?
        .iter()
        .filter(|row| Some(row.id) != except)
        .map(stored_data)
        .collect()
}

/// The zone's domain as the rules take it.
pub fn zone_origin(zone: &ZoneRow) -> Result<DomainName, ApiError> {
    DomainName::parse(&zone.domain).map_err(|error| ApiError::internal("stored domain", error))
}

/// A stored record as the rules and the zone-file writer take it.
pub fn stored_data(row: &RecordRow) -> Result<RecordData, ApiError> {
    let corrupt = |error: &dyn std::fmt::Display| {
        ApiError::internal(&format!("stored record {}", row.uuid), error)
    };
    Ok(RecordData {
        record_type: row.record_type.parse().map_err(|e| corrupt(&e))?,
        name: row.name.clone(),
        value: row.value.clone(),
        ttl: Ttl::new(i64::from(row.ttl)).map_err(|e| corrupt(&e))?,
        priority: row.priority.map(u16::try_from).transpose().map_err(|e| corrupt(&e))?,
    })
}

/// A stored record as the API shows it.
pub fn to_api(row: &RecordRow) -> Record {
    Record {
        uuid: row.uuid.clone(),
        zone: row.zone_uuid.clone(),
        record_type: row.record_type.clone(),
        name: row.name.clone(),
        value: row.value.clone(),
        ttl: row.ttl,
        priority: row.priority,
        created_at: row.created_at.clone(),
        updated_at: row.updated_at.clone(),
    }
}

fn values(data: &RecordData) -> RecordValues<'_> {
    RecordValues {
        record_type: data.record_type.as_str(),
        name: &data.name,
        value: &data.value,
        ttl: data.ttl.seconds(),
        priority: data.priority,
    }
}

/// A record with its `ETag`.
fn respond(status: StatusCode, row: &RecordRow) -> Response {
    (status, [(ETAG, etag(row.version))], Json(to_api(row))).into_response()
}

/// The writable fields of a body, each present only if the body names it. `ttl` and
/// `priority` distinguish absent (`None`) from JSON null (`Some(None)`).
#[derive(Debug, Default)]
struct Fields {
    record_type: Option<String>,
    name: Option<String>,
    value: Option<String>,
    ttl: Option<Option<i64>>,
    priority: Option<Option<i64>>,
}

impl Fields {
    /// Reads the fields, refusing any of the wrong JSON type. Other keys (`uuid`, `zone`,
    /// timestamps, which a client may send back as it got them) are ignored.
    fn read(body: &Map<String, Value>) -> Result<Fields, ApiError> {
        Ok(Fields {
            record_type: text(body, "record_type")?,
            name: text(body, "name")?,
            value: text(body, "value")?,
            ttl: number(body, "ttl", "TTL must be a whole number of seconds, 60 to 604800.")?,
            priority: number(
                body,
                "priority",
                "Priority must be a whole number from 0 to 65535, or null.",
            )?,
        })
    }

    /// The record of a create or PUT: type, name and value required; a missing or null TTL
    /// is the default, a missing priority is none.
    fn whole(&self) -> Result<RecordInput<'_>, ApiError> {
        Ok(RecordInput {
            record_type: required(&self.record_type, "record_type")?,
            name: required(&self.name, "name")?,
            value: required(&self.value, "value")?,
            ttl: self.ttl.flatten(),
            priority: self.priority.flatten(),
        })
    }

    /// The record of a PATCH: the stored one with the given fields put in. A null TTL
    /// returns to the default; a null priority clears it.
    fn merged(&self, stored: &RecordRow) -> Owned {
        Owned {
            record_type: self.record_type.clone().unwrap_or_else(|| stored.record_type.clone()),
            name: self.name.clone().unwrap_or_else(|| stored.name.clone()),
            value: self.value.clone(),
            stored_value: stored.value.clone(),
            ttl: self.ttl.unwrap_or(Some(i64::from(stored.ttl))),
            priority: self.priority.unwrap_or(stored.priority.map(i64::from)),
        }
    }
}

/// A record input that owns its text, so it can be built inside the database closure.
#[derive(Debug)]
struct Owned {
    record_type: String,
    name: String,
    /// The value the request sent, if it sent one.
    value: Option<String>,
    /// The value to use when the request sent none.
    stored_value: String,
    ttl: Option<i64>,
    priority: Option<i64>,
}

impl Owned {
    fn as_input(&self) -> RecordInput<'_> {
        RecordInput {
            record_type: &self.record_type,
            name: &self.name,
            value: self.value.as_deref().unwrap_or(&self.stored_value),
            ttl: self.ttl,
            priority: self.priority,
        }
    }

    /// Whether the record keeps `stored`'s value as it is: no new value and the same type.
    fn keeps_value_of(&self, stored: &RecordRow) -> bool {
        self.value.is_none() && self.record_type.eq_ignore_ascii_case(&stored.record_type)
    }
}

impl From<RecordInput<'_>> for Owned {
    fn from(input: RecordInput<'_>) -> Self {
        Owned {
            record_type: input.record_type.to_string(),
            name: input.name.to_string(),
            value: Some(input.value.to_string()),
            stored_value: String::new(),
            ttl: input.ttl,
            priority: input.priority,
        }
    }
}

fn required<'a>(value: &'a Option<String>, field: &'static str) -> Result<&'a str, ApiError> {
    value.as_deref().ok_or_else(|| ApiError::field(field, "This field is required."))
}

/// A text field: absent is `None`; null or another type is an error on the field.
fn text(body: &Map<String, Value>, field: &'static str) -> Result<Option<String>, ApiError> {
    match body.get(field) {
        None => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(Value::Null) => Err(ApiError::field(field, "This field may not be null.")),
        Some(_) => Err(ApiError::field(field, format!("{field} must be a string."))),
    }
}

/// A whole-number field: absent is `None`, null is `Some(None)`; a fraction, a string or a
/// number beyond 64 bits is an error on the field. DRF would also take `"3600"`; this
/// server holds clients to the documented type.
fn number(
    body: &Map<String, Value>,
    field: &'static str,
    message: &str,
) -> Result<Option<Option<i64>>, ApiError> {
    match body.get(field) {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(None)),
        Some(Value::Number(number)) => match number.as_i64() {
            Some(whole) => Ok(Some(Some(whole))),
            None => Err(ApiError::field(field, message)),
        },
        Some(_) => Err(ApiError::field(field, message)),
    }
}
