//! The ramp: the cap on each step of a preset or custom schedule, when a
//! lane is warm, which days it may send on, and the cap on a date for a
//! given start, from which the latest start is found.

use chrono::{Datelike, Days, NaiveDate};

use super::wanted::Wanted;
use super::{MAX_DAYS, REWARM_AFTER_DAYS};
use crate::plan::model::{WarmupPlan, WarmupPreset};
use crate::warmup::presets::{custom_cap, daily_cap, final_cap, held_cap, schedule, Unit};

/// The cap on ramp step `step` for the plan's preset or custom ramp. A
/// weekly schedule's week is a calendar week: as many steps as the ramp
/// has sending weekdays.
pub fn cap_at(warmup: &WarmupPlan, step: u32) -> Option<u64> {
    match (warmup.preset, schedule(warmup.preset)) {
        (WarmupPreset::Custom, _) | (_, None) => {
            let c = &warmup.custom;
            custom_cap(c.start_volume, c.growth_percent, c.hold_days, c.cap, step)
        }
        (_, Some(s)) if s.unit == Unit::Weekly => {
            let days = warmup.sending_weekdays.len().clamp(1, 7) as u32;
            daily_cap(&s, step / days * 7)
        }
        (_, Some(s)) => daily_cap(&s, step),
    }
}

/// The last cap of a ramp that ends, after which the calendar calls the
/// lane warm: a schedule's last row, or a custom ramp's ceiling. `None`
/// for a ramp that goes on growing or holding.
pub fn top(warmup: &WarmupPlan) -> Option<u64> {
    match (warmup.preset, schedule(warmup.preset)) {
        (WarmupPreset::Custom, _) | (_, None) => Some(warmup.custom.cap).filter(|&c| c > 0),
        (_, Some(s)) => final_cap(&s),
    }
}

/// The cap a schedule that holds its last value keeps for good; `None`
/// for a ramp that ends or goes on growing.
pub fn holds_at(warmup: &WarmupPlan) -> Option<u64> {
    match (warmup.preset, schedule(warmup.preset)) {
        (WarmupPreset::Custom, _) | (_, None) => None,
        (_, Some(s)) => held_cap(&s),
    }
}

/// Whether the ramp can carry `volume` a day once it has ended: a ramp
/// that tops out below it ends the calendar's caps, not the mailbox
/// providers' wariness of a sudden jump.
pub(super) fn top_covers(warmup: &WarmupPlan, volume: u64) -> bool {
    top(warmup).is_none_or(|t| t >= volume)
}

/// Whether a lane is warm on ramp step `step`: the ramp is complete, or
/// its cap covers `enough`, the lane's busiest day and its peak target.
pub fn is_warm(warmup: &WarmupPlan, step: u32, enough: u64) -> bool {
    covers(cap_at(warmup, step), enough)
}

/// Whether a cap (`None` for none) no longer limits a lane that must reach
/// `enough`.
fn covers(cap: Option<u64>, enough: u64) -> bool {
    cap.is_none_or(|c| enough > 0 && c >= enough)
}

/// The ramp step a lane is on after `idle` days without sending: a long
/// pause starts the ramp again, so the day that ends it is a ramp day and
/// keeps to the ramp's weekdays.
pub fn after_pause(step: u32, idle: u32) -> u32 {
    if idle > REWARM_AFTER_DAYS {
        0
    } else {
        step
    }
}

/// Whether a lane on ramp step `step` may send on `day`. The sending
/// weekdays shape the ramp, so once the lane is warm (the last day it sent,
/// or its first day, was already uncapped) it may send any day, as its
/// journeys do; the day the ramp ends is one of its weekdays, since only
/// sending days advance it.
/// A day without sending is kept whenever it falls. Whether the lane
/// sends also depends on its journeys wanting mail that day.
pub fn sends_on(
    warmup: &WarmupPlan,
    (step, enough): (u32, u64),
    day: NaiveDate,
    skipped: &[NaiveDate],
) -> bool {
    let warmed = || is_warm(warmup, step.saturating_sub(1), enough);
    sends_if(warmup, warmed, day, skipped)
}

/// Whether a lane sends on `day`, given how to tell whether it is warm
/// (asked only on a weekday it does not ramp on).
fn sends_if(
    warmup: &WarmupPlan,
    warm: impl FnOnce() -> bool,
    day: NaiveDate,
    skipped: &[NaiveDate],
) -> bool {
    let weekday = day.weekday().number_from_monday() as u8;
    (warmup.sending_weekdays.contains(&weekday) || warm()) && !skipped.contains(&day)
}

/// A ramp's caps for the steps a calendar can reach, worked out once: the
/// calendar walks the ramp from many starts, and a custom ramp's cap costs
/// a step per level.
pub(super) struct Ramp<'a> {
    pub(super) warmup: &'a WarmupPlan,
    wanted: &'a Wanted,
    caps: Vec<Option<u64>>,
    pub(super) enough: u64,
}

impl<'a> Ramp<'a> {
    pub(super) fn new(warmup: &'a WarmupPlan, wanted: &'a Wanted) -> Ramp<'a> {
        let caps = (0..=MAX_DAYS).map(|step| cap_at(warmup, step)).collect();
        Ramp {
            warmup,
            wanted,
            caps,
            enough: enough(warmup, wanted.peak_for(warmup)),
        }
    }

    pub(super) fn cap(&self, step: u32) -> Option<u64> {
        match self.caps.get(step as usize) {
            Some(cap) => *cap,
            None => cap_at(self.warmup, step),
        }
    }

    /// Where the ramp ends, when that is short of what the lane needs.
    pub(super) fn tops_out(&self) -> Option<u64> {
        top(self.warmup).filter(|&t| t < self.enough)
    }

    /// As `is_warm`.
    pub(super) fn warm(&self, step: u32) -> bool {
        covers(self.cap(step), self.enough)
    }

    /// As `sends_on`: whether the lane may send on `day`.
    pub(super) fn may_send(&self, step: u32, day: NaiveDate, skipped: &[NaiveDate]) -> bool {
        sends_if(
            self.warmup,
            || self.warm(step.saturating_sub(1)),
            day,
            skipped,
        )
    }

    /// Whether the lane sends on `day`: it may, and its journeys want mail
    /// then. A lane whose journeys want none yet shows its schedule by
    /// the days it may send.
    pub(super) fn sends(&self, step: u32, day: NaiveDate, skipped: &[NaiveDate]) -> bool {
        self.may_send(step, day, skipped) && (self.wanted.is_empty() || !self.wanted.quiet_on(day))
    }
}

/// What a lane must reach to be warm: its largest day's mail, or its
/// peak target when that is more.
pub fn enough(warmup: &WarmupPlan, largest_day: u64) -> u64 {
    largest_day.max(warmup.target_volume)
}

/// The cap as a day reports it: `None` once it covers `wanted`, the mail
/// the day wants and the lane's peak. A warm lane's ramp may keep growing
/// (some vendors double the cap for ever), and a cap far above the mail
/// says nothing to the reader.
pub fn binding(cap: Option<u64>, wanted: u64) -> Option<u64> {
    cap.filter(|&c| !covers(Some(c), wanted))
}

/// The cap on `day` for a ramp that starts on `start`; `None` when the lane
/// is warm by then (`Some(0)` when `day` is before the start, when it is
/// not sending). A day more than `MAX_DAYS` after the start has the cap the
/// ramp reaches in `MAX_DAYS`: the calendar looks no further.
pub(super) fn cap_on(
    ramp: &Ramp,
    (start, day): (NaiveDate, NaiveDate),
    skipped: &[NaiveDate],
) -> Option<u64> {
    if day < start {
        return Some(0);
    }
    let mut step = 0u32;
    let mut idle = 0u32;
    let mut current = start;
    let mut walked = 0u32;
    while current < day && walked < MAX_DAYS {
        walked += 1;
        if ramp.sends(after_pause(step, idle), current, skipped) {
            step = after_pause(step, idle);
            idle = 0;
            // A migration's hold date does not advance the ramp.
            step += u32::from(!ramp.wanted.held_on(current));
        } else {
            idle += 1;
        }
        current = current.succ_opt()?;
    }
    let step = after_pause(step, idle);
    // A day the lane does not send (a skipped date, a weekday the ramp
    // leaves out) carries nothing, however high the ramp has got.
    if !ramp.may_send(step, day, skipped) {
        return Some(0);
    }
    match ramp.wanted.held_on(day) && ramp.sends(step, day, skipped) {
        true => ramp.cap(step.saturating_sub(1)),
        false => ramp.cap(step),
    }
}

/// The latest start date, at most `MAX_DAYS` before `target`, whose ramp
/// allows `volume` on the target date.
pub(super) fn latest_start(
    ramp: &Ramp,
    (target, volume): (NaiveDate, u64),
    skipped: &[NaiveDate],
) -> Option<String> {
    if volume == 0 {
        return None;
    }
    (0..MAX_DAYS)
        .filter_map(|back| target.checked_sub_days(Days::new(u64::from(back))))
        .find(|&start| match cap_on(ramp, (start, target), skipped) {
            Some(c) => c >= volume,
            None => top_covers(ramp.warmup, volume),
        })
        .map(|d| d.to_string())
}
