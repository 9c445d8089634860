//! A crash screen instead of a dead page. After a panic the Wasm module can
//! no longer run, so the screen is built from plain DOM calls and its
//! download link points at a Blob of the plan that was on screen.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, Document, HtmlElement, Url};

use crate::plan::model::Plan;
use crate::plan::storage;

thread_local! {
    /// The plan on screen: this tab's own, with edits not saved yet, or a
    /// plan opened from a link.
    static SHOWN: RefCell<Option<Rc<Plan>>> = const { RefCell::new(None) };
}

/// Keeps the plan on screen for the crash screen's download; called on
/// every render, at the cost of a shared pointer.
pub fn remember_shown(plan: Rc<Plan>) {
    SHOWN.with(|shown| {
        if let Ok(mut shown) = shown.try_borrow_mut() {
            *shown = Some(plan);
        }
    });
}

pub fn install() {
    // Yew installs its own console hook unless given one; this replaces it.
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        show_crash_screen(&message);
    }));
}

/// Covers the page with the crash screen. Public so a browser test can check
/// it without crashing the test runner.
pub fn show_crash_screen(message: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = show(&document, message);
    }
}

fn show(document: &Document, message: &str) -> Option<()> {
    let screen = document.create_element("div").ok()?;
    screen.set_id("crash");
    screen.set_attribute("role", "alert").ok()?;
    let add = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        screen.append_child(&el).ok()?;
        Some(el)
    };
    add("h1", "Switchyard stopped because of an internal error")?;
    add(
        "p",
        "Your plans are saved in this browser after every change. Download the open plan to keep a copy, then reload the page.",
    )?;
    if let Some(text) = last_saved_plan() {
        let parts = js_sys::Array::of1(&text.into());
        let options = BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = Url::create_object_url_with_blob(&blob).ok()?;
        let link = add("a", "Download the open plan (JSON)")?;
        link.set_attribute("href", &url).ok()?;
        link.set_attribute("download", "switchyard-recovered-plan.json")
            .ok()?;
        link.set_class_name("button primary");
    }
    let reload = add("a", "Reload Switchyard")?;
    reload.set_attribute("href", "./").ok()?;
    reload.set_class_name("button");
    add("pre", message)?;
    document.body()?.append_child(&screen).ok()?;
    if let Some(el) = screen.dyn_ref::<HtmlElement>() {
        el.set_tab_index(-1);
        let _ = el.focus();
    }
    Some(())
}

/// The plan on screen as an export; before the first render, this tab's
/// open plan as last saved.
fn last_saved_plan() -> Option<String> {
    let shown = SHOWN.with(|shown| shown.try_borrow().ok().and_then(|s| s.clone()));
    if let Some(plan) = shown {
        return Some(crate::plan::io::export(&plan));
    }
    let index_text = super::persist::saved_text_of_key(storage::INDEX_KEY)?;
    let index = storage::decode_index(&index_text);
    let id = super::persist::tab_active().or(index.active)?;
    let text = super::persist::saved_text(&id)?;
    storage::decode_plan(&text)
        .ok()
        .map(|(plan, _)| crate::plan::io::export(&plan))
}
