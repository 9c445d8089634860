//! The monitoring tab's import area: files dropped or picked go to the
//! monitoring worker, which reads them in chunks while this shows its
//! progress and a cancel button; the imported counts it returns are kept in
//! local storage beside the plan. The rest of the page is the worker's HTML.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use super::engine::{post, use_worker_raw, Side, Slot};
use crate::answers::MonitorAnswer;
use crate::plan::model::Plan;

/// The local-storage key of a plan's imported counts.
fn key(plan_id: &str) -> String {
    format!("switchyard.monitoring.{plan_id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub id: u32,
    pub done: f64,
    pub total: f64,
    pub file: String,
}

/// What the tab shows of the worker, and how to reach it.
#[derive(Clone)]
pub struct Monitor {
    pub answer: Option<Rc<MonitorAnswer>>,
    pub error: Option<String>,
    /// The import being read, if any.
    pub progress: UseStateHandle<Option<Progress>>,
    /// The last import's report, a line per file.
    pub report: Option<String>,
    slot: Slot,
    next: Rc<std::cell::Cell<u32>>,
}

impl PartialEq for Monitor {
    fn eq(&self, other: &Self) -> bool {
        self.answer == other.answer
            && self.error == other.error
            && *self.progress == *other.progress
            && self.report == other.report
    }
}

impl Monitor {
    fn import(&self, files: Vec<web_sys::File>) {
        if files.is_empty() {
            return;
        }
        let id = self.next.get() + 1;
        self.next.set(id);
        let total = files.iter().map(|f| f.size()).sum();
        self.progress.set(Some(Progress {
            id,
            done: 0.0,
            total,
            file: files[0].name(),
        }));
        let list = js_sys::Array::new();
        files.iter().for_each(|f| {
            list.push(f);
        });
        post(
            &self.slot,
            js_sys::Array::of3(&"import".into(), &JsValue::from(id), &list).into(),
        );
    }

    fn cancel(&self) {
        if let Some(p) = self.progress.as_ref() {
            post(
                &self.slot,
                js_sys::Array::of2(&"cancel".into(), &JsValue::from(p.id)).into(),
            );
        }
    }

    pub fn forget(&self, fingerprint: &str) {
        post(
            &self.slot,
            js_sys::Array::of2(&"forget".into(), &fingerprint.into()).into(),
        );
    }
}

/// The monitoring worker, started the first time `enabled`.
#[hook]
pub fn use_monitor(plan: Rc<Plan>, enabled: bool) -> Monitor {
    let progress = use_state(|| None::<Progress>);
    let report = use_state(|| None::<String>);
    let side: Side = {
        let (progress, report) = (progress.clone(), report.clone());
        Rc::new(move |data: js_sys::Array| {
            let text = |i: u32| data.get(i).as_string().unwrap_or_default();
            let number = |i: u32| data.get(i).as_f64().unwrap_or(0.0);
            match text(0).as_str() {
                "progress" => progress.set(Some(Progress {
                    id: number(1) as u32,
                    done: number(2),
                    total: number(3),
                    file: text(4),
                })),
                "imported" => {
                    progress.set(None);
                    report.set(Some(text(2)));
                }
                "cancelled" => {
                    progress.set(None);
                    report.set(Some("Import cancelled; nothing was changed.".into()));
                }
                // The worker's counts for a plan, kept beside it.
                "stored" => {
                    if let Some(s) = storage() {
                        if s.set_item(&key(&text(1)), &text(2)).is_err() {
                            report.set(Some("✗ The browser's storage is full: the imported counts were not kept.".into()));
                        }
                    }
                }
                _ => {}
            }
        })
    };
    let plan_id = plan.id.clone();
    let (raw, slot) = use_worker_raw(
        "monitor-worker.js",
        plan,
        String::new(),
        Some(side),
        enabled,
    );
    // The plan's saved counts, whenever the worker starts or the plan changes.
    {
        let slot = slot.clone();
        use_effect_with((plan_id, enabled), move |(plan_id, enabled)| {
            if *enabled {
                let saved = storage()
                    .and_then(|s| s.get_item(&key(plan_id)).ok().flatten())
                    .unwrap_or_default();
                post(
                    &slot,
                    js_sys::Array::of3(&"load".into(), &plan_id.into(), &saved.into()).into(),
                );
            }
        });
    }
    let next = use_memo((), |_| std::cell::Cell::new(0u32));
    let answer = use_memo(raw.answer.clone(), |value| {
        value
            .as_ref()
            .and_then(|v| serde::Deserialize::deserialize(&**v).ok().map(Rc::new))
    });
    Monitor {
        answer: (*answer).clone(),
        error: raw.error,
        progress,
        report: (*report).clone(),
        slot,
        next,
    }
}

#[derive(Properties, PartialEq)]
pub struct MonitoringTabProps {
    pub monitor: Monitor,
    pub on_open: Callback<String>,
}

/// Files from a drop or the picker.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub fn MonitoringTab(props: &MonitoringTabProps) -> Html {
    let m = &props.monitor;
    let dragging = use_state(|| false);
    let onchange = {
        let m = m.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            m.import(files_of(input.files()));
            input.set_value("");
        })
    };
    // The zone keeps its drops from the window's plan-file drop.
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let (m, dragging) = (m.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            e.stop_propagation();
            dragging.set(false);
            m.import(files_of(e.data_transfer().and_then(|t| t.files())));
        })
    };
    let on_cancel = {
        let m = m.clone();
        Callback::from(move |_| m.cancel())
    };
    let on_monitor = {
        let m = m.clone();
        Callback::from(move |action: String| {
            if let Some(fingerprint) = action.strip_prefix("forget:") {
                m.forget(fingerprint);
            }
        })
    };
    let busy = m.progress.is_some();
    html! {
        <>
            <section class="card monitor-import" aria-labelledby="monitoring-heading">
                <h2 id="monitoring-heading">{ "Monitoring by lane" }</h2>
                <p class="muted">{ "Drop the delivery data you already export: SendGrid, Amazon SES, Postmark, Mailgun, SparkPost, KumoMTA or Customer.io events (JSON), the per-day CSV, Microsoft SNDS data or Postmaster Tools statistics. Files are read here, in the browser; nothing is uploaded." }</p>
                <div class={classes!("drop-zone", dragging.then_some("over"))} {ondragover} {ondragleave} {ondrop}>
                    <label class="button" for="monitor-files">{ "Choose files…" }</label>
                    <input type="file" id="monitor-files" class="visually-hidden" multiple=true {onchange} disabled={busy}
                        accept=".json,.ndjson,.jsonl,.csv,.txt,application/json,text/csv" />
                    <span class="muted">{ " or drop them here. The per-day CSV template is below the lane health." }</span>
                </div>
                if let Some(p) = &*m.progress {
                    <div class="import-progress" role="status">
                        <label for="import-progress">{ format!("Reading {}: {} of {} MB", p.file, mb(p.done), mb(p.total)) }</label>
                        <progress id="import-progress" max={(p.total.max(1.0) as u64).to_string()} value={(p.done as u64).to_string()} />
                        <button type="button" onclick={on_cancel}>{ "Cancel" }</button>
                    </div>
                }
                if let Some(report) = &m.report {
                    <ul class="import-report" role="status">
                        for line in report.lines() {
                            <li class={classes!(line.starts_with('✗').then_some("error"))}>{ line.to_string() }</li>
                        }
                    </ul>
                }
                if let Some(error) = &m.error {
                    <p class="finding error">{ format!("The monitoring worker failed: {error}") }</p>
                }
            </section>
            <super::report::Report html={m.answer.as_ref().map(|a| AttrValue::from(a.html.clone()))}
                on_open={props.on_open.clone()} {on_monitor} loading="Loading the monitoring page…" />
        </>
    }
}

/// Megabytes to one decimal, with integer arithmetic.
fn mb(bytes: f64) -> String {
    let tenths = (bytes / 100_000.0) as u64;
    format!("{}.{}", tenths / 10, tenths % 10)
}

impl Monitor {
    /// Lanes that need action, for the tab's badge.
    pub fn acting(&self) -> u32 {
        self.answer.as_ref().map_or(0, |a| a.acting)
    }
}
