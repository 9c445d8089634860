//! What deleting a rule does to the journeys it routes, in words, so the
//! question before the delete says where they go: a journey is never
//! moved to another lane silently.

use crate::plan::model::Plan;
use crate::units::{and_list, count};

use super::{route, Reason};

/// Where a journey goes once the rule is gone.
#[derive(Clone, PartialEq)]
struct Destination {
    /// The lane's id; `None` for unrouted.
    lane: Option<String>,
    /// It is the lane the rule sent the journey to.
    stays: bool,
    /// No rule catches the journey, so the default lane takes it.
    default: bool,
}

/// Where the journeys rule `rule_id` routes would go without it, as a
/// sentence; empty when it routes none.
pub fn rule_deletion_words(plan: &Plan, rule_id: &str) -> String {
    let before = route(plan);
    // The journeys it routes, and those it leaves unrouted by naming a
    // lane the plan does not have, which its deletion routes anew.
    let caught: Vec<&str> = (before.routes.iter())
        .filter(|r| r.catching_rule() == Some(rule_id))
        .map(|r| r.journey_id.as_str())
        .collect();
    if caught.is_empty() {
        return String::new();
    }
    let mut without = plan.clone();
    without.rules.retain(|r| r.id != rule_id);
    let after = route(&without);
    let mut groups: Vec<(Destination, Vec<String>)> = Vec::new();
    for id in &caught {
        let (Some(old), Some(new)) = (before.route_of(id), after.route_of(id)) else {
            continue;
        };
        let to = Destination {
            stays: new.lane_id.is_some() && new.lane_id == old.lane_id,
            default: new.reason == Reason::Default,
            lane: new.lane_id.clone(),
        };
        let journey = plan.journeys.iter().find(|j| j.id == *id);
        let name = format!("“{}”", journey.map_or(*id, |j| j.called()));
        match groups.iter_mut().find(|(d, _)| *d == to) {
            Some((_, names)) => names.push(name),
            None => groups.push((to, vec![name])),
        }
    }
    let parts: Vec<String> = (groups.iter())
        .map(|(to, names)| format!("{} {}", and_list(names), words(plan, to, names.len() == 1)))
        .collect();
    format!(
        "It catches {}: without it, {}.",
        count(caught.len() as u64, "journey", "journeys"),
        parts.join("; ")
    )
}

/// "goes to Promotions, the default lane", "stay on Revenue flows", "will
/// be unrouted".
fn words(plan: &Plan, to: &Destination, one: bool) -> String {
    let Some(lane) = &to.lane else {
        return "will be unrouted".to_string();
    };
    let verb = match (to.stays, one) {
        (true, true) => "stays on",
        (true, false) => "stay on",
        (false, true) => "goes to",
        (false, false) => "go to",
    };
    let how = if to.default { ", the default lane" } else { "" };
    format!("{verb} {}{how}", plan.lane_name(lane))
}
