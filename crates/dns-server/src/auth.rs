//! API tokens: how they are made, stored and checked on every request.
//!
//! A token is `vps_` followed by 48 hex digits of randomness from the OS. Only its SHA-256
//! hash is stored, so a copy of the database gives nobody a working token; a plain hash is
//! enough because the secret is random and long, unlike a password that needs a slow one.
//!
//! The [`Auth`] extractor runs before any other part of a request is read, and checks the
//! permission too: in the contract's table the permission an endpoint needs follows from its
//! method alone (GET lists, POST creates, PUT and PATCH update, DELETE deletes). So every
//! route answers in the same order, 401 before 403 before anything about the body or the
//! resource, and nothing is looked up for a caller who may not see it. The extractor also
//! spends the token's rate-limit budget, if the server has one.

use std::fmt::Write as _;

use axum::extract::FromRequestParts;
use axum::http::Method;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use dns_rules::api::Permission;
use sha2::{Digest, Sha256};

use crate::AppState;
use crate::error::ApiError;
use crate::store;

/// Every token starts with this, as the provider's tokens do.
pub const TOKEN_PREFIX: &str = "vps_";

/// Octets of randomness in a token.
const SECRET_BYTES: usize = 24;

/// A new token secret, ready to hand to its owner.
pub fn generate_token() -> Result<String, getrandom::Error> {
    let mut secret = [0u8; SECRET_BYTES];
    getrandom::fill(&mut secret)?;
    Ok(format!("{TOKEN_PREFIX}{}", hex(&secret)))
}

/// The hash under which a token is stored and looked up.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

/// Whether `token` has the shape of a token at all. A malformed one is refused without a
/// database look-up, and the answer is the same as for an unknown one.
fn well_formed(token: &str) -> bool {
    token.strip_prefix(TOKEN_PREFIX).is_some_and(|secret| {
        (1..=128).contains(&secret.len()) && secret.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// Reads a `--permissions` list: comma-separated names, `dns:*` for all. `Err` names the
/// first entry that is not a permission.
pub fn parse_permissions(list: &str) -> Result<Vec<Permission>, String> {
    let mut permissions = Vec::new();
    for entry in list.split(',').map(str::trim) {
        let granted: Vec<Permission> = if entry == "dns:*" {
            Permission::ALL.to_vec()
        } else {
            vec![Permission::parse(entry).ok_or_else(|| entry.to_string())?]
        };
        for permission in granted {
            if !permissions.contains(&permission) {
                permissions.push(permission);
            }
        }
    }
    Ok(permissions)
}

/// The stored form of a permission list: the names joined by commas.
pub fn permissions_to_text(permissions: &[Permission]) -> String {
    permissions.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",")
}

/// The permission a request with `method` needs.
fn permission_for(method: &Method) -> Permission {
    match *method {
        Method::POST => Permission::Create,
        Method::PUT | Method::PATCH => Permission::Update,
        Method::DELETE => Permission::Delete,
        _ => Permission::List,
    }
}

/// An authenticated caller whose token holds the permission the request's method needs.
#[derive(Clone, Copy, Debug)]
pub struct Auth {
    /// Whose zones the caller sees; every other account's are "not found".
    pub account_id: i64,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts.headers.get(AUTHORIZATION).ok_or(ApiError::NotAuthenticated)?;

        let token = header
            .to_str()
            .ok()
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| well_formed(token))
            .ok_or(ApiError::InvalidToken)?;

        let hash = token_hash(token);
        let row = state
            .store
            .call(move |connection| Ok(store::token_by_hash(connection, &hash)?))
            .await?
            .filter(|row| !row.revoked)
            .ok_or(ApiError::InvalidToken)?;

        if let Some(limiter) = &state.rate_limiter {
            limiter.spend(row.id)?;
        }

        // A stored name this version does not know grants nothing rather than failing.
        let needed = permission_for(&parts.method);
        if !row.permissions.split(',').filter_map(Permission::parse).any(|p| p == needed) {
            return Err(ApiError::PermissionDenied(needed));
        }
        Ok(Auth { account_id: row.account_id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_are_well_formed_and_differ() {
        let first = generate_token().expect("the OS gives randomness");
        let second = generate_token().expect("the OS gives randomness");
        assert!(well_formed(&first), "{first}");
        assert_eq!(first.len(), TOKEN_PREFIX.len() + SECRET_BYTES * 2);
        assert_ne!(first, second);
    }

    #[test]
    fn malformed_tokens_are_refused_before_any_lookup() {
        for token in ["", "vps_", "abc123", "Bearer", "vps_abc def", "vps_ä", "VPS_abc"] {
            assert!(!well_formed(token), "{token:?}");
        }
    }

    #[test]
    fn the_hash_is_sha256_in_hex() {
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn permission_lists_read_stars_and_refuse_unknown_names() {
        assert_eq!(parse_permissions("dns:*"), Ok(Permission::ALL.to_vec()));
        assert_eq!(
            parse_permissions("dns:list, dns:create,dns:list"),
            Ok(vec![Permission::List, Permission::Create])
        );
        assert_eq!(parse_permissions("dns:list,dns:admin"), Err("dns:admin".to_string()));
        assert_eq!(parse_permissions(""), Err(String::new()));
    }
}
