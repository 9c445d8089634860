//! The plan: brand, lanes, journeys and routing rules, as saved in plan files.
//!
//! Every type here is plain data with a stable JSON form. Field order is the
//! order in the file, so exports are byte-for-byte reproducible. Unknown
//! fields are refused so that a typo in a hand-edited plan is reported rather
//! than silently dropped.
//!
//! Enums with data are written as objects with a `kind` field. They are read
//! through the flat structs in `tagged`, which accept exactly the same JSON
//! but avoid serde's buffering of internally tagged enums, a sizeable part of
//! the Wasm bundle. The schema is derived from the enums themselves.

use serde::{Deserialize, Serialize};

use crate::units::count;

mod kinds;
mod migration;
mod readiness;
mod tagged;

pub use kinds::*;
pub use migration::*;
pub use readiness::*;

/// The snake_case name serde gives a unit enum variant, as plan files and
/// form keys write it.
pub fn enum_key<T: Serialize>(item: T) -> String {
    serde_json::to_string(&item)
        .map(|quoted| quoted.trim_matches('"').to_string())
        .unwrap_or_default()
}

/// Puts a domain in canonical form (lower-case ASCII), if it parses.
pub fn canonical_domain(value: &mut String) {
    if let Ok(ascii) = crate::domain::normalize_domain(value) {
        *value = ascii;
    }
}

/// Puts an address in canonical form, if it parses.
pub fn canonical_address(value: &mut String) {
    if let Ok(ascii) = crate::domain::normalize_address(value) {
        *value = ascii;
    }
}

/// The plan file format version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A complete sending plan for one brand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Format version of this file; see `SCHEMA_VERSION`.
    pub schema_version: u32,
    /// Stable identifier of the plan, used to tell plans apart in the picker.
    pub id: String,
    pub brand: Brand,
    /// Lanes in display order.
    pub lanes: Vec<Lane>,
    pub journeys: Vec<Journey>,
    /// Routing rules, evaluated top to bottom; the first match wins.
    pub rules: Vec<Rule>,
    /// Lane for journeys that no override or rule catches. Required.
    pub default_lane: Option<String>,
    #[serde(default)]
    pub notes: String,
    /// The DMARC policy for the primary domain and its rollout.
    #[serde(default)]
    pub dmarc: DmarcPlan,
    /// DNS records that already exist, as a zone-file fragment; they join
    /// the planned zone for every check.
    #[serde(default)]
    pub existing_records: String,
    /// Optional records for inbound TLS and brand logos.
    #[serde(default)]
    pub extras: ExtraRecords,
    /// What-if settings and fallback plans for the reputation simulator.
    #[serde(default)]
    pub simulation: SimulationPlan,
    /// Implementation progress and seed-list results.
    #[serde(default)]
    pub checklist: Checklist,
    /// Which unsubscribes suppress which lanes.
    #[serde(default)]
    pub preferences: Preferences,
    /// Each lane's health thresholds.
    #[serde(default)]
    pub monitoring: Monitoring,
    /// The platform that sends the plan's mail.
    #[serde(default)]
    pub platform: PlatformPlan,
    /// Journeys moving from one lane to another on a dated ramp.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub migrations: Vec<Migration>,
    /// The peak season, when no cutover should happen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_window: Option<PeakWindow>,
}

/// The sending platform and what it needs to know about the lanes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlatformPlan {
    #[serde(default)]
    pub kind: Platform,
    /// Customer.io: the lane whose SMTP server keeps "All Emails", the
    /// fallback for transactional API mail and every message type that has
    /// no server of its own.
    #[serde(default)]
    pub all_emails_lane: Option<String>,
}

/// The simulator's settings that a brand changes (the rest are the model
/// card's defaults), and each lane's fallback plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SimulationPlan {
    /// First simulated day (YYYY-MM-DD); empty: the earliest warm-up start.
    #[serde(default)]
    pub start_date: String,
    pub days: u32,
    /// Recipients at Gmail, Yahoo/AOL, Microsoft, Apple and others, in %.
    pub mix_percent: [u32; 5],
    /// Promotional volume against the plan's, in %.
    pub promo_frequency_percent: u32,
    /// The least engaged cohort promotions may mail.
    pub promo_audience: Audience,
    /// Complaint rates against the model's, in %.
    pub complaint_percent: u32,
    /// Health gates: a warm-up advances only after a day with more than
    /// this share delivered and less than these complaint and bounce rates,
    /// all in %.
    #[serde(default = "gates::delivered")]
    pub gate_delivered_percent: f64,
    #[serde(default = "gates::complaints")]
    pub gate_complaint_percent: f64,
    #[serde(default = "gates::bounces")]
    pub gate_bounce_percent: f64,
    #[serde(default)]
    pub fallbacks: Vec<FallbackPlan>,
}

/// The health gates' defaults: SparkPost's and Braze's 90% delivered,
/// Gmail's 0.1% complaints, the industry's 2% bounces.
mod gates {
    pub fn delivered() -> f64 {
        90.0
    }
    pub fn complaints() -> f64 {
        0.1
    }
    pub fn bounces() -> f64 {
        2.0
    }
}

impl Default for SimulationPlan {
    fn default() -> Self {
        SimulationPlan {
            start_date: String::new(),
            days: 90,
            mix_percent: [45, 15, 20, 12, 8],
            promo_frequency_percent: 100,
            promo_audience: Audience::All,
            complaint_percent: 100,
            gate_delivered_percent: gates::delivered(),
            gate_complaint_percent: gates::complaints(),
            gate_bounce_percent: gates::bounces(),
            fallbacks: Vec::new(),
        }
    }
}

/// What a lane does when its reputation turns Low, its complaints pass
/// 0.3% or its bounces 5%.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FallbackPlan {
    pub lane: String,
    pub action: FallbackAction,
    /// The lane that takes the promotions when `action` is `shift`.
    #[serde(default)]
    pub shift_lane: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FallbackAction {
    PausePromotions,
    Shift,
    TightenTo30Days,
}

impl FallbackAction {
    pub const ALL: [FallbackAction; 3] = [
        FallbackAction::PausePromotions,
        FallbackAction::Shift,
        FallbackAction::TightenTo30Days,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FallbackAction::PausePromotions => "Pause promotions",
            FallbackAction::Shift => "Shift promotions to another lane",
            FallbackAction::TightenTo30Days => "Mail only the 30-day engaged",
        }
    }
}

/// The DMARC policy the brand is heading for and when it gets there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DmarcPlan {
    /// Mailbox for aggregate reports; empty means no reports.
    #[serde(default)]
    pub rua: String,
    /// The policy at the end of the rollout.
    pub goal: DmarcPolicy,
    /// The policy for subdomains that do not exist (the record's `np`),
    /// which spoofers favour; unset, they get the subdomains' policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub np: Option<DmarcPolicy>,
    #[serde(default)]
    pub strict_dkim: bool,
    #[serde(default)]
    pub strict_spf: bool,
    /// First day of the rollout (YYYY-MM-DD); empty until scheduled.
    #[serde(default)]
    pub rollout_start: String,
    /// The policy the rollout starts at on `rollout_start`, for a domain
    /// that already publishes a stricter one than p=none: the stages
    /// before it are skipped, never dated. Unset, it starts at p=none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_stage: Option<DmarcPolicy>,
    /// Weeks at p=none, then again at quarantine, before the next step.
    pub weeks_per_stage: u32,
    /// Addresses in DMARC reports the team has checked are not the brand's
    /// own services: spoofing, which a stricter policy stops, so they do
    /// not hold the rollout back.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_ours: Vec<String>,
}

impl Default for DmarcPlan {
    fn default() -> Self {
        DmarcPlan {
            rua: String::new(),
            goal: DmarcPolicy::Reject,
            np: None,
            strict_dkim: false,
            strict_spf: false,
            rollout_start: String::new(),
            first_stage: None,
            weeks_per_stage: 4,
            not_ours: Vec::new(),
        }
    }
}

/// Records beyond SPF, DKIM and DMARC that a brand may publish at its
/// primary domain: MTA-STS (RFC 8461), TLS reporting (RFC 8460) and BIMI.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExtraRecords {
    #[serde(default)]
    pub mta_sts: MtaStsMode,
    /// Mailbox for SMTP TLS reports; empty means no TLS-RPT record.
    #[serde(default)]
    pub tls_rpt_rua: String,
    /// HTTPS address of the SVG Tiny PS logo; empty means no BIMI record.
    #[serde(default)]
    pub bimi_logo: String,
    /// HTTPS address of the mark certificate (VMC or CMC), if any.
    #[serde(default)]
    pub bimi_certificate: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Brand {
    pub name: String,
    /// The organisational domain customers know, such as `brand.com`.
    pub primary_domain: String,
}

/// One sending lane: an SMTP server with its own domain and reputation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lane {
    pub id: String,
    pub name: String,
    pub purpose: Purpose,
    /// Person or team accountable for the lane's health.
    #[serde(default)]
    pub owner: String,
    pub smtp: Smtp,
    pub sending_domain: String,
    pub from_name: String,
    pub from_address: String,
    #[serde(default)]
    pub reply_to: String,
    /// Envelope sender (bounce) domain; empty means the provider's default.
    #[serde(default)]
    pub return_path_domain: String,
    /// Branded link-tracking domain; empty means the provider's default.
    #[serde(default)]
    pub tracking_domain: String,
    pub ip_strategy: IpStrategy,
    pub status: LaneStatus,
    pub engagement_filter: EngagementFilter,
    /// DKIM selector; empty means the provider's default (see `dns::plan`).
    #[serde(default)]
    pub dkim_selector: String,
    /// DKIM signing domain (`d=`); empty means the sending domain.
    #[serde(default)]
    pub dkim_domain: String,
    /// The lane's dedicated sending addresses, when known.
    #[serde(default)]
    pub ip_addresses: Vec<String>,
    /// How the lane's new domain or IPs warm up; `None` for a warm lane.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup: Option<WarmupPlan>,
    /// Which of the six lane colours (0 to 5) the lane shows, kept so that
    /// deleting or moving another lane does not recolour it. Absent in plans
    /// from before lanes kept one: such a lane shows its position's colour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(range(max = 5)))]
    pub colour: Option<u8>,
}

/// A lane's warm-up: the ramp, the calendar and what happens over the cap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WarmupPlan {
    pub preset: WarmupPreset,
    /// The ramp when `preset` is `custom`.
    #[serde(default)]
    pub custom: CustomRamp,
    /// First day of the ramp (YYYY-MM-DD); empty until scheduled.
    #[serde(default)]
    pub start_date: String,
    /// Weekdays the lane sends on, 1 (Monday) to 7 (Sunday). Other days do
    /// not advance the ramp.
    pub sending_weekdays: Vec<u8>,
    /// Days without sending (YYYY-MM-DD), such as holidays.
    #[serde(default)]
    pub skipped_dates: Vec<String>,
    /// The peak daily volume the lane must reach, such as Black Friday's.
    #[serde(default)]
    pub target_volume: u64,
    /// The day it must be reached (YYYY-MM-DD); empty for none.
    #[serde(default)]
    pub target_date: String,
    #[serde(default)]
    pub overflow: Overflow,
    /// The warm lane that takes the overflow when `overflow` is `spill`.
    #[serde(default)]
    pub spill_lane: Option<String>,
}

/// A ramp of one's own: `start_volume` growing by `growth_percent` every
/// `hold_days` sending days until `cap` (0: no ceiling).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CustomRamp {
    pub start_volume: u64,
    pub growth_percent: u32,
    pub hold_days: u32,
    pub cap: u64,
}

impl Default for CustomRamp {
    fn default() -> Self {
        CustomRamp {
            start_volume: 500,
            growth_percent: 40,
            hold_days: 1,
            cap: 0,
        }
    }
}

impl Default for WarmupPlan {
    fn default() -> Self {
        WarmupPlan {
            preset: WarmupPreset::default(),
            custom: CustomRamp::default(),
            start_date: String::new(),
            sending_weekdays: vec![1, 2, 3, 4, 5, 6, 7],
            skipped_dates: Vec::new(),
            target_volume: 0,
            target_date: String::new(),
            overflow: Overflow::default(),
            spill_lane: None,
        }
    }
}

/// The most days a warm-up calendar, a migration's split or a simulation
/// covers.
pub const CALENDAR_DAYS: u32 = 400;

impl WarmupPlan {
    /// The first and last dates its calendar looks at: `CALENDAR_DAYS`
    /// from its first day. `None` until the first day is a date.
    pub fn calendar_days(&self) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
        let first = crate::units::iso_date(self.start_date.trim())?;
        let days = u64::from(CALENDAR_DAYS - 1);
        let last = first.checked_add_days(chrono::Days::new(days));
        Some((first, last.unwrap_or(chrono::NaiveDate::MAX)))
    }

    /// Whether the peak date is further from the start than the calendar
    /// looks, so that nothing can be said of the ramp on that day.
    pub fn peak_beyond_calendar(&self) -> bool {
        let day = |text: &str| crate::units::iso_date(text.trim());
        match (day(&self.start_date), day(&self.target_date)) {
            (Some(start), Some(peak)) => (peak - start).num_days() > i64::from(CALENDAR_DAYS),
            _ => false,
        }
    }
}

/// SMTP connection details. Passwords and API keys are never part of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    pub provider: Provider,
    /// Empty for Customer.io's own delivery, which needs no SMTP host.
    #[serde(default)]
    pub host: String,
    pub port: u16,
    pub security: Security,
    #[serde(default)]
    pub username: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(not(feature = "schema"), serde(try_from = "tagged::IpStrategyRepr"))]
pub enum IpStrategy {
    Shared,
    Dedicated { count: u32 },
}

/// Who a lane is allowed to mail, applied on top of each journey's audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(
    not(feature = "schema"),
    serde(try_from = "tagged::EngagementFilterRepr")
)]
pub enum EngagementFilter {
    None,
    /// Opened or clicked within the last `days` days.
    EngagedWithin {
        days: u32,
    },
    /// Purchased within the last `days` days.
    PurchasedWithin {
        days: u32,
    },
    /// In a segment the sending platform's predictions rank as likely to
    /// buy, such as a high predicted intent or purchase likelihood segment.
    PredictedIntent,
}

impl EngagementFilter {
    pub fn label(self) -> String {
        match self {
            EngagementFilter::None => "No filter".to_string(),
            EngagementFilter::EngagedWithin { days } => {
                format!(
                    "Opened or clicked in the last {}",
                    count(days.into(), "day", "days")
                )
            }
            EngagementFilter::PurchasedWithin { days } => {
                format!(
                    "Purchased in the last {}",
                    count(days.into(), "day", "days")
                )
            }
            EngagementFilter::PredictedIntent => "In a high predicted intent segment".to_string(),
        }
    }
}

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
#[cfg_attr(not(feature = "schema"), serde(try_from = "tagged::TriggerRepr"))]
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

/// How many colours lanes take turns with; the stylesheet defines them.
pub const LANE_COLOURS: u8 = 6;

/// A plan's name where the app names it, from its brand's name: the
/// brand, or “Untitled plan” while the brand is blank.
pub fn title_of(brand_name: &str) -> &str {
    match brand_name.trim() {
        "" => "Untitled plan",
        name => name,
    }
}

impl Plan {
    /// The plan's name where the app names it (`title_of`).
    pub fn title(&self) -> &str {
        title_of(&self.brand.name)
    }

    /// Lane `index`'s colour: the one it keeps, or its position's.
    pub fn lane_colour(&self, index: usize) -> u8 {
        let position = (index % usize::from(LANE_COLOURS)) as u8;
        self.lanes
            .get(index)
            .and_then(|l| l.colour)
            .map_or(position, |c| c % LANE_COLOURS)
    }

    /// Gives every lane the colour it shows now, before lanes are added,
    /// moved or deleted, so that none of the others changes colour.
    pub fn keep_colours(&mut self) {
        self.lanes = self.lanes_as_shown();
    }

    /// The lanes, each with the colour it shows kept.
    pub fn lanes_as_shown(&self) -> Vec<Lane> {
        let mut lanes = self.lanes.clone();
        for (index, lane) in lanes.iter_mut().enumerate() {
            lane.colour = Some(self.lane_colour(index));
        }
        lanes
    }

    /// The colour for a new lane: the one fewest lanes show, the first of
    /// equals.
    pub fn free_colour(&self) -> u8 {
        let mut used = [0u32; LANE_COLOURS as usize];
        for index in 0..self.lanes.len() {
            used[usize::from(self.lane_colour(index))] += 1;
        }
        (0..LANE_COLOURS)
            .min_by_key(|&c| used[usize::from(c)])
            .unwrap_or(0)
    }

    /// An empty plan with one lane, so that the required default lane
    /// exists. Its brand is blank, not a placeholder that fixes would offer
    /// as the From name customers see; the plan is “Untitled plan” until
    /// it is named.
    pub fn empty(id: &str) -> Plan {
        let lane = Lane::new("lane-1", FIRST_LANE_NAME, Purpose::Custom);
        Plan {
            schema_version: SCHEMA_VERSION,
            id: id.to_string(),
            brand: Brand {
                name: String::new(),
                primary_domain: String::new(),
            },
            default_lane: Some(lane.id.clone()),
            lanes: vec![lane],
            journeys: Vec::new(),
            rules: Vec::new(),
            notes: String::new(),
            dmarc: DmarcPlan::default(),
            existing_records: String::new(),
            extras: ExtraRecords::default(),
            simulation: SimulationPlan::default(),
            checklist: Checklist::default(),
            preferences: Preferences::default(),
            monitoring: Monitoring::default(),
            platform: PlatformPlan::default(),
            migrations: Vec::new(),
            peak_window: None,
        }
    }

    /// Gives every seed test and Postmaster row without an id, or with an
    /// id an earlier row has, a fresh one, so that edits can name each row.
    pub fn fill_row_ids(&mut self) {
        fn fill(ids: Vec<&mut String>, prefix: &str) {
            let mut taken: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
            let mut seen: Vec<String> = Vec::new();
            for id in ids {
                if id.is_empty() || seen.contains(id) {
                    *id = fresh_id(prefix, taken.iter().map(String::as_str));
                    taken.push(id.clone());
                }
                seen.push(id.clone());
            }
        }
        fill(
            self.checklist.seeds.iter_mut().map(|s| &mut s.id).collect(),
            "seed",
        );
        let rows = self.monitoring.postmaster.iter_mut();
        fill(rows.map(|p| &mut p.id).collect(), "postmaster");
    }

    pub fn lane(&self, id: &str) -> Option<&Lane> {
        self.lanes.iter().find(|lane| lane.id == id)
    }

    pub fn lane_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.lane(id).map_or(id, |lane| lane.name.as_str())
    }

    pub fn total_daily_volume(&self) -> u64 {
        self.journeys
            .iter()
            .map(|j| u64::from(j.daily_volume))
            .sum()
    }
}

/// The name of a new plan's one lane until the team names it or gives it
/// a purpose.
pub const FIRST_LANE_NAME: &str = "Main lane";

impl Lane {
    /// A lane with the given purpose and no domain yet.
    pub fn new(id: &str, name: &str, purpose: Purpose) -> Lane {
        Lane {
            id: id.to_string(),
            name: name.to_string(),
            purpose,
            owner: String::new(),
            smtp: Smtp::from_preset(Provider::Custom),
            sending_domain: String::new(),
            from_name: String::new(),
            from_address: String::new(),
            reply_to: String::new(),
            return_path_domain: String::new(),
            tracking_domain: String::new(),
            ip_strategy: IpStrategy::Shared,
            status: LaneStatus::New,
            engagement_filter: EngagementFilter::None,
            dkim_selector: String::new(),
            dkim_domain: String::new(),
            ip_addresses: Vec::new(),
            warmup: None,
            colour: None,
        }
    }
}

/// The AWS region in an SES SMTP host such as `email-smtp.eu-west-1.amazonaws.com`.
pub fn ses_region(host: &str) -> Option<&str> {
    let region = host
        .strip_prefix("email-smtp.")?
        .strip_suffix(".amazonaws.com")?;
    let named = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    (!region.is_empty() && region.chars().all(named)).then_some(region)
}

impl Smtp {
    /// Whether a new host moves an SES lane to another region, where its
    /// identity, DKIM tokens, bounce MX and dedicated IPs are all new.
    pub fn changes_region(&self, host: &str) -> bool {
        let old = ses_region(&self.host);
        self.provider == Provider::AmazonSes
            && old.is_some()
            && ses_region(host).is_some_and(|new| Some(new) != old)
    }

    pub fn from_preset(provider: Provider) -> Smtp {
        let preset = provider.preset();
        Smtp {
            provider,
            host: preset.host.to_string(),
            port: preset.port,
            security: preset.security,
            username: preset.username.to_string(),
        }
    }

    /// The provider's preset with a port the platform accepts: where the
    /// preset's port is refused, the provider's spare STARTTLS port.
    pub fn for_platform(provider: Provider, platform: Platform) -> Smtp {
        let mut smtp = Smtp::from_preset(provider);
        if platform.refused_ports().contains(&smtp.port) {
            smtp.port = provider.spare_port().unwrap_or(smtp.port);
        }
        smtp
    }

    /// Switches the security, and with it a well-known port of the other
    /// mode (587, 2525 or 2587 ↔ 465 or 2465), so that port and security
    /// agree; any other port stays as typed.
    pub fn set_security(&mut self, security: Security, platform: Platform) {
        if security == self.security {
            return;
        }
        self.security = security;
        self.port = match (security, self.port) {
            (Security::ImplicitTls, 587 | 2525 | 2587) => self.implicit_port(platform),
            (Security::Starttls, 465 | 2465) => self.starttls_port(platform),
            (_, port) => port,
        };
    }

    /// 465, or SES's other TLS port where the platform refuses 465.
    fn implicit_port(&self, platform: Platform) -> u16 {
        let refused = platform.refused_ports().contains(&465);
        if refused && self.provider == Provider::AmazonSes {
            2465
        } else {
            465
        }
    }

    /// 587, or the provider's spare port where the platform refuses 587.
    fn starttls_port(&self, platform: Platform) -> u16 {
        match self.provider.spare_port() {
            Some(spare) if platform.refused_ports().contains(&587) => spare,
            _ => 587,
        }
    }
}

impl Lane {
    /// Puts the lane's domains and addresses in canonical form. Values that
    /// do not parse are left as typed, so that validation can point at them.
    pub fn normalize(&mut self) {
        canonical_domain(&mut self.sending_domain);
        canonical_domain(&mut self.return_path_domain);
        canonical_domain(&mut self.tracking_domain);
        canonical_domain(&mut self.smtp.host);
        canonical_address(&mut self.from_address);
        canonical_address(&mut self.reply_to);
        canonical_domain(&mut self.dkim_domain);
    }
}

impl Journey {
    /// The name findings use: a journey not named yet still reads as one.
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

/// The first identifier `prefix-N` (N from 1) that `taken` does not contain.
pub fn fresh_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    (1u32..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|candidate| !taken.clone().any(|id| id == candidate))
        .expect("an unused identifier exists below u32::MAX")
}

/// `base` itself when `taken` does not contain it, else the first
/// `base`, `separator` and N (from 2) that it does not: “Promo lane 2”,
/// `promotional-2`.
pub fn fresh_named<'a>(
    base: &str,
    separator: char,
    taken: impl Iterator<Item = &'a str> + Clone,
) -> String {
    let free = |candidate: &str| !taken.clone().any(|id| id == candidate);
    if free(base) {
        return base.to_string();
    }
    (2u32..)
        .map(|n| format!("{base}{separator}{n}"))
        .find(|candidate| free(candidate))
        .expect("an unused name exists below u32::MAX")
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
