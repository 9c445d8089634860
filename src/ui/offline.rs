//! Working offline: registers the service worker (`sw.js`, its file list
//! written at build time by `scripts/sw_manifest.py`) and, when a new
//! version has installed and waits, offers to reload into it rather than
//! changing under the user.
//!
//! The new worker waits until the user presses *Reload*: the page then asks
//! it to take over (`skip-waiting`) and reloads once it controls the page.
//! Debug builds (`trunk serve`) register no worker, so development always
//! sees fresh files.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};
use yew::prelude::*;

/// The worker's script, beside index.html; its folder is its scope.
const SCRIPT: &str = "sw.js";
/// The message that lets a waiting worker take over (see static/sw.js).
const SKIP_WAITING: &str = "skip-waiting";

/// Listeners that live as long as the banner.
type Listeners = Rc<RefCell<Vec<EventListener>>>;

/// The page's service worker container, where the browser offers one: not
/// outside a secure context, where `navigator.serviceWorker` is missing.
fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    if !window.is_secure_context() {
        return None;
    }
    let navigator = window.navigator();
    js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
        .ok()?
        .dyn_into()
        .ok()
}

/// Registers the worker and reports, through `ready`, a new version that
/// waits to take over from the one controlling this page.
fn register(
    ready: UseStateSetter<bool>,
    slot: Rc<RefCell<Option<ServiceWorkerRegistration>>>,
    listeners: Listeners,
) {
    let Some(container) = container() else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register(SCRIPT)).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        // Without a controller this is the first install, not an update.
        if registration.waiting().is_some() && container.controller().is_some() {
            ready.set(true);
        }
        let found = watch_updates(&registration, container, ready, listeners.clone());
        let shown = check_when_shown(&registration);
        listeners
            .borrow_mut()
            .extend([Some(found), shown].into_iter().flatten());
        *slot.borrow_mut() = Some(registration);
    });
}

/// Sets `ready` when a new version finishes installing while an older one
/// controls the page.
fn watch_updates(
    registration: &ServiceWorkerRegistration,
    container: ServiceWorkerContainer,
    ready: UseStateSetter<bool>,
    listeners: Listeners,
) -> EventListener {
    let watched = registration.clone();
    EventListener::new(registration, "updatefound", move |_| {
        let Some(worker) = watched.installing() else {
            return;
        };
        let (ready, container, installing) = (ready.clone(), container.clone(), worker.clone());
        let installed = EventListener::new(&worker, "statechange", move |_| {
            let update = container.controller().is_some();
            if installing.state() == ServiceWorkerState::Installed && update {
                ready.set(true);
            }
        });
        listeners.borrow_mut().push(installed);
    })
}

/// A tab left open checks for a new version whenever it is shown again.
fn check_when_shown(registration: &ServiceWorkerRegistration) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    let (registration, watched) = (registration.clone(), document.clone());
    Some(EventListener::new(
        &document,
        "visibilitychange",
        move |_| {
            if watched.visibility_state() != web_sys::VisibilityState::Visible {
                return;
            }
            if let Ok(promise) = registration.update() {
                // Awaiting handles the rejection an offline check brings.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(promise).await;
                });
            }
        },
    ))
}

/// Runs `start` once the page has loaded, so that filling the cache does
/// not compete with the app's own first requests.
fn after_load(listeners: &Listeners, start: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let loaded = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        start();
    } else {
        let listener = EventListener::once(&window, "load", move |_| start());
        listeners.borrow_mut().push(listener);
    }
}

/// Hands over to the waiting worker and reloads once it controls the page;
/// reloads at once when there is no worker waiting.
fn reload_into_new_version(registration: Option<ServiceWorkerRegistration>, listeners: &Listeners) {
    let reload = || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    let (Some(waiting), Some(container)) = (registration.and_then(|r| r.waiting()), container())
    else {
        return reload();
    };
    listeners.borrow_mut().push(EventListener::new(
        &container,
        "controllerchange",
        move |_| reload(),
    ));
    if waiting
        .post_message(&JsValue::from_str(SKIP_WAITING))
        .is_err()
    {
        reload();
    }
}

/// *A new version is ready — reload*, shown only while one waits.
#[component]
pub fn UpdateBanner() -> Html {
    let ready = use_state(|| false);
    let registration = use_mut_ref(|| None::<ServiceWorkerRegistration>);
    let listeners: Listeners = use_mut_ref(Vec::new);
    {
        let (ready, registration, listeners) =
            (ready.setter(), registration.clone(), listeners.clone());
        use_effect_with((), move |_| {
            if !cfg!(debug_assertions) {
                after_load(&listeners, {
                    let listeners = listeners.clone();
                    move || register(ready, registration, listeners)
                });
            }
            move || listeners.borrow_mut().clear()
        });
    }
    if !*ready {
        return Html::default();
    }
    let on_reload = Callback::from(move |_: MouseEvent| {
        reload_into_new_version(registration.borrow().clone(), &listeners)
    });
    html! {
        <div class="notice info update" role="status" id="update">
            <p class="notice-text">{ "A new version is ready — reload to use it." }</p>
            <button type="button" class="primary" id="reload-update" onclick={on_reload}>{ "Reload" }</button>
        </div>
    }
}
