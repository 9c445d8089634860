//! The monitoring worker: reads dropped delivery files off the page's
//! thread, in slices, into counts per day, lane key and mailbox provider,
//! and answers the page with the typed messages of
//! `switchyard::monitor::protocol`. The page keeps the counts.
//!
//! A message from the page is `[JSON text]`, or for an import
//! `[JSON text, [File…]]`; an answer is JSON text. Files are read with
//! `FileReaderSync`, one slice at a time, so an import runs start to end
//! without waiting on the event loop; the page cancels one by ending the
//! worker.

use std::cell::RefCell;

use crate::monitor::import::{fingerprint, Importer, Seen, HEAD};
use crate::monitor::protocol::{FromWorker, Progress, ReportLine, ToWorker};
use crate::monitor::refused::Refused;
use crate::monitor::Source;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// Bytes read from a file at a time: large enough to keep the reads few,
/// small enough to keep memory flat and progress moving.
const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

/// What the worker holds between messages.
#[derive(Default)]
struct State {
    /// The plan on screen, which imports are for.
    plan_id: String,
    /// Event ids already counted for it, so that two files count an event
    /// once, and what counting its files again takes.
    seen: Seen,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::default();
}

/// Starts the worker: listens for the page's messages and says it is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        STATE.with(|state| receive(&mut state.borrow_mut(), &event.data()))
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    send(&FromWorker::Ready);
}

fn send(message: &FromWorker) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.post_message(&JsValue::from_str(&message.to_json()));
}

fn receive(state: &mut State, data: &JsValue) {
    let parts = Array::from(data);
    let text = parts.get(0).as_string().unwrap_or_default();
    let message = match ToWorker::from_json(&text) {
        Ok(message) => message,
        Err(why) => return send(&FromWorker::Failed { id: None, why }),
    };
    match message {
        ToWorker::Load { plan_id } => {
            *state = State {
                plan_id,
                seen: Seen::default(),
            }
        }
        ToWorker::Forget { fingerprint } => {
            state.seen.forget(&fingerprint);
            send(&FromWorker::Recounted {
                plan_id: state.plan_id.clone(),
                recounted: state.seen.take_recounted(),
            });
        }
        ToWorker::Import { id } => {
            let files: Vec<File> = Array::from(&parts.get(1))
                .iter()
                .filter_map(|f| f.dyn_into().ok())
                .collect();
            import(state, id, &files);
        }
    }
}

/// Reads an import's files, then answers with their counts and a line per
/// file.
fn import(state: &mut State, id: u32, files: &[File]) {
    let Ok(reader) = FileReaderSync::new() else {
        let why = "this browser cannot read files in a worker".into();
        return send(&FromWorker::Failed { id: Some(id), why });
    };
    let mut reading = Reading {
        reader,
        id,
        done: 0.0,
        total: files.iter().map(|f| f.size()).sum(),
        buffer: Vec::new(),
    };
    let (mut sources, mut report) = (Vec::new(), Vec::new());
    for file in files {
        match reading.file(file, &mut state.seen) {
            Ok(source) => {
                report.push(ReportLine::read(&source, &state.seen));
                sources.push(source);
            }
            Err(why) => report.push(ReportLine::refused(&file.name(), why)),
        }
    }
    send(&FromWorker::Imported {
        id,
        plan_id: state.plan_id.clone(),
        sources,
        report,
        memory_bytes: memory_bytes(),
        recounted: state.seen.take_recounted(),
    });
}

/// An import being read.
struct Reading {
    reader: FileReaderSync,
    id: u32,
    /// Bytes read of all the files, and bytes in all.
    done: f64,
    total: f64,
    /// The slice being read, reused from slice to slice.
    buffer: Vec<u8>,
}

impl Reading {
    /// One file's counts, or why there are none.
    fn file(&mut self, file: &File, seen: &mut Seen) -> Result<Source, Refused> {
        let (name, size) = (file.name(), file.size());
        // The fingerprint reads the head and tail only, not the file twice.
        let mut head = Vec::new();
        let mut tail = Vec::new();
        let read_ends = self.read(file, 0.0, size.min(HEAD as f64), &mut head)
            && self.read(file, (size - HEAD as f64).max(0.0), size, &mut tail);
        if !read_ends {
            return Err(Refused::Unreadable);
        }
        let print = fingerprint(size as u64, &head, &tail);
        let mut importer = Importer::new(&name, &print, seen);
        let mut buffer = std::mem::take(&mut self.buffer);
        let mut offset = 0.0;
        while offset < size {
            let end = (offset + CHUNK).min(size);
            if !self.read(file, offset, end, &mut buffer) {
                self.buffer = buffer;
                return Err(Refused::Unreadable);
            }
            importer.feed(&buffer);
            self.done += end - offset;
            offset = end;
            send(&FromWorker::Progress(Progress {
                id: self.id,
                done: self.done,
                total: self.total,
                file: name.clone(),
            }));
        }
        self.buffer = buffer;
        importer.finish()
    }

    /// Reads bytes `start..end` of a file into `buffer`; false if the
    /// browser could not.
    fn read(&self, file: &File, start: f64, end: f64, buffer: &mut Vec<u8>) -> bool {
        let Ok(blob) = file.slice_with_f64_and_f64(start, end) else {
            return false;
        };
        let Ok(data) = self.reader.read_as_array_buffer(&blob) else {
            return false;
        };
        let array = Uint8Array::new(&data);
        buffer.resize(array.length() as usize, 0);
        array.copy_to(buffer);
        true
    }
}

/// The module's memory in bytes. It never shrinks, so after an import it
/// is the import's peak, which the benchmark reads.
fn memory_bytes() -> u64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    js_sys::ArrayBuffer::from(memory.buffer()).byte_length() as u64
}
