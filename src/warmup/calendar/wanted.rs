//! The mail a lane's calendar wants: its journeys' mail in parts, each
//! with its cohort and schedule, and what migrations move onto the lane or
//! off it, read day by day.

use chrono::NaiveDate;

use super::cohorts::{filter_cohort, recipient_cohort};
use crate::plan::model::{Journey, Plan, WarmupPlan};
use crate::plan::routing::Routing;
use crate::plan::schedule::{peak_day_by, Schedule};

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

/// The mail on `day`, by cohort; on the peak's date, swollen to the peak
/// volume in proportion when the journeys want less, as the simulation
/// swells it: the peak is the lane's usual mail, more of it, sent that day
/// even where its schedules send nothing then.
pub(super) fn mail_on(wanted: &Wanted, day: NaiveDate, peak: Option<(NaiveDate, u64)>) -> [u64; 4] {
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
