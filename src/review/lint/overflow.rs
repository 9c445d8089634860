//! Warm-ups that hold back mail that cannot wait: a receipt, a login code
//! or a cart reminder deferred to a later day has lost its point, and one
//! not sent is lost, so a lane carrying them should spill its overflow.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, WarmupField};
use crate::plan::model::{Lane, Overflow, Plan};
use crate::plan::ranges::CALENDAR_DAYS;
use crate::plan::routing::Routing;
use crate::plan::validate::spill_into;
use crate::units::{and_list, group};
use crate::warmup::calendar::{calendar, Wanted};

/// One warning for each lane whose warm-up defers or drops mail that
/// cannot wait.
pub(super) fn deferred_urgent(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    (plan.lanes.iter().enumerate())
        .filter_map(|(index, lane)| held_back(plan, routing, index, lane))
        .collect()
}

fn held_back(plan: &Plan, routing: &Routing, index: usize, lane: &Lane) -> Option<Diagnostic> {
    let w = lane
        .warmup
        .as_ref()
        .filter(|w| w.overflow != Overflow::Spill)?;
    let urgent: Vec<String> = (routing.journeys_on(plan, &lane.id))
        .filter(|j| j.intent.is_transactional() || j.intent.is_recovery())
        .map(|j| j.called().to_string())
        .collect();
    if urgent.is_empty() {
        return None;
    }
    let wanted = Wanted::of_lane(plan, routing, &lane.id);
    let cal = calendar(w, &wanted, CALENDAR_DAYS)?;
    let held = match w.overflow {
        Overflow::Defer if cal.max_backlog > 0 => format!(
            "defers mail over its cap to later days, up to {} waiting at once",
            group(cal.max_backlog)
        ),
        Overflow::Suppress if cal.total_over_cap > 0 => format!(
            "does not send mail over its cap, {} messages in its calendar",
            group(cal.total_over_cap)
        ),
        _ => return None,
    };
    let finding = Diagnostic::warning(
        "warmup.defers_urgent",
        format!("$.lanes[{index}].warmup.overflow"),
        format!(
            "The warm-up of {} {held}, and the lane carries {}, which is of no use late or lost.",
            lane.name,
            and_list(&urgent)
        ),
    )
    .hint("Spill the overflow into an established lane, route these journeys through one until this lane is warm, or start the ramp higher.");
    Some(match spill_into(plan, lane) {
        Some(to) => finding.fix(
            format!("Spill the overflow into {}", to.name),
            vec![
                Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::Overflow(Overflow::Spill),
                },
                Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::SpillLane(Some(to.id.clone())),
                },
            ],
        ),
        None => finding,
    })
}
