//! The old lane's side of a move: the days it does not send the mail left
//! on it, and the mail each lane's calendar wants while moves run.

use chrono::{Datelike, NaiveDate};

use super::{split, DayKind, OldLaneOff, Split, SplitDay};
use crate::plan::model::{Journey, Migration, Overflow, Plan};
use crate::plan::routing::Routing;
use crate::warmup::calendar::{
    calendar, date, filter_cohort, recipient_cohort, Moving, Wanted, MAX_DAYS,
};

/// Marks the days of `split`, the split of `m`, on which the old lane does
/// not send though some of the moved mail is left on it: one of its
/// warm-up's skipped dates, or a weekday its ramp leaves out while it
/// warms, as its warm-up calendar has them and the simulation runs them.
/// The new lane takes its share all the same; the rest waits for the old
/// lane's next sending day when its overflow defers, and is not sent
/// otherwise. An old lane without a dated warm-up sends every day.
pub fn mark_old_lane_off(plan: &Plan, routing: &Routing, m: &Migration, split: &mut Split) {
    let Some(w) = plan.lane(&m.from_lane).and_then(|l| l.warmup.as_ref()) else {
        return;
    };
    let Some(begun) = date(&w.start_date).filter(|_| m.from_lane != m.to_lane) else {
        return;
    };
    let skipped: Vec<NaiveDate> = w.skipped_dates.iter().filter_map(|d| date(d)).collect();
    // Only these days can be off, so the old lane's calendar, which costs
    // the splits of every move onto it or off it, is read only for them.
    let maybe_off = |d: &SplitDay| {
        let day = date(&d.date).filter(|day| d.old_lane > 0 && *day >= begun)?;
        let weekday = day.weekday().number_from_monday() as u8;
        let off = skipped.contains(&day) || !w.sending_weekdays.contains(&weekday);
        off.then_some(day)
    };
    let Some(last) = split.days.iter().rev().find_map(maybe_off) else {
        return;
    };
    let days = u32::try_from((last - begun).num_days() + 1).unwrap_or(MAX_DAYS);
    let wanted = lane_wanted(plan, routing, &m.from_lane);
    let Some(cal) = calendar(w, &wanted, days) else {
        return;
    };
    let fate = match w.overflow {
        Overflow::Defer => OldLaneOff::Waits,
        _ => OldLaneOff::NotSent,
    };
    for d in split.days.iter_mut() {
        let Some(day) = maybe_off(d) else {
            continue;
        };
        let on = usize::try_from((day - begun).num_days()).ok();
        let cal_day = on.and_then(|at| cal.days.get(at));
        if cal_day.is_some_and(|c| !c.sending && c.off_day > 0) {
            d.old_lane_off = Some(fate);
        }
    }
}

/// The dates from the first to the last day of the move, both included;
/// the last is `MAX_DAYS` on when the move never completes.
pub fn span(split: &Split) -> Option<(NaiveDate, NaiveDate)> {
    let first = date(&split.days.first()?.date)?;
    let last = date(&split.days.last()?.date)?;
    Some((first, last))
}

/// The mail a lane's warm-up calendar wants: its routed journeys', with
/// the mail migrations move onto it and off it on the days they move it,
/// each on its new lane's ramp as planned. The calendar is the plan, so
/// it takes every sending day to pass its health gates: the Migrations
/// tab holds the split on the days imported delivery data failed them, and
/// the simulation on the days its own gates fail (`simulate::migration`).
/// A journey two migrations move follows the one that moves it first
/// (`first_mover`), as the simulation moves it.
pub fn lane_wanted(plan: &Plan, routing: &Routing, lane_id: &str) -> Wanted {
    let limit = |id: &str| {
        plan.lane(id)
            .map_or(3, |l| filter_cohort(&l.engagement_filter))
    };
    let involved = |m: &&Migration| {
        m.from_lane != m.to_lane && (m.from_lane == lane_id || m.to_lane == lane_id)
    };
    // The moved journeys, on the old lane until each move takes them,
    // whichever of its lanes the plan routes them to.
    let mut moving_here: Vec<&str> = Vec::new();
    let mut moved = Wanted::default();
    for m in plan.migrations.iter().filter(involved) {
        // A move without a first day or a lane moves nothing.
        let Some(split) = split(plan, routing, m, &[]) else {
            continue;
        };
        // The old lane's mail moves, or the new lane's once cut over, as
        // the simulation moves it; no two moves share a journey
        // (`moved_mail`).
        let journeys: Vec<&Journey> = (plan.journeys.iter())
            .filter(|j| split.moved.journeys.contains(&j.id))
            .collect();
        if journeys.is_empty() {
            continue;
        }
        let onto = m.to_lane == lane_id;
        moving_here.extend(journeys.iter().map(|j| j.id.as_str()));
        let Some(moving) = moving(&split, onto) else {
            continue;
        };
        let new_limit = limit(&m.to_lane);
        moved = moved.and(&match onto {
            true => {
                Wanted::of_journeys_within(journeys.into_iter(), new_limit).moved_by(moving, None)
            }
            false => leaving_mail(&journeys, (limit(lane_id), new_limit), moving),
        });
    }
    let staying =
        (routing.journeys_on(plan, lane_id)).filter(|j| !moving_here.contains(&j.id.as_str()));
    Wanted::of_journeys_within(staying, limit(lane_id)).and(&moved)
}

/// The mail of `journeys` leaving a lane: each in its cohort there, and
/// following the share of the moved mail in its cohort on the new lane
/// (`limits`: the least engaged cohort each lane's filter reaches).
fn leaving_mail(journeys: &[&Journey], (old, new): (usize, usize), moving: Moving) -> Wanted {
    (0..4)
        .map(|cohort| {
            let there = journeys
                .iter()
                .copied()
                .filter(|j| recipient_cohort(j).min(new) == cohort);
            Wanted::of_journeys_within(there, old).moved_by(moving.clone(), Some(cohort))
        })
        .fold(Wanted::default(), |all, part| all.and(&part))
}

/// A split as a move onto its new lane (`onto`) or off its old one: each
/// day's share of the moved mail in each cohort, all of it once complete.
fn moving(split: &Split, onto: bool) -> Option<Moving> {
    let start = date(&split.days.first()?.date)?;
    let taken = split.days.iter().zip(start.iter_days()).map(|(d, day)| {
        if d.kind == DayKind::Complete {
            return [(1, 1); 4];
        }
        let all = split.moved.moving.on(day);
        std::array::from_fn(|c| (d.new_by_cohort[c], all[c]))
    });
    let completes = split.completes_on.is_some();
    // The new lane's ramp holds on the move's hold dates, as the split does.
    let held = (split.days.iter())
        .filter(|d| onto && d.kind == DayKind::Held)
        .filter_map(|d| date(&d.date))
        .collect();
    Some(Moving::new(start, taken.collect(), completes, onto).holding(held))
}
