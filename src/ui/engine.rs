//! The connections to the workers: each starts after the first render, is
//! sent the plan after every change and keeps its latest answer. Answers to
//! older requests are dropped. The review worker also makes the forms'
//! edits, one at a time, through `Editor`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::prelude::*;

use serde::Deserialize;
use serde_json::Value;

use crate::answers::EditRequest;
use crate::plan::model::Plan;
use crate::plan::state::{Action, Edit};

/// What the page knows of a worker's work.
#[derive(Clone, PartialEq)]
pub struct WorkerState<A> {
    pub answer: Option<Rc<A>>,
    /// A newer request is in flight.
    pub pending: bool,
    pub error: Option<String>,
}

pub struct Connection {
    worker: Worker,
    ready: bool,
    /// The newest page request made before the worker was ready.
    queued: Option<JsValue>,
    /// Other messages made before the worker was ready, in order.
    queued_messages: Vec<JsValue>,
    _listeners: [EventListener; 2],
}

pub type Slot = Rc<RefCell<Option<Connection>>>;
/// Messages that are not page answers: arrays.
pub type Side = Rc<dyn Fn(js_sys::Array)>;

/// Sends a message that is not a page request, in order, once the worker
/// is ready.
pub fn post(slot: &Slot, message: JsValue) {
    if let Some(conn) = slot.borrow_mut().as_mut() {
        if conn.ready {
            let _ = conn.worker.post_message(&message);
        } else {
            conn.queued_messages.push(message);
        }
    }
}

/// The answers of the worker loaded by `script` for `plan` and `view` (a
/// JSON text the worker reads), one per change of either.
#[hook]
pub fn use_worker<A>(script: &'static str, plan: Rc<Plan>, view: String) -> WorkerState<A>
where
    A: for<'de> Deserialize<'de> + PartialEq + 'static,
{
    let (raw, _) = use_worker_raw(script, plan, view, None, true);
    // Only reading the answer depends on its type; the rest is shared.
    let answer = use_memo(raw.answer.clone(), |value| {
        value.as_ref().map(|v| A::deserialize(&**v).map(Rc::new))
    });
    let (answer, unreadable) = match answer.as_ref() {
        Some(Ok(a)) => (Some(a.clone()), false),
        Some(Err(_)) => (None, true),
        None => (None, false),
    };
    WorkerState {
        answer,
        pending: raw.pending,
        error: raw.error.or_else(|| {
            unreadable.then(|| "the worker sent an answer that could not be read".to_string())
        }),
    }
}

/// `use_worker` with the answer left as JSON, and the connection, for
/// other messages; `side` receives messages that are not page answers. The
/// worker starts once `enabled`.
#[hook]
pub fn use_worker_raw(
    script: &'static str,
    plan: Rc<Plan>,
    view: String,
    side: Option<Side>,
    enabled: bool,
) -> (WorkerState<Value>, Slot) {
    let report = use_state(|| None::<Rc<Value>>);
    let pending = use_state(|| false);
    let error = use_state(|| None::<String>);
    let latest = use_memo((), |_| Cell::new(0u32));
    let connection = use_mut_ref(|| None::<Connection>);
    {
        let (report, pending, error, latest) = (
            report.clone(),
            pending.clone(),
            error.clone(),
            latest.clone(),
        );
        let connection = connection.clone();
        let on_answer: Rc<dyn Fn(Value)> = {
            let (pending, error, latest) = (pending.clone(), error.clone(), latest.clone());
            Rc::new(move |value: Value| {
                let request = value.get("request").and_then(Value::as_u64);
                if request != Some(u64::from(latest.get())) {
                    return;
                }
                match value.get("error").and_then(Value::as_str) {
                    Some(why) => error.set(Some(why.to_string())),
                    None => {
                        report.set(Some(Rc::new(value)));
                        pending.set(false);
                        error.set(None);
                    }
                }
            })
        };
        use_effect_with((plan, view, enabled), move |(plan, view, enabled)| {
            if !enabled {
                return;
            }
            if connection.borrow().is_none() {
                match connect(script, connection.clone(), on_answer, side, error.clone()) {
                    Ok(conn) => *connection.borrow_mut() = Some(conn),
                    Err(why) => return error.set(Some(why)),
                }
            }
            latest.set(latest.get().wrapping_add(1));
            // [number, today, plan file, view]: the export's writer is
            // already in the bundle, so the request costs no extra code.
            let request: JsValue = js_sys::Array::of4(
                &JsValue::from(latest.get()),
                &JsValue::from_str(&today()),
                &JsValue::from_str(&crate::plan::io::export(plan)),
                &JsValue::from_str(view),
            )
            .into();
            pending.set(true);
            if let Some(conn) = connection.borrow_mut().as_mut() {
                if conn.ready {
                    let _ = conn.worker.post_message(&request);
                } else {
                    conn.queued = Some(request);
                }
            }
        });
    }
    let state = WorkerState {
        answer: (*report).clone(),
        pending: *pending,
        error: (*error).clone(),
    };
    (state, connection)
}

fn connect(
    script: &str,
    connection: Slot,
    on_answer: Rc<dyn Fn(Value)>,
    side: Option<Side>,
    error: UseStateHandle<Option<String>>,
) -> Result<Connection, String> {
    let worker =
        Worker::new(script).map_err(|_| "this browser could not start a worker".to_string())?;
    let on_message = {
        let error = error.clone();
        EventListener::new(&worker, "message", move |event| {
            let Some(data) = event.dyn_ref::<MessageEvent>().map(|e| e.data()) else {
                return;
            };
            if let (Some(side), true) = (&side, data.is_array()) {
                return side(js_sys::Array::from(&data));
            }
            let Some(data) = data.as_string() else {
                return;
            };
            if data == "ready" {
                if let Some(conn) = connection.borrow_mut().as_mut() {
                    conn.ready = true;
                    for request in conn
                        .queued
                        .take()
                        .into_iter()
                        .chain(conn.queued_messages.drain(..))
                    {
                        let _ = conn.worker.post_message(&request);
                    }
                }
                return;
            }
            // Read through a JSON value: its reader is already in the bundle.
            match serde_json::from_str::<Value>(&data) {
                Ok(value) => on_answer(value),
                Err(_) => error.set(Some(
                    "the worker sent an answer that could not be read".into(),
                )),
            }
        })
    };
    let on_error = EventListener::new(&worker, "error", move |_| {
        error.set(Some("the worker stopped".into()));
    });
    Ok(Connection {
        worker,
        ready: false,
        queued: None,
        queued_messages: Vec::new(),
        _listeners: [on_message, on_error],
    })
}

/// Today's date in the browser's time zone, as YYYY-MM-DD.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Sends the forms' edits to the review worker one at a time, each with
/// the plan as it is when sent, and applies the edited plan it returns. An
/// answer for a plan that has changed meanwhile (an undo, another edit) is
/// dropped and the edit is made again on the current plan, so no edit is
/// lost or undone by a late answer.
#[derive(Clone)]
pub struct Editor {
    inner: Rc<EditorInner>,
}

#[derive(Default)]
struct EditorInner {
    queue: RefCell<VecDeque<EditRequest>>,
    /// The edit in flight: its number, the plan file it was made on, and the
    /// request, to make it again.
    in_flight: RefCell<Option<(u32, String, EditRequest)>>,
    next: Cell<u32>,
    connection: RefCell<Option<Slot>>,
    plan: RefCell<Option<Rc<Plan>>>,
    dispatch: RefCell<Option<Callback<Action>>>,
}

impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Editor {
    /// Asks for an edit.
    pub fn send(&self, kind: &str, key: String, value: String, extra: String) {
        self.inner.queue.borrow_mut().push_back(EditRequest {
            kind: kind.to_string(),
            key,
            value,
            extra,
        });
        self.pump();
    }

    /// Marks the page while edits are on their way (`data-edits` on the
    /// root element), for a busy cue and for tests to wait on.
    fn mark(&self) {
        let inner = &self.inner;
        let pending = inner.queue.borrow().len() + usize::from(inner.in_flight.borrow().is_some());
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = match pending {
                0 => root.remove_attribute("data-edits"),
                n => root.set_attribute("data-edits", &n.to_string()),
            };
        }
    }

    fn pump(&self) {
        self.send_next();
        self.mark();
    }

    fn send_next(&self) {
        let inner = &self.inner;
        if inner.in_flight.borrow().is_some() {
            return;
        }
        let (Some(request), Some(plan), Some(slot)) = (
            inner.queue.borrow_mut().pop_front(),
            inner.plan.borrow().clone(),
            inner.connection.borrow().clone(),
        ) else {
            return;
        };
        let number = inner.next.get().wrapping_add(1);
        inner.next.set(number);
        let base = crate::plan::io::export(&plan);
        let message = js_sys::Array::new();
        for part in [
            &today(),
            &base,
            "",
            &request.kind,
            &request.key,
            &request.value,
            &request.extra,
        ] {
            message.push(&JsValue::from_str(part));
        }
        message.unshift(&JsValue::from(number));
        post(&slot, message.into());
        *inner.in_flight.borrow_mut() = Some((number, base, request));
    }

    /// The worker's answer to edit `number`: the edited plan file, or empty.
    fn answered(&self, number: u32, text: String) {
        let inner = &self.inner;
        let Some((expected, base, request)) = inner.in_flight.borrow_mut().take() else {
            return;
        };
        if number != expected {
            *inner.in_flight.borrow_mut() = Some((expected, base, request));
            return;
        }
        let current = inner.plan.borrow().clone();
        if current.as_deref().map(crate::plan::io::export).as_deref() != Some(base.as_str()) {
            inner.queue.borrow_mut().push_front(request);
        } else if let Some(plan) = read_plan(&text) {
            // Not `io::import`: an edit may leave references for the user to
            // mend (a deleted lane's rules), which a file may not have.
            *inner.plan.borrow_mut() = Some(Rc::new(plan.clone()));
            if let Some(dispatch) = inner.dispatch.borrow().as_ref() {
                dispatch.emit(Action::Edit(Edit::Replace(Box::new(plan))));
            }
        }
        self.pump();
    }
}

/// The plan file the review worker wrote, through the JSON value reader
/// the bundle already has.
fn read_plan(text: &str) -> Option<Plan> {
    let value: Value = serde_json::from_str(text).ok()?;
    Plan::deserialize(&value).ok()
}

/// The review worker's answers, and the editor that sends it edits.
#[hook]
pub fn use_review<A>(
    plan: Rc<Plan>,
    view: String,
    dispatch: Callback<Action>,
) -> (WorkerState<A>, Editor)
where
    A: for<'de> Deserialize<'de> + PartialEq + 'static,
{
    let editor = use_memo((), |_| Editor {
        inner: Rc::new(EditorInner::default()),
    });
    let side: Side = {
        let editor = (*editor).clone();
        Rc::new(move |data: js_sys::Array| {
            let number = data.get(0).as_f64().unwrap_or(0.0) as u32;
            editor.answered(number, data.get(1).as_string().unwrap_or_default())
        })
    };
    let (raw, slot) = use_worker_raw("review-worker.js", plan.clone(), view, Some(side), true);
    let editor = (*editor).clone();
    *editor.inner.plan.borrow_mut() = Some(plan);
    *editor.inner.connection.borrow_mut() = Some(slot);
    *editor.inner.dispatch.borrow_mut() = Some(dispatch);
    let answer = use_memo(raw.answer.clone(), |value| {
        value
            .as_ref()
            .and_then(|v| A::deserialize(&**v).ok().map(Rc::new))
    });
    let state = WorkerState {
        answer: (*answer).clone(),
        pending: raw.pending,
        error: raw.error,
    };
    (state, editor)
}
