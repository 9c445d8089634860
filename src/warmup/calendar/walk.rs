//! The calendar as it is walked day by day: a sending day fills the cap
//! from the deferred mail and the day's own, and a day without sending
//! holds the ramp while its mail waits or is not sent.

use chrono::NaiveDate;

use super::ramp::{binding, Ramp};
use super::{Day, REWARM_AFTER_DAYS};
use crate::plan::model::Overflow;
use crate::units::group;
use crate::warmup::late::Ages;

/// Why a lane does not send on a day: its journeys want nothing then, the
/// date is skipped, or its weekday is not one the ramp sends on.
#[derive(Clone, Copy)]
pub(super) enum Rest {
    Quiet,
    Skipped,
    Off,
}

/// The calendar as it is walked: the days so far, where the ramp stands,
/// the mail waiting and the headline figures.
#[derive(Default)]
pub(super) struct Walk {
    pub(super) days: Vec<Day>,
    pub(super) step: u32,
    pub(super) idle: u32,
    /// Deferred mail by cohort, so it is counted in its own cohort when sent.
    deferred: [u64; 4],
    /// The days the deferred mail was wanted on, and the most days any of
    /// it has waited before going out.
    ages: Ages,
    pub(super) most_late: u32,
    pub(super) warm_on: Option<String>,
    pub(super) total_over: u64,
    pub(super) max_backlog: u64,
    pub(super) clears_on: Option<String>,
    pub(super) total_off_day: u64,
    /// Whether a day without mail has said why the ramp holds; once is
    /// enough.
    quiet_noted: bool,
}

impl Walk {
    /// A day without sending: the ramp holds, and mail deferred from
    /// earlier days waits on.
    pub(super) fn rest(&mut self, day: NaiveDate, why: Rest) -> Day {
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
    pub(super) fn off(&mut self, ramp: &Ramp, day: NaiveDate, why: Rest, wanted: [u64; 4]) -> Day {
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
    pub(super) fn send(
        &mut self,
        ramp: &Ramp,
        day: NaiveDate,
        requested: [u64; 4],
        hold: bool,
    ) -> Day {
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
                // A peak volume without a date is no target the page
                // names, but the ramp still climbs to it.
                (Some(_), _) if ramp.warmup.target_volume > 0 => {
                    match super::date(&ramp.warmup.target_date) {
                        Some(_) => "The cap now covers the lane's busiest day and its peak target.".into(),
                        None => format!(
                            "The cap now covers the lane's busiest day and its peak volume of {} a day.",
                            group(ramp.warmup.target_volume)
                        ),
                    }
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
