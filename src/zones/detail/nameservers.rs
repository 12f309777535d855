//! The name servers that serve the zone, and how to point a domain at them: records here are
//! only answered on the internet once the registrar lists these servers for the domain.

use leptos::prelude::*;

use super::row::{Copied, CopyButton};
use crate::embed::dom_id;
use crate::i18n::{t, tf};
use crate::provider::Provider;

/// The provider's name servers with a copy button each, and the steps at the registrar.
#[component]
pub fn NameServers(
    /// The zone's domain, as the person knows it.
    domain: String,
    /// The page's last copy, which its status line reports.
    copied: RwSignal<Option<Copied>>,
) -> impl IntoView {
    let provider = expect_context::<Provider>();
    let domain = StoredValue::new(domain);
    let intro = move || domain.with_value(|d| tf("table.ns.intro", &[("domain", d)]));
    let howto = move || domain.with_value(|d| tf("table.ns.howto_heading", &[("domain", d)]));
    let registrar = move || domain.with_value(|d| tf("table.ns.step_registrar", &[("domain", d)]));

    let servers = provider
        .nameservers
        .into_iter()
        .map(|server| {
            let label = Signal::derive({
                let server = server.clone();
                move || tf("table.ns.copy", &[("server", &server)])
            });
            view! {
                <li>
                    <code class="nameserver">{server.clone()}</code>
                    " "
                    <CopyButton text=server label=label copied=copied />
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="nameservers panel" aria-labelledby=dom_id("nameservers-heading")>
            <h2 id=dom_id("nameservers-heading")>{move || t("table.ns.heading")}</h2>
            <p>{intro}</p>
            <ul class="nameserver-list">{servers}</ul>
            <h3>{howto}</h3>
            <ol class="howto">
                <li>{registrar}</li>
                <li>{move || t("table.ns.step_find")}</li>
                <li>{move || t("table.ns.step_replace")}</li>
                <li>{move || t("table.ns.step_wait")}</li>
            </ol>
        </section>
    }
}
