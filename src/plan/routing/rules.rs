//! Findings about the rule list itself: no default lane, team
//! conditions, rules that can never match, and rules an earlier one
//! shadows, with fixes that keep a Customer.io plan buildable.

use rustc_hash::FxHashMap as HashMap;

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, RuleField};
use crate::plan::model::{Journey, Plan, Platform, Purpose, Rule, TriggerKind};

use super::home::rules_of;
use super::matcher::{Compiled, Facts, TagTable};
use super::types::Types;
use super::{route_one, Route};

/// Findings about the rule list itself, independent of the journeys.
pub(super) fn rule_diagnostics(
    plan: &Plan,
    rules: &[Compiled],
    (routes, known): (&[Route], Known),
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let current = Current::of(plan, routes, known);
    // Whether moving a catch-all rule to the end keeps the plan buildable,
    // found once for each such rule however many rules it shadows.
    let mut lowered: Vec<(usize, bool)> = Vec::new();
    // A default or rule lane the plan lacks is validation's finding
    // (`integrity`), so the problems list shows it once.
    if plan.default_lane.is_none() {
        let finding = Diagnostic::error(
            "routing.no_default",
            "$.default_lane",
            "The plan has no default lane.",
        )
        .hint("Choose the lane that catches journeys no rule matches.");
        // Unplanned mail is kept off receipts' lane, as a deleted default
        // lane's stand-in is.
        let stand_in = (plan.lanes.iter())
            .find(|l| l.purpose == Purpose::Promotional)
            .or_else(|| {
                plan.lanes
                    .iter()
                    .find(|l| l.purpose != Purpose::Transactional)
            })
            .or(plan.lanes.first());
        out.push(match stand_in {
            Some(lane) => finding.fix(
                format!("Make {} the default", lane.name),
                vec![Edit::SetDefaultLane(Some(lane.id.clone()))],
            ),
            None => finding,
        });
    }
    for (index, (rule, compiled)) in plan.rules.iter().zip(rules).enumerate() {
        let path = format!("$.rules[{index}]");
        if !rule.when.owning_teams.is_empty() {
            out.push(
                Diagnostic::warning(
                    "routing.by_team",
                    format!("{path}.when.owning_teams"),
                    format!(
                        "Rule {} “{}” is conditioned on the owning team; routing ignores it.",
                        index + 1,
                        rule.name
                    ),
                )
                .hint("Route by customer intent and revenue sensitivity, not by which team owns a journey: replace the team condition with intents.")
                .fix(
                    "Remove the team condition",
                    vec![Edit::Rule { rule: rule.id.clone(), set: RuleField::ClearTeams }],
                ),
            );
        }
        if !rule.enabled {
            continue;
        }
        if compiled.never {
            out.push(
                // At the minimum, so Open lands on the bound to correct.
                Diagnostic::warning(
                    "routing.rule_impossible",
                    format!("{path}.when.min_revenue_per_recipient"),
                    format!(
                        "Rule {} “{}” can never match: its minimum revenue is above its maximum.",
                        index + 1,
                        rule.name
                    ),
                )
                .hint("Swap or correct the revenue bounds.")
                .with_fix(keep_buildable(
                    plan,
                    current.as_ref(),
                    index,
                    Fix {
                        label: "Swap the revenue bounds".to_string(),
                        edits: swap_bounds(rule),
                    },
                )),
            );
            continue;
        }
        let shadow = rules[..index]
            .iter()
            .zip(&plan.rules)
            .position(|(earlier, source)| {
                source.enabled && !earlier.never && earlier.covers(compiled)
            });
        if let Some(earlier) = shadow {
            out.push(
                Diagnostic::warning(
                    "routing.rule_shadowed",
                    format!("{path}.when"),
                    format!(
                        "Rule {} “{}” can never match: rule {} “{}” above it catches every journey it would.",
                        index + 1,
                        rule.name,
                        earlier + 1,
                        plan.rules[earlier].name
                    ),
                )
                .hint("Move this rule above the broader one or that one below it, narrow the broader rule, or delete this one.")
                .with_fix(match lower(plan, rules, (current.as_ref(), &mut lowered), (index, earlier)) {
                    Some(fix) => fix,
                    None => keep_buildable(plan, current.as_ref(), index, unshadow(plan, rules, (index, earlier))),
                }),
            );
        }
    }
    out
}

/// The fix for rule `index`, which routes nothing, or on Customer.io,
/// where that fix would send a journey to a lane carrying none of its
/// trigger's mail, deleting the rule: Customer.io picks a server by the
/// mail's type, which the trigger sets, so that plan cannot be built and
/// its fixes would move the journeys back. Deleting a rule that routes
/// nothing keeps every journey where it is.
fn keep_buildable(plan: &Plan, current: Option<&Current>, index: usize, fix: Fix) -> Fix {
    let delete = Edit::DeleteRule(plan.rules[index].id.clone());
    let Some(current) = current else {
        return fix;
    };
    if fix.edits == [delete.clone()] || !needs_server(plan, current, index, &fix.edits) {
        return fix;
    }
    Fix {
        label: format!("Delete rule {}", index + 1),
        edits: vec![delete],
    }
}

/// Whether `edits` to rule `index` of a Customer.io plan send some journey
/// to a lane that carries no mail of its trigger kind yet. Only journeys
/// the edited rule matches can move, so only they are routed again: a plan
/// with many such rules would otherwise be routed once for each.
fn needs_server(plan: &Plan, current: &Current, index: usize, edits: &[Edit]) -> bool {
    let (scratch, compiled, tags) = edited_rules(plan, current, edits);
    let id = &plan.rules[index].id;
    let Some(edited) = scratch.rules.iter().position(|r| r.id == *id) else {
        return false;
    };
    let fresh: Vec<Facts>;
    let facts = if tags.len() == current.known.tags.len() {
        current.known.facts
    } else {
        fresh = (plan.journeys.iter())
            .map(|j| Facts::of(j, &tags))
            .collect();
        &fresh
    };
    let moves =
        |(j, f): &(&Journey, &Facts)| j.lane_override.is_none() && compiled[edited].matches(f);
    (plan.journeys.iter().zip(facts))
        .filter(moves)
        .any(|(j, f)| {
            let route = route_one(&scratch, (j, f), &compiled, &current.lanes);
            let lane = route.lane_id.as_deref();
            lane.is_some_and(|lane| !current.kinds.contains_key(&(j.trigger.kind(), lane)))
        })
}

/// What every check of a Customer.io plan's rule fixes reads of the plan
/// as it is, found once for all of them: its lanes, and the trigger kinds
/// of the mail each lane carries.
struct Current<'a> {
    lanes: HashMap<&'a str, ()>,
    kinds: HashMap<(TriggerKind, &'a str), ()>,
    routes: &'a [Route],
    known: Known<'a>,
}

/// The plan's rules' tags and each journey's masks under them, as routing
/// made them.
#[derive(Clone, Copy)]
pub(super) struct Known<'a> {
    pub(super) tags: &'a TagTable,
    pub(super) facts: &'a [Facts],
}

impl<'a> Current<'a> {
    /// `None` on other platforms, where a lane carries any trigger's mail.
    fn of(plan: &'a Plan, routes: &'a [Route], known: Known<'a>) -> Option<Current<'a>> {
        if plan.platform.kind != Platform::CustomerIo {
            return None;
        }
        let kinds = (plan.journeys.iter().zip(routes))
            .filter_map(|(j, r)| Some(((j.trigger.kind(), r.lane_id.as_deref()?), ())))
            .collect();
        let lanes = plan.lanes.iter().map(|l| (l.id.as_str(), ())).collect();
        Some(Current {
            lanes,
            kinds,
            routes,
            known,
        })
    }
}

/// The plan's rules and default lane with `edits` made, compiled, with
/// their tags. The plan's tags keep their bits, so the journeys' masks
/// stand unless the edits bring a tag no rule had.
fn edited_rules(plan: &Plan, current: &Current, edits: &[Edit]) -> (Plan, Vec<Compiled>, TagTable) {
    let mut scratch = rules_of(plan);
    scratch.default_lane = plan.default_lane.clone();
    for edit in edits {
        crate::plan::edit::edit_plan(&mut scratch, edit.clone());
    }
    let mut tags = current.known.tags.clone();
    let compiled: Vec<Compiled> = (scratch.rules.iter())
        .map(|rule| Compiled::new(rule, &mut tags))
        .collect();
    (scratch, compiled, tags)
}

/// Whether `edits`, which only reorder the rules of a Customer.io plan,
/// leave a routing Customer.io can build as well as today's: every
/// journey is routed again, since a moved catch-all hands many of them
/// to other rules.
fn keeps_types(plan: &Plan, current: &Current, edits: &[Edit]) -> bool {
    // Reordered rules bring no new tag, so the journeys' masks stand.
    let (scratch, compiled, _) = edited_rules(plan, current, edits);
    let after: Vec<Route> = (plan.journeys.iter().zip(current.known.facts))
        .map(|journey| route_one(&scratch, journey, &compiled, &current.lanes))
        .collect();
    Types::of(plan, &after).no_worse_than(Types::of(plan, current.routes))
}

/// The fix that moves rule `earlier`, which catches every journey of each
/// live rule below it, to the end of the list, so that the rules it
/// shadows route their journeys again in the order they stand: the order
/// a catch-all is meant for, which keeps every rule, even one that sends
/// where it does. `None` when every rule below sends where it does (moving
/// it changes nothing, and deleting the later rule is the fix), when
/// another rule above would still shadow rule `index` or a rule passed
/// would shadow the moved one, or, on Customer.io, when the routing it
/// gives is one Customer.io builds less well than today's (`keeps_types`;
/// found once for each rule moved, in `lowered`).
fn lower(
    plan: &Plan,
    rules: &[Compiled],
    (current, lowered): (Option<&Current>, &mut Vec<(usize, bool)>),
    (index, earlier): (usize, usize),
) -> Option<Fix> {
    let broad = &rules[earlier];
    let live = |at: &usize| plan.rules[*at].enabled && !rules[*at].never;
    let below = (earlier + 1..rules.len()).filter(live);
    if below
        .clone()
        .any(|at| !broad.covers(&rules[at]) || rules[at].covers(broad))
    {
        return None;
    }
    let lane = &plan.rules[earlier].lane;
    if below.clone().all(|at| plan.rules[at].lane == *lane) {
        return None;
    }
    if (earlier + 1..index)
        .filter(live)
        .any(|at| rules[at].covers(&rules[index]))
    {
        return None;
    }
    let id = &plan.rules[earlier].id;
    let edits: Vec<Edit> = (earlier + 1..rules.len())
        .map(|_| Edit::MoveRule {
            rule: id.clone(),
            direction: crate::plan::edit::Direction::Down,
        })
        .collect();
    if let Some(current) = current {
        let known = lowered.iter().find(|(at, _)| *at == earlier).map(|k| k.1);
        let keeps = known.unwrap_or_else(|| keeps_types(plan, current, &edits));
        if known.is_none() {
            lowered.push((earlier, keeps));
        }
        if !keeps {
            return None;
        }
    }
    Some(Fix {
        label: format!(
            "Move rule {} “{}” to the end of the list",
            earlier + 1,
            plan.rules[earlier].name
        ),
        edits,
    })
}

/// The rule's revenue bounds the other way round.
fn swap_bounds(rule: &Rule) -> Vec<Edit> {
    let set = |set| Edit::Rule {
        rule: rule.id.clone(),
        set,
    };
    vec![
        set(RuleField::MinRevenue(rule.when.max_revenue_per_recipient)),
        set(RuleField::MaxRevenue(rule.when.min_revenue_per_recipient)),
    ]
}

/// Whether rule `index`, caught by rule `earlier` above it, is better
/// deleted than moved above it: it sends where that rule does, so it
/// changes nothing, or moved up it would catch a rule it passes.
fn unshadow_deletes(plan: &Plan, rules: &[Compiled], (index, earlier): (usize, usize)) -> bool {
    let passed = (rules[earlier..index].iter()).zip(&plan.rules[earlier..index]);
    plan.rules[earlier].lane == plan.rules[index].lane
        || passed
            .into_iter()
            .any(|(r, source)| source.enabled && !r.never && rules[index].covers(r))
}

/// The fix that moves rule `index` above rule `earlier`, or deletes it
/// when that is better (`unshadow_deletes`).
fn unshadow(plan: &Plan, rules: &[Compiled], (index, earlier): (usize, usize)) -> Fix {
    let id = plan.rules[index].id.clone();
    if unshadow_deletes(plan, rules, (index, earlier)) {
        return Fix {
            label: format!("Delete rule {}", index + 1),
            edits: vec![Edit::DeleteRule(id)],
        };
    }
    let up = |_| Edit::MoveRule {
        rule: id.clone(),
        direction: crate::plan::edit::Direction::Up,
    };
    Fix {
        label: format!(
            "Move it above rule {} “{}”",
            earlier + 1,
            plan.rules[earlier].name
        ),
        edits: (earlier..index).map(up).collect(),
    }
}
