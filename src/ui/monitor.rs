//! The page's end of the monitoring worker. The worker starts the first
//! time the monitoring tab opens and reads dropped files into counts; the
//! page keeps the counts of each plan in local storage beside it, under
//! `switchyard.monitoring.<plan id>`, with the import's progress, its
//! report and any error in state. Lane health is derived here, from the
//! plan and the counts, so the page, the findings (with the tab's badge)
//! and the checklist share it.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use web_sys::File;
use yew::prelude::*;

use super::persist::{keep_beside, listen_to_key, read_beside};
use super::worker_link::{Listener, WorkerLink};
use crate::monitor::health::{health, Health};
use crate::monitor::kept::add_kept;
use crate::monitor::protocol::{FromWorker, Progress, ReportLine, ToWorker};
use crate::monitor::{Source, Store};
use crate::plan::model::Plan;

/// The worker's name: its loader is served beside the app.
const WORKER: &str = "monitor";

fn key(plan_id: &str) -> String {
    crate::plan::storage::monitoring_key(plan_id)
}

/// A plan's stored counts: none if there are none or they cannot be read.
fn read_store(plan_id: &str) -> Store {
    read_beside(&key(plan_id))
}

/// Keeps a plan's counts; false if the browser refused.
fn keep_store(plan_id: &str, store: &Store) -> bool {
    keep_beside(&key(plan_id), store, store.sources.is_empty())
}

/// What the page knows of the counts and the worker's work.
#[derive(Clone, Default, PartialEq)]
struct MonitorState {
    /// The plan the counts belong to.
    plan_id: String,
    store: Rc<Store>,
    /// The import being read, and the plan whose counts it is for.
    progress: Option<Progress>,
    import_plan: String,
    /// The last import's report, with the plan it is about.
    report: Option<(String, Rc<Vec<ReportLine>>)>,
    /// Why the worker failed, with the plan whose import or counts it is
    /// about.
    error: Option<(String, AttrValue)>,
}

enum Change {
    /// Another plan is on screen, with its stored counts.
    Loaded {
        plan_id: String,
        store: Rc<Store>,
    },
    /// A plan's counts changed.
    Stored {
        plan_id: String,
        store: Rc<Store>,
    },
    /// An import was sent to the worker, for the counts of `plan_id`.
    Started {
        progress: Progress,
        plan_id: String,
    },
    Progress(Progress),
    /// Import `id` is read, with a line per file.
    Imported {
        id: u32,
        report: Vec<ReportLine>,
    },
    /// The import being read was stopped.
    Cancelled,
    /// A file's counts were removed: its line replaces the last import's.
    Forgot(ReportLine),
    /// The browser refused to keep plan `0`'s counts.
    NotKept(String),
    /// The worker failed, at import `id` if it names one.
    Failed {
        id: Option<u32>,
        why: String,
    },
}

impl Reducible for MonitorState {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut next = (*self).clone();
        match change {
            Change::Loaded { plan_id, store } => {
                next.plan_id = plan_id;
                next.store = store;
            }
            Change::Stored { plan_id, store } => {
                if plan_id == next.plan_id {
                    next.store = store;
                }
            }
            Change::Started { progress, plan_id } => {
                next.progress = Some(progress);
                next.import_plan = plan_id;
                next.report = None;
                next.error = None;
            }
            Change::Progress(progress) => {
                if next.reading(progress.id) {
                    next.progress = Some(progress);
                }
            }
            Change::Imported { id, report } => {
                if next.reading(id) {
                    next.progress = None;
                    next.report = Some((next.import_plan.clone(), Rc::new(report)));
                }
            }
            Change::Cancelled => {
                next.progress = None;
                let lines = vec![ReportLine::cancelled()];
                next.report = Some((next.import_plan.clone(), Rc::new(lines)));
            }
            Change::Forgot(line) => {
                let lines = vec![line];
                next.report = Some((next.plan_id.clone(), Rc::new(lines)));
            }
            Change::NotKept(plan_id) => {
                let mut lines = match &next.report {
                    Some((about, lines)) if *about == plan_id => (**lines).clone(),
                    _ => Vec::new(),
                };
                lines.push(ReportLine::not_kept());
                next.report = Some((plan_id, Rc::new(lines)));
            }
            Change::Failed { id: Some(id), .. } if !next.reading(id) => {}
            Change::Failed { why, .. } => {
                // A failure while reading is about the import's plan;
                // otherwise about the plan on screen.
                let about = match next.progress.take() {
                    Some(_) => next.import_plan.clone(),
                    None => next.plan_id.clone(),
                };
                next.error = Some((about, why.into()));
            }
        }
        Rc::new(next)
    }
}

impl MonitorState {
    /// Whether `id` is the import being read; answers about an import the
    /// page no longer waits for change nothing.
    fn reading(&self, id: u32) -> bool {
        self.progress.as_ref().is_some_and(|p| p.id == id)
    }
}

type Dispatch = UseReducerDispatcher<MonitorState>;

/// Keeps a plan's new counts and shows them if the plan is on screen.
fn keep_counts(dispatch: &Dispatch, plan_id: String, store: Store) {
    let kept = keep_store(&plan_id, &store);
    let store = Rc::new(store);
    dispatch.dispatch(Change::Stored {
        plan_id: plan_id.clone(),
        store,
    });
    if !kept {
        dispatch.dispatch(Change::NotKept(plan_id));
    }
}

/// The worker, the number of the last import sent to it, and the files it
/// has read since it was last told the plan (by fingerprint): the kept
/// files it knows, as against those the page must tell about.
struct Link {
    worker: WorkerLink,
    last_import: Cell<u32>,
    read: RefCell<Vec<String>>,
}

impl Default for Link {
    fn default() -> Self {
        Link {
            worker: WorkerLink::new(WORKER),
            last_import: Cell::new(0),
            read: RefCell::default(),
        }
    }
}

impl Link {
    /// What the worker's answers and failures go to.
    fn listener(self: &Rc<Self>, dispatch: &Dispatch) -> Listener {
        let (link, on_text) = (Rc::downgrade(self), dispatch.clone());
        let on_failure = dispatch.clone();
        Listener {
            on_text: Callback::from(move |text: String| receive(&link, &on_text, &text)),
            on_failure: Callback::from(move |why: String| {
                on_failure.dispatch(Change::Failed { id: None, why })
            }),
        }
    }

    fn start(self: &Rc<Self>, dispatch: &Dispatch) {
        self.worker.start(&self.listener(dispatch));
    }

    fn restart(self: &Rc<Self>, dispatch: &Dispatch) {
        self.worker.restart(&self.listener(dispatch));
    }

    /// Sends a message, with an import's files beside it; false if the
    /// worker was never started.
    fn post(&self, message: &ToWorker, files: Option<js_sys::Array>) -> bool {
        match message {
            ToWorker::Load { .. } => self.read.borrow_mut().clear(),
            ToWorker::Forget { fingerprint } => self.read.borrow_mut().retain(|f| f != fingerprint),
            ToWorker::Import { .. } => {}
        }
        self.worker.post(message.to_json(), files)
    }
}

/// An answer from the worker.
fn receive(link: &Weak<Link>, dispatch: &Dispatch, text: &str) {
    match FromWorker::from_json(text) {
        Ok(FromWorker::Ready) => {
            if let Some(link) = link.upgrade() {
                link.worker.ready();
            }
        }
        Ok(FromWorker::Progress(progress)) => dispatch.dispatch(Change::Progress(progress)),
        Ok(FromWorker::Imported {
            id,
            plan_id,
            mut sources,
            report,
            recounted,
            ..
        }) => {
            // A file read before another of the import may be counted
            // again by it: its line words its last counts.
            for source in &mut sources {
                let now = recounted
                    .iter()
                    .find(|c| c.fingerprint == source.fingerprint);
                if let Some(now) = now {
                    source.recount(now.clone());
                }
            }
            // The worker sends what it found; the page words it.
            let worded = |line: ReportLine| line.worded(&sources);
            let mut report: Vec<ReportLine> = report.into_iter().map(worded).collect();
            // The counts of the plan the import was made for, which may no
            // longer be on screen; each file replaces an earlier import of
            // the same content.
            let mut counts = read_store(&plan_id);
            if let Some(link) = link.upgrade() {
                let mut read = link.read.borrow_mut();
                let kept: Vec<&Source> = counts
                    .sources
                    .iter()
                    .filter(|s| !read.contains(&s.fingerprint))
                    .collect();
                add_kept(&mut report, &sources, &kept);
                read.extend(sources.iter().map(|s| s.fingerprint.clone()));
            }
            dispatch.dispatch(Change::Imported { id, report });
            // A file that gave nothing (a header alone) is refused, not
            // listed; one whose lines were skipped stays, to show why.
            let sources: Vec<Source> = (sources.into_iter())
                .filter(|s| !s.gave_nothing())
                .collect();
            if !sources.is_empty() || !recounted.is_empty() {
                sources.into_iter().for_each(|s| counts.add(s));
                counts.recounted(recounted);
                keep_counts(dispatch, plan_id, counts);
            }
        }
        Ok(FromWorker::Recounted { plan_id, recounted }) => {
            if !recounted.is_empty() {
                let mut counts = read_store(&plan_id);
                counts.recounted(recounted);
                keep_counts(dispatch, plan_id, counts);
            }
        }
        Ok(FromWorker::Failed { id, why }) => dispatch.dispatch(Change::Failed { id, why }),
        Err(why) => dispatch.dispatch(Change::Failed { id: None, why }),
    }
}

/// What the monitoring page shows of the counts and the worker, and how to
/// ask it for work.
#[derive(Clone)]
pub struct MonitorHandle {
    /// The imported counts of the plan on screen.
    pub store: Rc<Store>,
    /// Lane health from the plan and the counts.
    pub health: Rc<Health>,
    /// The import being read.
    pub progress: Option<Progress>,
    /// The import being read is for another plan's counts.
    pub elsewhere: bool,
    /// The last import's report, about the plan on screen.
    pub report: Option<Rc<Vec<ReportLine>>>,
    /// Why the worker failed, if it did.
    pub error: Option<AttrValue>,
    /// The kept files the worker holds the events of, by fingerprint:
    /// forgetting one of them counts the others it holds as if it had
    /// never been imported.
    pub held: Rc<Vec<String>>,
    /// The plan on screen.
    plan_id: AttrValue,
    link: Rc<Link>,
    dispatch: Dispatch,
}

impl PartialEq for MonitorHandle {
    fn eq(&self, other: &Self) -> bool {
        let same_report = match (&self.report, &other.report) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        Rc::ptr_eq(&self.store, &other.store)
            && Rc::ptr_eq(&self.health, &other.health)
            && self.progress == other.progress
            && self.elsewhere == other.elsewhere
            && same_report
            && self.error == other.error
            && self.held == other.held
            && self.plan_id == other.plan_id
            && Rc::ptr_eq(&self.link, &other.link)
    }
}

impl MonitorHandle {
    /// Reads files into the plan's counts; ignored while an import is read.
    pub fn import(&self, files: Vec<File>) {
        let Some(first) = files.first() else {
            return;
        };
        if self.progress.is_some() {
            return;
        }
        let id = self.link.last_import.get().wrapping_add(1);
        self.link.last_import.set(id);
        let progress = Progress {
            id,
            done: 0.0,
            total: files.iter().map(|f| f.size()).sum(),
            file: first.name(),
        };
        let plan_id = self.plan_id.to_string();
        self.dispatch
            .dispatch(Change::Started { progress, plan_id });
        // A worker that failed is started anew for this import.
        if self.link.worker.failed() == Some(true) {
            self.restart();
        }
        let list: js_sys::Array = files.iter().collect();
        if !self.link.post(&ToWorker::Import { id }, Some(list)) {
            let why = "the worker has not started".to_string();
            self.dispatch.dispatch(Change::Failed { id: Some(id), why });
        }
    }

    /// Stops the import being read. The worker reads a file without
    /// pausing for messages, so it is ended and another started; the
    /// counts, which the page holds, are as they were.
    pub fn cancel(&self) {
        if self.progress.is_none() {
            return;
        }
        self.restart();
        self.dispatch.dispatch(Change::Cancelled);
    }

    /// Ends the worker and starts another, told the plan on screen.
    fn restart(&self) {
        self.link.restart(&self.dispatch);
        let plan_id = self.plan_id.to_string();
        self.link.post(&ToWorker::Load { plan_id }, None);
    }

    /// Removes an imported file's counts, by its fingerprint.
    pub fn forget(&self, fingerprint: &str) {
        let mut counts = (*self.store).clone();
        if let Some(line) = ReportLine::forgot(&counts, fingerprint, &self.held) {
            self.dispatch.dispatch(Change::Forgot(line));
        }
        counts.sources.retain(|s| s.fingerprint != fingerprint);
        keep_counts(&self.dispatch, self.plan_id.to_string(), counts);
        let fingerprint = fingerprint.to_string();
        self.link.post(&ToWorker::Forget { fingerprint }, None);
    }
}

/// The monitoring worker for `plan`, started the first time `started` is
/// true (the shell passes "the monitoring tab has been opened"). The
/// plan's stored counts are read at once, so the badge is right before
/// the tab opens.
#[hook]
pub fn use_monitor(plan: Rc<Plan>, started: bool) -> MonitorHandle {
    let state = use_reducer(MonitorState::default);
    let link = use_memo((), |_| Link::default());
    {
        let (link, dispatch) = (link.clone(), state.dispatcher());
        use_effect_with((plan.id.clone(), started), move |(plan_id, started)| {
            if *started {
                link.start(&dispatch);
                let plan_id = plan_id.clone();
                link.post(&ToWorker::Load { plan_id }, None);
            }
            let store = Rc::new(read_store(plan_id));
            dispatch.dispatch(Change::Loaded {
                plan_id: plan_id.clone(),
                store,
            });
            // Counts another tab imports or clears show here too.
            let plan_id = plan_id.clone();
            let listener = listen_to_key(key(&plan_id), move || {
                let store = Rc::new(read_store(&plan_id));
                let plan_id = plan_id.clone();
                dispatch.dispatch(Change::Stored { plan_id, store });
            });
            move || drop(listener)
        });
    }
    // Another plan's counts are not this one's, even for the one render
    // before the effect replaces them.
    let store = if state.plan_id == plan.id {
        state.store.clone()
    } else {
        Rc::default()
    };
    // An import and its report belong to the plan they were made for.
    let report = (state.report.as_ref())
        .filter(|(about, _)| *about == plan.id)
        .map(|(_, lines)| lines.clone());
    let elsewhere = state.progress.is_some() && state.import_plan != plan.id;
    let error = (state.error.as_ref())
        .filter(|(about, _)| *about == plan.id)
        .map(|(_, why)| why.clone());
    let plan_id = AttrValue::from(plan.id.clone());
    // A worker that failed holds nothing.
    let held = match link.worker.failed() {
        Some(false) => link.read.borrow().clone(),
        _ => Vec::new(),
    };
    let held = Rc::new(held);
    let health = use_memo((plan, store.clone()), |(plan, store)| health(plan, store));
    MonitorHandle {
        store,
        health,
        progress: state.progress.clone(),
        elsewhere,
        report,
        error,
        held,
        plan_id,
        link,
        dispatch: state.dispatcher(),
    }
}
