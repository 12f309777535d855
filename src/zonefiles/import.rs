//! Importing a zone file: paste or upload, a preview against the live zone, then the chosen
//! records created one by one with progress and a list of what was and was not created.
//!
//! Nothing is written before the person has seen the preview. Records are created through
//! the same API calls as the form, one at a time, so each failure belongs to one line of the
//! file and stops nothing else; nothing created is undone when a later record fails.

use std::collections::BTreeSet;

use dns_rules::api::{Record, write_form};
use dns_rules::import::{Verdict, plan_import};
use dns_rules::zonefile::record_line;
use dns_rules::zoneread::{EntryKind, ZoneFileEntry, read_zone_file};
use dns_rules::{DomainName, RecordData};
use leptos::html::Textarea;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::stored_form;
use crate::api::{Api, ApiError, sleep_ms};
use crate::embed::dom_id;
use crate::focus::focus;
use crate::i18n::{plural, t, tf, use_i18n};
use crate::token::Session;

/// The largest file read: a zone of 10,000 records is well under 2 MB.
const MAX_FILE_BYTES: f64 = 8.0 * 1024.0 * 1024.0;

/// One readable record of the file and what the preview found for it.
#[derive(Clone, Debug, PartialEq)]
struct Candidate {
    line: usize,
    record: RecordData,
    notes: Vec<String>,
    verdict: Verdict,
}

/// A line that will not be imported, and why.
#[derive(Clone, Debug, PartialEq)]
struct Passed {
    line: usize,
    source: String,
    reason: Reason,
}

/// Why a line of the file is passed over.
#[derive(Clone, Debug, PartialEq)]
enum Reason {
    /// The provider writes records of this type itself (SOA, the apex NS).
    LeftToProvider(String),
    /// The API has no such record type.
    Unsupported(String),
    /// The line could not be read, in the rules' words.
    // Limitation: those words, and a verdict's differences, conflict reason and notes, come
    // from dns-rules in English whatever the language, because the rules crate is shared with
    // the server and has no catalog; codes that the catalogs translate would fix it.
    Unreadable(String),
}

impl Reason {
    /// The reason in the chosen language.
    fn text(&self) -> String {
        match self {
            Reason::LeftToProvider(record_type) => {
                tf("zonefiles.passed.provider_reason", &[("type", record_type)])
            }
            Reason::Unsupported(record_type) => {
                tf("zonefiles.passed.unsupported_reason", &[("type", record_type)])
            }
            Reason::Unreadable(reason) => reason.clone(),
        }
    }
}

/// What the preview shows: the file's records with their verdicts and every line left out.
#[derive(Clone, Debug, PartialEq, Default)]
struct Preview {
    candidates: Vec<Candidate>,
    provider: Vec<Passed>,
    unsupported: Vec<Passed>,
    unreadable: Vec<Passed>,
}

impl Preview {
    fn new(text: &str, zone: &DomainName, live: &[Record]) -> Preview {
        let entries = read_zone_file(text, zone);
        let live: Vec<RecordData> = live.iter().filter_map(|r| stored_form(zone, r)).collect();
        let mut preview = Preview::default();

        for planned in plan_import(&live, &entries) {
            let Some(ZoneFileEntry { line, kind: EntryKind::Record { record, notes }, .. }) =
                entries.get(planned.entry)
            else {
                continue;
            };
            preview.candidates.push(Candidate {
                line: *line,
                record: record.clone(),
                notes: notes.clone(),
                verdict: planned.verdict,
            });
        }

        for entry in &entries {
            let passed =
                |reason: Reason| Passed { line: entry.line, source: entry.source.clone(), reason };
            match &entry.kind {
                EntryKind::Record { .. } => {}
                EntryKind::LeftToProvider { record_type } => {
                    preview.provider.push(passed(Reason::LeftToProvider(record_type.to_string())))
                }
                EntryKind::Unsupported { record_type } => {
                    preview.unsupported.push(passed(Reason::Unsupported(record_type.to_string())))
                }
                EntryKind::Unreadable { reason } => {
                    preview.unreadable.push(passed(Reason::Unreadable(reason.clone())))
                }
            }
        }
        preview
    }

    /// The lines of the records that are new and chosen by default.
    fn new_lines(&self) -> BTreeSet<usize> {
        self.candidates.iter().filter(|c| c.verdict == Verdict::New).map(|c| c.line).collect()
    }

    fn count(&self, wanted: fn(&Verdict) -> bool) -> usize {
        self.candidates.iter().filter(|c| wanted(&c.verdict)).count()
    }
}

/// The outcome of one record of an import.
#[derive(Clone, Debug, PartialEq)]
struct Outcome {
    line: usize,
    shown: String,
    /// `None` when created; else why not.
    failure: Option<Failure>,
}

/// Why a record of an import was not created.
#[derive(Clone, Debug, PartialEq)]
enum Failure {
    /// The person stopped the import before it was sent.
    Stopped,
    /// The API refused it, in its own words.
    Refused(String),
}

impl Failure {
    fn text(&self) -> String {
        match self {
            Failure::Stopped => t("zonefiles.outcome.stopped"),
            Failure::Refused(message) => message.clone(),
        }
    }
}

/// Where the import is: the file, the preview, creating, or done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    File,
    Preview,
    Applying,
    Done,
}

/// The import panel of one zone.
#[component]
pub fn ImportPanel(
    /// The zone imported into.
    zone: DomainName,
    /// Its uuid, for the API.
    zone_uuid: String,
    /// The zone's records as the table shows them; created records are added here.
    records: RwSignal<Vec<Record>>,
    /// A file to start from, which is then previewed at once (a zone just created from it).
    text: Option<String>,
    /// Called when the person closes the panel.
    #[prop(into)]
    on_close: Callback<()>,
) -> impl IntoView {
    let api = expect_context::<Api>();
    let session = expect_context::<Session>();
    let i18n = use_i18n();
    let zone = StoredValue::new(zone);
    let zone_uuid = StoredValue::new(zone_uuid);

    let step = RwSignal::new(Step::File);
    let file_text = RwSignal::new(text.clone().unwrap_or_default());
    let file_error = RwSignal::new(None::<String>);
    let text_input = NodeRef::<Textarea>::new();
    let preview = RwSignal::new(Preview::default());
    let chosen = RwSignal::new(BTreeSet::<usize>::new());
    let outcomes = RwSignal::new(Vec::<Outcome>::new());
    let total = RwSignal::new(0_usize);
    let stop = RwSignal::new(false);

    let show_preview = move || {
        let text = file_text.get_untracked();
        if text.trim().is_empty() {
            file_error.set(Some(i18n.t("zonefiles.file.missing")));
            focus(text_input);
            return;
        }
        file_error.set(None);
        let fresh =
            zone.with_value(|z| records.with_untracked(|live| Preview::new(&text, z, live)));
        chosen.set(fresh.new_lines());
        preview.set(fresh);
        step.set(Step::Preview);
    };
    if text.is_some() {
        show_preview();
    }

    let on_upload = move |event: leptos::ev::Event| {
        let Some(input) =
            event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        if file.size() > MAX_FILE_BYTES {
            let size = format!("{:.1}", file.size() / 1_048_576.0);
            let values = [("file", file.name()), ("size", size), ("limit", "8".to_owned())];
            let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
            file_error.set(Some(i18n.tf("zonefiles.file.too_large", &values)));
            return;
        }
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    file_text.try_set(text.as_string().unwrap_or_default());
                    file_error.try_set(None);
                }
                Err(_) => file_error
                    .set(Some(i18n.tf("zonefiles.file.unreadable", &[("file", &file.name())]))),
            }
        });
    };

    // Creating goes one record at a time in file order. A refused token pauses the work until
    // a new one is saved (the token form shows over the page), then the same record is sent
    // again; any other failure belongs to its record and the next one is tried.
    let apply = move |lines: BTreeSet<usize>| {
        // One run at a time: a second click before the progress replaced the button sends
        // nothing twice.
        if step.get_untracked() == Step::Applying {
            return;
        }
        let work: Vec<Candidate> = preview.with_untracked(|p| {
            p.candidates.iter().filter(|c| lines.contains(&c.line)).cloned().collect()
        });
        if work.is_empty() {
            return;
        }
        total.set(work.len());
        outcomes.set(Vec::new());
        stop.set(false);
        step.set(Step::Applying);

        spawn_local(async move {
            for candidate in work {
                let shown = record_line(&candidate.record);
                // A panel that is gone (its zone page left) stops as if asked to.
                if stop.try_get_untracked().unwrap_or(true) {
                    let failure = Some(Failure::Stopped);
                    outcomes
                        .try_update(|o| o.push(Outcome { line: candidate.line, shown, failure }));
                    continue;
                }
                let write = write_form(&candidate.record);
                let result = loop {
                    let Some(zone) = zone_uuid.try_get_value() else { return };
                    match api.create_record(&zone, &write).await {
                        Err(ApiError::Unauthorized { .. }) => {
                            while !session.has_token_untracked() {
                                // Waits for a new token while its panel is there.
                                if stop.try_get_untracked().is_none() {
                                    return;
                                }
                                sleep_ms(300).await;
                            }
                        }
                        other => break other,
                    }
                };
                let failure = match result {
                    Ok(record) => {
                        records.try_update(|list| list.push(record));
                        None
                    }
                    Err(error) => Some(Failure::Refused(error.message())),
                };
                outcomes.try_update(|o| o.push(Outcome { line: candidate.line, shown, failure }));
            }
            step.try_set(Step::Done);
        });
    };

    // Limitation: a record whose create timed out is retried like any failed one, without a
    // check whether it was made, because the import keeps no per-line check; the API refuses
    // the same type, name and value twice, so it is not made twice, but its line then reads
    // as refused. Reading the zone again before the retry would tell the two apart.
    let retry_failed = move |_| {
        let failed: BTreeSet<usize> = outcomes
            .with_untracked(|o| o.iter().filter(|o| o.failure.is_some()).map(|o| o.line).collect());
        apply(failed);
    };

    let file_step = move || {
        view! {
            <div class="form import-file">
                <div class="field">
                    <label for=dom_id("import-text")>{move || t("zonefiles.file.label")}</label>
                    <textarea
                        id=dom_id("import-text")
                        rows="12"
                        spellcheck="false"
                        class="code"
                        node_ref=text_input
                        aria-describedby=dom_id("import-file-message")
                        prop:value=move || file_text.get()
                        on:input=move |event| file_text.set(event_target_value(&event))
                    ></textarea>
                    <p class="hint">{move || t("zonefiles.file.hint")}</p>
                </div>
                <div class="field">
                    <label for=dom_id("import-upload")>{move || t("zonefiles.file.upload")}</label>
                    <input
                        id=dom_id("import-upload")
                        type="file"
                        accept=".zone,.txt,.db,text/plain,text/dns"
                        on:change=on_upload
                    />
                </div>
                <p id=dom_id("import-file-message") class="field-error" role="alert">
                    {move || file_error.get()}
                </p>
                <div class="form-actions">
                    <button
                        type="button"
                        class="button button-primary"
                        on:click=move |_| show_preview()
                    >
                        {move || t("zonefiles.file.preview")}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {move || t("zonefiles.cancel")}
                    </button>
                </div>
            </div>
        }
    };

    let preview_step = move || {
        let data = preview.get();
        let summary = {
            let data = data.clone();
            move || summary(&data)
        };
        let chosen_count = move || chosen.with(BTreeSet::len);
        let new_lines = data.new_lines();
        let has_records = !data.candidates.is_empty();
        view! {
            <div class="import-preview">
                <p class="import-summary" role="status">{summary}</p>
                <Show when=move || has_records>
                    <div class="toolbar">
                        <button
                            type="button"
                            class="button button-small"
                            on:click={
                                let new_lines = new_lines.clone();
                                move |_| chosen.set(new_lines.clone())
                            }
                        >
                            {move || t("zonefiles.preview.choose_new")}
                        </button>
                        <button
                            type="button"
                            class="button button-small"
                            on:click=move |_| chosen.set(BTreeSet::new())
                        >
                            {move || t("zonefiles.preview.choose_none")}
                        </button>
                    </div>
                </Show>
                <CandidateTable candidates=data.candidates.clone() chosen=chosen />
                <PassedList
                    heading=|| t("zonefiles.passed.unreadable")
                    class="import-unreadable"
                    lines=data.unreadable.clone()
                />
                <PassedList
                    heading=|| t("zonefiles.passed.unsupported")
                    class="import-unsupported"
                    lines=data.unsupported.clone()
                />
                <PassedList
                    heading=|| t("zonefiles.passed.provider")
                    class="import-provider"
                    lines=data.provider.clone()
                />
                <div class="form-actions">
                    <button
                        type="button"
                        class="button button-primary"
                        disabled=move || chosen_count() == 0
                        on:click=move |_| apply(chosen.get_untracked())
                    >
                        {move || plural("zonefiles.preview.create", chosen_count())}
                    </button>
                    <button type="button" class="button" on:click=move |_| step.set(Step::File)>
                        {move || t("zonefiles.preview.back")}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {move || t("zonefiles.cancel")}
                    </button>
                </div>
            </div>
        }
    };

    let done_count = move || outcomes.with(Vec::len);
    let failed_count = move || outcomes.with(|o| o.iter().filter(|o| o.failure.is_some()).count());
    let stop_text = move || {
        if stop.get() { t("zonefiles.progress.stopping") } else { t("zonefiles.progress.stop") }
    };
    let progress_step = move || {
        view! {
            <div class="import-progress">
                <p role="status" aria-live="polite">
                    {move || {
                        let sent = done_count();
                        let next = i18n.number((sent + 1).min(total.get()));
                        let total = i18n.number(total.get());
                        let values = [("next", next.as_str()), ("total", total.as_str())];
                        let creating = tf("zonefiles.progress.creating", &values);
                        match failed_count() {
                            0 => creating,
                            failed => {
                                let failed = plural("zonefiles.progress.failed", failed);
                                format!("{creating} {failed}")
                            }
                        }
                    }}
                </p>
                <progress max=move || total.get() value=done_count></progress>
                <button
                    type="button"
                    class="button"
                    disabled=move || stop.get()
                    on:click=move |_| stop.set(true)
                >
                    {stop_text}
                </button>
                <FailedList outcomes=outcomes />
            </div>
        }
    };

    let done_step = move || {
        let (created, failed) = outcomes.with(|o| {
            let failed = o.iter().filter(|o| o.failure.is_some()).count();
            (o.len() - failed, failed)
        });
        view! {
            <div class="import-done">
                <p class="import-result" role="status">
                    {move || {
                        let values = [
                            ("created", i18n.number(created)),
                            ("n", i18n.number(created + failed)),
                        ];
                        let values: Vec<(&str, &str)> =
                            values.iter().map(|(k, v)| (*k, v.as_str())).collect();
                        if created + failed == 1 {
                            tf("zonefiles.done.created.one", &values)
                        } else {
                            tf("zonefiles.done.created.other", &values)
                        }
                    }}
                    {move || {
                        let failed_text = plural("zonefiles.done.failed", failed);
                        (failed > 0).then(|| format!(" {failed_text}"))
                    }}
                </p>
                <FailedList outcomes=outcomes />
                <CreatedList outcomes=outcomes.get_untracked() />
                <div class="form-actions">
                    {(failed > 0).then(|| view! {
                        <button type="button" class="button" on:click=retry_failed>
                            {move || plural("zonefiles.done.retry", failed)}
                        </button>
                    })}
                    <button
                        type="button"
                        class="button button-primary"
                        on:click=move |_| on_close.run(())
                    >
                        {move || t("zonefiles.done.close")}
                    </button>
                </div>
            </div>
        }
    };

    view! {
        <section class="import" aria-labelledby=dom_id("import-heading")>
            <h2 id=dom_id("import-heading")>{move || t("zonefiles.heading")}</h2>
            {move || match step.get() {
                Step::File => file_step().into_any(),
                Step::Preview => preview_step().into_any(),
                Step::Applying => progress_step().into_any(),
                Step::Done => done_step().into_any(),
            }}
        </section>
    }
}

/// One sentence with every count of the preview.
fn summary(preview: &Preview) -> String {
    let new = preview.count(|v| *v == Verdict::New);
    let present = preview.count(|v| matches!(v, Verdict::Present { .. }));
    let repeated = preview.count(|v| matches!(v, Verdict::RepeatedInFile { .. }));
    let conflicts = preview.count(|v| matches!(v, Verdict::Conflict { .. }));
    let skipped = preview.provider.len() + preview.unsupported.len();
    let i18n = use_i18n();
    let values = [
        ("new", i18n.number(new)),
        ("present", i18n.number(present)),
        ("repeated", i18n.number(repeated)),
        ("conflicts", i18n.number(conflicts)),
        ("skipped", i18n.number(skipped)),
        ("unreadable", i18n.number(preview.unreadable.len())),
    ];
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    tf("zonefiles.preview.summary", &values)
}

/// The file's records, each with a box to choose it and what the preview found.
#[component]
fn CandidateTable(candidates: Vec<Candidate>, chosen: RwSignal<BTreeSet<usize>>) -> impl IntoView {
    if candidates.is_empty() {
        return view! { <p class="empty">{move || t("zonefiles.preview.no_records")}</p> }
            .into_any();
    }

    let rows = candidates
        .into_iter()
        .map(|candidate| {
            let line = candidate.line;
            let choosable = matches!(candidate.verdict, Verdict::New | Verdict::Conflict { .. });
            let class = verdict_class(&candidate.verdict);
            let verdict = candidate.verdict.clone();
            let state = move || verdict_text(&verdict);
            let notes = candidate.notes.join(" ");
            let label = move || tf("zonefiles.candidate.choose", &[("line", &line.to_string())]);
            view! {
                <tr class=class data-line=line>
                    <td>
                        <input
                            type="checkbox"
                            aria-label=label
                            disabled=!choosable
                            prop:checked=move || chosen.with(|c| c.contains(&line))
                            on:change=move |event| {
                                let on = event_target_checked(&event);
                                chosen.update(|c| {
                                    if on { c.insert(line); } else { c.remove(&line); }
                                });
                            }
                        />
                    </td>
                    <td class="numeric">{line}</td>
                    <td><code class="zone-line">{record_line(&candidate.record)}</code></td>
                    <td class="verdict">
                        {state}
                        {(!notes.is_empty())
                            .then(|| view! { <span class="hint">" "{notes}</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <div class="table-wrap">
            <table class="table import-records">
                <thead>
                    <tr>
                        <th scope="col">
                            <span class="visually-hidden">
                                {move || t("zonefiles.column.import")}
                            </span>
                        </th>
                        <th scope="col" class="numeric">{move || t("zonefiles.column.line")}</th>
                        <th scope="col">{move || t("zonefiles.column.record")}</th>
                        <th scope="col">{move || t("zonefiles.column.in_zone")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What a verdict means to the person.
fn verdict_text(verdict: &Verdict) -> String {
    match verdict {
        Verdict::New => t("zonefiles.verdict.new"),
        Verdict::Present { differences } if differences.is_empty() => {
            t("zonefiles.verdict.present")
        }
        Verdict::Present { differences } => {
            tf("zonefiles.verdict.present_differing", &[("differences", &differences.join("; "))])
        }
        Verdict::RepeatedInFile { first_line } => {
            tf("zonefiles.verdict.repeated", &[("line", &first_line.to_string())])
        }
        Verdict::Conflict { reason } => tf("zonefiles.verdict.conflict", &[("reason", reason)]),
    }
}

/// The class of a verdict's row.
fn verdict_class(verdict: &Verdict) -> &'static str {
    match verdict {
        Verdict::New => "verdict-new",
        Verdict::Present { .. } => "verdict-present",
        Verdict::RepeatedInFile { .. } => "verdict-repeated",
        Verdict::Conflict { .. } => "verdict-conflict",
    }
}

/// Lines of the file that will not be imported, under a heading; nothing when there are none.
#[component]
fn PassedList(
    /// The heading, in the chosen language.
    heading: fn() -> String,
    class: &'static str,
    lines: Vec<Passed>,
) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        let count = lines.len();
        let items = lines
            .into_iter()
            .map(|passed| {
                view! {
                    <li data-line=passed.line>
                        <span class="line-number">{line_label(passed.line)}</span>
                        <code class="zone-line">{passed.source}</code>
                        <span class="reason">" "{move || passed.reason.text()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class=format!("import-passed {class}")>
                <h3>{move || format!("{} ({})", heading(), use_i18n().number(count))}</h3>
                <ul>{items}</ul>
            </div>
        }
    })
}

/// The records of an import that were not created, with why; shown as they happen, since
/// there are few, while created ones are only counted until the end.
#[component]
fn FailedList(outcomes: RwSignal<Vec<Outcome>>) -> impl IntoView {
    let failed = Memo::new(move |_| {
        outcomes.with(|o| o.iter().filter(|o| o.failure.is_some()).cloned().collect::<Vec<_>>())
    });
    view! {
        <ul class="import-outcomes import-failed">
            <For each=move || failed.get() key=|outcome| outcome.line let:outcome>
                <li class="outcome-failed" data-line=outcome.line>
                    {line_label(outcome.line)}
                    <code class="zone-line">{outcome.shown}</code>
                    {move || {
                        let reason =
                            outcome.failure.as_ref().map(Failure::text).unwrap_or_default();
                        format!(" {}", tf("zonefiles.outcome.not_created", &[("reason", &reason)]))
                    }}
                </li>
            </For>
        </ul>
    }
}

/// The records an import created, each with its line, folded away: the table shows them.
#[component]
fn CreatedList(outcomes: Vec<Outcome>) -> impl IntoView {
    let created: Vec<Outcome> = outcomes.into_iter().filter(|o| o.failure.is_none()).collect();
    (!created.is_empty()).then(|| {
        let count = created.len();
        let items = created
            .into_iter()
            .map(|outcome| {
                view! {
                    <li class="outcome-created" data-line=outcome.line>
                        {line_label(outcome.line)}
                        <code class="zone-line">{outcome.shown}</code>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="import-created">
                <summary>
                    {move || tf("zonefiles.done.created_list", &[("n", &use_i18n().number(count))])}
                </summary>
                <ul class="import-outcomes">{items}</ul>
            </details>
        }
    })
}

/// `Line 12: `, before a line of the file.
fn line_label(line: usize) -> impl Fn() -> String + Copy {
    move || format!("{} ", tf("zonefiles.line", &[("line", &line.to_string())]))
}
