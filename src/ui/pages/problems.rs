//! Every finding about the plan, each with a button that opens the place
//! it is about and, where one is obvious, its fix. After a fix the focus
//! moves to the next problem left, so problems can be fixed one after
//! another from the keyboard.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::PageProps;
use crate::plan::diagnostic::{Diagnostic, Severity};
use crate::plan::edit::Edit;
use crate::plan::path_words::in_words;
use crate::review::place::place_of;
use crate::ui::fields::{finding_keys, severity_class, FixButton};
use crate::units::count;

/// The problems to focus after a fix, nearest first: those after the fixed
/// one, then those before it.
type Candidates = Rc<RefCell<Option<Vec<String>>>>;

#[component]
pub fn ProblemsPage(props: &PageProps) -> Html {
    let findings = &props.findings.all;
    let keys = Rc::new(finding_keys(findings));
    let after_fix: Candidates = use_mut_ref(|| None);
    use_focus_after_fix(&keys, &after_fix);
    let of = |s: Severity| findings.iter().filter(|d| d.severity == s).count() as u64;
    html! {
        <section aria-labelledby="problems-heading">
            <h2 id="problems-heading">{ "Problems" }</h2>
            <p class="summary">
                { format!("{} · {} · {}", count(of(Severity::Error), "error", "errors"), count(of(Severity::Warning), "warning", "warnings"), count(of(Severity::Info), "note", "notes")) }
            </p>
            // Focusable by script, so a fix whose problem goes away (the
            // last one included) leaves the focus here.
            <div id="problem-list" tabindex="-1">
                if findings.is_empty() {
                    <p class="empty">{ "No problems found in this plan." }</p>
                } else {
                    <ul class="problems">
                        for (i, d) in findings.iter().enumerate() {
                            { problem(props, d, &keys, i, &after_fix) }
                        }
                    </ul>
                }
            </div>
        </section>
    }
}

/// After a fix, focuses the nearest problem still listed, or the list
/// when none is left, unless the user has moved the focus elsewhere.
#[hook]
fn use_focus_after_fix(keys: &Rc<Vec<String>>, after_fix: &Candidates) {
    let after_fix = after_fix.clone();
    let keys = keys.clone();
    // After every draw, so a fix that changes nothing leaves no request
    // behind for a later change to act on.
    use_effect(move || {
        let Some(candidates) = after_fix.borrow_mut().take() else {
            return;
        };
        let Some(list) = gloo::utils::document().get_element_by_id("problem-list") else {
            return;
        };
        if !focus_left_on(&list) {
            return;
        }
        let next = candidates
            .iter()
            .find_map(|c| keys.iter().position(|k| k == c));
        let item = next.and_then(|n| {
            let selector = format!("li.problem:nth-child({})", n + 1);
            list.query_selector(&selector).ok().flatten()
        });
        if let Ok(target) = item.unwrap_or(list).dyn_into::<web_sys::HtmlElement>() {
            let _ = target.focus();
        }
    });
}

/// Whether the focus is where a Fix button left it: on its problem or the
/// list, or on the page itself when the problem went with the fix.
fn focus_left_on(list: &web_sys::Element) -> bool {
    let document = gloo::utils::document();
    let active = document.active_element();
    let body = document.body().map(web_sys::Element::from);
    active.is_none() || active == body || active.is_some_and(|a| list.contains(Some(&a)))
}

/// The problems nearest the one at `index`: those after it, then those
/// before it, nearest first.
fn nearest(keys: &[String], index: usize) -> Vec<String> {
    let after = keys.iter().skip(index + 1);
    let before = keys.iter().take(index).rev();
    after.chain(before).cloned().collect()
}

/// One finding: its severity, message, hint, path and buttons. The item is
/// focusable by script, for the focus a fix of the one before it moves.
fn problem(
    props: &PageProps,
    d: &Diagnostic,
    keys: &Rc<Vec<String>>,
    index: usize,
    after_fix: &Candidates,
) -> Html {
    let key = keys[index].clone();
    let on_fix = {
        let (on_edit, keys, after_fix) = (props.on_edit.clone(), keys.clone(), after_fix.clone());
        Callback::from(move |edit: Edit| {
            *after_fix.borrow_mut() = Some(nearest(&keys, index));
            on_edit.emit(edit);
        })
    };
    let open = {
        let (on_open, path) = (props.on_open.clone(), d.path.clone());
        let (plan, findings) = (props.plan.clone(), props.findings.clone());
        Callback::from(move |_: MouseEvent| {
            on_open.emit(place_of(&plan, &findings.domains.records, &path))
        })
    };
    html! {
        <li {key} class={classes!("problem", severity_class(d.severity))} tabindex="-1">
            <span class="severity">{ d.severity.label() }</span>
            <div>
                <p>{ d.message.clone() }</p>
                if !d.hint.is_empty() { <p class="hint">{ d.hint.clone() }</p> }
                <p class="path">
                    <span title={d.path.clone()}>{ in_words(Some(&props.plan), &d.path) }</span>{ " " }
                    <button type="button" class="link" onclick={open}>{ "Open" }</button>
                </p>
                <FixButton finding={Rc::new(d.clone())} on_edit={on_fix} />
            </div>
        </li>
    }
}
