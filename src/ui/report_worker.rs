//! The DMARC report worker: reads dropped aggregate reports (XML, gzip or
//! zip) off the page's thread and answers with each file's reports or why
//! it was refused, as the typed messages of
//! `switchyard::dmarc_reports::protocol`. The page keeps the rows.
//!
//! A message from the page is `[JSON text, [File…]]`; an answer is JSON
//! text. Each file is read whole with `FileReaderSync`: the reader caps a
//! report's size, and a file over the cap is refused before it is read.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

use crate::dmarc_reports::protocol::{FileOutcome, FromReportWorker, ToReportWorker};
use crate::dmarc_reports::read::{read_file, too_large};

/// Starts the worker: listens for the page's messages and says it is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message =
        Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| receive(&event.data()));
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    send(&FromReportWorker::Ready);
}

fn send(message: &FromReportWorker) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.post_message(&JsValue::from_str(&message.to_json()));
}

fn receive(data: &JsValue) {
    let parts = Array::from(data);
    let text = parts.get(0).as_string().unwrap_or_default();
    match ToReportWorker::from_json(&text) {
        Ok(ToReportWorker::Import { id }) => {
            let files: Vec<File> = Array::from(&parts.get(1))
                .iter()
                .filter_map(|f| f.dyn_into().ok())
                .collect();
            import(id, &files);
        }
        Err(why) => send(&FromReportWorker::Failed { id: None, why }),
    }
}

/// Reads each file in turn, saying which one it is on.
fn import(id: u32, files: &[File]) {
    let Ok(reader) = FileReaderSync::new() else {
        let why = "this browser cannot read files in a worker".into();
        return send(&FromReportWorker::Failed { id: Some(id), why });
    };
    let total = files.len() as u32;
    let mut outcomes = Vec::new();
    for (done, file) in files.iter().enumerate() {
        send(&FromReportWorker::Progress {
            id,
            done: done as u32,
            total,
            file: file.name(),
        });
        outcomes.push(read_one(&reader, file));
    }
    send(&FromReportWorker::Imported {
        id,
        files: outcomes,
    });
}

/// One file's reports, or why it was refused.
fn read_one(reader: &FileReaderSync, file: &File) -> FileOutcome {
    let name = file.name();
    let outcome = match too_large(&name, file.size() as u64) {
        Some(refusal) => Err(refusal),
        None => match reader.read_as_array_buffer(file) {
            Ok(buffer) => read_file(&name, &Uint8Array::new(&buffer).to_vec()),
            Err(_) => Err(crate::dmarc_reports::ReadError::unreadable(&name)),
        },
    };
    FileOutcome {
        file: name,
        outcome,
    }
}
