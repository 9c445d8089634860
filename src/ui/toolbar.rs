//! The header: plan picker, new and sample plans, undo and redo, import
//! (picker or drag and drop), export, and a link that carries the plan.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::plan::io;
use crate::plan::link::{self, TooLong};
use crate::plan::state::{Action, Notice, PlannerState, SaveState, Tone};
use crate::plan::validate;
use crate::units::count;

use super::context::{use_planner, PlannerHandle};
use super::fields::{commit_typing, on_escape, use_focus_later, Choices, ConfirmButton, Select};
use super::files::download;
use super::persist;

/// An id for a new plan, unique enough across tabs and sessions.
pub(super) fn new_plan_id() -> String {
    let millis = js_sys::Date::now() as u64;
    let jitter = (js_sys::Math::random() * 1296.0) as u64;
    format!("plan-{}", to_base36(millis * 1296 + jitter))
}

fn to_base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads a dropped or picked file and dispatches the import's outcome.
fn import_file(
    file: web_sys::File,
    planner: PlannerHandle,
    busy: UseStateHandle<bool>,
    slot: Rc<RefCell<Option<FileReader>>>,
) {
    let name = file.name();
    if let Err(error) = io::check_size(file.size() as u64) {
        planner.dispatch(Action::ImportFailed(io::ImportError {
            message: format!("“{name}”: {}", error.message),
            ..error
        }));
        return;
    }
    busy.set(true);
    let file = gloo::file::File::from(file);
    let reader = gloo::file::callbacks::read_as_bytes(&file, move |result| {
        busy.set(false);
        let action = match result {
            Ok(bytes) => match io::import(&bytes) {
                Ok(imported) => Action::Import {
                    imported,
                    fresh_id: new_plan_id(),
                },
                Err(error) => Action::ImportFailed(io::ImportError {
                    message: format!("“{name}”: {}", error.message),
                    ..error
                }),
            },
            Err(_) => Action::ImportFailed(io::ImportError {
                message: format!("“{name}” could not be read"),
                location: String::new(),
                hint: "Check that the file still exists and try again.".into(),
            }),
        };
        // Text still being typed belongs to the plan it was typed for: it
        // is committed there before an import opens another.
        commit_typing();
        planner.dispatch(action);
    });
    *slot.borrow_mut() = Some(reader);
}

#[component]
pub fn Toolbar() -> Html {
    let planner = use_planner();
    let busy = use_state(|| false);
    let reader: Rc<RefCell<Option<FileReader>>> = use_mut_ref(|| None);
    let dragging = use_file_drop(&planner, &busy, &reader);
    let shared_link = use_state(|| None::<LinkOutcome>);
    let state = planner.state();
    // A link shown for an earlier version of the plan would mislead.
    {
        let shared_link = shared_link.setter();
        use_effect_with(Rc::as_ptr(&state.plan_rc()) as usize, move |_| {
            shared_link.set(None)
        });
    }
    let on_pick = {
        let (planner, busy, reader) = (planner.clone(), busy.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                import_file(file, planner.clone(), busy.clone(), reader.clone());
            }
            // Clearing lets the same file be chosen again after fixing it.
            input.set_value("");
        })
    };
    let on_export = {
        let planner = planner.clone();
        Callback::from(move |_| {
            let state = planner.state();
            // A copy is called as the picker calls it, so that it and the
            // original are told apart in the notice and on disk.
            let name = state.label_of(&state.active).unwrap_or_default();
            planner.dispatch(Action::Notify(export(state.plan(), &name)))
        })
    };
    let on_link = {
        let (planner, shared_link) = (planner.clone(), shared_link.setter());
        Callback::from(move |_| copy_link(planner.state().plan(), shared_link.clone()))
    };
    // The focus goes back to the button that opened the panel.
    let focus = use_focus_later();
    let close_link = {
        let shared_link = shared_link.setter();
        Callback::from(move |()| {
            focus.request_ids(["copy-link"]);
            shared_link.set(None);
        })
    };
    // Escape on the button that opened the panel closes it too, as the
    // focus stays there after a click.
    let link_escape = shared_link.is_some().then(|| {
        let close_link = close_link.clone();
        on_escape(move || close_link.emit(()))
    });
    let dispatch = |make: fn(String) -> Action| {
        let planner = planner.clone();
        Callback::from(move |_: MouseEvent| planner.dispatch(make(new_plan_id())))
    };
    html! {
        <header class={classes!("toolbar", dragging.then_some("dragging"))}>
            <div class="brand-mark">
                <span class="logo" aria-hidden="true">{ "⇄" }</span>
                <h1 class="product">{ "Switchyard" }</h1>
            </div>
            <PlanPicker />
            <div class="actions" role="group" aria-label="Plan actions">
                <UndoRedo />
                <button type="button" onclick={dispatch(|id| Action::NewPlan { id })}>{ "New plan" }</button>
                <button type="button" onclick={dispatch(|id| Action::AddSample { id })}>{ "Add sample plan" }</button>
                <button type="button" id="duplicate-plan" onclick={dispatch(|id| Action::DuplicatePlan { id })}
                    title="Open a copy of this plan to try a change on it; the original stays as it is">{ "Duplicate" }</button>
                <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json" onchange={on_pick} />
                <label class="button" for="import-file" title="Import a plan file; you can also drop one on the page">
                    { if *busy { "Reading file…" } else { "Import…" } }
                </label>
                <button type="button" class="primary" id="export" onclick={on_export.clone()}>{ "Export JSON" }</button>
                <button type="button" id="copy-link" onclick={on_link} onkeydown={link_escape}
                    title="Copy a link that holds the whole plan; opening it shows the plan read-only">{ "Copy link" }</button>
                <DeletePlan />
            </div>
            if let Some(outcome) = (*shared_link).clone() {
                <LinkPanel {outcome} on_export={on_export} on_close={close_link} />
            }
            if dragging {
                <div class="drop-hint" aria-hidden="true">{ "Drop a plan file to import it" }</div>
            }
        </header>
    }
}

/// Lets the whole window take a dropped plan file, and says whether a file
/// is being dragged over it.
#[hook]
fn use_file_drop(
    planner: &PlannerHandle,
    busy: &UseStateHandle<bool>,
    reader: &Rc<RefCell<Option<FileReader>>>,
) -> bool {
    let dragging = use_state(|| false);
    let (planner, busy, reader) = (planner.clone(), busy.clone(), reader.clone());
    let shown = dragging.clone();
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document());
        let listeners = document.map(|document| {
            let active = EventListenerOptions::enable_prevent_default();
            let over = {
                let dragging = shown.clone();
                EventListener::new_with_options(&document, "dragover", active, move |e| {
                    e.prevent_default();
                    dragging.set(true);
                })
            };
            let leave = {
                let dragging = shown.clone();
                EventListener::new(&document, "dragleave", move |e| {
                    if e.dyn_ref::<DragEvent>()
                        .is_some_and(|d| d.related_target().is_none())
                    {
                        dragging.set(false);
                    }
                })
            };
            let drop = EventListener::new_with_options(&document, "drop", active, move |e| {
                e.prevent_default();
                shown.set(false);
                let files = e
                    .dyn_ref::<DragEvent>()
                    .and_then(|d| d.data_transfer())
                    .and_then(|t| t.files());
                let count = files.as_ref().map_or(0, |f| f.length());
                // Each import opens the plan it adds, so one file at a
                // time; more are refused rather than all but one ignored.
                if count > 1 {
                    planner.dispatch(Action::ImportFailed(io::ImportError {
                        message: format!("{count} files were dropped; a plan is imported from one file at a time"),
                        location: String::new(),
                        hint: "Drop or choose the plan files one after another.".into(),
                    }));
                } else if let Some(file) = files.and_then(|files| files.get(0)) {
                    import_file(file, planner.clone(), busy.clone(), reader.clone());
                }
            });
            (over, leave, drop)
        });
        move || drop(listeners)
    });
    *dragging
}

/// Downloads the plan file and says how it went; a plan with broken lane
/// references is exported, with a reminder to fix them.
fn export(plan: &crate::plan::model::Plan, name: &str) -> Notice {
    let broken = validate::integrity(plan).len() as u64;
    let (file_name, brand) = match name {
        "" => (io::export_file_name(plan), plan.title()),
        name => (format!("{}.json", io::stem_of(name)), name),
    };
    match download(&file_name, "application/json", &io::export(plan)) {
        Err(why) => Notice {
            tone: Tone::Error,
            text: format!("Export failed: {why}."),
            details: vec![],
            at: None,
        },
        Ok(()) if broken > 0 => Notice {
            tone: Tone::Info,
            text: format!(
                "Exported “{brand}”, but it has {}.",
                count(broken, "broken lane reference", "broken lane references")
            ),
            details: vec![
                "The Problems tab lists each with its fix; the file opens again as it is.".into(),
            ],
            at: None,
        },
        Ok(()) => Notice {
            tone: Tone::Success,
            text: format!("Exported “{brand}” as {file_name}."),
            details: vec![],
            at: None,
        },
    }
}

/// The plans kept in this browser, and whether the open one is saved.
#[component]
fn PlanPicker() -> Html {
    let planner = use_planner();
    let state = planner.state();
    let on_select = {
        let planner = planner.clone();
        Callback::from(move |id: String| planner.dispatch(Action::SelectPlan(id)))
    };
    let plans = {
        let ids = state.plans.iter().map(|entry| entry.plan.id.clone());
        let items = ids.zip(state.picker_labels()).map(|(id, label)| {
            let key = AttrValue::from(id.clone());
            (id, key, AttrValue::from(label))
        });
        Choices::new(items.collect(), &state.active, on_select)
    };
    html! {
        <div class="plan-picker">
            <label for="plan-picker">{ "Plan" }</label>
            <Select id="plan-picker" choices={plans} />
            // Not read out as it changes: every edit saves, and a save
            // that fails or pauses is said by its alert.
            <span class="save-state">{ save_status(state) }</span>
        </div>
    }
}

/// The open plan's name as the picker shows it, which tells apart plans
/// of the same brand.
fn open_label(state: &crate::plan::state::PlannerState) -> String {
    (state.label_of(&state.active)).unwrap_or_else(|| state.plan().title().to_string())
}

/// Deletes the open plan from this browser after asking; the question goes
/// when another plan is opened, as the button is drawn anew for each plan.
/// The last plan cannot be deleted. After a delete the focus stays on the
/// button, or moves to the plan picker when only one plan is left.
#[component]
fn DeletePlan() -> Html {
    let planner = use_planner();
    let focus = use_focus_later();
    let state = planner.state();
    let on_confirm = {
        let planner = planner.clone();
        Callback::from(move |()| {
            let id = planner.state().active.clone();
            persist::forget(&id);
            planner.dispatch(Action::DeletePlan(id));
            focus.request(vec!["#delete-plan:enabled".into(), "#plan-picker".into()]);
        })
    };
    html! {
        <ConfirmButton key={state.active.clone()} id="delete-plan" label="Delete…"
            title="Delete this plan from the browser" disabled={state.plans.len() < 2}
            question={format!("Delete “{}” from this browser, with its delivery counts and DMARC reports?", open_label(state))}
            confirm="Delete plan" {on_confirm} />
    }
}

/// What *Copy link* did.
#[derive(Clone, Debug, PartialEq)]
enum LinkOutcome {
    Copied(AttrValue),
    /// The browser refused the clipboard; the link is shown to copy by hand.
    NotCopied(AttrValue),
    TooLong(TooLong),
}

/// Makes the plan's link from this page's address and copies it.
fn copy_link(plan: &crate::plan::model::Plan, show: UseStateSetter<Option<LinkOutcome>>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let base = format!(
        "{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    );
    let url = match link::link(&base, plan) {
        Ok(url) => AttrValue::from(url),
        Err(too_long) => return show.set(Some(LinkOutcome::TooLong(too_long))),
    };
    // Outside a secure context the clipboard does not exist.
    if !window.is_secure_context() {
        return show.set(Some(LinkOutcome::NotCopied(url)));
    }
    let promise = window.navigator().clipboard().write_text(&url);
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        show.set(Some(if copied {
            LinkOutcome::Copied(url)
        } else {
            LinkOutcome::NotCopied(url)
        }));
    });
}

#[derive(Properties, PartialEq)]
struct LinkPanelProps {
    outcome: LinkOutcome,
    on_export: Callback<MouseEvent>,
    on_close: Callback<()>,
}

/// The copied link, its length and what it carries, or why there is none.
#[component]
fn LinkPanel(props: &LinkPanelProps) -> Html {
    let select_all = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<HtmlInputElement>().select();
    });
    let close = props.on_close.reform(|_: MouseEvent| ());
    let escape = {
        let on_close = props.on_close.clone();
        on_escape(move || on_close.emit(()))
    };
    let (said, url) = match &props.outcome {
        LinkOutcome::TooLong(too_long) => {
            return html! {
                <div class="link-panel error" role="alert" id="link-panel" onkeydown={escape}>
                    <p>{ too_long.to_string() }</p>
                    <div class="row">
                        <button type="button" class="primary" onclick={props.on_export.clone()}>{ "Export JSON" }</button>
                        <button type="button" onclick={close}>{ "Close" }</button>
                    </div>
                </div>
            };
        }
        LinkOutcome::Copied(url) => (
            format!(
                "Link copied: {} characters.",
                crate::units::group(url.chars().count() as u64)
            ),
            url,
        ),
        LinkOutcome::NotCopied(url) => (
            "The browser did not allow copying; select the link below and copy it.".to_string(),
            url,
        ),
    };
    html! {
        <div class="link-panel" role="status" id="link-panel" onkeydown={escape}>
            <p class="notice-text">{ said }</p>
            <p class="muted">{ "Whoever opens it sees this plan read-only and can add it to their plans. The plan travels inside the link and is never sent to a server; monitoring counts and DMARC reports stay in this browser." }</p>
            <div class="row">
                <label for="plan-link" class="visually-hidden">{ "Link to this plan" }</label>
                <input id="plan-link" type="text" readonly=true value={url.clone()} onfocus={select_all} />
                <button type="button" onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}

/// Undo and Redo. The button pressed is disabled once its history runs
/// out, which drops the focus, so the focus moves to the other one.
#[component]
fn UndoRedo() -> Html {
    let planner = use_planner();
    let state = planner.state();
    let (undo, redo) = (use_node_ref(), use_node_ref());
    let pressed = use_mut_ref(|| None::<Action>);
    let (can_undo, can_redo) = (!state.undo.is_empty(), !state.redo.is_empty());
    {
        let (undo, redo, pressed) = (undo.clone(), redo.clone(), pressed.clone());
        use_effect_with((can_undo, can_redo), move |&(can_undo, can_redo)| {
            let other = match pressed.borrow_mut().take() {
                Some(Action::Undo) if !can_undo => redo,
                Some(Action::Redo) if !can_redo => undo,
                _ => return,
            };
            if let Some(button) = other.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    // Only a press that empties its history is remembered, so a press
    // that does not can never move the focus later.
    let press = |action: Action, last: bool| {
        let (planner, pressed) = (planner.clone(), pressed.clone());
        Callback::from(move |_: MouseEvent| {
            *pressed.borrow_mut() = last.then(|| action.clone());
            planner.dispatch(action.clone());
        })
    };
    html! {
        <>
            <button type="button" id="undo" onclick={press(Action::Undo, state.undo.len() == 1)} disabled={!can_undo} ref={undo}
                title="Undo (Ctrl+Z)" aria-keyshortcuts="Control+Z">{ "Undo" }</button>
            <button type="button" id="redo" onclick={press(Action::Redo, state.redo.len() == 1)} disabled={!can_redo} ref={redo}
                title="Redo (Ctrl+Shift+Z)" aria-keyshortcuts="Control+Shift+Z">{ "Redo" }</button>
        </>
    }
}

/// Where the open plan's saving stands, in a few words.
fn save_status(state: &PlannerState) -> &'static str {
    match state.save_state() {
        SaveState::Paused => "Saving paused: see the message above",
        SaveState::Failed => "Not saved: storage is full or blocked",
        SaveState::Saving => "Saving…",
        SaveState::Saved => "Saved in this browser",
    }
}
