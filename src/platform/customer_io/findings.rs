//! What keeps a plan from being built on Customer.io, in words, each with
//! its fix.

use crate::plan::diagnostic::{Diagnostic, Fix};
use crate::plan::edit::Edit;
use crate::plan::model::{Journey, Lane, Plan, TriggerKind};
use crate::units::{count, group};

use super::nearest::{cheaper_all_emails, fullest, marketing, Analysis, Change, Outcome, Placed};
use super::servers::{
    change_edits, moved_rule, own_delivery, own_delivery_edit, port_changes, port_edits, servers,
    set_all_emails, trigger_name,
};
use super::{
    ConflictReason, MessageType, Nearest, OwnDelivery, PortChange, MAX_SERVERS, NEAREST_FIX,
    PORTS_SOURCE, SERVERS_SOURCE,
};

pub(super) fn own_delivery_finding(plan: &Plan, own: &OwnDelivery) -> Diagnostic {
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

/// The nearest plan with the plan's own All Emails lane (or the nearest
/// lane for it, when it has none): every change as one fix, with its steps
/// in words; `None` when the plan fits as drawn.
pub(super) fn whole_fix(plan: &Plan, analysis: &Analysis) -> Option<Nearest> {
    let servers = servers(plan, analysis);
    let ports = port_changes(plan, &servers);
    let own = own_delivery(plan, &servers);
    let mut edits = Vec::new();
    if analysis.all_emails_changes(plan) {
        edits.push(set_all_emails(plan, analysis));
    }
    for change in &analysis.resolution.changes {
        for edit in change_edits(plan, analysis, change, false) {
            // A rule sent whole is sent once for all its journeys.
            if !matches!(edit, Edit::Rule { .. }) || !edits.contains(&edit) {
                edits.push(edit);
            }
        }
    }
    for port in &ports {
        if let Some(lane) = plan.lane(&port.lane) {
            edits.extend(port_edits(port, lane));
        }
    }
    edits.extend(own.iter().map(own_delivery_edit));
    (!edits.is_empty()).then(|| Nearest {
        steps: steps(plan, analysis, (&ports, &own)),
        fix: Fix {
            label: NEAREST_FIX.to_string(),
            edits,
        },
    })
}

/// A missing All Emails lane, or one the transactional API's mail is not
/// on when moving All Emails to it changes less than moving the mail.
pub(super) fn all_emails_finding(plan: &Plan, analysis: &Analysis) -> Option<Diagnostic> {
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

/// Whether transactional API mail planned on a lane of `planned` purpose
/// should bring All Emails to its lane rather than move to `to`: All
/// Emails carries receipts and codes, so it is kept off marketing lanes.
fn all_emails_comes(to: &Lane, planned: &Lane) -> bool {
    marketing(to.purpose) && !marketing(planned.purpose)
}

/// Whether a conflict is best solved by making the journey's own lane the
/// All Emails lane (`all_emails_comes`), as the page words it.
pub fn all_emails_instead(plan: &Plan, c: &super::Conflict) -> bool {
    let to = match &c.suggested {
        super::Suggestion::Move { lane } => plan.lane(lane),
        _ => None,
    };
    let planned = plan.lane(&c.planned_lane);
    c.reason == ConflictReason::TransactionalApi
        && to
            .zip(planned)
            .is_some_and(|(to, planned)| all_emails_comes(to, planned))
}

pub(super) fn change_finding(plan: &Plan, analysis: &Analysis, change: &Change) -> Diagnostic {
    let placed = &analysis.placed[change.at];
    if let Outcome::Move(to) = change.to {
        let (to, own) = (&plan.lanes[to], &plan.lanes[placed.lane]);
        if change.reason == ConflictReason::TransactionalApi && all_emails_comes(to, own) {
            return Diagnostic::error(
                "platform.cio_transactional_lane",
                format!("$.journeys[{}].lane_override", placed.index),
                format!("{}, a marketing lane, so “{}” cannot go to {}.", change_reason(plan, analysis, change), placed.journey.called(), own.name),
            )
            .hint(format!("All Emails carries receipts and codes: keep it on a lane of such mail. Source: {SERVERS_SOURCE}"))
            .fix(
                format!("Make {} the All Emails lane", own.name),
                vec![Edit::SetAllEmailsLane(Some(own.id.clone()))],
            );
        }
    }
    let name = placed.journey.called();
    let planned = &plan.lanes[placed.lane].name;
    let all_emails = &plan.lanes[analysis.all_emails].name;
    let why = change_reason(plan, analysis, change);
    let (field, message, label) = match change.to {
        Outcome::Move(lane) => (
            "lane_override",
            format!("{why}, so “{name}” cannot go to {planned}."),
            move_label(plan, analysis, placed, &plan.lanes[lane].name),
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

/// A move's label: the journey's, or its rule's when the rule goes whole.
fn move_label(plan: &Plan, analysis: &Analysis, placed: &Placed, to: &str) -> String {
    match moved_rule(analysis, placed) {
        Some(rule) => {
            let name = (plan.rules.iter())
                .find(|r| r.id == rule)
                .map_or(rule, |r| r.name.as_str());
            format!("Send rule “{name}” to {to}")
        }
        None => format!("Move it to {to}"),
    }
}

/// Why a journey's type does not go through its planned lane.
fn change_reason(plan: &Plan, analysis: &Analysis, change: &Change) -> String {
    let all_emails = &plan.lanes[analysis.all_emails].name;
    let kind = change.kind.label();
    match change.reason {
        ConflictReason::TransactionalApi => format!(
            "“{}” is sent through the transactional API, which Customer.io sends through the All Emails server on {all_emails}",
            analysis.placed[change.at].journey.called()
        ),
        ConflictReason::TooManyServers => format!(
            "Customer.io uses at most {MAX_SERVERS} SMTP servers, All Emails and three message types, and this plan needs more. {kind}, the type whose return changes the fewest journeys, goes back to All Emails on {all_emails}"
        ),
        ConflictReason::TypeSplit => {
            let lane = settled_lane(analysis, change.kind);
            let theirs = (analysis.placed.iter()).filter(|p| p.kind == change.kind);
            let why = if fullest(plan.lanes.len(), theirs) == Some(lane) {
                "which carries most of its journeys"
            } else {
                "the lane its journeys' kind of mail belongs on"
            };
            format!(
                "Customer.io picks the SMTP server by message type, and {kind} mail is planned on more than one lane: it goes through {}, {why}",
                plan.lanes[lane].name
            )
        }
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
    if name.is_empty() {
        return match kind.trigger() {
            TriggerKind::SegmentEntry => "entering a segment",
            TriggerKind::Event => "an event",
            TriggerKind::ApiBroadcast => "an API-triggered broadcast",
            TriggerKind::Scheduled => "a weekly schedule",
            TriggerKind::TransactionalApi => "a transactional message",
        }
        .to_string();
    }
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

pub(super) fn port_finding(plan: &Plan, port: &PortChange) -> Diagnostic {
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
pub(super) fn summary_finding(analysis: &Analysis, nearest: Nearest) -> Diagnostic {
    let message = not_buildable(analysis.resolution.changes.len());
    Diagnostic::error("platform.cio_not_buildable", "$.platform", message)
        .hint(format!(
            "The nearest plan it can build: {}. Source: {SERVERS_SOURCE}",
            first_few(&nearest.steps)
        ))
        .fix(nearest.fix.label, nearest.fix.edits)
}

/// The nearest plan's steps, in words.
fn steps(
    plan: &Plan,
    analysis: &Analysis,
    (ports, own): (&[PortChange], &[OwnDelivery]),
) -> Vec<String> {
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
        let name = journey.called();
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
    steps
}

/// Why Customer.io cannot build the plan as drawn, in the words of the
/// findings and of the servers table.
pub(super) fn not_buildable(changes: usize) -> String {
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
