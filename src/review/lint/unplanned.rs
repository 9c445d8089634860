//! New and warming lanes without a warm-up plan. The fix plans the schedule
//! the lane's provider publishes, or a custom ramp where that schedule stops
//! below the lane's busiest day, so no second warning follows it.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, RampField, WarmupField};
use crate::plan::model::{
    Lane, LaneStatus, Overflow, Plan, Provider, Purpose, WarmupPlan, WarmupPreset,
};
use crate::plan::ranges::Fitted;
use crate::plan::routing::Routing;
use crate::plan::validate::spill_into;
use crate::units::group;
use crate::warmup::calendar::{holds_at, top};

/// One warning for each new or warming lane that has no warm-up plan. A
/// lane with no mail yet has nothing to ramp up to: it is told once
/// journeys send on it, and a warm-up left on it is `peaks::high_peak`'s.
pub(super) fn unplanned(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    let warming = |lane: &Lane| matches!(lane.status, LaneStatus::New | LaneStatus::Warming);
    let has_mail = |lane: &Lane| super::busiest_day(plan, routing, lane) > 0;
    (plan.lanes.iter().enumerate())
        .filter(|(_, lane)| lane.warmup.is_none() && warming(lane) && has_mail(lane))
        .map(|(index, lane)| finding(plan, routing, index, lane))
        .collect()
}

fn finding(plan: &Plan, routing: &Routing, index: usize, lane: &Lane) -> Diagnostic {
    let set = |set: WarmupField| Edit::Warmup {
        lane: lane.id.clone(),
        set,
    };
    // A ramp needs a peak to reach: the lane's busiest day, until the
    // team knows the season's.
    let busiest = super::busiest_day(plan, routing, lane);
    let alone = super::receipts_alone(plan, routing, lane);
    let (ramp, mut edits) = match alone.then(|| from_the_first_day(lane, busiest)) {
        Some(Some(planned)) => planned,
        _ => ramp(lane, busiest),
    };
    if busiest > 0 {
        edits.push(set(WarmupField::TargetVolume(
            Fitted::warmup_volume(busiest).value,
        )));
    }
    // Receipts and recovery mail over the cap would be late or lost; an
    // established lane takes it while this one warms up.
    let urgent = matches!(lane.purpose, Purpose::Transactional | Purpose::RevenueFlows);
    let spill = spill_into(plan, lane).filter(|_| urgent);
    if let Some(to) = spill {
        edits.push(set(WarmupField::Overflow(Overflow::Spill)));
        edits.push(set(WarmupField::SpillLane(Some(to.id.clone()))));
    }
    let label = match spill {
        Some(to) => format!("Plan a warm-up: {ramp}, spilling into {}", to.name),
        None => format!("Plan a warm-up: {ramp}"),
    };
    Diagnostic::warning(
        "warmup.missing",
        format!("$.lanes[{index}].warmup"),
        format!("{} is {} but has no warm-up plan.", lane.name, lane.status.label().to_lowercase()),
    )
    .hint("Warm up each new sending domain or IP gradually: choose a schedule for the lane. If it already sends at full volume, set its status to Warm on the Lanes tab instead.")
    .fix(label, edits)
}

/// The provider's published schedule, or a custom ramp to `busiest` a day
/// where that schedule stops below it; in words for the fix's label, with
/// the edits that choose it.
fn ramp(lane: &Lane, busiest: u64) -> (String, Vec<Edit>) {
    let preset = WarmupPreset::for_provider(lane.smtp.provider);
    let set = |set: WarmupField| Edit::Warmup {
        lane: lane.id.clone(),
        set,
    };
    let published = WarmupPlan {
        preset,
        ..WarmupPlan::default()
    };
    let to = match busiest {
        0 => String::new(),
        n => format!(" to {} a day", Fitted::warmup_volume(n).words()),
    };
    match holds_at(&published).or(top(&published)) {
        Some(ceiling) if ceiling < busiest => (
            format!(
                "a custom ramp{to}, as {} stops at {}",
                preset.label(),
                group(ceiling)
            ),
            vec![
                set(WarmupField::Preset(Some(WarmupPreset::Custom))),
                set(WarmupField::Custom(RampField::Cap(
                    Fitted::warmup_volume(busiest).value,
                ))),
            ],
        ),
        _ => (
            format!("{}{to}{}", preset.label(), general(lane)),
            vec![set(WarmupField::Preset(Some(preset)))],
        ),
    }
}

/// For receipts and codes with no warm lane to carry them: a custom ramp
/// that starts at the lane's busiest day, so none of that mail waits, as
/// `overflow::ramp_covering` would have it; `None` for a lane with no mail
/// or more than a warm-up's field takes.
fn from_the_first_day(lane: &Lane, busiest: u64) -> Option<(String, Vec<Edit>)> {
    let start = Fitted::warmup_volume(busiest);
    if busiest == 0 || start.cut {
        return None;
    }
    let set = |set: WarmupField| Edit::Warmup {
        lane: lane.id.clone(),
        set,
    };
    Some((
        format!(
            "a custom ramp from {} a day, which sends the receipts and codes from the first day",
            start.words()
        ),
        vec![
            set(WarmupField::Preset(Some(WarmupPreset::Custom))),
            set(WarmupField::Custom(RampField::StartVolume(start.value))),
        ],
    ))
}

/// Said after a schedule planned for a provider that publishes none of its
/// own, so that Braze's schedule on a Postmark lane reads as the general
/// schedule it stands in for.
fn general(lane: &Lane) -> String {
    let provider = lane.smtp.provider;
    match (WarmupPreset::for_provider(provider), provider) {
        (WarmupPreset::BrazeModerate, Provider::Custom) => ", a general schedule".to_string(),
        (WarmupPreset::BrazeModerate, _) => {
            format!(
                ", a general schedule, as {} publishes none of its own",
                provider.label()
            )
        }
        _ => String::new(),
    }
}
