//! Closed lists of choices in a plan (purposes, providers, intents, …),
//! with the labels people see and the order menus show them in.

use serde::{Deserialize, Serialize};

// Ordered by strictness: none, then quarantine, then reject.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DmarcPolicy {
    None,
    Quarantine,
    Reject,
}

impl DmarcPolicy {
    pub const ALL: [DmarcPolicy; 3] = [
        DmarcPolicy::None,
        DmarcPolicy::Quarantine,
        DmarcPolicy::Reject,
    ];

    /// The policy as its record writes it, such as `p=reject`.
    pub fn label(self) -> &'static str {
        match self {
            DmarcPolicy::None => "p=none",
            DmarcPolicy::Quarantine => "p=quarantine",
            DmarcPolicy::Reject => "p=reject",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DmarcPolicy::None => "none",
            DmarcPolicy::Quarantine => "quarantine",
            DmarcPolicy::Reject => "reject",
        }
    }
}

/// A published warm-up schedule, or a custom ramp (see `warmup::presets`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WarmupPreset {
    SendgridAutomated,
    Sparkpost,
    BrazeConservative,
    #[default]
    BrazeModerate,
    BrazeAggressive,
    KumoConservative,
    KumoAggressive,
    KumoTransactional,
    SalesforceWeekly,
    Mailtrap,
    AmazonSes,
    Custom,
}

impl WarmupPreset {
    pub const ALL: [WarmupPreset; 12] = [
        WarmupPreset::SendgridAutomated,
        WarmupPreset::Sparkpost,
        WarmupPreset::BrazeConservative,
        WarmupPreset::BrazeModerate,
        WarmupPreset::BrazeAggressive,
        WarmupPreset::KumoConservative,
        WarmupPreset::KumoAggressive,
        WarmupPreset::KumoTransactional,
        WarmupPreset::SalesforceWeekly,
        WarmupPreset::Mailtrap,
        WarmupPreset::AmazonSes,
        WarmupPreset::Custom,
    ];

    /// The name in plan files.
    pub fn key(self) -> &'static str {
        match self {
            WarmupPreset::SendgridAutomated => "sendgrid_automated",
            WarmupPreset::Sparkpost => "sparkpost",
            WarmupPreset::BrazeConservative => "braze_conservative",
            WarmupPreset::BrazeModerate => "braze_moderate",
            WarmupPreset::BrazeAggressive => "braze_aggressive",
            WarmupPreset::KumoConservative => "kumo_conservative",
            WarmupPreset::KumoAggressive => "kumo_aggressive",
            WarmupPreset::KumoTransactional => "kumo_transactional",
            WarmupPreset::SalesforceWeekly => "salesforce_weekly",
            WarmupPreset::Mailtrap => "mailtrap",
            WarmupPreset::AmazonSes => "amazon_ses",
            WarmupPreset::Custom => "custom",
        }
    }

    /// The schedule a provider publishes for its own IPs, or Braze's
    /// moderate one where it publishes none.
    pub fn for_provider(provider: Provider) -> WarmupPreset {
        match provider {
            Provider::SendGrid => WarmupPreset::SendgridAutomated,
            Provider::AmazonSes => WarmupPreset::AmazonSes,
            Provider::SparkPost => WarmupPreset::Sparkpost,
            _ => WarmupPreset::BrazeModerate,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            WarmupPreset::SendgridAutomated => "SendGrid automated (hourly caps, 42 days)",
            WarmupPreset::Sparkpost => "SparkPost automated (29 stages)",
            WarmupPreset::BrazeConservative => "Braze conservative",
            WarmupPreset::BrazeModerate => "Braze moderate",
            WarmupPreset::BrazeAggressive => "Braze aggressive",
            WarmupPreset::KumoConservative => "KumoMTA conservative",
            WarmupPreset::KumoAggressive => "KumoMTA aggressive",
            WarmupPreset::KumoTransactional => "KumoMTA transactional",
            WarmupPreset::SalesforceWeekly => "Salesforce Marketing Cloud (weekly caps)",
            WarmupPreset::Mailtrap => "Mailtrap (+30% a day)",
            WarmupPreset::AmazonSes => "Amazon SES (45-day ramp)",
            WarmupPreset::Custom => "Custom ramp",
        }
    }
}

/// What happens to a day's mail over the warm-up cap.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Overflow {
    /// Held and sent on the next sending day with room.
    #[default]
    Defer,
    /// Sent through the lane named by `spill_lane`, which must be warm.
    Spill,
    /// Not sent.
    Suppress,
}

impl Overflow {
    pub const ALL: [Overflow; 3] = [Overflow::Defer, Overflow::Spill, Overflow::Suppress];

    pub fn label(self) -> &'static str {
        match self {
            Overflow::Defer => "Defer to the next sending day",
            Overflow::Spill => "Spill to a warm lane",
            Overflow::Suppress => "Suppress",
        }
    }
}

/// The MTA-STS policy mode (RFC 8461 §5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MtaStsMode {
    /// No MTA-STS records.
    #[default]
    Off,
    Testing,
    Enforce,
}

impl MtaStsMode {
    pub const ALL: [MtaStsMode; 3] = [MtaStsMode::Off, MtaStsMode::Testing, MtaStsMode::Enforce];

    pub fn label(self) -> &'static str {
        match self {
            MtaStsMode::Off => "Off",
            MtaStsMode::Testing => "Testing (report only)",
            MtaStsMode::Enforce => "Enforce",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Transactional,
    RevenueFlows,
    Promotional,
    Vip,
    Migration,
    Custom,
}

impl Purpose {
    pub const ALL: [Purpose; 6] = [
        Purpose::Transactional,
        Purpose::RevenueFlows,
        Purpose::Promotional,
        Purpose::Vip,
        Purpose::Migration,
        Purpose::Custom,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Purpose::Transactional => "Transactional",
            Purpose::RevenueFlows => "Revenue flows",
            Purpose::Promotional => "Promotional",
            Purpose::Vip => "VIP",
            Purpose::Migration => "Migration",
            Purpose::Custom => "Custom",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    CustomerIo,
    SendGrid,
    AmazonSes,
    Postmark,
    Mailgun,
    SparkPost,
    Custom,
}

/// The mailbox providers the simulator models and delivery data is counted
/// by; `SimulationPlan::mix_percent` holds a share for each, so an edit
/// names the provider, not a place in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mailbox {
    Gmail,
    Yahoo,
    Microsoft,
    Apple,
    Other,
}

impl Mailbox {
    /// In the order of `mix_percent` and of the simulator's per-provider
    /// figures.
    pub const ALL: [Mailbox; 5] = [
        Mailbox::Gmail,
        Mailbox::Yahoo,
        Mailbox::Microsoft,
        Mailbox::Apple,
        Mailbox::Other,
    ];

    /// Its place in `mix_percent`.
    pub const fn slot(self) -> usize {
        self as usize
    }

    pub const fn label(self) -> &'static str {
        match self {
            Mailbox::Gmail => "Gmail",
            Mailbox::Yahoo => "Yahoo/AOL",
            Mailbox::Microsoft => "Microsoft",
            Mailbox::Apple => "Apple",
            Mailbox::Other => "Other",
        }
    }
}

/// What a provider preset fills in when it is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProviderPreset {
    pub host: &'static str,
    pub port: u16,
    pub security: Security,
    pub username: &'static str,
}

impl Provider {
    pub const ALL: [Provider; 7] = [
        Provider::CustomerIo,
        Provider::SendGrid,
        Provider::AmazonSes,
        Provider::Postmark,
        Provider::Mailgun,
        Provider::SparkPost,
        Provider::Custom,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Provider::CustomerIo => "Customer.io delivery",
            Provider::SendGrid => "SendGrid",
            Provider::AmazonSes => "Amazon SES",
            Provider::Postmark => "Postmark",
            Provider::Mailgun => "Mailgun",
            Provider::SparkPost => "SparkPost",
            Provider::Custom => "Custom SMTP",
        }
    }

    /// Whether the provider sends with the Return-Path on the domain added
    /// to it, the lane's sending domain, whatever else is asked for:
    /// Mailgun's `bounce+…@` addresses.
    pub fn bounces_at_sending_domain(self) -> bool {
        self == Provider::Mailgun
    }

    /// Connection defaults from each provider's SMTP documentation.
    pub fn preset(self) -> ProviderPreset {
        let (host, port, security, username) = match self {
            Provider::CustomerIo => ("", 0, Security::Starttls, ""),
            Provider::SendGrid => ("smtp.sendgrid.net", 587, Security::Starttls, "apikey"),
            Provider::AmazonSes => (
                "email-smtp.us-east-1.amazonaws.com",
                587,
                Security::Starttls,
                "",
            ),
            Provider::Postmark => ("smtp.postmarkapp.com", 587, Security::Starttls, ""),
            Provider::Mailgun => ("smtp.mailgun.org", 587, Security::Starttls, ""),
            Provider::SparkPost => (
                "smtp.sparkpostmail.com",
                587,
                Security::Starttls,
                "SMTP_Injection",
            ),
            Provider::Custom => ("", 2525, Security::Starttls, ""),
        };
        ProviderPreset {
            host,
            port,
            security,
            username,
        }
    }

    /// The STARTTLS port the provider also listens on, for platforms that
    /// refuse 587: 2587 on SES, 2525 on the others. `None` for Customer.io's
    /// own delivery, which has no SMTP port.
    pub fn spare_port(self) -> Option<u16> {
        match self {
            Provider::CustomerIo => None,
            Provider::AmazonSes => Some(2587),
            _ => Some(2525),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// Plain connection upgraded with STARTTLS, usually on port 587 or 2525.
    Starttls,
    /// TLS from the first byte, usually on port 465.
    ImplicitTls,
}

impl Security {
    pub const ALL: [Security; 2] = [Security::Starttls, Security::ImplicitTls];

    pub fn label(self) -> &'static str {
        match self {
            Security::Starttls => "STARTTLS",
            Security::ImplicitTls => "Implicit TLS",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LaneStatus {
    New,
    Warming,
    Warm,
    Paused,
}

impl LaneStatus {
    pub const ALL: [LaneStatus; 4] = [
        LaneStatus::New,
        LaneStatus::Warming,
        LaneStatus::Warm,
        LaneStatus::Paused,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LaneStatus::New => "New",
            LaneStatus::Warming => "Warming",
            LaneStatus::Warm => "Warm",
            LaneStatus::Paused => "Paused",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    CartAbandonment,
    CheckoutAbandonment,
    BrowseAbandonment,
    PostPurchase,
    Replenishment,
    Winback,
    OrderConfirmation,
    ShippingUpdate,
    PasswordReset,
    Welcome,
    PromotionalBroadcast,
    Newsletter,
    VipOffer,
    Custom,
}

impl Intent {
    /// Mail customers expect whatever their marketing preferences.
    pub fn is_transactional(self) -> bool {
        matches!(
            self,
            Intent::OrderConfirmation | Intent::ShippingUpdate | Intent::PasswordReset
        )
    }

    /// Cart and checkout recovery, the revenue most exposed to promotions.
    pub fn is_recovery(self) -> bool {
        matches!(self, Intent::CartAbandonment | Intent::CheckoutAbandonment)
    }

    /// How a journey of this intent usually starts: receipts and codes from
    /// the platform's transactional API where it has one (Customer.io) and
    /// from an event elsewhere, recovery and welcome flows from an event,
    /// replenishment and winback from a segment, promotions on a schedule.
    pub fn usual_trigger(self, platform: Platform) -> TriggerKind {
        match self {
            i if i.is_transactional() && platform == Platform::CustomerIo => {
                TriggerKind::TransactionalApi
            }
            Intent::OrderConfirmation
            | Intent::ShippingUpdate
            | Intent::PasswordReset
            | Intent::CartAbandonment
            | Intent::CheckoutAbandonment
            | Intent::BrowseAbandonment
            | Intent::PostPurchase
            | Intent::Welcome => TriggerKind::Event,
            Intent::Replenishment | Intent::Winback => TriggerKind::SegmentEntry,
            Intent::PromotionalBroadcast
            | Intent::Newsletter
            | Intent::VipOffer
            | Intent::Custom => TriggerKind::Scheduled,
        }
    }

    /// The purpose of the lane this intent's mail belongs on: receipts and
    /// codes on the transactional lane, promotions on the promotional
    /// lane, the rest of the lifecycle on the revenue flows' lane; `None`
    /// for custom mail, which is the team's to place.
    pub fn tier(self) -> Option<Purpose> {
        if self.is_transactional() {
            Some(Purpose::Transactional)
        } else if self.is_promotional() {
            Some(Purpose::Promotional)
        } else if self == Intent::Custom {
            None
        } else {
            Some(Purpose::RevenueFlows)
        }
    }

    /// Broadcasts to a list: promotions and newsletters.
    pub fn is_broadcast(self) -> bool {
        matches!(self, Intent::PromotionalBroadcast | Intent::Newsletter)
    }

    /// Broadcasts and VIP offers: mail sent to promote, not because the
    /// recipient just did something.
    pub fn is_promotional(self) -> bool {
        self.is_broadcast() || self == Intent::VipOffer
    }

    pub const ALL: [Intent; 14] = [
        Intent::CartAbandonment,
        Intent::CheckoutAbandonment,
        Intent::BrowseAbandonment,
        Intent::PostPurchase,
        Intent::Replenishment,
        Intent::Winback,
        Intent::OrderConfirmation,
        Intent::ShippingUpdate,
        Intent::PasswordReset,
        Intent::Welcome,
        Intent::PromotionalBroadcast,
        Intent::Newsletter,
        Intent::VipOffer,
        Intent::Custom,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Intent::CartAbandonment => "Cart abandonment",
            Intent::CheckoutAbandonment => "Checkout abandonment",
            Intent::BrowseAbandonment => "Browse abandonment",
            Intent::PostPurchase => "Post-purchase",
            Intent::Replenishment => "Replenishment",
            Intent::Winback => "Winback",
            Intent::OrderConfirmation => "Order confirmation",
            Intent::ShippingUpdate => "Shipping update",
            Intent::PasswordReset => "Password reset or login code",
            Intent::Welcome => "Welcome",
            Intent::PromotionalBroadcast => "Promotional broadcast",
            Intent::Newsletter => "Newsletter",
            Intent::VipOffer => "VIP offer",
            Intent::Custom => "Custom",
        }
    }

    /// Position in `ALL`, used for bit sets.
    pub fn index(self) -> u32 {
        self as u32
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TriggerKind {
    Event,
    SegmentEntry,
    Scheduled,
    ApiBroadcast,
    TransactionalApi,
}

impl TriggerKind {
    pub const ALL: [TriggerKind; 5] = [
        TriggerKind::Event,
        TriggerKind::SegmentEntry,
        TriggerKind::Scheduled,
        TriggerKind::ApiBroadcast,
        TriggerKind::TransactionalApi,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TriggerKind::Event => "Event",
            TriggerKind::SegmentEntry => "Segment entry",
            TriggerKind::Scheduled => "Scheduled broadcast",
            TriggerKind::ApiBroadcast => "API-triggered broadcast",
            TriggerKind::TransactionalApi => "Transactional API message",
        }
    }

    pub fn index(self) -> u32 {
        self as u32
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Daily,
    SeveralPerWeek,
    Weekly,
    Fortnightly,
    Monthly,
    // A single send on the trigger's `send_date`, such as a launch.
    OneOff,
}

impl Cadence {
    pub const ALL: [Cadence; 6] = [
        Cadence::Daily,
        Cadence::SeveralPerWeek,
        Cadence::Weekly,
        Cadence::Fortnightly,
        Cadence::Monthly,
        Cadence::OneOff,
    ];

    /// The cadence as an option of a list: "Weekly".
    pub fn option(self) -> &'static str {
        match self {
            Cadence::Daily => "Daily",
            Cadence::SeveralPerWeek => "Several times a week",
            Cadence::Weekly => "Weekly",
            Cadence::Fortnightly => "Every two weeks",
            Cadence::Monthly => "Monthly",
            Cadence::OneOff => "Once, on a date",
        }
    }

    /// The cadence within a sentence: "Scheduled, weekly".
    pub fn label(self) -> &'static str {
        match self {
            Cadence::Daily => "daily",
            Cadence::SeveralPerWeek => "several times a week",
            Cadence::Weekly => "weekly",
            Cadence::Fortnightly => "every two weeks",
            Cadence::Monthly => "monthly",
            Cadence::OneOff => "once",
        }
    }

    /// The send days in words, as the journey list shows them: "weekly on
    /// Tuesdays", or the cadence alone when the mail is spread. A one-off's
    /// date is the trigger's (`Trigger::summary`): here it is "once".
    pub fn describe(self, send_day: Option<Weekday>) -> String {
        let Some(day) = send_day.filter(|_| !matches!(self, Cadence::Daily | Cadence::OneOff))
        else {
            return self.label().to_string();
        };
        let name = day.label();
        match self {
            Cadence::Daily | Cadence::OneOff => self.label().to_string(),
            Cadence::SeveralPerWeek => format!(
                "on {}, {} and {}",
                plural(name),
                plural(day.after(2).label()),
                plural(day.after(4).label())
            ),
            Cadence::Weekly => format!("weekly on {}", plural(name)),
            Cadence::Fortnightly => format!("every other {name}"),
            Cadence::Monthly => format!("on the first {name} of the month"),
        }
    }
}

fn plural(day: &str) -> String {
    format!("{day}s")
}

/// A day of the week a scheduled journey sends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }

    /// Days after Monday: 0 to 6.
    pub fn index(self) -> u32 {
        self as u32
    }

    /// The weekday `days` after this one.
    pub fn after(self, days: u32) -> Weekday {
        Weekday::ALL[((self.index() + days) % 7) as usize]
    }
}

/// How recently the journey's recipients engaged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Engaged30,
    Engaged60,
    Engaged90,
    All,
}

impl Audience {
    pub const ALL: [Audience; 4] = [
        Audience::Engaged30,
        Audience::Engaged60,
        Audience::Engaged90,
        Audience::All,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Audience::Engaged30 => "Engaged in 30 days",
            Audience::Engaged60 => "Engaged in 60 days",
            Audience::Engaged90 => "Engaged in 90 days",
            Audience::All => "Everyone",
        }
    }

    pub fn index(self) -> u32 {
        self as u32
    }
}

/// Where the plan's mail is sent from. Platforms that route mail to SMTP
/// servers by their own rules limit which lane plans can be built.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// The brand's own code or an ESP's API picks the lane of each message.
    #[default]
    OwnCode,
    /// Customer.io, which assigns custom SMTP servers by message type.
    CustomerIo,
}

impl Platform {
    pub const ALL: [Platform; 2] = [Platform::OwnCode, Platform::CustomerIo];

    pub fn label(self) -> &'static str {
        match self {
            Platform::OwnCode => "Our own code or an ESP's API",
            Platform::CustomerIo => "Customer.io",
        }
    }

    /// The SMTP ports the platform's custom SMTP settings refuse;
    /// Customer.io's older guide lists 25, 465 and 587.
    pub const fn refused_ports(self) -> &'static [u16] {
        match self {
            Platform::OwnCode => &[],
            Platform::CustomerIo => &[25, 465, 587],
        }
    }

    /// The most SMTP servers the platform uses: Customer.io's All Emails
    /// and three message types. Routing reads it to keep a rule's fix
    /// buildable, the platform's setup to settle the types.
    pub const fn most_servers(self) -> u32 {
        match self {
            Platform::OwnCode => u32::MAX,
            Platform::CustomerIo => 4,
        }
    }
}
