//! Every finding about the plan, each linked to the place that fixes it.

use std::rc::Rc;

use yew::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};

use super::fields::severity_class;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub findings: Rc<Vec<Diagnostic>>,
    /// Opens the place a JSON path points at.
    #[prop_or_default]
    pub on_open: Callback<String>,
}

#[component]
pub fn Problems(props: &ProblemsProps) -> Html {
    let count = |s: Severity| props.findings.iter().filter(|d| d.severity == s).count();
    html! {
        <section aria-labelledby="problems-heading">
            <h2 id="problems-heading">{ "Problems" }</h2>
            <p class="summary">
                { format!("{} errors · {} warnings · {} notes", count(Severity::Error), count(Severity::Warning), count(Severity::Info)) }
            </p>
            if props.findings.is_empty() {
                <p class="empty">{ "No problems found in this plan." }</p>
            } else {
                <ul class="problems">
                    for d in props.findings.iter() {
                        {{
                            let open = { let cb = props.on_open.clone(); let path = d.path.clone(); Callback::from(move |_| cb.emit(path.clone())) };
                            html! {
                                <li class={classes!("problem", severity_class(d))}>
                                    <span class="severity">{ d.severity.label() }</span>
                                    <div>
                                        <p>{ d.message.clone() }</p>
                                        if !d.hint.is_empty() { <p class="hint">{ d.hint.clone() }</p> }
                                        <p class="path">
                                            <code>{ d.path.clone() }</code>{ " " }
                                            <button type="button" class="link" onclick={open}>{ "Open" }</button>
                                        </p>
                                    </div>
                                </li>
                            }
                        }}
                    }
                </ul>
            }
        </section>
    }
}
