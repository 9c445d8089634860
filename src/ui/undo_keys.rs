//! The keyboard's undo and redo, for the plan.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{InputEvent, KeyboardEvent};
use yew::prelude::*;

use super::context::PlannerHandle;
use super::fields::focus_id;
use crate::plan::state::Action;

/// Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes. In a text box the
/// browser's own text undo goes first, as people expect, but it keeps one
/// text history for the whole page: an undo that would reach back into
/// another, already committed, box, or that finds nothing to undo, is the
/// plan's instead.
#[hook]
pub fn use_undo_shortcuts(planner: PlannerHandle, enabled: bool) {
    use_effect_with(enabled, move |enabled| {
        let document = enabled
            .then(|| web_sys::window().and_then(|w| w.document()))
            .flatten();
        let act = plan_history(planner);
        // A key pressed in a text box, until the browser takes it up as
        // a text undo or redo; if it does not, the plan's is done.
        let waiting: Rc<Cell<Option<Action>>> = Rc::default();
        let listeners = document.map(|document| {
            let active = || EventListenerOptions::enable_prevent_default();
            let (on_key, key_waits) = (act.clone(), waiting.clone());
            let keys = EventListener::new_with_options(&document, "keydown", active(), move |e| {
                if let Some(event) = e.dyn_ref::<KeyboardEvent>() {
                    key_pressed(event, &on_key, &key_waits);
                }
            });
            let text =
                EventListener::new_with_options(&document, "beforeinput", active(), move |e| {
                    if let Some(event) = e.dyn_ref::<InputEvent>() {
                        text_history(event, &act, &waiting);
                    }
                });
            (keys, text)
        });
        move || drop(listeners)
    });
}

/// What undoes or redoes the plan, given the key's target.
type PlanHistory = Rc<dyn Fn(Action, Option<web_sys::EventTarget>)>;

/// An undo or redo key: the plan's at once, or, in a text box, once the
/// browser has had the chance to take it as a text undo.
fn key_pressed(event: &KeyboardEvent, act: &PlanHistory, waiting: &Rc<Cell<Option<Action>>>) {
    if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
        return;
    }
    let action = match (event.key().to_lowercase().as_str(), event.shift_key()) {
        ("z", false) => Action::Undo,
        ("z", true) | ("y", false) => Action::Redo,
        _ => return,
    };
    if !typing(event) {
        event.prevent_default();
        act(action, event.target());
        return;
    }
    waiting.set(Some(action));
    let (act, waiting, target) = (act.clone(), waiting.clone(), event.target());
    // The browser's text undo, if any, runs after this listener and before
    // the next task.
    wasm_bindgen_futures::spawn_local(async move {
        super::sleep(0).await;
        if let Some(action) = waiting.take() {
            act(action, target);
        }
    });
}

/// The browser's own text undo or redo: left to it in the focused box,
/// the plan's where it would change another box or where the box cancelled
/// it because it shows its saved text (`fields::text::use_saved_history`).
fn text_history(event: &InputEvent, act: &PlanHistory, waiting: &Cell<Option<Action>>) {
    let action = match event.input_type().as_str() {
        "historyUndo" => Action::Undo,
        "historyRedo" => Action::Redo,
        _ => return,
    };
    waiting.take();
    let focused = gloo::utils::document().active_element();
    let target = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    if target.is_none() || (target == focused && !event.default_prevented()) {
        return;
    }
    event.prevent_default();
    act(action, focused.map(Into::into));
}

/// Undoes or redoes the plan for a key that went to `target`, and keeps the
/// focus in the page.
fn plan_history(planner: PlannerHandle) -> PlanHistory {
    // The control a key's edit took the focus from, until the focus is
    // given back: a key pressed quickly after it, which lands on the
    // page's body, acts for that control.
    let pending: Rc<RefCell<Option<web_sys::Element>>> = Rc::default();
    Rc::new(move |action, target| {
        let order = match action {
            Action::Undo => ["undo", "redo"],
            _ => ["redo", "undo"],
        };
        let body: Option<web_sys::Element> = gloo::utils::document().body().map(Into::into);
        let target = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let focused = match target {
            Some(t) if Some(&t) != body.as_ref() => Some(t),
            other => pending.borrow_mut().take().or(other),
        };
        planner.dispatch(action);
        if let Some(focused) = focused {
            *pending.borrow_mut() = Some(focused.clone());
            let pending = pending.clone();
            wasm_bindgen_futures::spawn_local(async move {
                keep_focus(focused, order).await;
                pending.borrow_mut().take();
            });
        }
    })
}

/// Once the undone or redone edit is drawn, a focus it took away goes back
/// to the control that had it, where the edit only moved it (a card moved
/// back up), or else (the control was removed, or disabled, as Undo is
/// with nothing left to undo) to the button that does the same, so the
/// keyboard user stays in the page. A key pressed with nothing focused
/// leaves the focus alone.
async fn keep_focus(focused: web_sys::Element, order: [&'static str; 2]) {
    super::sleep(0).await;
    let document = gloo::utils::document();
    let body: Option<web_sys::Element> = document.body().map(Into::into);
    // A disabled control may still be the active element for a moment,
    // but it takes no keys.
    let disabled = |el: &web_sys::Element| el.matches(":disabled").unwrap_or(false);
    let lost = document
        .active_element()
        .is_none_or(|a| Some(&a) == body.as_ref() || disabled(&a));
    if Some(&focused) == body.as_ref() || !lost {
        return;
    }
    let back = focused.is_connected()
        && !disabled(&focused)
        && focused
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|el| el.focus().is_ok())
        && document.active_element().as_ref() == Some(&focused);
    if !back {
        // A disabled button takes no focus: the other one does.
        let _ = order.into_iter().any(focus_id);
    }
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
