//! `RecordForm`: the inputs follow the record type, the shared rules check as the person
//! types, and the server's refusal lands under the input its `field` names.
//!
//! The form never withholds a request because the local rules object: the API has the final
//! word, and a dashboard pointed at the provider must not refuse what the provider accepts.
//! Local messages are advice shown once an input has been left or a save was tried.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use dns_rules::api::{Record, RecordWrite};
use dns_rules::zonefile::record_line;
use dns_rules::{DomainName, RecordType, txt_zone_strings};
use leptos::ev::SubmitEvent;
use leptos::html::{Input, Select, Textarea};
use leptos::prelude::*;

use super::draft::{CAA_TAGS, Draft};
use crate::api::ApiError;
use crate::zones::idn::to_ascii;

/// The API fields this form has inputs for.
const FIELDS: [&str; 5] = ["record_type", "name", "value", "ttl", "priority"];

/// Messages from the server's last refusal, sorted into fields the form shows and the rest.
#[derive(Clone, Debug, Default, PartialEq)]
struct ServerMessages {
    fields: Vec<(String, String)>,
    general: Vec<String>,
}

impl ServerMessages {
    fn from_error(error: &ApiError) -> ServerMessages {
        let mut messages = ServerMessages::default();
        match error {
            ApiError::Rejected(rejection) => {
                messages.general.extend(rejection.general.iter().cloned());
                for (field, message) in &rejection.fields {
                    if FIELDS.contains(&field.as_str()) {
                        messages.fields.push((field.clone(), message.clone()));
                    } else {
                        messages.general.push(format!("{field}: {message}"));
                    }
                }
            }
            other => messages.general.push(other.message()),
        }
        messages
    }
}

/// One element reference per input that a message can point at.
#[derive(Clone, Copy)]
struct Inputs {
    record_type: NodeRef<Select>,
    name: NodeRef<Input>,
    value: NodeRef<Input>,
    text: NodeRef<Textarea>,
    ttl: NodeRef<Input>,
    priority: NodeRef<Input>,
    srv_weight: NodeRef<Input>,
    caa_value: NodeRef<Input>,
}

impl Inputs {
    fn new() -> Inputs {
        Inputs {
            record_type: NodeRef::new(),
            name: NodeRef::new(),
            value: NodeRef::new(),
            text: NodeRef::new(),
            ttl: NodeRef::new(),
            priority: NodeRef::new(),
            srv_weight: NodeRef::new(),
            caa_value: NodeRef::new(),
        }
    }

    /// Moves focus to the input of `field`: for SRV the first part of the value, for CAA the
    /// quoted value, where most mistakes are.
    fn focus(&self, field: &str, record_type: RecordType) {
        let element: Option<web_sys::HtmlElement> = match (field, record_type) {
            ("record_type", _) => self.record_type.get_untracked().map(Into::into),
            ("name", _) => self.name.get_untracked().map(Into::into),
            ("ttl", _) => self.ttl.get_untracked().map(Into::into),
            ("priority", _) => self.priority.get_untracked().map(Into::into),
            ("value", RecordType::Srv) => self.srv_weight.get_untracked().map(Into::into),
            ("value", RecordType::Caa) => self.caa_value.get_untracked().map(Into::into),
            ("value", RecordType::Txt) => self.text.get_untracked().map(Into::into),
            ("value", _) => self.value.get_untracked().map(Into::into),
            _ => None,
        };
        if let Some(element) = element {
            let _ = element.focus();
        }
    }
}

static FORM_COUNT: AtomicUsize = AtomicUsize::new(0);

#[component]
pub fn RecordForm(
    /// The zone the record is in; names are checked relative to it.
    zone: DomainName,
    /// The record being edited, or none for a new record.
    #[prop(optional)]
    existing: Option<Record>,
    /// Called with the request body when the person saves.
    #[prop(into)]
    on_submit: Callback<RecordWrite>,
    /// Called when the person cancels.
    #[prop(into)]
    on_cancel: Callback<()>,
    /// The error of the last save, shown at the inputs it names.
    #[prop(into)]
    rejection: Signal<Option<ApiError>>,
    /// True while a save is under way; the save button waits.
    #[prop(into)]
    busy: Signal<bool>,
) -> impl IntoView {
    let id = format!("record-form-{}", FORM_COUNT.fetch_add(1, Ordering::Relaxed));
    let editing = existing.is_some();
    let draft = RwSignal::new(existing.as_ref().map(Draft::from_record).unwrap_or_default());
    let inputs = Inputs::new();

    // Local advice is shown for an input once it was left, and for all after a save attempt.
    let touched = RwSignal::new(HashSet::<&'static str>::new());
    let tried = RwSignal::new(false);
    // The API converts a Unicode name to A-labels; the advice does the same, through the
    // browser, so that it never refuses what the save will accept.
    let validated = Memo::new(move |_| {
        draft.with(|d| {
            if d.name.is_ascii() {
                return d.validate(&zone);
            }
            let mut converted = d.clone();
            converted.name = to_ascii(d.name.trim()).unwrap_or_else(|_| d.name.clone());
            converted.validate(&zone)
        })
    });
    let local = Memo::new(move |_| validated.with(|v| v.as_ref().err().cloned()));

    // What will be written, before it is: the zone-file line, and how TXT text is split.
    let preview = move || {
        validated.with(|v| {
            v.as_ref().ok().map(|record| {
                let strings = (record.record_type == RecordType::Txt)
                    .then(|| txt_zone_strings(&record.value).len())
                    .filter(|count| *count > 1);
                (record_line(record), strings)
            })
        })
    };

    // A server message stays until its input is changed.
    let server = Memo::new(move |_| rejection.with(|r| r.as_ref().map(ServerMessages::from_error)));
    let edited_since = RwSignal::new(HashSet::<&'static str>::new());
    Effect::new(move |_| {
        let Some(messages) = server.get() else { return };
        edited_since.set(HashSet::new());
        let record_type = draft.with_untracked(|d| d.record_type);
        if let Some((field, _)) = messages.fields.first() {
            inputs.focus(field, record_type);
        }
    });

    let message_for = move |field: &'static str| {
        let from_server = server.with(|messages| {
            messages.as_ref().and_then(|m| {
                m.fields.iter().find(|(f, _)| f == field).map(|(_, text)| text.clone())
            })
        });
        if from_server.is_some() && !edited_since.with(|e| e.contains(field)) {
            return from_server;
        }
        let shown = tried.get() || touched.with(|t| t.contains(field));
        local.with(|l| match l {
            Some((f, text)) if *f == field && shown => Some(text.clone()),
            _ => None,
        })
    };
    let general =
        move || server.with(|m| m.as_ref().map(|m| m.general.clone()).unwrap_or_default());

    let edit = move |field: &'static str, apply: fn(&mut Draft, String), text: String| {
        draft.update(|d| apply(d, text));
        edited_since.update(|e| {
            e.insert(field);
        });
    };
    let leave = move |field: &'static str| {
        touched.update(|t| {
            t.insert(field);
        });
    };

    let on_form_submit = move |event: SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        let current = draft.get_untracked();
        match current.to_write() {
            Ok(write) => on_submit.run(write),
            Err(problems) => {
                if let Some((field, _)) = problems.first() {
                    inputs.focus(field, current.record_type);
                }
            }
        }
    };

    let record_type = move || draft.with(|d| d.record_type);
    let field_id = {
        let id = id.clone();
        move |field: &str| format!("{id}-{field}")
    };

    let simple_value = {
        let field_id = field_id.clone();
        move |label: &'static str, placeholder: &'static str| {
            view! {
                <FieldInput
                    id=field_id("value")
                    name="value"
                    label=label
                    placeholder=placeholder
                    value=Signal::derive(move || draft.with(|d| d.value.clone()))
                    on_input=move |text| edit("value", |d, t| d.value = t, text)
                    on_leave=move || leave("value")
                    message=Signal::derive(move || message_for("value"))
                    input_ref=inputs.value
                />
            }
        }
    };

    let priority_input = {
        let field_id = field_id.clone();
        move |label: &'static str| {
            view! {
                <FieldInput
                    id=field_id("priority")
                    name="priority"
                    label=label
                    placeholder="10"
                    inputmode="numeric"
                    value=Signal::derive(move || draft.with(|d| d.priority.clone()))
                    on_input=move |text| edit("priority", |d, t| d.priority = t, text)
                    on_leave=move || leave("priority")
                    message=Signal::derive(move || message_for("priority"))
                    input_ref=inputs.priority
                />
            }
        }
    };

    let value_inputs = {
        let field_id = field_id.clone();
        move || {
            let field_id = field_id.clone();
            match record_type() {
                RecordType::A => simple_value("IPv4 address", "192.0.2.1").into_any(),
                RecordType::Aaaa => simple_value("IPv6 address", "2001:db8::1").into_any(),
                RecordType::Cname => simple_value("Target host name", "www.example.net").into_any(),
                RecordType::Ns => simple_value("Name server", "ns1.example.net").into_any(),
                RecordType::Mx => view! {
                    {priority_input("Priority")}
                    {simple_value("Mail server", "mail.example.com")}
                }
                .into_any(),
                RecordType::Txt => {
                    let text_id = field_id("value");
                    view! {
                        <div class="field field-wide">
                            <label for=text_id.clone()>"Text"</label>
                            <textarea
                                id=text_id.clone()
                                name="value"
                                rows="3"
                                spellcheck="false"
                                node_ref=inputs.text
                                aria-invalid=move || message_for("value").is_some().to_string()
                                prop:value=move || draft.with(|d| d.value.clone())
                                on:input=move |ev| edit("value", |d, t| d.value = t, event_target_value(&ev))
                                on:blur=move |_| leave("value")
                            ></textarea>
                            <FieldMessage message=Signal::derive(move || message_for("value")) />
                        </div>
                    }
                    .into_any()
                }
                RecordType::Srv => view! {
                    {priority_input("Priority")}
                    <fieldset class="field-group">
                        <legend>"Service"</legend>
                        <FieldInput
                            id=field_id("weight")
                            name="weight"
                            label="Weight"
                            placeholder="5"
                            inputmode="numeric"
                            value=Signal::derive(move || draft.with(|d| d.srv_weight.clone()))
                            on_input=move |text| edit("value", |d, t| d.srv_weight = t, text)
                            on_leave=move || leave("value")
                            message=Signal::derive(|| None)
                            input_ref=inputs.srv_weight
                        />
                        <FieldInput
                            id=field_id("port")
                            name="port"
                            label="Port"
                            placeholder="5060"
                            inputmode="numeric"
                            value=Signal::derive(move || draft.with(|d| d.srv_port.clone()))
                            on_input=move |text| edit("value", |d, t| d.srv_port = t, text)
                            on_leave=move || leave("value")
                            message=Signal::derive(|| None)
                        />
                        <FieldInput
                            id=field_id("target")
                            name="target"
                            label="Target host"
                            placeholder="sip.example.com"
                            value=Signal::derive(move || draft.with(|d| d.srv_target.clone()))
                            on_input=move |text| edit("value", |d, t| d.srv_target = t, text)
                            on_leave=move || leave("value")
                            message=Signal::derive(|| None)
                        />
                        <FieldMessage message=Signal::derive(move || message_for("value")) />
                    </fieldset>
                }
                .into_any(),
                RecordType::Caa => {
                    let tag_id = field_id("tag");
                    view! {
                        <fieldset class="field-group">
                            <legend>"Certificate authority rule"</legend>
                            <FieldInput
                                id=field_id("flags")
                                name="flags"
                                label="Flags"
                                placeholder="0"
                                inputmode="numeric"
                                value=Signal::derive(move || draft.with(|d| d.caa_flags.clone()))
                                on_input=move |text| edit("value", |d, t| d.caa_flags = t, text)
                                on_leave=move || leave("value")
                                message=Signal::derive(|| None)
                            />
                            <div class="field">
                                <label for=tag_id.clone()>"Tag"</label>
                                <select
                                    id=tag_id.clone()
                                    name="tag"
                                    prop:value=move || draft.with(|d| d.caa_tag.clone())
                                    on:change=move |ev| edit("value", |d, t| d.caa_tag = t, event_target_value(&ev))
                                >
                                    {CAA_TAGS
                                        .iter()
                                        .map(|tag| view! { <option value=*tag>{*tag}</option> })
                                        .collect_view()}
                                </select>
                            </div>
                            <FieldInput
                                id=field_id("caa-value")
                                name="caa_value"
                                label="Value"
                                placeholder="letsencrypt.org"
                                value=Signal::derive(move || draft.with(|d| d.caa_value.clone()))
                                on_input=move |text| edit("value", |d, t| d.caa_value = t, text)
                                on_leave=move || leave("value")
                                message=Signal::derive(|| None)
                                input_ref=inputs.caa_value
                            />
                            <FieldMessage message=Signal::derive(move || message_for("value")) />
                        </fieldset>
                    }
                    .into_any()
                }
            }
        }
    };

    let type_id = field_id("record_type");
    let title = if editing { "Edit record" } else { "New record" };

    view! {
        <form class="record-form panel" on:submit=on_form_submit novalidate aria-label=title>
            <h2 class="form-title">{title}</h2>
            <div class="form-errors" role="alert" aria-live="assertive">
                {move || {
                    general()
                        .into_iter()
                        .map(|text| view! { <p class="notice notice-error">{text}</p> })
                        .collect_view()
                }}
            </div>
            <div class="form-grid">
                <div class="field">
                    <label for=type_id.clone()>"Type"</label>
                    <select
                        id=type_id.clone()
                        name="record_type"
                        node_ref=inputs.record_type
                        prop:value=move || record_type().as_str()
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev);
                            if let Ok(t) = chosen.parse::<RecordType>() {
                                draft.update(|d| d.record_type = t);
                                edited_since.update(|e| {
                                    e.insert("record_type");
                                });
                            }
                        }
                    >
                        {RecordType::ALL
                            .iter()
                            .map(|t| view! { <option value=t.as_str()>{t.as_str()}</option> })
                            .collect_view()}
                    </select>
                    <FieldMessage message=Signal::derive(move || message_for("record_type")) />
                </div>
                <FieldInput
                    id=field_id("name")
                    name="name"
                    label="Name"
                    placeholder="@ or www"
                    value=Signal::derive(move || draft.with(|d| d.name.clone()))
                    on_input=move |text| edit("name", |d, t| d.name = t, text)
                    on_leave=move || leave("name")
                    message=Signal::derive(move || message_for("name"))
                    input_ref=inputs.name
                />
                {value_inputs}
                <FieldInput
                    id=field_id("ttl")
                    name="ttl"
                    label="TTL (seconds)"
                    placeholder="3600"
                    inputmode="numeric"
                    value=Signal::derive(move || draft.with(|d| d.ttl.clone()))
                    on_input=move |text| edit("ttl", |d, t| d.ttl = t, text)
                    on_leave=move || leave("ttl")
                    message=Signal::derive(move || message_for("ttl"))
                    input_ref=inputs.ttl
                />
            </div>
            <div class="preview" aria-live="polite">
                {move || match preview() {
                    Some((line, strings)) => view! {
                        <p class="preview-label">"Zone file line"</p>
                        <pre class="preview-line">{line}</pre>
                        {strings.map(|count| view! {
                            <p class="hint">
                                {format!(
                                    "The text is longer than 255 octets, so it is written as {count} \
                                     strings; resolvers join them back into one text."
                                )}
                            </p>
                        })}
                    }
                    .into_any(),
                    None => view! {
                        <p class="hint">"The zone file line appears here once the record is valid."</p>
                    }
                    .into_any(),
                }}
            </div>
            <div class="form-actions">
                <button type="submit" class="button button-primary" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { "Save record" }}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
        </form>
    }
}

/// A labelled text input with its message below it.
#[component]
fn FieldInput(
    /// The element id, unique on the page.
    id: String,
    /// The input's `name`, which tests and autofill use.
    name: &'static str,
    /// The visible label.
    label: &'static str,
    /// An example shown while the input is empty.
    #[prop(optional)]
    placeholder: &'static str,
    /// The on-screen keyboard hint, e.g. `numeric`.
    #[prop(optional)]
    inputmode: &'static str,
    /// The current text.
    value: Signal<String>,
    /// Called with the new text on every keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    /// Called when focus leaves the input.
    #[prop(into)]
    on_leave: Callback<()>,
    /// The message to show under the input, if any.
    message: Signal<Option<String>>,
    /// Lets the form move focus here.
    #[prop(optional)]
    input_ref: Option<NodeRef<Input>>,
) -> impl IntoView {
    let input_ref = input_ref.unwrap_or_default();
    let message_id = format!("{id}-message");
    let inputmode = (!inputmode.is_empty()).then_some(inputmode);

    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type="text"
                autocomplete="off"
                spellcheck="false"
                placeholder=placeholder
                inputmode=inputmode
                node_ref=input_ref
                aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=message_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| on_leave.run(())
            />
            <p id=message_id class="field-error" aria-live="polite">
                {move || message.get()}
            </p>
        </div>
    }
}

/// A message under a group of inputs.
#[component]
fn FieldMessage(
    /// The message, if any.
    message: Signal<Option<String>>,
) -> impl IntoView {
    view! { <p class="field-error" aria-live="polite">{move || message.get()}</p> }
}
