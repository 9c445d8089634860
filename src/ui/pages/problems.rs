//! Every finding about the plan, each with a button that opens the place
//! it is about and, where one is obvious, its fix.

use std::rc::Rc;

use yew::prelude::*;

use super::PageProps;
use crate::plan::diagnostic::{Diagnostic, Severity};
use crate::review::place::place_of;
use crate::ui::fields::{finding_keys, severity_class, FixButton};
use crate::units::count;

#[component]
pub fn ProblemsPage(props: &PageProps) -> Html {
    let findings = &props.findings.all;
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
                        for (d, key) in findings.iter().zip(finding_keys(findings)) {
                            { problem(props, d, key) }
                        }
                    </ul>
                }
            </div>
        </section>
    }
}

/// One finding: its severity, message, hint, path and buttons.
fn problem(props: &PageProps, d: &Diagnostic, key: String) -> Html {
    let open = {
        let (on_open, path) = (props.on_open.clone(), d.path.clone());
        let (plan, findings) = (props.plan.clone(), props.findings.clone());
        Callback::from(move |_: MouseEvent| {
            on_open.emit(place_of(&plan, &findings.domains.records, &path))
        })
    };
    html! {
        <li {key} class={classes!("problem", severity_class(d.severity))}>
            <span class="severity">{ d.severity.label() }</span>
            <div>
                <p>{ d.message.clone() }</p>
                if !d.hint.is_empty() { <p class="hint">{ d.hint.clone() }</p> }
                <p class="path">
                    <code>{ d.path.clone() }</code>{ " " }
                    <button type="button" class="link" onclick={open}>{ "Open" }</button>
                </p>
                <FixButton finding={Rc::new(d.clone())} on_edit={props.on_edit.clone()} />
            </div>
        </li>
    }
}
