//! The domains page: a section for the brand (the DMARC plan, optional
//! records, pasted existing records, the rollout and the zone files) and
//! one per lane (its identities, records, SPF verdicts, alignment and
//! mailbox-provider requirements). Everything shown comes from the DNS
//! report the shell derives with the plan's findings.
use yew::prelude::*;

use super::published::PublishedDns;
use super::PageProps;
use crate::dns::report::{DomainsReport, RecordView};
use crate::plan::diagnostic::{lane_checks, lane_of_checks, Diagnostic};
use crate::plan::model::Plan;
use crate::review::place::Place;
use crate::ui::kept::Kept;
use crate::ui::live_dns::LiveDnsHandle;

mod brand;
mod lane;
mod records;

pub use brand::{BrandReport, BrandSection, BrandSectionProps};
pub use lane::{LaneSection, LaneSectionProps};

/// The section the page showed last, kept by the shell so that a visit to
/// another tab comes back to it: `None` for the brand, or a lane's id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DomainsSection {
    pub lane: Option<String>,
}

/// The page: the section navigation and the chosen section. The section is
/// `None` for the brand or a lane's id; a focus request opens the section
/// it names, else the page opens on the one it showed last.
#[component]
pub fn DomainsPage(props: &PageProps) -> Html {
    let kept = use_context::<Kept<DomainsSection>>();
    let section = use_state_eq(|| {
        let focused = (props.focus.as_ref()).and_then(|f| section_for(&props.plan, &f.place));
        let last = kept.as_ref().and_then(|k| k.get().lane);
        focused.unwrap_or(last)
    });
    use_effect_with((*section).clone(), move |lane| {
        if let Some(kept) = kept {
            kept.set(DomainsSection { lane: lane.clone() });
        }
    });
    {
        let (section, plan) = (section.clone(), props.plan.clone());
        use_effect_with(props.focus.clone(), move |focus| {
            if let Some(chosen) = focus.as_ref().and_then(|f| section_for(&plan, &f.place)) {
                section.set(chosen);
            }
        });
    }
    let live = use_context::<LiveDnsHandle>();
    let plan = &props.plan;
    // A lane deleted while its section was open leaves the brand's.
    let chosen = section
        .as_deref()
        .and_then(|id| plan.lanes.iter().position(|l| l.id == id));
    let pick = |value: Option<String>| {
        let section = section.clone();
        Callback::from(move |_: MouseEvent| section.set(value.clone()))
    };
    html! {
        <section aria-labelledby="domains-heading" class="domains">
            <h2 id="domains-heading">{ "Domains and authentication" }</h2>
            <p class="muted">{ "Every record is checked here before anything is published: SPF is evaluated over the planned zone, and names outside it count as unknown." }</p>
            <nav class="subnav" aria-label="Domain sections">
                <button type="button" id="domains-brand" aria-current={chosen.is_none().then_some("page")} onclick={pick(None)}>
                    { "Brand, DMARC and zone files" }
                </button>
                for (i, lane) in plan.lanes.iter().enumerate() {
                    <button type="button" key={lane.id.clone()} id={format!("domains-lane-{}", lane.id)}
                        aria-current={(chosen == Some(i)).then_some("page")}
                        onclick={pick(Some(lane.id.clone()))}>
                        { lane.name.clone() }
                    </button>
                }
            </nav>
            <div class="report">
                { match chosen {
                    Some(index) => lane_section(props, index),
                    None => brand_section(props),
                } }
            </div>
            if let Some(live) = &live {
                { published(live, chosen.map(|i| plan.lanes[i].id.clone())) }
            }
        </section>
    }
}

/// The published-DNS card for the brand's records or a lane's, when the
/// shell provides the check (it does not in tests of the page alone).
fn published(live: &LiveDnsHandle, lane: Option<String>) -> Html {
    let state = &*live.state;
    let (on, choose, check) = (live.clone(), live.clone(), live.clone());
    html! {
        <PublishedDns lane={lane.map(AttrValue::from)} enabled={state.enabled} provider={state.provider}
            running={state.running.clone()} report={live.report.clone()} blocked={state.blocked.clone()}
            on_enable={Callback::from(move |v: bool| on.enable(v))}
            on_provider={Callback::from(move |p| choose.choose(p))}
            on_check={Callback::from(move |_: ()| check.check())} />
    }
}

/// The section a focus request names: `Some(None)` for the brand,
/// `Some(Some(lane))` for a lane the plan has, and `None` for anything
/// else, which leaves the section as it is.
fn section_for(plan: &Plan, place: &Place) -> Option<Option<String>> {
    match place {
        Place::Domains(Some(id)) => plan.lane(id).map(|l| Some(l.id.clone())),
        Place::DnsBrand | Place::DmarcField(_) | Place::ExtrasField(_) | Place::ExistingRecords => {
            Some(None)
        }
        _ => None,
    }
}

/// The brand section's props: the DNS findings no lane owns, and the
/// validation findings about the DMARC plan and the optional records.
fn brand_section(props: &PageProps) -> Html {
    let (plan, report) = (&props.plan, &props.findings.domains);
    let lane_owned = |path: &str| {
        lane_of_checks(path).is_some()
            || report
                .records
                .iter()
                .any(|r| r.lane.is_some() && r.name == path)
    };
    let findings: Vec<Diagnostic> = report
        .findings
        .iter()
        .filter(|d| !lane_owned(&d.path))
        .cloned()
        .collect();
    let field_findings: Vec<Diagnostic> = props
        .findings
        .fields
        .iter()
        .filter(|d| d.path.starts_with("$.dmarc") || d.path.starts_with("$.extras"))
        .cloned()
        .collect();
    html! {
        <BrandSection dmarc={plan.dmarc.clone()} extras={plan.extras.clone()}
            existing={plan.existing_records.clone()} {field_findings} {findings}
            report={brand_report(report)} on_edit={props.on_edit.clone()} />
    }
}

/// The parts of the DNS report the brand section shows.
fn brand_report(report: &DomainsReport) -> BrandReport {
    BrandReport {
        rollout: report.rollout.clone(),
        skipped: report.skipped.clone(),
        mta_sts_policy: report.mta_sts_policy.clone(),
        existing_count: report.existing_count,
        existing_findings: report.existing_findings.clone(),
        zone_files: report.zone_files.clone(),
        stage: report.stage.clone(),
    }
}

/// The lane section's props: the lane's records, the DNS findings about
/// the lane or its records, and the validation findings about its fields.
fn lane_section(props: &PageProps, index: usize) -> Html {
    let (lane, report) = (&props.plan.lanes[index], &props.findings.domains);
    let records: Vec<RecordView> = report
        .records
        .iter()
        .filter(|r| r.lane.as_deref() == Some(lane.id.as_str()))
        .cloned()
        .collect();
    let own = lane_checks(&lane.id);
    let findings: Vec<Diagnostic> = report
        .findings
        .iter()
        .filter(|d| d.path == own || records.iter().any(|r| r.name == d.path))
        .cloned()
        .collect();
    // The DNS checks' findings about a field (a Return-Path where the
    // company's mail lives, one Mailgun does not use) show at it too.
    let prefix = format!("$.lanes[{index}].");
    let field_findings: Vec<Diagnostic> = (props.findings.all.iter())
        .filter(|d| d.path.starts_with(&prefix))
        .cloned()
        .collect();
    let view = report.lanes.iter().find(|v| v.lane_id == lane.id).cloned();
    let plan_rows = (props.findings.sender_rules.iter())
        .find(|r| r.lane == lane.id)
        .map(|r| r.rows.clone())
        .unwrap_or_default();
    html! {
        <LaneSection key={lane.id.clone()} lane={lane.clone()} {index} {view} {records}
            {findings} {field_findings} {plan_rows} on_edit={props.on_edit.clone()} />
    }
}
