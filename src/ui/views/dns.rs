//! The read-only parts of the domains page: records with copy buttons,
//! SPF verdicts with their traces, alignment, mailbox-provider requirements,
//! the DMARC rollout, zone files and findings.
//!
//! Buttons here carry data attributes instead of handlers, because the
//! engine worker renders this HTML: `data-copy` names the element whose text
//! is copied, and `data-download` a file name whose text is in the element
//! named by `data-source`. The page handles both clicks.

use yew::prelude::*;

use super::fields::{select_field, text_field, FieldSpec, FindingList};
use crate::diagnostic::Diagnostic;
use crate::dns::report::{LaneView, RecordView, StageView, ZoneFileView};
use crate::plan::model::{DmarcPlan, ExtraRecords, Lane};

#[derive(Properties, PartialEq)]
pub struct LaneReportProps {
    pub lane: Lane,
    pub index: u32,
    /// The checks; `None` while the lane has no valid sending domain.
    pub view: Option<LaneView>,
    pub records: Vec<RecordView>,
    pub findings: Vec<Diagnostic>,
    /// Findings about the plan's fields (`$.lanes[i].…`).
    pub field_findings: Vec<Diagnostic>,
}

/// One lane: its identity fields, then its records and checks.
#[component]
pub fn LaneReport(props: &LaneReportProps) -> Html {
    let form = lane_form(&props.lane, props.index, &props.field_findings);
    let Some(lane) = &props.view else {
        return html! {
            <div class="lane-report">
                { form }
                <p class="empty">{ "Give the lane a valid sending domain to plan its records." }</p>
            </div>
        };
    };
    let mode = |strict: bool| if strict { "strict" } else { "relaxed" };
    let yes_no = |ok: bool| if ok { "yes" } else { "no" };
    let psl = |i: usize| match &lane.psl_orgs {
        Some(orgs) => orgs
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(|| "a public suffix".to_string()),
        None => "list not loaded".to_string(),
    };
    let dmarc = match &lane.dmarc_at {
        Some(name) => format!(
            "DMARC record found at {name} (policy {}) by the RFC 9989 tree walk, which queried {}.",
            lane.dmarc_policy.as_deref().unwrap_or("none"),
            lane.dmarc_queried.join(", ")
        ),
        None => format!(
            "No DMARC record applies; the tree walk queried {}.",
            lane.dmarc_queried.join(", ")
        ),
    };
    html! {
        <div class="lane-report">
            { form }
            <section class="card" aria-labelledby="records-heading">
                <h3 id="records-heading">{ format!("{}: records to publish", props.lane.name) }</h3>
                <RecordTable records={props.records.clone()} prefix={format!("rec-{}", lane.lane_id)} />
            </section>
            <section class="card" aria-labelledby="spf-heading" id="spf-verdicts">
                <h3 id="spf-heading">{ "SPF verdicts" }</h3>
                if lane.spf.is_empty() {
                    <p class="empty">{ "Add the lane's sending IP addresses to see whether SPF passes for each." }</p>
                }
                <ul class="verdicts">
                    for v in lane.spf.iter() {
                        <li class={classes!("verdict", if v.result == "pass" { "ok" } else { "bad" })}>
                            <p>
                                <strong>{ format!("{}: {}", v.ip, v.result) }</strong>
                                { format!(" · MAIL FROM bounce@{} · {} of 10 DNS-querying terms · {} void lookups",
                                    lane.bounce_domain, v.dns_terms, v.void_lookups) }
                            </p>
                            <details>
                                <summary>{ format!("Evaluation trace for {}", v.ip) }</summary>
                                <ol class="trace">
                                    for step in v.trace.iter() { <li><code>{ step.clone() }</code></li> }
                                </ol>
                            </details>
                        </li>
                    }
                </ul>
            </section>
            <section class="card" aria-labelledby="alignment-heading">
                <h3 id="alignment-heading">{ "DMARC alignment" }</h3>
                <table class="data alignment">
                    <thead><tr><th scope="col">{ "Identity" }</th><th scope="col">{ "Domain" }</th><th scope="col">{ "Organisational domain (RFC 9989 tree walk)" }</th>
                        <th scope="col">{ "Public Suffix List (RFC 7489)" }</th><th scope="col">{ "Mode" }</th><th scope="col">{ "Aligned with From" }</th></tr></thead>
                    <tbody>
                        <tr><th scope="row">{ "From (header)" }</th><td>{ lane.from_domain.clone() }</td><td>{ lane.from_org.clone() }</td><td>{ psl(0) }</td><td>{ "–" }</td><td>{ "–" }</td></tr>
                        <tr><th scope="row">{ "SPF (Return-Path)" }</th><td>{ lane.bounce_domain.clone() }</td><td>{ lane.bounce_org.clone() }</td><td>{ psl(1) }</td><td>{ mode(lane.strict_spf) }</td><td>{ yes_no(lane.spf_aligned) }</td></tr>
                        <tr><th scope="row">{ "DKIM (d=)" }</th><td>{ format!("{} (selector {})", lane.dkim_domain, lane.dkim_selector) }</td><td>{ lane.dkim_org.clone() }</td><td>{ psl(2) }</td><td>{ mode(lane.strict_dkim) }</td><td>{ yes_no(lane.dkim_aligned) }</td></tr>
                    </tbody>
                </table>
                <p class="muted">{ dmarc }</p>
            </section>
            <section class="card" aria-labelledby="requirements-heading">
                <h3 id="requirements-heading">{ "Gmail, Yahoo and Microsoft bulk-sender requirements" }</h3>
                <table class="data requirements">
                    <thead><tr><th scope="col">{ "Requirement" }</th><th scope="col">{ "Required by" }</th><th scope="col">{ "Status" }</th><th scope="col">{ "Detail" }</th></tr></thead>
                    <tbody>
                        for r in lane.requirements.iter() {
                            <tr>
                                <th scope="row">{ r.requirement.clone() }</th>
                                <td>{ r.required_by.clone() }</td>
                                <td class={classes!("status", r.status.clone())}>{ status_label(&r.status) }</td>
                                <td>{ r.detail.clone() }</td>
                            </tr>
                        }
                    </tbody>
                </table>
                <p class="muted">{ "Gmail counts every subdomain of the primary domain toward its 5,000-a-day bulk threshold, so one busy lane makes the whole brand a bulk sender. Keep spam complaints under 0.1% and never reach 0.3%." }</p>
            </section>
            <section class="card" aria-labelledby="lane-findings-heading">
                <h3 id="lane-findings-heading">{ "Findings" }</h3>
                <FindingList findings={props.findings.clone()} empty="No findings for this lane's records." />
            </section>
        </div>
    }
}

/// The lane's identities: the names its records are planned for.
fn lane_form(lane: &Lane, index: u32, findings: &[Diagnostic]) -> Html {
    let field = |name: &str, label: &'static str, value: String, help: &'static str| {
        let path = format!("$.lanes[{index}].{name}");
        text_field(FieldSpec {
            id: None,
            key: format!("lane:{}:{name}", lane.id),
            label,
            value,
            help,
            findings: findings
                .iter()
                .filter(|d| d.path == path || d.path.starts_with(&format!("{path}[")))
                .cloned()
                .collect(),
        })
    };
    html! {
        <section class="card" id={format!("domains-{}", lane.id)} aria-labelledby="lane-identities">
            <h3 id="lane-identities">{ format!("{}: identities", lane.name) }</h3>
            <div class="grid-3">
                { field("sending_domain", "Sending domain", lane.sending_domain.clone(), "The lane's own subdomain, such as receipts.brand.com.") }
                { field("from_address", "From address", lane.from_address.clone(), "") }
                { field("return_path_domain", "Return-Path (bounce) domain", lane.return_path_domain.clone(), "SPF is checked here; empty means bounce. under the sending domain.") }
                { field("dkim_domain", "DKIM signing domain (d=)", lane.dkim_domain.clone(), "Empty means the sending domain.") }
                { field("dkim_selector", "DKIM selector", lane.dkim_selector.clone(), "Empty means the provider's default.") }
                { field("tracking_domain", "Link-tracking domain", lane.tracking_domain.clone(), "") }
                { field("ip_addresses", "Sending IP addresses", lane.ip_addresses.join(", "), "The SMTP server's addresses, separated by commas; SPF is evaluated for each.") }
            </div>
        </section>
    }
}

/// The DMARC plan and the optional records.
fn brand_form(dmarc: &DmarcPlan, extras: &ExtraRecords, findings: &[Diagnostic]) -> Html {
    let at = |path: String| -> Vec<Diagnostic> {
        findings
            .iter()
            .filter(|d| d.path == path)
            .cloned()
            .collect()
    };
    let field =
        |group: &str, name: &str, label: &'static str, value: String, help: &'static str| {
            text_field(FieldSpec {
                id: None,
                key: format!("{group}:{name}"),
                label,
                value,
                help,
                findings: at(format!("$.{group}.{name}")),
            })
        };
    let checkbox = |name: &str, label: &'static str, checked: bool| {
        let id = format!("f-dmarc-{name}");
        html! { <label class="check" for={id.clone()}><input type="checkbox" {id} {checked} data-edit={format!("dmarc:{name}")} />{ label }</label> }
    };
    html! {
        <>
        <section class="card" id="domains-dmarc" aria-labelledby="dmarc-heading">
            <h3 id="dmarc-heading">{ "DMARC policy and optional records" }</h3>
            <div class="grid-3">
                { select_field(None, "dmarc:goal", "Goal policy", &[("none", "p=none"), ("quarantine", "p=quarantine"), ("reject", "p=reject")], dmarc.goal.as_str()) }
                { field("dmarc", "rua", "Aggregate report address (rua)", dmarc.rua.clone(), "Reports show every service sending as your domain.") }
                { field("dmarc", "rollout_start", "Rollout start (YYYY-MM-DD)", dmarc.rollout_start.clone(), "The day p=none with reports begins.") }
                { field("dmarc", "weeks_per_stage", "Weeks per stage", dmarc.weeks_per_stage.to_string(), "Time at p=none, then at quarantine, before the next step.") }
                <fieldset class="check-group">
                    <legend>{ "Alignment" }</legend>
                    { checkbox("strict_dkim", "Strict DKIM alignment (adkim=s)", dmarc.strict_dkim) }
                    { checkbox("strict_spf", "Strict SPF alignment (aspf=s)", dmarc.strict_spf) }
                </fieldset>
                { select_field(None, "extras:mta_sts", "MTA-STS (inbound TLS)", &[("off", "Off"), ("testing", "Testing (report only)"), ("enforce", "Enforce")], super::enum_key(extras.mta_sts).as_str()) }
                { field("extras", "tls_rpt_rua", "TLS report address (TLS-RPT)", extras.tls_rpt_rua.clone(), "Empty means no TLS-RPT record.") }
                { field("extras", "bimi_logo", "BIMI logo (SVG Tiny PS, HTTPS)", extras.bimi_logo.clone(), "Empty means no BIMI record.") }
                { field("extras", "bimi_certificate", "BIMI mark certificate (HTTPS)", extras.bimi_certificate.clone(), "A VMC or CMC; Gmail and Apple Mail need one.") }
            </div>
        </section>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct BrandReportProps {
    pub dmarc: DmarcPlan,
    pub extras: ExtraRecords,
    pub existing: String,
    /// Findings about the plan's fields (`$.dmarc.…`, `$.extras.…`).
    pub field_findings: Vec<Diagnostic>,
    pub rollout: Vec<StageView>,
    pub weeks_per_stage: u32,
    pub mta_sts_policy: Option<String>,
    pub existing_count: u32,
    pub existing_findings: Vec<Diagnostic>,
    pub zone_files: Vec<ZoneFileView>,
    pub stage: String,
    pub findings: Vec<Diagnostic>,
}

/// The brand-wide part: rollout, MTA-STS policy, existing records' check,
/// zone files and findings.
#[component]
pub fn BrandReport(props: &BrandReportProps) -> Html {
    html! {
        <div class="brand-report">
            { brand_form(&props.dmarc, &props.extras, &props.field_findings) }
            <section class="card" aria-labelledby="rollout-heading">
                <h3 id="rollout-heading">{ "DMARC rollout" }</h3>
                <RolloutTimeline stages={props.rollout.clone()} weeks={props.weeks_per_stage} />
            </section>
            <section class="card" id="domains-existing" aria-labelledby="existing-heading">
                <h3 id="existing-heading">{ "Records that already exist" }</h3>
                <div class="field">
                    <label for="existing-records">{ "Existing records (zone-file fragment or single records)" }</label>
                    <textarea id="existing-records" class="zone" rows="8" spellcheck="false" data-edit="existing"
                        aria-describedby="existing-help" value={props.existing.clone()}
                        placeholder={"@ IN TXT \"v=spf1 include:_spf.google.com ~all\""} />
                    <p id="existing-help" class="help">{ "Names are relative to the primary domain. They join the planned zone for every check, and a planned record replaces an existing one of the same kind. Findings about them are listed with the brand's findings below." }</p>
                </div>
                <div id="existing-check">
                    <p>{ format!("{} records read.", props.existing_count) }</p>
                    <FindingList findings={props.existing_findings.clone()} empty="The existing records read cleanly." />
                </div>
            </section>
            if let Some(policy) = &props.mta_sts_policy {
                <section class="card" aria-labelledby="mta-sts-heading">
                    <h3 id="mta-sts-heading">{ "MTA-STS policy file" }</h3>
                    <p class="muted">{ "Serve this at https://mta-sts.<primary domain>/.well-known/mta-sts.txt." }</p>
                    <pre class="zone" id="mta-sts-policy">{ policy.clone() }</pre>
                    <button type="button" id="download-mta-sts" data-download="mta-sts.txt" data-source="mta-sts-policy">{ "Download mta-sts.txt" }</button>
                </section>
            }
            <section class="card" aria-labelledby="zones-heading" id="zone-files">
                <h3 id="zones-heading">{ "Zone files" }</h3>
                <p class="muted">{ format!("BIND fragments with the DMARC record at today's rollout stage (p={}). Records that need a value from the provider stay commented out.", props.stage) }</p>
                if props.zone_files.is_empty() { <p class="empty">{ "Set the primary domain and lane domains to plan records." }</p> }
                for (i, file) in props.zone_files.iter().enumerate() {
                    <section class="zone-file" aria-label={format!("Zone file for {}", file.origin)}>
                        <h4>{ file.origin.clone() }</h4>
                        <RecordTable records={file.records.clone()} prefix={format!("rec-z{i}")} />
                        <details>
                            <summary>{ format!("Zone file text for {}", file.origin) }</summary>
                            <pre class="zone" id={format!("zone-{i}")}>{ file.text.clone() }</pre>
                        </details>
                        <div class="row">
                            <button type="button" id={format!("download-zone-{i}")} data-download={format!("{}.zone", file.origin)} data-source={format!("zone-{i}")}>
                                { format!("Download {}.zone", file.origin) }
                            </button>
                            <button type="button" class="copy" id={format!("copy-zone-{i}")} data-copy={format!("zone-{i}")}
                                aria-label={format!("Copy the {} zone file", file.origin)}>{ "Copy" }</button>
                        </div>
                    </section>
                }
            </section>
            <section class="card" aria-labelledby="brand-findings-heading">
                <h3 id="brand-findings-heading">{ "Findings" }</h3>
                <FindingList findings={props.findings.clone()} empty="No findings for the brand's records." />
            </section>
        </div>
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
            <svg viewBox={format!("0 0 {} 24", width * count)} role="img" aria-label="DMARC rollout timeline" class="timeline">
                for (i, stage) in props.stages.iter().enumerate() {
                    <g class={classes!(format!("stage-{}", stage.policy), stage.current.then_some("current"))}>
                        <rect x={(width * i as u32).to_string()} y="0" width={width.to_string()} height="24" />
                        <text x={(width * i as u32 + 6).to_string()} y="16">{ format!("p={} · {}", stage.policy, stage.starts) }</text>
                    </g>
                }
            </svg>
            <ol class="stages">
                for stage in props.stages.iter() {
                    <li class={format!("stage-{}", stage.policy)}>
                        <strong>{ format!("p={}", stage.policy) }</strong>
                        { match &stage.ends {
                            Some(ends) => format!(" from {} until {ends} ({} weeks)", stage.starts, props.weeks),
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
                        <td><code>{ r.name.clone() }</code></td>
                        <td>{ r.kind.clone() }</td>
                        <td class="value"><code id={format!("{}-{i}", props.prefix)}>{ r.value.clone() }</code>
                            if r.value.len() > 255 { <p class="help">{ format!("{} characters: the zone file splits it into strings of 255.", r.value.len()) }</p> }
                            if r.placeholder { <p class="help">{ "Placeholder: copy the real value from the provider." }</p> }
                        </td>
                        <td>{ r.why.clone() }</td>
                        <td><button type="button" class="copy" id={format!("copy-{}-{i}", props.prefix)} data-copy={format!("{}-{i}", props.prefix)}
                            aria-label={format!("Copy the {} value for {}", r.kind, r.name)}>{ "Copy" }</button></td>
                    </tr>
                }
            </tbody>
        </table>
    }
}

fn status_label(status: &str) -> &'static str {
    match status {
        "met" => "met",
        "missing" => "missing",
        "pending" => "to check",
        _ => "not applicable",
    }
}
