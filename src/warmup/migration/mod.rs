//! A migration's daily split: how much of the moved mail the new lane
//! takes on each date, the day the move completes, and what delays it.
//!
//! The ramp continues the new lane's warm-up schedule: a warm-up begun
//! before the migration's first day has reached its step by then (a lane
//! already warm takes all of it at once), and one that has not begun
//! counts from that day. Each sending day the schedule's cap, less the mail the
//! new lane already carries, takes the moved mail most engaged cohort
//! first; the rest stays on the old lane. Days the new lane does not send,
//! and days neither lane's journeys want mail (between scheduled sends),
//! leave all of it on the old lane and hold the ramp. Skipped dates, the move's hold dates
//! and failed health gates keep the ramp where it was, which is what delays
//! the move. A hold date is a sending day like any other for the health
//! gates: when it fails them, the next sending day repeats its step
//! (`step_after_failed_hold`). A day the old lane does not send changes
//! nothing of the split: the new lane takes its share, and the rest stays
//! on the old lane, which keeps it for its next sending day or does not
//! send it (`mark_old_lane_off` finds those days).
//!
//! This is the plan, worked out without the simulator: the failed gates
//! are an argument (the days imported delivery data failed them, or a
//! simulated run's, `simulate::migration::held`), and the calendars
//! (`lane_wanted`) take every day to pass, as the Warm-up tab says; the
//! simulation holds its own split after each day that fails a gate.
//!
//! A journey follows one move at a time: when two scheduled moves would
//! take it, the one that starts first (on the same day, the one first in
//! the plan) moves it, and the other leaves it be (`first_mover`), in the
//! calendars, the splits and the simulation alike; the lint flags such
//! moves when their dates overlap.

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{cap_at, date, Wanted, MAX_DAYS, REWARM_AFTER_DAYS};
use crate::plan::model::{Migration, Plan, WarmupPlan};
use crate::plan::routing::Routing;

mod moved;
mod old_lane;

pub use moved::{
    carried_on, first_mover, lane_moves, move_start, moved_mail, moved_words, moving_mail,
    old_lane_begins, LaneMove,
};
pub use old_lane::{lane_wanted, mark_old_lane_off, span};

/// The mail a migration moves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Moved {
    /// The journeys that move, in plan order.
    pub journeys: Vec<String>,
    /// Their mail, day by day, without the one-off sends dated before the
    /// move's first day, which went out before it.
    pub moving: Wanted,
    /// Mail the new lane already carries, which its cap serves first.
    pub staying: Wanted,
    /// Listed journeys routed to neither lane, which do not move.
    pub elsewhere: Vec<String>,
    /// Journeys this move would take that another move takes first, each
    /// with that move's id: a journey follows one migration at a time
    /// (`first_mover`), so this one leaves them be.
    pub taken_by: Vec<(String, String)>,
}

impl Moved {
    /// The moved mail's average a day per cohort of its recipients (as the
    /// warm-up calendar counts them): engaged in 30, 60, 90 days, everyone.
    pub fn by_cohort(&self) -> [u64; 4] {
        self.moving.average()
    }

    /// The moved mail's average a day with its one-off sends whole: zero
    /// when nothing moves.
    pub fn total(&self) -> u64 {
        self.by_cohort().iter().sum()
    }

    /// The moved mail's average a day, without its one-off sends, which
    /// go out once and are no part of a day's.
    pub fn per_day(&self) -> u64 {
        self.moving.per_day()
    }

    /// The mail of the one-off sends that move, each sent once.
    pub fn one_off(&self) -> u64 {
        self.moving.one_offs().0
    }

    /// The new lane's own mail's average a day.
    pub fn own(&self) -> u64 {
        self.staying.average().iter().sum()
    }
}

/// What a date of the move is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// The new lane takes what its cap allows.
    Moving,
    /// The new lane takes all the moved mail: the move is complete.
    Complete,
    /// A weekday the new lane's warm-up does not send on.
    NotSending,
    /// A day neither the moved journeys nor the new lane's own want mail,
    /// between scheduled sends: the ramp holds.
    NoMail,
    /// One of the new lane's skipped dates.
    Skipped,
    /// One of the move's hold dates: the split stays as it was.
    Held,
}

/// Why the ramp did not advance on a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    Skipped,
    Held,
    GateFailed,
    /// More than 30 days without sending: the ramp started again.
    Rewarm,
}

/// A date that delayed the move.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Delay {
    pub date: String,
    pub cause: Cause,
}

/// What becomes of the moved mail left on the old lane on a day the old
/// lane does not send, by its warm-up's overflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OldLaneOff {
    /// It waits for the old lane's next sending day.
    Waits,
    /// It is not sent.
    NotSent,
}

/// One date of the move.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitDay {
    pub date: String,
    pub kind: DayKind,
    /// The ramp's sending day, from 0, on days the new lane sends.
    pub step: Option<u32>,
    /// The new lane's cap; `None` once warm or on days it does not send.
    pub cap: Option<u64>,
    /// Moved mail sent through the new lane and left on the old one.
    pub new_lane: u64,
    pub old_lane: u64,
    /// The new lane's share per cohort, most engaged first.
    pub new_by_cohort: [u64; 4],
    /// The day's health gates failed, so the ramp holds on the next
    /// sending day.
    pub gate_failed: bool,
    /// The sending day whose failed health gates hold the ramp today, which
    /// then repeats that day's step; `None` on a day no gate holds.
    pub held_by_gate: Option<String>,
    /// On a day the old lane does not send though some of the moved mail
    /// is left on it, what becomes of that mail (`mark_old_lane_off`);
    /// `None` on other days.
    pub old_lane_off: Option<OldLaneOff>,
}

impl SplitDay {
    /// The new lane's share of the moved mail, in whole percent.
    /// The new lane's share in words: "<1%" while it takes some but less
    /// than a whole percent, which would read as none.
    pub fn new_share(&self) -> String {
        match self.new_percent() {
            0 if self.new_lane > 0 => "<1%".to_string(),
            p => format!("{p}%"),
        }
    }

    pub fn new_percent(&self) -> u32 {
        let total = self.new_lane + self.old_lane;
        match total {
            0 => 100,
            _ => (self.new_lane * 100 / total) as u32,
        }
    }
}

/// A migration's split from its first day to the day it completes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    pub migration: String,
    pub moved: Moved,
    pub days: Vec<SplitDay>,
    /// The first date the new lane takes any of the moved mail.
    pub first_day: Option<String>,
    /// The date the new lane takes all of it; `None` beyond `MAX_DAYS`.
    pub completes_on: Option<String>,
    /// The same without skipped dates, hold dates or failed gates.
    pub undelayed_completes_on: Option<String>,
    pub delays: Vec<Delay>,
    /// The new lane has no warm-up plan, so it takes everything at once.
    pub no_warmup: bool,
    /// The first day of the old lane's warm-up, when it comes after the
    /// move's first day: the split starts then (`move_start`).
    pub old_lane_begins: Option<String>,
}

impl Split {
    /// Days between the undelayed completion and the real one.
    pub fn days_late(&self) -> Option<u32> {
        let real = date(self.completes_on.as_deref()?)?;
        let ideal = date(self.undelayed_completes_on.as_deref()?)?;
        Some((real - ideal).num_days().max(0) as u32)
    }

    /// The number of delays with this cause.
    pub fn count(&self, cause: Cause) -> u32 {
        self.delays.iter().filter(|d| d.cause == cause).count() as u32
    }
}

/// What holds the ramp: the new lane's skipped dates, the move's hold
/// dates and the days whose health gates failed.
struct Holds<'a> {
    skipped: Vec<NaiveDate>,
    held: Vec<NaiveDate>,
    failed: &'a [NaiveDate],
}

/// The migration's split over real dates; `failed_gates` are the sending
/// days whose health gates failed (from monitoring or a simulation).
/// `None` without a valid start date or when a lane is missing.
pub fn split(
    plan: &Plan,
    routing: &Routing,
    m: &Migration,
    failed_gates: &[NaiveDate],
) -> Option<Split> {
    let start = move_start(plan, m)?;
    plan.lane(&m.from_lane)?;
    let warmup = plan.lane(&m.to_lane)?.warmup.as_ref();
    let moved = moved_mail(plan, routing, m);
    let dates = |list: &[String]| list.iter().filter_map(|d| date(d)).collect::<Vec<_>>();
    let holds = Holds {
        skipped: warmup.map(|w| dates(&w.skipped_dates)).unwrap_or_default(),
        held: dates(&m.hold_dates),
        failed: failed_gates,
    };
    let reached = warmup.map_or(Reached::default(), |w| reached(w, &moved, start));
    let (days, delays) = ramp(warmup, &moved, start, &holds, reached);
    let undelayed = Holds {
        skipped: Vec::new(),
        held: Vec::new(),
        failed: &[],
    };
    let (ideal, _) = ramp(warmup, &moved, start, &undelayed, reached);
    let completed = |days: &[SplitDay]| {
        days.iter()
            .find(|d| d.kind == DayKind::Complete)
            .map(|d| d.date.clone())
    };
    Some(Split {
        migration: m.id.clone(),
        first_day: days
            .iter()
            .find(|d| d.new_lane > 0 || d.kind == DayKind::Complete)
            .map(|d| d.date.clone()),
        completes_on: completed(&days),
        undelayed_completes_on: completed(&ideal),
        days,
        delays,
        no_warmup: warmup.is_none(),
        old_lane_begins: old_lane_begins(plan, m).map(|d| d.to_string()),
        moved,
    })
}

/// Where the new lane's own warm-up stands on the move's first day: the
/// next step of its ramp, and the days since it last sent.
#[derive(Clone, Copy, Debug, Default)]
struct Reached {
    step: u32,
    idle: u32,
}

/// How far the new lane's warm-up has come by `start`, on its own mail, as
/// its calendar counts it; nothing when it starts that day or later, or
/// when the lane has no mail of its own to ramp on before the move.
fn reached(warmup: &WarmupPlan, moved: &Moved, start: NaiveDate) -> Reached {
    let Some(begun) = date(&warmup.start_date).filter(|&d| d < start) else {
        return Reached::default();
    };
    if moved.staying.is_empty() {
        return Reached::default();
    }
    let days = u32::try_from((start - begun).num_days()).unwrap_or(MAX_DAYS);
    let Some(cal) = super::calendar::calendar(warmup, &moved.staying, days) else {
        return Reached::default();
    };
    let last = (cal.days.iter().enumerate().rev()).find_map(|(at, d)| Some((at, d.step?)));
    match last {
        Some((at, step)) => Reached {
            step: step + 1,
            idle: (cal.days.len() - at - 1) as u32,
        },
        None => Reached::default(),
    }
}

/// The cap that completes a move: the move is complete once the new
/// lane's cap covers its busiest day with everything moved, as its
/// calendar counts it (a one-off dated outside the calendar is on none of
/// its days), and from then on all the moved mail is the new lane's.
pub fn completes_at(warmup: Option<&WarmupPlan>, moved: &Moved) -> u64 {
    let all = moved.moving.and(&moved.staying);
    warmup.map_or_else(|| all.peak(), |w| all.peak_for(w))
}

/// Day by day from `start` until the new lane takes all the moved mail.
fn ramp(
    warmup: Option<&WarmupPlan>,
    moved: &Moved,
    start: NaiveDate,
    holds: &Holds,
    reached: Reached,
) -> (Vec<SplitDay>, Vec<Delay>) {
    let mut ramp = Ramp {
        warmup,
        moved,
        holds,
        busiest: completes_at(warmup, moved),
        step: reached.step,
        idle: reached.idle,
        // Before the move's first sending day the split has moved
        // nothing, so a hold date keeps that, whatever step the lane's own
        // mail reached (`kept_in_move`).
        kept: None,
        gate_hold: None,
        days: Vec::new(),
        delays: Vec::new(),
    };
    for offset in 0..MAX_DAYS {
        let Some(day) = start.checked_add_days(Days::new(u64::from(offset))) else {
            break;
        };
        if !ramp.rests(day) && ramp.sends(day) {
            break;
        }
    }
    (ramp.days, ramp.delays)
}

/// The ramp as it goes: the warm-up step reached, the idle days in a row,
/// the step a hold date keeps, the failed gate whose hold is still to come,
/// and the days and delays so far.
struct Ramp<'a> {
    warmup: Option<&'a WarmupPlan>,
    moved: &'a Moved,
    holds: &'a Holds<'a>,
    busiest: u64,
    step: u32,
    idle: u32,
    /// The move step of the last sending day, whose split a hold date
    /// keeps (`move_step`).
    kept: Option<u32>,
    gate_hold: Option<NaiveDate>,
    days: Vec<SplitDay>,
    delays: Vec<Delay>,
}

impl Ramp<'_> {
    fn delay(&mut self, day: NaiveDate, cause: Cause) {
        self.delays.push(Delay {
            date: day.to_string(),
            cause,
        });
    }

    /// Records `day` as idle, and says so, when the new lane does not send:
    /// a skipped day, a weekday the warm-up does not send, or a day neither
    /// lane has mail.
    fn rests(&mut self, day: NaiveDate) -> bool {
        let moved = self.moved;
        let weekday = day.weekday().number_from_monday() as u8;
        let skipped = self.holds.skipped.contains(&day);
        let off = self
            .warmup
            .is_some_and(|w| !w.sending_weekdays.contains(&weekday));
        let has_mail = !moved.moving.is_empty() || !moved.staying.is_empty();
        let quiet = has_mail && moved.moving.quiet_on(day) && moved.staying.quiet_on(day);
        if !(skipped || off || quiet) {
            return false;
        }
        self.idle += 1;
        if skipped {
            self.delay(day, Cause::Skipped);
        }
        let kind = match (skipped, off) {
            (true, _) => DayKind::Skipped,
            (false, true) => DayKind::NotSending,
            (false, false) => DayKind::NoMail,
        };
        self.days
            .push(idle_day(day.to_string(), kind, moved.moving.on(day)));
        true
    }

    /// Records a sending day: the new lane takes what its cap leaves room
    /// for, most engaged first. Says whether the move is complete.
    fn sends(&mut self, day: NaiveDate) -> bool {
        if self.idle > REWARM_AFTER_DAYS && self.step > 0 {
            self.step = 0;
            // The ramp starts again, so no gate holds it any more.
            self.gate_hold = None;
            self.delay(day, Cause::Rewarm);
        }
        self.kept = kept_after_pause(self.kept, self.idle);
        self.idle = 0;
        let (moved, step) = (self.moved, self.step);
        let held = self.holds.held.contains(&day);
        let on = move_step(step, held, self.kept);
        let cap = self.warmup.and_then(|w| move_cap(w, on));
        let own: u64 = moved.staying.on(day).iter().sum();
        let wanted = moved.moving.on(day);
        let taken = take(cap.map_or(u64::MAX, |c| c.saturating_sub(own)), wanted);
        let new_lane: u64 = taken.iter().sum();
        let covered = self.busiest == 0 || cap.is_none_or(|c| c >= self.busiest);
        let complete = covered && !(held && on.is_none() && moved.total() > 0);
        // A hold date sends too, so its failed gates hold the ramp as any
        // sending day's do.
        let gate_failed = !complete && self.holds.failed.contains(&day);
        // A failed gate holds the next sending day that would have taken
        // the next step; a hold date keeps its own cap, so the gate's hold
        // comes after it.
        let held_by_gate = match held {
            true => None,
            false => self.gate_hold.take().filter(|_| !complete),
        };
        if gate_failed {
            self.gate_hold = Some(day);
        }
        if held {
            self.delay(day, Cause::Held);
        }
        if gate_failed {
            self.delay(day, Cause::GateFailed);
        }
        self.days.push(SplitDay {
            date: day.to_string(),
            kind: match (complete, held) {
                (true, _) => DayKind::Complete,
                (false, true) => DayKind::Held,
                (false, false) => DayKind::Moving,
            },
            // A hold shows the step whose cap it keeps; before any
            // sending day there is none to show.
            step: on,
            cap,
            new_lane,
            old_lane: wanted.iter().sum::<u64>() - new_lane,
            new_by_cohort: taken,
            gate_failed,
            held_by_gate: held_by_gate.map(|d| d.to_string()),
            old_lane_off: None,
        });
        if !complete && !held && !gate_failed {
            self.step += 1;
        }
        if held && gate_failed {
            // Before the move's first sending day the lane sent at its own
            // last step, the one before the step it reached.
            self.step = step_after_failed_hold(self.step, on.or(self.step.checked_sub(1)));
        }
        self.kept = on;
        complete
    }
}

/// The ramp step whose cap the new lane takes the moved mail under on a
/// sending day on ramp step `step`. A hold date keeps the split of the
/// last sending day before it, so it takes that day's move step, `last`,
/// whether that day advanced the ramp, failed its health gates (which
/// leave the ramp on its step) or was held; `None` on a hold date before
/// the move's first sending day, when none of the moved mail moves. The split and the
/// simulation's moves both go by it, each day's result being the `last`
/// of the next.
pub fn move_step(step: u32, hold: bool, last: Option<u32>) -> Option<u32> {
    match hold {
        true => last,
        false => Some(step),
    }
}

/// The ramp step after a hold date whose health gates failed, the lane
/// being on ramp step `step` and having sent at step `sent` that day (the
/// step the hold date kept): the next sending day repeats the failed
/// day's step, as after any failed gate, rather than ramping on. The split
/// and the simulation both go by it.
pub fn step_after_failed_hold(step: u32, sent: Option<u32>) -> u32 {
    sent.map_or(step, |s| s.min(step))
}

/// The move step a hold date keeps after `idle` days without sending: the
/// last sending day's, `last`, unless the pause is long enough to start the
/// ramp again, which leaves no split to keep.
pub fn kept_after_pause(last: Option<u32>, idle: u32) -> Option<u32> {
    last.filter(|_| idle <= REWARM_AFTER_DAYS)
}

/// The move step a hold date keeps on a move that started on `start`,
/// `kept` being the step of the new lane's sending day `kept_on`: none
/// until a sending day of the move, on its first day or later, that no
/// hold date held, since the split has moved nothing before, whatever the
/// lane's own mail had reached.
pub fn kept_in_move(
    kept: Option<u32>,
    kept_on: Option<NaiveDate>,
    start: NaiveDate,
) -> Option<u32> {
    kept.filter(|_| kept_on.is_some_and(|d| d >= start))
}

/// The new lane's cap for the moved mail on move step `step`
/// (`move_step`): none of it without one; `None` once uncapped.
pub fn move_cap(warmup: &WarmupPlan, step: Option<u32>) -> Option<u64> {
    step.map_or(Some(0), |s| cap_at(warmup, s))
}

/// What each cohort moves, in order, within `room`.
fn take(mut room: u64, wanted: [u64; 4]) -> [u64; 4] {
    let mut taken = [0u64; 4];
    for (slot, want) in taken.iter_mut().zip(wanted) {
        *slot = want.min(room);
        room -= *slot;
    }
    taken
}

/// A day the new lane does not send: the moved mail due stays on the old
/// lane.
fn idle_day(date: String, kind: DayKind, wanted: [u64; 4]) -> SplitDay {
    SplitDay {
        date,
        kind,
        step: None,
        cap: None,
        new_lane: 0,
        old_lane: wanted.iter().sum(),
        new_by_cohort: [0; 4],
        gate_failed: false,
        held_by_gate: None,
        old_lane_off: None,
    }
}
