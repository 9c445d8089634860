//! SendGrid Event Webhook records.

use std::borrow::Cow;

use serde::Deserialize;

use super::{hash_id, no_day, parse, Event, First, Flag, Kind, Text, Time};
use crate::monitor::{KeyKind, Mailbox};

/// Reads one SendGrid record.
pub(super) fn read<'a>(record: &'a str, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    sendgrid(parse(record)?, emit)
}

#[derive(Deserialize)]
struct SendGrid<'a> {
    #[serde(borrow)]
    event: Cow<'a, str>,
    timestamp: Time,
    #[serde(borrow, default)]
    email: Option<Text<'a>>,
    #[serde(borrow, default)]
    sg_event_id: Option<Text<'a>>,
    #[serde(borrow, default)]
    sg_message_id: Option<Text<'a>>,
    #[serde(borrow, default, rename = "type")]
    kind: Option<Text<'a>>,
    #[serde(borrow, default)]
    pool: Option<Pool<'a>>,
    #[serde(borrow, default)]
    category: Option<First<'a>>,
    #[serde(default)]
    sg_machine_open: Option<Flag>,
    #[serde(borrow, default)]
    lane: Option<Text<'a>>,
    /// The sending IP on `delivered`; on opens and clicks, the reader's.
    #[serde(borrow, default)]
    ip: Option<Text<'a>>,
}

#[derive(Deserialize)]
struct Pool<'a> {
    #[serde(borrow, default)]
    name: Option<Text<'a>>,
}

fn sendgrid<'a>(r: SendGrid<'a>, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    let day = r.timestamp.0.ok_or_else(no_day)?;
    let kind = match r.event.as_ref() {
        "processed" => Kind::Sent,
        "delivered" => Kind::Delivered,
        "bounce" if r.kind.as_deref() == Some("blocked") => Kind::SoftBounce,
        "bounce" => Kind::HardBounce,
        "deferred" => Kind::Deferred,
        "spamreport" => Kind::Complaint,
        "open" => Kind::Open {
            machine: r.sg_machine_open.is_some_and(|f| f.0),
        },
        "click" => Kind::Click,
        "unsubscribe" | "group_unsubscribe" => Kind::Unsubscribe,
        // Dropped mail was never sent; the rest are not delivery events.
        _ => return Ok(()),
    };
    let category = r.category.and_then(|c| c.0);
    let ip = r.ip.filter(|_| kind == Kind::Delivered);
    let key = match (r.lane, r.pool.and_then(|p| p.name), category, ip) {
        (Some(lane), ..) => Some((KeyKind::LaneTag, lane.0)),
        (_, Some(pool), ..) => Some((KeyKind::SendgridPool, pool.0)),
        (_, _, Some(c), _) => Some((KeyKind::SendgridCategory, c)),
        (_, _, _, Some(ip)) => Some((KeyKind::SendingIp, ip.0)),
        _ => None,
    };
    emit(Event {
        id: r
            .sg_event_id
            .as_deref()
            .map(|id| hash_id(&["sendgrid", id])),
        day,
        kind,
        key,
        mailbox: Mailbox::of(r.email.as_deref().unwrap_or("")),
        message: r.sg_message_id.map(|m| m.0),
    });
    Ok(())
}
