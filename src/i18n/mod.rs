//! Languages: English and Albanian, every string from a message catalog, switchable while
//! the dashboard runs and remembered on the device.
//!
//! The catalogs are `catalogs/<language>/<area>.txt` files of `key = text` lines; `build.rs`
//! checks them (same keys and placeholders in both languages, every key the code names
//! exists) and bakes them into sorted tables. Text that comes from the API is shown as sent.
//! Numbers and dates are written by the browser's `Intl` for the chosen language.

use std::cell::{Cell, RefCell};

use js_sys::Function;
use leptos::prelude::*;
use wasm_bindgen::JsValue;

mod rules;
mod tables {
    include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));
}

pub use rules::rule_message;

const STORAGE_KEY: &str = "dns-dashboard.language";

/// A language the dashboard speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Sq,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Sq];

    /// The BCP 47 code, for `<html lang>` and `Intl`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sq => "sq",
        }
    }

    /// The language's name in itself, as a language menu shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Sq => "Shqip",
        }
    }

    /// Reads a code such as `sq`, `sq-AL` or `en-GB`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    fn table(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::En => tables::EN,
            Lang::Sq => tables::SQ,
        }
    }

    /// The text of `key`, or the key itself when it is unknown: only a key built at run time
    /// can be, since `build.rs` checks the literal ones.
    pub fn text(self, key: &str) -> String {
        let table = self.table();
        match table.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(at) => table[at].1.to_owned(),
            Err(_) => key.to_owned(),
        }
    }
}

/// The chosen language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The language remembered on this device, else the browser's, else English.
    pub fn load() -> I18n {
        let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let browser = web_sys::window().and_then(|w| w.navigator().language());
        let lang = stored
            .as_deref()
            .and_then(Lang::from_code)
            .or_else(|| browser.as_deref().and_then(Lang::from_code))
            .unwrap_or(Lang::En);
        I18n::fixed(lang)
    }

    /// A language that touches no storage; for tests and hosts that choose it.
    pub fn fixed(lang: Lang) -> I18n {
        let i18n = I18n { lang: RwSignal::new(lang) };
        LATEST.with(|latest| latest.set(Some(i18n)));
        LATEST_LANG.with(|latest| latest.set(lang));
        i18n
    }

    /// The chosen language; the dashboard's latest when this one was disposed with its owner
    /// (a task may outlive the component that started it).
    pub fn lang(&self) -> Lang {
        self.lang.try_get().unwrap_or_else(|| LATEST_LANG.with(Cell::get))
    }

    /// Switches every string of the dashboard and remembers the choice on this device.
    pub fn set(&self, lang: Lang) {
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, lang.code());
        }
        LATEST_LANG.with(|latest| latest.set(lang));
        self.lang.set(lang);
    }

    /// The text of `key` in the chosen language.
    pub fn t(&self, key: &str) -> String {
        self.lang().text(key)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn tf(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill(&self.lang().text(key), values)
    }

    /// `key.one` or `key.other` by `n`, with `{n}` written as a number of the language.
    pub fn plural(&self, key: &str, n: usize) -> String {
        let lang = self.lang();
        let form = if n == 1 { "one" } else { "other" };
        let text = lang.text(&format!("{key}.{form}"));
        fill(&text, &[("n", &number(lang, n as f64))])
    }

    /// A number as the language writes it (`1,234` or `1 234`).
    pub fn number(&self, n: usize) -> String {
        number(self.lang(), n as f64)
    }

    /// An RFC 3339 timestamp as a date and time of the language, in UTC; anything the
    /// browser cannot read is shown as it came.
    pub fn date_time(&self, timestamp: &str) -> String {
        let lang = self.lang();
        let date = js_sys::Date::new(&JsValue::from_str(timestamp));
        if date.get_time().is_nan() {
            return timestamp.to_owned();
        }
        let options = js_sys::Object::new();
        for (name, value) in [("dateStyle", "medium"), ("timeStyle", "short"), ("timeZone", "UTC")]
        {
            let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
        }
        let locales = js_sys::Array::of1(&lang.code().into());
        let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
        let formatted = format.format().call1(&JsValue::UNDEFINED, &date);
        let text = formatted.ok().and_then(|v| v.as_string()).unwrap_or_default();
        format!("{text} UTC")
    }
}

/// The language in context.
///
/// A task started with `spawn_local` runs outside the component that started it and sees no
/// context; it gets the language made last, which on a page with one dashboard is the same.
// Limitation: with two dashboards in two languages on one page, a message made in such a
// task (an import's progress, an undo's result) may come in the language of the one mounted
// last.
pub fn use_i18n() -> I18n {
    use_context::<I18n>()
        .or_else(|| LATEST.with(Cell::get))
        .unwrap_or_else(|| I18n::fixed(Lang::En))
}

thread_local! {
    static LATEST: Cell<Option<I18n>> = const { Cell::new(None) };
    static LATEST_LANG: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The text of `key` in the language in context; reactive when read inside a closure.
pub fn t(key: &str) -> String {
    use_i18n().t(key)
}

/// [`I18n::tf`] in the language in context.
pub fn tf(key: &str, values: &[(&str, &str)]) -> String {
    use_i18n().tf(key, values)
}

/// [`I18n::plural`] in the language in context.
pub fn plural(key: &str, n: usize) -> String {
    use_i18n().plural(key, n)
}

fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The number format of `lang`, made once: the browser takes longer to make one than to use
/// it, and a table writes counts on every keystroke in its filter.
fn number_format(lang: Lang) -> Function {
    thread_local! {
        static FORMATS: RefCell<Vec<(Lang, Function)>> = const { RefCell::new(Vec::new()) };
    }
    FORMATS.with_borrow_mut(|formats| {
        if let Some((_, format)) = formats.iter().find(|(l, _)| *l == lang) {
            return format.clone();
        }
        let locales = js_sys::Array::of1(&lang.code().into());
        let format = js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new()).format();
        formats.push((lang, format.clone()));
        format
    })
}

fn number(lang: Lang, n: f64) -> String {
    let formatted = number_format(lang).call1(&JsValue::UNDEFINED, &JsValue::from_f64(n));
    formatted.ok().and_then(|v| v.as_string()).unwrap_or_else(|| n.to_string())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The language menu of the header.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |event: leptos::ev::Event| {
        if let Some(lang) = Lang::from_code(&event_target_value(&event)) {
            i18n.set(lang);
        }
    };

    view! {
        <label class="switch">
            <span class="visually-hidden">{move || t("app.language")}</span>
            <select on:change=on_change prop:value=move || i18n.lang().code()>
                {Lang::ALL
                    .into_iter()
                    .map(|lang| {
                        view! {
                            <option value=lang.code() lang=lang.code()>{lang.own_name()}</option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
