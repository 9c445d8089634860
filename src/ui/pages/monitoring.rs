//! The monitoring tab: the import area, where delivery files are dropped or
//! picked and read by the monitoring worker with progress and a cancel
//! button; whether the clean lane is clean; each lane's health side by side
//! with charts against its thresholds and its fallback trigger; the
//! lane-key mapping; Postmaster Tools figures; the imported files; and the
//! weekly review downloads.
//!
//! `MonitoringPage` wires the worker's handle to `MonitoringView`, which
//! takes plain typed props, so tests render it without a worker.

use std::rc::Rc;

use web_sys::File;
use yew::prelude::*;

use super::PageProps;
use crate::monitor::health::{DayPoint, Health, KeyRow, LaneHealth, Rates, Status};
use crate::monitor::protocol::{Progress, ReportLine};
use crate::monitor::review::{weekly_csv, weekly_markdown, weeks};
use crate::monitor::{Source, Store};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, PostmasterField};
use crate::plan::model::{Plan, PostmasterEntry};
use crate::ui::fields::{
    findings_at, findings_under, use_focus_later, CellSelect, Choices, DownloadButton, Field,
    FileDrop, InputKind, NumberField,
};
use crate::ui::monitor::MonitorHandle;
use crate::units::{count, fixed, group};

#[derive(Properties, PartialEq, Clone)]
pub struct MonitoringPageProps {
    pub page: PageProps,
    pub monitor: MonitorHandle,
}

/// The page over the monitoring worker's handle.
#[component]
pub fn MonitoringPage(props: &MonitoringPageProps) -> Html {
    let m = &props.monitor;
    let on_import = use_callback(m.clone(), |files: Vec<File>, m| m.import(files));
    let on_cancel = use_callback(m.clone(), |(), m| m.cancel());
    let on_forget = use_callback(m.clone(), |fingerprint: String, m| m.forget(&fingerprint));
    html! {
        <MonitoringView page={props.page.clone()} store={m.store.clone()} health={m.health.clone()}
            progress={m.progress.clone()} report={m.report.clone()} error={m.error.clone()}
            {on_import} {on_cancel} {on_forget} />
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct MonitoringViewProps {
    pub page: PageProps,
    /// The plan's imported counts.
    pub store: Rc<Store>,
    /// Lane health from the plan and the counts.
    pub health: Rc<Health>,
    /// The import being read.
    #[prop_or_default]
    pub progress: Option<Progress>,
    /// The last import's report.
    #[prop_or_default]
    pub report: Option<Rc<Vec<ReportLine>>>,
    /// Why the monitoring worker failed, if it did.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_import: Callback<Vec<File>>,
    pub on_cancel: Callback<()>,
    /// Forgets an imported file, by its fingerprint.
    pub on_forget: Callback<String>,
}

/// The whole tab, from typed props.
#[component]
pub fn MonitoringView(props: &MonitoringViewProps) -> Html {
    let page = &props.page;
    let postmaster = Rc::new(page.plan.monitoring.postmaster.clone());
    html! {
        <>
            <ImportArea progress={props.progress.clone()} report={props.report.clone()}
                error={props.error.clone()} on_import={props.on_import.clone()}
                on_cancel={props.on_cancel.clone()} />
            <section aria-labelledby="health-heading" class="monitoring">
                <HealthSection plan={page.plan.clone()} health={props.health.clone()} />
                <Mapping plan={page.plan.clone()} health={props.health.clone()} on_edit={page.on_edit.clone()} />
                <Postmaster rows={postmaster} today={page.today.to_string()} on_edit={page.on_edit.clone()}
                    findings={Rc::new(findings_under(&page.findings.fields, "$.monitoring.postmaster"))} />
                <Sources store={props.store.clone()} on_forget={props.on_forget.clone()} />
            </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ImportAreaProps {
    progress: Option<Progress>,
    report: Option<Rc<Vec<ReportLine>>>,
    error: Option<AttrValue>,
    on_import: Callback<Vec<File>>,
    on_cancel: Callback<()>,
}

/// Where delivery files are dropped or picked, with the import's progress
/// and report.
#[component]
fn ImportArea(props: &ImportAreaProps) -> Html {
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let busy = props.progress.is_some();
    html! {
        <section class="card monitor-import" aria-labelledby="monitoring-heading">
            <h2 id="monitoring-heading">{ "Monitoring by lane" }</h2>
            <p class="muted">{ "Drop the delivery data you already export: SendGrid, Amazon SES, Postmark, Mailgun, SparkPost, KumoMTA or Customer.io events (JSON), the per-day CSV, Microsoft SNDS data or Postmaster Tools statistics. Files are read here, in the browser; nothing is uploaded." }</p>
            <FileDrop id="monitor-files" busy={busy} on_files={props.on_import.clone()}
                accept=".json,.ndjson,.jsonl,.csv,.txt,application/json,text/csv"
                hint=" or drop them here. The per-day CSV template is below the lane health." />
            if let Some(p) = &props.progress {
                <div class="import-progress" role="status">
                    <label for="import-progress">{ format!("Reading {}: {} of {} MB", p.file, mb(p.done), mb(p.total)) }</label>
                    <progress id="import-progress" max={(p.total.max(1.0) as u64).to_string()} value={(p.done as u64).to_string()} />
                    <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
                </div>
            }
            if let Some(report) = &props.report {
                // The live region wraps the list, so the list keeps its role.
                <div role="status">
                    <ul class="import-report">
                        for line in report.iter() {
                            <li class={classes!(line.error.then_some("error"))}>{ line.text.clone() }</li>
                        }
                    </ul>
                </div>
            }
            if let Some(error) = &props.error {
                <p class="finding error">{ format!("The monitoring worker failed: {error}") }</p>
            }
        </section>
    }
}

/// Megabytes to one decimal, with integer arithmetic.
fn mb(bytes: f64) -> String {
    let tenths = (bytes / 100_000.0) as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[derive(Properties, PartialEq)]
struct HealthSectionProps {
    plan: Rc<Plan>,
    health: Rc<Health>,
}

/// The clean-lane question, a card per lane and the downloads.
#[component]
fn HealthSection(props: &HealthSectionProps) -> Html {
    let h = &props.health;
    let weekly = use_memo((props.plan.clone(), h.clone()), |(plan, h)| {
        let markdown = AttrValue::from(weekly_markdown(plan, h));
        (markdown, AttrValue::from(weekly_csv(&weeks(h))))
    });
    let template = use_memo((), |_| AttrValue::from(crate::monitor::tables::template()));
    let file = |kind: &str| AttrValue::from(format!("{}-weekly-review.{kind}", props.plan.id));
    html! {
        <>
            <h3 id="health-heading" tabindex="-1">{ "Lane health" }</h3>
            if let Some(clean) = &h.clean_lane {
                <p class="clean-lane"><strong>{ "Is the clean lane staying clean? " }</strong>{ clean.clone() }</p>
            }
            <div class="health-lanes">
                for lane in h.lanes.iter() { { lane_card(lane) } }
            </div>
            <p class="muted">{ "Open rates are inflated by Apple Mail Privacy Protection, which opens mail on the recipient's behalf; judge engagement by clicks. Statuses look at each lane's last 7 days of data, and at each of those days on its own: a day of at least 500 messages over an action line makes the lane Act." }</p>
            <div class="actions">
                <DownloadButton label="Download the weekly review (Markdown)" file_name={file("md")}
                    mime="text/markdown" text={weekly.0.clone()} />{ " " }
                <DownloadButton label="Download the weekly review (CSV)" file_name={file("csv")}
                    mime="text/csv" text={weekly.1.clone()} />{ " " }
                <DownloadButton label="Download the per-day CSV template" file_name="switchyard-daily-template.csv"
                    mime="text/csv" text={(*template).clone()} />
            </div>
        </>
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::NoData => "health-none",
        Status::Healthy => "health-ok",
        Status::Watch => "health-watch",
        Status::Act => "health-act",
    }
}

fn pct(x: Option<f64>, digits: u32) -> String {
    x.map_or("–".to_string(), |x| format!("{}%", fixed(x, digits)))
}

fn money(x: Option<f64>) -> String {
    x.map_or("–".into(), |v| fixed(v, 2))
}

fn lane_card(l: &LaneHealth) -> Html {
    let t = &l.thresholds;
    html! {
        <article key={l.lane.clone()} class={classes!("health-card", status_class(l.status))} id={format!("health-{}", l.lane)} aria-label={format!("Health of {}", l.name)}>
            <header>
                <h4>{ l.name.clone() }</h4>
                <span class="health-status">{ l.status.label() }</span>
            </header>
            if l.status == Status::NoData {
                <p class="muted">{ "No imported data is mapped to this lane." }</p>
            } else {
                if !l.reasons.is_empty() {
                    <ul class="reasons">for r in l.reasons.iter() { <li>{ r.clone() }</li> }</ul>
                }
                <p class="muted">{ format!("{} to {}", l.window_from, l.window_to) }</p>
                { rates_table(&l.window) }
                { chart(&l.name, &l.days, "Complaints", |r| r.complaint_percent, t.complaint_watch_percent, t.complaint_act_percent) }
                { chart(&l.name, &l.days, "Bounces", |r| r.bounce_percent, t.bounce_watch_percent, t.bounce_act_percent) }
                { day_table(&l.name, &l.days) }
                { provider_table(l) }
            }
            for (date, domain, rate) in l.postmaster.iter().rev().take(1) {
                <p class="muted">{ format!("Postmaster Tools: {}% spam rate for {domain} on {date}", fixed(*rate, 2)) }</p>
            }
            <p class="thresholds">
                { format!("Act at {}% complaints, {}% bounces or under {}% delivered; watch from {}% and {}%{}.",
                    t.complaint_act_percent, t.bounce_act_percent, t.delivered_min_percent,
                    t.complaint_watch_percent, t.bounce_watch_percent,
                    if l.reference_thresholds { " (the reference figures: the lane has none of its own)" } else { "" }) }
            </p>
            <div class={classes!("fallback", l.firing.is_some().then_some("fired"))}>
                { fallback_text(l) }
            </div>
        </article>
    }
}

fn fallback_text(l: &LaneHealth) -> String {
    match (&l.firing, &l.fallback) {
        (Some(f), Some(plan)) => format!("Fallback trigger fired on {}: {}. The plan: {}.", f.date, f.why, plan),
        (Some(f), None) => format!("Fallback trigger fired on {}: {}. The lane has no fallback plan; add one on the Simulation tab.", f.date, f.why),
        (None, Some(plan)) => format!("Fallback not triggered. If it is: {}.", plan),
        (None, None) => "Fallback not triggered; the lane has no fallback plan.".to_string(),
    }
}

fn day_table(lane: &str, days: &[DayPoint]) -> Html {
    // The table scrolls sideways on narrow screens; keyboard users scroll
    // it by focusing its region.
    html! {
        <details>
            <summary>{ "Day by day" }</summary>
            <div class="table-scroll" tabindex="0" role="region" aria-label={format!("{lane}, day by day")}>
                <table class="report-table day-table">
                    <thead><tr>
                        <th scope="col">{ "Date" }</th><th scope="col">{ "Sent" }</th><th scope="col">{ "Delivered" }</th>
                        <th scope="col">{ "Hard" }</th><th scope="col">{ "Soft" }</th><th scope="col">{ "Complaints" }</th>
                        <th scope="col">{ "Unsubs" }</th><th scope="col">{ "Opens" }</th><th scope="col">{ "Clicks" }</th><th scope="col">{ "Revenue / recipient" }</th>
                    </tr></thead>
                    <tbody>
                        for d in days.iter().rev() {
                            <tr key={d.day}>
                                <th scope="row">{ d.date.clone() }</th>
                                <td class="num">{ group(d.rates.sent) }</td>
                                <td class="num">{ pct(d.rates.delivered_percent, 1) }</td>
                                <td class="num">{ pct(d.rates.hard_bounce_percent, 2) }</td>
                                <td class="num">{ pct(d.rates.soft_bounce_percent, 2) }</td>
                                <td class="num">{ pct(d.rates.complaint_percent, 3) }</td>
                                <td class="num">{ pct(d.rates.unsubscribe_percent, 3) }</td>
                                <td class="num">{ pct(d.rates.open_percent, 1) }</td>
                                <td class="num">{ pct(d.rates.click_percent, 2) }</td>
                                <td class="num">{ money(d.rates.revenue_per_recipient) }</td>
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
        </details>
    }
}

fn provider_table(l: &LaneHealth) -> Html {
    if l.by_provider.is_empty() {
        return Html::default();
    }
    html! {
        <details>
            <summary>{ "By mailbox provider" }</summary>
            <table class="report-table">
                <thead><tr>
                    <th scope="col">{ "Provider" }</th><th scope="col">{ "Sent" }</th><th scope="col">{ "Delivered" }</th>
                    <th scope="col">{ "Bounces" }</th><th scope="col">{ "Complaints" }</th>
                </tr></thead>
                <tbody>
                    for (m, r) in l.by_provider.iter() {
                        <tr>
                            <th scope="row">{ m.label() }</th>
                            <td>{ group(r.sent) }</td>
                            <td>{ pct(r.delivered_percent, 1) }</td>
                            <td>{ pct(r.bounce_percent, 2) }</td>
                            <td>{ pct(r.complaint_percent, 3) }</td>
                        </tr>
                    }
                </tbody>
            </table>
        </details>
    }
}

fn rates_table(r: &Rates) -> Html {
    let rows: [(&str, String); 9] = [
        ("Sent", group(r.sent)),
        ("Delivered", pct(r.delivered_percent, 1)),
        ("Hard bounces", pct(r.hard_bounce_percent, 2)),
        ("Soft bounces", pct(r.soft_bounce_percent, 2)),
        ("Complaints", pct(r.complaint_percent, 3)),
        ("Unsubscribes", pct(r.unsubscribe_percent, 3)),
        ("Opens", pct(r.open_percent, 1)),
        ("Clicks", pct(r.click_percent, 2)),
        ("Revenue per recipient", money(r.revenue_per_recipient)),
    ];
    html! {
        <table class="rates">
            <tbody>
                for (label, value) in rows.iter() {
                    <tr><th scope="row">{ *label }</th><td class="num">{ value.clone() }</td></tr>
                }
            </tbody>
        </table>
    }
}

/// A rate per day as a line over its watch and act bands.
fn chart(
    name: &str,
    days: &[DayPoint],
    what: &str,
    rate: fn(&Rates) -> Option<f64>,
    watch: f64,
    act: f64,
) -> Html {
    let (w, h) = (300.0f64, 80.0f64);
    let top = days
        .iter()
        .filter_map(|d| rate(&d.rates))
        .fold(act * 1.5, f64::max)
        .max(0.001);
    let n = days.len().max(2) as f64 - 1.0;
    let x = |i: usize| i as f64 * w / n;
    let y = |v: f64| h - (v / top).min(1.0) * h;
    let mut points = String::new();
    let mut dots = Vec::new();
    for (i, d) in days.iter().enumerate() {
        if let Some(v) = rate(&d.rates) {
            points.push_str(&format!("{},{} ", fixed(x(i), 1), fixed(y(v), 1)));
            dots.push((
                fixed(x(i), 1),
                fixed(y(v), 1),
                format!("{}: {}%", d.date, fixed(v, 3)),
            ));
        }
    }
    let label = format!(
        "{name}: {} each day from {} to {}, against the watch line at {watch}% and the action line at {act}%.",
        what.to_lowercase(),
        days.first().map_or("", |d| d.date.as_str()),
        days.last().map_or("", |d| d.date.as_str())
    );
    html! {
        <figure class="chart health-chart">
            <svg viewBox={format!("0 0 {w} {h}")} role="img" aria-label={label} preserveAspectRatio="none">
                <rect class="band-act" x="0" y="0" width={fixed(w, 1)} height={fixed(y(act), 1)} />
                <rect class="band-watch" x="0" y={fixed(y(act), 1)} width={fixed(w, 1)} height={fixed(y(watch) - y(act), 1)} />
                <polyline class="rate" points={points} />
                for (cx, cy, title) in dots.iter() {
                    <circle class="dot" cx={cx.clone()} cy={cy.clone()} r="3"><title>{ title.clone() }</title></circle>
                }
            </svg>
            <figcaption>{ format!("{what}: {}–{}% scale; shaded: watch and act.", 0, fixed(top, 2)) }</figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct MappingProps {
    plan: Rc<Plan>,
    health: Rc<Health>,
    on_edit: Callback<Edit>,
}

/// The edit that maps a key found in the data to a lane.
fn map_key(row: &KeyRow, lane: Option<String>) -> Edit {
    Edit::MapKey {
        kind: row.key.kind,
        key: row.key.value.clone(),
        lane,
    }
}

/// The lane keys found in the data, each with the lane it is mapped to.
#[component]
fn Mapping(props: &MappingProps) -> Html {
    let keys = &props.health.keys;
    let lanes: Rc<Vec<(AttrValue, AttrValue)>> = Rc::new(
        props
            .plan
            .lanes
            .iter()
            .map(|l| (l.id.clone().into(), l.name.clone().into()))
            .collect(),
    );
    let suggested: Vec<Edit> = keys
        .iter()
        .filter(|k| k.lane.is_none())
        .filter_map(|k| Some(map_key(k, Some(k.suggestion.as_ref()?.0.clone()))))
        .collect();
    // The button goes once every key is mapped, so the focus moves to the
    // section's heading.
    let focus = use_focus_later();
    let map_all = {
        let (edit, on_edit) = (Edit::Many(suggested.clone()), props.on_edit.clone());
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(edit.clone());
            focus.request_ids(["mapping-heading"]);
        })
    };
    html! {
        <section aria-labelledby="mapping-heading" class="mapping">
            <h3 id="mapping-heading" tabindex="-1">{ "Lane keys in the data" }</h3>
            <p class="muted">{ "Each vendor names the lane its own way: a configuration set, an IP pool, a message stream, a sending IP. Map each key to a lane; mail under keys not mapped counts for no lane. The mapping is saved with the plan." }</p>
            if keys.is_empty() {
                <p class="empty">{ "No data imported yet." }</p>
            } else {
                <table class="report-table key-table">
                    <thead><tr>
                        <th scope="col">{ "Kind" }</th><th scope="col">{ "Key" }</th>
                        <th scope="col">{ "Sent" }</th><th scope="col">{ "Lane" }</th><th scope="col">{ "Suggestion" }</th>
                    </tr></thead>
                    <tbody>
                        for (i, k) in keys.iter().enumerate() {
                            <KeyMapping key={format!("{:?}:{}", k.key.kind, k.key.value)} index={i} row={k.clone()}
                                lanes={lanes.clone()} on_edit={props.on_edit.clone()} />
                        }
                    </tbody>
                </table>
                if suggested.len() > 1 {
                    <button type="button" onclick={map_all}>{ match suggested.len() { 2 => "Map both suggestions".to_string(), n => format!("Map all {n} suggestions") } }</button>
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct KeyMappingProps {
    index: usize,
    row: KeyRow,
    /// The plan's lanes: (id, name).
    lanes: Rc<Vec<(AttrValue, AttrValue)>>,
    on_edit: Callback<Edit>,
}

/// A key's row: its volume, the lane select and the plan's suggestion.
#[component]
fn KeyMapping(props: &KeyMappingProps) -> Html {
    let k = &props.row;
    let name_of = |id: &str| -> AttrValue {
        let lane = props.lanes.iter().find(|(lane, _)| lane.as_str() == id);
        lane.map_or_else(|| AttrValue::from(id.to_string()), |(_, name)| name.clone())
    };
    let choices = {
        let row = k.clone();
        let on_pick = props.on_edit.reform(move |lane| map_key(&row, lane));
        Choices::of_optional_lanes("Not mapped", &props.lanes, k.lane.as_deref(), on_pick)
    };
    let label = format!("Lane for {} {}", k.key.kind.label(), k.key.value);
    html! {
        <tr class={classes!(k.lane.is_none().then_some("unmapped"))}>
            <td>{ k.key.kind.label() }</td>
            <td><code>{ k.key.value.clone() }</code></td>
            <td class="num">{ group(k.sent) }</td>
            <td>
                <CellSelect id={format!("map-{}", props.index)} {label} {choices} />
                if k.lane.is_some() && !k.mapped { <p class="evidence">{ "The key is the lane's id." }</p> }
            </td>
            <td>
                if let Some((lane, why)) = &k.suggestion {
                    <span class="evidence">{ format!("{}: {why}. ", name_of(lane)) }</span>
                    <button type="button" class="link" onclick={{
                        let edit = map_key(k, Some(lane.clone()));
                        props.on_edit.reform(move |_: MouseEvent| edit.clone())
                    }}>
                        { format!("Map to {}", name_of(lane)) }
                    </button>
                }
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct PostmasterProps {
    rows: Rc<Vec<PostmasterEntry>>,
    /// Validation's findings about the figures.
    findings: Rc<Vec<Diagnostic>>,
    /// Today, YYYY-MM-DD, the date of a new figure.
    today: AttrValue,
    on_edit: Callback<Edit>,
}

/// Postmaster Tools figures typed in by hand.
#[component]
fn Postmaster(props: &PostmasterProps) -> Html {
    // A new figure's date takes the focus, as a new item's first field does.
    let focus = use_focus_later();
    let add = {
        let (date, on_edit) = (props.today.to_string(), props.on_edit.clone());
        let new = format!("pm-{}-date", props.rows.len());
        Callback::from(move |_: MouseEvent| {
            on_edit.emit(Edit::AddPostmaster { date: date.clone() });
            focus.request_ids([new.as_str()]);
        })
    };
    html! {
        <section aria-labelledby="postmaster-heading" class="postmaster">
            <h3 id="postmaster-heading" tabindex="-1">{ "Google Postmaster Tools" }</h3>
            <p class="muted">{ "Import the traffic statistics Postmaster Tools' API returns, or type in a day's user-reported spam rate per domain. A figure for a lane's sending or From domain is that lane's; one for the primary domain is every lane's. Gmail asks senders to stay under 0.1% and never reach 0.3%." }</p>
            for (i, row) in props.rows.iter().enumerate() {
                <PostmasterRow key={row.id.clone()} index={i} row={row.clone()} on_edit={props.on_edit.clone()}
                    findings={findings_under(&props.findings, &format!("$.monitoring.postmaster[{i}]"))} />
            }
            <button type="button" onclick={add}>{ "Add a figure" }</button>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PostmasterRowProps {
    index: usize,
    row: PostmasterEntry,
    findings: Vec<Diagnostic>,
    on_edit: Callback<Edit>,
}

/// One figure: its date, domain and spam rate.
#[component]
fn PostmasterRow(props: &PostmasterRowProps) -> Html {
    let (i, row) = (props.index, &props.row);
    let at = |field: &str| {
        findings_at(
            &props.findings,
            &format!("$.monitoring.postmaster[{i}].{field}"),
        )
    };
    let set = |make: fn(String) -> PostmasterField| {
        let entry = row.id.clone();
        props.on_edit.reform(move |v: String| Edit::Postmaster {
            entry: entry.clone(),
            set: make(v),
        })
    };
    let on_rate = {
        let entry = row.id.clone();
        props.on_edit.reform(move |n: f64| Edit::Postmaster {
            entry: entry.clone(),
            set: PostmasterField::SpamRatePercent(n),
        })
    };
    let delete = {
        let entry = row.id.clone();
        props
            .on_edit
            .reform(move |_: MouseEvent| Edit::DeletePostmaster(entry.clone()))
    };
    html! {
        <fieldset class="group postmaster-figure">
            <legend>{ format!("Figure {}", i + 1) }</legend>
            <div class="row">
                <Field id={format!("pm-{i}-date")} label="Date" kind={InputKind::Date}
                    value={row.date.clone()} findings={at("date")} on_change={set(PostmasterField::Date)} />
                <Field id={format!("pm-{i}-domain")} label="Domain" value={row.domain.clone()}
                    placeholder="mail.example.com" findings={at("domain")} on_change={set(PostmasterField::Domain)} />
                <NumberField id={format!("pm-{i}-rate")} label="Spam rate %" value={row.spam_rate_percent}
                    min={0.0} max={100.0} step={0.01} findings={at("spam_rate_percent")} on_change={on_rate} />
                <button type="button" class="link" aria-label={format!("Delete figure {}", i + 1)}
                    onclick={delete}>{ "Delete" }</button>
            </div>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
struct SourcesProps {
    store: Rc<Store>,
    on_forget: Callback<String>,
}

/// The files imported, what each held, and a button to forget each.
#[component]
fn Sources(props: &SourcesProps) -> Html {
    let sources = &props.store.sources;
    // The Forget button goes with its file, so the focus moves to the
    // section's heading.
    let focus = use_focus_later();
    let on_forget = {
        let on_forget = props.on_forget.clone();
        Callback::from(move |fingerprint: String| {
            on_forget.emit(fingerprint);
            focus.request_ids(["sources-heading"]);
        })
    };
    html! {
        <section aria-labelledby="sources-heading" class="sources">
            <h3 id="sources-heading" tabindex="-1">{ "Imported files" }</h3>
            <p class="muted">{ "Only counts per day, lane key and mailbox provider are kept, in this browser; addresses and message contents are never stored. Importing a file again replaces it. An event two files both hold counts once when both are imported while the page is open; event ids are not kept, so after a reload the report names files that share days with a new one." }</p>
            if sources.is_empty() {
                <p class="empty">{ "None yet." }</p>
            }
            <ul class="source-list">
                for s in sources.iter() {
                    <li key={s.fingerprint.clone()}>{ source_item(s, &on_forget) }</li>
                }
            </ul>
        </section>
    }
}

fn source_item(s: &Source, on_forget: &Callback<String>) -> Html {
    let forget = {
        let fingerprint = s.fingerprint.clone();
        on_forget.reform(move |_: MouseEvent| fingerprint.clone())
    };
    let unlisted = (s.skipped as usize).saturating_sub(s.skipped_lines.len());
    html! {
        <>
            <strong>{ s.name.clone() }</strong>
            { format!(" — {}: {}", s.format, count(s.records, "record", "records")) }
            if s.duplicates > 0 { { format!(", {} dropped", count(s.duplicates, "duplicate", "duplicates")) } }
            if s.without_key > 0 { { format!(", {} without a lane key", count(s.without_key, "event", "events")) } }
            if s.skipped > 0 {
                <details class="skipped">
                    <summary>{ format!("{} skipped", count(s.skipped, "line", "lines")) }</summary>
                    <ul>
                        for (line, why) in s.skipped_lines.iter() { <li>{ format!("Line {line}: {why}") }</li> }
                        if unlisted > 0 { <li>{ format!("… and {unlisted} more") }</li> }
                    </ul>
                </details>
            }
            { " " }
            <button type="button" class="link" onclick={forget}>{ format!("Forget {}", s.name) }</button>
        </>
    }
}
