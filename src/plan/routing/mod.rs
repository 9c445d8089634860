//! Routing: which lane each journey sends through, and why.
//!
//! Precedence is fixed: a journey's explicit lane override, then the first
//! enabled rule whose conditions all match, then the plan's default lane. A
//! journey is never moved silently: when the lane its override or matching
//! rule names does not exist, the journey is reported as unrouted.

mod deleting;
mod home;
mod matcher;
mod rules;
mod types;

// A fixed, fast hasher: the keys are the plan's own ids and names.
use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::plan::diagnostic::Diagnostic;
use crate::plan::model::{Journey, Plan};

pub use deleting::rule_deletion_words;
pub use home::{home_of, Home};
use matcher::{Compiled, Facts, TagTable};

/// Why a journey ends up where it does.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    Override,
    Rule {
        rule_id: String,
        position: u32,
    },
    Default,
    /// No lane: the named lane is missing, or there is no default lane.
    Unrouted {
        why: String,
        /// The rule that matched and names the missing lane, if one did.
        #[serde(skip_serializing_if = "Option::is_none")]
        rule_id: Option<String>,
    },
}

/// The routing decision for one journey.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Route {
    pub journey_id: String,
    pub lane_id: Option<String>,
    pub reason: Reason,
}

impl Route {
    /// The rule that caught the journey, including one that names a lane
    /// the plan does not have and so leaves it unrouted.
    pub fn catching_rule(&self) -> Option<&str> {
        match &self.reason {
            Reason::Rule { rule_id, .. } => Some(rule_id),
            Reason::Unrouted {
                rule_id: Some(rule_id),
                ..
            } => Some(rule_id),
            _ => None,
        }
    }

    /// A sentence for people, naming the override, rule or default.
    pub fn explain(&self, plan: &Plan) -> String {
        match &self.reason {
            Reason::Override => "Lane chosen on the journey (override)".to_string(),
            Reason::Rule { rule_id, position } => {
                let name = plan
                    .rules
                    .iter()
                    .find(|rule| &rule.id == rule_id)
                    .map_or(rule_id.as_str(), |rule| rule.name.trim());
                // A rule whose name was cleared is still named by number.
                match name.is_empty() {
                    true => format!("Rule {} (unnamed)", position + 1),
                    false => format!("Rule {}: {name}", position + 1),
                }
            }
            Reason::Default => "No rule matched; default lane".to_string(),
            Reason::Unrouted { why, .. } => format!("Unrouted: {why}"),
        }
    }
}

/// Routes for every journey, in journey order, plus what is wrong with the rules.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Routing {
    pub routes: Vec<Route>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Routing {
    /// Identifiers of the journeys a rule catches, in journey order.
    pub fn caught_by<'a>(&'a self, rule_id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.routes
            .iter()
            .filter_map(move |route| match &route.reason {
                Reason::Rule { rule_id: id, .. } if id == rule_id => {
                    Some(route.journey_id.as_str())
                }
                _ => None,
            })
    }

    pub fn route_of(&self, journey_id: &str) -> Option<&Route> {
        self.routes
            .iter()
            .find(|route| route.journey_id == journey_id)
    }

    /// The route of the journey at `index` in the plan. Routes are in
    /// journey order, so it is looked up by place first; the id guards
    /// against routing from an older plan.
    pub fn route_at(&self, index: usize, journey_id: &str) -> Option<&Route> {
        self.routes
            .get(index)
            .filter(|route| route.journey_id == journey_id)
            .or_else(|| self.route_of(journey_id))
    }

    /// The journeys of `plan` routed to `lane_id`, in journey order, each
    /// found by `route_at`, so that a plan of many journeys is not searched
    /// once per route.
    pub fn journeys_on<'a>(
        &'a self,
        plan: &'a Plan,
        lane_id: &'a str,
    ) -> impl Iterator<Item = &'a Journey> + 'a {
        plan.journeys
            .iter()
            .enumerate()
            .filter_map(move |(index, j)| {
                let route = self.route_at(index, &j.id)?;
                (route.lane_id.as_deref() == Some(lane_id)).then_some(j)
            })
    }
}

/// Routes every journey of the plan and checks the rule list.
pub fn route(plan: &Plan) -> Routing {
    let lanes: HashMap<&str, ()> = plan.lanes.iter().map(|l| (l.id.as_str(), ())).collect();
    let mut tags = TagTable::default();
    let compiled: Vec<Compiled> = plan
        .rules
        .iter()
        .map(|rule| Compiled::new(rule, &mut tags))
        .collect();

    // Each journey's masks are made once: the rules' fixes read them too.
    let facts: Vec<Facts> = (plan.journeys.iter())
        .map(|journey| Facts::of(journey, &tags))
        .collect();
    let routes = (plan.journeys.iter().zip(&facts))
        .map(|journey| route_one(plan, journey, &compiled, &lanes))
        .collect::<Vec<_>>();

    let known = rules::Known {
        tags: &tags,
        facts: &facts,
    };
    let mut diagnostics = rules::rule_diagnostics(plan, &compiled, (&routes, known));
    // Each journey's fix adds one rule to the plan as it is, so all take
    // the same next id, found once.
    let next_rule = crate::plan::edit::next_rule_id(plan);
    let falling = routes.iter().any(|r| r.reason == Reason::Default);
    let mut types = falling
        .then(|| home::MessageTypes::of(plan, &routes))
        .flatten();
    for (index, route) in routes.iter().enumerate() {
        let path = format!("$.journeys[{index}]");
        let journey = &plan.journeys[index];
        match &route.reason {
            Reason::Default if !plan.rules.is_empty() => diagnostics.push(home::falls_through(
                plan,
                journey,
                (path, &next_rule),
                types.as_mut(),
            )),
            Reason::Unrouted { why, .. } => diagnostics.push(
                Diagnostic::error(
                    "routing.unrouted",
                    path,
                    format!("“{}” has no lane: {why}.", journey.called()),
                )
                .hint("Pick an existing lane for the override or rule, or restore the lane."),
            ),
            _ => {}
        }
    }
    diagnostics.extend(home::no_rules(plan, &routes));
    Routing {
        routes,
        diagnostics,
    }
}

/// For each journey, the position of the first enabled rule that matches
/// it, its override aside: the rule that would route it without one.
pub fn first_matches(plan: &Plan) -> Vec<Option<u32>> {
    let mut tags = TagTable::default();
    let compiled: Vec<Compiled> = (plan.rules.iter())
        .map(|rule| Compiled::new(rule, &mut tags))
        .collect();
    (plan.journeys.iter())
        .map(|journey| {
            let facts = Facts::of(journey, &tags);
            let first = compiled.iter().position(|rule| rule.matches(&facts));
            first.map(|p| p as u32)
        })
        .collect()
}

/// Routes `journey`, whose masks are `facts`. Why a lane is missing is
/// written only when it is: routing runs on every edit.
fn route_one(
    plan: &Plan,
    (journey, facts): (&Journey, &Facts),
    rules: &[Compiled],
    lanes: &HashMap<&str, ()>,
) -> Route {
    let decided = |lane: &str, reason: Reason, missing: &dyn Fn() -> String| {
        if lanes.contains_key(lane) {
            return Route {
                journey_id: journey.id.clone(),
                lane_id: Some(lane.to_string()),
                reason,
            };
        }
        let rule_id = match reason {
            Reason::Rule { rule_id, .. } => Some(rule_id),
            _ => None,
        };
        Route {
            journey_id: journey.id.clone(),
            lane_id: None,
            reason: Reason::Unrouted {
                why: missing(),
                rule_id,
            },
        }
    };
    if let Some(lane) = &journey.lane_override {
        return decided(lane, Reason::Override, &|| {
            format!("its override names the missing lane “{lane}”")
        });
    }
    for (position, rule) in rules.iter().enumerate() {
        if rule.matches(facts) {
            let source = &plan.rules[position];
            let reason = Reason::Rule {
                rule_id: source.id.clone(),
                position: position as u32,
            };
            return decided(&source.lane, reason, &|| {
                format!(
                    "rule {} “{}” sends it to the missing lane “{}”",
                    position + 1,
                    source.name,
                    source.lane
                )
            });
        }
    }
    match &plan.default_lane {
        Some(lane) => decided(lane, Reason::Default, &|| {
            format!("no rule matches and the default lane (id “{lane}”) is no longer in the plan")
        }),
        None => unrouted(
            journey,
            "no rule matches and the plan has no default lane".into(),
        ),
    }
}

fn unrouted(journey: &Journey, why: String) -> Route {
    Route {
        journey_id: journey.id.clone(),
        lane_id: None,
        reason: Reason::Unrouted { why, rule_id: None },
    }
}

/// How much of the plan's volume each lane carries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LaneLoad {
    /// `None` collects the unrouted journeys.
    pub lane_id: Option<String>,
    /// Journey ids in plan order.
    pub journeys: Vec<String>,
    /// The mail of its journeys that send day after day.
    pub daily_volume: u64,
    /// The mail of its one-off sends, each sent once: no part of a day's.
    pub one_off_volume: u64,
    /// Share of the plan's mail a day, 0 to 100: one-off sends are no
    /// day's mail, so they take no share, as in the split assessment.
    pub share_percent: f64,
    /// The share as shown, in tenths of a percent, rounded so the lanes'
    /// shares add up to 100.0% (`units::apportion`).
    pub share_tenths: u64,
}

impl LaneLoad {
    /// The share as the pages write it, one decimal: "33.4%".
    pub fn share_text(&self) -> String {
        format!("{}.{}%", self.share_tenths / 10, self.share_tenths % 10)
    }
}

/// One entry per lane in lane order, then one for unrouted journeys if any.
pub fn lane_loads(plan: &Plan, routing: &Routing) -> Vec<LaneLoad> {
    let mut loads: Vec<LaneLoad> = plan
        .lanes
        .iter()
        .map(|lane| Some(lane.id.clone()))
        .chain(std::iter::once(None))
        .map(|lane_id| LaneLoad {
            lane_id,
            journeys: Vec::new(),
            daily_volume: 0,
            one_off_volume: 0,
            share_percent: 0.0,
            share_tenths: 0,
        })
        .collect();
    let slot: HashMap<&str, usize> = plan
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (l.id.as_str(), i))
        .collect();
    let unrouted = loads.len() - 1;
    for (journey, route) in plan.journeys.iter().zip(&routing.routes) {
        let index = route
            .lane_id
            .as_deref()
            .and_then(|id| slot.get(id).copied())
            .unwrap_or(unrouted);
        let load = &mut loads[index];
        load.journeys.push(journey.id.clone());
        let volume = u64::from(journey.daily_volume);
        if journey.is_one_off() {
            load.one_off_volume += volume;
        } else {
            load.daily_volume += volume;
        }
    }
    if loads[unrouted].journeys.is_empty() {
        loads.pop();
    }
    let total: u64 = loads.iter().map(|l| l.daily_volume).sum();
    for load in &mut loads {
        load.share_percent = if total == 0 {
            0.0
        } else {
            load.daily_volume as f64 * 100.0 / total as f64
        };
    }
    let tenths: Vec<f64> = loads.iter().map(|l| l.share_percent * 10.0).collect();
    for (load, t) in loads.iter_mut().zip(crate::units::apportion(&tenths)) {
        load.share_tenths = t;
    }
    loads
}
