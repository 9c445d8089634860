//! Rules that route nothing because every journey they match is pinned to
//! another lane by its own override: left behind when journeys were moved
//! one by one, they say mail goes where none of it does.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::Edit;
use crate::plan::model::Plan;
use crate::plan::routing::first_matches;
use crate::units::{and_list, count};

/// How many of the rules a finding names before it counts the rest.
const NAMED: usize = 3;

/// One note for every rule whose journeys overrides all pin elsewhere,
/// with a fix that deletes them; deleting them moves no journey.
pub(super) fn overridden_rules(plan: &Plan) -> Option<Diagnostic> {
    let first = first_matches(plan);
    let idle: Vec<usize> = (0..plan.rules.len())
        .filter(|&i| pinned_away(plan, &first, i))
        .collect();
    let &at = idle.first()?;
    let n = idle.len() as u64;
    let message = if n == 1 {
        "catches no journey: every journey it matches is pinned to another lane by its own override, so it no longer says where mail goes."
    } else {
        "catch no journey: every journey they match is pinned to another lane by its own override, so they no longer say where mail goes."
    };
    let message = format!("{} {message}", rule_names(plan, &idle));
    let label = match n {
        1 => format!("Delete rule {}", at + 1),
        n => format!("Delete the {}", count(n, "rule", "rules")),
    };
    let edits = (idle.iter())
        .map(|&i| Edit::DeleteRule(plan.rules[i].id.clone()))
        .collect();
    Some(
        Diagnostic::info("lint.rules_overridden", format!("$.rules[{at}]"), message)
            .hint(match n {
                1 => "Delete it, or clear the overrides so that the rule routes the journeys again.",
                _ => "Delete them, or clear the overrides so that the rules route the journeys again.",
            })
            .fix(label, edits),
    )
}

/// Whether rule `index` matches journeys first, each of them pinned by
/// its override to a lane other than the rule's.
fn pinned_away(plan: &Plan, first: &[Option<u32>], index: usize) -> bool {
    let rule = &plan.rules[index];
    let mut matched = (plan.journeys.iter().zip(first))
        .filter(|(_, f)| **f == Some(index as u32))
        .map(|(j, _)| j)
        .peekable();
    let elsewhere = |lane: &str| lane != rule.lane;
    matched.peek().is_some() && matched.all(|j| j.lane_override.as_deref().is_some_and(elsewhere))
}

/// “Rule 3 “Promotions””, or the first few and how many more.
fn rule_names(plan: &Plan, idle: &[usize]) -> String {
    let name = |&i: &usize| format!("rule {} “{}”", i + 1, plan.rules[i].name);
    let mut names: Vec<String> = idle.iter().take(NAMED).map(name).collect();
    if idle.len() > NAMED {
        names.push(format!("{} more", idle.len() - NAMED));
    }
    let list = and_list(&names);
    let mut chars = list.chars();
    // The sentence starts with the list, so its first letter is a capital.
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => list,
    }
}
