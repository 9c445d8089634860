//! The range each typed number of a plan may take. The page's number inputs
//! offer these ranges, and validation holds a plan file to them, so a
//! number that no input would accept is a finding at its place rather than
//! a figure that silently breaks a calendar or a chart.

use super::diagnostic::Diagnostic;
use super::model::{EngagementFilter, Lane, Plan, WarmupPreset};
use crate::units::group;

/// The lowest and highest value of one kind of number.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    pub min: u64,
    pub max: u64,
}

impl Range {
    const fn new(min: u64, max: u64) -> Range {
        Range { min, max }
    }

    /// The lowest value, as a number input's `min` takes it.
    pub fn lowest(self) -> f64 {
        self.min as f64
    }

    /// The highest value, as a number input's `max` takes it.
    pub fn highest(self) -> f64 {
        self.max as f64
    }

    pub fn contains(self, value: u64) -> bool {
        (self.min..=self.max).contains(&value)
    }

    /// The nearest value in range to a whole-number field's value.
    pub fn clamp(self, value: u32) -> u32 {
        let near = u64::from(value).clamp(self.min, self.max);
        u32::try_from(near).unwrap_or(u32::MAX)
    }
}

// Ranges whose findings have words of their own, in `validate`.

/// Largest daily volume a journey may claim; beyond it figures lose meaning.
pub const MAX_DAILY_VOLUME: u32 = 100_000_000;
/// Most dedicated IPs a lane may plan.
pub const MAX_DEDICATED_IPS: u32 = 64;
/// Longest event latency or wait a journey may have: a year, in minutes.
pub const MAX_MINUTES: u32 = 525_600;
/// Largest revenue per recipient a journey may claim.
pub const MAX_REVENUE: f64 = 1e6;
/// The most days a warm-up calendar, a migration's split or a simulation
/// covers; the warm-up plan itself reads it.
pub use super::model::CALENDAR_DAYS;
/// Weeks each stage of the DMARC rollout lasts.
pub const DMARC_WEEKS: Range = Range::new(1, 52);
/// Days the simulator runs.
pub const SIMULATED_DAYS: Range = Range::new(7, 365);

// Ranges with the finding of this module.

/// Messages a day in a warm-up: a peak, a custom ramp's start or its cap.
pub const WARMUP_VOLUME: Range = Range::new(0, 1_000_000_000);
/// A warm-up volume a fix writes: the value it wants, or the most the
/// field takes when it wants more, so that no fix writes a value its own
/// field refuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fitted {
    pub value: u64,
    /// Whether the value wanted was cut to the field's most.
    pub cut: bool,
}

impl Fitted {
    pub fn warmup_volume(wanted: u64) -> Fitted {
        Fitted {
            value: wanted.min(WARMUP_VOLUME.max),
            cut: wanted > WARMUP_VOLUME.max,
        }
    }

    /// The value for a fix's label, saying so when it was cut.
    pub fn words(self) -> String {
        match self.cut {
            true => format!("{}, the most a warm-up takes", group(self.value)),
            false => group(self.value),
        }
    }
}

/// A custom ramp's growth from one level to the next, in percent.
pub const GROWTH_PERCENT: Range = Range::new(0, 1_000);
/// Sending days a custom ramp holds each level.
pub const HOLD_DAYS: Range = Range::new(1, 365);
/// Days of engagement a promotional lane's filter looks back: two years.
pub const FILTER_DAYS: Range = Range::new(1, 730);
/// Days a migration waits after its last step before it is done.
pub const GRACE_DAYS: Range = Range::new(0, 365);
/// Days an unsubscribe may take to reach every lane.
pub const PROCESSING_DAYS: Range = Range::new(0, 30);
/// The simulator's knobs given as a percentage of the plan or the model.
pub const KNOB_PERCENT: Range = Range::new(0, 1_000);

/// One number with its place, what it is, its range and how to fix it.
struct Number {
    path: String,
    what: &'static str,
    value: u64,
    range: Range,
    hint: &'static str,
}

/// A finding for each typed number outside its range, in plan order.
pub fn check_ranges(plan: &Plan, out: &mut Vec<Diagnostic>) {
    for number in numbers(plan) {
        if !number.range.contains(number.value) {
            out.push(finding(&number));
        }
    }
}

fn finding(n: &Number) -> Diagnostic {
    let (min, max) = (group(n.range.min), group(n.range.max));
    Diagnostic::error(
        "number.range",
        n.path.clone(),
        format!("{} is {}, outside {min} to {max}.", n.what, group(n.value)),
    )
    .hint(n.hint)
}

/// Every number this module ranges, with its place in the plan file.
fn numbers(plan: &Plan) -> Vec<Number> {
    let mut out = Vec::new();
    for (index, lane) in plan.lanes.iter().enumerate() {
        lane_numbers(index, lane, &mut out);
    }
    for (index, migration) in plan.migrations.iter().enumerate() {
        out.push(Number {
            path: format!("$.migrations[{index}].grace_days"),
            what: "The migration's grace period",
            value: migration.grace_days.into(),
            range: GRACE_DAYS,
            hint: "Keep the old lane's authentication a week or two after the last step.",
        });
    }
    out.push(Number {
        path: "$.preferences.processing_days".into(),
        what: "The days an unsubscribe takes",
        value: plan.preferences.processing_days.into(),
        range: PROCESSING_DAYS,
        hint: "Gmail and Yahoo require unsubscribes to take effect within two days.",
    });
    let sim = &plan.simulation;
    let knobs = [
        (
            "promo_frequency_percent",
            "The promotional volume percentage",
            sim.promo_frequency_percent,
        ),
        (
            "complaint_percent",
            "The complaint rate percentage",
            sim.complaint_percent,
        ),
    ];
    for (field, what, value) in knobs {
        out.push(Number {
            path: format!("$.simulation.{field}"),
            what,
            value: value.into(),
            range: KNOB_PERCENT,
            hint: "Enter a percentage up to 1,000; 100 is the plan as it stands.",
        });
    }
    out
}

/// A lane's numbers: its engagement filter's days and its warm-up's.
fn lane_numbers(index: usize, lane: &Lane, out: &mut Vec<Number>) {
    let at = |field: &str| format!("$.lanes[{index}].{field}");
    if let EngagementFilter::EngagedWithin { days } = lane.engagement_filter {
        out.push(Number {
            path: at("engagement_filter.days"),
            what: "The engagement filter's days",
            value: days.into(),
            range: FILTER_DAYS,
            hint: "Mail only people engaged in the last 30, 60 or 90 days.",
        });
    }
    let Some(w) = &lane.warmup else { return };
    out.push(Number {
        path: at("warmup.target_volume"),
        what: "The warm-up's peak volume",
        value: w.target_volume,
        range: WARMUP_VOLUME,
        hint: "Enter the most the lane must send a day at its peak.",
    });
    // The custom ramp's fields are shown, and so can be fixed, only for a
    // custom ramp; a preset ignores them.
    if w.preset != WarmupPreset::Custom {
        return;
    }
    let ramp = [
        (
            "warmup.custom.start_volume",
            "The custom ramp's start volume",
            w.custom.start_volume,
            WARMUP_VOLUME,
            "Start at a few hundred messages a day.",
        ),
        (
            "warmup.custom.growth_percent",
            "The custom ramp's growth percentage",
            w.custom.growth_percent.into(),
            GROWTH_PERCENT,
            "Grow each level by 20 to 50 percent.",
        ),
        (
            "warmup.custom.cap",
            "The custom ramp's warm volume",
            w.custom.cap,
            WARMUP_VOLUME,
            "Enter the daily volume at which the lane is warm, or 0 for none.",
        ),
    ];
    for (field, what, value, range, hint) in ramp {
        out.push(Number {
            path: at(field),
            what,
            value,
            range,
            hint,
        });
    }
    // A hold of 0 days is the custom ramp's own finding (`warmup.custom`).
    if w.custom.hold_days > 0 {
        out.push(Number {
            path: at("warmup.custom.hold_days"),
            what: "The custom ramp's days per level",
            value: w.custom.hold_days.into(),
            range: HOLD_DAYS,
            hint: "Hold each level one to three sending days.",
        });
    }
}
