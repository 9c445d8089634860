//! Postmark webhook records.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use super::{hash_id, no_day, parse, Event, Kind, Lane, Text};
use crate::monitor::{day_of_iso, KeyKind, Mailbox};

/// Reads one Postmark record.
pub(super) fn read<'a>(record: &'a str, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    postmark(parse(record)?, emit)
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Postmark<'a> {
    #[serde(borrow)]
    record_type: Cow<'a, str>,
    #[serde(borrow, default)]
    message_stream: Option<Text<'a>>,
    #[serde(borrow, default, rename = "MessageID")]
    message_id: Option<Text<'a>>,
    #[serde(default, rename = "ID")]
    id: Option<Value>,
    #[serde(borrow, default, rename = "Type")]
    kind: Option<Text<'a>>,
    #[serde(borrow, default)]
    recipient: Option<Text<'a>>,
    #[serde(borrow, default)]
    email: Option<Text<'a>>,
    #[serde(borrow, default)]
    delivered_at: Option<Text<'a>>,
    #[serde(borrow, default)]
    bounced_at: Option<Text<'a>>,
    #[serde(borrow, default)]
    received_at: Option<Text<'a>>,
    #[serde(borrow, default)]
    changed_at: Option<Text<'a>>,
    #[serde(default)]
    suppress_sending: Option<bool>,
    #[serde(borrow, default)]
    suppression_reason: Option<Text<'a>>,
    #[serde(borrow, default)]
    metadata: Option<Lane<'a>>,
}

fn postmark<'a>(r: Postmark<'a>, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    let hard = matches!(
        r.kind.as_deref(),
        Some("HardBounce" | "BadEmailAddress" | "ManuallyDeactivated" | "Unknown")
    );
    let kind = match r.record_type.as_ref() {
        "Delivery" => Kind::Delivered,
        "Bounce" if r.kind.as_deref() == Some("SpamComplaint") => Kind::Complaint,
        // Postmark files auto-replies, subscription requests and similar
        // mail from recipients as bounces; they say nothing of delivery.
        "Bounce"
            if matches!(
                r.kind.as_deref(),
                Some(
                    "AutoResponder"
                        | "Subscribe"
                        | "Unsubscribe"
                        | "AddressChange"
                        | "ChallengeVerification"
                        | "OpenRelayTest"
                )
            ) =>
        {
            return Ok(())
        }
        "Bounce" if hard => Kind::HardBounce,
        "Bounce" => Kind::SoftBounce,
        "SpamComplaint" => Kind::Complaint,
        "Open" => Kind::Open { machine: false },
        "Click" => Kind::Click,
        // A recipient's own unsubscribe, not a bounce or complaint suppression.
        "SubscriptionChange"
            if r.suppress_sending == Some(true)
                && r.suppression_reason.as_deref() == Some("ManualSuppression") =>
        {
            Kind::Unsubscribe
        }
        _ => return Ok(()),
    };
    let time = r
        .delivered_at
        .as_deref()
        .or(r.bounced_at.as_deref())
        .or(r.received_at.as_deref())
        .or(r.changed_at.as_deref());
    let day = time.and_then(day_of_iso).ok_or_else(no_day)?;
    let recipient = r.recipient.as_deref().or(r.email.as_deref()).unwrap_or("");
    // The id as its JSON text, as ids have always been hashed: a number's
    // digits, a string in quotes.
    let own_id = match &r.id {
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) => Some(format!("\"{s}\"")),
        _ => None,
    };
    let id = match (&own_id, &r.message_id) {
        (Some(id), _) => Some(hash_id(&["postmark", &r.record_type, id])),
        (None, Some(m)) => Some(hash_id(&[
            "postmark",
            &r.record_type,
            m,
            recipient,
            time.unwrap_or(""),
        ])),
        _ => None,
    };
    let key = match (r.metadata.and_then(|m| m.lane), r.message_stream) {
        (Some(lane), _) => Some((KeyKind::LaneTag, lane.0)),
        (_, Some(stream)) => Some((KeyKind::PostmarkStream, stream.0)),
        _ => None,
    };
    emit(Event {
        id,
        day,
        kind,
        key,
        mailbox: Mailbox::of(recipient),
        message: None,
    });
    Ok(())
}
