//! The Public Suffix List, fetched once from beside the app.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use crate::dns::psl::SuffixList;

/// The Public Suffix List once fetched; equal only to itself, so memos
/// keyed on it recompute once when it arrives.
#[derive(Clone)]
pub struct Psl(pub Rc<SuffixList>);

impl PartialEq for Psl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Fetches the Public Suffix List served beside the app, once. Until it
/// arrives, or if it cannot be read, DMARC alignment is judged without it.
#[hook]
pub fn use_psl() -> UseStateHandle<Option<Psl>> {
    let psl = use_state(|| None::<Psl>);
    {
        let psl = psl.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(list) = fetch_psl().await {
                    // Reading the list and checking the plan with it are
                    // each work enough for a task of their own.
                    super::sleep(0).await;
                    psl.set(Some(Psl(Rc::new(list))));
                }
            });
        });
    }
    psl
}

async fn fetch_psl() -> Option<SuffixList> {
    let window = web_sys::window()?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str("public_suffix_list.dat"))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
    if !response.ok() {
        return None;
    }
    // Read as bytes: a JavaScript string would be converted once more on
    // its way in, and leave a large string for the collector.
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    let text = String::from_utf8(js_sys::Uint8Array::new(&buffer).to_vec()).ok()?;
    SuffixList::parse(text).ok()
}
