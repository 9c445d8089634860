//! A journey, what triggers it, and the routing rules that match journeys.

use serde::{Deserialize, Serialize};

use super::{Audience, Cadence, Intent, TriggerKind, Weekday};

/// A journey (campaign, flow or broadcast) and what it sends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Journey {
    pub id: String,
    pub name: String,
    pub intent: Intent,
    pub trigger: Trigger,
    /// Expected messages per day; for a one-off, the messages of its one
    /// send.
    pub daily_volume: u32,
    /// Expected revenue per recipient, in the brand's currency.
    pub revenue_per_recipient: f64,
    pub audience: Audience,
    /// Team that owns the journey. Recorded for people, never used to route.
    #[serde(default)]
    pub owning_team: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Lane chosen by hand; wins over every rule.
    #[serde(default)]
    pub lane_override: Option<String>,
}

/// What starts a journey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    not(feature = "schema"),
    serde(try_from = "super::tagged::TriggerRepr")
)]
pub enum Trigger {
    /// A tracked event such as `Added to Cart`.
    Event {
        event_name: String,
        /// How long the event usually takes to reach the platform, in minutes.
        latency_minutes: u32,
        /// How long the journey waits after the event before sending, in minutes.
        delay_minutes: u32,
    },
    /// A person entering a segment.
    SegmentEntry { segment: String },
    /// A broadcast sent on a schedule. Its daily volume is averaged over
    /// the cadence; with a send day, that mail goes out on the cadence's
    /// days (see `plan::schedule`), otherwise it is spread over every day.
    /// A one-off sends its daily volume once, on `send_date`, and nothing
    /// on any other day.
    Scheduled {
        cadence: Cadence,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        send_day: Option<Weekday>,
        /// The day a one-off goes out (YYYY-MM-DD). Left out of files for
        /// every other cadence, so older files read and write as they were.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        send_date: Option<String>,
    },
    /// A broadcast the brand's systems start through the platform's API.
    ApiBroadcast { broadcast: String },
    /// A single message the brand's systems send through the platform's
    /// transactional API, such as a receipt.
    TransactionalApi { message: String },
}

impl Trigger {
    /// A trigger of `kind` with that kind's defaults, for a journey whose
    /// trigger changes kind.
    pub fn starting(kind: TriggerKind) -> Trigger {
        match kind {
            TriggerKind::Event => Trigger::Event {
                event_name: String::new(),
                latency_minutes: 1,
                delay_minutes: 0,
            },
            TriggerKind::SegmentEntry => Trigger::SegmentEntry {
                segment: String::new(),
            },
            TriggerKind::Scheduled => Trigger::Scheduled {
                cadence: Cadence::Weekly,
                send_day: None,
                send_date: None,
            },
            TriggerKind::ApiBroadcast => Trigger::ApiBroadcast {
                broadcast: String::new(),
            },
            TriggerKind::TransactionalApi => Trigger::TransactionalApi {
                message: String::new(),
            },
        }
    }

    /// The name the trigger gives what starts it (an event, a segment, a
    /// broadcast or a message); empty for a schedule or a blank name.
    pub fn name(&self) -> &str {
        match self {
            Trigger::Event { event_name, .. } => event_name,
            Trigger::SegmentEntry { segment } => segment,
            Trigger::ApiBroadcast { broadcast } => broadcast,
            Trigger::TransactionalApi { message } => message,
            Trigger::Scheduled { .. } => "",
        }
    }

    pub fn kind(&self) -> TriggerKind {
        match self {
            Trigger::Event { .. } => TriggerKind::Event,
            Trigger::SegmentEntry { .. } => TriggerKind::SegmentEntry,
            Trigger::Scheduled { .. } => TriggerKind::Scheduled,
            Trigger::ApiBroadcast { .. } => TriggerKind::ApiBroadcast,
            Trigger::TransactionalApi { .. } => TriggerKind::TransactionalApi,
        }
    }

    pub fn summary(&self) -> String {
        match self {
            Trigger::Event {
                event_name,
                latency_minutes,
                delay_minutes,
            } => format!(
                "{}, arrives in ~{}, sends {}",
                named("Event", event_name),
                crate::units::minutes(*latency_minutes),
                match delay_minutes {
                    0 => "at once".to_string(),
                    wait => format!("after {}", crate::units::minutes(*wait)),
                }
            ),
            Trigger::SegmentEntry { segment } => named("Enters segment", segment),
            Trigger::Scheduled {
                cadence: Cadence::OneOff,
                send_date,
                ..
            } => match send_date.as_deref().map(str::trim) {
                Some(date) if !date.is_empty() => format!("Scheduled, once on {date}"),
                _ => "Scheduled, once (no date yet)".to_string(),
            },
            Trigger::Scheduled {
                cadence, send_day, ..
            } => {
                format!("Scheduled, {}", cadence.describe(*send_day))
            }
            Trigger::ApiBroadcast { broadcast } => named("API-triggered broadcast", broadcast),
            Trigger::TransactionalApi { message } => named("Transactional API message", message),
        }
    }
}

/// A trigger's kind and its name in quotes, or that it has none yet.
fn named(kind: &str, name: &str) -> String {
    match name.trim() {
        "" => format!("{kind} (no name yet)"),
        name => format!("{kind} “{name}”"),
    }
}

/// One routing rule: when every set condition matches, send to `lane`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub name: String,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
    pub when: Conditions,
    pub lane: String,
}

fn enabled_by_default() -> bool {
    true
}

/// Conditions of a rule. An empty list or a missing bound matches anything;
/// within a list any entry matches; all set conditions must hold together.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    #[serde(default)]
    pub intents: Vec<Intent>,
    #[serde(default)]
    pub trigger_kinds: Vec<TriggerKind>,
    #[serde(default)]
    pub audiences: Vec<Audience>,
    #[serde(default)]
    pub min_revenue_per_recipient: Option<f64>,
    #[serde(default)]
    pub max_revenue_per_recipient: Option<f64>,
    /// Matches journeys carrying any of these tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Kept so plans written elsewhere load, but ignored by routing and
    /// reported: lanes follow customer intent, not team ownership.
    #[serde(default)]
    pub owning_teams: Vec<String>,
}

impl Journey {
    /// The name findings use: a journey not named yet still reads as one.
    /// Whether every word of `text` is in the journey's name, one of its
    /// tags or its trigger as the Trigger column words it ("Enters segment
    /// …", "Scheduled, weekly"), in any case and with either apostrophe; no
    /// words hold for every journey. The journeys page filters by it as the
    /// user types.
    pub fn holds_words(&self, text: &str) -> bool {
        let fold = |s: &str| s.to_lowercase().replace('\u{2019}', "'");
        let trigger = self.trigger.summary();
        let fields = [self.name.as_str(), trigger.as_str()];
        let haystack: Vec<String> = (fields.into_iter())
            .chain(self.tags.iter().map(String::as_str))
            .map(fold)
            .collect();
        text.split_whitespace()
            .map(fold)
            .all(|word| haystack.iter().any(|h| h.contains(&word)))
    }

    pub fn called(&self) -> &str {
        match self.name.trim() {
            "" => "Unnamed journey",
            name => name,
        }
    }

    /// Whether the journey sends once, on a date: its volume is then the
    /// whole send's, not a day's.
    pub fn is_one_off(&self) -> bool {
        matches!(
            self.trigger,
            Trigger::Scheduled {
                cadence: Cadence::OneOff,
                ..
            }
        )
    }

    /// What its volume counts, as its editor labels the field.
    pub fn volume_label(&self) -> &'static str {
        if self.is_one_off() {
            "Messages in the send"
        } else {
            "Messages per day"
        }
    }

    /// Its volume in a table's cell beside daily figures: a one-off's is
    /// marked as sent once ("18,000 once").
    pub fn volume_cell(&self) -> String {
        let volume = crate::units::group(self.daily_volume.into());
        if self.is_one_off() {
            format!("{volume} once")
        } else {
            volume
        }
    }

    pub fn new(id: &str, name: &str) -> Journey {
        Journey {
            id: id.to_string(),
            name: name.to_string(),
            intent: Intent::Custom,
            // A weekly send needs no name to be whole, where a segment or an
            // event would start out empty.
            trigger: Trigger::Scheduled {
                cadence: Cadence::Weekly,
                send_day: None,
                send_date: None,
            },
            daily_volume: 0,
            revenue_per_recipient: 0.0,
            audience: Audience::All,
            owning_team: String::new(),
            tags: Vec::new(),
            lane_override: None,
        }
    }
}

/// A tag as routing matches it: whatever its case and surrounding spaces,
/// since people type “VIP” in one place and “vip” in another and mean one tag.
pub fn tag_key(tag: &str) -> String {
    tag.trim().to_lowercase()
}

/// Tags typed as a list: "vip, Seasonal ,, vip" → ["vip", "Seasonal"].
pub fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        // “VIP” after “vip” is the same tag, kept as first written.
        if !tags.iter().any(|t| tag_key(t) == tag_key(tag)) {
            tags.push(tag.to_string());
        }
    }
    tags
}
