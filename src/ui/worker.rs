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
