//! The servers of the buildable plan, the ports and deliveries Customer.io
//! refuses, and the edits that make the plan.

use crate::plan::edit::{Edit, JourneyField, LaneField, RuleField};
use crate::plan::model::{Journey, Lane, Plan, Provider, Security, Trigger, TriggerKind};

use super::nearest::{Analysis, Change, Outcome, Placed};
use super::{
    accepted_port, Conflict, MessageType, OwnDelivery, PortChange, Server, Suggestion,
    REFUSED_PORTS,
};

/// The servers of the buildable plan in the order to add them: All Emails
/// first, then the rest by lane and by type.
pub(super) fn servers(plan: &Plan, analysis: &Analysis) -> Vec<Server> {
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
pub(super) fn port_changes(plan: &Plan, servers: &[Server]) -> Vec<PortChange> {
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

pub(super) fn conflicts(plan: &Plan, analysis: &Analysis) -> Vec<Conflict> {
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
pub(super) fn change_edits(
    plan: &Plan,
    analysis: &Analysis,
    change: &Change,
    alone: bool,
) -> Vec<Edit> {
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
    edits.push(match moved_rule(analysis, placed) {
        Some(rule) => Edit::Rule {
            rule: rule.to_string(),
            set: RuleField::Lane(plan.lanes[lane].id.clone()),
        },
        None => pin(plan, placed, lane),
    });
    edits
}

/// The rule that routes a moving journey, when all its journeys move to
/// the same lane, so that the fix sends the rule there.
pub(super) fn moved_rule<'a>(analysis: &Analysis<'a>, placed: &Placed<'a>) -> Option<&'a str> {
    placed
        .rule
        .filter(|rule| analysis.whole_rules.contains_key(rule))
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
    let name_empty = name.is_empty();
    let named = match kind {
        TriggerKind::TransactionalApi => Some(JourneyField::TransactionalMessage(name)),
        TriggerKind::SegmentEntry => Some(JourneyField::Segment(name)),
        TriggerKind::Event => Some(JourneyField::EventName(name)),
        TriggerKind::ApiBroadcast => Some(JourneyField::Broadcast(name)),
        TriggerKind::Scheduled => None,
    };
    let mut edits = vec![set(JourneyField::TriggerKind(kind))];
    edits.extend(named.filter(|_| !name_empty).map(set));
    let pinned_there = placed.overridden && lane == placed.lane;
    if !pinned_there && !rules_keep(plan, journey, &edits, lane) {
        edits.push(pin(plan, placed, lane));
    }
    edits
}

/// The name a journey's trigger goes by, else the journey's own name as
/// typed; empty when it has neither, so a fix names nothing it invents
/// and the missing name stays a finding.
pub(super) fn trigger_name(journey: &Journey) -> String {
    let own = match &journey.trigger {
        Trigger::Event { event_name, .. } => event_name.as_str(),
        Trigger::SegmentEntry { segment } => segment,
        Trigger::ApiBroadcast { broadcast } => broadcast,
        Trigger::TransactionalApi { message } => message,
        Trigger::Scheduled { .. } => "",
    };
    [own, journey.name.as_str()]
        .into_iter()
        .map(str::trim)
        .find(|n| !n.is_empty())
        .unwrap_or_default()
        .to_string()
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

pub(super) fn set_all_emails(plan: &Plan, analysis: &Analysis) -> Edit {
    Edit::SetAllEmailsLane(Some(plan.lanes[analysis.all_emails].id.clone()))
}

pub(super) fn port_edits(port: &PortChange, lane: &Lane) -> Vec<Edit> {
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
pub(super) fn own_delivery(plan: &Plan, servers: &[Server]) -> Vec<OwnDelivery> {
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

pub(super) fn own_delivery_edit(own: &OwnDelivery) -> Edit {
    Edit::Lane {
        lane: own.lane.clone(),
        set: LaneField::Provider(own.suggested),
    }
}
