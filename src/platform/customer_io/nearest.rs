//! The nearest plan Customer.io can build: each message type kept on the
//! lane carrying most of its journeys, and the journeys that must change.

// A fixed, fast hasher: the keys are the plan's own ids and names.
use rustc_hash::FxHashMap as HashMap;

use crate::plan::model::{Intent, Journey, Plan, Purpose};
use crate::plan::routing::{Reason, Routing};

use super::{ConflictReason, MessageType, MAX_SERVERS};

/// A routed journey: where it is planned and what type its mail is.
pub(super) struct Placed<'a> {
    pub(super) index: usize,
    pub(super) journey: &'a Journey,
    pub(super) lane: usize,
    pub(super) kind: MessageType,
    /// Whether its lane is set on the journey itself.
    pub(super) overridden: bool,
    /// The id of the rule that routes it, if one does.
    pub(super) rule: Option<&'a str>,
}

/// One journey the nearest buildable plan changes.
pub(super) struct Change {
    /// Position in `placed`.
    pub(super) at: usize,
    pub(super) kind: MessageType,
    pub(super) reason: ConflictReason,
    pub(super) to: Outcome,
}

/// Where a changed journey's mail ends up.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Outcome {
    /// It moves to this lane, keeping its trigger.
    Move(usize),
    /// It stays, sent through the transactional API instead.
    Api,
    /// It stays, triggered so that its mail is of this type instead.
    Retype(MessageType),
    /// It is triggered so that its mail is of this type, and moves to the
    /// lane of its own tier that carries that type.
    Retarget(MessageType, usize),
}

/// One message type settled on one lane.
pub(super) struct Settled {
    pub(super) kind: MessageType,
    pub(super) lane: usize,
    pub(super) volume: u64,
}

/// The nearest buildable plan with a given All Emails lane.
#[derive(Default)]
pub(super) struct Resolution {
    pub(super) changes: Vec<Change>,
    pub(super) settled: Vec<Settled>,
    pub(super) merged: Vec<MessageType>,
}

/// A plan read for Customer.io: its routed journeys, the All Emails lane
/// of the nearest buildable plan and the changes that make that plan.
pub(super) struct Analysis<'a> {
    pub(super) placed: Vec<Placed<'a>>,
    pub(super) all_emails: usize,
    pub(super) resolution: Resolution,
    /// The rules every journey of which moves to one lane, with that lane:
    /// the fix sends the rule there rather than pinning each journey, so
    /// that no rule is left sending mail where it cannot go.
    pub(super) whole_rules: HashMap<&'a str, usize>,
}

impl Analysis<'_> {
    pub(super) fn all_emails_changes(&self, plan: &Plan) -> bool {
        plan.platform.all_emails_lane.as_deref() != Some(plan.lanes[self.all_emails].id.as_str())
    }

    /// The lane a journey ends on and the type its mail has there.
    pub(super) fn outcome(&self, at: usize) -> (usize, MessageType) {
        let placed = &self.placed[at];
        // Changes are sorted by journey, one at most for each.
        let changes = &self.resolution.changes;
        match changes
            .binary_search_by_key(&at, |c| c.at)
            .map(|i| changes[i].to)
        {
            Ok(Outcome::Move(lane)) => (lane, placed.kind),
            Ok(Outcome::Api) => (placed.lane, MessageType::AllEmails),
            Ok(Outcome::Retype(kind)) => (placed.lane, kind),
            Ok(Outcome::Retarget(kind, lane)) => (lane, kind),
            Err(_) => (placed.lane, placed.kind),
        }
    }
}

/// `None` for a plan without lanes, which has nothing to set up.
pub(super) fn analyse<'a>(plan: &'a Plan, routing: &'a Routing) -> Option<Analysis<'a>> {
    let placed = placed(plan, routing);
    let all_emails = all_emails_lane(plan, &placed)?;
    let resolution = resolve(plan, &placed, all_emails);
    let whole_rules = whole_rules(&placed, &resolution);
    Some(Analysis {
        placed,
        all_emails,
        resolution,
        whole_rules,
    })
}

/// The rules whose journeys all move to one lane, keeping their trigger,
/// with that lane.
fn whole_rules<'a>(placed: &[Placed<'a>], resolution: &Resolution) -> HashMap<&'a str, usize> {
    // `None` marks a rule with a journey that stays or changes otherwise.
    let mut moves: HashMap<&str, Option<usize>> = HashMap::default();
    let mut changes = resolution.changes.iter().peekable();
    for (at, p) in placed.iter().enumerate() {
        // Changes are sorted by journey, one at most for each.
        let change = changes.next_if(|c| c.at == at);
        let Some(rule) = p.rule else { continue };
        let to = match change.map(|c| c.to) {
            Some(Outcome::Move(lane)) => Some(lane),
            _ => None,
        };
        let entry = moves.entry(rule).or_insert(to);
        if *entry != to {
            *entry = None;
        }
    }
    (moves.into_iter())
        .filter_map(|(rule, to)| Some((rule, to?)))
        .collect()
}

/// Every routed journey with its lane's position; unrouted ones are
/// routing's to report.
pub(super) fn placed<'a>(plan: &'a Plan, routing: &'a Routing) -> Vec<Placed<'a>> {
    // Reversed, so that a duplicated id names its first lane.
    let lanes: HashMap<&str, usize> = plan
        .lanes
        .iter()
        .enumerate()
        .rev()
        .map(|(i, lane)| (lane.id.as_str(), i))
        .collect();
    plan.journeys
        .iter()
        .enumerate()
        .filter_map(|(index, journey)| {
            let route = routing.route_at(index, &journey.id)?;
            let lane = *lanes.get(route.lane_id.as_deref()?)?;
            Some(Placed {
                index,
                journey,
                lane,
                kind: MessageType::of(&journey.trigger),
                overridden: route.reason == Reason::Override,
                rule: match &route.reason {
                    Reason::Rule { rule_id, .. } => Some(rule_id.as_str()),
                    _ => None,
                },
            })
        })
        .collect()
}

/// The lane that carries most of these journeys' daily volume; ties go to
/// the earlier lane.
fn busiest<'a>(lanes: usize, journeys: impl Iterator<Item = &'a Placed<'a>>) -> Option<usize> {
    most(lanes, journeys, |_, _, volume| volume)
}

/// The lane that carries most of these journeys, then most of their mail,
/// so that the fewest journeys change; ties go to the earlier lane.
pub(super) fn fullest<'a>(
    lanes: usize,
    journeys: impl Iterator<Item = &'a Placed<'a>>,
) -> Option<usize> {
    most(lanes, journeys, |_, count, volume| (count, volume))
}

/// The lane for these journeys of one message type: among the lanes
/// carrying some, the one where the fewest would mix tiers of mail, so
/// that settling the type never moves cart recovery onto a lane of
/// promotions to make room; then the fullest.
fn home(plan: &Plan, journeys: &[&Placed]) -> Option<usize> {
    let crossings = |lane: usize| {
        let purpose = plan.lanes[lane].purpose;
        (journeys.iter())
            .filter(|p| crosses_tiers(p.journey.intent, purpose))
            .count()
    };
    most(
        plan.lanes.len(),
        journeys.iter().copied(),
        |lane, count, volume| (std::cmp::Reverse(crossings(lane)), count, volume),
    )
}

/// The lane whose journeys score highest, scored by the lane's position
/// and their count and volume.
fn most<'a, K: Ord>(
    lanes: usize,
    journeys: impl Iterator<Item = &'a Placed<'a>>,
    score: impl Fn(usize, u64, u64) -> K,
) -> Option<usize> {
    let mut sums: Vec<Option<(u64, u64)>> = vec![None; lanes];
    for p in journeys {
        let (count, volume) = sums[p.lane].get_or_insert((0, 0));
        *count += 1;
        *volume += u64::from(p.journey.daily_volume);
    }
    let mut best: Option<(usize, K)> = None;
    for (lane, sum) in sums.into_iter().enumerate() {
        let Some((count, volume)) = sum else { continue };
        let key = score(lane, count, volume);
        if best.as_ref().is_none_or(|(_, b)| key > *b) {
            best = Some((lane, key));
        }
    }
    best.map(|(lane, _)| lane)
}

/// The All Emails lane of the nearest plan. A plan that names one keeps it,
/// so that the servers shown are the plan as drawn; `cheaper_all_emails`
/// offers another lane when that changes fewer journeys. A plan that names
/// none takes the lane of its transactional API mail, else its
/// transactional lane, else its first lane.
pub(super) fn all_emails_lane(plan: &Plan, placed: &[Placed]) -> Option<usize> {
    planned_all_emails(plan)
        .or_else(|| api_lane(plan, placed).filter(|&l| !marketing(plan.lanes[l].purpose)))
        .or_else(|| (plan.lanes.iter()).position(|l| l.purpose == Purpose::Transactional))
        .or((!plan.lanes.is_empty()).then_some(0))
}

/// The position of the All Emails lane the plan names, if it has that lane.
fn planned_all_emails(plan: &Plan) -> Option<usize> {
    let id = plan.platform.all_emails_lane.as_deref()?;
    plan.lanes.iter().position(|l| l.id == id)
}

/// The lane carrying most of the plan's transactional API mail.
fn api_lane(plan: &Plan, placed: &[Placed]) -> Option<usize> {
    busiest(
        plan.lanes.len(),
        placed.iter().filter(|p| p.kind == MessageType::AllEmails),
    )
}

/// The lane of the transactional API's mail, when the plan names another
/// All Emails lane and making that one All Emails changes fewer journeys
/// than moving them.
pub(super) fn cheaper_all_emails(plan: &Plan, analysis: &Analysis) -> Option<usize> {
    let planned = planned_all_emails(plan)?;
    // All Emails carries receipts and codes, so it is never offered to a
    // lane of marketing mail, however much less it changes.
    let api = api_lane(plan, &analysis.placed)
        .filter(|&api| api != planned)
        .filter(|&api| !marketing(plan.lanes[api].purpose))?;
    let cost = resolve(plan, &analysis.placed, api).changes.len();
    (cost < analysis.resolution.changes.len()).then_some(api)
}

/// The changes that make the plan fit Customer.io with `all_emails` as the
/// All Emails lane.
fn resolve(plan: &Plan, placed: &[Placed], all_emails: usize) -> Resolution {
    let mut resolution = Resolution::default();
    for (at, p) in placed.iter().enumerate() {
        if p.kind == MessageType::AllEmails && p.lane != all_emails {
            resolution.changes.push(Change {
                at,
                kind: p.kind,
                reason: ConflictReason::TransactionalApi,
                to: Outcome::Move(all_emails),
            });
        }
    }
    for kind in MessageType::ROUTABLE {
        if let Some(settled) = settle(plan, placed, kind, all_emails, &mut resolution.changes) {
            resolution.settled.push(settled);
        }
    }
    merge_extra(placed, all_emails, &mut resolution);
    retype_crossings(plan, placed, &mut resolution);
    resolution.changes.sort_by_key(|c| c.at);
    resolution
}

/// Settles one message type on its journeys' lane (`home`): its
/// journeys elsewhere move there, except transactional mail already on the
/// All Emails lane, which rather switches to the transactional API and
/// stays.
fn settle(
    plan: &Plan,
    placed: &[Placed],
    kind: MessageType,
    all_emails: usize,
    changes: &mut Vec<Change>,
) -> Option<Settled> {
    let stays = |p: &Placed| {
        kind == MessageType::EventTriggered
            && p.journey.intent.is_transactional()
            && p.lane == all_emails
    };
    let theirs: Vec<&Placed> = (placed.iter())
        .filter(|p| p.kind == kind && !stays(p))
        .collect();
    let lane = home(plan, &theirs)?;
    let mut volume = 0;
    for (at, p) in placed.iter().enumerate().filter(|(_, p)| p.kind == kind) {
        if !stays(p) {
            volume += u64::from(p.journey.daily_volume);
        }
        if p.lane == lane {
            continue;
        }
        changes.push(Change {
            at,
            kind,
            reason: ConflictReason::TypeSplit,
            to: if stays(p) {
                Outcome::Api
            } else {
                Outcome::Move(lane)
            },
        });
    }
    Some(Settled { kind, lane, volume })
}

/// Sends types back to All Emails while more than three need a server of
/// their own: each time the type whose return changes the fewest journeys,
/// then the one with the least mail; ties send the later type back.
fn merge_extra(placed: &[Placed], all_emails: usize, resolution: &mut Resolution) {
    loop {
        let own = resolution
            .settled
            .iter()
            .enumerate()
            .filter(|(_, s)| s.lane != all_emails);
        if own.clone().count() < MAX_SERVERS as usize {
            return;
        }
        let cost = |s: &Settled| (merge_cost(placed, all_emails, resolution, s.kind), s.volume);
        let Some((pick, _)) = own.min_by(|(a, x), (b, y)| cost(x).cmp(&cost(y)).then(b.cmp(a)))
        else {
            return;
        };
        let kind = resolution.settled[pick].kind;
        resolution.settled[pick].lane = all_emails;
        resolution.merged.push(kind);
        let changes = &mut resolution.changes;
        changes.retain(|c| c.kind != kind || c.reason != ConflictReason::TypeSplit);
        for (at, p) in placed.iter().enumerate() {
            if p.kind == kind && p.lane != all_emails {
                changes.push(Change {
                    at,
                    kind,
                    reason: ConflictReason::TooManyServers,
                    to: Outcome::Move(all_emails),
                });
            }
        }
    }
}

/// How many more journeys change when `kind` goes back to All Emails: its
/// journeys off the All Emails lane change, and the changes that settled
/// it on its own lane are dropped. Signed, since the second can be more.
fn merge_cost(
    placed: &[Placed],
    all_emails: usize,
    resolution: &Resolution,
    kind: MessageType,
) -> i64 {
    let added = (placed.iter())
        .filter(|p| p.kind == kind && p.lane != all_emails)
        .count();
    let dropped = (resolution.changes.iter())
        .filter(|c| c.kind == kind && c.reason == ConflictReason::TypeSplit)
        .count();
    added as i64 - dropped as i64
}

/// Keeps a journey off a lane of another tier of mail, such as a promotion
/// moving onto the lane that carries cart recovery, when a like trigger's
/// type already has a server on its own lane: it is triggered that way
/// instead and stays. Runs once the servers are settled, so it adds none,
/// and the journey's lane keeps the type it takes, so no later fix moves
/// it back.
fn retype_crossings(plan: &Plan, placed: &[Placed], resolution: &mut Resolution) {
    for change in &mut resolution.changes {
        let Outcome::Move(to) = change.to else {
            continue;
        };
        let p = &placed[change.at];
        // Staying is no better when the journey's own lane is of another
        // tier too.
        let intent = p.journey.intent;
        if !crosses_tiers(intent, plan.lanes[to].purpose)
            || crosses_tiers(intent, plan.lanes[p.lane].purpose)
        {
            continue;
        }
        let lane_of = |kind: MessageType| {
            (resolution.settled.iter())
                .find(|s| s.kind == kind)
                .map(|s| s.lane)
        };
        let like: Vec<MessageType> = like_types(change.kind, intent).collect();
        let elsewhere = (like.iter())
            .filter_map(|&k| Some((k, lane_of(k)?)))
            .find(|&(_, lane)| !crosses_tiers(intent, plan.lanes[lane].purpose));
        if let Some(&kind) = like.iter().find(|k| lane_of(**k) == Some(p.lane)) {
            change.to = Outcome::Retype(kind);
        } else if let Some((kind, lane)) = elsewhere {
            change.to = Outcome::Retarget(kind, lane);
        }
    }
}

/// The types a journey's mail can take with a like trigger, nearest first:
/// the like type, then for a promotion either kind of broadcast.
fn like_types(kind: MessageType, intent: Intent) -> impl Iterator<Item = MessageType> {
    let broadcasts = [MessageType::Newsletters, MessageType::TriggeredBroadcasts];
    let promotion = intent.is_promotional();
    (kind.like().into_iter())
        .chain(broadcasts.into_iter().filter(move |_| promotion))
        .filter(move |&other| other != kind)
}

pub(super) fn marketing(purpose: Purpose) -> bool {
    matches!(
        purpose,
        Purpose::Promotional | Purpose::RevenueFlows | Purpose::Vip
    )
}

/// Whether mail of this intent on a lane of this purpose mixes tiers the
/// plan keeps apart: receipts, revenue flows and promotions (a VIP lane
/// carries promotions). Custom mail is kept off the transactional lane
/// only; migration and custom lanes are the team's to judge.
fn crosses_tiers(intent: Intent, purpose: Purpose) -> bool {
    let lane = match purpose {
        Purpose::Transactional => Purpose::Transactional,
        Purpose::RevenueFlows => Purpose::RevenueFlows,
        Purpose::Promotional | Purpose::Vip => Purpose::Promotional,
        Purpose::Migration | Purpose::Custom => return false,
    };
    match intent.tier() {
        Some(tier) => tier != lane,
        None => lane == Purpose::Transactional,
    }
}
