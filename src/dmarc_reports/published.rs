//! What receivers saw published: the DMARC policies the kept reports name,
//! each with who reported it and the days, latest first; and whether the
//! latest one for the brand's primary domain is the policy the plan's
//! rollout has in force on that day.
//!
//! Tags compare as receivers apply them, as the published-DNS check reads
//! a record: a missing `sp` is `p`. A report that leaves out `np` says
//! nothing of it, since many reporters do whatever the record says.

use super::store::Store;
use super::PublishedPolicy;
use crate::dns::plan::{dmarc_record, stage_on};
use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{DmarcPolicy, Plan};
use crate::units::{and_list, iso_date};

/// The code of a report finding whose p or sp differs from the plan's.
pub const POLICY_DIFFERS: &str = "dmarc_reports.published_policy";
/// The code of a report finding whose np differs from the plan's.
pub const NP_DIFFERS: &str = "dmarc_reports.published_np";

/// One policy the reports saw published, with every organisation that
/// reported it and the first and last day of those reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub policy: PublishedPolicy,
    /// By name.
    pub orgs: Vec<String>,
    pub first: String,
    pub last: String,
}

impl Period {
    /// The days in words: one day, or the first to the last.
    pub fn days(&self) -> String {
        if self.first == self.last {
            self.first.clone()
        } else {
            format!("{} to {}", self.first, self.last)
        }
    }
}

/// Each distinct published policy (its domain included), the one seen
/// last first.
pub fn periods(store: &Store) -> Vec<Period> {
    let mut out: Vec<Period> = Vec::new();
    for seen in &store.published {
        match out.iter_mut().find(|p| p.policy == seen.policy) {
            Some(p) => {
                if let Err(at) = p.orgs.binary_search(&seen.org) {
                    p.orgs.insert(at, seen.org.clone());
                }
                if seen.first < p.first {
                    p.first.clone_from(&seen.first);
                }
                if seen.last > p.last {
                    p.last.clone_from(&seen.last);
                }
            }
            None => out.push(Period {
                policy: seen.policy.clone(),
                orgs: vec![seen.org.clone()],
                first: seen.first.clone(),
                last: seen.last.clone(),
            }),
        }
    }
    out.sort_by(|a, b| {
        (&b.last, &b.first)
            .cmp(&(&a.last, &a.first))
            .then_with(|| a.policy.domain.cmp(&b.policy.domain))
    });
    out
}

/// A published policy as its tags, such as `p=none; sp=none; np absent`,
/// with `t=y` while it is in test mode.
pub fn words(policy: &PublishedPolicy) -> String {
    let tag = |name: &str, value: &str| match value {
        "" => format!("{name} absent"),
        v => format!("{name}={v}"),
    };
    let mut out = format!(
        "{}; {}; {}",
        tag("p", &policy.p),
        tag("sp", &policy.sp),
        tag("np", policy.np.map_or("", DmarcPolicy::as_str)),
    );
    if policy.testing == "y" {
        out.push_str("; t=y");
    }
    out
}

fn policy_of(text: &str) -> Option<DmarcPolicy> {
    DmarcPolicy::ALL.into_iter().find(|p| p.as_str() == text)
}

/// The latest policy the reports saw for the brand's primary domain
/// against the rollout's policy on its last day: `None` when there is
/// nothing to compare (no such report, or a p no receiver applies), else
/// the findings, none when they agree.
pub fn compare(plan: &Plan, store: &Store) -> Option<Vec<Diagnostic>> {
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok()?;
    let all = periods(store);
    let latest = all.iter().find(|p| p.policy.domain == primary)?;
    let seen = &latest.policy;
    let day = iso_date(&latest.last)?;
    let p = policy_of(&seen.p)?;
    // An sp no receiver knows is left out of the comparison.
    let sp = match seen.sp.as_str() {
        "" => Some(p),
        text => policy_of(text),
    };
    let stage = stage_on(plan, day);
    let planned_np = plan.dmarc.np.unwrap_or(stage);
    let by = format!(
        "{} ({}, {})",
        words(seen),
        and_list(&latest.orgs),
        latest.days()
    );
    let record = dmarc_record(plan, stage);
    let at = format!("_dmarc.{primary}");
    let differs = |tag: &str, seen: String, planned: String| {
        format!("{tag} differs: receivers saw {seen}, the plan has {planned}")
    };
    // A value a missing tag takes from another says so.
    let fallback = |value: DmarcPolicy, absent: bool, tag: &str, from: &str| match absent {
        true => format!("{} ({tag} absent, so {from} applies)", value.as_str()),
        false => value.as_str().to_string(),
    };
    let mut out = Vec::new();
    let mut tags = Vec::new();
    if p != stage {
        tags.push(differs("p", p.as_str().into(), stage.as_str().into()));
    }
    if let Some(sp) = sp.filter(|sp| *sp != stage) {
        tags.push(differs(
            "sp",
            fallback(sp, seen.sp.is_empty(), "sp", "p"),
            stage.as_str().into(),
        ));
    }
    if !tags.is_empty() {
        out.push(
            Diagnostic::warning(
                POLICY_DIFFERS,
                "$.dmarc.rollout_start",
                format!(
                    "Receivers last saw {by} published for {primary}, and the plan's rollout has p={} in force on {day}. {}.",
                    stage.as_str(),
                    tags.join("; ")
                ),
            )
            .hint(format!(
                "Update the DMARC record at {at} to the plan's ({record}), or change the rollout's dates if the published record is where it should be."
            )),
        );
    }
    // Reporters differ in the tags they write: many leave np out whatever
    // the record says (the live DNS check reads the record itself), so
    // only an np the report states is compared.
    if let Some(np) = seen.np.filter(|np| *np != planned_np) {
        let tag = differs(
            "np",
            np.as_str().to_string(),
            fallback(planned_np, plan.dmarc.np.is_none(), "np", "sp"),
        );
        out.push(
            Diagnostic::warning(
                NP_DIFFERS,
                "$.dmarc.np",
                format!("Receivers last saw {by} published for {primary}, and the plan has another policy for subdomains that do not exist on {day}. {tag}."),
            )
            .hint(format!(
                "Update the DMARC record at {at} to the plan's ({record}), or set the plan's policy for subdomains that do not exist to the one published if that is the one wanted."
            )),
        );
    }
    Some(out)
}
