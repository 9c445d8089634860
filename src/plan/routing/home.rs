//! Where each kind of mail belongs, and the findings whose fixes add the
//! rules that send it there: a journey no rule matches, and a plan of
//! several lanes without any rule.

use crate::plan::diagnostic::Diagnostic;
use crate::plan::edit::{Edit, JourneyField, RuleField};
use crate::plan::model::{Intent, Journey, Lane, Plan, Platform, Purpose};

use super::types::Types;
use super::{Reason, Route};

/// On Customer.io, which picks a server by the mail's type, whether each
/// intent's fall-through fix leaves a routing Customer.io builds as well as
/// today's (`Types`, as the rule list's fixes are held to): no message type
/// on more lanes, no transactional API mail off All Emails, no more servers
/// than it takes.
pub(super) struct MessageTypes<'a> {
    plan: &'a Plan,
    routes: &'a [Route],
    before: Types,
    /// What `worsens` found for each intent, as every journey of an intent
    /// gets the same fix.
    known: Vec<(Intent, bool)>,
}

impl<'a> MessageTypes<'a> {
    /// `None` on other platforms, where a lane carries any type's mail.
    pub(super) fn of(plan: &'a Plan, routes: &'a [Route]) -> Option<MessageTypes<'a>> {
        (plan.platform.kind == Platform::CustomerIo).then(|| MessageTypes {
            plan,
            routes,
            before: Types::of(plan, routes),
            known: Vec::new(),
        })
    }

    /// Whether a rule added at the end of the list, sending `intent` to
    /// lane `to`, makes the routing worse for Customer.io: the rule takes
    /// the journeys of `intent` that fall through now.
    fn worsens(&mut self, intent: Intent, to: &str) -> bool {
        if let Some(&(_, worse)) = self.known.iter().find(|k| k.0 == intent) {
            return worse;
        }
        let lanes = (self.plan.journeys.iter().zip(self.routes)).map(|(j, r)| {
            match r.reason == Reason::Default && j.intent == intent {
                true => Some(to),
                false => r.lane_id.as_deref(),
            }
        });
        let worse = !Types::of_lanes(self.plan, lanes).no_worse_than(self.before);
        self.known.push((intent, worse));
        worse
    }
}

/// A journey no rule matches, with a fix that adds a rule for its intent
/// to the lane that fits it (`home_of`), a new lane of its kind when none
/// does; on Customer.io, none where that rule would leave a routing
/// Customer.io builds less well (`MessageTypes`).
pub(super) fn falls_through(
    plan: &Plan,
    journey: &Journey,
    (path, rule): (String, &str),
    types: Option<&mut MessageTypes>,
) -> Diagnostic {
    let finding = Diagnostic::info(
        "routing.falls_through",
        path,
        format!(
            "“{}” matches no rule and falls through to the default lane.",
            journey.called()
        ),
    )
    .hint("Add a rule for its intent so the choice is deliberate.");
    let intent = journey.intent;
    let Some(home) = home_of(plan, intent, None) else {
        return finding;
    };
    let to = home.id(plan);
    if types.is_some_and(|t| t.worsens(intent, &to)) {
        return finding;
    }
    let mut edits = home.add_edits(plan);
    edits.extend(add_rule(rule, intent.label(), &[intent], &to));
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
pub(super) fn no_rules(plan: &Plan, routes: &[Route]) -> Option<Diagnostic> {
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
pub(super) fn rules_of(plan: &Plan) -> Plan {
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
