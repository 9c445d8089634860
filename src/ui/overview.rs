//! The overview page: the brand form above the engine's overview of lanes.

use std::rc::Rc;

use yew::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Plan;
use crate::state::Edit;

use super::context::use_planner;
use super::fields::{findings_at, TextField};

#[derive(Properties, PartialEq)]
pub struct OverviewPageProps {
    pub plan: Rc<Plan>,
    pub findings: Rc<Vec<Diagnostic>>,
    /// The engine's overview, as HTML; `None` while it loads.
    pub report: Option<AttrValue>,
    /// Opens what a `data-open` path in the report points at.
    pub on_open: Callback<String>,
}

#[component]
pub fn OverviewPage(props: &OverviewPageProps) -> Html {
    let planner = use_planner();
    let edit = planner.on_edit();
    let plan = &props.plan;
    let at = |path: &str| {
        findings_at(&props.findings, path)
            .cloned()
            .collect::<Vec<_>>()
    };
    let commit = |make: fn(String) -> Edit| {
        let edit = edit.clone();
        Callback::from(move |value: String| edit.emit(make(value)))
    };
    html! {
        <>
            <section class="card brand-form" id="brand" tabindex="-1" aria-labelledby="brand-heading">
                <h2 id="brand-heading">{ "Brand" }</h2>
                <div class="grid-3">
                    <TextField id="brand-name" label="Brand name" value={plan.brand.name.clone()}
                        on_commit={commit(Edit::SetBrandName)} findings={at("$.brand.name")} />
                    <TextField id="brand-domain" label="Primary domain" value={plan.brand.primary_domain.clone()}
                        placeholder="brand.com" help="New lanes get subdomains of it, such as receipts.brand.com."
                        on_commit={commit(Edit::SetPrimaryDomain)} findings={at("$.brand.primary_domain")} />
                    <TextField id="plan-notes" label="Notes" value={plan.notes.clone()} multiline=true
                        on_commit={commit(Edit::SetNotes)} />
                </div>
            </section>
            <super::report::Report html={props.report.clone()} on_open={props.on_open.clone()} loading="Loading the overview…" />
        </>
    }
}
