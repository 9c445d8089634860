//! What the simulator runs: the plan's own what-if settings and fallback
//! plans, and the "everything on one lane" scenario it is compared with.

use super::flows::Ledger;
use super::{Action, Fallback, Move, Run, Settings, Source};
use crate::plan::model::{EngagementFilter, LaneStatus, Overflow, Plan, Purpose};
use crate::plan::routing::Routing;

/// Whether the one lane the plan is compared with starts warm: it does
/// when any of the plan's lanes is warm, whose reputation the brand could
/// send everything through. A brand whose lanes are all new would warm up
/// one lane as well.
pub fn single_lane_warm(plan: &Plan) -> bool {
    plan.lanes.iter().any(|l| l.status == LaneStatus::Warm)
}

/// The names of the plan's paused lanes whose mail goes unsent in `run`:
/// the one lane the plan is compared with sends it.
pub fn paused_unsent(plan: &Plan, run: &Run) -> Vec<String> {
    (plan.lanes.iter())
        .filter(|l| l.status == LaneStatus::Paused)
        .filter(|l| {
            let lost = (run.lanes.iter()).find(|r| r.lane_id == l.id);
            let waiting = |r: &super::LaneRun| r.days.last().is_some_and(|d| d.waiting > 0.0);
            lost.is_some_and(|r| r.total(|d| d.lost) > 0.0 || waiting(r))
        })
        .map(|l| l.name.clone())
        .collect()
}

/// The same journeys on one lane: the plan's default lane (or its first)
/// takes every journey, warm with no warm-up when `single_lane_warm`,
/// else on its own warm-up, its overflow deferred since no other lane is
/// left to spill into.
pub fn single_lane(plan: &Plan) -> (Plan, Routing) {
    let mut one = plan.clone();
    let keep = plan
        .default_lane
        .clone()
        .or_else(|| plan.lanes.first().map(|l| l.id.clone()))
        .unwrap_or_default();
    let warm = single_lane_warm(plan);
    one.lanes.retain(|l| l.id == keep);
    for lane in &mut one.lanes {
        if warm {
            lane.warmup = None;
            lane.status = LaneStatus::Warm;
        } else if lane.status == LaneStatus::Paused {
            // The one lane is one the brand sends everything through,
            // whatever the plan pauses.
            lane.status = LaneStatus::New;
        }
        if let (false, Some(w)) = (warm, lane.warmup.as_mut()) {
            // A lane that suppressed its overflow would lose the other
            // lanes' mail as well, which no team sending everything on one
            // lane would choose, and the comparison would flatter the plan.
            w.overflow = Overflow::Defer;
            w.spill_lane = None;
        }
        lane.purpose = Purpose::Custom;
        // One lane carries all the mail, which a lane's engagement filter
        // would keep from people it must reach; how far promotions go is
        // the what-if's promo audience, as on the plan's lanes.
        lane.engagement_filter = EngagementFilter::None;
    }
    one.rules.clear();
    for j in &mut one.journeys {
        j.lane_override = None;
    }
    one.default_lane = Some(keep);
    let routing = crate::plan::routing::route(&one);
    (one, routing)
}

/// Runs the plan with its fallbacks and moves, and its journeys on one
/// lane (`single_lane`) without fallback plans. Each day the one lane
/// wants what the plan's lanes want together, journey by journey: moves
/// only carry mail between the plan's lanes, but a peak swells the mail
/// its lane still carries on its day, which the one lane wants too.
/// `None` without a valid start date.
pub fn simulate_with_one_lane(
    plan: &Plan,
    routing: &Routing,
    settings: &Settings,
    plans: (&[Fallback], &[Move]),
) -> Option<(Run, Run)> {
    let mut ledger = Ledger::default();
    let ours = super::run(
        plan,
        routing,
        settings,
        plans,
        Source::Own(Some(&mut ledger)),
    )?;
    let (one, one_routing) = single_lane(plan);
    let shared = super::run(
        &one,
        &one_routing,
        settings,
        (&[], &[]),
        Source::Follow(&ledger),
    )?;
    Some((ours, shared))
}

/// The one lane of `simulate_with_one_lane` alone.
pub fn simulate_single_lane(
    plan: &Plan,
    routing: &Routing,
    settings: &Settings,
    plans: (&[Fallback], &[Move]),
) -> Option<Run> {
    simulate_with_one_lane(plan, routing, settings, plans).map(|(_, shared)| shared)
}

/// The simulator's settings and fallbacks from the plan: its what-if
/// settings over the card's defaults. The first day is the plan's, or the
/// earliest first day of a warm-up or a migration; `None` when none is set.
pub fn from_plan(plan: &Plan) -> Option<(Settings, Vec<Fallback>)> {
    let sim = &plan.simulation;
    let start = Some(sim.start_date.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| super::first_days(plan).min().map(|d| d.to_string()))?;
    let mut settings = Settings {
        start_date: start,
        days: crate::plan::ranges::SIMULATED_DAYS.clamp(sim.days),
        promo_frequency: f64::from(sim.promo_frequency_percent) / 100.0,
        promo_audience: sim.promo_audience,
        complaint_multiplier: f64::from(sim.complaint_percent) / 100.0,
        gate_delivered: sim.gate_delivered_percent / 100.0,
        gate_complaints: sim.gate_complaint_percent / 100.0,
        gate_bounces: sim.gate_bounce_percent / 100.0,
        ..Settings::default()
    };
    if let Some(mix) = mix_shares(sim.mix_percent) {
        settings.mix = mix;
    }
    let fallbacks = sim.fallbacks.iter().map(|f| fallback(plan, f)).collect();
    Some((settings, fallbacks))
}

/// A lane's fallback plan, which fires where the lane's monitoring
/// thresholds call for action, as the Monitoring tab judges it: the
/// reference's 0.3% complaints and 5% bounces when the plan sets none.
fn fallback(plan: &Plan, f: &crate::plan::model::FallbackPlan) -> Fallback {
    let (act, _) = plan.monitoring.thresholds_or_reference(&f.lane);
    Fallback {
        lane_id: f.lane.clone(),
        action: match f.action {
            crate::plan::model::FallbackAction::PausePromotions => Action::PausePromotions,
            crate::plan::model::FallbackAction::Shift => {
                Action::ShiftTo(f.shift_lane.clone().unwrap_or_default())
            }
            crate::plan::model::FallbackAction::TightenTo30Days => Action::TightenTo30Days,
        },
        complaints_at: act.complaint_act_percent / 100.0,
        bounces_at: act.bounce_act_percent / 100.0,
    }
}

/// Each provider's share of the recipients from the plan's percentages,
/// read as parts of their sum so the shares add up to 1 whatever the
/// file says; `None` when they are all zero and say nothing.
fn mix_shares(percent: [u32; 5]) -> Option<[f64; 5]> {
    // Summed as u64: five u32 values cannot overflow it.
    let total: u64 = percent.iter().map(|&p| u64::from(p)).sum();
    (total > 0).then(|| percent.map(|p| f64::from(p) / total as f64))
}
