//! `edit_plan`, which applies one edit: a table from each edit to the
//! function that makes it.

use super::ids::{next_id, Added};
use super::{
    items, lanes, sections, Direction, Edit, JourneyField, MigrationField, RuleField, WarmupField,
};
use crate::plan::model::Plan;

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
