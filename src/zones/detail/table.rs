//! The record table's controls: the filter (text and type chips), the sortable column
//! headings and the select-all box, with the view held in the page's query string.

use std::collections::HashSet;

use leptos::prelude::*;

use crate::address::{AddressView, InAddress};
use crate::embed::dom_id;
use crate::i18n::{plural, t, tf, use_i18n};
use crate::records::query::{SortKey, TableQuery};
use crate::records::selection::Selection;

/// How many rows the table draws at most until the person asks for more, and how many more
/// each "show more" adds: every row of a 150-record zone (the case `paged-records`), few
/// enough that a 10,000-record zone's page stays light.
pub const PAGE_ROWS: usize = 200;

/// How many rows a new view draws in the frame of the keystroke that made it: more than a
/// tall screen shows. The rest follow, as many per frame, in the frames after.
const ROWS_PER_FRAME: usize = 40;

/// The table's view as the page's address holds it.
pub type TableUrl = AddressView<TableQuery>;

impl InAddress for TableQuery {
    fn from_params(param: &dyn Fn(&str) -> Option<String>) -> TableQuery {
        TableQuery::from_params(param)
    }

    fn to_query(&self) -> String {
        self.to_query_string()
    }
}

/// How many rows the table draws: up to a limit the person raises with "show more". A new
/// view keeps the rows already on screen and draws at most a frame's worth of new ones per
/// frame, top first, so a keystroke in the filter waits only for the rows at the top.
#[derive(Clone, Copy)]
pub struct Drawing {
    /// How many rows the table shows at most, once drawn.
    pub limit: RwSignal<usize>,
    /// How many rows not yet on screen may be drawn now.
    budget: RwSignal<usize>,
    /// The uuids of the rows drawn last time.
    on_screen: StoredValue<HashSet<String>>,
    /// Whether the last count reached every row the view wants.
    complete: StoredValue<bool>,
    /// Counts new views, so that the growth of an older one stops.
    round: StoredValue<u32>,
}

impl Drawing {
    pub fn new() -> Drawing {
        let drawing = Drawing {
            limit: RwSignal::new(PAGE_ROWS),
            budget: RwSignal::new(ROWS_PER_FRAME),
            on_screen: StoredValue::new(HashSet::new()),
            complete: StoredValue::new(false),
            round: StoredValue::new(0),
        };
        drawing.grow_after_frame();
        drawing
    }

    /// How many of the view's rows (`uuids`, in order) to draw now: reactive, and remembered
    /// as the rows on screen.
    pub fn count<'a>(&self, uuids: impl Iterator<Item = &'a str>) -> usize {
        let limit = self.limit.get();
        let mut budget = self.budget.get();
        let mut drawn = HashSet::new();
        let mut complete = true;
        self.on_screen.with_value(|on_screen| {
            for uuid in uuids.take(limit) {
                if !on_screen.contains(uuid) {
                    if budget == 0 {
                        complete = false;
                        break;
                    }
                    budget -= 1;
                }
                drawn.insert(uuid.to_owned());
            }
        });
        let count = drawn.len();
        self.on_screen.set_value(drawn);
        self.complete.set_value(complete);
        count
    }

    /// A new view: the rows it shares with the old one stay, new ones come a frame at a time.
    pub fn restart(&self) {
        self.limit.set(PAGE_ROWS);
        self.budget.set(ROWS_PER_FRAME);
        self.grow_after_frame();
    }

    /// Shows `more` rows beyond the limit (or all, with `usize::MAX`), drawn frame by frame.
    pub fn show_more(&self, more: usize) {
        self.limit.update(|limit| *limit = limit.saturating_add(more));
        self.budget.set(ROWS_PER_FRAME);
        self.grow_after_frame();
    }

    /// Starts a growth that a newer one will stop.
    fn grow_after_frame(self) {
        self.round.update_value(|r| *r = r.wrapping_add(1));
        self.step_after_frame(self.round.get_value());
    }

    /// Once the current frame is on screen, allows a frame's worth of new rows more, and so
    /// on until the view is drawn, unless a newer growth started or the table is gone.
    fn step_after_frame(self, round: u32) {
        let step = move || {
            let current = self.round.try_get_value() == Some(round);
            if !current || self.complete.try_get_value() != Some(false) {
                return;
            }
            self.budget.update(|b| *b = b.saturating_add(ROWS_PER_FRAME));
            self.step_after_frame(round);
        };
        // An animation frame runs before its paint; the timeout after it, once it is painted.
        request_animation_frame(move || set_timeout(step, std::time::Duration::ZERO));
    }
}

impl Default for Drawing {
    fn default() -> Drawing {
        Drawing::new()
    }
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
                    id=dom_id("record-filter")
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

/// Below a table drawn in part: how much is shown, and buttons to show more or all of it.
#[component]
pub fn ShowMore(
    /// How many rows are drawn.
    drawing: Drawing,
    /// How many rows the filter lets through.
    matching: Signal<usize>,
) -> impl IntoView {
    let limit = drawing.limit;
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
                <button type="button" class="button" on:click=move |_| drawing.show_more(PAGE_ROWS)>
                    {more}
                </button>
                " "
                <button
                    type="button"
                    class="button"
                    on:click=move |_| drawing.show_more(usize::MAX)
                >
                    {move || t("table.more.all")}
                </button>
            </div>
        </Show>
    }
}
