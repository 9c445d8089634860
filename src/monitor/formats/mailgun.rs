//! Mailgun events, from the events API or inside a webhook.

use std::borrow::Cow;

use serde::Deserialize;

use super::{hash_id, no_day, parse, Event, Kind, Lane, Text, Time};
use crate::monitor::{KeyKind, Mailbox};

/// Reads one Mailgun record; `webhook` when it is a webhook's body, with
/// the event under `event-data`.
pub(super) fn read<'a>(
    record: &'a str,
    webhook: bool,
    emit: &mut dyn FnMut(Event<'a>),
) -> Result<(), String> {
    if !webhook {
        return mailgun(parse(record)?, emit);
    }
    #[derive(Deserialize)]
    struct Hook<'a> {
        #[serde(borrow, rename = "event-data")]
        data: Mailgun<'a>,
    }
    let hook: Hook = parse(record)?;
    mailgun(hook.data, emit)
}

#[derive(Deserialize)]
struct Mailgun<'a> {
    #[serde(borrow)]
    event: Cow<'a, str>,
    #[serde(borrow, default)]
    id: Option<Text<'a>>,
    timestamp: Time,
    #[serde(borrow, default)]
    severity: Option<Text<'a>>,
    #[serde(borrow, default)]
    reason: Option<Text<'a>>,
    #[serde(borrow, default)]
    envelope: Option<Envelope<'a>>,
    #[serde(borrow, default)]
    recipient: Option<Text<'a>>,
    #[serde(borrow, default)]
    tags: Vec<Text<'a>>,
    #[serde(borrow, default, rename = "user-variables")]
    variables: Option<Lane<'a>>,
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default, rename = "sending-ip")]
    sending_ip: Option<Text<'a>>,
}

fn mailgun<'a>(r: Mailgun<'a>, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    let day = r.timestamp.0.ok_or_else(no_day)?;
    // Mailgun never tried an address on a suppression list
    // (`suppress-bounce`, `suppress-unsubscribe`, …): the failure takes
    // back the send it follows and counts toward no rate.
    let suppressed = r
        .reason
        .as_deref()
        .is_some_and(|w| w.starts_with("suppress-"));
    let kind = match (r.event.as_ref(), r.severity.as_deref()) {
        ("accepted", _) => Kind::Sent,
        ("failed", _) if suppressed => Kind::Unsent,
        ("delivered", _) => Kind::Delivered,
        // Temporary failures are retried; permanent ones are bounces.
        ("failed", Some("temporary")) | ("temporary_fail", _) => Kind::Deferred,
        ("failed", _) | ("permanent_fail", _) => Kind::HardBounce,
        ("complained", _) => Kind::Complaint,
        ("opened", _) => Kind::Open { machine: false },
        ("clicked", _) => Kind::Click,
        ("unsubscribed", _) => Kind::Unsubscribe,
        _ => return Ok(()),
    };
    let key = match (
        r.variables.and_then(|v| v.lane),
        r.envelope.and_then(|e| e.sending_ip),
        r.tags.into_iter().next(),
    ) {
        // The sender's tag before the IP: only deliveries and failures
        // carry the envelope, so a message's events would split between keys.
        (Some(lane), _, _) => Some((KeyKind::LaneTag, lane.0)),
        (_, _, Some(tag)) => Some((KeyKind::MailgunTag, tag.0)),
        (_, Some(ip), _) => Some((KeyKind::SendingIp, ip.0)),
        _ => None,
    };
    emit(Event {
        id: r.id.as_deref().map(|id| hash_id(&["mailgun", id])),
        day,
        kind,
        key,
        mailbox: Mailbox::of(r.recipient.as_deref().unwrap_or("")),
        message: None,
    });
    Ok(())
}
