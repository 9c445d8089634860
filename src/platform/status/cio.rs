//! Customer.io's column: its servers to add, what keeps each lane from
//! its planned server, and the steps there.

use super::{fit_of, header_step, LaneFit};
use crate::plan::model::{Lane, Migration, Plan, Provider};
use crate::platform::customer_io::moves::{self, Arriving};
use crate::platform::customer_io::{self, CioSetup, ConflictReason, MessageType, Suggestion};
use crate::units::{and_list, count};

/// The plan set up on Customer.io, with the mail its migrations move onto
/// lanes whose servers do not carry it yet.
pub(super) struct Cio<'a> {
    pub(super) setup: &'a CioSetup,
    pub(super) arriving: &'a [Arriving<'a>],
    /// The migrations that would move mail but have no first day yet.
    pub(super) unscheduled: &'a [&'a Migration],
}

/// The servers the migrations add: one for each lane and type, on lanes
/// with an SMTP server of their own.
fn added_servers(plan: &Plan, cio: &Cio) -> u32 {
    moves::added(plan, cio.arriving).len() as u32
}

pub(super) fn cio_platform_steps(plan: &Plan, cio: &Cio) -> Vec<String> {
    let added = added_servers(plan, cio);
    let cio = cio.setup;
    let total = cio.servers.len() as u32 + added;
    let mut steps = Vec::new();
    if cio.fix.is_some() {
        steps.push(match cio.conflicts.len() {
            0 => "Change the plan first, with its Customer.io fix.".to_string(),
            1 => "Change the plan first, with its Customer.io fix: 1 journey moves or changes trigger.".to_string(),
            n => format!(
                "Change the plan first, with its Customer.io fix: {} move or change trigger.",
                count(n as u64, "journey", "journeys")
            ),
        });
    }
    if total > 1 {
        steps.push(
            "Check that the workspace is on Customer.io's Premium plan, which several SMTP servers need.".to_string(),
        );
    }
    let add = "In Workspace Settings, Email, Custom SMTP Settings, add";
    match cio.servers.len() {
        0 => {}
        1 => steps.push(format!("{add} the one server; it keeps All Emails.")),
        n => steps.push(format!(
            "{add} the {n} servers in the order of their numbers; the first keeps All Emails."
        )),
    }
    if moves::in_place(cio, added as usize) {
        steps.push(format!(
            "The migrations' servers would make {total} in all, and with five or more Customer.io uses only four of them: {}, so the workspace keeps {}.",
            moves::IN_PLACE,
            count(cio.servers.len() as u64, "server", "servers")
        ));
    }
    steps
}

pub(super) fn cio_fit(plan: &Plan, with_moves: &Cio, lane: &Lane) -> LaneFit {
    let cio = with_moves.setup;
    let mut reasons: Vec<String> = cio
        .conflicts
        .iter()
        .filter(|c| c.planned_lane == lane.id)
        .map(|c| conflict_reason(plan, c))
        .collect();
    let is_all_emails = cio.all_emails_lane.as_deref() == Some(lane.id.as_str());
    let was_all_emails = plan.platform.all_emails_lane.as_deref() == Some(lane.id.as_str());
    if cio.all_emails_changes && is_all_emails {
        reasons.push("It becomes the All Emails lane.".to_string());
    } else if cio.all_emails_changes && was_all_emails {
        reasons.push("It gives up All Emails to another lane.".to_string());
    }
    for port in cio.ports.iter().filter(|p| p.lane == lane.id) {
        reasons.push(format!(
            "Its port {} becomes {}: Customer.io has refused 25, 465 and 587.",
            port.planned, port.suggested
        ));
    }
    for reason in move_reasons(plan, with_moves, lane) {
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    let serves = cio.servers.iter().any(|s| s.lane == lane.id);
    let custom_elsewhere = cio.servers.iter().any(|s| {
        plan.lane(&s.lane)
            .is_some_and(|l| l.smtp.provider != Provider::CustomerIo)
    });
    if serves && lane.smtp.provider == Provider::CustomerIo && custom_elsewhere {
        reasons.push("Once custom SMTP servers carry All Emails, every message type goes through one of them, so Customer.io's own delivery carries none of this lane's mail.".to_string());
        return LaneFit::NotPossible(reasons);
    }
    let planned = cio.conflicts.iter().filter(|c| c.planned_lane == lane.id);
    let all_move = planned.clone().count() > 0
        && planned.clone().all(|c| {
            matches!(
                c.suggested,
                Suggestion::Move { .. } | Suggestion::TriggerAndMove { .. }
            )
        })
        && !serves;
    if all_move {
        reasons.push(
            "None of its journeys can stay, so Customer.io sends nothing through it.".to_string(),
        );
        return LaneFit::NotPossible(reasons);
    }
    fit_of(reasons)
}

/// What the scheduled migrations do to a lane on Customer.io that the plan
/// does not say: a ramp onto it, which Customer.io cannot split by day, and
/// the journeys of a type that move with the migration, off the lane or
/// onto it, in the Platform tab's steps' words.
fn move_reasons(plan: &Plan, cio: &Cio, lane: &Lane) -> Vec<String> {
    let mut reasons = Vec::new();
    for a in cio.arriving {
        let onto = a.migration.to_lane == lane.id;
        if onto && a.ramps() {
            reasons.push(format!("{}.", moves::ramp_words(plan, lane, a)));
        }
        if onto || a.server.lane == lane.id {
            reasons.extend(moves::whole_type(plan, a));
        }
    }
    reasons
}

fn conflict_reason(plan: &Plan, conflict: &customer_io::Conflict) -> String {
    let name = plan
        .journeys
        .iter()
        .find(|j| j.id == conflict.journey)
        .map_or(conflict.journey.as_str(), |j| j.called());
    let kind = conflict.message_type.label();
    let why = match conflict.reason {
        ConflictReason::TypeSplit => format!("{kind} mail goes through one lane"),
        ConflictReason::TooManyServers => {
            format!("Customer.io uses at most four servers, so {kind} goes back to All Emails")
        }
        ConflictReason::TransactionalApi => {
            "transactional API mail goes through All Emails".to_string()
        }
    };
    match &conflict.suggested {
        Suggestion::Move { lane } => {
            format!("“{name}” moves to {}: {why}.", plan.lane_name(lane))
        }
        Suggestion::Trigger { trigger } => format!(
            "“{name}” is triggered by {} instead: {why}.",
            customer_io::trigger_words(*trigger)
        ),
        Suggestion::TriggerAndMove { trigger, lane } => format!(
            "“{name}” is triggered by {} and moves to {}: {why}.",
            customer_io::trigger_words(*trigger),
            plan.lane_name(lane)
        ),
    }
}

pub(super) fn cio_steps(plan: &Plan, cio: &Cio, lane: &Lane) -> Vec<String> {
    let on_lane: Vec<&customer_io::Server> = (cio.setup.servers.iter())
        .filter(|s| s.lane == lane.id)
        .collect();
    let arriving: Vec<&Arriving> = (cio.arriving.iter())
        .filter(|a| a.migration.to_lane == lane.id)
        .collect();
    if on_lane.is_empty() && arriving.is_empty() {
        return vec![no_server(cio, lane)];
    }
    // Beside custom servers, the fix moves the lane to one of its own,
    // which the platform's step counts among the servers to add.
    let own = (cio.setup.own_delivery.iter()).find(|o| o.lane == lane.id);
    if let (Some(own), Some(server)) = (own, on_lane.first()) {
        let kind = server.email_type.label();
        return vec![format!(
            "Add server {}, “{} ({kind})”, email type {kind}, once the plan's Customer.io fix moves the lane to {}: beside custom servers, Customer.io's own delivery carries none of its mail.",
            server.order,
            lane.name,
            own.suggested.label()
        )];
    }
    if lane.smtp.provider == Provider::CustomerIo {
        return vec!["Send through Customer.io's own delivery: no SMTP server to add.".to_string()];
    }
    let smtp = &lane.smtp;
    let (host, port) = moves::server_settings(cio.setup, lane);
    let mut steps: Vec<String> = on_lane
        .iter()
        .map(|server| {
            format!(
                "Add server {}, “{} ({})”: {host}, port {port}, email type {}.",
                server.order,
                lane.name,
                server.email_type.label(),
                server.email_type.label()
            )
        })
        .collect();
    // With as many servers as Customer.io uses, each move changes the old
    // lane's server in place, as the platform's step says.
    let full = moves::in_place(cio.setup, moves::added(plan, cio.arriving).len());
    let mut added: Vec<MessageType> = Vec::new();
    for a in arriving {
        let kind = a.server.email_type;
        if !full && !added.contains(&kind) {
            added.push(kind);
            steps.push(format!(
                "Add a server “{} ({})”: {host}, port {port}, email type None; migration “{}” moves {} mail here from {}.",
                lane.name,
                kind.label(),
                moves::title(a.migration),
                kind.label(),
                plan.lane_name(&a.server.lane)
            ));
        }
        steps.push(moves::switch_step(plan, cio.setup, lane, a, full));
    }
    steps.extend(header_step(plan, lane, smtp.provider));
    steps
}

/// The step of a lane no server carries mail for: none, or none yet while
/// the migrations that would bring it mail have no first day, since
/// nothing moves before then.
fn no_server(cio: &Cio, lane: &Lane) -> String {
    let waiting: Vec<String> = (cio.unscheduled.iter())
        .filter(|m| m.to_lane == lane.id)
        .map(|m| format!("“{}”", moves::title(m)))
        .collect();
    match waiting.len() {
        0 => format!(
            "Add no server: none of the plan's mail goes through {} on Customer.io.",
            lane.name
        ),
        1 => format!(
            "No server yet: migration {} would move mail here but has no first day; once it has one, these steps give the server it needs.",
            waiting[0]
        ),
        _ => format!(
            "No server yet: migrations {} would move mail here but have no first day; once they have one, these steps give the servers they need.",
            and_list(&waiting)
        ),
    }
}

// ESPs.
