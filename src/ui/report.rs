//! Hosts HTML that the engine worker rendered, and acts on it: `data-open`
//! buttons open a path in the plan, `data-copy` copies the text of the
//! element it names, `data-download` offers the text of the element named by
//! `data-source` as a file, a `data-action` button is an edit (or shows a
//! confirmation), and a change in a `data-edit` field becomes an edit of the
//! plan.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::context::{use_planner, PlannerHandle};
use super::engine::Editor;
use super::files::download;
use crate::plan::state::Action;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    /// The engine's HTML; `None` until its first answer.
    pub html: Option<AttrValue>,
    pub on_open: Callback<String>,
    pub loading: AttrValue,
    /// Changes of the page's view state: (`data-view` key, value).
    #[prop_or_default]
    pub on_view: Callback<(String, String)>,
    /// `data-monitor` buttons: actions for the monitoring worker.
    #[prop_or_default]
    pub on_monitor: Callback<String>,
}

/// The report, or a loading line until the engine's first answer. New HTML
/// replaces the old in one step that also puts the focus back in the field
/// that had it, with the text typed there and not yet committed and its
/// selection, so no keystroke falls between the two.
#[component]
pub fn Report(props: &ReportProps) -> Html {
    let planner = use_planner();
    let editor = use_context::<Editor>();
    let node = use_node_ref();
    // The field whose value was last committed: it comes back in the new
    // HTML, so what it held is not copied over.
    let committed = use_mut_ref(|| None::<Element>);
    {
        let (node, committed) = (node.clone(), committed.clone());
        use_effect_with(props.html.clone(), move |html| {
            let (Some(container), Some(html), Some(document)) = (
                node.cast::<Element>(),
                html.as_ref(),
                web_sys::window().and_then(|w| w.document()),
            ) else {
                return;
            };
            let active = document
                .active_element()
                .filter(|el| container.contains(Some(el)) && !el.id().is_empty());
            container.set_inner_html(html);
            if let Some(old) = active {
                let keep_text = committed.borrow().as_ref() != Some(&old);
                restore(&document, &old, keep_text);
            }
        });
    }
    let Some(_) = props.html.as_ref() else {
        return html! { <p class="empty" role="status">{ props.loading.clone() }</p> };
    };
    let onclick = {
        let on_open = props.on_open.clone();
        let on_view = props.on_view.clone();
        let on_monitor = props.on_monitor.clone();
        let (planner, editor) = (planner.clone(), editor.clone());
        Callback::from(move |e: MouseEvent| {
            let monitor = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|t| t.closest("button[data-monitor]").ok().flatten())
                .and_then(|b| b.get_attribute("data-monitor"));
            match monitor {
                Some(action) => on_monitor.emit(action),
                None => on_click(e, &on_open, &on_view, &planner, editor.as_ref()),
            }
        })
    };
    let on_view = props.on_view.clone();
    // Typing after a commit makes the field's text worth keeping again.
    let oninput = {
        let committed = committed.clone();
        Callback::from(move |_: InputEvent| *committed.borrow_mut() = None)
    };
    let onchange = {
        let editor = editor.clone();
        Callback::from(move |e: Event| {
            let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            *committed.borrow_mut() = Some(el.clone());
            let _ = el.remove_attribute("data-typed");
            if let Some(key) = el.get_attribute("data-view") {
                if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
                    on_view.emit((key, select.value()));
                }
                return;
            }
            if let (Some((key, value)), Some(editor)) = (field_value(&el), &editor) {
                editor.send("field", key, value, String::new());
            }
        })
    };
    // Text restored into a redrawn field was typed, not set: the browser
    // fires no change for it, so leaving the field commits it here.
    let onfocusout = Callback::from(move |e: FocusEvent| {
        let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        if el.has_attribute("data-typed") {
            let _ = el.remove_attribute("data-typed");
            if let (Some((key, value)), Some(editor)) = (field_value(&el), &editor) {
                editor.send("field", key, value, String::new());
            }
        }
    });
    html! { <div class="report" ref={node} {onclick} {onchange} {oninput} {onfocusout}></div> }
}

/// A `data-edit` field's key and value (`"true"`/`"false"` for a box).
fn field_value(el: &Element) -> Option<(String, String)> {
    let key = el.get_attribute("data-edit")?;
    let value = if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        if input.type_() == "checkbox" {
            input.checked().to_string()
        } else {
            input.value()
        }
    } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else {
        el.dyn_ref::<HtmlTextAreaElement>()?.value()
    };
    Some((key, value))
}

/// A `data-action` button: printing, showing or hiding a confirmation
/// beside it, or an edit of the plan.
fn act(button: &Element, action: &str, editor: Option<&Editor>) {
    let document = web_sys::window().and_then(|w| w.document());
    match action {
        "print" => {
            if let Some(window) = web_sys::window() {
                let _ = window.print();
            }
        }
        "confirm-show" | "confirm-hide" => {
            let group = button.parent_element();
            let confirm = group
                .as_ref()
                .and_then(|g| g.query_selector(".confirm").ok().flatten());
            if let Some(confirm) = confirm {
                let show = action == "confirm-show";
                let _ = confirm.toggle_attribute_with_force("hidden", !show);
                // Focus follows: to the confirming button, or back.
                let next = if show {
                    confirm.query_selector("button").ok().flatten()
                } else {
                    group.and_then(|g| {
                        g.query_selector("[data-action=confirm-show]")
                            .ok()
                            .flatten()
                    })
                };
                if let Some(el) = next.and_then(|el| el.dyn_into::<HtmlElement>().ok()) {
                    let _ = el.focus();
                }
            }
        }
        _ => {
            let purpose = document
                .and_then(|d| d.get_element_by_id("new-lane-purpose"))
                .and_then(|el| el.dyn_into::<HtmlSelectElement>().ok())
                .map(|select| select.value())
                .unwrap_or_default();
            if let Some(editor) = editor {
                editor.send("button", action.to_string(), String::new(), purpose);
            }
        }
    }
}

/// Puts the focus on the new field with `old`'s id, with `old`'s text (when
/// `keep_text`) and selection.
fn restore(document: &web_sys::Document, old: &Element, keep_text: bool) {
    let Some(new) = document.get_element_by_id(&old.id()) else {
        return;
    };
    if let Some(el) = new.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
    let (text, (start, end)) = selection(old);
    let text = text.filter(|_| keep_text);
    // Typed text that differs from the redrawn value is marked, so that
    // leaving the field commits it (see `onfocusout`).
    let mark = |shown: String| {
        if text.as_ref().is_some_and(|t| *t != shown) {
            let _ = new.set_attribute("data-typed", "");
        }
    };
    if let Some(input) = new.dyn_ref::<HtmlInputElement>() {
        if !matches!(input.type_().as_str(), "checkbox" | "radio") {
            mark(input.value());
            if let Some(text) = &text {
                input.set_value(text);
            }
            let _ = input.set_selection_range(start, end);
        }
    } else if let Some(area) = new.dyn_ref::<HtmlTextAreaElement>() {
        mark(area.value());
        if let Some(text) = &text {
            area.set_value(text);
        }
        let _ = area.set_selection_range(start, end);
    }
}

/// A text field's value and selection.
fn selection(el: &Element) -> (Option<String>, (u32, u32)) {
    let range = |start: Option<u32>, end: Option<u32>| {
        let start = start.unwrap_or(0);
        (start, end.unwrap_or(start))
    };
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        let r = range(
            input.selection_start().ok().flatten(),
            input.selection_end().ok().flatten(),
        );
        (Some(input.value()), r)
    } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
        let r = range(
            area.selection_start().ok().flatten(),
            area.selection_end().ok().flatten(),
        );
        (Some(area.value()), r)
    } else {
        (None, (0, 0))
    }
}

fn on_click(
    event: MouseEvent,
    on_open: &Callback<String>,
    on_view: &Callback<(String, String)>,
    planner: &PlannerHandle,
    editor: Option<&Editor>,
) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Ok(Some(button)) = target.closest(
        "button[data-open], button[data-copy], button[data-download], button[data-action], button[data-open-journey], button[data-fix]",
    ) else {
        return;
    };
    if apply_fix(&button, editor) {
        return;
    }
    if let Some(id) = button.get_attribute("data-open-journey") {
        on_view.emit(("journeys.open".into(), id));
        return;
    }
    if button.get_attribute("data-action").as_deref() == Some("journey-add") {
        // The reducer names new journeys journey-N; open the one it adds.
        let plan = planner.state().plan();
        let id =
            crate::plan::model::fresh_id("journey", plan.journeys.iter().map(|j| j.id.as_str()));
        planner.dispatch(Action::Edit(crate::plan::state::Edit::AddJourney));
        on_view.emit(("journeys.open".into(), id));
        return;
    }
    if let Some(path) = button.get_attribute("data-open") {
        on_open.emit(path);
        return;
    }
    if let Some(action) = button.get_attribute("data-action") {
        act(&button, &action, editor);
        return;
    }
    let text_of = |id: Option<String>| {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id?))
            .and_then(|el| el.text_content())
    };
    if let Some(file) = button.get_attribute("data-download") {
        let failed = match text_of(button.get_attribute("data-source")) {
            Some(text) => download(&file, "text/plain", &text).err(),
            None => Some("the file's text is missing".into()),
        };
        if let Some(why) = failed {
            button.set_text_content(Some(&format!("Download failed: {why}")));
        }
        return;
    }
    let (Some(text), Some(window)) = (
        text_of(button.get_attribute("data-copy")),
        web_sys::window(),
    ) else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        let copied = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        button.set_text_content(Some(if copied {
            "Copied"
        } else {
            "Copy failed: select and copy"
        }));
    });
}

/// A finding's `data-fix` button: its edits, applied as one undo step.
fn apply_fix(button: &Element, editor: Option<&Editor>) -> bool {
    let Some(edits) = button.get_attribute("data-fix") else {
        return false;
    };
    if let Some(editor) = editor {
        editor.send("fix", String::new(), edits, String::new());
    }
    true
}

#[derive(Properties, PartialEq)]
pub struct DelegateProps {
    pub on_open: Callback<String>,
    pub children: Html,
}

/// Components of `views` rendered here, whose `data-open` buttons open
/// the place a finding names and whose `data-fix` buttons apply its fix.
#[component]
pub fn Delegate(props: &DelegateProps) -> Html {
    let on_open = props.on_open.clone();
    let editor = use_context::<Editor>();
    let onclick = Callback::from(move |e: MouseEvent| {
        let Some(button) = e
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| {
                t.closest("button[data-open], button[data-fix]")
                    .ok()
                    .flatten()
            })
        else {
            return;
        };
        if apply_fix(&button, editor.as_ref()) {
            return;
        }
        if let Some(path) = button.get_attribute("data-open") {
            on_open.emit(path);
        }
    });
    html! { <div class="report" {onclick}>{ props.children.clone() }</div> }
}
