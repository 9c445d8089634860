//! The keyboard's undo and redo, for the plan.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;
use yew::prelude::*;

use super::context::PlannerHandle;
use crate::plan::state::Action;

/// Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes, except inside text
/// boxes, where the browser's own text undo is what people expect.
#[hook]
pub fn use_undo_shortcuts(planner: PlannerHandle, enabled: bool) {
    use_effect_with(enabled, move |enabled| {
        let document = enabled
            .then(|| web_sys::window().and_then(|w| w.document()))
            .flatten();
        let listener = document.map(|document| {
            let active = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document, "keydown", active, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if !(event.ctrl_key() || event.meta_key()) || event.alt_key() || typing(event) {
                    return;
                }
                let action = match (event.key().to_lowercase().as_str(), event.shift_key()) {
                    ("z", false) => Action::Undo,
                    ("z", true) | ("y", false) => Action::Redo,
                    _ => return,
                };
                event.prevent_default();
                planner.dispatch(action);
            })
        });
        move || drop(listener)
    });
}

/// Whether a key went to a text box, whose own undo wins.
fn typing(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            let tag = el.tag_name();
            tag == "TEXTAREA"
                || (tag == "INPUT"
                    && !matches!(
                        el.get_attribute("type").as_deref(),
                        Some("checkbox" | "radio" | "button")
                    ))
        })
}
