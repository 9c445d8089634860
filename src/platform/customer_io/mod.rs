//! Customer.io: message types, the servers a plan needs, and the nearest
//! plan Customer.io can build.
//!
//! Customer.io picks a custom SMTP server by message type only. One server
//! keeps "All Emails", the fallback that also carries transactional API
//! mail; each of the four campaign and broadcast types may have a server of
//! its own, and at most four servers are used. A lane plan fits when each
//! type's journeys share one lane. When they do not, the nearest plan that
//! fits keeps each type on the lane where the fewest of its journeys mix
//! tiers of mail, then the one carrying most of them, sends the
//! types whose return changes the fewest journeys back to All Emails while
//! too many need a server, and moves the rest of the journeys.

use serde::Serialize;

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::model::{Plan, Platform, Provider, Trigger, TriggerKind};
use crate::plan::routing::Routing;

mod findings;
pub mod moves;
mod nearest;
mod servers;

use findings::{
    all_emails_finding, change_finding, not_buildable, own_delivery_finding, port_finding,
    summary_finding, whole_fix,
};
pub use findings::{all_emails_instead, trigger_words};
use nearest::{analyse, cheaper_all_emails, Analysis};
use servers::{conflicts, own_delivery, port_changes, servers};

/// Where Customer.io documents routing servers by message type.
pub const SERVERS_SOURCE: &str = "https://customer.io/docs/multiple-smtp-servers";
/// Where Customer.io's older guide lists the ports it refuses.
pub const PORTS_SOURCE: &str = "http://learn.customer.io/getting-started/use-your-smtp-server.html";
/// The most servers Customer.io uses: All Emails and three message types.
pub const MAX_SERVERS: u32 = Platform::CustomerIo.most_servers();
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
    /// Journeys with no lane in the plan, which go to no server.
    pub unrouted: u32,
}

impl CioSetup {
    /// The servers table's summary, which agrees with the findings: whether
    /// Customer.io can build the plan as drawn, and if not, why.
    pub fn verdict(&self) -> String {
        if self.all_emails_changes || !self.conflicts.is_empty() {
            not_buildable(self.conflicts.len())
        } else if !self.own_delivery.is_empty() {
            "Customer.io cannot build this plan as drawn: a lane sends through Customer.io's own delivery beside custom SMTP servers, which carry every type.".to_string()
        } else if self.unrouted > 0 {
            // A journey with no lane has no server to go to: it would send
            // through All Emails, which the plan never chose for it.
            format!(
                "Every routed journey can go to its planned lane on Customer.io, but {} no lane yet and would send through All Emails (see Problems).",
                crate::units::count(self.unrouted.into(), "journey has", "journeys have")
            )
        } else {
            "Every journey can go to its planned lane on Customer.io.".to_string()
        }
    }
}

/// The lanes Customer.io's servers carry mail for, in server order: what
/// `setup` gives as `servers`, without working out the fix.
pub fn server_lanes(plan: &Plan, routing: &Routing) -> Vec<String> {
    let Some(analysis) = analyse(plan, routing) else {
        return Vec::new();
    };
    (servers(plan, &analysis).into_iter())
        .map(|s| s.lane)
        .collect()
}

/// On Customer.io, the lanes the Platform tab adds no server for: none
/// of the plan's journeys lands on them and no migration moves mail there.
/// Empty on any other platform.
pub fn serverless_lanes(plan: &Plan, routing: &Routing) -> Vec<String> {
    if plan.platform.kind != Platform::CustomerIo {
        return Vec::new();
    }
    let served = server_lanes(plan, routing);
    (plan.lanes.iter())
        .filter(|lane| !served.contains(&lane.id))
        .filter(|lane| !plan.migrations.iter().any(|m| m.to_lane == lane.id))
        .map(|lane| lane.id.clone())
        .collect()
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
    let fix = nearest_plan(plan, routing, &analysis).map(|n| n.fix);
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
        unrouted: routing
            .routes
            .iter()
            .filter(|r| r.lane_id.is_none())
            .count() as u32,
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
    // The nearest plan is drawn only when the plan needs redrawing: it
    // analyses the plan a second time.
    if let Some(nearest) = redraws
        .then(|| nearest_plan(plan, routing, &analysis))
        .flatten()
    {
        // One finding whose fix is the whole nearest plan already says it
        // all: a second error for the same cause would count it twice.
        let same = |d: &Diagnostic| d.fix.as_ref().map(|f| &f.edits) == Some(&nearest.fix.edits);
        if !matches!(out.as_slice(), [only] if same(only)) {
            out.push(summary_finding(&analysis, nearest));
        }
    }
    out
}

/// The nearest plan Customer.io can build, drawn from the plan as it
/// stands: what changes on the way, and every change as one fix.
struct Nearest {
    /// The steps, in words.
    pub(super) steps: Vec<String>,
    pub(super) fix: Fix,
}

/// The nearest plan. Where making the transactional API's lane All Emails
/// changes fewer journeys than moving them (as that finding says), the
/// nearest plan does that first and fits the rest around it, so that its
/// fix never moves receipts onto the lane a later finding moves them off.
fn nearest_plan(plan: &Plan, routing: &Routing, analysis: &Analysis) -> Option<Nearest> {
    let Some(at) = cheaper_all_emails(plan, analysis) else {
        return whole_fix(plan, analysis);
    };
    let lane = &plan.lanes[at];
    let set = crate::plan::edit::Edit::SetAllEmailsLane(Some(lane.id.clone()));
    let mut moved = plan.clone();
    crate::plan::edit::edit_plan(&mut moved, set.clone());
    let rest = analyse(&moved, routing).and_then(|a| whole_fix(&moved, &a));
    let mut steps = vec![format!("{} keeps All Emails", lane.name)];
    let mut edits = vec![set];
    if let Some(rest) = rest {
        steps.extend(rest.steps);
        edits.extend(rest.fix.edits);
    }
    Some(Nearest {
        steps,
        fix: Fix {
            label: NEAREST_FIX.to_string(),
            edits,
        },
    })
}

/// The label of the fix that makes the nearest plan.
const NEAREST_FIX: &str = "Make the plan buildable on Customer.io";

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
