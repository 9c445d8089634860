//! Warm-ups that do not reach their peak volume by their peak date: the
//! calendar and the report say so, and so does Problems, since a change
//! elsewhere (a later start, a fix that restarts a ramp) can cause it.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, WarmupField};
use crate::plan::model::{Lane, Plan};
use crate::plan::ranges::CALENDAR_DAYS;
use crate::plan::routing::Routing;
use crate::units::group;
use crate::warmup::calendar::{calendar, date, Wanted};

/// One warning for each lane whose warm-up misses its peak.
pub(super) fn missed_peaks(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    plan.lanes
        .iter()
        .enumerate()
        .filter_map(|(index, lane)| missed_peak(plan, routing, index, lane))
        .collect()
}

fn missed_peak(plan: &Plan, routing: &Routing, index: usize, lane: &Lane) -> Option<Diagnostic> {
    let w = lane.warmup.as_ref()?;
    let (start, peak) = (date(&w.start_date)?, date(&w.target_date)?);
    // A peak past the calendar's reach has a finding of its own.
    if peak < start || (peak - start).num_days() > i64::from(CALENDAR_DAYS) || w.target_volume == 0
    {
        return None;
    }
    // No days are walked: the cap on the peak date comes from the ramp.
    let cal = calendar(w, &Wanted::of_lane(plan, routing, &lane.id), 0)?;
    if cal.reaches_target != Some(false) {
        return None;
    }
    let message = format!(
        "The warm-up of {} reaches only {} a day by its peak on {peak}, short of the {} it plans for.",
        lane.name,
        group(cal.cap_on_target.unwrap_or(0)),
        group(w.target_volume)
    );
    let finding = Diagnostic::warning(
        "warmup.peak_missed",
        format!("$.lanes[{index}].warmup.target_date"),
        message,
    );
    Some(match cal.latest_start {
        Some(latest) => finding
            .hint(format!(
                "Start the warm-up by {latest}, or plan for a smaller peak."
            ))
            .fix(
                format!("Start the warm-up on {latest}"),
                vec![Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::StartDate(latest),
                }],
            ),
        None => finding
            .hint("No start date reaches it by the peak; plan for a smaller peak, or a later one."),
    })
}
