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

mod customerio;
mod kumo;
mod mailgun;
mod postmark;
mod sendgrid;
mod ses;
mod sparkpost;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    SendGrid,
    /// Event publishing records, bare or inside SNS notifications, which
    /// one file may mix.
    Ses,
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
            Format::Ses => "Amazon SES event publishing",
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
            Format::Ses => Some(Format::Ses),
            _ => None,
        };
    }
    if (has("eventType") || has("notificationType")) && has("mail") {
        return Some(Format::Ses);
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
    Open {
        machine: bool,
    },
    Click,
    Unsubscribe,
    /// A send the platform counted but never made (an address on its
    /// suppression list): it takes one send back.
    Unsent,
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
        Format::SendGrid => sendgrid::read(record, emit),
        Format::Ses => ses::read(record, emit),
        Format::Postmark => postmark::read(record, emit),
        Format::Mailgun { webhook } => mailgun::read(record, webhook, emit),
        Format::SparkPost { webhook } => sparkpost::read(record, webhook, emit),
        Format::KumoMta => kumo::read(record, emit),
        Format::CustomerIo => customerio::read(record, emit),
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
