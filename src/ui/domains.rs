//! The domains page: a section per lane and one for the brand. The DNS
//! worker renders each section, forms included; `report::Report` turns the
//! forms' changes into edits.

use std::rc::Rc;

use yew::prelude::*;

use crate::answers::DnsAnswer;
use crate::plan::model::Plan;

use super::report::Report;

#[derive(Properties, PartialEq)]
pub struct DomainsPageProps {
    pub plan: Rc<Plan>,
    /// The engine's latest answer; `None` until the first arrives.
    pub answer: Option<Rc<DnsAnswer>>,
    /// A newer answer is being computed.
    #[prop_or_default]
    pub pending: bool,
    #[prop_or_default]
    pub error: Option<String>,
    /// The section to show first: a lane id, or `None` for the brand.
    #[prop_or_default]
    pub open: Option<String>,
    /// Opens what a `data-open` path in the report points at.
    #[prop_or_default]
    pub on_open: Callback<String>,
}

#[component]
pub fn DomainsPage(props: &DomainsPageProps) -> Html {
    let section = use_state(|| props.open.clone());
    {
        let section = section.clone();
        use_effect_with(props.open.clone(), move |open| section.set(open.clone()));
    }
    let plan = &props.plan;
    let chosen = section
        .as_deref()
        .filter(|id| plan.lanes.iter().any(|l| l.id == *id));
    let pick = |value: Option<String>| {
        let section = section.clone();
        Callback::from(move |_: MouseEvent| section.set(value.clone()))
    };
    let html = props.answer.as_ref().and_then(|a| match chosen {
        Some(id) => a
            .lane_html
            .iter()
            .find(|(lane, _)| lane == id)
            .map(|(_, html)| AttrValue::from(html.clone())),
        None => Some(AttrValue::from(a.brand_html.clone())),
    });
    html! {
        <section aria-labelledby="domains-heading" class="domains">
            <h2 id="domains-heading">{ "Domains and authentication" }</h2>
            <p class="muted">{ "Every record is checked here before anything is published: SPF is evaluated over the planned zone, and names outside it count as unknown." }</p>
            <nav class="subnav" aria-label="Domain sections">
                <button type="button" id="domains-brand" aria-current={chosen.is_none().then_some("page")} onclick={pick(None)}>
                    { "Brand, DMARC and zone files" }
                </button>
                for lane in plan.lanes.iter() {
                    <button type="button" id={format!("domains-lane-{}", lane.id)}
                        aria-current={(chosen == Some(lane.id.as_str())).then_some("page")}
                        onclick={pick(Some(lane.id.clone()))}>
                        { lane.name.clone() }
                    </button>
                }
            </nav>
            if let Some(why) = &props.error {
                <p class="finding error" role="alert">{ format!("The DNS checks could not run: {why}. Reload the page to try again.") }</p>
            }
            <p class="visually-hidden" role="status">{ if props.pending { "Rechecking…" } else { "" } }</p>
            <Report {html} on_open={props.on_open.clone()} loading="Loading the DNS checks…" />
        </section>
    }
}
