//! Checks a plan for mistakes a person can fix, and normalises what it can.
//!
//! `validate` never fails: it returns every finding with the JSON path of the
//! field and a hint. `integrity` is the subset that makes a plan unusable
//! (duplicate identifiers, references to lanes that do not exist), which an
//! import refuses outright.

// A fixed, fast hasher: the keys are the plan's own ids and names.
use rustc_hash::FxHashMap as HashMap;

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, JourneyField, LaneField, RuleField};
use crate::plan::limits::MAX_TEXT_CHARS;
use crate::plan::model::{canonical_domain, Intent, Lane, Plan, Purpose, Rule};

mod journeys;
mod lanes;
mod migrations;
mod readiness;
mod records;
mod simulation;
mod warmups;

use journeys::check_journeys;
use lanes::{check_brand, check_lane, from_name_missing};
use migrations::check_migrations;
use readiness::check_readiness;
pub use records::bimi_url_ok;
use records::{check_dmarc_plan, check_extras};
use simulation::check_simulation;
pub use simulation::shift_fix;
use warmups::check_warmups;
pub use warmups::{is_warm, spill_fix, spill_into};

/// Every finding about the plan's own fields, in plan order.
pub fn validate(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = integrity(plan);
    check_brand(plan, &mut out);
    let primary = crate::domain::normalize_domain(&plan.brand.primary_domain).ok();
    for (index, lane) in plan.lanes.iter().enumerate() {
        check_lane(
            (index, lane),
            primary.as_deref(),
            plan.platform.kind,
            &mut out,
        );
        out.extend(from_name_missing((index, lane), &plan.brand.name));
    }
    check_journeys(plan, &mut out);
    check_dmarc_plan(plan, &mut out);
    check_extras(plan, &mut out);
    check_warmups(plan, &mut out);
    check_simulation(plan, &mut out);
    check_readiness(plan, &mut out);
    check_migrations(plan, &mut out);
    super::ranges::check_ranges(plan, &mut out);
    let named = |id: &str, name: &str| (id.to_string(), name.to_string());
    duplicate_names(
        plan.lanes.iter().map(|l| named(&l.id, &l.name)).collect(),
        ("lanes", "lane"),
        |lane, name| Edit::Lane {
            lane,
            set: LaneField::Name(name),
        },
        &mut out,
    );
    duplicate_names(
        plan.journeys
            .iter()
            .map(|j| named(&j.id, &j.name))
            .collect(),
        ("journeys", "journey"),
        |journey, name| Edit::Journey {
            journey,
            set: JourneyField::Name(name),
        },
        &mut out,
    );
    duplicate_names(
        plan.rules.iter().map(|r| named(&r.id, &r.name)).collect(),
        ("rules", "rule"),
        |rule, name| Edit::Rule {
            rule,
            set: RuleField::Name(name),
        },
        &mut out,
    );
    out
}

/// Findings that make the plan's references ambiguous or broken.
pub fn integrity(plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if plan.id.trim().is_empty() {
        out.push(
            Diagnostic::error("plan.id_empty", "$.id", "The plan has no id.")
                .hint("Give the plan any short identifier, such as “acme-2026”."),
        );
    }
    duplicate_ids(plan.lanes.iter().map(|l| l.id.as_str()), "lanes", &mut out);
    duplicate_ids(
        plan.journeys.iter().map(|j| j.id.as_str()),
        "journeys",
        &mut out,
    );
    duplicate_ids(plan.rules.iter().map(|r| r.id.as_str()), "rules", &mut out);
    routing_references(plan, &mut out);
    let exists = |id: &str| plan.lanes.iter().any(|lane| lane.id == id);
    for (path, lane) in readiness_references(plan) {
        if !exists(lane) {
            out.push(dangling(path, lane));
        }
    }
    duplicate_ids(
        plan.preferences.topics.iter().map(|t| t.id.as_str()),
        "preferences.topics",
        &mut out,
    );
    readiness::repeated_items(plan, &mut out);
    for (index, lane) in plan.lanes.iter().enumerate() {
        if let Some(spill) = lane.warmup.as_ref().and_then(|w| w.spill_lane.as_deref()) {
            if !exists(spill) {
                out.push(dangling(
                    format!("$.lanes[{index}].warmup.spill_lane"),
                    spill,
                ));
            }
        }
    }
    migration_references(plan, &mut out);
    out
}

/// The lanes that routing names: the default lane, the lane for all emails,
/// journeys' overrides, rules' lanes and the simulation's fallbacks.
fn routing_references(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let exists = |id: &str| plan.lanes.iter().any(|lane| lane.id == id);
    out.extend(routes_to_missing_lanes(plan));
    if let Some(lane) = &plan.platform.all_emails_lane {
        if !exists(lane) {
            out.push(dangling("$.platform.all_emails_lane".into(), lane));
        }
    }
    for (index, fallback) in plan.simulation.fallbacks.iter().enumerate() {
        let at = format!("$.simulation.fallbacks[{index}]");
        if !exists(&fallback.lane) {
            out.push(dangling(format!("{at}.lane"), &fallback.lane));
        }
        if let Some(shift) = fallback.shift_lane.as_deref().filter(|l| !exists(l)) {
            out.push(dangling(format!("{at}.shift_lane"), shift));
        }
    }
}

/// The default lane, overrides and rules that name a missing lane: what
/// deleting a lane leaves (`lane_refs::left_naming`), for the user to
/// point elsewhere. Plan files may hold them, so that a plan saved or
/// exported in that state opens again.
pub fn routes_to_missing_lanes(plan: &Plan) -> Vec<Diagnostic> {
    let exists = |id: &str| plan.lanes.iter().any(|lane| lane.id == id);
    let mut out = Vec::new();
    if let Some(lane) = plan.default_lane.as_deref().filter(|l| !exists(l)) {
        let finding = missing_default(lane);
        out.push(match stand_in(plan, lane) {
            Some(to) => finding.fix(
                format!("Make {} the default", to.name),
                vec![Edit::SetDefaultLane(Some(to.id.clone()))],
            ),
            None => finding,
        });
    }
    for (index, journey) in plan.journeys.iter().enumerate() {
        if let Some(lane) = journey.lane_override.as_deref().filter(|l| !exists(l)) {
            out.push(
                dangling(format!("$.journeys[{index}].lane_override"), lane).fix(
                    "Route it by the rules",
                    vec![Edit::Journey {
                        journey: journey.id.clone(),
                        set: JourneyField::LaneOverride(None),
                    }],
                ),
            );
        }
    }
    for (index, rule) in plan.rules.iter().enumerate() {
        if !exists(&rule.lane) {
            let finding = missing_rule_lane(index, rule);
            out.push(match rule_lane_fix(plan, rule) {
                Some(fix) => finding.with_fix(fix),
                None => finding,
            });
        }
    }
    out
}

/// Where a rule whose lane is gone should send: the lane of the kind of
/// mail its intents are (or, without intents, the journeys it catches), or a new lane of that kind when the plan has
/// none, so that the fix never puts recovery beside promotions or
/// promotions beside receipts; else a stand-in lane.
fn rule_lane_fix(plan: &Plan, rule: &Rule) -> Option<Fix> {
    let point = |lane: String| Edit::Rule {
        rule: rule.id.clone(),
        set: RuleField::Lane(lane),
    };
    let intents = match rule.when.intents.as_slice() {
        [] => caught_intents(plan, rule),
        intents => intents.to_vec(),
    };
    let Some(purpose) = purpose_for_intents(&intents) else {
        let to = stand_in(plan, &rule.lane)?;
        return Some(Fix {
            label: format!("Send it to {}", to.name),
            edits: vec![point(to.id.clone())],
        });
    };
    if let Some(to) = plan.lanes.iter().find(|l| l.purpose == purpose) {
        return Some(Fix {
            label: format!("Send it to {}", to.name),
            edits: vec![point(to.id.clone())],
        });
    }
    let id = crate::plan::edit::added_id(plan, &Edit::AddLane(purpose))?;
    let add = Edit::AddLaneAs {
        lane: id.clone(),
        purpose,
    };
    Some(Fix {
        label: format!("Add a {} lane for it", purpose.label().to_lowercase()),
        edits: vec![add, point(id)],
    })
}

/// The intents of the journeys a rule without intents of its own catches,
/// as the plan would route them if its lane were there.
fn caught_intents(plan: &Plan, rule: &Rule) -> Vec<Intent> {
    let Some(stand_in) = plan.lanes.first() else {
        return Vec::new();
    };
    let mut whole = plan.clone();
    (whole.rules.iter_mut())
        .filter(|r| r.id == rule.id)
        .for_each(|r| r.lane = stand_in.id.clone());
    let routing = crate::plan::routing::route(&whole);
    let caught: Vec<&str> = routing.caught_by(&rule.id).collect();
    (plan.journeys.iter())
        .filter(|j| caught.contains(&j.id.as_str()))
        .map(|j| j.intent)
        .collect()
}

/// The kind of mail a rule's intents are: receipts, promotions, or any
/// other lifecycle mail, which the revenue flows' lane protects; `None`
/// for no intents or custom mail only.
fn purpose_for_intents(intents: &[Intent]) -> Option<Purpose> {
    let tiers: Vec<Purpose> = intents.iter().filter_map(|i| i.tier()).collect();
    let all = |p: Purpose| !tiers.is_empty() && tiers.iter().all(|t| *t == p);
    if all(Purpose::Transactional) {
        Some(Purpose::Transactional)
    } else if tiers.contains(&Purpose::RevenueFlows) {
        Some(Purpose::RevenueFlows)
    } else if all(Purpose::Promotional) {
        Some(Purpose::Promotional)
    } else {
        None
    }
}

/// The lane to name instead of the missing `id`: one whose id begins as
/// it does (`promotional` for `promo`, `revenue-flows` for
/// `revenue-flows-old`), else the default lane, else a promotional lane,
/// else the first lane that is not transactional: unplanned mail is kept
/// off receipts' lane.
fn stand_in<'a>(plan: &'a Plan, id: &str) -> Option<&'a Lane> {
    let id = id.trim().to_lowercase();
    let alike = |l: &&Lane| {
        let own = l.id.to_lowercase();
        !id.is_empty() && (own.starts_with(&id) || id.starts_with(&own))
    };
    let purpose = |p: Purpose| plan.lanes.iter().find(move |l| l.purpose == p);
    (plan.lanes.iter().find(alike))
        .or_else(|| plan.default_lane.as_deref().and_then(|d| plan.lane(d)))
        .or_else(|| purpose(Purpose::Promotional))
        .or_else(|| {
            plan.lanes
                .iter()
                .find(|l| l.purpose != Purpose::Transactional)
        })
        .or_else(|| plan.lanes.first())
}

/// Where the checklist, seed tests, preferences and monitoring name a lane,
/// with the path of each.
fn readiness_references(plan: &Plan) -> impl Iterator<Item = (String, &str)> {
    let lanes_of_topics = plan
        .preferences
        .topics
        .iter()
        .enumerate()
        .flat_map(|(t, topic)| {
            topic
                .suppresses
                .iter()
                .map(move |l| (format!("$.preferences.topics[{t}].suppresses"), l.as_str()))
        });
    (plan.checklist.items.iter().enumerate())
        .filter(|(_, i)| !i.lane.is_empty())
        .map(|(i, item)| (format!("$.checklist.items[{i}].lane"), item.lane.as_str()))
        .chain(
            plan.checklist
                .seeds
                .iter()
                .enumerate()
                .map(|(i, seed)| (format!("$.checklist.seeds[{i}].lane"), seed.lane.as_str())),
        )
        .chain(lanes_of_topics)
        .chain(
            plan.preferences
                .one_click_lanes
                .iter()
                .map(|l| ("$.preferences.one_click_lanes".to_string(), l.as_str())),
        )
        .chain(plan.monitoring.thresholds.iter().enumerate().map(|(i, t)| {
            (
                format!("$.monitoring.thresholds[{i}].lane"),
                t.lane.as_str(),
            )
        }))
        .chain(
            plan.monitoring
                .mapping
                .iter()
                .enumerate()
                .map(|(i, m)| (format!("$.monitoring.mapping[{i}].lane"), m.lane.as_str())),
        )
}

/// Migrations name lanes and journeys the plan has, each by a unique id.
fn migration_references(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let ids = plan.migrations.iter().map(|m| m.id.as_str());
    duplicate_ids(ids, "migrations", out);
    for (index, m) in plan.migrations.iter().enumerate() {
        let at = |field: &str| format!("$.migrations[{index}].{field}");
        for (field, lane) in [("from_lane", &m.from_lane), ("to_lane", &m.to_lane)] {
            if plan.lane(lane).is_none() {
                out.push(dangling(at(field), lane));
            }
        }
        for (i, journey) in m.journeys.iter().enumerate() {
            if !plan.journeys.iter().any(|j| j.id == *journey) {
                out.push(
                    Diagnostic::error(
                        "plan.dangling_journey",
                        format!("{}[{i}]", at("journeys")),
                        format!(
                            "It refers to the journey “{journey}”, which the plan does not have."
                        ),
                    )
                    .hint("Use the id of one of the plan's journeys, or remove it from the move."),
                );
            }
        }
    }
}

/// The code of a reference to a lane the plan does not have.
pub const DANGLING_LANE: &str = "plan.dangling_lane";

/// Puts every domain and address of the plan in canonical form. Values that
/// do not parse are left as typed, so that `validate` can point at them.
pub fn normalize(plan: &mut Plan) {
    canonical_domain(&mut plan.brand.primary_domain);
    plan.lanes.iter_mut().for_each(Lane::normalize);
}

fn dangling(path: String, lane: &str) -> Diagnostic {
    Diagnostic::error(
        DANGLING_LANE,
        path,
        format!("It refers to the lane “{lane}”, which the plan does not have."),
    )
    .hint("Use the id of one of the plan's lanes, or add the lane.")
}

/// The default lane is gone. Routing reports the journeys it strands; this
/// is the one finding about the setting itself.
fn missing_default(lane: &str) -> Diagnostic {
    Diagnostic::error(
        DANGLING_LANE,
        "$.default_lane",
        format!("The default lane (id “{lane}”) is no longer in the plan: journeys no rule matches have no lane."),
    )
    .hint("Choose one of the plan's lanes as the default.")
}

/// A rule's lane is gone, said with the rule's number and name so the
/// problems list tells which rule it is.
fn missing_rule_lane(index: usize, rule: &Rule) -> Diagnostic {
    Diagnostic::error(
        DANGLING_LANE,
        format!("$.rules[{index}].lane"),
        format!(
            "Rule {} “{}” sends to the missing lane “{}”.",
            index + 1,
            rule.name,
            rule.lane
        ),
    )
    .hint("Point the rule at an existing lane or delete it.")
}

fn duplicate_ids<'a>(ids: impl Iterator<Item = &'a str>, list: &str, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (index, id) in ids.enumerate() {
        if id.trim().is_empty() {
            out.push(
                Diagnostic::error(
                    "plan.id_empty",
                    format!("$.{list}[{index}].id"),
                    "The id is empty.",
                )
                .hint("Give it a short unique identifier."),
            );
        } else if let Some(first) = seen.insert(id, index) {
            out.push(
                Diagnostic::error(
                    "plan.duplicate_id",
                    format!("$.{list}[{index}].id"),
                    format!(
                        "The id “{id}” is already used by {}.",
                        crate::plan::path_words::in_words(None, &format!("$.{list}[{first}]"))
                    ),
                )
                .hint("Ids must be unique within the list; rename one."),
            );
            seen.insert(id, first);
        }
    }
}

/// `name` numbered (“Transactional 2”) so that no item's name is the same
/// in any capitals, and short enough to keep.
/// A name already numbered (“Welcome email 2”) counts on from its number.
fn distinct_name(name: &str, taken: &HashMap<String, usize>) -> String {
    let room = MAX_TEXT_CHARS as usize - 12;
    let base: String = name_key_spaces(name).chars().take(room).collect();
    let base = base.trim_end();
    let (base, first) = match base.rsplit_once(' ') {
        Some((words, n)) => match n.parse::<u32>() {
            Ok(n) if n < u32::MAX / 2 => (words, n + 1),
            _ => (base, 2),
        },
        None => (base, 2),
    };
    (first..)
        .map(|n| format!("{base} {n}"))
        .find(|candidate| !taken.contains_key(&name_key(candidate)))
        .expect("an unused name exists below u32::MAX")
}

/// A name with its runs of white space (non-breaking spaces too) as one
/// space, and none around it.
fn name_key_spaces(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What makes two names the same: their words, in any capitals and with
/// any spacing between them.
fn name_key(name: &str) -> String {
    // One pass, word by word: validation keys every name on every edit.
    // Whitespace ends a word for lower-casing (a final sigma) too, so this
    // equals lower-casing the words joined.
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            key.push_str(&word.to_lowercase());
        }
    }
    key
}

/// Items without a name, and items named as an earlier one is, with a fix
/// that numbers the later name (“Transactional 2”).
fn duplicate_names(
    items: Vec<(String, String)>,
    (list, what): (&str, &str),
    rename: fn(String, String) -> Edit,
    out: &mut Vec<Diagnostic>,
) {
    let keys: Vec<String> = items.iter().map(|(_, name)| name_key(name)).collect();
    // Every name is taken, the later ones too: a new name must differ
    // from all of them. The first item of each name is kept.
    let mut taken: HashMap<String, usize> = HashMap::default();
    for (index, key) in keys.iter().enumerate().rev() {
        taken.insert(key.clone(), index);
    }
    for (index, ((id, name), key)) in items.iter().zip(keys).enumerate() {
        if key.is_empty() {
            out.push(
                Diagnostic::error(
                    "plan.name_empty",
                    format!("$.{list}[{index}].name"),
                    format!("A {what} has no name."),
                )
                .hint(match what {
                    "rule" => "Name it after what it catches, such as “Recovery flows”.",
                    _ => "Name it after what it sends, such as “Cart recovery”.",
                }),
            );
        } else if let Some(&first) = taken.get(&key).filter(|&&first| first < index) {
            let renamed = distinct_name(name, &taken);
            out.push(
                Diagnostic::warning(
                    "plan.duplicate_name",
                    format!("$.{list}[{index}].name"),
                    format!(
                        "Another {what}, number {} in the list, is also called “{}”.",
                        first + 1,
                        name.trim()
                    ),
                )
                .hint(format!(
                    "Give each {what} a distinct name so tables and reports stay readable."
                ))
                .fix(
                    format!("Rename it “{renamed}”"),
                    vec![rename(id.clone(), renamed)],
                ),
            );
        }
    }
}
