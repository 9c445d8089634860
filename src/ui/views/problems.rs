//! Every finding about the plan, each linked to the place that fixes it.
//! "Open" buttons carry the finding's path in `data-open`; the page opens it.

use yew::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub findings: Vec<Diagnostic>,
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
                            html! {
                                <li class={classes!("problem", super::severity_class(d.severity))}>
                                    <span class="severity">{ d.severity.label() }</span>
                                    <div>
                                        <p>{ d.message.clone() }</p>
                                        if !d.hint.is_empty() { <p class="hint">{ d.hint.clone() }</p> }
                                        <p class="path">
                                            <code>{ d.path.clone() }</code>{ " " }
                                            <button type="button" class="link" data-open={d.path.clone()}>{ "Open" }</button>
                                        </p>
                                        { super::fields::fix_button(d) }
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
