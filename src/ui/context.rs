//! The one place UI state lives: a provider around the core reducer, and the
//! `use_planner` hook through which components read it and dispatch.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::plan::state::{apply, takes_away, Action, PlannerState};

use super::fields::commit_typing;
use super::persist;

impl Reducible for PlannerState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = apply(&self, action);
        // Returning the same Rc tells Yew nothing changed, so nothing re-renders.
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

pub type PlannerContext = UseReducerHandle<PlannerState>;

#[derive(Properties, PartialEq)]
pub struct PlannerProviderProps {
    #[prop_or_default]
    pub children: Html,
}

/// Loads the saved plans, keeps them saved and listens to other tabs.
#[component]
pub fn PlannerProvider(props: &PlannerProviderProps) -> Html {
    let state = use_reducer(persist::load);
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.clone(), move |state| {
            for action in persist::save(state) {
                dispatcher.dispatch(action);
            }
        });
    }
    {
        // Text typed into what another tab's save takes away is committed
        // first: the plan then holds it as an edit, and the user is asked
        // which version to keep, instead of losing it or seeing it land in
        // the plan opened in its place. The open plan is kept from each
        // render, since a handle kept by the listener would keep every
        // state it read.
        let open = use_mut_ref(|| state.plan_rc());
        *open.borrow_mut() = state.plan_rc();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = persist::listen_to_other_tabs(move |action| {
                if takes_away(&open.borrow(), &action) {
                    commit_typing();
                }
                dispatcher.dispatch(action);
            });
            move || drop(listener)
        });
    }
    {
        // The save after a draw may come a task too late for a page that is
        // going, so the commit is saved at once. The handle reads the state
        // as the last dispatch left it.
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |e| {
                    // A page kept for the Back button comes back as it was.
                    let kept = (e.dyn_ref::<web_sys::PageTransitionEvent>())
                        .is_some_and(web_sys::PageTransitionEvent::persisted);
                    if kept {
                        return;
                    }
                    commit_typing();
                    if state.plans.iter().any(|entry| entry.unsaved) {
                        for action in persist::save(&state) {
                            state.dispatch(action);
                        }
                    }
                });
            move || drop(listener)
        });
    }
    {
        // Edits this browser has not kept (saving paused for a conflict, or
        // refused by full storage) would go with the tab: ask before leaving.
        let at_risk = state.edits_at_risk();
        use_effect_with(at_risk, move |at_risk| {
            let listener = at_risk.then(|| {
                gloo::events::EventListener::new_with_options(
                    &gloo::utils::window(),
                    "beforeunload",
                    gloo::events::EventListenerOptions::enable_prevent_default(),
                    |event| event.prevent_default(),
                )
            });
            move || drop(listener)
        });
    }
    html! {
        <ContextProvider<PlannerContext> context={state}>
            { props.children.clone() }
        </ContextProvider<PlannerContext>>
    }
}

/// Access to the planner state with intent-named helpers.
#[derive(Clone, PartialEq)]
pub struct PlannerHandle {
    inner: PlannerContext,
}

impl PlannerHandle {
    pub fn state(&self) -> &PlannerState {
        &self.inner
    }

    pub fn dispatch(&self, action: Action) {
        self.inner.dispatch(action);
    }

    /// A dispatcher that stays the same across renders.
    pub fn dispatcher(&self) -> UseReducerDispatcher<PlannerState> {
        self.inner.dispatcher()
    }

    /// A callback that dispatches a fixed action.
    pub fn on(&self, action: Action) -> Callback<MouseEvent> {
        let inner = self.inner.clone();
        Callback::from(move |_| inner.dispatch(action.clone()))
    }
}

#[hook]
pub fn use_planner() -> PlannerHandle {
    let inner =
        use_context::<PlannerContext>().expect("components are rendered inside PlannerProvider");
    PlannerHandle { inner }
}

/// The stem of the file names of `plan`'s downloads, from its name as the
/// plan picker gives it ("Fernleaf Coffee (2)" is
/// `switchyard-fernleaf-coffee-2`), as the plan file's own, so that the
/// downloads of two plans of one brand never take each other's names; from
/// the brand for a plan the picker does not list, such as a linked one.
#[hook]
pub fn use_file_stem(plan: &crate::plan::model::Plan) -> String {
    let label = (use_context::<PlannerContext>())
        .and_then(|planner| planner.label_of(&plan.id))
        .filter(|label| !label.is_empty());
    match label {
        Some(label) => crate::plan::io::stem_of(&label),
        None => crate::plan::io::file_stem(plan),
    }
}
