//! Lists as plain arrays, or as pages when the client asks for one.
//!
//! The provider documents plain arrays, and its server (Django REST Framework) pages them
//! when given `page` or `page_size`. The reference server does the same, following DRF's page-
//! number pagination wherever the contract is silent:
//!
//! - `page` is a whole number from 1 (or `last`); anything else is a 400 `validation_error`
//!   on `page`. A page past the end is a 404 `not_found`, as in DRF, except page 1 of an
//!   empty list, which is an empty page.
//! - `page_size` defaults to 100 and is capped at 1000; a value that is not a whole number
//!   from 1 is a 400 `validation_error` on `page_size` (DRF ignores it silently, which hides
//!   a client's bug).
//! - `next` and `previous` are absolute URLs that keep every other query parameter as sent.

use axum::Json;
use axum::response::{IntoResponse, Response};
use dns_rules::api::Page;
use serde::Serialize;

use crate::error::ApiError;
use crate::extract::ListQuery;

pub const DEFAULT_PAGE_SIZE: usize = 100;
pub const MAX_PAGE_SIZE: usize = 1000;

/// Answers with `items` whole, or with the page of them that `query` asks for.
pub fn respond<T: Serialize>(items: Vec<T>, query: &ListQuery) -> Result<Response, ApiError> {
    let page_param = query.get("page");
    let size_param = query.get("page_size");
    if page_param.is_none() && size_param.is_none() {
        return Ok(Json(items).into_response());
    }

    let size = match size_param {
        None => DEFAULT_PAGE_SIZE,
        Some(text) => {
            parse_positive(text).map(|size| size.min(MAX_PAGE_SIZE)).ok_or_else(|| {
                ApiError::field("page_size", "page_size must be a whole number from 1 to 1000.")
            })?
        }
    };
    let count = items.len();
    let pages = count.div_ceil(size).max(1);
    let page = match page_param {
        None => 1,
        Some("last") => pages,
        Some(text) => parse_positive(text).ok_or_else(|| {
            ApiError::field("page", "page must be a whole number from 1, or last.")
        })?,
    };
    if page > pages {
        return Err(ApiError::NotFound("Page"));
    }

    let link = |to: usize| Some(page_link(query, to));
    let body = Page {
        count: count as u64,
        next: if page < pages { link(page + 1) } else { None },
        previous: if page > 1 { link(page - 1) } else { None },
        results: items.into_iter().skip((page - 1) * size).take(size).collect(),
    };
    Ok(Json(body).into_response())
}

fn parse_positive(text: &str) -> Option<usize> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|number| *number >= 1)
}

/// The URL of page `page` of the same list: every other parameter kept as the client sent it.
fn page_link(query: &ListQuery, page: usize) -> String {
    let mut parts: Vec<String> = query
        .raw_query
        .split('&')
        .filter(|part| !part.is_empty() && part.split('=').next() != Some("page"))
        .map(str::to_string)
        .collect();
    parts.push(format!("page={page}"));
    format!("{}?{}", query.base_url, parts.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_whole_and_positive() {
        assert_eq!(parse_positive("1"), Some(1));
        assert_eq!(parse_positive("0012"), Some(12));
        for bad in ["0", "-1", "1.5", "", "one", "+2", "99999999999999999999999999"] {
            assert_eq!(parse_positive(bad), None, "{bad:?}");
        }
    }
}
