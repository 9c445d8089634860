//! The connections to the workers: each starts after the first render, is
//! sent the plan after every change and keeps its latest answer. Answers to
//! older requests are dropped.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::prelude::*;

use serde::Deserialize;

use crate::answers::WorkerAnswer;
use crate::model::Plan;

/// What the page knows of a worker's work.
#[derive(Clone, PartialEq)]
pub struct WorkerState<A> {
    pub answer: Option<Rc<A>>,
    /// A newer request is in flight.
    pub pending: bool,
    pub error: Option<String>,
}

struct Connection {
    worker: Worker,
    ready: bool,
    /// The newest request made before the worker was ready.
    queued: Option<JsValue>,
    _listeners: [EventListener; 2],
}

/// The answers of the worker loaded by `script` for `plan` and `view` (a
/// JSON text the worker reads), one per change of either.
#[hook]
pub fn use_worker<A>(script: &'static str, plan: Rc<Plan>, view: String) -> WorkerState<A>
where
    A: WorkerAnswer + for<'de> Deserialize<'de> + PartialEq + 'static,
{
    let report = use_state(|| None::<Rc<A>>);
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
        // Only reading the answer depends on its type; the rest is shared.
        let on_answer: Rc<dyn Fn(&serde_json::Value)> = {
            let (pending, error, latest) = (pending.clone(), error.clone(), latest.clone());
            Rc::new(
                move |value: &serde_json::Value| match A::deserialize(value) {
                    Ok(answer) if answer.request() != latest.get() => {}
                    Ok(answer) if answer.error().is_some() => {
                        error.set(answer.error().map(str::to_string))
                    }
                    Ok(answer) => {
                        report.set(Some(Rc::new(answer)));
                        pending.set(false);
                        error.set(None);
                    }
                    Err(_) => error.set(Some(
                        "the worker sent an answer that could not be read".into(),
                    )),
                },
            )
        };
        use_effect_with((plan, view), move |(plan, view)| {
            if connection.borrow().is_none() {
                match connect(script, connection.clone(), on_answer, error.clone()) {
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
                &JsValue::from_str(&crate::io::export(plan)),
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
    WorkerState {
        answer: (*report).clone(),
        pending: *pending,
        error: (*error).clone(),
    }
}

fn connect(
    script: &str,
    connection: Rc<RefCell<Option<Connection>>>,
    on_answer: Rc<dyn Fn(&serde_json::Value)>,
    error: UseStateHandle<Option<String>>,
) -> Result<Connection, String> {
    let worker =
        Worker::new(script).map_err(|_| "this browser could not start a worker".to_string())?;
    let on_message = {
        let error = error.clone();
        EventListener::new(&worker, "message", move |event| {
            let Some(data) = event
                .dyn_ref::<MessageEvent>()
                .and_then(|e| e.data().as_string())
            else {
                return;
            };
            if data == "ready" {
                if let Some(conn) = connection.borrow_mut().as_mut() {
                    conn.ready = true;
                    if let Some(request) = conn.queued.take() {
                        let _ = conn.worker.post_message(&request);
                    }
                }
                return;
            }
            // Read through a JSON value: its reader is already in the bundle.
            match serde_json::from_str::<serde_json::Value>(&data) {
                Ok(value) => on_answer(&value),
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
        _listeners: [on_message, on_error],
    })
}

/// Today's date in the browser's time zone, as YYYY-MM-DD.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}
