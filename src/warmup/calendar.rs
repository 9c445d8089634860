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

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::late::Ages;
use super::presets::{custom_cap, daily_cap, final_cap, held_cap, schedule, Unit};
use crate::plan::model::{
    Audience, EngagementFilter, Journey, Overflow, Plan, Trigger, WarmupPlan, WarmupPreset,
};
use crate::plan::routing::Routing;
use crate::plan::schedule::{peak_day_by, Schedule};
use crate::units::group;

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

/// The mail a lane's journeys want, in parts (each scheduled journey a
/// part, spread mail a part a cohort), so a day's mail includes the
/// scheduled sends that fall on it, and the moves of migrations that carry
/// some of the parts onto the lane or off it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    parts: Vec<Part>,
    moves: Vec<Moving>,
}

/// Part of a lane's mail: its cohort, average a day and schedule, and for
/// mail a migration moves, the move (its place in `Wanted::moves`) and the
/// cohort, as the new lane counts it, whose share of the moved mail it
/// follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Part {
    cohort: usize,
    daily: u64,
    schedule: Schedule,
    moved: Option<(usize, usize)>,
}

/// How a migration moves its mail, from its first day: each day, per
/// cohort as the new lane counts it, the moved mail the new lane takes and
/// all the moved mail, then all of it once the move completes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moving {
    start: NaiveDate,
    taken: Vec<[(u64, u64); 4]>,
    completes: bool,
    /// Whether the mail comes onto the lane, or goes off it.
    onto: bool,
    /// The move's hold dates before it completes, on which the new lane's
    /// ramp stays at the last sending day's step, as the split does.
    held: Vec<NaiveDate>,
}

impl Moving {
    /// A move from `start`, taking `taken` a day (`(1, 1)` for all of a
    /// cohort), and all of it after those days when it `completes`.
    pub fn new(start: NaiveDate, taken: Vec<[(u64, u64); 4]>, completes: bool, onto: bool) -> Self {
        Moving {
            start,
            taken,
            completes,
            onto,
            held: Vec::new(),
        }
    }

    /// The same move holding the new lane's ramp on `held`.
    pub fn holding(self, held: Vec<NaiveDate>) -> Self {
        Moving { held, ..self }
    }

    /// Whether the move has begun by `day`.
    fn begun(&self, day: NaiveDate) -> bool {
        day >= self.start
    }

    /// The share of the moved mail in `cohort` on the lane on `day`.
    fn share(&self, day: NaiveDate, cohort: usize) -> f64 {
        let offset = usize::try_from((day - self.start).num_days());
        let moved = match offset.map(|at| self.taken.get(at)) {
            // Before the first day nothing has moved.
            Err(_) => 0.0,
            Ok(Some(taken)) => match taken[cohort] {
                (_, 0) => 0.0,
                (part, of) => part as f64 / of as f64,
            },
            Ok(None) if self.completes => 1.0,
            Ok(None) => 0.0,
        };
        if self.onto {
            moved
        } else {
            1.0 - moved
        }
    }
}

impl Wanted {
    /// Mail spread evenly over every day, by cohort.
    pub fn spread(volume: [u64; 4]) -> Wanted {
        let parts = (0..4).filter(|&c| volume[c] > 0).map(|cohort| Part {
            cohort,
            daily: volume[cohort],
            schedule: Schedule::Spread,
            moved: None,
        });
        Wanted {
            parts: parts.collect(),
            moves: Vec::new(),
        }
    }

    /// The mail of the journeys routed to the lane, without the moves of
    /// migrations (`migration::lane_wanted` adds them).
    pub fn of_lane(plan: &Plan, routing: &Routing, lane_id: &str) -> Wanted {
        let limit = plan
            .lane(lane_id)
            .map_or(3, |l| filter_cohort(&l.engagement_filter));
        Wanted::of_journeys_within(routing.journeys_on(plan, lane_id), limit)
    }

    /// The mail of `journeys`. Spread mail of one cohort is kept as one
    /// part: its days are whole, so adding it up first changes no day's
    /// rounding, and a lane of many journeys is read in a few parts a day.
    pub fn of_journeys<'a>(journeys: impl Iterator<Item = &'a Journey>) -> Wanted {
        Wanted::of_journeys_within(journeys, 3)
    }

    /// The mail of `journeys` on a lane whose filter reaches no cohort less
    /// engaged than `limit` (`filter_cohort`).
    pub fn of_journeys_within<'a>(
        journeys: impl Iterator<Item = &'a Journey>,
        limit: usize,
    ) -> Wanted {
        let mut spread = [0u64; 4];
        let mut wanted = Wanted::default();
        for j in journeys {
            let (cohort, daily) = (recipient_cohort(j).min(limit), u64::from(j.daily_volume));
            match Schedule::of(j) {
                Schedule::Spread => spread[cohort] += daily,
                schedule => wanted.parts.push(Part {
                    cohort,
                    daily,
                    schedule,
                    moved: None,
                }),
            }
        }
        Wanted::spread(spread).and(&wanted)
    }

    /// This mail as a migration moves it onto the lane or off it: each
    /// part follows the moved mail's share in `cohort`, or in its own
    /// cohort when `None`.
    pub fn moved_by(mut self, moving: Moving, cohort: Option<usize>) -> Wanted {
        let at = self.moves.len();
        for part in &mut self.parts {
            part.moved = Some((at, cohort.unwrap_or(part.cohort)));
        }
        self.moves.push(moving);
        self
    }

    /// This mail and `other` together.
    pub fn and(&self, other: &Wanted) -> Wanted {
        let after = self.moves.len();
        let others = other.parts.iter().map(|p| Part {
            moved: p.moved.map(|(at, cohort)| (at + after, cohort)),
            ..*p
        });
        Wanted {
            parts: self.parts.iter().copied().chain(others).collect(),
            moves: self.moves.iter().chain(&other.moves).cloned().collect(),
        }
    }

    /// The average a day, by cohort, of all the mail the lane carries at
    /// some time: its own, and what migrations bring it or take off it.
    pub fn average(&self) -> [u64; 4] {
        let mut volume = [0u64; 4];
        for part in &self.parts {
            volume[part.cohort] += part.daily;
        }
        volume
    }

    /// The average a day of the mail that goes out day after day:
    /// `average`, all cohorts, without the one-off sends, which go out once.
    pub fn per_day(&self) -> u64 {
        let all: u64 = self.average().iter().sum();
        all.saturating_sub(self.one_offs().0)
    }

    /// The mail of the lane's one-off sends, each sent once: no part of
    /// a day's average, and `undated` of it without a date yet, which
    /// `peak` counts on the busiest day.
    pub fn one_offs(&self) -> (u64, u64) {
        let of = |undated: bool| {
            (self.parts.iter())
                .filter(|part| match part.schedule {
                    Schedule::Once(date) => !undated || date.is_none(),
                    _ => false,
                })
                .map(|part| part.daily)
                .sum()
        };
        (of(false), of(true))
    }

    /// The mail of one-off sends dated outside `days`, which no day of a
    /// calendar over them counts.
    pub fn one_offs_outside(&self, days: Option<(NaiveDate, NaiveDate)>) -> u64 {
        (self.parts.iter())
            .filter(|part| matches!(part.schedule, Schedule::Once(_)))
            .filter(|part| !part.schedule.sends_within(days))
            .map(|part| part.daily)
            .sum()
    }

    /// This mail without its one-off sends dated before `day`, which a
    /// move from that day never takes: they went out before it began.
    pub fn from_day(mut self, day: NaiveDate) -> Wanted {
        (self.parts).retain(|p| !matches!(p.schedule, Schedule::Once(Some(d)) if d < day));
        self
    }

    /// The share of `part` on the lane on `day`: all of it unless a
    /// migration moves it.
    fn present(&self, part: &Part, day: NaiveDate) -> f64 {
        part.moved
            .and_then(|(at, cohort)| Some(self.moves.get(at)?.share(day, cohort)))
            .unwrap_or(1.0)
    }

    /// The mail on `day`, by cohort.
    pub fn on(&self, day: NaiveDate) -> [u64; 4] {
        let mut volume = [0u64; 4];
        for part in &self.parts {
            let worth = part.schedule.days_worth(day) * self.present(part, day);
            volume[part.cohort] += (part.daily as f64 * worth).round() as u64;
        }
        volume
    }

    /// The daily averages in place of a day its schedules skip, as the
    /// simulation swells such a day to a peak: the lane's own mail and what
    /// migrations have begun to bring it, whole; `None` once a migration
    /// has begun to take mail off the lane, which then stays off it. A
    /// one-off is no part of the usual mail.
    fn usual_on(&self, day: NaiveDate) -> Option<[u64; 4]> {
        let leaving = self.moves.iter().any(|m| !m.onto && m.begun(day));
        if leaving {
            return None;
        }
        let mut volume = [0u64; 4];
        for part in &self.parts {
            let here = part
                .moved
                .is_none_or(|(at, _)| self.moves.get(at).is_some_and(|m| m.begun(day)));
            if here && !matches!(part.schedule, Schedule::Once(_)) {
                volume[part.cohort] += part.daily;
            }
        }
        Some(volume)
    }

    /// Whether a migration onto the lane holds its ramp on `day`: one of
    /// the move's hold dates before it completes.
    pub fn held_on(&self, day: NaiveDate) -> bool {
        self.moves.iter().any(|m| m.onto && m.held.contains(&day))
    }

    /// Whether no journey wants mail on `day`.
    pub fn quiet_on(&self, day: NaiveDate) -> bool {
        !self.parts.iter().any(|part| {
            part.daily > 0 && part.schedule.days_worth(day) > 0.0 && self.present(part, day) > 0.0
        })
    }

    /// Whether the journeys want no mail at all.
    pub fn is_empty(&self) -> bool {
        self.parts.iter().all(|part| part.daily == 0)
    }

    /// Whether migrations have taken all of the lane's mail off it by
    /// `day`: a lane that had mail and has none of it left.
    pub fn all_moved_off(&self, day: NaiveDate) -> bool {
        !self.is_empty()
            && (self.parts.iter())
                .filter(|part| part.daily > 0)
                .all(|part| self.present(part, day) == 0.0)
    }

    /// The largest day's mail (`schedule::peak_day`), counting all the mail
    /// migrations bring the lane and the mail they take off it, which it
    /// carries before they do, and a one-off without a date on it.
    pub fn peak(&self) -> u64 {
        self.peak_within(None)
    }

    /// `peak` within the calendar of `warmup`: a one-off dated outside it
    /// is on none of its days, so the calendar's busiest day leaves it out.
    pub fn peak_for(&self, warmup: &WarmupPlan) -> u64 {
        self.peak_within(warmup.calendar_days())
    }

    /// `peak` from the first date to the last of `days` (`None` for all).
    pub fn peak_within(&self, days: Option<(NaiveDate, NaiveDate)>) -> u64 {
        let mail: Vec<(f64, Schedule)> = (self.parts.iter())
            .filter(|part| part.schedule.sends_within(days))
            .map(|part| (part.daily as f64, part.schedule))
            .collect();
        // Rounded part by part, as `on` counts a day's mail.
        peak_day_by(&mail, f64::round) as u64
    }
}

/// The engagement cohort of a journey's recipients. Mail the recipient's
/// own action starts (a tracked event such as a cart, or a transactional
/// message such as a receipt) reaches someone who engaged moments ago, so
/// it is in the 30-day cohort whatever the journey's audience filter;
/// promotions and mail to a segment or on a schedule reach their audience.
pub fn recipient_cohort(journey: &Journey) -> usize {
    let own_action = matches!(
        journey.trigger,
        Trigger::Event { .. } | Trigger::TransactionalApi { .. }
    );
    if own_action && !journey.intent.is_promotional() {
        0
    } else {
        cohort(journey.audience)
    }
}

/// The least engaged cohort a lane's engagement filter lets its mail
/// reach: people who opened, clicked or bought within 30, 60 or 90 days,
/// or anyone. A predicted intent segment is taken to reach as far as 60
/// days of engagement: predictions rank recent engagers highest, but also
/// score people by purchases and browsing.
pub fn filter_cohort(filter: &EngagementFilter) -> usize {
    match filter {
        EngagementFilter::None => 3,
        EngagementFilter::PredictedIntent => 1,
        EngagementFilter::EngagedWithin { days } | EngagementFilter::PurchasedWithin { days } => {
            match days {
                0..=30 => 0,
                31..=60 => 1,
                61..=90 => 2,
                _ => 3,
            }
        }
    }
}

/// The index of a cohort in per-cohort arrays, most engaged first.
pub fn cohort(audience: Audience) -> usize {
    match audience {
        Audience::Engaged30 => 0,
        Audience::Engaged60 => 1,
        Audience::Engaged90 => 2,
        Audience::All => 3,
    }
}

/// A YYYY-MM-DD date, or `None`.
pub fn date(text: &str) -> Option<NaiveDate> {
    crate::units::iso_date(text)
}

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
fn top_covers(warmup: &WarmupPlan, volume: u64) -> bool {
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

/// Why a lane does not send on a day: its journeys want nothing then, the
/// date is skipped, or its weekday is not one the ramp sends on.
#[derive(Clone, Copy)]
enum Rest {
    Quiet,
    Skipped,
    Off,
}

/// A ramp's caps for the steps a calendar can reach, worked out once: the
/// calendar walks the ramp from many starts, and a custom ramp's cap costs
/// a step per level.
struct Ramp<'a> {
    warmup: &'a WarmupPlan,
    wanted: &'a Wanted,
    caps: Vec<Option<u64>>,
    enough: u64,
}

impl<'a> Ramp<'a> {
    fn new(warmup: &'a WarmupPlan, wanted: &'a Wanted) -> Ramp<'a> {
        let caps = (0..=MAX_DAYS).map(|step| cap_at(warmup, step)).collect();
        Ramp {
            warmup,
            wanted,
            caps,
            enough: enough(warmup, wanted.peak_for(warmup)),
        }
    }

    fn cap(&self, step: u32) -> Option<u64> {
        match self.caps.get(step as usize) {
            Some(cap) => *cap,
            None => cap_at(self.warmup, step),
        }
    }

    /// Where the ramp ends, when that is short of what the lane needs.
    fn tops_out(&self) -> Option<u64> {
        top(self.warmup).filter(|&t| t < self.enough)
    }

    /// As `is_warm`.
    fn warm(&self, step: u32) -> bool {
        covers(self.cap(step), self.enough)
    }

    /// As `sends_on`: whether the lane may send on `day`.
    fn may_send(&self, step: u32, day: NaiveDate, skipped: &[NaiveDate]) -> bool {
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
    fn sends(&self, step: u32, day: NaiveDate, skipped: &[NaiveDate]) -> bool {
        self.may_send(step, day, skipped) && (self.wanted.is_empty() || !self.wanted.quiet_on(day))
    }
}

/// The mail on `day`, by cohort; on the peak's date, swollen to the peak
/// volume in proportion when the journeys want less, as the simulation
/// swells it: the peak is the lane's usual mail, more of it, sent that day
/// even where its schedules send nothing then.
fn mail_on(wanted: &Wanted, day: NaiveDate, peak: Option<(NaiveDate, u64)>) -> [u64; 4] {
    let mail = wanted.on(day);
    let Some((_, volume)) = peak.filter(|(on, _)| *on == day) else {
        return mail;
    };
    let base = match wanted.usual_on(day) {
        Some(usual) if mail.iter().sum::<u64>() == 0 => usual,
        _ => mail,
    };
    let usual: u64 = base.iter().sum();
    if usual == 0 || volume <= mail.iter().sum() {
        return mail;
    }
    let mut swollen = base.map(|c| (c as f64 * volume as f64 / usual as f64).floor() as u64);
    // What flooring each cohort leaves goes to the largest, so the day
    // wants the peak exactly, as the simulation's does.
    let short = volume.saturating_sub(swollen.iter().sum());
    if let Some(largest) = (0..4).max_by_key(|&c| swollen[c]) {
        swollen[largest] += short;
    }
    swollen
}

/// What a lane must reach to be warm: its largest day's mail, or its
/// peak target when that is more.
pub fn enough(warmup: &WarmupPlan, largest_day: u64) -> u64 {
    largest_day.max(warmup.target_volume)
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

/// The calendar as it is walked: the days so far, where the ramp stands,
/// the mail waiting and the headline figures.
#[derive(Default)]
struct Walk {
    days: Vec<Day>,
    step: u32,
    idle: u32,
    /// Deferred mail by cohort, so it is counted in its own cohort when sent.
    deferred: [u64; 4],
    /// The days the deferred mail was wanted on, and the most days any of
    /// it has waited before going out.
    ages: Ages,
    most_late: u32,
    warm_on: Option<String>,
    total_over: u64,
    max_backlog: u64,
    clears_on: Option<String>,
    total_off_day: u64,
    /// Whether a day without mail has said why the ramp holds; once is
    /// enough.
    quiet_noted: bool,
}

impl Walk {
    /// A day without sending: the ramp holds, and mail deferred from
    /// earlier days waits on.
    fn rest(&mut self, day: NaiveDate, why: Rest) -> Day {
        self.idle += 1;
        let backlog = self.deferred.iter().sum();
        let note = match why {
            Rest::Quiet if !self.quiet_noted => {
                self.quiet_noted = true;
                "No mail wanted today: the ramp holds until the next send."
            }
            Rest::Skipped => "Skipped date: the ramp holds.",
            _ => "",
        };
        Day {
            date: day.to_string(),
            sending: false,
            step: None,
            cap: None,
            requested: backlog,
            waiting: backlog,
            sent: [0; 4],
            over_cap: 0,
            off_day: 0,
            note: note.into(),
        }
    }

    /// A day the lane does not send though its journeys want mail: that
    /// mail waits for the next sending day, or is not sent, as the
    /// simulator has it.
    fn off(&mut self, ramp: &Ramp, day: NaiveDate, why: Rest, wanted: [u64; 4]) -> Day {
        let mut rest = self.rest(day, why);
        let off_day: u64 = wanted.iter().sum();
        if off_day == 0 {
            return rest;
        }
        let fate = if ramp.warmup.overflow == Overflow::Defer {
            self.deferred = std::array::from_fn(|i| self.deferred[i] + wanted[i]);
            self.ages.keep(day, self.deferred.map(|n| n as f64));
            // Mail that waits over a weekend is waiting at once too.
            self.max_backlog = self.max_backlog.max(self.deferred.iter().sum());
            "wait for the next sending day"
        } else {
            "are not sent"
        };
        self.total_off_day += off_day;
        let lead = match why {
            Rest::Skipped => "Skipped date: the ramp holds, and",
            _ => "Not a sending day in the ramp:",
        };
        rest.off_day = off_day;
        rest.note = format!("{lead} the day's {} messages {fate}.", group(off_day));
        rest
    }

    /// A sending day: the cap takes the deferred mail, then the day's own,
    /// and the rest is deferred or counted over the cap. On a migration's
    /// hold date (`hold`) the ramp keeps the last sending day's step and
    /// does not advance, as the move's split holds it.
    fn send(&mut self, ramp: &Ramp, day: NaiveDate, requested: [u64; 4], hold: bool) -> Day {
        let mut note = String::new();
        if self.idle > REWARM_AFTER_DAYS && self.step > 0 {
            self.step = 0;
            note = format!("{} days without sending: the ramp starts again.", self.idle);
        }
        self.idle = 0;
        let step = match hold {
            true => self.step.saturating_sub(1),
            false => self.step,
        };
        if hold {
            note = "A migration's hold date: the ramp stays at the last sending day's step.".into();
        }
        let cap = ramp.cap(step);
        let warms_today = ramp.warm(step) && self.warm_on.is_none();
        if warms_today {
            self.warm_on = Some(day.to_string());
            note = match (cap, ramp.tops_out()) {
                (None, Some(top)) => format!(
                    "The ramp ends at {} a day, short of the lane's {}: from today all its mail goes at once.",
                    group(top),
                    group(ramp.enough)
                ),
                (None, None) => "Warm: the ramp is complete.".into(),
                (Some(_), _) if ramp.warmup.target_volume > 0 => {
                    "The cap now covers the lane's busiest day and its peak target.".into()
                }
                (Some(_), _) => "The cap now covers the lane's busiest day.".into(),
            };
        }
        let backlog: u64 = self.deferred.iter().sum();
        let (sent, [left_deferred, left_today]) = fill(cap, [self.deferred, requested]);
        let sent_late = std::array::from_fn(|i| (self.deferred[i] - left_deferred[i]) as f64);
        self.most_late = self.most_late.max(self.ages.send(day, sent_late));
        let total = backlog + requested.iter().sum::<u64>();
        let over = total - sent.iter().sum::<u64>();
        if warms_today && over > 0 {
            note.push_str(" Mail deferred from earlier days still runs over it.");
        }
        if ramp.warmup.overflow == Overflow::Defer {
            self.defer(day, (backlog, over), [left_deferred, left_today]);
        } else {
            self.total_over += over;
        }
        if !hold {
            self.step += 1;
        }
        Day {
            date: day.to_string(),
            sending: true,
            step: Some(step),
            cap: binding(cap, ramp.enough.max(total)),
            requested: total,
            waiting: backlog,
            sent,
            over_cap: over,
            off_day: 0,
            note,
        }
    }

    /// Keeps what the cap left for the next sending day. Each message
    /// counts once over the cap, on the day it is first held back.
    fn defer(&mut self, day: NaiveDate, (backlog, over): (u64, u64), left: [[u64; 4]; 2]) {
        let [left_deferred, left_today] = left;
        self.total_over += left_today.iter().sum::<u64>();
        self.max_backlog = self.max_backlog.max(over);
        if backlog > 0 && over == 0 && self.clears_on.is_none() {
            self.clears_on = Some(day.to_string());
        }
        self.deferred = std::array::from_fn(|i| left_deferred[i] + left_today[i]);
        self.ages.keep(day, self.deferred.map(|n| n as f64));
    }
}

/// The cap as a day reports it: `None` once it covers `wanted`, the mail
/// the day wants and the lane's peak. A warm lane's ramp may keep growing
/// (some vendors double the cap for ever), and a cap far above the mail
/// says nothing to the reader.
pub fn binding(cap: Option<u64>, wanted: u64) -> Option<u64> {
    cap.filter(|&c| !covers(Some(c), wanted))
}

/// Sends the queues in order (deferred mail, then today's), each from its
/// most engaged cohort, until the cap is used: what is sent per cohort, and
/// what is left of each queue per cohort.
fn fill(cap: Option<u64>, queues: [[u64; 4]; 2]) -> ([u64; 4], [[u64; 4]; 2]) {
    let mut room = cap.unwrap_or(u64::MAX);
    let mut sent = [0u64; 4];
    let mut left = [[0u64; 4]; 2];
    for (queue, left) in queues.into_iter().zip(&mut left) {
        for (i, want) in queue.into_iter().enumerate() {
            let n = want.min(room);
            room -= n;
            sent[i] += n;
            left[i] = want - n;
        }
    }
    (sent, left)
}

/// The cap on `day` for a ramp that starts on `start`; `None` when the lane
/// is warm by then (`Some(0)` when `day` is before the start, when it is
/// not sending). A day more than `MAX_DAYS` after the start has the cap the
/// ramp reaches in `MAX_DAYS`: the calendar looks no further.
fn cap_on(ramp: &Ramp, (start, day): (NaiveDate, NaiveDate), skipped: &[NaiveDate]) -> Option<u64> {
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

/// The latest start date, at most `MAX_DAYS` before `target`, whose ramp
/// allows `volume` on the target date.
fn latest_start(
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

/// The calendar as CSV, one row per date.
pub fn to_csv(calendar: &Calendar) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "date",
        "sending",
        "ramp_day",
        "daily_cap",
        "wanted",
        "waiting",
        "sent_engaged_30",
        "sent_engaged_60",
        "sent_engaged_90",
        "sent_others",
        "over_cap",
        "off_day",
        "note",
    ];
    let _ = writer.write_record(header);
    for day in &calendar.days {
        let number = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        let _ = writer.write_record([
            day.date.clone(),
            if day.sending { "yes" } else { "no" }.to_string(),
            number(day.step.map(|s| u64::from(s) + 1)),
            if day.sending && day.cap.is_none() {
                "warm".to_string()
            } else {
                number(day.cap)
            },
            // Wanted as the table says it: on a day the lane does not
            // send, the deferred mail and its journeys' mail, which
            // `off_day` repeats.
            (day.requested + day.off_day).to_string(),
            day.waiting.to_string(),
            day.sent[0].to_string(),
            day.sent[1].to_string(),
            day.sent[2].to_string(),
            day.sent[3].to_string(),
            day.over_cap.to_string(),
            day.off_day.to_string(),
            crate::units::csv_text(&day.note),
        ]);
    }
    writer
        .into_inner()
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}
