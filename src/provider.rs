//! What the dashboard knows of the provider beyond its API: the name servers that serve every
//! zone and the SOA mailbox. The API does not report them, yet an exported zone file needs
//! them to load, and a `dig` command needs a server to ask.
//!
//! They come from `<meta>` tags of the page (`dns-nameservers`, space-separated, and
//! `dns-hostmaster`), so a provider sets them where it serves the dashboard; without the tags
//! the provider's documented values are used.

use wasm_bindgen::JsCast;

/// The provider's documented name servers, first the SOA's primary.
const DEFAULT_NAMESERVERS: [&str; 2] = ["ns1.vps.org", "ns2.vps.org"];
const DEFAULT_HOSTMASTER: &str = "hostmaster.vps.org";

/// The provider's name servers and SOA mailbox, absolute names without the final dot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provider {
    pub nameservers: Vec<String>,
    pub hostmaster: String,
}

impl Default for Provider {
    fn default() -> Provider {
        Provider {
            nameservers: DEFAULT_NAMESERVERS.map(str::to_owned).to_vec(),
            hostmaster: DEFAULT_HOSTMASTER.to_owned(),
        }
    }
}

impl Provider {
    /// Reads the page's `<meta>` tags, keeping the defaults for any that are absent or empty.
    pub fn from_page() -> Provider {
        let mut provider = Provider::default();

        let nameservers: Vec<String> = meta("dns-nameservers")
            .map(|list| list.split_whitespace().map(host).collect())
            .unwrap_or_default();
        if !nameservers.is_empty() {
            provider.nameservers = nameservers;
        }

        if let Some(hostmaster) = meta("dns-hostmaster").filter(|text| !text.trim().is_empty()) {
            provider.hostmaster = host(hostmaster.trim());
        }
        provider
    }

    /// The server a `dig` command asks: the first name server.
    pub fn primary(&self) -> &str {
        self.nameservers.first().map_or(DEFAULT_NAMESERVERS[0], String::as_str)
    }
}

/// `name` in lower case without its final dot.
fn host(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// The content of `<meta name="{name}">`, if the page has one.
fn meta(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let selector = format!("meta[name=\"{name}\"]");
    let element = document.query_selector(&selector).ok()??;
    element.dyn_into::<web_sys::HtmlMetaElement>().ok().map(|meta| meta.content())
}
