//! The mail each lane wants from its journeys: every routed journey as a
//! daily flow, on each day the share of each flow every lane carries
//! while moves take journeys from one lane to another, and the ledger of
//! each journey's mail a day that a run following another wants.

use chrono::NaiveDate;

use super::{intent_factors, Move, Settings};
use crate::plan::model::{Audience, Intent, Journey, Lane, Plan};
use crate::plan::routing::Routing;
use crate::plan::schedule::{Schedule, Slot};
use crate::warmup::calendar::{cohort, filter_cohort, recipient_cohort};
use crate::warmup::migration::{kept_in_move, move_cap, move_step};

/// One journey's daily mail on its lane.
pub(super) struct Flow {
    pub(super) journey: String,
    /// The journey's place in the plan, under which a ledger keeps it.
    at: usize,
    pub(super) cohort: usize,
    /// Its average a day, and the days it sends on.
    pub(super) volume: f64,
    pub(super) schedule: Schedule,
    /// How this kind of mail draws complaints and bounces, relative to a
    /// promotion to the same cohort.
    pub(super) complaint_factor: f64,
    pub(super) bounce_factor: f64,
    pub(super) revenue_per_recipient: f64,
    pub(super) promotional: bool,
    pub(super) revenue_flow: bool,
}

/// The flows of the journeys routed to `lane`, in routing order. A
/// journey a move takes that is routed to the move's new lane (cut over)
/// starts on its old lane, which the move takes it from, as the calendars
/// have it.
pub(super) fn lane_flows(
    plan: &Plan,
    routing: &Routing,
    settings: &Settings,
    (lane, moves): (&Lane, &[Move]),
) -> Vec<Flow> {
    let on_lane = |(at, j): &(usize, &Journey)| {
        let route = routing.route_at(*at, &j.id);
        let routed = route.and_then(|r| r.lane_id.as_deref());
        let moved = |mv: &&Move| Some(mv.to_lane.as_str()) == routed && mv.journeys.contains(&j.id);
        let home = moves
            .iter()
            .find(moved)
            .map_or(routed, |mv| Some(&mv.from_lane));
        home == Some(lane.id.as_str())
    };
    (plan.journeys.iter().enumerate())
        .filter(on_lane)
        .filter_map(|(at, j)| Flow::of(j, at, settings))
        .collect()
}

/// Whether the *promo audience* knob leaves a journey out of a run: a
/// promotion to recipients less engaged than the knob allows.
fn beyond_promo_audience(j: &Journey, audience: Audience) -> bool {
    j.intent.is_promotional() && cohort(j.audience) > cohort(audience)
}

/// The plan's promotional journeys its *promo audience* knob leaves out
/// of a run, and how many promotional journeys the plan has.
pub fn promotions_left_out(plan: &Plan) -> (Vec<&Journey>, u32) {
    let audience = plan.simulation.promo_audience;
    let promotions = plan.journeys.iter().filter(|j| j.intent.is_promotional());
    let out = promotions
        .clone()
        .filter(|j| beyond_promo_audience(j, audience));
    (out.collect(), promotions.count() as u32)
}

impl Flow {
    /// A journey's flow under the what-if knobs: promotions scale with the
    /// promo frequency, and none goes to a cohort less engaged than the
    /// promo audience allows. Its cohort is its recipients'
    /// (`recipient_cohort`).
    fn of(j: &Journey, at: usize, settings: &Settings) -> Option<Flow> {
        let promotional = j.intent.is_promotional();
        if beyond_promo_audience(j, settings.promo_audience) {
            return None;
        }
        let scale = if promotional {
            settings.promo_frequency
        } else {
            1.0
        };
        let (complaint_factor, bounce_factor) = intent_factors(j.intent);
        Some(Flow {
            journey: j.id.clone(),
            at,
            cohort: recipient_cohort(j),
            volume: f64::from(j.daily_volume) * scale,
            schedule: Schedule::of(j),
            complaint_factor,
            bounce_factor,
            revenue_per_recipient: j.revenue_per_recipient,
            promotional,
            revenue_flow: matches!(
                j.intent,
                Intent::CartAbandonment | Intent::CheckoutAbandonment | Intent::PostPurchase
            ),
        })
    }
}

/// Each lane's flows today, each with the share of it the lane carries.
pub(super) type DayFlows<'a> = Vec<Vec<(&'a Flow, f64)>>;

/// The move step a hold date keeps, and the day it is from.
pub(super) type Kept = (Option<u32>, Option<NaiveDate>);

/// Each lane's flows today with the share of each it carries, after the
/// moves under way, the lanes whose ramp holds today, and those whose
/// health gates imported delivery data failed today. `live` says
/// whether each lane's journeys are on it yet, and `sending`, `steps` and
/// `kept` give each lane's sending day, ramp step and the move step a hold
/// date keeps, with the last day it sent, as the day begins.
pub(super) fn todays_flows<'a>(
    lanes: &[&Lane],
    flows: &'a [Vec<Flow>],
    moves: &[Move],
    day: NaiveDate,
    live: &[bool],
    (sending, steps, kept): (&[bool], &[u32], &[Kept]),
) -> (DayFlows<'a>, Vec<bool>, Vec<bool>) {
    // A scheduled journey's share is the days' worth it sends today; a
    // lane whose warm-up has not begun carries none of its journeys yet.
    let slot = Slot::on(day);
    let mut out: DayFlows = (flows.iter().zip(live))
        .map(|(list, &live)| {
            let worth = |f: &Flow| f64::from(u8::from(live)) * f.schedule.worth_on(slot);
            list.iter().map(|f| (f, worth(f))).collect()
        })
        .collect();
    let mut holding = vec![false; lanes.len()];
    let mut failed = vec![false; lanes.len()];
    let index = |id: &str| lanes.iter().position(|l| l.id == id);
    for mv in moves.iter().filter(|mv| day >= mv.start) {
        let (Some(a), Some(b)) = (index(&mv.from_lane), index(&mv.to_lane)) else {
            continue;
        };
        if a == b {
            continue;
        }
        let moving = |f: &Flow| mv.journeys.contains(&f.journey);
        // Moved mail reaches the cohorts the new lane's filter lets through.
        let limit = filter_cohort(&lanes[b].engagement_filter);
        let mut wanted = [0.0f64; 4];
        for (f, scale) in out[a].iter().filter(|(f, _)| moving(f)) {
            wanted[f.cohort.min(limit)] += f.volume * scale;
        }
        let held = !mv.cutover && mv.hold.contains(&day);
        holding[b] |= held;
        failed[b] |= mv.failed.contains(&day);
        let (kept, last_sent) = kept[b];
        let kept = kept_in_move(kept, last_sent, mv.start);
        let share = if mv.cutover {
            [1.0; 4]
        } else if !sending[b] {
            // A day the new lane does not send keeps the moved mail on the
            // old lane until the move is complete, as the split does: on
            // a sending day whose cap covers it all. After that it is the
            // new lane's, which sends none of it today.
            let cap = lanes[b].warmup.as_ref().map(|w| move_cap(w, kept));
            let complete = cap.is_none_or(|cap| cap.is_none_or(|c| c >= mv.completes_at));
            [f64::from(u8::from(complete)); 4]
        } else {
            let own: f64 = flows[b]
                .iter()
                .map(|f| f.volume * f.schedule.worth_on(slot))
                .sum();
            ramp_share(lanes[b], own, move_step(steps[b], held, kept), wanted)
        };
        let mut arriving = Vec::new();
        for entry in out[a].iter_mut().filter(|(f, _)| moving(f)) {
            let s = share[entry.0.cohort.min(limit)];
            arriving.push((entry.0, entry.1 * s));
            entry.1 *= 1.0 - s;
        }
        out[b].extend(arriving);
    }
    (out, holding, failed)
}

/// The share of the moved mail in each cohort that the new lane's cap has
/// room for on move step `step` (`move_step`: a hold date keeps the last
/// sending day's), after its own mail, most engaged cohort first.
fn ramp_share(lane: &Lane, own: f64, step: Option<u32>, wanted: [f64; 4]) -> [f64; 4] {
    let Some(cap) = lane.warmup.as_ref().and_then(|w| move_cap(w, step)) else {
        return [1.0; 4];
    };
    let mut room = (cap as f64 - own).max(0.0);
    let mut share = [0.0f64; 4];
    for c in 0..4 {
        let take = wanted[c].min(room);
        room -= take;
        if wanted[c] > 0.0 {
            share[c] = take / wanted[c];
        }
    }
    share
}

/// Each journey's mail on each day of a run, over every lane that carried
/// it: the days' worth of its daily average after the moves and peaks,
/// kept by the journey's place in the plan. Moves only split a journey
/// between lanes, so what they change is where a peak swells it.
#[derive(Debug, Default)]
pub(super) struct Ledger {
    first: Option<NaiveDate>,
    /// Per day from `first`, each journey's days' worth; `None` for a
    /// journey the run did not carry (unrouted, or left out by a knob).
    days: Vec<Vec<Option<f64>>>,
}

impl Ledger {
    /// Adds the next day of the run, with its lanes' flows.
    pub(super) fn record(&mut self, day: NaiveDate, flows: &DayFlows, journeys: usize) {
        self.first.get_or_insert(day);
        let mut worth: Vec<Option<f64>> = vec![None; journeys];
        for &(f, scale) in flows.iter().flatten() {
            if let Some(w) = worth.get_mut(f.at) {
                *w = Some(w.unwrap_or(0.0) + scale);
            }
        }
        self.days.push(worth);
    }

    /// The days' worth of flow `f` on `day` in the recorded run, if that
    /// run carried it then.
    fn worth(&self, f: &Flow, day: NaiveDate) -> Option<f64> {
        let offset = usize::try_from((day - self.first?).num_days()).ok()?;
        *self.days.get(offset)?.get(f.at)?
    }
}

/// Each lane's flows on `day` as `ledger` recorded them, journey by
/// journey; a journey it lacks sends on its own schedule.
pub(super) fn followed_flows<'a>(
    flows: &'a [Vec<Flow>],
    ledger: &Ledger,
    day: NaiveDate,
) -> DayFlows<'a> {
    let slot = Slot::on(day);
    let worth = |f: &Flow| {
        ledger
            .worth(f, day)
            .unwrap_or_else(|| f.schedule.worth_on(slot))
    };
    (flows.iter())
        .map(|list| list.iter().map(|f| (f, worth(f))).collect())
        .collect()
}
