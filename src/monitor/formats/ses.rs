//! Amazon SES event publishing records, bare or inside SNS notifications.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::Value;

use super::{hash_id, no_day, owned, parse, Event, Kind, Text};
use crate::monitor::{day_of_iso, KeyKind, Mailbox};

/// Reads one SES record, bare or the message of an SNS notification: a
/// file gathered from both has each kind of line.
pub(super) fn read<'a>(record: &'a str, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    #[derive(Deserialize)]
    struct Sns {
        #[serde(rename = "Message")]
        message: String,
    }
    let sns: Sns = match parse(record) {
        Ok(sns) => sns,
        Err(_) => return ses(parse(record)?, emit),
    };
    let inner: Ses = serde_json::from_str(&sns.message)
        .map_err(|e| format!("the notification's Message is not an SES record: {e}"))?;
    // The inner record does not outlive this call: copy what is kept.
    let mut out = Vec::new();
    ses(inner, &mut |e| out.push(owned(e)))?;
    out.into_iter().for_each(&mut *emit);
    Ok(())
}

#[derive(Deserialize)]
struct Ses<'a> {
    #[serde(borrow, rename = "eventType", alias = "notificationType")]
    event_type: Cow<'a, str>,
    #[serde(borrow)]
    mail: SesMail<'a>,
    #[serde(borrow, default)]
    bounce: Option<SesBounce<'a>>,
    #[serde(borrow, default)]
    complaint: Option<SesComplaint<'a>>,
    #[serde(borrow, default)]
    delivery: Option<SesDelivery<'a>>,
    #[serde(default)]
    open: Option<Value>,
    #[serde(default)]
    click: Option<Value>,
    #[serde(default)]
    subscription: Option<Value>,
}

#[derive(Deserialize)]
struct SesMail<'a> {
    #[serde(borrow)]
    timestamp: Cow<'a, str>,
    #[serde(borrow, rename = "messageId")]
    message_id: Cow<'a, str>,
    #[serde(borrow, default)]
    destination: Vec<Text<'a>>,
    #[serde(borrow, default)]
    tags: Option<SesTags<'a>>,
}

#[derive(Deserialize)]
struct SesTags<'a> {
    #[serde(borrow, default)]
    lane: Option<Vec<Text<'a>>>,
    #[serde(borrow, default, rename = "ses:configuration-set")]
    configuration_set: Option<Vec<Text<'a>>>,
    #[serde(borrow, default, rename = "ses:outgoing-ip")]
    outgoing_ip: Option<Vec<Text<'a>>>,
    #[serde(borrow, default, rename = "ses:from-domain")]
    from_domain: Option<Vec<Text<'a>>>,
}

#[derive(Deserialize)]
struct SesBounce<'a> {
    #[serde(borrow, rename = "bounceType")]
    bounce_type: Cow<'a, str>,
    #[serde(borrow, default, rename = "bounceSubType")]
    sub_type: Option<Text<'a>>,
    #[serde(borrow, default, rename = "bouncedRecipients")]
    recipients: Vec<SesAddress<'a>>,
}

#[derive(Deserialize)]
struct SesComplaint<'a> {
    #[serde(borrow, default, rename = "complaintSubType")]
    sub_type: Option<Text<'a>>,
    #[serde(borrow, default, rename = "complaintFeedbackType")]
    feedback: Option<Text<'a>>,
    #[serde(borrow, default, rename = "complainedRecipients")]
    recipients: Vec<SesAddress<'a>>,
    #[serde(borrow, default)]
    timestamp: Option<Text<'a>>,
}

#[derive(Deserialize)]
struct SesDelivery<'a> {
    #[serde(borrow, default)]
    recipients: Vec<Text<'a>>,
}

#[derive(Deserialize)]
struct SesAddress<'a> {
    #[serde(borrow, rename = "emailAddress")]
    email: Text<'a>,
}

fn ses<'a>(r: Ses<'a>, emit: &mut dyn FnMut(Event<'a>)) -> Result<(), String> {
    let key = r.mail.tags.as_ref().and_then(ses_key);
    let sub_time = |v: &Option<Value>| {
        v.as_ref()
            .and_then(|v| v.get("timestamp"))
            .and_then(Value::as_str)
            .and_then(day_of_iso)
    };
    let mail_day = day_of_iso(&r.mail.timestamp);
    // SES did not send to an address on the account's suppression list:
    // such a bounce or complaint takes back the send it follows, on the
    // send's day, and counts toward no rate.
    let suppressed = |sub: &Option<Text>| sub.as_deref() == Some("OnAccountSuppressionList");
    let unsent = r.bounce.as_ref().is_some_and(|b| suppressed(&b.sub_type))
        || (r.complaint.as_ref()).is_some_and(|c| suppressed(&c.sub_type));
    // An open, a click or an unsubscribe is one recipient's, though SES
    // names the message's every address: it counts once, by the first.
    let all = &r.mail.destination;
    let first = || all[..all.len().min(1)].to_vec();
    let (kind, recipients, day): (Kind, Vec<Text>, Option<i32>) = match r.event_type.as_ref() {
        "Send" => (Kind::Sent, r.mail.destination.clone(), mail_day),
        // A delivery or bounce counts on its send's day, so a day's sends
        // meet their outcomes even when delivery crosses midnight UTC: an
        // evening's deferred mail no longer leaves its day under 90%.
        "Delivery" => {
            let d = r
                .delivery
                .ok_or("a Delivery record without its delivery object")?;
            (Kind::Delivered, d.recipients, mail_day)
        }
        "Bounce" => {
            let b = r
                .bounce
                .ok_or("a Bounce record without its bounce object")?;
            let kind = match (unsent, b.bounce_type == "Permanent") {
                (true, _) => Kind::Unsent,
                (false, true) => Kind::HardBounce,
                (false, false) => Kind::SoftBounce,
            };
            (
                kind,
                b.recipients.into_iter().map(|a| a.email).collect(),
                mail_day,
            )
        }
        "Complaint" => {
            let c = r
                .complaint
                .ok_or("a Complaint record without its complaint object")?;
            // The recipient's report that the mail is not spam.
            if c.feedback.as_deref() == Some("not-spam") {
                return Ok(());
            }
            let complained = c.timestamp.as_deref().and_then(day_of_iso);
            let day = if unsent {
                mail_day
            } else {
                complained.or(mail_day)
            };
            (
                if unsent {
                    Kind::Unsent
                } else {
                    Kind::Complaint
                },
                c.recipients.into_iter().map(|a| a.email).collect(),
                day,
            )
        }
        "DeliveryDelay" => (Kind::Deferred, r.mail.destination.clone(), mail_day),
        "Open" => (
            Kind::Open { machine: false },
            first(),
            sub_time(&r.open).or(mail_day),
        ),
        "Click" => (Kind::Click, first(), sub_time(&r.click).or(mail_day)),
        "Subscription" => {
            if !opted_out(r.subscription.as_ref()) {
                return Ok(());
            }
            (
                Kind::Unsubscribe,
                first(),
                sub_time(&r.subscription).or(mail_day),
            )
        }
        _ => return Ok(()),
    };
    let day = day.ok_or_else(no_day)?;
    // SES publishes every open and click of a message, each an event of its
    // own: its time tells them apart from a copy of the same event.
    let at = |v: &Option<Value>| {
        let time = v.as_ref().and_then(|v| v.get("timestamp"));
        time.and_then(Value::as_str).unwrap_or("").to_string()
    };
    let when = match r.event_type.as_ref() {
        "Open" => at(&r.open),
        "Click" => at(&r.click),
        _ => String::new(),
    };
    for recipient in recipients {
        emit(Event {
            id: Some(hash_id(&[
                "ses",
                &r.mail.message_id,
                &r.event_type,
                &recipient,
                &when,
            ])),
            day,
            kind,
            key: key.clone(),
            mailbox: Mailbox::of(&recipient),
            message: None,
        });
    }
    Ok(())
}

/// The lane's key from an SES event's tags: the lane tag first, then the
/// configuration set, the sending IP and the From domain.
fn ses_key<'a>(t: &SesTags<'a>) -> Option<(KeyKind, Cow<'a, str>)> {
    let first = |v: &Option<Vec<Text<'a>>>| v.as_ref().and_then(|v| Some(v.first()?.0.clone()));
    first(&t.lane)
        .map(|v| (KeyKind::LaneTag, v))
        .or_else(|| first(&t.configuration_set).map(|v| (KeyKind::SesConfigurationSet, v)))
        .or_else(|| first(&t.outgoing_ip).map(|v| (KeyKind::SendingIp, v)))
        .or_else(|| first(&t.from_domain).map(|v| (KeyKind::SendingDomain, v)))
}

/// Whether an SES subscription event unsubscribes: from everything, or
/// from at least one topic. Other preference changes are not unsubscribes.
fn opted_out(subscription: Option<&Value>) -> bool {
    let prefs = subscription.and_then(|s| s.get("newTopicPreferences"));
    let all = prefs
        .and_then(|p| p.get("unsubscribeAll"))
        .and_then(Value::as_bool)
        == Some(true);
    let any = prefs
        .and_then(|p| p.get("topicSubscriptionStatus"))
        .and_then(Value::as_array)
        .is_some_and(|a| {
            a.iter()
                .any(|t| t.get("subscriptionStatus").and_then(Value::as_str) == Some("OptOut"))
        });
    all || any
}
