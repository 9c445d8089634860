//! The workers' entries: they answer the page's requests off the main
//! thread, each in a Wasm module of its own. The engine renders the plan's
//! pages; the DNS worker runs the DNS checks and renders the domains pages;
//! the review worker renders the checklist, preferences and readiness pages
//! and makes the forms' edits.

use std::future::Future;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

use crate::answers::{
    answer_edit, read_request, DnsAnswer, EditRequest, EngineAnswer, ReviewAnswer,
};
use crate::dns::psl::SuffixList;

/// Served beside the DNS worker, so the list can be updated without a build.
const PSL_FILE: &str = "public_suffix_list.dat";

/// A request: [number, "YYYY-MM-DD", plan file text, view JSON], and for
/// an edit also [kind, key, value, extra].
struct Request {
    number: u32,
    today: String,
    plan: String,
    view: String,
    edit: Option<EditRequest>,
}

/// The engine: the overview, lanes, journeys and warm-up pages.
pub fn start_engine() {
    serve(|r: Request| async move {
        let view = serde_json::from_str(&r.view).unwrap_or_default();
        let answer = match read_request(&r.today, &r.plan) {
            Ok((_, plan)) => crate::ui::views::render_pages(&plan, r.number, &view).await,
            Err(why) => EngineAnswer {
                request: r.number,
                error: Some(why),
                ..EngineAnswer::default()
            },
        };
        JsValue::from_str(&serde_json::to_string(&answer).unwrap_or_default())
    });
}

/// The review worker: the checklist, preferences and readiness pages, with
/// the DNS checks' summary the page passes on as the view; and edits, which
/// it answers with [number, the edited plan file, or "" if it does not apply].
pub fn start_review() {
    serve(|r: Request| async move {
        if let Some(edit) = &r.edit {
            let plan = read_request(&r.today, &r.plan).ok();
            let text = plan
                .and_then(|(_, plan)| answer_edit(&plan, &r.today, edit))
                .unwrap_or_default();
            return js_sys::Array::of2(&JsValue::from(r.number), &JsValue::from_str(&text)).into();
        }
        let dns: Option<crate::answers::DnsSummary> = serde_json::from_str(&r.view).ok();
        let answer = match read_request(&r.today, &r.plan) {
            Ok((today, plan)) => {
                crate::ui::views::render_review(&plan, today, r.number, dns.as_ref()).await
            }
            Err(why) => ReviewAnswer {
                request: r.number,
                error: Some(why),
                ..ReviewAnswer::default()
            },
        };
        JsValue::from_str(&serde_json::to_string(&answer).unwrap_or_default())
    });
}

/// The DNS worker: loads the Public Suffix List first; without it the
/// checks still run, on the RFC 9989 tree walk alone.
pub fn start_dns() {
    wasm_bindgen_futures::spawn_local(async {
        let psl = Rc::new(load_psl().await);
        serve(move |r: Request| {
            let psl = psl.clone();
            async move {
                let answer = match read_request(&r.today, &r.plan) {
                    Ok((today, plan)) => {
                        crate::ui::views::render_domains(
                            &plan,
                            today,
                            r.number,
                            psl.as_ref().as_ref(),
                        )
                        .await
                    }
                    Err(why) => DnsAnswer {
                        request: r.number,
                        error: Some(why),
                        ..DnsAnswer::default()
                    },
                };
                JsValue::from_str(&serde_json::to_string(&answer).unwrap_or_default())
            }
        });
    });
}

/// Listens for requests, answers each with `answer`, then says it is ready;
/// messages sent before that would be lost.
fn serve<F, Fut>(answer: F)
where
    F: Fn(Request) -> Fut + 'static,
    Fut: Future<Output = JsValue> + 'static,
{
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = js_sys::Array::from(&event.data());
        let text = |i: u32| data.get(i).as_string().unwrap_or_default();
        let request = Request {
            number: data.get(0).as_f64().unwrap_or(0.0) as u32,
            today: text(1),
            plan: text(2),
            view: text(3),
            edit: (data.length() > 4).then(|| EditRequest {
                kind: text(4),
                key: text(5),
                value: text(6),
                extra: text(7),
            }),
        };
        let reply_to = reply_to.clone();
        let reply = answer(request);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = reply_to.post_message(&reply.await);
        });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

async fn load_psl() -> Option<SuffixList> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let response: Response = JsFuture::from(scope.fetch_with_str(PSL_FILE))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()?;
    SuffixList::parse(&text).ok()
}

/// The monitoring worker: holds the imported counts of the plan the page
/// shows (the page keeps a copy in local storage and sends it with
/// `load`), reads dropped files in chunks, and renders the monitoring page.
///
/// From the page: page requests as every worker gets them; `["load", plan
/// id, store JSON]`; `["import", id, [File…]]`; `["cancel", id]`;
/// `["forget", fingerprint]`. To the page: answers' JSON; `["progress", id,
/// bytes read, bytes in all, file name]`; `["imported", id, report, the
/// module's memory in bytes]` or
/// `["cancelled", id]`; `["stored", plan id, store JSON]` after any change.
pub fn start_monitor() {
    use std::cell::RefCell;

    use crate::monitor::import::Seen;
    use crate::monitor::Store;

    #[derive(Default)]
    struct State {
        plan_id: String,
        store: Store,
        seen: Seen,
        /// The latest page request: its number and plan.
        latest: Option<(u32, crate::plan::model::Plan)>,
        /// The import being read, and whether it was cancelled.
        importing: Option<(u32, bool)>,
    }

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let state = Rc::new(RefCell::new(State::default()));
    let post = {
        let scope = scope.clone();
        move |parts: &[JsValue]| {
            let message = js_sys::Array::new();
            parts.iter().for_each(|p| {
                message.push(p);
            });
            let _ = scope.post_message(&message);
        }
    };
    let post = Rc::new(post);
    // Renders the page again for the latest request, after the store changed.
    let render = {
        let (state, scope) = (state.clone(), scope.clone());
        move || {
            let latest = state.borrow().latest.clone();
            let store = state.borrow().store.clone();
            let scope = scope.clone();
            if let Some((number, plan)) = latest {
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = crate::ui::views::render_monitor(&plan, &store, number).await;
                    let text = serde_json::to_string(&answer).unwrap_or_default();
                    let _ = scope.post_message(&JsValue::from_str(&text));
                });
            }
        }
    };
    let render = Rc::new(render);
    let stored = {
        let (state, post) = (state.clone(), post.clone());
        move || {
            let s = state.borrow();
            let text = serde_json::to_string(&s.store).unwrap_or_default();
            post(&[
                "stored".into(),
                JsValue::from_str(&s.plan_id),
                JsValue::from_str(&text),
            ]);
        }
    };
    let stored = Rc::new(stored);
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let scope = &reply_to;
        let data = js_sys::Array::from(&event.data());
        let text = |i: u32| data.get(i).as_string().unwrap_or_default();
        let number = |i: u32| data.get(i).as_f64().unwrap_or(0.0) as u32;
        match data.get(0).as_string().as_deref() {
            None => {
                // A page request: [number, today, plan file, view].
                let plan = read_request(&text(1), &text(2));
                match plan {
                    Ok((_, plan)) => {
                        state.borrow_mut().latest = Some((number(0), plan));
                        render();
                    }
                    Err(why) => {
                        let answer = crate::answers::MonitorAnswer {
                            request: number(0),
                            error: Some(why),
                            ..Default::default()
                        };
                        let _ = scope.post_message(&JsValue::from_str(
                            &serde_json::to_string(&answer).unwrap_or_default(),
                        ));
                    }
                }
            }
            Some("load") => {
                {
                    let mut s = state.borrow_mut();
                    s.plan_id = text(1);
                    s.store = serde_json::from_str(&text(2)).unwrap_or_default();
                    s.seen = Seen::default();
                }
                render();
            }
            Some("cancel") => {
                if let Some((id, cancelled)) = state.borrow_mut().importing.as_mut() {
                    if *id == number(1) {
                        *cancelled = true;
                    }
                }
            }
            Some("forget") => {
                {
                    let mut s = state.borrow_mut();
                    let fingerprint = text(1);
                    s.store
                        .sources
                        .retain(|source| source.fingerprint != fingerprint);
                    s.seen.forget(&fingerprint);
                }
                stored();
                render();
            }
            Some("import") => {
                let id = number(1);
                let files: Vec<web_sys::File> = js_sys::Array::from(&data.get(2))
                    .iter()
                    .filter_map(|f| f.dyn_into().ok())
                    .collect();
                state.borrow_mut().importing = Some((id, false));
                let (state, post, render, stored) =
                    (state.clone(), post.clone(), render.clone(), stored.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let outcome = import_files(&files, id, &state, &post).await;
                    state.borrow_mut().importing = None;
                    match outcome {
                        None => post(&["cancelled".into(), JsValue::from(id)]),
                        Some(report) => {
                            // The module's memory never shrinks: its size is
                            // the import's peak, which the benchmark reads.
                            let memory: js_sys::WebAssembly::Memory =
                                wasm_bindgen::memory().unchecked_into();
                            let peak = js_sys::ArrayBuffer::from(memory.buffer()).byte_length();
                            post(&[
                                "imported".into(),
                                JsValue::from(id),
                                JsValue::from_str(&report),
                                JsValue::from(peak),
                            ]);
                            stored();
                            render();
                        }
                    }
                });
            }
            Some(_) => {}
        }
    });

    /// Bytes read from a file at a time: large enough to keep the reads
    /// few, small enough to keep memory flat and progress moving.
    const CHUNK: f64 = 4.0 * 1024.0 * 1024.0;

    async fn read(file: &web_sys::File, start: f64, end: f64) -> Option<Vec<u8>> {
        let blob = file.slice_with_f64_and_f64(start, end).ok()?;
        let buffer = JsFuture::from(blob.array_buffer()).await.ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    /// Reads the files in chunks into the store; a line per file for the
    /// report, or `None` when cancelled (the store is then unchanged).
    async fn import_files(
        files: &[web_sys::File],
        id: u32,
        state: &Rc<RefCell<State>>,
        post: &Rc<impl Fn(&[JsValue])>,
    ) -> Option<String> {
        use crate::monitor::import::{fingerprint, Importer, HEAD};
        let total: f64 = files.iter().map(|f| f.size()).sum();
        let mut done = 0.0;
        let mut report = Vec::new();
        let mut sources = Vec::new();
        // A session of its own, so a cancelled import leaves no trace.
        let mut seen = std::mem::take(&mut state.borrow_mut().seen);
        for file in files {
            let (name, size) = (file.name(), file.size());
            let head = read(file, 0.0, size.min(HEAD as f64))
                .await
                .unwrap_or_default();
            let tail = read(file, (size - HEAD as f64).max(0.0), size)
                .await
                .unwrap_or_default();
            let print = fingerprint(size as u64, &head, &tail);
            let mut importer = Importer::new(&name, &print, &mut seen);
            let mut offset = 0.0;
            let mut failed = false;
            while offset < size {
                if state
                    .borrow()
                    .importing
                    .is_some_and(|(_, cancelled)| cancelled)
                {
                    state.borrow_mut().seen = Seen::default();
                    return None;
                }
                let end = (offset + CHUNK).min(size);
                match read(file, offset, end).await {
                    Some(bytes) => importer.feed(&bytes),
                    None => {
                        failed = true;
                        break;
                    }
                }
                done += end - offset;
                offset = end;
                post(&[
                    "progress".into(),
                    JsValue::from(id),
                    JsValue::from(done),
                    JsValue::from(total),
                    JsValue::from_str(&name),
                ]);
            }
            if failed {
                report.push(format!("✗ {name}: the browser could not read the file."));
                continue;
            }
            match importer.finish() {
                Ok(source) => {
                    report.push(format!(
                        "✓ {name}: {}, {} records{}{}.",
                        source.format,
                        crate::units::group(source.records),
                        if source.skipped > 0 {
                            format!(
                                ", {} lines skipped (see Imported files)",
                                crate::units::group(source.skipped)
                            )
                        } else {
                            String::new()
                        },
                        if source.duplicates > 0 {
                            format!(
                                ", {} duplicates dropped",
                                crate::units::group(source.duplicates)
                            )
                        } else {
                            String::new()
                        }
                    ));
                    sources.push(source);
                }
                Err(why) => report.push(format!("✗ {name}: {why}")),
            }
        }
        let mut s = state.borrow_mut();
        s.seen = seen;
        for source in sources {
            s.store.add(source);
        }
        Some(report.join("\n"))
    }

    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
