//! The page's end of the DMARC report worker. The worker starts the first
//! time the DMARC tab opens; the page keeps each plan's report rows in
//! local storage beside it, under `switchyard.dmarc.<plan id>`, and the
//! last import's outcome per file in state.

use std::cell::Cell;
use std::rc::{Rc, Weak};

use web_sys::File;
use yew::prelude::*;

use super::persist::{keep_beside, listen_to_key, read_beside};
use super::worker_link::{Listener, WorkerLink};
use crate::dmarc_reports::attribute::other_brands;
use crate::dmarc_reports::protocol::{FileOutcome, FromReportWorker, ToReportWorker};
use crate::dmarc_reports::store::{Added, Store};
use crate::dmarc_reports::{ReadError, Report};
use crate::plan::model::Plan;
use crate::units::{and_list, count};

/// The worker's name: its loader is served beside the app.
const WORKER: &str = "reports";

fn key(plan_id: &str) -> String {
    crate::plan::storage::reports_key(plan_id)
}

/// A plan's stored rows: none if there are none or they cannot be read.
fn read_store(plan_id: &str) -> Store {
    read_beside(&key(plan_id))
}

/// Keeps a plan's rows; false if the browser refused.
fn keep_store(plan_id: &str, store: &Store) -> bool {
    keep_beside(&key(plan_id), store, store.seen.is_empty())
}

/// One line of an import's outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub error: bool,
    pub text: String,
}

/// An import being read: files done of all its files, and the current one.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub id: u32,
    pub done: u32,
    pub total: u32,
    pub file: String,
}

#[derive(Clone, Default, PartialEq)]
struct ReportsState {
    plan_id: String,
    store: Rc<Store>,
    reading: Option<Reading>,
    /// The last import's lines, with the plan they are about.
    lines: Option<(String, Rc<Vec<Line>>)>,
    /// The plan the import being read is for.
    reading_plan: String,
    /// Why the worker failed, with the plan whose import or rows it is
    /// about.
    error: Option<(String, AttrValue)>,
}

enum Change {
    Loaded {
        plan_id: String,
        store: Rc<Store>,
    },
    /// Another tab changed the plan's rows.
    Stored {
        plan_id: String,
        store: Rc<Store>,
    },
    Started {
        reading: Reading,
        plan_id: String,
    },
    Progress(Reading),
    /// Import `id` is read into the plan's rows, with a line per file.
    Imported {
        id: u32,
        plan_id: String,
        store: Rc<Store>,
        lines: Vec<Line>,
    },
    Cleared {
        plan_id: String,
    },
    Failed {
        id: Option<u32>,
        why: String,
    },
}

impl Reducible for ReportsState {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut next = (*self).clone();
        let reading = |id: u32| next_reading(&self.reading, id);
        match change {
            Change::Loaded { plan_id, store } => {
                next.plan_id = plan_id;
                next.store = store;
            }
            Change::Stored { plan_id, store } if plan_id == next.plan_id => next.store = store,
            Change::Stored { .. } => {}
            Change::Started { reading, plan_id } => {
                next.reading = Some(reading);
                next.reading_plan = plan_id;
                next.lines = None;
                next.error = None;
            }
            Change::Progress(r) if reading(r.id) => next.reading = Some(r),
            Change::Progress(_) => {}
            Change::Imported {
                id,
                plan_id,
                store,
                lines,
            } if reading(id) => {
                next.reading = None;
                if plan_id == next.plan_id {
                    next.store = store;
                }
                next.lines = Some((plan_id, Rc::new(lines)));
            }
            Change::Imported { .. } => {}
            Change::Cleared { plan_id } if plan_id == next.plan_id => {
                next.store = Rc::default();
                next.lines = None;
            }
            Change::Cleared { .. } => {}
            Change::Failed { id: Some(id), .. } if !reading(id) => {}
            Change::Failed { why, .. } => {
                // A failure while reading is about the import's plan;
                // otherwise about the plan on screen.
                let about = match next.reading.take() {
                    Some(_) => next.reading_plan.clone(),
                    None => next.plan_id.clone(),
                };
                next.error = Some((about, why.into()));
            }
        }
        Rc::new(next)
    }
}

fn next_reading(current: &Option<Reading>, id: u32) -> bool {
    current.as_ref().is_some_and(|r| r.id == id)
}

type Dispatch = UseReducerDispatcher<ReportsState>;

struct Link {
    worker: WorkerLink,
    last_import: Cell<u32>,
    /// The plan the import in flight is for, and its primary domain then.
    plan_id: std::cell::RefCell<String>,
    brand: std::cell::RefCell<String>,
}

impl Link {
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
}

fn receive(link: &Weak<Link>, dispatch: &Dispatch, text: &str) {
    let Some(link) = link.upgrade() else {
        return;
    };
    match FromReportWorker::from_json(text) {
        Ok(FromReportWorker::Ready) => link.worker.ready(),
        Ok(FromReportWorker::Progress {
            id,
            done,
            total,
            file,
        }) => dispatch.dispatch(Change::Progress(Reading {
            id,
            done,
            total,
            file,
        })),
        Ok(FromReportWorker::Imported { id, files }) => {
            let plan_id = link.plan_id.borrow().clone();
            let (store, lines) = add_files(&plan_id, &link.brand.borrow(), files);
            let store = Rc::new(store);
            dispatch.dispatch(Change::Imported {
                id,
                plan_id,
                store,
                lines,
            });
        }
        Ok(FromReportWorker::Failed { id, why }) => dispatch.dispatch(Change::Failed { id, why }),
        Err(why) => dispatch.dispatch(Change::Failed { id: None, why }),
    }
}

/// The plan's stored rows with an import's reports added, kept, and a line
/// per file saying what became of it, and of reports about a domain not
/// the brand's.
fn add_files(plan_id: &str, brand: &str, files: Vec<FileOutcome>) -> (Store, Vec<Line>) {
    let mut store = read_store(plan_id);
    let mut lines = Vec::new();
    for file in files {
        match file.outcome {
            Ok(mut reports) => {
                // What the reader left out of a report, such as an np it
                // does not know, follows the file's line.
                let notes: Vec<ReadError> = (reports.iter_mut())
                    .flat_map(|r| std::mem::take(&mut r.notes))
                    .collect();
                let others = other_domains(brand, &reports);
                let mut line = added_line(&file.file, reports.into_iter().map(|r| store.add(r)));
                line.text.push_str(&others);
                lines.push(line);
                lines.extend(notes.iter().map(|note| Line {
                    error: false,
                    text: format!("⚠ {}", note.describe()),
                }));
            }
            Err(e) => lines.push(Line {
                error: true,
                text: format!("✗ {}", e.describe()),
            }),
        }
    }
    if !keep_store(plan_id, &store) {
        // Nothing read is kept: the lines say so, and the rows stay as
        // they were.
        let why = not_kept(&store);
        for line in lines.iter_mut().filter(|l| l.text.starts_with('✓')) {
            line.error = true;
            line.text = format!("✗{} Not kept: {why}", line.text.trim_start_matches('✓'));
        }
        return (read_store(plan_id), lines);
    }
    (store, lines)
}

/// Browsers keep about 5 MB of text for a page; a store near that is too
/// large in itself, whatever else the page keeps.
const STORAGE_BYTES: usize = 4_500_000;

/// Why a store was not kept: too large for a browser's storage, or the
/// storage full of other things.
fn not_kept(store: &Store) -> String {
    let size = serde_json::to_string(store).map_or(0, |text| text.len());
    if size < STORAGE_BYTES {
        return "the browser's storage is full.".to_string();
    }
    format!(
        "these reports with those kept before take {:.1} MB, more than a browser keeps for a page (about 5 MB). Import fewer days at once, or remove reports you no longer need first.",
        size as f64 / 1e6
    )
}

/// What a file's reports about another brand's domain become, after its
/// line: stored, but left out of every sum.
fn other_domains(brand: &str, reports: &[Report]) -> String {
    let mut domains: Vec<String> = Vec::new();
    let mut about = 0u64;
    for domain in reports.iter().filter_map(|r| other_brands(brand, r)) {
        about += 1;
        if !domains.iter().any(|d| d.eq_ignore_ascii_case(domain)) {
            domains.push(domain.to_string());
        }
    }
    if about == 0 {
        return String::new();
    }
    let (is, it) = if about == 1 {
        ("is", "it")
    } else {
        ("are", "them")
    };
    let which = if about == reports.len() as u64 {
        if about == 1 {
            "It".to_string()
        } else {
            "They".to_string()
        }
    } else {
        count(about, "of them", "of them")
    };
    format!(
        " {which} {is} about {}, not this plan's domain, so the sums leave {it} out.",
        and_list(&domains)
    )
}

fn added_line(file: &str, added: impl Iterator<Item = Added>) -> Line {
    let (mut new, mut again) = (0u32, 0u32);
    for a in added {
        match a {
            Added::Duplicate => again += 1,
            _ => new += 1,
        }
    }
    let mut text = format!("✓ {file}: {new} report{}", if new == 1 { "" } else { "s" });
    if again > 0 {
        text.push_str(&format!(", {again} seen before and counted once"));
    }
    text.push('.');
    Line { error: false, text }
}

/// What the DMARC page shows of the rows and the worker, and how to ask it
/// for work.
#[derive(Clone)]
pub struct ReportsHandle {
    pub store: Rc<Store>,
    pub reading: Option<Reading>,
    /// The import being read is for another plan's reports.
    pub elsewhere: bool,
    pub lines: Option<Rc<Vec<Line>>>,
    pub error: Option<AttrValue>,
    plan_id: AttrValue,
    /// The plan's primary domain, which tells its reports from another
    /// brand's.
    brand: AttrValue,
    link: Rc<Link>,
    dispatch: Dispatch,
}

impl PartialEq for ReportsHandle {
    fn eq(&self, other: &Self) -> bool {
        let same_lines = match (&self.lines, &other.lines) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (a, b) => a.is_none() && b.is_none(),
        };
        Rc::ptr_eq(&self.store, &other.store)
            && self.reading == other.reading
            && self.elsewhere == other.elsewhere
            && same_lines
            && self.error == other.error
            && self.plan_id == other.plan_id
    }
}

impl ReportsHandle {
    /// Reads report files into the plan's rows; ignored while an import is
    /// read.
    pub fn import(&self, files: Vec<File>) {
        let Some(first) = files.first() else {
            return;
        };
        if self.reading.is_some() {
            return;
        }
        let id = self.link.last_import.get().wrapping_add(1);
        self.link.last_import.set(id);
        *self.link.plan_id.borrow_mut() = self.plan_id.to_string();
        *self.link.brand.borrow_mut() = self.brand.to_string();
        self.dispatch.dispatch(Change::Started {
            reading: Reading {
                id,
                done: 0,
                total: files.len() as u32,
                file: first.name(),
            },
            plan_id: self.plan_id.to_string(),
        });
        self.link.worker.start(&self.link.listener(&self.dispatch));
        let list: js_sys::Array = files.iter().collect();
        if !self
            .link
            .worker
            .post(ToReportWorker::Import { id }.to_json(), Some(list))
        {
            let why = "the worker has not started".to_string();
            self.dispatch.dispatch(Change::Failed { id: Some(id), why });
        }
    }

    /// Removes one reporting organisation's reports and rows.
    /// Reads the stored rows again first: another tab may have imported
    /// reports since this one loaded them.
    pub fn remove_reporter(&self, org: &str) {
        let plan_id = self.plan_id.to_string();
        let store = Rc::new(read_store(&plan_id).without(org));
        if !keep_store(&plan_id, &store) {
            let why = "the browser refused to save the reports without it".to_string();
            self.dispatch.dispatch(Change::Failed { id: None, why });
            return;
        }
        self.dispatch.dispatch(Change::Loaded { plan_id, store });
    }

    /// Removes every report row of the plan on screen.
    pub fn clear(&self) {
        let plan_id = self.plan_id.to_string();
        keep_store(&plan_id, &Store::default());
        self.dispatch.dispatch(Change::Cleared { plan_id });
    }
}

/// The report rows of `plan`, read from storage when the plan changes; the
/// worker starts with the first import.
#[hook]
pub fn use_reports(plan: Rc<Plan>) -> ReportsHandle {
    let state = use_reducer(ReportsState::default);
    let link = use_memo((), |_| Link {
        worker: WorkerLink::new(WORKER),
        last_import: Cell::new(0),
        plan_id: Default::default(),
        brand: Default::default(),
    });
    {
        let dispatch = state.dispatcher();
        use_effect_with(plan.id.clone(), move |plan_id| {
            let store = Rc::new(read_store(plan_id));
            dispatch.dispatch(Change::Loaded {
                plan_id: plan_id.clone(),
                store,
            });
            // Rows another tab imports or removes show here too.
            let plan_id = plan_id.clone();
            let listener = listen_to_key(key(&plan_id), move || {
                let store = Rc::new(read_store(&plan_id));
                let plan_id = plan_id.clone();
                dispatch.dispatch(Change::Stored { plan_id, store });
            });
            move || drop(listener)
        });
    }
    // Another plan's rows are not this one's, even for the one render
    // before the effect replaces them.
    let store = if state.plan_id == plan.id {
        state.store.clone()
    } else {
        Rc::default()
    };
    // An import's lines belong to the plan it was made for.
    let lines = (state.lines.as_ref())
        .filter(|(about, _)| *about == plan.id)
        .map(|(_, lines)| lines.clone());
    let elsewhere = state.reading.is_some() && *link.plan_id.borrow() != plan.id;
    ReportsHandle {
        store,
        reading: state.reading.clone(),
        elsewhere,
        lines,
        error: (state.error.as_ref())
            .filter(|(about, _)| *about == plan.id)
            .map(|(_, why)| why.clone()),
        plan_id: plan.id.clone().into(),
        brand: plan.brand.primary_domain.clone().into(),
        link,
        dispatch: state.dispatcher(),
    }
}
