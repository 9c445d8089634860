//! Migrations between lanes: the daily split under every warm-up preset,
//! weekdays off, skipped dates, hold dates and failed health gates; both
//! lanes through the simulator against a one-day cutover; the DNS records
//! and dated checklist steps; the lint; and the plan file.

#[path = "support/delivery.rs"]
mod delivery;
#[path = "support/moves.rs"]
mod moves;

use chrono::NaiveDate;
use moves::promotions_to_a_new_lane;
use switchyard::dns::report::{Evidence, RecordView};
use switchyard::plan::diagnostic::Severity;
use switchyard::plan::edit::{edit_plan, Edit, MigrationField};
use switchyard::plan::io::{export, import};
use switchyard::plan::model::*;
use switchyard::plan::routing::{route, Routing};
use switchyard::plan::sample::sample_plan;
use switchyard::plan::validate::{integrity, validate};
use switchyard::review::findings::findings;
use switchyard::review::lint::lint;
use switchyard::review::migration::{
    figures, lane_move_words, report, MigrationReport, Step, StepKind,
};
use switchyard::simulate::migration::{compare, planned_moves};
use switchyard::simulate::{simulate, simulate_moves, Move, Settings};
use switchyard::warmup::calendar::{cap_at, Wanted};
use switchyard::warmup::migration::{lane_moves, split, Cause, DayKind, Split};

/// A Monday.
const START: &str = "2027-09-06";
/// The day `promotions_moving`'s move completes, whole or listed.
const COMPLETES: &str = "2027-09-15";

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The sample with a new SES lane, warming up on `preset` every day, and a
/// migration of the whole revenue-flows lane into it from `START`.
fn plan_with(preset: WarmupPreset) -> Plan {
    let mut plan = sample_plan();
    let mut lane = Lane::new("flows-ses", "Flows on SES", Purpose::Migration);
    lane.smtp = Smtp::from_preset(Provider::AmazonSes);
    lane.sending_domain = "flows2.fernleafcoffee.com".into();
    lane.from_address = "hello@flows2.fernleafcoffee.com".into();
    lane.from_name = "Fernleaf Coffee".into();
    lane.warmup = Some(WarmupPlan {
        preset,
        start_date: START.into(),
        ..WarmupPlan::default()
    });
    plan.lanes.push(lane);
    plan.migrations.push(Migration {
        name: "Flows to SES".into(),
        start_date: START.into(),
        ..Migration::new("flows-to-ses", "revenue-flows", "flows-ses")
    });
    plan
}

fn warmup_mut(plan: &mut Plan) -> &mut WarmupPlan {
    let lane = plan.lanes.iter_mut().find(|l| l.id == "flows-ses").unwrap();
    lane.warmup.as_mut().unwrap()
}

fn split_of(plan: &Plan, gates: &[&str]) -> Split {
    let gates: Vec<NaiveDate> = gates.iter().map(|d| day(d)).collect();
    split(plan, &route(plan), &plan.migrations[0], &gates).expect("a start date is set")
}

/// The revenue-flows lane's daily mail: 8 journeys routed to it.
/// The plan simulated from `START` for `days` with the moves given.
fn simulated(
    plan: &Plan,
    routing: &Routing,
    days: u32,
    moves: &[Move],
) -> switchyard::simulate::Run {
    let (mut settings, fallbacks) = switchyard::simulate::from_plan(plan).unwrap();
    settings.start_date = START.into();
    settings.days = days;
    simulate_moves(plan, routing, &settings, &fallbacks, moves).unwrap()
}

/// The plan simulated from `START` for `days` with its planned moves,
/// held after the days `known` gives each lane's imported data failing.
fn run_of(
    plan: &Plan,
    routing: &Routing,
    days: u32,
    known: &dyn Fn(&str) -> Vec<NaiveDate>,
) -> switchyard::simulate::Run {
    let moves: Vec<Move> = (planned_moves(plan, routing, known).into_iter())
        .map(|(_, mv)| mv)
        .collect();
    simulated(plan, routing, days, &moves)
}

fn flows_volume(plan: &Plan) -> u64 {
    let routing = route(plan);
    routing
        .routes
        .iter()
        .filter(|r| r.lane_id.as_deref() == Some("revenue-flows"))
        .map(|r| {
            let j = plan.journeys.iter().find(|j| j.id == r.journey_id).unwrap();
            u64::from(j.daily_volume)
        })
        .sum()
}

/// Every day's split follows the preset's caps one sending day at a time,
/// fills cohorts most engaged first, and ends the day the cap covers the
/// moved mail.
#[test]
fn the_daily_split_follows_each_preset() {
    for preset in WarmupPreset::ALL {
        let plan = plan_with(preset);
        let s = split_of(&plan, &[]);
        let w = plan.lane("flows-ses").unwrap().warmup.clone().unwrap();
        let total = flows_volume(&plan);
        assert_eq!(s.moved.total(), total, "{preset:?}");
        assert_eq!(s.moved.journeys.len(), 7, "{preset:?}");
        assert_eq!(s.days[0].date, START);
        for (step, d) in s.days.iter().enumerate() {
            let cap = cap_at(&w, step as u32);
            assert_eq!(d.step, Some(step as u32), "{preset:?} {}", d.date);
            assert_eq!(d.cap, cap);
            assert_eq!(d.new_lane + d.old_lane, total);
            assert_eq!(d.new_lane, cap.map_or(total, |c| c.min(total)));
            assert_eq!(d.new_lane, d.new_by_cohort.iter().sum::<u64>());
            for c in 1..4 {
                if d.new_by_cohort[c] > 0 {
                    assert_eq!(
                        d.new_by_cohort[c - 1],
                        s.moved.by_cohort()[c - 1],
                        "{preset:?}"
                    );
                }
            }
        }
        let last = s.days.last().unwrap();
        assert_eq!(last.kind, DayKind::Complete, "{preset:?}");
        assert_eq!(last.new_lane, total);
        assert!(s.days[..s.days.len() - 1]
            .iter()
            .all(|d| d.kind == DayKind::Moving && d.new_lane < total));
        assert_eq!(s.completes_on.as_deref(), Some(last.date.as_str()));
        assert_eq!(s.completes_on, s.undelayed_completes_on);
        assert!(s.delays.is_empty());
        println!(
            "{:<20} moves {total}/day, completes on {} after {} days",
            preset.key(),
            last.date,
            s.days.len()
        );
    }
}

#[test]
fn braze_moderate_moves_the_published_caps_and_completes_on_day_eight() {
    let plan = plan_with(WarmupPreset::BrazeModerate);
    let s = split_of(&plan, &[]);
    let new: Vec<u64> = s.days.iter().map(|d| d.new_lane).collect();
    let total = flows_volume(&plan);
    assert_eq!(total, 11_000);
    assert_eq!(new, [50, 100, 500, 1_000, 2_000, 4_000, 8_000, 11_000]);
    assert_eq!(s.first_day.as_deref(), Some(START));
    assert_eq!(s.completes_on.as_deref(), Some("2027-09-13"));
    // The welcome series (engaged in 30 days) moves before everyone else.
    assert_eq!(s.days[0].new_by_cohort, [50, 0, 0, 0]);
    // Mail its recipient's own action starts counts as the warm-up
    // calendar and the simulator count it: in the 30-day cohort.
    let calendar = Wanted::of_lane(&plan, &route(&plan), "revenue-flows").average();
    assert_eq!(s.moved.by_cohort(), calendar);
}

/// A case of what holds the ramp: its name, how it changes the plan, the
/// days whose gates failed, the day the move completes, the first delay.
type HoldCase = (
    &'static str,
    fn(&mut Plan),
    &'static [&'static str],
    &'static str,
    Option<Cause>,
);

#[test]
fn weekdays_skipped_dates_holds_and_failed_gates_delay_the_move() {
    let cases: [HoldCase; 5] = [
        ("every day", |_| {}, &[], "2027-09-13", None),
        (
            // Saturday and Sunday send nothing and do not advance the ramp.
            "weekdays only",
            |p| warmup_mut(p).sending_weekdays = vec![1, 2, 3, 4, 5],
            &[],
            "2027-09-15",
            None,
        ),
        (
            "a skipped date",
            |p| warmup_mut(p).skipped_dates = vec!["2027-09-08".into()],
            &[],
            "2027-09-14",
            Some(Cause::Skipped),
        ),
        (
            "a hold date",
            |p| p.migrations[0].hold_dates = vec!["2027-09-08".into()],
            &[],
            "2027-09-14",
            Some(Cause::Held),
        ),
        (
            "two failed gates",
            |_| {},
            &["2027-09-07", "2027-09-09"],
            "2027-09-15",
            Some(Cause::GateFailed),
        ),
    ];
    for (case, setup, gates, completes, cause) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        setup(&mut plan);
        let s = split_of(&plan, gates);
        assert_eq!(s.completes_on.as_deref(), Some(completes), "{case}");
        assert_eq!(s.delays.first().map(|d| d.cause), cause, "{case}");
        let late = if case == "weekdays only" {
            0
        } else {
            s.delays.len() as u32
        };
        assert_eq!(s.days_late(), Some(late), "{case}");
        // Whatever holds it, the ramp never skips a step.
        let steps: Vec<u32> = s.days.iter().filter_map(|d| d.step).collect();
        assert!(
            steps.windows(2).all(|w| w[1] <= w[0] + 1),
            "{case}: {steps:?}"
        );
    }
}

#[test]
fn days_off_leave_all_the_mail_on_the_old_lane_and_holds_keep_the_split() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    warmup_mut(&mut plan).sending_weekdays = vec![1, 2, 3, 4, 5];
    warmup_mut(&mut plan).skipped_dates = vec!["2027-09-07".into()];
    plan.migrations[0].hold_dates = vec!["2027-09-09".into()];
    let s = split_of(&plan, &["2027-09-10"]);
    let at = |date: &str| s.days.iter().find(|d| d.date == date).unwrap();
    let total = flows_volume(&plan);
    // Tuesday is skipped: nothing moves.
    assert_eq!(at("2027-09-07").kind, DayKind::Skipped);
    assert_eq!(at("2027-09-07").old_lane, total);
    // Wednesday repeats Monday's step; Thursday holds at Wednesday's cap.
    assert_eq!(at("2027-09-08").step, Some(1));
    assert_eq!(at("2027-09-09").kind, DayKind::Held);
    assert_eq!(at("2027-09-09").new_lane, at("2027-09-08").new_lane);
    // It shows the step whose cap it keeps.
    assert_eq!(
        (at("2027-09-09").step, at("2027-09-09").cap),
        (at("2027-09-08").step, at("2027-09-08").cap)
    );
    // Friday's gate fails, so Monday repeats Friday's step after the weekend.
    assert!(at("2027-09-10").gate_failed);
    assert_eq!(at("2027-09-11").kind, DayKind::NotSending);
    assert_eq!(at("2027-09-13").step, at("2027-09-10").step);
    assert_eq!(s.count(Cause::Skipped), 1);
    assert_eq!(s.count(Cause::Held), 1);
    assert_eq!(s.count(Cause::GateFailed), 1);
}

/// (case, how it changes the plan, the days whose gates failed, each day a
/// failed gate holds with the day that failed)
type GateHoldCase = (
    &'static str,
    fn(&mut Plan),
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

/// A failed gate holds the next sending day the ramp would have stepped
/// on, which names the day that failed and repeats its step: days off,
/// skipped dates and hold dates between them wait, and a hold date's own
/// day is no gate's hold.
#[test]
fn the_day_a_failed_gate_holds_names_the_day_that_failed() {
    let cases: [GateHoldCase; 7] = [
        ("no failed gate", |_| {}, &[], &[]),
        (
            "the next day",
            |_| {},
            &["2027-09-07"],
            &[("2027-09-08", "2027-09-07")],
        ),
        (
            "two days in a row",
            |_| {},
            &["2027-09-07", "2027-09-08"],
            &[("2027-09-08", "2027-09-07"), ("2027-09-09", "2027-09-08")],
        ),
        (
            "after a weekend off",
            |p| warmup_mut(p).sending_weekdays = vec![1, 2, 3, 4, 5],
            &["2027-09-10"],
            &[("2027-09-13", "2027-09-10")],
        ),
        (
            "after a skipped date",
            |p| warmup_mut(p).skipped_dates = vec!["2027-09-08".into()],
            &["2027-09-07"],
            &[("2027-09-09", "2027-09-07")],
        ),
        (
            "after a hold date",
            |p| p.migrations[0].hold_dates = vec!["2027-09-08".into()],
            &["2027-09-07"],
            &[("2027-09-09", "2027-09-07")],
        ),
        (
            "a gate failed on a hold date holds the next day",
            |p| p.migrations[0].hold_dates = vec!["2027-09-08".into()],
            &["2027-09-08"],
            &[("2027-09-09", "2027-09-08")],
        ),
    ];
    for (case, setup, gates, holds) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        setup(&mut plan);
        let s = split_of(&plan, gates);
        let held: Vec<(&str, &str)> = (s.days.iter())
            .filter_map(|d| Some((d.date.as_str(), d.held_by_gate.as_deref()?)))
            .collect();
        assert_eq!(held, holds, "{case}");
        let at = |date: &str| s.days.iter().find(|d| d.date == date).unwrap();
        for (date, by) in holds {
            assert!(at(by).gate_failed, "{case}: {by}");
            assert_eq!(at(date).kind, DayKind::Moving, "{case}: {date}");
            assert_eq!(at(date).step, at(by).step, "{case}: {date}");
        }
    }
}

#[test]
fn a_hold_before_anything_moved_keeps_everything_on_the_old_lane() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.migrations[0].hold_dates = vec![START.into()];
    let s = split_of(&plan, &[]);
    assert_eq!(s.days[0].kind, DayKind::Held);
    assert_eq!(s.days[0].new_lane, 0);
    assert_eq!(s.days[0].step, None, "no step has been taken");
    assert_eq!(s.first_day.as_deref(), Some("2027-09-07"));
}

/// (case, the move's hold dates, the days whose gates failed, each hold
/// date with the sending day whose split it keeps, `None` before any, and
/// the next sending day with its step)
type KeepCase = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [(&'static str, Option<&'static str>)],
    (&'static str, u32),
);

/// A hold date keeps the split of the last sending day before it, whether
/// that day advanced the ramp, failed its gates or was held by a gate that
/// failed before; on the first day, with no sending day before it, none of
/// the moved mail moves. The ramp then goes on from where it was.
#[test]
fn a_hold_date_keeps_the_split_of_the_last_sending_day() {
    let cases: [KeepCase; 6] = [
        (
            "after a day that advanced",
            &["2027-09-08"],
            &[],
            &[("2027-09-08", Some("2027-09-07"))],
            ("2027-09-09", 2),
        ),
        (
            "after a failed gate",
            &["2027-09-08"],
            &["2027-09-07"],
            &[("2027-09-08", Some("2027-09-07"))],
            ("2027-09-09", 1),
        ),
        (
            "after a failed gate on the first day",
            &["2027-09-07"],
            &["2027-09-06"],
            &[("2027-09-07", Some("2027-09-06"))],
            ("2027-09-08", 0),
        ),
        (
            "after a day a failed gate held",
            &["2027-09-09"],
            &["2027-09-07"],
            &[("2027-09-09", Some("2027-09-08"))],
            ("2027-09-10", 2),
        ),
        (
            "two in a row after a failed gate",
            &["2027-09-08", "2027-09-09"],
            &["2027-09-07"],
            &[
                ("2027-09-08", Some("2027-09-07")),
                ("2027-09-09", Some("2027-09-07")),
            ],
            ("2027-09-10", 1),
        ),
        (
            "on the first day",
            &[START],
            &[],
            &[(START, None)],
            ("2027-09-07", 0),
        ),
    ];
    for (case, holds, gates, keeps, (next, step)) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        plan.migrations[0].hold_dates = holds.iter().map(|d| d.to_string()).collect();
        let s = split_of(&plan, gates);
        let at = |date: &str| s.days.iter().find(|d| d.date == date).unwrap();
        for &(hold, kept) in keeps {
            let d = at(hold);
            assert_eq!(d.kind, DayKind::Held, "{case}: {hold}");
            let Some(kept) = kept else {
                assert_eq!((d.step, d.cap, d.new_lane), (None, Some(0), 0), "{case}");
                continue;
            };
            let k = at(kept);
            assert_eq!(
                (d.step, d.cap, d.new_lane, d.new_by_cohort),
                (k.step, k.cap, k.new_lane, k.new_by_cohort),
                "{case}: {hold} keeps {kept}"
            );
            assert!(d.new_lane > 0, "{case}: {hold}");
        }
        assert_eq!(at(next).kind, DayKind::Moving, "{case}");
        assert_eq!(at(next).step, Some(step), "{case}");
    }
}

/// The simulation's moves keep a hold date's split as the split does:
/// with strict gates every sending day fails and the ramp stays on its
/// first step, which the hold dates keep; with the default gates none
/// fails. On each hold date the new lane, which has no mail of its own,
/// is offered what the split as the run held it moves.
#[test]
fn the_simulation_keeps_a_hold_dates_split_as_the_split_does() {
    // (case, hold dates, strict gates, each hold date with the sending
    // day whose split it keeps)
    type SimCase = (
        &'static str,
        &'static [&'static str],
        bool,
        &'static [(&'static str, Option<&'static str>)],
    );
    let cases: [SimCase; 4] = [
        (
            "after a day that advanced",
            &["2027-09-08"],
            false,
            &[("2027-09-08", Some("2027-09-07"))],
        ),
        (
            "after a failed gate",
            &["2027-09-08"],
            true,
            &[("2027-09-08", Some("2027-09-07"))],
        ),
        (
            "two in a row after a failed gate",
            &["2027-09-08", "2027-09-09"],
            true,
            &[
                ("2027-09-08", Some("2027-09-07")),
                ("2027-09-09", Some("2027-09-07")),
            ],
        ),
        ("on the first day", &[START], true, &[(START, None)]),
    ];
    for (case, holds, strict, keeps) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        plan.migrations[0].hold_dates = holds.iter().map(|d| d.to_string()).collect();
        if strict {
            plan.simulation.gate_bounce_percent = 0.01;
        }
        let routing = route(&plan);
        let run = run_of(&plan, &routing, 14, &|_| Vec::new());
        let new_lane = run.lanes.iter().find(|l| l.lane_id == "flows-ses").unwrap();
        let sim = |date: &str| new_lane.days.iter().find(|d| d.date == date).unwrap();
        let failed: Vec<&str> = (new_lane.days.iter())
            .filter(|d| d.held_by.is_some())
            .map(|d| d.date.as_str())
            .collect();
        assert_eq!(failed.len() >= 4, strict, "{case}: {failed:?}");
        let s = split_of(&plan, &failed);
        let at = |date: &str| s.days.iter().find(|d| d.date == date).unwrap();
        for &(hold, kept) in keeps {
            let moved = sim(hold).requested;
            assert!(
                (moved - at(hold).new_lane as f64).abs() < 0.5,
                "{case}: {hold} {moved}"
            );
            let before = kept.map_or(0.0, |k| sim(k).requested);
            assert!(
                (moved - before).abs() < 0.5,
                "{case}: {hold} {moved} {before}"
            );
        }
    }
}

#[test]
fn a_lane_without_warm_up_takes_everything_on_the_first_day() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.lanes.last_mut().unwrap().warmup = None;
    let s = split_of(&plan, &[]);
    assert!(s.no_warmup);
    assert_eq!(s.days.len(), 1);
    assert_eq!(s.completes_on.as_deref(), Some(START));
}

#[test]
fn the_new_lanes_own_mail_uses_its_cap_first() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    // Only the welcome series and cart recovery move; replenishment is
    // already routed to the new lane.
    let m = &mut plan.migrations[0];
    m.whole_lane = false;
    m.journeys = vec!["cart-recovery".into(), "welcome".into()];
    let replenishment = plan
        .journeys
        .iter_mut()
        .find(|j| j.id == "replenishment")
        .unwrap();
    replenishment.lane_override = Some("flows-ses".into());
    let own = u64::from(replenishment.daily_volume);
    let s = split_of(&plan, &[]);
    assert_eq!(s.moved.own(), own);
    assert_eq!(s.moved.journeys, ["cart-recovery", "welcome"]);
    for d in &s.days {
        let room = d.cap.map_or(u64::MAX, |c| c.saturating_sub(own));
        assert_eq!(d.new_lane, room.min(s.moved.total()), "{}", d.date);
    }
}

#[test]
fn without_a_start_date_or_a_lane_there_is_no_split() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.migrations[0].start_date = "soon".into();
    assert!(split(&plan, &route(&plan), &plan.migrations[0], &[]).is_none());
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.migrations[0].to_lane = "gone".into();
    assert!(split(&plan, &route(&plan), &plan.migrations[0], &[]).is_none());
}

/// The ramp keeps mail the new lane cannot take on the old lane, whose
/// reputation carries on; the cutover sends it all to the cold lane at once.
#[test]
fn the_simulation_runs_both_lanes_through_the_move() {
    for preset in [
        WarmupPreset::BrazeModerate,
        WarmupPreset::KumoConservative,
        WarmupPreset::AmazonSes,
    ] {
        let mut plan = plan_with(preset);
        warmup_mut(&mut plan).overflow = Overflow::Suppress;
        let routing = route(&plan);
        let c = compare(&plan, &routing, &plan.migrations[0], &[]).unwrap();
        let (ramp, cut) = (&c.ramp, &c.cutover);
        assert_eq!(c.start_date, START);
        assert_eq!(ramp.old_lane.days.len() as u32, c.days);
        // Day one: the ramp's new lane takes only its first cap; the rest
        // stays on the old lane, which the cutover empties.
        let first_cap = cap_at(plan.lane("flows-ses").unwrap().warmup.as_ref().unwrap(), 0);
        assert!(ramp.new_lane.days[0].accepted <= first_cap.unwrap() as f64 + 1e-9);
        assert!(ramp.old_lane.days[0].requested > cut.old_lane.days[0].requested + 1_000.0);
        assert!(cut.new_lane.days[0].requested >= 8_000.0);
        // The cutover loses what the cold lane's cap holds back.
        assert!(
            cut.new_totals.not_sent > ramp.new_totals.not_sent,
            "{preset:?}"
        );
        assert!(c.ramp_gain > 0.0, "{preset:?}: {}", c.ramp_gain);
        // The old lane's reputation carries on from warm; the new lane's
        // starts cold.
        let mean = |d: &switchyard::simulate::LaneDay| d.reputation.iter().sum::<f64>() / 5.0;
        assert!(mean(&ramp.old_lane.days[0]) > 0.85, "{preset:?}");
        assert!(mean(&ramp.new_lane.days[0]) < 0.8, "{preset:?}");
        println!(
            "{:<18} ramp {:>10.0} vs cutover {:>10.0} revenue ({:+.0}); ramp complete {:?}; {} gate failures",
            preset.key(),
            ramp.revenue,
            cut.revenue,
            c.ramp_gain,
            c.ramp_completes_on,
            c.gate_failures.len()
        );
    }
}

#[test]
fn deferred_mail_is_not_sent_once_however_long_it_waits() {
    // With deferral the cold lane's backlog is wanted again every day; what
    // is not sent is what still waits at the end, never more than the
    // mail the move brings in the run.
    let mut plan = plan_with(WarmupPreset::SendgridAutomated);
    warmup_mut(&mut plan).overflow = Overflow::Defer;
    let routing = route(&plan);
    let c = compare(&plan, &routing, &plan.migrations[0], &[]).unwrap();
    let moved_in_run = flows_volume(&plan) as f64 * f64::from(c.days);
    for (name, s) in [("ramp", &c.ramp), ("cutover", &c.cutover)] {
        let last = s.new_lane.days.last().unwrap();
        let lost: f64 = s.new_lane.days.iter().map(|d| d.lost).sum();
        assert_eq!(lost, 0.0, "{name}");
        assert!(
            (s.new_totals.not_sent - last.waiting).abs() < 1e-6,
            "{name}"
        );
        assert!(
            s.new_totals.not_sent <= moved_in_run,
            "{name}: {}",
            s.new_totals.not_sent
        );
    }
    // The cutover did defer mail, and sent all of it within the run.
    assert!(c.cutover.new_lane.days.iter().any(|d| d.waiting > 0.0));
}

#[test]
fn no_moves_or_a_move_after_the_horizon_changes_nothing() {
    let plan = plan_with(WarmupPreset::BrazeModerate);
    let routing = route(&plan);
    let settings = Settings {
        start_date: START.into(),
        days: 30,
        ..Settings::default()
    };
    let plain = simulate(&plan, &routing, &settings, &[]).unwrap();
    let later = Move {
        journeys: vec!["cart-recovery".into()],
        from_lane: "revenue-flows".into(),
        to_lane: "flows-ses".into(),
        start: day("2028-01-03"),
        hold: Vec::new(),
        failed: Vec::new(),
        cutover: true,
        completes_at: 0,
    };
    assert_eq!(
        simulate_moves(&plan, &routing, &settings, &[], &[later]),
        Some(plain)
    );
}

fn records(plan: &Plan) -> Vec<RecordView> {
    findings(plan, day("2027-08-01"), None)
        .domains
        .records
        .clone()
}

fn report_on(plan: &Plan, today: &str, evidence: Option<&[Evidence]>) -> MigrationReport {
    let routing: Routing = route(plan);
    let all = records(plan);
    report(
        plan,
        &routing,
        &plan.migrations[0],
        &all,
        evidence,
        day(today),
        None,
    )
}

fn due(r: &MigrationReport, kind: StepKind) -> String {
    r.steps.iter().find(|s| s.kind == kind).unwrap().due.clone()
}

/// Steps and their dates: records two weeks and three days before the first
/// day, the cutover on the last, the old records removed after the grace.
#[test]
fn the_dns_and_checklist_steps_have_their_dates() {
    let plan = plan_with(WarmupPreset::BrazeModerate);
    let r = report_on(&plan, "2027-08-01", None);
    let cases = [
        (StepKind::PublishRecords, "2027-08-23"),
        (StepKind::CheckRecords, "2027-09-03"),
        (StepKind::FirstDay, START),
        (StepKind::Cutover, "2027-09-13"),
        (StepKind::Rollback, ""),
        // Kept until the grace period ends, the day they may go.
        (StepKind::KeepOldRecords, "2027-10-13"),
        (StepKind::RemoveOldRecords, "2027-10-13"),
    ];
    for (kind, date) in cases {
        assert_eq!(due(&r, kind), date, "{kind:?}");
    }
    assert_eq!(r.remove_after.as_deref(), Some("2027-10-13"));
    assert!(!r.new_records.is_empty());
    assert!(r
        .new_records
        .iter()
        .all(|x| x.lane.as_deref() == Some("flows-ses")));
    // The whole lane moves, so its own records go after the grace period.
    assert_eq!(r.old_lane_keeps, 0);
    assert!(!r.removal.is_empty());
    assert!(r
        .removal
        .iter()
        .all(|x| x.lane.as_deref() == Some("revenue-flows")));
    assert!(r.steps.iter().all(|s| !s.done && !s.overdue));
}

#[test]
fn a_partial_move_keeps_the_old_records_and_grace_days_move_the_removal() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.migrations[0].whole_lane = false;
    plan.migrations[0].journeys = vec!["welcome".into()];
    plan.migrations[0].grace_days = 10;
    let r = report_on(&plan, "2027-08-01", None);
    assert_eq!(r.old_lane_keeps, 6);
    assert!(r.removal.is_empty());
    // 600 welcome mails a day fit the fourth day's cap.
    assert_eq!(due(&r, StepKind::Cutover), "2027-09-09");
    // The grace period still ends ten days after the cutover, but the
    // records stay: the step says so and has no date to remove them by.
    assert_eq!(r.remove_after.as_deref(), Some("2027-09-19"));
    let keep = step(&r, StepKind::RemoveOldRecords);
    assert_eq!(
        keep.title,
        "Keep the records of Revenue flows after the move"
    );
    assert_eq!(
        keep.detail,
        "Revenue flows keeps 6 other journeys, so its records stay."
    );
    assert_eq!(due(&r, StepKind::RemoveOldRecords), "");
}

/// The sample's whole revenue-flows lane moving to promotional, from
/// `start` (empty: not scheduled yet).
fn flows_to_promotional(start: &str) -> Plan {
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        start_date: start.into(),
        ..Migration::new("migration-1", "revenue-flows", "promotional")
    });
    plan
}

fn step(r: &MigrationReport, kind: StepKind) -> &Step {
    r.steps.iter().find(|s| s.kind == kind).unwrap()
}

#[test]
fn a_whole_lane_moves_its_journeys_before_a_first_day_is_set() {
    // (first day, what the removal step says)
    let cases = [("", "Remove: "), ("2027-10-04", "Remove: ")];
    for (start, removal) in cases {
        let plan = flows_to_promotional(start);
        let r = report_on(&plan, "2027-08-01", None);
        assert_eq!(r.old_lane_keeps, 0, "{start:?}");
        let detail = &step(&r, StepKind::RemoveOldRecords).detail;
        assert!(detail.starts_with(removal), "{start:?}: {detail}");
        assert_eq!(r.rollback.journeys.len(), 7, "{start:?}");
        // An override a journey, and the move's first day cleared.
        assert_eq!(r.rollback.edits.len(), 8, "{start:?}");
        let override_text = &step(&r, StepKind::Rollback).detail;
        assert!(override_text.contains("Cart recovery"), "{override_text}");
    }
}

#[test]
fn records_of_one_kind_at_one_name_are_named_once_for_removal() {
    let mut plan = flows_to_promotional("2027-10-04");
    plan.lanes[1].smtp.provider = Provider::Mailgun;
    let r = report_on(&plan, "2027-08-01", None);
    let detail = &step(&r, StepKind::RemoveOldRecords).detail;
    let mx = r.removal.iter().filter(|v| v.kind == "MX").count();
    assert_eq!(mx, 2, "{detail}");
    let once = format!(
        "MX {} (2 records)",
        r.removal.iter().find(|v| v.kind == "MX").unwrap().name
    );
    assert_eq!(detail.matches(&once).count(), 1, "{detail}");
    assert_eq!(detail.matches("MX ").count(), 1, "{detail}");
}

#[test]
fn the_steps_and_figures_say_when_mail_really_moves() {
    // Promotional's warm-up begins with the move.
    let mut plan = flows_to_promotional("2027-10-04");
    plan.lanes[2].warmup.as_mut().unwrap().start_date = "2027-10-04".into();
    let r = report_on(&plan, "2027-08-01", None);
    let split = r.split.as_ref().unwrap();
    let figures = figures(&plan.migrations[0], split);
    let value = |term: &str| &figures.iter().find(|(t, _)| *t == term).unwrap().1;
    // Promotional's own mail fills its cap until the 18th; its skipped
    // date, the 11th, holds the ramp a day.
    assert_eq!(value("Moves"), "7 journeys, 11,000 messages a day");
    assert_eq!(value("Moves start"), "2027-10-18 (planned 2027-10-04)");
    // The wait for room under the cap is said beside what delayed the end.
    assert_eq!(
        value("Delays"),
        "first move 14 days after the planned day, as the new lane's own mail fills its cap until then and for 1 skipped date of the new lane; 1 skipped date of the new lane delays its completion by 1 day"
    );
    // A hold date before anything moves is told beside the full cap.
    let mut held = flows_to_promotional("2027-09-13");
    held.migrations[0].hold_dates = vec!["2027-09-15".into()];
    let held_split = split_of(&held, &[]);
    assert_eq!(
        switchyard::review::migration::figures(&held.migrations[0], &held_split)[3].1,
        "first move 7 days after the planned day, as the new lane's own mail fills its cap until then and for 1 hold date of the move; 1 hold date of the move delays its completion by 1 day"
    );
    // Planned on a Saturday, a move to a lane that sends on weekdays waits
    // for its Monday.
    let mut weekend = plan_with(WarmupPreset::BrazeModerate);
    warmup_mut(&mut weekend).sending_weekdays = vec![1, 2, 3, 4, 5];
    weekend.migrations[0].start_date = "2027-10-16".into();
    let weekend_split = split_of(&weekend, &[]);
    assert_eq!(weekend_split.first_day.as_deref(), Some("2027-10-18"));
    assert_eq!(
        switchyard::review::migration::figures(&weekend.migrations[0], &weekend_split)[3].1,
        "first move 2 days after the planned day, as the new lane does not send before then"
    );
    let first = step(&r, StepKind::FirstDay);
    assert!(
        first
            .detail
            .contains("(72%) of the moved mail; the rest stays on Revenue flows."),
        "{}",
        first.detail
    );
    // A warm lane takes all the moved mail on its first day.
    let mut all_at_once = sample_plan();
    all_at_once.migrations.push(Migration {
        start_date: "2027-01-04".into(),
        ..Migration::new("m", "promotional", "revenue-flows")
    });
    let r100 = report_on(&all_at_once, "2026-12-05", None);
    let detail = &step(&r100, StepKind::FirstDay).detail;
    assert!(
        detail.contains("(100%) of the moved mail; nothing stays on Promotional."),
        "{detail}"
    );
    // The records are named by what they are for: Promotional tracks its
    // links, the new SES lane does not.
    let publish = step(&r, StepKind::PublishRecords);
    assert!(
        publish
            .detail
            .starts_with("7 records for SPF, DKIM, bounces and tracking,"),
        "{}",
        publish.detail
    );
    let ses = report_on(&plan_with(WarmupPreset::BrazeModerate), "2027-08-01", None);
    let publish = &step(&ses, StepKind::PublishRecords).detail;
    assert!(
        publish.contains(" for SPF, DKIM and bounces, before the first day"),
        "{publish}"
    );
    assert_eq!(first.due, "2027-10-18");
    assert!(first.title.starts_with("Moves start: "), "{}", first.title);
    assert!(
        first
            .detail
            .contains("The planned first day is 2027-10-04."),
        "{}",
        first.detail
    );
    // (step, its title) with possessives written out.
    let titles = [
        (
            StepKind::PublishRecords,
            "Publish the DNS records of Promotional",
        ),
        (
            StepKind::RemoveOldRecords,
            "Remove the records of Revenue flows",
        ),
        (
            StepKind::KeepOldRecords,
            "Keep the records of Revenue flows until the grace period ends",
        ),
    ];
    for (kind, title) in titles {
        assert_eq!(step(&r, kind).title, title);
    }
    let keep = &step(&r, StepKind::KeepOldRecords).detail;
    assert!(keep.starts_with("30 days after the last day"), "{keep}");
}

#[test]
fn counts_in_the_steps_agree_with_their_nouns() {
    let mut plan = flows_to_promotional("");
    plan.migrations[0].whole_lane = false;
    plan.migrations[0].journeys = vec!["welcome".into()];
    plan.migrations[0].grace_days = 1;
    let r = report_on(&plan, "2027-08-01", None);
    assert_eq!(
        step(&r, StepKind::RemoveOldRecords).detail,
        "Revenue flows keeps 6 other journeys, so its records stay."
    );
    // Records kept for good need no grace period.
    assert!(r.steps.iter().all(|s| s.kind != StepKind::KeepOldRecords));
    plan.migrations[0].whole_lane = true;
    let r = report_on(&plan, "2027-08-01", None);
    assert_eq!(
        step(&r, StepKind::KeepOldRecords).detail,
        "1 day after the last day, while late bounces, replies and complaints still arrive."
    );
}

#[test]
fn published_records_and_routing_prove_steps_and_late_ones_are_overdue() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    let evidence = |published, errors| Evidence {
        lane: "flows-ses".into(),
        planned: 5,
        dmarc: false,
        published,
        errors,
    };
    let cases = [
        (5, 0, true, true),
        (5, 2, true, false),
        (3, 0, false, false),
    ];
    for (published, errors, publish_done, check_done) in cases {
        let proof = [evidence(published, errors)];
        let r = report_on(&plan, "2027-09-05", Some(&proof));
        let step = |k| r.steps.iter().find(|s| s.kind == k).unwrap().clone();
        assert_eq!(step(StepKind::PublishRecords).done, publish_done);
        assert_eq!(step(StepKind::CheckRecords).done, check_done);
        assert_eq!(step(StepKind::CheckRecords).overdue, !check_done);
        assert!(!step(StepKind::Cutover).overdue, "due after today");
    }
    // Routing every moved journey to the new lane proves the cutover.
    let moved = report_on(&plan, "2027-09-20", None)
        .rollback
        .journeys
        .clone();
    for (id, _) in &moved {
        let j = plan.journeys.iter_mut().find(|j| j.id == *id).unwrap();
        j.lane_override = Some("flows-ses".into());
    }
    // The split still moves the ticked journeys, not the lane's routes.
    plan.migrations[0].whole_lane = false;
    plan.migrations[0].journeys = moved.iter().map(|(id, _)| id.clone()).collect();
    let r = report_on(&plan, "2027-09-20", None);
    assert!(r
        .steps
        .iter()
        .any(|s| s.kind == StepKind::Cutover && s.done));
}

#[test]
fn the_rollback_sends_every_moved_journey_back() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    let r = report_on(&plan, "2027-08-01", None);
    assert_eq!(r.rollback.lane, "revenue-flows");
    assert_eq!(r.rollback.journeys.len(), 7);
    for (id, _) in &r.rollback.journeys {
        let j = plan.journeys.iter_mut().find(|j| j.id == *id).unwrap();
        j.lane_override = Some("flows-ses".into());
    }
    edit_plan(&mut plan, Edit::Many(r.rollback.edits.clone()));
    let routing = route(&plan);
    for (id, _) in &r.rollback.journeys {
        let route = routing.routes.iter().find(|x| x.journey_id == *id).unwrap();
        assert_eq!(route.lane_id.as_deref(), Some("revenue-flows"), "{id}");
    }
}

fn codes(plan: &Plan) -> Vec<String> {
    lint(plan, &route(plan))
        .into_iter()
        .map(|d| d.code.to_string())
        .filter(|c| c.starts_with("lint.migration"))
        .collect()
}

/// Each migration lint fires where it should, and its fix clears it.
#[test]
fn the_lints_fire_and_their_fixes_clear_them() {
    type Setup = fn(&mut Plan);
    let cases: [(&str, Setup); 6] = [
        ("lint.migration_no_warmup", |p| {
            p.lanes.last_mut().unwrap().warmup = None
        }),
        ("lint.migration_overlap", |p| {
            let mut second = p.migrations[0].clone();
            second.id = "flows-again".into();
            second.start_date = "2027-09-10".into();
            second.to_lane = "promotional".into();
            p.migrations.push(second);
        }),
        ("lint.migration_in_peak", |p| {
            p.peak_window = Some(PeakWindow {
                name: "Harvest sale".into(),
                start: "2027-09-08".into(),
                end: "2027-09-12".into(),
            })
        }),
        ("lint.migration_warmup_start", |p| {
            warmup_mut(p).start_date = "2027-09-20".into()
        }),
        // A hold date before the move begins holds nothing; the fix keeps
        // the one after.
        ("lint.migration_hold_before_start", |p| {
            let start = p.migrations[0].start_date.clone();
            p.migrations[0].hold_dates = vec!["2027-08-30".into(), "2027-09-01".into(), start];
        }),
        // The old lane sends nothing before its own warm-up begins.
        ("lint.migration_before_old_lane", |p| {
            p.lanes[1].warmup = Some(WarmupPlan {
                start_date: "2027-10-04".into(),
                ..WarmupPlan::default()
            })
        }),
    ];
    let clean = plan_with(WarmupPreset::BrazeModerate);
    assert!(codes(&clean).is_empty(), "{:?}", codes(&clean));
    for (code, setup) in cases {
        let mut plan = clean.clone();
        setup(&mut plan);
        let found = lint(&plan, &route(&plan));
        let finding = found
            .iter()
            .find(|d| d.code == code)
            .unwrap_or_else(|| panic!("{code}"));
        assert!(finding.path.starts_with("$.migrations["), "{code}");
        let fix = finding
            .fix
            .clone()
            .unwrap_or_else(|| panic!("{code} has a fix"));
        edit_plan(&mut plan, Edit::Many(fix.edits));
        assert!(
            !codes(&plan).contains(&code.to_string()),
            "{code}: {:?}",
            codes(&plan)
        );
    }
}

#[test]
fn a_move_into_a_warm_lane_needs_no_warm_up() {
    // The new SES lane without a warm-up is flagged while it is new; once
    // it is warm it takes the mail on its own reputation, and only a note
    // asks whether that reputation is real, as the plan routes nothing else
    // to it.
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    let lane = plan.lanes.last_mut().unwrap();
    lane.warmup = None;
    lane.status = LaneStatus::New;
    assert_eq!(codes(&plan), ["lint.migration_no_warmup"]);
    plan.lanes.last_mut().unwrap().status = LaneStatus::Warm;
    assert_eq!(codes(&plan), ["lint.migration_at_once"]);
    let note = lint(&plan, &route(&plan))
        .into_iter()
        .find(|d| d.code == "lint.migration_at_once")
        .unwrap();
    assert_eq!(note.severity, Severity::Info);
    assert_eq!(note.path, "$.migrations[0].to_lane");
    // Its fix treats the lane as new and ramps it from the move's first day.
    edit_plan(&mut plan, Edit::Many(note.fix.unwrap().edits));
    let lane = plan.lanes.last().unwrap();
    assert_eq!(lane.status, LaneStatus::New);
    let warmup = lane.warmup.as_ref().unwrap();
    assert_eq!(
        warmup.preset,
        WarmupPreset::for_provider(Provider::AmazonSes)
    );
    assert_eq!(warmup.start_date, START);
    assert!(codes(&plan).is_empty(), "{:?}", codes(&plan));
    // It aims for the mail the move brings, so no missing peak follows.
    assert!(warmup.target_volume > 0);
    assert!(!validate(&plan)
        .iter()
        .any(|d| d.code == "warmup.target_volume"));
}

#[test]
fn a_move_that_more_than_doubles_a_warm_lane_is_a_jump() {
    // Revenue flows move into the warm transactional lane; whether that is
    // a jump depends on how much the lane sends of its own.
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.migrations[0].to_lane = "transactional".into();
    let routing = route(&plan);
    let moving: u64 = Wanted::of_lane(&plan, &routing, "revenue-flows")
        .average()
        .iter()
        .sum();
    let staying: Vec<String> = routing
        .journeys_on(&plan, "transactional")
        .map(|j| j.id.clone())
        .collect();
    let set_staying = |plan: &mut Plan, daily: u64| {
        for j in plan.journeys.iter_mut().filter(|j| staying.contains(&j.id)) {
            j.daily_volume = 0;
        }
        let first = plan
            .journeys
            .iter_mut()
            .find(|j| j.id == staying[0])
            .unwrap();
        first.daily_volume = u32::try_from(daily).unwrap();
    };
    let jump = |plan: &Plan| {
        lint(plan, &route(plan))
            .into_iter()
            .find(|d| d.code == "lint.migration_at_once")
    };
    // Mail of its own as large as the move: the volume at most doubles.
    set_staying(&mut plan, moving);
    assert!(jump(&plan).is_none());
    // A quarter of it: a warning that says by how much, with no fix to
    // apply blindly.
    set_staying(&mut plan, moving / 4);
    let finding = jump(&plan).expect("a jump");
    assert_eq!(finding.severity, Severity::Warning);
    let factor = (moving + moving / 4) as f64 / (moving / 4) as f64;
    assert!(
        finding.message.contains(&format!("{factor:.1}×")),
        "{}",
        finding.message
    );
    assert!(finding.fix.is_none());
}

#[test]
fn holding_through_the_peak_moves_the_completion_past_it() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.peak_window = Some(PeakWindow {
        name: String::new(),
        start: "2027-09-08".into(),
        end: "2027-09-12".into(),
    });
    let finding = lint(&plan, &route(&plan))
        .into_iter()
        .find(|d| d.code == "lint.migration_in_peak")
        .unwrap();
    edit_plan(&mut plan, Edit::Many(finding.fix.unwrap().edits));
    assert_eq!(plan.migrations[0].hold_dates.len(), 5);
    let s = split_of(&plan, &[]);
    assert_eq!(s.count(Cause::Held), 5);
    assert_eq!(s.completes_on.as_deref(), Some("2027-09-18"));
}

#[test]
fn validation_and_imports_check_the_migrations() {
    let base = plan_with(WarmupPreset::BrazeModerate);
    assert!(validate(&base)
        .iter()
        .all(|d| !d.code.starts_with("migration")));
    type Setup = fn(&mut Plan);
    let cases: [(&str, &str, Setup, bool); 6] = [
        (
            "migration.same_lane",
            "$.migrations[0].to_lane",
            |p| p.migrations[0].to_lane = "revenue-flows".into(),
            false,
        ),
        (
            "migration.date",
            "$.migrations[0].start_date",
            |p| p.migrations[0].start_date = "next week".into(),
            false,
        ),
        (
            "migration.empty",
            "$.migrations[0].journeys",
            |p| p.migrations[0].whole_lane = false,
            false,
        ),
        (
            "plan.dangling_lane",
            "$.migrations[0].from_lane",
            |p| p.migrations[0].from_lane = "sendgrid".into(),
            true,
        ),
        (
            "plan.dangling_journey",
            "$.migrations[0].journeys[0]",
            |p| p.migrations[0].journeys = vec!["gone".into()],
            true,
        ),
        (
            "plan.duplicate_id",
            "$.migrations[1].id",
            |p| {
                let copy = p.migrations[0].clone();
                p.migrations.push(copy)
            },
            true,
        ),
    ];
    for (code, path, setup, refused) in cases {
        let mut plan = base.clone();
        setup(&mut plan);
        let found = validate(&plan);
        assert!(
            found.iter().any(|d| d.code == code && d.path == path),
            "{code}: {found:#?}"
        );
        assert_eq!(
            integrity(&plan).iter().any(|d| d.code == code),
            refused,
            "{code}"
        );
        assert_eq!(import(export(&plan).as_bytes()).is_err(), refused, "{code}");
    }
}

#[test]
fn the_plan_file_keeps_migrations_and_old_files_still_read() {
    let plan = plan_with(WarmupPreset::BrazeModerate);
    let text = export(&plan);
    assert!(text.contains("\"migrations\""));
    let back = import(text.as_bytes()).unwrap();
    assert_eq!(back.plan.migrations, plan.migrations);
    // A plan without migrations writes no section, as files did before.
    assert!(!export(&sample_plan()).contains("migrations"));
    assert!(!export(&sample_plan()).contains("peak_window"));
    // Grace days default to 30; unknown fields are refused.
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["migrations"][0]
        .as_object_mut()
        .unwrap()
        .remove("grace_days");
    let back = import(value.to_string().as_bytes()).unwrap();
    assert_eq!(back.plan.migrations[0].grace_days, 30);
    value["migrations"][0]["colour"] = "red".into();
    assert!(import(value.to_string().as_bytes()).is_err());
}

#[test]
fn deleting_a_lane_or_journey_keeps_the_plan_importable() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.migrations[0].whole_lane = false;
    plan.migrations[0].journeys = vec!["welcome".into(), "winback".into()];
    edit_plan(&mut plan, Edit::DeleteJourney("welcome".into()));
    assert_eq!(plan.migrations[0].journeys, ["winback"]);
    edit_plan(
        &mut plan,
        Edit::Migration {
            migration: "flows-to-ses".into(),
            set: MigrationField::GraceDays(7),
        },
    );
    edit_plan(&mut plan, Edit::DeleteLane("flows-ses".into()));
    assert!(plan.migrations.is_empty());
    assert!(integrity(&plan).is_empty());
}

#[test]
fn a_weekly_send_moves_on_its_days_and_completes_when_the_cap_covers_it() {
    // The weekly promotion, sent on Tuesdays, moves alone from the
    // promotional lane to a new lane that warms up every day.
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    let promo = plan
        .journeys
        .iter_mut()
        .find(|j| j.id == "weekly-promo")
        .unwrap();
    promo.trigger = Trigger::Scheduled {
        cadence: Cadence::Weekly,
        send_day: Some(Weekday::Tuesday),
        send_date: None,
    };
    // Mail to the most engaged passes the simulator's health gates, so
    // every send advances its ramp.
    promo.audience = Audience::Engaged30;
    let m = &mut plan.migrations[0];
    m.from_lane = "promotional".into();
    m.whole_lane = false;
    m.journeys = vec!["weekly-promo".into()];
    let s = split_of(&plan, &[]);
    assert_eq!(s.moved.total(), 18_000);
    // (date, kind, ramp step, moved mail due): Monday and the days between
    // Tuesdays have no mail, hold the ramp and move nothing.
    let expected = [
        ("2027-09-06", DayKind::NoMail, None, 0),
        ("2027-09-07", DayKind::Moving, Some(0), 126_000),
        ("2027-09-08", DayKind::NoMail, None, 0),
        ("2027-09-14", DayKind::Moving, Some(1), 126_000),
    ];
    for (date, kind, step, due) in expected {
        let d = s.days.iter().find(|d| d.date == date).unwrap();
        assert_eq!(
            (d.kind, d.step, d.new_lane + d.old_lane),
            (kind, step, due),
            "{date}"
        );
    }
    // Complete on the first Tuesday whose cap covers the 126,000 of a send.
    let last = s.days.last().unwrap();
    assert_eq!(last.kind, DayKind::Complete);
    assert_eq!(
        chrono::Datelike::weekday(&day(&last.date)),
        chrono::Weekday::Tue
    );
    assert!(last.cap.is_none_or(|c| c >= 126_000), "{last:?}");
    let before = s
        .days
        .iter()
        .rev()
        .find(|d| d.step.is_some() && d.kind == DayKind::Moving)
        .unwrap();
    assert!(before.cap.unwrap() < 126_000, "{before:?}");
    // The simulated ramp does not complete on the Monday without mail: it
    // completes on a Tuesday the new lane sends the whole send.
    let c = compare(&plan, &route(&plan), &plan.migrations[0], &[]).unwrap();
    let done = c.ramp_completes_on.expect("the simulated ramp completes");
    assert_ne!(done, START);
    assert_eq!(chrono::Datelike::weekday(&day(&done)), chrono::Weekday::Tue);
}

#[test]
fn a_name_given_from_the_lanes_follows_them_and_a_typed_one_stays() {
    let mut plan = sample_plan();
    plan.migrations.clear();
    for _ in 0..2 {
        edit_plan(
            &mut plan,
            Edit::AddMigration {
                from_lane: "revenue-flows".into(),
                to_lane: "promotional".into(),
            },
        );
    }
    let names =
        |plan: &Plan| -> Vec<String> { plan.migrations.iter().map(|m| m.name.clone()).collect() };
    assert_eq!(
        names(&plan),
        [
            "Revenue flows to Promotional",
            "Revenue flows to Promotional 2"
        ]
    );
    let set = |plan: &mut Plan, i: usize, set: MigrationField| {
        let migration = plan.migrations[i].id.clone();
        edit_plan(plan, Edit::Migration { migration, set });
    };
    set(&mut plan, 1, MigrationField::ToLane("transactional".into()));
    set(
        &mut plan,
        0,
        MigrationField::FromLane("transactional".into()),
    );
    assert_eq!(
        names(&plan),
        [
            "Transactional to Promotional",
            "Revenue flows to Transactional"
        ]
    );
    set(
        &mut plan,
        0,
        MigrationField::Name("Black Friday move".into()),
    );
    set(
        &mut plan,
        0,
        MigrationField::FromLane("revenue-flows".into()),
    );
    assert_eq!(plan.migrations[0].name, "Black Friday move");
    assert_eq!(plan.migrations[0].from_lane, "revenue-flows");
}

#[test]
fn a_move_customer_io_cannot_route_is_flagged_on_the_migration() {
    use switchyard::plan::routing::route;
    use switchyard::review::migration::findings;
    // Moving the whole lane keeps its event campaigns together: fine.
    let plan = plan_with(WarmupPreset::AmazonSes);
    let codes = |plan: &Plan| -> Vec<String> {
        findings(plan, &route(plan))
            .iter()
            .map(|d| d.code.to_string())
            .collect()
    };
    assert!(!codes(&plan).contains(&"lint.migration_unroutable".to_string()));
    // Moving only cart recovery splits event campaigns across two lanes,
    // which Customer.io cannot route.
    let mut split = plan.clone();
    split.migrations[0].whole_lane = false;
    split.migrations[0].journeys = vec!["cart-recovery".into()];
    let found = findings(&split, &route(&split));
    let unroutable = found
        .iter()
        .find(|d| d.code == "lint.migration_unroutable")
        .expect("flagged on the migration");
    assert_eq!(unroutable.path, "$.migrations[0]");
    // The type moves whole, so the event campaigns it leaves go along.
    assert!(
        unroutable
            .message
            .contains("also moves 4 journeys it leaves on Revenue flows: “Checkout recovery”"),
        "{}",
        unroutable.message
    );
    // Moving most of the event campaigns strands the ones left behind.
    let mut most = plan.clone();
    most.migrations[0].whole_lane = false;
    most.migrations[0].journeys = [
        "cart-recovery",
        "checkout-recovery",
        "browse-abandonment",
        "post-purchase",
    ]
    .map(String::from)
    .to_vec();
    let found = findings(&most, &route(&most));
    let left = found
        .iter()
        .find(|d| d.code == "lint.migration_unroutable")
        .expect("the journeys left behind are stranded");
    assert!(
        left.message.contains("“Welcome series”"),
        "{}",
        left.message
    );
    // The whole lane that carries All Emails moves with its server, as
    // the Platform tab's steps say: nothing is stranded.
    let mut receipts = plan.clone();
    receipts.migrations[0].from_lane = "transactional".into();
    receipts.migrations[0].to_lane = "revenue-flows".into();
    assert_eq!(
        receipts.platform.all_emails_lane.as_deref(),
        Some("transactional")
    );
    assert!(!codes(&receipts).contains(&"lint.migration_unroutable".to_string()));
    // Another platform routes each journey as it likes.
    let mut elsewhere = split.clone();
    elsewhere.platform.kind = Platform::OwnCode;
    assert!(!codes(&elsewhere).contains(&"lint.migration_unroutable".to_string()));
}

#[test]
fn a_days_share_of_the_moved_mail_never_reads_as_none_or_all_when_it_is_not() {
    use switchyard::warmup::migration::{DayKind, SplitDay};
    // (new lane, old lane, the share shown)
    let cases = [
        (0, 0, "100%"),
        (0, 5_900, "0%"),
        (50, 5_900, "<1%"),
        (480, 55_000, "<1%"),
        (2_950, 2_950, "50%"),
        // Short of the whole, the share is never rounded up to it.
        (54_999, 1, "99%"),
        (5_900, 0, "100%"),
    ];
    for (new_lane, old_lane, shown) in cases {
        let day = SplitDay {
            date: "2027-09-06".into(),
            kind: DayKind::Moving,
            step: Some(0),
            cap: None,
            new_lane,
            old_lane,
            new_by_cohort: [new_lane, 0, 0, 0],
            gate_failed: false,
            held_by_gate: None,
            old_lane_off: None,
        };
        assert_eq!(day.new_share(), shown, "{new_lane} / {old_lane}");
    }
}

/// A move takes only its old lane's mail: a listed journey routed to
/// neither of its lanes is left out of the split and named, with a fix that
/// takes it off the move.
#[test]
fn journeys_listed_from_another_lane_do_not_move() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    let m = &mut plan.migrations[0];
    m.whole_lane = false;
    m.journeys = vec!["welcome".into(), "order-confirmation".into()];
    let routing = route(&plan);
    let moved = switchyard::warmup::migration::moved_mail(&plan, &routing, &plan.migrations[0]);
    assert_eq!(moved.journeys, ["welcome"]);
    let found = lint(&plan, &routing);
    let elsewhere = (found.iter())
        .find(|d| d.code == "lint.migration_journey_elsewhere")
        .expect("the order confirmation is named");
    assert!(
        elsewhere.message.contains("“Order confirmation”"),
        "{}",
        elsewhere.message
    );
    assert_eq!(elsewhere.path, "$.migrations[0].journeys");
    edit_plan(&mut plan, Edit::Many(elsewhere.fix.clone().unwrap().edits));
    assert_eq!(plan.migrations[0].journeys, ["welcome"]);
    let found = lint(&plan, &route(&plan));
    assert!(!found
        .iter()
        .any(|d| d.code == "lint.migration_journey_elsewhere"));
}

#[test]
fn a_move_onto_a_lane_warming_up_already_carries_on_its_ramp() {
    // Promotional's warm-up began on 2027-09-06 and is warm by November:
    // the move takes all the mail on its first day, as the simulation does.
    let plan = flows_to_promotional("2027-11-01");
    let s = split_of(&plan, &[]);
    assert_eq!(s.completes_on.as_deref(), Some("2027-11-01"));
    assert!(
        !codes(&plan).contains(&"lint.migration_warmup_start".to_string()),
        "{:?}",
        codes(&plan)
    );
    // Begun a week before the move, the ramp is a week on, not at its
    // first step.
    let mut plan = flows_to_promotional("2027-09-13");
    let first = split_of(&plan, &[]).days[0].step;
    assert!(first.is_some_and(|s| s >= 5), "{first:?}");
    // A warm-up that begins after the move leaves it ramping from its own
    // first day, which the lint says.
    plan.lanes[2].warmup.as_mut().unwrap().start_date = "2027-09-20".into();
    assert_eq!(split_of(&plan, &[]).days[0].step, Some(0));
    assert!(codes(&plan).contains(&"lint.migration_warmup_start".to_string()));
}

/// A migration's ramp completes on the mail that can be sent: what a
/// fallback on either lane holds back is wanted but never accepted, so it
/// must not keep the new lane from taking all the moved mail.
#[test]
fn mail_a_fallback_holds_back_does_not_keep_the_ramp_from_completing() {
    // (the lane whose fallback fires, and what it does)
    let cases = [
        ("flows-ses", FallbackAction::PausePromotions),
        ("flows-ses", FallbackAction::Shift),
        ("flows-ses", FallbackAction::TightenTo30Days),
        ("revenue-flows", FallbackAction::PausePromotions),
        ("revenue-flows", FallbackAction::TightenTo30Days),
    ];
    for (lane, action) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        // The weekly promotion moves with the revenue flows.
        let promo = plan.journeys.iter_mut().find(|j| j.id == "weekly-promo");
        promo.unwrap().lane_override = Some("revenue-flows".into());
        // A line low enough that the fallback fires on the first busy day;
        // a shift names no lane, so it holds its promotions back.
        plan.monitoring.thresholds.retain(|t| t.lane != lane);
        plan.monitoring.thresholds.push(Thresholds {
            complaint_act_percent: 0.001,
            ..Thresholds::reference(lane)
        });
        plan.simulation.fallbacks = vec![FallbackPlan {
            lane: lane.into(),
            action,
            shift_lane: None,
        }];
        let routing = route(&plan);
        let c = compare(&plan, &routing, &plan.migrations[0], &[]).unwrap();
        let run = match lane {
            "flows-ses" => &c.ramp.new_lane,
            _ => &c.ramp.old_lane,
        };
        let case = format!("{lane} {action:?}");
        assert!(run.fallback_on.is_some(), "{case}");
        assert!(run.days.iter().any(|d| d.withheld > 0.0), "{case}");
        assert!(c.ramp_completes_on.is_some(), "{case}: never completes");
    }
}

/// The mail a day of a warm-up calendar wants of its own: its journeys',
/// on a day it sends or not, without what earlier days deferred.
fn own_mail(d: &switchyard::warmup::calendar::Day) -> u64 {
    d.requested - d.waiting + d.off_day
}

#[test]
fn the_warm_up_calendars_carry_migrated_mail_on_the_days_it_moves() {
    use switchyard::warmup::calendar::calendar;
    use switchyard::warmup::migration::lane_wanted;
    // (the new lane's warm-up and its first day, whether the old lane
    // warms up too): a lane with no mail of its own does not ramp before
    // the move brings it some, as the simulation has it.
    let cases = [
        (WarmupPreset::BrazeModerate, START, true),
        (WarmupPreset::SendgridAutomated, START, false),
        (WarmupPreset::KumoConservative, START, true),
        (WarmupPreset::BrazeModerate, "2027-08-23", true),
    ];
    for (preset, first_day, old_warms) in cases {
        let mut plan = plan_with(preset);
        warmup_mut(&mut plan).start_date = first_day.into();
        if old_warms {
            let old = plan.lanes.iter_mut().find(|l| l.id == "revenue-flows");
            old.unwrap().warmup = Some(WarmupPlan {
                start_date: "2027-08-02".into(),
                ..WarmupPlan::default()
            });
        }
        let routing = route(&plan);
        let s = split_of(&plan, &[]);
        let calendar_of = |lane: &str| {
            let w = plan.lane(lane).unwrap().warmup.clone().unwrap();
            calendar(&w, &lane_wanted(&plan, &routing, lane), 150).unwrap()
        };
        let new = calendar_of("flows-ses");
        let old = old_warms.then(|| calendar_of("revenue-flows"));
        let old_days = || old.iter().flat_map(|c| &c.days);
        let routed = Wanted::of_lane(&plan, &routing, "revenue-flows");
        // Rounding each part of the mail on its own may differ by a
        // message a part.
        let near = |a: u64, b: u64| a.abs_diff(b) <= 8;
        for d in &new.days {
            let on = day(&d.date);
            let moved = match s.days.iter().find(|m| m.date == d.date) {
                Some(m) => m.new_lane,
                None if d.date < s.days[0].date => 0,
                None => s.moved.moving.on(on).iter().sum(),
            };
            let case = format!("{preset:?} {}", d.date);
            assert!(
                near(own_mail(d), moved),
                "{case}: {} against {moved}",
                own_mail(d)
            );
            assert_eq!(d.over_cap, 0, "{case}: the move takes what the cap allows");
            // What moves onto the new lane leaves the old one.
            if let Some(old_day) = old_days().find(|o| o.date == d.date) {
                let all: u64 = routed.on(on).iter().sum();
                assert!(near(own_mail(old_day) + own_mail(d), all), "{case}");
            }
        }
        let moved: u64 = new.days.iter().map(own_mail).sum();
        assert!(
            moved > 0,
            "{preset:?}: the new lane's calendar carries mail"
        );
        if old_warms {
            // Once the move is complete the old lane has no mail left.
            let done = s.completes_on.clone().unwrap();
            let after = old_days().filter(|o| o.date > done);
            assert!(after.clone().count() > 0 && after.map(own_mail).all(|m| m == 0));
        }
        // A move without a first day moves nothing yet.
        plan.migrations[0].start_date.clear();
        for lane in ["revenue-flows", "flows-ses"] {
            let routed = Wanted::of_lane(&plan, &routing, lane);
            assert_eq!(
                lane_wanted(&plan, &routing, lane),
                routed,
                "{preset:?} {lane}"
            );
        }
    }
}

#[test]
fn a_peak_after_a_lanes_mail_has_all_moved_off_is_not_its_to_carry() {
    use switchyard::warmup::calendar::calendar;
    use switchyard::warmup::migration::lane_wanted;
    // (the old lane's peak date, whether it still carries the peak)
    let cases = [("2027-11-26", false), ("2027-09-06", true)];
    for (peak, carries) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        let old = plan
            .lanes
            .iter_mut()
            .find(|l| l.id == "revenue-flows")
            .unwrap();
        old.status = LaneStatus::Warming;
        old.warmup = Some(WarmupPlan {
            start_date: "2027-09-01".into(),
            target_date: peak.into(),
            target_volume: 60_000,
            ..WarmupPlan::default()
        });
        let routing = route(&plan);
        let w = plan.lane("revenue-flows").unwrap().warmup.clone().unwrap();
        let cal = calendar(&w, &lane_wanted(&plan, &routing, "revenue-flows"), 120).unwrap();
        assert_eq!(
            cal.target_needs > 0,
            carries,
            "{peak}: {}",
            cal.target_needs
        );
        let missed = lint(&plan, &routing)
            .into_iter()
            .any(|d| d.code == "warmup.peak_missed" && d.path.starts_with("$.lanes[1]"));
        assert_eq!(
            missed, carries,
            "{peak}: a missed peak only where it is carried"
        );
    }
}

/// A second whole-lane move of the revenue flows into the promotional
/// lane, starting on `start` (empty: not scheduled).
fn with_second_move(start: &str) -> Plan {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.migrations.push(Migration {
        name: "Flows to promotions".into(),
        start_date: start.into(),
        ..Migration::new("flows-to-promo", "revenue-flows", "promotional")
    });
    plan
}

/// Two moves of the same journeys: the one that starts first (on the same
/// day, the first in the plan) moves them, and the other leaves them be,
/// in the splits, the calendars and the simulation alike; overlapping
/// dates are a finding on the other, whose fix starts it after the first
/// completes.
#[test]
fn a_journey_in_two_moves_follows_the_one_that_starts_first() {
    use switchyard::warmup::migration::{lane_wanted, moved_mail};
    // (the second move's first day, the index of the move that moves the
    // flows, and the path of the overlap finding)
    let cases: [(&str, usize, Option<&str>); 4] = [
        ("2027-09-10", 0, Some("$.migrations[1].start_date")),
        ("2027-09-01", 1, Some("$.migrations[0].start_date")),
        (START, 0, Some("$.migrations[1].start_date")),
        ("", 0, None),
    ];
    for (start, mover, path) in cases {
        let mut plan = with_second_move(start);
        let routing = route(&plan);
        let flows: Vec<String> = (routing.journeys_on(&plan, "revenue-flows"))
            .map(|j| j.id.clone())
            .collect();
        let moved: Vec<_> = (plan.migrations.iter())
            .map(|m| moved_mail(&plan, &routing, m))
            .collect();
        let (winner, loser) = (&plan.migrations[mover].clone(), 1 - mover);
        assert_eq!(moved[mover].journeys, flows, "{start}");
        if start.is_empty() {
            // An unscheduled move takes nothing from a scheduled one.
            assert!(moved[loser].taken_by.is_empty(), "{start}");
        } else {
            assert!(moved[loser].journeys.is_empty(), "{start}");
            let by: Vec<_> = moved[loser]
                .taken_by
                .iter()
                .map(|(j, by)| (j, by))
                .collect();
            assert_eq!(by.len(), flows.len(), "{start}");
            assert!(by.iter().all(|(_, by)| **by == winner.id), "{start}");
            // The loser's new lane's calendar gets none of the flows.
            let to = &plan.migrations[loser].to_lane;
            assert_eq!(
                lane_wanted(&plan, &routing, to),
                Wanted::of_lane(&plan, &routing, to),
                "{start}"
            );
        }
        // The simulation moves them as the calendars do: the run with both
        // moves is the run with the first mover's alone.
        let moves: Vec<Move> = (planned_moves(&plan, &routing, &|_| Vec::new()).into_iter())
            .map(|(_, mv)| mv)
            .collect();
        let settings = Settings {
            start_date: "2027-08-30".into(),
            days: 60,
            ..Settings::default()
        };
        let both = simulate_moves(&plan, &routing, &settings, &[], &moves).unwrap();
        let first: Vec<Move> = (moves.iter())
            .filter(|mv| mv.to_lane == winner.to_lane)
            .cloned()
            .collect();
        let alone = simulate_moves(&plan, &routing, &settings, &[], &first).unwrap();
        assert_eq!(both, alone, "{start}");
        // The overlap is a finding on the other move, at its first day,
        // and its fix clears it.
        let found = lint(&plan, &routing);
        let overlap: Vec<_> = (found.iter())
            .filter(|d| d.code == "lint.migration_overlap")
            .collect();
        assert_eq!(
            overlap.iter().map(|d| d.path.as_str()).collect::<Vec<_>>(),
            path.into_iter().collect::<Vec<_>>(),
            "{start}"
        );
        let Some(finding) = overlap.first() else {
            continue;
        };
        assert!(
            finding.message.contains("which starts first"),
            "{}",
            finding.message
        );
        let fix = finding.fix.clone().expect("a fix");
        edit_plan(&mut plan, Edit::Many(fix.edits));
        let after = split(&plan, &route(&plan), winner, &[]).unwrap();
        let moved_on = &plan.migrations[loser].start_date;
        assert!(*moved_on > after.completes_on.unwrap(), "{start}");
        assert!(
            !codes(&plan).contains(&"lint.migration_overlap".to_string()),
            "{start}: {:?}",
            codes(&plan)
        );
    }
}

/// The calendars are the plan, every day passing its gates; a run holds
/// the split after each day its new lane fails one, and `held` gives the
/// split as the run made it, which sends within the run's own caps.
#[test]
fn the_simulation_holds_the_split_on_failed_gates_and_says_so() {
    use switchyard::simulate::migration::held;
    // (gate setting, whether the run holds the split)
    type Gates = fn(&mut SimulationPlan);
    let cases: [(&str, Gates, bool); 3] = [
        ("default gates", |_| {}, false),
        ("strict bounces", |s| s.gate_bounce_percent = 0.01, true),
        (
            "strict delivery",
            |s| s.gate_delivered_percent = 99.99,
            true,
        ),
    ];
    for (case, gates, holds) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        gates(&mut plan.simulation);
        let routing = route(&plan);
        let m = &plan.migrations[0];
        let run = run_of(&plan, &routing, 60, &|_| Vec::new());
        let h = held(&plan, &routing, m, &run, &[]).unwrap();
        let planned = split_of(&plan, &[]);
        assert_eq!(h.planned_completes_on, planned.completes_on, "{case}");
        assert_eq!(!h.held.is_empty(), holds, "{case}: {:?}", h.held);
        let new_lane = run.lanes.iter().find(|l| l.lane_id == "flows-ses").unwrap();
        let held_on = |d: &str| {
            new_lane
                .days
                .iter()
                .any(|x| x.date == d && x.held_by.is_some())
        };
        assert!(h.held.iter().all(|d| held_on(d)), "{case}");
        if holds {
            assert!(
                h.completes_on.is_none() || h.days_late().unwrap() > 0,
                "{case}: {h:?}"
            );
        } else {
            assert_eq!(h.completes_on, planned.completes_on, "{case}");
        }
        // The split as the run held it caps each sending day of the move
        // as the run's own ramp does.
        let failed: Vec<&str> = (new_lane.days.iter())
            .filter(|d| d.held_by.is_some())
            .map(|d| d.date.as_str())
            .collect();
        let as_run = split_of(&plan, &failed);
        for d in as_run.days.iter().filter(|d| d.kind == DayKind::Moving) {
            let Some(sim) = new_lane.days.iter().find(|x| x.date == d.date) else {
                continue;
            };
            assert_eq!(sim.cap, d.cap.map(|c| c as f64), "{case} {}", d.date);
        }
        // The comparison counts the days the run held, as the run judged
        // them (on the complaints known that day).
        let c = compare(&plan, &routing, m, &[]).unwrap();
        let ramp_held: Vec<&str> = (c.ramp.new_lane.days.iter())
            .filter(|d| d.held_by.is_some())
            .map(|d| d.date.as_str())
            .collect();
        assert_eq!(c.gate_failures, ramp_held, "{case}");
        assert_eq!(c.planned_completes_on, planned.completes_on, "{case}");
    }
}

/// A move that lists a journey by name which an earlier move has already
/// taken to its new lane moves none of it: a finding on its journeys, whose
/// fix takes the journey off and clears it. A whole-lane move lists none.
#[test]
fn a_later_move_of_a_journey_already_moved_is_a_finding() {
    // (the second move's first day, whether it lists the journey by name,
    // whether the finding fires)
    let cases = [
        ("2028-06-01", true, true),
        ("2028-06-01", false, false),
        // Overlapping dates are the overlap finding's.
        ("2027-09-10", true, false),
    ];
    for (start, listed, fires) in cases {
        let mut plan = with_second_move(start);
        let routing = route(&plan);
        let first = split(&plan, &routing, &plan.migrations[0], &[]).unwrap();
        assert!(first.completes_on.as_deref() < Some("2028-06-01"));
        let cart = (routing.journeys_on(&plan, "revenue-flows"))
            .next()
            .map(|j| j.id.clone())
            .unwrap();
        let second = &mut plan.migrations[1];
        second.whole_lane = !listed;
        if listed {
            second.journeys = vec![cart.clone()];
        }
        let found: Vec<_> = (lint(&plan, &route(&plan)).into_iter())
            .filter(|d| d.code == "lint.migration_after_move")
            .collect();
        assert_eq!(
            found.len(),
            usize::from(fires),
            "{start} {listed}: {found:?}"
        );
        let Some(finding) = found.first() else {
            continue;
        };
        assert_eq!(finding.path, "$.migrations[1].journeys");
        let name = &plan.journeys.iter().find(|j| j.id == cart).unwrap().name;
        assert!(
            finding.message.contains(name.as_str()),
            "{}",
            finding.message
        );
        assert!(
            finding.message.contains("moves none of its mail"),
            "{}",
            finding.message
        );
        let fix = finding.fix.clone().expect("a fix");
        assert_eq!(fix.label, "Take it off Flows to promotions");
        edit_plan(&mut plan, Edit::Many(fix.edits));
        assert!(plan.migrations[1].journeys.is_empty());
        assert!(!codes(&plan).contains(&"lint.migration_after_move".to_string()));
    }
}

/// A move that names a journey another move takes first gives it up: the
/// overlap's fix takes it off, since starting later would move none of it
/// either, and nothing is left to warn of.
#[test]
fn an_overlapping_move_that_names_the_journey_gives_it_up() {
    let mut plan = with_second_move("2027-09-10");
    let routing = route(&plan);
    let cart = (routing.journeys_on(&plan, "revenue-flows"))
        .next()
        .map(|j| j.id.clone())
        .unwrap();
    plan.migrations[1].whole_lane = false;
    plan.migrations[1].journeys = vec![cart];
    let found = lint(&plan, &route(&plan));
    let overlap = (found.iter())
        .find(|d| d.code == "lint.migration_overlap")
        .expect("the overlap");
    let fix = overlap.fix.clone().expect("a fix");
    assert_eq!(fix.label, "Take it off Flows to promotions");
    edit_plan(&mut plan, Edit::Many(fix.edits));
    assert_eq!(plan.migrations[1].start_date, "2027-09-10");
    assert!(plan.migrations[1].journeys.is_empty());
    let left = codes(&plan);
    assert!(
        !left.contains(&"lint.migration_overlap".to_string()),
        "{left:?}"
    );
    assert!(
        !left.contains(&"lint.migration_after_move".to_string()),
        "{left:?}"
    );
}

/// Journey `id` sent once, on `date`.
fn send_once(plan: &mut Plan, id: &str, date: &str) {
    let j = plan.journeys.iter_mut().find(|j| j.id == id).unwrap();
    j.trigger = Trigger::Scheduled {
        cadence: Cadence::OneOff,
        send_day: None,
        send_date: Some(date.into()),
    };
}

/// The move's figures, its line in the readiness report and the new
/// lane's note on the Warm-up tab give a day's mail, and a one-off's send
/// apart from it.
#[test]
fn a_moves_figures_tell_one_off_sends_apart_from_a_days_mail() {
    let flows = [
        "cart-recovery",
        "checkout-recovery",
        "browse-abandonment",
        "post-purchase",
        "replenishment",
        "winback",
        "welcome",
    ];
    // (the moved journeys sent once, what moves)
    // (the moved journeys sent once, their send date, what moves): a
    // one-off sent before the move's first day does not move.
    let cases: [(&[&str], &str, &str); 5] = [
        (&[], "2027-10-05", "11,000 messages a day"),
        (
            &["winback", "replenishment"],
            "2027-10-05",
            "8,600 messages a day and 2,400 in one-off sends",
        ),
        (&flows, "2027-10-05", "11,000 in one-off sends"),
        (
            &["winback", "replenishment"],
            "2027-09-01",
            "8,600 messages a day",
        ),
        (
            &["winback", "replenishment"],
            START,
            "8,600 messages a day and 2,400 in one-off sends",
        ),
    ];
    for (once, on, moves) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        for id in once {
            send_once(&mut plan, id, on);
        }
        let s = split_of(&plan, &[]);
        assert_eq!(s.moved.journeys.len(), 7, "{once:?}");
        let figures = figures(&plan.migrations[0], &s);
        let value = &figures.iter().find(|(t, _)| *t == "Moves").unwrap().1;
        assert_eq!(*value, format!("7 journeys, {moves}"), "{once:?}");
        let words = switchyard::review::migration::moved_words(&s.moved, "a day on average");
        let expected = moves.replace("messages a day", "a day on average");
        assert_eq!(words, expected, "{once:?}");
    }
}

/// A new lane a move fills without a warm-up is given one that aims for
/// its busiest day, a one-off's send on its date, so no peak below its
/// mail follows.
#[test]
fn a_move_without_a_warm_up_aims_for_the_new_lanes_busiest_day() {
    // (the moved journeys sent once and when, the peak aimed for)
    let cases: [(&[(&str, &str)], u64); 5] = [
        (&[], 11_000),
        // Sent before the move starts, or after the calendar the fix sets
        // up ends: on none of its days, so 8,600 a day.
        (
            &[("winback", "2027-09-01"), ("replenishment", "2028-12-01")],
            8_600,
        ),
        // On the calendar's last day (the move starts 2027-09-06).
        (
            &[("winback", "2027-09-01"), ("replenishment", "2028-10-09")],
            9_700,
        ),
        // 8,600 a day and the winback's 1,300 on its day; the
        // replenishment's 1,100 goes out another day.
        (
            &[("winback", "2027-10-05"), ("replenishment", "2027-10-12")],
            9_900,
        ),
        (
            &[("winback", "2027-10-05"), ("replenishment", "2027-10-05")],
            11_000,
        ),
    ];
    for (once, peak) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        for (id, date) in once {
            send_once(&mut plan, id, date);
        }
        plan.lanes.last_mut().unwrap().warmup = None;
        let fix = lint(&plan, &route(&plan))
            .into_iter()
            .find(|d| d.code == "lint.migration_no_warmup")
            .and_then(|d| d.fix)
            .unwrap_or_else(|| panic!("{once:?}"));
        edit_plan(&mut plan, Edit::Many(fix.edits));
        let warmup = plan.lanes.last().unwrap().warmup.as_ref().unwrap();
        assert_eq!(warmup.target_volume, peak, "{once:?}");
        let below = lint(&plan, &route(&plan))
            .into_iter()
            .filter(|d| d.path.starts_with("$.lanes[3].warmup"))
            .find(|d| d.code == "warmup.peak_below_mail");
        assert!(below.is_none(), "{once:?}: {below:?}");
    }
}

/// A move onto a warm lane is a jump when a usual day's mail more than
/// doubles: a one-off's send goes out on its date, not with the move.
#[test]
fn a_one_off_moved_onto_a_warm_lane_is_no_jump_in_its_daily_mail() {
    // (the winback's 50,000 sent once, a jump)
    for (once, jump) in [(true, false), (false, true)] {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        plan.migrations[0].to_lane = "transactional".into();
        let winback = plan.journeys.iter().position(|j| j.id == "winback");
        plan.journeys[winback.unwrap()].daily_volume = 50_000;
        if once {
            send_once(&mut plan, "winback", "2027-10-05");
        }
        // The transactional lane sends as much of its own as the flows'
        // other journeys, 9,700 a day.
        let routing = route(&plan);
        let own: Vec<String> = (routing.journeys_on(&plan, "transactional"))
            .map(|j| j.id.clone())
            .collect();
        for j in plan.journeys.iter_mut().filter(|j| own.contains(&j.id)) {
            j.daily_volume = 0;
        }
        let first = plan.journeys.iter_mut().find(|j| j.id == own[0]).unwrap();
        first.daily_volume = 9_700;
        let found = lint(&plan, &route(&plan))
            .into_iter()
            .find(|d| d.code == "lint.migration_at_once");
        assert_eq!(found.is_some(), jump, "{once}: {found:?}");
    }
}

/// Imported delivery data failing the health gates on some days: the
/// migration's schedule holds after each failed day of its new lane before
/// it completes, and the card's report, the simulation (its comparison and
/// its run of the plan) and the readiness report all give that schedule's
/// completion date. The run, whose own gates pass with the defaults, holds
/// its ramp after the imported days too, so its caps are the schedule's.
#[test]
fn the_card_the_simulation_and_the_report_share_one_schedule() {
    use switchyard::monitor::health::health;
    use switchyard::review::migration::{imported_gates, schedule};
    use switchyard::simulate::migration::held;
    let days: Vec<String> = (6..=20).map(|d| format!("2027-09-{d:02}")).collect();
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    // (case, the lane the data is for, its failed days, the days the
    // schedule is late, the failed days that held it)
    type Case = (
        &'static str,
        &'static str,
        &'static [&'static str],
        u32,
        &'static [&'static str],
    );
    let cases: [Case; 5] = [
        ("no failed day", "flows-ses", &[], 0, &[]),
        (
            "one failed day",
            "flows-ses",
            &["2027-09-07"],
            1,
            &["2027-09-07"],
        ),
        (
            "two failed days",
            "flows-ses",
            &["2027-09-07", "2027-09-09"],
            2,
            &["2027-09-07", "2027-09-09"],
        ),
        (
            "a failed day of the old lane",
            "revenue-flows",
            &["2027-09-07"],
            0,
            &[],
        ),
        (
            "a failed day after completion",
            "flows-ses",
            &["2027-09-16"],
            0,
            &[],
        ),
    ];
    for (case, lane, failed, late, holding) in cases {
        let plan = plan_with(WarmupPreset::BrazeModerate);
        let routing = route(&plan);
        let m = &plan.migrations[0];
        let data = health(&plan, &delivery::failing_on(lane, &days, failed));
        let known = imported_gates(&plan, Some(&data), &m.to_lane);
        let scheduled = schedule(&plan, &routing, m, Some(&data)).unwrap();
        let planned = split_of(&plan, &[]);
        let done = scheduled.completes_on.clone();
        let days_late = (day(done.as_deref().unwrap())
            - day(planned.completes_on.as_deref().unwrap()))
        .num_days();
        assert_eq!(days_late, i64::from(late), "{case}");
        let gate_days: Vec<&str> = (scheduled.delays.iter())
            .filter(|d| d.cause == Cause::GateFailed)
            .map(|d| d.date.as_str())
            .collect();
        assert_eq!(gate_days, holding, "{case}");
        // The Migrations card's report.
        let all = records(&plan);
        let r = report(&plan, &routing, m, &all, None, day(START), Some(&data));
        assert_eq!(r.split.unwrap().completes_on, done, "{case}: the card");
        // The simulated comparison on the card.
        let c = compare(&plan, &routing, m, &known).unwrap();
        assert_eq!(c.planned_completes_on, done, "{case}: the comparison");
        assert_eq!(c.imported_gates, holding, "{case}");
        assert!(c.gate_failures.is_empty(), "{case}: {:?}", c.gate_failures);
        // The Simulation tab's run of the plan.
        let gates = |l: &str| imported_gates(&plan, Some(&data), l);
        let run = run_of(&plan, &routing, 30, &gates);
        let h = held(&plan, &routing, m, &run, &known).unwrap();
        assert_eq!(h.planned_completes_on, done, "{case}: the simulation");
        assert_eq!(h.completes_on, done, "{case}: the simulation");
        assert_eq!(h.imported, holding, "{case}");
        assert!(h.held.is_empty(), "{case}: {:?}", h.held);
        let new_lane = run.lanes.iter().find(|l| l.lane_id == "flows-ses").unwrap();
        for d in scheduled.days.iter().filter(|d| d.kind == DayKind::Moving) {
            let sim = new_lane.days.iter().find(|x| x.date == d.date).unwrap();
            assert_eq!(sim.cap, d.cap.map(|c| c as f64), "{case} {}", d.date);
        }
    }
}

/// A move onto a lane already warming up on its own mail: a hold date
/// before the move's first sending day keeps the split as it was before
/// the move, with nothing moved, not the cap of the lane's own last
/// sending day (which would move some). The simulation moves nothing on
/// such a day either: the old lane is offered what it is without the move.
#[test]
fn a_hold_before_the_move_sends_moves_nothing_onto_a_warming_lane() {
    // Promotional warms from 2027-09-06 on 27,000 a day of its own: by
    // this Monday its cap covers the moved mail too, and the Friday
    // before it was 35,000, room for 8,000 of it.
    const FIRST: &str = "2027-09-20";
    let cases: [(&str, &[&str]); 2] = [
        ("on the first day", &[FIRST]),
        ("on the first two days", &[FIRST, "2027-09-21"]),
    ];
    for (case, holds) in cases {
        let mut plan = flows_to_promotional(FIRST);
        plan.migrations[0].hold_dates = holds.iter().map(|d| d.to_string()).collect();
        let s = split_of(&plan, &[]);
        let at = |date: &str| s.days.iter().find(|d| d.date == date).unwrap();
        let routing = route(&plan);
        let run = run_of(&plan, &routing, 21, &|_| Vec::new());
        let alone = simulated(&plan, &routing, 21, &[]);
        let old = |r: &switchyard::simulate::Run, date: &str| {
            let lane = r
                .lanes
                .iter()
                .find(|l| l.lane_id == "revenue-flows")
                .unwrap();
            lane.days.iter().find(|d| d.date == date).unwrap().requested
        };
        for &hold in holds {
            let d = at(hold);
            assert_eq!(d.kind, DayKind::Held, "{case}: {hold}");
            assert_eq!(
                (d.step, d.cap, d.new_lane),
                (None, Some(0), 0),
                "{case}: {hold}"
            );
            let (with, without) = (old(&run, hold), old(&alone, hold));
            assert!(
                with > 0.0 && (with - without).abs() < 0.5,
                "{case}: {hold} {with} {without}"
            );
        }
        // The first day after the holds takes the lane's ramp where its own
        // mail brought it.
        let next = s.days.iter().find(|d| d.kind != DayKind::Held).unwrap();
        assert_eq!(next.kind, DayKind::Complete, "{case}");
        assert!(
            next.step.is_some_and(|s| s >= 10),
            "{case}: {:?}",
            next.step
        );
    }
}

/// The new lane's warm-up calendar follows the move's hold dates as the
/// split does: on a hold date the ramp keeps the last sending day's step
/// and cap, and goes on from there, so every sending day of the move has
/// the same step and cap in both, and in the simulation's new lane.
#[test]
fn the_new_lanes_calendar_holds_on_the_moves_hold_dates() {
    use switchyard::warmup::calendar::calendar;
    use switchyard::warmup::migration::lane_wanted;
    let cases: [(&str, &[&str]); 4] = [
        ("no hold", &[]),
        ("one hold", &["2027-09-08"]),
        ("two in a row", &["2027-09-08", "2027-09-09"]),
        ("the first day and later", &[START, "2027-09-10"]),
    ];
    for (case, holds) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        plan.migrations[0].hold_dates = holds.iter().map(|d| d.to_string()).collect();
        let routing = route(&plan);
        let s = split_of(&plan, &[]);
        let w = plan.lane("flows-ses").unwrap().warmup.clone().unwrap();
        let cal = calendar(&w, &lane_wanted(&plan, &routing, "flows-ses"), 30).unwrap();
        let on = |date: &str| cal.days.iter().find(|d| d.date == date).unwrap();
        // The simulation's new lane, whose gates pass with the defaults.
        let run = run_of(&plan, &routing, 21, &|_| Vec::new());
        let new_lane = run.lanes.iter().find(|l| l.lane_id == "flows-ses").unwrap();
        let sim = |date: &str| new_lane.days.iter().find(|d| d.date == date).unwrap();
        for d in s.days.iter().filter(|d| d.kind != DayKind::Complete) {
            let Some(step) = d.step else {
                // Nothing moved yet: the lane has no mail of its own.
                continue;
            };
            let c = on(&d.date);
            assert_eq!((c.step, c.cap), (Some(step), d.cap), "{case}: {}", d.date);
            let sim_cap = sim(&d.date).cap;
            assert_eq!(sim_cap, d.cap.map(|c| c as f64), "{case}: {}", d.date);
            if d.kind == DayKind::Held {
                assert!(c.note.contains("hold date"), "{case}: {}", c.note);
            }
        }
        assert_eq!(s.days.len(), 8 + holds.len(), "{case}");
    }
}

/// The Checklist tab builds each migration's steps with the imported
/// delivery data: with failed days of the new lane, the move's first day,
/// its cutover and the old lane's grace period and removal are the
/// schedule's dates, the Migrations card's, not the split's as planned.
#[test]
fn the_checklists_migration_dates_are_the_schedules() {
    use switchyard::monitor::health::health;
    use switchyard::review::migration::{reports, schedule};
    let days: Vec<String> = (6..=20).map(|d| format!("2027-09-{d:02}")).collect();
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    // (case, the new lane's failed days, the days the schedule is late)
    let cases: [(&str, &[&str], i64); 4] = [
        ("no failed day", &[], 0),
        ("one failed day", &["2027-09-07"], 1),
        ("two failed days", &["2027-09-07", "2027-09-09"], 2),
        ("a failed first day", &[START], 1),
    ];
    for (case, failed, late) in cases {
        let plan = plan_with(WarmupPreset::BrazeModerate);
        let routing = route(&plan);
        let m = &plan.migrations[0];
        let data = health(&plan, &delivery::failing_on("flows-ses", &days, failed));
        let scheduled = schedule(&plan, &routing, m, Some(&data)).unwrap();
        let done = scheduled.completes_on.clone().unwrap();
        let planned = split_of(&plan, &[]).completes_on.unwrap();
        assert_eq!((day(&done) - day(&planned)).num_days(), late, "{case}");
        let grace = chrono::Days::new(u64::from(m.grace_days));
        let after = day(&done).checked_add_days(grace).unwrap().to_string();
        let first = scheduled.first_day.clone().unwrap();
        // As the Checklist tab builds them.
        let all = records(&plan);
        let shown = reports(&plan, &routing, &all, None, day("2027-08-01"), Some(&data));
        let r = &shown[0];
        assert_eq!(r.split.as_ref(), Some(&scheduled), "{case}");
        assert_eq!(r.remove_after.as_deref(), Some(after.as_str()), "{case}");
        // (the step, its date)
        let dated = [
            (StepKind::FirstDay, first.as_str()),
            (StepKind::Cutover, done.as_str()),
            (StepKind::KeepOldRecords, after.as_str()),
            (StepKind::RemoveOldRecords, after.as_str()),
        ];
        for (kind, date) in dated {
            assert_eq!(due(r, kind), date, "{case}: {kind:?}");
        }
    }
}

/// The move completes once the new lane's cap covers its busiest day as
/// its warm-up calendar counts it, as the Warm-up tab does: a one-off
/// dated outside the calendar goes out on none of its days, so it holds
/// the move back no more than a journey without mail; one dated within
/// it, or without a date, which may go out any day, does.
#[test]
fn a_one_off_outside_the_new_lanes_calendar_does_not_hold_the_move_back() {
    // The new lane's calendar runs from START to 2028-10-09.
    let mut quiet = plan_with(WarmupPreset::BrazeModerate);
    let winback = quiet.journeys.iter().position(|j| j.id == "winback");
    let winback = winback.unwrap();
    quiet.journeys[winback].daily_volume = 0;
    let without = split_of(&quiet, &[]).completes_on.unwrap();
    // (the winback's send date, whether its 40,000 hold the move back)
    let cases = [
        (Some("2027-09-01"), false),
        (Some("2028-10-10"), false),
        (Some("2030-01-01"), false),
        (Some(START), true),
        (Some("2027-10-05"), true),
        (Some("2028-10-09"), true),
        (None, true),
    ];
    for (date, holds) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        plan.journeys[winback].daily_volume = 40_000;
        plan.journeys[winback].trigger = Trigger::Scheduled {
            cadence: Cadence::OneOff,
            send_day: None,
            send_date: date.map(str::to_string),
        };
        let s = split_of(&plan, &[]);
        let w = plan.lane("flows-ses").unwrap().warmup.clone().unwrap();
        let busiest = s.moved.moving.and(&s.moved.staying).peak_for(&w);
        assert_eq!(busiest > 40_000, holds, "{date:?}: {busiest}");
        match holds {
            false => assert_eq!(
                s.completes_on.as_deref(),
                Some(without.as_str()),
                "{date:?}"
            ),
            true => assert!(
                s.completes_on
                    .as_ref()
                    .is_none_or(|d| day(d) > day(&without)),
                "{date:?}: {:?}",
                s.completes_on
            ),
        }
        // It completes on the first day whose cap covers that day.
        if let Some(last) = s.days.last().filter(|d| d.kind == DayKind::Complete) {
            assert!(last.cap.is_none_or(|c| c >= busiest), "{date:?}");
            let before = s.days.iter().rev().skip(1).find_map(|d| d.cap);
            assert!(before.is_none_or(|c| c < busiest), "{date:?}");
        }
    }
}

/// A one-off sent before the move's first day does not move: it is no
/// part of the moved mail, so it holds the move back no more than a
/// journey without mail, even on a day of the new lane's calendar.
#[test]
fn a_one_off_sent_before_the_move_does_not_hold_it_back() {
    let winback = |plan: &Plan| {
        plan.journeys
            .iter()
            .position(|j| j.id == "winback")
            .unwrap()
    };
    // (the winback's send date, whether its 40,000 hold the move back)
    let cases = [("2027-09-08", false), ("2027-09-13", true)];
    let mut quiet = plan_with(WarmupPreset::BrazeModerate);
    quiet.migrations[0].start_date = "2027-09-13".into();
    let w = winback(&quiet);
    quiet.journeys[w].daily_volume = 0;
    let without = split_of(&quiet, &[]).completes_on.unwrap();
    for (date, holds) in cases {
        let mut plan = quiet.clone();
        plan.journeys[w].daily_volume = 40_000;
        send_once(&mut plan, "winback", date);
        let s = split_of(&plan, &[]);
        assert_eq!(s.moved.one_off() == 40_000, holds, "{date}");
        let later = s
            .completes_on
            .as_ref()
            .is_none_or(|d| day(d) > day(&without));
        assert_eq!(later, holds, "{date}: {:?}", s.completes_on);
    }
}

/// A hold date is a sending day: when its health gates fail, the next
/// sending day repeats its step, as after any failed gate, and names it;
/// the delays count both the hold date and the failed gate. The schedule,
/// the simulated comparison and the run of the plan all hold it so, and
/// the run marks each held day of the new lane as the split does.
#[test]
fn a_hold_date_that_fails_its_gates_holds_the_next_sending_day() {
    use switchyard::monitor::health::health;
    use switchyard::review::migration::{imported_gates, schedule};
    use switchyard::simulate::MoveHold;
    let days: Vec<String> = (6..=24).map(|d| format!("2027-09-{d:02}")).collect();
    let days: Vec<&str> = days.iter().map(String::as_str).collect();
    // (case, hold dates, failed days, the next sending day after the
    // holds, its step, the day whose gate holds it, the days late against
    // the holds alone)
    type Case = (
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
        (&'static str, u32, Option<&'static str>),
        i64,
    );
    let cases: [Case; 4] = [
        (
            "a hold date that passes",
            &["2027-09-08"],
            &[],
            ("2027-09-09", 2, None),
            0,
        ),
        (
            "a hold date that fails",
            &["2027-09-08"],
            &["2027-09-08"],
            ("2027-09-09", 1, Some("2027-09-08")),
            1,
        ),
        (
            "two hold dates, the first failing",
            &["2027-09-08", "2027-09-09"],
            &["2027-09-08"],
            ("2027-09-10", 1, Some("2027-09-08")),
            1,
        ),
        (
            "a failed day, then a hold date that fails",
            &["2027-09-09"],
            &["2027-09-08", "2027-09-09"],
            ("2027-09-10", 2, Some("2027-09-09")),
            1,
        ),
    ];
    for (case, holds, failed, (next, step, held_by), late) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        plan.migrations[0].hold_dates = holds.iter().map(|d| d.to_string()).collect();
        let routing = route(&plan);
        let m = &plan.migrations[0];
        let data = health(&plan, &delivery::failing_on("flows-ses", &days, failed));
        let known = imported_gates(&plan, Some(&data), &m.to_lane);
        let s = schedule(&plan, &routing, m, Some(&data)).unwrap();
        let at = |date: &str| s.days.iter().find(|d| d.date == date).unwrap();
        for hold in holds {
            let d = at(hold);
            assert_eq!(d.kind, DayKind::Held, "{case}: {hold}");
            assert_eq!(d.gate_failed, failed.contains(hold), "{case}: {hold}");
        }
        assert_eq!(at(next).kind, DayKind::Moving, "{case}");
        assert_eq!(at(next).step, Some(step), "{case}");
        assert_eq!(at(next).held_by_gate.as_deref(), held_by, "{case}");
        assert_eq!(s.count(Cause::Held), holds.len() as u32, "{case}");
        assert_eq!(s.count(Cause::GateFailed), failed.len() as u32, "{case}");
        let held_only = split_of(&plan, &[]).completes_on.unwrap();
        let done = s.completes_on.clone().unwrap();
        assert_eq!((day(&done) - day(&held_only)).num_days(), late, "{case}");
        // The comparison on the card goes by the same schedule.
        let c = compare(&plan, &routing, m, &known).unwrap();
        assert_eq!(
            c.planned_completes_on.as_deref(),
            Some(done.as_str()),
            "{case}"
        );
        assert_eq!(c.imported_gates, failed.to_vec(), "{case}");
        assert_eq!(c.hold_dates, holds.to_vec(), "{case}");
        // The run of the plan holds the new lane's ramp as the split does,
        // and marks the days the split holds.
        let gates = |l: &str| imported_gates(&plan, Some(&data), l);
        let run = run_of(&plan, &routing, 30, &gates);
        let new_lane = run.lanes.iter().find(|l| l.lane_id == "flows-ses").unwrap();
        for d in s.days.iter().filter(|d| d.kind != DayKind::Complete) {
            let sim = new_lane.days.iter().find(|x| x.date == d.date).unwrap();
            if d.kind == DayKind::Moving {
                assert_eq!(sim.cap, d.cap.map(|c| c as f64), "{case} {}", d.date);
            }
            let marked = match d.kind {
                DayKind::Held => Some(MoveHold::HoldDate),
                _ => d.held_by_gate.clone().map(MoveHold::Imported),
            };
            assert_eq!(sim.move_held, marked, "{case} {}", d.date);
        }
    }
}

/// A day imported delivery data failed the new lane's gates after the
/// move completed holds nothing: the new lane is warm, so the run marks
/// no held day and the one-day cutover is not held by it either, and the
/// ramp's gain is what the ramp makes. Before completion it holds both.
#[test]
fn a_failed_day_after_the_move_completes_holds_neither_run() {
    use switchyard::simulate::MoveHold;
    let plan = plan_with(WarmupPreset::BrazeModerate);
    let routing = route(&plan);
    let m = &plan.migrations[0];
    let base = compare(&plan, &routing, m, &[]).unwrap();
    assert_eq!(base.planned_completes_on.as_deref(), Some("2027-09-13"));
    // (case, the failed day, the next day, whether the gain is as without
    // it, whether the ramp's next day is marked held)
    let cases = [
        (
            "on the day it completes",
            "2027-09-13",
            "2027-09-14",
            true,
            false,
        ),
        ("the day after", "2027-09-14", "2027-09-15", true, false),
        ("a week after", "2027-09-20", "2027-09-21", true, false),
        (
            "before it completes",
            "2027-09-10",
            "2027-09-11",
            false,
            true,
        ),
    ];
    for (case, failed, next, same, marked) in cases {
        let c = compare(&plan, &routing, m, &[day(failed)]).unwrap();
        let gain = (c.ramp_gain - base.ramp_gain).abs() < 0.01;
        assert_eq!(gain, same, "{case}: {} {}", c.ramp_gain, base.ramp_gain);
        let d = c
            .ramp
            .new_lane
            .days
            .iter()
            .find(|d| d.date == next)
            .unwrap();
        let held = Some(MoveHold::Imported(failed.to_string()));
        assert_eq!(d.move_held == held, marked, "{case}: {:?}", d.move_held);
    }
}

/// A hold date imported delivery data failed says so, as the Migrations
/// card does; a hold date that passed does not.
#[test]
fn a_hold_date_that_fails_its_imported_gates_says_so() {
    let cases: [(&str, &[&str], bool); 2] = [
        ("a hold date that passes", &[], false),
        ("a hold date that fails", &["2027-09-08"], true),
    ];
    for (case, failed, says) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        plan.migrations[0].hold_dates = vec!["2027-09-08".into()];
        let routing = route(&plan);
        let known: Vec<NaiveDate> = failed.iter().map(|d| day(d)).collect();
        let run = run_of(&plan, &routing, 21, &|_| known.clone());
        let new_lane = run.lanes.iter().find(|l| l.lane_id == "flows-ses").unwrap();
        let d = new_lane
            .days
            .iter()
            .find(|d| d.date == "2027-09-08")
            .unwrap();
        assert_eq!(d.imported_failed, says, "{case}");
        assert!(new_lane.days.iter().filter(|d| d.imported_failed).count() <= 1);
    }
}

#[test]
fn each_lane_names_the_moves_onto_it_and_off_it() {
    // (first day, words on the old lane, words on the new lane)
    let cases = [
        (
            "2027-10-04",
            "Moves to Promotional, planned first day 2027-10-04: 7 journeys, 11,000 a day (migration-1).",
            "Moves in from Revenue flows, planned first day 2027-10-04: 7 journeys, 11,000 a day (migration-1).",
        ),
        (
            "",
            "Moves to Promotional, no first day yet: 7 journeys, 11,000 a day (migration-1).",
            "Moves in from Revenue flows, no first day yet: 7 journeys, 11,000 a day (migration-1).",
        ),
    ];
    for (start, off, onto) in cases {
        let plan = flows_to_promotional(start);
        let routing = route(&plan);
        let words = |lane: &str| -> Vec<String> {
            (lane_moves(&plan, &routing, lane).iter())
                .map(|mv| lane_move_words(&plan, mv))
                .collect()
        };
        assert_eq!(words("revenue-flows"), [off], "{start:?}");
        assert_eq!(words("promotional"), [onto], "{start:?}");
        assert!(words("transactional").is_empty(), "{start:?}");
    }
    // A move whose lanes are one and the same, or gone, moves nothing.
    let mut plan = flows_to_promotional("2027-10-04");
    plan.migrations[0].to_lane = "revenue-flows".into();
    assert!(lane_moves(&plan, &route(&plan), "revenue-flows").is_empty());
    plan.migrations[0].to_lane = "gone".into();
    assert!(lane_moves(&plan, &route(&plan), "revenue-flows").is_empty());
}

#[test]
fn once_the_move_completes_a_day_the_new_lane_does_not_send_keeps_the_mail_off_the_old_lane() {
    // The sample's promotional warm-up skips 2027-10-11, well after the
    // move of the revenue flows completes.
    let plan = flows_to_promotional("2027-09-13");
    let routing = route(&plan);
    let split = split(&plan, &routing, &plan.migrations[0], &[]).unwrap();
    let done = split.completes_on.clone().unwrap();
    assert!(done.as_str() < "2027-10-11", "{done}");
    let c = compare(&plan, &routing, &plan.migrations[0], &[]).unwrap();
    let on = |run: &[switchyard::simulate::LaneDay], date: &str| {
        run.iter().find(|d| d.date == date).unwrap().clone()
    };
    let (old, new) = (&c.ramp.old_lane.days, &c.ramp.new_lane.days);
    // (date, what the old lane is asked for, whether the new lane sends)
    let cases = [
        // A weekend before the move completes: the old lane keeps the
        // moved mail, as the split's table has it.
        ("2027-09-18", 11_000.0, false),
        // The skipped date after it: the mail is the new lane's, which
        // sends none of it that day, as its warm-up calendar says.
        ("2027-10-11", 0.0, false),
    ];
    for (date, asked, sends) in cases {
        assert_eq!(on(new, date).sending, sends, "{date}");
        let requested = on(old, date).requested;
        assert!((requested - asked).abs() < 1.0, "{date}: {requested}");
    }
    let skipped = on(new, "2027-10-11");
    assert!(skipped.requested >= 11_000.0, "{}", skipped.requested);
    // The split's table agrees on the day before completion.
    let weekend = split.days.iter().find(|d| d.date == "2027-09-18").unwrap();
    assert_eq!((weekend.new_lane, weekend.old_lane), (0, 11_000));
}

#[test]
fn a_moves_comparison_runs_the_plans_other_moves_as_planned() {
    // Two moves off Promotional from one day: the weekly promotion onto
    // Revenue flows, warm, which takes it at once, and the newsletter onto
    // Transactional.
    let off_promotional = |id: &str, journey: &str, to: &str| Migration {
        whole_lane: false,
        journeys: vec![journey.into()],
        start_date: "2027-09-13".into(),
        ..Migration::new(id, "promotional", to)
    };
    let newsletter = off_promotional("newsletter-move", "newsletter", "transactional");
    let promo = off_promotional("promo-move", "weekly-promo", "revenue-flows");
    let mut alone = sample_plan();
    alone.migrations.push(newsletter.clone());
    let mut both = sample_plan();
    both.migrations.extend([promo, newsletter]);
    // What the newsletter's comparison asks of Promotional on a day.
    let old_lane_asked = |plan: &Plan| {
        let c = compare(plan, &route(plan), plan.migrations.last().unwrap(), &[]).unwrap();
        let day = |s: &switchyard::simulate::migration::Scenario| s.old_lane.days[1].requested;
        (day(&c.ramp), day(&c.cutover))
    };
    // Alone, Promotional keeps its weekly promotion's days' worth; beside
    // the other move, in both scenarios, it has left.
    assert_eq!(old_lane_asked(&alone), (18_000.0, 18_000.0));
    assert_eq!(old_lane_asked(&both), (0.0, 0.0));
}

#[test]
fn a_move_before_the_new_lanes_warm_up_starts_ramps_it_from_the_moves_first_day() {
    // Promotional's warm-up starts on 2027-09-06, months after the move.
    let plan = flows_to_promotional("2027-01-11");
    let routing = route(&plan);
    let split = split(&plan, &routing, &plan.migrations[0], &[]).unwrap();
    let c = compare(&plan, &routing, &plan.migrations[0], &[]).unwrap();
    // The simulated ramp sends from the move's first day and completes
    // when the split does, as the split counts the ramp from that day.
    assert!(
        c.ramp.new_totals.accepted > 100_000.0,
        "{}",
        c.ramp.new_totals.accepted
    );
    assert!(c.cutover.new_totals.accepted > 100_000.0);
    assert_eq!(c.ramp_completes_on, split.completes_on);
    assert_eq!(split.completes_on.as_deref(), Some("2027-01-25"));
}

#[test]
fn a_move_customer_io_cannot_route_says_which_journeys_and_what_to_do() {
    let mut plan = sample_plan();
    plan.platform.kind = Platform::CustomerIo;
    // The weekly promotion leaves; the newsletter, of its message type,
    // would stay on Promotional, but Customer.io moves the type whole.
    plan.migrations.push(Migration {
        whole_lane: false,
        journeys: vec!["weekly-promo".into()],
        start_date: "2027-09-13".into(),
        ..Migration::new("promo-move", "promotional", "revenue-flows")
    });
    let all = lint(&plan, &route(&plan));
    let found = all.iter().find(|d| d.code == "lint.migration_unroutable");
    let d = found.unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(
        d.message,
        "Customer.io moves a type whole, so migration “promo-move” also moves 1 journey it leaves on Promotional: “Roaster's newsletter”; in all, Newsletters moves 27,000 messages a day."
    );
    // Transactional API mail goes through the All Emails server, the
    // receipts' lane: no way out for a promotion.
    assert!(!d.hint.contains("transactional API"), "{}", d.hint);
}

/// A day the old lane does not send (a weekday its ramp leaves out while
/// it warms, or one of its skipped dates) is marked on the split with what
/// becomes of the moved mail left on it, as the old lane's calendar and
/// the simulation have it: the new lane takes its share all the same, and
/// the rest stays on the old lane, which does not send it that day.
#[test]
fn a_day_the_old_lane_does_not_send_is_marked_as_the_simulation_runs_it() {
    use switchyard::review::migration::schedule;
    use switchyard::warmup::migration::OldLaneOff;
    // (first day, the old lane's overflow, dates with what the split says
    // of the old lane that day)
    type Case = (
        &'static str,
        Overflow,
        &'static [(&'static str, Option<OldLaneOff>)],
    );
    let cases: [Case; 2] = [
        (
            // The old lane still warms, so it leaves out the weekend.
            "2027-09-13",
            Overflow::Suppress,
            &[
                ("2027-09-17", None),
                ("2027-09-18", Some(OldLaneOff::NotSent)),
                ("2027-09-19", Some(OldLaneOff::NotSent)),
                ("2027-09-20", None),
            ],
        ),
        (
            // Warm by then, it sends at the weekend, but not on its
            // skipped date; what it defers waits for its next day.
            "2027-10-04",
            Overflow::Defer,
            &[
                ("2027-10-09", None),
                ("2027-10-10", None),
                ("2027-10-11", Some(OldLaneOff::Waits)),
                ("2027-10-12", None),
            ],
        ),
    ];
    for (start, overflow, days) in cases {
        let plan = promotions_to_a_new_lane(start, overflow);
        let routing = route(&plan);
        let m = &plan.migrations[0];
        let s = schedule(&plan, &routing, m, None).expect("a schedule");
        let c = compare(&plan, &routing, m, &[]).expect("a comparison");
        for &(date, expected) in days {
            let d = (s.days.iter().find(|d| d.date == date))
                .unwrap_or_else(|| panic!("{start}: no {date} in {:?}", s.completes_on));
            assert_eq!(d.old_lane_off, expected, "{start} {date}");
            let on = |run: &[switchyard::simulate::LaneDay]| {
                run.iter().find(|x| x.date == date).unwrap().clone()
            };
            let (old, new) = (on(&c.ramp.old_lane.days), on(&c.ramp.new_lane.days));
            // The simulation agrees: the old lane sends or not as marked,
            // is asked for what the table leaves on it, and the new lane
            // sends its share.
            assert_eq!(
                old.sending,
                expected.is_none() && d.old_lane > 0,
                "{start} {date}"
            );
            let asked = old.requested - old.deferred;
            assert!(
                (asked - d.old_lane as f64).abs() < 1.0,
                "{start} {date}: {asked} {}",
                d.old_lane
            );
            assert!(
                (new.accepted - d.new_lane as f64).abs() < 1.0,
                "{start} {date}: {} {}",
                new.accepted,
                d.new_lane
            );
        }
    }
    // An old lane without a warm-up sends every day.
    let plan = flows_to_promotional("2027-09-13");
    let s = schedule(&plan, &route(&plan), &plan.migrations[0], None).unwrap();
    assert!(s.days.iter().all(|d| d.old_lane_off.is_none()));
}

/// The sample's promotions moving from `START` to a new SES lane, whole or
/// as their two ticked journeys.
fn promotions_moving(whole: bool) -> Plan {
    let mut plan = promotions_to_a_new_lane(START, Overflow::Suppress);
    if !whole {
        plan.migrations[0].whole_lane = false;
        plan.migrations[0].journeys = vec!["weekly-promo".into(), "newsletter".into()];
    }
    plan
}

/// Everything a move shows, for comparing a plan before and after its
/// cutover: the split, both lanes' calendars, the lanes' words for the
/// move with the warm-up findings, the simulated comparison, and whether
/// the cutover step is done.
type Shown = (
    Split,
    Vec<switchyard::warmup::calendar::Calendar>,
    Vec<String>,
    switchyard::simulate::migration::Comparison,
    bool,
);

fn shown(plan: &Plan) -> Shown {
    use switchyard::warmup::calendar::calendar;
    use switchyard::warmup::migration::lane_wanted;
    let routing = route(plan);
    let m = &plan.migrations[0];
    let lanes = [m.from_lane.as_str(), m.to_lane.as_str()];
    let calendars = (lanes.iter())
        .map(|lane| {
            let w = plan.lane(lane).unwrap().warmup.clone().unwrap();
            calendar(&w, &lane_wanted(plan, &routing, lane), 150).unwrap()
        })
        .collect();
    let mut words: Vec<String> = (lanes.iter())
        .flat_map(|lane| lane_moves(plan, &routing, lane))
        .map(|mv| lane_move_words(plan, &mv))
        .collect();
    words.extend(
        (lint(plan, &routing).into_iter())
            .filter(|d| d.code.starts_with("warmup."))
            .map(|d| format!("{} {} {}", d.code, d.path, d.message)),
    );
    let r = report_on(plan, "2027-08-01", None);
    (
        split(plan, &routing, m, &[]).unwrap(),
        calendars,
        words,
        compare(plan, &routing, m, &[]).unwrap(),
        step(&r, StepKind::Cutover).done,
    )
}

/// A cutover of `promotions_moving`, as the plan makes it.
type Cut = fn(&mut Plan);

/// The cutover by the broadcasts' rule and the default lane.
fn cut_by_rule(p: &mut Plan) {
    edit_plan(
        p,
        Edit::Rule {
            rule: "rule-broadcasts".into(),
            set: switchyard::plan::edit::RuleField::Lane("promo-ses".into()),
        },
    );
    edit_plan(p, Edit::SetDefaultLane(Some("promo-ses".into())));
}

/// The cutover by each broadcast's own lane.
fn cut_by_overrides(p: &mut Plan) {
    for j in p.journeys.iter_mut().filter(|j| j.intent.is_broadcast()) {
        j.lane_override = Some("promo-ses".into());
    }
}

/// The cutover is the move's last step, not the end of what it moves: a
/// move cut over early, by the routing rule and the default lane or by
/// overrides, moves the same journeys on the same days, in its split, both
/// lanes' calendars, the Overview's and report's words and the simulation,
/// and only its cutover step is done.
#[test]
fn a_cutover_changes_nothing_of_what_the_move_moves() {
    let (rule_and_default, overrides): (Cut, Cut) = (cut_by_rule, cut_by_overrides);
    // (the whole lane moves, the cutover)
    let cases: [(bool, Cut); 4] = [
        (true, rule_and_default),
        (true, overrides),
        (false, rule_and_default),
        (false, overrides),
    ];
    for (whole, cut) in cases {
        let before = promotions_moving(whole);
        let (split, calendars, words, comparison, done) = shown(&before);
        assert_eq!(split.moved.journeys, ["weekly-promo", "newsletter"]);
        assert!(!done, "{whole}");
        let mut after = before.clone();
        cut(&mut after);
        assert_ne!(route(&after), route(&before), "{whole}: the cutover routes");
        let (split2, calendars2, words2, comparison2, done2) = shown(&after);
        assert_eq!(split2, split, "{whole}");
        assert_eq!(calendars2, calendars, "{whole}");
        assert_eq!(words2, words, "{whole}");
        assert_eq!(comparison2, comparison, "{whole}");
        assert!(done2, "{whole}: the cutover step is done");
    }
}

/// A whole-lane move cut over leaves the new lane's own mail from before
/// the cutover nowhere to be told apart: once the old lane has no journey,
/// every journey on the new lane is what moves. Before, only the old
/// lane's journeys move, and the new lane's own stay.
#[test]
fn a_whole_lane_cut_over_moves_the_new_lanes_journeys() {
    // (winback's lane, the moved journeys)
    let cases: [(&str, &[&str]); 2] = [
        ("promo-ses", &["weekly-promo", "newsletter"]),
        ("revenue-flows", &["weekly-promo", "newsletter"]),
    ];
    for (winback, moved) in cases {
        let mut plan = promotions_moving(true);
        let j = plan
            .journeys
            .iter_mut()
            .find(|j| j.id == "winback")
            .unwrap();
        j.lane_override = Some(winback.into());
        let routing = route(&plan);
        assert_eq!(
            split(&plan, &routing, &plan.migrations[0], &[])
                .unwrap()
                .moved
                .journeys,
            moved
        );
        for j in plan.journeys.iter_mut().filter(|j| j.intent.is_broadcast()) {
            j.lane_override = Some("promo-ses".into());
        }
        let routing = route(&plan);
        let s = split(&plan, &routing, &plan.migrations[0], &[]).unwrap();
        let mut all: Vec<&str> = moved.to_vec();
        if winback == "promo-ses" {
            all.insert(0, "winback");
        }
        assert_eq!(s.moved.journeys, all, "{winback}");
    }
}

/// The lanes carry a move's mail on its old lane until it completes, as
/// its split does, so a move cut over early is carried there, whole or as
/// listed journeys, by a rule or by overrides, until the day it completes
/// (`carried_on`); a move without a first day moves nothing, so the plan's
/// routing stands, as it does for a move not cut over.
#[test]
fn a_move_cut_over_early_is_carried_on_its_old_lane_until_it_completes() {
    use switchyard::warmup::migration::carried_on;
    let unscheduled: Cut = |p| {
        p.migrations[0].start_date.clear();
        cut_by_rule(p);
    };
    let not_cut: Cut = |_| {};
    // (the whole lane moves, the cutover, today, the moved journeys' lane)
    let cases: [(bool, Cut, &str, &str); 13] = [
        (true, not_cut, "2027-09-10", "promotional"),
        (true, cut_by_rule, "2027-08-01", "promotional"),
        (true, cut_by_rule, "2027-09-10", "promotional"),
        (true, cut_by_rule, "2027-09-14", "promotional"),
        (true, cut_by_rule, COMPLETES, "promo-ses"),
        (true, cut_by_rule, "2027-12-01", "promo-ses"),
        (true, cut_by_overrides, "2027-09-10", "promotional"),
        (true, cut_by_overrides, COMPLETES, "promo-ses"),
        (false, cut_by_rule, "2027-09-10", "promotional"),
        (false, cut_by_rule, COMPLETES, "promo-ses"),
        (false, cut_by_overrides, "2027-09-10", "promotional"),
        (false, cut_by_overrides, "2027-12-01", "promo-ses"),
        (true, unscheduled, "2027-09-10", "promo-ses"),
    ];
    for (at, (whole, cut, today, lane)) in cases.into_iter().enumerate() {
        let mut plan = promotions_moving(whole);
        let s = split(&plan, &route(&plan), &plan.migrations[0], &[]).unwrap();
        assert_eq!(s.completes_on.as_deref(), Some(COMPLETES), "case {at}");
        cut(&mut plan);
        let routing = route(&plan);
        let carried = carried_on(&plan, &routing, day(today));
        for id in ["weekly-promo", "newsletter"] {
            let on = carried.route_of(id).and_then(|r| r.lane_id.as_deref());
            assert_eq!(on, Some(lane), "case {at}: {id}");
        }
        // Nothing else is carried elsewhere.
        let moved = |id: &str| ["weekly-promo", "newsletter"].contains(&id);
        for (route, planned) in carried.routes.iter().zip(&routing.routes) {
            if !moved(&route.journey_id) {
                assert_eq!(route, planned, "case {at}");
            }
        }
    }
}

/// The sample's flows moving to SES on Braze's moderate ramp, both of the
/// flows' rules cut over to SES before the move starts, so the plan routes
/// every journey the move takes to SES already.
fn flows_cut_over_early() -> Plan {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    for rule in ["rule-recovery", "rule-lifecycle"] {
        edit_plan(
            &mut plan,
            Edit::Rule {
                rule: rule.into(),
                set: switchyard::plan::edit::RuleField::Lane("flows-ses".into()),
            },
        );
    }
    let routing = route(&plan);
    let on = |r: &switchyard::plan::routing::Route| r.lane_id.as_deref() == Some("revenue-flows");
    assert!(!routing.routes.iter().any(on), "cut over");
    plan
}

/// The days of `flows_cut_over_early`'s move: (today, whether the move
/// still carries the flows on their old lane).
const CUT_EARLY_DAYS: [(&str, bool); 4] = [
    ("2027-08-30", true),
    (START, true),
    ("2027-09-09", true),
    ("2027-09-13", false),
];

/// The report's lane volumes follow the mail as the lanes carry it today,
/// as the split does: a move cut over early leaves its journeys' mail on
/// the old lane before it starts and while it ramps, and moves it to the
/// new lane the day it completes; the Routing table keeps the plan's lane
/// and says where the mail goes until then.
#[test]
fn the_report_gives_each_lane_the_mail_it_carries_today() {
    use switchyard::review::assess::assess;
    use switchyard::review::readiness::{report, Block, Inputs};
    let plan = flows_cut_over_early();
    assert_eq!(
        split_of(&plan, &[]).completes_on.as_deref(),
        Some("2027-09-13")
    );
    let held = "Flows on SES (on Revenue flows until the move completes on 2027-09-13)";
    for (today, on_old) in CUT_EARLY_DAYS {
        let f = findings(&plan, day(today), None);
        let r = report(&Inputs {
            plan: &plan,
            today: day(today),
            routing: &f.routing,
            carried: &f.carried,
            checklist: &f.checklist,
            assessment: &assess(&plan),
            records: None,
            dmarc_stage: &f.domains.stage,
            findings: &f.all,
            delivery: None,
            dmarc_reports: None,
        });
        let table = |column: &str| {
            (r.blocks.iter())
                .find_map(|b| match b {
                    Block::Table { head, rows } if head.iter().any(|h| h == column) => Some(rows),
                    _ => None,
                })
                .expect(column)
        };
        let volume = |lane: &str| {
            let row = table("Volume")
                .iter()
                .find(|row| row[0] == lane)
                .expect(lane);
            row[6].clone()
        };
        let (carrying, idle) = match on_old {
            true => ("Revenue flows", "Flows on SES"),
            false => ("Flows on SES", "Revenue flows"),
        };
        assert!(
            volume(carrying).starts_with("11,000 / day"),
            "{today}: {}",
            volume(carrying)
        );
        assert!(
            volume(idle).starts_with("0 / day"),
            "{today}: {}",
            volume(idle)
        );
        // Every journey the move takes is listed on its planned lane.
        let routes = table("Why");
        let moved = (routes.iter()).filter(|row| row[3].starts_with("Flows on SES"));
        assert_eq!(moved.clone().count(), 7, "{today}");
        for row in moved {
            assert_eq!(row[3] == held, on_old, "{today}: {}", row[3]);
        }
    }
}

/// A winback journey the plan routes to a lane not warm yet is told only
/// while that lane carries it: a move cut over early keeps it on its warm
/// old lane until the move completes.
#[test]
fn a_winback_a_move_keeps_on_its_warm_lane_is_not_told_as_on_a_cold_one() {
    let plan = flows_cut_over_early();
    for (today, on_old) in CUT_EARLY_DAYS {
        let f = findings(&plan, day(today), None);
        let told: Vec<&str> = (f.plan.iter())
            .filter(|d| d.code == "lint.winback_while_warming")
            .map(|d| d.message.as_str())
            .collect();
        let expected = match on_old {
            true => vec![],
            false => vec!["Winback after 90 days mails lapsed subscribers through Flows on SES, which is not warm yet."],
        };
        assert_eq!(told, expected, "{today}");
    }
    // The plan's routing alone is what the lanes carry once moves are done.
    let told = lint(&plan, &route(&plan));
    assert!(told.iter().any(|d| d.code == "lint.winback_while_warming"));
}

/// A move off a lane whose warm-up begins after the move's first day
/// starts when it begins, as the lane sends none of its mail before then:
/// the split, the figures and the simulation agree, and a finding says so
/// with a fix that plans the move for that day.
#[test]
fn a_move_off_a_lane_not_yet_warming_starts_when_it_begins() {
    // (the old lane's warm-up start, the split's first day, a finding)
    let cases = [
        ("2027-08-02", START, false),
        (START, START, false),
        ("2027-10-04", "2027-10-04", true),
    ];
    for (begins, first, flagged) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        plan.lanes[1].warmup = Some(WarmupPlan {
            start_date: begins.into(),
            ..WarmupPlan::default()
        });
        let routing = route(&plan);
        let m = &plan.migrations[0];
        let s = split(&plan, &routing, m, &[]).unwrap();
        assert_eq!(s.days[0].date, first, "{begins}");
        assert_eq!(s.first_day.as_deref(), Some(first), "{begins}");
        assert_eq!(s.moved.per_day(), 11_000, "{begins}");
        let delays = &figures(m, &s)[3].1;
        let said = delays.contains("before its warm-up begins on 2027-10-04");
        assert_eq!(said, flagged, "{begins}: {delays}");
        // The simulated new lane takes its first moved mail on the split's
        // first day, and none before.
        let c = compare(&plan, &routing, m, &[]).unwrap();
        let took = c.ramp.new_lane.days.iter().find(|d| d.accepted > 0.0);
        assert_eq!(took.map(|d| d.date.as_str()), Some(first), "{begins}");
        let found = lint(&plan, &routing);
        let finding = found
            .iter()
            .find(|d| d.code == "lint.migration_before_old_lane");
        assert_eq!(finding.is_some(), flagged, "{begins}");
        let Some(finding) = finding else {
            continue;
        };
        assert_eq!(finding.path, "$.migrations[0].start_date");
        assert!(
            finding.message.contains(
                "Revenue flows sends none of its mail before its warm-up begins on 2027-10-04"
            ),
            "{}",
            finding.message
        );
        edit_plan(&mut plan, Edit::Many(finding.fix.clone().unwrap().edits));
        assert_eq!(plan.migrations[0].start_date, "2027-10-04");
        assert!(!codes(&plan).contains(&"lint.migration_before_old_lane".to_string()));
        let after = split(&plan, &route(&plan), &plan.migrations[0], &[]).unwrap();
        assert_eq!(after.days, s.days, "the fix changes only the planned day");
    }
}

/// A peak left on a lane whose mail migrations have all moved off by its
/// date is a finding, whose fix moves the peak to the lane that carries
/// the mail then, or takes it off when that lane has no warm-up to ramp.
#[test]
fn a_peak_on_a_lane_emptied_by_its_date_moves_to_the_mails_new_lane() {
    type Setup = fn(&mut Plan);
    let none: Setup = |_| {};
    let same_day: Setup = |p| {
        let w = p.lanes[3].warmup.as_mut().unwrap();
        (w.target_date, w.target_volume) = ("2027-11-26".into(), 40_000);
    };
    let other_day: Setup = |p| {
        p.lanes[3].warmup.as_mut().unwrap().target_date = "2027-12-06".into();
    };
    let warm_without_warmup: Setup = |p| {
        (p.lanes[3].warmup, p.lanes[3].status) = (None, LaneStatus::Warm);
    };
    let late_move: Setup = |p| p.migrations[0].start_date = "2027-11-22".into();
    // (setup, finding, fix label, the new lane's peak after the fix)
    type Case = (
        Setup,
        bool,
        Option<&'static str>,
        Option<(&'static str, u64)>,
    );
    let cases: [Case; 5] = [
        (
            none,
            true,
            Some("Move the peak to Promotions on SES"),
            Some(("2027-11-26", 60_000)),
        ),
        (
            same_day,
            true,
            Some("Move the peak to Promotions on SES"),
            Some(("2027-11-26", 60_000)),
        ),
        (other_day, true, None, None),
        (
            warm_without_warmup,
            true,
            Some("Take the peak off Promotional"),
            None,
        ),
        (late_move, false, None, None),
    ];
    for (i, (setup, flagged, label, peak)) in cases.into_iter().enumerate() {
        let mut plan = promotions_to_a_new_lane(START, Overflow::Suppress);
        setup(&mut plan);
        let found = lint(&plan, &route(&plan));
        let finding = found.iter().find(|d| d.code == "warmup.peak_moved_off");
        assert_eq!(finding.is_some(), flagged, "case {i}");
        let Some(finding) = finding else {
            continue;
        };
        assert_eq!(finding.path, "$.lanes[2].warmup.target_date", "case {i}");
        assert!(
            finding
                .message
                .contains("migrations move all its mail to Promotions on SES before then"),
            "case {i}: {}",
            finding.message
        );
        let fix = finding.fix.clone();
        assert_eq!(fix.as_ref().map(|f| f.label.as_str()), label, "case {i}");
        let Some(fix) = fix else {
            continue;
        };
        edit_plan(&mut plan, Edit::Many(fix.edits));
        let old = plan.lanes[2].warmup.as_ref().unwrap();
        assert_eq!(old.target_date, "", "case {i}");
        assert!(
            old.target_volume > 0,
            "case {i}: the lane keeps its busiest day"
        );
        let new = plan.lanes[3].warmup.as_ref();
        let new_peak = new.map(|w| (w.target_date.as_str(), w.target_volume));
        assert_eq!(new_peak.filter(|_| peak.is_some()), peak, "case {i}");
        let after = lint(&plan, &route(&plan));
        assert!(
            !after.iter().any(|d| d.code == "warmup.peak_moved_off"),
            "case {i}"
        );
        assert!(
            !validate(&plan)
                .iter()
                .any(|d| d.code == "warmup.target_volume"),
            "case {i}"
        );
    }
}

/// Before the move's first day nothing has moved, so there is nothing to
/// roll back: the card says how to call the move off instead. From then
/// on the rollback routes the moved journeys back and clears the move's
/// first day, in one step, so the move stops taking them.
#[test]
fn a_rollback_stops_the_move_and_waits_for_mail_to_move() {
    // (today, a reason nothing can be rolled back yet)
    let cases = [
        (
            "2027-08-01",
            Some("Nothing has moved yet: mail starts to move on 2027-09-06."),
        ),
        (START, None),
        ("2027-10-01", None),
    ];
    for (today, reason) in cases {
        let mut plan = plan_with(WarmupPreset::BrazeModerate);
        let r = report_on(&plan, today, None);
        let not_yet = r.rollback.not_yet.as_deref();
        assert_eq!(
            not_yet.map(|n| n.split(" To call").next().unwrap()),
            reason,
            "{today}"
        );
        edit_plan(&mut plan, Edit::Many(r.rollback.edits.clone()));
        assert_eq!(plan.migrations[0].start_date, "", "{today}");
        let routing = route(&plan);
        assert!(split(&plan, &routing, &plan.migrations[0], &[]).is_none());
        for (id, _) in &r.rollback.journeys {
            let route = routing.routes.iter().find(|x| x.journey_id == *id).unwrap();
            assert_eq!(route.lane_id.as_deref(), Some("revenue-flows"), "{id}");
        }
    }
    // A move with no first day has nothing to roll back either.
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    plan.migrations[0].start_date.clear();
    let r = report_on(&plan, "2027-10-01", None);
    assert!(r.rollback.not_yet.is_some());
}

/// A name the plan gave a move from its lanes follows a lane renamed, by
/// hand or as its purpose's name follows a new purpose, numbered as
/// before; a typed name, and the moves of other lanes, stay.
#[test]
fn a_name_given_from_the_lanes_follows_a_lane_renamed() {
    use switchyard::plan::edit::{added_id, LaneField};
    // (the lane edit, the names after it)
    let cases: [(LaneField, [&str; 3]); 3] = [
        (
            LaneField::Name("Promotions (news)".into()),
            [
                "Promotional to Promotions (news)",
                "Promotional to Promotions (news) 2",
                "Black Friday move",
            ],
        ),
        (
            LaneField::Purpose(Purpose::Vip),
            [
                "Promotional to VIP lane",
                "Promotional to VIP lane 2",
                "Black Friday move",
            ],
        ),
        (
            LaneField::Owner("Brand marketing".into()),
            [
                "Promotional to Promotional lane",
                "Promotional to Promotional lane 2",
                "Black Friday move",
            ],
        ),
    ];
    for (set, names) in cases {
        let mut plan = sample_plan();
        let add = Edit::AddLane(Purpose::Promotional);
        let lane = added_id(&plan, &add).unwrap();
        edit_plan(&mut plan, add);
        for _ in 0..3 {
            let add = Edit::AddMigration {
                from_lane: "promotional".into(),
                to_lane: lane.clone(),
            };
            edit_plan(&mut plan, add);
        }
        let typed = plan.migrations[2].id.clone();
        let other = Edit::AddMigration {
            from_lane: "revenue-flows".into(),
            to_lane: "promotional".into(),
        };
        edit_plan(&mut plan, other);
        edit_plan(
            &mut plan,
            Edit::Migration {
                migration: typed,
                set: MigrationField::Name("Black Friday move".into()),
            },
        );
        edit_plan(
            &mut plan,
            Edit::Lane {
                lane: lane.clone(),
                set: set.clone(),
            },
        );
        let got: Vec<&str> = plan.migrations.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(got[..3], names, "{set:?}");
        assert_eq!(got[3], "Revenue flows to Promotional", "{set:?}");
    }
}

#[test]
fn a_cleared_name_goes_back_to_the_lanes_and_follows_them_again() {
    use switchyard::plan::edit::LaneField;
    let mut plan = sample_plan();
    let add = Edit::AddMigration {
        from_lane: "revenue-flows".into(),
        to_lane: "promotional".into(),
    };
    edit_plan(&mut plan, add);
    let id = plan.migrations[0].id.clone();
    // (the name typed, the name kept)
    let cases = [
        ("Flows to SES", "Flows to SES"),
        ("", "Revenue flows to Promotional"),
        ("   ", "Revenue flows to Promotional"),
    ];
    for (typed, kept) in cases {
        let set = MigrationField::Name(typed.into());
        let edit = Edit::Migration {
            migration: id.clone(),
            set,
        };
        edit_plan(&mut plan, edit);
        assert_eq!(plan.migrations[0].name, kept, "{typed:?}");
    }
    let rename = Edit::Lane {
        lane: "promotional".into(),
        set: LaneField::Name("Promotions".into()),
    };
    edit_plan(&mut plan, rename);
    assert_eq!(plan.migrations[0].name, "Revenue flows to Promotions");
}

/// A run that starts after a move began finds the move where it stands
/// that day, as a run from the move's first day has it, rather than
/// starting it again; without a first day of its own, the run starts on
/// the move's first day when that comes before any warm-up's.
#[test]
fn a_run_starting_after_a_move_began_finds_it_under_way() {
    let mut plan = sample_plan();
    plan.migrations.push(Migration {
        start_date: "2027-08-02".into(),
        ..Migration::new("early", "revenue-flows", "promotional")
    });
    let routing = route(&plan);
    let (settings, _) = switchyard::simulate::from_plan(&plan).unwrap();
    assert_eq!(settings.start_date, "2027-08-02");
    let moves: Vec<Move> = (planned_moves(&plan, &routing, &|_| Vec::new()).into_iter())
        .map(|(_, mv)| mv)
        .collect();
    let run_from = |start: &str, days: u32| {
        let settings = Settings {
            start_date: start.into(),
            days,
            ..Settings::default()
        };
        simulate_moves(&plan, &routing, &settings, &[], &moves).unwrap()
    };
    let whole = run_from("2027-08-02", 60);
    let later = run_from("2027-09-06", 10);
    for lane in ["revenue-flows", "promotional"] {
        let of = |run: &switchyard::simulate::Run| {
            let lane = run.lanes.iter().find(|l| l.lane_id == lane).unwrap();
            (lane.days.iter())
                .filter(|d| d.date.as_str() >= "2027-09-06" && d.date.as_str() < "2027-09-16")
                .map(|d| (d.date.clone(), d.requested))
                .collect::<Vec<_>>()
        };
        assert_eq!(of(&later), of(&whole), "{lane}");
    }
}

#[test]
fn hold_dates_before_the_first_day_are_named_and_removed_alone() {
    let mut plan = plan_with(WarmupPreset::BrazeModerate);
    let start = plan.migrations[0].start_date.clone();
    let after = "2027-12-01".to_string();
    for (holds, said) in [
        (
            vec!["2027-08-30".to_string(), after.clone()],
            "hold date 2027-08-30 before its first day",
        ),
        (
            vec![
                "2027-08-30".to_string(),
                "2027-09-01".to_string(),
                after.clone(),
            ],
            "hold dates 2027-08-30 and 2027-09-01 before its first day",
        ),
    ] {
        plan.migrations[0].hold_dates = holds;
        let found = lint(&plan, &route(&plan));
        let finding = (found.iter())
            .find(|d| d.code == "lint.migration_hold_before_start")
            .unwrap();
        assert!(finding.message.contains(said), "{}", finding.message);
        assert!(finding.message.contains(&start), "{}", finding.message);
        let mut fixed = plan.clone();
        edit_plan(&mut fixed, Edit::Many(finding.fix.clone().unwrap().edits));
        assert_eq!(fixed.migrations[0].hold_dates, std::slice::from_ref(&after));
    }
}
