//! Routing: which lane each journey sends through, and why.
//!
//! Precedence is fixed: a journey's explicit lane override, then the first
//! enabled rule whose conditions all match, then the plan's default lane. A
//! journey is never moved silently: when the lane its override or matching
//! rule names does not exist, the journey is reported as unrouted.

// A fixed, fast hasher: the keys are the plan's own ids and names.
use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, JourneyField, RuleField};
use crate::plan::model::{
    tag_key, Conditions, Intent, Journey, Lane, Plan, Platform, Purpose, Rule, TriggerKind,
};

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
            Reason::Unrouted { why } => format!("Unrouted: {why}"),
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

    let known = Known {
        tags: &tags,
        facts: &facts,
    };
    let mut diagnostics = rule_diagnostics(plan, &compiled, (&routes, known));
    // Each journey's fix adds one rule to the plan as it is, so all take
    // the same next id, found once.
    let next_rule = crate::plan::edit::next_rule_id(plan);
    for (index, route) in routes.iter().enumerate() {
        let path = format!("$.journeys[{index}]");
        let journey = &plan.journeys[index];
        match &route.reason {
            Reason::Default if !plan.rules.is_empty() => {
                diagnostics.push(falls_through(plan, journey, path, &next_rule))
            }
            Reason::Unrouted { why } => diagnostics.push(
                Diagnostic::error(
                    "routing.unrouted",
                    path,
                    format!("“{}” has no lane: {why}.", journey.name),
                )
                .hint("Pick an existing lane for the override or rule, or restore the lane."),
            ),
            _ => {}
        }
    }
    diagnostics.extend(no_rules(plan, &routes));
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

/// A journey no rule matches, with a fix that adds a rule for its intent
/// to the lane that fits it (`home_of`), a new lane of its kind when none
/// does.
fn falls_through(plan: &Plan, journey: &Journey, path: String, rule: &str) -> Diagnostic {
    let finding = Diagnostic::info(
        "routing.falls_through",
        path,
        format!(
            "“{}” matches no rule and falls through to the default lane.",
            journey.name
        ),
    )
    .hint("Add a rule for its intent so the choice is deliberate.");
    let intent = journey.intent;
    let Some(home) = home_of(plan, intent, None) else {
        return finding;
    };
    let mut edits = home.add_edits(plan);
    edits.extend(add_rule(rule, intent.label(), &[intent], &home.id(plan)));
    let label = match home {
        Home::Lane(lane) => format!("Add a rule: {} to {}", intent.label(), lane.name),
        Home::New(purpose) => format!(
            "Add a {} lane and a rule: {} to it",
            purpose.label().to_lowercase(),
            intent.label()
        ),
    };
    finding.fix(label, edits)
}

/// A plan of several lanes without any rule sends every journey without
/// an override to its default lane: one finding for the plan, with a fix
/// that adds a rule for each tier of mail to the lane of that tier, and
/// the lane of a tier whose journeys no lane fits.
fn no_rules(plan: &Plan, routes: &[Route]) -> Option<Diagnostic> {
    let falling: Vec<&Journey> = (plan.journeys.iter().zip(routes))
        .filter(|(_, r)| r.reason == Reason::Default)
        .map(|(j, _)| j)
        .collect();
    if !plan.rules.is_empty() || plan.lanes.len() < 2 || falling.is_empty() {
        return None;
    }
    let default = plan
        .default_lane
        .as_deref()
        .map_or("", |d| plan.lane_name(d));
    let finding = Diagnostic::info(
        "routing.no_rules",
        "$.rules",
        format!(
            "No rule routes the journeys: {} without an override {} to the default lane, {default}.",
            crate::units::count(falling.len() as u64, "journey", "journeys"),
            if falling.len() == 1 { "goes" } else { "go" }
        ),
    )
    .hint("Add a rule per kind of mail, so that each journey's lane is deliberate and a new journey lands where its kind goes.");
    let mut scratch = rules_of(plan);
    let mut edits = Vec::new();
    let mut ruled: Vec<&Lane> = Vec::new();
    let mut added: Vec<Purpose> = Vec::new();
    for (purpose, name) in TIERS {
        let Some((home, intents)) = tier_home(plan, purpose, &falling) else {
            continue;
        };
        // Each rule added first, so the next takes the id after it.
        let id = crate::plan::edit::next_rule_id(&scratch);
        crate::plan::edit::edit_plan(&mut scratch, Edit::AddRule);
        edits.extend(home.add_edits(plan));
        edits.extend(add_rule(&id, name, &intents, &home.id(plan)));
        match home {
            Home::Lane(lane) => ruled.push(lane),
            Home::New(purpose) => added.push(purpose),
        }
    }
    if edits.is_empty() {
        return Some(finding);
    }
    // Journeys pinned to the lane their kind's new rule sends them to are
    // left to the rule, so a later change of the rule moves them too.
    let pinned: Vec<Edit> = (plan.journeys.iter())
        .filter(|j| {
            let home = rule_purpose(plan, j.intent);
            (ruled.iter())
                .any(|l| Some(l.purpose) == home && j.lane_override.as_deref() == Some(&l.id))
        })
        .map(|j| Edit::Journey {
            journey: j.id.clone(),
            set: JourneyField::LaneOverride(None),
        })
        .collect();
    let mut label = String::from("Add ");
    for purpose in added {
        label.push_str(&format!(
            "a {} lane for {} and ",
            purpose.label().to_lowercase(),
            purpose_mail(purpose)
        ));
    }
    label.push_str("a rule for each kind of mail");
    if !pinned.is_empty() {
        label.push_str(&format!(
            ", and let them route the {} pinned to their kind's lane",
            crate::units::count(pinned.len() as u64, "journey", "journeys")
        ));
    }
    edits.extend(pinned);
    Some(finding.fix(label, edits))
}

/// Where a tier's rule sends its mail, and the intents it names: every
/// intent of the tier, not only those the journeys have now, so a journey
/// added later lands on its tier's lane too. Without a lane of the tier,
/// the lane its falling journeys fit (recovery left out of a rule to a
/// lane it does not fit), or a new lane of the tier when one of them fits
/// none; `None` when they fit their default lane or there are none.
fn tier_home<'a>(
    plan: &'a Plan,
    purpose: Purpose,
    falling: &[&Journey],
) -> Option<(Home<'a>, Vec<Intent>)> {
    let intents: Vec<Intent> = (Intent::ALL.into_iter())
        .filter(|i| rule_purpose(plan, *i) == Some(purpose))
        .collect();
    if intents.is_empty() {
        return None;
    }
    if let Some(lane) = plan.lanes.iter().find(|l| l.purpose == purpose) {
        return Some((Home::Lane(lane), intents));
    }
    let homes: Vec<Home> = (falling.iter())
        .filter(|j| rule_purpose(plan, j.intent) == Some(purpose))
        .filter_map(|j| home_of(plan, j.intent, None))
        .collect();
    if homes.contains(&Home::New(purpose)) {
        return Some((Home::New(purpose), intents));
    }
    let default = plan.default_lane.as_deref();
    let lane = homes.iter().find_map(|h| match h {
        Home::Lane(l) if Some(l.id.as_str()) != default => Some(*l),
        _ => None,
    })?;
    let fitting = intents.into_iter().filter(|i| fits(lane, *i)).collect();
    Some((Home::Lane(lane), fitting))
}

/// The mail a new lane of `purpose` is added for, in a fix's label.
fn purpose_mail(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Transactional => "receipts and account mail",
        Purpose::RevenueFlows => "cart and checkout recovery",
        _ => "its mail",
    }
}

/// Where a fix sends an intent's mail: a lane the plan has, or a new lane
/// of this purpose, which the fix adds first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Home<'a> {
    Lane(&'a Lane),
    New(Purpose),
}

impl Home<'_> {
    /// The id of the lane: the one a new lane will take.
    pub fn id(&self, plan: &Plan) -> String {
        match self {
            Home::Lane(lane) => lane.id.clone(),
            Home::New(purpose) => {
                crate::plan::edit::added_id(plan, &Edit::AddLane(*purpose)).unwrap_or_default()
            }
        }
    }

    /// The edits that add the lane, if it is new.
    pub fn add_edits(&self, plan: &Plan) -> Vec<Edit> {
        match self {
            Home::Lane(_) => Vec::new(),
            Home::New(purpose) => vec![Edit::AddLaneAs {
                lane: self.id(plan),
                purpose: *purpose,
            }],
        }
    }

    /// The lane's name, or how a new one is spoken of.
    pub fn name(&self) -> String {
        match self {
            Home::Lane(lane) => lane.name.clone(),
            Home::New(purpose) => format!("a new {} lane", purpose.label().to_lowercase()),
        }
    }
}

/// Where an intent's mail belongs, other than on lane `not`: the lane of
/// its kind; for lifecycle mail and VIP offers, else the promotional lane;
/// else the default lane where it fits; else a new lane of its kind. Cart
/// and checkout recovery never goes to a promotional lane, nor marketing
/// to the transactional one, so no fix sends mail where another finding
/// objects to it. `None` for custom mail with no lane to take it.
pub fn home_of<'a>(plan: &'a Plan, intent: Intent, not: Option<&str>) -> Option<Home<'a>> {
    let other = |l: &&Lane| Some(l.id.as_str()) != not;
    let of = |p: Purpose| plan.lanes.iter().filter(other).find(|l| l.purpose == p);
    let purpose = rule_purpose(plan, intent);
    let promotional = (purpose == Some(Purpose::RevenueFlows) || intent == Intent::VipOffer)
        .then(|| of(Purpose::Promotional))
        .flatten()
        .filter(|l| fits(l, intent));
    let default = (plan.default_lane.as_deref())
        .and_then(|d| plan.lane(d))
        .filter(other)
        .filter(|l| fits(l, intent));
    (purpose.and_then(of).or(promotional).or(default))
        .map(Home::Lane)
        .or_else(|| purpose.map(Home::New))
}

/// Whether a lane of its purpose may carry an intent's mail without a
/// finding objecting: receipts only on a transactional lane or one of no
/// kind, recovery off the transactional and promotional lanes.
fn fits(lane: &Lane, intent: Intent) -> bool {
    match lane.purpose {
        Purpose::Transactional => intent.is_transactional(),
        Purpose::Promotional | Purpose::Vip => !intent.is_transactional() && !intent.is_recovery(),
        Purpose::RevenueFlows => !intent.is_transactional(),
        Purpose::Migration | Purpose::Custom => true,
    }
}

/// Each kind of mail and the name of the rule that routes it.
const TIERS: [(Purpose, &str); 4] = [
    (Purpose::Transactional, "Receipts and account mail"),
    (Purpose::RevenueFlows, "Revenue flows"),
    (Purpose::Vip, "VIP offers"),
    (Purpose::Promotional, "Promotions"),
];

/// The purpose of the lane a rule sends an intent's mail to: its tier's,
/// but VIP offers to a VIP lane where the plan has one.
fn rule_purpose(plan: &Plan, intent: Intent) -> Option<Purpose> {
    let vip = plan.lanes.iter().any(|l| l.purpose == Purpose::Vip);
    match intent {
        Intent::VipOffer if vip => Some(Purpose::Vip),
        intent => intent.tier(),
    }
}

/// A copy of the plan's rules alone, on which a fix's rules are added one
/// after another to learn their ids.
fn rules_of(plan: &Plan) -> Plan {
    Plan {
        rules: plan.rules.clone(),
        ..Plan::empty(&plan.id)
    }
}

/// The edits that add a rule, which takes the id `id`, sending these
/// intents to `lane`.
fn add_rule(id: &str, name: &str, intents: &[Intent], lane: &str) -> Vec<Edit> {
    let set = |set: RuleField| Edit::Rule {
        rule: id.to_string(),
        set,
    };
    let mut edits = vec![
        Edit::AddRule,
        set(RuleField::Name(name.to_string())),
        set(RuleField::Lane(lane.to_string())),
    ];
    edits.extend((intents.iter()).map(|&intent| set(RuleField::Intent { intent, on: true })));
    edits
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
            Route {
                journey_id: journey.id.clone(),
                lane_id: Some(lane.to_string()),
                reason,
            }
        } else {
            unrouted(journey, missing())
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
        reason: Reason::Unrouted { why },
    }
}

/// Findings about the rule list itself, independent of the journeys.
fn rule_diagnostics(
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
                Diagnostic::warning(
                    "routing.rule_impossible",
                    format!("{path}.when"),
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
    let facts = if tags.index.len() == current.known.tags.index.len() {
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
struct Known<'a> {
    tags: &'a TagTable,
    facts: &'a [Facts],
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

/// What of a Customer.io plan's routing keeps it from being built, as far
/// as routing can tell: the trigger kinds (each its mail's message type)
/// sent through more than one lane, transactional API mail off the All
/// Emails lane the plan names, and the servers its types need.
#[derive(Clone, Copy)]
struct Types {
    /// The kinds on more than one lane, by `TriggerKind::index`.
    split: u32,
    api_off: bool,
    servers: u32,
}

impl Types {
    fn of<'a>(plan: &'a Plan, routes: &'a [Route]) -> Types {
        let mut placed: Vec<(u32, &str)> = (plan.journeys.iter().zip(routes))
            .filter_map(|(j, r)| Some((j.trigger.kind().index(), r.lane_id.as_deref()?)))
            .collect();
        placed.sort_unstable();
        placed.dedup();
        let api = TriggerKind::TransactionalApi.index();
        let named = (plan.platform.all_emails_lane.as_deref()).filter(|l| plan.lane(l).is_some());
        let all_emails = named.or_else(|| placed.iter().find(|p| p.0 == api).map(|p| p.1));
        let mut split = 0;
        for pair in placed.windows(2).filter(|w| w[0].0 == w[1].0) {
            split |= 1 << pair[0].0;
        }
        Types {
            split,
            api_off: named.is_some() && placed.iter().any(|p| p.0 == api && Some(p.1) != named),
            servers: 1
                + (placed.iter())
                    .filter(|p| p.0 != api && Some(p.1) != all_emails)
                    .count() as u32,
        }
    }

    /// Whether `self`, the routing after a fix, brings no obstacle the
    /// routing before it, `before`, lacked.
    fn no_worse_than(self, before: Types) -> bool {
        let most = Platform::CustomerIo.most_servers();
        self.split & !before.split == 0
            && (!self.api_off || before.api_off)
            && (self.servers <= most || self.servers <= before.servers)
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

/// Tags interned to bit positions so that matching is a few mask tests,
/// each under its `tag_key`.
#[derive(Clone, Default)]
struct TagTable {
    index: HashMap<String, u32>,
}

impl TagTable {
    fn intern(&mut self, tag: &str) -> u32 {
        let next = self.index.len() as u32;
        *self.index.entry(tag_key(tag)).or_insert(next)
    }

    /// A tag already in its key's form, as most are, is looked up without
    /// making its key: routing looks up every tag of every journey.
    fn get(&self, tag: &str) -> Option<u32> {
        if is_key(tag) {
            self.index.get(tag).copied()
        } else {
            self.index.get(&tag_key(tag)).copied()
        }
    }
}

/// Whether `tag` is its own key: trimmed, and each character its own
/// lower case.
fn is_key(tag: &str) -> bool {
    let lower = |c: char| {
        let mut l = c.to_lowercase();
        l.next() == Some(c) && l.next().is_none()
    };
    tag.trim().len() == tag.len() && tag.chars().all(lower)
}

/// Sets of small indices; tags beyond 128 distinct values fall back to a list.
#[derive(Clone, Default, PartialEq)]
struct BitSet {
    bits: u128,
    overflow: Vec<u32>,
}

impl BitSet {
    fn insert(&mut self, i: u32) {
        if i < 128 {
            self.bits |= 1u128 << i;
        } else if !self.overflow.contains(&i) {
            self.overflow.push(i);
        }
    }

    fn is_empty(&self) -> bool {
        self.bits == 0 && self.overflow.is_empty()
    }

    fn intersects(&self, other: &BitSet) -> bool {
        self.bits & other.bits != 0 || self.overflow.iter().any(|i| other.overflow.contains(i))
    }

    fn is_subset(&self, other: &BitSet) -> bool {
        self.bits & !other.bits == 0 && self.overflow.iter().all(|i| other.overflow.contains(i))
    }
}

/// A rule reduced to masks: `0` or an empty set means "any".
struct Compiled {
    intents: u32,
    triggers: u32,
    audiences: u32,
    min: f64,
    max: f64,
    tags: BitSet,
    enabled: bool,
    never: bool,
}

/// A journey reduced to the same masks.
struct Facts {
    intent: u32,
    trigger: u32,
    audience: u32,
    revenue: f64,
    tags: BitSet,
}

impl Compiled {
    fn new(rule: &Rule, tags: &mut TagTable) -> Compiled {
        let Conditions {
            intents,
            trigger_kinds,
            audiences,
            min_revenue_per_recipient,
            max_revenue_per_recipient,
            tags: rule_tags,
            owning_teams: _,
        } = &rule.when;
        let mut tag_set = BitSet::default();
        for tag in rule_tags {
            tag_set.insert(tags.intern(tag));
        }
        let min = min_revenue_per_recipient.unwrap_or(f64::NEG_INFINITY);
        let max = max_revenue_per_recipient.unwrap_or(f64::INFINITY);
        Compiled {
            intents: intents.iter().fold(0, |m, i| m | 1 << i.index()),
            triggers: trigger_kinds.iter().fold(0, |m, t| m | 1 << t.index()),
            audiences: audiences.iter().fold(0, |m, a| m | 1 << a.index()),
            min,
            max,
            tags: tag_set,
            enabled: rule.enabled,
            // NaN bounds compare false everywhere, so such a rule never matches either.
            never: min.is_nan() || max.is_nan() || min > max,
        }
    }

    fn matches(&self, facts: &Facts) -> bool {
        self.enabled
            && !self.never
            && (self.intents == 0 || self.intents & facts.intent != 0)
            && (self.triggers == 0 || self.triggers & facts.trigger != 0)
            && (self.audiences == 0 || self.audiences & facts.audience != 0)
            && facts.revenue >= self.min
            && facts.revenue <= self.max
            && (self.tags.is_empty() || self.tags.intersects(&facts.tags))
    }

    /// Whether every journey that `later` matches is also matched by `self`.
    fn covers(&self, later: &Compiled) -> bool {
        let mask_covers =
            |mine: u32, theirs: u32| mine == 0 || (theirs != 0 && theirs & !mine == 0);
        mask_covers(self.intents, later.intents)
            && mask_covers(self.triggers, later.triggers)
            && mask_covers(self.audiences, later.audiences)
            && self.min <= later.min
            && self.max >= later.max
            && (self.tags.is_empty()
                || (!later.tags.is_empty() && later.tags.is_subset(&self.tags)))
    }
}

impl Facts {
    fn of(journey: &Journey, tags: &TagTable) -> Facts {
        let mut tag_set = BitSet::default();
        for tag in &journey.tags {
            // Tags no rule mentions cannot affect matching, so they are skipped.
            if let Some(i) = tags.get(tag) {
                tag_set.insert(i);
            }
        }
        Facts {
            intent: 1 << journey.intent.index(),
            trigger: 1 << journey.trigger.kind().index(),
            audience: 1 << journey.audience.index(),
            revenue: journey.revenue_per_recipient,
            tags: tag_set,
        }
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
    loads
}
