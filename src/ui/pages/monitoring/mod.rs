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
use crate::monitor::health::Health;
use crate::monitor::protocol::{Progress, ReportLine};
use crate::monitor::Store;
use crate::plan::diagnostic::Diagnostic;
use crate::ui::fields::FileDrop;
use crate::ui::monitor::MonitorHandle;

mod health;
mod mapping;

use health::HealthSection;
pub use mapping::postmaster_control;
use mapping::{Mapping, Postmaster, Sources};

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
            progress={m.progress.clone()} elsewhere={m.elsewhere} report={m.report.clone()} error={m.error.clone()}
            held={m.held.clone()} {on_import} {on_cancel} {on_forget} />
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
    /// The import being read is for another plan's counts.
    #[prop_or_default]
    pub elsewhere: bool,
    /// The last import's report.
    #[prop_or_default]
    pub report: Option<Rc<Vec<ReportLine>>>,
    /// Why the monitoring worker failed, if it did.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    /// The kept files the monitoring worker holds the events of.
    #[prop_or_default]
    pub held: Rc<Vec<String>>,
    pub on_import: Callback<Vec<File>>,
    pub on_cancel: Callback<()>,
    /// Forgets an imported file, by its fingerprint.
    pub on_forget: Callback<String>,
}

/// The whole tab, from typed props.
#[component]
pub fn MonitoringView(props: &MonitoringViewProps) -> Html {
    let page = &props.page;
    html! {
        <>
            <ImportArea progress={props.progress.clone()} elsewhere={props.elsewhere} report={props.report.clone()}
                error={props.error.clone()} on_import={props.on_import.clone()}
                on_cancel={props.on_cancel.clone()} />
            <section aria-labelledby="health-heading" class="monitoring">
                <HealthSection plan={page.plan.clone()} health={props.health.clone()} />
                <Mapping plan={page.plan.clone()} health={props.health.clone()} on_edit={page.on_edit.clone()} />
                <Postmaster plan={page.plan.clone()} today={page.today.to_string()} on_edit={page.on_edit.clone()}
                    unmatched={props.health.unmatched_postmaster.clone()}
                    findings={Rc::new(postmaster_findings(&page.findings.fields))} />
                <Sources store={props.store.clone()} held={props.held.clone()} on_forget={props.on_forget.clone()} />
            </section>
        </>
    }
}

/// The findings about the Postmaster Tools figures, each at its row.
fn postmaster_findings(fields: &[Diagnostic]) -> Vec<Diagnostic> {
    let rows = fields
        .iter()
        .filter(|d| d.path.starts_with("$.monitoring.postmaster["));
    rows.cloned().collect()
}

#[derive(Properties, PartialEq)]
struct ImportAreaProps {
    progress: Option<Progress>,
    elsewhere: bool,
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
                    <label for="import-progress">{ format!("Reading {}{}: {}", p.file,
                        if props.elsewhere { " into another plan's counts" } else { "" }, read_so_far(p.done, p.total)) }</label>
                    <progress id="import-progress" max={(p.total.max(1.0) as u64).to_string()} value={(p.done as u64).to_string()} />
                    <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
                </div>
            }
            // The live region is always there, so a screen reader announces
            // the list when it arrives; it wraps the list, which keeps its role.
            <div role="status">
                if let Some(report) = &props.report {
                    <ul class="import-report">
                        for line in report.iter() {
                            <li class={classes!(line.error.then_some("error"), line.warning.then_some("warning"))}>{ line.text.clone() }</li>
                        }
                    </ul>
                }
            </div>
            if let Some(error) = &props.error {
                <p class="finding error">{ format!("The monitoring worker failed: {}.", error.trim_end_matches('.')) }</p>
            }
        </section>
    }
}

/// How much of a file is read: in megabytes to one decimal ("4.1 of 104.8
/// MB"), or in kilobytes for a file under a megabyte, which would read
/// "0.0 of 0.0 MB".
fn read_so_far(done: f64, total: f64) -> String {
    if total < 1_000_000.0 {
        let kb = |bytes: f64| (bytes / 1000.0).ceil() as u64;
        return format!("{} of {} KB", kb(done), kb(total));
    }
    let mb = |bytes: f64| {
        let tenths = (bytes / 100_000.0) as u64;
        format!("{}.{}", tenths / 10, tenths % 10)
    };
    format!("{} of {} MB", mb(done), mb(total))
}
