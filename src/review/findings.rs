//! Everything the app derives from a plan on each change and shows on more
//! than one page or in a tab's badge: routing, every finding, the DNS report
//! and the checklist. Pages derive what only they show (warm-up calendars,
//! the simulation, the readiness report) themselves. The DNS report depends
//! on less of the plan than the rest (`DnsKey`), so the app keeps it across
//! edits that cannot change it. Lane health from imported delivery data
//! is the app's to derive; it comes in as an argument.

use std::rc::Rc;

use chrono::NaiveDate;

use crate::dmarc_reports::published::POLICY_DIFFERS;
use crate::dmarc_reports::rollout::Proof;
use crate::dns::live::LiveProof;
use crate::dns::psl::SuffixList;
use crate::dns::report::{
    domains_report, evidence, weakened_in_dns, DomainsReport, Evidence, WEAKENS,
};
use crate::monitor::health::Health;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, WarmupField};
use crate::plan::model::Plan;
use crate::plan::path_words::name_places;
use crate::plan::routing::{route, Routing};
use crate::plan::validate::validate;
use crate::review::place::name_finding_places;
use crate::warmup::migration::carried_on;

use super::checklist::{checklist, earliest_start, ChecklistReport};
use super::lint::{date_unscheduled, future_seeds, lint_on, marked_warm, past_sends, past_starts};
use super::sender_rules::{sender_rules, LaneRules};

/// Validation's code for a one-off send outside the simulated days.
const OUTSIDE: &str = "journey.send_date_outside";
/// Validation's code for a lane with no SMTP host.
const HOST_MISSING: &str = "smtp.host_missing";

#[derive(Clone, Debug, PartialEq)]
pub struct Findings {
    pub routing: Routing,
    /// The routing as the lanes carry the mail today
    /// (`warmup::migration::carried_on`): the plan's, but for the journeys
    /// of a move cut over before it completes, still on its old lane.
    /// Customer.io's setup, its findings and the moves' steps there, the
    /// winback lint and the readiness report's lane volumes read it.
    pub carried: Routing,
    /// Validation's findings, shown beside the fields they are about.
    pub fields: Vec<Diagnostic>,
    /// Validation, routing and lint: what the plan's pages show.
    pub plan: Vec<Diagnostic>,
    /// Shared, so that an edit the DNS checks do not read reuses them.
    pub domains: Rc<DnsPart>,
    /// Every finding, the DNS checks' and the pasted records' included,
    /// errors first: the problems page and its badge.
    pub all: Vec<Diagnostic>,
    pub checklist: ChecklistReport,
    /// Each lane's bulk-sender rows that the plan's mail and preferences
    /// decide, beside the DNS checks' rows.
    pub sender_rules: Vec<LaneRules>,
}

/// The DNS checks and what they prove of the pasted records, derived from
/// the parts of the plan `DnsKey` holds.
#[derive(Clone, Debug, PartialEq)]
pub struct DnsPart {
    pub report: DomainsReport,
    pub evidence: Vec<Evidence>,
}

impl std::ops::Deref for DnsPart {
    type Target = DomainsReport;

    fn deref(&self) -> &DomainsReport {
        &self.report
    }
}

/// What the DNS checks read of a plan: its brand, lanes, DMARC plan, extra
/// records and the records that already exist. Two plans with equal keys
/// get equal DNS reports, so a journey, rule or checklist edit need not run
/// the checks again.
#[derive(Clone, Debug, PartialEq)]
pub struct DnsKey {
    brand: crate::plan::model::Brand,
    lanes: Vec<crate::plan::model::Lane>,
    dmarc: crate::plan::model::DmarcPlan,
    extras: crate::plan::model::ExtraRecords,
    existing_records: String,
}

impl DnsKey {
    pub fn of(plan: &Plan) -> DnsKey {
        DnsKey {
            brand: plan.brand.clone(),
            lanes: plan.lanes.clone(),
            dmarc: plan.dmarc.clone(),
            extras: plan.extras.clone(),
            existing_records: plan.existing_records.clone(),
        }
    }
}

/// The DNS checks of a plan on `today`.
pub fn dns_part(plan: &Plan, today: NaiveDate, psl: Option<&SuffixList>) -> DnsPart {
    let mut report = domains_report(plan, today, psl);
    name_places(plan, &mut report.findings);
    name_places(plan, &mut report.existing_findings);
    let evidence = evidence(plan, &report);
    DnsPart { report, evidence }
}

/// Derives everything above from the plan. `psl` is the Public Suffix List
/// once loaded; DMARC alignment is checked without it until then.
pub fn findings(plan: &Plan, today: NaiveDate, psl: Option<&SuffixList>) -> Findings {
    findings_with(
        plan,
        today,
        Rc::new(dns_part(plan, today, psl)),
        &Proof::default(),
        &LiveProof::default(),
        &Health::default(),
    )
}

/// Whether `d` asks for the SMTP host of a lane that needs no server: on
/// Customer.io, a lane no mail goes through, which the Platform tab adds
/// no server for and the checklist marks not needed.
fn host_unneeded(plan: &Plan, routing: &Routing, d: &Diagnostic) -> bool {
    if d.code != HOST_MISSING {
        return false;
    }
    let serverless = crate::platform::customer_io::serverless_lanes(plan, routing);
    (plan.lanes.iter().enumerate()).any(|(i, lane)| {
        serverless.contains(&lane.id) && d.path == format!("$.lanes[{i}].smtp.host")
    })
}

/// A fix that would start a warm-up on a day already past is no fix: the
/// finding on a start that has passed would take it back. The finding
/// stays, saying so.
fn no_past_starts(findings: &mut [Diagnostic], today: NaiveDate) {
    for d in findings.iter_mut() {
        let edits = d.fix.as_ref().map_or(&[][..], |f| f.edits.as_slice());
        if edits.iter().any(|e| starts_before(e, today)) {
            d.fix = None;
            d.hint = format!("{} That day has passed, so no fix is offered.", d.hint);
        }
    }
}

/// Whether `edit` starts a warm-up before `today`.
fn starts_before(edit: &Edit, today: NaiveDate) -> bool {
    match edit {
        Edit::Warmup {
            set: WarmupField::StartDate(day),
            ..
        } => crate::warmup::calendar::date(day).is_some_and(|d| d < today),
        Edit::Many(edits) => edits.iter().any(|e| starts_before(e, today)),
        _ => false,
    }
}

/// The same, with the DNS checks already made for this plan's `DnsKey`,
/// what DMARC reports prove (checklist evidence, and where the policy
/// receivers saw published is not the plan's), what a check of published
/// DNS proves, and the lanes' health from imported delivery data
/// (checklist evidence, and a finding for each lane at Act or Watch).
pub fn findings_with(
    plan: &Plan,
    today: NaiveDate,
    domains: Rc<DnsPart>,
    reports: &Proof,
    live: &LiveProof,
    health: &Health,
) -> Findings {
    let routing = route(plan);
    let mut fields = validate(plan);
    fields.retain(|d| !host_unneeded(plan, &routing, d));
    // A one-off send dated before today is told as passed, once: that it
    // also falls outside the simulated days would repeat it, with a fix
    // that simulates back to a send that is over.
    let sends = past_sends(plan, today);
    let passed = |d: &Diagnostic| sends.iter().any(|p| p.path == d.path);
    fields.retain(|d| !(d.code == OUTSIDE && passed(d)));
    name_places(plan, &mut fields);
    let mut shown = fields.clone();
    shown.extend(routing.diagnostics.iter().cloned());
    let carried = carried_on(plan, &routing, today).into_owned();
    shown.extend(lint_on(plan, &routing, &carried));
    name_places(plan, &mut shown[fields.len()..]);
    let mut all = shown.clone();
    all.extend(domains.findings.iter().cloned());
    // A stricter policy found published, when the pasted records do not
    // say so already.
    let pasted_weakens = (domains.findings.iter()).any(|d| d.code == WEAKENS);
    if !pasted_weakens {
        all.extend(weakened_in_dns(plan, &live.dmarc, today));
    }
    all.extend(domains.existing_findings.iter().cloned());
    // Findings about today (a warm-up start or a one-off send that has
    // passed, a seed test dated ahead of it) are warnings no item's status
    // reads, so the checklist they need is made without them and they join
    // after.
    let checklist = checklist(
        plan,
        &routing,
        &all,
        Some(&domains.evidence),
        &reports.evidence,
        &live.lanes,
        &health.lanes,
        today,
    );
    let ready = |lane: &str| earliest_start(&checklist, lane, today);
    date_unscheduled(plan, &mut fields, ready);
    date_unscheduled(plan, &mut shown, ready);
    date_unscheduled(plan, &mut all, ready);
    for list in [&mut fields, &mut shown, &mut all] {
        no_past_starts(list, today);
    }
    let mut dated = past_starts(plan, today, ready);
    dated.extend(future_seeds(plan, today));
    dated.extend(marked_warm(plan, &routing, today));
    dated.extend(sends);
    name_places(plan, &mut dated);
    all.extend(dated.iter().cloned());
    shown.extend(dated);
    // A published record stricter than today's stage is already an error
    // from the pasted records; the reports' word on p and sp would repeat
    // it.
    let weakens = all.iter().any(|d| d.code == WEAKENS);
    let mut seen: Vec<Diagnostic> = (reports.findings.iter())
        .filter(|d| !(weakens && d.code == POLICY_DIFFERS))
        .cloned()
        .collect();
    // Lanes whose delivery data reaches a line: no item's status reads
    // them, as a lane's mail going wrong undoes no step of the set-up.
    seen.extend(crate::monitor::findings::findings(plan, health));
    seen.extend(crate::monitor::findings::ahead_of_today(
        plan,
        health,
        &today.to_string(),
    ));
    // A disagreement between reporters is seen to on the DMARC reports
    // tab, and a lane's health on the Monitoring tab, which is where their
    // Open buttons go.
    name_finding_places(plan, &mut seen);
    all.extend(seen);
    // Stable, so findings keep the plan's order within a severity.
    all.sort_by_key(|d| d.severity);
    Findings {
        sender_rules: sender_rules(plan, &routing),
        routing,
        carried,
        fields,
        plan: shown,
        domains,
        all,
        checklist,
    }
}
