//! The record table's controls: the filter (text and type chips), the sortable column
//! headings and the select-all box, with the view held in the page's query string.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use crate::i18n::{plural, t, tf, use_i18n};
use crate::records::query::{SortKey, TableQuery};
use crate::records::selection::Selection;

/// How many rows the table draws at first, and how many more each "show more" adds: enough
/// for most zones at once (every row of a 150-record zone, as the case `paged-records` asks),
/// few enough that a keystroke in the filter of a 10,000-record zone redraws quickly.
///
/// Limitation: a keystroke in the filter of a 2,000-record zone takes about 85 ms beyond the
/// benchmark's own floor (`scripts/bench-filter`: median 107 ms against 23 ms for a bare
/// input), which is visible; writing the URL later did not change it, so the drawing of
/// rows is the next suspect.
pub const PAGE_ROWS: usize = 200;

/// The table's view as the URL holds it, and a way to change it.
#[derive(Clone, Copy)]
pub struct TableUrl {
    pub query: Memo<TableQuery>,
    /// Puts a view in the URL. The address is replaced, not pushed, so typing in the filter
    /// does not fill the history with one entry per keystroke.
    pub set: Callback<TableQuery>,
}

/// Reads the table's view from the current URL and writes changes back to it.
pub fn use_table_url() -> TableUrl {
    let params = use_query_map();
    let location = use_location();
    let navigate = use_navigate();

    let query = Memo::new(move |_| params.with(|p| TableQuery::from_params(|key| p.get(key))));
    let set = Callback::new(move |next: TableQuery| {
        let path = location.pathname.get_untracked();
        let search = next.to_query_string();
        let url = if search.is_empty() { path } else { format!("{path}?{search}") };
        let options = NavigateOptions { replace: true, scroll: false, ..Default::default() };
        navigate(&url, options);
    });
    TableUrl { query, set }
}

/// The text filter, the type chips with their counts, and a way back to every record.
#[component]
pub fn FilterBar(
    /// The view in the URL.
    url: TableUrl,
    /// The record types in the zone with how many records each has, sorted.
    types: Memo<Vec<(String, usize)>>,
) -> impl IntoView {
    let TableUrl { query, set } = url;
    let on_input = move |event: leptos::ev::Event| {
        let text = event_target_value(&event);
        set.run(TableQuery { text, ..query.get_untracked() });
    };

    // A type filtered on that the zone no longer has stays as a chip, so it can be removed.
    let chips = move || {
        let mut shown = types.get();
        for wanted in query.with(|q| q.types.clone()) {
            if !shown.iter().any(|(t, _)| *t == wanted) {
                shown.push((wanted, 0));
            }
        }
        shown
    };
    let chip = move |(record_type, count): (String, usize)| {
        let pressed = {
            let record_type = record_type.clone();
            move || query.with(|q| q.types.contains(&record_type))
        };
        let toggle = {
            let record_type = record_type.clone();
            move |_| set.run(query.get_untracked().toggled_type(&record_type))
        };
        view! {
            <button
                type="button"
                class="chip"
                data-type=record_type.clone()
                aria-pressed=move || pressed().to_string()
                on:click=toggle
            >
                {record_type.clone()}
                " "
                <span class="chip-count">{move || use_i18n().number(count)}</span>
            </button>
        }
    };
    let clear = move |_| {
        let TableQuery { sort, descending, .. } = query.get_untracked();
        set.run(TableQuery { sort, descending, ..TableQuery::default() });
    };

    view! {
        <div class="filter-bar" role="search">
            <label class="field filter-text">
                <span>{move || t("table.filter.label")}</span>
                <input
                    type="search"
                    id="record-filter"
                    data-shortcut="search"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder=move || t("table.filter.placeholder")
                    aria-keyshortcuts="/"
                    prop:value=move || query.with(|q| q.text.clone())
                    on:input=on_input
                />
            </label>
            <div class="chips" role="group" aria-label=move || t("table.filter.types")>
                <For each=chips key=|chip| chip.clone() children=chip />
            </div>
            <Show when=move || query.with(TableQuery::is_filtering)>
                <button type="button" class="button button-small clear-filter" on:click=clear>
                    {move || t("table.filter.clear")}
                </button>
            </Show>
        </div>
    }
}

/// A column heading that sorts the table by its column, and says how it is sorted.
#[component]
pub fn SortHeading(
    /// The view in the URL.
    url: TableUrl,
    /// The column.
    key: SortKey,
    /// The heading's text.
    label: Signal<String>,
    /// Extra classes of the cell (`numeric`).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let TableUrl { query, set } = url;
    let state = move || query.with(|q| (q.sort == key).then_some(q.descending));
    let aria_sort = move || match state() {
        Some(true) => "descending",
        Some(false) => "ascending",
        None => "none",
    };
    let arrow = move || match state() {
        Some(true) => "↓",
        Some(false) => "↑",
        None => "",
    };

    view! {
        <th scope="col" class=class aria-sort=aria_sort>
            <button
                type="button"
                class="sort"
                data-sort=key.as_str()
                on:click=move |_| set.run(query.get_untracked().sorted_by(key))
            >
                {move || label.get()}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// The heading box that chooses every record the filter shows, or none.
#[component]
pub fn SelectAll(
    selection: RwSignal<Selection>,
    /// The uuids the table shows.
    shown: Memo<Vec<String>>,
) -> impl IntoView {
    let chosen = move || shown.with(|s| selection.with(|sel| sel.count_in(s)));
    let total = move || shown.with(Vec::len);
    let label = move || plural("table.select_all", total());
    let all_chosen = move || total() > 0 && chosen() == total();
    let some_chosen = move || chosen() > 0 && chosen() < total();

    view! {
        <th scope="col" class="select">
            <input
                type="checkbox"
                class="select-all"
                aria-label=label
                title=label
                prop:checked=all_chosen
                prop:indeterminate=some_chosen
                on:click=move |_| {
                    shown.with_untracked(|s| selection.update(|sel| sel.toggle_all(s)))
                }
            />
        </th>
    }
}

/// Below a table drawn in part: how much is drawn, and buttons to draw more or all of it.
#[component]
pub fn ShowMore(
    /// How many rows are drawn at most.
    limit: RwSignal<usize>,
    /// How many rows the filter lets through.
    matching: Signal<usize>,
) -> impl IntoView {
    let hidden = move || matching.get() > limit.get();
    let text = move || {
        let i18n = use_i18n();
        let drawn = i18n.number(limit.get().min(matching.get()));
        let total = i18n.number(matching.get());
        tf("table.more.drawn", &[("drawn", &drawn), ("total", &total)])
    };
    let more = move || {
        let n = use_i18n().number(PAGE_ROWS.min(matching.get().saturating_sub(limit.get())));
        tf("table.more.next", &[("n", &n)])
    };

    view! {
        <Show when=hidden>
            <div class="show-more">
                <p class="hint">{text}</p>
                <button
                    type="button"
                    class="button"
                    on:click=move |_| limit.update(|l| *l += PAGE_ROWS)
                >
                    {more}
                </button>
                " "
                <button
                    type="button"
                    class="button"
                    on:click=move |_| limit.set(matching.get_untracked())
                >
                    {move || t("table.more.all")}
                </button>
            </div>
        </Show>
    }
}
