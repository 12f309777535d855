//! The API token: where it is kept, how it is checked, and the page that manages it.
//!
//! The token is the person's key to their zones, so it is kept in as few places as possible:
//! in memory, plus `sessionStorage` ("this tab", the default) or, only when asked,
//! `localStorage` ("this device"). It never goes into a URL or a message.

mod settings;

use leptos::prelude::*;

pub use settings::TokenSettings;

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
}

impl Session {
    /// The session as the browser's storage has it; the tab's copy wins over the device's.
    pub fn load() -> Session {
        let from_tab = storage(Keep::Tab).and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let from_device =
            storage(Keep::Device).and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        let (token, keep) = match (from_tab, from_device) {
            (Some(token), _) => (Some(token), Keep::Tab),
            (None, Some(token)) => (Some(token), Keep::Device),
            (None, None) => (None, Keep::Tab),
        };
        Session {
            token: RwSignal::new(token),
            keep: RwSignal::new(keep),
            refused: RwSignal::new(None),
        }
    }

    /// A session that starts with `token` and touches no storage; for tests and hosts that
    /// supply the token themselves.
    pub fn in_memory(token: Option<String>) -> Session {
        Session {
            token: RwSignal::new(token),
            keep: RwSignal::new(Keep::Tab),
            refused: RwSignal::new(None),
        }
    }

    pub fn has_token_untracked(&self) -> bool {
        self.token.with_untracked(Option::is_some)
    }

    pub fn token_untracked(&self) -> Option<String> {
        self.token.get_untracked()
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
        clear_storage();
        if let Some(storage) = storage(keep) {
            let _ = storage.set_item(STORAGE_KEY, &token);
        }
        self.token.set(Some(token));
        self.keep.set(keep);
        self.refused.set(None);
    }

    pub fn forget(&self) {
        clear_storage();
        self.token.set(None);
        self.refused.set(None);
    }

    /// Records that the API refused the token: it is dropped, and the reason kept for the
    /// token page to show.
    pub fn refuse(&self, reason: String) {
        clear_storage();
        self.token.set(None);
        self.refused.set(Some(reason));
    }
}

/// Checks a pasted token's form before it is sent anywhere. Returns the trimmed token.
pub fn check_token_form(input: &str) -> Result<String, String> {
    let token = input.trim();
    if token.is_empty() {
        return Err("Paste an API token. It starts with vps_.".into());
    }
    let Some(secret) = token.strip_prefix("vps_") else {
        return Err("An API token starts with vps_. Copy the whole token from the \
                    developers page."
            .into());
    };
    if secret.is_empty() {
        return Err("The token ends after vps_; copy the whole token.".into());
    }
    if let Some(bad) = secret.chars().find(|c| !(c.is_ascii_alphanumeric() || "-_.".contains(*c))) {
        let shown = if bad.is_whitespace() { "a space".to_owned() } else { format!("“{bad}”") };
        return Err(format!("The token contains {shown}, which no token has. Copy it again."));
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

fn clear_storage() {
    for keep in [Keep::Tab, Keep::Device] {
        if let Some(storage) = storage(keep) {
            let _ = storage.remove_item(STORAGE_KEY);
        }
    }
}
