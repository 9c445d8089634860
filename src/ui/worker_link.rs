//! The page's end of a worker: starts it, holds messages until it says it
//! is ready, sends messages with files beside them, and ends it to cancel
//! whatever it is doing. What the messages mean is the caller's.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::Callback;

/// A worker started on demand from a loader script served beside the app.
pub struct WorkerLink {
    /// The worker's name, such as `monitor`.
    name: &'static str,
    connection: RefCell<Option<Connection>>,
}

struct Connection {
    worker: Worker,
    /// Messages sent before the worker was ready, in order; `None` once
    /// it is.
    waiting: Option<Vec<JsValue>>,
    /// The worker stopped with an error, such as code that did not load.
    failed: Rc<Cell<bool>>,
    _listeners: [EventListener; 2],
}

/// What a worker's owner hears: each answer's text, or why it stopped.
#[derive(Clone)]
pub struct Listener {
    pub on_text: Callback<String>,
    pub on_failure: Callback<String>,
}

impl WorkerLink {
    pub fn new(name: &'static str) -> WorkerLink {
        WorkerLink {
            name,
            connection: RefCell::new(None),
        }
    }

    /// Starts the worker, unless it is running; one that failed is
    /// started anew, so a later import tries again.
    pub fn start(&self, listener: &Listener) {
        match self.failed() {
            Some(false) => {}
            Some(true) => self.restart(listener),
            None => self.connect(listener),
        }
    }

    /// Whether the worker stopped with an error; `None` before it starts.
    pub fn failed(&self) -> Option<bool> {
        (self.connection.borrow().as_ref()).map(|c| c.failed.get())
    }

    /// Ends the worker, whatever it is doing, and starts another.
    pub fn restart(&self, listener: &Listener) {
        if let Some(old) = self.connection.borrow_mut().take() {
            old.worker.terminate();
        }
        self.connect(listener);
    }

    fn connect(&self, listener: &Listener) {
        let Ok(worker) = Worker::new(&script_of(self.name)) else {
            return listener
                .on_failure
                .emit("this browser could not start a worker".into());
        };
        let on_message = {
            let on_text = listener.on_text.clone();
            EventListener::new(&worker, "message", move |event| {
                let data = event.dyn_ref::<MessageEvent>().map(MessageEvent::data);
                if let Some(text) = data.and_then(|d| d.as_string()) {
                    on_text.emit(text);
                }
            })
        };
        let failed = Rc::new(Cell::new(false));
        let on_error = {
            let (on_failure, failed) = (listener.on_failure.clone(), failed.clone());
            EventListener::new(&worker, "error", move |_| {
                failed.set(true);
                on_failure.emit(
                    "the worker stopped; if Switchyard was just updated, reload the page".into(),
                )
            })
        };
        *self.connection.borrow_mut() = Some(Connection {
            worker,
            waiting: Some(Vec::new()),
            failed,
            _listeners: [on_message, on_error],
        });
    }

    /// Sends a message's JSON, with files beside it; false if the worker
    /// was never started.
    pub fn post(&self, json: String, files: Option<js_sys::Array>) -> bool {
        let parts = js_sys::Array::of1(&JsValue::from_str(&json));
        if let Some(files) = files {
            parts.push(&files);
        }
        let mut connection = self.connection.borrow_mut();
        let Some(connection) = connection.as_mut() else {
            return false;
        };
        match connection.waiting.as_mut() {
            Some(waiting) => waiting.push(parts.into()),
            None => {
                let _ = connection.worker.post_message(&parts);
            }
        }
        true
    }

    /// The worker listens: sends what waited for it.
    pub fn ready(&self) {
        if let Some(connection) = self.connection.borrow_mut().as_mut() {
            for message in connection.waiting.take().unwrap_or_default() {
                let _ = connection.worker.post_message(&message);
            }
        }
    }
}

/// The worker's loader: the name with its content hash, which the build
/// writes into the page, so that a page keeps to its own build's workers;
/// the plain name where no build wrote one.
fn script_of(name: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name='switchyard-worker-{name}']"))
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_else(|| format!("{name}-worker.js"))
}

/// Ends the worker when the page no longer needs it.
impl Drop for WorkerLink {
    fn drop(&mut self) {
        if let Some(connection) = self.connection.get_mut().take() {
            connection.worker.terminate();
        }
    }
}
