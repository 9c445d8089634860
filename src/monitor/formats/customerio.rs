//! Customer.io reporting webhook records.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use super::{hash_id, no_day, parse, Event, Kind, Text, Time};
use crate::monitor::{KeyKind, Mailbox};

/// Reads one Customer.io record.
pub(super) fn read<'a>(record: &'a str, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    customerio(parse(record)?, emit)
}

#[derive(Deserialize)]
struct CustomerIo<'a> {
    #[serde(borrow, default)]
    event_id: Option<Text<'a>>,
    #[serde(borrow, default)]
    object_type: Option<Text<'a>>,
    #[serde(borrow)]
    metric: Cow<'a, str>,
    timestamp: Time,
    #[serde(borrow)]
    data: CioData<'a>,
}

#[derive(Deserialize)]
struct CioData<'a> {
    #[serde(borrow, default)]
    recipient: Option<Text<'a>>,
    #[serde(borrow, default)]
    email_address: Option<Text<'a>>,
    #[serde(default)]
    identifiers: Option<Value>,
    #[serde(default)]
    campaign_id: Option<Value>,
    #[serde(default)]
    broadcast_id: Option<Value>,
    #[serde(default)]
    newsletter_id: Option<Value>,
    #[serde(default)]
    transactional_message_id: Option<Value>,
}

fn customerio<'a>(r: CustomerIo<'a>, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    if r.object_type.as_deref().is_some_and(|t| t != "email") {
        return Ok(());
    }
    let day = r.timestamp.0.ok_or_else(no_day)?;
    let kind = match r.metric.as_ref() {
        "sent" => Kind::Sent,
        "delivered" => Kind::Delivered,
        "bounced" => Kind::HardBounce,
        "deferred" => Kind::Deferred,
        "spammed" => Kind::Complaint,
        "opened" => Kind::Open { machine: false },
        "clicked" => Kind::Click,
        "unsubscribed" => Kind::Unsubscribe,
        _ => return Ok(()),
    };
    let d = &r.data;
    // Customer.io does not say which SMTP server sent a message: the
    // message's origin stands in for the lane.
    let origin = [
        ("transactional", &d.transactional_message_id),
        ("newsletter", &d.newsletter_id),
        ("broadcast", &d.broadcast_id),
        ("campaign", &d.campaign_id),
    ]
    .into_iter()
    .find_map(|(what, id)| {
        let id = match id.as_ref()? {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            _ => return None,
        };
        Some((
            KeyKind::CustomerioCampaign,
            Cow::Owned(format!("{what} {id}")),
        ))
    });
    let recipient = d
        .recipient
        .as_deref()
        .or(d.email_address.as_deref())
        .or(d
            .identifiers
            .as_ref()
            .and_then(|i| i.get("email"))
            .and_then(Value::as_str))
        .unwrap_or("");
    emit(Event {
        id: r.event_id.as_deref().map(|id| hash_id(&["customerio", id])),
        day,
        kind,
        key: origin,
        mailbox: Mailbox::of(recipient),
        message: None,
    });
    Ok(())
}
