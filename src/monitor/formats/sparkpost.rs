//! SparkPost events, from the events API or inside a webhook.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use super::{hash_id, no_day, parse, Event, Kind, Lane, Text, Time};
use crate::monitor::{KeyKind, Mailbox};

/// Reads one SparkPost record; `webhook` when it is a webhook's item, with
/// the event under `msys`.
pub(super) fn read<'a>(
    record: &'a str,
    webhook: bool,
    emit: &mut dyn FnMut(Event<'a>),
) -> Result<(), String> {
    if !webhook {
        return sparkpost(parse(record)?, emit);
    }
    #[derive(Deserialize)]
    struct Hook<'a> {
        #[serde(borrow)]
        msys: Wrap<'a>,
    }
    #[derive(Deserialize)]
    struct Wrap<'a> {
        #[serde(borrow, default)]
        message_event: Option<SparkPost<'a>>,
        #[serde(borrow, default)]
        track_event: Option<SparkPost<'a>>,
        #[serde(borrow, default)]
        unsubscribe_event: Option<SparkPost<'a>>,
        #[serde(borrow, default)]
        gen_event: Option<SparkPost<'a>>,
    }
    let hook: Hook = parse(record)?;
    let w = hook.msys;
    match w
        .message_event
        .or(w.track_event)
        .or(w.unsubscribe_event)
        .or(w.gen_event)
    {
        Some(event) => sparkpost(event, emit),
        None => Err("the msys object holds no event".into()),
    }
}

#[derive(Deserialize)]
struct SparkPost<'a> {
    #[serde(borrow, rename = "type")]
    kind: Cow<'a, str>,
    #[serde(borrow, default)]
    event_id: Option<Text<'a>>,
    timestamp: Time,
    #[serde(borrow, default)]
    rcpt_to: Option<Text<'a>>,
    #[serde(borrow, default)]
    ip_pool: Option<Text<'a>>,
    #[serde(borrow, default)]
    sending_ip: Option<Text<'a>>,
    #[serde(borrow, default)]
    sending_domain: Option<Text<'a>>,
    #[serde(borrow, default)]
    mailbox_provider: Option<Text<'a>>,
    #[serde(default)]
    bounce_class: Option<Value>,
    #[serde(borrow, default)]
    rcpt_meta: Option<Lane<'a>>,
}

fn sparkpost<'a>(r: SparkPost<'a>, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    let day = r.timestamp.0.ok_or_else(no_day)?;
    let class = r.bounce_class.as_ref().and_then(|c| match c {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    });
    // SparkPost's hard bounce classes: invalid recipient, no RCPT, and
    // unsubscribe or undetermined-but-permanent.
    let hard = matches!(class, Some(10 | 25 | 26 | 30 | 90));
    let kind = match r.kind.as_ref() {
        "injection" => Kind::Sent,
        "delivery" => Kind::Delivered,
        "bounce" | "out_of_band" if hard => Kind::HardBounce,
        "bounce" | "out_of_band" => Kind::SoftBounce,
        "delay" => Kind::Deferred,
        "spam_complaint" => Kind::Complaint,
        // One render sends `initial_open` from the top pixel and `open`
        // from the bottom one; SparkPost's own open count is the latter,
        // which accounts without top-pixel tracking send alone.
        "open" | "amp_open" => Kind::Open { machine: false },
        "click" | "amp_click" => Kind::Click,
        "list_unsubscribe" | "link_unsubscribe" => Kind::Unsubscribe,
        _ => return Ok(()),
    };
    let key = match (
        r.rcpt_meta.and_then(|m| m.lane),
        r.ip_pool,
        r.sending_ip,
        r.sending_domain,
    ) {
        (Some(lane), ..) => Some((KeyKind::LaneTag, lane.0)),
        (_, Some(pool), ..) => Some((KeyKind::SparkpostPool, pool.0)),
        (_, _, Some(ip), _) => Some((KeyKind::SendingIp, ip.0)),
        (_, _, _, Some(domain)) => Some((KeyKind::SendingDomain, domain.0)),
        _ => None,
    };
    let mailbox = r
        .mailbox_provider
        .as_deref()
        .and_then(Mailbox::from_name)
        .unwrap_or_else(|| Mailbox::of(r.rcpt_to.as_deref().unwrap_or("")));
    emit(Event {
        id: r.event_id.as_deref().map(|id| hash_id(&["sparkpost", id])),
        day,
        kind,
        key,
        mailbox,
        message: None,
    });
    Ok(())
}
