//! Customer.io: message types, the servers a plan needs, and the nearest
//! plan Customer.io can build.
//!
//! Customer.io picks a custom SMTP server by message type only. One server
//! keeps "All Emails", the fallback that also carries transactional API
//! mail; each of the four campaign and broadcast types may have a server of
//! its own, and at most four servers are used. A lane plan fits when each
//! type's journeys share one lane. When they do not, the nearest plan that
//! fits keeps each type on the lane carrying most of its journeys, sends the
//! types with the least mail back to All Emails while too many need a
//! server, and moves the rest of the journeys.

// A fixed, fast hasher: the keys are the plan's own ids and names.
use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::{Edit, JourneyField, LaneField};
use crate::plan::model::{
    Intent, Journey, Lane, Plan, Platform, Provider, Purpose, Security, Trigger, TriggerKind,
};
use crate::plan::routing::{Reason, Routing};
use crate::units::{count, group};

/// Where Customer.io documents routing servers by message type.
pub const SERVERS_SOURCE: &str = "https://customer.io/docs/multiple-smtp-servers";
/// Where Customer.io's older guide lists the ports it refuses.
pub const PORTS_SOURCE: &str = "http://learn.customer.io/getting-started/use-your-smtp-server.html";
/// The most servers Customer.io uses: All Emails and three message types.
pub const MAX_SERVERS: u32 = 4;
/// Ports Customer.io's custom SMTP settings refuse.
pub const REFUSED_PORTS: &[u16] = Platform::CustomerIo.refused_ports();

/// What Customer.io routes a message by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageType {
    /// The fallback, and the only way for transactional API messages.
    AllEmails,
    SegmentTriggered,
    EventTriggered,
    Newsletters,
    TriggeredBroadcasts,
}

impl MessageType {
    /// The types a server can be set to besides All Emails, in the order
    /// Customer.io lists them.
    pub const ROUTABLE: [MessageType; 4] = [
        MessageType::SegmentTriggered,
        MessageType::EventTriggered,
        MessageType::Newsletters,
        MessageType::TriggeredBroadcasts,
    ];

    /// The type of a journey's mail, from its trigger.
    pub fn of(trigger: &Trigger) -> MessageType {
        match trigger.kind() {
            TriggerKind::Event => MessageType::EventTriggered,
            TriggerKind::SegmentEntry => MessageType::SegmentTriggered,
            TriggerKind::Scheduled => MessageType::Newsletters,
            TriggerKind::ApiBroadcast => MessageType::TriggeredBroadcasts,
            TriggerKind::TransactionalApi => MessageType::AllEmails,
        }
    }

    /// The trigger that gives a journey's mail this type.
    pub fn trigger(self) -> TriggerKind {
        match self {
            MessageType::AllEmails => TriggerKind::TransactionalApi,
            MessageType::SegmentTriggered => TriggerKind::SegmentEntry,
            MessageType::EventTriggered => TriggerKind::Event,
            MessageType::Newsletters => TriggerKind::Scheduled,
            MessageType::TriggeredBroadcasts => TriggerKind::ApiBroadcast,
        }
    }

    /// The type a journey of this type can become with a like trigger:
    /// someone who did something can enter a segment of those who did it,
    /// and a broadcast can be scheduled or triggered through the API.
    fn like(self) -> Option<MessageType> {
        match self {
            MessageType::AllEmails => None,
            MessageType::SegmentTriggered => Some(MessageType::EventTriggered),
            MessageType::EventTriggered => Some(MessageType::SegmentTriggered),
            MessageType::Newsletters => Some(MessageType::TriggeredBroadcasts),
            MessageType::TriggeredBroadcasts => Some(MessageType::Newsletters),
        }
    }

    /// The name Customer.io's server settings use.
    pub fn label(self) -> &'static str {
        match self {
            MessageType::AllEmails => "All Emails",
            MessageType::SegmentTriggered => "Segment Triggered",
            MessageType::EventTriggered => "Event Triggered",
            MessageType::Newsletters => "Newsletters",
            MessageType::TriggeredBroadcasts => "Triggered Broadcasts",
        }
    }
}

/// One custom SMTP server entry: a lane set to one message type. A lane
/// that carries two types needs two entries with the same SMTP details.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Server {
    /// The order to add it in, from 1; All Emails comes first.
    pub order: u32,
    pub lane: String,
    pub email_type: MessageType,
    /// The journeys it carries once the plan can be built, in plan order.
    pub journeys: Vec<String>,
}

/// Why a journey cannot go to its planned lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictReason {
    /// Its message type is planned on more than one lane.
    TypeSplit,
    /// Its type goes back to All Emails: more than three types need servers.
    TooManyServers,
    /// Transactional API mail goes through the All Emails server.
    TransactionalApi,
}

/// What the nearest buildable plan does with a journey.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Suggestion {
    Move {
        lane: String,
    },
    /// Sent through the transactional API instead, so it stays where it is.
    Trigger {
        trigger: TriggerKind,
    },
    /// Triggered another way, and sent through the lane that carries that
    /// type: one of its own tier of mail.
    TriggerAndMove {
        trigger: TriggerKind,
        lane: String,
    },
}

/// A journey that cannot go to its planned lane.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    pub journey: String,
    pub planned_lane: String,
    pub message_type: MessageType,
    pub reason: ConflictReason,
    pub suggested: Suggestion,
}

/// A server lane whose SMTP port Customer.io refuses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PortChange {
    pub lane: String,
    pub planned: u16,
    pub suggested: u16,
}

/// A server lane on Customer.io's own delivery while other servers are
/// custom: the first custom server keeps All Emails, so every type goes
/// through a custom server and the lane's own delivery carries nothing.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OwnDelivery {
    pub lane: String,
    /// The custom servers' provider, which the lane can send through too.
    pub suggested: Provider,
}

/// The plan set up on Customer.io: its servers, what keeps it from being
/// built as drawn, and the fix that makes the nearest plan that can be.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CioSetup {
    /// The All Emails lane of the buildable plan; `None` only without lanes.
    pub all_emails_lane: Option<String>,
    /// Whether that is not the lane the plan names.
    pub all_emails_changes: bool,
    pub servers: Vec<Server>,
    pub conflicts: Vec<Conflict>,
    /// Types that go back to All Emails for want of servers.
    pub merged: Vec<MessageType>,
    pub ports: Vec<PortChange>,
    /// Server lanes on Customer.io's own delivery beside custom servers.
    pub own_delivery: Vec<OwnDelivery>,
    /// More than one server needs Customer.io's Premium plan.
    pub premium: bool,
    /// Every change above as one undo step.
    pub fix: Option<Fix>,
}

impl CioSetup {
    /// The servers table's summary, which agrees with the findings: whether
    /// Customer.io can build the plan as drawn, and if not, why.
    pub fn verdict(&self) -> String {
        if self.all_emails_changes || !self.conflicts.is_empty() {
            not_buildable(self.conflicts.len())
        } else if !self.own_delivery.is_empty() {
            "Customer.io cannot build this plan as drawn: a lane sends through Customer.io's own delivery beside custom SMTP servers, which carry every type.".to_string()
        } else {
            "Every journey can go to its planned lane on Customer.io.".to_string()
        }
    }
}

/// The Customer.io setup of the plan as routed, whatever platform the plan
/// names, so that the platform page can compare.
pub fn setup(plan: &Plan, routing: &Routing) -> CioSetup {
    let Some(analysis) = analyse(plan, routing) else {
        return CioSetup::default();
    };
    let servers = servers(plan, &analysis);
    let ports = port_changes(plan, &servers);
    let own_delivery = own_delivery(plan, &servers);
    let fix = whole_fix(plan, &analysis, &ports, &own_delivery);
    CioSetup {
        all_emails_lane: Some(plan.lanes[analysis.all_emails].id.clone()),
        all_emails_changes: analysis.all_emails_changes(plan),
        premium: servers.len() > 1,
        conflicts: conflicts(plan, &analysis),
        merged: analysis.resolution.merged.clone(),
        servers,
        ports,
        own_delivery,
        fix,
    }
}

/// What keeps a Customer.io plan from being built, each at its place with
/// its own fix, and one finding whose fix makes the nearest plan that can
/// be built. Nothing for plans on another platform.
pub fn findings(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    if plan.platform.kind != Platform::CustomerIo {
        return Vec::new();
    }
    let Some(analysis) = analyse(plan, routing) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    out.extend(all_emails_finding(plan, &analysis));
    out.extend(
        analysis
            .resolution
            .changes
            .iter()
            .map(|change| change_finding(plan, &analysis, change)),
    );
    let servers = servers(plan, &analysis);
    let ports = port_changes(plan, &servers);
    out.extend(ports.iter().map(|port| port_finding(plan, port)));
    let own = own_delivery(plan, &servers);
    out.extend(own.iter().map(|own| own_delivery_finding(plan, own)));
    let redraws = analysis.all_emails_changes(plan) || !analysis.resolution.changes.is_empty();
    if let Some(fix) = whole_fix(plan, &analysis, &ports, &own).filter(|_| redraws) {
        out.push(summary_finding(plan, &analysis, (&ports, &own), fix));
    }
    out
}

/// What Customer.io's limits mean for a plan that fits them: several
/// servers need Premium.
pub fn notes(plan: &Plan, routing: &Routing) -> Vec<Diagnostic> {
    if plan.platform.kind != Platform::CustomerIo {
        return Vec::new();
    }
    let setup = setup(plan, routing);
    if !setup.premium {
        return Vec::new();
    }
    vec![Diagnostic::info(
        "platform.cio_premium",
        "$.platform.kind",
        format!(
            "The plan uses {} custom SMTP servers; Customer.io offers more than one on its Premium plan.",
            setup.servers.len()
        ),
    )
    .hint(format!("Check the workspace's plan before adding the servers. Source: {SERVERS_SOURCE}"))]
}

/// The port Customer.io accepts for a provider: SES listens on 2587, the
/// others on 2525.
pub fn accepted_port(provider: Provider) -> u16 {
    provider.spare_port().unwrap_or(2525)
}

/// A routed journey: where it is planned and what type its mail is.
struct Placed<'a> {
    index: usize,
    journey: &'a Journey,
    lane: usize,
    kind: MessageType,
    /// Whether its lane is set on the journey itself.
    overridden: bool,
}

/// One journey the nearest buildable plan changes.
struct Change {
    /// Position in `placed`.
    at: usize,
    kind: MessageType,
    reason: ConflictReason,
    to: Outcome,
}

/// Where a changed journey's mail ends up.
#[derive(Clone, Copy, PartialEq)]
enum Outcome {
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
struct Settled {
    kind: MessageType,
    lane: usize,
    volume: u64,
}

/// The nearest buildable plan with a given All Emails lane.
#[derive(Default)]
struct Resolution {
    changes: Vec<Change>,
    settled: Vec<Settled>,
    merged: Vec<MessageType>,
}

/// A plan read for Customer.io: its routed journeys, the All Emails lane
/// of the nearest buildable plan and the changes that make that plan.
struct Analysis<'a> {
    placed: Vec<Placed<'a>>,
    all_emails: usize,
    resolution: Resolution,
}

impl Analysis<'_> {
    fn all_emails_changes(&self, plan: &Plan) -> bool {
        plan.platform.all_emails_lane.as_deref() != Some(plan.lanes[self.all_emails].id.as_str())
    }

    /// The lane a journey ends on and the type its mail has there.
    fn outcome(&self, at: usize) -> (usize, MessageType) {
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
fn analyse<'a>(plan: &'a Plan, routing: &Routing) -> Option<Analysis<'a>> {
    let placed = placed(plan, routing);
    let all_emails = all_emails_lane(plan, &placed)?;
    let resolution = resolve(plan, &placed, all_emails);
    Some(Analysis {
        placed,
        all_emails,
        resolution,
    })
}

/// Every routed journey with its lane's position; unrouted ones are
/// routing's to report.
fn placed<'a>(plan: &'a Plan, routing: &Routing) -> Vec<Placed<'a>> {
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
            })
        })
        .collect()
}

/// The lane that carries most of these journeys' daily volume; ties go to
/// the earlier lane.
fn busiest<'a>(lanes: usize, journeys: impl Iterator<Item = &'a Placed<'a>>) -> Option<usize> {
    most(lanes, journeys, |_, volume| volume)
}

/// The lane that carries most of these journeys, then most of their mail,
/// so that the fewest journeys change; ties go to the earlier lane.
fn fullest<'a>(lanes: usize, journeys: impl Iterator<Item = &'a Placed<'a>>) -> Option<usize> {
    most(lanes, journeys, |count, volume| (count, volume))
}

/// The lane whose journeys score highest, scored by their count and volume.
fn most<'a, K: Ord>(
    lanes: usize,
    journeys: impl Iterator<Item = &'a Placed<'a>>,
    score: impl Fn(u64, u64) -> K,
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
        let key = score(count, volume);
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
fn all_emails_lane(plan: &Plan, placed: &[Placed]) -> Option<usize> {
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
fn cheaper_all_emails(plan: &Plan, analysis: &Analysis) -> Option<usize> {
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

/// Settles one message type on the lane carrying most of its journeys: its
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
    let lane = fullest(
        plan.lanes.len(),
        placed.iter().filter(|p| p.kind == kind && !stays(p)),
    )?;
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

/// Sends the types with the least mail back to All Emails while more than
/// three need a server of their own; ties send the later type back.
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
        let Some((pick, _)) = own.min_by(|(a, x), (b, y)| x.volume.cmp(&y.volume).then(b.cmp(a)))
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

fn marketing(purpose: Purpose) -> bool {
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

/// The servers of the buildable plan in the order to add them: All Emails
/// first, then the rest by lane and by type.
fn servers(plan: &Plan, analysis: &Analysis) -> Vec<Server> {
    let all_emails = analysis.all_emails;
    let mut entries: Vec<(usize, MessageType)> = vec![(all_emails, MessageType::AllEmails)];
    let mut own: Vec<(usize, MessageType)> = analysis
        .resolution
        .settled
        .iter()
        .filter(|s| s.lane != all_emails)
        .map(|s| (s.lane, s.kind))
        .collect();
    // Stable, so types on one lane keep Customer.io's order.
    own.sort_by_key(|(lane, _)| *lane);
    entries.extend(own);
    let server_of = |lane: usize, kind: MessageType| {
        entries.iter().position(|e| *e == (lane, kind)).unwrap_or(0)
    };
    let mut journeys: Vec<Vec<String>> = vec![Vec::new(); entries.len()];
    for at in 0..analysis.placed.len() {
        let (lane, kind) = analysis.outcome(at);
        journeys[server_of(lane, kind)].push(analysis.placed[at].journey.id.clone());
    }
    entries
        .into_iter()
        .zip(journeys)
        .enumerate()
        .map(|(i, ((lane, email_type), journeys))| Server {
            order: i as u32 + 1,
            lane: plan.lanes[lane].id.clone(),
            email_type,
            journeys,
        })
        .collect()
}

/// The server lanes whose port Customer.io refuses, once each. Lanes on
/// Customer.io's own delivery have no SMTP port.
fn port_changes(plan: &Plan, servers: &[Server]) -> Vec<PortChange> {
    let mut out: Vec<PortChange> = Vec::new();
    for lane in plan.lanes.iter() {
        let serves = servers.iter().any(|s| s.lane == lane.id);
        let smtp = &lane.smtp;
        if serves && smtp.provider != Provider::CustomerIo && REFUSED_PORTS.contains(&smtp.port) {
            out.push(PortChange {
                lane: lane.id.clone(),
                planned: smtp.port,
                suggested: accepted_port(smtp.provider),
            });
        }
    }
    out
}

fn conflicts(plan: &Plan, analysis: &Analysis) -> Vec<Conflict> {
    analysis
        .resolution
        .changes
        .iter()
        .map(|change| {
            let placed = &analysis.placed[change.at];
            Conflict {
                journey: placed.journey.id.clone(),
                planned_lane: plan.lanes[placed.lane].id.clone(),
                message_type: change.kind,
                reason: change.reason,
                suggested: match change.to {
                    Outcome::Move(lane) => Suggestion::Move {
                        lane: plan.lanes[lane].id.clone(),
                    },
                    Outcome::Api => Suggestion::Trigger {
                        trigger: TriggerKind::TransactionalApi,
                    },
                    Outcome::Retype(kind) => Suggestion::Trigger {
                        trigger: kind.trigger(),
                    },
                    Outcome::Retarget(kind, lane) => Suggestion::TriggerAndMove {
                        trigger: kind.trigger(),
                        lane: plan.lanes[lane].id.clone(),
                    },
                },
            }
        })
        .collect()
}

/// The edits that carry out one change. A journey that moves to an All
/// Emails lane the plan does not name yet also names it, unless `alone` is
/// false because the caller names it once for every change.
fn change_edits(plan: &Plan, analysis: &Analysis, change: &Change, alone: bool) -> Vec<Edit> {
    let placed = &analysis.placed[change.at];
    let lane = match change.to {
        Outcome::Move(lane) => lane,
        Outcome::Api => {
            return retrigger_edits(plan, placed, TriggerKind::TransactionalApi, placed.lane)
        }
        Outcome::Retype(kind) => return retrigger_edits(plan, placed, kind.trigger(), placed.lane),
        Outcome::Retarget(kind, lane) => {
            return retrigger_edits(plan, placed, kind.trigger(), lane)
        }
    };
    let mut edits = Vec::new();
    if alone && lane == analysis.all_emails && analysis.all_emails_changes(plan) {
        edits.push(set_all_emails(plan, analysis));
    }
    edits.push(pin(plan, placed, lane));
    edits
}

fn pin(plan: &Plan, placed: &Placed, lane: usize) -> Edit {
    Edit::Journey {
        journey: placed.journey.id.clone(),
        set: JourneyField::LaneOverride(Some(plan.lanes[lane].id.clone())),
    }
}

/// The edits that trigger a journey another way and send it through
/// `lane`. The old trigger's name (an event's, a segment's) names the new
/// one, and the journey is pinned when the rules would not route it there.
fn retrigger_edits(plan: &Plan, placed: &Placed, kind: TriggerKind, lane: usize) -> Vec<Edit> {
    let journey = placed.journey;
    let set = |set: JourneyField| Edit::Journey {
        journey: journey.id.clone(),
        set,
    };
    let name = trigger_name(journey);
    let named = match kind {
        TriggerKind::TransactionalApi => Some(JourneyField::TransactionalMessage(name)),
        TriggerKind::SegmentEntry => Some(JourneyField::Segment(name)),
        TriggerKind::Event => Some(JourneyField::EventName(name)),
        TriggerKind::ApiBroadcast => Some(JourneyField::Broadcast(name)),
        TriggerKind::Scheduled => None,
    };
    let mut edits = vec![set(JourneyField::TriggerKind(kind))];
    edits.extend(named.map(set));
    let pinned_there = placed.overridden && lane == placed.lane;
    if !pinned_there && !rules_keep(plan, journey, &edits, lane) {
        edits.push(pin(plan, placed, lane));
    }
    edits
}

/// The name a journey's trigger goes by, else the journey's id.
fn trigger_name(journey: &Journey) -> String {
    let name = match &journey.trigger {
        Trigger::Event { event_name, .. } => event_name,
        Trigger::SegmentEntry { segment } => segment,
        Trigger::ApiBroadcast { broadcast } => broadcast,
        Trigger::TransactionalApi { message } => message,
        Trigger::Scheduled { .. } => &journey.id,
    };
    if name.trim().is_empty() {
        journey.id.clone()
    } else {
        name.clone()
    }
}

/// Whether the plan's rules keep `journey` on lane `lane` once `edits`
/// change it, so that it needs no override to stay there.
fn rules_keep(plan: &Plan, journey: &Journey, edits: &[Edit], lane: usize) -> bool {
    let mut alone = Plan {
        lanes: plan.lanes.clone(),
        rules: plan.rules.clone(),
        default_lane: plan.default_lane.clone(),
        journeys: vec![journey.clone()],
        ..Plan::empty(&plan.id)
    };
    for edit in edits {
        crate::plan::edit::edit_plan(&mut alone, edit.clone());
    }
    let routed = crate::plan::routing::route(&alone);
    routed.routes.first().and_then(|r| r.lane_id.as_deref()) == Some(plan.lanes[lane].id.as_str())
}

fn set_all_emails(plan: &Plan, analysis: &Analysis) -> Edit {
    Edit::SetAllEmailsLane(Some(plan.lanes[analysis.all_emails].id.clone()))
}

fn port_edits(port: &PortChange, lane: &Lane) -> Vec<Edit> {
    let set = |set: LaneField| Edit::Lane {
        lane: port.lane.clone(),
        set,
    };
    let mut edits = vec![set(LaneField::SmtpPort(port.suggested))];
    if lane.smtp.security != Security::Starttls {
        edits.push(set(LaneField::SmtpSecurity(Security::Starttls)));
    }
    edits
}

/// The server lanes on Customer.io's own delivery while others are custom,
/// each with the provider of the All Emails server, else of the first
/// custom one.
fn own_delivery(plan: &Plan, servers: &[Server]) -> Vec<OwnDelivery> {
    let provider = |s: &Server| plan.lane(&s.lane).map(|l| l.smtp.provider);
    let Some(custom) = (servers.iter())
        .filter_map(provider)
        .find(|p| *p != Provider::CustomerIo)
    else {
        return Vec::new();
    };
    let mut out: Vec<OwnDelivery> = Vec::new();
    for s in servers
        .iter()
        .filter(|s| provider(s) == Some(Provider::CustomerIo))
    {
        if !out.iter().any(|o| o.lane == s.lane) {
            out.push(OwnDelivery {
                lane: s.lane.clone(),
                suggested: custom,
            });
        }
    }
    out
}

fn own_delivery_edit(own: &OwnDelivery) -> Edit {
    Edit::Lane {
        lane: own.lane.clone(),
        set: LaneField::Provider(own.suggested),
    }
}

fn own_delivery_finding(plan: &Plan, own: &OwnDelivery) -> Diagnostic {
    let index = (plan.lanes.iter())
        .position(|l| l.id == own.lane)
        .unwrap_or(0);
    let lane = &plan.lanes[index].name;
    let provider = own.suggested.label();
    Diagnostic::error(
        "platform.cio_own_delivery",
        format!("$.lanes[{index}].smtp.provider"),
        format!("{lane} sends through Customer.io's own delivery, but the plan's other servers are custom SMTP servers: the first of them keeps All Emails, so every message type goes through a custom server and {lane}'s mail would go out through All Emails instead."),
    )
    .hint(format!("Send {lane} through a custom SMTP server too, or every lane through Customer.io's own delivery. Source: {SERVERS_SOURCE}"))
    .fix(format!("Send {lane} through {provider}"), vec![own_delivery_edit(own)])
}

/// Every change as one fix, or `None` when the plan fits as drawn.
fn whole_fix(
    plan: &Plan,
    analysis: &Analysis,
    ports: &[PortChange],
    own: &[OwnDelivery],
) -> Option<Fix> {
    let mut edits = Vec::new();
    if analysis.all_emails_changes(plan) {
        edits.push(set_all_emails(plan, analysis));
    }
    for change in &analysis.resolution.changes {
        edits.extend(change_edits(plan, analysis, change, false));
    }
    for port in ports {
        if let Some(lane) = plan.lane(&port.lane) {
            edits.extend(port_edits(port, lane));
        }
    }
    edits.extend(own.iter().map(own_delivery_edit));
    (!edits.is_empty()).then(|| Fix {
        label: "Make the plan buildable on Customer.io".to_string(),
        edits,
    })
}

/// A missing All Emails lane, or one the transactional API's mail is not
/// on when moving All Emails to it changes less than moving the mail.
fn all_emails_finding(plan: &Plan, analysis: &Analysis) -> Option<Diagnostic> {
    let (lane, finding) = if analysis.all_emails_changes(plan) {
        let lane = &plan.lanes[analysis.all_emails];
        (lane, no_all_emails(lane))
    } else {
        let lane = &plan.lanes[cheaper_all_emails(plan, analysis)?];
        (lane, api_elsewhere(plan, analysis, lane))
    };
    Some(
        finding
            .hint(format!(
                "Set {} as the All Emails lane. Source: {SERVERS_SOURCE}",
                lane.name
            ))
            .fix(
                format!("Make {} the All Emails lane", lane.name),
                vec![Edit::SetAllEmailsLane(Some(lane.id.clone()))],
            ),
    )
}

fn no_all_emails(nearest: &Lane) -> Diagnostic {
    Diagnostic::error(
        "platform.cio_no_all_emails",
        "$.platform.all_emails_lane",
        format!(
            "No lane keeps Customer.io's “All Emails” server, which one server must keep: it carries transactional API mail and every type without a server of its own. {} is the nearest choice.",
            nearest.name
        ),
    )
}

/// The plan's All Emails lane is not where its transactional API mail is.
fn api_elsewhere(plan: &Plan, analysis: &Analysis, api: &Lane) -> Diagnostic {
    let moving = (analysis.resolution.changes.iter())
        .filter(|c| c.reason == ConflictReason::TransactionalApi)
        .filter(|c| plan.lanes[analysis.placed[c.at].lane].id == api.id)
        .count() as u64;
    let planned = &plan.lanes[analysis.all_emails].name;
    Diagnostic::error(
        "platform.cio_transactional_lane",
        "$.platform.all_emails_lane",
        format!(
            "Customer.io sends transactional API mail through the All Emails server, on {planned}, so {} on {} must move there. Making {} the All Emails lane changes fewer journeys.",
            count(moving, "journey", "journeys"),
            api.name,
            api.name
        ),
    )
}

fn change_finding(plan: &Plan, analysis: &Analysis, change: &Change) -> Diagnostic {
    let placed = &analysis.placed[change.at];
    let name = &placed.journey.name;
    let planned = &plan.lanes[placed.lane].name;
    let all_emails = &plan.lanes[analysis.all_emails].name;
    let why = change_reason(plan, analysis, change);
    let (field, message, label) = match change.to {
        Outcome::Move(lane) => (
            "lane_override",
            format!("{why}, so “{name}” cannot go to {planned}."),
            format!("Move it to {}", plan.lanes[lane].name),
        ),
        Outcome::Retarget(like, lane) => (
            "trigger",
            format!("{why}, and moving “{name}” there would put it beside another tier of mail. Triggered by {}, its mail is {} and goes through {}, with mail like it.", named_trigger(placed.journey, like), like.label(), plan.lanes[lane].name),
            format!("Trigger it by {} on {}", named_trigger(placed.journey, like), plan.lanes[lane].name),
        ),
        Outcome::Retype(like) => (
            "trigger",
            format!("{why}, and moving “{name}” there would put it beside another tier of mail. Triggered by {}, its mail is {} and stays on {planned}.", named_trigger(placed.journey, like), like.label()),
            format!("Trigger it by {}", named_trigger(placed.journey, like)),
        ),
        Outcome::Api => (
            "trigger",
            format!("{why}, so “{name}” cannot stay on {planned} as an event-triggered campaign. Sent through the transactional API, it stays on {all_emails}, the All Emails lane."),
            "Send it through the transactional API".to_string(),
        ),
    };
    let code = match change.reason {
        ConflictReason::TransactionalApi => "platform.cio_transactional_lane",
        ConflictReason::TooManyServers => "platform.cio_too_many_servers",
        ConflictReason::TypeSplit => "platform.cio_type_split",
    };
    let path = format!("$.journeys[{}].{field}", placed.index);
    Diagnostic::error(code, path, message)
        .hint(format!(
            "Move the journey, or change what triggers it. Source: {SERVERS_SOURCE}"
        ))
        .fix(label, change_edits(plan, analysis, change, true))
}

/// Why a journey's type does not go through its planned lane.
fn change_reason(plan: &Plan, analysis: &Analysis, change: &Change) -> String {
    let all_emails = &plan.lanes[analysis.all_emails].name;
    let kind = change.kind.label();
    match change.reason {
        ConflictReason::TransactionalApi => format!(
            "“{}” is sent through the transactional API, which Customer.io sends through the All Emails server on {all_emails}",
            analysis.placed[change.at].journey.name
        ),
        ConflictReason::TooManyServers => format!(
            "Customer.io uses at most {MAX_SERVERS} SMTP servers, All Emails and three message types, and this plan needs more. {kind}, the type with the least mail, goes back to All Emails on {all_emails}"
        ),
        ConflictReason::TypeSplit => format!(
            "Customer.io picks the SMTP server by message type, and {kind} mail is planned on more than one lane: it goes through {}, which carries most of its journeys",
            plan.lanes[settled_lane(analysis, change.kind)].name
        ),
    }
}

/// The lane a settled message type goes through.
fn settled_lane(analysis: &Analysis, kind: MessageType) -> usize {
    (analysis.resolution.settled.iter())
        .find(|s| s.kind == kind)
        .map_or(analysis.all_emails, |s| s.lane)
}

/// The trigger a fix gives a journey, with the name it carries over:
/// “entering the segment “Restock””, “a weekly schedule”.
fn named_trigger(journey: &Journey, kind: MessageType) -> String {
    let name = trigger_name(journey);
    match kind.trigger() {
        TriggerKind::SegmentEntry => format!("entering the segment “{name}”"),
        TriggerKind::Event => format!("the event “{name}”"),
        TriggerKind::ApiBroadcast => format!("the API-triggered broadcast “{name}”"),
        TriggerKind::Scheduled => "a weekly schedule".to_string(),
        TriggerKind::TransactionalApi => format!("the transactional message “{name}”"),
    }
}

/// How a trigger reads after "triggered by".
pub fn trigger_words(kind: TriggerKind) -> &'static str {
    match kind {
        TriggerKind::Event => "an event",
        TriggerKind::SegmentEntry => "entering a segment",
        TriggerKind::Scheduled => "a schedule",
        TriggerKind::ApiBroadcast => "an API-triggered broadcast",
        TriggerKind::TransactionalApi => "the transactional API",
    }
}

fn port_finding(plan: &Plan, port: &PortChange) -> Diagnostic {
    let index = plan
        .lanes
        .iter()
        .position(|l| l.id == port.lane)
        .unwrap_or(0);
    let lane = &plan.lanes[index];
    Diagnostic::warning(
        "platform.cio_port",
        format!("$.lanes[{index}].smtp.port"),
        format!(
            "Customer.io's SMTP settings have refused port {}, and {} sends through it. {} also listens on {}.",
            port.planned,
            lane.name,
            lane.smtp.provider.label(),
            port.suggested
        ),
    )
    .hint(format!(
        "Use port {} with STARTTLS. Customer.io's older guide lists 25, 465 and 587 as refused. Source: {PORTS_SOURCE}",
        port.suggested
    ))
    .fix(format!("Use port {}", port.suggested), port_edits(port, lane))
}

/// The one finding that offers the whole nearest plan.
fn summary_finding(
    plan: &Plan,
    analysis: &Analysis,
    (ports, own): (&[PortChange], &[OwnDelivery]),
    fix: Fix,
) -> Diagnostic {
    let mut steps: Vec<String> = Vec::new();
    if analysis.all_emails_changes(plan) {
        steps.push(format!(
            "{} keeps All Emails",
            plan.lanes[analysis.all_emails].name
        ));
    }
    for kind in &analysis.resolution.merged {
        steps.push(format!("{} goes back to All Emails", kind.label()));
    }
    for change in &analysis.resolution.changes {
        let journey = analysis.placed[change.at].journey;
        let name = &journey.name;
        steps.push(match change.to {
            Outcome::Move(lane) => format!("“{name}” moves to {}", plan.lanes[lane].name),
            Outcome::Api => format!("“{name}” is sent through the transactional API"),
            Outcome::Retype(like) => {
                format!("“{name}” is triggered by {}", named_trigger(journey, like))
            }
            Outcome::Retarget(like, lane) => format!(
                "“{name}” is triggered by {} and moves to {}",
                named_trigger(journey, like),
                plan.lanes[lane].name
            ),
        });
    }
    for port in ports {
        steps.push(format!(
            "{} uses port {}",
            plan.lane_name(&port.lane),
            port.suggested
        ));
    }
    for own in own {
        steps.push(format!(
            "{} sends through {}",
            plan.lane_name(&own.lane),
            own.suggested.label()
        ));
    }
    let message = not_buildable(analysis.resolution.changes.len());
    Diagnostic::error("platform.cio_not_buildable", "$.platform", message)
        .hint(format!(
            "The nearest plan it can build: {}. Source: {SERVERS_SOURCE}",
            first_few(&steps)
        ))
        .fix(fix.label, fix.edits)
}

/// Why Customer.io cannot build the plan as drawn, in the words of the
/// findings and of the servers table.
fn not_buildable(changes: usize) -> String {
    match changes {
        0 => "Customer.io cannot build this plan as drawn: the All Emails lane must change."
            .to_string(),
        1 => {
            "Customer.io cannot build this plan as drawn: 1 journey cannot go to its planned lane."
                .to_string()
        }
        n => format!(
            "Customer.io cannot build this plan as drawn: {} cannot go to their planned lane.",
            count(n as u64, "journey", "journeys")
        ),
    }
}

/// The first changes of a long list, so the hint stays readable; the
/// platform page lists them all.
fn first_few(steps: &[String]) -> String {
    const SHOWN: usize = 6;
    if steps.len() <= SHOWN {
        return steps.join("; ");
    }
    format!(
        "{}; and {} more",
        steps[..SHOWN].join("; "),
        group((steps.len() - SHOWN) as u64)
    )
}
