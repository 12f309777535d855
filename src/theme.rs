//! Light and dark: the system's setting by default, or the person's choice, remembered on
//! this device. The choice is a `data-theme` attribute on the element the dashboard fills
//! (`<html>` for its own page); `style/` does the rest.

use leptos::prelude::*;

use crate::i18n::t;

const STORAGE_KEY: &str = "dns-dashboard.theme";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|theme| theme.code() == code)
    }

    fn label_key(self) -> &'static str {
        match self {
            Theme::System => "app.theme.system",
            Theme::Light => "app.theme.light",
            Theme::Dark => "app.theme.dark",
        }
    }
}

/// The remembered theme, else the system's.
pub fn load() -> RwSignal<Theme> {
    let stored = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    RwSignal::new(stored.as_deref().and_then(Theme::from_code).unwrap_or(Theme::System))
}

/// Marks `root`, the element the dashboard fills, with the theme its style sheet reads.
pub fn apply(theme: Theme, root: &web_sys::Element) {
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        chosen => root.set_attribute("data-theme", chosen.code()),
    };
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The theme menu of the header.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let theme = expect_context::<RwSignal<Theme>>();
    let on_change = move |event: leptos::ev::Event| {
        let Some(chosen) = Theme::from_code(&event_target_value(&event)) else { return };
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, chosen.code());
        }
        theme.set(chosen);
    };

    view! {
        <label class="switch">
            <span class="visually-hidden">{move || t("app.theme")}</span>
            <select on:change=on_change prop:value=move || theme.get().code()>
                {Theme::ALL
                    .into_iter()
                    .map(|choice| {
                        let key = choice.label_key();
                        view! { <option value=choice.code()>{move || t(key)}</option> }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
