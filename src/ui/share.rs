//! A plan opened from a link (`#plan=1.…`, see `plan::link`): read from the
//! address once, then shown read-only above the user's own plans, which it
//! never replaces. Nothing is saved until *Add to my plans*, which adds it
//! as a new plan through the same reducer action as a file import; *Close*
//! forgets it. A link that cannot be read shows the import's refusal.
//!
//! The fragment is removed from the address as soon as it is read, so a
//! reload opens the user's own plans rather than the shared one again.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::monitor::health::{health, Health};
use crate::monitor::Store;
use crate::plan::io::{ImportError, Imported};
use crate::plan::link;
use crate::plan::model::Plan;
use crate::plan::state::Action;

use super::context::PlannerHandle;
use super::pages::monitoring::MonitoringView;
use super::pages::PageProps;
use super::toolbar::new_plan_id;

/// A plan opened from a link and not (yet) one of the user's plans.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub plan: Rc<Plan>,
    /// Credential-looking values the link's reading removed.
    removed_secrets: Vec<String>,
}

impl From<Imported> for Shared {
    fn from(imported: Imported) -> Self {
        Shared {
            plan: Rc::new(imported.plan),
            removed_secrets: imported.removed_secrets,
        }
    }
}

/// The shared plan on screen, and the two ways to leave it.
#[derive(Clone, PartialEq)]
pub struct SharedHandle {
    pub current: Option<Shared>,
    set: UseStateSetter<Option<Shared>>,
    planner: PlannerHandle,
}

impl SharedHandle {
    pub fn plan(&self) -> Option<Rc<Plan>> {
        self.current.as_ref().map(|shared| shared.plan.clone())
    }

    /// Adds the shared plan to the user's plans, as a copy under a new id
    /// if one of theirs already uses its id, and opens it.
    pub fn on_add(&self) -> Callback<MouseEvent> {
        let (current, set, planner) =
            (self.current.clone(), self.set.clone(), self.planner.clone());
        Callback::from(move |_| {
            let Some(shared) = current.clone() else {
                return;
            };
            set.set(None);
            planner.dispatch(Action::AddShared {
                imported: Imported {
                    plan: (*shared.plan).clone(),
                    removed_secrets: shared.removed_secrets,
                },
                fresh_id: new_plan_id(),
            });
        })
    }

    /// Goes back to the user's own plan; nothing was saved.
    pub fn on_close(&self) -> Callback<MouseEvent> {
        let set = self.set.clone();
        Callback::from(move |_| set.set(None))
    }
}

/// The plan link in the address, if there is one, read and then removed
/// from the address.
fn take_from_address() -> Option<Result<Imported, ImportError>> {
    let window = web_sys::window()?;
    let location = window.location();
    let outcome = link::read(&location.hash().ok()?)?;
    // The page and its history entry stay; only the address loses its fragment.
    if let (Ok(path), Ok(search), Ok(history)) =
        (location.pathname(), location.search(), window.history())
    {
        let _ =
            history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
    Some(outcome)
}

fn refused(error: ImportError) -> Action {
    Action::LinkFailed(error)
}

/// The shared plan: the one in the address when the app opened, or one
/// whose link is pasted into the address bar of the open app later.
#[hook]
pub fn use_shared(planner: PlannerHandle) -> SharedHandle {
    let opened = use_mut_ref(take_from_address);
    let shared = use_state(|| match &*opened.borrow() {
        Some(Ok(imported)) => Some(Shared::from(imported.clone())),
        _ => None,
    });
    {
        let (set, planner) = (shared.setter(), planner.clone());
        use_effect_with((), move |_| {
            if let Some(Err(error)) = opened.borrow_mut().take() {
                planner.dispatch(refused(error));
            }
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| match take_from_address() {
                    Some(Ok(imported)) => set.set(Some(Shared::from(imported))),
                    // The refusal is about the new link, so the plan an
                    // earlier link showed goes, not to be taken for it.
                    Some(Err(error)) => {
                        set.set(None);
                        planner.dispatch(refused(error));
                    }
                    None => {}
                })
            });
            move || drop(listener)
        });
    }
    SharedHandle {
        current: (*shared).clone(),
        set: shared.setter(),
        planner,
    }
}

#[derive(Properties, PartialEq)]
pub struct SharedBarProps {
    pub plan_name: AttrValue,
    pub on_add: Callback<MouseEvent>,
    pub on_close: Callback<MouseEvent>,
}

/// The header while a shared plan is open, in place of the plan tools.
/// `action`, and then, once the page without the shared bar is drawn, the
/// focus on the page: the buttons go with the bar.
fn then_to_page(action: &Callback<MouseEvent>) -> Callback<MouseEvent> {
    let action = action.clone();
    Callback::from(move |e: MouseEvent| {
        action.emit(e);
        wasm_bindgen_futures::spawn_local(async {
            crate::ui::sleep(0).await;
            crate::ui::fields::focus_id("main");
        });
    })
}

#[component]
pub fn SharedBar(props: &SharedBarProps) -> Html {
    html! {
        <header class="toolbar shared-bar" id="shared-plan" aria-labelledby="shared-title">
            <div class="brand-mark">
                <span class="logo" aria-hidden="true">{ "⇄" }</span>
                <h1 class="product">{ "Switchyard" }</h1>
            </div>
            <div class="shared-text">
                <p class="notice-text" id="shared-title">{ "Shared plan — read-only" }</p>
                <p class="muted">
                    { format!("“{}” came in a link. Nothing is saved, and your own plans stay as they are, unless you add it.", props.plan_name) }
                </p>
            </div>
            <div class="actions" role="group" aria-label="Shared plan actions">
                <button type="button" class="primary" id="add-shared" onclick={then_to_page(&props.on_add)}>{ "Add to my plans" }</button>
                <button type="button" id="close-shared" onclick={then_to_page(&props.on_close)}>{ "Close" }</button>
            </div>
        </header>
    }
}

#[derive(Properties, PartialEq)]
pub struct NotInLinkProps {
    pub what: AttrValue,
}

/// Says that data kept beside a plan never travels in its link.
#[component]
pub fn NotInLink(props: &NotInLinkProps) -> Html {
    html! {
        <p class="notice info not-in-link">
            { format!("{} stay in the browser that imported them and are never part of a link. Add the plan to your plans to import them.", props.what) }
        </p>
    }
}

/// Lane health of a shared plan, from its thresholds and no counts; `None`
/// while no shared plan is open.
#[hook]
pub fn use_shared_health(plan: Option<Rc<Plan>>) -> Rc<Option<Rc<Health>>> {
    use_memo(plan, |plan| {
        plan.as_ref()
            .map(|plan| Rc::new(health(plan, &Store::default())))
    })
}

#[derive(Properties, PartialEq)]
pub struct SharedMonitoringProps {
    pub page: PageProps,
    pub health: Rc<Health>,
}

/// The monitoring tab of a shared plan: its mapping and Postmaster rows,
/// with no counts and no import.
#[component]
pub fn SharedMonitoring(props: &SharedMonitoringProps) -> Html {
    let store = use_memo((), |_| Store::default());
    html! {
        <>
            <NotInLink what="Monitoring counts" />
            <MonitoringView page={props.page.clone()} {store} health={props.health.clone()}
                on_import={Callback::noop()} on_cancel={Callback::noop()} on_forget={Callback::noop()} />
        </>
    }
}
