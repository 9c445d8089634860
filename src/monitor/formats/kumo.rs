//! KumoMTA log records.

use std::borrow::Cow;

use serde::Deserialize;

use super::{hash_id, no_day, parse, Event, Kind, Lane, Text, Time};
use crate::monitor::{KeyKind, Mailbox};

/// Reads one KumoMTA log record.
pub(super) fn read<'a>(record: &'a str, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    kumo(parse(record)?, emit)
}

#[derive(Deserialize)]
struct Kumo<'a> {
    #[serde(borrow, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    id: Option<Text<'a>>,
    #[serde(borrow, default)]
    recipient: Option<Text<'a>>,
    timestamp: Time,
    #[serde(borrow, default)]
    egress_pool: Option<Text<'a>>,
    #[serde(borrow, default)]
    egress_source: Option<Text<'a>>,
    #[serde(default)]
    num_attempts: Option<u32>,
    #[serde(borrow, default)]
    meta: Option<Lane<'a>>,
}

fn kumo<'a>(r: Kumo<'a>, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    let day = r.timestamp.0.ok_or_else(no_day)?;
    let kind = match r.kind.as_ref() {
        "Reception" => Kind::Sent,
        "Delivery" => Kind::Delivered,
        "Bounce" | "OOB" => Kind::HardBounce,
        // The message expired in the queue: a bounce that was not permanent.
        "Expiration" => Kind::SoftBounce,
        "TransientFailure" | "Delayed" => Kind::Deferred,
        "Feedback" => Kind::Complaint,
        _ => return Ok(()),
    };
    let key = match (r.meta.and_then(|m| m.lane), r.egress_pool, r.egress_source) {
        (Some(lane), ..) => Some((KeyKind::LaneTag, lane.0)),
        (_, Some(pool), _) => Some((KeyKind::KumoPool, pool.0)),
        (_, _, Some(source)) => Some((KeyKind::SendingIp, source.0)),
        _ => None,
    };
    let attempts = r.num_attempts.unwrap_or(0).to_string();
    emit(Event {
        id: r
            .id
            .as_deref()
            .map(|id| hash_id(&["kumo", id, &r.kind, &attempts])),
        day,
        kind,
        key,
        mailbox: Mailbox::of(r.recipient.as_deref().unwrap_or("")),
        message: None,
    });
    Ok(())
}
