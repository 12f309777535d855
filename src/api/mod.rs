//! The API client: the one place that adds the token, follows pages, retries a 429 once, gives
//! up on a request that takes too long, and turns every answer into data or an [`ApiError`].
//!
//! Pages call the methods here and match on the error; none of them builds a request itself.
//! A 401 from any call also tells the [`Session`], which sends the person to the token page.

pub mod error;
mod timeouts;

use dns_rules::api::{NewZone, Page, Record, RecordWrite, Zone};
use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

pub use error::{ApiError, Rejection};
pub use timeouts::Timeouts;

use crate::token::Session;

/// The longest wait the client accepts from `Retry-After` before it gives up instead.
const MAX_RETRY_WAIT_SECONDS: u32 = 30;

/// A guard against a server whose `next` links never end.
const MAX_PAGES: usize = 10_000;

/// A handle on the API, cheap to copy into every handler.
#[derive(Clone, Copy)]
pub struct Api {
    base: &'static str,
    session: Session,
    /// The `Retry-After` seconds of each call now waiting out a 429, so that the person is
    /// told why nothing happens yet.
    waits: RwSignal<Vec<u32>>,
    /// How long one exchange may take before the client gives up on it.
    pub timeouts: Timeouts,
}

/// An item with the version tag the API sent with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versioned<T> {
    pub item: T,
    pub etag: Option<String>,
}

/// The parts of a response the dashboard reads.
struct Answer {
    status: u16,
    etag: Option<String>,
    retry_after: Option<String>,
    body: String,
}

impl Answer {
    fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    fn into_error(self) -> ApiError {
        ApiError::from_response(self.status, self.retry_after.as_deref(), &self.body)
    }
}

impl Api {
    /// A client for the API under `base` (e.g. `/api/v1`), sending the session's token, with
    /// the timeouts the page asks for ([`Timeouts::from_page`]).
    pub fn new(base: &'static str, session: Session) -> Api {
        Api::with_timeouts(base, session, Timeouts::from_page())
    }

    /// A client that gives up on a request after `timeouts`, whatever the page says.
    pub fn with_timeouts(base: &'static str, session: Session, timeouts: Timeouts) -> Api {
        Api { base, session, waits: RwSignal::new(Vec::new()), timeouts }
    }

    /// While a call waits out a 429 before its one retry: how many seconds it was asked to
    /// wait (the longest, when several wait). Reactive, for a notice that says so.
    pub fn waiting_to_retry(&self) -> Option<u32> {
        self.waits.with(|waits| waits.iter().copied().max())
    }

    pub async fn list_zones(&self) -> Result<Vec<Zone>, ApiError> {
        self.list_all(&format!("{}/dns-zones/", self.base)).await
    }

    pub async fn get_zone(&self, uuid: &str) -> Result<Zone, ApiError> {
        let url = format!("{}/dns-zones/{}/", self.base, encode(uuid));
        self.call(Method::GET, &url, None).await
    }

    pub async fn create_zone(&self, domain: &str) -> Result<Zone, ApiError> {
        let body = to_json(&NewZone { domain: domain.to_owned() });
        self.call(Method::POST, &format!("{}/dns-zones/", self.base), Some(body)).await
    }

    /// The zone of `domain` (its stored, ASCII form), if the account has one: how a create
    /// that timed out is found to have been made. The API filters by `domain`; the answer is
    /// searched as well, in case a provider ignores the filter.
    pub async fn find_zone(&self, domain: &str) -> Result<Option<Zone>, ApiError> {
        let url = format!("{}/dns-zones/?domain={}", self.base, encode(domain));
        let zones: Vec<Zone> = self.list_all(&url).await?;
        Ok(zones.into_iter().find(|zone| zone.domain.eq_ignore_ascii_case(domain)))
    }

    pub async fn delete_zone(&self, uuid: &str) -> Result<(), ApiError> {
        let url = format!("{}/dns-zones/{}/", self.base, encode(uuid));
        self.call_no_content(Method::DELETE, &url, None).await
    }

    pub async fn list_records(&self, zone_uuid: &str) -> Result<Vec<Record>, ApiError> {
        self.list_all(&format!("{}/dns-zones/{}/records/", self.base, encode(zone_uuid))).await
    }

    pub async fn create_record(
        &self,
        zone_uuid: &str,
        record: &RecordWrite,
    ) -> Result<Record, ApiError> {
        let url = format!("{}/dns-zones/{}/records/", self.base, encode(zone_uuid));
        self.call(Method::POST, &url, Some(to_json(record))).await
    }

    /// The record as it is now, with its version tag (`ETag`) when the API sends one.
    pub async fn get_record(&self, uuid: &str) -> Result<Versioned<Record>, ApiError> {
        let url = format!("{}/dns-records/{}/", self.base, encode(uuid));
        let answer = self.checked(Method::GET, &url, None, None).await?;
        Ok(Versioned { item: parse(answer.status, &answer.body)?, etag: answer.etag })
    }

    /// Changes only the fields present in `changes`. With `if_match`, the API refuses (412,
    /// [`ApiError::Stale`]) when the record changed since that version was read, so an edit
    /// made from a stale page never overwrites someone else's newer change.
    pub async fn patch_record(
        &self,
        uuid: &str,
        changes: &serde_json::Map<String, serde_json::Value>,
        if_match: Option<&str>,
    ) -> Result<Versioned<Record>, ApiError> {
        let url = format!("{}/dns-records/{}/", self.base, encode(uuid));
        let answer = self.checked(Method::PATCH, &url, Some(to_json(changes)), if_match).await?;
        Ok(Versioned { item: parse(answer.status, &answer.body)?, etag: answer.etag })
    }

    pub async fn delete_record(&self, uuid: &str) -> Result<(), ApiError> {
        let url = format!("{}/dns-records/{}/", self.base, encode(uuid));
        self.call_no_content(Method::DELETE, &url, None).await
    }

    /// Checks `token` against the API without making it the session's token. A token that
    /// may not list zones is still a valid token, so a 403 counts as accepted.
    pub async fn verify_token(&self, token: &str) -> Result<Option<ApiError>, ApiError> {
        let url = format!("{}/dns-zones/?page_size=1", self.base);
        let exchange =
            Exchange { method: Method::GET, url: &url, token: Some(token), if_match: None };
        let answer = exchange.send(None, self.timeouts.read_ms).await?;
        match answer.status {
            200..=299 => Ok(None),
            403 => Ok(Some(answer.into_error())),
            _ => Err(answer.into_error()),
        }
    }

    /// Every item of a list, following `next` until it is null, so that a paged answer is
    /// never shown as if it were the whole.
    async fn list_all<T: DeserializeOwned>(&self, first: &str) -> Result<Vec<T>, ApiError> {
        let mut items = Vec::new();
        let mut url = first.to_owned();

        for _ in 0..MAX_PAGES {
            let answer = self.checked(Method::GET, &url, None, None).await?;
            let status = answer.status;
            if answer.body.trim_start().starts_with('[') {
                items.extend(parse::<Vec<T>>(status, &answer.body)?);
                return Ok(items);
            }

            let page = parse::<Page<T>>(status, &answer.body)?;
            items.extend(page.results);
            match page.next {
                Some(next) if next != url => url = next,
                Some(_) => return Err(bad_response(status, "a page links to itself")),
                None => return Ok(items),
            }
        }
        Err(bad_response(200, "the list has more pages than the dashboard follows"))
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        let answer = self.checked(method, url, body, None).await?;
        parse(answer.status, &answer.body)
    }

    async fn call_no_content(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
    ) -> Result<(), ApiError> {
        self.checked(method, url, body, None).await.map(|_| ())
    }

    /// Sends with the session's token, retries once after a 429, and returns a success
    /// answer or the error it stands for.
    async fn checked(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
        if_match: Option<&str>,
    ) -> Result<Answer, ApiError> {
        // Without a token every call would be refused; the page is on its way to the token
        // settings, so nothing is sent and no refusal is recorded.
        let Some(token) = self.session.token_untracked() else {
            return Err(ApiError::Unauthorized { detail: "No API token is set.".into() });
        };
        let limit =
            if method == Method::GET { self.timeouts.read_ms } else { self.timeouts.write_ms };
        let exchange = Exchange { method, url, token: Some(&token), if_match };
        let mut answer = exchange.send(body.clone(), limit).await?;

        if answer.status == 429 {
            let wait = answer.retry_after.as_deref().and_then(|s| s.trim().parse::<u32>().ok());
            let wait = wait.unwrap_or(1);
            if wait <= MAX_RETRY_WAIT_SECONDS {
                self.waits.update(|waits| waits.push(wait));
                sleep_ms(wait * 1000).await;
                self.waits.update(|waits| {
                    if let Some(at) = waits.iter().position(|w| *w == wait) {
                        waits.swap_remove(at);
                    }
                });
                answer = exchange.send(body, limit).await?;
            }
        }

        if answer.is_success() {
            return Ok(answer);
        }
        let error = answer.into_error();
        if let ApiError::Unauthorized { detail } = &error {
            self.session.refuse(detail.clone());
        }
        Err(error)
    }
}

/// One request as the client sends it, which may be sent twice (the retry after a 429).
struct Exchange<'a> {
    method: Method,
    url: &'a str,
    token: Option<&'a str>,
    if_match: Option<&'a str>,
}

impl Exchange<'_> {
    /// Sends the request and reads the whole answer, giving up after `limit_ms`. Only a failure
    /// to get any answer is an error here: the network's, or the time running out.
    async fn send(&self, body: Option<String>, limit_ms: u32) -> Result<Answer, ApiError> {
        // The signal aborts the fetch and the reading of its body alike, so an answer whose
        // head arrives in time but whose body never ends is given up on too.
        let signal = web_sys::AbortSignal::timeout_with_u32(limit_ms);
        let timed_out = || ApiError::TimedOut {
            waited_ms: limit_ms,
            change_unknown: self.method != Method::GET,
        };
        let failed = |message: String| {
            if signal.aborted() { timed_out() } else { ApiError::Network { message } }
        };

        let mut request = RequestBuilder::new(self.url)
            .method(self.method.clone())
            .header("Accept", "application/json")
            .abort_signal(Some(&signal));
        if let Some(token) = self.token {
            request = request.header("Authorization", &format!("Bearer {token}"));
        }
        if let Some(tag) = self.if_match {
            request = request.header("If-Match", tag);
        }
        let request = match body {
            Some(body) => request.header("Content-Type", "application/json").body(body),
            None => request.build(),
        };
        let request = request.map_err(|error| ApiError::Network { message: error.to_string() })?;

        let response = request.send().await.map_err(|error| failed(error.to_string()))?;
        let headers = response.headers();
        // Limitation: a write whose answer was cut off after its head is reported as a network
        // failure, though the server made it, because the head is not kept past this point;
        // returning the status with a `change_unknown` error would let the page offer a check.
        let body = response
            .text()
            .await
            .map_err(|error| failed(format!("the answer was cut off: {error}")))?;

        Ok(Answer {
            status: response.status(),
            etag: headers.get("etag"),
            retry_after: headers.get("retry-after"),
            body,
        })
    }
}

fn parse<T: DeserializeOwned>(status: u16, body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|error| bad_response(status, &error.to_string()))
}

fn bad_response(status: u16, message: &str) -> ApiError {
    ApiError::BadResponse { status, message: message.to_owned() }
}

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    // Serialising our own plain structs and maps cannot fail; an empty object is a safe
    // stand-in that the server would refuse visibly.
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned())
}

fn encode(segment: &str) -> String {
    String::from(js_sys::encode_uri_component(segment))
}

/// Waits without blocking the page.
pub async fn sleep_ms(milliseconds: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                resolve.unchecked_ref(),
                i32::try_from(milliseconds).unwrap_or(i32::MAX),
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
