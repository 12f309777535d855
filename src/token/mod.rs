//! The API token: where it is kept, how it is checked, and the page that manages it.
//!
//! The token is the person's key to their zones, so it is kept in as few places as possible:
//! in memory, plus `sessionStorage` ("this tab", the default) or, only when asked,
//! `localStorage` ("this device"). It never goes into a URL or a message.

mod settings;

use leptos::prelude::*;

pub use settings::TokenSettings;

use crate::i18n::{t, tf};

const STORAGE_KEY: &str = "dns-dashboard.token";

/// Where a saved token is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// `sessionStorage`: gone when the tab closes.
    Tab,
    /// `localStorage`: stays on this device until forgotten.
    Device,
}

/// The signed-in state every page reads: the token, and why the API last refused one.
#[derive(Clone, Copy)]
pub struct Session {
    token: RwSignal<Option<String>>,
    keep: RwSignal<Keep>,
    refused: RwSignal<Option<String>>,
    /// The storage key of this API's token.
    key: StoredValue<String>,
}

impl Session {
    /// The session of the API at `api_base` as the browser's storage has it; the tab's copy
    /// wins over the device's. Each API has its own key, so a token kept for one API is never
    /// sent to another that a page on the same origin talks to.
    pub fn load_for(api_base: &str) -> Session {
        let key = storage_key(api_base);
        let read = |keep| storage(keep).and_then(|s| s.get_item(&key).ok().flatten());
        let (from_tab, from_device) = (read(Keep::Tab), read(Keep::Device));
        let (token, keep) = match (from_tab, from_device) {
            (Some(token), _) => (Some(token), Keep::Tab),
            (None, Some(token)) => (Some(token), Keep::Device),
            (None, None) => (None, Keep::Tab),
        };
        Session {
            token: RwSignal::new(token),
            keep: RwSignal::new(keep),
            refused: RwSignal::new(None),
            key: StoredValue::new(key),
        }
    }

    /// A session that starts with `token` and touches no storage; for tests and hosts that
    /// supply the token themselves.
    pub fn in_memory(token: Option<String>) -> Session {
        Session {
            token: RwSignal::new(token),
            keep: RwSignal::new(Keep::Tab),
            refused: RwSignal::new(None),
            key: StoredValue::new(String::new()),
        }
    }

    // The untracked reads are also made by requests that end after their dashboard was
    // unmounted: a session that is gone has no token.
    pub fn has_token_untracked(&self) -> bool {
        self.token.try_with_untracked(Option::is_some).unwrap_or(false)
    }

    pub fn token_untracked(&self) -> Option<String> {
        self.token.try_get_untracked().flatten()
    }

    /// Subscribes the caller to token changes, so that data read with one token is read
    /// again when another is saved.
    pub fn track(&self) {
        self.token.track();
    }

    pub fn has_token(&self) -> bool {
        self.token.with(Option::is_some)
    }

    /// The token with all but its ends hidden, for showing which one is in use.
    pub fn masked(&self) -> Option<String> {
        self.token.with(|token| token.as_deref().map(mask))
    }

    pub fn keep(&self) -> Keep {
        self.keep.get()
    }

    /// Why the API last refused the token, until a new one is saved.
    pub fn refused(&self) -> Option<String> {
        self.refused.get()
    }

    pub fn save(&self, token: String, keep: Keep) {
        let Some(key) = self.key.try_get_value() else { return };
        clear_storage(&key);
        if let Some(storage) = storage(keep).filter(|_| !key.is_empty()) {
            let _ = storage.set_item(&key, &token);
        }
        self.token.set(Some(token));
        self.keep.set(keep);
        self.refused.set(None);
    }

    pub fn forget(&self) {
        clear_storage(&self.key.try_get_value().unwrap_or_default());
        self.token.set(None);
        self.refused.set(None);
    }

    /// Records that the API refused the token: it is dropped, and the reason kept for the
    /// token page to show.
    pub fn refuse(&self, reason: String) {
        clear_storage(&self.key.try_get_value().unwrap_or_default());
        self.token.set(None);
        self.refused.set(Some(reason));
    }
}

/// What is wrong with a pasted token's form, found before it is sent anywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenProblem {
    /// Nothing was pasted.
    Empty,
    /// It does not start with `vps_`.
    NoPrefix,
    /// It is `vps_` and nothing more.
    NothingAfterPrefix,
    /// It holds a character no token has: a space, a quote, a line break.
    Character(char),
}

impl TokenProblem {
    /// What to do about it, in the language in context.
    pub fn message(self) -> String {
        match self {
            TokenProblem::Empty => t("token.problem.empty"),
            TokenProblem::NoPrefix => t("token.problem.prefix"),
            TokenProblem::NothingAfterPrefix => t("token.problem.cut"),
            TokenProblem::Character(c) if c.is_whitespace() => t("token.problem.space"),
            TokenProblem::Character(c) => {
                tf("token.problem.character", &[("character", &c.to_string())])
            }
        }
    }
}

/// Checks a pasted token's form before it is sent anywhere. Returns the trimmed token.
pub fn check_token_form(input: &str) -> Result<String, TokenProblem> {
    let token = input.trim();
    if token.is_empty() {
        return Err(TokenProblem::Empty);
    }
    let Some(secret) = token.strip_prefix("vps_") else {
        return Err(TokenProblem::NoPrefix);
    };
    if secret.is_empty() {
        return Err(TokenProblem::NothingAfterPrefix);
    }
    if let Some(bad) = secret.chars().find(|c| !(c.is_ascii_alphanumeric() || "-_.".contains(*c))) {
        return Err(TokenProblem::Character(bad));
    }
    Ok(token.to_owned())
}

/// `vps_abcd…wxyz`: enough to tell tokens apart, not enough to use one.
pub fn mask(token: &str) -> String {
    let chars: Vec<char> = token.chars().collect();
    if chars.len() <= 12 {
        return "vps_…".to_owned();
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

fn storage(keep: Keep) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match keep {
        Keep::Tab => window.session_storage().ok().flatten(),
        Keep::Device => window.local_storage().ok().flatten(),
    }
}

/// The key a token for the API at `api_base` is kept under: the dashboard's own API keeps
/// the plain key; any other, the plain key and the API's address.
fn storage_key(api_base: &str) -> String {
    if api_base == crate::app::DEFAULT_API_BASE {
        return STORAGE_KEY.to_owned();
    }
    let origin = web_sys::window().and_then(|w| w.location().href().ok());
    let absolute = origin
        .and_then(|page| web_sys::Url::new_with_base(api_base, &page).ok())
        .map(|url| url.href())
        .unwrap_or_else(|| api_base.to_owned());
    format!("{STORAGE_KEY} {absolute}")
}

fn clear_storage(key: &str) {
    if key.is_empty() {
        return;
    }
    for keep in [Keep::Tab, Keep::Device] {
        if let Some(storage) = storage(keep) {
            let _ = storage.remove_item(key);
        }
    }
}
