//! The vendors' event records: which format a file holds, judged by the
//! shape of its first record, and each record read into the events that
//! count (sent, delivered, bounced, complained, opened, clicked,
//! unsubscribed) with its day, lane key and mailbox provider. Only the
//! fields that matter are read, borrowed from the record where possible.

use std::borrow::Cow;
use std::hash::{Hash, Hasher};

use serde::Deserialize;
use serde_json::Value;

use super::{day_of_iso, day_of_unix, KeyKind, Mailbox};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    SendGrid,
    /// Event publishing records, bare or inside SNS notifications.
    Ses {
        sns: bool,
    },
    Postmark,
    /// Events API items, or webhooks with `event-data`.
    Mailgun {
        webhook: bool,
    },
    /// Events API records, or webhook batches with `msys`.
    SparkPost {
        webhook: bool,
    },
    KumoMta,
    CustomerIo,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::SendGrid => "SendGrid Event Webhook",
            Format::Ses { .. } => "Amazon SES event publishing",
            Format::Postmark => "Postmark webhooks",
            Format::Mailgun { .. } => "Mailgun events",
            Format::SparkPost { .. } => "SparkPost events",
            Format::KumoMta => "KumoMTA log records",
            Format::CustomerIo => "Customer.io reporting webhooks",
        }
    }
}

/// What the formats have in common, for a file none of them matches.
pub const EXPECTED: &str = "SendGrid Event Webhook, Amazon SES event publishing, Postmark webhooks, Mailgun events, SparkPost events, KumoMTA log records or Customer.io reporting webhooks (JSON, one record per line or in an array); the per-day CSV template; a Microsoft SNDS data file; or Google Postmaster Tools traffic statistics";

/// The format of a record, from the fields it has.
pub fn detect(record: &[u8]) -> Option<Format> {
    // As `read` does, bytes that are not UTF-8 become U+FFFD.
    let value: Value = serde_json::from_slice(String::from_utf8_lossy(record).as_bytes()).ok()?;
    let o = value.as_object()?;
    let has = |k: &str| o.contains_key(k);
    if has("Type") && o.get("Message").is_some_and(Value::is_string) {
        let inner = o.get("Message")?.as_str()?;
        return match detect(inner.as_bytes())? {
            Format::Ses { .. } => Some(Format::Ses { sns: true }),
            _ => None,
        };
    }
    if (has("eventType") || has("notificationType")) && has("mail") {
        return Some(Format::Ses { sns: false });
    }
    if has("RecordType") {
        return Some(Format::Postmark);
    }
    if has("event-data") {
        return Some(Format::Mailgun { webhook: true });
    }
    if has("msys") {
        return Some(Format::SparkPost { webhook: true });
    }
    if has("metric") && (has("object_type") || has("event_id")) && has("data") {
        return Some(Format::CustomerIo);
    }
    if has("sg_event_id") || (has("event") && has("email") && has("timestamp")) {
        return Some(Format::SendGrid);
    }
    if has("event") && (has("envelope") || has("delivery-status") || has("log-level")) {
        return Some(Format::Mailgun { webhook: false });
    }
    if has("type") && (has("rcpt_to") || has("ip_pool") || has("transmission_id")) {
        return Some(Format::SparkPost { webhook: false });
    }
    if has("type") && (has("egress_pool") || has("queue") || has("egress_source")) {
        return Some(Format::KumoMta);
    }
    None
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Sent,
    Delivered,
    HardBounce,
    SoftBounce,
    Deferred,
    Complaint,
    Open { machine: bool },
    Click,
    Unsubscribe,
}

/// One counted event.
pub struct Event<'a> {
    /// A hash of the record's own id, for finding duplicates.
    pub id: Option<u64>,
    pub day: i32,
    pub kind: Kind,
    pub key: Option<(KeyKind, Cow<'a, str>)>,
    pub mailbox: Mailbox,
    /// SendGrid names the IP pool only on `processed`; other events find
    /// it through their message id.
    pub message: Option<Cow<'a, str>>,
}

/// Event ids hashed with SipHash: a weaker hash would merge distinct ids,
/// and the import would drop real events as duplicates.
fn hash_id(parts: &[&str]) -> u64 {
    let mut h = siphasher::sip::SipHasher13::new();
    parts.hash(&mut h);
    h.finish()
}

/// A time as vendors write it: seconds (a number or numeric text) or an
/// ISO timestamp; read without building a JSON value.
struct Time(Option<i32>);

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Time;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a time in seconds or YYYY-MM-DD…")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Time, E> {
                Ok(Time(day_of_unix(v as f64)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Time, E> {
                Ok(Time(day_of_unix(v as f64)))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Time, E> {
                Ok(Time(day_of_unix(v)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Time, E> {
                Ok(Time(match s.parse::<f64>() {
                    Ok(n) => day_of_unix(n),
                    Err(_) => day_of_iso(s),
                }))
            }
        }
        d.deserialize_any(V)
    }
}

/// The first of a string or a list of strings (SendGrid's `category`),
/// borrowed from the record where it has no escapes.
struct First<'a>(Option<Cow<'a, str>>);

/// A string borrowed from the record where it has no escapes. Serde
/// borrows a `Cow` only when it is a field's whole type: inside an
/// `Option` or a `Vec` it would copy every string, for every record.
#[derive(Clone)]
struct Text<'a>(Cow<'a, str>);

impl std::ops::Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

struct TextVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> serde::de::Visitor<'de> for TextVisitor<'a> {
    type Value = Text<'a>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Text<'a>, E> {
        Ok(Text(Cow::Borrowed(s)))
    }
    fn visit_str<E>(self, s: &str) -> Result<Text<'a>, E> {
        Ok(Text(Cow::Owned(s.to_string())))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text<'a>, D::Error> {
        d.deserialize_str(TextVisitor(std::marker::PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for First<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<First<'a>, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for V<'a> {
            type Value = First<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<First<'a>, E> {
                Ok(First(Some(Cow::Borrowed(s))))
            }
            fn visit_str<E>(self, s: &str) -> Result<First<'a>, E> {
                Ok(First(Some(Cow::Owned(s.to_string()))))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<First<'a>, A::Error> {
                let first = seq.next_element::<Text<'a>>()?.map(|t| t.0);
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(First(first))
            }
            fn visit_unit<E>(self) -> Result<First<'a>, E> {
                Ok(First(None))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
}

/// A flag written as a boolean or as 0/1.
struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Flag, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Flag;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false, 1 or 0")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Flag, E> {
                Ok(Flag(v == 1))
            }
            fn visit_str<E>(self, s: &str) -> Result<Flag, E> {
                Ok(Flag(s == "1" || s == "true"))
            }
            fn visit_unit<E>(self) -> Result<Flag, E> {
                Ok(Flag(false))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
struct Lane<'a> {
    #[serde(borrow, default)]
    lane: Option<Text<'a>>,
}

/// Reads one record of `format`, handing on its events. `Err` says why a
/// record cannot be read.
pub fn read<'a>(
    format: Format,
    record: &'a [u8],
    emit: &mut dyn FnMut(Event<'a>),
) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(record) else {
        // Bytes that are not UTF-8 (a Latin-1 subject line, say) become
        // U+FFFD, so the rest of the record still counts. The repaired text
        // lives only in this call: copy what is kept.
        let repaired = String::from_utf8_lossy(record).into_owned();
        let mut out = Vec::new();
        read_text(format, &repaired, &mut |e| out.push(owned(e)))?;
        out.into_iter().for_each(emit);
        return Ok(());
    };
    read_text(format, text, emit)
}

/// Reads one record that is UTF-8 text. Every record is parsed from `str`,
/// which spares checking each string again and keeps one copy of each
/// format's reader in the bundle.
fn read_text<'a>(
    format: Format,
    record: &'a str,
    emit: &mut dyn FnMut(Event<'a>),
) -> Result<(), String> {
    match format {
        Format::SendGrid => sendgrid(parse(record)?, emit),
        Format::Ses { sns: false } => ses(parse(record)?, emit),
        Format::Ses { sns: true } => {
            #[derive(Deserialize)]
            struct Sns {
                #[serde(rename = "Message")]
                message: String,
            }
            let sns: Sns = parse(record)?;
            let inner: Ses = parse(&sns.message)?;
            // The inner record does not outlive this call: copy what is kept.
            let mut out = Vec::new();
            ses(inner, &mut |e| out.push(owned(e)))?;
            out.into_iter().for_each(&mut *emit);
            Ok(())
        }
        Format::Postmark => postmark(parse(record)?, emit),
        Format::Mailgun { webhook: true } => {
            #[derive(Deserialize)]
            struct Hook<'a> {
                #[serde(borrow, rename = "event-data")]
                data: Mailgun<'a>,
            }
            let hook: Hook = parse(record)?;
            mailgun(hook.data, emit)
        }
        Format::Mailgun { webhook: false } => mailgun(parse(record)?, emit),
        Format::SparkPost { webhook: true } => {
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
        Format::SparkPost { webhook: false } => sparkpost(parse(record)?, emit),
        Format::KumoMta => kumo(parse(record)?, emit),
        Format::CustomerIo => customerio(parse(record)?, emit),
    }
}

fn parse<'a, T: Deserialize<'a>>(record: &'a str) -> Result<T, String> {
    serde_json::from_str(record).map_err(|e| e.to_string())
}

fn owned(e: Event) -> Event<'static> {
    Event {
        id: e.id,
        day: e.day,
        kind: e.kind,
        key: e.key.map(|(k, v)| (k, Cow::Owned(v.into_owned()))),
        mailbox: e.mailbox,
        message: e.message.map(|m| Cow::Owned(m.into_owned())),
    }
}

fn no_day() -> String {
    "the record has no readable time".to_string()
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
    let key = match (r.lane, r.pool.and_then(|p| p.name), category) {
        (Some(lane), _, _) => Some((KeyKind::LaneTag, lane.0)),
        (_, Some(pool), _) => Some((KeyKind::SendgridPool, pool.0)),
        (_, _, Some(c)) => Some((KeyKind::SendgridCategory, c)),
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
    #[serde(borrow, default, rename = "bouncedRecipients")]
    recipients: Vec<SesAddress<'a>>,
    #[serde(borrow, default)]
    timestamp: Option<Text<'a>>,
}

#[derive(Deserialize)]
struct SesComplaint<'a> {
    #[serde(borrow, default, rename = "complainedRecipients")]
    recipients: Vec<SesAddress<'a>>,
    #[serde(borrow, default)]
    timestamp: Option<Text<'a>>,
}

#[derive(Deserialize)]
struct SesDelivery<'a> {
    #[serde(borrow, default)]
    recipients: Vec<Text<'a>>,
    #[serde(borrow, default)]
    timestamp: Option<Text<'a>>,
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
    let (kind, recipients, day): (Kind, Vec<Text>, Option<i32>) = match r.event_type.as_ref() {
        "Send" => (Kind::Sent, r.mail.destination.clone(), mail_day),
        "Delivery" => {
            let d = r
                .delivery
                .ok_or("a Delivery record without its delivery object")?;
            let day = d.timestamp.as_deref().and_then(day_of_iso).or(mail_day);
            (Kind::Delivered, d.recipients, day)
        }
        "Bounce" => {
            let b = r
                .bounce
                .ok_or("a Bounce record without its bounce object")?;
            let kind = if b.bounce_type == "Permanent" {
                Kind::HardBounce
            } else {
                Kind::SoftBounce
            };
            let day = b.timestamp.as_deref().and_then(day_of_iso).or(mail_day);
            (
                kind,
                b.recipients.into_iter().map(|a| a.email).collect(),
                day,
            )
        }
        "Complaint" => {
            let c = r
                .complaint
                .ok_or("a Complaint record without its complaint object")?;
            let day = c.timestamp.as_deref().and_then(day_of_iso).or(mail_day);
            (
                Kind::Complaint,
                c.recipients.into_iter().map(|a| a.email).collect(),
                day,
            )
        }
        "DeliveryDelay" => (Kind::Deferred, r.mail.destination.clone(), mail_day),
        "Open" => (
            Kind::Open { machine: false },
            r.mail.destination.clone(),
            sub_time(&r.open).or(mail_day),
        ),
        "Click" => (
            Kind::Click,
            r.mail.destination.clone(),
            sub_time(&r.click).or(mail_day),
        ),
        "Subscription" => {
            if !opted_out(r.subscription.as_ref()) {
                return Ok(());
            }
            (
                Kind::Unsubscribe,
                r.mail.destination.clone(),
                sub_time(&r.subscription).or(mail_day),
            )
        }
        _ => return Ok(()),
    };
    let day = day.ok_or_else(no_day)?;
    for recipient in recipients {
        emit(Event {
            id: Some(hash_id(&[
                "ses",
                &r.mail.message_id,
                &r.event_type,
                &recipient,
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
    let id = match (&r.id, &r.message_id) {
        (Some(id), _) => Some(hash_id(&["postmark", &r.record_type, &id.to_string()])),
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
    let kind = match (r.event.as_ref(), r.severity.as_deref()) {
        ("accepted", _) => Kind::Sent,
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
        (Some(lane), _, _) => Some((KeyKind::LaneTag, lane.0)),
        (_, Some(ip), _) => Some((KeyKind::SendingIp, ip.0)),
        (_, _, Some(tag)) => Some((KeyKind::MailgunTag, tag.0)),
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
        "open" | "initial_open" | "amp_open" | "amp_initial_open" => Kind::Open { machine: false },
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
