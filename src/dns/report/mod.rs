//! Everything the domains page shows, computed in one pass from the plan
//! and today's date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::dns::checks::{
    check_authentication_with, enforcing_unready, LaneAuth, Status, VerdictView,
};
use crate::dns::plan::{
    first_stage, mta_sts_policy, records_at_stage, rollout, skipped_stages, stage_on, zone_files,
    Pasted, PlannedRecord,
};
use crate::dns::psl::SuffixList;
use crate::dns::zonefile::ParsedRecord;
use crate::dns::RecordData;
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{DmarcPolicy, Plan};

mod evidence;
mod published;

pub use evidence::{evidence, Evidence};
use published::{
    at_pasted_lines, dmarc_name, dropped_reports, duplicate_dmarc, ignored_dmarc,
    nonexistent_unset, pasted_subdomain_policy, published_policy, subdomains_enforcing,
    weakened_dmarc,
};

/// The domains page's data for one plan on one day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DomainsReport {
    /// Every planned record, the DMARC record at today's rollout stage.
    pub records: Vec<RecordView>,
    pub zone_files: Vec<ZoneFileView>,
    pub lanes: Vec<LaneView>,
    /// Findings about records, alignment and optional records.
    pub findings: Vec<Diagnostic>,
    /// Existing records read from the pasted text, and what is wrong in it
    /// or in the records at names only it holds.
    pub existing_count: u32,
    pub existing_findings: Vec<Diagnostic>,
    pub mta_sts_policy: Option<String>,
    pub rollout: Vec<StageView>,
    /// Why the rollout skips its first stages, in a sentence; `None` when
    /// it starts at p=none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// The DMARC policy in force today, which the zone files carry.
    pub stage: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordView {
    pub name: String,
    pub kind: String,
    /// The value as DNS dashboards ask for it: TXT strings joined.
    pub value: String,
    pub why: String,
    pub lane: Option<String>,
    pub placeholder: bool,
    /// Where the pasted records hold the provider's record in place of
    /// this placeholder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_as: Option<String>,
    /// The pasted records hold this record with its planned value, or one
    /// that serves as well.
    #[serde(default)]
    pub pasted: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ZoneFileView {
    pub origin: String,
    pub records: Vec<RecordView>,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneView {
    pub lane_id: String,
    pub from_domain: String,
    pub bounce_domain: String,
    pub dkim_domain: String,
    /// The DKIM selector in words: `selector s1`.
    pub selector_shown: String,
    pub from_org: String,
    pub bounce_org: String,
    pub dkim_org: String,
    /// From, bounce and DKIM organisational domains by the Public Suffix
    /// List; `None` when no list was given.
    pub psl_orgs: Option<Vec<Option<String>>>,
    pub strict_spf: bool,
    pub strict_dkim: bool,
    pub spf_aligned: bool,
    pub dkim_aligned: bool,
    /// Where the applicable DMARC record is, and its policy.
    pub dmarc_at: Option<String>,
    pub dmarc_policy: Option<String>,
    pub dmarc_queried: Vec<String>,
    pub spf: Vec<VerdictView>,
    /// Where the provider keeps the lane's SPF record, behind a CNAME.
    pub spf_behind: Option<String>,
    pub requirements: Vec<RequirementView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequirementView {
    pub requirement: String,
    pub required_by: String,
    pub status: Status,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageView {
    pub policy: String,
    /// The day the stage starts; empty for a skipped stage.
    pub starts: String,
    /// The day the next stage starts; `None` for the last.
    pub ends: Option<String>,
    pub record: String,
    pub current: bool,
    /// The stage comes before the plan's first stage, so the rollout never
    /// goes through it: it has no dates and no record.
    pub skipped: bool,
}

/// The code of the error that the published DMARC record enforces more
/// than the plan's rollout does today.
pub const WEAKENS: &str = "dmarc.weakens";

/// The error when the brand's DMARC record a check of published DNS
/// found enforces more than the rollout's stage of `today`, as the same
/// record pasted would give.
pub fn weakened_in_dns(
    plan: &Plan,
    found: &[ParsedRecord],
    today: NaiveDate,
) -> Option<Diagnostic> {
    let stage = stage_on(plan, today);
    let published = published_policy(plan, found)?;
    weakened_dmarc(plan, (published, found), (stage, today))
}

/// Builds the report. With a Public Suffix List,
/// alignment is also compared with RFC 7489's organisational domains.
pub fn domains_report(plan: &Plan, today: NaiveDate, psl: Option<&SuffixList>) -> DomainsReport {
    let stage = stage_on(plan, today);
    let pasted = Pasted::of(plan);
    let auth = check_authentication_with(plan, &pasted, psl, stage);
    let existing = &pasted.records;
    // The pasted text's own findings (at "line N"), and those about names
    // only the pasted records hold, are shown with the pasted records.
    let planned = records_at_stage(plan, &pasted, stage);
    let (existing_findings, findings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        auth.findings.into_iter().partition(|d| {
            let pasted = existing.iter().any(|r| r.name == d.path);
            // A pasted record receivers ignore is the pasted text's to fix,
            // even at a name the plan publishes too.
            d.path.starts_with("line ")
                || (pasted && ignored_dmarc(d))
                || (pasted && !planned.iter().any(|p| p.name == d.path))
        });
    let mut findings = findings;
    let existing_findings = at_pasted_lines(existing_findings, existing);
    let published = published_policy(plan, existing);
    let enforced = published.is_some_and(|p| p != DmarcPolicy::None);
    findings.extend(enforcing_unready(plan, stage, enforced));
    findings.extend(published.and_then(|p| weakened_dmarc(plan, (p, existing), (stage, today))));
    findings.extend(subdomains_enforcing(plan, existing));
    findings.extend(nonexistent_unset(plan, existing, stage));
    findings.extend(duplicate_dmarc(existing));
    if let Some(dropped) = dropped_reports(plan, existing) {
        // The planned record's own word on its missing rua= says less, and
        // has no fix.
        let name = dmarc_name(plan);
        let said = dropped.code == "dmarc.reports_dropped";
        findings
            .retain(|d| !(said && d.code == "dmarc.no_reports" && Some(&d.path) == name.as_ref()));
        findings.push(dropped);
    }
    let rollout = stage_views(plan, today);
    let fillers = crate::dns::plan::fillers(&planned, existing);
    // A name the plan gives a record of its own serves no placeholder.
    let mut claimed: Vec<String> = (planned.iter())
        .filter(|r| !r.name.contains('<'))
        .map(|r| crate::dns::canonical_name(&r.name))
        .collect();
    DomainsReport {
        records: (planned.iter().zip(fillers))
            .map(|(r, filler)| RecordView {
                published_as: filler.map(|e| e.name.clone()),
                pasted: self::pasted(r, existing, &mut claimed),
                ..RecordView::of(r)
            })
            .collect(),
        zone_files: zone_files(plan, &pasted, stage)
            .iter()
            .map(|f| ZoneFileView {
                origin: f.origin.clone(),
                records: f.records.iter().map(RecordView::of).collect(),
                text: f.text.clone(),
            })
            .collect(),
        lanes: auth.lanes.iter().map(LaneView::of).collect(),
        findings,
        existing_count: existing.len() as u32,
        existing_findings,
        mta_sts_policy: mta_sts_policy(plan, &pasted),
        rollout,
        skipped: skipped_words(plan, existing),
        stage: stage.as_str().to_string(),
    }
}

/// Each stage of the DMARC rollout with the day it ends and whether it is
/// the one in force on `today`; the stages the plan's first stage skips
/// come first, without dates. None while the rollout has no start date.
fn stage_views(plan: &Plan, today: NaiveDate) -> Vec<StageView> {
    let Some(stages) = rollout(plan) else {
        return Vec::new();
    };
    let skipped = skipped_stages(plan).iter().map(|p| StageView {
        policy: p.as_str().to_string(),
        starts: String::new(),
        ends: None,
        record: String::new(),
        current: false,
        skipped: true,
    });
    let dated = stages.iter().enumerate().map(|(i, s)| {
        let ends = stages.get(i + 1).map(|next| next.starts);
        StageView {
            policy: s.policy.as_str().to_string(),
            starts: s.starts.to_string(),
            ends: ends.map(|d| d.to_string()),
            record: s.record.clone(),
            current: s.starts <= today && ends.is_none_or(|e| today < e),
            skipped: false,
        }
    });
    skipped.chain(dated).collect()
}

/// Why the rollout skips its first stages, as a sentence without its full
/// stop: the policy it starts at, and where the brand's pasted record
/// publishes that policy (or that policy for subdomains), that it is the
/// one already published. `None` when the rollout starts at p=none.
pub fn skipped_words(plan: &Plan, existing: &[ParsedRecord]) -> Option<String> {
    let skipped: Vec<String> = (skipped_stages(plan).iter())
        .map(|p| p.label().to_string())
        .collect();
    if skipped.is_empty() {
        return None;
    }
    let first = first_stage(&plan.dmarc);
    let name = dmarc_name(plan).unwrap_or_default();
    let kept = if published_policy(plan, existing) == Some(first) {
        ", the policy the domain already publishes"
    } else if pasted_subdomain_policy(existing, &name) == Some(first) {
        ", the policy the domain already publishes for its subdomains"
    } else {
        ""
    };
    Some(format!(
        "The rollout starts at {}{kept}, so it skips {}",
        first.label(),
        crate::units::and_list(&skipped)
    ))
}

impl LaneView {
    fn of(a: &LaneAuth) -> Self {
        LaneView {
            lane_id: a.lane_id.clone(),
            from_domain: a.domains.from_domain.clone(),
            bounce_domain: a.domains.bounce_domain.clone(),
            dkim_domain: a.domains.dkim_domain.clone(),
            selector_shown: a.domains.selector_shown(),
            from_org: a.dmarc.organizational_domain.clone(),
            bounce_org: a.bounce_org.clone(),
            dkim_org: a.dkim_org.clone(),
            psl_orgs: a.psl_orgs.clone().map(|orgs| orgs.to_vec()),
            strict_spf: a.strict_spf,
            strict_dkim: a.strict_dkim,
            spf_aligned: a.spf_aligned,
            dkim_aligned: a.dkim_aligned,
            dmarc_at: a
                .dmarc
                .record
                .as_ref()
                .map(|(name, _)| format!("_dmarc.{name}")),
            dmarc_policy: a
                .dmarc
                .record
                .as_ref()
                .and_then(|(_, r)| r.effective_policy())
                .map(|p| p.as_str().to_string()),
            dmarc_queried: a.dmarc.queried.clone(),
            spf: a.spf.iter().map(VerdictView::of).collect(),
            spf_behind: a.spf_behind.clone(),
            requirements: a
                .requirements
                .iter()
                .map(|r| RequirementView {
                    requirement: r.requirement.to_string(),
                    required_by: r.required_by.to_string(),
                    status: r.status,
                    detail: r.detail.clone(),
                })
                .collect(),
        }
    }
}

impl RecordView {
    fn of(r: &PlannedRecord) -> Self {
        let (kind, value) = r.data.shown();
        RecordView {
            name: r.name.clone(),
            kind: kind.to_string(),
            value,
            why: r.why.clone(),
            lane: r.lane.clone(),
            placeholder: r.placeholder,
            published_as: None,
            pasted: false,
        }
    }
}

/// Whether the pasted records hold `planned` well enough for the plan: at
/// its name, or where a placeholder is filled in, with a value that serves.
/// A DMARC record only needs to be there: its policy is the rollout's
/// business, and the DMARC findings compare it. A pasted name that serves
/// a planned name with a placeholder in it is `claimed` by that record, so
/// each of SES's three token names counts once; the names of the plan's
/// other records come claimed.
fn pasted(planned: &PlannedRecord, existing: &[ParsedRecord], claimed: &mut Vec<String>) -> bool {
    use crate::dns::canonical_name;
    let open = planned.name.contains('<');
    let mut names: Vec<String> = (existing.iter())
        .map(|e| canonical_name(&e.name))
        // A placeholder pasted as it is was never filled in.
        .filter(|name| !name.contains('<'))
        .filter(|name| !open || !claimed.contains(name))
        .filter(|name| crate::dns::fits_placeholders(&planned.name, name))
        .collect();
    names.dedup();
    // Each name that fits a placeholder is a candidate of its own.
    let serving = names.into_iter().find(|name| {
        let found: Vec<RecordData> = (existing.iter())
            .filter(|e| canonical_name(&e.name) == *name)
            .map(|e| e.data.clone())
            .collect();
        if planned.name.starts_with("_dmarc.") {
            return found.iter().any(|d| {
                matches!(d, RecordData::Txt(t) if crate::dns::dmarc::is_dmarc_record(&String::from_utf8_lossy(&t.concat())))
            });
        }
        crate::dns::live::pasted_verdict(planned, &found).ok()
    });
    if let (true, Some(name)) = (open, &serving) {
        claimed.push(name.clone());
    }
    serving.is_some()
}
