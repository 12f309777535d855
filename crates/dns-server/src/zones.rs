//! The zone endpoints: list, create, read with records, delete.
//!
//! A zone's domain is unique across all accounts, since one name can be served by only one
//! zone on the provider's name servers; asking for a domain another account hosts is the
//! contract's `zone_exists`. A zone's `ETag` changes with every change to the zone, its
//! records included, because the detail response carries them.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header::ETAG;
use axum::response::{IntoResponse, Response};
use dns_rules::DomainName;
use dns_rules::api::Zone;
use serde_json::Value;

use crate::AppState;
use crate::auth::Auth;
use crate::clock::now_rfc3339;
use crate::deploy::{publish, publish_zone_list, serial_after};
use crate::error::ApiError;
use crate::extract::{IfMatch, JsonObject, ListQuery, UuidPath, etag};
use crate::pagination;
use crate::records::to_api;
use crate::store::{self, ZoneRow};

/// `GET /dns-zones/?domain=`: the account's zones by domain. The filter is read as a domain
/// is (case, final dot, Unicode), so it finds the zone whatever form it was typed in; one
/// that is no domain at all finds nothing, and an empty one is no filter.
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    query: ListQuery,
) -> Result<Response, ApiError> {
    let filter = match query.get("domain").filter(|text| !text.trim().is_empty()) {
        None => None,
        Some(text) => match DomainName::parse(text) {
            Ok(domain) => Some(domain.as_str().to_string()),
            Err(_) => return pagination::respond(Vec::<Zone>::new(), &query),
        },
    };

    let rows = state
        .store
        .call(move |connection| {
            Ok(store::list_zones(connection, auth.account_id, filter.as_deref())?)
        })
        .await?;
    pagination::respond(rows.iter().map(|row| to_zone(row, None)).collect(), &query)
}

/// The longest domain whose zone file name, `<domain>.zone`, fits in 255 octets.
const MAX_HOSTED_DOMAIN_OCTETS: usize = 250;

/// `POST /dns-zones/ {"domain"}`: the zone, deployed with the provider's SOA and NS records.
pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let domain = match body.get("domain") {
        Some(Value::String(text)) => DomainName::parse(text)?,
        None | Some(Value::Null) => {
            return Err(ApiError::field("domain", "This field is required."));
        }
        Some(_) => return Err(ApiError::field("domain", "domain must be a string.")),
    };
    // Limitation: a zone file is `<domain>.zone` (the contract's layout), and file systems
    // allow 255-octet file names, so the longest valid domains (251 to 253 octets) cannot be
    // hosted; naming files by a digest would lift this but break the documented layout.
    if domain.as_str().len() > MAX_HOSTED_DOMAIN_OCTETS {
        return Err(ApiError::field(
            "domain",
            format!(
                "Domains longer than {MAX_HOSTED_DOMAIN_OCTETS} octets cannot be hosted here: \
                 their zone file name would exceed the file system's limit."
            ),
        ));
    }
    let deployer = state.deployer.clone();
    let reloader = state.reloader.clone();

    let zone = state
        .store
        .call(move |connection| {
            let tx = connection.transaction()?;
            if store::domain_taken(&tx, domain.as_str())? {
                return Err(ApiError::ZoneExists { domain: domain.as_str().to_string() });
            }

            let uuid = uuid::Uuid::new_v4().to_string();
            let serial = serial_after(0);
            let id = store::insert_zone(
                &tx,
                auth.account_id,
                &uuid,
                domain.as_str(),
                &now_rfc3339(),
                serial,
            )?;
            let zone = store::zone_by_id(&tx, id)?;
            publish(&tx, &deployer, &zone, serial)?;
            publish_zone_list(&tx, &deployer)?;
            tx.commit()?;

            // Told while the store is still held, so name server commands run in the order
            // of the commits.
            reloader.zone_list_changed();
            reloader.zone_changed(&zone.domain);
            Ok(zone)
        })
        .await?;
    Ok(respond(StatusCode::CREATED, &zone, Vec::new()))
}

/// `GET /dns-zones/{uuid}/`: the zone with its records.
pub async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    UuidPath(uuid): UuidPath,
) -> Result<Response, ApiError> {
    let (zone, records) = state
        .store
        .call(move |connection| {
            let zone = store::zone_by_uuid(connection, auth.account_id, &uuid)?
                .ok_or(ApiError::NotFound("Zone"))?;
            let records = store::zone_records(connection, zone.id)?;
            Ok((zone, records))
        })
        .await?;
    let records = records.iter().map(to_api).collect();
    Ok(respond(StatusCode::OK, &zone, records))
}

/// `DELETE /dns-zones/{uuid}/`: the zone, its records and its zone file.
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
            let zone = store::zone_by_uuid(&tx, auth.account_id, &uuid)?
                .ok_or(ApiError::NotFound("Zone"))?;
            if_match.check(&etag(zone.version))?;

            // The zone leaves the list before its file goes, so a name server that reads
            // the list in between never looks for a missing file.
            store::delete_zone(&tx, zone.id)?;
            publish_zone_list(&tx, &deployer)?;
            deployer.remove(&zone.domain).map_err(|error| {
                ApiError::internal(&format!("removing the zone file of {}", zone.domain), error)
            })?;
            tx.commit()?;

            reloader.zone_list_changed();
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// A zone with its `ETag`, and with `records` as the detail and create responses carry them.
fn respond(status: StatusCode, zone: &ZoneRow, records: Vec<dns_rules::api::Record>) -> Response {
    let body = to_zone(zone, Some(records));
    (status, [(ETAG, etag(zone.version))], Json(body)).into_response()
}

fn to_zone(row: &ZoneRow, records: Option<Vec<dns_rules::api::Record>>) -> Zone {
    Zone {
        uuid: row.uuid.clone(),
        domain: row.domain.clone(),
        created_at: row.created_at.clone(),
        record_count: row.record_count,
        records,
    }
}
