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
use crate::review::findings::Findings;
use crate::review::place::{finding_place_words, place_of_finding};
use crate::ui::fields::{finding_keys, hint_text, severity_class, FixButton};
use crate::units::count;

/// Set by a fix: the problems listed before the fixed one, by `same`.
type BeforeFix = Rc<RefCell<Option<Vec<String>>>>;

#[component]
pub fn ProblemsPage(props: &PageProps) -> Html {
    let findings = &props.findings.all;
    let keys = Rc::new(finding_keys(findings));
    let after_fix: BeforeFix = use_mut_ref(|| None);
    use_focus_after_fix(&props.findings, &after_fix);
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
fn use_focus_after_fix(findings: &Rc<Findings>, after_fix: &BeforeFix) {
    let (findings, after_fix) = (findings.clone(), after_fix.clone());
    // After every draw, so a fix that changes nothing leaves no request
    // behind for a later change to act on.
    use_effect(move || {
        let Some(before) = after_fix.borrow_mut().take() else {
            return;
        };
        let Some(list) = gloo::utils::document().get_element_by_id("problem-list") else {
            return;
        };
        if !focus_left_on(&list) {
            return;
        }
        let now: Vec<String> = findings.all.iter().map(same).collect();
        let item = next_after_fix(&before, &now).and_then(|n| {
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

/// What tells a problem from the others across a fix: its code and path.
/// Its message may change with the fix (a count, a name), and then it is
/// still the same problem.
pub fn same(d: &Diagnostic) -> String {
    format!("{} {}", d.code, d.path)
}

/// The problem to focus after a fix, in the list as it is `now`, given
/// the problems listed `before` the fixed one: the first one from the
/// fixed one's place on that was not before it, which is the one that took
/// its place even when the fix changed its message; else the last one.
pub fn next_after_fix(before: &[String], now: &[String]) -> Option<usize> {
    let kept = before.iter().filter(|b| now.contains(b)).count();
    now.iter()
        .enumerate()
        .skip(kept)
        .find(|(_, n)| !before.contains(n))
        .map(|(i, _)| i)
        .or_else(|| now.len().checked_sub(1))
}

/// One finding: its severity, message, hint, path and buttons. The item is
/// focusable by script, for the focus a fix of the one before it moves.
fn problem(
    props: &PageProps,
    d: &Diagnostic,
    keys: &Rc<Vec<String>>,
    index: usize,
    after_fix: &BeforeFix,
) -> Html {
    let key = keys[index].clone();
    let on_fix = {
        let (on_edit, after_fix) = (props.on_edit.clone(), after_fix.clone());
        let findings = props.findings.clone();
        Callback::from(move |edit: Edit| {
            *after_fix.borrow_mut() = Some(findings.all[..index].iter().map(same).collect());
            on_edit.emit(edit);
        })
    };
    let open = {
        let (on_open, plan, findings) = (
            props.on_open.clone(),
            props.plan.clone(),
            props.findings.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = findings.all.get(index) {
                on_open.emit(place_of_finding(&plan, &findings.domains.records, d))
            }
        })
    };
    let place = finding_place_words(&props.plan, d);
    // Alike findings (one per lane) have alike buttons: each button is
    // described by its finding's message, which names the lane.
    let message = AttrValue::from(format!("problem-{index}"));
    html! {
        <li {key} class={classes!("problem", severity_class(d.severity))} tabindex="-1">
            <span class="severity">{ d.severity.label() }</span>
            <div>
                <p id={message.clone()}>{ d.message.clone() }</p>
                if !d.hint.is_empty() { <p class="hint">{ hint_text(&d.hint) }</p> }
                <p class="path">
                    <span title={d.path.clone()}>{ place.clone() }</span>{ " " }
                    // Named by its place, so a list of them reads apart.
                    <button type="button" class="link" onclick={open} aria-label={format!("Open {place}")}
                        aria-describedby={message.clone()}>{ "Open" }</button>
                </p>
                <FixButton finding={Rc::new(d.clone())} on_edit={on_fix} described_by={message} />
            </div>
        </li>
    }
}
