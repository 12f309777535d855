//! `ZoneList`: every zone of the account, searched and sorted, and creating and deleting zones.
//!
//! The search and the sort order live in the URL's query (`?q=bücher&sort=-records`), so a
//! view can be linked and comes back as it was on reload (see [`crate::address`]).
//!
//! The page keeps its shape while the zones load: the search, the count line and the table's
//! header are there from the start, and only the table's body changes when the data arrives.

use dns_rules::api::Zone;
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::idn::{ascii_form, check_domain, unicode_form};
use super::{ConfirmDelete, LoadFailed, reload_failed_on_new_token};
use crate::address::{AddressView, InAddress, use_address_view};
use crate::api::{Api, ApiError};
use crate::embed::{Root, dom_id, use_root};
use crate::focus::focus;
use crate::i18n::{plural, t, tf, use_i18n};
use crate::routes::{Link, use_location};
use crate::token::Session;
use crate::zonefiles::PendingImport;

/// The URL query parameter that holds the search.
const SEARCH_PARAM: &str = "q";
/// The URL query parameter that holds the sort order, `-` first when descending.
const SORT_PARAM: &str = "sort";

/// What the zones can be sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Domain,
    Records,
    Created,
}

impl SortKey {
    const ALL: [SortKey; 3] = [SortKey::Domain, SortKey::Records, SortKey::Created];

    /// The key's name in the URL.
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Domain => "domain",
            SortKey::Records => "records",
            SortKey::Created => "created",
        }
    }

    /// The direction a first click on a column sorts in: domains from A, while the zones with
    /// the most records and the newest zones are the ones a person sorts by those to find.
    fn first_descending(self) -> bool {
        self != SortKey::Domain
    }
}

/// A sort order: a key and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// Domains from A to Z, which the URL leaves out.
    pub const DEFAULT: Sort = Sort { key: SortKey::Domain, descending: false };

    /// Reads `records` or `-records`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Sort> {
        let text = text.trim();
        let (descending, name) = match text.strip_prefix('-') {
            Some(name) => (true, name),
            None => (false, text),
        };
        let key = SortKey::ALL.into_iter().find(|key| key.name() == name)?;
        Some(Sort { key, descending })
    }

    /// The order as the URL writes it.
    pub fn param(self) -> String {
        let sign = if self.descending { "-" } else { "" };
        format!("{sign}{}", self.key.name())
    }

    /// The order after the person chooses the column `key`: the same column turns around,
    /// another column starts in its first direction.
    pub fn choose(self, key: SortKey) -> Sort {
        if self.key == key {
            Sort { key, descending: !self.descending }
        } else {
            Sort { key, descending: key.first_descending() }
        }
    }
}

/// What the list shows: the search as typed and the sort order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub search: String,
    pub sort: Sort,
}

impl Default for ListQuery {
    fn default() -> ListQuery {
        ListQuery { search: String::new(), sort: Sort::DEFAULT }
    }
}

impl ListQuery {
    /// The query of the URL parameters `q` and `sort`; an unknown sort is the default one.
    pub fn from_params(search: Option<&str>, sort: Option<&str>) -> ListQuery {
        ListQuery {
            search: search.unwrap_or_default().to_owned(),
            sort: sort.and_then(Sort::parse).unwrap_or(Sort::DEFAULT),
        }
    }

    /// The URL query string (`?q=…&sort=…`) that brings this view back; empty for the
    /// default view, so the plain address stays plain.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.search.is_empty() {
            parts.push(format!("{SEARCH_PARAM}={}", js_sys::encode_uri_component(&self.search)));
        }
        if self.sort != Sort::DEFAULT {
            parts.push(format!("{SORT_PARAM}={}", self.sort.param()));
        }
        if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
    }

    /// Whether a search is typed (spaces alone are none).
    pub fn is_searching(&self) -> bool {
        !self.search.trim().is_empty()
    }
}

impl InAddress for ListQuery {
    fn from_params(param: &dyn Fn(&str) -> Option<String>) -> ListQuery {
        ListQuery::from_params(param(SEARCH_PARAM).as_deref(), param(SORT_PARAM).as_deref())
    }

    fn to_query(&self) -> String {
        self.to_query_string().trim_start_matches('?').to_owned()
    }
}

/// One zone with what searching and sorting it needs, worked out once per load.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    zone: Zone,
    /// The stored (ASCII) domain in lower case.
    ascii: String,
    /// The Unicode form in lower case, when the domain has A-labels.
    unicode: Option<String>,
    /// Milliseconds since 1970, or NaN when the API's timestamp cannot be read.
    created: f64,
}

impl Entry {
    /// The name a person reads, which the domain sort follows.
    fn shown_name(&self) -> &str {
        self.unicode.as_deref().unwrap_or(&self.ascii)
    }

    fn matches(&self, needle: &Needle) -> bool {
        self.ascii.contains(&needle.text)
            || self.unicode.as_ref().is_some_and(|unicode| unicode.contains(&needle.text))
            || needle.ascii.as_ref().is_some_and(|ascii| self.ascii.contains(ascii))
    }
}

/// What a search looks for: the text as typed, and its A-label form when it holds Unicode,
/// so that `bücher`, `BÜCHER` and `xn--bcher` all find `xn--bcher-kva.example`.
struct Needle {
    text: String,
    ascii: Option<String>,
}

impl Needle {
    fn new(search: &str) -> Needle {
        let text = search.trim().trim_end_matches('.').to_lowercase();
        let ascii = if text.is_ascii() { None } else { ascii_form(&text) };
        Needle { text, ascii }
    }
}

/// Every zone of the account, ready to be searched and sorted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ZoneIndex {
    entries: Vec<Entry>,
}

impl ZoneIndex {
    pub fn new(zones: &[Zone]) -> ZoneIndex {
        let entries = zones
            .iter()
            .map(|zone| Entry {
                zone: zone.clone(),
                ascii: zone.domain.to_lowercase(),
                unicode: unicode_form(&zone.domain).map(|unicode| unicode.to_lowercase()),
                created: js_sys::Date::parse(&zone.created_at),
            })
            .collect();
        ZoneIndex { entries }
    }

    /// How many zones the account has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The records of every zone together.
    pub fn total_records(&self) -> u64 {
        self.entries.iter().map(|entry| entry.zone.record_count).sum()
    }

    /// The zones the search finds (all when there is none), in the query's order. Equal
    /// keys fall back to the domain, so the order never depends on how the API sent them.
    pub fn select(&self, query: &ListQuery) -> Vec<Zone> {
        let needle = Needle::new(&query.search);
        let mut found: Vec<&Entry> =
            self.entries.iter().filter(|entry| entry.matches(&needle)).collect();

        let by_name = |a: &Entry, b: &Entry| {
            a.shown_name().cmp(b.shown_name()).then_with(|| a.ascii.cmp(&b.ascii))
        };
        let Sort { key, descending } = query.sort;
        found.sort_by(|a, b| {
            let order = match key {
                SortKey::Domain => by_name(a, b),
                SortKey::Records => a.zone.record_count.cmp(&b.zone.record_count),
                SortKey::Created => a.created.total_cmp(&b.created),
            };
            let order = if descending { order.reverse() } else { order };
            order.then_with(|| by_name(a, b))
        });
        found.into_iter().map(|entry| entry.zone.clone()).collect()
    }
}

/// The line above the table: how many zones and records, and how many of them the search
/// shows.
pub fn count_line(shown: &[Zone], total: usize, searching: bool) -> String {
    let records: u64 = shown.iter().map(|zone| zone.record_count).sum();
    let records = as_count(records);
    let records = plural("zones.count.records", records);
    let zones = if searching {
        let values = [("shown", use_i18n().number(shown.len())), ("n", use_i18n().number(total))];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if total == 1 {
            tf("zones.count.matching.one", &values)
        } else {
            tf("zones.count.matching.other", &values)
        }
    } else {
        plural("zones.count.zones", total)
    };
    tf("zones.count.line", &[("zones", &zones), ("records", &records)])
}

/// A count from the API as a number the i18n functions take.
fn as_count(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

#[component]
pub fn ZoneList() -> impl IntoView {
    let api = expect_context::<Api>();
    let session = expect_context::<Session>();
    let zones = LocalResource::new(move || async move { api.list_zones().await });
    reload_failed_on_new_token(session, zones);
    let loaded = Signal::derive(move || zones.get());

    view! {
        <section class="panel zone-list" aria-labelledby=dom_id("zones-heading")>
            <h1 id=dom_id("zones-heading")>{move || t("zones.heading")}</h1>
            <CreateZone />
            <ZoneBrowser
                zones=loaded
                on_retry=move || zones.refetch()
                on_deleted=move || zones.refetch()
            />
        </section>
    }
}

/// The form that creates a zone, optionally from a pasted zone file, and opens it.
#[component]
fn CreateZone() -> impl IntoView {
    let api = expect_context::<Api>();
    let location = use_location();

    // The domain is checked as it is typed; the server's word wins.
    let new_domain = RwSignal::new(String::new());
    let domain_input = NodeRef::<Input>::new();
    let server_error = RwSignal::new(None::<String>);
    let action_error = RwSignal::new(None::<String>);
    let creating = RwSignal::new(false);

    // A new zone may start from a pasted zone file, imported through its preview once the zone
    // exists; an empty domain is filled in from the file's `$ORIGIN`.
    let start_file = RwSignal::new(String::new());
    let pending_import = expect_context::<PendingImport>();
    let on_start_file = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        if new_domain.with_untracked(|d| d.trim().is_empty())
            && let Some(domain) = dns_rules::zoneread::suggested_domain(&text)
        {
            new_domain.set(domain);
        }
        start_file.set(text);
    };
    let typed = Memo::new(move |_| {
        let text = new_domain.get();
        (!text.trim().is_empty()).then(|| check_domain(&text))
    });

    // The domain of a create that timed out, which may have been made; a check looks for it.
    let unsure = RwSignal::new(None::<String>);

    // A created zone opens, with the file it was started from waiting for its import.
    let opened = move |zone: Zone| {
        new_domain.set(String::new());
        unsure.set(None);
        // The answer may come after the list was left (or its dashboard unmounted).
        let Some(file) = start_file.try_get_untracked() else { return };
        if !file.trim().is_empty() {
            pending_import.0.set(Some((zone.uuid.clone(), file)));
            start_file.set(String::new());
        }
        location.navigate(&format!("/zones/{}", zone.uuid), false);
    };

    // One create at a time: a submit while one runs (Enter, a second click) sends nothing.
    let on_create = move |event: SubmitEvent| {
        event.prevent_default();
        let checked = match typed.get_untracked() {
            Some(Ok(checked)) => checked,
            Some(Err(message)) => {
                server_error.set(Some(message));
                focus(domain_input);
                return;
            }
            None => {
                server_error.set(Some(t("zones.create.domain_missing")));
                focus(domain_input);
                return;
            }
        };

        if creating.get_untracked() {
            return;
        }
        creating.set(true);
        action_error.set(None);
        unsure.set(None);
        spawn_local(async move {
            let result = api.create_zone(checked.ascii.as_str()).await;
            creating.try_set(false);
            match result {
                Ok(zone) => opened(zone),
                Err(ApiError::Rejected(rejection)) => {
                    let message = rejection
                        .message_for("domain")
                        .map(str::to_owned)
                        .unwrap_or_else(|| ApiError::Rejected(rejection.clone()).message());
                    server_error.try_set(Some(message));
                    focus(domain_input);
                }
                Err(other) => {
                    if other.change_unknown() {
                        unsure.try_set(Some(checked.ascii.to_string()));
                    }
                    action_error.try_set(Some(other.message()));
                }
            }
        });
    };

    // A create that timed out may have been made: the zone is looked for by its domain.
    // Found, it opens as after a create; not found, the form stays as typed and says so.
    let check = move |_| {
        let Some(domain) = unsure.get_untracked() else { return };
        if creating.get_untracked() {
            return;
        }
        creating.set(true);
        spawn_local(async move {
            let result = api.find_zone(&domain).await;
            creating.try_set(false);
            match result {
                Ok(Some(zone)) => opened(zone),
                Ok(None) => {
                    unsure.try_set(None);
                    action_error.try_set(Some(t("api.check.zone_not_created")));
                }
                Err(error) => {
                    action_error.try_set(Some(error.message()));
                }
            }
        });
    };

    let domain_message = move || {
        server_error.get().or_else(|| match typed.get() {
            Some(Err(message)) => Some(message),
            _ => None,
        })
    };
    let conversion_hint = move || match typed.get() {
        Some(Ok(checked)) => checked.unicode.map(|unicode| {
            if new_domain.with(|typed| typed.is_ascii()) {
                tf("zones.create.is_unicode", &[("unicode", &unicode)])
            } else {
                tf("zones.create.as_ascii", &[("ascii", checked.ascii.as_str())])
            }
        }),
        _ => None,
    };

    let submit_text =
        move || if creating.get() { t("zones.create.busy") } else { t("zones.create.submit") };

    view! {
        <form class="form form-row create-zone" on:submit=on_create novalidate>
            <div class="field">
                <label for=dom_id("new-zone-domain")>{move || t("zones.create.label")}</label>
                <input
                    id=dom_id("new-zone-domain")
                    name="domain"
                    type="text"
                    placeholder="example.com"
                    autocomplete="off"
                    spellcheck="false"
                    data-shortcut="new"
                    node_ref=domain_input
                    aria-invalid=move || domain_message().is_some().to_string()
                    aria-describedby=dom_id("new-zone-message")
                    prop:value=move || new_domain.get()
                    on:input=move |event| {
                        new_domain.set(event_target_value(&event));
                        server_error.set(None);
                    }
                />
                <p id=dom_id("new-zone-message") class="field-error" aria-live="polite">
                    {domain_message}
                </p>
                <p class="hint">{conversion_hint}</p>
            </div>
            <details class="start-file">
                <summary>{move || t("zones.create.start_file")}</summary>
                <div class="field">
                    <label for=dom_id("new-zone-file")>{move || t("zones.create.file_label")}</label>
                    <textarea
                        id=dom_id("new-zone-file")
                        rows="8"
                        class="code"
                        spellcheck="false"
                        prop:value=move || start_file.get()
                        on:input=on_start_file
                    ></textarea>
                    <p class="hint">{move || t("zones.create.file_hint")}</p>
                </div>
            </details>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || creating.get()>
                    {submit_text}
                </button>
                <p class="action-error" role="alert">{move || action_error.get()}</p>
                {move || {
                    unsure
                        .with(Option::is_some)
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="button check"
                                    disabled=move || creating.get()
                                    on:click=check
                                >
                                    {move || t("api.check.created")}
                                </button>
                            }
                        })
                }}
            </div>
        </form>
    }
}

/// What the table's body shows.
#[derive(Clone, Debug, PartialEq)]
enum Body {
    Loading,
    Failed(ApiError),
    NoZones,
    NoMatch,
    Rows,
}

/// The search, the count line and the table of zones, in every state of their loading:
/// loading, failed, no zones at all, nothing found, or the zones found.
#[component]
pub fn ZoneBrowser(
    /// The account's zones: `None` while they load.
    #[prop(into)]
    zones: Signal<Option<Result<Vec<Zone>, ApiError>>>,
    /// Called when the person asks to load the zones again after a failure.
    #[prop(into)]
    on_retry: Callback<()>,
    /// Called after a zone was deleted.
    #[prop(into)]
    on_deleted: Callback<()>,
) -> impl IntoView {
    let index = Memo::new(move |_| {
        zones.with(|loaded| {
            loaded
                .as_ref()
                .map(|result| result.as_ref().map(|z| ZoneIndex::new(z)).map_err(Clone::clone))
        })
    });

    // The search and the order live in the page's address.
    let AddressView { query, set } = use_address_view::<ListQuery>();
    let set_query = move |next: ListQuery| set.run(next);

    let shown = Memo::new(move |_| {
        index.with(|index| match index {
            Some(Ok(index)) => query.with(|query| index.select(query)),
            _ => Vec::new(),
        })
    });
    let body = Memo::new(move |_| {
        index.with(|index| match index {
            None => Body::Loading,
            Some(Err(error)) => Body::Failed(error.clone()),
            Some(Ok(index)) if index.is_empty() => Body::NoZones,
            Some(Ok(_)) if shown.with(Vec::is_empty) => Body::NoMatch,
            Some(Ok(_)) => Body::Rows,
        })
    });

    // While the zones load or could not be, the line keeps its place with a blank.
    let count_text = move || {
        let total =
            index.with(|index| index.as_ref().and_then(|i| i.as_ref().ok()).map(ZoneIndex::len));
        let Some(total) = total else { return "\u{a0}".to_owned() };
        let searching = query.with(ListQuery::is_searching);
        shown.with(|shown| count_line(shown, total, searching))
    };

    // One deletion is asked about at a time: the zone's uuid.
    let confirming = RwSignal::new(None::<String>);

    let search_input = NodeRef::<Input>::new();
    let on_search = {
        move |event: leptos::ev::Event| {
            let mut next = query.get_untracked();
            next.search = event_target_value(&event);
            set_query(next);
        }
    };
    let clear_search = {
        move |_| {
            let mut next = query.get_untracked();
            next.search.clear();
            set_query(next);
            focus(search_input);
        }
    };

    let sort_header = {
        move |key: SortKey, class: &'static str, label: fn() -> String| {
            let state = move || {
                let sort = query.with(|q| q.sort);
                match (sort.key == key, sort.descending) {
                    (false, _) => "none",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                }
            };
            let arrow = move || match state() {
                "ascending" => "▲",
                "descending" => "▼",
                _ => "",
            };
            let on_click = move |_| {
                let mut next = query.get_untracked();
                next.sort = next.sort.choose(key);
                set_query(next);
            };
            view! {
                <th scope="col" class=class aria-sort=state>
                    <button type="button" class="sort" data-sort=key.name() on:click=on_click>
                        {label}
                        <span class="sort-arrow" aria-hidden="true">{arrow}</span>
                    </button>
                </th>
            }
        }
    };

    let loading = move || (body.get() == Body::Loading).to_string();
    let root = StoredValue::new(use_root());
    let domain_label = || t("zones.column.domain");
    let records_label = || t("zones.column.records");
    let created_label = || t("zones.column.created");

    let body_view = move || {
        match body.get() {
        Body::Loading => view! {
            <tr class="state-row">
                <td colspan="4">
                    <p class="loading" role="status">{move || t("zones.loading")}</p>
                </td>
            </tr>
        }
        .into_any(),
        Body::Failed(error) => view! {
            <tr class="state-row">
                <td colspan="4">
                    <LoadFailed what="The zones" error=error on_retry=on_retry />
                </td>
            </tr>
        }
        .into_any(),
        Body::NoZones => view! {
            <tr class="state-row">
                <td colspan="4" class="empty">
                    <p>{move || t("zones.empty.none")}</p>
                    <p>{move || t("zones.empty.none_next")}</p>
                    <button type="button" class="button" on:click=move |_| root.with_value(focus_new_zone)>
                        {move || t("zones.empty.none_action")}
                    </button>
                </td>
            </tr>
        }
        .into_any(),
        Body::NoMatch => view! {
            <tr class="state-row">
                <td colspan="4" class="empty">
                    <p>
                        {move || {
                            let search = query.with(|q| q.search.trim().to_owned());
                            tf("zones.empty.no_match", &[("search", &search)])
                        }}
                    </p>
                    <button type="button" class="button" on:click=clear_search>
                        {move || t("zones.empty.clear_search")}
                    </button>
                </td>
            </tr>
        }
        .into_any(),
        Body::Rows => view! {
            <For each=move || shown.get() key=|zone| zone.uuid.clone() let:zone>
                <ZoneRow zone=zone confirming=confirming on_deleted=on_deleted />
            </For>
        }
        .into_any(),
    }
    };

    view! {
        <div class="zone-browser">
            <div class="toolbar zone-toolbar">
                <div class="field search">
                    <label for=dom_id("zone-search")>{move || t("zones.search.label")}</label>
                    <input
                        id=dom_id("zone-search")
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        data-shortcut="search"
                        node_ref=search_input
                        placeholder=move || t("zones.search.placeholder")
                        aria-describedby=dom_id("zone-count")
                        prop:value=move || query.with(|q| q.search.clone())
                        on:input=on_search
                    />
                </div>
                <p id=dom_id("zone-count") class="count" aria-live="polite">{count_text}</p>
            </div>
            <div class="table-wrap">
                <table class="table zones" aria-busy=loading>
                    <thead>
                        <tr>
                            {sort_header(SortKey::Domain, "col-domain", domain_label)}
                            {sort_header(SortKey::Records, "col-records numeric", records_label)}
                            {sort_header(SortKey::Created, "col-created", created_label)}
                            <th scope="col" class="col-actions">
                                <span class="visually-hidden">
                                    {move || t("zones.column.actions")}
                                </span>
                            </th>
                        </tr>
                    </thead>
                    <tbody>{body_view}</tbody>
                </table>
            </div>
        </div>
    }
}

/// Focuses the new zone's domain input, wherever the dashboard has it.
fn focus_new_zone(root: &Option<Root>) {
    if let Some(input) = root.as_ref().and_then(|r| r.find("[data-shortcut='new']")) {
        let _ = input.focus();
    }
}

/// One zone's row, with its confirmed delete.
#[component]
fn ZoneRow(
    zone: Zone,
    /// The uuid of the zone whose deletion is being asked about, if any.
    confirming: RwSignal<Option<String>>,
    /// Called after the zone was deleted.
    on_deleted: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let i18n = use_i18n();
    let deleting = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<String>);
    let delete_button = NodeRef::<leptos::html::Button>::new();

    let uuid = StoredValue::new(zone.uuid.clone());
    let domain = zone.domain.clone();
    let unicode = unicode_form(&zone.domain);
    let records = zone.record_count;
    let created = zone.created_at.clone();

    let delete = move || {
        deleting.set(true);
        delete_error.set(None);
        spawn_local(async move {
            let result = api.delete_zone(&uuid.get_value()).await;
            deleting.try_set(false);
            match result {
                Ok(()) => {
                    confirming.try_set(None);
                    on_deleted.try_run(());
                }
                Err(error) => {
                    delete_error.try_set(Some(error.message()));
                }
            }
        });
    };
    let cancel = move || {
        confirming.set(None);
        focus(delete_button);
    };
    let is_confirming =
        move || confirming.with(|c| uuid.with_value(|u| c.as_deref() == Some(u.as_str())));

    let question = {
        let domain = domain.clone();
        move || {
            let values = [("domain", domain.as_str()), ("n", &i18n.number(as_count(records)))];
            if records == 1 {
                tf("zones.delete.question.one", &values)
            } else {
                tf("zones.delete.question.other", &values)
            }
        }
    };
    let confirm_label = {
        let domain = domain.clone();
        move || tf("zones.delete.confirm", &[("domain", &domain)])
    };

    let href = format!("/zones/{}", uuid.get_value());
    let link_text = domain.clone();
    let shown_time = {
        let created = created.clone();
        move || i18n.date_time(&created)
    };

    view! {
        <tr data-zone=domain>
            <td class="domain">
                <Link href=href>{link_text}</Link>
                {unicode.map(|u| view! { <span class="unicode">{u}</span> })}
            </td>
            <td class="numeric records" data-label=move || t("zones.column.records")>
                {move || i18n.number(as_count(records))}
            </td>
            <td class="created">
                <time datetime=created>{shown_time}</time>
            </td>
            <td class="actions">
                <button
                    type="button"
                    class="button button-small"
                    node_ref=delete_button
                    on:click=move |_| {
                        delete_error.set(None);
                        confirming.set(Some(uuid.get_value()));
                    }
                >
                    {move || t("zones.delete.button")}
                </button>
            </td>
        </tr>
        <Show when=is_confirming>
            <ConfirmDelete
                columns=4
                question=question()
                confirm=confirm_label()
                busy=deleting
                error=delete_error
                on_confirm=delete
                on_cancel=cancel
            />
        </Show>
    }
}
