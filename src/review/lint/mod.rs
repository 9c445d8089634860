//! Plan lint: the common mistakes of the guidance, found in the plan as
//! routed. Each finding explains the rule it breaks and points at the place
//! to fix it. Validation (`validate`) checks values; this checks the design.
//!
//! `lanes` judges the mail each lane carries, `fallbacks` what happens when
//! a lane's reputation drops, `measurement` the thresholds and seed tests,
//! `preferences` the unsubscribe policy, `identity` the From identities
//! and sending domains, `unplanned` lanes to warm up with no warm-up plan,
//! `peaks` warm-ups that miss their peak, `rules` rules that overrides
//! leave routing nothing, and `overflow` warm-ups that defer mail that cannot wait or spill it onto a
//! lane it must be kept from.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, JourneyField};
use crate::plan::model::{Intent, Journey, Lane, LaneStatus, Plan, Trigger};
use crate::plan::routing::Routing;
use crate::plan::schedule::Schedule;
use crate::units::and_list;
use crate::warmup::calendar::date;
use crate::warmup::migration::moved_mail;

mod fallbacks;
mod identity;
mod lanes;
mod measurement;
mod overflow;
mod peaks;
mod preferences;
mod replies;
mod rules;
mod unplanned;

pub use lanes::CLEAN_LANE_MAX_SHARE;
pub use measurement::{
    future_seeds, is_latest_seed, latest_seed_date, seed_inbox, SEED_INBOX_MIN_PERCENT,
};
pub use peaks::{date_unscheduled, marked_warm, past_starts, MARKED_WARM};
pub use preferences::{sends_marketing, standard_preferences};

/// Promotional mail, VIP offers included.
fn is_promotional(intent: Intent) -> bool {
    intent.is_broadcast() || intent == Intent::VipOffer
}

/// Every design finding for the plan as routed, Customer.io set up for
/// that routing: `lint_on` with nothing carried elsewhere.
pub fn lint(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    lint_on(plan, routing, routing)
}

/// Every design finding for the plan as routed, with what Customer.io
/// cannot build, and winbacks on a lane not warm yet, found for `carried`,
/// the routing as the lanes carry the mail on the day
/// (`warmup::migration::carried_on`), as the Platform tab sets it up: a
/// move cut over early keeps its old lane's server, and its mail, there
/// until it completes.
pub fn lint_on(plan: &Plan, routing: &Routing, carried: &Routing) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, lane) in plan.lanes.iter().enumerate() {
        let on_lane = lanes::Carried {
            plan,
            routing,
            lane,
            at: format!("$.lanes[{index}]"),
            journeys: routed_to(plan, routing, lane),
            today: routed_to(plan, carried, lane),
            planned: brought_to(plan, routing, lane, true),
            brought: brought_to(plan, routing, lane, false),
        };
        out.extend(on_lane.findings());
    }
    identity::identity(plan, &mut out);
    identity::shared_domains(plan, &mut out);
    replies::replies(plan, &mut out);
    out.extend(late_events(plan));
    out.extend(fallbacks::no_fallback(plan));
    out.extend(fallbacks::into_transactional(plan));
    out.extend(unplanned::unplanned(plan, routing));
    out.extend(peaks::missed_peaks(plan, routing));
    out.extend(overflow::deferred_urgent(plan, routing));
    out.extend(overflow::spilled_across_kinds(plan, routing));
    measurement::monitoring(plan, &mut out);
    measurement::seeds(plan, &mut out);
    preferences::preferences(plan, routing, &mut out);
    out.extend(rules::overridden_rules(plan));
    out.extend(super::migration::findings(plan, routing));
    // What the sending platform and each lane's ESP cannot build as drawn.
    out.extend(crate::platform::customer_io::findings(plan, carried));
    out.extend(crate::platform::customer_io::moves::findings(plan, carried));
    out.extend(crate::platform::limits::findings(plan, routing));
    out
}

/// The journeys routed to `lane`, with their index in the plan.
fn routed_to<'a>(plan: &'a Plan, routing: &Routing, lane: &Lane) -> Vec<(usize, &'a Journey)> {
    routing
        .routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.lane_id.as_deref() == Some(lane.id.as_str()))
        .filter_map(|(i, _)| Some((i, plan.journeys.get(i)?)))
        .collect()
}

/// The journeys of other lanes that migrations move onto `lane`, in plan
/// order, each with its index in the plan and the index of the migration
/// that brings it: the mail each move takes (`moved_mail`, so a journey an
/// earlier move takes elsewhere is not counted, and one two moves name is
/// counted once, with the move that takes it), less one-off sends dated
/// before the move starts, which go out from the old lane. A move without
/// a first day moves nothing yet, as the warm-up calendars read it, so it
/// counts only when `unscheduled` says so: for what the lane is planned to
/// carry (the mixes a move would make, told on it before it has a date,
/// and the peak a warm-up set up for it must reach), not for what it sends
/// meanwhile (a cold audience while it warms, the unsubscribe it needs).
fn brought_to<'a>(
    plan: &'a Plan,
    routing: &Routing,
    lane: &Lane,
    unscheduled: bool,
) -> Vec<(usize, &'a Journey, usize)> {
    let journeys = &plan.journeys;
    // The move that brings each journey, by its place in the plan.
    let mut by: Vec<Option<usize>> = vec![None; journeys.len()];
    let moves = (plan.migrations.iter().enumerate())
        .filter(|(_, m)| m.to_lane == lane.id && m.from_lane != lane.id)
        .filter(|(_, m)| plan.lane(&m.from_lane).is_some());
    for (k, m) in moves {
        let start = date(&m.start_date);
        if start.is_none() && !unscheduled {
            continue;
        }
        // `moved_mail` lists the journeys in plan order.
        let moved = moved_mail(plan, routing, m);
        let mut listed = moved.journeys.iter().peekable();
        for (i, j) in journeys.iter().enumerate() {
            if listed.next_if(|id| **id == j.id).is_none() || by[i].is_some() {
                continue;
            }
            let on = (routing.route_at(i, &j.id)).and_then(|r| r.lane_id.as_deref());
            let sent_before =
                start.is_some_and(|s| matches!(Schedule::of(j), Schedule::Once(Some(d)) if d < s));
            if on == Some(m.from_lane.as_str()) && !sent_before {
                by[i] = Some(k);
            }
        }
    }
    (journeys.iter().zip(by).enumerate())
        .filter_map(|(i, (j, k))| Some((i, j, k?)))
        .collect()
}

/// The journeys migrations, scheduled or not, bring onto `lane`
/// (`brought_to`), which its warm-up must carry.
fn planned_onto<'a>(
    plan: &'a Plan,
    routing: &Routing,
    lane: &Lane,
) -> impl Iterator<Item = &'a Journey> {
    (brought_to(plan, routing, lane, true).into_iter()).map(|(_, j, _)| j)
}

/// The journeys scheduled moves take off `lane` that the plan routes to
/// their new lanes already, cut over before the moves are done: the lane
/// carries them until the moves take them, as its calendar has them.
fn cut_over_off<'a>(plan: &'a Plan, routing: &Routing, lane: &Lane) -> Vec<&'a Journey> {
    let moves = (plan.migrations.iter())
        .filter(|m| m.from_lane == lane.id && m.to_lane != lane.id)
        .filter(|m| date(&m.start_date).is_some());
    let taken: Vec<String> = moves
        .flat_map(|m| moved_mail(plan, routing, m).journeys)
        .collect();
    (plan.journeys.iter().enumerate())
        .filter(|(_, j)| taken.contains(&j.id))
        .filter(|(i, j)| {
            let on = routing
                .route_at(*i, &j.id)
                .and_then(|r| r.lane_id.as_deref());
            on != Some(lane.id.as_str())
        })
        .map(|(_, j)| j)
        .collect()
}

/// The mail `lane` carries on its busiest day, as the missing warm-up's fix
/// reads it, with the mail migrations move onto it (`planned_onto`, moves
/// not scheduled yet too), which its warm-up must carry too, and the mail
/// scheduled moves off it take from it after their cutover
/// (`cut_over_off`); within its warm-up's calendar, as the calendar counts
/// it, when it has one. Zero for a lane with no mail to warm up.
fn busiest_day(plan: &Plan, routing: &Routing, lane: &Lane) -> u64 {
    let limit = crate::warmup::calendar::filter_cohort(&lane.engagement_filter);
    let journeys = routing
        .journeys_on(plan, &lane.id)
        .chain(planned_onto(plan, routing, lane))
        .chain(cut_over_off(plan, routing, lane));
    let days = lane.warmup.as_ref().and_then(|w| w.calendar_days());
    crate::warmup::calendar::Wanted::of_journeys_within(journeys, limit).peak_within(days)
}

/// The one-off sends `lane` carries that have no date yet, which its
/// busiest day counts as if they went out on it (`busiest_day`), in words
/// to follow that day in a finding; empty when there are none.
fn undated_on(plan: &Plan, routing: &Routing, lane: &Lane) -> String {
    let arriving = planned_onto(plan, routing, lane);
    let names: Vec<String> = (routing.journeys_on(plan, &lane.id).chain(arriving))
        .filter(|j| j.daily_volume > 0 && Schedule::of(j) == Schedule::Once(None))
        .map(|j| j.called().to_string())
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => format!(", counting {one}, a one-off send with no date yet, on that day"),
        many => format!(
            ", counting {}, one-off sends with no date yet, on that day",
            and_list(many)
        ),
    }
}

/// Whether `lane`, new or warming, carries receipts and codes and nothing
/// else, its own or brought by migrations, with no warm lane in the plan
/// to carry them while it ramps (as `overflow::carried_meanwhile` would):
/// its receipts go out from it or wait.
pub(super) fn receipts_alone(plan: &Plan, routing: &Routing, lane: &Lane) -> bool {
    if !matches!(lane.status, LaneStatus::New | LaneStatus::Warming) {
        return false;
    }
    let arriving = planned_onto(plan, routing, lane);
    let mut mail = (routing.journeys_on(plan, &lane.id).chain(arriving))
        .filter(|j| j.daily_volume > 0)
        .peekable();
    let receipts = mail.peek().is_some() && mail.all(|j| j.intent.is_transactional());
    let warm = || (plan.lanes.iter()).any(|l| l.id != lane.id && crate::plan::validate::is_warm(l));
    receipts && !warm()
}

/// One-off sends dated before `today`: the send has gone out or was
/// missed, yet the plan still counts its mail on that day. No fix: whether
/// it is done (delete the journey) or still to go out (set its next date)
/// is the team's to say, and no date can be guessed. A send that has passed
/// is told here rather than as outside the simulated days
/// (`journey.send_date_outside`, which `findings_with` leaves out for it):
/// simulating back to it would not help.
pub fn past_sends(plan: &Plan, today: chrono::NaiveDate) -> Vec<Diagnostic> {
    (plan.journeys.iter().enumerate())
        .filter_map(|(index, j)| match Schedule::of(j) {
            Schedule::Once(Some(date)) if date < today => Some((index, j, date)),
            _ => None,
        })
        .map(|(index, j, date)| {
            Diagnostic::warning(
                "journey.send_date_passed",
                format!("$.journeys[{index}].trigger.send_date"),
                format!(
                    "The one-off send “{}” is dated {date}, which has passed, so the plan still counts a send that is over or was missed.",
                    j.called()
                ),
            )
            .hint("If it is still to go out, set the date of its next send; if it has gone out, delete the journey. Only you know which, so there is no fix.")
        })
        .collect()
}

/// Journeys that send before the events they check can have arrived.
fn late_events(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, j) in plan.journeys.iter().enumerate() {
        let Trigger::Event {
            latency_minutes,
            delay_minutes,
            ..
        } = &j.trigger
        else {
            continue;
        };
        // A journey that waits checks the data when the wait ends; events
        // later than the wait are not there yet.
        if *delay_minutes == 0 || latency_minutes <= delay_minutes {
            continue;
        }
        let warning = Diagnostic::warning(
            "lint.latency_over_delay",
            format!("$.journeys[{i}].trigger"),
            format!("{}: events can arrive up to {latency_minutes} minutes late, longer than its {delay_minutes}-minute wait, so a purchase made meanwhile may not be known when it sends.", j.called()),
        )
        .hint("Make the wait longer than the event latency, or speed up the data flow.");
        // The next quarter hour beyond the latency; a latency too large for
        // one has no wait to offer.
        out.push(match (latency_minutes / 15 + 1).checked_mul(15) {
            Some(wait) => warning.fix(
                format!("Wait {wait} minutes"),
                vec![Edit::Journey {
                    journey: j.id.clone(),
                    set: JourneyField::DelayMinutes(wait),
                }],
            ),
            None => warning,
        });
    }
    out
}
