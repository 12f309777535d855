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
use crate::focus::focus;
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
    reason: String,
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
                |reason: String| Passed { line: entry.line, source: entry.source.clone(), reason };
            match &entry.kind {
                EntryKind::Record { .. } => {}
                EntryKind::LeftToProvider { record_type } => preview.provider.push(passed(
                    format!("The provider writes the zone's {record_type} records itself."),
                )),
                EntryKind::Unsupported { record_type } => preview.unsupported.push(passed(
                    format!("{record_type} records are not supported by the DNS API."),
                )),
                EntryKind::Unreadable { reason } => preview.unreadable.push(passed(reason.clone())),
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
    failure: Option<String>,
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
            file_error.set(Some("Paste a zone file or choose one to upload.".into()));
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
            file_error.set(Some(format!(
                "{} is {:.1} MB; a zone file here may be at most 8 MB.",
                file.name(),
                file.size() / 1_048_576.0
            )));
            return;
        }
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => {
                    file_text.set(text.as_string().unwrap_or_default());
                    file_error.set(None);
                }
                Err(_) => file_error.set(Some(format!("{} could not be read.", file.name()))),
            }
        });
    };

    // Creating goes one record at a time in file order. A refused token pauses the work until
    // a new one is saved (the token form shows over the page), then the same record is sent
    // again; any other failure belongs to its record and the next one is tried.
    let apply = move |lines: BTreeSet<usize>| {
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
                if stop.get_untracked() {
                    let failure = Some("Not sent: the import was stopped.".to_owned());
                    outcomes.update(|o| o.push(Outcome { line: candidate.line, shown, failure }));
                    continue;
                }
                let write = write_form(&candidate.record);
                let result = loop {
                    match api.create_record(&zone_uuid.get_value(), &write).await {
                        Err(ApiError::Unauthorized { .. }) => {
                            while !session.has_token_untracked() {
                                sleep_ms(300).await;
                            }
                        }
                        other => break other,
                    }
                };
                let failure = match result {
                    Ok(record) => {
                        records.update(|list| list.push(record));
                        None
                    }
                    Err(error) => Some(error.message()),
                };
                outcomes.update(|o| o.push(Outcome { line: candidate.line, shown, failure }));
            }
            step.set(Step::Done);
        });
    };

    let retry_failed = move |_| {
        let failed: BTreeSet<usize> = outcomes
            .with_untracked(|o| o.iter().filter(|o| o.failure.is_some()).map(|o| o.line).collect());
        apply(failed);
    };

    let file_step = move || {
        view! {
            <div class="form import-file">
                <div class="field">
                    <label for="import-text">"Zone file"</label>
                    <textarea
                        id="import-text"
                        rows="12"
                        spellcheck="false"
                        class="code"
                        node_ref=text_input
                        aria-describedby="import-file-message"
                        prop:value=move || file_text.get()
                        on:input=move |event| file_text.set(event_target_value(&event))
                    ></textarea>
                    <p class="hint">
                        "Paste a BIND zone file, or upload one. Nothing is changed before you \
                         have seen what the file would add."
                    </p>
                </div>
                <div class="field">
                    <label for="import-upload">"Or upload a file"</label>
                    <input
                        id="import-upload"
                        type="file"
                        accept=".zone,.txt,.db,text/plain,text/dns"
                        on:change=on_upload
                    />
                </div>
                <p id="import-file-message" class="field-error" role="alert">
                    {move || file_error.get()}
                </p>
                <div class="form-actions">
                    <button
                        type="button"
                        class="button button-primary"
                        on:click=move |_| show_preview()
                    >
                        "Preview import"
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                </div>
            </div>
        }
    };

    let preview_step = move || {
        let data = preview.get();
        let summary = summary(&data);
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
                            "Choose all new"
                        </button>
                        <button
                            type="button"
                            class="button button-small"
                            on:click=move |_| chosen.set(BTreeSet::new())
                        >
                            "Choose none"
                        </button>
                    </div>
                </Show>
                <CandidateTable candidates=data.candidates.clone() chosen=chosen />
                <PassedList
                    heading="Could not be read"
                    class="import-unreadable"
                    lines=data.unreadable.clone()
                />
                <PassedList
                    heading="Skipped: type not supported"
                    class="import-unsupported"
                    lines=data.unsupported.clone()
                />
                <PassedList
                    heading="Left to the provider"
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
                        {move || match chosen_count() {
                            1 => "Create 1 record".to_owned(),
                            n => format!("Create {n} records"),
                        }}
                    </button>
                    <button type="button" class="button" on:click=move |_| step.set(Step::File)>
                        "Back to the file"
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        "Cancel"
                    </button>
                </div>
            </div>
        }
    };

    let done_count = move || outcomes.with(Vec::len);
    let failed_count = move || outcomes.with(|o| o.iter().filter(|o| o.failure.is_some()).count());
    let progress_step = move || {
        view! {
            <div class="import-progress">
                <p role="status" aria-live="polite">
                    {move || {
                        let sent = done_count();
                        let next = (sent + 1).min(total.get());
                        match failed_count() {
                            0 => format!("Creating record {next} of {}…", total.get()),
                            failed => format!(
                                "Creating record {next} of {}… ({failed} not created)",
                                total.get()
                            ),
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
                    {move || if stop.get() { "Stopping…" } else { "Stop after this record" }}
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
                    {format!("Created {created} of {} records.", created + failed)}
                    {(failed > 0).then(|| format!(" {failed} not created; see why below."))}
                </p>
                <FailedList outcomes=outcomes />
                <CreatedList outcomes=outcomes.get_untracked() />
                <div class="form-actions">
                    {(failed > 0).then(|| view! {
                        <button type="button" class="button" on:click=retry_failed>
                            {format!("Try the {failed} again")}
                        </button>
                    })}
                    <button
                        type="button"
                        class="button button-primary"
                        on:click=move |_| on_close.run(())
                    >
                        "Close"
                    </button>
                </div>
            </div>
        }
    };

    view! {
        <section class="import" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import a zone file"</h2>
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
    format!(
        "{new} new, {present} already in the zone, {repeated} repeated in the file, \
         {conflicts} in conflict, {skipped} skipped, {} could not be read.",
        preview.unreadable.len()
    )
}

/// The file's records, each with a box to choose it and what the preview found.
#[component]
fn CandidateTable(candidates: Vec<Candidate>, chosen: RwSignal<BTreeSet<usize>>) -> impl IntoView {
    if candidates.is_empty() {
        return view! { <p class="empty">"The file holds no records to import."</p> }.into_any();
    }

    let rows = candidates
        .into_iter()
        .map(|candidate| {
            let line = candidate.line;
            let choosable = matches!(candidate.verdict, Verdict::New | Verdict::Conflict { .. });
            let (state, class) = verdict_text(&candidate.verdict);
            let notes = candidate.notes.join(" ");
            let label = format!("Import line {line}");
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
                        <th scope="col"><span class="visually-hidden">"Import"</span></th>
                        <th scope="col" class="numeric">"Line"</th>
                        <th scope="col">"Record"</th>
                        <th scope="col">"In the zone"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// What a verdict means to the person, and the row's class.
fn verdict_text(verdict: &Verdict) -> (String, &'static str) {
    match verdict {
        Verdict::New => ("New".to_owned(), "verdict-new"),
        Verdict::Present { differences } if differences.is_empty() => {
            ("Already in the zone.".to_owned(), "verdict-present")
        }
        Verdict::Present { differences } => {
            (format!("Already in the zone ({}).", differences.join("; ")), "verdict-present")
        }
        Verdict::RepeatedInFile { first_line } => {
            (format!("Repeats line {first_line} of the file."), "verdict-repeated")
        }
        Verdict::Conflict { reason } => (format!("Conflict: {reason}"), "verdict-conflict"),
    }
}

/// Lines of the file that will not be imported, under a heading; nothing when there are none.
#[component]
fn PassedList(heading: &'static str, class: &'static str, lines: Vec<Passed>) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        let count = lines.len();
        let items = lines
            .into_iter()
            .map(|passed| {
                view! {
                    <li data-line=passed.line>
                        <span class="line-number">{format!("Line {}: ", passed.line)}</span>
                        <code class="zone-line">{passed.source}</code>
                        <span class="reason">" "{passed.reason}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class=format!("import-passed {class}")>
                <h3>{format!("{heading} ({count})")}</h3>
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
                    {format!("Line {}: ", outcome.line)}
                    <code class="zone-line">{outcome.shown}</code>
                    {format!(" not created: {}", outcome.failure.unwrap_or_default())}
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
                        {format!("Line {}: ", outcome.line)}
                        <code class="zone-line">{outcome.shown}</code>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="import-created">
                <summary>{format!("Created ({count})")}</summary>
                <ul class="import-outcomes">{items}</ul>
            </details>
        }
    })
}
