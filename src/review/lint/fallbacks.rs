//! What happens when a lane's reputation drops: a plan without fallbacks,
//! and promotions or warm-up overflow sent into the warm transactional lane.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::Edit;
use crate::plan::model::{FallbackAction, FallbackPlan, Lane, Overflow, Plan, Purpose};
use crate::plan::validate::{is_warm, shift_fix, spill_fix};

/// A plan of several lanes with no fallback for a reputation drop.
pub(super) fn no_fallback(plan: &Plan) -> Option<Diagnostic> {
    if !plan.simulation.fallbacks.is_empty() || plan.lanes.len() < 2 {
        return None;
    }
    let finding = Diagnostic::info(
        "lint.no_fallback",
        "$.simulation.fallbacks",
        "No lane has a fallback plan for when its reputation drops.",
    )
    .hint("On the Simulation tab, give the promotional lane a fallback: pause promotions or mail only recent engagers.");
    let promotional: Vec<Edit> = plan
        .lanes
        .iter()
        .filter(|l| l.purpose == Purpose::Promotional)
        .map(|l| Edit::SetFallback {
            lane: l.id.clone(),
            action: Some(FallbackAction::PausePromotions),
        })
        .collect();
    Some(if promotional.is_empty() {
        finding
    } else {
        finding.fix("Pause promotions when it drops", promotional)
    })
}

/// Promotions and warm-up overflow sent into a warm transactional lane.
pub(super) fn into_transactional(plan: &Plan) -> Vec<Diagnostic> {
    let fallbacks = plan.simulation.fallbacks.iter().enumerate();
    let lanes = plan.lanes.iter().enumerate();
    fallbacks
        .filter_map(|(i, f)| {
            shift_to_transactional(plan, i, f).or_else(|| shift_onto_recovery(plan, i, f))
        })
        .chain(lanes.filter_map(|(i, l)| spill_to_transactional(plan, i, l)))
        .collect()
}

/// The transactional lane `id` names, when it is warm; a lane that is not
/// warm is validation's to report (`simulation.shift_cold`,
/// `warmup.spill_cold`).
fn warm_transactional<'a>(plan: &'a Plan, id: Option<&str>) -> Option<&'a Lane> {
    plan.lane(id?)
        .filter(|l| l.purpose == Purpose::Transactional && is_warm(l))
}

fn shift_to_transactional(
    plan: &Plan,
    index: usize,
    fallback: &FallbackPlan,
) -> Option<Diagnostic> {
    if fallback.action != FallbackAction::Shift {
        return None;
    }
    // Shifting to the lane itself is validation's error.
    let to = warm_transactional(plan, fallback.shift_lane.as_deref())
        .filter(|to| to.id != fallback.lane)?;
    Some(
        Diagnostic::warning(
            "lint.shift_to_transactional",
            format!("$.simulation.fallbacks[{index}].shift_lane"),
            format!(
                "When {} drops, its fallback shifts promotions to {}, the transactional lane, so a promotion gone wrong can take receipts and password resets down with it.",
                plan.lane_name(&fallback.lane),
                to.name
            ),
        )
        .hint("Shift promotions to a warm marketing lane, or pause them; keep the transactional lane for mail people ask for.")
        .with_fix(shift_fix(plan, fallback)),
    )
}

/// A fallback that shifts a marketing lane's promotions onto the lane of
/// cart and checkout recovery: the mix the lanes exist to keep apart, at
/// the moment the promotions are doing harm.
fn shift_onto_recovery(plan: &Plan, index: usize, fallback: &FallbackPlan) -> Option<Diagnostic> {
    let from = plan.lane(&fallback.lane)?;
    let to = plan
        .lane(fallback.shift_lane.as_deref()?)
        .filter(|to| to.purpose == Purpose::RevenueFlows && to.id != from.id)?;
    if fallback.action != FallbackAction::Shift || from.purpose == Purpose::RevenueFlows {
        return None;
    }
    Some(
        Diagnostic::warning(
            "lint.shift_onto_recovery",
            format!("$.simulation.fallbacks[{index}].shift_lane"),
            format!(
                "When {} drops, its fallback shifts promotions to {}, the lane of cart and checkout recovery, so the promotions that hurt one lane then drag recovery mail down too.",
                from.name, to.name
            ),
        )
        .hint("Shift promotions to a warm marketing lane, or pause them; keep recovery flows on a lane of their own.")
        .with_fix(shift_fix(plan, fallback)),
    )
}

fn spill_to_transactional(plan: &Plan, index: usize, lane: &Lane) -> Option<Diagnostic> {
    let w = lane
        .warmup
        .as_ref()
        .filter(|w| w.overflow == Overflow::Spill)?;
    // Transactional overflow may spill into another transactional lane.
    if lane.purpose == Purpose::Transactional {
        return None;
    }
    let to = warm_transactional(plan, w.spill_lane.as_deref())?;
    Some(
        Diagnostic::warning(
            "lint.spill_to_transactional",
            format!("$.lanes[{index}].warmup.spill_lane"),
            format!(
                "The warm-up of {} spills its overflow into {}, the transactional lane, so marketing mail borrows the reputation that receipts and password resets need.",
                lane.name, to.name
            ),
        )
        .hint("Spill into a warm lane of the same kind, or defer the overflow.")
        .with_fix(spill_fix(plan, lane)),
    )
}
