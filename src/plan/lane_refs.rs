//! What else a lane's deletion changes: the settings of other lanes and of
//! the plan that name it, which the reducer clears or removes with it
//! (`edit::delete_lane`), said in words before the user confirms.

use crate::plan::model::Plan;
use crate::units::{and_list, count};

/// Each thing deleting lane `id` clears or removes, besides its journeys'
/// routes, in the order the planner's tabs show them.
pub fn cleared_with(plan: &Plan, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let names =
        |lanes: Vec<&str>| and_list(&lanes.iter().map(|l| l.to_string()).collect::<Vec<_>>());
    let spilling: Vec<&str> = plan
        .lanes
        .iter()
        .filter(|l| l.warmup.as_ref().and_then(|w| w.spill_lane.as_deref()) == Some(id))
        .map(|l| l.name.as_str())
        .collect();
    if !spilling.is_empty() {
        out.push(format!("the warm-up spill lane of {}", names(spilling)));
    }
    let migrations = plan
        .migrations
        .iter()
        .filter(|m| m.from_lane == id || m.to_lane == id)
        .count() as u64;
    if migrations > 0 {
        out.push(count(migrations, "migration", "migrations"));
    }
    let shifting: Vec<&str> = plan
        .simulation
        .fallbacks
        .iter()
        .filter(|f| f.shift_lane.as_deref() == Some(id))
        .map(|f| plan.lane_name(&f.lane))
        .collect();
    if !shifting.is_empty() {
        out.push(format!("the fallback shift lane of {}", names(shifting)));
    }
    if plan.simulation.fallbacks.iter().any(|f| f.lane == id) {
        out.push("its fallback plan".to_string());
    }
    if plan.platform.all_emails_lane.as_deref() == Some(id) {
        out.push("the “All Emails” choice".to_string());
    }
    let tracked = plan.checklist.items.iter().any(|i| i.lane == id)
        || plan.checklist.seeds.iter().any(|s| s.lane == id);
    if tracked {
        out.push("its checklist progress and seed tests".to_string());
    }
    let preferences = &plan.preferences;
    let unsubscribes = preferences.one_click_lanes.iter().any(|l| l == id)
        || preferences
            .topics
            .iter()
            .any(|t| t.suppresses.iter().any(|l| l == id));
    if unsubscribes {
        out.push("its one-click unsubscribe and topic suppressions".to_string());
    }
    let watched = plan.monitoring.thresholds.iter().any(|t| t.lane == id)
        || plan.monitoring.mapping.iter().any(|m| m.lane == id);
    if watched {
        out.push("its monitoring thresholds and key mappings".to_string());
    }
    out
}

/// What goes on naming lane `id` once it is deleted, for the user to
/// point elsewhere: the rules that send to it, the journeys whose override
/// it is, and the default lane. Routing never moves them silently.
pub fn left_naming(plan: &Plan, id: &str) -> Vec<String> {
    let mut out: Vec<String> = plan
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.lane == id)
        .map(|(i, r)| match r.name.trim() {
            "" => format!("rule {}", i + 1),
            name => format!("rule {} “{name}”", i + 1),
        })
        .collect();
    let overrides = plan
        .journeys
        .iter()
        .filter(|j| j.lane_override.as_deref() == Some(id))
        .count() as u64;
    if overrides > 0 {
        out.push(format!(
            "the lane override of {}",
            count(overrides, "journey", "journeys")
        ));
    }
    if plan.default_lane.as_deref() == Some(id) {
        out.push("the default lane".to_string());
    }
    out
}
