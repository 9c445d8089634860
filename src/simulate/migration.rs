//! A migration through the simulator: both lanes day by day while the mail
//! moves on the new lane's warm-up ramp, against the same move done in one
//! day. The old lane keeps its reputation; the new lane starts cold and
//! advances its ramp only after clean days (the health gates).
//!
//! Gates and calendars: the warm-up calendars and a migration's daily
//! split (`warmup::migration`) are the plan, worked out without the
//! simulator, so they take every sending day to pass its health gates
//! (and, on the Migrations tab, hold on the days imported delivery data
//! failed them). That is deliberate: the calendar is what the team
//! schedules and what the MTA's shaping is exported from, and a forecast
//! of failed gates that moves with the what-if knobs must not rewrite it.
//! The simulation is the forecast: its moves take what the new lane's
//! ramp step has room for, and that step holds after every day that fails
//! a gate, so the split holds too. Its outcome carries those days: a
//! comparison's `gate_failures` are the days the run held the new lane's
//! ramp (`LaneDay::held_by`), and `held` gives a planned move as a run
//! made it, the split with those days as failed gates, beside the split
//! as scheduled.
//!
//! Imported delivery data: the days it failed the new lane's health gates
//! are facts, not a forecast, so the migration's schedule (its split held
//! on those days, `review::migration::schedule`) is what the Migrations
//! card, the report and this run all go by. The caller passes them in
//! (`known`): the run's new lane holds its ramp after them as after its
//! own failed days, and `held` and `compare` measure the run against that
//! schedule. The cutover is held by those before the schedule completes
//! only: after it the ramp's lane is warm and they hold nothing there.

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use super::{from_plan, simulate_moves, LaneDay, LaneRun, Move, Run, Settings};
use crate::plan::model::{Migration, Plan};
use crate::plan::routing::Routing;
use crate::warmup::calendar::date;
use crate::warmup::migration::{completes_at, move_start, moved_mail, split, Cause, Split};

/// Days simulated after the move would complete without delays, so the
/// comparison sees the new lane settle.
const SETTLE_DAYS: u32 = 28;

/// One lane's totals over a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LaneTotals {
    pub lane_id: String,
    pub accepted: f64,
    pub delivered: f64,
    pub inbox: f64,
    pub revenue: f64,
    /// Mail wanted but never sent within the run: lost over a cap, on a
    /// day off or held back by a fallback, or still deferred at its end.
    pub not_sent: f64,
    /// The lowest and the last mix-weighted reputation.
    pub lowest_reputation: f64,
    pub final_reputation: f64,
}

/// One way of moving: both lanes' days and totals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub old_lane: LaneRun,
    pub new_lane: LaneRun,
    pub old_totals: LaneTotals,
    pub new_totals: LaneTotals,
    /// Revenue of every lane of the plan.
    pub revenue: f64,
}

/// The ramp against a one-day cutover.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub migration: String,
    pub start_date: String,
    pub days: u32,
    pub ramp: Scenario,
    pub cutover: Scenario,
    /// The ramp's revenue less the cutover's.
    pub ramp_gain: f64,
    /// Days of the ramp on which the new lane sent and failed a health
    /// gate (judged as the run judges it, on the complaints known that
    /// day), so its ramp, and with it the split, held the next sending day.
    pub gate_failures: Vec<String>,
    /// The first day the simulated ramp sends all the moved mail through
    /// the new lane; `None` within the horizon.
    pub ramp_completes_on: Option<String>,
    /// The day the migration's schedule completes: the split held on the
    /// days imported delivery data failed the new lane's gates
    /// (`imported_gates`), every other sending day taken to pass; `None`
    /// beyond the calendar.
    pub planned_completes_on: Option<String>,
    /// The days imported delivery data failed the new lane's gates that
    /// held the schedule.
    pub imported_gates: Vec<String>,
    /// The days it failed them on or after the schedule completes, which
    /// hold only the new lane's ramp.
    pub imported_after: Vec<String>,
    /// The move's hold dates that held the schedule.
    pub hold_dates: Vec<String>,
}

/// Runs the plan from the migration's first day, once on the ramp and once
/// with a one-day cutover; `known` are the days imported delivery data
/// failed the new lane's health gates. `None` without a start date or a
/// lane.
pub fn compare(
    plan: &Plan,
    routing: &Routing,
    m: &Migration,
    known: &[NaiveDate],
) -> Option<Comparison> {
    let mut make = ramp_move(plan, routing, m, known)?;
    let (mut settings, fallbacks) = from_plan(plan).unwrap_or_default();
    settings.start_date = make.start.to_string();
    settings.days = horizon(plan, routing, m, &settings);
    let schedule = split(plan, routing, m, known);
    let imported_gates = schedule.as_ref().map(gate_days).unwrap_or_default();
    let hold_dates = (schedule.iter())
        .flat_map(|s| s.delays.iter().filter(|d| d.cause == Cause::Held))
        .map(|d| d.date.clone())
        .collect();
    let planned_completes_on = schedule.and_then(|s| s.completes_on);
    let done = planned_completes_on.as_deref().and_then(date);
    // The plan's other moves go ahead on their ramps, as planned, so each
    // lane carries what they put on it or take off it.
    let mut moves: Vec<Move> = (plan.migrations.iter())
        .filter(|o| o.id != m.id)
        .filter_map(|o| ramp_move(plan, routing, o, &[]))
        .collect();
    moves.push(make.clone());
    let ramp_run = simulate_moves(plan, routing, &settings, &fallbacks, &moves)?;
    // Once the move completes the new lane is warm and a failed day holds
    // nothing on the ramp, so the cutover is not held by it either: the
    // gain is only what the ramp makes.
    make.cutover = true;
    make.failed.retain(|d| done.is_none_or(|done| *d < done));
    *moves.last_mut()? = make;
    let cutover_run = simulate_moves(plan, routing, &settings, &fallbacks, &moves)?;
    let ramp = scenario(&ramp_run, m, &settings)?;
    let cutover = scenario(&cutover_run, m, &settings)?;
    let gate_failures = held_days(&ramp.new_lane).map(|d| d.date.clone()).collect();
    let imported_after = (known.iter())
        .filter(|d| done.is_some_and(|done| **d >= done))
        .map(|d| d.to_string())
        .collect();
    let ramp_completes_on = completes(&ramp, &cutover);
    Some(Comparison {
        migration: m.id.clone(),
        start_date: settings.start_date.clone(),
        days: settings.days,
        ramp_gain: ramp.revenue - cutover.revenue,
        ramp,
        cutover,
        gate_failures,
        ramp_completes_on,
        planned_completes_on,
        imported_gates,
        imported_after,
        hold_dates,
    })
}

/// The days a split held on a failed gate.
fn gate_days(s: &Split) -> Vec<String> {
    (s.delays.iter())
        .filter(|d| d.cause == Cause::GateFailed)
        .map(|d| d.date.clone())
        .collect()
}

/// The days a lane's run held its ramp on a failed health gate.
fn held_days(run: &LaneRun) -> impl Iterator<Item = &LaneDay> {
    run.days.iter().filter(|d| d.held_by.is_some())
}

/// A planned move as a run of the plan made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub migration: String,
    /// The days from the move's first day until it completed on which the
    /// run's new lane failed a health gate, so the split held the next
    /// sending day.
    pub held: Vec<String>,
    /// The days imported delivery data failed the new lane's gates that
    /// held the schedule, and the run with it.
    pub imported: Vec<String>,
    /// The day the split completes with all those days held, and as
    /// scheduled (held on the imported days only); `None` beyond the
    /// calendar.
    pub completes_on: Option<String>,
    pub planned_completes_on: Option<String>,
}

impl Held {
    /// Days the held gates put the completion off, when both complete.
    pub fn days_late(&self) -> Option<u32> {
        let real = date(self.completes_on.as_deref()?)?;
        let planned = date(self.planned_completes_on.as_deref()?)?;
        Some((real - planned).num_days().max(0) as u32)
    }
}

/// Migration `m` as `run` moved it: its split with the days the run held
/// the new lane's ramp on a failed gate and the days imported delivery
/// data failed its gates (`known`) as the failed gates, against its
/// schedule, held on `known` alone. Days after the run's last are taken to
/// pass. `None` without a start date, a lane, or the new lane in the run.
pub fn held(
    plan: &Plan,
    routing: &Routing,
    m: &Migration,
    run: &Run,
    known: &[NaiveDate],
) -> Option<Held> {
    let lane = run.lanes.iter().find(|l| l.lane_id == m.to_lane)?;
    let mut failed: Vec<NaiveDate> = held_days(lane).filter_map(|d| date(&d.date)).collect();
    failed.extend_from_slice(known);
    failed.sort_unstable();
    failed.dedup();
    let as_run = split(plan, routing, m, &failed)?;
    let schedule = split(plan, routing, m, known)?;
    let imported = gate_days(&schedule);
    Some(Held {
        migration: m.id.clone(),
        held: (gate_days(&as_run).into_iter())
            .filter(|d| !imported.contains(d))
            .collect(),
        imported,
        completes_on: as_run.completes_on,
        planned_completes_on: schedule.completes_on,
    })
}

/// The move a migration makes on the new lane's ramp, holding it after
/// the days imported delivery data failed the new lane's gates (`known`);
/// `None` without a start date or a lane.
fn ramp_move(plan: &Plan, routing: &Routing, m: &Migration, known: &[NaiveDate]) -> Option<Move> {
    let start = move_start(plan, m)?;
    plan.lane(&m.from_lane)?;
    plan.lane(&m.to_lane)?;
    let moved = moved_mail(plan, routing, m);
    let warmup = plan.lane(&m.to_lane)?.warmup.as_ref();
    Some(Move {
        completes_at: completes_at(warmup, &moved),
        journeys: moved.journeys,
        from_lane: m.from_lane.clone(),
        to_lane: m.to_lane.clone(),
        start,
        hold: m.hold_dates.iter().filter_map(|d| date(d)).collect(),
        failed: known.to_vec(),
        cutover: false,
    })
}

/// The move of every migration the plan schedules, each on its ramp and
/// beside its migration, so a run of the plan follows its migrations;
/// `known` gives the days imported delivery data failed a lane's gates.
pub fn planned_moves<'a>(
    plan: &'a Plan,
    routing: &Routing,
    known: &dyn Fn(&str) -> Vec<NaiveDate>,
) -> Vec<(&'a Migration, Move)> {
    plan.migrations
        .iter()
        .filter_map(|m| Some((m, ramp_move(plan, routing, m, &known(&m.to_lane))?)))
        .collect()
}

/// The plan's horizon, or longer when the undelayed move needs it.
fn horizon(plan: &Plan, routing: &Routing, m: &Migration, settings: &Settings) -> u32 {
    let needed = crate::warmup::migration::split(plan, routing, m, &[])
        .and_then(|s| {
            let first = date(&s.days.first()?.date)?;
            let last = date(s.undelayed_completes_on.as_deref()?)?;
            let span = (last - first).num_days().max(0) as u32 + 1;
            Some(span + SETTLE_DAYS)
        })
        .unwrap_or(0);
    settings.days.max(needed).clamp(7, 365)
}

fn scenario(run: &Run, m: &Migration, settings: &Settings) -> Option<Scenario> {
    let lane = |id: &str| run.lanes.iter().find(|l| l.lane_id == id).cloned();
    let (old_lane, new_lane) = (lane(&m.from_lane)?, lane(&m.to_lane)?);
    Some(Scenario {
        old_totals: totals(&old_lane, settings),
        new_totals: totals(&new_lane, settings),
        old_lane,
        new_lane,
        revenue: run.total(|d| d.revenue),
    })
}

fn totals(run: &LaneRun, settings: &Settings) -> LaneTotals {
    let mean = |d: &LaneDay| super::blended(&settings.mix, &d.reputation);
    let lowest = run.days.iter().map(mean).fold(f64::MAX, f64::min);
    LaneTotals {
        lane_id: run.lane_id.clone(),
        accepted: run.total(|d| d.accepted),
        delivered: run.total(|d| d.delivered),
        inbox: run.total(|d| d.inbox),
        revenue: run.total(|d| d.revenue),
        // Deferred mail is wanted again the next day, so what is not sent
        // is what was lost plus what still waits at the end.
        not_sent: run.total(|d| d.lost) + run.days.last().map_or(0.0, |d| d.waiting),
        lowest_reputation: if run.days.is_empty() { 0.0 } else { lowest },
        final_reputation: run.days.last().map(mean).unwrap_or(0.0),
    }
}

/// The first day the ramp's old lane wants no more than the cutover's (it
/// keeps none of the moved mail) and the new lane sends all it wants:
/// within half a message, as simulated volumes are fractional. A day the
/// new lane does not send (between scheduled sends, say) proves nothing.
fn completes(ramp: &Scenario, cutover: &Scenario) -> Option<String> {
    let days = ramp.old_lane.days.iter().zip(&cutover.old_lane.days);
    days.zip(&ramp.new_lane.days)
        .find(|((old, moved), new)| {
            // Mail a fallback holds back or shifts is wanted but can never
            // be accepted here, so it is left out on both sides.
            let sendable = |d: &crate::simulate::LaneDay| d.requested - d.withheld - shifted(d);
            new.sending
                && sendable(old) <= sendable(moved) + 0.5
                && new.accepted + 0.5 >= sendable(new)
        })
        .map(|(_, new)| new.date.clone())
}

/// The mail a fired fallback shifted off the lane on day `d`.
fn shifted(d: &crate::simulate::LaneDay) -> f64 {
    (d.passed_on.iter())
        .filter(|p| p.why == crate::simulate::Passing::Shifted)
        .map(|p| p.volume)
        .sum()
}
