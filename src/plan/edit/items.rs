//! Edits of journeys, rules and migrations.

use super::cadence::change_cadence;
use super::ids::{fresh_name, next_id, Added};
use super::{JourneyField, MigrationField, PeakField, RuleField};
use crate::plan::model::{
    Audience, Intent, Journey, Migration, PeakWindow, Plan, Rule, Trigger, TriggerKind,
};

pub(super) fn add_journey(plan: &mut Plan) {
    let id = next_id(plan, Added::Journey);
    let name = fresh_name("New journey", plan.journeys.iter().map(|j| j.name.as_str()));
    plan.journeys.push(Journey::new(&id, &name));
}

/// Sets one field of journey `id`. A journey still being set up (no
/// volume yet) whose trigger is as its intent usually starts follows a new
/// intent: a new journey picked as an order confirmation starts from an
/// event, not a weekly schedule. A journey that sends keeps its trigger.
pub(super) fn edit_journey(plan: &mut Plan, id: &str, set: JourneyField) {
    let platform = plan.platform.kind;
    let usual = |j: &Journey| Trigger::starting(j.intent.usual_trigger(platform));
    if let Some(journey) = plan.journeys.iter_mut().find(|j| j.id == id) {
        let follows = matches!(set, JourneyField::Intent(_))
            && journey.daily_volume == 0
            && journey.trigger == usual(journey);
        set_journey(journey, set);
        if follows {
            journey.trigger = usual(journey);
        }
    }
}

/// Removes a journey, and from the migrations that move it.
pub(super) fn delete_journey(plan: &mut Plan, id: &str) {
    plan.journeys.retain(|j| j.id != id);
    for migration in &mut plan.migrations {
        migration.journeys.retain(|j| j != id);
    }
}

pub(super) fn edit_rule(plan: &mut Plan, id: &str, set: RuleField) {
    if let Some(rule) = plan.rules.iter_mut().find(|r| r.id == id) {
        set_rule(rule, set);
    }
}

/// A migration named after its lanes, so a new card reads as what it
/// moves.
pub(super) fn add_migration(plan: &mut Plan, from_lane: &str, to_lane: &str) {
    let id = next_id(plan, Added::Migration);
    let base = move_name(plan, from_lane, to_lane);
    let name = fresh_name(&base, plan.migrations.iter().map(|m| m.name.as_str()));
    plan.migrations.push(Migration {
        name,
        ..Migration::new(&id, from_lane, to_lane)
    });
}

/// One field of the peak season, which the first edit creates.
pub(super) fn set_peak(plan: &mut Plan, set: PeakField) {
    let peak = plan.peak_window.get_or_insert_with(PeakWindow::default);
    match set {
        PeakField::Name(v) => peak.name = v.trim().to_string(),
        PeakField::Start(v) => peak.start = v.trim().to_string(),
        PeakField::End(v) => peak.end = v.trim().to_string(),
    }
}

fn set_journey(j: &mut Journey, set: JourneyField) {
    match set {
        JourneyField::Name(v) => j.name = v,
        JourneyField::Intent(v) => j.intent = v,
        JourneyField::TriggerKind(kind) if kind != j.trigger.kind() => {
            j.trigger = Trigger::starting(kind)
        }
        JourneyField::TriggerKind(_) => {}
        JourneyField::Trigger(v) => j.trigger = v,
        JourneyField::EventName(v) => {
            if let Trigger::Event { event_name, .. } = &mut j.trigger {
                *event_name = v;
            }
        }
        JourneyField::LatencyMinutes(v) => {
            if let Trigger::Event {
                latency_minutes, ..
            } = &mut j.trigger
            {
                *latency_minutes = v;
            }
        }
        JourneyField::DelayMinutes(v) => {
            if let Trigger::Event { delay_minutes, .. } = &mut j.trigger {
                *delay_minutes = v;
            }
        }
        JourneyField::Segment(v) => {
            if let Trigger::SegmentEntry { segment } = &mut j.trigger {
                *segment = v;
            }
        }
        // With nothing set aside to bring back.
        JourneyField::Cadence(v) => change_cadence(&mut j.trigger, v, None, None),
        JourneyField::CadenceWith {
            cadence,
            send_day,
            send_date,
        } => change_cadence(&mut j.trigger, cadence, send_day, send_date),
        JourneyField::SendDay(v) => {
            if let Trigger::Scheduled { send_day, .. } = &mut j.trigger {
                *send_day = v;
            }
        }
        JourneyField::SendDate(v) => {
            if let Trigger::Scheduled { send_date, .. } = &mut j.trigger {
                let v = v.trim();
                *send_date = Some(v.to_string()).filter(|_| !v.is_empty());
            }
        }
        JourneyField::Broadcast(v) => {
            if let Trigger::ApiBroadcast { broadcast } = &mut j.trigger {
                *broadcast = v;
            }
        }
        JourneyField::TransactionalMessage(v) => {
            if let Trigger::TransactionalApi { message } = &mut j.trigger {
                *message = v;
            }
        }
        JourneyField::DailyVolume(v) => j.daily_volume = v,
        // Revenue is in dollars and cents, as the field steps and the pages
        // show it, so a typed 1.999 is kept as the $2.00 shown.
        JourneyField::RevenuePerRecipient(v) if v.is_finite() && v >= 0.0 => {
            j.revenue_per_recipient = (v * 100.0).round() / 100.0
        }
        JourneyField::RevenuePerRecipient(_) => {}
        JourneyField::Audience(v) => j.audience = v,
        JourneyField::OwningTeam(v) => j.owning_team = v,
        JourneyField::Tags(v) => j.tags = v,
        JourneyField::LaneOverride(v) => j.lane_override = v.filter(|s| !s.is_empty()),
    }
}

pub(super) fn add_rule(plan: &mut Plan) {
    let id = next_id(plan, Added::Rule);
    let lane = plan
        .default_lane
        .clone()
        .or_else(|| plan.lanes.first().map(|l| l.id.clone()))
        .unwrap_or_default();
    // Named as no rule is, and not by a number, which would read as the
    // rule's place in the list once it moves.
    let taken = |name: &str| {
        plan.rules
            .iter()
            .any(|r| r.name.trim().eq_ignore_ascii_case(name))
    };
    let name = (1u32..)
        .map(|n| match n {
            1 => "New rule".to_string(),
            n => format!("New rule {n}"),
        })
        .find(|name| !taken(name))
        .unwrap_or_default();
    plan.rules.push(Rule {
        id,
        name,
        enabled: true,
        when: Default::default(),
        lane,
    });
}

fn set_rule(rule: &mut Rule, set: RuleField) {
    // `None` clears a bound; a negative or endless amount is refused.
    let money = |v: Option<f64>| v.is_none_or(|n| n.is_finite() && n >= 0.0);
    let w = &mut rule.when;
    match set {
        RuleField::Name(v) => rule.name = v,
        RuleField::Enabled(v) => rule.enabled = v,
        RuleField::Lane(v) => rule.lane = v,
        RuleField::Intent { intent, on } => toggle(&Intent::ALL, &mut w.intents, intent, on),
        RuleField::TriggerKind { kind, on } => {
            toggle(&TriggerKind::ALL, &mut w.trigger_kinds, kind, on)
        }
        RuleField::Audience { audience, on } => {
            toggle(&Audience::ALL, &mut w.audiences, audience, on)
        }
        RuleField::MinRevenue(v) if money(v) => w.min_revenue_per_recipient = v,
        RuleField::MaxRevenue(v) if money(v) => w.max_revenue_per_recipient = v,
        RuleField::MinRevenue(_) | RuleField::MaxRevenue(_) => {}
        RuleField::Tags(v) => w.tags = v,
        RuleField::ClearTeams => w.owning_teams.clear(),
    }
}

/// Ticking a choice adds it, unticking removes it; the list keeps the order
/// of the choices, as the boxes show them.
fn toggle<T: PartialEq + Copy>(all: &[T], list: &mut Vec<T>, item: T, on: bool) {
    *list = all
        .iter()
        .copied()
        .filter(|x| if *x == item { on } else { list.contains(x) })
        .collect();
}

/// The name a new move gets from its lanes: "Revenue flows to Promotional".
fn move_name(plan: &Plan, from_lane: &str, to_lane: &str) -> String {
    format!(
        "{} to {}",
        plan.lane_name(from_lane),
        plan.lane_name(to_lane)
    )
}

/// Whether move `m` still has the name the plan gave it from its lanes'
/// names, with the number that told copies apart: one the user never
/// edited, which follows the lanes.
pub fn named_by_plan(plan: &Plan, m: &Migration) -> bool {
    let given = move_name(plan, &m.from_lane, &m.to_lane);
    m.name == given
        || (m.name.strip_prefix(given.as_str()))
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|n| n.parse::<u32>().is_ok())
}

/// The ids of the moves to or from `lane` named by the plan
/// (`named_by_plan`), to name again after an edit of the lane.
pub(super) fn moves_named_by_plan(plan: &Plan, lane: &str) -> Vec<String> {
    (plan.migrations.iter())
        .filter(|m| (m.from_lane == lane || m.to_lane == lane) && named_by_plan(plan, m))
        .map(|m| m.id.clone())
        .collect()
}

/// Names the moves `ids` from their lanes as they are now, numbered past
/// the other moves' names.
pub(super) fn name_moves(plan: &mut Plan, ids: &[String]) {
    for id in ids {
        let Some(i) = plan.migrations.iter().position(|m| m.id == *id) else {
            continue;
        };
        let m = &plan.migrations[i];
        let base = move_name(plan, &m.from_lane, &m.to_lane);
        let others = (plan.migrations.iter())
            .filter(|other| other.id != *id)
            .map(|other| other.name.as_str());
        plan.migrations[i].name = fresh_name(&base, others);
    }
}

/// Sets a move's lane. A name the plan gave the move from its lanes (with
/// the number that told copies apart) follows the new lanes; a name the
/// user typed stays.
fn set_migration_lane(plan: &mut Plan, id: &str, set: MigrationField) {
    let Some(m) = plan.migrations.iter().find(|m| m.id == id) else {
        return;
    };
    let named = named_by_plan(plan, m);
    let Some(m) = plan.migrations.iter_mut().find(|m| m.id == id) else {
        return;
    };
    match set {
        MigrationField::FromLane(v) => m.from_lane = v,
        MigrationField::ToLane(v) => m.to_lane = v,
        _ => return,
    }
    if named {
        name_moves(plan, &[id.to_string()]);
    }
}

pub(super) fn set_migration(plan: &mut Plan, id: &str, set: MigrationField) {
    if matches!(set, MigrationField::FromLane(_) | MigrationField::ToLane(_)) {
        return set_migration_lane(plan, id, set);
    }
    // A cleared name goes back to the one the plan gives from the lanes,
    // which then follows them again.
    if matches!(&set, MigrationField::Name(v) if v.trim().is_empty()) {
        return name_moves(plan, &[id.to_string()]);
    }
    let journeys: Vec<String> = plan.journeys.iter().map(|j| j.id.clone()).collect();
    let Some(m) = plan.migrations.iter_mut().find(|m| m.id == id) else {
        return;
    };
    match set {
        MigrationField::Name(v) => m.name = v,
        MigrationField::FromLane(_) | MigrationField::ToLane(_) => {}
        MigrationField::WholeLane(v) => m.whole_lane = v,
        MigrationField::Journey { journey, on } if journeys.contains(&journey) => {
            // Rebuilt in the plan's journey order, as the boxes show them.
            m.journeys = journeys
                .into_iter()
                .filter(|j| {
                    if *j == journey {
                        on
                    } else {
                        m.journeys.contains(j)
                    }
                })
                .collect();
        }
        MigrationField::Journey { .. } => {}
        MigrationField::StartDate(v) => m.start_date = v.trim().to_string(),
        MigrationField::HoldDates(v) => m.hold_dates = v,
        MigrationField::HoldDate(change) => change.apply(&mut m.hold_dates),
        MigrationField::GraceDays(v) => m.grace_days = v,
        MigrationField::Rollback(v) => m.rollback = v,
    }
}
