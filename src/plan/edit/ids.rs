//! The ids and names of the items edits add: what id the next lane,
//! journey, rule, migration, seed, topic or Postmaster Tools figure takes,
//! told in advance so a page can open the item and a fix can add one and
//! set it.

use super::Edit;
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
        Edit::AddPostmaster { .. } => Added::Postmaster,
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
    Postmaster,
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
        Added::Postmaster => fresh_id(
            "postmaster",
            plan.monitoring.postmaster.iter().map(|p| p.id.as_str()),
        ),
    }
}

pub(super) fn fresh_name<'a>(base: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    fresh_named(base, ' ', taken)
}

/// A new lane's id names its purpose, since vendors' pools, configuration
/// sets and streams are named after the id; a custom lane is numbered, and
/// those names come from its name instead (`plan::vendor_names`).
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
