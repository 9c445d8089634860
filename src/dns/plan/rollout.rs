//! The DMARC rollout calendar: the stages on the way to the goal, when
//! each starts, and the stage in force on a day.

use chrono::{Days, NaiveDate};

use crate::plan::model::{DmarcPlan, DmarcPolicy, Plan};

use super::dmarc_record;

/// The rollout stage in force on `today`: the first (p=none, or the
/// plan's first stage) before the rollout starts or while it has no start
/// date.
pub fn stage_on(plan: &Plan, today: NaiveDate) -> DmarcPolicy {
    match rollout(plan) {
        Some(stages) => stages
            .iter()
            .rev()
            .find(|s| s.starts <= today)
            .or(stages.first())
            .map_or(plan.dmarc.goal, |s| s.policy),
        None => first_stage(&plan.dmarc),
    }
}

/// The policy the rollout starts at: the plan's first stage, never past
/// its goal, else p=none.
pub fn first_stage(dmarc: &DmarcPlan) -> DmarcPolicy {
    let first = dmarc.first_stage.unwrap_or(DmarcPolicy::None);
    first.min(dmarc.goal)
}

/// The policies the plan's rollout passes through: those on the way to
/// its goal from its first stage.
pub fn planned_stages(plan: &Plan) -> &'static [DmarcPolicy] {
    let all = stages_to(plan.dmarc.goal);
    let first = first_stage(&plan.dmarc);
    &all[all.iter().position(|p| *p == first).unwrap_or(0)..]
}

/// The stages on the way to the goal that the plan's first stage skips.
pub fn skipped_stages(plan: &Plan) -> &'static [DmarcPolicy] {
    let all = stages_to(plan.dmarc.goal);
    &all[..all.len() - planned_stages(plan).len()]
}

/// One step of the DMARC rollout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RolloutStage {
    pub policy: DmarcPolicy,
    pub starts: NaiveDate,
    pub record: String,
}

/// The policies a rollout passes through on its way to `goal`.
pub fn stages_to(goal: DmarcPolicy) -> &'static [DmarcPolicy] {
    match goal {
        DmarcPolicy::None => &[DmarcPolicy::None],
        DmarcPolicy::Quarantine => &[DmarcPolicy::None, DmarcPolicy::Quarantine],
        DmarcPolicy::Reject => &[
            DmarcPolicy::None,
            DmarcPolicy::Quarantine,
            DmarcPolicy::Reject,
        ],
    }
}

/// p=none with reports, then quarantine, then the goal, each for
/// `weeks_per_stage` weeks, from the plan's first stage on (the stages
/// before it are skipped, and have no dates); `None` until a valid start
/// date is set.
pub fn rollout(plan: &Plan) -> Option<Vec<RolloutStage>> {
    let start = crate::units::iso_date(&plan.dmarc.rollout_start)?;
    let weeks = u64::from(crate::plan::ranges::DMARC_WEEKS.clamp(plan.dmarc.weeks_per_stage));
    let policies = planned_stages(plan);
    policies
        .iter()
        .enumerate()
        .map(|(i, &policy)| {
            let starts = start.checked_add_days(Days::new(weeks * 7 * i as u64))?;
            Some(RolloutStage {
                policy,
                starts,
                record: dmarc_record(plan, policy),
            })
        })
        .collect()
}
