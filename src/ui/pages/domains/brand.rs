//! The brand's section: the DMARC plan and its rollout, the optional
//! records, the records pasted as already existing, and the zone files.

use yew::prelude::*;

use super::records::RecordTable;
use crate::dns::report::{StageView, ZoneFileView};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{DmarcField, Edit, ExtrasField};
use crate::plan::model::{DmarcPlan, DmarcPolicy, ExtraRecords, MtaStsMode};
use crate::plan::ranges::DMARC_WEEKS;
use crate::ui::fields::{
    findings_at, CheckField, Choices, CopyButton, DownloadButton, Field, FindingList, InputKind,
    NumberField, SelectField, TextArea,
};
use crate::units::count;

/// What the brand section shows from the DNS report.
#[derive(Clone, Debug, PartialEq)]
pub struct BrandReport {
    pub rollout: Vec<StageView>,
    /// Why the rollout skips its first stages; `None` when it skips none.
    pub skipped: Option<String>,
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
                <RolloutTimeline stages={report.rollout.clone()} skipped={report.skipped.clone()} {weeks} />
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
    let first = crate::dns::plan::first_stage(dmarc);
    let one_stage = first == dmarc.goal;
    html! {
        <section class="card" id="domains-dmarc" aria-labelledby="dmarc-heading">
            <h3 id="dmarc-heading">{ "DMARC policy and optional records" }</h3>
            <div class="grid-3">
                <SelectField id="f-dmarc-goal" label="Goal policy" choices={Choices::of_enum(&DmarcPolicy::ALL,
                    DmarcPolicy::label, dmarc.goal, on_edit.reform(|v| Edit::Dmarc(DmarcField::Goal(v))))} />
                <SelectField id="f-dmarc-np" label="Subdomains that do not exist (np)"
                    choices={Choices::of_optional_enum(("", "Not set: the rollout's policy"), &DmarcPolicy::ALL,
                        np_label, dmarc.np, on_edit.reform(|v| Edit::Dmarc(DmarcField::Np(v))))}
                    help="Spoofers send from made-up names under your domain. Reject is safe from the start: no real mail comes from a name that does not exist." />
                <Field id="f-dmarc-rua" label="Aggregate report address (rua)" kind={InputKind::Email} value={dmarc.rua.clone()}
                    help="Reports show every service sending as your domain." findings={at("$.dmarc.rua")}
                    on_change={on_edit.reform(|v| Edit::Dmarc(DmarcField::Rua(v)))} />
                <Field id="f-dmarc-rollout_start" label="Rollout start" kind={InputKind::Date}
                    value={dmarc.rollout_start.clone()} help={start_help(first)}
                    findings={at("$.dmarc.rollout_start")}
                    on_change={on_edit.reform(|v| Edit::Dmarc(DmarcField::RolloutStart(v)))} />
                <SelectField id="f-dmarc-first_stage" label="First stage" choices={Choices::of_enum(crate::dns::plan::stages_to(dmarc.goal),
                    DmarcPolicy::label, first, on_edit.reform(|v| Edit::Dmarc(DmarcField::FirstStage(Some(v)))))}
                    help="Where the domain already publishes quarantine or reject, the rollout keeps it from the start and skips the weaker stages." />
                <NumberField id="f-dmarc-weeks_per_stage" label="Weeks per stage"
                    value={f64::from(dmarc.weeks_per_stage)} min={DMARC_WEEKS.lowest()} max={DMARC_WEEKS.highest()}
                    help={weeks_help(one_stage)}
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
                    value={extras.bimi_logo.clone()} help={bimi_help(&props.report)}
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

/// What the weeks per stage do; a rollout that starts at its goal has
/// no next step to wait for.
fn weeks_help(one_stage: bool) -> &'static str {
    if one_stage {
        "The rollout starts at its goal, so it has no later stage to wait for."
    } else {
        "Time at p=none, then at quarantine, before the next step."
    }
}

/// What the rollout start is the day of: p=none with reports, or the
/// stage the rollout starts at.
fn start_help(first: DmarcPolicy) -> String {
    match first {
        DmarcPolicy::None => "The day p=none with reports begins.".to_string(),
        first => format!("The day the rollout starts at {}.", first.label()),
    }
}

/// A policy as the record's np tag writes it.
fn np_label(policy: DmarcPolicy) -> &'static str {
    match policy {
        DmarcPolicy::None => "np=none",
        DmarcPolicy::Quarantine => "np=quarantine",
        DmarcPolicy::Reject => "np=reject",
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
struct RolloutProps {
    stages: Vec<StageView>,
    /// Why the first stages are skipped, without its full stop.
    skipped: Option<String>,
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
                    <g class={classes!(format!("stage-{}", stage.policy), stage.current.then_some("current"), stage.skipped.then_some("skipped"))}>
                        <rect x={(width * i as u32).to_string()} y="0" width={width.to_string()} height="28" />
                        <text x={(width * i as u32 + 6).to_string()} y="12">{ format!("p={}", stage.policy) }</text>
                        <text x={(width * i as u32 + 6).to_string()} y="23">{ if stage.skipped { "skipped".to_string() } else { stage.starts.clone() } }</text>
                    </g>
                }
            </svg>
            <ol class="stages">
                for stage in props.stages.iter() {
                    <li class={classes!(format!("stage-{}", stage.policy), stage.skipped.then_some("skipped"))}>
                        <strong>{ format!("p={}", stage.policy) }</strong>
                        { match &stage.ends {
                            _ if stage.skipped => " skipped".to_string(),
                            Some(ends) => format!(" from {} until {ends} ({})", stage.starts, crate::units::count(u64::from(props.weeks), "week", "weeks")),
                            None => format!(" from {} onwards", stage.starts),
                        } }
                        if stage.current { { " " }<span class="badge ok">{ "in force today" }</span> }
                        if !stage.skipped { <br /><code>{ stage.record.clone() }</code> }
                    </li>
                }
            </ol>
            if let Some(skipped) = &props.skipped { <p id="rollout-skipped">{ format!("{skipped}.") }</p> }
            <p class="muted">{ reading_advice(&props.stages) }</p>
        </div>
    }
}

/// What to watch in the aggregate reports: at each stage of a rollout
/// with steps, or throughout one that starts at its goal, where only an
/// enforcing goal holds back a sender that fails.
fn reading_advice(stages: &[StageView]) -> &'static str {
    let mut dated = stages.iter().filter(|s| !s.skipped);
    match (dated.next(), dated.next()) {
        (_, Some(_)) => "Read the aggregate reports at each stage; move on only when every legitimate sender passes.",
        (Some(only), None) if only.policy == "none" => "Keep reading the aggregate reports: p=none holds no mail back, so they are where a sender that fails DMARC shows.",
        _ => "Keep reading the aggregate reports: a sender that starts failing DMARC has its mail held or refused.",
    }
}

/// When the BIMI record is published: logos show only under a DMARC
/// policy that enforces, so it waits for the rollout's quarantine stage.
fn bimi_help(report: &BrandReport) -> String {
    let enforcing = (report.rollout.iter()).find(|s| s.policy != "none" && !s.skipped);
    match (report.stage.as_str(), enforcing) {
        ("none", Some(stage)) => format!(
            "Empty means no BIMI record. The record joins the records on {}, when the rollout reaches p={}.",
            stage.starts, stage.policy
        ),
        ("none", None) => "Empty means no BIMI record. It is published once DMARC enforces.".to_string(),
        _ => "Empty means no BIMI record.".to_string(),
    }
}
