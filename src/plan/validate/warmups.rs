//! Each lane's warm-up plan, and which lanes are warm enough to take
//! another lane's mail.

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, RampField, WarmupField};
use crate::plan::model::{Lane, LaneStatus, Overflow, Plan, Purpose, WarmupPlan, WarmupPreset};
use crate::plan::ranges::CALENDAR_DAYS;
use crate::plan::schedule::{peak_day_by, Schedule};

pub(super) fn check_warmups(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for (index, lane) in plan.lanes.iter().enumerate() {
        // A lane to warm up without a plan is the lint's (`unplanned`).
        let Some(w) = &lane.warmup else {
            continue;
        };
        let at = |field: &str| format!("$.lanes[{index}].warmup.{field}");
        check_dates(lane, w, &at, out);
        check_ramp(plan, lane, w, &at, out);
        if w.overflow == Overflow::Spill {
            out.extend(check_spill(plan, lane, w, &at));
        }
    }
}

/// The mail routed to `lane` on its busiest day, which its peak must
/// carry, as the peak checks count it (`Wanted::peak_for`): a scheduled
/// send on its days, a one-off's send on its date when that is within the
/// calendar of warm-up `w`, and one without a date on the busiest day. A
/// one-off's send is no part of a usual day, and adding it to one would
/// count sends on different dates as one day's.
fn busiest_day(plan: &Plan, lane: &str, w: &WarmupPlan) -> u64 {
    let routing = crate::plan::routing::route(plan);
    let days = w.calendar_days();
    let mail: Vec<(f64, Schedule)> = (routing.journeys_on(plan, lane))
        .map(|j| (f64::from(j.daily_volume), Schedule::of(j)))
        .filter(|(_, schedule)| schedule.sends_within(days))
        .collect();
    // Rounded part by part, as a calendar's day counts it.
    peak_day_by(&mail, f64::round) as u64
}

/// The start, peak and skipped dates: each a date, and the peak after the
/// start and within the calendar's reach.
fn check_dates(
    lane: &Lane,
    w: &WarmupPlan,
    at: &dyn Fn(&str) -> String,
    out: &mut Vec<Diagnostic>,
) {
    let mut date_field = |field: &str, value: &str| {
        let value = value.trim();
        if !value.is_empty() && !crate::units::is_iso_date(value) {
            out.push(
                Diagnostic::error("warmup.date", at(field), crate::units::not_a_date(value))
                    .hint("Write dates as YYYY-MM-DD, such as 2027-09-06."),
            );
        }
    };
    date_field("start_date", &w.start_date);
    date_field("target_date", &w.target_date);
    for (i, day) in w.skipped_dates.iter().enumerate() {
        if !crate::units::is_iso_date(day.trim()) {
            out.push(
                Diagnostic::error(
                    "warmup.date",
                    format!("{}[{i}]", at("skipped_dates")),
                    crate::units::not_a_date(day),
                )
                .hint("Pick the day again in the calendar, or remove it."),
            );
        }
    }
    let (start, peak) = (w.start_date.trim(), w.target_date.trim());
    let both = crate::units::is_iso_date(start) && crate::units::is_iso_date(peak);
    // ISO dates compare as text.
    if both && start > peak {
        out.push(
            Diagnostic::warning(
                "warmup.after_peak",
                at("target_date"),
                format!("The warm-up of {} starts on {start}, after its peak date, {peak}, so the lane cannot be warm for the peak.", lane.name),
            )
            .hint("Start the warm-up weeks before the peak date, or set the peak date it is for."),
        );
    }
    if w.peak_beyond_calendar() {
        out.push(
            Diagnostic::warning(
                "warmup.peak_far",
                at("target_date"),
                format!("The peak date of {}, {peak}, is more than {CALENDAR_DAYS} days after its warm-up starts, {start}; the calendar looks no further.", lane.name),
            )
            .hint("Set the peak this warm-up is for, such as this year's Black Friday."),
        );
    }
    if start.is_empty() {
        out.push(
            Diagnostic::info(
                "warmup.unscheduled",
                at("start_date"),
                format!("The warm-up of {} has no start date yet.", lane.name),
            )
            .hint("Set the first day to see the calendar."),
        );
    }
}

/// The sending weekdays and a custom ramp's levels.
fn check_ramp(
    plan: &Plan,
    lane: &Lane,
    w: &WarmupPlan,
    at: &dyn Fn(&str) -> String,
    out: &mut Vec<Diagnostic>,
) {
    if w.sending_weekdays.is_empty() {
        out.push(
            Diagnostic::error(
                "warmup.weekdays",
                at("sending_weekdays"),
                format!(
                    "The warm-up of {} has no sending days, so it never sends.",
                    lane.name
                ),
            )
            .hint("Tick the days the lane sends on."),
        );
    } else if w.sending_weekdays.iter().any(|d| !(1..=7).contains(d)) {
        out.push(
            Diagnostic::error(
                "warmup.weekdays",
                at("sending_weekdays"),
                "Sending weekdays are numbered 1 (Monday) to 7 (Sunday).",
            )
            .hint("Tick the days the lane sends on again, to replace the numbers in the file."),
        );
    }
    if w.preset == WarmupPreset::Custom && (w.custom.start_volume == 0 || w.custom.hold_days == 0) {
        out.push(
            Diagnostic::error(
                "warmup.custom",
                at("custom"),
                "A custom ramp needs a start volume and at least one day per level.",
            )
            .hint("Start at a few hundred messages a day and hold each level one to three days."),
        );
    }
    if w.target_volume == 0 {
        let busiest = busiest_day(plan, &lane.id, w);
        // A lane with no mail yet has nothing to aim for: a note, until
        // journeys are routed to it.
        let finding = match busiest {
            0 => Diagnostic::info,
            _ => Diagnostic::warning,
        }(
            "warmup.target_volume",
            at("target_volume"),
            format!("The warm-up of {} has no peak volume to reach.", lane.name),
        )
        .hint("Enter the most the lane must send a day at its peak, such as its busiest day of the season.");
        out.push(match busiest {
            0 => finding,
            n => {
                let peak = crate::plan::ranges::Fitted::warmup_volume(n);
                finding.fix(
                    format!("Aim for {} a day, the lane's busiest day", peak.words()),
                    vec![Edit::Warmup {
                        lane: lane.id.clone(),
                        set: WarmupField::TargetVolume(peak.value),
                    }],
                )
            }
        });
    }
    let c = &w.custom;
    let stuck =
        c.growth_percent == 0 && c.start_volume > 0 && (c.cap == 0 || c.cap > c.start_volume);
    if w.preset == WarmupPreset::Custom && stuck {
        out.push(
            Diagnostic::warning(
                "warmup.custom_flat",
                at("custom.growth_percent"),
                format!(
                    "The custom ramp of {} grows by 0%: from {} a day it adds one message a level, so the lane takes years to warm up.",
                    lane.name,
                    crate::units::group(c.start_volume)
                ),
            )
            .hint("Grow each level by 20 to 50 percent.")
            .fix(
                "Grow each level by 30%",
                vec![Edit::Warmup {
                    lane: lane.id.clone(),
                    set: WarmupField::Custom(RampField::GrowthPercent(30)),
                }],
            ),
        );
    }
}

/// Overflow that spills needs another lane, and a warm one.
fn check_spill(
    plan: &Plan,
    lane: &Lane,
    w: &WarmupPlan,
    at: &dyn Fn(&str) -> String,
) -> Option<Diagnostic> {
    let other = w.spill_lane.as_deref().and_then(|id| plan.lane(id));
    match other {
        None => Some(
            Diagnostic::error(
                "warmup.spill_lane",
                at("spill_lane"),
                "Overflow spills to a lane, but none is chosen.",
            )
            .hint("Choose a warm lane, or defer or suppress the overflow."),
        ),
        Some(other) if other.id == lane.id => Some(
            Diagnostic::error(
                "warmup.spill_lane",
                at("spill_lane"),
                "A lane cannot spill into itself.",
            )
            .hint("Choose another, warm lane."),
        ),
        Some(other) if !is_warm(other) => Some(
            Diagnostic::warning(
                "warmup.spill_cold",
                at("spill_lane"),
                format!(
                    "{} spills into {}, which is not warm itself.",
                    lane.name, other.name
                ),
            )
            .hint("Spill only into a lane with an established reputation, or defer the overflow.")
            .with_fix(spill_fix(plan, lane)),
        ),
        Some(_) => None,
    }
}

/// Whether a lane has a reputation of its own to lend: warm, with no
/// warm-up planned.
pub fn is_warm(lane: &Lane) -> bool {
    lane.status == LaneStatus::Warm && lane.warmup.is_none()
}

/// An established lane to take `lane`'s overflow: one of its purpose if
/// there is one, else any but a transactional lane, whose reputation is
/// kept for mail people ask for.
pub fn spill_into<'a>(plan: &'a Plan, lane: &Lane) -> Option<&'a Lane> {
    let warm = || plan.lanes.iter().filter(|l| l.id != lane.id && is_warm(l));
    let transactional = |l: &Lane| l.purpose == Purpose::Transactional;
    warm()
        .find(|l| l.purpose == lane.purpose)
        .or_else(|| warm().find(|l| !transactional(l) && !transactional(lane)))
}

/// A warm lane of `lane`'s purpose, other than it and `not`, to take its
/// promotions or overflow. Never a transactional lane, whose reputation is
/// kept for mail people ask for.
pub(super) fn warm_like<'a>(plan: &'a Plan, lane: &Lane, not: &str) -> Option<&'a Lane> {
    plan.lanes.iter().find(|l| {
        l.id != lane.id
            && l.id != not
            && l.purpose == lane.purpose
            && l.purpose != Purpose::Transactional
            && is_warm(l)
    })
}

/// The fix for a warm-up that spills into the wrong lane: a warm lane like
/// it, else deferring the overflow.
pub fn spill_fix(plan: &Plan, lane: &Lane) -> Fix {
    let not = lane.warmup.as_ref().and_then(|w| w.spill_lane.as_deref());
    let to = warm_like(plan, lane, not.unwrap_or(""));
    let (label, set) = match to {
        Some(to) => (
            format!("Spill into {}", to.name),
            WarmupField::SpillLane(Some(to.id.clone())),
        ),
        None => (
            "Defer the overflow instead".to_string(),
            WarmupField::Overflow(Overflow::Defer),
        ),
    };
    let lane = lane.id.clone();
    Fix {
        label,
        edits: vec![Edit::Warmup { lane, set }],
    }
}
