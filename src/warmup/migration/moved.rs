//! What a migration moves: its journeys and their mail, the lane each is
//! on as the move goes, and which of two moves takes a journey both would.

use std::borrow::Cow;

use chrono::NaiveDate;

use super::{split, Moved};
use crate::plan::model::{Journey, Migration, Plan};
use crate::plan::routing::{Route, Routing};
use crate::units::group;
use crate::warmup::calendar::{date, filter_cohort, Wanted};

/// The journeys a migration moves and their daily volume: every journey
/// routed to the old lane for a whole lane (or, once its cutover has left
/// the old lane none, every journey routed to the new lane, `cut_over`),
/// else the ticked journeys the plan has, less those another scheduled
/// move takes first (`first_mover`). A moved journey routed to the new
/// lane is the old lane's until the move takes it, in the calendars and
/// the simulation alike: the cutover is the move's last step, not the end
/// of what it moves.
pub fn moved_mail(plan: &Plan, routing: &Routing, m: &Migration) -> Moved {
    let (mut journeys, mut elsewhere, mut taken_by) = (Vec::new(), Vec::new(), Vec::new());
    let (mut moving, mut staying) = (Vec::new(), Vec::new());
    let cut = cut_over(routing, m);
    // The scheduled moves that go before this one.
    let before: Vec<(&Migration, bool)> = (plan.migrations.iter())
        .filter(|o| first_mover(plan, o, m))
        .map(|o| (o, cut_over(routing, o)))
        .collect();
    for (at, j) in plan.journeys.iter().enumerate() {
        let lane = routing
            .route_at(at, &j.id)
            .and_then(|r| r.lane_id.as_deref());
        if !takes(m, &j.id, lane, cut) {
            if lane == Some(m.to_lane.as_str()) {
                staying.push(j);
            }
            continue;
        }
        // Only the old lane's mail moves, or mail already routed to the
        // new lane after the cutover: a listed journey routed elsewhere
        // is the findings' to point out, not mail to move.
        if lane != Some(m.from_lane.as_str()) && lane != Some(m.to_lane.as_str()) {
            elsewhere.push(j.id.clone());
        } else if let Some((o, _)) = before.iter().find(|(o, cut)| moves(o, &j.id, lane, *cut)) {
            taken_by.push((j.id.clone(), o.id.clone()));
            if lane == Some(m.to_lane.as_str()) {
                staying.push(j);
            }
        } else {
            journeys.push(j.id.clone());
            moving.push(j);
        }
    }
    Moved {
        journeys,
        moving: moving_mail(plan, m, moving.into_iter()),
        staying: Wanted::of_journeys_within(staying.into_iter(), new_cohorts(plan, m)),
        elsewhere,
        taken_by,
    }
}

/// The cohorts the new lane's engagement filter lets through, which the
/// moved mail reaches, as the simulation moves it.
fn new_cohorts(plan: &Plan, m: &Migration) -> usize {
    plan.lane(&m.to_lane)
        .map_or(3, |l| filter_cohort(&l.engagement_filter))
}

/// The mail of `journeys` as move `m` moves it: to the cohorts the new
/// lane lets through, without the one-off sends dated before its first
/// day, which went out before it. A move's own journeys are counted so,
/// and so is what moves with them on Customer.io, a message type whole.
pub fn moving_mail<'a>(
    plan: &Plan,
    m: &Migration,
    journeys: impl Iterator<Item = &'a Journey>,
) -> Wanted {
    let moving = Wanted::of_journeys_within(journeys, new_cohorts(plan, m));
    match move_start(plan, m) {
        Some(start) => moving.from_day(start),
        None => moving,
    }
}

/// The day a move's mail starts to move: its first day, or the first day
/// of its old lane's warm-up when that is later, since a lane carries its
/// journeys from its warm-up's first day, as its calendar and the
/// simulation have it, and has none to move before. `None` without a
/// first day.
pub fn move_start(plan: &Plan, m: &Migration) -> Option<NaiveDate> {
    let start = date(&m.start_date)?;
    Some(old_lane_begins(plan, m).map_or(start, |begins| begins.max(start)))
}

/// The first day of the warm-up of move `m`'s old lane, when it comes
/// after the move's first day: the lane sends none of its mail before it.
pub fn old_lane_begins(plan: &Plan, m: &Migration) -> Option<NaiveDate> {
    let warmup = plan.lane(&m.from_lane)?.warmup.as_ref()?;
    let begins = date(&warmup.start_date)?;
    (m.from_lane != m.to_lane && begins > date(&m.start_date)?).then_some(begins)
}

/// The mail a move moves, in words: its average `a_day` ("11,000 messages
/// a day"), and its one-off sends apart, as they go out once and are no
/// part of a day's ("and 18,000 in one-off sends").
pub fn moved_words(moved: &Moved, a_day: &str) -> String {
    let daily = format!("{} {a_day}", group(moved.per_day()));
    match moved.one_off() {
        0 => daily,
        once if moved.per_day() == 0 => format!("{} in one-off sends", group(once)),
        once => format!("{daily} and {} in one-off sends", group(once)),
    }
}

/// A move as one of its lanes sees it: onto the lane or off it, with
/// the mail it moves.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneMove<'a> {
    pub migration: &'a Migration,
    /// Whether the mail moves onto the lane, rather than off it.
    pub onto: bool,
    pub moved: Moved,
}

/// The moves onto and off `lane_id` that move some mail, in plan order,
/// scheduled or not: the lane's routed mail is not all it will carry.
pub fn lane_moves<'a>(plan: &'a Plan, routing: &Routing, lane_id: &str) -> Vec<LaneMove<'a>> {
    let involved = |m: &&Migration| {
        let known = plan.lane(&m.from_lane).is_some() && plan.lane(&m.to_lane).is_some();
        known && m.from_lane != m.to_lane && (m.from_lane == lane_id || m.to_lane == lane_id)
    };
    (plan.migrations.iter().filter(involved))
        .map(|m| LaneMove {
            migration: m,
            onto: m.to_lane == lane_id,
            moved: moved_mail(plan, routing, m),
        })
        .filter(|mv| !mv.moved.journeys.is_empty())
        .collect()
}

/// Whether move `m` would take journey `id`, routed to `lane`: a whole
/// lane takes the old lane's journeys, or the new lane's once `cut` over
/// (`cut_over`); a list takes its journeys on either lane (the new one
/// once cut over), and names the others.
fn takes(m: &Migration, id: &str, lane: Option<&str>, cut: bool) -> bool {
    match m.whole_lane {
        true if cut => lane == Some(m.to_lane.as_str()),
        true => lane == Some(m.from_lane.as_str()),
        false => m.journeys.iter().any(|j| j == id),
    }
}

/// Whether move `m` moves journey `id`, routed to `lane`: one it takes
/// that is on either of its lanes.
fn moves(m: &Migration, id: &str, lane: Option<&str>, cut: bool) -> bool {
    let on = |l: &str| lane == Some(l);
    takes(m, id, lane, cut) && (on(&m.from_lane) || on(&m.to_lane))
}

/// Whether whole-lane move `m` has been cut over: the plan routes no
/// journey to its old lane any more, as its cutover step leaves it, so the
/// journeys on its new lane are the ones it moves. Without the old lane's
/// journeys to tell them by, all of the new lane's count: its own mail
/// from before the cutover cannot be told from what moved.
fn cut_over(routing: &Routing, m: &Migration) -> bool {
    let on_old = |r: &crate::plan::routing::Route| r.lane_id.as_deref() == Some(&m.from_lane);
    m.whole_lane && m.from_lane != m.to_lane && !routing.routes.iter().any(on_old)
}

/// The plan's routing as its lanes carry the mail on `today`: a journey a
/// scheduled move takes (`moved_mail`) that the plan already routes to the
/// move's new lane is on the old lane until the move completes, as its
/// split and both lanes' calendars keep it, since the cutover is the
/// move's last step, not the end of what it moves. From the day the move
/// completes, and for a move without a first day, which moves nothing, the
/// plan's routing stands. Customer.io's setup on the Platform tab reads
/// this, so an early cutover keeps the old lane's server until the move is
/// done, and so do the winback lint and the readiness report's lane
/// volumes.
pub fn carried_on<'a>(plan: &Plan, routing: &'a Routing, today: NaiveDate) -> Cow<'a, Routing> {
    let mut carried = Cow::Borrowed(routing);
    let on_new = |r: &Route, m: &Migration| r.lane_id.as_deref() == Some(m.to_lane.as_str());
    for m in plan.migrations.iter().filter(|m| m.from_lane != m.to_lane) {
        // Only a journey routed to the new lane can be carried elsewhere,
        // so a move with none needs no split.
        if !routing.routes.iter().any(|r| on_new(r, m)) {
            continue;
        }
        let Some(s) = split(plan, routing, m, &[]) else {
            continue;
        };
        let done = (s.completes_on.as_deref().and_then(date)).is_some_and(|d| d <= today);
        if done {
            continue;
        }
        let moved: rustc_hash::FxHashSet<&str> =
            s.moved.journeys.iter().map(String::as_str).collect();
        for (at, route) in routing.routes.iter().enumerate() {
            if on_new(route, m) && moved.contains(route.journey_id.as_str()) {
                carried.to_mut().routes[at].lane_id = Some(m.from_lane.clone());
            }
        }
    }
    carried
}

/// Whether `other` goes before `m` for the journeys both would move: a
/// journey follows one migration at a time, the scheduled move that starts
/// first (on the same day, the one first in the plan), until it is on that
/// move's new lane; a later move takes only the mail still on its old lane,
/// so it leaves that journey be. Both must be scheduled moves between two
/// of the plan's lanes, and `m` among the plan's migrations.
pub fn first_mover(plan: &Plan, other: &Migration, m: &Migration) -> bool {
    let scheduled = |x: &Migration| {
        let lanes = plan.lane(&x.from_lane).is_some() && plan.lane(&x.to_lane).is_some();
        (lanes && x.from_lane != x.to_lane)
            .then(|| date(&x.start_date))
            .flatten()
    };
    let (Some(theirs), Some(ours)) = (scheduled(other), scheduled(m)) else {
        return false;
    };
    let place = |x: &Migration| plan.migrations.iter().position(|y| y.id == x.id);
    match (place(other), place(m)) {
        (Some(a), Some(b)) if a != b => (theirs, a) < (ours, b),
        _ => false,
    }
}
