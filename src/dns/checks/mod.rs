//! Authentication checks of a plan over its planned zone: every record
//! validated, each lane's SPF verdict per sending address with its trace,
//! DMARC alignment of SPF and DKIM with the From domain, and the 2025 bulk
//! sender requirements of Gmail, Yahoo and Microsoft.
//!
//! This file holds the report's types and the run that gathers every check
//! and each lane's part of it; the files beside it each hold one group of
//! checks.

mod alignment;
mod plan_wide;
mod records;
mod requirements;
mod return_paths;
mod suffix_list;

use std::net::IpAddr;

use crate::dns::dmarc::{discover, Discovery};
use crate::dns::plan::{
    lane_domains, planned_zone, records_at_stage, LaneDomains, Pasted, PlannedRecord,
};
use crate::dns::psl::SuffixList;
use crate::dns::spf::{check_host, SpfOutcome, SpfQuery, SpfResult};
use crate::dns::{Answer, RecordData, RecordType, Resolver, Zone};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{DmarcPolicy, Lane, Plan};

use alignment::{lane_findings, Aligned};
pub use plan_wide::enforcing_unready;
use plan_wide::{extras_findings, shared_keys};
use records::record_findings;
use requirements::requirements;
use return_paths::{
    bounces_on_mail_names, stale_return_paths, unused_mailgun_return_paths,
    unused_sendgrid_return_paths,
};
use suffix_list::{psl_differs, public_suffix, suffix_identities};

/// Daily volume above which mailbox providers treat a sender as bulk; Gmail
/// counts every subdomain of the primary domain together.
pub const BULK_THRESHOLD: u64 = 5_000;

/// The SPF verdict for one sending address of a lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpfVerdict {
    pub ip: String,
    pub outcome: SpfOutcome,
}

/// An SPF verdict as the pages show it and the workers send it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct VerdictView {
    pub ip: String,
    pub result: SpfResult,
    pub dns_terms: u32,
    pub void_lookups: u32,
    pub trace: Vec<String>,
}

impl VerdictView {
    pub fn of(verdict: &SpfVerdict) -> VerdictView {
        VerdictView {
            ip: verdict.ip.clone(),
            result: verdict.outcome.result,
            dns_terms: verdict.outcome.dns_terms,
            void_lookups: verdict.outcome.void_lookups,
            trace: verdict.outcome.trace.clone(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Missing,
    /// Met once a placeholder is replaced, or checked outside the plan.
    Pending,
    NotApplicable,
}

/// One bulk-sender requirement for one lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirement {
    pub requirement: &'static str,
    /// Which mailbox providers require it.
    pub required_by: &'static str,
    pub status: Status,
    pub detail: String,
}

/// Everything the checks say about one lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LaneAuth {
    pub lane_id: String,
    pub domains: LaneDomains,
    pub spf: Vec<SpfVerdict>,
    /// The provider host the bounce name's CNAME leads to, where the
    /// provider keeps the SPF record the plan cannot see.
    pub spf_behind: Option<String>,
    /// Organisational domains of the bounce and DKIM domains (tree walk).
    pub bounce_org: String,
    pub dkim_org: String,
    /// The same three by the Public Suffix List (RFC 7489), when given one.
    pub psl_orgs: Option<[Option<String>; 3]>,
    pub strict_spf: bool,
    pub strict_dkim: bool,
    pub spf_aligned: bool,
    pub dkim_aligned: bool,
    pub dmarc: Discovery,
    pub requirements: Vec<Requirement>,
}

/// The checks for a whole plan.
#[derive(Clone, Debug, PartialEq)]
pub struct AuthReport {
    pub lanes: Vec<LaneAuth>,
    pub findings: Vec<Diagnostic>,
}

/// Runs every check over the plan's records joined with the existing ones.
pub fn check_authentication(plan: &Plan) -> AuthReport {
    check_authentication_with(plan, &Pasted::of(plan), None, plan.dmarc.goal)
}

/// The checks, plus a comparison of each lane's alignment under RFC 9989's
/// tree walk with alignment under RFC 7489's Public Suffix List, which
/// receivers that have not moved to RFC 9989 still use. The brand's DMARC
/// record is at the rollout's `stage`, so the policy shown is the one that
/// applies while that stage is published. `pasted` holds the plan's
/// pasted records, read once for the whole check.
pub fn check_authentication_with(
    plan: &Plan,
    pasted: &Pasted,
    psl: Option<&SuffixList>,
    stage: DmarcPolicy,
) -> AuthReport {
    let (zone, mut findings) = planned_zone(plan, pasted, stage);
    // The records at the rollout's goal, which the checks below read.
    let planned = records_at_stage(plan, pasted, plan.dmarc.goal);
    findings.extend(psl.and_then(|list| public_suffix(plan, list)));
    findings.extend(record_findings(plan, &zone, &planned));
    findings.extend(extras_findings(plan, pasted));
    findings.extend(shared_keys(plan));
    let bounces = bounces_on_mail_names(plan, &pasted.records, &planned);
    // A Return-Path name that carries other mail has an error that says
    // what replacing its records does; a note advising it would contradict it.
    let at_bounces: Vec<String> = (pasted.records.iter())
        .filter(|r| bounces.iter().any(|(name, _)| *name == r.name))
        .map(|r| format!("line {}", r.line))
        .collect();
    findings.retain(|d| !(d.code == "dns.replaced" && at_bounces.contains(&d.path)));
    findings.extend(bounces.into_iter().map(|(_, d)| d));
    findings.extend(unused_mailgun_return_paths(plan));
    findings.extend(unused_sendgrid_return_paths(plan));
    let stale = stale_return_paths(plan, &pasted.records, &planned);
    // The stale CNAME's error says what to publish instead: the note that
    // the plan replaces it, or the clash beside the planned SPF, would
    // repeat it.
    findings.retain(|d| {
        !stale.iter().any(|(name, line, _)| {
            (d.code == "dns.replaced" && d.path == *line)
                || (d.code == "dns.cname_and_other" && d.path == *name)
        })
    });
    findings.extend(stale.into_iter().map(|(_, _, d)| d));
    let lanes = plan
        .lanes
        .iter()
        .filter_map(|lane| lane_auth(plan, (&zone, &planned), psl, lane, &mut findings))
        .collect();
    AuthReport { lanes, findings }
}

/// One lane's authentication in the planned zone: its SPF verdicts, DMARC
/// policy and alignment, and the bulk-sender requirements it meets; its
/// findings go to `findings`. None for a lane without a sending domain.
fn lane_auth(
    plan: &Plan,
    (zone, planned): (&Zone, &[PlannedRecord]),
    psl: Option<&SuffixList>,
    lane: &Lane,
    findings: &mut Vec<Diagnostic>,
) -> Option<LaneAuth> {
    let domains = lane_domains(lane)?;
    // A provider's CNAME leads out of the plan, so its SPF is checked live.
    let spf_behind = cname_at(zone, &domains.bounce_domain);
    let spf = match spf_behind {
        Some(_) => Vec::new(),
        None => lane_spf(&PlannedResolver { zone }, lane, &domains),
    };
    let dmarc = discover(zone, &domains.from_domain);
    let org = |name: &str| discover(zone, name).organizational_domain;
    let a = Aligned::of(plan, zone, &domains, &dmarc);
    let psl_orgs = psl.map(|list| {
        [
            &domains.from_domain,
            &domains.bounce_domain,
            &domains.dkim_domain,
        ]
        .map(|d| list.organizational_domain(d))
    });
    if let Some(orgs) = &psl_orgs {
        let strict = (a.strict_spf, a.strict_dkim);
        findings.extend(psl_differs(lane, &domains, orgs, strict, (a.spf, a.dkim)));
        let index = plan.lanes.iter().position(|l| l.id == lane.id).unwrap_or(0);
        findings.extend(suffix_identities(lane, index, &domains, orgs));
    }
    lane_findings(plan, lane, &domains, &a, &dmarc, findings);
    let requirements = requirements((zone, planned), lane, &domains, &spf, &a, &dmarc);
    Some(LaneAuth {
        lane_id: lane.id.clone(),
        bounce_org: org(&domains.bounce_domain),
        dkim_org: org(&domains.dkim_domain),
        domains,
        spf,
        spf_behind,
        psl_orgs,
        strict_spf: a.strict_spf,
        strict_dkim: a.strict_dkim,
        spf_aligned: a.spf,
        dkim_aligned: a.dkim,
        dmarc,
        requirements,
    })
}

/// SPF `check_host()` for each of a lane's sending addresses, as a receiver
/// runs it for mail from the lane's bounce domain, over any resolver: the
/// planned zone here, published DNS in `dns::live`.
pub fn lane_spf(resolver: &dyn Resolver, lane: &Lane, domains: &LaneDomains) -> Vec<SpfVerdict> {
    let mail_from = format!("bounce@{}", domains.bounce_domain);
    lane.ip_addresses
        .iter()
        .filter_map(|ip| ip.trim().parse::<IpAddr>().ok())
        .map(|ip| {
            let query = SpfQuery {
                ip,
                mail_from: &mail_from,
                helo: &domains.bounce_domain,
                receiver: "receiver.example",
                timestamp: 0,
            };
            SpfVerdict {
                ip: ip.to_string(),
                outcome: check_host(resolver, &query),
            }
        })
        .collect()
}

/// Names outside the planned zone cannot be known: they answer as a
/// failed lookup, so verdicts that depend on them say temperror.
struct PlannedResolver<'a> {
    zone: &'a Zone,
}

impl Resolver for PlannedResolver<'_> {
    fn query(&self, name: &str, rtype: RecordType) -> Answer {
        match self.zone.query(name, rtype) {
            Answer::NxDomain if !self.zone.contains_name(name) && !name.ends_with(".arpa") => {
                Answer::Failure
            }
            answer => answer,
        }
    }
}

/// The CNAME target at `name` in the planned zone, if any.
fn cname_at(zone: &Zone, name: &str) -> Option<String> {
    zone.query(name, RecordType::Cname)
        .records()
        .iter()
        .find_map(|r| match r {
            RecordData::Cname(target) => Some(target.clone()),
            _ => None,
        })
}
