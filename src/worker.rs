//! The engine worker's entry: answers the page's requests off the main
//! thread. The DNS checks and the HTML of their report live in this Wasm
//! module, loaded when the domains or problems page first needs them.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::dns::report::{read_request, EngineAnswer};

/// Listens for requests, then says it is ready; messages sent before the
/// module loaded would otherwise be lost.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        // A request is [number, "YYYY-MM-DD", plan file text].
        let data = js_sys::Array::from(&event.data());
        let request = data.get(0).as_f64().unwrap_or(0.0) as u32;
        let today = data.get(1).as_string().unwrap_or_default();
        let plan = data.get(2).as_string().unwrap_or_default();
        let reply_to = reply_to.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let answer = match read_request(&today, &plan) {
                Ok((today, plan)) => crate::views::render_answer(&plan, today, request).await,
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
}
