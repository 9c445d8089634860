//! A lane's warm-up calendar: the cap on each date, which engagement
//! cohorts get mail within it (most engaged first), what happens to the rest,
//! and the latest start that still reaches a target volume on time.
//!
//! Only sending days advance the ramp: weekdays the lane does not send on
//! and skipped dates hold it, and so does a day its journeys want no mail
//! (between a weekly promotion's sends), as Google notes that daily
//! senders can ramp faster than weekly ones. More than 30 days without
//! sending restarts it, as SendGrid and Braze say reputation data expires
//! after a month. The mail its journeys want on a day the ramp leaves out
//! waits for the next sending day, or is not sent, by the lane's overflow.
//!
//! This file holds the calendar's types and its walk over the dates; the
//! files beside it hold the mail the lane wants, the ramp, each day's
//! bookkeeping, the cohorts and the CSV.

mod cohorts;
mod export;
mod ramp;
mod walk;
mod wanted;
pub mod words;

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::plan::model::WarmupPlan;

pub use cohorts::{cohort, filter_cohort, recipient_cohort};
pub use export::to_csv;
pub use ramp::{after_pause, binding, cap_at, enough, holds_at, is_warm, sends_on, top};
use ramp::{cap_on, latest_start, top_covers, Ramp};
use walk::{Rest, Walk};
use wanted::mail_on;
pub use wanted::{Moving, Wanted};

/// Idle days after which a lane must warm up again.
pub const REWARM_AFTER_DAYS: u32 = 30;
/// The longest calendar computed.
pub const MAX_DAYS: u32 = crate::plan::ranges::CALENDAR_DAYS;

/// One date of the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    pub date: String,
    pub sending: bool,
    /// The sending day of the ramp, from 0; `None` on other days.
    pub step: Option<u32>,
    /// The cap, or `None` once it covers the day's mail and the lane's
    /// peak (and on days without sending).
    pub cap: Option<u64>,
    /// Mail wanted today: the journeys' volume plus any deferred; on a day
    /// without sending, only the deferred mail, which waits on (the day's
    /// own is `off_day`), as the simulator counts it.
    pub requested: u64,
    /// The part of `requested` deferred from earlier days.
    pub waiting: u64,
    /// Sent per cohort: engaged in 30, 60, 90 days, and everyone else.
    pub sent: [u64; 4],
    /// Over the cap: deferred, spilled or suppressed, by `overflow`.
    pub over_cap: u64,
    /// On a day the lane does not send (a weekday it leaves out during the
    /// ramp, or a skipped date), the mail its journeys want all the same:
    /// it waits for the next sending day when `overflow` defers, and is
    /// not sent otherwise.
    pub off_day: u64,
    pub note: String,
}

/// A lane's calendar with its headline figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub days: Vec<Day>,
    /// The first sending date whose cap no longer limits the lane: the
    /// ramp has ended, or the cap covers both the mail wanted and the
    /// target volume. `None` if that is beyond the calendar.
    pub warm_on: Option<String>,
    /// The cap on the target date, and whether it covers the target.
    pub cap_on_target: Option<u64>,
    pub reaches_target: Option<bool>,
    /// What the lane must carry on the target date: the peak target, or
    /// the mail its journeys want that day when that is more.
    pub target_needs: u64,
    /// The latest start date whose ramp covers the target on its date.
    pub latest_start: Option<String>,
    /// The ramp's last cap when it ends short of the lane's busiest day or
    /// its peak: from then on the calendar sends all the mail at once.
    pub tops_out: Option<u64>,
    /// What the lane must carry to be warm: its busiest day's mail, or its
    /// peak target when that is more (`enough`).
    #[serde(default)]
    pub needs: u64,
    /// Mail that did not go out on the day it was wanted: suppressed or
    /// spilled (by `overflow`), or deferred at least once.
    pub total_over_cap: u64,
    /// With deferral: the largest backlog, and the day it is cleared.
    pub max_backlog: u64,
    pub backlog_clears_on: Option<String>,
    /// With deferral: the most days deferred mail waited before it went
    /// out, each cohort's oldest first.
    pub most_days_late: u32,
    /// The mail wanted on days the lane does not send (`Day::off_day`).
    pub total_off_day: u64,
}

/// The fewest and most days a calendar shows (`shown_days`).
const MIN_SHOWN: u32 = 30;
const MAX_SHOWN: u32 = 180;

/// The days a calendar shows, on the Warm-up tab and in the report alike:
/// enough to see the lane warm, the target date pass and every date the
/// user listed as skipped, whose mail the figures then count as the
/// Simulation does.
pub fn shown_days(w: &WarmupPlan, wanted: &Wanted) -> u32 {
    let days_to = |day: Option<NaiveDate>, after: u32| match (date(&w.start_date), day) {
        (Some(start), Some(day)) if day >= start => (day - start).num_days() as u32 + after,
        _ => 0,
    };
    let skipped = w.skipped_dates.iter().filter_map(|d| date(d)).max();
    let span = days_to(date(&w.target_date), 14).max(days_to(skipped, 1));
    let full = calendar(w, wanted, MAX_SHOWN)
        .and_then(|c| {
            let warm = c.warm_on?;
            c.days.iter().position(|d| d.date == warm)
        })
        .map_or(MAX_SHOWN, |i| i as u32 + 14);
    span.max(full).clamp(MIN_SHOWN, MAX_SHOWN)
}

/// The calendar from the start date for `days` days (at most `MAX_DAYS`),
/// given the mail the lane's journeys want. `None` without a valid start.
pub fn calendar(warmup: &WarmupPlan, wanted: &Wanted, days: u32) -> Option<Calendar> {
    let start = date(&warmup.start_date)?;
    let skipped: Vec<NaiveDate> = warmup
        .skipped_dates
        .iter()
        .filter_map(|d| date(d))
        .collect();
    let target = date(&warmup.target_date);
    let ramp = Ramp::new(warmup, wanted);
    let peak = target.map(|t| (t, needs_on(warmup, wanted, t)));
    let mut walk = Walk::default();
    for offset in 0..days.min(MAX_DAYS) {
        // The calendar stops at the last date there is.
        let Some(day) = start.checked_add_days(Days::new(u64::from(offset))) else {
            break;
        };
        let step = after_pause(walk.step, walk.idle);
        let mail = mail_on(wanted, day, peak);
        let peak_day = peak.is_some_and(|(on, volume)| on == day && volume > 0);
        let day = if ramp.sends(step, day, &skipped)
            || (peak_day && ramp.may_send(step, day, &skipped))
        {
            walk.send(&ramp, day, mail, wanted.held_on(day))
        } else if ramp.may_send(step, day, &skipped) {
            walk.rest(day, Rest::Quiet)
        } else {
            let why = if skipped.contains(&day) {
                Rest::Skipped
            } else {
                Rest::Off
            };
            walk.off(&ramp, day, why, mail)
        };
        walk.days.push(day);
    }
    let capped = target.map(|t| cap_on(&ramp, (start, t), &skipped));
    let volume = target.map_or(warmup.target_volume, |t| needs_on(warmup, wanted, t));
    let reaches_target = target.zip(capped).map(|(t, capped)| {
        // No cap on the day means the ramp has ended by then, which carries
        // the peak only if it climbed that far.
        let carries = match capped {
            Some(c) => c >= volume,
            None => top_covers(warmup, volume),
        };
        volume == 0 || (carries && t >= start)
    });
    Some(Calendar {
        days: walk.days,
        warm_on: walk.warm_on,
        cap_on_target: capped.flatten(),
        tops_out: ramp.tops_out(),
        needs: ramp.enough,
        reaches_target,
        target_needs: volume,
        latest_start: target.and_then(|t| latest_start(&ramp, (t, volume), &skipped)),
        total_over_cap: walk.total_over,
        max_backlog: walk.max_backlog,
        backlog_clears_on: walk.clears_on,
        most_days_late: walk.most_late,
        total_off_day: walk.total_off_day,
    })
}

/// What a lane must carry on its peak date: the peak target, or the mail
/// its journeys want that day when that is more, since a peak below the
/// day's own mail would hold that mail back.
pub fn needs_on(warmup: &WarmupPlan, wanted: &Wanted, day: NaiveDate) -> u64 {
    // A peak on a lane migrations have emptied goes out on the lanes its
    // mail moved to, as the simulation sends it.
    if wanted.all_moved_off(day) {
        return 0;
    }
    let mail: u64 = wanted.on(day).iter().sum();
    warmup.target_volume.max(mail)
}

/// A YYYY-MM-DD date, or `None`.
pub fn date(text: &str) -> Option<NaiveDate> {
    crate::units::iso_date(text)
}
