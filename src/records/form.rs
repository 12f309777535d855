//! `RecordForm`: the inputs follow the record type, the shared rules check as the person
//! types, and the server's refusal lands under the input its `field` names.
//!
//! The form never withholds a request because the local rules object: the API has the final
//! word, and a dashboard pointed at the provider must not refuse what the provider accepts.
//! Local messages are advice shown once an input has been left or a save was tried.
//!
//! From the keyboard: Enter saves (the form's own submit), Escape cancels. While a save runs
//! the save button waits (disabled, `aria-busy`) and a second submit is ignored. Focus is
//! left where it is when the form opens and closes: returning it to the control that opened
//! the form is the caller's part, and nothing here moves it afterwards.

use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use dns_rules::api::{Record, RecordWrite};
use dns_rules::zonefile::record_line;
use dns_rules::{DomainName, RecordType, txt_zone_strings};
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::html::{Input, Select, Textarea};
use leptos::prelude::*;

use super::draft::{Advice, CAA_TAGS, Draft};
use super::remembered::{remember_type, remembered_type};
use super::ttl::{TTL_PRESETS, ttl_in_words};
use crate::api::ApiError;
use crate::i18n::{plural, rule_message, t};
use crate::zones::idn::to_ascii;

/// The API fields this form has inputs for.
const FIELDS: [&str; 5] = ["record_type", "name", "value", "ttl", "priority"];

/// Messages from the server's last refusal, sorted by where the form shows them.
#[derive(Clone, Debug, Default, PartialEq)]
struct ServerMessages {
    /// Under the input of the named field.
    fields: Vec<(String, String)>,
    /// At the top of the form: about the record as a whole.
    general: Vec<String>,
    /// Beside the save button: why the save itself failed (a permission, the server, the
    /// network), as the one sentence of [`ApiError::message`].
    action: Option<String>,
    /// Whether the same save may succeed when tried again unchanged.
    retry: bool,
    /// Whether the save may have been made although it failed (it timed out), so the person
    /// is offered to check before saving again.
    check: bool,
}

impl ServerMessages {
    /// Reads the language in context (through [`ApiError::message`]), so a memo of it is
    /// rewritten when the language changes.
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
                if messages.fields.is_empty() && messages.general.is_empty() {
                    messages.general.push(error.message());
                }
            }
            other => {
                messages.action = Some(other.message());
                messages.retry = other.is_retryable();
                messages.check = other.change_unknown();
            }
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

/// The words of a local piece of advice about `field`.
fn advice_text(field: &str, advice: &Advice) -> String {
    match advice {
        Advice::NotANumber if field == "priority" => t("records.not_a_number.priority"),
        Advice::NotANumber => t("records.not_a_number.ttl"),
        Advice::Rule(error) => rule_message(error),
    }
}

/// The label of a TTL preset, as people say it ("1 h", "1 orë").
fn preset_label(seconds: u32) -> String {
    match seconds {
        60 => t("records.ttl.preset.minute"),
        300 => t("records.ttl.preset.five_minutes"),
        3600 => t("records.ttl.preset.hour"),
        _ => t("records.ttl.preset.day"),
    }
}

static FORM_COUNT: AtomicUsize = AtomicUsize::new(0);

#[component]
pub fn RecordForm(
    /// The zone the record is in; names are checked relative to it.
    zone: DomainName,
    /// The record being edited, or none for a new record, which starts as the type last
    /// saved from a new-record form on this device.
    #[prop(optional)]
    existing: Option<Record>,
    /// Called with the request body when the person saves (a button, Enter, or a retry).
    #[prop(into)]
    on_submit: Callback<RecordWrite>,
    /// Called when the person cancels (the button or Escape). Returning focus to the
    /// control that opened the form is the caller's part.
    #[prop(into)]
    on_cancel: Callback<()>,
    /// The error of the last save, shown at the inputs it names.
    #[prop(into)]
    rejection: Signal<Option<ApiError>>,
    /// True while a save is under way; the save button waits and submits are ignored.
    #[prop(into)]
    busy: Signal<bool>,
    /// Called when the person asks whether a save that timed out was made after all; the
    /// button is offered only for such a failure, and only when this is given.
    #[prop(optional, into)]
    on_check: Option<Callback<()>>,
    /// What the page found out about the last save, shown beside the save button; none by
    /// default.
    #[prop(optional, into)]
    note: MaybeProp<String>,
) -> impl IntoView {
    let id = format!("record-form-{}", FORM_COUNT.fetch_add(1, Ordering::Relaxed));
    let editing = existing.is_some();
    let start = match existing.as_ref() {
        Some(record) => Draft::from_record(record),
        None => Draft::new(remembered_type()),
    };
    let draft = RwSignal::new(start);
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
            Some((f, advice)) if *f == field && shown => Some(advice_text(f, advice)),
            _ => None,
        })
    };
    let general =
        move || server.with(|m| m.as_ref().map(|m| m.general.clone()).unwrap_or_default());
    let action_error = move || server.with(|m| m.as_ref().and_then(|m| m.action.clone()));
    let retryable = move || server.with(|m| m.as_ref().is_some_and(|m| m.retry));
    let checkable =
        move || on_check.is_some() && server.with(|m| m.as_ref().is_some_and(|m| m.check));

    let edit = move |field: &'static str, apply: fn(&mut Draft, String), text: String| {
        draft.update(|d| apply(d, text));
        edited_since.update(|e| {
            e.insert(field);
        });
    };
    // The browser also says an input was left when the form closes under it (a save, Escape):
    // by then the form may be gone, and so is what it would note.
    let leave = move |field: &'static str| {
        touched.try_update(|t| {
            t.insert(field);
        });
    };

    // One save per request: a submit while the last one runs is dropped, whichever way it
    // came (Enter, the button, the retry).
    let save = move || {
        if busy.get_untracked() {
            return;
        }
        tried.set(true);
        let current = draft.get_untracked();
        match current.to_write() {
            Ok(write) => {
                if !editing {
                    remember_type(current.record_type);
                }
                on_submit.run(write);
            }
            Err(fields) => {
                if let Some(field) = fields.first() {
                    inputs.focus(field, current.record_type);
                }
            }
        }
    };
    let on_form_submit = move |event: SubmitEvent| {
        event.prevent_default();
        save();
    };

    // Escape closes this form and nothing around it (a panel, a page); a key that finishes
    // an input method's composition is not a cancel.
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Escape" && !event.is_composing() && !event.default_prevented() {
            event.prevent_default();
            event.stop_propagation();
            on_cancel.run(());
        }
    };

    // The TTL: a preset, or any number of seconds typed in. "Custom" stays chosen once the
    // person picks it, even while the number typed happens to be a preset's.
    let ttl_custom = RwSignal::new(false);
    let chosen_preset = move || {
        if ttl_custom.get() {
            return None;
        }
        draft.with(|d| d.ttl.trim().parse::<u32>().ok()).filter(|s| TTL_PRESETS.contains(s))
    };
    let ttl_words = move || draft.with(|d| ttl_in_words(&d.ttl));

    let record_type = move || draft.with(|d| d.record_type);
    let field_id = {
        let id = id.clone();
        move |field: &str| format!("{id}-{field}")
    };

    let simple_value = {
        let field_id = field_id.clone();
        move |label: ViewFn, placeholder: &'static str| {
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
        move || {
            view! {
                <FieldInput
                    id=field_id("priority")
                    name="priority"
                    label=|| t("records.priority")
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
                RecordType::A => {
                    simple_value(ViewFn::from(|| t("records.value.a")), "192.0.2.1").into_any()
                }
                RecordType::Aaaa => {
                    simple_value(ViewFn::from(|| t("records.value.aaaa")), "2001:db8::1").into_any()
                }
                RecordType::Cname => {
                    simple_value(ViewFn::from(|| t("records.value.cname")), "www.example.net")
                        .into_any()
                }
                RecordType::Ns => {
                    simple_value(ViewFn::from(|| t("records.value.ns")), "ns1.example.net")
                        .into_any()
                }
                RecordType::Mx => view! {
                    {priority_input()}
                    {simple_value(ViewFn::from(|| t("records.value.mx")), "mail.example.com")}
                }
                .into_any(),
                RecordType::Txt => {
                    let text_id = field_id("value");
                    let message_id = format!("{text_id}-message");
                    view! {
                        <div class="field field-wide">
                            <label for=text_id.clone()>{move || t("records.value.txt")}</label>
                            <textarea
                                id=text_id.clone()
                                name="value"
                                rows="3"
                                spellcheck="false"
                                node_ref=inputs.text
                                aria-invalid=move || message_for("value").is_some().to_string()
                                aria-describedby=message_id.clone()
                                prop:value=move || draft.with(|d| d.value.clone())
                                on:input=move |ev| {
                                    edit("value", |d, t| d.value = t, event_target_value(&ev))
                                }
                                on:blur=move |_| leave("value")
                            ></textarea>
                            <FieldMessage
                                id=message_id
                                message=Signal::derive(move || message_for("value"))
                            />
                        </div>
                    }
                    .into_any()
                }
                RecordType::Srv => view! {
                    {priority_input()}
                    <fieldset class="field-group">
                        <legend>{move || t("records.srv")}</legend>
                        <FieldInput
                            id=field_id("weight")
                            name="weight"
                            label=|| t("records.srv.weight")
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
                            label=|| t("records.srv.port")
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
                            label=|| t("records.srv.target")
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
                            <legend>{move || t("records.caa")}</legend>
                            <FieldInput
                                id=field_id("flags")
                                name="flags"
                                label=|| t("records.caa.flags")
                                placeholder="0"
                                inputmode="numeric"
                                value=Signal::derive(move || draft.with(|d| d.caa_flags.clone()))
                                on_input=move |text| edit("value", |d, t| d.caa_flags = t, text)
                                on_leave=move || leave("value")
                                message=Signal::derive(|| None)
                            />
                            <div class="field">
                                <label for=tag_id.clone()>{move || t("records.caa.tag")}</label>
                                <select
                                    id=tag_id.clone()
                                    name="tag"
                                    prop:value=move || draft.with(|d| d.caa_tag.clone())
                                    on:change=move |ev| {
                                        edit("value", |d, t| d.caa_tag = t, event_target_value(&ev))
                                    }
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
                                label=|| t("records.caa.value")
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

    let ttl_id = field_id("ttl");
    let ttl_inputs = view! {
        <fieldset class="field-group ttl-group">
            <legend>{move || t("records.ttl")}</legend>
            <div class="ttl-presets">
                {TTL_PRESETS
                    .into_iter()
                    .map(|seconds| {
                        view! {
                            <label class="ttl-preset">
                                <input
                                    type="radio"
                                    name="ttl_preset"
                                    value=seconds.to_string()
                                    prop:checked=move || chosen_preset() == Some(seconds)
                                    on:change=move |_| {
                                        ttl_custom.set(false);
                                        edit("ttl", |d, t| d.ttl = t, seconds.to_string());
                                    }
                                />
                                {move || preset_label(seconds)}
                            </label>
                        }
                    })
                    .collect_view()}
                <label class="ttl-preset">
                    <input
                        type="radio"
                        name="ttl_preset"
                        value="custom"
                        prop:checked=move || chosen_preset().is_none()
                        on:change=move |_| {
                            ttl_custom.set(true);
                            inputs.focus("ttl", record_type());
                        }
                    />
                    {move || t("records.ttl.custom")}
                </label>
            </div>
            <FieldInput
                id=ttl_id.clone()
                name="ttl"
                label=|| t("records.ttl.seconds")
                placeholder="3600"
                inputmode="numeric"
                value=Signal::derive(move || draft.with(|d| d.ttl.clone()))
                on_input=move |text| edit("ttl", |d, t| d.ttl = t, text)
                on_leave=move || leave("ttl")
                message=Signal::derive(move || message_for("ttl"))
                input_ref=inputs.ttl
            />
            // An <output> is a polite live region: the words are read out as the number
            // changes, without tying a second description to the input.
            <output class="hint ttl-words" for=ttl_id>
                {ttl_words}
            </output>
        </fieldset>
    };

    let type_id = field_id("record_type");
    let title_id = field_id("title");
    let labelled_by = title_id.clone();
    let title = move || if editing { t("records.title.edit") } else { t("records.title.new") };

    view! {
        <form
            class="record-form panel"
            on:submit=on_form_submit
            on:keydown=on_keydown
            novalidate
            aria-labelledby=labelled_by
        >
            <h2 class="form-title" id=title_id>
                {title}
            </h2>
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
                    <label for=type_id.clone()>{move || t("records.type")}</label>
                    <select
                        id=type_id.clone()
                        name="record_type"
                        node_ref=inputs.record_type
                        prop:value=move || record_type().as_str()
                        on:change=move |ev| {
                            let chosen = event_target_value(&ev);
                            if let Ok(t) = chosen.parse::<RecordType>() {
                                draft.update(|d| d.set_type(t));
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
                    label=|| t("records.name")
                    placeholder=Signal::derive(|| t("records.name.placeholder"))
                    value=Signal::derive(move || draft.with(|d| d.name.clone()))
                    on_input=move |text| edit("name", |d, t| d.name = t, text)
                    on_leave=move || leave("name")
                    message=Signal::derive(move || message_for("name"))
                    input_ref=inputs.name
                />
                {value_inputs}
                {ttl_inputs}
            </div>
            <div class="preview" aria-live="polite">
                {move || match preview() {
                    Some((line, strings)) => {
                        view! {
                            <p class="preview-label">{move || t("records.preview.label")}</p>
                            <pre class="preview-line">{line}</pre>
                            {strings
                                .map(|count| {
                                    view! {
                                        <p class="hint">
                                            {move || plural("records.preview.split", count)}
                                        </p>
                                    }
                                })}
                        }
                            .into_any()
                    }
                    None => {
                        view! { <p class="hint">{move || t("records.preview.empty")}</p> }
                            .into_any()
                    }
                }}
            </div>
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()
                >
                    {move || if busy.get() { t("records.saving") } else { t("records.save") }}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {move || t("records.cancel")}
                </button>
                <div class="save-failed" role="alert">
                    {move || {
                        action_error()
                            .map(|text| {
                                view! {
                                    <p class="action-error">{text}</p>
                                    {checkable()
                                        .then(|| {
                                            view! {
                                                <button
                                                    type="button"
                                                    class="button check"
                                                    disabled=move || busy.get()
                                                    on:click=move |_| {
                                                        if let Some(check) = on_check
                                                            && !busy.get_untracked()
                                                        {
                                                            check.run(());
                                                        }
                                                    }
                                                >
                                                    {move || t("api.check")}
                                                </button>
                                            }
                                        })}
                                    {retryable()
                                        .then(|| {
                                            view! {
                                                <button
                                                    type="button"
                                                    class="button retry"
                                                    disabled=move || busy.get()
                                                    on:click=move |_| save()
                                                >
                                                    {move || t("records.retry")}
                                                </button>
                                            }
                                        })}
                                }
                            })
                    }}
                </div>
                <p class="save-note" role="status">{move || note.get()}</p>
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
    /// The visible label, from the catalog.
    #[prop(into)]
    label: ViewFn,
    /// An example shown while the input is empty; none by default.
    #[prop(into, optional)]
    placeholder: MaybeProp<String>,
    /// The on-screen keyboard hint, e.g. `numeric`; none by default.
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
    /// Lets the form move focus here; none by default.
    #[prop(optional)]
    input_ref: Option<NodeRef<Input>>,
) -> impl IntoView {
    let input_ref = input_ref.unwrap_or_default();
    let message_id = format!("{id}-message");
    let inputmode = (!inputmode.is_empty()).then_some(inputmode);

    view! {
        <div class="field">
            <label for=id.clone()>{move || label.run()}</label>
            <input
                id=id
                name=name
                type="text"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || placeholder.get()
                inputmode=inputmode
                node_ref=input_ref
                aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=message_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
                on:blur=move |_| {
                    on_leave.try_run(());
                }
            />
            <p id=message_id class="field-error" aria-live="polite">
                {move || message.get()}
            </p>
        </div>
    }
}

/// A message under an input or a group of inputs.
#[component]
fn FieldMessage(
    /// The message, if any.
    message: Signal<Option<String>>,
    /// The element id, for an input's `aria-describedby`; none by default.
    #[prop(optional, into)]
    id: Option<String>,
) -> impl IntoView {
    view! {
        <p id=id class="field-error" aria-live="polite">
            {move || message.get()}
        </p>
    }
}
