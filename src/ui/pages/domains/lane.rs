//! A lane's section: its identities, records, SPF verdicts, alignment and
//! mailbox-provider requirements.

use yew::prelude::*;

use super::records::RecordTable;
use crate::dns::checks::Status;
use crate::dns::plan::default_selector;
use crate::dns::report::{LaneView, RecordView, RequirementView};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, LaneField};
use crate::plan::model::Lane;
use crate::ui::fields::{Field, FindingList, InputKind};
use crate::ui::pages::published::spf_verdicts;

#[derive(Properties, PartialEq)]
pub struct LaneSectionProps {
    pub lane: Lane,
    /// The lane's place in the plan, which validation's paths name.
    pub index: usize,
    /// The checks; `None` while the lane has no valid sending domain.
    pub view: Option<LaneView>,
    pub records: Vec<RecordView>,
    /// The DNS findings about the lane or its records.
    pub findings: Vec<Diagnostic>,
    /// Findings about the plan's fields (`$.lanes[i].…`).
    pub field_findings: Vec<Diagnostic>,
    /// The bulk-sender rows the plan's mail and preferences decide.
    #[prop_or_default]
    pub plan_rows: Vec<RequirementView>,
    pub on_edit: Callback<Edit>,
}

/// One lane: its identity fields, then its records and checks.
#[component]
pub fn LaneSection(props: &LaneSectionProps) -> Html {
    let form = lane_form(props);
    let Some(view) = &props.view else {
        return html! {
            <div class="lane-report">
                { form }
                <p class="empty">{ "Give the lane a valid sending domain to plan its records." }</p>
            </div>
        };
    };
    html! {
        <div class="lane-report">
            { form }
            <section class="card" aria-labelledby="records-heading">
                <h3 id="records-heading">{ format!("{}: records to publish", props.lane.name) }</h3>
                <RecordTable records={props.records.clone()} prefix={format!("rec-{}", view.lane_id)} />
            </section>
            { lane_spf_verdicts(view) }
            { alignment(view) }
            { requirements(view, &props.plan_rows) }
            <section class="card" aria-labelledby="lane-findings-heading">
                <h3 id="lane-findings-heading">{ "Findings" }</h3>
                <FindingList findings={props.findings.clone()} empty="No findings for this lane's records."
                    on_edit={props.on_edit.clone()} />
            </section>
        </div>
    }
}

/// One of the lane's identity fields: its name in the plan, label, help,
/// input kind, value and the edit its text makes.
struct LaneInput {
    name: &'static str,
    label: &'static str,
    help: AttrValue,
    kind: InputKind,
    value: String,
    set: fn(String) -> LaneField,
}

/// The lane's identities: the names its records are planned for.
fn lane_form(props: &LaneSectionProps) -> Html {
    let lane = &props.lane;
    let inputs = [
        LaneInput {
            name: "sending_domain",
            label: "Sending domain",
            help: sending_help(&lane.sending_domain),
            kind: InputKind::Text,
            value: lane.sending_domain.clone(),
            set: LaneField::SendingDomain,
        },
        LaneInput {
            name: "from_address",
            label: "From address",
            help: AttrValue::default(),
            kind: InputKind::Email,
            value: lane.from_address.clone(),
            set: LaneField::FromAddress,
        },
        LaneInput {
            name: "return_path_domain",
            label: "Return-Path (bounce) domain",
            help: match crate::ui::pages::lanes::bounce_help(lane) {
                "" => "SPF is checked on this domain. Left empty, it is “bounce.” followed by the sending domain.",
                help => help,
            }
            .into(),
            kind: InputKind::Text,
            value: lane.return_path_domain.clone(),
            set: LaneField::ReturnPathDomain,
        },
        LaneInput {
            name: "dkim_domain",
            label: "DKIM signing domain (d=)",
            help: "Empty means the sending domain.".into(),
            kind: InputKind::Text,
            value: lane.dkim_domain.clone(),
            set: LaneField::DkimDomain,
        },
        LaneInput {
            name: "dkim_selector",
            label: "DKIM selector",
            // A provider that picks the selector has a placeholder for one.
            help: match default_selector(lane.smtp.provider).contains('<') {
                true => "Empty until you enter the selector the provider picks; the records show it in <angle brackets> until then.",
                false => "Empty means the provider's default.",
            }
            .into(),
            kind: InputKind::Text,
            value: lane.dkim_selector.clone(),
            set: LaneField::DkimSelector,
        },
        LaneInput {
            name: "tracking_domain",
            label: "Link-tracking domain",
            help: AttrValue::default(),
            kind: InputKind::Text,
            value: lane.tracking_domain.clone(),
            set: LaneField::TrackingDomain,
        },
        LaneInput {
            name: "ip_addresses",
            label: "Sending IP addresses",
            help: "The SMTP server's addresses, separated by commas; SPF is evaluated for each.".into(),
            kind: InputKind::Text,
            value: lane.ip_addresses.join(", "),
            set: |text| LaneField::IpAddresses(split_addresses(&text)),
        },
    ];
    html! {
        <section class="card" id={format!("domains-{}", lane.id)} aria-labelledby="lane-identities">
            <h3 id="lane-identities">{ format!("{}: identities", lane.name) }</h3>
            <div class="grid-3">
                for input in inputs { { lane_field(props, input) } }
            </div>
        </section>
    }
}

/// The sending domain's help, with the name people see where it is an
/// internationalised one, as the Lanes tab says it.
fn sending_help(domain: &str) -> AttrValue {
    const HELP: &str = "The lane's own subdomain, such as receipts.brand.com.";
    match crate::domain::display_domain(domain) {
        unicode if unicode != domain => {
            format!("{HELP} It is shown to people as {unicode}.").into()
        }
        _ => HELP.into(),
    }
}

fn lane_field(props: &LaneSectionProps, input: LaneInput) -> Html {
    let path = format!("$.lanes[{}].{}", props.index, input.name);
    let findings = props
        .field_findings
        .iter()
        .filter(|d| d.path == path || d.path.starts_with(&format!("{path}[")))
        .cloned()
        .collect::<Vec<_>>();
    let (lane, set) = (props.lane.id.clone(), input.set);
    let on_change = props.on_edit.reform(move |text: String| Edit::Lane {
        lane: lane.clone(),
        set: set(text),
    });
    html! {
        <Field key={input.name} id={format!("f-lane-{}-{}", props.lane.id, input.name)} label={input.label}
            value={input.value} kind={input.kind} help={input.help} {findings} on_fix={Some(props.on_edit.clone())} {on_change} />
    }
}

/// Addresses typed as a list, separated by commas or spaces.
fn split_addresses(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether SPF passes for each sending address, with the evaluation trace.
fn lane_spf_verdicts(view: &LaneView) -> Html {
    html! {
        <section class="card" aria-labelledby="spf-heading" id="spf-verdicts">
            <h3 id="spf-heading">{ "SPF verdicts" }</h3>
            if let Some(host) = &view.spf_behind {
                <p class="empty">{ format!("{} is a CNAME to {host}, where the provider keeps the SPF record; check published DNS below to see it pass.", view.bounce_domain) }</p>
            } else if view.spf.is_empty() {
                <p class="empty">{ "Add the lane's sending IP addresses to see whether SPF passes for each." }</p>
            }
            <ul class="verdicts">
                { spf_verdicts(&view.spf, &view.bounce_domain, "Evaluation trace", "") }
            </ul>
        </section>
    }
}

/// The From, Return-Path and DKIM domains, their organisational domains
/// by the tree walk and by the Public Suffix List, and their alignment.
fn alignment(view: &LaneView) -> Html {
    let mode = |strict: bool| if strict { "strict" } else { "relaxed" };
    let yes_no = |ok: bool| if ok { "yes" } else { "no" };
    let psl = |i: usize| match &view.psl_orgs {
        Some(orgs) => orgs
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(|| "a public suffix".to_string()),
        None => "list not loaded".to_string(),
    };
    let dmarc = match &view.dmarc_at {
        Some(name) => format!(
            "DMARC record found at {name} (policy {}) by the RFC 9989 tree walk, which queried {}.",
            view.dmarc_policy.as_deref().unwrap_or("none"),
            view.dmarc_queried.join(", ")
        ),
        None => format!(
            "No DMARC record applies; the tree walk queried {}.",
            view.dmarc_queried.join(", ")
        ),
    };
    html! {
        <section class="card" aria-labelledby="alignment-heading">
            <h3 id="alignment-heading">{ "DMARC alignment" }</h3>
            <table class="data alignment">
                <thead><tr><th scope="col">{ "Identity" }</th><th scope="col">{ "Domain" }</th><th scope="col">{ "Organisational domain (RFC 9989 tree walk)" }</th>
                    <th scope="col">{ "Public Suffix List (RFC 7489)" }</th><th scope="col">{ "Mode" }</th><th scope="col">{ "Aligned with From" }</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{ "From (header)" }</th><td>{ view.from_domain.clone() }</td><td>{ view.from_org.clone() }</td><td>{ psl(0) }</td><td>{ "–" }</td><td>{ "–" }</td></tr>
                    <tr><th scope="row">{ "SPF (Return-Path)" }</th><td>{ view.bounce_domain.clone() }</td><td>{ view.bounce_org.clone() }</td><td>{ psl(1) }</td><td>{ mode(view.strict_spf) }</td><td>{ yes_no(view.spf_aligned) }</td></tr>
                    <tr><th scope="row">{ "DKIM (d=)" }</th><td>{ format!("{} ({})", view.dkim_domain, view.selector_shown) }</td><td>{ view.dkim_org.clone() }</td><td>{ psl(2) }</td><td>{ mode(view.strict_dkim) }</td><td>{ yes_no(view.dkim_aligned) }</td></tr>
                </tbody>
            </table>
            <p class="muted">{ dmarc }</p>
        </section>
    }
}

/// Gmail's, Yahoo's and Microsoft's bulk-sender requirements for the lane.
fn requirements(view: &LaneView, plan_rows: &[RequirementView]) -> Html {
    html! {
        <section class="card" aria-labelledby="requirements-heading">
            <h3 id="requirements-heading">{ "Gmail, Yahoo and Microsoft bulk-sender requirements" }</h3>
            <table class="data requirements">
                <thead><tr><th scope="col">{ "Requirement" }</th><th scope="col">{ "Required by" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Detail" }</th></tr></thead>
                <tbody>
                    for r in view.requirements.iter().chain(plan_rows) {
                        <tr>
                            <th scope="row">{ r.requirement.clone() }</th>
                            <td>{ r.required_by.clone() }</td>
                            <td class={classes!("status", status_class(r.status))}>{ status_label(r.status) }</td>
                            <td>{ r.detail.clone() }</td>
                        </tr>
                    }
                </tbody>
            </table>
            <p class="muted">{ "Gmail counts every subdomain of the primary domain toward its 5,000-a-day bulk threshold, so one busy lane makes the whole brand a bulk sender. Keep spam complaints under 0.1% and never reach 0.3%." }</p>
        </section>
    }
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Met => "met",
        Status::Missing => "missing",
        Status::Pending => "to check",
        Status::NotApplicable => "not applicable",
    }
}

/// The class the stylesheet colours a requirement's status by.
fn status_class(status: Status) -> &'static str {
    match status {
        Status::Met => "met",
        Status::Missing => "missing",
        Status::Pending => "pending",
        Status::NotApplicable => "not_applicable",
    }
}
