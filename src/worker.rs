//! The engine worker's entry: answers the page's requests off the main
//! thread. The DNS checks and the HTML of the read-only pages live in this
//! Wasm module, which the page starts after its first render.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Response};

use crate::dns::psl::SuffixList;
use crate::dns::report::{read_request, EngineAnswer};

/// Served beside the engine, so the list can be updated without a build.
const PSL_FILE: &str = "public_suffix_list.dat";

/// Loads the Public Suffix List, then listens for requests and says it is
/// ready; messages sent before that would be lost. Without the list the
/// checks still run, on the RFC 9989 tree walk alone.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let psl = Rc::new(load_psl(&scope).await);
        let reply_to = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            // A request is [number, "YYYY-MM-DD", plan file text].
            let data = js_sys::Array::from(&event.data());
            let request = data.get(0).as_f64().unwrap_or(0.0) as u32;
            let today = data.get(1).as_string().unwrap_or_default();
            let plan = data.get(2).as_string().unwrap_or_default();
            let (reply_to, psl) = (reply_to.clone(), psl.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match read_request(&today, &plan) {
                    Ok((today, plan)) => {
                        crate::views::render_answer(&plan, today, request, psl.as_ref().as_ref())
                            .await
                    }
                    Err(why) => EngineAnswer {
                        request,
                        error: Some(why),
                        ..EngineAnswer::default()
                    },
                };
                let text = serde_json::to_string(&answer).unwrap_or_default();
                let _ = reply_to.post_message(&JsValue::from_str(&text));
            });
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    });
}

async fn load_psl(scope: &DedicatedWorkerGlobalScope) -> Option<SuffixList> {
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
