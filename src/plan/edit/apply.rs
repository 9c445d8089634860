//! `edit_plan`, which applies one edit: a table from each edit to the
//! function that makes it, and the ids of the items edits add.

use super::{
    items, lanes, sections, Direction, Edit, JourneyField, MigrationField, RuleField, WarmupField,
};
use crate::plan::model::{fresh_id, fresh_named, Plan, Purpose};

/// The id an edit that adds a lane, journey, rule or migration gives the
/// new item, so a page can open and focus it; `None` for other edits.
pub fn added_id(plan: &Plan, edit: &Edit) -> Option<String> {
    let kind = match edit {
        Edit::AddLane(purpose) => Added::Lane(*purpose),
        Edit::AddLaneAs { lane, purpose } => {
            return (next_id(plan, Added::Lane(*purpose)) == *lane).then(|| lane.clone())
        }
        Edit::AddJourney => Added::Journey,
        Edit::AddRule => Added::Rule,
        Edit::AddMigration { .. } => Added::Migration,
        Edit::AddSeed { .. } => Added::Seed,
        Edit::AddTopic => Added::Topic,
        _ => return None,
    };
    Some(next_id(plan, kind))
}

/// The kinds of item whose new ids `added_id` tells in advance.
#[derive(Clone, Copy)]
pub(super) enum Added {
    Lane(Purpose),
    Journey,
    Rule,
    Migration,
    Seed,
    Topic,
}

/// The id the next added rule takes, so a fix can add a rule and set it.
pub fn next_rule_id(plan: &Plan) -> String {
    next_id(plan, Added::Rule)
}

/// The id the next added topic takes, so a fix can add a topic and set it.
pub fn next_topic_id(plan: &Plan) -> String {
    next_id(plan, Added::Topic)
}

pub(super) fn next_id(plan: &Plan, kind: Added) -> String {
    match kind {
        Added::Lane(purpose) => {
            // A deleted lane's id goes on naming it in rules, overrides and
            // the default lane until the user points them elsewhere, so a
            // new lane never takes it: they would quietly route to it.
            let named = (plan.rules.iter().map(|r| r.lane.as_str()))
                .chain(
                    plan.journeys
                        .iter()
                        .filter_map(|j| j.lane_override.as_deref()),
                )
                .chain(plan.default_lane.as_deref());
            let taken = plan.lanes.iter().map(|l| l.id.as_str()).chain(named);
            match lane_id_base(purpose) {
                Some(base) => fresh_named(base, '-', taken),
                None => fresh_id("lane", taken),
            }
        }
        Added::Journey => fresh_id("journey", plan.journeys.iter().map(|j| j.id.as_str())),
        Added::Rule => fresh_id("rule", plan.rules.iter().map(|r| r.id.as_str())),
        Added::Migration => fresh_id("migration", plan.migrations.iter().map(|m| m.id.as_str())),
        Added::Seed => fresh_id("seed", plan.checklist.seeds.iter().map(|s| s.id.as_str())),
        Added::Topic => fresh_id(
            "topic",
            plan.preferences.topics.iter().map(|t| t.id.as_str()),
        ),
    }
}

/// Applies one edit to a plan. Total: an edit whose target is gone, or
/// whose value is out of range, leaves the plan as it was.
pub fn edit_plan(plan: &mut Plan, edit: Edit) {
    if names_missing_lane(plan, &edit) {
        return;
    }
    match edit {
        Edit::SetBrandName(name) => lanes::set_brand_name(plan, name),
        Edit::SetPrimaryDomain(domain) => lanes::set_primary_domain(plan, domain),
        Edit::SetNotes(notes) => plan.notes = notes,
        Edit::AddLane(purpose) => lanes::add_lane(plan, purpose),
        // Once the lane is there, or the plan has changed so that a new
        // lane would take another id, the fix's other edits name a lane
        // that exists or are refused.
        Edit::AddLaneAs { lane, purpose } => {
            if next_id(plan, Added::Lane(purpose)) == lane {
                lanes::add_lane(plan, purpose)
            }
        }
        Edit::Lane { lane, set } => lanes::edit_lane(plan, &lane, set),
        Edit::Warmup { lane, set } => lanes::edit_warmup(plan, &lane, set),
        Edit::DeleteLane(id) => lanes::delete_lane(plan, &id),
        Edit::MoveLane { lane, direction } => {
            if let Some((a, b)) = swap_of(&plan.lanes, |l| l.id == lane, direction) {
                plan.keep_colours();
                plan.lanes.swap(a, b);
            }
        }
        Edit::AddJourney => items::add_journey(plan),
        Edit::Journey { journey, set } => items::edit_journey(plan, &journey, set),
        Edit::DeleteJourney(id) => items::delete_journey(plan, &id),
        Edit::AddRule => items::add_rule(plan),
        Edit::Rule { rule, set } => items::edit_rule(plan, &rule, set),
        Edit::DeleteRule(id) => plan.rules.retain(|r| r.id != id),
        Edit::MoveRule { rule, direction } => {
            if let Some((a, b)) = swap_of(&plan.rules, |r| r.id == rule, direction) {
                plan.rules.swap(a, b);
            }
        }
        Edit::SetDefaultLane(lane) => plan.default_lane = lane.filter(|l| !l.is_empty()),
        Edit::Dmarc(set) => sections::set_dmarc(plan, set),
        Edit::Extras(set) => sections::set_extras(plan, set),
        Edit::SetExistingRecords(text) => plan.existing_records = text,
        Edit::Simulation(set) => sections::set_simulation(plan, set),
        Edit::SetFallback { lane, action } => sections::set_fallback(plan, lane, action),
        Edit::SetFallbackShift { lane, shift_lane } => {
            sections::set_fallback_shift(plan, &lane, shift_lane)
        }
        Edit::ChecklistItem { item, lane, set } => sections::set_item(plan, item, lane, set),
        Edit::SetMigratingEsp(on) => plan.checklist.migrating_esp = on,
        Edit::SetPlatform(kind) => plan.platform.kind = kind,
        Edit::SetAllEmailsLane(lane) => {
            plan.platform.all_emails_lane = lane.filter(|l| !l.is_empty())
        }
        Edit::AddSeed { lane, date } => sections::add_seed(plan, &lane, &date),
        Edit::Seed { seed, set } => sections::set_seed(plan, &seed, set),
        Edit::DeleteSeed(id) => plan.checklist.seeds.retain(|s| s.id != id),
        Edit::AddTopic => sections::add_topic(plan),
        Edit::Topic { topic, set } => sections::set_topic(plan, &topic, set),
        Edit::DeleteTopic(id) => plan.preferences.topics.retain(|t| t.id != id),
        Edit::SetPreferences(preferences) => plan.preferences = preferences,
        Edit::SetOneClick { lane, on } => sections::set_one_click(plan, &lane, on),
        Edit::SetProcessingDays(days) => plan.preferences.processing_days = days,
        Edit::MapKey { kind, key, lane } => sections::map_key(plan, kind, key, lane),
        Edit::AddPostmaster { date } => sections::add_postmaster(plan, date),
        Edit::Postmaster { entry, set } => sections::set_postmaster(plan, &entry, set),
        Edit::DeletePostmaster(id) => plan.monitoring.postmaster.retain(|p| p.id != id),
        Edit::Threshold { lane, set } => sections::set_threshold(plan, &lane, set),
        Edit::AddMigration { from_lane, to_lane } => {
            items::add_migration(plan, &from_lane, &to_lane)
        }
        Edit::Migration { migration, set } => items::set_migration(plan, &migration, set),
        Edit::DeleteMigration(id) => plan.migrations.retain(|m| m.id != id),
        Edit::SetPeakWindow(window) => plan.peak_window = window,
        Edit::PeakWindow(set) => items::set_peak(plan, set),
        Edit::Many(edits) => {
            for edit in edits {
                edit_plan(plan, edit);
            }
        }
    }
}

/// Whether the edit would point something at a lane the plan does not
/// have: a plan with such a reference is one its own import refuses. An
/// empty lane means none, where the field is optional.
fn names_missing_lane(plan: &Plan, edit: &Edit) -> bool {
    let missing = |lane: &Option<String>| {
        lane.as_deref()
            .is_some_and(|l| !l.is_empty() && plan.lane(l).is_none())
    };
    match edit {
        Edit::SetDefaultLane(lane) | Edit::SetAllEmailsLane(lane) => missing(lane),
        Edit::Rule {
            set: RuleField::Lane(lane),
            ..
        } => plan.lane(lane).is_none(),
        Edit::Journey {
            set: JourneyField::LaneOverride(lane),
            ..
        } => missing(lane),
        Edit::Warmup {
            set: WarmupField::SpillLane(lane),
            ..
        } => missing(lane),
        Edit::SetFallbackShift { shift_lane, .. } => missing(shift_lane),
        Edit::MapKey { lane, .. } => missing(lane),
        Edit::AddMigration { from_lane, to_lane } => {
            plan.lane(from_lane).is_none() || plan.lane(to_lane).is_none()
        }
        Edit::Migration {
            set: MigrationField::FromLane(lane) | MigrationField::ToLane(lane),
            ..
        } => plan.lane(lane).is_none(),
        _ => false,
    }
}

pub(super) fn is_percent(n: f64) -> bool {
    (0.0..=100.0).contains(&n)
}

/// The two positions that moving the item `is_it` picks one step in
/// `direction` swaps; `None` when it is missing or already at that end.
fn swap_of<T>(
    items: &[T],
    is_it: impl Fn(&T) -> bool,
    direction: Direction,
) -> Option<(usize, usize)> {
    let index = items.iter().position(is_it)?;
    match direction {
        Direction::Up if index > 0 => Some((index, index - 1)),
        Direction::Down if index + 1 < items.len() => Some((index, index + 1)),
        _ => None,
    }
}

pub(super) fn fresh_name<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    fresh_named(base, ' ', taken)
}

/// A new lane's id names its purpose, since vendors' pools, configuration
/// sets and streams are named after the id; a custom lane is numbered.
fn lane_id_base(purpose: Purpose) -> Option<&'static str> {
    match purpose {
        Purpose::Transactional => Some("transactional"),
        Purpose::RevenueFlows => Some("revenue-flows"),
        Purpose::Promotional => Some("promotional"),
        Purpose::Vip => Some("vip"),
        Purpose::Migration => Some("migration"),
        Purpose::Custom => None,
    }
}
