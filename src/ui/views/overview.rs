//! The overview: lanes side by side with their journeys, volume and share.
//! Lane names are buttons with `data-open` set to the lane's path, which
//! the page opens.

use std::rc::Rc;

use yew::prelude::*;

use crate::plan::model::Plan;
use crate::plan::routing::{lane_loads, Routing};
use crate::units::{fixed, group};

/// Colours for lanes by position; the stylesheet defines `lane-color-N`.
pub fn lane_color(index: usize) -> String {
    format!("lane-color-{}", index % 6)
}

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub plan: Rc<Plan>,
    pub routing: Rc<Routing>,
    /// Findings about the brand's fields (`$.brand…`).
    #[prop_or_default]
    pub findings: Vec<crate::diagnostic::Diagnostic>,
}

/// The brand's name, primary domain and notes.
fn brand_form(plan: &Plan, findings: &[crate::diagnostic::Diagnostic]) -> Html {
    use super::fields::{text_field, FieldSpec};
    let at = |path: &str| super::findings_at(findings, path);
    html! {
        <section class="card brand-form" id="brand" tabindex="-1" aria-labelledby="brand-heading">
            <h2 id="brand-heading">{ "Brand" }</h2>
            <div class="grid-3">
                { text_field(FieldSpec { id: Some("brand-name".into()), key: "brand:name".into(), label: "Brand name",
                    value: plan.brand.name.clone(), help: "", findings: at("$.brand.name") }) }
                { text_field(FieldSpec { id: Some("brand-domain".into()), key: "brand:primary_domain".into(), label: "Primary domain",
                    value: plan.brand.primary_domain.clone(), help: "New lanes get subdomains of it, such as receipts.brand.com.",
                    findings: at("$.brand.primary_domain") }) }
                <div class="field">
                    <label for="plan-notes">{ "Notes" }</label>
                    <textarea id="plan-notes" rows="3" data-edit="notes" value={plan.notes.clone()} />
                </div>
            </div>
        </section>
    }
}

/// Lanes as columns, each with its share of volume and its journeys.
#[component]
pub fn Overview(props: &OverviewProps) -> Html {
    let plan = &props.plan;
    let loads = lane_loads(plan, &props.routing);
    let total = plan.total_daily_volume();
    let journey = |id: &str| plan.journeys.iter().find(|j| j.id == id);
    let mut offset = 0.0;
    html! {
        <>
        { brand_form(plan, &props.findings) }
        <section aria-labelledby="overview-heading">
            <h2 id="overview-heading">{ "Lanes at a glance" }</h2>
            <p class="summary">
                { format!("{} lanes · {} journeys · {} messages a day", plan.lanes.len(), plan.journeys.len(), group(total)) }
            </p>
            <svg class="share-bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img"
                aria-label="Share of daily volume by lane">
                for (index, load) in loads.iter().enumerate() {
                    {{
                        let x = offset;
                        offset += load.share_percent;
                        let name = load.lane_id.as_deref().map_or("Unrouted", |id| plan.lane_name(id));
                        html! {
                            <rect x={fixed(x, 3)} y="0" width={fixed(load.share_percent, 3)} height="6"
                                class={if load.lane_id.is_some() { lane_color(index) } else { "unrouted".to_string() }}>
                                <title>{ format!("{name}: {}%", fixed(load.share_percent, 1)) }</title>
                            </rect>
                        }
                    }}
                }
            </svg>
            <div class="lane-columns">
                for (index, load) in loads.iter().enumerate() {
                    {{
                        let lane = load.lane_id.as_deref().and_then(|id| plan.lane(id));
                        let path = load.lane_id.as_deref()
                            .and_then(|id| plan.lanes.iter().position(|l| l.id == id))
                            .map(|i| format!("$.lanes[{i}]"));
                        html! {
                            <article class={classes!("lane-column", lane.is_none().then_some("unrouted-column"))}
                                aria-label={lane.map_or("Unrouted journeys".to_string(), |l| format!("Lane {}", l.name))}>
                                <header class={classes!("lane-head", if lane.is_some() { lane_color(index) } else { "unrouted".to_string() })}>
                                    if let Some(lane) = lane {
                                        <h3><button type="button" class="link" data-open={path}>{ lane.name.clone() }</button></h3>
                                        <p class="chips">
                                            <span class="chip">{ lane.purpose.label() }</span>
                                            <span class={classes!("chip", format!("status-{}", super::enum_key(lane.status)))}>{ lane.status.label() }</span>
                                        </p>
                                        <p class="muted">{ format!("{} · {}", if lane.sending_domain.is_empty() { "no domain yet" } else { lane.sending_domain.as_str() }, lane.smtp.provider.label()) }</p>
                                    } else {
                                        <h3>{ "Unrouted" }</h3>
                                        <p class="muted">{ "Journeys whose lane is missing" }</p>
                                    }
                                </header>
                                <p class="volume">
                                    <strong>{ group(load.daily_volume) }</strong>{ " / day" }
                                    <span class="share">{ format!("{}% of volume", fixed(load.share_percent, 1)) }</span>
                                </p>
                                <svg class="mini-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">
                                    <rect x="0" y="0" width="100" height="4" class="track" />
                                    <rect x="0" y="0" width={fixed(load.share_percent, 3)} height="4"
                                        class={if lane.is_some() { lane_color(index) } else { "unrouted".to_string() }} />
                                </svg>
                                if load.journeys.is_empty() {
                                    <p class="muted empty">{ "No journeys routed here." }</p>
                                } else {
                                    <ul class="journey-list">
                                        for id in load.journeys.iter() {
                                            if let Some(j) = journey(id) {
                                                <li>
                                                    <span>{ j.name.clone() }</span>
                                                    <span class="num">{ group(u64::from(j.daily_volume)) }</span>
                                                </li>
                                            }
                                        }
                                    </ul>
                                }
                            </article>
                        }
                    }}
                }
            </div>
            { assessment(plan) }
        </section>
        </>
    }
}

/// "Should you split at all?", from the plan's numbers.
fn assessment(plan: &Plan) -> Html {
    let a = crate::review::assess::assess(plan);
    html! {
        <section aria-labelledby="assessment-heading" class="assessment">
            <h3 id="assessment-heading">{ "Should you split at all?" }</h3>
            <p class={classes!("verdict", a.split.then_some("split"))}>{ a.verdict.clone() }</p>
            <table class="situations">
                <thead><tr><th scope="col">{ "Situation" }</th><th scope="col">{ "Judgement" }</th><th scope="col">{ "From the plan" }</th></tr></thead>
                <tbody>
                    for s in a.situations.iter() {
                        <tr class={format!("strength-{}", super::enum_key(s.strength))}>
                            <th scope="row">{ s.title.clone() }</th>
                            <td>{ s.strength.label() }</td>
                            <td>{ s.evidence.clone() }</td>
                        </tr>
                    }
                </tbody>
            </table>
            <p class="check">
                <input type="checkbox" id="migrating-esp" checked={plan.checklist.migrating_esp} data-edit="checklist:migrating_esp" />
                <label for="migrating-esp">{ "We are migrating from another ESP" }</label>
            </p>
            if !a.start_with.is_empty() {
                <h4>{ "Start with" }</h4>
                <ol class="start-with">
                    for s in a.start_with.iter() {
                        <li>
                            <strong>{ s.purpose.label() }</strong>
                            { if s.in_plan { " (in the plan) " } else { " (not in the plan yet) " } }
                            { s.why.clone() }
                        </li>
                    }
                </ol>
            }
            for r in a.remarks.iter() { <p class="finding info">{ r.clone() }</p> }
        </section>
    }
}
