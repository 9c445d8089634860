//! The domains page: a section for the brand (the DMARC plan, optional
//! records, pasted existing records, the rollout and the zone files) and
//! one per lane (its identities, records, SPF verdicts, alignment and
//! mailbox-provider requirements). Everything shown comes from the DNS
//! report the shell derives with the plan's findings.

use yew::prelude::*;

use super::published::{spf_verdicts, PublishedDns};
use super::PageProps;
use crate::dns::checks::Status;
use crate::dns::report::{DomainsReport, LaneView, RecordView, StageView, ZoneFileView};
use crate::plan::diagnostic::{lane_checks, lane_of_checks, Diagnostic};
use crate::plan::edit::{DmarcField, Edit, ExtrasField, LaneField};
use crate::plan::model::{DmarcPlan, DmarcPolicy, ExtraRecords, Lane, MtaStsMode, Plan};
use crate::plan::ranges::DMARC_WEEKS;
use crate::review::place::Place;
use crate::ui::fields::{
    findings_at, CheckField, Choices, CopyButton, DownloadButton, Field, FindingList, InputKind,
    NumberField, SelectField, TextArea,
};
use crate::ui::live_dns::LiveDnsHandle;
use crate::units::count;

/// The page: the section navigation and the chosen section. The section is
/// `None` for the brand or a lane's id; a focus request opens the section
/// it names.
#[component]
pub fn DomainsPage(props: &PageProps) -> Html {
    let section = use_state_eq(|| {
        props
            .focus
            .as_ref()
            .and_then(|f| section_for(&props.plan, &f.place))
            .flatten()
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
        Place::DnsBrand | Place::ExistingRecords => Some(None),
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
    let prefix = format!("$.lanes[{index}].");
    let field_findings: Vec<Diagnostic> = props
        .findings
        .fields
        .iter()
        .filter(|d| d.path.starts_with(&prefix))
        .cloned()
        .collect();
    let view = report.lanes.iter().find(|v| v.lane_id == lane.id).cloned();
    html! {
        <LaneSection key={lane.id.clone()} lane={lane.clone()} {index} {view} {records}
            {findings} {field_findings} on_edit={props.on_edit.clone()} />
    }
}

/// What the brand section shows from the DNS report.
#[derive(Clone, Debug, PartialEq)]
pub struct BrandReport {
    pub rollout: Vec<StageView>,
    pub mta_sts_policy: Option<String>,
    pub existing_count: u32,
    pub existing_findings: Vec<Diagnostic>,
    pub zone_files: Vec<ZoneFileView>,
    /// The DMARC policy in force today, which the zone files carry.
    pub stage: String,
}

#[derive(Properties, PartialEq)]
pub struct BrandSectionProps {
    pub dmarc: DmarcPlan,
    pub extras: ExtraRecords,
    /// The pasted text of records that already exist.
    pub existing: String,
    /// Findings about the plan's fields (`$.dmarc.…`, `$.extras.…`).
    pub field_findings: Vec<Diagnostic>,
    pub report: BrandReport,
    /// The DNS findings no lane owns.
    pub findings: Vec<Diagnostic>,
    pub on_edit: Callback<Edit>,
}

/// The brand-wide part: the DMARC plan and optional records, the rollout,
/// the pasted records' check, the MTA-STS policy, zone files and findings.
#[component]
pub fn BrandSection(props: &BrandSectionProps) -> Html {
    let report = &props.report;
    let weeks = props.dmarc.weeks_per_stage.clamp(1, 52);
    html! {
        <div class="brand-report">
            { dmarc_form(props) }
            <section class="card" aria-labelledby="rollout-heading">
                <h3 id="rollout-heading">{ "DMARC rollout" }</h3>
                <RolloutTimeline stages={report.rollout.clone()} {weeks} />
            </section>
            { existing_records(props) }
            if let Some(policy) = &report.mta_sts_policy {
                <section class="card" aria-labelledby="mta-sts-heading">
                    <h3 id="mta-sts-heading">{ "MTA-STS policy file" }</h3>
                    <p class="muted">{ "Serve this at https://mta-sts.<primary domain>/.well-known/mta-sts.txt." }</p>
                    <pre class="zone" id="mta-sts-policy">{ policy.clone() }</pre>
                    <DownloadButton id="download-mta-sts" label="Download mta-sts.txt" file_name="mta-sts.txt"
                        text={policy.clone()} />
                </section>
            }
            <ZoneFiles files={report.zone_files.clone()} stage={report.stage.clone()} />
            <section class="card" aria-labelledby="brand-findings-heading">
                <h3 id="brand-findings-heading">{ "Findings" }</h3>
                <FindingList findings={props.findings.clone()} empty="No findings for the brand's planned records."
                    on_edit={props.on_edit.clone()} />
            </section>
        </div>
    }
}

/// The DMARC plan and the optional records (MTA-STS, TLS-RPT, BIMI).
fn dmarc_form(props: &BrandSectionProps) -> Html {
    let (dmarc, extras, on_edit) = (&props.dmarc, &props.extras, &props.on_edit);
    let at = |path: &str| findings_at(&props.field_findings, path);
    html! {
        <section class="card" id="domains-dmarc" aria-labelledby="dmarc-heading">
            <h3 id="dmarc-heading">{ "DMARC policy and optional records" }</h3>
            <div class="grid-3">
                <SelectField id="f-dmarc-goal" label="Goal policy" choices={Choices::of_enum(&DmarcPolicy::ALL,
                    DmarcPolicy::label, dmarc.goal, on_edit.reform(|v| Edit::Dmarc(DmarcField::Goal(v))))} />
                <Field id="f-dmarc-rua" label="Aggregate report address (rua)" kind={InputKind::Email} value={dmarc.rua.clone()}
                    help="Reports show every service sending as your domain." findings={at("$.dmarc.rua")}
                    on_change={on_edit.reform(|v| Edit::Dmarc(DmarcField::Rua(v)))} />
                <Field id="f-dmarc-rollout_start" label="Rollout start" kind={InputKind::Date}
                    value={dmarc.rollout_start.clone()} help="The day p=none with reports begins."
                    findings={at("$.dmarc.rollout_start")}
                    on_change={on_edit.reform(|v| Edit::Dmarc(DmarcField::RolloutStart(v)))} />
                <NumberField id="f-dmarc-weeks_per_stage" label="Weeks per stage"
                    value={f64::from(dmarc.weeks_per_stage)} min={DMARC_WEEKS.lowest()} max={DMARC_WEEKS.highest()}
                    help="Time at p=none, then at quarantine, before the next step."
                    findings={at("$.dmarc.weeks_per_stage")}
                    on_change={on_edit.reform(|v: f64| Edit::Dmarc(DmarcField::WeeksPerStage(v as u32)))} />
                <fieldset class="check-group">
                    <legend>{ "Alignment" }</legend>
                    <CheckField id="f-dmarc-strict_dkim" label="Strict DKIM alignment (adkim=s)"
                        checked={dmarc.strict_dkim}
                        on_change={on_edit.reform(|on| Edit::Dmarc(DmarcField::StrictDkim(on)))} />
                    <CheckField id="f-dmarc-strict_spf" label="Strict SPF alignment (aspf=s)"
                        checked={dmarc.strict_spf}
                        on_change={on_edit.reform(|on| Edit::Dmarc(DmarcField::StrictSpf(on)))} />
                </fieldset>
                <SelectField id="f-extras-mta_sts" label="MTA-STS (inbound TLS)" choices={Choices::of_enum(&MtaStsMode::ALL,
                    MtaStsMode::label, extras.mta_sts, on_edit.reform(|v| Edit::Extras(ExtrasField::MtaSts(v))))} />
                <Field id="f-extras-tls_rpt_rua" label="TLS report address (TLS-RPT)" kind={InputKind::Email}
                    value={extras.tls_rpt_rua.clone()} help="Empty means no TLS-RPT record."
                    findings={at("$.extras.tls_rpt_rua")}
                    on_change={on_edit.reform(|v| Edit::Extras(ExtrasField::TlsRptRua(v)))} />
                <Field id="f-extras-bimi_logo" label="BIMI logo (SVG Tiny PS, HTTPS)"
                    value={extras.bimi_logo.clone()} help="Empty means no BIMI record."
                    findings={at("$.extras.bimi_logo")}
                    on_change={on_edit.reform(|v| Edit::Extras(ExtrasField::BimiLogo(v)))} />
                <Field id="f-extras-bimi_certificate" label="BIMI mark certificate (HTTPS)"
                    value={extras.bimi_certificate.clone()} help="A VMC or CMC; Gmail and Apple Mail need one."
                    findings={at("$.extras.bimi_certificate")}
                    on_change={on_edit.reform(|v| Edit::Extras(ExtrasField::BimiCertificate(v)))} />
            </div>
        </section>
    }
}

/// The pasted records that already exist, and what is wrong in them.
fn existing_records(props: &BrandSectionProps) -> Html {
    let report = &props.report;
    html! {
        <section class="card" id="domains-existing" aria-labelledby="existing-heading">
            <h3 id="existing-heading">{ "Records that already exist" }</h3>
            <TextArea id="existing-records" label="Existing records (zone-file fragment or single records)"
                rows={8} value={props.existing.clone()}
                placeholder={"@ IN TXT \"v=spf1 include:_spf.google.com ~all\""}
                help="Names are relative to the primary domain. They join the planned zone for every check, and a planned record replaces an existing one of the same kind. Findings about them are listed just below the box."
                on_change={props.on_edit.reform(Edit::SetExistingRecords)} />
            <div id="existing-check">
                <p>{ format!("{} read.", count(u64::from(report.existing_count), "record", "records")) }</p>
                <FindingList findings={report.existing_findings.clone()}
                    empty="The existing records read cleanly." on_edit={props.on_edit.clone()} />
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ZoneFilesProps {
    files: Vec<ZoneFileView>,
    stage: String,
}

/// Each zone file's records, its text, and buttons to download or copy it.
#[component]
fn ZoneFiles(props: &ZoneFilesProps) -> Html {
    html! {
        <section class="card" aria-labelledby="zones-heading" id="zone-files">
            <h3 id="zones-heading">{ "Zone files" }</h3>
            <p class="muted">{ format!("BIND fragments with the DMARC record at today's rollout stage (p={}). Records that need a value from the provider stay commented out.", props.stage) }</p>
            if props.files.is_empty() { <p class="empty">{ "Set the primary domain and lane domains to plan records." }</p> }
            for (i, file) in props.files.iter().enumerate() {
                <section key={file.origin.clone()} class="zone-file" aria-label={format!("Zone file for {}", file.origin)}>
                    <h4>{ file.origin.clone() }</h4>
                    <RecordTable records={file.records.clone()} prefix={format!("rec-z{i}")} />
                    <details>
                        <summary>{ format!("Zone file text for {}", file.origin) }</summary>
                        <pre class="zone" id={format!("zone-{i}")}>{ file.text.clone() }</pre>
                    </details>
                    <div class="row">
                        <DownloadButton id={format!("download-zone-{i}")} label={format!("Download {}.zone", file.origin)}
                            file_name={format!("{}.zone", file.origin)} text={file.text.clone()} />
                        <CopyButton id={format!("copy-zone-{i}")} label="Copy" text={file.text.clone()}
                            aria_label={format!("Copy the {} zone file", file.origin)} />
                    </div>
                </section>
            }
        </section>
    }
}

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
            { requirements(view) }
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
    help: &'static str,
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
            help: "The lane's own subdomain, such as receipts.brand.com.",
            kind: InputKind::Text,
            value: lane.sending_domain.clone(),
            set: LaneField::SendingDomain,
        },
        LaneInput {
            name: "from_address",
            label: "From address",
            help: "",
            kind: InputKind::Email,
            value: lane.from_address.clone(),
            set: LaneField::FromAddress,
        },
        LaneInput {
            name: "return_path_domain",
            label: "Return-Path (bounce) domain",
            help: "SPF is checked on this domain. Left empty, it is “bounce.” followed by the sending domain.",
            kind: InputKind::Text,
            value: lane.return_path_domain.clone(),
            set: LaneField::ReturnPathDomain,
        },
        LaneInput {
            name: "dkim_domain",
            label: "DKIM signing domain (d=)",
            help: "Empty means the sending domain.",
            kind: InputKind::Text,
            value: lane.dkim_domain.clone(),
            set: LaneField::DkimDomain,
        },
        LaneInput {
            name: "dkim_selector",
            label: "DKIM selector",
            help: "Empty means the provider's default.",
            kind: InputKind::Text,
            value: lane.dkim_selector.clone(),
            set: LaneField::DkimSelector,
        },
        LaneInput {
            name: "tracking_domain",
            label: "Link-tracking domain",
            help: "",
            kind: InputKind::Text,
            value: lane.tracking_domain.clone(),
            set: LaneField::TrackingDomain,
        },
        LaneInput {
            name: "ip_addresses",
            label: "Sending IP addresses",
            help: "The SMTP server's addresses, separated by commas; SPF is evaluated for each.",
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
            value={input.value} kind={input.kind} help={input.help} {findings} {on_change} />
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
            if view.spf.is_empty() {
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
                    <tr><th scope="row">{ "DKIM (d=)" }</th><td>{ format!("{} (selector {})", view.dkim_domain, view.dkim_selector) }</td><td>{ view.dkim_org.clone() }</td><td>{ psl(2) }</td><td>{ mode(view.strict_dkim) }</td><td>{ yes_no(view.dkim_aligned) }</td></tr>
                </tbody>
            </table>
            <p class="muted">{ dmarc }</p>
        </section>
    }
}

/// Gmail's, Yahoo's and Microsoft's bulk-sender requirements for the lane.
fn requirements(view: &LaneView) -> Html {
    html! {
        <section class="card" aria-labelledby="requirements-heading">
            <h3 id="requirements-heading">{ "Gmail, Yahoo and Microsoft bulk-sender requirements" }</h3>
            <table class="data requirements">
                <thead><tr><th scope="col">{ "Requirement" }</th><th scope="col">{ "Required by" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Detail" }</th></tr></thead>
                <tbody>
                    for r in view.requirements.iter() {
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

#[derive(Properties, PartialEq)]
struct RolloutProps {
    stages: Vec<StageView>,
    weeks: u32,
}

/// The DMARC stages as a bar with today's stage marked, and as a list.
#[component]
fn RolloutTimeline(props: &RolloutProps) -> Html {
    if props.stages.is_empty() {
        return html! { <p class="empty" id="rollout">{ "Set a rollout start date to schedule p=none, quarantine and reject." }</p> };
    }
    let count = props.stages.len() as u32;
    let width = 300 / count;
    html! {
        <div id="rollout" class="rollout">
            // The policy and its date on two lines, so "p=quarantine" and its
            // date fit a third of the bar.
            <svg viewBox={format!("0 0 {} 28", width * count)} role="img" aria-label="DMARC rollout timeline" class="timeline">
                for (i, stage) in props.stages.iter().enumerate() {
                    <g class={classes!(format!("stage-{}", stage.policy), stage.current.then_some("current"))}>
                        <rect x={(width * i as u32).to_string()} y="0" width={width.to_string()} height="28" />
                        <text x={(width * i as u32 + 6).to_string()} y="12">{ format!("p={}", stage.policy) }</text>
                        <text x={(width * i as u32 + 6).to_string()} y="23">{ stage.starts.clone() }</text>
                    </g>
                }
            </svg>
            <ol class="stages">
                for stage in props.stages.iter() {
                    <li class={format!("stage-{}", stage.policy)}>
                        <strong>{ format!("p={}", stage.policy) }</strong>
                        { match &stage.ends {
                            Some(ends) => format!(" from {} until {ends} ({})", stage.starts, crate::units::count(u64::from(props.weeks), "week", "weeks")),
                            None => format!(" from {} onwards", stage.starts),
                        } }
                        if stage.current { { " " }<span class="badge ok">{ "in force today" }</span> }
                        <br /><code>{ stage.record.clone() }</code>
                    </li>
                }
            </ol>
            <p class="muted">{ "Read the aggregate reports at each stage; move on only when every legitimate sender passes." }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RecordTableProps {
    records: Vec<RecordView>,
    /// Makes the value elements' ids unique on the page.
    prefix: String,
}

/// Records with their values, reasons and copy buttons.
#[component]
fn RecordTable(props: &RecordTableProps) -> Html {
    html! {
        <table class="data records">
            <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Type" }</th><th scope="col">{ "Value" }</th><th scope="col">{ "Why" }</th><th scope="col"><span class="visually-hidden">{ "Copy" }</span></th></tr></thead>
            <tbody>
                for (i, r) in props.records.iter().enumerate() {
                    <tr class={classes!(r.placeholder.then_some("placeholder"))}>
                        // A name longer than any label wraps anywhere rather
                        // than widen the page; shorter ones keep their line.
                        <td><code class={classes!((r.name.len() > 63).then_some("long-name"))}>{ r.name.clone() }</code></td>
                        <td>{ r.kind.clone() }</td>
                        <td class="value"><code id={format!("{}-{i}", props.prefix)}>{ r.value.clone() }</code>
                            if r.value.len() > 255 { <p class="help">{ format!("{} characters: the zone file splits it into strings of 255.", r.value.len()) }</p> }
                            if r.placeholder { <p class="help">{ "Placeholder: copy the real value from the provider." }</p> }
                        </td>
                        <td>{ r.why.clone() }</td>
                        <td><CopyButton id={format!("copy-{}-{i}", props.prefix)} label="Copy" text={r.value.clone()}
                            aria_label={format!("Copy the {} value for {}", r.kind, r.name)} /></td>
                    </tr>
                }
            </tbody>
        </table>
    }
}
