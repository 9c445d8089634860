//! Flat readers for the plan's `kind`-tagged enums. Each accepts the fields
//! of every variant, then checks that the ones present fit the `kind`.

use serde::Deserialize;

use super::{Cadence, EngagementFilter, IpStrategy, Trigger, TriggerKind, Weekday};

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum IpKind {
    Shared,
    Dedicated,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpStrategyRepr {
    kind: IpKind,
    count: Option<u32>,
}

impl TryFrom<IpStrategyRepr> for IpStrategy {
    type Error = String;

    fn try_from(repr: IpStrategyRepr) -> Result<Self, String> {
        match (repr.kind, repr.count) {
            (IpKind::Shared, None) => Ok(IpStrategy::Shared),
            (IpKind::Shared, Some(_)) => Err(extra("count", "shared")),
            (IpKind::Dedicated, Some(count)) => Ok(IpStrategy::Dedicated { count }),
            (IpKind::Dedicated, None) => Err(missing("count", "dedicated")),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum FilterKind {
    None,
    EngagedWithin,
    PurchasedWithin,
    PredictedIntent,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngagementFilterRepr {
    kind: FilterKind,
    days: Option<u32>,
}

impl TryFrom<EngagementFilterRepr> for EngagementFilter {
    type Error = String;

    fn try_from(repr: EngagementFilterRepr) -> Result<Self, String> {
        match (repr.kind, repr.days) {
            (FilterKind::None, None) => Ok(EngagementFilter::None),
            (FilterKind::None, Some(_)) => Err(extra("days", "none")),
            (FilterKind::PredictedIntent, None) => Ok(EngagementFilter::PredictedIntent),
            (FilterKind::PredictedIntent, Some(_)) => Err(extra("days", "predicted_intent")),
            (FilterKind::EngagedWithin, Some(days)) => Ok(EngagementFilter::EngagedWithin { days }),
            (FilterKind::PurchasedWithin, Some(days)) => {
                Ok(EngagementFilter::PurchasedWithin { days })
            }
            (_, None) => Err(missing("days", "engaged_within or purchased_within")),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerRepr {
    kind: TriggerKind,
    event_name: Option<String>,
    latency_minutes: Option<u32>,
    delay_minutes: Option<u32>,
    segment: Option<String>,
    cadence: Option<Cadence>,
    send_day: Option<Weekday>,
    send_date: Option<String>,
    broadcast: Option<String>,
    message: Option<String>,
}

impl TryFrom<TriggerRepr> for Trigger {
    type Error = String;

    fn try_from(r: TriggerRepr) -> Result<Self, String> {
        let event_fields =
            r.event_name.is_some() || r.latency_minutes.is_some() || r.delay_minutes.is_some();
        let api_fields = r.broadcast.is_some() || r.message.is_some();
        let scheduled_fields = r.cadence.is_some() || r.send_day.is_some() || r.send_date.is_some();
        match r.kind {
            TriggerKind::Event => {
                if r.segment.is_some() || scheduled_fields || api_fields {
                    return Err(extra(
                        "segment, cadence, send_day, send_date or API fields",
                        "event",
                    ));
                }
                Ok(Trigger::Event {
                    event_name: r.event_name.ok_or_else(|| missing("event_name", "event"))?,
                    latency_minutes: r
                        .latency_minutes
                        .ok_or_else(|| missing("latency_minutes", "event"))?,
                    delay_minutes: r
                        .delay_minutes
                        .ok_or_else(|| missing("delay_minutes", "event"))?,
                })
            }
            TriggerKind::SegmentEntry => {
                if event_fields || scheduled_fields || api_fields {
                    return Err(extra(
                        "event, cadence, send_day, send_date or API fields",
                        "segment_entry",
                    ));
                }
                Ok(Trigger::SegmentEntry {
                    segment: r
                        .segment
                        .ok_or_else(|| missing("segment", "segment_entry"))?,
                })
            }
            TriggerKind::Scheduled => {
                if event_fields || r.segment.is_some() || api_fields {
                    return Err(extra("event, segment or API fields", "scheduled"));
                }
                Ok(Trigger::Scheduled {
                    cadence: r.cadence.ok_or_else(|| missing("cadence", "scheduled"))?,
                    send_day: r.send_day,
                    send_date: r.send_date,
                })
            }
            TriggerKind::ApiBroadcast => {
                if event_fields || r.segment.is_some() || scheduled_fields || r.message.is_some() {
                    return Err(extra("fields other than broadcast", "api_broadcast"));
                }
                Ok(Trigger::ApiBroadcast {
                    broadcast: r
                        .broadcast
                        .ok_or_else(|| missing("broadcast", "api_broadcast"))?,
                })
            }
            TriggerKind::TransactionalApi => {
                if event_fields || r.segment.is_some() || scheduled_fields || r.broadcast.is_some()
                {
                    return Err(extra("fields other than message", "transactional_api"));
                }
                Ok(Trigger::TransactionalApi {
                    message: r
                        .message
                        .ok_or_else(|| missing("message", "transactional_api"))?,
                })
            }
        }
    }
}

fn missing(field: &str, kind: &str) -> String {
    format!("missing field `{field}` for kind `{kind}`")
}

fn extra(field: &str, kind: &str) -> String {
    format!("`{field}` does not belong to kind `{kind}`")
}
